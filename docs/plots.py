"""The pictures of the gradspec site, drawn with matplotlib (Agg) at build time.

Each ``draw_*`` function draws on an ``Axes`` it is given, from a function and iterates that the
caller computed (``gradspec.kernels`` results: ``fn.f`` and ``gk.gradient_descent(...).path``),
so panels compose; ``png`` turns a figure into PNG bytes for ``mkdocs_gen_files.open(..., "wb")``.
Nothing here computes a derivative or runs a descent: a picture shows what the kernels did.

``f`` takes NumPy arrays: ``f(xs)`` for a 1-D curve, ``f(X, Y)`` for a contour plot; a scalar
Numba kernel is wrapped with :func:`pointwise` first.  Non-finite values are left out of the
picture (NaN), so a function that is undefined on part of the box still draws.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

#: Resolution of the PNGs (inches × DPI = pixels): 6.4 × 4 in at 110 dpi ≈ 700 × 440 px.
DPI = 110
#: Points per axis where a function is sampled.
CURVE_POINTS = 400
CONTOUR_POINTS = 121

_STATUS_COLOURS = {True: "tab:green", False: "tab:red", None: "tab:blue"}


def figure(ncols: int = 1, nrows: int = 1, *, width: float = 6.4, height: float = 4.0):
    """A figure of ``nrows × ncols`` axes, each ``width × height`` inches; axes as a flat list."""
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False, layout="constrained"
    )
    return fig, list(axes.ravel())


def mosaic(layout: list[list[str]], *, width: float, height: float):
    """A figure of named axes laid out as in ``layout`` (``plt.subplot_mosaic``)."""
    fig, axes = plt.subplot_mosaic(layout, figsize=(width, height), layout="constrained")
    return fig, axes


def png(fig) -> bytes:
    """The figure as PNG bytes (no timestamp or version in the metadata); closes it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def pointwise(f: Callable[..., float]) -> Callable[..., np.ndarray]:
    """Wrap a scalar function (a Numba kernel such as ``fn.f``) to take arrays, point by point.

    Points where it raises ``ValueError``/``ZeroDivisionError``/``OverflowError`` (outside the
    domain) become NaN, and so do non-finite results.
    """

    def wrapped(*arrays):
        arrays = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in arrays))
        out = np.empty(arrays[0].shape)
        for index in np.ndindex(out.shape):
            try:
                out[index] = float(f(*(float(a[index]) for a in arrays)))
            except (ValueError, ZeroDivisionError, OverflowError):
                out[index] = math.nan
        return out

    return wrapped


