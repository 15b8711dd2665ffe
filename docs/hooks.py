"""MkDocs hooks of the gradspec site.

The navigation source ``SUMMARY.md`` (written by docs/gen/nav.py, read by mkdocs-literate-nav)
is not a page: it is marked excluded, so it is neither published nor found by search.
Hooks run after the plugins, so the file mkdocs-gen-files adds is there to mark.
"""

from mkdocs.structure.files import InclusionLevel

NAV_FILE = "SUMMARY.md"


def on_files(files, config):
    nav = files.get_file_from_path(NAV_FILE)
    if nav is not None:
        nav.inclusion = InclusionLevel.EXCLUDED
    return files

