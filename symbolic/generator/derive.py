"""Derivation: first and second derivatives, gradient, Hessian and stationary points.

Everything here comes out of SymPy differentiating the catalog's expressions; nothing
derived is typed in.  For costs over data the per-sample term is differentiated under the
``Sum`` and the sum is kept symbolic; :meth:`Derivation.with_data` substitutes a concrete
data set to evaluate claims.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache, cached_property

import mpmath
import sympy as sp

from ..catalog import CATALOG, Entry
from ..catalog.costs import i as SAMPLE_INDEX
from ..catalog.costs import m as SAMPLE_COUNT
from ..catalog.costs import xs as X_DATA
from ..catalog.costs import ys as Y_DATA
from ..catalog.datasets import DATASETS

#: Expressions with more operations than this are not passed to ``sp.simplify`` (it can take
#: minutes on the Hessian of `peaks`); they are kept as derived, and CSE keeps the code lean.
SIMPLIFY_MAX_OPS = 50


def tidy(expr: sp.Expr) -> sp.Expr:
    """Simplify ``expr`` when it is small enough for ``sp.simplify`` to be quick."""
    if sp.count_ops(expr) > SIMPLIFY_MAX_OPS:
        return expr
    out = sp.simplify(expr)
    return out if sp.count_ops(out) <= sp.count_ops(expr) else expr


def exact(value) -> sp.Expr:
    """A point coordinate as an exact SymPy number (``"2.5"`` → 5/2, 1.6 → 8/5)."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, str):
        return sp.Rational(value)
    if isinstance(value, int):
        return sp.Integer(value)
    return sp.Rational(repr(float(value)))


@dataclass(frozen=True)
class StationaryPoint:
    """A solution of ∇f = 0: its coordinates, f there, and its kind by the Hessian."""

    point: tuple
    value: object
    kind: str  # "min" | "max" | "saddle" | "degenerate"


