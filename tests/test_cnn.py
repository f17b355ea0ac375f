"""course_lib.cnn: the NumPy CNN's backprop is gradient-checked, it learns, and it refuses bad
shapes."""

import numpy as np
import pytest

from course_lib.cnn import ConvNet, convnet_backward, convnet_forward, initialize_convnet
from course_lib.datasets import one_hot
from course_lib.gradcheck import compare_gradients
from course_lib.losses import compute_cost


def tiny_problem(seed=0, m=5, image=(6, 6, 2), classes=3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, *image))
    Y = one_hot(rng.integers(0, classes, (1, m)), classes)
    parameters = initialize_convnet(image, n_C=3, f=3, num_classes=classes, rng=rng)
    # non-zero biases too
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}
    return X, Y, parameters


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_convnet_backward_passes_the_gradient_check(seed):
    X, Y, parameters = tiny_problem(seed)
    AL, caches = convnet_forward(X, parameters)
    grads = convnet_backward(AL, Y, caches, parameters)
    report = compare_gradients(
        lambda p: compute_cost(convnet_forward(X, p)[0], Y), parameters, grads
    )
    assert report.passed, report


def test_shapes_and_probabilities():
    X, Y, parameters = tiny_problem(m=4, image=(8, 8, 1))
    assert parameters["W1"].shape == (3, 3, 1, 3) and parameters["W2"].shape == (3, 4 * 4 * 3)
    AL, _ = convnet_forward(X, parameters)
    assert AL.shape == (3, 4)
    np.testing.assert_allclose(AL.sum(axis=0), 1.0)


def test_convnet_learns_a_tiny_problem_and_is_seeded():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((40, 8, 8, 1))
    # top half brighter?
    labels = (X[:, :4, :, 0].mean(axis=(1, 2)) > X[:, 4:, :, 0].mean(axis=(1, 2))).astype(int)
    Y = one_hot(labels.reshape(1, -1), 2)
    first = ConvNet((8, 8, 1), n_C=4, f=3, num_classes=2, learning_rate=0.01, rng=0).fit(
        X, Y, 30, 8
    )
    again = ConvNet((8, 8, 1), n_C=4, f=3, num_classes=2, learning_rate=0.01, rng=0).fit(
        X, Y, 30, 8
    )
    assert first.history["epoch_cost"][-1] < 0.5 * first.history["epoch_cost"][0]
    assert first.accuracy(X, labels) > 0.9
    assert first.history["cost"] == again.history["cost"]
    assert first.predict(X).shape == (1, 40)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="the filter size f must be odd"):
        ConvNet((8, 8, 1), f=4)
    model = ConvNet((8, 8, 1), num_classes=10)
    with pytest.raises(
        ValueError, match=r"X must be \(m, n_H, n_W, n_C\) and Y one-hot \(C, m\) = " r"\(10, 5\)"
    ):
        model.fit(np.zeros((5, 8, 8, 1)), np.zeros((5, 10)), 1)


def test_image_shape_must_have_three_entries_and_accuracy_takes_one_hot():
    with pytest.raises(ValueError, match=r"image_shape must be \(n_H, n_W, n_C\)"):
        ConvNet((8, 8))
    model = ConvNet((8, 8, 1), num_classes=3, rng=0)
    X = np.random.default_rng(0).standard_normal((6, 8, 8, 1))
    labels = model.predict(X)
    assert model.accuracy(X, one_hot(labels, 3)) == model.accuracy(X, labels) == 1.0


def test_convnet_refuses_images_of_another_size_with_the_shape_it_wants():
    net = ConvNet((8, 8, 1), n_C=2, num_classes=3)
    for X in (np.zeros((4, 10, 10, 1)), np.zeros((8, 8, 1, 4)), np.zeros((4, 64))):
        with pytest.raises(
            ValueError, match=r"X must be images \(m, n_H, n_W, n_C\) = \(m, 8, 8, 1\)"
        ):
            net.predict(X)
        with pytest.raises(ValueError, match="channels last"):
            net.fit(X, np.zeros((3, 4)), 1)
