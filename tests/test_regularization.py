"""course_lib.regularization and the regularized / dropout network: gradient checks, torch parity,
properties, Model."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from torch_reference import TORCH_FORWARD

from course_lib import losses
from course_lib.gradcheck import (
    backprop_gradients,
    compare_gradients,
    gradient_check_n,
    gradient_check_report,
)
from course_lib.initializers import initialize_parameters_deep
from course_lib.losses import compute_cost, compute_cost_with_regularization
from course_lib.network import (
    L_model_backward,
    L_model_backward_with_dropout,
    L_model_forward,
    L_model_forward_with_dropout,
    Model,
    output_cost,
    three_layer_backward,
    three_layer_forward,
    update_parameters,
)
from course_lib.regularization import (
    check_keep_prob,
    check_lambd,
    check_penalty,
    dropout_backward,
    dropout_forward,
    keep_probs_per_layer,
    l1_cost,
    l2_cost,
    penalty_cost,
    penalty_gradient,
)


def random_network(rng, layer_dims, bias_scale=0.1, away_from_zero=0.0):
    """Xavier-scaled weights (pushed at least `away_from_zero` from 0, for L1's kink) and small
    non-zero biases."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters[f"W{l}"] = W + away_from_zero * np.sign(W)
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * bias_scale
    return parameters


def problem(seed, layer_dims, m=8, away_from_zero=0.0):
    """A network, inputs X (n_x, m) and 0/1 labels that depend on X (so the cost is not flat)."""
    rng = np.random.default_rng(seed)
    parameters = random_network(rng, layer_dims, away_from_zero=away_from_zero)
    X = rng.standard_normal((layer_dims[0], m))
    Y = (X[:1] - 0.5 * X[-1:] > 0) * 1.0
    return parameters, X, Y


def copy_of(parameters):
    return {k: v.copy() for k, v in parameters.items()}


# ---- the penalty terms ---------------------------------------------------------------------------


def test_l2_and_l1_cost_formulas():
    parameters = {
        "W1": np.array([[1.0, -2.0], [0.5, 0.0]]),
        "b1": np.array([[10.0], [-10.0]]),
        "W2": np.array([[3.0, -1.0]]),
        "b2": np.array([[7.0]]),
    }
    m, lambd = 4, 0.6
    squares = 1 + 4 + 0.25 + 9 + 1
    absolutes = 1 + 2 + 0.5 + 3 + 1
    assert l2_cost(parameters, lambd, m) == pytest.approx(lambd / (2 * m) * squares, rel=1e-15)
    # the b[l] never count
    assert l1_cost(parameters, lambd, m) == pytest.approx(lambd / (2 * m) * absolutes, rel=1e-15)
    assert penalty_cost(parameters, lambd, m) == l2_cost(parameters, lambd, m)  # L2 is the default
    assert penalty_cost(parameters, lambd, m, "l1") == l1_cost(parameters, lambd, m)
    for cost in (l2_cost, l1_cost):
        assert cost(parameters, 0.0, m) == 0.0
        assert isinstance(cost(parameters, lambd, m), float)


def test_penalty_gradient_is_weight_decay_or_sign():
    W = np.array([[1.5, -2.0, 0.0], [0.25, -0.1, 3.0]])
    np.testing.assert_allclose(penalty_gradient(W, 0.6, 3), 0.2 * W, rtol=1e-15)
    np.testing.assert_allclose(
        penalty_gradient(W, 0.6, 3, "l1"), 0.1 * np.array([[1, -1, 0], [1, -1, 1]]), rtol=1e-15
    )
    assert penalty_gradient(W, 0.6, 3).shape == W.shape


def test_l2_cost_now_lives_in_regularization_and_losses_still_uses_it():
    assert losses.l2_cost is l2_cost
    rng = np.random.default_rng(2)
    parameters = random_network(rng, [3, 4, 1])
    AL, Y = rng.random((1, 5)) * 0.9 + 0.05, np.array([[1.0, 0, 1, 0, 0]])
    assert compute_cost_with_regularization(AL, Y, parameters, 0.4) == compute_cost(
        AL, Y
    ) + l2_cost(parameters, 0.4, 5)


# ---- float64 gradient checks ---------------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize(("lambd", "penalty"), [(0.7, "l2"), (3.0, "l2"), (0.7, "l1"), (3.0, "l1")])
def test_regularized_backward_passes_the_gradient_check(hidden, lambd, penalty):
    # L1's |W| has a kink at 0: keep every weight at least 0.05 away from it (ε = 1e-7 then never
    # crosses it)
    parameters, X, Y = problem(
        31 + int(lambd), [4, 5, 3, 1], away_from_zero=0.05 if penalty == "l1" else 0.0
    )
    AL, caches = L_model_forward(X, parameters, hidden)
    grads = L_model_backward(AL, Y, caches, hidden, lambd, penalty)
    plain = L_model_backward(AL, Y, caches, hidden)
    np.testing.assert_allclose(
        grads["dW2"] - plain["dW2"],
        penalty_gradient(parameters["W2"], lambd, 8, penalty),
        rtol=1e-12,
        atol=1e-15,
    )
    np.testing.assert_array_equal(grads["db2"], plain["db2"])  # the biases are not regularized
    report = gradient_check_report(parameters, grads, X, Y, 1e-7, hidden, "sigmoid", lambd, penalty)
    assert report.difference < 1e-7, report
    assert (
        gradient_check_n(parameters, grads, X, Y, 1e-7, hidden, "sigmoid", lambd, penalty)
        == report.difference
    )


def test_gradient_check_catches_l2_gradient_given_for_an_l1_cost():
    parameters, X, Y = problem(4, [3, 4, 1], away_from_zero=0.05)
    AL, caches = L_model_forward(X, parameters)
    l2_grads = L_model_backward(AL, Y, caches, lambd=2.0, penalty="l2")
    assert gradient_check_n(parameters, l2_grads, X, Y, lambd=2.0, penalty="l1") > 1e-3


def dropout_cost(X, Y, keep_prob, seed, hidden, lambd=0.0, penalty="l2"):
    """J(parameters) with the same dropout masks at every evaluation: a fresh rng of the same seed
    each time."""

    def cost(parameters):
        AL, _, _ = L_model_forward_with_dropout(
            X, parameters, keep_prob, np.random.default_rng(seed), hidden
        )
        return output_cost(AL, Y) + penalty_cost(parameters, lambd, X.shape[1], penalty)

    return cost


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize(
    ("keep_prob", "lambd"),
    [
        (0.8, 0.0),
        (0.5, 0.0),
        ([0.6, 0.9], 0.0),
        ([1.0, 0.5], 0.0),
        ([0.7, 1.0], 0.0),
        (0.8, 0.4),
    ],
)
def test_dropout_backward_passes_the_gradient_check_with_a_fixed_mask(hidden, keep_prob, lambd):
    parameters, X, Y = problem(7, [4, 6, 5, 1], m=10)
    AL, caches, masks = L_model_forward_with_dropout(
        X, parameters, keep_prob, np.random.default_rng(99), hidden
    )
    assert any(D is not None and not D.all() for D in masks)  # some unit really is dropped
    grads = L_model_backward_with_dropout(AL, Y, caches, masks, keep_prob, hidden, lambd)
    report = compare_gradients(dropout_cost(X, Y, keep_prob, 99, hidden, lambd), parameters, grads)
    assert report.difference < 1e-7, report
    assert report.passed


def test_dropout_with_l1_passes_the_gradient_check():
    parameters, X, Y = problem(12, [3, 5, 4, 1], m=9, away_from_zero=0.05)
    AL, caches, masks = L_model_forward_with_dropout(
        X, parameters, 0.7, np.random.default_rng(5), "tanh"
    )
    grads = L_model_backward_with_dropout(
        AL, Y, caches, masks, 0.7, "tanh", lambd=1.5, penalty="l1"
    )
    report = compare_gradients(dropout_cost(X, Y, 0.7, 5, "tanh", 1.5, "l1"), parameters, grads)
    assert report.difference < 1e-7, report


def test_gradient_check_catches_dropout_backward_without_the_mask():
    parameters, X, Y = problem(7, [4, 6, 5, 1], m=10)
    AL, caches, masks = L_model_forward_with_dropout(X, parameters, 0.6, np.random.default_rng(3))
    # the backward pass forgets which units were dropped
    no_masks = [np.ones_like(D) for D in masks]
    grads = L_model_backward_with_dropout(AL, Y, caches, no_masks, 0.6)
    report = compare_gradients(dropout_cost(X, Y, 0.6, 3, "relu"), parameters, grads)
    assert not report.passed and report.difference > 1e-3
    # dW2 is wrong too, but dW3 and db3 only see the forward masks, which are right
    assert "dW1" in report.wrong
    assert "dW3" not in report.wrong and "db3" not in report.wrong


# ---- torch parity --------------------------------------------------------------------------------


def torch_cost_and_grads(
    parameters, X, Y, hidden, lambd=0.0, penalty="l2", masks=None, keep_probs=None
):
    """The network in torch float64 (sigmoid output, mean BCE + penalty), with the given dropout
    masks.

    Returns the cost and the course-scaled gradients dW, db and dA
    (dA[l] w.r.t. A[l] before its mask)."""
    L = len(parameters) // 2
    m = X.shape[1]
    tensors = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in parameters.items()
    }
    A = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    A.retain_grad()
    activations = [A]
    for l in range(1, L):
        A = TORCH_FORWARD[hidden](tensors[f"W{l}"] @ A + tensors[f"b{l}"])
        A.retain_grad()
        activations.append(A)
        if masks is not None and masks[l - 1] is not None:
            A = A * torch.tensor(masks[l - 1], dtype=torch.float64) / keep_probs[l - 1]
    AL = torch.sigmoid(tensors[f"W{L}"] @ A + tensors[f"b{L}"])
    cost = F.binary_cross_entropy(AL, torch.tensor(Y, dtype=torch.float64))
    weights = [tensors[f"W{l}"] for l in range(1, L + 1)]
    if penalty == "l2":
        cost = cost + lambd / (2 * m) * sum((W**2).sum() for W in weights)
    else:
        cost = cost + lambd / (2 * m) * sum(W.abs().sum() for W in weights)
    cost.backward()
    grads = {"d" + k: t.grad.numpy() for k, t in tensors.items()}
    for l, A_l in enumerate(activations):
        grads[f"dA{l}"] = A_l.grad.numpy() * m  # the course's dA[l] carry no 1/m
    return cost.item(), grads


