"""The registry's entries for the checks of c1w3: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def forward_propagation_right(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_propagation_sigmoid_hidden_layer(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = 1 / (1 + np.exp(-Z1))
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_propagation_tanh_output(X, parameters):
    A2, cache = forward_propagation_right(X, parameters)
    A2 = np.tanh(cache["Z2"])
    return A2, {**cache, "A2": A2}


def backward_propagation_right(parameters, cache, X, Y):
    m = X.shape[1]
    W2, A1, A2 = parameters["W2"], cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - np.power(A1, 2))
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def backward_propagation_tanh_derivative_as_one_minus_A1(parameters, cache, X, Y):
    grads = backward_propagation_right(parameters, cache, X, Y)
    m = X.shape[1]
    dZ1 = (parameters["W2"].T @ (cache["A2"] - Y)) * (1 - cache["A1"])
    return {**grads, "dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m}


def backward_propagation_without_one_over_m(parameters, cache, X, Y):
    m = X.shape[1]
    return {k: v * m for k, v in backward_propagation_right(parameters, cache, X, Y).items()}


def backward_propagation_db_without_keepdims(parameters, cache, X, Y):
    grads = backward_propagation_right(parameters, cache, X, Y)
    return {**grads, "db1": grads["db1"].ravel()}


def backward_propagation_transposed_dW2(parameters, cache, X, Y):
    grads = backward_propagation_right(parameters, cache, X, Y)
    return {**grads, "dW2": grads["dW2"].T}


def backward_propagation_without_db2(parameters, cache, X, Y):
    grads = backward_propagation_right(parameters, cache, X, Y)
    del grads["db2"]
    return grads


def backward_propagation_dZ2_sign_flipped(parameters, cache, X, Y):
    grads = backward_propagation_right(parameters, cache, X, Y)
    return {**grads, "dW2": -grads["dW2"]}


def initialize_parameters_right(n_x, n_h, n_y, rng):
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def initialize_parameters_unscaled(n_x, n_h, n_y, rng):
    return {k: v / 0.01 for k, v in initialize_parameters_right(n_x, n_h, n_y, rng).items()}


def initialize_parameters_zeros(n_x, n_h, n_y, rng):
    return {k: np.zeros_like(v) for k, v in initialize_parameters_right(n_x, n_h, n_y, rng).items()}


def initialize_parameters_w2_first(n_x, n_h, n_y, rng):
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def compute_cost_right(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def compute_cost_positive_term_only(A2, Y):
    return float(-np.sum(Y * np.log(A2)) / Y.shape[1])


def compute_cost_as_array(A2, Y):
    return np.array([[compute_cost_right(A2, Y)]])


def update_parameters_right(parameters, grads, learning_rate=1.2):
    L = len(parameters) // 2
    new = {}
    for l in range(1, L + 1):
        new[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        new[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return new


def update_parameters_uphill(parameters, grads, learning_rate=1.2):
    return {k: v + learning_rate * grads["d" + k] for k, v in parameters.items()}


def update_parameters_in_place(parameters, grads, learning_rate=1.2):
    for k in parameters:
        parameters[k] -= learning_rate * grads["d" + k]
    return parameters


def update_parameters_two_layers_only(parameters, grads, learning_rate=1.2):
    new = dict(parameters)
    for k in ("W1", "b1", "W2", "b2"):
        new[k] = parameters[k] - learning_rate * grads["d" + k]
    return new


def layer_sizes_right(X, Y):
    return X.shape[0], 4, Y.shape[0]


def layer_sizes_with_m(X, Y):
    return X.shape[1], 4, Y.shape[1]


def nn_model_with(hidden_units=None, learning_rate=1.2, once=False):
    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
        n_x, n_y = X.shape[0], Y.shape[0]
        rng = np.random.default_rng(rng)
        parameters = initialize_parameters_right(n_x, hidden_units or n_h, n_y, rng)
        for _ in range(1 if once else num_iterations):
            A2, cache = forward_propagation_right(X, parameters)
            grads = backward_propagation_right(parameters, cache, X, Y)
            parameters = update_parameters_right(parameters, grads, learning_rate)
        return parameters

    return nn_model


CASES = {
    checks.check_forward_propagation: (
        forward_propagation_right,
        [
            (forward_propagation_sigmoid_hidden_layer, "hidden layer uses sigmoid instead of tanh"),
            (forward_propagation_tanh_output, "output uses tanh instead of sigmoid"),
            (lambda X, p: forward_propagation_right(X, p)[0], "must return (A2, cache)"),
        ],
    ),
    checks.check_backward_propagation: (
        backward_propagation_right,
        [
            (
                backward_propagation_tanh_derivative_as_one_minus_A1,
                ('grads["dW1"] is wrong', "tanh′ is written 1 − A1 instead of 1 − A1²"),
            ),
            (backward_propagation_without_one_over_m, "the 1/m is missing"),
            (
                backward_propagation_db_without_keepdims,
                ('grads["db1"] has shape (4,), expected (4, 1)', "keepdims=True"),
            ),
            (backward_propagation_transposed_dW2, ("dW2", "transposed")),
            (backward_propagation_without_db2, 'grads["db2"] is missing'),
            (backward_propagation_dZ2_sign_flipped, "dZ2 is Y − A2 instead of A2 − Y"),
            (lambda *args: None, "must return a dict"),
        ],
    ),
    checks.check_initialize_parameters: (
        initialize_parameters_right,
        [
            (initialize_parameters_unscaled, "W is not multiplied by 0.01"),
            (initialize_parameters_zeros, "W is zeros"),
            (initialize_parameters_w2_first, "W2 is drawn before W1"),
            (lambda *args: None, "must return a dict {W1, b1, W2, b2}; got NoneType"),
        ],
    ),
    checks.check_compute_cost: (
        compute_cost_right,
        [
            (compute_cost_positive_term_only, "the (1 − y) log(1 − a) term is left out"),
            (lambda A2, Y: -compute_cost_right(A2, Y), "the minus sign is missing"),
            (lambda A2, Y: compute_cost_right(A2, Y) * Y.shape[1], "the 1/m is missing"),
            (compute_cost_as_array, ("cost has shape (1, 1)", "float(")),
        ],
    ),
    checks.check_update_parameters: (
        update_parameters_right,
        [
            (update_parameters_uphill, "the step goes uphill"),
            (update_parameters_in_place, "changed its input `parameters` in place"),
            (update_parameters_two_layers_only, ("L = 3", "this parameter is not updated")),
            (
                lambda p, g, learning_rate=1.2: {k: v - g["d" + k] for k, v in p.items()},
                "the learning rate is left out",
            ),
        ],
    ),
    checks.check_layer_sizes: (
        layer_sizes_right,
        [
            (layer_sizes_with_m, "it is the number of examples m"),
            (lambda X, Y: (X.shape[0], 3, Y.shape[0]), "n_h is wrong"),
            (lambda X, Y: [X.shape[0], 4], "must return the three numbers"),
        ],
    ),
    checks.check_nn_model: (
        nn_model_with(),
        [
            (nn_model_with(once=True), "the loop runs once"),
            (nn_model_with(learning_rate=0.0), "the parameters are returned before training"),
            (nn_model_with(hidden_units=4), "expected (3, 2)"),
        ],
    ),
}
