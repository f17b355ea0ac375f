"""Logistic regression as a one-neuron network, in the course's own functions (Course 1, week 2).

w is (n_x, 1), b a scalar, X (n_x, m), Y (1, m); ŷ = A = σ(wᵀX + b).
"""

import numpy as np

from course_lib.activations import sigmoid
from course_lib.losses import _cross_entropy
from course_lib.validation import (
    as_count,
    as_examples_matrix,
    as_labels,
    as_number,
    check_binary_labels,
    check_finite,
    check_shape,
)


def initialize_with_zeros(dim):
    """w = 0 (dim, 1), b = 0.0: zeros are fine here, a single neuron has no symmetry to break."""
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    """One forward and backward pass of logistic regression (Course 1, week 2).

    A = σ(wᵀX + b),  J = cross-entropy,  dw = (1/m) X (A − Y)ᵀ,  db = (1/m) Σ (A − Y)
    w: (n_x, 1);  b: a float;  X: (n_x, m);  Y: (1, m) 0/1 labels
    Returns grads {"dw": (n_x, 1), "db": float} and the cost J.
    """
    return _propagate(w, b, *_checked_data(w, b, X, Y))


def _checked_data(w, b, X, Y):
    """X (n_x, m) and Y (1, m) 0/1 labels as float arrays, checked against w (n_x, 1)."""
    _checked_weights(w, b)
    X = as_examples_matrix(X, "X", n_x=w.shape[0])
    return X, check_binary_labels(as_labels(Y, X.shape[1]))


def _checked_weights(w, b):
    """Refuse w that is not a finite column (n_x, 1) and b that is not a finite number."""
    check_finite(check_shape(w, (None, 1), "w", "a column (n_x, 1)"), "w")
    as_number(b, "b", note=" (logistic regression's bias is one number)")


def _propagate(w, b, X, Y):
    """propagate without the checks, for optimize's loop (its data are checked once)."""
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    dZ = A - Y
    return {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}, _cross_entropy(A, Y)


def optimize(w, b, X, Y, num_iterations=2000, learning_rate=0.005):
    """Gradient descent: w := w − α dw, b := b − α db, num_iterations times.

    w: (n_x, 1);  b: a float;  X: (n_x, m);  Y: (1, m);  learning_rate: α > 0
    Returns params {"w", "b"}, the last grads and the costs (one per iteration).
    """
    num_iterations = as_count(num_iterations, "num_iterations")
    as_number(learning_rate, "the learning rate α", low=0, low_open=True)
    X, Y = _checked_data(w, b, X, Y)
    costs = []
    for _ in range(num_iterations):
        grads, cost = _propagate(w, b, X, Y)
        costs.append(cost)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return {"w": w, "b": b}, grads, costs


def predict_logistic(w, b, X):
    """Ŷ = 1{σ(wᵀX + b) > 0.5}.

    w: (n_x, 1);  b: a float;  X: (n_x, m);  returns Ŷ (1, m) of 0/1 ints.
    """
    _checked_weights(w, b)
    X = as_examples_matrix(X, "X", n_x=w.shape[0])
    return (sigmoid(w.T @ X + b) > 0.5).astype(int)
