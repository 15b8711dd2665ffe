"""The SymPy printer that writes kernel source: Python with ``math`` functions, for Numba.

Differences from SymPy's ``PythonCodePrinter``, each for a reason:

* integers print as floats (``2.0*x``) so every kernel returns float64, never an int, while
  integer exponents stay integers (``x**3``: Numba multiplies instead of calling ``pow``);
* ``x**(1/2)`` prints as ``math.sqrt(x)``, ``x**(-1)`` as ``1.0/x``; a division by ``x**n``
  (n ≥ 2) prints as n divisions by x, ``a/x/x``, so that ``x**n`` is never formed: it
  underflows to 0 for |x| < 1e-154 while the quotient may still be finite (p/q² at
  p = q = 1e-300 is 1e300), and a negative power would raise;
* the stable primitives ``sigmoid``/``softplus`` print as calls into ``_stable``, and so
  does ``tanh``: ``_stable.tanh`` is branch-free, so a loop over it vectorises (``math.tanh``
  is one scalar libm call per element), and within 1.5 ulp;
* ``sign`` and ``DiracDelta`` print as branch expressions valid away from their singular
  point (the domain of the entries that use them excludes it).

:class:`LanePrinter` prints the same expressions with ``exp`` and ``log`` as calls of the
branch-free forms in ``kernels/_stable.py`` instead of libm's: the variant a loop over many
points at once needs (a libm call in a loop stops LLVM from vectorising it).
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter


class KernelPrinter(PythonCodePrinter):
    """Print SymPy expressions as Numba-compilable Python using the ``math`` module."""

    def __init__(self):
        super().__init__({"standard": "python3", "fully_qualified_modules": True})

    def _print_Integer(self, expr):
        return f"{int(expr)}.0"

    def _print_Zero(self, expr):
        return "0.0"

    def _print_One(self, expr):
        return "1.0"

    def _print_NegativeOne(self, expr):
        return "-1.0"

    def _print_Half(self, expr):
        return "0.5"

    def _print_Rational(self, expr):
        return f"({int(expr.p)}.0/{int(expr.q)}.0)"

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.base, expr.exp
        if base == sp.E:
            return f"math.exp({self._print(exp)})"
        b = self.parenthesize(base, sp.printing.precedence.PRECEDENCE["Pow"])
        if exp == sp.Rational(1, 2):
            return f"math.sqrt({self._print(base)})"
        if exp == -sp.Rational(1, 2):
            return f"(1.0/math.sqrt({self._print(base)}))"
        if exp == -1:
            return f"(1.0/{b})"
        if exp.is_Integer and exp < 0:
            # 1.0/b/b…, not b**-n: Numba's integer power raises ZeroDivisionError when b**n
            # underflows to 0 (x**-2 at x = 1e-170), whatever the error model; a division
            # follows error_model="numpy" and gives inf, which the drivers report.
            return "(1.0" + f"/{b}" * -int(exp) + ")"
        if exp.is_Integer:
            return f"{b}**{int(exp)}"
        if exp.is_Rational:
            return f"{b}**({int(exp.p)}.0/{int(exp.q)}.0)"
        return f"{b}**{self.parenthesize(exp, sp.printing.precedence.PRECEDENCE['Pow'])}"

    def _print_Mul(self, expr):
        # a/b**n (n ≥ 2) as a/b/b…: see the module docstring.
        num, den = [], []
        for factor in expr.as_ordered_factors():
            e = factor.exp if factor.is_Pow else None
            if e is not None and e.is_Integer and e < 0 and factor.base != sp.E:
                den.append((factor.base, -int(e)))
            else:
                num.append(factor)
        if not any(n >= 2 for _, n in den):
            return super()._print_Mul(expr)
        prec = sp.printing.precedence.PRECEDENCE["Mul"]
        head = self.parenthesize(sp.Mul(*num), prec, strict=True) if num else "1.0"
        pow_prec = sp.printing.precedence.PRECEDENCE["Pow"]
        return head + "".join(f"/{self.parenthesize(b, pow_prec)}" * n for b, n in den)

    def _print_sigmoid(self, expr):
        return f"sigmoid({self._print(expr.args[0])})"

    def _print_softplus(self, expr):
        return f"softplus({self._print(expr.args[0])})"

    def _print_tanh(self, expr):
        return f"tanh({self._print(expr.args[0])})"

    def _print_sign(self, expr):
        a = self._print(expr.args[0])
        return f"(1.0 if {a} > 0.0 else (-1.0 if {a} < 0.0 else (0.0 if {a} == 0.0 else math.nan)))"

    def _print_DiracDelta(self, expr):
        # δ and its derivatives vanish away from 0; at 0 they do not exist (nan).
        a = self._print(expr.args[0])
        return f"(0.0 if {a} != 0.0 else math.nan)"

    def _print_Exp1(self, expr):
        return "math.e"

    def _print_Pi(self, expr):
        return "math.pi"


class LanePrinter(KernelPrinter):
    """:class:`KernelPrinter` with ``exp`` and ``log`` as ``_stable.exp_lanes`` and
    ``_stable.log_lanes``.

    Those are plain arithmetic (range reduction, a polynomial, exponent bits), within 1 ulp
    of libm's, and inlined, so a loop that evaluates the expression at many points runs as
    SIMD code; they are ``_stable.exp``/``_stable.log`` with their constants held in
    registers across that loop.  Every other function prints as in :class:`KernelPrinter`.
    """

    def _print_Pow(self, expr, rational=False):
        if expr.base == sp.E:
            return f"_stable.exp_lanes({self._print(expr.exp)})"
        return super()._print_Pow(expr, rational)

    def _print_exp(self, expr):
        return f"_stable.exp_lanes({self._print(expr.args[0])})"

    def _print_log(self, expr):
        if len(expr.args) != 1:
            raise ValueError(f"log with a base is not printed: {expr}")
        return f"_stable.log_lanes({self._print(expr.args[0])})"


_PRINTER = KernelPrinter()
_LANE_PRINTER = LanePrinter()


def pycode(expr, lanes: bool = False) -> str:
    """``expr`` as a Python expression for a Numba kernel (``lanes``: with the vectorisable
    exp and log of ``kernels/_stable.py``, see :class:`LanePrinter`)."""
    return (_LANE_PRINTER if lanes else _PRINTER).doprint(expr)
