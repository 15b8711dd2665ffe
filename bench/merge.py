"""Merge the benchmark JSONs of several fresh processes into the one the page is written from.

Usage::

    python -m bench.merge OUT.json --run FIRST.json STATUS [--run EXTRA.json STATUS ...]

The first run is the whole suite; each extra one timed only the cases marked ``repeated``
(``--bench-repeated-only``: the memory-bound, multi-threaded cases, whose speed on a virtual
machine can differ by 2× between processes while staying put within one).  ``STATUS`` is the
process's pytest exit code; a missing file means the process wrote no results.

For each benchmark of the first run the merged JSON keeps the whole entry (statistics and
``extra_info``) of the process with the lowest minimum, and adds to its ``extra_info``
``process_mins`` (each process's minimum, None where it did not run the benchmark) and
``processes`` (how many did).  The peers of a case (the same ``group`` and ``case``, or array
size for the bandwidth) take their results from the same processes: an extra process that timed
only some of them gives none.  An extra process counts only if it measured the same commit in
the same mode as the first.  ``gradspec_run["processes"]`` says, per process, its exit code,
whether it counted and why not, its load average and its read-bandwidth limit;
``gradspec_run["read_limit"]`` is the highest limit per thread count over the processes that
counted, and every *fraction of the limit* is recomputed against it; the run's
``load_average_end`` is its last process's.
"""

import argparse
import copy
import json
import sys
from pathlib import Path

from pytest import ExitCode

from .bandwidth import streaming_info


def _min(bench: dict) -> float:
    return float(bench["stats"]["min"])


def _peer_key(bench: dict) -> tuple:
    """Benchmarks timed as peers of one case: same group, same case (or array size)."""
    info = bench.get("extra_info", {})
    return bench.get("group"), info.get("case"), info.get("nbytes")


def _limit(run_info: dict) -> dict | None:
    """A process's recorded read limit with integer thread counts, or None."""
    limit = run_info.get("read_limit")
    if not limit:
        return None
    return {**limit, "by_threads": {int(t): v for t, v in limit["by_threads"].items()}}


def _highest(limits: list[dict]) -> dict | None:
    """The highest limit per thread count (and over all) among ``limits``."""
    if not limits:
        return None
    by_threads = {}
    for limit in limits:
        for t, v in limit["by_threads"].items():
            by_threads[t] = max(v, by_threads.get(t, 0.0))
    return {"bytes": limits[0]["bytes"], "by_threads": by_threads,
            "machine": max(limit["machine"] for limit in limits)}


def _why_not(run: dict | None, status: int, first_info: dict) -> str | None:
    """Why an extra process's results do not count (None: they do)."""
    if run is None:
        if status == ExitCode.NO_TESTS_COLLECTED:
            return "no case of this selection is repeated"
        return f"it wrote no results (pytest exit code {status})"
    info = run.get("gradspec_run", {})
    if info.get("commit") != first_info.get("commit"):
        sha = (info.get("commit") or {}).get("sha")
        mark = "" if not (info.get("commit") or {}).get("dirty") else " with uncommitted changes"
        return f"it measured commit {(sha or 'unknown')[:12]}{mark}, not the first process's"
    if info.get("quick") != first_info.get("quick"):
        return "it ran in another mode (quick or full) than the first process"
    return None


def merge(runs: list[dict | None], statuses: list[int]) -> dict:
    """The merged pytest-benchmark JSON of ``runs`` (the first: the whole suite).

    Parameters
    ----------
    runs : list of dict or None
        Each process's JSON (None: it wrote none), the full run first.
    statuses : list of int
        Each process's pytest exit code.

    Returns
    -------
    dict
        The first run with each benchmark taken from the process with the lowest minimum, its
        per-process minima recorded, and the processes described (see the module docstring).

    Raises
    ------
    ValueError
        When the first run is missing (there is nothing to merge into).
    """
    if not runs or runs[0] is None:
        raise ValueError("the first process wrote no results: nothing to merge into")
    merged = copy.deepcopy(runs[0])
    first_info = merged.setdefault("gradspec_run", {})
    first = merged.get("benchmarks", [])
    peers = {}
    for bench in first:
        peers.setdefault(_peer_key(bench), set()).add(bench["name"])

    processes, usable = [], {}
    for k, (run, status) in enumerate(zip(runs, statuses, strict=True)):
        info = (run or {}).get("gradspec_run", {})
        why = None if k == 0 else _why_not(run, status, first_info)
        entry = {"status": status, "counted": why is None, "note": why,
                 "commit": (info.get("commit") or {}).get("sha"),
                 "load_average_start": info.get("load_average_start"),
                 "load_average_end": info.get("load_average_end"),
                 "read_limit": info.get("read_limit")}
        if why is None:
            by_name = {b["name"]: b for b in run.get("benchmarks", [])}
            partial = sorted({f"{key[0]} {key[1] or key[2] or ''}".strip()
                              for key, names in peers.items()
                              if 0 < len(names & by_name.keys()) < len(names)})
            for names in peers.values():
                if not names <= by_name.keys():
                    for name in names:
                        by_name.pop(name, None)
            usable[k] = by_name
            if partial:
                entry["note"] = ("timed only some peers of " + ", ".join(partial)
                                 + ": those cases are from the other processes")
        processes.append(entry)

    limit = _highest([lim for k in usable if (lim := _limit(runs[k]["gradspec_run"]))])
    for i, bench in enumerate(first):
        mins = [_min(usable[k][bench["name"]]) if bench["name"] in usable.get(k, {}) else None
                for k in range(len(runs))]
        best = min((k for k, m in enumerate(mins) if m is not None), key=lambda k: mins[k])
        chosen = copy.deepcopy(usable[best][bench["name"]])
        info = chosen.setdefault("extra_info", {})
        info["process_mins"] = mins
        info["processes"] = sum(m is not None for m in mins)
        if limit and "fraction_of_limit" in info:
            info.update(streaming_info(_min(chosen), info["x_bytes"], info["iterations"],
                                       info["threads"], limit))
        first[i] = chosen
    first_info["processes"] = processes
    # the run ends with its last process (the first one's end is in ``processes``)
    ends = [p["load_average_end"] for p in processes if p["load_average_end"] is not None]
    if ends:
        first_info["load_average_end"] = ends[-1]
    if limit:
        first_info["read_limit"] = {**limit,
                                    "by_threads": {str(t): v
                                                   for t, v in limit["by_threads"].items()}}
    return merged


def _read(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text())
    except FileNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.merge",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the merged JSON to write")
    parser.add_argument("--run", nargs=2, action="append", required=True,
                        metavar=("JSON", "STATUS"),
                        help="a process's JSON and its pytest exit code, the full run first")
    args = parser.parse_args(argv)
    runs = [_read(Path(path)) for path, _ in args.run]
    statuses = [int(status) for _, status in args.run]
    try:
        merged = merge(runs, statuses)
    except ValueError as exc:
        print(f"bench.merge: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(json.dumps(merged, indent=4))
    for k, entry in enumerate(merged["gradspec_run"]["processes"]):
        if entry["note"]:
            print(f"process {k + 1}: {entry['note']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
