"""Evaluation metrics (Course 3, week 1): one number to compare models by.

Labels are 1-D (m,) or the course's rows (1, m); y_true and y_pred must hold the same m examples.
With TP, FP, FN counted for the positive class:
precision P = TP / (TP + FP), recall R = TP / (TP + FN), F1 = 2PR / (P + R) (the harmonic mean).
The 0/0 cases are defined as 0 (as scikit-learn's zero_division=0): P = 0 when nothing is predicted
positive, R = 0 when no example is positive, F1 = 0 when P + R = 0.
"""

from statistics import NormalDist
from typing import NamedTuple

import numpy as np

from course_lib.validation import as_count, as_number, as_probability


def as_label_vector(y, name="y"):
    """Labels (m,) or (1, m) → a 1-D array (m,); refuse (m, 1), higher ranks, no examples and
    NaN."""
    array = np.asarray(y)
    if array.ndim == 2 and array.shape[0] == 1:
        array = array[0]
    elif array.ndim == 2 and array.shape[1] == 1 and array.shape[0] > 1:
        raise ValueError(
            f"{name} must be (m,) or (1, m) with one label per example; got "
            f"{array.shape} — did you mean {name}.T?"
        )
    elif array.ndim != 1:
        raise ValueError(
            f"{name} must be (m,) or (1, m) with one label per example; got shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{name} holds no examples: a metric needs at least one")
    if array.dtype.kind in "fc" and not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} contains NaN or infinite values; labels and scores must be finite"
        )
    return array


def _pair(y_true, y_pred, pred_name="y_pred"):
    y_true, y_pred = as_label_vector(y_true, "y_true"), as_label_vector(y_pred, pred_name)
    if (y_true.dtype.kind in "US") != (y_pred.dtype.kind in "US"):
        raise TypeError(
            f"y_true holds {y_true.dtype.kind in 'US' and 'strings' or 'numbers'} but {pred_name} "
            f"{y_pred.dtype.kind in 'US' and 'strings' or 'numbers'}: labels of one kind compare "
            "with labels of the same kind (map them with a dict first)"
        )
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true has {y_true.size} examples but {pred_name} has {y_pred.size}; "
            "they must describe the same examples"
        )
    return y_true, y_pred


def confusion_matrix(y_true, y_pred, classes=None):
    """(C, C) counts: entry [i, j] = examples of true class classes[i] predicted as classes[j]
    (rows true, columns predicted).

    classes defaults to the sorted labels found in y_true and y_pred."""
    y_true, y_pred = _pair(y_true, y_pred)
    found = np.union1d(y_true, y_pred)
    classes = found if classes is None else np.asarray(classes)
    if classes.ndim != 1 or classes.size == 0 or np.unique(classes).size != classes.size:
        raise ValueError(f"classes must be a list of distinct labels; got {classes!r}")
    unknown = np.setdiff1d(found, classes)
    if unknown.size:
        raise ValueError(
            f"the labels {unknown.tolist()} are not among classes = {classes.tolist()}"
        )
    index = {label: i for i, label in enumerate(classes.tolist())}
    rows = np.array([index[label] for label in y_true.tolist()])
    columns = np.array([index[label] for label in y_pred.tolist()])
    matrix = np.zeros((classes.size, classes.size), dtype=int)
    np.add.at(matrix, (rows, columns), 1)
    return matrix


