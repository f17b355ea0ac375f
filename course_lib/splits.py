"""Train / dev / test (and train-dev) splits of a dataset whose examples are columns
(Course 2 w1, Course 3).

Sizes are fractions that sum to 1 (e.g. 60/20/20 for ≤ 10⁴ examples, 98/1/1 for 10⁶) or whole-number
counts that sum to at most m. The examples are shuffled once with a seeded rng, so dev and test come
from the same distribution as train.
"""

import warnings
from typing import NamedTuple

import numpy as np

from course_lib.validation import as_examples_matrix, as_labels, as_number, as_rng, check_mapping


class Split(NamedTuple):
    """One part of a dataset: X (n_x, m_part), Y (n_y, m_part)."""

    X: np.ndarray
    Y: np.ndarray

    def __repr__(self):
        return f"Split(X {self.X.shape}, Y {self.Y.shape})"


def split_counts(sizes, m):
    """Whole-number sizes from `sizes` (a dict name → fraction or count) for m examples; checks they
    fit."""
    check_mapping(sizes, "sizes", "{'train': 0.6, 'dev': 0.2, 'test': 0.2}")
    if not sizes:
        raise ValueError("give at least one part, e.g. {'train': 0.6, 'dev': 0.2, 'test': 0.2}")
    values = list(sizes.values())
    for name, value in sizes.items():
        as_number(value, f"sizes[{name!r}]", low=0, note=" (a fraction, or a count of examples)")
    if all(isinstance(v, (int, np.integer)) for v in values):
        if sum(values) == 100 and m != 100 and len(values) > 1:
            warnings.warn(
                f"{sizes} are read as counts of examples (m = {m}), not percentages; "
                "write fractions such as 0.7 for percentages",
                stacklevel=3,
            )
        if sum(values) > m:
            raise ValueError(
                f"the counts {sizes} add up to {sum(values)}, more than the m = {m} examples"
            )
        return dict(sizes)
    if any(v > 1 for v in values) or not np.isclose(sum(values), 1.0, rtol=0, atol=1e-9):
        raise ValueError(
            f"fractions must add up to 1; {sizes} add up to {sum(values):g} "
            "(give whole-number counts instead to use only part of the data)"
        )
    # rounding the running total keeps Σ = m
    bounds = np.round(np.cumsum([0.0, *values]) * m).astype(int)
    return {name: int(b - a) for name, a, b in zip(sizes, bounds[:-1], bounds[1:], strict=True)}


def split_dataset(X, Y, sizes, rng=0):
    """Shuffle the m columns of X (n_x, m), Y (n_y, m) once and cut them into parts:
    {name: Split(X, Y)}.

    sizes = {"train": 0.6, "dev": 0.2, "test": 0.2} (fractions summing to 1) or counts such as
    {"train": 200, "train_dev": 50, "dev": 100, "test": 100} (summing to ≤ m; whole numbers are
    always counts, so 60/20/20 means 100 examples, not percentages).
    """
    X = as_examples_matrix(X, "X")
    if np.ndim(Y) == 2 and np.shape(Y)[1] != X.shape[1] and np.shape(Y)[1] == X.shape[0]:
        raise ValueError(
            f"X must be (n_x, m) with examples as columns; got X {X.shape} while Y "
            f"{np.shape(Y)} "
            "has one column per example — did you mean X.T?"
        )
    Y = as_labels(Y, X.shape[1], np.shape(Y)[0] if np.ndim(Y) == 2 else 1)
    m = X.shape[1]
    order = as_rng(rng).permutation(m)
    parts, start = {}, 0
    for name, count in split_counts(sizes, m).items():
        columns = order[start : start + count]
        parts[name] = Split(X[:, columns], Y[:, columns])
        start += count
    return parts
