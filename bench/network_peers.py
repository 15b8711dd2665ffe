"""Peers of ``gk.Network.fit`` for one-hidden-layer networks: JAX and hand-written NumPy.

Both take the same steps as gradspec: rows visited in ``gradspec.kernels._backprop.
epoch_order(seed, epoch)`` (full batch: in order), θ ← θ − α∇J_batch(θ) after each batch,
J the mean loss of the batch (softmax + cross-entropy or sigmoid + log-loss, stable forms).

* JAX: ``jax.jit`` of ``jax.value_and_grad`` of the cost and the update; the full batches of
  an epoch run in one jitted ``lax.scan`` (the last, smaller batch in one more jitted step);
  full-batch epochs in one jitted ``lax.fori_loop``.  float64 on the CPU.
* NumPy: vectorised forward and backward passes (BLAS matrix products) per batch.
"""

from __future__ import annotations

import os
from functools import partial

import numpy as np

from gradspec.kernels._backprop import epoch_order


def orders(m: int, seed: int, epochs: int) -> list[np.ndarray]:
    """The row order of each epoch, as gradspec visits them."""
    out = []
    for e in range(epochs):
        order = np.empty(m, dtype=np.int64)
        epoch_order(seed, e, order)
        out.append(order)
    return out


# -- NumPy -----------------------------------------------------------------------------------


def _np_act(z, activation):
    return np.tanh(z) if activation == "tanh" else np.maximum(z, 0.0)


def _np_act_prime(a, activation):
    return 1.0 - a * a if activation == "tanh" else (a > 0.0).astype(a.dtype)


def numpy_step(params, X, Y, lr, activation, output):
    """One gradient step on the batch (X, Y); returns new params (W1, b1, W2, b2)."""
    W1, b1, W2, b2 = params
    m = X.shape[0]
    a1 = _np_act(X @ W1 + b1, activation)
    z2 = a1 @ W2 + b2
    if output == "softmax":
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        d2 = (e / e.sum(axis=1, keepdims=True) - Y) / m
    else:
        d2 = (0.5 * (1.0 + np.tanh(0.5 * z2)) - Y) / m  # σ(z) without overflow
    d1 = (d2 @ W2.T) * _np_act_prime(a1, activation)
    return (W1 - lr * (X.T @ d1), b1 - lr * d1.sum(axis=0),
            W2 - lr * (a1.T @ d2), b2 - lr * d2.sum(axis=0))


def numpy_fit(params, X, Y, lr, epochs, batch, seed, activation, output):
    m = X.shape[0]
    if batch >= m:
        for _ in range(epochs):
            params = numpy_step(params, X, Y, lr, activation, output)
        return params
    for order in orders(m, seed, epochs):
        for start in range(0, m, batch):
            rows = order[start:start + batch]
            params = numpy_step(params, X[rows], Y[rows], lr, activation, output)
    return params


# -- JAX -------------------------------------------------------------------------------------


def jax_module():
    """Import JAX for the CPU in float64 (only when the JAX peer runs)."""
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import jax

    jax.config.update("jax_enable_x64", True)
    return jax


def make_jax_fit(activation, output):
    """A ``fit(params, X, Y, lr, epochs, batch, seed)`` for JAX arrays, jitted per shape."""
    jax = jax_module()
    jnp = jax.numpy
    lax = jax.lax

    def cost(params, X, Y):
        W1, b1, W2, b2 = params
        h = X @ W1 + b1
        a1 = jnp.tanh(h) if activation == "tanh" else jnp.maximum(h, 0.0)
        z = a1 @ W2 + b2
        if output == "softmax":
            lse = jax.nn.logsumexp(z, axis=1)
            return jnp.mean(lse - jnp.sum(Y * z, axis=1))
        return jnp.mean(jnp.sum(Y * jax.nn.softplus(-z) + (1 - Y) * jax.nn.softplus(z), axis=1))

    vg = jax.value_and_grad(cost)

    def update(params, X, Y, lr):
        _, g = vg(params, X, Y)
        return tuple(p - lr * gp for p, gp in zip(params, g, strict=True))

    step = jax.jit(update)

    @jax.jit
    def full_batches(params, Xs, Ys, lr):
        def body(p, xy):
            return update(p, xy[0], xy[1], lr), None

        return lax.scan(body, params, (Xs, Ys))[0]

    @partial(jax.jit, static_argnames="epochs")
    def full_epochs(params, X, Y, lr, epochs):
        return lax.fori_loop(0, epochs, lambda _, p: update(p, X, Y, lr), params)

    def fit(params, X, Y, lr, epochs, batch, seed, epoch_orders=None):
        m = X.shape[0]
        if batch >= m:
            return jax.block_until_ready(full_epochs(params, X, Y, lr, epochs))
        n_full = m // batch
        for order in epoch_orders:
            Xp, Yp = X[order], Y[order]
            cut = n_full * batch
            params = full_batches(params, Xp[:cut].reshape(n_full, batch, -1),
                                  Yp[:cut].reshape(n_full, batch, -1), lr)
            if cut < m:
                params = step(params, Xp[cut:], Yp[cut:], lr)
        return jax.block_until_ready(params)

    return fit
