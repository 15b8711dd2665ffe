"""Write the generated part of the gradspec site at build time (run by mkdocs-gen-files).

Everything it writes goes into MkDocs' virtual docs tree, never into the repository:

- ``javascripts/mathjax/…``  MathJax 3 (one combined script and its woff fonts), copied from
  the installed ``django-static-mathjax`` wheel so the site typesets math with no network;
- ``entries/<id>.md``        one page per catalog id (URL ``entries/<id>/``), its plots in
  ``entries/img/``; ``entries/index.md`` lists every id;
- ``seeds/<key>.md``         one overview page per seed document;
- ``errata.md``              every claim whose verdict is "wrong";
- ``benchmarks.md``          the newest pytest-benchmark results found, as a table and a plot;
- ``SUMMARY.md``             the navigation (mkdocs-literate-nav), one section per seed.

What it reads from the project (the "catalog API"; see ``_Project`` below):
``gradspec.symbolic.catalog`` (``CATALOG``, ``SEEDS``, ``SEED_TITLES``),
``gradspec.symbolic.derive.derivation(entry_id)`` and ``gradspec.kernels``.  Parts that do not
exist yet are left out with a note on the page, so the site builds at every stage of the
project; anything that exists and fails raises, so a broken formula fails the build.

``GRADSPEC_DOCS_ONLY=id1,id2`` builds only those entries (a shortcut while writing pages with
``mkdocs serve``; the full build, and CI, build every entry).
"""

from __future__ import annotations

import html
import importlib
import json
import logging
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import mkdocs_gen_files
import numpy as np
import sympy as sp

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS))

import plots  # noqa: E402  (docs/plots.py, next to this file)

log = logging.getLogger("mkdocs.plugins.gradspec")

# --------------------------------------------------------------------------------------------
# MathJax, served by the site itself
# --------------------------------------------------------------------------------------------

#: The combined component: TeX input (every extension, so nothing is fetched on demand),
#: CommonHTML output, the menu.  Its fonts are loaded from ``output/chtml/fonts/woff-v2/``
#: next to it.
MATHJAX_SCRIPT = "tex-chtml-full.js"
MATHJAX_FONTS = "output/chtml/fonts/woff-v2"
MATHJAX_TARGET = "javascripts/mathjax"


def mathjax_source() -> Path:
    """The ``es5`` directory of an installed MathJax 3.

    ``GRADSPEC_MATHJAX_DIR`` may name one (e.g. ``node_modules/mathjax/es5`` after
    ``npm install mathjax@3``); otherwise the copy in the ``django-static-mathjax`` wheel
    (``pip install -e ".[docs]"``; it has no dependencies and does not need Django).
    """
    env = os.environ.get("GRADSPEC_MATHJAX_DIR")
    if env:
        candidates = [Path(env)]
    else:
        try:
            import mathjax  # the django-static-mathjax wheel
        except ImportError:
            mathjax = None
        candidates = [] if mathjax is None else [
            Path(p) / "static" / "mathjax" / "es5" for p in mathjax.__path__
        ]
    for es5 in candidates:
        if (es5 / MATHJAX_SCRIPT).is_file() and (es5 / MATHJAX_FONTS).is_dir():
            return es5
    raise RuntimeError(
        f"MathJax 3 not found (looked for {MATHJAX_SCRIPT} in {[str(c) for c in candidates]}). "
        'Install the docs dependencies: pip install -e ".[docs]" (they include '
        "django-static-mathjax), or set GRADSPEC_MATHJAX_DIR to a MathJax 3 es5/ directory."
    )


def copy_mathjax() -> None:
    es5 = mathjax_source()
    files = [es5 / MATHJAX_SCRIPT, *sorted((es5 / MATHJAX_FONTS).glob("*.woff"))]
    for src in files:
        target = f"{MATHJAX_TARGET}/{src.relative_to(es5).as_posix()}"
        with mkdocs_gen_files.open(target, "wb") as f:
            f.write(src.read_bytes())
    # MathJax is Apache-2.0: ship its licence beside it.
    for name in ("LICENSE",):
        lic = es5.parent / name
        if lic.is_file():
            with mkdocs_gen_files.open(f"{MATHJAX_TARGET}/{name}", "wb") as f:
                f.write(lic.read_bytes())


