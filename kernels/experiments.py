"""The two experiments of document 004, many small fits batched in one ``prange`` kernel.

* :func:`slope_experiment` — "ANN regression": y = m·x + randn/2 with N = 50 points, the
  slope m from −2 to 2 in 21 steps, 50 repetitions per slope; a linear model ŷ = θ₀ + θ₁x is
  trained by gradient descent on the mean squared error (004 ``mse``, J = 1/N Σ (ŷᵢ − yᵢ)²),
  and the final loss and the correlation corr(ŷ, y) are recorded per fit.
  What the result shows: the correlation drops toward 0 near m = 0 (x carries no information
  about y there; converged, corr ≈ |m|/√(m² + ¼)).  The document's other lesson, "the loss
  grows with |m| because it is not normalised", holds for fits stopped early (the initial
  loss is E[y²] = m² + ¼): with 10 steps at α = 0.01 the mean final loss rises from 0.24 at
  m = 0 to 2.9 at |m| = 2.  Trained to convergence (the defaults) only the noise is left,
  J ≈ var(randn/2) = ¼ for every m (measured 0.23–0.25 across the 21 slopes).
* :func:`classification_experiment` — "ANN classification": two Gaussian clouds (blue and
  black), the same logistic model σ(θ₀ + θ₁x₁ + θ₂x₂) trained on the same data at several
  learning rates; final log-loss, accuracy and reason per learning rate.

Data come from ``numpy.random.default_rng(seed)`` in a fixed order, so a seed reproduces the
result bit for bit; the fits run in parallel over (fit) in one compiled call, each fit with
the same fused serial pass as :func:`gradspec.kernels.linear_regression` (the per-fit data are
tiny; the parallelism is across fits).  The documents do not print x's distribution, the
learning rate or the number of epochs; the defaults (x ~ N(0, 1), α = 0.05, 500 epochs;
clouds N = 100 each around (1, 1) and (5, 1) with σ = 1, 1000 epochs, 40 learning rates from
0.001 to 0.1) are those of the course the notes follow, and every one is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import prange

from . import fused
from ._jit import jit
from .fitting import status_reason
from .reasons import Reason
from .validate import (
    as_array,
    check_iterations,
    check_learning_rate,
    check_nonnegative,
    check_seed,
    check_values,
)


def _check_blur(blur, where: str) -> float:
    """The clouds' standard deviation: a finite number ≥ 0."""
    return check_nonnegative(blur, where, "blur", " (the clouds' standard deviation)")


def _check_centers(centers, where: str) -> np.ndarray:
    """Two cloud centres: a (2, 2) array of finite numbers."""
    arr = as_array(centers, "centers", where, 2)
    if arr.shape != (2, 2):
        raise ValueError(f"{where}: centers must have shape (2, 2) — two points (x₁, x₂) — "
                         f"got shape {arr.shape}")
    return arr


@jit(parallel=True)
def _batch_fits(kind, X, Y, alphas, c, num_iterations, thetas, fout, iout):
    """Fit f: gradient descent on (X[f], Y[f]) with learning rate alphas[f], all f in parallel.

    X (F, N, n), Y (F, N); thetas (F, n + 1) hold the starts and receive the results;
    fout (F, 2) the final cost and gradient norm; iout (F, 4) as :func:`fused.descend`.
    """
    nfit = X.shape[0]
    for f in prange(nfit):
        hist = np.empty(num_iterations + 1)
        path = np.empty((0, thetas.shape[1]))
        fused.descend(kind, None, X[f], Y[f], thetas[f], alphas[f], c, num_iterations, -1.0,
                      hist, path, fout[f], iout[f])