def assert_grads_match(grads, expected, L):
    for l in range(1, L + 1):
        for p in "Wb":
            np.testing.assert_allclose(
                grads[f"d{p}{l}"], expected[f"d{p}{l}"], rtol=1e-9, atol=1e-13, err_msg=f"d{p}{l}"
            )
    for l in range(L):
        np.testing.assert_allclose(
            grads[f"dA{l}"], expected[f"dA{l}"], rtol=1e-9, atol=1e-13, err_msg=f"dA{l}"
        )


@pytest.mark.parametrize(
    ("layer_dims", "hidden"), [([4, 5, 1], "relu"), ([5, 6, 4, 1], "tanh"), ([3, 4, 4, 1], "relu")]
)
@pytest.mark.parametrize(("lambd", "penalty"), [(0.3, "l2"), (2.0, "l2"), (0.5, "l1")])
def test_regularized_cost_and_gradients_match_torch(layer_dims, hidden, lambd, penalty):
    parameters, X, Y = problem(sum(layer_dims), layer_dims, m=9, away_from_zero=0.05)
    model_cost = output_cost(L_model_forward(X, parameters, hidden)[0], Y) + penalty_cost(
        parameters, lambd, 9, penalty
    )
    AL, caches = L_model_forward(X, parameters, hidden)
    grads = L_model_backward(AL, Y, caches, hidden, lambd, penalty)
    cost_t, expected = torch_cost_and_grads(parameters, X, Y, hidden, lambd, penalty)
    assert model_cost == pytest.approx(cost_t, rel=1e-12)
    if penalty == "l2":
        assert compute_cost_with_regularization(AL, Y, parameters, lambd) == pytest.approx(
            cost_t, rel=1e-12
        )
    assert_grads_match(grads, expected, len(layer_dims) - 1)


