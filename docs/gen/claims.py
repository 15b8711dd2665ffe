"""The document's claims of an entry, each with its verdict, the true value, the test that
holds it and (for an erratum) its place on the errata page; the entry's status."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .tex import document_text, inline, latex, number

#: How each verdict is shown: the word on its badge, the badge's colour, the admonition.
VERDICTS = {
    "right": ("right", "gs-right", "success"),
    "rounded": ("rounded", "gs-rounded", "info"),
    "truncated": ("truncated", "gs-rounded", "info"),
    "convention": ("other convention", "gs-rounded", "warning"),
    "typo": ("typo in an operand", "gs-rounded", "warning"),
    "illustrative": ("illustrative", "gs-rounded", "note"),
    "wrong": ("wrong", "gs-wrong", "danger"),
}
#: The verdicts the errata page lists (every verdict short of right and rounded).
ERRATA_VERDICTS = ("wrong", "typo", "convention", "illustrative", "truncated")

#: The test that holds a claim's verdict (its ids are ``<entry id>:<claim label>``, followed
#: by `` (printed)`` or `` (repaired)`` for a statement read two ways).
CLAIM_TEST = "tests/test_claims.py::test_claim_verdict[{entry}:{label}]"

#: The status of an entry, from its claims and its three-way check, as the badges show it.
STATUS = {
    "verified": ("verified", "gs-right", "every claim right and the three-way check passed"),
    "rounded": ("rounded", "gs-rounded", "right to every printed digit; some claims rounded"),
    "erratum": ("erratum found", "gs-wrong",
                "the document is wrong somewhere (or has a typo): see the errata"),
    "caveat": ("convention", "gs-rounded",
               "right under another convention, or numbers the document calls illustrative"),
    "failed": ("check failed", "gs-wrong", "the three-way check found a disagreement"),
}


@dataclass
class ClaimRow:
    entry: object
    index: int
    claim: object
    verdict: str
    true: object
    result: object = None  # the verifier's ClaimResult (verdict, computation, seed)

    @property
    def anchor(self) -> str:
        """The id of this erratum's heading on the errata page."""
        return f"{self.entry.id}-{self.index + 1}"

    @property
    def test(self) -> str:
        reading = getattr(self.claim, "reading", "")
        label = self.claim.label + (f" ({reading})" if reading else "")
        return CLAIM_TEST.format(entry=self.entry.id, label=label)

    @property
    def listed_in_errata(self) -> bool:
        return self.verdict in ERRATA_VERDICTS


def claim_rows(project, entry) -> list[ClaimRow]:
    """Each claim with its computed verdict and true value."""
    if not entry.claims:
        return []
    results = project.check_claims(entry.id)
    return [ClaimRow(entry, k, r.claim, r.verdict, r.true, r) for k, r in enumerate(results)]


def status(rows: list[ClaimRow], check) -> str:
    """verified | rounded | caveat | erratum | failed (``check``: the three-way row, or
    None); the worst verdict of the document's own claims decides."""
    if check is not None and not check.ok:
        return "failed"
    verdicts = {r.verdict for r in rows if r.claim.origin != "reference"}
    if verdicts & {"wrong", "typo"}:
        return "erratum"
    if verdicts & {"convention", "illustrative"}:
        return "caveat"
    if verdicts & {"rounded", "truncated"}:
        return "rounded"
    return "verified"


def badge(key: str) -> str:
    word, css, meaning = STATUS[key]
    return f'<span class="gs-verdict {css}" title="{html.escape(meaning)}">{word}</span>'


def verdict_badge(verdict: str) -> str:
    word, css, _ = VERDICTS.get(verdict, (verdict, "", "note"))
    return f'<span class="gs-verdict {css}">{word}</span>'


def claim_block(row: ClaimRow) -> list[str]:
    """An admonition: what the document wrote, claimed and what is true; test and errata."""
    c = row.claim
    word, _css, kind = VERDICTS.get(row.verdict, (row.verdict, "", "note"))
    reference = " (reference value)" if c.origin == "reference" else ""
    reading = f" ({c.reading} reading)" if getattr(c, "reading", "") else ""
    title = f"{c.label}{reading} — {word}{reference}".replace('"', "'")
    body = [
        f"The document: {document_text(c.document)}",
        "",
        f"Claimed value: {inline(latex(c.claimed))}",
        "",
        f"True value: {number(row.true)}",
    ]
    if c.note:
        body += ["", html.escape(c.note)]
    body += where_and_how(row)
    body += ["", f"Held by the test `{html.escape(row.test)}`"
             + (f" · [on the errata page](../errata.md#{row.anchor})"
                if row.listed_in_errata else "") + "."]
    return [f'!!! {kind} "{title}"'] + [("    " + line) if line else "" for line in body] + [""]


def where_and_how(row: ClaimRow) -> list[str]:
    """The claim's lines in its seed file and the computation behind its verdict."""
    out = []
    lines = getattr(row.claim, "lines", ())
    if lines:
        seed = row.entry.seed_of(row.claim)
        out += ["", f"Where: lecture {seed}, line {', '.join(str(k) for k in lines)}"]
    detail = getattr(row.result, "detail", "")
    if detail:
        out += ["", f"Computation: {html.escape(detail)}"]
    return out


def tally(rows: list[ClaimRow]) -> str:
    """"4 right, 1 rounded, 1 typo in an operand": the verdicts of these claims, in order."""
    counts = {v: sum(1 for r in rows if r.verdict == v) for v in VERDICTS}
    return ", ".join(f"{n} {VERDICTS[v][0]}" for v, n in counts.items() if n)
