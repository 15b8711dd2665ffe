r"""Linear and logistic regression on Dask arrays: the fused kernels over row chunks.

The same batch gradient descent as :func:`gradspec.kernels.linear_regression` and
:func:`gradspec.kernels.logistic_regression`, for data held in a ``dask.array`` (chunked by
rows, possibly larger than memory, possibly on a ``dask.distributed`` cluster).  With the rows
of X split into chunks C₁, …, C_K, the cost and gradient are sums over rows, so they are sums
of per-chunk sums:

.. math::

    S(θ) = Σ_k Σ_{i∈C_k} ℓ(z_i, y_i),   G(θ) = Σ_k Σ_{i∈C_k} ℓ'(z_i, y_i)·x̃_i,
    J(θ) = c·S(θ),   ∇J(θ) = c·G(θ),   θ ← θ − α·∇J(θ),

with z_i = θ₀ + Σ_j θ_j·X_ij, x̃_i = (1, X_i), ℓ = (z − y)² (linear; c = 1/(2m), 1/m or 1
for ``"mse_half"``, ``"mse"``, ``"sse"``) or ℓ = softplus(z) − y·z (logistic; c = 1/m).

One iteration is one pass over the data: for every row chunk a task runs the fused kernel
(:mod:`gradspec.kernels.fused`, the serial pass, compiled ``nogil`` so the threaded scheduler
runs chunks side by side) with the current θ — a vector of n + 1 floats, sent along with each
task — and returns the chunk's partial sums per kernel block of ``fused.BLOCK`` rows.  The
client adds the partials in row order, exactly as the in-memory kernel adds its blocks, and
updates θ.  X is never gathered: only (blocks × (n + 3)) floats per iteration come back.

Before the first iteration one extra pass checks the data (finite X and y, labels in {0, 1}
for the log-loss: the same messages, naming the first bad row, as the in-memory fits) and
collects the scaling statistics (``"minmax"``: per-column min and max; ``"standard"``:
per-column count, mean and M₂ = Σ (x − mean)², combined over chunks by Chan's formula
mean = mean_a + δ·m_b/m, M₂ = M₂a + M₂b + δ²·m_a·m_b/m with δ = mean_b − mean_a; std =
√(M₂/m)).  With scaling, each task's kernel scales its chunk on the fly, as the in-memory pass
does (:mod:`gradspec.kernels.fused`): no scaled copy of a chunk is made.

What equals what:

* The iteration, the stopping rules and the reasons (``"converged"``, ``"max_iterations"``,
  ``"diverged"``, ``"separable"``) are those of :func:`gradspec.kernels.fused.descend`, step for
  step, and the result is the same :class:`~gradspec.kernels.fitting.FitResult`.
* When every row chunk but the last holds a multiple of ``fused.BLOCK`` (2048) rows, the blocks
  are the in-memory kernel's blocks and they are added in the same order: without scaling or
  with ``"minmax"`` the fit equals the in-memory fit bit for bit.  Other chunkings (ragged
  chunks, single rows) only regroup the sums — a few ulp per pass — and ``"standard"``
  statistics combined over chunks differ from NumPy's in the last bits; the tests hold all of
  these to 1e-10 of the in-memory fit.
* The result does not depend on the scheduler, the number of workers or the order in which
  tasks finish: partials are added in row order on the client.  A lost worker only means a
  chunk is computed again (Dask's own recovery), with the same partials.

Data layout:

* X is (m,) or (m, n) and y is (m,) (or (m, 1)).  Either may be a NumPy array when the other is
  a Dask array; it is wrapped with the other's row chunks.
* Column chunks of X are merged (``X.rechunk({1: -1})``): a task needs whole rows.
* **y is re-chunked to X's row chunks** when they differ (``y.rechunk({0: X.chunks[0]})``);
  the fit is then the same as with matching chunks.
* Chunk sizes must be known (not NaN): call ``X.compute_chunk_sizes()`` first otherwise.
* Each iteration reads X again from wherever its chunks come from.  If X fits in the
  cluster's memory, ``X = X.persist()`` (and y) first.  If it does not, build it from on-disk
  chunks (:func:`from_npy`, ``dask.array.from_zarr``) so that each task reads its own chunk.
  A Dask array wrapping a NumPy array that lives in the client is fine with the local
  scheduler, but a distributed scheduler would receive the whole array with every iteration's
  graph: persist it.

Importing this module does not import Dask; the functions do, when called.
"""

