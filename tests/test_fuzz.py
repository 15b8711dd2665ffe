"""Fuzzing: hypothesis-generated points for every catalog function, and random fits.

**Functions.**  For every catalog entry with a kernel, ``FUZZ_EXAMPLES`` points inside its
domain (hypothesis profile ``fuzz``: 1,000 per entry; with ``HYPOTHESIS_PROFILE=nightly``,
profile ``fuzz_nightly``: 10,000), and at each the compiled f, ∇f and H against the
50-digit mpmath reference (``gradspec.symbolic.verifier.reference``) — compiled vs reference
only, no
finite differences (those are the three-way test's job, and the expensive part).  The bound
is the three-way check's, ``RTOL_COMPILED``: |c − r| ≤ 1e-12·max(|r|, S, 2.2e-308), S the
first-order rounding-error scale of the compiled form and 2.2e-308 the smallest normal
double (subnormal results have absolute precision).  A value whose reference is beyond
float64 must be ±inf.  Models (ŷ = w·x + b and its sign) are compared with the exact
``mpmath.fsum`` of the products.

The worst relative error |c − r|/|r| (over references that are normal numbers; near 1 where
a value is the small remainder of cancelling terms, e.g. σ'' near 0 computed as 0), the same
over well-conditioned values only (S ≤ 4|r|), and the worst scaled error per entry are
printed at the end of the module (``pytest -s``) and written to ``fuzz_errors.txt`` in the
session's temporary directory.

**Fits.**  Random shapes (m ≤ 60 rows, n ≤ 4 features), column scales 1e-8 … 1e8 and
conditionings (columns mixed toward each other), through ``linear_regression`` (with and
without feature scaling) and ``logistic_regression``.  Every outcome is one of:

* ``converged``: then it must be right.  Linear: J(θ) − J* ≤ ‖∇J‖²/(2·λ_min) + slack, the
  bound strong convexity gives (λ_min the smallest eigenvalue of the fitted problem's
  Hessian, J* from ``numpy.linalg.lstsq``; slack ``COST_RTOL``·(J* + mean y²) for the
  rounding of the cost sums), which ties the tolerance to the condition number; logistic:
  ‖∇J(θ)‖ recomputed independently in NumPy ≤ tol (plus rounding);
* ``max_iterations`` / ``separable`` (logistic) / ``diverged``: honest, with a finite θ (for
  ``diverged``, the last good iterate) and a cost equal to J at that θ;
* a clear ValueError (a constant feature cannot be scaled).

Measured on the 2 shared cores: 3 min 15 s for the whole module under ``fuzz`` (41 entries ×
1,000 points, 200 + 200 fits), within the ~10-minute CI budget.
"""

from __future__ import annotations

import math
import os

import mpmath
import numpy as np
import pytest
from helpers import box_points, coordinate, labels
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gradspec.kernels as gk
from gradspec.kernels import functions as F
from gradspec.symbolic.catalog import CATALOG
from gradspec.symbolic.verifier.check import _Problem
from gradspec.symbolic.verifier.tolerances import RTOL_COMPILED, SMALLEST_NORMAL

DBL_MAX = 1.7976931348623157e308
#: Cost rounding slack in the fits' optimality check: the cost is a sum of m squared
#: residuals, each rounded, plus the rounding of θ·x̃ (cond-independent part); 1e-9 is ~10⁷ ε.
COST_RTOL = 1e-9
#: Condition-dependent slack: θ in original units, lstsq's J* and J(θ) evaluated from them
#: are accurate to ~κ(A)·ε relative to the data's size (A = [1, X], κ its 2-norm condition
#: number); KAPPA_FACTOR·κ·ε·(J* + ‖y‖²/2m) with a factor 1000 for the few such roundings.
KAPPA_FACTOR = 1e3
EPS = 2.0**-52

#: A value is "well-conditioned" when its rounding-error scale S is at most WELL·|r|: no
#: cancellation, so the plain relative error is meaningful (elsewhere only the scaled one is).
WELL = 4.0

