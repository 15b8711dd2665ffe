"""Stability rewrites: the same value, without the overflow.

The documents write the sigmoid as 1/(1 + e^(−z)) and the log-loss with ln σ(z) and
ln(1 − σ(z)).  Evaluated as written in float64 these overflow or cancel for |z| beyond about
36 (1 − σ(z) rounds to 0 and its log is −inf).  gradspec evaluates them through two SymPy
functions whose numeric implementations never overflow (``gradspec.kernels._stable``):

* ``sigmoid(z)``  = 1/(1 + e^(−z)), computed by the sign of z;
* ``softplus(z)`` = ln(1 + e^z) = logaddexp(0, z).

Their derivative rules are data (one line each, as autograd keeps its primitives) and each is
*proved* by SymPy against the document's exp/log form in :func:`proofs`; the rewrites of the
documents' expressions are the named rules in :data:`RULES`, each proved the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


class sigmoid(sp.Function):  # noqa: N801 - SymPy function names are lower case
    """σ(z) = 1/(1 + e^(−z)), printed as the sign-split stable kernel."""

    nargs = 1

    def fdiff(self, argindex=1):
        # σ'(z) = σ(z)·σ(−z): the same as σ(1 − σ) but without the cancellation of 1 − σ
        # for large z (proved in `proofs`).
        z = self.args[0]
        return sigmoid(z) * sigmoid(-z)

    def _eval_rewrite_as_exp(self, z, **kwargs):
        return 1 / (1 + sp.exp(-z))

    def _latex(self, printer):
        return r"\sigma\left(" + printer._print(self.args[0]) + r"\right)"


class softplus(sp.Function):  # noqa: N801
    """softplus(z) = ln(1 + e^z), printed as the overflow-free kernel."""

    nargs = 1

    def fdiff(self, argindex=1):
        # d/dz ln(1 + e^z) = σ(z) (proved in `proofs`).
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, z, **kwargs):
        return sp.log(1 + sp.exp(z))

    def _latex(self, printer):
        return r"\operatorname{softplus}\left(" + printer._print(self.args[0]) + r"\right)"


def to_exp(expr: sp.Expr) -> sp.Expr:
    """Rewrite ``sigmoid``/``softplus`` back into the documents' exp/log form."""
    return expr.replace(sigmoid, lambda z: 1 / (1 + sp.exp(-z))).replace(
        softplus, lambda z: sp.log(1 + sp.exp(z))
    )


_z = sp.Symbol("z", real=True)
_y = sp.Symbol("y", real=True)


@dataclass(frozen=True)
class Rule:
    """A rewrite ``document_form -> stable_form`` that keeps the value.

    ``document`` and ``stable`` are expressions in the symbols ``z`` (and ``y``); ``why`` says
    what overflows or cancels in the document's form.
    """

    name: str
    document: sp.Expr
    stable: sp.Expr
    why: str

    def proved(self) -> bool:
        """True when SymPy shows ``document − to_exp(stable)`` is identically zero."""
        return is_zero(self.document - to_exp(self.stable))


def is_zero(expr: sp.Expr) -> bool:
    """Decide expr ≡ 0 with SymPy (simplify, then rewriting exponentials).

    Used for proofs only; returns False when SymPy cannot decide, so a proof never passes
    by default.
    """
    for candidate in (
        expr,
        sp.simplify(expr),
        sp.simplify(sp.expand_log(sp.powsimp(expr), force=True)),
        sp.simplify(expr.rewrite(sp.exp)),
    ):
        if candidate == 0:
            return True
    return False


SIGMOID = 1 / (1 + sp.exp(-_z))

RULES: tuple[Rule, ...] = (
    Rule(
        "sigmoid_by_sign",
        SIGMOID,
        sigmoid(_z),
        "e^(−z) overflows for z < −709; evaluated as e^z/(1 + e^z) when z < 0.",
    ),
    Rule(
        "log_sigmoid",
        sp.log(SIGMOID),
        -softplus(-_z),
        "ln σ(z) is ln 0 = −inf once σ(z) underflows (z < −745); −softplus(−z) stays finite.",
    ),
    Rule(
        "log_one_minus_sigmoid",
        sp.log(1 - SIGMOID),
        -softplus(_z),
        "1 − σ(z) rounds to 0 for z > 37, so ln(1 − σ) = −inf; −softplus(z) is exact.",
    ),
    Rule(
        "log_loss_term",
        -(_y * sp.log(SIGMOID) + (1 - _y) * sp.log(1 - SIGMOID)),
        _y * softplus(-_z) + (1 - _y) * softplus(_z),
        "the per-sample log-loss without a log of 0. Equal to logaddexp(0, z) − y·z, but that "
        "form cancels for y = 1 and large z (the loss 4e-18 at z = 40 comes out 0); this one "
        "keeps full relative accuracy, and so does its z-derivative −y·σ(−z) + (1 − y)·σ(z).",
    ),
    Rule(
        "log_loss_logaddexp",
        -(_y * sp.log(SIGMOID) + (1 - _y) * sp.log(1 - SIGMOID)),
        softplus(_z) - _y * _z,
        "the logaddexp(0, z) − y·z form libraries use: equal, but it cancels for y = 1, z ≫ 0.",
    ),
    Rule(
        "sigmoid_derivative",
        sp.diff(SIGMOID, _z),
        sigmoid(_z) * sigmoid(-_z),
        "σ(1 − σ) loses every digit once 1 − σ rounds; σ(z)·σ(−z) keeps full relative accuracy.",
    ),
    Rule(
        "softplus_derivative",
        sp.diff(sp.log(1 + sp.exp(_z)), _z),
        sigmoid(_z),
        "the derivative rule of softplus.",
    ),
)


def proofs() -> dict[str, bool]:
    """Prove every rule and both derivative rules; name → proved."""
    out = {rule.name: rule.proved() for rule in RULES}
    # The fdiff rules above are data; check them against differentiating the exp form.
    out["fdiff_sigmoid"] = is_zero(
        to_exp(sp.diff(sigmoid(_z), _z)) - sp.diff(to_exp(sigmoid(_z)), _z)
    )
    out["fdiff_softplus"] = is_zero(
        to_exp(sp.diff(softplus(_z), _z)) - sp.diff(to_exp(softplus(_z)), _z)
    )
    return out
