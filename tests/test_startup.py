"""What a fresh process imports and does before its first compiled call.

Each test runs a fresh interpreter: ``sys.modules`` and Numba's registries are per process.
"""

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("scipy")


def _run(code, env=None):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=600, check=False, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


_FIRST_CALL = """
import json, sys
import numpy as np
import gradspec.kernels as gk
X = np.random.default_rng(0).standard_normal((50, 3)); y = X @ np.ones(3) + 0.5
fit = gk.linear_regression(X, y, learning_rate=0.1, num_iterations=20, tol=None)
import numba.np.arraymath as arraymath, numba.np.linalg as linalg
state = {
    "scipy_linalg": "scipy.linalg" in sys.modules,
    "have_blas": arraymath._HAVE_BLAS,
    "ensure_blas": linalg.ensure_blas.__module__ + "." + linalg.ensure_blas.__qualname__,
    "finders": [type(f).__name__ for f in sys.meta_path],
    "finite": bool(np.isfinite(fit.theta).all()),
}
# Numba's BLAS still works, and imports SciPy's BLAS module itself when it is first needed.
from numba import njit
A = np.arange(12.0).reshape(3, 4); B = np.arange(8.0).reshape(4, 2)
a = np.array([1.0, 2.0, 3.0]); v = np.array([0.5, -1.0])
prod = njit(lambda A, B: np.dot(A, B))(A, B)
corr = njit(lambda a, v: np.correlate(a, v))(a, v)
state["dot_ok"] = bool(np.array_equal(prod, A @ B))
state["correlate_ok"] = bool(np.allclose(corr, np.correlate(a, v)))
state["scipy_linalg_after_dot"] = "scipy.linalg.cython_blas" in sys.modules
print(json.dumps(state))
"""


def test_first_compiled_call_does_not_import_scipy_linalg():
    state = _run(_FIRST_CALL)
    assert state["finite"]
    assert not state["scipy_linalg"], "Numba's BLAS check imported scipy.linalg"
    # the check's answer is Numba's own one: SciPy's BLAS module is there
    assert state["have_blas"] is True
    # Numba's function is back in place and the one-shot finder is gone
    assert state["ensure_blas"] == "numba.np.linalg.ensure_blas"
    assert "_BlasCheckDeferral" not in state["finders"]
    # compiled BLAS calls work afterwards, importing the module when they need it
    assert state["dot_ok"] and state["correlate_ok"]
    assert state["scipy_linalg_after_dot"]


def test_a_logistic_fit_on_overlapping_classes_imports_no_linear_programming():
    """Overlap is proved by its own certificate (NumPy only): the fit's first call does not
    pay for importing scipy.optimize, which only separable data needs."""
    state = _run("""
import json, sys
import numpy as np
import gradspec.kernels as gk
rng = np.random.default_rng(0)
X = rng.standard_normal((500, 3)); y = (X[:, 0] + rng.standard_normal(500) > 0).astype(float)
fit = gk.logistic_regression(X, y, learning_rate=0.1, num_iterations=50, tol=None)
print(json.dumps({"separable": fit.separable, "optimize": "scipy.optimize" in sys.modules}))
""")
    assert state == {"separable": False, "optimize": False}


def test_nothing_is_deferred_when_scipy_linalg_is_already_imported():
    state = _run(
        "import json, sys, scipy.linalg, gradspec.kernels\n"
        "print(json.dumps([type(f).__name__ for f in sys.meta_path]))"
    )
    assert "_BlasCheckDeferral" not in state


def test_the_blas_module_is_found_without_importing_its_package():
    state = _run(
        "import json, sys, os, gradspec.kernels._jit as j\n"
        "spec = j._cython_blas_spec()\n"
        "print(json.dumps({'origin': spec.origin, 'exists': os.path.exists(spec.origin),\n"
        "                  'imported': 'scipy.linalg' in sys.modules}))"
    )
    assert state["exists"] and "cython_blas" in state["origin"]
    assert not state["imported"]


def test_kernels_import_no_optional_or_heavy_package():
    state = _run(
        "import json, sys, gradspec.kernels\n"
        "heavy = ('sympy', 'scipy.linalg', 'scipy.optimize', 'dask', 'tqdm')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))"
    )
    assert state == []


_SERIAL_PASS = """
import json
import numpy as np
from gradspec.kernels import fused
X = np.random.default_rng(0).standard_normal((100, 3)); y = X @ np.ones(3)
g = np.empty(4)
s, _ = fused.cost_grad_sums(fused.LINEAR, fused.pass_flag(False), X, y, np.zeros(4), g)
print(json.dumps({"finite": bool(np.isfinite(s)),
                  "serial": [str(t) for t in fused._blocks_serial_into.signatures],
                  "parallel": [str(t) for t in fused._blocks_parallel.signatures]}))
"""


def test_a_serial_pass_compiles_no_parallel_pass(tmp_path):
    # An empty cache: every kernel the pass needs is compiled in this process, and the
    # dispatchers record what was compiled.  The serial pass is; the prange pass (with the
    # _block of both dtypes) is not part of it.
    state = _run(_SERIAL_PASS, env={**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)})
    assert state["finite"]
    assert len(state["serial"]) == 1
    assert state["parallel"] == []
