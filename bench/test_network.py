"""Training a network: ``gk.Network.fit`` against JAX and hand-written NumPy backprop.

Two cases, seeded random data of the stated shapes:

- ``digits``: a 64-32-10 network (relu, softmax + cross-entropy) on 1,797 × 64 rows (the
  shape of the classic 8×8 digits set), mini-batches of 32, a few epochs;
- ``wide``: a 16-32-1 network (tanh, sigmoid + log-loss) on 100,000 × 16 rows, full-batch
  epochs.

Every implementation starts from the same parameters (``Network.init(0)``), visits the rows in
the same order and takes the same steps; its parameters are checked against gradspec's
(relative 1e-8) before its time counts.  The reported figure is seconds per epoch
(``extra_info["seconds_per_epoch"]``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import gradspec.kernels as gk

from . import network_peers as peers
from .cases import quick_mode
from .timing import best_seconds, measure

RTOL = 1e-8


@dataclass(frozen=True)
class Case:
    label: str
    layers: tuple
    activation: str
    output: str
    cost: str
    m: int
    batch: int | None
    epochs: int
    learning_rate: float


CASES = (
    Case("digits-64-32-10", (64, 32, 10), "relu", "softmax", "cross_entropy", 1797, 32, 5, 0.05),
    Case("wide-16-32-1", (16, 32, 1), "tanh", "sigmoid", "log_loss", 100_000, None, 3, 0.5),
)
QUICK = {"digits-64-32-10": 1797, "wide-16-32-1": 10_000}
IMPLS = ("gradspec", "jax", "numpy")


def _data(case: Case, m: int):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(m, case.layers[0]))
    if case.output == "softmax":
        labels = rng.integers(0, case.layers[-1], m)
        return X, labels, np.eye(case.layers[-1])[labels]
    y = (X[:, 0] * X[:, 1] + 0.3 * X[:, 2] > 0).astype(float)
    return X, y, y[:, None]


def pytest_generate_tests(metafunc):
    if {"case", "impl"} <= set(metafunc.fixturenames):
        pairs = [(c, i) for c in CASES for i in IMPLS]
        metafunc.parametrize(("case", "impl"), pairs, ids=[f"{c.label}-{i}" for c, i in pairs])


_REFERENCE: dict[str, list] = {}


def test_network(benchmark, request, case, impl):
    m = QUICK[case.label] if quick_mode(request.config) else case.m
    X, y, Y = _data(case, m)
    net = gk.Network(case.layers, activation=case.activation, output=case.output,
                     cost=case.cost)
    params0 = net.init(0)
    start = (params0[0][0], params0[0][1], params0[1][0], params0[1][1])
    batch = m if case.batch is None else case.batch
    benchmark.group = f"network {case.label}"
    benchmark.extra_info.update(kind="network", case=case.label, m=m, impl=impl,
                                epochs=case.epochs, batch=batch, layers=case.layers)

    def run_gradspec():
        return net.fit(X, y, learning_rate=case.learning_rate, num_epochs=case.epochs,
                       batch_size=case.batch, seed=0, params0=params0)

    expected = _REFERENCE.get(case.label)
    if expected is None:
        fit = run_gradspec()
        expected = _REFERENCE[case.label] = [a for pair in fit.params for a in pair]

    if impl == "gradspec":
        fn, args = run_gradspec, ()

        def flat(result):
            return [a for pair in result.params for a in pair]
    elif impl == "numpy":
        def fn():
            return peers.numpy_fit(start, X, Y, case.learning_rate, case.epochs, batch, 0,
                                   case.activation, case.output)
        args = ()
        flat = list
    else:
        jax = peers.jax_module()
        fit_jax = peers.make_jax_fit(case.activation, case.output)
        Xj, Yj = jax.numpy.asarray(X), jax.numpy.asarray(Y)
        startj = tuple(jax.numpy.asarray(a) for a in start)
        orders = [jax.numpy.asarray(o) for o in peers.orders(m, 0, case.epochs)]

        def fn():
            return fit_jax(startj, Xj, Yj, case.learning_rate, case.epochs, batch, 0, orders)
        args = ()

        def flat(result):
            return [np.asarray(a) for a in result]

    def check(result):
        got = flat(result)
        for g, e in zip(got, expected, strict=True):
            np.testing.assert_allclose(np.reshape(g, e.shape), e, rtol=RTOL,
                                       atol=RTOL * np.abs(e).max(), err_msg=impl)

    measure(benchmark, fn, *args, check=check)
    seconds = best_seconds(benchmark)
    if seconds is not None:
        benchmark.extra_info["seconds_per_epoch"] = seconds / case.epochs
        print(f"\n{case.label} {impl}: {1e3 * seconds / case.epochs:.3f} ms per epoch")