def _evaluate(f: Callable[..., np.ndarray], *arrays: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        out = np.array(np.broadcast_to(f(*arrays), np.broadcast_shapes(*(a.shape for a in arrays))),
                       dtype=np.float64)
    out[~np.isfinite(out)] = np.nan
    return out


def path_limits(
    path: np.ndarray, *, pad: float = 0.25, domain: tuple[float, float] | None = None
) -> tuple[float, float]:
    """An interval that holds every finite iterate of a 1-D path, padded, clipped to ``domain``."""
    p = np.asarray(path, dtype=np.float64).ravel()
    p = p[np.isfinite(p)]
    lo, hi = (float(p.min()), float(p.max())) if p.size else (-1.0, 1.0)
    span = max(hi - lo, 1e-3)
    lo, hi = lo - pad * span, hi + pad * span
    if domain is not None:
        lo, hi = max(lo, domain[0]), min(hi, domain[1])
    return lo, hi


def draw_curve_with_steps(
    ax,
    f: Callable,
    path: Sequence[float] | np.ndarray | None,
    *,
    xlim: tuple[float, float] | None = None,
    title: str = "",
    xlabel: str = "x",
    ylabel: str = "f(x)",
    converged: bool | None = None,
    max_steps_drawn: int = 60,
    end_label: str | None = None,
    fprime: Callable | None = None,
    marks: Sequence[tuple[float, str]] = (),
) -> None:
    """f on an interval, with the descent iterates x_k on it joined by arrows.

    ``path`` is ``gk.gradient_descent(..., history=True).path`` (shape (n+1,) or (n+1, 1)); the
    start is a hollow circle, the last iterate a filled one, coloured by ``converged`` (green
    True, red False, blue unknown).  Iterates where f is not finite (a path that left the
    domain) are marked on the axis with an ×.
    """
    p = None if path is None else np.asarray(path, dtype=np.float64).reshape(-1)
    if xlim is None:
        xlim = path_limits(p) if p is not None else (-2.0, 2.0)
    xs = np.linspace(xlim[0], xlim[1], CURVE_POINTS)
    fx = _evaluate(f, xs)
    ax.plot(xs, fx, color="0.2", lw=1.5, zorder=1, label=ylabel)
    if fprime is not None:
        # f′ on its own axis (right), dashed: where it crosses 0, f is stationary.
        twin = ax.twinx()
        twin.plot(xs, _evaluate(fprime, xs), color="tab:orange", lw=1.1, ls="--")
        twin.axhline(0.0, color="tab:orange", lw=0.6, alpha=0.5)
        twin.set_ylabel(ylabel.replace("f(", "f′(") if "f(" in ylabel else "derivative",
                        color="tab:orange")
        twin.tick_params(axis="y", colors="tab:orange")
    for x0, label in marks:
        y0 = _evaluate(f, np.array([x0]))[0]
        if xlim[0] <= x0 <= xlim[1] and np.isfinite(y0):
            ax.scatter([x0], [y0], marker="D", s=36, color="tab:purple", zorder=5)
            ax.annotate(label, (x0, y0), textcoords="offset points", xytext=(4, 6),
                        fontsize="x-small", color="tab:purple")
    if p is not None and p.size:
        fp = _evaluate(f, p)
        shown = slice(0, min(p.size, max_steps_drawn))
        px, py = p[shown], fp[shown]
        ok = np.isfinite(px) & np.isfinite(py)
        colour = _STATUS_COLOURS[converged]
        for k in range(len(px) - 1):
            if ok[k] and ok[k + 1]:
                ax.annotate(
                    "",
                    xy=(px[k + 1], py[k + 1]),
                    xytext=(px[k], py[k]),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 0.9, "alpha": 0.8},
                    zorder=2,
                )
        ax.scatter(px[ok], py[ok], s=14, color=colour, zorder=3)
        if ok[0]:
            ax.scatter(px[0], py[0], s=60, facecolors="none", edgecolors="k", zorder=4,
                       label=f"start x₀ = {p[0]:.4g}")
        if np.isfinite(p[-1]) and np.isfinite(fp[-1]):
            ax.scatter(p[-1], fp[-1], s=60, color=colour, edgecolors="k", zorder=4,
                       label=end_label or f"after {p.size - 1} steps: {p[-1]:.6g}")
        bad = ~np.isfinite(fp) & np.isfinite(p)
        if bad.any():
            # Iterates where f is undefined: drawn at the edge of the picture, value in the legend.
            first = int(np.argmax(bad))
            ymin = float(np.nanmin(fx)) if np.isfinite(fx).any() else 0.0
            ax.scatter(np.clip(p[bad], *xlim), np.full(int(bad.sum()), ymin), marker="x",
                       s=60, color="tab:red", zorder=4, clip_on=False,
                       label=f"x_{first} = {p[first]:.4g}: outside the domain")
        ax.legend(loc="best", fontsize="small")
    ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, fontsize="medium")
    ax.grid(alpha=0.3)


