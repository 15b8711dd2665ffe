"""The API reference: every public function and result class of ``gradspec.kernels``, each
with its signature and docstring (mkdocstrings), grouped by the module that defines it."""

from __future__ import annotations

import inspect

import gradspec.kernels as gk

from .project import write

PAGE = "api.md"

#: What each module of the kernels holds, for the section headings.
MODULE_TITLES = {
    "descent": "Gradient descent and ascent",
    "newton": "Newton's method",
    "multistart": "Many starting points",
    "regression": "Fitting models",
    "results": "Results",
    "scaling": "Feature scaling",
    "experiments": "The experiments of the lectures",
    "schedules": "Learning-rate schedules",
    "functions": "The generated functions",
}


def _documentable(obj) -> bool:
    """A function (compiled ones too) or a class defined in ``gradspec.kernels``."""
    return (callable(obj) and not inspect.ismodule(obj)
            and str(getattr(obj, "__module__", "")).startswith("gradspec.kernels"))


def public_names() -> list[str]:
    """``gradspec.kernels.__all__`` when it is defined, else every public function and class
    the package exports."""
    names = getattr(gk, "__all__", None)
    if names is None:
        names = [n for n in vars(gk) if not n.startswith("_")]
    return [n for n in names if _documentable(getattr(gk, n, None))]


def api_page() -> list[str]:
    """Write ``api.md``; return the documented names."""
    groups: dict[str, list[str]] = {}
    for name in public_names():
        module = getattr(gk, name).__module__
        groups.setdefault(module, []).append(name)
    out = ["# API reference\n",
           "The public interface of `gradspec.kernels` (`import gradspec.kernels as gk`), "
           "generated from the docstrings. The formulas of the lectures are in "
           "`gk.functions.<id>`: one namespace per catalog id with `f`, `grad` and `hess` "
           "(each entry page shows its call).\n"]
    documented = []
    for module in sorted(groups, key=lambda m: list(MODULE_TITLES).index(m.rsplit(".", 1)[-1])
                         if m.rsplit(".", 1)[-1] in MODULE_TITLES else len(MODULE_TITLES)):
        short = module.rsplit(".", 1)[-1]
        out.append(f"## {MODULE_TITLES.get(short, short.replace('_', ' ').capitalize())}\n")
        for name in groups[module]:
            out.append(f"::: {module}.{name}\n")
            documented.append(name)
    out.append("## The generated functions\n")
    out.append("::: gradspec.kernels.functions.KernelFunction\n")
    documented.append("KernelFunction")
    write(PAGE, "\n".join(out))
    return documented
