"""Several fresh processes, one page: ``bench/merge.py`` keeps each benchmark's best process,
the same processes for every peer of a case, only processes that measured the first one's
commit, and the first process's results when an extra one fails; ``gradspec bench`` runs the
processes and the report says how the figures were taken.

Synthetic JSONs only: no benchmark of the real suite is timed here (the suite is collected once,
to check which cases the extra processes repeat).
"""

import importlib
import json
import os
import re
import subprocess
import sys

import pytest

import gradspec.symbolic.bench_command as bc

ROOT = bc.find_project_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="needs the source checkout's bench/")

SHA = "a" * 40


@pytest.fixture(scope="module")
def bench():
    """``bench.merge`` and ``bench.report`` of this checkout (``bench`` is not installed)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        yield (importlib.import_module("bench.merge"), importlib.import_module("bench.report"))


def _regression(impl, seconds, case="linear-1e6x8", threads=2):
    info = dict(kind="regression", case=case, model=case.split("-")[0], m=1_000_000, n=8,
                iterations=100, impl=impl, threads=threads, x_bytes=64_000_000,
                fraction_of_limit=0.5)
    return {"name": f"test_regression[{case}-{impl}]", "group": f"regression {case}",
            "stats": {"min": seconds, "mean": seconds, "rounds": 3}, "extra_info": info}


def _limit_rows(gbps_t1, gbps_t2):
    nbytes = 1 << 30
    return [{"name": f"test_read_bandwidth[1024MiB-t{t}]", "group": "read bandwidth",
             "stats": {"min": nbytes / (g * 1e9)},
             "extra_info": dict(kind="bandwidth", nbytes=nbytes, threads=t, limit=True)}
            for t, g in ((1, gbps_t1), (2, gbps_t2))]


def _run(times, limit_gbps, sha=SHA, others=()):
    """A process's JSON: the regression peers at ``times`` (impl: seconds), its read limit."""
    benchmarks = [_regression(impl, s) for impl, s in times.items()]
    benchmarks += _limit_rows(33.0, limit_gbps) + list(others)
    limit = {"bytes": 1 << 30, "by_threads": {"1": 33e9, "2": limit_gbps * 1e9},
             "machine": max(33.0, limit_gbps) * 1e9}
    return {"benchmarks": benchmarks, "machine_info": {}, "datetime": "2026-01-01T00:00:00",
            "gradspec_run": {"commit": {"sha": sha, "dirty": False, "dirty_paths": []},
                             "quick": False, "load_average_start": 0.1,
                             "load_average_end": 0.2, "read_limit": limit}}


PEERS = ("gradspec-parallel", "numpy", "jax")
#: A case that only the first process times (its peers are not repeated).
SMALL = _regression("numpy", 0.01, case="linear-1e5x8")


def _by_name(merged):
    return {b["name"]: b for b in merged["benchmarks"]}


def test_each_benchmark_keeps_its_fastest_process(bench):
    merge, _ = bench
    slow = _run({"gradspec-parallel": 0.46, "numpy": 0.90, "jax": 1.30}, 30.7, others=[SMALL])
    fast = _run({"gradspec-parallel": 0.25, "numpy": 0.95, "jax": 1.10}, 63.3)
    mid = _run({"gradspec-parallel": 0.30, "numpy": 0.80, "jax": 1.20}, 45.0)
    merged = _by_name(merge.merge([slow, fast, mid], [0, 0, 0]))
    for impl, best, mins in (("gradspec-parallel", 0.25, [0.46, 0.25, 0.30]),
                             ("numpy", 0.80, [0.90, 0.95, 0.80]),
                             ("jax", 1.10, [1.30, 1.10, 1.20])):
        got = merged[f"test_regression[linear-1e6x8-{impl}]"]
        assert got["stats"]["min"] == best
        assert got["extra_info"]["process_mins"] == mins
        assert got["extra_info"]["processes"] == 3
    small = merged[SMALL["name"]]["extra_info"]
    assert small["processes"] == 1 and small["process_mins"] == [0.01, None, None]
    # the bandwidth limit rows are merged as benchmarks too: the fastest sum wins
    limit_row = merged["test_read_bandwidth[1024MiB-t2]"]
    assert limit_row["stats"]["min"] == pytest.approx((1 << 30) / 63.3e9)


def test_fractions_of_the_limit_use_the_highest_limit(bench):
    merge, _ = bench
    slow = _run({"gradspec-parallel": 0.46}, 30.7)
    fast = _run({"gradspec-parallel": 0.25}, 63.3)
    merged = merge.merge([slow, fast], [0, 0])
    limit = merged["gradspec_run"]["read_limit"]
    assert limit["by_threads"] == {"1": 33e9, "2": 63.3e9} and limit["machine"] == 63.3e9
    info = merged["benchmarks"][0]["extra_info"]
    rate = 100 * 64_000_000 / 0.25
    assert info["fraction_of_limit"] == pytest.approx(rate / 63.3e9)
    assert info["limit_gbps"] == pytest.approx(63.3)
    limits = [p["read_limit"]["machine"] for p in merged["gradspec_run"]["processes"]]
    assert limits == [33e9, 63.3e9]  # every process's limit is recorded, the lower one too
    fast["gradspec_run"]["load_average_end"] = 0.9
    assert merge.merge([slow, fast], [0, 0])["gradspec_run"]["load_average_end"] == 0.9


