"""The registry's entries for the checks of c3w1: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def f1_score_right(y_true, y_pred):
    TP = np.sum((y_true == 1) & (y_pred == 1))
    FP = np.sum((y_true == 0) & (y_pred == 1))
    FN = np.sum((y_true == 1) & (y_pred == 0))
    P = TP / (TP + FP) if TP + FP > 0 else 0.0
    R = TP / (TP + FN) if TP + FN > 0 else 0.0
    return 2 * P * R / (P + R) if P + R > 0 else 0.0


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


def f1_score_accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def f1_score_plain_python(y_true, y_pred):  # TP + FP = 0 raises with Python ints
    TP = int(np.sum((y_true == 1) & (y_pred == 1)))
    FP = int(np.sum((y_true == 0) & (y_pred == 1)))
    FN = int(np.sum((y_true == 1) & (y_pred == 0)))
    P, R = TP / (TP + FP), TP / (TP + FN)
    return 2 * P * R / (P + R)


def f1_score_numpy_nan(
    y_true, y_pred
):  # the same with NumPy integers gives nan and a warning instead
    TP, FP = np.sum((y_true == 1) & (y_pred == 1)), np.sum((y_true == 0) & (y_pred == 1))
    FN = np.sum((y_true == 1) & (y_pred == 0))
    with np.errstate(invalid="ignore"):
        P, R = TP / (TP + FP), TP / (TP + FN)
        return 2 * P * R / (P + R)


CASES = {
    checks.check_f1_score: (
        f1_score_right,
        [
            (
                f1_with(lambda P, R: (P + R) / 2),
                ("expected 0.6, got 0.625", "the arithmetic mean (P + R)/2 is used"),
            ),
            (f1_with(lambda P, R: P * R / (P + R)), "the factor 2 is missing"),
            (f1_with(lambda P, R: P * R), "P · R is returned"),
            (f1_with(lambda P, R: np.sqrt(P * R)), "the geometric mean √(PR) is used"),
            (
                f1_with(lambda P, R: 2 * P * R / (P + R), positive=0),
                "class 0 is taken as the positive class",
            ),
            (f1_score_accuracy, "accuracy is returned"),
            (
                f1_score_plain_python,
                ("a classifier that never says 1", "it divides by zero", "define P = 0 there"),
            ),
            (f1_score_numpy_nan, "F1 is NaN — a 0/0 somewhere"),
        ],
    ),
}