from __future__ import annotations

import math
import os

import numpy as np

from . import fused
from ._jit import jit
from .fitting import (
    CERTIFY_MAX_ENTRIES,
    FitResult,
    cost_constant,
    fit_result,
    is_dask_collection,
    start_theta,
)
from .progress import Slices
from .reasons import CONVERGED, DIVERGED, INTERRUPTED, MAX_ITERATIONS
from .scaling import Scaling, constant_feature
from .validate import (
    check_dtype,
    check_shapes,
    fit_options,
    labels_not_binary,
    rows_not_finite,
    target_not_finite,
)

# ---------------------------------------------------------------- compiled per-chunk work


@jit(nogil=True)
def chunk_partials(kind, X, y, shift, span, theta, out):
    """Per-block partial sums of one row chunk, without the GIL.

    For block b of ``fused.BLOCK`` rows (rows r with b·BLOCK ≤ r < (b + 1)·BLOCK of this
    chunk): ``out[b, 0]`` = Σ ℓ(zᵢ, yᵢ), ``out[b, 1]`` = the misclassified count (logistic),
    ``out[b, 2:]`` = Σ ℓ'(zᵢ, yᵢ)·x̃ᵢ.  ``out`` has ``fused.n_blocks(m)`` rows and n + 3
    columns.  The blocks are the in-memory kernel's (:func:`gradspec.kernels.fused._blocks_serial`),
    scaled on the fly by ``shift``/``span`` as there (empty: no scaling).
    """
    m, n = X.shape
    nb = out.shape[0]
    gpart = np.empty((nb, n + 1))
    cpart = np.empty(nb)
    bpart = np.empty(nb, dtype=np.int64)
    fused._blocks_serial(kind, X, y, shift, span, theta, gpart, cpart, bpart)
    for b in range(nb):
        out[b, 0] = cpart[b]
        out[b, 1] = bpart[b]
        for j in range(n + 1):
            out[b, 2 + j] = gpart[b, j]


@jit
def add_partials(parts, g):
    """Σ of the block partials in row order (as :func:`gradspec.kernels.fused._pass` adds them).

    Returns (S, misclassified count) and writes G into ``g``.
    """
    p = g.shape[0]
    for j in range(p):
        g[j] = 0.0
    s = 0.0
    bad = 0.0
    for b in range(parts.shape[0]):
        s += parts[b, 0]
        bad += parts[b, 1]
        for j in range(p):
            g[j] += parts[b, 2 + j]
    return s, bad


# ---------------------------------------------------------------- tasks (run on the workers)


def _rows(Xc) -> np.ndarray:
    """A chunk of X as C-contiguous float64 (rows, n)."""
    X = np.ascontiguousarray(Xc, dtype=np.float64)
    if X.ndim == 1:
        X = X[:, None]
    return X


#: Rows per partial sum of the column statistics (sums of sums: error ~ (SUM_ROWS + m/SUM_ROWS)·ε).
SUM_ROWS = 256


@jit(nogil=True)
def chunk_stats(X, y, logistic, lo, hi, mean, m2, iout, fout):
    """The checking pass over one chunk, without the GIL, reading X at most twice.

    ``iout`` ← (non-finite X rows, first such row, non-finite y, first, labels ∉ {0, 1},
    first; −1 for none); ``fout`` ← (y at the first bad y, y at the first bad label).
    Over the chunk's rows (when all are finite): ``lo``/``hi`` the column min/max, ``mean``
    the column mean (sums of ``SUM_ROWS``-row partial sums) and ``m2`` = Σ (x − mean)².
    """
    m, n = X.shape
    for k in range(6):
        iout[k] = 0 if k % 2 == 0 else -1
    for j in range(n):
        lo[j] = np.inf
        hi[j] = -np.inf
        mean[j] = 0.0
        m2[j] = 0.0
    part = np.zeros(n)
    for i in range(m):
        ok = True
        for j in range(n):
            v = X[i, j]
            if not np.isfinite(v):
                ok = False
            else:
                if v < lo[j]:
                    lo[j] = v
                if v > hi[j]:
                    hi[j] = v
            part[j] += v
        if not ok:
            if iout[0] == 0:
                iout[1] = i
            iout[0] += 1
        if (i + 1) % SUM_ROWS == 0 or i == m - 1:
            for j in range(n):
                mean[j] += part[j]
                part[j] = 0.0
        yi = y[i]
        if not np.isfinite(yi):
            if iout[2] == 0:
                iout[3] = i
                fout[0] = yi
            iout[2] += 1
        elif logistic and not (yi == 0.0 or yi == 1.0):
            if iout[4] == 0:
                iout[5] = i
                fout[1] = yi
            iout[4] += 1
    if iout[0] > 0 or m == 0:
        return
    for j in range(n):
        mean[j] /= m
    for i0 in range(0, m, SUM_ROWS):
        for j in range(n):
            part[j] = 0.0
        for i in range(i0, min(m, i0 + SUM_ROWS)):
            for j in range(n):
                d = X[i, j] - mean[j]
                part[j] += d * d
        for j in range(n):
            m2[j] += part[j]


