"""The machine's read-bandwidth limit: a streaming sum over an array larger than the caches.

A sum reads every byte once and does one add per 8 bytes, so its speed is the rate at which
memory delivers data — the ceiling for any kernel that streams X once per iteration.  The
kernels below are the measuring instrument, not code under test, so they may use
``fastmath={"reassoc"}``: without reassociation a sum is one chain of dependent adds and
measures the add latency instead of the memory.
"""

from functools import lru_cache
from time import perf_counter

import numba
import numpy as np
from numba import njit, prange

_FAST = {"reassoc", "contract"}


@njit(fastmath=_FAST, cache=True)
def stream_sum_serial(a):
    """Sum of a 1-D float64 array on one thread (vectorised by LLVM)."""
    s = 0.0
    for i in range(a.size):
        s += a[i]
    return s


@njit(fastmath=_FAST, parallel=True, cache=True)
def stream_sum_parallel(a):
    """Sum of a 1-D float64 array over Numba's threads (a ``prange`` scalar reduction)."""
    s = 0.0
    for i in prange(a.size):
        s += a[i]
    return s


@lru_cache(maxsize=1)
def stream_array(nbytes: int) -> np.ndarray:
    """An array of ones of ``nbytes`` bytes, its pages touched (so no timing pays a page fault).

    The sum is then exactly its length, which each measurement checks.
    """
    a = np.ones(nbytes // 8)
    a.setflags(write=False)
    return a


def stream_sum(a: np.ndarray, threads: int) -> float:
    """Sum ``a`` with ``threads`` Numba threads (1: the serial kernel)."""
    if threads == 1:
        return stream_sum_serial(a)
    previous = numba.get_num_threads()
    numba.set_num_threads(threads)
    try:
        return stream_sum_parallel(a)
    finally:
        numba.set_num_threads(previous)


def measure_read_bandwidth(nbytes: int, threads: int, repeats: int = 5) -> float:
    """Best read bandwidth in bytes per second over ``repeats`` sums of an ``nbytes`` array.

    Parameters
    ----------
    nbytes : int
        Array size; choose it far larger than the last-level cache to measure memory.
    threads : int
        Numba threads (at most ``numba.config.NUMBA_NUM_THREADS``).
    repeats : int
        Timed sums after one untimed warm-up (which compiles the kernel).

    Returns
    -------
    float
        ``nbytes / min(time)``.
    """
    a = stream_array(nbytes)
    if stream_sum(a, threads) != a.size:
        raise RuntimeError("streaming sum is wrong: the bandwidth measurement cannot be trusted")
    best = float("inf")
    for _ in range(repeats):
        t0 = perf_counter()
        stream_sum(a, threads)
        best = min(best, perf_counter() - t0)
    return a.nbytes / best


def thread_counts() -> list[int]:
    """1, 2 and all of Numba's threads, as far as this machine has them."""
    available = numba.config.NUMBA_NUM_THREADS
    return sorted({1, min(2, available), available})


def streaming_info(seconds: float, x_bytes: int, iterations: int, threads: int, limit) -> dict:
    """Bytes of X streamed per second by a data kernel, against the measured limit.

    Parameters
    ----------
    seconds : float
        Best time of one call (``iterations`` passes over X).
    x_bytes : int
        ``X.nbytes``.
    iterations : int
        Passes over X in one call.
    threads : int
        Threads the kernel ran on (selects the like-for-like limit).
    limit : dict
        The session's ``read_limit`` fixture.

    Returns
    -------
    dict
        ``x_gbps``, ``limit_gbps`` (machine: best over thread counts), ``fraction_of_limit``,
        and the same against the limit measured with ``threads`` threads.
    """
    rate = iterations * x_bytes / seconds
    machine_limit = limit["machine"]
    same = limit["by_threads"].get(threads, machine_limit)
    return {
        "x_gbps": rate / 1e9,
        "limit_gbps": machine_limit / 1e9,
        "fraction_of_limit": rate / machine_limit,
        "limit_same_threads_gbps": same / 1e9,
        "fraction_of_limit_same_threads": rate / same,
        "limit_array_bytes": limit["bytes"],
    }
