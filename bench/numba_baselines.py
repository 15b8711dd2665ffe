"""Plain Numba loops around gradspec's generated ``exp_minus_log`` gradient.

They are the floor for the public drivers: the same generated function in the simplest
compiled loop, with no validation, result object or domain checks.  The difference between a
driver and its baseline is the driver's own overhead, which issue 8 asks to measure.
"""

import numpy as np
from numba import njit, prange


def descent_loop(grad):
    """A compiled x ← x − α·grad(x) loop over the generated ``grad`` (compiled on first call)."""

    @njit
    def loop(x0, learning_rate, num_iterations):
        x = x0
        for _ in range(num_iterations):
            x = x - learning_rate * grad(x)
        return x

    return loop


def multistart_loop(grad):
    """The same loop from every start, one ``prange`` iteration per start."""

    @njit(parallel=True)
    def loop(starts, learning_rate, num_iterations):
        out = np.empty(starts.size)
        for i in prange(starts.size):
            x = starts[i]
            for _ in range(num_iterations):
                x = x - learning_rate * grad(x)
            out[i] = x
        return out

    return loop
