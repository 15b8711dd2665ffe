"""The calling conventions of gradspec.kernels.functions and their argument checks."""

import numpy as np
import pytest
from helpers import assert_raises_naming

import gradspec.kernels as gk
from gradspec.symbolic.catalog.datasets import PASS_FAIL_8


def test_scalar_conventions():
    fn = gk.functions.exp_minus_log
    assert isinstance(fn.f(1.6), float)
    assert isinstance(fn.grad(1.6), float)
    assert isinstance(fn.hess(1.6), float)
    g = gk.functions.sauna.grad(0.5, 0.6)
    assert isinstance(g, tuple) and len(g) == 2
    assert gk.functions.sauna.hess(4.0, 4.0).shape == (2, 2)


def test_reference_values_from_spec():
    # document 002: ∇f(2, 3) = (4, 6) for the paraboloid; 003: f(1, 3, 4) = 11.
    assert gk.functions.paraboloid.grad(2.0, 3.0) == (4.0, 6.0)
    assert gk.functions.three_var.f(1, 3, 4) == 11.0
    # document 003: log_loss(0.5, −4) = 2.2159247388800756 on pass_fail_8.
    assert gk.functions.log_loss.f(0.5, -4, *PASS_FAIL_8) == pytest.approx(2.2159247388800756,
                                                                           rel=1e-13)


@pytest.mark.parametrize(("call", "exc", "words"), [
    (lambda: gk.functions.exp_minus_log.f(-1.0), ValueError, ["x=-1.0", "outside the domain"]),
    (lambda: gk.functions.exp_minus_log.f("a"), TypeError, ["x must be a real number"]),
    (lambda: gk.functions.exp_minus_log.f(float("nan")), ValueError, ["x must be finite"]),
    (lambda: gk.functions.sauna.f(1.0), TypeError, ["expected 2 coordinate"]),
    (lambda: gk.functions.three_var.grad(1, 2, -1), ValueError, ["z=-1.0", "domain"]),
    (lambda: gk.functions.log_loss.f(1, 1, [1, 2], [0]), ValueError, ["y has 1 entries"]),
    (lambda: gk.functions.log_loss.f(1, 1, [1, np.nan], [0, 1]), ValueError, ["x must be finite",
                                                                             "index 1"]),
    (lambda: gk.functions.cost_multiple_linear.f([1, 2], np.ones((3, 2)), np.ones(3)),
     ValueError, ["theta has 2 entries"]),
    (lambda: gk.functions.hyperplane_margin.grad([0, 0], 1.0, np.ones((3, 2)), np.ones(3)),
     ValueError, ["w must not be the zero vector"]),
    (lambda: gk.functions.no_such_entry, AttributeError, ["no entry 'no_such_entry'"]),
])
def test_bad_input_is_named(call, exc, words):
    assert_raises_naming(call, exc, words)


def test_arrays_of_any_layout_give_the_same_answer():
    X = np.arange(12.0).reshape(4, 3) / 7
    y = np.array([1.0, 0.0, 2.0, 1.0])
    theta = np.array([0.1, 0.2, -0.3, 0.4])
    ref = gk.functions.cost_multiple_linear.grad(theta, X, y)
    for X2 in (np.asfortranarray(X), np.repeat(X, 2, axis=0)[::2], X.astype(">f8"), X.tolist()):
        got = gk.functions.cost_multiple_linear.grad(theta, X2, y)
        np.testing.assert_array_equal(got, ref)
    X32 = X.astype(np.float32)  # converted exactly: the same as its float64 values
    np.testing.assert_array_equal(gk.functions.cost_multiple_linear.grad(theta, X32, y),
                                  gk.functions.cost_multiple_linear.grad(theta, X32 * 1.0, y))
    Xi = (X * 7).astype(int)
    np.testing.assert_array_equal(gk.functions.cost_multiple_linear.grad(theta, Xi, y),
                                  gk.functions.cost_multiple_linear.grad(theta, Xi * 1.0, y))
