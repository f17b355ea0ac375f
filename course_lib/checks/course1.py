"""Checks for Course 1 (Neural Networks and Deep Learning): c1w2 logistic regression as a neural
network (sigmoid, propagate), c1w3 the shallow network (forward_propagation,
backward_propagation), c1w4 the deep network (initialize_parameters_deep, L_model_backward).
"""

import numpy as np

from course_lib import activations, logistic
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run
from course_lib.dense import LayerCache, LinearCache, linear_activation_backward
from course_lib.network import L_model_backward, L_model_forward


def check_sigmoid(sigmoid):
    """c1w2: σ(z) on scalars, vectors, a matrix, and large |z| without overflow or NaN."""
    inputs = [
        ("z = 0", 0.0),
        ("z = [-1, 0, 2]", np.array([-1.0, 0.0, 2.0])),
        ("a 2×3 matrix", np.array([[1.0, -2.0, 3.0], [0.5, 0.0, -0.5]])),
        ("large |z| = [-700, 700]", np.array([-700.0, 700.0])),
    ]
    cases = []
    for description, z in inputs:
        with np.errstate(over="ignore"):
            got = call("sigmoid", sigmoid, np.copy(z) if isinstance(z, np.ndarray) else z)
        expected = activations.sigmoid(z)
        cases.append(
            (
                description,
                [
                    mismatch(
                        "σ(z)",
                        got,
                        expected,
                        [
                            (
                                "the sign of z is flipped (use np.exp(-z))",
                                activations.sigmoid(-np.asarray(z)),
                            ),
                            (
                                "you return e^(−z) instead of 1 / (1 + e^(−z))",
                                np.exp(-np.asarray(z)),
                            ),
                        ],
                    )
                ],
            )
        )
    run("sigmoid", cases)


def _propagate_cases():
    yield (
        "the course's example (n_x = 2, m = 3)",
        (
            np.array([[1.0], [2.0]]),
            2.0,
            np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
            np.array([[1.0, 0.0, 1.0]]),
        ),
    )
    rng = np.random.default_rng(7)
    yield (
        "random n_x = 5, m = 20",
        (
            rng.standard_normal((5, 1)) * 0.5,
            0.3,
            rng.standard_normal((5, 20)),
            (rng.random((1, 20)) > 0.5) * 1.0,
        ),
    )
    yield (
        "a single example (m = 1)",
        (np.array([[0.5], [-0.25]]), -0.1, np.array([[2.0], [1.0]]), np.array([[0.0]])),
    )
    yield (
        "w = 0 (the initial point)",
        (np.zeros((3, 1)), 0.0, rng.standard_normal((3, 4)), np.array([[1.0, 0.0, 0.0, 1.0]])),
    )


def check_propagate(propagate):
    """c1w2: grads {"dw" (n_x, 1), "db"} and cost of logistic regression, against
    course_lib.logistic."""
    cases = []
    for description, (w, b, X, Y) in _propagate_cases():
        m = X.shape[1]
        expected_grads, expected_cost = logistic.propagate(w, b, X, Y)
        result = call("propagate", propagate, w.copy(), b, X.copy(), Y.copy())
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], dict)):
            raise CheckFailed(
                "✗ propagate must return (grads, cost) with grads a dict {'dw': …, 'db': …}"
            )
        grads, cost = result
        A = activations.sigmoid(w.T @ X + b)
        cases.append(
            (
                description,
                [
                    mismatch(
                        "dw",
                        grads.get("dw"),
                        expected_grads["dw"],
                        [
                            ("the 1/m is missing", expected_grads["dw"] * m),
                            (
                                "it is divided by m twice (np.mean already divides by m)",
                                expected_grads["dw"] / m,
                            ),
                            ("dZ is Y − A instead of A − Y", -expected_grads["dw"]),
                        ],
                    ),
                    mismatch(
                        "db",
                        grads.get("db"),
                        expected_grads["db"],
                        [
                            ("the 1/m is missing", expected_grads["db"] * m),
                            (
                                "it is divided by m twice (np.mean already divides by m)",
                                expected_grads["db"] / m,
                            ),
                            ("dZ is Y − A instead of A − Y", -expected_grads["db"]),
                        ],
                    ),
                    mismatch(
                        "cost",
                        cost,
                        expected_cost,
                        [
                            ("the 1/m is missing", expected_cost * m),
                            (
                                "it is divided by m twice (np.mean already divides by m)",
                                expected_cost / m,
                            ),
                            ("the minus sign is missing", -expected_cost),
                            (
                                "the loss for y = 0 uses log(a) instead of log(1 − a)",
                                float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(A)) / m),
                            ),
                        ],
                    ),
                ],
            )
        )
    run("propagate", cases)


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


