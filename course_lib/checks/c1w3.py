"""Checks for c1w3, the shallow network."""

import numpy as np

from course_lib import activations
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run
from course_lib.network import L_model_backward, L_model_forward

__all__ = ["check_forward_propagation", "check_backward_propagation"]


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
