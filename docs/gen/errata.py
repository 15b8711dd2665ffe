"""The errata page: every claim of a document that is not plainly right, grouped by verdict,
with each document's tallies (both computed by ``gradspec.symbolic.verifier.claims``)."""

from __future__ import annotations

import html

from gradspec.symbolic.verifier import claims as verifier

from .claims import ClaimRow
from .project import Project, write
from .tex import document_text, entry_link, inline, latex, number

#: The page's sections, in order: every verdict short of "right" and "rounded".
ERRATA_GROUPS = (
    ("wrong", "Wrong", "The statement differs from the derivation."),
    ("typo", "Typo in an operand, the result right",
     "The printed result is right; an operand printed beside it is not."),
    ("convention", "Right under another convention",
     "Wrong as the course means it, right under the convention named in each case."),
    ("illustrative", "Illustrative",
     "The document says these numbers are made up; they are not the values of its data."),
    ("truncated", "Truncated, not rounded",
     "Tables whose digits are cut at the last printed place rather than rounded."),
)


def _tally_table(tallies: dict, verdicts) -> list[str]:
    head = "| document | statements | " + " | ".join(verdicts) + " | repaired | references |"
    out = [head, "|---" * (len(verdicts) + 4) + "|"]
    for seed, t in tallies.items():
        out.append(f"| {seed} | {t['statements']} | "
                   + " | ".join(str(t["document"][v]) for v in verdicts)
                   + f" | {sum(t['repaired'].values())} | {sum(t['reference'].values())} |")
    return out + [""]


def errata_page(project: Project, rows: list[ClaimRow]) -> None:
    results = [r.result for r in rows]
    row_of = {id(r.result): r for r in rows}
    groups = verifier.by_verdict(results)
    shown = sum(len(groups[v]) for v, *_ in ERRATA_GROUPS)
    out = ["# Errata\n",
           "Every checkable statement of the lecture documents, judged against the derivation "
           "by SymPy. This page lists the ones that are not plainly right: what the document "
           f"wrote, the true result and the computation behind the verdict ({shown} claims). "
           "The tally counts each document's statements once (the printed reading where a slip "
           "has an obvious repair); repaired readings and the reference values the catalog "
           "adds are counted apart.\n",
           '<div class="gs-dashboard" markdown>\n']
    out += _tally_table(verifier.tallies(results), list(verifier.VERDICTS))
    out.append("</div>\n")
    for verdict, title, intro in ERRATA_GROUPS:
        if not groups[verdict]:
            continue
        out.append(f"## {title}\n")
        out.append(f"{intro} {len(groups[verdict])} claims.\n")
        for res in groups[verdict]:
            r, c = row_of[id(res)], res.claim
            reading = f" ({c.reading} reading)" if getattr(c, "reading", "") else ""
            out.append(f"### {entry_link(r.entry, '.', r.entry.id)}: {html.escape(c.label)}"
                       f"{reading} {{ #{r.anchor} }}\n")
            out.append(f"- **The document:** {document_text(c.document)}")
            out.append(f"- **Claimed:** {inline(latex(c.claimed))}")
            out.append(f"- **True:** {number(r.true)}")
            if c.note:
                out.append(f"- **Why:** {html.escape(c.note)}")
            out.append(f"- **Computation:** {html.escape(res.detail)}")
            out.append(f"- **Proved by:** `{html.escape(r.test)}`")
            lines = ", ".join(str(k) for k in getattr(c, "lines", ()))
            out.append(f"- **Source:** {project.seeds.get(res.seed, res.seed)}"
                       + (f", line {lines}" if lines else "") + "\n")
    write("errata.md", "\n".join(out))
