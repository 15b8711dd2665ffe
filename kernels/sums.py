"""Sums of a per-sample loss over a linear predictor, with their gradients and Hessians.

The catalog's ``vector`` costs all have the shape

    J(θ) = c(m) · Σᵢ ℓ(zᵢ, yᵢ),    zᵢ = the linear predictor of sample i,

so by the chain rule (∂zᵢ/∂θⱼ = x̃ᵢⱼ, the j-th feature of sample i)

    ∂J/∂θⱼ = c(m) · Σᵢ ℓ′(zᵢ, yᵢ) · x̃ᵢⱼ,    ∂²J/∂θₐ∂θ_b = c(m) · Σᵢ ℓ″(zᵢ, yᵢ) · x̃ᵢₐ · x̃ᵢ_b.

Only ℓ, ℓ′ = ∂ℓ/∂z, ℓ″ = ∂²ℓ/∂z² and c(m) are derived (by SymPy, printed into
``_generated/losses.py`` and the entry's own module); the loops below are written once, here,
for the four ways the catalog builds zᵢ:

============  ===========================  ==============================================
features      parameters                   zᵢ and x̃ᵢ
============  ===========================  ==============================================
affine        θ = (θ₀, θ₁ … θₙ)            θ₀ + Σⱼ θⱼ Xᵢⱼ;  x̃ᵢ = (1, Xᵢ)
wb            (w, b)                       Σⱼ wⱼ Xᵢⱼ + b;  x̃ᵢ = (Xᵢ, 1), order (w₁ … wₙ, b)
polynomial    b = (b₀ … b_d)               Σⱼ bⱼ xᵢʲ;  x̃ᵢ = (1, xᵢ, xᵢ² … xᵢᵈ)
elementwise   q = (q₁ … qₙ)                zᵢ = qᵢ itself (so the Hessian is diagonal)
============  ===========================  ==============================================

plus the signed margin M(w, w0) = Σᵢ yᵢ (wᵀxᵢ + w0)/‖w‖ (its outer function M = U/R and
partials are derived; the aggregates U, R and the chain rule are here) and the models'
predictor ŷᵢ = a(zᵢ) row by row.

Every function that takes compiled functions (ℓ, ℓ′, ℓ″, c, …) as arguments is
``inline="always"``, as in ``_loops.py``: Numba cannot cache a function whose arguments are
other compiled functions, so each generated module defines small cached ``f``/``grad``/``hess``
that call these loops with its own ℓ and c, and the inlining turns the calls into direct
calls.  The generated modules carry a hash of this file, so a change here fails the drift
test until ``gradspec generate`` is run.
"""

import math

import numpy as np

from ._jit import jit


# -- the linear predictors (plain kernels: no function arguments) -----------------------------
@jit
def _z_affine(theta, X, i):
    """zᵢ = θ₀ + Σⱼ θⱼ₊₁ Xᵢⱼ (0-based: θ[0] is the intercept)."""
    zi = theta[0]
    for j in range(X.shape[1]):
        zi += theta[j + 1] * X[i, j]
    return zi


@jit
def _z_wb(w, b, X, i):
    """zᵢ = Σⱼ wⱼ Xᵢⱼ + b (the sum starts from b)."""
    zi = b
    for j in range(X.shape[1]):
        zi += w[j] * X[i, j]
    return zi


@jit
def _z_polynomial(b, xi):
    """zᵢ = Σⱼ bⱼ xᵢʲ, the powers formed by repeated multiplication."""
    zi = 0.0
    p = 1.0
    for j in range(b.shape[0]):
        zi += b[j] * p
        p *= xi
    return zi


# -- affine: zᵢ = θ₀ + Σⱼ θⱼ Xᵢⱼ ----------------------------------------------------------------
@jit(inline="always")
def affine_value(loss, scale, theta, X, y):
    """J(θ) = c(m) Σᵢ ℓ(zᵢ, yᵢ)."""
    m = X.shape[0]
    acc = 0.0
    for i in range(m):
        acc += loss(_z_affine(theta, X, i), y[i])
    return scale(m) * acc


@jit(inline="always")
def affine_grad(loss_dz, scale, theta, X, y):
    """∂J/∂θⱼ = c(m) Σᵢ ℓ′(zᵢ, yᵢ) x̃ᵢⱼ, x̃ᵢ = (1, Xᵢ); an array of n + 1."""
    m, n = X.shape
    g = np.zeros(n + 1)
    for i in range(m):
        di = loss_dz(_z_affine(theta, X, i), y[i])
        g[0] += di
        for j in range(n):
            g[j + 1] += di * X[i, j]
    return g * scale(m)


