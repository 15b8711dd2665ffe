"""The benchmark page: `gradspec bench` publishes a run of a clean checkout, and the report
(`bench/report.py`) shows every kind of benchmark the suite records, with its targets.

No benchmark of the real suite runs here: the end-to-end test runs `gradspec bench` on a
one-benchmark suite in a temporary git repository, and the report is fed synthetic runs.
"""

import importlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gradspec.symbolic.bench_command as bc

ROOT = bc.find_project_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="needs the source checkout's bench/")


@pytest.fixture(scope="module")
def report():
    """``bench.report`` of this checkout (``bench`` is a package beside ``tests``, not
    installed)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.report")


def _git(repo, *args) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=gradspec", "-c", "user.email=bench@example.invalid", *args],
        cwd=repo, check=True, capture_output=True, text=True, timeout=60,
    ).stdout.rstrip()


#: The one benchmark of the fake suite.
ONE_BENCHMARK = '''
def test_one(benchmark):
    benchmark.extra_info.update(kind="scalar", impl="gradspec", iterations=25)
    benchmark(sum, [1.0, 2.0])
'''
#: The fake checkout's machine is quiet: the load average is the only thing not under test.
QUIET = '''"""A quiet machine for the fake run: the 1-minute load average reads 0."""
import os

os.getloadavg = lambda: (0.0, 0.0, 0.0)
'''


def _checkout(path):
    """A committed checkout with the real bench/ (report, conftest) and a one-benchmark suite,
    and a previously published results.json, as the repository tracks it."""
    (path / "bench").mkdir(parents=True)
    for source in (ROOT / "bench").glob("*.py"):
        if not source.name.startswith("test_"):
            shutil.copy(source, path / "bench" / source.name)
    (path / "bench" / "test_one.py").write_text(ONE_BENCHMARK)
    (path / "conftest.py").write_text(QUIET)
    (path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n")
    published = path / "docs" / "benchmarks"
    published.mkdir(parents=True)
    (published / "results.json").write_text('{"benchmarks": []}\n')
    _git(path, "init", "-q")
    _git(path, "add", "-A")
    _git(path, "commit", "-qm", "a checkout")
    return published


def test_bench_publishes_a_run_of_a_clean_checkout(tmp_path, monkeypatch):
    """The suite runs on the checkout exactly as committed (its JSON is written outside it),
    so the run is publishable; the page, its plot and the raw JSON land in docs/benchmarks."""
    repo = tmp_path / "checkout"
    published = _checkout(repo)
    monkeypatch.setattr(bc, "find_project_root", lambda: repo)
    kept = tmp_path / "kept" / "run.json"

    assert bc.run(["--json", str(kept), "--", "-q", "-p", "no:cacheprovider"]) == 0

    head = _git(repo, "rev-parse", "HEAD")
    data = json.loads((published / "results.json").read_text())
    assert data["gradspec_run"]["commit"] == {"sha": head, "dirty": False, "dirty_paths": []}
    assert [b["name"] for b in data["benchmarks"]] == ["test_one"]
    assert json.loads(kept.read_text()) == data
    page = (published / "results.md").read_text()
    assert "Not a reference run" not in page and f"`{head[:12]}`" in page
    assert (published / "speedup.png").stat().st_size > 0
    # What the run changed in the checkout is the published page only.
    changed = _git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert {line[3:] for line in changed} == {"docs/benchmarks/results.json",
                                             "docs/benchmarks/results.md",
                                             "docs/benchmarks/speedup.png"}


def test_a_run_that_writes_no_json_leaves_the_published_page(tmp_path, monkeypatch):
    """No JSON from pytest: no report, and the previous run's files stay as they were."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("previous run")
    calls = []
    monkeypatch.setattr(bc.subprocess, "call", lambda command, **kw: calls.append(command) or 4)
    assert bc.run(["--out", str(out)]) == 4
    assert len(calls) == 1 and "pytest" in calls[0]
    assert (out / "results.json").read_text() == "previous run"
    assert sorted(p.name for p in out.iterdir()) == ["results.json"]


def test_a_refused_report_keeps_the_run(tmp_path, monkeypatch, capsys):
    """When the report refuses the page (a busy machine, say), the run's JSON is kept and
    named, so that its page can still be written elsewhere."""
    out = tmp_path / "out"

    def call(command, **kw):
        if "pytest" in command:
            json_arg = next(a for a in command if a.startswith("--benchmark-json="))
            Path(json_arg.split("=", 1)[1]).write_text('{"benchmarks": []}')
            return 0
        return 3  # bench.report: not a reference run

    monkeypatch.setattr(bc.subprocess, "call", call)
    assert bc.run(["--out", str(out)]) == 3
    kept = re.search(r"kept at (\S+results\.json)", capsys.readouterr().err)
    assert kept and Path(kept[1]).read_text() == '{"benchmarks": []}'
    assert not Path(kept[1]).is_relative_to(ROOT) and not (out / "results.json").exists()
    shutil.rmtree(Path(kept[1]).parent)


