"""course_lib.torch_models: the torch twin computes our network's outputs and gradients in
float64."""

import numpy as np
import pytest
import torch

from course_lib.architectures import LeNet5
from course_lib.datasets import load_digits_32, one_hot
from course_lib.gradcheck import relative_difference
from course_lib.initializers import initialize_parameters_deep
from course_lib.network import L_model_backward, L_model_forward
from course_lib.torch_models import (
    device_summary,
    feature_maps,
    format_layer_table,
    gradients_from_torch,
    layer_table,
    parameters_from_torch,
    pick_device,
    torch_network,
    train_classifier,
)


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_twin_matches_our_forward_and_backward(hidden):
    rng = np.random.default_rng(0)
    parameters = initialize_parameters_deep([5, 4, 3, 3], rng, "he")
    # non-zero b
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}
    X, labels = rng.standard_normal((5, 7)), rng.integers(0, 3, 7)
    twin = torch_network(parameters, hidden)
    logits = twin(torch.as_tensor(X.T))
    loss = torch.nn.functional.cross_entropy(logits, torch.as_tensor(labels))
    loss.backward()
    AL, caches = L_model_forward(X, parameters, hidden, "softmax")
    np.testing.assert_allclose(
        torch.softmax(logits, 1).detach().numpy().T, AL, rtol=1e-12, atol=1e-14
    )
    grads = L_model_backward(AL, one_hot(labels.reshape(1, -1), 3), caches, hidden)
    torch_grads = gradients_from_torch(twin)
    # the loop below compares every one
    assert sorted(torch_grads) == ["dW1", "dW2", "dW3", "db1", "db2", "db3"]
    for key, grad in torch_grads.items():
        assert grad.shape == grads[key].shape
        assert relative_difference(grad, grads[key]) < 1e-12, key


def test_parameters_round_trip_and_ours_unchanged():
    parameters = initialize_parameters_deep([3, 2, 1], np.random.default_rng(1), "he")
    before = {k: v.copy() for k, v in parameters.items()}
    twin = torch_network(parameters)
    assert twin[0].weight.dtype == torch.float64
    back = parameters_from_torch(twin)
    assert back.keys() == parameters.keys()
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
        np.testing.assert_array_equal(parameters[key], before[key])
    with torch.no_grad():
        twin[0].weight += 1.0
    np.testing.assert_array_equal(parameters["W1"], before["W1"])  # a copy, not a view


def test_refusals_explain():
    bn = {
        "W1": np.ones((2, 3)),
        "gamma1": np.ones((2, 1)),
        "beta1": np.zeros((2, 1)),
        "W2": np.ones((1, 2)),
        "b2": np.zeros((1, 1)),
    }
    with pytest.raises(ValueError, match="no gamma/beta"):
        torch_network(bn)
    with pytest.raises(ValueError, match="unknown hidden activation 'softmax'"):
        torch_network({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}, "softmax")
    with pytest.raises(ValueError, match=r"b1 must be \(n\[1\], 1\)"):
        torch_network({"W1": np.ones((2, 3)), "b1": np.zeros((1, 2))})
    twin = torch_network({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))})
    with pytest.raises(ValueError, match="loss.backward"):
        gradients_from_torch(twin)


def test_pick_device_gives_a_device_and_float64_avoids_mps():
    device = pick_device()
    assert isinstance(device, torch.device) and device.type in ("cuda", "mps", "cpu")
    assert pick_device(float64=True).type in ("cuda", "cpu")


def test_device_summary_announces_the_device():
    assert device_summary(torch.device("cpu")).startswith("cpu")
    assert device_summary("cpu").startswith("cpu")
    if not torch.cuda.is_available():
        # this machine (no CUDA build) says cpu
        assert device_summary(pick_device()).startswith("cpu")
    assert "\n" not in device_summary(pick_device())


@pytest.mark.parametrize("pool", ["max", "average"])
def test_lenet5_gives_logits_per_class(pool):
    torch.manual_seed(0)
    model = LeNet5(pool=pool)
    assert model(torch.zeros(3, 1, 32, 32)).shape == (3, 10)
    assert LeNet5(in_channels=3, num_classes=4)(torch.zeros(2, 3, 32, 32)).shape == (2, 4)


def test_lenet5_refusals_explain():
    with pytest.raises(ValueError, match="unknown pool 'min'.*'max', 'average'"):
        LeNet5(pool="min")
    with pytest.raises(ValueError, match=r"\(N, 1, 32, 32\).*got \(2, 28, 28, 1\)"):
        LeNet5()(torch.zeros(2, 28, 28, 1))


def test_layer_table_of_lenet5():
    rows = layer_table(LeNet5(), (1, 32, 32))
    assert [(tuple(shape), count) for _, shape, count in rows] == [
        ((6, 28, 28), 156),
        ((6, 14, 14), 0),
        ((16, 10, 10), 2416),
        ((16, 5, 5), 0),
        ((400,), 0),
        ((120,), 48120),
        ((84,), 10164),
        ((10,), 850),
    ]
    assert rows[0].name.startswith("conv1") and rows[0].parameters == (5 * 5 * 1 + 1) * 6
    assert (
        sum(row.parameters for row in rows)
        == 61706
        == sum(p.numel() for p in LeNet5().parameters())
    )
    text = format_layer_table(rows)
    assert "6×28×28" in text and "16×5×5" in text and "48,120" in text
    assert text.splitlines()[-1].startswith("total") and text.splitlines()[-1].endswith("61,706")