PROFILE = "fuzz_nightly" if os.environ.get("HYPOTHESIS_PROFILE") == "nightly" else "fuzz"
FUZZ = settings.get_profile(PROFILE)
FUZZ_EXAMPLES = FUZZ.max_examples
FIT_SETTINGS = settings(FUZZ, max_examples=max(50, FUZZ_EXAMPLES // 5),
                        suppress_health_check=[HealthCheck.too_slow,
                                               HealthCheck.filter_too_much])

SCALAR = [k for k, e in CATALOG.items() if e.kind == "scalar"]
DATA = [k for k, e in CATALOG.items() if e.kind == "data"]
VECTOR = [k for k, e in CATALOG.items() if e.kind == "vector"]
MODEL = [k for k, e in CATALOG.items() if e.kind == "model"]

#: entry → [points, quantities, worst relative error, worst scaled error, where,
#:           worst relative error over well-conditioned values (S ≤ WELL·|r|)]
STATS: dict[str, list] = {}
#: fit → outcome → count (printed with the table, so a vacuous run shows)
OUTCOMES: dict[str, dict[str, int]] = {}


def _outcome(fit_name, what):
    d = OUTCOMES.setdefault(fit_name, {})
    d[what] = d.get(what, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _report(tmp_path_factory):
    yield
    lines = [f"fuzz profile {PROFILE!r}: {FUZZ_EXAMPLES} examples per entry",
             f"{'entry':24} {'points':>7} {'values':>8} {'worst rel':>10} "
             f"{'rel (S≤4|r|)':>13} {'worst scaled':>12}"]
    for k in sorted(STATS):
        pts, nq, rel, scaled, _, rel_wc = STATS[k]
        lines.append(f"{k:24} {pts:7d} {nq:8d} {rel:10.2e} {rel_wc:13.2e} {scaled:12.2e}")
    for name, d in sorted(OUTCOMES.items()):
        lines.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(d.items())))
    text = "\n".join(lines)
    path = tmp_path_factory.getbasetemp() / "fuzz_errors.txt"
    path.write_text(text + "\n")
    print("\n" + text + f"\n(written to {path})")


def _record(entry_id, point, quantities):
    s = STATS.setdefault(entry_id, [0, 0, 0.0, 0.0, None, 0.0])
    s[0] += 1
    for name, ref, got, scale in quantities:
        s[1] += 1
        err = abs(got - ref) if math.isfinite(got) else 0.0
        if abs(ref) >= SMALLEST_NORMAL and math.isfinite(ref):
            rel = err / abs(ref)
            if rel > s[2]:
                s[2] = rel
            if scale <= WELL * abs(ref) and rel > s[5]:
                s[5] = rel
        den = max(abs(ref), scale, SMALLEST_NORMAL)
        scaled = err / den
        if scaled > s[3]:
            s[3], s[4] = scaled, (point, name)


def _compare(entry_id, params, data=(), record=True):
    """Compiled vs reference for f, ∇f, H; assert the bound; record the errors."""
    pr = _Problem(entry_id, params, data)
    ref = pr.reference()
    p = pr.params
    qs = [("f", ref["f"], pr.f(*p), ref["sf"])]
    qs += [(f"grad[{k}]", ref["grad"][k], g, ref["sg"][k]) for k, g in enumerate(pr.grad(*p))]
    h = pr.hess(*p)
    if h is not None:
        qs += [(f"hess[{a}][{b}]", ref["hess"][a][b], h[a][b], ref["sh"][a][b])
               for a in range(len(p)) for b in range(len(p))]
    out, bad = [], []
    for name, r, got, s in qs:
        r, s = mpmath.mpf(r), float(mpmath.mpf(s))
        if abs(r) > DBL_MAX:
            if got != math.copysign(math.inf, r):
                bad.append(f"{name}: reference {mpmath.nstr(r, 17)} beyond float64, got {got!r}")
            continue
        rf = float(r)
        if not math.isfinite(got) or abs(got - rf) > RTOL_COMPILED * max(abs(rf), s,
                                                                          SMALLEST_NORMAL):
            bad.append(f"{name}: reference {rf!r}, compiled {got!r}, scale {s:.3g}")
        out.append((name, rf, got, s))
    label = (tuple(p), tuple(np.shape(d) for d in pr.data)) if pr.data else tuple(p)
    if record:
        _record(entry_id, label, out)
    assert not bad, f"{entry_id} at {label}:\n" + "\n".join(bad)


