"""Arrays through ``gk.functions``: ufunc-like broadcasting, errors naming the first bad index,
the per-sample losses, and the raw compiled kernels inside a user's own ``@njit`` code."""

import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from helpers import assert_raises_naming

import gradspec.kernels as gk
from gradspec.kernels import compiled
from gradspec.kernels import functions as F
from gradspec.kernels._generated.catalog import META
from gradspec.symbolic.generator.codegen import GENERATED_DIR, source_hash

SCALAR = [k for k, m in META.items() if m["kind"] == "scalar"]


def _inside(entry_id, shape=(2, 3), seed=0):
    """Coordinates (one array per variable) of points inside the entry's domain."""
    rng = np.random.default_rng(seed)
    k = len(META[entry_id]["variables"])
    while True:
        coords = [rng.uniform(0.25, 2.0, shape) for _ in range(k)]
        pred = F.get(entry_id).module.in_domain.py_func
        if all(pred(*(c.flat[i] for c in coords)) for i in range(coords[0].size)):
            return coords


@pytest.mark.parametrize("entry_id", SCALAR)
def test_every_scalar_entry_broadcasts_and_equals_its_scalar_calls(entry_id):
    fn = F.get(entry_id)
    k = fn.arity
    coords = _inside(entry_id)
    shape = coords[0].shape
    f = fn.f(*coords)
    g = fn.grad(*coords)
    h = fn.hess(*coords)
    assert isinstance(f, np.ndarray) and f.shape == shape
    if k == 1:
        assert isinstance(g, np.ndarray) and g.shape == shape
        assert h.shape == shape
    else:
        assert isinstance(g, tuple) and len(g) == k and all(gi.shape == shape for gi in g)
        assert h.shape == (*shape, k, k)
    for idx in np.ndindex(shape):
        pt = [float(c[idx]) for c in coords]
        assert f[idx] == fn.f(*pt)
        if k == 1:
            assert g[idx] == fn.grad(*pt)
            assert h[idx] == fn.hess(*pt)
        else:
            assert tuple(gi[idx] for gi in g) == fn.grad(*pt)
            np.testing.assert_array_equal(h[idx], fn.hess(*pt))


def test_mesh_broadcasting_like_a_ufunc():
    x = np.linspace(0.5, 5.5, 4)
    y = np.linspace(0.5, 5.5, 3)
    X, Y = np.meshgrid(x, y)
    gx, gy = gk.functions.sauna.grad(X, Y)
    assert gx.shape == gy.shape == (3, 4)
    # (3, 1) against (4,) broadcasts to (3, 4), as in NumPy; a scalar coordinate too
    gx2, gy2 = gk.functions.sauna.grad(x[None, :], y[:, None])
    np.testing.assert_array_equal(gx2, gx)
    np.testing.assert_array_equal(gy2, gy)
    row = gk.functions.sauna.f(x, 2.0)
    assert row.shape == (4,)
    assert row[1] == gk.functions.sauna.f(float(x[1]), 2.0)
    assert gk.functions.sauna.hess(X, Y).shape == (3, 4, 2, 2)


def test_lists_integers_float32_and_layouts_are_converted():
    ref = gk.functions.sigmoid.f(np.array([-2.0, 0.0, 3.0]))
    for arg in ([-2, 0, 3], [-2.0, 0.0, 3.0], np.array([-2, 0, 3]),
                np.array([-2.0, 0.0, 3.0], dtype=np.float32),
                np.array([-2.0, 9.0, 0.0, 9.0, 3.0])[::2],
                np.array([-2.0, 0.0, 3.0]).astype(">f8")):
        np.testing.assert_array_equal(gk.functions.sigmoid.f(arg), ref)
    X = np.asfortranarray(np.arange(6.0).reshape(2, 3) / 3)
    np.testing.assert_array_equal(gk.functions.sauna.f(X, X), gk.functions.sauna.f(
        np.ascontiguousarray(X), np.ascontiguousarray(X)))


def test_scalars_in_scalars_out():
    for arg in (0.3, 1, np.float64(0.3), np.float32(0.5), np.array(0.3)):
        assert type(gk.functions.sigmoid.f(arg)) is float
        assert type(gk.functions.sigmoid.grad(arg)) is float
    g = gk.functions.sauna.grad(0.5, 0.6)
    assert type(g) is tuple and all(type(v) is float for v in g)
    assert gk.functions.sauna.hess(4.0, 4.0).shape == (2, 2)


def test_empty_arrays_give_empty_results():
    assert gk.functions.sigmoid.f(np.array([])).shape == (0,)
    gx, gy = gk.functions.sauna.grad(np.empty((0, 3)), 1.0)
    assert gx.shape == gy.shape == (0, 3)


