"""Packing validated settings into the compiled loops' arrays, and unpacking their results.

The layouts are defined once, in :mod:`gradspec.kernels._loops`; this module only fills and
reads them.  Nothing here validates: the drivers call :mod:`gradspec.kernels.validate` first.
"""

from __future__ import annotations

import math

import numpy as np

from . import _loops as L
from . import progress as progress_module
from . import schedules, validate
from .progress import run_in_slices

STOP_BITS = {"either": L.STOP_GRAD | L.STOP_STEP, "gradient": L.STOP_GRAD, "step": L.STOP_STEP}
TARGETS = {"any": L.TARGET_ANY, "min": L.TARGET_MIN, "max": L.TARGET_MAX}

#: Newton's singularity test: a pivot ≤ SINGULAR_RTOL·max|Hᵢⱼ| is treated as zero.  1e-13 is
#: about 450 ulp: a Hessian that close to singular gives a step with no correct digits.
SINGULAR_RTOL = 1e-13


def _stop_bits(tol: float | None, stop_on: str) -> int:
    return L.STOP_NONE if tol is None else STOP_BITS[stop_on]


def pack(*, learning_rate: float, num_iterations: int, tol: float | None, stop_on: str,
         sign: float = 1.0, schedule: int = L.SCHED_FIXED, check_value: bool = True,
         divergence_threshold: float = math.inf, method: int = L.METHOD_DESCENT,
         target: str = "any", negate: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(fparams, iparams) for the compiled loops (index order: see ``_loops``)."""
    f = [0.0] * L.N_FPARAMS
    f[L.F_LR] = learning_rate
    f[L.F_TOL] = 0.0 if tol is None else tol
    f[L.F_SIGN] = sign
    f[L.F_MAX_ABS] = divergence_threshold
    f[L.F_SING] = SINGULAR_RTOL
    i = [0] * L.N_IPARAMS
    i[L.I_NITER] = num_iterations
    i[L.I_SCHEDULE] = schedule
    i[L.I_STOP] = _stop_bits(tol, stop_on)
    i[L.I_CHECK_VALUE] = 1 if check_value else 0
    i[L.I_METHOD] = method
    i[L.I_TARGET] = TARGETS[target]
    i[L.I_NEGATE] = 1 if negate else 0
    return np.array(f, dtype=np.float64), np.array(i, dtype=np.int64)


def pack_options(opts: validate.RunOptions, *, sign: float = 1.0,
                 negate: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """:func:`pack` of a driver's validated options; ``sign`` −1 steps uphill (ascent)."""
    return pack(
        learning_rate=opts.learning_rate, num_iterations=opts.num_iterations, tol=opts.tol,
        stop_on=opts.stop_on, sign=sign, schedule=schedules.code(opts.schedule),
        check_value=opts.check_value,
        divergence_threshold=opts.divergence_threshold, target=opts.target, negate=negate,
        method=L.METHOD_NEWTON if opts.method == "newton" else L.METHOD_DESCENT,
    )


#: The path argument of a run without history (no rows: the loops write nothing into it).
_NO_PATH = np.empty((0, 1))


def one_call(total: int, sliceable: bool, progress: bool) -> bool:
    """True when a run of ``total`` iterations is one compiled call rather than slices.

    Slicing is for Ctrl-C and the progress bar; a run of at most
    :data:`~gradspec.kernels.progress.ONE_CALL` iterations ends within milliseconds, where
    the signal handler and slice bookkeeping (tens of µs) would cost more than they give.
    The ``"time"`` schedule (``sliceable`` False) depends on the total and is never sliced.
    """
    return not sliceable or (total <= progress_module.ONE_CALL and not progress)


def run_one(module, opts: validate.RunOptions, *, where: str, desc: str, sign: float = 1.0,
            negate: bool = False) -> tuple[tuple, np.ndarray | None]:
    """One run of the generated ``module``'s descent loop (Newton's for ``opts.method ==
    "newton"``) from ``opts.start``, overwritten with the end point; its outputs (as
    :func:`unpack` gives them) and the path array (None without history).

    ``sign`` −1 steps uphill (ascent); ``negate`` descends on −f.  A long run goes in slices
    (:func:`run_sliced`); a short descent of one variable is one call of
    ``run_descent_scalar``, which takes and returns plain numbers.
    """
    x = opts.start
    k = x.shape[0]
    newton = opts.method == "newton"
    history = opts.history
    if history:
        path = validate.allocate((opts.num_iterations + 1, k), where, "history=True")
    else:
        path = _NO_PATH if k == 1 else np.empty((0, k))
    schedule = opts.schedule
    sliceable = schedule != "time"
    if k == 1 and not newton and one_call(opts.num_iterations, sliceable, opts.progress):
        tol = opts.tol
        out = module.run_descent_scalar(
            x.item(0), opts.learning_rate, opts.num_iterations, 0.0 if tol is None else tol,
            sign, opts.divergence_threshold, schedules.SCHEDULES[schedule],
            _stop_bits(tol, opts.stop_on), opts.check_value, negate, path)
        x[0] = out[0]
        return out, path if history else None
    fparams, iparams = pack_options(opts, sign=sign, negate=negate)
    fout, iout = outputs(k)
    run_sliced(module.run_newton if newton else module.run_descent, x, fparams, iparams, path,
               fout, iout, sliceable=sliceable, progress=opts.progress, desc=desc)
    return unpack(x, fout, iout), path if opts.history else None


def outputs(k: int, starts: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(fout, iout) for one run (``starts=None``) or one row per start.

    Uninitialised: the loops write every entry (``_finish`` and ``_start``).
    """
    if starts is None:
        return np.empty(L.N_FOUT + k), np.empty(L.N_IOUT, dtype=np.int64)
    return np.empty((starts, L.N_FOUT + k)), np.empty((starts, L.N_IOUT), dtype=np.int64)


def unpack(x: np.ndarray, fout: np.ndarray, iout: np.ndarray) -> tuple:
    """The outputs of one run from the loop's arrays, as ``_loops.descend_scalar`` returns
    them: (x, value, grad_norm, step_norm, last learning rate, rejected, n_iter, reason
    code, failed_at, stationary), x and rejected a float (k = 1) or a tuple."""
    k = x.shape[0]
    fo = fout.tolist()
    xs = x.tolist()
    rejected = fo[L.O_REJECTED:L.O_REJECTED + k]
    return (xs[0] if k == 1 else tuple(xs), fo[L.O_VALUE], fo[L.O_GRAD_NORM],
            fo[L.O_STEP_NORM], fo[L.O_LR], rejected[0] if k == 1 else tuple(rejected),
            *iout.tolist())


def run_sliced(run, x, fparams, iparams, path, fout, iout, *, sliceable: bool, progress: bool,
               desc: str) -> None:
    """``run(x, fparams, iparams, path, fout, iout)`` (a bound descent or Newton loop) in slices
    of iterations (:mod:`gradspec.kernels.progress`), with the outputs of one whole run.

    Each slice resumes from the point the last returned; its counts are offset by the steps
    taken before it.  Ctrl-C between slices ends the run with reason ``INTERRUPTED``.  A loop
    whose step depends on the total (``sliceable`` False: the ``"time"`` schedule) runs in one
    call.
    """
    total = int(iparams[L.I_NITER])
    if one_call(total, sliceable=sliceable, progress=progress):
        run(x, fparams, iparams, path, fout, iout)
        return
    record = path.shape[0] > 0
    first = {"stationary": 0, "step_norm": 0.0, "failed_at": -1}

    def run_slice(done, size):
        iparams[L.I_NITER] = size
        run(x, fparams, iparams, path[done:] if record else path, fout, iout)
        n_iter, code, failed_at, stationary = (int(v) for v in iout)
        if done == 0:
            first["stationary"] = stationary
        if n_iter:  # a slice that takes no step keeps the last step's norm
            first["step_norm"] = fout[L.O_STEP_NORM]
        first["failed_at"] = failed_at + done if failed_at > 0 else failed_at
        return n_iter, code

    done, code = run_in_slices(total, progress, desc, run_slice)
    iparams[L.I_NITER] = total
    fout[L.O_STEP_NORM] = first["step_norm"]
    iout[L.R_N_ITER] = done
    iout[L.R_REASON] = code
    iout[L.R_FAILED_AT] = first["failed_at"]
    iout[L.R_STATIONARY] = first["stationary"]
