"""The catalog: one :class:`Entry` per formula of the seed documents, grouped by topic.

``CATALOG`` maps id → entry in a stable order (by seed document, then as listed).  Each
entry's :class:`Claim` s are the checkable statements the documents make about it, each with
its quote, its line numbers and the computation its verdict comes from; values the catalog
adds itself are marked ``origin="reference"``.  :data:`SKIPPED` lists the kinds of statement
a line-by-line reading left out, and why.
"""

from __future__ import annotations

from . import activations, arguments, calculus, costs, models
from .entry import KINDS, ORIGINS, READINGS, SEED_TITLES, SEEDS, VERDICTS, Claim, Entry, Source
from .skipped import SKIPPED

_ALL = [*models.ENTRIES, *costs.ENTRIES, *calculus.ENTRIES, *activations.ENTRIES, *arguments.ENTRIES]


def _order(entry: Entry):
    return (entry.sources[0].seed, _ALL.index(entry))


CATALOG: dict[str, Entry] = {e.id: e for e in sorted(_ALL, key=_order)}
if len(CATALOG) != len(_ALL):  # pragma: no cover - a catalog bug, caught at import
    raise RuntimeError("duplicate id in the catalog")

FUNCTION_IDS = tuple(k for k, e in CATALOG.items() if e.has_function)

__all__ = ["CATALOG", "FUNCTION_IDS", "KINDS", "ORIGINS", "READINGS", "SEEDS", "SEED_TITLES",
           "SKIPPED", "VERDICTS", "Claim", "Entry", "Source"]
