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
    dZ = sigmoid_backward(-(Y / AL - (1 - Y) / (1 - AL)), caches[-1].activation_cache)
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(
        dZ, caches[-1].linear_cache
    )
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
}