@jit(inline="always")
def affine_hess(loss_dz2, scale, theta, X, y):
    """∂²J/∂θₐ∂θ_b = c(m) Σᵢ ℓ″(zᵢ, yᵢ) x̃ᵢₐ x̃ᵢ_b; an (n + 1)×(n + 1) array."""
    m, n = X.shape
    h = np.zeros((n + 1, n + 1))
    for i in range(m):
        di = loss_dz2(_z_affine(theta, X, i), y[i])
        for a in range(n + 1):
            xa = 1.0 if a == 0 else X[i, a - 1]
            for b in range(n + 1):
                xb = 1.0 if b == 0 else X[i, b - 1]
                h[a, b] += di * xa * xb
    return h * scale(m)


# -- wb: zᵢ = Σⱼ wⱼ Xᵢⱼ + b -----------------------------------------------------------------
@jit(inline="always")
def wb_value(loss, scale, w, b, X, y):
    """J(w, b) = c(m) Σᵢ ℓ(zᵢ, yᵢ)."""
    m = X.shape[0]
    acc = 0.0
    for i in range(m):
        acc += loss(_z_wb(w, b, X, i), y[i])
    return scale(m) * acc


@jit(inline="always")
def wb_grad(loss_dz, scale, w, b, X, y):
    """(∂J/∂w, ∂J/∂b) = c(m) Σᵢ ℓ′(zᵢ, yᵢ) (Xᵢ, 1); an array of n and a float."""
    m, n = X.shape
    gw = np.zeros(n)
    gb = 0.0
    for i in range(m):
        di = loss_dz(_z_wb(w, b, X, i), y[i])
        gb += di
        for j in range(n):
            gw[j] += di * X[i, j]
    c = scale(m)
    return gw * c, gb * c


@jit(inline="always")
def wb_hess(loss_dz2, scale, w, b, X, y):
    """c(m) Σᵢ ℓ″(zᵢ, yᵢ) (Xᵢ, 1)(Xᵢ, 1)ᵀ, in the order (w₁ … wₙ, b)."""
    m, n = X.shape
    h = np.zeros((n + 1, n + 1))
    for i in range(m):
        di = loss_dz2(_z_wb(w, b, X, i), y[i])
        for a in range(n + 1):
            xa = 1.0 if a == n else X[i, a]
            for c in range(n + 1):
                xc = 1.0 if c == n else X[i, c]
                h[a, c] += di * xa * xc
    return h * scale(m)


# -- polynomial: zᵢ = Σⱼ bⱼ xᵢʲ ----------------------------------------------------------------
@jit(inline="always")
def polynomial_value(loss, scale, b, x, y):
    """J(b) = c(m) Σᵢ ℓ(zᵢ, yᵢ)."""
    m = x.shape[0]
    acc = 0.0
    for i in range(m):
        acc += loss(_z_polynomial(b, x[i]), y[i])
    return scale(m) * acc


@jit(inline="always")
def polynomial_grad(loss_dz, scale, b, x, y):
    """∂J/∂bⱼ = c(m) Σᵢ ℓ′(zᵢ, yᵢ) xᵢʲ."""
    m = x.shape[0]
    k = b.shape[0]
    g = np.zeros(k)
    for i in range(m):
        di = loss_dz(_z_polynomial(b, x[i]), y[i])
        p = 1.0
        for j in range(k):
            g[j] += di * p
            p *= x[i]
    return g * scale(m)


@jit(inline="always")
def polynomial_hess(loss_dz2, scale, b, x, y):
    """∂²J/∂bₐ∂b_c = c(m) Σᵢ ℓ″(zᵢ, yᵢ) xᵢᵃ xᵢᶜ."""
    m = x.shape[0]
    k = b.shape[0]
    h = np.zeros((k, k))
    for i in range(m):
        di = loss_dz2(_z_polynomial(b, x[i]), y[i])
        for a in range(k):
            for c in range(k):
                h[a, c] += di * x[i] ** a * x[i] ** c
    return h * scale(m)


# -- elementwise: zᵢ = qᵢ --------------------------------------------------------------------
@jit(inline="always")
def elementwise_value(loss, scale, q, p):
    """c(n) Σᵢ ℓ(qᵢ, pᵢ)."""
    n = q.shape[0]
    acc = 0.0
    for i in range(n):
        acc += loss(q[i], p[i])
    return scale(n) * acc


