"""Fits on Dask arrays: the Dask round trip against the in-memory kernel.

Linear (half MSE) and logistic regression, plain steps at learning rate 0.1 from θ = 0, on the
seeded data of ``data.regression_data``:

- ``in-memory``: ``gk.linear_regression`` / ``gk.logistic_regression`` on NumPy arrays (the
  fused kernel, ``prange`` on both cores above its crossover);
- ``dask-threads``: the same call on a ``dask.array`` (row chunks of ``chunk_rows(m)``), Dask's
  local threaded scheduler (the chunk kernel runs without the GIL, one chunk per core);
- ``dask-cluster``: the same on a ``LocalCluster`` of 2 worker processes × 1 thread, X and y
  persisted on the workers first (the fit itself then moves only θ and the block partials);
- ``dask-glm``: ``dask_glm.algorithms.gradient_descent`` (logistic family; backtracking line
  search, several passes and round trips per iteration) on the same Dask arrays, threaded
  scheduler, when dask-glm is installed.

Time per iteration is measured as (T(K) − T(0))/K: T(K) is the fit with K = ``ITERATIONS``
steps (timed by ``measure``: warm-up, check, then rounds), T(0) the same call with no step
(best of 3: argument checks, the checking pass and the one pass at θ₀), so set-up and the
extra pass do not count.  ``extra_info`` holds ``per_iteration_s``, the in-memory kernel's
``in_memory_per_iteration_s`` at the same size (measured in the same test: the faster of its
serial and ``prange`` passes — on a loaded 2-core machine the ``prange`` pass can be the slower
one by far; both are recorded), their difference
``overhead_per_iteration_s`` (the Dask round trip) and ``speedup_vs_in_memory`` (> 1: Dask is
faster).

``test_dask_out_of_core`` fits X stored as a ``.npy`` file on disk (written chunk by chunk,
read through ``dask_fit.from_npy`` — each task maps the file and reads its rows; nothing is
persisted) and reports rows/s and bytes/s of X.  On a machine whose page cache holds the file
this is the page-cache rate, not the disk's.

Checks before any time counts: the Dask fits equal the in-memory fit to ``SAME_FIT_ATOL`` (the
tests' bar); dask-glm's β must have a finite cost below J(0) (it is a different method, so
its cost gap to the optimum is recorded, not checked).
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import warnings
from time import perf_counter

import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels import dask_fit, fused

from .cases import LEARNING_RATE, quick_mode
from .data import regression_data
from .timing import best_seconds, measure

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

#: The tests' bar (tests/test_dask.py): Dask fit vs in-memory fit after the same steps.
SAME_FIT_ATOL = 1e-10
#: Steps per timed fit.
ITERATIONS = 20
#: dask-glm's iterations (each is several passes; its line search makes them slow).
GLM_ITERATIONS = 5
#: Largest chunk: 2**18 rows (16 MiB of X at n = 8), a multiple of the kernel's block.
MAX_CHUNK_ROWS = 1 << 18

SIZES_FULL = [(10_000, 8), (100_000, 8), (1_000_000, 8), (4_000_000, 8)]
SIZES_QUICK = [(10_000, 8), (100_000, 8)]
#: Out-of-core rows at n = 8: 32e6 rows = 2.05 GB of X (full), 1e6 rows = 64 MB (quick).
OOC_ROWS_FULL = 32_000_000
OOC_ROWS_QUICK = 1_000_000
OOC_N = 8
OOC_ITERATIONS = 3

IMPLS = ["in-memory", "dask-threads", "dask-cluster", "dask-glm"]


def chunk_rows(m: int) -> int:
    """Rows per chunk: at least 2 chunks (2 cores), whole kernel blocks, at most 2**18 rows."""
    half = math.ceil(m / 2 / fused.BLOCK) * fused.BLOCK
    return max(fused.BLOCK, min(MAX_CHUNK_ROWS, half))


def pytest_generate_tests(metafunc):
    if {"model", "m", "n", "impl"} <= set(metafunc.fixturenames):
        sizes = SIZES_QUICK if quick_mode(metafunc.config) else SIZES_FULL
        cases = [(model, m, n, impl) for model in ("linear", "logistic") for (m, n) in sizes
                 for impl in IMPLS if not (impl == "dask-glm" and model == "linear")]
        metafunc.parametrize(("model", "m", "n", "impl"), cases,
                             ids=[f"{mo}-{m:.0e}x{n}-{i}".replace("e+0", "e")
                                  for mo, m, n, i in cases])


@pytest.fixture(scope="module")
def cluster_client():
    """LocalCluster: 2 worker processes × 1 thread (Numba also 1 thread each)."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, timeout=60,
                                       env={"NUMBA_NUM_THREADS": "1"})
    client = distributed.Client(cluster, set_as_default=False, timeout=60)
    try:
        client.wait_for_workers(2, timeout=60)
        yield client
    finally:
        client.close(timeout=60)
        cluster.close(timeout=60)


