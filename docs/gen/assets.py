"""Files the site serves itself: MathJax (no CDN), and the source tree the API page reads."""

from __future__ import annotations

import os
from pathlib import Path

from .project import ROOT, save

#: The combined component: TeX input (every extension, so nothing is fetched on demand),
#: CommonHTML output, the menu.  Its fonts are loaded from ``output/chtml/fonts/woff-v2/``
#: next to it.
MATHJAX_SCRIPT = "tex-chtml-full.js"
MATHJAX_FONTS = "output/chtml/fonts/woff-v2"
MATHJAX_TARGET = "javascripts/mathjax"


def mathjax_source() -> Path:
    """The ``es5`` directory of an installed MathJax 3.

    ``GRADSPEC_MATHJAX_DIR`` may name one (e.g. ``node_modules/mathjax/es5`` after
    ``npm install mathjax@3``); otherwise the copy in the ``django-static-mathjax`` wheel
    (``pip install -e ".[docs]"``; it has no dependencies and does not need Django).
    """
    env = os.environ.get("GRADSPEC_MATHJAX_DIR")
    if env:
        candidates = [Path(env)]
    else:
        try:
            import mathjax  # the django-static-mathjax wheel
        except ImportError:
            mathjax = None
        candidates = [] if mathjax is None else [
            Path(p) / "static" / "mathjax" / "es5" for p in mathjax.__path__
        ]
    for es5 in candidates:
        if (es5 / MATHJAX_SCRIPT).is_file() and (es5 / MATHJAX_FONTS).is_dir():
            return es5
    raise RuntimeError(
        f"MathJax 3 not found (looked for {MATHJAX_SCRIPT} in {[str(c) for c in candidates]}). "
        'Install the docs dependencies: pip install -e ".[docs]" (they include '
        "django-static-mathjax), or set GRADSPEC_MATHJAX_DIR to a MathJax 3 es5/ directory."
    )


def copy_mathjax() -> None:
    es5 = mathjax_source()
    files = [es5 / MATHJAX_SCRIPT, *sorted((es5 / MATHJAX_FONTS).glob("*.woff"))]
    for src in files:
        target = f"{MATHJAX_TARGET}/{src.relative_to(es5).as_posix()}"
        save(target, src.read_bytes())
    # MathJax is Apache-2.0: ship its licence beside it.
    for name in ("LICENSE",):
        lic = es5.parent / name
        if lic.is_file():
            save(f"{MATHJAX_TARGET}/{name}", lic.read_bytes())


# --------------------------------------------------------------------------------------------
# Sources for the API reference
# --------------------------------------------------------------------------------------------

#: mkdocstrings (griffe) reads ``gradspec.kernels`` from here; see ``paths`` in mkdocs.yml.
GRIFFE_TREE = ROOT / ".api"  # committed: .api/gradspec/kernels -> ../../kernels


def link_api_sources() -> None:
    """Make ``.api/gradspec/kernels`` point at ``kernels/``.

    The package is installed through a setuptools ``package-dir`` mapping, so the
    source tree has no ``gradspec/kernels`` directory for griffe's static analysis to find, and
    griffe's import fallback cannot use the editable install's import hook.
    """
    link = GRIFFE_TREE / "gradspec" / "kernels"
    target = ROOT / "kernels"
    if link.is_symlink() and link.resolve() == target.resolve():
        return
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target, target_is_directory=True)

