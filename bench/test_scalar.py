"""Scalar descent on ``exp_minus_log``: the lab call and a long plain loop.

x ← x − α·f'(x) from x0 = 1.6 at α = 0.1, for 25 iterations (the lab call of document 002, result
0.5671434156768685) and for 10,000 iterations, by:

- ``gradspec``: the public driver ``gk.gradient_descent`` with its defaults (validation, loop,
  result object); by default it also checks f at every candidate, to refuse a non-finite
  value as divergence (``check_value=True``): f′ and a screening value of f in one pass (eˣ
  shared, ln x by inline arithmetic), f itself only where the screen cannot vouch for it;
- ``gradspec-grad-only``: the same driver with ``check_value=False``: one f′ per step, as in
  the bare loop below (f once, at the end), and every other refusal test (a non-finite or
  out-of-domain candidate, a non-finite gradient);
- ``numba-loop``: the generated gradient in a bare compiled loop — the driver's floor, so
  driver − numba-loop is the driver's own overhead;
- ``python``: the lab's loop with ``math.exp``; ``numpy-scalar``: the same with NumPy scalars;
- ``jax``: ``jax.jit`` + ``lax.fori_loop``, float64, result fetched as a Python float.

What the comparison with the bare loop measures: the bare loop evaluates f′ only, checks
nothing and returns x alone; neither side keeps a history (the driver's default is
``history=False``).  So ``gradspec`` over ``numba-loop`` is the price of the default call —
its checks, the value check at every candidate and the result object — and
``gradspec-grad-only`` over ``numba-loop`` compares the same arithmetic per step (what the
checks and the driver cost without the extra f).  Both are reported; neither is the other's
substitute.

Every result equals gradspec's to ``SCALAR_RTOL`` (and gradspec's 25-step result the lab's
printed value) before its time counts.
"""

import numpy as np
import pytest

from . import gradspec_api, numba_baselines, peers_numpy, peers_python
from .cases import (
    LAB_ITERATIONS,
    LAB_LEARNING_RATE,
    LAB_RESULT,
    LAB_X0,
    SCALAR_ITERATIONS,
    SCALAR_RTOL,
)
from .timing import best_seconds, measure

IMPLEMENTATIONS = ["gradspec", "gradspec-grad-only", "numba-loop", "python", "numpy-scalar",
                   "jax"]


def _callable(impl):
    """``fn(x0, learning_rate, num_iterations) -> float`` for one implementation."""
    if impl == "gradspec":
        def descend(x0, learning_rate, num_iterations):
            return gradspec_api.descend(x0, learning_rate, num_iterations).x

        return descend
    if impl == "gradspec-grad-only":
        def descend_grad_only(x0, learning_rate, num_iterations):
            return gradspec_api.descend(x0, learning_rate, num_iterations, check_value=False).x

        return descend_grad_only
    if impl == "numba-loop":
        return numba_baselines.descent_loop(gradspec_api.compiled_grad())
    if impl == "python":
        return peers_python.scalar_descent
    if impl == "numpy-scalar":
        return peers_numpy.scalar_descent
    if impl == "jax":
        try:
            from . import peers_jax
        except ImportError as exc:
            pytest.fail(f"JAX is not installed ({exc}); pip install 'gradspec[bench]'")
        return peers_jax.scalar_descent
    raise ValueError(f"unknown implementation {impl!r}")


def _reference(impl, iterations):
    """The x ``impl``'s result must equal, and where it came from: gradspec's driver is checked
    against the plain Python loop (independent, never the driver itself), every peer against
    the driver."""
    if impl in ("gradspec", "gradspec-grad-only"):
        return peers_python.scalar_descent(LAB_X0, LAB_LEARNING_RATE, iterations), "python"
    return gradspec_api.descend(LAB_X0, LAB_LEARNING_RATE, iterations).x, "gradspec"


@pytest.mark.parametrize("iterations", SCALAR_ITERATIONS, ids=lambda n: f"{n}it")
@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_scalar_descent(benchmark, impl, iterations):
    benchmark.group = f"scalar descent {iterations} it"
    benchmark.extra_info.update(
        kind="scalar", impl=impl, iterations=iterations, x0=LAB_X0, rtol=SCALAR_RTOL
    )
    fn = _callable(impl)
    expected, source = _reference(impl, iterations)
    benchmark.extra_info["checked_against"] = source

    def check(x):
        if impl.startswith("gradspec") and iterations == LAB_ITERATIONS:
            assert x == LAB_RESULT, f"the lab call gives {x!r}, the lab prints {LAB_RESULT!r}"
        np.testing.assert_allclose(
            float(x), expected, rtol=SCALAR_RTOL, err_msg=f"{impl} disagrees with {source}"
        )

    measure(benchmark, fn, LAB_X0, LAB_LEARNING_RATE, iterations, check=check, budget_s=0.5)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["ns_per_iteration"] = seconds / iterations * 1e9