def _fit_fn(model):
    return gk.linear_regression if model == "linear" else gk.logistic_regression


def _min_time(fn, repeat=3) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = perf_counter()
        fn()
        best = min(best, perf_counter() - t0)
    return best


def _per_iteration(fit_k_seconds: float, fit_0_seconds: float, k: int) -> float:
    return max(fit_k_seconds - fit_0_seconds, 0.0) / k


def _in_memory_per_iteration(model, X, y) -> dict:
    """Per-iteration seconds of the in-memory kernel, serial and prange (best of 3 each)."""
    fit = _fit_fn(model)
    out = {}
    for name, parallel in (("serial", False), ("prange", True)):
        fit(X, y, LEARNING_RATE, 1, parallel=parallel)  # compiled / cache loaded
        t_k = _min_time(lambda p=parallel: fit(X, y, LEARNING_RATE, ITERATIONS, parallel=p))
        t_0 = _min_time(lambda p=parallel: fit(X, y, LEARNING_RATE, 0, parallel=p))
        out[name] = _per_iteration(t_k, t_0, ITERATIONS)
    return out


def _glm_cost(beta, X, y):
    theta = np.concatenate([[beta[-1]], beta[:-1]])  # dask-glm's intercept column is last
    return gk.logistic_cost(theta, X, y)


def test_dask_per_iteration(benchmark, request, model, m, n, impl):
    X, y = regression_data(model, m, n)
    rows = chunk_rows(m)
    fit = _fit_fn(model)
    ref = fit(X, y, LEARNING_RATE, ITERATIONS)
    benchmark.group = f"dask {model} {m}x{n}"
    benchmark.extra_info.update(kind="dask", model=model, m=m, n=n, impl=impl,
                                iterations=ITERATIONS, chunk_rows=rows,
                                chunks=math.ceil(m / rows), x_bytes=m * n * 8)

    if impl == "in-memory":
        def run(k=ITERATIONS):
            return fit(X, y, LEARNING_RATE, k)
        check = None
    elif impl == "dask-glm":
        dask_glm = pytest.importorskip("dask_glm.algorithms")
        from dask_glm.families import Logistic
        from dask_glm.utils import add_intercept

        Xi = add_intercept(da.from_array(X, chunks=(rows, -1)))
        yd = da.from_array(y, chunks=(rows,))
        j0 = gk.logistic_cost(np.zeros(n + 1), X, y)
        optimum = gk.logistic_regression(X, y, 1.0, 5000, tol=1e-10).cost

        def run(k=GLM_ITERATIONS):
            with warnings.catch_warnings():  # its exp overflows (no stable log-loss)
                warnings.simplefilter("ignore", RuntimeWarning)
                return np.asarray(dask_glm.gradient_descent(Xi, yd, max_iter=k, tol=-1.0,
                                                            family=Logistic))

        def check(beta):
            cost = _glm_cost(beta, X, y)
            assert np.isfinite(cost) and cost < j0, f"dask-glm: J(β) = {cost}, J(0) = {j0}"
            benchmark.extra_info["cost_gap_to_optimum"] = cost - optimum
    else:
        Xd = da.from_array(X, chunks=(rows, -1))
        yd = da.from_array(y, chunks=(rows,))
        scheduler = "threads"
        if impl == "dask-cluster":
            client = request.getfixturevalue("cluster_client")
            with warnings.catch_warnings():  # X goes to the workers once ("large graph")
                warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
                Xd, yd = client.persist([Xd, yd])
            with client.as_current():
                distributed.wait(distributed.futures_of([Xd, yd]))
            scheduler = client

        def run(k=ITERATIONS):
            return (dask_fit.linear_regression if model == "linear"
                    else dask_fit.logistic_regression)(Xd, yd, LEARNING_RATE, k,
                                                       scheduler=scheduler)

        def check(result):
            assert result.n_iter == ref.n_iter and result.reason == ref.reason
            np.testing.assert_allclose(result.theta, ref.theta, rtol=0, atol=SAME_FIT_ATOL)

    iters = GLM_ITERATIONS if impl == "dask-glm" else ITERATIONS
    measure(benchmark, run, check=check, budget_s=2.0)
    seconds = best_seconds(benchmark)
    if seconds is None:
        return
    if impl == "dask-glm":
        t_0 = 0.0  # no separate set-up pass: every iteration is the method's own work
    else:
        t_0 = _min_time(lambda: run(0))
    per_it = _per_iteration(seconds, t_0, iters)
    mems = _in_memory_per_iteration(model, X, y)
    mem = min(mems.values())  # the faster of the in-memory kernel's two passes, this run
    benchmark.extra_info.update(
        per_iteration_s=per_it,
        setup_and_check_pass_s=t_0,
        in_memory_serial_per_iteration_s=mems["serial"],
        in_memory_prange_per_iteration_s=mems["prange"],
        in_memory_per_iteration_s=mem,
        overhead_per_iteration_s=per_it - mem,
        speedup_vs_in_memory=mem / per_it if per_it > 0 else None,
        rows_per_s=m / per_it if per_it > 0 else None,
    )


