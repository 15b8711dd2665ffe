"""multistart: 1,000,000 starts × 25 iterations of descent on ``exp_minus_log``.

Reported in ns per point-iteration (best time / (starts × 25)), by:

- ``gradspec``: ``gk.multistart`` (its ``prange`` kernel, end points and clustering), as
  called by default: f is evaluated at every iterate (``check_value=True``: a non-finite value
  is divergence), besides ∇f, the domain test and a reason per start;
- ``gradspec-no-value-check``: the same with ``check_value=False`` — ∇f, the domain and
  divergence tests, reasons and clustering, but no f per iterate (eˣ − ln x needs a log that
  eˣ − 1/x does not): the work closest to the peers', which evaluate ∇f only and check
  nothing;
- ``numba-prange``: the generated gradient in a bare ``prange`` loop;
- ``numpy``: the update vectorised over all starts;
- ``jax``: ``jax.vmap`` of a jitted ``lax.fori_loop``, float64.

Every end point equals gradspec's (gradspec's equal NumPy's) to ``MULTISTART_RTOL`` first.
"""

import numba
import numpy as np
import pytest

from . import gradspec_api, numba_baselines, peers_numpy
from .cases import (
    LAB_ITERATIONS,
    LAB_LEARNING_RATE,
    MULTISTART_RTOL,
    multistart_starts,
    quick_mode,
)
from .data import multistart_points
from .timing import best_seconds, measure

IMPLEMENTATIONS = ["gradspec", "gradspec-no-value-check", "numba-prange", "numpy", "jax"]


def _prepare(impl, starts):
    """``(fn, args, points_of)`` for one implementation; inputs converted before timing."""
    steps = (LAB_LEARNING_RATE, LAB_ITERATIONS)
    if impl == "gradspec":
        return gradspec_api.multistart, (starts, *steps), gradspec_api.end_points
    if impl == "gradspec-no-value-check":
        return gradspec_api.multistart, (starts, *steps, False), gradspec_api.end_points
    if impl == "numba-prange":
        loop = numba_baselines.multistart_loop(gradspec_api.compiled_grad())
        return loop, (starts, *steps), np.asarray
    if impl == "numpy":
        return peers_numpy.multistart_descent, (starts, *steps), np.asarray
    if impl == "jax":
        try:
            from . import peers_jax
        except ImportError as exc:
            pytest.fail(f"JAX is not installed ({exc}); pip install 'gradspec[bench]'")
        (starts_d,) = peers_jax.to_device(starts)
        return peers_jax.multistart_descent, (starts_d, *steps), np.asarray
    raise ValueError(f"unknown implementation {impl!r}")


def _reference(impl, starts):
    """The end points ``impl``'s must equal, and where they came from: gradspec's are checked
    against NumPy's (an independent loop, never gradspec itself), every peer's against
    gradspec's."""
    if impl.startswith("gradspec"):
        return peers_numpy.multistart_descent(starts, LAB_LEARNING_RATE, LAB_ITERATIONS), "numpy"
    result = gradspec_api.multistart(starts, LAB_LEARNING_RATE, LAB_ITERATIONS)
    return gradspec_api.end_points(result), "gradspec"


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_multistart(benchmark, request, impl):
    count = multistart_starts(quick_mode(request.config))
    starts = multistart_points(count)
    benchmark.group = f"multistart {count} starts"
    benchmark.extra_info.update(
        kind="multistart",
        impl=impl,
        starts=count,
        iterations=LAB_ITERATIONS,
        threads=numba.get_num_threads(),
        rtol=MULTISTART_RTOL,
    )
    fn, args, points_of = _prepare(impl, starts)
    expected, source = _reference(impl, starts)
    benchmark.extra_info["checked_against"] = source

    def check(result):
        np.testing.assert_allclose(
            points_of(result), expected, rtol=MULTISTART_RTOL, err_msg=f"{impl} vs {source}"
        )

    measure(benchmark, fn, *args, check=check)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["ns_per_point_iteration"] = seconds / (count * LAB_ITERATIONS) * 1e9
