"""How the benchmarks call gradspec: its public API, written down once for every benchmark."""

import numpy as np
import pytest

import gradspec.kernels as gk


def exp_minus_log():
    """The generated ``exp_minus_log`` entry (f(x) = eˣ − ln x)."""
    return gk.functions.exp_minus_log


def compiled_grad():
    """The generated, compiled ``exp_minus_log`` gradient (a Numba dispatcher).

    ``fn.grad`` is a Python wrapper that validates its argument; the raw kernel a compiled loop
    can call is ``fn.module.grad``.
    """
    return exp_minus_log().module.grad


def fit(model: str, X, y, learning_rate: float, num_iterations: int, parallel=None):
    """Fit with gradspec's public driver, ``tol=None``: exactly ``num_iterations`` plain steps.

    Parameters
    ----------
    model : {"linear", "logistic"}
    X, y : ndarray
    learning_rate : float
    num_iterations : int
    parallel : bool or None
        Force the serial (False) or ``prange`` (True) fused kernel; None (not passed) lets the
        driver choose by size.

    Returns
    -------
    FitResult
    """
    driver = gk.linear_regression if model == "linear" else gk.logistic_regression
    options = {} if parallel is None else {"parallel": parallel}
    return driver(
        X, y, learning_rate=learning_rate, num_iterations=num_iterations, tol=None, **options
    )


def fit_theta(result, num_iterations: int) -> np.ndarray:
    """θ of a fit result, after checking that it ran every requested iteration."""
    if result.n_iter != num_iterations:
        pytest.fail(
            f"the fit stopped after {result.n_iter} of {num_iterations} iterations "
            f"(reason {result.reason!r}); with tol=None it must run them all",
            pytrace=False,
        )
    return np.asarray(result.theta, dtype=np.float64)


def descend(x0: float, learning_rate: float, num_iterations: int, check_value: bool = True):
    """``gk.gradient_descent`` on ``exp_minus_log`` (the lab call), the public driver
    (``check_value=False``: f is not evaluated at every iterate, only f′, as the bare loop does;
    the default call passes no such option)."""
    options = {} if check_value else {"check_value": False}
    return gk.gradient_descent(
        exp_minus_log(), x0=x0, learning_rate=learning_rate, num_iterations=num_iterations,
        **options,
    )


def multistart(starts, learning_rate: float, num_iterations: int, check_value: bool = True):
    """``gk.multistart`` on ``exp_minus_log`` from every start (``check_value=False``: f is
    not evaluated at every iterate, only ∇f, as the peers do)."""
    return gk.multistart(
        exp_minus_log(), starts, learning_rate=learning_rate, num_iterations=num_iterations,
        check_value=check_value,
    )


def end_points(result) -> np.ndarray:
    """The end point of every start in a ``multistart`` result, as a 1-D array."""
    return np.asarray(result.x, dtype=np.float64).reshape(-1)
