"""Checking arguments at the Python boundary, before any compiled code runs: the one layer.

Each helper returns the argument converted to what the compiled code needs (a C-contiguous
float64 array, a float, an int) or raises ``TypeError`` (wrong kind of value) or
``ValueError`` (right kind, bad value) with a message that names the function, the argument
and what to do instead.  Each fault has one message, written once here (for example
"X row i is not finite", whether the rows are in memory or in Dask chunks).  ``assert`` is
never used (``python -O`` strips it).

The same rules hold for every public function: integer, float32, big-endian,
Fortran-ordered and strided arrays and plain lists are converted to C-contiguous float64;
boolean arrays are data too (False → 0.0, True → 1.0, as NumPy and scikit-learn read
them), while a lone ``True`` is never accepted as a number or an option value other than a
flag; complex and object arrays are refused.

The domain test uses the pure-Python body of the generated ``in_domain`` predicate
(``dispatcher.py_func``), so a bad starting point is refused without compiling anything.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import schedules

#: dtype kinds accepted as real data: bool, signed and unsigned integers, floats.
REAL_KINDS = "biuf"

STOP_RULES = ("either", "gradient", "step")
#: Newton's targets (the same default, ``"min"``, in ``newton`` and ``multistart``).
TARGETS = ("min", "max", "any")


def _fmt_point(variables, point) -> str:
    return "(" + ", ".join(f"{v}={float(p)!r}" for v, p in zip(variables, point, strict=True)) + ")"


#: The scalar catalog functions :func:`check_function` has accepted, each with its domain
#: predicate in plain Python once a point has been checked (None until then): a short run
#: checks its function with one dictionary look-up instead of attribute probes.
_SCALAR_FUNCTIONS: dict = {}


def check_function(fn, where: str):
    """``fn`` must be a scalar catalog function (``gk.functions.<id>``) with compiled loops.

    Raises
    ------
    TypeError
        For anything else, naming what was passed and what to pass instead.
    """
    try:
        if fn in _SCALAR_FUNCTIONS:
            return fn
    except TypeError:  # unhashable: not a catalog function (refused below)
        pass
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
    try:
        _SCALAR_FUNCTIONS[fn] = None
    except TypeError:
        pass
    return fn


def _domain_predicate(fn):
    """The pure-Python body of ``fn``'s generated ``in_domain`` (kept for a checked function)."""
    try:
        pred = _SCALAR_FUNCTIONS.get(fn)
    except TypeError:
        pred = None
    if pred is None:
        pred = fn.module.in_domain
        pred = getattr(pred, "py_func", pred)
        try:
            if fn in _SCALAR_FUNCTIONS:
                _SCALAR_FUNCTIONS[fn] = pred
        except TypeError:
            pass
    return pred


def in_domain(fn, point) -> bool:
    """The entry's domain predicate at ``point`` (a sequence of floats), in plain Python."""
    return bool(_domain_predicate(fn)(*point))


def _rows_in_domain(fn, pts: np.ndarray) -> np.ndarray:
    """Boolean mask of the rows of ``pts`` (S, k) inside the domain."""
    pred = _domain_predicate(fn)
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
    if type(x0) is float and k == 1 and -math.inf < x0 < math.inf and _domain_predicate(fn)(x0):
        return np.array((x0,))  # the common case, a Python float inside the domain
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
    if raw.dtype.kind not in REAL_KINDS:
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


def check_schedule(value, where: str) -> str:
    """A schedule name (or alias) → its canonical name (see :mod:`gradspec.kernels.schedules`)."""
    try:
        return schedules.canonical(value)
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


# ---------------------------------------------------------------- numbers and arrays


