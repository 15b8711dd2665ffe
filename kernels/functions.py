"""``gradspec.kernels.functions.<id>``: one namespace per catalog entry with a function.

Each namespace has ``f``, ``grad`` and ``hess`` — Python wrappers that check their arguments
(type, shape, finiteness, the entry's domain) and then call the generated Numba kernels in
``gradspec.kernels._generated.<id>`` (available as ``.module`` for code that wants the raw
compiled functions).  Calling conventions:

* scalar entries: ``fn.f(x, y)``; ``grad`` returns a float for one variable, a tuple of
  floats for several; ``hess`` returns a float or a k×k array;
* data entries (a cost over samples): parameters first, then the data arrays,
  ``log_loss.f(w, b, x, y)``;
* vector entries: a parameter vector is one 1-D array, ``cost_multiple_linear.grad(theta,
  X, y)`` with ``theta[0]`` the intercept.

Modules are imported on first use, so ``import gradspec.kernels`` stays fast.
"""

from __future__ import annotations

import importlib

import numpy as np

from ._generated.catalog import META
from .validate import as_array, as_real, check_length

#: Data entries whose y are class labels: the log-loss and the likelihood are defined for
#: y ∈ {0, 1} (the labels of the log-loss are 0 or 1).
LABELLED = frozenset({"log_loss", "likelihood"})


def _has_nan(out) -> bool:
    """True when a kernel's result (a float, an array, or nested tuples of them) holds NaN."""
    if isinstance(out, tuple):
        return any(_has_nan(v) for v in out)
    return bool(np.isnan(out).any())


