"""Checks for c1w4, the deep network."""

import numpy as np

from course_lib import activations, dense, initializers, losses
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run
from course_lib.dense import linear_activation_backward
from course_lib.network import L_model_backward, L_model_forward

__all__ = [
    "check_initialize_parameters_deep",
    "check_linear_forward",
    "check_linear_activation_forward",
    "check_L_model_forward",
    "check_linear_backward",
    "check_linear_activation_backward",
    "check_L_model_backward",
    "check_two_layer_model",
    "check_L_layer_model",
]


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
        copied = [  # plain tuples ((A_prev, W, b), Z), the way the course builds them
            (tuple(a.copy() for a in c.linear_cache), c.activation_cache.copy()) for c in caches
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


def _tuple_of(name, result, size, what):
    """result, after checking it is a tuple (or list) of size values; else a CheckFailed."""
    if not (isinstance(result, (tuple, list)) and len(result) == size):
        raise CheckFailed(f"✗ {name} must return {what}; got {type(result).__name__}")
    return result


def _random_layer(rng, n_prev, n, m):
    return (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.standard_normal((n, 1)),
    )


LAYER_CASES = [("n[l−1] = 3, n[l] = 2, m = 4", (3, 2, 4)), ("m = 1", (4, 3, 1))]


def _cache_problems(name, cache, A_prev, W, b, Z=None):
    """Problems with a cache (A_prev, W, b) or ((A_prev, W, b), Z)."""
    if Z is not None:
        if not (isinstance(cache, (tuple, list)) and len(cache) == 2):
            return [f"{name} should be (linear_cache, activation_cache) = ((A_prev, W, b), Z)"]
        problems = _cache_problems(f"{name}[0]", cache[0], A_prev, W, b)
        return [
            *problems,
            mismatch(f"{name}[1] (activation_cache, Z)", cache[1], Z),
        ]
    if not (isinstance(cache, (tuple, list)) and len(cache) == 3):
        return [f"{name} should be the tuple (A_prev, W, b)"]
    return [
        mismatch(f"{name}[{i}] ({label})", got, want)
        for i, (label, got, want) in enumerate(
            zip(("A_prev", "W", "b"), cache, (A_prev, W, b), strict=True)
        )
    ]


def check_linear_forward(linear_forward):
    """c1w4: linear_forward(A, W, b) → Z = W A + b (n[l], m) and cache (A, W, b)."""
    rng = np.random.default_rng(1)
    cases = []
    for description, dims in LAYER_CASES:
        A, W, b = _random_layer(rng, *dims)
        got = _tuple_of(
            "linear_forward", call("linear_forward", linear_forward, A, W, b), 2, "(Z, cache)"
        )
        Z = W @ A + b
        problems = [
            mismatch(
                "Z", got[0], Z, [("the bias b is not added", W @ A), ("b is subtracted", W @ A - b)]
            )
        ]
        cases.append((description, problems + _cache_problems("cache", got[1], A, W, b)))
    run("linear_forward", cases)


def check_linear_activation_forward(linear_activation_forward):
    """c1w4: linear_activation_forward(A_prev, W, b, activation) → A = g(W A_prev + b) and cache
    ((A_prev, W, b), Z), for activation "sigmoid" and "relu"."""
    rng = np.random.default_rng(2)
    cases = []
    for description, dims in LAYER_CASES:
        A_prev, W, b = _random_layer(rng, *dims)
        Z = W @ A_prev + b
        for activation, other in (("sigmoid", "relu"), ("relu", "sigmoid")):
            got = _tuple_of(
                "linear_activation_forward",
                call(
                    "linear_activation_forward", linear_activation_forward, A_prev, W, b, activation
                ),
                2,
                "(A, cache)",
            )
            g, g_other = (
                activations.get_activation(activation)[0],
                activations.get_activation(other)[0],
            )
            problems = [
                mismatch(
                    "A",
                    got[0],
                    g(Z),
                    [
                        (
                            f'activation = "{activation}" computes {other}: check the if/elif',
                            g_other(Z),
                        ),
                        ("the activation is not applied (A = Z)", Z),
                        ("the bias b is not added", g(W @ A_prev)),
                    ],
                )
            ]
            problems += _cache_problems("cache", got[1], A_prev, W, b, Z)
            if (
                isinstance(got[1], (tuple, list))
                and len(got[1]) == 2
                and np.shape(got[1][1]) == Z.shape
                and np.allclose(got[1][1], g(Z))
                and not np.allclose(Z, g(Z))
            ):
                problems.insert(
                    0,
                    "cache[1] is A: the activation cache must keep Z, which the "
                    "backward step needs for g′(Z)",
                )
            cases.append((f'{description}, activation = "{activation}"', problems))
    run("linear_activation_forward", cases)


def _deep_case(rng, layer_dims, m):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1))
    return parameters, rng.standard_normal((layer_dims[0], m))


