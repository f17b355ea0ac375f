"""course_lib.dense: linear and linear-activation forward/backward."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from torch_reference import TORCH_FORWARD

from course_lib.activations import get_activation
from course_lib.dense import (
    LayerCache,
    LinearCache,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
)

ACTIVATIONS = list(TORCH_FORWARD)


def layer(rng, n_prev=4, n=3, m=5):
    return (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.standard_normal((n, 1)),
    )


# ---- forward -------------------------------------------------------------------------------------


def test_linear_forward_value_and_cache():
    A_prev = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]])
    b = np.array([[1.0], [-2.0]])
    Z, cache = linear_forward(A_prev, W, b)
    np.testing.assert_array_equal(Z, [[-3.0, -3.0], [2.5, 4.0]])
    assert isinstance(cache, LinearCache)
    A_cached, W_cached, b_cached = cache  # still unpacks like the course's tuple
    assert A_cached is A_prev and W_cached is W and b_cached is b


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_linear_activation_forward_shapes_and_cache(activation):
    rng = np.random.default_rng(0)
    A_prev, W, b = layer(rng, n_prev=4, n=3, m=5)
    A, cache = linear_activation_forward(A_prev, W, b, activation)
    assert A.shape == (3, 5)
    assert isinstance(cache, LayerCache)
    linear_cache, Z = cache
    np.testing.assert_allclose(Z, W @ A_prev + b)
    np.testing.assert_allclose(A, get_activation(activation)[0](Z))
    assert linear_cache.W is W


def test_linear_activation_forward_course_example():
    # c1w4 "linear_activation_forward_test_case" style: one output unit, two examples
    A_prev = np.array(
        [[-0.41675785, -0.05626683], [-2.1361961, 1.64027081], [-1.79343559, -0.84174737]]
    )
    W = np.array([[0.50288142, -1.24528809, -1.05795222]])
    b = np.array([[-0.90900761]])
    Z = W @ A_prev + b
    A_sig, _ = linear_activation_forward(A_prev, W, b, "sigmoid")
    A_relu, _ = linear_activation_forward(A_prev, W, b, "relu")
    np.testing.assert_allclose(A_sig, 1 / (1 + np.exp(-Z)), rtol=1e-14)
    np.testing.assert_allclose(A_sig, [[0.96890023, 0.11013289]], rtol=1e-7)
    np.testing.assert_allclose(A_relu, [[3.43896131, 0.0]], rtol=1e-7)


# ---- backward (gradient checks, torch parity, no mutation: tests/test_ops.py) --------------------


def test_linear_backward_course_golden_values():
    # dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ dZ, dA_prev = Wᵀ dZ on a small hand-computed case
    A_prev = np.array([[1.0, 2.0], [0.0, -1.0]])
    W = np.array([[2.0, -1.0]])
    b = np.array([[0.5]])
    dZ = np.array([[1.0, 3.0]])
    dA_prev, dW, db = linear_backward(dZ, LinearCache(A_prev, W, b))
    np.testing.assert_array_equal(dW, [[3.5, -1.5]])
    np.testing.assert_array_equal(db, [[2.0]])
    np.testing.assert_array_equal(dA_prev, [[2.0, 6.0], [-1.0, -3.0]])


# ---- no mutation ---------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.integers(1, 6),
    st.sampled_from(ACTIVATIONS),
    st.integers(0, 2**32 - 1),
)
def test_forward_and_backward_never_mutate_inputs(n_prev, n, m, activation, seed):
    rng = np.random.default_rng(seed)
    A_prev, W, b = layer(rng, n_prev, n, m)
    dA = rng.standard_normal((n, m))
    before = [x.copy() for x in (A_prev, W, b, dA)]
    A, cache = linear_activation_forward(A_prev, W, b, activation)
    Z_before = cache.activation_cache.copy()
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)
    for x, x0 in zip((A_prev, W, b, dA), before, strict=True):
        np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(cache.activation_cache, Z_before)
    assert (
        A.shape == (n, m)
        and dA_prev.shape == (n_prev, m)
        and dW.shape == (n, n_prev)
        and db.shape == (n, 1)
    )


# ---- errors --------------------------------------------------------------------------------------


def test_mismatched_W_and_A_prev_names_both_shapes():
    rng = np.random.default_rng(2)
    W, b = rng.standard_normal((3, 4)), np.zeros((3, 1))
    with pytest.raises(ValueError) as info:
        linear_forward(rng.standard_normal((5, 6)), W, b)
    message = str(info.value)
    assert "(3, 4)" in message and "(5, 6)" in message
    assert "A_prev.T" not in message  # (6, 5) would not fit either, so no transpose hint


def test_transposed_A_prev_gets_the_hint():
    rng = np.random.default_rng(3)
    W, b = rng.standard_normal((3, 4)), np.zeros((3, 1))
    A_prev = rng.standard_normal((4, 10))
    with pytest.raises(ValueError) as info:
        linear_forward(A_prev.T, W, b)
    message = str(info.value)
    assert "A_prev.T" in message
    assert "(10, 4)" in message and "(3, 4)" in message
    with pytest.raises(ValueError, match=r"A_prev\.T"):
        linear_activation_forward(A_prev.T, W, b, "relu")


def test_one_dimensional_A_prev_is_refused():
    W, b = np.ones((2, 3)), np.zeros((2, 1))
    with pytest.raises(ValueError, match="examples as columns"):
        linear_forward(np.ones(3), W, b)


@pytest.mark.parametrize("b_shape", [(3,), (1, 3), (3, 2), (4, 1), (1, 1)])
def test_bad_b_shape_is_refused_not_broadcast(b_shape):
    rng = np.random.default_rng(4)
    W, A_prev = rng.standard_normal((3, 4)), rng.standard_normal((4, 3))
    with pytest.raises(ValueError) as info:
        linear_forward(A_prev, W, np.zeros(b_shape))
    message = str(info.value)
    assert "(3, 1)" in message and str(b_shape) in message


def test_unknown_activation_in_a_layer():
    rng = np.random.default_rng(5)
    A_prev, W, b = layer(rng)
    with pytest.raises(ValueError, match="'relu'"):
        linear_activation_forward(A_prev, W, b, "ReLU")
    _, cache = linear_activation_forward(A_prev, W, b, "relu")
    with pytest.raises(ValueError, match="'tanh'"):
        linear_activation_backward(np.ones((3, 5)), cache, "hardtanh")
