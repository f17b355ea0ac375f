"""Course 3's checks beyond the registry: course_lib's own functions and other right answers pass
them with the exact ✓ line."""

import numpy as np
from cases_c3w1 import f1_score_right
from cases_c3w2 import multilabel_cost_right

from course_lib import checks, losses, metrics


def test_f1_score_right_answers_pass_all_five_cases(capsys):
    checks.check_f1_score(f1_score_right)
    checks.check_f1_score(metrics.f1_score)
    checks.check_f1_score(lambda y_true, y_pred: float(f1_score_right(y_true, y_pred)))
    assert capsys.readouterr().out == "✓ f1_score passes all 5 cases\n" * 3


def test_multilabel_cost_right_answers_pass_all_four_cases(capsys):
    checks.check_multilabel_cost(multilabel_cost_right)
    checks.check_multilabel_cost(losses.multilabel_cost)
    checks.check_multilabel_cost(
        lambda AL, Y: -np.nansum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1]
    )
    assert capsys.readouterr().out == "✓ multilabel_cost passes all 4 cases\n" * 3
