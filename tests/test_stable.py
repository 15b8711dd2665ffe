"""The stable primitives (``kernels/_stable.py``) and the per-sample log-loss against mpmath.

Tolerances, named once:

* ``EXP_ULP = 1`` (and the same for log): the branch-free exp and log (fdlibm's reductions
  and minimax polynomials) are within 1 ulp of the exact value over the whole double range,
  sampled densely; where the result is subnormal, within one subnormal step.
* ``TANH_ULP = 1.5``: the branch-free tanh (a polynomial below |x| = 0.55, the exp above),
  measured 1.41 ulp at most, ≤ 0.7 ulp below 0.55; exact at ±0, subnormals, ±inf and where
  tanh rounds to ±1.
* ``SIGMOID_ULP = 1``: σ with its roundings recovered (one subnormal step where the result is
  subnormal); 1 and 0 at ±inf, 1/2 at ±0.
* ``REL = 1e-12``: the bar for softplus, the log-loss and its gradient (measured:
  ≤ 2 ulp ≈ 4e-16).  Results below the smallest normal double (2.2e-308) are compared in
  absolute terms (``TINY``): they are subnormal or 0 in float64 whatever the method.
"""

from __future__ import annotations

import math
import re
import warnings

import mpmath
import numpy as np
import pytest
from numba import njit

from gradspec.kernels import _stable
from gradspec.kernels._generated import losses, sigmoid, tanh
from gradspec.kernels._jit import jit
from gradspec.symbolic.verifier.ulps import ulp_errors

mpmath.mp.dps = 50
EXP_ULP = 1
TANH_ULP = 1.5
SIGMOID_ULP = 1
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


# -- array loops over the primitives: the form the data kernels use them in ----------------
# error_model="numpy" as in every kernel (kernels/_jit.py): Python's error model puts a
# division-by-zero branch in front of each division, which alone stops vectorisation.
njit = njit(error_model="numpy")


def array_loop(primitive):
    """out[i] = primitive(x[i]) over an array, compiled (the primitive is inlined by Numba)."""

    @njit
    def loop(x, out):
        for i in range(x.shape[0]):
            out[i] = primitive(x[i])

    loop.__name__ = loop.py_func.__name__ = f"{primitive.py_func.__name__}_array"
    return loop


exp_array = array_loop(_stable.exp)
log_array = array_loop(_stable.log)
exp_lanes_array = array_loop(_stable.exp_lanes)
log_lanes_array = array_loop(_stable.log_lanes)
sigmoid_array = array_loop(_stable.sigmoid)
softplus_array = array_loop(_stable.softplus)
tanh_array = array_loop(_stable.tanh)


def apply(loop, x):
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.empty_like(x)
    loop(x, out)
    return out


#: ln(DBL_MAX): e^x overflows just above it.  −745.1332191019412 is ln(2^-1075): below
#: it e^x rounds to 0.
LN_MAX = 709.782712893384
LN_HALF_MIN_SUB = -745.1332191019412


def test_exp_within_one_ulp_over_the_whole_double_range():
    """Densely over every x with a non-zero finite e^x (normal and subnormal results)."""
    xs = np.concatenate([
        np.linspace(LN_HALF_MIN_SUB, LN_MAX, 40_001),
        RNG.uniform(-708.39, LN_MAX, 20_000),
        RNG.uniform(-1.0, 1.0, 5_000),
        10.0 ** RNG.uniform(-320, 0, 2_000) * RNG.choice([-1.0, 1.0], 2_000),
        RNG.uniform(LN_HALF_MIN_SUB, -708.39, 3_000),  # subnormal results
        np.nextafter(LN_MAX, -np.inf) - np.arange(5) * 1e-13,
        [0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, -708.3964185322641, -708.4],
    ])
    err = ulp_errors(apply(exp_array, xs), xs, mpmath.exp)
    assert err.max() <= EXP_ULP, (err.max(), xs[err.argmax()])


