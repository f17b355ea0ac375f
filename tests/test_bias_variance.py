"""course_lib.bias_variance: the course's diagnosis table, sweeps, learning curves and their
plot."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_lib.bias_variance import (
    DIAGNOSES,
    Sweep,
    diagnose,
    error_rate,
    learning_curve,
    plot_bias_variance,
    sweep,
)
from course_lib.datasets import load_overfit_moons
from course_lib.network import Model

# no display needed (course_lib.plots has already imported pyplot: this switches it)
matplotlib.use("Agg")


@pytest.fixture(scope="module")
def tiny():
    X, Y = load_overfit_moons(90, seed=4)
    return (X[:, :60], Y[:, :60]), (X[:, 60:], Y[:, 60:])


# ---- diagnose ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("train_error", "dev_error", "expected"),
    [
        (0.01, 0.11, "high variance"),
        (0.15, 0.16, "high bias"),
        (0.15, 0.30, "high bias and high variance"),
        (0.005, 0.01, "fine"),
    ],
)
def test_the_courses_four_cases_with_base_error_zero(train_error, dev_error, expected):
    assert diagnose(train_error, dev_error) == expected
    assert diagnose(train_error, dev_error, base_error=0.0, tolerance=0.02) == expected


def test_a_high_base_error_turns_high_bias_into_fine():
    # 15 % / 16 % is high bias against a human at 0 %, but fine when even the best possible error is
    # 15 %
    assert diagnose(0.15, 0.16, base_error=0.15) == "fine"
    assert diagnose(0.15, 0.30, base_error=0.15) == "high variance"
    assert diagnose(0.20, 0.21, base_error=0.15) == "high bias"


def test_tolerance_sets_what_counts_as_high():
    assert diagnose(0.04, 0.05) == "high bias"
    assert diagnose(0.04, 0.05, tolerance=0.05) == "fine"
    assert diagnose(0.01, 0.05, tolerance=0.05) == "fine"
    assert diagnose(0.01, 0.05, tolerance=0.01) == "high variance"
    assert set(DIAGNOSES) == {"fine", "high bias", "high variance", "high bias and high variance"}


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((11, 0.2), "train_error"),
        ((0.1, 1.5), "dev_error"),
        ((-0.01, 0.1), "train_error"),
        ((0.1, 0.2, -0.1), "base_error"),
        ((0.1, 0.2, 15), "base_error"),
        ((float("nan"), 0.2), "train_error"),
    ],
)
def test_errors_outside_zero_one_are_refused(args, name):
    with pytest.raises(
        ValueError,
        match=rf"{name} must (lie|be a number) in \[0, 1\] \(a "
        rf"fraction: 0.11 for 11%\); got",
    ):
        diagnose(*args)


# ---- sweep and learning_curve --------------------------------------------------------------------


def test_error_rate_is_one_minus_accuracy(tiny):
    train, _ = tiny
    model = Model([2, 4, 1], learning_rate=0.3, rng=0).fit(*train, 20)
    assert error_rate(model, *train) == pytest.approx(1 - model.accuracy(*train), abs=1e-15)
    # whole mistakes
    assert error_rate(model, *train) * 60 == pytest.approx(round(error_rate(model, *train) * 60))


def test_sweep_over_lambda(tiny):
    train, dev = tiny
    lambds = (0.0, 0.5, 5.0)
    result = sweep(
        "λ",
        lambds,
        lambda lambd: Model([2, 10, 1], learning_rate=0.3, lambd=lambd, rng=0),
        train,
        dev,
        60,
    )
    assert isinstance(result, Sweep) and result.name == "λ" and result.values == lambds
    assert len(result.train_error) == len(result.dev_error) == 3
    for error in (*result.train_error, *result.dev_error):
        assert 0 <= error <= 1
    refit = Model([2, 10, 1], learning_rate=0.3, lambd=5.0, rng=0).fit(*train, 60)
    # each value gets a fresh, seeded model
    assert result.train_error[2] == error_rate(refit, *train)
    assert result.dev_error[2] == error_rate(refit, *dev)


def test_sweep_accepts_a_list_of_values_and_none(tiny):
    train, dev = tiny
    result = sweep(
        "n_h", [1, 3], lambda n_h: Model([2, n_h, 1], learning_rate=0.3, rng=1), train, dev, 10
    )
    assert result.values == (1, 3)
    empty = sweep("n_h", [], lambda n_h: Model([2, n_h, 1]), train, dev, 10)
    assert empty.values == empty.train_error == empty.dev_error == ()


def test_learning_curve(tiny):
    train, dev = tiny
    sizes = (5, 20, 60)
    built = []

    def build_model():
        built.append(Model([2, 6, 1], learning_rate=0.3, rng=2))
        return built[-1]

    result = learning_curve(sizes, build_model, train, dev, 40)
    assert result.name == "training-set size m" and result.values == sizes
    assert len(result.train_error) == len(result.dev_error) == 3
    assert all(0 <= e <= 1 for e in (*result.train_error, *result.dev_error))
    # a fresh model per size
    assert len(built) == 3 and all(model.iterations == 40 for model in built)
    # the training error is measured on the m_train examples it was trained on
    assert result.train_error[0] == error_rate(built[0], train[0][:, :5], train[1][:, :5])
    assert result.train_error[0] * 5 == pytest.approx(round(result.train_error[0] * 5))


def test_learning_curve_refuses_sizes_above_m(tiny):
    train, dev = tiny
    with pytest.raises(ValueError, match="the training set has 60 examples; sizes go up to 61"):
        learning_curve((10, 61), lambda: Model([2, 3, 1]), train, dev, 5)


# ---- plot_bias_variance --------------------------------------------------------------------------

SWEEP = Sweep("λ", (0.0, 0.1, 1.0, 10.0), (0.01, 0.04, 0.06, 0.25), (0.12, 0.05, 0.07, 0.26))


def test_plot_bias_variance_draws_on_the_given_axes():
    ax = Figure().add_subplot()
    assert plot_bias_variance(SWEEP, base_error=0.05, ax=ax) is ax
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["train error", "dev error", "base error 5%"]
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), SWEEP.train_error)
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), SWEEP.dev_error)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "0.1", "1", "10"]
    assert ax.get_xlabel() == "λ" and ax.get_ylabel() == "error"
    verdicts = [text.get_text() for text in ax.texts]
    expected = [
        diagnose(t, d, 0.05) for t, d in zip(SWEEP.train_error, SWEEP.dev_error, strict=True)
    ]
    assert verdicts == [
        {
            "fine": "fine",
            "high bias": "bias",
            "high variance": "variance",
            "high bias and high variance": "both",
        }[v]
        for v in expected
    ]
    assert verdicts == ["variance", "fine", "fine", "bias"]
    assert ax.get_ylim()[1] > max(SWEEP.dev_error)


def test_plot_bias_variance_makes_its_own_figure():
    ax = plot_bias_variance(Sweep("m", (10, 100), (0.0, 0.05), (0.3, 0.1)))
    try:
        assert ax.figure is not None and len(ax.get_lines()) == 3
        ax.figure.canvas.draw()  # renders without error on the Agg backend
    finally:
        plt.close(ax.figure)
