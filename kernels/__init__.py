"""gradspec.kernels: compiled gradient descent, Newton's method and regression fits.

The catalog's functions are ``gradspec.kernels.functions.<id>``; the drivers below run on
them, the fits on data arrays (NumPy or Dask), and small neural networks.  The experiments of
the lecture notes are in :mod:`gradspec.kernels.experiments`.
"""

from . import functions, fused, scaling
from .descent import gradient_ascent, gradient_descent
from .fitting import FitResult
from .multistart import multistart
from .network import Network, NetworkFit
from .newton import newton
from .reasons import Reason
from .regression import (
    linear_cost_grad,
    linear_regression,
    logistic_cost,
    logistic_cost_base10,
    logistic_cost_grad,
    logistic_regression,
    polynomial_features,
    polynomial_regression,
)
from .results import Cluster, DescentResult, MultistartResult, NewtonResult
from .scaling import Scaling, fit_scaling, min_max_scale, standardize
from .schedules import SCHEDULES

__all__ = [
    # the catalog's functions (one namespace per id) and the data kernels
    "functions", "fused", "scaling",
    # optimisation on a function
    "gradient_descent", "gradient_ascent", "newton", "multistart", "SCHEDULES",
    # fits on data (NumPy or Dask arrays)
    "linear_regression", "polynomial_regression", "polynomial_features", "logistic_regression",
    "linear_cost_grad", "logistic_cost_grad", "logistic_cost", "logistic_cost_base10",
    "fit_scaling", "min_max_scale", "standardize", "Scaling",
    # neural networks
    "Network", "NetworkFit",
    # results
    "FitResult", "DescentResult", "NewtonResult", "MultistartResult", "Cluster", "Reason",
]