# --------------------------------------------------------------------------------------------
# Sources for the API reference
# --------------------------------------------------------------------------------------------

#: mkdocstrings (griffe) reads ``gradspec.kernels`` from here; see ``paths`` in mkdocs.yml.
GRIFFE_TREE = ROOT / "build" / "griffe"


def link_api_sources() -> None:
    """Make ``build/griffe/gradspec/kernels`` point at ``kernels/``.

    The package is installed through a setuptools ``package-dir`` mapping (DESIGN.md), so the
    source tree has no ``gradspec/kernels`` directory for griffe's static analysis to find, and
    griffe's import fallback cannot use the editable install's import hook.
    """
    link = GRIFFE_TREE / "gradspec" / "kernels"
    target = ROOT / "kernels"
    if link.is_symlink() and link.resolve() == target.resolve():
        return
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target, target_is_directory=True)


# --------------------------------------------------------------------------------------------
# The project: catalog, derivations, kernels (each optional while the project is being built)
# --------------------------------------------------------------------------------------------


def _optional_import(name: str):
    """Import ``name``; None if it (or a gradspec module it needs) does not exist yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == name or exc.name.startswith("gradspec")):
            log.info("gradspec docs: %s not available yet (%s)", name, exc)
            return None
        raise


@dataclass
class _Project:
    """What the site reads from gradspec; ``None`` for a part that does not exist yet."""

    catalog: dict  # id -> Entry, in catalog order
    seeds: dict  # seed key -> file name
    seed_titles: dict  # seed key -> title
    derivation: object  # callable entry_id -> Derivation, or None
    kernels: object  # the gradspec.kernels module, or None
    check_claims: object = None  # gradspec.symbolic.claims.check_claims, or None
    steps: object = None  # gradspec.symbolic.steps.steps, or None
    verify_entry: object = None  # gradspec.symbolic.verify.verify_entry, or None

    @classmethod
    def load(cls) -> _Project:
        cat = _optional_import("gradspec.symbolic.catalog")
        catalog = dict(getattr(cat, "CATALOG", {}) or {}) if cat else {}
        seeds = dict(getattr(cat, "SEEDS", {}) or {}) if cat else {}
        titles = dict(getattr(cat, "SEED_TITLES", {}) or {}) if cat else {}
        derive = _optional_import("gradspec.symbolic.derive") if catalog else None
        kernels = _optional_import("gradspec.kernels")
        only = os.environ.get("GRADSPEC_DOCS_ONLY")
        if only:  # a development shortcut for `mkdocs serve`: build a few entries only
            keep = {s.strip() for s in only.split(",")}
            catalog = {k: e for k, e in catalog.items() if k in keep}
        claims = _optional_import("gradspec.symbolic.claims") if derive else None
        steps = _optional_import("gradspec.symbolic.steps") if derive else None
        verify = _optional_import("gradspec.symbolic.verify") if derive else None
        return cls(catalog, seeds, titles, getattr(derive, "derivation", None), kernels,
                   getattr(claims, "check_claims", None), getattr(steps, "steps", None),
                   getattr(verify, "verify_entry", None))

    def derive(self, entry):
        """The entry's Derivation, or None when ``derive`` does not exist yet or the entry has
        nothing to differentiate (a ``claims`` entry)."""
        if self.derivation is None or getattr(entry, "expr", None) is None:
            return None
        try:
            return self.derivation(entry.id)
        except Exception as exc:
            raise RuntimeError(f"gradspec docs: derivation({entry.id!r}) failed: {exc}") from exc

    def kernel(self, entry_id: str):
        """``gk.functions.<id>`` or None."""
        functions = getattr(self.kernels, "functions", None)
        return getattr(functions, entry_id, None)

    def driver(self, name: str):
        """``gk.<name>`` (gradient_descent, gradient_ascent, …) or None."""
        return getattr(self.kernels, name, None)


# --------------------------------------------------------------------------------------------
# Markdown and LaTeX helpers
# --------------------------------------------------------------------------------------------

VERDICTS = {
    "right": ("right", "gs-right"),
    "rounded": ("rounded", "gs-rounded"),
    "wrong": ("wrong", "gs-wrong"),
}
ADMONITION = {"right": "success", "rounded": "info", "wrong": "danger"}


def latex(value) -> str:
    """LaTeX for a value of the catalog: SymPy object, number, decimal string or tuple."""
    if isinstance(value, tuple | list):
        return r"\left(" + ", ".join(latex(v) for v in value) + r"\right)"
    if isinstance(value, sp.Basic):
        return sp.latex(value)
    if isinstance(value, bool | np.bool_):
        return r"\text{" + str(value) + "}"
    if isinstance(value, int | np.integer):
        return str(value)
    if isinstance(value, float | np.floating):
        return _float_latex(float(value))
    if isinstance(value, str):
        if _is_number(value):
            return value
        return r"\text{" + _tex_text(value) + "}"
    return r"\text{" + _tex_text(str(value)) + "}"


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


def _tex_text(s: str) -> str:
    return re.sub(r"([\\{}$&#%_^~])", r"\\\1", s)


def inline(tex: str) -> str:
    return rf"\({tex}\)"


def block(tex: str, indent: str = "") -> str:
    """Display math for arithmatex: ``$$`` on lines of their own."""
    body = "\n".join(indent + line for line in tex.strip().splitlines())
    return f"\n{indent}$$\n{body}\n{indent}$$\n"


#: Words that mark a claim's ``document`` text as prose rather than TeX.
_PROSE = re.compile(r"[A-Za-z]{3,}[\s,.;:]+[A-Za-z]{2,}|[“”\"]")


def document_text(text: str) -> str:
    """What the document wrote: as math if it is TeX, as quoted text if it is prose."""
    if "\\" not in text and _PROSE.search(text):
        return "“" + html.escape(text.strip("“”\"")) + "”"
    return inline(text)


def variables_latex(entry) -> str:
    return ", ".join(sp.latex(v) for v in getattr(entry, "variables", ()) or ())


def seed_of(entry) -> str:
    return entry.sources[0].seed


def entry_link(entry, from_dir: str) -> str:
    """A relative Markdown link to an entry page from a page in ``from_dir``."""
    target = f"entries/{entry.id}.md"
    rel = os.path.relpath(target, from_dir or ".")
    return f"[`{entry.id}`]({Path(rel).as_posix()})"


def seed_label(project: _Project, key: str) -> str:
    title = project.seed_titles.get(key)
    return f"{key} — {title}" if title else key


def verdict_badge(verdict: str) -> str:
    word, css = VERDICTS.get(verdict, (verdict, ""))
    return f'<span class="gs-verdict {css}">{word}</span>'


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------


@dataclass
class ClaimRow:
    entry: object
    index: int
    claim: object
    verdict: str
    true: object  # the true value, or None when it cannot be computed in this build
    true_error: str = ""


def claim_rows(project: _Project, entry, derivation) -> list[ClaimRow]:
    """Each claim with its computed verdict and true value.

    With ``gradspec.symbolic.claims`` the verdict is computed against the derivation (the
    claim tests hold it equal to the recorded ``expected``); without it, the recorded verdict
    is shown and the true value computed from the derivation where there is one.
    """
    claims = getattr(entry, "claims", ()) or ()
    if project.check_claims is not None and claims:
        try:
            results = project.check_claims(entry.id)
        except Exception as exc:
            raise RuntimeError(f"gradspec docs: check_claims({entry.id!r}) failed: {exc}") from exc
        return [ClaimRow(entry, k, r.claim, r.verdict, r.true) for k, r in enumerate(results)]
    rows = []
    for k, claim in enumerate(claims):
        true, err = None, ""
        if derivation is not None or entry.kind == "claims":
            try:
                true = claim.true(derivation)
            except Exception as exc:
                if derivation is not None:
                    raise RuntimeError(
                        f"gradspec docs: the true value of claim {claim.label!r} of "
                        f"{entry.id!r} failed: {exc}"
                    ) from exc
                err = "needs the derivation"
        rows.append(ClaimRow(entry, k, claim, getattr(claim, "expected", "right"), true, err))
    return rows


def _true_value_markup(row: ClaimRow) -> str:
    if row.true is None:
        return "*not computed in this build (" + (row.true_error or "no derivation") + ")*"
    value = row.true
    if isinstance(value, sp.Basic) and value.is_number and not value.is_Integer:
        exact = sp.latex(value)
        approx = sp.N(value, 16)
        if approx.is_real and sp.latex(approx) != exact and not value.is_Float:
            return inline(rf"{exact} \approx {sp.latex(approx)}")
    return inline(latex(value))


#: How the errata page names the test that proves a claim wrong (the ids of
#: ``tests/test_claims.py::test_claim_verdict`` are ``<entry id>:<claim label>``).
ERRATUM_TEST = "tests/test_claims.py::test_claim_verdict[{entry}:{label}]"


# --------------------------------------------------------------------------------------------
# Plots of an entry (computed with the kernels)
# --------------------------------------------------------------------------------------------

#: The descents the seed labs run, drawn on the entry pages: keyword arguments of
#: ``gk.gradient_descent`` (from SPEC.md's lab sections).  Entries without one are drawn
#: without a path.
DESCENT_DEMOS = {
    "exp_minus_log": [{"x0": 1.6, "learning_rate": 0.1, "num_iterations": 25}],
    "exp_minus_log_sin": [
        {"x0": 1.3, "learning_rate": 0.005, "num_iterations": 35},
        {"x0": 0.25, "learning_rate": 0.005, "num_iterations": 35},
    ],
    "sauna": [{"x0": (0.5, 0.6), "learning_rate": 0.25, "num_iterations": 30}],
    "three_wells": [
        {"x0": (0.5, 3.0), "learning_rate": 0.2, "num_iterations": 100},
        {"x0": (2.0, 3.0), "learning_rate": 0.2, "num_iterations": 20},
        {"x0": (4.0, 0.5), "learning_rate": 0.2, "num_iterations": 20},
    ],
}


@dataclass
class Figure:
    path: str  # virtual path under entries/img/
    caption: str


def entry_figures(project: _Project, entry, derivation) -> list[Figure]:
    """Curve (1 variable) or contour (2 variables) of a scalar entry, with its lab descents."""
    if entry.kind != "scalar" or len(entry.variables) not in (1, 2) or not entry.box:
        return []
    fn = project.kernel(entry.id)
    if fn is not None:
        f = plots.pointwise(fn.f)
        source = f"`gk.functions.{entry.id}.f`"
    else:
        # The kernels are not generated yet: draw f from the catalog expression with NumPy.
        f = sp.lambdify(entry.variables, entry.expr, modules="numpy")
        source = "the catalog expression (NumPy; the kernels are not built yet)"
    runs = _lab_runs(project, entry, fn)
    name = f"img/{entry.id}-descent.png"
    box = [tuple(map(float, b)) for b in entry.box]
    if len(entry.variables) == 1:
        (xv,) = entry.variables
        xlim = box[0]
        if runs:
            lo, hi = plots.path_limits(np.concatenate([r["path"].ravel() for r in runs]))
            xlim = (max(lo, box[0][0]), min(hi, box[0][1])) if hi > lo else box[0]
        if len(runs) <= 1:
            run = runs[0] if runs else {"path": None, "converged": None, "title": ""}
            image = plots.curve_with_steps(
                f, run["path"], xlim=xlim, title=run["title"], converged=run["converged"],
                xlabel=f"${sp.latex(xv)}$",
            )
        else:
            image = plots.runs_side_by_side(f, runs, xlim=xlim, xlabel=f"${sp.latex(xv)}$")
    else:
        xv, yv = entry.variables
        image = plots.contour_with_paths(
            f, [r["path"] for r in runs], xlim=box[0], ylim=box[1],
            labels=[r["title"] for r in runs] if runs else None,
            xlabel=f"${sp.latex(xv)}$", ylabel=f"${sp.latex(yv)}$",
        )
    with mkdocs_gen_files.open(f"entries/{name}", "wb") as out:
        out.write(image)
    if runs:
        caption = (f"{entry.id}: f from {source}, descent paths from `gk.gradient_descent` "
                   "with the lab's settings (titles).")
    else:
        caption = f"{entry.id}: f from {source}."
    return [Figure(name, caption)]


def _lab_runs(project: _Project, entry, fn) -> list[dict]:
    descend = project.driver("gradient_descent")
    if fn is None or descend is None:
        return []
    runs = []
    for kw in DESCENT_DEMOS.get(entry.id, []):
        r = descend(fn, history=True, **kw)
        x0 = kw["x0"]
        runs.append({
            "path": np.asarray(r.path, dtype=np.float64),
            "converged": bool(r.converged),
            "title": f"x₀ = {x0}, α = {kw['learning_rate']}, {r.n_iter} steps: {r.reason}",
        })
    return runs


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def write(path: str, text: str) -> None:
    with mkdocs_gen_files.open(path, "w") as f:
        f.write(text)


def entry_page(project: _Project, entry) -> list[ClaimRow]:
    """Write ``entries/<id>.md``; return its claim rows for the errata page."""
    d = project.derive(entry)
    rows = claim_rows(project, entry, d)
    out: list[str] = [f"# {entry.title}\n"]
    out.append(f"Catalog id `{entry.id}` · topic *{entry.topic}* · kind *{entry.kind}*\n")
    out.append("**Source:** " + "; ".join(
        f"[{s.file}](../seeds/{s.seed}.md) — {html.escape(s.section)}" for s in entry.sources
    ) + "\n")

    if getattr(entry, "expr", None) is not None:
        out.append("## The formula\n")
        args = variables_latex(entry)
        out.append(block(rf"f\left({args}\right) = {sp.latex(entry.expr)}"))
        if getattr(entry, "data", ()):
            out.append("Data: " + ", ".join(f"`{n}`" for n in entry.data) + ".\n")
        domain = getattr(entry, "domain", sp.true)
        if domain not in (sp.true, True, None):
            out.append("Domain: " + inline(sp.latex(domain)) + ".\n")
        stable = getattr(entry, "stable", None)
        if stable is not None:
            out.append("The kernels evaluate the equal, overflow-free form")
            out.append(block(sp.latex(stable)))

    if getattr(entry, "notes", ""):
        out.append(entry.notes.strip() + "\n")

    if d is not None and entry.kind in ("scalar", "data"):
        out.extend(_derivation_section(entry, d))
        out.extend(_steps_section(project, entry))

    figures = entry_figures(project, entry, d)
    if figures:
        out.append("## Picture\n")
        for fig in figures:
            out.append(
                f'<figure class="gs-figure" markdown>\n![{html.escape(fig.caption)}]({fig.path})\n'
                f"<figcaption markdown>{fig.caption}</figcaption>\n</figure>\n"
            )

    if rows:
        out.append("## What the document claims\n")
        for row in rows:
            out.extend(_claim_block(row))

    out.extend(_three_way_section(project, entry))
    write(f"entries/{entry.id}.md", "\n".join(out))
    return rows


#: Points per entry in the three-way check shown on the pages (the tests use more).
CHECK_POINTS = int(os.environ.get("GRADSPEC_DOCS_CHECK_POINTS", "3"))


def _three_way_section(project: _Project, entry) -> list[str]:
    out = ["## Three-way check\n"]
    if project.verify_entry is None or entry.kind == "claims":
        if entry.kind == "claims":
            out.append("This entry has no function to compile; its claims are checked above.\n")
        else:
            out.append("*The verification module is not available in this build.*\n")
        return out
    try:
        row = project.verify_entry(entry, CHECK_POINTS)
    except Exception as exc:
        raise RuntimeError(f"gradspec docs: verify_entry({entry.id!r}) failed: {exc}") from exc
    out.append(
        f"At {CHECK_POINTS} points drawn in the domain, every derived quantity (f, gradient, "
        "Hessian) was evaluated three ways: symbolically with mpmath at 50 digits (the "
        "reference), by central finite differences with Richardson extrapolation, and by the "
        "compiled Numba kernel.\n"
    )
    out.append("| quantities checked | max finite-difference error | max compiled error "
               "| max relative error | result |")
    out.append("|---|---|---|---|---|")
    verdict = "passed" if row.ok else f"**{len(row.failures)} failures**"
    out.append(f"| {row.quantities} | {row.max_fd:.2e} | {row.max_compiled:.2e} "
               f"| {row.max_relative:.2e} | {verdict} |\n")
    for failure in row.failures[:10]:
        out.append(f"- {html.escape(failure)}")
    return out


def _steps_section(project: _Project, entry) -> list[str]:
    """The document's step-by-step derivation, each step derived and proved by SymPy."""
    if project.steps is None:
        return []
    steps = project.steps(entry.id)
    if not steps:
        return []
    out = ["### Step by step, as the document works it\n"]
    for k, st in enumerate(steps, start=1):
        out.append(f"{k}. {html.escape(st.text)}")
        out.append(block(f"{st.lhs} = {st.latex}", indent="    "))
    return out


