"""The generated part of the gradspec site, written at build time by ``docs/gen_pages.py``
(mkdocs-gen-files) into MkDocs' virtual docs tree, never into the repository.

One module per kind of page: ``entries`` (one page per catalog id, with ``usage``,
``derivations``, ``claims`` and ``figures``), ``lectures`` (one per lecture document) and
``experiments``, ``errata``, ``dashboard`` (the status of every formula), ``benchmarks``,
``api`` (the reference, by mkdocstrings), ``guides`` (the build-time parts of the neural
networks guide), ``nav`` (the tabs and the sidebar); ``assets``
copies MathJax so the site needs no network.  Guides (Getting started, Dask, …) are ordinary
pages whose examples markdown-exec runs at build time.
"""

from __future__ import annotations

from .api import api_page
from .assets import copy_mathjax, link_api_sources
from .benchmarks import benchmarks_page
from .dashboard import dashboard_page
from .entries import entry_page
from .errata import errata_page
from .experiments import experiments_page
from .guides import network_page
from .lectures import lecture_pages
from .nav import summary
from .project import Project


def main() -> None:
    copy_mathjax()
    link_api_sources()
    project = Project.load()
    experiments_page(project)
    results = [entry_page(project, entry) for entry in project.catalog.values()]
    lecture_pages(project, {r.entry.id: r.status for r in results})
    dashboard_page(project, results)
    errata_page(project, [row for r in results for row in r.rows])
    benchmarks_page()
    network_page()
    api_page()
    summary(project)
