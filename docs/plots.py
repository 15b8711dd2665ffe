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
    ax.plot(xs, fx, color="0.2", lw=1.5, zorder=1)
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
                       label=f"after {p.size - 1} steps: {p[-1]:.6g}")
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
) -> None:
    """Filled contours of f(x, y) on a box, with one or more iterate paths (each (n+1, 2))."""
    xs = np.linspace(xlim[0], xlim[1], CONTOUR_POINTS)
    ys = np.linspace(ylim[0], ylim[1], CONTOUR_POINTS)
    gx, gy = np.meshgrid(xs, ys)
    z = _evaluate(f, gx, gy)
    cs = ax.contourf(xs, ys, z, levels=levels, cmap="viridis", alpha=0.9)
    ax.contour(xs, ys, z, levels=levels, colors="k", linewidths=0.3, alpha=0.4)
    ax.figure.colorbar(cs, ax=ax, shrink=0.9)
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
                              converged=run.get("converged"), xlabel=xlabel)
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
