"""The bad-input matrix: every public entry point of ``gradspec.kernels`` either
refuses a bad argument with a clear error or gives the right answer — never garbage.

Two kinds of case, each a row of a table built below:

* ``ERROR_CASES``: (call, exception type, words).  The call must raise exactly that type
  (``TypeError`` for the wrong kind of value, ``ValueError`` for a bad value of the right
  kind) and the message must contain every word: the argument's name and what was wrong.
* ``SAME_CASES``: (call, reference call).  Integer, float32, big-endian, Fortran-ordered and
  strided arrays, plain lists and 0-d arrays are converted, not refused: the call must give
  *bit for bit* the result of the reference call with float64 C-contiguous input (both go
  through the same compiled code after an exact conversion, so equality is exact).

Entry points covered: ``functions.<id>.f/.grad/.hess`` for every id in the catalog (scalar,
data, vector — affine, polynomial, wb, elementwise, margin — and model kinds),
``gradient_descent``, ``gradient_ascent``, ``newton``, ``multistart``,
``linear_regression``, ``polynomial_regression``, ``logistic_regression``,
``linear_cost_grad``, ``logistic_cost_grad``, ``polynomial_features``, ``fit_scaling``,
``min_max_scale``, ``standardize``, ``FitResult.predict``, ``slope_experiment``,
``classification_experiment`` and ``two_clouds``.
"""

from __future__ import annotations

import numpy as np
import pytest

import gradspec.kernels as gk
from gradspec.kernels import experiments as gx
from gradspec.kernels import functions as F
from gradspec.kernels._generated.catalog import META

NAN, INF = float("nan"), float("inf")

ERROR_CASES: list = []  # (id, call, exc, words)
SAME_CASES: list = []  # (id, call, reference)


def err(case_id, call, exc, *words):
    ERROR_CASES.append(pytest.param(call, exc, words, id=case_id))


def same(case_id, call, reference):
    SAME_CASES.append(pytest.param(call, reference, id=case_id))


# -- layouts: each a function of a float64 C-contiguous array giving an equal array -------


def _big_endian(a):
    return np.asarray(a).astype(np.dtype(np.float64).newbyteorder(">"))


def _strided(a):
    a = np.asarray(a)
    big = np.zeros((2 * a.shape[0],) + a.shape[1:])
    big[::2] = a
    return big[::2]


LAYOUTS = {
    "list": lambda a: np.asarray(a).tolist(),
    "float32": lambda a: np.asarray(a).astype(np.float32),
    "big_endian": _big_endian,
    "fortran": lambda a: np.asfortranarray(a),
    "strided": _strided,
}
# Integer arrays only where the values are integers (the data below are chosen so).
INT_LAYOUT = {"int64": lambda a: np.asarray(a).astype(np.int64),
              "int32": lambda a: np.asarray(a).astype(np.int32)}

# -- the functions namespaces --------------------------------------------------------------

SCALAR = [k for k, m in META.items() if m["kind"] == "scalar"]
DATA = [k for k, m in META.items() if m["kind"] == "data"]
VECTOR = [k for k, m in META.items() if m["kind"] == "vector"]
MODEL = [k for k, m in META.items() if m["kind"] == "model"]

#: A valid point per scalar entry (inside the domain; 0.5 is inside every domain here).
def _good_point(entry_id):
    return tuple(0.5 for _ in META[entry_id]["variables"])


def _methods(fn):
    return ("f", "grad", "hess") if hasattr(fn.module, "hess") else ("f", "grad")


for eid in SCALAR:
    fn = F.get(eid)
    pt = _good_point(eid)
    var0 = fn.variables[0]
    for meth in _methods(fn):
        call = getattr(fn, meth)
        tag = f"{eid}.{meth}"
        for label, bad, exc, what in [
            ("str", "0.5", TypeError, "real number"),
            ("None", None, TypeError, "real number"),
            ("list_of_str", ["a"], TypeError, "real number"),
            # arrays of numbers broadcast (tests/test_arrays.py); of anything else, refused
            ("array_of_str", np.array(["a", "b"]), TypeError, "real number"),
            ("array_of_bool", np.array([True, False]), TypeError, "real number"),
            ("bool", True, TypeError, "real number"),
            ("complex", 0.5 + 1j, TypeError, "real number"),
            ("nan", NAN, ValueError, "finite"),
            ("+inf", INF, ValueError, "finite"),
            ("-inf", -INF, ValueError, "finite"),
            ("huge_int", 10**400, ValueError, "finite"),
        ]:
            err(f"{tag}:{var0}={label}", lambda c=call, b=bad, p=pt: c(b, *p[1:]), exc, var0, what)
        err(f"{tag}:too_many", lambda c=call, p=pt: c(*p, 0.5), TypeError,
            f"expected {fn.arity} coordinate", f"got {fn.arity + 1}")
        err(f"{tag}:too_few", lambda c=call, p=pt: c(*p[:-1]), TypeError,
            f"expected {fn.arity} coordinate", f"got {fn.arity - 1}")
        # Numbers of other types that must work and equal the float64 call.
        same(f"{tag}:int", lambda c=call, p=pt: c(*(1 if v == 0.5 else v for v in p)),
             lambda c=call, p=pt: c(*(1.0 if v == 0.5 else v for v in p)))
        same(f"{tag}:float32", lambda c=call, p=pt: c(*(np.float32(v) for v in p)),
             lambda c=call, p=pt: c(*p))
        same(f"{tag}:0d_array", lambda c=call, p=pt: c(*(np.array(v) for v in p)),
             lambda c=call, p=pt: c(*p))
        same(f"{tag}:big_endian_scalar",
             lambda c=call, p=pt: c(*(_big_endian([v])[0] for v in p)),
             lambda c=call, p=pt: c(*p))

