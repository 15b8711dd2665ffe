"""The proofs behind the network kernels: local derivatives, output deltas, backprop.

Three groups, each a list of :class:`Proof`:

``activation``
    g′ computed by SymPy from the catalog's g equals the form the kernels evaluate, written in
    a = g(z): σ′ = σ(1 − σ), tanh′ = 1 − tanh², relu′ = [z > 0] (on z > 0 and on z < 0, the
    two pieces; relu′(0) is the convention 0), identity′ = 1.  Exact: ``simplify`` of the
    difference is 0.
``output``
    ∂ℓ/∂zᴸ computed by SymPy from the loss as the catalog writes it equals the closed-form δᴸ
    the kernels evaluate (sigmoid + log-loss → a − y; softmax + cross-entropy → q − p under
    Σ pₖ = 1; the MSE pairs), for 2 sigmoid or 3 softmax outputs.  Exact.
``recurrence``
    For networks 2-2-1, 2-3-2-1 and 2-3-3 over a batch of two rows, SymPy differentiates the
    composed cost J = ½ Σᵢ ℓ(zᴸᵢ, yᵢ) with respect to every weight and bias and the result is
    proved equal to δᴸ = ∂ℓ/∂zᴸ, δˡ = (Wˡ⁺¹δˡ⁺¹) ⊙ g′(zˡ), ∂J/∂Wˡ = ½ Σᵢ aˡ⁻¹ᵢ δˡᵢᵀ,
    ∂J/∂bˡ = ½ Σᵢ δˡᵢ.  The proof is exact and fast because g and ℓ are *undefined* SymPy
    functions (g with derivative g′, ℓ with partials ℓₖ): both sides are then polynomials in
    the weights, the inputs and the values g(·), g′(·), ℓₖ(·), and ``expand`` of the
    difference is 0.  It therefore holds for every differentiable g and ℓ — in particular for
    the catalog's, whose derivative forms the two groups above prove.
``composed``
    End to end, with the catalog's own functions (no undefined symbols): the same three
    networks with sigmoid, tanh and relu hidden layers and log-loss, MSE and softmax
    cross-entropy outputs; the derivative of the composed cost against the recurrence with the
    kernels' forms (a(1 − a), 1 − a², [a > 0], the closed-form δᴸ), one row (the recurrence
    group proves the sum over rows).  Full simplification of these nested exponentials takes
    minutes, so this group substitutes two random rational points (seeded) and evaluates
    the difference at 60 significant digits; it passes when every difference is below 10⁻⁴⁵
    times the gradient's size (a wrong form differs at the first digits).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import sympy as sp

from ..generator.backprop import ACTIVATIONS, OUTPUTS, A, Z, symbolic_network

#: The networks the recurrence is proved on: (layers, rows).
SHAPES = ((2, 2, 1), (2, 3, 2, 1), (2, 3, 3))

#: The composed end-to-end checks: (layers, hidden activation, (output, cost)).
COMPOSED = (
    ((2, 2, 1), "sigmoid", ("sigmoid", "log_loss")),
    ((2, 3, 2, 1), "tanh", ("sigmoid", "mse")),
    ((2, 3, 2, 1), "sigmoid", ("identity", "mse")),
    ((2, 3, 3), "relu", ("softmax", "cross_entropy")),
    ((2, 3, 3), "tanh", ("softmax", "mse")),
)

#: Digits of the evaluation in the composed group, the points, and the bound it must meet.
DIGITS = 60
POINTS = 2
COMPOSED_BOUND = sp.Float("1e-45", DIGITS)


@dataclass
class Proof:
    """One proved statement."""

    group: str
    name: str
    statement: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


def _timed(group, name, statement, fn) -> Proof:
    t0 = time.perf_counter()
    ok, detail = fn()
    return Proof(group, name, statement, ok, detail, time.perf_counter() - t0)


def _zero(expr) -> bool:
    return sp.simplify(expr) == 0


def activation_proofs() -> list[Proof]:
    """g′ from the catalog's g equals the kernels' form in a = g(z)."""
    out = []
    for name, act in ACTIVATIONS.items():
        def check(act=act):
            derived = sp.diff(act.expr, Z)
            form = act.derivative_in_a.subs(A, act.expr)
            if act.name == "relu":
                p = sp.Symbol("p", positive=True)
                pieces = [(derived - form).subs(Z, s) for s in (p, -p)]
                return all(_zero(e) for e in pieces), "on z > 0 and on z < 0"
            return _zero(derived - form), "simplify(g′ − form) = 0"
        out.append(_timed("activation", name, act.latex, check))
    return out


def output_proofs() -> list[Proof]:
    """∂ℓ/∂zᴸ from the catalog's loss equals the closed-form δᴸ."""
    out = []
    for (output, cost), spec in OUTPUTS.items():
        k = 3 if output == "softmax" else 2
        z = list(sp.symbols(f"z1:{k + 1}", real=True))
        y = list(sp.symbols(f"y1:{k + 1}", real=True))

        def check(spec=spec, z=z, y=y):
            loss = spec.loss(z, y)
            closed = spec.delta(spec.activate(z), y)
            sub = spec.constraint(y)
            for zk, dk in zip(z, closed, strict=True):
                diff = (sp.diff(loss, zk) - dk).subs(sub)
                diff = sp.expand_log(diff, force=True)
                if not _zero(diff):
                    return False, f"∂ℓ/∂{zk} differs from the closed form"
            return True, f"{len(z)} outputs" + (", Σp = 1" if sub else "")
        out.append(_timed("output", f"{output} + {cost}", spec.latex, check))
    return out


