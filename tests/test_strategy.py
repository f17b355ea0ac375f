"""course_lib.strategy: the course's example tables give the course's answers; bad inputs are
refused clearly."""

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_lib.strategy import (
    ErrorAnalysisTable,
    choose_model,
    corrupt_labels,
    decompose_errors,
    error_analysis_table,
    format_error_analysis,
    human_level_proxy,
    plot_error_decomposition,
)

matplotlib.use("Agg")

CANDIDATES = [
    {"name": "A", "accuracy": 0.90, "latency_ms": 80},  # the lecture's cat classifiers
    {"name": "B", "accuracy": 0.92, "latency_ms": 95},
    {"name": "C", "accuracy": 0.95, "latency_ms": 1500},
]


# ---- choose_model --------------------------------------------------------------------------------


def test_the_lectures_choice_is_b():
    assert choose_model(CANDIDATES, "accuracy", {"latency_ms": 100})["name"] == "B"
    # no satisficing metric: just the most accurate
    assert choose_model(CANDIDATES, "accuracy")["name"] == "C"
    assert choose_model(CANDIDATES, "-latency_ms")["name"] == "A"  # "-key" minimizes
    assert choose_model(CANDIDATES, "accuracy", {"latency_ms": 90})["name"] == "A"


def test_ties_go_to_the_first_candidate_and_the_candidate_itself_is_returned():
    tied = [{"name": "x", "accuracy": 0.9}, {"name": "y", "accuracy": 0.9}]
    assert choose_model(tied, "accuracy") is tied[0]


def test_no_candidate_meets_the_limits_names_the_closest():
    with pytest.raises(ValueError, match=r"the closest is 'A' with latency_ms = 80 > 50"):
        choose_model(CANDIDATES, "accuracy", {"latency_ms": 50})


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (([], "accuracy"), "candidates is empty"),
        (
            (CANDIDATES, "acuracy"),
            r"candidate 'A' has no \['acuracy'\]; its keys are \['name', "
            r"'accuracy', 'latency_ms'\]",
        ),
        ((CANDIDATES, "accuracy", {"memory_mb": 10}), r"has no \['memory_mb'\]"),
        ((CANDIDATES, "-"), "optimizing must be a key"),
        (([0.9, 0.8], "accuracy"), "candidate 0 must be a dict"),
    ],
)
def test_choose_model_bad_inputs(args, phrase):
    with pytest.raises(ValueError, match=phrase):
        choose_model(*args)


# ---- decompose_errors: the course's tables -------------------------------------------------------


def test_week1_avoidable_bias_example():
    d = decompose_errors(human=0.01, train=0.08, dev=0.10)
    assert d.avoidable_bias == pytest.approx(0.07) and d.variance == pytest.approx(0.02)
    assert d.data_mismatch is None and d.dev_overfitting is None
    assert d.focus.startswith("avoidable bias (7.0%)") and "bigger model" in d.focus


def test_week1_variance_example():
    d = decompose_errors(human=0.075, train=0.08, dev=0.10)
    assert d.avoidable_bias == pytest.approx(0.005) and d.variance == pytest.approx(0.02)
    assert d.focus.startswith("variance (2.0%)") and "more training data, regularize" in d.focus


def test_week1_which_human_level_the_medical_example():
    proxy = human_level_proxy(
        {
            "typical human": 0.03,
            "typical doctor": 0.01,
            "experienced doctor": 0.007,
            "team of experienced doctors": 0.005,
        }
    )
    assert proxy == ("team of experienced doctors", 0.005)
    # the case where the choice of human-level matters
    d = decompose_errors(human=proxy[1], train=0.007, dev=0.008)
    assert d.avoidable_bias == pytest.approx(0.002) and d.variance == pytest.approx(0.001)
    assert d.focus.startswith("avoidable bias")


def test_largest_gap_names_the_focus():
    assert decompose_errors(human=0.01, train=0.08, dev=0.10).largest_gap() == "avoidable_bias"
    assert decompose_errors(human=0.075, train=0.08, dev=0.10).largest_gap() == "variance"
    assert decompose_errors(train=0.08, dev=0.08).largest_gap() is None  # no positive gap
    assert decompose_errors(train=0.08, dev=0.08).focus == "no gap is positive: nothing to reduce"


def test_surpassing_human_level_is_reported_not_refused():
    d = decompose_errors(human=0.005, train=0.003, dev=0.004)
    assert d.avoidable_bias == pytest.approx(-0.002) and d.largest_gap() is None
    assert (
        d.focus.startswith("surpassing human-level")
        and "cannot tell whether to reduce bias or variance" in d.focus
    )


