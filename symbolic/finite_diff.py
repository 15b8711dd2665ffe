"""Central finite differences with Richardson extrapolation, from a function alone.

D(h) = (f(x + h eₖ) − f(x − h eₖ)) / (2h) has error O(h²); the Richardson combination
(4·D(h/2) − D(h))/3 cancels the h² term, leaving O(h⁴).  h = ε^(1/3)·max(1, |xₖ|) (SciPy's
choice for 3-point differences).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .tolerances import FD_STEP


def partial(func: Callable[..., float], point: Sequence[float], k: int) -> float:
    """∂func/∂(argument k) at ``point`` by Richardson-extrapolated central differences."""
    x = [float(c) for c in point]
    h = FD_STEP * max(1.0, abs(x[k]))

    def central(step: float) -> float:
        up = list(x)
        dn = list(x)
        up[k] += step
        dn[k] -= step
        return (func(*up) - func(*dn)) / (2.0 * step)

    return (4.0 * central(h / 2.0) - central(h)) / 3.0


def gradient(func: Callable[..., float], point: Sequence[float]) -> list[float]:
    """The finite-difference gradient of a scalar function of ``len(point)`` scalars."""
    return [partial(func, point, k) for k in range(len(point))]


def jacobian(func: Callable[..., Sequence[float]], point: Sequence[float]) -> list[list[float]]:
    """J[a][b] = ∂func_a/∂x_b, e.g. the Hessian as differences of the gradient."""
    cols = [partial_vector(func, point, b) for b in range(len(point))]
    return [[cols[b][a] for b in range(len(point))] for a in range(len(cols[0]))]


def partial_vector(func, point, k):
    """∂func/∂xₖ for a vector-valued func, each component by Richardson differences."""
    x = [float(c) for c in point]
    h = FD_STEP * max(1.0, abs(x[k]))

    def central(step):
        up = list(x)
        dn = list(x)
        up[k] += step
        dn[k] -= step
        fu, fd = func(*up), func(*dn)
        return [(a - b) / (2.0 * step) for a, b in zip(fu, fd, strict=True)]

    c1, c2 = central(h), central(h / 2.0)
    return [(4.0 * b - a) / 3.0 for a, b in zip(c1, c2, strict=True)]
