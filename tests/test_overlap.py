"""The overlap certificate (Gordan's theorem, rounding bounded) of gradspec.kernels.overlap."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from gradspec.kernels import fitting, overlap


def _logistic_data(m, n, strength, seed, offset=0.0):
    """Rows with labels drawn from a logistic model: overlapping classes for moderate
    ``strength`` (the larger, the fewer rows near the boundary)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    z = X @ (strength * rng.standard_normal(n) / np.sqrt(n)) + 0.3
    y = (rng.random(m) < 1.0 / (1.0 + np.exp(-z))).astype(float)
    return X + offset, y


def _separable_data(m, n, margin, seed, offset=0.0):
    """Rows strictly separated by a random hyperplane, the nearest at distance ``margin``."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal(n)
    w /= np.linalg.norm(w)
    X = rng.standard_normal((m, n))
    d = X @ w
    X += np.outer(np.where(d >= 0.0, margin, -margin), w)  # push each row off the plane
    y = (X @ w > 0.0).astype(float)
    return X + offset, y


def test_an_exact_certificate_passes_and_a_distant_one_does_not():
    """Each row twice, once per label: λ = 1 everywhere has Σ λᵢ·aᵢ = 0 exactly."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((12, 3))
    A = overlap.signed_rows(np.vstack([X, X]), np.r_[np.zeros(12), np.ones(12)])
    assert overlap.gordan_bound_holds(A, np.ones(24))
    lam = np.ones(24)
    lam[0] = 1e-3  # Σ λᵢ·aᵢ ≈ −a₀: the correction needed is far larger than λ₀
    assert not overlap.gordan_bound_holds(A, lam)
    assert not overlap.gordan_bound_holds(A, np.r_[np.zeros(1), np.ones(23)])  # λ̂ must be > 0
    # rows a hyperplane separates have no certificate at all: any λ̂ is refused
    Xs, ys = _separable_data(24, 3, 0.5, 1)
    assert not overlap.gordan_bound_holds(overlap.signed_rows(Xs, ys), np.ones(24))


@pytest.mark.parametrize("seed", range(4))
def test_a_certificate_is_an_exact_one_nearby(seed):
    """The argument of the module docstring, on an instance, in rational arithmetic: with the
    exact rows of the transformed data (x − c)·2^−e and the λ̂ Newton found, the correction
    δ = −A(AᵀA)⁻¹Aᵀλ̂ makes λ̂ + δ ≥ 0 with Aᵀ(λ̂ + δ) = 0 exactly."""
    X, y = _logistic_data(40, 2, 1.0, seed)
    assert overlap.overlap_certified(X, y)
    A = overlap.signed_rows(X, y)
    theta, _ = overlap._newton_minimum(A, np.zeros(3), overlap.MAX_NEWTON_STEPS)
    lam = overlap.sigmoid(-(A @ theta))
    assert lam.min() >= overlap.LAMBDA_FLOOR  # no row set aside on this data
    # the exact rows: x − c in rationals, the same power of two, the same signs
    c = X.mean(axis=0)
    D = X - c
    scale = np.exp2(-np.floor(np.log2(np.sqrt(np.mean(D * D, axis=0)))))
    s = 2 * y - 1
    rows = [[sp.Rational(int(si))] + [sp.Rational(int(si)) * (sp.Rational(float(xij))
                                                                - sp.Rational(float(cj)))
                                      * sp.Rational(float(sj))
                                      for xij, cj, sj in zip(xi, c, scale, strict=True)]
            for xi, si in zip(X, s, strict=True)]
    Ae = sp.Matrix(rows)
    le = sp.Matrix([sp.Rational(float(v)) for v in lam])
    r = Ae.T * le
    assert any(v != 0 for v in r)  # λ̂ alone is not exact: the correction is needed
    delta = -Ae * (Ae.T * Ae).LUsolve(r)
    star = le + delta
    assert all(v >= 0 for v in star)
    assert Ae.T * star == sp.zeros(3, 1)


