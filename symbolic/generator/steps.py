"""Step-by-step derivations, where the documents work a derivation step by step.

Each step is an expression computed by SymPy with a sentence saying what was done; a step
marked ``equal`` is proved equal to the one before it (``check`` fails otherwise), so the
docs never show a step that does not follow.  Covered, as the documents do them:

* ``cost_mse_half``: the m = 2 expansion of the cost and the chain rule, term by term (000);
* ``sigmoid``: σ' by the chain rule with f(u) = 1/u, g(x) = 1 + e^(−x) (001);
* ``log_loss``: from the likelihood to the log-loss (003);
* ``poly_xy``, ``x2_sin_y``, ``sin_cos``, ``paraboloid``, ``three_var``: partial derivatives,
  holding the other variables constant (001, 002, 003).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..catalog import CATALOG
from .derive import derivation
from .stable import is_zero


@dataclass(frozen=True)
class Step:
    """One line of a derivation: what was done, and the result."""

    text: str
    lhs: str  # LaTeX of the left-hand side (e.g. "\\frac{\\partial J}{\\partial \\theta_1}")
    expr: sp.Expr
    equal: bool = True  # proved equal to the previous step's expression

    @property
    def latex(self) -> str:
        return sp.latex(self.expr)


def _chain_cost() -> list[Step]:
    t0, t1 = sp.symbols("theta0 theta1", real=True)
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    r1, r2 = t0 + t1 * x1 - y1, t0 + t1 * x2 - y2
    J = sp.Rational(1, 4) * (r1**2 + r2**2)
    u = sp.Symbol("u")
    outer = u**2
    steps = [
        Step("The cost for m = 2 samples, J = 1/(2m) Σ (h(xᵢ) − yᵢ)², written out:",
             "J(\\theta_0, \\theta_1)", J, equal=False),
        Step(r"Each term is f(g(θ)) with \(f(u) = u^2\) and \(g = \theta_0 + \theta_1 x_i - y_i\); "
             rf"\(f'(u) = {sp.latex(sp.diff(outer, u))}\) and \(\partial g/\partial\theta_1 = "
             r"x_i\), so by the chain rule \((f(g(\theta)))' = f'(g)\,g'\):",
             "\\frac{\\partial J}{\\partial \\theta_1}",
             sp.Mul(sp.Rational(1, 4),
                    sp.Add(sp.Mul(sp.diff(outer, u).subs(u, r1), sp.diff(r1, t1),
                                  evaluate=False),
                           sp.Mul(sp.diff(outer, u).subs(u, r2), sp.diff(r2, t1),
                                  evaluate=False), evaluate=False), evaluate=False),
             equal=False),
        Step("which SymPy confirms is ∂J/∂θ1 of the expanded cost:",
             "\\frac{\\partial J}{\\partial \\theta_1}", sp.diff(J, t1)),
        Step(r"Collecting, \(\frac{1}{m} \sum_i (h(x_i) - y_i)\,x_i\) with m = 2:",
             "\\frac{\\partial J}{\\partial \\theta_1}",
             sp.Mul(sp.Rational(1, 2), sp.Add(sp.Mul(r1, x1, evaluate=False),
                                              sp.Mul(r2, x2, evaluate=False), evaluate=False),
                    evaluate=False)),
        Step("and for θ0, where ∂g/∂θ0 = 1:", "\\frac{\\partial J}{\\partial \\theta_0}",
             sp.diff(J, t0), equal=False),
        Step(r"that is \(\frac{1}{m} \sum_i (h(x_i) - y_i)\):",
             "\\frac{\\partial J}{\\partial \\theta_0}",
             sp.Mul(sp.Rational(1, 2), sp.Add(r1, r2, evaluate=False), evaluate=False)),
    ]
    return steps


def _chain_sigmoid() -> list[Step]:
    x, u = sp.symbols("x u", real=True)
    g = 1 + sp.exp(-x)
    f = 1 / u
    fprime = sp.diff(f, u)
    gprime = sp.diff(g, x)
    sigma = 1 / g
    return [
        Step(r"σ(x) = f(g(x)) with \(f(u) = 1/u\) and \(g(x) = 1 + e^{-x}\):", "\\sigma(x)",
             sigma, equal=False),
        Step(rf"\(f'(u) = {sp.latex(fprime)}\) and \(g'(x) = {sp.latex(gprime)}\); the chain "
             "rule f′(g(x))·g′(x) gives", "\\sigma'(x)",
             sp.Mul(fprime.subs(u, g), gprime, evaluate=False), equal=False),
        Step("the two minus signs cancel:", "\\sigma'(x)",
             sp.exp(-x) / (1 + sp.exp(-x)) ** 2),
        Step(r"add and subtract 1 in the numerator, \((1 + e^{-x} - 1)/(1 + e^{-x})^2\):",
             "\\sigma'(x)", 1 / (1 + sp.exp(-x)) - 1 / (1 + sp.exp(-x)) ** 2),
        Step(r"factor out \(\sigma(x) = 1/(1 + e^{-x})\):", "\\sigma'(x)",
             sp.Mul(sigma, 1 - sigma, evaluate=False)),
        Step("which is SymPy's derivative of σ:", "\\sigma'(x)", sp.diff(sigma, x)),
    ]


def _likelihood_to_log_loss() -> list[Step]:
    a1, a2, a3 = sp.symbols("a1 a2 a3", positive=True)
    y1, y2, y3 = sp.symbols("y1 y2 y3", real=True)
    pairs = ((a1, y1), (a2, y2), (a3, y3))
    L = sp.Mul(*[a**y * (1 - a) ** (1 - y) for a, y in pairs])
    logL = sp.log(L)
    expanded = sp.Add(*[y * sp.log(a) + (1 - y) * sp.log(1 - a) for a, y in pairs])
    return [
        Step("The likelihood of m = 3 samples, L = Π aᵢ^yᵢ (1 − aᵢ)^(1 − yᵢ):", "L", L,
             equal=False),
        Step("take the logarithm:", "\\ln L", logL, equal=False),
        Step("the log of a product is the sum of the logs, ln(a^y) = y ln a:", "\\ln L",
             expanded),
        Step("divide by −m (here m = 3) to get the average log-loss:",
             "J = -\\frac{1}{m} \\ln L", -expanded / 3, equal=False),
        Step("and −(1/m) ln L is the same expression:", "J", -sp.expand_log(logL, force=True) / 3),
    ]


def _partials(entry_id: str) -> list[Step]:
    d = derivation(entry_id)
    steps = [Step("The function:", "f", d.f, equal=False)]
    for v, g in zip(d.variables, d.grad, strict=True):
        others = [str(o) for o in d.variables if o != v]
        hold = f"hold {', '.join(others)} constant and differentiate in {v}" if others else \
            f"differentiate in {v}"
        steps.append(Step(hold + ":", f"\\frac{{\\partial f}}{{\\partial {sp.latex(v)}}}", g,
                          equal=False))
    return steps


BUILDERS = {
    "cost_mse_half": _chain_cost,
    "sigmoid": _chain_sigmoid,
    "log_loss": _likelihood_to_log_loss,
    "poly_xy": lambda: _partials("poly_xy"),
    "x2_sin_y": lambda: _partials("x2_sin_y"),
    "sin_cos": lambda: _partials("sin_cos"),
    "paraboloid": lambda: _partials("paraboloid"),
    "three_var": lambda: _partials("three_var"),
}


def steps(entry_id: str) -> list[Step]:
    """The step-by-step derivation of ``entry_id`` (empty when the document has none)."""
    if entry_id not in CATALOG:
        raise KeyError(entry_id)
    builder = BUILDERS.get(entry_id)
    return builder() if builder else []


def check(entry_id: str) -> list[str]:
    """Problems with a derivation: a step marked equal that SymPy cannot prove equal."""
    out = []
    seq = steps(entry_id)
    for prev, cur in zip(seq, seq[1:], strict=False):
        if cur.equal and not is_zero(sp.expand(cur.expr - prev.expr)):
            out.append(f"{entry_id}: step “{cur.text}” does not follow from the previous one")
    return out
