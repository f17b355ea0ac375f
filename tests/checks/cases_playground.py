"""The registry's entries for the checks of playground: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def feature_map_right(X):
    x1, x2 = X[0], X[1]
    return np.stack([x1, x2, x1**2, x2**2, x1 * x2])


CASES = {
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
