"""The verifier: the derived formulas, the compiled kernels and the documents held together.

``reference`` evaluates the derivation with mpmath at 50 digits; ``finite_diff`` differentiates
numerically from ``f`` alone; ``check`` compares the three at a point within the bounds in
``tolerances``; ``claims`` gives each statement of the documents its verdict; ``verify`` runs
it all for ``gradspec verify``.
"""
