"""Fused data kernels: cost and gradient of a linear predictor in one pass over the rows of X.

For the linear predictor zᵢ = θ₀ + Σⱼ θⱼ·Xᵢⱼ and a per-sample loss ℓ(z, y) (from the
generated ``_generated/losses.py``: ``squared_error`` = (z − y)², ``log_loss`` =
softplus(z) − y·z, and their z-derivatives), one pass over the rows computes

    S = Σᵢ ℓ(zᵢ, yᵢ),    Gⱼ = Σᵢ ℓ'(zᵢ, yᵢ)·x̃ᵢⱼ   (x̃ᵢ = (1, Xᵢ), the chain rule ∂zᵢ/∂θⱼ = x̃ᵢⱼ),

and the cost is J = c·S with ∇J = c·G for the convention's constant c (1/(2m), 1/m or 1 for
squared error; 1/m for the log-loss).  Nothing is allocated inside the iteration loop; X is
read once per iteration.

How a pass is organised (the speed levers):

* rows are processed in fixed blocks of ``BLOCK`` rows; each block writes its own partial
  cost and partial-gradient row, and the partials are summed in block order afterwards.  The
  serial and the ``prange`` pass run the *same* blocks and sum in the *same* order, so they
  give bit-identical results whatever the number of threads (no ``g[j] +=`` across prange
  iterations);
* inside a block, sub-blocks of ``SUB`` rows: (1) zᵢ for four rows at a time, interleaved so
  four independent dot-product chains run side by side (each row's sum is still the plain
  left-to-right θ₀ + θ₁Xᵢ₁ + … + θₙXᵢₙ, bit for bit); (2) ℓ and ℓ' for the sub-block in a loop
  without reductions, which LLVM vectorises (the exp and log1p of ``_stable`` are branch-free
  arithmetic for this reason); (3) the cost and gradient sums, four rows per sweep over j.

No ``fastmath`` anywhere: NaN and inf keep their meaning, which the drivers rely on to report
divergence.
"""

import numpy as np
from numba import prange

from ._generated import losses
from ._jit import jit
from .reasons import CONVERGED, DIVERGED, MAX_ITERATIONS

# The generated per-sample terms, recompiled from their own (generated) source with Numba-level
# inlining: LLVM will not inline the log-loss (exp and log1p in plain arithmetic make it large)
# into the loop, and a call inside the loop stops the loop from being vectorised.
squared_error = jit(inline="always")(losses.squared_error.py_func)
squared_error_dz = jit(inline="always")(losses.squared_error_dz.py_func)
log_loss = jit(inline="always")(losses.log_loss.py_func)
log_loss_dz = jit(inline="always")(losses.log_loss_dz.py_func)

#: Model kinds understood by the kernels.
LINEAR = 0
LOGISTIC = 1

#: Rows per parallel block (fixed, so results do not depend on the thread count).
BLOCK = 2048
#: Rows per sub-block whose z, ℓ and ℓ' are buffered.
SUB = 64

# The status codes :func:`descend` writes (``CONVERGED``, ``MAX_ITERATIONS``, ``DIVERGED``) are
# the reason codes of :mod:`gradspec.kernels.reasons`, compiled in as constants.

#: A cost this many times its starting value counts as divergence (besides inf/NaN).
DIVERGE_FACTOR = 1e16


@jit
def _scaled_norm(v):
    """‖v‖₂ as max|vⱼ|·sqrt(Σ (vⱼ/max|vⱼ|)²): finite whenever ‖v‖₂ ≤ 1.8e308 (the plain sum of
    squares overflows from |vⱼ| ≈ 1.3e154); inf or NaN when a component is."""
    big = 0.0
    for j in range(v.shape[0]):
        a = abs(v[j])
        if not a <= big:  # also takes NaN, which then propagates
            big = a
    if big == 0.0 or not np.isfinite(big):
        return big
    s = 0.0
    for j in range(v.shape[0]):
        t = v[j] / big
        s += t * t
    return big * np.sqrt(s)