# Out-of-domain points: every entry with a restricted domain.
OUT_OF_DOMAIN = [
    ("exp_minus_log", (0.0,)), ("exp_minus_log", (-1.0,)), ("exp_minus_log_sin", (-0.5,)),
    ("three_var", (1.0, 1.0, -1.0)), ("three_var", (1.0, 1.0, 0.0)), ("log_over_x", (0.0,)),
    ("reciprocal", (0.0,)), ("reciprocal", (-0.0,)), ("path_limit", (0.0, 0.0)),
    ("sqrt", (0.0,)), ("sqrt", (-4.0,)), ("relu", (0.0,)), ("sign", (0.0,)),
]
for eid, p in OUT_OF_DOMAIN:
    fn = F.get(eid)
    for meth in _methods(fn):
        err(f"{eid}.{meth}:outside{p}", lambda fn=fn, m=meth, p=p: getattr(fn, m)(*p), ValueError,
            "outside the domain", f"{fn.variables[-1]}=")

# -- data entries: params first, then x, y ---------------------------------------------------

X1 = np.array([1.0, 2.0, 3.0, 4.0])
Y1 = np.array([0.0, 1.0, 1.0, 0.0])  # binary, so valid for log_loss and likelihood too

for eid in DATA:
    fn = F.get(eid)
    k = fn.arity
    params = tuple(0.25 for _ in range(k))
    for meth in _methods(fn):
        call = getattr(fn, meth)
        tag = f"{eid}.{meth}"
        for label, x, y, exc, words in [
            ("x=str", "1234", Y1, TypeError, ("x", "array of real numbers")),
            ("x=None", None, Y1, TypeError, ("x", "array of real numbers")),
            ("x=list_of_str", ["a", "b", "c", "d"], Y1, TypeError, ("x", "real numbers")),
            ("y=None", X1, None, TypeError, ("y", "array of real numbers")),
            ("x=object", np.array([1.0, None, 2.0, 3.0]), Y1, TypeError, ("x", "real numbers")),
            ("x=ragged", [[1.0], [2.0, 3.0]], Y1, TypeError, ("x", "array of real numbers")),
            ("length_mismatch", X1, Y1[:3], ValueError, ("y has 3", "requires 4")),
            ("x=2d", X1[:, None], Y1, ValueError, ("x", "1-D", "(4, 1)")),
            ("x=3d", np.ones((2, 2, 1)), Y1, ValueError, ("x", "1-D")),
            ("empty", np.array([]), np.array([]), ValueError, ("x", "empty")),
            ("x=nan", np.array([1.0, NAN, 3.0, 4.0]), Y1, ValueError, ("x", "finite", "index 1")),
            ("x=+inf", np.array([1.0, 2.0, INF, 4.0]), Y1, ValueError, ("x", "finite", "index 2")),
            ("y=-inf", X1, np.array([0.0, 1.0, 1.0, -INF]), ValueError,
             ("y", "finite", "index 3")),
        ]:
            err(f"{tag}:{label}", lambda c=call, x=x, y=y, p=params: c(*p, x, y), exc, *words)
        v0 = fn.variables[0]
        err(f"{tag}:{v0}=nan", lambda c=call, p=params: c(NAN, *p[1:], X1, Y1), ValueError,
            v0, "finite")
        err(f"{tag}:{v0}=str", lambda c=call, p=params: c("1", *p[1:], X1, Y1), TypeError,
            v0, "real number")
        err(f"{tag}:too_few_args", lambda c=call, p=params: c(*p, X1), TypeError,
            f"expected {k} parameter", "got")
        if eid in ("log_loss", "likelihood"):
            for lab in (2.0, -1.0, 0.5):
                yb = np.array([0.0, 1.0, lab, 0.0])
                err(f"{tag}:label={lab}", lambda c=call, yb=yb, p=params: c(*p, X1, yb),
                    ValueError, "y", "0 or 1", "index 2")
        for lname, lay in {**LAYOUTS, **INT_LAYOUT}.items():
            same(f"{tag}:{lname}", lambda c=call, lay=lay, p=params: c(*p, lay(X1), lay(Y1)),
                 lambda c=call, p=params: c(*p, X1, Y1))

# -- vector entries ---------------------------------------------------------------------------

XM = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 2.0], [2.0, 2.0], [-1.0, 1.0]])
YM = np.array([1.0, -2.0, 0.0, 3.0, 1.0])


def _vector_args(eid):
    feats = META[eid]["features"]
    if feats == "affine":
        return ("theta", "X", "y"), [np.array([0.5, -1.0, 2.0]), XM, YM]
    if feats == "polynomial":
        return ("b", "x", "y"), [np.array([0.5, -1.0, 2.0]), XM[:, 0].copy(), YM]
    if feats in ("wb", "margin"):
        second = "w0" if feats == "margin" else "b"
        return ("w", second, "X", "y"), [np.array([0.5, -1.0]), 0.25, XM, YM]
    return ("q", "p"), [np.array([0.25, 0.5, 0.875, 1.5]), np.array([0.0, 0.25, 0.75, 1.0])]


