"""Fused data kernels: cost and gradient of a linear predictor in one pass over the rows of X.

For the linear predictor zᵢ = θ₀ + Σⱼ θⱼ·x̃ᵢⱼ and a per-sample loss ℓ(z, y) (from the
generated ``_generated/losses.py``: ``squared_error`` = (z − y)², ``log_loss`` =
softplus(z) − y·z, and their z-derivatives), one pass over the rows computes

    S = Σᵢ ℓ(zᵢ, yᵢ),    Gⱼ = Σᵢ ℓ'(zᵢ, yᵢ)·x̃ᵢⱼ   (x̃ᵢ = (1, x̃ᵢ₁, …), ∂zᵢ/∂θⱼ = x̃ᵢⱼ),

and the cost is J = c·S with ∇J = c·G for the convention's constant c (1/(2m), 1/m or 1 for
squared error; 1/m for the log-loss).  The features are x̃ᵢⱼ = Xᵢⱼ, or, when a shift μ and a
span σ are given, x̃ᵢⱼ = (Xᵢⱼ − μⱼ)/σⱼ: feature scaling without a scaled copy of X, and
without a division per entry.  The pass computes zᵢ = θ₀ + Σⱼ (θⱼ/σⱼ)·(Xᵢⱼ − μⱼ) and
Gⱼ = (Σᵢ ℓ'ᵢ·(Xᵢⱼ − μⱼ))/σⱼ: the same sums as over the scaled copy (``Scaling.apply``), each
term rounded twice as there, the division done once per column and block instead of once
per entry (a vector division occupies the divider for several cycles: dividing every entry
made a scaled pass twice as slow as an unscaled one).  X may be float64 or float32: it is
read as it is, every sum is float64.
Nothing is allocated inside the iteration loop; X is read once per iteration.

How a pass is organised (the speed levers):

* rows are processed in fixed blocks of ``BLOCK`` rows; each block writes its own partial
  cost and partial-gradient row, and the partials are summed in block order afterwards.  The
  serial and the ``prange`` pass run the *same* blocks and sum in the *same* order, so they
  give bit-identical results whatever the number of threads;
* a block is walked in sub-blocks of ``SUB`` rows (16 KiB of a float64 X with 32 columns),
  each read three times, the last two from L1: (1) zₖ = θ₀ + θ·x̃ₖ with four columns per SIMD vector
  (:mod:`gradspec.kernels._simd`: Numba's loop vectoriser will not reorder a sum over a row's
  columns, so the vector code is spelled out), four rows at a time with their horizontal sums
  done together by one 4×4 transpose; (2) ℓ and ℓ' of the SUB rows, a loop across rows that
  LLVM vectorises (the squared error is the generated one inlined; the log-loss is the
  generated one in a split form whose exp and σ share one division and whose logarithm is
  taken once per lane and block, see :func:`_block`); (3) the gradient, four columns per
  vector with four row accumulators.  X is read in place (float32 widened in the registers),
  with scaling too (μ subtracted in the registers, σ applied per column as above);
* while (1) reads a sub-block, it asks for the next sub-block's rows to be brought into L2
  (``_simd.prefetch``, a hint with no effect on any value): (2) and (3) read nothing from
  memory, and without the hint the memory would be idle through them;
* the cost, Σℓ' and the misclassified count are accumulated *per row lane* across the
  sub-blocks and summed once per block: the cost comes from the same pass as the gradient,
  and nothing in a pass allocates.

No ``fastmath`` anywhere: NaN and inf keep their meaning, which the drivers rely on to report
divergence.
"""

import numba
import numpy as np
from numba import prange, types
from numba.extending import overload

from ._generated import losses
from ._jit import jit
from ._simd import (
    add4,
    hsum4,
    hsums4,
    load1,
    load4,
    make4,
    mul4,
    prefetch,
    splat4,
    store4,
    sub4,
)
from ._stable import _pow2, _reduce, log, log1p_unit
from .reasons import CONVERGED, DIVERGED, MAX_ITERATIONS

# Start Numba's thread pool now.  Machine code loaded from the cache does not start it, and
# a cached kernel whose first call reaches the ``prange`` pass before anything else started
# the pool jumps to a null pointer (a crash, seen when ``descend`` is a fresh process's first
# compiled call).  Asking for the thread count launches the pool: a few milliseconds, once.
numba.get_num_threads()

# The generated squared error and its z-derivative, recompiled from their own (generated)
# source with Numba-level inlining: a call inside the row loop stops it from being vectorised.
# (The log-loss is evaluated in the split form of :func:`_block`, proved equal to the
# generated ``losses.log_loss`` and ``losses.log_loss_dz``.)
squared_error = jit(inline="always")(losses.squared_error.py_func)
squared_error_dz = jit(inline="always")(losses.squared_error_dz.py_func)