@jit
def _block(kind, X, y, theta, r0, r1, g, buf):
    """Sums over rows r0 ≤ i < r1: returns (Σ ℓ(zᵢ, yᵢ), misclassified count); g ← Σ ℓ'(zᵢ, yᵢ)·x̃ᵢ.

    The count (logistic only) is the number of rows *not* strictly on their label's side,
    i.e. with zᵢ ≤ 0 for yᵢ = 1 or zᵢ ≥ 0 for yᵢ = 0; it is 0 exactly when θ separates the
    rows.  ``buf`` is a (3, SUB) scratch array owned by this block.
    """
    n = X.shape[1]
    for j in range(n + 1):
        g[j] = 0.0
    t0 = theta[0]
    zb = buf[0]
    lb = buf[1]
    db = buf[2]
    c0 = 0.0
    c1 = 0.0
    c2 = 0.0
    c3 = 0.0
    h0 = 0.0
    h1 = 0.0
    h2 = 0.0
    h3 = 0.0
    bad = 0
    for s0 in range(r0, r1, SUB):
        cnt = min(SUB, r1 - s0)
        # (1) the linear predictor, four independent rows per sweep over j.
        k = 0
        while k + 4 <= cnt:
            i = s0 + k
            z0 = t0
            z1 = t0
            z2 = t0
            z3 = t0
            for j in range(n):
                tj = theta[j + 1]
                z0 += tj * X[i, j]
                z1 += tj * X[i + 1, j]
                z2 += tj * X[i + 2, j]
                z3 += tj * X[i + 3, j]
            zb[k] = z0
            zb[k + 1] = z1
            zb[k + 2] = z2
            zb[k + 3] = z3
            k += 4
        while k < cnt:
            i = s0 + k
            z0 = t0
            for j in range(n):
                z0 += theta[j + 1] * X[i, j]
            zb[k] = z0
            k += 1
        # (2) the per-sample terms from the generated losses: no reduction, vectorisable.
        if kind == LINEAR:
            for k in range(cnt):
                lb[k] = squared_error(zb[k], y[s0 + k])
                db[k] = squared_error_dz(zb[k], y[s0 + k])
        else:
            for k in range(cnt):
                lb[k] = log_loss(zb[k], y[s0 + k])
                db[k] = log_loss_dz(zb[k], y[s0 + k])
            for k in range(cnt):
                zk = zb[k]
                pos = y[s0 + k] > 0.5
                bad += (zk <= 0.0) if pos else (zk >= 0.0)
        # (3) cost and gradient sums, four rows per sweep over j (row order kept per j).
        k = 0
        while k + 4 <= cnt:
            i = s0 + k
            d0 = db[k]
            d1 = db[k + 1]
            d2 = db[k + 2]
            d3 = db[k + 3]
            c0 += lb[k]
            c1 += lb[k + 1]
            c2 += lb[k + 2]
            c3 += lb[k + 3]
            h0 += d0
            h1 += d1
            h2 += d2
            h3 += d3
            for j in range(n):
                g[j + 1] = g[j + 1] + d0 * X[i, j] + d1 * X[i + 1, j] + d2 * X[i + 2, j] + (
                    d3 * X[i + 3, j]
                )
            k += 4
        while k < cnt:
            i = s0 + k
            d0 = db[k]
            c0 += lb[k]
            h0 += d0
            for j in range(n):
                g[j + 1] += d0 * X[i, j]
            k += 1
    g[0] = (h0 + h1) + (h2 + h3)
    return (c0 + c1) + (c2 + c3), bad


@jit(parallel=True)
def _blocks_parallel(kind, X, y, theta, gpart, cpart, bpart, bufs):
    """Every block's partial sums, blocks spread over the threads (each owns its row)."""
    m = X.shape[0]
    for b in prange(gpart.shape[0]):
        r0 = b * BLOCK
        r1 = min(m, r0 + BLOCK)
        c, bad = _block(kind, X, y, theta, r0, r1, gpart[b], bufs[b])
        cpart[b] = c
        bpart[b] = bad


@jit
def _blocks_serial(kind, X, y, theta, gpart, cpart, bpart, bufs):
    """Every block's partial sums, one block after another (same blocks as the parallel pass)."""
    m = X.shape[0]
    for b in range(gpart.shape[0]):
        r0 = b * BLOCK
        r1 = min(m, r0 + BLOCK)
        c, bad = _block(kind, X, y, theta, r0, r1, gpart[b], bufs[b])
        cpart[b] = c
        bpart[b] = bad


