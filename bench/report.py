"""Turn a pytest-benchmark JSON into the docs' benchmark page and plot.

Usage::

    python -m bench.report RUN.json [--out docs/benchmarks]

writes ``results.md`` (Markdown tables: machine, read bandwidth, batch gradient descent against
the peers, cost growth with the fitted exponent, network training, array throughput and the
cost of one call, start-up, scalar descent, multistart, memory, fits on Dask arrays, and the
speed targets with what was measured), ``speedup.png`` (speed-up against the peers per case;
bytes of X per second against the read-bandwidth limit; time per iteration against m) and
``results.json`` (a copy of RUN.json: the raw numbers of the run the page shows).  Every
number is the minimum over a benchmark's rounds.  Benchmarks that did not run (a peer that
disagreed, a missing optional library) appear as "—".

The page names the commit it measured and the 1-minute load average at the start and the end
of the run.  A run that started at a load of ``QUIET_LOAD`` or more (or an unknown load, or
with uncommitted changes) is marked as such at the top of the page, and is refused as the
published page (``docs/benchmarks``) unless ``--allow-busy`` is given.
"""

import argparse
import json
import math
import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path

from . import machine
from .cases import ARRAY_CASES, ARRAY_PEERS, sci

DASH = "—"

#: A run that starts at this 1-minute load average or above shared the machine: not publishable.
QUIET_LOAD = 0.5
#: Where the published page lives (relative to the checkout).
PUBLISHED = Path("docs") / "benchmarks"


# -- reading -------------------------------------------------------------------------------------


@dataclass
class Run:
    """The benchmarks of one JSON file, by kind (``extra_info["kind"]``)."""

    machine_info: dict
    datetime: str
    run_info: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)

    def of(self, kind: str) -> list[dict]:
        """Benchmarks of ``kind``: each its ``extra_info`` plus ``seconds`` (min over rounds)."""
        return self.by_kind.get(kind, [])


def load(path: Path) -> Run:
    """Read a ``--benchmark-json`` file."""
    data = json.loads(Path(path).read_text())
    run = Run(
        machine_info=data.get("machine_info", {}),
        datetime=data.get("datetime", ""),
        run_info=data.get("gradspec_run", {}),
    )
    for bench in data.get("benchmarks", []):
        info = dict(bench.get("extra_info", {}))
        info["seconds"] = float(bench["stats"]["min"])
        info["name"] = bench.get("name", "")
        run.by_kind.setdefault(info.get("kind", "other"), []).append(info)
    return run


def _find(rows, **match):
    """The first row whose fields equal ``match``, or None."""
    for row in rows:
        if all(row.get(k) == v for k, v in match.items()):
            return row
    return None


# -- formatting ----------------------------------------------------------------------------------


def fmt_time(seconds) -> str:
    """Seconds with a readable unit (ns, µs, ms, s), three significant digits."""
    if seconds is None:
        return DASH
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def fmt_ratio(value) -> str:
    """Two decimals, or two significant digits below 0.1 (0.0023×, not 0.00×)."""
    if value is None:
        return DASH
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.2g}×"


def fmt_num(value, digits=3, unit=1.0) -> str:
    """``value / unit`` to ``digits`` significant digits (unit 1e6: millions)."""
    return DASH if value is None else f"{value / unit:.{digits}g}"


def fmt_pct(value) -> str:
    return DASH if value is None else f"{100 * value:.0f} %"


def _threads(count: int) -> str:
    return f"{count} thread{'s' * (count != 1)}"


def fmt_rows(m: int) -> str:
    """Row counts as in the case names: 1000 -> 1e3, 4000000 -> 4e6, 1797 -> 1,797."""
    text = sci(m)
    return text if "e" in text else f"{m:,}"


def fmt_shape(m: int, n: int) -> str:
    """An m × n data shape: ``1e6 × 8``."""
    return f"{fmt_rows(m)} × {n}"


def fmt_bytes(nbytes) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if nbytes >= scale:
            return f"{nbytes / scale:.3g} {unit}"
    return f"{nbytes} B"


def _ratio(a, b):
    """a / b, or None when either is missing."""
    return None if a is None or b is None else a / b


def _seconds(row):
    return None if row is None else row["seconds"]


def _described(text: str, header: list[str], rows: list[list[str]]) -> list[str]:
    """A section's body: a paragraph that says what was measured, then its table."""
    return [text, "", table(header, rows), ""]


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


# -- analysis ------------------------------------------------------------------------------------


