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
    a step went outside the function's domain (x ≤ 0 for eˣ − ln x); the point is refused.
``"singular_hessian"`` / ``"indefinite_hessian"`` (Newton only)
    H is singular to working precision, or not positive (negative) definite when a minimum
    (maximum) is sought.

``"interrupted"``
    Ctrl-C (KeyboardInterrupt) arrived during the run; the last accepted point is returned.

The reasons are :class:`~gradspec.kernels.reasons.Reason` members (strings: ``result.reason ==
"converged"`` holds), defined once in :mod:`gradspec.kernels.reasons`.

Conventions, the same in every result:

* ``x`` is the answer: a float for a function of one variable, a tuple of floats otherwise
  (the convention of ``fn.grad``); ``point`` is derived from it, the same as a float64 array
  of shape (k,).  A :class:`MultistartResult` holds arrays: ``x`` is (S,) or (S, k) and
  ``points`` always (S, k).
* SciPy's ``OptimizeResult`` names are there too: ``fun`` (= ``value``), ``nit``
  (= ``n_iter``), ``success`` (= ``converged``), ``message`` (one sentence).
* ``failed_at`` is the (1-based) step whose result was refused, ``None`` when no step was;
  ``failed_at == n_iter + 1``.  In a :class:`MultistartResult`, an int64 array per start,
  the sentinel for "did not fail" is −1 (an integer array cannot hold None), as for
  ``labels``.

On every failure ``x`` is the last accepted point (never the refused one), ``n_iter`` the
number of accepted steps and ``rejected`` the refused point where there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .reasons import CONVERGED, DIVERGED, LEFT_DOMAIN, Reason


def as_point(arr: np.ndarray):
    """A float for one coordinate, a tuple of floats otherwise (the convention of ``fn.grad``)."""
    if arr.shape[0] == 1:
        return float(arr[0])
    return tuple(float(v) for v in arr)


def point_array(x) -> np.ndarray:
    """The point ``x`` (a float or a tuple of floats) as a float64 array of shape (k,)."""
    return np.atleast_1d(np.asarray(x, dtype=np.float64))


class OptimizeNames:
    """SciPy's ``OptimizeResult`` names for a result's fields: ``nit`` is ``n_iter``,
    ``success`` is ``converged`` (per start, for a :class:`MultistartResult`)."""

    __slots__ = ()

    @property
    def nit(self):
        """Accepted steps (SciPy's name for ``n_iter``)."""
        return self.n_iter

    @property
    def success(self):
        """``reason == "converged"`` (SciPy's name for ``converged``)."""
        return self.converged


@dataclass(slots=True)
class DescentResult(OptimizeNames):
    """One run of gradient descent, gradient ascent or Newton's method.

    Attributes
    ----------
    x
        The returned point: a float for a function of one variable, a tuple of floats
        otherwise (the last accepted iterate; never a refused point).
    value
        f(x) (for ascent too: the value of f, not of −f).
    n_iter
        Accepted steps.
    converged
        ``reason == "converged"``.
    reason
        A :class:`~gradspec.kernels.reasons.Reason` (see the module docstring).
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
        What was run (for Newton, ``learning_rate`` is the damping factor).
    last_learning_rate
        The learning rate the schedule produced for the last step (α for ``"fixed"``).
    point, fun, nit, success, message
        Derived: ``x`` as an array (k,), and SciPy's names for ``value``, ``n_iter`` and
        ``converged``; ``message`` says what happened in one sentence.
    """

    x: float | tuple
    value: float
    n_iter: int
    converged: bool
    reason: Reason
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

    @classmethod
    def from_outputs(cls, out: tuple, path: np.ndarray | None, function: str, method: str,
                     learning_rate: float, num_iterations: int, tol: float | None,
                     schedule: str, *extra):
        """The result of one run from its loop's outputs ``out`` = (x, value, grad_norm,
        step_norm, last learning rate, rejected, n_iter, reason code, failed_at, stationary)
        — the order of ``_loops.descend_scalar``'s result, x and rejected as in the result —
        and the iterates ``path`` (rows past ``n_iter`` are dropped), what was run, and the
        fields a subclass adds (``extra``, in order)."""
        x, value, grad_norm, step_norm, lr, rejected, n_iter, code, failed_at, stationary = out
        reason = Reason.from_code(code)
        refused = failed_at > 0 and (code == DIVERGED or code == LEFT_DOMAIN)
        if path is not None and path.shape[0] != n_iter + 1:
            path = path[: n_iter + 1].copy()  # a run that stopped early: drop the unused rows
        return cls(
            x, value, n_iter, code == CONVERGED, reason,
            None if failed_at < 0 else failed_at, rejected if refused else None, grad_norm,
            step_norm, stationary == 1, path,
            function, method, learning_rate, num_iterations, tol, schedule, lr, *extra,
        )

    @property
    def point(self) -> np.ndarray:
        """``x`` as a float64 array of shape (k,)."""
        return point_array(self.x)

    @property
    def fun(self) -> float:
        """f at ``x`` (SciPy's name for ``value``)."""
        return self.value

    @property
    def message(self) -> str:
        """One sentence saying what happened, for people."""
        where = f"{self.method} on {self.function}"
        if self.reason == Reason.CONVERGED:
            if self.stationary_start:
                return (f"{where}: the start is a stationary point (∇f = 0 exactly); "
                        "nothing moves")
            return f"{where}: converged after {self.n_iter} steps at x = {self.x!r}"
        if self.reason == Reason.MAX_ITERATIONS:
            return (f"{where}: took all {self.n_iter} steps; x = {self.x!r}, "
                    f"‖∇f‖ = {self.grad_norm:.3g}")
        if self.reason == Reason.INTERRUPTED:
            return (f"{where}: interrupted after {self.n_iter} steps; returning the last "
                    f"accepted point x = {self.x!r}")
        if self.failed_at == 0:
            return (f"{where}: the start x0 = {self.x!r} already has a non-finite value or "
                    "gradient (overflow); nothing was run")
        tail = f" (refused point {self.rejected!r})" if self.rejected is not None else ""
        return (f"{where}: step {self.failed_at} {Reason(self.reason).description}{tail}; "
                f"returning the last good point x = {self.x!r} after {self.n_iter} steps")