# ---------------------------------------------------------------- out of core


@pytest.fixture(scope="module")
def npy_dataset(request):
    """X (m, 8) and y written chunk by chunk to .npy files in a temporary directory."""
    m = OOC_ROWS_QUICK if quick_mode(request.config) else OOC_ROWS_FULL
    tmp = tempfile.mkdtemp(prefix="gradspec-ooc-")
    try:
        xpath, ypath = os.path.join(tmp, "X.npy"), os.path.join(tmp, "y.npy")
        X = np.lib.format.open_memmap(xpath, mode="w+", dtype=np.float64, shape=(m, OOC_N))
        y = np.lib.format.open_memmap(ypath, mode="w+", dtype=np.float64, shape=(m,))
        w = np.linspace(-1.0, 1.0, OOC_N)
        step = 1 << 20
        for k, start in enumerate(range(0, m, step)):
            rng = np.random.default_rng([7, k])
            stop = min(m, start + step)
            Xb = rng.standard_normal((stop - start, OOC_N))
            X[start:stop] = Xb
            y[start:stop] = 0.5 + Xb @ w + 0.1 * rng.standard_normal(stop - start)
        X.flush()
        y.flush()
        del X, y
        yield xpath, ypath, m
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.parametrize("impl", ["dask-threads", "dask-cluster"])
def test_dask_out_of_core(benchmark, request, npy_dataset, impl):
    xpath, ypath, m = npy_dataset
    Xd = dask_fit.from_npy(xpath, MAX_CHUNK_ROWS)
    yd = dask_fit.from_npy(ypath, MAX_CHUNK_ROWS)
    scheduler = (request.getfixturevalue("cluster_client") if impl == "dask-cluster"
                 else "threads")
    benchmark.group = f"dask out-of-core {m}x{OOC_N}"
    benchmark.extra_info.update(kind="dask-ooc", impl=impl, m=m, n=OOC_N,
                                iterations=OOC_ITERATIONS, chunk_rows=MAX_CHUNK_ROWS,
                                x_bytes=m * OOC_N * 8)

    def run(k=OOC_ITERATIONS):
        return dask_fit.linear_regression(Xd, yd, LEARNING_RATE, k, scheduler=scheduler)

    def check(result):
        assert result.reason == "max_iterations" and np.all(np.isfinite(result.theta))
        assert result.cost_history[-1] < result.cost_history[0]

    measure(benchmark, run, check=check, budget_s=1.0, min_rounds=2)
    seconds = best_seconds(benchmark)
    if seconds is None:
        return
    passes = OOC_ITERATIONS + 2  # the checking pass, then one pass per iterate
    benchmark.extra_info.update(
        seconds_per_pass=seconds / passes,
        rows_per_s=m * passes / seconds,
        x_bytes_per_s=m * OOC_N * 8 * passes / seconds,
    )
