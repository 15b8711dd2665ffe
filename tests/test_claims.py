"""Every claim of the documents against the derivation.

A right claim must equal the derivation; an erratum must be shown to *differ* from it; the
verdict (right / rounded / wrong) must be the one the catalog records.  The message says what the
document wrote and what is true.
"""

import math

import pytest

from gradspec.symbolic.catalog import CATALOG
from gradspec.symbolic.verifier.claims import check_claims, verdict

CLAIMS = [(k, i) for k, e in CATALOG.items() for i in range(len(e.claims))]


@pytest.mark.parametrize(("entry_id", "index"), CLAIMS,
                         ids=[f"{k}:{CATALOG[k].claims[i].label}" for k, i in CLAIMS])
def test_claim_verdict(entry_id, index):
    result = check_claims(entry_id)[index]
    assert result.as_expected, result.message()


def test_errata_differ_from_the_derivation():
    errata = [r for k in CATALOG for r in check_claims(k) if r.claim.expected == "wrong"]
    assert len(errata) >= 15
    for r in errata:
        assert r.verdict == "wrong", r.message()
        assert r.claim.note, f"{r.entry}: an erratum needs a note saying what is true"


def test_verdict_logic_can_fail():
    # The comparison itself must be able to say "wrong" and "rounded".
    assert verdict("0.6", 7 / 12.0) == "rounded"
    assert verdict("0.7", 7 / 12.0) == "wrong"
    assert verdict("0.5833333333333334", 7 / 12.0) == "right"


def test_base10_log_loss_reproduces_the_document():
    # document 003 erratum: the printed 0.96236 and 0.02417 are −(1/8)·log10 L.
    from gradspec.kernels import functions
    from gradspec.symbolic.catalog.datasets import PASS_FAIL_8

    for (w, b), printed in (((0.5, -4.0), 0.96236), ((1.0, -25.0), 0.02417)):
        L = functions.likelihood.f(w, b, *PASS_FAIL_8)
        base10 = -math.log10(L) / 8
        assert round(base10, 5) == printed
        ln_loss = functions.log_loss.f(w, b, *PASS_FAIL_8)
        assert abs(ln_loss - base10) > 0.01  # the document's numbers are not the ln log-loss
