"""Costs and losses over data: squared errors, log-loss, likelihood, cross-entropy, margin.

``data`` entries have scalar parameters and keep the sum over samples symbolic (a SymPy
``Sum`` over i = 1…m of ``x[i]``, ``y[i]``): SymPy differentiates the per-sample term under
the sum.  ``vector`` entries have a parameter vector; they are written with the same sums,
and their kernels are built from the per-sample loss ℓ(z, y) and its z-derivatives (z the
linear predictor), whose correctness the tests check against the fully expanded derivation.
"""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import function_range

from ..generator.stable import softplus
from . import truths as t
from .entry import Claim, Source, entries, partial_claim
from .symbols import Xs, b, i, j, m, n, theta0, theta1, wv, xs, ys

theta = sp.IndexedBase("theta", real=True)
qv = sp.IndexedBase("q", positive=True)
pv = sp.IndexedBase("p", real=True)
w, c = sp.symbols("w c", real=True)
alpha = sp.Symbol("alpha", positive=True)
x_plain = sp.Symbol("x", real=True)  # the h_θ(x) of a slide, not a sample x⁽ⁱ⁾
slope = sp.Symbol("m_s", real=True)  # the notes call the slope m; m is the sample count here
w0 = sp.Symbol("w0", real=True)
z = sp.Symbol("z", real=True)
yz = sp.Symbol("y", real=True)


def S(term):  # noqa: N802 - Σ over the samples i = 1…m
    return sp.Sum(term, (i, 1, m))


h = theta0 + theta1 * xs[i]


def _mse_line_partial(index: int):
    """∂/∂(parameter ``index``) of the mean squared error J(m, c) (`mse_line`)."""
    def true(d):
        from ..generator.derive import derivation

        return derivation("mse_line").grad[index]
    return true


def _cost_mse_half_expr():
    from . import CATALOG

    return CATALOG["cost_mse_half"].expr


def _shrinks_toward_optimum(d) -> bool:
    """Whether |J'| is k·|θ − θ*| with k > 0 (a one-parameter cost, SymPy-solved)."""
    (v,) = d.variables
    g = d.grad[0]
    (opt,) = sp.solve(g, v)
    k = sp.simplify(g / (v - opt))
    return bool(k.is_number and k > 0)
PARAMS_BOX = ((-5.0, 5.0), (-5.0, 5.0))
SIGMA = 1 / (1 + sp.exp(-(w * xs[i] + b)))
a_sym = sp.Symbol("a", positive=True)  # a(z₁), the sigmoid of one example
u_pos = sp.Symbol("u", positive=True)

#: 003's own words: its worked descent uses made-up numbers.
HYPOTHETICAL = ("“This is an example of how a Loss function graph look like. (NOT REAL)”; "
                "“The example we're using is hypothetical and intended solely for explanatory "
                "purposes”")

#: The (w, b) the document evaluates the log-loss at (two real models, two made-up ones).
DOCUMENT_POINTS = ((sp.Rational(1, 2), -4), (1, -25), (4, 5), (sp.Rational("-1.18"),
                                                                 sp.Rational("0.94")))


def _pass_fail():
    from .datasets import PASS_FAIL_8

    return [[sp.Rational(repr(float(v))) for v in col] for col in PASS_FAIL_8]


def _table(column: str, w_value, b_value) -> tuple:
    """A column of 003's tables on pass_fail_8: z = w x + b, a = σ(z), P(Y = yᵢ)."""
    xv, yv = _pass_fail()
    wv_, bv_ = sp.Rational(str(w_value)), sp.Rational(str(b_value))
    zs = [wv_ * xk + bv_ for xk in xv]
    if column == "z":
        return tuple(zs)
    a_s = [1 / (1 + sp.exp(-zk)) for zk in zs]
    if column == "a":
        return tuple(a_s)
    return tuple(ak ** yk * (1 - ak) ** (1 - yk) for ak, yk in zip(a_s, yv, strict=True))


def _bernoulli(y_value):
    """P(Y = y) = a^y (1 − a)^(1 − y) at y = ``y_value``."""
    return a_sym ** y_value * (1 - a_sym) ** (1 - y_value)


def _likelihood_in_unit_interval() -> bool:
    """Every factor of L, σ(z) or 1 − σ(z), ranges over (0, 1) for real z."""
    zr = sp.Symbol("z", real=True)
    sig = 1 / (1 + sp.exp(-zr))
    unit = sp.Interval.open(0, 1)
    return function_range(sig, zr, sp.S.Reals) == unit and \
        function_range(1 - sig, zr, sp.S.Reals) == unit


def _base10(w_value, b_value):
    """The log-loss on pass_fail_8 with log₁₀ in place of ln (J_ln / ln 10)."""
    return lambda d: t.on_data("pass_fail_8", "value", w_value, b_value)(d) / sp.log(10)


def _worked_update(which: str):
    """003's worked step p₁ = p₀ − α·L_p from the document's own (made-up) inputs."""
    from . import CATALOG

    v = CATALOG["log_loss"].extra["worked_descent"]
    if which == "w":
        return v["w0"] - v["alpha"] * sp.Rational(v["L_w"])
    return v["b0"] - v["alpha"] * sp.Rational(v["L_b"])


def _has_finite_minimiser(dataset: str) -> bool:
    """Whether the log-loss on ``dataset`` has a minimiser: not when the classes separate.

    With a threshold between the largest x of class 0 and the smallest x of class 1 every
    margin is positive, so J(t·(1, −threshold)) → 0 as t → ∞ while J > 0 everywhere.
    """
    xv, yv = _pass_fail() if dataset == "pass_fail_8" else (None, None)
    fail = [xk for xk, yk in zip(xv, yv, strict=True) if yk == 0]
    pass_ = [xk for xk, yk in zip(xv, yv, strict=True) if yk == 1]
    return not (max(fail) < min(pass_) or max(pass_) < min(fail))