def as_real(value, name: str, where: str) -> float:
    """``value`` as a finite float, or a TypeError/ValueError naming ``name``."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if not _is_real(value):
        raise TypeError(
            f"{where}: {name} must be a real number, got {type(value).__name__} {value!r}"
        )
    out = _to_float(value, where, name)
    if not math.isfinite(out):
        raise ValueError(f"{where}: {name} must be finite, got {out!r}")
    return out


def _real_array(value, name: str, where: str) -> np.ndarray:
    """``np.asarray(value)`` when it holds real numbers (see the module docstring)."""
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{where}: {name} must be an array of real numbers, got {value!r}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:  # ragged nested lists
        raise TypeError(f"{where}: {name} must be a rectangular array of real numbers "
                        f"({exc})") from None
    check_dtype(arr.dtype, where, name)
    return arr


def check_dtype(dtype, where: str, name: str) -> None:
    """Refuse a dtype that does not hold real numbers (complex, object, strings, dates)."""
    dtype = np.dtype(dtype)
    if dtype.kind == "c":
        raise TypeError(f"{where}: {name} must be real, got complex values")
    if dtype.kind not in REAL_KINDS:
        raise TypeError(f"{where}: {name} must be an array of real numbers, got dtype {dtype}")


def as_array(value, name: str, where: str, ndim: int, *, finite: bool = True) -> np.ndarray:
    """``value`` as a non-empty C-contiguous float64 array with ``ndim`` dimensions.

    A 1-D input is accepted where ``ndim == 2`` and becomes one column (one feature).
    """
    arr = _real_array(value, name, where)
    if ndim == 2 and arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != ndim:
        raise ValueError(f"{where}: {name} must be {ndim}-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{where}: {name} is empty (shape {arr.shape})")
    arr = np.ascontiguousarray(arr, dtype=np.float64)
    if finite and not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where_bad = f"row {bad[0]}" if arr.ndim == 2 else f"index {bad[0]}"
        raise ValueError(
            f"{where}: {name} must be finite; {where_bad} holds {float(arr[tuple(bad)])!r}"
        )
    return arr


def check_length(arr: np.ndarray, length: int, name: str, where: str, what: str) -> None:
    """Raise if ``arr`` does not have ``length`` entries along its first axis."""
    if arr.shape[0] != length:
        raise ValueError(
            f"{where}: {name} has {arr.shape[0]} entries but {what} requires {length}"
        )


def as_matrix(X, where: str, name: str = "X", *, keep_float32: bool = False) -> np.ndarray:
    """X as a C-contiguous float64 (m, n) array; (m,) becomes (m, 1) (one feature).

    With ``keep_float32`` a C-contiguous float32 X is returned as it is (no copy): the fused
    fits read float32 and sum in float64.
    """
    arr = _real_array(X, name, where)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(
            f"{where}: {name} must have shape (m,) or (m, n), got shape {np.shape(X)}"
        )
    dtype = np.float32 if keep_float32 and arr.dtype == np.float32 else np.float64
    return np.ascontiguousarray(arr, dtype=dtype)


def as_vector(x, where: str, name: str = "x") -> np.ndarray:
    """x as a float64 (m,) array; an (m, 1) column is accepted."""
    arr = _real_array(x, name, where)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ValueError(
            f"{where}: {name} must be 1-D (one value per sample), got shape {np.shape(x)}"
        )
    return np.array(arr, dtype=np.float64)


def check_values(values, where: str, name: str, *, positive: bool) -> np.ndarray:
    """A non-empty 1-D float64 array of finite numbers (> 0 when ``positive``)."""
    arr = np.ascontiguousarray(_real_array(values, name, where), dtype=np.float64).reshape(-1)
    if arr.size == 0:
        raise ValueError(f"{where}: {name} is empty; give at least one value")
    bad = ~np.isfinite(arr) | ((arr <= 0.0) if positive else False)
    if np.any(bad):
        i = int(np.argmax(bad))
        need = "finite numbers > 0" if positive else "finite numbers"
        raise ValueError(f"{where}: {name} must be {need}; entry {i} is {float(arr[i])!r}")
    return arr


# ---------------------------------------------------------------- data of the fits


def rows_not_finite(where: str, i: int, row, total: int, name: str = "X") -> ValueError:
    """The one message for non-finite rows of the data (in memory or in Dask chunks)."""
    return ValueError(
        f"{where}: {name} row {i} is not finite ({row}); remove or impute NaN/inf values "
        f"({total} bad row(s) in all)"
    )


def target_not_finite(where: str, i: int, value) -> ValueError:
    """The one message for a non-finite target."""
    return ValueError(f"{where}: y[{i}] = {float(value)!r} is not finite")


def labels_not_binary(where: str, i: int, value, total: int) -> ValueError:
    """The one message for labels outside {0, 1}."""
    return ValueError(
        f"{where}: labels must be 0 or 1, but y[{i}] = {float(value)!r} "
        f"({total} label(s) outside {{0, 1}})"
    )


def check_finite_rows(X: np.ndarray, where: str, name: str = "X") -> np.ndarray:
    """Refuse an (m, n) array with a non-finite entry, naming the first bad row.

    The check itself is one compiled pass over X's entries without a temporary the size of X;
    the bad rows for the message are found only when there is one.
    """
    from . import fused  # compiled code: imported when a check first runs

    if X.dtype in (np.float64, np.float32) and X.flags.c_contiguous and X.ndim == 2:
        if fused.count_nonfinite(X.reshape(-1)) == 0:
            return X
    bad = ~np.isfinite(X).all(axis=1)
    if bad.any():
        i = int(np.argmax(bad))
        raise rows_not_finite(where, i, X[i].tolist(), int(bad.sum()), name)
    return X


def check_shapes(m: int, n: int, ym: int, where: str) -> None:
    """X (m, n) and y (ym,) must describe the same non-empty set of rows with features."""
    if ym != m:
        raise ValueError(
            f"{where}: X has {m} rows but y has {ym} values; they must match "
            "(one target per row of X)"
        )
    if m == 0:
        raise ValueError(f"{where}: no data (X and y are empty)")
    if n == 0:
        raise ValueError(f"{where}: X has no feature columns")


def check_labels(yv: np.ndarray, where: str) -> np.ndarray:
    """Labels of a logistic fit: only 0 and 1 (a compiled scan: no temporary the size of y)."""
    from . import fused

    if fused.count_non_labels(yv) == 0:
        return yv
    bad = ~((yv == 0.0) | (yv == 1.0))
    if bad.any():
        i = int(np.argmax(bad))
        raise labels_not_binary(where, i, yv[i], int(bad.sum()))
    return yv


def check_data(X, y, where: str, *, labels: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(X (m, n), y (m,)) as finite float64 arrays; ``labels`` also requires y ∈ {0, 1}."""
    X2 = as_matrix(X, where, "X", keep_float32=True)
    if y is None or isinstance(y, (str, bytes)):
        raise TypeError(f"{where}: y must be an array of real numbers, got {y!r}")
    yarr = _real_array(y, "y", where)
    if yarr.ndim == 2 and yarr.shape[1] == 1:
        yarr = yarr[:, 0]
    if yarr.ndim != 1:
        raise ValueError(f"{where}: y must be 1-D (one target per row), got shape {np.shape(y)}")
    # y as it is when it is float64, contiguous and writeable (the fits only read it, and a
    # read-only array would compile the kernels once more for its type): no copy of y
    yv = np.ascontiguousarray(yarr, dtype=np.float64)
    if not yv.flags.writeable:
        yv = yv.copy()
    check_shapes(X2.shape[0], X2.shape[1], yv.shape[0], where)
    check_finite_rows(X2, where)
    from . import fused

    if fused.count_nonfinite(yv) > 0:
        i = int(np.argmax(~np.isfinite(yv)))
        raise target_not_finite(where, i, yv[i])
    if labels:
        check_labels(yv, where)
    return X2, yv