#: Model kinds understood by the kernels.
LINEAR = 0
LOGISTIC = 1

#: Rows per parallel block (fixed, so results do not depend on the thread count).
BLOCK = 2048
#: Rows per sub-block (read from memory once, then twice more from L1).
SUB = 64

# The status codes :func:`descend` writes (``CONVERGED``, ``MAX_ITERATIONS``, ``DIVERGED``) are
# the reason codes of :mod:`gradspec.kernels.reasons`, compiled in as constants.

#: A cost this many times its starting value counts as divergence (besides inf/NaN).
DIVERGE_FACTOR = 1e16

#: Runs of consecutive blocks a parallel pass hands to the threads (a fixed number, so the
#: scratch does not depend on the thread count: Numba cannot cache code that asks for it).
#: At ``scratch_size(n)`` ≈ 7·SUB + 3n doubles each, all runs hold about 230 KiB plus 1.5 KiB
#: per feature.
RUNS = 64

#: X of at least this many bytes gets prefetch hints (see :func:`_block`).  A smaller X stays in
#: the caches from one pass to the next and the hardware prefetcher keeps up with it: the hints
#: would only add instructions (measured: ~15 % slower on a 1 MB X held in L2).
PREFETCH_MIN_BYTES = 16 << 20

#: ... and rows of at least this many bytes.  A narrow row (8 float64 columns: one cache line)
#: costs one hint per two vector loads, only a sub-block (4 KiB) ahead, where the hardware
#: prefetcher already keeps up: measured on 1e6 × 8, 2.9–4.6 ns per row with the hints against
#: 2.7–2.8 without; on 1e6 × 32 (256-byte rows) they lift the read rate from about half of the
#: machine's bandwidth to over 80 %.
PREFETCH_MIN_ROW = 128

#: Lanes of SUB doubles at the head of the scratch: z, ℓ', the cost lane, Σℓ', the miss count,
#: and the two lanes of the log-loss's log term (see :func:`_block`).
_LANES = 7


@jit
def _scaled_norm(v):
    """‖v‖₂ as max|vⱼ|·sqrt(Σ (vⱼ/max|vⱼ|)²): finite whenever ‖v‖₂ ≤ 1.8e308 (the plain sum of
    squares overflows from |vⱼ| ≈ 1.3e154); inf or NaN when a component is."""
    big = 0.0
    for j in range(v.shape[0]):
        a = abs(v[j])
        if not a <= big:  # also takes NaN, which then propagates
            big = a
    if big == 0.0 or not np.isfinite(big):
        return big
    s = 0.0
    for j in range(v.shape[0]):
        t = v[j] / big
        s += t * t
    return big * np.sqrt(s)


@jit
def scratch_size(n):
    """Doubles of per-thread scratch a pass over n features needs: ``_LANES`` lanes of SUB
    (z, ℓ', the cost, Σℓ', the miss count and the log-loss's two product lanes), then θ₁…ₙ
    (θⱼ/σⱼ when scaled), the gradient and μ, each padded to a multiple of four."""
    p4 = (n + 3) // 4 * 4
    return _LANES * SUB + 3 * p4


@jit(inline="always")
def _tail4(a, k, rem):
    """(a[k], …, a[k + rem − 1], 0, …): the last rem < 4 columns of a row as a vector."""
    x0 = load1(a, k) if rem > 0 else 0.0
    x1 = load1(a, k + np.uint64(1)) if rem > 1 else 0.0
    x2 = load1(a, k + np.uint64(2)) if rem > 2 else 0.0
    return make4(x0, x1, x2, 0.0)


@jit(inline="always")
def _row4(a, k, c, n4, rem):
    """Columns c … c + 3 of the row starting at flat offset k (zeros past the row's end)."""
    return load4(a, k + c) if c < n4 else _tail4(a, k + n4, rem)


@jit(inline="always")
def _shifted(a, k, c, n4, rem, mu, shifted):
    """Columns c … c + 3 of the row at flat offset k, minus μ[c … c + 3] when ``shifted``
    (the padding past the row's end is 0 − 0)."""
    x = _row4(a, k, c, n4, rem)
    return sub4(x, mu) if shifted else x


