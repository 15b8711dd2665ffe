"""The catalog covers every id of the specification, and every entry is well formed."""

import pytest
import sympy as sp

from gradspec.symbolic.catalog import CATALOG, FUNCTION_IDS
from gradspec.symbolic.catalog.entry import SEEDS

#: Every id the catalog must keep: one per formula of the five lecture documents, and the name
#: of its kernel namespace and site page (renaming or dropping one breaks users' code and links).
CATALOG_IDS = (
    "linear_hypothesis cost_mse_half cost_mse cost_slope_only cost_multiple_linear "
    "cost_polynomial quartic exp2x_cos paraboloid_plus3 poly_xy sse_line mse_line sigmoid "
    "point_to_parabola log_over_x hyperplane_margin projection_onto_plane min_max_scaling "
    "paraboloid sauna exp_minus_log exp_minus_log_sin three_wells likelihood log_loss "
    "three_var x2_plus_y reciprocal path_limit sqrt square x2_sin_y sin_cos "
    "directional_derivative sextic peaks tanh relu sign mse cross_entropy linear_model "
    "perceptron"
).split()


def test_every_id_is_catalogued():
    missing = [k for k in CATALOG_IDS if k not in CATALOG]
    assert not missing, f"ids missing from the catalog: {missing}"


@pytest.mark.parametrize("entry_id", list(CATALOG))
def test_entry_is_well_formed(entry_id):
    e = CATALOG[entry_id]
    assert e.sources and all(s.seed in SEEDS for s in e.sources)
    if e.kind in ("scalar", "data"):
        assert isinstance(e.expr, sp.Expr)
        assert len(e.box) == len(e.variables)
        for (lo, hi), v in zip(e.box, e.variables, strict=True):
            assert lo < hi, f"{entry_id}: empty box for {v}"
    if e.kind == "claims":
        assert e.claims, f"{entry_id}: a claims-only entry must have claims"


def test_function_ids_have_kernels():
    import gradspec.kernels as gk

    assert set(gk.functions.IDS) == set(FUNCTION_IDS)


def test_claims_are_well_formed():
    from gradspec.symbolic.catalog import ORIGINS, READINGS, SKIPPED, VERDICTS

    for k, e in CATALOG.items():
        for c in e.claims:
            assert c.expected in VERDICTS and c.origin in ORIGINS and c.reading in READINGS
            assert e.seed_of(c) in SEEDS, f"{k}: {c.label}: unknown seed {c.seed!r}"
            assert callable(c.true), f"{k}: {c.label}: the true value must be computed"
            for name, other in c.conventions:
                assert isinstance(name, str) and name and callable(other)
            if c.origin == "document":
                assert all(isinstance(n, int) and n > 0 for n in c.lines) and c.lines, (
                    f"{k}: {c.label}: a document's statement needs its line numbers")
    # The kinds of statement left out are said, each with a reason and examples.
    assert SKIPPED and all(kind and why and where for kind, why, where in SKIPPED)


def test_a_claim_rejects_an_unknown_verdict():
    from gradspec.symbolic.catalog import Claim

    with pytest.raises(ValueError, match="verdict"):
        Claim("x", "x", "1", lambda d: 1, "approximately")
    with pytest.raises(ValueError, match="origin or reading"):
        Claim("x", "x", "1", lambda d: 1, reading="fixed")