def draw_contour_with_paths(
    ax,
    f: Callable,
    paths: Sequence[np.ndarray],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    labels: Sequence[str] | None = None,
    levels: int = 30,
    title: str = "",
    xlabel: str = "x",
    ylabel: str = "y",
    zlabel: str = "f(x, y)",
    marks: Sequence[tuple[float, float, str]] = (),
) -> None:
    """Filled contours of f(x, y) on a box, with one or more iterate paths (each (n+1, 2)),
    the stationary points in ``marks`` and a labelled colour bar."""
    xs = np.linspace(xlim[0], xlim[1], CONTOUR_POINTS)
    ys = np.linspace(ylim[0], ylim[1], CONTOUR_POINTS)
    gx, gy = np.meshgrid(xs, ys)
    z = _evaluate(f, gx, gy)
    cs = ax.contourf(xs, ys, z, levels=levels, cmap="viridis", alpha=0.9)
    ax.contour(xs, ys, z, levels=levels, colors="k", linewidths=0.3, alpha=0.4)
    ax.figure.colorbar(cs, ax=ax, shrink=0.9).set_label(zlabel)
    for x0, y0, label in marks:
        if xlim[0] <= x0 <= xlim[1] and ylim[0] <= y0 <= ylim[1]:
            ax.scatter([x0], [y0], marker="D", s=30, color="tab:red", edgecolors="w", zorder=4)
            ax.annotate(label, (x0, y0), textcoords="offset points", xytext=(4, 4),
                        fontsize="x-small", color="w")
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, path in enumerate(paths):
        p = np.asarray(path, dtype=np.float64).reshape(-1, 2)
        colour = ["white", "tab:orange", "tab:red", "tab:pink", *colours][i % (4 + len(colours))]
        label = labels[i] if labels is not None else None
        ax.plot(p[:, 0], p[:, 1], "-o", color=colour, ms=2.5, lw=1.2, label=label)
        ax.scatter(p[0, 0], p[0, 1], s=50, facecolors="none", edgecolors=colour, zorder=3)
        ax.scatter(p[-1, 0], p[-1, 1], s=70, marker="*", color=colour, edgecolors="k", zorder=3)
    if labels is not None:
        ax.legend(loc="best", fontsize="small")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_aspect("auto")
    if title:
        ax.set_title(title, fontsize="medium")


def curve_with_steps(f: Callable, path, **kwargs) -> bytes:
    """One panel of :func:`draw_curve_with_steps`, as PNG bytes."""
    fig, (ax,) = figure()
    draw_curve_with_steps(ax, f, path, **kwargs)
    return png(fig)


def contour_with_paths(f: Callable, paths, **kwargs) -> bytes:
    """One panel of :func:`draw_contour_with_paths`, as PNG bytes."""
    fig, (ax,) = figure(width=6.4, height=5.0)
    draw_contour_with_paths(ax, f, paths, **kwargs)
    return png(fig)


def runs_side_by_side(f: Callable, runs: Sequence[dict], *, xlim=None, xlabel="x") -> bytes:
    """Several 1-D descents of one function, one panel each (the learning-rate experiment).

    Each run is ``{"title": str, "path": array, "converged": bool | None}``.
    """
    ncols = min(len(runs), 4)
    nrows = math.ceil(len(runs) / ncols)
    fig, axes = figure(ncols, nrows, width=4.2, height=3.2)
    for ax, run in zip(axes, runs, strict=False):
        draw_curve_with_steps(ax, f, run["path"], xlim=xlim, title=run.get("title", ""),
                              converged=run.get("converged"), xlabel=xlabel,
                              marks=run.get("marks", ()))
    for ax in axes[len(runs):]:
        ax.set_visible(False)
    return png(fig)


def bar_chart(
    names: Sequence[str], values: Sequence[float], *, xlabel: str, title: str = ""
) -> bytes:
    """Horizontal bars (the benchmarks page), log scale when values span > 2 decades."""
    fig, (ax,) = figure(height=max(2.0, 0.35 * len(names) + 1.0))
    y = np.arange(len(names))
    ax.barh(y, values, color="tab:blue")
    ax.set_yticks(y, labels=list(names), fontsize="small")
    ax.invert_yaxis()
    v = np.asarray(values, dtype=np.float64)
    if v.size and v.min() > 0 and v.max() / v.min() > 100:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title, fontsize="medium")
    ax.grid(axis="x", alpha=0.3)
    return png(fig)


