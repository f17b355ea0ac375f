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


def initialize_with_zeros_right(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def optimize_right(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate_right(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, {"dw": dw, "db": db}, costs


def optimize_with(update=None, record=None, first_grads=False):
    """optimize_right with one mistake: update(w, b, dw, db, α) → (w, b), record(i) → bool."""

    def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        costs, kept = [], None
        for i in range(num_iterations):
            grads, cost = propagate_right(w, b, X, Y)
            kept = kept if (first_grads and kept) else grads
            if update:
                w, b = update(w, b, grads["dw"], grads["db"], learning_rate)
            else:
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
            if (record or (lambda i: i % 100 == 0))(i):
                costs.append(cost)
        return {"w": w, "b": b}, kept, costs

    return optimize


def _in_place(w, b, dw, db, alpha):
    w -= alpha * dw
    return w, b - alpha * db


def model_right(
    X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False
):
    w, b = initialize_with_zeros_right(X_train.shape[0])
    params, grads, costs = optimize_right(
        w, b, X_train, Y_train, num_iterations, learning_rate, print_cost
    )
    w, b = params["w"], params["b"]
    return {
        "costs": costs,
        "Y_prediction_test": predict_right(w, b, X_test),
        "Y_prediction_train": predict_right(w, b, X_train),
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


def model_with_defaults(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5):
    d = model_right(X_train, Y_train, X_test, Y_test)
    return d | {"learning_rate": learning_rate, "num_iterations": num_iterations}


def model_swapped_predictions(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate):
    d = model_right(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    return d | {
        "Y_prediction_test": d["Y_prediction_train"],
        "Y_prediction_train": d["Y_prediction_test"],
    }


def model_initial_w(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate):
    d = model_right(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    return d | {"w": np.zeros_like(d["w"])}


def model_without_costs(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate):
    d = model_right(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    del d["costs"]
    return d


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
    checks.check_initialize_with_zeros: (
        initialize_with_zeros_right,
        [
            (lambda dim: (np.zeros(dim), 0.0), ("w has shape (2,), expected (2, 1)", "1-D")),
            (lambda dim: (np.zeros((dim, 1)), 0), ("b is the int 0", "b = 0.0")),
            (lambda dim: (0.0, np.zeros((dim, 1))), "return w, b"),
            (lambda dim: (np.zeros((1, dim)), 0.0), ("w has shape (1, 2)", "transposed")),
        ],
    ),
    checks.check_optimize: (
        optimize_right,
        [
            (
                optimize_with(update=lambda w, b, dw, db, a: (w + a * dw, b + a * db)),
                ('params["w"] is wrong', "adds the gradient (w + α dw)"),
            ),
            (optimize_with(record=lambda i: True), ("one entry per iteration (100)", "i % 100")),
            (optimize_with(record=lambda i: False), ("costs is empty", "i % 100 == 0")),
            (optimize_with(update=_in_place), "changed its input `w` in place"),
            (optimize_with(first_grads=True), "the grads of the last iteration"),
            (
                optimize_with(update=lambda w, b, dw, db, a: (w - dw, b - db)),
                "not multiplied by learning_rate",
            ),
            (
                optimize_with(update=lambda w, b, dw, db, a: (w - 0.009 * dw, b - 0.009 * db)),
                ("α = 0.009 instead of the argument learning_rate", "250 iterations"),
            ),
            (lambda w, b, X, Y, n, a: optimize_right(w, b, X, Y, n, a)[0], "must return (params"),
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
    checks.check_model: (
        model_right,
        [
            (model_with_defaults, "not passed on to optimize"),
            (model_swapped_predictions, ("Y_prediction_test", "the other set", "X_test")),
            (model_initial_w, "w is the initial zero"),
            (model_without_costs, 'd["costs"] is missing'),
        ],
    ),
}
