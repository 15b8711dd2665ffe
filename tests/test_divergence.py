"""Divergence handling: gradient descent with too large a step on every scalar
catalog function.

Where descent can diverge, the run must report ``diverged`` (a non-finite coordinate,
gradient or value) or ``left_domain`` *at the step it happened* and return the last good
point: ``failed_at == n_iter + 1``, ``x`` finite, inside the domain and equal to the last row
of the path, ``value == f(x)`` finite, and replaying the refused step from ``x`` reproduces
``rejected`` bit for bit and shows what was wrong with it.

Where it cannot diverge, the test says why and checks the honest outcome: ``max_iterations``
or ``converged`` with a finite point inside the domain (``converged`` only with a gradient
that is exactly 0 at the returned point, the documented rule).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels import functions as F
from gradspec.kernels._generated.catalog import META
from gradspec.symbolic.catalog import CATALOG
from gradspec.symbolic.verifier import reference

SCALAR = sorted(k for k, m in META.items() if m["kind"] == "scalar")

#: (start, learning rate) with which descent leaves the finite numbers or the domain.
DIVERGES = {
    "linear_hypothesis": ((1.5, 1.5, 1.5), 10.0),  # bilinear θ₁x: |(θ₁, x)| grows ×(1 + α)
    "quartic": (1.0, 10.0),
    "exp2x_cos": (2.0, 10.0),
    "paraboloid_plus3": ((1.0, 1.0), 10.0),
    "poly_xy": ((1.0, 1.0), 10.0),
    "point_to_parabola": (2.0, 10.0),
    "paraboloid": ((1.0, 1.0), 10.0),
    "sauna": ((4.5, 4.5), 10.0),  # (4, 4) is a stationary point
    "exp_minus_log": (1.6, 10.0),  # the first step lands at x < 0
    "exp_minus_log_sin": (2.0, 10.0),
    "three_var": ((1.0, 1.0, 6.0), 10.0),
    "x2_plus_y": ((1.0, 1.0), 10.0),
    "sqrt": (66.0, 1e3),  # ∇ = 1/(2√x) > 0 pushes x below 0
    "square": (3.0, 10.0),
    "x2_sin_y": ((1.0, 1.0), 10.0),
    "sextic": (0.8, 10.0),
    "peaks": ((1.0, 1.0), 1e100),
}

#: Entries on which descent cannot diverge, and why.
CANNOT_DIVERGE = {
    "sigmoid": "|σ'| ≤ 1/4: each step moves x by at most α/4 (toward −∞, where σ' → 0)",
    "tanh": "|tanh'| ≤ 1: each step moves x by at most α, toward the flat tail",
    "sin_cos": "bounded gradient (sines and cosines): each step moves x by at most α·√2",
    "directional_derivative": "bounded gradient: each step is bounded by α·max‖∇f‖",
    "log_over_x": "∇ = (1 − ln n)/n² is bounded and → 0 as n → ∞, where descent goes; "
                  "f → 0 from below has no minimiser there, so the honest end is max_iterations",
    "reciprocal": "from x > 0, ∇ = −1/x² < 0 pushes x to +∞ with vanishing steps",
    "three_wells": "Gaussian wells: the gradient is bounded and vanishes far away",
    "relu": "∇ = 1 for x > 0 and 0 for x < 0: one step reaches the flat half-line, "
            "every point of which is a minimiser (exact zero gradient: converged)",
    "sign": "∇ = 0 away from 0: every start is stationary",
    "path_limit": "f is homogeneous of degree 0 and bounded; ∇f ~ 1/r pushes outward with "
                  "vanishing steps",
}


def test_every_scalar_entry_is_classified():
    assert set(DIVERGES) | set(CANNOT_DIVERGE) == set(SCALAR)
    assert not set(DIVERGES) & set(CANNOT_DIVERGE)


def _replay(fn, x, lr):
    """The candidate x − α∇f(x), with the loop's own operations (fixed schedule)."""
    g = np.atleast_1d(np.asarray(fn.module.grad(*x), dtype=float)).tolist()  # Python floats:
    return [xi - lr * gi for xi, gi in zip(x, g, strict=True)]  # overflow gives inf, no warning


