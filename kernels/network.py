"""Fully connected networks trained by batch, mini-batch or per-sample gradient descent.

A network of layers (n⁰, n¹, …, nᴸ) maps a row x to aᴸ by zˡ = aˡ⁻¹Wˡ + bˡ and aˡ = g(zˡ)
for the hidden layers, aᴸ = h(zᴸ) for the output; the cost over m rows is
J = 1/m Σᵢ ℓ(aᴸᵢ, yᵢ), the loss summed over the output units:

==============  ==============  ==========================================  ================
``output``      ``cost``        ℓ(a, y)                                     δᴸ = ∂ℓ/∂zᴸ
==============  ==============  ==========================================  ================
``identity``    ``mse``         Σₖ (yₖ − aₖ)²                               2(a − y)
``sigmoid``     ``mse``         Σₖ (yₖ − aₖ)²                               2(a − y)a(1 − a)
``sigmoid``     ``log_loss``    −Σₖ [yₖ ln aₖ + (1 − yₖ) ln(1 − aₖ)]        a − y
``softmax``     ``mse``         Σₖ (pₖ − qₖ)²                               q ⊙ (g − q·g)
``softmax``     ``cross_entropy``  −Σₖ pₖ ln qₖ                             q − p
==============  ==============  ==========================================  ================

(``sigmoid`` + ``cross_entropy`` is the binary cross-entropy, i.e. ``log_loss``.)  Gradients
come from backpropagation, δˡ = (δˡ⁺¹Wˡ⁺¹ᵀ) ⊙ g′(zˡ), ∂J/∂Wˡ = aˡ⁻¹ᵀδˡ, ∂J/∂bˡ = Σᵢ δˡᵢ,
whose every form SymPy proves (``gradspec verify`` prints the proofs); the passes are
compiled (:mod:`gradspec.kernels._backprop`).

Training (``fit``): each epoch visits the rows in a seeded random order in batches of
``batch_size`` (None: all rows, no shuffling — batch gradient descent; 1: per-sample, the
loss of one row; k: mini-batch, the last batch of an epoch may be smaller) and takes
θ ← θ − α∇J_batch(θ) after every batch.

``reason`` (:class:`gradspec.kernels.reasons.Reason`): ``"converged"`` when ‖∇J‖₂ over all
rows ≤ ``tol`` (checked before each full-batch step, after each mini-batch epoch);
``"max_iterations"`` after ``num_epochs`` epochs; ``"diverged"`` when a cost or gradient
became non-finite (the last parameters with a finite cost and gradient are returned);
``"interrupted"`` on Ctrl-C (the parameters after the last completed run of epochs).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from . import _backprop as bp
from .reasons import Reason
from .validate import (
    allocate,
    as_array,
    check_iterations,
    check_learning_rate,
    check_length,
    check_tol,
)

ACTIVATIONS = tuple(bp.ACTIVATION_CODES)
OUTPUTS = ("identity", "sigmoid", "softmax")
COSTS = ("mse", "log_loss", "cross_entropy")

#: Roughly how many multiply-adds one compiled call of the epoch loop may do before Python
#: gets control back (to notice Ctrl-C): about a tenth of a second.
_WORK_PER_CALL = 3e8

#: Byte alignment of the buffers the compiled passes read and write (a cache line): the
#: product loops' vector loads and stores then never straddle two lines (one vector in two
#: lines costs about a fifth of a fit's time at the sizes of an 8×8-digits network).
_ALIGN = 64


def _aligned(shape, where: str, what: str) -> np.ndarray:
    """``np.empty(shape)`` starting on a :data:`_ALIGN`-byte boundary (C order)."""
    size = math.prod(shape)
    pad = _ALIGN // 8
    raw = allocate((size + pad,), where, what)
    start = (-raw.ctypes.data % _ALIGN) // 8
    return raw[start:start + size].reshape(shape)


def _check_choice(value, choices, where, name):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{where}: {name} must be one of {', '.join(map(repr, choices))}, "
                         f"got {value!r}")
    return value


def _check_layers(layers, where):
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence | np.ndarray):
        raise TypeError(f"{where}: layers must be a sequence of layer widths such as (2, 3, 1), "
                        f"got {layers!r}")
    out = []
    for k, n in enumerate(layers):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
            raise TypeError(f"{where}: layers[{k}] must be a positive integer, got {n!r}")
        if int(n) < 1:
            raise ValueError(f"{where}: layers[{k}] must be ≥ 1, got {int(n)}")
        out.append(int(n))
    if len(out) < 2:
        raise ValueError(f"{where}: layers needs at least an input and an output width, "
                         f"got {tuple(out)}")
    return tuple(out)


class Network:
    """A fully connected network: widths, hidden activation, output unit and cost.

    Parameters
    ----------
    layers : sequence of int
        (n_inputs, hidden widths…, n_outputs).
    activation : {"tanh", "sigmoid", "relu", "identity"}
        g of the hidden layers.  ``"sign"`` is refused: its derivative is 0 wherever it
        exists, so backpropagation passes no signal through it.
    output : {"sigmoid", "identity", "softmax"}
        h of the last layer.
    cost : {"log_loss", "mse", "cross_entropy"}
        The per-row loss (see the module docstring for the valid pairs with ``output``).

    Examples
    --------
    >>> import numpy as np, gradspec.kernels as gk
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]); y = np.array([0, 1, 1, 0])
    >>> net = gk.Network(layers=(2, 2, 1), activation="sigmoid")
    >>> fit = net.fit(X, y, learning_rate=0.5, num_epochs=100)
    """

    def __init__(self, layers, activation: str = "tanh", output: str = "sigmoid",
                 cost: str = "log_loss"):
        where = "Network"
        self.layers = _check_layers(layers, where)
        if activation == "sign":
            raise ValueError(
                f"{where}: activation='sign' cannot be trained by gradient descent: its "
                "derivative is 0 wherever it exists (and undefined at 0), so every gradient "
                "through it is 0; use 'tanh' (a smooth sign) or 'sigmoid'")
        self.activation = _check_choice(activation, ACTIVATIONS, where, "activation")
        self.output = _check_choice(output, OUTPUTS, where, "output")
        self.cost_name = _check_choice(cost, COSTS, where, "cost")
        if (output, cost) not in bp.OUTPUT_CODES:
            hint = {"identity": "an identity output gives any real number, whose logarithm "
                                "is undefined; use cost='mse'",
                    "softmax": "log_loss is for sigmoid outputs; use cost='cross_entropy'"}
            raise ValueError(f"{where}: output={output!r} with cost={cost!r} is not a valid "
                             f"pair: {hint[output]}")
        if output == "softmax" and self.layers[-1] < 2:
            raise ValueError(f"{where}: a softmax output needs at least 2 units (classes), "
                             f"got layers[-1] = {self.layers[-1]}; use output='sigmoid' for "
                             "two classes with one unit")
        self._act = bp.ACTIVATION_CODES[activation]
        self._out = bp.OUTPUT_CODES[(output, cost)]
        self._sizes = np.array(self.layers, dtype=np.int64)
        self._layouts = {}  # rows → bp.layout(layers, rows): read-only, built once

    def __repr__(self) -> str:
        return (f"Network(layers={self.layers}, activation={self.activation!r}, "
                f"output={self.output!r}, cost={self.cost_name!r})")

    def _layout(self, rows):
        """:func:`_backprop.layout` of passes over blocks of ``rows`` rows (built once)."""
        if rows not in self._layouts:
            self._layouts[rows] = bp.layout(self.layers, rows)
        return self._layouts[rows]

    @property
    def n_params(self) -> int:
        """The number of weights and biases."""
        return sum(a * b + b for a, b in zip(self.layers[:-1], self.layers[1:], strict=True))

    # -- parameters -------------------------------------------------------------------------

    def init(self, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
        """Random starting parameters: Glorot-uniform, as scikit-learn's MLP.

        Wˡ and bˡ uniform on ±√(f/(nˡ⁻¹ + nˡ)), f = 2 for a sigmoid activation and 6
        otherwise, from ``numpy.random.default_rng(seed)``.

        Returns
        -------
        list of (W, b)
            W of shape (nˡ⁻¹, nˡ), b of shape (nˡ,), one pair per layer.
        """
        rng = np.random.default_rng(_check_seed(seed, "Network.init"))
        factor = 2.0 if self.activation == "sigmoid" else 6.0
        params = []
        for n_in, n_out in zip(self.layers[:-1], self.layers[1:], strict=True):
            bound = math.sqrt(factor / (n_in + n_out))
            params.append((rng.uniform(-bound, bound, (n_in, n_out)),
                           rng.uniform(-bound, bound, n_out)))
        return params

    def _flatten(self, params, where, name="params") -> np.ndarray:
        depth = len(self.layers) - 1
        if isinstance(params, np.ndarray) or not isinstance(params, Sequence) \
                or len(params) != depth:
            raise TypeError(f"{where}: {name} must be a list of {depth} (W, b) pairs, one per "
                            f"layer (as Network.init returns), got {type(params).__name__}")
        theta = _aligned((self.n_params,), where, name)
        woff, boff, _, _, _ = self._layout(1)
        for layer, pair in enumerate(params, start=1):
            if not isinstance(pair, Sequence) or len(pair) != 2:
                raise TypeError(f"{where}: {name}[{layer - 1}] must be a pair (W, b)")
            n_in, n_out = self.layers[layer - 1], self.layers[layer]
            W = as_array(pair[0], f"{name}[{layer - 1}][0] (W)", where, 2)
            b = as_array(pair[1], f"{name}[{layer - 1}][1] (b)", where, 1)
            if W.shape != (n_in, n_out) or b.shape != (n_out,):
                raise ValueError(f"{where}: layer {layer - 1} needs W of shape {(n_in, n_out)} "
                                 f"and b of shape {(n_out,)}, got {W.shape} and {b.shape}")
            theta[woff[layer]:woff[layer] + n_in * n_out] = W.ravel()
            theta[boff[layer]:boff[layer] + n_out] = b
        return theta

    def _unflatten(self, theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        woff, boff, _, _, _ = self._layout(1)
        out = []
        for layer in range(1, len(self.layers)):
            n_in, n_out = self.layers[layer - 1], self.layers[layer]
            out.append((theta[woff[layer]:woff[layer] + n_in * n_out].reshape(n_in, n_out).copy(),
                        theta[boff[layer]:boff[layer] + n_out].copy()))
        return out

    # -- data -------------------------------------------------------------------------------

    def _inputs(self, X, where) -> np.ndarray:
        X = as_array(X, "X", where, 2)
        if X.shape[1] != self.layers[0]:
            raise ValueError(f"{where}: X has {X.shape[1]} column(s) but the network has "
                             f"{self.layers[0]} input(s) (layers[0])")
        return X

    def _targets(self, y, m, where) -> np.ndarray:
        k = self.layers[-1]
        raw = as_array(y, "y", where, 1 if np.ndim(y) <= 1 else 2)
        check_length(raw, m, "y", where, "X (one target per row)")
        if self.output == "softmax" and raw.ndim == 1:
            labels = raw
            if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= k:
                raise ValueError(f"{where}: y must hold class labels 0 … {k - 1} (or one-hot "
                                 f"rows of {k}), got values in [{labels.min()}, "
                                 f"{labels.max()}]")
            Y = np.zeros((m, k))
            Y[np.arange(m), labels.astype(np.int64)] = 1.0
            return Y
        Y = raw.reshape(m, 1) if raw.ndim == 1 else raw
        if Y.shape[1] != k:
            raise ValueError(f"{where}: y has {Y.shape[1]} column(s) but the network has {k} "
                             "output(s) (layers[-1])")
        if self.output == "softmax":
            if Y.min() < 0 or np.max(np.abs(Y.sum(axis=1) - 1.0)) > 1e-9:
                raise ValueError(f"{where}: each row of y must be a probability vector "
                                 "(entries ≥ 0 summing to 1), e.g. one-hot")
        elif self.output == "sigmoid" and self.cost_name != "mse":
            if Y.min() < 0 or Y.max() > 1:
                raise ValueError(f"{where}: y must hold labels 0 or 1 (probabilities in "
                                 f"[0, 1]) for a sigmoid output, got values in "
                                 f"[{Y.min()}, {Y.max()}]")
        return np.ascontiguousarray(Y)

    def _buffers(self, rows):
        """Offsets and buffers of passes over ``rows`` rows (which run in blocks)."""
        woff, boff, plan, n_params, n_work = self._layout(min(rows, bp.BLOCK))
        work = _aligned((n_work,), "Network", "the activations of a batch")
        delta = _aligned((n_work,), "Network", "the deltas of a batch")
        return woff, boff, plan, work, delta, _aligned((n_params,), "Network", "the gradient")

    def _pass(self, params, X, y, where, want_grad):
        theta = self._flatten(params, where)
        X = self._inputs(X, where)
        Y = self._targets(y, X.shape[0], where)
        rows = min(X.shape[0], 4096)
        woff, boff, plan, work, delta, grad = self._buffers(rows)
        cost = bp.full_pass(X, Y, theta, self._sizes, woff, boff, plan, self._act, self._out,
                            work, delta, grad, rows, want_grad)
        return cost, grad

    def _final_pass(self, theta, X, Y, where):
        """J and ∇J over all rows at the fitted θ: in parallel chunks (as the full-batch
        epochs) when there is more than one chunk of rows."""
        m = X.shape[0]
        if m <= bp.CHUNK:
            woff, boff, plan, work, delta, grad = self._buffers(m)
            return bp.full_pass(X, Y, theta, self._sizes, woff, boff, plan, self._act,
                                self._out, work, delta, grad, m, True), grad
        woff, boff, plan, _, n_work = self._layout(bp.BLOCK)
        partial = allocate(((m + bp.CHUNK - 1) // bp.CHUNK, self.n_params), where,
                           "the chunk gradients")
        grad = np.empty(self.n_params)
        return bp.chunked_gradient(X, Y, theta, self._sizes, woff, boff, plan, n_work,
                                   self._act, self._out, partial, grad), grad

    def cost(self, params, X, y) -> float:
        """J = 1/m Σᵢ ℓ(aᴸᵢ, yᵢ) at ``params`` on the rows of X (stable forms)."""
        return float(self._pass(params, X, y, "Network.cost", False)[0])

    def gradient(self, params, X, y) -> list[tuple[np.ndarray, np.ndarray]]:
        """∇J at ``params`` by backpropagation: a list of (∂J/∂W, ∂J/∂b) like ``params``."""
        return self._unflatten(self._pass(params, X, y, "Network.gradient", True)[1])

    def decision_function(self, params, X) -> np.ndarray:
        """The output logits zᴸ, shape (m, nᴸ)."""
        theta = self._flatten(params, "Network.decision_function")
        X = self._inputs(X, "Network.decision_function")
        woff, boff, plan, _, n_work = bp.layout(self.layers, X.shape[0])
        work = allocate((n_work,), "Network.decision_function", "the activations of X")
        Z = bp.forward(X, theta, self._sizes, woff, boff, plan, self._act, work)
        return Z[:, :self.layers[-1]].copy()  # the logits: Z's rows may be padded

    def predict_proba(self, params, X) -> np.ndarray:
        """Class probabilities, as scikit-learn's classifiers.

        One sigmoid unit: (m, 2) columns P(y = 0), P(y = 1); several sigmoid units: (m, K)
        independent probabilities; softmax: (m, K) rows summing to 1.
        """
        if self.output == "identity":
            raise ValueError("Network.predict_proba: an identity output is a regression "
                             "network and gives no probabilities; use predict")
        z = self.decision_function(params, X)
        if self.output == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        with np.errstate(over="ignore"):
            p = np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))),
                         np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))
        return np.hstack([1.0 - p, p]) if p.shape[1] == 1 else p

    def predict(self, params, X) -> np.ndarray:
        """Labels (sigmoid: 1 where P ≥ ½; softmax: the most probable class) or values.

        One output unit gives shape (m,); several give (m, nᴸ) (softmax: (m,) classes).
        """
        z = self.decision_function(params, X)
        if self.output == "softmax":
            return np.argmax(z, axis=1)
        out = (z >= 0.0).astype(np.int64) if self.output == "sigmoid" else z
        return out[:, 0] if out.shape[1] == 1 else out

    # -- training ---------------------------------------------------------------------------

    def fit(self, X, y, learning_rate: float = 0.5, num_epochs: int = 200,
            batch_size: int | None = None, seed: int = 0, tol: float | None = None,
            params0=None) -> NetworkFit:
        """Train by gradient descent; see the module docstring for batches and ``reason``.

        Parameters
        ----------
        X : (m, n⁰) array
        y : labels or targets (see :meth:`cost`)
        learning_rate : float
            α > 0.
        num_epochs : int
            Passes over the data.
        batch_size : int or None
            None: full batch; 1: per sample; k: mini-batches of k rows.
        seed : int
            Seeds :meth:`init` (when ``params0`` is None) and the row order of every epoch;
            the same seed gives bit-identical results.
        tol : float or None
            Stop when ‖∇J‖₂ over all rows ≤ tol (None: run every epoch).
        params0 : list of (W, b), optional
            Starting parameters (default ``init(seed)``).

        Returns
        -------
        NetworkFit
        """
        where = "Network.fit"
        X = self._inputs(X, where)
        m = X.shape[0]
        Y = self._targets(y, m, where)
        lr = check_learning_rate(learning_rate, where)
        epochs = check_iterations(num_epochs, where, "num_epochs")
        tol_value = check_tol(tol, where)
        seed = _check_seed(seed, where)
        if batch_size is None:
            batch = m
        elif isinstance(batch_size, (bool, np.bool_)) \
                or not isinstance(batch_size, numbers.Integral):
            raise TypeError(f"{where}: batch_size must be None (full batch) or a positive "
                            f"integer, got {batch_size!r}")
        elif batch_size < 1:
            raise ValueError(f"{where}: batch_size must be ≥ 1, got {batch_size}")
        else:
            batch = min(int(batch_size), m)
        theta = self._flatten(self.init(seed) if params0 is None else params0, where,
                              "params0")
        if batch >= m and m > bp.CHUNK:  # full batch in parallel chunks (see _backprop)
            woff, boff, plan_chunk, _, n_work_chunk = self._layout(bp.BLOCK)
            woff, boff, plan, work, delta, grad = self._buffers(1)
            partial = allocate(((m + bp.CHUNK - 1) // bp.CHUNK, self.n_params), where,
                               "the chunk gradients")
        else:
            woff, boff, plan, work, delta, grad = self._buffers(batch)
            plan_chunk, n_work_chunk, partial = plan, 0, np.empty((0, self.n_params))
        history = allocate((epochs,), where, "the cost history (num_epochs entries)")
        backup = _aligned(theta.shape, where, "a copy of the parameters")
        rows = 1 if batch >= m else batch  # full batch reads X in place
        Xb = _aligned((rows, X.shape[1]), where, "the rows of a batch")
        Yb = _aligned((rows, Y.shape[1]), where, "the targets of a batch")
        order = np.empty(m, dtype=np.int64)
        per_call = max(1, int(_WORK_PER_CALL // max(1, m * self.n_params)))
        done, code, reason = 0, None, Reason.MAX_ITERATIONS
        try:
            while done < epochs or code is None:
                count = min(per_call, epochs - done)
                code, ran = bp.train(X, Y, theta, self._sizes, woff, boff, plan, self._act,
                                     self._out, lr, done, count, batch, seed,
                                     -1.0 if tol_value is None else tol_value,
                                     history[done:], work, delta, grad, backup, Xb, Yb, order,
                                     plan_chunk, n_work_chunk, partial)
                done += ran
                reason = Reason.from_code(code)
                if reason is not Reason.MAX_ITERATIONS or done >= epochs:
                    break
        except KeyboardInterrupt:
            reason = Reason.INTERRUPTED
        final = _FinalPass(self, theta, X, Y)
        if reason is Reason.MAX_ITERATIONS and tol_value is not None \
                and final.values()[1] <= tol_value:
            reason = Reason.CONVERGED  # the rule holds at the last step's result too
        return NetworkFit(
            network=self, params=self._unflatten(theta), cost_history=history[:done].copy(),
            n_epochs=done, converged=reason is Reason.CONVERGED, reason=reason,
            learning_rate=lr, num_epochs=epochs, batch_size=batch_size, seed=seed,
            tol=tol_value, _final=final)


def _check_seed(seed, where) -> int:
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral) \
            or not 0 <= int(seed) < 2**63:
        raise TypeError(f"{where}: seed must be a non-negative integer, got {seed!r}")
    return int(seed)


class _FinalPass:
    """J and ‖∇J‖₂ over all training rows at the fitted θ, computed when first asked for.

    Training does not need them (unless a ``tol`` is given), and they cost one more forward
    and backward pass over the data — as much as a full-batch epoch — so a fit that is only
    used to predict never pays for it.  The training data is held until then and released
    once the values are known.
    """

    __slots__ = ("_network", "_theta", "_X", "_Y", "_values")

    def __init__(self, network: Network, theta: np.ndarray, X: np.ndarray, Y: np.ndarray):
        self._network, self._theta, self._X, self._Y = network, theta, X, Y
        self._values: tuple[float, float] | None = None

    def values(self) -> tuple[float, float]:
        """(J, ‖∇J‖₂) at the fitted θ."""
        if self._values is None:
            cost, grad = self._network._final_pass(self._theta, self._X, self._Y,
                                                   "NetworkFit")
            self._values = (float(cost), float(np.sqrt(grad @ grad)))
            self._X = self._Y = None
        return self._values


@dataclass(frozen=True, repr=False)
class NetworkFit:
    """A trained network.

    Attributes
    ----------
    params
        list of (W, b) per layer.
    cost
        J at ``params`` over all training rows (computed when first read: one pass over the
        rows, like a full-batch epoch; ``fit`` keeps a reference to the data until then).
    cost_history
        One value per completed epoch: the mean of its batch costs weighted by batch size,
        each at the parameters before its step (scikit-learn's ``loss_curve_``); for full
        batch, J(θ) at the start of the epoch.
    n_epochs
        Completed epochs.
    converged
        ``reason == "converged"``.
    reason
        :class:`~gradspec.kernels.reasons.Reason` (see :mod:`gradspec.kernels.network`).
    grad_norm
        ‖∇J‖₂ over all training rows at ``params`` (computed with ``cost``).
    network, learning_rate, num_epochs, batch_size, seed, tol
        What was run.
    """

    network: Network
    params: list
    cost_history: np.ndarray
    n_epochs: int
    converged: bool
    reason: Reason
    learning_rate: float
    num_epochs: int
    batch_size: int | None
    seed: int
    tol: float | None
    _final: _FinalPass = field(compare=False)

    @property
    def cost(self) -> float:
        return self._final.values()[0]

    @property
    def grad_norm(self) -> float:
        return self._final.values()[1]

    def __repr__(self) -> str:
        return (f"NetworkFit(network={self.network!r}, cost={self.cost!r}, "
                f"n_epochs={self.n_epochs}, converged={self.converged}, "
                f"reason={self.reason!r}, grad_norm={self.grad_norm!r}, "
                f"learning_rate={self.learning_rate!r}, num_epochs={self.num_epochs}, "
                f"batch_size={self.batch_size!r}, seed={self.seed}, tol={self.tol!r})")

    @property
    def message(self) -> str:
        return f"Network.fit {self.reason.description} after {self.n_epochs} epoch(s)"

    def predict(self, X) -> np.ndarray:
        """Labels or values of the trained network (see :meth:`Network.predict`)."""
        return self.network.predict(self.params, X)

    def predict_proba(self, X) -> np.ndarray:
        """Probabilities of the trained network (see :meth:`Network.predict_proba`)."""
        return self.network.predict_proba(self.params, X)

    def decision_function(self, X) -> np.ndarray:
        """The output logits of the trained network."""
        return self.network.decision_function(self.params, X)

    def score(self, X, y) -> float:
        """Accuracy of :meth:`predict` on (X, y) (classification outputs)."""
        y = np.asarray(y)
        if self.network.output == "softmax" and y.ndim == 2:
            y = np.argmax(y, axis=1)
        return float(np.mean(self.predict(X) == y))


__all__ = ["Network", "NetworkFit", "ACTIVATIONS", "OUTPUTS", "COSTS"]
