"""Errors of float64 results in units in the last place (ulps), against mpmath.

The unit is the spacing of doubles at the exact value's nearest double r (``np.spacing(|r|)``,
Python's ``math.ulp``); where r is subnormal or 0 it is the subnormal step 2^-1074, so "within
1 ulp" there means "within one step of the correctly rounded subnormal".

The exact value y = fn(x) is computed once per point at ``dps`` digits and kept as two doubles,
r = round(y) and the remainder y − r (exact to far below r's last place), so that the error of
any number of results g is |(g − r) − (y − r)| / ulp(r) in plain float64: g − r is exact for a
result within a factor 2 of r (Sterbenz), and a result further off is wrong by more than an
ulp anyway.  A NaN or infinite result where y is finite counts as an infinite error.
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import numpy as np

#: Digits of the reference: far beyond the 17 of a double, so the rounding of y − r is nil.
DPS = 50


@dataclass(frozen=True)
class Exact:
    """fn at points xs, exactly enough: ``nearest`` (a double) + ``remainder``."""

    xs: np.ndarray
    nearest: np.ndarray
    remainder: np.ndarray

    def ulp_errors(self, got) -> np.ndarray:
        """|got − fn(x)| in ulps of fn(x), one per point."""
        got = np.asarray(got, dtype=np.float64).reshape(self.xs.shape)
        unit = np.spacing(np.abs(self.nearest))
        with np.errstate(invalid="ignore", over="ignore"):
            err = np.abs((got - self.nearest) - self.remainder) / unit
        return np.where(np.isfinite(got), err, np.inf)


def exact(fn, xs, dps: int = DPS) -> Exact:
    """fn (an mpmath function of one mpf) at each x of ``xs``, at ``dps`` digits."""
    xs = np.asarray(xs, dtype=np.float64).ravel()
    nearest = np.empty_like(xs)
    remainder = np.empty_like(xs)
    with mpmath.workdps(dps):
        for i, x in enumerate(xs):
            y = fn(mpmath.mpf(float(x)))
            r = float(y)
            nearest[i] = r
            remainder[i] = float(y - r)
    return Exact(xs, nearest, remainder)


def ulp_errors(got, xs, fn, dps: int = DPS) -> np.ndarray:
    """|got − fn(x)| / ulp(fn(x)) at each x (fn evaluated by mpmath at ``dps`` digits)."""
    return exact(fn, xs, dps).ulp_errors(got)
