"""Seeded inputs shared by the kernel and its peers (the same arrays, in the same run).

Generated once per shape and kept (a small LRU cache: the largest X is 640 MB), C-contiguous
float64 — what the kernels expect, so no benchmark times a conversion.
"""

from functools import lru_cache

import numpy as np

from .cases import MULTISTART_INTERVAL

SEED = 20_240_607
_MODEL_CODE = {"linear": 1, "logistic": 2}


@lru_cache(maxsize=2)
def regression_data(model: str, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """X (m, n) standard normal and y from a known linear model, seeded by (model, m, n).

    Parameters
    ----------
    model : {"linear", "logistic"}
        ``linear``: y = b + Xw + 0.1·noise.  ``logistic``: y ~ Bernoulli(σ(b + Xw)) as 0.0/1.0,
        so the classes overlap (non-separable: a finite minimiser exists).
    m, n : int
        Shape of X.

    Returns
    -------
    X : ndarray, shape (m, n), float64, C-contiguous
    y : ndarray, shape (m,), float64
    """
    rng = np.random.default_rng([SEED, _MODEL_CODE[model], m, n])
    X = rng.standard_normal((m, n))
    w = rng.uniform(-1.0, 1.0, n)
    z = X @ w + 0.5
    if model == "linear":
        y = z + 0.1 * rng.standard_normal(m)
    else:
        y = (rng.random(m) < 1.0 / (1.0 + np.exp(-z))).astype(np.float64)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


@lru_cache(maxsize=1)
def multistart_points(count: int) -> np.ndarray:
    """``count`` starting points, uniform in ``MULTISTART_INTERVAL``, seeded."""
    rng = np.random.default_rng([SEED, 3, count])
    starts = rng.uniform(*MULTISTART_INTERVAL, count)
    starts.setflags(write=False)
    return starts