def _derivation_section(entry, d) -> list[str]:
    out = ["## Derivation (SymPy)\n"]
    names = [sp.latex(v) for v in entry.variables]
    if len(entry.variables) == 1:
        (v,) = names
        out.append(block(rf"f'\left({v}\right) = {sp.latex(d.grad[0])}"))
        out.append(block(rf"f''\left({v}\right) = {sp.latex(d.hess[0, 0])}"))
    else:
        for name, g in zip(names, d.grad, strict=True):
            out.append(block(rf"\frac{{\partial f}}{{\partial {name}}} = {sp.latex(g)}"))
        if entry.kind == "scalar":
            out.append("Hessian:")
            out.append(block(r"H = " + sp.latex(d.hess)))
    stationary = getattr(entry, "stationary", None)
    if stationary:
        points = d.stationary_points
        if points:
            out.append("### Stationary points\n")
            how = "SymPy solve" if stationary == "solve" else "Newton from a grid, mpmath"
            out.append(f"Solutions of ∇f = 0 ({how}), classified by the Hessian:\n")
            out.append("| point | f there | kind |\n|---|---|---|")
            for s in points:
                pt = latex(tuple(_round(c) for c in s.point))
                out.append(f"| {inline(pt)} | {inline(latex(_round(s.value)))} | {s.kind} |")
            out.append("")
        sets = d.stationary_sets() if hasattr(d, "stationary_sets") else []
        if sets:
            out.append("Curves of solutions: " + ", ".join(
                inline(", ".join(f"{sp.latex(k)} = {sp.latex(v)}" for k, v in s.items()))
                for s in sets) + ".\n")
    return out


