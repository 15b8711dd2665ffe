"""The errata page: every claim of a document that the derivation proves wrong."""

from __future__ import annotations

import html

from .claims import ClaimRow
from .project import Project, write
from .tex import document_text, entry_link, inline, latex, number, seed_label, seed_of


def errata_page(project: Project, rows: list[ClaimRow]) -> None:
    wrong = [r for r in rows if r.verdict == "wrong"]
    out = ["# Errata\n"]
    out.append(
        "Every place where a lecture document is wrong: what the document wrote, the true "
        "result derived by SymPy, and the test that proves the claim differs from the "
        f"derivation. {len(wrong)} errata in {len({r.entry.id for r in wrong})} entries.\n"
    )
    by_seed: dict[str, list[ClaimRow]] = {}
    for r in wrong:
        by_seed.setdefault(seed_of(r.entry), []).append(r)
    for key in sorted(by_seed):
        out.append(f"## {seed_label(project.seed_titles, key)}\n")
        for r in by_seed[key]:
            c = r.claim
            out.append(f"### {entry_link(r.entry, '.', r.entry.id)}: {html.escape(c.label)} "
                       f"{{ #{r.anchor} }}\n")
            out.append(f"- **The document:** {document_text(c.document)}")
            out.append(f"- **Claimed:** {inline(latex(c.claimed))}")
            out.append(f"- **True:** {number(r.true)}")
            if c.note:
                out.append(f"- **Why:** {html.escape(c.note)}")
            out.append(f"- **Proved by:** `{html.escape(r.test)}`")
            out.append(f"- **Source:** {r.entry.sources[0].file} — "
                       f"{html.escape(r.entry.sources[0].section)}\n")
    write("errata.md", "\n".join(out))