def peer_bars(labels: Sequence[str], values: Sequence[float], *, highlight: Sequence[bool],
              title: str, xlabel: str) -> bytes:
    """One model's benchmark: a bar per implementation, sized to be read at page width
    (688 px), each bar labelled with its value."""
    fig, (ax,) = figure(width=6.9, height=0.42 * len(labels) + 1.1)
    y = np.arange(len(labels))
    colours = ["tab:blue" if h else "0.65" for h in highlight]
    ax.barh(y, values, color=colours)
    ax.set_yticks(y, labels=list(labels), fontsize="medium")
    ax.invert_yaxis()
    for k, v in enumerate(values):
        ax.annotate(f" {v:.3g}", (v, k), va="center", fontsize="small")
    ax.set_xlim(0, max(values) * 1.18)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize="medium")
    ax.grid(axis="x", alpha=0.3)
    return png(fig)


def demo_path(
    grad: Callable[[float], float], x0: float, learning_rate: float, steps: int
) -> np.ndarray:
    """A NumPy-only descent path, x_k = x_(k-1) − α·grad(x_(k-1)), for the self-test below.

    The site never uses it for a real entry: those paths come from ``gk.gradient_descent``.
    """
    path = np.empty(steps + 1)
    path[0] = x0
    for k in range(steps):
        path[k + 1] = path[k] - learning_rate * grad(path[k])
    return path


def self_test_images() -> dict[str, bytes]:
    """Both plot kinds on a tiny NumPy-only example (f = x², f = x² + 2y²), for a smoke test."""
    p1 = demo_path(lambda x: 2.0 * x, 1.5, 0.2, 12)
    p2 = np.empty((13, 2))
    p2[0] = (1.5, 1.0)
    for k in range(12):
        x, y = p2[k]
        p2[k + 1] = (x - 0.15 * 2.0 * x, y - 0.15 * 4.0 * y)
    return {
        "curve.png": curve_with_steps(np.square, p1, title="f(x) = x², α = 0.2", converged=True),
        "contour.png": contour_with_paths(
            lambda x, y: x**2 + 2.0 * y**2, [p2], xlim=(-2, 2), ylim=(-1.5, 1.5),
            labels=["α = 0.15"], title="f(x, y) = x² + 2y²",
        ),
    }


# --------------------------------------------------------------------------------------------
# The experiment pictures (the learning-rate experiment, regression surfaces, 004's
# experiments, multi-start basins, ascent and descent).  As above: every path, loss and label
# is computed by the caller with the kernels; these functions only draw.
# --------------------------------------------------------------------------------------------

#: Colours of runs by how they ended: a refused step is red, a run that met its stopping rule
#: green, a run that took every allowed step blue.
REASON_COLOURS = {"converged": "tab:green", "max_iterations": "tab:blue"}
FAILED_COLOUR = "tab:red"


def reason_colour(reason: str) -> str:
    return REASON_COLOURS.get(reason, FAILED_COLOUR)


def draw_refused_step(ax, f: Callable, last: float, rejected: float, *, label: str,
                      xlim: tuple[float, float], boundary: float | None = None) -> None:
    """Mark a step that left the domain: a dashed arrow from the last accepted iterate toward
    the refused point (an × at the edge of the picture when it lies beyond), labelled in the
    legend, and the excluded region x ≤ ``boundary`` shaded."""
    ylo, yhi = ax.get_ylim()
    if boundary is not None and xlim[0] < boundary:
        ax.axvspan(xlim[0], boundary, color=FAILED_COLOUR, alpha=0.08, lw=0,
                   label=f"outside the domain (x ≤ {boundary:g})")
        ax.axvline(boundary, color=FAILED_COLOUR, lw=0.8, ls=":")
    y_last = float(_evaluate(f, np.array([last]))[0])
    target = min(max(rejected, xlim[0]), xlim[1])
    y_target = ylo + 0.04 * (yhi - ylo)
    ax.annotate("", xy=(target, y_target), xytext=(last, y_last),
                arrowprops={"arrowstyle": "->", "color": FAILED_COLOUR, "lw": 1.3, "ls": "--"},
                zorder=5)
    ax.scatter([target], [y_target], marker="x", s=80, color=FAILED_COLOUR, lw=2, zorder=6,
               clip_on=False, label=label)
    ax.set_ylim(ylo, yhi)
    ax.legend(loc="upper center", fontsize="small", framealpha=0.95)


