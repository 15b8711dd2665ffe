"""Separability is certified (a linear program, or the overlap certificate for classes that
overlap), never inferred from a loose ``tol``."""

from __future__ import annotations

import numpy as np

import gradspec.kernels as gk
from gradspec.kernels.fitting import separating_hyperplane


def _thin_margin(m=120, n=30, seed=0, noise=2.0):
    """Standardised features with noisy labels: with m = 4n rows the classes are still
    linearly separable (a linear program says so), but only by a thin margin."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    w = rng.standard_normal(n)
    y = (X @ w + noise * rng.standard_normal(m) > 0.0).astype(float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, y


def test_separable_data_is_never_converged_at_a_loose_tol():
    X, y = _thin_margin()
    fit = gk.logistic_regression(X, y, 0.1, 100_000, tol=1e-2)
    # the loose tol is met while some iterate still misclassifies a row: the trajectory alone
    # would have said "converged"
    assert fit.separated_at is None
    assert fit.reason == "separable" and not fit.converged and fit.separable is True
    theta = fit.separating_hyperplane
    s = 2.0 * y - 1.0
    assert np.all(s * (theta[0] + X @ theta[1:]) > 0.0)


def test_hyperplane_is_in_original_units_when_scaled():
    X, y = _thin_margin(m=200, n=5, seed=1, noise=0.0)
    Xo = X * np.array([1.0, 10.0, 100.0, 0.1, 3.0]) + 7.0
    fit = gk.logistic_regression(Xo, y, 0.5, 50, tol=1e-2, scale="standard")
    assert fit.reason == "separable"
    theta = fit.separating_hyperplane
    assert np.all((2.0 * y - 1.0) * (theta[0] + Xo @ theta[1:]) > 0.0)


def test_overlapping_classes_are_not_called_separable():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((300, 3))
    y = (X[:, 0] + 0.8 * rng.standard_normal(300) > 0.0).astype(float)
    assert separating_hyperplane(X, y) is None
    fit = gk.logistic_regression(X, y, 0.5, 20_000, tol=1e-8)
    assert fit.reason == "converged" and fit.separable is False
    assert fit.separating_hyperplane is None


def test_labels_predict_proba_and_score_follow_scikit_learn():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((100, 2))
    y = (X[:, 0] - X[:, 1] + 0.5 * rng.standard_normal(100) > 0.0).astype(float)
    fit = gk.logistic_regression(X, y, 0.5, 2000, tol=1e-8)
    z = fit.decision_function(X)
    proba = fit.predict_proba(X)
    assert proba.shape == (100, 2) and np.allclose(proba.sum(axis=1), 1.0)
    assert np.array_equal(fit.predict(X), (proba[:, 1] > 0.5).astype(np.int64))
    assert np.array_equal(fit.predict(X) == 1, z > 0.0)
    assert fit.score(X, y) == np.mean(fit.predict(X) == y)
    lin = gk.linear_regression(X, X @ [2.0, -1.0] + 3.0, 0.1, 2000, tol=1e-12)
    assert abs(lin.score(X, X @ [2.0, -1.0] + 3.0) - 1.0) < 1e-12
    assert (lin.x is lin.theta and lin.fun == lin.cost and lin.nit == lin.n_iter
            and lin.success == lin.converged)


def _count_lp_rows(monkeypatch):
    """Record the number of rows of every linear program the certificate solves."""
    from gradspec.kernels import fitting

    sizes = []
    solve = fitting._feasibility

    def counted(X, y):
        sizes.append(X.shape[0])
        return solve(X, y)

    monkeypatch.setattr(fitting, "_feasibility", counted)
    return sizes


def _overlapping(m):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((m, 4))
    y = (X[:, 0] + rng.standard_normal(m) > 0.0).astype(float)
    return X, y


def test_overlap_is_proved_without_a_linear_program(monkeypatch):
    from gradspec.kernels.fitting import CERTIFY_SUBSET_ROWS

    sizes = _count_lp_rows(monkeypatch)
    X, y = _overlapping(20 * CERTIFY_SUBSET_ROWS)
    assert separating_hyperplane(X, y) is None
    # the overlap certificate of the first subset (Gordan's theorem) answered: no LP at all
    assert sizes == []


def test_without_the_overlap_certificate_the_first_subset_lp_answers(monkeypatch):
    from gradspec.kernels import fitting
    from gradspec.kernels.fitting import CERTIFY_SUBSET_ROWS

    sizes = _count_lp_rows(monkeypatch)
    monkeypatch.setattr(fitting, "overlap_certified", lambda X, y: False)
    X, y = _overlapping(20 * CERTIFY_SUBSET_ROWS)
    assert separating_hyperplane(X, y) is None
    # one small LP: an infeasible subset certifies every row
    assert sizes == [CERTIFY_SUBSET_ROWS]


def test_separable_rows_beyond_the_subsets_are_checked(monkeypatch):
    from gradspec.kernels.fitting import CERTIFY_SUBSET_ROWS

    sizes = _count_lp_rows(monkeypatch)
    X, y = _thin_margin(m=20 * CERTIFY_SUBSET_ROWS, n=60, seed=4, noise=0.0)
    theta = separating_hyperplane(X, y)
    assert theta is not None
    assert np.all((2.0 * y - 1.0) * (theta[0] + X @ theta[1:]) > 0.0)
    # every LP but the last saw a strict subset of the rows, in growing sizes
    assert sizes[0] == CERTIFY_SUBSET_ROWS and sizes == sorted(sizes)
