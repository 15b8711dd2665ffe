"""Compiled forward and backward passes of a fully connected network, and its epoch loop.

Layout.  The parameters of layers l = 1 … L live in one flat float64 vector ``theta``: for
each layer Wˡ (nˡ⁻¹ × nˡ, row-major, scikit-learn's ``coefs_`` layout) at ``woff[l]`` and
bˡ (nˡ) at ``boff[l]``.  The gradient has the same layout.  A batch of ``nb`` rows keeps its
activations aˡ (nb rows of stride sˡ, nˡ rounded up to whole four-lane vectors; the output
layer's *logits* zᴸ) in one work vector, and its deltas δˡ in a second one with the same
offsets (:func:`layout`), so a fit allocates its buffers once, before the first epoch.

One pass per batch (:func:`batch_gradient`): forward zˡ = aˡ⁻¹Wˡ + bˡ, aˡ = g(zˡ); the
per-row loss from the logits in stable form; δᴸ in closed form; then the recurrence
δˡ = (δˡ⁺¹Wˡ⁺¹ᵀ) ⊙ g′(zˡ), ∂J/∂Wˡ = aˡ⁻¹ᵀδˡ, ∂J/∂bˡ = Σᵢ δˡᵢ (the factor 1/nb is in δᴸ).
The matrix products are register tiles of explicit four-lane vectors (:mod:`._simd`), 4 rows ×
8 columns accumulated over the whole inner dimension with one fused multiply-add per term: no
BLAS call, so no thread pool competing with other work, the same arithmetic in the same order
on every run and every machine, and no call overhead on small batches.

The forms, each proved by SymPy (``gradspec.symbolic.verifier.backprop``), written in the
activation a = g(z) so no zˡ is stored: σ′ = a(1 − a), tanh′ = 1 − a², relu′ = [a > 0]
(= [z > 0]), identity′ = 1; δᴸ = 2(a − y) (identity + MSE), 2(a − y)·a(1 − a) (sigmoid +
MSE), σ(z) − y (sigmoid + log-loss), q − p (softmax + cross-entropy), qₖ(gₖ − Σⱼ qⱼgⱼ) with
g = 2(q − p) (softmax + MSE).  Stable losses from the logits: log-loss
y·softplus(−z) + (1 − y)·softplus(z); cross-entropy logsumexp(z)·Σp − Σ pₖzₖ with the
maximum subtracted before exp — finite and correct for logits of ±1000.
"""

import math

import numpy as np
from numba import prange

from . import reasons
from ._jit import jit
from ._simd import add4, div4, fma4, load4, splat4, store4
from ._stable import exp, sigmoid, softplus, tanh  # tanh: the hidden layers' activation

#: The one floating-point licence of the matrix-product loops: in the scalar loops of narrow
#: layers (fewer than 4 units) a product followed by a sum may be computed as one fused
#: multiply-add (rounded once instead of twice), as the vector tiles do explicitly (``fma4``).
#: Nothing else of ``fastmath``: NaN and inf keep their meaning, and the order of every sum
#: stays as written, so results are the same on every run; ``tests/test_network.py`` bounds
#: every product against the exact one.
CONTRACT = {"contract"}

# Activation codes (hidden layers) and output/cost codes.
IDENTITY, SIGMOID, TANH, RELU = 0, 1, 2, 3
ACTIVATION_CODES = {"identity": IDENTITY, "sigmoid": SIGMOID, "tanh": TANH, "relu": RELU}
#: (output, cost) → the loop's code.  Binary cross-entropy with a sigmoid output is log-loss.
ID_MSE, SIG_MSE, SIG_LOG, SOFT_MSE, SOFT_CE = 0, 1, 2, 3, 4
OUTPUT_CODES = {
    ("identity", "mse"): ID_MSE,
    ("sigmoid", "mse"): SIG_MSE,
    ("sigmoid", "log_loss"): SIG_LOG,
    ("sigmoid", "cross_entropy"): SIG_LOG,
    ("softmax", "mse"): SOFT_MSE,
    ("softmax", "cross_entropy"): SOFT_CE,
}


def _stride(n):
    """Row stride of a layer of ``n`` units in the pass buffers: n rounded up to a multiple of
    4 (whole four-lane vectors), except narrow layers (n < 4), which keep their width."""
    return n if n < 4 else (n + 3) // 4 * 4


def _up(a):
    """``a`` rounded up to a multiple of 8 float64 (a 64-byte cache line)."""
    return (a + 7) // 8 * 8


#: Rows of :func:`layout`'s plan.
_OFF, _STRIDE, _PW, _PB, _WT = 0, 1, 2, 3, 4


