"""gradspec's benchmark suite (pytest-benchmark); see ``bench/README.md``.

A package so that the test modules share the peer implementations, the case catalogue and the
report writer (``python -m bench.report``) without touching ``sys.path``.  It is not installed
with gradspec: run it from a source checkout.
"""
