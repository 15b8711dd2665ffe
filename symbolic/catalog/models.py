"""Models: the hypotheses and predictors the costs are built on."""

from __future__ import annotations

import sympy as sp

from .entry import Claim, Entry, Source

theta0, theta1, x = sp.symbols("theta0 theta1 x", real=True)
i = sp.Symbol("i", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
Xs = sp.IndexedBase("X", real=True)
wv = sp.IndexedBase("w", real=True)
b = sp.Symbol("b", real=True)

ENTRIES = [
    Entry(
        id="linear_hypothesis",
        title="The hypothesis of simple linear regression, h(x) = θ0 + θ1 x",
        topic="models",
        kind="scalar",
        sources=(Source("000", "Model representation: hypothesis"),),
        expr=theta0 + theta1 * x,
        variables=(theta0, theta1, x),
        box=((-5.0, 5.0), (-5.0, 5.0), (-5.0, 5.0)),
        claims=(
            Claim("∂h/∂θ0", "1", sp.Integer(1), lambda d: d.grad[0]),
            Claim("∂h/∂θ1", "x", x, lambda d: d.grad[1]),
        ),
    ),
    Entry(
        id="linear_model",
        title="The linear model ŷ = Xw + b",
        topic="models",
        kind="model",
        sources=(Source("004", "Linear models"),),
        expr=sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + b,
        extra={"params": ("w", "b"), "activation": None},
        notes="Its Jacobian with respect to w is X, with respect to b a column of ones.",
    ),
    Entry(
        id="perceptron",
        title="The perceptron ŷ = sign(xᵀw + b)",
        topic="models",
        kind="model",
        sources=(Source("004", "The perceptron"),),
        expr=sp.sign(sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + b),
        extra={"params": ("w", "b"), "activation": "sign"},
        notes="Its gradient is zero almost everywhere (see `sign`): it cannot be trained by GD.",
    ),
]
