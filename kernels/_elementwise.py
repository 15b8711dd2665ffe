"""Generic compiled loops that evaluate a catalog function at every point of an array.

``gk.functions.<id>.f(X, Y)`` (and ``grad``, ``hess``) broadcast their coordinates like a
NumPy ufunc; the Python wrapper (``kernels/functions.py``) checks the argument types,
broadcasts the coordinates to one shape and flattens each into a 1-D C-contiguous float64
array, then calls a binding in the entry's generated module (``_generated/<id>.py``):
``f_array``, ``grad_array``, ``hess_array`` and their ``*_array_parallel`` twins, each a one-line
call of :func:`evaluate` below with that entry's element functions.

As in ``_loops.py``, Numba cannot cache a function whose arguments are compiled functions, so
the loops here are ``inline="always"`` and the generated bindings are the cached entry points;
the generated files carry a hash of this file, so changing a loop here makes the drift test
fail until ``gradspec generate`` is run.  The ``prange`` below runs in parallel only in the
``*_parallel`` bindings (compiled with ``parallel=True``); elsewhere it is a plain ``range``.
The element functions themselves are ordinary ``@jit`` functions, which LLVM inlines into the
loop: inlined at Numba's IR level instead, each iteration would count references to the
arrays it touches, which made the loop several times slower.

The contract, for an entry of k variables and n points:

``c``
    a tuple of k 1-D C-contiguous float64 arrays of length n: coordinate j of point i is
    ``c[j][i]``.
``at(c, i, out)``
    evaluates the function at point i, writes the result into ``out`` (``f``: ``out[i]``;
    ``grad``: ``out[a, i]``, out of shape (k, n); ``hess``: ``out[i, a, b]``, out of shape
    (n, k, k)) and returns False when a result is NaN.
``ok_at(c, i)``
    True when every coordinate of point i is finite and the point is inside the domain.

:func:`evaluate` returns the number of points that are refused (a coordinate not finite,
outside the domain, or a NaN result); the wrapper raises an error naming the first of them
(found by :func:`first_refused` and a look at ``out``), so a good call pays one counter per
point for its checks.
"""

from numba import prange

from ._jit import jit


@jit(inline="always")
def evaluate(at, ok_at, c, out):
    """Evaluate at every point of ``c`` into ``out``; return how many points are refused."""
    n = c[0].shape[0]
    bad = 0
    for i in prange(n):
        good = at(c, i, out) & ok_at(c, i)
        bad += 0 if good else 1
    return bad


@jit(inline="always")
def first_refused(ok_at, c):
    """The first index whose point has a non-finite coordinate or is outside the domain; −1
    when there is none."""
    for i in range(c[0].shape[0]):
        if not ok_at(c, i):
            return i
    return -1
