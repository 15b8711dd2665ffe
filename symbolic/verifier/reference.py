"""The independent reference: the document's expressions evaluated by mpmath at 50 digits.

Also the *error scale* S(f) of the expression the kernel evaluates: a first-order bound on
the rounding error of float64 evaluation, in units of the unit roundoff.  S(f) = |f| when no
cancellation happens; where terms cancel (σ'' near 0, sin(2πx) near its roots, a gradient
that vanishes at a minimum) S(f) ≫ |f| and a relative error against |f| alone would demand
more digits than float64 can carry.  The compiled check is therefore
|compiled − reference| ≤ RTOL_COMPILED · max(|reference|, S(f)) — see ``tolerances.py``.

For costs over data the sums are expanded for a concrete number of samples (and features),
with the data as symbols, so a single lambdified function serves every data set of that shape.
"""

from __future__ import annotations

import itertools
from functools import cache

import mpmath
import sympy as sp

from ..catalog import CATALOG, Entry
from ..catalog.costs import Xs, m, n, pv, qv, theta, wv, xs, ys
from ..generator.derive import derivation
from ..generator.stable import sigmoid, softplus

DPS = 50


# -- the error scale -------------------------------------------------------------------
def error_scale(expr: sp.Expr) -> sp.Expr:
    """S(expr) = |expr| + M(expr), M the propagated first-order rounding-error magnitude.

    M(symbol) = 0 (inputs are exact doubles); M(c) = |c| for a constant that is rounded;
    M(a + b + …) = Σ M(aᵢ) + Σ |aᵢ|; M(a·b·…) = Σᵢ M(aᵢ) Πⱼ≠ᵢ |aⱼ| + |a·b·…|;
    M(g(u)) = |g'(u)|·M(u) + |g(u)| for a function or a constant power.
    """
    return sp.Abs(expr) + _m(expr)


def _m(e):
    if e.is_Symbol or e.is_Integer:
        return sp.Integer(0)
    if e.is_Number or e.is_NumberSymbol:
        return sp.Abs(e)
    if e.is_Add:
        return sp.Add(*[_m(a) + sp.Abs(a) for a in e.args])
    if e.is_Mul:
        terms = []
        for k, a in enumerate(e.args):
            others = sp.Mul(*[sp.Abs(b) for j, b in enumerate(e.args) if j != k])
            terms.append(_m(a) * others)
        return sp.Add(*terms) + sp.Abs(e)
    if e.is_Pow:
        base, ex = e.args
        if ex.is_Number:
            return sp.Abs(ex * base ** (ex - 1)) * _m(base) + sp.Abs(e)
        return _m(sp.exp(ex * sp.log(base)))
    if isinstance(e, sp.Piecewise):
        return sp.Piecewise(*[(_m(val), cond) for val, cond in e.args])
    if isinstance(e, (sp.sign, sp.DiracDelta, sp.Heaviside)):
        return sp.Integer(0)
    if isinstance(e, sp.Function) and len(e.args) == 1:
        (u,) = e.args
        t = sp.Dummy("t")
        dg = sp.diff(e.func(t), t).subs(t, u)
        return sp.Abs(dg) * _m(u) + sp.Abs(e)
    raise NotImplementedError(f"no error scale for {type(e).__name__}: {e}")


_MPMATH = [{"sigmoid": lambda v: 1 / (1 + mpmath.exp(-v)),
            "softplus": lambda v: mpmath.log1p(mpmath.exp(v)),
            "Heaviside": lambda v, h0=0: mpmath.mpf(1) if v > 0 else mpmath.mpf(h0),
            # δ and its derivatives vanish away from 0 and do not exist at 0.
            "DiracDelta": lambda v, k=0: mpmath.mpf(0) if v != 0 else mpmath.nan},
           "mpmath"]


def lambdify_mp(args, expr):
    """``expr`` as an mpmath function of ``args`` (sigmoid/softplus included)."""
    return sp.lambdify(args, expr, modules=_MPMATH)


# -- scalar entries --------------------------------------------------------------------
class ScalarReference:
    """Reference f, ∇f, H at 50 digits, and the error scales of the compiled forms."""

    def __init__(self, entry: Entry):
        d = derivation(entry.id)
        self.entry = entry
        v = list(entry.variables)
        self.k = len(v)
        self._f = lambdify_mp(v, d.f)
        self._g = lambdify_mp(v, list(d.grad))
        self._h = lambdify_mp(v, d.hess.tolist())
        self._sf = lambdify_mp(v, error_scale(d.compiled_f))
        self._sg = lambdify_mp(v, [error_scale(g) for g in d.compiled_grad])
        self._sh = lambdify_mp(v, [[error_scale(h) for h in row]
                                   for row in d.compiled_hess.tolist()])

    def evaluate(self, point):
        """(f, grad list, hess rows) and their scales as mpf, at ``point`` (floats)."""
        with mpmath.workdps(DPS):
            p = [mpmath.mpf(c) for c in point]
            return {
                "f": self._f(*p), "grad": list(self._g(*p)), "hess": self._h(*p),
                "sf": self._sf(*p), "sg": list(self._sg(*p)), "sh": self._sh(*p),
            }


@cache
def scalar_reference(entry_id: str) -> ScalarReference:
    return ScalarReference(CATALOG[entry_id])


