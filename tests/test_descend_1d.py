"""The scalar loop of one-variable functions (``_loops.descend_1d``) equals the general loop.

``run_descent`` of a function of one variable runs ``descend_1d`` (point and gradient in
registers); the general ``descend`` (work arrays) runs every function of k variables.  Both must
give the same end point, outputs, reasons and path, bit for bit, whatever the options.  So must
``run_multistart``, which runs many starts in step as masked SIMD lanes, and ``descend_1d`` from
each start with the same f and f′.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from numba import njit

import gradspec.kernels as gk
from gradspec.kernels import _loops, _params
from gradspec.kernels._generated.catalog import META

FUNCTIONS = ["exp_minus_log", "exp_minus_log_sin", "sextic", "reciprocal", "sqrt"]
STARTS = [1.6, 0.3, 3.0, -0.5, 0.0]
OPTIONS = [
    # (learning rate, iterations, tol, stop_on, sign, schedule, check_value, threshold, negate)
    (0.1, 25, None, "either", 1.0, _loops.SCHED_FIXED, True, np.inf, False),
    (0.1, 40, 1e-3, "either", 1.0, _loops.SCHED_FIXED, True, np.inf, False),
    (0.05, 40, 1e-4, "gradient", 1.0, _loops.SCHED_GRADIENT, False, np.inf, False),
    (0.2, 30, 1e-6, "step", 1.0, _loops.SCHED_TIME, True, np.inf, False),
    (0.1, 20, None, "either", -1.0, _loops.SCHED_FIXED, True, np.inf, False),
    (0.1, 20, None, "either", 1.0, _loops.SCHED_FIXED, True, np.inf, True),
    (3.0, 50, None, "either", 1.0, _loops.SCHED_FIXED, True, 2.5, False),
    (50.0, 50, None, "either", 1.0, _loops.SCHED_FIXED, False, np.inf, False),
]


def _general(module):
    """The general loop bound to ``module``'s array forms (what k > 1 functions run)."""
    f_vec, grad_into = module.f_vec, module.grad_into
    hess_into, in_domain_vec = module.hess_into, module.in_domain_vec

    @njit(error_model="numpy")
    def run(x, fparams, iparams, path, fout, iout):
        _loops.descend(f_vec, grad_into, hess_into, in_domain_vec, x, fparams, iparams, path,
                       fout, iout)

    return run


def _outputs(run, x0, options, history):
    lr, n, tol, stop_on, sign, schedule, check_value, threshold, negate = options
    fparams, iparams = _params.pack(
        learning_rate=lr, num_iterations=n, tol=tol, stop_on=stop_on, sign=sign,
        schedule=schedule, check_value=check_value, divergence_threshold=threshold,
        negate=negate,
    )
    x = np.array([x0])
    path = np.full((n + 1 if history else 0, 1), -7.0)
    fout, iout = _params.outputs(1)
    run(x, fparams, iparams, path, fout, iout)
    return x, fout, iout, path


def _assert_same(outputs, expected, context):
    """Two runs' (x, fout, iout, path) equal bit for bit (NaN included)."""
    for a, b, what in zip(outputs, expected, ("x", "fout", "iout", "path"), strict=True):
        np.testing.assert_array_equal(a.view(np.int64), b.view(np.int64),
                                      err_msg=f"{context}: {what} differs")


@pytest.mark.parametrize("name", FUNCTIONS)
def test_descend_1d_equals_the_general_loop(name):
    module = getattr(gk.functions, name).module
    general = _general(module)
    reasons = set()
    for x0, options, history in itertools.product(STARTS, OPTIONS, (False, True)):
        fast = _outputs(module.run_descent, x0, options, history)
        _assert_same(fast, _outputs(general, x0, options, history),
                     f"{name} from {x0} with {options}, history={history}")
        reasons.add(int(fast[2][_loops.R_REASON]))
    # the matrix reaches more than one outcome, so the comparison covers the refusals too
    assert len(reasons) >= 2, reasons


def _per_start(module):
    """``descend_1d`` from each start in turn, with the f, f′ and (f, f′) that
    ``run_multistart`` binds: the lane forms (``f_lanes``, ``grad_lanes``,
    ``value_grad_lanes``) where the module has them, else f, grad and value_grad; the value
    check screens f with (f, f′) itself."""
    f = getattr(module, "f_lanes", module.f)
    grad = getattr(module, "grad_lanes", module.grad)
    fg = getattr(module, "value_grad_lanes", module.value_grad)
    in_domain = module.in_domain

    @njit(error_model="numpy")
    def run(starts, fparams, iparams, fout, iout):
        path = np.empty((0, 1))
        for s in range(starts.shape[0]):
            _loops.descend_1d(f, grad, fg, fg, in_domain, starts[s], fparams, iparams, path,
                              fout[s], iout[s])

    return run


MULTISTARTS = np.concatenate([np.linspace(-1.0, 4.0, 301), [0.0, np.nan, 700.0, 1e-320]])


