"""The fused pass (``kernels/fused.py``) against a NumPy reference, term by term.

Tolerances, named once:

* ``SUM_RTOL = 1e-12``: one pass's cost S and gradient G against NumPy's.  Both sum the same
  float64 terms in different orders (row lanes and blocks vs BLAS), so they differ by a few
  ulp of Σ|term|: each component is bounded relative to the sum of the absolute values of
  its terms (a component near zero by cancellation gets no relative promise it cannot keep).
* ``RUN_RTOL = 1e-12``: θ after 50 steps of a fit against the same steps in NumPy, on
  well-conditioned data (the descent is contractive: per-step rounding does not grow).
* scaling on the fly computes (x − μ)/σ exactly as the scaled copy does: the sums are equal.
* ``F32_RTOL``: a float32 X is read as it is and summed in float64, so the only difference to
  the float64 fit of the *same* (float32-representable) values is the order of summation;
  the bound is SUM_RTOL.  Against the float64 data the float32 values come from, each
  entry carries up to ε₃₂/2 = 2⁻²⁴ relative error: ``F32_RTOL = 4·ε₃₂`` on θ of a
  well-conditioned problem (condition number of XᵀX below 2 on standard-normal features).
"""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from gradspec.kernels import fused

SUM_RTOL = 1e-12
RUN_RTOL = 1e-12
F32_RTOL = 4 * float(np.finfo(np.float32).eps)


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def reference_terms(kind, X, y, theta):
    """Per-row ℓ and ℓ' in NumPy (float64): (z − y)², 2(z − y); softplus(z) − yz, σ(z) − y."""
    z = theta[0] + X.astype(np.float64) @ theta[1:]
    if kind == fused.LINEAR:
        return (z - y) ** 2, 2.0 * (z - y), z
    return np.logaddexp(0.0, z) - y * z, sigmoid(z) - y, z


def reference_sums(kind, X, y, theta):
    loss, d, z = reference_terms(kind, X, y, theta)
    Xt = np.column_stack([np.ones(len(y)), X.astype(np.float64)])
    G = Xt.T @ d
    scale = np.abs(Xt).T @ np.abs(d)  # Σ|term| per component
    miss = int(np.sum(np.where(y > 0.5, z <= 0, z >= 0)))
    return loss.sum(), np.abs(loss).sum(), G, scale, miss


def data(kind, m, n, seed=3, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n)).astype(dtype)
    w = rng.standard_normal(n)
    if kind == fused.LINEAR:
        y = X.astype(np.float64) @ w + 0.5 + 0.1 * rng.standard_normal(m)
    else:
        y = (rng.random(m) < sigmoid(X.astype(np.float64) @ w)).astype(float)
    return X, y, np.concatenate([[0.3], 0.5 * rng.standard_normal(n)])


KINDS = [fused.LINEAR, fused.LOGISTIC]
# Row counts around the sub-block (64) and block (2048) edges; 1 and 3 columns up to 33.
SHAPES = [(1, 1), (63, 3), (65, 8), (2048, 5), (2 * fused.BLOCK + 77, 8), (5000, 33)]


@pytest.mark.parametrize("kind", KINDS, ids=["linear", "logistic"])
@pytest.mark.parametrize("m, n", SHAPES)
@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
def test_one_pass_equals_numpy(kind, m, n, parallel):
    X, y, theta = data(kind, m, n)
    g = np.empty(n + 1)
    S, miss = fused.cost_grad_sums(kind, parallel, X, y, theta, g)
    S_ref, S_scale, G_ref, G_scale, miss_ref = reference_sums(kind, X, y, theta)
    assert abs(S - S_ref) <= SUM_RTOL * S_scale
    assert np.all(np.abs(g - G_ref) <= SUM_RTOL * G_scale), (g, G_ref)
    if kind == fused.LOGISTIC:
        assert miss == miss_ref


