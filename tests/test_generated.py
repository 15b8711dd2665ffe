"""The generated kernels are a committed artefact in sync with the generator."""

import subprocess
import sys

from gradspec.symbolic.generator.codegen import COMMAND, GENERATED_DIR, loops_hash, render_all


def test_generated_files_match_the_generator():
    files = render_all()
    on_disk = {p.name for p in GENERATED_DIR.glob("*.py")}
    assert on_disk == set(files), f"extra or missing files: {on_disk ^ set(files)}"
    stale = [n for n, text in files.items() if (GENERATED_DIR / n).read_text() != text]
    assert not stale, f"out of date, run `{COMMAND}`: {stale}"


def test_generated_files_name_their_command_and_loops_hash():
    for path in GENERATED_DIR.glob("*.py"):
        head = path.read_text().splitlines()[:4]
        assert any(COMMAND in line for line in head), path.name
    text = (GENERATED_DIR / "exp_minus_log.py").read_text()
    assert loops_hash() in text


def test_importing_kernels_does_not_import_sympy():
    code = ("import sys, gradspec.kernels as gk; gk.functions.exp_minus_log.f(1.0); "
            "print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