def test_the_peers_of_a_case_come_from_the_same_processes(bench):
    """An extra process that timed only some peers of a case (it crashed half-way, say) gives
    that case nothing: its faster NumPy must not be set against the others' single process."""
    merge, _ = bench
    first = _run({"gradspec-parallel": 0.46, "numpy": 0.90, "jax": 1.30}, 30.7)
    partial = _run({"gradspec-parallel": 0.40, "numpy": 0.50}, 60.0)
    merged = merge.merge([first, partial], [0, 1])
    rows = _by_name(merged)
    for impl in PEERS:
        info = rows[f"test_regression[linear-1e6x8-{impl}]"]["extra_info"]
        assert info["processes"] == 1 and info["process_mins"][1] is None
    assert rows["test_regression[linear-1e6x8-numpy]"]["stats"]["min"] == 0.90
    # the complete peer set of the same process (the bandwidth limit) still counts
    assert rows["test_read_bandwidth[1024MiB-t2]"]["extra_info"]["processes"] == 2
    note = merged["gradspec_run"]["processes"][1]["note"]
    assert "only some peers of regression linear-1e6x8" in note


def test_a_process_that_measured_another_commit_does_not_count(bench):
    merge, _ = bench
    first = _run({"gradspec-parallel": 0.46, "numpy": 0.90, "jax": 1.30}, 30.7)
    other = _run({"gradspec-parallel": 0.10, "numpy": 0.10, "jax": 0.10}, 90.0, sha="b" * 40)
    dirty = _run({"gradspec-parallel": 0.10, "numpy": 0.10, "jax": 0.10}, 90.0)
    dirty["gradspec_run"]["commit"].update(dirty=True, dirty_paths=["kernels/fitting.py"])
    merged = merge.merge([first, other, dirty], [0, 0, 0])
    for row in merged["benchmarks"]:
        assert row["extra_info"]["processes"] == 1, row["name"]
    assert merged["gradspec_run"]["read_limit"]["machine"] == 33e9
    processes = merged["gradspec_run"]["processes"]
    assert [p["counted"] for p in processes] == [True, False, False]
    assert processes[1]["note"] == "it measured commit bbbbbbbbbbbb, not the first process's"
    assert "uncommitted changes" in processes[2]["note"]


def test_a_failing_extra_process_leaves_the_first_ones_results(bench):
    merge, _ = bench
    first = _run({"gradspec-parallel": 0.46, "numpy": 0.90, "jax": 1.30}, 30.7)
    merged = merge.merge([first, None, None], [0, 1, 5])
    assert [b["stats"]["min"] for b in merged["benchmarks"]] == [
        b["stats"]["min"] for b in first["benchmarks"]]
    notes = [p["note"] for p in merged["gradspec_run"]["processes"]]
    assert notes == [None, "it wrote no results (pytest exit code 1)",
                     "no case of this selection is repeated"]
    with pytest.raises(ValueError, match="first process wrote no results"):
        merge.merge([None, first], [1, 0])


def test_the_page_says_how_the_figures_were_taken(tmp_path, bench):
    merge, report = bench
    runs = [_run({"gradspec-parallel": 0.46, "numpy": 0.9, "jax": 1.3}, 30.7, others=[SMALL]),
            _run({"gradspec-parallel": 0.25, "numpy": 0.9, "jax": 1.3}, 63.3)]
    path = tmp_path / "merged.json"
    path.write_text(json.dumps(merge.merge([*runs, None], [0, 0, 1])))
    page = report.render_markdown(report.load(path), plot_name=None)
    assert "- **Processes**: 3 fresh ones;" in page
    assert "Best of 2 processes: regression linear-1e6x8; bandwidth 1 GiB." in page
    assert "linear-1e5x8" not in page.split("Best of", 1)[1].split("\n", 1)[0]
    assert "- **Read limit**: 33.0–63.3 GB/s over 2 processes" in page
    assert "- **Process 3**: it wrote no results (pytest exit code 1)." in page
    assert ("**Limit used below: 63.3 GB/s** (2 threads, 1 GiB array, the highest of 2 "
            "processes)") in page
    spread = page.split("### Spread over processes", 1)[1].split("\n## ", 1)[0]
    assert ("| linear-1e6x8 | 250 ms – 460 ms (2) | — | — | 900 ms – 900 ms (2) | "
            "1.3 s – 1.3 s (2) |") in spread
    assert "linear-1e5x8" not in spread
    # a JSON of one process without these records (an older run) renders as before
    path.write_text(json.dumps(runs[0] | {"gradspec_run": {"load_average_start": 0.1}}))
    old = report.render_markdown(report.load(path), plot_name=None)
    assert "**Processes**" not in old and "**Read limit**" not in old


