"""Costs and losses over data: squared errors, log-loss, likelihood, cross-entropy, margin.

``data`` entries have scalar parameters and keep the sum over samples symbolic (a SymPy
``Sum`` over i = 1…m of ``x[i]``, ``y[i]``): SymPy differentiates the per-sample term under
the sum.  ``vector`` entries have a parameter vector; they are written with the same sums,
and their kernels are built from the per-sample loss ℓ(z, y) and its z-derivatives (z the
linear predictor), whose correctness the tests check against the fully expanded derivation.
"""

from __future__ import annotations

import sympy as sp

from ..generator.stable import sigmoid, softplus
from . import truths as t
from .entry import Claim, Entry, Source

i = sp.Symbol("i", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
xs = sp.IndexedBase("x", real=True)
ys = sp.IndexedBase("y", real=True)
Xs = sp.IndexedBase("X", real=True)
theta = sp.IndexedBase("theta", real=True)
wv = sp.IndexedBase("w", real=True)
qv = sp.IndexedBase("q", positive=True)
pv = sp.IndexedBase("p", real=True)
theta0, theta1 = sp.symbols("theta0 theta1", real=True)
w, b, c = sp.symbols("w b c", real=True)
slope = sp.Symbol("m_s", real=True)  # the notes call the slope m; m is the sample count here
w0 = sp.Symbol("w0", real=True)
z = sp.Symbol("z", real=True)
yz = sp.Symbol("y", real=True)


def S(term):  # noqa: N802 - Σ over the samples i = 1…m
    return sp.Sum(term, (i, 1, m))


h = theta0 + theta1 * xs[i]
PARAMS_BOX = ((-5.0, 5.0), (-5.0, 5.0))
SIGMA = 1 / (1 + sp.exp(-(w * xs[i] + b)))
#: (w₀, b₀) of the log-loss lecture's worked (hypothetical) descent.
WORKED_START = (sp.Integer(4), sp.Integer(5))

ENTRIES = [
    Entry(
        id="cost_mse_half",
        title="The squared-error cost J(θ0, θ1) = 1/(2m) Σ (h(xᵢ) − yᵢ)²",
        topic="costs",
        kind="data",
        sources=(Source("000", "Cost function; Gradient descent for linear regression"),),
        expr=S((h - ys[i]) ** 2) / (2 * m),
        variables=(theta0, theta1),
        box=PARAMS_BOX,
        data=("x", "y"),
        stationary="solve",
        claims=(
            Claim(
                "∂J/∂θ0",
                r"\frac{1}{m} \sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})",
                S(h - ys[i]) / m,
                t.partial(0),
            ),
            Claim(
                "∂J/∂θ1",
                r"\frac{1}{m} \sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)}) \cdot x^{(i)}",
                S((h - ys[i]) * xs[i]) / m,
                t.partial(1),
            ),
            Claim(
                "∂J/∂θ1 (one slide)",
                r"\frac{1}{m} \sum_{i=1}^m (\theta_0 + \theta_1 x^{(i)} - y^{(i)})",
                S(h - ys[i]) / m,
                t.partial(1),
                "wrong",
                "The factor x⁽ⁱ⁾ from the chain rule is missing; the next slide has it.",
            ),
            Claim(
                "least-squares optimum on sglt1_glucose, θ0",
                "62.5444015444…",
                "62.5444015444…",
                lambda d: d.with_data("sglt1_glucose").nearest_stationary("min", (60.0, 9.0))[0],
                "rounded",
                origin="reference",
            ),
            Claim(
                "least-squares optimum on sglt1_glucose, θ1",
                "8.7528957528…",
                "8.7528957528…",
                lambda d: d.with_data("sglt1_glucose").nearest_stationary("min", (60.0, 9.0))[1],
                "rounded",
                origin="reference",
            ),
        ),
        notes=(
            "The update rule is θj := θj − α ∂J/∂θj, simultaneously for all j. The document "
            "expands the m = 2 case term by term with the chain rule f(g(x))' = f'(g(x))·g'(x)."
        ),
        extra={"expand_m": 2},
    ),
    Entry(
        id="cost_mse",
        title="The mean squared error J(θ0, θ1) = 1/m Σ (h(xᵢ) − yᵢ)²",
        topic="costs",
        kind="data",
        sources=(Source("000", "Cost function (mean squared error)"),),
        expr=S((h - ys[i]) ** 2) / m,
        variables=(theta0, theta1),
        box=PARAMS_BOX,
        data=("x", "y"),
        notes="Without the ½ the gradient is twice that of `cost_mse_half`.",
    ),
    Entry(
        id="cost_slope_only",
        title="The cost of the slope alone, J(θ1) = 1/(2m) Σ (θ1 xᵢ − yᵢ)²",
        topic="costs",
        kind="data",
        sources=(Source("000", "Cost function intuition: θ0 = 0"),),
        expr=S((theta1 * xs[i] - ys[i]) ** 2) / (2 * m),
        variables=(theta1,),
        box=((-5.0, 5.0),),
        data=("x", "y"),
        claims=(
            Claim("J(1) on x = y = (1, 2, 3)", "0", sp.Integer(0),
                  t.on_data("line_123", "value", 1)),
            Claim("J(3) on x = y = (1, 2, 3)", "56/6", sp.Rational(56, 6),
                  t.on_data("line_123", "value", 3)),
            Claim("J(3), decimal", r"\approx 9.3", "9.3",
                  t.on_data("line_123", "value", 3), "rounded"),
            Claim("J(0.5) on x = y = (1, 2, 3)", r"3.5/6 \approx 0.6", "0.6",
                  t.on_data("line_123", "value", "0.5"), "rounded"),
            Claim(
                "dJ/dθ1 at θ1 = 0",
                r"\theta_1 = 0 - 0.1 \cdot -5 \ (\text{slope } -5)",
                "-5",
                lambda d: d.with_data("line_123").gradient(0),
                "rounded",
                "On this data dJ/dθ1 = (θ1 − 1)·14/3, so the slope at 0 is −14/3 ≈ −4.667; "
                "the document rounds it to −5.",
            ),
            Claim(
                "one step from θ1 = 0, α = 0.1",
                r"\theta_1 = 0 - 0.1 \cdot -5 = 0.5",
                "0.5",
                lambda d: 0 - sp.Rational("0.1") * d.with_data("line_123").gradient(0),
                "rounded",
                "With the exact slope −14/3 the step gives θ1 = 0.4667 (the rounded slope gives "
                "0.5).",
            ),
            Claim(
                "one step from θ1 = 2, α = 0.2",
                r"\theta_1 = 2 - 0.2 \cdot 5 = 1",
                "1",
                lambda d: 2 - sp.Rational("0.2") * d.with_data("line_123").gradient(2),
                "rounded",
                "With the exact slope +14/3 the step gives θ1 = 1.0667 (the rounded slope gives "
                "1).",
            ),
        ),
    ),
    Entry(
        id="sse_line",
        title="The sum of squared errors J(m, c) = Σ (yᵢ − (m xᵢ + c))²",
        topic="costs",
        kind="data",
        sources=(Source("001", "Regression problem: J(m, c)"),),
        expr=S((ys[i] - (slope * xs[i] + c)) ** 2),
        variables=(slope, c),
        box=PARAMS_BOX,
        data=("x", "y"),
        claims=(
            Claim(
                "∂J/∂m (first line)",
                r"\sum_{i=1}^n 2 (y_i - (m x_i + c)) (-x_i)",
                S(2 * (ys[i] - (slope * xs[i] + c)) * (-xs[i])),
                t.partial(0),
            ),
            Claim(
                "∂J/∂m (second line)",
                r"-\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) x_i",
                -2 * S((ys[i] - (slope * xs[i] + c)) * xs[i]) / m,
                t.partial(0),
                "wrong",
                "J is a plain sum, so there is no 1/N: this is the gradient of the mean "
                "(`mse_line`). ∂J/∂m = −2 Σ (yᵢ − (m xᵢ + c)) xᵢ.",
            ),
            Claim(
                "∂J/∂c",
                r"\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) (-1)",
                2 * S((ys[i] - (slope * xs[i] + c)) * (-1)) / m,
                t.partial(1),
                "wrong",
                "Again the 1/N belongs to the mean: ∂J/∂c = −2 Σ (yᵢ − (m xᵢ + c)).",
            ),
        ),
        notes="The notes call the slope m; here it is `m_s`, since m counts the samples.",
    ),
    Entry(
        id="mse_line",
        title="The mean squared error J(m, c) = 1/N Σ (yᵢ − (m xᵢ + c))²",
        topic="costs",
        kind="data",
        sources=(Source("001", "Regression problem: J(m, c), gradient"),),
        expr=S((ys[i] - (slope * xs[i] + c)) ** 2) / m,
        variables=(slope, c),
        box=PARAMS_BOX,
        data=("x", "y"),
        claims=(
            Claim(
                "∂J/∂m",
                r"-\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) x_i",
                -2 * S((ys[i] - (slope * xs[i] + c)) * xs[i]) / m,
                t.partial(0),
            ),
            Claim(
                "∂J/∂c",
                r"\frac{2}{N} \sum_{i=1}^n (y_i - (m x_i + c)) (-1)",
                2 * S((ys[i] - (slope * xs[i] + c)) * (-1)) / m,
                t.partial(1),
            ),
        ),
    ),
    Entry(
        id="likelihood",
        title="The likelihood L(w, b) = Π aᵢ^yᵢ (1 − aᵢ)^(1 − yᵢ)",
        topic="costs",
        kind="data",
        sources=(Source("003", "Likelihood"),),
        expr=sp.Product(SIGMA ** ys[i] * (1 - SIGMA) ** (1 - ys[i]), (i, 1, m)),
        stable=sp.exp(-S(ys[i] * softplus(-(w * xs[i] + b))
                         + (1 - ys[i]) * softplus(w * xs[i] + b))),
        variables=(w, b),
        box=((-2.0, 2.0), (-30.0, 10.0)),
        data=("x", "y"),
        claims=(
            Claim("L(0.5, −4) on pass_fail_8", r"2.0002713231 \times 10^{-8}",
                  "2.0002713231e-8", t.on_data("pass_fail_8", "value", "0.5", -4), "rounded"),
            Claim("L(1, −25) on pass_fail_8", "0.640675", "0.640675",
                  t.on_data("pass_fail_8", "value", 1, -25), "rounded"),
            Claim(
                "aᵢ, rows 5–8, for z = x − 25",
                "0.99992, 0.99998, 0.99999, 0.99999",
                ("0.99992", "0.99998", "0.99999", "0.99999"),
                lambda d: tuple(
                    sp.Integer(1) / (1 + sp.exp(-(sp.Integer(v) - 25))) for v in (27, 31, 35, 40)
                ),
                "wrong",
                "These aᵢ are copied from the previous table; σ(2) = 0.880797, σ(6) = 0.997527, "
                "σ(10) = 0.999955, σ(15) = 0.9999997 (the P(Y = yᵢ) column is right).",
            ),
        ),
        notes=(
            "Kernels evaluate exp(−Σ [yᵢ softplus(−zᵢ) + (1 − yᵢ) softplus(zᵢ)]), proved equal "
            "to the product; a product of many small factors underflows long before its "
            "logarithm does."
        ),
    ),
    Entry(
        id="log_loss",
        title="The log-loss J(w, b) = −1/m Σ [yᵢ ln aᵢ + (1 − yᵢ) ln(1 − aᵢ)]",
        topic="costs",
        kind="data",
        sources=(Source("003", "Log Loss function; Gradient descent"),),
        expr=-S(ys[i] * sp.log(SIGMA) + (1 - ys[i]) * sp.log(1 - SIGMA)) / m,
        stable=S(ys[i] * softplus(-(w * xs[i] + b)) + (1 - ys[i]) * softplus(w * xs[i] + b)) / m,
        variables=(w, b),
        box=((-2.0, 2.0), (-30.0, 10.0)),
        data=("x", "y"),
        claims=(
            Claim(
                "J(0.5, −4)",
                r"-\frac{1}{8} \log (2.0002 \times 10^{-8}) = 0.96236",
                "0.96236",
                t.on_data("pass_fail_8", "value", "0.5", -4),
                "wrong",
                "0.96236 is −(1/8)·log₁₀ L: the document silently switches to base 10. With ln "
                "(the log-loss every library uses) J = 2.21592.",
            ),
            Claim(
                "J(1, −25)",
                r"-\frac{1}{8} \log (0.640675) = 0.02417",
                "0.02417",
                t.on_data("pass_fail_8", "value", 1, -25),
                "wrong",
                "0.02417 is the base-10 value; with ln, J = 0.0556540.",
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
                "worked descent: loss at (4, 5)",
                "Our initial Loss is 1.38",
                "1.38",
                t.on_data("pass_fail_8", "value", *WORKED_START),
                "wrong",
                "Labelled hypothetical by the document; on pass_fail_8 the ln-loss at (4, 5) is "
                "about 35.5.",
            ),
            Claim(
                "worked descent: partials at (4, 5)",
                r"L_w = 0.41,\ L_b = 0.22",
                ("0.41", "0.22"),
                t.on_data("pass_fail_8", "gradient", *WORKED_START),
                "wrong",
                "Hypothetical: the true gradient at (4, 5) is about (8.25, 0.5). The second "
                "update is also written 4 − 0.22 where b₀ = 5.",
            ),
            Claim(
                "worked descent: the update of b",
                r"b_1 = 4 - 0.22 = 4.78",
                "4.78",
                lambda d: WORKED_START[1] - sp.Rational("0.22"),
                "right",
                "The result is right: the descent starts at b₀ = 5, and b₀ − ∂J/∂b = "
                "5 − 0.22 = 4.78.",
            ),
            Claim(
                "worked descent: the operand of the b update",
                r"b_1 = 4 - 0.22",
                "4",
                lambda d: WORKED_START[1],
                "wrong",
                "A typo: the operand is b₀ = 5 (the descent starts at (w, b) = (4, 5)), not 4; "
                "the printed result 4.78 = 5 − 0.22 is right.",
            ),
            Claim(
                "worked descent: the final loss at (−1.18, 0.94)",
                r"A(-1.18, 0.94, 0.01):\ Loss = 0.01",
                "0.01",
                t.on_data("pass_fail_8", "value", "-1.18", "0.94"),
                "wrong",
                "Hypothetical: on pass_fail_8 the ln-loss at (−1.18, 0.94) is about 19.1 — and the "
                "data are separable, so no finite (w, b) has the minimum loss.",
            ),
        ),
        notes=(
            "On pass_fail_8 the classes are linearly separable (every x ≤ 24 fails, every "
            "x ≥ 27 passes), so the log-loss has no finite minimiser: descent drives J toward 0 "
            "while ‖(w, b)‖ grows without bound. Kernels evaluate the proved stable form "
            "(1/m) Σ [yᵢ softplus(−zᵢ) + (1 − yᵢ) softplus(zᵢ)] (equal to logaddexp(0, z) − "
            "y·z, without its cancellation for y = 1 and large z)."
        ),
        extra={"base10_claims": ("0.96236", "0.02417")},
    ),
    Entry(
        id="cost_multiple_linear",
        title="The cost of multiple linear regression J(θ) = 1/(2m) Σ (θ·x̃ᵢ − yᵢ)²",
        topic="costs",
        kind="vector",
        sources=(Source("000", "Multiple linear regression"),),
        expr=S((theta[0] + sp.Sum(theta[j] * Xs[i, j], (j, 1, n)) - ys[i]) ** 2) / (2 * m),
        data=("X", "y"),
        extra={"loss": (z - yz) ** 2, "scale": 1 / (2 * m), "features": "affine",
               "params": ("theta",)},
        notes="θ[0] is the intercept; X has one row per sample.",
    ),
    Entry(
        id="cost_polynomial",
        title="The cost of polynomial regression, hypothesis b0 + b1 x + … + bn xⁿ",
        topic="costs",
        kind="vector",
        sources=(Source("000", "Polynomial regression"),),
        expr=S((sp.Sum(theta[j] * xs[i] ** j, (j, 0, n)) - ys[i]) ** 2) / (2 * m),
        data=("x", "y"),
        extra={"loss": (z - yz) ** 2, "scale": 1 / (2 * m), "features": "polynomial",
               "params": ("b",)},
        notes="The parameter vector b has degree + 1 entries; features are powers of x.",
    ),
    Entry(
        id="mse",
        title="The mean squared error 1/n Σ (yᵢ − ŷᵢ)² with ŷ = Xw + b",
        topic="costs",
        kind="vector",
        sources=(Source("004", "Loss functions: mean squared error"),),
        expr=S((ys[i] - (sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + b)) ** 2) / m,
        data=("X", "y"),
        extra={"loss": (yz - z) ** 2, "scale": 1 / m, "features": "wb", "params": ("w", "b")},
        notes="∂/∂ŷᵢ = −2(yᵢ − ŷᵢ)/n; through ŷ = Xw + b, ∇w = Xᵀ ∂/∂ŷ and ∂/∂b = Σ ∂/∂ŷᵢ.",
    ),
    Entry(
        id="cross_entropy",
        title="Cross-entropy −1/n Σ pᵢ ln qᵢ",
        topic="costs",
        kind="vector",
        sources=(Source("004", "Loss functions: cross entropy"),),
        expr=-S(pv[i] * sp.log(qv[i])) / m,
        data=("p",),
        extra={"loss": -yz * sp.log(z), "scale": 1 / m, "features": "elementwise",
               "params": ("q",), "domain": "q > 0"},
        notes=(
            "With binary p and q = σ(z) the cross-entropy of p and (q, 1 − q) is `log_loss`."
        ),
    ),
    Entry(
        id="hyperplane_margin",
        title="The signed margin M(w, w0) = Σ yᵢ (wᵀxᵢ + w0)/‖w‖",
        topic="costs",
        kind="vector",
        sources=(Source("001", "Why do we take derivatives? min over w, w0"),),
        expr=S(ys[i] * (sp.Sum(wv[j] * Xs[i, j], (j, 1, n)) + w0))
        / sp.sqrt(sp.Sum(wv[j] ** 2, (j, 1, n))),
        data=("X", "y"),
        extra={"features": "margin", "params": ("w", "w0"), "domain": "w ≠ 0"},
        notes="The gradient is undefined at w = 0, where ‖w‖ = 0.",
    ),
]

#: Per-sample building blocks the data kernels use: ℓ(z, y) and the stable log-loss term.
#: (Named so that no generated function shadows the primitives `sigmoid`/`softplus`.)
LINKS = {
    "squared_error": (z - yz) ** 2,
    "log_loss": yz * softplus(-z) + (1 - yz) * softplus(z),
    "logistic": sigmoid(z),
}
