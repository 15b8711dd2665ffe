"""Stationary points: solved by SymPy (or numerically from a grid), classified by the Hessian,
against the catalog's reference values."""

import pytest
import sympy as sp

from gradspec.symbolic.catalog import CATALOG
from gradspec.symbolic.generator.derive import derivation

#: The documents print the numeric references to 7 (sextic, three_wells) or 4 (peaks) decimals.
PRINTED_7 = 5e-8
PRINTED_4 = 5e-5


def points(entry_id):
    return [(tuple(float(c) for c in s.point), float(s.value), s.kind)
            for s in derivation(entry_id).stationary_points]


def test_quartic_roots_are_exact_cubic_roots():
    d = derivation("quartic")
    pts = {s.point[0]: s.kind for s in d.stationary_points}
    x = sp.Symbol("x")
    # f'(x) = 12x³ − 10x + 2 has the roots −1 and (3 ± √3)/6, found by SymPy.
    expected = {sp.Integer(-1): "min", (3 - sp.sqrt(3)) / 6: "max", (3 + sp.sqrt(3)) / 6: "min"}
    assert len(pts) == 3
    for root, kind in expected.items():
        match = [p for p in pts if sp.simplify(p - root) == 0]
        assert match and pts[match[0]] == kind, (root, pts)
    assert all(sp.simplify(d.grad[0].subs(d.variables[0], p)) == 0 for p in pts)
    del x


def test_sextic_matches_spec():
    ref = CATALOG["sextic"].extra["reference_stationary"]  # document 004
    got = points("sextic")
    assert len(got) == len(ref)
    for xs, kind, value in ref:
        match = [g for g in got if abs(g[0][0] - float(xs)) <= PRINTED_7]
        assert match, (xs, got)
        assert match[0][2] == kind and abs(match[0][1] - float(value)) <= PRINTED_7


def test_peaks_matches_spec():
    ref = CATALOG["peaks"].extra["reference_stationary"]  # document 004
    got = points("peaks")
    for x, y, kind, value in ref:
        match = [g for g in got if abs(g[0][0] - float(x)) <= PRINTED_4
                 and abs(g[0][1] - float(y)) <= PRINTED_4]
        assert match, ((x, y), got)
        assert match[0][2] == kind and abs(match[0][1] - float(value)) <= PRINTED_4
    kinds = [g[2] for g in got]
    assert kinds.count("min") >= 3 and kinds.count("max") >= 3 and "saddle" in kinds
    assert min(got, key=lambda g: g[1])[0][1] == pytest.approx(-1.6255, abs=PRINTED_4)


def test_three_wells_matches_spec():
    ref = CATALOG["three_wells"].extra["reference_minima"]  # document 002
    minima = [g for g in points("three_wells") if g[2] == "min"]
    assert len(minima) == 3
    for x, y, value in ref:
        tol = PRINTED_7 if len(x.split(".")[1]) == 7 else PRINTED_4
        match = [g for g in minima if abs(g[0][0] - float(x)) <= tol
                 and abs(g[0][1] - float(y)) <= tol]
        assert match, ((x, y), minima)
        if value is not None:
            assert abs(match[0][1] - float(value)) <= PRINTED_7
    assert min(minima, key=lambda g: g[1])[0][0] == pytest.approx(0.5230323, abs=PRINTED_7)


def test_exp_minus_log_minimiser_is_omega():
    (s,) = derivation("exp_minus_log").stationary_points
    assert s.kind == "min"
    assert sp.simplify(s.point[0] - sp.LambertW(1)) == 0  # document 002: x* = Ω = W(1)


def test_sauna_minimum_and_walls():
    d = derivation("sauna")
    mins = [s for s in d.stationary_points if s.kind == "min"]
    assert [tuple(s.point) for s in mins] == [(4, 4)]
    assert mins[0].value == sp.Rational(3313, 45)  # document 002: T = 3313/45
    # ∇T = 0 on the whole walls x = 0 and y = 0 (where T = 85): curves, not points.
    walls = d.stationary_sets()
    assert {frozenset(w.items()) for w in walls} >= {
        frozenset({d.variables[0]: 0}.items()), frozenset({d.variables[1]: 0}.items())}


@pytest.mark.parametrize(("entry_id", "point", "kind"), [
    ("point_to_parabola", (1,), "min"),
    ("log_over_x", (sp.E,), "max"),
    ("paraboloid", (0, 0), "min"),
    ("paraboloid_plus3", (0, 0), "min"),
])
def test_closed_form_stationary_points(entry_id, point, kind):
    (s,) = derivation(entry_id).stationary_points
    assert tuple(s.point) == point and s.kind == kind


def test_no_real_stationary_point_for_poly_xy():
    # ∂f/∂y = 2x² + 9x²y² + 3 > 0 everywhere.
    assert derivation("poly_xy").stationary_points == ()


@pytest.mark.parametrize("entry_id", ["cost_mse_half", "sigmoid", "log_loss", "poly_xy",
                                      "x2_sin_y", "sin_cos", "paraboloid", "three_var"])
def test_step_by_step_derivations_follow(entry_id):
    from gradspec.symbolic.generator.steps import check, steps

    assert len(steps(entry_id)) >= 2
    assert check(entry_id) == []


def test_a_step_that_does_not_follow_is_caught(monkeypatch):
    from gradspec.symbolic.generator import steps as st

    def broken():
        x = sp.Symbol("x")
        return [st.Step("a", "f", x**2, equal=False), st.Step("b", "f", x**3)]

    monkeypatch.setitem(st.BUILDERS, "square", broken)
    assert st.check("square")
