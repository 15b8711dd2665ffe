"""Long compiled runs in slices: a progress bar, and Ctrl-C that stops within a fraction of a
second.

A compiled loop cannot see Ctrl-C: Python handles the signal only when the call returns.  So
the drivers run a long loop as a sequence of compiled calls ("slices") of consecutive
iterations, each resuming from the point the previous one returned.  Between slices a
:class:`Slices` object advances the progress bar (tqdm, imported only when ``progress=True``)
and asks whether Ctrl-C arrived; if so the driver stops and returns the last accepted point
with ``reason="interrupted"``.

Slices are sized by time: the first has ``FIRST_SLICE`` iterations, each later one as many
as took about ``SLICE_SECONDS`` in the previous one, so the cost of resuming (one extra
evaluation at the slice's start point) is a negligible fraction of the run.  A slice resumes
with the same arithmetic on the same point, so slicing changes no iterate: runs reproduce bit
for bit whatever the slice sizes.

While the slices run, SIGINT is caught by a handler that only sets a flag (in the main
thread; elsewhere Python delivers no signals and the default behaviour is kept).  The
previous handler is restored afterwards.
"""

from __future__ import annotations

import signal
import threading
import time

from .reasons import INTERRUPTED, MAX_ITERATIONS

#: Iterations in the first slice.
FIRST_SLICE = 1024
#: A single run (descent, ascent, Newton) of at most this many iterations is one compiled
#: call, without slices: the slowest loop of the catalog (Newton on ``peaks``, about 1 µs a
#: step on a busy machine) takes it in under 20 ms, so Ctrl-C is answered (by Python's
#: KeyboardInterrupt) about as promptly as between slices, and the signal handler and slice
#: bookkeeping (tens of µs, a tenth of a 10,000-step scalar descent) are not paid.
ONE_CALL = 2**14
#: Target duration of a slice, in seconds.
SLICE_SECONDS = 0.05
#: The largest slice (the loops count in int64; beyond this a slice is far over budget).
MAX_SLICE = 2**40


class Slices:
    """The slicing of one run of at most ``total`` iterations (a context manager).

    Parameters
    ----------
    total
        Iterations the run may take.
    progress
        Show a tqdm progress bar of the iterations taken.
    desc
        The bar's label (the driver's name).
    """

    def __init__(self, total: int, progress: bool, desc: str):
        self.total = int(total)
        self.size = FIRST_SLICE
        self.interrupted = False
        self._bar = None
        self._progress = progress
        self._desc = desc
        self._previous = None
        self._t0 = 0.0

    def __enter__(self) -> Slices:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        if self._progress:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=self.total, desc=self._desc, unit="it", leave=False)
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _on_sigint(self, signum, frame) -> None:
        self.interrupted = True

    def next(self, remaining: int) -> int:
        """How many iterations the next slice runs (at most ``remaining``); starts the clock."""
        self._t0 = time.perf_counter()
        return max(0, min(self.size, int(remaining)))

    def took(self, steps: int, planned: int) -> None:
        """A slice of ``planned`` iterations took ``steps``: advance the bar, size the next."""
        elapsed = time.perf_counter() - self._t0
        if self._bar is not None and steps:
            self._bar.update(steps)
        if planned and elapsed > 0.0:
            rate = planned / elapsed
            self.size = int(min(MAX_SLICE, max(16, rate * SLICE_SECONDS)))
        elif planned:
            self.size = min(MAX_SLICE, self.size * 8)


def run_in_slices(total: int, progress: bool, desc: str, run_slice) -> tuple[int, int]:
    """Run ``total`` iterations as ``run_slice(done, size) -> (steps taken, reason code)``
    calls until a slice stops early, all are taken, or Ctrl-C arrives.

    Returns (steps taken in all, reason code); the code is ``INTERRUPTED`` after Ctrl-C.
    """
    done = 0
    with Slices(total, progress, desc) as slices:
        while True:
            size = slices.next(total - done)
            steps, code = run_slice(done, size)
            slices.took(steps, size)
            done += steps
            if code != MAX_ITERATIONS or done >= total:
                return done, code
            if slices.interrupted:
                return done, INTERRUPTED


__all__ = ["Slices", "run_in_slices", "FIRST_SLICE", "ONE_CALL", "SLICE_SECONDS"]
