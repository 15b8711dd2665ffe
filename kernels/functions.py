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

Arrays, as NumPy users expect: the coordinates of a scalar entry may be arrays (or lists),
which broadcast like a ufunc — ``sauna.f(X, Y)`` on a mesh is an array of the broadcast shape
S, ``sauna.grad(X, Y)`` a tuple of k arrays of shape S (one array for one variable), and
``sauna.hess(X, Y)`` an array of shape S + (k, k) (S for one variable).  The loops are
compiled (``kernels/_elementwise.py``); a non-finite coordinate, a point outside the domain
or a NaN result is refused with an error naming its first index and value.  Entries with a
per-sample loss ℓ(z, y) — ``log_loss`` (on logits z) and the vector costs — have
``loss``, ``loss_dz`` and ``loss_dz2``, which broadcast the same way.

Scalars in, scalars out: a call with Python floats takes a fast path (one compiled call that
also checks finiteness and the domain); anything else, or a refused point, goes through the
full checks, which raise the errors.

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

#: Data entries whose per-sample loss is one of ``_generated/losses.py`` (vector entries name
#: theirs in their metadata, ``META[id]["loss"]``).
LINKED_LOSSES = {"log_loss": "log_loss"}

#: From this many points on, the array loops run on all of Numba's threads (below it, starting
#: the threads costs more than they save).  Measured on two cores: two threads are 1.2–2×
#: faster than one from 16,384 points for σ, tanh, the log-loss and the sauna's gradient
#: (``bench/test_arrays.py`` compares ``gradspec`` with ``gradspec-serial``); below 4,096
#: points one thread is as fast or faster.
PARALLEL_MIN = 1 << 14

#: How each function's result is laid out: a float, a k-tuple, or k rows of k.
_KINDS_BY_ARITY = {"f": ("value", "value"), "grad": ("value", "vector"),
                   "hess": ("value", "matrix")}


def _is_array(value) -> bool:
    """True for a coordinate given as an array: an ndarray (or array-like) of ndim ≥ 1, a list
    or a tuple.  Numbers, NumPy scalars and 0-d arrays are scalars."""
    return isinstance(value, (list, tuple)) or getattr(value, "ndim", 0) > 0


def _coordinate(value, name: str, where: str):
    """A coordinate of an array call: an array of real numbers, or a checked float."""
    if not _is_array(value):
        return as_real(value, name, where)
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):  # a ragged sequence
        raise TypeError(f"{where}: {name} must be a number or an array of numbers, got "
                        f"{type(value).__name__} {value!r}") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{where}: {name} must hold real numbers, got an array of dtype "
                        f"{arr.dtype}")
    return arr


def _flat(value, shape: tuple) -> np.ndarray:
    """``value`` broadcast to ``shape`` as a writable 1-D C-contiguous float64 array.

    Always the same array type, so each loop is compiled (and cached) once: an array that
    already has the shape is used as it is when it can be, anything else is copied.
    """
    if np.shape(value) == shape:
        arr = np.ascontiguousarray(value, dtype=np.float64)
        if not arr.flags.writeable:
            arr = arr.copy()
    else:
        arr = np.empty(shape)
        arr[...] = value
    return arr.reshape(-1)


def _index_text(flat: int, shape: tuple) -> str:
    if len(shape) == 1:
        return f"index {flat}"
    return f"index {tuple(int(i) for i in np.unravel_index(flat, shape))}"


def _nan_message(where: str, at: str) -> str:
    return (f"{where}: the result is NaN at {at}: intermediate terms overflow or underflow "
            "float64 there (e.g. very near a singular point), so it cannot be evaluated in "
            "float64 at this point")


def _points_with_nan(out: np.ndarray, kind: str) -> np.ndarray:
    """One flag per point: a part of its result is NaN (``out`` laid out as in
    ``kernels/_elementwise.py``)."""
    if kind == "value":
        return np.isnan(out)
    if kind == "vector":
        return np.isnan(out).any(axis=0)
    return np.isnan(out).reshape(out.shape[0], -1).any(axis=1)


