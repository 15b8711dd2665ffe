"""Every tolerance of the verification, named once, with the reason.

RTOL_COMPILED
    Compiled kernel vs the 50-digit reference: |c − r| ≤ 1e-12 · max(|r|, S), where S is the
    first-order rounding-error scale of the expression the kernel evaluates
    (``reference.error_scale``).  S = |r| up to small factors unless terms cancel or a
    function's argument is large (sin(2πx) near a root, σ'' near 0, a gradient at its zero);
    there no float64 evaluation can do better than ε·S, and 1e-12 leaves a factor of ~4500
    over ε for the few roundings per operation.
RTOL_FD
    Central finite differences with Richardson extrapolation vs the reference:
    |fd − r| ≤ 1e-6 · (|r| + S_f / max(1, |x|)).  The difference quotient's rounding error is
    about ε·S_f/h with h = ε^(1/3)·max(1, |x|), i.e. ~4e-11·S_f/max(1, |x|); truncation after
    Richardson is O(h⁴) ≈ 1e-21 times the fifth derivative.  1e-6 is the bound DESIGN.md
    states, far above both.
RTOL_CLAIM_EXACT
    A printed decimal that agrees with the true value to 1e-12 relative counts as "right"
    (printed to full precision); otherwise it is "rounded" if it is the true value rounded
    at its last printed digit, and "wrong" if not.
"""

RTOL_COMPILED = 1e-12
RTOL_FD = 1e-6
RTOL_CLAIM_EXACT = 1e-12
EPS = 2.0**-52
FD_STEP = EPS ** (1.0 / 3.0)