def test_dirty_paths_are_recorded_and_named(tmp_path, report):
    conftest = importlib.import_module("bench.conftest")
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in "abcdefg":
        (repo / f"{name}.txt").write_text(name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "files")
    assert conftest._commit(repo)["dirty_paths"] == []
    (repo / "b.txt").write_text("changed")
    (repo / "untracked.txt").write_text("not tracked: not a change to the measured code")
    commit = conftest._commit(repo)
    assert commit["dirty"] is True and commit["dirty_paths"] == ["b.txt"]

    run = report.Run(machine_info={}, datetime="",
                     run_info={"load_average_start": 0.1, "commit": commit})
    ok, why = report.publishable(run)
    assert not ok and why == "the checkout had uncommitted changes to `b.txt`"
    commit = {**commit, "dirty_paths": [f"{n}.txt" for n in "abcdefg"]}
    run.run_info["commit"] = commit
    assert report.commit_text(run).endswith(
        "with uncommitted changes to `a.txt`, `b.txt`, `c.txt`, `d.txt`, `e.txt` and 2 more")


def test_every_kind_the_suite_records_has_a_section(report):
    """A kind written by a benchmark in bench/ but shown by no section is measured in vain."""
    recorded = set()
    for path in (ROOT / "bench").glob("test_*.py"):
        recorded |= set(re.findall(r'\bkind="([\w-]+)"', path.read_text()))
    assert {"regression", "network", "arrays", "call", "dask", "dask-ooc"} <= recorded
    shown = {kind for s in report.SECTIONS for kind in getattr(s, "kinds", ())}
    assert recorded <= shown, f"no section for {sorted(recorded - shown)}"


def _bench(name, seconds, **info):
    return {"name": name, "stats": {"min": seconds}, "extra_info": info}


def _synthetic_run():
    """Networks, arrays and single calls with known ratios."""
    benchmarks = []
    for impl, per_epoch in (("gradspec", 1.0), ("numpy", 2.5), ("jax", 0.5)):
        benchmarks.append(_bench(f"net-{impl}", 5 * per_epoch, kind="network", case="digits",
                                 m=1797, impl=impl, epochs=5, batch=32, layers=[64, 32, 10],
                                 seconds_per_epoch=per_epoch))
    arrays = {"sigmoid": {"gradspec": 1.0, "numpy": 3.0, "scipy": 4.0, "jax": 2.0},
              "tanh": {"gradspec": 1.0, "numpy": 2.0},  # JAX did not run
              "sauna_grad": {"gradspec": 2.0, "numpy": 1.0}}  # JAX did not run, NumPy won
    for case, times in arrays.items():
        for impl, ns in times.items():
            benchmarks.append(_bench(f"{case}-{impl}", ns * 1e-3, kind="arrays", case=case,
                                     impl=impl, points=1_000_000, ns_per_element=ns))
    for case, ns in (("sigmoid", 900.0), ("sauna_grad", 1100.0)):
        benchmarks.append(_bench(f"call-{case}", ns * 1e-9, kind="call", case=case,
                                 impl="gradspec", ns_per_call=ns))
    return {"benchmarks": benchmarks, "gradspec_run": {"load_average_start": 0.1}}


def test_network_and_array_targets(tmp_path, report):
    path = tmp_path / "run.json"
    path.write_text(json.dumps(_synthetic_run()))
    found = {target: (measured, ok) for target, measured, ok in report.targets(report.load(path))}
    assert found["network digits: ≥ 3× NumPy"] == ("2.50×", False)
    assert found["network digits: faster than JAX"] == ("0.50×", False)
    assert found["σ(x) on arrays: ahead of NumPy, SciPy and JAX"] == (
        "3.00× NumPy, 4.00× SciPy, 2.00× JAX", True)
    assert found["tanh(x) on arrays: ahead of NumPy and JAX"] == ("2.00× NumPy, — JAX", None)
    assert found["sauna ∇T(x, y) on arrays: ahead of NumPy and JAX"][1] is False
    assert found["one call `sigmoid.f(0.3)` ≤ 1 µs"][1] is True
    assert found["one call `sauna.grad(0.5, 0.6)` ≤ 1 µs"][1] is False

    markdown, plot, raw = report.write(path, tmp_path / "page")
    page = markdown.read_text()
    for heading in ("Training a network", "Arrays through", "One call from Python"):
        section = page.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
        assert "Not measured." not in section, heading
    assert "| digits | 1,797 | 32 | 5 | 1 s | 2.5 s | 500 ms | 2.50× | 0.50× |" in page
    assert "| σ(x) (1e6) | 1 ns |" in page
    assert plot.stat().st_size > 0 and json.loads(raw.read_text()) == _synthetic_run()