def learning_rate_experiment(f: Callable, runs: Sequence[dict], *, xlabel: str = "x",
                             ylabel: str = "f(x)", ncols: int = 2) -> bytes:
    """The runs of a 1-D parameter experiment, one panel each, in the order given.

    Each run: ``path`` (the accepted iterates), ``reason``, ``title``, ``xlim``; a failed run
    also ``rejected`` (the refused point), ``failure`` (its label) and ``boundary`` (the edge
    of the domain).
    """
    nrows = math.ceil(len(runs) / ncols)
    fig, axes = figure(ncols, nrows, width=5.2, height=3.6)
    for ax, run in zip(axes, runs, strict=False):
        failed = run["reason"] not in REASON_COLOURS
        draw_curve_with_steps(ax, f, run["path"], xlim=run["xlim"], title=run["title"],
                              xlabel=xlabel, ylabel=ylabel, end_label=run.get("end_label"),
                              converged={"converged": True, "max_iterations": None}.get(
                                  run["reason"], False))
        if failed:
            ax.title.set_color(FAILED_COLOUR)
            draw_refused_step(ax, f, float(np.asarray(run["path"]).reshape(-1)[-1]),
                              float(run["rejected"]), label=run["failure"], xlim=run["xlim"],
                              boundary=run.get("boundary"))
    for ax in axes[len(runs):]:
        ax.set_visible(False)
    return png(fig)


def _log_levels(z: np.ndarray, n: int = 30) -> np.ndarray:
    finite = z[np.isfinite(z) & (z > 0)]
    return np.geomspace(float(finite.min()), float(finite.max()), n)


def draw_log_contours(ax, f: Callable, *, xlim, ylim, levels: int = 30, points: int = 161,
                      colorbar_label: str = "") -> None:
    """Filled contours of a positive f on logarithmically spaced levels (a cost surface spans
    decades), with a colour bar."""
    from matplotlib.colors import LogNorm

    xs = np.linspace(xlim[0], xlim[1], points)
    ys = np.linspace(ylim[0], ylim[1], points)
    gx, gy = np.meshgrid(xs, ys)
    z = _evaluate(f, gx, gy)
    lv = _log_levels(z, levels)
    cs = ax.contourf(xs, ys, z, levels=lv, norm=LogNorm(lv[0], lv[-1]), cmap="viridis",
                     alpha=0.9)
    ax.contour(xs, ys, z, levels=lv, colors="k", linewidths=0.3, alpha=0.35)
    cb = ax.figure.colorbar(cs, ax=ax, shrink=0.9)
    cb.ax.set_yscale("log")
    if colorbar_label:
        cb.set_label(colorbar_label)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)


def draw_path(ax, path: np.ndarray, *, colour: str, label: str, ls: str = "-",
              marker_every: int = 1, ms: float = 2.5) -> None:
    """A 2-D iterate path: the line, a hollow circle at the start, a star at the end."""
    p = np.asarray(path, dtype=np.float64).reshape(-1, 2)
    ax.plot(p[:, 0], p[:, 1], ls, color=colour, lw=1.3, label=label, zorder=3)
    ax.plot(p[::marker_every, 0], p[::marker_every, 1], "o", color=colour, ms=ms, zorder=3)
    ax.scatter(p[0, 0], p[0, 1], s=60, facecolors="none", edgecolors=colour, lw=1.5, zorder=4)
    ax.scatter(p[-1, 0], p[-1, 1], s=110, marker="*", color=colour, edgecolors="k", zorder=5)


def finish_log_panel(ax, *, xlabel: str, ylabel: str, title: str) -> None:
    """Finish a panel of a cost on a logarithmic y-axis: the axis labels, the title, a small
    legend of what was drawn and a light grid."""
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize="medium")
    ax.legend(fontsize="x-small")
    ax.grid(alpha=0.3)