def accuracy(y_true, y_pred):
    """Fraction of examples with ŷ(i) = y(i)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def _counts(y_true, y_pred, positive):
    y_true, y_pred = _pair(y_true, y_pred)
    if y_pred.dtype.kind == "f" and not np.all(y_pred == np.round(y_pred)):
        raise ValueError(
            "y_pred must hold predicted labels; it holds scores such as "
            f"{y_pred[y_pred != np.round(y_pred)][0]:.3g} — threshold them first, e.g. "
            "(y_pred > 0.5) * 1"
        )
    labels = np.union1d(y_true, y_pred)
    if positive not in labels and (labels.dtype.kind in "US") != isinstance(positive, str):
        raise ValueError(
            f"positive={positive!r} is not one of the labels "
            f"({', '.join(map(repr, labels[:5].tolist()))}); pass the label of the positive "
            f"class, e.g. positive={labels[-1].item()!r}"
        )
    true_pos, pred_pos = y_true == positive, y_pred == positive
    return (
        int(np.sum(true_pos & pred_pos)),
        int(np.sum(~true_pos & pred_pos)),
        int(np.sum(true_pos & ~pred_pos)),
    )


def precision(y_true, y_pred, positive=1):
    """P = TP / (TP + FP): of the examples predicted `positive`, the fraction that are; 0 when none
    is predicted positive."""
    tp, fp, _ = _counts(y_true, y_pred, positive)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred, positive=1):
    """R = TP / (TP + FN): of the examples that are `positive`, the fraction found; 0 when there are
    none."""
    tp, _, fn = _counts(y_true, y_pred, positive)
    return tp / (tp + fn) if tp + fn else 0.0


def f1_score(y_true, y_pred, positive=1):
    """F1 = 2PR / (P + R), the harmonic mean of precision and recall; 0 when P + R = 0."""
    P, R = precision(y_true, y_pred, positive), recall(y_true, y_pred, positive)
    return 2 * P * R / (P + R) if P + R else 0.0


def weighted_error(y_true, y_pred, weights):
    """Σᵢ w(i)·1{ŷ(i) ≠ y(i)} / Σᵢ w(i): the error when some mistakes cost more
    (w(i) = 10 for the worst ones)."""
    y_true, y_pred = _pair(y_true, y_pred)
    w = as_label_vector(np.asarray(weights, dtype=float), "weights")
    if w.shape != y_true.shape:
        raise ValueError(f"weights must hold one w(i) per example: {y_true.size}; got {w.size}")
    if np.any(w < 0) or w.sum() == 0:
        raise ValueError("weights must be ≥ 0 with a positive sum Σ w(i) (the normalization)")
    return float(np.sum(w * (y_true != y_pred)) / np.sum(w))


def group_metric(y_true, y_pred, groups, metric=accuracy, names=None):
    """{group: metric on that group's examples, …, "average": the unweighted mean over the groups}.

    groups (m,) names each example's group (e.g. "US", "China"); `names` fixes the groups and their
    order (default: order of first appearance) and every named group must have examples."""
    y_true, y_pred = _pair(y_true, y_pred)
    groups = as_label_vector(groups, "groups")
    if groups.shape != y_true.shape:
        raise ValueError(
            f"groups must name the group of each of the {y_true.size} examples; got "
            f"{groups.size} entries"
        )
    present = list(dict.fromkeys(groups.tolist()))
    names = present if names is None else list(names)
    if not names:
        raise ValueError("names is empty: give at least one group")
    if "average" in names:
        raise ValueError('"average" is the key of the mean over groups; rename that group')
    empty = [name for name in names if name not in present]
    if empty:
        raise ValueError(
            f"the group(s) {empty} have no examples; a metric of no examples is "
            f"undefined "
            f"(groups with examples: {present})"
        )
    result = {name: float(metric(y_true[groups == name], y_pred[groups == name])) for name in names}
    result["average"] = float(np.mean(list(result.values())))
    return result


class ThresholdSweep(NamedTuple):
    """Precision, recall and F1 (each of shape (k,)) when ŷ = 1{score ≥ threshold}, for k
    thresholds."""

    thresholds: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray

    def best(self):
        """(threshold, F1) with the highest F1 (the first such threshold on a tie)."""
        k = int(np.argmax(self.f1))
        return float(self.thresholds[k]), float(self.f1[k])


def threshold_sweep(y_true, scores, thresholds=None):
    """Precision, recall, F1 of ŷ = 1{score ≥ t} for each threshold t
    (default: every distinct score).

    y_true holds 0/1 labels (1 = positive), scores (m,) a model's outputs such as P(y = 1 | x)."""
    y_true, scores = _pair(y_true, scores, "scores")
    if not np.isin(y_true, (0, 1)).all():
        raise ValueError(
            f"y_true must hold 0/1 labels (1 = positive); got the values "
            f"{np.unique(y_true)[:5].tolist()}"
        )
    scores = scores.astype(float)
    thresholds = (
        np.unique(scores) if thresholds is None else np.asarray(thresholds, dtype=float).ravel()
    )
    # counts of scores ≥ t by binary search in the sorted scores: O((m + k) log m), no (k, m) table
    all_sorted, positive_sorted = np.sort(scores), np.sort(scores[y_true == 1])
    pred_pos = scores.size - np.searchsorted(all_sorted, thresholds, side="left")
    pos = positive_sorted.size
    tp = pos - np.searchsorted(positive_sorted, thresholds, side="left")
    P = np.divide(tp, pred_pos, out=np.zeros(thresholds.size), where=pred_pos > 0)
    R = np.divide(tp, pos, out=np.zeros(thresholds.size), where=pos > 0)
    F1 = np.divide(2 * P * R, P + R, out=np.zeros(thresholds.size), where=P + R > 0)
    return ThresholdSweep(thresholds, P, R, F1)


def _z(confidence):
    as_probability(confidence, "confidence", allow_one=False, note=", e.g. 0.95")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def error_confidence_interval(error, m, confidence=0.95):
    """(low, high): the Wilson score interval for an error rate ε measured on m examples.

    With z the normal quantile (1.96 for 95%): centre (ε + z²/2m) / (1 + z²/m),
    half-width z/(1 + z²/m) · √(ε(1 − ε)/m + z²/4m²). Unlike ε ± z√(ε(1 − ε)/m) it stays in [0, 1]
    and covers the true error about `confidence` of the time even for ε near 0."""
    as_probability(error, "error", allow_zero=True, note=" (a fraction: 0.05 for 5%)")
    m = as_count(m, "m", 1, note=" (the number of examples)")
    z = _z(confidence)
    denominator = 1 + z**2 / m
    centre = (error + z**2 / (2 * m)) / denominator
    half = z / denominator * np.sqrt(error * (1 - error) / m + z**2 / (4 * m**2))
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def examples_needed(error, half_width, confidence=0.95):
    """About how many examples m make the interval ε ± half_width: m = z² ε(1 − ε) / half_width²
    (normal approximation)."""
    as_probability(error, "error", allow_one=False, note=" (a fraction: 0.05 for 5%)")
    as_number(half_width, "half_width", 0, 1, low_open=True, high_open=True)
    return int(np.ceil(_z(confidence) ** 2 * error * (1 - error) / half_width**2))
