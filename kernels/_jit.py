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

The first compiled call of a process (machine code loaded from the cache, or compiled) makes
Numba load its implementation registries, and one of them, ``numba.np.arraymath``, asks at
import whether BLAS is available by importing ``scipy.linalg.cython_blas``: the whole of
``scipy.linalg`` (whose array-API layer imports ``numpy.f2py``, ``numpy.ma``, ``numpy.testing``
…), half of that first call, for an answer no kernel here needs (none calls BLAS).
:func:`_defer_blas_check` makes that one question a look-up of the extension module's file
(plus Numba's own check of SciPy's BLAS integer width); Numba imports the module itself, as
always, the first time something it compiles calls BLAS (``np.dot`` of matrices, ``np.linalg``).
"""

import hashlib
import os
import sys
from importlib.machinery import PathFinder
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


def _cython_blas_spec():
    """Where ``scipy.linalg.cython_blas`` would be imported from (None: no SciPy or no such module).

    Found on SciPy's path without importing ``scipy.linalg`` (``importlib.util.find_spec``
    of a submodule would import its package).
    """
    scipy = sys.modules.get("scipy")
    if scipy is None:
        return None
    paths = [os.path.join(entry, "linalg") for entry in getattr(scipy, "__path__", ())]
    return PathFinder.find_spec("scipy.linalg.cython_blas", paths)


def _install_file_blas_check() -> None:
    """Answer ``numba.np.arraymath``'s one BLAS check from the file system, then step aside.

    Numba's ``ensure_blas`` imports ``scipy.linalg.cython_blas`` (ImportError if it cannot)
    and checks SciPy's BLAS integer width (RuntimeError on a mismatch).  The stand-in keeps
    the width check and the ImportError (it hands over to Numba's own function when the module
    is not found), puts Numba's function back at its first call, and forwards every later call.
    """
    from numba.np import linalg

    numba_ensure_blas = getattr(linalg, "ensure_blas", None)
    check_width = getattr(linalg, "_check_lapack_int_width", None)
    if numba_ensure_blas is None or check_width is None:
        return  # another Numba: leave its check as it is
    answered = False

    def ensure_blas():
        nonlocal answered
        if answered or _cython_blas_spec() is None:
            return numba_ensure_blas()
        answered = True
        linalg.ensure_blas = numba_ensure_blas
        check_width()

    linalg.ensure_blas = ensure_blas


class _BlasCheckDeferral:
    """A meta-path finder that never finds anything: it only notices ``numba.np.arraymath``
    about to be imported (Numba loading its registries), removes itself and installs
    :func:`_install_file_blas_check` just before that module runs its BLAS check."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "numba.np.arraymath":
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            _install_file_blas_check()
        return None


def _defer_blas_check() -> None:
    if "numba.np.arraymath" in sys.modules or "scipy.linalg" in sys.modules:
        return  # the check has run, or costs nothing now
    sys.meta_path.insert(0, _BlasCheckDeferral())


_defer_blas_check()


def jit(fn=None, **overrides):
    """Compile ``fn`` with gradspec's options (``cache=True``, ``error_model="numpy"``).

    Usable bare (``@jit``) or with overrides (``@jit(parallel=True)``).
    """
    options = {**JIT_OPTIONS, **overrides}
    if fn is None:
        return lambda f: njit(**options)(f)
    return njit(**options)(fn)