def _forward(X, parameters, g_hidden, g_output):
    """AL of the network with the given activation functions (for a mistake's value)."""
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        A = (g_hidden if l < L else g_output)(parameters[f"W{l}"] @ A + parameters[f"b{l}"])
    return A


def check_L_model_forward(L_model_forward_fn):
    """c1w4: L_model_forward(X, parameters) → AL (1, m) of [LINEAR→RELU]×(L−1)→LINEAR→SIGMOID and
    the list of the L caches ((A_prev, W, b), Z)."""
    rng = np.random.default_rng(3)
    cases = []
    for layer_dims, m in (([5, 4, 3, 1], 4), ([3, 2, 1], 1), ([4, 1], 3)):
        parameters, X = _deep_case(rng, layer_dims, m)
        L = len(layer_dims) - 1
        got = _tuple_of(
            "L_model_forward",
            call("L_model_forward", L_model_forward_fn, X, parameters),
            2,
            "(AL, caches)",
        )
        AL, caches = L_model_forward(X, parameters, "relu", "sigmoid")
        sigmoid, relu = activations.sigmoid, activations.relu
        mistakes = [
            (
                "the hidden layers use sigmoid instead of relu",
                _forward(X, parameters, sigmoid, sigmoid),
            ),
            ("the output layer uses relu instead of sigmoid", _forward(X, parameters, relu, relu)),
        ]
        description = f"layer_dims = {layer_dims}, m = {m}"
        problems = [mismatch("AL", got[0], AL, mistakes)]
        got_caches = got[1]
        if not isinstance(got_caches, (list, tuple)) or len(got_caches) != L:
            count = (
                len(got_caches)
                if isinstance(got_caches, (list, tuple))
                else type(got_caches).__name__
            )
            problems.append(
                f"caches should be a list of L = {L} caches, one per layer; got {count} "
                "(append the output layer's cache too, and count L = len(parameters) // 2)"
            )
        else:
            for l, (want, have) in enumerate(zip(caches, got_caches, strict=True), start=1):
                problems += _cache_problems(
                    f"caches[{l - 1}]", have, *want.linear_cache, want.activation_cache
                )
        cases.append((description, problems))
    run("L_model_forward", cases)


def check_linear_backward(linear_backward):
    """c1w4: linear_backward(dZ, cache) → dA_prev = Wᵀ dZ, dW = (1/m) dZ A_prevᵀ,
    db = (1/m) Σ_columns dZ (n[l], 1)."""
    rng = np.random.default_rng(4)
    cases = []
    for description, (n_prev, n, m) in LAYER_CASES:
        A_prev, W, b = _random_layer(rng, n_prev, n, m)
        dZ = rng.standard_normal((n, m))
        got = _tuple_of(
            "linear_backward",
            call("linear_backward", linear_backward, dZ, (A_prev, W, b)),
            3,
            "(dA_prev, dW, db)",
        )
        dA_prev, dW, db = dense.linear_backward(dZ, (A_prev, W, b))
        cases.append(
            (
                description,
                [
                    mismatch(
                        "dA_prev",
                        got[0],
                        dA_prev,
                        [("it is divided by m (only dW and db are)", dA_prev / m)],
                    ),
                    mismatch("dW", got[1], dW, [("the 1/m is missing", dW * m)]),
                    mismatch(
                        "db",
                        got[2],
                        db,
                        [
                            ("the 1/m is missing", db * m),
                        ],
                    ),
                ],
            )
        )
    run("linear_backward", cases)