@pytest.mark.parametrize(
    ("levels", "largest"),
    [
        # week 2, "bias and variance with mismatched data distributions" (human-level ≈ 0)
        (dict(human=0.0, train=0.01, train_dev=0.09, dev=0.10), "variance"),
        (dict(human=0.0, train=0.01, train_dev=0.015, dev=0.10), "data mismatch"),
        (dict(human=0.0, train=0.10, train_dev=0.11, dev=0.12), "avoidable bias"),
        # and data mismatch 9%: both large
        (dict(human=0.0, train=0.10, train_dev=0.11, dev=0.20), "avoidable bias"),
        (dict(human=0.0, train=0.01, train_dev=0.015, dev=0.02, test=0.08), "dev overfitting"),
    ],
)
def test_week2_tables(levels, largest):
    d = decompose_errors(**levels)
    assert d.focus.startswith(largest)


def test_week2_general_formulation_table():
    d = decompose_errors(human=0.04, train=0.07, train_dev=0.10, dev=0.12, test=0.12)
    assert d.gaps() == pytest.approx(
        {"avoidable_bias": 0.03, "variance": 0.03, "data_mismatch": 0.02, "dev_overfitting": 0.0}
    )
    assert d.avoidable_bias == 0.03  # gaps are rounded, so 0.07 − 0.04 prints as 0.03
    # the rear-view-mirror case: dev data easier than the training distribution; a negative mismatch
    # is allowed
    d = decompose_errors(human=0.04, train=0.07, train_dev=0.10, dev=0.06, test=0.06)
    assert d.data_mismatch == pytest.approx(-0.04)
    assert d.levels == {"human": 0.04, "train": 0.07, "train_dev": 0.10, "dev": 0.06, "test": 0.06}
    assert "train-dev:  10.0%" in str(d) and "data mismatch:  -4.0%" in str(d)


def test_any_subset_that_makes_sense():
    assert decompose_errors(dev=0.1, test=0.12).dev_overfitting == pytest.approx(0.02)
    d = decompose_errors(train=0.05, train_dev=0.06)
    assert (d.avoidable_bias, d.data_mismatch) == (None, None) and d.variance == pytest.approx(0.01)
    # within noise: reported
    assert decompose_errors(train=0.05, dev=0.049).variance == pytest.approx(-0.001)


@pytest.mark.parametrize(
    ("levels", "phrase"),
    [
        (
            dict(human=0.01, train=8, dev=10),
            r"train error must lie in \[0, 1\] \(a fraction\); got "
            r"8 — write 0.08 for 8%",
        ),
        (dict(train=-0.1, dev=0.1), r"got -0.1"),
        (dict(train=0.1, dev=float("nan")), "must be a number"),
        (
            dict(train=0.2, dev=0.05),
            r"dev error 5.0% is below the train error 20.0% .* are train and " r"dev swapped",
        ),
        (dict(train=0.2, train_dev=0.05, dev=0.3), "train-dev error 5.0% is below the train error"),
        (dict(human=0.01), "no gap can be computed"),
        (dict(human=0.01, dev=0.1), "no gap can be computed"),
        (dict(), "no gap can be computed"),
    ],
)
def test_nonsense_is_refused(levels, phrase):
    with pytest.raises(ValueError, match=phrase):
        decompose_errors(**levels)


def test_plot_error_decomposition_draws_levels_and_gaps():
    ax = Figure().add_subplot()
    plot_error_decomposition(
        decompose_errors(human=0.04, train=0.07, train_dev=0.10, dev=0.12, test=0.12), ax=ax
    )
    assert len(ax.patches) == 5 + 4
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "human-level",
        "train",
        "train-dev",
        "dev",
        "test",
    ]
    reds = [p for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb("tab:red")]
    # the first of the largest gaps
    assert len(reds) == 1 and reds[0].get_height() == pytest.approx(0.03)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # test − dev = 0
    assert legend == ["error level", "largest gap (focus here)", "other gap", "gap ≤ 0"]
    assert min(t.get_fontsize() for t in ax.texts) >= 8  # the level and gap labels are readable
    assert ax.get_xlabel() and ax.get_ylabel() == "error"  # both axes labelled (alt text)


def test_plot_error_decomposition_legend_lists_only_the_colours_drawn():
    ax = Figure().add_subplot()
    plot_error_decomposition(decompose_errors(human=0.01, train=0.08, dev=0.10), ax=ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "error level",
        "largest gap (focus here)",
        "other gap",
    ]


# ---- error analysis ------------------------------------------------------------------------------


