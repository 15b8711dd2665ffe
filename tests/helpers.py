"""Helpers shared by several test modules: hypothesis points inside a catalog entry's box
and labels for its data, the bad arguments every fit must refuse, and the check that an
error names its words."""

import numpy as np
import pytest
from hypothesis import strategies as st


def coordinate(lo, hi, mirror):
    """A float in [lo, hi]; with ``mirror``, in [lo, hi] or [−hi, −lo]."""
    c = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    if mirror:  # the box holds |x|: draw the sign as well
        return st.tuples(c, st.sampled_from([-1.0, 1.0])).map(lambda t: t[0] * t[1])
    return c


def box_points(entry):
    """Points (tuples of floats) drawn inside ``entry.box`` (mirrored when the entry says so)."""
    mirror = entry.extra.get("mirror")
    return st.tuples(*[coordinate(lo, hi, mirror) for lo, hi in entry.box])


def labels(entry_id):
    """Targets of a data entry: 0.0 or 1.0 for the log-loss and the likelihood, else any float."""
    binary = entry_id in ("log_loss", "likelihood")
    return st.integers(0, 1).map(float) if binary else st.floats(-5, 5)


def assert_raises_naming(call, exc, words):
    """``call()`` raises ``exc`` with every string of ``words`` in its message."""
    with pytest.raises(exc) as info:
        call()
    for w in words:
        assert w in str(info.value), str(info.value)


#: (X, y, options, exception, words of the message) that every fit refuses.
BAD_FITS = [
    (np.ones((4, 2)), np.ones(3), {}, ValueError, "4 rows but y has 3"),
    (np.ones((0, 2)), np.ones(0), {}, ValueError, "no data"),
    (np.array([[1.0, 2], [3, np.nan], [np.inf, 1]]), np.ones(3), {}, ValueError, "X row 1"),
    (np.arange(3.0), np.array([1.0, np.nan, 2]), {}, ValueError, "y[1]"),
    (np.array([[1.0, 5], [2, 5], [3, 5]]), np.ones(3), {"scale": "standard"}, ValueError,
     "feature 1 is constant"),
    (np.arange(3.0), np.ones(3), {"learning_rate": 0.0}, ValueError, "learning_rate"),
    (np.arange(3.0), np.ones(3), {"learning_rate": float("nan")}, ValueError, "learning_rate"),
    (np.arange(3.0), np.ones(3), {"learning_rate": -1.0}, ValueError, "learning_rate"),
    (np.arange(3.0), np.ones(3), {"num_iterations": 10.0}, TypeError, "num_iterations"),
    (np.arange(3.0), np.ones(3), {"num_iterations": -1}, ValueError, "num_iterations"),
    (np.arange(3.0), np.ones(3), {"cost": "mae"}, ValueError, "cost"),
    (np.arange(3.0), np.ones(3), {"scale": "robust"}, ValueError, "scale"),
    (np.arange(3.0), np.ones(3), {"theta0": [1.0]}, ValueError, "theta0"),
    (np.arange(3.0), np.ones(3), {"parallel": "yes"}, TypeError, "parallel"),
    (np.array(["a", "b"]), np.ones(2), {}, TypeError, "real numbers"),
    (np.array([1j, 2j]), np.ones(2), {}, TypeError, "real"),
    (np.ones((2, 2, 2)), np.ones(2), {}, ValueError, "shape"),
    (np.ones((2, 2)), np.ones((2, 2)), {}, ValueError, "y must be 1-D"),
]
