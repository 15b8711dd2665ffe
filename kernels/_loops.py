"""Generic compiled loops, bound to each catalog function by the generated modules.

Numba cannot cache a function whose arguments are other compiled functions, so every
generated module (``_generated/<id>.py``) defines small cached entry points —
``run_descent``, ``run_newton``, ``run_multistart`` — that call the loops below with that
entry's ``f_vec``, ``grad_into``, ``hess_into`` and ``in_domain_vec`` (a function of one
variable also has ``run_descent_scalar``, :func:`descend_scalar` on plain numbers, and its
``run_multistart`` binds ``_lanes.multistart_1d``, the starts as SIMD lanes).  The
generated files carry a hash of this file, so changing a loop here makes the drift test fail
until ``gradspec generate`` is run (which also invalidates Numba's cache of the bindings).

Every function here that takes compiled functions as arguments is ``inline="always"``
(Numba-IR inlining).  Without it, a binding passes each dispatcher to the loop as a pointer
to the Python object — a "dynamic global" — and Numba refuses to cache the binding
("Cannot cache compiled function … as it uses dynamic globals"); inlined, the calls become
direct calls to the generated functions and the binding caches.  ``multistart`` is
therefore compiled with the flags of its *caller*: its ``prange`` runs in parallel only when
the binding ``run_multistart`` is itself ``@jit(parallel=True)`` (otherwise it is a plain
serial ``range``, with the same results).

The contract (all arrays float64/int64, C-contiguous, owned by the caller):

``descend(f_vec, grad_into, hess_into, in_domain_vec, x, fparams, iparams, path, fout, iout)``
``newton(f_vec, grad_into, hess_into, in_domain_vec, x, fparams, iparams, path, fout, iout)``
``multistart(f_vec, grad_into, hess_into, in_domain_vec, starts, fparams, iparams, fout, iout)``

``x`` (k,) holds the start and receives the final point; ``path`` (rows, k) receives the
iterates when it has rows (row 0 the start, row i the point after i steps; rows past the
last step are left untouched); ``fparams``/``iparams`` carry the settings and
``fout``/``iout`` the results.  ``multistart`` takes ``starts`` (S, k), overwritten with the
end points, and ``fout`` (S, N_FOUT + k), ``iout`` (S, N_IOUT), one row per start.

Layouts (the indices below are the only place they are defined; the Python drivers import
them):

=========  ================  ==========================================================
array      index             meaning
=========  ================  ==========================================================
fparams    F_LR (0)          learning rate α (Newton: damping factor, 1.0 = plain Newton)
fparams    F_TOL (1)         tolerance, used by the stopping rules selected in I_STOP
fparams    F_SIGN (2)        +1.0 descent, −1.0 ascent (x ← x + α∇f)
fparams    F_MAX_ABS (3)     divergence threshold on max |xᵢ| (inf: only non-finite counts)
fparams    F_SING (4)        Newton: a pivot ≤ F_SING·max|Hᵢⱼ| counts as singular
iparams    I_NITER (0)       maximum number of steps
iparams    I_SCHEDULE (1)    SCHED_FIXED | SCHED_TIME | SCHED_GRADIENT
iparams    I_STOP (2)        bit STOP_GRAD: stop when ‖∇f‖₂ ≤ tol; bit STOP_STEP: when ‖Δx‖₂ ≤ tol
iparams    I_CHECK_VALUE (3) 1: refuse a candidate whose f is not finite as divergence (f
                             at every candidate; the loop of one variable screens it
                             first, ``descend_scalar``); 0: f only at the end
iparams    I_METHOD (4)      multistart only: METHOD_DESCENT | METHOD_NEWTON
iparams    I_TARGET (5)      Newton: TARGET_ANY (root of ∇f) | TARGET_MIN (H must be positive
                             definite) | TARGET_MAX (H must be negative definite)
iparams    I_NEGATE (6)      descent only: 1 descends on −f (its gradient −∇f is formed
                             explicitly; ascent "by flipping the function")
fout       O_VALUE (0)       f at the returned point
fout       O_GRAD_NORM (1)   ‖∇f‖₂ at the returned point
fout       O_STEP_NORM (2)   ‖Δx‖₂ of the last accepted step (0.0 when no step was taken)
fout       O_LR (3)          the last learning rate the schedule produced
fout       O_REJECTED (4:4+k) the refused point when a step diverged or left the domain
                             (nan otherwise)
iout       R_N_ITER (0)      accepted steps; the returned point is the iterate after them
iout       R_REASON (1)      reason code (``gradspec.kernels.reasons``)
iout       R_FAILED_AT (2)   the step (1-based) whose result was refused; −1 when none
                             (0: the start itself had a non-finite value or gradient)
iout       R_STATIONARY (3)  1 when ∇f(x0) = 0 exactly (a stationary start: nothing moves)
=========  ================  ==========================================================

Rules every loop keeps: the update is simultaneous (the new point is computed from the old
point and the old gradient in full before anything is evaluated at it); a candidate point
with a non-finite coordinate, a coordinate beyond F_MAX_ABS, a non-finite gradient (or
value, with I_CHECK_VALUE) is refused as *diverged*, one outside the domain as
*left_domain*, and the loop returns the last accepted point; no array is allocated inside
an iteration loop (work arrays are allocated once, before it).
"""