@pytest.mark.parametrize(
    ("layer_dims", "hidden", "keep_prob"),
    [
        ([4, 6, 1], "relu", 0.7),
        ([5, 6, 4, 1], "tanh", 0.5),
        ([4, 6, 5, 1], "relu", [0.6, 1.0]),
        ([4, 6, 5, 3, 1], "relu", [0.9, 0.5, 0.8]),
    ],
)
@pytest.mark.parametrize("lambd", [0.0, 0.4])
def test_dropout_forward_and_backward_match_torch_with_the_same_mask(
    layer_dims, hidden, keep_prob, lambd
):
    parameters, X, Y = problem(len(layer_dims) + 40, layer_dims, m=12)
    AL, caches, masks = L_model_forward_with_dropout(
        X, parameters, keep_prob, np.random.default_rng(1), hidden
    )
    grads = L_model_backward_with_dropout(AL, Y, caches, masks, keep_prob, hidden, lambd)
    L = len(layer_dims) - 1
    keep_probs = keep_probs_per_layer(keep_prob, L)
    cost_t, expected = torch_cost_and_grads(
        parameters, X, Y, hidden, lambd, masks=masks, keep_probs=keep_probs
    )
    assert output_cost(AL, Y) + l2_cost(parameters, lambd, 12) == pytest.approx(cost_t, rel=1e-12)
    assert_grads_match(grads, expected, L)


# ---- L_model_forward_with_dropout / L_model_backward_with_dropout --------------------------------


def test_dropout_forward_masks_shapes_and_reproducibility():
    parameters, X, _ = problem(3, [4, 6, 5, 1], m=20)
    AL, caches, masks = L_model_forward_with_dropout(
        X, parameters, [0.5, 1.0], np.random.default_rng(4)
    )
    assert AL.shape == (1, 20) and len(caches) == 3 and len(masks) == 2
    assert masks[0].shape == (6, 20) and masks[1] is None  # keep_prob 1 draws no mask
    np.testing.assert_array_equal(
        caches[1].linear_cache.A_prev, np.maximum(caches[0].activation_cache, 0) * masks[0] / 0.5
    )
    # an int seed: the same generator
    again = L_model_forward_with_dropout(X, parameters, [0.5, 1.0], 4)
    np.testing.assert_array_equal(again[0], AL)
    np.testing.assert_array_equal(again[2][0], masks[0])
    other = L_model_forward_with_dropout(X, parameters, [0.5, 1.0], np.random.default_rng(5))
    assert not np.array_equal(other[2][0], masks[0])


@pytest.mark.parametrize("hidden", ["relu", "tanh", "leaky_relu"])
def test_keep_prob_one_is_the_plain_network(hidden):
    parameters, X, Y = problem(9, [3, 5, 4, 1], m=7)
    AL, caches, masks = L_model_forward_with_dropout(
        X, parameters, 1.0, np.random.default_rng(0), hidden
    )
    AL_plain, caches_plain = L_model_forward(X, parameters, hidden)
    np.testing.assert_array_equal(AL, AL_plain)
    assert masks == [None, None]
    grads = L_model_backward_with_dropout(AL, Y, caches, masks, 1.0, hidden, lambd=0.3)
    plain = L_model_backward(AL_plain, Y, caches_plain, hidden, lambd=0.3)
    assert set(grads) == set(plain)
    for key in plain:
        np.testing.assert_array_equal(grads[key], plain[key])