def layout(sizes, batch):
    """Offsets of the parameters and the plan of a pass's buffers.

    Layer l's activations aˡ (and deltas δˡ, in a second buffer with the same offsets) are
    kept ``nb`` rows × sˡ columns, sˡ = nˡ rounded up to a multiple of 4 (:func:`_stride`), so
    the matrix products run on whole four-lane vectors; the extra columns hold g(0) and 0 and
    are never read as results.  A layer with sˡ > nˡ computes with padded copies of Wˡ
    (nˡ⁻¹ × sˡ) and bˡ (sˡ), zero in the extra columns, and gathers its weight and bias
    gradients in padded form in the delta buffer.  Every region starts on a cache line.

    Returns
    -------
    woff, boff : (L + 1,) int64
        Where Wˡ and bˡ start in ``theta`` (index 0 unused).
    plan : (5, L + 1) int64
        Per layer l ≥ 1: ``plan[0, l]`` offset of the ``batch`` rows of aˡ (δˡ);
        ``plan[1, l]`` the row stride sˡ; ``plan[2, l]``, ``plan[3, l]`` offsets of the padded
        Wˡ, bˡ (of their gradients in the delta buffer), −1 when sˡ = nˡ; ``plan[4, l]``
        (l ≥ 2) offset of Wˡᵀ for the backward pass, (nˡ + 1) × sˡ⁻¹: zero beyond column
        nˡ⁻¹, and a last row of zeros (the zero bias of :func:`_affine_vec`).
    n_params, n_work : int
        Sizes of ``theta`` and of each of the two pass buffers.
    """
    sizes = [int(s) for s in sizes]
    L = len(sizes) - 1
    woff = np.zeros(L + 1, dtype=np.int64)
    boff = np.zeros(L + 1, dtype=np.int64)
    plan = np.full((5, L + 1), -1, dtype=np.int64)
    p = a = 0
    for layer in range(1, L + 1):
        woff[layer] = p
        p += sizes[layer - 1] * sizes[layer]
        boff[layer] = p
        p += sizes[layer]
        stride = _stride(sizes[layer])
        plan[_OFF, layer] = a
        plan[_STRIDE, layer] = stride
        a = _up(a + batch * stride)
    for layer in range(1, L + 1):
        stride = plan[_STRIDE, layer]
        if stride != sizes[layer]:
            plan[_PW, layer] = a
            a = _up(a + sizes[layer - 1] * stride)
            plan[_PB, layer] = a
            a = _up(a + stride)
        if layer >= 2:
            plan[_WT, layer] = a
            a = _up(a + (sizes[layer] + 1) * plan[_STRIDE, layer - 1])
    return woff, boff, plan, p, a


@jit(inline="always")
def _activate(z, code):
    """a = g(z) in place over the 1-D ``z`` (a block's pre-activations, row after row): one
    flat loop per activation, which LLVM vectorises (:func:`tanh`, ``sigmoid`` are
    branch-free), over a block that is still in L1 after :func:`_affine` wrote it."""
    if code == SIGMOID:
        for p in range(z.size):
            z[p] = sigmoid(z[p])
    elif code == TANH:
        for p in range(z.size):
            z[p] = tanh(z[p])
    elif code == RELU:
        for p in range(z.size):
            z[p] = z[p] if z[p] > 0.0 else 0.0



# -- matrix products on four-lane vectors -----------------------------------------------------
#
# A tile is 4 rows (of Z or Dprev; of G: 4 of its rows k) × 8 columns, or 8 rows × the last 4
# columns of a stride that is not a multiple of 8, held in eight vector registers for the whole
# inner dimension, each step one fused multiply-add (``fma4``, rounded once) of a broadcast
# scalar and a row of weights (or of deltas).  Four rows, not eight, in the main tile: each row
# is read through its own pointer, and eight of them do not fit the integer registers.  Every
# entry still receives its terms in the order of the inner index, so the tiling (and the rows
# left over, done one at a time) changes no bit of any result.


@jit(inline="always")
def _affine_tile(A, i, n_in, W, b, Z, j):
    """Z[i … i + 3, j … j + 7] = A[i … i + 3, :n_in] W[:, j … j + 7] + b[j … j + 7].

    Four rows (four row pointers: eight would not fit the integer registers beside the
    loop's own) × two vectors of W per step."""
    s = Z.shape[1]
    u0 = u1 = u2 = u3 = load4(b, j)
    v0 = v1 = v2 = v3 = load4(b, j + 4)
    for k in range(n_in):
        wu = load4(W, k * s + j)
        wv = load4(W, k * s + j + 4)
        a = splat4(A[i, k])
        u0 = fma4(a, wu, u0)
        v0 = fma4(a, wv, v0)
        a = splat4(A[i + 1, k])
        u1 = fma4(a, wu, u1)
        v1 = fma4(a, wv, v1)
        a = splat4(A[i + 2, k])
        u2 = fma4(a, wu, u2)
        v2 = fma4(a, wv, v2)
        a = splat4(A[i + 3, k])
        u3 = fma4(a, wu, u3)
        v3 = fma4(a, wv, v3)
    p = i * s + j
    store4(Z, p, u0)
    store4(Z, p + 4, v0)
    store4(Z, p + s, u1)
    store4(Z, p + s + 4, v1)
    store4(Z, p + 2 * s, u2)
    store4(Z, p + 2 * s + 4, v2)
    store4(Z, p + 3 * s, u3)
    store4(Z, p + 3 * s + 4, v3)


@jit(inline="always")
def _affine_row(A, r, n_in, W, b, Z, j):
    """Z[r, j … j + 3] = A[r, :n_in] W[:, j … j + 3] + b[j … j + 3]."""
    s = Z.shape[1]
    z = load4(b, j)
    for k in range(n_in):
        z = fma4(splat4(A[r, k]), load4(W, k * s + j), z)
    store4(Z, r * s + j, z)


