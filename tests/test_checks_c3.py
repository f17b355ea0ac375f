"""course_lib.checks for Course 3 (c3w1's f1_score): the right answer passes, typical wrong ones fail with a hint.

CORRECT below is read by tests/test_checks.py's meta-test, which requires every check_* to have a right answer.
"""
import numpy as np
import pytest
from test_checks import fails_with, not_written  # one helper for every checks test (tests/ is on sys.path)

from course_lib import checks, metrics


def f1_score_right(y_true, y_pred):
    TP = np.sum((y_true == 1) & (y_pred == 1))
    FP = np.sum((y_true == 0) & (y_pred == 1))
    FN = np.sum((y_true == 1) & (y_pred == 0))
    P = TP / (TP + FP) if TP + FP > 0 else 0.0
    R = TP / (TP + FN) if TP + FN > 0 else 0.0
    return 2 * P * R / (P + R) if P + R > 0 else 0.0


CORRECT = {
    "check_f1_score": f1_score_right,
}


def test_right_answers_pass(capsys):
    checks.check_f1_score(f1_score_right)
    checks.check_f1_score(metrics.f1_score)
    checks.check_f1_score(lambda y_true, y_pred: float(f1_score_right(y_true, y_pred)))
    out = capsys.readouterr().out
    assert out.count("✓ f1_score passes all 5 cases") == 3


def f1_with(combine, zero=0.0, positive=1):
    """A learner's f1_score whose last line is combine(P, R), with safe 0/0 cases."""
    def f1_score(y_true, y_pred):
        TP = np.sum((y_true == positive) & (y_pred == positive))
        FP = np.sum((y_true != positive) & (y_pred == positive))
        FN = np.sum((y_true == positive) & (y_pred != positive))
        P = TP / (TP + FP) if TP + FP > 0 else zero
        R = TP / (TP + FN) if TP + FN > 0 else zero
        return combine(P, R) if P + R > 0 else 0.0
    return f1_score


@pytest.mark.parametrize(("fn", "phrases"), [
    (f1_with(lambda P, R: (P + R) / 2), ["expected 0.6, got 0.625", "the arithmetic mean (P + R)/2 is used"]),
    (f1_with(lambda P, R: P * R / (P + R)), ["the factor 2 is missing"]),
    (f1_with(lambda P, R: P * R), ["P · R is returned"]),
    (f1_with(lambda P, R: np.sqrt(P * R)), ["the geometric mean √(PR) is used"]),
    (f1_with(lambda P, R: 2 * P * R / (P + R), positive=0), ["class 0 is taken as the positive class"]),
    (lambda y_true, y_pred: float(np.mean(y_true == y_pred)), ["accuracy is returned"]),
])
def test_f1_score_mistakes(fn, phrases):
    fails_with(checks.check_f1_score, fn, "f1_score fails on", *phrases)


def test_f1_score_without_the_zero_cases():
    def plain_python(y_true, y_pred):  # TP + FP = 0 raises with Python ints
        TP = int(np.sum((y_true == 1) & (y_pred == 1)))
        FP = int(np.sum((y_true == 0) & (y_pred == 1)))
        FN = int(np.sum((y_true == 1) & (y_pred == 0)))
        P, R = TP / (TP + FP), TP / (TP + FN)
        return 2 * P * R / (P + R)

    fails_with(checks.check_f1_score, plain_python, "a classifier that never says 1", "it divides by zero",
               "define P = 0 there")

    def numpy_nan(y_true, y_pred):  # the same with NumPy integers gives nan and a warning instead
        TP, FP = np.sum((y_true == 1) & (y_pred == 1)), np.sum((y_true == 0) & (y_pred == 1))
        FN = np.sum((y_true == 1) & (y_pred == 0))
        with np.errstate(invalid="ignore"):
            P, R = TP / (TP + FP), TP / (TP + FN)
            return 2 * P * R / (P + R)

    fails_with(checks.check_f1_score, numpy_nan, "F1 is NaN — a 0/0 somewhere")


def test_f1_score_not_written_none_or_in_place():
    fails_with(checks.check_f1_score, not_written, "f1_score is not written yet")
    fails_with(checks.check_f1_score, lambda y_true, y_pred: None, "did you forget a `return`")

    def sorts_in_place(y_true, y_pred):
        y_pred.sort()
        return f1_score_right(y_true, y_pred)

    fails_with(checks.check_f1_score, sorts_in_place, "changed its input `y_pred` in place")
