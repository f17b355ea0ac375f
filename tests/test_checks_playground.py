"""course_lib.checks for the playground (input features): the right answer passes, typical wrong ones fail with a hint.

CORRECT below is read by tests/test_checks.py's meta-test, which requires every check_* to have a right answer.
"""
import numpy as np
import pytest
from test_checks import fails_with, not_written  # one helper for every checks test (tests/ is on sys.path)

from course_lib import checks
from course_lib.playground import input_features


def feature_map_right(X):
    x1, x2 = X[0], X[1]
    return np.stack([x1, x2, x1**2, x2**2, x1 * x2])


CORRECT = {
    "check_feature_map": feature_map_right,
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_right_answer_passes(name, capsys):
    getattr(checks, name)(CORRECT[name])
    out = capsys.readouterr().out
    assert out.startswith("✓") and "passes all 3 cases" in out


def test_course_lib_features_and_a_vstack_version_pass(capsys):
    checks.check_feature_map(lambda X: input_features(X, ("x1", "x2", "x1^2", "x2^2", "x1x2")))
    checks.check_feature_map(lambda X: np.vstack([X, X**2, X[:1] * X[1:]]))
    assert capsys.readouterr().out.count("✓") == 2


@pytest.mark.parametrize("wrong, phrase", [
    (lambda X: feature_map_right(X).T, "looks transposed"),
    (lambda X: np.stack([X[0], X[1], 2 * X[0], 2 * X[1], X[0] * X[1]]), "x * 2 doubles"),
    (lambda X: np.stack([X[0], X[1], X[0] ** 2, X[1] ** 2, X[0] + X[1]]), "the sum x1 + x2"),
    (lambda X: np.stack([X[0], X[1], X[0] * X[1], X[0] ** 2, X[1] ** 2]), "in another order"),
    (lambda X: np.stack([X[0] ** 2, X[1] ** 2, X[0], X[1], X[0] * X[1]]), "the squares come first"),
    (lambda X: np.vstack([X, X**2]), "shape (4,"),
    (lambda X: None, "forget a `return`"),
    (not_written, "not written yet"),
])
def test_wrong_feature_maps_are_explained(wrong, phrase):
    fails_with(checks.check_feature_map, wrong, phrase)


def test_changing_X_in_place_is_caught():
    def squares_in_place(X):
        X[0] = X[0] ** 2
        return np.stack([X[0], X[1], X[0], X[1] ** 2, X[0] * X[1]])

    fails_with(checks.check_feature_map, squares_in_place, "changed its input `X` in place")
