"""Logistic regression on the fused kernels: stable log-loss, separable data.

Tolerances, named once:

* ``LBFGS_ATOL = 1e-6``: the bar against an independent optimiser (SciPy L-BFGS-B
  on the same loss, run to its own tight tolerances).
* ``SPEC_RTOL = 1e-12``: the catalog's printed reference values are given to ~16 digits; the
  first (2.2159247388800756) is itself 1.9e-14 off the 50-digit value 2.21592473888003328…
* ``COST_ROUNDING = 8ε``: "never increases" holds up to the rounding of the cost sum
  itself (once converged, successive costs agree to the last bits).
* ``SAME_RUN_RTOL = 1e-10``: fused kernel vs plain NumPy on the same steps (summation order).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import minimize

import gradspec.kernels as gk
from gradspec.kernels import fused
from gradspec.symbolic.catalog import datasets

LBFGS_ATOL = 1e-6
SPEC_RTOL = 1e-12
SAME_RUN_RTOL = 1e-10
COST_ROUNDING = 8 * np.finfo(float).eps


def nonseparable(seed=1, m=300):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, 3)) * [1.0, 2.0, 0.5] + [0.0, 1.0, -1.0]
    p = 1.0 / (1.0 + np.exp(-(0.3 + X @ [1.0, -1.0, 2.0])))
    y = (rng.random(m) < p).astype(float)
    return X, y


def numpy_loss_grad(theta, X, y):
    """The log-loss and its gradient in NumPy (logaddexp form), the independent reference."""
    z = theta[0] + X @ theta[1:]
    r = 1.0 / (1.0 + np.exp(-z)) - y
    m = y.size
    return np.mean(np.logaddexp(0.0, z) - y * z), np.concatenate([[r.sum()], X.T @ r]) / m


def test_equals_scipy_lbfgs_on_nonseparable_data():
    X, y = nonseparable()
    fit = gk.logistic_regression(X, y, 1.0, 100_000, tol=1e-12, scale="standard")
    ref = minimize(numpy_loss_grad, np.zeros(4), args=(X, y), jac=True, method="L-BFGS-B",
                   options={"gtol": 1e-13, "ftol": 1e-16, "maxiter": 10_000})
    assert fit.converged and fit.reason == "converged" and fit.separated_at is None
    np.testing.assert_allclose(fit.theta, ref.x, rtol=0, atol=LBFGS_ATOL)
    assert fit.cost == pytest.approx(ref.fun, rel=1e-10)


def test_cost_never_increases_with_a_small_step():
    X, y = nonseparable(seed=4)
    Xt = np.column_stack([np.ones(y.size), X])
    lipschitz = np.linalg.eigvalsh(Xt.T @ Xt / y.size).max() / 4.0  # σ' ≤ ¼
    fit = gk.logistic_regression(X, y, 1.0 / lipschitz, 3_000)
    h = fit.cost_history
    assert np.all(np.diff(h) <= COST_ROUNDING * h[1:])


def test_serial_parallel_and_numpy_agree_on_the_same_run():
    rng = np.random.default_rng(8)
    m = 2 * fused.BLOCK + 77
    X = rng.standard_normal((m, 5))
    y = (rng.random(m) < 1 / (1 + np.exp(-X @ rng.standard_normal(5)))).astype(float)
    serial = gk.logistic_regression(X, y, 0.5, 40, parallel=False)
    par = gk.logistic_regression(X, y, 0.5, 40, parallel=True)
    np.testing.assert_array_equal(serial.theta, par.theta)
    th = np.zeros(6)
    for _ in range(40):
        th = th - 0.5 * numpy_loss_grad(th, X, y)[1]
    np.testing.assert_allclose(par.theta, th, rtol=SAME_RUN_RTOL, atol=1e-15)


# ---------------------------------------------------------------- the seed (003)


SEED_MODELS = [  # (w, b), ln-loss, the document's printed (base-10) cost, SPEC gradient (w, b)
    ((0.5, -4.0), 2.2159247388800756, 0.96236, (7.684068519528064, 0.43327447771142763)),
    ((1.0, -25.0), 0.055654026742092494, 0.02417, (0.4006904847668711, 0.01871727935562826)),
]


@pytest.mark.parametrize("wb, ln_cost, doc_cost, grad", SEED_MODELS)
def test_log_loss_at_the_seed_models(wb, ln_cost, doc_cost, grad):
    x, y = datasets.PASS_FAIL_8
    theta = np.array([wb[1], wb[0]])  # intercept first
    assert gk.logistic_cost(theta, x, y) == pytest.approx(ln_cost, rel=SPEC_RTOL)
    # The document's 0.96236 / 0.02417 are −(1/8)·log₁₀ L: reproduced by the base-10 variant.
    assert gk.logistic_cost_base10(theta, x, y) == pytest.approx(doc_cost, abs=5e-6)
    assert gk.logistic_cost_base10(theta, x, y) == pytest.approx(ln_cost / math.log(10), 1e-14)
    assert gk.logistic_cost(theta, x, y) != pytest.approx(doc_cost, rel=0.1)
    j, g = gk.logistic_cost_grad(theta, x, y)
    np.testing.assert_allclose(g, [grad[1], grad[0]], rtol=SPEC_RTOL)
    assert j == pytest.approx(gk.functions.log_loss.f(wb[0], wb[1], x, y), rel=1e-14)


def test_pass_fail_8_is_reported_separable_not_converged():
    x, y = datasets.PASS_FAIL_8
    fit = gk.logistic_regression(x, y, 0.5, 20_000, scale="standard", history=True)
    assert fit.reason == "separable" and not fit.converged
    assert fit.separated_at is not None and fit.separated_at < 100
    # The loss keeps falling toward 0 while ‖θ‖ keeps growing.
    h = fit.cost_history
    assert np.all(np.diff(h) < 0) and h[-1] < h[0] / 100  # falls like 1/k, never reaching 0
    norms = np.linalg.norm(fit.path, axis=1)
    assert norms[-1] > norms[len(norms) // 2] > norms[len(norms) // 10]
    z = fit.decision_function(x)
    assert np.all((z > 0) == (y == 1))
    assert "no finite minimiser" in fit.message


def test_separable_is_never_converged_even_when_the_gradient_meets_tol():
    x, y = datasets.PASS_FAIL_8
    fit = gk.logistic_regression(x, y, 1.0, 1_000_000, tol=1e-4, scale="standard")
    assert fit.grad_norm <= 1e-4  # the gradient does vanish along the way ...
    assert fit.reason == "separable" and not fit.converged  # ... but there is no minimiser


@pytest.mark.parametrize("bad, row", [([0, 1, 2, 0], 2), ([0, 1, -1, 1], 2), ([0.5, 1, 0, 1], 0)])
def test_labels_outside_0_1_are_refused(bad, row):
    with pytest.raises(ValueError, match=rf"labels must be 0 or 1, but y\[{row}\]"):
        gk.logistic_regression(np.arange(4.0), bad, 0.1, 10)


def test_bad_input_names_the_first_bad_row():
    X = np.ones((5, 2))
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="X row 3"):
        gk.logistic_regression(X, [0, 1, 0, 1, 0], 0.1, 10)
