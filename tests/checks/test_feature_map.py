"""The playground's check beyond the registry: course_lib's input_features and a vstack version
pass it with the exact ✓ line."""

import numpy as np
from cases_playground import feature_map_right

from course_lib import checks
from course_lib.playground import input_features


def test_right_answers_pass_all_three_cases(capsys):
    checks.check_feature_map(feature_map_right)
    checks.check_feature_map(lambda X: input_features(X, ("x1", "x2", "x1^2", "x2^2", "x1x2")))
    checks.check_feature_map(lambda X: np.vstack([X, X**2, X[:1] * X[1:]]))
    assert capsys.readouterr().out == "✓ feature_map passes all 3 cases\n" * 3
