"""Feature scaling (001 ``min_max_scaling``): fit the statistics, apply them, undo them on θ.

Each feature j is mapped to x'ⱼ = (xⱼ − shiftⱼ)/spanⱼ with

* ``"minmax"``:   shift = min xⱼ,  span = max xⱼ − min xⱼ   (x' ∈ [0, 1]);
* ``"standard"``: shift = mean xⱼ, span = std xⱼ (population, ddof = 0)   (mean 0, std 1).

A model fitted on the scaled features, z = θ'₀ + Σⱼ θ'ⱼ·x'ⱼ, is the same function of the
original features with

    θⱼ = θ'ⱼ/spanⱼ,    θ₀ = θ'₀ − Σⱼ θ'ⱼ·shiftⱼ/spanⱼ,

which :meth:`Scaling.theta_to_original` applies; :meth:`Scaling.theta_to_scaled` is its
inverse (θ'ⱼ = θⱼ·spanⱼ, θ'₀ = θ₀ + Σⱼ θⱼ·shiftⱼ), used for a starting point given in the
original units.  Gradient descent on the scaled problem is preconditioned gradient descent on
the original one: the same minimiser, reached in far fewer iterations when the features have
very different ranges (the 666 of ``glucose_three_features``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .validate import SCALINGS, as_matrix, check_finite_rows


@dataclass(frozen=True)
class Scaling:
    """Per-feature statistics: x' = (x − shift)/span.  ``method`` is "minmax" or "standard"."""

    method: str
    shift: np.ndarray
    span: np.ndarray

    def apply(self, X: np.ndarray) -> np.ndarray:
        """The scaled features (a new C-contiguous float64 array of X's shape)."""
        return np.ascontiguousarray((X - self.shift) / self.span)

    def theta_to_original(self, theta_scaled: np.ndarray) -> np.ndarray:
        """θ in the original units from θ' fitted on scaled features (last axis = parameters)."""
        t = np.array(theta_scaled, dtype=np.float64, copy=True)
        w = t[..., 1:] / self.span
        t[..., 0] = t[..., 0] - w @ self.shift
        t[..., 1:] = w
        return t

    def theta_to_scaled(self, theta: np.ndarray) -> np.ndarray:
        """θ' for the scaled features from θ in the original units (inverse of the above)."""
        t = np.array(theta, dtype=np.float64, copy=True)
        t[..., 0] = t[..., 0] + t[..., 1:] @ self.shift
        t[..., 1:] = t[..., 1:] * self.span
        return t


def _as_features(X, where: str) -> np.ndarray:
    """X as a finite, non-empty float64 (m, n) array ((m,) becomes (m, 1)), or a clear error."""
    arr = as_matrix(X, where, "X", keep_float32=True)
    if arr.size == 0:
        raise ValueError(f"{where}: X is empty (shape {arr.shape}); there is nothing to scale")
    return check_finite_rows(arr, where)


def constant_feature(j: int, value: float, method: str) -> ValueError:
    """The one message for a feature that cannot be scaled because it is constant."""
    return ValueError(
        f"feature {j} is constant (every row has {value!r}), so it cannot be scaled "
        f"({method}: division by a zero span); drop it — the intercept already plays its role"
    )


def _moments(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and population standard deviations in float64, in compiled passes over X
    (``X.std`` would allocate X − mean, a temporary the size of X)."""
    from . import fused

    n = X.shape[1]
    mean, std, lo, hi = (np.empty(n) for _ in range(4))
    fused.column_statistics(X, mean, std, lo, hi)
    return mean, std


def fit_scaling(X: np.ndarray, method: str) -> Scaling:
    """The statistics of ``method`` ("minmax" or "standard") for each column of X (m, n).

    Raises
    ------
    ValueError
        For an unknown method, an empty or non-finite X, or a constant feature (span 0: it
        cannot be scaled, and it duplicates the intercept).  A span that overflows float64
        (max − min beyond 1.8e308) is refused too.
    TypeError
        When X is not an array of real numbers.
    """
    if method not in SCALINGS:
        raise ValueError(f"scale must be None, 'minmax' or 'standard', not {method!r}")
    X = _as_features(X, f"fit_scaling ({method})")
    with np.errstate(over="ignore", invalid="ignore"):  # an overflowing span is refused below
        if method == "minmax":
            lo = X.min(axis=0).astype(np.float64)
            shift, span = lo, X.max(axis=0).astype(np.float64) - lo
        else:
            shift, span = _moments(X)
    huge = np.flatnonzero(~np.isfinite(span) | ~np.isfinite(shift))
    if huge.size:
        j = int(huge[0])
        raise ValueError(
            f"feature {j} spans more than float64 can hold ({method}: its "
            f"{'range' if method == 'minmax' else 'mean or standard deviation'} overflows); "
            "divide it by a constant first"
        )
    constant = np.flatnonzero(~(span > 0))
    if constant.size:
        raise constant_feature(int(constant[0]), float(X[0, constant[0]]), method)
    return Scaling(method, np.ascontiguousarray(shift), np.ascontiguousarray(span))


def min_max_scale(X: np.ndarray) -> np.ndarray:
    """(x − min)/(max − min) per feature (001), the scaled copy of X."""
    arr = _as_features(X, "min_max_scale")
    out = fit_scaling(arr, "minmax").apply(arr)
    return out[:, 0].copy() if np.ndim(X) == 1 else out


def standardize(X: np.ndarray) -> np.ndarray:
    """(x − mean)/std per feature (001), the scaled copy of X."""
    arr = _as_features(X, "standardize")
    out = fit_scaling(arr, "standard").apply(arr)
    return out[:, 0].copy() if np.ndim(X) == 1 else out
