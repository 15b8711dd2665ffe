"""Every tolerance of the verification, named once, with the reason.

RTOL_COMPILED
    Compiled kernel vs the 50-digit reference: |c − r| ≤ 1e-12 · max(|r|, S), where S is the
    first-order rounding-error scale of the expression the kernel evaluates
    (``reference.error_scale``).  S = |r| up to small factors unless terms cancel or a
    function's argument is large (sin(2πx) near a root, σ'' near 0, a gradient at its zero);
    there no float64 evaluation can do better than ε·S, and 1e-12 leaves a factor of ~4500
    over ε for the few roundings per operation.
RTOL_FD, FD_ROUNDING
    Central finite differences with Richardson extrapolation vs the reference: |fd − r| ≤
    1e-6·|r| + FD_ROUNDING·max|f(stencil)|/h + RTOL_COMPILED·S.  The last term is the quantity's
    own rounding floor: roundings inside f (e.g. of z = b + w·x) reach every stencil value.  The
    middle term is the rounding error of the difference quotient: each f value in the stencil x
    ± h, x ± h/2 is rounded by ε·|f|, and the Richardson combination (4·D(h/2) − D(h))/3
    amplifies that by at most (4·2 + 1)/3·2 = 6 over 1/h; FD_ROUNDING = 64ε leaves room for the
    rounding inside f. Truncation after Richardson is O(h⁴) ≈ 1e-21 times the fifth derivative,
    within the relative 1e-6 of the three-way check (docs/design.md).  Below the smallest
    normal double (2.2e-308) the float spacing is absolute, so max|f| is floored there.
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
FD_ROUNDING = 64 * EPS
SMALLEST_NORMAL = 2.2250738585072014e-308