#: Costs with scalar parameters (a symbolic Σ over samples), and with a parameter vector.
data_cost_entry = entries("costs", "data")
vector_cost_entry = entries("costs", "vector")

ENTRIES = [
    data_cost_entry(
        id="cost_mse_half",
        title="The squared-error cost J(θ0, θ1) = 1/(2m) Σ (h(xᵢ) − yᵢ)²",
        sources=(Source("000", "Cost function; Gradient descent for linear regression"),),
        expr=S((h - ys[i]) ** 2) / (2 * m),
        variables=(theta0, theta1),
        box=PARAMS_BOX,
        data=("x", "y"),
        stationary="solve",
        claims=(
            Claim(
                "J with h substituted",
                r"\frac{1}{2m} \sum_i^m (h_\theta(x^{(i)}) - y^{(i)})^2 = \frac{1}{2m} "
                r"\sum_i^m (\theta_0 + \theta_1 \cdot x^{(i)} - y^{(i)})^2",
                S((theta0 + theta1 * xs[i] - ys[i]) ** 2) / (2 * m),
                lambda d: d.f,
                lines=(813, 815, 829, 831),
            ),
            Claim(
                "J for m = 2, written out",
                r"J = \frac{1}{2 \cdot 2} ((\theta_0 + \theta_1 x^{(1)} - y^{(1)})^2 + "
                r"(\theta_0 + \theta_1 x^{(2)} - y^{(2)})^2)",
                sp.Rational(1, 4) * (sum((theta0 + theta1 * xs[k] - ys[k]) ** 2 for k in (1, 2))),
                lambda d: d.f.subs(m, 2).doit(),
                lines=(1128, 1147, 1166, 1187, 1382),
            ),
            Claim(
                "∂J/∂θ0 for m = 2, by the chain rule",
                r"\frac{1}{2 \cdot 2} (2(\theta_0 + \theta_1 x^{(1)} - y^{(1)}) * 1 + "
                r"2(\theta_0 + \theta_1 x^{(2)} - y^{(2)}) * 1)",
                sp.Rational(1, 4) * sum(2 * (theta0 + theta1 * xs[k] - ys[k]) * 1 for k in (1, 2)),
                lambda d: d.grad[0].subs(m, 2).doit(),
                lines=(1189, 1210, 1271),
            ),
            Claim(
                "f'(g) of the squared term",
                r"f'(g(x)) = \frac{\partial}{\partial \theta_0} (g(x))^2 = 2 \cdot g(x)",
                2 * (theta0 + theta1 * xs[1] - ys[1]),
                lambda d: sp.diff((theta0 + theta1 * xs[1] - ys[1]) ** 2, theta0),
                note="Written as ∂/∂θ0 of g², which is 2g·∂g/∂θ0 = 2g·1: the same here.",
                lines=(1252,),
            ),
            Claim(
                "∂J/∂θ0 for m = 2, annotated slide",
                r"\frac{1}{2 \cdot 2} \left(\underbrace{2(\theta_0 + \theta_1 x^{(1)} - "
                r"y^{(1)}) * 1}_{+2(\ldots) * 1} \right) + 2(\theta_0 + \theta_1 x^{(2)} - "
                r"y^{(2)}) * 1",
                sp.Rational(1, 4) * 2 * (theta0 + theta1 * xs[1] - ys[1])
                + 2 * (theta0 + theta1 * xs[2] - ys[2]),
                lambda d: d.grad[0].subs(m, 2).doit(),
                "wrong",
                "As printed the second term stands outside the factor 1/(2·2) (the underbrace "
                "repeats it as an annotation); the slides before and after put both terms "
                "inside.",
                reading="printed",
                lines=(1286,),
            ),
            Claim(
                "∂J/∂θ0 for m = 2, annotated slide",
                r"\frac{1}{2 \cdot 2} (2(\ldots^{(1)}) * 1 + 2(\ldots^{(2)}) * 1)",
                sp.Rational(1, 4) * sum(2 * (theta0 + theta1 * xs[k] - ys[k]) for k in (1, 2)),
                lambda d: d.grad[0].subs(m, 2).doit(),
                reading="repaired",
                lines=(1286,),
            ),
            Claim(
                "∂J/∂θ0 for m = 2, the 2 factored out",
                r"\frac{1}{2 \cdot 2} (2((\theta_0 + \theta_1 x^{(1)} - y^{(1)}) * 1 + "
                r"(\theta_0 + \theta_1 x^{(2)} - y^{(2)}) * 1))",
                sp.Rational(1, 4) * 2 * sum((theta0 + theta1 * xs[k] - ys[k]) for k in (1, 2)),
                lambda d: d.grad[0].subs(m, 2).doit(),
                lines=(1301,),
            ),
            Claim(
                "∂J/∂θ0 for m = 2, simplified",
                r"\frac{1}{2} ((\theta_0 + \theta_1 x^{(1)} - y^{(1)}) + (\theta_0 + "
                r"\theta_1 x^{(2)} - y^{(2)}))",
                sp.Rational(1, 2) * sum((theta0 + theta1 * xs[k] - ys[k]) for k in (1, 2)),
                lambda d: d.grad[0].subs(m, 2).doit(),
                lines=(1331, 1346, 1363),
            ),
            Claim(
                "∂J/∂θ1 for m = 2, by the chain rule",
                r"\frac{1}{2 \cdot 2} (2(\theta_0 + \theta_1 x^{(1)} - y^{(1)}) * x^{(1)} + "
                r"2(\theta_0 + \theta_1 x^{(2)} - y^{(2)}) * x^{(2)})",
                sp.Rational(1, 4) * sum(2 * (theta0 + theta1 * xs[k] - ys[k]) * xs[k]
                                        for k in (1, 2)),
                lambda d: d.grad[1].subs(m, 2).doit(),
                lines=(1384,),
            ),
            partial_claim("∂J/∂θ0", r"\frac{1}{m} \sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})",
                          S(h - ys[i]) / m, index=0, lines=(1414,)),
            partial_claim("∂J/∂θ1",
                          r"\frac{1}{m} \sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)}) \cdot x^{(i)}",
                          S((h - ys[i]) * xs[i]) / m, index=1, lines=(1399, 1416)),
            partial_claim("∂J/∂θ1 (one slide)",
                          r"\frac{1}{m} \sum_{i=1}^m (\theta_0 + \theta_1 x^{(i)} - y^{(i)}) = "
                          r"\frac{1}{m} \sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})",
                          S(h - ys[i]) / m, index=1, expected="wrong",
                          note="The factor x⁽ⁱ⁾ from the chain rule is missing; the next slide has it.",
                          lines=(1348, 1365)),
            Claim(
                "J written with h_θ(x)",
                r"J(\theta_0, \theta_1) = \frac{1}{2m} \sum_{i=1}^m (h_\theta(x) - y^{(i)})^2",
                S((theta0 + theta1 * x_plain - ys[i]) ** 2) / (2 * m),
                lambda d: d.f,
                "wrong",
                "h_θ(x) does not depend on i: as printed, J compares one prediction with every "
                "y⁽ⁱ⁾. The sum needs h_θ(x⁽ⁱ⁾), as on the earlier slides.",
                reading="printed",
                lines=(1410, 1429),
            ),
            Claim(
                "J written with h_θ(x)",
                r"J(\theta_0, \theta_1) = \frac{1}{2m} \sum_{i=1}^m (h_\theta(x^{(i)}) - "
                r"y^{(i)})^2",
                S((h - ys[i]) ** 2) / (2 * m),
                lambda d: d.f,
                reading="repaired",
                lines=(1410, 1429),
            ),
            Claim(
                "update of θ0",
                r"\theta_0 - \alpha \frac{\partial}{\partial \theta_0} J = \theta_0 - "
                r"\frac{\alpha}{m} \sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})",
                theta0 - alpha * S(h - ys[i]) / m,
                lambda d: theta0 - alpha * d.grad[0],
                lines=(1433, 1454, 1471, 1481),
            ),
            Claim(
                "update of θ1",
                r"\theta_1 - \alpha \frac{\partial}{\partial \theta_1} J = \theta_1 - "
                r"\frac{\alpha}{m} \sum_{i=1}^m ((h_\theta(x^{(i)}) - y^{(i)}) \cdot x^{(i)})",
                theta1 - alpha * S((h - ys[i]) * xs[i]) / m,
                lambda d: theta1 - alpha * d.grad[1],
                lines=(1435,),
            ),
            Claim(
                "least-squares optimum on sglt1_glucose, θ0",
                "62.5444015444…",
                "62.5444015444…",
                lambda d: d.with_data("sglt1_glucose").nearest_stationary("min", (60.0, 9.0))[0],
                "truncated",
                "The exact least-squares optimum (a fraction with denominator 259) with its "
                "digits cut, as the trailing … says.",
                origin="reference",
            ),
            Claim(
                "least-squares optimum on sglt1_glucose, θ1",
                "8.7528957528…",
                "8.7528957528…",
                lambda d: d.with_data("sglt1_glucose").nearest_stationary("min", (60.0, 9.0))[1],
                "truncated",
                "The exact least-squares optimum (a fraction with denominator 259) with its "
                "digits cut, as the trailing … says.",
                origin="reference",
            ),
        ),
        notes=(
            "The update rule is θj := θj − α ∂J/∂θj, simultaneously for all j. The document "
            "expands the m = 2 case term by term with the chain rule f(g(x))' = f'(g(x))·g'(x)."
        ),
        extra={"expand_m": 2},
    ),
    data_cost_entry(
        id="cost_mse",
        title="The mean squared error J(θ0, θ1) = 1/m Σ (h(xᵢ) − yᵢ)²",
        sources=(Source("000", "Cost function (mean squared error)"),),
        expr=S((h - ys[i]) ** 2) / m,
        variables=(theta0, theta1),
        box=PARAMS_BOX,
        data=("x", "y"),
        notes="Without the ½ the gradient is twice that of `cost_mse_half`.",
    ),
    data_cost_entry(
        id="cost_slope_only",
        title="The cost of the slope alone, J(θ1) = 1/(2m) Σ (θ1 xᵢ − yᵢ)²",
        sources=(Source("000", "Cost function intuition: θ0 = 0"),),
        expr=S((theta1 * xs[i] - ys[i]) ** 2) / (2 * m),
        variables=(theta1,),
        box=((-5.0, 5.0),),
        data=("x", "y"),
        claims=(
            Claim(
                "J(θ1) is J(θ0, θ1) at θ0 = 0",
                r"\Theta_0 = 0:\ J(\theta_1) = \frac{1}{2m} \sum_{i=1}^m (\theta_1 \cdot "
                r"x^{(i)} - y^{(i)})^2",
                S((theta1 * xs[i] - ys[i]) ** 2) / (2 * m),
                lambda d: _cost_mse_half_expr().subs(theta0, 0),
                lines=(850, 852),
            ),
            Claim("J(1) on x = y = (1, 2, 3)", "J(θ₁) = 0 for θ₁ = 1", sp.Integer(0),
                  t.on_data("line_123", "value", 1), lines=(866, 870)),
            Claim("J(3) on x = y = (1, 2, 3)",
                  r"\frac{1}{2 \cdot 3} \cdot ((3-1)^2 + (6-2)^2 + (9-3)^2) = 56/6",
                  sp.Rational(56, 6), t.on_data("line_123", "value", 3),
                  operands=sp.Rational(1, 6) * ((3 - 1) ** 2 + (6 - 2) ** 2 + (9 - 3) ** 2),
                  lines=(890,)),
            Claim("J(3), decimal", r"56/6 \approx 9.3", "9.3",
                  t.on_data("line_123", "value", 3), "rounded", lines=(890,)),
            Claim("J(0.5) on x = y = (1, 2, 3)",
                  r"\frac{1}{2 \cdot 3} \cdot ((0.5-1)^2 + (1-2)^2 + (1.5-3)^2) = 3.5 / 6",
                  sp.Rational("3.5") / 6, t.on_data("line_123", "value", "0.5"),
                  operands=sp.Rational(1, 6) * ((sp.Rational("0.5") - 1) ** 2 + (1 - 2) ** 2
                                                + (sp.Rational("1.5") - 3) ** 2),
                  lines=(909,)),
            Claim("J(0.5), decimal", r"3.5/6 \approx 0.6", "0.6",
                  t.on_data("line_123", "value", "0.5"), "rounded", lines=(909,)),
            Claim(
                "dJ/dθ1 at θ1 = 0",
                r"\theta_1 = 0 - 0.1 \cdot -5 \ (\text{slope } -5)",
                "-5",
                lambda d: d.with_data("line_123").gradient(0),
                "rounded",
                "On this data dJ/dθ1 = (θ1 − 1)·14/3, so the slope at 0 is −14/3 ≈ −4.667; "
                "the document rounds it to −5.",
                lines=(978, 996),
            ),
            Claim(
                "one step from θ1 = 0, α = 0.1",
                r"\theta_1 = 0 - 0.1 \cdot -5 = 0.5",
                "0.5",
                lambda d: 0 - sp.Rational("0.1") * d.with_data("line_123").gradient(0),
                "rounded",
                "The arithmetic on the printed slope is exact; with the exact slope −14/3 the "
                "step gives θ1 = 0.4667, which 0.5 rounds.",
                operands=0 - sp.Rational("0.1") * -5,
                lines=(978, 980, 996, 998),
            ),
            Claim(
                "dJ/dθ1 at θ1 = 2",
                r"\theta_1 = 2 - 0.2 \cdot 5\ (\text{slope } 5)",
                "5",
                lambda d: d.with_data("line_123").gradient(2),
                "rounded",
                "The slope at 2 is +14/3 ≈ 4.667; the document rounds it to 5.",
                lines=(1030,),
            ),
            Claim(
                "one step from θ1 = 2, α = 0.2",
                r"\theta_1 = 2 - 0.2 \cdot 5 = 1",
                "1",
                lambda d: 2 - sp.Rational("0.2") * d.with_data("line_123").gradient(2),
                "rounded",
                "The arithmetic on the printed slope is exact; with the exact slope +14/3 the "
                "step gives θ1 = 1.0667, which 1 rounds.",
                operands=2 - sp.Rational("0.2") * 5,
                lines=(1030, 1032),
            ),
            Claim(
                "the gradient shrinks near the optimum",
                "Note: gradient becomes smaller closer to optimum, so can use fixed value for α",
                True,
                lambda d: _shrinks_toward_optimum(d.with_data("line_123")),
                note="On this data dJ/dθ1 = (14/3)(θ1 − 1): |dJ/dθ1| = (14/3)|θ1 − 1| falls "
                "in proportion to the distance from the optimum θ1 = 1.",
                lines=(1008, 1017),
            ),
        ),
    ),
    data_cost_entry(
        id="sse_line",
        title="The sum of squared errors J(m, c) = Σ (yᵢ − (m xᵢ + c))²",
        sources=(Source("001", "Regression problem: J(m, c)"),),
        expr=S((ys[i] - (slope * xs[i] + c)) ** 2),
        variables=(slope, c),
        box=PARAMS_BOX,
        data=("x", "y"),
        claims=(
            Claim("errors of both signs cancel", "+5 -5 = 0", sp.Integer(0),
                  lambda d: sp.Integer(5) - 5, lines=(166,),
                  note="Why the errors are squared before they are summed."),
            Claim(
                "J with ŷ substituted",
                r"\sum_{i=1}^n (y_i - \hat{y}_i)^2 \Leftrightarrow \sum_{i=1}^n (y_i - (m x_i + "
                r"c))^2",
                S((ys[i] - (slope * xs[i] + c)) ** 2),
                lambda d: d.f,
                lines=(170, 172, 183),
            ),
            partial_claim("∂J/∂m (first line)", r"\sum_{i=1}^n 2 (y_i - (m x_i + c)) (-x_i)",
                          S(2 * (ys[i] - (slope * xs[i] + c)) * (-xs[i])), index=0, lines=(189,)),
            partial_claim("∂J/∂m (second line)",
                          r"\Rightarrow -\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) x_i",
                          -2 * S((ys[i] - (slope * xs[i] + c)) * xs[i]) / m, index=0,
                          expected="convention",
                          note="J is defined as a plain sum, so there is no 1/N: this is the gradient of the "
                          "mean (`mse_line`). For the sum, ∂J/∂m = −2 Σ (yᵢ − (m xᵢ + c)) xᵢ.",
                          conventions=(("J as the mean, 1/N Σ (yᵢ − ŷᵢ)²", _mse_line_partial(0)),),
                          lines=(191,)),
            partial_claim("∂J/∂c", r"\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) (-1)",
                          2 * S((ys[i] - (slope * xs[i] + c)) * (-1)) / m, index=1,
                          expected="convention",
                          note="Again the 1/N belongs to the mean: for the sum, ∂J/∂c = −2 Σ (yᵢ − (m xᵢ + c)).",
                          conventions=(("J as the mean, 1/N Σ (yᵢ − ŷᵢ)²", _mse_line_partial(1)),),
                          lines=(193,)),
        ),
        notes="The notes call the slope m; here it is `m_s`, since m counts the samples.",
    ),
    data_cost_entry(
        id="mse_line",
        title="The mean squared error J(m, c) = 1/N Σ (yᵢ − (m xᵢ + c))²",
        sources=(Source("001", "Regression problem: J(m, c), gradient"),),
        expr=S((ys[i] - (slope * xs[i] + c)) ** 2) / m,
        variables=(slope, c),
        box=PARAMS_BOX,
        data=("x", "y"),
        claims=(
            partial_claim("∂J/∂m", r"-\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) x_i",
                          -2 * S((ys[i] - (slope * xs[i] + c)) * xs[i]) / m, index=0,
                          reading="repaired", lines=(191,)),
            partial_claim("∂J/∂c", r"\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) (-1)",
                          2 * S((ys[i] - (slope * xs[i] + c)) * (-1)) / m, index=1,
                          reading="repaired", lines=(193,)),
        ),
    ),
    data_cost_entry(
        id="likelihood",
        title="The likelihood L(w, b) = Π aᵢ^yᵢ (1 − aᵢ)^(1 − yᵢ)",
        sources=(Source("003", "Likelihood"),),
        expr=sp.Product(SIGMA ** ys[i] * (1 - SIGMA) ** (1 - ys[i]), (i, 1, m)),
        stable=sp.exp(-S(ys[i] * softplus(-(w * xs[i] + b))
                         + (1 - ys[i]) * softplus(w * xs[i] + b))),
        variables=(w, b),
        box=((-2.0, 2.0), (-30.0, 10.0)),
        data=("x", "y"),
        claims=(
            Claim("z column, z = 0.5x − 4",
                  r"z_1 = (0.5) \times 8 - 4 = 0;\ z_i = 0, 3.5, 5.5, 8, 9.5, 11.5, 13.5, 16",
                  ("0", "3.5", "5.5", "8", "9.5", "11.5", "13.5", "16"),
                  lambda d: _table("z", "0.5", -4), lines=(41, 49, 62, 63, 64, 65, 66, 67, 68, 69)),
            Claim("a(z₁) for example 1", r"a(z_1) = \frac{1}{1 + e^0} = \frac{1}{2}",
                  sp.Rational(1, 2), lambda d: _table("a", "0.5", -4)[0], lines=(51,)),
            Claim("P(Y = 0) for example 1", r"P(Y = 0) = a(z_1)^0 \times (1 - a(z_1))^{1-0}",
                  a_sym ** 0 * (1 - a_sym) ** (1 - 0), lambda d: _bernoulli(0), lines=(47,)),
            Claim("P(Y = 0) in terms of a(z₁)", r"P(Y = 0) = a(z_1) = 1 - \frac{1}{2}",
                  a_sym, lambda d: _bernoulli(0), "wrong",
                  "P(Y = 0) = 1 − a(z₁); the printed “= a(z₁)” holds here only because "
                  "a(z₁) = ½.", reading="printed", lines=(53,)),
            Claim("P(Y = 0) in terms of a(z₁)", r"P(Y = 0) = 1 - a(z_1) = 1 - \frac{1}{2}",
                  1 - a_sym, lambda d: _bernoulli(0), reading="repaired", lines=(53,)),
            Claim("P(Y = 0) for example 1, value", r"1 - \frac{1}{2} = \frac{1}{2}",
                  sp.Rational(1, 2), lambda d: _table("P", "0.5", -4)[0], lines=(53,)),
            Claim("aᵢ column, z = 0.5x − 4",
                  "0.50000, 0.97068, 0.99592, 0.99966, 0.99992, 0.99998, 0.99999, 0.99999",
                  ("0.50000", "0.97068", "0.99592", "0.99966", "0.99992", "0.99998", "0.99999",
                   "0.99999"),
                  lambda d: _table("a", "0.5", -4), "truncated",
                  "Cut, not rounded, at five decimals: σ(3.5) = 0.970688 is printed 0.97068, "
                  "σ(13.5) = 0.9999986 is printed 0.99999.", lines=tuple(range(62, 70))),
            Claim("P(Y = yᵢ) column, z = 0.5x − 4",
                  "0.50000, 0.02931, 0.00407, 0.00033, 0.99992, 0.99998, 0.99999, 0.99999",
                  ("0.50000", "0.02931", "0.00407", "0.00033", "0.99992", "0.99998", "0.99999",
                   "0.99999"),
                  lambda d: _table("P", "0.5", -4), "truncated",
                  "Cut at five decimals: 1 − σ(8) = 0.000335 is printed 0.00033.",
                  lines=tuple(range(62, 70))),
            Claim("L(0.5, −4) on pass_fail_8",
                  r"0.5 \times 0.02931 \times 0.00407 \times \dots \times 0.99999 = "
                  r"2.0002713231 \times 10^{-8}",
                  "2.0002713231e-8", t.on_data("pass_fail_8", "value", "0.5", -4), "rounded",
                  "Rounded from the exact product; the product of the printed (cut) column is "
                  "smaller, about 1.97 × 10⁻⁸.", lines=(75, 168, 1179)),
            Claim("L(0.5, −4) inside the log", r"-\frac{1}{8} \log (2.0002 \times 10^{-8})",
                  "2.0002e-8", t.on_data("pass_fail_8", "value", "0.5", -4), "truncated",
                  "L = 2.00027… × 10⁻⁸ rounds to 2.0003 × 10⁻⁸ at this precision; 2.0002 is cut."
                  " The printed 0.96236 is the base-10 loss of the exact L; from 2.0002 × 10⁻⁸ "
                  "it would be 0.96237.",
                  lines=(230,)),
            Claim("the three smallest P(Y = yᵢ), to four decimals",
                  r"0.0293 \times 0.0040 \times 0.0003", ("0.0293", "0.0040", "0.0003"),
                  lambda d: _table("P", "0.5", -4)[1:4], "truncated",
                  "P₃ = 0.0040701 rounds to 0.0041; 0.0040 is cut.", lines=(166,)),
            Claim("their product", r"0.0293 \times 0.0040 \times 0.0003 = 3.516 \times 10^{-8}",
                  "3.516e-8", lambda d: sp.Rational("0.0293") * sp.Rational("0.0040")
                  * sp.Rational("0.0003"), lines=(166,)),
            Claim("3.516 × 10⁻⁸ in decimals", r"3.516 \times 10^{-8} = 0.00000003516",
                  "0.00000003516", lambda d: sp.Rational("3.516e-8"), lines=(166,)),
            Claim("z column, z = x − 25", "-17, -10, -6, -1, 2, 6, 10, 15",
                  ("-17", "-10", "-6", "-1", "2", "6", "10", "15"),
                  lambda d: _table("z", 1, -25), lines=tuple(range(80, 88))),
            Claim("aᵢ, rows 1–4, for z = x − 25", "0.00000, 0.00004, 0.00247, 0.26894",
                  ("0.00000", "0.00004", "0.00247", "0.26894"),
                  lambda d: _table("a", 1, -25)[:4], "truncated",
                  "σ(−10) = 0.0000454 is cut to 0.00004.", lines=(80, 81, 82, 83)),
            Claim(
                "aᵢ, rows 5–8, for z = x − 25",
                "0.99992, 0.99998, 0.99999, 0.99999",
                ("0.99992", "0.99998", "0.99999", "0.99999"),
                lambda d: _table("a", 1, -25)[4:],
                "wrong",
                "These aᵢ are copied from the previous table; σ(2) = 0.880797, σ(6) = 0.997527, "
                "σ(10) = 0.999955, σ(15) = 0.9999997 (the P(Y = yᵢ) column is right).",
                lines=(84, 85, 86, 87),
            ),
            Claim("P(Y = yᵢ) column, z = x − 25",
                  "0.99999, 0.99995, 0.99752, 0.73105, 0.88079, 0.99752, 0.99995, 0.99999",
                  ("0.99999", "0.99995", "0.99752", "0.73105", "0.88079", "0.99752", "0.99995",
                   "0.99999"),
                  lambda d: _table("P", 1, -25), "truncated",
                  "Cut at five decimals: 1 − σ(−1) = 0.7310586 is printed 0.73105.",
                  lines=tuple(range(80, 88))),
            Claim("L(1, −25) on pass_fail_8", "L = 0.640675", "0.640675",
                  t.on_data("pass_fail_8", "value", 1, -25), "rounded", lines=(92, 234)),
            Claim("the second model's likelihood is higher",
                  "the likelihood for this model is significantly higher than our model's",
                  True, lambda d: bool(d.with_data("pass_fail_8").value(1, -25)
                                       > d.with_data("pass_fail_8").value(sp.Rational(1, 2), -4)),
                  lines=(96,)),
            Claim("class 1 from x₁ ≥ 8", "any example with x₁ ≥ 8 is considered as belonging "
                  "to class 1", sp.Integer(8),
                  lambda d: sp.solve(sp.Rational(1, 2) * xs[1] - 4, xs[1])[0],
                  note="z = 0.5x₁ − 4 ≥ 0, i.e. a ≥ ½, exactly when x₁ ≥ 8 (at x₁ = 8, a = ½: "
                  "the tie goes to class 1 by the document's ≥).",
                  lines=(121, 123, 137, 139, 152, 154)),
            Claim("0 < L < 1", "the Likelihood is strictly between 0 and 1: 0 < L < 1", True,
                  lambda d: _likelihood_in_unit_interval(), lines=(184, 192),
                  note="Each factor is σ(z) or 1 − σ(z), whose range over the reals is the "
                  "open interval (0, 1); so is a product of them."),
        ),
        notes=(
            "Kernels evaluate exp(−Σ [yᵢ softplus(−zᵢ) + (1 − yᵢ) softplus(zᵢ)]), proved equal "
            "to the product; a product of many small factors underflows long before its "
            "logarithm does."
        ),
    ),
    data_cost_entry(
        id="log_loss",
        title="The log-loss J(w, b) = −1/m Σ [yᵢ ln aᵢ + (1 − yᵢ) ln(1 − aᵢ)]",
        sources=(Source("003", "Log Loss function; Gradient descent"),),
        expr=-S(ys[i] * sp.log(SIGMA) + (1 - ys[i]) * sp.log(1 - SIGMA)) / m,
        stable=S(ys[i] * softplus(-(w * xs[i] + b)) + (1 - ys[i]) * softplus(w * xs[i] + b)) / m,
        variables=(w, b),
        box=((-2.0, 2.0), (-30.0, 10.0)),
        data=("x", "y"),
        claims=(
            Claim("−log maps (0, 1) onto (0, +∞)",
                  "The negative logarithm transforms likelihood values from a range between 0 "
                  "and 1 to a scale from 0 to +∞", sp.Interval.open(0, sp.oo),
                  lambda d: function_range(-sp.log(u_pos), u_pos, sp.Interval.open(0, 1)),
                  lines=(206,)),
            Claim("−(1/m) log L as a sum",
                  r"-\frac{1}{m} \log \left( \prod_{i=1}^m a_i^{y_i} (1 - a_i)^{1-y_i} \right)"
                  r" = -\frac{1}{m} \sum_{i=1}^m (y_i \log(a_i) + (1 - y_i) \log(1 - a_i))",
                  -sp.log(sp.Product(SIGMA ** ys[i] * (1 - SIGMA) ** (1 - ys[i]), (i, 1, m))) / m,
                  lambda d: d.f, lines=(218, 224, 1183, 1187)),
            Claim(
                "J(0.5, −4)",
                r"-\frac{1}{8} \log (2.0002 \times 10^{-8}) = 0.96236",
                "0.96236",
                t.on_data("pass_fail_8", "value", "0.5", -4),
                "convention",
                "0.96236 is −(1/8)·log₁₀ L: the document's “log” is base 10 here. The "
                "log-loss of the lecture (and of every library) uses ln: J = 2.21592.",
                conventions=(("log base 10", _base10("0.5", -4)),),
                lines=(230, 1191, 1241),
            ),
            Claim(
                "J(1, −25)",
                r"-\frac{1}{8} \log (0.640675) = 0.02417",
                "0.02417",
                t.on_data("pass_fail_8", "value", 1, -25),
                "convention",
                "0.02417 is the base-10 value; with ln, J = 0.0556540.",
                conventions=(("log base 10", _base10(1, -25)),),
                lines=(234, 1251),
            ),
            Claim("J(0.5, −4), ln", "2.2159247388800756", "2.2159247388800756",
                  t.on_data("pass_fail_8", "value", "0.5", -4), origin="reference"),
            Claim("J(1, −25), ln", "0.055654026742092494", "0.055654026742092494",
                  t.on_data("pass_fail_8", "value", 1, -25), origin="reference"),
            Claim("∇J(0.5, −4)", "(7.684068519528064, 0.43327447771142763)",
                  ("7.684068519528064", "0.43327447771142763"),
                  t.on_data("pass_fail_8", "gradient", "0.5", -4), origin="reference"),
            Claim("∇J(1, −25)", "(0.4006904847668711, 0.01871727935562826)",
                  ("0.4006904847668711", "0.01871727935562826"),
                  t.on_data("pass_fail_8", "gradient", 1, -25), origin="reference"),
            Claim(
                "the loss with z = 0.5x₁ − 4 substituted",
                r"\log \left( \frac{1}{1 + e^{-(0.5)x_1 - 4}} \right) \ldots",
                -S(ys[i] * sp.log(1 / (1 + sp.exp(-sp.Rational(1, 2) * xs[i] - 4)))
                   + (1 - ys[i]) * sp.log(1 - 1 / (1 + sp.exp(-sp.Rational(1, 2) * xs[i] - 4))))
                / m,
                lambda d: d.f.subs({w: sp.Rational(1, 2), b: -4}),
                "wrong",
                "−z = −(0.5x₁ − 4) = −0.5x₁ + 4: the exponent needs brackets, e^{−(0.5x₁ − 4)}; "
                "as printed it is the model z = 0.5x₁ + 4.",
                reading="printed",
                lines=(1213,),
            ),
            Claim(
                "the loss with z = 0.5x₁ − 4 substituted",
                r"\log \left( \frac{1}{1 + e^{-((0.5)x_1 - 4)}} \right) \ldots",
                -S(ys[i] * sp.log(1 / (1 + sp.exp(-(sp.Rational(1, 2) * xs[i] - 4))))
                   + (1 - ys[i]) * sp.log(1 - 1 / (1 + sp.exp(-(sp.Rational(1, 2) * xs[i] - 4)))))
                / m,
                lambda d: d.f.subs({w: sp.Rational(1, 2), b: -4}),
                reading="repaired",
                lines=(1213,),
            ),
            Claim(
                "worked descent: loss at (4, 5)",
                "Our initial Loss is 1.38",
                "1.38",
                t.on_data("pass_fail_8", "value", 4, 5),
                "illustrative",
                "On pass_fail_8 the ln-loss at (4, 5) is about 35.5.",
                illustrative=HYPOTHETICAL,
                lines=(1289, 1304),
            ),
            Claim(
                "the loss does not exceed 1",
                "in a real scenario, the Loss would not exceed 1",
                True,
                lambda d: all(d.with_data("pass_fail_8").value(*p) <= 1 for p in DOCUMENT_POINTS),
                "wrong",
                "The log-loss is unbounded above (J(0, b) ≥ b/2 on this data). At the "
                "document's own first model (0.5, −4) it is 2.216 (ln), and 35.5 at (4, 5).",
                lines=(1291,),
            ),
            Claim(
                "worked descent: partials at (4, 5)",
                r"L_w = 0.41,\ L_b = 0.22",
                ("0.41", "0.22"),
                t.on_data("pass_fail_8", "gradient", 4, 5),
                "illustrative",
                "The true gradient at (4, 5) is about (8.25, 0.5).",
                illustrative=HYPOTHETICAL,
                lines=(1331, 1335, 1343, 1345),
            ),
            Claim(
                "worked descent: the update of w",
                r"w_1 = w_0 - \alpha \times L_w(w_0, b_0) = 4 - 0.41 = 3.59",
                "3.59",
                lambda d: _worked_update("w"),
                operands=4 - sp.Rational("0.41"),
                lines=(1368, 1369),
            ),
            Claim(
                "worked descent: the update of b",
                r"b_1 = b_0 - \alpha \times L_b(w_0, b_0) = 4 - 0.22 = 4.78",
                "4.78",
                lambda d: _worked_update("b"),
                "typo",
                "b₀ = 5 in this example, so the update is 5 − 0.22 = 4.78: the result is "
                "right and the printed operand 4 is the slip (4 − 0.22 would be 3.78).",
                operands=4 - sp.Rational("0.22"),
                lines=(1371, 1372),
            ),
            Claim(
                "worked descent: the final loss at (−1.18, 0.94)",
                r"A(-1.18, 0.94, 0.01):\ Loss = 0.01",
                "0.01",
                t.on_data("pass_fail_8", "value", "-1.18", "0.94"),
                "illustrative",
                "On pass_fail_8 the ln-loss at (−1.18, 0.94) is about 19.1.",
                illustrative=HYPOTHETICAL,
                lines=(1443, 1449, 1457),
            ),
            Claim(
                "training ends at a finite global minimum",
                "Global Minimum (In this case). The coordinates of A are the optimal parameters "
                "for our model.",
                True,
                lambda d: _has_finite_minimiser("pass_fail_8"),
                "wrong",
                "The data are separable (every x ≤ 24 fails, every x ≥ 27 passes), so J > 0 "
                "has infimum 0 and no minimiser: descent drives J toward 0 while ‖(w, b)‖ "
                "grows without bound. The picture is labelled NOT REAL, but the text says "
                "training “our model” ends there.",
                lines=(1419, 1428, 1451),
            ),
        ),
        extra={"worked_descent": {"w0": 4, "b0": 5, "alpha": 1, "L_w": "0.41", "L_b": "0.22"}},
        notes=(
            "On pass_fail_8 the classes are linearly separable (every x ≤ 24 fails, every "
            "x ≥ 27 passes), so the log-loss has no finite minimiser: descent drives J toward 0 "
            "while ‖(w, b)‖ grows without bound. Kernels evaluate the proved stable form "
            "(1/m) Σ [yᵢ softplus(−zᵢ) + (1 − yᵢ) softplus(zᵢ)] (equal to logaddexp(0, z) − "
            "y·z, without its cancellation for y = 1 and large z)."
        ),
    ),
    vector_cost_entry(
        id="cost_multiple_linear",
        title="The cost of multiple linear regression J(θ) = 1/(2m) Σ (θ·x̃ᵢ − yᵢ)²",
        sources=(Source("000", "Multiple linear regression"),),
        expr=S((theta[0] + sp.Sum(theta[j] * Xs[i, j], (j, 1, n)) - ys[i]) ** 2) / (2 * m),
        data=("X", "y"),
        extra={"loss": (z - yz) ** 2, "scale": 1 / (2 * m), "features": "affine",
               "params": ("theta",)},
        notes="θ[0] is the intercept; X has one row per sample.",
    ),
    vector_cost_entry(
        id="cost_polynomial",
        title="The cost of polynomial regression, hypothesis b0 + b1 x + … + bn xⁿ",
        sources=(Source("000", "Polynomial regression"),),
        expr=S((sp.Sum(theta[j] * xs[i] ** j, (j, 0, n)) - ys[i]) ** 2) / (2 * m),
        data=("x", "y"),
        extra={"loss": (z - yz) ** 2, "scale": 1 / (2 * m), "features": "polynomial",
               "params": ("b",)},
        notes="The parameter vector b has degree + 1 entries; features are powers of x.",
    ),
    vector_cost_entry(
        id="mse",
        title="The mean squared error 1/n Σ (yᵢ − ŷᵢ)² with ŷ = Xw + b",
        sources=(Source("004", "Loss functions: mean squared error"),),
        expr=S((ys[i] - (sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + b)) ** 2) / m,
        data=("X", "y"),
        extra={"loss": (yz - z) ** 2, "scale": 1 / m, "features": "wb", "params": ("w", "b")},
        notes="∂/∂ŷᵢ = −2(yᵢ − ŷᵢ)/n; through ŷ = Xw + b, ∇w = Xᵀ ∂/∂ŷ and ∂/∂b = Σ ∂/∂ŷᵢ.",
    ),
    vector_cost_entry(
        id="cross_entropy",
        title="Cross-entropy −1/n Σ pᵢ ln qᵢ",
        sources=(Source("004", "Loss functions: cross entropy"),),
        expr=-S(pv[i] * sp.log(qv[i])) / m,
        data=("p",),
        extra={"loss": -yz * sp.log(z), "scale": 1 / m, "features": "elementwise",
               "params": ("q",), "domain": "q > 0"},
        notes=(
            "With binary p and q = σ(z) the cross-entropy of p and (q, 1 − q) is `log_loss`."
        ),
    ),
    vector_cost_entry(
        id="hyperplane_margin",
        title="The signed margin M(w, w0) = Σ yᵢ (wᵀxᵢ + w0)/‖w‖",
        sources=(Source("001", "Why do we take derivatives? min over w, w0"),),
        expr=S(ys[i] * (sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + w0))
        / sp.sqrt(sp.Sum(wv[j] ** 2, (j, 1, n))),
        data=("X", "y"),
        extra={"features": "margin", "params": ("w", "w0"), "domain": "w ≠ 0"},
        notes="The gradient is undefined at w = 0, where ‖w‖ = 0.",
    ),
]

#: Every per-sample loss ℓ(z, y) a kernel uses, generated once (``_generated/losses.py``) with
#: its z-derivatives: the vector entries' losses (each matched to one of these by SymPy) and
#: the fused data kernels' squared error and stable log-loss term.  (Named so that no generated
#: function shadows the primitives `sigmoid`/`softplus`.)
LINKS = {
    "squared_error": (z - yz) ** 2,
    "log_loss": yz * softplus(-z) + (1 - yz) * softplus(z),
    "cross_entropy": -yz * sp.log(z),
}