@jit(inline="always")
def _affine_strip(A, i, n_in, W, b, Z, j):
    """Z[i … i + 7, j … j + 3] = A[i … i + 7, :n_in] W[:, j … j + 3] + b[j … j + 3] (the last
    four columns of a stride that is not a multiple of 8: eight sums in flight)."""
    s = Z.shape[1]
    z0 = z1 = z2 = z3 = z4 = z5 = z6 = z7 = load4(b, j)
    for k in range(n_in):
        w = load4(W, k * s + j)
        z0 = fma4(splat4(A[i, k]), w, z0)
        z1 = fma4(splat4(A[i + 1, k]), w, z1)
        z2 = fma4(splat4(A[i + 2, k]), w, z2)
        z3 = fma4(splat4(A[i + 3, k]), w, z3)
        z4 = fma4(splat4(A[i + 4, k]), w, z4)
        z5 = fma4(splat4(A[i + 5, k]), w, z5)
        z6 = fma4(splat4(A[i + 6, k]), w, z6)
        z7 = fma4(splat4(A[i + 7, k]), w, z7)
    p = i * s + j
    store4(Z, p, z0)
    store4(Z, p + s, z1)
    store4(Z, p + 2 * s, z2)
    store4(Z, p + 3 * s, z3)
    store4(Z, p + 4 * s, z4)
    store4(Z, p + 5 * s, z5)
    store4(Z, p + 6 * s, z6)
    store4(Z, p + 7 * s, z7)


@jit
def _affine_vec(A, n_in, W, b, Z):
    """Z = A[:, :n_in] W + b for a stride ``Z.shape[1]`` that is a multiple of 4: tiles of
    4 rows × 8 columns; the last 4 columns (if the stride is not a multiple of 8) in tiles
    of 8 rows × 4 columns; the rows left over one row and 4 columns at a time."""
    nb, s = Z.shape
    s8 = s - s % 8
    i = 0
    while i + 4 <= nb:
        for j in range(0, s8, 8):
            _affine_tile(A, i, n_in, W, b, Z, j)
        i += 4
    for r in range(i, nb):
        for j in range(0, s8, 4):
            _affine_row(A, r, n_in, W, b, Z, j)
    if s8 < s:
        i = 0
        while i + 8 <= nb:
            _affine_strip(A, i, n_in, W, b, Z, s8)
            i += 8
        for r in range(i, nb):
            _affine_row(A, r, n_in, W, b, Z, s8)


@jit(inline="always")
def _outer_tile(A, k, D, G, j):
    """G[k … k + 3, j … j + 7] += Σᵢ A[i, k … k + 3]ᵀ D[i, j … j + 7], i in row order."""
    nb = D.shape[0]
    s = G.shape[1]
    p = k * s + j
    u0, v0 = load4(G, p), load4(G, p + 4)
    u1, v1 = load4(G, p + s), load4(G, p + s + 4)
    u2, v2 = load4(G, p + 2 * s), load4(G, p + 2 * s + 4)
    u3, v3 = load4(G, p + 3 * s), load4(G, p + 3 * s + 4)
    for i in range(nb):
        du = load4(D, i * s + j)
        dv = load4(D, i * s + j + 4)
        a = splat4(A[i, k])
        u0 = fma4(a, du, u0)
        v0 = fma4(a, dv, v0)
        a = splat4(A[i, k + 1])
        u1 = fma4(a, du, u1)
        v1 = fma4(a, dv, v1)
        a = splat4(A[i, k + 2])
        u2 = fma4(a, du, u2)
        v2 = fma4(a, dv, v2)
        a = splat4(A[i, k + 3])
        u3 = fma4(a, du, u3)
        v3 = fma4(a, dv, v3)
    store4(G, p, u0)
    store4(G, p + 4, v0)
    store4(G, p + s, u1)
    store4(G, p + s + 4, v1)
    store4(G, p + 2 * s, u2)
    store4(G, p + 2 * s + 4, v2)
    store4(G, p + 3 * s, u3)
    store4(G, p + 3 * s + 4, v3)


@jit(inline="always")
def _outer_row(A, k, D, G, j):
    """G[k, j … j + 3] += Σᵢ A[i, k] D[i, j … j + 3], i in row order."""
    s = G.shape[1]
    g = load4(G, k * s + j)
    for i in range(D.shape[0]):
        g = fma4(splat4(A[i, k]), load4(D, i * s + j), g)
    store4(G, k * s + j, g)


@jit(inline="always")
def _outer_strip(A, k, D, G, j):
    """G[k … k + 7, j … j + 3] += Σᵢ A[i, k … k + 7]ᵀ D[i, j … j + 3], i in row order (the
    last four columns of a stride that is not a multiple of 8: eight sums in flight)."""
    nb = D.shape[0]
    s = G.shape[1]
    p = k * s + j
    g0 = load4(G, p)
    g1 = load4(G, p + s)
    g2 = load4(G, p + 2 * s)
    g3 = load4(G, p + 3 * s)
    g4 = load4(G, p + 4 * s)
    g5 = load4(G, p + 5 * s)
    g6 = load4(G, p + 6 * s)
    g7 = load4(G, p + 7 * s)
    for i in range(nb):
        d = load4(D, i * s + j)
        g0 = fma4(splat4(A[i, k]), d, g0)
        g1 = fma4(splat4(A[i, k + 1]), d, g1)
        g2 = fma4(splat4(A[i, k + 2]), d, g2)
        g3 = fma4(splat4(A[i, k + 3]), d, g3)
        g4 = fma4(splat4(A[i, k + 4]), d, g4)
        g5 = fma4(splat4(A[i, k + 5]), d, g5)
        g6 = fma4(splat4(A[i, k + 6]), d, g6)
        g7 = fma4(splat4(A[i, k + 7]), d, g7)
    store4(G, p, g0)
    store4(G, p + s, g1)
    store4(G, p + 2 * s, g2)
    store4(G, p + 3 * s, g3)
    store4(G, p + 4 * s, g4)
    store4(G, p + 5 * s, g5)
    store4(G, p + 6 * s, g6)
    store4(G, p + 7 * s, g7)


