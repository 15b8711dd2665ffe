"""What the line-by-line reading of the five documents left out of the claims, and why.

Every statement a computation can confirm or refute is a :class:`~.entry.Claim` of some
entry.  The kinds of statement below are not: each row says why, with examples
(seed key and line numbers in the seed file).
"""

from __future__ import annotations

#: (kind of statement, why it is not a claim, examples as "seed: lines (what)").
SKIPPED = (
    ("Definitions and notation",
     "A definition is what a later computation starts from, not something it can refute; "
     "the catalog's entries are these definitions, and their consequences are claims.",
     ("000: 484–486, 785, 799, 963 (models, costs, the update rule)",
      "001: 65, 75–94, 148–160, 172 (margin, updates, ∇L)",
      "003: 13–15, 37, 208–218, 363, 372, 648–673, 701–712 (likelihood, limits, derivatives)",
      "004: 124–134, 228, 339–341, 372 (∂ notation, cross-entropy, MSE)")),
    ("General theorems and methods with no function to apply them to",
     "Standard results stated in general (the chain rule, differentiable ⇒ continuous, "
     "D_u f = ∇f·u, descent/ascent steps) are the derivation's own tools; where a document "
     "applies one to its own function, that application is a claim.",
     ("001: 218, 230", "002: 73, 92, 108, 132", "003: 519, 1144",
      "004: 30 (“the true minimum is where the derivative is zero”, of a polynomial it does "
      "not give)")),
    ("Advice, opinion and the practice of machine learning",
     "Statements about learning rates, local minima in high dimensions, the success of deep "
     "learning or interpretability are not decidable by a computation on the documents.",
     ("002: 84, 114, 138", "004: 7–12, 40–90, 173–199, 207–236, 320–350, 367–391, 410–422")),
    ("Facts about the world",
     "Not mathematics: “CAPT-3.5 → 135 Billion Para.” (001: 96; GPT-3 has 175 billion, GPT-3.5's count is not published), the "
     "course schedule and the cited studies of 000.",
     ("000: 12–590", "001: 96")),
    ("Outcomes of experiments whose code or data the document does not give",
     "The result depends on settings the document does not state (how long the models train, "
     "the data of the classification task); the kernels reproduce the experiments "
     "(`slope_experiment`, `classification_experiment`) and their tests hold what they show.",
     ("004: 458–463 (“larger slopes result in higher losses”), 474, 511–521",
      "002: 311, 415–421 (runs listed without an outcome)")),
    ("Scribbles, struck-out text and animation frames",
     "Handwritten marks that state nothing (001: 109, 206, 212, 239), text the author struck out "
     "(001: 253's second term, 255, 259) and a slide frame caught mid-cancellation (000: 1316) "
     "are not statements. The transcription of 001 writes × as x and 0 as c in places "
     "(275–303); the claims read them as × and 0.",
     ("000: 1316", "001: 109, 206, 212, 239, 253, 255, 259, 275–303")),
    ("Pictures the documents do not reproduce",
     "The shape of the “NOT REAL” loss surface (003: 1266–1443) and the features of the peaks "
     "plots (004: 138–141) are drawings; the numbers printed beside them are claims.",
     ("003: 1266, 1393", "004: 138–141")),
)

__all__ = ["SKIPPED"]
