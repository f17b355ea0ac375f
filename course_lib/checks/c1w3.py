"""Checks for c1w3, the shallow network."""

import numpy as np

from course_lib import activations, initializers, losses
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run
from course_lib.network import L_model_backward, L_model_forward

__all__ = [
    "check_forward_propagation",
    "check_backward_propagation",
    "check_initialize_parameters",
    "check_compute_cost",
    "check_update_parameters",
    "check_layer_sizes",
    "check_nn_model",
]


TWO_LAYER_CASES = [
    ("n_x = 2, n_h = 4, m = 3", (2, 4, 3)),
    ("n_x = 3, n_h = 1, m = 5", (3, 1, 5)),
    ("a single example (m = 1)", (2, 3, 1)),
]


def _two_layer_case(rng, n_x, n_h, m):
    """Random parameters, X, Y and the course's dict cache {"Z1", "A1", "Z2", "A2"}, plus
    course_lib's caches."""
    parameters = {
        "W1": rng.standard_normal((n_h, n_x)),
        "b1": rng.standard_normal((n_h, 1)),
        "W2": rng.standard_normal((1, n_h)),
        "b2": rng.standard_normal((1, 1)),
    }
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5) * 1.0
    A2, caches = L_model_forward(X, parameters, "tanh", "sigmoid")
    Z1, Z2 = caches[0].activation_cache, caches[1].activation_cache
    cache = {"Z1": Z1, "A1": caches[1].linear_cache.A_prev, "Z2": Z2, "A2": A2}
    return parameters, cache, X, Y, caches


def check_forward_propagation(forward_propagation):
    """c1w3: forward_propagation(X, parameters) → A2 (1, m) and cache {"Z1", "A1", "Z2", "A2"} of
    the 2-layer tanh/sigmoid network."""
    rng = np.random.default_rng(5)
    cases = []
    for description, dims in TWO_LAYER_CASES:
        parameters, cache, X, _, _ = _two_layer_case(rng, *dims)
        result = call(
            "forward_propagation",
            forward_propagation,
            X.copy(),
            {k: v.copy() for k, v in parameters.items()},
        )
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], dict)):
            raise CheckFailed(
                "✗ forward_propagation must return (A2, cache) with cache a dict "
                "{'Z1', 'A1', 'Z2', 'A2'}"
            )
        A2, got_cache = result
        problems = [
            entry(
                "cache",
                got_cache,
                key,
                cache[key],
                [
                    (
                        "the hidden layer uses sigmoid instead of tanh",
                        activations.sigmoid(cache["Z1"]),
                    )
                ],
            )
            for key in ("Z1", "A1", "Z2", "A2")
        ]  # in computation order: the first wrong one is the bug
        problems.append(
            mismatch(
                "the returned A2",
                A2,
                cache["A2"],
                [("the output uses tanh instead of sigmoid", np.tanh(cache["Z2"]))],
            )
        )
        cases.append((description, problems))
    run("forward_propagation", cases)


def check_backward_propagation(backward_propagation):
    """c1w3: grads {"dW1", "db1", "dW2", "db2"} of the 2-layer tanh/sigmoid network, against
    L_model_backward."""
    rng = np.random.default_rng(3)
    cases = []
    for description, dims in TWO_LAYER_CASES:
        parameters, cache, X, Y, caches = _two_layer_case(rng, *dims)
        m = X.shape[1]
        expected = L_model_backward(cache["A2"], Y, caches, "tanh")
        got = call(
            "backward_propagation",
            backward_propagation,
            {k: v.copy() for k, v in parameters.items()},
            {k: v.copy() for k, v in cache.items()},
            X.copy(),
            Y.copy(),
        )
        if not isinstance(got, dict):
            raise CheckFailed(
                "✗ backward_propagation must return a dict {'dW1', 'db1', 'dW2', 'db2'}"
            )
        dZ1_wrong = (parameters["W2"].T @ (cache["A2"] - Y)) * (1 - cache["A1"])
        problems = []
        for key in ("dW2", "db2", "dW1", "db1"):  # backprop order: the first wrong one is the bug
            mistakes = [
                ("the 1/m is missing", expected[key] * m),
                ("it is divided by m twice (np.mean already divides by m)", expected[key] / m),
                ("dZ2 is Y − A2 instead of A2 − Y", -expected[key]),
            ]
            if key == "dW1":
                mistakes.append(("tanh′ is written 1 − A1 instead of 1 − A1²", dZ1_wrong @ X.T / m))
            problems.append(entry("grads", got, key, expected[key], mistakes))
        cases.append((description, problems))
    run("backward_propagation", cases)


