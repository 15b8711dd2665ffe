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

* ``exp(x)``: x = k·ln 2 + r with k = round(x/ln 2) (Cody–Waite two-part ln 2, so hi = x −
  k·ln2_hi is exact), |r| ≤ ln(2)/2, e^r = 1 + r + r²·Q(r) with Q a degree-10 Chebyshev fit
  (fused multiply–adds, no division: the multistart loop and the network kernels evaluate
  it per element, and a vector division occupies the divider for several cycles), then
  e^x = e^r·2^k1·2^k2 with k1 + k2 = k built in the exponent bits (by a logical shift:
  AVX2 has no 64-bit arithmetic one), which also covers the subnormal results (x down to
  −745.13) and overflow to inf (x > 709.78) without a branch.  Error ≤ 0.82 ulp in the
  normal range (measured against mpmath at 250,000 points).  σ and tanh keep fdlibm's
  rational form of e^r (:func:`_reduce_fused`): they divide once anyway, and fold it in.
* ``log(x)`` for every double: x = 2^e·m with m ∈ [√2/2, √2) read from the exponent and
  mantissa bits by musl's shifted reduction, e converted to a double in the exponent bits of
  2^52 (a subnormal x is first scaled by 2^54), then fdlibm's ln(1 + f) =
  f − (f²/2 − s·(f²/2 + R(s²))), s = f/(2 + f), f = m − 1, with its degree-14 minimax R;
  ln x = e·ln2_hi − ((f²/2 − (s·(f²/2 + R) + e·ln2_lo)) − f).  ln 0 = −inf, ln x < 0 = NaN,
  ln inf = inf and NaN propagates, each by a select rather than a branch.
* ``log1p_unit(u)`` for 0 ≤ u ≤ 1 (the only range softplus needs): ln(1 + u) =
  2·atanh(s) with s = u/(2 + u) ∈ [0, 1/3], the odd series 2(s + s³/3 + … + s³⁵/35)
  (truncation < 2e-18 relative); no cancellation for tiny u (s ≈ u/2).
* ``tanh(x)``: for |x| < 0.55 the odd polynomial x + x³·g(x²) (g of degree 10, a Chebyshev
  fit: the leading x is exact and the correction is at most a tenth of the result, so its
  rounding barely shows); for |x| ≥ 0.55 (tanh ≥ 0.5) 1 − 2/(1 + e^(2|x|)) with e^(2|x|) in
  the exp's rational form, one division in all.  Both are computed and one selected, the
  sign copied from x.  Error ≤ 1.5 ulp (measured densely; ≤ 0.75 ulp below 0.55), exact at
  0, ±inf, subnormals and saturation.
* ``sigmoid(z)``: e^(−|z|) = 2^k·n/d in the same rational form, s = 2^k·n/(d + 2^k·n), and
  s or 1 − s by the sign of z: one division, no overflow, the roundings of the sum, the
  denominator and the quotient recovered exactly and added back.  Error ≤ 1 ulp
  (``bench/accuracy.py`` sets it beside NumPy's 1/(1 + exp(−z)), SciPy's and JAX's).

tanh and σ are evaluated with fused multiply–adds (:func:`fma`, LLVM's ``llvm.fma``: one
rounding per a·b + c, the same on every machine): a loop over them is bound by the length of
each element's chain of dependent operations (the out-of-order core overlaps only a few
elements), and a fused step is one operation of 4 cycles instead of two of 3.  That, and one
division instead of two in σ, is most of their speed (``bench/test_arrays.py``); in σ it pays
for the exact corrections of its roundings, which bring it within 1 ulp.

``exp_lanes`` and ``log_lanes`` are ``exp`` and ``log`` (one implementation each, the same
bits) with every constant passed through :func:`_held`, so that LLVM keeps them in registers
across a loop instead of rematerialising each at every use: the generated lane forms of the
multistart loop call them (its step holds more constants than the vector registers).

