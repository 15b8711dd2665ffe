"""Functions of one or more real variables: the calculus examples of the five documents."""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import continuous_domain

from ..generator.stable import is_zero
from . import truths as t
from .entry import Claim, Source, derivative_claim, entries, lab_claim, partial_claim

x, y = sp.symbols("x y", real=True)
xp = sp.Symbol("x", positive=True)
zp = sp.Symbol("z", positive=True)
n_pos = sp.Symbol("n", positive=True)
half = sp.Rational(1, 2)
# Domains are written on plain real symbols of the same names: on a positive=True symbol,
# ``x > 0`` would evaluate to True at once and the domain check would vanish.
X_REAL, Z_REAL, N_REAL = (sp.Symbol(s, real=True) for s in ("x", "z", "n"))

T_REAL = sp.Symbol("t", real=True)

BOX_1D = ((-3.0, 3.0),)

#: 002's plot of f_example_2: ``plot_f([0.001, 2], …)``.
PLOTTED_2 = (0.001, 2.0)
#: The sauna's room as plotted: ``plot_f_cont_and_surf([0, 5], [0, 5], …)``.
ROOM = sp.Interval(0, 5)
#: How far (max-norm) a lab's end point may be from a minimum to count as having reached it.
REACHED_TOL = 1e-4
#: A descent that never meets its stopping rule.
NEVER = 10**9


def _signed_limit(f, v, to):
    """"0+" / "0-" when f → 0 from above / below, else the limit as text."""
    lim = sp.limit(f, v, to)
    if lim != 0:
        return str(lim)
    side = sp.limit(sp.sign(f), v, to)
    return "0+" if side == 1 else "0-" if side == -1 else "0"


def _max_on_room(d):
    """max T over ROOM²: interior stationary values and each wall's one-variable maximum."""
    vx, vy = d.variables
    values = [s.value for s in d.stationary_points
              if all(c in ROOM for c in s.point)]
    for c in (ROOM.start, ROOM.end):
        values.append(sp.maximum(d.f.subs(vx, c), vy, ROOM))
        values.append(sp.maximum(d.f.subs(vy, c), vx, ROOM))
    return sp.simplify(sp.Max(*values))


def _on_wall(index: int):
    """``true(d)``: T on the wall where variable ``index`` is 0, simplified."""
    return lambda d: sp.simplify(d.f.subs(d.variables[index], 0))


def _only_minimum_in_room(d):
    """The isolated minimum inside the room, if it is the only one."""
    mins = [s.point for s in d.stationary_points if s.kind == "min"
            and all(c in ROOM for c in s.point)]
    return tuple(mins[0]) if len(mins) == 1 else tuple(mins)


def _one_global_minimum(d) -> bool:
    """f'' > 0 on the whole domain (x > 0) and f' has a root: exactly one minimum."""
    (v,) = d.variables
    convex = sp.solveset(d.derivative(2) <= 0, v, sp.Interval.open(0, sp.oo)) == sp.S.EmptySet
    return convex and any(s.kind == "min" for s in d.stationary_points)


def _reached(d, alpha, n, x0, rule="grad", tol=1e-5) -> int:
    """The first iteration k ≤ n of the lab's loop meeting the stopping rule (NEVER if none).

    ``rule``: ``"grad"`` |f'(x_k)| < tol, ``"step"`` |x_k − x_{k−1}| < tol, ``"error"``
    |x_k − x*| < tol with x* the SymPy-solved minimum.
    """
    import math

    fprime = sp.lambdify(d.variables, d.derivative(1), modules="math")
    target = float(d.nearest_stationary("min", (x0,))[0]) if rule == "error" else None
    xk = float(x0)
    for k in range(1, n + 1):
        try:
            prev, xk = xk, xk - alpha * fprime(xk)
            gk = fprime(xk)
        except (ValueError, OverflowError, ZeroDivisionError):
            return NEVER
        if not math.isfinite(xk):
            return NEVER
        err = {"grad": abs(gk), "step": abs(xk - prev),
               "error": abs(xk - target) if target is not None else 0.0}[rule]
        if err < tol:
            return k
    return NEVER


#: Stopping rules a lab could have used, each as a convention for a claim "reached on k".
def _first_reached(rule: str, j: int):
    return lambda d: str(_reached(d, 0.1, 25, 1.6, rule, 10.0**-j))


STOPPING_RULES = tuple(
    (f"stopping rule {label} < 1e-{j}", _first_reached(rule, j))
    for rule, label in (("grad", "|f'(x_k)|"), ("step", "|x_k − x_{k−1}|"),
                        ("error", "|x_k − x*|"))
    for j in range(3, 9)
)


