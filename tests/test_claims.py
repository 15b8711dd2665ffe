"""Every statement of the documents against the derivation, and the verdict vocabulary.

Each claim's verdict is computed (right / rounded / truncated / convention / typo /
illustrative / wrong) and must be the one the catalog records: an erratum must be shown to
*differ* from the derivation, a right claim to equal it.  The vocabulary tests feed the
verdict logic cases built to tell its words apart, so that each word can fail.
"""

import math
from functools import cache
from pathlib import Path

import pytest
import sympy as sp

from gradspec.symbolic.catalog import CATALOG, SEEDS, VERDICTS, Claim
from gradspec.symbolic.verifier.claims import (
    by_verdict,
    check_claims,
    decimal_verdict,
    judge,
    tallies,
    verdict,
)

CLAIMS = [(k, i) for k, e in CATALOG.items() for i in range(len(e.claims))]
#: The seed documents, when a ``shared/seeds`` directory is beside an ancestor of this checkout.
SEED_DIR = next((p / "shared" / "seeds" for p in Path(__file__).resolve().parents
                 if (p / "shared" / "seeds").is_dir()), None)


@cache
def results(entry_id):
    return tuple(check_claims(entry_id))


@cache
def everything():
    return [r for k in CATALOG for r in results(k)]


def _test_id(k, i):
    c = CATALOG[k].claims[i]
    return f"{k}:{c.label}" + (f" ({c.reading})" if c.reading else "")


@pytest.mark.parametrize(("entry_id", "index"), CLAIMS, ids=[_test_id(k, i) for k, i in CLAIMS])
def test_claim_verdict(entry_id, index):
    result = results(entry_id)[index]
    assert result.as_expected, result.message()


def test_test_ids_are_unique():
    # The errata page names each claim's test by this id.
    ids = [_test_id(k, i) for k, i in CLAIMS]
    assert len(ids) == len(set(ids))


def test_errata_differ_from_the_derivation():
    errata = [r for r in everything() if r.claim.expected == "wrong"]
    assert len(errata) >= 25
    for r in errata:
        assert r.verdict == "wrong", r.message()
        assert r.claim.note, f"{r.entry}: an erratum needs a note saying what is true"


def test_every_verdict_short_of_right_is_explained():
    for r in everything():
        if r.claim.expected in ("truncated", "convention", "typo", "illustrative"):
            assert r.claim.note, f"{r.entry}: {r.claim.label}: say what is printed and why"


def test_the_vocabulary_is_used():
    # Each verdict word is reached by at least one statement of the documents.
    used = {r.verdict for r in everything()}
    assert used == set(VERDICTS)


# -- the verdict vocabulary ------------------------------------------------------------------


def test_right_rounded_and_wrong_are_told_apart():
    assert verdict("0.6", 7 / 12.0) == "rounded"
    assert verdict("0.7", 7 / 12.0) == "wrong"
    assert verdict("0.5833333333333334", 7 / 12.0) == "right"


def test_rounded_and_truncated_are_told_apart():
    # σ(3.5) = 0.9706877…: 0.97069 rounds it, 0.97068 cuts it, 0.97067 is neither.
    s = 1 / (1 + sp.exp(-sp.Rational(7, 2)))
    assert decimal_verdict("0.97069", s) == "rounded"
    assert decimal_verdict("0.97068", s) == "truncated"
    assert decimal_verdict("0.97067", s) == "wrong"
    # Cutting goes toward zero: for a negative value the cut is the smaller magnitude.
    assert decimal_verdict("-0.97068", -s) == "truncated"
    assert decimal_verdict("-0.97069", -s) == "rounded"
    assert decimal_verdict("-0.97070", -s) == "wrong"
    # Where rounding and cutting agree, the reading is "rounded".
    assert decimal_verdict("0.29", sp.Rational(2912, 10000)) == "rounded"
    # A column's verdict is its worst entry.
    assert verdict(("0.97069", "0.97068"), (s, s)) == "truncated"
    assert verdict(("0.97069", "0.97067"), (s, s)) == "wrong"


def test_an_approximate_input_is_judged_over_its_interval():
    from gradspec.symbolic.catalog.truths import over, rounding_interval

    assert rounding_interval("0.00008") == sp.Interval(sp.Rational("0.000075"),
                                                        sp.Rational("0.000085"))
    dy = over(lambda h: sp.sqrt(4 + h) - 2, "0.00008")
    assert verdict("0.000021", dy) == "rounded"  # some allowed Δx gives it
    assert verdict("0.000030", dy) == "wrong"  # none does
    # At Δx = 0.00008 exactly, 0.000021 is not the rounding of Δy.
    assert verdict("0.000021", sp.sqrt(sp.Rational("4.00008")) - 2) == "wrong"


def _claim(claimed, true, **kw):
    return Claim("test", "test", claimed, lambda d: true, **kw)


def test_typo_in_an_operand_is_not_a_wrong_result():
    # "b₁ = 4 − 0.22 = 4.78" with b₀ = 5: the result is right, the operand 4 is the slip.
    typo = _claim("4.78", 5 - sp.Rational("0.22"), operands=4 - sp.Rational("0.22"))
    assert judge(typo, None)[0] == "typo"
    # The same operation with a wrong result is wrong, not a typo.
    wrong = _claim("3.78", 5 - sp.Rational("0.22"), operands=4 - sp.Rational("0.22"))
    assert judge(wrong, None)[0] == "wrong"
    # Operands that give the result leave the verdict alone.
    fine = _claim("4.78", 5 - sp.Rational("0.22"), operands=5 - sp.Rational("0.22"))
    assert judge(fine, None)[0] == "right"


