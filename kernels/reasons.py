"""Why a run stopped: the one vocabulary of every driver, compiled loop and result.

A compiled loop reports an integer code (Numba compiles these module constants in as
literals); Python turns it into a :class:`Reason`, a ``str`` enumeration, so that
``result.reason == "converged"`` holds and a result prints as plain text.  Every code, its
name and its sentence for people are defined here and nowhere else.

=========================  ====  ===================================================
``Reason``                 code  meaning
=========================  ====  ===================================================
``"converged"``            0     the stopping rule selected by ``tol`` held, or the
                                 gradient is exactly zero (an exact stationary point)
``"max_iterations"``       1     every allowed step was taken without meeting the rule
                                 (with ``tol=None`` there is no rule: the labs' mode)
``"diverged"``             2     a step gave a non-finite (or too large) point, value or
                                 gradient; the last accepted point is returned
``"left_domain"``          3     a step left the function's domain; the last accepted
                                 point is returned
``"separable"``            4     logistic fits: the classes are linearly separable, so
                                 the log-loss has no finite minimiser
``"interrupted"``          5     stopped by Ctrl-C (KeyboardInterrupt); the last
                                 accepted point is returned
``"singular_hessian"``     6     Newton: H is singular to working precision
``"indefinite_hessian"``   7     Newton: H is not definite in the sought direction
=========================  ====  ===================================================
"""

from __future__ import annotations

import enum

CONVERGED = 0
MAX_ITERATIONS = 1
DIVERGED = 2
LEFT_DOMAIN = 3
SEPARABLE = 4
INTERRUPTED = 5
SINGULAR_HESSIAN = 6
INDEFINITE_HESSIAN = 7


class Reason(enum.StrEnum):
    """Why a run stopped; compares equal to its text (``Reason.CONVERGED == "converged"``)."""

    CONVERGED = "converged"
    MAX_ITERATIONS = "max_iterations"
    DIVERGED = "diverged"
    LEFT_DOMAIN = "left_domain"
    SEPARABLE = "separable"
    INTERRUPTED = "interrupted"
    SINGULAR_HESSIAN = "singular_hessian"
    INDEFINITE_HESSIAN = "indefinite_hessian"

    @property
    def code(self) -> int:
        """The integer the compiled loops use for this reason."""
        return _CODES[self]

    @classmethod
    def from_code(cls, code: int) -> Reason:
        """The reason a compiled loop reported as ``code``."""
        return _BY_CODE[int(code)]

    @property
    def success(self) -> bool:
        """True only for ``converged`` (SciPy's ``OptimizeResult.success``)."""
        return self is Reason.CONVERGED

    @property
    def failed(self) -> bool:
        """True when a step was refused (the returned point is the last accepted one)."""
        return self in (Reason.DIVERGED, Reason.LEFT_DOMAIN, Reason.SINGULAR_HESSIAN,
                        Reason.INDEFINITE_HESSIAN)

    @property
    def description(self) -> str:
        """A short phrase for people (used in every result's ``message``)."""
        return _DESCRIPTIONS[self]


_CODES: dict[Reason, int] = {
    Reason.CONVERGED: CONVERGED,
    Reason.MAX_ITERATIONS: MAX_ITERATIONS,
    Reason.DIVERGED: DIVERGED,
    Reason.LEFT_DOMAIN: LEFT_DOMAIN,
    Reason.SEPARABLE: SEPARABLE,
    Reason.INTERRUPTED: INTERRUPTED,
    Reason.SINGULAR_HESSIAN: SINGULAR_HESSIAN,
    Reason.INDEFINITE_HESSIAN: INDEFINITE_HESSIAN,
}
_BY_CODE: dict[int, Reason] = {code: reason for reason, code in _CODES.items()}

_DESCRIPTIONS: dict[Reason, str] = {
    Reason.CONVERGED: "met the stopping rule",
    Reason.MAX_ITERATIONS: "took every allowed step without meeting a stopping rule",
    Reason.DIVERGED: "produced a non-finite (or too large) point, value or gradient",
    Reason.LEFT_DOMAIN: "left the domain",
    Reason.SEPARABLE: "found the classes linearly separable: the log-loss has no finite "
                      "minimiser",
    Reason.INTERRUPTED: "was interrupted (Ctrl-C)",
    Reason.SINGULAR_HESSIAN: "met a singular Hessian",
    Reason.INDEFINITE_HESSIAN: "met a Hessian that is not definite in the sought direction",
}

#: Every code, in order: a NumPy object array indexed by code gives the reasons of many runs.
ALL: tuple[Reason, ...] = tuple(_BY_CODE[c] for c in sorted(_BY_CODE))

__all__ = ["Reason", "ALL", "CONVERGED", "MAX_ITERATIONS", "DIVERGED", "LEFT_DOMAIN",
           "SEPARABLE", "INTERRUPTED", "SINGULAR_HESSIAN", "INDEFINITE_HESSIAN"]
