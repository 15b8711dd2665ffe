"""The catalogue of benchmark cases: sizes, iteration counts, learning rates and tolerances.

Every size the suite runs is named here once, for the full run and for ``--bench-quick`` (the
CI smoke run: small sizes only).  The tolerances used to check each peer against the kernel
before its time counts are defined here with the reason for their size.
"""

import os
from dataclasses import dataclass

import pytest

# -- tolerances ---------------------------------------------------------------------------------

#: Batch gradient descent, 100 iterations, theta compared.  Implementations differ in the order
#: of summation (BLAS blocking, pairwise sums, XLA reduction trees, per-thread partial gradients)
#: and in exp/log (SIMD vs libm, 1-4 ulp).  Each step adds O(n·eps) relative error; the descent
#: is contractive, so after 100 steps the difference stays far below 1e-9 on our
#: well-conditioned data.
REGRESSION_RTOL = 1e-9
#: Absolute floor for theta components that are near zero (theta is O(1) on our data).
REGRESSION_ATOL = 1e-12
#: A float32 X is the float64 X rounded to 24 bits (relative error ≤ ε₃₂/2 per entry); the fit
#: sums in float64, so θ moves by about cond·ε₃₂/2 from the float64 fit.  The data are standard
#: normal (cond(XᵀX/m) ≈ 1): 8·ε₃₂ ≈ 1e-6 leaves a margin for the 100 steps.
FLOAT32_RTOL = 8 * 1.1920928955078125e-07

#: Scalar descent: the same formula in every implementation; libm exp (Python, Numba) and XLA's
#: exp may differ by 1 ulp per call, which the contractive iteration does not amplify.
SCALAR_RTOL = 1e-13

#: multistart end points: as for the scalar descent, per point.
MULTISTART_RTOL = 1e-12

# -- batch gradient descent over data ----------------------------------------------------------

#: Learning rate for both models: features are standard normal, so the Hessian of the
#: mean-squared cost has eigenvalues near 1 and 0.1 is stable and well inside the region
#: where every implementation follows the same trajectory.
LEARNING_RATE = 0.1

#: Iterations for the peer comparison.
ITERATIONS = 100

#: Largest m at which the plain-Python peer runs (it is ~1000× slower than the kernels).
PYTHON_MAX_ROWS = 1_000


@dataclass(frozen=True)
class RegressionCase:
    """One batch-gradient-descent case: a model fitted to seeded (m, n) data.

    Attributes
    ----------
    model : str
        ``"linear"`` (half mean squared error) or ``"logistic"`` (log-loss).
    m, n : int
        Rows and features of X (an intercept is fitted as well: n + 1 parameters).
    iterations : int
        Plain gradient steps (``tol=None``).
    """

    model: str
    m: int
    n: int
    iterations: int = ITERATIONS

    @property
    def label(self) -> str:
        """Short id used in test names and report rows, e.g. ``linear-1e5x8``."""
        return f"{self.model}-{sci(self.m)}x{self.n}"

    @property
    def x_bytes(self) -> int:
        """Bytes of X (float64) streamed by one iteration of a one-pass kernel."""
        return self.m * self.n * 8


def sci(m: int) -> str:
    """``1000 -> '1e3'``; other numbers unchanged."""
    text = f"{m:.0e}".replace("e+0", "e").replace("e+", "e")
    return text if float(text) == m else str(m)


_PEER_SHAPES_FULL = [(1_000, 4), (100_000, 8), (1_000_000, 8), (1_000_000, 32)]
_PEER_SHAPES_QUICK = [(1_000, 4), (10_000, 8)]


def regression_cases(quick: bool) -> list[RegressionCase]:
    """The peer-comparison cases (or the quick subset), linear then logistic."""
    shapes = _PEER_SHAPES_QUICK if quick else _PEER_SHAPES_FULL
    return [RegressionCase(model, m, n) for model in ("linear", "logistic") for m, n in shapes]


# -- cost growth ---------------------------------------------------------------------------------

GROWTH_N = 8


