"""LaTeX and Markdown for the pages: values of the catalog, numbers, math blocks, links."""

from __future__ import annotations

import html
import math
import os
import re
from pathlib import Path

import numpy as np
import sympy as sp

#: Significant digits shown for a computed number; the full value is on the number's tooltip.
DIGITS = 17


def tex(expr) -> str:
    """SymPy's LaTeX with the natural logarithm written ln, as the lectures write it."""
    return sp.latex(expr, ln_notation=True)


def latex(value) -> str:
    """LaTeX for a value of the catalog: SymPy object, number, decimal string or tuple."""
    if isinstance(value, tuple | list):
        return r"\left(" + ", ".join(latex(v) for v in value) + r"\right)"
    if isinstance(value, sp.Float):
        return _float_latex(float(value))
    if isinstance(value, sp.Basic):
        return tex(value)
    if isinstance(value, bool | np.bool_):
        return r"\text{" + str(value) + "}"
    if isinstance(value, int | np.integer):
        return str(value)
    if isinstance(value, float | np.floating):
        return _float_latex(float(value))
    if isinstance(value, str):
        if _is_number(value):
            return value
        return r"\text{" + tex_text(value) + "}"
    return r"\text{" + tex_text(str(value)) + "}"


def _float_latex(v: float) -> str:
    if not math.isfinite(v):
        return {math.inf: r"\infty", -math.inf: r"-\infty"}.get(v, r"\text{NaN}")
    s = repr(v)
    if "e" in s:
        mant, exp = s.split("e")
        return rf"{mant} \times 10^{{{int(exp)}}}"
    return s


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def tex_text(s: str) -> str:
    return re.sub(r"([\\{}$&#%_^~])", r"\\\1", s)


def inline(body: str) -> str:
    return rf"\({body}\)"


def block(body: str, indent: str = "") -> str:
    """Display math for arithmatex: ``$$`` on lines of their own."""
    text = "\n".join(indent + line for line in body.strip().splitlines())
    return f"\n{indent}$$\n{text}\n{indent}$$\n"


def number(value) -> str:
    """A computed value as inline math, numbers to 17 significant digits; where that
    shortens it, the full value is the tooltip of the number (``title``)."""
    if isinstance(value, tuple | list):
        return "(" + ", ".join(number(v) for v in value) + ")"
    if isinstance(value, sp.Basic) and value.is_number and not value.is_Integer:
        if value.is_Float or not value.is_real:
            full = str(value)
            short = sp.N(value, DIGITS)
            shown = inline(latex(short if value.is_real else value))
        else:  # exact: show it, and its value
            full = str(sp.N(value, 40))
            shown = inline(rf"{tex(value)} \approx {latex(sp.N(value, DIGITS))}")
        if len(full.replace("-", "").replace(".", "")) > DIGITS + 1:
            return f'<span class="gs-num" title="{html.escape(full)}">{shown}</span>'
        return shown
    return inline(latex(value))


#: Words that mark a claim's ``document`` text as prose rather than TeX.
_PROSE = re.compile(r"[A-Za-z]{3,}[\s,.;:]+[A-Za-z]{2,}|[“”\"]")


#: Words that are math in a formula (functions, operators), never prose.
_MATH_WORDS = {"sin", "cos", "tan", "tanh", "ln", "log", "exp", "max", "min", "sign", "relu",
               "lim", "det", "arg", "sqrt", "frac", "left", "right", "cdot", "sigma"}
_TEXT_GROUP = re.compile(r"(\\(?:text|texttt|textrm|mathrm|operatorname|mbox)\{[^}]*\})")
_WORD = re.compile(r"(?<![\\A-Za-z])([A-Za-z]{2,})(?![A-Za-z])")


def document_text(text: str) -> str:
    """What the document wrote: as math if it is TeX (its words, "T = 85 on x = 0", kept
    as words), as quoted text if it is prose."""
    if "\\" not in text and _PROSE.search(text):
        return "“" + html.escape(text.strip("“”\"")) + "”"
    parts = _TEXT_GROUP.split(text)  # odd parts: \text{…} groups, left as they are
    return inline("".join(
        part if k % 2 else _WORD.sub(lambda m: m.group(1) if m.group(1) in _MATH_WORDS
                                     else rf"\text{{ {m.group(1)} }}", part)
        for k, part in enumerate(parts)))


def variables_latex(entry) -> str:
    return ", ".join(tex(v) for v in entry.variables)


def seed_of(entry) -> str:
    return entry.sources[0].seed


def entry_link(entry, from_dir: str, text: str | None = None) -> str:
    """A relative Markdown link to an entry page from a page in ``from_dir``."""
    rel = os.path.relpath(f"entries/{entry.id}.md", from_dir or ".")
    return f"[{text or short_title(entry)}]({Path(rel).as_posix()})"


def short_title(entry) -> str:
    """The entry's title without a trailing formula, for the navigation and tables."""
    return entry.title


def seed_label(titles: dict, key: str) -> str:
    title = titles.get(key)
    return f"{key} — {title}" if title else key
