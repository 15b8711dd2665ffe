"""One-line Unicode math for generated docstrings: ``eˣ − 1/x``, not ``exp(x) - 1/x``.

The lecture's notation, as far as plain text allows: Greek letters for their names
(``theta0`` → θ₀), subscripts for indices (``x[i]`` → xᵢ), superscripts for integer and
single-letter powers (x², eˣ), ``ln``, ``σ``, ``√``, ``Σᵢ``, ``·`` for products that need a
sign and juxtaposition for a number times a symbol (2x), and the minus sign −.  Only for
reading: the kernels are printed by :mod:`.printer`.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

_GREEK = {"theta": "θ", "alpha": "α", "beta": "β", "sigma": "σ", "lambda": "λ", "mu": "μ"}
_SUB = str.maketrans("0123456789ijkmn", "₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₘₙ")
_SUP = str.maketrans("0123456789-xyzn", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻ˣʸᶻⁿ")
#: The slope of sse_line/mse_line, m in the documents, is ``m_s`` in the catalog (m counts the
#: samples there): printed mₛ so that the two stay apart.
_NAMES = {"m_s": "mₛ"}


def _subscript(text: str) -> str | None:
    """``text`` in subscript letters, or None when one of its characters has none."""
    return text.translate(_SUB) if text and set(text) <= set("0123456789ijkmn") else None


def _superscript(text: str) -> str | None:
    """``text`` in superscript letters, or None when one of its characters has none."""
    return text.translate(_SUP) if text and set(text) <= set("0123456789-xyzn") else None


class NotationPrinter(StrPrinter):
    """Print a SymPy expression as one line of Unicode math."""

    # not "_sympystr": Indexed would print itself as x[i]
    printmethod = "_notation"

    def _print_Symbol(self, expr):
        name = expr.name
        if name in _NAMES:
            return _NAMES[name]
        match = re.fullmatch(r"([A-Za-z]+?)_?(\d+|_[ijkmn])", name)
        if match:
            base, index = match.groups()
            return _GREEK.get(base, base) + index.lstrip("_").translate(_SUB)
        return _GREEK.get(name, name)

    def _print_Indexed(self, expr):
        base = self._print(expr.base.label)
        index = "".join(self._print(i) for i in expr.indices)
        sub = _subscript(index)
        return base + sub if sub else f"{base}[{index}]"

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.base, expr.exp
        if exp == sp.Rational(1, 2):
            return self._root(base)
        if exp == -1:
            return "1/" + self.parenthesize(base, PRECEDENCE["Pow"], strict=True)
        if exp.is_Number and exp < 0:
            return "1/" + self._print(sp.Pow(base, -exp, evaluate=False))
        b = self.parenthesize(base, PRECEDENCE["Pow"], strict=True)
        sup = _superscript(notation(exp).replace("−", "-")) if base == sp.E else None
        if base != sp.E and (exp.is_Integer or exp.is_Symbol):
            sup = _superscript(self._print(exp))
        if base == sp.E:
            return "e" + sup if sup else f"exp({self._print(exp)})"
        if sup:
            return b + sup
        return f"{b}^({self._print(exp)})"

    def _root(self, base):
        inner = self._print(base)
        return "√" + inner if base.is_Atom or base.is_Indexed else f"√({inner})"

    def _print_exp(self, expr):
        return self._print_Pow(sp.Pow(sp.E, expr.args[0], evaluate=False))

    def _print_log(self, expr):
        return f"ln({self._print(expr.args[0])})"

    def _print_sigmoid(self, expr):
        return f"σ({self._print(expr.args[0])})"

    def _print_softplus(self, expr):
        return f"softplus({self._print(expr.args[0])})"

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Sum(self, expr):
        index = self._print(expr.limits[0][0])
        sub = _subscript(index) or f"_{index}"
        body = self.parenthesize(expr.function, PRECEDENCE["Mul"], strict=True)
        return f"Σ{sub} {body}"

    def _print_DiracDelta(self, expr):
        arg = self._print(expr.args[0])
        order = int(expr.args[1]) if len(expr.args) > 1 else 0
        return "δ" + "′" * order + f"({arg})"

    def _print_Piecewise(self, expr):
        pieces = [f"{self._print(v)} if {self._print(c)}" for v, c in expr.args]
        if expr.args[-1][1] == sp.true:
            pieces[-1] = f"{self._print(expr.args[-1][0])} otherwise"
        return "(" + ", ".join(pieces) + ")"

    def _print_Relational(self, expr):
        op = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_Rational(self, expr):
        return f"{expr.p}/{expr.q}"

    def _print_NumberSymbol(self, expr):
        return {"E": "e", "pi": "π"}.get(str(expr), str(expr))

    _print_Exp1 = _print_Pi = _print_NumberSymbol


_PRINTER = NotationPrinter()


def notation(expr) -> str:
    """``expr`` as one line of Unicode math (for a reader, never for evaluation)."""
    text = _PRINTER.doprint(expr)
    text = text.replace("*", "·").replace("-", "−")
    # a number times a letter or a bracket is written without the dot: 2x, 2(x − 1)
    text = re.sub(r"(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹√/^])(\d+)·(?=[^\d\s])", r"\1", text)
    return text
