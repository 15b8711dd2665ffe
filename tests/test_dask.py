"""Linear and logistic fits on Dask arrays: the same fit as in memory, chunk by chunk.

Tolerances, named once:

* ``SAME_FIT_ATOL = 1e-10``: the bar for a Dask fit vs in-memory fit after the same
  number of iterations (θ, every cost of the history, ‖∇J‖).  Chunk boundaries that do not
  fall on the kernel's 2048-row blocks regroup the sums (a few ulp per pass), and ``"standard"``
  statistics combined over chunks differ from NumPy's in the last bits; nothing else differs.
* Bit-for-bit equality (``assert_array_equal``) where the module docstring promises it: chunks
  that are multiples of ``fused.BLOCK`` rows without scaling or with ``"minmax"``, and the same
  chunking under different schedulers (partials are added in row order on the client).

Every test runs under a wall-clock alarm (``TEST_TIMEOUT_S``) so that a stuck scheduler fails
the test instead of hanging the run; the cluster is one module-scoped ``LocalCluster`` with two
single-threaded worker processes (its start-up costs seconds).
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading

import numpy as np
import pytest
from helpers import BAD_FITS

import gradspec.kernels as gk
from gradspec.kernels import fused
from gradspec.symbolic.catalog import datasets

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

from gradspec.kernels import dask_fit  # noqa: E402  (after the skips: needs nothing, uses Dask)

SAME_FIT_ATOL = 1e-10
TEST_TIMEOUT_S = 120
CLUSTER_TIMEOUT_S = 60


# ---------------------------------------------------------------- no test may hang


@pytest.fixture(autouse=True)
def _alarm():
    """Fail (TimeoutError) a test still running after TEST_TIMEOUT_S seconds."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"test exceeded {TEST_TIMEOUT_S} s (see tests/test_dask.py)")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, TEST_TIMEOUT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 worker processes, 1 thread each, and a Client not set as default."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        timeout=CLUSTER_TIMEOUT_S,
    )
    c = distributed.Client(cluster, set_as_default=False, timeout=CLUSTER_TIMEOUT_S)
    try:
        c.wait_for_workers(2, timeout=CLUSTER_TIMEOUT_S)
        yield c
    finally:
        c.close(timeout=CLUSTER_TIMEOUT_S)
        cluster.close(timeout=CLUSTER_TIMEOUT_S)


# ---------------------------------------------------------------- data and helpers


def linear_data(m=4500, n=4, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n)) * [1.0, 3.0, 0.5, 2.0][:n] + [0.0, 5.0, -1.0, 2.0][:n]
    y = 0.7 + X @ np.linspace(-1.0, 1.5, n) + 0.1 * rng.standard_normal(m)
    return X, y


def logistic_data(m=4500, n=3, seed=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n)) * [1.0, 2.0, 0.5][:n] + [0.0, 1.0, -1.0][:n]
    p = 1.0 / (1.0 + np.exp(-(0.3 + X @ np.array([1.0, -1.0, 2.0])[:n])))
    y = (rng.random(m) < p).astype(float)
    return X, y


def chunked(X, y, rows, y_rows=None):
    return (da.from_array(X, chunks=(rows, -1)),
            da.from_array(y, chunks=(y_rows if y_rows is not None else rows,)))


def assert_same_fit(got, ref, exact=False):
    """The Dask fit is the in-memory fit: same steps and reason, θ/J/‖∇J‖ to SAME_FIT_ATOL."""
    assert (got.n_iter, got.reason, got.converged, got.failed_at, got.separated_at) == (
        ref.n_iter, ref.reason, ref.converged, ref.failed_at, ref.separated_at)
    assert got.model == ref.model and got.cost_convention == ref.cost_convention
    if exact:
        np.testing.assert_array_equal(got.theta, ref.theta)
        np.testing.assert_array_equal(got.cost_history, ref.cost_history)
        return
    np.testing.assert_allclose(got.theta, ref.theta, rtol=0, atol=SAME_FIT_ATOL)
    np.testing.assert_allclose(got.cost_history, ref.cost_history, rtol=0, atol=SAME_FIT_ATOL)
    np.testing.assert_allclose(got.grad_norm, ref.grad_norm, rtol=0, atol=SAME_FIT_ATOL)


FIT = {
    "linear": (linear_data, gk.linear_regression, 0.05, 40),
    "logistic": (logistic_data, gk.logistic_regression, 0.5, 40),
}

# rows per chunk for m = 4500: kernel-aligned (2 × 2048 + a ragged 404), one chunk, ragged
# 1000s (last 500), and an odd prime size with a 1-row remainder.
CHUNKINGS = [2048, 4500, 1000, 641]


# ---------------------------------------------------------------- import and dispatch