def regression_paths(cost: Callable, panels: Sequence[dict], *, xlim, ylim, optimum,
                     optimum_label: str, histories: Sequence[dict], xlabel: str,
                     ylabel: str) -> bytes:
    """The cost surface of a two-parameter fit with one descent path per panel, the optimum
    marked, and a last panel with J(θ_k) against k for every run.

    ``panels``: ``{"path", "title", "label", "colour"}``; ``histories``: ``{"cost", "label",
    "colour"}``.
    """
    names = [f"p{i}" for i in range(len(panels))]
    fig, named = mosaic([names, ["h"] * len(names)], width=4.8 * len(names), height=8.0)
    axes = [named[n] for n in names] + [named["h"]]
    for ax, panel in zip(axes, panels, strict=False):
        draw_log_contours(ax, cost, xlim=xlim, ylim=ylim, colorbar_label="J(θ₀, θ₁)")
        draw_path(ax, panel["path"], colour=panel["colour"], label=panel["label"],
                  marker_every=max(1, len(panel["path"]) // 60))
        ax.scatter([optimum[0]], [optimum[1]], marker="P", s=130, color="white",
                   edgecolors="k", zorder=6, label=optimum_label)
        ax.legend(loc="upper right", fontsize="x-small", framealpha=0.9)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(panel["title"], fontsize="medium")
    ax = axes[-1]
    for h in histories:
        ax.plot(np.arange(len(h["cost"])), h["cost"], color=h["colour"], lw=1.5,
                label=h["label"])
    if histories:
        floor = histories[0].get("floor")
        if floor is not None:
            ax.axhline(floor, color="k", ls=":", lw=1, label=f"minimum J = {floor:.6g}")
    finish_log_panel(ax, xlabel="iteration k", ylabel="J(θ_k)",
                     title="the cost J(θ_k) along each run")
    return png(fig)


def log_loss_no_minimiser(loss: Callable, *, path: np.ndarray, separated_at: int, xlim, ylim,
                          ray_t: np.ndarray, ray_loss: np.ndarray, ray_direction,
                          cost_history: np.ndarray, norms: np.ndarray, run_label: str,
                          xlabel: str, ylabel: str) -> bytes:
    """The loss surface with the descent path and the ray through its last iterate (top); the
    loss along that ray, and the loss and ‖θ‖ along the run (bottom)."""
    fig, named = mosaic([["s", "s"], ["r", "h"]], width=9.6, height=8.6)
    ax = named["s"]
    draw_log_contours(ax, loss, xlim=xlim, ylim=ylim, colorbar_label="log-loss J(w, b)")
    d = np.asarray(ray_direction, dtype=np.float64)
    ts = np.linspace(0.0, ray_t[-1], 200)
    ax.plot(ts * d[0], ts * d[1], "--", color="white", lw=1.4,
            label="the ray t·θ_n through the last iterate")
    draw_path(ax, path, colour="tab:red", label=run_label,
              marker_every=max(1, len(path) // 40), ms=2.0)
    k = separated_at
    ax.scatter(path[k, 0], path[k, 1], s=90, marker="D", color="gold", edgecolors="k",
               zorder=6, label=f"θ_{k}: the first iterate that classifies all 8 correctly")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title("the log-loss surface and the descent path: no bottom to the valley",
                 fontsize="medium")
    ax.legend(loc="lower left", fontsize="small", framealpha=0.9)

    ax = named["r"]
    ax.plot(ray_t, ray_loss, color="tab:purple", lw=1.6)
    ax.axvline(1.0, color="tab:red", lw=1.2, ls="--", label="t = 1: the last iterate θ_n")
    finish_log_panel(ax, xlabel="t", ylabel="J(t·θ_n)",
                     title="along the ray: J falls toward 0, never reaches it")

    ax = named["h"]
    it = np.arange(len(cost_history))
    ax.plot(it, cost_history, color="tab:red", lw=1.5, label="J(θ_k)")
    ax.set_yscale("log")
    ax.set_xlabel("iteration k")
    ax.set_ylabel("J(θ_k)", color="tab:red")
    ax.axvline(k, color="goldenrod", lw=1.2, ls="--", label=f"k = {k}: separates")
    ax2 = ax.twinx()
    ax2.plot(it, norms, color="tab:blue", lw=1.5, label="‖θ_k‖")
    ax2.set_ylabel("‖θ_k‖ = ‖(w, b)‖", color="tab:blue")
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], fontsize="x-small", loc="center right")
    ax.set_title("along the run: J → 0 while ‖θ‖ grows", fontsize="medium")
    ax.grid(alpha=0.3)
    return png(fig)


def slope_experiment(settings: Sequence[dict], *, slopes: np.ndarray) -> bytes:
    """004's regression experiment: final loss and corr(ŷ, y) against the slope m.

    ``settings``: ``{"loss": (S, R), "corr": (S, R), "mean_loss", "mean_corr", "label",
    "colour"}``; every fit a faint dot, the means a line.
    """
    fig, axes = figure(2, 1, width=5.2, height=3.9)
    for ax, what, ylabel in ((axes[0], "loss", "final loss J = 1/N Σ (ŷ − y)²"),
                             (axes[1], "corr", "corr(ŷ, y)")):
        for s in settings:
            vals = np.asarray(s[what])
            ls = s.get("ls", "-")
            jitter = (np.arange(vals.shape[1]) / vals.shape[1] - 0.5) * 0.08
            ax.scatter((slopes[:, None] + jitter[None, :]).ravel(), vals.ravel(), s=4,
                       color=s["colour"], alpha=0.18, lw=0)
            ax.plot(slopes, s["mean_" + what], marker="o", ls=ls, color=s["colour"], ms=3.5,
                    lw=1.6, label=s["label"], zorder=3)
        ax.set_xlabel("true slope m  (y = m·x + randn/2)")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="x-small")
    axes[0].set_title("final loss against the slope", fontsize="medium")
    axes[1].set_title("correlation of ŷ with y against the slope", fontsize="medium")
    return png(fig)


def classification_experiment(X: np.ndarray, y: np.ndarray, learning_rates: np.ndarray,
                              loss: np.ndarray, accuracy: np.ndarray, boundaries: Sequence[dict],
                              *, reasons_note: str) -> bytes:
    """004's classification experiment: the two clouds with the decision boundaries of a few
    fits; the final log-loss and accuracy against the learning rate."""
    fig, axes = figure(2, 1, width=5.2, height=4.8)
    ax = axes[0]
    ax.scatter(X[y < 0.5, 0], X[y < 0.5, 1], s=12, color="tab:blue", label="label 0 (blue)")
    ax.scatter(X[y > 0.5, 0], X[y > 0.5, 1], s=12, color="k", label="label 1 (black)")
    x1 = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 50)
    for b in boundaries:
        t0, t1, t2 = b["theta"]
        if t2 != 0.0:
            ax.plot(x1, -(t0 + t1 * x1) / t2, color=b["colour"], lw=1.6, ls=b.get("ls", "-"),
                    label=b["label"])
        else:
            ax.axvline(-t0 / t1, color=b["colour"], lw=1.6, ls=b.get("ls", "-"),
                       label=b["label"])
    ax.set_xlim(x1[0], x1[-1])
    ax.set_ylim(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title("the data and the boundaries σ(z) = ½", fontsize="medium")
    ax.legend(fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=1)
    ax = axes[1]
    ax.plot(learning_rates, loss, "-o", color="tab:red", ms=3, label="final log-loss")
    ax.set_xlabel("learning rate α")
    ax.set_ylabel("final log-loss (ln)", color="tab:red")
    ax.grid(alpha=0.3)
    ax2 = ax.twinx()
    ax2.plot(learning_rates, accuracy, "-s", color="tab:green", ms=3, label="accuracy")
    ax2.set_ylabel("accuracy", color="tab:green")
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], fontsize="x-small",
              loc="center right")
    ax.set_title(f"after the same number of epochs, by α ({reasons_note})", fontsize="medium")
    return png(fig)