@jit(parallel=True)
def _corr_rows(X, Y, thetas, out):
    """out[f] = Pearson correlation of ŷ = θ₀ + θ₁x and y over the rows of fit f (NaN if flat)."""
    nfit, npts = Y.shape
    for f in prange(nfit):
        sy = 0.0
        sh = 0.0
        for i in range(npts):
            sy += Y[f, i]
            sh += thetas[f, 0] + thetas[f, 1] * X[f, i, 0]
        my = sy / npts
        mh = sh / npts
        cov = 0.0
        vy = 0.0
        vh = 0.0
        for i in range(npts):
            dy = Y[f, i] - my
            dh = thetas[f, 0] + thetas[f, 1] * X[f, i, 0] - mh
            cov += dy * dh
            vy += dy * dy
            vh += dh * dh
        den = np.sqrt(vy * vh)
        out[f] = cov / den if den > 0.0 else np.nan


@dataclass(frozen=True)
class SlopeExperiment:
    """Result of :func:`slope_experiment`.

    Attributes
    ----------
    slopes : (S,) the true slopes m.
    loss, corr : (S, R) final MSE and corr(ŷ, y) of every fit (R repetitions per slope).
    theta : (S, R, 2) fitted (intercept, slope).
    reason : (S, R) reason strings.
    mean_loss, mean_corr : (S,) averages over the repetitions (NaN correlations skipped).
    """

    slopes: np.ndarray
    loss: np.ndarray = field(repr=False)
    corr: np.ndarray = field(repr=False)
    theta: np.ndarray = field(repr=False)
    reason: np.ndarray = field(repr=False)
    mean_loss: np.ndarray
    mean_corr: np.ndarray
    seed: int
    learning_rate: float
    num_iterations: int


def slope_experiment(slopes=None, n_points=50, repetitions=50, learning_rate=0.05,
                     num_iterations=500, seed=0) -> SlopeExperiment:
    """004: fit ŷ = θ₀ + θ₁x to y = m·x + randn/2 for each slope m, ``repetitions`` times.

    J = 1/N Σ (ŷᵢ − yᵢ)² (``cost="mse"``), θ from 0, exactly ``num_iterations`` steps.
    ``slopes`` defaults to ``numpy.linspace(-2, 2, 21)``; x ~ N(0, 1).
    """
    where = "slope_experiment"
    if slopes is None:
        slopes = np.linspace(-2.0, 2.0, 21)
    else:
        if np.ndim(slopes) > 1:
            raise ValueError(f"{where}: slopes must be 1-D, got shape {np.shape(slopes)}")
        slopes = check_values(slopes, where, "slopes", positive=False)
    n_points = check_iterations(n_points, where, "n_points")
    repetitions = check_iterations(repetitions, where, "repetitions")
    if n_points < 2 or repetitions < 1:
        raise ValueError(f"{where}: need n_points ≥ 2 and repetitions ≥ 1")
    alpha = check_learning_rate(learning_rate, where)
    iters = check_iterations(num_iterations, where)
    seed = check_seed(seed, where)
    rng = np.random.default_rng(seed)
    S, R, N = slopes.size, repetitions, n_points
    x = rng.standard_normal((S, R, N))
    noise = rng.standard_normal((S, R, N)) / 2.0
    y = slopes[:, None, None] * x + noise
    X = np.ascontiguousarray(x.reshape(S * R, N, 1))
    Y = np.ascontiguousarray(y.reshape(S * R, N))
    thetas = np.zeros((S * R, 2))
    fout = np.empty((S * R, 2))
    iout = np.empty((S * R, 4), dtype=np.int64)
    _batch_fits(fused.LINEAR, X, Y, np.full(S * R, alpha), 1.0 / N, iters, thetas, fout, iout)
    corr = np.empty(S * R)
    _corr_rows(X, Y, thetas, corr)
    reason = np.array([str(Reason.from_code(s)) for s in iout[:, 1]]).reshape(S, R)
    loss = fout[:, 0].reshape(S, R)
    corr = corr.reshape(S, R)
    with np.errstate(all="ignore"):
        mean_corr = np.array([np.nanmean(r) if np.isfinite(r).any() else np.nan for r in corr])
    return SlopeExperiment(slopes, loss, corr, thetas.reshape(S, R, 2), reason,
                           loss.mean(axis=1), mean_corr, int(seed), alpha, iters)


