"""How the benchmarks call gradspec: the public API of DESIGN.md, and a clear failure without it.

A benchmark whose kernel has not landed yet must fail — naming the function it expects and
its signature — rather than be skipped, so a missing kernel is visible in every run.  All
calls go through this module, so the expected names are written down once.
"""

import importlib

import numpy as np
import pytest

#: What each benchmark expects, shown when it is missing.
EXPECTED = {
    "linear_regression": (
        "gk.linear_regression(X, y, learning_rate=..., num_iterations=..., tol=None, "
        "parallel=None|False|True) -> fit with .theta (intercept first), .cost, .n_iter "
        "(issue 7)"
    ),
    "logistic_regression": (
        "gk.logistic_regression(X, y, learning_rate=..., num_iterations=..., tol=None, "
        "parallel=None|False|True) -> fit with .theta (intercept first), .cost, .n_iter "
        "(issue 7)"
    ),
    "gradient_descent": (
        "gk.gradient_descent(fn, x0=..., learning_rate=..., num_iterations=...) -> result "
        "with .x, .n_iter (issue 3)"
    ),
    "multistart": (
        "gk.multistart(fn, starts, learning_rate=..., num_iterations=...) -> result with the "
        "end point of every start as .x (issue 3)"
    ),
    "functions.exp_minus_log": (
        "gk.functions.exp_minus_log with .f/.grad/.hess and the compiled kernels in .module "
        "(generated kernels)"
    ),
}


def kernels():
    """``gradspec.kernels``, or a test failure saying why it cannot be imported."""
    try:
        return importlib.import_module("gradspec.kernels")
    except Exception as exc:  # any import-time error is the answer the reader needs
        pytest.fail(f"cannot import gradspec.kernels: {exc!r}", pytrace=False)


def require(name: str):
    """The object ``gk.<name>`` (dotted), or a test failure naming the expected API.

    Parameters
    ----------
    name : str
        Dotted attribute path below ``gradspec.kernels``, e.g. ``"functions.exp_minus_log"``.
    """
    obj = kernels()
    for part in name.split("."):
        if not hasattr(obj, part):
            expected = EXPECTED.get(name, f"gk.{name}")
            pytest.fail(
                f"gradspec.kernels has no `{name}` yet — this benchmark expects {expected}. "
                "It fails (not skips) until that kernel lands.",
                pytrace=False,
            )
        obj = getattr(obj, part)
    return obj


def exp_minus_log():
    """The generated ``exp_minus_log`` entry (f(x) = eˣ − ln x)."""
    return require("functions.exp_minus_log")


def compiled_grad():
    """The generated, compiled ``exp_minus_log`` gradient (a Numba dispatcher).

    ``fn.grad`` is a Python wrapper that validates its argument; the raw kernel a compiled loop
    can call is ``fn.module.grad``.
    """
    fn = exp_minus_log()
    for candidate in (getattr(getattr(fn, "module", None), "grad", None), fn.grad):
        if candidate is not None and hasattr(candidate, "py_func"):
            return candidate
    pytest.fail(
        "gk.functions.exp_minus_log exposes no compiled gradient (expected the Numba "
        "dispatcher at .module.grad) for the bare-loop baseline",
        pytrace=False,
    )


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
    fit result
        Whatever the driver returns (``.theta``, ``.cost``, ``.n_iter``, ...).
    """
    driver = require(f"{model}_regression")
    options = {} if parallel is None else {"parallel": parallel}
    return driver(
        X, y, learning_rate=learning_rate, num_iterations=num_iterations, tol=None, **options
    )


def fit_theta(result, num_iterations: int) -> np.ndarray:
    """θ of a fit result, after checking that it ran every requested iteration."""
    n_iter = getattr(result, "n_iter", num_iterations)
    if n_iter != num_iterations:
        pytest.fail(
            f"the fit stopped after {n_iter} of {num_iterations} iterations "
            f"(reason {getattr(result, 'reason', '?')!r}); with tol=None it must run them all",
            pytrace=False,
        )
    return np.asarray(result.theta, dtype=np.float64)


def descend(x0: float, learning_rate: float, num_iterations: int):
    """``gk.gradient_descent`` on ``exp_minus_log`` (the lab call), the public driver."""
    driver = require("gradient_descent")
    return driver(
        exp_minus_log(), x0=x0, learning_rate=learning_rate, num_iterations=num_iterations
    )


def multistart(starts, learning_rate: float, num_iterations: int):
    """``gk.multistart`` on ``exp_minus_log`` from every start."""
    driver = require("multistart")
    return driver(
        exp_minus_log(), starts, learning_rate=learning_rate, num_iterations=num_iterations
    )


def end_points(result) -> np.ndarray:
    """The end point of every start in a ``multistart`` result, as a 1-D array."""
    for attribute in ("x", "points", "end_points", "ends"):
        if hasattr(result, attribute):
            return np.asarray(getattr(result, attribute), dtype=np.float64).reshape(-1)
    pytest.fail(
        "multistart result has no end points attribute (expected .x); it has "
        f"{sorted(a for a in dir(result) if not a.startswith('_'))}",
        pytrace=False,
    )