@jit
def _outer_vec(A, n_in, D, G):
    """G += A[:, :n_in]ᵀ D for a stride ``G.shape[1]`` (= ``D.shape[1]``) multiple of 4:
    tiles of 4 rows of G × 8 columns; the last 4 columns (if the stride is not a multiple of
    8) in tiles of 8 rows × 4 columns; the rows of G left over one row and 4 columns at a
    time."""
    s = G.shape[1]
    s8 = s - s % 8
    k = 0
    while k + 4 <= n_in:
        for j in range(0, s8, 8):
            _outer_tile(A, k, D, G, j)
        k += 4
    for kk in range(k, n_in):
        for j in range(0, s8, 4):
            _outer_row(A, kk, D, G, j)
    if s8 < s:
        k = 0
        while k + 8 <= n_in:
            _outer_strip(A, k, D, G, s8)
            k += 8
        for kk in range(k, n_in):
            _outer_row(A, kk, D, G, s8)


# -- the products, whatever the widths ----------------------------------------------------------


@jit(inline="always")
def _bias_sum(D, n_out, gb):
    """gb[j] += Σᵢ D[i, j] (the bias gradient), the rows added in order: four columns per
    vector when the stride is a multiple of 4 (gb then has the stride's length)."""
    nb, s = D.shape
    if s % 4 == 0:
        for j in range(0, s, 4):
            g = load4(gb, j)
            for i in range(nb):
                g = add4(g, load4(D, i * s + j))
            store4(gb, j, g)
    else:
        for i in range(nb):
            for j in range(n_out):
                gb[j] += D[i, j]


@jit(fastmath=CONTRACT)
def _affine(A, n_in, W, b, Z):
    """Z = A[:, :n_in] W + b.

    Each zᵢⱼ is bⱼ + Σₖ aᵢₖwₖⱼ added in k order, one fused multiply-add per term.  Strides
    that are a multiple of 4: the vector tiles (:func:`_affine_vec`).  Narrow layers (fewer
    than 4 units, where a vector along a row of W would be mostly empty): scalar dot products
    held in registers, four rows at a time so that four independent sums are in flight.
    """
    nb, n_out = Z.shape
    if n_out % 4 == 0:
        _affine_vec(A, n_in, W, b, Z)
        return
    i = 0
    while i + 4 <= nb:
        for j in range(n_out):
            s0 = s1 = s2 = s3 = b[j]
            for k in range(n_in):
                w = W[k, j]
                s0 += A[i, k] * w
                s1 += A[i + 1, k] * w
                s2 += A[i + 2, k] * w
                s3 += A[i + 3, k] * w
            Z[i, j] = s0
            Z[i + 1, j] = s1
            Z[i + 2, j] = s2
            Z[i + 3, j] = s3
        i += 4
    for r in range(i, nb):
        for j in range(n_out):
            s = b[j]
            for k in range(n_in):
                s += A[r, k] * W[k, j]
            Z[r, j] = s


@jit(fastmath=CONTRACT)
def _outer_sum(A, n_in, D, G):
    """G += A[:, :n_in]ᵀ D = Σᵢ aᵢ δᵢᵀ (the weight gradient).

    Each gᵏʲ receives its terms aᵢₖδᵢⱼ one at a time in row order, each one fused
    multiply-add, so the sum does not depend on how the rows are grouped or blocked.  Strides
    that are a multiple of 4: the vector tiles (:func:`_outer_vec`); one column: four rows per
    sweep along k; two or three columns: row after row.
    """
    nb = D.shape[0]
    n_out = G.shape[1]
    if n_out % 4 == 0:
        _outer_vec(A, n_in, D, G)
        return
    i = 0
    if n_out == 1:
        while i + 4 <= nb:
            d0, d1, d2, d3 = D[i, 0], D[i + 1, 0], D[i + 2, 0], D[i + 3, 0]
            for k in range(n_in):
                G[k, 0] = (((G[k, 0] + A[i, k] * d0) + A[i + 1, k] * d1) + A[i + 2, k] * d2
                           ) + A[i + 3, k] * d3
            i += 4
    for r in range(i, nb):
        for k in range(n_in):
            a = A[r, k]
            for j in range(n_out):
                G[k, j] += a * D[r, j]


