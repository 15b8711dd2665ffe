"""Claims that are not functions to compile: a projection, scaling, a fallacy, a table, and
the directional derivative (a function built from `sin_cos`'s derived gradient)."""

from __future__ import annotations

import sympy as sp

from .datasets import DATASETS
from .entry import Claim, Entry, Source

x, y = sp.symbols("x y", real=True)
_f = sp.sin(x) * sp.cos(y)
_u = (sp.Rational(1, 2), sp.sqrt(3) / 2)


def exact(values):
    """Float data as exact rationals (each float is the decimal the document printed)."""
    return [sp.Rational(repr(float(v))) for v in values]


def _projection():
    n_, a_, b_ = sp.Matrix([4, 3, 5]), sp.Matrix([1, 2, -1]), sp.Matrix([3, 1, 5])
    p = (n_.dot(a_) / a_.dot(a_)) * a_ + (n_.dot(b_) / b_.dot(b_)) * b_
    return tuple(p)


def _errors():
    yhat, ytrue = (exact(v) for v in DATASETS["errors_table"])
    return tuple(a - b for a, b in zip(yhat, ytrue, strict=True))


def _binarized():
    yhat, ytrue = (exact(v) for v in DATASETS["errors_table"])
    half = sp.Rational(1, 2)
    return tuple(sp.Integer(int((a > half) != (b > half))) for a, b in zip(yhat, ytrue, strict=True))


def _minmax():
    xs = exact(DATASETS["sglt1_glucose"][0])
    lo, hi = min(xs), max(xs)
    return tuple((v - lo) / (hi - lo) for v in xs)


ENTRIES = [
    Entry(
        id="directional_derivative",
        title="The directional derivative of sin x cos y along u = (½, √3/2)",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Directional derivatives"),),
        # D_u f = ∇f · u, with ∇f differentiated here by SymPy (not typed in).
        expr=sp.diff(_f, x) * _u[0] + sp.diff(_f, y) * _u[1],
        variables=(x, y),
        box=((-4.0, 4.0), (-4.0, 4.0)),
        claims=(
            Claim(
                "D_u f",
                r"\frac{1}{2} \cos(x) \cos(y) - \frac{\sqrt{3}}{2} \sin(x) \sin(y)",
                sp.cos(x) * sp.cos(y) / 2 - sp.sqrt(3) / 2 * sp.sin(x) * sp.sin(y),
                lambda d: d.f,
            ),
            Claim("D_u f(2, 2.5)", "-0.3", "-0.3", lambda d: d.value(2, "2.5"), "rounded"),
            Claim("D_u f(2, 2.5), reference", "-0.3045849643", "-0.3045849643",
                  lambda d: d.value(2, "2.5"), "rounded", origin="reference"),
            Claim("|u|", r"(1/2)^2 + (\sqrt{3}/2)^2 = 1", sp.Integer(1),
                  lambda d: _u[0] ** 2 + _u[1] ** 2),
            Claim("Δy = b·s for s = 0.2", r"\frac{\sqrt{3}}{2} \times 0.2 = 0.17", "0.17",
                  lambda d: _u[1] * sp.Rational("0.2"), "rounded"),
            Claim("f(2.1, 2.5 + 0.1√3)", "f(2.1, 2.67) = -0.77", "-0.77",
                  lambda d: _f.subs({x: sp.Rational("2.1"), y: sp.Rational("2.5") + sp.sqrt(3) / 10}),
                  "rounded"),
        ),
        notes="D_u f = ∇f·u for a unit vector u; here f = sin x cos y (`sin_cos`).",
    ),
    Entry(
        id="projection_onto_plane",
        title="Projection of n = (4, 3, 5) onto span{a, b}",
        topic="geometry",
        kind="claims",
        sources=(Source("001", "Projection onto a plane"),),
        claims=(
            Claim("a ⟂ b", "a·b = 0", sp.Integer(0),
                  lambda d: sp.Matrix([1, 2, -1]).dot(sp.Matrix([3, 1, 5]))),
            Claim(
                "projection",
                r"\left(\frac{895}{210}, \frac{590}{210}, \frac{1025}{210}\right)",
                (sp.Rational(895, 210), sp.Rational(590, 210), sp.Rational(1025, 210)),
                lambda d: _projection(),
            ),
        ),
        notes="Because a ⟂ b, the projection is (n·a/‖a‖²) a + (n·b/‖b‖²) b.",
    ),
    Entry(
        id="min_max_scaling",
        title="Min–max scaling and standardisation",
        topic="geometry",
        kind="claims",
        sources=(Source("001", "Standardization vs normalization"),),
        claims=(
            Claim("min–max scaled sglt1 x", r"\frac{x_i - x_{\min}}{x_{\max} - x_{\min}}",
                  (sp.Rational(1, 10), sp.Rational(6, 10), sp.Integer(1), sp.Integer(0)),
                  lambda d: _minmax()),
        ),
        notes="`gradspec.kernels.scaling` implements both; the fits scale and unscale with them.",
    ),
    Entry(
        id="fallacy_sum_of_ones",
        title="The fallacy d/dx(x) = d/dx(1 + 1 + … + 1) = 0",
        topic="calculus",
        kind="claims",
        sources=(Source("001", "What is wrong with this reasoning?"),),
        claims=(
            Claim(
                "d/dx(x)",
                r"\frac{d}{dx}(\underbrace{1 + \dots + 1}_{x}) = 0",
                sp.Integer(0),
                lambda d: sp.diff(x, x),
                "wrong",
                "The number of terms depends on x, and the sum only means something for whole "
                "numbers x, so it cannot be differentiated term by term; d/dx x = 1.",
            ),
        ),
    ),
    Entry(
        id="errors_table",
        title="The errors table: ŷ − y and binarized errors",
        topic="models",
        kind="claims",
        sources=(Source("004", "Errors"),),
        claims=(
            Claim("errors ŷ − y", "(−.1, +.2, −.9, +.51)",
                  ("-0.1", "0.2", "-0.9", "0.51"), lambda d: _errors()),
            Claim("binarized errors", "(0, 0, 1, 1)",
                  (sp.Integer(0), sp.Integer(0), sp.Integer(1), sp.Integer(1)),
                  lambda d: _binarized()),
        ),
    ),
]
