"""float32 X and feature scaling through the public fits (no copy of X; sums in float64).

Tolerances, named once:

* a float32 X is read as it is and every sum is float64, so a fit on float32 X is the *same
  arithmetic* as the fit on those values converted to float64: θ and the cost history are
  compared for equality;
* ``F32_RTOL = 8·ε₃₂``: against the float64 data the float32 values were rounded from (each
  entry within ε₃₂/2 relative), θ of a well-conditioned fit (standard-normal features) moves by
  about cond·ε₃₂/2;
* scaling applied on the fly computes (x − μ)/σ exactly as a scaled copy does: θ in scaled
  coordinates equals the fit on the copy up to the rounding of mapping θ to the original
  units and back (``SCALE_RTOL = 1e-12``).
"""

from __future__ import annotations

import numpy as np
import pytest

import gradspec.kernels as gk

F32_RTOL = 8 * float(np.finfo(np.float32).eps)
SCALE_RTOL = 1e-12


def data(model, m=6000, n=6, seed=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    z = X @ rng.uniform(-1, 1, n) + 0.3
    y = z + 0.1 * rng.standard_normal(m) if model == "linear" else (
        rng.random(m) < 1 / (1 + np.exp(-z))).astype(float)
    return X, y


def fit(model, X, y, **kw):
    driver = gk.linear_regression if model == "linear" else gk.logistic_regression
    return driver(X, y, 0.2, 60, tol=None, **kw)


@pytest.mark.parametrize("model", ["linear", "logistic"])
@pytest.mark.parametrize("scale", [None, "standard", "minmax"])
def test_float32_fit_is_the_float64_fit_of_the_same_values(model, scale):
    X, y = data(model)
    X32 = X.astype(np.float32)
    a = fit(model, X32, y, scale=scale)
    b = fit(model, X32.astype(np.float64), y, scale=scale)
    np.testing.assert_array_equal(a.theta, b.theta)
    np.testing.assert_array_equal(a.cost_history, b.cost_history)


@pytest.mark.parametrize("model", ["linear", "logistic"])
def test_float32_fit_is_within_float32_rounding_of_the_float64_fit(model):
    X, y = data(model)
    a = fit(model, X.astype(np.float32), y)
    b = fit(model, X, y)
    np.testing.assert_allclose(a.theta, b.theta, rtol=F32_RTOL, atol=F32_RTOL)


@pytest.mark.parametrize("model", ["linear", "logistic"])
@pytest.mark.parametrize("scale", ["standard", "minmax"])
def test_scaling_on_the_fly_equals_the_fit_on_the_scaled_copy(model, scale):
    X, y = data(model)
    X = X * [1.0, 100.0, 0.01, 3.0, 1.0, 7.0] + [0.0, 50.0, -1.0, 0.0, 2.0, 0.0]
    on_the_fly = fit(model, X, y, scale=scale)
    scaling = on_the_fly.scaling
    copy = fit(model, np.ascontiguousarray((X - scaling.shift) / scaling.span), y)
    np.testing.assert_allclose(scaling.theta_to_scaled(on_the_fly.theta), copy.theta,
                               rtol=SCALE_RTOL, atol=SCALE_RTOL)
