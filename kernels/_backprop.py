"""Compiled forward and backward passes of a fully connected network, and its epoch loop.

Layout.  The parameters of layers l = 1 … L live in one flat float64 vector ``theta``: for
each layer Wˡ (nˡ⁻¹ × nˡ, row-major, scikit-learn's ``coefs_`` layout) at ``woff[l]`` and
bˡ (nˡ) at ``boff[l]``.  The gradient has the same layout.  A batch of ``nb`` rows keeps its
activations aˡ (nb × nˡ, the output layer's *logits* zᴸ) in one work vector at
``aoff[l]``, and its deltas δˡ in a second one with the same offsets, so a fit allocates its
buffers once, before the first epoch.

One pass per batch (:func:`batch_gradient`): forward zˡ = aˡ⁻¹Wˡ + bˡ, aˡ = g(zˡ); the
per-row loss from the logits in stable form; δᴸ in closed form; then the recurrence
δˡ = (δˡ⁺¹Wˡ⁺¹ᵀ) ⊙ g′(zˡ), ∂J/∂Wˡ = aˡ⁻¹ᵀδˡ, ∂J/∂bˡ = Σᵢ δˡᵢ (the factor 1/nb is in δᴸ).
The matrix products are plain loops whose innermost index runs along a row of Wˡ (LLVM
vectorises them): no BLAS call, so no thread pool competing with other work, the same
arithmetic in the same order on every run, and no call overhead on small batches.

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
from ._stable import exp, sigmoid, softplus, tanh  # tanh: the hidden layers' activation

#: The one floating-point licence of the matrix-product loops: a product followed by a sum may
#: be computed as one fused multiply-add (rounded once instead of twice).  Nothing else of
#: ``fastmath``: NaN and inf keep their meaning, and the order of every sum stays as written,
#: so results are the same on every run; ``tests/test_network.py`` bounds the difference from
#: the loops compiled without it.
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


def layout(sizes, batch):
    """Offsets of the parameters and of a batch's activations.

    Returns
    -------
    woff, boff : (L + 1,) int64
        Where Wˡ and bˡ start in ``theta`` (index 0 unused).
    aoff : (L + 1,) int64
        Where aˡ of a batch of ``batch`` rows starts in the work vector (index 0 unused).
    n_params, n_work : int
        ``n_work`` includes, at the end, ``n_params`` entries for the transposed weights
        (:func:`batch_gradient`).
    """
    sizes = [int(s) for s in sizes]
    L = len(sizes) - 1
    woff = np.zeros(L + 1, dtype=np.int64)
    boff = np.zeros(L + 1, dtype=np.int64)
    aoff = np.zeros(L + 1, dtype=np.int64)
    p = a = 0
    for layer in range(1, L + 1):
        woff[layer] = p
        p += sizes[layer - 1] * sizes[layer]
        boff[layer] = p
        p += sizes[layer]
        aoff[layer] = a
        a += batch * sizes[layer]
    return woff, boff, aoff, p, a + p


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


@jit(fastmath=CONTRACT)
def _affine(A, W, b, Z):
    """Z = A W + b.

    Each zᵢⱼ is bⱼ + Σₖ aᵢₖwₖⱼ added in k order, whichever branch computes it.  Wide layers:
    two rows of Z at a time, four terms added per load and store of Z, each row of W loaded
    once for both rows, the innermost loop along a row of W (LLVM vectorises it).  Narrow
    layers (fewer than 4 units, where a vector along a row of W would be mostly empty):
    scalar dot products held in registers, four rows at a time so that four independent sums
    are in flight.
    """
    nb, n_in = A.shape
    n_out = W.shape[1]
    if n_out < 4:
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
        return
    i = 0
    while i + 2 <= nb:
        for j in range(n_out):
            Z[i, j] = b[j]
            Z[i + 1, j] = b[j]
        k = 0
        while k + 4 <= n_in:  # four terms per load and store of Z, added in k order
            a0, a1, a2, a3 = A[i, k], A[i, k + 1], A[i, k + 2], A[i, k + 3]
            c0, c1, c2, c3 = A[i + 1, k], A[i + 1, k + 1], A[i + 1, k + 2], A[i + 1, k + 3]
            for j in range(n_out):
                w0, w1, w2, w3 = W[k, j], W[k + 1, j], W[k + 2, j], W[k + 3, j]
                Z[i, j] = (((Z[i, j] + a0 * w0) + a1 * w1) + a2 * w2) + a3 * w3
                Z[i + 1, j] = (((Z[i + 1, j] + c0 * w0) + c1 * w1) + c2 * w2) + c3 * w3
            k += 4
        for kk in range(k, n_in):
            a0, c0 = A[i, kk], A[i + 1, kk]
            for j in range(n_out):
                Z[i, j] += a0 * W[kk, j]
                Z[i + 1, j] += c0 * W[kk, j]
        i += 2
    for r in range(i, nb):
        for j in range(n_out):
            Z[r, j] = b[j]
        for k in range(n_in):
            a = A[r, k]
            for j in range(n_out):
                Z[r, j] += a * W[k, j]


@jit(fastmath=CONTRACT)
def _outer_sum(A, D, G):
    """G += Aᵀ D = Σᵢ aᵢ δᵢᵀ (the weight gradient), four rows per sweep over G.

    Each gᵏʲ receives its terms aᵢₖδᵢⱼ one at a time in row order,
    (((gₖⱼ + a₀δ₀) + a₁δ₁) + a₂δ₂) + a₃δ₃, so the sum does not depend on how the rows are
    grouped or blocked, and each step is one fused multiply-add (:data:`CONTRACT`); the
    innermost loop runs along a row of G (along k when G has one column).
    """
    nb, n_in = A.shape
    n_out = D.shape[1]
    i = 0
    if n_out == 1:
        while i + 4 <= nb:
            d0, d1, d2, d3 = D[i, 0], D[i + 1, 0], D[i + 2, 0], D[i + 3, 0]
            for k in range(n_in):
                G[k, 0] = (((G[k, 0] + A[i, k] * d0) + A[i + 1, k] * d1) + A[i + 2, k] * d2
                           ) + A[i + 3, k] * d3
            i += 4
    else:
        while i + 4 <= nb:
            for k in range(n_in):
                a0, a1, a2, a3 = A[i, k], A[i + 1, k], A[i + 2, k], A[i + 3, k]
                for j in range(n_out):
                    G[k, j] = (((G[k, j] + a0 * D[i, j]) + a1 * D[i + 1, j])
                               + a2 * D[i + 2, j]) + a3 * D[i + 3, j]
            i += 4
    for r in range(i, nb):
        for k in range(n_in):
            a = A[r, k]
            for j in range(n_out):
                G[k, j] += a * D[r, j]


@jit(fastmath=CONTRACT)
def _back(D, WT, Aprev, code, Dprev):
    """Dprev = (D Wᵀ) ⊙ g′: δˡ⁻¹ from δˡ, with ``WT`` = Wᵀ (nˡ × nˡ⁻¹, contiguous rows).

    Each entry is Σⱼ δᵢⱼwₖⱼ added in j order (four terms per load and store of Dprev), then
    times g′ written in aˡ⁻¹ (the SymPy-proved forms); the innermost loops run along rows of
    Wᵀ and of Dprev.
    """
    nb, n_out = D.shape
    n_in = WT.shape[1]
    for i in range(nb):
        d = D[i, 0]
        for k in range(n_in):
            Dprev[i, k] = d * WT[0, k]
        j = 1
        while j + 4 <= n_out:
            d0, d1, d2, d3 = D[i, j], D[i, j + 1], D[i, j + 2], D[i, j + 3]
            for k in range(n_in):
                Dprev[i, k] = (((Dprev[i, k] + d0 * WT[j, k]) + d1 * WT[j + 1, k])
                               + d2 * WT[j + 2, k]) + d3 * WT[j + 3, k]
            j += 4
        for jj in range(j, n_out):
            d = D[i, jj]
            for k in range(n_in):
                Dprev[i, k] += d * WT[jj, k]
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
def forward(Xb, theta, sizes, woff, boff, aoff, act, work):
    """The forward pass of the ``Xb.shape[0]`` rows of ``Xb``; returns the logits zᴸ (view).

    ``work`` holds the activations of at least ``Xb.shape[0]`` rows (:func:`layout`).
    """
    nb = Xb.shape[0]
    L = sizes.size - 1
    Aprev = Xb
    Z = Aprev
    for layer in range(1, L + 1):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        W = theta[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
        b = theta[boff[layer]:boff[layer] + n_out]
        z = work[aoff[layer]:aoff[layer] + nb * n_out]
        Z = z.reshape(nb, n_out)
        _affine(Aprev, W, b, Z)
        if layer < L:
            _activate(z, act)
        Aprev = Z
    return Z


@jit
def output_loss(Z, Y, out, D, scale, total):
    """``total`` + Σᵢ ℓ(zᴸᵢ, yᵢ) over the rows of the logits ``Z``; δᴸ·``scale`` into ``D``
    (if D.size; an empty ``D`` is a cost-only pass).  ``Z`` is used as scratch (overwritten).

    Elementwise outputs: one flat loop over the entries (vectorised: the stable sigmoid and
    softplus are branch-free) leaves each entry's loss in ``Z`` and its δ in ``D``; the losses
    are then added in entry order.  Softmax, per row, with the maximum zₘ subtracted first:
    zₖ − zₘ ≤ 0, eₖ = exp(zₖ − zₘ) (one flat, vectorised loop over the block), s = Σₖ eₖ ≥ 1,
    qₖ = eₖ/s and −Σₖ pₖ ln qₖ = (Σₖ pₖ) ln s − Σₖ pₖ(zₖ − zₘ), a sum of terms ≥ 0 (no
    cancellation, finite for logits of ±1000).
    """
    nb, k = Z.shape
    n = nb * k
    grad = D.size > 0
    z = Z.reshape(n)
    y = Y.reshape(n)
    d = D.reshape(D.size)
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
    elif out == SIG_LOG:
        for p in range(n):
            zp, yp = z[p], y[p]
            if grad:
                d[p] = scale * (sigmoid(zp) - yp)
            z[p] = yp * softplus(-zp) + (1.0 - yp) * softplus(zp)
    if out != SOFT_CE and out != SOFT_MSE:
        for p in range(n):
            total += z[p]
        return total
    E = D if grad else Z  # receives exp(zₖ − zₘ)
    for i in range(nb):
        zmax = Z[i, 0]
        for j in range(1, k):
            zmax = Z[i, j] if Z[i, j] > zmax else zmax
        for j in range(k):
            zs = Z[i, j] - zmax
            if out == SOFT_CE:
                total -= Y[i, j] * zs
            E[i, j] = zs
    e = E.reshape(n)
    for p in range(n):
        e[p] = exp(e[p])
    for i in range(nb):
        s = 0.0
        for j in range(k):
            s += E[i, j]
        if out == SOFT_CE:
            psum = 0.0
            for j in range(k):
                psum += Y[i, j]
            total += psum * math.log(s)
            if grad:
                for j in range(k):
                    D[i, j] = scale * (E[i, j] / s - Y[i, j])
        else:
            qg = 0.0
            for j in range(k):
                q = E[i, j] / s
                r = q - Y[i, j]
                total += r * r
                qg += q * 2.0 * r
            if grad:
                for j in range(k):
                    q = E[i, j] / s
                    D[i, j] = scale * q * (2.0 * (q - Y[i, j]) - qg)
    return total


#: Rows per block of a pass: a block's activations and deltas (and the weights) stay in the
#: L1/L2 caches from the forward pass to the gradient.  Every sum over rows (:func:`_outer_sum`,
#: the bias sums) adds its terms in row order, so blocking does not change a bit of any result.
BLOCK = 64


@jit
def _transpose_weights(theta, sizes, woff, wt):
    """Wˡᵀ (nˡ × nˡ⁻¹) of every layer l ≥ 2 into ``wt`` at ``woff[l]``: once per batch."""
    for layer in range(2, sizes.size):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        W = theta[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
        WT = wt[woff[layer]:woff[layer] + n_in * n_out].reshape(n_out, n_in)
        for k in range(n_in):
            for j in range(n_out):
                WT[j, k] = W[k, j]


@jit
def batch_gradient(Xb, Yb, theta, sizes, woff, boff, aoff, act, out, work, delta, grad):
    """One fused pass over a batch: J (the mean loss of its rows) returned, ∇J into ``grad``.

    The rows go through in blocks of :data:`BLOCK` (forward, δᴸ, backward, gradient sums
    for one block before the next), so ``work`` and ``delta`` hold ``min(nb, BLOCK)`` rows
    (:func:`layout`) plus, at their end, ``theta.size`` entries for the transposed weights.
    """
    nb = Xb.shape[0]
    L = sizes.size - 1
    n_params = theta.size
    wt = work[work.size - n_params:]
    _transpose_weights(theta, sizes, woff, wt)
    grad[:] = 0.0
    k = sizes[L]
    scale = 1.0 / nb
    total = 0.0
    for r0 in range(0, nb, BLOCK):
        r1 = min(r0 + BLOCK, nb)
        rows = r1 - r0
        Xr = Xb[r0:r1]
        Z = forward(Xr, theta, sizes, woff, boff, aoff, act, work)
        D = delta[aoff[L]:aoff[L] + rows * k].reshape(rows, k)
        total = output_loss(Z, Yb[r0:r1], out, D, scale, total)
        for layer in range(L, 0, -1):
            n_in, n_out = sizes[layer - 1], sizes[layer]
            D = delta[aoff[layer]:aoff[layer] + rows * n_out].reshape(rows, n_out)
            if layer > 1:
                Aprev = work[aoff[layer - 1]:aoff[layer - 1] + rows * n_in].reshape(rows, n_in)
            else:
                Aprev = Xr
            gW = grad[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
            _outer_sum(Aprev, D, gW)
            gb = grad[boff[layer]:boff[layer] + n_out]
            for i in range(rows):
                for j in range(n_out):
                    gb[j] += D[i, j]
            if layer > 1:
                WT = wt[woff[layer]:woff[layer] + n_in * n_out].reshape(n_out, n_in)
                Dprev = delta[aoff[layer - 1]:aoff[layer - 1] + rows * n_in].reshape(rows, n_in)
                _back(D, WT, Aprev, act, Dprev)
    return total / nb


#: Rows per chunk of a full-batch gradient over many rows.  The chunks are fixed, and their
#: gradients are summed in chunk order, so the result does not depend on how many threads
#: computed the chunks: serial and parallel runs are bit-identical.
CHUNK = 2048


@jit(parallel=True)
def chunked_gradient(X, Y, theta, sizes, woff, boff, aoff_chunk, n_work_chunk, act, out,
                     partial, grad):
    """J over all rows and ∇J into ``grad``: chunks of :data:`CHUNK` rows in parallel.

    ``aoff_chunk``/``n_work_chunk`` are the layout of one chunk's buffers (each chunk
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
                                  aoff_chunk, act, out, work, delta, partial[c])
    grad[:] = 0.0
    total = 0.0
    for c in range(n_chunks):  # in chunk order: the same sum whatever the thread count
        weight = (min((c + 1) * CHUNK, m) - c * CHUNK) / m
        total += costs[c] * weight
        for p in range(grad.size):
            grad[p] += partial[c, p] * weight
    return total