@pytest.mark.parametrize("entry_id", sorted(DIVERGES))
@pytest.mark.parametrize("check_value", [True, False])
def test_too_large_a_step_is_reported_where_it_happened(entry_id, check_value):
    fn = F.get(entry_id)
    x0, lr = DIVERGES[entry_id]
    r = gk.gradient_descent(fn, x0, lr, 10_000, history=True, check_value=check_value)
    assert r.reason in ("diverged", "left_domain"), r.message
    assert not r.converged
    assert r.failed_at == r.n_iter + 1 >= 1, r.message
    x = r.point.tolist()
    assert all(math.isfinite(c) for c in x) and fn.in_domain(*x), r.message
    assert r.path.shape[0] == r.n_iter + 1 and r.path[-1].tolist() == x
    # f(x) is checked at every step by default; with check_value=False only at the end, so
    # the last good point may lie where f overflows (x² at x = 2.4e307): +inf, never NaN.
    assert r.value == fn.module.f(*x) and (math.isfinite(r.value) or not check_value
                                           and r.value == math.inf)
    # the refused point is the step from x, and it is bad in the way the reason says
    cand = _replay(fn, x, lr)
    rejected = list(np.atleast_1d(r.rejected))
    assert [c for c in cand] == rejected or (not all(map(math.isfinite, cand))
                                             and np.array_equal(cand, rejected, equal_nan=True))
    if r.reason == "left_domain":
        assert all(map(math.isfinite, cand)) and not fn.in_domain(*cand)
    else:
        bad_point = not all(map(math.isfinite, cand))
        bad_grad = (not bad_point) and fn.in_domain(*cand) and not np.all(
            np.isfinite(fn.module.grad(*cand)))
        bad_value = (not bad_point) and check_value and not math.isfinite(fn.module.f(*cand))
        assert bad_point or bad_grad or bad_value, (cand, r.message)
    assert f"step {r.failed_at}" in r.message and "last good point" in r.message


@pytest.mark.parametrize("entry_id", sorted(DIVERGES))
def test_divergence_threshold_stops_at_the_first_large_coordinate(entry_id):
    """With divergence_threshold = M a coordinate beyond M counts as divergence: the
    returned point stays within M (a step can also fail earlier, on an overflowing value)."""
    if entry_id in ("exp_minus_log", "exp_minus_log_sin", "sqrt"):
        pytest.skip("these leave the domain (x < 0) before growing: covered above")
    fn = F.get(entry_id)
    x0, lr = DIVERGES[entry_id]
    r = gk.gradient_descent(fn, x0, lr, 10_000, divergence_threshold=1e6)
    assert r.reason == "diverged" and r.failed_at == r.n_iter + 1
    assert max(abs(c) for c in r.point) <= 1e6
    rej = np.atleast_1d(r.rejected)
    assert not np.all(np.isfinite(rej)) or max(abs(rej)) > 1e6 or not math.isfinite(
        fn.module.f(*rej))


@pytest.mark.parametrize("entry_id", sorted(CANNOT_DIVERGE))
@pytest.mark.parametrize("lr", [10.0, 1e3, 1e8])
def test_no_divergence_possible_gives_an_honest_end(entry_id, lr):
    """See CANNOT_DIVERGE for the reason per entry."""
    fn = F.get(entry_id)
    box = CATALOG[entry_id].box
    x0 = tuple((lo + 2 * hi) / 3 for lo, hi in box)
    r = gk.gradient_descent(fn, x0, lr, 2000)
    assert r.reason in ("max_iterations", "converged"), (CANNOT_DIVERGE[entry_id], r.message)
    x = r.point.tolist()
    assert all(math.isfinite(c) for c in x) and fn.in_domain(*x)
    assert math.isfinite(r.value)  # (not necessarily below f(x0): big steps overshoot)
    if r.converged:
        assert r.grad_norm == 0.0 and not np.any(np.asarray(fn.module.grad(*x)))


def test_path_limit_far_away_gradient_is_not_falsely_zero():
    """Far from the origin (x² + y² overflows) the gradient ~ 1/r is still computed: the
    kernel evaluates the degree-0 homogeneous f at (x, y)·s and rescales exactly."""
    x, y = -1.1889775612505615e99, 2.4175877078761414e99
    ref = reference.scalar_reference("path_limit").evaluate([x, y])
    g = F.path_limit.grad(x, y)
    assert g[0] != 0.0 and math.isclose(g[0], float(ref["grad"][0]), rel_tol=1e-12)


def test_ascent_newton_and_multistart_report_divergence_too():
    """The same rules hold for ascent (on −f's direction), Newton and every multistart row."""
    r = gk.gradient_ascent(F.square, 3.0, 10.0, 10_000)  # x² has no maximum
    assert r.reason == "diverged" and r.failed_at == r.n_iter + 1 and math.isfinite(r.x)
    r = gk.newton(F.exp_minus_log, 5.0, damping=50.0, target="any")
    assert r.reason in ("left_domain", "diverged") and r.failed_at == r.n_iter + 1
    assert r.x > 0.0
    ms = gk.multistart(F.square, np.linspace(-3.0, 3.0, 7), learning_rate=10.0,
                       num_iterations=10_000)
    div = ms.reason == "diverged"
    assert div.sum() == 6 and ms.converged[3]  # x0 = 0 is stationary
    assert np.all(np.isfinite(ms.points)) and np.all(ms.failed_at[div] == ms.n_iter[div] + 1)
    assert np.all(ms.labels[div] == -1)