import math

import numpy as np
from numba import prange

from ._jit import jit
from .reasons import (
    CONVERGED,
    DIVERGED,
    INDEFINITE_HESSIAN,
    LEFT_DOMAIN,
    MAX_ITERATIONS,
    SINGULAR_HESSIAN,
)

# -- fparams -----------------------------------------------------------------------------
F_LR = 0
F_TOL = 1
F_SIGN = 2
F_MAX_ABS = 3
F_SING = 4
N_FPARAMS = 5

# -- iparams -----------------------------------------------------------------------------
I_NITER = 0
I_SCHEDULE = 1
I_STOP = 2
I_CHECK_VALUE = 3
I_METHOD = 4
I_TARGET = 5
I_NEGATE = 6
N_IPARAMS = 7

SCHED_FIXED = 0
SCHED_TIME = 1
SCHED_GRADIENT = 2

STOP_NONE = 0
STOP_GRAD = 1
STOP_STEP = 2

METHOD_DESCENT = 0
METHOD_NEWTON = 1

TARGET_ANY = 0
TARGET_MIN = 1
TARGET_MAX = 2

# -- fout --------------------------------------------------------------------------------
O_VALUE = 0
O_GRAD_NORM = 1
O_STEP_NORM = 2
O_LR = 3
O_REJECTED = 4
N_FOUT = 4  # plus k entries for the refused point

# -- iout --------------------------------------------------------------------------------
R_N_ITER = 0
R_REASON = 1
R_FAILED_AT = 2
R_STATIONARY = 3
N_IOUT = 4


#: The largest finite float64: ``abs(v) <= DBL_MAX`` is False exactly for inf and nan.
DBL_MAX = 1.7976931348623157e308

#: The value check of the scalar loop takes f as finite where its screening value s (within a
#: few ulp of f) has |s| ≤ SCREEN_MAX, and evaluates f itself anywhere else (``descend_scalar``).
#: 2^1000 is 2^23 below overflow: an ulp's difference in an exp or log cannot carry s across
#: it unless a cancellation amplifies it that much (tests/test_descend_1d.py samples for it).
SCREEN_MAX = 2.0 ** 1000

#: multistart hands each parallel task this many consecutive starts (work arrays are
#: allocated once per block, not per start).
BLOCK = 64



# -- small helpers (no function arguments: plain cached kernels) ---------------------------
@jit
def _norm2(v):
    """‖v‖₂ as sqrt(Σ vᵢ²) (inf when the sum overflows)."""
    s = 0.0
    for i in range(v.shape[0]):
        s += v[i] * v[i]
    return math.sqrt(s)


@jit
def _all_finite(v):
    for i in range(v.shape[0]):
        if not math.isfinite(v[i]):
            return False
    return True


