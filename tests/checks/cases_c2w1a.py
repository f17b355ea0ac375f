"""The registry's entries for the checks of c2w1a: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks

COST_FAILS_ON = ("compute_cost_with_regularization fails on λ = 0.1, m = 5", "the cost is wrong")
DROPOUT_BACKWARD_FAILS_ON = "dA of shape (4, 5), keep_prob = 0.8"


def cost_with(penalty):
    """A learner's compute_cost_with_regularization: penalty(Ws, lambd, m, parameters) added."""

    def compute_cost_with_regularization(A3, Y, parameters, lambd):
        m = Y.shape[1]
        cross_entropy_cost = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
        Ws = [parameters[f"W{l}"] for l in (1, 2, 3)]
        return cross_entropy_cost + penalty(Ws, lambd, m, parameters)

    return compute_cost_with_regularization


def compute_cost_with_regularization_right(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    squares = np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3))
    L2_regularization_cost = lambd / (2 * m) * squares
    return cross_entropy_cost + L2_regularization_cost


def sum_of_squares(Ws):
    return sum(np.sum(np.square(W)) for W in Ws)


def dropout_forward_right(A, keep_prob, rng):
    D = (rng.random(A.shape) < keep_prob).astype(int)
    A = A * D
    A = A / keep_prob
    return A, D


def dropout_forward_without_dividing_by_keep_prob(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return A * D, D


def dropout_forward_multiplying_by_keep_prob(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return A * D * keep_prob, D


def dropout_forward_with_the_comparison_reversed(A, keep_prob, rng):
    D = rng.random(A.shape) > keep_prob
    return A * D / keep_prob, D


def dropout_forward_with_its_own_fixed_seed(A, keep_prob, rng):
    D = np.random.default_rng(0).random(A.shape) < keep_prob
    return A * D / keep_prob, D


def dropout_forward_global_np_random(A, keep_prob, rng):
    D = (
        np.random.rand(A.shape[0], A.shape[1]) < keep_prob
    )  # the course's original global-state version
    return A * D / keep_prob, D


def dropout_forward_mask_not_zero_one(A, keep_prob, rng):
    D = rng.random(A.shape)  # the comparison with keep_prob forgotten
    return A * D / keep_prob, D


def dropout_forward_pair_swapped(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return D, A * D / keep_prob


def dropout_forward_one_draw_per_unit(A, keep_prob, rng):
    D = rng.random((A.shape[0], 1)) < keep_prob
    return A * D / keep_prob, D


def dropout_backward_right(dA, D, keep_prob):
    dA = dA * D
    return dA / keep_prob


CASES = {
    checks.check_compute_cost_with_regularization: (
        compute_cost_with_regularization_right,
        [
            (
                cost_with(lambda Ws, lambd, m, p: lambd / m * sum_of_squares(Ws)),
                (*COST_FAILS_ON, "the factor is λ/m instead of λ/(2m)"),
            ),
            (
                cost_with(lambda Ws, lambd, m, p: lambd / 2 * sum_of_squares(Ws)),
                (*COST_FAILS_ON, "the factor is λ/2 (the 1/m is missing)"),
            ),
            (
                cost_with(lambda Ws, lambd, m, p: lambd / (2 * m) * sum_of_squares(p.values())),
                (*COST_FAILS_ON, "the b[l] are penalized too (only the W[l] are)"),
            ),
            (
                cost_with(
                    lambda Ws, lambd, m, p: lambd / (2 * m) * sum(np.linalg.norm(W) for W in Ws)
                ),
                (*COST_FAILS_ON, "‖W‖_F is not squared"),
            ),
            (cost_with(lambda Ws, lambd, m, p: 0.0), (*COST_FAILS_ON, "the penalty is left out")),
            (
                cost_with(lambda Ws, lambd, m, p: lambd / 2 * m * sum_of_squares(Ws)),
                (*COST_FAILS_ON, "λ/2*m multiplies by m"),
            ),
            (
                cost_with(lambda Ws, lambd, m, p: lambd / (2 * m) * sum_of_squares(Ws[:2])),
                (*COST_FAILS_ON, "W3 is left out of the sum"),
            ),
        ],
    ),
    checks.check_dropout_forward: (
        dropout_forward_right,
        [
            (
                dropout_forward_without_dividing_by_keep_prob,
                (
                    "A of shape (400, 250), keep_prob = 0.8",
                    "A · D is not divided by keep_prob (inverted dropout keeps the expected",
                ),
            ),
            (
                dropout_forward_multiplying_by_keep_prob,
                "multiplied by keep_prob instead of divided",
            ),
            (
                dropout_forward_with_the_comparison_reversed,
                (
                    "D keeps 20.0% of the units, expected about keep_prob = 80%",
                    "the comparison is the wrong way round",
                ),
            ),
            (
                dropout_forward_global_np_random,
                (
                    "the same rng seed gave a different mask",
                    "draw D from the `rng` argument (rng.random), not from np.random",
                ),
            ),
            (dropout_forward_with_its_own_fixed_seed, "two different rng seeds gave the same mask"),
            (dropout_forward_mask_not_zero_one, "D must hold only 0s and 1s"),
            (dropout_forward_pair_swapped, "the pair is in the wrong order: return A, D"),
            (
                dropout_forward_one_draw_per_unit,
                "D has shape (400, 1): one draw per unit would drop a unit for every example "
                "at once",
            ),
            (
                lambda A, keep_prob, rng: (A, rng.random(A.shape) < keep_prob),
                "A is returned unchanged",
            ),
            (
                lambda A, keep_prob, rng: (A / keep_prob, rng.random(A.shape) < keep_prob),
                "the mask is not applied to A",
            ),
            (lambda A, keep_prob, rng: A, "must return a pair (A, D); got ndarray"),
            (lambda A, keep_prob, rng: (A, A.T > 0), "D has shape (250, 400)"),
        ],
    ),
    checks.check_dropout_backward: (
        dropout_backward_right,
        [
            (
                lambda dA, D, keep_prob: dA * D,
                (DROPOUT_BACKWARD_FAILS_ON, "dA · D is not divided by keep_prob"),
            ),
            (
                lambda dA, D, keep_prob: dA * (1 - D) / keep_prob,
                (DROPOUT_BACKWARD_FAILS_ON, "use D, not 1 − D"),
            ),
            (
                lambda dA, D, keep_prob: dA / keep_prob,
                (DROPOUT_BACKWARD_FAILS_ON, "the mask D is not applied"),
            ),
            (
                lambda dA, D, keep_prob: dA * D * keep_prob,
                (DROPOUT_BACKWARD_FAILS_ON, "multiplied by keep_prob instead of divided"),
            ),
            (
                lambda dA, D, keep_prob: (dA * D / keep_prob).ravel(),
                (DROPOUT_BACKWARD_FAILS_ON, "dA has shape (20,), expected (4, 5)", "it is 1-D"),
            ),
            (
                lambda dA, D, keep_prob: (dA * D / keep_prob).T,
                (DROPOUT_BACKWARD_FAILS_ON, "dA has shape (5, 4), expected (4, 5)", "transposed"),
            ),
        ],
    ),
}
