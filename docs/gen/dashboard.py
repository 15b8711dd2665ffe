"""The status dashboard: every formula with its status, in the manner of a proof blueprint —
lecture by lecture, what was derived, checked three ways, and where the document is wrong."""

from __future__ import annotations

from collections import Counter

from .claims import STATUS, badge, tally
from .project import Project, write
from .tex import entry_link, seed_label, seed_of

PAGE = "status.md"


def dashboard_page(project: Project, results: list) -> None:
    counts = Counter(r.status for r in results)
    out = ["# Status of every formula\n",
           "Each formula of the lecture documents, with what was proved about it. "
           + ", ".join(f"{badge(k)} {counts.get(k, 0)}" for k in STATUS) + ".\n",
           "- " + "\n- ".join(f"{badge(k)} {meaning}" for k, (_w, _c, meaning)
                              in STATUS.items()) + "\n"]
    by_seed: dict[str, list] = {}
    for r in results:
        by_seed.setdefault(seed_of(r.entry), []).append(r)
    for key in sorted(by_seed):
        out.append(f"## {seed_label(project.seed_titles, key)}\n")
        out.append('<div class="gs-dashboard" markdown>\n')
        out.append("| id | formula | status | the document's claims | three-way check |")
        out.append("|---|---|---|---|---|")
        for r in by_seed[key]:
            claims = tally(r.rows) or "—"
            check = ("—" if r.check is None else
                     f"{r.check.quantities} quantities, {'passed' if r.check.ok else 'FAILED'}")
            out.append(f"| `{r.entry.id}` | {entry_link(r.entry, '.')} | {badge(r.status)} "
                       f"| {claims} | {check} |")
        out.append("\n</div>\n")
    write(PAGE, "\n".join(out))
