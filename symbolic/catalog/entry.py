"""The shape of one catalog entry: a formula from the seed documents, as data.

An :class:`Entry` holds what the document wrote (its SymPy expression, variables and domain,
its source) and what the document *claims* about it (:class:`Claim`).  Nothing derived lives
here: derivatives, gradients and Hessians come from :mod:`gradspec.symbolic.generator.derive`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import sympy as sp

from . import truths

SEEDS = {
    "000": "000_b27b7c4a02ed869d.txt",
    "001": "001_80f0b3b3627ea0ed.txt",
    "002": "002_fe4aac6eb5b1fea9.txt",
    "003": "003_57f86f707024bc2d.txt",
    "004": "004_d2a69cf6e1872d1d.txt",
}

SEED_TITLES = {
    "000": "Linear regression, the cost function and gradient descent",
    "001": "Optimization 3: G.D. in action (handwritten notes)",
    "002": "Calculus for ML, week 2: partial derivatives, gradients, gradient descent",
    "003": "Deep Learning Unveiled, session 2: likelihood, log-loss, multivariable calculus",
    "004": "Deep Learning course notes: gradient descent, ANN basics",
}

#: Entry kinds.
#: ``scalar``  f(x1, …, xk) of scalar variables: kernels f, grad, hess.
#: ``data``    a cost over samples with scalar parameters, f(params…, x, y) with a Sum over i.
#: ``vector``  a cost with a parameter vector (θ, w) over a data matrix; kernels from a
#:             per-sample loss ℓ(z, y) and its z-derivatives, z the linear predictor.
#: ``model``   a prediction ŷ(params, X) (vector-valued): kernel f only.
#: ``claims``  no function to compile: a computation, a table or an argument to check.
KINDS = ("scalar", "data", "vector", "model", "claims")


@dataclass(frozen=True)
class Source:
    """Where a formula appears: seed key ("000"…"004") and the section heading."""

    seed: str
    section: str

    @property
    def file(self) -> str:
        return SEEDS[self.seed]


#: The verdicts a claim can receive, from best to worst (see ``verifier/claims.py``).
#: ``right``        equal to the derivation (or printed to full precision);
#: ``rounded``      the true value rounded at the last printed digit;
#: ``truncated``    the true value with its digits cut (toward zero) at the last printed digit;
#: ``convention``   wrong as the course means it, right under another convention the claim
#:                  names (log base 10, a stopping rule the document does not state);
#: ``typo``         the printed result is right but an operand printed beside it is not;
#: ``illustrative`` wrong, but the document itself says the numbers are made up;
#: ``wrong``        an erratum.
VERDICTS = ("right", "rounded", "truncated", "convention", "typo", "illustrative", "wrong")

#: Who states a claim: the seed ``document``, or the catalog (a ``reference`` value that
#: checks the document's method or records an exact result the document does not print).
ORIGINS = ("document", "reference")

#: How a claim reads the text: as printed, or as the obvious repair of a slip (both are kept,
#: each with its own verdict, so that a reader sees what is on the page and what was meant).
READINGS = ("", "printed", "repaired")


@dataclass(frozen=True)
class Claim:
    """One checkable statement of a seed document, with what its verdict is computed from.

    Parameters
    ----------
    label
        Short name, e.g. ``"f'(x)"`` or ``"∇f(2, 3)"``.
    document
        What the document wrote, quoted (LaTeX allowed).
    claimed
        The claimed value: a SymPy expression (a formula), a decimal string as printed
        (``"0.6"``; a trailing ``"…"`` marks digits cut by the catalog itself), a tuple of
        those (a vector or a table column), a ``bool`` (a property: "x = 0 is a maximum" is
        ``False`` of a minimum), a word (``"min"``), or a ``sympy.Eq`` (an equation, compared
        by its solutions).
    true
        ``true(derivation) -> value`` computes the correct value from the derivation (or from
        the entry's data); never a typed-in number.  It may return a ``sympy.Interval`` when the
        document's inputs are approximate (the verdict must then hold over the interval), or
        ``None`` when the document leaves the rule open and only ``conventions`` can judge.
    expected
        The verdict the catalog records (one of :data:`VERDICTS`); the tests hold the computed
        verdict equal to it.
    note
        What is wrong and what is true, for the errata page.
    origin
        One of :data:`ORIGINS`.
    seed
        The seed key ("000"…"004") when it is not the entry's first source.
    lines
        Line numbers of the statement in the seed file (every occurrence).
    reading
        One of :data:`READINGS`: ``"printed"`` and ``"repaired"`` readings of one statement
        come as two claims with the same ``lines``.
    operands
        The operation printed beside the result (``4 - Rational("0.22")`` for "4 − 0.22 =
        4.78"), evaluated to tell a typo in an operand (result right) from a wrong result.
    conventions
        ``((name, true), …)``: other conventions under which the claim may hold (``"log base
        10"``); tried only when the claim is wrong under ``true``.
    illustrative
        The document's own words saying that its numbers are made up ("NOT REAL"); a claim
        that is wrong and carries them is ``illustrative``, not an erratum.
    """

    label: str
    document: str
    claimed: Any
    true: Callable[[Any], Any]
    expected: str = "right"
    note: str = ""
    origin: str = "document"
    seed: str = ""
    lines: tuple[int, ...] = ()
    reading: str = ""
    operands: Any = None
    conventions: tuple = ()
    illustrative: str = ""

    def __post_init__(self):
        if self.expected not in VERDICTS:
            raise ValueError(f"claim {self.label!r}: unknown verdict {self.expected!r}")
        if self.origin not in ORIGINS or self.reading not in READINGS:
            raise ValueError(f"claim {self.label!r}: bad origin or reading")
        if isinstance(self.lines, int):
            object.__setattr__(self, "lines", (self.lines,))


@dataclass(frozen=True)
class Entry:
    """One formula id.

    Parameters
    ----------
    id
        The formula id (``exp_minus_log``); the name of the kernel namespace and docs page.
    title
        A human title.
    topic
        ``calculus`` | ``activations`` | ``costs`` | ``models`` | ``geometry``.
    kind
        One of :data:`KINDS`.
    sources
        Where the documents write it.
    expr
        The document's expression (for ``data`` entries: with ``Sum`` over samples).
    variables
        Scalar variables in calling order (for ``data`` entries: the parameters).
    domain
        A SymPy condition on the variables (``sp.true`` when everything real is allowed).
    box
        Per variable ``(lo, hi)``: where test points are drawn (inside the domain).
    stable
        The expression the kernels evaluate when it differs from ``expr`` (sigmoid,
        log-loss); proved equal to ``expr`` by the tests.
    data
        For ``data``/``vector`` entries: the names of the data arguments (``("x", "y")``).
    claims
        The document's claims.
    notes
        Markdown for the docs page (why the formula is there, caveats).
    stationary
        ``"solve"`` to solve ∇f = 0 with SymPy, ``"numeric"`` to solve from a grid, or None.
    grid
        For ``numeric`` stationary points: per variable ``(lo, hi, count)`` of start points.
    extra
        Kind-specific settings (vector entries: loss, features and scale).
    """

    id: str
    title: str
    topic: str
    kind: str
    sources: tuple[Source, ...]
    expr: Any = None
    variables: tuple[sp.Symbol, ...] = ()
    domain: Any = sp.true
    box: tuple[tuple[float, float], ...] = ()
    stable: Any = None
    data: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: str = ""
    stationary: str | None = None
    grid: tuple[tuple[float, float, int], ...] = ()
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"entry {self.id!r}: unknown kind {self.kind!r}")
        if self.kind in ("scalar", "data") and len(self.box) != len(self.variables):
            raise ValueError(f"entry {self.id!r}: one sampling box per variable is required")

    @property
    def compiled_expr(self):
        """The expression the kernels evaluate (the stable form where there is one)."""
        return self.stable if self.stable is not None else self.expr

    @property
    def has_function(self) -> bool:
        return self.kind != "claims"

    def seed_of(self, claim: Claim) -> str:
        """The seed document that states ``claim`` (its own ``seed``, else the entry's)."""
        return claim.seed or self.sources[0].seed


def entries(topic: str, kind: str, **shared) -> Callable[..., Entry]:
    """The constructor of a catalog module's entries: :class:`Entry` with the ``topic``, the
    ``kind`` and any other fields (``shared``) they all have filled in; a keyword given to the
    constructor wins."""
    return partial(Entry, topic=topic, kind=kind, **shared)


def claims_entry(id: str, title: str, topic: str, source: Source, *claims: Claim,
                 notes: str = "") -> Entry:
    """An entry with no function to compile (kind ``claims``): the ``claims`` one section of a
    document makes about a computation, a table or an argument."""
    return Entry(id=id, title=title, topic=topic, kind="claims", sources=(source,),
                 claims=claims, notes=notes)


# -- claims of a kind that recurs: the truth follows from the kind ------------------------------


def derivative_claim(label: str, document: str, claimed, order: int = 1, **kwargs) -> Claim:
    """A claimed derivative of a one-variable entry, or a line of its derivation, checked
    against the ``order``-th derivative SymPy derives."""
    return Claim(label, document, claimed, truths.derivative(order), **kwargs)


def partial_claim(label: str, document: str, claimed, index: int, **kwargs) -> Claim:
    """A claimed partial derivative ∂f/∂(variable ``index``), checked against the derived one."""
    return Claim(label, document, claimed, truths.partial(index), **kwargs)


def lab_claim(label: str, printed: str, x0, learning_rate, num_iterations, **kwargs) -> Claim:
    """The end point a lab prints, ``"x"`` or ``"(x, y)"``, checked digit for digit against the
    lab's loop x ← x − α∇f(x) run in Python floats on the derived gradient."""
    coordinates = tuple(printed.strip("()").split(", "))
    claimed = coordinates[0] if len(coordinates) == 1 else coordinates
    return Claim(label, printed, claimed, truths.lab(x0, learning_rate, num_iterations),
                 **kwargs)
