"""The generator: catalog → derivation → stable rewrites → printer → generated Numba kernels.

``derive`` differentiates every catalog entry with SymPy; ``stable`` holds the proved
rewrite rules that keep values finite; ``steps`` the step-by-step derivations shown on the
site; ``printer`` and ``codegen`` write ``gradspec/kernels/_generated/``.
"""
