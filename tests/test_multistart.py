"""multistart: many starts in one prange kernel, distinct end points, classification."""

from __future__ import annotations

import re

import numpy as np
import pytest
from numba import njit
from optim_cases import (
    ATOL_4_DECIMALS,
    ATOL_7_DECIMALS,
    ATOL_STATIONARY,
    EXPERIMENTS,
    PEAKS_GLOBAL_MAX,
    PEAKS_GLOBAL_MIN,
    PEAKS_REFERENCE,
    SEXTIC_MINIMA,
)

import gradspec.kernels as gk
from gradspec.kernels import _lanes, _loops, _params
from gradspec.symbolic.catalog import CATALOG

F = gk.functions


def test_sextic_random_starts_find_all_three_minima():
    """document 004: from random starts in [−2, 2] descent lands in different minima."""
    starts = np.random.default_rng(2024).uniform(-2.0, 2.0, 400)
    r = gk.multistart(F.sextic, starts, learning_rate=0.01, num_iterations=5000, tol=1e-12)
    assert r.x.shape == (400,) and r.points.shape == (400, 1)
    assert r.counts() == {"converged": 400}
    assert len(r.clusters) == 3 and r.minima == r.clusters
    found = sorted((c.x, c.value) for c in r.minima)
    for (x, v), (xr, vr) in zip(found, sorted(SEXTIC_MINIMA), strict=True):
        assert x == pytest.approx(xr, abs=ATOL_7_DECIMALS)
        assert v == pytest.approx(vr, abs=ATOL_7_DECIMALS)
    assert sum(c.count for c in r.clusters) == 400
    assert r.best.value == pytest.approx(SEXTIC_MINIMA[1][1], abs=ATOL_7_DECIMALS)
    assert np.all(r.labels >= 0)


def test_every_end_point_equals_a_single_run():
    starts = np.random.default_rng(7).uniform(-2.0, 2.0, 37)
    r = gk.multistart(F.sextic, starts, 0.01, 300, tol=1e-9)
    for s, x, n, why in zip(starts, r.x, r.n_iter, r.reason, strict=True):
        one = gk.gradient_descent(F.sextic, float(s), 0.01, 300, tol=1e-9)
        assert (one.x, one.n_iter, one.reason) == (x, n, why)


def _libm_multistart(module):
    """The general multistart loop with the module's libm f and f′: per start, bit-identical
    to ``gradient_descent`` (``tests/test_descend_1d.py`` holds the loops to that)."""
    f_vec, grad_into = module.f_vec, module.grad_into
    hess_into, in_domain_vec = module.hess_into, module.in_domain_vec

    @njit(parallel=True, error_model="numpy")
    def run(starts, fparams, iparams, fout, iout):
        _loops.multistart(f_vec, grad_into, hess_into, in_domain_vec, starts, fparams, iparams,
                          fout, iout)

    return run


#: (function, starts, [(learning rate, iterations, tol), …]): 20,000 starts each, where the
#: iteration contracts (each step damps an earlier difference).
_RNG = np.random.default_rng(11)
LANE_CASES = [
    ("exp_minus_log", _RNG.uniform(0.3, 2.5, 20000), [(0.1, 25, None), (0.1, 1000, 1e-12)]),
    ("exp2x_cos", _RNG.uniform(-2.0, 0.5, 20000), [(0.05, 100, None)]),
]
#: The promise of ``multistart``'s docstring where the iteration contracts: end points within
#: this many ulp of ``gradient_descent``'s from the same start, and the same reason.
LANE_ULPS = 2


