"""Multistart of a function of one variable: the starts in step, as SIMD lanes.

``multistart_1d`` is what the generated ``run_multistart`` of a one-variable function binds
(Newton, and functions of several variables, run ``_loops.multistart``: each start's
single-run loop).  Descent and ascent take blocks of LANES consecutive starts, hold their
state as a structure of arrays (point, gradient, last ‖Δx‖², state, last iteration: one
array each, in L1) and advance all of them one iteration at a time by two loops over the
lanes without a branch (:func:`_lanes_step`: the candidates and ∇f there, then the masked
decisions), which LLVM turns into SIMD code when ``grad`` and ``fg`` are plain arithmetic:
the generated ``grad_lanes``/``value_grad_lanes``, whose exp and log are the branch-free ones
of ``_stable`` with their constants held in registers (``exp_lanes``/``log_lanes``).  A lane
that stops (converged, refused, diverged) is masked, not branched around; a block ends when
every lane has stopped or after I_NITER iterations.  Every lane does the floating-point
operations of ``_loops.descend_1d`` with the same f, f′ and (f, f′) and reports the same
iterates, reasons and outputs (a test compares every field); the layouts of
fparams/iparams/fout/iout are ``_loops``'s.

Like ``_loops``, every function that takes compiled functions is ``inline="always"`` (so the
binding caches), and the ``prange`` over tasks is parallel only when the binding is
``@jit(parallel=True)``.
"""

import math

import numpy as np
from numba import prange, types
from numba.extending import intrinsic

from ._jit import jit
from ._loops import (
    DBL_MAX,
    F_LR,
    F_MAX_ABS,
    F_SIGN,
    F_TOL,
    I_CHECK_VALUE,
    I_METHOD,
    I_NEGATE,
    I_NITER,
    I_SCHEDULE,
    I_STOP,
    METHOD_NEWTON,
    O_GRAD_NORM,
    O_LR,
    O_REJECTED,
    O_STEP_NORM,
    O_VALUE,
    R_FAILED_AT,
    R_N_ITER,
    R_REASON,
    R_STATIONARY,
    SCHED_FIXED,
    SCHED_GRADIENT,
    STOP_GRAD,
    STOP_STEP,
    _learning_rate,
    multistart,
)
from .reasons import CONVERGED, DIVERGED, LEFT_DOMAIN, MAX_ITERATIONS

#: multistart_1d advances this many starts in step (its thirteen work arrays, 26 KB, stay in
#: L1) in at most TASKS parallel tasks (each takes every TASKS-th block, so that slow regions
#: of the starts are shared out; the work arrays are allocated once per task).
LANES = 256
TASKS = 64

# A lane's state is held in float64 arrays only — the reason codes and iteration numbers too
# (small integers, exact) — so that the whole state is one allocation at constant offsets
# (LLVM sees that no two arrays overlap, with no run-time check) and every select and store
# of a step has the width of a double.  State: −1.0 while the lane runs, else its reason.
_RUNNING = -1.0
_CONVERGED = float(CONVERGED)
_DIVERGED = float(DIVERGED)
_LEFT_DOMAIN = float(LEFT_DOMAIN)
#: The arrays of one state set: the point, the gradient (−∇f with I_NEGATE), ‖Δx‖² of the
#: last accepted step, the state, the last iteration the lane ran (−1: none).
N_STATE = 5


@intrinsic
def _select(typingctx, cond, a, b):
    """``a if cond else b`` as one LLVM ``select``: both sides are already computed, and no
    branch is left for LLVM to turn into a masked (predicated) load or store — slow on some
    CPUs and, for a store, needing the vectoriser to prove more."""
    out = typingctx.unify_types(a, b)
    if out is None:
        return None

    def codegen(context, builder, sig, args):
        c = context.cast(builder, args[0], sig.args[0], types.boolean)
        x = context.cast(builder, args[1], sig.args[1], sig.return_type)
        y = context.cast(builder, args[2], sig.args[2], sig.return_type)
        return builder.select(c, x, y)

    return out(cond, a, b), codegen


