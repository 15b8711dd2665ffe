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
``gradspec.symbolic.generator.derive.derivation(entry_id)`` and ``gradspec.kernels``.  Parts
that do not
exist yet are left out with a note on the page, so the site builds at every stage of the
project; anything that exists and fails raises, so a broken formula fails the build.

``GRADSPEC_DOCS_ONLY=id1,id2`` builds only those entries (a shortcut while writing pages with
``mkdocs serve``; the full build, and CI, build every entry).
"""

from __future__ import annotations

import html
import importlib
import inspect
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
GRIFFE_TREE = ROOT / ".api"  # committed: .api/gradspec/kernels -> ../../kernels


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
    check_claims: object = None  # gradspec.symbolic.verifier.claims.check_claims, or None
    steps: object = None  # gradspec.symbolic.generator.steps.steps, or None
    verify_entry: object = None  # gradspec.symbolic.verifier.verify.verify_entry, or None
    has_experiments: bool = False  # the page of 004's experiments was written

    @classmethod
    def load(cls) -> _Project:
        cat = _optional_import("gradspec.symbolic.catalog")
        catalog = dict(getattr(cat, "CATALOG", {}) or {}) if cat else {}
        seeds = dict(getattr(cat, "SEEDS", {}) or {}) if cat else {}
        titles = dict(getattr(cat, "SEED_TITLES", {}) or {}) if cat else {}
        derive = _optional_import("gradspec.symbolic.generator.derive") if catalog else None
        kernels = _optional_import("gradspec.kernels")
        only = os.environ.get("GRADSPEC_DOCS_ONLY")
        if only:  # a development shortcut for `mkdocs serve`: build a few entries only
            keep = {s.strip() for s in only.split(",")}
            catalog = {k: e for k, e in catalog.items() if k in keep}
        claims = _optional_import("gradspec.symbolic.verifier.claims") if derive else None
        steps = _optional_import("gradspec.symbolic.generator.steps") if derive else None
        verify = _optional_import("gradspec.symbolic.verifier.verify") if derive else None
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
    "truncated": ("truncated", "gs-rounded"),
    "convention": ("other convention", "gs-rounded"),
    "typo": ("typo in an operand", "gs-rounded"),
    "illustrative": ("illustrative", "gs-rounded"),
    "wrong": ("wrong", "gs-wrong"),
}
ADMONITION = {"right": "success", "rounded": "info", "truncated": "info",
              "convention": "warning", "typo": "warning", "illustrative": "note",
              "wrong": "danger"}


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
    result: object = None  # the verifier's ClaimResult (verdict, computation), when computed


def claim_rows(project: _Project, entry, derivation) -> list[ClaimRow]:
    """Each claim with its computed verdict and true value.

    With ``gradspec.symbolic.verifier.claims`` the verdict is computed against the derivation (the
    claim tests hold it equal to the recorded ``expected``); without it, the recorded verdict
    is shown and the true value computed from the derivation where there is one.
    """
    claims = getattr(entry, "claims", ()) or ()
    if project.check_claims is not None and claims:
        try:
            results = project.check_claims(entry.id)
        except Exception as exc:
            raise RuntimeError(f"gradspec docs: check_claims({entry.id!r}) failed: {exc}") from exc
        return [ClaimRow(entry, k, r.claim, r.verdict, r.true, result=r)
                for k, r in enumerate(results)]
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
#: ``tests/test_claims.py::test_claim_verdict`` are ``<entry id>:<claim label>``, followed by
#: `` (printed)`` or `` (repaired)`` for a statement read two ways).
ERRATUM_TEST = "tests/test_claims.py::test_claim_verdict[{entry}:{label}]"


# --------------------------------------------------------------------------------------------
# Plots of an entry (computed with the kernels)
# --------------------------------------------------------------------------------------------

def lab_settings(entry) -> list[dict]:
    """The descents the seed labs run, as keyword arguments of ``gk.gradient_descent``.

    Read from the catalog, never typed here: every claim whose true value is the lab's loop
    (``truths.lab(x0, learning_rate, num_iterations)``, whose arguments the lambda keeps in
    its closure), then the rows of ``extra["experiments"]`` written ``(x0, α, iterations,
    what)`` (three_wells).  exp_minus_log's experiments, written ``(α, iterations, x0,
    what)``, have their own picture (:func:`lr_experiment_figure`).
    """
    runs = []
    for claim in getattr(entry, "claims", ()) or ():
        true = getattr(claim, "true", None)
        if not (callable(true) and getattr(true, "__qualname__", "") == "lab.<locals>.<lambda>"
                and getattr(true, "__module__", "").endswith("catalog.truths")):
            continue
        args = inspect.getclosurevars(true).nonlocals
        runs.append({k: args[k] for k in ("x0", "learning_rate", "num_iterations")})
    for row in (getattr(entry, "extra", None) or {}).get("experiments", ()):
        if isinstance(row[0], tuple | list):
            x0, alpha, n, _said = row
            runs.append({"x0": x0, "learning_rate": alpha, "num_iterations": n})
    for run in runs:
        x0 = tuple(float(v) for v in np.atleast_1d(run["x0"]))
        run["x0"] = x0[0] if len(x0) == 1 else x0
    return runs


def fmt_point(x, digits: int = 7) -> str:
    """1.6 or (0.5, 3): a start or end point for a title."""
    vals = [float(v) for v in np.ravel(x)]
    if len(vals) == 1:
        return f"{vals[0]:.{digits}g}"
    return "(" + ", ".join(f"{v:.{digits}g}" for v in vals) + ")"


@dataclass
class Figure:
    path: str  # virtual path under entries/img/
    caption: str


def entry_figures(project: _Project, entry, derivation) -> list[Figure]:
    """Curve (1 variable) or contour (2 variables) of a scalar entry, with its lab descents."""
    if entry.kind != "scalar" or len(entry.variables) not in (1, 2) or not entry.box:
        return []
    if entry.id in REPLACES_STANDARD and project.kernel(entry.id) is not None:
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
    for kw in lab_settings(entry):
        r = descend(fn, history=True, **kw)
        runs.append({
            "path": np.asarray(r.path, dtype=np.float64),
            # green: met its stopping rule; blue: took every step (tol=None, as the labs);
            # red: a step was refused.
            "converged": {"converged": True, "max_iterations": None}.get(r.reason, False),
            "title": (f"x₀ = {fmt_point(kw['x0'])}, α = {kw['learning_rate']}, "
                      f"{r.n_iter} steps: {r.reason} → {fmt_point(r.x)}"),
        })
    return runs


# --------------------------------------------------------------------------------------------
# The experiment pictures: the exp_minus_log learning-rate experiment, regression on the seed
# data, 004's experiments, multi-start basins, ascent and descent on peaks
# --------------------------------------------------------------------------------------------


def _save(path: str, image: bytes) -> None:
    with mkdocs_gen_files.open(path, "wb") as out:
        out.write(image)


def _domain_boundary(entry) -> float | None:
    """c for a domain written x > c (or x ≥ c), else None."""
    dom = getattr(entry, "domain", None)
    if isinstance(dom, sp.StrictGreaterThan | sp.GreaterThan) and dom.rhs.is_number:
        return float(dom.rhs)
    return None


def lr_experiment_figure(project: _Project, entry, d) -> list[Figure]:
    """exp_minus_log: every row of the lab's parameter experiment, run by the kernels."""
    rows = (getattr(entry, "extra", None) or {}).get("experiments", ())
    fn, descend = project.kernel(entry.id), project.driver("gradient_descent")
    if not rows or fn is None or descend is None or isinstance(rows[0][0], tuple | list):
        return []
    minima = [s for s in (d.stationary_points if d is not None else ()) if s.kind == "min"]
    xstar = float(sp.N(minima[0].point[0], 17)) if len(minima) == 1 else None
    boundary = _domain_boundary(entry)
    box = tuple(map(float, entry.box[0]))
    runs, failures = [], []
    for alpha, n, x0, said in rows:
        r = descend(fn, x0=x0, learning_rate=alpha, num_iterations=n, history=True)
        path = np.asarray(r.path, dtype=np.float64).reshape(-1)
        title = f"α = {alpha}, {n} iterations, x₀ = {x0}\ndocument: “{said}”\n"
        run = {"path": path, "reason": r.reason}
        lo, hi = plots.path_limits(path, pad=0.15)
        if r.failed_at is not None:
            k, bad = r.failed_at, float(r.rejected)
            run["rejected"], run["boundary"] = bad, boundary
            run["failure"] = f"step {k} refused: x_{k} = {bad:.4g}"
            run["end_label"] = f"last accepted x_{r.n_iter} = {r.x:.4g}"
            title += f"gradspec: {r.reason} at step {k}"
            edge = boundary if boundary is not None else lo
            span = max(float(path.max()) - edge, 1.0)
            run["xlim"] = (edge - 0.25 * span, float(path.max()) + 0.12 * span)
            failures.append(f"α = {alpha}, x₀ = {x0}: `{r.reason}` at step {k} "
                            f"(x_{k} = {bad:.6g} refused; stops at x_{r.n_iter} = {r.x:.6g})")
        else:
            gap = f" (error {abs(r.x - xstar):.1e})" if xstar is not None else ""
            title += f"gradspec: {r.reason}, x_{r.n_iter} = {r.x:.8g}{gap}"
            run["xlim"] = (max(lo, box[0]), min(hi, box[1]))
        run["title"] = title
        runs.append(run)
    (xv,) = entry.variables
    image = plots.learning_rate_experiment(plots.pointwise(fn.f), runs,
                                           xlabel=f"${sp.latex(xv)}$", ylabel="f(x)")
    name = f"img/{entry.id}-learning-rates.png"
    _save(f"entries/{name}", image)
    star = f", x\\* = Ω = {xstar!r} from the derivation" if xstar is not None else ""
    caption = (
        f"The lab's parameter experiment (`extra[\"experiments\"]`, {len(rows)} runs of "
        f"`gk.gradient_descent`), one panel each, titled with what the document says and what "
        f"gradspec reports (the error is |x − x\\*|{star}). Blue: every step taken; red: a "
        "step was refused and the run stopped at the last good point (the dashed arrow "
        "points at the refused iterate, the shaded region is outside the domain). Refused: "
        + "; ".join(failures) + "."
    )
    return [Figure(name, caption)]


