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


# ---- the course's 3-layer network, written as a learner does, with one knob each -----------------


def relu(Z):
    return np.maximum(0, Z)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def backward_with(l2=lambda lambd, m: lambd / m, on_db=False, relu_prime=None):
    """A learner's backward_propagation_with_regularization: l2(lambd, m) · W added to each dW (and
    to db with on_db); relu_prime(A) for ReLU′ (default: the course's np.int64(A > 0))."""
    relu_prime = relu_prime or (lambda A: np.int64(A > 0))

    def backward_propagation_with_regularization(X, Y, cache, lambd):
        m = X.shape[1]
        (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
        factor = l2(lambd, m)
        dZ3 = A3 - Y
        dW3 = 1.0 / m * np.dot(dZ3, A2.T) + factor * W3
        db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True) + on_db * factor * b3
        dA2 = np.dot(W3.T, dZ3)
        dZ2 = np.multiply(dA2, relu_prime(A2))
        dW2 = 1.0 / m * np.dot(dZ2, A1.T) + factor * W2
        db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True) + on_db * factor * b2
        dA1 = np.dot(W2.T, dZ2)
        dZ1 = np.multiply(dA1, relu_prime(A1))
        dW1 = 1.0 / m * np.dot(dZ1, X.T) + factor * W1
        db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True) + on_db * factor * b1
        return {
            "dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
        }  # fmt: skip

    return backward_propagation_with_regularization


def backward_with_a_relu_derivative_written_into_the_cache(X, Y, cache, lambd):
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    A2[A2 > 0] = 1  # ReLU′ "computed" by overwriting the cached A2
    return backward_with()(X, Y, cache, lambd)


def forward_with(divide=True, drop_output=False, same_mask=False, compare=np.less, source=None):
    """A learner's forward_propagation_with_dropout, the course's way (masks as ints); source(rng)
    gives the generator the masks come from (default: the rng argument)."""

    def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, rng=1):
        rng = np.random.default_rng(rng)
        masks = source(rng) if source else rng
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        W3, b3 = parameters["W3"], parameters["b3"]
        Z1 = np.dot(W1, X) + b1
        A1 = relu(Z1)
        D1 = compare(masks.random((A1.shape[0], A1.shape[1])), keep_prob).astype(int)
        A1 = A1 * D1 / keep_prob if divide else A1 * D1
        Z2 = np.dot(W2, A1) + b2
        A2 = relu(Z2)
        D2 = D1 if same_mask else compare(masks.random(A2.shape), keep_prob).astype(int)
        A2 = A2 * D2 / keep_prob if divide else A2 * D2
        Z3 = np.dot(W3, A2) + b3
        A3 = sigmoid(Z3)
        if drop_output:
            A3 = A3 * (masks.random(A3.shape) < keep_prob) / keep_prob
        return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)

    return forward_propagation_with_dropout