def test_dropout_network_does_not_mutate_its_inputs():
    parameters, X, Y = problem(10, [3, 5, 4, 1], m=7)
    before = copy_of(parameters), X.copy(), Y.copy()
    AL, caches, masks = L_model_forward_with_dropout(X, parameters, 0.6, np.random.default_rng(0))
    masks_before = [D.copy() for D in masks]
    L_model_backward_with_dropout(AL, Y, caches, masks, 0.6, lambd=0.5)
    for key, value in before[0].items():
        np.testing.assert_array_equal(parameters[key], value)
    np.testing.assert_array_equal(X, before[1])
    np.testing.assert_array_equal(Y, before[2])
    for D, D_before in zip(masks, masks_before, strict=True):
        np.testing.assert_array_equal(D, D_before)


def test_dropout_network_refusals():
    parameters, X, Y = problem(11, [3, 5, 4, 1], m=7)
    with pytest.raises(
        ValueError,
        match=r"one keep_prob per hidden layer: this network has L − 1 "
        r"= 2 hidden layer\(s\), got 3",
    ):
        L_model_forward_with_dropout(X, parameters, [0.5, 0.5, 0.5], 0)
    with pytest.raises(
        ValueError,
        match=r"keep_prob\[2\] must lie in \(0, 1\] — the "
        r"probability of keeping a unit",
    ):
        L_model_forward_with_dropout(X, parameters, [0.5, 0.0], 0)
    with pytest.raises(ValueError, match=r"X\.T"):
        L_model_forward_with_dropout(X.T, parameters, 0.5, 0)
    with pytest.raises(TypeError, match="rng must be"):
        L_model_forward_with_dropout(X, parameters, 0.5, "seed")
    AL, caches, masks = L_model_forward_with_dropout(X, parameters, 0.5, 0)
    with pytest.raises(
        ValueError,
        match=r"masks must hold the L − 1 = 2 masks from " r"L_model_forward_with_dropout; got 1",
    ):
        L_model_backward_with_dropout(AL, Y, caches, masks[:1], 0.5)
    with pytest.raises(ValueError, match=r"masks must hold the L − 1 = 2 masks .*got 3"):
        L_model_backward_with_dropout(AL, Y, caches, [*masks, masks[0]], 0.5)
    with pytest.raises(
        ValueError,
        match=r"the mask D \(5, 7\) must be the one drawn for this "
        r"layer, shaped like dA \(4, 7\)",
    ):
        L_model_backward_with_dropout(AL, Y, caches, masks[::-1], 0.5)
    with pytest.raises(ValueError, match="one keep_prob per hidden layer"):
        L_model_backward_with_dropout(AL, Y, caches, masks, [0.5])
    with pytest.raises(ValueError, match="unknown penalty 'L2'"):
        L_model_backward_with_dropout(AL, Y, caches, masks, 0.5, lambd=0.1, penalty="L2")
    with pytest.raises(ValueError, match=r"λ \(lambd\) must be ≥ 0"):
        L_model_backward_with_dropout(AL, Y, caches, masks, 0.5, lambd=-0.1)


# ---- bad inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("keep_prob", [0, 0.0, 1.5, -0.1, 1.0000001, float("nan")])
def test_keep_prob_outside_zero_one_is_refused(keep_prob):
    within = r"must (lie|be a number) in \(0, 1\]"
    with pytest.raises(
        ValueError, match="keep_prob " + within + " — the probability of keeping a unit"
    ):
        check_keep_prob(keep_prob)
    with pytest.raises(ValueError, match=within):
        dropout_forward(np.ones((2, 3)), keep_prob, 0)
    with pytest.raises(ValueError, match=within):
        dropout_backward(np.ones((2, 3)), np.ones((2, 3), dtype=bool), keep_prob)
    with pytest.raises(ValueError, match=within):
        Model([2, 3, 1], keep_prob=keep_prob)


@pytest.mark.parametrize("keep_prob", [True, False, "0.8", None])
def test_keep_prob_that_is_not_a_number_is_refused(keep_prob):
    with pytest.raises(TypeError, match=r"keep_prob must be a number in \(0, 1\]"):
        check_keep_prob(keep_prob)
    with pytest.raises(TypeError, match=r"keep_prob must be a number in \(0, 1\]"):
        Model([2, 3, 1], keep_prob=keep_prob)


def test_keep_prob_accepts_numbers_of_any_numpy_type():
    assert check_keep_prob(1) == 1.0 and isinstance(check_keep_prob(np.float32(0.5)), float)
    assert keep_probs_per_layer(0.8, 4) == (0.8, 0.8, 0.8)
    assert keep_probs_per_layer(np.array([0.5, 1.0]), 3) == (0.5, 1.0)
    assert keep_probs_per_layer(1.0, 1) == ()


@pytest.mark.parametrize(
    ("lambd", "error", "phrase"),
    [
        (-0.1, ValueError, r"λ \(lambd\) must be ≥ 0 \(0 switches regularization off\); got -0.1"),
        (float("nan"), ValueError, r"must be a number ≥ 0 .*got nan"),
        (np.inf, ValueError, r"must be a finite number ≥ 0 .*got inf"),
        (
            True,
            TypeError,
            r"λ \(lambd\) must be a number ≥ 0 \(0 switches regularization off\); got "
            r"True",
        ),
        ("0.1", TypeError, r"must be a number ≥ 0 .*; got '0.1'"),
    ],
)
def test_bad_lambd_is_refused(lambd, error, phrase):
    with pytest.raises(error, match=phrase):
        check_lambd(lambd)
    with pytest.raises(error, match=phrase):
        Model([2, 3, 1], lambd=lambd)
    parameters, X, Y = problem(0, [2, 3, 1])
    AL, caches = L_model_forward(X, parameters)
    with pytest.raises(error, match=phrase):
        L_model_backward(AL, Y, caches, lambd=lambd)


