"""Newton's method over the generated gradient and Hessian (seed 002, learning objectives).

    1-D:  x_{t+1} = x_t − f'(x_t)/f''(x_t)
    n-D:  x_{t+1} = x_t − H(x_t)⁻¹ ∇f(x_t)

The k×k system H·s = ∇f is solved inside the compiled loop (``_loops.newton``) by Gaussian
elimination with partial pivoting in work arrays allocated once; for k = 1 that is exactly
f'/f''.  Near a minimum with a non-singular Hessian the error squares at every step
(quadratic convergence), against a constant factor per step for gradient descent.
"""

from __future__ import annotations

from . import _params, validate
from .results import NewtonResult
from .stationary import hessian_kind


def newton(fn, x0, num_iterations=50, tol=1e-12, *, target="min", stop_on="step",
           damping=1.0, history=False, check_value=True, divergence_threshold=None,
           progress=False) -> NewtonResult:
    """Find a stationary point of ``fn`` by Newton's method from ``x0``.

    Parameters
    ----------
    fn
        A scalar catalog function (its generated Hessian is used).
    x0
        The start (a number for one variable, a sequence of k numbers otherwise), finite and
        inside the domain.
    num_iterations
        The maximum number of steps (default 50).
    tol
        Stop when ``stop_on`` holds (default 1e-12); None runs every step.
    target
        ``"min"`` (default): H must be positive definite at every iterate (checked by a
        Cholesky factorisation), otherwise the run stops with ``"indefinite_hessian"`` — the
        step would not head for a minimum.  ``"max"``: H must be negative definite.
        ``"any"``: plain Newton on ∇f = 0, converging to whatever stationary point is near.
    stop_on
        ``"step"`` (default): ‖x_{t+1} − x_t‖₂ ≤ tol — after such a step the error is of
        order tol², so the returned point is accurate far beyond tol.  ``"gradient"``:
        ‖∇f‖₂ ≤ tol.  ``"either"``.
    damping
        α in x_{t+1} = x_t − α H⁻¹∇f (default 1.0, plain Newton).
    history, check_value, divergence_threshold, progress
        As in :func:`gradspec.kernels.gradient_descent` (Ctrl-C ends a long run with
        ``reason="interrupted"``).

    Returns
    -------
    NewtonResult
        A :class:`~gradspec.kernels.results.DescentResult` (``reason`` may also be
        ``"singular_hessian"`` or ``"indefinite_hessian"``) plus ``hessian_kind``, the type of
        the end point by its Hessian's eigenvalues.
    """
    where = "newton"
    opts = validate.run_options(
        where, fn, x0, method="newton", damping=damping, num_iterations=num_iterations,
        tol=tol, target=target, stop_on=stop_on, history=history, check_value=check_value,
        divergence_threshold=divergence_threshold, progress=progress,
    )
    out, path = _params.run_one(fn.module, opts, where=where, desc=where)
    return NewtonResult.from_outputs(out, path, fn.id, "newton", opts.learning_rate,
                                     opts.num_iterations, opts.tol, "fixed",
                                     hessian_kind(fn, opts.start))


__all__ = ["newton"]
