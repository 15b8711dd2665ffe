"""Verdicts on the documents' statements, each computed against the derivation.

The vocabulary (:data:`VERDICTS`, defined with :class:`~gradspec.symbolic.catalog.Claim`):

- A formula claim is ``right`` when SymPy proves claimed − true ≡ 0.  Formulas with sums over
  samples are compared for m = 1…4 samples with the data as symbols (an identity of the
  summands checked on every small size).  An equation (``sympy.Eq``) is right when it has
  the same solutions as the true one.  A property (``bool``) or a word (``"min"``) is right
  when it is what the computation finds.
- A decimal claim is ``right`` when it equals the true value to ``RTOL_CLAIM_EXACT``,
  ``rounded`` when it is the true value rounded at its last printed digit, ``truncated``
  when it is the true value with its digits cut toward zero there (and not its rounding),
  ``wrong`` otherwise.  Against an interval (approximate inputs) the printed value must be
  the rounding (or truncation) of *some* value in it.  A tuple takes its worst element.
- On top of that comparison: a claim whose printed result is right but whose printed
  operation (``operands``) does not give it is a ``typo``; a wrong claim that holds under one
  of its ``conventions`` is ``convention``; a wrong claim the document calls made-up
  (``illustrative``) is ``illustrative``.  A claim whose truth is ``None`` (the document does
  not say which rule it used) is judged by its conventions alone.

:func:`tallies` counts the verdicts per seed document and :func:`by_verdict` groups them, for
``gradspec verify`` and the errata page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import sympy as sp

from ..catalog import CATALOG, SEEDS, VERDICTS, Claim
from ..catalog.costs import m, xs, ys
from ..generator.derive import derivation
from ..generator.stable import is_zero, to_exp
from .tolerances import RTOL_CLAIM_EXACT

#: Verdicts of a plain comparison (before operands, conventions and illustrations).
COMPARISONS = ("right", "rounded", "truncated", "wrong")

#: What each verdict means, for tables and pages.
VERDICT_TITLES = {
    "right": "right",
    "rounded": "rounded (the true value rounded at the last printed digit)",
    "truncated": "truncated (the true value with its digits cut at the last printed digit)",
    "convention": "right under another convention (named with the claim)",
    "typo": "typo in an operand, the result right",
    "illustrative": "illustrative (the document says the numbers are made up)",
    "wrong": "wrong (an erratum)",
}


@dataclass(frozen=True)
class ClaimResult:
    """A claim of an entry, its computed verdict, the true value and the computation."""

    entry: str
    claim: Claim
    verdict: str
    true: object
    detail: str = ""

    @property
    def seed(self) -> str:
        return CATALOG[self.entry].seed_of(self.claim)

    @property
    def as_expected(self) -> bool:
        return self.verdict == self.claim.expected

    def message(self) -> str:
        where = f"{SEEDS[self.seed]}" + (f" line {_lines(self.claim.lines)}" if self.claim.lines
                                         else "")
        return (f"{self.entry}: {self.claim.label} ({where}): the document wrote "
                f"{self.claim.document!r} (claimed {_show(self.claim.claimed)}); true value "
                f"{_show(self.true)}; verdict {self.verdict} ({self.detail}), the catalog "
                f"expects {self.claim.expected}")


def _lines(lines) -> str:
    return ", ".join(str(k) for k in lines)


def _show(v) -> str:
    if isinstance(v, tuple):
        return "(" + ", ".join(_show(c) for c in v) + ")"
    if isinstance(v, sp.Interval):
        if all(e.is_Rational or e.is_infinite for e in (v.start, v.end)):
            return str(v)
        return f"[{sp.N(v.start, 10)}, {sp.N(v.end, 10)}]"
    if isinstance(v, sp.Basic) and v.is_number and not v.is_Rational and v.is_finite:
        return f"{sp.N(v, 17)}"
    return str(v)


def _worst(verdicts) -> str:
    return max(verdicts, key=VERDICTS.index)


def _sum_instances(expr, size: int):
    data = {}
    for k in range(1, size + 1):
        data[xs[k]] = sp.Symbol(f"x{k}", real=True)
        data[ys[k]] = sp.Symbol(f"y{k}", real=True)
    return sp.expand(expr.subs(m, size).doit().xreplace(data))


def _log_of_product(expr):
    """log Π fᵢ → Σ log fᵢ (the factors of a likelihood are positive), logs expanded."""
    return expr.replace(
        lambda e: isinstance(e, sp.log) and isinstance(e.args[0], sp.Product),
        lambda e: sp.Sum(sp.expand_log(sp.log(e.args[0].function), force=True),
                         *e.args[0].limits))


def formula_verdict(claimed, true) -> str:
    """'right' when claimed ≡ true (SymPy), else 'wrong'."""
    claimed, true = (_log_of_product(v.doit()) if isinstance(v, sp.Basic) else v
                     for v in (claimed, true))
    diff = to_exp(sp.sympify(claimed)) - to_exp(sp.sympify(true))
    if diff.has(sp.Sum):
        for size in (1, 2, 3, 4):
            term = sp.expand_log(_sum_instances(diff, size), force=True)
            if sp.simplify(term) != 0:
                return "wrong"
        return "right"
    return "right" if is_zero(diff) else "wrong"


def equation_verdict(claimed: sp.Eq, true: sp.Eq) -> str:
    """'right' when the two equations have the same real solutions (in the symbols' domain)."""
    (sym,) = true.free_symbols
    domain = sp.Interval.open(0, sp.oo) if sym.is_positive else sp.S.Reals
    want = sp.solveset(true.lhs - true.rhs, sym, domain)
    if not isinstance(want, sp.FiniteSet):
        raise ValueError(f"the true equation {true} has no finite solution set")
    claimed_f = claimed.lhs - claimed.rhs
    if any(not is_zero(claimed_f.subs(sym, s)) for s in want):
        return "wrong"
    got = sp.solveset(claimed_f, sym, domain)
    return "right" if got == want else "wrong"


def _unit(printed: str) -> Decimal:
    return Decimal(10) ** Decimal(printed.rstrip("…")).as_tuple().exponent


def decimal_verdict(printed: str, true) -> str:
    """Compare a printed decimal with the true value (a number or a ``sympy.Interval``).

    ``right``: equal to RTOL_CLAIM_EXACT; ``rounded``: within half a unit of the last printed
    digit; ``truncated``: the true value cut toward zero at that digit; else ``wrong``.  A
    trailing "…" (digits cut by the catalog) admits only ``truncated``.  Against an interval
    the printed value must round (or truncate) from some point of it.
    """
    marked = printed.endswith("…")
    claimed = Decimal(printed.rstrip("…"))
    unit = _unit(printed)
    if isinstance(true, sp.Interval):
        lo, hi = (Decimal(str(sp.N(e, 40))) for e in (true.start, true.end))
        near = claimed - unit / 2 <= hi and claimed + unit / 2 >= lo
        if near and not marked:
            return "rounded"
        cut_lo, cut_hi = (claimed, claimed + unit) if claimed >= 0 else (claimed - unit, claimed)
        return "truncated" if cut_lo <= hi and cut_hi > lo else "wrong"
    value = sp.N(true, 40)
    if not value.is_real:
        return "wrong"
    tv = Decimal(str(value))
    diff = abs(claimed - tv)
    if not marked and diff <= Decimal(RTOL_CLAIM_EXACT) * abs(tv):
        return "right"
    if not marked and diff <= unit / 2 * (1 + Decimal("1e-9")):
        return "rounded"
    toward_zero = (tv >= claimed if claimed > 0 else tv <= claimed) if claimed != 0 else True
    return "truncated" if toward_zero and diff < unit else "wrong"


def _is_decimal(s: str) -> bool:
    try:
        Decimal(s.rstrip("…"))
    except ArithmeticError:
        return False
    return True


def verdict(claimed, true) -> str:
    """The plain comparison of one claimed value with the true one (:data:`COMPARISONS`)."""
    if isinstance(claimed, bool):
        return "right" if true in (True, False) and claimed == bool(true) else "wrong"
    if isinstance(claimed, sp.Basic) and isinstance(true, sp.Basic) and claimed == true:
        return "right"  # structurally identical (also the only way to compare ±oo)
    if isinstance(claimed, tuple):
        if not isinstance(true, tuple) or len(true) != len(claimed):
            return "wrong"
        return _worst([verdict(c, t) for c, t in zip(claimed, true, strict=True)])
    if isinstance(claimed, sp.Set):
        return "right" if isinstance(true, sp.Set) and claimed == true else "wrong"
    if isinstance(claimed, sp.Eq):
        return equation_verdict(claimed, true) if isinstance(true, sp.Eq) else "wrong"
    if isinstance(claimed, str):
        if not _is_decimal(claimed):
            return "right" if claimed == str(true) else "wrong"
        if isinstance(true, float):
            true = sp.Float(true, 17)
        return decimal_verdict(claimed, true)
    if isinstance(true, float):
        true = sp.Float(true, 17)
    if isinstance(true, sp.Interval):
        return decimal_verdict(str(sp.N(claimed, 30)), true)
    if isinstance(claimed, sp.Basic) and claimed.is_number and isinstance(true, sp.Basic) \
            and true.is_number and not (claimed.is_Rational or claimed.is_infinite) \
            and true.is_Float:
        return decimal_verdict(str(sp.N(claimed, 30)), true)
    if isinstance(true, sp.Basic) and true.is_Float and isinstance(claimed, sp.Basic) \
            and claimed.is_Rational:
        return "right" if abs(sp.N(claimed - true, 40)) <= RTOL_CLAIM_EXACT * max(
            1, abs(true)) else "wrong"
    return formula_verdict(claimed, true)


def judge(claim: Claim, d) -> tuple[str, object, str]:
    """(verdict, true value, the computation in words) of ``claim`` on derivation ``d``."""
    true = claim.true(d)
    if true is None:
        base, detail = "wrong", "the document states no rule to compute it by"
    else:
        base = verdict(claim.claimed, true)
        detail = f"claimed {_show(claim.claimed)} against {_show(true)}: {base}"
    if claim.operands is not None and base != "wrong":
        printed_op = sp.nsimplify(claim.operands, rational=True)
        op_verdict = verdict(claim.claimed, printed_op)
        detail += f"; the printed operation gives {_show(printed_op)} ({op_verdict})"
        if op_verdict == "wrong":
            return "typo", true, detail
    if base != "wrong":
        return base, true, detail
    held = []
    for name, other in claim.conventions:
        v = verdict(claim.claimed, other(d))
        if v != "wrong":
            held.append(f"{name} ({v}: {_show(other(d))})")
    if held:
        return "convention", true, detail + "; holds under " + "; ".join(held)
    if claim.conventions:
        detail += "; holds under none of: " + ", ".join(n for n, _ in claim.conventions)
    if claim.illustrative:
        return "illustrative", true, detail + f"; the document says: {claim.illustrative}"
    return "wrong", true, detail


def check_claims(entry_id: str) -> list[ClaimResult]:
    """Every claim of ``entry_id`` with its verdict."""
    entry = CATALOG[entry_id]
    d = derivation(entry_id) if entry.kind in ("scalar", "data") else None
    out = []
    for claim in entry.claims:
        v, true, detail = judge(claim, d)
        out.append(ClaimResult(entry_id, claim, v, true, detail))
    return out


def all_claims() -> list[ClaimResult]:
    """Every claim of every catalog entry."""
    return [r for k in CATALOG for r in check_claims(k)]


def by_verdict(results: list[ClaimResult] | None = None) -> dict[str, list[ClaimResult]]:
    """The claims grouped by verdict, in the order of :data:`VERDICTS` (empty groups kept)."""
    results = all_claims() if results is None else results
    out: dict[str, list[ClaimResult]] = {v: [] for v in VERDICTS}
    for r in results:
        out[r.verdict].append(r)
    return out


def tallies(results: list[ClaimResult] | None = None) -> dict[str, dict]:
    """Per seed document: the statements found and their verdicts.

    ``statements`` counts what the document states (a statement read two ways counts once);
    ``document`` tallies those statements by verdict (the printed reading where there are
    two); ``repaired`` tallies the repaired readings; ``reference`` tallies the values the
    catalog adds (the document does not state them).
    """
    results = all_claims() if results is None else results
    out = {k: {"statements": 0, "document": Counter(), "repaired": Counter(),
               "reference": Counter()} for k in SEEDS}
    for r in results:
        t = out[r.seed]
        if r.claim.origin == "reference":
            t["reference"][r.verdict] += 1
        elif r.claim.reading == "repaired":
            t["repaired"][r.verdict] += 1
        else:
            t["statements"] += 1
            t["document"][r.verdict] += 1
    return out


__all__ = ["COMPARISONS", "VERDICTS", "VERDICT_TITLES", "ClaimResult", "all_claims",
           "by_verdict", "check_claims", "decimal_verdict", "equation_verdict",
           "formula_verdict", "judge", "tallies", "verdict"]
