"""Many starting points at once (seed 004: "Retraining with Different Initializations").

Every start runs the rules of a single run — gradient descent, ascent or Newton — inside one
``prange`` kernel.  For a function of one variable, descent and ascent run the starts in step
as SIMD lanes (``_lanes.multistart_1d``: blocks of starts held as a structure of arrays,
finished starts masked rather than branched around), with f and f′ evaluated by the generated
``grad_lanes``/``value_grad_lanes``, whose exp and log are the branch-free, vectorisable forms of
``kernels/_stable.py`` (within 1 ulp of libm's) instead of libm's scalar calls.  Where the
iteration contracts, a start's end point is within 2 ulp of ``gradient_descent``'s from it,
with the same reason (tested over 60,000 runs); on a path through a badly conditioned region
the 1-ulp differences grow as any rounding difference would (eˣ − ln x from x0 ≈ 3.58, whose
first step lands near 0: 1025 ulp after 25 steps; a chaotic path may end elsewhere), and a
rule decided by the last bit (an exactly zero gradient) may decide differently.  Functions
without exp or log are bit-identical.
``gradient_descent`` itself keeps libm's exp and log, which reproduce the documents' printed
results bit for bit; a single run gains nothing from SIMD.  Newton, and functions of several
variables, run each start's single-run loop (``_loops.multistart``): bit-identical.

The end points of the runs that did not fail are then grouped into distinct points (greedy
clustering within ``cluster_radius``, best value first) and each is classified by its Hessian.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numba import types
from numba.typed import Dict

from . import _loops as L
from . import _params, validate
from ._jit import jit
from .progress import FIRST_SLICE, Slices
from .reasons import ALL, CONVERGED, INTERRUPTED, MAX_ITERATIONS
from .results import Cluster, MultistartResult, as_point
from .stationary import hessian_kind

#: Reason code → Reason, as an object array so that indexing it with a million codes is cheap.
_REASON_NAMES = np.empty(len(ALL), dtype=object)
_REASON_NAMES[:] = ALL


#: Cell coordinates are clamped to ±2⁵² (beyond it consecutive floats are more than one cell
#: apart, so far-away points are merged only with points in the very same cell).
_CELL_LIMIT = 2.0**52
#: The cell hash works modulo this prime with every intermediate below 2⁶³: no integer
#: overflow (signed overflow is undefined behaviour for LLVM, and did break an earlier,
#: overflowing hash).  Collisions only cost extra distance checks.
_HASH_PRIME = 2147483647


@jit
def _cell_key(p, radius, offset_code, k):
    """Hash of the grid cell (side ``radius``) of point p shifted by the offset encoded in
    base 3 by ``offset_code`` (digit 0, 1, 2 → −1, 0, +1 per coordinate)."""
    key = 0
    code = offset_code
    for j in range(k):
        c = math.floor(p[j] / radius)
        c = min(max(c, -_CELL_LIMIT), _CELL_LIMIT) + ((code % 3) - 1)
        code //= 3
        c -= _HASH_PRIME * math.floor(c / _HASH_PRIME)  # |c| < 2³³ afterwards
        key = (key * 1000003 + np.int64(c)) % _HASH_PRIME
    return key


@jit
def _within(p, q, r2):
    """‖p − q‖₂² ≤ r2."""
    d2 = 0.0
    for j in range(p.shape[0]):
        d = p[j] - q[j]
        d2 += d * d
    return d2 <= r2


@jit
def _cluster(points, ok, order, radius, labels, reps, counts):
    """Greedy clustering of the rows of ``points`` taken in ``order`` (best value first).

    A row joins the first cluster whose representative is within ``radius`` (Euclidean),
    else it founds a new cluster and is its representative.  Representatives are found
    through a hash of grid cells of side ``radius``: a representative within ``radius`` lies
    in one of the 3ᵏ cells around the row's cell, so each row costs O(3ᵏ) look-ups, not one
    per cluster.  Rows with ``ok`` False get label −1.  Returns the number of clusters;
    ``reps[c]`` is the row of cluster c's representative, ``counts[c]`` its size.
    """
    k = points.shape[1]
    r2 = radius * radius
    heads = Dict.empty(key_type=types.int64, value_type=types.int64)
    chain = np.empty(points.shape[0], dtype=np.int64)  # next representative in a cell's list
    centre = 0
    for _ in range(k):
        centre = centre * 3 + 1  # the offset code of (0, …, 0)
    n_offsets = 3**k
    nc = 0
    last = -1
    for idx in range(order.shape[0]):
        i = order[idx]
        if not ok[i]:
            labels[i] = -1
            continue
        p = points[i]
        found = -1
        if last >= 0 and _within(p, points[reps[last]], r2):
            found = last  # rows in value order often repeat the previous row's cluster
        for off in range(n_offsets if found < 0 else 0):
            key = _cell_key(p, radius, off, k)
            c = heads[key] if key in heads else -1
            while c >= 0:
                if _within(p, points[reps[c]], r2):
                    found = c
                    break
                c = chain[c]
            if found >= 0:
                break
        if found < 0:
            found = nc
            reps[nc] = i
            counts[nc] = 0
            key = _cell_key(p, radius, centre, k)
            chain[nc] = heads[key] if key in heads else -1
            heads[key] = nc
            nc += 1
        labels[i] = found
        counts[found] += 1
        last = found
    return nc


@jit
def _first_cluster(points, key, ok, r2, labels):
    """The best row (least ``key`` among the ``ok`` rows, NaN last, the first on ties: the
    head of the stable value order) and every ``ok`` row within √r2 of it, labelled 0.
    Returns (best row or −1, the cluster's size)."""
    best = -1
    for i in range(points.shape[0]):
        if ok[i] and (best < 0 or key[i] < key[best] or (key[best] != key[best]
                                                           and key[i] == key[i])):
            best = i
    count = 0
    if best >= 0:
        p = points[best]
        for i in range(points.shape[0]):
            if ok[i] and _within(points[i], p, r2):
                labels[i] = 0
                count += 1
    return best, count


def _run_sliced(run, pts, fparams, iparams, fout, iout, *, sliceable, progress) -> None:
    """``run(pts, fparams, iparams, fout, iout)`` in slices of iterations: each slice runs the
    starts still going from where they stopped (see :func:`gradspec.kernels._params.run_sliced`;
    the same iterates as one call)."""
    total = int(iparams[L.I_NITER])
    if not sliceable or (total <= FIRST_SLICE and not progress):
        run(pts, fparams, iparams, fout, iout)  # one slice anyway: in place, nothing to copy
        return
    active = np.arange(pts.shape[0])
    done = np.zeros(pts.shape[0], dtype=np.int64)
    first = True
    with Slices(total, progress, "multistart") as slices:
        while active.size:
            size = slices.next(total - int(done[active].min()))
            iparams[L.I_NITER] = size
            sub = np.ascontiguousarray(pts[active])
            fo, io = _params.outputs(pts.shape[1], active.size)
            run(sub, fparams, iparams, fo, io)
            slices.took(size, size)
            pts[active] = sub
            if not first:
                io[:, L.R_STATIONARY] = iout[active, L.R_STATIONARY]
                moved = io[:, L.R_FAILED_AT] >= 0
                io[moved, L.R_FAILED_AT] += done[active][moved]
            io[:, L.R_N_ITER] += done[active]
            fout[active] = fo
            iout[active] = io
            done[active] = io[:, L.R_N_ITER]
            first = False
            going = (io[:, L.R_REASON] == MAX_ITERATIONS) & (done[active] < total)
            active = active[going]
            if active.size and slices.interrupted:
                iout[active, L.R_REASON] = INTERRUPTED
                break
    iparams[L.I_NITER] = total


def multistart(fn, starts, learning_rate=None, num_iterations=100, tol=None, schedule="fixed", *,
               method="descent", stop_on=None, target="min", damping=1.0, check_value=True,
               divergence_threshold=None, cluster_radius=1e-4, threads=None, progress=False
               ) -> MultistartResult:
    """Run ``method`` from every row of ``starts`` in parallel; return every end and the
    distinct points reached.

    Parameters
    ----------
    fn
        A scalar catalog function.
    starts
        Starting points, (S, k), or (S,) for a function of one variable; every row finite and
        inside the domain.
    learning_rate
        α of descent and ascent (default 0.1, as in :func:`gradspec.kernels.gradient_descent`);
        Newton's step is ``damping``, so ``method="newton"`` refuses a ``learning_rate``.
    num_iterations, tol, schedule
        As in :func:`gradspec.kernels.gradient_descent`.
    method
        ``"descent"`` (x ← x − α∇f), ``"ascent"`` (x ← x + α∇f) or ``"newton"``
        (x ← x − αH⁻¹∇f).
    stop_on
        Stopping rule with a ``tol``; default ``"either"`` for descent/ascent, ``"step"`` for
        Newton.
    target
        Newton only: ``"min"`` (default, as in :func:`gradspec.kernels.newton`), ``"max"`` or
        ``"any"`` (plain Newton on ∇f = 0: every kind of stationary point).
    damping
        Newton only: α in x ← x − αH⁻¹∇f (default 1.0, plain Newton; as in
        :func:`gradspec.kernels.newton`).
    check_value, divergence_threshold
        As in :func:`gradspec.kernels.gradient_descent`.
    cluster_radius
        End points closer than this (Euclidean) are one distinct point (default 1e-4; choose
        it larger than the spread the stopping rule leaves, smaller than the distance between
        distinct stationary points).
    threads
        Number of Numba threads for this call (None: Numba's current setting; 1: serial).
    progress
        Show a progress bar (tqdm).  Long runs are compiled slices of iterations either way,
        so Ctrl-C stops them promptly: the starts still running get ``reason="interrupted"``
        and their last accepted points (the ``"time"`` schedule runs in one call).

    Returns
    -------
    MultistartResult
        Per start ``x``, ``value``, ``n_iter``, ``reason``, ``converged``, ``failed_at``; the
        distinct end points as ``clusters`` (with ``minima``, ``maxima`` and ``best``), each
        with its count and its Hessian classification.
    """
    if learning_rate is None and method != "newton":
        learning_rate = 0.1
    opts = validate.run_options(
        "multistart", fn, starts, many=True, method=method, learning_rate=learning_rate,
        damping=damping, num_iterations=num_iterations, tol=tol, schedule=schedule,
        stop_on=stop_on, target=target, check_value=check_value,
        divergence_threshold=divergence_threshold, cluster_radius=cluster_radius,
        threads=threads, progress=progress,
    )
    fparams, iparams = _params.pack_options(opts, sign=-1.0 if method == "ascent" else 1.0)
    pts = opts.start
    S, k = pts.shape
    fout, iout = _params.outputs(k, S)
    previous = numba.get_num_threads()
    try:
        if threads is not None:
            numba.set_num_threads(opts.threads)
        _run_sliced(fn.module.run_multistart, pts, fparams, iparams, fout, iout,
                    sliceable=opts.schedule != "time", progress=opts.progress)
    finally:
        if threads is not None:
            numba.set_num_threads(previous)

    value = fout[:, L.O_VALUE]
    codes = iout[:, L.R_REASON]
    reason = _REASON_NAMES[codes]
    ok = (codes == CONVERGED) | (codes == MAX_ITERATIONS)
    key = -value if method == "ascent" else value
    labels = np.full(S, -1, dtype=np.int64)
    reps = np.empty(S, dtype=np.int64)
    counts = np.empty(S, dtype=np.int64)
    # The best end point founds the first cluster, which takes every end within the radius;
    # only the rest (often none: most starts reach the same point) are sorted by value and
    # clustered greedily — the same clusters as sorting every end, without the sort.
    best, counts[0] = _first_cluster(pts, key, ok, opts.cluster_radius**2, labels)
    nc = 0
    if best >= 0:
        reps[0] = best
        rest = np.flatnonzero(ok & (labels < 0))
        order = rest[np.argsort(key[rest], kind="stable")]
        nc = 1 + _cluster(pts, ok, order, opts.cluster_radius, labels, reps[1:], counts[1:])
        labels[order] += 1
    clusters = tuple(
        Cluster(x=as_point(pts[reps[c]]), value=float(value[reps[c]]), count=int(counts[c]),
                kind=hessian_kind(fn, pts[reps[c]]))
        for c in range(nc)
    )
    return MultistartResult(
        points=pts, value=value,
        n_iter=iout[:, L.R_N_ITER], reason=reason, converged=codes == CONVERGED,
        failed_at=iout[:, L.R_FAILED_AT], grad_norm=fout[:, L.O_GRAD_NORM],
        clusters=clusters, labels=labels, function=fn.id, method=method,
        cluster_radius=opts.cluster_radius, one_dimensional=k == 1 and np.ndim(starts) == 1,
    )


__all__ = ["multistart"]
