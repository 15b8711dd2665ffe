"""NumPy peers: what a user writes with vectorised NumPy instead of gradspec.

Each peer does the least work that yields the kernel's result — the gradient only inside the
loop, the cost once at the end — so the comparison is against NumPy at its best.  The
gradients are written by hand on purpose: they are the independent implementation the kernel
is checked against before its time counts, not a second copy of gradspec's derivation.
"""

import numpy as np


def _batch_gd(X, y, learning_rate, num_iterations, link=None):
    """Batch gradient descent from θ = 0 on a cost whose gradient is (1/m)·[1 X]ᵀ(g(z) − y),
    z = b + Xw, with g the identity (``link=None``) or ``link``, which maps z in place.

    Returns
    -------
    ndarray, shape (n + 1,)
        θ = (b, w) after ``num_iterations`` plain steps.
    """
    m, n = X.shape
    w = np.zeros(n)
    b = 0.0
    for _ in range(num_iterations):
        r = X @ w
        r += b
        if link is not None:
            link(r)
        r -= y
        gw = X.T @ r
        gb = r.sum()
        w -= (learning_rate / m) * gw
        b -= (learning_rate / m) * gb
    return np.concatenate(([b], w))


def linear_gd(X, y, learning_rate, num_iterations):
    """Batch gradient descent on J = 1/(2m)·Σ(b + Xw − y)², from θ = 0: θ = (b, w)."""
    return _batch_gd(X, y, learning_rate, num_iterations)


def linear_cost(X, y, theta):
    """J(θ) = 1/(2m)·Σ(θ0 + Xθ[1:] − y)²."""
    r = X @ theta[1:] + theta[0] - y
    return 0.5 * float(r @ r) / X.shape[0]


def _sigmoid_in_place(z):
    """z ← σ(z) = 1/(1 + e^(−z)), without temporaries."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    np.reciprocal(z, out=z)


def logistic_gd(X, y, learning_rate, num_iterations):
    """Batch gradient descent on the mean log-loss, from θ = 0: θ = (b, w).

    σ(z) = 1/(1 + e^(−z)) with overflow silenced: e^(−z) = inf gives σ = 0 exactly, the right
    limit, and this is the fastest form NumPy offers.
    """
    with np.errstate(over="ignore"):
        return _batch_gd(X, y, learning_rate, num_iterations, _sigmoid_in_place)


def logistic_cost(X, y, theta):
    """Mean log-loss in its stable form: mean(logaddexp(0, z) − y·z), z = θ0 + Xθ[1:]."""
    z = X @ theta[1:] + theta[0]
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def scalar_descent(x0, learning_rate, num_iterations):
    """exp_minus_log descent with NumPy scalars: x ← x − α(eˣ − 1/x)."""
    x = np.float64(x0)
    a = np.float64(learning_rate)
    for _ in range(num_iterations):
        x = x - a * (np.exp(x) - np.float64(1.0) / x)
    return float(x)


def multistart_descent(starts, learning_rate, num_iterations):
    """exp_minus_log descent from every start at once, vectorised over the starts."""
    x = np.array(starts, dtype=np.float64)
    g = np.empty_like(x)
    for _ in range(num_iterations):
        np.exp(x, out=g)
        g -= 1.0 / x
        g *= learning_rate
        x -= g
    return x
