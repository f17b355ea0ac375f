"""Costs: binary and categorical cross-entropy, squared error, the L2 penalty (Courses 1-2) and the
multi-task (multi-label) cost with unlabelled "?" entries (Course 3 week 2).

AL and Y are (1, m) for binary outputs, (C, m) for C classes (one-hot Y), (n_y, m) for n_y labels
per example.
"""

import numpy as np

from course_lib.regularization import l2_cost
from course_lib.validation import (
    as_array,
    check_binary_labels,
    check_finite,
    check_one_hot,
    check_shape,
)

_EPS = 1e-15  # keeps log() finite when A[L] rounds to exactly 0 or 1


def compute_cost(AL, Y):
    """Cross-entropy cost averaged over the m examples (Course 1 w2-4, Course 2 w3).

    Binary: J = −(1/m) Σ [y log a + (1 − y) log(1 − a)];  C classes: J = −(1/m) Σ_i Σ_j y_j log a_j
    AL: (1, m) or (C, m) outputs, probabilities in [0, 1];  Y: the same shape, 0/1 labels (one-hot
    for C classes)
    Returns J, a float.
    """
    AL, Y = as_array(AL, "AL"), as_array(Y, "Y")
    if AL.ndim != 2 or Y.shape != AL.shape:  # the checks that say what is wrong
        check_shape(AL, (None, None), "AL", "(n_y, m)")
        check_shape(Y, AL.shape, "Y", "(n_y, m)", note=", the shape of AL")
    if AL.size == 0:
        raise ValueError(f"AL {AL.shape} holds no examples (m = 0): a cost needs at least one")
    if not ((AL >= 0) & (AL <= 1)).all():  # false for NaN too
        check_finite(AL, "AL")
        raise ValueError(
            f"AL must hold probabilities in [0, 1]; got values from {AL.min():.3g} to "
            f"{AL.max():.3g} — did you pass Z (before the sigmoid/softmax) instead of A[L]?"
        )
    check_binary_labels(Y) if AL.shape[0] == 1 else check_one_hot(Y)
    return _cross_entropy(AL, Y)


def _cross_entropy(AL, Y):
    """compute_cost without its input checks, for the training loops (their data is checked once
    before the loop)."""
    # np.clip's arithmetic, max then min, without the wrapper's per-call cost
    AL = np.minimum(np.maximum(np.asarray(AL, dtype=float), _EPS), 1.0 - _EPS)
    Y = np.asarray(Y, dtype=float)
    m = Y.shape[1]
    # np.add.reduce: what .sum() runs, without its Python wrapper
    if AL.shape[0] == 1:
        return float(-np.add.reduce(Y * np.log(AL) + (1.0 - Y) * np.log(1.0 - AL), axis=None) / m)
    return float(-np.add.reduce(Y * np.log(AL), axis=None) / m)


def _binary_cross_entropy(AL, y_is_one):
    """_cross_entropy's number for one output unit and 0/1 labels, given as y_is_one = (Y == 1),
    with one log per example instead of two: y log a + (1 − y) log(1 − a) is exactly log a where
    y = 1 and log(1 − a) where y = 0 (the other product is a zero, and both logs of the clipped a
    are nonzero, so adding that zero changes no bit)."""
    AL = np.minimum(np.maximum(AL, _EPS), 1.0 - _EPS)
    return float(-np.add.reduce(np.log(np.where(y_is_one, AL, 1.0 - AL)), axis=None) / AL.shape[1])


def squared_error_cost(AL, Y):
    """J = (1/2m) Σ (a − y)², for regression (and to show why logistic regression avoids it).

    AL, Y: (n_y, m); returns J, a float.
    """
    AL = check_shape(as_array(AL, "AL"), (None, None), "AL", "(n_y, m)")
    Y = check_shape(as_array(Y, "Y"), AL.shape, "Y", "(n_y, m)", note=", the shape of AL")
    if AL.size == 0:
        raise ValueError(f"AL {AL.shape} holds no examples (m = 0): a cost needs at least one")
    return _squared_error(check_finite(AL, "AL"), check_finite(Y, "Y"))