@dataclass(slots=True)
class NewtonResult(DescentResult):
    """A run of Newton's method: a :class:`DescentResult` plus the Hessian at the end point.

    Attributes
    ----------
    hessian_kind
        The stationary-point type the Hessian at ``x`` indicates: ``"min"`` (positive
        definite), ``"max"`` (negative definite), ``"saddle"`` (eigenvalues of both signs) or
        ``"degenerate"`` (an eigenvalue within 1e-8 of 0, relative to the largest); see
        :mod:`gradspec.kernels.stationary`.
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
    value
        f at ``x``.
    count
        How many starts ended in this cluster.
    kind
        ``"min"``, ``"max"``, ``"saddle"`` or ``"degenerate"``, from the Hessian at ``x``.
    point
        Derived: ``x`` as an array (k,).
    """

    x: float | tuple
    value: float
    count: int
    kind: str

    @property
    def point(self) -> np.ndarray:
        """``x`` as a float64 array of shape (k,)."""
        return point_array(self.x)


@dataclass(frozen=True)
class MultistartResult(OptimizeNames):
    """Runs from many starting points, and the distinct points they reached.

    Attributes
    ----------
    points
        End points, always (S, k).
    value, n_iter, grad_norm
        Per start, shape (S,) (views into the kernel's output rows).
    reason
        Per start, a :class:`~gradspec.kernels.reasons.Reason` (an object array of strings).
    converged
        Per start, ``reason == "converged"``.
    failed_at
        Per start, the refused step, or −1 where no step was refused (the array sentinel for
        the ``None`` of a single run).
    clusters
        The distinct end points of the runs that did not fail (converged or ran out of
        iterations), sorted by value (ascending; descending for ascent).
    labels
        Per start, the index of its cluster in ``clusters``, or −1 for a failed run.
    x
        Derived: the end points as given: shape (S,) for a function of one variable given
        (S,) starts, else (S, k).
    fun, nit, success
        Derived: SciPy's names for ``value``, ``n_iter`` and ``converged``.
    """

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
    one_dimensional: bool = field(repr=False, default=False)

    @property
    def x(self) -> np.ndarray:
        """End points: (S,) when (S,) starts were given for one variable, else (S, k)."""
        return self.points.reshape(-1) if self.one_dimensional else self.points

    @property
    def fun(self) -> np.ndarray:
        """f at each end point (SciPy's name for ``value``)."""
        return self.value

    @property
    def message(self) -> str:
        """One sentence: how many starts ended how, and how many distinct points."""
        counts = ", ".join(f"{n} {r}" for r, n in self.counts().items())
        return (f"{self.method} on {self.function} from {self.points.shape[0]} starts: "
                f"{counts}; {len(self.clusters)} distinct end point(s)")

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
        names, counts = np.unique(self.reason.astype(str), return_counts=True)
        return {str(n): int(c) for n, c in zip(names, counts, strict=True)}


__all__ = ["OptimizeNames", "DescentResult", "NewtonResult", "Cluster", "MultistartResult",
           "as_point", "point_array"]
