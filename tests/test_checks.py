"""course_lib.checks: every exercise checker passes a right answer and explains typical wrong ones."""
import ast
import inspect
import math
from pathlib import Path

import numpy as np
import pytest

from course_lib import checks, optimizers
from course_lib.activations import sigmoid_backward
from course_lib.checks import CheckFailed
from course_lib.dense import linear_activation_backward, linear_backward

# ---- learner-style implementations (as a learner writes them in the course) -----------------------


def sigmoid_right(z):
    return 1 / (1 + np.exp(-z))


def propagate_right(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = X @ (A - Y).T / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, float(cost)


def forward_propagation_right(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


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


def initialize_parameters_deep_right(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def L_model_backward_right(AL, Y, caches, dAL_sign=1.0, hidden="relu"):
    """The course's version: dAL from the derivative of the cost, then sigmoid and relu backward."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -dAL_sign * (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        grads[f"dA{l}"], grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = linear_activation_backward(
            grads[f"dA{l + 1}"], caches[l], hidden)
    return grads


def compute_cost_with_regularization_right(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    return cross_entropy_cost + L2_regularization_cost


def dropout_forward_right(A, keep_prob, rng):
    D = (rng.random(A.shape) < keep_prob).astype(int)
    A = A * D
    A = A / keep_prob
    return A, D


def dropout_backward_right(dA, D, keep_prob):
    dA = dA * D
    return dA / keep_prob


def initialize_parameters_he_right(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


CORRECT = {
    "check_sigmoid": sigmoid_right,
    "check_propagate": propagate_right,
    "check_forward_propagation": forward_propagation_right,
    "check_backward_propagation": backward_propagation_right,
    "check_initialize_parameters_deep": initialize_parameters_deep_right,
    "check_L_model_backward": L_model_backward_right,
    "check_compute_cost_with_regularization": compute_cost_with_regularization_right,
    "check_dropout_forward": dropout_forward_right,
    "check_dropout_backward": dropout_backward_right,
    "check_initialize_parameters_he": initialize_parameters_he_right,
    "check_random_mini_batches": optimizers.random_mini_batches,
    "check_update_parameters_with_adam": optimizers.update_parameters_with_adam,
}


def public_checks():
    return sorted(name for name, fn in inspect.getmembers(checks, inspect.isfunction)
                  if name.startswith("check_") and fn.__module__ == checks.__name__)


def covered_checks():
    """The checks with a right answer in CORRECT here or in the CORRECT dict of a test_checks_*.py beside this file."""
    names = set(CORRECT)
    for path in Path(__file__).parent.glob("test_checks_*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                    and any(isinstance(target, ast.Name) and target.id == "CORRECT" for target in node.targets)):
                names |= {key.value for key in node.value.keys if isinstance(key, ast.Constant)}
    return names


def test_every_check_is_covered_here():
    # a new check in course_lib.checks needs a right answer (and wrong ones) in this file or a test_checks_*.py
    missing = set(public_checks()) - covered_checks()
    assert not missing, f"no test for {sorted(missing)}"
    assert {"check_sigmoid", "check_propagate", "check_backward_propagation", "check_initialize_parameters_deep",
            "check_L_model_backward"} <= set(public_checks())


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_right_answer_passes(name, capsys):
    assert name in public_checks(), f"{name} is not a check in course_lib.checks"
    getattr(checks, name)(CORRECT[name])
    out = capsys.readouterr().out
    assert out.startswith("✓")
    assert "passes all" in out


def test_course_lib_reference_passes_its_own_checks(capsys):
    from course_lib import activations, initializers, logistic
    from course_lib.network import L_model_backward

    checks.check_sigmoid(activations.sigmoid)
    checks.check_propagate(logistic.propagate)
    checks.check_initialize_parameters_deep(initializers.initialize_parameters_deep)
    checks.check_L_model_backward(L_model_backward)
    assert capsys.readouterr().out.count("✓") == 4


def fails_with(check, fn, *phrases):
    """Run check(fn), require CheckFailed, and return its message after asserting every phrase is in it."""
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


# ---- check_sigmoid ---------------------------------------------------------------------------------

def test_sigmoid_wrong_sign():
    fails_with(checks.check_sigmoid, lambda z: 1 / (1 + np.exp(z)), "sign of z is flipped", "z = [-1, 0, 2]")


def test_sigmoid_returns_exp():
    fails_with(checks.check_sigmoid, lambda z: np.exp(-z), "e^(−z) instead of 1 / (1 + e^(−z))", "z = 0")


def test_sigmoid_returns_none():
    def sigmoid(z):
        s = 1 / (1 + np.exp(-z))  # noqa: F841 — the forgotten return

    fails_with(checks.check_sigmoid, sigmoid, "None", "forget a `return`")


def test_sigmoid_not_written():
    fails_with(checks.check_sigmoid, not_written, "not written yet", "NotImplementedError")


def test_sigmoid_with_math_exp_fails_on_arrays():
    fails_with(checks.check_sigmoid, lambda z: 1 / (1 + math.exp(-z)), "raised TypeError")


def test_sigmoid_unrecognised_mistake_shows_expected_and_got():
    message = fails_with(checks.check_sigmoid, lambda z: 1 / (2 + np.exp(-z)), "expected", "got")
    assert "0.5" in message and "0.333333" in message


# ---- check_propagate -------------------------------------------------------------------------------

def test_propagate_missing_one_over_m():
    def propagate(w, b, X, Y):
        grads, cost = propagate_right(w, b, X, Y)
        m = X.shape[1]
        return {"dw": grads["dw"] * m, "db": grads["db"] * m}, cost

    fails_with(checks.check_propagate, propagate, "dw is wrong", "the 1/m is missing", "the course's example")


def test_propagate_transposed_dw():
    def propagate(w, b, X, Y):
        grads, cost = propagate_right(w, b, X, Y)
        return {"dw": grads["dw"].T, "db": grads["db"]}, cost

    fails_with(checks.check_propagate, propagate, "dw has shape (1, 2), expected (2, 1)", "transposed")


def test_propagate_wrong_sign():
    def propagate(w, b, X, Y):
        grads, cost = propagate_right(w, b, X, Y)
        return {"dw": -grads["dw"], "db": -grads["db"]}, cost

    fails_with(checks.check_propagate, propagate, "dZ is Y − A instead of A − Y")


def test_propagate_log_a_for_y_zero():
    def propagate(w, b, X, Y):
        grads, _ = propagate_right(w, b, X, Y)
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        return grads, float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(A)) / X.shape[1])

    fails_with(checks.check_propagate, propagate, "cost is wrong", "log(a) instead of log(1 − a)")


def test_propagate_missing_minus_sign():
    def propagate(w, b, X, Y):
        grads, cost = propagate_right(w, b, X, Y)
        return grads, -cost

    fails_with(checks.check_propagate, propagate, "the minus sign is missing")


def test_propagate_wrong_return_structure():
    fails_with(checks.check_propagate, lambda w, b, X, Y: propagate_right(w, b, X, Y)[0], "must return (grads, cost)")
    fails_with(checks.check_propagate, not_written, "not written yet")


# ---- check_forward_propagation (c1w3) --------------------------------------------------------------

def test_forward_propagation_sigmoid_hidden_layer():
    def forward_propagation(X, parameters):
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = 1 / (1 + np.exp(-Z1))
        Z2 = parameters["W2"] @ A1 + parameters["b2"]
        A2 = 1 / (1 + np.exp(-Z2))
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

    fails_with(checks.check_forward_propagation, forward_propagation, "hidden layer uses sigmoid instead of tanh")


def test_forward_propagation_tanh_output():
    def forward_propagation(X, parameters):
        A2, cache = forward_propagation_right(X, parameters)
        A2 = np.tanh(cache["Z2"])
        return A2, {**cache, "A2": A2}

    fails_with(checks.check_forward_propagation, forward_propagation, "output uses tanh instead of sigmoid")


def test_forward_propagation_returns_only_A2():
    fails_with(checks.check_forward_propagation, lambda X, p: forward_propagation_right(X, p)[0],
               "must return (A2, cache)")


# ---- check_backward_propagation (c1w3) -------------------------------------------------------------

def test_backward_propagation_tanh_derivative_as_one_minus_A1():
    def backward_propagation(parameters, cache, X, Y):
        grads = backward_propagation_right(parameters, cache, X, Y)
        m = X.shape[1]
        dZ1 = (parameters["W2"].T @ (cache["A2"] - Y)) * (1 - cache["A1"])
        return {**grads, "dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m}

    fails_with(checks.check_backward_propagation, backward_propagation, 'grads["dW1"] is wrong',
               "tanh′ is written 1 − A1 instead of 1 − A1²")


def test_backward_propagation_missing_one_over_m():
    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        return {k: v * m for k, v in backward_propagation_right(parameters, cache, X, Y).items()}

    fails_with(checks.check_backward_propagation, backward_propagation, "the 1/m is missing")


def test_backward_propagation_db_without_keepdims():
    def backward_propagation(parameters, cache, X, Y):
        grads = backward_propagation_right(parameters, cache, X, Y)
        return {**grads, "db1": grads["db1"].ravel()}

    fails_with(checks.check_backward_propagation, backward_propagation, 'grads["db1"] has shape (4,), expected (4, 1)',
               "keepdims=True")


def test_backward_propagation_transposed_dW2():
    def backward_propagation(parameters, cache, X, Y):
        grads = backward_propagation_right(parameters, cache, X, Y)
        return {**grads, "dW2": grads["dW2"].T}

    fails_with(checks.check_backward_propagation, backward_propagation, "dW2", "transposed")


def test_backward_propagation_returns_none_or_not_written():
    fails_with(checks.check_backward_propagation, lambda *args: None, "must return a dict")
    fails_with(checks.check_backward_propagation, not_written, "backward_propagation is not written yet")


def test_backward_propagation_missing_key():
    def backward_propagation(parameters, cache, X, Y):
        grads = backward_propagation_right(parameters, cache, X, Y)
        del grads["db2"]
        return grads

    fails_with(checks.check_backward_propagation, backward_propagation, 'grads["db2"] is missing')


# ---- check_initialize_parameters_deep (c1w4) -------------------------------------------------------

def test_initialize_zeros_breaks_nothing_but_symmetry():
    def initialize_parameters_deep(layer_dims, rng):
        return {k: np.zeros_like(v) for k, v in initialize_parameters_deep_right(layer_dims, rng).items()}

    fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep, "all zero", "symmetry")


def test_initialize_without_the_0_01():
    def initialize_parameters_deep(layer_dims, rng):
        params = initialize_parameters_deep_right(layer_dims, rng)
        return {k: v * 100 if k.startswith("W") else v for k, v in params.items()}

    fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep, "standard deviation",
               "multiply the standard normal draw by 0.01")


def test_initialize_transposed_W():
    def initialize_parameters_deep(layer_dims, rng):
        params = initialize_parameters_deep_right(layer_dims, rng)
        return {k: v.T if k.startswith("W") else v for k, v in params.items()}

    fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep,
               "W1 has shape (5, 4), expected (n[1], n[0]) = (4, 5)", "transposed")


def test_initialize_one_dimensional_b():
    def initialize_parameters_deep(layer_dims, rng):
        params = initialize_parameters_deep_right(layer_dims, rng)
        return {k: v.ravel() if k.startswith("b") else v for k, v in params.items()}

    message = fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep, "b1 has shape (4,)",
                         "(4, 1)", "1-D")
    assert "sum lost its axis" not in message  # no sum here: the hint must fit a creation mistake too


def test_initialize_missing_layer_and_none():
    def initialize_parameters_deep(layer_dims, rng):
        params = initialize_parameters_deep_right(layer_dims, rng)
        L = len(layer_dims) - 1
        del params[f"W{L}"], params[f"b{L}"]  # an off-by-one range(1, L)
        return params

    fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep, "must return the keys")
    fails_with(checks.check_initialize_parameters_deep, lambda layer_dims, rng: None, "must return the keys",
               "NoneType")
    fails_with(checks.check_initialize_parameters_deep, not_written, "not written yet")


# ---- check_L_model_backward (c1w4) -----------------------------------------------------------------

def test_L_model_backward_wrong_sign_of_dAL():
    fails_with(checks.check_L_model_backward, lambda AL, Y, caches: L_model_backward_right(AL, Y, caches, -1.0),
               "dA[L] has the wrong sign")


def test_L_model_backward_missing_one_over_m():
    def L_model_backward(AL, Y, caches):
        m = AL.shape[1]
        grads = L_model_backward_right(AL, Y, caches)
        # the 1/m forgotten inside linear_backward: every dW and db is m times too large
        return {k: v * m if not k.startswith("dA") else v for k, v in grads.items()}

    fails_with(checks.check_L_model_backward, L_model_backward, "the 1/m is missing")


def test_L_model_backward_sigmoid_in_hidden_layers():
    fails_with(checks.check_L_model_backward,
               lambda AL, Y, caches: L_model_backward_right(AL, Y, caches, hidden="sigmoid"),
               "is wrong: expected", "layer_dims = [4, 3, 1], m = 5")


def test_L_model_backward_reusing_the_output_cache():
    def L_model_backward(AL, Y, caches):
        grads = {}
        L = len(caches)
        dZ = sigmoid_backward(-(Y / AL - (1 - Y) / (1 - AL)), caches[-1].activation_cache)
        grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[-1].linear_cache)
        for l in reversed(range(L - 1)):
            # bug: always uses caches[L - 1] instead of caches[l]
            grads[f"dA{l}"], grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = linear_activation_backward(
                grads[f"dA{l + 1}"], caches[L - 1], "relu")
        return grads

    fails_with(checks.check_L_model_backward, L_model_backward, "L_model_backward")


def test_L_model_backward_not_written_or_none():
    fails_with(checks.check_L_model_backward, not_written, "not written yet")
    fails_with(checks.check_L_model_backward, lambda AL, Y, caches: None, "must return the grads dict")


def test_a_learner_function_that_changes_its_inputs_is_told_so():
    # scribbling on X would corrupt the learner's data in the notebook; the check works on copies and says so
    def propagate(w, b, X, Y):
        result = propagate_right(w, b, X, Y)
        X[:] = 0
        Y[:] = 0
        return result

    fails_with(checks.check_propagate, propagate, "propagate changed its input `X` in place", "compute new arrays")


def test_initialize_parameters_deep_check_rejects_a_fixed_seed():
    def initialize_parameters_deep(layer_dims, rng):
        return initialize_parameters_deep_right(layer_dims, np.random.default_rng(0))

    fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep, "two different rng seeds")


# ---- hints added after a newcomer's review ----------------------------------------------------------

def test_sigmoid_with_math_exp_is_told_to_use_np_exp():
    import math

    fails_with(checks.check_sigmoid, lambda z: 1 / (1 + math.exp(-z)), "use np.exp")


def test_propagate_cost_as_a_1x1_array_is_told_to_make_it_a_number():
    def propagate(w, b, X, Y):
        grads, cost = propagate_right(w, b, X, Y)
        return grads, np.array([[cost]])

    fails_with(checks.check_propagate, propagate, "cost has shape (1, 1)", "float(")


def test_propagate_dividing_by_m_twice_is_named():
    def propagate(w, b, X, Y):
        grads, cost = propagate_right(w, b, X, Y)
        return {"dw": grads["dw"] / X.shape[1], "db": grads["db"]}, cost

    fails_with(checks.check_propagate, propagate, "divided by m twice")


def test_a_shape_error_inside_the_learners_code_shows_the_input_shapes():
    def propagate(w, b, X, Y):
        A = 1 / (1 + np.exp(-(np.dot(w, X) + b)))  # w is (n_x, 1): needs w.T
        return {"dw": A, "db": 0.0}, 0.0

    fails_with(checks.check_propagate, propagate, "raised ValueError", "inputs had shapes (2, 1)")


def test_backward_propagation_with_dZ2_sign_flipped_is_named():
    def backward_propagation(parameters, cache, X, Y):
        grads = backward_propagation_right(parameters, cache, X, Y)
        return {**grads, "dW2": -grads["dW2"]}

    fails_with(checks.check_backward_propagation, backward_propagation, "dZ2 is Y − A2 instead of A2 − Y")


def test_L_model_backward_with_dAL_set_to_AL_minus_Y_is_named():
    def L_model_backward(AL, Y, caches):
        from course_lib.dense import linear_activation_backward

        grads, L = {}, len(caches)
        grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(AL - Y, caches[L - 1], "sigmoid")
        for l in reversed(range(1, L)):
            grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                grads[f"dA{l}"], caches[l - 1], "relu")
        return grads

    fails_with(checks.check_L_model_backward, L_model_backward, "A[L] − Y", "σ′ a second time")


def test_L_model_backward_stopping_before_dA0_says_the_key_is_missing():
    def L_model_backward(AL, Y, caches):
        grads = L_model_backward_right(AL, Y, caches)
        del grads["dA0"]
        return grads

    fails_with(checks.check_L_model_backward, L_model_backward, 'grads["dA0"] is missing')


def test_initialize_with_the_global_np_random_is_refused():
    def initialize_parameters_deep(layer_dims, rng):
        params = {}
        for l in range(1, len(layer_dims)):
            params[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
            params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return params

    fails_with(checks.check_initialize_parameters_deep, initialize_parameters_deep, "same rng seed gave a different W1")


# ---- c2w1: the course_lib references pass their own checks --------------------------------------------

def test_course_lib_c2w1_references_pass_their_checks(capsys):
    from course_lib import initializers, losses, regularization

    checks.check_compute_cost_with_regularization(losses.compute_cost_with_regularization)
    checks.check_dropout_forward(regularization.dropout_forward)
    checks.check_dropout_backward(regularization.dropout_backward)
    checks.check_initialize_parameters_he(lambda layer_dims, rng: initializers.initialize_parameters_deep(layer_dims, rng, "he"))
    assert capsys.readouterr().out.count("✓") == 4


# ---- check_compute_cost_with_regularization (c2w1a) ---------------------------------------------------

def cost_with(penalty):
    """A learner's compute_cost_with_regularization whose penalty term is penalty(Ws, lambd, m, parameters)."""
    def compute_cost_with_regularization(A3, Y, parameters, lambd):
        m = Y.shape[1]
        cross_entropy_cost = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
        Ws = [parameters[f"W{l}"] for l in (1, 2, 3)]
        return cross_entropy_cost + penalty(Ws, lambd, m, parameters)
    return compute_cost_with_regularization


@pytest.mark.parametrize(("penalty", "hint"), [
    (lambda Ws, lambd, m, p: lambd / m * sum(np.sum(np.square(W)) for W in Ws), "the factor is λ/m instead of λ/(2m)"),
    (lambda Ws, lambd, m, p: lambd / 2 * sum(np.sum(np.square(W)) for W in Ws), "the factor is λ/2 (the 1/m is missing)"),
    (lambda Ws, lambd, m, p: lambd / (2 * m) * sum(np.sum(np.square(v)) for v in p.values()),
     "the b[l] are penalized too (only the W[l] are)"),
    (lambda Ws, lambd, m, p: lambd / (2 * m) * sum(np.linalg.norm(W) for W in Ws), "‖W‖_F is not squared"),
    (lambda Ws, lambd, m, p: 0.0, "the penalty is left out"),
    (lambda Ws, lambd, m, p: lambd / 2 * m * sum(np.sum(np.square(W)) for W in Ws), "λ/2*m multiplies by m"),
    (lambda Ws, lambd, m, p: lambd / (2 * m) * sum(np.sum(np.square(W)) for W in Ws[:2]), "W3 is left out of the sum"),
])
def test_compute_cost_with_regularization_mistakes(penalty, hint):
    fails_with(checks.check_compute_cost_with_regularization, cost_with(penalty),
               "compute_cost_with_regularization fails on λ = 0.1, m = 5", "the cost is wrong", hint)


def test_compute_cost_with_regularization_penalty_on_W1_only_and_not_written():
    message = fails_with(checks.check_compute_cost_with_regularization,
                         cost_with(lambda Ws, lambd, m, p: lambd / (2 * m) * np.sum(np.square(Ws[0]))),
                         "the cost is wrong: expected", "got")
    assert "that is what you get" not in message  # an unrecognised mistake: expected vs got only
    fails_with(checks.check_compute_cost_with_regularization, not_written, "not written yet")
    fails_with(checks.check_compute_cost_with_regularization, lambda *args: None, "did you forget a `return`")


# ---- check_dropout_forward (c2w1a) ---------------------------------------------------------------------

def test_dropout_forward_without_dividing_by_keep_prob():
    def dropout_forward(A, keep_prob, rng):
        D = rng.random(A.shape) < keep_prob
        return A * D, D

    fails_with(checks.check_dropout_forward, dropout_forward, "A of shape (400, 250), keep_prob = 0.8",
               "A · D is not divided by keep_prob (inverted dropout keeps the expected value)")


def test_dropout_forward_multiplying_by_keep_prob():
    def dropout_forward(A, keep_prob, rng):
        D = rng.random(A.shape) < keep_prob
        return A * D * keep_prob, D

    fails_with(checks.check_dropout_forward, dropout_forward, "multiplied by keep_prob instead of divided")


def test_dropout_forward_with_the_comparison_reversed():
    def dropout_forward(A, keep_prob, rng):
        D = rng.random(A.shape) > keep_prob
        return A * D / keep_prob, D

    fails_with(checks.check_dropout_forward, dropout_forward, "D keeps 20.0% of the units, expected about keep_prob = 80%",
               "the comparison is the wrong way round")


def test_dropout_forward_drawing_from_np_random_instead_of_rng():
    def dropout_forward(A, keep_prob, rng):
        D = np.random.rand(A.shape[0], A.shape[1]) < keep_prob  # the course's original global-state version
        return A * D / keep_prob, D

    fails_with(checks.check_dropout_forward, dropout_forward, "the same rng seed gave a different mask",
               "draw D from the `rng` argument (rng.random), not from np.random")


def test_dropout_forward_with_its_own_fixed_seed():
    def dropout_forward(A, keep_prob, rng):
        D = np.random.default_rng(0).random(A.shape) < keep_prob
        return A * D / keep_prob, D

    fails_with(checks.check_dropout_forward, dropout_forward, "two different rng seeds gave the same mask")


def test_dropout_forward_mask_that_is_not_zero_one():
    def dropout_forward(A, keep_prob, rng):
        D = rng.random(A.shape)  # the comparison with keep_prob forgotten
        return A * D / keep_prob, D

    fails_with(checks.check_dropout_forward, dropout_forward, "D must hold only 0s and 1s")


@pytest.mark.parametrize(("dropout_forward", "phrase"), [
    (lambda A, keep_prob, rng: (lambda D: (D, A * D / keep_prob))(rng.random(A.shape) < keep_prob),
     "the pair is in the wrong order: return A, D"),
    (lambda A, keep_prob, rng: (lambda D: (A * D / keep_prob, D))(rng.random((A.shape[0], 1)) < keep_prob),
     "D has shape (400, 1): one draw per unit would drop a unit for every example at once"),
    (lambda A, keep_prob, rng: (A, rng.random(A.shape) < keep_prob), "A is returned unchanged"),
    (lambda A, keep_prob, rng: (A / keep_prob, rng.random(A.shape) < keep_prob), "the mask is not applied to A"),
])
def test_dropout_forward_more_mistakes(dropout_forward, phrase):
    message = fails_with(checks.check_dropout_forward, dropout_forward, phrase)
    assert len(message.splitlines()) <= 3  # the hint, not pages of numbers


def test_dropout_forward_wrong_return_values():
    fails_with(checks.check_dropout_forward, lambda A, keep_prob, rng: A, "must return a pair (A, D); got ndarray")
    fails_with(checks.check_dropout_forward, lambda A, keep_prob, rng: (A, A.T > 0), "D has shape (250, 400)")
    fails_with(checks.check_dropout_forward, not_written, "dropout_forward is not written yet")


# ---- check_dropout_backward (c2w1a) --------------------------------------------------------------------

@pytest.mark.parametrize(("dropout_backward", "phrases"), [
    (lambda dA, D, keep_prob: dA * D, ["dA · D is not divided by keep_prob"]),
    (lambda dA, D, keep_prob: dA * (1 - D) / keep_prob, ["use D, not 1 − D"]),
    (lambda dA, D, keep_prob: dA / keep_prob, ["the mask D is not applied"]),
    (lambda dA, D, keep_prob: dA * D * keep_prob, ["multiplied by keep_prob instead of divided"]),
    (lambda dA, D, keep_prob: (dA * D / keep_prob).ravel(), ["dA has shape (20,), expected (4, 5)", "it is 1-D"]),
    (lambda dA, D, keep_prob: (dA * D / keep_prob).T, ["dA has shape (5, 4), expected (4, 5)", "transposed"]),
])
def test_dropout_backward_mistakes(dropout_backward, phrases):
    fails_with(checks.check_dropout_backward, dropout_backward, "dA of shape (4, 5), keep_prob = 0.8", *phrases)


def test_dropout_backward_not_written_or_none():
    fails_with(checks.check_dropout_backward, not_written, "not written yet")
    fails_with(checks.check_dropout_backward, lambda dA, D, keep_prob: None, "dA is None")


def test_dropout_backward_that_changes_its_input_is_told_so():
    def dropout_backward(dA, D, keep_prob):
        dA *= D / keep_prob  # in place: the caller's dA is gone
        return dA

    fails_with(checks.check_dropout_backward, dropout_backward, "changed its input `dA` in place")


# ---- check_initialize_parameters_he (c2w1b) ------------------------------------------------------------

def he_with(scale=None, draw="standard_normal", transpose=False, source=None):
    """A learner's initialize_parameters_he with one thing changed."""
    def initialize_parameters_he(layers_dims, rng):
        parameters = {}
        for l in range(1, len(layers_dims)):
            n, n_prev = layers_dims[l], layers_dims[l - 1]
            generator = source() if source else rng
            W = getattr(generator, draw)((n, n_prev)) * (scale(n, n_prev) if scale else np.sqrt(2 / n_prev))
            parameters[f"W{l}"] = W.T if transpose else W
            parameters[f"b{l}"] = np.zeros((n, 1))
        return parameters
    return initialize_parameters_he


@pytest.mark.parametrize(("initialize", "phrases"), [
    (he_with(scale=lambda n, n_prev: np.sqrt(1 / n_prev)),
     ["W1 has standard deviation", "expected √(2/n[0]) = 0.0816", "√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])"]),
    (he_with(scale=lambda n, n_prev: np.sqrt(2 / n)), ["n[l] instead of n[l−1] in √(2/n)"]),
    (he_with(scale=lambda n, n_prev: 2 / n_prev), ["2/n[l−1] without the square root"]),
    (he_with(scale=lambda n, n_prev: 0.01), ["0.01 (the small-random scale)"]),
    (he_with(draw="random"), ["W1 has mean", "the draw must be centred: rng.standard_normal, not rng.random"]),
    (he_with(source=lambda: np.random.default_rng()),
     ["the scale is right but W1 differs", "draw from the `rng` argument"]),
    (he_with(transpose=True), ["W1 has shape (300, 200), expected (n[1], n[0]) = (200, 300)"]),
])
def test_initialize_parameters_he_mistakes(initialize, phrases):
    fails_with(checks.check_initialize_parameters_he, initialize, "initialize_parameters_he fails on layer_dims = [300, 200, 100, 1]",
               *phrases)


def test_initialize_parameters_he_from_np_random_always_gets_the_rng_hint():
    # the right scale drawn from another generator: the hint must be about the rng every time, never about the spread
    # (W3 of [300, 200, 100, 1] has only 100 weights, whose sample std varies by ±7%: it is not judged)
    for _ in range(20):
        fails_with(checks.check_initialize_parameters_he, he_with(source=lambda: np.random), "the scale is right but W1 differs")


def test_initialize_parameters_he_with_nonzero_b_or_missing_keys():
    def nonzero_b(layers_dims, rng):
        return {k: v + 0.1 if k.startswith("b") else v for k, v in initialize_parameters_he_right(layers_dims, rng).items()}

    fails_with(checks.check_initialize_parameters_he, nonzero_b, "b1 is wrong")

    def one_layer_short(layers_dims, rng):
        return initialize_parameters_he_right(layers_dims[:-1], rng)  # range(1, L) instead of range(1, L + 1)

    fails_with(checks.check_initialize_parameters_he, one_layer_short, "must return the keys W1, b1, …, W3, b3")
    fails_with(checks.check_initialize_parameters_he, lambda layers_dims, rng: None, "must return the keys")
    fails_with(checks.check_initialize_parameters_he, not_written, "not written yet")


def test_a_wrong_number_is_shown_as_a_number():
    with pytest.raises(checks.CheckFailed, match=r"expected 0\.\d+, got 0\.\d+"):
        checks.check_compute_cost_with_regularization(lambda A3, Y, parameters, lambd: 0.5)


# ---- check_random_mini_batches, check_update_parameters_with_adam (c2w2) ------------------------------------

def mini_batches_with(shuffle=True, keep_last=True, same_order=True, source=None):
    """A learner's random_mini_batches with one thing changed."""
    def random_mini_batches(X, Y, mini_batch_size, rng):
        m = X.shape[1]
        generator = source() if source else rng
        order = generator.permutation(m) if shuffle else np.arange(m)
        X_shuffled = X[:, order]
        Y_shuffled = Y[:, order if same_order else generator.permutation(m)]
        count = -(-m // mini_batch_size) if keep_last else m // mini_batch_size
        return [(X_shuffled[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                 Y_shuffled[:, k * mini_batch_size:(k + 1) * mini_batch_size]) for k in range(count)]
    return random_mini_batches


@pytest.mark.parametrize(("fn", "phrase"), [
    (mini_batches_with(shuffle=False), "the examples are not shuffled"),
    (mini_batches_with(keep_last=False), "the last, smaller batch is missing"),
    (mini_batches_with(same_order=False), "X and Y are shuffled differently"),
    (mini_batches_with(source=lambda: np.random.default_rng()), "the same rng seed gave a different shuffle"),
    (lambda X, Y, size, rng: [(X[:, :size].T, Y[:, :size])], "the batch sizes are"),
])
def test_random_mini_batches_mistakes(fn, phrase):
    fails_with(checks.check_random_mini_batches, fn, phrase)


def adam_with(correct=True, swap=False, one_minus=True, square=True):
    """A learner's update_parameters_with_adam with one thing changed."""
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
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


@pytest.mark.parametrize(("fn", "phrase"), [
    (adam_with(correct=False), "there is no bias correction"),
    (adam_with(swap=True), "β1 and β2 are swapped in the bias correction"),
    (adam_with(one_minus=False), "the (1 − β1) factor is missing"),
    (adam_with(square=False), "dW is not squared in s"),
    (lambda *args: {}, "must return (parameters, v, s)"),
])
def test_update_parameters_with_adam_mistakes(fn, phrase):
    fails_with(checks.check_update_parameters_with_adam, fn, phrase)


@pytest.mark.parametrize(("fn", "phrase"), [
    (lambda X, Y, size, rng: None, "did you forget a `return`"),
    (lambda X, Y, size, rng: [(X.T[k:k + size].T.T, Y[:, k:k + size]) for k in range(0, X.shape[1], size)],
     "examples are the columns"),
])
def test_random_mini_batches_more_mistakes(fn, phrase):
    fails_with(checks.check_random_mini_batches, fn, phrase)


def test_random_mini_batches_may_return_lists():
    checks.check_random_mini_batches(lambda X, Y, size, rng: [list(b) for b in optimizers.random_mini_batches(X, Y, size, rng)])


@pytest.mark.parametrize(("change", "phrase"), [
    ("t-1", "t already counts the updates from 1"),
    ("only_v", "only v is bias-corrected"),
    ("uphill", "the step goes uphill"),
    ("no_sqrt", "the square root of ŝ is missing"),
])
def test_update_parameters_with_adam_more_mistakes(change, phrase):
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
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

    fails_with(checks.check_update_parameters_with_adam, update_parameters_with_adam, phrase)