def test_the_fast_path_for_floats_agrees_with_the_full_checks():
    for fn, pt in ((gk.functions.sigmoid, (0.3,)), (gk.functions.sauna, (0.5, 0.6)),
                   (gk.functions.three_var, (1.0, 3.0, 4.0))):
        fn.f(*pt)  # loads the module, which installs the fast paths
        for what in ("f", "grad", "hess"):
            fast = getattr(fn, what)
            general = getattr(type(fn), what).__get__(fn)
            assert fast is not general and fast.__wrapped__ == general
            np.testing.assert_array_equal(fast(*pt), general(*pt))
            assert type(fast(*pt)) is type(general(*pt))


@pytest.mark.parametrize(("call", "exc", "words"), [
    (lambda: gk.functions.exp_minus_log.f(np.array([1.0, 2.0, -1.0, -2.0])), ValueError,
     ["exp_minus_log.f", "x=-1.0", "index 2", "outside the domain"]),
    (lambda: gk.functions.exp_minus_log.grad(np.array([[1.0, 2.0], [0.0, 3.0]])), ValueError,
     ["exp_minus_log.grad", "x=0.0", "index (1, 0)", "outside the domain"]),
    (lambda: gk.functions.three_var.hess([1.0, 1.0], 2.0, [3.0, -1.0]), ValueError,
     ["three_var.hess", "z=-1.0", "index 1", "outside the domain"]),
    (lambda: gk.functions.sigmoid.f(np.array([0.0, np.nan, np.inf])), ValueError,
     ["sigmoid.f", "x must be finite", "index 1 holds nan"]),
    (lambda: gk.functions.sauna.grad(np.ones(3), np.array([0.0, 1.0, -np.inf])), ValueError,
     ["sauna.grad", "y must be finite", "index 2 holds -inf"]),
    (lambda: gk.functions.sauna.f(np.ones(3), np.nan), ValueError,
     ["sauna.f", "y must be finite"]),
    (lambda: gk.functions.sauna.f(np.ones(3), np.ones(4)), ValueError,
     ["sauna.f", "do not broadcast", "x (3,)", "y (4,)"]),
    (lambda: gk.functions.sigmoid.f(["a", "b"]), TypeError, ["x must hold real numbers"]),
    (lambda: gk.functions.sigmoid.f(np.array([1 + 1j])), TypeError, ["real numbers"]),
    (lambda: gk.functions.sigmoid.f([[1.0], [2.0, 3.0]]), TypeError, ["x must be a number or"]),
    (lambda: gk.functions.sauna.f(np.ones(3)), TypeError, ["expected 2 coordinate"]),
])
def test_bad_arrays_are_named_with_their_first_index(call, exc, words):
    assert_raises_naming(call, exc, words)


def test_a_nan_result_is_refused_with_its_index():
    """x² sin y at x = 1e200, y = 0 is inf·0 = NaN in float64: refused as by the scalar call
    (FloatingPointError), naming the index.  A per-sample loss whose float64 value exists is
    returned: ℓ″ = p/q² of the cross-entropy at p = 0, q = 1e-200 is 0 (q² is never formed)."""
    fn = gk.functions.x2_sin_y
    with pytest.raises(FloatingPointError, match="x2_sin_y.f: the result is NaN at x=1e"):
        fn.f(1e200, 0.0)
    with pytest.raises(FloatingPointError, match=r"x2_sin_y.f: the result is NaN at \(x=1e\+200, "
                                                 r"y=0.0\) at index 2"):
        fn.f(np.array([1.0, 2.0, 1e200]), 0.0)
    np.testing.assert_array_equal(gk.functions.cross_entropy.loss_dz2([0.5, 1e-200], 0.0),
                                  [0.0, 0.0])


def test_the_parallel_loop_gives_the_serial_results(monkeypatch):
    x = np.linspace(-30.0, 30.0, 1001)
    serial = gk.functions.sigmoid.f(x), gk.functions.sauna.grad(x, x[::-1])
    monkeypatch.setattr(F, "PARALLEL_MIN", 1)
    parallel = gk.functions.sigmoid.f(x), gk.functions.sauna.grad(x, x[::-1])
    np.testing.assert_array_equal(parallel[0], serial[0])
    np.testing.assert_array_equal(parallel[1], serial[1])
    with pytest.raises(ValueError, match="index 7"):
        gk.functions.exp_minus_log.f(np.where(np.arange(20) == 7, -1.0, 1.0))


# -- per-sample losses ---------------------------------------------------------------------

