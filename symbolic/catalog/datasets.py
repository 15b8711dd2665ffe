"""The data sets printed in the seed documents, as float64 arrays.

Each is a plain tuple of arrays so that kernels, tests, docs and benchmarks share one copy.
"""

import numpy as np

#: 000, the training table: SGLT1 expression (x) and blood glucose in mg/dL (y).
SGLT1_GLUCOSE = (
    np.array([3.0, 8.0, 12.0, 2.0]),
    np.array([80.0, 130.0, 170.0, 89.0]),
)

#: 000, the same targets with three features per sample; note the badly scaled 666.
GLUCOSE_THREE_FEATURES = (
    np.array(
        [
            [3.0, 2.0, 11.0],
            [8.0, 3.0, 2.0],
            [12.0, 4.0, 666.0],
            [2.0, 6.0, 5.0],
        ]
    ),
    np.array([80.0, 130.0, 170.0, 89.0]),
)

#: 000, the toy data of the cost-function slides: y = x on three points.
LINE_123 = (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]))

#: 003: hours studied (x) and pass (1) / fail (0).
PASS_FAIL_8 = (
    np.array([8.0, 15.0, 19.0, 24.0, 27.0, 31.0, 35.0, 40.0]),
    np.array([0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]),
)

#: 004, the errors table: predictions ŷ and labels y.
ERRORS_TABLE = (np.array([0.9, 0.2, 0.1, 0.51]), np.array([1.0, 0.0, 1.0, 0.0]))

DATASETS = {
    "sglt1_glucose": SGLT1_GLUCOSE,
    "glucose_three_features": GLUCOSE_THREE_FEATURES,
    "line_123": LINE_123,
    "pass_fail_8": PASS_FAIL_8,
    "errors_table": ERRORS_TABLE,
}
