"""Models: the hypotheses and predictors the costs are built on."""

from __future__ import annotations

import sympy as sp

from .entry import Claim, Source, entries
from .symbols import Xs, b, i, j, n, theta0, theta1, wv

x = sp.Symbol("x", real=True)

def _three_features():
    """The linear model ŷ = Xw + b for one sample of three features, the sum written out."""
    from . import CATALOG

    expr = CATALOG["linear_model"].expr.subs(n, 3).doit()
    return expr.xreplace({**{Xs[i, k]: sp.Symbol(f"x{k}") for k in (1, 2, 3)},
                          **{wv[k]: sp.Symbol(f"w{k}") for k in (1, 2, 3)}})


#: Predictions ŷ(params, X) (the hypothesis h(x) of one sample is a scalar function).
model_entry = entries("models", "model")

ENTRIES = [
    model_entry(
        id="linear_hypothesis",
        title="The hypothesis of simple linear regression, h(x) = θ0 + θ1 x",
        kind="scalar",
        sources=(Source("000", "Model representation: hypothesis"),),
        expr=theta0 + theta1 * x,
        variables=(theta0, theta1, x),
        box=((-5.0, 5.0), (-5.0, 5.0), (-5.0, 5.0)),
        claims=(
            Claim("∂h/∂θ0", r"g'(x) = \frac{\partial}{\partial \theta_0} (1 \cdot \theta_0 + "
                  r"\theta_1 \cdot x^{(1)} - y^{(1)}) = 1", sp.Integer(1), lambda d: d.grad[0],
                  lines=(1231,)),
            Claim("∂h/∂θ1", r"2(\ldots) * x^{(1)}: \ \partial h / \partial \theta_1 = x", x,
                  lambda d: d.grad[1], lines=(1384,)),
        ),
    ),
    model_entry(
        id="linear_model",
        title="The linear model ŷ = Xw + b",
        sources=(Source("004", "Linear models"),),
        expr=sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + b,
        extra={"params": ("w", "b"), "activation": None},
        claims=(
            Claim("y = Xw + b for three features",
                  r"y = X \cdot w + b;\ y = x_1 \cdot w_1 + x_2 \cdot w_2 + x_3 \cdot w_3 + b",
                  sum(sp.Symbol(f"x{k}") * sp.Symbol(f"w{k}") for k in (1, 2, 3)) + b,
                  lambda d: _three_features(), lines=(401, 402)),
            Claim("without b the model passes through the origin",
                  "The bias term ensures that models are not constrained to pass through the "
                  "origin", True, lambda d: _three_features().subs(b, 0).subs(
                      {sp.Symbol(f"x{k}"): 0 for k in (1, 2, 3)}) == 0
                  and _three_features().subs({sp.Symbol(f"x{k}"): 0 for k in (1, 2, 3)}) == b,
                  note="ŷ(0) = b: without it every model passes through the origin.",
                  lines=(236,)),
        ),
        notes="Its Jacobian with respect to w is X, with respect to b a column of ones.",
    ),
    model_entry(
        id="perceptron",
        title="The perceptron ŷ = sign(xᵀw + b)",
        sources=(Source("004", "The perceptron"),),
        expr=sp.sign(sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + b),
        extra={"params": ("w", "b"), "activation": "sign"},
        notes="Its gradient is zero almost everywhere (see `sign`): it cannot be trained by GD.",
    ),
]