@pytest.mark.parametrize("seed", range(25))
def test_separable_rows_are_never_certified(seed):
    """No proof of overlap for rows a hyperplane separates, down to margins near rounding,
    with large offsets, and with as few rows as columns + 2."""
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(1, 12))
    m = int(rng.choice([n + 2, 3 * n + 5, 256]))
    margin = float(rng.choice([1.0, 1e-3, 1e-8, 1e-13]))
    offset = float(rng.choice([0.0, 1e3, 1e8]))
    if 4 * offset * np.finfo(float).eps > margin:
        offset = 0.0  # rounding the offset rows would move them by more than the margin
    X, y = _separable_data(m, n, margin, seed, offset)
    if y.min() == y.max():
        y[0] = 1.0 - y[0]
        X[0] = -X[0] + 2 * offset  # mirrored through the offset point: still separable
    assert not overlap.overlap_certified(X, y)


@pytest.mark.parametrize("seed", range(12))
def test_certified_overlap_agrees_with_the_linear_program(seed):
    """Wherever the certificate proves overlap, a linear program on the centred rows finds
    sᵢ·(θ·x̃ᵢ) ≥ 1 infeasible too."""
    strength = [0.5, 2.0, 5.0, 10.0][seed % 4]
    X, y = _logistic_data(256, 1 + seed % 9, strength, seed)
    certified = overlap.overlap_certified(X, y)
    status, _ = fitting._feasibility(X - X.mean(axis=0), y)
    if certified:
        assert status == 2
    if strength <= 2.0:
        assert certified  # well-overlapping classes are always proved


def test_overlap_far_from_the_origin_is_proved_where_the_lp_has_numerical_trouble():
    """Columns around 1e8 with unit spread: HiGHS reports numerical difficulties on the rows
    as they are, while the certificate (in centred coordinates, exact for such columns)
    proves overlap."""
    X, y = _logistic_data(256, 8, 3.0, 0, offset=1e8)
    assert overlap.overlap_certified(X, y)
    assert fitting.separating_hyperplane(X, y) is None


def test_columns_without_a_scale_give_no_certificate():
    X, y = _logistic_data(100, 3, 1.0, 1)
    X[:, 1] = 5.0  # constant: the centred column is zero
    assert overlap.signed_rows(X, y) is None
    assert not overlap.overlap_certified(X, y)
    # and the fit's certificate falls back to the linear program, which still answers
    assert fitting.separating_hyperplane(X, y) is None


def test_newtons_forms_are_the_log_loss_derivatives():
    """SymPy: what ``_newton`` computes per row is the generated log-loss ℓ(z, 1) of the signed
    row (ℓ(θ·x̃, y) = ℓ(s·θ·x̃, 1), s = 2y − 1) and its derivatives in θ, on both sides of 0:
    softplus(−z) = max(−z, 0) + ln(1 + e^(−|z|)), ∇ = −λ·a and H = λ(1 − λ)·a·aᵀ with
    λ = σ(−z) = e/(1 + e) for z ≥ 0 and 1/(1 + e) for z < 0, e = e^(−|z|)."""
    from gradspec.symbolic.catalog.costs import LINKS
    from gradspec.symbolic.generator.stable import is_zero, to_exp

    ell = LINKS["log_loss"]
    z, y = (next(s for s in ell.free_symbols if s.name == name) for name in ("z", "y"))
    t0, t1, a0, a1 = sp.symbols("theta0 theta1 a0 a1", real=True)
    zz = a0 * t0 + a1 * t1
    L = to_exp(ell.subs(y, 1).subs(z, zz))
    # the same loss for the other label on the unsigned row: the signed rows lose nothing
    assert is_zero(to_exp(ell.subs(y, 0).subs(z, -zz)) - L)
    w = sp.Symbol("w", positive=True)  # |z|
    for side, zval in (("z >= 0", w), ("z < 0", -w)):
        e = sp.exp(-w)
        lam = e / (1 + e) if zval == w else 1 / (1 + e)
        kernel_loss = sp.Max(-zval, 0) + sp.log(1 + e)
        at = {t0: zval / a0, t1: 0}  # a point with a·θ = zval
        assert is_zero(to_exp(L.subs(at) - kernel_loss)), side
        for i, ti in enumerate((t0, t1)):
            ai = (a0, a1)[i]
            assert is_zero(to_exp(sp.diff(L, ti).subs(at) + lam * ai)), side
            for j, tj in enumerate((t0, t1)):
                aj = (a0, a1)[j]
                hess = lam * (1 - lam) * ai * aj
                assert is_zero(to_exp(sp.diff(L, ti, tj).subs(at) - hess)), side