class Derivation:
    """The derived quantities of one catalog entry.

    Attributes are computed on first use: ``f`` (the document's expression), ``grad``
    (tuple of partial derivatives), ``hess`` (Matrix), and their counterparts for the form
    the kernels evaluate (``compiled_f``, ``compiled_grad``, ``compiled_hess``), which differ
    only where a stability rewrite applies.
    """

    def __init__(self, entry: Entry, expr=None, stable=None, variables=None):
        self.entry = entry
        self.f = entry.expr if expr is None else expr
        self._stable = entry.stable if stable is None else stable
        self.variables = tuple(entry.variables if variables is None else variables)

    # -- first and second derivatives -------------------------------------------------
    @cached_property
    def _diff_source(self):
        # A Product (the likelihood) is differentiated through its proved stable form.
        if self.f is not None and self.f.has(sp.Product) and self._stable is not None:
            return self._stable
        return self.f

    @cached_property
    def grad(self) -> tuple:
        return tuple(tidy(sp.diff(self._diff_source, v)) for v in self.variables)

    @cached_property
    def hess(self) -> sp.Matrix:
        k = len(self.variables)
        rows = [[None] * k for _ in range(k)]
        for a, b in itertools.combinations_with_replacement(range(k), 2):
            rows[a][b] = rows[b][a] = tidy(sp.diff(self.grad[a], self.variables[b]))
        return sp.Matrix(rows)

    @property
    def compiled_f(self):
        return self._stable if self._stable is not None else self.f

    @cached_property
    def compiled_grad(self) -> tuple:
        if self._stable is None:
            return self.grad
        return tuple(tidy(sp.diff(self._stable, v)) for v in self.variables)

    @cached_property
    def compiled_hess(self) -> sp.Matrix:
        if self._stable is None:
            return self.hess
        k = len(self.variables)
        g = self.compiled_grad
        return sp.Matrix(k, k, lambda a, b: tidy(sp.diff(g[a], self.variables[b])))

    def derivative(self, order: int = 1) -> sp.Expr:
        """d^order f / dx^order for a one-variable entry."""
        (v,) = self.variables
        if order == 1:
            return self.grad[0]
        if order == 2:
            return self.hess[0, 0]
        return tidy(sp.diff(self._diff_source, v, order))

    # -- values at points --------------------------------------------------------------
    def _subs(self, expr, point):
        return expr.subs(dict(zip(self.variables, (exact(p) for p in point), strict=True)))

    def value(self, *point):
        """f at ``point`` (exact where possible)."""
        return sp.simplify(self._subs(self.f, point).doit())

    def gradient(self, *point) -> tuple:
        """∇f at ``point``; a number for one variable, a tuple otherwise."""
        out = tuple(sp.simplify(self._subs(g, point).doit()) for g in self.grad)
        return out[0] if len(out) == 1 else out

    def derivative_at(self, order: int, *point):
        return sp.simplify(self._subs(self.derivative(order), point))

    # -- the labs' loop ----------------------------------------------------------------
    @cached_property
    def _float_grad(self):
        return sp.lambdify(self.variables, self.compiled_grad, modules="math")

    def lab_descent(self, x0, learning_rate, num_iterations):
        """The labs' gradient descent in plain Python floats on the derived gradient.

        x ← x − α∇f(x), simultaneous in every coordinate, exactly ``num_iterations`` times.
        Returns a float for one variable, a tuple of floats otherwise.
        """
        x = [float(v) for v in x0]
        for _ in range(num_iterations):
            g = self._float_grad(*x)
            x = [xi - learning_rate * gi for xi, gi in zip(x, g, strict=True)]
        return x[0] if len(x) == 1 else tuple(x)

    # -- stationary points -------------------------------------------------------------
    @cached_property
    def stationary_points(self) -> tuple[StationaryPoint, ...]:
        """Solutions of ∇f = 0, classified by the Hessian.

        ``stationary == "solve"``: SymPy solves the system; only isolated real solutions in
        the domain are kept (curves of solutions, like the sauna's walls, are reported by
        :meth:`stationary_sets`).  ``"numeric"``: Newton's method on ∇f = 0 from every point
        of the entry's grid, polished with mpmath at 30 digits and de-duplicated.
        """
        how = self.entry.stationary
        if how == "solve":
            points = self._solved()
        elif how == "numeric":
            points = self._numeric()
        else:
            return ()
        return tuple(sorted(points, key=lambda s: tuple(float(c) for c in s.point)))

    def _classify(self, point) -> str:
        h = self.hess.subs(dict(zip(self.variables, point, strict=True)))
        hn = mpmath.matrix([[sp.N(h[a, b], 30) for b in range(h.shape[1])]
                            for a in range(h.shape[0])])
        eig = mpmath.eigsy(hn)[0] if hn.rows > 1 else [hn[0, 0]]
        eig = [float(e) for e in eig]
        scale = max(1.0, max(abs(e) for e in eig))
        if any(abs(e) <= 1e-12 * scale for e in eig):
            # Zero curvature: look at the next derivative in 1-D (x⁴ has a minimum at 0).
            if len(self.variables) == 1:
                return self._classify_higher(point[0])
            return "degenerate"
        if all(e > 0 for e in eig):
            return "min"
        if all(e < 0 for e in eig):
            return "max"
        return "saddle"

    def _classify_higher(self, x0) -> str:
        (v,) = self.variables
        for k in range(3, 9):
            dk = sp.N(sp.diff(self._diff_source, v, k).subs(v, x0), 30)
            if abs(dk) > 1e-20:
                if k % 2:
                    return "saddle"  # an inflection point in 1-D
                return "min" if dk > 0 else "max"
        return "degenerate"

    def _in_domain(self, point) -> bool:
        cond = self.entry.domain
        if cond in (sp.true, True):
            return True
        # Domains are written on plain real symbols; substitute by name.
        by_name = {str(v): c for v, c in zip(self.variables, point, strict=True)}
        return bool(cond.subs({s: by_name[str(s)] for s in cond.free_symbols}))

    def _solved(self):
        sols = sp.solve(list(self.grad), list(self.variables), dict=True)
        out = []
        for s in sols:
            if len(s) != len(self.variables) or any(v not in s for v in self.variables):
                continue  # a curve of solutions, not an isolated point
            point = tuple(sp.nsimplify(s[v]) if s[v].is_Float else s[v] for v in self.variables)
            if not all(sp.N(c, 30).is_real for c in point):
                continue
            point = tuple(sp.simplify(c) for c in point)
            if not self._in_domain(point):
                continue
            value = sp.simplify(self._subs(self._diff_source, point))
            out.append(StationaryPoint(point, value, self._classify(point)))
        return out

    def stationary_sets(self):
        """Non-isolated solutions of ∇f = 0 (e.g. the sauna's walls x = 0 and y = 0)."""
        if self.entry.stationary != "solve":
            return []
        sols = sp.solve(list(self.grad), list(self.variables), dict=True)
        return [s for s in sols if len(s) != len(self.variables)]

    def _numeric(self):
        # Search in float64 (fast), then polish each distinct root with mpmath at 30 digits.
        grad_float = sp.lambdify(self.variables, self.compiled_grad, modules="math")
        hess_float = sp.lambdify(self.variables, self.compiled_hess.tolist(), modules="math")
        grad_mp = sp.lambdify(self.variables, self.compiled_grad, modules="mpmath")
        hess_mp = sp.lambdify(self.variables, self.compiled_hess, modules="mpmath")
        box = [(lo, hi) for lo, hi, _ in self.entry.grid]
        axes = [[lo + (hi - lo) * t / (count - 1) for t in range(count)]
                for lo, hi, count in self.entry.grid]
        found: list[tuple] = []
        for start in itertools.product(*axes):
            p = _newton_float(grad_float, hess_float, start, box)
            if p is None:
                continue
            if any(max(abs(a - b) for a, b in zip(p, q, strict=True)) < 1e-5 for q in found):
                continue
            found.append(p)
        out = []
        mpmath.mp.dps = 30
        for p in found:
            polished = _newton_root(grad_mp, hess_mp, p)
            if polished is None or not self._in_domain(tuple(exact(float(c)) for c in polished)):
                continue
            point = tuple(sp.Float(c, 30) for c in polished)
            value = sp.Float(sp.N(self._subs(self.compiled_f, point), 30), 30)
            out.append(StationaryPoint(point, value, self._classify(point)))
        return out

    def nearest_stationary(self, kind: str, near) -> tuple:
        """(coordinates…, f) of the stationary point of ``kind`` nearest ``near``.

        ``kind="any"`` returns (coordinates…, kind) of the nearest point of any kind.
        """
        pts = [s for s in self.stationary_points if kind in ("any", s.kind)]
        if not pts:
            raise LookupError(f"{self.entry.id}: no stationary point of kind {kind!r}")
        best = min(pts, key=lambda s: sum((float(c) - float(q)) ** 2
                                           for c, q in zip(s.point, near, strict=True)))
        return (*best.point, best.kind if kind == "any" else best.value)

    # -- data --------------------------------------------------------------------------
    def with_data(self, dataset: str) -> Derivation:
        """This cost on a seed data set: the sum expanded, the data substituted exactly."""
        return derivation_on(self.entry.id, dataset)