@jit
def _candidate_status(v, max_abs):
    """DIVERGED when a coordinate of v is non-finite or beyond max_abs, else −1."""
    for i in range(v.shape[0]):
        if not math.isfinite(v[i]) or abs(v[i]) > max_abs:
            return DIVERGED
    return -1


@jit
def _step_norm(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        d = a[i] - b[i]
        s += d * d
    return math.sqrt(s)


@jit
def _learning_rate(schedule, alpha, it, n, gnorm):
    """The learning rate of step ``it`` (0-based) of at most ``n`` (see schedules.py)."""
    if schedule == SCHED_TIME:
        return alpha * (1.0 - it / n)
    if schedule == SCHED_GRADIENT:
        return alpha * gnorm
    return alpha


@jit
def _max_abs(H):
    """max |Hᵢⱼ| over a square matrix (0.0 when it is all zeros)."""
    scale = 0.0
    for i in range(H.shape[0]):
        for j in range(H.shape[1]):
            a = abs(H[i, j])
            if a > scale:
                scale = a
    return scale


@jit
def _lu_solve(H, d, sing):
    """Solve H·s = d in place (s returned in d) by Gaussian elimination, partial pivoting.

    H is overwritten.  Returns False when a pivot is ≤ sing·max|Hᵢⱼ| (singular to working
    precision) or H is all zeros.  For k = 1 the result is exactly d/H, i.e. f'/f''.
    """
    k = d.shape[0]
    scale = _max_abs(H)
    if scale == 0.0:
        return False
    thresh = sing * scale
    for c in range(k):
        p = c
        best = abs(H[c, c])
        for r in range(c + 1, k):
            if abs(H[r, c]) > best:
                best = abs(H[r, c])
                p = r
        if best <= thresh:
            return False
        if p != c:
            for j in range(c, k):
                t = H[c, j]
                H[c, j] = H[p, j]
                H[p, j] = t
            t = d[c]
            d[c] = d[p]
            d[p] = t
        for r in range(c + 1, k):
            m = H[r, c] / H[c, c]
            if m != 0.0:
                for j in range(c + 1, k):
                    H[r, j] -= m * H[c, j]
                d[r] -= m * d[c]
    for c in range(k - 1, -1, -1):
        s = d[c]
        for j in range(c + 1, k):
            s -= H[c, j] * d[j]
        d[c] = s / H[c, c]
    return True


@jit
def _definiteness(H, L, sign, sing):
    """Cholesky of sign·H into L's lower triangle: −1 if it succeeds (sign·H positive
    definite), SINGULAR_HESSIAN if a pivot is within sing·max|Hᵢⱼ| of zero, INDEFINITE_HESSIAN
    if a pivot is negative beyond that."""
    k = H.shape[0]
    scale = _max_abs(H)
    thresh = sing * scale
    for j in range(k):
        s = sign * H[j, j]
        for p in range(j):
            s -= L[j, p] * L[j, p]
        if s <= thresh:
            if s < -thresh:
                return INDEFINITE_HESSIAN
            return SINGULAR_HESSIAN
        L[j, j] = math.sqrt(s)
        for i in range(j + 1, k):
            t = sign * H[i, j]
            for p in range(j):
                t -= L[i, p] * L[j, p]
            L[i, j] = t / L[j, j]
    return -1


# -- the cores (shared by the single-run loops and multistart) ------------------------------
@jit(inline="always")
def _start(f_vec, grad_into, x, cur, g, check_value, negate, iout):
    """Copy x into cur, evaluate ∇f (−∇f when negate) and f; return (gnorm, value, reason
    or −1)."""
    for j in range(x.shape[0]):
        cur[j] = x[j]
    grad_into(cur, g)
    if negate:
        for j in range(g.shape[0]):
            g[j] = -g[j]
    gnorm = _norm2(g)
    value = f_vec(cur) if check_value else np.nan
    iout[R_STATIONARY] = 0
    if not _all_finite(g) or (check_value and not math.isfinite(value)):
        return gnorm, value, DIVERGED
    if gnorm == 0.0:
        iout[R_STATIONARY] = 1
        return gnorm, value, CONVERGED
    return gnorm, value, -1


@jit(inline="always")
def _settings(fparams, iparams):
    """(n, α, tol, check_value, stop_grad, stop_step): the settings every loop reads."""
    stop = iparams[I_STOP]
    return (iparams[I_NITER], fparams[F_LR], fparams[F_TOL], iparams[I_CHECK_VALUE] != 0,
            (stop & STOP_GRAD) != 0, (stop & STOP_STEP) != 0)


@jit(inline="always")
def _begin(f_vec, grad_into, x, cur, g, nxt, path, check_value, negate, stop_grad, tol, iout):
    """:func:`_start`, then x_0 into the path and no refused point yet; returns (gnorm,
    value, reason, failed_at) with reason −1 when the loop is to run."""
    gnorm, value, reason = _start(f_vec, grad_into, x, cur, g, check_value, negate, iout)
    _record(path, 0, cur)
    for j in range(nxt.shape[0]):
        nxt[j] = np.nan
    failed_at = -1
    if reason == DIVERGED:
        failed_at = 0
    elif reason == -1 and stop_grad and gnorm <= tol:
        reason = CONVERGED
    return gnorm, value, reason, failed_at


@jit(inline="always")
def _record(path, row, cur):
    """cur into ``path[row]`` when a path is kept (``path`` has rows)."""
    if path.shape[0] > 0:
        for j in range(cur.shape[0]):
            path[row, j] = cur[j]


@jit(inline="always")
def _checked_value(f_vec, nxt, value, bad, check_value):
    """(f at the candidate, status): with check_value and no fault yet, f(nxt), refused as
    DIVERGED when not finite; otherwise (value, bad) unchanged."""
    if bad < 0 and check_value:
        vn = f_vec(nxt)
        if not math.isfinite(vn):
            return vn, DIVERGED
        return vn, bad
    return value, bad


@jit(inline="always")
def _finish(f_vec, x, cur, nxt, gnorm, value, step, lr, n_iter, reason, failed_at,
            check_value, fout, iout):
    """Write the returned point and the outputs; nxt holds the refused point on failure."""
    k = x.shape[0]
    for j in range(k):
        x[j] = cur[j]
    if not check_value:
        value = f_vec(cur)
    fout[O_VALUE] = value
    fout[O_GRAD_NORM] = gnorm
    fout[O_STEP_NORM] = step
    fout[O_LR] = lr
    refused = reason == DIVERGED or reason == LEFT_DOMAIN
    for j in range(k):
        fout[O_REJECTED + j] = nxt[j] if (refused and failed_at > 0) else np.nan
    iout[R_N_ITER] = n_iter
    iout[R_REASON] = reason
    iout[R_FAILED_AT] = failed_at


@jit(inline="always")
def _descend_core(f_vec, grad_into, in_domain_vec, x, cur, g, nxt, gn, fparams, iparams,
                  path, fout, iout):
    """x_{t+1} = x_t − s·α_t·g_t with g_t = ∇f(x_t) (−∇f with I_NEGATE) and s = F_SIGN,
    refusing bad candidates; see the module docstring.

    Per step: the candidate and ‖Δx‖² in one pass, the domain test, the gradient with its
    finiteness, zero test and ‖g‖² in one pass, f if I_CHECK_VALUE; square roots only where a
    stopping rule or the gradient schedule needs them (and once at the end).
    """
    n, alpha, tol, check_value, stop_grad, stop_step = _settings(fparams, iparams)
    schedule = iparams[I_SCHEDULE]
    negate = iparams[I_NEGATE] != 0
    sign = fparams[F_SIGN]
    limit = min(fparams[F_MAX_ABS], DBL_MAX)  # |v| <= limit is False for inf and nan
    k = x.shape[0]

    gnorm, value, reason, failed_at = _begin(f_vec, grad_into, x, cur, g, nxt, path,
                                             check_value, negate, stop_grad, tol, iout)
    n_iter = 0
    step2 = 0.0
    lr = alpha
    if reason == -1:
        reason = MAX_ITERATIONS
        s = sign * alpha  # exactly α for plain descent: the lab's x − α·f'(x), bit for bit
        for it in range(n):
            if schedule != SCHED_FIXED:
                lr = _learning_rate(schedule, alpha, it, n, gnorm)
                s = sign * lr
            bad = -1
            d2 = 0.0
            for j in range(k):
                v = cur[j] - s * g[j]
                nxt[j] = v
                if not abs(v) <= limit:
                    bad = DIVERGED
                d = v - cur[j]
                d2 += d * d
            if bad < 0 and not in_domain_vec(nxt):
                bad = LEFT_DOMAIN
            zero = True
            g2 = 0.0
            if bad < 0:
                grad_into(nxt, gn)
                for j in range(k):
                    gj = -gn[j] if negate else gn[j]
                    gn[j] = gj
                    if not abs(gj) <= DBL_MAX:
                        bad = DIVERGED
                    if gj != 0.0:
                        zero = False
                    g2 += gj * gj
            vn, bad = _checked_value(f_vec, nxt, value, bad, check_value)
            if bad >= 0:
                reason = bad
                failed_at = it + 1
                break
            # accept: copy the candidate in and keep the previous point in nxt (copies, not
            # a swap of the array variables: rebinding arrays costs atomic reference counts)
            for j in range(k):
                t = cur[j]
                cur[j] = nxt[j]
                nxt[j] = t
                g[j] = gn[j]
            value = vn
            step2 = d2
            n_iter = it + 1
            _record(path, n_iter, cur)
            if zero:  # an exact stationary point: every further step is zero
                reason = CONVERGED
                break
            if stop_grad or schedule == SCHED_GRADIENT:
                gnorm = math.sqrt(g2)
                if stop_grad and gnorm <= tol:
                    reason = CONVERGED
                    break
            if stop_step and math.sqrt(d2) <= tol:
                reason = CONVERGED
                break
    _finish(f_vec, x, cur, nxt, _norm2(g), value, math.sqrt(step2), lr, n_iter, reason,
            failed_at, check_value, fout, iout)


@jit(inline="always")
def _newton_core(f_vec, grad_into, hess_into, in_domain_vec, x, cur, g, nxt, gn, H, L,
                 d, fparams, iparams, path, fout, iout):
    """x_{t+1} = x_t − α·H(x_t)⁻¹∇f(x_t) (α = F_LR, 1 for plain Newton); see module doc."""
    n, alpha, tol, check_value, stop_grad, stop_step = _settings(fparams, iparams)
    target = iparams[I_TARGET]
    max_abs = fparams[F_MAX_ABS]
    sing = fparams[F_SING]
    k = x.shape[0]

    gnorm, value, reason, failed_at = _begin(f_vec, grad_into, x, cur, g, nxt, path,
                                             check_value, False, stop_grad, tol, iout)
    n_iter = 0
    step = 0.0
    if reason == -1:
        reason = MAX_ITERATIONS
        for it in range(n):
            hess_into(cur, H)
            bad = -1
            for a in range(k):
                for b in range(k):
                    if not math.isfinite(H[a, b]):
                        bad = DIVERGED
            if bad < 0 and target != TARGET_ANY:
                bad = _definiteness(H, L, 1.0 if target == TARGET_MIN else -1.0, sing)
            if bad < 0:
                for j in range(k):
                    d[j] = g[j]
                if not _lu_solve(H, d, sing):
                    bad = SINGULAR_HESSIAN
            if bad >= 0:
                reason = bad
                failed_at = it + 1
                for j in range(k):
                    nxt[j] = np.nan
                break
            if alpha == 1.0:
                for j in range(k):
                    nxt[j] = cur[j] - d[j]  # 1-D: exactly x − f'(x)/f''(x)
            else:
                for j in range(k):
                    nxt[j] = cur[j] - alpha * d[j]
            bad = _candidate_status(nxt, max_abs)
            if bad < 0 and not in_domain_vec(nxt):
                bad = LEFT_DOMAIN
            if bad < 0:
                grad_into(nxt, gn)
                if not _all_finite(gn):
                    bad = DIVERGED
            vn, bad = _checked_value(f_vec, nxt, value, bad, check_value)
            if bad >= 0:
                reason = bad
                failed_at = it + 1
                break
            step = _step_norm(nxt, cur)
            cur, nxt = nxt, cur
            g, gn = gn, g
            gnorm = _norm2(g)
            value = vn
            n_iter = it + 1
            _record(path, n_iter, cur)
            if gnorm == 0.0:
                reason = CONVERGED
                break
            if stop_grad and gnorm <= tol:
                reason = CONVERGED
                break
            if stop_step and step <= tol:
                reason = CONVERGED
                break
    _finish(f_vec, x, cur, nxt, gnorm, value, step, alpha, n_iter, reason, failed_at,
            check_value, fout, iout)


# -- the entry points the generated modules bind ------------------------------------------
@jit(inline="always")
def descend(f_vec, grad_into, hess_into, in_domain_vec, x, fparams, iparams, path, fout, iout):
    """Gradient descent (or ascent, F_SIGN = −1) from x, in place; layouts in the module doc.

    x_{t+1} = x_t − s·α_t·∇f(x_t), every coordinate from the old point; with the fixed
    schedule and s = +1 each coordinate is computed as ``x - alpha * g``, the labs' exact
    floating-point operations.
    """
    k = x.shape[0]
    cur = np.empty(k)
    g = np.empty(k)
    nxt = np.empty(k)
    gn = np.empty(k)
    _descend_core(f_vec, grad_into, in_domain_vec, x, cur, g, nxt, gn, fparams, iparams,
                  path, fout, iout)


@jit(inline="always")
def _steps_1d(grad, fgs, f, in_domain, cur, g, gnorm, alpha, n, tol, sign, limit, schedule,
              stop_grad, stop_step, check_value, negate, record, path):
    """The step loop of :func:`descend_scalar` from an accepted point ``cur`` with gradient
    ``g``; returns (cur, g, nxt, step2, lr, n_iter, reason, failed_at).

    Called with literal options for the labs' run (fixed schedule, no stopping rule, no
    path, no negation), so that after inlining LLVM folds those tests away and the loop is
    x → ∇f(x) → next x plus the refusal tests; otherwise with the run's options.

    The value check screens f (see :func:`descend_scalar`): ``fgs`` gives f′ and a screening
    value s of f; only where |s| > SCREEN_MAX (or s is not finite) is f itself evaluated,
    and f decides.
    """
    n_iter = 0
    step2 = 0.0
    lr = alpha
    nxt = np.nan
    failed_at = -1
    reason = MAX_ITERATIONS
    s = sign * alpha  # exactly α for plain descent: the lab's x − α·f'(x), bit for bit
    for it in range(n):
        if schedule != SCHED_FIXED:
            lr = _learning_rate(schedule, alpha, it, n, gnorm)
            s = sign * lr
        v = cur - s * g
        nxt = v
        d = v - cur
        bad = -1
        gn = g
        if not abs(v) <= limit:
            bad = DIVERGED
        elif not in_domain(v):
            bad = LEFT_DOMAIN
        else:
            # with the value check, f′ and the screen of f in one pass (eˣ of eˣ − ln x and
            # eˣ − 1/x once)
            if check_value:
                sv, gn = fgs(v)
            else:
                sv, gn = 0.0, grad(v)
            if negate:
                gn = -gn
            if not abs(gn) <= DBL_MAX:
                bad = DIVERGED
            elif check_value and not abs(sv) <= SCREEN_MAX and not math.isfinite(f(v)):
                bad = DIVERGED
        if bad >= 0:
            reason = bad
            failed_at = it + 1
            break
        nxt = cur  # the previous point, as in the general loop
        cur = v
        g = gn
        step2 = d * d
        n_iter = it + 1
        if record:
            path[n_iter, 0] = cur
        if gn == 0.0:  # an exact stationary point: every further step is zero
            reason = CONVERGED
            break
        if stop_grad or schedule == SCHED_GRADIENT:
            gnorm = math.sqrt(gn * gn)
            if stop_grad and gnorm <= tol:
                reason = CONVERGED
                break
        if stop_step and math.sqrt(step2) <= tol:
            reason = CONVERGED
            break
    return cur, g, nxt, step2, lr, n_iter, reason, failed_at


@jit(inline="always")
def descend_scalar(f, grad, fg, fgs, in_domain, x0, alpha, n, tol, sign, max_abs, schedule,
                   stop, check_value, negate, path):
    """``descend`` for a function of one variable, on scalars: f, grad, in_domain take x,
    fg(x) = (f(x), f′(x)) (the generated ``value_grad``: their shared subexpressions once,
    the same bits), which checks the start, and fgs(x) = (s, f′(x)) with s a screening value
    of f (the generated ``value_grad_screen``, or ``value_grad`` itself), which the value
    check evaluates at every candidate.

    The value check refuses a candidate whose f is not finite.  It evaluates f′ and s
    together: s is f with the exp and log that f does not share with f′ evaluated by the
    branch-free ``_stable.exp``/``_stable.log`` (inline arithmetic, not two libm calls per
    step: the libm ``log`` of eˣ − ln x cost a fifth of a step), f′ exactly ``grad``'s bits.
    Those forms are within 1 ulp of libm's and agree with it on 0, ±inf, NaN and negative
    arguments, so s is within a few ulp of f.  Where |s| ≤ SCREEN_MAX (2^1000, 2^23 below
    overflow) f is taken as finite; anywhere else f itself is evaluated and decides.  The
    screen thus decides only whether f is evaluated; it could change an answer only if an
    ulp's difference in an exp or log were amplified 2^23-fold (cancellation of huge terms),
    which a test rules out over the double range for every screened function.  The check
    refuses the candidates that ``descend``'s, evaluating f at each, refuses, at the cost of
    a few arithmetic operations per step when nothing is wrong.

    The settings are the entries of fparams/iparams as arguments (α = F_LR, n = I_NITER,
    tol, sign, max_abs = F_MAX_ABS, schedule, stop = I_STOP bits, check_value, negate);
    ``path`` as in ``descend``.  Returns the outputs as one tuple::

        (x, value, grad_norm, step_norm, last_lr, rejected,
         n_iter, reason, failed_at, stationary)

    with the meanings of the fout/iout entries (module docstring); ``value`` is f at the
    returned point (the bits ``value_grad`` gives there).  The same floating-point
    operations, iterates, reasons and outputs as ``descend`` with k = 1 (a test compares
    every field), with the point, the gradient and the candidate held in registers: the work
    arrays of the general loop put a store and a load on the critical path of every step
    (x → ∇f(x) → next x), which cost more than the step's checks.  Taking and returning
    scalars also spares a short run the packing of parameter and output arrays.
    """
    limit = min(max_abs, DBL_MAX)  # |v| <= limit is False for inf and nan
    record = path.shape[0] > 0
    stop_grad = (stop & STOP_GRAD) != 0
    stop_step = (stop & STOP_STEP) != 0

    cur = x0
    if check_value:
        value, g = fg(cur)
    else:
        value, g = np.nan, grad(cur)
    if negate:
        g = -g
    gnorm = math.sqrt(g * g)
    stationary = 0
    reason = -1
    if not math.isfinite(g) or (check_value and not math.isfinite(value)):
        reason = DIVERGED
    elif gnorm == 0.0:
        stationary = 1
        reason = CONVERGED
    if record:
        path[0, 0] = cur
    nxt = np.nan
    n_iter = 0
    failed_at = -1
    step2 = 0.0
    lr = alpha
    if reason == DIVERGED:
        failed_at = 0
    elif reason == -1 and stop_grad and gnorm <= tol:
        reason = CONVERGED
    if reason == -1:
        if schedule == SCHED_FIXED and stop == STOP_NONE and not record and not negate:
            cur, g, nxt, step2, lr, n_iter, reason, failed_at = _steps_1d(
                grad, fgs, f, in_domain, cur, g, gnorm, alpha, n, tol, sign, limit,
                SCHED_FIXED, False, False, check_value, False, False, path)
        else:
            cur, g, nxt, step2, lr, n_iter, reason, failed_at = _steps_1d(
                grad, fgs, f, in_domain, cur, g, gnorm, alpha, n, tol, sign, limit,
                schedule, stop_grad, stop_step, check_value, negate, record, path)
    if n_iter > 0 or not check_value:
        value = f(cur)
    refused = reason == DIVERGED or reason == LEFT_DOMAIN
    rejected = nxt if (refused and failed_at > 0) else np.nan
    return (cur, value, math.sqrt(g * g), math.sqrt(step2), lr, rejected,
            n_iter, reason, failed_at, stationary)


@jit(inline="always")
def descend_1d(f, grad, fg, fgs, in_domain, x, fparams, iparams, path, fout, iout):
    """:func:`descend_scalar` under the array contract of ``descend`` (x, fparams, iparams
    in; x, fout, iout out): what ``run_descent`` and multistart run for one variable."""
    (x[0], fout[O_VALUE], fout[O_GRAD_NORM], fout[O_STEP_NORM], fout[O_LR], fout[O_REJECTED],
     iout[R_N_ITER], iout[R_REASON], iout[R_FAILED_AT], iout[R_STATIONARY]) = descend_scalar(
        f, grad, fg, fgs, in_domain, x[0], fparams[F_LR], iparams[I_NITER], fparams[F_TOL],
        fparams[F_SIGN], fparams[F_MAX_ABS], iparams[I_SCHEDULE], iparams[I_STOP],
        iparams[I_CHECK_VALUE] != 0, iparams[I_NEGATE] != 0, path)


@jit(inline="always")
def newton(f_vec, grad_into, hess_into, in_domain_vec, x, fparams, iparams, path, fout, iout):
    """Newton's method x_{t+1} = x_t − H⁻¹∇f from x, in place; layouts in the module doc.

    The k×k system H·s = ∇f is solved by Gaussian elimination with partial pivoting in
    preallocated work arrays; with I_TARGET = TARGET_MIN (MAX) a Cholesky factorisation of
    H (−H) first checks that the Hessian is positive (negative) definite.
    """
    k = x.shape[0]
    cur = np.empty(k)
    g = np.empty(k)
    nxt = np.empty(k)
    gn = np.empty(k)
    H = np.empty((k, k))
    L = np.zeros((k, k))
    d = np.empty(k)
    _newton_core(f_vec, grad_into, hess_into, in_domain_vec, x, cur, g, nxt, gn, H, L, d,
                 fparams, iparams, path, fout, iout)


@jit(parallel=True, inline="always")
def multistart(f_vec, grad_into, hess_into, in_domain_vec, starts, fparams, iparams, fout, iout):
    """Descent (I_METHOD = METHOD_DESCENT) or Newton from every row of starts, in parallel.

    One ``prange`` over blocks of BLOCK consecutive starts; each block allocates its work
    arrays once and runs the same core as ``descend``/``newton`` on each of its starts, so a
    start's end point is bit-identical to a single run from it.
    """
    S = starts.shape[0]
    k = starts.shape[1]
    nblocks = (S + BLOCK - 1) // BLOCK
    method = iparams[I_METHOD]
    for b in prange(nblocks):
        cur = np.empty(k)
        g = np.empty(k)
        nxt = np.empty(k)
        gn = np.empty(k)
        H = np.empty((k, k))
        L = np.zeros((k, k))
        d = np.empty(k)
        path = np.empty((0, k))
        hi = min(S, (b + 1) * BLOCK)
        for s in range(b * BLOCK, hi):
            if method == METHOD_NEWTON:
                _newton_core(f_vec, grad_into, hess_into, in_domain_vec, starts[s], cur, g,
                             nxt, gn, H, L, d, fparams, iparams, path, fout[s], iout[s])
            else:
                _descend_core(f_vec, grad_into, in_domain_vec, starts[s], cur, g, nxt, gn,
                              fparams, iparams, path, fout[s], iout[s])