def _partials_task(Xc, yc, kind, theta, shift, span) -> np.ndarray:
    """The task of one iteration for one row chunk: its block partials (blocks, n + 3)."""
    X = _rows(Xc)
    if shift is None:
        shift = span = np.empty(0)
    y = np.ascontiguousarray(yc, dtype=np.float64).reshape(-1)
    out = np.empty((fused.n_blocks(X.shape[0]), X.shape[1] + 3))
    chunk_partials(kind, X, y, shift, span, theta, out)
    return out


def _inspect_task(Xc, yc, logistic, scale) -> dict:
    """The checking pass for one chunk: non-finite rows, bad labels, scaling statistics."""
    X = _rows(Xc)
    y = np.ascontiguousarray(yc, dtype=np.float64).reshape(-1)
    m, n = X.shape
    lo, hi, mean, m2 = (np.empty(n) for _ in range(4))
    iout = np.empty(6, dtype=np.int64)
    fout = np.zeros(2)
    chunk_stats(X, y, bool(logistic), lo, hi, mean, m2, iout, fout)
    info = {"m": m,
            "x": (int(iout[0]), int(iout[1]), X[iout[1]].tolist() if iout[0] else None),
            "y": (int(iout[2]), int(iout[3]), float(fout[0])),
            "label": (int(iout[4]), int(iout[5]), float(fout[1]))}
    if scale is not None and m:
        info.update(min=lo, max=hi, mean=mean, m2=m2)
    return info


class _Bound:
    """``fn(X chunk, y chunk, *args)``: one task's callable (pickles as fn and the args)."""

    def __init__(self, fn, *args):
        self.fn = fn
        self.args = args

    def __call__(self, Xc, yc):
        return self.fn(Xc, yc, *self.args)


# ---------------------------------------------------------------- on the client


class _ChunkMap:
    """Runs one task per row chunk on Dask's scheduler; results come back in row order.

    X and y are turned into one ``dask.delayed`` object per row chunk once (their graphs
    optimised once, persisted chunks kept as they are); each pass adds one delayed call per
    chunk and computes them with the scheduler's ``get`` (the threaded scheduler's, or a
    ``distributed.Client``'s).  Only Dask's public API is used.
    """

    def __init__(self, X, y, scheduler):
        from dask.base import get_scheduler

        self.xparts = X.to_delayed().ravel().tolist()
        self.yparts = y.to_delayed().ravel().tolist()
        self.get = get_scheduler(scheduler=scheduler, collections=[X, y])

    def __call__(self, fn, *args) -> list:
        """``[fn(X_k, y_k, *args) for each row chunk k]``, computed by the scheduler."""
        import dask

        call = dask.delayed(_Bound(fn, *args), pure=False)
        tasks = [call(xp, yp) for xp, yp in zip(self.xparts, self.yparts, strict=True)]
        return list(dask.compute(*tasks, scheduler=self.get))

    def gather(self, X, y):
        """X and y as NumPy arrays, computed by the same scheduler."""
        import dask

        return dask.compute(X, y, scheduler=self.get)