def fit_exponent(sizes, seconds):
    """Least-squares slope of log(seconds) against log(size): the cost-growth exponent.

    Returns None with fewer than two points.
    """
    points = [(math.log(m), math.log(t)) for m, t in zip(sizes, seconds, strict=True) if t]
    if len(points) < 2:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    sxx = sum((p[0] - mx) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    return sxy / sxx


def cache_level(nbytes: int, caches: dict) -> str:
    """The smallest cache level ``nbytes`` fits in (by the sizes the OS reports), or memory."""
    for name in ("L1d", "L2", "L3"):
        if name in caches and nbytes <= caches[name]:
            return name
    return "memory"


def bandwidth_limit(run: Run):
    """(bytes/s, threads, array bytes): the read limit the *fraction of the limit* figures use.

    That is the limit the run recorded (over several fresh processes, the highest); a JSON
    without it falls back to the best streaming-sum benchmark over the largest array.
    """
    recorded = run.run_info.get("read_limit")
    if recorded:
        threads, best = max(recorded["by_threads"].items(), key=lambda item: item[1])
        return best, int(threads), recorded["bytes"]
    rows = [r for r in run.of("bandwidth") if r.get("limit")]
    if not rows:
        return None
    best = max(rows, key=lambda r: r["nbytes"] / r["seconds"])
    return best["nbytes"] / best["seconds"], best["threads"], best["nbytes"]


def _gradspec_best(rows, case):
    """The fastest float64 gradspec variant (serial or parallel kernel) for ``case``."""
    variants = [r for r in rows if r["case"] == case and r["impl"].startswith("gradspec")
                and r["impl"] != "gradspec-float32"]
    return min(variants, key=lambda r: r["seconds"]) if variants else None


def _per_iteration(rows, model, m, impl):
    """Seconds per iteration of ``impl`` at ``m`` rows, or None."""
    row = _find(rows, model=model, m=m, impl=impl)
    return None if row is None else row.get("per_iteration_s")


def _distinct(rows, *fields):
    """The distinct values of ``fields`` (a tuple when more than one), in the run's order."""
    seen = []
    for r in rows:
        value = tuple(r.get(f) for f in fields) if len(fields) > 1 else r.get(fields[0])
        if value not in seen:
            seen.append(value)
    return seen


def _values(rows, field, impls, **match):
    """``{impl: row[field]}`` of the row of each of ``impls`` matching ``match`` (None where
    that implementation did not run)."""
    rows_of = {impl: _find(rows, impl=impl, **match) for impl in impls}
    return {impl: None if row is None else row.get(field) for impl, row in rows_of.items()}


def _verdict(value, bound, strict=False):
    """Whether ``value`` meets ``bound`` (≥, or > when ``strict``); None when not measured."""
    if value is None:
        return None
    return value > bound if strict else value >= bound


def _regression_cases(rows):
    return sorted(_distinct(rows, "case"), key=lambda c: (c.split("-")[0], _case_size(rows, c)))


def _case_size(rows, case):
    row = _find(rows, case=case)
    return (row["m"], row["n"])


# -- the page ------------------------------------------------------------------------------------


def publishable(run: Run) -> tuple[bool, str]:
    """Whether the run may be the published page, and why not.

    It must have started on a quiet machine (1-minute load average below ``QUIET_LOAD``) and
    measured a known commit with no uncommitted changes.
    """
    load = run.run_info.get("load_average_start")
    commit = run.run_info.get("commit") or {}
    if load is None:
        return False, "the load average at the start is unknown"
    if load >= QUIET_LOAD:
        return False, (f"it started at a load average of {load:.2f} (≥ {QUIET_LOAD}): other "
                       "work shared the cores")
    if not commit.get("sha"):
        return False, "the commit it measured is unknown"
    if commit.get("dirty"):
        return False, "the checkout had " + _changes(commit)
    return True, ""


def _changes(commit: dict, most: int = 5) -> str:
    """"uncommitted changes", naming the first ``most`` changed paths when the run recorded them."""
    paths = commit.get("dirty_paths") or []
    named = ", ".join(f"`{p}`" for p in paths[:most])
    more = f" and {len(paths) - most} more" if len(paths) > most else ""
    return "uncommitted changes" + (f" to {named}{more}" if paths else "")


def commit_text(run: Run) -> str:
    commit = run.run_info.get("commit") or {}
    sha = commit.get("sha")
    if not sha:
        return "unknown"
    return f"`{sha[:12]}`" + (f" with {_changes(commit)}" if commit.get("dirty") else "")


def machine_section(run: Run) -> list[str]:
    info = run.machine_info.get("gradspec_bench") or {}
    cpu = info.get("cpu_model") or run.machine_info.get("cpu", {}).get("brand_raw")
    cpu = cpu or machine.cpu_model()
    cores = info.get("cores") or machine.core_count()
    caches = info.get("caches") or machine.cache_sizes()
    versions = run.run_info.get("versions") or machine.versions()
    when = run.datetime or datetime.now(UTC).isoformat(timespec="seconds")
    cache_text = ", ".join(f"{k} {fmt_bytes(v)}" for k, v in caches.items()) or "unknown"
    version_text = ", ".join(f"{k} {v}" for k, v in versions.items())
    mode = "quick (small sizes only)" if run.run_info.get("quick") else "full"
    load = [run.run_info.get("load_average_start"), run.run_info.get("load_average_end")]
    load_text = " → ".join(DASH if v is None else f"{v:.2f}" for v in load)
    ok, why = publishable(run)
    banner = [] if ok else [
        f"> **Not a reference run**: {why}. Compare ratios within this run only.",
        "",
    ]
    return [
        "# Benchmark results",
        "",
        *banner,
        f"- **Commit measured**: {commit_text(run)}",
        f"- **Machine**: {cpu}, {cores} cores; caches (as reported by the OS): {cache_text}",
        f"- **Run**: {when} ({mode} run); Numba threads: {info.get('numba_threads', DASH)}; "
        f"1-minute load average at start → end: {load_text} (a reference run starts below "
        f"{QUIET_LOAD}; above 0 means other work shared the cores: multi-threaded numbers "
        "suffer most)",
        f"- **Versions**: {version_text}",
        "- **Method**: every time is the minimum over rounds, after an untimed warm-up call "
        "(compilation is never timed); every peer's result was checked equal to the kernel's "
        "(tolerance in `bench/cases.py`) before its time was recorded. Other processes may "
        "have shared the machine: compare runs with `--benchmark-compare`.",
        *process_lines(run),
        "",
    ]


def _repeated(run: Run) -> dict:
    """``{kind: [case, ...]}`` of the benchmarks timed in more than one process, and the
    smallest and largest number of processes among them."""
    found, counts = {}, []
    for kind, rows in run.by_kind.items():
        for row in rows:
            if (row.get("processes") or 1) > 1:
                label = (fmt_bytes(row["nbytes"]) if kind == "bandwidth"
                         else row.get("case", row["name"]))
                if label not in found.setdefault(kind, []):
                    found[kind].append(label)
                counts.append(row["processes"])
    return {"cases": found, "counts": (min(counts), max(counts)) if counts else None}


def process_lines(run: Run) -> list[str]:
    """How the run's figures were taken, when it recorded its processes (else nothing).

    Over K fresh processes: which cases are the best of how many, the read limit's spread over
    the processes (the fractions of the limit use the highest), and what went wrong with any.
    """
    processes = run.run_info.get("processes")
    if not processes:
        return []
    if len(processes) == 1:
        return ["- **Processes**: one. Memory-bound multi-threaded figures sample once the "
                "speed two threads get from memory, which on a virtual machine can differ by "
                "2× between processes (`gradspec bench --processes K` takes the best of K)."]
    repeated = _repeated(run)
    low, high = repeated["counts"] or (1, 1)
    best_of = f"{low}" if low == high else f"{low}–{high}"
    cases = "; ".join(f"{kind} {', '.join(labels)}"
                      for kind, labels in repeated["cases"].items()) or "none"
    lines = [f"- **Processes**: {len(processes)} fresh ones; the first ran the whole suite, "
             "the others only the memory-bound multi-threaded cases (every implementation of "
             f"a case alike). Best of {best_of} processes: {cases}. Every other figure is "
             "from the first process."]
    limits = [p["read_limit"]["machine"] for p in processes
              if p.get("counted") and p.get("read_limit")]
    if len(limits) > 1:
        lines.append(f"- **Read limit**: {min(limits) / 1e9:.1f}–{max(limits) / 1e9:.1f} GB/s "
                     f"over {len(limits)} processes; *% of bandwidth* is against the highest.")
    lines += [f"- **Process {k + 1}**: {p['note']}." for k, p in enumerate(processes)
              if p.get("note")]
    return lines


def section(kind: str, heading: str, also: tuple[str, ...] = ()):
    """A section of the page: ``## heading``, then what the decorated ``body(rows, run)`` writes
    of the benchmarks of ``kind`` (and of the kinds in ``also``), or "Not measured." when the
    run has none of them.

    The decorated name renders the whole section from a run: ``growth_section(run)``; its
    ``kinds`` attribute says which benchmarks it shows."""
    kinds = (kind, *also)

    def decorate(body):
        @wraps(body)
        def render(run: Run) -> list[str]:
            rows = [row for k in kinds for row in run.of(k)]
            return [f"## {heading}", "", *(body(rows, run) if rows else ["Not measured.", ""])]

        render.kinds = kinds
        return render

    return decorate


@section("bandwidth", "Read bandwidth (the limit)")
def bandwidth_section(rows, run: Run) -> list[str]:
    threads = sorted({r["threads"] for r in rows})
    sizes = sorted({r["nbytes"] for r in rows})
    caches = (run.machine_info.get("gradspec_bench") or {}).get("caches", {})
    body = []
    for size in sizes:
        cells = [fmt_bytes(size), cache_level(size, caches)]
        for t in threads:
            row = _find(rows, nbytes=size, threads=t)
            cells.append(fmt_num(None if row is None else size / row["seconds"] / 1e9))
        body.append(cells)
    header = ["array", "fits in"] + [f"{_threads(t)} (GB/s)" for t in threads]
    limit = bandwidth_limit(run)
    out = [
        "A streaming sum (one read of every byte, Numba, `prange` for more than one thread).",
        "",
        table(header, body),
        "",
    ]
    if limit:
        counted = sum(bool(p.get("counted")) for p in run.run_info.get("processes") or [])
        over = f", the highest of {counted} processes" if counted > 1 else ""
        out += [
            f"**Limit used below: {limit[0] / 1e9:.1f} GB/s** ({_threads(limit[1])}, "
            f"{fmt_bytes(limit[2])} array{over}).",
            "",
        ]
    return out


@section("regression", "Batch gradient descent over data (100 iterations)")
def regression_section(rows, run: Run) -> list[str]:
    variants = sorted({r["impl"] for r in rows if r["impl"].startswith("gradspec")},
                      key=lambda v: (v != "gradspec-serial", v))
    header = (
        ["case (m × n)"]
        + [v.replace("-", " ") for v in variants]
        + ["plain prange", "prange fastmath", "NumPy", "JAX", "Python", "vs plain prange",
           "vs NumPy", "vs JAX", "X GB/s", "% of bandwidth"]
    )
    body = []
    for case in _regression_cases(rows):
        best = _gradspec_best(rows, case)
        numpy_s = _seconds(_find(rows, case=case, impl="numpy"))
        jax_s = _seconds(_find(rows, case=case, impl="jax"))
        python_s = _seconds(_find(rows, case=case, impl="python"))
        plain_s = _seconds(_find(rows, case=case, impl="numba-prange"))
        fast_s = _seconds(_find(rows, case=case, impl="numba-prange-fastmath"))
        cells = [case]
        cells += [fmt_time(_seconds(_find(rows, case=case, impl=v))) for v in variants]
        cells += [fmt_time(plain_s), fmt_time(fast_s), fmt_time(numpy_s), fmt_time(jax_s),
                  fmt_time(python_s)]
        cells += [
            fmt_ratio(_ratio(plain_s, _seconds(best))),
            fmt_ratio(_ratio(numpy_s, _seconds(best))),
            fmt_ratio(_ratio(jax_s, _seconds(best))),
            fmt_num(None if best is None else best.get("x_gbps")),
            fmt_pct(None if best is None else best.get("fraction_of_limit")),
        ]
        body.append(cells)
    return _described(
        "Fixed step 0.1 from θ = 0, `tol=None`. *plain prange*: the simplest parallel Numba "
        "loop (no cost history, no divergence or separation check); *prange fastmath*: the "
        "same with `fastmath=True` — peers that show what gradspec's checks cost, not kernels "
        "under test. *vs …*: the peer's time divided by "
        "gradspec's best (more than 1× means gradspec is faster). *X GB/s*: 100 × X.nbytes / "
        "time, for gradspec's best; *% of bandwidth*: of the limit above (over 100 % when X "
        "sits in a cache rather than memory).",
        header, body,
    ) + _spread(rows, variants + ["numba-prange", "numba-prange-fastmath", "numpy", "jax"],
                header[1:1 + len(variants) + 4])


def _spread(rows, impls, names) -> list[str]:
    """Each repeated case's fastest and slowest process per implementation (nothing when no
    case was timed in more than one process)."""
    cases = [c for c in _regression_cases(rows)
             if any((r.get("processes") or 1) > 1 for r in rows if r["case"] == c)]
    body = []
    for case in cases:
        cells = [case]
        for impl in impls:
            row = _find(rows, case=case, impl=impl)
            mins = [m for m in (row or {}).get("process_mins") or [] if m is not None]
            cells.append(DASH if not mins else
                         f"{fmt_time(min(mins))} – {fmt_time(max(mins))} ({len(mins)})")
        body.append(cells)
    if not body:
        return []
    return ["### Spread over processes", "", *_described(
        "Each repeated case's minimum in its fastest and its slowest fresh process (and how "
        "many processes timed it); the table above shows the fastest. A wide range comes from "
        "the machine (other work, or the speed two threads get from memory, which is set per "
        "process), not from the code.",
        ["case"] + names, body,
    )]


@section("growth", "Cost growth (n = 8)")
def growth_section(rows, run: Run) -> list[str]:
    out = []
    caches = (run.machine_info.get("gradspec_bench") or {}).get("caches", {})
    for model in sorted({r["model"] for r in rows}):
        sizes = sorted({r["m"] for r in rows if r["model"] == model})
        per_iter = {
            impl: [_per_iteration(rows, model, m, impl) for m in sizes]
            for impl in ("gradspec", "numpy")
        }
        body = []
        for i, m in enumerate(sizes):
            nbytes = _find(rows, model=model, m=m)["x_bytes"]
            local = None
            g = per_iter["gradspec"]
            if i and g[i] and g[i - 1]:
                local = math.log(g[i] / g[i - 1]) / math.log(m / sizes[i - 1])
            body.append(
                [
                    fmt_rows(m),
                    fmt_bytes(nbytes),
                    cache_level(nbytes, caches),
                    fmt_time(g[i]),
                    fmt_time(per_iter["numpy"][i]),
                    fmt_num(local, 2),
                ]
            )
        out += [f"### {model}", ""]
        out += [
            table(
                [
                    "m",
                    "X",
                    "X fits in",
                    "gradspec / iteration",
                    "NumPy / iteration",
                    "local exponent (gradspec)",
                ],
                body,
            ),
            "",
        ]
        for impl in ("gradspec", "numpy"):
            pairs = [(m, t) for m, t in zip(sizes, per_iter[impl], strict=True) if t]
            whole = fit_exponent([p[0] for p in pairs], [p[1] for p in pairs])
            large = [(m, t) for m, t in pairs if m >= 100_000]
            tail = fit_exponent([p[0] for p in large], [p[1] for p in large])
            out.append(
                f"- fitted exponent, {impl}: {fmt_num(whole, 3)} over all m"
                f"{'' if tail is None else f', {tail:.3g} for m ≥ 1e5'}"
            )
        out.append("")
    out += [
        "One pass over X per iteration makes the time linear in m (exponent 1) once fixed "
        "per-call costs are amortised; at small m those costs dominate and the exponent is "
        "below 1. A local exponent above 1 marks where X leaves a cache level (the *X fits "
        "in* column, from the cache sizes the OS reports — under a hypervisor the usable share "
        "of L3 can be smaller).",
        "",
    ]
    return out


#: The peers of a network fit, in the table's order.
NETWORK_PEERS = ("numpy", "jax")
#: Display names of the implementations.
NAMES = {"gradspec": "gradspec", "gradspec-serial": "gradspec, 1 thread",
         "numba-loop": "Numba loop (raw kernel)", "numpy": "NumPy", "scipy": "SciPy",
         "jax": "JAX", "raw-kernel": "raw kernel", "python": "plain Python"}


def _peer_cells(times: dict, base, peers) -> list[str]:
    """Each peer's time over ``base`` (gradspec's): above 1× gradspec is faster."""
    return [fmt_ratio(_ratio(times.get(p), base)) for p in peers]


@section("network", "Training a network (time per epoch)")
def network_section(rows, run: Run) -> list[str]:
    impls = ("gradspec", *NETWORK_PEERS)
    body = []
    for case in _distinct(rows, "case"):
        first = _find(rows, case=case)
        t = _values(rows, "seconds_per_epoch", impls, case=case)
        batch = "full" if first.get("batch") == first["m"] else str(first.get("batch"))
        rate = _ratio(first["m"], t["gradspec"])  # rows per second of gradspec
        body.append(
            [case, f"{first['m']:,}", batch, str(first.get("epochs", DASH))]
            + [fmt_time(t[i]) for i in impls]
            + _peer_cells(t, t["gradspec"], NETWORK_PEERS)
            + [fmt_num(rate, unit=1e6)]
        )
    header = (["case (layers)", "rows", "batch", "epochs"] + [NAMES[i] for i in impls]
              + [f"vs {NAMES[p]}" for p in NETWORK_PEERS] + ["gradspec, million rows/s"])
    return _described(
        "`gk.Network.fit` against the same training written by hand in NumPy and in JAX "
        "(`jit` of `value_and_grad`, the same update): the same start (`Network.init(0)`), "
        "row order and steps, each peer's parameters checked equal to gradspec's (relative "
        "1e-8) before its time counts. *digits*: ReLU hidden layer, softmax + cross-entropy, "
        "on seeded data of the 8×8 digits set's shape (1,797 × 64), mini-batches of 32; "
        "*wide*: tanh hidden layer, sigmoid + log-loss, full-batch epochs. *vs …*: the "
        "peer's time over gradspec's (above 1× gradspec is faster).",
        header, body,
    )


ARRAY_LABELS = {"sigmoid": "σ(x)", "tanh": "tanh(x)", "log_loss": "log-loss ℓ(z, y)",
                "sauna_grad": "sauna ∇T(x, y)"}


def _ns(value):
    """nanoseconds as a readable time."""
    return fmt_time(None if value is None else value * 1e-9)


@section("arrays", "Arrays through `gk.functions` (time per element)")
def arrays_section(rows, run: Run) -> list[str]:
    impls = [i for i in ARRAY_CASES["sigmoid"] if i not in ARRAY_PEERS] + list(ARRAY_PEERS)
    body = []
    for case in _distinct(rows, "case"):
        t = _values(rows, "ns_per_element", impls, case=case)
        body.append(
            [f"{ARRAY_LABELS.get(case, case)} ({fmt_rows(_find(rows, case=case)['points'])})"]
            + [_ns(t[i]) for i in impls]
            + _peer_cells(t, t["gradspec"], ARRAY_PEERS)
        )
    header = (["function (points)"] + [NAMES[i] for i in impls]
              + [f"vs {NAMES[p]}" for p in ARRAY_PEERS])
    return _described(
        "One call on a whole array, nanoseconds per element (per point for the gradient, "
        "which returns both partials). *gradspec*: the public call (`sigmoid.f(x)`, "
        "`tanh.f(x)`, `log_loss.loss(z, y)`, `sauna.grad(X, Y)` on a 1000 × 1000 mesh) with "
        "its domain checks, on all Numba threads at this size; *1 thread*: the same held to "
        "one thread; *Numba loop*: a user's plain `@njit` loop over the raw kernel "
        "(`compiled.sigmoid.f`; no checks). Peers: NumPy `1/(1 + np.exp(−x))`, `np.tanh`, "
        "`np.logaddexp(0, z) − y·z`, the generated gradient on whole arrays; SciPy "
        "`special.expit` and `log_expit`; JAX `jit(vmap(…))` of `jax.nn.sigmoid`, `jnp.tanh`, "
        "`softplus(z) − y·z`, `jax.grad` of T. Every peer's result equals gradspec's to 1e-12 "
        "relative before its time counts; — where the peer has no such function.",
        header, body,
    ) + _array_accuracy(rows, impls)


def _array_accuracy(rows, impls) -> list[str]:
    """The errors in ulps measured beside the times (σ and tanh: ``bench/accuracy.py``)."""
    cases = [c for c in _distinct(rows, "case")
             if any(r.get("max_ulp") is not None for r in rows if r["case"] == c)]
    if not cases:
        return []
    body = []
    for case in cases:
        for impl in impls:
            row = _find(rows, case=case, impl=impl)
            if row is None or row.get("max_ulp") is None:
                continue
            body.append([ARRAY_LABELS.get(case, case), NAMES[impl], fmt_num(row["max_ulp"]),
                         fmt_num(row.get("worst_x")), fmt_num(row.get("mean_ulp")),
                         fmt_num(row.get("subnormal_max_steps"))])
    return _described(
        "Accuracy of the same calls, measured in the same run: errors in ulps against mpmath "
        "at 50 digits at the points of `bench/accuracy.py` (a dense grid and random points "
        "over the whole range: tiny arguments, 0.45 to 0.65 where gradspec's tanh changes "
        "form, 1 to 20, saturation, σ's subnormal results). *max* and *mean*: where the exact "
        "result is a normal double; *subnormal results*: the largest error in steps of "
        "2^-1074 where it is subnormal (a result flushed to 0 is wrong by up to 2^52 steps). "
        "A peer that is faster because it computes less accurately shows it here.",
        ["function", "implementation", "max ulp", "at x", "mean ulp",
         "subnormal results (steps)"], body,
    )


CALL_LABELS = {"sigmoid": "`sigmoid.f(0.3)`", "sauna_grad": "`sauna.grad(0.5, 0.6)`"}
CALL_IMPLS = ("gradspec", "raw-kernel", "python")


@section("call", "One call from Python")
def call_section(rows, run: Run) -> list[str]:
    body = []
    for case in _distinct(rows, "case"):
        t = _values(rows, "ns_per_call", CALL_IMPLS, case=case)
        checks = None if None in (t["gradspec"], t["raw-kernel"]) else (
            t["gradspec"] - t["raw-kernel"])
        body.append([CALL_LABELS.get(case, case)] + [_ns(t[i]) for i in CALL_IMPLS]
                    + [_ns(checks)])
    return _described(
        "One point as Python floats. *gradspec*: the checked call a user makes "
        "(`gk.functions.sigmoid.f`); *raw kernel*: the compiled function without checks "
        "(`compiled.sigmoid.f`) called from Python; *plain Python*: the same formula with "
        "`math`; *checks*: gradspec minus the raw kernel.",
        ["call"] + [NAMES[i] for i in CALL_IMPLS] + ["checks"], body,
    )


@section("startup", "Start-up (fresh process)")
def startup_section(rows, run: Run) -> list[str]:
    body = []
    for row in rows:
        inside = row.get("first_call_s", row.get("import_s"))
        body.append(
            [row["phase"], row.get("kernel") or DASH, fmt_time(inside), fmt_time(row["seconds"])]
        )
    return _described(
        "*In process*: `import gradspec.kernels`, or the first call after it, timed inside "
        "the child; *whole process*: the child from start to exit. Cold cache: an empty "
        "`NUMBA_CACHE_DIR` (everything compiles); warm cache: filled by an earlier run. "
        "*numba-blas-check*: `import scipy.linalg` after `import gradspec.kernels` — what "
        "Numba's BLAS check would cost inside the first compiled call of a process where SciPy "
        "is installed; gradspec answers that check without the import, so the warm-cache rows "
        "do not contain it.",
        ["what", "kernel", "in process", "whole process"], body,
    )


@section("scalar", "Scalar descent (`exp_minus_log`, x0 = 1.6, α = 0.1)")
def scalar_section(rows, run: Run) -> list[str]:
    impls = ["gradspec", "gradspec-grad-only", "numba-loop", "python", "numpy-scalar", "jax"]
    body = []
    for iterations in sorted({r["iterations"] for r in rows}):
        times = {i: _seconds(_find(rows, impl=i, iterations=iterations)) for i in impls}
        overhead = None
        if times["gradspec"] is not None and times["numba-loop"] is not None:
            overhead = times["gradspec"] - times["numba-loop"]
        per_it = None if times["gradspec"] is None else times["gradspec"] / iterations
        body.append(
            [str(iterations)]
            + [fmt_time(times[i]) for i in impls]
            + [
                fmt_time(overhead),
                fmt_time(per_it),
                fmt_ratio(_ratio(times["gradspec"], times["numba-loop"])),
                fmt_ratio(_ratio(times["gradspec-grad-only"], times["numba-loop"])),
                fmt_ratio(_ratio(times["python"], times["gradspec"])),
                fmt_ratio(_ratio(times["jax"], times["gradspec"])),
            ]
        )
    header = [
        "iterations",
        "gradspec driver",
        "driver, f′ only",
        "Numba loop (floor)",
        "Python",
        "NumPy scalar",
        "JAX",
        "driver overhead",
        "gradspec / iteration",
        "driver ÷ floor",
        "f′ only ÷ floor",
        "vs Python",
        "vs JAX",
    ]
    return _described(
        "*Numba loop*: the generated gradient in a bare compiled loop (f′ only, no check, x "
        "alone returned); *driver*: `gk.gradient_descent` with its defaults, which also "
        "checks f at every candidate to refuse a non-finite value (f′ and a screening value "
        "of f in one pass, f itself only where the screen cannot vouch for it); *f′ only*: "
        "the same with `check_value=False` (f once, at the end: the floor's arithmetic per "
        "step plus the driver's other checks); *driver overhead*: the driver's time minus the "
        "floor (validation, checks, the value check, result object); *÷ floor*: time over the "
        "floor's (below 1.25× is the target).",
        header, body,
    )


@section("multistart", "multistart (`exp_minus_log`, 25 iterations per start)")
def multistart_section(rows, run: Run) -> list[str]:
    body = [
        [
            r["impl"],
            f"{r['starts']:,}",
            fmt_time(r["seconds"]),
            fmt_num(r.get("ns_per_point_iteration")),
        ]
        for r in rows
    ]
    return _described(
        "Per iteration and start, *gradspec* evaluates ∇f = eˣ − 1/x and f = eˣ − ln x (the "
        "value check: a non-finite f is divergence), tests the domain and divergence and "
        "keeps a reason per start; *gradspec-no-value-check* is the same call with "
        "`check_value=False` (no ln x per iteration). The peers evaluate ∇f only and check "
        "nothing: a start that leaves the domain or diverges ends at NaN, ±inf or a point "
        "outside the domain, without saying so.",
        ["implementation", "starts", "time", "ns per point-iteration"], body,
    )


@section("memory", "Extra peak memory of one fit (fresh process)")
def memory_section(rows, run: Run) -> list[str]:
    body = [
        [fmt_shape(r["m"], r["n"]), r["dtype"], r["scale"] or "none", r["call"],
         fmt_bytes(r.get("x_bytes")), fmt_bytes(r.get("extra_peak_bytes")),
         fmt_pct(r.get("extra_peak_fraction"))]
        for r in rows
    ]
    return _described(
        "Peak resident memory of a linear fit (5 steps) minus the peak before it, in a fresh "
        "process after a warm-up fit: a copy of X shows as 100 %. *kernel*: the fused kernel "
        "with the scaling applied on the fly; *driver*: `gk.linear_regression(…, scale=…)`.",
        ["X (m × n)", "dtype", "scaling", "call", "X", "extra peak", "of X"], body,
    )


DASK_IMPLS = ("in-memory", "dask-threads", "dask-cluster", "dask-glm")
DASK_NAMES = {"in-memory": "in memory (NumPy arrays)", "dask-threads": "Dask, threads",
              "dask-cluster": "Dask, LocalCluster", "dask-glm": "dask-glm"}


def _positive(value):
    """``value`` when it is a positive time; None otherwise (a difference lost in the noise)."""
    return value if value is not None and value > 0 else None


@section("dask", "Fits on Dask arrays", also=("dask-ooc",))
def dask_section(rows, run: Run) -> list[str]:
    fits = [r for r in rows if r["kind"] == "dask"]
    out_of_core = [r for r in rows if r["kind"] == "dask-ooc"]
    body = []
    for model, m, n in sorted(_distinct(fits, "model", "m", "n")):
        match = {"model": model, "m": m, "n": n}
        t = _values(fits, "per_iteration_s", DASK_IMPLS, **match)
        vs = _values(fits, "speedup_vs_in_memory", DASK_IMPLS[1:3], **match)
        body.append(
            [model, fmt_shape(m, n), str(_find(fits, **match).get("chunks", DASH))]
            + [fmt_time(_positive(t[i])) for i in DASK_IMPLS]
            + [fmt_ratio(vs[i]) for i in DASK_IMPLS[1:3]]
        )
    header = (["model", "m × n", "chunks"] + [DASK_NAMES[i] for i in DASK_IMPLS]
              + [f"{DASK_NAMES[i]} vs in memory" for i in DASK_IMPLS[1:3]])
    ooc = [[DASK_NAMES.get(r["impl"], r["impl"]), fmt_shape(r["m"], r["n"]),
            fmt_bytes(r["x_bytes"]), fmt_time(r.get("seconds_per_pass")),
            fmt_num(r.get("rows_per_s"), unit=1e6), fmt_num(r.get("x_bytes_per_s"), unit=1e9)]
           for r in out_of_core]
    out = [] if not fits else _described(
        "`gk.linear_regression` / `gk.logistic_regression` on NumPy arrays, and the same fit "
        "on a `dask.array` (threaded scheduler; a `LocalCluster` of 2 worker processes × 1 "
        "thread with X persisted on the workers); dask-glm's `gradient_descent` (logistic "
        "only, when installed; its own method: line search, several passes per iteration). "
        "Time per iteration: (T(20 steps) − T(0 steps)) / 20, so set-up and the checking "
        "pass do not count (— where the difference is lost in the noise). *vs in memory*: "
        "the in-memory fit's time per iteration over the Dask fit's, both measured inside "
        "the Dask benchmark so that they saw the same load (the *in memory* column is a "
        "benchmark of its own); below 1× the Dask round trip costs more than it saves.",
        header, body,
    )
    if ooc:
        out += ["### Out of core", "", *_described(
            "A linear fit whose X is a `.npy` file read chunk by chunk (`dask_fit.from_npy`; "
            "nothing persisted): one pass per iterate plus the checking pass. Where the page "
            "cache holds the file this is its rate, not the disk's.",
            ["scheduler", "m × n", "X", "per pass", "million rows/s", "X GB/s"], ooc,
        )]
    return out


def _network_targets(run: Run) -> list[tuple[str, str, bool | None]]:
    """Per network case: ≥ 3× NumPy and faster than JAX, per epoch."""
    rows = run.of("network")
    found = []
    for case in _distinct(rows, "case"):
        t = _values(rows, "seconds_per_epoch", ("gradspec", *NETWORK_PEERS), case=case)
        vs_np, vs_jax = (_ratio(t[p], t["gradspec"]) for p in NETWORK_PEERS)
        found.append((f"network {case}: ≥ 3× NumPy", fmt_ratio(vs_np), _verdict(vs_np, 3)))
        found.append((f"network {case}: faster than JAX", fmt_ratio(vs_jax),
                      _verdict(vs_jax, 1, strict=True)))
    return found


def _array_targets(run: Run) -> list[tuple[str, str, bool | None]]:
    """Per function on arrays: ahead of every peer that has it; one call ≤ 1 µs."""
    rows = run.of("arrays")
    found = []
    for case in _distinct(rows, "case"):
        peers = [p for p in ARRAY_PEERS if p in ARRAY_CASES.get(case, ARRAY_PEERS)]
        t = _values(rows, "ns_per_element", ("gradspec", *peers), case=case)
        ratios = [_ratio(t[p], t["gradspec"]) for p in peers]
        known = [r for r in ratios if r is not None]
        met = False if any(r <= 1 for r in known) else (None if len(known) < len(ratios)
                                                        else True)
        names = [NAMES[p] for p in peers]
        found.append((
            f"{ARRAY_LABELS.get(case, case)} on arrays: ahead of "
            f"{', '.join(names[:-1])} and {names[-1]}",
            ", ".join(f"{fmt_ratio(r)} {n}" for r, n in zip(ratios, names, strict=True)),
            met,
        ))
    calls = run.of("call")
    for case in _distinct(calls, "case"):
        t = _values(calls, "ns_per_call", CALL_IMPLS, case=case)
        found.append((
            f"one call {CALL_LABELS.get(case, case)} ≤ 1 µs",
            f"{_ns(t['gradspec'])} (raw kernel {_ns(t['raw-kernel'])}, plain Python "
            f"{_ns(t['python'])})",
            None if t["gradspec"] is None else t["gradspec"] <= 1000,
        ))
    return found


def targets(run: Run) -> list[tuple[str, str, bool | None]]:
    """The speed targets: (target, what was measured, met? — None when not measured)."""
    found = []
    reg = run.of("regression")
    for case in _regression_cases(reg):
        row = _find(reg, case=case)
        if row["m"] < 100_000:
            continue
        best = _gradspec_best(reg, case)
        vs_np = _ratio(_seconds(_find(reg, case=case, impl="numpy")), _seconds(best))
        vs_jax = _ratio(_seconds(_find(reg, case=case, impl="jax")), _seconds(best))
        vs_plain = _ratio(_seconds(_find(reg, case=case, impl="numba-prange")), _seconds(best))
        if row["m"] >= 1_000_000:
            found.append(
                (f"{case}: ≥ 3× NumPy", fmt_ratio(vs_np), None if vs_np is None else vs_np >= 3)
            )
        found.append(
            (f"{case}: faster than the plain prange loop", fmt_ratio(vs_plain),
             None if vs_plain is None else vs_plain > 1)
        )
        found.append(
            (f"{case}: faster than JAX", fmt_ratio(vs_jax), None if vs_jax is None else vs_jax > 1)
        )
        f32 = _seconds(_find(reg, case=case, impl="gradspec-float32"))
        if row["m"] == 1_000_000 and row["n"] == 32 and f32 is not None:
            speed = _ratio(_seconds(best), f32)
            found.append(
                (f"{case}: float32 X ≥ 1.7× the float64 rows per second", fmt_ratio(speed),
                 None if speed is None else speed >= 1.7)
            )
        if row["m"] == 1_000_000 and row["n"] == 32:
            frac = None if best is None else best.get("fraction_of_limit")
            found.append(
                (
                    f"{case}: ≥ 80 % of read bandwidth",
                    fmt_pct(frac),
                    None if frac is None else frac >= 0.8,
                )
            )
    scalar = run.of("scalar")
    ten_k = max((r["iterations"] for r in scalar), default=None)
    if ten_k:
        r = _ratio(
            _seconds(_find(scalar, impl="python", iterations=ten_k)),
            _seconds(_find(scalar, impl="gradspec", iterations=ten_k)),
        )
        found.append(
            (
                f"{ten_k}-iteration descent ≥ 3× a Python loop",
                fmt_ratio(r),
                None if r is None else r >= 3,
            )
        )
        for impl, what in (("gradspec", "driver"), ("gradspec-grad-only", "driver, f′ only")):
            r = _ratio(
                _seconds(_find(scalar, impl=impl, iterations=ten_k)),
                _seconds(_find(scalar, impl="numba-loop", iterations=ten_k)),
            )
            found.append(
                (
                    f"{ten_k}-iteration descent ({what}) within 1.25× of the bare Numba loop",
                    fmt_ratio(r),
                    None if r is None else r <= 1.25,
                )
            )
        g = _seconds(_find(scalar, impl="gradspec", iterations=25))
        j = _seconds(_find(scalar, impl="jax", iterations=25))
        found.append(
            (
                "25-iteration lab call (driver) faster than JAX jit",
                f"{fmt_time(g)} vs {fmt_time(j)}",
                None if g is None or j is None else g < j,
            )
        )
    ms = run.of("multistart")
    g = _find(ms, impl="gradspec")
    j = _find(ms, impl="jax")
    if ms:
        gv = None if g is None else g.get("ns_per_point_iteration")
        jv = None if j is None else j.get("ns_per_point_iteration")
        found.append(
            (
                f"multistart ({ms[0]['starts']:,} starts) ≤ 1.0 ns per point-iteration",
                f"{fmt_num(gv)} ns (JAX {fmt_num(jv)} ns)",
                None if gv is None else gv <= 1.0,
            )
        )
    found += _network_targets(run) + _array_targets(run)
    for r in run.of("memory"):
        frac = r.get("extra_peak_fraction")
        found.append(
            (f"extra peak memory ≤ 5 % of X ({r['dtype']}, scaling {r['scale'] or 'none'}, "
             f"{r['call']})", fmt_pct(frac), None if frac is None else frac <= 0.05)
        )
    st = run.of("startup")
    imp = _find(st, phase="import")
    value = None if imp is None else imp.get("import_s")
    found.append(
        (
            "`import gradspec.kernels` < 0.5 s",
            fmt_time(value),
            None if value is None else value < 0.5,
        )
    )
    for row in st:
        if row["phase"] == "warm-cache":
            value = row.get("first_call_s")
            found.append(
                (
                    f"first call, warm cache < 0.3 s ({row['kernel']})",
                    fmt_time(value),
                    None if value is None else value < 0.3,
                )
            )
    return found


def targets_section(run: Run) -> list[str]:
    marks = {True: "met", False: "**missed**", None: "not measured"}
    body = [[t, measured, marks[ok]] for t, measured, ok in targets(run)]
    return ["## Targets", "", *_described(
        "Reported, never asserted: a missed target is a finding, not a failing test.",
        ["target", "measured", ""], body,
    )]


def render_markdown(run: Run, plot_name: str | None = "speedup.png") -> str:
    """The whole results page."""
    parts = machine_section(run)
    if plot_name:
        parts += [f"![speed-up and bandwidth]({plot_name})", ""]
    for section in SECTIONS:
        parts += section(run)
    parts += [
        "*Written by `bench/report.py` from a pytest-benchmark JSON; regenerate with "
        "`gradspec bench` (see `bench/README.md`).*",
        "",
    ]
    return "\n".join(parts)


#: The page's sections in order (every kind of benchmark the suite records has one).
SECTIONS = (
    targets_section,
    bandwidth_section,
    regression_section,
    growth_section,
    network_section,
    arrays_section,
    call_section,
    scalar_section,
    multistart_section,
    memory_section,
    dask_section,
    startup_section,
)


# -- the plot ------------------------------------------------------------------------------------


PEER_COLORS = {"numpy": "tab:blue", "scipy": "tab:purple", "jax": "tab:orange"}


def _bars(ax, labels, series) -> None:
    """Grouped bars: a group per label, a bar per ``(name, color, values)`` in ``series``
    (a missing value draws no bar)."""
    width = 0.8 / len(series)
    for k, (name, color, values) in enumerate(series):
        offset = (k - (len(series) - 1) / 2) * width
        ax.bar([i + offset for i in range(len(labels))], [v or 0.0 for v in values],
               width=width, color=color, label=name)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)


