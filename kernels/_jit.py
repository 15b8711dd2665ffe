"""The one place that configures Numba for gradspec.

Every kernel is compiled with ``cache=True`` (so a fresh process loads machine code from
``__pycache__`` instead of recompiling) and ``error_model="numpy"`` (division by zero gives
inf/nan as in NumPy instead of raising ZeroDivisionError inside compiled code; the drivers
detect non-finite values themselves and report them).  ``fastmath`` is never set here:
it assumes NaN and inf do not exist, which would break divergence detection.
"""

from numba import njit

JIT_OPTIONS = {"cache": True, "error_model": "numpy"}


def jit(fn=None, **overrides):
    """Compile ``fn`` with gradspec's options (``cache=True``, ``error_model="numpy"``).

    Usable bare (``@jit``) or with overrides (``@jit(parallel=True)``).
    """
    options = {**JIT_OPTIONS, **overrides}
    if fn is None:
        return lambda f: njit(**options)(f)
    return njit(**options)(fn)