for eid in VECTOR:
    fn = F.get(eid)
    names, good = _vector_args(eid)
    for meth in _methods(fn):
        call = getattr(fn, meth)
        tag = f"{eid}.{meth}"
        for i, name in enumerate(names):
            g = good[i]
            if np.ndim(g) == 0:  # the scalar b / w0
                for label, bad, exc, what in [("str", "1", TypeError, "real number"),
                                              ("None", None, TypeError, "real number"),
                                              ("nan", NAN, ValueError, "finite")]:
                    args = list(good)
                    args[i] = bad
                    err(f"{tag}:{name}={label}", lambda c=call, a=args: c(*a), exc, name, what)
                continue
            bads = [
                ("str", "abc", TypeError, ("array of real numbers",)),
                ("None", None, TypeError, ("array of real numbers",)),
                ("list_of_str", ["a"] * len(g), TypeError, ("real numbers",)),
                ("3d", np.ones((2, 2, 2)), ValueError, ("-D", "(2, 2, 2)")),
                ("empty", np.empty((0,) + np.shape(g)[1:]), ValueError, ("empty",)),
            ]
            for label, val in (("nan", NAN), ("+inf", INF), ("-inf", -INF)):
                b = np.array(g, dtype=float, copy=True)
                b.flat[1] = val
                bads.append((label, b, ValueError, ("finite",)))
            for label, bad, exc, words in bads:
                args = list(good)
                args[i] = bad
                err(f"{tag}:{name}={label}", lambda c=call, a=args: c(*a), exc, name, *words)
        # length mismatches: the last argument one entry short
        args = list(good)
        args[-1] = good[-1][:-1]
        err(f"{tag}:length_mismatch", lambda c=call, a=args: c(*a), ValueError,
            names[-1], "entries but")
        if META[eid]["features"] != "polynomial":  # b of any length is a polynomial
            args = list(good)
            args[0] = np.append(good[0], 1.0)
            err(f"{tag}:{names[0]}_too_long", lambda c=call, a=args: c(*a), ValueError,
                names[0], "entries but")
        err(f"{tag}:too_few_args", lambda c=call, a=good: c(*a[:-1]), TypeError,
            "expected the arguments")
        # layouts of every array argument at once
        for lname, lay in LAYOUTS.items():
            args = [lay(a) if np.ndim(a) > 0 else a for a in good]
            same(f"{tag}:{lname}", lambda c=call, a=args: c(*a), lambda c=call, a=good: c(*a))

# entry-specific domains
P_CE = _vector_args("cross_entropy")[1][1]
for meth in _methods(F.hyperplane_margin):
    call = getattr(F.hyperplane_margin, meth)
    err(f"hyperplane_margin.{meth}:w=0", lambda c=call: c(np.zeros(2), 0.25, XM, YM),
        ValueError, "w", "zero vector")
err("hyperplane_margin.hess:none", lambda: F.hyperplane_margin.hess(np.ones(2), 0.25, XM, YM),
    NotImplementedError, "hyperplane_margin", "no Hessian")
for meth in _methods(F.cross_entropy):
    call = getattr(F.cross_entropy, meth)
    for label, q in (("q=0", [0.2, 0.0, 0.9, 1.5]), ("q<0", [0.2, 0.5, -0.1, 1.5])):
        err(f"cross_entropy.{meth}:{label}", lambda c=call, q=q: c(np.array(q), P_CE),
            ValueError, "q", "> 0", "index")

# -- models ----------------------------------------------------------------------------------

W_MODEL, B_MODEL = np.array([0.5, -1.0]), 0.25
for eid in MODEL:
    fn = F.get(eid)
    w, b = W_MODEL, B_MODEL
    tag = f"{eid}.f"
    for label, args, exc, words in [
        ("X=3d", (w, b, np.ones((2, 2, 2))), ValueError, ("X", "-D")),
        ("X=nan", (w, b, np.where(XM == 3.0, NAN, XM)), ValueError, ("X", "finite", "row 1")),
        ("X=None", (w, b, None), TypeError, ("X", "array of real numbers")),
        ("w=short", (w[:1], b, XM), ValueError, ("w", "entries but")),
        ("b=str", (w, "b", XM), TypeError, ("b", "real number")),
        ("X=empty", (w, b, np.empty((0, 2))), ValueError, ("X", "empty")),
    ]:
        err(f"{tag}:{label}", lambda fn=fn, a=args: fn.f(*a), exc, *words)
    err(f"{eid}.grad", lambda fn=fn: fn.grad(W_MODEL, B_MODEL, XM), TypeError, eid,
        "vector-valued model")
    for lname, lay in LAYOUTS.items():
        same(f"{tag}:{lname}", lambda fn=fn, lay=lay: fn.f(lay(W_MODEL), B_MODEL, lay(XM)),
             lambda fn=fn: fn.f(W_MODEL, B_MODEL, XM))

err("functions.unknown_id", lambda: F.get("no_such_entry"), AttributeError,
    "no_such_entry", "known")

# -- the optimisation drivers ----------------------------------------------------------------

DRIVERS = {
    "gradient_descent": lambda fn, x0, **kw: gk.gradient_descent(fn, x0, **kw),
    "gradient_ascent": lambda fn, x0, **kw: gk.gradient_ascent(fn, x0, **kw),
    "newton": lambda fn, x0, **kw: gk.newton(fn, x0, **kw),
}
SAUNA = F.sauna  # two variables
EML = F.exp_minus_log  # one variable, x > 0


def _descent_kw(name, **kw):
    """Driver keywords: newton has no learning rate (its damping is checked below)."""
    if name == "newton":
        kw.pop("learning_rate", None)
    return kw