@jit(fastmath=CONTRACT)
def _back(D, n_out, WT, Aprev, code, Dprev):
    """Dprev = (D[:, :n_out] Wᵀ) ⊙ g′: δˡ⁻¹ from δˡ, with ``WT`` = Wᵀ and a last row of zeros
    ((nˡ + 1) × sˡ⁻¹, rows contiguous, zero beyond nˡ⁻¹).

    Each entry is Σⱼ δᵢⱼwₖⱼ added in j order, then times g′ written in aˡ⁻¹ (the SymPy-proved
    forms).  Strides that are a multiple of 4: the forward product's vector tiles, with D as
    the activations, Wᵀ as the weights and the zero row as the bias (0 + δ₀w₀ is δ₀w₀ rounded
    once); narrow layers: row after row, a product and then fused multiply-adds.
    """
    nb, n_in = Dprev.shape
    if n_in % 4 == 0:
        _affine_vec(D, n_out, WT, WT.reshape(WT.size)[n_out * n_in:], Dprev)  # zero row: bias
    else:
        for i in range(nb):
            d = D[i, 0]
            for k in range(n_in):
                Dprev[i, k] = d * WT[0, k]
            for j in range(1, n_out):
                d = D[i, j]
                for k in range(n_in):
                    Dprev[i, k] += d * WT[j, k]
    for i in range(nb):
        if code == SIGMOID:
            for k in range(n_in):
                Dprev[i, k] *= Aprev[i, k] * (1.0 - Aprev[i, k])
        elif code == TANH:
            for k in range(n_in):
                Dprev[i, k] *= 1.0 - Aprev[i, k] * Aprev[i, k]
        elif code == RELU:
            for k in range(n_in):
                Dprev[i, k] = Dprev[i, k] if Aprev[i, k] > 0.0 else 0.0


