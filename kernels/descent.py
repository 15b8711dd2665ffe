"""Gradient descent and gradient ascent over the generated kernels (seeds 002 and 004).

The update, every coordinate from the old point (the labs' simultaneous update)::

    x_{t+1} = x_t − α_t · ∇f(x_t)          (descent)
    x_{t+1} = x_t + α_t · ∇f(x_t)          (ascent)

with α_t from the learning-rate schedule (:mod:`gradspec.kernels.schedules`).  The loop is
compiled (``_loops.descend``, bound per function in its generated module); this module
validates the arguments, packs them and builds the :class:`~gradspec.kernels.results.DescentResult`.
"""

from __future__ import annotations

from . import _params, validate
from .results import DescentResult


def _run(fn, opts: validate.RunOptions, *, where: str, sign: float = 1.0,
         negate: bool = False) -> DescentResult:
    """Run the compiled loop with the validated options, build the result."""
    out, path = _params.run_one(fn.module, opts, where=where, desc=where, sign=sign,
                                negate=negate)
    return DescentResult.from_outputs(out, path, fn.id, where, opts.learning_rate,
                                      opts.num_iterations, opts.tol, opts.schedule)


def gradient_descent(fn, x0, learning_rate=0.1, num_iterations=100, tol=None, schedule="fixed",
                     history=False, *, stop_on="either", check_value=True,
                     divergence_threshold=None, progress=False) -> DescentResult:
    """Minimise ``fn`` by gradient descent from ``x0``.

    x_{t+1} = x_t − α_t ∇f(x_t), all coordinates updated from the old point.  With
    ``tol=None`` and the fixed schedule it runs exactly ``num_iterations`` steps with the
    labs' floating-point operations (``x - learning_rate * dfdx(x)``), so their printed
    results reproduce bit for bit — unless a step fails (below) or lands exactly on a
    stationary point (∇f = 0), after which every step would be zero anyway.

    Parameters
    ----------
    fn
        A scalar catalog function, e.g. ``gk.functions.exp_minus_log``.
    x0
        The start: a number for one variable, a sequence of k numbers otherwise; finite and
        inside the function's domain.
    learning_rate
        α > 0 (default 0.1, the labs' default).
    num_iterations
        The maximum number of steps, an integer ≥ 0 (default 100, the labs' default).
    tol
        None: no stopping rule.  A number ≥ 0: stop when ``stop_on`` holds.
    schedule
        ``"fixed"`` (α_t = α), ``"time"`` (α_t = α(1 − t/T)) or ``"gradient"``
        (α_t = α‖∇f(x_t)‖₂); see :mod:`gradspec.kernels.schedules`.
    history
        Keep every iterate in ``result.path`` ((n_iter + 1, k)).
    stop_on
        With a ``tol``: ``"either"`` (default: ‖∇f(x_t)‖₂ ≤ tol or ‖x_t − x_{t−1}‖₂ ≤ tol),
        ``"gradient"`` or ``"step"``.
    check_value
        Refuse a step to a point where f is not finite, as divergence (default; for one
        variable f is first screened by cheap inline arithmetic and evaluated only where the
        screen cannot vouch for it).  False evaluates f only at the end (the loop then
        costs one gradient per step).
    divergence_threshold
        None: only non-finite numbers count as divergence.  A number M: also a coordinate
        with |xᵢ| > M.
    progress
        Show a progress bar (tqdm).  Whatever its value, a long run is made of compiled
        slices of about 50 ms, so Ctrl-C stops it promptly with ``reason="interrupted"`` and
        the last accepted point (the ``"time"`` schedule, whose step depends on the total,
        runs in one call).  Slicing changes no iterate.

    Returns
    -------
    DescentResult
        ``x``, ``value``, ``n_iter``, ``converged``, ``reason``, ``failed_at``, ``rejected``,
        ``grad_norm``, ``path``, … (see :mod:`gradspec.kernels.results`).  A step that leaves
        the domain or produces a non-finite number is refused: ``reason`` says which,
        ``failed_at`` which step, and ``x`` is the last good point.

    Raises
    ------
    TypeError, ValueError
        For a bad argument, before any compiled code runs.

    Examples
    --------
    The lab of 002 (eˣ − ln x, α = 0.1, 25 steps from 1.6):

    >>> import gradspec.kernels as gk
    >>> gk.gradient_descent(gk.functions.exp_minus_log, 1.6, 0.1, 25).x
    0.5671434156768685
    """
    opts = validate.run_options(
        "gradient_descent", fn, x0, learning_rate=learning_rate, num_iterations=num_iterations,
        tol=tol, schedule=schedule, history=history, stop_on=stop_on, check_value=check_value,
        divergence_threshold=divergence_threshold, progress=progress)
    return _run(fn, opts, where="gradient_descent")


def gradient_ascent(fn, x0, learning_rate=0.1, num_iterations=100, tol=None, schedule="fixed",
                    history=False, *, how="flip", stop_on="either", check_value=True,
                    divergence_threshold=None, progress=False) -> DescentResult:
    """Maximise ``fn`` by gradient ascent from ``x0``: x_{t+1} = x_t + α_t ∇f(x_t).

    The two ways of the seed (004, "2D gradient descent"), selected by ``how``:

    ``"flip"``
        invert the gradient: the loop steps x − (−α)·∇f.
    ``"negate"``
        flip the function: the loop descends on g = −f, forming ∇g = −∇f explicitly and
        stepping x − α·∇g.

    Negation is exact in floating point, so both give the same iterates bit for bit (a test
    checks it).  ``value`` is f at the end point (not −f).  Every other argument is as in
    :func:`gradient_descent`.
    """
    how = validate.check_choice(how, ("flip", "negate"), "gradient_ascent", "how")
    opts = validate.run_options(
        "gradient_ascent", fn, x0, learning_rate=learning_rate, num_iterations=num_iterations,
        tol=tol, schedule=schedule, history=history, stop_on=stop_on, check_value=check_value,
        divergence_threshold=divergence_threshold, progress=progress)
    return _run(fn, opts, where="gradient_ascent", sign=-1.0 if how == "flip" else 1.0,
                negate=how == "negate")


__all__ = ["gradient_descent", "gradient_ascent"]