def test_the_split_log_loss_is_the_generated_loss():
    """SymPy: the form ``_block`` sums is the generated ℓ and ℓ', and its lanes' recurrences
    carry Σ ln(1 + e^(−|zᵢ|)).

    ℓ = y·softplus(−z) + (1 − y)·softplus(z) = y·max(−z, 0) + (1 − y)·max(z, 0) + ln(1 + e^(−|z|))
    on both sides of 0; ∂ℓ/∂z = −y·σ(−z) + (1 − y)·σ(z); with e^(−|z|) = N/d,
    σ(|z|) = d/(d + N) and σ(−|z|) = N/(d + N); q ← q·σ(|z|) and p ← p + σ(−|z|)·(1 − p) keep
    p = 1 − q, and −ln q = ln(1 + p/(1 − p)) = Σ ln(1 + eᵢ) when q = Π σ(|zᵢ|).
    """
    import sympy as sp

    from gradspec.symbolic.catalog.costs import LINKS
    from gradspec.symbolic.generator.stable import is_zero, sigmoid, to_exp

    ell = LINKS["log_loss"]
    z, y = (next(s for s in ell.free_symbols if s.name == name) for name in ("z", "y"))
    split = (y * sp.Max(-z, 0) + (1 - y) * sp.Max(z, 0)
             + sp.log(1 + sp.exp(-sp.Abs(z))))
    a = sp.Symbol("a", positive=True)
    for side in (a, -a, sp.Integer(0)):
        assert is_zero(to_exp(ell).subs(z, side) - split.subs(z, side)), side
    assert is_zero(to_exp(sp.diff(ell, z))
                   - to_exp(-y * sigmoid(-z) + (1 - y) * sigmoid(z)))
    big_n, d, p, q = sp.symbols("N d p q", positive=True)
    s_abs, s_neg = to_exp(sigmoid(a)), to_exp(sigmoid(-a))
    assert is_zero((s_abs - d / (d + big_n)).subs(sp.exp(-a), big_n / d))
    assert is_zero((s_neg - big_n / (d + big_n)).subs(sp.exp(-a), big_n / d))
    assert is_zero((1 - q * s_abs) - ((1 - q) + s_neg * (1 - (1 - q))))
    assert is_zero(-sp.log(s_abs) - sp.log(1 + sp.exp(-a)))
    assert is_zero((sp.log(1 + p / (1 - p)) + sp.log(q)).subs(p, 1 - q))  # p = 1 − q, q > 0


def _accurate_log_loss(z, y):
    """y·softplus(−z) + (1 − y)·softplus(z) in NumPy, no cancellation for either label."""
    return y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)


@pytest.mark.parametrize("margin", [0.0, 3.0, 30.0, 300.0, 720.0])
def test_log_loss_sum_keeps_relative_accuracy_however_small(margin):
    """The log term is summed as a product per lane: it keeps full relative accuracy when
    every row is far on its label's side (each loss ≈ e^(−|z|), down to subnormal) and when
    the lanes' products fall below ½ (rows near z = 0), in one block and across blocks."""
    rng = np.random.default_rng(5)
    m = fused.BLOCK + 700
    z = margin + rng.uniform(0.0, 2.0, m)
    z[::3] = rng.uniform(-1.0, 1.0, z[::3].size) if margin == 0.0 else z[::3]
    sign = np.where(rng.random(m) < 0.5, -1.0, 1.0)
    z *= sign
    y = (sign > 0).astype(float)
    X = z[:, None].copy()  # z = 0 + 1·x
    g = np.empty(2)
    S, miss = fused.cost_grad_sums(fused.LOGISTIC, False, X, y, np.array([0.0, 1.0]), g)
    ref = np.sum(_accurate_log_loss(z, y))
    # below 2^-1022 each e^(−|z|) is on the subnormal grid (absolute steps of 2^-1074)
    assert abs(S - ref) <= SUM_RTOL * ref + m * 2.0**-1074, (S, ref)
    assert miss == (np.sum(np.where(y > 0.5, z <= 0, z >= 0)))


@pytest.mark.parametrize("kind", KINDS, ids=["linear", "logistic"])
def test_serial_and_parallel_passes_are_bit_identical(kind):
    X, y, theta = data(kind, 3 * fused.BLOCK + 5, 7)
    gs, gp = np.empty(8), np.empty(8)
    assert fused.cost_grad_sums(kind, False, X, y, theta, gs) == fused.cost_grad_sums(
        kind, True, X, y, theta, gp)
    np.testing.assert_array_equal(gs, gp)


