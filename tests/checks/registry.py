"""The registry of the checks' tests: for every check in course_lib.checks, a right solution and the
wrong ones a learner plausibly writes, each with the phrase(s) its CheckFailed message must contain.

    CASES = {check: (right_solution, [(wrong_solution, phrases), …]), …}

phrases is a string or a tuple of strings. test_registry.py turns every entry into tests; a new
check needs an entry here (with at least two wrong solutions) or test_registry fails.
`python -m tests.checks.registry` prints the coverage table (check · module · wrong solutions ·
phrases) as markdown.
"""

import numpy as np
import pytest

from course_lib import batchnorm, checks, optimizers
from course_lib.activations import sigmoid_backward
from course_lib.checks import CheckFailed
from course_lib.dense import linear_activation_backward, linear_backward

MIN_WRONG = 2


def fails_with(check, fn, *phrases):
    """Run check(fn), require CheckFailed, assert each phrase is in its message; return it."""
    with pytest.raises(CheckFailed) as info:
        check(fn)
    message = str(info.value)
    assert message.startswith("✗")
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in:\n{message}"
    assert isinstance(info.value, AssertionError)
    return message


def not_written(*args):
    raise NotImplementedError


# ---- course1: c1w2, c1w3, c1w4 ------------------------------------------------------------------


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


# ---- course2: c2w1a, c2w1b, c2w2, c2w3 ----------------------------------------------------------


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


COST_FAILS_ON = ("compute_cost_with_regularization fails on λ = 0.1, m = 5", "the cost is wrong")


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


DROPOUT_BACKWARD_FAILS_ON = "dA of shape (4, 5), keep_prob = 0.8"


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


HE_FAILS_ON = "initialize_parameters_he fails on layer_dims = [300, 200, 100, 1]"


def he_with_nonzero_b(layers_dims, rng):
    parameters = initialize_parameters_he_right(layers_dims, rng)
    return {k: v + 0.1 if k.startswith("b") else v for k, v in parameters.items()}


def he_one_layer_short(layers_dims, rng):
    return initialize_parameters_he_right(
        layers_dims[:-1], rng
    )  # range(1, L) instead of range(1, L + 1)


def mini_batches_with(shuffle=True, keep_last=True, same_order=True, source=None):
    """A learner's random_mini_batches with one thing changed."""

    def random_mini_batches(X, Y, mini_batch_size, rng):
        m = X.shape[1]
        generator = source() if source else rng
        order = generator.permutation(m) if shuffle else np.arange(m)
        X_shuffled = X[:, order]
        Y_shuffled = Y[:, order if same_order else generator.permutation(m)]
        count = -(-m // mini_batch_size) if keep_last else m // mini_batch_size
        return [
            (
                X_shuffled[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                Y_shuffled[:, k * mini_batch_size : (k + 1) * mini_batch_size],
            )
            for k in range(count)
        ]

    return random_mini_batches


def mini_batches_of_rows(X, Y, size, rng):
    return [(X.T[k : k + size].T.T, Y[:, k : k + size]) for k in range(0, X.shape[1], size)]


def adam_with(correct=True, swap=False, one_minus=True, square=True):
    """A learner's update_parameters_with_adam with one thing changed."""

    def update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
    ):
        v = {k: beta1 * v[k] + ((1 - beta1) if one_minus else 1) * grads[k] for k in v}
        s = {k: beta2 * s[k] + (1 - beta2) * (grads[k] ** 2 if square else grads[k]) for k in s}
        b1, b2 = (beta2, beta1) if swap else (beta1, beta2)
        new = {}
        for key, value in parameters.items():
            v_hat = v["d" + key] / (1 - b1**t) if correct else v["d" + key]
            s_hat = s["d" + key] / (1 - b2**t) if correct else s["d" + key]
            new[key] = value - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
        return new, v, s

    return update_parameters_with_adam


def adam_changed(change):
    """A learner's update_parameters_with_adam with t − 1 for t, only v corrected, an uphill step
    or no square root of ŝ (change: "t-1", "only_v", "uphill", "no_sqrt")."""

    def update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
    ):
        v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
        s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
        T = t - 1 if change == "t-1" else t
        new = {}
        with np.errstate(divide="ignore", invalid="ignore"):
            for key, value in parameters.items():
                v_hat = v["d" + key] / (1 - beta1**T)
                s_hat = s["d" + key] if change == "only_v" else s["d" + key] / (1 - beta2**T)
                size = s_hat + epsilon if change == "no_sqrt" else np.sqrt(s_hat) + epsilon
                new[key] = value + (1 if change == "uphill" else -1) * learning_rate * v_hat / size
        return new, v, s

    return update_parameters_with_adam