def test_exp_at_overflow_underflow_and_special_values():
    over = np.array([np.nextafter(LN_MAX, np.inf), 709.79, 710.0, 1e3, 1e308, np.inf])
    assert (apply(exp_array, over) == np.inf).all()
    zero = np.array([np.nextafter(LN_HALF_MIN_SUB, -np.inf), -745.2, -746.0, -1e4, -1e308,
                     -np.inf])
    got = apply(exp_array, zero)
    assert (got == 0.0).all() and not np.signbit(got).any()
    # the last results before 0: 2^-1074 (the smallest subnormal) exactly
    assert apply(exp_array, np.array([-745.13, -745.0]))[0] == 5e-324
    assert np.isnan(apply(exp_array, np.array([np.nan, -np.nan]))).all()
    assert apply(exp_array, np.array([0.0, -0.0])).tolist() == [1.0, 1.0]


def test_log_within_one_ulp_over_the_whole_double_range():
    """Every binade from the smallest subnormal to the largest double, and around 1."""
    xs = np.concatenate([
        2.0 ** RNG.uniform(-1074.0, 1024.0, 40_000),
        RNG.uniform(0.5, 2.0, 10_000),
        1.0 + RNG.uniform(-1e-6, 1e-6, 2_000),
        RNG.uniform(0.0, 1e-300, 1_000),
        np.sqrt(0.5) * (1.0 + np.arange(-3, 4) * 2.2e-16),
        np.sqrt(2.0) * (1.0 + np.arange(-3, 4) * 2.2e-16),
        [5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308,
         np.nextafter(1.0, 0.0), 1.0, np.nextafter(1.0, 2.0), 2.0, np.e,
         1.7976931348623157e308],
    ])
    got = apply(log_array, xs)
    assert got[xs == 1.0].tolist() == [0.0]  # ln 1 = 0 exactly
    xs, got = xs[xs != 1.0], got[xs != 1.0]
    err = ulp_errors(got, xs, mpmath.log)
    assert err.max() <= 1.0, (err.max(), xs[err.argmax()])


def test_log_special_values():
    got = apply(log_array, np.array([0.0, -0.0, np.inf, -np.inf, -1.0, -5e-324, np.nan]))
    assert got[0] == -np.inf and got[1] == -np.inf and got[2] == np.inf
    assert np.isnan(got[3:]).all()


VECTOR = re.compile(r"<(\d+) x double>")
CALL = re.compile(r"call [^@]*@([\w.$]+)\(")


def vector_body(ir: str) -> str:
    """The LLVM IR basic block ``vector.body`` (LLVM's loop vectoriser's name for it)."""
    lines = ir.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("vector.body:"))
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"^[\w.]+:", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def vector_calls(loop) -> tuple[set[int], list[str]]:
    """The vector widths of doubles in the loop's vector body, and what that body calls."""
    (ir,) = loop.inspect_llvm().values()
    assert "vector.body:" in ir, "LLVM did not vectorise the loop"
    body = vector_body(ir)
    return {int(w) for w in VECTOR.findall(body)}, CALL.findall(body)


#: What a vector body may call: LLVM's own operations, each one instruction on x86-64 with
#: AVX2 and FMA (|x|, min/max, copysign, the fused multiply–add of tanh and σ).
NATIVE = ("llvm.fabs.", "llvm.minnum.", "llvm.maxnum.", "llvm.copysign.", "llvm.fma.")


@pytest.mark.parametrize("loop", [exp_array, log_array, sigmoid_array, softplus_array,
                                  tanh_array, exp_lanes_array, log_lanes_array],
                         ids=lambda f: f.py_func.__name__)
def test_a_loop_over_the_primitive_is_vectorised(loop):
    """LLVM turns the loop into SIMD code: a vector body of doubles that calls no function
    but LLVM's own native operations (|x|, min/max, fused multiply–add)."""
    x = np.linspace(-3.0, 3.0, 16)
    apply(loop, np.abs(x) if loop in (log_array, log_lanes_array) else x)
    widths, calls = vector_calls(loop)
    assert max(widths, default=0) >= 2, sorted(widths)
    assert all(c.startswith(NATIVE) for c in calls), calls


