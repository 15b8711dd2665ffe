"""How a claim's true value is computed from the derivation.

Each helper returns a callable ``derivation -> value`` for :attr:`Claim.true`; none of them
holds a number.  ``Derivation`` is :class:`gradspec.symbolic.generator.derive.Derivation`.
"""

from __future__ import annotations


def derivative(order: int = 1):
    """The ``order``-th derivative of a one-variable entry."""
    return lambda d: d.derivative(order)


def partial(index: int):
    """∂f/∂(variable ``index``)."""
    return lambda d: d.grad[index]


def value(*point):
    """f at ``point`` (exact where the point is exact)."""
    return lambda d: d.value(*point)


def gradient(*point):
    """∇f at ``point``."""
    return lambda d: d.gradient(*point)


def partial_at(index: int, *point):
    """∂f/∂(variable ``index``) at ``point``."""
    return lambda d: d.gradient(*point)[index]


def lab(x0, learning_rate, num_iterations):
    """The lab's loop x ← x − α∇f(x) run in plain Python floats on the derived gradient."""
    return lambda d: d.lab_descent(x0, learning_rate, num_iterations)


def stationary(kind: str, near):
    """The stationary point of ``kind`` (min/max/saddle) nearest ``near``: (point…, f)."""
    return lambda d: d.nearest_stationary(kind, near)


def on_data(dataset: str, what: str, *params):
    """``value`` or ``gradient`` of a data entry on a seed data set at ``params``."""
    return lambda d: getattr(d.with_data(dataset), what)(*params)


def rounding_interval(printed: str):
    """The values a document's "≈ printed" allows: [p − u/2, p + u/2], u its last digit."""
    import sympy as sp

    p = sp.Rational(printed)
    exponent = __import__("decimal").Decimal(printed).as_tuple().exponent
    u = sp.Rational(10) ** exponent
    return sp.Interval(p - u / 2, p + u / 2)


def over(expr_of, printed: str):
    """The exact range of ``expr_of(t)`` for t in :func:`rounding_interval` of ``printed``."""
    import sympy as sp
    from sympy.calculus.util import function_range

    t = sp.Symbol("t", positive=True)
    return function_range(expr_of(t), t, rounding_interval(printed))
