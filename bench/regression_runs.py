"""One regression case run by each implementation: inputs prepared, result checked.

Shared by ``test_regression`` (the peer comparison) and ``test_growth`` (cost growth), so both
call gradspec and its peers the same way and check them against the same reference.
"""

from functools import lru_cache

import numba
import numpy as np
import pytest

from . import gradspec_api, numba_baselines, peers_numpy, peers_python
from .cases import FLOAT32_RTOL, LEARNING_RATE, REGRESSION_ATOL, REGRESSION_RTOL
from .data import regression_data


class threads_limited:
    """Context manager: run Numba with ``n`` threads, restore the previous count after."""

    def __init__(self, n: int):
        self.n = n

    def __enter__(self):
        self.previous = numba.get_num_threads()
        numba.set_num_threads(self.n)
        return self

    def __exit__(self, *exc):
        numba.set_num_threads(self.previous)


@lru_cache(maxsize=4)
def numpy_theta(case) -> np.ndarray:
    """θ from the NumPy peer: the independent result gradspec's kernel is checked against."""
    X, y = regression_data(case.model, case.m, case.n)
    return getattr(peers_numpy, f"{case.model}_gd")(X, y, LEARNING_RATE, case.iterations)


@lru_cache(maxsize=4)
def _gradspec_theta(case) -> np.ndarray:
    X, y = regression_data(case.model, case.m, case.n)
    result = gradspec_api.fit(case.model, X, y, LEARNING_RATE, case.iterations)
    return gradspec_api.fit_theta(result, case.iterations)


def reference(case, impl: str) -> tuple[np.ndarray, str]:
    """The θ that ``impl``'s result must equal, and where it came from.

    gradspec is checked against NumPy (an independent implementation); every peer is checked
    against gradspec's kernel.
    """
    if impl.startswith("gradspec"):
        return numpy_theta(case), "numpy"
    return _gradspec_theta(case), "gradspec"


def assert_close(got, expected, who: str, against: str) -> None:
    """θ equal to ``REGRESSION_RTOL`` (``FLOAT32_RTOL`` for a float32 X); otherwise the test
    fails and no time is recorded."""
    f32 = who.endswith("float32")
    np.testing.assert_allclose(
        np.asarray(got, dtype=np.float64),
        expected,
        rtol=FLOAT32_RTOL if f32 else REGRESSION_RTOL,
        atol=FLOAT32_RTOL if f32 else REGRESSION_ATOL,
        err_msg=f"{who} disagrees with {against}; its time does not count",
    )


def checked_call(benchmark, case, impl: str, *, kind: str, threads: int, x_bytes: int):
    """``(fn, args, check)`` for one implementation, with the run recorded in the benchmark.

    Records what the report reads (the case, the implementation, ``threads``, the bytes of X
    one iteration streams, the tolerance and which result it is checked against) and returns
    :func:`prepare`'s call with ``check``, which holds its θ equal to :func:`reference`'s.
    """
    benchmark.extra_info.update(
        kind=kind,
        case=case.label,
        model=case.model,
        m=case.m,
        n=case.n,
        iterations=case.iterations,
        impl=impl,
        threads=threads,
        x_bytes=x_bytes,
        rtol=REGRESSION_RTOL,
    )
    fn, args, theta_of = prepare(case, impl)
    expected, source = reference(case, impl)
    benchmark.extra_info["checked_against"] = source

    def check(result):
        assert_close(theta_of(result), expected, impl, source)

    return fn, args, check


def prepare(case, impl: str):
    """``(fn, args, theta_of)`` for one implementation; inputs converted before any timing.

    Parameters
    ----------
    case : bench.cases.RegressionCase
    impl : str
        ``"gradspec"`` (the driver's choice of kernel), ``"gradspec-serial"``,
        ``"gradspec-parallel"``, ``"gradspec-float32"`` (the parallel kernel on X as
        float32), ``"numpy"``, ``"numba-prange"``, ``"numba-prange-fastmath"`` (the plain
        parallel loops of ``numba_baselines``: peers, not kernels under test),
        ``"jax"`` or ``"python"``.

    Returns
    -------
    fn : callable
        What is timed, called as ``fn(*args)``.
    args : tuple
    theta_of : callable
        Extracts θ (intercept first) from ``fn``'s result.
    """
    X, y = regression_data(case.model, case.m, case.n)
    steps = (LEARNING_RATE, case.iterations)
    if impl == "gradspec-float32":
        X = X.astype(np.float32)  # converted before timing: the fit reads it as it is
    if impl.startswith("gradspec"):
        parallel = {"gradspec": None, "gradspec-serial": False, "gradspec-parallel": True,
                    "gradspec-float32": True}[impl]

        def fit(X, y, learning_rate, num_iterations):
            return gradspec_api.fit(case.model, X, y, learning_rate, num_iterations, parallel)

        return fit, (X, y, *steps), lambda r: gradspec_api.fit_theta(r, case.iterations)
    if impl == "numpy":
        return getattr(peers_numpy, f"{case.model}_gd"), (X, y, *steps), np.asarray
    if impl == "numba-prange":
        return numba_baselines.PLAIN_PRANGE[case.model], (X, y, *steps), np.asarray
    if impl == "numba-prange-fastmath":
        return numba_baselines.PLAIN_PRANGE_FASTMATH[case.model], (X, y, *steps), np.asarray
    if impl == "jax":
        try:
            from . import peers_jax
        except ImportError as exc:
            pytest.fail(f"JAX is not installed ({exc}); pip install 'gradspec[bench]'")
        Xd, yd = peers_jax.to_device(X, y)
        return getattr(peers_jax, f"{case.model}_gd"), (Xd, yd, *steps), np.asarray
    if impl == "python":
        rows, targets = X.tolist(), y.tolist()
        return getattr(peers_python, f"{case.model}_gd"), (rows, targets, *steps), np.asarray
    raise ValueError(f"unknown implementation {impl!r}")
