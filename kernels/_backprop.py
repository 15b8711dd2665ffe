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
from ._stable import exp, sigmoid, softplus

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
    return woff, boff, aoff, p, a


# 1/k! for k = 2 … 21: the Taylor coefficients of expm1(u)/u = Σ uᵏ/(k + 1)!.
_T2 = 1.0 / 2.0
_T3 = 1.0 / 6.0
_T4 = 1.0 / 24.0
_T5 = 1.0 / 120.0
_T6 = 1.0 / 720.0
_T7 = 1.0 / 5040.0
_T8 = 1.0 / 40320.0
_T9 = 1.0 / 362880.0
_T10 = 1.0 / 3628800.0
_T11 = 1.0 / 39916800.0
_T12 = 1.0 / 479001600.0
_T13 = 1.0 / 6227020800.0
_T14 = 1.0 / 87178291200.0
_T15 = 1.0 / 1307674368000.0
_T16 = 1.0 / 20922789888000.0
_T17 = 1.0 / 355687428096000.0
_T18 = 1.0 / 6402373705728000.0
_T19 = 1.0 / 121645100408832000.0
_T20 = 1.0 / 2432902008176640000.0
_T21 = 1.0 / 51090942171709440000.0


@jit(inline="always")
def tanh(x):
    """tanh x in branch-free arithmetic (vectorisable), to a few ulp for every x.

    With u = 2|x|: for u < 1.25, tanh|x| = e/(e + 2), e = expm1(u) by its Taylor polynomial
    u·Σₖ₌₀¹⁹ uᵏ/(k + 1)! (truncation < 1e-18 relative; no cancellation for small x); for
    u ≥ 1.25, tanh|x| = (1 − e⁻ᵘ)/(1 + e⁻ᵘ) (1 − e⁻ᵘ ≥ 0.71: no cancellation, and e⁻ᵘ never
    overflows).  Both are computed and one is selected, so a loop over x vectorises; the sign
    is restored at the end.  NaN propagates.
    """
    u = 2.0 * abs(x)
    p = _T21
    p = p * u + _T20
    p = p * u + _T19
    p = p * u + _T18
    p = p * u + _T17
    p = p * u + _T16
    p = p * u + _T15
    p = p * u + _T14
    p = p * u + _T13
    p = p * u + _T12
    p = p * u + _T11
    p = p * u + _T10
    p = p * u + _T9
    p = p * u + _T8
    p = p * u + _T7
    p = p * u + _T6
    p = p * u + _T5
    p = p * u + _T4
    p = p * u + _T3
    p = p * u + _T2
    p = p * u + 1.0
    em = p * u
    small = em / (em + 2.0)
    e = exp(-u)
    large = (1.0 - e) / (1.0 + e)
    t = small if u < 1.25 else large
    return t if x >= 0.0 else -t


@jit
def _activate(Z, code):
    """aˡ = g(zˡ) in place."""
    if code == IDENTITY:
        return
    flat = Z.ravel()
    if code == SIGMOID:
        for i in range(flat.size):
            flat[i] = sigmoid(flat[i])
    elif code == TANH:
        for i in range(flat.size):
            flat[i] = tanh(flat[i])
    else:
        for i in range(flat.size):
            flat[i] = flat[i] if flat[i] > 0.0 else 0.0


@jit
def _times_derivative(D, Aprev, code):
    """δˡ ⊙= g′(zˡ), with g′ written in aˡ (the SymPy-proved forms)."""
    if code == IDENTITY:
        return
    d = D.ravel()
    a = Aprev.ravel()
    if code == SIGMOID:
        for i in range(d.size):
            d[i] *= a[i] * (1.0 - a[i])
    elif code == TANH:
        for i in range(d.size):
            d[i] *= 1.0 - a[i] * a[i]
    else:
        for i in range(d.size):
            d[i] = d[i] if a[i] > 0.0 else 0.0


@jit
def _affine(A, W, b, Z):
    """Z = A W + b.

    Four rows at a time: each row of W is loaded once for four rows of Z, and the innermost
    loop runs along a row of W (LLVM vectorises it).
    """
    nb, n_in = A.shape
    n_out = W.shape[1]
    i = 0
    while i + 4 <= nb:
        for j in range(n_out):
            Z[i, j] = b[j]
            Z[i + 1, j] = b[j]
            Z[i + 2, j] = b[j]
            Z[i + 3, j] = b[j]
        for k in range(n_in):
            a0, a1, a2, a3 = A[i, k], A[i + 1, k], A[i + 2, k], A[i + 3, k]
            for j in range(n_out):
                w = W[k, j]
                Z[i, j] += a0 * w
                Z[i + 1, j] += a1 * w
                Z[i + 2, j] += a2 * w
                Z[i + 3, j] += a3 * w
        i += 4
    for r in range(i, nb):
        for j in range(n_out):
            Z[r, j] = b[j]
        for k in range(n_in):
            a = A[r, k]
            for j in range(n_out):
                Z[r, j] += a * W[k, j]


