"""The four-lane vector intrinsics of ``kernels/_simd.py``: each lane is the IEEE operation."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from numba import njit

from gradspec.kernels._simd import add4, fma4, load4, mul4, store4


@njit(error_model="numpy")
def _fma_lanes(a, b, c, out):
    store4(out, 0, fma4(load4(a, 0), load4(b, 0), load4(c, 0)))


@njit(error_model="numpy")
def _mul_add_lanes(a, b, c, out):
    store4(out, 0, add4(mul4(load4(a, 0), load4(b, 0)), load4(c, 0)))


def _fused(a, b, c):
    """a·b + c rounded once (exact rational arithmetic, then one correct rounding)."""
    if not all(map(math.isfinite, (a, b, c))):
        return a * b + c
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    if exact == 0:  # the sign of a zero: IEEE's rule for the sum (here a·b is exact)
        return a * b + c
    try:
        return float(exact)
    except OverflowError:
        return math.inf if exact > 0 else -math.inf


TINY = 2.0 ** -30
CASES = [
    # a·b = 1 − 2⁻⁶⁰: rounded first it is 1, so only a fused operation keeps −2⁻⁶⁰
    ([1 + TINY, 3.0, 0.1, -2.5], [1 - TINY, 1 / 3, 10.0, 1e-300], [-1.0, -1.0, -1.0, 7.0]),
    ([math.inf, 1e308, math.nan, -0.0], [0.0, 10.0, 1.0, 0.0], [1.0, -1e308, 2.0, -0.0]),
]


@pytest.mark.parametrize(("a", "b", "c"), CASES)
def test_fma4_rounds_once_per_lane(a, b, c):
    a, b, c = (np.array(v) for v in (a, b, c))
    out, plain = np.empty(4), np.empty(4)
    _fma_lanes(a, b, c, out)
    _mul_add_lanes(a, b, c, plain)
    want = np.array([_fused(*t) for t in zip(a.tolist(), b.tolist(), c.tolist(), strict=True)])
    np.testing.assert_array_equal(out, want)  # equal_nan by default; −0.0 == 0.0
    assert np.array_equal(np.signbit(out), np.signbit(want))
    with np.errstate(invalid="ignore", over="ignore"):
        np.testing.assert_array_equal(plain, a * b + c)  # the unfused pair rounds twice


def test_fma4_differs_from_a_multiply_then_an_add():
    a, b, c = (np.array(v) for v in CASES[0])
    out, plain = np.empty(4), np.empty(4)
    _fma_lanes(a, b, c, out)
    _mul_add_lanes(a, b, c, plain)
    assert out[0] == -(2.0 ** -60) and plain[0] == 0.0


def test_prefetch_is_a_hint_only():
    """``prefetch`` compiles to LLVM's prefetch of a read and leaves every value as it was."""
    from gradspec.kernels._simd import load1, prefetch

    @njit
    def total(a, ahead):
        s = 0.0
        for i in range(a.shape[0]):
            prefetch(a, min(i + ahead, a.shape[0] - 1))
            s += load1(a, i)
        return s

    a = np.linspace(-1.0, 2.0, 1001)
    assert total(a, 64) == total(a, 0) == sum(a.tolist())
    (ir,) = total.inspect_llvm().values()
    assert "@llvm.prefetch" in ir
