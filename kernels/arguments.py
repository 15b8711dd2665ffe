"""Checking arguments at the Python boundary, before any compiled code runs.

Every message names the function, the argument and what is wrong, in words a student
understands.  Integer, float32, big-endian, Fortran-ordered and strided arrays and plain lists
are converted to C-contiguous float64, not refused.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_real(value, name: str, where: str) -> float:
    """``value`` as a finite float, or a TypeError/ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
            value = value.item()
        else:
            raise TypeError(
                f"{where}: {name} must be a real number, got {type(value).__name__} {value!r}"
            )
    try:
        out = float(value)
    except OverflowError:  # an int (or Fraction) beyond the float64 range
        raise ValueError(
            f"{where}: {name} must be finite, got {value!r}, which is beyond the float64 "
            "range (±1.8e308)"
        ) from None
    if not np.isfinite(out):
        raise ValueError(f"{where}: {name} must be finite, got {out!r}")
    return out


def as_array(value, name: str, where: str, ndim: int, *, finite: bool = True) -> np.ndarray:
    """``value`` as a non-empty C-contiguous float64 array with ``ndim`` dimensions.

    A 1-D input is accepted where ``ndim == 2`` and becomes one column (one feature).
    """
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{where}: {name} must be an array of numbers, got {value!r}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{where}: {name} must be an array of numbers ({exc})") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{where}: {name} must hold real numbers, got an array of dtype {arr.dtype}"
        )
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