for name, drive in DRIVERS.items():
    kw = _descent_kw(name, learning_rate=0.1, num_iterations=5)
    for label, fn, exc, words in [
        ("fn=str", "sauna", TypeError, ("fn", "gradspec function")),
        ("fn=None", None, TypeError, ("fn", "gradspec function")),
        ("fn=data_entry", F.log_loss, TypeError, ("log_loss", "'data' entry")),
        ("fn=model", F.linear_model, TypeError, ("linear_model", "'model' entry")),
    ]:
        err(f"{name}:{label}", lambda d=drive, fn=fn, kw=kw: d(fn, 0.5, **kw), exc, *words)
    for label, fn, x0, exc, words in [
        ("x0=str", SAUNA, "0.5", TypeError, ("x0", "point")),
        ("x0=None", SAUNA, None, TypeError, ("x0", "point")),
        ("x0=list_of_str", SAUNA, ["a", "b"], TypeError, ("x0", "real numbers")),
        ("x0=3_coords", SAUNA, (0.5, 0.6, 0.7), ValueError, ("x0", "2 coordinate", "got 3")),
        ("x0=1_coord", SAUNA, 0.5, ValueError, ("x0", "2 coordinate", "got 1")),
        ("x0=2_for_1", EML, (1.0, 2.0), ValueError, ("x0", "1 coordinate", "got 2")),
        ("x0=2d", SAUNA, np.ones((2, 2)), ValueError, ("x0", "one point", "(2, 2)")),
        ("x0=empty", SAUNA, [], ValueError, ("x0", "got 0")),
        ("x0=nan", SAUNA, (NAN, 0.6), ValueError, ("x0", "finite", "x=nan")),
        ("x0=+inf", SAUNA, (0.5, INF), ValueError, ("x0", "finite", "y=inf")),
        ("x0=-inf", EML, -INF, ValueError, ("x0", "finite")),
        ("x0=huge_int", EML, 10**400, ValueError, ("x0", "float64 range")),
        ("x0=0_outside", EML, 0.0, ValueError, ("x0", "outside the domain", "x > 0")),
        ("x0=-1_outside", EML, -1.0, ValueError, ("x0", "outside the domain")),
        ("x0=z<0_outside", F.three_var, (1.0, 1.0, -1.0), ValueError,
         ("x0", "outside the domain", "z > 0")),
        ("x0=relu_0", F.relu, 0.0, ValueError, ("x0", "outside the domain")),
    ]:
        err(f"{name}:{label}", lambda d=drive, fn=fn, x0=x0, kw=kw: d(fn, x0, **kw), exc, *words)
    rate = "damping" if name == "newton" else "learning_rate"
    for label, lr, exc, what in [
        ("0", 0.0, ValueError, "> 0"), ("negative", -0.1, ValueError, "> 0"),
        ("nan", NAN, ValueError, "> 0"), ("inf", INF, ValueError, "finite"),
        ("str", "0.1", TypeError, "positive number"), ("None", None, TypeError, "positive"),
        ("huge_int", 10**400, ValueError, "float64 range"),
    ]:
        err(f"{name}:{rate}={label}",
            lambda d=drive, lr=lr, r=rate: d(SAUNA, (0.5, 0.6), **{r: lr}), exc, rate, what)
    for label, n, exc, what in [
        ("-1", -1, ValueError, "≥ 0"), ("2.5", 2.5, TypeError, "integer"),
        ("25.0", 25.0, TypeError, "integer"), ("str", "5", TypeError, "integer"),
        ("None", None, TypeError, "integer"), ("2**70", 2**70, ValueError, "2**62"),
    ]:
        err(f"{name}:num_iterations={label}",
            lambda d=drive, n=n: d(SAUNA, (0.5, 0.6), num_iterations=n), exc,
            "num_iterations", what)
    for label, tol, exc in [("nan", NAN, ValueError), ("-1", -1.0, ValueError),
                            ("str", "1e-6", TypeError)]:
        err(f"{name}:tol={label}", lambda d=drive, t=tol: d(SAUNA, (0.5, 0.6), tol=t), exc,
            "tol", "None or")
    err(f"{name}:history=1", lambda d=drive: d(SAUNA, (0.5, 0.6), history=1), TypeError,
        "history", "True or False")
    err(f"{name}:stop_on=bad", lambda d=drive: d(SAUNA, (0.5, 0.6), stop_on="x"), ValueError,
        "stop_on", "one of")
    err(f"{name}:divergence_threshold=0",
        lambda d=drive: d(SAUNA, (0.5, 0.6), divergence_threshold=0), ValueError,
        "divergence_threshold", "> 0")
    err(f"{name}:history_too_big",
        lambda d=drive: d(SAUNA, (0.5, 0.6), num_iterations=2**60, history=True),
        ValueError, "history=True", "num_iterations")
    # starting points of other types that must work
    kwd = _descent_kw(name, learning_rate=0.05, num_iterations=20)
    def ref2(d=drive, kw=kwd):
        return (d(SAUNA, (0.5, 0.75), **kw).point.tolist())
    for label, x0 in [("list", [0.5, 0.75]), ("float32", np.array([0.5, 0.75], np.float32)),
                      ("big_endian", _big_endian([0.5, 0.75])),
                      ("strided", _strided(np.array([0.5, 0.75]))),
                      ("np_scalars", (np.float32(0.5), np.float64(0.75)))]:
        same(f"{name}:x0={label}", lambda d=drive, x0=x0, kw=kwd: d(SAUNA, x0, **kw).point.tolist(),
             ref2)
    def ref1(d=drive, kw=kwd):
        return (d(F.square, 2.0, **kw).point.tolist())
    for label, x0 in [("int", 2), ("np_int", np.int64(2)), ("0d_array", np.array(2.0)),
                      ("1_elem_array", np.array([2.0])), ("1_elem_list", [2])]:
        same(f"{name}:x0={label}",
             lambda d=drive, x0=x0, kw=kwd: d(F.square, x0, **kw).point.tolist(), ref1)
    if name != "newton":
        same(f"{name}:learning_rate=int_and_numpy",
             lambda d=drive: d(SAUNA, (0.5, 0.75), learning_rate=np.float32(0.25),
                               num_iterations=np.int32(7)).point.tolist(),
             lambda d=drive: d(SAUNA, (0.5, 0.75), learning_rate=0.25,
                               num_iterations=7).point.tolist())

err("gradient_ascent:how=bad", lambda: gk.gradient_ascent(SAUNA, (0.5, 0.6), how="x"),
    ValueError, "how", "'flip'")
