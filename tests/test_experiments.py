"""The two experiments of document 004, batched in one prange kernel each."""

from __future__ import annotations

import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels import experiments as gx


@pytest.fixture(scope="module")
def slopes():
    return gx.slope_experiment(seed=3)


def test_slope_experiment_shape_and_grid(slopes):
    np.testing.assert_allclose(slopes.slopes, np.linspace(-2, 2, 21))
    assert slopes.loss.shape == slopes.corr.shape == (21, 50)
    assert slopes.theta.shape == (21, 50, 2)
    assert set(slopes.reason.ravel()) == {"max_iterations"}


def test_slope_experiment_is_reproducible(slopes):
    again = gx.slope_experiment(seed=3)
    np.testing.assert_array_equal(again.loss, slopes.loss)
    np.testing.assert_array_equal(again.corr, slopes.corr)
    other = gx.slope_experiment(seed=4)
    assert not np.array_equal(other.loss, slopes.loss)


def test_correlation_drops_near_zero_slope(slopes):
    c = slopes.mean_corr
    assert np.argmin(c) == 10  # m = 0
    assert c[10] < 0.3 and c[0] > 0.95 and c[-1] > 0.95
    # Converged fits: corr ≈ |m|/√(m² + ¼) on average.
    m = slopes.slopes
    idx = [0, 5, 15, 20]
    np.testing.assert_allclose(c[idx], (np.abs(m) / np.sqrt(m**2 + 0.25))[idx], atol=0.03)


def test_converged_loss_is_the_noise_variance_but_early_loss_grows_with_slope(slopes):
    np.testing.assert_allclose(slopes.mean_loss, 0.25, atol=0.03)
    early = gx.slope_experiment(learning_rate=0.01, num_iterations=10, seed=3)
    assert early.mean_loss[0] > 5 * early.mean_loss[10]
    assert early.mean_loss[20] > 5 * early.mean_loss[10]


def test_a_batched_fit_equals_the_single_fit(slopes):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((21, 50, 50))
    noise = rng.standard_normal((21, 50, 50)) / 2
    s, r = 17, 9
    y = slopes.slopes[s] * x[s, r] + noise[s, r]
    fit = gk.linear_regression(x[s, r], y, 0.05, 500, cost="mse")
    np.testing.assert_array_equal(fit.theta, slopes.theta[s, r])
    assert fit.cost == slopes.loss[s, r]


def test_classification_experiment():
    res = gx.classification_experiment(seed=1)
    assert res.loss.shape == res.accuracy.shape == (40,)
    again = gx.classification_experiment(seed=1)
    np.testing.assert_array_equal(res.loss, again.loss)
    # Larger steps (all stable here) get further in the same number of epochs.
    assert np.all(np.diff(res.loss) < 0)
    assert res.accuracy[-1] > 0.9 and res.best_learning_rate == pytest.approx(0.1)
    one = gk.logistic_regression(res.X, res.y, float(res.learning_rates[7]), 1000)
    np.testing.assert_array_equal(one.theta, res.theta[7])
    assert one.reason == res.reason[7]


def test_classification_experiment_reports_divergence_and_bad_rates():
    res = gx.classification_experiment(learning_rates=[0.05, 1e6], num_iterations=200, seed=0)
    assert res.reason[0] != "diverged"
    with pytest.raises(ValueError, match="learning_rates"):
        gx.classification_experiment(learning_rates=[0.1, -1.0])
