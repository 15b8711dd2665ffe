"""Arrays and single calls through ``gk.functions``: elements per second and cost per call.

Element throughput on 1e6 points (``--bench-quick``: 1e4), reported in ns per element:

``gradspec`` runs on all of Numba's threads at this size (``functions.PARALLEL_MIN``);
``gradspec-serial`` is the same call held to one thread, for choosing that threshold.

- ``sigmoid``: σ(x) — gradspec ``sigmoid.f(x)``; NumPy ``1/(1 + np.exp(−x))``; SciPy
  ``scipy.special.expit``; JAX ``jit(vmap)`` of ``jax.nn.sigmoid``; and ``numba-loop``, a plain
  ``@njit`` loop over the raw kernel ``compiled.sigmoid.f`` (the floor: no checks, no
  broadcasting);
- ``tanh``: gradspec ``tanh.f(x)``; NumPy ``np.tanh``; JAX ``jit(vmap(jnp.tanh))``;
- ``log_loss``: the per-sample loss ℓ(z, y) on logits — gradspec ``log_loss.loss(z, y)``;
  NumPy ``np.logaddexp(0, z) − y·z``; SciPy ``−(y·log_expit(z) + (1 − y)·log_expit(−z))``;
  JAX ``jit(vmap)`` of ``jax.nn.softplus(z) − y·z``;
- ``sauna_grad``: ∇T(x, y) of the sauna on a 1000 × 1000 mesh — gradspec ``sauna.grad(X, Y)``;
  NumPy evaluating the generated formula (``grad.py_func``) on whole arrays; JAX ``jit(vmap)``
  of ``jax.grad`` of T.

Per call (one point, Python floats), in ns: ``sigmoid.f(0.3)`` and ``sauna.grad(0.5, 0.6)``
through the checked wrapper, the raw compiled kernel called from Python, and plain Python.

Every peer's result equals gradspec's to ``ARRAY_RTOL`` before its time counts.

Accuracy beside the time: for ``sigmoid`` and ``tanh`` each implementation is then evaluated at
the points of ``bench/accuracy.py`` and its errors in ulps against mpmath are recorded
(``max_ulp``, ``mean_ulp``, ``worst_x``, ``subnormal_max_steps``), so that a peer that is
faster because it computes less accurately says so in the same row.
"""

import math

import numpy as np
import pytest
from numba import njit

import gradspec.kernels as gk
from gradspec.kernels import compiled
from gradspec.kernels import functions as F

from . import accuracy
from .cases import ARRAY_CASES, quick_mode
from .timing import best_seconds, measure

#: Peers evaluate the same formulas with other exp/log/tanh implementations (SIMD, libm, XLA;
#: each within a few ulp), and the sauna gradient's polynomial in another order of operations:
#: agreement to 1e-12 relative (of the largest value, for components near zero).
ARRAY_RTOL = 1e-12



@njit(cache=True)
def _raw_loop_sigmoid(x, out):
    for i in range(x.shape[0]):
        out[i] = compiled.sigmoid.f(x[i])
    return out


@njit(cache=True)
def _raw_loop_tanh(x, out):
    for i in range(x.shape[0]):
        out[i] = compiled.tanh.f(x[i])
    return out


def _inputs(case, n):
    """Seeded inputs shared by every implementation of a case."""
    rng = np.random.default_rng(20251201)
    if case == "sauna_grad":
        side = int(round(math.sqrt(n)))
        X, Y = np.meshgrid(np.linspace(-1.0, 7.0, side), np.linspace(-1.0, 7.0, side))
        return (X, Y)
    if case == "log_loss":
        return (rng.normal(0.0, 8.0, n), (rng.random(n) < 0.5).astype(np.float64))
    return (rng.normal(0.0, 4.0, n),)


def _gradspec(case):
    return {"sigmoid": gk.functions.sigmoid.f, "tanh": gk.functions.tanh.f,
            "log_loss": gk.functions.log_loss.loss, "sauna_grad": gk.functions.sauna.grad}[case]


def _jax(case):
    try:
        from . import peers_jax  # noqa: F401  (sets up the CPU platform and float64)
    except ImportError as exc:
        pytest.fail(f"JAX is not installed ({exc}); pip install 'gradspec[bench]'")
    import jax
    import jax.numpy as jnp

    if case == "sigmoid":
        fn = jax.jit(jax.vmap(jax.nn.sigmoid))
    elif case == "tanh":
        fn = jax.jit(jax.vmap(jnp.tanh))
    elif case == "log_loss":
        fn = jax.jit(jax.vmap(lambda z, y: jax.nn.softplus(z) - y * z))
    else:
        sauna = gk.functions.sauna.module.f.py_func  # T(x, y), plain arithmetic
        grad = jax.jit(jax.vmap(jax.grad(sauna, argnums=(0, 1))))

        def fn(X, Y):
            gx, gy = grad(X.ravel(), Y.ravel())
            return gx.reshape(X.shape), gy.reshape(Y.shape)

    def call(*args):
        return jax.block_until_ready(fn(*args))

    return call


