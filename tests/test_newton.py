"""Newton's method: Ω to 1e-15, quadratic convergence, singular/indefinite Hessians."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
from optim_cases import (
    ATOL_4_DECIMALS,
    ATOL_NEWTON_OMEGA,
    LAB_EXP_MINUS_LOG,
    NEWTON_QUADRATIC_C,
    OMEGA,
    PEAKS_GLOBAL_MAX,
    RATIO_FLOOR,
)

import gradspec.kernels as gk

F = gk.functions


def test_omega_is_lambert_w_of_one():
    """The documents' Ω = W(1), derived: the minimiser solves eˣ = 1/x, i.e. x·eˣ = 1."""
    assert float(mpmath.lambertw(1)) == OMEGA


def test_newton_reaches_omega_in_far_fewer_iterations():
    x0, alpha, n, _ = LAB_EXP_MINUS_LOG
    r = gk.newton(F.exp_minus_log, x0, num_iterations=50, tol=1e-12)
    assert r.converged and r.hessian_kind == "min"
    assert abs(r.x - OMEGA) <= ATOL_NEWTON_OMEGA
    gd = gk.gradient_descent(F.exp_minus_log, x0, alpha, n)
    assert abs(gd.x - OMEGA) > 1e-7  # the lab's 25 steps are still 1.25e-7 away
    assert r.n_iter <= n // 3
    # gradient descent contracts the error by |1 − α·f''(Ω)| ≈ 0.51 per step: it needs several
    # times as many steps to stop on the same step size
    gd_long = gk.gradient_descent(F.exp_minus_log, x0, alpha, 10_000, tol=ATOL_NEWTON_OMEGA,
                                  stop_on="step")
    assert gd_long.n_iter > 5 * r.n_iter


def test_one_newton_step_is_f_prime_over_f_second():
    fn = F.exp_minus_log
    r = gk.newton(fn, 1.6, num_iterations=1, tol=None)
    assert r.n_iter == 1 and r.reason == "max_iterations"
    assert r.x == 1.6 - fn.grad(1.6) / fn.hess(1.6)  # bit for bit


def test_one_newton_step_solves_the_hessian_system():
    fn = F.three_wells
    x0 = np.array([0.6, 0.7])
    r = gk.newton(fn, x0, num_iterations=1, tol=None, target="any")
    expected = x0 - np.linalg.solve(fn.hess(*x0), np.array(fn.grad(*x0)))
    np.testing.assert_allclose(r.x, expected, rtol=1e-14)


@pytest.mark.parametrize("x0", [(4.3, 3.8), (3.5, 4.5), (4.5, 4.4)])
def test_newton_on_the_sauna_converges_quadratically(x0):
    """e_{k+1} ≤ C·e_k² near the minimum (4, 4) of document 002."""
    r = gk.newton(F.sauna, x0, tol=1e-14, history=True)
    assert r.converged and r.hessian_kind == "min"
    np.testing.assert_allclose(r.x, (4.0, 4.0), rtol=0, atol=1e-14)
    e = np.linalg.norm(r.path - 4.0, axis=1)
    ratios = [e[k + 1] / e[k] ** 2 for k in range(len(e) - 1) if e[k + 1] > RATIO_FLOOR]
    assert len(ratios) >= 3
    assert max(ratios) <= NEWTON_QUADRATIC_C, ratios
    # Newton's per-step factor e_{k+1}/e_k falls towards 0; gradient descent's settles at a
    # constant (|1 − α·λ| for the Hessian's eigenvalue λ): linear convergence
    factors = [e[k + 1] / e[k] for k in range(len(e) - 1) if e[k + 1] > RATIO_FLOOR]
    assert all(b < a for a, b in zip(factors, factors[1:], strict=False)), factors
    gd = gk.gradient_descent(F.sauna, x0, 0.25, 12, history=True)
    eg = np.linalg.norm(gd.path - 4.0, axis=1)
    linear = [eg[k + 1] / eg[k] for k in range(3, len(eg) - 1) if eg[k + 1] > 1e3 * RATIO_FLOOR]
    assert len(linear) >= 3
    assert max(linear) / min(linear) < 1.02, linear
    assert min(linear) > factors[-1]


def test_indefinite_hessian_is_reported():
    # near the global maximum of peaks the Hessian is negative definite: not a way to a minimum
    r = gk.newton(F.peaks, (0.0, 1.5))
    assert r.reason == "indefinite_hessian" and not r.converged
    assert r.failed_at == 1 and r.n_iter == 0 and r.x == (0.0, 1.5)
    assert "Hessian" in r.message
    # asking for a maximum, the same start converges to document 004's global maximum
    up = gk.newton(F.peaks, (0.0, 1.5), target="max")
    assert up.converged and up.hessian_kind == "max"
    np.testing.assert_allclose(up.x, PEAKS_GLOBAL_MAX[0], rtol=0, atol=ATOL_4_DECIMALS)
    # a 1-D maximum: f'' < 0 on the sextic at its local maximum 0.68…
    assert gk.newton(F.sextic, 0.7).reason == "indefinite_hessian"


@pytest.mark.parametrize("target", ["any", "min"])
def test_singular_hessian_is_reported(target):
    # z = x² + y has H = [[2, 0], [0, 0]] everywhere
    r = gk.newton(F.x2_plus_y, (1.0, 2.0), target=target)
    assert r.reason == "singular_hessian" and r.failed_at == 1 and r.x == (1.0, 2.0)
    assert r.hessian_kind == "degenerate"


def test_newton_stationary_start():
    r = gk.newton(F.sextic, 0.0)
    assert r.stationary_start and r.converged and r.n_iter == 0 and r.x == 0.0
    assert r.hessian_kind == "min"  # document 004: x = 0 is a local minimum (f'' = 8)


def test_newton_target_any_finds_a_saddle():
    # peaks has a saddle near (0.4163, −0.3941) (the derivation's numeric stationary points)
    r = gk.newton(F.peaks, (0.4, -0.4), target="any")
    assert r.converged and r.hessian_kind == "saddle"


def test_newton_bad_input():
    with pytest.raises(ValueError, match="newton: target must be one of"):
        gk.newton(F.sauna, (4.0, 4.0), target="minimum")
    with pytest.raises(ValueError, match="newton: damping must be a finite number > 0"):
        gk.newton(F.sauna, (4.0, 4.0), damping=0.0)
    with pytest.raises(ValueError, match="outside the domain"):
        gk.newton(F.exp_minus_log, -1.0)
    with pytest.raises(TypeError, match="num_iterations"):
        gk.newton(F.exp_minus_log, 1.0, num_iterations=1.5)
