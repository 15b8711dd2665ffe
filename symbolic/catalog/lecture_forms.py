"""Derivatives in the form the lectures write them: σ(1 − σ), 1 − tanh², (aᵢ − yᵢ)xᵢ, …

These are *targets*, not results: the site shows a form only after SymPy has proved it equal
to the derivative it derives (:func:`prove`), so a wrong target fails the build instead of
reaching a reader.  A form may use names the lecture uses — σ(x), h(xᵢ), aᵢ — each defined in
``meaning`` by the expression it stands for.

``FORMS[entry_id]`` is a tuple of :class:`LectureForm`; ``quantity`` names what the form is
equal to: ``("grad", k)`` the k-th gradient component, ``("hess", j, k)`` a second derivative.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from . import CATALOG

sigma = sp.Function("sigma")
h = sp.Function("h")


@dataclass(frozen=True)
class LectureForm:
    """One derivative as a lecture writes it."""

    quantity: tuple
    form: sp.Expr
    text: str = ""
    meaning: dict = field(default_factory=dict)  # name (Function or Indexed) -> expression


def _symbols(entry) -> dict:
    """The entry's symbols by name: variables, data (IndexedBase), index and sample count."""
    names = {str(s): s for s in entry.expr.free_symbols}
    names.update({str(b.label): b for b in entry.expr.atoms(sp.IndexedBase)})
    for s in entry.expr.atoms(sp.Sum):
        for idx, _lo, hi in s.limits:
            names[str(idx)] = idx
            names.update({str(v): v for v in sp.sympify(hi).free_symbols})
    names.update({str(v): v for v in entry.variables})
    return names


def _sigmoid(entry) -> tuple[LectureForm, ...]:
    (x,) = entry.variables
    s = sigma(x)
    meaning = {sigma: sp.Lambda(x, 1 / (1 + sp.exp(-x)))}
    return (
        LectureForm(("grad", 0), sp.Mul(s, 1 - s, evaluate=False),
                    "the lecture's σ′ = σ(1 − σ)", meaning),
        LectureForm(("hess", 0, 0), sp.Mul(s, 1 - s, 1 - 2 * s, evaluate=False),
                    "differentiating σ(1 − σ) once more", meaning),
    )


def _tanh(entry) -> tuple[LectureForm, ...]:
    (x,) = entry.variables
    t = sp.tanh(x)
    return (
        LectureForm(("grad", 0), 1 - t**2, "tanh′ = 1 − tanh²"),
        LectureForm(("hess", 0, 0), -2 * t * (1 - t**2), "tanh″ = −2 tanh (1 − tanh²)"),
    )


def _log_loss(entry) -> tuple[LectureForm, ...]:
    n = _symbols(entry)
    w, b, x, y, i, m = n["w"], n["b"], n["x"], n["y"], n["i"], n["m"]
    a = sp.IndexedBase("a")
    meaning = {a[i]: 1 / (1 + sp.exp(-(w * x[i] + b)))}
    return (
        LectureForm(("grad", 0), sp.Sum((a[i] - y[i]) * x[i], (i, 1, m)) / m,
                    "with aᵢ = σ(w xᵢ + b): the error times the input, averaged", meaning),
        LectureForm(("grad", 1), sp.Sum(a[i] - y[i], (i, 1, m)) / m,
                    "with aᵢ = σ(w xᵢ + b): the average error", meaning),
    )


def _hypothesis_cost(scale_of_m: Callable) -> Callable:
    def forms(entry) -> tuple[LectureForm, ...]:
        n = _symbols(entry)
        t0, t1, x, y, i, m = n["theta0"], n["theta1"], n["x"], n["y"], n["i"], n["m"]
        u = sp.Dummy("u")
        meaning = {h: sp.Lambda(u, t0 + t1 * u)}
        c = scale_of_m(m)
        return (
            LectureForm(("grad", 0), c * sp.Sum(h(x[i]) - y[i], (i, 1, m)),
                        "with h(x) = θ₀ + θ₁x", meaning),
            LectureForm(("grad", 1), c * sp.Sum((h(x[i]) - y[i]) * x[i], (i, 1, m)),
                        "with h(x) = θ₀ + θ₁x", meaning),
        )
    return forms


def _slope_only(entry) -> tuple[LectureForm, ...]:
    n = _symbols(entry)
    t1, x, y, i, m = n["theta1"], n["x"], n["y"], n["i"], n["m"]
    return (LectureForm(("grad", 0), sp.Sum((t1 * x[i] - y[i]) * x[i], (i, 1, m)) / m,
                        "the error times the input, averaged"),)


