"""What kind of stationary point a point is, by the eigenvalues of the Hessian there.

The second-order test: at a point where ∇f = 0, a positive definite Hessian (every eigenvalue
> 0) means a local minimum, a negative definite one a local maximum, eigenvalues of both signs
a saddle; an eigenvalue at (or within rounding of) 0 leaves the test undecided.
"""

from __future__ import annotations

import numpy as np


def classify(eigenvalues: np.ndarray, rtol: float = 1e-8) -> str:
    """"min" / "max" / "saddle" / "degenerate" from a Hessian's eigenvalues.

    An eigenvalue with |λ| ≤ rtol·max|λ| (or every eigenvalue exactly 0) is "degenerate": the
    second-order test cannot decide there.
    """
    lam = np.asarray(eigenvalues, dtype=np.float64)
    scale = float(np.max(np.abs(lam))) if lam.size else 0.0
    if scale == 0.0 or not np.all(np.isfinite(lam)) or np.any(np.abs(lam) <= rtol * scale):
        return "degenerate"
    if np.all(lam > 0):
        return "min"
    if np.all(lam < 0):
        return "max"
    return "saddle"


def hessian_kind(fn, point: np.ndarray) -> str:
    """Classify ``point`` of ``fn`` by the eigenvalues of its generated Hessian."""
    h = fn.module.hess(*(float(p) for p in point))
    mat = np.atleast_2d(np.asarray(h, dtype=np.float64))
    if not np.all(np.isfinite(mat)):
        return "degenerate"
    return classify(np.linalg.eigvalsh(mat))


__all__ = ["classify", "hessian_kind"]
