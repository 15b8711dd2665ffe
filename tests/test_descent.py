"""Gradient descent and ascent: the labs' printed results, failures, schedules, input.

Reference values are the catalog's, through ``optim_cases`` (each cited there).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from optim_cases import (
    ATOL_3_DECIMALS,
    ATOL_4_DECIMALS,
    ATOL_SAUNA,
    EXPERIMENTS,
    LAB_EXP_MINUS_LOG,
    LAB_EXP_MINUS_LOG_SIN,
    LAB_SAUNA,
    LAB_THREE_WELLS_GLOBAL,
    LAB_THREE_WELLS_LOCAL,
    ONE_STEP,
    PEAKS_GLOBAL_MAX,
    SLOPE_DATA,
)

import gradspec.kernels as gk
from gradspec.kernels import schedules
from gradspec.symbolic.catalog import CATALOG

F = gk.functions


def lab_loop(fn, x0, learning_rate, num_iterations):
    """The labs' loop, x = x - learning_rate * dfdx(x), in plain Python on the generated
    gradient's Python source (no domain check, as in the labs).  Returns every iterate."""
    grad = fn.module.grad.py_func
    x = tuple(float(v) for v in np.atleast_1d(x0))
    out = [x]
    for _ in range(num_iterations):
        g = grad(*x)
        g = (g,) if len(x) == 1 else g
        x = tuple(xi - learning_rate * gi for xi, gi in zip(x, g, strict=True))
        out.append(x)
    return out


# -- the labs' printed results (document 002) -----------------------------------------------------
def test_lab_exp_minus_log_bit_for_bit():
    x0, alpha, n, printed = LAB_EXP_MINUS_LOG
    r = gk.gradient_descent(F.exp_minus_log, x0=x0, learning_rate=alpha, num_iterations=n)
    assert r.x == printed  # bit for bit
    assert r.n_iter == n
    assert r.reason == "max_iterations" and not r.converged  # tol=None: no stopping rule
    assert r.value == F.exp_minus_log.f(printed)


@pytest.mark.parametrize("case", LAB_EXP_MINUS_LOG_SIN, ids=["global", "local"])
def test_lab_exp_minus_log_sin_bit_for_bit(case):
    x0, alpha, n, printed = case
    r = gk.gradient_descent(F.exp_minus_log_sin, x0, alpha, n)
    assert r.x == printed  # bit for bit
    assert r.n_iter == n


def test_lab_sauna():
    x0, alpha, n, printed = LAB_SAUNA
    r = gk.gradient_descent(F.sauna, x0=x0, learning_rate=alpha, num_iterations=n, history=True)
    assert isinstance(r.x, tuple) and len(r.x) == 2
    np.testing.assert_allclose(r.x, printed, rtol=0, atol=ATOL_SAUNA)
    # the coolest temperature, 3313/45 (doc. 002), derived from T(4, 4) = 85 − 16·(−2)·16·(−2)/90
    assert Fraction(85) - Fraction(16 * -2 * 16 * -2, 90) == Fraction(3313, 45)
    assert r.value == pytest.approx(3313 / 45, rel=1e-14)
    assert r.path.shape == (n + 1, 2)


def test_lab_three_wells_global_bit_for_bit():
    x0, alpha, n, printed = LAB_THREE_WELLS_GLOBAL
    r = gk.gradient_descent(F.three_wells, x0, alpha, n)
    assert r.x == printed  # bit for bit


@pytest.mark.parametrize("case", LAB_THREE_WELLS_LOCAL, ids=["from (2, 3)", "from (4, 0.5)"])
def test_lab_three_wells_local_minima(case):
    x0, alpha, n, near = case
    r = gk.gradient_descent(F.three_wells, x0, alpha, n)
    np.testing.assert_allclose(r.x, near, rtol=0, atol=ATOL_3_DECIMALS)
    # and it is a local minimum, not the global one: run to convergence, it is the catalog's
    # reference minimum nearest the lab's point (document 002: "local minima near (2.9806,
    # 1.5409) and (3.4789, 3.9475)"), at a higher value than the global minimum
    more = gk.gradient_descent(F.three_wells, x0, alpha, 2000, tol=1e-12)
    assert more.converged
    minima = [(float(a), float(b)) for a, b, _ in CATALOG["three_wells"].extra["reference_minima"]]
    nearest = min(minima, key=lambda m: math.dist(m, near))
    assert nearest != minima[0]  # minima[0] is the global one
    np.testing.assert_allclose(more.x, nearest, rtol=0, atol=ATOL_4_DECIMALS)
    glob = gk.gradient_descent(F.three_wells, LAB_THREE_WELLS_GLOBAL[0], alpha, 2000, tol=1e-12)
    assert more.value > glob.value


