"""course_lib.losses: the multi-task cost with "?" labels (c3w2) — masking, agreement with
compute_cost, and
clear errors for bad inputs (its gradient check, torch parity and no mutation:
tests/test_ops.py)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.activations import sigmoid
from course_lib.gradcheck import numerical_gradient, relative_difference
from course_lib.losses import compute_cost, multilabel_cost, multilabel_cost_backward


def example(n_y=4, m=7, missing=0.3, seed=0):
    rng = np.random.default_rng(seed)
    AL = sigmoid(rng.standard_normal((n_y, m)))
    Y = (rng.random((n_y, m)) < 0.5).astype(float)
    Y[rng.random((n_y, m)) < missing] = np.nan
    return AL, Y


def test_gradient_through_the_sigmoid_is_masked_a_minus_y():
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((3, 6))
    _, Y = example(3, 6, seed=1)
    numeric = numerical_gradient(lambda z: multilabel_cost(sigmoid(z), Y), Z.copy(), epsilon=1e-7)
    A = sigmoid(Z)
    dZ = multilabel_cost_backward(A, Y) * A * (1 - A)
    expected = np.where(np.isnan(Y), 0.0, A - np.nan_to_num(Y))
    np.testing.assert_allclose(dZ, expected, atol=1e-12)
    assert relative_difference(numeric, dZ / Y.shape[1]) < 1e-7


def test_missing_entries_are_ignored():
    AL, Y = example(seed=2)
    missing = np.isnan(Y)
    assert missing.any() and (~missing).any()
    changed = AL.copy()
    changed[missing] = 0.999  # a confident prediction where the label is "?" costs nothing
    assert multilabel_cost(changed, Y) == pytest.approx(multilabel_cost(AL, Y), rel=1e-12)
    assert np.all(multilabel_cost_backward(AL, Y)[missing] == 0)


def test_mask_and_nan_give_the_same_cost_and_the_hidden_values_do_not_matter():
    AL, Y = example(seed=3)
    mask = ~np.isnan(Y)
    filled = np.where(mask, Y, 1.0)  # whatever sits under a False in the mask is not read
    assert multilabel_cost(AL, filled, mask) == pytest.approx(multilabel_cost(AL, Y), rel=1e-12)
    np.testing.assert_array_equal(
        multilabel_cost_backward(AL, filled, mask), multilabel_cost_backward(AL, Y)
    )


def test_equals_compute_cost_when_nothing_is_missing():
    AL, Y = example(1, 9, missing=0.0, seed=4)
    assert multilabel_cost(AL, Y) == pytest.approx(compute_cost(AL, Y), rel=1e-12)
    AL, Y = example(4, 9, missing=0.0, seed=5)
    # summed over labels, each /m
    per_label = sum(compute_cost(AL[j : j + 1], Y[j : j + 1]) for j in range(4))
    assert multilabel_cost(AL, Y) == pytest.approx(per_label, rel=1e-12)


def test_divides_by_m_examples_not_by_the_number_of_labelled_entries():
    AL = np.full((2, 4), 0.5)
    Y = np.array([[1.0, np.nan, np.nan, 0.0], [np.nan, np.nan, np.nan, 1.0]])
    # 3 labelled losses of log 2, m = 4
    assert multilabel_cost(AL, Y) == pytest.approx(3 * np.log(2) / 4)


def test_an_unlabelled_example_and_all_missing():
    AL, Y = example(3, 5, seed=6)
    Y[:, 2] = np.nan
    assert np.isfinite(multilabel_cost(AL, Y))
    assert multilabel_cost(AL, np.full((3, 5), np.nan)) == 0.0


def test_extreme_outputs_stay_finite():
    AL = np.array([[0.0, 1.0], [1.0, 0.0]])
    Y = np.array([[1.0, 0.0], [np.nan, 1.0]])
    assert np.isfinite(multilabel_cost(AL, Y)) and np.all(
        np.isfinite(multilabel_cost_backward(AL, Y))
    )


@pytest.mark.parametrize("AL_shape, Y_shape", [((3, 5), (5, 3)), ((3, 5), (3, 4)), ((5,), (5,))])
def test_bad_shapes_name_both(AL_shape, Y_shape):
    with pytest.raises(ValueError, match=r"must have the same shape \(n_y, m\)"):
        multilabel_cost(np.full(AL_shape, 0.5), np.zeros(Y_shape))


def test_bad_inputs_raise_clear_errors():
    AL, Y = example(seed=7)
    with pytest.raises(
        ValueError,
        match=r"mask must be \(.*\), Y's shape: True where a label "
        r"is known; got",
    ):
        multilabel_cost(AL, Y, np.ones((2, 2), dtype=bool))
    with pytest.raises(ValueError, match="mask must be boolean"):
        multilabel_cost(AL, np.nan_to_num(Y), np.ones(Y.shape))
    with pytest.raises(ValueError, match="NaN .* marks as labelled"):
        multilabel_cost(AL, Y, np.ones(Y.shape, dtype=bool))
    with pytest.raises(ValueError, match="must be 0 or 1"):
        multilabel_cost(AL, np.where(np.isnan(Y), np.nan, 2.0))
    with pytest.raises(ValueError, match=r"sigmoid outputs in \[0, 1\]"):
        multilabel_cost(AL * 3 - 1, Y)
    with pytest.raises(ValueError, match="same shape"):
        multilabel_cost_backward(AL, Y[:, :3])


@settings(max_examples=40, deadline=None)
@given(
    n_y=st.integers(1, 5),
    m=st.integers(1, 12),
    missing=st.floats(0.0, 1.0),
    seed=st.integers(0, 10_000),
)
def test_each_label_row_is_compute_cost_on_its_labelled_examples_scaled_by_their_share(
    n_y, m, missing, seed
):
    AL, Y = example(n_y, m, missing, seed)
    expected = 0.0
    for j in range(n_y):
        known = ~np.isnan(Y[j])
        if known.any():  # compute_cost averages over the m_j labelled examples; J divides by all m
            expected += compute_cost(AL[j : j + 1, known], Y[j : j + 1, known]) * known.sum() / m
    assert multilabel_cost(AL, Y) == pytest.approx(expected, rel=1e-10, abs=1e-12)


def test_compute_cost_refuses_a_transposed_Y_with_the_hint():
    with pytest.raises(
        ValueError,
        match=r"Y must be \(n_y, m\) = \(1, 4\), the shape of AL; "
        r"got \(4, 1\) — did you mean Y\.T\?",
    ):
        compute_cost(np.full((1, 4), 0.5), np.zeros((4, 1)))
