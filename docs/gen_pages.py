"""Write the generated pages of the gradspec site at build time (run by mkdocs-gen-files).

The work is done by the ``gen`` package beside this file, one module per kind of page.
``GRADSPEC_DOCS_ONLY=id1,id2`` builds only those entries (a shortcut for ``mkdocs serve``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen  # noqa: E402  (docs/gen/, next to this file)

gen.main()
