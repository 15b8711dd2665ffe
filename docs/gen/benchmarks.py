"""The benchmarks page: the report of the last ``gradspec bench`` run, or the newest
pytest-benchmark results found."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import plots

from .project import ROOT, save, write

#: Where pytest-benchmark JSON results are looked for (``--benchmark-json`` or autosave).
BENCH_GLOBS = ("bench/results/**/*.json", ".benchmarks/**/*.json")


def newest_benchmark() -> tuple[Path, dict] | None:
    found = []
    for pattern in BENCH_GLOBS:
        for path in ROOT.glob(pattern):
            try:
                data = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("benchmarks"):
                found.append((data.get("datetime", ""), path.stat().st_mtime, path, data))
    if not found:
        return None
    _, _, path, data = max(found, key=lambda t: (t[0], t[1]))
    return path, data


#: The report ``gradspec bench`` writes (bench/report.py): targets, machine, tables, plot.
BENCH_REPORT = ROOT / "docs" / "benchmarks" / "results.md"


def benchmarks_page() -> None:
    if BENCH_REPORT.exists():
        # The committed report of the last `gradspec bench` run, shown as the page; its
        # picture sits beside it in docs/benchmarks/.
        text = re.sub(r" \(issue \d+\)", "", BENCH_REPORT.read_text())
        figures = model_figures(BENCH_REPORT.with_name("results.json"))
        text = re.sub(r"!\[[^\]]*\]\(speedup\.png\)\n", figures, text)
        head = ("Measured by `gradspec bench` (the `bench/` suite); rerun it on your machine to "
                "replace this report.\n\n")
        first, _, rest = text.partition("\n")
        write("benchmarks.md", first + "\n\n" + head + rest)
        return
    out = ["# Benchmarks\n",
           "Kernel speed from the `bench/` suite (pytest-benchmark): each kernel against "
           "NumPy-vectorised code, pure Python and JAX on the same data, in one run.\n",
           "Run it with `pytest bench --benchmark-only --benchmark-json=bench/results/latest.json`"
           " and rebuild the site.\n"]
    newest = newest_benchmark()
    if newest is None:
        out.append('!!! note "No results in this build"\n    No pytest-benchmark JSON was found '
                   f"under {', '.join(f'`{g}`' for g in BENCH_GLOBS)}.\n")
        write("benchmarks.md", "\n".join(out))
        return
    path, data = newest
    machine = data.get("machine_info", {})
    cpu = machine.get("cpu", {}) if isinstance(machine.get("cpu"), dict) else {}
    when = data.get("datetime", "?")
    out.append(f"Results from `{path.relative_to(ROOT).as_posix()}`, run {when}.\n")
    out.append("## Machine\n")
    for label, value in (
        ("CPU", cpu.get("brand_raw")), ("cores", cpu.get("count")),
        ("Python", machine.get("python_version")), ("system", machine.get("system")),
        ("release", machine.get("release")),
    ):
        if value:
            out.append(f"- {label}: {html.escape(str(value))}")
    out.append("\n## Results\n")
    out.append("| benchmark | group | min (s) | mean (s) | stddev (s) | rounds |")
    out.append("|---|---|---|---|---|---|")
    names, means = [], []
    for b in data["benchmarks"]:
        st = b.get("stats", {})
        out.append(f"| `{b.get('name', '?')}` | {b.get('group') or ''} | {st.get('min', 0):.3e} "
                   f"| {st.get('mean', 0):.3e} | {st.get('stddev', 0):.1e} "
                   f"| {st.get('rounds', '')} |")
        names.append(b.get("name", "?"))
        means.append(float(st.get("mean", 0.0)))
    image = plots.bar_chart(names, means, xlabel="mean time per call (s)")
    save("img/benchmarks.png", image)
    out.append('\n<figure class="gs-figure" markdown>\n![Mean time per benchmark]'
               "(img/benchmarks.png)\n</figure>\n")
    write("benchmarks.md", "\n".join(out))




#: The implementations in the order the figures list them, and their labels.
IMPLEMENTATIONS = {
    "gradspec-serial": "gradspec (1 thread)", "gradspec-parallel": "gradspec (2 threads)",
    "gradspec": "gradspec", "numba-loop": "hand-written Numba loop", "numpy": "NumPy",
    "numpy-scalar": "NumPy (scalars)", "python": "pure Python", "jax": "JAX",
}


def model_figures(results: Path) -> str:
    """One readable figure per benchmarked model (each regression case, the scalar descents):
    the minimum time of every implementation in the same run, gradspec's bars highlighted."""
    if not results.is_file():
        return ""
    data = json.loads(results.read_text())
    groups: dict[str, list] = {}
    for b in data["benchmarks"]:
        group = b.get("group") or ""
        if group.startswith(("regression ", "scalar descent ")):
            groups.setdefault(group, []).append(b)
    out = ["## One figure per model\n",
           "The minimum time per call of each implementation, measured in the same run on the "
           "same data (shorter is faster); gradspec's kernels in blue.\n"]
    for group, rows in groups.items():
        rows.sort(key=lambda b: list(IMPLEMENTATIONS).index(b["extra_info"]["impl"])
                  if b["extra_info"]["impl"] in IMPLEMENTATIONS else 99)
        labels = [IMPLEMENTATIONS.get(b["extra_info"]["impl"], b["extra_info"]["impl"])
                  for b in rows]
        times = [1e3 * b["stats"]["min"] for b in rows]
        name = "img/bench-" + re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-") + ".png"
        save(name, plots.peer_bars(labels, times, highlight=[lab.startswith("gradspec")
                                                             for lab in labels],
                                   title=group, xlabel="minimum time per call (ms)"))
        out.append(f'<figure class="gs-figure" markdown>\n![{html.escape(group)}]({name})\n'
                   f"<figcaption>{html.escape(group)}</figcaption>\n</figure>\n")
    return "\n".join(out) + "\n"