err("gradient_descent:schedule=bad", lambda: gk.gradient_descent(SAUNA, (0.5, 0.6),
                                                                 schedule="sometimes"),
    ValueError, "schedule")
err("newton:target=bad", lambda: gk.newton(SAUNA, (0.5, 0.6), target="saddle"), ValueError,
    "target", "one of")

# multistart
STARTS = np.array([[0.5, 0.625], [2.0, 3.0], [4.0, 0.5]])  # exact in float32
for label, starts, fn, exc, words in [
    ("str", "abc", SAUNA, TypeError, ("starts", "array of starting points")),
    ("None", None, SAUNA, TypeError, ("starts", "array of starting points")),
    ("list_of_str", [["a", "b"]], SAUNA, TypeError, ("starts", "real numbers")),
    ("ragged", [[0.5, 0.6], [1.0]], SAUNA, TypeError, ("starts",)),
    ("empty", np.empty((0, 2)), SAUNA, ValueError, ("starts", "empty")),
    ("empty_list", [], EML, ValueError, ("starts", "empty")),
    ("wrong_k", np.ones((3, 3)), SAUNA, ValueError, ("starts", "shape (S, 2)", "(3, 3)")),
    ("1d_for_2_vars", np.ones(3), SAUNA, ValueError, ("starts", "shape (S, 2)")),
    ("3d", np.ones((3, 2, 2)), SAUNA, ValueError, ("starts", "shape (S, 2)")),
    ("nan", [[0.5, 0.6], [NAN, 1.0]], SAUNA, ValueError, ("starts", "finite", "row 1")),
    ("+inf", [[0.5, INF]], SAUNA, ValueError, ("starts", "finite", "row 0")),
    ("-inf", [1.0, -INF], EML, ValueError, ("starts", "finite", "row 1")),
    ("outside", [1.0, 2.0, -1.0], EML, ValueError, ("starts", "row 2", "outside the domain")),
    ("z<0", [[1.0, 1.0, 1.0], [1.0, 1.0, -2.0]], F.three_var, ValueError,
     ("starts", "row 1", "outside the domain")),
]:
    err(f"multistart:starts={label}", lambda s=starts, fn=fn: gk.multistart(fn, s), exc, *words)
for label, kw, exc, words in [
    ("fn=str", {"fn": "sauna"}, TypeError, ("fn", "gradspec function")),
    ("learning_rate=0", {"learning_rate": 0.0}, ValueError, ("learning_rate", "> 0")),
    ("learning_rate=-1", {"learning_rate": -1.0}, ValueError, ("learning_rate", "> 0")),
    ("learning_rate=nan", {"learning_rate": NAN}, ValueError, ("learning_rate", "> 0")),
    ("num_iterations=-1", {"num_iterations": -1}, ValueError, ("num_iterations", "≥ 0")),
    ("num_iterations=2.5", {"num_iterations": 2.5}, TypeError, ("num_iterations", "integer")),
    ("method=bad", {"method": "x"}, ValueError, ("method", "one of")),
    ("cluster_radius=-1", {"cluster_radius": -1.0}, ValueError, ("cluster_radius", "> 0")),
    ("cluster_radius=nan", {"cluster_radius": NAN}, ValueError, ("cluster_radius", "> 0")),
    ("threads=0", {"threads": 0}, ValueError, ("threads",)),
    ("threads=str", {"threads": "2"}, TypeError, ("threads",)),
]:
    def _ms(kw=kw):
        kw = dict(kw)
        fn = kw.pop("fn", SAUNA)
        return gk.multistart(fn, STARTS, **kw)
    err(f"multistart:{label}", _ms, exc, *words)


def _ms_points(starts, fn=SAUNA):
    return gk.multistart(fn, starts, learning_rate=0.05, num_iterations=20).points.tolist()


for lname, lay in LAYOUTS.items():
    same(f"multistart:starts={lname}", lambda lay=lay: _ms_points(lay(STARTS)),
         lambda: _ms_points(STARTS))
same("multistart:starts=int", lambda: _ms_points(np.array([[1, 2], [3, 4]])),
     lambda: _ms_points(np.array([[1.0, 2.0], [3.0, 4.0]])))
same("multistart:starts=1d_for_1_var", lambda: _ms_points([0.5, 1.0, 2.0], EML),
     lambda: _ms_points(np.array([[0.5], [1.0], [2.0]]), EML))

# -- the regression fits ---------------------------------------------------------------------

XR = np.array([[1.0, 2.0], [2.0, 0.0], [3.0, 5.0], [4.0, 1.0], [5.0, 3.0], [6.0, 2.0]])
YR = np.array([3.0, 4.0, 10.0, 7.0, 11.0, 12.0])
YL = np.array([0.0, 0.0, 1.0, 0.0, 1.0, 1.0])
XP = np.array([-2.0, -1.0, 0.0, 1.0, 2.0, 3.0])

FITS = {
    "linear_regression": (lambda X, y, **kw: gk.linear_regression(X, y, **kw), XR, YR),
    "logistic_regression": (lambda X, y, **kw: gk.logistic_regression(X, y, **kw), XR, YL),
    "polynomial_regression": (lambda X, y, **kw: gk.polynomial_regression(X, y, 2, **kw),
                              XP, YR),
}
FIT_KW = {"learning_rate": 0.01, "num_iterations": 20}


def _put(a, row, value):
    """A copy of ``a`` with ``value`` in (the first column of) row ``row``."""
    b = np.array(a, dtype=float, copy=True)
    b[(row, 0) if b.ndim == 2 else row] = value
    return b