@pytest.mark.parametrize("kind", KINDS, ids=["linear", "logistic"])
def test_scaling_on_the_fly_equals_the_scaled_copy(kind):
    X, y, theta = data(kind, 3000, 6)
    X = X * np.array([1.0, 10.0, 1e3, 0.01, 5.0, 1.0]) + np.array([0.0, 3.0, -7.0, 1e2, 0, 1])
    shift, span = X.mean(axis=0), X.std(axis=0)
    g_fly, g_copy = np.empty(7), np.empty(7)
    S_fly, miss_fly = fused.cost_grad_sums_scaled(kind, True, X, y, shift, span, theta, g_fly)
    Xs = np.ascontiguousarray((X - shift) / span)
    S_copy, miss_copy = fused.cost_grad_sums(kind, True, Xs, y, theta, g_copy)
    assert S_fly == S_copy
    np.testing.assert_array_equal(g_fly, g_copy)
    if kind == fused.LOGISTIC:
        assert miss_fly == miss_copy


@pytest.mark.parametrize("kind", KINDS, ids=["linear", "logistic"])
def test_float32_X_is_read_as_it_is_and_summed_in_float64(kind):
    X32, y, theta = data(kind, 5000, 9, dtype=np.float32)
    g32, g64 = np.empty(10), np.empty(10)
    S32, _ = fused.cost_grad_sums(kind, True, X32, y, theta, g32)
    S64, _ = fused.cost_grad_sums(kind, True, X32.astype(np.float64), y, theta, g64)
    # the same values in float64: the same float64 arithmetic, in the same order
    assert S32 == S64
    np.testing.assert_array_equal(g32, g64)


def numpy_descent(kind, X, y, theta, alpha, iters, c):
    th = theta.copy()
    Xt = np.column_stack([np.ones(len(y)), X.astype(np.float64)])
    costs = []
    for _ in range(iters + 1):
        loss, d, _ = reference_terms(kind, X, y, th)
        costs.append(c * loss.sum())
        g = c * (Xt.T @ d)
        if len(costs) <= iters:
            th = th - alpha * g
    return th, np.array(costs)


