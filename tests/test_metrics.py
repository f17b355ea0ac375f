"""course_lib.metrics: equal to scikit-learn's metrics on random labels (degenerate ones included),
by-hand cases, and the confidence interval's coverage measured by simulation."""

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import metrics
from course_lib.metrics import (
    accuracy,
    confusion_matrix,
    error_confidence_interval,
    examples_needed,
    f1_score,
    group_metric,
    precision,
    recall,
    threshold_sweep,
    weighted_error,
)

PROPERTY = settings(max_examples=80, deadline=None)


@st.composite
def label_pairs(draw, classes=2):
    """y_true, y_pred of m ≤ 30 labels in 0…classes−1; often degenerate
    (one class only, no positives, all right)."""
    m = draw(st.integers(1, 30))
    values = st.integers(0, classes - 1)
    y_true = np.array(draw(st.lists(values, min_size=m, max_size=m)))
    kind = draw(st.sampled_from(["random", "same", "constant", "flipped"]))
    if kind == "same":
        y_pred = y_true.copy()
    elif kind == "constant":
        y_pred = np.full(m, draw(values))
    elif kind == "flipped":
        y_pred = (classes - 1) - y_true
    else:
        y_pred = np.array(draw(st.lists(values, min_size=m, max_size=m)))
    return y_true, y_pred


@PROPERTY
@given(label_pairs(), st.booleans())
def test_binary_metrics_equal_sklearn(pair, as_rows):
    y_true, y_pred = pair
    # the course's (1, m) too
    args = (y_true.reshape(1, -1), y_pred.reshape(1, -1)) if as_rows else (y_true, y_pred)
    assert accuracy(*args) == pytest.approx(skm.accuracy_score(y_true, y_pred))
    for positive in (0, 1):
        expected = dict(labels=[0, 1], pos_label=positive, zero_division=0)
        assert precision(*args, positive=positive) == pytest.approx(
            skm.precision_score(y_true, y_pred, **expected)
        )
        assert recall(*args, positive=positive) == pytest.approx(
            skm.recall_score(y_true, y_pred, **expected)
        )
        assert f1_score(*args, positive=positive) == pytest.approx(
            skm.f1_score(y_true, y_pred, **expected)
        )


# sklearn's remark when m examples share one label
@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
@PROPERTY
@given(label_pairs(classes=4))
def test_multiclass_one_vs_rest_and_confusion_matrix_equal_sklearn(pair):
    y_true, y_pred = pair
    assert np.array_equal(confusion_matrix(y_true, y_pred), skm.confusion_matrix(y_true, y_pred))
    classes = [3, 2, 1, 0]
    assert np.array_equal(
        confusion_matrix(y_true, y_pred, classes),
        skm.confusion_matrix(y_true, y_pred, labels=classes),
    )
    for k in range(4):
        per_class = dict(labels=[k], average=None, zero_division=0)
        assert precision(y_true, y_pred, positive=k) == pytest.approx(
            skm.precision_score(y_true, y_pred, **per_class)[0]
        )
        assert recall(y_true, y_pred, positive=k) == pytest.approx(
            skm.recall_score(y_true, y_pred, **per_class)[0]
        )
        assert f1_score(y_true, y_pred, positive=k) == pytest.approx(
            skm.f1_score(y_true, y_pred, **per_class)[0]
        )


def test_f1_is_the_harmonic_mean_and_the_zero_cases():
    y_true = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    y_pred = np.array([1, 1, 1, 0, 1, 1, 1, 0, 0, 0])  # TP 3, FN 1, FP 3
    P, R = precision(y_true, y_pred), recall(y_true, y_pred)
    assert (P, R) == (0.5, 0.75)
    assert f1_score(y_true, y_pred) == pytest.approx(2 / (1 / P + 1 / R)) == pytest.approx(0.6)
    assert f1_score(y_true, y_pred) < (P + R) / 2
    zeros = np.zeros(5)
    assert precision(y_true[:5], zeros) == 0.0  # nothing predicted positive: P = 0/0 := 0
    assert recall(zeros, zeros) == 0.0 and f1_score(zeros, zeros) == 0.0  # no positives at all
    assert accuracy(zeros, zeros) == 1.0


