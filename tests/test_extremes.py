"""Extreme values: logits up to ±1000, probabilities at 0 and 1, the singular points of
exp_minus_log, reciprocal and path_limit, and the margin at a normal vector near the smallest
double.

Every public kernel is compared with the catalog's own reference — the document's expression
and its SymPy derivatives evaluated by mpmath (``gradspec.symbolic.verifier.reference``) — but at
``REF_DPS`` digits instead of 50: at z = ±1000 the document's form ln(1 − σ(z)) needs ~435
digits before anything is left after 1 − σ(z), and σ''(z) near 0 needs as many digits as
z has leading zeros.

The rule each value must meet (``check``), with the tolerances named once:

* the true value r beyond ±``DBL_MAX``: the kernel returns ±inf (float64's rounding of it);
* otherwise |got − r| ≤ ``REL``·max(|r|, ``TINY``): ``REL`` = 1e-12 is the three-way check's
  compiled-vs-reference bound (docs/design.md); below the smallest normal number ``TINY`` float64
  has absolute, not relative, precision (gradual underflow), so there the error is measured
  against ``TINY``;
* Hessians of σ and of the log-loss: σ''(z) = σσ'(σ(−z) − σ(z)) is computed from the float64
  σ(±z), whose difference near z = 0 is pure cancellation — no float64 evaluation of the form
  can beat ε·S, where S is the reference's first-order rounding-error scale of the compiled
  form (``reference.error_scale``); these values are held to ``REL``·max(|r|, S, ``TINY``),
  the three-way check's rule (``tolerances.RTOL_COMPILED``).

Where the math is infinite or undefined the kernels refuse: cross_entropy at q = 0
(ln 0 = −∞) raises ValueError naming q; exp_minus_log, reciprocal, path_limit at their
singular points raise ValueError ("outside the domain").  Where the value exists but float64
cannot produce it from the generated form (near path_limit's singular point intermediate terms
overflow, giving 0·inf), the wrapper raises FloatingPointError instead of returning NaN.
Nowhere else: the cross-entropy's Hessian p/q² is computed as p/q/q (q² underflows for
q < 1.5e-154 while the quotient may be finite), and the margin is evaluated at (w, w0)·s, a
power of 2 that brings max|wⱼ| to [½, 1) (M has degree 0, ∇M degree −1).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels import functions as F
from gradspec.kernels._generated import losses
from gradspec.symbolic.verifier import reference
from gradspec.symbolic.verifier.tolerances import RTOL_COMPILED

#: Digits for the references here (see the module docstring).
REF_DPS = 1200
REL = RTOL_COMPILED
DBL_MAX = 1.7976931348623157e308
TINY = 2.2250738585072014e-308  # smallest normal float64

LOGITS = [-1000.0, -745.5, -709.0, -100.0, -36.7, -1.0, -1e-300, 0.0, 1e-300, 1.0, 36.7,
          100.0, 709.0, 745.5, 1000.0]


@pytest.fixture(autouse=True)
def _many_digits(monkeypatch):
    monkeypatch.setattr(reference, "DPS", REF_DPS)


def check(got, ref, what, scale=0):
    """Assert ``got`` meets the rule of the module docstring against the mpf ``ref``."""
    with mpmath.workdps(REF_DPS):
        r = mpmath.mpf(ref)
        assert not math.isnan(got), f"{what}: NaN (reference {mpmath.nstr(r, 17)})"
        if abs(r) > DBL_MAX:
            assert got == math.copysign(math.inf, r), (
                f"{what}: reference {mpmath.nstr(r, 17)} is beyond float64; got {got!r}")
            return
        bound = REL * max(abs(r), mpmath.mpf(scale), TINY)
        err = abs(mpmath.mpf(got) - r)
        assert err <= bound, (f"{what}: got {got!r}, reference {mpmath.nstr(r, 20)}, "
                              f"error {mpmath.nstr(err, 3)} > {mpmath.nstr(bound, 3)}")


# -- sigmoid ---------------------------------------------------------------------------------


@pytest.mark.parametrize("z", LOGITS)
def test_sigmoid_and_derivatives(z):
    ref = reference.scalar_reference("sigmoid").evaluate([z])
    fn = F.sigmoid
    check(fn.f(z), ref["f"], f"σ({z})")
    check(fn.grad(z), ref["grad"][0], f"σ'({z})")
    check(fn.hess(z), ref["hess"][0][0], f"σ''({z})", scale=ref["sh"][0][0])
    assert 0.0 <= fn.f(z) <= 1.0 and fn.grad(z) >= 0.0


def test_sigmoid_saturates_exactly():
    """σ(±1000) is 1 and 0 to float64 (the true values are 1 − 5e-435 and 5e-435)."""
    assert F.sigmoid.f(1000.0) == 1.0 and F.sigmoid.f(-1000.0) == 0.0
    assert F.sigmoid.f(-745.0) > 0.0  # still a subnormal, not flushed


# -- the per-sample log-loss and its z-derivatives (generated once, in losses.py) ---------------


@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("z", LOGITS)
def test_log_loss_link(z, y):
    """losses.log_loss(z, y) = ℓ, log_loss_dz = ℓ', log_loss_dz2 = ℓ'' against the catalog
    log_loss with one sample x = 1, w = 0 (so z = b and ∂/∂b = d/dz)."""
    ref = reference.data_reference("log_loss", 1).evaluate([0.0, z], (np.ones(1), np.array([y])))
    check(losses.log_loss(z, y), ref["f"], f"ℓ({z}, {y})")
    check(losses.log_loss_dz(z, y), ref["grad"][1], f"ℓ'({z}, {y})")
    check(losses.log_loss_dz2(z, y), ref["hess"][1][1], f"ℓ''({z}, {y})",
          scale=ref["sh"][1][1])


@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("z", LOGITS)
def test_log_loss_entry_and_fused_cost(z, y):
    """The catalog entry log_loss.f/grad/hess(w, b, x, y) with w·x + b = z, and the fused
    logistic_cost_grad, at the same logit."""
    x, yy = np.array([2.0]), np.array([y])
    w, b = z / 4.0, z / 2.0  # w·2 + b = z exactly (division by powers of 2)
    ref = reference.data_reference("log_loss", 1).evaluate([w, b], (x, yy))
    fn = F.log_loss
    check(fn.f(w, b, x, yy), ref["f"], f"J at z={z}, y={y}")
    g = fn.grad(w, b, x, yy)
    for k in range(2):
        check(g[k], ref["grad"][k], f"∇J[{k}] at z={z}, y={y}")
    h = fn.hess(w, b, x, yy)
    for a in range(2):
        for c in range(2):
            check(h[a][c], ref["hess"][a][c], f"H[{a}][{c}] at z={z}, y={y}",
                  scale=ref["sh"][a][c])
    cost, grad = gk.logistic_cost_grad([b, w], x[:, None], yy)
    check(cost, ref["f"], f"fused J at z={z}, y={y}")
    check(grad[0], ref["grad"][1], f"fused ∂J/∂θ₀ at z={z}, y={y}")
    check(grad[1], ref["grad"][0], f"fused ∂J/∂θ₁ at z={z}, y={y}")


@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("z", LOGITS)
def test_likelihood(z, y):
    """L = Π σ^y (1 − σ)^(1 − y): at a wrong logit of ±1000 it is e^−1000 (0 in float64,
    within TINY); the gradient likewise."""
    x, yy = np.array([1.0]), np.array([y])
    ref = reference.data_reference("likelihood", 1).evaluate([0.0, z], (x, yy))
    fn = F.likelihood
    check(fn.f(0.0, z, x, yy), ref["f"], f"L at z={z}, y={y}")
    g = fn.grad(0.0, z, x, yy)
    for k in range(2):
        check(g[k], ref["grad"][k], f"∇L[{k}] at z={z}, y={y}")
    h = fn.hess(0.0, z, x, yy)
    for a in range(2):
        for c in range(2):
            check(h[a][c], ref["hess"][a][c], f"H[{a}][{c}] at z={z}, y={y}",
                  scale=ref["sh"][a][c])


# -- cross-entropy at probabilities 0 and 1 ----------------------------------------------------

Q_VALUES = [5e-324, 1e-310, 1e-300, 1e-150, 1e-8, 0.5, 1.0 - 2.0**-53, 1.0]


@pytest.mark.parametrize("p", [0.0, 1e-300, 0.5, 1.0])
@pytest.mark.parametrize("q", [*Q_VALUES, 1.2e-154, 1e-154])
def test_cross_entropy_near_zero_and_one(q, p):
    """−1/m Σ pᵢ ln qᵢ for one sample: finite for every q > 0 (ln 5e-324 = −744.4); the
    gradient −p/q and the Hessian p/q² are right, or ±inf exactly where the true value is
    beyond float64 (q < 5.6e-309 for p = 1/2 in the gradient, q < 7.5e-155·√p in the
    Hessian).  Below q = 1.5e-154 q² underflows: p/q² evaluated as written would be 0/0
    (p = 0), inf (p = q = 1e-300, true value 1e300) or lose bits to a subnormal q²."""
    qa, pa = np.array([q]), np.array([p])
    ref = reference.vector_reference("cross_entropy", 1, 0).evaluate([q], (pa,))
    fn = F.cross_entropy
    check(fn.f(qa, pa), ref["f"], f"CE(q={q}, p={p})")
    check(fn.grad(qa, pa)[0], ref["grad"][0], f"∂CE/∂q(q={q}, p={p})")
    check(fn.hess(qa, pa)[0, 0], ref["hess"][0][0], f"∂²CE/∂q²(q={q}, p={p})")


@pytest.mark.parametrize("meth", ["f", "grad", "hess"])
def test_cross_entropy_at_q_zero_is_a_clear_error(meth):
    """q = 0: ln 0 = −∞ (and with p = 0 the term 0·ln 0 has no value without a convention
    the document does not state), so the wrapper refuses q ≤ 0 by name."""
    for p in (0.0, 0.5, 1.0):
        with pytest.raises(ValueError, match=r"q must be > 0 \(ln q\); index 0 holds 0\.0"):
            getattr(F.cross_entropy, meth)(np.array([0.0, 0.5]), np.array([p, 0.5]))


# -- exp_minus_log near 0⁺ ---------------------------------------------------------------------


@pytest.mark.parametrize("x", [5e-324, 1e-320, 1e-310, 1e-300, 1e-200, 1e-155, 1e-150, 1e-100,
                               1e-8, 0.5671432904097838, 700.0, 709.7])
def test_exp_minus_log_near_zero(x):
    """eˣ − ln x is finite down to the smallest subnormal (745.44 at 5e-324); eˣ − 1/x and
    eˣ + 1/x² overflow to −inf / +inf exactly where their true values exceed float64
    (x < 5.6e-309, x < 7.5e-155) — never a ZeroDivisionError, never NaN."""
    ref = reference.scalar_reference("exp_minus_log").evaluate([x])
    fn = F.exp_minus_log
    check(fn.f(x), ref["f"], f"f({x})")
    # at the minimum x* = 0.56714… f' = eˣ − 1/x cancels: held to ε·S (module docstring)
    check(fn.grad(x), ref["grad"][0], f"f'({x})", scale=ref["sg"][0])
    check(fn.hess(x), ref["hess"][0][0], f"f''({x})")


def test_exp_minus_log_newton_near_zero_reports_instead_of_raising():
    """Newton from x0 = 1e-170: f'' = 1e340 overflows; the run stops as diverged at step 1
    with the start as its point (before the generator printed x**-2 as 1.0/x**2 this was a
    ZeroDivisionError from inside the compiled loop)."""
    r = gk.newton(F.exp_minus_log, 1e-170)
    assert r.reason == "diverged" and r.failed_at == 1 and r.x == 1e-170


# -- reciprocal and path_limit near their singular points --------------------------------------


@pytest.mark.parametrize("x", [5e-324, 1e-310, 1e-300, 1e-103, 1e-102, 1e-60, 1.0])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_reciprocal_near_zero(x, sign):
    """1/x, −1/x², 2/x³: exact or ±inf where the true value is beyond float64."""
    x = sign * x
    ref = reference.scalar_reference("reciprocal").evaluate([x])
    fn = F.reciprocal
    check(fn.f(x), ref["f"], f"1/{x}")
    check(fn.grad(x), ref["grad"][0], f"-1/{x}²")
    check(fn.hess(x), ref["hess"][0][0], f"2/{x}³")


DIRECTIONS = [(1.0, 1.0), (1.0, 2.0), (1.0, 0.0), (0.0, 1.0), (-3.0, 1.0)]
RADII = [1.0, 1e-10, 1e-40, 1e-50, 1e-60, 1e-76, 1e-80, 1e-100, 1e-150, 1e-160, 1e-200, 1e-300]


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("t", RADII)
def test_path_limit_near_origin(t, direction):
    """f = −xy/(x² + y²) is bounded (|f| ≤ 1/2) but has no limit at (0, 0); ∇f ~ 1/r and
    H ~ 1/r² grow.  Every value is either right (the rule above) or an explicit error:
    ValueError "outside the domain" where x² + y² underflows to 0 (r < ~1e-162, the
    domain predicate is evaluated in float64) and FloatingPointError where the generated
    form meets 0·inf.  Down to r = 1e-40 everything must be computed."""
    x, y = direction[0] * t, direction[1] * t
    ref = reference.scalar_reference("path_limit").evaluate([x, y])
    fn = F.path_limit
    for what, call, refs in [
        ("f", lambda: [fn.f(x, y)], [(ref["f"], 0)]),
        ("grad", lambda: list(fn.grad(x, y)), [(g, s) for g, s in zip(ref["grad"], ref["sg"],
                                                                        strict=True)]),
        ("hess", lambda: np.ravel(fn.hess(x, y)).tolist(),
         [(ref["hess"][a][c], ref["sh"][a][c]) for a in range(2) for c in range(2)]),
    ]:
        try:
            got = call()
        except ValueError as exc:
            assert t < 1e-150 and "outside the domain" in str(exc), exc
            continue
        except FloatingPointError as exc:
            assert t < 1e-40 and "NaN" in str(exc), exc
            continue
        for k, (g, (r, s)) in enumerate(zip(got, refs, strict=True)):
            check(g, r, f"path_limit.{what}[{k}] at ({x}, {y})", scale=s)


# -- the margin at a normal vector near the smallest double ------------------------------------

TINY_W = [(1.1125369292536007e-308, 0.0), (5e-324, 0.0), (1e-300, 3e-301), (2.5e-308, -1e-200),
          (1e-160, 1e-160), (1.0, 0.25)]


@pytest.mark.parametrize(("w", "w0"), TINY_W)
@pytest.mark.parametrize("y", [2.893151585107363e-162, 1.0, -3.0])
def test_margin_with_tiny_w(w, w0, y):
    """M = Σ yᵢ(wᵀxᵢ + w0)/‖w‖ has degree 0 in (w, w0): M(1.1e-308, 0) on x = 1, y = 2.9e-162
    is 2.9e-162, not 0 (formed as written, U = y·w·x = 3e-470 underflows to 0).  ∇M has
    degree −1 and is huge there: right, or ±inf where the true value is beyond float64."""
    X, yy = np.array([[1.0], [-2.0]]), np.array([y, 0.5])
    ref = reference.vector_reference("hyperplane_margin", 2, 1).evaluate([w, w0], (X, yy))
    fn = F.hyperplane_margin
    check(fn.f(np.array([w]), w0, X, yy), ref["f"], f"M({w}, {w0}; y={y})", scale=ref["sf"])
    gw, g0 = fn.grad(np.array([w]), w0, X, yy)
    check(gw[0], ref["grad"][0], f"∂M/∂w({w}, {w0}; y={y})", scale=ref["sg"][0])
    check(g0, ref["grad"][1], f"∂M/∂w0({w}, {w0}; y={y})", scale=ref["sg"][1])


def test_margin_at_the_smallest_normal_w_is_not_zero():
    """The case the unscaled kernel got wrong: M came out 0 instead of 2.9e-162."""
    X, yy = np.array([[1.0]]), np.array([2.893151585107363e-162])
    got = F.hyperplane_margin.f(np.array([1.1125369292536007e-308]), 0.0, X, yy)
    assert got == 2.893151585107363e-162
