"""Guides whose pages need build-time content beyond their executed examples: the neural
networks guide gets its proofs table and pictures from docs/network_plots.py."""

from __future__ import annotations

from .project import DOCS, save, write


def network_page() -> None:
    """The neural-networks guide: its proofs table and its pictures, made at build time."""
    import network_plots  # docs/network_plots.py, next to this package

    for name, image in network_plots.pictures().items():
        save(name, image)
    write(network_plots.PAGE, network_plots.page((DOCS / network_plots.PAGE).read_text()))