def test_bench_runs_extra_processes_and_survives_a_failing_one(tmp_path, monkeypatch, capsys):
    """``gradspec bench --processes 3``: the extra processes time only the repeated cases; the
    second fails without results, the page is still written from the others and says so, and
    the command returns the failing process's exit code."""
    runs = iter([(_run({"gradspec-parallel": 0.46, "numpy": 0.9, "jax": 1.3}, 30.7), 0),
                 (None, 1),
                 (_run({"gradspec-parallel": 0.25, "numpy": 0.8, "jax": 1.1}, 63.3), 0)])
    commands = []
    real_call = subprocess.call

    def call(command, **kw):
        if "pytest" not in command:  # bench.merge and bench.report run for real
            return real_call(command, **kw)
        commands.append(command)
        data, status = next(runs)
        if data is not None:
            json_arg = next(a for a in command if a.startswith("--benchmark-json="))
            with open(json_arg.split("=", 1)[1], "w") as fh:
                json.dump(data, fh)
        return status

    monkeypatch.setattr(bc.subprocess, "call", call)
    out = tmp_path / "page"
    assert bc.run(["--processes", "3", "--out", str(out), "--", "-k", "linear"]) == 1
    assert ["--bench-repeated-only" in c for c in commands] == [False, True, True]
    first_json = commands[0][5].split("=", 1)[1]
    assert all(c[-3:] == ["linear", "--bench-repeated-only", f"--bench-rounds-from={first_json}"]
               for c in commands[1:])
    page = (out / "results.md").read_text()
    assert "- **Process 2**: it wrote no results (pytest exit code 1)." in page
    rows = _by_name(json.loads((out / "results.json").read_text()))
    assert rows["test_regression[linear-1e6x8-gradspec-parallel]"]["extra_info"][
        "process_mins"] == [0.46, None, 0.25]
    assert bc.run(["--processes", "0", "--out", str(out)]) == 2
    assert "--processes: must be ≥ 1, got 0" in capsys.readouterr().err


def test_the_extra_processes_repeat_the_memory_bound_cases_for_every_peer():
    """Collected with ``--bench-repeated-only``: the regression cases from 1e6 rows with every
    implementation, growth from 1e6 rows, and the bandwidth limit's array at every thread
    count — and nothing else."""
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "bench", "--collect-only", "-q",
         "--bench-repeated-only", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={k: v for k, v in os.environ.items() if k != "GRADSPEC_BENCH_QUICK"},  # full run
    ).stdout
    ids = re.findall(r"::(\w+)\[([^\]]+)\]", collected)
    assert ids, collected
    by_test = {}
    for test, param in ids:
        by_test.setdefault(test, set()).add(param)
    assert set(by_test) == {"test_regression", "test_growth", "test_read_bandwidth"}
    regression = by_test["test_regression"]
    assert {p.rsplit("-", 1)[0] for p in regression if "1e6x" not in p} == set()
    for case in ("linear-1e6x8", "linear-1e6x32", "logistic-1e6x8", "logistic-1e6x32"):
        impls = {p[len(case) + 1:] for p in regression if p.startswith(case + "-")}
        assert impls == {"gradspec-serial", "gradspec-parallel", "gradspec-float32",
                         "numba-prange", "numba-prange-fastmath", "numpy", "jax"}, case
    assert {p.split("-")[1] for p in by_test["test_growth"]} == {"1e6x8", "1e7x8"}
    assert {p.split("-")[0] for p in by_test["test_read_bandwidth"]} == {"1024MiB"}


class _Benchmark:
    """The part of pytest-benchmark's fixture that ``measure`` uses."""

    name = "test_regression[linear-1e6x8-numpy]"

    def pedantic(self, fn, args, rounds, iterations, warmup_rounds):
        self.plan = (rounds, iterations)
        for _ in range(rounds * iterations):
            fn(*args)


def test_an_extra_process_times_with_the_first_ones_rounds(bench, monkeypatch):
    """Given the first process's rounds and iterations, a benchmark is timed exactly so, after
    the checked warm-up call and without the sizing call."""
    timing = importlib.import_module("bench.timing")
    calls, checked = [], []
    fn = calls.append
    unplanned = _Benchmark()
    timing.measure(unplanned, fn, 1, check=checked.append)
    assert len(calls) == 2 + unplanned.plan[0] * unplanned.plan[1]  # warm-up, sizing, rounds
    calls.clear()
    monkeypatch.setitem(timing.PLANNED, _Benchmark.name, (3, 2))
    planned = _Benchmark()
    timing.measure(planned, fn, 1, check=checked.append)
    assert planned.plan == (3, 2) and len(calls) == 1 + 3 * 2 and len(checked) == 2
