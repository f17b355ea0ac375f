"""course_lib.logistic: logistic regression as a one-neuron network (c1w2)."""

import numpy as np
import pytest
import torch

from course_lib.datasets import load_faces
from course_lib.gradcheck import numerical_gradient, relative_difference
from course_lib.logistic import initialize_with_zeros, optimize, predict_logistic, propagate


def course_example():
    w = np.array([[1.0], [2.0]])
    b = 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    return w, b, X, Y


def test_initialize_with_zeros():
    w, b = initialize_with_zeros(3)
    assert w.shape == (3, 1) and w.dtype == np.float64 and np.all(w == 0)
    assert b == 0.0 and isinstance(b, float)


def test_propagate_course_golden_values():
    grads, cost = propagate(*course_example())
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], rtol=1e-8)
    assert grads["db"] == pytest.approx(0.00145557813678, rel=1e-9)
    assert cost == pytest.approx(5.801545319394553, rel=1e-12)
    assert grads["dw"].shape == (2, 1)
    assert isinstance(cost, float)


def test_propagate_does_not_mutate_inputs():
    w, b, X, Y = course_example()
    copies = w.copy(), X.copy(), Y.copy()
    propagate(w, b, X, Y)
    for before, after in zip(copies, (w, X, Y), strict=True):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_propagate_gradient_check(seed):
    rng = np.random.default_rng(seed)
    n_x, m = 4, 9
    w, b = rng.standard_normal((n_x, 1)), float(rng.standard_normal())
    X, Y = rng.standard_normal((n_x, m)), (rng.random((1, m)) > 0.5) * 1.0
    grads, _ = propagate(w, b, X, Y)
    dw_numeric = numerical_gradient(lambda w_: propagate(w_, b, X, Y)[1], w)
    db_numeric = numerical_gradient(lambda b_: propagate(w, float(b_[0]), X, Y)[1], np.array([b]))
    assert relative_difference(dw_numeric, grads["dw"]) < 1e-7
    assert relative_difference(db_numeric, np.array([grads["db"]])) < 1e-7


def test_propagate_matches_torch():
    rng = np.random.default_rng(5)
    w, b = rng.standard_normal((3, 1)), 0.4
    X, Y = rng.standard_normal((3, 11)), (rng.random((1, 11)) > 0.5) * 1.0
    w_t = torch.tensor(w, requires_grad=True)
    b_t = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    cost_t = torch.nn.functional.binary_cross_entropy_with_logits(
        w_t.T @ torch.tensor(X) + b_t, torch.tensor(Y)
    )
    cost_t.backward()
    grads, cost = propagate(w, b, X, Y)
    assert cost == pytest.approx(cost_t.item(), rel=1e-12)
    np.testing.assert_allclose(grads["dw"], w_t.grad.numpy(), rtol=1e-12)
    assert grads["db"] == pytest.approx(b_t.grad.item(), rel=1e-12)


def test_propagate_refuses_transposed_X_and_1d_Y():
    w, b, X, Y = course_example()
    with pytest.raises(ValueError, match=r"X\.T"):
        propagate(w, b, X.T, Y)
    with pytest.raises(ValueError, match="1-D"):
        propagate(w, b, X, Y.ravel())


def test_optimize_course_golden_values():
    w, b, X, Y = course_example()
    params, grads, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009)
    np.testing.assert_allclose(params["w"], [[0.19033591], [0.12259159]], rtol=1e-7)
    assert params["b"] == pytest.approx(1.92535983008, rel=1e-9)
    np.testing.assert_allclose(grads["dw"], [[0.67752042], [1.41625495]], rtol=1e-7)
    assert grads["db"] == pytest.approx(0.219194504541, rel=1e-9)
    assert len(costs) == 100
    assert costs[-1] < costs[0]
    np.testing.assert_array_equal(w, [[1.0], [2.0]])  # the caller's w is left alone


def test_optimize_reduces_the_cost_on_faces():
    data = load_faces()
    w, b = initialize_with_zeros(data.X_train.shape[0])
    params, _, costs = optimize(
        w, b, data.X_train, data.Y_train, num_iterations=300, learning_rate=0.005
    )
    assert costs[0] == pytest.approx(np.log(2), rel=1e-12)  # w = 0: every A = 0.5
    assert np.all(np.diff(costs) < 0)
    assert costs[-1] < 0.75 * costs[0]
    train_accuracy = np.mean(
        predict_logistic(params["w"], params["b"], data.X_train) == data.Y_train
    )
    assert train_accuracy > 0.8


def test_predict_logistic_course_example():
    w = np.array([[0.1124579], [0.23106775]])
    X = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    Y_prediction = predict_logistic(w, -0.3, X)
    np.testing.assert_array_equal(Y_prediction, [[1, 1, 0]])
    assert Y_prediction.shape == (1, 3)


def test_predict_logistic_threshold_is_strict():
    w = np.zeros((2, 1))
    # σ(0) = 0.5 exactly is not > 0.5, so it is class 0
    np.testing.assert_array_equal(predict_logistic(w, 0.0, np.ones((2, 4))), [[0, 0, 0, 0]])
    np.testing.assert_array_equal(predict_logistic(w, 1e-9, np.ones((2, 2))), [[1, 1]])