def test_importing_kernels_does_not_import_dask():
    code = ("import sys, gradspec.kernels, gradspec.kernels.regression; "
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_is_dask_collection_does_not_need_dask():
    assert dask_fit.is_dask_collection(da.zeros(3))
    assert not dask_fit.is_dask_collection(np.zeros(3))


# ---------------------------------------------------------------- local scheduler


@pytest.mark.parametrize("scale", [None, "minmax", "standard"])
@pytest.mark.parametrize("rows", CHUNKINGS)
@pytest.mark.parametrize("model", sorted(FIT))
def test_local_scheduler_equals_in_memory_fit(model, rows, scale):
    data, fit, alpha, iters = FIT[model]
    X, y = data()
    ref = fit(X, y, alpha, iters, scale=scale)
    got = fit(*chunked(X, y, rows), alpha, iters, scale=scale)
    assert_same_fit(got, ref, exact=rows % fused.BLOCK == 0 and scale != "standard")
    if scale is not None:
        assert got.scaling.method == scale
        same = np.testing.assert_array_equal if scale == "minmax" else np.testing.assert_allclose
        same(got.scaling.shift, ref.scaling.shift)
        same(got.scaling.span, ref.scaling.span)


@pytest.mark.parametrize("model", sorted(FIT))
def test_single_row_chunks_on_a_small_array(model):
    data, fit, alpha, iters = FIT[model]
    X, y = data(m=23)
    ref = fit(X, y, alpha, 15, scale="standard")
    assert_same_fit(fit(*chunked(X, y, 1), alpha, 15, scale="standard"), ref)


def test_schedulers_give_the_same_bits():
    X, y = linear_data()
    Xd, yd = chunked(X, y, 641)
    fits = []
    for scheduler in ("sync", "threads"):
        with dask.config.set(scheduler=scheduler):
            fits.append(gk.linear_regression(Xd, yd, 0.05, 20, scale="standard"))
    np.testing.assert_array_equal(fits[0].theta, fits[1].theta)
    np.testing.assert_array_equal(fits[0].cost_history, fits[1].cost_history)


def test_y_chunked_differently_is_rechunked_to_x():
    X, y = linear_data()
    ref = gk.linear_regression(X, y, 0.05, 30)
    got = gk.linear_regression(*chunked(X, y, 2048, y_rows=700), 0.05, 30)
    assert_same_fit(got, ref, exact=True)


def test_numpy_y_or_numpy_x_with_a_dask_partner():
    X, y = logistic_data()
    ref = gk.logistic_regression(X, y, 0.5, 20)
    Xd, yd = chunked(X, y, 1000)
    assert_same_fit(gk.logistic_regression(Xd, y, 0.5, 20), ref)
    assert_same_fit(gk.logistic_regression(X, yd, 0.5, 20), ref)


def test_column_chunks_one_dimensional_x_and_column_y():
    X, y = linear_data(n=4)
    ref = gk.linear_regression(X, y, 0.05, 20)
    Xd = da.from_array(X, chunks=(1000, 2))  # columns split: merged before the fit
    assert_same_fit(gk.linear_regression(Xd, da.from_array(y[:, None], chunks=(1000, 1)),
                                         0.05, 20), ref)
    ref1 = gk.linear_regression(X[:, 1], y, 0.01, 20, cost="mse")
    assert_same_fit(gk.linear_regression(da.from_array(X[:, 1], chunks=999), y, 0.01, 20,
                                         cost="mse"), ref1)


def test_integer_and_float32_chunks_are_converted():
    rng = np.random.default_rng(2)
    X = rng.integers(-5, 5, size=(300, 3))
    y = rng.integers(0, 10, size=300)
    ref = gk.linear_regression(X, y, 0.01, 30)
    for Xv, yv in [(X, y), (X.astype(np.float32), y.astype(np.float32))]:
        got = gk.linear_regression(da.from_array(Xv, chunks=(64, -1)),
                                   da.from_array(yv, chunks=64), 0.01, 30)
        assert_same_fit(got, ref)


@pytest.mark.parametrize("cost", gk.regression.COSTS)
def test_tol_theta0_history_and_cost_conventions(cost):
    X, y = linear_data(m=1500)
    kw = dict(tol=1e-3, cost=cost, scale="standard", theta0=[1.0, 0.5, -0.5, 0.2, 0.1],
              history=True)
    alpha = {"mse_half": 0.5, "mse": 0.25, "sse": 0.25 / X.shape[0]}[cost]
    ref = gk.linear_regression(X, y, alpha, 2000, **kw)
    got = gk.linear_regression(*chunked(X, y, 500), alpha, 2000, **kw)
    assert ref.reason == "converged" and ref.n_iter < 2000
    assert_same_fit(got, ref)
    np.testing.assert_allclose(got.path, ref.path, rtol=0, atol=SAME_FIT_ATOL)


def test_divergence_is_reported_at_the_same_step():
    X, y = linear_data()
    ref = gk.linear_regression(X, y, 5.0, 2000, history=True)
    got = gk.linear_regression(*chunked(X, y, 1000), 5.0, 2000, history=True)
    assert ref.reason == "diverged"
    assert got.failed_at == ref.failed_at and got.path.shape == ref.path.shape
    np.testing.assert_allclose(got.theta, ref.theta, rtol=1e-10)  # θ is huge just before
    np.testing.assert_allclose(got.cost_history, ref.cost_history, rtol=1e-10)
    assert np.isnan(got.grad_norm)


def test_separable_classes_are_reported_separable():
    x, y = datasets.PASS_FAIL_8
    ref = gk.logistic_regression(x, y, 0.5, 300, tol=1e-3, scale="standard")
    got = gk.logistic_regression(da.from_array(x, chunks=3), da.from_array(y, chunks=3), 0.5,
                                 300, tol=1e-3, scale="standard")
    assert ref.reason == "separable"
    assert_same_fit(got, ref)


def test_parallel_flag_is_accepted_and_changes_nothing():
    X, y = logistic_data()
    Xd, yd = chunked(X, y, 2048)
    a = gk.logistic_regression(Xd, yd, 0.5, 10, parallel=True)
    b = gk.logistic_regression(Xd, yd, 0.5, 10, parallel=False)
    np.testing.assert_array_equal(a.theta, b.theta)


# ---------------------------------------------------------------- on-disk chunks


def test_memory_mapped_npy_chunks(tmp_path):
    X, y = logistic_data()
    np.save(tmp_path / "X.npy", X)
    np.save(tmp_path / "y.npy", y)
    Xd = dask_fit.from_npy(tmp_path / "X.npy", 2048)
    yd = dask_fit.from_npy(tmp_path / "y.npy", 2048)
    assert Xd.chunks == ((2048, 2048, 404), (3,))
    ref = gk.logistic_regression(X, y, 0.5, 20, scale="minmax")
    assert_same_fit(gk.logistic_regression(Xd, yd, 0.5, 20, scale="minmax"), ref, exact=True)
    # what travels to a worker is the path, not the data
    assert len(pickle.dumps(Xd.dask)) < 20_000
    with pytest.raises(ValueError, match="rows_per_chunk"):
        dask_fit.from_npy(tmp_path / "X.npy", 0)


# ---------------------------------------------------------------- bad input




@pytest.mark.parametrize("X, y, kwargs, exc, words", BAD_FITS)
def test_bad_input_as_for_in_memory_fits(X, y, kwargs, exc, words):
    args = dict(learning_rate=0.1, num_iterations=10)
    args.update(kwargs)
    with pytest.raises(exc) as mem:
        gk.linear_regression(X, y, **args)
    Xd = da.from_array(X, chunks=(2,) + X.shape[1:])
    yd = da.from_array(y, chunks=(2,) + y.shape[1:])
    with pytest.raises(exc) as info:
        gk.linear_regression(Xd, yd, **args)
    assert words in str(info.value)
    if exc is ValueError and words.startswith(("X row", "4 rows", "no data")):
        assert str(info.value) == str(mem.value)  # the very same message


def test_first_bad_row_is_found_in_a_later_chunk():
    X, y = linear_data()
    X[3001, 2] = np.nan
    X[4100, 0] = np.inf
    with pytest.raises(ValueError) as mem:
        gk.linear_regression(X, y, 0.1, 5)
    with pytest.raises(ValueError) as info:
        gk.linear_regression(*chunked(X, y, 1000), 0.1, 5)
    assert "X row 3001" in str(info.value) and "(2 bad row(s) in all)" in str(info.value)
    assert str(info.value) == str(mem.value)


@pytest.mark.parametrize("bad, row", [([0, 1, 2, 0], 2), ([0, 1, -1, 1], 2), ([0.5, 1, 0, 1], 0)])
def test_labels_outside_0_1_are_refused(bad, row):
    with pytest.raises(ValueError, match=rf"labels must be 0 or 1, but y\[{row}\]"):
        gk.logistic_regression(da.from_array(np.arange(4.0), chunks=1),
                               da.from_array(np.array(bad, float), chunks=1), 0.1, 10)


def test_unknown_chunk_sizes_are_refused_with_the_remedy():
    X, y = linear_data(m=100)
    Xd = da.from_array(X, chunks=(30, -1))
    Xd = Xd[Xd[:, 0] > -10.0]  # boolean indexing: chunk sizes unknown (NaN)
    with pytest.raises(ValueError, match=r"compute_chunk_sizes\(\)"):
        gk.linear_regression(Xd, y, 0.1, 5)
    assert_same_fit(gk.linear_regression(Xd.compute_chunk_sizes(), y, 0.05, 10),
                    gk.linear_regression(X, y, 0.05, 10))


def test_other_dask_collections_are_refused_with_a_hint():
    import dask.bag

    bag = dask.bag.from_sequence([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="must be a dask.array.Array"):
        gk.linear_regression(bag, np.ones(3), 0.1, 5)


# ---------------------------------------------------------------- a LocalCluster of 2 processes


@pytest.mark.parametrize("model, rows, scale", [
    ("linear", 2048, None),
    ("linear", 1000, "standard"),
    ("logistic", 641, "minmax"),
    ("logistic", 2048, "standard"),
])
def test_local_cluster_equals_in_memory_fit(client, model, rows, scale):
    data, fit, alpha, iters = FIT[model]
    X, y = data()
    ref = fit(X, y, alpha, 20, scale=scale)
    Xd, yd = client.persist(list(chunked(X, y, rows)))
    with dask.config.set(scheduler=client):  # through the public dispatch
        got = fit(Xd, yd, alpha, 20, scale=scale)
    assert_same_fit(got, ref, exact=rows % fused.BLOCK == 0 and scale != "standard")
    # the cluster adds the same partials in the same order as the local scheduler
    local = fit(*chunked(X, y, rows), alpha, 20, scale=scale)
    np.testing.assert_array_equal(got.theta, local.theta)


@pytest.mark.parametrize("model", sorted(FIT))
def test_local_cluster_single_row_chunks(client, model):
    data, fit, alpha, _ = FIT[model]
    X, y = data(m=9)
    ref = fit(X, y, alpha, 5, scale="standard")
    fn = dask_fit.linear_regression if model == "linear" else dask_fit.logistic_regression
    assert_same_fit(fn(*chunked(X, y, 1), alpha, 5, scale="standard", scheduler=client), ref)


def test_local_cluster_reads_npy_chunks_itself(client, tmp_path):
    X, y = linear_data()
    np.save(tmp_path / "X.npy", X)
    np.save(tmp_path / "y.npy", y)
    got = dask_fit.linear_regression(dask_fit.from_npy(tmp_path / "X.npy", 1000),
                                     dask_fit.from_npy(tmp_path / "y.npy", 1000), 0.05, 10,
                                     scheduler=client)
    assert_same_fit(got, gk.linear_regression(X, y, 0.05, 10))


def read_count(path) -> int:
    if not os.path.exists(path):
        return 0
    with open(path) as fh:
        return int(fh.read())


def _killing_loader(data, chunk, counter, kill_on_call, client_pid):
    """Return a chunk loader that kills its worker process on its ``kill_on_call``-th call.

    Used for one chunk: the count lives in a file (workers are separate processes), and the
    kill happens only in a worker, never in the test process.
    """

    def load():
        calls = read_count(counter) + 1
        with open(counter, "w") as fh:
            fh.write(str(calls))
        if calls == kill_on_call and os.getpid() != client_pid:
            os._exit(1)  # the worker process dies mid-fit, with this chunk's task running
        return data[chunk]

    return load


def test_a_worker_killed_mid_fit_does_not_change_the_result(client, tmp_path):
    X, y = logistic_data(m=4000)
    rows = 1000
    counter = str(tmp_path / "calls")
    parts = []
    for k in range(4):
        sl = slice(k * rows, (k + 1) * rows)
        if k == 2:
            load = _killing_loader(X, sl, counter, kill_on_call=4, client_pid=os.getpid())
            parts.append(da.from_delayed(dask.delayed(load, pure=False)(), (rows, 3), float))
        else:
            parts.append(da.from_array(X[sl], chunks=(rows, -1)))
    Xd = da.concatenate(parts)  # chunk 2 is loaded again in every pass (not persisted)
    yd = client.persist(da.from_array(y, chunks=rows))
    undisturbed = dask_fit.logistic_regression(*chunked(X, y, rows), 0.5, 12, scale="standard",
                                               scheduler="sync")
    got = dask_fit.logistic_regression(Xd, yd, 0.5, 12, scale="standard", scheduler=client)
    calls = read_count(counter)
    assert calls >= 13 + 1 + 1  # 1 checking pass + 13 descent passes + the killed call, redone
    np.testing.assert_array_equal(got.theta, undisturbed.theta)
    np.testing.assert_array_equal(got.cost_history, undisturbed.cost_history)
    client.wait_for_workers(2, timeout=CLUSTER_TIMEOUT_S)  # the nanny restarted the worker