def _round(value):
    """Exact values as they are; 30-digit floats shortened to 12 significant digits."""
    if isinstance(value, sp.Float):
        return sp.Float(value, 12)
    return value


def _claim_block(row: ClaimRow) -> list[str]:
    c = row.claim
    kind = ADMONITION.get(row.verdict, "note")
    origin = getattr(c, "origin", "document")
    title = f"{c.label} — {row.verdict}" + (" (reference value)" if origin == "reference" else "")
    body = [
        f"The document: {document_text(c.document)}",
        "",
        f"Claimed value: {inline(latex(c.claimed))}",
        "",
        f"True value: {_true_value_markup(row)}",
    ]
    if getattr(c, "note", ""):
        body += ["", html.escape(c.note)]
    return [f'!!! {kind} "{title.replace(chr(34), chr(39))}"'] + [
        ("    " + line) if line else "" for line in body
    ] + [""]


def errata_page(project: _Project, rows: list[ClaimRow]) -> None:
    wrong = [r for r in rows if r.verdict == "wrong"]
    out = ["# Errata\n"]
    out.append(
        "Every place where a seed document is wrong: what the document wrote, the true result "
        "derived by SymPy, and the test that proves the claim differs from the derivation. "
        f"{len(wrong)} errata in {len({r.entry.id for r in wrong})} entries.\n"
    )
    if not project.catalog:
        out.append("!!! warning \"No catalog in this build\"\n    `gradspec.symbolic.catalog` "
                   "is not available, so no claim could be listed.\n")
    by_seed: dict[str, list[ClaimRow]] = {}
    for r in wrong:
        by_seed.setdefault(seed_of(r.entry), []).append(r)
    for key in sorted(by_seed):
        out.append(f"## {seed_label(project, key)}\n")
        for r in by_seed[key]:
            c = r.claim
            out.append(f"### {entry_link(r.entry, '.')}: {html.escape(c.label)}\n")
            out.append(f"- **The document:** {document_text(c.document)}")
            out.append(f"- **Claimed:** {inline(latex(c.claimed))}")
            out.append(f"- **True:** {_true_value_markup(r)}")
            if getattr(c, "note", ""):
                out.append(f"- **Why:** {html.escape(c.note)}")
            out.append(f"- **Proved by:** `{ERRATUM_TEST.format(entry=r.entry.id, label=c.label)}`")
            out.append(f"- **Source:** {r.entry.sources[0].file} — "
                       f"{html.escape(r.entry.sources[0].section)}\n")
    write("errata.md", "\n".join(out))