def test_kernel_equals_the_plain_python_lab_loop_on_every_iterate():
    """The compiled update is the labs' floating-point expression, iterate by iterate."""
    for fn, x0, alpha, n in ((F.exp_minus_log, 1.6, 0.1, 25), (F.sauna, (0.5, 0.6), 0.25, 30),
                             (F.three_wells, (0.5, 3.0), 0.2, 100)):
        r = gk.gradient_descent(fn, x0, alpha, n, history=True)
        assert np.array_equal(r.path, np.array(lab_loop(fn, x0, alpha, n)))


# -- the parameter experiments (document 002 table) ------------------------------------------------
def test_experiment_table_matches_the_catalog():
    """optim_cases copies document 002's table; the catalog holds the same (α, iterations, x0)."""
    rows = CATALOG["exp_minus_log"].extra["experiments"]
    assert [(a, n, x0, say) for a, n, x0, _, say in EXPERIMENTS] == list(rows)


@pytest.mark.parametrize("row", EXPERIMENTS,
                         ids=[f"a={r[0]},n={r[1]},x0={r[2]}" for r in EXPERIMENTS])
def test_experiment_table_without_tol(row):
    alpha, n, x0, final, _ = row
    fn = F.exp_minus_log
    r = gk.gradient_descent(fn, x0, alpha, n)
    lab = lab_loop(fn, x0, alpha, n)
    if isinstance(final, float):
        assert r.x == final  # bit for bit
        assert r.reason == "max_iterations" and r.n_iter == n
        return
    # The lab's unchecked loop ends at the document's (meaningless) negative value, printed there
    # truncated with "…" ...
    assert repr(lab[-1][0]).startswith(final)
    # ... but the kernel refuses the first step that leaves x > 0 and returns the point before.
    first_bad = next(i for i, (v,) in enumerate(lab) if v <= 0)
    assert r.reason == "left_domain" and not r.converged
    assert r.failed_at == first_bad
    assert r.n_iter == first_bad - 1
    assert r.x == lab[first_bad - 1][0] and r.x > 0
    assert r.rejected == lab[first_bad][0] and r.rejected <= 0
    assert "left the domain" in r.message


#: What each row's "the document says" means for a run with a tol (1e-5 on ‖∇f‖, below which
#: every converging row of the table ends).
VERDICT = {
    "converges": "converged",
    "converges faster": "converged",
    "converges slowly": "converged",
    "works, large first step": "converged",
    "risks missing the minimum": "converged",
    "not enough iterations": "max_iterations",
    "does not converge": "left_domain",
}


def test_experiment_table_with_tol():
    fn = F.exp_minus_log
    runs = {}
    for alpha, n, x0, _, says in EXPERIMENTS:
        r = gk.gradient_descent(fn, x0, alpha, n, tol=1e-5, stop_on="gradient")
        assert r.reason == VERDICT[says], (alpha, n, x0, says, r.message)
        if r.converged:
            assert r.grad_norm <= 1e-5 and r.n_iter <= n
        runs[(alpha, n, x0)] = r
    # "converges faster": α = 0.3 needs fewer steps than α = 0.1; "slowly": α = 0.04 needs > 25
    assert runs[(0.3, 25, 1.6)].n_iter < runs[(0.1, 25, 1.6)].n_iter
    assert runs[(0.04, 75, 1.6)].n_iter > 25


def test_stop_on_step_and_either():
    fn = F.exp_minus_log
    step = gk.gradient_descent(fn, 1.6, 0.1, 1000, tol=1e-9, stop_on="step", history=True)
    assert step.converged and step.step_norm <= 1e-9
    assert np.linalg.norm(step.path[-1] - step.path[-2]) == step.step_norm
    either = gk.gradient_descent(fn, 1.6, 0.1, 1000, tol=1e-9)
    grad = gk.gradient_descent(fn, 1.6, 0.1, 1000, tol=1e-9, stop_on="gradient")
    assert either.n_iter == min(step.n_iter, grad.n_iter)


# -- stationary start, divergence -----------------------------------------------------------------
@pytest.mark.parametrize("tol", [None, 1e-8])
def test_sextic_from_zero_never_moves(tol):
    """document 004: from x0 = 0 exactly, f'(0) = 0 and descent never moves."""
    r = gk.gradient_descent(F.sextic, 0.0, 0.01, 50, tol=tol, history=True)
    assert r.x == 0.0 and r.n_iter == 0
    assert r.stationary_start and r.converged and r.reason == "converged"
    assert r.path.shape == (1, 1)
    assert "stationary" in r.message