These are the exp, log and tanh of every compiled loop that must vectorise: the per-sample
losses, the network kernels (``_backprop.py``) and the catalog's ``tanh`` entry (the code
generator prints ``tanh`` as a call of :func:`tanh` below).
"""

import math
import platform

import numpy as np
from llvmlite import ir as llvm_ir
from numba.core import types
from numba.extending import intrinsic

from ._jit import jit


@intrinsic
def fma(typingctx, a, b, c):
    """a·b + c rounded once (LLVM's ``llvm.fma``): one instruction where the CPU has FMA.

    The loop vectoriser widens it like ``+`` and ``*`` (``vfmadd`` on AVX2).  Unlike the
    ``contract`` fast-math flag, which lets LLVM fuse wherever it likes, the rounding is the
    one written here on every machine (one without FMA instructions computes it exactly too,
    through libm, only slower).
    """
    if not all(isinstance(t, types.Float) for t in (a, b, c)):
        return None

    def codegen(context, builder, sig, args):
        vals = [context.cast(builder, v, t, types.float64)
                for v, t in zip(args, sig.args, strict=True)]
        return builder.fma(*vals)

    return types.float64(a, b, c), codegen

_LOG2E = 1.4426950408889634
# fdlibm's ln 2 split: _LN2_HI has 32 trailing zero bits, so k·_LN2_HI is exact for |k| < 2^20.
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
# Adding 1.5·2^52 rounds a double of magnitude < 2^51 to the nearest integer (ties to even).
_SHIFTER = 6755399441055744.0
_SHIFTER_BITS = 0x4338000000000000  # its bits: the integer n < 2^51 added to it is bits − these

# fdlibm's minimax coefficients: r·(e^r + 1)/(e^r − 1) ≈ 2 + P1·r² + … + P5·r¹⁰ on
# |r| ≤ ln(2)/2 (|error| < 2^-59).
_P1 = 1.66666666666666019037e-01
_P2 = -2.77777777770155933842e-03
_P3 = 6.61375632143793436117e-05
_P4 = -1.65339022054652515390e-06
_P5 = 4.13813679705723846039e-08


@jit(inline="always")
def _reduce(x):
    """x = k·ln 2 + r for fdlibm's rational form of e^r (σ's pair in the fused logistic fit):
    (k as an integer, hi, lo, r, c).

    k = round(x·log₂e), r = hi − lo with hi = x − k·ln2_hi (exact) and lo = k·ln2_lo;
    c = r − r²·(P1 + P2·r² + … + P5·r⁸), so that e^r = 1 + 2r/(2 − c) (fdlibm's rational form).
    k as an integer is read from the low bits of x·log₂e + 1.5·2^52 (a conversion from double to
    int64 has no SIMD instruction before AVX-512, so it would run one element at a time); NaN
    has no integer value: k = 0 for it (r is NaN, so every result is NaN).
    """
    shifted = x * _LOG2E + _SHIFTER
    k = shifted - _SHIFTER
    hi = x - k * _LN2_HI
    lo = k * _LN2_LO
    r = hi - lo
    t = r * r
    c = r - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    ki = np.float64(shifted).view(np.int64) - _SHIFTER_BITS
    ki = ki if k == k else 0
    return ki, hi, lo, r, c


@jit(inline="always")
def _pow2(ki):
    """2^ki for −1022 ≤ ki ≤ 1023, built in the exponent bits."""
    return np.int64((ki + 1023) << 52).view(np.float64)


# e^r = 1 + r + r²·Q(r) on |r| ≤ 1.0001·ln(2)/2: Q is the Chebyshev fit of degree 10 of
# (e^r − 1 − r)/r² there (``mpmath.chebyfit`` at 60 digits; |error| < 1.4e-18, at most
# 0.003 ulp of e^r once multiplied by r²; ``tests/test_stable.py`` recomputes it).  Highest
# degree first.
_EXP_Q = (
    2.0914686968086876e-09, 2.5105217004720745e-08, 2.75572736431103e-07,
    2.7557255400206422e-06, 2.4801587325547743e-05, 0.00019841269874820627,
    0.0013888888888883748, 0.008333333333326136, 0.04166666666666667, 0.1666666666666667,
    0.5,
)
_Q10, _Q9, _Q8, _Q7, _Q6, _Q5, _Q4, _Q3, _Q2, _Q1, _Q0 = _EXP_Q
#: ki + _K_OFFSET ≥ 0 for every k of a clamped x (|k| ≤ 1077), so that halving it is a
#: logical shift (AVX2 has no 64-bit arithmetic shift: LLVM would emulate one).
_K_OFFSET = 2048


def hold_constraints(machine: str) -> tuple[str, str] | None:
    """The register constraints of :func:`_held`'s empty statement on ``machine`` (as
    ``platform.machine()`` names it): (floating point, integer), or None where none is known.

    x86 names its vector registers ``x`` and AArch64 its SIMD/floating-point ones ``w``; ``r``
    is a general register on both.  Elsewhere (ppc64le, …) there is no statement: the value
    passes through as it is, which gives the same bits (LLVM sees a constant again and
    re-materialises it at each use, as it would without :func:`_held`).
    """
    m = machine.lower()
    if m in ("x86_64", "amd64", "i386", "i686", "x86"):
        return "=x,0", "=r,0"
    if m in ("aarch64", "arm64"):
        return "=w,0", "=r,0"
    return None


def holder(constraints: tuple[str, str] | None):
    """The intrinsic of :func:`_held` for the given :func:`hold_constraints` (None: the value
    itself, no statement)."""

    @intrinsic
    def held(typingctx, c):
        t = types.unliteral(c)
        if isinstance(t, types.Float):
            constraint = None if constraints is None else constraints[0]
        elif isinstance(t, types.Integer):
            constraint = None if constraints is None else constraints[1]
        else:
            return None

        def codegen(context, builder, sig, args):
            ty = context.get_value_type(sig.return_type)
            v = context.cast(builder, args[0], sig.args[0], sig.return_type)
            if constraint is None:
                return v
            out = builder.asm(llvm_ir.FunctionType(ty, [ty]), "", constraint, [v], False)
            out.attributes.add("readnone")
            out.attributes.add("nounwind")
            return out

        return t(c), codegen

    return held


_held = holder(hold_constraints(platform.machine()))
_held.__doc__ = """c as a value LLVM cannot see through: the output of an empty inline-assembly
statement whose input is c (no instruction; the value stays in the register it is in).