def seed_pages(project: _Project) -> dict[str, list]:
    """One overview per seed; returns seed key -> entries whose first source is that seed."""
    keys = list(project.seeds) or sorted({seed_of(e) for e in project.catalog.values()})
    primary: dict[str, list] = {k: [] for k in keys}
    for e in project.catalog.values():
        primary.setdefault(seed_of(e), []).append(e)
    for key in primary:
        mentioned = [e for e in project.catalog.values() if any(s.seed == key for s in e.sources)]
        out = [f"# {seed_label(project, key)}\n"]
        if key in project.seeds:
            out.append(f"Seed document `{project.seeds[key]}`.\n")
        out.append("| id | formula | topic | section of the document |\n|---|---|---|---|")
        for e in mentioned:
            section = "; ".join(html.escape(s.section) for s in e.sources if s.seed == key)
            out.append(f"| {entry_link(e, 'seeds')} | {html.escape(e.title)} | {e.topic} "
                       f"| {section} |")
        write(f"seeds/{key}.md", "\n".join(out) + "\n")
    return primary


def entries_index(project: _Project) -> None:
    out = ["# All entries\n",
           "Every catalog id, reachable at `entries/<id>/`.\n",
           "| id | title | seed | topic | kind | claims | errata |",
           "|---|---|---|---|---|---|---|"]
    for e in project.catalog.values():
        n_wrong = sum(1 for c in e.claims if getattr(c, "expected", "") == "wrong")
        seeds = ", ".join(s.seed for s in e.sources)
        out.append(f"| {entry_link(e, 'entries')} | {html.escape(e.title)} | {seeds} | {e.topic} "
                   f"| {e.kind} | {len(e.claims)} | {n_wrong or ''} |")
    if not project.catalog:
        out.append("\n*The catalog is not available in this build.*")
    write("entries/index.md", "\n".join(out) + "\n")


