"""JAX peers: ``jax.jit`` with ``lax.fori_loop`` on the CPU, in float64.

Importing this module selects the CPU platform and enables 64-bit floats (JAX defaults to
float32).  Data are moved to JAX arrays once, outside the timing (``to_device``), and every
timed call blocks until the result is ready.  Gradients are hand-written on purpose (see
``bench.peers_numpy``): JAX's autodiff would give the same arithmetic.
"""

import os
from functools import partial

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from jax import lax  # noqa: E402

jax.config.update("jax_enable_x64", True)


def to_device(*arrays):
    """The arrays as committed JAX float64 arrays (one copy, done before timing)."""
    return tuple(jax.block_until_ready(jnp.asarray(a, dtype=jnp.float64)) for a in arrays)


@partial(jax.jit, static_argnames="num_iterations")
def _linear_gd(X, y, learning_rate, num_iterations):
    m, n = X.shape

    def step(_, theta):
        r = X @ theta[1:] + theta[0] - y
        g = jnp.concatenate((jnp.sum(r)[None], X.T @ r)) / m
        return theta - learning_rate * g

    return lax.fori_loop(0, num_iterations, step, jnp.zeros(n + 1, dtype=X.dtype))


@partial(jax.jit, static_argnames="num_iterations")
def _logistic_gd(X, y, learning_rate, num_iterations):
    m, n = X.shape

    def step(_, theta):
        r = jax.nn.sigmoid(X @ theta[1:] + theta[0]) - y
        g = jnp.concatenate((jnp.sum(r)[None], X.T @ r)) / m
        return theta - learning_rate * g

    return lax.fori_loop(0, num_iterations, step, jnp.zeros(n + 1, dtype=X.dtype))


def linear_gd(X, y, learning_rate, num_iterations):
    """Batch gradient descent on the half mean squared error; X, y from ``to_device``."""
    return jax.block_until_ready(_linear_gd(X, y, learning_rate, num_iterations))


def logistic_gd(X, y, learning_rate, num_iterations):
    """Batch gradient descent on the mean log-loss; X, y from ``to_device``."""
    return jax.block_until_ready(_logistic_gd(X, y, learning_rate, num_iterations))


@partial(jax.jit, static_argnames="num_iterations")
def _scalar_descent(x0, learning_rate, num_iterations):
    def step(_, x):
        return x - learning_rate * (jnp.exp(x) - 1.0 / x)

    return lax.fori_loop(0, num_iterations, step, x0)


def scalar_descent(x0, learning_rate, num_iterations):
    """exp_minus_log descent, jitted; returns a Python float (which waits for the result)."""
    return float(_scalar_descent(x0, learning_rate, num_iterations))


@partial(jax.jit, static_argnames="num_iterations")
def _multistart(starts, learning_rate, num_iterations):
    def one(x0):
        return _scalar_descent(x0, learning_rate, num_iterations)

    return jax.vmap(one)(starts)


def multistart_descent(starts, learning_rate, num_iterations):
    """exp_minus_log descent from every start, ``jax.vmap`` over a jitted ``fori_loop``."""
    return jax.block_until_ready(_multistart(starts, learning_rate, num_iterations))
