"""The ``gradspec`` command.

``gradspec verify``    derive every entry, compile every kernel, run the three-way check at a
                       fixed set of points per entry and every claim check; print one table;
                       exit 1 on any mismatch.
``gradspec generate``  regenerate ``kernels/_generated`` from the catalog.
``gradspec bench``     run the benchmark suite and write its report (see ``bench/README.md``).

Errors the user can fix (a bad option, an unwritable cache directory) end with one line on
standard error and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no usage dump
        sys.stderr.write(f"gradspec: {message} (try `gradspec --help`)\n")
        raise SystemExit(2)


def count_at_least(least: int):
    """An argparse ``type``: a whole number ≥ ``least`` (``--points``, ``bench --processes``)."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"invalid count {text!r} (an integer ≥ {least})") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"must be ≥ {least}, got {value}")
        return value

    return count


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gradspec", description="A numerically-tested specification of "
                "gradient descent: SymPy derivations, generated Numba kernels, verification.")
    sub = p.add_subparsers(dest="command", metavar="{verify,generate,bench}")
    v = sub.add_parser("verify", help="derive, compile and check every catalog entry")
    v.add_argument("--entry", action="append", metavar="ID",
                   help="check only this entry (repeatable)")
    v.add_argument("--points", type=count_at_least(0), default=4, metavar="N",
                   help="points per entry for the three-way check (default 4; 0: claims only)")
    v.add_argument("--quiet", action="store_true", help="print only the summary line")
    g = sub.add_parser("generate", help="regenerate kernels/_generated from the catalog")
    g.add_argument("--check", action="store_true",
                   help="do not write; exit 1 if the committed files differ")
    b = sub.add_parser("bench", help="run the benchmark suite and write its report")
    b.add_argument("args", nargs=argparse.REMAINDER, help="options passed to the bench runner")
    return p


def _check_cache_dir() -> None:
    """Numba writes its cache next to the kernels or to NUMBA_CACHE_DIR: it must be usable."""
    cache = os.environ.get("NUMBA_CACHE_DIR")
    if not cache:
        return
    if not os.path.isdir(cache):
        try:
            os.makedirs(cache, exist_ok=True)
        except OSError as exc:
            raise _UserError(f"NUMBA_CACHE_DIR={cache!r} cannot be created ({exc.strerror})"
                             ) from None
    if not os.access(cache, os.W_OK):
        raise _UserError(f"NUMBA_CACHE_DIR={cache!r} is not writable")


class _UserError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench"]:
        # Everything after `bench` is the bench runner's (its own options, `--quick`, `--out`,
        # and pytest's after `--`): argparse's REMAINDER would refuse a leading option.
        try:
            _check_cache_dir()
        except _UserError as exc:
            sys.stderr.write(f"gradspec: {exc}\n")
            return 2
        from .bench_command import run as bench

        return bench(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            _parser().print_help()
            return 0
        _check_cache_dir()
        if args.command == "generate":
            return _generate(args.check)
        if args.command == "verify":
            from .verifier.verify import run

            return run(entries=args.entry, points=args.points, quiet=args.quiet)
        if args.command == "bench":
            from .bench_command import run as bench

            return bench(args.args)
    except _UserError as exc:
        sys.stderr.write(f"gradspec: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("gradspec: interrupted\n")
        return 130
    return 0


def _generate(check_only: bool) -> int:
    from .generator.codegen import GENERATED_DIR, render_all, write_all

    t0 = time.perf_counter()
    if check_only:
        files = render_all()
        stale = [n for n, text in files.items()
                 if not (GENERATED_DIR / n).exists() or (GENERATED_DIR / n).read_text() != text]
        if stale:
            print(f"gradspec: generated files out of date: {', '.join(stale)}")
            return 1
        print(f"gradspec: {len(files)} generated files up to date")
        return 0
    try:
        changed = write_all()
    except OSError as exc:
        raise _UserError(f"cannot write {GENERATED_DIR}: {exc.strerror}") from None
    took = time.perf_counter() - t0
    print(f"gradspec: regenerated {GENERATED_DIR} in {took:.1f} s; "
          f"{len(changed)} file(s) changed{': ' + ', '.join(changed) if changed else ''}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
