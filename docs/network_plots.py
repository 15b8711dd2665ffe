"""The pictures of the page "Gradient descent in neural networks", drawn at build time.

:func:`pictures` trains small networks with ``gradspec.kernels.Network`` and returns PNG bytes
by file name (``img/network/<name>``), for ``docs/gen_pages.py`` to write with
``mkdocs_gen_files.open(path, "wb")``; :func:`proofs_markdown` renders the backprop proofs
of ``gradspec.symbolic.verifier.backprop`` as a Markdown table.  Nothing here derives a
gradient: the pictures show what the kernels did.

Run ``python docs/network_plots.py OUTDIR`` to write the pictures to a directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plots  # noqa: E402  (docs/plots.py, next to this file)

#: Where the page expects its pictures (relative to the site root).
IMAGE_DIR = "img/network"


def rings(m: int = 200, seed: int = 0):
    """Two concentric noisy rings (radius 1: class 0, radius 2: class 1)."""
    rng = np.random.default_rng(seed)
    radius = np.where(np.arange(m) % 2 == 0, 1.0, 2.0) + rng.normal(0, 0.15, m)
    angle = rng.uniform(0, 2 * np.pi, m)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X, (np.arange(m) % 2 == 1).astype(float)


def _grid(X, points=161):
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], points), np.linspace(lo[1], hi[1], points))
    return gx, gy, np.column_stack([gx.ravel(), gy.ravel()])


def _boundary(ax, net, params, X, y, title):
    gx, gy, G = _grid(X)
    p = net.predict_proba(params, G)[:, 1].reshape(gx.shape)
    ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    ax.contour(gx, gy, p, levels=[0.5], colors="k", linewidths=1.5)
    ax.scatter(X[:, 0], X[:, 1], c=np.where(y > 0.5, "tab:red", "tab:blue"), edgecolors="k",
               linewidths=0.4, s=16)
    ax.set_title(title)
    ax.set_aspect("equal")


def boundary_over_training() -> bytes:
    """The 0.5-contour of a 2-16-1 tanh network on the rings after 0, 50, 300 and 2000 epochs."""
    import gradspec.kernels as gk

    X, y = rings()
    net = gk.Network((2, 16, 1), activation="tanh", output="sigmoid", cost="log_loss")
    fig, axes = plots.figure(4, width=3.4, height=3.4)
    for ax, epochs in zip(axes, (0, 50, 300, 2000), strict=True):
        fit = net.fit(X, y, learning_rate=0.5, num_epochs=epochs, seed=0)
        _boundary(ax, net, fit.params, X, y,
                  f"{epochs} epochs: {100 * fit.score(X, y):.0f} % right")
    return plots.png(fig)


def batch_sizes() -> bytes:
    """J per epoch for batch (all rows), mini-batch (16 rows) and per-sample descent."""
    import gradspec.kernels as gk

    X, y = rings()
    net = gk.Network((2, 16, 1), activation="tanh", output="sigmoid", cost="log_loss")
    fig, axes = plots.figure(1, width=6.4, height=4.0)
    ax = axes[0]
    for label, batch, lr in (("batch (all 200 rows)", None, 0.5),
                             ("mini-batch (16 rows)", 16, 0.5),
                             ("per sample (1 row)", 1, 0.05)):
        fit = net.fit(X, y, learning_rate=lr, num_epochs=300, batch_size=batch, seed=0)
        ax.semilogy(np.arange(1, fit.n_epochs + 1), fit.cost_history,
                    label=f"{label}, α = {lr}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean batch cost over the epoch")
    ax.legend()
    return plots.png(fig)


def activations() -> bytes:
    """The same 2-8-1 network and data with sigmoid, tanh and ReLU hidden units."""
    import gradspec.kernels as gk

    X, y = rings()
    fig, axes = plots.figure(4, width=3.4, height=3.4)
    curves = axes[3]
    for ax, act in zip(axes[:3], ("sigmoid", "tanh", "relu"), strict=True):
        net = gk.Network((2, 8, 1), activation=act, output="sigmoid", cost="log_loss")
        fit = net.fit(X, y, learning_rate=0.5, num_epochs=1500, seed=1)
        _boundary(ax, net, fit.params, X, y, f"{act}: {100 * fit.score(X, y):.0f} % right")
        curves.semilogy(fit.cost_history, label=act)
    curves.set_xlabel("epoch")
    curves.set_title("cost J")
    curves.legend()
    return plots.png(fig)


def pictures() -> dict[str, bytes]:
    """Every picture of the page: {path under the site root: PNG bytes}."""
    return {f"{IMAGE_DIR}/boundary.png": boundary_over_training(),
            f"{IMAGE_DIR}/batch-sizes.png": batch_sizes(),
            f"{IMAGE_DIR}/activations.png": activations()}


def proofs_markdown() -> str:
    """The backprop proofs (``gradspec verify`` runs the same) as a Markdown table."""
    from gradspec.symbolic.verifier import backprop

    rows = ["| proof | group | statement | result |", "|---|---|---|---|"]
    for p in backprop.all_proofs():
        statement = p.statement if p.statement.startswith("∂") else f"${p.statement}$"
        # the composed group is an evaluation at 60 digits, not a symbolic proof: say so
        verdict = "checked at 60 digits" if p.group == "composed" else "proved"
        rows.append(f"| {p.name} | {p.group} | {statement} | "
                    f"{verdict if p.ok else '**FAILED**'}: {p.detail} |")
    return "\n".join(rows) + "\n"


#: The line of the page that :func:`page` replaces with the proofs table.
PROOFS_MARKER = "<!-- network-proofs:"
PAGE = "guides/neural-networks.md"


def page(text: str) -> str:
    """The page's Markdown with the proofs table at its marker line.

    For ``docs/gen_pages.py``: ``mkdocs_gen_files.open(PAGE, "w")`` with
    ``page((ROOT / "docs" / PAGE).read_text())``, and each of :func:`pictures` written with
    ``mkdocs_gen_files.open(name, "wb")``.
    """
    lines = [proofs_markdown() if line.startswith(PROOFS_MARKER) else line
             for line in text.splitlines()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "site-pictures")
    for name, data in pictures().items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(path)
