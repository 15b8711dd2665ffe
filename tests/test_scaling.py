"""Feature scaling (001 ``min_max_scaling``): statistics, application, θ back to original units."""

from __future__ import annotations

import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels.scaling import fit_scaling
from gradspec.symbolic.catalog import datasets

ROUND_TRIP_RTOL = 1e-13  # a handful of roundings through an affine map and its inverse


@pytest.fixture
def X():
    return datasets.GLUCOSE_THREE_FEATURES[0]


def test_min_max_maps_each_feature_onto_0_1(X):
    S = gk.min_max_scale(X)
    np.testing.assert_array_equal(S.min(axis=0), 0.0)
    np.testing.assert_allclose(S.max(axis=0), 1.0, rtol=1e-15)
    np.testing.assert_allclose(S[:, 2], (X[:, 2] - 2.0) / 664.0, rtol=1e-15)


def test_standardisation_gives_mean_0_std_1(X):
    S = gk.standardize(X)
    np.testing.assert_allclose(S.mean(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(S.std(axis=0), 1.0, rtol=1e-14)


@pytest.mark.parametrize("method", ["minmax", "standard"])
def test_theta_maps_back_to_the_same_model(X, method):
    sc = fit_scaling(X, method)
    theta_s = np.array([0.3, -1.2, 2.0, 0.7])
    theta = sc.theta_to_original(theta_s)
    z_scaled = theta_s[0] + sc.apply(X) @ theta_s[1:]
    z_orig = theta[0] + X @ theta[1:]
    np.testing.assert_allclose(z_orig, z_scaled, rtol=ROUND_TRIP_RTOL, atol=1e-12)
    np.testing.assert_allclose(sc.theta_to_scaled(theta), theta_s, rtol=ROUND_TRIP_RTOL)


def test_theta_maps_rows_of_a_path(X):
    sc = fit_scaling(X, "standard")
    path = np.arange(12.0).reshape(3, 4)
    np.testing.assert_allclose(sc.theta_to_original(path)[1], sc.theta_to_original(path[1]))


def test_a_constant_feature_is_refused_by_name():
    X = np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]])
    for method in ("minmax", "standard"):
        with pytest.raises(ValueError, match="feature 1 is constant"):
            fit_scaling(X, method)


def test_unknown_method_is_refused(X):
    with pytest.raises(ValueError, match="minmax"):
        fit_scaling(X, "l2")


def test_fit_result_carries_the_scaling():
    x, y = datasets.SGLT1_GLUCOSE
    fit = gk.linear_regression(x, y, 0.5, 50, scale="minmax")
    assert fit.scaling.method == "minmax"
    np.testing.assert_array_equal(fit.scaling.shift, [2.0])
    np.testing.assert_array_equal(fit.scaling.span, [10.0])
    assert gk.linear_regression(x, y, 0.01, 5).scaling is None