def multistart_basins(f: Callable, starts: np.ndarray, ends: np.ndarray, labels: np.ndarray,
                      clusters: Sequence[dict], *, xlim, xlabel: str = "x",
                      walls: Sequence[float] = (), walls_label: str = "") -> bytes:
    """Where descent from each start ends: the curve with the starts coloured by the point
    they reach, and the end point against the start.

    ``clusters``: ``{"x", "value", "label"}`` per distinct end point, in the order of the
    indices in ``labels`` (−1: the run failed).
    """
    colours = ["tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink"]
    fig, axes = figure(2, 1, width=5.2, height=4.0)
    ax = axes[0]
    xs = np.linspace(xlim[0], xlim[1], CURVE_POINTS)
    ax.plot(xs, _evaluate(f, xs), color="0.3", lw=1.2, zorder=1)
    fs = _evaluate(f, starts)
    for i, c in enumerate(clusters):
        sel = labels == i
        colour = colours[i % len(colours)]
        ax.scatter(starts[sel], fs[sel], s=14, color=colour, zorder=2,
                   label=f"{c['label']} ({int(sel.sum())} starts)")
        ax.scatter([c["x"]], [c["value"]], s=160, marker="*", color=colour, edgecolors="k",
                   zorder=4)
    bad = labels < 0
    if bad.any():
        ax.scatter(starts[bad], fs[bad], s=20, marker="x", color=FAILED_COLOUR, zorder=3,
                   label=f"failed ({int(bad.sum())} starts)")
    for i, w in enumerate(walls):
        for a in axes:
            a.axvline(w, color="0.4", ls=":", lw=1.2,
                      label=walls_label if (i == 0 and a is ax) else None)
    ax.set_xlim(*xlim)
    ax.set_xlabel(f"start {xlabel}₀")
    ax.set_ylabel(f"f({xlabel})")
    ax.set_title("each start coloured by the minimum it reaches (★)", fontsize="medium")
    ax.legend(fontsize="x-small", loc="upper center")
    ax.grid(alpha=0.3)
    ax = axes[1]
    for i, _c in enumerate(clusters):
        sel = labels == i
        ax.scatter(starts[sel], ends[sel], s=12, color=colours[i % len(colours)])
    if bad.any():
        ax.scatter(starts[bad], np.zeros(int(bad.sum())), s=20, marker="x", color=FAILED_COLOUR)
    ax.set_xlabel(f"start {xlabel}₀")
    ax.set_ylabel(f"end point {xlabel}ₙ")
    ax.set_title("end point against start: the basins", fontsize="medium")
    ax.grid(alpha=0.3)
    return png(fig)