def _prepare(X, y, where: str):
    """Graph-level checks and chunk alignment: (X as (m, n) with whole rows per chunk, y (m,))."""
    import dask.array as da

    if not is_dask_collection(X):
        X = np.asarray(X)
    if not is_dask_collection(y):
        y = np.asarray(y)
    for arr, name in ((X, "X"), (y, "y")):
        if is_dask_collection(arr) and not isinstance(arr, da.Array):
            raise TypeError(
                f"{where}: {name} must be a dask.array.Array (or a NumPy array), got "
                f"{type(arr).__module__}.{type(arr).__name__}; convert a DataFrame with "
                ".to_dask_array(lengths=True)"
            )
    check_dtype(X.dtype, where, "X")
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2:
        raise ValueError(f"{where}: X must have shape (m,) or (m, n), got shape {X.shape}")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{where}: y must be 1-D (one target per row), got shape {y.shape}")
    check_dtype(y.dtype, where, "y")
    for arr, name in ((X, "X"), (y, "y")):
        if any(math.isnan(s) for s in arr.shape):
            raise ValueError(
                f"{where}: {name} has unknown chunk sizes (shape {arr.shape}); call "
                f"{name}.compute_chunk_sizes() first (the fit needs the row count m)"
            )
    check_shapes(X.shape[0], X.shape[1], y.shape[0], where)
    if not is_dask_collection(X):  # one chunk when neither is a Dask array
        X = da.from_array(X, chunks=(y.chunks[0] if is_dask_collection(y) else -1, -1))
    if X.numblocks[1] > 1:
        X = X.rechunk({1: -1})
    if not is_dask_collection(y):
        y = da.from_array(y, chunks=(X.chunks[0],))
    elif y.chunks[0] != X.chunks[0]:
        y = y.rechunk({0: X.chunks[0]})
    return X, y


def _inspect(run, offsets, logistic, scale, where) -> Scaling | None:
    """The checking pass: raise on bad data (first bad row named), return the scaling."""
    infos = run(_inspect_task, logistic, scale)
    for key, total in (("x", 0), ("y", 0), ("label", 0)):
        if not logistic and key == "label":
            continue
        total = sum(info[key][0] for info in infos)
        if not total:
            continue
        k = next(k for k, info in enumerate(infos) if info[key][0])
        _, first, value = infos[k][key]
        i = int(offsets[k]) + first
        if key == "x":
            raise rows_not_finite(where, i, value, total)
        if key == "y":
            raise target_not_finite(where, i, value)
        raise labels_not_binary(where, i, value, total)
    if scale is None:
        return None
    infos = [info for info in infos if info["m"]]
    lo = np.minimum.reduce([info["min"] for info in infos])
    hi = np.maximum.reduce([info["max"] for info in infos])
    if scale == "minmax":
        shift, span = lo, hi - lo
    else:
        mc, mean, m2 = 0, None, None
        for info in infos:  # Chan et al.'s pairwise update, in row order
            mb, mean_b, m2_b = info["m"], info["mean"], info["m2"]
            if mean is None:
                mc, mean, m2 = mb, mean_b, m2_b
                continue
            tot = mc + mb
            delta = mean_b - mean
            mean = mean + delta * (mb / tot)
            m2 = m2 + m2_b + delta * delta * (mc * mb / tot)
            mc = tot
        shift, span = mean, np.sqrt(m2 / mc)
    constant = np.flatnonzero(~(span > 0) | (lo == hi))
    if constant.size:
        raise constant_feature(int(constant[0]), float(lo[constant[0]]), scale)
    return Scaling(scale, np.ascontiguousarray(shift, dtype=np.float64),
                   np.ascontiguousarray(span, dtype=np.float64))


