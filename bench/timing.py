"""Warm up, check, then time: the one way every benchmark in the suite is measured.

``measure`` calls the function once untimed (Numba compiles, JAX traces, caches fill), hands
that result to the caller's check, calls it again to size the run (unless an earlier process of
the same run already did: ``PLANNED``), and only then times it with ``benchmark.pedantic`` — so
compilation is never timed and an unchecked result never counts.  The report uses the minimum
over rounds (the run least disturbed by other processes).
"""

from math import ceil
from time import perf_counter

#: Seconds of timed calls to aim for per benchmark (at least ``MIN_ROUNDS`` rounds are run).
BUDGET_S = 1.0
MIN_ROUNDS = 3
MAX_ROUNDS = 200
#: A round shorter than this repeats the call (pytest-benchmark's ``iterations``) so the
#: timer's resolution and the loop's own overhead stay below 1 %.
MIN_ROUND_S = 1e-4
#: ``{benchmark name: (rounds, iterations)}`` chosen by an earlier process of the same run
#: (``--bench-rounds-from``): an extra fresh process times each benchmark as the first one did,
#: without the sizing call.
PLANNED: dict[str, tuple[int, int]] = {}


def measure(benchmark, fn, *args, check=None, budget_s=BUDGET_S, min_rounds=MIN_ROUNDS):
    """Time ``fn(*args)`` after a warm-up call whose result ``check`` must accept.

    Parameters
    ----------
    benchmark : pytest_benchmark.fixture.BenchmarkFixture
    fn : callable
    *args
        Arguments, prepared before this call (no conversion is timed).
    check : callable, optional
        Called with the warm-up result; it raises (fails the test) if the result is wrong,
        before any time is recorded.
    budget_s : float
        Approximate total timed seconds.
    min_rounds : int
        Rounds run however long one call takes.

    Returns
    -------
    object
        The warm-up call's result.
    """
    result = fn(*args)
    if check is not None:
        check(result)
    planned = PLANNED.get(getattr(benchmark, "name", None))
    if planned is not None:
        rounds, iterations = planned
    else:
        t0 = perf_counter()
        fn(*args)
        once = max(perf_counter() - t0, 1e-9)
        iterations = max(1, ceil(MIN_ROUND_S / once))
        rounds = int(min(MAX_ROUNDS, max(min_rounds, budget_s / (once * iterations))))
    benchmark.pedantic(fn, args=args, rounds=rounds, iterations=iterations, warmup_rounds=0)
    return result


def best_seconds(benchmark) -> float | None:
    """Minimum seconds per call of a finished benchmark (None when timing is disabled)."""
    stats = getattr(benchmark, "stats", None)
    if stats is None:
        return None
    return float(stats.stats.min)