@jit
def _outer_sum(A, D, G):
    """G = Aᵀ D = Σᵢ aᵢ δᵢᵀ (the weight gradient), four rows per sweep over G."""
    nb, n_in = A.shape
    n_out = D.shape[1]
    G[:, :] = 0.0
    i = 0
    while i + 4 <= nb:
        for k in range(n_in):
            a0, a1, a2, a3 = A[i, k], A[i + 1, k], A[i + 2, k], A[i + 3, k]
            for j in range(n_out):
                G[k, j] += (a0 * D[i, j] + a1 * D[i + 1, j]) + (a2 * D[i + 2, j]
                                                              + a3 * D[i + 3, j])
        i += 4
    for r in range(i, nb):
        for k in range(n_in):
            a = A[r, k]
            for j in range(n_out):
                G[k, j] += a * D[r, j]


@jit
def _back(D, W, Dprev):
    """Dprev = D Wᵀ: δˡ⁻¹ before the activation's derivative."""
    nb, n_out = D.shape
    n_in = W.shape[0]
    for i in range(nb):
        for k in range(n_in):
            s = 0.0
            for j in range(n_out):
                s += D[i, j] * W[k, j]
            Dprev[i, k] = s


@jit
def forward(Xb, theta, sizes, woff, boff, aoff, act, work):
    """The forward pass of the ``Xb.shape[0]`` rows of ``Xb``; returns the logits zᴸ (view)."""
    nb = Xb.shape[0]
    L = sizes.size - 1
    Aprev = Xb
    Z = Aprev
    for layer in range(1, L + 1):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        W = theta[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
        b = theta[boff[layer]:boff[layer] + n_out]
        Z = work[aoff[layer]:aoff[layer] + nb * n_out].reshape(nb, n_out)
        _affine(Aprev, W, b, Z)
        if layer < L:
            _activate(Z, act)
        Aprev = Z
    return Z


@jit
def output_loss(Z, Y, out, D, scale):
    """Σᵢ ℓ(zᴸᵢ, yᵢ) over the rows of the logits ``Z``; δᴸ·``scale`` into ``D`` (if D.size).

    ``D`` may be empty (a cost-only pass).
    """
    nb, k = Z.shape
    grad = D.size > 0
    total = 0.0
    for i in range(nb):
        if out == ID_MSE:
            for j in range(k):
                r = Z[i, j] - Y[i, j]
                total += r * r
                if grad:
                    D[i, j] = scale * 2.0 * r
        elif out == SIG_MSE:
            for j in range(k):
                a = sigmoid(Z[i, j])
                r = a - Y[i, j]
                total += r * r
                if grad:
                    D[i, j] = scale * 2.0 * r * a * (1.0 - a)
        elif out == SIG_LOG:
            for j in range(k):
                z, y = Z[i, j], Y[i, j]
                total += y * softplus(-z) + (1.0 - y) * softplus(z)
                if grad:
                    D[i, j] = scale * (sigmoid(z) - y)
        else:  # softmax: q = exp(z − max z)/Σ exp(z − max z)
            zmax = Z[i, 0]
            for j in range(1, k):
                zmax = Z[i, j] if Z[i, j] > zmax else zmax
            s = 0.0
            for j in range(k):
                s += exp(Z[i, j] - zmax)
            lse = zmax + math.log(s)
            if out == SOFT_CE:
                psum = 0.0
                for j in range(k):
                    psum += Y[i, j]
                    total -= Y[i, j] * Z[i, j]
                    if grad:
                        D[i, j] = scale * (exp(Z[i, j] - lse) - Y[i, j])
                total += psum * lse
            else:
                qg = 0.0
                for j in range(k):
                    q = exp(Z[i, j] - lse)
                    r = q - Y[i, j]
                    total += r * r
                    qg += q * 2.0 * r
                if grad:
                    for j in range(k):
                        q = exp(Z[i, j] - lse)
                        D[i, j] = scale * q * (2.0 * (q - Y[i, j]) - qg)
    return total


@jit
def batch_gradient(Xb, Yb, theta, sizes, woff, boff, aoff, act, out, work, delta, grad):
    """One fused pass over a batch: J (the mean loss of its rows) returned, ∇J into ``grad``."""
    nb = Xb.shape[0]
    L = sizes.size - 1
    Z = forward(Xb, theta, sizes, woff, boff, aoff, act, work)
    k = sizes[L]
    D = delta[aoff[L]:aoff[L] + nb * k].reshape(nb, k)
    cost = output_loss(Z, Yb, out, D, 1.0 / nb) / nb
    for layer in range(L, 0, -1):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        D = delta[aoff[layer]:aoff[layer] + nb * n_out].reshape(nb, n_out)
        if layer > 1:
            Aprev = work[aoff[layer - 1]:aoff[layer - 1] + nb * n_in].reshape(nb, n_in)
        else:
            Aprev = Xb
        gW = grad[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
        _outer_sum(Aprev, D, gW)
        gb = grad[boff[layer]:boff[layer] + n_out]
        gb[:] = 0.0
        for i in range(nb):
            for j in range(n_out):
                gb[j] += D[i, j]
        if layer > 1:
            W = theta[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out)
            Dprev = delta[aoff[layer - 1]:aoff[layer - 1] + nb * n_in].reshape(nb, n_in)
            _back(D, W, Dprev)
            _times_derivative(Dprev, Aprev, act)
    return cost


#: Rows per chunk of a full-batch gradient over many rows.  The chunks are fixed, and their
#: gradients are summed in chunk order, so the result does not depend on how many threads
#: computed the chunks: serial and parallel runs are bit-identical.
CHUNK = 2048


@jit(parallel=True)
def chunked_gradient(X, Y, theta, sizes, woff, boff, aoff_chunk, n_work_chunk, act, out,
                     partial, grad):
    """J over all rows and ∇J into ``grad``: chunks of :data:`CHUNK` rows in parallel.

    ``aoff_chunk``/``n_work_chunk`` are the layout of one chunk's buffers (each chunk
    allocates its own); ``partial`` (n_chunks, n_params) receives the chunks' gradients.
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

    The chunks reuse the batch buffers; the chunk gradients are summed with weights nb/m.
    """
    m = X.shape[0]
    n_params = theta.size
    total = 0.0
    acc = np.zeros(n_params) if want_grad else np.zeros(0)
    empty = np.zeros(0)
    L = sizes.size - 1
    for start in range(0, m, batch):
        stop = min(start + batch, m)
        nb = stop - start
        if want_grad:
            c = batch_gradient(X[start:stop], Y[start:stop], theta, sizes, woff, boff, aoff,
                               act, out, work, delta, grad)
            for p in range(n_params):
                acc[p] += grad[p] * (nb / m)
        else:
            Z = forward(X[start:stop], theta, sizes, woff, boff, aoff, act, work)
            c = output_loss(Z, Y[start:stop], out, empty.reshape(0, sizes[L]), 1.0) / nb
        total += c * nb
    if want_grad:
        grad[:] = acc
    return total / m


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
                xb, yb = Xb[:nb], Yb[:nb]
                for r in range(nb):
                    row = order[start + r]
                    xb[r, :] = X[row, :]
                    yb[r, :] = Y[row, :]
                c = batch_gradient(xb, yb, theta, sizes, woff, boff, aoff, act, out, work,
                                   delta, grad)
            g2 = 0.0
            for p in range(n_params):
                g2 += grad[p] * grad[p]
            if not (math.isfinite(c) and math.isfinite(g2)):
                theta[:] = backup  # the parameters before the step that led here
                return reasons.DIVERGED, e
            if full and tol >= 0.0 and math.sqrt(g2) <= tol:
                history[e] = c
                return reasons.CONVERGED, e
            ok = True
            for p in range(n_params):
                backup[p] = theta[p]
                theta[p] -= lr * grad[p]
                ok = ok and math.isfinite(theta[p])
            if not ok:
                theta[:] = backup
                return reasons.DIVERGED, e
            total += c * nb
        history[e] = total / m
        if not full and tol >= 0.0:
            full_pass(X, Y, theta, sizes, woff, boff, aoff, act, out, work, delta, grad, batch,
                      True)
            g2 = 0.0
            for p in range(n_params):
                g2 += grad[p] * grad[p]
            if math.sqrt(g2) <= tol:
                return reasons.CONVERGED, e + 1
    return reasons.MAX_ITERATIONS, n_epochs