def test_confusion_matrix_rows_are_true_classes_and_string_labels_work():
    matrix = confusion_matrix(["cat", "cat", "dog"], ["dog", "cat", "dog"])
    assert matrix.tolist() == [[1, 1], [0, 1]]
    assert confusion_matrix([0, 1], [1, 1], classes=[0, 1, 2]).shape == (3, 3)
    with pytest.raises(ValueError, match=r"the labels \[2\] are not among classes"):
        confusion_matrix([0, 2], [1, 1], classes=[0, 1])


def test_weighted_error_by_hand():
    y_true = np.array([1, 0, 0, 1, 0])
    y_pred = np.array([1, 1, 0, 0, 0])  # mistakes at 1 and 3
    # example 1 is the "pornographic image": 10 times as costly
    weights = np.array([1, 10, 1, 1, 1])
    assert weighted_error(y_true, y_pred, weights) == pytest.approx((10 + 1) / 14)
    assert weighted_error(y_true, y_pred, np.ones(5)) == pytest.approx(1 - accuracy(y_true, y_pred))
    # the Σ w normalization
    assert weighted_error(y_true, y_pred, 3 * weights) == pytest.approx(11 / 14)
    with pytest.raises(ValueError, match="one w"):
        weighted_error(y_true, y_pred, np.ones(4))
    with pytest.raises(ValueError, match="≥ 0 with a positive sum"):
        weighted_error(y_true, y_pred, np.zeros(5))


def test_group_metric_averages_over_groups_not_examples():
    groups = np.array(["US"] * 4 + ["China"] * 2)
    y_true = np.array([1, 1, 1, 1, 0, 0])
    y_pred = np.array([1, 1, 1, 0, 1, 0])
    result = group_metric(y_true, y_pred, groups)
    assert list(result) == ["US", "China", "average"]
    assert result == {"US": 0.75, "China": 0.5, "average": 0.625}
    assert accuracy(y_true, y_pred) == pytest.approx(4 / 6)  # the example-weighted value differs
    errors = group_metric(
        y_true, y_pred, groups, metric=lambda t, p: 1 - accuracy(t, p), names=["China", "US"]
    )
    assert list(errors) == ["China", "US", "average"]


def test_group_metric_refuses_empty_groups_and_bad_inputs():
    with pytest.raises(ValueError, match=r"the group\(s\) \['India'\] have no examples"):
        group_metric([1, 0], [1, 1], ["US", "China"], names=["US", "China", "India"])
    with pytest.raises(ValueError, match="name the group of each of the 2 examples"):
        group_metric([1, 0], [1, 1], ["US"])
    with pytest.raises(ValueError, match='"average" is the key'):
        group_metric([1, 0], [1, 1], ["average", "US"])


def test_threshold_sweep_equals_predictions_at_each_threshold():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 60)
    scores = np.clip(0.3 * y_true + rng.random(60) * 0.7, 0, 1)
    sweep = threshold_sweep(
        y_true.reshape(1, -1), scores.reshape(1, -1), thresholds=[0.0, 0.25, 0.5, 0.75, 1.1]
    )
    for k, t in enumerate(sweep.thresholds):
        y_pred = (scores >= t).astype(int)
        assert sweep.precision[k] == pytest.approx(precision(y_true, y_pred))
        assert sweep.recall[k] == pytest.approx(recall(y_true, y_pred))
        assert sweep.f1[k] == pytest.approx(f1_score(y_true, y_pred))
    # everything / nothing predicted positive
    assert sweep.recall[0] == 1.0 and sweep.precision[-1] == 0.0
    full = threshold_sweep(y_true, scores)
    assert np.array_equal(full.thresholds, np.unique(scores))
    assert np.all(np.diff(full.recall) <= 0)  # recall only falls as the threshold rises
    threshold, best = full.best()
    assert best == full.f1.max() and best == pytest.approx(f1_score(y_true, scores >= threshold))
    with pytest.raises(ValueError, match="0/1 labels"):
        threshold_sweep([0, 2], [0.1, 0.2])


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 10)), min_size=1, max_size=40))
def test_threshold_sweep_with_ties_equals_sklearn_at_every_distinct_score(pairs):
    y_true = np.array([label for label, _ in pairs])
    scores = np.array([score / 10 for _, score in pairs])  # few distinct values: many ties
    sweep = threshold_sweep(y_true, scores)
    for t, P, R, F1 in zip(*sweep, strict=True):
        y_pred = (scores >= t).astype(int)
        options = dict(labels=[0, 1], zero_division=0)
        assert (P, R, F1) == pytest.approx(
            (
                skm.precision_score(y_true, y_pred, **options),
                skm.recall_score(y_true, y_pred, **options),
                skm.f1_score(y_true, y_pred, **options),
            )
        )