@pytest.mark.parametrize("entry_id", SCALAR)
def test_fuzz_scalar(entry_id):
    @FUZZ
    @given(box_points(CATALOG[entry_id]))
    def check(p):
        _compare(entry_id, p)

    check()
    assert STATS[entry_id][0] >= FUZZ_EXAMPLES


@pytest.mark.parametrize("entry_id", DATA)
def test_fuzz_data(entry_id):
    e = CATALOG[entry_id]

    @FUZZ
    @given(st.integers(1, 5).flatmap(lambda m: st.tuples(
        st.tuples(*[st.floats(lo, hi) for lo, hi in e.box]),
        st.lists(st.floats(-3, 3), min_size=m, max_size=m),
        st.lists(labels(entry_id), min_size=m, max_size=m),
    )))
    def check(args):
        params, x, y = args
        _compare(entry_id, params, (np.array(x), np.array(y)))

    check()
    assert STATS[entry_id][0] >= FUZZ_EXAMPLES


#: hyperplane_margin's data and parameters: 0 or 1e-100 ≤ |v| ≤ 3 (w near the smallest double,
#: where the kernel rescales (w, w0) by a power of 2, is tested in test_extremes.py).
MARGIN_VAL = st.one_of(st.just(0.0), coordinate(1e-100, 3.0, True))


@pytest.mark.parametrize("entry_id", VECTOR)
def test_fuzz_vector(entry_id):
    feats = CATALOG[entry_id].extra["features"]
    val = MARGIN_VAL if feats == "margin" else st.floats(-3, 3)

    @FUZZ
    @given(st.integers(1, 4), st.integers(1, 3), st.data())
    def check(m, n, data):
        if feats in ("affine", "wb", "margin"):
            X = np.array(data.draw(st.lists(val, min_size=m * n, max_size=m * n))).reshape(m, n)
            y = np.array(data.draw(st.lists(val, min_size=m, max_size=m)))
            p = np.array(data.draw(st.lists(val, min_size=n + 1, max_size=n + 1)))
            if feats == "margin" and not np.any(p[:-1]):
                p[0] = 1.0  # w = 0 is outside the domain
            _compare(entry_id, p, (X, y))
        elif feats == "polynomial":
            x = np.array(data.draw(st.lists(st.floats(-2, 2), min_size=m, max_size=m)))
            y = np.array(data.draw(st.lists(val, min_size=m, max_size=m)))
            p = np.array(data.draw(st.lists(val, min_size=n + 1, max_size=n + 1)))
            _compare(entry_id, p, (x, y))
        else:
            q = np.array(data.draw(st.lists(st.floats(0.05, 2), min_size=m, max_size=m)))
            pr = np.array(data.draw(st.lists(st.floats(0, 1), min_size=m, max_size=m)))
            _compare(entry_id, q, (pr,))

    check()
    assert STATS[entry_id][0] >= FUZZ_EXAMPLES


