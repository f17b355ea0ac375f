"""The registry's entries for the checks of c1w2: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def sigmoid_right(z):
    return 1 / (1 + np.exp(-z))


def propagate_right(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = X @ (A - Y).T / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, float(cost)


def propagate_without_one_over_m(w, b, X, Y):
    grads, cost = propagate_right(w, b, X, Y)
    m = X.shape[1]
    return {"dw": grads["dw"] * m, "db": grads["db"] * m}, cost


def propagate_transposed_dw(w, b, X, Y):
    grads, cost = propagate_right(w, b, X, Y)
    return {"dw": grads["dw"].T, "db": grads["db"]}, cost


def propagate_wrong_sign(w, b, X, Y):
    grads, cost = propagate_right(w, b, X, Y)
    return {"dw": -grads["dw"], "db": -grads["db"]}, cost


def propagate_log_a_for_y_zero(w, b, X, Y):
    grads, _ = propagate_right(w, b, X, Y)
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    return grads, float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(A)) / X.shape[1])


def propagate_without_minus_sign(w, b, X, Y):
    grads, cost = propagate_right(w, b, X, Y)
    return grads, -cost


def propagate_cost_as_1x1_array(w, b, X, Y):
    grads, cost = propagate_right(w, b, X, Y)
    return grads, np.array([[cost]])


def propagate_dividing_by_m_twice(w, b, X, Y):
    grads, cost = propagate_right(w, b, X, Y)
    return {"dw": grads["dw"] / X.shape[1], "db": grads["db"]}, cost


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def predict_right(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = _sigmoid(w.T @ X + b)
    for i in range(A.shape[1]):
        Y_prediction[0, i] = 1.0 if A[0, i] > 0.5 else 0.0
    return Y_prediction


def predict_at_least_half(w, b, X):
    return (_sigmoid(w.T @ X + b) >= 0.5) * 1.0


def predict_one_dimensional(w, b, X):
    return predict_right(w, b, X).ravel()


def predict_column(w, b, X):
    return predict_right(w, b, X).T


def predict_probabilities(w, b, X):
    return _sigmoid(w.T @ X + b)


def predict_without_b(w, b, X):
    return (_sigmoid(w.T @ X) > 0.5) * 1.0


CASES = {
    checks.check_sigmoid: (
        sigmoid_right,
        [
            (lambda z: 1 / (1 + np.exp(z)), ("sign of z is flipped", "z = [-1, 0, 2]")),
            (lambda z: np.exp(-z), ("e^(−z) instead of 1 / (1 + e^(−z))", "z = 0")),
        ],
    ),
    checks.check_propagate: (
        propagate_right,
        [
            (
                propagate_without_one_over_m,
                ("dw is wrong", "the 1/m is missing", "the course's example"),
            ),
            (propagate_transposed_dw, ("dw has shape (1, 2), expected (2, 1)", "transposed")),
            (propagate_wrong_sign, "dZ is Y − A instead of A − Y"),
            (propagate_log_a_for_y_zero, ("cost is wrong", "log(a) instead of log(1 − a)")),
            (propagate_without_minus_sign, "the minus sign is missing"),
            (propagate_cost_as_1x1_array, ("cost has shape (1, 1)", "float(")),
            (propagate_dividing_by_m_twice, "divided by m twice"),
            (lambda w, b, X, Y: propagate_right(w, b, X, Y)[0], "must return (grads, cost)"),
        ],
    ),
    checks.check_predict: (
        predict_right,
        [
            (predict_at_least_half, ("the threshold is A ≥ 0.5", "a boundary case")),
            (predict_one_dimensional, ("Y_prediction has shape (3,), expected (1, 3)", "1-D")),
            (predict_column, ("Y_prediction has shape (3, 1), expected (1, 3)", "a column")),
            (predict_probabilities, "the probabilities A, not the 0/1 labels"),
            (predict_without_b, "the bias b is left out"),
            (lambda X: X, ("predict(w, b, X)", "predict(parameters, X)")),
        ],
    ),
}
