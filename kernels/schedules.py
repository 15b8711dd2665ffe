"""Learning-rate schedules: the three of the seed documents (004, "Fixed vs Dynamic learning rate").

A schedule turns the base learning rate α into the rate α_t of step t (t = 0, 1, …, T − 1,
T = ``num_iterations``); the compiled loop (``_loops._learning_rate``) applies it as

    x_{t+1} = x_t − α_t · ∇f(x_t)

``"fixed"``
    α_t = α.  The standard gradient descent of the labs; with ``tol=None`` the loop performs
    exactly the labs' floating-point operations ``x - learning_rate * dfdx(x)``.
``"time"``
    α_t = α · (1 − t/T): linear decay over the iterations, from α at the first step to α/T at
    the last ("the learning rate decreases linearly over time … uses the number of training
    epochs").  It never reaches 0, so every one of the T steps moves.
``"gradient"``
    α_t = α · ‖∇f(x_t)‖₂: the rate is proportional to the gradient's magnitude, large far from
    a stationary point and shrinking near one ("if the gradient is large … the learning rate
    is larger").  The step is then α‖∇f‖·∇f, of length α‖∇f‖², so with the same α it is
    shorter than a fixed step wherever ‖∇f‖ < 1 and longer wherever ‖∇f‖ > 1.

Names are case-insensitive; ``"time-based"``/``"time_based"``/``"linear"`` and
``"gradient-based"``/``"gradient_based"`` are accepted as aliases.
"""

from __future__ import annotations

from ._loops import SCHED_FIXED, SCHED_GRADIENT, SCHED_TIME

#: Schedule name → the code the compiled loop reads from ``iparams[I_SCHEDULE]``.
SCHEDULES: dict[str, int] = {"fixed": SCHED_FIXED, "time": SCHED_TIME, "gradient": SCHED_GRADIENT}

ALIASES: dict[str, str] = {
    "constant": "fixed",
    "time-based": "time",
    "time_based": "time",
    "linear": "time",
    "gradient-based": "gradient",
    "gradient_based": "gradient",
}


def canonical(name: str) -> str:
    """The canonical name of a schedule (``"fixed"``, ``"time"`` or ``"gradient"``).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not a known schedule; the message lists the known ones.
    """
    if type(name) is str and name in SCHEDULES:
        return name
    if not isinstance(name, str):
        raise TypeError(f"schedule must be a string such as 'fixed', got {name!r}")
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in SCHEDULES:
        raise ValueError(
            f"unknown schedule {name!r}; choose one of {', '.join(map(repr, SCHEDULES))} "
            "(fixed: α_t = α; time: α_t = α·(1 − t/T); gradient: α_t = α·‖∇f(x_t)‖)"
        )
    return key


def code(name: str) -> int:
    """The compiled loop's code for schedule ``name`` (see :func:`canonical`)."""
    return SCHEDULES[canonical(name)]


def learning_rate(name: str, alpha: float, t: int, num_iterations: int, grad_norm: float) -> float:
    """α_t of schedule ``name`` at step ``t`` — the formula the compiled loop uses, in Python.

    Parameters
    ----------
    name
        ``"fixed"``, ``"time"`` or ``"gradient"``.
    alpha
        The base learning rate α.
    t
        The 0-based step index, 0 ≤ t < ``num_iterations``.
    num_iterations
        T, the number of steps the run may take.
    grad_norm
        ‖∇f(x_t)‖₂ (used by ``"gradient"`` only).
    """
    key = canonical(name)
    if key == "time":
        return alpha * (1.0 - t / num_iterations)
    if key == "gradient":
        return alpha * grad_norm
    return alpha


__all__ = ["SCHEDULES", "canonical", "code", "learning_rate"]