@jit(inline="always")
def _sigmoids(z):
    """(σ(|z|), σ(−|z|)) = (1/(1 + e), e/(1 + e)) with e = e^(−|z|), from one division.

    e^(−|z|) = 2^k·e^r with fdlibm's rational form (:func:`gradspec.kernels._stable._reduce`)
    e^r = n/d with d = 2 − c and n = d + 2r; with N = 2^k·n, 1/(1 + e) = d/(d + N) and
    e/(1 + e) = N/(d + N).  Both come from q = 1/(d + N): the exp's division and σ's are one
    (d + N has no cancellation: every term is positive).  A few ulp each; subnormal e (|z| from
    708 to 745) is built by two exact power-of-2 factors; |z| > 746 gives (1, 0); NaN gives NaN.
    """
    x = -abs(z)
    x = -746.0 if x < -746.0 else x  # a comparison with NaN is false: NaN passes through
    ki, hi, lo, r, c = _reduce(x)
    d = 2.0 - c
    n = d + (r + r)
    k1 = ki >> 1
    big_n = (n * _pow2(k1)) * _pow2(ki - k1)
    q = 1.0 / (d + big_n)
    return d * q, big_n * q


@jit(inline="always")
def _log_term(q, p):
    """Σ ln(1 + eᵢ) over a lane's rows from q = Π 1/(1 + eᵢ) and p = 1 − q (both carried):
    −ln q when q < ½ (then −ln q ≥ ln 2, and q's relative error is the result's absolute one),
    else ln(1 + p/(1 − p)) (p ≤ ½ carries the small terms to full relative accuracy)."""
    return -log(q) if q < 0.5 else log1p_unit(p / (1.0 - p))


@jit(inline="always")
def _gradient(src, off0, stride, n4, rem, cnt, w, D, G, M, shifted):
    """G[c … c + 3] += Σₖ ℓ'ₖ·x̃ₖ[c … c + 3] over the cnt rows of a sub-block (row k at flat
    offset off0 + k·stride of ``src``): four columns per vector, four row accumulators
    (rows k ≡ 0, 1, 2, 3 mod 4), summed as (p₀ + p₁) + (p₂ + p₃) once per sub-block.
    ``shifted``: each row minus the vector at w[M …] (μ of the standard or min–max scaling)."""
    p4 = n4 + (np.uint64(4) if rem > 0 else np.uint64(0))
    c4 = cnt - cnt % np.uint64(4)
    zero = splat4(0.0)
    for c in range(np.uint64(0), p4, np.uint64(4)):
        q0 = zero
        q1 = zero
        q2 = zero
        q3 = zero
        mu = load4(w, M + c) if shifted else zero
        for k in range(np.uint64(0), c4, np.uint64(4)):
            o = off0 + k * stride
            q0 = add4(q0, mul4(splat4(w[D + k]), _shifted(src, o, c, n4, rem, mu, shifted)))
            o += stride
            q1 = add4(q1, mul4(splat4(w[D + k + np.uint64(1)]),
                               _shifted(src, o, c, n4, rem, mu, shifted)))
            o += stride
            q2 = add4(q2, mul4(splat4(w[D + k + np.uint64(2)]),
                               _shifted(src, o, c, n4, rem, mu, shifted)))
            o += stride
            q3 = add4(q3, mul4(splat4(w[D + k + np.uint64(3)]),
                               _shifted(src, o, c, n4, rem, mu, shifted)))
        for k in range(c4, cnt):
            o = off0 + k * stride
            q0 = add4(q0, mul4(splat4(w[D + k]), _shifted(src, o, c, n4, rem, mu, shifted)))
        store4(w, G + c, add4(load4(w, G + c), add4(add4(q0, q1), add4(q2, q3))))


