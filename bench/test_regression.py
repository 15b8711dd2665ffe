"""Batch gradient descent over data: gradspec's fused kernels against their peers.

Linear (half MSE) and logistic (log-loss) regression, 100 plain steps from θ = 0 at
learning rate 0.1, on the same seeded X and y for every implementation:

- ``gradspec-serial``: the public driver with ``parallel=False`` (the serial fused kernel,
  Numba limited to one thread); ``gradspec-parallel``: ``parallel=True`` (the ``prange``
  kernel on all of Numba's threads — 2 on the reference machine);
- ``gradspec-float32``: the parallel kernel on X stored as float32 (half the bytes; sums in
  float64), checked against NumPy's float64 fit to ``FLOAT32_RTOL``;
- ``numpy``: vectorised NumPy (BLAS matrix-vector products);
- ``numba-prange``: the plainest parallel Numba loop (a ``prange`` over row chunks, no cost
  history, no divergence or separation check) — what gradspec's checks cost is the gap to it;
  ``numba-prange-fastmath``: the same loop with ``fastmath=True``, a peer only (gradspec's
  tested kernels never use it: it assumes NaN and inf do not occur);
- ``jax``: ``jax.jit`` + ``lax.fori_loop`` on the CPU, float64;
- ``python``: plain loops over lists (at m ≤ 1000 only).

Each result's θ is checked (``REGRESSION_RTOL``) before its time counts: gradspec against
NumPy, the peers against gradspec.  Every result records
bytes of X streamed per second and the fraction of the read bandwidth measured in this run.
"""

import numba

from .bandwidth import streaming_info
from .cases import PYTHON_MAX_ROWS, case_param, quick_mode, regression_cases, repeated_min_rows
from .regression_runs import checked_call, threads_limited
from .timing import best_seconds, measure


def implementations(case):
    """Implementations timed for ``case``: gradspec's two fused kernels, then the peers."""
    impls = ["gradspec-serial", "gradspec-parallel", "gradspec-float32", "numba-prange",
             "numba-prange-fastmath", "numpy", "jax"]
    if case.m <= PYTHON_MAX_ROWS:
        impls.append("python")
    return impls


def pytest_generate_tests(metafunc):
    if {"case", "impl"} <= set(metafunc.fixturenames):
        quick = quick_mode(metafunc.config)
        params = [
            case_param(case, impl, id=f"{case.label}-{impl}",
                       repeated=case.m >= repeated_min_rows(quick))
            for case in regression_cases(quick)
            for impl in implementations(case)
        ]
        metafunc.parametrize(("case", "impl"), params)


def test_regression(benchmark, read_limit, case, impl):
    # the peers ignore Numba's thread count; BLAS and XLA use their own pools
    threads = 1 if impl == "gradspec-serial" else numba.get_num_threads()
    x_bytes = case.x_bytes // 2 if impl == "gradspec-float32" else case.x_bytes
    benchmark.group = f"regression {case.label}"
    fn, args, check = checked_call(
        benchmark, case, impl, kind="regression", threads=threads, x_bytes=x_bytes
    )
    with threads_limited(threads):
        measure(benchmark, fn, *args, check=check)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info.update(
            streaming_info(seconds, x_bytes, case.iterations, threads, read_limit)
        )