def test_the_lectures_spreadsheet():
    # 100 misclassified dev examples, 10% error: dogs 8%, great cats 43%, blurry 61%, Instagram
    # filters 12%
    rng = np.random.default_rng(0)
    counts = {"dog": 8, "great cat": 43, "blurry": 61, "Instagram filter": 12}
    tags = [set() for _ in range(100)]
    for category, count in counts.items():
        for i in rng.choice(100, count, replace=False):
            tags[i].add(category)
    table = error_analysis_table(tags, error=0.10)
    assert isinstance(table, ErrorAnalysisTable) and table.total == 100
    assert [row.category for row in table] == ["blurry", "great cat", "Instagram filter", "dog"]
    dog = table[-1]
    # the lecture: fixing every dog mistake can at most take the error from 10% to 9.2%, a ceiling
    # of 0.8%
    assert (dog.count, dog.percent) == (8, 8.0) and dog.ceiling == pytest.approx(0.008)
    assert dog.error_if_fixed == pytest.approx(0.092)
    assert table[0].ceiling == pytest.approx(0.061) and table[0].error_if_fixed == pytest.approx(
        0.039
    )
    text = format_error_analysis(table)
    assert "ceiling (gain)" in text.splitlines()[0] and "error if fixed" in text.splitlines()[0]
    # blurry: ceiling, then the error left
    assert text.splitlines()[2].split()[-2:] == ["6.10%", "3.90%"]
    assert (
        "blurry" in text.splitlines()[2]
        and "61.0%" in text
        and "100 examples looked at; overall error 10.00%" in text
    )
    assert repr(text) == str(text)  # shows as a table as a cell's last value


def test_incorrectly_labeled_is_a_category_like_the_others():
    table = error_analysis_table(
        ["incorrectly labeled", ["blurry", "incorrectly labeled"], "blurry", ["blurry"]], error=0.02
    )
    rows = {row.category: row for row in table}
    assert rows["incorrectly labeled"].count == 2 and rows[
        "incorrectly labeled"
    ].ceiling == pytest.approx(0.01)
    assert rows["blurry"].ceiling == pytest.approx(0.015) and rows[
        "blurry"
    ].error_if_fixed == pytest.approx(0.005)
    # an example counts once per category
    assert error_analysis_table([["dog", "dog"]])[0].count == 1
    assert (
        error_analysis_table(["dog"])[0].ceiling is None
        and error_analysis_table(["dog"])[0].error_if_fixed is None
    )
    assert "ceiling" not in format_error_analysis(error_analysis_table(["dog"]))


def test_error_analysis_bad_inputs():
    with pytest.raises(ValueError, match="tags is empty"):
        error_analysis_table([])
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\] \(a fraction\)"):
        error_analysis_table(["dog"], error=10)


# ---- corrupt_labels ------------------------------------------------------------------------------


def test_random_noise_changes_exactly_the_fraction_to_other_classes():
    y = np.tile(np.arange(5), 40)  # (200,)
    before = y.copy()
    noisy, changed = corrupt_labels(y, 0.1, np.random.default_rng(0), return_changed=True)
    assert np.array_equal(y, before)  # not mutated
    assert (
        changed.sum() == 20
        and np.all(noisy[changed] != y[changed])
        and np.array_equal(noisy[~changed], y[~changed])
    )
    assert set(np.unique(noisy)) <= set(range(5))
    again = corrupt_labels(y, 0.1, np.random.default_rng(0))
    assert np.array_equal(noisy, again)  # the rng decides
    rows = corrupt_labels(y.reshape(1, -1), 0.1, 0)
    assert rows.shape == (1, 200)


def test_systematic_noise_turns_one_class_into_another():
    y = np.array([[0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]])
    noisy, changed = corrupt_labels(y, 0.5, 3, mapping={1: 0}, return_changed=True)
    assert noisy.shape == y.shape and changed.sum() == 4  # half of the 9 ones, rounded
    assert np.all(y[changed] == 1) and np.all(noisy[changed] == 0)
    assert np.array_equal(corrupt_labels(y, 0.0, 0, mapping={1: 0}), y)
    assert np.all(corrupt_labels(y, 1.0, 0, mapping={1: 0}) == 0)


def test_string_labels_keep_their_full_names():
    y = np.array(["cat", "dog", "cat", "dog"])
    assert set(corrupt_labels(y, 1.0, 0, mapping={"cat": "bird"})) == {"bird", "dog"}
    assert set(corrupt_labels(y, 1.0, 0, classes=["cat", "dog", "zebra"])) <= {
        "cat",
        "dog",
        "zebra",
    }


def test_all_zero_levels_still_draw():
    ax = Figure().add_subplot()
    plot_error_decomposition(decompose_errors(human=0.0, train=0.0, dev=0.0), ax=ax)
    assert ax.get_ylim()[1] > 0


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [
        (dict(fraction=1.5), r"fraction must lie in \[0, 1\] \(0.1 for 10% of the labels\)"),
        (dict(fraction=0.1, mapping={7: 0}), "no label equals 7"),
        (dict(fraction=0.1, mapping={1: 1}), "changes nothing"),
        (dict(fraction=0.1, classes=[1]), "at least two classes"),
    ],
)
def test_corrupt_labels_bad_inputs(kwargs, phrase):
    with pytest.raises(ValueError, match=phrase):
        corrupt_labels(np.array([0, 1, 1]), rng=0, **kwargs)
