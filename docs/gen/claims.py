"""The document's claims of an entry, each with its verdict, the true value, the test that
holds it and (for an erratum) its place on the errata page; the entry's status."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .tex import document_text, inline, latex, number

ADMONITION = {"right": "success", "rounded": "info", "wrong": "danger"}

#: The test that holds a claim's verdict (its ids are ``<entry id>:<claim label>``).
CLAIM_TEST = "tests/test_claims.py::test_claim_verdict[{entry}:{label}]"

#: The status of an entry, from its claims and its three-way check, as the badges show it.
STATUS = {
    "verified": ("verified", "gs-right", "every claim right and the three-way check passed"),
    "rounded": ("rounded", "gs-rounded", "right to every printed digit; some claims rounded"),
    "erratum": ("erratum found", "gs-wrong", "the document is wrong somewhere: see the errata"),
    "failed": ("check failed", "gs-wrong", "the three-way check found a disagreement"),
}


@dataclass
class ClaimRow:
    entry: object
    index: int
    claim: object
    verdict: str
    true: object

    @property
    def anchor(self) -> str:
        """The id of this erratum's heading on the errata page."""
        return f"{self.entry.id}-{self.index + 1}"

    @property
    def test(self) -> str:
        return CLAIM_TEST.format(entry=self.entry.id, label=self.claim.label)


def claim_rows(project, entry) -> list[ClaimRow]:
    """Each claim with its computed verdict and true value."""
    if not entry.claims:
        return []
    results = project.check_claims(entry.id)
    return [ClaimRow(entry, k, r.claim, r.verdict, r.true) for k, r in enumerate(results)]


def status(rows: list[ClaimRow], check) -> str:
    """verified | rounded | erratum | failed (``check``: the three-way row, or None)."""
    if check is not None and not check.ok:
        return "failed"
    verdicts = {r.verdict for r in rows}
    if "wrong" in verdicts:
        return "erratum"
    if "rounded" in verdicts:
        return "rounded"
    return "verified"


def badge(key: str) -> str:
    word, css, meaning = STATUS[key]
    return f'<span class="gs-verdict {css}" title="{html.escape(meaning)}">{word}</span>'


def verdict_badge(verdict: str) -> str:
    css = {"right": "gs-right", "rounded": "gs-rounded", "wrong": "gs-wrong"}.get(verdict, "")
    return f'<span class="gs-verdict {css}">{verdict}</span>'


def claim_block(row: ClaimRow) -> list[str]:
    """An admonition: what the document wrote, claimed and what is true; test and errata."""
    c = row.claim
    kind = ADMONITION.get(row.verdict, "note")
    reference = " (reference value)" if c.origin == "reference" else ""
    title = f"{c.label} — {row.verdict}{reference}".replace('"', "'")
    body = [
        f"The document: {document_text(c.document)}",
        "",
        f"Claimed value: {inline(latex(c.claimed))}",
        "",
        f"True value: {number(row.true)}",
    ]
    if c.note:
        body += ["", html.escape(c.note)]
    body += ["", f"Held by the test `{html.escape(row.test)}`"
             + (f" · [on the errata page](../errata.md#{row.anchor})"
                if row.verdict == "wrong" else "") + "."]
    return [f'!!! {kind} "{title}"'] + [("    " + line) if line else "" for line in body] + [""]