def test_another_convention_is_named_and_must_hold():
    L = sp.Rational(2, 10**8)
    base10 = ("log base 10", lambda d: -sp.log(L, 10) / 8)
    printed = str(sp.N(-sp.log(L, 10) / 8, 6))
    v, _, detail = judge(_claim(printed, -sp.log(L) / 8, conventions=(base10,)), None)
    assert v == "convention" and "log base 10" in detail
    # A value right under no convention stays wrong.
    assert judge(_claim("0.5", -sp.log(L) / 8, conventions=(base10,)), None)[0] == "wrong"
    # A claim that is right needs no convention.
    assert judge(_claim(printed, -sp.log(L, 10) / 8, conventions=(base10,)), None)[0] in (
        "right", "rounded")


def test_illustrative_only_when_the_document_says_so():
    said = "(NOT REAL)"
    assert judge(_claim("1.38", sp.Rational(71, 2), illustrative=said), None)[0] == "illustrative"
    assert judge(_claim("1.38", sp.Rational(71, 2)), None)[0] == "wrong"
    assert judge(_claim("35.5", sp.Rational(71, 2), illustrative=said), None)[0] == "right"


def test_equations_properties_and_words():
    n = sp.Symbol("n", positive=True)
    right_eq = sp.Eq(-sp.log(n) / n**2 + 1 / n**2, 0)
    assert verdict(sp.Eq(sp.log(n), 1), right_eq) == "right"
    assert verdict(sp.Eq(sp.log(n) / n, 1 / n**2), right_eq) == "wrong"
    assert verdict(True, True) == "right" and verdict(True, False) == "wrong"
    assert verdict("min", "min") == "right" and verdict("max", "min") == "wrong"
    assert verdict(sp.Interval.open(0, 1), sp.Interval.open(0, 1)) == "right"
    assert verdict(sp.Interval(0, 1), sp.Interval.open(0, 1)) == "wrong"


def test_base10_log_loss_reproduces_the_document():
    # The printed 0.96236 and 0.02417 are −(1/8)·log10 L, not the ln log-loss.
    from gradspec.kernels import functions
    from gradspec.symbolic.catalog.datasets import PASS_FAIL_8

    for (w, b), printed in (((0.5, -4.0), 0.96236), ((1.0, -25.0), 0.02417)):
        L = functions.likelihood.f(w, b, *PASS_FAIL_8)
        base10 = -math.log10(L) / 8
        assert round(base10, 5) == printed
        ln_loss = functions.log_loss.f(w, b, *PASS_FAIL_8)
        assert abs(ln_loss - base10) > 0.01  # the document's numbers are not the ln log-loss


def test_convergence_on_iteration_21_names_its_rule():
    r = next(r for r in results("exp_minus_log") if "iteration 21" in r.claim.label)
    assert r.verdict == "convention"
    assert "|f'(x_k)| < 1e-5" in r.detail
    assert "1e-4" not in r.detail.split("holds under", 1)[1].split(";")[0]


# -- who said it, where, and the tallies -----------------------------------------------------


def test_every_document_claim_has_its_place():
    if SEED_DIR is None:
        pytest.skip("the seed documents (shared/seeds) are not beside this checkout")
    for k, e in CATALOG.items():
        for c in e.claims:
            if c.origin == "reference":
                continue
            assert c.lines, f"{k}: {c.label}: a document's statement needs its line numbers"
            seed = e.seed_of(c)
            assert seed in SEEDS
            text = (SEED_DIR / SEEDS[seed]).read_text().splitlines()
            for line in c.lines:
                assert 1 <= line <= len(text) and text[line - 1].strip(), (
                    f"{k}: {c.label}: line {line} of {SEEDS[seed]} is empty or missing")


def test_printed_readings_have_their_repairs():
    for k, e in CATALOG.items():
        printed = [c for c in e.claims if c.reading == "printed"]
        for c in printed:
            twins = [o for o in e.claims if o.reading == "repaired" and o.label == c.label]
            assert len(twins) == 1, f"{k}: {c.label}: a printed reading needs one repair"
            assert set(twins[0].lines) & set(c.lines)


def test_tallies_count_statements_and_references_apart():
    rs = everything()
    t = tallies(rs)
    assert set(t) == set(SEEDS)
    doc = sum(1 for r in rs if r.claim.origin == "document" and r.claim.reading != "repaired")
    assert sum(v["statements"] for v in t.values()) == doc
    assert sum(sum(v["document"].values()) for v in t.values()) == doc
    assert sum(sum(v["reference"].values()) for v in t.values()) == sum(
        1 for r in rs if r.claim.origin == "reference")
    assert sum(sum(v["repaired"].values()) for v in t.values()) == sum(
        1 for r in rs if r.claim.reading == "repaired")
    # The references the catalog adds are not counted as the documents' statements.
    assert t["001"]["reference"]["right"] >= 4  # (1, 8), √5, 1/e, a ⟂ b, min–max
    assert t["004"]["reference"]["right"] >= 3  # tanh', relu', sign'
    for v in t.values():
        assert v["statements"] > 0


def test_by_verdict_groups_every_claim_once():
    rs = everything()
    groups = by_verdict(rs)
    assert list(groups) == list(VERDICTS)
    assert sum(len(g) for g in groups.values()) == len(rs)
    for word, group in groups.items():
        assert all(r.verdict == word for r in group)