@pytest.mark.parametrize("name, starts, settings", LANE_CASES, ids=[c[0] for c in LANE_CASES])
def test_lanes_within_a_few_ulp_of_gradient_descent(name, starts, settings):
    """With exp and log in their vectorisable forms (≤ 1 ulp from libm's each), every start
    ends within LANE_ULPS ulp of where ``gradient_descent`` ends, with the same reason."""
    module = getattr(F, name).module
    libm = _libm_multistart(module)
    for lr, n, tol in settings:
        fparams, iparams = _params.pack(learning_rate=lr, num_iterations=n, tol=tol,
                                        stop_on="either")
        out = []
        for run in (module.run_multistart, libm):
            x = starts[:, None].copy()
            fout, iout = _params.outputs(1, x.shape[0])
            run(x, fparams, iparams, fout, iout)
            out.append((x[:, 0], iout[:, _loops.R_REASON]))
        (x, reason), (x1, reason1) = out
        np.testing.assert_array_equal(reason, reason1)
        ulps = np.abs(x - x1) / np.spacing(np.abs(x1))
        assert ulps.max() <= LANE_ULPS, (name, lr, n, tol, ulps.max())


def test_the_multistart_loop_is_vectorised():
    """LLVM turns the step over the lanes of exp_minus_log (eˣ and ln x in the lane forms)
    into SIMD code: a vector body of doubles that calls no function but LLVM's own."""
    module = F.exp_minus_log.module
    f, grad, fg = module.f_lanes, module.grad_lanes, module.value_grad_lanes
    f_vec, grad_into, hess_into = module.f_vec, module.grad_into, module.hess_into
    in_domain, in_domain_vec = module.in_domain, module.in_domain_vec

    @njit(error_model="numpy")
    def run(starts, fparams, iparams, fout, iout):
        _lanes.multistart_1d(f, grad, fg, f_vec, grad_into, hess_into, in_domain,
                             in_domain_vec, starts, fparams, iparams, fout, iout)

    fparams, iparams = _params.pack(learning_rate=0.1, num_iterations=25, tol=None,
                                    stop_on="either")
    x = np.linspace(0.1, 3.0, 1000)[:, None]
    run(x, fparams, iparams, *_params.outputs(1, 1000))
    (ir,) = run.inspect_llvm().values()
    # LLVM's loop vectoriser names its blocks vector.body, vector.body12, …; the steps'
    # loops over the candidates are the ones that divide (1/x in f′, and the log form's
    # f/(2 + f))
    bodies = re.findall(r"^(vector\.body\d*:[\s\S]*?)(?=^[\w.]+:)", ir, re.M)
    steps = [b for b in bodies if re.search(r"fdiv <\d+ x double>", b)]
    # with f checked at every step: f′'s 1/x and the log's division, SIMD-wide (the exp
    # divides nowhere)
    assert any(len(re.findall(r"fdiv <[24] x double>", b)) == 2 for b in steps), len(steps)
    native = ("llvm.fabs.", "llvm.minnum.", "llvm.maxnum.", "llvm.copysign.", "llvm.sqrt.",
              "llvm.fma.")
    calls = [c for b in steps for c in re.findall(r"call [^@]*@([\w.$]+)\(", b)]
    assert all(c.startswith(native) for c in calls), calls


def test_exp_minus_log_experiments_in_one_call():
    """The lab table's 25-step rows as one multistart (α = 0.1): same results as single runs."""
    rows = [(x0, final) for a, n, x0, final, _ in EXPERIMENTS if a == 0.1 and n == 25]
    starts = np.array([x0 for x0, _ in rows])
    r = gk.multistart(F.exp_minus_log, starts, 0.1, 25)
    for (_, final), x, why, failed in zip(rows, r.x, r.reason, r.failed_at, strict=True):
        if isinstance(final, float):
            assert x == final and why == "max_iterations"  # bit for bit
        else:
            assert why == "left_domain" and x > 0 and failed == 2
    # the failed start is in no cluster; the others all reach Ω's neighbourhood
    assert list(r.labels[r.reason == "left_domain"]) == [-1]
    assert len(r.clusters) == 1 and r.clusters[0].kind == "min"


def _grid(entry_id):
    (x0, x1, nx), (y0, y1, ny) = CATALOG[entry_id].grid
    xs, ys = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    return np.array([(a, b) for a in xs for b in ys])


