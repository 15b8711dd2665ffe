"""The gradspec command: generate --check, verify on one entry, and clean failures."""

import os
import subprocess
import sys

import pytest

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


# -- every user error is one line on stderr, a non-zero exit, no traceback -------------------


def _assert_one_line_failure(out, *words, code=2):
    assert out.returncode == code, (out.returncode, out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.mark.parametrize(("args", "words"), [
    (("frobnicate",), ("invalid choice", "frobnicate")),
    (("--bogus",), ("unrecognized arguments", "--bogus")),
    (("verify", "--bogus"), ("unrecognized arguments", "--bogus")),
    (("verify", "--entry"), ("--entry", "expected one argument")),
    (("verify", "--entry", "no_such_entry"), ("unknown entry", "no_such_entry")),
    (("verify", "--points", "-1"), ("--points", "must be ≥ 0", "-1")),
    (("verify", "--points", "x"), ("--points", "invalid count", "'x'")),
    (("verify", "--points", "2.5"), ("--points", "invalid count", "'2.5'")),
    (("generate", "--bogus"), ("unrecognized arguments", "--bogus")),
    (("bench", "--bogus"), ("gradspec bench", "unrecognized arguments", "--bogus")),
    (("bench", "--out"), ("gradspec bench", "--out", "expected one argument")),
    (("bench", "--processes", "0"), ("gradspec bench", "--processes", "must be ≥ 1, got 0")),
    (("bench", "--processes", "two"), ("gradspec bench", "--processes", "invalid count")),
])
def test_bad_command_line_is_one_line(args, words):
    _assert_one_line_failure(run(*args), *words)


def test_bench_options_reach_the_bench_runner():
    """`gradspec bench --quick …` is the runner's option (argparse's REMAINDER used to refuse
    a leading option); checked through --help so that no benchmark runs."""
    out = run("bench", "--help")
    assert out.returncode == 0 and "--quick" in out.stdout, out.stdout + out.stderr
    from gradspec.symbolic import cli

    seen = []
    import gradspec.symbolic.bench_command as bc

    original = bc.run
    bc.run = lambda argv: seen.append(argv) or 0
    try:
        assert cli.main(["bench", "--quick", "--", "-k", "scalar"]) == 0
    finally:
        bc.run = original
    assert seen == [["--quick", "--", "-k", "scalar"]]


def test_bench_runs_the_suite_of_its_own_checkout_only(tmp_path, monkeypatch):
    """`gradspec bench` uses the bench/ beside the installed package, never one found from the
    working directory; without a checkout it says so and exits 2 before running anything."""
    import gradspec.symbolic.bench_command as bc

    other = tmp_path / "other-checkout"
    (other / "bench").mkdir(parents=True)
    (other / "bench" / "conftest.py").write_text("")
    monkeypatch.chdir(other)
    own = bc.find_project_root()
    assert own is not None and own != other and (own / "bench" / "conftest.py").is_file()

    wheel = tmp_path / "site-packages" / "gradspec" / "symbolic" / "bench_command.py"
    assert bc.find_project_root(wheel) is None
    monkeypatch.setattr(bc, "find_project_root", lambda: None)
    calls = []
    monkeypatch.setattr(bc.subprocess, "call", lambda *a, **k: calls.append(a) or 0)
    assert bc.run(["--quick"]) == 2 and calls == []


def test_points_zero_checks_claims_only():
    out = run("verify", "--entry", "square", "--points", "0", "--quiet")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 three-way checks" in out.stdout


@pytest.mark.parametrize("command", [("verify", "--entry", "square"), ("generate", "--check"),
                                     ("bench", "--help")])
def test_cache_dir_that_cannot_exist_is_one_line(tmp_path, command):
    """NUMBA_CACHE_DIR under a regular file can be neither created nor written (as root too)."""
    (tmp_path / "file").write_text("")
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "file" / "cache")}
    _assert_one_line_failure(run(*command, env=env), "NUMBA_CACHE_DIR", "cannot be created")


def test_cache_dir_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "cache").write_text("")
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "cache")}
    _assert_one_line_failure(run("verify", "--entry", "square", env=env), "NUMBA_CACHE_DIR")


def test_missing_cache_dir_is_created(tmp_path):
    """A missing but creatable NUMBA_CACHE_DIR is not an error: it is created."""
    cache = tmp_path / "new" / "cache"
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    out = run("generate", "--check", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert cache.is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions (os.access "
                    "reports every directory writable), so a read-only directory cannot be "
                    "made; the path-under-a-file cases above cover root")
def test_read_only_cache_dir_is_one_line(tmp_path):
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    _assert_one_line_failure(run("verify", "--entry", "square", env=env), "NUMBA_CACHE_DIR",
                      "not writable")