def adam_with_fixed_hyperparameters(
    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
):
    return optimizers.update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, 0.9, 0.999, 1e-8
    )


def adam_with_a_fixed_epsilon(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    return optimizers.update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, 1e-8
    )


def batchnorm_forward_right(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta


def batchnorm_over_units(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


def batchnorm_without_square_root(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / (var + epsilon) + beta


def batchnorm_without_epsilon(Z, gamma, beta, epsilon=1e-5):
    return gamma * (Z - Z.mean(axis=1, keepdims=True)) / Z.std(axis=1, keepdims=True) + beta


def batchnorm_epsilon_outside(Z, gamma, beta, epsilon=1e-5):
    return (
        gamma * (Z - Z.mean(axis=1, keepdims=True)) / (Z.std(axis=1, keepdims=True) + epsilon)
        + beta
    )


def batchnorm_gamma_beta_swapped(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, beta, gamma, epsilon)


def batchnorm_without_gamma_beta(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, np.ones_like(gamma), np.zeros_like(beta), epsilon)


def batchnorm_fixed_epsilon(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, gamma, beta)


def batchnorm_unbiased_variance(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (Z.shape[1] - 1)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


# ---- course3: c3w1, c3w2 ------------------------------------------------------------------------


def f1_score_right(y_true, y_pred):
    TP = np.sum((y_true == 1) & (y_pred == 1))
    FP = np.sum((y_true == 0) & (y_pred == 1))
    FN = np.sum((y_true == 1) & (y_pred == 0))
    P = TP / (TP + FP) if TP + FP > 0 else 0.0
    R = TP / (TP + FN) if TP + FN > 0 else 0.0
    return 2 * P * R / (P + R) if P + R > 0 else 0.0


def f1_with(combine, zero=0.0, positive=1):
    """A learner's f1_score whose last line is combine(P, R), with safe 0/0 cases."""

    def f1_score(y_true, y_pred):
        TP = np.sum((y_true == positive) & (y_pred == positive))
        FP = np.sum((y_true != positive) & (y_pred == positive))
        FN = np.sum((y_true == positive) & (y_pred != positive))
        P = TP / (TP + FP) if TP + FP > 0 else zero
        R = TP / (TP + FN) if TP + FN > 0 else zero
        return combine(P, R) if P + R > 0 else 0.0

    return f1_score


def f1_score_accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def f1_score_plain_python(y_true, y_pred):  # TP + FP = 0 raises with Python ints
    TP = int(np.sum((y_true == 1) & (y_pred == 1)))
    FP = int(np.sum((y_true == 0) & (y_pred == 1)))
    FN = int(np.sum((y_true == 1) & (y_pred == 0)))
    P, R = TP / (TP + FP), TP / (TP + FN)
    return 2 * P * R / (P + R)


def f1_score_numpy_nan(
    y_true, y_pred
):  # the same with NumPy integers gives nan and a warning instead
    TP, FP = np.sum((y_true == 1) & (y_pred == 1)), np.sum((y_true == 0) & (y_pred == 1))
    FN = np.sum((y_true == 1) & (y_pred == 0))
    with np.errstate(invalid="ignore"):
        P, R = TP / (TP + FP), TP / (TP + FN)
        return 2 * P * R / (P + R)


def multilabel_cost_right(AL, Y):
    m = Y.shape[1]
    labelled = ~np.isnan(Y)
    Y0 = np.where(labelled, Y, 0)
    loss = -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL))
    return np.sum(loss[labelled]) / m


def multilabel_forgot_the_mask(AL, Y):
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1]


def multilabel_missing_as_zero(AL, Y):
    Y0 = np.nan_to_num(Y)
    return -np.sum(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL)) / Y.shape[1]


def multilabel_divides_by_labelled_count(AL, Y):
    labelled = ~np.isnan(Y)
    return multilabel_cost_right(AL, Y) * Y.shape[1] / labelled.sum()


def multilabel_divides_by_m_times_n_y(AL, Y):
    return multilabel_cost_right(AL, Y) / Y.shape[0]


