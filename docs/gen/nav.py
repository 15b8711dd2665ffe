"""The navigation (mkdocs-literate-nav): tabs Lectures · Formulas · Guides · Benchmarks · API,
formulas under human titles grouped by topic, in the order of the lectures."""

from __future__ import annotations

from .dashboard import PAGE as DASHBOARD
from .experiments import EXPERIMENTS_PAGE
from .project import DOCS, Project, write

#: Short titles for the navigation (the page's own heading is the catalog title).
NAV_TITLES = {
    "linear_hypothesis": "Hypothesis h(x) = θ₀ + θ₁x",
    "cost_mse_half": "Squared-error cost, 1/(2m)",
    "cost_mse": "Mean squared error, 1/m",
    "cost_slope_only": "Cost of the slope alone",
    "cost_multiple_linear": "Multiple linear regression cost",
    "cost_polynomial": "Polynomial regression cost",
    "sse_line": "Sum of squared errors of a line",
    "mse_line": "Mean squared error of a line",
    "hyperplane_margin": "Signed margin of a hyperplane",
    "quartic": "A quartic polynomial",
    "exp2x_cos": "e²ˣ cos x",
    "paraboloid_plus3": "x² + y² + 3",
    "poly_xy": "2x²y + 3y³x² + 3y",
    "point_to_parabola": "Distance to a parabola",
    "log_over_x": "ln(n)/n",
    "sigmoid": "Sigmoid σ(x)",
    "projection_onto_plane": "Projection onto a plane",
    "min_max_scaling": "Min–max scaling",
    "fallacy_sum_of_ones": "The fallacy d/dx(1 + … + 1)",
    "paraboloid": "x² + y²",
    "sauna": "The sauna's temperature",
    "exp_minus_log": "eˣ − ln x",
    "exp_minus_log_sin": "(eˣ − ln x) sin 2πx",
    "three_wells": "Three wells",
    "likelihood": "Likelihood",
    "log_loss": "Log-loss",
    "three_var": "x² + xy + y² − √z",
    "x2_plus_y": "z = x² + y",
    "reciprocal": "1/x and its limits",
    "path_limit": "A path-dependent limit",
    "sqrt": "√x",
    "square": "x²",
    "x2_sin_y": "x² sin y",
    "sin_cos": "sin x cos y",
    "directional_derivative": "Directional derivative",
    "linear_model": "Linear model ŷ = Xw + b",
    "perceptron": "Perceptron",
    "mse": "Mean squared error (ŷ = Xw + b)",
    "cross_entropy": "Cross-entropy",
    "sextic": "x⁶ − 5x⁴ + 4x²",
    "peaks": "The peaks function",
    "tanh": "tanh",
    "relu": "ReLU",
    "sign": "sign",
    "errors_table": "The errors table",
}

TOPICS = {
    "calculus": "Calculus",
    "activations": "Activations",
    "costs": "Costs",
    "models": "Models",
    "geometry": "Geometry and data",
}

#: Guides, in reading order; a page is listed when its file exists.
GUIDES = (
    ("Getting started", "getting-started.md"),
    ("Neural networks", "guides/neural-networks.md"),
    ("Arrays and Numba", "guides/arrays-and-numba.md"),
    ("Scaling out with Dask", "dask.md"),
    ("Design", "design.md"),
)


def nav_title(entry) -> str:
    return NAV_TITLES.get(entry.id, entry.title)


def summary(project: Project) -> None:
    nav = ["* [Home](index.md)", "* Lectures"]
    for key in project.seeds:
        title = project.seed_titles.get(key, key)
        nav.append(f"    * [{key} · {title}](seeds/{key}.md)")
    nav.append(f"    * [004 · The experiments]({EXPERIMENTS_PAGE})")
    nav += ["* Formulas", f"    * [Status of every formula]({DASHBOARD})",
            "    * [Errata](errata.md)"]
    for topic, label in TOPICS.items():
        entries = [e for e in project.catalog.values() if e.topic == topic]
        if not entries:
            continue
        nav.append(f"    * {label}")
        nav += [f"        * [{nav_title(e)}](entries/{e.id}.md)" for e in entries]
    nav.append("* Guides")
    nav += [f"    * [{title}]({path})" for title, path in GUIDES if (DOCS / path).is_file()]
    nav += ["* [Benchmarks](benchmarks.md)", "* [API](api.md)"]
    write("SUMMARY.md", "\n".join(nav) + "\n")