def _which_minimum(d, point, interval, avoid=None) -> str:
    """"global" / "local" when ``point`` is within REACHED_TOL of a minimum, else "none".

    Global among the minima inside ``interval`` (one variable: also below the interval's end
    values); ``interval=None``: over the whole domain, "none: unbounded below" when f is.
    With ``avoid``, a minimum that ``avoid`` also reaches does not count ("another one").
    """
    point = tuple(float(c) for c in (point if isinstance(point, tuple) else (point,)))
    inside = d.stationary_points
    if interval is not None:
        lo, hi = interval
        inside = [s for s in inside if lo <= float(s.point[0]) <= hi]
    elif len(d.variables) == 1:
        (v,) = d.variables
        k = sp.Symbol("k", positive=True, integer=True)
        if sp.limit(d.f.subs(v, k + sp.Rational(3, 4)), k, sp.oo) == -sp.oo:
            return "none: unbounded below"
    mins = [s for s in inside if s.kind == "min"]

    def near(p, s):
        return max(abs(a - float(b)) for a, b in zip(p, s.point, strict=True)) < REACHED_TOL

    hit = [s for s in mins if near(point, s)]
    if not hit or (avoid is not None and near(tuple(avoid), hit[0])):
        return "none"
    lowest = min(float(s.value) for s in mins)
    if interval is not None:
        (v,) = d.variables
        lowest = min([lowest] + [float(d.f.subs(v, sp.Float(e))) for e in interval])
    return "global" if float(hit[0].value) <= lowest else "local"


def _lab_reaches(x0, learning_rate, num_iterations, interval=None, other_start=None):
    """``true(d)``: which minimum (:func:`_which_minimum`) the lab's loop from ``x0`` ends in;
    with ``other_start``, a minimum that the same loop from there also ends in does not count."""
    def true(d):
        run = t.lab(x0, learning_rate, num_iterations)
        avoid = None if other_start is None else t.lab(other_start, learning_rate,
                                                       num_iterations)(d)
        return _which_minimum(d, run(d), interval, avoid=avoid)
    return true


def _has_nonglobal_minimum(d, interval) -> bool:
    """A minimum inside ``interval`` whose value exceeds the lowest minimum there."""
    lo, hi = interval
    vals = [float(s.value) for s in d.stationary_points
            if s.kind == "min" and lo <= float(s.point[0]) <= hi]
    return len(vals) > 1 and max(vals) > min(vals)
BOX_2D = ((-3.0, 3.0), (-3.0, 3.0))

#: The entries here are scalar functions (kernels f, grad, hess) of the calculus topic.
calculus_entry = entries("calculus", "scalar")

