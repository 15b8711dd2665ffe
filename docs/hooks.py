"""MkDocs hooks of the gradspec site.

markdown-exec ships a stylesheet for its Pyodide fences that imports two themes from a CDN;
this site uses no Pyodide fence and loads nothing from the network, so the stylesheet is
neither linked nor written into the site (nor its script).

The navigation source ``SUMMARY.md`` (written by docs/gen/nav.py, read by mkdocs-literate-nav)
is not a page: it is marked excluded, so it is neither published nor found by search.
Hooks run after the plugins, so the file mkdocs-gen-files adds is there to mark.
"""

from pathlib import Path

from mkdocs.structure.files import InclusionLevel

NAV_FILE = "SUMMARY.md"


def on_files(files, config):
    nav = files.get_file_from_path(NAV_FILE)
    if nav is not None:
        nav.inclusion = InclusionLevel.EXCLUDED
    return files


PYODIDE = ("assets/_markdown_exec_pyodide.css", "assets/_markdown_exec_pyodide.js")


def on_config(config):
    config.extra_css[:] = [c for c in config.extra_css if str(c) not in PYODIDE]
    config.extra_javascript[:] = [j for j in config.extra_javascript
                                  if str(getattr(j, "path", j)) not in PYODIDE]
    return config


def on_post_build(config):
    for name in PYODIDE:
        (Path(config.site_dir) / name).unlink(missing_ok=True)
