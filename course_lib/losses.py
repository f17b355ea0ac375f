"""Costs: binary and categorical cross-entropy, squared error, and the L2 penalty (Courses 1-2).

AL and Y are (1, m) for binary outputs, (C, m) for C classes (one-hot Y).
"""
import numpy as np

from course_lib.regularization import l2_cost

_EPS = 1e-15  # keeps log() finite when A[L] rounds to exactly 0 or 1


def compute_cost(AL, Y):
    """Cross-entropy cost, averaged over m examples.

    Binary (1, m): J = −(1/m) Σ [y log a + (1 − y) log(1 − a)]  (for y = 0 the loss is −log(1 − a)).
    C classes (C, m): J = −(1/m) Σ_i Σ_j y_j log a_j  (softmax, with the 1/m).
    """
    AL = np.clip(np.asarray(AL, dtype=float), _EPS, 1.0 - _EPS)
    Y = np.asarray(Y, dtype=float)
    if AL.shape != Y.shape:
        raise ValueError(f"AL {AL.shape} and Y {Y.shape} must have the same shape (n_y, m)")
    m = Y.shape[1]
    if AL.shape[0] == 1:
        return float(-np.sum(Y * np.log(AL) + (1.0 - Y) * np.log(1.0 - AL)) / m)
    return float(-np.sum(Y * np.log(AL)) / m)


def squared_error_cost(AL, Y):
    """J = (1/2m) Σ (a − y)², for regression outputs (and to show why logistic regression avoids it)."""
    AL, Y = np.asarray(AL, dtype=float), np.asarray(Y, dtype=float)
    return float(np.sum((AL - Y) ** 2) / (2 * Y.shape[1]))


def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """J = cross-entropy + (λ / 2m) Σ_l ‖W[l]‖²_F."""
    return compute_cost(AL, Y) + l2_cost(parameters, lambd, Y.shape[1])
