"""A small convolutional network in NumPy (Course 4, week 1), from course_lib.conv's fast layers:

    CONV (f×f, n_C filters, "same" padding, stride 1) → RELU → MAXPOOL (2×2, stride 2)
    → FLATTEN → DENSE → SOFTMAX

Images are (m, n_H, n_W, n_C) as in Course 4; labels are one-hot Y (C, m) as in Course 2. The cost
is the categorical cross-entropy J = −(1/m) Σ y log ŷ; ConvNet trains with training.Trainer and an
optimizer from course_lib.optimizers (Adam by default).
"""

from typing import NamedTuple

import numpy as np

from course_lib.activations import softmax
from course_lib.conv import (
    ConvCache,
    PoolCache,
    conv_backward_fast,
    conv_forward_fast,
    conv_output_size,
    pool_backward_fast,
    pool_forward_fast,
)
from course_lib.losses import _cross_entropy
from course_lib.training import Trainer
from course_lib.validation import as_count, as_rng, check_mapping


class ConvNetCache(NamedTuple):
    """What convnet_backward needs from the forward pass."""

    conv_cache: ConvCache  # the conv layer's inputs, for conv_backward_fast
    Z1: np.ndarray  # (m, n_H, n_W, n_C) the conv output, before the ReLU
    pool_cache: PoolCache  # the max pool's input, for pool_backward_fast
    pooled_shape: tuple  # (m, ⌊n_H/2⌋, ⌊n_W/2⌋, n_C) the pool output's shape
    F: np.ndarray  # (n_flat, m) the flattened pool output, examples as columns


def initialize_convnet(image_shape, n_C, f, num_classes, rng=None):
    """He-scaled weights and zero biases for images of image_shape = (n_H, n_W, n_C_prev).

    Returns {"W1": (f, f, n_C_prev, n_C), "b1": (1, 1, 1, n_C), "W2": (C, n_flat), "b2": (C, 1)}
    with C = num_classes and n_flat = ⌊n_H/2⌋ ⌊n_W/2⌋ n_C (after the 2×2 max pool).
    """
    if len(image_shape) != 3:
        raise ValueError(
            f"image_shape must be (n_H, n_W, n_C), e.g. (8, 8, 1) for grey 8×8 "
            f"images; got {tuple(image_shape)}"
        )
    n_H, n_W, n_C_prev = image_shape
    if f % 2 == 0:
        raise ValueError(
            f"the filter size f must be odd for 'same' padding p = (f − 1)/2; got f = {f}"
        )
    pooled = conv_output_size(n_H, 2, 0, 2), conv_output_size(n_W, 2, 0, 2)
    n_flat = pooled[0] * pooled[1] * n_C
    rng = as_rng(rng)
    return {
        "W1": rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev)),
        "b1": np.zeros((1, 1, 1, n_C)),
        "W2": rng.standard_normal((num_classes, n_flat)) * np.sqrt(2.0 / n_flat),
        "b2": np.zeros((num_classes, 1)),
    }