def _fit(kind, X, y, opts, where, scheduler) -> FitResult:
    m, n = X.shape
    p = n + 1
    alpha, num_iterations, tol, history = (opts.learning_rate, opts.num_iterations, opts.tol,
                                           opts.history)
    cost_c = cost_constant(opts.cost, m)
    run = _ChunkMap(X, y, scheduler)
    offsets = np.concatenate([[0], np.cumsum(X.chunks[0])[:-1]])
    scaling = _inspect(run, offsets, kind == fused.LOGISTIC, opts.scale, where)
    shift, span = (scaling.shift, scaling.span) if scaling is not None else (None, None)
    theta = start_theta(opts.theta0, p, scaling)
    g = np.empty(p)

    def grad_pass(th):
        """One pass: S, misclassified count, and G (into g) at θ = th."""
        return add_partials(np.concatenate(run(_partials_task, kind, th, shift, span)), g)

    # The loop of fused.descend, statement for statement, with the pass done by Dask.
    cost_hist = np.empty(num_iterations + 1)
    path = [theta.copy()] if history else None
    prev = theta.copy()
    status, event, sep_at = MAX_ITERATIONS, -1, -1
    j0 = cost = gnorm = 0.0
    it = 0
    with Slices(num_iterations, opts.progress, where) as slices:
        while True:
            s, bad = grad_pass(theta.copy())
            cost = cost_c * s
            g *= cost_c
            g2 = 0.0
            for j in range(p):
                g2 += g[j] * g[j]
            gnorm = math.sqrt(g2) if g2 >= 0.0 else math.nan
            cost_hist[it] = cost
            if it == 0:
                j0 = cost
            if not (math.isfinite(cost) and math.isfinite(gnorm)) or (
                j0 > 0.0 and cost > fused.DIVERGE_FACTOR * j0
            ):
                status, event = DIVERGED, it
                if it > 0:  # refuse θ_it: return the last iterate whose cost was accepted
                    theta = prev
                    it -= 1
                    cost = cost_hist[it]
                    gnorm = math.nan
                    if history:
                        path.pop()
                break
            if kind == fused.LOGISTIC and bad == 0 and sep_at < 0:
                sep_at = it
            if gnorm == 0.0 or (tol is not None and gnorm <= tol):
                status = CONVERGED
                break
            if it >= num_iterations:
                break
            if slices.interrupted:  # Ctrl-C during the pass just made: θ_it is accepted
                status = INTERRUPTED
                break
            slices.took(1, 1)
            prev = theta.copy()
            theta = theta - alpha * g
            it += 1
            if history:
                path.append(theta.copy())

    # The separability certificate needs the rows in memory: gathered when they are few
    # enough, else not certified (``separable`` is None and the reason stays the descent's).
    certify = None
    if kind == fused.LOGISTIC and m * p <= CERTIFY_MAX_ENTRIES:
        def certify():
            Xm, ym = run.gather(X, y)
            return (np.ascontiguousarray(Xm, dtype=np.float64).reshape(m, n),
                    np.asarray(ym, dtype=np.float64).reshape(m))
    return fit_result(kind, theta, scaling, np.array(path) if history else None, cost_hist, it,
                      status, event, sep_at, cost, gnorm, opts.cost, opts, certify)


# ---------------------------------------------------------------- public


def linear_regression(X, y, learning_rate, num_iterations, tol=None, cost="mse_half", scale=None,
                      theta0=None, history=False, parallel=None, progress=False, *,
                      scheduler=None) -> FitResult:
    r"""Fit z = θ₀ + θ₁x₁ + … + θₙxₙ to Dask arrays by batch gradient descent.

    J(θ) = c·Σᵢ (θ·x̃ᵢ − yᵢ)² with c = 1/(2m), 1/m or 1; ∇J(θ) = 2c·Σᵢ (θ·x̃ᵢ − yᵢ)·x̃ᵢ;
    θ ← θ − α·∇J(θ), each Σᵢ a sum of per-chunk sums (see the module docstring).
    :func:`gradspec.kernels.linear_regression` calls this when X or y is a Dask array.

    Parameters
    ----------
    X : dask.array.Array or array_like, (m,) or (m, n)
        Features, chunked by rows (column chunks are merged).
    y : dask.array.Array or array_like, (m,)
        Targets; re-chunked to X's row chunks when they differ.
    learning_rate, num_iterations, tol, cost, scale, theta0, history
        As for :func:`gradspec.kernels.linear_regression`.
    parallel : bool or None
        Checked and otherwise ignored: Dask runs the chunks in parallel, and each task uses the
        serial fused pass (bit for bit the result of the ``prange`` one).
    progress : bool
        Show a progress bar (tqdm), one tick per pass; Ctrl-C stops the fit after the pass
        in flight with ``reason="interrupted"``.
    scheduler : optional
        Passed to ``dask.compute`` (``"threads"``, ``"sync"``, a ``distributed.Client``, …);
        None uses Dask's default (the active ``Client`` if there is one).

    Returns
    -------
    FitResult
        As for the in-memory fit.

    Raises
    ------
    TypeError, ValueError
        As for the in-memory fit (non-finite data are found by the checking pass, which names
        the first bad row); also for unknown (NaN) chunk sizes.
    """
    where = "linear_regression"
    Xd, yd = _prepare(X, y, where)
    opts = fit_options(where, Xd.shape[1], learning_rate=learning_rate,
                       num_iterations=num_iterations, tol=tol, cost=cost, scale=scale,
                       theta0=theta0, history=history, parallel=parallel, progress=progress)
    return _fit(fused.LINEAR, Xd, yd, opts, where, scheduler)