def check_initialize_parameters_deep(initialize_parameters_deep):
    """c1w4: shapes W[l] (n[l], n[l−1]), b[l] zeros (n[l], 1), small random W (std ≈ 0.01) drawn
    from the given rng."""
    cases = []
    for layer_dims in ([5, 4, 3], [12, 20, 7, 5, 1], [2, 1]):
        description = f"layer_dims = {layer_dims}"
        params = call(
            "initialize_parameters_deep",
            initialize_parameters_deep,
            list(layer_dims),
            np.random.default_rng(1),
        )
        problems = []
        L = len(layer_dims) - 1
        if not isinstance(params, dict) or sorted(params) != sorted(
            [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
        ):
            raise CheckFailed(
                f"✗ initialize_parameters_deep on {description} must return the keys W1, b1, …, "
                f"W{L}, b{L}; got "
                f"{sorted(params) if isinstance(params, dict) else type(params).__name__}"
            )
        for l in range(1, L + 1):
            shape, expected_shape = np.shape(params[f"W{l}"]), (layer_dims[l], layer_dims[l - 1])
            if shape != expected_shape:
                problems.append(
                    f"W{l} has shape {shape}, expected (n[{l}], n[{l - 1}]) = {expected_shape}"
                    + (
                        " — it looks transposed: W[l] has one row per unit of layer l"
                        if shape == expected_shape[::-1]
                        else ""
                    )
                )
            problems.append(mismatch(f"b{l}", params[f"b{l}"], np.zeros((layer_dims[l], 1))))
        if not any(problems):
            weights = np.concatenate([params[f"W{l}"].ravel() for l in range(1, L + 1)])
            if np.allclose(weights, 0):
                problems.append(
                    "the weights are all zero — every hidden unit would compute the same function "
                    "(symmetry); draw them from rng.standard_normal"
                )
            elif weights.size >= 20 and not 0.005 < weights.std() < 0.02:
                problems.append(
                    f"the weights have standard deviation {weights.std():.3g}; multiply the "
                    "standard normal draw by 0.01"
                )
            else:
                same_seed, other_seed = (
                    call(
                        "initialize_parameters_deep",
                        initialize_parameters_deep,
                        list(layer_dims),
                        np.random.default_rng(seed),
                    )
                    for seed in (1, 2)
                )
                if np.array_equal(other_seed["W1"], params["W1"]):
                    problems.append(
                        "two different rng seeds gave the same W1 — draw from the `rng` argument "
                        "(rng.standard_normal), not from a fixed seed"
                    )
                elif not np.array_equal(same_seed["W1"], params["W1"]):
                    problems.append(
                        "the same rng seed gave a different W1 — draw from the `rng` argument "
                        "(rng.standard_normal), not from np.random, so results are reproducible"
                    )
        cases.append((description, problems))
    run("initialize_parameters_deep", cases)


def _backprop(dAL, caches, output_activation):
    """Grads from a given dA[L] through output_activation, then relu layers (to recognise
    mistakes)."""
    L = len(caches)
    grads = {}
    dA = dAL
    for l in reversed(range(1, L + 1)):
        activation = output_activation if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], activation
        )
        grads[f"dA{l - 1}"] = dA
    return grads


def check_L_model_backward(L_model_backward_fn):
    """c1w4: grads of the [LINEAR→RELU]×(L−1)→LINEAR→SIGMOID network, against course_lib's
    L_model_backward."""
    rng = np.random.default_rng(11)
    cases = []
    for layer_dims, m in (([4, 3, 1], 5), ([5, 4, 3, 2, 1], 7), ([3, 2, 1], 1)):
        parameters = {}
        for l in range(1, len(layer_dims)):
            parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
            parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1))
        X = rng.standard_normal((layer_dims[0], m))
        Y = (rng.random((1, m)) > 0.5) * 1.0
        AL, caches = L_model_forward(X, parameters, "relu", "sigmoid")
        expected = L_model_backward(AL, Y, caches, "relu")
        copied = [
            LayerCache(LinearCache(*(a.copy() for a in c.linear_cache)), c.activation_cache.copy())
            for c in caches
        ]
        got = call("L_model_backward", L_model_backward_fn, AL.copy(), Y.copy(), copied)
        if not isinstance(got, dict):
            raise CheckFailed(
                "✗ L_model_backward must return the grads dict {'dA0', 'dW1', 'db1', …}"
            )
        dAL = -(Y / AL - (1 - Y) / (1 - AL))
        variants = {
            "dA[L] is set to A[L] − Y (that is already dZ[L]; it then goes through σ′ a second "
            "time)": _backprop(AL - Y, caches, "sigmoid"),
            "the output layer goes through relu instead of sigmoid": _backprop(dAL, caches, "relu"),
        }
        problems = []
        for key, value in expected.items():  # backprop order: the first wrong one is the bug
            mistakes = [("the 1/m is missing", value * m), ("dA[L] has the wrong sign", -value)]
            mistakes += [(description, grads[key]) for description, grads in variants.items()]
            problems.append(entry("grads", got, key, value, mistakes))
        cases.append((f"layer_dims = {layer_dims}, m = {m}", problems))
    run("L_model_backward", cases)