def check_theta(theta, p: int, where: str, name: str = "theta0") -> np.ndarray | None:
    """A parameter vector of p finite numbers (intercept first), or None."""
    if theta is None:
        return None
    t = np.asarray(theta)
    if not (np.issubdtype(t.dtype, np.number) and not np.issubdtype(t.dtype, np.complexfloating)):
        raise TypeError(f"{where}: {name} must be real numbers, got dtype {t.dtype}")
    t = np.array(t, dtype=np.float64).reshape(-1)
    if t.shape[0] != p:
        raise ValueError(
            f"{where}: {name} must have {p} values (intercept first, then one per feature), "
            f"got {t.shape[0]}"
        )
    if not np.isfinite(t).all():
        raise ValueError(f"{where}: {name} must be finite, got {t.tolist()}")
    return t


def check_degree(degree, where: str) -> int:
    """A polynomial degree: an integer ≥ 1."""
    if isinstance(degree, (bool, np.bool_)) or not isinstance(degree, numbers.Integral):
        raise TypeError(f"{where}: degree must be an integer ≥ 1, got {degree!r}")
    d = int(degree)
    if d < 1:
        raise ValueError(f"{where}: degree must be ≥ 1 (1 is a straight line), got {d}")
    return d


def check_optional_flag(value, where: str, name: str) -> bool | None:
    """None (decide automatically) or a True/False option."""
    return None if value is None else check_flag(value, where, f"{name} (or None)")


