"""Where the site's sources live and how a generated file is written into MkDocs' virtual
docs tree (mkdocs-gen-files); the project (catalog, derivations, kernels) the pages read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import mkdocs_gen_files

import gradspec.kernels as gk
from gradspec.symbolic.catalog import CATALOG, SEED_TITLES, SEEDS
from gradspec.symbolic.generator.derive import derivation
from gradspec.symbolic.generator.steps import steps
from gradspec.symbolic.verifier.claims import check_claims
from gradspec.symbolic.verifier.verify import verify_entry

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent


def write(path: str, text: str) -> None:
    """Write a Markdown page of the virtual docs tree."""
    with mkdocs_gen_files.open(path, "w") as f:
        f.write(text)


def save(path: str, data: bytes) -> None:
    """Write a binary file (a picture, a font) of the virtual docs tree."""
    with mkdocs_gen_files.open(path, "wb") as f:
        f.write(data)


@dataclass
class Project:
    """What the site reads from gradspec: the catalog, its derivations and the kernels.

    ``GRADSPEC_DOCS_ONLY=id1,id2`` keeps only those entries (a shortcut while writing pages
    with ``mkdocs serve``; the full build, and CI, build every entry).
    """

    catalog: dict
    seeds: dict
    seed_titles: dict
    kernels: object = gk

    @classmethod
    def load(cls) -> Project:
        catalog = dict(CATALOG)
        only = os.environ.get("GRADSPEC_DOCS_ONLY")
        if only:
            keep = {s.strip() for s in only.split(",")}
            catalog = {k: e for k, e in catalog.items() if k in keep}
        return cls(catalog, dict(SEEDS), dict(SEED_TITLES))

    def derive(self, entry):
        """The entry's Derivation; None for an entry with nothing to differentiate."""
        if entry.expr is None or entry.kind not in ("scalar", "data"):
            return None
        return derivation(entry.id)

    def kernel(self, entry_id: str):
        """``gk.functions.<id>``, or None for an entry without a function."""
        return getattr(gk.functions, entry_id, None)

    def driver(self, name: str):
        """``gk.<name>`` (gradient_descent, gradient_ascent, …)."""
        return getattr(gk, name)

    def check_claims(self, entry_id: str):
        return check_claims(entry_id)

    def steps(self, entry_id: str):
        return steps(entry_id)

    def verify_entry(self, entry, points: int):
        return verify_entry(entry, points)
