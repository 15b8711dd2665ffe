"""Cost growth: time per iteration of linear and logistic regression at m = 1e3 … 1e7, n = 8.

One pass over X per iteration means time ∝ m (exponent ~1.0 on a log-log fit, done by
``bench.report``); the curve bends where X leaves a cache level.  gradspec's driver and the
NumPy peer are timed at each size, fewer iterations at the large sizes (the per-iteration time
is what counts).  gradspec's θ is checked against NumPy's first.
"""

import numba

from .bandwidth import streaming_info
from .cases import case_param, growth_cases, quick_mode, repeated_min_rows
from .regression_runs import checked_call
from .timing import best_seconds, measure

IMPLEMENTATIONS = ["gradspec", "numpy"]


def pytest_generate_tests(metafunc):
    if {"growth_case", "impl"} <= set(metafunc.fixturenames):
        quick = quick_mode(metafunc.config)
        params = [
            case_param(case, impl, id=f"{case.label}-{impl}",
                       repeated=case.m >= repeated_min_rows(quick))
            for case in growth_cases(quick)
            for impl in IMPLEMENTATIONS
        ]
        metafunc.parametrize(("growth_case", "impl"), params)


def test_growth(benchmark, read_limit, growth_case, impl):
    case = growth_case
    threads = numba.get_num_threads()
    benchmark.group = f"growth {case.model}"
    fn, args, check = checked_call(
        benchmark, case, impl, kind="growth", threads=threads, x_bytes=case.x_bytes
    )
    measure(benchmark, fn, *args, check=check, budget_s=0.5)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["per_iteration_s"] = seconds / case.iterations
        benchmark.extra_info.update(
            streaming_info(seconds, case.x_bytes, case.iterations, threads, read_limit)
        )
