"""pytest configuration of the benchmark suite.

Adds ``--bench-quick`` (small sizes only: the CI smoke run) and ``--bench-repeated-only`` (only
the cases marked ``repeated``: what ``gradspec bench --processes K`` times again in each extra
fresh process), records the machine into the benchmark JSON, and measures the read-bandwidth
limit once per process for the data kernels (recorded in the JSON as well).
"""

import json
import os
import subprocess
import warnings
from pathlib import Path

import pytest
from pytest_benchmark.logger import PytestBenchmarkWarning

from . import machine, timing
from .bandwidth import measure_read_bandwidth, thread_counts
from .cases import REPEATED, bandwidth_sizes, quick_mode


def pytest_addoption(parser):
    group = parser.getgroup("gradspec benchmarks")
    group.addoption(
        "--bench-quick",
        action="store_true",
        default=False,
        help="small sizes only (CI smoke run); also set by GRADSPEC_BENCH_QUICK=1",
    )
    group.addoption(
        "--bench-repeated-only",
        action="store_true",
        default=False,
        help=f"only the cases marked {REPEATED!r} (memory-bound, multi-threaded), as "
        "`gradspec bench --processes K` runs them in its extra fresh processes",
    )
    group.addoption(
        "--bench-rounds-from",
        default=None,
        metavar="JSON",
        help="time each benchmark with the rounds and iterations it had in this benchmark "
        "JSON (an earlier process of the same run)",
    )


def pytest_configure(config):
    # pytest-benchmark's own warnings ("no benchmarks have been run", "machine_info is
    # different" when comparing runs) are information about the run, not failures: shown,
    # never turned into errors by the project's filterwarnings = ["error"], which would abort
    # the session before the JSON is written.  A benchmark that fails before timing (a peer
    # that disagrees) leaves its fixture unused; that warning would only
    # repeat the real failure, so it is dropped.  Later lines take precedence.  The ini lines
    # reach the per-test warning contexts; the direct filter reaches the session-wide context
    # pytest entered before this hook, in which pytest-benchmark's session-finish code runs.
    config.addinivalue_line(
        "markers", f"{REPEATED}: timed again in each extra fresh process of `gradspec bench`"
    )
    rounds_from = config.getoption("--bench-rounds-from")
    if rounds_from:
        benchmarks = json.loads(Path(rounds_from).read_text())["benchmarks"]
        timing.PLANNED.update({b["name"]: (b["stats"]["rounds"], b["stats"]["iterations"])
                               for b in benchmarks})
    warnings.filterwarnings("default", category=PytestBenchmarkWarning)
    config.addinivalue_line(
        "filterwarnings", "default::pytest_benchmark.logger.PytestBenchmarkWarning"
    )
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Benchmark fixture was not used:pytest_benchmark.logger.PytestBenchmarkWarning",
    )


def pytest_collection_modifyitems(config, items):
    """Under ``--bench-repeated-only``, deselect every case not marked ``REPEATED``."""
    if not config.getoption("--bench-repeated-only"):
        return
    keep = [item for item in items if item.get_closest_marker(REPEATED)]
    dropped = [item for item in items if not item.get_closest_marker(REPEATED)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


_LOAD = {}


def pytest_sessionstart(session):
    _LOAD["start"] = _load_average()
    _LOAD["commit"] = _commit()


def _commit(root: Path | None = None):
    """The checkout's commit, whether it had uncommitted changes, and which tracked paths.

    ``dirty_paths`` lists the tracked files that differ from the commit (``git status``), so a
    page refused for uncommitted changes can say which.  All three are None outside git.
    """
    root = root or Path(__file__).resolve().parents[1]
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=30, check=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                cwd=root, capture_output=True, text=True, timeout=30,
                                check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {"sha": None, "dirty": None, "dirty_paths": None}
    paths = sorted(line[3:] for line in status.splitlines() if line.strip())
    return {"sha": sha, "dirty": bool(paths), "dirty_paths": paths}


def _load_average():
    """1-minute load average (None where the OS has none): other work sharing the machine."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def pytest_benchmark_update_machine_info(config, machine_info):
    """Record the hardware (CPU model, cores, caches, Numba threads) with every saved run.

    Only what identifies the machine goes here: pytest-benchmark warns when a compared run's
    ``machine_info`` differs, so what changes from run to run is in ``gradspec_run`` instead.
    """
    machine_info["gradspec_bench"] = machine.hardware()


def pytest_benchmark_update_json(config, benchmarks, output_json):
    """Record the run: commit, mode, which cases, library versions, machine load at start and
    end, and the read-bandwidth limit this process measured (bytes/s by thread count)."""
    output_json["gradspec_run"] = {
        "commit": _LOAD.get("commit") or _commit(),
        "quick": quick_mode(config),
        "repeated_only": config.getoption("--bench-repeated-only"),
        "versions": machine.versions(),
        "load_average_start": _LOAD.get("start"),
        "load_average_end": _load_average(),
        "read_limit": _LOAD.get("read_limit"),
    }


@pytest.fixture(scope="session")
def read_limit(request):
    """Read bandwidth (bytes/s) by thread count, over the largest streaming-sum array.

    Measured once per process, best of 5 sums, with the same kernels as ``test_bandwidth``,
    and recorded in the JSON (``gradspec_run["read_limit"]``, thread counts as strings).
    """
    nbytes = bandwidth_sizes(quick_mode(request.config))[-1]
    limits = {t: measure_read_bandwidth(nbytes, t) for t in thread_counts()}
    limit = {"bytes": nbytes, "by_threads": limits, "machine": max(limits.values())}
    _LOAD["read_limit"] = {**limit, "by_threads": {str(t): v for t, v in limits.items()}}
    return limit
