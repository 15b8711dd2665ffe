"""Numerically stable primitives used by the generated kernels.

These are the numeric implementations of the two SymPy functions that the stability
rewrites introduce (``gradspec.symbolic.generator.stable``): ``sigmoid`` evaluated by the
sign of its
argument, and ``softplus(z) = log(1 + exp(z)) = logaddexp(0, z)``.  Both are accurate to a
few ulp for every finite z (|z| up to 1e308), never overflow, and propagate NaN; the tests
(``tests/test_stable.py``) compare them with mpmath at 50 digits.

Why ``exp`` and ``log1p`` are written out here instead of calling ``math.exp``: Numba calls
the scalar libm for ``math.exp``, which LLVM cannot vectorise (PyPI's llvmlite ships no SVML),
so a loop over samples that evaluates σ(z) runs one ``exp`` at a time while NumPy uses SIMD.
The versions below are branch-free plain arithmetic (range reduction, a polynomial, and an
exponent built from integer bits), so LLVM vectorises a loop that calls them; they are
inlined at Numba's IR level (``inline="always"``) because LLVM declines to inline a body this
large into the callers' loops, and a call in a loop stops vectorisation:

* ``exp(x)``: x = k·ln 2 + r with k = round(x/ln 2) (Cody–Waite two-part ln 2, so r is exact
  to ~1e-24), |r| ≤ ln(2)/2, e^r by its Taylor polynomial of degree 13 (truncation error
  < 4e-18 relative) in Horner form, then e^x = e^r·2^k1·2^k2 with k1 + k2 = k, which also
  covers the subnormal results (x down to −745.13) and overflow to inf (x > 709.78) without a
  branch.  Measured error ≤ 1 ulp over [−745, 709.78].
* ``log1p_unit(u)`` for 0 ≤ u ≤ 1 (the only range softplus needs): ln(1 + u) =
  2·atanh(s) with s = u/(2 + u) ∈ [0, 1/3], the odd series 2(s + s³/3 + … + s³⁵/35)
  (truncation < 2e-18 relative); no cancellation for tiny u (s ≈ u/2).
"""

import numpy as np

from ._jit import jit

_LOG2E = 1.4426950408889634
# fdlibm's ln 2 split: _LN2_HI has 32 trailing zero bits, so k·_LN2_HI is exact for |k| < 2^20.
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
# Adding 1.5·2^52 rounds a double of magnitude < 2^51 to the nearest integer (ties to even).
_SHIFTER = 6755399441055744.0

# 1/k! for k = 2..13 (Taylor coefficients of e^r beyond 1 + r).
_E2 = 1.0 / 2.0
_E3 = 1.0 / 6.0
_E4 = 1.0 / 24.0
_E5 = 1.0 / 120.0
_E6 = 1.0 / 720.0
_E7 = 1.0 / 5040.0
_E8 = 1.0 / 40320.0
_E9 = 1.0 / 362880.0
_E10 = 1.0 / 3628800.0
_E11 = 1.0 / 39916800.0
_E12 = 1.0 / 479001600.0
_E13 = 1.0 / 6227020800.0


@jit(inline="always")
def exp(x):
    """e^x in branch-free arithmetic (vectorisable); ≤ 1 ulp, inf above 709.78, 0 below −745.2.

    e^x = 2^k·e^r, k = round(x·log₂e), r = (x − k·ln2_hi) − k·ln2_lo,
    e^r = 1 + r + r²/2! + … + r¹³/13!.
    """
    # Clamp without losing NaN (a comparison with NaN is false, so NaN passes through).
    x = 710.0 if x > 710.0 else x
    x = -746.0 if x < -746.0 else x
    k = (x * _LOG2E + _SHIFTER) - _SHIFTER
    r = (x - k * _LN2_HI) - k * _LN2_LO
    p = _E13
    p = p * r + _E12
    p = p * r + _E11
    p = p * r + _E10
    p = p * r + _E9
    p = p * r + _E8
    p = p * r + _E7
    p = p * r + _E6
    p = p * r + _E5
    p = p * r + _E4
    p = p * r + _E3
    p = p * r + _E2
    p = p * r + 1.0
    p = p * r + 1.0
    # NaN has no integer value: use k = 0 for it (p is NaN already, so the result is NaN).
    k = k if k == k else 0.0
    ki = np.int64(k)
    k1 = ki >> 1
    k2 = ki - k1
    s1 = np.int64((k1 + 1023) << 52).view(np.float64)
    s2 = np.int64((k2 + 1023) << 52).view(np.float64)
    return (p * s1) * s2


@jit(inline="always")
def log1p_unit(u):
    """ln(1 + u) for 0 ≤ u ≤ 1 (branch-free, vectorisable), to a few ulp.

    ln(1 + u) = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + … + s³⁵/35), s = u/(2 + u) ≤ 1/3.
    """
    # 2s = u·(2/(2 + u)): keeps every bit of a subnormal u (u/(2 + u) would halve it).
    s2 = u * (2.0 / (2.0 + u))
    t = 0.25 * (s2 * s2)
    q = 1.0 / 35.0
    q = q * t + 1.0 / 33.0
    q = q * t + 1.0 / 31.0
    q = q * t + 1.0 / 29.0
    q = q * t + 1.0 / 27.0
    q = q * t + 1.0 / 25.0
    q = q * t + 1.0 / 23.0
    q = q * t + 1.0 / 21.0
    q = q * t + 1.0 / 19.0
    q = q * t + 1.0 / 17.0
    q = q * t + 1.0 / 15.0
    q = q * t + 1.0 / 13.0
    q = q * t + 1.0 / 11.0
    q = q * t + 1.0 / 9.0
    q = q * t + 1.0 / 7.0
    q = q * t + 1.0 / 5.0
    q = q * t + 1.0 / 3.0
    return s2 + s2 * (t * q)


@jit(inline="always")
def sigmoid(z):
    """σ(z) = 1/(1 + e^(−z)), computed so that exp never overflows.

    With e = e^(−|z|) ≤ 1: σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0 — the same
    value, each form with an exponent ≤ 0 (selected without a branch).
    """
    e = exp(-abs(z))
    s = 1.0 / (1.0 + e)
    return s if z >= 0.0 else e * s


@jit(inline="always")
def softplus(z):
    """softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)), never overflowing."""
    e = exp(-abs(z))
    m = z if z > 0.0 else 0.0
    return m + log1p_unit(e)

