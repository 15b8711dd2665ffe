"""The core every regression fit shares, in memory or on Dask arrays.

What is here, in the order a fit uses it: the cost conventions, the start θ (scaled when a
scaling is used), the stopping status → :class:`~gradspec.kernels.reasons.Reason`, the
separability certificate of logistic fits, and the :class:`FitResult` in the data's original
units.  :mod:`gradspec.kernels.regression` (NumPy data) and :mod:`gradspec.kernels.dask_fit`
(Dask arrays) both import from here and never from each other.

Separability, certified.  The log-loss J(θ) = 1/m Σᵢ (softplus(zᵢ) − yᵢ·zᵢ) has a finite
minimiser exactly when the two classes are *not* strictly linearly separable: if some θ*
has sᵢ·(θ*·x̃ᵢ) > 0 for every row (sᵢ = 2yᵢ − 1 = ±1), then J(t·θ*) → 0 as t → ∞ while
J > 0 at every finite θ, so gradient descent only drives ‖θ‖ up while ‖∇J‖ shrinks — and a
``tol`` can be met long before any iterate separates the classes.  So a logistic fit that
would stop as ``converged`` or ``max_iterations`` first asks a linear program
(``scipy.optimize.linprog``, HiGHS) whether

    sᵢ·(θ·x̃ᵢ) ≥ 1   for every row i

is feasible (by scaling θ, the same as > 0 for all rows).  Feasible: the reason is
``"separable"`` and the LP's θ, checked to separate the rows in floating point, is
``separating_hyperplane`` (original units).  Infeasible: the classes overlap and the
minimiser exists.  An iterate of the descent that already separates the rows
(``separated_at``) is a certificate too.  The LP is tried on growing subsets of the rows
first: a subset the LP finds infeasible certifies every row (adding rows cannot make
overlapping classes separable), at a fraction of the full LP's time and memory.

Overlap has a certificate of its own, asked before any LP (:mod:`gradspec.kernels.overlap`):
Gordan's theorem, a λ ≥ 0, λ ≠ 0, with Σᵢ λᵢ·sᵢ·x̃ᵢ = 0, taken from the log-loss's own
minimiser on a few hundred rows with the rounding bounded.  It costs a fraction of the LP
(0.5–1 ms against 3–5 ms on 256 rows) and is exact where HiGHS works to tolerances; where it
does not prove overlap (separable or nearly separable rows), the LP decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import fused
from .overlap import overlap_certified, sigmoid
from .reasons import Reason
from .results import OptimizeNames
from .scaling import Scaling
from .validate import as_matrix, check_finite_rows

#: Fits with at least this many entries m·(n + 1) use the prange kernel (measured crossover).
PARALLEL_MIN_ENTRIES = 200_000

#: Rows of the first subset the separability LP is solved on (see :func:`separating_hyperplane`):
#: overlapping classes are almost always certified by a few hundred rows, and an LP that small
#: costs little more than SciPy's fixed overhead (about 1 ms), where 2048 rows cost 10–30.
CERTIFY_SUBSET_ROWS = 256

#: Dask fits certify separability on data up to this many entries m·(n + 1) (gathered into
#: memory for the linear program, 80 MB of float64); beyond it ``separable`` is None.
CERTIFY_MAX_ENTRIES = 10_000_000


def is_dask_collection(obj) -> bool:
    """True for a Dask collection (recognised by its type's module, without importing Dask)."""
    return type(obj).__module__.split(".", 1)[0] == "dask"


def cost_constant(cost: str, m: int) -> float:
    """c in J = c·Σᵢ ℓ(zᵢ, yᵢ): 1/(2m) (``"mse_half"``), 1/m (``"mse"``, ``"log_loss"``), 1."""
    if cost == "mse_half":
        return 0.5 / m
    if cost in ("mse", "log_loss"):
        return 1.0 / m
    return 1.0


def start_theta(theta0: np.ndarray | None, p: int, scaling: Scaling | None) -> np.ndarray:
    """The first iterate in the fitted coordinates (zeros, or θ₀ mapped to the scaled ones)."""
    if theta0 is None:
        return np.zeros(p)
    t = scaling.theta_to_scaled(theta0) if scaling is not None else theta0.copy()
    return np.ascontiguousarray(t, dtype=np.float64)


def status_reason(status: int, sep_at: int) -> Reason:
    """The reason of a fused descent's status: diverged, else separable when an iterate
    separated the classes, else the status's own reason."""
    if status != fused.DIVERGED and sep_at >= 0:
        return Reason.SEPARABLE
    return Reason.from_code(status)


def _feasibility(X: np.ndarray, y: np.ndarray):
    """Solve sᵢ·(θ·x̃ᵢ) ≥ 1 for every row by linear programming (HiGHS): (status, θ or None).

    ``status`` is SciPy's: 0 feasible (θ found), 2 infeasible, others could not decide.
    """
    from scipy.optimize import linprog

    m, n = X.shape
    s = 2.0 * y - 1.0
    A = -s[:, None] * np.hstack([np.ones((m, 1)), X])
    res = linprog(np.zeros(n + 1), A_ub=A, b_ub=-np.ones(m), bounds=[(None, None)] * (n + 1),
                  method="highs")
    theta = None if res.x is None else np.asarray(res.x, dtype=np.float64)
    return res.status, theta


def _separates(X: np.ndarray, y: np.ndarray, theta: np.ndarray) -> bool:
    """True when sᵢ·(θ₀ + θ₁…ₙ·xᵢ) > 0 for every row, in float64 (one compiled pass over X:
    the misclassified count of the log-loss pass, no temporary the size of X)."""
    g = np.empty(theta.shape[0])
    Xc = X if X.dtype == np.float32 and X.flags.c_contiguous else np.ascontiguousarray(
        X, dtype=np.float64)
    _, miss = fused.cost_grad_sums(fused.LOGISTIC, None, Xc, np.ascontiguousarray(
        y, dtype=np.float64), theta, g)
    return miss == 0


def separating_hyperplane(X: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    """A θ with sᵢ·(θ₀ + θ₁…ₙ·xᵢ) > 0 for every row (sᵢ = 2yᵢ − 1), or None if there is none.

    First the certificate of :func:`~gradspec.kernels.overlap.overlap_certified` on
    ``CERTIFY_SUBSET_ROWS`` evenly spaced rows (Newton's method and a bounded Gordan
    certificate, several times cheaper than the LP): when it proves that those rows overlap,
    so do all.  Otherwise the exact test of the module docstring: feasibility of
    sᵢ·(θ·x̃ᵢ) ≥ 1 by linear programming (HiGHS).  The LP is solved first on evenly spaced
    subsets of the rows, ``CERTIFY_SUBSET_ROWS`` and 8, 64, … times as many: rows that cannot
    be separated cannot be separated with more rows added, so an infeasible subset certifies
    the whole data in a fraction of the time and memory of the full LP (overlapping classes
    the certificate did not prove are typically certified by the first subset).  A subset's θ
    that separates every row is returned as it is; otherwise the next, larger subset is tried,
    up to all rows.  A θ is returned only when it separates every row strictly in float64
    arithmetic too; None means overlap was proved, or an LP found the constraints infeasible
    (or the full LP could not give a θ that checks).
    """
    m = X.shape[0]
    k = CERTIFY_SUBSET_ROWS
    first = np.linspace(0, m - 1, min(k, m)).astype(np.int64)
    if overlap_certified(X[first], y[first]):
        return None
    while k < m:
        rows = np.linspace(0, m - 1, k).astype(np.int64)
        status, theta = _feasibility(np.asarray(X[rows], dtype=np.float64), y[rows])
        if status == 2:
            return None
        if status == 0 and theta is not None and _separates(X, y, theta):
            return theta
        k *= 8
    status, theta = _feasibility(X, y)
    if status != 0 or theta is None:
        return None
    return theta if _separates(X, y, theta) else None


@dataclass(frozen=True)
class FitResult(OptimizeNames):
    """A fitted linear or logistic model.

    Attributes
    ----------
    theta
        (n + 1,) parameters in the original units of X, ``theta[0]`` the intercept.
    cost
        J(θ) at the returned θ (for the fitted, possibly scaled, features; J is invariant
        under the scaling map, so it is also J of ``theta`` on the original data up to
        rounding).
    cost_history
        J(θ_k) for k = 0 … n_iter (``cost_history[-1] == cost``).
    n_iter
        Accepted gradient steps.
    converged
        ``reason == "converged"``.
    reason
        A :class:`~gradspec.kernels.reasons.Reason`: ``"converged"``, ``"max_iterations"``,
        ``"diverged"``, ``"separable"`` or ``"interrupted"`` (see
        :mod:`gradspec.kernels.regression`).
    grad_norm
        ‖∇J‖₂ at the returned θ, in the coordinates of the fit (NaN after divergence).
    model
        ``"linear"`` or ``"logistic"``.
    cost_convention
        ``"mse_half"``, ``"mse"`` or ``"sse"`` (linear) or ``"log_loss"`` (natural log).
    scaling
        The :class:`~gradspec.kernels.scaling.Scaling` used (None without scaling).
    failed_at
        The step whose iterate was refused on divergence (``n_iter + 1``), else None.
    separated_at
        First iterate that separated the classes strictly (logistic), else None.
    separable
        Logistic fits: True when the classes are certified linearly separable, False when
        certified not to be (the log-loss has a minimiser), None when not checked (linear
        fits, diverged fits, Dask data beyond ``CERTIFY_MAX_ENTRIES``).
    separating_hyperplane
        When ``separable``: a θ (original units, intercept first) that puts every row
        strictly on its label's side; else None.
    path
        (n_iter + 1, n + 1) iterates in original units when ``history=True``, else None.
    learning_rate, num_iterations, tol
        What was run.
    x, fun, nit, success, message
        SciPy's names: ``x`` is ``theta``, ``fun`` the cost, ``nit`` the steps, ``success``
        ``converged``; ``message`` one sentence.
    """

    theta: np.ndarray
    cost: float
    cost_history: np.ndarray = field(repr=False)
    n_iter: int
    converged: bool
    reason: str
    grad_norm: float
    model: str
    cost_convention: str
    scaling: Scaling | None = field(repr=False)
    failed_at: int | None
    separated_at: int | None
    path: np.ndarray | None = field(repr=False)
    learning_rate: float
    num_iterations: int
    tol: float | None
    separable: bool | None = None
    separating_hyperplane: np.ndarray | None = field(default=None, repr=False)

    @property
    def x(self) -> np.ndarray:
        """θ (SciPy's name for the point found)."""
        return self.theta

    @property
    def fun(self) -> float:
        """J(θ) (SciPy's name)."""
        return self.cost


    @property
    def intercept(self) -> float:
        """θ₀."""
        return float(self.theta[0])

    @property
    def coef(self) -> np.ndarray:
        """θ₁ … θₙ."""
        return self.theta[1:]

    def decision_function(self, X) -> np.ndarray:
        """z = θ₀ + X·θ₁…ₙ for new data in the original units (the margin of a logistic fit)."""
        where = "decision_function"
        X2 = as_matrix(X, where, "X")
        if X2.shape[1] != self.theta.shape[0] - 1:
            raise ValueError(
                f"{where}: X has {X2.shape[1]} features, the model {self.theta.shape[0] - 1}"
            )
        check_finite_rows(X2, where)  # NaN in, NaN out is no answer
        with np.errstate(over="ignore", invalid="ignore"):
            return self.theta[0] + X2 @ self.theta[1:]

    def predict(self, X) -> np.ndarray:
        """ŷ as scikit-learn gives it: z for a linear model; for a logistic one the label,
        1 where σ(z) > ½ (z > 0) and 0 elsewhere (int64)."""
        z = self.decision_function(X)
        if self.model == "logistic":
            return (z > 0.0).astype(np.int64)
        return z

    def predict_proba(self, X) -> np.ndarray:
        """Logistic fits: (m, 2) probabilities [P(y = 0 | x), P(y = 1 | x)] = [1 − σ(z), σ(z)],
        the columns in label order as scikit-learn has them."""
        if self.model != "logistic":
            raise AttributeError("predict_proba: a linear fit gives no probabilities; use "
                                 "predict")
        z = self.decision_function(X)
        return np.column_stack([sigmoid(-z), sigmoid(z)])

    def score(self, X, y) -> float:
        """R² = 1 − Σ (yᵢ − ŷᵢ)²/Σ (yᵢ − ȳ)² for a linear fit; the accuracy (fraction of
        labels predicted right) for a logistic one — scikit-learn's ``score``."""
        from .validate import check_data

        X2, yv = check_data(X, y, "score", labels=self.model == "logistic")
        pred = self.predict(X2)
        if self.model == "logistic":
            return float(np.mean(pred == yv))
        total = float(np.sum((yv - yv.mean()) ** 2))
        resid = float(np.sum((yv - pred) ** 2))
        return 1.0 - resid / total if total > 0.0 else (1.0 if resid == 0.0 else 0.0)

    @property
    def message(self) -> str:
        """One sentence saying what happened, for people."""
        head = f"{self.model} regression ({self.cost_convention})"
        if self.reason == "converged":
            return f"{head}: converged after {self.n_iter} steps, J = {self.cost:.6g}"
        if self.reason == "max_iterations":
            return (f"{head}: took all {self.n_iter} steps, J = {self.cost:.6g}, "
                    f"‖∇J‖ = {self.grad_norm:.3g}")
        if self.reason == "diverged" and self.failed_at == 0:
            return (f"{head}: the cost or its gradient at the starting θ is not finite — the "
                    "data overflow float64 in (θ·x̃ − y)² or its gradient; scale X and y "
                    "(e.g. scale='standard' and y in sensible units); nothing was run")
        if self.reason == "diverged":
            return (f"{head}: step {self.failed_at} diverged (non-finite or exploding cost; "
                    "lower the learning rate or scale the features); returning the last "
                    f"good θ after {self.n_iter} steps")
        if self.reason == "interrupted":
            return (f"{head}: interrupted after {self.n_iter} steps; returning the last "
                    f"accepted θ, J = {self.cost:.6g}")
        how = (f"iterate {self.separated_at} classifies every sample correctly"
               if self.separated_at is not None else
               "a linear program found a separating hyperplane")
        return (f"{head}: the classes are linearly separable ({how}), so the log-loss has no "
                f"finite minimiser: J = {self.cost:.3g} keeps falling toward 0 while ‖θ‖ = "
                f"{float(np.linalg.norm(self.theta)):.3g} grows without bound")


def fit_result(kind, theta, scaling, path, cost_hist, n_iter, status, event, sep_at, cost,
               grad_norm, convention, opts, certify) -> FitResult:
    """The :class:`FitResult` of a finished descent, in the data's original units.

    ``status`` is the loop's reason code; "diverged" wins over "separable", which wins over
    "converged" and "max_iterations".  ``certify`` is None (no certificate: linear fits, or
    data the caller cannot hold in memory) or a function returning the in-memory (X, y) in
    original units, for the separability certificate of a logistic fit.
    """
    reason = status_reason(status, sep_at)
    separable = hyperplane = None
    if kind == fused.LOGISTIC and reason in (Reason.CONVERGED, Reason.MAX_ITERATIONS,
                                              Reason.SEPARABLE) and certify is not None:
        hyperplane = separating_hyperplane(*certify())
        separable = hyperplane is not None or reason == Reason.SEPARABLE
        if separable:
            reason = Reason.SEPARABLE
    elif reason == Reason.SEPARABLE:
        separable = True
    if scaling is not None:
        theta = scaling.theta_to_original(theta)
        if path is not None:
            path = scaling.theta_to_original(path)
    return FitResult(
        theta=theta,
        cost=float(cost),
        cost_history=cost_hist[: n_iter + 1].copy(),
        n_iter=n_iter,
        converged=reason.success,
        reason=reason,
        grad_norm=float(grad_norm),
        model="logistic" if kind == fused.LOGISTIC else "linear",
        cost_convention=convention,
        scaling=scaling,
        failed_at=event if status == fused.DIVERGED else None,
        separated_at=sep_at if sep_at >= 0 else None,
        path=path,
        learning_rate=float(opts.learning_rate),
        num_iterations=int(opts.num_iterations),
        tol=opts.tol,
        separable=separable,
        separating_hyperplane=hyperplane,
    )


__all__ = ["FitResult", "fit_result", "separating_hyperplane", "status_reason", "cost_constant",
           "start_theta", "is_dask_collection", "PARALLEL_MIN_ENTRIES", "CERTIFY_MAX_ENTRIES"]
