"""course_lib.gradcheck: θ packing, the two-sided difference, and that a real bug is caught."""
import numpy as np
import pytest

from course_lib.gradcheck import (
    backprop_gradients,
    dictionary_to_vector,
    gradient_check_n,
    numerical_gradient,
    relative_difference,
    vector_to_dictionary,
)
from course_lib.initializers import initialize_parameters_deep


@pytest.fixture
def network():
    rng = np.random.default_rng(21)
    parameters = initialize_parameters_deep([4, 5, 3, 1], rng, method="xavier")
    parameters = {k: v + (0.1 * rng.standard_normal(v.shape) if k.startswith("b") else 0) for k, v in
                  parameters.items()}
    X = rng.standard_normal((4, 8))
    Y = (X[:1] - X[1:2] > 0) * 1.0
    return parameters, X, Y


def test_dictionary_to_vector_round_trip(network):
    parameters, _, _ = network
    theta, layout = dictionary_to_vector(parameters)
    assert theta.shape == (sum(v.size for v in parameters.values()), 1)
    assert [key for key, _ in layout] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    back = vector_to_dictionary(theta, layout)
    assert set(back) == set(parameters)
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
        assert back[key].shape == parameters[key].shape


def test_dictionary_to_vector_orders_layers_numerically():
    parameters = {f"{p}{l}": np.full((1, 1), 10 * l + (p == "b")) for l in (10, 2, 1) for p in "bW"}
    theta, layout = dictionary_to_vector(parameters)
    assert [key for key, _ in layout] == ["W1", "b1", "W2", "b2", "W10", "b10"]
    np.testing.assert_array_equal(theta.ravel(), [10, 11, 20, 21, 100, 101])


def test_dictionary_to_vector_does_not_alias_the_parameters(network):
    parameters, _, _ = network
    W1 = parameters["W1"].copy()
    theta, _ = dictionary_to_vector(parameters)
    theta[:] = 0
    np.testing.assert_array_equal(parameters["W1"], W1)


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda v: float(np.sum(v**3)), x)
    np.testing.assert_allclose(grad, 3 * x**2, rtol=1e-7)
    np.testing.assert_array_equal(x, [[1.0, -2.0], [0.5, 3.0]])  # x itself is not perturbed


def test_relative_difference():
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_difference(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == 0.0
    assert relative_difference(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)
    assert relative_difference(np.array([3.0]), np.array([1.0])) == pytest.approx(0.5)


def test_correct_backprop_passes(network):
    parameters, X, Y = network
    grads = backprop_gradients(parameters, X, Y)
    assert gradient_check_n(parameters, grads, X, Y) < 1e-7


@pytest.mark.parametrize(("bug", "key"), [
    ("scale", "dW1"),      # dW1 doubled
    ("scale", "db2"),      # db2 doubled
    ("sign", "dW3"),       # output layer with the wrong sign
    ("no_1/m", "dW2"),     # the 1/m forgotten in one layer
    ("permute", "dW2"),    # right numbers in the wrong places
])
def test_planted_bug_is_detected(network, bug, key):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    m = X.shape[1]
    if bug == "scale":
        grads[key] = grads[key] * 2
    elif bug == "sign":
        grads[key] = -grads[key]
    elif bug == "no_1/m":
        grads[key] = grads[key] * m
    else:
        grads[key] = grads[key][::-1, ::-1].copy()
    assert gradient_check_n(parameters, grads, X, Y) > 1e-3


def test_gradient_check_does_not_change_the_parameters(network):
    parameters, X, Y = network
    before = {k: v.copy() for k, v in parameters.items()}
    gradient_check_n(parameters, backprop_gradients(parameters, X, Y), X, Y)
    for key, value in before.items():
        np.testing.assert_array_equal(parameters[key], value)
