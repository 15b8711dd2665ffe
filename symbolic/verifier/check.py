"""The three-way agreement: reference (mpmath, 50 digits) vs finite differences vs compiled.

For one entry at one point, every quantity — f, each component of ∇f, each entry of the
Hessian — is computed three ways and compared under the tolerances of ``tolerances.py``.
The Hessian's finite differences are differences of the compiled gradient.  A failure
message names the entry, the point, the quantity and all three values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...kernels import functions
from ..catalog import CATALOG
from . import finite_diff
from .reference import data_reference, scalar_reference, vector_reference
from .tolerances import RTOL_COMPILED, RTOL_FD, SMALLEST_NORMAL


@dataclass(frozen=True)
class Quantity:
    """One quantity at one point, three ways."""

    entry: str
    point: tuple
    name: str
    reference: float
    compiled: float
    fd: float | None
    scale: float
    fd_rounding: float

    @property
    def compiled_error(self) -> float:
        """|compiled − reference| / max(|reference|, S, 2.2e-308): ≤ RTOL_COMPILED to pass.

        The floor at the smallest normal double: subnormal results carry fewer than 53 bits,
        so below it errors are compared in absolute terms.
        """
        den = max(abs(self.reference), self.scale, SMALLEST_NORMAL)
        return abs(self.compiled - self.reference) / den if den > 0 else abs(self.compiled)

    @property
    def relative_error(self) -> float:
        """|compiled − reference| / |reference| (reported; inf when the reference is 0)."""
        if self.reference == 0:
            return 0.0 if self.compiled == 0 else float("inf")
        return abs(self.compiled - self.reference) / abs(self.reference)

    @property
    def fd_error(self) -> float:
        """|fd − ref| / (|ref| + FD rounding bound / RTOL_FD): ≤ RTOL_FD to pass.

        Equivalent to |fd − ref| ≤ RTOL_FD·|ref| + the quotient's rounding bound.
        """
        if self.fd is None:
            return 0.0
        den = abs(self.reference) + self.fd_rounding / RTOL_FD
        return abs(self.fd - self.reference) / den if den > 0 else abs(self.fd)

    @property
    def ok(self) -> bool:
        # A non-finite compiled value passes only where the reference is not finite either.
        finite = np.isfinite(self.compiled) or not np.isfinite(self.reference)
        return bool(finite and self.compiled_error <= RTOL_COMPILED and self.fd_error <= RTOL_FD)

    def message(self) -> str:
        return (
            f"{self.entry} at {self.point}: {self.name}: reference={self.reference!r}, "
            f"compiled={self.compiled!r} (error {self.compiled_error:.3g} of scale "
            f"{max(abs(self.reference), self.scale):.3g}; bound {RTOL_COMPILED}), "
            f"finite-difference={self.fd!r} (error {self.fd_error:.3g}; bound {RTOL_FD})"
        )


class _Problem:
    """An entry at a point seen as a function of a flat parameter list."""

    def __init__(self, entry_id: str, params, data=()):
        self.id = entry_id
        self.entry = CATALOG[entry_id]
        self.fn = functions.get(entry_id)
        self.kind = self.entry.kind
        self.params = [float(p) for p in np.ravel(params)]
        self.data = tuple(np.ascontiguousarray(d, dtype=np.float64) for d in data)
        feats = self.entry.extra.get("features")
        self.features = feats
        if self.kind == "scalar":
            self.ref = scalar_reference(entry_id)
        elif self.kind == "data":
            self.ref = data_reference(entry_id, self.data[0].shape[0])
        else:
            first = self.data[0]
            m_value = first.shape[0]
            if feats in ("affine", "wb", "margin"):
                n_value = first.shape[1]
            elif feats == "polynomial":
                n_value = len(self.params) - 1
            else:
                n_value = 0
            self.ref = vector_reference(entry_id, m_value, n_value)

    # The compiled kernels as functions of the flat parameters.
    def _args(self, p):
        mod = self.fn.module
        del mod
        if self.kind in ("scalar", "data"):
            return (*p, *self.data)
        arr = np.array(p, dtype=np.float64)
        if self.features in ("wb", "margin"):
            return (arr[:-1].copy(), float(arr[-1]), *self.data)
        return (arr, *self.data)

    def f(self, *p):
        return float(self.fn.module.f(*self._args(p)))

    def grad(self, *p):
        g = self.fn.module.grad(*self._args(p))
        if isinstance(g, float):
            return [g]
        if self.features in ("wb", "margin"):
            return [*map(float, g[0]), float(g[1])]
        return [float(c) for c in np.ravel(np.asarray(g, dtype=object).tolist()
                                          if isinstance(g, tuple) else g)]

    def hess(self, *p):
        if not hasattr(self.fn.module, "hess"):
            return None
        h = self.fn.module.hess(*self._args(p))
        return np.atleast_2d(np.asarray(h, dtype=np.float64)).tolist()

    def reference(self):
        if self.kind == "scalar":
            return self.ref.evaluate(self.params)
        return self.ref.evaluate(self.params, self.data)


def check_point(entry_id: str, params, data=()) -> list[Quantity]:
    """Every quantity of ``entry_id`` at ``params`` (with ``data``), three ways."""
    pr = _Problem(entry_id, params, data)
    ref = pr.reference()
    p = pr.params
    label = tuple(p) if not pr.data else (tuple(p), tuple(d.shape for d in pr.data))
    out = []
    sf = float(ref["sf"])
    smooth = _stencil_in_domain(pr, p)
    out.append(Quantity(entry_id, label, "f", float(ref["f"]), pr.f(*p), None, sf, 0.0))
    grad_c = pr.grad(*p)
    for k in range(len(p)):
        fd, rounding = finite_diff.partial_with_bound(pr.f, p, k, floor=sf) if smooth[k] \
            else (None, 0.0)
        # No difference quotient beats the quantity's own rounding floor (RTOL_COMPILED·S):
        # roundings inside f (z = b + w·x) propagate into every stencil value.
        sgk = float(ref["sg"][k])
        out.append(Quantity(entry_id, label, f"grad[{k}]", float(ref["grad"][k]), grad_c[k],
                            fd, sgk, rounding + RTOL_COMPILED * sgk))
    hess_c = pr.hess(*p)
    if hess_c is not None:
        sg = [float(c) for c in ref["sg"]]
        cols = [finite_diff.partial_vector_with_bound(pr.grad, p, b, floors=sg)
                for b in range(len(p))]
        for a in range(len(p)):
            for b in range(len(p)):
                shab = float(ref["sh"][a][b])
                out.append(Quantity(
                    entry_id, label, f"hess[{a}][{b}]", float(ref["hess"][a][b]),
                    hess_c[a][b], cols[b][0][a] if smooth[b] else None,
                    shab, cols[b][1][a] + RTOL_COMPILED * shab,
                ))
    return out


def _stencil_in_domain(pr: _Problem, p: list[float]) -> list[bool]:
    """Per coordinate: does the finite-difference stencil x ± h stay inside the domain?

    A stencil that crosses a boundary (x = 0 for 1/x, w = 0 for the margin) differences
    across a singularity; such a difference is not computed (reported as None).
    """
    out = []
    for k in range(len(p)):
        h = finite_diff._step(p[k])
        ok = True
        for step in (-h, h):
            q = list(p)
            q[k] += step
            if pr.kind == "scalar":
                ok = ok and bool(pr.fn.module.in_domain(*q))
            elif pr.features == "margin" and k < len(p) - 1:
                ok = ok and (q[k] == 0.0) == (p[k] == 0.0) and (q[k] > 0) == (p[k] > 0)
            elif pr.features == "elementwise":
                ok = ok and q[k] > 0
        out.append(ok)
    return out


__all__ = ["Quantity", "check_point"]