@pytest.mark.parametrize("entry_id", MODEL)
def test_fuzz_model(entry_id):
    fn = F.get(entry_id)
    activation = CATALOG[entry_id].extra.get("activation")
    val = st.floats(-1e3, 1e3)

    @FUZZ
    @given(st.integers(1, 4), st.integers(1, 3), st.data())
    def check(m, n, data):
        X = np.array(data.draw(st.lists(val, min_size=m * n, max_size=m * n))).reshape(m, n)
        w = np.array(data.draw(st.lists(val, min_size=n, max_size=n)))
        b = data.draw(val)
        got = fn.f(w, b, X)
        out = []
        for i in range(m):
            with mpmath.workdps(50):
                z = mpmath.fsum([mpmath.mpf(float(w[j])) * mpmath.mpf(float(X[i, j]))
                                 for j in range(n)]) + mpmath.mpf(b)
                # scale: the sum of |terms| (no float64 dot product beats ε·Σ|wⱼxᵢⱼ|)
                s = float(mpmath.fsum([abs(mpmath.mpf(float(w[j])) * float(X[i, j]))
                                       for j in range(n)]) + abs(mpmath.mpf(b)))
            if activation is None:
                r = float(z)
                assert abs(got[i] - r) <= RTOL_COMPILED * max(abs(r), s, SMALLEST_NORMAL)
                out.append((f"yhat[{i}]", r, float(got[i]), s))
            elif abs(z) > RTOL_COMPILED * max(s, SMALLEST_NORMAL):
                # the sign is determined beyond rounding (and underflow: wⱼxᵢⱼ = 1e-465
                # is 0 in float64, so its sign is not there to be computed)
                r = float(mpmath.sign(z))
                assert got[i] == r, (w, b, X[i], got[i], z)
                out.append((f"yhat[{i}]", r, float(got[i]), 0.0))
        _record(entry_id, (m, n), out)

    check()
    assert STATS[entry_id][0] >= FUZZ_EXAMPLES


def test_every_function_entry_is_fuzzed():
    with_kernel = set(SCALAR) | set(DATA) | set(VECTOR) | set(MODEL)
    assert with_kernel == set(F.IDS)


# -- the fits ----------------------------------------------------------------------------------


@st.composite
def problems(draw):
    """(X, y): m rows, n features with scales 10^k (k ∈ [−8, 8]) and mixed columns."""
    n = draw(st.integers(1, 4))
    m = draw(st.integers(n + 2, 60))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((m, n))
    mix = draw(st.floats(0.0, 0.999))  # columns pulled toward the first: conditioning
    Z[:, 1:] = mix * Z[:, :1] + (1.0 - mix) * Z[:, 1:]
    scales = 10.0 ** np.array(draw(st.lists(st.floats(-8, 8), min_size=n, max_size=n)))
    # an offset of up to 10³ column scales: the intercept column and the features then
    # overlap up to ~10⁶ in condition number, which the bound below carries through κ
    shift = 10.0 ** draw(st.floats(0, 3)) * draw(st.sampled_from([0.0, 1.0, -1.0]))
    X = (Z + shift) * scales
    theta = rng.standard_normal(n + 1)
    yscale = 10.0 ** draw(st.floats(-4, 4))
    noise = draw(st.sampled_from([0.0, 1e-3, 0.3]))
    y = yscale * (theta[0] + Z @ theta[1:] + noise * rng.standard_normal(m))
    return X, y


def _design(X):
    return np.column_stack([np.ones(X.shape[0]), X])


def _lstsq_cost(X, y):
    A = _design(X)
    sol = np.linalg.lstsq(A, y, rcond=None)[0]
    r = A @ sol - y
    return float(r @ r) / (2 * X.shape[0])


