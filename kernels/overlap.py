"""A certificate that two classes overlap, by Gordan's theorem, with the rounding bounded.

For the rows aᵢ = sᵢ·x̃ᵢ of a logistic fit (x̃ᵢ = (1, xᵢ), sᵢ = 2yᵢ − 1 = ±1) exactly one of
these holds (Gordan's theorem of the alternative):

(a) some θ has aᵢ·θ > 0 for every i: a hyperplane separates the classes strictly;
(b) some λ ≥ 0, λ ≠ 0, has Σᵢ λᵢ·aᵢ = 0.

A λ of (b) comes from the log-loss itself: at a minimiser θ of L(θ) = Σᵢ softplus(−aᵢ·θ) the
gradient −Σᵢ σ(−aᵢ·θ)·aᵢ vanishes, so λᵢ = σ(−aᵢ·θ) > 0 is one.  Newton's method finds that
minimiser of a few hundred rows in a few steps (:func:`overlap_certified`), to rounding.  The
floating-point λ̂ it gives leaves a residual Aᵀλ̂ ≠ 0, and the rows it was computed from are
rounded too; :func:`gordan_bound_holds` proves that an exact λ* of (b) lies next to λ̂:

* The rows are taken in coordinates x' = (x − c)·2^−e per column (c a double, e an integer):
  an invertible affine map of x, so (a) and (b) hold for the new rows exactly when they hold
  for the old ones.  Only the subtraction rounds: the computed rows Â differ from the exact
  ones A by at most 2u·|Â| entry by entry (u = 2^−53), so ‖Â − A‖₂ ≤ Δ = 2u·‖Â‖_F.
* ‖Aᵀλ̂‖₂ ≤ ρ = ‖ |fl(Âᵀλ̂)| + γ·|Â|ᵀλ̂ ‖₂ + Δ·‖λ̂‖₂, with γ = N·u/(1 − N·u) bounding a
  sum of N rounded products.
* σ_min(A) ≥ σ_min(Â) − Δ, and σ_min(Â)² = λ_min(ÂᵀÂ) ≥ λ_min(Ĝ) − γ·‖ |Â|ᵀ|Â| ‖_F − e with
  Ĝ = fl(ÂᵀÂ) and e = 64·p·u·‖Ĝ‖_F a bound on the eigenvalue solver's error (backward
  stable: its λ_min is exact for a matrix within p·u·‖Ĝ‖ of Ĝ up to a small factor).
* δ = −A(AᵀA)⁻¹Aᵀλ̂ has Aᵀδ = −Aᵀλ̂ and ‖δ‖∞ ≤ ‖δ‖₂ ≤ ρ/σ_min(A).  So when
  ρ/σ_min(A) < min λ̂, λ* = λ̂ + δ is ≥ 0, not 0, and Σᵢ λ*ᵢ·aᵢ = 0 exactly: (b) holds.

The check asks for ρ/σ_min(A) ≤ min λ̂ / 2 (the factor 2 covers the rounding of the bounds'
own arithmetic, relative errors of order 1e-15).  Rows where λ̂ is below 1e-8 (deep inside
their own class) are left out of the certificate (λ*ᵢ = 0 there is allowed), so that they do
not make min λ̂ tiny.  A subset of the rows that overlaps makes the whole data overlap: a
hyperplane separating all rows would separate the subset.  Where the check does not pass
(separable or nearly separable rows, collinear columns, values too large to centre) the
caller asks a linear program instead: this certificate only ever says "they overlap".
"""

from __future__ import annotations

import math

import numpy as np

from ._jit import jit

#: Newton steps before giving up (overlapping rows need 5–10; separable rows never converge).
MAX_NEWTON_STEPS = 40

#: Rows with λ̂ below this are left out of the certificate (see the module docstring).
LAMBDA_FLOOR = 1e-8