@pytest.mark.parametrize("penalty", ["L2", "l3", "ridge", None])
def test_unknown_penalty_lists_the_valid_ones(penalty):
    with pytest.raises(ValueError, match=r"unknown penalty .*; choose one of 'l2', 'l1'"):
        check_penalty(penalty)
    with pytest.raises(ValueError, match="choose one of 'l2', 'l1'"):
        Model([2, 3, 1], lambd=0.1, penalty=penalty)
    with pytest.raises(ValueError, match="choose one of 'l2', 'l1'"):
        penalty_cost({"W1": np.ones((1, 1))}, 0.1, 1, penalty)
    with pytest.raises(ValueError, match="choose one of 'l2', 'l1'"):
        penalty_gradient(np.ones((1, 1)), 0.1, 1, penalty)
    parameters, X, Y = problem(0, [2, 3, 1])
    AL, caches = L_model_forward(X, parameters)
    with pytest.raises(ValueError, match="choose one of 'l2', 'l1'"):
        L_model_backward(AL, Y, caches, lambd=0.1, penalty=penalty)


def test_dropout_backward_refuses_a_mask_of_another_shape():
    with pytest.raises(
        ValueError,
        match=r"the mask D \(3, 2\) must be the one drawn for this "
        r"layer, shaped like dA \(2, 3\)",
    ):
        dropout_backward(np.ones((2, 3)), np.ones((3, 2)), 0.5)
    with pytest.raises(ValueError, match=r"the mask D \(6,\)"):
        dropout_backward(np.ones((2, 3)), np.ones(6), 0.5)


# ---- hypothesis properties of inverted dropout ---------------------------------------------------

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
small_arrays = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 9)), elements=finite)
keep_probs = st.floats(0.05, 1.0, exclude_min=True)


@settings(max_examples=40, deadline=None)
@given(st.lists(finite, min_size=1, max_size=6), st.floats(0.2, 1.0))
def test_dropout_keeps_the_expected_activation(values, keep_prob):
    # Each row of N copies of one activation a gets the mean a · (kept fraction) / keep_prob. With
    # the fixed seed
    # the N uniforms of a row are fixed, and the DKW inequality bounds |kept fraction − keep_prob| ≤
    # 0.015 for every
    # keep_prob at once except with probability 2·exp(−2·N·0.015²) < 1e−7 per row; for the six rows
    # of seed 0 the
    # largest deviation is 0.0073 (measured), so the bound holds for every keep_prob hypothesis can
    # choose.
    N = 40_000
    A = np.repeat(np.array(values).reshape(-1, 1), N, axis=1)
    A_dropped, _ = dropout_forward(A, keep_prob, np.random.default_rng(0))
    mean = A_dropped.mean(axis=1)
    np.testing.assert_allclose(mean, values, rtol=0.015 / keep_prob, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(small_arrays, keep_probs, st.integers(0, 2**32 - 1))
def test_inverted_dropout_scales_the_kept_units_and_zeroes_the_rest(A, keep_prob, seed):
    before = A.copy()
    A_dropped, D = dropout_forward(A, keep_prob, np.random.default_rng(seed))
    np.testing.assert_array_equal(A, before)  # the input is not changed
    assert D.shape == A.shape and A_dropped.shape == A.shape
    assert np.isin(D, (0, 1)).all()
    kept = D.astype(bool)
    np.testing.assert_array_equal(A_dropped[kept], A[kept] / keep_prob)  # exactly A / keep_prob
    np.testing.assert_array_equal(A_dropped[~kept], 0.0)
    # the same seed gives the same mask (no hidden global state)
    np.testing.assert_array_equal(dropout_forward(A, keep_prob, np.random.default_rng(seed))[1], D)


@settings(max_examples=40, deadline=None)
@given(small_arrays, st.integers(0, 2**32 - 1))
def test_keep_prob_one_is_the_identity(A, seed):
    A_dropped, D = dropout_forward(A, 1.0, np.random.default_rng(seed))
    np.testing.assert_array_equal(A_dropped, A)
    assert D.all()
    dA = A[::-1].copy()
    np.testing.assert_array_equal(dropout_backward(dA, D, 1.0), dA)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 1.0))
def test_mask_keeps_a_keep_prob_fraction_of_the_units(keep_prob):
    # 100 000 fixed uniforms: by the DKW inequality the kept fraction is within 0.01 of every
    # keep_prob at once
    # except with probability 2·exp(−2·10⁵·10⁻⁴) ≈ 4e−9; for seed 1 the largest deviation is 0.0019
    # (measured)
    _, D = dropout_forward(np.ones((200, 500)), keep_prob, np.random.default_rng(1))
    assert abs(D.mean() - keep_prob) < 0.01


