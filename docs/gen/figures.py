"""The pictures of the entry pages, drawn from the kernels at build time: each function's
curve or contour with the lab's descents, and the pictures of the lab experiments."""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import numpy as np
import plots
import sympy as sp

from gradspec.symbolic.catalog import datasets

from .project import Project, save


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


#: Where a function's features are, when its sampling box hides them (a box avoids the points
#: outside the domain; a picture shows both sides of them).
WINDOWS = {
    "relu": (-3.0, 3.0), "sign": (-3.0, 3.0), "reciprocal": (-3.0, 3.0),
    "exp2x_cos": (-3.0, 1.2), "log_over_x": (0.4, 12.0), "sigmoid": (-8.0, 8.0),
    "tanh": (-4.0, 4.0), "sqrt": (0.0, 9.0),
}
#: An illustration descent for a 2-D entry whose lecture runs none: from this share of the
#: box, at the first learning rate that neither diverges nor leaves the domain.
DEMO_START = (0.85, 0.8)
DEMO_RATES = (0.1, 0.03, 0.01, 0.003)


def _stationary_marks(d) -> list[tuple]:
    """(coordinates…, label) of the real stationary points, from the derivation."""
    marks = []
    for s in (d.stationary_points if d is not None else ()):
        try:
            pt = tuple(float(sp.N(c, 17)) for c in s.point)
        except TypeError:  # a complex or symbolic coordinate
            continue
        marks.append((*pt, s.kind))
    return marks


def _window(entry, marks, runs) -> tuple[float, float]:
    box = tuple(map(float, entry.box[0]))
    if entry.id in WINDOWS:
        return WINDOWS[entry.id]
    points = [m[0] for m in marks]
    if runs:
        points += [float(v) for r in runs for v in np.ravel(r["path"]) if np.isfinite(v)]
    if not points:
        return box
    lo, hi = min(points), max(points)
    pad = max(0.35 * (hi - lo), 0.5)
    return max(lo - pad, box[0]), min(hi + pad, box[1])


def _demo_run(project: Project, entry, fn) -> list[dict]:
    """One illustration descent for a 2-D entry the lecture runs none on."""
    descend = project.driver("gradient_descent")
    x0 = tuple(round(lo + t * (hi - lo), 1) for (lo, hi), t in zip(entry.box, DEMO_START,
                                                                     strict=True))
    if not fn.in_domain(*x0):
        return []
    for alpha in DEMO_RATES:
        r = descend(fn, x0=x0, learning_rate=alpha, num_iterations=200, history=True)
        if r.reason in ("converged", "max_iterations"):
            return [{"path": np.asarray(r.path, dtype=np.float64), "converged": None,
                     "title": (f"illustration: x₀ = {fmt_point(x0)}, α = {alpha}, "
                               f"{r.n_iter} steps → {fmt_point(r.x, 4)}")}]
    return []


def entry_figures(project: Project, entry, derivation) -> list[Figure]:
    """Curve (1 variable) or contour (2 variables) of a scalar entry: a window around its
    features, f′ beside f, the stationary points marked, the lab's descents (or, for a 2-D
    entry the lecture runs none on, an illustration descent)."""
    if entry.kind != "scalar" or len(entry.variables) not in (1, 2) or not entry.box:
        return []
    if entry.id in REPLACES_STANDARD:
        return []
    fn = project.kernel(entry.id)
    f = plots.pointwise(fn.f)
    source = f"`gk.functions.{entry.id}.f`"
    runs = _lab_runs(project, entry, fn)
    demo = False
    if not runs and len(entry.variables) == 2:
        runs, demo = _demo_run(project, entry, fn), True
    marks = _stationary_marks(derivation)
    name = f"img/{entry.id}-descent.png"
    box = [tuple(map(float, b)) for b in entry.box]
    if len(entry.variables) == 1:
        (xv,) = entry.variables
        xlim = _window(entry, marks, runs)
        labels = [(m[0], f"{m[1]} x = {m[0]:.4g}") for m in marks]
        if len(runs) <= 1:
            run = runs[0] if runs else {"path": None, "converged": None, "title": ""}
            image = plots.curve_with_steps(
                f, run["path"], xlim=xlim, title=run["title"], converged=run["converged"],
                xlabel=f"${sp.latex(xv)}$", fprime=plots.pointwise(fn.grad), marks=labels,
            )
        else:
            for run in runs:
                run["marks"] = labels
            image = plots.runs_side_by_side(f, runs, xlim=xlim, xlabel=f"${sp.latex(xv)}$")
    else:
        xv, yv = entry.variables
        image = plots.contour_with_paths(
            f, [r["path"] for r in runs], xlim=box[0], ylim=box[1],
            labels=[r["title"] for r in runs] if runs else None,
            xlabel=f"${sp.latex(xv)}$", ylabel=f"${sp.latex(yv)}$",
            zlabel=f"f({xv}, {yv})", marks=[(m[0], m[1], m[2]) for m in marks],
        )
    save(f"entries/{name}", image)
    caption = f"{entry.id}: f from {source}"
    if len(entry.variables) == 1:
        caption += ", its derivative f′ dashed (right axis; f is stationary where it crosses 0)"
    if marks:
        caption += ", the stationary points of the derivation marked ◆"
    if runs and demo:
        caption += (", an illustration descent of `gk.gradient_descent` (the lecture runs "
                    "none on this function; settings in the legend)")
    elif runs:
        caption += ", descent paths from `gk.gradient_descent` with the lab's settings (titles)"
    return [Figure(name, caption + ".")]


def _lab_runs(project: Project, entry, fn) -> list[dict]:
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
                      f"{r.n_iter} steps:\n{r.reason} → {fmt_point(r.x)}"),
        })
    return runs



def _domain_boundary(entry) -> float | None:
    """c for a domain written x > c (or x ≥ c), else None."""
    dom = getattr(entry, "domain", None)
    if isinstance(dom, sp.StrictGreaterThan | sp.GreaterThan) and dom.rhs.is_number:
        return float(dom.rhs)
    return None


def lr_experiment_figure(project: Project, entry, d) -> list[Figure]:
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
    save(f"entries/{name}", image)
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


def regression_figure(project: Project, entry, d) -> list[Figure]:
    """cost_mse_half on sglt1_glucose: the surface, the unscaled and standardised descents."""
    fn, fit = project.kernel(entry.id), project.driver("linear_regression")
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
    save(f"entries/{name}", image)
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


def log_loss_figure(project: Project, entry, d) -> list[Figure]:
    """log_loss on pass_fail_8: the descent runs off along a ray; the loss has no minimiser."""
    fn, fit = project.kernel(entry.id), project.driver("logistic_regression")
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
    save(f"entries/{name}", image)
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


def basins_figure(project: Project, entry, d) -> list[Figure]:
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
    save(f"entries/{name}", image)
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


def peaks_figure(project: Project, entry, d) -> list[Figure]:
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
    save(f"entries/{name}", image)
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
