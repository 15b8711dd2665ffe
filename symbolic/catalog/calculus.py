"""Functions of one or more real variables: the calculus examples of the five documents."""

from __future__ import annotations

import sympy as sp

from . import truths as t
from .entry import Claim, Entry, Source

x, y = sp.symbols("x y", real=True)
xp = sp.Symbol("x", positive=True)
zp = sp.Symbol("z", positive=True)
n_pos = sp.Symbol("n", positive=True)
half = sp.Rational(1, 2)
# Domains are written on plain real symbols of the same names: on a positive=True symbol,
# ``x > 0`` would evaluate to True at once and the domain check would vanish.
X_REAL, Z_REAL, N_REAL = (sp.Symbol(s, real=True) for s in ("x", "z", "n"))

BOX_1D = ((-3.0, 3.0),)
BOX_2D = ((-3.0, 3.0), (-3.0, 3.0))

ENTRIES = [
    Entry(
        id="quartic",
        title="A quartic polynomial",
        topic="calculus",
        kind="scalar",
        sources=(Source("001", "① f(x) = 3x⁴ − 5x² + 2x → f'(x), f''(x)"),),
        expr=3 * x**4 - 5 * x**2 + 2 * x,
        variables=(x,),
        box=BOX_1D,
        stationary="solve",
        claims=(
            Claim(
                "f'(x)",
                r"f'(x) = 3 \times 4x^3 - 5 \times 2x^2 + 2",
                sp.Mul(3, 4, evaluate=False) * x**3 - sp.Mul(5, 2, evaluate=False) * x**2 + 2,
                t.derivative(1),
                "wrong",
                "The power rule on −5x² gives −5·2x, not −5·2x²; f'(x) = 12x³ − 10x + 2.",
            ),
            Claim(
                "f''(x)",
                r"f''(x) = 3 \times 4 \times 2x^2 - 5 \times 2 \times 2x",
                24 * x**2 - 20 * x,
                t.derivative(2),
                "wrong",
                "d/dx 12x³ = 36x² (3·4·3x², not 3·4·2x²) and d/dx(−10x) = −10: f''(x) = 36x² − 10.",
            ),
        ),
        notes="The notes differentiate term by term and slip twice: both errata are shown below.",
    ),
    Entry(
        id="exp2x_cos",
        title="e^(2x)·cos x (product and chain rules)",
        topic="calculus",
        kind="scalar",
        sources=(Source("001", "② e^(2x)·cos(x) → f'(x), f''(x)"),),
        expr=sp.exp(2 * x) * sp.cos(x),
        variables=(x,),
        box=((-6.0, 6.0),),
        claims=(
            Claim(
                "f'(x), intermediate line",
                r"2 \cdot e^{2x} \cdot (\cos x - e^{2x} \cdot \sin x)",
                2 * sp.exp(2 * x) * (sp.cos(x) - sp.exp(2 * x) * sp.sin(x)),
                t.derivative(1),
                "wrong",
                "An intermediate line multiplies e^(2x) in twice; the next line is right.",
            ),
            Claim(
                "f'(x)",
                r"f'(x) = 2 \cdot e^{2x} \cdot \cos x - e^{2x} \cdot \sin x",
                2 * sp.exp(2 * x) * sp.cos(x) - sp.exp(2 * x) * sp.sin(x),
                t.derivative(1),
            ),
            Claim(
                "f''(x)",
                r"3 \cdot e^{2x} \cdot \cos x - 3 \sin x \cdot e^{2x}",
                3 * sp.exp(2 * x) * sp.cos(x) - 3 * sp.sin(x) * sp.exp(2 * x),
                t.derivative(2),
                "wrong",
                "Both product-rule terms contribute −2e^(2x) sin x: f''(x) = 3e^(2x) cos x − "
                "4e^(2x) sin x.",
            ),
        ),
    ),
    Entry(
        id="paraboloid_plus3",
        title="x² + y² + 3, a function of two variables",
        topic="calculus",
        kind="scalar",
        sources=(Source("001", "Multiple parameters: f(x, y) = x² + y² + 3"),),
        expr=x**2 + y**2 + 3,
        variables=(x, y),
        box=BOX_2D,
        stationary="solve",
    ),
    Entry(
        id="poly_xy",
        title="2x²y + 3y³x² + 3y (partial derivatives)",
        topic="calculus",
        kind="scalar",
        sources=(Source("001", "Partial derivative, Ex. f(x, y) = 2x²y + 3y³x² + 3y"),),
        expr=2 * x**2 * y + 3 * y**3 * x**2 + 3 * y,
        variables=(x, y),
        box=BOX_2D,
        stationary="solve",
        claims=(
            Claim(
                "∂f/∂x",
                r"2y \cdot 2x + 3y^3 \cdot 2x + \frac{d}{dx} 3y",
                2 * y * 2 * x + 3 * y**3 * 2 * x + sp.Derivative(3 * y, x),
                t.partial(0),
            ),
            Claim(
                "∂f/∂y",
                r"2x^2 \cdot 1 + 3x^2 \cdot 3y^2 + \frac{d}{dy} 3y",
                2 * x**2 + 3 * x**2 * 3 * y**2 + sp.Derivative(3 * y, y),
                t.partial(1),
            ),
        ),
    ),
    Entry(
        id="point_to_parabola",
        title="Squared distance from (3, 7) to the parabola y = x² + 7",
        topic="calculus",
        kind="scalar",
        sources=(Source("001", "Dist b/w Pt & line: y = x² + 7"),),
        expr=(x - 3) ** 2 + ((x**2 + 7) - 7) ** 2,
        variables=(x,),
        box=BOX_1D,
        stationary="solve",
        claims=(
            Claim("D'(x)", r"f'(x) = 2x - 6 + 4x^3", 2 * x - 6 + 4 * x**3, t.derivative(1)),
            Claim(
                "root of D'",
                r"4x^3 + 2x - 6 = 0 \Rightarrow x = 1",
                sp.Integer(1),
                lambda d: d.nearest_stationary("min", (1.0,))[0],
            ),
            Claim(
                "nearest point",
                "(1, 8)",
                (sp.Integer(1), sp.Integer(8)),
                lambda d: (
                    d.nearest_stationary("min", (1.0,))[0],
                    d.nearest_stationary("min", (1.0,))[0] ** 2 + 7,
                ),
            ),
            Claim(
                "distance",
                r"\sqrt{5}",
                sp.sqrt(5),
                lambda d: sp.sqrt(d.nearest_stationary("min", (1.0,))[-1]),
            ),
        ),
    ),
    Entry(
        id="log_over_x",
        title="ln(n)/n and its maximum at n = e",
        topic="calculus",
        kind="scalar",
        sources=(Source("001", "y = log n / n"),),
        expr=sp.log(n_pos) / n_pos,
        variables=(n_pos,),
        domain=N_REAL > 0,
        box=((0.05, 20.0),),
        stationary="solve",
        claims=(
            Claim(
                "y'(n)",
                r"-\frac{\log n}{n^2} + \frac{1}{n^2}",
                -sp.log(n_pos) / n_pos**2 + 1 / n_pos**2,
                t.derivative(1),
            ),
            Claim(
                "stationary point",
                r"\log n = 1,\ n = e^1",
                sp.E,
                lambda d: d.nearest_stationary("max", (2.7,))[0],
            ),
            Claim(
                "maximum value",
                "1/e",
                1 / sp.E,
                lambda d: d.nearest_stationary("max", (2.7,))[-1],
            ),
        ),
    ),
    Entry(
        id="paraboloid",
        title="x² + y²",
        topic="calculus",
        kind="scalar",
        sources=(Source("002", "Partial derivatives; Gradients and maxima/minima"),),
        expr=x**2 + y**2,
        variables=(x, y),
        box=BOX_2D,
        stationary="solve",
        claims=(
            Claim("∂f/∂x", r"\frac{\partial f}{\partial x} = 2x", 2 * x, t.partial(0)),
            Claim("∂f/∂y", r"\frac{\partial f}{\partial y} = 2y", 2 * y, t.partial(1)),
            Claim(
                "∇f(2, 3)",
                r"\nabla f(2, 3) = (4, 6)",
                (sp.Integer(4), sp.Integer(6)),
                t.gradient(2, 3),
            ),
        ),
    ),
    Entry(
        id="sauna",
        title="The temperature of the sauna, T(x, y)",
        topic="calculus",
        kind="scalar",
        sources=(
            Source("002", "Optimization using Gradient Descent in two variables (f_example_3)"),
        ),
        expr=85 - sp.Rational(1, 90) * x**2 * (x - 6) * y**2 * (y - 6),
        variables=(x, y),
        box=((-1.0, 7.0), (-1.0, 7.0)),
        stationary="solve",
        claims=(
            Claim(
                "T on the wall x = 0",
                "T = 85 on x = 0",
                sp.Integer(85),
                lambda d: sp.simplify(d.f.subs(d.variables[0], 0)),
            ),
            Claim(
                "T on the wall y = 0",
                "T = 85 on y = 0",
                sp.Integer(85),
                lambda d: sp.simplify(d.f.subs(d.variables[1], 0)),
            ),
            Claim(
                "coolest point",
                "(4, 4)",
                (sp.Integer(4), sp.Integer(4)),
                lambda d: d.nearest_stationary("min", (4.0, 4.0))[:2],
            ),
            Claim(
                "coolest temperature",
                "73.6",
                "73.6",
                lambda d: d.nearest_stationary("min", (4.0, 4.0))[-1],
                "rounded",
            ),
            Claim(
                "lab: α = 0.25, 30 iterations from (0.5, 0.6)",
                "(4.0, 4.0)",
                ("4.0", "4.0"),
                t.lab((0.5, 0.6), 0.25, 30),
            ),
        ),
        notes=(
            "The lab's `f_example_3` is written 85 + 0.1·(−(1/9)(x−6)x²y³ + (2/3)(x−6)x²y²); "
            "expanding both shows it is this T (a test proves it)."
        ),
        extra={
            "lab_form": 85
            + sp.Rational(1, 10)
            * (-sp.Rational(1, 9) * (x - 6) * x**2 * y**3 + sp.Rational(2, 3) * (x - 6) * x**2 * y**2)
        },
    ),
    Entry(
        id="exp_minus_log",
        title="eˣ − ln x, one global minimum",
        topic="calculus",
        kind="scalar",
        sources=(Source("002", "Lab: Function with One Global Minimum (f_example_1)"),),
        expr=sp.exp(xp) - sp.log(xp),
        variables=(xp,),
        domain=X_REAL > 0,
        box=((0.01, 5.0),),
        stationary="solve",
        claims=(
            Claim("f'(x)", r"\texttt{np.exp(x) - 1/x}", sp.exp(xp) - 1 / xp, t.derivative(1)),
            Claim(
                "lab: α = 0.1, 25 iterations from 1.6",
                "0.5671434156768685",
                "0.5671434156768685",
                t.lab((1.6,), 0.1, 25),
            ),
        ),
        extra={
            # The lab's parameter experiments: (α, iterations, x0, what the document says).
            "experiments": (
                (0.1, 25, 1.6, "converges"),
                (0.3, 25, 1.6, "converges faster"),
                (0.5, 25, 1.6, "does not converge"),
                (0.04, 25, 1.6, "not enough iterations"),
                (0.04, 75, 1.6, "converges slowly"),
                (0.1, 25, 0.05, "works, large first step"),
                (0.1, 25, 0.03, "risks missing the minimum"),
                (0.1, 25, 0.02, "does not converge"),
            ),
        },
    ),
    Entry(
        id="exp_minus_log_sin",
        title="(eˣ − ln x)·sin(2πx), several minima",
        topic="calculus",
        kind="scalar",
        sources=(Source("002", "Lab: Function with Multiple Minima (f_example_2)"),),
        expr=(sp.exp(xp) - sp.log(xp)) * sp.sin(2 * sp.pi * xp),
        variables=(xp,),
        domain=X_REAL > 0,
        box=((0.02, 3.0),),
        stationary="numeric",
        grid=((0.05, 2.5, 60),),
        claims=(
            Claim(
                "lab: α = 0.005, 35 iterations from 1.3 (global minimum)",
                "1.7751686214270586",
                "1.7751686214270586",
                t.lab((1.3,), 0.005, 35),
            ),
            Claim(
                "lab: α = 0.005, 35 iterations from 0.25 (local minimum)",
                "0.7585728671820583",
                "0.7585728671820583",
                t.lab((0.25,), 0.005, 35),
            ),
        ),
        notes=(
            "The document does not print the formula of the lab's `f_example_2`; this "
            "definition reproduces every printed result."
        ),
    ),
    Entry(
        id="three_wells",
        title="Three wells: one global and two local minima",
        topic="calculus",
        kind="scalar",
        sources=(Source("002", "Lab: Function with Multiple Minima in two variables (f_example_4)"),),
        expr=10
        - (
            10 / (3 + 3 * (x - half) ** 2 + 3 * (y - half) ** 2)
            + 2 / (1 + 2 * (x - 3) ** 2 + 2 * (y - sp.Rational(3, 2)) ** 2)
            + 3 / (1 + half * (x - sp.Rational(7, 2)) ** 2 + half * (y - 4) ** 2)
        ),
        variables=(x, y),
        box=((-1.0, 6.0), (-1.0, 6.0)),
        stationary="numeric",
        grid=((-0.5, 5.5, 25), (-0.5, 5.5, 25)),
        claims=(
            Claim(
                "lab: α = 0.2, 100 iterations from (0.5, 3)",
                "(0.5230322579358745, 0.5169891562802605)",
                ("0.5230322579358745", "0.5169891562802605"),
                t.lab((0.5, 3.0), 0.2, 100),
            ),
        ),
        notes=(
            "The document does not print `f_example_4`; this reconstruction reproduces the "
            "printed results."
        ),
        extra={
            "experiments": (
                ((2.0, 3.0), 0.2, 20, "local minimum near (3.479, 3.947)"),
                ((4.0, 0.5), 0.2, 20, "local minimum near (2.981, 1.541)"),
            ),
            "reference_minima": (
                ("0.5230323", "0.5169892", "6.2769039"),
                ("2.9806", "1.5409", None),
                ("3.4789", "3.9475", None),
            ),
        },
    ),
    Entry(
        id="three_var",
        title="x² + xy + y² − √z, a function of three variables",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Functions of several variables: domain and value"),),
        expr=x**2 + x * y + y**2 - sp.sqrt(zp),
        variables=(x, y, zp),
        domain=Z_REAL > 0,
        box=((-3.0, 3.0), (-3.0, 3.0), (0.01, 9.0)),
        claims=(
            Claim("f(1, 3, 4)", "f(1, 3, 4) = 11", sp.Integer(11), t.value(1, 3, 4)),
        ),
        notes=(
            "f is defined for z ≥ 0, its gradient only for z > 0 (∂f/∂z = −1/(2√z)); the "
            "kernels use the open domain z > 0."
        ),
    ),
    Entry(
        id="x2_plus_y",
        title="z = x² + y",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Graphs of functions of two variables"),),
        expr=x**2 + y,
        variables=(x, y),
        box=BOX_2D,
    ),
    Entry(
        id="reciprocal",
        title="1/x and its one-sided limits at 0",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Limits"),),
        expr=1 / x,
        variables=(x,),
        domain=sp.Ne(x, 0),
        box=((0.05, 10.0),),
        claims=(
            Claim("lim x→0⁺", r"+\infty", sp.oo, lambda d: sp.limit(d.f, d.variables[0], 0, "+")),
            Claim("lim x→0⁻", r"-\infty", -sp.oo, lambda d: sp.limit(d.f, d.variables[0], 0, "-")),
        ),
        notes="Test points are drawn on both sides of 0 (the box is mirrored).",
        extra={"mirror": True},
    ),
    Entry(
        id="path_limit",
        title="−xy/(x² + y²): a limit that depends on the path",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Limits of functions of two variables"),),
        expr=-x * y / (x**2 + y**2),
        variables=(x, y),
        # (x, y) ≠ (0, 0), written so that it cannot underflow (x² + y² does below 1e-162).
        domain=sp.Or(sp.Ne(x, 0), sp.Ne(y, 0)),
        box=((0.1, 3.0), (-3.0, 3.0)),
        claims=(
            Claim(
                "limit along y = x²",
                "0",
                sp.Integer(0),
                lambda d: sp.limit(d.f.subs(d.variables[1], d.variables[0] ** 2), d.variables[0], 0),
            ),
            Claim(
                "limit along y = x",
                r"-\frac{1}{2}",
                -half,
                lambda d: sp.limit(d.f.subs(d.variables[1], d.variables[0]), d.variables[0], 0),
            ),
        ),
        notes=(
            "The two path limits differ, so the limit at (0, 0) does not exist. f is "
            "homogeneous of degree 0, so the kernels evaluate it at (x, y)·s, s a power of 2 "
            "near 1/max(|x|, |y|), and rescale exactly (∇f by s, the Hessian by s²): no "
            "intermediate overflows for tiny or huge (x, y)."
        ),
        extra={"homogeneous": 0},
    ),
    Entry(
        id="sqrt",
        title="√x and its difference quotients",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Derivative as a rate of change: f(x) = √x"),),
        expr=sp.sqrt(xp),
        variables=(xp,),
        domain=X_REAL > 0,
        box=((0.01, 100.0),),
        claims=(
            Claim("f'(x)", r"\frac{1}{2\sqrt{x}}", 1 / (2 * sp.sqrt(xp)), t.derivative(1)),
            Claim("f'(4)", r"\frac{1}{4}", sp.Rational(1, 4), lambda d: d.derivative_at(1, 4)),
            Claim("Δy for Δx = 1 at 4", r"\sqrt{5} - \sqrt{4} \approx 0.24", "0.24",
                  lambda d: d.value(5) - d.value(4), "rounded"),
            Claim(
                "Δy for Δx = 0.00008 at 4",
                r"\Delta y \approx 0.000021",
                "0.000021",
                lambda d: d.value(sp.Rational("4.00008")) - d.value(4),
                "wrong",
                "√4.00008 − 2 = 0.0000199999…, i.e. 0.000020, not 0.000021.",
            ),
            Claim(
                "slope for Δx = 0.00008 at 4",
                r"\frac{0.000021}{0.00008} \approx 0.26",
                "0.26",
                lambda d: (d.value(sp.Rational("4.00008")) - d.value(4)) / sp.Rational("0.00008"),
                "wrong",
                "The slope is 0.2499988, close to f'(4) = 1/4 as it should be; 0.26 comes from "
                "the wrong Δy.",
            ),
        ),
    ),
    Entry(
        id="square",
        title="x²",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Average rate of change"),),
        expr=x**2,
        variables=(x,),
        box=((-10.0, 10.0),),
        claims=(
            Claim("f(0.9) − f(0.5)", r"\Delta y = f(0.9) - f(0.5) = 0.56", "0.56",
                  lambda d: d.value(sp.Rational("0.9")) - d.value(sp.Rational("0.5"))),
        ),
    ),
    Entry(
        id="x2_sin_y",
        title="z = x² sin y",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Partial derivatives: example z = x² sin y"),),
        expr=x**2 * sp.sin(y),
        variables=(x, y),
        box=BOX_2D,
        claims=(
            Claim("∂z/∂x", r"2x \sin y", 2 * x * sp.sin(y), t.partial(0)),
            Claim("∂z/∂y", r"x^2 \cos y", x**2 * sp.cos(y), t.partial(1)),
            Claim("∂z/∂x at (π, π)", "0", sp.Integer(0), lambda d: d.gradient(sp.pi, sp.pi)[0]),
            Claim("∂z/∂y at (π, π)", r"-\pi^2", -sp.pi**2, lambda d: d.gradient(sp.pi, sp.pi)[1]),
        ),
    ),
    Entry(
        id="sin_cos",
        title="sin x · cos y: partial and directional derivatives",
        topic="calculus",
        kind="scalar",
        sources=(Source("003", "Partial derivatives and the directional derivative"),),
        expr=sp.sin(x) * sp.cos(y),
        variables=(x, y),
        box=((-4.0, 4.0), (-4.0, 4.0)),
        claims=(
            Claim("f_x", r"\cos(x) \times \cos(y)", sp.cos(x) * sp.cos(y), t.partial(0)),
            Claim("f_y", r"\sin(x) \times (-\sin(y))", sp.sin(x) * (-sp.sin(y)), t.partial(1)),
            Claim("f_x(2, 2.5)", r"\approx 0.33", "0.33", t.partial_at(0, 2, "2.5"), "rounded"),
            Claim("f_y(2, 2.5)", r"\approx -0.54", "-0.54", t.partial_at(1, 2, "2.5"), "rounded"),
            Claim("f(2, 2.7)", r"\approx -0.82", "-0.82", t.value(2, "2.7"), "rounded"),
            Claim("f(2, 2.5)", "−0.73 (point H)", "-0.73", t.value(2, "2.5"), "rounded"),
            Claim("Δz from (2, 2.5) to (2, 2.7)", "−0.82 + 0.73 = −0.09", "-0.09",
                  lambda d: d.value(2, "2.7") - d.value(2, "2.5"), "rounded"),
        ),
    ),
    Entry(
        id="sextic",
        title="x⁶ − 5x⁴ + 4x²: several minima",
        topic="calculus",
        kind="scalar",
        sources=(Source("004", "Gradient descent with different starting points"),),
        expr=x**6 - 5 * x**4 + 4 * x**2,
        variables=(x,),
        box=((-2.5, 2.5),),
        stationary="solve",
        claims=(
            Claim(
                "what x = 0 is",
                "“it consistently converged to the local maximum at x = 0”",
                "max",
                lambda d: d.nearest_stationary("any", (0.0,))[1],
                "wrong",
                "f''(0) = 8 > 0: x = 0 is a local minimum (f = 0). Descent from x = 0 never "
                "moves because f'(0) = 0, which the document explains correctly.",
            ),
        ),
        extra={
            "reference_stationary": (
                ("0", "min", "0"),
                ("0.6817743", "max", "0.8794197"),
                ("-0.6817743", "max", "0.8794197"),
                ("1.6936697", "min", "-6.0646049"),
                ("-1.6936697", "min", "-6.0646049"),
            )
        },
    ),
    Entry(
        id="peaks",
        title="The peaks function",
        topic="calculus",
        kind="scalar",
        sources=(Source("004", "Python Practice-3: the Peaks function"),),
        expr=3 * (1 - x) ** 2 * sp.exp(-(x**2) - (y + 1) ** 2)
        - 10 * (x / 5 - x**3 - y**5) * sp.exp(-(x**2) - y**2)
        - sp.Rational(1, 3) * sp.exp(-((x + 1) ** 2) - y**2),
        variables=(x, y),
        box=((-3.0, 3.0), (-3.0, 3.0)),
        stationary="numeric",
        grid=((-3.0, 3.0, 31), (-3.0, 3.0, 31)),
        extra={
            "reference_stationary": (
                ("0.2283", "-1.6255", "min", "-6.5511"),
                ("-0.0093", "1.5814", "max", "8.1062"),
                ("-1.3474", "0.2045", "min", "-3.0498"),
                ("-0.4600", "-0.6292", "max", "3.7766"),
            )
        },
    ),
]
