"""Central finite differences with Richardson extrapolation, from a function alone.

D(h) = (f(x + h eₖ) − f(x − h eₖ)) / (2h) has error O(h²); the Richardson combination
(4·D(h/2) − D(h))/3 cancels the h² term, leaving O(h⁴).  h = ε^(1/3)·max(1, |xₖ|) (SciPy's
choice for 3-point differences), rounded so that x ± h and x ± h/2 are exact: h = (x + h) − x.
Otherwise the rounding of the stencil points adds f'·ε|x|/h to the error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .tolerances import FD_ROUNDING, FD_STEP, SMALLEST_NORMAL


def _step(x: float) -> float:
    """h ≈ ε^(1/3)·max(1, |x|) with x ± h and x ± h/2 exactly representable."""
    half = (x + FD_STEP * max(1.0, abs(x)) / 2.0) - x
    return 2.0 * half


def partial(func: Callable[..., float], point: Sequence[float], k: int) -> float:
    """∂func/∂(argument k) at ``point`` by Richardson-extrapolated central differences."""
    x = [float(c) for c in point]
    h = _step(x[k])

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
    h = _step(x[k])

    def central(step):
        up = list(x)
        dn = list(x)
        up[k] += step
        dn[k] -= step
        fu, fd = func(*up), func(*dn)
        return [(a - b) / (2.0 * step) for a, b in zip(fu, fd, strict=True)]

    c1, c2 = central(h), central(h / 2.0)
    return [(4.0 * b - a) / 3.0 for a, b in zip(c1, c2, strict=True)]


def partial_with_bound(func, point, k, floor: float = 0.0) -> tuple[float, float]:
    """(∂func/∂xₖ, a bound on its rounding error).

    The rounding error of the Richardson quotient is a few ε·max|f(stencil)|/h: every f value
    in the stencil carries a rounding error of ε·|f| and the quotient divides by h.  Below the
    smallest normal double the spacing of floats is absolute, hence the floor.  ``floor`` is
    the error scale of f at the point (``reference.error_scale``): where f's terms cancel,
    its rounding residue is ε times the terms, not ε·|f|.
    """
    x = [float(c) for c in point]
    h = _step(x[k])
    seen = []

    def f(*p):
        v = func(*p)
        seen.append(abs(v))
        return v

    value = partial(f, x, k)
    mag = max(max(seen), floor, SMALLEST_NORMAL)
    return value, FD_ROUNDING * mag / h


def partial_vector_with_bound(func, point, k, floors=None):
    """Component-wise :func:`partial_vector` with a rounding bound per component."""
    x = [float(c) for c in point]
    h = _step(x[k])
    seen = []

    def f(*p):
        v = func(*p)
        seen.append([abs(c) for c in v])
        return v

    values = partial_vector(f, x, k)
    floors = floors or [0.0] * len(seen[0])
    mags = [max(max(col), fl, SMALLEST_NORMAL)
            for col, fl in zip(zip(*seen, strict=True), floors, strict=True)]
    return values, [FD_ROUNDING * mg / h for mg in mags]
