"""``gradspec verify``: derive, compile and check every catalog entry; print one table.

For every entry with a function: the three-way agreement (reference, finite differences,
compiled) at a fixed, seeded set of points inside its domain — and, for costs over data, on
the seed's own data set and on a random one.  For every entry: each claim's verdict against
the derivation, compared with the verdict the catalog records.  Exit status 1 on any mismatch.
A full run also proves backpropagation (:mod:`.backprop`) and prints those proofs' table.
"""

from __future__ import annotations

import sys
import time
import zlib
from dataclasses import dataclass, field

import numpy as np

from ..catalog import CATALOG, Entry

#: The seed data set each data entry is checked on (besides a random one).
SEED_DATA = {"log_loss": "pass_fail_8", "likelihood": "pass_fail_8",
             "cost_slope_only": "line_123"}


def points_for(entry: Entry, count: int) -> list[tuple]:
    """``count`` seeded (params, data) pairs inside the entry's domain."""
    from ..catalog.datasets import DATASETS

    rng = np.random.default_rng(zlib.crc32(entry.id.encode()))
    out: list[tuple] = []
    if entry.kind == "scalar":
        for _ in range(count):
            p = [rng.uniform(lo, hi) for lo, hi in entry.box]
            if entry.extra.get("mirror"):
                p = [c * rng.choice([-1.0, 1.0]) for c in p]
            out.append((p, ()))
    elif entry.kind == "data":
        seed = DATASETS[SEED_DATA.get(entry.id, "sglt1_glucose")]
        for k in range(count):
            p = [rng.uniform(lo, hi) for lo, hi in entry.box]
            if k % 2 == 0:
                data = seed
            else:
                x = rng.uniform(-3, 3, size=5)
                y = (rng.uniform(size=5) < 0.5).astype(float) if entry.id in SEED_DATA \
                    and entry.id != "cost_slope_only" else rng.normal(size=5)
                data = (x, y)
            out.append((p, data))
    elif entry.kind == "vector":
        feats = entry.extra["features"]
        for _ in range(count):
            m_value = int(rng.integers(2, 6))
            if feats in ("affine", "wb", "margin"):
                X = rng.normal(size=(m_value, 2))
                y = rng.normal(size=m_value)
                p = rng.normal(size=3)
                out.append((p, (X, y)))
            elif feats == "polynomial":
                out.append((rng.normal(size=3), (rng.uniform(-2, 2, m_value),
                                                  rng.normal(size=m_value))))
            else:
                out.append((rng.uniform(0.05, 1.0, m_value), (rng.uniform(0, 1, m_value),)))
    return out


@dataclass
class Row:
    """One line of the table."""

    entry: str
    seed: str
    kind: str
    quantities: int = 0
    max_fd: float = 0.0
    max_compiled: float = 0.0
    max_relative: float = 0.0
    failures: list[str] = field(default_factory=list)
    right: int = 0
    rounded: int = 0
    errata: int = 0
    seconds: float = 0.0
    claims: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _model_check(entry: Entry, row: Row) -> None:
    """Models have only f: compare ŷ with the exact (mpmath fsum) prediction."""
    import mpmath

    from ...kernels import functions

    rng = np.random.default_rng(zlib.crc32(entry.id.encode()))
    X = rng.normal(size=(6, 3))
    w = rng.normal(size=3)
    b = float(rng.normal())
    got = functions.get(entry.id).f(w, b, X)
    for i in range(X.shape[0]):
        with mpmath.workdps(50):
            z = mpmath.fsum([mpmath.mpf(float(w[j])) * mpmath.mpf(float(X[i, j]))
                             for j in range(3)]) + mpmath.mpf(b)
            ref = float(z) if entry.extra.get("activation") is None else float(mpmath.sign(z))
        err = abs(got[i] - ref) / max(abs(ref), 1e-300)
        row.quantities += 1
        row.max_compiled = max(row.max_compiled, err)
        row.max_relative = max(row.max_relative, err)
        if err > 1e-12:
            row.failures.append(f"{entry.id}: row {i}: reference {ref!r}, compiled {got[i]!r}")


def verify_entry(entry: Entry, points: int) -> Row:
    """The three-way check and the claims of one entry."""
    from .check import check_point
    from .claims import check_claims

    t0 = time.perf_counter()
    row = Row(entry.id, entry.sources[0].seed, entry.kind)
    if entry.kind == "model":
        _model_check(entry, row)
    elif entry.kind != "claims":
        for params, data in points_for(entry, points):
            for q in check_point(entry.id, params, data):
                row.quantities += 1
                row.max_fd = max(row.max_fd, q.fd_error)
                row.max_compiled = max(row.max_compiled, q.compiled_error)
                if np.isfinite(q.relative_error):
                    row.max_relative = max(row.max_relative, q.relative_error)
                if not q.ok:
                    row.failures.append(q.message())
    for r in check_claims(entry.id):
        row.claims.append(r)
        if not r.as_expected:
            row.failures.append(r.message())
        elif r.verdict == "wrong":
            row.errata += 1
        elif r.verdict == "right":
            row.right += 1
        else:  # rounded, truncated, convention, typo, illustrative
            row.rounded += 1
    row.seconds = time.perf_counter() - t0
    return row