# -- data and vector entries: concrete expansions ---------------------------------------
class ConcreteReference:
    """A cost over data expanded for a concrete shape, data as symbols.

    ``params`` are the scalar parameter symbols in the kernel's order; ``data`` lists the
    symbols of each data argument (flattened row-major).  ``f``/``grad``/``hess`` evaluate
    the document's expression and its SymPy derivatives of the expansion; ``scale_*`` the
    error scales of the form the kernel evaluates.
    """

    def __init__(self, params, data, expr, compiled):
        self.params = params
        self.data = data
        args = [*params, *itertools.chain.from_iterable(data)]
        grad = [sp.diff(expr, p) for p in params]
        hess = [[sp.diff(g, p) for p in params] for g in grad]
        cgrad = [sp.diff(compiled, p) for p in params]
        chess = [[sp.diff(g, p) for p in params] for g in cgrad]
        self._f = lambdify_mp(args, expr)
        self._g = lambdify_mp(args, grad)
        self._h = lambdify_mp(args, hess)
        self._sf = lambdify_mp(args, error_scale(compiled))
        self._sg = lambdify_mp(args, [error_scale(g) for g in cgrad])
        self._sh = lambdify_mp(args, [[error_scale(h) for h in row] for row in chess])

    def evaluate(self, params, data):
        with mpmath.workdps(DPS):
            args = [mpmath.mpf(float(c)) for c in params]
            for arr in data:
                args += [mpmath.mpf(float(c)) for c in arr.ravel()]
            return {
                "f": self._f(*args), "grad": list(self._g(*args)), "hess": self._h(*args),
                "sf": self._sf(*args), "sg": list(self._sg(*args)), "sh": self._sh(*args),
            }


def _flat(indexed_values: dict, expr):
    return expr.xreplace(indexed_values)


@cache
def data_reference(entry_id: str, m_value: int) -> ConcreteReference:
    """A ``data`` entry (scalar parameters, data x, y) expanded for ``m_value`` samples."""
    entry = CATALOG[entry_id]
    xsym = [sp.Symbol(f"x_{k}", real=True) for k in range(1, m_value + 1)]
    ysym = [sp.Symbol(f"y_{k}", real=True) for k in range(1, m_value + 1)]
    subs = {**{xs[k + 1]: xsym[k] for k in range(m_value)},
            **{ys[k + 1]: ysym[k] for k in range(m_value)}}
    expr = entry.expr.subs(m, m_value).doit().xreplace(subs)
    comp = entry.compiled_expr.subs(m, m_value).doit().xreplace(subs)
    return ConcreteReference(list(entry.variables), [xsym, ysym], expr, comp)


@cache
def vector_reference(entry_id: str, m_value: int, n_value: int) -> ConcreteReference:
    """A ``vector`` entry expanded for ``m_value`` samples and ``n_value`` features
    (the degree, for polynomial regression)."""
    entry = CATALOG[entry_id]
    feats = entry.extra["features"]
    M, N = m_value, n_value
    real = {"real": True}
    expr = entry.expr.subs({m: M, n: N}).doit()
    ysym = [sp.Symbol(f"y_{i}", **real) for i in range(1, M + 1)]
    subs = {ys[i + 1]: ysym[i] for i in range(M)}
    if feats in ("affine", "wb", "margin"):
        Xsym = [[sp.Symbol(f"X_{i}_{j}", **real) for j in range(1, N + 1)] for i in range(1, M + 1)]
        subs.update({Xs[i + 1, j + 1]: Xsym[i][j] for i in range(M) for j in range(N)})
        data = [list(itertools.chain.from_iterable(Xsym)), ysym]
    if feats == "affine":
        params = [sp.Symbol(f"theta_{j}", **real) for j in range(N + 1)]
        subs.update({theta[j]: params[j] for j in range(N + 1)})
    elif feats == "wb":
        params = [sp.Symbol(f"w_{j}", **real) for j in range(1, N + 1)] + [sp.Symbol("b", **real)]
        subs.update({wv[j + 1]: params[j] for j in range(N)})
    elif feats == "margin":
        params = [sp.Symbol(f"w_{j}", **real) for j in range(1, N + 1)] + [sp.Symbol("w0", **real)]
        subs.update({wv[j + 1]: params[j] for j in range(N)})
    elif feats == "polynomial":
        xsym = [sp.Symbol(f"x_{i}", **real) for i in range(1, M + 1)]
        params = [sp.Symbol(f"b_{j}", **real) for j in range(N + 1)]
        subs.update({xs[i + 1]: xsym[i] for i in range(M)})
        subs.update({theta[j]: params[j] for j in range(N + 1)})
        data = [xsym, ysym]
    elif feats == "elementwise":
        params = [sp.Symbol(f"q_{i}", positive=True) for i in range(1, M + 1)]
        psym = [sp.Symbol(f"p_{i}", **real) for i in range(1, M + 1)]
        subs.update({qv[i + 1]: params[i] for i in range(M)})
        subs.update({pv[i + 1]: psym[i] for i in range(M)})
        data = [psym]
    expr = expr.xreplace(subs)
    # The polynomial's x⁰ must stay 1 at x = 0 (SymPy's 0**0 is 1 as well).
    return ConcreteReference(params, data, expr, expr)


__all__ = ["DPS", "error_scale", "lambdify_mp", "scalar_reference", "data_reference",
           "vector_reference", "sigmoid", "softplus"]