@pytest.mark.parametrize("name", FUNCTIONS)
def test_multistart_1d_equals_descend_1d_per_start(name):
    """``run_multistart`` of a one-variable function (its starts in step, as masked SIMD
    lanes) gives, for every start and every option, the end point, outputs and reason of a
    ``descend_1d`` run from it with the same f and f′, bit for bit."""
    module = getattr(gk.functions, name).module
    per_start = _per_start(module)
    reasons = set()
    for options in OPTIONS:
        lr, n, tol, stop_on, sign, schedule, check_value, threshold, negate = options
        fparams, iparams = _params.pack(
            learning_rate=lr, num_iterations=n, tol=tol, stop_on=stop_on, sign=sign,
            schedule=schedule, check_value=check_value, divergence_threshold=threshold,
            negate=negate,
        )
        results = []
        for run in (module.run_multistart, per_start):
            x = MULTISTARTS[:, None].copy()
            fout, iout = _params.outputs(1, x.shape[0])
            run(x, fparams, iparams, fout, iout)
            results.append((x, fout, iout))
        for a, b, what in zip(*results, ("x", "fout", "iout"), strict=True):
            np.testing.assert_array_equal(a.view(np.int64), b.view(np.int64),
                                          err_msg=f"{name} with {options}: {what} differs")
        reasons |= set(results[0][2][:, _loops.R_REASON].tolist())
    # the starts reach several outcomes, so the comparison covers the masked lanes too
    assert len(reasons) >= 2, reasons


@pytest.mark.parametrize("name", ["exp_minus_log", "sextic", "reciprocal"])
def test_scalar_entry_equals_the_array_entry(name):
    """``run_descent_scalar`` (numbers in, a tuple out: the short-run path of the drivers)
    gives the outputs of ``run_descent`` (arrays in and out), bit for bit."""
    module = getattr(gk.functions, name).module
    for x0, options, history in itertools.product(STARTS, OPTIONS, (False, True)):
        x, fout, iout, path = _outputs(module.run_descent, x0, options, history)
        lr, n, tol, stop_on, sign, schedule, check_value, threshold, negate = options
        path2 = np.full((n + 1 if history else 0, 1), -7.0)
        out = module.run_descent_scalar(
            x0, lr, n, 0.0 if tol is None else tol, sign, threshold, schedule,
            _params._stop_bits(tol, stop_on), check_value, negate, path2)
        expected = _params.unpack(x, fout, iout)
        # six floats (NaN where nothing was refused: compared bit for bit), four integers
        np.testing.assert_array_equal(np.array(out[:6]).view(np.int64),
                                      np.array(expected[:6]).view(np.int64),
                                      err_msg=f"{name} from {x0} with {options}")
        assert out[6:] == expected[6:], (name, x0, options)
        np.testing.assert_array_equal(path2.view(np.int64), path.view(np.int64))


ONE_VARIABLE = [k for k, m in META.items()
                if m["kind"] == "scalar" and len(m["variables"]) == 1]


def _both(fg, f, grad):
    """A compiled loop writing fg(x) and (f(x), grad(x)) side by side, one row per x."""

    @njit(error_model="numpy")
    def both(xs):
        out = np.empty((xs.shape[0], 4))
        for i in range(xs.shape[0]):
            v, g = fg(xs[i])
            out[i, 0], out[i, 1], out[i, 2], out[i, 3] = v, g, f(xs[i]), grad(xs[i])
        return out

    return both


@pytest.mark.parametrize("name", ONE_VARIABLE)
def test_value_grad_is_f_and_grad_bit_for_bit(name):
    """``value_grad`` (f and f′ with their common subexpressions once: what the loops of one
    variable evaluate) returns exactly ``f``'s and ``grad``'s bits, and ``value_grad_lanes``
    exactly ``f_lanes``'s and ``grad_lanes``'s, at ordinary points, domain edges and beyond."""
    module = getattr(gk.functions, name).module
    xs = np.concatenate([MULTISTARTS, np.geomspace(1e-300, 1e300, 601),
                         -np.geomspace(1e-300, 1e300, 601), [np.inf, -np.inf, -0.0]])
    forms = [(module.value_grad, module.f, module.grad)]
    if hasattr(module, "value_grad_lanes"):
        forms.append((module.value_grad_lanes, module.f_lanes, module.grad_lanes))
    for fg, f, grad in forms:
        with np.errstate(all="ignore"):
            out = _both(fg, f, grad)(xs)
        np.testing.assert_array_equal(out[:, :2].view(np.int64), out[:, 2:].view(np.int64),
                                      err_msg=f"{name}: {fg.py_func.__name__}")


SCREENED = [k for k in ONE_VARIABLE
            if hasattr(getattr(gk.functions, k).module, "value_grad_screen")]


def test_some_function_is_screened():
    """eˣ − ln x has a screen (its ln x is not shared with f′), so the tests below run."""
    assert "exp_minus_log" in SCREENED


