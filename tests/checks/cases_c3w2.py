"""The registry's entries for the checks of c3w2: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def multilabel_cost_right(AL, Y):
    m = Y.shape[1]
    labelled = ~np.isnan(Y)
    Y0 = np.where(labelled, Y, 0)
    loss = -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL))
    return np.sum(loss[labelled]) / m


def multilabel_forgot_the_mask(AL, Y):
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1]


def multilabel_missing_as_zero(AL, Y):
    Y0 = np.nan_to_num(Y)
    return -np.sum(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL)) / Y.shape[1]


def multilabel_divides_by_labelled_count(AL, Y):
    labelled = ~np.isnan(Y)
    return multilabel_cost_right(AL, Y) * Y.shape[1] / labelled.sum()


def multilabel_divides_by_m_times_n_y(AL, Y):
    return multilabel_cost_right(AL, Y) / Y.shape[0]


def multilabel_without_one_over_m(AL, Y):
    return multilabel_cost_right(AL, Y) * Y.shape[1]


def multilabel_wrong_sign(AL, Y):
    return -multilabel_cost_right(AL, Y)


def multilabel_per_label_means(AL, Y):
    total = 0.0
    for j in range(Y.shape[0]):
        known = ~np.isnan(Y[j])
        y, a = Y[j, known], AL[j, known]
        total += -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)) if known.any() else 0.0
    return total


def multilabel_returns_per_example(AL, Y):
    Y0 = np.where(np.isnan(Y), 0, Y)
    loss = np.where(np.isnan(Y), 0, -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL)))
    return np.sum(loss, axis=0, keepdims=True) / Y.shape[1]


CASES = {
    checks.check_multilabel_cost: (
        multilabel_cost_right,
        [
            (multilabel_forgot_the_mask, ("J is NaN", "NaN · 0 is still NaN")),
            (multilabel_missing_as_zero, "counted as label 0"),
            (multilabel_divides_by_labelled_count, "number of labelled entries"),
            (multilabel_divides_by_m_times_n_y, "m · n_y"),
            (multilabel_without_one_over_m, "1/m is missing"),
            (multilabel_wrong_sign, "sign is flipped"),
            (multilabel_per_label_means, "its own labelled examples"),
            (multilabel_returns_per_example, ("shape (1, 6)", "expected ()")),
        ],
    ),
}