for name, (fit, Xg, yg) in FITS.items():
    xname = "x" if name == "polynomial_regression" else "X"
    for label, X, y, exc, words in [
        (f"{xname}=str", "abc", yg, TypeError, (xname, "array of real numbers")),
        (f"{xname}=None", None, yg, TypeError, (xname, "array of real numbers")),
        (f"{xname}=list_of_str", ["a"] * len(yg), yg, TypeError, (xname, "real numbers")),
        (f"{xname}=complex", Xg + 1j, yg, TypeError, (xname, "real")),
        ("y=None", Xg, None, TypeError, ("y", "array of real numbers")),
        ("y=str", Xg, "abc", TypeError, ("y", "array of real numbers")),
        ("y=2d", Xg, np.ones((len(yg), 2)), ValueError, ("y", "1-D")),
        ("length_mismatch", Xg, yg[:-1], ValueError, ("rows", "y has 5")),
        (f"{xname}=3d", np.ones((len(yg), 2, 2)), yg, ValueError, (xname, "shape")),
        ("empty", np.array([]), np.array([]), ValueError, ("no data",)),
        (f"{xname}=nan", _put(Xg, 2, NAN), yg, ValueError, (xname, "not finite")),
        (f"{xname}=+inf", _put(Xg, 3, INF), yg, ValueError, (xname, "not finite")),
        ("y=nan", Xg, np.where(np.arange(len(yg)) == 2, NAN, yg), ValueError,
         ("y[2]", "not finite")),
        ("y=-inf", Xg, np.where(np.arange(len(yg)) == 1, -INF, yg), ValueError,
         ("y[1]", "not finite")),
    ]:
        err(f"{name}:{label}", lambda f=fit, X=X, y=y: f(X, y, **FIT_KW), exc, *words)
    for label, kw, exc, words in [
        ("learning_rate=0", {"learning_rate": 0.0}, ValueError, ("learning_rate", "> 0")),
        ("learning_rate=-1", {"learning_rate": -1.0}, ValueError, ("learning_rate", "> 0")),
        ("learning_rate=nan", {"learning_rate": NAN}, ValueError, ("learning_rate", "> 0")),
        ("learning_rate=str", {"learning_rate": "0.1"}, TypeError, ("learning_rate",)),
        ("num_iterations=-1", {"num_iterations": -1}, ValueError, ("num_iterations", "≥ 0")),
        ("num_iterations=2.5", {"num_iterations": 2.5}, TypeError,
         ("num_iterations", "integer")),
        ("num_iterations=huge", {"num_iterations": 2**60}, ValueError,
         ("cost history", "num_iterations")),
        ("tol=nan", {"tol": NAN}, ValueError, ("tol",)),
        ("theta0=wrong_length", {"theta0": [0.0] * 9}, ValueError, ("theta0", "got 9")),
        ("theta0=nan", {"theta0": None}, ValueError, ("theta0", "finite")),
        ("scale=bad", {"scale": "log"}, ValueError, ("scale", "one of")),
        ("history=str", {"history": "yes"}, TypeError, ("history", "True or False")),
    ]:
        def _call(f=fit, kw=kw, Xg=Xg, yg=yg, name=name):
            kw = {**FIT_KW, **kw}
            if "theta0" in kw and kw["theta0"] is None:  # NaN of the right length
                p = 3 if name != "linear_regression" or Xg.ndim == 2 else 2
                kw["theta0"] = [NAN] * p
            return f(Xg, yg, **kw)
        err(f"{name}:{label}", _call, exc, *words)
    # layouts of X and y that must give the same θ
    for lname, lay in {**LAYOUTS, **INT_LAYOUT}.items():
        same(f"{name}:{lname}",
             lambda f=fit, lay=lay, X=Xg, y=yg: f(lay(X), lay(y), **FIT_KW).theta.tolist(),
             lambda f=fit, X=Xg, y=yg: f(X, y, **FIT_KW).theta.tolist())

for lab in (2.0, -1.0, 0.5):
    err(f"logistic_regression:label={lab}",
        lambda lab=lab: gk.logistic_regression(XR, np.where(YL == 1.0, lab, 0.0), **FIT_KW),
        ValueError, "labels", "0 or 1", f"y[2] = {lab!r}")
    err(f"logistic_cost_grad:label={lab}",
        lambda lab=lab: gk.logistic_cost_grad([0.0, 0.0, 0.0], XR, np.where(YL == 1.0, lab, 0.0)),
        ValueError, "labels", "0 or 1")
same("logistic_regression:bool_labels",
     lambda: gk.logistic_regression(XR, YL > 0.5, **FIT_KW).theta.tolist(),
     lambda: gk.logistic_regression(XR, YL, **FIT_KW).theta.tolist())
err("linear_regression:cost=bad", lambda: gk.linear_regression(XR, YR, 0.1, 5, cost="mae"),
    ValueError, "cost", "one of")
err("linear_regression:constant_feature_scaled",
    lambda: gk.linear_regression(np.c_[XR, np.ones(6)], YR, 0.1, 5, scale="standard"),
    ValueError, "feature 2", "constant")
err("polynomial_regression:degree=0", lambda: gk.polynomial_regression(XP, YR, 0, 0.1, 5),
    ValueError, "degree", "≥ 1")
err("polynomial_regression:degree=2.5", lambda: gk.polynomial_regression(XP, YR, 2.5, 0.1, 5),
    TypeError, "degree", "integer")
err("polynomial_regression:x=2d", lambda: gk.polynomial_regression(XR, YR, 2, 0.1, 5),
    ValueError, "x", "1-D")
err("polynomial_regression:powers_overflow",
    lambda: gk.polynomial_regression(XP * 1e120, YR, 3, 0.1, 5), ValueError,
    "x[0]", "power 3", "overflows")
err("polynomial_features:x=None", lambda: gk.polynomial_features(None, 2), TypeError,
    "x", "array of real numbers")
err("polynomial_features:x=nan", lambda: gk.polynomial_features([1.0, NAN], 2), ValueError,
    "x[1]", "not finite")