def two_clouds(n_per_cloud=100, centers=((1.0, 1.0), (5.0, 1.0)), blur=1.0, seed=0):
    """004's classification data: two Gaussian clouds (label 0 around the first centre).

    Returns X (2·n_per_cloud, 2) and y (0/1), from ``default_rng(seed)``.

    Raises
    ------
    TypeError, ValueError
        For a bad argument: n_per_cloud an integer ≥ 1, centers (2, 2) finite, blur a
        finite number ≥ 0, seed an integer ≥ 0.
    """
    where = "two_clouds"
    n_per_cloud = check_iterations(n_per_cloud, where, "n_per_cloud")
    if n_per_cloud < 1:
        raise ValueError(f"{where}: n_per_cloud must be ≥ 1, got {n_per_cloud}")
    c = _check_centers(centers, where)
    blur = _check_blur(blur, where)
    rng = np.random.default_rng(check_seed(seed, where))
    a = c[0] + blur * rng.standard_normal((n_per_cloud, 2))
    b = c[1] + blur * rng.standard_normal((n_per_cloud, 2))
    X = np.ascontiguousarray(np.vstack([a, b]))
    y = np.concatenate([np.zeros(n_per_cloud), np.ones(n_per_cloud)])
    return X, y


@dataclass(frozen=True)
class ClassificationExperiment:
    """Result of :func:`classification_experiment` (one entry per learning rate).

    Attributes
    ----------
    learning_rates, loss, accuracy : (L,) arrays; loss is the final natural-log log-loss,
        accuracy the fraction of points with (σ(z) > ½) == y.
    theta : (L, 3) fitted (θ₀, θ₁, θ₂).
    reason : (L,) "max_iterations", "converged", "diverged" or "separable".
    X, y : the data (the same for every learning rate).
    """

    learning_rates: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    theta: np.ndarray = field(repr=False)
    reason: np.ndarray
    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    seed: int
    num_iterations: int

    @property
    def best_learning_rate(self) -> float:
        """The learning rate with the lowest final loss among the fits that did not diverge."""
        ok = self.reason != "diverged"
        return float(self.learning_rates[ok][np.argmin(self.loss[ok])])


def classification_experiment(learning_rates=None, num_iterations=1000, n_per_cloud=100,
                              blur=1.0, seed=0) -> ClassificationExperiment:
    """004: train σ(θ₀ + θ₁x₁ + θ₂x₂) on two clouds at each learning rate (θ from 0).

    ``learning_rates`` defaults to ``numpy.linspace(0.001, 0.1, 40)``; exactly
    ``num_iterations`` steps of batch gradient descent on the log-loss each.
    """
    where = "classification_experiment"
    lrs = (np.linspace(0.001, 0.1, 40) if learning_rates is None
           else check_values(learning_rates, where, "learning_rates", positive=True))
    iters = check_iterations(num_iterations, where)
    n_per = check_iterations(n_per_cloud, where, "n_per_cloud")
    if n_per < 1:
        raise ValueError(f"{where}: n_per_cloud must be ≥ 1")
    blur = _check_blur(blur, where)
    seed = check_seed(seed, where)
    X, y = two_clouds(n_per, blur=blur, seed=seed)
    L = lrs.size
    Xb = np.ascontiguousarray(np.broadcast_to(X, (L,) + X.shape))
    Yb = np.ascontiguousarray(np.broadcast_to(y, (L,) + y.shape))
    thetas = np.zeros((L, 3))
    fout = np.empty((L, 2))
    iout = np.empty((L, 4), dtype=np.int64)
    _batch_fits(fused.LOGISTIC, Xb, Yb, np.ascontiguousarray(lrs), 1.0 / y.size, iters, thetas,
                fout, iout)
    reason = np.array([str(status_reason(s, sep))
                       for s, sep in zip(iout[:, 1], iout[:, 3], strict=True)])
    z = thetas[:, :1] + thetas[:, 1:] @ X.T
    accuracy = ((z > 0) == (y > 0.5)).mean(axis=1)
    return ClassificationExperiment(lrs, fout[:, 0].copy(), accuracy, thetas, reason, X, y,
                                    int(seed), iters)
