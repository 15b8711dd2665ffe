"""The derivation sections of an entry page: the formula with its arguments, the derivatives
one component at a time, each in the lecture's form where the catalog gives one (proved equal
by SymPy first), the document's steps, the stationary points."""

from __future__ import annotations

import html

import sympy as sp

from gradspec.symbolic.catalog.lecture_forms import FORMS, prove
from gradspec.symbolic.catalog.lecture_forms import latex as form_latex

from .tex import block, inline, latex, tex

#: The name a lecture gives each function (f when it gives none).
FUNCTION_NAMES = {
    "sauna": "T", "sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\operatorname{relu}",
    "sign": r"\operatorname{sign}", "directional_derivative": r"D_{\mathbf{u}} f",
    "linear_hypothesis": "h", "likelihood": "L", "hyperplane_margin": "M",
    "linear_model": r"\hat{y}", "perceptron": r"\hat{y}", "cross_entropy": "H",
}
#: A lecture's own names for the catalog's symbols (the sse_line notes call the slope m and
#: the number of samples N; the catalog's m counts samples, so its slope is m_s).
SYMBOL_NAMES = {
    "sse_line": {"m_s": "m", "m": "N"},
    "mse_line": {"m_s": "m", "m": "N"},
}


def function_name(entry) -> str:
    if entry.id in FUNCTION_NAMES:
        return FUNCTION_NAMES[entry.id]
    return "J" if entry.topic == "costs" else "f"


def show(entry, expr) -> str:
    """LaTeX of an expression of this entry, in the lecture's symbols, ln for the log."""
    names = SYMBOL_NAMES.get(entry.id)
    if not names:
        return tex(expr)
    symbols = {s: names[str(s)] for s in expr.free_symbols
               if isinstance(s, sp.Symbol) and str(s) in names}
    return sp.latex(expr, ln_notation=True, symbol_names=symbols)


def arguments(entry) -> list[str]:
    """LaTeX of the arguments, in calling order: variables (or parameters), then the data."""
    if entry.kind in ("scalar", "data"):
        names = [show(entry, v) for v in entry.variables]
    else:
        names = [tex(sp.Symbol(p)) for p in entry.extra.get("params", ())]
    data = list(entry.data) if entry.kind != "model" else ["X"]
    return names + [tex(sp.Symbol(d)) for d in data]


def formula_section(entry) -> list[str]:
    out = ["## The formula\n"]
    name = function_name(entry)
    args = ", ".join(arguments(entry))
    out.append(block(rf"{name}\left({args}\right) = {show(entry, entry.expr)}"))
    if entry.id in SYMBOL_NAMES:
        renamed = ", ".join(f"{new} (the kernels' argument `{old}`)"
                            for old, new in SYMBOL_NAMES[entry.id].items() if old != "m")
        out.append(f"As the lecture writes it: the slope is {renamed}; N is the number of "
                   "samples.\n")
    if entry.domain not in (sp.true, True, None):
        out.append("Domain: " + inline(show(entry, entry.domain)) + ".\n")
    elif entry.extra.get("domain"):
        out.append(f"Domain: {html.escape(entry.extra['domain'])}.\n")
    if entry.stable is not None and not (entry.stable.is_Function
                                         and entry.stable.args == tuple(entry.variables)):
        # (σ's stable form is σ itself, evaluated by the sign of x: the notes say how.)
        out.append("The kernels evaluate the equal, overflow-free form")
        out.append(block(show(entry, entry.stable)))
    return out


def _on_domain(entry, expr):
    """The derivative where the function is defined: a DiracDelta at a point the domain
    excludes is 0 everywhere on the domain (sign′ = 2δ(x) is 0 for x ≠ 0)."""
    if expr.has(sp.DiracDelta) and entry.domain not in (sp.true, True, None):
        return expr.replace(sp.DiracDelta, lambda *a: sp.Integer(0))
    return expr


def _form(entry, form) -> str:
    names = SYMBOL_NAMES.get(entry.id, {})
    symbols = {s: names[str(s)] for s in form.form.free_symbols
               if isinstance(s, sp.Symbol) and str(s) in names}
    return form_latex(form, symbol_names=symbols)


def _lhs(entry, quantity) -> str:
    name = function_name(entry)
    vs = [show(entry, v) for v in entry.variables]
    args = ", ".join(vs)
    if len(vs) == 1:
        prime = "'" if quantity[0] == "grad" else "''"
        return rf"{name}{prime}\left({args}\right)"
    if quantity[0] == "grad":
        return rf"\frac{{\partial {name}}}{{\partial {vs[quantity[1]]}}}"
    j, k = quantity[1], quantity[2]
    if j == k:
        return rf"\frac{{\partial^2 {name}}}{{\partial {vs[j]}^2}}"
    return rf"\frac{{\partial^2 {name}}}{{\partial {vs[j]}\,\partial {vs[k]}}}"