# ---- shared with c1w4: the course has the learner write these in both weeks --------------------


def _as_dict_of_arrays(name, result, keys):
    """result, after checking it is a dict holding keys; a CheckFailed naming what is missing."""
    if not isinstance(result, dict):
        raise CheckFailed(
            f"✗ {name} must return a dict {{{', '.join(keys)}}}; got {type(result).__name__}"
        )
    missing = [key for key in keys if key not in result]
    if missing:
        raise CheckFailed(f"✗ {name} must return the keys {', '.join(keys)}; missing {missing}")
    return result


def check_initialize_parameters(initialize_parameters):
    """c1w3 and c1w4: initialize_parameters(n_x, n_h, n_y, rng) → {"W1" (n_h, n_x), "b1" (n_h, 1),
    "W2" (n_y, n_h), "b2" (n_y, 1)}, W = 0.01 · rng.standard_normal, W1 drawn before W2, b = 0."""
    cases = []
    for description, (n_x, n_h, n_y) in [
        ("n_x = 3, n_h = 2, n_y = 1", (3, 2, 1)),
        ("n_x = 2, n_h = 4, n_y = 1 (the flower network)", (2, 4, 1)),
        ("n_x = 5, n_h = 3, n_y = 2", (5, 3, 2)),
    ]:
        expected = initializers.initialize_parameters(n_x, n_h, n_y, np.random.default_rng(2))
        got = call(
            "initialize_parameters",
            initialize_parameters,
            n_x,
            n_h,
            n_y,
            np.random.default_rng(2),
        )
        got = _as_dict_of_arrays("initialize_parameters", got, ["W1", "b1", "W2", "b2"])
        unscaled = {k: v / 0.01 for k, v in expected.items()}
        rng = np.random.default_rng(2)
        swapped = {"W2": 0.01 * rng.standard_normal((n_y, n_h))}
        swapped["W1"] = 0.01 * rng.standard_normal((n_h, n_x))
        swapped["b1"], swapped["b2"] = expected["b1"], expected["b2"]
        cases.append(
            (
                description,
                [
                    entry(
                        "parameters",
                        got,
                        key,
                        expected[key],
                        [
                            ("W is not multiplied by 0.01", unscaled[key]),
                            ("W is multiplied by 0.1 instead of 0.01", expected[key] * 10),
                            (
                                "W is zeros: draw it with rng.standard_normal, or every hidden "
                                "unit stays the same",
                                np.zeros_like(expected[key]),
                            ),
                            (
                                "W2 is drawn before W1 (draw W1 first, as the statement says)",
                                swapped[key],
                            ),
                        ],
                    )
                    for key in ("W1", "b1", "W2", "b2")
                ],
            )
        )
    run("initialize_parameters", cases)


def check_compute_cost(compute_cost):
    """c1w3 and c1w4: compute_cost(AL, Y) → J = −(1/m) Σ [y log a + (1 − y) log(1 − a)], a float,
    for AL and Y of shape (1, m)."""
    rng = np.random.default_rng(11)
    cases = []
    for description, AL, Y in [
        ("the course's example (m = 3)", np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])),
        ("m = 1", np.array([[0.3]]), np.array([[0.0]])),
        ("random m = 20", rng.uniform(0.05, 0.95, (1, 20)), (rng.random((1, 20)) > 0.5) * 1.0),
    ]:
        m = Y.shape[1]
        expected = losses.compute_cost(AL, Y)
        got = call("compute_cost", compute_cost, AL.copy(), Y.copy())
        positive_only = float(-np.sum(Y * np.log(AL)) / m)
        cases.append(
            (
                description,
                [
                    mismatch(
                        "cost",
                        got,
                        expected,
                        [
                            ("the 1/m is missing", expected * m),
                            ("the minus sign is missing", -expected),
                            (
                                "the (1 − y) log(1 − a) term is left out",
                                positive_only,
                            ),
                            (
                                "the loss for y = 0 uses log(a) instead of log(1 − a)",
                                float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(AL)) / m),
                            ),
                        ],
                    )
                ],
            )
        )
    run("compute_cost", cases)