for name, call in [("linear_cost_grad", gk.linear_cost_grad),
                   ("logistic_cost_grad", gk.logistic_cost_grad)]:
    y = YL if name.startswith("logistic") else YR
    err(f"{name}:theta=None", lambda c=call, y=y: c(None, XR, y), TypeError, "theta")
    err(f"{name}:theta=str", lambda c=call, y=y: c("ab", XR, y), TypeError, "theta")
    err(f"{name}:theta=nan", lambda c=call, y=y: c([0.0, NAN, 1.0], XR, y), ValueError,
        "theta", "finite")
    err(f"{name}:theta=short", lambda c=call, y=y: c([0.0, 1.0], XR, y), ValueError,
        "theta", "3 values")
    err(f"{name}:X=nan", lambda c=call, y=y: c([0.0, 1.0, 1.0], _put(XR, 4, NAN), y),
        ValueError, "X row", "not finite")
    for lname, lay in LAYOUTS.items():
        same(f"{name}:{lname}",
             lambda c=call, lay=lay, y=y: [v.tolist() if hasattr(v, "tolist") else v
                                           for v in c(lay(np.array([0.5, -1.0, 0.25])),
                                                      lay(XR), lay(y))],
             lambda c=call, y=y: [v.tolist() if hasattr(v, "tolist") else v
                                  for v in c(np.array([0.5, -1.0, 0.25]), XR, y)])

# scaling and prediction
for name, call in [("min_max_scale", gk.min_max_scale), ("standardize", gk.standardize),
                   ("fit_scaling", lambda X: gk.fit_scaling(X, "minmax"))]:
    err(f"{name}:X=str", lambda c=call: c("abc"), TypeError, "X", "array of real numbers")
    err(f"{name}:X=None", lambda c=call: c(None), TypeError, "X", "array of real numbers")
    err(f"{name}:X=empty", lambda c=call: c(np.array([])), ValueError, "X", "empty")
    err(f"{name}:X=nan", lambda c=call: c(np.array([1.0, NAN, 2.0])), ValueError,
        "X row 1", "not finite")
    err(f"{name}:X=3d", lambda c=call: c(np.ones((2, 2, 2))), ValueError, "X", "shape")
    err(f"{name}:constant", lambda c=call: c(np.ones(3)), ValueError, "feature 0", "constant")
    err(f"{name}:overflowing_span", lambda c=call: c(np.array([-1e308, 1e308])), ValueError,
        "feature 0", "float64")
    for lname, lay in {**LAYOUTS, **INT_LAYOUT}.items():
        same(f"{name}:{lname}",
             lambda c=call, lay=lay: np.asarray(getattr(c(lay(XR)), "span", c(lay(XR)))).tolist(),
             lambda c=call: np.asarray(getattr(c(XR), "span", c(XR))).tolist())
err("fit_scaling:method=bad", lambda: gk.fit_scaling(XR, "log"), ValueError, "scale", "'minmax'")

_FIT = None


def _fitted():
    global _FIT
    if _FIT is None:
        _FIT = gk.logistic_regression(XR, YL, 0.1, 10)
    return _FIT


err("predict:X=nan", lambda: _fitted().predict(np.array([[1.0, NAN]])), ValueError,
    "X row 0", "not finite")
err("predict:X=wrong_width", lambda: _fitted().predict(np.ones((3, 4))), ValueError,
    "X has 4 features", "model 2")
err("predict:X=str", lambda: _fitted().predict("abc"), TypeError, "X", "real numbers")
for lname, lay in LAYOUTS.items():
    same(f"predict:{lname}", lambda lay=lay: _fitted().predict(lay(XR)).tolist(),
         lambda: _fitted().predict(XR).tolist())

# -- the experiments -------------------------------------------------------------------------

SE = {"n_points": 5, "repetitions": 2, "num_iterations": 5}
for label, kw, exc, words in [
    ("slopes=str", {"slopes": "abc"}, TypeError, ("slopes", "array of real numbers")),
    ("slopes=list_of_str", {"slopes": ["a", "b"]}, TypeError, ("slopes", "real numbers")),
    ("slopes=nan", {"slopes": [1.0, NAN]}, ValueError, ("slopes", "finite", "entry 1")),
    ("slopes=inf", {"slopes": [INF]}, ValueError, ("slopes", "finite", "entry 0")),
    ("slopes=empty", {"slopes": []}, ValueError, ("slopes", "empty")),
    ("slopes=2d", {"slopes": np.ones((2, 2))}, ValueError, ("slopes", "1-D")),
    ("learning_rate=0", {"learning_rate": 0.0}, ValueError, ("learning_rate", "> 0")),
    ("learning_rate=nan", {"learning_rate": NAN}, ValueError, ("learning_rate", "> 0")),
    ("learning_rate=-1", {"learning_rate": -1.0}, ValueError, ("learning_rate", "> 0")),
    ("num_iterations=-1", {"num_iterations": -1}, ValueError, ("num_iterations", "≥ 0")),
    ("num_iterations=2.5", {"num_iterations": 2.5}, TypeError, ("num_iterations", "integer")),
    ("n_points=1", {"n_points": 1}, ValueError, ("n_points ≥ 2",)),
    ("n_points=str", {"n_points": "5"}, TypeError, ("n_points", "integer")),
    ("repetitions=0", {"repetitions": 0}, ValueError, ("repetitions ≥ 1",)),
    ("seed=str", {"seed": "x"}, TypeError, ("seed", "integer")),
    ("seed=-1", {"seed": -1}, ValueError, ("seed", "≥ 0")),
    ("seed=1.5", {"seed": 1.5}, TypeError, ("seed", "integer")),
]:
    err(f"slope_experiment:{label}", lambda kw=kw: gx.slope_experiment(**{**SE, **kw}), exc,
        *words)
