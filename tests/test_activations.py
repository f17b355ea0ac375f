"""course_lib.activations: properties, golden values and errors (gradient checks and torch parity on
fixed inputs: tests/test_ops.py)."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from torch_reference import TORCH_FORWARD

from course_lib import activations
from course_lib.activations import (
    ACTIVATIONS,
    check_activation,
    derivative,
    get_activation,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    softmax,
    softmax_backward,
    tanh,
)

NAMES = list(TORCH_FORWARD)


PROPERTY = settings(max_examples=50, deadline=None)

finite_matrices = arrays(
    np.float64,
    st.tuples(st.integers(1, 5), st.integers(1, 6)),
    elements=st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False),
)


# both signs of zero and the smallest floats
KINK = np.array([[0.0, -0.0, 5e-324, -5e-324, 1.0, -1.0]])


def away_from_kink(rng, shape, gap=1e-3):
    """Standard normal entries with |z| ≥ gap, so a ±1e-7 step never crosses the ReLU kink."""
    Z = rng.standard_normal(shape) * 2
    Z[np.abs(Z) < gap] = gap
    return Z


@pytest.mark.parametrize("name", NAMES)
def test_every_activation_is_registered(name):
    assert name in ACTIVATIONS
    forward, backward = get_activation(name)
    assert callable(forward) and callable(backward)


def torch_gradient(name, Z, dA):
    """dL/dZ from torch.autograd in float64, for a loss L whose gradient at A = g(Z) is dA."""
    z = torch.tensor(Z, dtype=torch.float64, requires_grad=True)
    TORCH_FORWARD[name](z).backward(torch.tensor(dA, dtype=torch.float64))
    return z.grad.numpy()


def test_torch_parity_includes_softmax_cross_terms():
    # a one-hot dA per column exercises the off-diagonal Jacobian terms of softmax
    Z = np.array([[1.0, -0.5], [2.0, 0.3], [0.5, 1.2]])
    dA = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    dZ = softmax_backward(dA, Z)
    np.testing.assert_allclose(dZ, torch_gradient("softmax", Z, dA), rtol=1e-12, atol=1e-15)
    # rows whose dA is 0 still get a gradient
    assert np.all(dZ[1:, 0] < 0) and np.all(dZ[:2, 1] < 0)


# ---- golden values -------------------------------------------------------------------------------


def test_sigmoid_golden_values():
    assert sigmoid(0) == 0.5
    np.testing.assert_allclose(
        sigmoid(np.array([-1.0, 1.0, 2.0])),
        [0.2689414213699951, 0.7310585786300049, 0.8807970779778823],
        rtol=1e-14,
    )
    # the course's c1w2 example: sigmoid([0, 2]) = [0.5, 0.88079708]
    np.testing.assert_allclose(sigmoid(np.array([0.0, 2.0])), [0.5, 0.88079708], rtol=1e-8)


@pytest.mark.parametrize("z", [-20.0, -30.0, -40.0, -700.0])
def test_sigmoid_keeps_relative_precision_in_the_tail(z):
    # σ(z) = e^z / (1 + e^z); a (1 + tanh(z/2))/2 form cancels to 0 here
    expected = np.exp(z) / (1.0 + np.exp(z))
    assert sigmoid(z) > 0
    np.testing.assert_allclose(sigmoid(z), expected, rtol=1e-13)


def test_tanh_relu_leaky_golden_values():
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]])
    np.testing.assert_allclose(
        tanh(z),
        [[-0.9640275800758169, -0.46211715726000974, 0.0, 0.46211715726000974, 0.9950547536867305]],
        rtol=1e-14,
    )
    np.testing.assert_array_equal(relu(z), [[0.0, 0.0, 0.0, 0.5, 3.0]])
    np.testing.assert_allclose(leaky_relu(z), [[-0.02, -0.005, 0.0, 0.5, 3.0]], rtol=1e-15)


def test_softmax_golden_values():
    # the course's c2w3 softmax example: z = [5, 2, -1, 3] → [0.842, 0.042, 0.002, 0.114]
    A = softmax(np.array([[5.0], [2.0], [-1.0], [3.0]]))
    np.testing.assert_allclose(A.ravel(), [0.842, 0.042, 0.002, 0.114], atol=5e-4)
    t = np.exp([5.0, 2.0, -1.0, 3.0])
    np.testing.assert_allclose(A.ravel(), t / t.sum(), rtol=1e-14)
    # columns are independent examples
    A2 = softmax(np.array([[0.0, 1.0], [0.0, 1.0]]))
    np.testing.assert_allclose(A2, 0.5)


def test_leaky_relu_derivative_follows_the_errata():
    # g'(z) = 1 for z ≥ 0 (including 0) and 0.01 below, not 0 below as one slide shows
    z = np.array([[-3.0, -1e-9, 0.0, 1e-9, 2.0]])
    np.testing.assert_array_equal(derivative("leaky_relu", z), [[0.01, 0.01, 1.0, 1.0, 1.0]])
    np.testing.assert_array_equal(
        leaky_relu_backward(np.full_like(z, 2.0), z), [[0.02, 0.02, 2.0, 2.0, 2.0]]
    )


def test_relu_derivative_is_an_indicator():
    z = np.array([[-1.0, 0.0, 1e-12, 4.0]])
    np.testing.assert_array_equal(derivative("relu", z), [[0.0, 0.0, 1.0, 1.0]])
    np.testing.assert_array_equal(
        relu_backward(np.array([[5.0, 5.0, 5.0, 5.0]]), z), [[0.0, 0.0, 5.0, 5.0]]
    )


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "linear"])
def test_elementwise_derivative_values(name):
    z = np.linspace(-3, 3, 13).reshape(1, -1)
    expected = {
        "sigmoid": sigmoid(z) * (1 - sigmoid(z)),
        "tanh": 1 - np.tanh(z) ** 2,
        "linear": np.ones_like(z),
    }
    np.testing.assert_allclose(derivative(name, z), expected[name], rtol=1e-14)


# ---- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["Relu", "softplus", "", None, 3])
def test_unknown_activation_lists_the_valid_names(bad):
    with pytest.raises(ValueError) as info:
        get_activation(bad)
    message = str(info.value)
    assert repr(bad) in message
    for name in NAMES:
        assert repr(name) in message


def test_derivative_refuses_softmax():
    with pytest.raises(ValueError, match="softmax_backward"):
        derivative("softmax", np.zeros((3, 2)))


def test_derivative_unknown_name_and_nan():
    with pytest.raises(ValueError, match="'sigmoid'"):
        derivative("swish", np.zeros((1, 2)))
    with pytest.raises(ValueError, match="NaN"):
        derivative("tanh", np.array([[0.0, np.nan]]))


# ---- properties ----------------------------------------------------------------------------------


def _no_float_warnings(fn, *args):
    """Call fn with every floating-point overflow/invalid/divide turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            return fn(*args)