def _screen_points():
    """Ordinary points, the domain edges, the whole double range (both signs), subnormals,
    the specials, and every double within 64 ulp of the overflow edges of exp (ln DBL_MAX)
    and of x⁶ (DBL_MAX^(1/6))."""
    edges = []
    for e in (np.log(np.finfo(np.float64).max), np.finfo(np.float64).max ** (1 / 6)):
        bits = np.float64(e).view(np.int64) + np.arange(-64, 65)
        edges.append(bits.view(np.float64))
    return np.concatenate([MULTISTARTS, np.geomspace(1e-300, 1e300, 20001),
                           -np.geomspace(1e-300, 1e300, 2001), [5e-324, 1e-310, 2.2e-308],
                           [np.inf, -np.inf, np.nan, -0.0], *edges])


@pytest.mark.parametrize("name", SCREENED)
def test_screen_vouches_only_for_finite_values(name):
    """``value_grad_screen`` returns ``grad``'s f′ bit for bit, and a screening value s
    with |s| ≤ SCREEN_MAX only where f is finite: the scalar loop takes f as finite there
    without evaluating it (and evaluates f anywhere else), so its value check refuses
    exactly the candidates that a check of f itself refuses."""
    module = getattr(gk.functions, name).module
    xs = _screen_points()
    with np.errstate(all="ignore"):
        out = _both(module.value_grad_screen, module.f, module.grad)(xs)
    np.testing.assert_array_equal(out[:, 1].view(np.int64), out[:, 3].view(np.int64),
                                  err_msg=f"{name}: the screen's f′ is not grad's")
    vouched = np.abs(out[:, 0]) <= _loops.SCREEN_MAX
    assert np.isfinite(out[vouched, 2]).all(), xs[vouched & ~np.isfinite(out[:, 2])]
    # the screen is a close value of f, not a constant: it vouches for most finite values
    assert vouched.sum() > 0.5 * np.isfinite(out[:, 2]).sum()


def _with_screen(module, screen):
    """``descend_1d`` of ``module`` with the value check's screen replaced by ``screen``."""
    f, grad, fg, in_domain = module.f, module.grad, module.value_grad, module.in_domain

    @njit(error_model="numpy")
    def run(x, fparams, iparams, path, fout, iout):
        _loops.descend_1d(f, grad, fg, screen, in_domain, x, fparams, iparams, path, fout,
                          iout)

    return run


def _screens(module):
    """A screen that never vouches (f evaluated at every candidate) and one that always
    does (the value check reduced to nothing)."""
    grad = module.grad

    @njit(error_model="numpy")
    def never(x):
        return np.inf, grad(x)

    @njit(error_model="numpy")
    def always(x):
        return 0.0, grad(x)

    return never, always


# sextic from 100 at α = 1: x₁ ≈ −6e10, x₂ ≈ 4.7e54, where f = x⁶ − … overflows while
# f′ ≈ 6x⁵ ≈ 1.4e273 is finite: only the value check refuses x₂.
OVERFLOW_RUN = (100.0, (1.0, 5, None, "either", 1.0, _loops.SCHED_FIXED, True, np.inf, False))


@pytest.mark.parametrize("history", [False, True])
def test_value_check_refuses_where_only_f_overflows(history):
    """A candidate whose f overflows while f′ is finite is refused at that step, with the
    general loop's reason, failed_at, rejected point, end point and path; without the value
    check (or with a screen that vouches for everything) the same run accepts it."""
    module = gk.functions.sextic.module
    x0, options = OVERFLOW_RUN
    fast = _outputs(module.run_descent, x0, options, history)
    _assert_same(fast, _outputs(_general(module), x0, options, history), "general loop")
    iout = fast[2]
    assert iout[_loops.R_REASON] == _loops.DIVERGED and iout[_loops.R_FAILED_AT] == 2
    rejected = fast[1][_loops.O_REJECTED]
    assert np.isfinite(module.grad(rejected)) and not np.isfinite(module.f(rejected))
    never, always = _screens(module)
    unscreened = _outputs(_with_screen(module, always), x0, options, history)
    assert unscreened[2][_loops.R_FAILED_AT] != 2  # the value check is what refused x₂
    no_check = (*options[:6], False, *options[7:])
    assert _outputs(module.run_descent, x0, no_check, history)[2][_loops.R_FAILED_AT] != 2
    _assert_same(fast, _outputs(_with_screen(module, never), x0, options, history),
                 "f at every candidate")


@pytest.mark.parametrize("name", SCREENED)
def test_screened_check_equals_f_at_every_candidate(name):
    """With its screen, the loop gives what it gives when f itself is evaluated at every
    candidate (a screen that never vouches), field by field, path included, over the
    starts and options of the comparison with the general loop."""
    module = getattr(gk.functions, name).module
    never, _ = _screens(module)
    exact = _with_screen(module, never)
    for x0, options, history in itertools.product(STARTS, OPTIONS, (False, True)):
        _assert_same(_outputs(module.run_descent, x0, options, history),
                     _outputs(exact, x0, options, history),
                     f"{name} from {x0} with {options}, history={history}")
