"""Regularization: the L2 (and L1) penalty and inverted dropout, forward and backward (Course 2, week 1).

L2: J_reg = J + (λ / 2m) Σ_l ‖W[l]‖²_F and dW[l] += (λ / m) W[l] ("weight decay").
L1: J_reg = J + (λ / 2m) Σ_l Σ |W[l]| and dW[l] += (λ / 2m) sign(W[l]) (the lecture's constant; any other
only rescales λ).
Inverted dropout on A[l] (n[l], m): D[l] = (rand < keep_prob), A[l] := A[l] · D[l] / keep_prob, and in
the backward pass dA[l] := dA[l] · D[l] / keep_prob. No dropout at test time.
"""
import numpy as np

from course_lib.validation import as_number, as_probability, as_rng, check_choice

PENALTIES = ("l2", "l1")


def check_lambd(lambd):
    """Return λ as a float; refuse negative or non-finite values."""
    return as_number(lambd, "λ (lambd)", low=0, note=" (0 switches regularization off)")


def check_penalty(penalty):
    """Refuse unknown penalty names."""
    return check_choice(penalty, PENALTIES, "penalty")


def check_keep_prob(keep_prob, name="keep_prob"):
    """Return keep_prob as a float in (0, 1]; 1 keeps every unit (no dropout)."""
    return as_probability(keep_prob, name, note=" — the probability of keeping a unit "
                          "(1 = no dropout, 0.8 drops 20% of the units)")


def keep_probs_per_layer(keep_prob, L):
    """One keep_prob per hidden layer 1…L−1 of an L-layer network: a number is used for all of them."""
    if np.ndim(keep_prob) == 0:
        if L == 1 and check_keep_prob(keep_prob) < 1:
            raise ValueError("dropout acts on hidden layers, and this network has none (layer_dims has two entries); "
                             "use keep_prob = 1 or add a hidden layer")
        return (check_keep_prob(keep_prob),) * (L - 1)
    keep_prob = tuple(keep_prob)
    if len(keep_prob) != L - 1:
        raise ValueError(f"give one keep_prob per hidden layer: this network has L − 1 = {L - 1} hidden layer(s), "
                         f"got {len(keep_prob)} values {keep_prob} (the output layer is never dropped)")
    return tuple(check_keep_prob(p, f"keep_prob[{l}]") for l, p in enumerate(keep_prob, start=1))


def l2_cost(parameters, lambd, m):
    """The L2 penalty (λ / 2m) Σ_l ‖W[l]‖²_F (Frobenius norm), added to the cross-entropy cost."""
    if not lambd:
        return 0.0
    return float(lambd / (2 * m) * sum(np.sum(W**2) for k, W in parameters.items() if k.startswith("W")))


def l1_cost(parameters, lambd, m):
    """The L1 penalty (λ / 2m) Σ_l Σ_ij |W[l]_ij|, which drives many weights to (nearly) zero."""
    if not lambd:
        return 0.0
    return float(lambd / (2 * m) * sum(np.sum(np.abs(W)) for k, W in parameters.items() if k.startswith("W")))


def penalty_cost(parameters, lambd, m, penalty="l2"):
    """The named penalty's cost term ("l2" or "l1")."""
    return (l2_cost if check_penalty(penalty) == "l2" else l1_cost)(parameters, lambd, m)


def penalty_gradient(W, lambd, m, penalty="l2"):
    """The term added to dW[l]: (λ / m) W[l] for L2, (λ / 2m) sign(W[l]) for L1; shape of W."""
    return (lambd / m) * W if check_penalty(penalty) == "l2" else (lambd / (2 * m)) * np.sign(W)


def dropout_forward(A, keep_prob, rng=None):
    """Inverted dropout: D = (U < keep_prob) with U uniform on [0, 1), A · D / keep_prob; returns (A_dropped, D).

    A and D are (n[l], m); dividing by keep_prob keeps the expected value of each activation unchanged.
    """
    keep_prob = check_keep_prob(keep_prob)
    A = np.asarray(A, dtype=float)
    D = as_rng(rng).random(A.shape) < keep_prob
    return A * D / keep_prob, D


def dropout_backward(dA, D, keep_prob):
    """dA[l] := dA[l] · D[l] / keep_prob: the units dropped in the forward pass get no gradient; shape of dA."""
    if np.shape(D) != np.shape(dA):
        raise ValueError(f"the mask D {np.shape(D)} must be the one drawn for this layer, shaped like dA {np.shape(dA)}")
    return dA * D / check_keep_prob(keep_prob)
