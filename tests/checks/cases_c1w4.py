"""The registry's entries for the checks of c1w4: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks
from course_lib.activations import sigmoid_backward
from course_lib.dense import linear_activation_backward, linear_backward


def initialize_parameters_deep_right(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def initialize_zeros(layer_dims, rng):
    return {
        k: np.zeros_like(v) for k, v in initialize_parameters_deep_right(layer_dims, rng).items()
    }


def initialize_without_the_0_01(layer_dims, rng):
    params = initialize_parameters_deep_right(layer_dims, rng)
    return {k: v * 100 if k.startswith("W") else v for k, v in params.items()}


def initialize_transposed_W(layer_dims, rng):
    params = initialize_parameters_deep_right(layer_dims, rng)
    return {k: v.T if k.startswith("W") else v for k, v in params.items()}


def initialize_one_dimensional_b(layer_dims, rng):
    params = initialize_parameters_deep_right(layer_dims, rng)
    return {k: v.ravel() if k.startswith("b") else v for k, v in params.items()}


def initialize_one_layer_short(layer_dims, rng):
    params = initialize_parameters_deep_right(layer_dims, rng)
    L = len(layer_dims) - 1
    del params[f"W{L}"], params[f"b{L}"]  # an off-by-one range(1, L)
    return params


def initialize_with_a_fixed_seed(layer_dims, rng):
    return initialize_parameters_deep_right(layer_dims, np.random.default_rng(0))


def initialize_with_the_global_np_random(layer_dims, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def L_model_backward_right(AL, Y, caches, dAL_sign=1.0, hidden="relu"):
    """The course's version: dAL from the derivative of the cost, then sigmoid and relu backward."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -dAL_sign * (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(
        dAL, caches[L - 1], "sigmoid"
    )
    for l in reversed(range(L - 1)):
        grads[f"dA{l}"], grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = linear_activation_backward(
            grads[f"dA{l + 1}"], caches[l], hidden
        )
    return grads


def L_model_backward_without_one_over_m(AL, Y, caches):
    m = AL.shape[1]
    grads = L_model_backward_right(AL, Y, caches)
    # the 1/m forgotten inside linear_backward: every dW and db is m times too large
    return {k: v * m if not k.startswith("dA") else v for k, v in grads.items()}


def L_model_backward_reusing_the_output_cache(AL, Y, caches):
    grads = {}
    L = len(caches)
    dZ = sigmoid_backward(-(Y / AL - (1 - Y) / (1 - AL)), caches[-1][1])
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[-1][0])
    for l in reversed(range(L - 1)):
        # bug: always uses caches[L - 1] instead of caches[l]
        grads[f"dA{l}"], grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = linear_activation_backward(
            grads[f"dA{l + 1}"], caches[L - 1], "relu"
        )
    return grads


def L_model_backward_with_dAL_set_to_AL_minus_Y(AL, Y, caches):
    grads, L = {}, len(caches)
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(
        AL - Y, caches[L - 1], "sigmoid"
    )
    for l in reversed(range(1, L)):
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], "relu"
        )
    return grads


def L_model_backward_stopping_before_dA0(AL, Y, caches):
    grads = L_model_backward_right(AL, Y, caches)
    del grads["dA0"]
    return grads


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def linear_forward_right(A, W, b):
    return W @ A + b, (A, W, b)


def linear_forward_without_b(A, W, b):
    return W @ A, (A, W, b)


def linear_forward_caching_Z(A, W, b):
    Z = W @ A + b
    return Z, (Z, W, b)


def linear_activation_forward_right(A_prev, W, b, activation, swap=False, cache_A=False):
    Z, linear_cache = linear_forward_right(A_prev, W, b)
    use_sigmoid = (activation == "sigmoid") != swap
    A = _sigmoid(Z) if use_sigmoid else np.maximum(0, Z)
    return A, (linear_cache, A if cache_A else Z)


def linear_activation_forward_swapped(A_prev, W, b, activation):
    return linear_activation_forward_right(A_prev, W, b, activation, swap=True)


def linear_activation_forward_caching_A(A_prev, W, b, activation):
    return linear_activation_forward_right(A_prev, W, b, activation, cache_A=True)


def L_model_forward_right(X, parameters, hidden="relu", output="sigmoid", skip_last_cache=False):
    caches, A = [], X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward_right(
            A, parameters[f"W{l}"], parameters[f"b{l}"], hidden
        )
        caches.append(cache)
    AL, cache = linear_activation_forward_right(A, parameters[f"W{L}"], parameters[f"b{L}"], output)
    if not skip_last_cache:
        caches.append(cache)
    return AL, caches


def L_model_forward_sigmoid_in_the_loop(X, parameters):
    return L_model_forward_right(X, parameters, hidden="sigmoid")


def L_model_forward_relu_output(X, parameters):
    return L_model_forward_right(X, parameters, output="relu")


def L_model_forward_without_the_last_cache(X, parameters):
    return L_model_forward_right(X, parameters, skip_last_cache=True)