def test_log_loss_per_sample_on_logits():
    from scipy.special import expit, log_expit

    z = np.linspace(-40.0, 40.0, 81)
    y = (np.arange(81) % 2).astype(float)
    loss = gk.functions.log_loss.loss(z, y)
    expected = -(y * log_expit(z) + (1 - y) * log_expit(-z))
    np.testing.assert_allclose(loss, expected, rtol=1e-14, atol=0)
    np.testing.assert_allclose(gk.functions.log_loss.loss(z, 1.0), -log_expit(z), rtol=1e-14)
    # ∂ℓ/∂z = σ(z) − y, which is −σ(−z) for y = 1 (without the cancellation of σ(z) − 1)
    np.testing.assert_allclose(gk.functions.log_loss.loss_dz(z, y),
                               np.where(y == 1.0, -expit(-z), expit(z)), rtol=1e-14)
    np.testing.assert_allclose(gk.functions.log_loss.loss_dz2(z, y), expit(z) * expit(-z),
                               rtol=1e-13)
    # far beyond where 1/(1 + e^(−z)) rounds to 1 the loss is still exact: softplus(−z) ≈ e^z
    assert gk.functions.log_loss.loss(-800.0, 0.0) == 0.0
    assert gk.functions.log_loss.loss(800.0, 0.0) == 800.0
    assert type(gk.functions.log_loss.loss(0.5, 1)) is float
    # the mean of the per-sample losses is the data entry's cost J(w, b)
    x, yy = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.0, 0.0, 1.0, 1.0])
    w, b = 0.5, -1.0
    assert gk.functions.log_loss.loss(w * x + b, yy).mean() == pytest.approx(
        gk.functions.log_loss.f(w, b, x, yy), rel=1e-15)


def test_cross_entropy_and_squared_error_per_sample():
    q = np.array([0.25, 0.5, 0.875])
    p = np.array([0.0, 0.25, 1.0])
    np.testing.assert_allclose(gk.functions.cross_entropy.loss(q, p), -p * np.log(q), rtol=1e-15)
    np.testing.assert_allclose(gk.functions.cross_entropy.loss_dz(q, p), -p / q, rtol=1e-15)
    with pytest.raises(ValueError, match=r"cross_entropy.loss: the point \(q=0.0, p=1.0\) at "
                                         r"index 1 is outside the domain of cross_entropy"):
        gk.functions.cross_entropy.loss([0.5, 0.0], 1.0)
    with pytest.raises(ValueError, match=r"cross_entropy.loss: the point \(q=-1.0, p=1.0\) is"):
        gk.functions.cross_entropy.loss(-1.0, 1.0)
    z = np.array([1.0, -2.0, 3.5])
    np.testing.assert_array_equal(gk.functions.mse.loss(z, 1.0), (z - 1.0) ** 2)
    with pytest.raises(AttributeError, match="sigmoid has no per-sample loss"):
        gk.functions.sigmoid.loss(1.0, 0.0)
    with pytest.raises(ValueError, match="z must be finite"):
        gk.functions.log_loss.loss(math.nan, 1.0)


# -- the raw compiled kernels as building blocks --------------------------------------------

def test_compiled_names_are_the_generated_modules():
    assert gk.functions.sigmoid.compiled is compiled.sigmoid
    assert compiled.losses.log_loss(0.0, 1.0) == math.log(2.0)
    with pytest.raises(AttributeError, match="no 'nope'"):
        compiled.nope  # noqa: B018


USER_CODE = '''
import numpy as np
from numba import njit

from gradspec.kernels import compiled


@njit(cache=True)
def user_loop(x, y):
    """Σ σ(xᵢ) + Σ ∂T/∂x(xᵢ, yᵢ) + Σ ℓ(xᵢ, 1), with three gradspec kernels."""
    s = 0.0
    for i in range(x.shape[0]):
        s += compiled.sigmoid.f(x[i])
        gx, gy = compiled.sauna.grad(x[i], y[i])
        s += gx
        s += compiled.losses.log_loss(x[i], 1.0)
    return s
'''

RUNNER = '''
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
import user_kernels

x = np.linspace(-3.0, 3.0, 7)
y = np.linspace(0.5, 2.0, 7)
print(repr(user_kernels.user_loop(x, y)))
stats = user_kernels.user_loop.stats
print(sum(stats.cache_hits.values()), sum(stats.cache_misses.values()))
'''


def test_user_njit_code_calls_the_kernels_and_caches(tmp_path):
    (tmp_path / "user_kernels.py").write_text(textwrap.dedent(USER_CODE))
    (tmp_path / "runner.py").write_text(textwrap.dedent(RUNNER))
    runs = []
    for _ in range(2):  # each in a fresh process
        out = subprocess.run([sys.executable, str(tmp_path / "runner.py"), str(tmp_path)],
                             capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        value, counts = out.stdout.strip().splitlines()
        runs.append((float(value), tuple(int(v) for v in counts.split())))
    x = np.linspace(-3.0, 3.0, 7)
    y = np.linspace(0.5, 2.0, 7)
    expected = sum(gk.functions.sigmoid.f(float(a)) + gk.functions.sauna.grad(float(a), float(b))[0]
                   + gk.functions.log_loss.loss(float(a), 1.0) for a, b in zip(x, y, strict=True))
    for value, _ in runs:
        assert value == pytest.approx(expected, rel=1e-14)
    assert runs[0][1] == (0, 1), "the first process compiles (a cache miss)"
    assert runs[1][1] == (1, 0), "the second process loads the machine code from the cache"


def test_generated_modules_carry_the_elementwise_hash():
    for name in ("sigmoid.py", "sauna.py", "losses.py"):
        assert source_hash("_elementwise.py") in (GENERATED_DIR / name).read_text(), name