def forward_caching_the_activations_before_dropout(X, parameters, keep_prob=0.5, rng=1):
    A3, cache = forward_with()(X, parameters, keep_prob, rng)
    Z1, D1, _, W1, b1, Z2, D2, A2, W2, b2, Z3, _, W3, b3 = cache
    return A3, (Z1, D1, relu(Z1), W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def forward_with_the_plain_cache(X, parameters, keep_prob=0.5, rng=1):
    A3, cache = forward_with()(X, parameters, keep_prob, rng)
    return A3, tuple(x for i, x in enumerate(cache) if i not in (1, 6))


def forward_with_the_mask_after_its_activation(X, parameters, keep_prob=0.5, rng=1):
    A3, (Z1, D1, A1, *rest) = forward_with()(X, parameters, keep_prob, rng)
    return A3, (Z1, A1, D1, *rest)


def dropout_backward_with(mask="dA", divide=True, swap=False):
    """A learner's backward_propagation_with_dropout, the course's way: the masks applied to dA
    (mask="dA"), to dZ ("dZ") or not at all ("none"), divided by keep_prob or not, or each layer
    given the other's."""

    def backward_propagation_with_dropout(X, Y, cache, keep_prob):
        m = X.shape[1]
        (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
        if swap:
            D1, D2 = D2, D1
        factor = 1 / keep_prob if divide else 1.0
        dZ3 = A3 - Y
        dW3 = 1.0 / m * np.dot(dZ3, A2.T)
        db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
        dA2 = np.dot(W3.T, dZ3)
        if mask == "dA":
            dA2 = dA2 * D2 * factor
        elif mask == "none":
            dA2 = dA2 * factor
        dZ2 = np.multiply(dA2, np.int64(Z2 > 0))
        if mask == "dZ":
            dZ2 = dZ2 * D2 * factor
        dW2 = 1.0 / m * np.dot(dZ2, A1.T)
        db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
        dA1 = np.dot(W2.T, dZ2)
        if mask == "dA":
            dA1 = dA1 * D1 * factor
        elif mask == "none":
            dA1 = dA1 * factor
        dZ1 = np.multiply(dA1, np.int64(Z1 > 0))
        if mask == "dZ":
            dZ1 = dZ1 * D1 * factor
        dW1 = 1.0 / m * np.dot(dZ1, X.T)
        db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
        return {
            "dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
        }  # fmt: skip

    return backward_propagation_with_dropout


def dropout_backward_multiplied_by_keep_prob(X, Y, cache, keep_prob):
    return dropout_backward_with()(X, Y, cache, 1 / keep_prob)  # dA · D · keep_prob


REGULARIZATION_FAILS_ON = "backward_propagation_with_regularization fails on a [3, 2, 3, 1] network"
FORWARD_FAILS_ON = "forward_propagation_with_dropout fails on a [4, 5, 5, 1] network"
DROPOUT_BACKWARD_3_FAILS_ON = "backward_propagation_with_dropout fails on a [4, 5, 5, 1] network"


CASES = {
    checks.check_backward_propagation_with_regularization: (
        backward_with(),
        [
            (
                backward_with(l2=lambda lambd, m: lambd),
                (REGULARIZATION_FAILS_ON, 'gradients["dW3"]', "the /m is missing"),
            ),
            (
                backward_with(on_db=True),
                (REGULARIZATION_FAILS_ON, 'gradients["db3"]', "added to db[l] too"),
            ),
            (
                backward_with(l2=lambda lambd, m: 2 * lambd / m),
                (REGULARIZATION_FAILS_ON, "the L2 term is 2λ/m · W[l]", "the 2s cancel"),
            ),
            (
                backward_with(l2=lambda lambd, m: 0.0),
                (REGULARIZATION_FAILS_ON, "the L2 term (λ/m) W[l] is left out of dW[l]"),
            ),
            (backward_with(l2=lambda lambd, m: lambd / (2 * m)), "the L2 term is λ/(2m) · W[l]"),
            (
                backward_with(relu_prime=lambda A: A),
                (REGULARIZATION_FAILS_ON, 'gradients["dZ2"]', "ReLU′ is taken as A[l] itself"),
            ),
            (
                backward_with_a_relu_derivative_written_into_the_cache,
                "changed A2 of its input `cache` in place",
            ),
            (
                lambda X, Y, cache, lambd: {
                    k: v for k, v in backward_with()(X, Y, cache, lambd).items() if k[1] != "Z"
                },
                'gradients["dZ3"] is missing from the dict you return',
            ),
        ],
    ),
    checks.check_forward_propagation_with_dropout: (
        forward_with(),
        [
            (
                forward_with(divide=False),
                (FORWARD_FAILS_ON, "A[l] · D[l] is not divided by keep_prob"),
            ),
            (
                forward_with(drop_output=True),
                (FORWARD_FAILS_ON, "the output layer is dropped too"),
            ),
            (forward_with(same_mask=True), (FORWARD_FAILS_ON, "A2 is masked with D1")),
            (
                forward_with(compare=np.greater),
                (FORWARD_FAILS_ON, "the comparison is the wrong way round"),
            ),
            (
                forward_with(source=lambda rng: np.random.default_rng(0)),
                (FORWARD_FAILS_ON, "D1 is a 0/1 mask, but not the one drawn from `rng`"),
            ),
            (
                forward_caching_the_activations_before_dropout,
                "the cache holds A1 before dropout",
            ),
            (forward_with_the_plain_cache, "got 12 entries: D1 and D2 are missing"),
            (
                forward_with_the_mask_after_its_activation,
                "cache[1] holds A1, not D1: keep the course's order (Z1, D1, A1,",
            ),
            (lambda X, parameters, keep_prob=0.5, rng=1: None, "must return the pair A3, cache"),
        ],
    ),
    checks.check_backward_propagation_with_dropout: (
        dropout_backward_with(),
        [
            (
                dropout_backward_with(divide=False),
                (DROPOUT_BACKWARD_3_FAILS_ON, "dA[l] · D[l] is not divided by keep_prob"),
            ),
            (
                dropout_backward_with(mask="dZ"),
                (DROPOUT_BACKWARD_3_FAILS_ON, 'gradients["dA2"]', "mask dA[l], not dZ[l]"),
            ),
            (
                dropout_backward_with(swap=True),
                (DROPOUT_BACKWARD_3_FAILS_ON, "dA2 is masked with D1 and dA1 with D2"),
            ),
            (
                dropout_backward_multiplied_by_keep_prob,
                "multiplied by keep_prob instead of divided",
            ),
            (
                dropout_backward_with(mask="none", divide=False),
                (DROPOUT_BACKWARD_3_FAILS_ON, "dA[l] is left unmasked"),
            ),
            (
                dropout_backward_with(mask="none"),
                (DROPOUT_BACKWARD_3_FAILS_ON, "divided by keep_prob but not masked with D[l]"),
            ),
        ],
    ),
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