def regression_figure(project: _Project, entry, d) -> list[Figure]:
    """cost_mse_half on sglt1_glucose: the surface, the unscaled and standardised descents."""
    fn, fit = project.kernel(entry.id), project.driver("linear_regression")
    datasets = getattr(project.kernels, "datasets", None)
    if fn is None or fit is None or datasets is None:
        return []
    X, y = datasets.SGLT1_GLUCOSE
    optimum = np.linalg.lstsq(np.column_stack([np.ones_like(X), X]), y, rcond=None)[0]
    runs = [  # (scale, α, iterations, colour): illustration settings, the document prints none
        (None, 0.03, 1000, "tab:red"),
        ("standard", 0.3, 50, "white"),
    ]
    panels, histories, lines = [], [], []
    for scale, alpha, n, colour in runs:
        r = fit(X, y, alpha, n, scale=scale, history=True)
        what = "unscaled x" if scale is None else f"x scaled ({scale})"
        err = float(np.linalg.norm(r.theta - optimum))
        panels.append({
            "path": r.path, "colour": colour,
            "label": f"{what}, α = {alpha}: {r.n_iter} steps",
            "title": (f"{what}, α = {alpha}, {n} iterations\n{r.reason}: θ = "
                      f"({r.theta[0]:.4f}, {r.theta[1]:.4f}), ‖θ − θ*‖ = {err:.1e}"),
        })
        histories.append({"cost": r.cost_history, "colour": "tab:red" if scale is None
                          else "tab:blue", "label": f"{what}, α = {alpha}"})
        lines.append(f"{what}, α = {alpha}, {n} iterations: `{r.reason}`, θ = "
                     f"({r.theta[0]:.6g}, {r.theta[1]:.6g}), J = {r.cost:.8g}")
    jmin = float(fn.f(float(optimum[0]), float(optimum[1]), X, y))
    histories[0]["floor"] = jmin
    pts = np.vstack([p["path"] for p in panels] + [optimum[None, :]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.08 * (hi - lo)
    t0, t1 = (sp.latex(v) for v in entry.variables)
    image = plots.regression_paths(
        plots.pointwise(lambda a, b: fn.f(a, b, X, y)), panels,
        xlim=(lo[0] - pad[0], hi[0] + pad[0]), ylim=(lo[1] - pad[1], hi[1] + pad[1]),
        optimum=optimum, optimum_label=f"least squares θ* = ({optimum[0]:.4f}, {optimum[1]:.4f})",
        histories=histories, xlabel=f"${t0}$ (intercept)", ylabel=f"${t1}$ (slope)",
    )
    name = f"img/{entry.id}-sglt1-glucose.png"
    _save(f"entries/{name}", image)
    caption = (
        "J(θ₀, θ₁) on the `sglt1_glucose` data (x = SGLT1 expression, y = blood glucose; "
        "`gk.functions.cost_mse_half.f`, logarithmic contours) with the descent paths of "
        "`gk.linear_regression(..., history=True)` from θ = (0, 0), in original units, and the "
        f"least-squares optimum θ* = ({optimum[0]:.10g}, {optimum[1]:.10g}), J = {jmin:.8g} "
        "(`numpy.linalg.lstsq`). Unscaled, the long narrow valley makes the steps zig-zag "
        "across it and then crawl along it; standardised, the steps are taken where the "
        "valley is round, and the path (mapped back to original units) runs straight to θ*. "
        "Runs: " + "; ".join(lines) + "."
    )
    return [Figure(name, caption)]


def log_loss_figure(project: _Project, entry, d) -> list[Figure]:
    """log_loss on pass_fail_8: the descent runs off along a ray; the loss has no minimiser."""
    fn, fit = project.kernel(entry.id), project.driver("logistic_regression")
    datasets = getattr(project.kernels, "datasets", None)
    if fn is None or fit is None or datasets is None:
        return []
    X, y = datasets.PASS_FAIL_8
    # Illustration settings (the document's own descent is hypothetical): α below
    # 2/(largest curvature) of this unscaled data, so the loss falls at every step.
    alpha, n = 0.01, 40000
    r = fit(X, y, alpha, n, history=True)
    if r.reason != "separable":
        raise RuntimeError(f"gradspec docs: logistic_regression on pass_fail_8 reported "
                           f"{r.reason!r}, the page explains 'separable'")
    wv, bv = (sp.latex(v) for v in entry.variables)
    path = np.asarray(r.path)[:, [1, 0]]  # FitResult θ is (intercept b, slope w); axes (w, b)
    k = int(r.separated_at)
    direction = path[-1]  # the last iterate: it separates too (it has the smallest loss)
    loss = plots.pointwise(lambda w, b: fn.f(w, b, X, y))
    # The ray t·θ_n, far enough that J falls below 1e-8.
    t_end = 1.0
    while float(fn.f(t_end * direction[0], t_end * direction[1], X, y)) > 1e-8 and t_end < 1e6:
        t_end *= 2.0
    ts = np.linspace(0.0, t_end, 400)
    ray = loss(ts * direction[0], ts * direction[1])
    norms = np.linalg.norm(path, axis=1)
    reach = np.abs(path).max(axis=0)
    xlim = (-0.15 * reach[0], 1.5 * reach[0])
    ylim = (-1.5 * reach[1], 0.15 * reach[1])
    image = plots.log_loss_no_minimiser(
        loss, path=path, separated_at=k, xlim=xlim, ylim=ylim, ray_t=ts, ray_loss=ray,
        ray_direction=direction, cost_history=r.cost_history, norms=norms,
        run_label=f"gradient descent, α = {alpha}, {r.n_iter} steps", xlabel=f"${wv}$",
        ylabel=f"${bv}$",
    )
    name = f"img/{entry.id}-no-minimiser.png"
    _save(f"entries/{name}", image)
    caption = (
        "The log-loss J(w, b) on `pass_fail_8` (every x ≤ 24 fails, every x ≥ 27 passes: the "
        f"classes are linearly separable). `gk.logistic_regression` from (0, 0), α = {alpha}, "
        f"{n} iterations, reports **`{r.reason}`**: iterate k = {k}, (w, b) = "
        f"({path[k, 0]:.4g}, {path[k, 1]:.4g}), already classifies all 8 students "
        f"correctly. The last iterate θ_n = ({direction[0]:.4g}, {direction[1]:.4g}) has "
        f"J = {r.cost:.4g}; along the ray t·θ_n the loss keeps falling toward 0 without "
        f"reaching it (J = {float(ray[0]):.4g} at t = 0, {float(ray[-1]):.3g} at "
        f"t = {t_end:g}), so no finite (w, b) is a minimiser, and the run's ‖θ‖ "
        f"(= {norms[-1]:.4g} after {r.n_iter} steps) grows without bound."
    )
    return [Figure(name, caption)]


def basins_figure(project: _Project, entry, d) -> list[Figure]:
    """sextic: gradient descent from a grid of starts in [−2, 2], by the minimum reached."""
    fn, multistart = project.kernel(entry.id), project.driver("multistart")
    if fn is None or multistart is None:
        return []
    # The document: "random initial values for x between -2 and 2"; an evenly spaced grid
    # (with x0 = 0 exactly, the start that never moves).  α and iterations are illustration
    # settings (the document prints none).
    starts = np.linspace(-2.0, 2.0, 201)
    alpha, n = 0.01, 500
    m = multistart(fn, starts, learning_rate=alpha, num_iterations=n)
    clusters = [{"x": float(c.x), "value": float(c.value),
                 "label": f"x = {float(c.x):.7g} ({c.kind}, f = {float(c.value):.7g})"}
                for c in m.clusters]
    maxima = [float(sp.N(s.point[0], 17)) for s in (d.stationary_points if d else ())
              if s.kind == "max"]
    image = plots.multistart_basins(
        plots.pointwise(fn.f), starts, np.asarray(m.x), np.asarray(m.labels), clusters,
        xlim=(-2.05, 2.05), walls=maxima,
        walls_label="local maxima (derivation): " + ", ".join(f"{v:.7g}" for v in maxima),
    )
    name = f"img/{entry.id}-basins.png"
    _save(f"entries/{name}", image)
    counts = "; ".join(f"{c.count} starts reach x = {float(c.x):.7g} ({c.kind}, "
                       f"f = {float(c.value):.7g})" for c in m.clusters)
    zero = int(np.flatnonzero(starts == 0.0)[0])
    caption = (
        f"`gk.multistart(gk.functions.sextic, starts, learning_rate={alpha}, "
        f"num_iterations={n})` from {starts.size} evenly spaced starts in [−2, 2]: {counts}. "
        "How the runs ended: " + ", ".join(f"{v} `{k}`" for k, v in m.counts().items())
        + f". The start x₀ = 0 is a stationary point (f′(0) = 0) and "
        f"never moves: it ends at {float(m.x[zero])!r} after {int(m.n_iter[zero])} steps "
        f"(`{m.reason[zero]}`). The local maxima between the basins (dotted) decide which "
        "minimum a start reaches."
    )
    return [Figure(name, caption)]


#: Peaks: the document prints no starts or settings for its ascent/descent demonstration;
#: these starts are chosen to reach every kind of extremum (the end points come from the run).
PEAKS_DESCENT_STARTS = ((-0.5, -1.5), (-1.0, -1.0), (0.0, 0.0))
PEAKS_ASCENT_STARTS = ((0.5, 1.0), (-1.0, -1.0), (1.0, 0.5))
PEAKS_SETTINGS = {"learning_rate": 0.01, "num_iterations": 500}


def peaks_figure(project: _Project, entry, d) -> list[Figure]:
    fn = project.kernel(entry.id)
    descend, ascend = project.driver("gradient_descent"), project.driver("gradient_ascent")
    if fn is None or descend is None or ascend is None:
        return []
    groups, reasons = {}, set()
    for key, driver, starts in (("descent", descend, PEAKS_DESCENT_STARTS),
                                ("ascent", ascend, PEAKS_ASCENT_STARTS)):
        groups[key] = []
        for x0 in starts:
            r = driver(fn, x0, history=True, **PEAKS_SETTINGS)
            groups[key].append({
                "path": r.path,
                "label": (f"{key} from {fmt_point(x0, 3)} → {fmt_point(r.x, 4)}, "
                          f"f = {r.value:.4f}"),
            })
            reasons.add(r.reason)
    xv, yv = entry.variables
    box = [tuple(map(float, b)) for b in entry.box]
    image = plots.ascent_and_descent(
        plots.pointwise(fn.f), groups["descent"], groups["ascent"], xlim=box[0], ylim=box[1],
        xlabel=f"${sp.latex(xv)}$", ylabel=f"${sp.latex(yv)}$",
        title=(f"peaks: gradient descent (solid) and ascent (dashed), "
               f"α = {PEAKS_SETTINGS['learning_rate']}, {PEAKS_SETTINGS['num_iterations']} "
               "iterations"),
    )
    name = f"img/{entry.id}-ascent-descent.png"
    _save(f"entries/{name}", image)
    caption = (
        "f from `gk.functions.peaks.f`; solid paths: `gk.gradient_descent` (to minima), dashed: "
        "`gk.gradient_ascent` (to maxima), from the starts in the legend (○ start, ★ end). "
        "From (−1, −1) descent and ascent part ways: one goes down to a minimum, the other up "
        "to a maximum. End points and values are the runs' (legend); every run took all "
        f"{PEAKS_SETTINGS['num_iterations']} steps with no stopping rule (reason: "
        f"{', '.join(f'`{r}`' for r in sorted(reasons))})."
    )
    return [Figure(name, caption)]


#: Pictures beyond the standard curve or contour, by entry id.
EXTRA_FIGURES = {
    "exp_minus_log": lr_experiment_figure,
    "cost_mse_half": regression_figure,
    "log_loss": log_loss_figure,
    "sextic": basins_figure,
    "peaks": peaks_figure,
}
#: Entries whose extra picture replaces the standard one (it draws the same surface).
REPLACES_STANDARD = {"peaks"}

#: The page of 004's experiments, and the entry pages that link to it.
EXPERIMENTS_PAGE = "seeds/004-experiments.md"
EXPERIMENT_LINKS = {
    "mse": "the slope experiment trains ŷ = θ₀ + θ₁x on this loss",
    "cross_entropy": "the classification experiment trains σ(θ₀ + θ₁x₁ + θ₂x₂) on this loss",
    "perceptron": "the classification experiment trains the smooth version of this model",
}


def experiments_page(project: _Project) -> bool:
    """004's two experiments, run by ``gradspec.kernels.experiments``."""
    from gradspec.kernels import experiments

    slope = experiments.slope_experiment
    classify = experiments.classification_experiment
    out = ["# The experiments of 004\n",
           "The two parametric experiments of the Deep Learning notes (seed 004, "
           "\"ANN regression\" and \"ANN classification\"), run by the kernels at build time "
           "(`gradspec.kernels.experiments`; seed 0, so every number below is reproducible).\n"]

    # The regression experiment, trained to convergence (the defaults) and stopped early.
    full = slope()
    early_settings = {"learning_rate": 0.01, "num_iterations": 10}
    early = slope(**early_settings)
    slopes = np.asarray(full.slopes)
    settings = [
        {"loss": full.loss, "corr": full.corr, "mean_loss": full.mean_loss,
         "mean_corr": full.mean_corr, "colour": "tab:blue",
         "label": f"trained: α = {full.learning_rate}, {full.num_iterations} steps"},
        {"loss": early.loss, "corr": early.corr, "mean_loss": early.mean_loss,
         "mean_corr": early.mean_corr, "colour": "tab:orange", "ls": "--",
         "label": f"stopped early: α = {early.learning_rate}, {early.num_iterations} steps"},
    ]
    corr_gap = float(np.nanmax(np.abs(full.mean_corr - early.mean_corr)))
    _save("seeds/img/004-slope-experiment.png", plots.slope_experiment(settings, slopes=slopes))
    i0 = int(np.argmin(np.abs(slopes)))
    iends = [0, slopes.size - 1]
    reps = full.loss.shape[1]
    out.append("## Regression: loss and correlation against the slope\n")
    out.append(
        f"y = m·x + randn/2 with N = 50 points, x ~ N(0, 1), the slope m in {slopes.size} "
        f"steps from {slopes[0]:g} to {slopes[-1]:g}, {reps} repetitions per slope; "
        "ŷ = θ₀ + θ₁x trained from θ = 0 on the mean squared error (`mse`). The document "
        "prints neither the learning rate nor the number of epochs, so two settings are run "
        "(`gradspec.kernels.experiments.slope_experiment`).\n"
    )
    cap = (
        "Every fit is a faint dot, the mean over the repetitions a line. Correlation "
        f"drops near m = 0 in both settings (mean corr(ŷ, y) = {full.mean_corr[i0]:.3f} at "
        f"m = {slopes[i0]:g}, {full.mean_corr[iends[0]]:.3f} at m = {slopes[iends[0]]:g}, "
        f"trained): x tells nothing about y there. The document's other lesson, \"the loss "
        "grows with |m| because it is not normalised\", holds only for the early-stopped "
        f"fits (mean loss {early.mean_loss[i0]:.3f} at m = {slopes[i0]:g}, "
        f"{early.mean_loss[iends[0]]:.3f} and {early.mean_loss[iends[1]]:.3f} at "
        f"m = {slopes[iends[0]]:g}, {slopes[iends[1]]:g}); trained to convergence only the "
        f"noise var(randn/2) = ¼ is left at every m (mean loss {full.mean_loss.min():.3f}–"
        f"{full.mean_loss.max():.3f}). The two settings draw the same data (seed "
        f"{full.seed}) and their mean correlations differ by at most {corr_gap:.2g}: ŷ is "
        "linear in x, so corr(ŷ, y) = ±corr(x, y) however far the fit has gone."
    )
    out.append(f'<figure class="gs-figure" markdown>\n![{html.escape(cap)}]'
               f"(img/004-slope-experiment.png)\n<figcaption markdown>{cap}</figcaption>\n"
               "</figure>\n")

    # The classification experiment.
    c = classify()
    lrs = np.asarray(c.learning_rates)
    ibest = int(np.flatnonzero(lrs == c.best_learning_rate)[0])
    picks = [(0, "tab:red", ":"), (ibest, "tab:green", "-")]
    if ibest != lrs.size // 2:
        picks.insert(1, (lrs.size // 2, "tab:orange", "--"))
    boundaries = [{"theta": c.theta[i], "colour": col, "ls": ls,
                   "label": f"α = {lrs[i]:.4g}: loss {c.loss[i]:.3f}, accuracy {c.accuracy[i]:.3f}"}
                  for i, col, ls in picks]
    reasons = dict(zip(*np.unique(c.reason, return_counts=True), strict=True))
    note = "every fit: " + ", ".join(f"{k} ×{v}" for k, v in reasons.items())
    _save("seeds/img/004-classification-experiment.png",
          plots.classification_experiment(c.X, c.y, lrs, c.loss, c.accuracy, boundaries,
                                           reasons_note=note))
    n_per = int((c.y < 0.5).sum())
    out.append("## Classification: the same model at several learning rates\n")
    out.append(
        f"Two clouds of {n_per} points each (label 0 blue, label 1 black, "
        "`gradspec.kernels.experiments.two_clouds`), the logistic model "
        "σ(θ₀ + θ₁x₁ + θ₂x₂) trained from θ = 0 for "
        f"{c.num_iterations} epochs of batch gradient descent on the log-loss at each of "
        f"{lrs.size} learning rates from {lrs[0]:g} to {lrs[-1]:g} "
        "(`gradspec.kernels.experiments.classification_experiment`).\n"
    )
    cap = (
        f"Left: the data with the decision boundaries of the smallest learning rate, "
        f"{'a middle one, ' if len(picks) == 3 else ''}and the best one. Right: final log-loss "
        f"and accuracy against α. With the same number of epochs a small α has not got far: "
        f"loss {c.loss[0]:.3f} and accuracy {c.accuracy[0]:.3f} at α = {lrs[0]:g}, against "
        f"{c.loss[ibest]:.3f} and {c.accuracy[ibest]:.3f} at the best, α = {lrs[ibest]:.4g}. "
        f"How the fits ended: {note.removeprefix('every fit: ')}."
    )
    out.append(f'<figure class="gs-figure" markdown>\n![{html.escape(cap)}]'
               f"(img/004-classification-experiment.png)\n<figcaption markdown>{cap}"
               "</figcaption>\n</figure>\n")
    out.append("Related entries: " + ", ".join(
        entry_link(project.catalog[k], "seeds") for k in EXPERIMENT_LINKS
        if k in project.catalog) + ".\n")
    write(EXPERIMENTS_PAGE, "\n".join(out))
    return True


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
    if entry.id in EXTRA_FIGURES:
        figures += EXTRA_FIGURES[entry.id](project, entry, d)
    if figures:
        out.append("## Pictures\n" if len(figures) > 1 else "## Picture\n")
        for fig in figures:
            out.append(
                f'<figure class="gs-figure" markdown>\n![{html.escape(fig.caption)}]({fig.path})\n'
                f"<figcaption markdown>{fig.caption}</figcaption>\n</figure>\n"
            )

    if entry.id in EXPERIMENT_LINKS and project.has_experiments:
        out.append(f"See [the experiments of 004](../{EXPERIMENTS_PAGE}): "
                   f"{EXPERIMENT_LINKS[entry.id]}.\n")

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
    body += _where_and_how(row)
    return [f'!!! {kind} "{title.replace(chr(34), chr(39))}"'] + [
        ("    " + line) if line else "" for line in body
    ] + [""]


def _where_and_how(row: ClaimRow) -> list[str]:
    """The claim's lines in its seed file and the computation behind its verdict."""
    out = []
    lines = getattr(row.claim, "lines", ())
    if lines and hasattr(row.entry, "seed_of"):
        seed = row.entry.seed_of(row.claim)
        out += ["", f"Where: seed {seed}, line {', '.join(str(k) for k in lines)}"]
    detail = getattr(row.result, "detail", "")
    if detail:
        out += ["", f"Computation: {html.escape(detail)}"]
    return out


#: The errata page's sections, in order: every verdict short of "right" and "rounded".
ERRATA_GROUPS = (
    ("wrong", "Wrong", "The statement differs from the derivation."),
    ("typo", "Typo in an operand, the result right",
     "The printed result is right; an operand printed beside it is not."),
    ("convention", "Right under another convention",
     "Wrong as the course means it, right under the convention named in each case."),
    ("illustrative", "Illustrative",
     "The document says these numbers are made up; they are not the values of its data."),
    ("truncated", "Truncated, not rounded",
     "Tables whose digits are cut at the last printed place rather than rounded."),
)


def _tally_table(tallies: dict, verdicts) -> list[str]:
    head = "| document | statements | " + " | ".join(verdicts) + " | repaired | references |"
    out = [head, "|---" * (len(verdicts) + 4) + "|"]
    for seed, t in tallies.items():
        out.append(f"| {seed} | {t['statements']} | "
                   + " | ".join(str(t["document"][v]) for v in verdicts)
                   + f" | {sum(t['repaired'].values())} | {sum(t['reference'].values())} |")
    return out + [""]


def errata_page(project: _Project, rows: list[ClaimRow]) -> None:
    """Errata grouped by verdict, with the per-document tallies, both computed by
    ``gradspec.symbolic.verifier.claims`` (``by_verdict``, ``tallies``)."""
    claims = _optional_import("gradspec.symbolic.verifier.claims")
    results = [r.result for r in rows if r.result is not None]
    row_of = {id(r.result): r for r in rows if r.result is not None}
    out = ["# Errata\n"]
    if claims is None or not results:
        out.append("!!! warning \"No claims in this build\"\n    `gradspec.symbolic` is not "
                   "available, so no claim could be judged.\n")
        write("errata.md", "\n".join(out))
        return
    groups = claims.by_verdict(results)
    shown = sum(len(groups[v]) for v, *_ in ERRATA_GROUPS)
    out.append(
        "Every checkable statement of the seed documents, judged against the derivation by "
        "SymPy. This page lists the ones that are not plainly right: what the document wrote, "
        f"the true result and the computation behind the verdict ({shown} claims). The tally "
        "counts each document's statements once (the printed reading where a slip has an "
        "obvious repair); repaired readings and the reference values the catalog adds are "
        "counted apart.\n")
    out += _tally_table(claims.tallies(results), list(claims.VERDICTS))
    for verdict, title, intro in ERRATA_GROUPS:
        if not groups[verdict]:
            continue
        out.append(f"## {title}\n")
        out.append(f"{intro} {len(groups[verdict])} claims.\n")
        for res in groups[verdict]:
            r, c = row_of[id(res)], res.claim
            reading = f" ({c.reading} reading)" if getattr(c, "reading", "") else ""
            out.append(f"### {entry_link(r.entry, '.')}: {html.escape(c.label)}{reading}\n")
            out.append(f"- **The document:** {document_text(c.document)}")
            out.append(f"- **Claimed:** {inline(latex(c.claimed))}")
            out.append(f"- **True:** {_true_value_markup(r)}")
            if getattr(c, "note", ""):
                out.append(f"- **Why:** {html.escape(c.note)}")
            out.append(f"- **Computation:** {html.escape(res.detail)}")
            label = c.label + (f" ({c.reading})" if getattr(c, "reading", "") else "")
            out.append(f"- **Proved by:** `{ERRATUM_TEST.format(entry=r.entry.id, label=label)}`")
            lines = ", ".join(str(k) for k in getattr(c, "lines", ()))
            out.append(f"- **Source:** {project.seeds.get(res.seed, res.seed)}"
                       + (f", line {lines}" if lines else "") + "\n")
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


#: The report ``gradspec bench`` writes (bench/report.py): targets, machine, tables, plot.
BENCH_REPORT = ROOT / "docs" / "benchmarks" / "results.md"


def benchmarks_page() -> None:
    if BENCH_REPORT.exists():
        # The committed report of the last `gradspec bench` run, shown as the page; its
        # picture sits beside it in docs/benchmarks/.
        text = BENCH_REPORT.read_text()
        text = text.replace("](speedup.png)", "](benchmarks/speedup.png)")
        head = ("Measured by `gradspec bench` (the `bench/` suite); rerun it on your machine to "
                "replace this report.\n\n")
        first, _, rest = text.partition("\n")
        write("benchmarks.md", first + "\n\n" + head + rest)
        return
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
        if project.has_experiments and EXPERIMENTS_PAGE == f"seeds/{key}-experiments.md":
            nav.append(f"    * [Experiments]({EXPERIMENTS_PAGE})")
    nav += ["* [Errata](errata.md)", "* [Benchmarks](benchmarks.md)"]
    if (ROOT / "docs" / "dask.md").exists():
        nav.append("* [Scaling out with Dask](dask.md)")
    nav.append("* [API reference](api.md)")
    write("SUMMARY.md", "\n".join(nav) + "\n")


def network_page() -> None:
    """The neural-networks guide: its proofs table and its pictures, made at build time."""
    import network_plots  # docs/network_plots.py, next to this file

    for name, image in network_plots.pictures().items():
        with mkdocs_gen_files.open(name, "wb") as f:
            f.write(image)
    with mkdocs_gen_files.open(network_plots.PAGE, "w") as f:
        f.write(network_plots.page((ROOT / "docs" / network_plots.PAGE).read_text()))


def main() -> None:
    copy_mathjax()
    link_api_sources()
    project = _Project.load()
    project.has_experiments = experiments_page(project)
    rows: list[ClaimRow] = []
    for entry in project.catalog.values():
        rows.extend(entry_page(project, entry))
    primary = seed_pages(project)
    entries_index(project)
    errata_page(project, rows)
    benchmarks_page()
    network_page()
    summary(project, primary)


main()
