"""Checks for the optimisation drivers' arguments, run before any compiled loop is called.

Each helper returns the argument converted to what the compiled loop needs (a C-contiguous
float64 array, a float, an int) or raises ``TypeError`` (wrong kind of value) or
``ValueError`` (right kind, bad value) with a message that names the driver, the argument
and what to do instead.  ``assert`` is never used (``python -O`` strips it).

The domain test uses the pure-Python body of the generated ``in_domain`` predicate
(``dispatcher.py_func``), so a bad starting point is refused without compiling anything.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from . import schedules

STOP_RULES = ("either", "gradient", "step")
#: Newton's targets (the same default, ``"min"``, in ``newton`` and ``multistart``).
TARGETS = ("min", "max", "any")


def _fmt_point(variables, point) -> str:
    return "(" + ", ".join(f"{v}={float(p)!r}" for v, p in zip(variables, point, strict=True)) + ")"


def check_function(fn, where: str):
    """``fn`` must be a scalar catalog function (``gk.functions.<id>``) with compiled loops.

    Raises
    ------
    TypeError
        For anything else, naming what was passed and what to pass instead.
    """
    kind = getattr(fn, "kind", None)
    if kind is None or not hasattr(fn, "module") or not hasattr(fn, "variables"):
        raise TypeError(
            f"{where}: fn must be a gradspec function such as gk.functions.exp_minus_log, "
            f"got {type(fn).__name__} {fn!r}"
        )
    if kind != "scalar":
        raise TypeError(
            f"{where}: {fn.id} is a {kind!r} entry (a cost over data or a model); the "
            "optimisation drivers take functions of scalar variables such as "
            "gk.functions.sauna — fit data with gk.linear_regression / gk.logistic_regression"
        )
    return fn


def in_domain(fn, point) -> bool:
    """The entry's domain predicate at ``point`` (a sequence of floats), in plain Python."""
    pred = fn.module.in_domain
    pred = getattr(pred, "py_func", pred)
    return bool(pred(*point))


def _rows_in_domain(fn, pts: np.ndarray) -> np.ndarray:
    """Boolean mask of the rows of ``pts`` (S, k) inside the domain."""
    pred = fn.module.in_domain
    pred = getattr(pred, "py_func", pred)
    try:
        with np.errstate(all="ignore"):
            mask = np.asarray(pred(*pts.T), dtype=bool)
        return np.broadcast_to(mask, (pts.shape[0],))
    except (TypeError, ValueError):  # a predicate that is not elementwise on arrays
        return np.fromiter((bool(pred(*row)) for row in pts), dtype=bool, count=pts.shape[0])


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


#: The largest iteration count accepted: the compiled loops count in int64.
MAX_ITERATIONS = 2**62


def _to_float(value, where: str, name: str) -> float:
    """``float(value)`` for a real number; one beyond the float64 range is refused by name.

    ``float(10**400)`` raises OverflowError ("int too large to convert to float"), which
    names neither the argument nor the driver.
    """
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{where}: {name} = {value!r} is beyond the float64 range (±1.8e308); "
            "it must be a finite float64 number"
        ) from None


def check_point(fn, x0, where: str, name: str = "x0") -> np.ndarray:
    """A starting point of ``fn``: length = number of variables, finite, inside the domain.

    A plain number is accepted for a function of one variable; otherwise a sequence or 1-D
    array of k numbers.

    Returns
    -------
    numpy.ndarray
        A fresh C-contiguous float64 array of shape (k,) (the compiled loop overwrites it).
    """
    k = fn.arity
    variables = ", ".join(fn.variables)
    if isinstance(x0, np.ndarray) and x0.ndim == 0 and x0.dtype.kind in "iuf":
        x0 = x0.item()  # a 0-d array is a number
    if type(x0) is float or _is_real(x0):
        coords = (x0,)
    elif x0 is None or isinstance(x0, (str, bytes, bool, np.bool_, dict)):
        raise TypeError(f"{where}: {name} must be a point ({variables}) of numbers, got {x0!r}")
    else:
        try:
            coords = tuple(x0)
        except TypeError:
            raise TypeError(
                f"{where}: {name} must be a number or a sequence of numbers ({variables}), "
                f"got {type(x0).__name__} {x0!r}"
            ) from None
        for c in coords:
            if not _is_real(c):
                if np.ndim(c) > 0:
                    raise ValueError(
                        f"{where}: {name} must be one point of {k} coordinate(s) ({variables}),"
                        f" got shape {np.shape(x0)}"
                    )
                raise TypeError(
                    f"{where}: {name} must hold real numbers, got {type(c).__name__} {c!r}"
                )
    if len(coords) != k:
        raise ValueError(
            f"{where}: {name} must have {k} coordinate(s) ({variables}) for {fn.id}, "
            f"got {len(coords)}"
            + (" — pass a single number" if k == 1 else f" — pass a tuple of {k} numbers")
        )
    point = [_to_float(c, where, f"{name}[{i}]") for i, c in enumerate(coords)]
    if not all(math.isfinite(c) for c in point):
        raise ValueError(f"{where}: {name} must be finite, got {_fmt_point(fn.variables, point)}")
    if not in_domain(fn, point):
        raise ValueError(
            f"{where}: {name} = {_fmt_point(fn.variables, point)} is outside the domain of "
            f"{fn.id} ({fn.domain}); start inside it"
        )
    return np.array(point, dtype=np.float64)


