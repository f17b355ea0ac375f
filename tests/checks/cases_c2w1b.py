"""The registry's entries for the checks of c2w1b: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks

HE_FAILS_ON = "initialize_parameters_he fails on layer_dims = [300, 200, 100, 1]"


def initialize_parameters_he_right(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def he_with(scale=None, draw="standard_normal", transpose=False, source=None):
    """A learner's initialize_parameters_he with one thing changed."""

    def initialize_parameters_he(layers_dims, rng):
        parameters = {}
        for l in range(1, len(layers_dims)):
            n, n_prev = layers_dims[l], layers_dims[l - 1]
            generator = source() if source else rng
            W = getattr(generator, draw)((n, n_prev)) * (
                scale(n, n_prev) if scale else np.sqrt(2 / n_prev)
            )
            parameters[f"W{l}"] = W.T if transpose else W
            parameters[f"b{l}"] = np.zeros((n, 1))
        return parameters

    return initialize_parameters_he


def he_with_nonzero_b(layers_dims, rng):
    parameters = initialize_parameters_he_right(layers_dims, rng)
    return {k: v + 0.1 if k.startswith("b") else v for k, v in parameters.items()}


def he_one_layer_short(layers_dims, rng):
    return initialize_parameters_he_right(
        layers_dims[:-1], rng
    )  # range(1, L) instead of range(1, L + 1)


def initialize_parameters_zeros_right(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_zeros_transposed(layers_dims):
    parameters = initialize_parameters_zeros_right(layers_dims)
    return {k: v.T if k.startswith("W") else v for k, v in parameters.items()}


def initialize_parameters_zeros_one_short(layers_dims):
    return initialize_parameters_zeros_right(layers_dims[:-1])


def initialize_parameters_zeros_b_1d(layers_dims):
    parameters = initialize_parameters_zeros_right(layers_dims)
    return {k: v.ravel() if k.startswith("b") else v for k, v in parameters.items()}


def initialize_parameters_random_with(scale=10.0, draw="standard_normal", random_b=False):
    def initialize_parameters_random(layers_dims, rng):
        parameters = {}
        for l in range(1, len(layers_dims)):
            shape = (layers_dims[l], layers_dims[l - 1])
            parameters[f"W{l}"] = getattr(rng, draw)(shape) * scale
            parameters[f"b{l}"] = (
                rng.standard_normal((layers_dims[l], 1))
                if random_b
                else np.zeros((layers_dims[l], 1))
            )
        return parameters

    return initialize_parameters_random


def forward_propagation_1d(x, theta):
    return theta * x


def backward_propagation_1d(x, theta):
    return x


def gradient_check_with(one_sided=False, half=False, denominator="sum", signed=False):
    def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
        J_plus = forward_propagation_1d(x, theta + epsilon)
        J_minus = forward_propagation_1d(x, theta - epsilon)
        if one_sided:
            gradapprox = (J_plus - forward_propagation_1d(x, theta)) / epsilon
        else:
            gradapprox = (J_plus - J_minus) / (epsilon if half else 2 * epsilon)
        grad = backward_propagation_1d(x, theta)
        numerator = grad - gradapprox if signed else np.linalg.norm(grad - gradapprox)
        if denominator == "sum":
            return numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
        return numerator / np.linalg.norm(grad)

    return gradient_check


def gradient_check_n_with(share_memory=False, half=False, one_sided=False):
    def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        parameters_values, layout = dictionary_to_vector(parameters)
        grad = gradients_to_vector(gradients, layout)
        n = parameters_values.shape[0]
        J_plus, J_minus, gradapprox = np.zeros((n, 1)), np.zeros((n, 1)), np.zeros((n, 1))
        for i in range(n):
            theta_plus = parameters_values if share_memory else np.copy(parameters_values)
            theta_plus[i] += epsilon
            J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, layout))
            theta_minus = parameters_values if share_memory else np.copy(parameters_values)
            theta_minus[i] -= 0 if one_sided else epsilon
            J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, layout))
            width = epsilon if half or one_sided else 2 * epsilon
            gradapprox[i] = (J_plus[i] - J_minus[i]) / width
        return np.linalg.norm(grad - gradapprox) / (
            np.linalg.norm(grad) + np.linalg.norm(gradapprox)
        )

    return gradient_check_n


# set by check_gradient_check_n while it runs a solution (the notebook's given functions)
dictionary_to_vector = vector_to_dictionary = gradients_to_vector = forward_propagation_n = None


CASES = {
    checks.check_initialize_parameters_he: (
        initialize_parameters_he_right,
        [
            (
                he_with(scale=lambda n, n_prev: np.sqrt(1 / n_prev)),
                (
                    HE_FAILS_ON,
                    "W1 has standard deviation",
                    "expected √(2/n[0]) = 0.0816",
                    "√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])",
                ),
            ),
            (
                he_with(scale=lambda n, n_prev: np.sqrt(2 / n)),
                (HE_FAILS_ON, "n[l] instead of n[l−1] in √(2/n)"),
            ),
            (
                he_with(scale=lambda n, n_prev: 2 / n_prev),
                (HE_FAILS_ON, "2/n[l−1] without the square root"),
            ),
            (he_with(scale=lambda n, n_prev: 0.01), (HE_FAILS_ON, "0.01 (the small-random scale)")),
            (
                he_with(draw="random"),
                (
                    HE_FAILS_ON,
                    "W1 has mean",
                    "the draw must be centred: rng.standard_normal, not rng.random",
                ),
            ),
            (
                he_with(source=lambda: np.random.default_rng()),
                (HE_FAILS_ON, "the scale is right but W1 differs", "draw from the `rng` argument"),
            ),
            (
                he_with(transpose=True),
                (HE_FAILS_ON, "W1 has shape (300, 200), expected (n[1], n[0]) = (200, 300)"),
            ),
            (he_with_nonzero_b, "b1 is wrong"),
            (he_one_layer_short, "must return the keys W1, b1, …, W3, b3"),
            (lambda layers_dims, rng: None, "must return the keys"),
        ],
    ),
    checks.check_initialize_parameters_zeros: (
        initialize_parameters_zeros_right,
        [
            (initialize_parameters_zeros_transposed, "transposed"),
            (initialize_parameters_zeros_one_short, "one layer short"),
            (initialize_parameters_zeros_b_1d, "it is 1-D"),
        ],
    ),
    checks.check_initialize_parameters_random: (
        initialize_parameters_random_with(),
        [
            (initialize_parameters_random_with(scale=0.01), "multiplied by 0.01"),
            (initialize_parameters_random_with(scale=1.0), "W is not multiplied by 10"),
            (initialize_parameters_random_with(draw="random"), 'parameters["W1"] is wrong'),
            (initialize_parameters_random_with(random_b=True), 'parameters["b1"] is wrong'),
        ],
    ),
    checks.check_gradient_check: (
        gradient_check_with(),
        [
            (gradient_check_with(one_sided=True), "one-sided"),
            (gradient_check_with(half=True), "divides by ε instead of 2ε"),
            (gradient_check_with(denominator="grad"), "the denominator is ‖grad‖ alone"),
            (gradient_check_with(signed=True), "the numerator has no norm"),
        ],
    ),
    checks.check_gradient_check_n: (
        gradient_check_n_with(),
        [
            (gradient_check_n_with(share_memory=True), "share θ's memory"),
            (gradient_check_n_with(half=True), "divides by ε instead of 2ε"),
            (gradient_check_n_with(one_sided=True), "gradapprox is one-sided"),
        ],
    ),
}