def _tiny_digits(n, classes=range(10)):
    X_train, y_train, X_test, y_test = load_digits_32()
    keep_train, keep_test = np.isin(y_train, list(classes)), np.isin(y_test, list(classes))
    return (
        X_train[keep_train][:n],
        y_train[keep_train][:n],
        X_test[keep_test][:n],
        y_test[keep_test][:n],
    )


def _train(data, seed=0, **kwargs):
    torch.manual_seed(seed)
    return train_classifier(LeNet5(), *data, device="cpu", seed=seed, progress=False, **kwargs)


def test_train_classifier_history_and_determinism():
    data = _tiny_digits(64)
    history = _train(data, epochs=2, batch_size=16)
    assert set(history) == {"loss", "train_accuracy", "test_accuracy", "accuracy_epochs"}
    for key in ("loss", "train_accuracy", "test_accuracy"):
        assert len(history[key]) == 2 and all(isinstance(v, float) for v in history[key])
    assert history["accuracy_epochs"] == [1, 2]
    assert all(0.0 <= a <= 1.0 for a in history["train_accuracy"] + history["test_accuracy"])
    assert _train(data, epochs=2, batch_size=16) == history  # same seed, same numbers on the CPU
    assert _train(data, seed=1, epochs=2, batch_size=16) != history


def test_eval_every_measures_fewer_epochs_and_trains_the_same():
    data = _tiny_digits(64)
    every, sparse = (
        _train(data, epochs=5, batch_size=16),
        _train(data, epochs=5, batch_size=16, eval_every=3),
    )
    assert sparse["loss"] == every["loss"]  # measuring accuracy does not change training
    assert sparse["accuracy_epochs"] == [3, 5]
    assert sparse["test_accuracy"] == [every["test_accuracy"][2], every["test_accuracy"][4]]
    with pytest.raises(ValueError, match="eval_every must be a whole number"):
        _train(data, epochs=1, eval_every=0)


def test_train_classifier_loss_falls_on_an_easy_subset():
    history = _train(_tiny_digits(120, classes=(0, 1)), epochs=5, batch_size=16, learning_rate=3e-3)
    assert history["loss"][-1] < 0.5 * history["loss"][0]
    assert history["train_accuracy"][-1] > 0.9


def test_train_classifier_shows_a_bar_and_refuses_bad_labels(capsys):
    data = _tiny_digits(16)
    train_classifier(LeNet5(), *data, epochs=1, device="cpu", progress=True)
    X_train, y_train, X_test, y_test = data
    with pytest.raises(
        ValueError, match=r"y_train must be integer class labels \(N,\) = " r"\(16,\).*ravel"
    ):
        train_classifier(
            LeNet5(),
            X_train,
            y_train.reshape(1, -1),
            X_test,
            y_test,
            epochs=1,
            device="cpu",
            progress=False,
        )
    with pytest.raises(ValueError, match=r"X_train must be images \(N, C, H, W\)"):
        train_classifier(
            LeNet5(), X_train[:, 0], y_train, X_test, y_test, epochs=1, device="cpu", progress=False
        )


def test_feature_maps_are_the_first_conv_after_relu():
    torch.manual_seed(0)
    model = LeNet5()
    X = _tiny_digits(5)[0]
    maps = feature_maps(model, X)
    assert maps.shape == (5, 6, 28, 28) and isinstance(maps, np.ndarray)
    assert maps.min() >= 0.0  # after the ReLU
    expected = torch.relu(model.conv1(torch.as_tensor(X))).detach().numpy()
    np.testing.assert_allclose(maps, expected, rtol=1e-6, atol=1e-6)
    assert feature_maps(model, X, layer=1).shape == (5, 16, 10, 10)
    assert model.training  # mode restored
    with pytest.raises(ValueError, match="2 conv layers"):
        feature_maps(model, X, layer=2)


def test_lenet5_errors_say_what_to_do():
    with pytest.raises(ValueError, match="pad .*or resize them"):
        LeNet5()(torch.zeros(2, 1, 28, 28))
    with pytest.raises(ValueError, match=r"build LeNet5\(in_channels=3\)"):
        LeNet5()(torch.zeros(2, 3, 32, 32))
    with pytest.raises(ValueError, match=r"transpose with \(0, 3, 1, 2\)"):
        LeNet5()(torch.zeros(2, 32, 32, 1))


def test_train_classifier_refuses_labels_out_of_range():
    from course_lib.torch_models import train_classifier

    X = np.zeros((4, 1, 32, 32), dtype=np.float32)
    with pytest.raises(
        ValueError, match=r"y_train must hold class indices 0..9 .*labels 1..10 " r"need y − 1"
    ):
        train_classifier(
            LeNet5(),
            X,
            np.array([1, 2, 3, 10]),
            X,
            np.array([0, 1, 2, 3]),
            epochs=1,
            progress=False,
        )


def test_the_twin_offers_every_hidden_activation_of_the_registry():
    from course_lib.activations import HIDDEN_ACTIVATIONS
    from course_lib.torch_models import TORCH_ACTIVATIONS

    assert tuple(TORCH_ACTIVATIONS) == HIDDEN_ACTIVATIONS


@pytest.mark.parametrize("rate, error", [(0, ValueError), (-1e-3, ValueError), ("x", TypeError)])
def test_train_classifier_refuses_a_learning_rate_that_is_not_positive(rate, error):
    with pytest.raises(error, match="the learning rate α must be"):
        _train(_tiny_digits(16), epochs=1, learning_rate=rate)
