"""Backpropagation, derived by SymPy: local derivatives, output deltas, symbolic networks.

A network of layers 0 … L maps a row x = a⁰ to aᴸ by

    zˡ = Wˡᵀ aˡ⁻¹ + bˡ,   aˡ = g(zˡ) (hidden layers),   aᴸ = h(zᴸ) (the output),

with Wˡ of shape (nˡ⁻¹, nˡ) (scikit-learn's ``coefs_`` layout).  The cost over m rows is the
mean of a per-row loss, J = 1/m Σᵢ ℓ(aᴸᵢ, yᵢ).  Backpropagation computes every ∂J/∂Wˡ, ∂J/∂bˡ
from

    δᴸ = ∂ℓ/∂zᴸ,   δˡ = (Wˡ⁺¹ δˡ⁺¹) ⊙ g′(zˡ),   ∂J/∂Wˡ = 1/m Σᵢ aˡ⁻¹ᵢ δˡᵢᵀ,   ∂J/∂bˡ = 1/m Σᵢ δˡᵢ.

This module holds the pieces, each taken from the catalog and each a SymPy expression that
:mod:`gradspec.symbolic.verifier.backprop` proves:

* :data:`ACTIVATIONS` — g(z) from the catalog entries ``sigmoid``, ``tanh``, ``relu`` (and the
  identity), with the form of g′ the kernels evaluate, written in the activation a = g(z):
  σ′ = a(1 − a), tanh′ = 1 − a², relu′ = [a > 0], identity′ = 1;
* :data:`OUTPUTS` — the output unit and loss pairs, with the loss as the catalog writes it
  (``mse``'s (y − ŷ)², ``log_loss``'s −[y ln a + (1 − y) ln(1 − a)], ``cross_entropy``'s
  −Σ pₖ ln qₖ) and the closed form of δᴸ the kernels evaluate (a − y, q − p, …);
* :func:`symbolic_network` — a network with a symbol for every weight, bias, input and target,
  its composed cost, and the backprop gradient built from the recurrence.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..catalog import CATALOG

#: The pre-activation variable of the catalog's activation entries.
Z = sp.Symbol("z", real=True)
#: The activation value a = g(z) in which the kernels' derivative forms are written.
A = sp.Symbol("a", real=True)


def _catalog_activation(entry_id: str) -> sp.Expr:
    """The catalog entry's g, rewritten in the variable :data:`Z`."""
    entry = CATALOG[entry_id]
    (var,) = entry.variables
    return entry.expr.subs(var, Z)


@dataclass(frozen=True)
class Activation:
    """g(z), and g′ written in a = g(z) (the form the kernels evaluate)."""

    name: str
    expr: sp.Expr  # g(z) in Z
    derivative_in_a: sp.Expr  # g′ as an expression in A
    latex: str  # the form shown to readers
    source: str  # where g comes from


