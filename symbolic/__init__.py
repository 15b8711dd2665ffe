"""gradspec.symbolic: the catalog of the seed documents, the derivations, the generator of the
kernels and the verifier.

The verdicts on the documents' statements, as data (computed on first call; SymPy does the
work, so this takes a minute):

- :func:`claim_tallies` — per seed document, the statements found and their verdicts;
- :func:`claims_by_verdict` — every claim's result, grouped by verdict.
"""


def claim_tallies() -> dict:
    """Per seed document: ``statements``, and Counters ``document`` (verdicts of the
    statements), ``repaired`` and ``reference``.  See ``verifier.claims.tallies``."""
    from .verifier.claims import tallies

    return tallies()


def claims_by_verdict() -> dict:
    """Verdict → list of ``ClaimResult`` (entry, claim, verdict, true value, computation)."""
    from .verifier.claims import by_verdict

    return by_verdict()