@PROPERTY
@given(finite_matrices)
def test_softmax_columns_are_probability_vectors(Z):
    A = _no_float_warnings(softmax, Z)
    assert A.shape == Z.shape
    assert np.all(np.isfinite(A))
    assert np.all(A >= 0)
    assert np.all(A[Z - Z.max(axis=0) > -700] > 0)  # only a gap beyond exp's range may round to 0
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-12)


@PROPERTY
@given(finite_matrices)
def test_softmax_is_shift_invariant_per_column(Z):
    shift = np.linspace(-50, 50, Z.shape[1]).reshape(1, -1)
    np.testing.assert_allclose(softmax(Z + shift), softmax(Z), atol=1e-12)


@PROPERTY
@given(finite_matrices)
def test_sigmoid_range_and_symmetry(Z):
    S = _no_float_warnings(sigmoid, Z)
    assert np.all((S >= 0) & (S <= 1))
    np.testing.assert_allclose(_no_float_warnings(sigmoid, -Z), 1.0 - S, rtol=0, atol=5e-16)


@PROPERTY
@given(finite_matrices, st.sampled_from(NAMES))
def test_forward_and_backward_are_finite_without_warnings(Z, name):
    forward, backward = get_activation(name)
    A = _no_float_warnings(forward, Z)
    dZ = _no_float_warnings(backward, np.ones_like(Z), Z)
    assert A.shape == dZ.shape == Z.shape
    assert np.all(np.isfinite(A)) and np.all(np.isfinite(dZ))