@settings(max_examples=60, deadline=None)
@given(small_arrays, keep_probs, st.integers(0, 2**32 - 1))
def test_dropout_backward_passes_gradient_only_through_the_kept_units(dA, keep_prob, seed):
    D = np.random.default_rng(seed).random(dA.shape) < keep_prob
    before, D_before = dA.copy(), D.copy()
    dA_prev = dropout_backward(dA, D, keep_prob)
    np.testing.assert_array_equal(dA, before)
    np.testing.assert_array_equal(D, D_before)
    np.testing.assert_array_equal(dA_prev[D], dA[D] / keep_prob)
    np.testing.assert_array_equal(dA_prev[~D], 0.0)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda L: st.lists(st.integers(1, 5), min_size=L + 1, max_size=L + 1)
    ),
    st.floats(0.3, 1.0),
    st.integers(0, 1000),
)
def test_dropout_network_shapes_and_no_mutation(layer_dims, keep_prob, seed):
    rng = np.random.default_rng(seed)
    parameters = random_network(rng, layer_dims)
    X = rng.standard_normal((layer_dims[0], 5))
    Y = (rng.random((layer_dims[-1], 5)) > 0.5) * 1.0
    before = copy_of(parameters)
    AL, caches, masks = L_model_forward_with_dropout(X, parameters, keep_prob, rng)
    assert AL.shape == (layer_dims[-1], 5) and len(masks) == len(layer_dims) - 2
    for l, D in enumerate(masks, start=1):
        assert D is None if keep_prob == 1 else D.shape == (layer_dims[l], 5)
    grads = L_model_backward_with_dropout(AL, Y, caches, masks, keep_prob, lambd=0.1)
    for key, value in parameters.items():
        assert grads["d" + key].shape == value.shape
    for key, value in before.items():
        np.testing.assert_array_equal(parameters[key], value)


# ---- the course's 3-layer network with its tuple caches ------------------------------------------


PLAIN_CACHE = ("Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
DROPOUT_CACHE = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


@pytest.mark.parametrize("keep_prob", [None, 0.6, 1.0])
def test_three_layer_forward_is_the_L_layer_forward_with_the_courses_cache(keep_prob):
    parameters, X, _ = problem(21, [3, 5, 4, 1], m=9)
    A3, cache = three_layer_forward(X, parameters, keep_prob, np.random.default_rng(2))
    names = PLAIN_CACHE if keep_prob is None else DROPOUT_CACHE
    assert len(cache) == len(names)
    named = dict(zip(names, cache, strict=True))
    AL, caches, masks = L_model_forward_with_dropout(
        X, parameters, keep_prob or 1.0, np.random.default_rng(2)
    )
    np.testing.assert_array_equal(A3, AL)
    np.testing.assert_array_equal(named["A3"], AL)
    for l in (1, 2, 3):
        np.testing.assert_array_equal(named[f"Z{l}"], caches[l - 1].activation_cache)
        assert named[f"W{l}"] is parameters[f"W{l}"] and named[f"b{l}"] is parameters[f"b{l}"]
    for l in (1, 2):  # the cached A[l] is the one layer l + 1 used: after its mask
        np.testing.assert_array_equal(named[f"A{l}"], caches[l].linear_cache.A_prev)
        if keep_prob == 0.6:
            np.testing.assert_array_equal(named[f"D{l}"], masks[l - 1])
        elif keep_prob == 1.0:  # still drawn, as the course does, and all ones
            assert named[f"D{l}"].all() and named[f"D{l}"].shape == named[f"A{l}"].shape


def test_three_layer_forward_draws_D1_then_D2_as_dropout_forward_does():
    parameters, X, _ = problem(22, [3, 5, 4, 1], m=9)
    _, cache = three_layer_forward(X, parameters, 0.7, np.random.default_rng(4))
    rng = np.random.default_rng(4)
    np.testing.assert_array_equal(cache[1], rng.random((5, 9)) < 0.7)
    np.testing.assert_array_equal(cache[6], rng.random((4, 9)) < 0.7)
    np.testing.assert_array_equal(cache[2], np.maximum(cache[0], 0) * cache[1] / 0.7)


@pytest.mark.parametrize(("lambd", "keep_prob"), [(0.0, None), (0.7, None), (0.0, 0.6), (0.4, 0.8)])
def test_three_layer_backward_matches_torch_and_its_dZ_are_relu_backward(lambd, keep_prob):
    parameters, X, Y = problem(23, [4, 6, 5, 1], m=11)
    A3, cache = three_layer_forward(X, parameters, keep_prob, np.random.default_rng(6))
    grads = three_layer_backward(X, Y, cache, lambd, keep_prob or 1.0)
    assert tuple(grads) == GRADIENT_KEYS
    masks = None if keep_prob is None else [cache[1], cache[6]]
    _, expected = torch_cost_and_grads(
        parameters, X, Y, "relu", lambd, masks=masks, keep_probs=(keep_prob,) * 2
    )
    for key in ("dW3", "db3", "dA2", "dW2", "db2", "dA1", "dW1", "db1"):
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-9, atol=1e-13, err_msg=key)
    Z1, Z2 = cache[0], cache[5 if keep_prob else 4]
    np.testing.assert_array_equal(grads["dZ3"], A3 - Y)
    np.testing.assert_array_equal(grads["dZ2"], grads["dA2"] * (Z2 > 0))
    np.testing.assert_array_equal(grads["dZ1"], grads["dA1"] * (Z1 > 0))