@jit
def _block(kind, X, y, shift, span, theta, r0, r1, g, w):
    """Sums over rows r0 ≤ i < r1: returns (Σ ℓ(zᵢ, yᵢ), misclassified count); g ← Σ ℓ'(zᵢ, yᵢ)·x̃ᵢ.

    The count (logistic only) is the number of rows *not* strictly on their label's side,
    i.e. with zᵢ ≤ 0 for yᵢ = 1 or zᵢ ≥ 0 for yᵢ = 0; it is 0 exactly when θ separates the
    rows.  ``shift``/``span`` are μ and σ (empty: no scaling); ``w`` is a flat float64
    scratch of ``scratch_size(n)`` entries owned by the calling thread: the ``_LANES`` lanes
    (SUB each), then θ₁…ₙ (scaled: θⱼ/σⱼ), the gradient G and μ, padded to p4 (a multiple
    of 4).

    A sub-block of SUB rows is read three times, the last two from L1: (1) zₖ = θ₀ + θ·x̃ₖ,
    four columns per vector, four rows at a time, their four horizontal sums by one transpose
    (:func:`~gradspec.kernels._simd.hsums4`); (2) ℓ and ℓ' across the SUB rows (a loop LLVM
    vectorises: every function in it is branch-free arithmetic); (3) the gradient, four
    columns per vector over the rows.  Scaled, (1) sums (θⱼ/σⱼ)·(xₖⱼ − μⱼ), (3) sums
    ℓ'ₖ·(xₖⱼ − μⱼ) and the block's Gⱼ is divided by σⱼ at the end.  Offsets are unsigned:
    Numba gives a signed index a "negative counts from the end" select that hides the address
    from LLVM.

    The log-loss of the generated ``losses.log_loss``, ℓ = y·softplus(−z) + (1 − y)·softplus(z),
    is summed as its two parts (softplus(z) = max(z, 0) + ln(1 + e^(−|z|))):

        ℓ = [y·max(−z, 0) + (1 − y)·max(z, 0)] + ln(1 + e^(−|z|))

    (``tests/test_fused.py`` proves the split with SymPy).  The first part goes to the cost
    lane; the logarithm is needed only in the sum, so each lane carries the product
    q = Π 1/(1 + eᵢ) = Π σ(|zᵢ|) of its rows (at most BLOCK/SUB factors in [½, 1]) and its
    complement p = 1 − q by p ← p + σ(−|z|)·(1 − p) (all terms ≥ 0: full relative accuracy
    however small p is), and one logarithm per lane and block turns them into Σ ln(1 + eᵢ)
    (:func:`_log_term`).  ℓ' is the generated −y·σ(−z) + (1 − y)·σ(z), with σ(±z) the two
    values of :func:`_sigmoids`.
    """
    n = X.shape[1]
    scaled = shift.shape[0] > 0
    u4 = np.uint64(4)
    sub = np.uint64(SUB)
    nu = np.uint64(n)
    rem = nu % u4
    n4 = nu - rem
    p4 = n4 + (u4 if rem > 0 else np.uint64(0))
    D = sub
    CL = D + sub
    HL = CL + sub
    BL = HL + sub
    QL = BL + sub
    PL = QL + sub
    TH = PL + sub
    G = TH + p4
    MU = G + p4
    END = MU + p4
    for r in range(CL, END):
        w[r] = 0.0
    for u in range(sub):
        w[QL + u] = 1.0
    for j in range(nu):
        w[TH + j] = theta[j + 1]
    if scaled:
        for j in range(nu):
            w[MU + j] = shift[j]
            w[TH + j] = theta[j + 1] / span[j]
    t0 = splat4(theta[0])
    zero = splat4(0.0)
    m = np.uint64(X.shape[0])
    line = np.uint64(64 // X.itemsize)  # elements per 64-byte cache line
    row_bytes = nu * np.uint64(X.itemsize)
    fetch = (row_bytes >= np.uint64(PREFETCH_MIN_ROW)
             and m * row_bytes >= np.uint64(PREFETCH_MIN_BYTES))
    ahead = sub * nu  # the same rows of the next sub-block
    for s0 in range(r0, r1, SUB):
        base = np.uint64(s0)
        cnt = np.uint64(min(SUB, r1 - s0))
        c4 = cnt - cnt % u4
        # (1) the linear predictor of each row,
        # four rows at a time: zₖ = θ₀ + ((a₀ + a₁) + (a₂ + a₃)) for the column partials a.
        for k in range(np.uint64(0), c4, u4):
            o0 = (base + k) * nu
            o1 = o0 + nu
            o2 = o1 + nu
            o3 = o2 + nu
            a0 = zero
            a1 = zero
            a2 = zero
            a3 = zero
            # While this sub-block is computed, fetch the next one's rows into L2, four rows
            # (one group) at a time: steps (2) and (3) read nothing from memory, and without
            # the hint the memory would sit idle through them.
            if fetch and base + k + sub + u4 <= m:
                for e in range(np.uint64(0), u4 * nu, line):
                    prefetch(X, o0 + ahead + e)
            if scaled:
                for c in range(np.uint64(0), p4, u4):
                    th = load4(w, TH + c)
                    mu = load4(w, MU + c)
                    a0 = add4(a0, mul4(th, sub4(_row4(X, o0, c, n4, rem), mu)))
                    a1 = add4(a1, mul4(th, sub4(_row4(X, o1, c, n4, rem), mu)))
                    a2 = add4(a2, mul4(th, sub4(_row4(X, o2, c, n4, rem), mu)))
                    a3 = add4(a3, mul4(th, sub4(_row4(X, o3, c, n4, rem), mu)))
            else:
                for c in range(np.uint64(0), n4, u4):
                    th = load4(w, TH + c)
                    a0 = add4(a0, mul4(th, load4(X, o0 + c)))
                    a1 = add4(a1, mul4(th, load4(X, o1 + c)))
                    a2 = add4(a2, mul4(th, load4(X, o2 + c)))
                    a3 = add4(a3, mul4(th, load4(X, o3 + c)))
                if rem > 0:
                    th = load4(w, TH + n4)
                    a0 = add4(a0, mul4(th, _tail4(X, o0 + n4, rem)))
                    a1 = add4(a1, mul4(th, _tail4(X, o1 + n4, rem)))
                    a2 = add4(a2, mul4(th, _tail4(X, o2 + n4, rem)))
                    a3 = add4(a3, mul4(th, _tail4(X, o3 + n4, rem)))
            store4(w, k, add4(t0, hsums4(a0, a1, a2, a3)))
        for k in range(c4, cnt):
            o = (base + k) * nu
            acc = zero
            if scaled:
                for c in range(np.uint64(0), p4, u4):
                    xs = sub4(_row4(X, o, c, n4, rem), load4(w, MU + c))
                    acc = add4(acc, mul4(load4(w, TH + c), xs))
            else:
                for c in range(np.uint64(0), n4, u4):
                    acc = add4(acc, mul4(load4(w, TH + c), load4(X, o + c)))
                if rem > 0:
                    acc = add4(acc, mul4(load4(w, TH + n4), _tail4(X, o + n4, rem)))
            w[k] = theta[0] + hsum4(acc)
        # (2) the per-sample terms, per row lane (vectorised).
        if kind == LINEAR:
            for u in range(cnt):
                zk = w[u]
                yk = y[base + u]
                d = squared_error_dz(zk, yk)
                w[D + u] = d
                w[HL + u] += d
                w[CL + u] += squared_error(zk, yk)
        else:
            for u in range(cnt):
                zk = w[u]
                yk = y[base + u]
                s_abs, s_neg_abs = _sigmoids(zk)
                pos = zk >= 0.0
                s_pos = s_abs if pos else s_neg_abs  # σ(z)
                s_neg = s_neg_abs if pos else s_abs  # σ(−z)
                d = -yk * s_neg + (1.0 - yk) * s_pos
                w[D + u] = d
                w[HL + u] += d
                zp = zk if zk > 0.0 else 0.0
                zn = -zk if zk < 0.0 else 0.0
                w[CL + u] += yk * zn + (1.0 - yk) * zp
                w[QL + u] *= s_abs
                pu = w[PL + u]
                w[PL + u] = pu + s_neg_abs * (1.0 - pu)
                miss = (zk <= 0.0) if yk > 0.5 else (zk >= 0.0)
                w[BL + u] += 1.0 if miss else 0.0
        # (3) the gradient.
        if scaled:
            _gradient(X, base * nu, nu, n4, rem, cnt, w, D, G, MU, True)
        else:
            _gradient(X, base * nu, nu, n4, rem, cnt, w, D, G, MU, False)
    # The lanes, summed once per block in a fixed order.
    c = 0.0
    h = 0.0
    bad = 0.0
    for u in range(sub):
        c += w[CL + u]
        h += w[HL + u]
        bad += w[BL + u]
    if kind != LINEAR:
        for u in range(sub):
            c += _log_term(w[QL + u], w[PL + u])
    g[0] = h
    for j in range(nu):
        g[j + 1] = w[G + j] / span[j] if scaled else w[G + j]
    return c, np.int64(bad)


def _as_pair(X):
    """(X64, X32): X in the slot of its dtype, an empty (0, n) array in the other."""


@overload(_as_pair)
def _as_pair_impl(X):
    if X.dtype == types.float32:
        return lambda X: (np.empty((0, X.shape[1])), X)
    return lambda X: (X, np.empty((0, X.shape[1]), dtype=np.float32))


@jit(parallel=True)
def _blocks_parallel(kind, X64, X32, y, shift, span, theta, gpart, cpart, bpart, work):
    """Every block's partial sums: ``work.shape[0]`` runs of consecutive blocks, spread over
    the threads, each run with its own scratch slab.

    X is whichever of X64 (float64) and X32 (float32) has rows.  Taking both keeps this
    function — the one ``prange`` loop of the fits — at a single signature: Numba names the
    compiled body of a ``prange`` after an address in the compiling process, so two
    signatures compiled by two processes into the shared cache could clash by name when a
    third process loads both (a crash); one signature means one body, identical wherever it
    was compiled.
    """
    single = X32.shape[0] > 0
    m = X32.shape[0] if single else X64.shape[0]
    nb = gpart.shape[0]
    runs = work.shape[0]
    for t in prange(runs):
        for b in range(t * nb // runs, (t + 1) * nb // runs):
            r0 = b * BLOCK
            r1 = min(m, r0 + BLOCK)
            if single:
                c, bad = _block(kind, X32, y, shift, span, theta, r0, r1, gpart[b], work[t])
            else:
                c, bad = _block(kind, X64, y, shift, span, theta, r0, r1, gpart[b], work[t])
            cpart[b] = c
            bpart[b] = bad


@jit
def _blocks_serial_into(kind, X, y, shift, span, theta, gpart, cpart, bpart, w):
    """Every block's partial sums, one block after another (same blocks as the parallel pass)."""
    m = X.shape[0]
    for b in range(gpart.shape[0]):
        r0 = b * BLOCK
        r1 = min(m, r0 + BLOCK)
        c, bad = _block(kind, X, y, shift, span, theta, r0, r1, gpart[b], w)
        cpart[b] = c
        bpart[b] = bad


@jit
def _blocks_serial(kind, X, y, shift, span, theta, gpart, cpart, bpart):
    """Every block's partial sums, serially, with its own scratch (``shift``/``span`` empty:
    no scaling).  The per-chunk work of a distributed fit."""
    w = np.empty(scratch_size(X.shape[1]))
    _blocks_serial_into(kind, X, y, shift, span, theta, gpart, cpart, bpart, w)


@jit
def n_blocks(m):
    """Number of row blocks for m rows (at least 1)."""
    return max(1, (m + BLOCK - 1) // BLOCK)


@jit
def _work(parallel, n, nb):
    """Scratch for a pass: one slab of scratch_size(n) doubles per run of blocks (RUNS runs
    in parallel, fewer when there are fewer blocks; one serially)."""
    runs = min(RUNS, nb) if parallel else 1
    return np.empty((runs, scratch_size(n)))


def pass_flag(parallel):
    """The ``parallel`` argument of the compiled passes for a run that is parallel or not:
    True, or None for a serial run.

    A bool is a run-time choice, so code compiled for it holds both passes; None is a type of
    its own, and the code compiled for it holds only the serial pass (see :func:`_blocks`).
    """
    return True if parallel else None


def _blocks(kind, parallel, X, y, shift, span, theta, gpart, cpart, bpart, work):
    """Every block's partial sums: :func:`_blocks_parallel` when ``parallel`` is true and the
    scratch has several runs, else :func:`_blocks_serial_into` (the same blocks, the same
    sums bit for bit).

    ``parallel`` None (:func:`pass_flag` of a serial run) selects the serial pass while the
    caller is compiled: its machine code then calls neither the ``prange`` loop nor the
    ``_block`` of the other dtype, most of the compile time of a cold first serial fit.
    """


@overload(_blocks)
def _blocks_impl(kind, parallel, X, y, shift, span, theta, gpart, cpart, bpart, work):
    if isinstance(parallel, types.NoneType):
        # chosen while typing: the serial implementation has no parallel call to compile
        def serial(kind, parallel, X, y, shift, span, theta, gpart, cpart, bpart, work):
            _blocks_serial_into(kind, X, y, shift, span, theta, gpart, cpart, bpart, work[0])

        return serial

    def either(kind, parallel, X, y, shift, span, theta, gpart, cpart, bpart, work):
        if parallel and work.shape[0] > 1:
            X64, X32 = _as_pair(X)
            _blocks_parallel(kind, X64, X32, y, shift, span, theta, gpart, cpart, bpart, work)
        else:
            _blocks(kind, None, X, y, shift, span, theta, gpart, cpart, bpart, work)

    return either


@jit
def _pass(kind, parallel, X, y, shift, span, theta, g, gpart, cpart, bpart, work):
    """One pass: g ← Σᵢ ℓ'(zᵢ, yᵢ)·x̃ᵢ; returns (Σᵢ ℓ(zᵢ, yᵢ), misclassified count)."""
    _blocks(kind, parallel, X, y, shift, span, theta, gpart, cpart, bpart, work)
    nb = gpart.shape[0]
    p = g.shape[0]
    for j in range(p):
        g[j] = 0.0
    s = 0.0
    bad = 0
    for b in range(nb):
        s += cpart[b]
        bad += bpart[b]
        for j in range(p):
            g[j] += gpart[b, j]
    return s, bad


@jit
def cost_grad_sums_scaled(kind, parallel, X, y, shift, span, theta, g):
    """S = Σᵢ ℓ(zᵢ, yᵢ) and g ← Σᵢ ℓ'(zᵢ, yᵢ)·x̃ᵢ in one pass; returns (S, misclassified count).

    x̃ᵢⱼ = (Xᵢⱼ − shiftⱼ)/spanⱼ, or Xᵢⱼ when ``shift`` and ``span`` are empty.  Unscaled sums
    (multiply by the convention's c for J and ∇J), so that partial results over row chunks
    add up.  ``kind`` is ``LINEAR`` (ℓ = (z − y)²) or ``LOGISTIC`` (ℓ = softplus(z) − y·z);
    ``parallel`` as in :func:`descend_scaled`.
    """
    m, n = X.shape
    nb = n_blocks(m)
    gpart = np.empty((nb, n + 1))
    cpart = np.empty(nb)
    bpart = np.empty(nb, dtype=np.int64)
    work = _work(parallel, n, nb)
    return _pass(kind, parallel, X, y, shift, span, theta, g, gpart, cpart, bpart,
                 work)


@jit
def cost_grad_sums(kind, parallel, X, y, theta, g):
    """:func:`cost_grad_sums_scaled` of the features as they are."""
    none = np.empty(0)
    return cost_grad_sums_scaled(kind, parallel, X, y, none, none, theta, g)


@jit
def descend(kind, parallel, X, y, theta, alpha, c, num_iterations, tol, cost_hist, path, fout,
            iout):
    """:func:`descend_scaled` on the features as they are (no shift, no span)."""
    none = np.empty(0)
    descend_scaled(kind, parallel, X, y, none, none, theta, alpha, c, num_iterations, tol,
                   cost_hist, path, fout, iout)


@jit
def descend_scaled(kind, parallel, X, y, shift, span, theta, alpha, c, num_iterations, tol,
                   cost_hist, path, fout, iout):
    """Batch gradient descent θ ← θ − α·∇J(θ) with J = c·Σᵢ ℓ(zᵢ, yᵢ), fused passes.

    Parameters
    ----------
    kind, parallel : int, bool or None
        ``LINEAR`` or ``LOGISTIC``; serial or ``prange`` passes (same result, bit for bit).
        None is serial known at compile time (:func:`pass_flag`): the compiled code then
        holds no parallel pass.
    X, y : arrays (m, n) and (m,), C-contiguous; X float64 or float32 (read as it is).
    shift, span : float64 (n,) or both empty
        The features are x̃ᵢⱼ = (Xᵢⱼ − shiftⱼ)/spanⱼ, applied on the fly (no copy of X).
    theta : float64 (n + 1,)
        The start θ₀; overwritten with the result (θ[0] the intercept).
    alpha, c : float
        Learning rate and the cost convention's constant.
    num_iterations : int
        Maximum number of updates.
    tol : float
        Stop when ‖∇J(θ)‖₂ ≤ tol; a negative tol never stops early (exactly
        ``num_iterations`` updates, as the labs run).
    cost_hist : float64 (num_iterations + 1,)
        Receives J(θ_k) for k = 0 … n_iter.
    path : float64 (rows, n + 1)
        Receives θ_k when it has rows (rows = num_iterations + 1), else untouched.
    fout : float64 (2,)
        Receives the final J and ‖∇J‖₂.
    iout : int64 (4,)
        Receives n_iter (updates made), status (``MAX_ITERATIONS``, ``CONVERGED``,
        ``DIVERGED``), the iteration where divergence appeared (or −1), and the first iterate
        k whose θ_k strictly separates the classes (logistic; −1 if none).

    An exactly zero gradient stops with ``CONVERGED`` whatever ``tol`` is (every further step
    would be zero).  On divergence (J or ∇J not finite, or J > ``DIVERGE_FACTOR``·J(θ₀) > 0 at
    the iterate θ_k made by step k) θ_k is refused: θ is θ_(k−1), n_iter = k − 1, the event
    is k (0 when the start itself is non-finite) and the final gradient norm is NaN.
    One pass per iterate: n_iter + 1 passes in all, the last
    giving the cost and gradient norm of the returned θ.
    """
    m, n = X.shape
    p = n + 1
    nb = n_blocks(m)
    gpart = np.empty((nb, p))
    cpart = np.empty(nb)
    bpart = np.empty(nb, dtype=np.int64)
    work = _work(parallel, n, nb)
    g = np.empty(p)
    prev = theta.copy()
    record = path.shape[0] > 0
    if record:
        for j in range(p):
            path[0, j] = theta[j]
    status = MAX_ITERATIONS
    event = -1
    sep_at = -1
    j0 = 0.0
    cost = 0.0
    gnorm = 0.0
    it = 0
    while True:
        s, bad = _pass(kind, parallel, X, y, shift, span, theta, g, gpart, cpart, bpart, work)
        cost = c * s
        g2 = 0.0
        for j in range(p):
            g[j] *= c
            g2 += g[j] * g[j]
        gnorm = np.sqrt(g2)
        if gnorm == np.inf:
            gnorm = _scaled_norm(g)  # Σ gⱼ² overflowed although every gⱼ may be finite
        cost_hist[it] = cost
        if it == 0:
            j0 = cost
        if not (np.isfinite(cost) and np.isfinite(gnorm)) or (
            j0 > 0.0 and cost > DIVERGE_FACTOR * j0
        ):
            status = DIVERGED
            event = it
            if it > 0:
                # Refuse θ_it: return the last iterate whose cost was accepted.
                for j in range(p):
                    theta[j] = prev[j]
                it -= 1
                cost = cost_hist[it]
                gnorm = np.nan
            break
        if kind == LOGISTIC and bad == 0 and sep_at < 0:
            sep_at = it
        if gnorm == 0.0 or (tol >= 0.0 and gnorm <= tol):
            status = CONVERGED
            break
        if it >= num_iterations:
            break
        for j in range(p):
            prev[j] = theta[j]
            theta[j] -= alpha * g[j]
        it += 1
        if record:
            for j in range(p):
                path[it, j] = theta[j]
    fout[0] = cost
    fout[1] = gnorm
    iout[0] = it
    iout[1] = status
    iout[2] = event
    iout[3] = sep_at


@jit
def count_nonfinite(a):
    """How many entries of the 1-D array a are NaN or ±inf (a view of X's entries for the
    finiteness check: no temporary the size of X).

    a − a is 0 for a finite entry and NaN otherwise; counting without an early exit keeps the
    loop free of branches, so LLVM vectorises it (a clean array is the case to make fast: the
    caller finds the first bad row with NumPy only when there is one).
    """
    c = 0
    for i in range(a.shape[0]):
        d = a[i] - a[i]
        c += d != d
    return c


@jit
def count_non_labels(y):
    """How many entries of y are neither 0 nor 1 (labels of a logistic fit); branch-free, as
    :func:`count_nonfinite` (a test per label that branched would mispredict on random labels)."""
    c = 0
    for i in range(y.shape[0]):
        c += (y[i] != 0.0) & (y[i] != 1.0)
    return c


@jit
def column_statistics(X, mean, std, lo, hi):
    """Per column of X (float64 or float32), in float64 without a copy of X:
    mean = Σᵢ xᵢⱼ/m, std = sqrt(Σᵢ (xᵢⱼ − meanⱼ)²/m) (population, ddof = 0, two passes),
    lo = min, hi = max — the statistics of standard and min–max scaling.

    Four rows at a time: each column's running sums, min and max live in memory (n is not
    known when compiling), so every update is a load and a store; combining four rows first,
    (x₀ + x₁) + (x₂ + x₃), makes a quarter of them (about twice as fast on 8 or 32 columns)."""
    m, n = X.shape
    for j in range(n):
        mean[j] = 0.0
        std[j] = 0.0
        lo[j] = np.inf
        hi[j] = -np.inf
    m4 = m - m % 4
    for i in range(0, m4, 4):
        for j in range(n):
            v0 = np.float64(X[i, j])
            v1 = np.float64(X[i + 1, j])
            v2 = np.float64(X[i + 2, j])
            v3 = np.float64(X[i + 3, j])
            mean[j] += (v0 + v1) + (v2 + v3)
            lo[j] = min(lo[j], min(min(v0, v1), min(v2, v3)))
            hi[j] = max(hi[j], max(max(v0, v1), max(v2, v3)))
    for i in range(m4, m):
        for j in range(n):
            v = np.float64(X[i, j])
            mean[j] += v
            lo[j] = min(lo[j], v)
            hi[j] = max(hi[j], v)
    for j in range(n):
        mean[j] /= m
    for i in range(0, m4, 4):
        for j in range(n):
            mu = mean[j]
            d0 = np.float64(X[i, j]) - mu
            d1 = np.float64(X[i + 1, j]) - mu
            d2 = np.float64(X[i + 2, j]) - mu
            d3 = np.float64(X[i + 3, j]) - mu
            std[j] += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3)
    for i in range(m4, m):
        for j in range(n):
            d = np.float64(X[i, j]) - mean[j]
            std[j] += d * d
    for j in range(n):
        std[j] = np.sqrt(std[j] / m)