ENTRIES = [
    calculus_entry(
        id="quartic",
        title="A quartic polynomial",
        sources=(Source("001", "① f(x) = 3x⁴ − 5x² + 2x → f'(x), f''(x)"),),
        expr=3 * x**4 - 5 * x**2 + 2 * x,
        variables=(x,),
        box=BOX_1D,
        stationary="solve",
        claims=(
            derivative_claim("f'(x)", r"f'(x) = 3 \times 4x^3 - 5 \times 2x^2 + 2",
                             sp.Mul(3, 4, evaluate=False) * x**3 - sp.Mul(5, 2, evaluate=False) * x**2 + 2,
                             expected="wrong",
                             note="The power rule on −5x² gives −5·2x, not −5·2x²; f'(x) = 12x³ − 10x + 2.",
                             lines=(34,)),
            derivative_claim("f''(x)", r"f''(x) = 3 \times 4 \times 2x^2 - 5 \times 2 \times 2x",
                             24 * x**2 - 20 * x, order=2, expected="wrong",
                             note="d/dx 12x³ = 36x² (3·4·3x², not 3·4·2x²) and d/dx(−10x) = −10: f''(x) = 36x² − 10.",
                             lines=(36,)),
        ),
        notes="The notes differentiate term by term and slip twice: both errata are shown below.",
    ),
    calculus_entry(
        id="exp2x_cos",
        title="e^(2x)·cos x (product and chain rules)",
        sources=(Source("001", "② e^(2x)·cos(x) → f'(x), f''(x)"),),
        expr=sp.exp(2 * x) * sp.cos(x),
        variables=(x,),
        box=((-6.0, 6.0),),
        claims=(
            derivative_claim("f'(x) by the product rule",
                             r"f'(x) = e^{2x} \cdot \frac{d(\cos(x))}{dx} + \frac{d(e^{2x})}{dx} \cdot \cos(x)",
                             sp.exp(2 * x) * sp.Derivative(sp.cos(x), x)
                             + sp.Derivative(sp.exp(2 * x), x) * sp.cos(x), lines=(40,)),
            derivative_claim("f'(x), the two terms",
                             r"= e^{2x} \cdot (-\sin x) + (\cos x \cdot e^{2x} \cdot 2)",
                             sp.exp(2 * x) * (-sp.sin(x)) + (sp.cos(x) * sp.exp(2 * x) * 2),
                             lines=(42,)),
            derivative_claim("f'(x), intermediate line",
                             r"2 \cdot e^{2x} \cdot (\cos x - e^{2x} \cdot \sin x)",
                             2 * sp.exp(2 * x) * (sp.cos(x) - sp.exp(2 * x) * sp.sin(x)),
                             expected="wrong",
                             note="An intermediate line multiplies e^(2x) in twice; the next line is right.",
                             lines=(44,)),
            derivative_claim("f'(x)", r"f'(x) = 2 \cdot e^{2x} \cdot \cos x - e^{2x} \cdot \sin x",
                             2 * sp.exp(2 * x) * sp.cos(x) - sp.exp(2 * x) * sp.sin(x), lines=(48,)),
            Claim(
                "f''(x), first term differentiated",
                r"f''(x) = 4 \cdot e^{2x} \cdot \cos x - 2e^{2x} \cdot \sin x + \ldots",
                4 * sp.exp(2 * x) * sp.cos(x) - 2 * sp.exp(2 * x) * sp.sin(x),
                lambda d: sp.diff(2 * sp.exp(2 * x) * sp.cos(x), x),
                note="d/dx (2e^(2x) cos x), the first term of f'.",
                lines=(51,),
            ),
            Claim(
                "f''(x), second term differentiated",
                r"e^{2x} \cdot \sin x \Rightarrow -e^{2x} \cdot \cos x = \sin x \cdot 2 "
                r"\cdot e^{2x}",
                sp.exp(2 * x) * sp.cos(x) + sp.sin(x) * 2 * sp.exp(2 * x),
                lambda d: sp.diff(sp.exp(2 * x) * sp.sin(x), x),
                note="Read as the two product-rule terms of d/dx(e^(2x) sin x), joined on the "
                "page by ⇒ and =, they are right; the next line keeps only one of the factor "
                "2's sin-terms.",
                lines=(53,),
            ),
            derivative_claim("f''(x)", r"3 \cdot e^{2x} \cdot \cos x - 3 \sin x \cdot e^{2x}",
                             3 * sp.exp(2 * x) * sp.cos(x) - 3 * sp.sin(x) * sp.exp(2 * x), order=2,
                             expected="wrong",
                             note="Both product-rule terms contribute −2e^(2x) sin x: f''(x) = 3e^(2x) cos x − "
                             "4e^(2x) sin x.", lines=(55,)),
        ),
    ),
    calculus_entry(
        id="paraboloid_plus3",
        title="x² + y² + 3, a function of two variables",
        sources=(Source("001", "Multiple parameters: f(x, y) = x² + y² + 3"),),
        expr=x**2 + y**2 + 3,
        variables=(x, y),
        box=BOX_2D,
        stationary="solve",
    ),
    calculus_entry(
        id="poly_xy",
        title="2x²y + 3y³x² + 3y (partial derivatives)",
        sources=(Source("001", "Partial derivative, Ex. f(x, y) = 2x²y + 3y³x² + 3y"),),
        expr=2 * x**2 * y + 3 * y**3 * x**2 + 3 * y,
        variables=(x, y),
        box=BOX_2D,
        stationary="solve",
        claims=(
            partial_claim("∂f/∂x", r"2y \cdot 2x + 3y^3 \cdot 2x + \frac{d}{dx} 3y",
                          2 * y * 2 * x + 3 * y**3 * 2 * x + sp.Derivative(3 * y, x), index=0,
                          lines=(133,)),
            partial_claim("∂f/∂y", r"2x^2 \cdot 1 + 3x^2 \cdot 3y^2 + \frac{d}{dy} 3y",
                          2 * x**2 + 3 * x**2 * 3 * y**2 + sp.Derivative(3 * y, y), index=1,
                          lines=(135,)),
        ),
    ),
    calculus_entry(
        id="point_to_parabola",
        title="Squared distance from (3, 7) to the parabola y = x² + 7",
        sources=(Source("001", "Dist b/w Pt & line: y = x² + 7"),),
        expr=(x - 3) ** 2 + ((x**2 + 7) - 7) ** 2,
        variables=(x,),
        box=BOX_1D,
        stationary="solve",
        claims=(
            Claim("y = x² + 7 is not a line", r"y = x^2 + 7 \neq \text{Linear Line}", True,
                  lambda d: sp.degree(x**2 + 7, x) != 1, lines=(241,)),
            Claim("(x − 3)² expanded", r"\underbrace{(x-3)^2}_{x^2+9-6x}", x**2 + 9 - 6 * x,
                  lambda d: sp.expand((x - 3) ** 2), lines=(253,)),
            derivative_claim("D'(x)", r"f'(x) = 2x - 6 + 4x^3", 2 * x - 6 + 4 * x**3, lines=(257,)),
            Claim(
                "root of D'",
                r"4x^3 + 2x - 6 = 0 \Rightarrow x = 1",
                sp.Integer(1),
                lambda d: d.nearest_stationary("min", (1.0,))[0],
                note="x = 1 is the only real root: 4x³ + 2x − 6 = 2(x − 1)(2x² + 2x + 3).",
                lines=(259, 261),
            ),
            Claim(
                "nearest point",
                "(1, 8)",
                (sp.Integer(1), sp.Integer(8)),
                lambda d: (
                    d.nearest_stationary("min", (1.0,))[0],
                    d.nearest_stationary("min", (1.0,))[0] ** 2 + 7,
                ),
                origin="reference",
            ),
            Claim(
                "distance",
                r"\sqrt{5}",
                sp.sqrt(5),
                lambda d: sp.sqrt(d.nearest_stationary("min", (1.0,))[-1]),
                origin="reference",
            ),
        ),
    ),
    calculus_entry(
        id="log_over_x",
        title="ln(n)/n and its maximum at n = e",
        sources=(Source("001", "y = log n / n"),),
        expr=sp.log(n_pos) / n_pos,
        variables=(n_pos,),
        domain=N_REAL > 0,
        box=((0.05, 20.0),),
        stationary="solve",
        claims=(
            derivative_claim("y'(n)", r"-\frac{\log n}{n^2} + \frac{1}{n^2}",
                             -sp.log(n_pos) / n_pos**2 + 1 / n_pos**2, lines=(265,)),
            Claim(
                "y'(n) = 0 rearranged",
                r"\frac{\log n}{n} = \frac{1}{n^2}",
                sp.Eq(sp.log(n_pos) / n_pos, 1 / n_pos**2),
                lambda d: sp.Eq(d.derivative(1), 0),
                "wrong",
                "y' = 0 gives log n / n² = 1/n²; as printed the equation means n log n = 1 "
                "(n ≈ 1.763). The next step, log n = 1, follows from the right equation.",
                lines=(267,),
            ),
            Claim(
                "log n = 1",
                r"\Rightarrow \log n = 1",
                sp.Eq(sp.log(n_pos), 1),
                lambda d: sp.Eq(d.derivative(1), 0),
                note="The natural log: n = e¹ needs ln.",
                lines=(267,),
            ),
            Claim(
                "stationary point",
                r"\log n = 1,\ n = e^1",
                sp.E,
                lambda d: d.nearest_stationary("max", (2.7,))[0],
                lines=(267,),
            ),
            Claim(
                "maximum value",
                "1/e",
                1 / sp.E,
                lambda d: d.nearest_stationary("max", (2.7,))[-1],
                origin="reference",
            ),
        ),
    ),
    calculus_entry(
        id="paraboloid",
        title="x² + y²",
        sources=(Source("002", "Partial derivatives; Gradients and maxima/minima"),),
        expr=x**2 + y**2,
        variables=(x, y),
        box=BOX_2D,
        stationary="solve",
        claims=(
            partial_claim("∂f/∂x", r"\frac{\partial f}{\partial x} = 2x", 2 * x, index=0,
                          lines=(40, 51, 57)),
            partial_claim("∂f/∂y", r"\frac{\partial f}{\partial y} = 2y", 2 * y, index=1,
                          lines=(45, 51, 57)),
            Claim(
                "∇f(2, 3)",
                r"\nabla f(2, 3) = (2 \cdot 2, 2 \cdot 3) = (4, 6)",
                (sp.Integer(4), sp.Integer(6)),
                t.gradient(2, 3),
                lines=(66,),
            ),
        ),
    ),
    calculus_entry(
        id="sauna",
        title="The temperature of the sauna, T(x, y)",
        sources=(
            Source("002", "Optimization using Gradient Descent in two variables (f_example_3)"),
        ),
        expr=85 - sp.Rational(1, 90) * x**2 * (x - 6) * y**2 * (y - 6),
        variables=(x, y),
        box=((-1.0, 7.0), (-1.0, 7.0)),
        stationary="solve",
        claims=(
            *(Claim(f"T on the wall {v} = 0", f"T = 85 on {v} = 0", sp.Integer(85),
                    _on_wall(index), lines=(77,)) for index, v in enumerate("xy")),
            Claim(
                "the walls are maxima",
                "for x equals 0 or y equals 0, those are all maximum because as you can see, "
                "all these points give 85 as the temperature",
                True,
                lambda d: _max_on_room(d) == 85,
                note="On the plotted room [0, 5]² the largest temperature is 85, reached on "
                "the walls x = 0 and y = 0 (T − 85 = −x²(x − 6)y²(y − 6)/90 ≤ 0 there).",
                lines=(77,),
            ),
            Claim(
                "coolest point",
                "The only minimum is this one over here, x equals 4, y equals 4",
                (sp.Integer(4), sp.Integer(4)),
                lambda d: _only_minimum_in_room(d),
                lines=(77,),
            ),
            Claim(
                "coolest temperature",
                "For this point, the temperature is 73.6",
                "73.6",
                lambda d: d.nearest_stationary("min", (4.0, 4.0))[-1],
                "rounded",
                lines=(77,),
            ),
            lab_claim("lab: α = 0.25, 30 iterations from (0.5, 0.6)", "(4.0, 4.0)", (0.5, 0.6),
                      0.25, 30, lines=(402,)),
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
    calculus_entry(
        id="exp_minus_log",
        title="eˣ − ln x, one global minimum",
        sources=(Source("002", "Lab: Function with One Global Minimum (f_example_1)"),),
        expr=sp.exp(xp) - sp.log(xp),
        variables=(xp,),
        domain=X_REAL > 0,
        box=((0.01, 5.0),),
        stationary="solve",
        claims=(
            Claim("one global minimum",
                  "a function of one variable which has only one minimum point (called global "
                  "minimum)", True, lambda d: _one_global_minimum(d), lines=(167, 192),
                  note="f'' = eˣ + 1/x² > 0 on x > 0 and f' has a root: one minimum, global "
                  "(at x = W(1) = 0.567143…, the omega constant)."),
            derivative_claim("f'(x)",
                             r"\frac{df}{dx}(x) = e^x - \frac{1}{x};\ \texttt{np.exp(x) - 1/x}",
                             sp.exp(xp) - 1 / xp, lines=(179, 189)),
            lab_claim("lab: α = 0.1, 25 iterations from 1.6", "0.5671434156768685", (1.6,), 0.1, 25,
                      lines=(222,)),
            Claim(
                "reaches the minimum on iteration 21",
                "you get to the minimum point successfully. Even a little bit earlier - on the "
                "iteration 21",
                "21",
                lambda d: None,
                "convention",
                "The document does not say when the minimum counts as reached (the animation "
                "“stops when minimum point is reached with certain accuracy”). Of the usual "
                "stopping rules only |f'(x_k)| < 10⁻⁵ gives 21.",
                conventions=STOPPING_RULES,
                lines=(259,),
            ),
            Claim("α = 0.3 converges faster",
                  "Increasing the learning_rate to 0.3 you can see that the method converges "
                  "even faster", True,
                  lambda d: _reached(d, 0.3, 25, 1.6) < _reached(d, 0.1, 25, 1.6),
                  lines=(260,)),
            Claim("α = 0.5 does not converge",
                  "Increasing the learning_rate further to 0.5 the method doesn't converge "
                  "anymore!", True, lambda d: _reached(d, 0.5, 25, 1.6) == NEVER, lines=(262,)),
            Claim("α = 0.04 needs more than 25 iterations",
                  "Take it 0.04 [...] The model will not run enough number of iterations to "
                  "converge!", True, lambda d: _reached(d, 0.04, 25, 1.6) == NEVER,
                  lines=(263,)),
            Claim("α = 0.04 converges in 75 iterations",
                  "Increasing num_iterations, say to 75, the model will converge but slowly",
                  True, lambda d: _reached(d, 0.04, 75, 1.6) < NEVER, lines=(264,)),
            Claim("x0 = 0.05: steeper, a larger first step, still converges",
                  "choose some other x_initial, e.g. 0.05? The function is steeper at that "
                  "point [...] But it will work", True,
                  lambda d: abs(d.derivative_at(1, "0.05")) > abs(d.derivative_at(1, "1.6"))
                  and _reached(d, 0.1, 25, 0.05) < NEVER, lines=(265,)),
            Claim("x0 = 0.03 is steeper still",
                  "If you take x_initial = 0.03 the function is even steeper, making the first "
                  "step significantly larger", True,
                  lambda d: abs(d.derivative_at(1, "0.03")) > abs(d.derivative_at(1, "0.05")),
                  lines=(266,)),
            Claim("x0 = 0.02 does not converge",
                  "Taking x_initial = 0.02 the method doesn't converge anymore...", True,
                  lambda d: _reached(d, 0.1, 25, 0.02) == NEVER, lines=(267,)),
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
    calculus_entry(
        id="exp_minus_log_sin",
        title="(eˣ − ln x)·sin(2πx), several minima",
        sources=(Source("002", "Lab: Function with Multiple Minima (f_example_2)"),),
        expr=(sp.exp(xp) - sp.log(xp)) * sp.sin(2 * sp.pi * xp),
        variables=(xp,),
        domain=X_REAL > 0,
        box=((0.02, 3.0),),
        stationary="numeric",
        grid=((0.05, 2.5, 60),),
        claims=(
            lab_claim("lab: α = 0.005, 35 iterations from 1.3 (global minimum)",
                      "1.7751686214270586", (1.3,), 0.005, 35, lines=(302,)),
            lab_claim("lab: α = 0.005, 35 iterations from 0.25 (local minimum)",
                      "0.7585728671820583", (0.25,), 0.005, 35, lines=(304,)),
            Claim(
                "the first run ends in the global minimum",
                "in the first run it was a global minimum",
                "global",
                _lab_reaches((1.3,), 0.005, 35),
                "wrong",
                "f is unbounded below on x > 0 (f(k + ¾) = −(e^(k+¾) − ln(k + ¾)) → −∞), so "
                "it has no global minimum; 1.7752 is the lowest minimum on the plotted "
                "interval [0.001, 2] only.",
                reading="printed",
                lines=(293, 302, 306),
            ),
            Claim(
                "the first run ends in the global minimum",
                "in the first run it was a global minimum (of the plotted interval [0.001, 2])",
                "global",
                _lab_reaches((1.3,), 0.005, 35, PLOTTED_2),
                reading="repaired",
                lines=(277, 302, 306),
            ),
            Claim(
                "the second run ends in a local minimum",
                "while in the second run it got “stuck” in a local one",
                "local",
                _lab_reaches((0.25,), 0.005, 35, PLOTTED_2),
                lines=(304, 306),
            ),
        ),
        notes=(
            "The document does not print the formula of the lab's `f_example_2`; this "
            "definition reproduces every printed result."
        ),
    ),
    calculus_entry(
        id="three_wells",
        title="Three wells: one global and two local minima",
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
            lab_claim("lab: α = 0.2, 100 iterations from (0.5, 3)",
                      "(0.5230322579358745, 0.5169891562802605)", (0.5, 3.0), 0.2, 100,
                      lines=(480, 481)),
            Claim(
                "100 iterations from (0.5, 3) find the global minimum",
                "You can find its global minimum point by using gradient descent with the "
                "following parameters",
                "global",
                _lab_reaches((0.5, 3.0), 0.2, 100),
                note="f → 10 far away, above all three minima, so the lowest minimum is global "
                "on the whole plane.",
                lines=(466, 470),
            ),
            Claim(
                "30 iterations from (0.5, 3) converge to the global minimum",
                "# Converges to the global minimum point. num_iterations = 30",
                "global",
                _lab_reaches((0.5, 3.0), 0.2, 30),
                lines=(487, 488),
            ),
            Claim(
                "20 iterations from (2, 3) converge to a local minimum",
                "# Converges to a local minimum point. num_iterations = 20; x_initial = 2; "
                "y_initial = 3",
                "local",
                _lab_reaches((2.0, 3.0), 0.2, 20),
                lines=(490, 491),
            ),
            Claim(
                "20 iterations from (4, 0.5) converge to another local minimum",
                "# Converges to another local minimum point. num_iterations = 20; x_initial = "
                "4; y_initial = 0.5",
                "local",
                _lab_reaches((4.0, 0.5), 0.2, 20, other_start=(2.0, 3.0)),
                lines=(493, 494),
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
    calculus_entry(
        id="three_var",
        title="x² + xy + y² − √z, a function of three variables",
        sources=(Source("003", "Functions of several variables: domain and value"),),
        expr=x**2 + x * y + y**2 - sp.sqrt(zp),
        variables=(x, y, zp),
        domain=Z_REAL > 0,
        box=((-3.0, 3.0), (-3.0, 3.0), (0.01, 9.0)),
        claims=(
            Claim("f(1, 3, 4)", r"f(1, 3, 4) = 1^2 + (1)(3) + 3^2 - \sqrt{4} = 11", sp.Integer(11),
                  t.value(1, 3, 4), operands=1**2 + 1 * 3 + 3**2 - sp.sqrt(4), lines=(260,)),
            Claim("the domain: z ≥ 0", r"D_f = \mathbb{R} \times \mathbb{R} \times "
                  r"\mathbb{R}_{z \geq 0}", sp.Interval(0, sp.oo),
                  lambda d: continuous_domain(sp.sqrt(Z_REAL), Z_REAL, sp.S.Reals),
                  note="The set is right; the words before it, “everything on or above the "
                  "z-axis”, mean the half-space on or above the xy-plane.",
                  lines=(266, 268)),
        ),
        notes=(
            "f is defined for z ≥ 0, its gradient only for z > 0 (∂f/∂z = −1/(2√z)); the "
            "kernels use the open domain z > 0."
        ),
    ),
    calculus_entry(
        id="x2_plus_y",
        title="z = x² + y",
        sources=(Source("003", "Graphs of functions of two variables"),),
        expr=x**2 + y,
        variables=(x, y),
        box=BOX_2D,
    ),
    calculus_entry(
        id="reciprocal",
        title="1/x and its one-sided limits at 0",
        sources=(Source("003", "Limits"),),
        expr=1 / x,
        variables=(x,),
        domain=sp.Ne(x, 0),
        box=((0.05, 10.0),),
        claims=(
            Claim("lim x→0⁺", r"+\infty", sp.oo, lambda d: sp.limit(d.f, d.variables[0], 0, "+"),
                  lines=(343,)),
            Claim("lim x→0⁻", r"-\infty", -sp.oo, lambda d: sp.limit(d.f, d.variables[0], 0, "-"),
                  lines=(345,)),
            Claim("lim x→+∞", r"\lim_{x \rightarrow +\infty} \frac{1}{x} = 0^+", "0+",
                  lambda d: _signed_limit(d.f, d.variables[0], sp.oo), lines=(347,)),
            Claim("lim x→−∞", r"\lim_{x \rightarrow -\infty} \frac{1}{x} = 0^-", "0-",
                  lambda d: _signed_limit(d.f, d.variables[0], -sp.oo), lines=(349,)),
        ),
        notes="Test points are drawn on both sides of 0 (the box is mirrored).",
        extra={"mirror": True},
    ),
    calculus_entry(
        id="path_limit",
        title="−xy/(x² + y²): a limit that depends on the path",
        sources=(Source("003", "Limits of functions of two variables"),),
        expr=-x * y / (x**2 + y**2),
        variables=(x, y),
        # (x, y) ≠ (0, 0), written so that it cannot underflow (x² + y² does below 1e-162).
        domain=sp.Or(sp.Ne(x, 0), sp.Ne(y, 0)),
        box=((0.1, 3.0), (-3.0, 3.0)),
        claims=(
            Claim(
                "f along x = t, y = t²",
                r"f(t, t^2) = -\frac{(t)(t^2)}{t^2 + (t^2)^2} = -\frac{t^3}{t^2 + t^4}",
                -T_REAL**3 / (T_REAL**2 + T_REAL**4),
                lambda d: d.f.subs({d.variables[0]: T_REAL, d.variables[1]: T_REAL**2}),
                lines=(472, 474),
            ),
            Claim(
                "limit along y = x²",
                "0",
                sp.Integer(0),
                lambda d: sp.limit(d.f.subs(d.variables[1], d.variables[0] ** 2), d.variables[0], 0),
                lines=(474,),
            ),
            Claim(
                "limit along y = x",
                r"-\frac{1}{2}",
                -half,
                lambda d: sp.limit(d.f.subs(d.variables[1], d.variables[0]), d.variables[0], 0),
                origin="reference",
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
    calculus_entry(
        id="sqrt",
        title="√x and its difference quotients",
        sources=(Source("003", "Derivative as a rate of change: f(x) = √x"),),
        expr=sp.sqrt(xp),
        variables=(xp,),
        domain=X_REAL > 0,
        box=((0.01, 100.0),),
        claims=(
            derivative_claim("f'(x)", r"\lim_{h \rightarrow 0} \frac{\sqrt{x+h} - \sqrt{x}}{h} = "
                             r"\frac{1}{2\sqrt{x}}", 1 / (2 * sp.sqrt(xp)), lines=(685,)),
            Claim("f'(4)", r"\lim_{h \rightarrow 0} \frac{\sqrt{4 + h} - \sqrt{4}}{h} = "
                  r"\frac{1}{4}", sp.Rational(1, 4), lambda d: d.derivative_at(1, 4),
                  lines=(679,)),
            Claim("Δx = 5 − 4", r"\Delta x = 5 - 4 = 1", sp.Integer(1), lambda d: 5 - 4,
                  lines=(549, 558, 571)),
            Claim("Δy for Δx = 1 at 4", r"\sqrt{5} - \sqrt{4} \approx 0.24", "0.24",
                  lambda d: d.value(5) - d.value(4), "rounded", lines=(562, 575, 582, 591, 597)),
            Claim("rate of change for Δx = 1", r"\frac{\Delta y}{\Delta x} \approx "
                  r"\frac{0.24}{1} \approx 0.24", "0.24",
                  lambda d: (d.value(5) - d.value(4)) / 1, "rounded", lines=(586, 595)),
            Claim(
                "Δy for Δx ≈ 0.00008 at 4",
                r"\Delta x \approx 0.00008 \ldots \Delta y \approx 0.000021",
                "0.000021",
                lambda d: t.over(lambda h: sp.sqrt(4 + h) - 2, "0.00008"),
                "rounded",
                "With Δx = 0.00008 exactly, Δy = 0.0000199999 (0.000020); but Δx is only "
                "“≈ 0.00008”: every Δx in [0.000075, 0.000085] is allowed, and Δx ≈ 0.000084 "
                "gives Δy ≈ 0.000021.",
                lines=(618, 622, 629, 631),
            ),
            Claim(
                "0.000021 / 0.00008",
                r"\frac{0.000021}{0.00008} \approx 0.26",
                "0.26",
                lambda d: sp.Rational("0.000021") / sp.Rational("0.00008"),
                "rounded",
                "The division of the printed numbers is 0.2625.",
                lines=(633,),
            ),
            Claim(
                "slope for Δx ≈ 0.00008 at 4",
                r"\frac{\Delta y}{\Delta x} \approx 0.26",
                "0.26",
                lambda d: t.over(lambda h: (sp.sqrt(4 + h) - 2) / h, "0.00008"),
                "wrong",
                "For every Δx in [0.000075, 0.000085] the slope lies in [0.2499987, "
                "0.2499988], close to f'(4) = 1/4 as it should be; 0.26 comes from dividing "
                "two rounded numbers (0.000021 has two significant digits).",
                lines=(633,),
            ),
            Claim(
                "the increase for Δx ≈ 0.00008",
                "With change in x-axis equal to 0.00008 our function increased by 0.26",
                "0.26",
                lambda d: t.over(lambda h: sp.sqrt(4 + h) - 2, "0.00008"),
                "wrong",
                "The function increased by Δy ≈ 0.00002; 0.26 is (the document's value of) the "
                "rate Δy/Δx, not the increase.",
                lines=(637,),
            ),
        ),
    ),
    calculus_entry(
        id="square",
        title="x²",
        sources=(Source("003", "Average rate of change"),),
        expr=x**2,
        variables=(x,),
        box=((-10.0, 10.0),),
        claims=(
            Claim("Δx = 0.9 − 0.5", r"\Delta x = 0.9 - 0.5 = 0.4", "0.4",
                  lambda d: sp.Rational("0.9") - sp.Rational("0.5"), lines=(492, 505)),
            Claim("f(0.9) − f(0.5)", r"\Delta y = f(0.9) - f(0.5) = 0.56", "0.56",
                  lambda d: d.value(sp.Rational("0.9")) - d.value(sp.Rational("0.5")),
                  lines=(494, 507)),
            Claim("lim x→−∞ x²", r"\lim_{x \rightarrow -\infty} x^2 = +\infty", sp.oo,
                  lambda d: sp.limit(d.f, d.variables[0], -sp.oo), lines=(351,)),
            Claim("lim x→+∞ x²", r"\lim_{x \rightarrow +\infty} x^2 = +\infty", sp.oo,
                  lambda d: sp.limit(d.f, d.variables[0], sp.oo), lines=(353,)),
        ),
    ),
    calculus_entry(
        id="x2_sin_y",
        title="z = x² sin y",
        sources=(Source("003", "Partial derivatives: example z = x² sin y"),),
        expr=x**2 * sp.sin(y),
        variables=(x, y),
        box=BOX_2D,
        claims=(
            partial_claim("∂z/∂x", r"2x \sin y", 2 * x * sp.sin(y), index=0, lines=(722,)),
            partial_claim("∂z/∂y", r"x^2 \cos y", x**2 * sp.cos(y), index=1, lines=(726,)),
            Claim("∂z/∂x at (π, π)", r"2\pi \sin \pi = 0", sp.Integer(0),
                  lambda d: d.gradient(sp.pi, sp.pi)[0], lines=(722,)),
            Claim("∂z/∂y at (π, π)", r"\pi^2 \cos \pi = -\pi^2", -sp.pi**2,
                  lambda d: d.gradient(sp.pi, sp.pi)[1], lines=(726,)),
        ),
    ),
    calculus_entry(
        id="sin_cos",
        title="sin x · cos y: partial and directional derivatives",
        sources=(Source("003", "Partial derivatives and the directional derivative"),),
        expr=sp.sin(x) * sp.cos(y),
        variables=(x, y),
        box=((-4.0, 4.0), (-4.0, 4.0)),
        claims=(
            partial_claim("f_x", r"\cos(x) \times \cos(y)", sp.cos(x) * sp.cos(y), index=0,
                          lines=(904,)),
            partial_claim("f_y", r"\sin(x) \times (-\sin(y))", sp.sin(x) * (-sp.sin(y)), index=1,
                          lines=(995,)),
            Claim("f_x(2, 2.5)", r"\approx 0.33", "0.33", t.partial_at(0, 2, "2.5"), "rounded",
                  lines=(908,)),
            Claim("f_y(2, 2.5)", r"\approx -0.54", "-0.54", t.partial_at(1, 2, "2.5"), "rounded",
                  lines=(999,)),
            Claim("f(2, 2.7)", r"\approx -0.82", "-0.82", t.value(2, "2.7"), "rounded",
                  lines=(925, 927)),
            Claim("f(2, 2.5)", r"f(A_0) = f(2, 2.5) = \sin(2) \times \cos(2.5) \approx -0.73",
                  "-0.73", t.value(2, "2.5"), "rounded", lines=(781, 783, 795, 841)),
            Claim("f(2.2, 2.5)", r"f(C_0) = f(2.2, 2.5) \approx -0.65", "-0.65",
                  t.value("2.2", "2.5"), "rounded", lines=(830, 833)),
            Claim("Δz from (2, 2.5) to (2.2, 2.5)", r"\Delta z = -0.65 + 0.73 = 0.08", "0.08",
                  lambda d: d.value("2.2", "2.5") - d.value(2, "2.5"), "rounded",
                  operands=sp.Rational("-0.65") + sp.Rational("0.73"), lines=(859, 861, 876)),
            Claim("Δz/Δx for Δx = 0.2", r"\frac{\Delta z}{\Delta x} = 0.4", "0.4",
                  lambda d: (d.value("2.2", "2.5") - d.value(2, "2.5")) / sp.Rational("0.2"),
                  "rounded", note="0.08/0.2 = 0.4 on the printed numbers; the exact quotient is "
                  "0.4035.", lines=(888, 894)),
            Claim("Δz from (2, 2.5) to (2, 2.7)", "−0.82 + 0.73 = −0.09", "-0.09",
                  lambda d: d.value(2, "2.7") - d.value(2, "2.5"), "rounded",
                  operands=sp.Rational("-0.82") + sp.Rational("0.73"), lines=(964, 966, 977)),
        ),
    ),
    calculus_entry(
        id="sextic",
        title="x⁶ − 5x⁴ + 4x²: several minima",
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
                lines=(104,),
            ),
            Claim("f'(0) = 0", "the derivative of the function is zero at x = 0, causing "
                  "gradient descent to get stuck", sp.Integer(0), lambda d: d.derivative_at(1, 0),
                  lines=(105,)),
            Claim("several local minima", "You visualized the function to see its landscape, "
                  "identifying multiple local minima", True,
                  lambda d: sum(s.kind == "min" for s in d.stationary_points) > 1, lines=(97,)),
            Claim("a local minimum that is not global in [−2, 2]",
                  "the algorithm sometimes converged to local minima that were not the global "
                  "minimum", True, lambda d: _has_nonglobal_minimum(d, (-2, 2)), lines=(99,),
                  note="x = 0 (f = 0) is a local minimum; the global minima are x = ±1.6937 "
                  "(f = −6.0646)."),
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
    calculus_entry(
        id="peaks",
        title="The peaks function",
        sources=(Source("004", "Python Practice-3: the Peaks function"),),
        expr=3 * (1 - x) ** 2 * sp.exp(-(x**2) - (y + 1) ** 2)
        - 10 * (x / 5 - x**3 - y**5) * sp.exp(-(x**2) - y**2)
        - sp.Rational(1, 3) * sp.exp(-((x + 1) ** 2) - y**2),
        variables=(x, y),
        box=BOX_2D,
        stationary="numeric",
        grid=((-3.0, 3.0, 31), (-3.0, 3.0, 31)),
        claims=(
            Claim("descent on −f is ascent on f",
                  "Solution 1: [...] flip the sign of the gradient [...] Solution 2: [...] "
                  "computing the derivative of the negation of the function", True,
                  lambda d: all(is_zero(sp.diff(-d.f, v) + g)
                                for v, g in zip(d.variables, d.grad, strict=True)),
                  note="x − α∇(−f) = x + α∇f: both solutions take the same steps.",
                  lines=(148, 149)),
            Claim("−f mirrors f across the z-axis",
                  "It effectively mirrors the function across the z-axis (function axis)", True,
                  lambda d: is_zero(-d.f - d.f.subs({x: -x, y: -y}, simultaneous=True)),
                  "wrong",
                  "The graph of −f is the mirror image of the graph of f in the plane z = 0 "
                  "(the xy-plane); a mirror across the z-axis would be f(−x, −y), which is not "
                  "−f(x, y) for the peaks function.", lines=(149,)),
        ),
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