def _newton_float(grad_f, hess_f, start, box, iterations=50):
    """Newton's method for ∇f = 0 in float64; the root if found inside ``box``, else None."""
    import numpy as np

    p = np.array(start, dtype=float)
    for _ in range(iterations):
        try:
            g = np.array(grad_f(*p), dtype=float).ravel()
            h = np.array(hess_f(*p), dtype=float).reshape(len(p), len(p))
            step = np.linalg.solve(h, g)
        except (ValueError, ZeroDivisionError, OverflowError, np.linalg.LinAlgError):
            return None
        p = p - step
        if not np.all(np.isfinite(p)):
            return None
        if np.max(np.abs(step)) < 1e-12 * max(1.0, np.max(np.abs(p))):
            break
    else:
        return None
    margin = [(hi - lo) * 0.05 for lo, hi in box]
    if any(not (lo - mg <= c <= hi + mg) for c, (lo, hi), mg in zip(p, box, margin, strict=True)):
        return None
    return tuple(float(c) for c in p)


def _newton_root(grad_f, hess_f, start, iterations=60):
    """Newton's method for ∇f = 0 from ``start`` (mpmath, 30 digits); None if it fails."""
    p = mpmath.matrix([mpmath.mpf(float(c)) for c in start])
    for _ in range(iterations):
        g = mpmath.matrix(list(grad_f(*p)))
        if mpmath.norm(g) < mpmath.mpf(10) ** -25:
            return tuple(p)
        h = mpmath.matrix(hess_f(*p))
        try:
            step = mpmath.lu_solve(h, g)
        except ZeroDivisionError:
            return None
        p = p - step
        # A step out of the real domain (log of a negative number) gives mpc: give up.
        if any(not isinstance(c, mpmath.mpf) or not mpmath.isfinite(c) or abs(c) > 1e6
               for c in p):
            return None
    return None


def concrete(expr, m_value: int, data: dict):
    """Expand the sums of ``expr`` for ``m_value`` samples and substitute ``data``.

    ``data`` maps the IndexedBase (x, y) to a sequence of exact values (index 1…m).
    """
    out = expr.subs(SAMPLE_COUNT, m_value).doit()
    subs = {}
    for base, values in data.items():
        for k, v in enumerate(values, start=1):
            subs[base[k]] = v
    return out.xreplace(subs)


@cache
def derivation_on(entry_id: str, dataset: str) -> Derivation:
    """The derivation of a ``data`` entry with the sums expanded on ``dataset``."""
    entry = CATALOG[entry_id]
    xv, yv = DATASETS[dataset]
    data = {X_DATA: [exact(float(v)) for v in xv], Y_DATA: [exact(float(v)) for v in yv]}
    m_value = len(xv)
    expr = concrete(entry.expr, m_value, data)
    stable = concrete(entry.stable, m_value, data) if entry.stable is not None else None
    return _ConcreteDerivation(entry, expr, stable)


class _ConcreteDerivation(Derivation):
    """A data entry on a concrete data set: stationary points by solving or numerically."""

    @cached_property
    def stationary_points(self):
        return tuple(self._solved())

    def value(self, *point):
        return sp.N(self._subs(self.f, point), 40)

    def gradient(self, *point):
        out = tuple(sp.N(self._subs(g, point), 40) for g in self.grad)
        return out[0] if len(out) == 1 else out


@cache
def derivation(entry_id: str) -> Derivation:
    """The (cached) derivation of catalog entry ``entry_id``."""
    return Derivation(CATALOG[entry_id])


__all__ = [
    "Derivation",
    "StationaryPoint",
    "concrete",
    "derivation",
    "derivation_on",
    "exact",
    "tidy",
    "SAMPLE_INDEX",

]
