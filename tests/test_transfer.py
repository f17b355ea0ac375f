"""course_lib.transfer (c4w2): freezing stops the gradients, the new head has the right size and is
seeded, the precomputed features are the body's output, the body and head compose to the model; and
train_classifier trains only the trainable part, on images or on (N, n) precomputed features."""

import copy

import numpy as np
import pytest
import torch
from torch import nn

from course_lib.architectures import DigitsCNN, LeNet5, stacked_network
from course_lib.torch_models import predict_proba, train_classifier
from course_lib.transfer import (
    freeze,
    layer_names,
    precompute_features,
    replace_head,
    split_at,
    trainable_parameter_count,
)


def easy_images(m=48, seed=0, side=8):
    """Two classes of side×side images: a bright left half (0) or right half (1), with noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, m)
    X = 0.3 * rng.random((m, 1, side, side))
    half = side // 2
    X[y == 0, :, :, :half] += 0.7
    X[y == 1, :, :, half:] += 0.7
    return X.astype(np.float32), y


def digits_cnn(seed=0, num_classes=2):
    torch.manual_seed(seed)
    return DigitsCNN(num_classes=num_classes)


def snapshot(model):
    return {name: p.detach().clone() for name, p in model.named_parameters()}


DIGITS_LAYERS = [
    "conv1",
    "relu1",
    "pool1",
    "conv2",
    "relu2",
    "pool2",
    "flatten",
    "fc1",
    "relu3",
    "fc2",
]


def test_layer_names_are_the_children_in_order():
    assert layer_names(DigitsCNN()) == DIGITS_LAYERS
    assert (
        layer_names(LeNet5())[:3] == ["conv1", "relu1", "pool1"]
        and layer_names(LeNet5())[-1] == "fc3"
    )
    assert layer_names(stacked_network(2)) == ["0", "1", "2", "3", "4", "5", "6"]


def test_freeze_marks_the_layers_up_to_and_including_the_name():
    model = LeNet5()
    assert freeze(model, "pool2") is model
    for name, p in model.named_parameters():
        assert p.requires_grad == name.startswith("fc"), name
    assert (
        trainable_parameter_count(model)
        == (400 + 1) * 120 + (120 + 1) * 84 + (84 + 1) * 10
        == 59_134
    )
    freeze(model, "conv1")  # freezing less unfreezes the rest
    assert trainable_parameter_count(model) == 61_706 - (5 * 5 + 1) * 6
    freeze(model, "fc3")
    assert trainable_parameter_count(model) == 0


def test_freezing_stops_gradients_in_an_optimizer_step():
    model = freeze(digits_cnn(1), "pool2")
    before = snapshot(model)
    X, y = easy_images(16)
    loss = nn.functional.cross_entropy(model(torch.as_tensor(X)), torch.as_tensor(y))
    loss.backward()
    assert model.conv1.weight.grad is None and model.conv2.bias.grad is None
    # even given every parameter, the frozen ones don't move
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    optimizer.step()
    after = snapshot(model)
    for name in ("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias"):
        assert torch.equal(after[name], before[name]), name
    for name in ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"):
        assert not torch.equal(after[name], before[name]), name


def test_train_classifier_leaves_frozen_parameters_bit_identical():
    model = freeze(digits_cnn(2), "pool2")
    before = snapshot(model)
    X, y = easy_images(32)
    history = train_classifier(
        model, X, y, X, y, epochs=1, batch_size=8, device="cpu", progress=False
    )
    assert len(history["loss"]) == 1
    after = snapshot(model)
    for name in before:
        if name.startswith("conv"):
            assert torch.equal(after[name], before[name]), name
        else:
            assert not torch.equal(after[name], before[name]), name
    # train_classifier keeps the freeze
    assert not any(p.requires_grad for p in model.conv1.parameters())


def test_unknown_layer_name_lists_the_valid_names():
    for call in (
        lambda m: freeze(m, "pool3"),
        lambda m: split_at(m, "pool3"),
        lambda m: precompute_features(m, np.zeros((1, 1, 8, 8)), "pool3"),
    ):
        with pytest.raises(
            ValueError, match="no layer named 'pool3'; its layers are: " + ", ".join(DIGITS_LAYERS)
        ):
            call(DigitsCNN())


def test_all_frozen_model_is_refused_by_train_classifier():
    model = freeze(digits_cnn(3), "fc2")
    X, y = easy_images(8)
    with pytest.raises(ValueError, match="every parameter of the model is frozen"):
        train_classifier(model, X, y, X, y, epochs=1, device="cpu", progress=False)


def test_replace_head_gives_a_new_trainable_head_of_the_right_size():
    model = freeze(LeNet5(), "fc2")
    old = model.fc3
    assert replace_head(model, 3, seed=0) is model
    assert model.fc3 is not old
    assert (model.fc3.in_features, model.fc3.out_features) == (84, 3)
    assert model.fc3.weight.requires_grad and trainable_parameter_count(model) == (84 + 1) * 3
    assert model(torch.zeros(2, 1, 32, 32)).shape == (2, 3)
    assert layer_names(model)[-1] == "fc3"  # same place, same name
    sequential = replace_head(stacked_network(1, channels=4), 5)
    assert isinstance(sequential[-1], nn.Linear) and sequential[-1].out_features == 5
    assert sequential(torch.zeros(1, 1, 8, 8)).shape == (1, 5)


def test_replace_head_is_reproducible_by_seed_and_leaves_the_global_rng_alone():
    a = digits_cnn(0)
    torch.manual_seed(123)
    replace_head(a, 4, seed=7)
    drawn = torch.rand(3)
    torch.manual_seed(123)
    expected = torch.rand(3)
    assert torch.equal(drawn, expected)  # the head's seed did not touch the global generator
    b = replace_head(digits_cnn(1), 4, seed=7)  # a different body, the same new head
    c = replace_head(digits_cnn(0), 4, seed=8)
    assert torch.equal(a.fc2.weight, b.fc2.weight) and torch.equal(a.fc2.bias, b.fc2.bias)
    assert not torch.equal(a.fc2.weight, c.fc2.weight)


def test_replace_head_refuses_a_model_without_a_linear_layer():
    with pytest.raises(ValueError, match="no Linear layer to replace; its layers are: 0, 1"):
        replace_head(nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU()), 2)


def test_replace_head_keeps_the_model_dtype():
    """BUG: replace_head builds the new nn.Linear in the default dtype (float32), so a float64 model
    breaks."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).double()
    replace_head(model, 5)
    assert model[2].weight.dtype == torch.float64
    assert model(torch.zeros(1, 3, dtype=torch.float64)).shape == (1, 5)