@FIT_SETTINGS
@given(problems(), st.sampled_from(["standard", "minmax", None]))
def test_fuzz_linear_fit(problem, scale):
    X, y = problem
    m = X.shape[0]
    tol = 1e-8 * max(1.0, float(np.abs(y).max()))
    lr = 0.5 if scale is not None else 1.0 / max(1.0, float((X**2).sum(axis=1).max()) + 1.0)
    try:
        fit = gk.linear_regression(X, y, lr, 20_000, tol=tol, scale=scale)
    except ValueError as exc:  # a feature that is constant in float64
        assert "constant" in str(exc) and scale is not None
        _outcome("linear_regression", "ValueError(constant feature)")
        return
    _outcome("linear_regression", fit.reason)
    assert np.all(np.isfinite(fit.theta)), fit.message
    assert fit.reason in ("converged", "max_iterations", "diverged"), fit.message
    A = _design(X)
    with np.errstate(over="ignore", invalid="ignore"):
        resid = A @ fit.theta - y
    J = float(resid @ resid) / (2 * m)
    jstar = _lstsq_cost(X, y)
    kappa = float(np.linalg.cond(A))
    slack = (COST_RTOL + KAPPA_FACTOR * kappa * EPS) * (jstar + float(y @ y) / (2 * m))
    # The reported cost is J at the reported θ (computed in the fit's coordinates: rounding
    # of the scaling map allowed).
    assert math.isclose(fit.cost, J, rel_tol=1e-6, abs_tol=slack) or not math.isfinite(J), (
        fit.cost, J)
    assert J >= jstar - slack  # nothing beats least squares
    if fit.reason == "converged":
        Xf = fit.scaling.apply(X) if fit.scaling is not None else X
        Af = _design(Xf)
        lam = float(np.linalg.eigvalsh(Af.T @ Af / m)[0])
        bound = fit.grad_norm**2 / (2 * lam) + slack if lam > 0 else math.inf
        assert J - jstar <= bound, (
            f"converged but J − J* = {J - jstar:.3g} > {bound:.3g} (λ_min {lam:.3g}, "
            f"cond {np.linalg.cond(Af):.3g}, ‖∇J‖ {fit.grad_norm:.3g})")


@st.composite
def classification(draw):
    n = draw(st.integers(1, 3))
    m = draw(st.integers(4, 60))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scales = 10.0 ** np.array(draw(st.lists(st.floats(-8, 8), min_size=n, max_size=n)))
    Z = rng.standard_normal((m, n))
    w = rng.standard_normal(n)
    noise = draw(st.sampled_from([0.0, 0.5, 2.0]))
    y = ((Z @ w + noise * rng.standard_normal(m)) > 0).astype(float)
    if y.min() == y.max():
        y[0] = 1.0 - y[0]
    return Z * scales, y


@FIT_SETTINGS
@given(classification())
def test_fuzz_logistic_fit(problem):
    X, y = problem
    m = X.shape[0]
    tol = 1e-6
    try:
        fit = gk.logistic_regression(X, y, 1.0, 5_000, tol=tol, scale="standard")
    except ValueError as exc:
        assert "constant" in str(exc)
        _outcome("logistic_regression", "ValueError(constant feature)")
        return
    _outcome("logistic_regression", fit.reason)
    assert np.all(np.isfinite(fit.theta)) and math.isfinite(fit.cost), fit.message
    assert fit.reason in ("converged", "max_iterations", "separable", "diverged"), fit.message
    Xf = fit.scaling.apply(X)
    Af = _design(Xf)
    theta_f = fit.scaling.theta_to_scaled(fit.theta)
    z = Af @ theta_f
    J = float(np.mean(np.logaddexp(0.0, z) - y * z))
    assert math.isclose(fit.cost, J, rel_tol=1e-8, abs_tol=1e-12), (fit.cost, J)
    sig = np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))),
                   np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))
    g = Af.T @ (sig - y) / m
    if fit.reason == "converged":
        # ‖∇J‖ ≤ tol at θ, recomputed here (θ mapped back and forth: rounding allowed)
        assert float(np.linalg.norm(g)) <= tol * (1 + 1e-6) + 1e-12, (np.linalg.norm(g), tol)
        assert not np.all((z > 0) == (y > 0.5)), "separating θ reported as converged"
    if fit.reason == "separable":
        # Certified by the linear program: the trajectory need not have separated the
        # classes yet, but the certificate must separate every row strictly.
        assert fit.separable is True
        theta_s = fit.separating_hyperplane
        assert np.all((2.0 * y - 1.0) * (theta_s[0] + X @ theta_s[1:]) > 0.0)
        assert fit.separated_at is None or fit.separated_at <= fit.n_iter
