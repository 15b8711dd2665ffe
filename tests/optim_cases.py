"""Reference values and tolerances of the optimisation tests, each named once.

Every number here is a printed result of the lecture documents' labs (document and section
cited: the catalog's reference values) or a tolerance with its reason.  Values the
tests can derive (Ω = W(1), 3313/45, 7/15 …) are derived in the tests, not listed here.
"""

# -- tolerances ------------------------------------------------------------------------------

#: The sauna lab prints (4.0, 4.0), held "within 1e-12": the lab evaluates
#: its own expanded form of T (f_example_3), so the last bits of the iterates differ from the
#: generated (factored) gradient's; 30 steps contract the error to ~1e-15, far below this.
ATOL_SAUNA = 1e-12

#: Newton's method must reach Ω to 1e-15: 4.5 ulp at 0.567, the rounding floor of a
#: step x − f'(x)/f''(x) whose f' is a difference of two O(1) terms.
ATOL_NEWTON_OMEGA = 1e-15

#: Printed to 3 decimals ("near (3.479, 3.947)"): half a unit in the last printed digit.
ATOL_3_DECIMALS = 5e-4

#: Printed to 4 decimals (peaks min/max, f = −6.5511 …): half a unit in the last digit.
ATOL_4_DECIMALS = 5e-5

#: Printed to 7 decimals (sextic: ±1.6936697, f = −6.0646049): half a unit in the last digit.
ATOL_7_DECIMALS = 5e-8

#: Quadratic convergence: e_{k+1} ≤ C·e_k².  Near the sauna's minimum the observed C is about
#: 0.25; 1 leaves a factor 4.  Measured only while e_{k+1} is above the rounding floor
#: RATIO_FLOOR (below it the error is rounding noise and the ratio means nothing).
NEWTON_QUADRATIC_C = 1.0
RATIO_FLOOR = 1e-12

#: Stationary points found by Newton from a grid vs the symbolic derivation's (mpmath-polished
#: at 30 digits): a converged Newton point is within a few ulp of the root.
ATOL_STATIONARY = 1e-10

# -- document 002: the labs ----------------------------------------------------------------------

#: exp_minus_log, α = 0.1, 25 iterations, x0 = 1.6 → 0.5671434156768685 (document 002).
LAB_EXP_MINUS_LOG = (1.6, 0.1, 25, 0.5671434156768685)

#: exp_minus_log_sin, α = 0.005, 35 iterations: x0 = 1.3 → 1.7751686214270586 (global);
#: x0 = 0.25 → 0.7585728671820583 (local) (document 002).
LAB_EXP_MINUS_LOG_SIN = (
    (1.3, 0.005, 35, 1.7751686214270586),
    (0.25, 0.005, 35, 0.7585728671820583),
)

#: sauna, α = 0.25, 30 iterations, (0.5, 0.6) → (4.0, 4.0) (document 002).
LAB_SAUNA = ((0.5, 0.6), 0.25, 30, (4.0, 4.0))

#: three_wells, α = 0.2: 100 iterations from (0.5, 3) → (0.5230322579358745, 0.5169891562802605);
#: 20 iterations from (2, 3) → near (3.479, 3.947); from (4, 0.5) → near (2.981, 1.541)
#: (document 002).
LAB_THREE_WELLS_GLOBAL = ((0.5, 3.0), 0.2, 100, (0.5230322579358745, 0.5169891562802605))
LAB_THREE_WELLS_LOCAL = (
    ((2.0, 3.0), 0.2, 20, (3.479, 3.947)),
    ((4.0, 0.5), 0.2, 20, (2.981, 1.541)),
)

#: The parameter experiments of the exp_minus_log lab (document 002, table "α | iterations | x0 |
#: final x | the document says").  ``final`` is the float the plain loop returns; for the two
#: runs that leave x > 0 the document prints the plain loop's (meaningless) final value to 4
#: decimals, here as a string prefix.
EXPERIMENTS = (
    (0.1, 25, 1.6, 0.5671434156768685, "converges"),
    (0.3, 25, 1.6, 0.5671432870697419, "converges faster"),
    (0.5, 25, 1.6, "-5.3855", "does not converge"),
    (0.04, 25, 1.6, 0.5752609517121043, "not enough iterations"),
    (0.04, 75, 1.6, 0.5671434512444488, "converges slowly"),
    (0.1, 25, 0.05, 0.5671436058611076, "works, large first step"),
    (0.1, 25, 0.03, 0.5671433209245704, "risks missing the minimum"),
    (0.1, 25, 0.02, "-8.9942", "does not converge"),
)

#: Ω = W(1), the minimiser of eˣ − ln x (document 002); the tests also derive it with mpmath.
OMEGA = 0.5671432904097838

# -- document 004 ---------------------------------------------------------------------------------

#: sextic critical points (document 004): x = 0 (local min, f = 0), ±0.6817743 (local max,
#: f = 0.8794197), ±1.6936697 (global minima, f = −6.0646049).
SEXTIC_MINIMA = ((0.0, 0.0), (1.6936697, -6.0646049), (-1.6936697, -6.0646049))
SEXTIC_MAXIMA = ((0.6817743, 0.8794197), (-0.6817743, 0.8794197))

#: peaks (document 004): global min near (0.2283, −1.6255), f = −6.5511; global max near
#: (−0.0093, 1.5814), f = 8.1062; a min near (−1.3474, 0.2045), f = −3.0498; a max near
#: (−0.4600, −0.6292), f = 3.7766.
PEAKS_GLOBAL_MIN = ((0.2283, -1.6255), -6.5511)
PEAKS_GLOBAL_MAX = ((-0.0093, 1.5814), 8.1062)
PEAKS_REFERENCE = (
    ((0.2283, -1.6255), "min", -6.5511),
    ((-0.0093, 1.5814), "max", 8.1062),
    ((-1.3474, 0.2045), "min", -3.0498),
    ((-0.4600, -0.6292), "max", 3.7766),
)

# -- document 000 ---------------------------------------------------------------------------------

#: cost_slope_only on x = y = (1, 2, 3): the document's one-step examples "θ1 = 0 − 0.1·(−5) =
#: 0.5" and "θ1 = 2 − 0.2·5 = 1" use a rounded slope; exact steps give 0.4667 and 1.0667
#: (document 000).  (θ1 before, α, the document's rounded slope, its θ1 after, exact θ1 after
#: to 4 decimals.)
SLOPE_DATA = ((1.0, 2.0, 3.0), (1.0, 2.0, 3.0))
ONE_STEP = ((0.0, 0.1, -5.0, 0.5, 0.4667), (2.0, 0.2, 5.0, 1.0, 1.0667))