def test_wilson_interval_known_values_and_shape():
    low, high = error_confidence_interval(0.1, 100)
    # published Wilson interval for 10/100
    assert (low, high) == pytest.approx((0.05523, 0.17437), abs=1e-4)
    assert (
        error_confidence_interval(0.0, 50)[0] == 0.0 and error_confidence_interval(0.0, 50)[1] > 0
    )
    widths = [np.subtract(*error_confidence_interval(0.05, m)[::-1]) for m in (100, 1000, 10000)]
    assert widths[0] > widths[1] > widths[2]
    assert widths[1] / widths[2] == pytest.approx(np.sqrt(10), rel=0.05)  # width ∝ 1/√m
    assert np.subtract(*error_confidence_interval(0.05, 1000, 0.99)[::-1]) > widths[1]
    assert examples_needed(0.05, 0.01) == 1825  # 1.96² · 0.05 · 0.95 / 0.01²


@pytest.mark.parametrize(("true_error", "m"), [(0.1, 200), (0.02, 500), (0.3, 50)])
def test_wilson_interval_covers_the_true_error_about_95_percent_of_the_time(true_error, m):
    rng = np.random.default_rng(7)
    measured = rng.binomial(m, true_error, size=4000) / m
    covered = [
        low <= true_error <= high
        for low, high in (error_confidence_interval(e, m) for e in measured)
    ]
    assert np.mean(covered) == pytest.approx(0.95, abs=0.025)


@pytest.mark.parametrize(
    ("call", "phrase"),
    [
        (
            lambda: accuracy(np.zeros((5, 1)), np.zeros((5, 1))),
            r"got \(5, 1\) — did you mean y_true.T",
        ),
        (lambda: accuracy(np.zeros((2, 5)), np.zeros((2, 5))), r"must be \(m,\) or \(1, m\)"),
        (lambda: accuracy([], []), "holds no examples"),
        (lambda: accuracy([1, 0, 1], [1, 0]), "y_true has 3 examples but y_pred has 2"),
        (lambda: precision([1.0, np.nan], [1, 1]), "NaN"),
        (
            lambda: error_confidence_interval(5, 100),
            r"error must lie in \[0, 1\] \(a fraction: 0.05 "
            r"for 5%\)",
        ),
        (
            lambda: error_confidence_interval(0.05, 0),
            r"m must be a whole number ≥ 1 \(the number of "
            r"examples\)",
        ),
        (
            lambda: error_confidence_interval(0.05, 100, confidence=95),
            r"confidence must lie in \(0, "
            r"1\), e.g. 0.95",
        ),
    ],
)
def test_bad_inputs_are_refused_with_a_clear_message(call, phrase):
    with pytest.raises(ValueError, match=phrase):
        call()


def test_metrics_do_not_change_their_inputs():
    y_true, y_pred = np.array([[1, 0, 1]]), np.array([[1, 1, 0]])
    before = (y_true.copy(), y_pred.copy())
    for fn in (accuracy, precision, recall, f1_score, confusion_matrix):
        fn(y_true, y_pred)
    metrics.weighted_error(y_true, y_pred, np.ones(3))
    assert np.array_equal(y_true, before[0]) and np.array_equal(y_pred, before[1])