def derivation_section(entry, d) -> list[str]:
    """Gradient components, then the Hessian entry by entry (upper triangle)."""
    out = ["## Derivation\n"]
    forms = {f.quantity: f for f in FORMS.get(entry.id, ())}
    quantities = [("grad", k) for k in range(len(entry.variables))]
    if entry.kind == "scalar":
        n = len(entry.variables)
        quantities += [("hess", j, k) for j in range(n) for k in range(j, n)]
    if entry.kind == "data" and len(entry.variables) == 1:
        quantities.append(("hess", 0, 0))
    first_hess = True
    for q in quantities:
        expr = d.grad[q[1]] if q[0] == "grad" else d.hess[q[1], q[2]]
        if q[0] == "hess" and first_hess:
            out.append("Second derivatives" + (" (the Hessian, entry by entry; it is "
                       "symmetric)" if len(entry.variables) > 1 else "") + ":\n")
            first_hess = False
        shown = _on_domain(entry, expr)
        where = ""
        if shown is not expr:
            where = rf"\qquad \text{{for }} {show(entry, entry.domain)}"
        form = forms.get(q)
        if form is not None:
            if not prove(form, expr):
                raise RuntimeError(f"{entry.id}: the lecture form {form.form} of {q} is not "
                                   "equal to the derivative")
            out.append(block(rf"{_lhs(entry, q)} = {_form(entry, form)} "
                             rf"= {show(entry, shown)}"))
            out.append(f"In the lecture's form ({html.escape(form.text)}), proved equal by "
                       "SymPy to its derivative (right).\n")
        else:
            out.append(block(rf"{_lhs(entry, q)} = {show(entry, shown)}{where}"))
    out.extend(_stationary(entry, d))
    return out


def _stationary(entry, d) -> list[str]:
    if not entry.stationary:
        return []
    out = []
    points = d.stationary_points
    if points:
        out.append("### Stationary points\n")
        how = "SymPy's solve" if entry.stationary == "solve" else "Newton from a grid, mpmath"
        out.append(f"Solutions of ∇f = 0 ({how}), classified by the Hessian:\n")
        out.append("| point | value there | kind |\n|---|---|---|")
        for s in points:
            pt = latex(tuple(_round(c) for c in s.point))
            out.append(f"| {inline(pt)} | {inline(latex(_round(s.value)))} | {s.kind} |")
        out.append("")
    sets = d.stationary_sets()
    if sets:
        out.append("Curves of solutions: " + ", ".join(
            inline(", ".join(f"{tex(k)} = {tex(v)}" for k, v in s.items()))
            for s in sets) + ".\n")
    return out


def _round(value):
    """Exact values as they are; 30-digit floats shortened to 12 significant digits."""
    if isinstance(value, sp.Float):
        return sp.Float(value, 12)
    return value


def steps_section(entry, steps) -> list[str]:
    """The document's step-by-step derivation, each step derived by SymPy; a step that only
    restates the line above is left out."""
    if not steps:
        return []
    out = ["### Step by step, as the document works it\n"]
    previous = None
    k = 0
    for st in steps:
        line = f"{st.lhs} = {show(entry, st.expr)}"
        if previous is not None and line == previous:
            continue
        k += 1
        out.append(f"{k}. {prose(st.text)}")
        out.append(block(line, indent="    "))
        previous = line
    return out


def prose(text: str) -> str:
    """A step's sentence: the Python spellings SymPy's ``sstr`` leaves are written as math."""
    return html.escape(text.replace("**", "^").replace("*", "·").replace("log(", "ln("))


def vector_section(entry) -> list[str]:
    """The derivation of a cost or model over a parameter vector: SymPy differentiates the
    written sums in one component p_k of each parameter vector (and in each scalar parameter);
    for a cost built on a per-sample loss ℓ(z, y), also ℓ's derivative in z, the chain rule's
    factor the kernels evaluate."""
    name = function_name(entry)
    out = ["## Derivation\n"]
    loss = entry.extra.get("loss")
    if loss is not None:
        z, y = _zy(loss)
        out.append("Per sample, a loss of the predictor z; SymPy's derivative in z is the "
                   "factor the kernels multiply by each feature:")
        out.append(block(rf"\ell(z, y) = {tex(loss)}, \qquad "
                         rf"\frac{{\partial \ell}}{{\partial z}} = {tex(sp.diff(loss, z))}"))
    expr = _in_parameter_names(entry)
    symbols = {str(s): s for s in expr.free_symbols}
    bases = {str(b): b for b in expr.atoms(sp.IndexedBase)}
    k = sp.Symbol("k", integer=True)
    out.append("SymPy's partial derivatives of the sums, for one component k of each "
               "parameter vector:")
    for p in entry.extra.get("params", ()):
        target = bases[p][k] if p in bases else symbols[p]
        g = sp.simplify(sp.diff(expr, target).doit())
        g = _on_domain(entry, g.replace(sp.DiracDelta, lambda *a: sp.Integer(0))
                       if entry.extra.get("activation") == "sign" else g)
        if isinstance(g, sp.Piecewise):
            (g, cond), *_ = g.args
            where = rf"\qquad ({tex(cond)})"
        else:
            where = ""
        out.append(block(rf"\frac{{\partial {name}}}{{\partial {tex(target)}}} = "
                         rf"{tex(g)}{where}"))
    if entry.extra.get("activation") == "sign":
        out.append("sign′ is 0 wherever it exists (x ≠ 0), so no gradient reaches w or b: "
                   "the perceptron cannot be trained by gradient descent.\n")
    return out


def _in_parameter_names(entry):
    """The expression with its parameter vector named as the kernels name it (the polynomial
    cost writes θ, its kernel's argument is b)."""
    expr = entry.expr
    names = {str(b) for b in expr.atoms(sp.IndexedBase)} | {str(s) for s in expr.free_symbols}
    missing = [p for p in entry.extra.get("params", ()) if p not in names]
    spare = [b for b in expr.atoms(sp.IndexedBase)
             if str(b) not in (*entry.data, *entry.extra.get("params", ()), "X")]
    if len(missing) == 1 and len(spare) == 1:
        expr = expr.xreplace({spare[0]: sp.IndexedBase(missing[0])})
    return expr


def _zy(loss):
    by_name = {str(s): s for s in loss.free_symbols}
    return by_name["z"], by_name["y"]
