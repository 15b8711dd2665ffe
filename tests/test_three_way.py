"""Three-way agreement at points drawn by hypothesis inside each entry's domain.

Reference (mpmath, 50 digits) vs finite differences (Richardson) vs the compiled kernel, for
f, every gradient component and every Hessian entry; tolerances in
gradspec.symbolic.verifier.tolerances.  The failure message names the entry, the point and all three
values.
"""

import numpy as np
import pytest
from helpers import box_points, labels
from hypothesis import given
from hypothesis import strategies as st

from gradspec.symbolic.catalog import CATALOG
from gradspec.symbolic.verifier.check import check_point

SCALAR = [k for k, e in CATALOG.items() if e.kind == "scalar"]
DATA = [k for k, e in CATALOG.items() if e.kind == "data"]
VECTOR = [k for k, e in CATALOG.items() if e.kind == "vector"]


def _assert_all(quantities):
    bad = [q.message() for q in quantities if not q.ok]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("entry_id", SCALAR)
def test_scalar_entry(entry_id):
    @given(box_points(CATALOG[entry_id]))
    def check(p):
        _assert_all(check_point(entry_id, p))

    check()


@pytest.mark.parametrize("entry_id", DATA)
def test_data_entry(entry_id):
    e = CATALOG[entry_id]
    size = st.integers(1, 5)

    @given(size.flatmap(lambda m: st.tuples(
        st.tuples(*[st.floats(lo, hi) for lo, hi in e.box]),
        st.lists(st.floats(-3, 3), min_size=m, max_size=m),
        st.lists(labels(entry_id), min_size=m, max_size=m),
    )))
    def check(args):
        params, x, y = args
        _assert_all(check_point(entry_id, params, (np.array(x), np.array(y))))

    check()


@pytest.mark.parametrize("entry_id", VECTOR)
def test_vector_entry(entry_id):
    feats = CATALOG[entry_id].extra["features"]
    rows = st.integers(1, 4)
    cols = st.integers(1, 3)
    val = st.floats(-3, 3)

    @given(rows, cols, st.data())
    def check(m, n, data):
        if feats in ("affine", "wb", "margin"):
            X = np.array(data.draw(st.lists(val, min_size=m * n, max_size=m * n))).reshape(m, n)
            y = np.array(data.draw(st.lists(val, min_size=m, max_size=m)))
            p = np.array(data.draw(st.lists(val, min_size=n + 1, max_size=n + 1)))
            if feats == "margin":
                # M is not differentiable across wⱼ = 0 (it jumps with the sign of w when
                # n = 1): keep |wⱼ| ≥ 1e-3 so the stencil (h ≈ 6e-6) never crosses it.
                w = p[:-1]
                p[:-1] = np.where(np.abs(w) < 1e-3, np.copysign(1e-3, w), w)
            quantities = check_point(entry_id, p, (X, y))
        elif feats == "polynomial":
            x = np.array(data.draw(st.lists(st.floats(-2, 2), min_size=m, max_size=m)))
            y = np.array(data.draw(st.lists(val, min_size=m, max_size=m)))
            p = np.array(data.draw(st.lists(val, min_size=n + 1, max_size=n + 1)))
            quantities = check_point(entry_id, p, (x, y))
        else:
            q = np.array(data.draw(st.lists(st.floats(0.05, 2), min_size=m, max_size=m)))
            pr = np.array(data.draw(st.lists(st.floats(0, 1), min_size=m, max_size=m)))
            quantities = check_point(entry_id, q, (pr,))
        _assert_all(quantities)

    check()