class Elementwise:
    """One compiled function of k coordinates evaluated at broadcast arrays of points.

    ``module`` holds the generated ``<name>_array``, ``<name>_array_parallel``,
    ``<prefix>first_refused`` (``kernels/_elementwise.py`` gives the contract).
    """

    def __init__(self, owner: str, name: str, variables, domain: str, module, kind: str,
                 prefix: str = "", label: str | None = None):
        self.owner = owner
        self.where = f"{owner}.{label or name}"
        self.variables = tuple(variables)
        self.domain = domain
        self.kind = kind
        self.serial = getattr(module, f"{name}_array")
        self.parallel = getattr(module, f"{name}_array_parallel")
        self.first_refused = getattr(module, f"{prefix}first_refused")

    def __call__(self, args):
        where, variables = self.where, self.variables
        k = len(variables)
        coords = [_coordinate(a, v, where) for a, v in zip(args, variables, strict=True)]
        try:
            shape = np.broadcast_shapes(*(np.shape(a) for a in coords))
        except ValueError:
            shapes = ", ".join(f"{v} {np.shape(a)}" for v, a in zip(variables, coords,
                                                                     strict=True))
            raise ValueError(f"{where}: the coordinates do not broadcast to one shape "
                             f"({shapes})") from None
        c = tuple(_flat(a, shape) for a in coords)
        n = c[0].shape[0]
        if self.kind == "value":
            out = np.empty(n)
        elif self.kind == "vector":
            out = np.empty((k, n))
        else:
            out = np.empty((n, k, k))
        if (self.parallel if n >= PARALLEL_MIN else self.serial)(c, out):
            self._refuse(c, out, shape)
        if self.kind == "value":
            return float(out[0]) if shape == () else out.reshape(shape)
        if self.kind == "vector":
            return tuple(out[a].reshape(shape) for a in range(k))
        return out.reshape(shape + (k, k))

    def _refuse(self, c, out, shape):
        """Raise the error of the first refused point (the loop counted at least one)."""
        n = c[0].shape[0]
        first = int(self.first_refused(c))
        nan = _points_with_nan(out, self.kind)
        first_nan = int(np.argmax(nan)) if nan.any() else n
        i = first if 0 <= first <= first_nan else first_nan
        at = f" at {_index_text(i, shape)}" if shape else ""
        point = [float(ci[i]) for ci in c]
        shown = ", ".join(f"{v}={p!r}" for v, p in zip(self.variables, point, strict=True))
        if i == first:
            for v, p in zip(self.variables, point, strict=True):
                if not np.isfinite(p):  # (a scalar coordinate was checked before the loop)
                    raise ValueError(f"{self.where}: {v} must be finite;{at} holds {p!r}")
            raise ValueError(f"{self.where}: the point ({shown}){at} is outside the domain "
                             f"of {self.owner} ({self.domain})")
        raise FloatingPointError(_nan_message(self.where, f"({shown}){at}"))


