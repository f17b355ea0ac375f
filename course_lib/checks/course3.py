"""Checks for Course 3 (Structuring Machine Learning Projects): c3w1 the single-number evaluation
metric (f1_score), c3w2 multi-task learning with missing labels (multilabel_cost).
"""

import numpy as np

from course_lib import activations, metrics
from course_lib.checks.framework import CheckFailed, call, mismatch, run


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


def check_multilabel_cost(multilabel_cost):
    """c3w2: J = (1/m) Σ_i Σ_j over labelled entries of −[y log a + (1 − y) log(1 − a)], with "?"
    labels as NaN in Y (n_y, m)."""
    rng = np.random.default_rng(72)

    def case(n_y, m, missing):
        AL = activations.sigmoid(rng.standard_normal((n_y, m)))
        Y = (rng.random((n_y, m)) < 0.5).astype(float)
        Y[rng.random((n_y, m)) < missing] = np.nan
        return AL, Y

    AL4, Y4 = case(4, 6, 0.4)
    Y4[:, 1] = np.nan  # an example with no label at all
    Y4[0, 0], Y4[1, 0] = 1.0, 0.0
    inputs = [
        ("AL, Y of shape (4, 6) with '?' (NaN) entries, one example fully unlabelled", AL4, Y4),
        ("one label per example (1, 5) and no '?': this must equal compute_cost", *case(1, 5, 0.0)),
        ("AL, Y of shape (3, 8) with about half the labels missing", *case(3, 8, 0.5)),
        ("AL, Y of shape (2, 4) with every label known", *case(2, 4, 0.0)),
    ]
    cases = []
    for description, AL, Y in inputs:
        got = call("multilabel_cost", multilabel_cost, AL.copy(), Y.copy())
        known = ~np.isnan(Y)
        Y0 = np.where(known, Y, 0.0)
        losses = -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL))
        m, n_y = Y.shape[1], Y.shape[0]
        total = np.sum(losses[known])
        with np.errstate(all="ignore"):
            mistakes = [
                (
                    "the '?' entries are counted as label 0: leave them out of the sum instead",
                    np.sum(-(np.log(1 - AL) * ~known) + np.where(known, losses, 0)) / m,
                ),
                (
                    "it divides by the number of labelled entries; the lecture's J divides by m, "
                    "the number of examples",
                    total / max(known.sum(), 1),
                ),
                (
                    "it divides by m · n_y; the lecture's J divides by m only (the labels of one "
                    "example are summed)",
                    total / (m * n_y),
                ),
                ("the 1/m is missing", total),
                ("the sign is flipped: the loss is −[y log a + (1 − y) log(1 − a)]", -total / m),
                (
                    "it averages the cost of each label over its own labelled examples "
                    "and sums those",
                    sum(np.sum(losses[j][known[j]]) / max(known[j].sum(), 1) for j in range(n_y)),
                ),
            ]
        if got is not None and np.ndim(got) == 0 and np.isnan(float(got)):
            cases.append(
                (
                    description,
                    [
                        "J is NaN — NaN · 0 is still NaN: drop the '?' entries (np.isnan(Y) finds "
                        "them) before multiplying, e.g. with np.where or a boolean index"
                    ],
                )
            )
            continue
        cases.append((description, [mismatch("J", got, total / m, mistakes)]))
    run("multilabel_cost", cases)