def check_starts(fn, starts, where: str, name: str = "starts") -> np.ndarray:
    """Many starting points: (S, k), or (S,) for a function of one variable.

    Every row must be finite and inside the domain (the first bad row is named).

    Returns
    -------
    numpy.ndarray
        A fresh C-contiguous float64 array of shape (S, k).
    """
    k = fn.arity
    if starts is None or isinstance(starts, (str, bytes)):
        raise TypeError(f"{where}: {name} must be an array of starting points, got {starts!r}")
    try:
        raw = np.asarray(starts)
    except (TypeError, ValueError):
        raise TypeError(f"{where}: {name} must be an array of starting points") from None
    if raw.dtype.kind not in "iuf":
        raise TypeError(f"{where}: {name} must hold real numbers, got dtype {raw.dtype}")
    arr = np.array(raw, dtype=np.float64, order="C", copy=True)
    if arr.ndim == 1 and k == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2 or arr.shape[1] != k:
        raise ValueError(
            f"{where}: {name} must have shape (S, {k}) — one row of {k} coordinate(s) "
            f"({', '.join(fn.variables)}) per start" + (" or (S,)" if k == 1 else "")
            + f" — got shape {raw.shape}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{where}: {name} is empty; give at least one starting point")
    finite = np.isfinite(arr).all(axis=1)
    if not finite.all():
        row = int(np.argmin(finite))
        raise ValueError(f"{where}: {name} must be finite; row {row} is "
                         f"{_fmt_point(fn.variables, arr[row])}")
    inside = _rows_in_domain(fn, arr)
    if not inside.all():
        row = int(np.argmin(inside))
        raise ValueError(
            f"{where}: {name} row {row} = {_fmt_point(fn.variables, arr[row])} is outside the "
            f"domain of {fn.id} ({fn.domain}); every start must be inside it"
        )
    return arr


def check_positive(value, where: str, name: str) -> float:
    """A finite real number > 0 (learning rates, damping factors)."""
    if type(value) is float and 0.0 < value < math.inf:
        return value
    if not _is_real(value):
        raise TypeError(f"{where}: {name} must be a positive number, got {value!r}")
    out = _to_float(value, where, name)
    if not math.isfinite(out) or out <= 0.0:
        raise ValueError(f"{where}: {name} must be a finite number > 0, got {out!r}")
    return out


def check_learning_rate(value, where: str, name: str = "learning_rate") -> float:
    """The learning rate α: a finite real number > 0."""
    return check_positive(value, where, name)


def check_iterations(value, where: str, name: str = "num_iterations") -> int:
    """An iteration count: a non-negative integer (``25``, not ``25.0``)."""
    if type(value) is int and 0 <= value <= MAX_ITERATIONS:
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be a non-negative integer, got {value!r}")
    out = int(value)
    if out < 0:
        raise ValueError(f"{where}: {name} must be ≥ 0, got {out}")
    if out > MAX_ITERATIONS:
        raise ValueError(f"{where}: {name} must be at most 2**62 (the loops count in int64), "
                         f"got {out}")
    return out


def check_tol(value, where: str, name: str = "tol") -> float | None:
    """``None`` (run every iteration) or a finite real number ≥ 0."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be None or a number ≥ 0, got {value!r}")
    out = _to_float(value, where, name)
    if not math.isfinite(out) or out < 0.0:
        raise ValueError(f"{where}: {name} must be None or a finite number ≥ 0, got {out!r}")
    return out


def check_threshold(value, where: str, name: str = "divergence_threshold") -> float:
    """``None`` (only non-finite values count as divergence) or a number > 0."""
    if value is None:
        return math.inf
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be None or a number > 0, got {value!r}")
    out = _to_float(value, where, name)
    if math.isnan(out) or out <= 0.0:
        raise ValueError(f"{where}: {name} must be None or a number > 0, got {out!r}")
    return out


def check_schedule(value, where: str) -> int:
    """A schedule name → its loop code (see :mod:`gradspec.kernels.schedules`)."""
    try:
        return schedules.code(value)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{where}: {exc}") from None


def check_choice(value, choices, where: str, name: str) -> str:
    """One of the strings ``choices``; anything else is refused with the list of choices."""
    if isinstance(value, str) and value in choices:
        return value
    raise ValueError(
        f"{where}: {name} must be one of {', '.join(map(repr, choices))}, got {value!r}"
    )


def check_stop_on(value, where: str) -> str:
    """Which stopping rule a ``tol`` selects: ``"either"``, ``"gradient"`` or ``"step"``."""
    return check_choice(value, STOP_RULES, where, "stop_on")


def allocate(shape, where: str, what: str) -> np.ndarray:
    """``np.empty(shape)``, or a ValueError naming ``what`` when it cannot be allocated.

    A huge ``num_iterations`` with a history (or a regression's cost history) asks for more
    memory than the machine has; NumPy's MemoryError would not say which argument to change.
    """
    try:
        return np.empty(shape)
    except (MemoryError, ValueError):
        size = 8.0
        for d in shape:
            size *= d
        raise ValueError(
            f"{where}: {what} needs an array of shape {tuple(shape)} ({size:.3g} bytes), "
            "which cannot be allocated; lower num_iterations"
        ) from None


def check_flag(value, where: str, name: str) -> bool:
    """A True/False option."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where}: {name} must be True or False, got {value!r}")
    return bool(value)


__all__ = [
    "check_function",
    "check_point",
    "check_starts",
    "check_learning_rate",
    "check_positive",
    "check_iterations",
    "check_tol",
    "check_threshold",
    "check_schedule",
    "check_stop_on",
    "check_flag",
    "allocate",
    "in_domain",
]
