"""course_lib.checks for c3w2 (the masked multi-task cost): the right answer passes, typical wrong ones fail with a hint.

CORRECT below is read by tests/test_checks.py's meta-test, which requires every check_* to have a right answer.
"""
import numpy as np
import pytest
from test_checks import fails_with, not_written  # one helper for every checks test (tests/ is on sys.path)

from course_lib import checks, losses


def multilabel_cost_right(AL, Y):
    m = Y.shape[1]
    labelled = ~np.isnan(Y)
    Y0 = np.where(labelled, Y, 0)
    loss = -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL))
    return np.sum(loss[labelled]) / m


CORRECT = {
    "check_multilabel_cost": multilabel_cost_right,
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_right_answer_passes(name, capsys):
    getattr(checks, name)(CORRECT[name])
    assert capsys.readouterr().out.startswith("✓ multilabel_cost passes all 4 cases")


def test_course_lib_and_a_nansum_version_pass(capsys):
    checks.check_multilabel_cost(losses.multilabel_cost)
    checks.check_multilabel_cost(lambda AL, Y: -np.nansum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1])
    assert capsys.readouterr().out.count("✓") == 2


def forgot_the_mask(AL, Y):
    return -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1]


def missing_as_zero(AL, Y):
    Y0 = np.nan_to_num(Y)
    return -np.sum(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL)) / Y.shape[1]


def divides_by_labelled_count(AL, Y):
    labelled = ~np.isnan(Y)
    return multilabel_cost_right(AL, Y) * Y.shape[1] / labelled.sum()


def divides_by_m_times_n_y(AL, Y):
    return multilabel_cost_right(AL, Y) / Y.shape[0]


def no_one_over_m(AL, Y):
    return multilabel_cost_right(AL, Y) * Y.shape[1]


def wrong_sign(AL, Y):
    return -multilabel_cost_right(AL, Y)


def per_label_means(AL, Y):
    total = 0.0
    for j in range(Y.shape[0]):
        known = ~np.isnan(Y[j])
        y, a = Y[j, known], AL[j, known]
        total += -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)) if known.any() else 0.0
    return total


def returns_per_example(AL, Y):
    Y0 = np.where(np.isnan(Y), 0, Y)
    loss = np.where(np.isnan(Y), 0, -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL)))
    return np.sum(loss, axis=0, keepdims=True) / Y.shape[1]


def changes_Y(AL, Y):
    Y[np.isnan(Y)] = 0
    return multilabel_cost_right(AL, np.where(Y == 0, np.nan, Y))


@pytest.mark.parametrize("wrong, phrases", [
    (forgot_the_mask, ["J is NaN", "NaN · 0 is still NaN"]),
    (missing_as_zero, ["counted as label 0"]),
    (divides_by_labelled_count, ["number of labelled entries"]),
    (divides_by_m_times_n_y, ["m · n_y"]),
    (no_one_over_m, ["1/m is missing"]),
    (wrong_sign, ["sign is flipped"]),
    (per_label_means, ["its own labelled examples"]),
    (returns_per_example, ["shape (1, 6)", "expected ()"]),
    (changes_Y, ["changed its input `Y` in place"]),
    (not_written, ["not written yet"]),
])
def test_wrong_answers_fail_with_the_reason(wrong, phrases):
    message = fails_with(checks.check_multilabel_cost, wrong, *phrases)
    assert "multilabel_cost" in message


def test_none_is_caught():
    fails_with(checks.check_multilabel_cost, lambda AL, Y: None, "forget a `return`")