@jit
def _sqrt_threshold(tol):
    """The largest t ≥ 0 with sqrt(t) ≤ tol (−1.0 when none: tol < 0 or NaN).

    sqrt is correctly rounded and monotonic, so for every square a (a ≥ 0 or NaN)
    ``a <= t`` is exactly ``math.sqrt(a) <= tol``: the stopping rules of ``descend_1d``
    without a square root per point.  t starts at tol² (within an ulp or two of the answer)
    and moves one float at a time (the bit pattern of a float ≥ 0 counts up with it).
    """
    if not tol >= 0.0:
        return -1.0
    if tol == np.inf:
        return np.inf
    t = min(tol * tol, DBL_MAX)
    while t > 0.0 and math.sqrt(t) > tol:
        t = np.int64(np.float64(t).view(np.int64) - 1).view(np.float64)
    while t < DBL_MAX:
        u = np.int64(np.float64(t).view(np.int64) + 1).view(np.float64)
        if math.sqrt(u) > tol:
            break
        t = u
    return t


@jit(inline="always")
def _lane_eval(grad, fg, x, negate, check):
    """∇f at x (−∇f with ``negate``) and whether it — and f, when ``check`` — is finite.

    ``check`` is a constant at each call: one copy evaluates f′ alone, the other (f, f′) in
    one pass (their common subexpressions once).  Returns (g, finite).
    """
    if check:
        v, g = fg(x)
        fine = abs(v) <= DBL_MAX
    else:
        g = grad(x)
        fine = True
    g = _select(negate, -g, g)
    return g, (abs(g) <= DBL_MAX) & fine


@jit(inline="always")
def _lanes_begin(grad, fg, starts, lo, m, a, lrs, alpha, negate, t_grad, stop_grad, check):
    """Load starts ``lo … lo + m − 1`` into the lanes and evaluate ∇f (and f) there: the
    checks of ``descend_1d`` before its loop, as per-lane states."""
    cur, g, step2, state, last = a
    for j in range(m):
        c = starts[lo + j, 0]
        gj, ok = _lane_eval(grad, fg, c, negate, check)
        g2 = gj * gj
        # ‖g‖ = 0 (an exact stationary point, or ‖g‖² below the smallest float), or ‖g‖ ≤ tol
        conv = (g2 == 0.0) | (stop_grad & (g2 <= t_grad))
        cur[j] = c
        g[j] = gj
        step2[j] = 0.0
        state[j] = _select(ok, _select(conv, _CONVERGED, _RUNNING), _DIVERGED)
        last[j] = -1.0
        lrs[j] = alpha


