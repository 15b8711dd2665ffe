"""gradspec.kernels"""
from . import (  # noqa: E402,F401  (issue 7: fused data models)
    experiments,
    functions,  # noqa: E402,F401  (one namespace per catalog id)
    fused,
    scaling,
)
from .descent import gradient_ascent, gradient_descent  # noqa: E402,F401  (issue 3)
from .experiments import classification_experiment, slope_experiment, two_clouds  # noqa: E402,F401
from .multistart import multistart  # noqa: E402,F401
from .network import Network, NetworkFit  # noqa: E402,F401
from .newton import newton  # noqa: E402,F401
from .regression import (  # noqa: E402,F401
    FitResult,
    linear_cost_grad,
    linear_regression,
    logistic_cost,
    logistic_cost_base10,
    logistic_cost_grad,
    logistic_regression,
    polynomial_features,
    polynomial_regression,
)
from .results import Cluster, DescentResult, MultistartResult, NewtonResult  # noqa: E402,F401
from .scaling import Scaling, fit_scaling, min_max_scale, standardize  # noqa: E402,F401
from .schedules import SCHEDULES  # noqa: E402,F401
