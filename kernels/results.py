"""What the optimisation drivers return.

``reason`` is one of

``"converged"``
    the stopping rule selected by ``tol`` held (‖∇f‖₂ ≤ tol and/or ‖Δx‖₂ ≤ tol), or the
    gradient at an iterate is exactly zero — an exact stationary point, from which every
    further step is zero, so stopping there returns the very point the full run would.  When
    that happens at the start, ``stationary_start`` is True and ``n_iter`` is 0 (004: from
    x0 = 0 the sextic never moves).
``"max_iterations"``
    every allowed step was taken without meeting the stopping rule.  With ``tol=None`` there
    is no rule, so a run that completes reports this (``converged`` is False: nothing was
    tested — look at ``grad_norm``).
``"diverged"``
    a step produced a non-finite coordinate, gradient or value (or a coordinate beyond
    ``divergence_threshold``); the point is refused.
``"left_domain"``
    a step landed outside the function's domain (x ≤ 0 for eˣ − ln x); the point is refused.
``"singular_hessian"`` / ``"indefinite_hessian"`` (Newton only)
    H is singular to working precision, or not positive (negative) definite when a minimum
    (maximum) is sought.

On every failure ``x`` is the last accepted point (never the refused one), ``n_iter`` the
number of accepted steps, ``failed_at`` the (1-based) step that failed — so
``failed_at == n_iter + 1`` — and ``rejected`` the refused point where there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _loops

REASONS: dict[int, str] = {
    _loops.REASON_CONVERGED: "converged",
    _loops.REASON_MAX_ITERATIONS: "max_iterations",
    _loops.REASON_DIVERGED: "diverged",
    _loops.REASON_LEFT_DOMAIN: "left_domain",
    _loops.REASON_SINGULAR: "singular_hessian",
    _loops.REASON_INDEFINITE: "indefinite_hessian",
}


def as_point(arr: np.ndarray):
    """A float for one coordinate, a tuple of floats otherwise (the convention of ``fn.grad``)."""
    if arr.shape[0] == 1:
        return float(arr[0])
    return tuple(float(v) for v in arr)


@dataclass(slots=True)
class DescentResult:
    """One run of gradient descent, gradient ascent or Newton's method.

    Attributes
    ----------
    x
        The returned point: a float for a function of one variable, a tuple of floats
        otherwise (the last accepted iterate; never a refused point).
    point
        The same as a float64 array of shape (k,).
    value
        f(x) (for ascent too: the value of f, not of −f).
    n_iter
        Accepted steps.
    converged
        ``reason == "converged"``.
    reason
        See the module docstring.
    failed_at
        The 1-based step that was refused, or None.  0 means the start itself had a
        non-finite value or gradient.
    rejected
        The refused point (float or tuple) when a step diverged or left the domain, else None.
    grad_norm
        ‖∇f(x)‖₂ at the returned point.
    step_norm
        ‖Δx‖₂ of the last accepted step (0.0 when none was taken).
    stationary_start
        True when ∇f(x0) = 0 exactly: the start is a stationary point and nothing moves.
    path
        (n_iter + 1, k) array of the iterates (row 0 the start) when ``history=True``.
    function, method, learning_rate, num_iterations, tol, schedule
        What was run.
    last_learning_rate
        The learning rate the schedule produced for the last step (α for ``"fixed"``).
    """

    x: float | tuple
    point: np.ndarray = field(repr=False, compare=False)
    value: float
    n_iter: int
    converged: bool
    reason: str
    failed_at: int | None
    rejected: float | tuple | None
    grad_norm: float
    step_norm: float
    stationary_start: bool
    path: np.ndarray | None = field(repr=False, compare=False)
    function: str
    method: str
    learning_rate: float
    num_iterations: int
    tol: float | None
    schedule: str
    last_learning_rate: float = field(repr=False, default=float("nan"))

    @property
    def message(self) -> str:
        """One sentence saying what happened, for people."""
        where = f"{self.method} on {self.function}"
        if self.reason == "converged":
            if self.stationary_start:
                return (f"{where}: the start is a stationary point (∇f = 0 exactly); "
                        "nothing moves")
            return f"{where}: converged after {self.n_iter} steps at x = {self.x!r}"
        if self.reason == "max_iterations":
            return (f"{where}: took all {self.n_iter} steps; x = {self.x!r}, "
                    f"‖∇f‖ = {self.grad_norm:.3g}")
        what = {
            "diverged": "produced a non-finite (or too large) point, gradient or value",
            "left_domain": "left the domain",
            "singular_hessian": "met a singular Hessian",
            "indefinite_hessian": "met a Hessian that is not definite in the sought direction",
        }[self.reason]
        if self.failed_at == 0:
            return (f"{where}: the start x0 = {self.x!r} already has a non-finite value or "
                    "gradient (overflow); nothing was run")
        tail = f" (refused point {self.rejected!r})" if self.rejected is not None else ""
        return (f"{where}: step {self.failed_at} {what}{tail}; returning the last good "
                f"point x = {self.x!r} after {self.n_iter} steps")


@dataclass(slots=True)
class NewtonResult(DescentResult):
    """A run of Newton's method: a :class:`DescentResult` plus the Hessian at the end point.

    Attributes
    ----------
    hessian_kind
        The stationary-point type the Hessian at ``x`` indicates: ``"min"`` (positive
        definite), ``"max"`` (negative definite), ``"saddle"`` (eigenvalues of both signs) or
        ``"degenerate"`` (an eigenvalue within 1e-8 of 0, relative to the largest).
    """

    hessian_kind: str = ""


@dataclass(frozen=True)
class Cluster:
    """One distinct end point found by :func:`gradspec.kernels.multistart`.

    Attributes
    ----------
    x
        The representative point (the member with the lowest value for descent and
        Newton, the highest for ascent): float or tuple.
    point
        The same as an array (k,).
    value
        f at ``x``.
    count
        How many starts ended in this cluster.
    kind
        ``"min"``, ``"max"``, ``"saddle"`` or ``"degenerate"``, from the Hessian at ``x``.
    """

    x: float | tuple
    point: np.ndarray = field(repr=False, compare=False)
    value: float
    count: int
    kind: str


@dataclass(frozen=True)
class MultistartResult:
    """Runs from many starting points, and the distinct points they reached.

    Attributes
    ----------
    x
        End points: shape (S,) for a function of one variable given (S,) starts, else (S, k).
    points
        End points, always (S, k).
    value, n_iter, grad_norm
        Per start, shape (S,) (views into the kernel's output rows).
    reason
        Per start, the reason as a string (an object array; see
        :mod:`gradspec.kernels.results`).
    converged
        Per start, ``reason == "converged"``.
    failed_at
        Per start, the refused step or −1.
    clusters
        The distinct end points of the runs that did not fail (converged or ran out of
        iterations), sorted by value (ascending; descending for ascent).
    labels
        Per start, the index of its cluster in ``clusters``, or −1 for a failed run.
    """

    x: np.ndarray = field(repr=False)
    points: np.ndarray = field(repr=False)
    value: np.ndarray = field(repr=False)
    n_iter: np.ndarray = field(repr=False)
    reason: np.ndarray = field(repr=False)
    converged: np.ndarray = field(repr=False)
    failed_at: np.ndarray = field(repr=False)
    grad_norm: np.ndarray = field(repr=False)
    clusters: tuple[Cluster, ...]
    labels: np.ndarray = field(repr=False)
    function: str
    method: str
    cluster_radius: float

    @property
    def minima(self) -> tuple[Cluster, ...]:
        """The clusters whose Hessian is positive definite (local minima)."""
        return tuple(c for c in self.clusters if c.kind == "min")

    @property
    def maxima(self) -> tuple[Cluster, ...]:
        """The clusters whose Hessian is negative definite (local maxima)."""
        return tuple(c for c in self.clusters if c.kind == "max")

    @property
    def best(self) -> Cluster | None:
        """The first cluster: the lowest value (descent, Newton) or the highest (ascent)."""
        return self.clusters[0] if self.clusters else None

    def counts(self) -> dict[str, int]:
        """How many starts ended with each reason."""
        names, counts = np.unique(self.reason, return_counts=True)
        return {str(n): int(c) for n, c in zip(names, counts, strict=True)}


__all__ = ["REASONS", "DescentResult", "NewtonResult", "Cluster", "MultistartResult"]
