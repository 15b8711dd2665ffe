"""How accurate each array implementation of σ and tanh is: errors in ulps against mpmath.

``bench/test_arrays.py`` times every implementation and then evaluates it at the points below;
the report shows the largest and the mean error beside the time, so a peer that is faster
because it computes less accurately shows it.  The exact values come from mpmath at 50 digits
(``gradspec.symbolic.verifier.ulps``); the points are seeded and cover the whole range where the
function is not constant in float64:

* ``tanh``: a dense grid on [−20, 20]; random points with |x| log-uniform from 1e-300 to 20
  (tiny arguments, where tanh x = x to the last bit); uniform on [0.45, 0.65] (where gradspec's
  tanh switches from its polynomial to its exponential form) and on [1, 20]; saturation
  (19 to 30, where tanh is ±1); both signs throughout;
* ``sigmoid``: a dense grid on [−750, 40]; uniform random on [−745, 40] and on [−40, 40];
  |z| log-uniform from 1e-300 to 700, both signs; the subnormal results (z below −708.4).

``python -m bench.accuracy`` prints the table for every implementation that is installed.
"""

from __future__ import annotations

import functools

import mpmath
import numpy as np

from gradspec.symbolic.verifier.ulps import Exact, exact

#: The cases whose accuracy is measured, with their exact function (an mpmath one).
FUNCTIONS = {
    "tanh": mpmath.tanh,
    "sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)),
}

#: Points per part of a case's sample (``--bench-quick`` uses a tenth).
POINTS = 4_000


def _signed(rng, magnitudes):
    return magnitudes * rng.choice([-1.0, 1.0], magnitudes.size)


def points(case: str, size: int = POINTS) -> np.ndarray:
    """The seeded sample of ``case`` (described in the module docstring)."""
    rng = np.random.default_rng(20251202)
    if case == "tanh":
        parts = [
            np.linspace(-20.0, 20.0, 2 * size + 1),
            _signed(rng, 10.0 ** rng.uniform(-300.0, np.log10(20.0), size)),
            _signed(rng, rng.uniform(0.45, 0.65, size)),
            _signed(rng, rng.uniform(1.0, 20.0, size)),
            _signed(rng, rng.uniform(19.0, 30.0, size // 4)),
        ]
    elif case == "sigmoid":
        parts = [
            np.linspace(-750.0, 40.0, 2 * size + 1),
            rng.uniform(-745.0, 40.0, size),
            rng.uniform(-40.0, 40.0, size),
            _signed(rng, 10.0 ** rng.uniform(-300.0, np.log10(700.0), size)),
            rng.uniform(-745.0, -708.4, size // 4),
        ]
    else:
        raise ValueError(f"no accuracy sample for {case!r}")
    return np.concatenate(parts)


@functools.cache
def reference(case: str, size: int = POINTS) -> Exact:
    """The exact values at ``points(case, size)`` (computed once per process)."""
    return exact(FUNCTIONS[case], points(case, size))


#: The smallest normal double: below it a result is subnormal (or 0) and its unit is 2^-1074.
MIN_NORMAL = 2.2250738585072014e-308


def summary(ref: Exact, errors: np.ndarray) -> dict:
    """Where the exact result is normal: the largest error (ulps), where it is, and the mean;
    where it is subnormal: the largest error in steps of 2^-1074 (None without such points).

    The two are apart because a result flushed to 0 (XLA runs with subnormals flushed) is
    wrong by up to 2^52 steps there, which would drown every other figure."""
    normal = np.abs(ref.nearest) >= MIN_NORMAL
    err, xs = errors[normal], ref.xs[normal]
    worst = int(np.argmax(err))
    tiny = errors[~normal & (ref.nearest != 0.0)]
    return {"max_ulp": float(err[worst]), "worst_x": float(xs[worst]),
            "mean_ulp": float(err.mean()),
            "subnormal_max_steps": float(tiny.max()) if tiny.size else None}


def measure(case: str, fn, size: int = POINTS) -> dict:
    """``summary`` of ``fn`` (called on the whole sample as one float64 array)."""
    ref = reference(case, size)
    return summary(ref, ref.ulp_errors(fn(ref.xs)))


def _implementations(case: str) -> dict:
    """What ``bench/test_arrays.py`` compares, as ``{name: fn(x) → array}``."""
    from .cases import ARRAY_CASES
    from .test_arrays import _prepare

    out = {}
    for impl in ARRAY_CASES[case]:
        try:
            fn, _ = _prepare(case, impl, (np.zeros(4),))
        except ImportError:
            continue
        if impl == "numba-loop":
            out[impl] = lambda x, fn=fn: fn(x, np.empty_like(x))
        elif impl == "jax":
            import jax.numpy as jnp

            out[impl] = lambda x, fn=fn: np.asarray(fn(jnp.asarray(x)))
        else:
            out[impl] = fn
    return out


def main() -> None:
    for case in FUNCTIONS:
        print(f"{case}: {points(case).size} points")
        for impl, fn in _implementations(case).items():
            s = measure(case, fn)
            tiny = s["subnormal_max_steps"]
            print(f"  {impl:16s} max {s['max_ulp']:6.3f} ulp at x = {s['worst_x']!r:24s} "
                  f"mean {s['mean_ulp']:.3f} ulp"
                  + ("" if tiny is None else f"; subnormal results: {tiny:.3g} steps"))


if __name__ == "__main__":
    main()
