"""Bias and variance (Course 2, week 1): train and dev error across a sweep, and the diagnosis.

avoidable bias = train error − base error, variance = dev error − train error. With base error ≈ 0:
train 1% / dev 11% is high variance, 15% / 16% high bias, 15% / 30% both, 0.5% / 1% fine.
"""

from typing import NamedTuple

import numpy as np
from matplotlib.ticker import MultipleLocator

from course_lib.plots import axes_or_new
from course_lib.validation import as_probability, check_kind

DIAGNOSES = ("fine", "high bias", "high variance", "high bias and high variance")
_SHORT = {
    "fine": "fine",
    "high bias": "bias",
    "high variance": "variance",
    "high bias and high variance": "both",
}
_COLORS = {
    "fine": "#1b9e77",
    "high bias": "#7570b3",
    "high variance": "#d95f02",
    "high bias and high variance": "#e7298a",
}


class Sweep(NamedTuple):
    """Train and dev error (fractions) of one model per value of a swept quantity."""

    name: str
    values: tuple
    train_error: tuple
    dev_error: tuple


def error_rate(model, X, Y):
    """Fraction of the examples the model gets wrong: 1 − accuracy."""
    if not hasattr(model, "accuracy"):
        raise TypeError(
            f"model must have an accuracy(X, Y) method, as Model has; got {model!r:.60}"
        )
    return 1.0 - model.accuracy(X, Y)


def diagnose(train_error, dev_error, base_error=0.0, tolerance=0.02):
    """One of DIAGNOSES: bias is high when train − base > tolerance, variance when dev − train >
    tolerance."""
    for name, value in (
        ("train_error", train_error),
        ("dev_error", dev_error),
        ("base_error", base_error),
    ):
        as_probability(value, name, allow_zero=True, note=" (a fraction: 0.11 for 11%)")
    high_bias = train_error - base_error > tolerance
    high_variance = dev_error - train_error > tolerance
    return DIAGNOSES[high_bias + 2 * high_variance]


def sweep(name, values, build_model, train, dev, num_iterations):
    """Fit build_model(value) on train = (X, Y) for each value; record train and dev error in a
    Sweep."""
    train_error, dev_error = [], []
    for value in values:
        model = build_model(value)
        model.fit(*train, num_iterations)
        train_error.append(error_rate(model, *train))
        dev_error.append(error_rate(model, *dev))
    return Sweep(name, tuple(values), tuple(train_error), tuple(dev_error))


def learning_curve(sizes, build_model, train, dev, num_iterations):
    """The Sweep over training-set size: fit a fresh build_model() on the first m_train columns of
    train."""
    X, Y = train
    if max(sizes) > X.shape[1]:
        raise ValueError(f"the training set has {X.shape[1]} examples; sizes go up to {max(sizes)}")
    train_error, dev_error = [], []
    for m_train in sizes:
        part = (X[:, :m_train], Y[:, :m_train])
        model = build_model().fit(*part, num_iterations)
        train_error.append(error_rate(model, *part))
        dev_error.append(error_rate(model, *dev))
    return Sweep("training-set size m", tuple(sizes), tuple(train_error), tuple(dev_error))


def plot_bias_variance(result, base_error=0.0, tolerance=0.02, ax=None):
    """Train and dev error of a Sweep, the base error as a dashed line, and the diagnosis above each
    value."""
    check_kind(result, Sweep, "result", "the Sweep that sweep() returns")
    ax = axes_or_new(ax, figsize=(5, 3.4))
    x = np.arange(len(result.values))  # evenly spaced, whatever the values (λ = 0 has no log)
    ax.plot(x, result.train_error, "o-", color="#1f77b4", label="train error")
    ax.plot(x, result.dev_error, "s-", color="#d62728", label="dev error")
    ax.axhline(base_error, color="gray", ls="--", lw=1, label=f"base error {base_error:.0%}")
    top = max(max(result.dev_error), max(result.train_error), base_error) * 1.15 + 0.01
    for xi, train_error, dev_error in zip(x, result.train_error, result.dev_error, strict=True):
        verdict = diagnose(train_error, dev_error, base_error, tolerance)
        ax.text(
            xi, top, _SHORT[verdict], ha="center", va="bottom", fontsize=7.5, color=_COLORS[verdict]
        )
    ax.set_ylim(0, top * 1.35)
    ax.set_xticks(x, [f"{v:g}" for v in result.values])
    ax.set_xlim(-0.6, len(x) - 0.4)  # room for the diagnosis above the first and last values
    ax.set_xlabel(result.name)
    ax.set_ylabel("error")
    ax.yaxis.set_major_locator(MultipleLocator(0.05))
    ax.yaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.legend(fontsize=7, loc="upper center", ncol=3, frameon=False)
    return ax