CE = {"num_iterations": 5, "n_per_cloud": 5}
for label, kw, exc, words in [
    ("learning_rates=str", {"learning_rates": "abc"}, TypeError, ("learning_rates",)),
    ("learning_rates=0", {"learning_rates": [0.1, 0.0]}, ValueError,
     ("learning_rates", "> 0", "entry 1")),
    ("learning_rates=-1", {"learning_rates": [-1.0]}, ValueError, ("learning_rates", "> 0")),
    ("learning_rates=nan", {"learning_rates": [NAN]}, ValueError, ("learning_rates", "finite")),
    ("learning_rates=empty", {"learning_rates": []}, ValueError, ("learning_rates", "empty")),
    ("num_iterations=-1", {"num_iterations": -1}, ValueError, ("num_iterations", "≥ 0")),
    ("num_iterations=1.5", {"num_iterations": 1.5}, TypeError, ("num_iterations", "integer")),
    ("n_per_cloud=0", {"n_per_cloud": 0}, ValueError, ("n_per_cloud", "≥ 1")),
    ("blur=nan", {"blur": NAN}, ValueError, ("blur", "finite")),
    ("blur=-1", {"blur": -1.0}, ValueError, ("blur", "≥ 0")),
    ("blur=str", {"blur": "x"}, TypeError, ("blur", "number")),
    ("seed=str", {"seed": "x"}, TypeError, ("seed", "integer")),
    ("seed=-1", {"seed": -1}, ValueError, ("seed", "≥ 0")),
]:
    err(f"classification_experiment:{label}",
        lambda kw=kw: gx.classification_experiment(**{**CE, **kw}), exc, *words)
for label, kw, exc, words in [
    ("n_per_cloud=-1", {"n_per_cloud": -1}, ValueError, ("n_per_cloud", "≥ 0")),
    ("n_per_cloud=0", {"n_per_cloud": 0}, ValueError, ("n_per_cloud", "≥ 1")),
    ("n_per_cloud=2.5", {"n_per_cloud": 2.5}, TypeError, ("n_per_cloud", "integer")),
    ("centers=str", {"centers": "ab"}, TypeError, ("centers",)),
    ("centers=nan", {"centers": ((NAN, 1.0), (5.0, 1.0))}, ValueError, ("centers", "finite")),
    ("centers=shape", {"centers": (1.0, 2.0, 3.0)}, ValueError, ("centers", "(2, 2)")),
    ("blur=nan", {"blur": NAN}, ValueError, ("blur", "finite")),
    ("blur=inf", {"blur": INF}, ValueError, ("blur", "finite")),
    ("seed=None-like str", {"seed": "0"}, TypeError, ("seed", "integer")),
]:
    err(f"two_clouds:{label}", lambda kw=kw: gx.two_clouds(**{"n_per_cloud": 5, **kw}), exc,
        *words)
same("slope_experiment:slopes_int_and_tuple",
     lambda: gx.slope_experiment(slopes=(-1, 0, 2), **SE).loss.tolist(),
     lambda: gx.slope_experiment(slopes=np.array([-1.0, 0.0, 2.0]), **SE).loss.tolist())
same("classification_experiment:learning_rates_float32_list",
     lambda: gx.classification_experiment([0.25, 0.5], **CE).loss.tolist(),
     lambda: gx.classification_experiment(np.array([0.25, 0.5], np.float32), **CE).loss.tolist())
same("two_clouds:int_centers", lambda: gx.two_clouds(5, centers=((1, 1), (5, 1)))[0].tolist(),
     lambda: gx.two_clouds(5, centers=((1.0, 1.0), (5.0, 1.0)))[0].tolist())


# -- the tests -------------------------------------------------------------------------------


@pytest.mark.parametrize(("call", "exc", "words"), ERROR_CASES)
def test_clear_error(call, exc, words):
    """The call raises ``exc`` (not a subclass of another kind) naming the argument and the
    fault."""
    with pytest.raises(Exception) as info:
        call()
    assert type(info.value) is exc, (
        f"expected {exc.__name__}, got {type(info.value).__name__}: {info.value}")
    message = str(info.value)
    missing = [w for w in words if w not in message]
    assert not missing, f"message lacks {missing}: {message!r}"
    assert "\n" not in message.strip(), f"message is not one line: {message!r}"


def _equal(a, b) -> bool:
    """Exact equality of nested results (floats, tuples, lists, arrays), NaN never equal."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_equal(u, v) for u, v in zip(a, b, strict=True))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and bool(np.all(a == b))
    return type(a) is type(b) and a == b


@pytest.mark.parametrize(("call", "reference"), SAME_CASES)
def test_converted_input_gives_the_same_answer(call, reference):
    """Other dtypes, byte orders, memory layouts and containers give the float64 answer."""
    got, want = call(), reference()
    assert _equal(got, want), f"{got!r} != {want!r}"
    assert _finite(got), f"non-finite answer {got!r}"


def _finite(a) -> bool:
    if isinstance(a, (tuple, list)):
        return all(_finite(v) for v in a)
    return bool(np.all(np.isfinite(np.asarray(a, dtype=float))))


def test_the_matrix_covers_every_entry_and_driver():
    """Every catalog id with a kernel, and every public driver, appears in the matrix."""
    ids = {p.id.split(".")[0].split(":")[0] for p in ERROR_CASES + SAME_CASES}
    assert set(META) <= ids, f"missing: {set(META) - ids}"
    drivers = {"gradient_descent", "gradient_ascent", "newton", "multistart",
               "linear_regression", "polynomial_regression", "logistic_regression",
               "slope_experiment", "classification_experiment", "two_clouds"}
    assert drivers <= ids, f"missing: {drivers - ids}"
