"""One page per catalog entry (``entries/<id>/``): what a student checks and what an engineer
calls — status, formula, "Use it", derivation, pictures, claims, the three-way check and the
generated kernel."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass

from .claims import STATUS, ClaimRow, badge, claim_block, claim_rows, status, tally
from .derivations import (
    derivation_section,
    formula_section,
    steps_section,
    vector_section,
)
from .experiments import EXPERIMENT_LINKS, EXPERIMENTS_PAGE
from .figures import EXTRA_FIGURES, entry_figures
from .project import Project, write
from .usage import kernel_section, use_it_section

#: Points per entry in the three-way check shown on the pages (the tests use more).
CHECK_POINTS = int(os.environ.get("GRADSPEC_DOCS_CHECK_POINTS", "3"))


@dataclass
class EntryResult:
    """What the errata page and the dashboard need from an entry page."""

    entry: object
    rows: list[ClaimRow]
    check: object  # the three-way check's row, or None (a claims entry)
    status: str


def entry_page(project: Project, entry) -> EntryResult:
    """Write ``entries/<id>.md``."""
    d = project.derive(entry)
    rows = claim_rows(project, entry)
    fn = project.kernel(entry.id)
    check = project.verify_entry(entry, CHECK_POINTS) if fn is not None else None
    result = EntryResult(entry, rows, check, status(rows, check))

    out: list[str] = [f"# {entry.title}\n"]
    out.append(f"{badge(result.status)} {_figures_line(result)}\n")
    out.append(f"Catalog id `{entry.id}` · topic *{entry.topic}* · "
               + "; ".join(f"[lecture {s.seed}](../seeds/{s.seed}.md) — {html.escape(s.section)}"
                           for s in entry.sources) + "\n")
    if entry.expr is not None:
        out.extend(formula_section(entry))
    if entry.notes:
        out.append(entry.notes.strip() + "\n")
    if fn is not None:
        out.extend(use_it_section(entry, fn))
    if d is not None:
        out.extend(derivation_section(entry, d))
        out.extend(steps_section(entry, project.steps(entry.id)))
    elif entry.kind in ("vector", "model"):
        out.extend(vector_section(entry))

    figures = entry_figures(project, entry, d) if fn is not None else []
    if entry.id in EXTRA_FIGURES:
        figures += EXTRA_FIGURES[entry.id](project, entry, d)
    if figures:
        out.append("## Pictures\n" if len(figures) > 1 else "## Picture\n")
        for fig in figures:
            out.append(
                f'<figure class="gs-figure" markdown>\n![{html.escape(fig.caption)}]({fig.path})\n'
                f"<figcaption markdown>{fig.caption}</figcaption>\n</figure>\n"
            )
    if entry.id in EXPERIMENT_LINKS:
        out.append(f"See [the experiments of 004](../{EXPERIMENTS_PAGE}): "
                   f"{EXPERIMENT_LINKS[entry.id]}.\n")

    if rows:
        out.append("## What the document claims\n")
        for row in rows:
            out.extend(claim_block(row))
    out.extend(_three_way_section(entry, check))
    if fn is not None:
        out.extend(kernel_section(entry))
    write(f"entries/{entry.id}.md", "\n".join(out))
    return result


def _figures_line(result: EntryResult) -> str:
    parts = []
    if result.rows:
        parts.append(f"claims: {tally(result.rows)}")
    if result.check is not None:
        c = result.check
        parts.append(f"three-way check: {c.quantities} quantities, largest errors "
                     f"{c.max_fd:.1e} (finite differences) and {c.max_compiled:.1e} (kernel)")
    return " · ".join(parts) + f" — {STATUS[result.status][2]}."


def _three_way_section(entry, row) -> list[str]:
    out = ["## Three-way check\n"]
    if row is None:
        out.append("This entry has no function to compile; its claims are checked above.\n")
        return out
    out.append(
        f"At {CHECK_POINTS} points drawn in the domain, every derived quantity (f, gradient, "
        "Hessian) was evaluated three ways: symbolically with mpmath at 50 digits (the "
        "reference), by central finite differences with Richardson extrapolation, and by the "
        "compiled Numba kernel.\n"
    )
    out.append("| quantities checked | max finite-difference error | max compiled error "
               "| max relative error | result |")
    out.append("|---|---|---|---|---|")
    verdict = "passed" if row.ok else f"**{len(row.failures)} failures**"
    out.append(f"| {row.quantities} | {row.max_fd:.2e} | {row.max_compiled:.2e} "
               f"| {row.max_relative:.2e} | {verdict} |\n")
    for failure in row.failures[:10]:
        out.append(f"- {html.escape(failure)}")
    return out
