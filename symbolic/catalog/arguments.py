"""Claims that are not functions to compile: a projection, scaling, a fallacy, a table, and
the directional derivative (a function built from `sin_cos`'s derived gradient)."""

from __future__ import annotations

import sympy as sp

from ..generator.stable import is_zero
from .datasets import DATASETS
from .entry import Claim, Entry, Source, claims_entry

x, y = sp.symbols("x y", real=True)
_f = sp.sin(x) * sp.cos(y)
_u = (sp.Rational(1, 2), sp.sqrt(3) / 2)


def exact(values):
    """Float data as exact rationals (each float is the decimal the document printed)."""
    return [sp.Rational(repr(float(v))) for v in values]


_N, _A, _B = sp.Matrix([4, 3, 5]), sp.Matrix([1, 2, -1]), sp.Matrix([3, 1, 5])


def _unit(v):
    return v / sp.sqrt(v.dot(v))


def _part(v):
    """(n·v̂) v̂: the projection of n onto the line of v."""
    return _N.dot(_unit(v)) * _unit(v)


def _projection():
    return tuple(_part(_A) + _part(_B))


def _chain_rule_claimed():
    F = sp.Function("F")
    x0, y0, z0, a, b, c = sp.symbols("x0 y0 z0 a b c", real=True)
    return sum(k * sp.Derivative(F(x0, y0, z0), v) for k, v in ((a, x0), (b, y0), (c, z0)))


def _chain_rule_true():
    F = sp.Function("F")
    x0, y0, z0, a, b, c, s = sp.symbols("x0 y0 z0 a b c s", real=True)
    return sp.diff(F(x0 + a * s, y0 + b * s, z0 + c * s), s).subs(s, 0).doit()


def _slope_moment(which: str):
    """Var(y) or |corr(x, y)| for y = m x + ε/2, x ~ N(0, σ²), ε ~ N(0, 1) (SymPy stats)."""
    from sympy import stats

    slope, sigma = sp.Symbol("m", real=True), sp.Symbol("sigma", positive=True)
    xr, eps = stats.Normal("x", 0, sigma), stats.Normal("e", 0, 1)
    yr = slope * xr + eps / 2
    if which == "variance":
        return sp.simplify(stats.variance(yr)), slope
    return sp.Abs(sp.simplify(stats.correlation(xr, yr))), slope


