"""Start-up costs, each in a fresh Python process.

- ``import``: ``import gradspec.kernels`` (with NumPy and Numba, as a user pays it);
- ``cold-cache``: the first call of a typical kernel with ``NUMBA_CACHE_DIR`` pointing at a new,
  empty directory, so every function it uses is compiled;
- ``warm-cache``: the same first call with that directory already filled by an earlier run,
  so machine code is loaded instead of compiled.

pytest-benchmark times the whole subprocess (interpreter start included); the child measures
the import and the first call itself with ``perf_counter`` and those numbers — the ones the
targets are about — are stored in ``extra_info`` (``import_s``, ``first_call_s``, min over
rounds).

The children read compiled bytecode, as an installed package does: they write and read it under
a directory of the session's own (``PYTHONPYCACHEPREFIX``), whatever ``PYTHONDONTWRITEBYTECODE``
says in the environment the suite runs in, so the untimed warm-up run compiles every module's
source once and the timed runs do not (with bytecode writing off, each import of
``gradspec.kernels`` would compile its sources again: a cost no installed copy pays).
"""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .cases import LAB_ITERATIONS, LAB_LEARNING_RATE, LAB_X0, quick_mode

#: Typical first calls: (setup run after the import, untimed; the timed call).
KERNEL_CALLS = {
    "lab-descent": (
        "fn = gk.functions.exp_minus_log",
        f"gk.gradient_descent(fn, x0={LAB_X0}, learning_rate={LAB_LEARNING_RATE}, "
        f"num_iterations={LAB_ITERATIONS})",
    ),
    "linear-regression": (
        "import numpy as np; rng = np.random.default_rng(0); "
        "X = rng.standard_normal((1000, 4)); y = X @ np.ones(4) + 0.5",
        "gk.linear_regression(X, y, learning_rate=0.1, num_iterations=100, tol=None)",
    ),
}

_CHILD_IMPORT = """
import json, time
t0 = time.perf_counter()
import gradspec.kernels
print(json.dumps({"import_s": time.perf_counter() - t0}))
"""

_CHILD_CALL = """
import json, time
t0 = time.perf_counter()
import gradspec.kernels as gk
t1 = time.perf_counter()
{setup}
t2 = time.perf_counter()
{call}
print(json.dumps({{"import_s": t1 - t0, "first_call_s": time.perf_counter() - t2}}))
"""


#: Where the children keep their bytecode (one directory for the session; see the docstring).
_PYCACHE = tempfile.mkdtemp(prefix="gradspec-startup-pycache-")
atexit.register(shutil.rmtree, _PYCACHE, ignore_errors=True)


def _run_child(source, cache_dir, timings):
    """Run ``source`` in a fresh interpreter; append its JSON timings to ``timings``."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE
    if cache_dir is not None:
        env["NUMBA_CACHE_DIR"] = str(cache_dir)
    done = subprocess.run(
        [sys.executable, "-c", source], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"the child process failed:\n{done.stderr[-2000:]}", pytrace=False)
    timings.append(json.loads(done.stdout.strip().splitlines()[-1]))


def _record(benchmark, timings):
    for key in ("import_s", "first_call_s"):
        values = [t[key] for t in timings if key in t]
        if values:
            benchmark.extra_info[key] = min(values)
            benchmark.extra_info[f"{key}_median"] = sorted(values)[len(values) // 2]


#: What Numba would do at the first compiled call (cached or not) of any process where SciPy
#: is installed — and gradspec depends on SciPy: its BLAS check imports ``scipy.linalg``
#: (``numba.np.arraymath._check_blas``, run when Numba loads its registries).  gradspec answers
#: that check without the import (``kernels/_jit.py``), so this row is the share of the first
#: call saved; ``warm-cache`` rows no longer contain it.
_CHILD_BLAS_CHECK = """
import json, time
import gradspec.kernels
t0 = time.perf_counter()
import scipy.linalg.cython_blas
print(json.dumps({"import_s": time.perf_counter() - t0}))
"""


def test_numba_blas_check(benchmark, request):
    benchmark.group = "start-up"
    benchmark.extra_info.update(kind="startup", phase="numba-blas-check", kernel=None)
    timings = []
    _run_child(_CHILD_BLAS_CHECK, None, [])  # warm-up: bytecode and OS file caches
    benchmark.pedantic(
        _run_child,
        args=(_CHILD_BLAS_CHECK, None, timings),
        rounds=3 if quick_mode(request.config) else 7,
        iterations=1,
        warmup_rounds=0,
    )
    _record(benchmark, timings)


def test_import_time(benchmark, request):
    benchmark.group = "start-up"
    benchmark.extra_info.update(kind="startup", phase="import", kernel=None)
    source = _CHILD_IMPORT
    timings = []
    _run_child(source, None, [])  # warm-up: bytecode and OS file caches
    rounds = 3 if quick_mode(request.config) else 7
    benchmark.pedantic(
        _run_child, args=(source, None, timings), rounds=rounds, iterations=1, warmup_rounds=0
    )
    _record(benchmark, timings)


@pytest.mark.parametrize("cache", ["cold-cache", "warm-cache"])
@pytest.mark.parametrize("kernel", sorted(KERNEL_CALLS))
def test_first_call(benchmark, request, tmp_path, kernel, cache):
    benchmark.group = "start-up"
    benchmark.extra_info.update(kind="startup", phase=cache, kernel=kernel)
    setup, call = KERNEL_CALLS[kernel]
    source = _CHILD_CALL.format(setup=setup, call=call)
    timings = []
    quick = quick_mode(request.config)
    if cache == "warm-cache":
        warm_dir = tmp_path / "numba-cache"
        _run_child(source, warm_dir, [])  # warm-up: compiles once and fills the cache
        benchmark.pedantic(
            _run_child,
            args=(source, warm_dir, timings),
            rounds=3 if quick else 7,
            iterations=1,
            warmup_rounds=0,
        )
    else:
        _run_child(source, tmp_path / "warm-up", [])  # warm-up: OS file caches

        def empty_cache():
            return (source, Path(tempfile.mkdtemp(dir=tmp_path)), timings), {}

        benchmark.pedantic(_run_child, setup=empty_cache, rounds=2 if quick else 3, warmup_rounds=0)
    _record(benchmark, timings)