def convnet_forward(X, parameters):
    """AL = softmax(W2 flatten(maxpool(relu(conv(X, W1) + b1))) + b2).

    X: (m, n_H, n_W, n_C_prev) images;  parameters as initialize_convnet returns them
    Returns AL (C, m) and the caches for convnet_backward.
    """
    check_mapping(parameters, "parameters", "{'W1', 'b1', 'W2', 'b2'} from initialize_convnet")
    missing = [key for key in ("W1", "b1", "W2", "b2") if key not in parameters]
    if missing:
        raise ValueError(
            f"parameters must hold W1, b1, W2 and b2 (as initialize_convnet returns them); "
            f"missing {', '.join(missing)}"
        )
    f = parameters["W1"].shape[0]
    Z1, conv_cache = conv_forward_fast(
        X, parameters["W1"], parameters["b1"], {"stride": 1, "pad": (f - 1) // 2}
    )
    A1 = np.maximum(Z1, 0)
    P1, pool_cache = pool_forward_fast(A1, {"f": 2, "stride": 2}, mode="max")
    F = P1.reshape(P1.shape[0], -1).T  # (n_flat, m): examples as columns again for the dense layer
    AL = softmax(parameters["W2"] @ F + parameters["b2"])
    return AL, ConvNetCache(conv_cache, Z1, pool_cache, P1.shape, F)


def convnet_backward(AL, Y, caches, parameters):
    """Gradients of J = −(1/m) Σ y log ŷ, from dZ2 = AL − Y back through the dense layer, the pool,
    the ReLU and the conv.

    AL, Y: (C, m) the probabilities and the one-hot labels;  caches: from convnet_forward
    Returns {"dW1", "db1", "dW2", "db2"}, each shaped as its parameter.
    """
    conv_cache, Z1, pool_cache, pooled_shape, F = caches
    m = Y.shape[1]
    dZ2 = AL - Y
    grads = {"dW2": dZ2 @ F.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}
    dP1 = (parameters["W2"].T @ dZ2).T.reshape(pooled_shape)
    dZ1 = pool_backward_fast(dP1, pool_cache, mode="max") * (Z1 > 0)
    # conv_backward sums over the examples: divide by m
    _, dW1, db1 = conv_backward_fast(dZ1, conv_cache)
    grads["dW1"], grads["db1"] = dW1 / m, db1 / m
    return grads


class ConvNet:
    """The network above with fit / predict / accuracy, trained by training.Trainer with
    mini-batches and an optimizer by name (history as Model's: "cost" per update, "epoch_cost" per
    epoch)."""

    def __init__(
        self, image_shape, n_C=8, f=3, num_classes=10, optimizer="adam", learning_rate=0.01, rng=0
    ):
        self.rng = as_rng(rng)
        self.parameters = initialize_convnet(image_shape, n_C, f, num_classes, self.rng)
        self.num_classes = num_classes
        self.image_shape = tuple(image_shape)
        self.trainer = Trainer(self, optimizer, learning_rate, rng=self.rng)

    optimizer = property(
        lambda self: self.trainer.optimizer, doc="The Optimizer making the updates."
    )
    learning_rate = property(lambda self: self.trainer.learning_rate, doc="α.")
    history = property(lambda self: self.trainer.history, doc='{"cost": […], "epoch_cost": […]}.')

    def forward(self, X):
        """Class probabilities (C, m) for images X (m, n_H, n_W, n_C)."""
        return convnet_forward(self._images(X), self.parameters)[0]

    def _images(self, X):
        """X as float images (m, n_H, n_W, n_C) of this network's image_shape, else an error."""
        X = np.asarray(X, dtype=float)
        if X.ndim != 4 or X.shape[1:] != self.image_shape:
            raise ValueError(
                f"X must be images (m, n_H, n_W, n_C) = "
                f"(m, {', '.join(map(str, self.image_shape))}) for this network, channels last; "
                f"got {X.shape}"
            )
        return X

    def loss_and_gradients(self, X, Y):
        """J = −(1/m) Σ y log ŷ on images X (m, n_H, n_W, n_C) with one-hot Y (C, m), and its
        gradients."""
        AL, caches = convnet_forward(X, self.parameters)
        return _cross_entropy(AL, Y), convnet_backward(AL, Y, caches, self.parameters)

    def fit(self, X, Y, num_epochs, mini_batch_size=64):
        """Mini-batch training on images X (m, …) and one-hot Y (C, m); history["epoch_cost"] per
        epoch.

        Raises TrainingDiverged if the cost turns NaN/inf or rises 10× above its start. Returns
        self.
        """
        num_epochs = as_count(num_epochs, "num_epochs")
        mini_batch_size = as_count(mini_batch_size, "mini_batch_size", 1)
        X, Y = self._images(X), np.asarray(Y, dtype=float)
        if Y.shape != (self.num_classes, X.shape[0]):
            raise ValueError(
                f"X must be (m, n_H, n_W, n_C) and Y one-hot (C, m) = ({self.num_classes}, "
                f"{X.shape[0]}); got X {X.shape}, Y {Y.shape}"
            )
        self.trainer.run_epochs(X, Y, num_epochs, mini_batch_size, example_axis=0)
        return self

    def predict(self, X):
        """The most probable class of each image, (1, m)."""
        return np.argmax(self.forward(X), axis=0).reshape(1, -1)

    def accuracy(self, X, labels):
        """Fraction of images whose predicted class equals labels (1, m) or (m,), or one-hot
        (C, m)."""
        labels = np.asarray(labels)
        if labels.ndim == 2 and labels.shape[0] == self.num_classes > 1:
            labels = np.argmax(labels, axis=0)
        return float(np.mean(self.predict(X).ravel() == labels.ravel()))