def _squared_error(AL, Y):
    """squared_error_cost without its input checks, for the training loops."""
    AL, Y = np.asarray(AL, dtype=float), np.asarray(Y, dtype=float)
    return float(((AL - Y) ** 2).sum() / (2 * Y.shape[1]))


def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """J = cross-entropy + (λ / 2m) Σ_l ‖W[l]‖²_F (Course 2, week 1).

    AL, Y: (1, m) or (C, m);  parameters: {"W1", "b1", …};  lambd: λ ≥ 0
    Returns J, a float.
    """
    return compute_cost(AL, Y) + l2_cost(parameters, lambd, Y.shape[1])


def _labelled_entries(AL, Y, mask):
    """AL, Y as float arrays and the boolean (n_y, m) array of labelled entries, after checking
    them."""
    AL, Y = np.asarray(AL, dtype=float), np.asarray(Y, dtype=float)
    if AL.ndim != 2 or AL.shape != Y.shape:
        raise ValueError(
            f"AL {AL.shape} and Y {Y.shape} must have the same shape (n_y, m): one "
            f"row per label, "
            "one column per example"
        )
    if not np.all(np.isfinite(AL)) or np.any((AL < 0) | (AL > 1)):
        raise ValueError(
            "AL must hold sigmoid outputs in [0, 1] (no NaN); did you pass Z[L] instead of A[L]?"
        )
    if mask is None:
        labelled = ~np.isnan(Y)
    else:
        labelled = np.asarray(mask)
        check_shape(labelled, Y.shape, "mask", note=", Y's shape: True where a label is known")
        if labelled.dtype != bool:
            raise ValueError(
                f"mask must be boolean (True = labelled, False = '?'); got dtype {labelled.dtype}"
            )
        if np.any(np.isnan(Y) & labelled):
            raise ValueError("Y is NaN ('?') at an entry the mask marks as labelled")
    known = Y[labelled]
    if np.any(np.isinf(known)) or not np.isin(known, (0.0, 1.0)).all():
        raise ValueError("the known entries of Y must be 0 or 1 (NaN marks a missing '?' label)")
    return AL, Y, labelled


def multilabel_cost(AL, Y, mask=None):
    """Multi-task cost over the labelled entries only (Course 3, week 2).

    J = (1/m) Σ_i Σ_j∈labelled L(ŷ_j⁽ⁱ⁾, y_j⁽ⁱ⁾),  L = −[y log ŷ + (1 − y) log(1 − ŷ)]
    AL: (n_y, m) sigmoid outputs;  Y: (n_y, m) 0/1 labels, NaN for "?"
    mask: optional (n_y, m) booleans, False for "?"
    An unknown label adds nothing, while m stays the number of examples; with every entry labelled
    and n_y = 1 this is compute_cost. Returns J, a float.
    """
    AL, Y, labelled = _labelled_entries(AL, Y, mask)
    AL = np.clip(AL, _EPS, 1.0 - _EPS)
    Y0 = np.where(labelled, Y, 0.0)  # NaN · 0 is NaN: drop the "?" entries before multiplying
    losses = -(Y0 * np.log(AL) + (1.0 - Y0) * np.log(1.0 - AL))
    return float(np.sum(losses, where=labelled) / Y.shape[1])


def multilabel_cost_backward(AL, Y, mask=None):
    """dA[L] for multilabel_cost, in the course's convention (the 1/m comes in linear_backward).

    dA[L] = −(y/a − (1 − y)/(1 − a)) on labelled entries, 0 on "?" entries; through the sigmoid
    this gives dZ[L] = A[L] − Y on labelled entries, 0 elsewhere.
    AL, Y, mask: as multilabel_cost;  returns dA[L] (n_y, m).
    """
    AL, Y, labelled = _labelled_entries(AL, Y, mask)
    AL = np.clip(AL, _EPS, 1.0 - _EPS)
    Y0 = np.where(labelled, Y, 0.0)
    return np.where(labelled, -(Y0 / AL - (1.0 - Y0) / (1.0 - AL)), 0.0)