@jit(inline="always")
def _lanes_step(grad, fg, in_domain, m, it, a, b, lrs, cand, sign, limit, negate, t_grad,
                stop_grad, stop_step, check):
    """Iteration ``it`` of every lane, from the state set a into b, masked: no branch, so
    LLVM vectorises it.

    The arithmetic of one iteration of ``descend_1d``, evaluated for every lane; a lane that
    is not running keeps everything, a refused candidate keeps the point and records the
    reason (the first of: a coordinate beyond the limit or not finite → DIVERGED, outside the
    domain → LEFT_DOMAIN, ∇f (or f) not finite → DIVERGED).  ``check`` is a constant at each
    call, so each copy evaluates f′ alone or (f, f′) in one pass.  Returns how many lanes are
    still running.

    Two loops over the lanes: the first evaluates the candidates and ∇f there into ``cand``
    (∇f as NaN where f is not finite: refused the same way), the second decides and writes
    the new state.  In one loop, each lane's decisions wait at the end of the long chain of
    dependent operations of exp and log, and the instructions of little more than one lane
    group fit in the processor's window; split, each loop's body is short enough for the
    window to hold several groups, and the second has no long chain at all.
    """
    cur, g, step2, state, last = a
    cur_b, g_b, step2_b, state_b, last_b = b
    vs, gs = cand
    for j in range(m):
        v = cur[j] - (sign * lrs[j]) * g[j]
        gn, fine = _lane_eval(grad, fg, v, negate, check)
        vs[j] = v
        gs[j] = _select(fine, gn, np.nan)
    itf = np.float64(it)
    running = 0
    for j in range(m):
        c = cur[j]
        gj = g[j]
        st = state[j]
        run = st < 0.0
        v = vs[j]
        gn = gs[j]
        d = v - c
        d2 = d * d
        inside = abs(v) <= limit
        dom = in_domain(v)
        ok = inside & dom & (abs(gn) <= DBL_MAX)
        why = _select(inside & (not dom), _LEFT_DOMAIN, _DIVERGED)
        g2 = gn * gn
        conv = (gn == 0.0) | (stop_grad & (g2 <= t_grad)) | (stop_step & (d2 <= t_grad))
        take = run & ok
        cur_b[j] = _select(take, v, c)
        g_b[j] = _select(take, gn, gj)
        step2_b[j] = _select(take, d2, step2[j])
        st = _select(run, _select(ok, _select(conv, _CONVERGED, _RUNNING), why), st)
        state_b[j] = st
        last_b[j] = _select(run, itf, last[j])
        running += st < 0.0
    return running


@jit(inline="always")
def _lanes_steps(grad, fg, in_domain, m, n, a, b, lrs, cand, schedule, alpha, sign, limit,
                 negate, t_grad, stop_grad, stop_step, check):
    """Up to n iterations of the lanes, alternating between the two state sets (each step
    reads one and writes the other: a step writing "the new value, or the old one where the
    lane is masked" into the array it read would be a masked store, several times slower on
    some CPUs), until no lane runs; returns True when the state ends in b."""
    in_b = False
    for it in range(n):
        if schedule != SCHED_FIXED:
            state = b[3] if in_b else a[3]
            g = b[1] if in_b else a[1]
            lr = _learning_rate(schedule, alpha, it, n, 0.0)
            for j in range(m):
                if schedule == SCHED_GRADIENT:
                    lr = alpha * math.sqrt(g[j] * g[j])
                lrs[j] = _select(state[j] < 0.0, lr, lrs[j])
        if in_b:
            running = _lanes_step(grad, fg, in_domain, m, it, b, a, lrs, cand, sign, limit,
                                  negate, t_grad, stop_grad, stop_step, check)
        else:
            running = _lanes_step(grad, fg, in_domain, m, it, a, b, lrs, cand, sign, limit,
                                  negate, t_grad, stop_grad, stop_step, check)
        in_b = not in_b
        if running == 0:
            break
    return in_b


@jit(inline="always")
def _lanes_finish(f, starts, lo, m, a, spare, lrs, sign, fout, iout):
    """Write the lanes' end points and outputs (the fields ``descend_1d`` writes).

    f at the end points is evaluated here, in a loop of its own (SIMD, into ``spare``): it is
    the value the last accepted step computed, so the steps need not carry it.  The refused
    candidate is recomputed the same way, from the kept point, gradient and learning rate.
    """
    cur, g, step2, state, last = a
    for j in range(m):
        spare[j] = f(cur[j])
    for j in range(m):
        s = lo + j
        st = state[j]
        reason = MAX_ITERATIONS if st < 0.0 else np.int64(st)
        it = np.int64(last[j])
        bad = reason == DIVERGED or reason == LEFT_DOMAIN
        if it < 0:
            n_iter = 0
            failed_at = 0 if reason == DIVERGED else -1
        elif bad:
            n_iter = it
            failed_at = it + 1
        else:
            n_iter = it + 1
            failed_at = -1
        c = cur[j]
        gj = g[j]
        starts[s, 0] = c
        fout[s, O_VALUE] = spare[j]
        fout[s, O_GRAD_NORM] = math.sqrt(gj * gj)
        fout[s, O_STEP_NORM] = math.sqrt(step2[j])
        fout[s, O_LR] = lrs[j]
        fout[s, O_REJECTED] = c - (sign * lrs[j]) * gj if (bad and failed_at > 0) else np.nan
        iout[s, R_N_ITER] = n_iter
        iout[s, R_REASON] = reason
        iout[s, R_FAILED_AT] = failed_at
        iout[s, R_STATIONARY] = 1 if (it < 0 and reason == CONVERGED and gj * gj == 0.0) else 0