def _prepare(case, impl, args):
    """``(fn, args)``: inputs converted (JAX: moved to the device) before timing."""
    if impl == "gradspec":
        return _gradspec(case), args
    if impl == "gradspec-serial":
        fn = _gradspec(case)

        def serial(*a):
            threshold, F.PARALLEL_MIN = F.PARALLEL_MIN, math.inf
            try:
                return fn(*a)
            finally:
                F.PARALLEL_MIN = threshold

        return serial, args
    if impl == "numba-loop":
        loop = {"sigmoid": _raw_loop_sigmoid, "tanh": _raw_loop_tanh}[case]
        return loop, (args[0], np.empty_like(args[0]))
    if impl == "numpy":
        if case == "sigmoid":
            return (lambda x: 1.0 / (1.0 + np.exp(-x))), args
        if case == "tanh":
            return np.tanh, args
        if case == "log_loss":
            return (lambda z, y: np.logaddexp(0.0, z) - y * z), args
        return gk.functions.sauna.module.grad.py_func, args
    if impl == "scipy":
        from scipy.special import expit, log_expit

        if case == "sigmoid":
            return expit, args
        return (lambda z, y: -(y * log_expit(z) + (1.0 - y) * log_expit(-z))), args
    if impl == "jax":
        import jax.numpy as jnp

        return _jax(case), tuple(jnp.asarray(a) for a in args)
    raise ValueError(f"unknown implementation {impl!r}")


def _parts(result):
    parts = result if isinstance(result, tuple) else (result,)
    return [np.asarray(p, dtype=np.float64) for p in parts]


@pytest.mark.parametrize(("case", "impl"), [(c, i) for c, impls in ARRAY_CASES.items()
                                             for i in impls])
def test_array_throughput(benchmark, request, case, impl):
    n = 10_000 if quick_mode(request.config) else 1_000_000
    args = _inputs(case, n)
    n = args[0].size
    benchmark.group = f"arrays {case} {n:.0e} points"
    benchmark.extra_info.update(kind="arrays", case=case, impl=impl, points=n,
                                rtol=ARRAY_RTOL)
    expected = _parts(_gradspec(case)(*args))
    fn, call_args = _prepare(case, impl, args)

    def check(result):
        for got, ref in zip(_parts(result), expected, strict=True):
            np.testing.assert_allclose(got, ref, rtol=ARRAY_RTOL,
                                       atol=ARRAY_RTOL * np.abs(ref).max(),
                                       err_msg=f"{impl} disagrees with gradspec on {case}")

    measure(benchmark, fn, *call_args, check=check, budget_s=0.5)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["ns_per_element"] = seconds / n * 1e9
    if case in accuracy.FUNCTIONS:
        size = accuracy.POINTS // 10 if quick_mode(request.config) else accuracy.POINTS
        ref = accuracy.reference(case, size)
        fn, at = _prepare(case, impl, (ref.xs,))
        with np.errstate(all="ignore"):  # NumPy's e^(−x) overflows at the far end: that is
            got = _parts(fn(*at))[0]     # what is measured, not a failure
        benchmark.extra_info.update(accuracy.summary(ref, ref.ulp_errors(got)))


# -- one call ---------------------------------------------------------------------------------

def _python_sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


CALLS = {
    "sigmoid": ((0.3,), {"gradspec": lambda: gk.functions.sigmoid.f,
                         "raw-kernel": lambda: compiled.sigmoid.f,
                         "python": lambda: _python_sigmoid}),
    "sauna_grad": ((0.5, 0.6), {"gradspec": lambda: gk.functions.sauna.grad,
                                "raw-kernel": lambda: compiled.sauna.grad,
                                "python": lambda: compiled.sauna.grad.py_func}),
}


@pytest.mark.parametrize(("case", "impl"), [(c, i) for c, (_, impls) in CALLS.items()
                                            for i in impls])
def test_scalar_call(benchmark, case, impl):
    point, impls = CALLS[case]
    benchmark.group = f"one call {case}"
    benchmark.extra_info.update(kind="call", case=case, impl=impl)
    gk.functions.get(case.split("_")[0]).f(*point)  # loads the module: the fast path is bound
    fn = impls[impl]()
    expected = _gradspec(case)(*point)

    def check(result):
        np.testing.assert_allclose(result, expected, rtol=1e-15)

    measure(benchmark, fn, *point, check=check, budget_s=0.3)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["ns_per_call"] = seconds * 1e9