def ascent_and_descent(f: Callable, descents: Sequence[dict], ascents: Sequence[dict], *,
                       xlim, ylim, xlabel: str, ylabel: str, title: str) -> bytes:
    """Contours of f with descent paths (solid, to minima) and ascent paths (dashed, to
    maxima); the legend below the picture."""
    fig, (ax,) = figure(width=7.4, height=7.6)
    xs = np.linspace(xlim[0], xlim[1], CONTOUR_POINTS)
    ys = np.linspace(ylim[0], ylim[1], CONTOUR_POINTS)
    gx, gy = np.meshgrid(xs, ys)
    z = _evaluate(f, gx, gy)
    cs = ax.contourf(xs, ys, z, levels=30, cmap="viridis", alpha=0.9)
    ax.contour(xs, ys, z, levels=30, colors="k", linewidths=0.3, alpha=0.4)
    fig.colorbar(cs, ax=ax, shrink=0.85, label="f(x, y)")
    desc_colours = ["white", "cyan", "lightgreen", "yellow"]
    asc_colours = ["tab:red", "tab:orange", "magenta", "tab:pink"]
    for i, run in enumerate(descents):
        draw_path(ax, run["path"], colour=desc_colours[i % 4], label=run["label"],
                  marker_every=max(1, len(run["path"]) // 40), ms=2.0)
    for i, run in enumerate(ascents):
        draw_path(ax, run["path"], colour=asc_colours[i % 4], label=run["label"], ls="--",
                  marker_every=max(1, len(run["path"]) // 40), ms=2.0)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize="medium")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=1,
               fontsize="small", facecolor="0.3", labelcolor="white", framealpha=1.0)
    return png(fig)
