"""The one place that configures Numba for gradspec.

Every kernel is compiled with ``cache=True`` (so a fresh process loads machine code instead of
recompiling) and ``error_model="numpy"`` (division by zero gives inf/nan as in NumPy instead of
raising ZeroDivisionError inside compiled code; the drivers detect non-finite values themselves
and report them).  ``fastmath`` is never set here: it assumes NaN and inf do not exist, which
would break divergence detection.

Where the cache lives, and why: Numba re-validates a cached function only against its *own*
source file, but gradspec's kernels inline functions from other files (``fused.py`` inlines
``_stable.py`` and ``_generated/losses.py``; the generated bindings inline ``_loops.py`` and
``sums.py``).  A change to one of those would leave stale machine code behind — wrong results
or a crash.  So
the cache directory is named after a fingerprint of every kernel source file
(``kernels/__pycache__/numba-<sha256 prefix>``): any edit anywhere under ``kernels/`` starts a
fresh cache.  A ``NUMBA_CACHE_DIR`` set by the user is respected as it is; where the package
directory is not writable Numba falls back to its own locations.
"""

import hashlib
import os
from pathlib import Path

from numba import config, njit

JIT_OPTIONS = {"cache": True, "error_model": "numpy"}

KERNELS_DIR = Path(__file__).resolve().parent


def source_fingerprint() -> str:
    """The first 12 hex digits of the sha256 of every kernel source file (names and bytes)."""
    h = hashlib.sha256()
    files = sorted([*KERNELS_DIR.glob("*.py"), *KERNELS_DIR.glob("_generated/*.py")])
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _configure_cache() -> None:
    if os.environ.get("NUMBA_CACHE_DIR"):
        return  # the user's choice wins
    config.CACHE_DIR = str(KERNELS_DIR / "__pycache__" / f"numba-{source_fingerprint()}")


_configure_cache()


def jit(fn=None, **overrides):
    """Compile ``fn`` with gradspec's options (``cache=True``, ``error_model="numpy"``).

    Usable bare (``@jit``) or with overrides (``@jit(parallel=True)``).
    """
    options = {**JIT_OPTIONS, **overrides}
    if fn is None:
        return lambda f: njit(**options)(f)
    return njit(**options)(fn)