@jit
def full_pass(X, Y, theta, sizes, woff, boff, aoff, act, out, work, delta, grad, batch,
              want_grad):
    """J(θ) over all rows (and ∇J into ``grad`` when ``want_grad``), in chunks of ``batch``.

    The chunks reuse the block buffers; the chunk gradients are summed with weights nb/m.
    """
    m = X.shape[0]
    n_params = theta.size
    total = 0.0
    acc = np.zeros(n_params) if want_grad else np.zeros(0)
    L = sizes.size - 1
    empty = np.zeros((0, sizes[L]))
    for start in range(0, m, batch):
        stop = min(start + batch, m)
        nb = stop - start
        if want_grad:
            c = batch_gradient(X[start:stop], Y[start:stop], theta, sizes, woff, boff, aoff,
                               act, out, work, delta, grad)
            for p in range(n_params):
                acc[p] += grad[p] * (nb / m)
        else:
            c = 0.0
            for r0 in range(start, stop, BLOCK):
                r1 = min(r0 + BLOCK, stop)
                Z = forward(X[r0:r1], theta, sizes, woff, boff, aoff, act, work)
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
def train(X, Y, theta, sizes, woff, boff, aoff, act, out, lr, first_epoch, n_epochs, batch,
          seed, tol, history, work, delta, grad, backup, Xb, Yb, order, aoff_chunk,
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
                c = chunked_gradient(X, Y, theta, sizes, woff, boff, aoff_chunk, n_work_chunk,
                                     act, out, partial, grad)
            elif full:
                c = batch_gradient(X, Y, theta, sizes, woff, boff, aoff, act, out, work, delta,
                                   grad)
            else:
                for r in range(nb):  # element loops: a slice assignment per row costs more
                    row = order[start + r]
                    for q in range(n_x):
                        Xb[r, q] = X[row, q]
                    for q in range(n_y):
                        Yb[r, q] = Y[row, q]
                c = batch_gradient(Xb[:nb], Yb[:nb], theta, sizes, woff, boff, aoff, act, out,
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
            full_pass(X, Y, theta, sizes, woff, boff, aoff, act, out, work, delta, grad, batch,
                      True)
            if math.sqrt(_squared_norm(grad)) <= tol:
                return reasons.CONVERGED, e + 1
    return reasons.MAX_ITERATIONS, n_epochs
