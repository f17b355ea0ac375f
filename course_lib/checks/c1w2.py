"""Checks for c1w2, logistic regression as a neural network."""

import numpy as np

from course_lib import activations, logistic
from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = ["check_sigmoid", "check_propagate"]


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