@jit
def _prepare_weights(theta, sizes, woff, boff, plan, work):
    """Fill the weight regions of ``work`` (:func:`layout`): the padded Wˡ, bˡ of the layers
    whose width is not a multiple of 4, and every Wˡᵀ (l ≥ 2) — once per batch."""
    L = sizes.size - 1
    for layer in range(1, L + 1):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        s = plan[_STRIDE, layer]
        W = theta[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
        if plan[_PW, layer] >= 0:
            Wp = work[plan[_PW, layer]:plan[_PW, layer] + n_in * s].reshape(n_in, s)
            for k in range(n_in):
                for j in range(n_out):
                    Wp[k, j] = W[k, j]
                for j in range(n_out, s):
                    Wp[k, j] = 0.0
            bp = work[plan[_PB, layer]:plan[_PB, layer] + s]
            for j in range(n_out):
                bp[j] = theta[boff[layer] + j]
            for j in range(n_out, s):
                bp[j] = 0.0
        if layer >= 2:
            sp = plan[_STRIDE, layer - 1]
            WT = work[plan[_WT, layer]:plan[_WT, layer] + (n_out + 1) * sp
                      ].reshape(n_out + 1, sp)
            for j in range(n_out):
                for k in range(n_in):
                    WT[j, k] = W[k, j]
                for k in range(n_in, sp):
                    WT[j, k] = 0.0
            for k in range(sp):
                WT[n_out, k] = 0.0


@jit(inline="always")
def _layer_params(theta, woff, boff, plan, buf, n_in, layer):
    """(W, b) of ``layer`` as the products use them: views of ``theta`` (woff/boff), or the
    padded copies in ``buf`` (plan) when the layer's stride exceeds its width."""
    s = plan[_STRIDE, layer]
    if plan[_PW, layer] >= 0:
        W = buf[plan[_PW, layer]:plan[_PW, layer] + n_in * s].reshape(n_in, s)
        b = buf[plan[_PB, layer]:plan[_PB, layer] + s]
    else:
        W = theta[woff[layer]:woff[layer] + n_in * s].reshape(n_in, s)
        b = theta[boff[layer]:boff[layer] + s]
    return W, b


@jit(inline="always")
def _layer_forward(A, theta, sizes, woff, boff, plan, work, nb, layer):
    """zˡ = aˡ⁻¹Wˡ + bˡ for the ``nb`` rows of ``A`` (= aˡ⁻¹) into the work buffer (view)."""
    n_in = sizes[layer - 1]
    s = plan[_STRIDE, layer]
    W, b = _layer_params(theta, woff, boff, plan, work, n_in, layer)
    Z = work[plan[_OFF, layer]:plan[_OFF, layer] + nb * s].reshape(nb, s)
    _affine(A, n_in, W, b, Z)
    return Z


@jit
def _forward_block(Xb, theta, sizes, woff, boff, plan, act, work):
    """The forward pass of the rows of ``Xb`` with the weights prepared
    (:func:`_prepare_weights`); returns the logits zᴸ (view, ``Xb.shape[0]`` × sᴸ)."""
    nb = Xb.shape[0]
    Z = _layer_forward(Xb, theta, sizes, woff, boff, plan, work, nb, 1)
    for layer in range(2, sizes.size):
        _activate(Z.reshape(Z.size), act)  # aˡ⁻¹ = g(zˡ⁻¹) in place
        Z = _layer_forward(Z, theta, sizes, woff, boff, plan, work, nb, layer)
    return Z


@jit
def forward(Xb, theta, sizes, woff, boff, plan, act, work):
    """The forward pass of the ``Xb.shape[0]`` rows of ``Xb``; returns the logits zᴸ (a view
    of ``Xb.shape[0]`` × sᴸ whose first nᴸ columns are the logits).

    ``work`` holds the activations of at least ``Xb.shape[0]`` rows (:func:`layout`).
    """
    _prepare_weights(theta, sizes, woff, boff, plan, work)
    return _forward_block(Xb, theta, sizes, woff, boff, plan, act, work)


@jit(inline="always")
def _elementwise_loss(z, y, d, out, scale, grad, total):
    """``total`` + Σₚ ℓ(zₚ, yₚ) over the 1-D ``z`` (left holding the losses), δ into ``d``."""
    n = z.size
    if out == ID_MSE:
        for p in range(n):
            r = z[p] - y[p]
            if grad:
                d[p] = scale * 2.0 * r
            z[p] = r * r
    elif out == SIG_MSE:
        for p in range(n):
            a = sigmoid(z[p])
            r = a - y[p]
            if grad:
                d[p] = scale * 2.0 * r * a * (1.0 - a)
            z[p] = r * r
    else:
        for p in range(n):
            zp, yp = z[p], y[p]
            if grad:
                d[p] = scale * (sigmoid(zp) - yp)
            z[p] = yp * softplus(-zp) + (1.0 - yp) * softplus(zp)
    for p in range(n):
        total += z[p]
    return total


@jit(inline="always")
def _row_max(Z, i, k):
    """max(Z[i, 0], …, Z[i, k − 1])."""
    zmax = Z[i, 0]
    for j in range(1, k):
        zmax = Z[i, j] if Z[i, j] > zmax else zmax
    return zmax


@jit
def output_loss(Z, Y, out, D, scale, total):
    """``total`` + Σᵢ ℓ(zᴸᵢ, yᵢ) over the rows of the logits ``Z``; δᴸ·``scale`` into ``D``
    (if D.size; an empty ``D`` is a cost-only pass).  ``Z`` is used as scratch (overwritten).

    ``Z`` and ``D`` may be wider than ``Y`` (the padded stride of :func:`layout`): their extra
    columns are not read as logits, and D's are set to 0.  Elementwise outputs: one flat loop
    over the entries (vectorised: the stable sigmoid and softplus are branch-free; row by row
    when padded) leaves each entry's loss in ``Z`` and its δ in ``D``; the losses are then
    added in entry order.  Softmax, per row, with the maximum zₘ subtracted first:
    zₖ − zₘ ≤ 0, eₖ = exp(zₖ − zₘ) (one flat, vectorised loop over the block), s = Σₖ eₖ ≥ 1,
    qₖ = eₖ/s and −Σₖ pₖ ln qₖ = (Σₖ pₖ) ln s − Σₖ pₖ(zₖ − zₘ), a sum of terms ≥ 0 (no
    cancellation, finite for logits of ±1000).
    """
    nb, s = Z.shape
    k = Y.shape[1]
    grad = D.size > 0
    if out != SOFT_CE and out != SOFT_MSE:
        if s == k:
            return _elementwise_loss(Z.reshape(nb * k), Y.reshape(nb * k), D.reshape(D.size),
                                     out, scale, grad, total)
        for i in range(nb):
            d = D[i, :k] if grad else D.reshape(D.size)
            total = _elementwise_loss(Z[i, :k], Y[i], d, out, scale, grad, total)
            if grad:
                for j in range(k, s):
                    D[i, j] = 0.0
        return total
    E = D if grad else Z  # receives exp(zₖ − zₘ)
    for i in range(nb):
        zmax = _row_max(Z, i, k)
        for j in range(k):
            zs = Z[i, j] - zmax
            if out == SOFT_CE:
                total -= Y[i, j] * zs
            E[i, j] = zs
        for j in range(k, s):
            E[i, j] = 0.0
    e = E.reshape(nb * s)
    for p in range(nb * s):
        e[p] = exp(e[p])
    for i in range(nb):
        se = 0.0
        for j in range(k):
            se += E[i, j]
        if out == SOFT_CE:
            psum = 0.0
            for j in range(k):
                psum += Y[i, j]
            total += psum * math.log(se)
            if grad and s % 4 == 0:  # qₖ = eₖ/s four lanes at a time (E is D, padded rows)
                vs = splat4(se)
                for j in range(0, s, 4):
                    store4(D, i * s + j, div4(load4(D, i * s + j), vs))
                for j in range(k):
                    D[i, j] = scale * (D[i, j] - Y[i, j])
            elif grad:
                for j in range(k):
                    D[i, j] = scale * (E[i, j] / se - Y[i, j])
        else:
            qg = 0.0
            for j in range(k):
                q = E[i, j] / se
                r = q - Y[i, j]
                total += r * r
                qg += q * 2.0 * r
            if grad:
                for j in range(k):
                    q = E[i, j] / se
                    D[i, j] = scale * q * (2.0 * (q - Y[i, j]) - qg)
        if grad:
            for j in range(k, s):
                D[i, j] = 0.0
    return total


#: Rows per block of a pass: a block's activations and deltas (and the weights) stay in the
#: L1/L2 caches from the forward pass to the gradient.  Every sum over rows (:func:`_outer_sum`,
#: the bias sums) adds its terms in row order, so blocking does not change a bit of any result.
BLOCK = 64


@jit
def batch_gradient(Xb, Yb, theta, sizes, woff, boff, plan, act, out, work, delta, grad):
    """One fused pass over a batch: J (the mean loss of its rows) returned, ∇J into ``grad``.

    The rows go through in blocks of :data:`BLOCK` (forward, δᴸ, backward, gradient sums
    for one block before the next), so ``work`` and ``delta`` hold ``min(nb, BLOCK)`` rows
    (:func:`layout`) and the prepared weights; the padded layers' gradients are gathered in
    ``delta`` and copied into ``grad`` at the end.
    """
    nb = Xb.shape[0]
    L = sizes.size - 1
    _prepare_weights(theta, sizes, woff, boff, plan, work)
    grad[:] = 0.0
    for layer in range(1, L + 1):
        if plan[_PW, layer] >= 0:
            s = plan[_STRIDE, layer]
            delta[plan[_PW, layer]:plan[_PW, layer] + sizes[layer - 1] * s] = 0.0
            delta[plan[_PB, layer]:plan[_PB, layer] + s] = 0.0
    sL = plan[_STRIDE, L]
    scale = 1.0 / nb
    total = 0.0
    for r0 in range(0, nb, BLOCK):
        r1 = min(r0 + BLOCK, nb)
        rows = r1 - r0
        Xr = Xb[r0:r1]
        Z = _forward_block(Xr, theta, sizes, woff, boff, plan, act, work)
        D = delta[plan[_OFF, L]:plan[_OFF, L] + rows * sL].reshape(rows, sL)
        total = output_loss(Z, Yb[r0:r1], out, D, scale, total)
        for layer in range(L, 0, -1):
            n_in, n_out = sizes[layer - 1], sizes[layer]
            s = plan[_STRIDE, layer]
            D = delta[plan[_OFF, layer]:plan[_OFF, layer] + rows * s].reshape(rows, s)
            sp = plan[_STRIDE, layer - 1] if layer > 1 else n_in
            if layer > 1:
                Aprev = work[plan[_OFF, layer - 1]:plan[_OFF, layer - 1] + rows * sp
                             ].reshape(rows, sp)
            else:
                Aprev = Xr
            gW, gb = _layer_params(grad, woff, boff, plan, delta, n_in, layer)
            _outer_sum(Aprev, n_in, D, gW)
            _bias_sum(D, n_out, gb)
            if layer > 1:
                WT = work[plan[_WT, layer]:plan[_WT, layer] + (n_out + 1) * sp
                          ].reshape(n_out + 1, sp)
                Dprev = delta[plan[_OFF, layer - 1]:plan[_OFF, layer - 1] + rows * sp
                              ].reshape(rows, sp)
                _back(D, n_out, WT, Aprev, act, Dprev)
    for layer in range(1, L + 1):
        if plan[_PW, layer] >= 0:
            n_in, n_out = sizes[layer - 1], sizes[layer]
            gW, gb = _layer_params(grad, woff, boff, plan, delta, n_in, layer)
            for k in range(n_in):
                for j in range(n_out):
                    grad[woff[layer] + k * n_out + j] = gW[k, j]
            for j in range(n_out):
                grad[boff[layer] + j] = gb[j]
    return total / nb


#: Rows per chunk of a full-batch gradient over many rows.  The chunks are fixed, and their
#: gradients are summed in chunk order, so the result does not depend on how many threads
#: computed the chunks: serial and parallel runs are bit-identical.
CHUNK = 2048


@jit(parallel=True)
def chunked_gradient(X, Y, theta, sizes, woff, boff, plan_chunk, n_work_chunk, act, out,
                     partial, grad):
    """J over all rows and ∇J into ``grad``: chunks of :data:`CHUNK` rows in parallel.

    ``plan_chunk``/``n_work_chunk`` are the layout of one chunk's buffers (each chunk
    allocates its own, of :data:`BLOCK` rows); ``partial`` (n_chunks, n_params) receives the
    chunks' gradients.
    """
    m = X.shape[0]
    n_chunks = (m + CHUNK - 1) // CHUNK
    costs = np.empty(n_chunks)
    for c in prange(n_chunks):
        start = c * CHUNK
        stop = min(start + CHUNK, m)
        work = np.empty(n_work_chunk)
        delta = np.empty(n_work_chunk)
        costs[c] = batch_gradient(X[start:stop], Y[start:stop], theta, sizes, woff, boff,
                                  plan_chunk, act, out, work, delta, partial[c])
    grad[:] = 0.0
    total = 0.0
    for c in range(n_chunks):  # in chunk order: the same sum whatever the thread count
        weight = (min((c + 1) * CHUNK, m) - c * CHUNK) / m
        total += costs[c] * weight
        for p in range(grad.size):
            grad[p] += partial[c, p] * weight
    return total


@jit
def full_pass(X, Y, theta, sizes, woff, boff, plan, act, out, work, delta, grad, batch,
              want_grad):
    """J(θ) over all rows (and ∇J into ``grad`` when ``want_grad``), in chunks of ``batch``.

    The chunks reuse the block buffers; the chunk gradients are summed with weights nb/m.
    """
    m = X.shape[0]
    n_params = theta.size
    total = 0.0
    acc = np.zeros(n_params) if want_grad else np.zeros(0)
    L = sizes.size - 1
    empty = np.zeros((0, plan[_STRIDE, L]))
    if not want_grad:
        _prepare_weights(theta, sizes, woff, boff, plan, work)
    for start in range(0, m, batch):
        stop = min(start + batch, m)
        nb = stop - start
        if want_grad:
            c = batch_gradient(X[start:stop], Y[start:stop], theta, sizes, woff, boff, plan,
                               act, out, work, delta, grad)
            for p in range(n_params):
                acc[p] += grad[p] * (nb / m)
        else:
            c = 0.0
            for r0 in range(start, stop, BLOCK):
                r1 = min(r0 + BLOCK, stop)
                Z = _forward_block(X[r0:r1], theta, sizes, woff, boff, plan, act, work)
                c = output_loss(Z, Y[r0:r1], out, empty, 1.0, c)
            c /= nb
        total += c * nb
    if want_grad:
        grad[:] = acc
    return total / m



@jit(inline="always")
def _count_nonfinite(v):
    """How many entries of the 1-D ``v`` are inf or NaN (x − x is 0 exactly when x is
    finite): an integer count, which LLVM vectorises, where a float flag would be a chain."""
    n = 0
    for p in range(v.size):
        n += 0 if v[p] - v[p] == 0.0 else 1
    return n


@jit(inline="always")
def _squared_norm(v):
    """‖v‖₂² added in index order."""
    s = 0.0
    for p in range(v.size):
        s += v[p] * v[p]
    return s


@jit(inline="always")
def _splitmix(state):
    """One step of splitmix64: (new state, a 64-bit pseudo-random output)."""
    state = state + np.uint64(0x9E3779B97F4A7C15)
    z = state
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return state, z ^ (z >> np.uint64(31))


@jit
def epoch_order(seed, epoch, order):
    """Fill ``order`` with the row order of ``epoch``: a permutation of 0 … m − 1.

    Fisher–Yates shuffle driven by splitmix64 seeded with (seed, epoch): the order of an
    epoch depends only on those two numbers (so a fit split into several compiled calls, or
    rerun, visits the rows in the same order).
    """
    m = order.size
    for i in range(m):
        order[i] = i
    state = np.uint64(seed) * np.uint64(0x100000001B3) + np.uint64(epoch)
    state, _ = _splitmix(state)
    for i in range(m - 1, 0, -1):
        state, r = _splitmix(state)
        j = np.int64(r % np.uint64(i + 1))
        t = order[i]
        order[i] = order[j]
        order[j] = t


@jit
def train(X, Y, theta, sizes, woff, boff, plan, act, out, lr, first_epoch, n_epochs, batch,
          seed, tol, history, work, delta, grad, backup, Xb, Yb, order, plan_chunk,
          n_work_chunk, partial):
    """Epochs ``first_epoch`` … ``first_epoch + n_epochs − 1`` of gradient descent, in place.

    Each epoch visits the rows in :func:`epoch_order` (all rows at once when ``batch ≥ m``)
    in batches of ``batch`` (the last one smaller), updating θ ← θ − α∇J_batch(θ) after each.
    ``history[e]`` receives the epoch's mean batch cost weighted by batch size (for full
    batch: J(θ) at the start of the epoch).  A full batch of more than :data:`CHUNK` rows is
    computed by :func:`chunked_gradient` (``partial`` non-empty; ``work``/``delta`` unused).
    ``tol`` ≥ 0 stops when ‖∇J‖₂ over all rows ≤ tol (checked before each full-batch step,
    and after each mini-batch epoch by a full pass);
    a negative ``tol`` disables the rule.

    Returns
    -------
    (code, epochs_done)
        The :mod:`reasons` code and the number of completed epochs.  On divergence θ is the
        last parameters whose cost and gradient were finite.
    """
    m = X.shape[0]
    n_x, n_y = X.shape[1], Y.shape[1]
    full = batch >= m
    n_params = theta.size
    backup[:] = theta
    for e in range(n_epochs):
        epoch = first_epoch + e
        if not full:
            epoch_order(seed, epoch, order)
        total = 0.0
        for start in range(0, m, batch):
            stop = min(start + batch, m)
            nb = stop - start
            if full and partial.shape[0] > 0:
                c = chunked_gradient(X, Y, theta, sizes, woff, boff, plan_chunk, n_work_chunk,
                                     act, out, partial, grad)
            elif full:
                c = batch_gradient(X, Y, theta, sizes, woff, boff, plan, act, out, work, delta,
                                   grad)
            else:
                for r in range(nb):  # element loops: a slice assignment per row costs more
                    row = order[start + r]
                    for q in range(n_x):
                        Xb[r, q] = X[row, q]
                    for q in range(n_y):
                        Yb[r, q] = Y[row, q]
                c = batch_gradient(Xb[:nb], Yb[:nb], theta, sizes, woff, boff, plan, act, out,
                                   work, delta, grad)
            if not math.isfinite(c) or _count_nonfinite(grad) > 0:
                theta[:] = backup  # the parameters before the step that led here
                return reasons.DIVERGED, e
            if full and tol >= 0.0 and math.sqrt(_squared_norm(grad)) <= tol:
                history[e] = c
                return reasons.CONVERGED, e
            n_bad = 0
            for p in range(n_params):  # one vectorised loop: step, backup and check
                t = theta[p]
                backup[p] = t
                t -= lr * grad[p]
                theta[p] = t
                n_bad += 0 if t - t == 0.0 else 1
            if n_bad > 0:
                theta[:] = backup
                return reasons.DIVERGED, e
            total += c * nb
        history[e] = total / m
        if not full and tol >= 0.0:
            full_pass(X, Y, theta, sizes, woff, boff, plan, act, out, work, delta, grad, batch,
                      True)
            if math.sqrt(_squared_norm(grad)) <= tol:
                return reasons.CONVERGED, e + 1
    return reasons.MAX_ITERATIONS, n_epochs
