"""Long runs are compiled slices: the same iterates as one call, a progress bar, and Ctrl-C.

Ctrl-C is tested for real: a child process runs a long descent (or fit), the parent sends it
SIGINT, and the child must return the last accepted point with reason "interrupted" soon after.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels import progress

F = gk.functions

#: Wall time allowed between SIGINT and the child's return: slices last about 50 ms, and the
#: machine may be busy.
AFTER_SIGNAL_SECONDS = 1.5


@pytest.fixture
def tiny_slices(monkeypatch):
    """Slices of 16 iterations at most (the smallest size): many slices in a short run, and
    no single run short enough to be one call."""
    monkeypatch.setattr(progress, "FIRST_SLICE", 16)
    monkeypatch.setattr(progress, "SLICE_SECONDS", 1e-12)
    monkeypatch.setattr(progress, "ONE_CALL", 0)


def _one_call(monkeypatch):
    monkeypatch.setattr(progress, "FIRST_SLICE", 2**62)
    monkeypatch.setattr(progress, "ONE_CALL", 2**62)


def _fields(r):
    return {k: getattr(r, k) for k in ("x", "value", "n_iter", "reason", "failed_at",
                                       "rejected", "grad_norm", "step_norm",
                                       "stationary_start", "last_learning_rate")}


def test_sliced_descent_and_newton_equal_one_call(tiny_slices, monkeypatch):
    runs = [
        lambda: gk.gradient_descent(F.exp_minus_log, 1.6, 0.1, 500, history=True),
        lambda: gk.gradient_descent(F.sauna, (0.5, 0.6), 0.25, 300, history=True),
        lambda: gk.gradient_ascent(F.peaks, (0.1, 1.2), 0.01, 400, schedule="gradient"),
        lambda: gk.gradient_descent(F.exp_minus_log, 1.6, 0.5, 100),  # leaves the domain
        lambda: gk.gradient_descent(F.square, 1.0, 1.5, 3000),  # diverges after many slices
        lambda: gk.newton(F.peaks, (0.4, -0.4), num_iterations=100, tol=None, target="any"),
    ]
    sliced = [r() for r in runs]
    _one_call(monkeypatch)
    whole = [r() for r in runs]
    for a, b in zip(sliced, whole, strict=True):
        assert _fields(a) == _fields(b)
        if a.path is not None:
            np.testing.assert_array_equal(a.path, b.path)


def test_sliced_multistart_equals_one_call(tiny_slices, monkeypatch):
    starts = np.linspace(-3.0, 3.0, 41)
    a = gk.multistart(F.sextic, starts, 0.01, 300)
    b = gk.multistart(F.square, np.linspace(-3.0, 3.0, 7), learning_rate=1.5, num_iterations=3000)
    _one_call(monkeypatch)
    a1 = gk.multistart(F.sextic, starts, 0.01, 300)
    b1 = gk.multistart(F.square, np.linspace(-3.0, 3.0, 7), learning_rate=1.5,
                       num_iterations=3000)
    for u, v in ((a, a1), (b, b1)):
        for k in ("points", "value", "n_iter", "failed_at", "grad_norm", "labels"):
            np.testing.assert_array_equal(getattr(u, k), getattr(v, k))
        assert list(u.reason) == list(v.reason)


def test_sliced_fit_equals_one_call(tiny_slices, monkeypatch):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 3))
    y = (X[:, 0] + rng.standard_normal(300) > 0).astype(float)
    runs = [lambda: gk.logistic_regression(X, y, 0.5, 700, history=True),
            lambda: gk.linear_regression(X, X @ [1.0, 2.0, 3.0], 0.1, 500, tol=1e-9),
            lambda: gk.linear_regression(X * 30.0, X @ [1.0, 2.0, 3.0], 1.0, 500)]  # diverges
    sliced = [r() for r in runs]
    _one_call(monkeypatch)
    whole = [r() for r in runs]
    for a, b in zip(sliced, whole, strict=True):
        np.testing.assert_array_equal(a.theta, b.theta)
        np.testing.assert_array_equal(a.cost_history, b.cost_history)
        assert (a.reason, a.n_iter, a.failed_at, a.separated_at) == (
            b.reason, b.n_iter, b.failed_at, b.separated_at)
        if a.path is not None:
            np.testing.assert_array_equal(a.path, b.path)


def test_progress_bar_runs(capsys):
    r = gk.gradient_descent(F.exp_minus_log, 1.6, 0.1, 5000, progress=True)
    f = gk.logistic_regression([[0.0], [1.0], [2.0], [3.0]], [0, 1, 0, 1], 0.1, 3000,
                               progress=True)
    m = gk.multistart(F.sextic, np.linspace(-1, 1, 5), 0.01, 3000, progress=True)
    assert r.n_iter == 5000 and f.n_iter == 3000 and m.n_iter.max() == 3000
    with pytest.raises(TypeError, match="progress must be True or False"):
        gk.newton(F.sauna, (1.0, 1.0), progress="yes")


CHILD = r"""
import json, sys, time
import numpy as np
import gradspec.kernels as gk
kind = sys.argv[1]
if kind == "descent":
    run = lambda: gk.gradient_descent(gk.functions.exp_minus_log, 1.6, 0.1, 10**12)
    # longer than one compiled call (progress.ONE_CALL), so the sliced loop that the long
    # run uses is compiled (or loaded) before the clock starts, not while the signal comes
    run_small = lambda: gk.gradient_descent(gk.functions.exp_minus_log, 1.6, 0.1, 50_000)
else:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20000, 5))
    y = (X[:, 0] + rng.standard_normal(20000) > 0).astype(float)
    run = lambda: gk.logistic_regression(X, y, 0.1, 10**9)
    run_small = lambda: gk.logistic_regression(X, y, 0.1, 3000)
run_small()  # compiled (or loaded from the cache) before the clock starts
print("ready", flush=True)
r = run()
done = time.time()
if kind == "descent":
    out = {"reason": str(r.reason), "x": r.x, "n": r.n_iter, "finite": bool(np.isfinite(r.x))}
else:
    out = {"reason": str(r.reason), "x": r.theta.tolist(), "n": r.n_iter,
           "finite": bool(np.all(np.isfinite(r.theta))), "hist": len(r.cost_history),
           "cost": r.cost, "last": float(r.cost_history[-1])}
out["done"] = done
print(json.dumps(out), flush=True)
"""


@pytest.mark.parametrize("kind", ["descent", "fit"])
def test_ctrl_c_stops_a_long_run_with_the_last_accepted_point(kind):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(1.0)  # well inside the long compiled run
        sent = time.time()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    r = json.loads(out.strip().splitlines()[-1])
    assert r["reason"] == "interrupted"
    assert r["finite"] and r["n"] > 0
    assert r["done"] - sent < AFTER_SIGNAL_SECONDS
    if kind == "fit":  # the returned θ is the last accepted iterate, with its cost
        assert r["hist"] == r["n"] + 1 and r["cost"] == r["last"]