def multilabel_without_one_over_m(AL, Y):
    return multilabel_cost_right(AL, Y) * Y.shape[1]


def multilabel_wrong_sign(AL, Y):
    return -multilabel_cost_right(AL, Y)


def multilabel_per_label_means(AL, Y):
    total = 0.0
    for j in range(Y.shape[0]):
        known = ~np.isnan(Y[j])
        y, a = Y[j, known], AL[j, known]
        total += -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)) if known.any() else 0.0
    return total


def multilabel_returns_per_example(AL, Y):
    Y0 = np.where(np.isnan(Y), 0, Y)
    loss = np.where(np.isnan(Y), 0, -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL)))
    return np.sum(loss, axis=0, keepdims=True) / Y.shape[1]


# ---- course4: c4w2 ------------------------------------------------------------------------------


def conv_multiplications_right(n_H, n_W, n_C_prev, f, n_C):
    return n_H * n_W * n_C * f * f * n_C_prev


def pca_color_right(image, alphas, pca):
    return np.clip(image + pca.eigenvectors @ (alphas * pca.eigenvalues), 0.0, 1.0)


# ---- playground ---------------------------------------------------------------------------------


def feature_map_right(X):
    x1, x2 = X[0], X[1]
    return np.stack([x1, x2, x1**2, x2**2, x1 * x2])


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
    checks.check_random_mini_batches: (
        optimizers.random_mini_batches,
        [
            (mini_batches_with(shuffle=False), "the examples are not shuffled"),
            (mini_batches_with(keep_last=False), "the last, smaller batch is missing"),
            (mini_batches_with(same_order=False), "X and Y are shuffled differently"),
            (
                mini_batches_with(source=lambda: np.random.default_rng()),
                "the same rng seed gave a different shuffle",
            ),
            (lambda X, Y, size, rng: [(X[:, :size].T, Y[:, :size])], "the batch sizes are"),
            (lambda X, Y, size, rng: None, "did you forget a `return`"),
            (mini_batches_of_rows, "examples are the columns"),
        ],
    ),
    checks.check_update_parameters_with_adam: (
        optimizers.update_parameters_with_adam,
        [
            (adam_with(correct=False), "there is no bias correction"),
            (adam_with(swap=True), "β1 and β2 are swapped in the bias correction"),
            (adam_with(one_minus=False), "the (1 − β1) factor is missing"),
            (adam_with(square=False), "dW is not squared in s"),
            (lambda *args: {}, "must return (parameters, v, s)"),
            (adam_changed("t-1"), "t already counts the updates from 1"),
            (adam_changed("only_v"), "only v is bias-corrected"),
            (adam_changed("uphill"), "the step goes uphill"),
            (adam_changed("no_sqrt"), "the square root of ŝ is missing"),
            (
                adam_with_fixed_hyperparameters,
                (
                    "fails on t = 3, α = 0.05, β1 = 0.8, β2 = 0.99, ε = 0.01",
                    "β1, β2 and ε are fixed at 0.9, 0.999, 1e-8 instead of the arguments beta1, "
                    "beta2, epsilon",
                ),
            ),
            (adam_with_a_fixed_epsilon, ("ε = 0.01", 'parameters["W1"] is wrong')),
        ],
    ),
    checks.check_batchnorm_forward: (
        batchnorm_forward_right,
        [
            (batchnorm_over_units, ("over the units (axis=0)", "Z of shape (3, 8)")),
            (batchnorm_without_square_root, "divides by σ² + ε instead of √(σ² + ε)"),
            (batchnorm_without_epsilon, "ε is left out"),
            (batchnorm_epsilon_outside, "ε is added outside the square root"),
            (batchnorm_gamma_beta_swapped, "γ and β are swapped"),
            (batchnorm_without_gamma_beta, "γ and β are not applied"),
            (
                batchnorm_fixed_epsilon,
                ("fixed at 1e-5 instead of the epsilon argument", "ε = 0.01"),
            ),
            (batchnorm_unbiased_variance, "divides by m − 1 (ddof=1)"),
            (batchnorm.batchnorm_forward, ("returned a tuple of 4", "return Z̃ alone")),
        ],
    ),
    checks.check_f1_score: (
        f1_score_right,
        [
            (
                f1_with(lambda P, R: (P + R) / 2),
                ("expected 0.6, got 0.625", "the arithmetic mean (P + R)/2 is used"),
            ),
            (f1_with(lambda P, R: P * R / (P + R)), "the factor 2 is missing"),
            (f1_with(lambda P, R: P * R), "P · R is returned"),
            (f1_with(lambda P, R: np.sqrt(P * R)), "the geometric mean √(PR) is used"),
            (
                f1_with(lambda P, R: 2 * P * R / (P + R), positive=0),
                "class 0 is taken as the positive class",
            ),
            (f1_score_accuracy, "accuracy is returned"),
            (
                f1_score_plain_python,
                ("a classifier that never says 1", "it divides by zero", "define P = 0 there"),
            ),
            (f1_score_numpy_nan, "F1 is NaN — a 0/0 somewhere"),
        ],
    ),
    checks.check_multilabel_cost: (
        multilabel_cost_right,
        [
            (multilabel_forgot_the_mask, ("J is NaN", "NaN · 0 is still NaN")),
            (multilabel_missing_as_zero, "counted as label 0"),
            (multilabel_divides_by_labelled_count, "number of labelled entries"),
            (multilabel_divides_by_m_times_n_y, "m · n_y"),
            (multilabel_without_one_over_m, "1/m is missing"),
            (multilabel_wrong_sign, "sign is flipped"),
            (multilabel_per_label_means, "its own labelled examples"),
            (multilabel_returns_per_example, ("shape (1, 6)", "expected ()")),
        ],
    ),
    checks.check_conv_multiplications: (
        conv_multiplications_right,
        [
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * f,
                "input channels are left out",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * n_C_prev,
                "f is used where f·f belongs",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * f * f * n_C_prev,
                "filters are left out",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: (f * f * n_C_prev + 1) * n_C,
                "the parameters (f·f·n_C_prev + 1)·n_C are counted",
            ),
        ],
    ),
    checks.check_pca_color: (
        pca_color_right,
        [
            (
                lambda image, alphas, pca: np.clip(image + pca.eigenvectors @ alphas, 0, 1),
                "eigenvalues are left out",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + pca.eigenvectors.T @ (alphas * pca.eigenvalues), 0, 1
                ),
                "taken as rows",
            ),
            (
                lambda image, alphas, pca: image + pca.eigenvectors @ (alphas * pca.eigenvalues),
                "not clipped",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + pca.eigenvectors @ (alphas * np.sqrt(pca.eigenvalues)), 0, 1
                ),
                "square roots",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + (pca.eigenvectors @ (alphas * pca.eigenvalues)).reshape(3, 1, 1), 0, 1
                ),
                "shape",
            ),
        ],
    ),
    checks.check_feature_map: (
        feature_map_right,
        [
            (lambda X: feature_map_right(X).T, "looks transposed"),
            (lambda X: np.stack([X[0], X[1], 2 * X[0], 2 * X[1], X[0] * X[1]]), "x * 2 doubles"),
            (
                lambda X: np.stack([X[0], X[1], X[0] ** 2, X[1] ** 2, X[0] + X[1]]),
                "the sum x1 + x2",
            ),
            (
                lambda X: np.stack([X[0], X[1], X[0] * X[1], X[0] ** 2, X[1] ** 2]),
                "in another order",
            ),
            (
                lambda X: np.stack([X[0] ** 2, X[1] ** 2, X[0], X[1], X[0] * X[1]]),
                "the squares come first",
            ),
            (lambda X: np.vstack([X, X**2]), "shape (4,"),
        ],
    ),
}


def phrases_of(phrases):
    """A registry entry's phrases as a tuple (one phrase may be given as a plain string)."""
    return (phrases,) if isinstance(phrases, str) else tuple(phrases)


def coverage_table():
    """The registry as a markdown table: check · module · wrong solutions · their phrases."""
    rows = ["| check | module | wrong solutions | phrases |", "|---|---|---|---|"]
    for check, (_, wrong) in CASES.items():
        phrases = "; ".join(
            " + ".join(f"`{p}`" for p in phrases_of(phrases)) for _, phrases in wrong
        )
        module = check.__module__.removeprefix("course_lib.checks.")
        phrases = phrases.replace("|", "¦")  # a | inside a cell would end it
        rows.append(f"| {check.__name__} | {module} | {len(wrong)} | {phrases} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(coverage_table())