@jit
def n_blocks(m):
    """Number of row blocks for m rows (at least 1)."""
    return max(1, (m + BLOCK - 1) // BLOCK)


@jit
def _pass(kind, parallel, X, y, theta, g, gpart, cpart, bpart, bufs):
    """One pass: g ← Σᵢ ℓ'(zᵢ, yᵢ)·x̃ᵢ; returns (Σᵢ ℓ(zᵢ, yᵢ), misclassified count)."""
    if parallel:
        _blocks_parallel(kind, X, y, theta, gpart, cpart, bpart, bufs)
    else:
        _blocks_serial(kind, X, y, theta, gpart, cpart, bpart, bufs)
    nb = gpart.shape[0]
    p = g.shape[0]
    for j in range(p):
        g[j] = 0.0
    s = 0.0
    bad = 0
    for b in range(nb):
        s += cpart[b]
        bad += bpart[b]
        for j in range(p):
            g[j] += gpart[b, j]
    return s, bad


@jit
def cost_grad_sums(kind, parallel, X, y, theta, g):
    """S = Σᵢ ℓ(zᵢ, yᵢ) and g ← Σᵢ ℓ'(zᵢ, yᵢ)·x̃ᵢ in one pass; returns (S, misclassified count).

    Unscaled sums (multiply by the convention's c for J and ∇J), so that partial results over
    row chunks add up — the per-chunk work of a distributed fit.  ``kind`` is ``LINEAR``
    (ℓ = (z − y)²) or ``LOGISTIC`` (ℓ = softplus(z) − y·z).
    """
    m, n = X.shape
    nb = n_blocks(m)
    gpart = np.empty((nb, n + 1))
    cpart = np.empty(nb)
    bpart = np.empty(nb, dtype=np.int64)
    bufs = np.empty((nb, 3, SUB))
    return _pass(kind, parallel, X, y, theta, g, gpart, cpart, bpart, bufs)


@jit
def descend(kind, parallel, X, y, theta, alpha, c, num_iterations, tol, cost_hist, path, fout,
            iout):
    """Batch gradient descent θ ← θ − α·∇J(θ) with J = c·Σᵢ ℓ(zᵢ, yᵢ), fused passes.

    Parameters
    ----------
    kind, parallel : int, bool
        ``LINEAR`` or ``LOGISTIC``; serial or ``prange`` passes (same result, bit for bit).
    X, y : float64 arrays (m, n) and (m,), C-contiguous.
    theta : float64 (n + 1,)
        The start θ₀; overwritten with the result (θ[0] the intercept).
    alpha, c : float
        Learning rate and the cost convention's constant.
    num_iterations : int
        Maximum number of updates.
    tol : float
        Stop when ‖∇J(θ)‖₂ ≤ tol; a negative tol never stops early (exactly
        ``num_iterations`` updates, as the labs run).
    cost_hist : float64 (num_iterations + 1,)
        Receives J(θ_k) for k = 0 … n_iter.
    path : float64 (rows, n + 1)
        Receives θ_k when it has rows (rows = num_iterations + 1), else untouched.
    fout : float64 (2,)
        Receives the final J and ‖∇J‖₂.
    iout : int64 (4,)
        Receives n_iter (updates made), status (``MAX_ITERATIONS``, ``CONVERGED``,
        ``DIVERGED``), the iteration where divergence appeared (or −1), and the first iterate
        k whose θ_k strictly separates the classes (logistic; −1 if none).

    An exactly zero gradient stops with ``CONVERGED`` whatever ``tol`` is (every further step
    would be zero).  On divergence (J or ∇J not finite, or J > ``DIVERGE_FACTOR``·J(θ₀) > 0 at
    the iterate θ_k made by step k) θ_k is refused: θ is θ_(k−1), n_iter = k − 1, the event
    is k (0 when the start itself is non-finite) and the final gradient norm is NaN.
    One pass per iterate: n_iter + 1 passes in all, the last
    giving the cost and gradient norm of the returned θ.
    """
    m, n = X.shape
    p = n + 1
    nb = n_blocks(m)
    gpart = np.empty((nb, p))
    cpart = np.empty(nb)
    bpart = np.empty(nb, dtype=np.int64)
    bufs = np.empty((nb, 3, SUB))
    g = np.empty(p)
    prev = theta.copy()
    record = path.shape[0] > 0
    if record:
        for j in range(p):
            path[0, j] = theta[j]
    status = MAX_ITERATIONS
    event = -1
    sep_at = -1
    j0 = 0.0
    cost = 0.0
    gnorm = 0.0
    it = 0
    while True:
        s, bad = _pass(kind, parallel, X, y, theta, g, gpart, cpart, bpart, bufs)
        cost = c * s
        g2 = 0.0
        for j in range(p):
            g[j] *= c
            g2 += g[j] * g[j]
        gnorm = np.sqrt(g2)
        if gnorm == np.inf:
            gnorm = _scaled_norm(g)  # Σ gⱼ² overflowed although every gⱼ may be finite
        cost_hist[it] = cost
        if it == 0:
            j0 = cost
        if not (np.isfinite(cost) and np.isfinite(gnorm)) or (
            j0 > 0.0 and cost > DIVERGE_FACTOR * j0
        ):
            status = DIVERGED
            event = it
            if it > 0:
                # Refuse θ_it: return the last iterate whose cost was accepted.
                for j in range(p):
                    theta[j] = prev[j]
                it -= 1
                cost = cost_hist[it]
                gnorm = np.nan
            break
        if kind == LOGISTIC and bad == 0 and sep_at < 0:
            sep_at = it
        if gnorm == 0.0 or (tol >= 0.0 and gnorm <= tol):
            status = CONVERGED
            break
        if it >= num_iterations:
            break
        for j in range(p):
            prev[j] = theta[j]
            theta[j] -= alpha * g[j]
        it += 1
        if record:
            for j in range(p):
                path[it, j] = theta[j]
    fout[0] = cost
    fout[1] = gnorm
    iout[0] = it
    iout[1] = status
    iout[2] = event
    iout[3] = sep_at
