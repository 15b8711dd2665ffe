"""The stable primitives (``kernels/_stable.py``) and the per-sample log-loss against mpmath.

Tolerances, named once:

* ``EXP_ULP = 1``: the branch-free exp is a degree-13 Taylor polynomial after Cody–Waite
  reduction; measured ≤ 1 ulp over its whole range.
* ``REL = 1e-12``: the bar for σ, softplus, the log-loss and its gradient (measured:
  ≤ 2 ulp ≈ 4e-16).  Results below the smallest normal double (2.2e-308) are compared in
  absolute terms (``TINY``): they are subnormal or 0 in float64 whatever the method.
"""

from __future__ import annotations

import math
import warnings

import mpmath
import numpy as np
import pytest

from gradspec.kernels import _stable
from gradspec.kernels._generated import losses

mpmath.mp.dps = 50
EXP_ULP = 1
REL = 1e-12
TINY = 2.2250738585072014e-308 * 1e-3


def close(got: float, ref, rel=REL) -> bool:
    """|got − ref| ≤ rel·|ref|, or ≤ TINY in absolute terms where ref underflows."""
    ref = mpmath.mpf(ref)
    return abs(mpmath.mpf(got) - ref) <= max(rel * abs(ref), TINY)


def ulps(got: float, ref) -> float:
    r = float(ref)
    return abs(got - r) / math.ulp(r) if r != 0.0 else abs(got) / 5e-324


RNG = np.random.default_rng(20240611)
Z = np.concatenate([
    np.linspace(-1000.0, 1000.0, 2001),
    RNG.uniform(-1000.0, 1000.0, 1500),
    RNG.uniform(-40.0, 40.0, 1500),
    [-745.2, -745.1, -709.0, -40.0, -37.0, -1e-300, 0.0, 1e-300, 37.0, 40.0, 709.78],
])


def test_exp_within_one_ulp_over_its_range():
    xs = np.concatenate([RNG.uniform(-708.0, 709.78, 4000), RNG.uniform(-1.0, 1.0, 1000),
                         [0.0, 1.0, -1.0, 709.78, -708.39]])
    worst = max(ulps(_stable.exp(x), mpmath.exp(mpmath.mpf(x))) for x in xs)
    assert worst <= EXP_ULP, worst


def test_exp_subnormal_overflow_and_special_values():
    for x in (-740.0, -745.13):
        assert close(_stable.exp(x), mpmath.exp(mpmath.mpf(x)))
    assert _stable.exp(709.79) == math.inf and _stable.exp(1e308) == math.inf
    assert _stable.exp(-745.2) == 0.0 and _stable.exp(-1e308) == 0.0
    assert _stable.exp(math.inf) == math.inf and _stable.exp(-math.inf) == 0.0
    assert math.isnan(_stable.exp(math.nan))


def test_log1p_unit_over_0_1():
    us = np.concatenate([RNG.uniform(0.0, 1.0, 3000), 10.0 ** RNG.uniform(-320, 0, 2000), [1.0]])
    bad = [u for u in us if not close(_stable.log1p_unit(u), mpmath.log1p(mpmath.mpf(u)))]
    assert not bad, bad[:5]


def test_sigmoid_and_softplus_equal_mpmath_for_z_up_to_1000():
    bad = []
    for z in Z:
        zm = mpmath.mpf(z)
        if not close(_stable.sigmoid(z), 1 / (1 + mpmath.exp(-zm))):
            bad.append(("sigmoid", z))
        # log1p, not log(1 + ·): at 50 digits 1 + e^(−400) rounds to 1.
        if not close(_stable.softplus(z), mpmath.log1p(mpmath.exp(zm))):
            bad.append(("softplus", z))
    assert not bad, bad[:5]


@pytest.mark.parametrize("z", [1e4, 1e300, -1e4, -1e300, math.inf, -math.inf])
def test_sigmoid_and_softplus_far_beyond_1000(z):
    assert _stable.sigmoid(z) == (1.0 if z > 0 else 0.0)
    assert _stable.softplus(z) == (z if z > 0 else 0.0)


def test_nan_propagates():
    assert math.isnan(_stable.sigmoid(math.nan)) and math.isnan(_stable.softplus(math.nan))


def reference_log_loss(z, y):
    zm = mpmath.mpf(z)
    # −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = y·softplus(−z) + (1 − y)·softplus(z), at 50 digits.
    return y * mpmath.log1p(mpmath.exp(-zm)) + (1 - y) * mpmath.log1p(mpmath.exp(zm))


def reference_log_loss_dz(z, y):
    # σ(z) − y cancels for y = 1 and large z (σ(z) − 1 ≈ −e^(−z)): carry enough digits for
    # the cancellation (|z|/ln 10 of them) on top of the 50 the result needs.
    with mpmath.workdps(50 + int(abs(float(z)) / 2.3)):
        return +(1 / (1 + mpmath.exp(-mpmath.mpf(z))) - y)


def _accurate_region(z, y):
    """Where softplus(z) − y·z and σ(z) − y do not cancel: y = 0, or y = 1 with z < 5.

    For y = 1 the relative error grows like ulp(z)·e^z (softplus(z) − z = softplus(−z) ≈ e^(−z)
    is what is left after subtracting two numbers near z): 1e-12 is lost beyond z ≈ 6.
    """
    return y == 0 or z < 5.0


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_generated_log_loss_and_gradient_equal_mpmath(y):
    bad = []
    for z in Z:
        if not _accurate_region(z, y):
            continue
        if not close(losses.log_loss(z, y), reference_log_loss(z, y)):
            bad.append(("loss", z))
        if not close(losses.log_loss_dz(z, y), reference_log_loss_dz(z, y)):
            bad.append(("dz", z))
    assert not bad, bad[:5]


def test_generated_log_loss_relative_accuracy_for_large_positive_z_with_label_1():
    """y·softplus(−z) + (1 − y)·softplus(z) and −y·σ(−z) + (1 − y)·σ(z) do not cancel."""
    bad = [z for z in Z if z >= 5.0 and not (
        close(losses.log_loss(z, 1.0), reference_log_loss(z, 1))
        and close(losses.log_loss_dz(z, 1.0), reference_log_loss_dz(z, 1)))]
    assert not bad, bad[:5]


def test_generated_log_loss_absolute_error_is_tiny_everywhere():
    """Where the relative bar is not met (above), the absolute error is still below 1e-15."""
    for z in Z:
        for y in (0.0, 1.0):
            assert abs(losses.log_loss(z, y) - float(reference_log_loss(z, y))) <= 1e-15 * max(
                1.0, abs(z))
            assert abs(losses.log_loss_dz(z, y) - float(reference_log_loss_dz(z, y))) <= 1e-15


def test_the_naive_form_gives_inf_or_nan_at_large_logits():
    z = np.array([-1000.0, -800.0, 800.0, 1000.0])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        a = 1.0 / (1.0 + np.exp(-z))
        naive = -(y * np.log(a) + (1.0 - y) * np.log(1.0 - a))
        naive_grad_via_logs = np.gradient(naive)
    assert not np.isfinite(naive).any()  # ln 0 = −inf
    assert not np.isfinite(naive_grad_via_logs).all()
    stable = np.array([losses.log_loss(zi, yi) for zi, yi in zip(z, y, strict=True)])
    np.testing.assert_allclose(stable, np.abs(z), rtol=1e-15)  # the exact value: |z| + e^(−|z|)
    dz = np.array([losses.log_loss_dz(zi, yi) for zi, yi in zip(z, y, strict=True)])
    np.testing.assert_array_equal(dz, [-1.0, -1.0, 1.0, 1.0])
