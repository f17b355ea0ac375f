"""course_lib.splits: train/dev/test splits partition the examples, keep X and Y paired, and are
seeded."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.splits import Split, split_counts, split_dataset


def labelled(m, n_x=3, n_y=1):
    """X whose column i is (i, i + 0.5, …) and Y whose column i is (i, …): every column says where
    it came from."""
    index = np.arange(m, dtype=float)
    X = index + np.arange(n_x).reshape(-1, 1) * 0.5
    Y = np.tile(index, (n_y, 1))
    return X, Y


def assert_paired(part):
    """Every X column still sits next to its own Y column."""
    np.testing.assert_array_equal(part.X[0], part.Y[0])
    np.testing.assert_array_equal(
        part.X, part.X[0] + np.arange(part.X.shape[0]).reshape(-1, 1) * 0.5
    )


def test_sixty_twenty_twenty():
    X, Y = labelled(500)
    parts = split_dataset(X, Y, {"train": 0.6, "dev": 0.2, "test": 0.2}, rng=0)
    assert list(parts) == ["train", "dev", "test"]
    assert [part.X.shape for part in parts.values()] == [(3, 300), (3, 100), (3, 100)]
    assert [part.Y.shape for part in parts.values()] == [(1, 300), (1, 100), (1, 100)]
    assert all(isinstance(part, Split) for part in parts.values())
    X_train, Y_train = parts["train"]  # a Split unpacks like a tuple
    assert X_train is parts["train"].X and Y_train is parts["train"].Y
    assert repr(parts["dev"]) == "Split(X (3, 100), Y (1, 100))"
    every = np.concatenate([part.Y[0] for part in parts.values()])
    np.testing.assert_array_equal(np.sort(every), np.arange(500))
    # shuffled, not the first 300
    assert not np.array_equal(parts["train"].Y[0], np.sort(parts["train"].Y[0]))
    for part in parts.values():
        assert_paired(part)


def test_counts_may_leave_examples_out():
    X, Y = labelled(1000)
    sizes = {"train": 600, "train_dev": 50, "dev": 100, "test": 100}
    parts = split_dataset(X, Y, sizes, rng=3)
    assert {name: part.X.shape[1] for name, part in parts.items()} == sizes
    used = np.concatenate([part.Y[0] for part in parts.values()])
    assert len(np.unique(used)) == 850  # no example twice


def test_split_is_seeded():
    X, Y = labelled(50)
    sizes = {"train": 0.8, "dev": 0.2}
    a, b = (
        split_dataset(X, Y, sizes, rng=1),
        split_dataset(X, Y, sizes, rng=np.random.default_rng(1)),
    )
    c = split_dataset(X, Y, sizes, rng=2)
    np.testing.assert_array_equal(a["train"].X, b["train"].X)
    np.testing.assert_array_equal(a["dev"].Y, b["dev"].Y)
    assert not np.array_equal(a["train"].Y, c["train"].Y)


def test_split_does_not_mutate_or_alias_the_data():
    X, Y = labelled(20)
    before = X.copy(), Y.copy()
    parts = split_dataset(X, Y, {"train": 0.5, "dev": 0.5}, rng=0)
    np.testing.assert_array_equal(X, before[0])
    np.testing.assert_array_equal(Y, before[1])
    parts["train"].X[:] = -1
    np.testing.assert_array_equal(X, before[0])


def test_one_hot_labels_stay_with_their_examples():
    X, Y = labelled(30, n_x=2, n_y=4)
    parts = split_dataset(X, Y, {"a": 10, "b": 20}, rng=0)
    assert parts["a"].Y.shape == (4, 10) and parts["b"].Y.shape == (4, 20)
    for part in parts.values():
        np.testing.assert_array_equal(part.Y, np.tile(part.X[0], (4, 1)))


def test_split_counts():
    assert split_counts({"train": 0.6, "dev": 0.2, "test": 0.2}, 10) == {
        "train": 6,
        "dev": 2,
        "test": 2,
    }
    assert split_counts({"train": 0.98, "dev": 0.01, "test": 0.01}, 1_000_000) == {
        "train": 980_000,
        "dev": 10_000,
        "test": 10_000,
    }
    # rounding keeps Σ = m
    assert sum(split_counts({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, 100).values()) == 100
    assert split_counts({"train": 7, "dev": 3}, 10) == {"train": 7, "dev": 3}
    assert split_counts({"train": np.int64(4)}, 10) == {"train": 4}
    assert split_counts({"all": 1.0}, 9) == {"all": 9}


# ---- bad inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "phrase"),
    [
        (
            {"train": 0.6, "dev": 0.2},
            r"fractions must add up to 1; \{'train': 0.6, 'dev': 0.2\} add up "
            r"to 0.8 \(give whole-number "
            r"counts instead to use only part of the data\)",
        ),
        ({"train": 0.7, "dev": 0.2, "test": 0.2}, "fractions must add up to 1; .* add up to 1.1"),
        # percentages are not fractions
        ({"train": 60.0, "dev": 20.0, "test": 20.0}, "fractions must add up to 1"),
        ({"train": 80, "dev": 0.2}, "fractions must add up to 1"),
    ],
)
def test_fractions_that_do_not_sum_to_one_are_refused(sizes, phrase):
    X, Y = labelled(100)
    with pytest.raises(ValueError, match=phrase):
        split_dataset(X, Y, sizes)


def test_counts_that_exceed_m_are_refused():
    X, Y = labelled(100)
    with pytest.raises(
        ValueError,
        match=r"the counts \{'train': 80, 'dev': 15, 'test': 10\} add "
        r"up to 105, more than "
        r"the m = 100 examples",
    ):
        split_dataset(X, Y, {"train": 80, "dev": 15, "test": 10})


@pytest.mark.parametrize(
    ("sizes", "error"),
    [
        ({"train": -0.2, "dev": 1.2}, ValueError),
        ({"train": -5, "dev": 10}, ValueError),
        ({"train": "60%"}, TypeError),
        ({"train": True, "dev": 0}, TypeError),
        ({"train": None}, TypeError),
    ],
)
def test_sizes_that_are_not_fractions_or_counts_are_refused(sizes, error):
    with pytest.raises(
        error,
        match=r"sizes\['train'\] must be (a number )?≥ 0 \(a fraction, or "
        r"a count of examples\)",
    ):
        split_counts(sizes, 100)


def test_no_parts_is_refused():
    with pytest.raises(
        ValueError, match="give at least one part, e.g. {'train': 0.6, 'dev': 0.2, 'test': 0.2}"
    ):
        split_dataset(*labelled(10), {})


def test_bad_shapes_are_refused():
    X, Y = labelled(40)
    with pytest.raises(ValueError, match=r"Y must be \(1, m\) = \(1, 40\); got a 1-D array"):
        split_dataset(X, Y.ravel(), {"train": 0.5, "dev": 0.5})
    with pytest.raises(ValueError, match=r"to match 40 examples in X; got \(1, 39\)"):
        split_dataset(X, Y[:, 1:], {"train": 0.5, "dev": 0.5})
    with pytest.raises(ValueError, match="examples as columns"):
        split_dataset(X[0], Y, {"train": 0.5, "dev": 0.5})
    with pytest.raises(TypeError, match="rng must be"):
        split_dataset(X, Y, {"train": 0.5, "dev": 0.5}, rng="0")


# ---- hypothesis properties -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 300),
    st.lists(st.integers(0, 20), min_size=1, max_size=5).filter(any),
    st.integers(0, 2**32 - 1),
)
def test_fractions_partition_every_column_exactly_once(m, weights, seed):
    X, Y = labelled(m)
    sizes = {f"part{i}": w / sum(weights) for i, w in enumerate(weights)}
    counts = split_counts(sizes, m)
    assert sum(counts.values()) == m
    assert all(abs(counts[name] - fraction * m) <= 1 for name, fraction in sizes.items())
    parts = split_dataset(X, Y, sizes, rng=seed)
    assert list(parts) == list(sizes)
    assert {name: part.X.shape[1] for name, part in parts.items()} == counts
    every = np.concatenate([part.Y[0] for part in parts.values()])
    np.testing.assert_array_equal(np.sort(every), np.arange(m))  # each column exactly once
    for part in parts.values():
        assert_paired(part)
    again = split_dataset(X, Y, sizes, rng=seed)
    for name in parts:
        np.testing.assert_array_equal(again[name].X, parts[name].X)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=4),
    st.integers(0, 60),
    st.integers(0, 2**32 - 1),
)
def test_counts_take_distinct_columns(counts, spare, seed):
    m = max(sum(counts) + spare, 1)
    X, Y = labelled(m, n_x=2)
    parts = split_dataset(X, Y, {f"p{i}": c for i, c in enumerate(counts)}, rng=seed)
    assert [part.X.shape[1] for part in parts.values()] == counts
    used = np.concatenate([part.Y[0] for part in parts.values()])
    assert len(np.unique(used)) == sum(counts) and set(used) <= set(range(m))
    for part in parts.values():
        assert_paired(part)


def test_examples_as_rows_get_the_transpose_hint():
    X, Y = np.zeros((2, 50)), np.zeros((1, 50))
    with pytest.raises(
        ValueError,
        match=r"got X \(50, 2\) while Y \(1, 50\) has one column per "
        r"example — did you mean X.T\?",
    ):
        split_dataset(X.T, Y, {"train": 0.5, "dev": 0.5})


def test_whole_numbers_adding_to_100_warn_that_they_are_counts():
    X, Y = np.zeros((2, 200)), np.zeros((1, 200))
    with pytest.warns(UserWarning, match="read as counts of examples"):
        parts = split_dataset(X, Y, {"train": 70, "test": 30})
    assert parts["train"].X.shape == (2, 70)
