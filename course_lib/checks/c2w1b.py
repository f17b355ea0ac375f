"""Checks for c2w1b, initialization and gradient checking."""

import numpy as np

from course_lib import initializers
from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = ["check_initialize_parameters_he"]


def check_initialize_parameters_he(initialize_parameters_he):
    """c2w1b: W[l] = rng.standard_normal((n[l], n[l−1])) · √(2 / n[l−1]), b[l] = 0, from the
    given rng."""
    cases = []
    for layer_dims in ([300, 200, 100, 1], [50, 400, 2], [2, 1]):
        description = f"layer_dims = {layer_dims}"
        params = call(
            "initialize_parameters_he",
            initialize_parameters_he,
            list(layer_dims),
            np.random.default_rng(1),
        )
        L = len(layer_dims) - 1
        if not isinstance(params, dict) or sorted(params) != sorted(
            f"{p}{l}" for l in range(1, L + 1) for p in "Wb"
        ):
            raise CheckFailed(
                f"✗ initialize_parameters_he on {description} must return the keys W1, b1, …, "
                f"W{L}, b{L}"
            )
        problems = []
        for l in range(1, L + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            W = np.asarray(params[f"W{l}"], dtype=float)
            problems.append(mismatch(f"b{l}", params[f"b{l}"], np.zeros((n, 1))))
            if W.shape != (n, n_prev):
                problems.append(
                    f"W{l} has shape {W.shape}, expected (n[{l}], n[{l - 1}]) = {(n, n_prev)}"
                )
                continue
            if W.size < 1000:
                # too few weights to judge their spread (with 100 the sample std alone varies
                # by ±7%)
                continue
            target = np.sqrt(2.0 / n_prev)
            if abs(W.mean()) > 0.2 * target:
                problems.append(
                    f"W{l} has mean {W.mean():.3g}; the draw must be centred: rng.standard_normal, "
                    "not rng.random (uniform on [0, 1))"
                )
            elif abs(W.std() / target - 1) > 0.06:
                guesses = [
                    ("√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])", np.sqrt(1.0 / n_prev)),
                    ("2/n[l−1] without the square root", 2.0 / n_prev),
                    ("n[l] instead of n[l−1] in √(2/n)", np.sqrt(2.0 / n)),
                    ("0.01 (the small-random scale)", 0.01),
                ]
                why = next(
                    (
                        f" — that is the scale {text}"
                        for text, scale in guesses
                        if abs(W.std() / scale - 1) < 0.06
                    ),
                    "",
                )
                problems.append(
                    f"W{l} has standard deviation {W.std():.3g}, expected √(2/n[{l - 1}]) = "
                    f"{target:.3g}{why}"
                )
        if not any(problems):
            expected = initializers.initialize_parameters_deep(
                layer_dims, np.random.default_rng(1), "he"
            )
            if not np.allclose(params["W1"], expected["W1"]):
                problems.append(
                    "the scale is right but W1 differs from rng.standard_normal((n[1], n[0])) · "
                    "√(2/n[0]): draw from the `rng` argument, layer by layer, one standard_normal "
                    "call per W[l]"
                )
        cases.append((description, problems))
    run("initialize_parameters_he", cases)