def test_non_finite_iterate_is_diverged_and_refused():
    # f'(x) = 6x⁵ − 20x³ + 8x: from x = 3 with α = 0.1 the steps explode to inf
    r = gk.gradient_descent(F.sextic, 3.0, 0.1, 100)
    assert r.reason == "diverged" and not r.converged
    assert r.failed_at == r.n_iter + 1
    assert math.isfinite(r.x) and math.isfinite(r.value)
    assert f"step {r.failed_at}" in r.message


def test_divergence_threshold():
    # x ← x − 1.5·2x = −2x on x² + y²: |x| doubles every step (finite for 25 steps)
    free = gk.gradient_descent(F.paraboloid, (1.0, 1.0), 1.5, 25)
    assert free.reason == "max_iterations" and free.x == (-(2.0**25), -(2.0**25))
    capped = gk.gradient_descent(F.paraboloid, (1.0, 1.0), 1.5, 25, divergence_threshold=1e6)
    assert capped.reason == "diverged"
    assert capped.x == (-(2.0**19), -(2.0**19)) and capped.failed_at == 20
    assert capped.rejected == (2.0**20, 2.0**20)


def test_start_with_overflowing_value():
    r = gk.gradient_descent(F.exp_minus_log, 800.0, 0.1, 25)  # e^800 overflows
    assert r.reason == "diverged" and r.failed_at == 0 and r.n_iter == 0 and r.x == 800.0
    assert "start" in r.message


# -- ascent: the seed's two ways agree ------------------------------------------------------------
def test_ascent_two_ways_agree_bit_for_bit():
    kwargs = dict(learning_rate=0.01, num_iterations=3000, tol=1e-10, history=True)
    flip = gk.gradient_ascent(F.peaks, (0.0, 1.0), how="flip", **kwargs)
    negate = gk.gradient_ascent(F.peaks, (0.0, 1.0), how="negate", **kwargs)
    assert np.array_equal(flip.path, negate.path)
    assert flip.x == negate.x and flip.value == negate.value and flip.n_iter == negate.n_iter
    # it climbs to the global maximum of document 004, and value is f (not −f)
    (xy, fmax) = PEAKS_GLOBAL_MAX
    assert flip.converged
    np.testing.assert_allclose(flip.x, xy, rtol=0, atol=ATOL_4_DECIMALS)
    assert flip.value == pytest.approx(fmax, abs=ATOL_4_DECIMALS)
    # one ascent step is x + α∇f
    one = gk.gradient_ascent(F.peaks, (0.0, 1.0), 0.01, 1)
    g = F.peaks.grad(0.0, 1.0)
    assert one.x == (0.0 + 0.01 * g[0], 1.0 + 0.01 * g[1])


# -- schedules ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["time", "gradient"])
def test_schedule_formula(name):
    """Every step of the compiled loop is x − α_t∇f(x) with α_t from the documented formula."""
    fn = F.three_wells
    alpha, n = 0.2, 40
    r = gk.gradient_descent(fn, (0.5, 3.0), alpha, n, schedule=name, history=True)
    assert r.schedule == name and r.n_iter == n
    for t in range(n):
        x = r.path[t]
        g = np.array(fn.grad(*x))
        lr = schedules.learning_rate(name, alpha, t, n, float(np.sqrt(np.sum(g * g))))
        assert np.array_equal(r.path[t + 1], x - lr * g), t


def test_schedules_change_the_path_and_fixed_is_the_default():
    fn = F.exp_minus_log
    fixed = gk.gradient_descent(fn, 1.6, 0.1, 25)
    assert fixed.x == gk.gradient_descent(fn, 1.6, 0.1, 25, schedule="fixed").x
    time_ = gk.gradient_descent(fn, 1.6, 0.1, 25, schedule="time-based")
    assert time_.schedule == "time" and time_.x != fixed.x
    assert time_.last_learning_rate == pytest.approx(0.1 / 25)


# -- the one-step examples of 000 -----------------------------------------------------------------
@pytest.mark.parametrize("case", ONE_STEP, ids=["from 0", "from 2"])
def test_one_step_examples_of_000(case):
    theta, alpha, rounded_slope, document_theta, exact_4dp = case
    x, y = SLOPE_DATA
    slope = F.cost_slope_only.grad(theta, np.array(x), np.array(y))
    # document 000: on this data dJ/dθ1 = (θ1 − 1)·14/3
    assert slope == pytest.approx((theta - 1) * 14 / 3, rel=1e-15)
    exact = theta - alpha * slope
    assert round(exact, 4) == exact_4dp
    t, a = Fraction(theta), Fraction(alpha)
    assert exact == pytest.approx(float(t - a * (t - 1) * Fraction(14, 3)), rel=1e-15)
    # the document's step uses the rounded slope and lands elsewhere
    assert theta - alpha * rounded_slope == pytest.approx(document_theta, rel=1e-15)
    assert abs(exact - document_theta) > 0.03


