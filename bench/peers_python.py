"""Plain-Python peers: loops over lists of floats, as the lecture labs write them.

Only run at small sizes (they are three orders of magnitude slower than compiled code).
Inputs are converted to lists before timing, so the loops see Python floats, not NumPy
scalars.  Gradients are hand-written on purpose (see ``bench.peers_numpy``).
"""

import math


def _batch_gd(rows, y, learning_rate, num_iterations, link=None):
    """Batch gradient descent from θ = 0 on a cost whose gradient is (1/m)·Σᵢ (g(zᵢ) − yᵢ)·(1, xᵢ),
    zᵢ = θ0 + xᵢ·θ[1:], with g the identity (``link=None``) or ``link``."""
    m = len(rows)
    n = len(rows[0])
    theta = [0.0] * (n + 1)
    for _ in range(num_iterations):
        grad = [0.0] * (n + 1)
        for row, target in zip(rows, y, strict=True):
            z = theta[0]
            for j in range(n):
                z += theta[j + 1] * row[j]
            r = (z if link is None else link(z)) - target
            grad[0] += r
            for j in range(n):
                grad[j + 1] += r * row[j]
        theta = [t - learning_rate * g / m for t, g in zip(theta, grad, strict=True)]
    return theta


def linear_gd(rows, y, learning_rate, num_iterations):
    """Batch gradient descent on the half mean squared error; ``rows`` is X as lists."""
    return _batch_gd(rows, y, learning_rate, num_iterations)


def _sigmoid(z):
    """σ(z) evaluated by the sign of z, so exp never overflows."""
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logistic_gd(rows, y, learning_rate, num_iterations):
    """Batch gradient descent on the mean log-loss; ``rows`` is X as lists."""
    return _batch_gd(rows, y, learning_rate, num_iterations, _sigmoid)


def scalar_descent(x0, learning_rate, num_iterations):
    """exp_minus_log descent, the lab's loop: x ← x − α(eˣ − 1/x)."""
    x = x0
    for _ in range(num_iterations):
        x = x - learning_rate * (math.exp(x) - 1.0 / x)
    return x