def _activations() -> dict[str, Activation]:
    relu_step = sp.Piecewise((1, A > 0), (0, True))
    return {
        "sigmoid": Activation("sigmoid", _catalog_activation("sigmoid"), A * (1 - A),
                              r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", "catalog sigmoid"),
        "tanh": Activation("tanh", _catalog_activation("tanh"), 1 - A**2,
                           r"\tanh'(z) = 1 - \tanh^2 z", "catalog tanh"),
        "relu": Activation("relu", _catalog_activation("relu"), relu_step,
                           r"\operatorname{relu}'(z) = [z > 0]", "catalog relu"),
        "identity": Activation("identity", Z, sp.Integer(1), r"\mathrm{id}'(z) = 1", "z ↦ z"),
    }


#: Hidden-layer activations by name.
ACTIVATIONS: dict[str, Activation] = _activations()


@dataclass(frozen=True)
class Output:
    """An output unit h with a per-row loss ℓ and the closed form of δᴸ = ∂ℓ/∂zᴸ.

    ``loss(z, y)`` builds ℓ from the logits z (a list of K symbols or expressions) and the
    targets y (K of them) as the documents write it; ``delta(a, y)`` builds the closed-form
    δᴸ (a list of K expressions) from the output values a = h(z) and y.  ``constraint`` is a
    substitution the closed form assumes of y (softmax + cross-entropy: Σ pₖ = 1).
    """

    output: str
    cost: str
    latex: str

    def activate(self, z: list) -> list:
        if self.output == "identity":
            return list(z)
        if self.output == "sigmoid":
            g = _catalog_activation("sigmoid")
            return [g.subs(Z, zk) for zk in z]
        denom = sum(sp.exp(zk) for zk in z)
        return [sp.exp(zk) / denom for zk in z]

    def loss(self, z: list, y: list) -> sp.Expr:
        a = self.activate(z)
        if self.cost == "mse":
            loss = CATALOG["mse"].extra["loss"]  # (y − ŷ)², per output unit
            ys, yhat = sp.Symbol("y", real=True), sp.Symbol("z", real=True)
            return sum(loss.subs({ys: yk, yhat: ak}, simultaneous=True)
                       for ak, yk in zip(a, y, strict=True))
        if self.cost == "log_loss":  # −[y ln a + (1 − y) ln(1 − a)], per output unit
            return -sum(yk * sp.log(ak) + (1 - yk) * sp.log(1 - ak)
                        for ak, yk in zip(a, y, strict=True))
        loss = CATALOG["cross_entropy"].extra["loss"]  # −p ln q, summed over the classes
        ps, qs = sp.Symbol("y", real=True), sp.Symbol("z", real=True)
        return sum(loss.subs({ps: yk, qs: ak}, simultaneous=True)
                   for ak, yk in zip(a, y, strict=True))

    def delta(self, a: list, y: list) -> list:
        if self.cost == "mse":
            grad_a = [2 * (ak - yk) for ak, yk in zip(a, y, strict=True)]
            if self.output == "identity":
                return grad_a
            if self.output == "sigmoid":
                return [gk * ak * (1 - ak) for gk, ak in zip(grad_a, a, strict=True)]
            # softmax Jacobian ∂qⱼ/∂zₖ = qⱼ([j = k] − qₖ): δₖ = qₖ (gₖ − Σⱼ qⱼ gⱼ)
            mean = sum(gj * aj for gj, aj in zip(grad_a, a, strict=True))
            return [ak * (gk - mean) for gk, ak in zip(grad_a, a, strict=True)]
        return [ak - yk for ak, yk in zip(a, y, strict=True)]  # log-loss / cross-entropy

    def constraint(self, y: list) -> dict:
        if self.output == "softmax" and self.cost == "cross_entropy":
            return {y[-1]: 1 - sum(y[:-1])}
        return {}


#: Every (output, cost) pair the networks train, with δᴸ as shown to readers.
OUTPUTS: dict[tuple[str, str], Output] = {
    ("identity", "mse"): Output("identity", "mse", r"\delta^L = 2(a - y)"),
    ("sigmoid", "mse"): Output("sigmoid", "mse", r"\delta^L = 2(a - y)\,a(1 - a)"),
    ("sigmoid", "log_loss"): Output("sigmoid", "log_loss", r"\delta^L = a - y"),
    ("sigmoid", "cross_entropy"): Output("sigmoid", "log_loss", r"\delta^L = a - y"),
    ("softmax", "mse"): Output("softmax", "mse",
                               r"\delta^L_k = q_k\,(g_k - \textstyle\sum_j q_j g_j),\ "
                               r"g = 2(q - p)"),
    ("softmax", "cross_entropy"): Output("softmax", "cross_entropy", r"\delta^L = q - p"),
}


@dataclass
class SymbolicNetwork:
    """A network with a symbol for every parameter, input and target (one or more rows).

    Attributes
    ----------
    layers
        (n⁰, …, nᴸ).
    weights, biases
        Wˡ as ``sympy.Matrix`` (nˡ⁻¹, nˡ) and bˡ as (nˡ, 1), l = 1 … L.
    inputs, targets
        Per row: the column vectors x (n⁰, 1) and y (nᴸ, 1).
    cost
        J = 1/m Σᵢ ℓ(zᴸᵢ, yᵢ) composed through every layer.
    backprop
        {parameter symbol: ∂J/∂parameter by the recurrence}.
    """

    layers: tuple[int, ...]
    weights: list
    biases: list
    inputs: list
    targets: list
    cost: sp.Expr
    backprop: dict

    @property
    def parameters(self) -> list[sp.Symbol]:
        out = []
        for W, b in zip(self.weights, self.biases, strict=True):
            out.extend(W)
            out.extend(b)
        return out


def _forward(x, weights, biases, g, last_linear=True):
    """Per layer (zˡ, aˡ) with g applied to hidden layers; the last a is zᴸ itself."""
    a = x
    zs, activations = [], [x]
    for layer, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
        z = W.T * a + b
        zs.append(z)
        a = z.applyfunc(g) if layer < len(weights) or not last_linear else z
        activations.append(a)
    return zs, activations


def symbolic_network(layers, hidden_loss, *, rows: int = 1, hidden=None, hidden_prime=None,
                     delta=None):
    """Build a :class:`SymbolicNetwork` and its backprop gradient.

    Parameters
    ----------
    layers
        (n⁰, …, nᴸ).
    hidden_loss
        ``loss(zᴸ, y)`` (lists of K expressions) → ℓ, the per-row loss of the logits.
    rows
        m, the number of rows in the batch (each with its own symbols).
    hidden
        g as a callable on one expression (default: the identity).
    hidden_prime
        g′ at the layer as a callable ``(z, a) -> expression`` (default: SymPy's derivative
        of ``hidden`` at z; pass the kernels' form in a to prove that form).
    delta
        δᴸ as a callable ``(zᴸ, y) -> list`` (default: SymPy's ∂ℓ/∂zᴸ).
    """
    g = hidden or (lambda e: e)
    depth = len(layers) - 1
    weights = [sp.Matrix(layers[k - 1], layers[k],
                         lambda i, j, k=k: sp.Symbol(f"W{k}_{i + 1}{j + 1}", real=True))
               for k in range(1, depth + 1)]
    biases = [sp.Matrix(layers[k], 1, lambda i, j, k=k: sp.Symbol(f"b{k}_{i + 1}", real=True))
              for k in range(1, depth + 1)]
    inputs = [sp.Matrix(layers[0], 1, lambda i, j, r=r: sp.Symbol(f"x{r + 1}_{i + 1}", real=True))
              for r in range(rows)]
    targets = [sp.Matrix(layers[-1], 1,
                         lambda i, j, r=r: sp.Symbol(f"y{r + 1}_{i + 1}", real=True))
               for r in range(rows)]
    cost = sp.Integer(0)
    grads = [(sp.zeros(*W.shape), sp.zeros(*b.shape))
             for W, b in zip(weights, biases, strict=True)]
    for x, y in zip(inputs, targets, strict=True):
        zs, acts = _forward(x, weights, biases, g)
        zl = list(zs[-1])
        cost += hidden_loss(zl, list(y))
        if delta is None:
            t = sp.symbols(f"t0:{len(zl)}", real=True)
            ell = hidden_loss(list(t), list(y))
            d = [sp.diff(ell, tk).subs(dict(zip(t, zl, strict=True)), simultaneous=True)
                 for tk in t]
        else:
            d = delta(zl, list(y))
        dl = sp.Matrix(d)
        for layer in range(depth, 0, -1):
            gw, gb = grads[layer - 1]
            grads[layer - 1] = (gw + acts[layer - 1] * dl.T, gb + dl)
            if layer > 1:
                z, a = zs[layer - 2], acts[layer - 1]
                if hidden_prime is None:
                    prime = [sp.diff(g(Z), Z).subs(Z, zk) for zk in z]
                else:
                    prime = [hidden_prime(zk, ak) for zk, ak in zip(z, a, strict=True)]
                dl = sp.matrix_multiply_elementwise(weights[layer - 1] * dl, sp.Matrix(prime))
    cost = cost / rows
    backprop = {}
    for (W, b), (gw, gb) in zip(zip(weights, biases, strict=True), grads, strict=True):
        for s, e in zip(list(W) + list(b), list(gw) + list(gb), strict=True):
            backprop[s] = e / rows
    return SymbolicNetwork(tuple(layers), weights, biases, inputs, targets, cost, backprop)


__all__ = ["ACTIVATIONS", "OUTPUTS", "Activation", "Output", "SymbolicNetwork",
           "symbolic_network", "Z", "A"]