# -- bad input: a clear error before any compiled code runs ---------------------------------------
BAD = [
    (F.sauna, dict(x0=1.0), ValueError, "x0 must have 2 coordinate"),
    (F.sauna, dict(x0=(1.0, 2.0, 3.0)), ValueError, "x0 must have 2 coordinate"),
    (F.exp_minus_log, dict(x0=(1.0, 2.0)), ValueError, "x0 must have 1 coordinate"),
    (F.sauna, dict(x0=[[1.0, 2.0]]), ValueError, "x0 must be one point"),
    (F.exp_minus_log, dict(x0=float("nan")), ValueError, "x0 must be finite"),
    (F.sauna, dict(x0=(1.0, float("inf"))), ValueError, "x0 must be finite"),
    (F.exp_minus_log, dict(x0=-1.0), ValueError, "outside the domain of exp_minus_log (x > 0)"),
    (F.exp_minus_log, dict(x0=0.0), ValueError, "outside the domain"),
    (F.exp_minus_log, dict(x0="1.6"), TypeError, "x0"),
    (F.exp_minus_log, dict(x0=None), TypeError, "x0"),
    (F.exp_minus_log, dict(learning_rate=0.0), ValueError,
     "learning_rate must be a finite number > 0"),
    (F.exp_minus_log, dict(learning_rate=-0.1), ValueError, "learning_rate"),
    (F.exp_minus_log, dict(learning_rate=float("nan")), ValueError, "learning_rate"),
    (F.exp_minus_log, dict(learning_rate=float("inf")), ValueError, "learning_rate"),
    (F.exp_minus_log, dict(learning_rate="0.1"), TypeError, "learning_rate"),
    (F.exp_minus_log, dict(num_iterations=-1), ValueError, "num_iterations must be ≥ 0"),
    (F.exp_minus_log, dict(num_iterations=2.5), TypeError,
     "num_iterations must be a non-negative integer"),
    (F.exp_minus_log, dict(num_iterations=True), TypeError, "num_iterations"),
    (F.exp_minus_log, dict(schedule="cosine"), ValueError, "unknown schedule 'cosine'"),
    (F.exp_minus_log, dict(schedule=3), TypeError, "schedule"),
    (F.exp_minus_log, dict(tol=-1e-3), ValueError, "tol"),
    (F.exp_minus_log, dict(tol=float("nan")), ValueError, "tol"),
    (F.exp_minus_log, dict(stop_on="value"), ValueError, "stop_on"),
    (F.exp_minus_log, dict(history="yes"), TypeError, "history"),
    (F.log_loss, dict(), TypeError, "log_loss is a 'data' entry"),
    ("exp_minus_log", dict(), TypeError, "fn must be a gradspec function"),
]


@pytest.mark.parametrize("fn, override, error, text", BAD,
                         ids=[f"{b[3][:30]}-{i}" for i, b in enumerate(BAD)])
def test_bad_input(monkeypatch, fn, override, error, text):
    if hasattr(fn, "module"):
        def refuse(*args):
            raise AssertionError("a compiled loop ran before the arguments were checked")

        for entry in ("run_descent", "run_descent_scalar"):
            monkeypatch.setattr(fn.module, entry, refuse, raising=False)
    kwargs = dict(x0=1.6, learning_rate=0.1, num_iterations=25) | override
    with pytest.raises(error) as info:
        gk.gradient_descent(fn, **kwargs)
    assert text in str(info.value)
    assert str(info.value).startswith("gradient_descent:")


def test_bad_ascent_way():
    with pytest.raises(ValueError, match="how must be one of 'flip', 'negate'"):
        gk.gradient_ascent(F.peaks, (0.0, 1.0), how="negative")


def test_inputs_are_converted_not_refused():
    fn = F.sauna
    ref = gk.gradient_descent(fn, (0.5, 0.6), 0.25, 30).x
    for x0 in ([0.5, 0.6], np.array([0.5, 9.0, 0.6])[::2], np.array([[0.5], [0.6]])[:, 0],
               (np.float64(0.5), 0.6)):
        assert gk.gradient_descent(fn, x0, 0.25, 30).x == ref
    one = gk.gradient_descent(F.exp_minus_log, [1.6], 0.1, 25)
    assert one.x == LAB_EXP_MINUS_LOG[3]
    ints = gk.gradient_descent(F.sauna, (1, 1), 1, 0)
    assert ints.x == (1.0, 1.0) and ints.n_iter == 0