@pytest.mark.parametrize("up_to", ["conv1", "pool2", "flatten", "fc1", "fc2"])
def test_split_at_composes_to_the_model(up_to):
    model = digits_cnn(4, num_classes=3).eval()
    body, head = split_at(model, up_to)
    assert layer_names(body) + layer_names(head) == DIGITS_LAYERS and layer_names(body)[-1] == up_to
    # the same modules, not copies: training the head trains the model
    assert body[0] is model.conv1
    X = torch.as_tensor(easy_images(5)[0])
    with torch.no_grad():
        assert torch.equal(head(body(X)), model(X))


def test_precompute_features_equals_the_body_by_hand():
    model = digits_cnn(5)
    X, _ = easy_images(10)
    features = precompute_features(model, X, "pool2", batch_size=4)
    with torch.no_grad():
        by_hand = model.pool2(
            model.relu2(model.conv2(model.pool1(model.relu1(model.conv1(torch.as_tensor(X))))))
        )
    assert features.shape == (10, 32 * 2 * 2)
    assert (
        features.dtype == torch.float32
        and features.device.type == "cpu"
        and not features.requires_grad
    )
    # batches of 4 against one of 10: float32 kernels may sum in another order, so equal to
    # rounding, not bit for bit
    torch.testing.assert_close(features, by_hand.flatten(1), rtol=1e-5, atol=1e-6)


def test_precompute_features_runs_in_eval_mode_and_restores_the_mode():
    torch.manual_seed(6)
    model = stacked_network(2, channels=4).train()
    X = np.random.default_rng(0).random((12, 1, 8, 8))  # float64 is accepted and made float32
    running = model[2].bn1.running_mean.clone()
    # after the global average pool and flatten: (N, channels)
    features = precompute_features(model, X, "5")
    assert features.shape == (12, 4)
    assert model.training and all(module.training for module in model.modules())
    # eval mode: batch norm's statistics untouched
    assert torch.equal(model[2].bn1.running_mean, running)
    model.eval()
    with torch.no_grad():
        np.testing.assert_allclose(
            features.numpy(), model[:6](torch.as_tensor(X, dtype=torch.float32)).numpy(), rtol=1e-6
        )


def test_train_classifier_trains_a_head_on_precomputed_features():
    model = replace_head(freeze(digits_cnn(7, num_classes=10), "flatten"), 2, seed=1)
    X, y = easy_images(64, seed=1)
    X_test, y_test = easy_images(32, seed=2)
    features, features_test = (
        precompute_features(model, images, "flatten") for images in (X, X_test)
    )
    _, head = split_at(model, "flatten")
    body_before = snapshot(model)
    history = train_classifier(
        head,
        features,
        y,
        features_test,
        y_test,
        epochs=12,
        batch_size=16,
        learning_rate=3e-3,
        device="cpu",
        progress=False,
    )
    assert history["loss"][-1] < history["loss"][0]
    assert history["train_accuracy"][-1] >= 0.9 and history["test_accuracy"][-1] >= 0.9
    # the head is the model's: the whole model now predicts from images what the head predicts from
    # features
    np.testing.assert_allclose(
        predict_proba(model, X_test), predict_proba(head, features_test), rtol=1e-5, atol=1e-6
    )
    for name, p in model.named_parameters():
        trained = name.startswith("fc")
        assert torch.equal(p, body_before[name]) == (not trained), name


def test_train_classifier_refuses_features_of_the_wrong_rank():
    head = nn.Sequential(nn.Linear(4, 2))
    with pytest.raises(ValueError, match=r"feature rows \(N, n\); got shape \(3, 2, 2\)"):
        train_classifier(
            head,
            np.zeros((3, 2, 2)),
            [0, 1, 0],
            np.zeros((3, 4)),
            [0, 1, 0],
            epochs=1,
            device="cpu",
            progress=False,
        )


def test_fine_tuning_after_pretraining_keeps_the_frozen_body():
    """The c4w2 recipe end to end: pre-train on A, freeze the body, new head for B, train on B's few
    examples."""
    model = digits_cnn(8, num_classes=2)
    X_a, y_a = easy_images(48, seed=3)
    train_classifier(
        model, X_a, y_a, X_a, y_a, epochs=2, batch_size=16, device="cpu", progress=False
    )
    pretrained = copy.deepcopy(model)
    replace_head(freeze(model, "relu3"), 2, seed=0)
    X_b, y_b = easy_images(12, seed=4)
    y_b = 1 - y_b  # task B: the classes swapped
    train_classifier(
        model, X_b, y_b, X_b, y_b, epochs=3, batch_size=4, device="cpu", progress=False
    )
    for (name, p), q in zip(model.named_parameters(), pretrained.parameters(), strict=True):
        assert torch.equal(p, q) == (not name.startswith("fc2")), name