@pytest.mark.parametrize(("lambd", "keep_prob"), [(0.0, 1), (0.7, 1), (0.0, 0.86)])
def test_the_courses_training_loop_on_the_three_layer_functions_is_model(moons, lambd, keep_prob):
    X, Y = moons
    rng = np.random.default_rng(5)
    parameters = initialize_parameters_deep([2, 8, 6, 1], rng, method="he")
    for _ in range(20):
        dropout = keep_prob if keep_prob < 1 else None
        _, cache = three_layer_forward(X, parameters, dropout, rng)
        grads = three_layer_backward(X, Y, cache, lambd, keep_prob)
        parameters = update_parameters(parameters, grads, 0.3)
    model = Model([2, 8, 6, 1], learning_rate=0.3, lambd=lambd, keep_prob=keep_prob, rng=5).fit(
        X, Y, 20
    )
    for key, value in parameters.items():
        np.testing.assert_array_equal(model.parameters[key], value, err_msg=key)


def test_three_layer_functions_pass_the_c2w1a_checks(capsys):
    from course_lib import checks

    checks.check_backward_propagation_with_regularization(
        lambda X, Y, cache, lambd: three_layer_backward(X, Y, cache, lambd)
    )
    checks.check_forward_propagation_with_dropout(
        lambda X, parameters, keep_prob=0.5, rng=1: three_layer_forward(
            X, parameters, keep_prob, rng
        )
    )
    checks.check_backward_propagation_with_dropout(
        lambda X, Y, cache, keep_prob: three_layer_backward(X, Y, cache, keep_prob=keep_prob)
    )
    assert capsys.readouterr().out.count("✓") == 3


def test_three_layer_functions_refuse_other_networks_and_caches_and_mutate_nothing():
    parameters, X, Y = problem(24, [3, 5, 4, 1], m=6)
    with pytest.raises(ValueError, match="takes parameters W1, b1, W2, b2, W3, b3"):
        three_layer_forward(X, {k: v for k, v in parameters.items() if k != "b3"})
    with pytest.raises(ValueError, match=r"X\.T"):
        three_layer_forward(X.T, parameters)
    before = copy_of(parameters), X.copy(), Y.copy()
    _, cache = three_layer_forward(X, parameters, 0.5, 0)
    cache_before = [x.copy() for x in cache]
    three_layer_backward(X, Y, cache, 0.3, 0.5)
    for x, x_before in zip(cache, cache_before, strict=True):
        np.testing.assert_array_equal(x, x_before)
    for key, value in before[0].items():
        np.testing.assert_array_equal(parameters[key], value)
    np.testing.assert_array_equal(X, before[1])
    with pytest.raises(ValueError, match="got 13 entries"):
        three_layer_backward(X, Y, cache[:-1])


# ---- Model with dropout and a penalty ------------------------------------------------------------


@pytest.fixture(scope="module")
def moons():
    from course_lib.datasets import load_overfit_moons

    return load_overfit_moons(60, seed=3)


def test_model_forward_predict_and_cost_are_free_of_dropout(moons):
    X, Y = moons
    model = Model([2, 8, 6, 1], keep_prob=0.5, lambd=0.2, learning_rate=0.1, rng=0).fit(X, Y, 5)
    state = model.rng.bit_generator.state
    AL = model.forward(X)
    np.testing.assert_array_equal(AL, L_model_forward(X, model.parameters)[0])
    np.testing.assert_array_equal(model.forward(X), AL)
    np.testing.assert_array_equal(model.predict_proba(X), AL)
    np.testing.assert_array_equal(model.predict(X), (AL > 0.5).astype(int))
    assert (
        model.cost(X, Y)
        == model.cost(X, Y)
        == compute_cost(AL, Y) + l2_cost(model.parameters, 0.2, X.shape[1])
    )
    assert model.accuracy(X, Y) == float(np.mean(model.predict(X) == Y))
    assert model.rng.bit_generator.state == state  # none of these drew a mask


def test_model_with_dropout_is_deterministic_for_a_seed(moons):
    X, Y = moons
    a = Model([2, 8, 6, 1], keep_prob=0.7, learning_rate=0.1, rng=3).fit(X, Y, 15)
    b = Model([2, 8, 6, 1], keep_prob=0.7, learning_rate=0.1, rng=3).fit(X, Y, 15)
    c = Model([2, 8, 6, 1], keep_prob=0.7, learning_rate=0.1, rng=4).fit(X, Y, 15)
    no_dropout = Model([2, 8, 6, 1], keep_prob=1.0, learning_rate=0.1, rng=3).fit(X, Y, 15)
    assert a.history["cost"] == b.history["cost"]
    for key in a.parameters:
        np.testing.assert_array_equal(a.parameters[key], b.parameters[key])
    assert a.history["cost"] != c.history["cost"]
    assert a.history["cost"] != no_dropout.history["cost"]
    # the initialization is the same as without dropout: only the masks come later from the same rng
    np.testing.assert_array_equal(
        Model([2, 8, 6, 1], keep_prob=0.7, rng=3).parameters["W1"],
        Model([2, 8, 6, 1], rng=3).parameters["W1"],
    )


