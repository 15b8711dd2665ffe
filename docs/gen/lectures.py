"""One page per lecture document (the Lectures tab): its formulas in the document's order."""

from __future__ import annotations

import html

from .claims import badge
from .project import Project, write
from .tex import entry_link, seed_label


def lecture_pages(project: Project, statuses: dict[str, str]) -> dict[str, list]:
    """Write ``seeds/<key>.md``; return seed key -> the entries it mentions."""
    keys = list(project.seeds)
    mentioned: dict[str, list] = {}
    for key in keys:
        entries = [e for e in project.catalog.values() if any(s.seed == key for s in e.sources)]
        mentioned[key] = entries
        out = [f"# {seed_label(project.seed_titles, key)}\n",
               f"Lecture document `{project.seeds[key]}`: the formulas it writes, in its "
               "order, each with its status.\n",
               "| formula | section of the document | status |", "|---|---|---|"]
        for e in entries:
            section = "; ".join(html.escape(s.section) for s in e.sources if s.seed == key)
            out.append(f"| {entry_link(e, 'seeds')} | {section} | {badge(statuses[e.id])} |")
        write(f"seeds/{key}.md", "\n".join(out) + "\n")
    return mentioned