def _speedups(run: Run) -> tuple[list[str], dict]:
    """Labels and per-peer speed-ups of gradspec for the network cases and array functions."""
    labels, ratios = [], {p: [] for p in ARRAY_PEERS}
    for kind, key, label_of in (("network", "seconds_per_epoch", lambda c: f"network {c}"),
                                ("arrays", "ns_per_element",
                                 lambda c: ARRAY_LABELS.get(c, c))):
        rows = run.of(kind)
        for case in _distinct(rows, "case"):
            t = _values(rows, key, ("gradspec", *ARRAY_PEERS), case=case)
            labels.append(label_of(case))
            for peer in ARRAY_PEERS:
                ratios[peer].append(_ratio(t[peer], t["gradspec"]))
    return labels, ratios


def render_plot(run: Run, path: Path) -> None:
    """speedup.png: speed-up vs the peers per fit case, GB/s vs the limit, growth on log-log,
    and speed-up vs the peers for networks and arrays."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    fig, ((ax1, ax2), (ax3, ax4)) = plt.subplots(2, 2, figsize=(14, 9.6))
    reg = run.of("regression")
    cases = _regression_cases(reg)
    _bars(ax1, cases, [
        (f"vs {NAMES[peer]}", PEER_COLORS[peer],
         [_ratio(_seconds(_find(reg, case=case, impl=peer)), _seconds(_gradspec_best(reg, case)))
          for case in cases])
        for peer in NETWORK_PEERS
    ])
    ax1.axhline(1.0, color="k", lw=0.8)
    ax1.axhline(3.0, color="k", lw=0.8, ls="--", label="3× target (NumPy)")
    ax1.set_ylabel("speed-up of gradspec (peer time / gradspec time)")
    ax1.set_title("Batch GD, 100 iterations")
    ax1.legend(fontsize=8)
    if not any(_gradspec_best(reg, c) for c in cases):
        ax1.text(
            0.5,
            0.5,
            "no gradspec results in this run",
            transform=ax1.transAxes,
            ha="center",
            color="gray",
        )

    limit = bandwidth_limit(run)
    _bars(ax2, cases, [
        ("gradspec", "tab:green", [(_gradspec_best(reg, c) or {}).get("x_gbps") for c in cases]),
        ("NumPy", PEER_COLORS["numpy"],
         [(_find(reg, case=c, impl="numpy") or {}).get("x_gbps") for c in cases]),
    ])
    if limit:
        ax2.axhline(
            limit[0] / 1e9, color="r", lw=1.2, label=f"read bandwidth {limit[0] / 1e9:.1f} GB/s"
        )
        ax2.axhline(0.8 * limit[0] / 1e9, color="r", lw=0.8, ls="--", label="80 % (target)")
    ax2.set_ylabel("GB/s of X streamed")
    ax2.set_title("Bytes of X per second vs the limit")
    ax2.legend(fontsize=8)

    labels, ratios = _speedups(run)
    if labels:
        _bars(ax4, labels, [(f"vs {NAMES[p]}", PEER_COLORS[p], ratios[p]) for p in ARRAY_PEERS])
        ax4.axhline(1.0, color="k", lw=0.8)
        ax4.axhline(3.0, color="k", lw=0.8, ls="--", label="3× target (networks vs NumPy)")
        ax4.set_yscale("log")
        ax4.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g×"))
        ax4.legend(fontsize=8)
    ax4.set_ylabel("speed-up of gradspec (peer time / gradspec time)")
    ax4.set_title("Networks (per epoch) and arrays (per element)")

    growth = run.of("growth")
    for model, marker in (("linear", "o"), ("logistic", "s")):
        for impl, color in (("gradspec", "tab:green"), ("numpy", "tab:blue")):
            pts = sorted(
                (r["m"], r["per_iteration_s"])
                for r in growth
                if r["model"] == model and r["impl"] == impl
            )
            if pts:
                slope = fit_exponent([p[0] for p in pts], [p[1] for p in pts])
                ax3.loglog(
                    [p[0] for p in pts],
                    [p[1] for p in pts],
                    marker=marker,
                    color=color,
                    label=f"{impl} {model} (exponent {slope:.2f})",
                )
    ax3.set_xlabel("m (rows, n = 8)")
    ax3.set_ylabel("seconds per iteration")
    ax3.set_title("Cost growth")
    if growth:
        ax3.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# -- command line --------------------------------------------------------------------------------


def write(json_path: Path, out_dir: Path) -> tuple[Path, Path, Path]:
    """Write ``results.md`` and ``speedup.png`` into ``out_dir`` from ``json_path``, and copy
    ``json_path`` there as ``results.json`` (the raw numbers beside the page that shows them)."""
    run = load(json_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown = out_dir / "results.md"
    plot = out_dir / "speedup.png"
    render_plot(run, plot)
    markdown.write_text(render_markdown(run, plot.name))
    raw = out_dir / "results.json"
    if not (raw.exists() and raw.samefile(json_path)):
        shutil.copyfile(json_path, raw)
    return markdown, plot, raw


def _is_published(out: Path) -> bool:
    """Whether ``out`` is the published page's directory (``docs/benchmarks`` of a checkout)."""
    out = Path(out).resolve()
    return out.parts[-2:] == PUBLISHED.parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.report", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("json", type=Path, help="file written by pytest --benchmark-json")
    parser.add_argument(
        "--out",
        type=Path,
        default=PUBLISHED,
        help="directory for results.md, speedup.png and a copy of the JSON as results.json "
        "(default docs/benchmarks)",
    )
    parser.add_argument(
        "--allow-busy",
        action="store_true",
        help="write the published page even from a run that is not a reference run (busy "
        "machine, unknown or uncommitted commit); the page says so at the top",
    )
    args = parser.parse_args(argv)
    ok, why = publishable(load(args.json))
    if not ok and _is_published(args.out) and not args.allow_busy:
        print(
            f"not writing the published page {args.out}: {why}. Run again on a quiet machine "
            "from a clean checkout, write elsewhere with --out, or pass --allow-busy.",
            file=sys.stderr,
        )
        return 3
    markdown, plot, raw = write(args.json, args.out)
    print(f"wrote {markdown}, {plot} and {raw}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