def _grows_with_slope(which: str) -> bool:
    """The quantity depends on |m| only and strictly increases with it."""
    expr, slope = _slope_moment(which)
    even = is_zero(expr - expr.subs(slope, -slope))
    positive = sp.Symbol("m", positive=True)
    rising = sp.simplify(sp.diff(expr.subs(slope, positive), positive)).is_positive
    return bool(even and rising)


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
                lines=(1159, 1161, 1163),
            ),
            Claim(
                "D_u f by the chain rule",
                r"\frac{d}{ds}[f(x_0 + a s, y_0 + b s, z_0 + c s)]|_{s=0} = f_x a + f_y b + f_z c",
                _chain_rule_claimed(),
                lambda d: _chain_rule_true(),
                lines=(1058,),
            ),
            Claim("D_u f(2, 2.5)", r"\frac{1}{2} \cos(2) \cos(2.5) - \frac{\sqrt{3}}{2} \sin(2)"
                  r" \sin(2.5) = -0.3", "-0.3", lambda d: d.value(2, "2.5"), "rounded",
                  lines=(1167,)),
            Claim("D_u f(2, 2.5), reference", "-0.3045849643", "-0.3045849643",
                  lambda d: d.value(2, "2.5"), "rounded", origin="reference"),
            Claim("|u|", r"(1/2)^2 + (\sqrt{3}/2)^2 = 1", sp.Integer(1),
                  lambda d: _u[0] ** 2 + _u[1] ** 2, lines=(1038, 1076)),
            Claim("Δx = a·s for s = 0.2", r"\frac{1}{2} \times 0.2 = 0.1", "0.1",
                  lambda d: _u[0] * sp.Rational("0.2"), lines=(1098,)),
            Claim("Δy = b·s for s = 0.2", r"\frac{\sqrt{3}}{2} \times 0.2 = 0.17", "0.17",
                  lambda d: _u[1] * sp.Rational("0.2"), "rounded", lines=(1100,)),
            Claim("I₀ = (2 + Δx, 2.5 + Δy)", "(2.1, 2.67)", ("2.1", "2.67"),
                  lambda d: (2 + _u[0] * sp.Rational("0.2"),
                             sp.Rational("2.5") + _u[1] * sp.Rational("0.2")), "rounded",
                  lines=(1102, 1104)),
            Claim("f(2.1, 2.5 + 0.1√3)", "f(2.1, 2.67) = -0.77", "-0.77",
                  lambda d: _f.subs({x: sp.Rational("2.1"), y: sp.Rational("2.5") + sp.sqrt(3) / 10}),
                  "rounded", lines=(1117, 1119)),
        ),
        notes="D_u f = ∇f·u for a unit vector u; here f = sin x cos y (`sin_cos`).",
    ),
    claims_entry(
        "projection_onto_plane", "Projection of n = (4, 3, 5) onto span{a, b}", "geometry",
        Source("001", "Projection onto a plane"),
        Claim("a ⟂ b", "a·b = 0", sp.Integer(0),
              lambda d: _A.dot(_B), origin="reference",
              note="The notes add the two projections, which is right only because a ⟂ b."),
        Claim("the coefficients n·â and n·b̂",
              r"\frac{5}{\sqrt{6}}a + \frac{40}{\sqrt{35}}b", (5 / sp.sqrt(6), 40 / sp.sqrt(35)),
              lambda d: (_N.dot(_unit(_A)), _N.dot(_unit(_B))), lines=(275,)),
        Claim("â", r"a = \frac{1}{\sqrt{6}}, \frac{2}{\sqrt{6}}, \frac{-1}{\sqrt{6}}",
              (1 / sp.sqrt(6), 2 / sp.sqrt(6), -1 / sp.sqrt(6)), lambda d: tuple(_unit(_A)),
              lines=(277,)),
        Claim("b̂", r"\vec{b} = \frac{3}{\sqrt{35}}, \frac{1}{\sqrt{35}}, \frac{5}{\sqrt{35}}",
              (3 / sp.sqrt(35), 1 / sp.sqrt(35), 5 / sp.sqrt(35)), lambda d: tuple(_unit(_B)),
              lines=(279,)),
        Claim("(n·â) â", r"\frac{5}{\sqrt{6}} \times \frac{1}{\sqrt{6}},\ \frac{5}{\sqrt{6}} "
              r"\times \frac{2}{\sqrt{6}},\ \frac{5}{\sqrt{6}} \times \frac{-1}{\sqrt{6}}",
              tuple(5 / sp.sqrt(6) * c / sp.sqrt(6) for c in (1, 2, -1)),
              lambda d: tuple(_part(_A)), lines=(279,)),
        Claim("(n·b̂) b̂", r"\frac{40 \times 2}{35},\ \frac{40}{35},\ \frac{40 \times 5}{35}",
              (sp.Rational(40 * 2, 35), sp.Rational(40, 35), sp.Rational(40 * 5, 35)),
              lambda d: tuple(_part(_B)), "wrong",
              "The x-component is 40×3/35 = 120/35 (b = (3, 1, 5)); the next lines use 120.",
              reading="printed", lines=(281, 283, 285)),
        Claim("(n·b̂) b̂", r"\frac{40 \times 3}{35},\ \frac{40}{35},\ \frac{40 \times 5}{35}",
              (sp.Rational(40 * 3, 35), sp.Rational(40, 35), sp.Rational(40 * 5, 35)),
              lambda d: tuple(_part(_B)), reading="repaired", lines=(281, 283, 285)),
        Claim("the sums by component",
              r"\frac{5}{6} + \frac{120}{35},\ \frac{10}{6} + \frac{40}{35},\ "
              r"\frac{-5}{6} + \frac{200}{35}",
              (sp.Rational(5, 6) + sp.Rational(120, 35), sp.Rational(10, 6)
               + sp.Rational(40, 35), sp.Rational(-5, 6) + sp.Rational(200, 35)),
              lambda d: _projection(), lines=(287, 291, 295)),
        Claim("x over the common denominator", r"\frac{5 \times 35 + 120 \times 6}{35 \times 6}"
              r" = \frac{895}{210}", sp.Rational(895, 210), lambda d: _projection()[0],
              operands=sp.Rational(5 * 35 + 120 * 6, 35 * 6), lines=(299, 305)),
        Claim("y over the common denominator", r"\frac{10 \times 75 + 40 \times 6}{35 \times 6}"
              r" = \frac{590}{210}", sp.Rational(590, 210), lambda d: _projection()[1], "typo",
              "10 × 35 + 40 × 6 = 590: the result is right and the printed 75 is the slip "
              "(10 × 75 + 40 × 6 = 990).",
              operands=sp.Rational(10 * 75 + 40 * 6, 35 * 6), lines=(301, 305)),
        Claim("z over the common denominator", r"\frac{-5 \times 35 + 200 \times 6}{35 \times 6}"
              r" = \frac{1025}{210}", sp.Rational(1025, 210), lambda d: _projection()[2],
              operands=sp.Rational(-5 * 35 + 200 * 6, 35 * 6), lines=(303, 305)),
        Claim(
            "projection",
            r"\left(\frac{895}{210}, \frac{590}{210}, \frac{1025}{210}\right)",
            (sp.Rational(895, 210), sp.Rational(590, 210), sp.Rational(1025, 210)),
            lambda d: _projection(),
            lines=(305,),
        ),
        notes="Because a ⟂ b, the projection is (n·a/‖a‖²) a + (n·b/‖b‖²) b.",
    ),
    claims_entry(
        "min_max_scaling", "Min–max scaling and standardisation", "geometry",
        Source("001", "Standardization vs normalization"),
        Claim("min–max scaled sglt1 x", r"\frac{x_i - x_{\min}}{x_{\max} - x_{\min}}",
              (sp.Rational(1, 10), sp.Rational(6, 10), sp.Integer(1), sp.Integer(0)),
              lambda d: _minmax(), origin="reference",
              note="The notes give the formula only; the catalog applies it to 000's data."),
        notes="`gradspec.kernels.scaling` implements both; the fits scale and unscale with them.",
    ),
    claims_entry(
        "fallacy_sum_of_ones", "The fallacy d/dx(x) = d/dx(1 + 1 + … + 1) = 0", "calculus",
        Source("001", "What is wrong with this reasoning?"),
        Claim(
            "d/dx(x)",
            r"\frac{d}{dx}(\underbrace{1 + \dots + 1}_{x}) = 0",
            sp.Integer(0),
            lambda d: sp.diff(x, x),
            "wrong",
            "The number of terms depends on x, and the sum only means something for whole "
            "numbers x, so it cannot be differentiated term by term; d/dx x = 1.",
            lines=(18,),
        ),
    ),
    claims_entry(
        "slope_experiment", "The slope experiment: y = m x + ε/2", "models",
        Source("004", "ANN Regression challenge: loss and accuracy against the slope"),
        Claim("the variance of y grows with |m|",
              "Higher slopes introduce more variance in the target variable y", True,
              lambda d: _grows_with_slope("variance"), lines=(463,),
              note="Var(y) = m²·Var(x) + ¼ (SymPy stats, x and ε independent normals)."),
        Claim("the correlation of x and y falls as m → 0",
              "When the slope is closer to zero, x provides less information about y [...] "
              "leading to a drop in accuracy", True,
              lambda d: _grows_with_slope("correlation"), lines=(480, 486, 487),
              note="corr(x, y) = |m|σ/√(m²σ² + ¼), the accuracy (correlation of ŷ and y) "
              "of the fitted line: 0 at m = 0, rising with |m|."),
        notes="The experiment itself runs in `gradspec.kernels.slope_experiment`.",
    ),
    claims_entry(
        "errors_table", "The errors table: ŷ − y and binarized errors", "models",
        Source("004", "Errors"),
        Claim("errors ŷ − y", "error column: 1, +.2, 9, +.51",
              ("1", "0.2", "9", "0.51"), lambda d: _errors(), "wrong",
              "Rows 1 and 3 lost their “−.”: ŷ − y is .9 − 1 = −.1 and .1 − 1 = −.9.",
              reading="printed", lines=(326, 327, 328, 329)),
        Claim("errors ŷ − y", "(−.1, +.2, −.9, +.51)",
              ("-0.1", "0.2", "-0.9", "0.51"), lambda d: _errors(), reading="repaired",
              lines=(326, 327, 328, 329)),
        Claim("binarized errors", "(0, 0, 1, 1)",
              (sp.Integer(0), sp.Integer(0), sp.Integer(1), sp.Integer(1)),
              lambda d: _binarized(), lines=(326, 327, 328, 329)),
    ),
]