def check_seed(seed, where: str) -> int:
    """A seed for ``numpy.random.default_rng``: an integer ≥ 0."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{where}: seed must be an integer ≥ 0, got {seed!r}")
    if seed < 0:
        raise ValueError(f"{where}: seed must be ≥ 0 (numpy's generators refuse negative "
                         f"seeds), got {seed}")
    return int(seed)


def check_nonnegative(value, where: str, name: str, what: str = "") -> float:
    """A finite real number ≥ 0."""
    if not _is_real(value):
        raise TypeError(f"{where}: {name} must be a number ≥ 0, got {value!r}")
    out = _to_float(value, where, name)
    if not math.isfinite(out) or out < 0.0:
        raise ValueError(f"{where}: {name}{what} must be a finite number ≥ 0, got {out!r}")
    return out


#: The scalings of the fits (see :mod:`gradspec.kernels.scaling`).
SCALINGS = ("minmax", "standard")
#: The squared-error conventions of the linear fits.
COSTS = ("mse_half", "mse", "sse")


@dataclass(frozen=True)
class FitOptions:
    """The validated options of a regression fit (what :func:`fit_options` returns)."""

    learning_rate: float
    num_iterations: int
    tol: float | None
    cost: str
    scale: str | None
    theta0: np.ndarray | None
    history: bool
    parallel: bool | None
    progress: bool = False


def fit_options(where: str, n_features: int, *, learning_rate, num_iterations, tol,
                cost="log_loss", scale=None, theta0=None, history=False,
                parallel=None, progress=False) -> FitOptions:
    """Every option of a fit checked at once (the data are checked by :func:`check_data`)."""
    return FitOptions(
        learning_rate=check_learning_rate(learning_rate, where),
        num_iterations=check_iterations(num_iterations, where),
        tol=check_tol(tol, where),
        cost=cost if cost == "log_loss" else check_choice(cost, COSTS, where, "cost"),
        scale=None if scale is None else check_choice(scale, SCALINGS, where, "scale (or None)"),
        theta0=check_theta(theta0, n_features + 1, where),
        history=check_flag(history, where, "history"),
        parallel=check_optional_flag(parallel, where, "parallel"),
        progress=check_flag(progress, where, "progress"),
    )


#: The methods of the optimisation drivers (``multistart(method=...)``).
METHODS = ("descent", "ascent", "newton")


class RunOptions(NamedTuple):
    """The validated options of gradient descent/ascent, Newton and multistart (what
    :func:`run_options` returns; immutable, and a named tuple because a short run builds
    one per call).

    ``start`` is a fresh C-contiguous float64 array, (k,) for one run or (S, k) for
    multistart, which the compiled loop overwrites with the end point(s).  ``learning_rate``
    is α of descent and ascent or Newton's ``damping``; ``schedule`` is the schedule's
    canonical name (:mod:`gradspec.kernels.schedules`); ``divergence_threshold`` is ``inf``
    for None.
    """

    start: np.ndarray
    method: str
    learning_rate: float
    num_iterations: int
    tol: float | None
    schedule: str
    stop_on: str
    target: str
    history: bool
    check_value: bool
    divergence_threshold: float
    progress: bool
    cluster_radius: float | None = None
    threads: int | None = None


def run_options(where: str, fn, start, *, many: bool = False, method: str = "descent",
                learning_rate=None, damping=1.0, num_iterations, tol, schedule="fixed",
                stop_on=None, target="min", history=False, check_value=True,
                divergence_threshold=None, progress=False, cluster_radius=None,
                threads=None) -> RunOptions:
    """Every argument of an optimisation driver checked at once, before any compiled code.

    One run starts at the point ``start`` (:func:`check_point`, named ``x0``); a multistart
    run (``many``) at every row of ``start`` (:func:`check_starts`, named ``starts``), and
    also has a ``cluster_radius`` and perhaps ``threads`` checked.
    Descent and ascent step by ``learning_rate``; Newton by ``damping`` and refuses a
    ``learning_rate``.  ``stop_on=None`` is ``"step"`` for Newton, ``"either"`` otherwise.
    """
    check_function(fn, where)
    if not (type(method) is str and method in METHODS):
        method = check_choice(method, METHODS, where, "method")
    start = check_starts(fn, start, where) if many else check_point(fn, start, where)
    if method == "newton":
        if learning_rate is not None:
            raise TypeError(f"{where}: Newton's step is damping (x ← x − damping·H⁻¹∇f), not "
                            f"learning_rate; got learning_rate={learning_rate!r}")
        alpha = check_positive(damping, where, "damping")
    else:
        alpha = check_positive(learning_rate, where, "learning_rate")
    num_iterations = check_iterations(num_iterations, where)
    tol = check_tol(tol, where)
    if stop_on is None:
        stop_on = "step" if method == "newton" else "either"
    # These options at their defaults are valid as they are (the checks below would return
    # them unchanged): a short run does not pay for checking them one by one.
    if (type(schedule) is str and schedule == "fixed" and history is False
            and (check_value is True or check_value is False)
            and divergence_threshold is None and progress is False
            and threads is None and type(stop_on) is str and stop_on == "either"
            and type(target) is str and target == "min" and not many):
        return RunOptions(start, method, alpha, num_iterations, tol, schedule, stop_on, target,
                          history, check_value, math.inf, progress)
    schedule = check_schedule(schedule, where)
    stop_on = check_stop_on(stop_on, where)
    target = check_choice(target, TARGETS, where, "target")
    history = check_flag(history, where, "history")
    check_value = check_flag(check_value, where, "check_value")
    threshold = check_threshold(divergence_threshold, where)
    if many:
        cluster_radius = check_positive(cluster_radius, where, "cluster_radius")
    progress = check_flag(progress, where, "progress")
    if threads is not None:
        threads = check_threads(threads, where)
    return RunOptions(start, method, alpha, num_iterations, tol, schedule, stop_on, target,
                      history, check_value, threshold, progress, cluster_radius, threads)


def check_threads(threads, where: str) -> int:
    """A number of Numba threads: an integer from 1 to ``NUMBA_NUM_THREADS``."""
    import numba  # only for the thread limit; checking other arguments needs no Numba

    threads = check_iterations(threads, where, "threads")
    if not 1 <= threads <= numba.config.NUMBA_NUM_THREADS:
        raise ValueError(f"{where}: threads must be between 1 and "
                         f"{numba.config.NUMBA_NUM_THREADS}, got {threads}")
    return threads


__all__ = [
    "as_real",
    "as_array",
    "as_matrix",
    "as_vector",
    "check_length",
    "check_data",
    "check_theta",
    "check_choice",
    "fit_options",
    "FitOptions",
    "run_options",
    "RunOptions",
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
