"""Checks for c3w1, ML strategy: single-number metrics."""

import numpy as np

from course_lib import metrics
from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = ["check_f1_score"]


def check_f1_score(f1_score):
    """c3w1: F1 = 2PR / (P + R) for labels y_true, y_pred of shape (1, m), class 1 positive; 0 when
    P + R = 0."""

    def labels(*values):
        return np.array([values], dtype=int)

    inputs = [
        (
            "y_true = [[1 1 1 1 0 0 0 0 0 0]], y_pred = [[1 1 1 0 1 1 1 0 0 0]] "
            "(P = 0.5, R = 0.75)",
            labels(1, 1, 1, 1, 0, 0, 0, 0, 0, 0),
            labels(1, 1, 1, 0, 1, 1, 1, 0, 0, 0),
        ),
        (
            "a cautious classifier: y_true = [[1 1 1 1 0 0 0]], y_pred = [[1 0 0 0 0 0 0]] "
            "(P = 1, R = 0.25)",
            labels(1, 1, 1, 1, 0, 0, 0),
            labels(1, 0, 0, 0, 0, 0, 0),
        ),
        (
            "40 random labels (P ≠ R)",
            *(lambda rng: (rng.integers(0, 2, (1, 40)), rng.integers(0, 2, (1, 40))))(
                np.random.default_rng(5)
            ),
        ),
        (
            "a classifier that never says 1: y_true = [[1 0 1 0]], y_pred = [[0 0 0 0]] "
            "(TP + FP = 0)",
            labels(1, 0, 1, 0),
            labels(0, 0, 0, 0),
        ),
        (
            "a perfect classifier: y_true = y_pred = [[0 1 1 0 1]]",
            labels(0, 1, 1, 0, 1),
            labels(0, 1, 1, 0, 1),
        ),
    ]
    cases = []
    for description, y_true, y_pred in inputs:
        try:
            got = call("f1_score", f1_score, y_true.copy(), y_pred.copy())
        except CheckFailed as failure:
            if "ZeroDivisionError" in str(failure):
                raise CheckFailed(
                    f"✗ f1_score fails on {description}:\n  it divides by zero — when nothing is "
                    "predicted positive, TP + FP = 0: define P = 0 there (and R = 0 when TP + FN "
                    "= 0, F1 = 0 when P + R = 0)"
                ) from None
            raise
        P, R = metrics.precision(y_true, y_pred), metrics.recall(y_true, y_pred)
        expected = metrics.f1_score(y_true, y_pred)
        if got is not None and np.size(got) == 1 and np.isnan(np.asarray(got, dtype=float)).all():
            cases.append(
                (
                    description,
                    [
                        "F1 is NaN — a 0/0 somewhere: define P = 0 when TP + FP = 0, R = 0 when "
                        "TP + FN = 0, and F1 = 0 when P + R = 0"
                    ],
                )
            )
            continue
        y_neg_t, y_neg_p = 1 - y_true, 1 - y_pred
        mistakes = [
            (
                "the arithmetic mean (P + R)/2 is used: F1 is the harmonic mean 2PR / (P + R), "
                "which a low P or R pulls down",
                (P + R) / 2,
            ),
            ("the factor 2 is missing: F1 = 2PR / (P + R)", P * R / (P + R) if P + R else 0.0),
            ("P · R is returned: F1 = 2PR / (P + R)", P * R),
            ("the geometric mean √(PR) is used: F1 = 2PR / (P + R)", np.sqrt(P * R)),
            (
                "accuracy is returned: F1 combines precision and recall of class 1",
                float(np.mean(y_true == y_pred)),
            ),
            (
                "class 0 is taken as the positive class: count TP, FP, FN for y = 1",
                metrics.f1_score(y_neg_t, y_neg_p),
            ),
        ]
        mistakes = [(text, wrong) for text, wrong in mistakes if not np.isclose(wrong, expected)]
        cases.append((description, [mismatch("F1", got, np.float64(expected), mistakes)]))
    run("f1_score", cases)
