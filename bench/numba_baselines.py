"""Plain Numba loops: the floor each gradspec driver is compared with.

The scalar and multistart loops call gradspec's generated ``exp_minus_log`` gradient in the
simplest compiled loop, with no validation, result object or domain checks; the difference
between a driver and its baseline is the driver's own overhead.  The plain fits below are the
simplest parallel regression loops, which show what the fused kernels' checks cost.
"""

import numba
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


# -- the plainest parallel fits: peers, not kernels under test ------------------------------
#
# What a user writes in Numba when all they want is θ: a ``prange`` over row chunks (one per
# thread, each with its own partial gradient, summed after the loop), the residual of each row
# from a dot product over its columns, and nothing else — no cost history, no divergence or
# separation check, no scaling, no float32 path.  ``fastmath=True`` is the same loop with
# LLVM free to reorder sums and assume there is no NaN or inf: a peer that shows what those
# assumptions buy, never something gradspec's tested kernels may use.


def _make_plain_fits(fastmath: bool):
    @njit(fastmath=fastmath, inline="always")
    def _sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    def make(logistic: bool):
        @njit(parallel=True, fastmath=fastmath)
        def fit(X, y, learning_rate, num_iterations):
            m, n = X.shape
            theta = np.zeros(n + 1)
            chunks = numba.get_num_threads()
            gpart = np.empty((chunks, n + 1))
            for _ in range(num_iterations):
                for t in prange(chunks):
                    g = gpart[t]
                    for j in range(n + 1):
                        g[j] = 0.0
                    for i in range(t * m // chunks, (t + 1) * m // chunks):
                        z = theta[0]
                        for j in range(n):
                            z += theta[j + 1] * X[i, j]
                        r = (_sigmoid(z) if logistic else z) - y[i]
                        g[0] += r
                        for j in range(n):
                            g[j + 1] += r * X[i, j]
                scale = learning_rate / m
                for j in range(n + 1):
                    s = 0.0
                    for t in range(chunks):
                        s += gpart[t, j]
                    theta[j] -= scale * s
            return theta

        return fit

    return {"linear": make(False), "logistic": make(True)}


PLAIN_PRANGE = _make_plain_fits(fastmath=False)
PLAIN_PRANGE_FASTMATH = _make_plain_fits(fastmath=True)
