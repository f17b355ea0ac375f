"""Checks for c1w4, the deep network."""

import numpy as np

from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run
from course_lib.dense import LayerCache, LinearCache, linear_activation_backward
from course_lib.network import L_model_backward, L_model_forward

__all__ = ["check_initialize_parameters_deep", "check_L_model_backward"]


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