def growth_cases(quick: bool) -> list[RegressionCase]:
    """m = 1e3 … 1e7 at n = 8, fewer iterations where one iteration is already long."""
    if quick:
        sizes = [(1_000, 20), (10_000, 20), (100_000, 20)]
    else:
        sizes = [(1_000, 100), (10_000, 100), (100_000, 100), (1_000_000, 20), (10_000_000, 5)]
    return [
        RegressionCase(model, m, GROWTH_N, iterations)
        for model in ("linear", "logistic")
        for m, iterations in sizes
    ]


# -- read bandwidth ------------------------------------------------------------------------------

MiB = 1 << 20


def bandwidth_sizes(quick: bool) -> list[int]:
    """Array sizes in bytes for the streaming sum; the last one is the machine's limit.

    The full run goes from inside L2 to 1 GiB, beyond this machine's 480 MiB L3 (and far
    beyond what a guest actually gets of it), so the curve shows where it bends.
    """
    if quick:
        return [16 * MiB, 256 * MiB]
    return [16 * MiB, 64 * MiB, 256 * MiB, 1024 * MiB]


# -- scalar descent and multistart -------------------------------------------------------------

#: The lab call of document 002: exp_minus_log, x0 = 1.6, alpha = 0.1, 25 iterations.
LAB_X0 = 1.6
LAB_LEARNING_RATE = 0.1
LAB_ITERATIONS = 25
#: The value the lab prints for that call.
LAB_RESULT = 0.5671434156768685

#: Plain-loop lengths timed for the scalar descent.
SCALAR_ITERATIONS = [LAB_ITERATIONS, 10_000]

#: multistart: uniform starts in this interval (inside exp_minus_log's domain x > 0 and where
#: alpha = 0.1 never leaves it).
MULTISTART_INTERVAL = (0.1, 3.0)


def multistart_starts(quick: bool) -> int:
    """Number of starting points: 1e6 for the full run, 1e4 for the smoke run."""
    return 10_000 if quick else 1_000_000


# -- arrays through gk.functions ---------------------------------------------------------------

#: Implementations timed per function on arrays (``test_arrays.py``): gradspec's public call
#: (all threads above ``functions.PARALLEL_MIN``) and held to one thread, a plain ``@njit`` loop
#: over the raw kernel where one exists, and the peers NumPy, SciPy and JAX where they have the
#: function.
ARRAY_CASES = {
    "sigmoid": ["gradspec", "gradspec-serial", "numba-loop", "numpy", "scipy", "jax"],
    "tanh": ["gradspec", "gradspec-serial", "numba-loop", "numpy", "jax"],
    "log_loss": ["gradspec", "gradspec-serial", "numpy", "scipy", "jax"],
    "sauna_grad": ["gradspec", "gradspec-serial", "numpy", "jax"],
}
#: The peers among them: what a user would call instead of gradspec.
ARRAY_PEERS = ("numpy", "scipy", "jax")


# -- fresh processes -----------------------------------------------------------------------------

#: Marker of the cases ``gradspec bench --processes K`` times again in fresh processes (selected
#: there with ``--bench-repeated-only``): the memory-bound multi-threaded ones.
REPEATED = "repeated"


def repeated_min_rows(quick: bool) -> int:
    """Rows from which a regression or growth case is timed in every fresh process.

    From 1e6 rows X no longer fits the caches a guest gets, so every iteration streams it from
    memory, and two threads' share of the memory bandwidth of a virtual machine can differ
    between processes by 2× while staying put within one (see ``bench/README.md``).  The quick
    run has no such case; its largest one stands in so the smoke run takes the same path.
    """
    return 10_000 if quick else 1_000_000


def case_param(*values, id: str, repeated: bool):
    """``pytest.param(*values, id=id)``, marked ``REPEATED`` when ``repeated``."""
    marks = [getattr(pytest.mark, REPEATED)] if repeated else []
    return pytest.param(*values, id=id, marks=marks)


def quick_mode(config) -> bool:
    """True under ``--bench-quick`` or ``GRADSPEC_BENCH_QUICK=1``."""
    return bool(config.getoption("--bench-quick")) or os.environ.get(
        "GRADSPEC_BENCH_QUICK", ""
    ) not in ("", "0")
