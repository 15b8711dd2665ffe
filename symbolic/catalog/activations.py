"""Activation functions: sigmoid, tanh, ReLU and sign."""

from __future__ import annotations

import sympy as sp

from ..generator.stable import sigmoid
from . import truths as t
from .entry import Claim, Entry, Source

x = sp.Symbol("x", real=True)
g = 1 / (1 + sp.exp(-x))

ENTRIES = [
    Entry(
        id="sigmoid",
        title="The sigmoid σ(x) = 1/(1 + e^(−x))",
        topic="activations",
        kind="scalar",
        sources=(
            Source("001", "Assignment: d/dx 1/(1 + e^(−x)) by the chain rule"),
            Source("004", "Activation functions"),
        ),
        expr=g,
        stable=sigmoid(x),
        variables=(x,),
        box=((-40.0, 40.0),),
        claims=(
            Claim(
                "σ'(x)",
                r"\frac{1}{1+e^{-x}} \left( 1 - \frac{1}{1+e^{-x}} \right) = g(x)(1 - g(x))",
                g * (1 - g),
                t.derivative(1),
            ),
            Claim(
                "a step of the chain rule",
                r"\frac{-1 \times e^{-x}}{(1+e^{-x})^2}",
                -1 * sp.exp(-x) / (1 + sp.exp(-x)) ** 2,
                t.derivative(1),
                "wrong",
                "d/dx (1 + e^(−x)) = −e^(−x), and f'(u) = −1/u², so the two minus signs cancel: "
                "σ' = +e^(−x)/(1 + e^(−x))². The notes carry the stray sign for a line and then "
                "continue from the right expression.",
            ),
        ),
        notes=(
            "The notes derive σ' by the chain rule with f(u) = 1/u and g(x) = 1 + e^(−x). "
            "Kernels evaluate σ by the sign of x (never overflowing) and σ' as σ(x)·σ(−x), "
            "which keeps full relative accuracy where σ(1 − σ) loses every digit."
        ),
    ),
    Entry(
        id="tanh",
        title="The hyperbolic tangent",
        topic="activations",
        kind="scalar",
        sources=(Source("004", "Activation functions"),),
        expr=sp.tanh(x),
        variables=(x,),
        box=((-20.0, 20.0),),
        claims=(Claim("tanh'(x)", r"1 - \tanh^2 x", 1 - sp.tanh(x) ** 2, t.derivative(1)),),
    ),
    Entry(
        id="relu",
        title="ReLU, max(0, x)",
        topic="activations",
        kind="scalar",
        sources=(Source("004", "Activation functions"),),
        expr=sp.Piecewise((0, x <= 0), (x, True)),
        variables=(x,),
        domain=sp.Ne(x, 0),
        box=((0.001, 10.0),),
        claims=(
            Claim("relu'(x)", "the unit step", sp.Piecewise((0, x <= 0), (1, True)), t.derivative(1)),
        ),
        notes=(
            "relu is not differentiable at 0. gradspec uses the convention relu'(0) = 0 (as "
            "PyTorch and JAX do); the checks draw points on both sides of 0, never at it."
        ),
        extra={"mirror": True},
    ),
    Entry(
        id="sign",
        title="The sign function",
        topic="activations",
        kind="scalar",
        sources=(Source("004", "Perceptron: the sign activation"),),
        expr=sp.sign(x),
        variables=(x,),
        domain=sp.Ne(x, 0),
        box=((0.001, 10.0),),
        claims=(
            Claim(
                "sign'(x), x ≠ 0",
                "0 almost everywhere",
                sp.Integer(0),
                lambda d: d.derivative(1).subs(sp.DiracDelta(d.variables[0]), 0),
            ),
        ),
        notes=(
            "sign'(x) = 2δ(x): zero everywhere except at 0, where it does not exist. Gradient "
            "descent through sign gets no signal, the perceptron's reason for a smooth activation."
        ),
        extra={"mirror": True},
    ),
]
