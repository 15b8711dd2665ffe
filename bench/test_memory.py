"""Extra peak memory of one fit, in a fresh process: does a fit copy X?

A child process builds X (m × n, float64 or float32) and y, warms the kernels up on a small
problem (so compiled code and Numba's own allocations are already counted), records its peak
resident set size (``ru_maxrss``), runs one fit of ``MEMORY_ITERATIONS`` steps and records the
peak again.  The difference is what the fit allocated at its peak: a copy of X shows up as
X.nbytes, the fit's own vectors as (almost) nothing.  Reported as bytes and as a fraction of
X.nbytes (the target: at most ``MEMORY_TARGET`` with or without scaling).

``call`` selects what runs the fit: the public driver (``driver``) or the fused kernel with the
scaling applied on the fly (``kernel``), so the report shows both the kernel's floor and what the
driver adds.
"""

import json
import os
import subprocess
import sys

import pytest

from .cases import quick_mode

#: Extra peak memory allowed per fit, as a fraction of X's size (reported, not asserted).
MEMORY_TARGET = 0.05
MEMORY_ITERATIONS = 5

_CHILD = """
import json, resource
import numpy as np
import gradspec.kernels as gk
from gradspec.kernels import fused

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

m, n, dtype, scale, call = {m}, {n}, np.{dtype}, {scale!r}, {call!r}
rng = np.random.default_rng(0)
X = rng.standard_normal((m, n)).astype(dtype)
y = X[:, 0].astype(np.float64) + 0.5
small = X[:5000]
gk.linear_regression(small, y[:5000], 0.1, 2, tol=None, scale=scale)  # compile / load
th = np.zeros(n + 1)
hist, path = np.empty({iters} + 1), np.empty((0, n + 1))
fout, iout = np.empty(2), np.empty(4, dtype=np.int64)
shift, span = (small.mean(axis=0).astype(np.float64), small.std(axis=0).astype(np.float64))
if call == "kernel":
    fused.descend_scaled(fused.LINEAR, True, small, y[:5000], shift, span, th.copy(), 0.1,
                         1e-4, 2, -1.0, np.empty(3), path, fout, iout)
before = peak()
if call == "driver":
    gk.linear_regression(X, y, 0.1, {iters}, tol=None, scale=scale)
else:
    if scale is None:
        shift = span = np.empty(0)
    fused.descend_scaled(fused.LINEAR, True, X, y, shift, span, th, 0.1, 0.5 / m, {iters},
                         -1.0, hist, path, fout, iout)
print(json.dumps({{"x_bytes": X.nbytes, "extra_peak": peak() - before}}))
"""


def _cases(quick):
    m = 500_000 if quick else 5_000_000
    for dtype in ("float64", "float32"):
        for scale in (None, "standard"):
            for call in ("kernel", "driver"):
                yield m, 8, dtype, scale, call


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        cases = list(_cases(quick_mode(metafunc.config)))
        metafunc.parametrize("case", cases, ids=[
            f"{m:.0e}x{n}-{dtype}-{scale or 'unscaled'}-{call}".replace("+0", "")
            for m, n, dtype, scale, call in cases])


def test_fit_peak_memory(benchmark, case):
    m, n, dtype, scale, call = case
    benchmark.group = "memory"
    benchmark.extra_info.update(kind="memory", m=m, n=n, dtype=dtype, scale=scale, call=call,
                                target=MEMORY_TARGET)
    source = _CHILD.format(m=m, n=n, dtype=dtype, scale=scale, call=call,
                           iters=MEMORY_ITERATIONS)
    results = []

    def child():
        done = subprocess.run([sys.executable, "-c", source], env=dict(os.environ),
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"the child process failed:\n{done.stderr[-2000:]}", pytrace=False)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(child, rounds=1, iterations=1, warmup_rounds=0)
    (result,) = results
    benchmark.extra_info.update(
        x_bytes=result["x_bytes"],
        extra_peak_bytes=result["extra_peak"],
        extra_peak_fraction=result["extra_peak"] / result["x_bytes"],
    )