@jit(parallel=True, inline="always")
def multistart_1d(f, grad, fg, f_vec, grad_into, hess_into, in_domain, in_domain_vec, starts,
                  fparams, iparams, fout, iout):
    """``_loops.multistart`` for a function of one variable: descent and ascent run the
    starts in step as SIMD lanes (module docstring); Newton runs the general loop.

    ``f``, ``grad`` and ``fg`` take x (``fg``: (f, f′) in one pass); the array forms are for
    the general loop.
    """
    if iparams[I_METHOD] == METHOD_NEWTON:
        multistart(f_vec, grad_into, hess_into, in_domain_vec, starts, fparams, iparams, fout,
                   iout)
        return
    n = iparams[I_NITER]
    schedule = iparams[I_SCHEDULE]
    stop = iparams[I_STOP]
    check = iparams[I_CHECK_VALUE] != 0
    negate = iparams[I_NEGATE] != 0
    alpha = fparams[F_LR]
    sign = fparams[F_SIGN]
    limit = min(fparams[F_MAX_ABS], DBL_MAX)  # |v| <= limit is False for inf and nan
    t_grad = _sqrt_threshold(fparams[F_TOL])
    stop_grad = (stop & STOP_GRAD) != 0
    stop_step = (stop & STOP_STEP) != 0
    S = starts.shape[0]
    nblocks = (S + LANES - 1) // LANES
    ntasks = min(nblocks, TASKS)
    for task in prange(ntasks):
        # One allocation per task, the lanes' arrays views into it at constant offsets: LLVM
        # sees that they do not overlap (separate allocations would need a run-time aliasing
        # check per pair of arrays, more than LLVM generates before it gives up).
        w = np.empty((2 * N_STATE + 3) * LANES)
        a = (w[0:LANES], w[LANES:2 * LANES], w[2 * LANES:3 * LANES],
             w[3 * LANES:4 * LANES], w[4 * LANES:5 * LANES])
        b = (w[5 * LANES:6 * LANES], w[6 * LANES:7 * LANES], w[7 * LANES:8 * LANES],
             w[8 * LANES:9 * LANES], w[9 * LANES:10 * LANES])
        lrs = w[10 * LANES:11 * LANES]
        cand = (w[11 * LANES:12 * LANES], w[12 * LANES:13 * LANES])
        for blk in range(task, nblocks, ntasks):  # interleaved: neighbouring starts may be slow
            lo = blk * LANES
            m = min(LANES, S - lo)
            _lanes_begin(grad, fg, starts, lo, m, a, lrs, alpha, negate, t_grad, stop_grad,
                         check)
            running = 0
            for j in range(m):
                running += a[3][j] < 0.0
            # check_value as a constant, so that each copy of the step is branch-free
            if running == 0:
                in_b = False
            elif check:
                in_b = _lanes_steps(grad, fg, in_domain, m, n, a, b, lrs, cand, schedule,
                                    alpha, sign, limit, negate, t_grad, stop_grad, stop_step,
                                    True)
            else:
                in_b = _lanes_steps(grad, fg, in_domain, m, n, a, b, lrs, cand, schedule,
                                    alpha, sign, limit, negate, t_grad, stop_grad, stop_step,
                                    False)
            if in_b:
                _lanes_finish(f, starts, lo, m, b, a[0], lrs, sign, fout, iout)
            else:
                _lanes_finish(f, starts, lo, m, a, b[0], lrs, sign, fout, iout)
