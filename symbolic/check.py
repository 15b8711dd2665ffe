"""The three-way agreement: reference (mpmath, 50 digits) vs finite differences vs compiled.

For one entry at one point, every quantity — f, each component of ∇f, each entry of the
Hessian — is computed three ways and compared under the tolerances of ``tolerances.py``.
The Hessian's finite differences are differences of the compiled gradient.  A failure
message names the entry, the point, the quantity and all three values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..kernels import functions
from . import finite_diff
from .catalog import CATALOG
from .reference import data_reference, scalar_reference, vector_reference
from .tolerances import RTOL_COMPILED, RTOL_FD


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
    fd_scale: float

    @property
    def compiled_error(self) -> float:
        """|compiled − reference| / max(|reference|, S): ≤ RTOL_COMPILED to pass."""
        den = max(abs(self.reference), self.scale)
        return abs(self.compiled - self.reference) / den if den > 0 else abs(self.compiled)

    @property
    def relative_error(self) -> float:
        """|compiled − reference| / |reference| (reported; inf when the reference is 0)."""
        if self.reference == 0:
            return 0.0 if self.compiled == 0 else float("inf")
        return abs(self.compiled - self.reference) / abs(self.reference)

    @property
    def fd_error(self) -> float:
        """|fd − reference| / (|reference| + fd scale): ≤ RTOL_FD to pass."""
        if self.fd is None:
            return 0.0
        den = abs(self.reference) + self.fd_scale
        return abs(self.fd - self.reference) / den if den > 0 else abs(self.fd)

    @property
    def ok(self) -> bool:
        finite = np.isfinite(self.compiled)
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
    xscale = [max(1.0, abs(c)) for c in p]
    out = []
    sf = float(ref["sf"])
    out.append(Quantity(entry_id, label, "f", float(ref["f"]), pr.f(*p), None, sf, 0.0))
    grad_c = pr.grad(*p)
    for k in range(len(p)):
        fd = finite_diff.partial(pr.f, p, k)
        out.append(Quantity(entry_id, label, f"grad[{k}]", float(ref["grad"][k]), grad_c[k],
                            fd, float(ref["sg"][k]), sf / xscale[k]))
    hess_c = pr.hess(*p)
    if hess_c is not None:
        cols = [finite_diff.partial_vector(pr.grad, p, b) for b in range(len(p))]
        for a in range(len(p)):
            for b in range(len(p)):
                out.append(Quantity(
                    entry_id, label, f"hess[{a}][{b}]", float(ref["hess"][a][b]),
                    hess_c[a][b], cols[b][a], float(ref["sh"][a][b]),
                    float(ref["sg"][a]) / xscale[b],
                ))
    return out


__all__ = ["Quantity", "check_point"]
