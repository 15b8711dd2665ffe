"""Activation functions: sigmoid, tanh, ReLU and sign."""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import function_range

from ..generator.stable import sigmoid
from .entry import Claim, Source, derivative_claim, entries

x = sp.Symbol("x", real=True)
u_pos = sp.Symbol("u", positive=True)
g = 1 / (1 + sp.exp(-x))

#: Every activation is a scalar function of the one variable x.
activation_entry = entries("activations", "scalar", variables=(x,))

ENTRIES = [
    activation_entry(
        id="sigmoid",
        title="The sigmoid σ(x) = 1/(1 + e^(−x))",
        sources=(
            Source("001", "Assignment: d/dx 1/(1 + e^(−x)) by the chain rule"),
            Source("004", "Activation functions"),
        ),
        expr=g,
        stable=sigmoid(x),
        box=((-40.0, 40.0),),
        claims=(
            Claim(
                "(1 + e^(−x))^(−1) = 1 − 1/(1 + e^(−x))",
                r"(1+e^{-x})^{-1} = 1 - \frac{1}{1+e^{-x}}",
                1 - g,
                lambda d: d.f,
                "wrong",
                "σ = 1 − σ only where σ = ½, i.e. at x = 0. (1 − σ(x) is σ(−x).)",
                seed="001",
                lines=(208,),
            ),
            Claim(
                "f(g(x)) with f(u) = 1/u, g(x) = 1 + e^(−x)",
                r"f(x) = \frac{1}{x} \ / \ g(x) = 1 + e^{-x};\ f(g(x)) = \frac{1}{1+e^{-x}}",
                g,
                lambda d: (1 / u_pos).subs(u_pos, 1 + sp.exp(-x)),
                seed="001",
                lines=(232, 234),
            ),
            Claim(
                "f'(g(x)) with f(u) = 1/u",
                r"\frac{-1}{(1+e^{-x})^2}",
                -1 / (1 + sp.exp(-x)) ** 2,
                lambda d: sp.diff(1 / u_pos, u_pos).subs(u_pos, 1 + sp.exp(-x)),
                seed="001",
                lines=(214,),
            ),
            derivative_claim("the chain rule, first line",
                             r"f'(x) = \frac{1 \times d(1+e^{-x})}{(1+e^{-x})^2}",
                             sp.Derivative(1 + sp.exp(-x), x) / (1 + sp.exp(-x)) ** 2,
                             expected="wrong",
                             note="The minus sign of f'(u) = −1/u² (written on the line above) is lost: "
                             "σ' = −1·(−e^(−x))/(1 + e^(−x))².", seed="001", lines=(216,)),
            derivative_claim("a step of the chain rule", r"\frac{-1 \times e^{-x}}{(1+e^{-x})^2}",
                             -1 * sp.exp(-x) / (1 + sp.exp(-x)) ** 2, expected="wrong",
                             note="d/dx (1 + e^(−x)) = −e^(−x), and f'(u) = −1/u², so the two minus signs cancel: "
                             "σ' = +e^(−x)/(1 + e^(−x))². The notes carry the stray sign for a line and then "
                             "continue from the right expression.", seed="001", lines=(220,)),
            derivative_claim("adding 1 − 1", r"\Rightarrow \frac{-e^{-x} + 1 - 1}{(1+e^{-x})^2}",
                             (-sp.exp(-x) + 1 - 1) / (1 + sp.exp(-x)) ** 2, expected="wrong",
                             note="Still the stray sign of the line before; the next line silently drops it.",
                             seed="001", lines=(220,)),
            derivative_claim("the sign restored", r"\Rightarrow \frac{1+e^{-x} - 1}{(1+e^{-x})^2}",
                             (1 + sp.exp(-x) - 1) / (1 + sp.exp(-x)) ** 2, seed="001", lines=(222,)),
            derivative_claim("split into two fractions",
                             r"\frac{1+e^{-x}}{(1+e^{-x})^2} - \frac{1}{(1+e^{-x})^2}",
                             (1 + sp.exp(-x)) / (1 + sp.exp(-x)) ** 2 - 1 / (1 + sp.exp(-x)) ** 2,
                             seed="001", lines=(222,)),
            derivative_claim("σ − σ²", r"\frac{1}{1+e^{-x}} - \frac{1}{(1+e^{-x})^2}", g - g**2,
                             seed="001", lines=(224,)),
            derivative_claim("σ'(x)", r"\frac{1}{1+e^{-x}} \left( 1 - \frac{1}{1+e^{-x}} \right)",
                             g * (1 - g), seed="001", lines=(226,)),
            derivative_claim("σ' written with g",
                             r"g(x) \hookrightarrow g(x)(1-g(x)),\ g(x) = 1 + e^{-x}",
                             (1 + sp.exp(-x)) * (1 - (1 + sp.exp(-x))), expected="wrong",
                             note="The notes call 1 + e^(−x) g(x) two lines further down; with that g, "
                             "g(1 − g) = −e^(−x)(1 + e^(−x)). The g meant here is the sigmoid itself.",
                             seed="001", reading="printed", lines=(228, 232)),
            derivative_claim("σ' written with g", r"g(x)(1-g(x)),\ g = \sigma", g * (1 - g),
                             seed="001", reading="repaired", lines=(228,)),
            Claim(
                "σ maps into (0, 1)",
                "with sigmoid resembling probabilities between 0 and 1",
                sp.Interval.open(0, 1),
                lambda d: function_range(d.f, d.variables[0], sp.S.Reals),
                seed="004",
                lines=(297,),
            ),
        ),
        notes=(
            "The notes derive σ' by the chain rule with f(u) = 1/u and g(x) = 1 + e^(−x). "
            "Kernels evaluate σ by the sign of x (never overflowing) and σ' as σ(x)·σ(−x), "
            "which keeps full relative accuracy where σ(1 − σ) loses every digit."
        ),
    ),
    activation_entry(
        id="tanh",
        title="The hyperbolic tangent",
        sources=(Source("004", "Activation functions"),),
        expr=sp.tanh(x),
        box=((-20.0, 20.0),),
        claims=(derivative_claim("tanh'(x)", r"1 - \tanh^2 x", 1 - sp.tanh(x) ** 2,
                                 origin="reference"),),
    ),
    activation_entry(
        id="relu",
        title="ReLU, max(0, x)",
        sources=(Source("004", "Activation functions"),),
        expr=sp.Piecewise((0, x <= 0), (x, True)),
        domain=sp.Ne(x, 0),
        box=((0.001, 10.0),),
        claims=(
            derivative_claim("relu'(x)", "the unit step", sp.Piecewise((0, x <= 0), (1, True)),
                             origin="reference"),
        ),
        notes=(
            "relu is not differentiable at 0. gradspec uses the convention relu'(0) = 0 (as "
            "PyTorch and JAX do); the checks draw points on both sides of 0, never at it."
        ),
        extra={"mirror": True},
    ),
    activation_entry(
        id="sign",
        title="The sign function",
        sources=(Source("004", "Perceptron: the sign activation"),),
        expr=sp.sign(x),
        domain=sp.Ne(x, 0),
        box=((0.001, 10.0),),
        claims=(
            Claim(
                "sign'(x), x ≠ 0",
                "0 almost everywhere",
                sp.Integer(0),
                lambda d: d.derivative(1).subs(sp.DiracDelta(d.variables[0]), 0),
                origin="reference",
            ),
            Claim(
                "sign: +1 for positive, −1 for negative inputs",
                "It assigns an output of +1 for positive inputs and -1 for negative inputs.",
                (sp.Integer(1), sp.Integer(-1)),
                lambda d: (d.f.subs(d.variables[0], u_pos), d.f.subs(d.variables[0], -u_pos)),
                lines=(224,),
            ),
            Claim(
                "sign is not linear",
                "The sign function, in this case, serves as a basic example of a nonlinear "
                "function.",
                True,
                lambda d: d.f.subs(d.variables[0], 2) != 2 * d.f.subs(d.variables[0], 1),
                note="sign(2·1) = 1 ≠ 2·sign(1).",
                lines=(224,),
            ),
        ),
        notes=(
            "sign'(x) = 2δ(x): zero everywhere except at 0, where it does not exist. Gradient "
            "descent through sign gets no signal, the perceptron's reason for a smooth activation."
        ),
        extra={"mirror": True},
    ),
]
