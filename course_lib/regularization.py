"""Regularization: the L2 (and L1) penalty and inverted dropout, forward and backward
(Course 2, week 1).

L2: J_reg = J + (λ / 2m) Σ_l ‖W[l]‖²_F and dW[l] += (λ / m) W[l] ("weight decay").
L1: J_reg = J + (λ / 2m) Σ_l Σ |W[l]| and dW[l] += (λ / 2m) sign(W[l])
(the lecture's constant; any other only rescales λ).
Inverted dropout on A[l] (n[l], m): D[l] = (rand < keep_prob), A[l] := A[l] · D[l] / keep_prob, and
in the backward pass dA[l] := dA[l] · D[l] / keep_prob. No dropout at test time.
"""

import numpy as np

from course_lib.validation import (
    as_array,
    as_number,
    as_probability,
    as_rng,
    check_choice,
    check_mapping,
)

PENALTIES = ("l2", "l1")


def check_lambd(lambd):
    """Return λ as a float; refuse negative or non-finite values."""
    return as_number(lambd, "λ (lambd)", low=0, note=" (0 switches regularization off)")


def check_penalty(penalty):
    """Refuse unknown penalty names."""
    return check_choice(penalty, PENALTIES, "penalty")


def check_keep_prob(keep_prob, name="keep_prob"):
    """Return keep_prob as a float in (0, 1]; 1 keeps every unit (no dropout)."""
    return as_probability(
        keep_prob,
        name,
        note=" — the probability of keeping a unit (1 = no dropout, 0.8 drops 20% of the units)",
    )


def keep_probs_per_layer(keep_prob, L):
    """One keep_prob per hidden layer 1…L−1 of an L-layer network: a number is used for all of
    them."""
    if np.ndim(keep_prob) == 0:
        if L == 1 and check_keep_prob(keep_prob) < 1:
            raise ValueError(
                "dropout acts on hidden layers, and this network has none (layer_dims "
                "has two entries); "
                "use keep_prob = 1 or add a hidden layer"
            )
        return (check_keep_prob(keep_prob),) * (L - 1)
    keep_prob = tuple(keep_prob)
    if len(keep_prob) != L - 1:
        raise ValueError(
            f"give one keep_prob per hidden layer: this network has L − 1 = {L - 1} "
            f"hidden layer(s), "
            f"got {len(keep_prob)} values {keep_prob} (the output layer is never "
            f"dropped)"
        )
    return tuple(check_keep_prob(p, f"keep_prob[{l}]") for l, p in enumerate(keep_prob, start=1))


def l2_cost(parameters, lambd, m):
    """The L2 penalty (λ / 2m) Σ_l ‖W[l]‖²_F (Frobenius norm), added to the cross-entropy cost.

    parameters: {"W1": (n[1], n[0]), …} (b is not penalized);  lambd: λ ≥ 0;  m: examples
    Returns the penalty, a float.
    """
    if not check_lambd(lambd):
        return 0.0
    check_mapping(parameters, "parameters", "{'W1': …, 'b1': …}")
    return _penalty_cost(parameters, lambd, m, "l2")


def l1_cost(parameters, lambd, m):
    """The L1 penalty (λ / 2m) Σ_l Σ_ij |W[l]_ij|, which drives many weights to (nearly) zero.

    parameters: {"W1", …};  lambd: λ ≥ 0;  m: examples;  returns a float.
    """
    if not check_lambd(lambd):
        return 0.0
    check_mapping(parameters, "parameters", "{'W1': …, 'b1': …}")
    return _penalty_cost(parameters, lambd, m, "l1")


def penalty_cost(parameters, lambd, m, penalty="l2"):
    """The named penalty's cost term: l2_cost for "l2", l1_cost for "l1"; a float."""
    return (l2_cost if check_penalty(penalty) == "l2" else l1_cost)(parameters, lambd, m)


def _penalty_cost(parameters, lambd, m, penalty):
    """penalty_cost without its checks, for the training loops (0.0 for λ = 0)."""
    if not lambd:
        return 0.0
    if penalty == "l2":
        terms = ((W**2).sum() for k, W in parameters.items() if k.startswith("W"))
    else:
        terms = (np.abs(W).sum() for k, W in parameters.items() if k.startswith("W"))
    return float(lambd / (2 * m) * sum(terms))


def penalty_gradient(W, lambd, m, penalty="l2"):
    """The penalty's term of dW[l]: (λ / m) W[l] for "l2", (λ / 2m) sign(W[l]) for "l1".

    W: (n[l], n[l−1]);  returns an array of W's shape.
    """
    return _penalty_gradient(W, lambd, m, check_penalty(penalty))


def _penalty_gradient(W, lambd, m, penalty):
    """penalty_gradient without its check, for the training loops."""
    return (lambd / m) * W if penalty == "l2" else (lambd / (2 * m)) * np.sign(W)


def dropout_forward(A, keep_prob, rng=None):
    """Inverted dropout: D = (U < keep_prob) with U uniform on [0, 1), A := A · D / keep_prob.

    A: (n[l], m) activations;  keep_prob: in (0, 1];  rng: a Generator or a seed
    Returns the dropped A (n[l], m) and the mask D (n[l], m). Dividing by keep_prob keeps the
    expected value of every activation unchanged.
    """
    return _dropout_forward(as_array(A, "A"), check_keep_prob(keep_prob), as_rng(rng))


def _dropout_forward(A, keep_prob, rng):
    """dropout_forward without its checks, for the training loops."""
    D = rng.random(A.shape) < keep_prob
    return A * D / keep_prob, D


def dropout_backward(dA, D, keep_prob):
    """dA := dA · D / keep_prob: the units dropped in the forward pass get no gradient.

    dA: (n[l], m);  D: (n[l], m) the mask of dropout_forward;  keep_prob: in (0, 1]
    Returns dA (n[l], m).
    """
    check_mask(D, np.shape(dA))
    return _dropout_backward(dA, D, check_keep_prob(keep_prob))


def check_mask(D, shape):
    """Refuse a dropout mask D that is not shaped like its layer's dA (n[l], m)."""
    if np.shape(D) != shape:
        raise ValueError(
            f"the mask D {np.shape(D)} must be the one drawn for this layer, shaped like dA {shape}"
        )


def _dropout_backward(dA, D, keep_prob):
    """dropout_backward without its checks, for the training loops."""
    return dA * D / keep_prob