@pytest.mark.parametrize("keep_prob", [0.6, [0.5, 1.0], [1.0, 0.8]])
@pytest.mark.parametrize(("lambd", "penalty"), [(0.0, "l2"), (0.3, "l2"), (0.3, "l1")])
def test_model_step_is_the_dropout_functions_with_the_models_rng(moons, keep_prob, lambd, penalty):
    # "rng seeds the initialization and then the dropout masks": the same generator reproduces three
    # steps exactly
    X, Y = moons
    model = Model(
        [2, 8, 6, 1], learning_rate=0.2, lambd=lambd, penalty=penalty, keep_prob=keep_prob, rng=7
    )
    model.step(X, Y, 3)
    rng = np.random.default_rng(7)
    parameters = initialize_parameters_deep([2, 8, 6, 1], rng, method="he")
    costs = []
    for _ in range(3):
        AL, caches, masks = L_model_forward_with_dropout(X, parameters, keep_prob, rng)
        costs.append(compute_cost(AL, Y) + penalty_cost(parameters, lambd, X.shape[1], penalty))
        grads = L_model_backward_with_dropout(
            AL, Y, caches, masks, keep_prob, lambd=lambd, penalty=penalty
        )
        parameters = update_parameters(parameters, grads, 0.2)
    np.testing.assert_allclose(model.history["cost"], costs, rtol=1e-14)
    for key, value in parameters.items():
        np.testing.assert_allclose(model.parameters[key], value, rtol=0, atol=1e-15, err_msg=key)


@pytest.mark.parametrize(
    ("layer_dims", "hidden"), [([2, 1], "relu"), ([2, 5, 1], "tanh"), ([2, 6, 4, 1], "relu")]
)
def test_model_without_regularization_has_exactly_the_plain_history(moons, layer_dims, hidden):
    X, Y = moons
    model = Model(layer_dims, hidden, learning_rate=0.3, lambd=0.0, keep_prob=1.0, rng=2).fit(
        X, Y, 25
    )
    parameters = initialize_parameters_deep(layer_dims, np.random.default_rng(2), method="he")
    costs = []
    for _ in range(25):
        AL, caches = L_model_forward(X, parameters, hidden)
        costs.append(compute_cost(AL, Y))
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches, hidden), 0.3)
    assert model.history["cost"] == costs
    for key, value in parameters.items():
        np.testing.assert_array_equal(model.parameters[key], value)
    assert model.keep_probs == (1.0,) * (len(layer_dims) - 2)
    assert "keep_prob" not in repr(model)


def test_model_with_l2_shrinks_the_weights_and_l1_zeroes_more_of_them(moons):
    X, Y = moons
    plain = Model([2, 20, 1], learning_rate=0.3, rng=1).fit(X, Y, 300)
    ridge = Model([2, 20, 1], learning_rate=0.3, lambd=3.0, rng=1).fit(X, Y, 300)
    lasso = Model([2, 20, 1], learning_rate=0.3, lambd=3.0, penalty="l1", rng=1).fit(X, Y, 300)
    norm = lambda p: sum(np.sum(p[k] ** 2) for k in p if k.startswith("W"))  # noqa: E731
    assert norm(ridge.parameters) < 0.7 * norm(plain.parameters)
    small = lambda p: np.mean(np.abs(p["W1"]) < 0.05)  # noqa: E731
    assert small(lasso.parameters) > small(ridge.parameters)
    assert lasso.cost(X, Y) == pytest.approx(
        compute_cost(lasso.forward(X), Y) + l1_cost(lasso.parameters, 3.0, 60)
    )


def test_model_per_layer_keep_prob_and_repr():
    model = Model([2, 8, 6, 1], keep_prob=[0.5, 0.9], lambd=0.1, penalty="l1")
    assert model.keep_probs == (0.5, 0.9)
    assert "keep_prob=(0.5, 0.9)" in repr(model) and "(l1)" in repr(model)
    with pytest.raises(
        ValueError,
        match=r"one keep_prob per hidden layer: this network has L − 1 "
        r"= 2 hidden layer\(s\), "
        r"got 1 values \(0.5,\) \(the output layer is never "
        r"dropped\)",
    ):
        Model([2, 8, 6, 1], keep_prob=[0.5])
    with pytest.raises(ValueError, match=r"L − 1 = 1 hidden layer\(s\), got 3 values"):
        Model([2, 8, 1], keep_prob=[0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match=r"keep_prob\[1\] must lie in \(0, 1\] — the probability"):
        Model([2, 8, 6, 1], keep_prob=[0.0, 0.5])
    with pytest.raises(TypeError, match=r"keep_prob\[2\] must be a number"):
        Model([2, 8, 6, 1], keep_prob=[0.5, True])


def test_dropout_on_a_network_without_hidden_layers_is_refused():
    with pytest.raises(
        ValueError, match="dropout acts on hidden layers, and this network has none"
    ):
        Model([2, 1], keep_prob=0.5)
    assert Model([2, 1], keep_prob=1.0).keep_probs == ()


def test_dropout_forward_accepts_nested_lists():
    A, D = dropout_forward([[1.0, 2.0], [3.0, 4.0]], 1.0, 0)
    np.testing.assert_array_equal(A, [[1.0, 2.0], [3.0, 4.0]])
    assert D.all()


def test_backprop_gradients_takes_the_penalty():
    rng = np.random.default_rng(3)
    parameters = initialize_parameters_deep([3, 4, 1], rng, "he")
    X, Y = rng.standard_normal((3, 6)), (rng.random((1, 6)) > 0.5) * 1.0
    grads = backprop_gradients(parameters, X, Y, lambd=0.5, penalty="l1")
    assert gradient_check_n(parameters, grads, X, Y, lambd=0.5, penalty="l1") < 1e-7