def _line(scale_of_m: Callable) -> Callable:
    def forms(entry) -> tuple[LectureForm, ...]:
        n = _symbols(entry)
        ms, c, x, y, i, m = n["m_s"], n["c"], n["x"], n["y"], n["i"], n["m"]
        k = scale_of_m(m)
        r = sp.Add(y[i], sp.Mul(-1, sp.Add(ms * x[i], c, evaluate=False), evaluate=False),
                   evaluate=False)  # yᵢ − (m xᵢ + c), kept as the lecture writes it
        return (
            LectureForm(("grad", 0), sp.Mul(-2 * k, sp.Sum(sp.Mul(x[i], r, evaluate=False),
                                                           (i, 1, m)), evaluate=False),
                        "the chain rule through the residual yᵢ − (m xᵢ + c)"),
            LectureForm(("grad", 1), sp.Mul(-2 * k, sp.Sum(r, (i, 1, m)), evaluate=False),
                        "the chain rule through the residual yᵢ − (m xᵢ + c)"),
        )
    return forms


def _exp2x_cos(entry) -> tuple[LectureForm, ...]:
    (x,) = entry.variables
    e = sp.exp(2 * x)
    product = sp.Add(sp.Mul(2, e, sp.cos(x), evaluate=False), -e * sp.sin(x), evaluate=False)
    return (LectureForm(("grad", 0), product,
                        "the product rule (e^{2x})′ cos x + e^{2x} (cos x)′"),)


_BUILDERS = {
    "sigmoid": _sigmoid,
    "tanh": _tanh,
    "log_loss": _log_loss,
    "cost_mse_half": _hypothesis_cost(lambda m: 1 / m),
    "cost_mse": _hypothesis_cost(lambda m: 2 / m),
    "cost_slope_only": _slope_only,
    "sse_line": _line(lambda m: 1),
    "mse_line": _line(lambda m: 1 / m),
    "exp2x_cos": _exp2x_cos,
}

FORMS: dict[str, tuple[LectureForm, ...]] = {
    k: build(CATALOG[k]) for k, build in _BUILDERS.items() if k in CATALOG
}


def expand(form: LectureForm) -> sp.Expr:
    """The form with the lecture's names replaced by what they stand for."""
    expr = form.form
    for name, value in form.meaning.items():
        if isinstance(name, sp.FunctionClass):
            expr = expr.replace(name, value)
        else:
            expr = expr.xreplace({name: value})
    return expr


def latex(form: LectureForm, **options) -> str:
    """The form's LaTeX as the lecture orders it (SymPy would reorder the factors)."""
    return sp.latex(form.form, order="none", ln_notation=True, **options)


#: Sample counts at which a form with sums over i is proved, when SymPy cannot prove the
#: summands equal for every m directly.
PROOF_SAMPLES = (1, 2, 3)


def prove(form: LectureForm, derivative: sp.Expr) -> bool:
    """True when SymPy proves the form equal to ``derivative``.

    First symbolically; for sums over samples, term by term (the summands are equal for
    every i), else for m = 1, 2, 3 with the sums written out.
    """
    expr = expand(form).doit()
    if _zero(expr - derivative):
        return True
    sums = derivative.atoms(sp.Sum) | expr.atoms(sp.Sum)
    if not sums:
        return False
    limits = {s.limits[0] for s in sums}
    if len(limits) == 1:  # one index and range: compare the summands
        (idx, _lo, hi), = limits
        summand = _summand(expr - derivative, idx)
        if summand is not None and _zero(summand):
            return True
        m = hi
        return all(_zero((expr - derivative).subs(m, k).doit()) for k in PROOF_SAMPLES)
    return False


def _summand(expr: sp.Expr, idx) -> sp.Expr | None:
    """Σ a − Σ b with the same limits, as the summand a − b (None if not of that shape)."""
    terms = sp.Add.make_args(sp.expand(expr))
    total = sp.Integer(0)
    for term in terms:
        coeff, rest = term.as_coeff_mul()
        factors = [f for f in rest if isinstance(f, sp.Sum)]
        if len(factors) != 1:
            return None
        (s,) = factors
        other = sp.Mul(*[f for f in rest if f is not s])
        if idx in other.free_symbols:
            return None
        total += coeff * other * s.function
    return total


def _zero(expr: sp.Expr) -> bool:
    return sp.simplify(sp.expand(expr.rewrite(sp.exp))) == 0
