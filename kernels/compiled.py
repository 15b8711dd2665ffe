"""``gradspec.kernels.compiled``: the raw compiled kernels, as building blocks for your own
``@numba.njit`` code.

``compiled.<id>`` is the generated module of a catalog entry (``compiled.sigmoid`` is
``gk.functions.sigmoid.compiled``); ``compiled.losses`` holds the per-sample losses.  Inside a
jitted function Numba resolves these attributes at compile time, so they can be called like
any other jitted function::

    from numba import njit
    from gradspec.kernels import compiled

    @njit(cache=True)
    def mean_sigmoid(x):
        s = 0.0
        for v in x:
            s += compiled.sigmoid.f(v)
        return s / x.size

The stable names and their contract:

``compiled.<id>.f(x, …)``, ``.grad(x, …)``, ``.hess(x, …)``, ``.in_domain(x, …)``
    for every scalar entry; the coordinates are floats in the entry's variable order.
    ``grad`` returns a float for one variable and a k-tuple of floats otherwise; ``hess`` a
    float, or k rows of k floats (a tuple of tuples); ``in_domain`` a bool.
``compiled.losses.<loss>(z, y)``, ``<loss>_dz``, ``<loss>_dz2``
    the per-sample losses ``squared_error`` = (z − y)², ``log_loss`` = y·softplus(−z) +
    (1 − y)·softplus(z) (on the logit z) and ``logistic`` = σ(z) (one argument), with their
    first and second derivatives in z.

**No checks.**  These functions do not look at their arguments: the caller keeps every point
finite and inside the entry's domain (``in_domain`` says where that is).  Outside it the result
is whatever float64 arithmetic gives (often NaN or inf), never an error.  The checked,
broadcasting wrappers are ``gk.functions.<id>.f`` and friends.

Caching: a user function compiled with ``cache=True`` stores machine code that inlines or calls
these kernels, but Numba checks only the user's own file for changes — clear that cache
(delete its ``__pycache__/*.nbi``/``*.nbc``) after upgrading gradspec.
"""

from __future__ import annotations

import importlib

from ._generated.catalog import META

#: Names besides the catalog ids.
EXTRA = ("losses",)


def __getattr__(name: str):
    if name in META or name in EXTRA:
        module = importlib.import_module(f"._generated.{name}", __package__)
        globals()[name] = module  # later look-ups (and Numba's) find it directly
        return module
    raise AttributeError(f"gradspec.kernels.compiled has no {name!r}; the catalog ids "
                         "(gradspec.kernels.functions.IDS) and 'losses' are here")


def __dir__():
    return sorted([*META, *EXTRA])