def test_peaks_descent_and_ascent_from_a_grid():
    """document 004: the global minimum and maximum of peaks, by descent and ascent."""
    starts = _grid("peaks")
    down = gk.multistart(F.peaks, starts, 0.01, 5000, tol=1e-10, method="descent")
    (xy, fmin) = PEAKS_GLOBAL_MIN
    assert down.best.kind == "min"
    np.testing.assert_allclose(down.best.x, xy, rtol=0, atol=ATOL_4_DECIMALS)
    assert down.best.value == pytest.approx(fmin, abs=ATOL_4_DECIMALS)
    assert list(down.value[np.argsort(down.value)][:1]) == [down.best.value]
    up = gk.multistart(F.peaks, starts, 0.01, 5000, tol=1e-10, method="ascent")
    (xy, fmax) = PEAKS_GLOBAL_MAX
    assert up.best.kind == "max"
    np.testing.assert_allclose(up.best.x, xy, rtol=0, atol=ATOL_4_DECIMALS)
    assert up.best.value == pytest.approx(fmax, abs=ATOL_4_DECIMALS)
    assert up.best.value == up.value.max()


def test_peaks_every_stationary_point_classified_by_the_hessian():
    """Newton from the catalog's grid finds the derivation's stationary points, same kinds."""
    from gradspec.symbolic.generator.derive import derivation

    r = gk.multistart(F.peaks, _grid("peaks"), num_iterations=100, tol=1e-12, method="newton",
                      target="any")
    box = np.array(CATALOG["peaks"].box)
    inside = [c for i, c in enumerate(r.clusters)
              if np.all(c.point >= box[:, 0]) and np.all(c.point <= box[:, 1])
              and r.converged[r.labels == i].any()]
    derived = derivation("peaks").stationary_points
    assert len(inside) == len(derived)
    for s in derived:
        point = np.array([float(v) for v in s.point])
        match = [c for c in inside if np.max(np.abs(c.point - point)) <= ATOL_STATIONARY]
        assert len(match) == 1, (s, [c.x for c in inside])
        assert match[0].kind == s.kind
    # and document 004's named points are among them, with their kinds and values
    for xy, kind, value in PEAKS_REFERENCE:
        match = [c for c in inside if np.max(np.abs(c.point - np.array(xy))) <= ATOL_4_DECIMALS]
        assert len(match) == 1 and match[0].kind == kind
        assert match[0].value == pytest.approx(value, abs=ATOL_4_DECIMALS)


def test_serial_and_parallel_agree():
    starts = np.random.default_rng(3).uniform(-2.0, 2.0, (1000, 2))
    par = gk.multistart(F.three_wells, starts + 2.0, 0.2, 60)
    ser = gk.multistart(F.three_wells, starts + 2.0, 0.2, 60, threads=1)
    assert np.array_equal(par.points, ser.points)
    assert np.array_equal(par.reason, ser.reason)
    assert par.x.shape == (1000, 2)


BAD = [
    (dict(starts=np.zeros((3, 2))), ValueError, "starts must have shape (S, 1)"),
    (dict(starts=[]), ValueError, "starts"),
    (dict(starts=[1.0, np.nan]), ValueError, "row 1"),
    (dict(starts=[1.0, 2.0, -0.5]), ValueError, "starts row 2 = (x=-0.5) is outside the domain"),
    (dict(starts="1.0"), TypeError, "starts"),
    (dict(method="sideways"), ValueError, "method must be one of"),
    (dict(learning_rate=0), ValueError, "learning_rate"),
    (dict(cluster_radius=-1.0), ValueError, "cluster_radius"),
    (dict(threads=0), ValueError, "threads"),
]


@pytest.mark.parametrize("override, error, text", BAD, ids=[b[2][:30] for b in BAD])
def test_bad_input(monkeypatch, override, error, text):
    fn = F.exp_minus_log

    def refuse(*args):
        raise AssertionError("the compiled loop ran before the arguments were checked")

    monkeypatch.setattr(fn.module, "run_multistart", refuse)
    kwargs = dict(starts=[1.0, 2.0], learning_rate=0.1, num_iterations=25) | override
    with pytest.raises(error) as info:
        gk.multistart(fn, **kwargs)
    assert text in str(info.value) and str(info.value).startswith("multistart:")
