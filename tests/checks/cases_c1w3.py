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
}