def logistic_regression(X, y, learning_rate, num_iterations, tol=None, scale=None, theta0=None,
                        history=False, parallel=None, progress=False, *,
                        scheduler=None) -> FitResult:
    r"""Fit P(y = 1 | x) = σ(θ₀ + θ₁x₁ + … + θₙxₙ) to Dask arrays by gradient descent.

    J(θ) = 1/m Σᵢ (softplus(zᵢ) − yᵢ·zᵢ), ∇J(θ) = 1/m Σᵢ (σ(zᵢ) − yᵢ)·x̃ᵢ, θ ← θ − α·∇J(θ),
    each Σᵢ a sum of per-chunk sums.  ``y`` must hold only 0 and 1 (checked in the extra
    pass).  Parameters and result as for :func:`linear_regression` in this module; on
    linearly separable classes the reason is ``"separable"``.  The separability certificate
    (a linear program, :mod:`gradspec.kernels.fitting`) needs the rows in memory: with up to
    ``CERTIFY_MAX_ENTRIES`` = 10⁷ entries m·(n + 1) they are gathered once, at the end; beyond
    that the result's ``separable`` is None (not certified) and only an iterate that itself
    separates the classes reports ``"separable"``.
    """
    where = "logistic_regression"
    Xd, yd = _prepare(X, y, where)
    opts = fit_options(where, Xd.shape[1], learning_rate=learning_rate,
                       num_iterations=num_iterations, tol=tol, scale=scale, theta0=theta0,
                       history=history, parallel=parallel, progress=progress)
    return _fit(fused.LOGISTIC, Xd, yd, opts, where, scheduler)


# ---------------------------------------------------------------- on-disk data


class NpyRows:
    """A ``.npy`` file opened memory-mapped on access: the array-like behind :func:`from_npy`.

    Pickles as its path only (a ``numpy.memmap`` pickles as a full in-memory copy), so each
    Dask task — in this process or on a distributed worker that sees the same file system —
    maps the file itself and reads only the rows of its chunk.
    """

    def __init__(self, path):
        self.path = str(path)
        arr = np.load(self.path, mmap_mode="r")
        self.shape = arr.shape
        self.dtype = arr.dtype
        self.ndim = arr.ndim
        del arr

    def __getitem__(self, key):
        return np.load(self.path, mmap_mode="r")[key]

    def __getstate__(self):
        return {"path": self.path}

    def __setstate__(self, state):
        self.__init__(state["path"])

    def __repr__(self):
        return f"NpyRows({self.path!r}, shape={self.shape}, dtype={self.dtype})"


def from_npy(path, rows_per_chunk: int):
    """A Dask array over a ``.npy`` file on disk, ``rows_per_chunk`` rows per chunk.

    Nothing is read here but the header; each task maps the file (``np.load(mmap_mode="r")``)
    and reads its rows, so the file may be far larger than memory.  Works with the local
    schedulers and with ``dask.distributed`` workers that see the same path.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.npy`` file (C order), e.g. written chunk by chunk through
        ``numpy.lib.format.open_memmap(path, mode="w+", dtype=..., shape=...)``.
    rows_per_chunk : int
        Rows per chunk (columns: one chunk).  Multiples of ``fused.BLOCK`` = 2048 give fits
        equal bit for bit to the in-memory fit.

    Returns
    -------
    dask.array.Array
    """
    import dask.array as da
    from dask.base import tokenize

    src = NpyRows(path)
    if isinstance(rows_per_chunk, bool) or not isinstance(rows_per_chunk, int) or (
        rows_per_chunk < 1
    ):
        raise ValueError(f"from_npy: rows_per_chunk must be an integer ≥ 1, got {rows_per_chunk!r}")
    chunks = (rows_per_chunk,) + tuple(-1 for _ in src.shape[1:])
    # the name changes when the file does (path, modification time, shape, dtype)
    name = "npy-" + tokenize(src.path, os.stat(src.path).st_mtime_ns, src.shape, str(src.dtype))
    return da.from_array(src, chunks=chunks, asarray=True, fancy=False, name=name,
                         meta=np.empty((0,) * src.ndim, dtype=src.dtype))


__all__ = ["linear_regression", "logistic_regression", "from_npy", "NpyRows",
           "is_dask_collection"]