# --------------------------------------------------------------------------------------------
# Benchmarks
# --------------------------------------------------------------------------------------------

#: Where pytest-benchmark JSON results are looked for (``--benchmark-json`` or autosave).
BENCH_GLOBS = ("bench/results/**/*.json", ".benchmarks/**/*.json")


def newest_benchmark() -> tuple[Path, dict] | None:
    found = []
    for pattern in BENCH_GLOBS:
        for path in ROOT.glob(pattern):
            try:
                data = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("benchmarks"):
                found.append((data.get("datetime", ""), path.stat().st_mtime, path, data))
    if not found:
        return None
    _, _, path, data = max(found, key=lambda t: (t[0], t[1]))
    return path, data


def benchmarks_page() -> None:
    out = ["# Benchmarks\n",
           "Kernel speed from the `bench/` suite (pytest-benchmark): each kernel against "
           "NumPy-vectorised code, pure Python and JAX on the same data, in one run.\n",
           "Run it with `pytest bench --benchmark-only --benchmark-json=bench/results/latest.json`"
           " and rebuild the site.\n"]
    newest = newest_benchmark()
    if newest is None:
        out.append('!!! note "No results in this build"\n    No pytest-benchmark JSON was found '
                   f"under {', '.join(f'`{g}`' for g in BENCH_GLOBS)}.\n")
        write("benchmarks.md", "\n".join(out))
        return
    path, data = newest
    machine = data.get("machine_info", {})
    cpu = machine.get("cpu", {}) if isinstance(machine.get("cpu"), dict) else {}
    when = data.get("datetime", "?")
    out.append(f"Results from `{path.relative_to(ROOT).as_posix()}`, run {when}.\n")
    out.append("## Machine\n")
    for label, value in (
        ("CPU", cpu.get("brand_raw")), ("cores", cpu.get("count")),
        ("Python", machine.get("python_version")), ("system", machine.get("system")),
        ("release", machine.get("release")),
    ):
        if value:
            out.append(f"- {label}: {html.escape(str(value))}")
    out.append("\n## Results\n")
    out.append("| benchmark | group | min (s) | mean (s) | stddev (s) | rounds |")
    out.append("|---|---|---|---|---|---|")
    names, means = [], []
    for b in data["benchmarks"]:
        st = b.get("stats", {})
        out.append(f"| `{b.get('name', '?')}` | {b.get('group') or ''} | {st.get('min', 0):.3e} "
                   f"| {st.get('mean', 0):.3e} | {st.get('stddev', 0):.1e} "
                   f"| {st.get('rounds', '')} |")
        names.append(b.get("name", "?"))
        means.append(float(st.get("mean", 0.0)))
    image = plots.bar_chart(names, means, xlabel="mean time per call (s)")
    with mkdocs_gen_files.open("img/benchmarks.png", "wb") as f:
        f.write(image)
    out.append('\n<figure class="gs-figure" markdown>\n![Mean time per benchmark]'
               "(img/benchmarks.png)\n</figure>\n")
    write("benchmarks.md", "\n".join(out))


# --------------------------------------------------------------------------------------------
# Navigation and main
# --------------------------------------------------------------------------------------------


def summary(project: _Project, primary: dict[str, list]) -> None:
    nav = ["* [Home](index.md)", "* [Getting started](getting-started.md)",
           "* [All entries](entries/index.md)"]
    for key, entries in primary.items():
        nav.append(f"* {seed_label(project, key)}")
        nav.append(f"    * [Overview](seeds/{key}.md)")
        nav.extend(f"    * [{e.id}](entries/{e.id}.md)" for e in entries)
    nav += ["* [Errata](errata.md)", "* [Benchmarks](benchmarks.md)",
            "* [API reference](api.md)"]
    write("SUMMARY.md", "\n".join(nav) + "\n")


def main() -> None:
    copy_mathjax()
    link_api_sources()
    project = _Project.load()
    rows: list[ClaimRow] = []
    for entry in project.catalog.values():
        rows.extend(entry_page(project, entry))
    primary = seed_pages(project)
    entries_index(project)
    errata_page(project, rows)
    benchmarks_page()
    summary(project, primary)


main()