def _generic_functions(k: int):
    """An undefined g with derivative g′ and an undefined loss ℓ(z₁…z_k, y₁…y_k)."""
    gp = sp.Function("gp")
    partials = [sp.Function(f"ell_{j + 1}") for j in range(k)]

    class g(sp.Function):  # noqa: N801
        nargs = 1

        def fdiff(self, argindex=1):
            return gp(self.args[0])

    def fdiff(self, argindex=1):
        if argindex <= k:
            return partials[argindex - 1](*self.args)
        return sp.Function(f"ell_y{argindex - k}")(*self.args)

    ell = type("ell", (sp.Function,), {"nargs": 2 * k, "fdiff": fdiff})
    return g, gp, ell, partials


def recurrence_proofs() -> list[Proof]:
    """The backprop recurrence for every differentiable g and ℓ, on :data:`SHAPES`."""
    out = []
    for layers in SHAPES:
        def check(layers=layers):
            k = layers[-1]
            g, gp, ell, partials = _generic_functions(k)
            net = symbolic_network(
                layers, lambda z, y: ell(*z, *y), rows=2, hidden=g,
                hidden_prime=lambda z, a: gp(z),
                delta=lambda z, y: [d(*z, *y) for d in partials])
            for p in net.parameters:
                if sp.expand(sp.diff(net.cost, p) - net.backprop[p]) != 0:
                    return False, f"∂J/∂{p} differs from the recurrence"
            return True, f"{len(net.parameters)} parameters, 2 rows, exact"
        name = "-".join(map(str, layers))
        out.append(_timed("recurrence", name,
                          r"\delta^l = (W^{l+1}\delta^{l+1}) \odot g'(z^l),\ "
                          r"\partial J/\partial W^l = a^{l-1}\delta^{l\top}", check))
    return out


def composed_proofs(seed: int = 0) -> list[Proof]:
    """The recurrence with the catalog's functions and the kernels' forms, at 60 digits."""
    out = []
    rng = random.Random(seed)
    for layers, hidden, pair in COMPOSED:
        def check(layers=layers, hidden=hidden, pair=pair):
            act, spec = ACTIVATIONS[hidden], OUTPUTS[pair]
            net = symbolic_network(
                layers, spec.loss, rows=1,
                hidden=lambda e: act.expr.subs(Z, e),
                hidden_prime=lambda z, a: act.derivative_in_a.subs(A, a),
                delta=lambda z, y: spec.delta(spec.activate(z), y))
            derived = {p: sp.diff(net.cost, p) for p in net.parameters}
            worst = sp.Float(0, DIGITS)
            for _ in range(POINTS):
                point = {s: sp.Rational(rng.randint(-30, 30), rng.randint(7, 17))
                         for s in net.parameters}
                for x in net.inputs:
                    point.update({s: sp.Rational(rng.randint(-20, 20), 10) for s in x})
                for y in net.targets:
                    if pair[0] == "softmax" and pair[1] == "cross_entropy":
                        hot = rng.randrange(len(y))
                        point.update({s: int(j == hot) for j, s in enumerate(y)})
                    elif pair[1] == "log_loss":
                        point.update({s: rng.randint(0, 1) for s in y})
                    else:
                        point.update({s: sp.Rational(rng.randint(-20, 20), 10) for s in y})
                # the exact rationals as 60-digit Floats: SymPy then evaluates every node
                # at that precision while rebuilding the tree
                point = {s: sp.Float(v, DIGITS) for s, v in point.items()}
                for p in net.parameters:
                    d = derived[p].xreplace(point)
                    r = net.backprop[p].xreplace(point)
                    err = abs(d - r) / max(abs(d), sp.Float(1e-30, DIGITS))
                    worst = max(worst, err)
            return worst <= COMPOSED_BOUND, f"max relative difference {float(worst):.1e}"
        name = f"{'-'.join(map(str, layers))} {hidden}, {pair[0]} + {pair[1]}"
        out.append(_timed("composed", name, "∂J/∂θ (SymPy) = backprop (kernels' forms)", check))
    return out


def all_proofs() -> list[Proof]:
    """Every proof of this module, in the order a reader meets them."""
    return activation_proofs() + output_proofs() + recurrence_proofs() + composed_proofs()


def report(proofs: list[Proof]) -> str:
    """The proofs as a table (one line each)."""
    head = f"{'backprop proof':48} {'group':10} {'time':>6}  status  detail"
    lines = [head, "-" * len(head)]
    for p in proofs:
        lines.append(f"{p.name:48} {p.group:10} {p.seconds:5.1f}s  "
                     f"{'ok' if p.ok else 'FAILED':6}  {p.detail}")
    return "\n".join(lines)


def run(quiet: bool = False) -> int:
    """Run every proof; print the table (unless ``quiet``) and a summary; the failure count."""
    t0 = time.perf_counter()
    proofs = all_proofs()
    failed = [p for p in proofs if not p.ok]
    if not quiet:
        print(report(proofs))
        print()
    groups = ", ".join(f"{sum(p.group == g for p in proofs)} {g}"
                       for g in ("activation", "output", "recurrence", "composed"))
    print(f"gradspec verify: backprop: {len(proofs)} proofs ({groups}), {len(failed)} failing, "
          f"{time.perf_counter() - t0:.1f} s")
    return len(failed)


__all__ = ["Proof", "all_proofs", "activation_proofs", "output_proofs", "recurrence_proofs",
           "composed_proofs", "report", "run", "SHAPES", "COMPOSED"]
