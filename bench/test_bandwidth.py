"""The limit: read bandwidth of this machine, a streaming sum from inside L2 to beyond L3.

The largest size (1 GiB; 256 MiB under ``--bench-quick``) is the limit the data kernels are
reported against; the smaller ones show where the curve bends as the array leaves the caches.
"""

from .bandwidth import stream_array, stream_sum, thread_counts
from .cases import MiB, bandwidth_sizes, case_param, quick_mode
from .timing import best_seconds, measure


def pytest_generate_tests(metafunc):
    if "nbytes" in metafunc.fixturenames:
        sizes = bandwidth_sizes(quick_mode(metafunc.config))
        # the limit (the largest array) is measured again in every fresh process
        metafunc.parametrize("nbytes", [case_param(s, id=f"{s // MiB}MiB", repeated=s == sizes[-1])
                                        for s in sizes])
        threads = thread_counts()
        metafunc.parametrize("threads", threads, ids=[f"t{t}" for t in threads])


def test_read_bandwidth(benchmark, request, nbytes, threads):
    a = stream_array(nbytes)
    benchmark.group = "read bandwidth"
    is_limit = nbytes == bandwidth_sizes(quick_mode(request.config))[-1]
    benchmark.extra_info.update(kind="bandwidth", nbytes=nbytes, threads=threads, limit=is_limit)

    def check(total):
        assert total == a.size, f"streaming sum gave {total}, expected {a.size}"

    measure(benchmark, stream_sum, a, threads, check=check, budget_s=0.5, min_rounds=5)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["gbps"] = nbytes / seconds / 1e9