@PROPERTY
@given(finite_matrices)
def test_relu_is_nonnegative_and_leaky_relu_keeps_sign(Z):
    assert np.all(relu(Z) >= 0)
    np.testing.assert_array_equal(relu(Z), np.where(Z > 0, Z, 0.0))
    normal = np.abs(Z) >= 1e-300  # 0.01·z underflows to −0.0 for subnormal z
    np.testing.assert_array_equal(np.sign(leaky_relu(Z))[normal], np.sign(Z)[normal])
    assert np.all(leaky_relu(Z)[Z < 0] <= 0)
    assert np.all(tanh(Z) <= 1) and np.all(tanh(Z) >= -1)


@PROPERTY
@given(finite_matrices, st.sampled_from(NAMES))
def test_inputs_are_never_mutated(Z, name):
    forward, backward = get_activation(name)
    dA = np.cos(Z)
    Z_before, dA_before = Z.copy(), dA.copy()
    forward(Z)
    backward(dA, Z)
    if name != "softmax":
        derivative(name, Z)
    np.testing.assert_array_equal(Z, Z_before)
    np.testing.assert_array_equal(dA, dA_before)


@PROPERTY
@given(finite_matrices, st.sampled_from(["sigmoid", "tanh", "relu", "leaky_relu", "linear"]))
@example(KINK, "relu")
@example(KINK, "leaky_relu")
def test_backward_and_derivative_match_torch_autograd_on_any_finite_input(Z, name):
    dA = np.sin(Z) + 0.5
    expected, slope = torch_gradient(name, Z, dA), torch_gradient(name, Z, np.ones_like(Z))
    if name == "leaky_relu":  # the course takes g'(0) = 1 (the errata); torch takes the slope 0.01
        expected, slope = np.where(Z == 0, dA, expected), np.where(Z == 0, 1.0, slope)
    # atol: torch's and NumPy's tanh and exp may differ in the last bit, and 1 − tanh² cancels near
    # saturation
    np.testing.assert_allclose(get_activation(name)[1](dA, Z), expected, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(derivative(name, Z), slope, rtol=1e-12, atol=1e-14)


def test_forward_of_extreme_values_is_exact():
    z = np.array([[-1e3, -745.0, 0.0, 745.0, 1e3]])
    s = _no_float_warnings(sigmoid, z)
    assert s[0, 0] == 0.0 and s[0, -1] == 1.0 and s[0, 2] == 0.5
    A = _no_float_warnings(softmax, np.array([[1e3, -1e3], [-1e3, 1e3]]))
    np.testing.assert_array_equal(A, [[1.0, 0.0], [0.0, 1.0]])


def test_identity_backward_copies_dA():
    # "linear" (the identity) has g'(Z) = 1, so dZ is a copy of dA, never dA itself
    dA = np.ones((2, 2))
    dZ = activations.identity_backward(dA, np.zeros((2, 2)))
    np.testing.assert_array_equal(dZ, dA)
    assert dZ is not dA
    assert get_activation("linear") == (activations.identity, activations.identity_backward)


def test_one_registry_of_names_and_roles():
    assert set(activations.HIDDEN_ACTIVATIONS) | {"softmax"} == set(ACTIVATIONS)
    assert set(activations.OUTPUT_ACTIVATIONS) <= set(ACTIVATIONS)
    assert activations.HIDDEN_ACTIVATIONS == ("relu", "tanh", "sigmoid", "leaky_relu", "linear")
    assert activations.OUTPUT_ACTIVATIONS == ("sigmoid", "softmax", "linear")
    assert check_activation("softmax", "output") == "softmax"
    hidden = (
        r"unknown hidden activation 'softmax'; choose one of 'relu', 'tanh', 'sigmoid', "
        r"'leaky_relu', 'linear' \(softmax belongs to the output layer only\)"
    )
    with pytest.raises(ValueError, match=hidden):
        check_activation("softmax", "hidden")
    output = (
        r"unknown output activation 'relu'; choose one of 'sigmoid', 'softmax', 'linear' "
        r"\(sigmoid: binary, softmax: classes, linear: regression\)"
    )
    with pytest.raises(ValueError, match=output):
        check_activation("relu", "output")
    with pytest.raises(ValueError, match="role must be"):
        check_activation("relu", "input")


def test_every_activation_a_widget_offers_is_in_the_registry():
    from course_lib.playground import ACTIVATIONS as playground_activations
    from course_lib.widgets import ShallowNetworkPanel

    for offered in (playground_activations, ShallowNetworkPanel.ACTIVATIONS):
        assert set(offered) <= set(activations.HIDDEN_ACTIVATIONS), offered