def check_linear_activation_backward(linear_activation_backward_fn):
    """c1w4: linear_activation_backward(dA, cache, activation) → dZ = dA · g′(Z), then
    linear_backward's (dA_prev, dW, db)."""
    rng = np.random.default_rng(5)
    cases = []
    for description, (n_prev, n, m) in LAYER_CASES:
        A_prev, W, b = _random_layer(rng, n_prev, n, m)
        Z = W @ A_prev + b
        dA = rng.standard_normal((n, m))
        for activation, other in (("sigmoid", "relu"), ("relu", "sigmoid")):
            got = _tuple_of(
                "linear_activation_backward",
                call(
                    "linear_activation_backward",
                    linear_activation_backward_fn,
                    dA,
                    ((A_prev, W, b), Z),
                    activation,
                ),
                3,
                "(dA_prev, dW, db)",
            )
            expected = linear_activation_backward(dA, ((A_prev, W, b), Z), activation)
            wrong_g = linear_activation_backward(dA, ((A_prev, W, b), Z), other)
            no_g = dense.linear_backward(dA, (A_prev, W, b))
            cases.append(
                (
                    f'{description}, activation = "{activation}"',
                    [
                        mismatch(
                            name,
                            have,
                            want,
                            [
                                (f'activation = "{activation}" uses {other}\'s derivative', bad),
                                ("dZ = dA: the activation's derivative is left out", skip),
                            ],
                        )
                        for name, have, want, bad, skip in zip(
                            ("dA_prev", "dW", "db"), got, expected, wrong_g, no_g, strict=True
                        )
                    ],
                )
            )
    run("linear_activation_backward", cases)


def _model_data(rng, n_x, m):
    X = rng.standard_normal((n_x, m))
    Y = (X[:1] + 0.5 * X[1:2] > 0) * 1.0
    return X, Y


def _check_model(name, model, layers_dims, num_iterations):
    """The learner's two_layer_model / L_layer_model against the same steps done by course_lib."""
    rng = np.random.default_rng(6)
    X, Y = _model_data(rng, layers_dims[0], 12)
    got = _tuple_of(
        name,
        call(name, model, X, Y, layers_dims, 0.05, num_iterations, False, np.random.default_rng(3)),
        2,
        "(parameters, costs)",
    )
    if len(layers_dims) == 3:
        parameters = initializers.initialize_parameters(*layers_dims, np.random.default_rng(3))
    else:
        parameters = initializers.initialize_parameters_deep(layers_dims, np.random.default_rng(3))
    costs, first_step = [], None
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters, "relu", "sigmoid")
        cost = losses.compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches, "relu")
        parameters = {k: v - 0.05 * grads["d" + k] for k, v in parameters.items()}
        if i == 0:
            first_step = parameters
        if i % 100 == 0 or i == num_iterations - 1:
            costs.append(cost)
    description = f"layers_dims = {layers_dims}, α = 0.05, {num_iterations} iterations"
    got_parameters = got[0] if isinstance(got[0], dict) else {}
    problems = [
        entry(
            "parameters",
            got_parameters,
            key,
            value,
            [("the loop runs once: the parameters after the first step", first_step[key])],
        )
        for key, value in parameters.items()
    ]
    try:
        costs_got = np.asarray(got[1], dtype=float).ravel()
    except (TypeError, ValueError):
        costs_got = None
    if costs_got is not None and costs_got.size == num_iterations:
        problems.append(
            "costs has a cost for every iteration: the course records it when i % 100 == 0 "
            "and at the last iteration"
        )
    else:
        problems.append(mismatch("costs", costs_got, np.array(costs)))
    run(name, [(description, problems)])


def check_two_layer_model(two_layer_model):
    """c1w4: two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng) →
    (parameters, costs): initialize_parameters, then LINEAR→RELU→LINEAR→SIGMOID gradient descent,
    the cost recorded every 100 iterations and at the last."""
    _check_model("two_layer_model", two_layer_model, [3, 4, 1], 201)


def check_L_layer_model(L_layer_model):
    """c1w4: L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng) →
    (parameters, costs): initialize_parameters_deep, then gradient descent through L_model_forward,
    compute_cost, L_model_backward and update_parameters."""
    _check_model("L_layer_model", L_layer_model, [3, 4, 3, 1], 201)