#: Doubles of every kind: the whole exponent range of both signs, around 0 and 1, the
#: thresholds of exp and the special values.
EVERY_KIND = np.concatenate([
    2.0 ** RNG.uniform(-1074.0, 1024.0, 20_000) * RNG.choice([-1.0, 1.0], 20_000),
    RNG.uniform(-750.0, 750.0, 20_000),
    RNG.uniform(0.0, 3.0, 5_000),
    [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.0, LN_MAX, LN_HALF_MIN_SUB,
     710.0, -746.0, 1.7976931348623157e308, np.inf, -np.inf, np.nan],
])


@pytest.mark.parametrize("held, plain", [(exp_lanes_array, exp_array),
                                         (log_lanes_array, log_array)],
                         ids=["exp", "log"])
def test_the_lane_forms_give_the_same_bits(held, plain):
    """exp_lanes and log_lanes are exp and log with their constants held in registers: the
    same operations on the same values, so the same bits for every double (so the accuracy
    tests of exp and log hold for them)."""
    got, want = apply(held, EVERY_KIND), apply(plain, EVERY_KIND)
    np.testing.assert_array_equal(got.view(np.int64), want.view(np.int64))


def test_held_constants_leave_the_vector_body():
    """The held constants are computed once before the loop: the vector body of a loop over
    exp_lanes or log_lanes has none of their (empty) inline-assembly statements left in it:
    LLVM hoisted every one, so no constant is rematerialised per element."""
    for loop in (exp_lanes_array, log_lanes_array):
        apply(loop, np.linspace(0.5, 3.0, 16))
        (ir,) = loop.inspect_llvm().values()
        body = vector_body(ir)
        assert "asm" not in body, body
        assert "asm sideeffect" not in ir and ir.count('asm ""') >= 10, loop


# The lane forms on a machine without a known register constraint: the holder passes values
# through (no inline-assembly statement), as it does on ppc64le.
_unheld = _stable.holder(None)


@jit(inline="always")
def _exp_unheld(x):
    return _stable._exp(x, _unheld)


@jit(inline="always")
def _log_unheld(x):
    return _stable._log(x, _unheld)


@pytest.mark.parametrize("machine, known", [("x86_64", True), ("AMD64", True),
                                            ("aarch64", True), ("arm64", True),
                                            ("ppc64le", False), ("s390x", False)])
def test_hold_constraints_name_only_machines_that_have_them(machine, known):
    got = _stable.hold_constraints(machine)
    assert (got is not None) == known
    if known:
        assert all(c.startswith("=") and c.endswith(",0") for c in got)


@pytest.mark.parametrize("plain_primitive, unheld", [(_stable.exp, _exp_unheld),
                                                     (_stable.log, _log_unheld)],
                         ids=["exp", "log"])
def test_without_a_constraint_the_lane_forms_are_the_plain_ones(plain_primitive, unheld):
    """Off x86 and AArch64 the holder is the value itself: the lane forms compile without any
    inline assembly and give the plain forms' bits."""
    loop = array_loop(unheld)
    got, want = apply(loop, EVERY_KIND), apply(array_loop(plain_primitive), EVERY_KIND)
    np.testing.assert_array_equal(got.view(np.int64), want.view(np.int64))
    (ir,) = loop.inspect_llvm().values()
    assert "asm" not in ir


def test_the_log_loop_converts_no_integer_one_element_at_a_time():
    """ln x's exponent becomes a double in the exponent bits of 2^52 (integer SIMD operations):
    the vector body has no int64 → double conversion, which AVX2 lacks (LLVM would convert one
    element at a time), and no arithmetic shift of int64 (also emulated there)."""
    apply(log_array, np.linspace(0.5, 3.0, 16))
    (ir,) = log_array.inspect_llvm().values()
    body = vector_body(ir)
    assert "sitofp" not in body and "ashr" not in body, body


def fresh(binding):
    """A generated array binding compiled afresh (its cached machine code has no IR to read)."""
    return njit(binding.py_func)