@pytest.mark.parametrize("kind", KINDS, ids=["linear", "logistic"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
def test_fused_descent_equals_numpy_steps(kind, dtype):
    X, y, _ = data(kind, 2 * fused.BLOCK + 333, 8, seed=11, dtype=dtype)
    m = len(y)
    c = 1.0 / (2 * m) if kind == fused.LINEAR else 1.0 / m
    theta = np.zeros(9)
    cost_hist = np.empty(51)
    fout, iout = np.empty(2), np.empty(4, dtype=np.int64)
    fused.descend(kind, True, X, y, theta, 0.1, c, 50, -1.0, cost_hist, np.empty((0, 9)), fout,
                  iout)
    ref, costs = numpy_descent(kind, X, y, np.zeros(9), 0.1, 50, c)
    assert iout[0] == 50 and iout[1] == fused.MAX_ITERATIONS
    np.testing.assert_allclose(theta, ref, rtol=RUN_RTOL, atol=1e-15)
    np.testing.assert_allclose(cost_hist, costs, rtol=RUN_RTOL)


@pytest.mark.parametrize("kind", KINDS, ids=["linear", "logistic"])
def test_float32_fit_is_within_float32_rounding_of_the_float64_fit(kind):
    X, y, _ = data(kind, 20_000, 8, seed=5)
    m = len(y)
    c = 1.0 / (2 * m) if kind == fused.LINEAR else 1.0 / m
    thetas = []
    for Xd in (X, X.astype(np.float32)):
        theta = np.zeros(9)
        fused.descend(kind, True, Xd, y, theta, 0.5, c, 200, -1.0, np.empty(201),
                      np.empty((0, 9)), np.empty(2), np.empty(4, dtype=np.int64))
        thetas.append(theta)
    np.testing.assert_allclose(thetas[1], thetas[0], rtol=F32_RTOL,
                               atol=F32_RTOL * np.abs(thetas[0]).max())


def test_divergence_is_still_reported_with_scaling_on_the_fly():
    X, y, _ = data(fused.LINEAR, 500, 3)
    theta = np.zeros(4)
    fout, iout = np.empty(2), np.empty(4, dtype=np.int64)
    fused.descend_scaled(fused.LINEAR, False, X, y, X.mean(axis=0), X.std(axis=0), theta,
                         50.0, 1.0 / 1000, 500, -1.0, np.empty(501), np.empty((0, 4)), fout,
                         iout)
    assert iout[1] == fused.DIVERGED and np.isfinite(theta).all()


def test_a_fresh_process_whose_first_call_is_the_parallel_fit_does_not_crash():
    """Machine code loaded from Numba's cache does not start the thread pool; the module does.

    Run twice in fresh processes: the first may compile (and fills the cache), the second
    loads everything from the cache and calls the parallel descent before anything else.
    """
    code = (
        "import numpy as np\n"
        "from gradspec.kernels import fused\n"
        "X = np.ones((5000, 4)); y = np.ones(5000); th = np.zeros(5)\n"
        "fused.descend(fused.LINEAR, True, X, y, th, 0.1, 1e-4, 3, -1.0, np.empty(4),\n"
        "              np.empty((0, 5)), np.empty(2), np.empty(4, dtype=np.int64))\n"
        "print(th[0])\n"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert float(done.stdout) > 0.0


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
def test_column_statistics_equal_numpy_in_float64(dtype):
    rng = np.random.default_rng(2)
    X = (rng.standard_normal((3001, 5)) * [1.0, 1e3, 1e-3, 7.0, 1.0] + [0, 5, -2, 1e4, 0]
         ).astype(dtype)
    mean, std, lo, hi = (np.empty(5) for _ in range(4))
    fused.column_statistics(X, mean, std, lo, hi)
    X64 = X.astype(np.float64)
    np.testing.assert_allclose(mean, X64.mean(axis=0), rtol=1e-13, atol=1e-13 * np.abs(X64).max())
    np.testing.assert_allclose(std, X64.std(axis=0), rtol=1e-12)
    np.testing.assert_array_equal(lo, X64.min(axis=0))
    np.testing.assert_array_equal(hi, X64.max(axis=0))


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
def test_count_nonfinite(dtype):
    X = np.ones((100, 3), dtype=dtype)
    X[5, 1] = np.finfo(dtype).max
    X[6, 1] = -np.finfo(dtype).tiny / 4  # subnormal: finite
    assert fused.count_nonfinite(X.reshape(-1)) == 0
    X[70, 2] = np.inf
    X[90, 0] = np.nan
    X[99, 2] = -np.inf
    assert fused.count_nonfinite(X.reshape(-1)) == 3


def test_count_non_labels():
    y = np.array([0.0, 1.0, -0.0, 1.0, 0.0])
    assert fused.count_non_labels(y) == 0
    y2 = np.concatenate([y, [0.5, np.nan, 2.0, -1.0, np.inf, 1.0]])
    assert fused.count_non_labels(y2) == 5


@pytest.mark.parametrize("scan, bad", [(fused.count_nonfinite, np.nan),
                                       (fused.count_non_labels, 0.5)],
                         ids=["nonfinite", "labels"])
def test_the_scans_vectorise(scan, bad):
    """The validation scans run on every fit's X and y: their loop has a vector body (no
    early exit, no branch per entry)."""
    import numba

    a = np.zeros(64)
    a[17] = bad
    assert scan(a) == 1
    fresh = numba.njit(error_model="numpy")(scan.py_func)  # cached machine code has no IR
    assert fresh(a) == 1
    (ir,) = fresh.inspect_llvm().values()
    assert re.search(r"<\d+ x double>", ir), "no vector body"


def test_block_prefetches_the_next_sub_block():
    """The pass asks for the next sub-block's rows while it computes this one (the hint is in
    the compiled block) and gives the same sums to the bit."""
    import numba

    rng = np.random.default_rng(4)
    m, n = 3 * fused.SUB + 5, 6
    X = rng.standard_normal((m, n))
    y = (rng.random(m) < 0.5).astype(float)
    theta = rng.standard_normal(n + 1)
    fresh = numba.njit(fused._block.py_func)
    empty = np.empty(0)
    for kind in (fused.LINEAR, fused.LOGISTIC):
        g_cached, g_fresh = np.empty(n + 1), np.empty(n + 1)
        w = np.empty(fused.scratch_size(n))
        want = fused._block(kind, X, y, empty, empty, theta, 0, m, g_cached, w)
        got = fresh(kind, X, y, empty, empty, theta, 0, m, g_fresh, w)
        assert got == want
        assert np.array_equal(g_fresh, g_cached)
    (ir,) = fresh.inspect_llvm().values()
    assert "@llvm.prefetch" in ir
