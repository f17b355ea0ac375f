"""course_lib.training: the one loop Model, ConvNet and the playground train with, and its
divergence rule."""

import numpy as np
import pytest

from course_lib.training import Trainer, TrainingDiverged, check_divergence, mini_batches


class Quadratic:
    """J(w) = ½ mean over the batch of (w − y)²: gradient mean(w − y), minimum at the mean of y."""

    def __init__(self, w=0.0):
        self.parameters = {"w": np.array([[w]])}
        self.batches = []

    def loss_and_gradients(self, X, Y):
        self.batches.append(np.copy(X))
        self.seen = self.parameters["w"].copy()  # the parameters this cost was computed at
        diff = self.parameters["w"] - Y
        return float(0.5 * np.mean(diff**2)), {"dw": diff.mean(axis=1, keepdims=True)}


def test_check_divergence_rule_and_message():
    check_divergence(10.9, 1.0, "iteration 3", 0.1)  # 10.9 < 10 · 1 + 1: still fine
    with pytest.raises(
        TrainingDiverged, match=r"at iteration 3: cost 11\.5 \(started at 1\).*α = " r"0\.1.*α / 10"
    ):
        check_divergence(11.5, 1.0, "iteration 3", 0.1)
    for bad in (np.nan, np.inf):
        with pytest.raises(TrainingDiverged, match="epoch 2"):
            check_divergence(bad, 1.0, "epoch 2", 0.1)
    assert issubclass(TrainingDiverged, FloatingPointError)


@pytest.mark.parametrize(
    "m, size, drop_last, sizes",
    [(10, 4, False, [4, 4, 2]), (10, 4, True, [4, 4]), (8, 4, True, [4, 4]), (3, 5, True, [3])],
)
def test_mini_batches_partition_the_shuffled_examples(m, size, drop_last, sizes):
    X = np.arange(2 * m, dtype=float).reshape(2, m)
    Y = np.arange(m, dtype=float).reshape(1, m)
    batches = mini_batches(X, Y, size, np.random.default_rng(0), drop_last=drop_last)
    assert [Y_t.shape[1] for _, Y_t in batches] == sizes
    seen = np.concatenate([Y_t.ravel() for _, Y_t in batches]).astype(int)
    # shuffled, no repeats
    assert len(set(seen)) == len(seen) and not np.array_equal(seen, np.arange(len(seen)))
    for X_t, Y_t in batches:  # X and Y shuffled together
        np.testing.assert_array_equal(X_t, np.vstack([Y_t, Y_t + m]))


def test_mini_batches_along_the_first_axis_for_images():
    X = np.arange(6, dtype=float).reshape(6, 1, 1, 1) * np.ones((6, 2, 2, 1))
    Y = np.arange(6, dtype=float).reshape(1, 6)
    batches = mini_batches(X, Y, 4, np.random.default_rng(1), example_axis=0)
    assert [X_t.shape for X_t, _ in batches] == [(4, 2, 2, 1), (2, 2, 2, 1)]
    for X_t, Y_t in batches:
        np.testing.assert_array_equal(X_t[:, 0, 0, 0], Y_t[0])


def test_trainer_descends_and_keeps_history():
    model = Quadratic()
    trainer = Trainer(model, "gd", learning_rate=0.5, rng=0)
    Y = np.array([[1.0, 3.0]])
    cost = trainer.run_iterations(None, Y, 3)
    assert trainer.epoch == trainer.iterations == 3 and trainer.history["cost"][-1] == cost
    # w ← w − ½ (w − 2): 0 → 1 → 1.5 → 1.75
    np.testing.assert_allclose(model.parameters["w"], [[1.75]])
    assert trainer.history["cost"] == sorted(trainer.history["cost"], reverse=True)


def test_trainer_epochs_weight_the_mean_by_batch_size_and_bound_the_history():
    model = Quadratic(w=5.0)
    trainer = Trainer(model, "gd", learning_rate=0.1, rng=0, history_limit=3)
    X = np.arange(5, dtype=float).reshape(1, 5)
    trainer.run_epochs(X, X.copy(), 4, batch_size=2)
    assert trainer.iterations == 12 and trainer.epoch == 4
    assert len(trainer.history["cost"]) == 3 and len(trainer.history["epoch_cost"]) == 3
    # the first cost is kept: divergence compares with it
    assert trainer.history["cost"][0] == trainer.first_cost
    assert [b.shape[1] for b in model.batches[:3]] == [2, 2, 1]


def test_divergence_leaves_the_parameters_and_records_the_cost():
    model = Quadratic()
    # w ← w − 4.5 (w − 1): |w − 1| grows 3.5× a step
    trainer = Trainer(model, "gd", learning_rate=4.5, rng=0)
    with pytest.raises(TrainingDiverged, match=r"iteration (\d+).*α = 4\.5"):
        trainer.run_iterations(None, np.ones((1, 1)), 20)
    assert trainer.history["cost"][-1] > 10 * trainer.history["cost"][0] + 1
    assert trainer.iterations == len(trainer.history["cost"])
    np.testing.assert_array_equal(model.parameters["w"], model.seen)  # no update after the blow-up


@pytest.mark.parametrize(
    "limit, error", [(0, ValueError), (1, ValueError), (2.0, TypeError), (True, TypeError)]
)
def test_refuses_a_history_limit_that_cannot_hold_the_first_cost(limit, error):
    with pytest.raises(
        error, match=r"history_limit must be a whole number ≥ 2 \(the first cost and the latest"
    ):
        Trainer(Quadratic(), history_limit=limit)


def test_refuses_a_learning_rate_that_is_not_positive():
    with pytest.raises(ValueError, match="the learning rate α must be > 0; got 0"):
        Trainer(Quadratic(), learning_rate=0)


def test_model_convnet_and_torch_use_the_same_rule():
    torch = pytest.importorskip("torch")
    from course_lib.architectures import LeNet5
    from course_lib.cnn import ConvNet
    from course_lib.datasets import load_digits_32
    from course_lib.torch_models import train_classifier

    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((6, 8, 8, 1)), np.eye(2)[:, rng.integers(0, 2, 6)]
    with pytest.raises(TrainingDiverged, match="iteration"):
        ConvNet((8, 8, 1), n_C=2, num_classes=2, learning_rate=1e4, optimizer="gd").fit(
            X * 100, Y, 5, 2
        )
    X_train, y_train, X_test, y_test = (a[:32] for a in load_digits_32())
    torch.manual_seed(0)
    with pytest.raises(TrainingDiverged, match=r"at epoch \d+: cost .*α = 1e\+03"):
        train_classifier(
            LeNet5(),
            X_train,
            y_train,
            X_test,
            y_test,
            epochs=5,
            learning_rate=1e3,
            device="cpu",
            progress=False,
        )
