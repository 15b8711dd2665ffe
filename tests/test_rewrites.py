"""The stability rewrites are proved by SymPy, and the proof can fail."""

import mpmath
import pytest
import sympy as sp

from gradspec.kernels import _stable
from gradspec.symbolic.generator.stable import RULES, Rule, proofs, sigmoid, softplus

Z = sp.Symbol("z", real=True)


@pytest.mark.parametrize("name", list(proofs()))
def test_rule_is_proved(name):
    assert proofs()[name], f"SymPy could not prove the rewrite {name}"


def test_a_false_rule_is_not_proved():
    wrong = Rule("wrong", sp.log(1 / (1 + sp.exp(-Z))), -softplus(Z), "deliberately false")
    assert not wrong.proved()


@pytest.mark.parametrize("z", [-1000.0, -745.0, -40.0, -1e-8, 0.0, 1e-8, 37.0, 40.0, 710.0, 1000.0])
def test_stable_primitives_match_mpmath(z):
    with mpmath.workdps(50):
        s_ref = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
        sp_ref = mpmath.log1p(mpmath.exp(mpmath.mpf(z)))
    for got, ref in ((_stable.sigmoid(z), s_ref), (_stable.softplus(z), sp_ref)):
        if ref == 0 or abs(ref) < 1e-300:
            assert abs(got) < 1e-300
        else:
            assert abs(got - float(ref)) <= 4e-16 * abs(float(ref)), (z, got, ref)


def test_rules_are_named_and_explained():
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(r.why for r in RULES)
    assert sigmoid(Z).diff(Z) == sigmoid(Z) * sigmoid(-Z)