_U = 2.0**-53


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) elementwise, by sign (no overflow): 1/(1 + e) or e/(1 + e) with e = e^(−|z|)."""
    e = np.exp(-np.abs(z))
    s = 1.0 / (1.0 + e)
    return np.where(z >= 0.0, s, e * s)


def signed_rows(X: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    """Â: the rows sᵢ·(1, (xᵢ − c)·2^−e) with c the column means and 2^−e near 1/RMS, or None
    where a column is constant or too large or small to take this way (no certificate)."""
    X = np.asarray(X, dtype=np.float64)
    c = X.mean(axis=0)
    D = X - c
    if not np.all(np.isfinite(D)):
        return None
    rms = np.sqrt(np.mean(D * D, axis=0))
    if not np.all((rms > 2.0**-900) & (rms < 2.0**900)):
        return None
    D *= np.exp2(-np.floor(np.log2(rms)))  # a power of two: exact unless a result is subnormal
    tiny = (D != 0.0) & (np.abs(D) < 2.0**-1000)
    if tiny.any():
        return None
    s = 2.0 * np.asarray(y, dtype=np.float64) - 1.0
    A = np.empty((X.shape[0], X.shape[1] + 1))
    A[:, 0] = s
    A[:, 1:] = s[:, None] * D
    return A


def gordan_bound_holds(A: np.ndarray, lam: np.ndarray) -> bool:
    """True when an exact λ* ≥ 0, λ* ≠ 0, with Aᵀλ* = 0 provably lies within the bound of the
    module docstring of λ̂ = ``lam`` (> 0 on every row of ``A``), for the exact rows that the
    computed ``A`` (from :func:`signed_rows`) stands for."""
    N, p = A.shape
    if N < p or not np.all(lam > 0.0):
        return False
    gamma = N * _U / (1.0 - N * _U)
    absA = np.abs(A)
    delta = 2.0 * _U * float(np.linalg.norm(A))
    r = A.T @ lam
    rho = float(np.linalg.norm(np.abs(r) + gamma * (absA.T @ lam))) + delta * float(
        np.linalg.norm(lam))
    G = A.T @ A
    lam_min = float(np.linalg.eigvalsh(G)[0])
    lam_min -= gamma * float(np.linalg.norm(absA.T @ absA)) + 64.0 * p * _U * float(
        np.linalg.norm(G))
    if not lam_min > 0.0:
        return False
    sigma_min = np.sqrt(lam_min) - delta
    return sigma_min > 0.0 and rho <= 0.5 * float(lam.min()) * sigma_min


@jit
def _softplus_neg(z):
    """softplus(−z) = log(1 + e^(−z)), stably."""
    return max(-z, 0.0) + math.log1p(math.exp(-abs(z)))


@jit
def _times(A, v, out):
    """out ← A·v (a loop: Numba's matrix product would call BLAS, importing SciPy's)."""
    for i in range(A.shape[0]):
        acc = 0.0
        for j in range(A.shape[1]):
            acc += A[i, j] * v[j]
        out[i] = acc


@jit
def _newton(A, theta, steps):
    """Newton's method on L(θ) = Σᵢ softplus(−aᵢ·θ) from ``theta`` (updated in place),
    compiled: the steps left at the minimiser to rounding (the Newton decrement at rounding
    level or no longer falling, or the step halved 30 times does not lower L), or −1 when no
    minimiser was reached in ``steps``, an iterate separates the rows, or H is not positive
    definite.  Per row, L's term softplus(−z), its gradient −λ·a and Hessian λ(1 − λ)·a·aᵀ
    (λ = σ(−z), z = a·θ) are the generated log-loss ℓ(z, 1) and its derivatives in θ, which
    SymPy proves in ``tests/test_overlap.py``."""
    N, p = A.shape
    z = np.empty(N)
    z_new = np.empty(N)
    _times(A, theta, z)
    last = np.inf
    lam = np.empty(N)
    grad = np.empty(p)
    H = np.empty((p, p))
    step = np.empty(p)
    trial = np.empty(p)
    loss = 0.0
    for i in range(N):
        loss += _softplus_neg(z[i])
    while steps > 0:
        if np.all(z > 0.0):
            return -1  # θ separates these rows: they have no minimiser
        steps -= 1
        grad[:] = 0.0
        H[:, :] = 0.0
        for i in range(N):
            e = math.exp(-abs(z[i]))
            lam[i] = e / (1.0 + e) if z[i] >= 0.0 else 1.0 / (1.0 + e)  # σ(−zᵢ)
            wi = lam[i] * (1.0 - lam[i])
            for j in range(p):
                grad[j] -= lam[i] * A[i, j]
                for k in range(j + 1):
                    H[j, k] += wi * A[i, j] * A[i, k]
        # H = C·Cᵀ (Cholesky, lower triangle in place), then C·Cᵀ·step = grad
        for j in range(p):
            d = H[j, j]
            for k in range(j):
                d -= H[j, k] * H[j, k]
            if not d > 0.0:
                return -1
            d = math.sqrt(d)
            H[j, j] = d
            for i in range(j + 1, p):
                v = H[i, j]
                for k in range(j):
                    v -= H[i, k] * H[j, k]
                H[i, j] = v / d
        for j in range(p):
            v = grad[j]
            for k in range(j):
                v -= H[j, k] * step[k]
            step[j] = v / H[j, j]
        for j in range(p - 1, -1, -1):
            v = step[j]
            for k in range(j + 1, p):
                v -= H[k, j] * step[k]
            step[j] = v / H[j, j]
        decrement = 0.0  # ≈ 2·(L(θ) − min L) near the minimiser
        for j in range(p):
            decrement += grad[j] * step[j]
        if not decrement > 1e-24 * max(loss, 1.0) or not decrement < last:
            return steps  # at the minimiser, as far as rounding goes
        last = decrement
        # Near the minimiser (decrement below 1e-12·L) the full step is taken: L changes there
        # by less than its own rounding, so a test on L could not tell a good step from a bad
        # one, while Newton's steps converge quadratically.
        quadratic = decrement < 1e-12 * max(loss, 1.0)
        t = 1.0
        for _ in range(30):
            for j in range(p):
                trial[j] = theta[j] - t * step[j]
            _times(A, trial, z_new)
            loss_new = 0.0
            for i in range(N):
                loss_new += _softplus_neg(z_new[i])
            if quadratic or loss_new <= loss - 1e-4 * t * decrement:
                break
            t *= 0.5
        else:
            return steps  # L no longer falls: the minimiser, as far as rounding goes
        theta[:] = trial
        z[:] = z_new
        loss = loss_new
    return -1


def _newton_minimum(A: np.ndarray, theta: np.ndarray, steps: int):
    """(θ, steps left) at the minimiser of L over the rows of ``A`` from ``theta`` (a copy is
    updated), or (None, 0) when :func:`_newton` found none."""
    theta = np.array(theta, dtype=np.float64)
    left = _newton(np.ascontiguousarray(A), theta, steps)
    return (theta, left) if left >= 0 else (None, 0)


def overlap_certified(X: np.ndarray, y: np.ndarray) -> bool:
    """True when no hyperplane separates the rows of X by their labels y ∈ {0, 1}, proved.

    Newton's method on L(θ) = Σᵢ softplus(−aᵢ·θ) over the rows of :func:`signed_rows`
    (step H⁻¹∇L with H = Σᵢ λᵢ(1 − λᵢ)·aᵢaᵢᵀ, halved until L falls).  At its minimiser, rows
    with λ̂ᵢ = σ(−aᵢ·θ) below ``LAMBDA_FLOOR`` are set aside and the minimiser of the others is
    found again (so that the rows kept have Σ λ̂ᵢ·aᵢ = 0 to rounding, not to the λ̂ set aside);
    when every row left has λ̂ᵢ ≥ ``LAMBDA_FLOOR``, :func:`gordan_bound_holds` decides.  False
    means only "not shown this way": separable rows, rows so nearly separable that the
    minimiser is far away, or columns the bound cannot use.
    """
    A = signed_rows(X, y)
    if A is None:
        return False
    theta = np.zeros(A.shape[1])
    steps = MAX_NEWTON_STEPS
    while A.shape[0] >= A.shape[1]:
        theta, steps = _newton_minimum(A, theta, steps)
        if theta is None:
            return False
        lam = sigmoid(-(A @ theta))
        keep = lam >= LAMBDA_FLOOR
        if keep.all():
            return gordan_bound_holds(A, lam)
        A = A[keep]
    return False


__all__ = ["overlap_certified", "gordan_bound_holds", "signed_rows", "sigmoid", "MAX_NEWTON_STEPS",
           "LAMBDA_FLOOR"]