def linear_backward_right(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_backward_db_over_units(dZ, cache):
    dA_prev, dW, _ = linear_backward_right(dZ, cache)
    return dA_prev, dW, np.sum(dZ, axis=0, keepdims=True) / dZ.shape[1]


def linear_backward_without_one_over_m(dZ, cache):
    dA_prev, dW, db = linear_backward_right(dZ, cache)
    m = dZ.shape[1]
    return dA_prev, dW * m, db * m


def linear_backward_db_1d(dZ, cache):
    dA_prev, dW, db = linear_backward_right(dZ, cache)
    return dA_prev, dW, db.ravel()


def linear_activation_backward_right(dA, cache, activation, swap=False, skip=False):
    linear_cache, Z = cache
    use_sigmoid = (activation == "sigmoid") != swap
    s = _sigmoid(Z)
    dZ = dA if skip else (dA * s * (1 - s) if use_sigmoid else dA * (Z > 0))
    return linear_backward_right(dZ, linear_cache)


def linear_activation_backward_swapped(dA, cache, activation):
    return linear_activation_backward_right(dA, cache, activation, swap=True)


def linear_activation_backward_without_g(dA, cache, activation):
    return linear_activation_backward_right(dA, cache, activation, skip=True)


def model_right(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    print_cost=False,
    rng=None,
    every=100,
    once=False,
):
    if len(layers_dims) == 3:
        W1 = rng.standard_normal((layers_dims[1], layers_dims[0])) * 0.01
        W2 = rng.standard_normal((layers_dims[2], layers_dims[1])) * 0.01
        parameters = {
            "W1": W1,
            "b1": np.zeros((layers_dims[1], 1)),
            "W2": W2,
            "b2": np.zeros((layers_dims[2], 1)),
        }
    else:
        parameters = initialize_parameters_deep_right(layers_dims, rng)
    costs = []
    for i in range(1 if once else num_iterations):
        AL, caches = L_model_forward_right(X, parameters)
        cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1]
        grads = L_model_backward_right(AL, Y, caches)
        parameters = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
        if i % every == 0 or i == num_iterations - 1:
            costs.append(float(cost))
    return parameters, costs


def model_recording_every_cost(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng):
    return model_right(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng, every=1)


def model_running_once(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng):
    return model_right(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng, once=True)


CASES = {
    checks.check_initialize_parameters_deep: (
        initialize_parameters_deep_right,
        [
            (initialize_zeros, ("all zero", "symmetry")),
            (
                initialize_without_the_0_01,
                ("standard deviation", "multiply the standard normal draw by 0.01"),
            ),
            (
                initialize_transposed_W,
                ("W1 has shape (5, 4), expected (n[1], n[0]) = (4, 5)", "transposed"),
            ),
            (initialize_one_dimensional_b, ("b1 has shape (4,)", "(4, 1)", "1-D")),
            (initialize_one_layer_short, "must return the keys"),
            (lambda layer_dims, rng: None, ("must return the keys", "NoneType")),
            (initialize_with_a_fixed_seed, "two different rng seeds"),
            (initialize_with_the_global_np_random, "same rng seed gave a different W1"),
        ],
    ),
    checks.check_L_model_backward: (
        L_model_backward_right,
        [
            (
                lambda AL, Y, caches: L_model_backward_right(AL, Y, caches, -1.0),
                "dA[L] has the wrong sign",
            ),
            (L_model_backward_without_one_over_m, "the 1/m is missing"),
            (
                lambda AL, Y, caches: L_model_backward_right(AL, Y, caches, hidden="sigmoid"),
                ("is wrong: expected", "layer_dims = [4, 3, 1], m = 5"),
            ),
            (L_model_backward_reusing_the_output_cache, "a shape mismatch inside your code"),
            (L_model_backward_with_dAL_set_to_AL_minus_Y, ("A[L] − Y", "σ′ a second time")),
            (L_model_backward_stopping_before_dA0, 'grads["dA0"] is missing'),
            (lambda AL, Y, caches: None, "must return the grads dict"),
        ],
    ),
    checks.check_linear_forward: (
        linear_forward_right,
        [
            (linear_forward_without_b, "the bias b is not added"),
            (linear_forward_caching_Z, "cache[0] (A_prev) has shape (2, 4), expected (3, 4)"),
            (lambda A, W, b: W @ A + b, "must return (Z, cache)"),
        ],
    ),
    checks.check_linear_activation_forward: (
        linear_activation_forward_right,
        [
            (linear_activation_forward_swapped, "computes relu: check the if/elif"),
            (linear_activation_forward_caching_A, "the activation cache must keep Z"),
        ],
    ),
    checks.check_L_model_forward: (
        L_model_forward_right,
        [
            (L_model_forward_sigmoid_in_the_loop, "the hidden layers use sigmoid instead of relu"),
            (L_model_forward_relu_output, "the output layer uses relu instead of sigmoid"),
            (L_model_forward_without_the_last_cache, "caches should be a list of L = 3 caches"),
        ],
    ),
    checks.check_linear_backward: (
        linear_backward_right,
        [
            (linear_backward_db_over_units, "sum over the examples, not the units"),
            (linear_backward_without_one_over_m, "the 1/m is missing"),
            (linear_backward_db_1d, ("db has shape (2,), expected (2, 1)", "keepdims=True")),
        ],
    ),
    checks.check_linear_activation_backward: (
        linear_activation_backward_right,
        [
            (linear_activation_backward_swapped, "uses relu's derivative"),
            (linear_activation_backward_without_g, "the activation's derivative is left out"),
        ],
    ),
    checks.check_two_layer_model: (
        model_right,
        [
            (model_recording_every_cost, "costs has a cost for every iteration"),
            (model_running_once, "the loop runs once"),
        ],
    ),
    checks.check_L_layer_model: (
        model_right,
        [
            (model_recording_every_cost, "costs has a cost for every iteration"),
            (model_running_once, "the loop runs once"),
        ],
    ),
}