@jit(inline="always")
def elementwise_grad(loss_dz, scale, q, p):
    """∂/∂qᵢ = c(n) ℓ′(qᵢ, pᵢ): each term depends on its own qᵢ only."""
    n = q.shape[0]
    g = np.empty(n)
    c = scale(n)
    for i in range(n):
        g[i] = c * loss_dz(q[i], p[i])
    return g


@jit(inline="always")
def elementwise_hess(loss_dz2, scale, q, p):
    """The diagonal matrix ∂²/∂qᵢ² = c(n) ℓ″(qᵢ, pᵢ)."""
    n = q.shape[0]
    h = np.zeros((n, n))
    c = scale(n)
    for i in range(n):
        h[i, i] = c * loss_dz2(q[i], p[i])
    return h


# -- the signed margin M(w, w0) = U/R ------------------------------------------------------------
@jit
def _margin_scale(w):
    """(s₁, s₂), powers of 2 with s = s₁·s₂ = 2^−e, e the binary exponent of max|wⱼ|.

    M is homogeneous of degree 0 in (w, w0) (U and R both have degree 1), so it is evaluated
    at (w·s, w0·s), where max|wⱼ·s| ∈ [½, 1): ‖w·s‖ neither underflows nor overflows, and
    U is not lost to underflow when w is tiny (w ≈ 1e-308).  A power of 2 scales exactly; s
    is applied as two factors because for a subnormal w it exceeds the largest double
    (w = 5e-324 needs s = 2^1074).  (1, 1) when w = 0 or is not finite.
    """
    big = 0.0
    for j in range(w.shape[0]):
        big = max(big, abs(w[j]))
    if big == 0.0 or not big <= 1.7976931348623157e308:
        return 1.0, 1.0
    k = -math.frexp(big)[1]
    return math.ldexp(1.0, k // 2), math.ldexp(1.0, k - k // 2)


@jit
def _margin_aggregates(w, w0, X, y, s1, s2):
    """U = Σᵢ yᵢ (ŵᵀxᵢ + ŵ0), R = ‖ŵ‖ and Σᵢ yᵢ at ŵ = w·s₁·s₂, ŵ0 = w0·s₁·s₂."""
    m, n = X.shape
    U = 0.0
    sy = 0.0
    for i in range(m):
        zi = (w0 * s1) * s2
        for j in range(n):
            zi += ((w[j] * s1) * s2) * X[i, j]
        U += y[i] * zi
        sy += y[i]
    R2 = 0.0
    for j in range(n):
        wj = (w[j] * s1) * s2
        R2 += wj * wj
    return U, math.sqrt(R2), sy


@jit(inline="always")
def margin_value(outer, w, w0, X, y):
    """M(w, w0) = outer(U, R), evaluated at the scaled point (degree 0: no rescaling)."""
    s1, s2 = _margin_scale(w)
    U, R, sy = _margin_aggregates(w, w0, X, y, s1, s2)
    return outer(U, R)


@jit(inline="always")
def margin_grad(outer_dU, outer_R_dR, norm_dw, w, w0, X, y):
    """∂M/∂wₖ = ∂M/∂U · Σᵢ yᵢ Xᵢₖ + ∂M/∂R · ∂R/∂wₖ;  ∂M/∂w0 = ∂M/∂U · Σᵢ yᵢ.

    ∂M/∂R · ∂R/∂wₖ is evaluated as (R·∂M/∂R)·(∂R/∂wₖ)/R, never forming R².  Evaluated at
    the scaled point (w·s, w0·s) and multiplied by s: ∇M has degree −1, ∇M(w) = s·∇M(w·s)
    (±inf where that exceeds the largest double).
    """
    m, n = X.shape
    s1, s2 = _margin_scale(w)
    U, R, sy = _margin_aggregates(w, w0, X, y, s1, s2)
    du = outer_dU(U, R)
    rdr = outer_R_dR(U, R)
    gw = np.zeros(n)
    for i in range(m):
        for j in range(n):
            gw[j] += y[i] * X[i, j]
    for j in range(n):
        gw[j] = ((du * gw[j] + rdr * (norm_dw((w[j] * s1) * s2, R) / R)) * s1) * s2
    return gw, ((du * sy) * s1) * s2


# -- the models: ŷᵢ = a(zᵢ) -------------------------------------------------------------------
@jit(inline="always")
def predict(activation, w, b, X):
    """ŷᵢ = a(Σⱼ wⱼ Xᵢⱼ + b) for every row of X."""
    m = X.shape[0]
    out = np.empty(m)
    for i in range(m):
        out[i] = activation(_z_wb(w, b, X, i))
    return out