def _table(rows: list[Row]) -> str:
    head = (f"{'entry':24} {'seed':4} {'kind':6} {'checks':>6} {'max fd err':>10} "
            f"{'max compiled':>12} {'max rel':>9} {'right':>5} {'round':>5} {'errata':>6} "
            f"{'time':>6}  status")
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.entry:24} {r.seed:4} {r.kind:6} {r.quantities:6d} {r.max_fd:10.2e} "
            f"{r.max_compiled:12.2e} {r.max_relative:9.1e} {r.right:5d} {r.rounded:5d} "
            f"{r.errata:6d} {r.seconds:5.1f}s  {'ok' if r.ok else 'MISMATCH'}"
        )
    return "\n".join(lines)


def claim_tallies_table(results) -> str:
    """Per seed document: statements found and their verdicts (claims.tallies), as text.

    The document's statements are counted once (the printed reading where a statement is
    read two ways); repaired readings and the catalog's reference values are shown apart.
    """
    from .claims import VERDICTS, tallies

    short = {"right": "right", "rounded": "round", "truncated": "trunc",
             "convention": "conv", "typo": "typo", "illustrative": "illus", "wrong": "wrong"}
    head = f"{'document':8} {'statements':>10} " + " ".join(f"{short[v]:>5}" for v in VERDICTS) \
        + f"  {'repaired':>8} {'references':>10}"
    lines = [head, "-" * len(head)]
    totals = {"statements": 0, "repaired": 0, "reference": 0, **{v: 0 for v in VERDICTS}}
    for seed, t in tallies(results).items():
        n_rep, n_ref = sum(t["repaired"].values()), sum(t["reference"].values())
        lines.append(f"{seed:8} {t['statements']:10d} "
                     + " ".join(f"{t['document'][v]:5d}" for v in VERDICTS)
                     + f"  {n_rep:8d} {n_ref:10d}")
        totals["statements"] += t["statements"]
        totals["repaired"] += n_rep
        totals["reference"] += n_ref
        for v in VERDICTS:
            totals[v] += t["document"][v]
    lines.append(f"{'all':8} {totals['statements']:10d} "
                 + " ".join(f"{totals[v]:5d}" for v in VERDICTS)
                 + f"  {totals['repaired']:8d} {totals['reference']:10d}")
    lines.append("verdicts of the documents' statements (printed reading); repaired: the "
                 "obvious repair of a slip, judged too; references: values the catalog adds.")
    return "\n".join(lines)


def run(entries: list[str] | None = None, points: int = 4, quiet: bool = False) -> int:
    """Verify ``entries`` (default: all); print the table; 0 when everything agrees."""
    from .tolerances import RTOL_COMPILED, RTOL_FD

    ids = entries or list(CATALOG)
    unknown = [k for k in ids if k not in CATALOG]
    if unknown:
        sys.stderr.write(f"gradspec verify: unknown entry {', '.join(unknown)}\n")
        return 2
    t0 = time.perf_counter()
    rows = []
    for n_done, k in enumerate(ids, start=1):
        if not quiet:
            sys.stderr.write(f"\r[{n_done:2d}/{len(ids)}] deriving, compiling and checking "
                             f"{k:<28}")
            sys.stderr.flush()
        rows.append(verify_entry(CATALOG[k], points))
    if not quiet:
        sys.stderr.write("\r" + " " * 80 + "\r")
    total = time.perf_counter() - t0
    bad = [r for r in rows if not r.ok]
    if not quiet:
        print(_table(rows))
        print()
        print("max fd err: |fd − ref| / (|ref| + FD rounding bound/RTOL_FD), bound "
              f"{RTOL_FD}; max compiled: |compiled − ref| / max(|ref|, S), bound "
              f"{RTOL_COMPILED} (S: the rounding-error scale, see tolerances.py); "
              "max rel: |compiled − ref| / |ref|.")
        for r in bad:
            for msg in r.failures:
                print("MISMATCH", msg)
    if not quiet:
        print()
        print(claim_tallies_table([c for r in rows for c in r.claims]))
    checks = sum(r.quantities for r in rows)
    claims = sum(r.right + r.rounded + r.errata for r in rows)
    errata = sum(r.errata for r in rows)
    print(f"gradspec verify: {len(rows)} entries, {checks} three-way checks, {claims} claims "
          f"({errata} errata found as expected), {len(bad)} mismatching entries, "
          f"{total:.1f} s")
    # the network proofs belong to no single entry: run with the whole catalog only
    failed_proofs = 0 if entries else _backprop_proofs(quiet)
    return 1 if bad or failed_proofs else 0


def _backprop_proofs(quiet: bool) -> int:
    """Backpropagation's proofs (local derivatives, output deltas, recurrence): failures."""
    from . import backprop

    return backprop.run(quiet)