@pytest.mark.parametrize("binding", [sigmoid.f_array, tanh.f_array, losses.log_loss_array,
                                     losses.log_loss_dz_array],
                         ids=lambda f: f"{f.py_func.__module__.rsplit('.', 1)[1]}."
                                       f"{f.py_func.__name__}")
def test_the_generated_array_loops_are_vectorised(binding):
    """``gk.functions.tanh.f(x)`` and ``log_loss.loss(z, y)`` on arrays run these loops: each
    element function is inlined into the loop (the per-sample losses at Numba's IR level,
    being too large for LLVM's inliner) and the loop body is SIMD code calling nothing."""
    loop = fresh(binding)
    x = np.linspace(-3.0, 3.0, 16)
    c = (x, (x > 0.0).astype(np.float64))[:2 if binding.py_func.__module__.endswith(
        "losses") else 1]
    assert loop(c, np.empty_like(x)) == 0
    widths, calls = vector_calls(loop)
    assert max(widths, default=0) >= 2, sorted(widths)
    assert all(c.startswith(NATIVE) for c in calls), calls


def test_a_loop_over_math_exp_calls_libm_exp_per_element():
    """The control: around libm's exp LLVM can at most widen the call to ``llvm.exp.v4f64``,
    which the code generator splits back into one scalar libm call per element — the test
    above tells the two apart."""

    @njit
    def libm_exp(x, out):
        for i in range(x.shape[0]):
            out[i] = math.exp(x[i])

    apply(libm_exp, np.zeros(4))
    (ir,) = libm_exp.inspect_llvm().values()
    calls = CALL.findall(vector_body(ir)) if "vector.body:" in ir else CALL.findall(ir)
    assert any("exp" in c for c in calls), calls
    assert "call" in libm_exp.inspect_asm(libm_exp.signatures[0]) and any(
        "exp" in line for line in libm_exp.inspect_asm(libm_exp.signatures[0]).splitlines()
        if "call" in line)


def test_tanh_within_1_5_ulp_over_the_whole_double_range():
    """Densely where tanh is not ±1 (|x| < 19.1), both signs, tiny to large, and both sides of
    the switch from the polynomial to the exponential form."""
    edge = _stable.TANH_POLY_MAX
    xs = np.concatenate([
        RNG.uniform(-19.1, 19.1, 30_000),
        RNG.uniform(-1.0, 1.0, 20_000),
        10.0 ** RNG.uniform(-320, 1.3, 20_000) * RNG.choice([-1.0, 1.0], 20_000),
        RNG.uniform(edge - 0.05, edge + 0.05, 5_000),
        np.nextafter(edge, 0.0) - np.arange(4) * 1e-16, edge + np.arange(4) * 1e-16,
    ])
    got = apply(tanh_array, xs)
    err = ulp_errors(got, xs, mpmath.tanh)
    assert err.max() <= TANH_ULP, (err.max(), xs[err.argmax()])
    small = np.abs(xs) < edge
    assert err[small].max() <= 0.75, (err[small].max(), xs[small][err[small].argmax()])


def test_tanh_at_zero_subnormals_saturation_inf_and_nan():
    zeros = apply(tanh_array, np.array([0.0, -0.0]))
    assert zeros.tolist() == [0.0, 0.0] and np.signbit(zeros).tolist() == [False, True]
    sub = np.array([5e-324, -5e-324, 1e-310, -2.2250738585072e-308, 1e-200])
    assert (apply(tanh_array, sub) == sub).all()  # tanh x = x − x³/3 + …: x to the last bit
    # 1 − tanh x ≈ 2e^(−2x) is below half an ulp of 1 from x = 19.06 on: exactly ±1.
    big = np.array([19.1, 20.0, 22.0, 40.0, 354.9, 355.0, 709.0, 1e10, 1e308, np.inf])
    assert (apply(tanh_array, big) == 1.0).all() and (apply(tanh_array, -big) == -1.0).all()
    assert float(mpmath.tanh(19.1)) == 1.0
    assert np.isnan(apply(tanh_array, np.array([np.nan, -np.nan]))).all()