def _fast_path(kernel, general, k: int, kind: str):
    """``general`` behind a shortcut for Python floats: one compiled call, no Python checks.

    ``kernel`` is a generated ``<name>_checked``: the result (a Hessian as a k×k array), or
    NaN in every part when a coordinate is not finite, the point is outside the domain or the
    result is NaN.  Then, and for any argument that is not exactly a ``float``, ``general``
    runs the full checks and raises the error (or answers for ints, NumPy scalars, arrays).
    """
    floats = (float,) * k
    if k == 1:  # f, grad and hess are all floats; the commonest case, tested most cheaply
        def call(*args):
            if len(args) == 1 and type(args[0]) is float:
                v = kernel(args[0])
                if v == v:
                    return v
            return general(*args)
    elif kind == "value":
        def call(*args):
            if tuple(map(type, args)) == floats:
                v = kernel(*args)
                if v == v:
                    return v
            return general(*args)
    elif kind == "vector":
        def call(*args):
            if tuple(map(type, args)) == floats:
                v = kernel(*args)
                if v[0] == v[0]:
                    return v
            return general(*args)
    else:
        def call(*args):
            if tuple(map(type, args)) == floats:
                v = kernel(*args)  # a fresh k×k array
                if v[0, 0] == v[0, 0]:
                    return v
            return general(*args)
    call.__name__ = call.__qualname__ = general.__name__
    call.__doc__ = general.__doc__
    call.__wrapped__ = general
    return call


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
        self._arrays: dict[str, Elementwise] = {}

    def __repr__(self) -> str:
        args = ", ".join(self.variables or self.meta.get("params", ()))
        return f"<gradspec function {self.id}({args}): {self.title}>"

    @property
    def module(self):
        """The generated module with the compiled functions."""
        if self._module is None:
            self._module = importlib.import_module(f"._generated.{self.id}", __package__)
            self._bind(self._module)
        return self._module

    @property
    def compiled(self):
        """The raw compiled functions, for a user's own ``@numba.njit`` code.

        ``compiled.f``, ``compiled.grad``, ``compiled.hess`` and ``compiled.in_domain`` take
        the coordinates as floats (a gradient is a k-tuple, a Hessian k rows of k) and check
        nothing: the caller keeps every point finite and inside the domain.  The same module
        is ``gradspec.kernels.compiled.<id>``.
        """
        return self.module

    def _bind(self, module) -> None:
        """Set up the array loops and, as instance attributes in front of the methods, the
        fast paths for Python floats (see :func:`_fast_path`)."""
        if self.kind == "scalar":
            for what, kinds in _KINDS_BY_ARITY.items():
                kind = kinds[self.arity > 1]
                self._arrays[what] = Elementwise(self.id, what, self.variables, self.domain,
                                                 module, kind)
                general = getattr(type(self), what).__get__(self)
                setattr(self, what, _fast_path(getattr(module, f"{what}_checked"), general,
                                               self.arity, kind))
            return
        loss = self._loss_source(module)
        if loss is not None:
            source, name, prefix, variables, domain = loss
            for suffix in ("", "_dz", "_dz2"):
                self._arrays[f"loss{suffix}"] = Elementwise(
                    self.id, f"{name}{suffix}", variables, domain, source, "value", prefix,
                    label=f"loss{suffix}")

    def _loss_source(self, module):
        """(module, function name, prefix, variables, domain) of the per-sample loss, or
        None when the entry has none.  Every per-sample loss and its array loops live once,
        in ``_generated/losses.py``."""
        name = LINKED_LOSSES.get(self.id) or self.meta.get("loss")
        if name is None:
            return None
        losses = importlib.import_module("._generated.losses", __package__)
        if self.meta.get("features") == "elementwise":
            return losses, name, f"{name}_", ("q", "p"), self.domain or "all real numbers"
        return losses, name, f"{name}_", ("z", "y"), "all real numbers"

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
            raise FloatingPointError(_nan_message(self._where(what), shown))
        return out

    # -- the functions -----------------------------------------------------------------------
    def _on_arrays(self, what: str, args):
        """The array call of a scalar entry's ``what``, or None when every coordinate is a
        scalar (or the arity is wrong: the scalar checks say so)."""
        if self.kind != "scalar" or len(args) != self.arity or not any(map(_is_array, args)):
            return None
        self.module  # noqa: B018  (loads the module, which sets up the array loops)
        return self._arrays[what](args)

    def _evaluate(self, what: str, args):
        """``what`` ("f", "grad" or "hess") at ``args``: through the array loops when a
        coordinate is an array, else the generated function on the checked arguments."""
        out = self._on_arrays(what, args)
        if out is not None:
            return out
        return self._checked(getattr(self.module, what)(*self._args(args, what)), what, args)

    def f(self, *args):
        """The value f(point) (or J(params; data), or ŷ for a model).

        For a scalar entry the coordinates may be arrays, broadcast like a NumPy ufunc: the
        result is then an array of the broadcast shape.

        Raises
        ------
        TypeError, ValueError
            For a bad argument (type, shape, non-finite, outside the domain; for arrays the
            message names the first bad index).
        FloatingPointError
            When the result cannot be evaluated in float64 at a valid point (NaN).
        """
        return self._evaluate("f", args)

    def grad(self, *args):
        """The gradient: a float for one variable, a tuple of floats (or an array) otherwise.

        With array coordinates (broadcast to shape S): an array of shape S for one variable,
        a tuple of k arrays of shape S (the partials) for k variables.
        """
        if self.kind == "model":
            raise TypeError(f"{self.id} is a vector-valued model; differentiate a cost built "
                            "on it instead (e.g. mse or log_loss)")
        return self._evaluate("grad", args)

    def hess(self, *args):
        """The Hessian: a float for one variable, a k×k array otherwise.

        With array coordinates (broadcast to shape S): an array of shape S for one variable,
        of shape S + (k, k) for k variables.
        """
        if not hasattr(self.module, "hess"):
            raise NotImplementedError(
                f"{self.id}: no Hessian is generated for this entry (its gradient is)"
            )
        out = self._evaluate("hess", args)
        return out if isinstance(out, float) else np.asarray(out, dtype=np.float64)

    # -- per-sample losses -----------------------------------------------------------------
    def _per_sample(self, what: str, args):
        self.module  # noqa: B018  (loads the module, which finds the per-sample loss)
        fn = self._arrays.get(what)
        if fn is None or self.kind == "scalar":
            raise AttributeError(f"{self.id} has no per-sample loss; log_loss and the vector "
                                 "costs (mse, cross_entropy, …) have one")
        if len(args) != len(fn.variables):
            raise TypeError(f"{fn.where}: expected the arguments "
                            f"({', '.join(fn.variables)}), got {len(args)}")
        return fn(args)  # scalars are one point of the same loop: the same checks

    def loss(self, *args):
        """The per-sample loss ℓ(z, y) (``cross_entropy``: ℓ(q, p) = −p ln q).

        ``log_loss``: ℓ(z, y) = y·softplus(−z) + (1 − y)·softplus(z) on the logit z, i.e.
        −[y ln σ(z) + (1 − y) ln(1 − σ(z))] evaluated without overflow (``−loss(z, 1)`` is
        ``scipy.special.log_expit(z)``); y is not required to be a 0/1 label here.  The
        arguments broadcast like a ufunc; scalars give a float.
        """
        return self._per_sample("loss", args)

    def loss_dz(self, *args):
        """∂ℓ/∂z, the per-sample loss's derivative in its first argument (see :meth:`loss`)."""
        return self._per_sample("loss_dz", args)

    def loss_dz2(self, *args):
        """∂²ℓ/∂z², the second derivative in the first argument (see :meth:`loss`)."""
        return self._per_sample("loss_dz2", args)

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