def check_update_parameters(update_parameters):
    """c1w3 and c1w4: update_parameters(parameters, grads, learning_rate) → W[l] := W[l] − α dW[l],
    b[l] := b[l] − α db[l] for l = 1…L, as new arrays (the caller's dict unchanged)."""
    rng = np.random.default_rng(4)
    cases = []
    for description, dims, alpha in [
        ("L = 2, α = 1.2", [3, 4, 1], 1.2),
        ("L = 3, α = 0.1", [4, 3, 2, 1], 0.1),
    ]:
        parameters, grads = {}, {}
        for l in range(1, len(dims)):
            parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
            parameters[f"b{l}"] = rng.standard_normal((dims[l], 1))
            grads[f"dW{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
            grads[f"db{l}"] = rng.standard_normal((dims[l], 1))
            grads[f"dA{l - 1}"] = rng.standard_normal((dims[l - 1], 5))  # as L_model_backward's
        keys = list(parameters)
        got = call(
            "update_parameters",
            update_parameters,
            {k: v.copy() for k, v in parameters.items()},
            {k: v.copy() for k, v in grads.items()},
            alpha,
        )
        got = _as_dict_of_arrays("update_parameters", got, keys)
        problems = []
        for key in keys:
            expected = parameters[key] - alpha * grads["d" + key]
            problems.append(
                entry(
                    "parameters",
                    got,
                    key,
                    expected,
                    [
                        (
                            "the step goes uphill: use W − α dW",
                            parameters[key] + alpha * grads["d" + key],
                        ),
                        ("the learning rate is left out", parameters[key] - grads["d" + key]),
                        ("this parameter is not updated", parameters[key]),
                    ],
                )
            )
        cases.append((description, problems))
    run("update_parameters", cases)


# ---- the rest of c1w3 ------------------------------------------------------------------------


def check_layer_sizes(layer_sizes):
    """c1w3: layer_sizes(X, Y) → (n_x, n_h, n_y) = (X.shape[0], 4, Y.shape[0])."""
    rng = np.random.default_rng(9)
    cases = []
    for n_x, n_y, m in ((5, 2, 3), (2, 1, 400), (7, 3, 1)):
        X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))
        got = call("layer_sizes", layer_sizes, X, Y)
        description = f"X of shape {X.shape}, Y of shape {Y.shape}"
        if not (isinstance(got, (tuple, list)) and len(got) == 3):
            raise CheckFailed("✗ layer_sizes must return the three numbers (n_x, n_h, n_y)")
        names = ("n_x", "n_h", "n_y")
        expected = (n_x, 4, n_y)
        problems = [
            mismatch(
                name,
                value,
                want,
                [("it is the number of examples m, shape[1]: take shape[0], the rows", m)]
                if name != "n_h"
                else [],
            )
            for name, value, want in zip(names, got, expected, strict=True)
        ]
        cases.append((description, problems))
    run("layer_sizes", cases)


def check_nn_model(nn_model):
    """c1w3: nn_model(X, Y, n_h, num_iterations, print_cost, rng) → the parameters after
    num_iterations of gradient descent (α = 1.2, update_parameters' default) on the tanh/sigmoid
    network, starting from initialize_parameters(n_x, n_h, n_y, rng)."""
    rng = np.random.default_rng(12)
    cases = []
    for n_x, n_h, m, iterations in ((2, 3, 20, 50), (3, 1, 8, 10)):
        X = rng.standard_normal((n_x, m))
        Y = (X[:1] * X[-1:] > 0) * 1.0
        start = initializers.initialize_parameters(n_x, n_h, 1, np.random.default_rng(5))
        parameters, after_one = dict(start), None
        for i in range(iterations):
            A2, caches = L_model_forward(X, parameters, "tanh", "sigmoid")
            grads = L_model_backward(A2, Y, caches, "tanh")
            parameters = {k: v - 1.2 * grads["d" + k] for k, v in parameters.items()}
            after_one = parameters if i == 0 else after_one
        got = call("nn_model", nn_model, X, Y, n_h, iterations, False, np.random.default_rng(5))
        if isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], dict):
            got = got[0]  # (parameters, costs) is fine too
        got = _as_dict_of_arrays("nn_model", got, ["W1", "b1", "W2", "b2"])
        description = f"n_x = {n_x}, n_h = {n_h}, m = {m}, {iterations} iterations"
        cases.append(
            (
                description,
                [
                    entry(
                        "parameters",
                        got,
                        key,
                        value,
                        [
                            (
                                "the loop runs once: the parameters after the first step",
                                after_one[key],
                            ),
                            ("the parameters are returned before training", start[key]),
                        ],
                    )
                    for key, value in parameters.items()
                ],
            )
        )
    run("nn_model", cases)
