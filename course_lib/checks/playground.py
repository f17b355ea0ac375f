"""Checks for the playground notebook: the input features φ(X) of its feature-map exercise."""

import numpy as np

from course_lib.checks.framework import call, mismatch, run

__all__ = ["check_feature_map"]


def check_feature_map(feature_map):
    """playground: φ(X) = [x1; x2; x1²; x2²; x1·x2] (5, m) for X (2, m), one row per feature, in
    that order."""
    rng = np.random.default_rng(88)
    inputs = [
        ("X of shape (2, 6)", rng.uniform(-5, 5, (2, 6))),
        ("X of shape (2, 1): a single example", np.array([[2.0], [-3.0]])),
        (
            "X of shape (2, 4) with a zero and negative coordinates",
            np.array([[0.0, -1.5, 2.0, -4.0], [3.0, -2.0, 0.0, 1.0]]),
        ),
    ]
    cases = []
    for description, X in inputs:
        got = call("feature_map", feature_map, X.copy())
        x1, x2 = X[0], X[1]
        expected = np.stack([x1, x2, x1**2, x2**2, x1 * x2])
        mistakes = [
            (
                "x1² and x2² are 2·x1 and 2·x2 (x ** 2 is the square, x * 2 doubles)",
                np.stack([x1, x2, 2 * x1, 2 * x2, x1 * x2]),
            ),
            (
                "x1·x2 is the sum x1 + x2 instead of the product",
                np.stack([x1, x2, x1**2, x2**2, x1 + x2]),
            ),
            (
                "the rows are in another order: x1, x2, x1², x2², x1·x2",
                np.stack([x1, x2, x1 * x2, x1**2, x2**2]),
            ),
            (
                "the squares come first: the order is x1, x2, x1², x2², x1·x2",
                np.stack([x1**2, x2**2, x1, x2, x1 * x2]),
            ),
        ]
        cases.append((description, [mismatch("φ(X)", got, expected, mistakes)]))
    run("feature_map", cases)
