"""Verdicts on the documents' claims: right, rounded, or wrong — each against the derivation.

A formula claim is right when SymPy proves claimed − true ≡ 0.  Formulas with sums over
samples are compared for m = 1…4 samples with the data as symbols (an identity of the
summands checked on every small size).  A decimal claim is right when it equals the true
value to RTOL_CLAIM_EXACT, rounded when it is the true value rounded at its last printed
digit, wrong otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sympy as sp

from ..catalog import CATALOG, Claim
from ..catalog.costs import m, xs, ys
from ..generator.derive import derivation
from ..generator.stable import is_zero, to_exp
from .tolerances import RTOL_CLAIM_EXACT

VERDICTS = ("right", "rounded", "wrong")


@dataclass(frozen=True)
class ClaimResult:
    """A claim of an entry, its computed verdict and the true value."""

    entry: str
    claim: Claim
    verdict: str
    true: object

    @property
    def as_expected(self) -> bool:
        return self.verdict == self.claim.expected

    def message(self) -> str:
        return (f"{self.entry}: {self.claim.label}: the document wrote {self.claim.document!r} "
                f"(claimed {_show(self.claim.claimed)}); true value {_show(self.true)}; verdict "
                f"{self.verdict}, the catalog expects {self.claim.expected}")


def _show(v) -> str:
    if isinstance(v, tuple):
        return "(" + ", ".join(_show(c) for c in v) + ")"
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


def formula_verdict(claimed, true) -> str:
    """'right' when claimed ≡ true (SymPy), else 'wrong'."""
    claimed = claimed.doit() if isinstance(claimed, sp.Basic) else claimed
    diff = to_exp(sp.sympify(claimed)) - to_exp(sp.sympify(true))
    if diff.has(sp.Sum):
        for size in (1, 2, 3, 4):
            if sp.simplify(_sum_instances(diff, size)) != 0:
                return "wrong"
        return "right"
    return "right" if is_zero(diff) else "wrong"


def decimal_verdict(printed: str, true) -> str:
    """Compare a printed decimal with the true value.

    A trailing "…" marks a truncation (digits cut, not rounded): it is "rounded" when the
    true value lies within one unit of the last printed digit, on the side away from zero.
    """
    value = sp.N(true, 40)
    if not value.is_real:
        return "wrong"
    truncated = printed.endswith("…")
    claimed = Decimal(printed.rstrip("…"))
    tv = Decimal(str(sp.N(value, 40)))
    diff = abs(claimed - tv)
    unit = Decimal(10) ** claimed.as_tuple().exponent
    if truncated:
        ok = diff < unit and abs(tv) >= abs(claimed)
        return "rounded" if ok else "wrong"
    if diff <= Decimal(RTOL_CLAIM_EXACT) * abs(tv):
        return "right"
    return "rounded" if diff <= unit / 2 * (1 + Decimal("1e-9")) else "wrong"


def verdict(claimed, true) -> str:
    """The verdict of one claimed value against the true one (tuples element-wise)."""
    if isinstance(claimed, sp.Basic) and isinstance(true, sp.Basic) and claimed == true:
        return "right"  # structurally identical (also the only way to compare ±oo)
    if isinstance(claimed, tuple):
        if not isinstance(true, tuple) or len(true) != len(claimed):
            return "wrong"
        return _worst([verdict(c, t) for c, t in zip(claimed, true, strict=True)])
    if isinstance(claimed, str):
        try:
            Decimal(claimed.rstrip("…"))
        except ArithmeticError:
            return "right" if claimed == str(true) else "wrong"
        if isinstance(true, float):
            true = sp.Float(true, 17)
        return decimal_verdict(claimed, true)
    if isinstance(true, float):
        true = sp.Float(true, 17)
    if isinstance(claimed, sp.Basic) and claimed.is_number and isinstance(true, sp.Basic) \
            and true.is_number and not (claimed.is_Rational or claimed.is_infinite) \
            and true.is_Float:
        return decimal_verdict(str(sp.N(claimed, 30)), true)
    if isinstance(true, sp.Basic) and true.is_Float and isinstance(claimed, sp.Basic) \
            and claimed.is_Rational:
        return "right" if abs(sp.N(claimed - true, 40)) <= RTOL_CLAIM_EXACT * max(
            1, abs(true)) else "wrong"
    return formula_verdict(claimed, true)


def check_claims(entry_id: str) -> list[ClaimResult]:
    """Every claim of ``entry_id`` with its verdict."""
    entry = CATALOG[entry_id]
    d = derivation(entry_id) if entry.kind in ("scalar", "data") else None
    out = []
    for claim in entry.claims:
        true = claim.true(d)
        out.append(ClaimResult(entry_id, claim, verdict(claim.claimed, true), true))
    return out


def all_claims() -> list[ClaimResult]:
    """Every claim of every catalog entry."""
    return [r for k in CATALOG for r in check_claims(k)]