Numba's JIT code model addresses a constant by its full 64-bit address, so LLVM
rematerialises each floating-point constant of a loop as two instructions (the address,
then a broadcast into a vector register) at every use rather than keep it in a register
(across a loop body with more constants than vector registers it would have to spill
some).  A held value is not a constant: the statement is marked free of side effects
and memory access, so LLVM hoists it out of the loop, broadcasts it once before the loop
and keeps it in a register or in a stack slot that an instruction reads as its operand.
On a machine :func:`hold_constraints` does not know, c itself (the same bits).
"""


@jit(inline="always")
def _same(c):
    """c itself: a constant LLVM folds into the code (the counterpart of :func:`_held`)."""
    return c


@jit(inline="always")
def _exp(x, c):
    """e^x (:func:`exp`) with each constant passed through ``c`` (:func:`_same` or
    :func:`_held`; the clamps are taken before the conditional expressions that select
    them, as in :func:`_log`)."""
    # Clamp without losing NaN (a comparison with NaN is false, so NaN passes through).
    top, bottom = c(710.0), c(-746.0)
    x = top if x > top else x
    x = bottom if x < bottom else x
    shifted = fma(x, c(_LOG2E), c(_SHIFTER))
    k = shifted - c(_SHIFTER)
    hi = fma(k, c(-_LN2_HI), x)
    lo = k * c(_LN2_LO)
    r = hi - lo
    q = fma(r, c(_Q10), c(_Q9))
    q = fma(q, r, c(_Q8))
    q = fma(q, r, c(_Q7))
    q = fma(q, r, c(_Q6))
    q = fma(q, r, c(_Q5))
    q = fma(q, r, c(_Q4))
    q = fma(q, r, c(_Q3))
    q = fma(q, r, c(_Q2))
    q = fma(q, r, c(_Q1))
    q = fma(q, r, c(_Q0))
    p = c(1.0) - (fma(-(r * r), q, lo) - hi)
    # u = k + 2048 from the low bits of shifted, h = k1 + 1024 (a logical shift), u − h =
    # k2 + 1024; 2^j has the bits (j + 1023) << 52.
    u = np.uint64(np.float64(shifted).view(np.int64) - c(np.int64(_SHIFTER_BITS - _K_OFFSET)))
    h = u >> np.uint64(1)
    bias = c(np.uint64(_K_OFFSET // 2 - 1023))
    pow1 = np.int64((h - bias) << np.uint64(52)).view(np.float64)
    pow2 = np.int64((u - h - bias) << np.uint64(52)).view(np.float64)
    return (p * pow1) * pow2


@jit(inline="always")
def exp(x):
    """e^x in branch-free arithmetic without a division (vectorisable); < 1 ulp, inf above
    709.78, 0 below −745.14.

    x = k·ln 2 + r (k = round(x·log₂e), hi = x − k·ln2_hi exact, lo = k·ln2_lo, r = hi − lo,
    |r| ≤ ln(2)/2), e^r = 1 − ((lo − r²·Q(r)) − hi) with Q the degree-10 polynomial above
    (Horner, fused multiply–adds: the leading 1 + hi is added last, so its rounding is the
    only large one), and e^x = e^r·2^k1·2^k2 with k1 = ⌊(k + 2048)/2⌋ − 1024 and k2 = k − k1
    built in the exponent bits, so that subnormal results and overflow to inf need no branch.
    No division (a vector division occupies the divider for several cycles per four lanes)
    and only shifts that AVX2 has.  NaN gives NaN through r (whatever k its bits give).
    """
    return _exp(x, _same)


@jit(inline="always")
def exp_lanes(x):
    """e^x as :func:`exp` computes it (the same operations, the same bits), its constants
    held in registers across the loop that evaluates it (:func:`_held`): the form of the
    multistart loop, whose step holds more constants than the vector registers."""
    return _exp(x, _held)


# fdlibm's minimax coefficients of R(z) ≈ Σ Lgₖ·zᵏ on s² ∈ [0, 0.1716²] (|error| < 2^-58.45).
_LG1 = 6.666666666666735130e-01
_LG2 = 3.999999999940941908e-01
_LG3 = 2.857142874366239149e-01
_LG4 = 2.222219843214978396e-01
_LG5 = 1.818357216161805012e-01
_LG6 = 1.531383769920937332e-01
_LG7 = 1.479819860511658591e-01
_TWO54 = 1.8014398509481984e16
_MIN_NORMAL = 2.2250738585072014e-308
_MANTISSA = 0x000FFFFFFFFFFFFF
# musl's reduction: adding _LOG_SHIFT to the bits of x carries into the exponent exactly when
# the mantissa is ≥ 0x6A09E·2^-20 (1 + that is just below √2); the low bits plus _LOG_M_BITS
# are then m ∈ [0.7071…, 1.4142…) with x = 2^k·m.
_LOG_SHIFT = 0x3FF0000000000000 - 0x3FE6A09E00000000
_LOG_M_BITS = 0x3FE6A09E00000000
# 2^52 + n for 0 ≤ n < 2^52 has n in its low mantissa bits: OR-ing an exponent field of at
# most 11 bits into 2^52's bits and subtracting 2^52 converts it to a double exactly, with
# integer SIMD operations (a conversion from int64 to double has no SIMD instruction before
# AVX-512, so LLVM would convert one element at a time).
_TWO52 = 4503599627370496.0
_TWO52_BITS = 0x4330000000000000


@jit(inline="always")
def _log(x, c):
    """ln x (:func:`log`) with each constant passed through ``c`` (:func:`_same` or
    :func:`_held`).  The constants that a conditional expression selects or uses are taken
    first: a held one is a call that LLVM hoists out of a loop only from code that always
    runs."""
    two54, k_sub, k_norm = c(_TWO54), c(1023.0 + 54.0), c(1023.0)
    inf, zero, nan = c(np.inf), c(0.0), c(np.nan)
    sub = x < c(_MIN_NORMAL)
    xs = x * two54 if sub else x
    t = np.float64(xs).view(np.int64) + c(np.int64(_LOG_SHIFT))
    # the exponent field (masked: a logical shift, which AVX2 has; x < 0 is NaN anyway)
    biased = (np.int64(((t >> 52) & c(np.int64(0x7FF))) | c(np.int64(_TWO52_BITS)))
              .view(np.float64) - c(_TWO52))
    k = biased - (k_sub if sub else k_norm)
    m = np.int64((t & c(np.int64(_MANTISSA))) + c(np.int64(_LOG_M_BITS))).view(np.float64)
    f = m - c(1.0)
    hfsq = c(0.5) * f * f
    s = f / (c(2.0) + f)
    z = s * s
    w = z * z
    t1 = w * (c(_LG2) + w * (c(_LG4) + w * c(_LG6)))
    t2 = z * (c(_LG1) + w * (c(_LG3) + w * (c(_LG5) + w * c(_LG7))))
    r = t2 + t1
    out = k * c(_LN2_HI) - ((hfsq - (s * (hfsq + r) + k * c(_LN2_LO))) - f)
    # Special values, selected: 0 → −inf, inf → inf, x < 0 or NaN → NaN.
    out = out if x < inf else x + x
    out = -inf if x == zero else out
    return out if x >= zero else nan


@jit(inline="always")
def log(x):
    """ln x in branch-free arithmetic (vectorisable), to within 1 ulp, for every double.

    x = 2^k·m, m ∈ [√2/2, √2) (musl's reduction, on the bits), f = m − 1, s = f/(2 + f):
    ln x = k·ln 2 + f − f²/2 + s·(f²/2 + R(s²)).
    """
    return _log(x, _same)


@jit(inline="always")
def log_lanes(x):
    """ln x as :func:`log` computes it (the same operations, the same bits), its constants
    held in registers across the loop that evaluates it (:func:`_held`, as
    :func:`exp_lanes`)."""
    return _log(x, _held)


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


#: 2^-54, and the exponent bits that turn the integer k read from x·log₂e + 1.5·2^52 into
#: 2^(k + 54): σ scales e^(−|z|) by 2^54 so that its smallest values stay normal until the end.
_TWO_M54 = 5.551115123125783e-17
_POW2_54_BIAS = 1023 + 54 - _SHIFTER_BITS
#: A reciprocal from the bits alone: the double with bits 0x7FDE623822FC16E6 − bits(y) is
#: within 5.1 % of 1/y for every positive normal y (its exponent is the negated one).
_RECIPROCAL_BITS = 0x7FDE623822FC16E6


@jit(inline="always")
def _reduce_fused(v):
    """e^v = 2^k·n/d for σ and tanh, with fused multiply–adds: (bits, r, c).

    k = round(v·log₂e) as in :func:`_reduce`, r = (v − k·ln2_hi) − k·ln2_lo (the first
    subtraction exact, one rounding in all), c = r − r²·(P1 + … + P5·r⁸); then
    e^r = (d + 2r)/d with d = 2 − c (fdlibm's rational form, |error| < 2^-59), and
    ``bits`` − 0x4338000000000000 = k.  NaN gives NaN in r and c (and any k).
    """
    shifted = fma(v, _LOG2E, _SHIFTER)
    k = shifted - _SHIFTER
    r = fma(k, -_LN2_LO, fma(k, -_LN2_HI, v))
    t = r * r
    c = fma(-t, fma(t, fma(t, fma(t, fma(t, _P5, _P4), _P3), _P2), _P1), r)
    return np.float64(shifted).view(np.int64), r, c


@jit(inline="always")
def sigmoid(z):
    """σ(z) = 1/(1 + e^(−z)) in branch-free arithmetic with one division (vectorisable).

    With a = |z| (clamped to 746, where e^(−a) is 0 in float64), e^(−a) = 2^k·n/d
    (:func:`_reduce_fused`, n = d + 2r) and N = 2^k·n:

        s = σ(−a) = N/(d + N),  σ(z) = s for z < 0 and 1 − s for z ≥ 0

    (1 − s ≥ 1/2 cancels nothing).  The roundings of n = d + 2r and of d + N are recovered
    exactly (n_lo = (d − n) + 2r and (d − (d + N)) + N: Fast2Sum, as |d| ≥ |2r| and d ≥ N), and
    so is the division's (the residual N − q·(d + N) by a fused multiply–add); their sum ρ over
    (d + N) corrects q, with 1/(d + N) from the bits alone (a 5 % error in a correction of
    1e-16 relative is nothing).  N is carried as 2^54·N so that it stays normal down to the
    subnormal results (z > −745.14), rounded once, at the end.  Error ≤ 1 ulp (measured densely
    with mpmath over every z with a result above 0: ``tests/test_stable.py``); ±inf give 1 and
    0, NaN propagates.
    """
    a = abs(z)
    a = 746.0 if a > 746.0 else a  # a comparison with NaN is false: NaN passes through
    bits, r, c = _reduce_fused(-a)
    d = 2.0 - c
    n = fma(2.0, r, d)
    n_lo = fma(2.0, r, d - n)  # d + 2r = n + n_lo exactly
    p = np.int64((bits + _POW2_54_BIAS) << 52).view(np.float64)  # 2^(k + 54)
    m = n * p  # 2^54·N
    big = m * _TWO_M54
    den = d + big
    den_lo = (d - den) + big  # d + N = den + den_lo exactly
    q = m / den
    rho = fma(-q, den, m) + fma(-q, den_lo, n_lo * p)
    inv = np.int64(_RECIPROCAL_BITS - np.float64(den).view(np.int64)).view(np.float64)
    s = fma(rho, inv, q) * _TWO_M54
    return 1.0 - s if z >= 0.0 else s


@jit(inline="always")
def softplus(z):
    """softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)), never overflowing."""
    e = exp(-abs(z))
    m = z if z > 0.0 else 0.0
    return m + log1p_unit(e)



# tanh x = x + x³·g(x²) on |x| < 0.55 (x² < 0.3025): g is the Chebyshev fit of degree 10 of
# g(w) = (tanh √w − √w)/w^(3/2) on [0, 0.3025] (``mpmath.chebyfit`` at 60 digits; maximum
# error 7.7e-18, 0.02 ulp of tanh; ``tests/test_stable.py`` recomputes it).  Highest degree
# first.
_TANH_G = (
    -2.060276537636634e-05, 8.511313685577672e-05, -0.0002346347410887237,
    0.0005889360520074057, -0.001455661830100716, 0.003592110378689024,
    -0.008863234397814355, 0.021869488493666944, -0.053968253967434016,
    0.13333333333332714, -0.3333333333333333,
)
_G10, _G9, _G8, _G7, _G6, _G5, _G4, _G3, _G2, _G1, _G0 = _TANH_G
#: Where tanh switches from the polynomial to the exponential form: tanh(0.55) = 0.5005, so
#: 1 − 2/(1 + e^(2|x|)) above it never loses more than the last bit to cancellation.
TANH_POLY_MAX = 0.55


@jit(inline="always")
def tanh(x):
    """tanh x in branch-free arithmetic (vectorisable), ≤ 1.5 ulp for every double.

    |x| < 0.55: tanh x = x + x·w·g(w), w = x².  |x| ≥ 0.55: with 2|x| = k·ln 2 + r
    (:func:`_reduce_fused`, |x| clamped to 22, where tanh is 1 to the last bit)
    e^(2|x|) = 2^k·n/d, n = d + 2r, d = 2 − c, so tanh|x| = 1 − 2/(1 + e^(2|x|)) =
    1 − 2d/(2^k·n + d): one division.  Both are computed and one selected (a branch would stop
    vectorisation); the products and sums of the polynomials are fused multiply–adds.  The
    sign of x is copied onto the result (tanh(−0) = −0).  NaN propagates.
    """
    a = abs(x)
    v = 2.0 * a
    v = 44.0 if v > 44.0 else v  # a comparison with NaN is false: NaN passes through
    bits, r, c = _reduce_fused(v)
    d = 2.0 - c
    p = np.int64((bits + (1023 - _SHIFTER_BITS)) << 52).view(np.float64)  # 2^k
    big = 1.0 - (d + d) / fma(p, fma(2.0, r, d), d)
    w = a * a
    g = fma(w, _G10, _G9)
    g = fma(g, w, _G8)
    g = fma(g, w, _G7)
    g = fma(g, w, _G6)
    g = fma(g, w, _G5)
    g = fma(g, w, _G4)
    g = fma(g, w, _G3)
    g = fma(g, w, _G2)
    g = fma(g, w, _G1)
    g = fma(g, w, _G0)
    small = fma(a, w * g, a)
    return math.copysign(big if a >= TANH_POLY_MAX else small, x)
