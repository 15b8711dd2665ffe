"""Linear and polynomial regression on the fused kernels.

Tolerances, named once:

* ``OPTIMUM_ATOL = 1e-8``: the bar for reaching a known least-squares optimum by
  gradient descent (stopped at ‖∇J‖ ≤ 1e-12, so the iterate is ~1e-12/λ_min from it).
* ``COST_ROUNDING = 8ε``: "never increases" holds up to the rounding of the cost sum
  itself (once converged, successive costs agree to the last bits).
* ``SAME_RUN_RTOL = 1e-10``: fused kernel vs a plain NumPy implementation of the same steps;
  they differ only in summation order (BLAS vs row blocks), a few ulp per step.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from helpers import BAD_FITS

import gradspec.kernels as gk
from gradspec.kernels import fused
from gradspec.symbolic.catalog import datasets

OPTIMUM_ATOL = 1e-8
SAME_RUN_RTOL = 1e-10
COST_ROUNDING = 8 * np.finfo(float).eps


def exact_line_fit(x, y):
    """Least-squares (θ0, θ1) of a line, in exact rational arithmetic."""
    xs = [Fraction(float(v)) for v in x]
    ys = [Fraction(float(v)) for v in y]
    m = len(xs)
    mx, my = sum(xs) / m, sum(ys) / m
    t1 = sum((a - mx) * (b - my) for a, b in zip(xs, ys, strict=True)) / sum(
        (a - mx) ** 2 for a in xs
    )
    return float(my - t1 * mx), float(t1)


def numpy_gd(X, y, alpha, iters, c, theta0=None):
    """Plain NumPy batch gradient descent on J = c·Σ(z − y)² (the reference implementation)."""
    th = np.zeros(X.shape[1] + 1) if theta0 is None else np.array(theta0, float)
    for _ in range(iters):
        r = th[0] + X @ th[1:] - y
        g = 2.0 * c * np.concatenate([[r.sum()], X.T @ r])
        th = th - alpha * g
    return th


# ---------------------------------------------------------------- the seed's data (000)


def test_sglt1_glucose_reference_optimum_is_the_spec_value():
    t0, t1 = exact_line_fit(*datasets.SGLT1_GLUCOSE)
    assert t0 == pytest.approx(62.5444015444, abs=1e-10)
    assert t1 == pytest.approx(8.7528957528, abs=1e-10)


@pytest.mark.parametrize("scale, alpha", [("standard", 0.5), ("minmax", 1.0)])
def test_sglt1_glucose_reaches_the_optimum_with_scaling(scale, alpha):
    x, y = datasets.SGLT1_GLUCOSE
    fit = gk.linear_regression(x, y, alpha, 10_000, tol=1e-12, scale=scale)
    assert fit.converged and fit.reason == "converged"
    np.testing.assert_allclose(fit.theta, exact_line_fit(x, y), rtol=0, atol=OPTIMUM_ATOL)
    assert fit.scaling is not None and fit.scaling.method == scale
    assert fit.n_iter < 500


def test_sglt1_glucose_without_scaling_needs_far_more_iterations():
    x, y = datasets.SGLT1_GLUCOSE
    scaled = gk.linear_regression(x, y, 0.5, 100_000, tol=1e-12, scale="standard")
    # The largest step that is stable on the raw features is about 2/λ_max ≈ 0.0223; 0.02 is
    # just below it.  Measured: 10 534 steps at α = 0.01, 5 259 at α = 0.02, 47 scaled.
    raw = gk.linear_regression(x, y, 0.02, 100_000, tol=1e-12)
    assert raw.converged
    np.testing.assert_allclose(raw.theta, exact_line_fit(x, y), rtol=0, atol=OPTIMUM_ATOL)
    assert raw.n_iter > 50 * scaled.n_iter
    print(f"sglt1_glucose: {raw.n_iter} steps unscaled (α = 0.02), {scaled.n_iter} scaled")


def test_glucose_three_features_reaches_zero_cost_only_with_scaling():
    X, y = datasets.GLUCOSE_THREE_FEATURES
    scaled = gk.linear_regression(X, y, 0.5, 100_000, tol=1e-12, scale="standard")
    assert scaled.converged and scaled.cost < 1e-16
    exact = np.linalg.solve(np.column_stack([np.ones(4), X]), y)  # 4 equations, 4 unknowns
    np.testing.assert_allclose(scaled.theta, exact, rtol=1e-8, atol=1e-8)
    # Unscaled, the 666 limits the stable step to ~1.8e-5; 100 000 steps leave J far from 0.
    raw = gk.linear_regression(X, y, 1e-5, 100_000, tol=1e-12)
    assert raw.reason == "max_iterations" and raw.cost > 1.0
    diverged = gk.linear_regression(X, y, 1e-3, 1_000)
    assert diverged.reason == "diverged"


# ---------------------------------------------------------------- against independent solvers


@pytest.mark.parametrize("cost", ["mse_half", "mse", "sse"])
def test_equals_lstsq_on_well_conditioned_data(cost):
    rng = np.random.default_rng(7)
    m, n = 300, 5
    X = rng.standard_normal((m, n)) + rng.uniform(-3, 3, n)
    y = 1.5 + X @ rng.standard_normal(n) + 0.3 * rng.standard_normal(m)
    alpha = {"mse_half": 1.0, "mse": 0.5, "sse": 0.5 / m}[cost]
    fit = gk.linear_regression(X, y, alpha, 50_000, tol=1e-11, cost=cost, scale="standard")
    ref = np.linalg.lstsq(np.column_stack([np.ones(m), X]), y, rcond=None)[0]
    assert fit.converged and fit.cost_convention == cost
    np.testing.assert_allclose(fit.theta, ref, rtol=0, atol=OPTIMUM_ATOL)


def test_cost_conventions_differ_by_their_constants_and_match_the_catalog():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((40, 3))
    y = rng.standard_normal(40)
    th = rng.standard_normal(4)
    j_half, g_half = gk.linear_cost_grad(th, X, y, cost="mse_half")
    j_mse, g_mse = gk.linear_cost_grad(th, X, y, cost="mse")
    j_sse, g_sse = gk.linear_cost_grad(th, X, y, cost="sse")
    np.testing.assert_allclose([j_mse, j_sse], [2 * j_half, 80 * j_half], rtol=1e-14)
    np.testing.assert_allclose(g_mse, 2 * g_half, rtol=1e-14)
    np.testing.assert_allclose(g_sse, 80 * g_half, rtol=1e-13)
    catalog = gk.functions.cost_multiple_linear
    assert j_half == pytest.approx(catalog.f(th, X, y), rel=1e-13)
    np.testing.assert_allclose(g_half, catalog.grad(th, X, y), rtol=1e-12, atol=1e-15)


def test_cost_never_increases_with_a_small_step():
    rng = np.random.default_rng(11)
    X = rng.standard_normal((500, 4)) * [1, 10, 0.1, 3]
    y = X @ [1, -2, 3, 0.5] + rng.standard_normal(500)
    Xt = np.column_stack([np.ones(500), X])
    lmax = np.linalg.eigvalsh(Xt.T @ Xt / 500).max()  # L of mse_half
    fit = gk.linear_regression(X, y, 1.0 / lmax, 2_000)
    h = fit.cost_history
    assert np.all(np.diff(h) <= COST_ROUNDING * h[1:])


# ---------------------------------------------------------------- serial = parallel = NumPy


def test_serial_parallel_and_numpy_agree_on_the_same_run():
    rng = np.random.default_rng(5)
    m, n = 3 * fused.BLOCK + 123, 6  # several blocks and a ragged last one
    X = rng.standard_normal((m, n))
    y = X @ rng.standard_normal(n) + 0.1 * rng.standard_normal(m)
    kw = dict(learning_rate=0.1, num_iterations=50)
    serial = gk.linear_regression(X, y, parallel=False, **kw)
    par = gk.linear_regression(X, y, parallel=True, **kw)
    np.testing.assert_array_equal(serial.theta, par.theta)  # same blocks, same order
    np.testing.assert_array_equal(serial.cost_history, par.cost_history)
    ref = numpy_gd(X, y, 0.1, 50, 0.5 / m)
    np.testing.assert_allclose(par.theta, ref, rtol=SAME_RUN_RTOL, atol=1e-14)


def test_lab_mode_runs_exactly_num_iterations():
    x, y = datasets.LINE_123
    fit = gk.linear_regression(x, y, 0.1, 7, history=True)
    assert fit.n_iter == 7 and fit.reason == "max_iterations" and not fit.converged
    assert fit.path.shape == (8, 2) and fit.cost_history.shape == (8,)
    np.testing.assert_allclose(fit.theta, numpy_gd(x[:, None], y, 0.1, 7, 1 / 6), rtol=1e-14)
    np.testing.assert_array_equal(fit.path[-1], fit.theta)
    assert fit.cost_history[-1] == fit.cost


def test_divergence_is_reported_with_the_last_good_theta():
    x, y = datasets.SGLT1_GLUCOSE
    fit = gk.linear_regression(x, y, 0.5, 1_000)
    assert fit.reason == "diverged" and not fit.converged
    assert fit.failed_at == fit.n_iter + 1
    assert np.all(np.isfinite(fit.theta)) and np.isfinite(fit.cost)
    assert "diverged" in fit.message


def test_scaled_fit_with_a_start_in_original_units():
    x, y = datasets.SGLT1_GLUCOSE
    best = exact_line_fit(x, y)
    fit = gk.linear_regression(x, y, 0.5, 100, tol=1e-9, scale="minmax", theta0=best)
    assert fit.converged and fit.n_iter == 0
    np.testing.assert_allclose(fit.theta, best, rtol=1e-13)


# ---------------------------------------------------------------- polynomial


def test_polynomial_regression_recovers_a_cubic():
    x = np.linspace(-2, 3, 60)
    b = np.array([1.0, -2.0, 0.5, 0.25])
    y = b[0] + b[1] * x + b[2] * x**2 + b[3] * x**3
    fit = gk.polynomial_regression(x, y, 3, 0.5, 200_000, tol=1e-12)
    assert fit.converged and fit.scaling.method == "standard"
    np.testing.assert_allclose(fit.theta, b, rtol=0, atol=1e-7)
    np.testing.assert_allclose(gk.polynomial_features(x, 3)[:, 2], x**3)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("X, y, kwargs, exc, words", BAD_FITS)
def test_bad_input_is_refused_before_compiled_code(X, y, kwargs, exc, words):
    args = dict(learning_rate=0.1, num_iterations=10)
    args.update(kwargs)
    with pytest.raises(exc, match=None) as info:
        gk.linear_regression(X, y, **args)
    assert words in str(info.value)


@pytest.mark.parametrize("degree, exc", [(0, ValueError), (-2, ValueError), (2.0, TypeError)])
def test_bad_polynomial_degree(degree, exc):
    with pytest.raises(exc, match="degree"):
        gk.polynomial_regression(np.arange(5.0), np.arange(5.0), degree, 0.1, 10)


def test_integer_float32_and_strided_inputs_are_converted():
    rng = np.random.default_rng(2)
    X = rng.integers(-5, 5, size=(50, 6))
    y = rng.integers(0, 10, size=50)
    ref = gk.linear_regression(X[:, ::2].astype(np.float64).copy(), y.astype(float), 0.01, 30)
    for Xv, yv in [(X[:, ::2], y), (X[:, ::2].astype(np.float32), y.astype(np.float32)),
                   (np.asfortranarray(X[:, ::2]), list(y))]:
        fit = gk.linear_regression(Xv, yv, 0.01, 30)
        np.testing.assert_array_equal(fit.theta, ref.theta)
