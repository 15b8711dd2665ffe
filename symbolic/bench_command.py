"""``gradspec bench``: run the benchmark suite and write the docs' results page and plot.

The suite lives in the repository's ``bench/`` (it is not installed with the package), so
this command works from a source checkout installed in editable mode
(``pip install -e '.[bench]'``): it runs the ``bench/`` of the checkout *this* gradspec was
installed from — never a ``bench/`` found elsewhere, which would time one version's kernels
with another version's suite.  From a wheel install it says that it needs a checkout and
exits with status 2.

It runs ``pytest bench --benchmark-only --benchmark-json=<file>`` in a subprocess; then, with
``--processes K`` (3 by default, 1 with ``--quick``), K − 1 more fresh processes that time only
the memory-bound multi-threaded cases (``--bench-repeated-only``, with the first process's
rounds: ``--bench-rounds-from``): on a virtual machine the speed of two threads streaming
memory can differ by 2× between processes and stays put within one, so one process samples
that mode once.  ``python -m bench.merge`` keeps, per benchmark, the process with the lowest
minimum (and records every process's); an extra process that fails leaves the others'
results, and the page says so.  ``python -m bench.report`` on the merged file writes
``results.md`` and ``speedup.png`` and copies the file beside them as ``results.json``.
pytest-benchmark writes into a new temporary directory outside the checkout: the checkout
stays exactly as committed while the suite runs (every process records its commit at the
start, and only a run of a clean checkout may become the published page), and a run that
writes no JSON leaves nothing for the report to mistake for its own — the previous page and
its ``results.json`` stay as they were.  The suite compares gradspec's kernels with NumPy,
JAX, plain Numba loops and plain Python in one run and measures the machine's read bandwidth.
A benchmark whose result disagrees with its reference fails; the report is still written from
everything that ran, and the command returns pytest's non-zero exit code.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .cli import count_at_least


def find_project_root(module_file: str | Path = __file__) -> Path | None:
    """The source checkout this gradspec was installed from, if it holds ``bench/``; else None.

    An editable install maps ``gradspec.symbolic`` to ``<checkout>/symbolic``, so the
    checkout is the parent of this file's directory.  The working directory is not searched.
    """
    candidate = Path(module_file).resolve().parents[1]
    return candidate if (candidate / "bench" / "conftest.py").is_file() else None


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error (no usage dump), as the rest of the command."""

    def error(self, message):
        sys.stderr.write(f"gradspec bench: {message} (try `gradspec bench --help`)\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The command-line options of ``gradspec bench``."""
    parser = _Parser(
        prog="gradspec bench",
        description="Run the benchmark suite (kernels vs NumPy, JAX, Python; read bandwidth) "
        "and write results.md and speedup.png.",
        epilog="Arguments after `--` go to pytest, e.g. `gradspec bench -- -k regression "
        "--benchmark-save=baseline` or `-- --benchmark-compare`.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes only (a CI smoke run of a minute or two)",
    )
    parser.add_argument(
        "--processes",
        type=count_at_least(1),
        default=None,
        metavar="K",
        help="fresh processes for the memory-bound multi-threaded cases: the first runs the "
        "whole suite, the others only those cases; each benchmark keeps its best process "
        "(default 3, 1 with --quick)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="directory for results.md, speedup.png and results.json "
        "(default: docs/benchmarks in the checkout)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="also keep a copy of the run's pytest-benchmark JSON here (OUT/results.json "
        "holds the run the page shows)",
    )
    parser.add_argument(
        "pytest_args",
        nargs="*",
        help="extra pytest arguments (after `--`)",
    )
    return parser


def run(argv: list[str]) -> int:
    """Run the suite, then the report writer.

    Parameters
    ----------
    argv : list of str
        Arguments after ``gradspec bench`` (see ``build_parser``).

    Returns
    -------
    int
        0 when every benchmark ran and the report was written; otherwise pytest's exit code
        (or the report writer's, or 2 when no checkout with ``bench/`` is found).
    """
    from pytest import ExitCode

    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already printed
        return exc.code if isinstance(exc.code, int) else 2
    root = find_project_root()
    if root is None:
        print(
            "gradspec bench needs a source checkout: the benchmark suite (bench/) is not "
            "installed with the package. Clone the repository, `pip install -e '.[bench]'` "
            "from it, and run `gradspec bench` again.",
            file=sys.stderr,
        )
        return 2
    processes = args.processes if args.processes is not None else 1 if args.quick else 3
    out = (args.out or root / "docs" / "benchmarks").resolve()
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="gradspec-bench-"))
    json_path = scratch / "results.json"  # a new directory: no earlier run's file is there

    options = (["--bench-quick"] if args.quick else []) + args.pytest_args
    runs = []  # (JSON, pytest exit code) per process, the full run first
    for k in range(processes):
        run_json = scratch / f"process-{k + 1}.json"
        command = [sys.executable, "-m", "pytest", "bench", "--benchmark-only",
                   f"--benchmark-json={run_json}", *options]
        if k:  # the repeated cases only, each timed with the first process's rounds
            command += ["--bench-repeated-only", f"--bench-rounds-from={runs[0][0]}"]
        print(f"$ {' '.join(command)}   # process {k + 1} of {processes}", flush=True)
        runs.append((run_json, subprocess.call(command, cwd=root)))
        if not runs[0][0].exists():
            break
    status = runs[0][1]

    if not runs[0][0].exists():
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"no benchmark results were written (pytest exit code {status}); {out} is "
              "unchanged", file=sys.stderr)
        return status or 1
    merge = [sys.executable, "-m", "bench.merge", str(json_path)]
    for run_json, code in runs:
        merge += ["--run", str(run_json), str(code)]
    if subprocess.call(merge, cwd=root) != 0:
        print("the processes' results could not be merged: the page shows the first "
              "process's", file=sys.stderr)
        shutil.copyfile(runs[0][0], json_path)
    if args.json is not None:
        args.json.resolve().parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(json_path, args.json)
    report = [sys.executable, "-m", "bench.report", str(json_path), "--out", str(out)]
    report_status = subprocess.call(report, cwd=root)
    if report_status == 0:
        shutil.rmtree(scratch, ignore_errors=True)
    else:
        print(f"the run's JSON is kept at {json_path}: write its page elsewhere with "
              f"`python -m bench.report {json_path} --out DIR`", file=sys.stderr)
    # an extra process with nothing to repeat (pytest's "no tests collected") is no failure
    fine = (0, ExitCode.NO_TESTS_COLLECTED)
    status = status or next((code for _, code in runs[1:] if code not in fine), 0)
    if status != 0:
        print(
            f"pytest exit code {status}: some benchmarks failed (a result that disagreed with "
            "its reference, or a missing optional library); the report shows them as '—'.",
            file=sys.stderr,
        )
    return status or report_status


def main() -> int:
    """Entry point for ``python -m gradspec.symbolic.bench_command``."""
    return run(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
