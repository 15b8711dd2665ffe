"""The "Use it" block of an entry page: a call of ``gk.functions.<id>`` that a reader can copy,
run when the site is built, with what it returned; and the generated kernel's source."""

from __future__ import annotations

import ast
import html

import numpy as np

from .project import ROOT

#: The data an entry's example runs on, as Python source: the setup, which unpacks the
#: document's own data set (a name in ``gradspec.symbolic.catalog.datasets``, imported by
#: :func:`example_source`), and the arguments of the calls.
DATA_CALLS = {
    "cost_mse_half": ("x, y = SGLT1_GLUCOSE", "50.0, 10.0, x, y"),
    "cost_mse": ("x, y = SGLT1_GLUCOSE", "50.0, 10.0, x, y"),
    "cost_slope_only": ("x, y = LINE_123", "0.5, x, y"),
    "sse_line": ("x, y = LINE_123", "0.5, 0.25, x, y"),
    "mse_line": ("x, y = LINE_123", "0.5, 0.25, x, y"),
    "likelihood": ("x, y = PASS_FAIL_8", "0.5, -4.0, x, y"),
    "log_loss": ("x, y = PASS_FAIL_8", "0.5, -4.0, x, y"),
    "cost_multiple_linear": ("X, y = GLUCOSE_THREE_FEATURES",
                             "np.array([60.0, 8.0, 1.0, 0.0]), X, y"),
    "cost_polynomial": ("x, y = SGLT1_GLUCOSE", "np.array([60.0, 8.0, 0.1]), x, y"),
    "mse": ("X, y = GLUCOSE_THREE_FEATURES", "np.array([8.0, 1.0, 0.0]), 60.0, X, y"),
    "hyperplane_margin": ("x, labels = PASS_FAIL_8\n"
                          "X, y = x[:, None], 2 * labels - 1      # one feature; y in {-1, +1}",
                          "np.array([1.0]), -25.5, X, y"),
    "cross_entropy": ("q, p = ERRORS_TABLE                  # predictions, labels", "q, p"),
    "linear_model": ("X, _ = GLUCOSE_THREE_FEATURES", "np.array([8.0, 1.0, 0.0]), 60.0, X"),
    "perceptron": ("x, _ = PASS_FAIL_8\nX = x[:, None]", "np.array([1.0]), -25.5, X"),
}


def sample_point(entry, fn) -> tuple[float, ...]:
    """A point inside the entry's sampling box and domain, with one decimal per coordinate,
    where the gradient is not zero if there is one (a stationary point shows little)."""
    candidates = [tuple(round(lo + t * (hi - lo), 1) for lo, hi in entry.box)
                  for t in (0.7, 0.62, 0.55, 0.8, 0.35, 0.9, 0.2)]
    inside = [pt for pt in candidates if fn.in_domain(*pt)]
    if not inside:
        raise RuntimeError(f"no sample point inside the domain of {entry.id}")
    moving = [pt for pt in inside if np.any(np.asarray(fn.grad(*pt)) != 0)]
    return (moving or inside)[0]


def example_source(entry, fn) -> str:
    """The example's Python source: import, one namespace, the calls."""
    lines = ["import gradspec.kernels as gk", ""]
    if entry.kind == "scalar":
        pt = ", ".join(repr(float(v)) for v in sample_point(entry, fn))
        lines.append(f"fn = gk.functions.{entry.id}")
        calls = [f"fn.f({pt})", f"fn.grad({pt})"]
        if hasattr(fn.module, "hess"):
            calls.append(f"fn.hess({pt})")
    else:
        setup, args = DATA_CALLS[entry.id]
        name = setup.split("=", 1)[1].split()[0]  # the data set the setup unpacks
        lines = ["import numpy as np"] if "np." in args + setup else []
        lines += ["import gradspec.kernels as gk",
                  f"from gradspec.symbolic.catalog.datasets import {name}", "",
                  setup, f"fn = gk.functions.{entry.id}"]
        calls = [f"fn.f({args})"]
        if entry.kind != "model":
            calls.append(f"fn.grad({args})")
            if hasattr(fn.module, "hess"):
                calls.append(f"fn.hess({args})")
    return "\n".join(lines + calls) + "\n"


def run_example(source: str) -> list[tuple[str, str]]:
    """Execute the example statement by statement; (expression source, repr of its value)
    for every expression statement, as a Python console would print them."""
    namespace: dict = {"__name__": "gradspec_docs_example"}
    shown = []
    with np.printoptions(precision=17, floatmode="maxprec"):
        for node in ast.parse(source).body:
            code = ast.get_source_segment(source, node)
            if isinstance(node, ast.Expr):
                value = eval(compile(ast.Expression(node.value), "<example>", "eval"), namespace)
                shown.append((code, repr(value)))
            else:
                exec(compile(ast.Module([node], []), "<example>", "exec"), namespace)
    return shown


def use_it_section(entry, fn) -> list[str]:
    source = example_source(entry, fn)
    results = run_example(source)
    out = ["## Use it\n"]
    out.append(_signature_line(entry, fn))
    out.append(f'<div class="gs-use" markdown>\n\n```python\n{source}```\n')
    body = "\n".join(f"{html.escape(code)}\n    → {html.escape(value)}" for code, value in results)
    out.append('<p class="gs-use-label">What it returned when this page was built:</p>\n')
    out.append(f'<pre class="gs-use-output"><code>{body}</code></pre>\n\n</div>\n')
    return out


def _signature_line(entry, fn) -> str:
    if entry.kind == "scalar":
        args = ", ".join(fn.variables)
        grad = "a float" if fn.arity == 1 else f"a tuple of {fn.arity} floats"
        hess = "a float" if fn.arity == 1 else f"a {fn.arity}×{fn.arity} array"
        text = (f"Arguments, in this order: `fn.f({args})`, `fn.grad({args})`, "
                f"`fn.hess({args})`; each a real number. `grad` returns {grad}, `hess` {hess}.")
    else:
        args = ", ".join(_argument_names(entry, fn))
        text = f"Arguments, in this order: `fn.f({args})`"
        if entry.kind != "model":
            text += f", `fn.grad({args})`"
        text += " — parameters first, then the data."
    domain = fn.domain or "all real numbers"
    return text + f" Domain: {html.escape(domain)}; a point outside it raises `ValueError`.\n"


def _argument_names(entry, fn) -> tuple[str, ...]:
    if entry.kind == "data":
        return (*fn.variables, *fn.meta["data"])
    if entry.kind == "model":
        return (*fn.meta["params"], "X")
    return (*fn.meta["params"], *fn.meta["data"])


def kernel_section(entry) -> list[str]:
    """The generated module, collapsed."""
    path = ROOT / "kernels" / "_generated" / f"{entry.id}.py"
    text = path.read_text()
    body = "\n".join("    " + line if line else "" for line in text.splitlines())
    return [f'??? abstract "The generated kernel: `kernels/_generated/{entry.id}.py`"\n',
            "    ```python", body, "    ```\n"]
