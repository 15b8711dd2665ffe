"""The gradspec command: generate --check, verify on one entry, and clean failures."""

import os
import subprocess
import sys

GRADSPEC = [sys.executable, "-m", "gradspec.symbolic.cli"]


def run(*args, env=None):
    return subprocess.run([*GRADSPEC, *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_generate_check_passes():
    out = run("generate", "--check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_verify_one_entry():
    out = run("verify", "--entry", "exp_minus_log", "--points", "2")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "exp_minus_log" in out.stdout and "0 mismatching entries" in out.stdout


def test_unknown_subcommand_is_one_line():
    out = run("frobnicate")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_unwritable_cache_dir_is_one_line(tmp_path):
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    if os.access(cache, os.W_OK):  # root ignores permissions: use a path under a file
        env["NUMBA_CACHE_DIR"] = str(tmp_path / "file" / "sub")
        (tmp_path / "file").write_text("")
    out = run("verify", "--entry", "square", env=env)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "NUMBA_CACHE_DIR" in out.stderr and "Traceback" not in out.stderr
