"""Extra peak memory of one fit, in a fresh process: does a fit copy X (or y)?

A child process builds X (m × n, float64 or float32) and y in place (no temporary larger
than y), warms the kernels up on a small problem (so compiled code and Numba's own
allocations are already counted), then measures the peak resident set size of the fit alone:
on Linux the high-water mark is reset just before the fit (``/proc/self/clear_refs``) and read
after it (``VmHWM``), so nothing allocated before the fit can hide what the fit allocates;
elsewhere the difference of ``ru_maxrss`` before and after is used, which only shows an
allocation that rises above every earlier peak.  A copy of X shows up as X.nbytes, the fit's
own vectors as (almost) nothing.  Reported as bytes and as a fraction of X.nbytes (the
target: at most ``MEMORY_TARGET`` with or without scaling) and which method measured it.

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

def status_kib(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise OSError(key)

def start():
    # (method, bytes to subtract): the peak reset to the current RSS, or ru_maxrss so far
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return "VmHWM", status_kib("VmRSS") * 1024
    except OSError:
        return "ru_maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

def peak(method):
    if method == "VmHWM":
        return status_kib("VmHWM") * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

m, n, dtype, scale, call = {m}, {n}, np.{dtype}, {scale!r}, {call!r}
rng = np.random.default_rng(0)
X = np.empty((m, n), dtype=dtype)
rng.standard_normal(out=X, dtype=dtype)
y = np.empty(m)
np.add(X[:, 0], 0.5, out=y)
small = X[:5000]
gk.linear_regression(small, y[:5000], 0.1, 2, tol=None, scale=scale)  # compile / load
th = np.zeros(n + 1)
hist, path = np.empty({iters} + 1), np.empty((0, n + 1))
fout, iout = np.empty(2), np.empty(4, dtype=np.int64)
shift, span = (small.mean(axis=0).astype(np.float64), small.std(axis=0).astype(np.float64))
if call == "kernel":
    fused.descend_scaled(fused.LINEAR, True, small, y[:5000], shift, span, th.copy(), 0.1,
                         1e-4, 2, -1.0, np.empty(3), path, fout, iout)
method, before = start()
if call == "driver":
    gk.linear_regression(X, y, 0.1, {iters}, tol=None, scale=scale)
else:
    if scale is None:
        shift = span = np.empty(0)
    fused.descend_scaled(fused.LINEAR, True, X, y, shift, span, th, 0.1, 0.5 / m, {iters},
                         -1.0, hist, path, fout, iout)
print(json.dumps({{"x_bytes": X.nbytes, "extra_peak": peak(method) - before,
                  "method": method}}))
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
        peak_method=result["method"],
    )
