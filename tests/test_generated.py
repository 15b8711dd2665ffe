"""The generated kernels are a committed artefact in sync with the generator, and generate only
what is derived: the expressions, and bindings that hand them to the hand-written loops."""

import ast
import re
import subprocess
import sys

from gradspec.symbolic.catalog import CATALOG
from gradspec.symbolic.generator.codegen import (
    COMMAND,
    GENERATED_DIR,
    INLINED,
    render_all,
    source_hash,
)


def test_generated_files_match_the_generator():
    files = render_all()
    on_disk = {p.name for p in GENERATED_DIR.glob("*.py")}
    assert on_disk == set(files), f"extra or missing files: {on_disk ^ set(files)}"
    stale = [n for n, text in files.items() if (GENERATED_DIR / n).read_text() != text]
    assert not stale, f"out of date, run `{COMMAND}`: {stale}"


def test_generated_files_name_their_command_and_the_hash_of_what_they_inline():
    """Every module that calls into a hand-written loop module carries that module's hash, so
    an edit there fails the drift test above until the files are regenerated."""
    for path in GENERATED_DIR.glob("*.py"):
        text = path.read_text()
        assert any(COMMAND in line for line in text.splitlines()[:4]), path.name
        for name in INLINED:
            module = name.removesuffix(".py")
            if re.search(rf"\b{module}\.\w+\(", text):
                assert f"kernels/{name} sha256: {source_hash(name)}" in text, (path.name, name)


def _imported_and_used(path):
    tree = ast.parse(path.read_text())
    imported = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            imported |= {a.asname or a.name for a in node.names}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    return imported, used


def test_generated_files_import_only_what_they_use():
    for path in GENERATED_DIR.glob("*.py"):
        imported, used = _imported_and_used(path)
        assert imported <= used, f"{path.name} imports {sorted(imported - used)} unused"


def test_vector_and_model_entries_use_the_shared_loops_and_losses():
    """No generated module holds a loop over samples of its own for the vector entries and the
    models: those loops are kernels/sums.py, the per-sample losses are losses.py, once."""
    for key, entry in CATALOG.items():
        if entry.has_function and entry.kind in ("vector", "model"):
            text = (GENERATED_DIR / f"{key}.py").read_text()
            assert "for i in range" not in text and "sums." in text, key
            if entry.kind == "vector" and entry.extra["features"] != "margin":
                assert "from .losses import" in text and "def loss" not in text, key


def test_derivative_docstrings_are_unicode_math():
    """grad/hess docstrings show the derivative itself, not the CSE'd temporaries."""
    from gradspec.kernels._generated import exp_minus_log, path_limit, reciprocal

    assert "f′(x) = eˣ − 1/x" in exp_minus_log.grad.__doc__
    assert "f″(x) = eˣ + 1/x²" in exp_minus_log.hess.__doc__
    assert "f″(x) = 2/x³" in reciprocal.hess.__doc__
    assert "∂f/∂x = y·(x² − y²)/(x² + y²)²" in path_limit.grad.__doc__
    for path in GENERATED_DIR.glob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name in ("grad", "hess"):
                doc = ast.get_docstring(node)
                assert doc and not re.search(r"\bt\d+\b|\*\*|math\.", doc), (path.name, doc)


def test_importing_kernels_does_not_import_sympy():
    code = ("import sys, gradspec.kernels as gk; gk.functions.exp_minus_log.f(1.0); "
            "print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def _per_sample(expr):
    """The term of one sample: Σᵢ tᵢ → tᵢ, and Πᵢ tᵢ → ln tᵢ (so exp(−Σᵢ sᵢ) → −sᵢ after ln)."""
    import sympy as sp

    if expr.has(sp.Product):
        return sp.log(expr.replace(lambda e: isinstance(e, sp.Product), lambda e: e.function))
    term = expr.replace(lambda e: isinstance(e, sp.Sum), lambda e: e.function)
    return sp.log(term) if expr.func is sp.exp and expr.has(sp.Sum) else term


def test_stable_forms_are_proved_equal_to_the_documents():
    """Every header that says "evaluated as (proved equal)" is true: the stable form equals
    the document's expression, sample by sample (equal terms give equal sums and products),
    by SymPy after σ and softplus are written with exp (``stable.is_zero``)."""
    from gradspec.symbolic.generator.stable import is_zero, to_exp

    stable = [k for k, e in CATALOG.items() if e.stable is not None]
    assert {"sigmoid", "log_loss", "likelihood"} <= set(stable)
    for key in stable:
        e = CATALOG[key]
        document, kernel = _per_sample(e.expr), _per_sample(e.stable)
        assert is_zero(to_exp(document) - to_exp(kernel)), key
        assert not is_zero(to_exp(document) - to_exp(kernel) + 1), key  # the proof can fail