def exact_sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def test_sigmoid_within_1_ulp_over_the_whole_double_range():
    """Densely over every z whose σ(z) is neither 1 nor 0 in float64 (−745.13 < z < 37),
    the subnormal results (z < −708.4), tiny |z| and around 0, both signs."""
    zs = np.concatenate([
        np.linspace(-745.2, 40.0, 40_001),
        RNG.uniform(-40.0, 40.0, 20_000),
        RNG.uniform(-6.0, 0.0, 10_000),
        10.0 ** RNG.uniform(-300, np.log10(700.0), 5_000) * RNG.choice([-1.0, 1.0], 5_000),
        RNG.uniform(LN_HALF_MIN_SUB, -708.39, 3_000),  # subnormal results
    ])
    err = ulp_errors(apply(sigmoid_array, zs), zs, exact_sigmoid)
    assert err.max() <= SIGMOID_ULP, (err.max(), zs[err.argmax()])


def test_sigmoid_at_zero_saturation_inf_and_nan():
    got = apply(sigmoid_array, np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-300, -1e-300]))
    assert got[:4].tolist() == [0.5, 0.5, 1.0, 0.0] and np.isnan(got[4])
    assert got[5:].tolist() == [0.5, 0.5]
    # 1 − σ(z) = σ(−z) < 2^-54 (half an ulp below 1) from z = 37.43 on: exactly 1.
    big = np.array([37.5, 40.0, 709.0, 745.0, 746.0, 1e4, 1e308])
    assert (apply(sigmoid_array, big) == 1.0).all()
    # σ(z) = e^z/(1 + e^z) rounds to 0 below ln(2^-1075) and to 2^-1074 just above it.
    assert (apply(sigmoid_array, np.array([-745.2, -746.0, -1e4, -1e308])) == 0.0).all()
    assert apply(sigmoid_array, np.array([-745.13, -745.0])).tolist() == [5e-324, 5e-324]
    assert float(exact_sigmoid(mpmath.mpf(37.5))) == 1.0


def test_tanh_polynomial_is_the_chebyshev_fit_it_says():
    """Recompute the fit of g(w) = (tanh √w − √w)/w^(3/2) on [0, 0.55²]: the coefficients in
    ``_stable`` are it, rounded to doubles."""
    with mpmath.workdps(60):
        end = mpmath.mpf(str(_stable.TANH_POLY_MAX)) ** 2  # 0.3025 exactly

        def g(w):
            if w == 0:
                return mpmath.mpf(-1) / 3
            a = mpmath.sqrt(w)
            return (mpmath.tanh(a) - a) / (a * w)

        coeffs, error = mpmath.chebyfit(g, [0, end], len(_stable._TANH_G), error=True)
    assert [float(c) for c in coeffs] == list(_stable._TANH_G)
    assert error < 1e-17


def test_exp_polynomial_is_the_chebyshev_fit_it_says():
    """Recompute the fit of Q(r) = (e^r − 1 − r)/r² on |r| ≤ 1.0001·ln(2)/2 (the reduced
    argument's range, with room for the rounding of k): the coefficients in ``_stable`` are
    it, rounded to doubles, and r²·|error| is a negligible part of an ulp of e^r."""
    with mpmath.workdps(60):
        half = mpmath.log(2) / 2 * mpmath.mpf("1.0001")

        def q(r):
            if abs(r) < mpmath.mpf(10) ** -12:  # the series: no cancellation near 0
                return mpmath.mpf(1) / 2 + r / 6 + r * r / 24
            return (mpmath.exp(r) - 1 - r) / (r * r)

        coeffs, error = mpmath.chebyfit(q, [-half, half], len(_stable._EXP_Q), error=True)
        share = error * half**2 / mpmath.exp(-half) / mpmath.mpf(2) ** -53
    assert [float(c) for c in coeffs] == list(_stable._EXP_Q)
    assert error < 1.5e-18 and share < 0.005, (error, share)


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