class KernelFunction:
    """The kernels of one catalog entry (see the module docstring for conventions)."""

    def __init__(self, meta: dict):
        self.meta = meta
        self.id: str = meta["id"]
        self.title: str = meta["title"]
        self.kind: str = meta["kind"]
        self.variables: tuple[str, ...] = meta["variables"]
        self.arity: int = len(self.variables)
        self.domain: str = meta["domain"]
        self._module = None

    def __repr__(self) -> str:
        args = ", ".join(self.variables or self.meta.get("params", ()))
        return f"<gradspec function {self.id}({args}): {self.title}>"

    @property
    def module(self):
        """The generated module with the compiled functions."""
        if self._module is None:
            self._module = importlib.import_module(f"._generated.{self.id}", __package__)
        return self._module

    # -- argument checks -----------------------------------------------------------------
    def _where(self, what: str) -> str:
        return f"{self.id}.{what}"

    def point(self, args, what: str = "f") -> tuple[float, ...]:
        """Check a point of a scalar entry: arity, real, finite, inside the domain."""
        where = self._where(what)
        if len(args) != self.arity:
            raise TypeError(
                f"{where}: expected {self.arity} coordinate(s) ({', '.join(self.variables)}), "
                f"got {len(args)}"
            )
        pt = tuple(as_real(a, v, where) for a, v in zip(args, self.variables, strict=True))
        if not self.module.in_domain(*pt):
            shown = ", ".join(f"{v}={p!r}" for v, p in zip(self.variables, pt, strict=True))
            raise ValueError(
                f"{where}: the point ({shown}) is outside the domain of {self.id} ({self.domain})"
            )
        return pt

    def _data_args(self, args, what: str):
        where = self._where(what)
        k = self.arity
        if len(args) != k + 2:
            raise TypeError(
                f"{where}: expected {k} parameter(s) ({', '.join(self.variables)}) and the "
                f"data x, y; got {len(args)} arguments"
            )
        params = tuple(as_real(a, v, where) for a, v in zip(args[:k], self.variables, strict=True))
        x = as_array(args[k], "x", where, 1)
        y = as_array(args[k + 1], "y", where, 1)
        check_length(y, x.shape[0], "y", where, "x")
        if self.id in LABELLED:
            bad = (y != 0.0) & (y != 1.0)
            if bad.any():
                i = int(np.argmax(bad))
                raise ValueError(f"{where}: y holds class labels and must be 0 or 1; index {i} "
                                 f"holds {float(y[i])!r} ({int(bad.sum())} label(s) outside "
                                 "{0, 1})")
        return (*params, x, y)

    def _vector_args(self, args, what: str):
        where = self._where(what)
        features = self.meta["features"]
        names = {"affine": ("theta", "X", "y"), "polynomial": ("b", "x", "y"),
                 "wb": ("w", "b", "X", "y"), "elementwise": ("q", "p"),
                 "margin": ("w", "w0", "X", "y")}[features]
        if len(args) != len(names):
            raise TypeError(f"{where}: expected the arguments ({', '.join(names)}), "
                            f"got {len(args)}")
        if features == "affine":
            theta = as_array(args[0], "theta", where, 1)
            X = as_array(args[1], "X", where, 2)
            y = as_array(args[2], "y", where, 1)
            check_length(y, X.shape[0], "y", where, "the rows of X")
            check_length(theta, X.shape[1] + 1, "theta", where,
                         "an intercept plus one weight per column of X")
            return theta, X, y
        if features == "polynomial":
            b = as_array(args[0], "b", where, 1)
            x = as_array(args[1], "x", where, 1)
            y = as_array(args[2], "y", where, 1)
            check_length(y, x.shape[0], "y", where, "x")
            return b, x, y
        if features in ("wb", "margin"):
            w = as_array(args[0], "w", where, 1)
            b = as_real(args[1], names[1], where)
            X = as_array(args[2], "X", where, 2)
            y = as_array(args[3], "y", where, 1)
            check_length(y, X.shape[0], "y", where, "the rows of X")
            check_length(w, X.shape[1], "w", where, "one weight per column of X")
            if features == "margin" and not np.any(w):
                raise ValueError(f"{where}: w must not be the zero vector (‖w‖ = 0 divides)")
            return w, b, X, y
        q = as_array(args[0], "q", where, 1)
        p = as_array(args[1], "p", where, 1)
        check_length(p, q.shape[0], "p", where, "q")
        if np.any(q <= 0):
            bad = int(np.argmax(q <= 0))
            raise ValueError(f"{where}: q must be > 0 (ln q); index {bad} holds "
                             f"{float(q[bad])!r}")
        return q, p

    def _model_args(self, args, what: str):
        where = self._where(what)
        if len(args) != 3:
            raise TypeError(f"{where}: expected the arguments (w, b, X), got {len(args)}")
        w = as_array(args[0], "w", where, 1)
        b = as_real(args[1], "b", where)
        X = as_array(args[2], "X", where, 2)
        check_length(w, X.shape[1], "w", where, "one weight per column of X")
        return w, b, X

    def _args(self, args, what: str):
        if self.kind == "scalar":
            return self.point(args, what)
        if self.kind == "data":
            return self._data_args(args, what)
        if self.kind == "vector":
            return self._vector_args(args, what)
        return self._model_args(args, what)

    def _checked(self, out, what: str, args):
        """``out``, or FloatingPointError when a finite, in-domain input gave NaN.

        NaN from finite arguments inside the domain means intermediate terms overflowed or
        underflowed float64 (inf − inf, 0·inf), e.g. within ~1e-60 of path_limit's singular
        point (0, 0), where r⁻⁶ overflows: no correct float64 answer came out, so none is
        returned.  A result that overflows to ±inf is returned as is (the true value is
        beyond ±1.8e308).
        """
        if _has_nan(out):
            shown = ", ".join(
                f"{v}={a!r}" for v, a in zip(self.variables, args, strict=False)
            ) if self.kind == "scalar" else "the given arguments"
            raise FloatingPointError(
                f"{self._where(what)}: the result is NaN at {shown}: intermediate terms "
                "overflow or underflow float64 there (e.g. very near a singular point), so "
                "it cannot be evaluated in float64 at this point"
            )
        return out

    # -- the functions -----------------------------------------------------------------------
    def f(self, *args):
        """The value f(point) (or J(params; data), or ŷ for a model).

        Raises
        ------
        TypeError, ValueError
            For a bad argument (type, shape, non-finite, outside the domain).
        FloatingPointError
            When the result cannot be evaluated in float64 at a valid point (NaN).
        """
        return self._checked(self.module.f(*self._args(args, "f")), "f", args)

    def grad(self, *args):
        """The gradient: a float for one variable, a tuple of floats (or an array) otherwise."""
        if self.kind == "model":
            raise TypeError(f"{self.id} is a vector-valued model; differentiate a cost built "
                            "on it instead (e.g. mse or log_loss)")
        return self._checked(self.module.grad(*self._args(args, "grad")), "grad", args)

    def hess(self, *args):
        """The Hessian: a float for one variable, a k×k array otherwise."""
        if not hasattr(self.module, "hess"):
            raise NotImplementedError(
                f"{self.id}: no Hessian is generated for this entry (its gradient is)"
            )
        out = self._checked(self.module.hess(*self._args(args, "hess")), "hess", args)
        return out if isinstance(out, float) else np.asarray(out, dtype=np.float64)

    def in_domain(self, *args) -> bool:
        """True when the point is inside the entry's domain (scalar entries)."""
        pt = tuple(as_real(a, v, self._where("in_domain"))
                   for a, v in zip(args, self.variables, strict=True))
        return bool(self.module.in_domain(*pt))


_NAMESPACES: dict[str, KernelFunction] = {}

IDS = tuple(META)


def get(entry_id: str) -> KernelFunction:
    """The namespace of catalog entry ``entry_id``."""
    if entry_id not in META:
        raise AttributeError(f"gradspec.kernels.functions has no entry {entry_id!r}; "
                             f"known: {', '.join(IDS)}")
    if entry_id not in _NAMESPACES:
        _NAMESPACES[entry_id] = KernelFunction(META[entry_id])
    return _NAMESPACES[entry_id]


def __getattr__(name: str) -> KernelFunction:
    if name.startswith("__"):
        raise AttributeError(name)
    return get(name)


def __dir__():
    return sorted([*IDS, "get", "IDS", "KernelFunction"])
