"""Dense (fully connected) layer building blocks, forward and backward (Course 1, week 4).

Shapes: A_prev (n[l−1], m), W (n[l], n[l−1]), b (n[l], 1), Z and A (n[l], m).
"""

from typing import NamedTuple

import numpy as np

from course_lib.activations import get_activation
from course_lib.validation import as_array, check_shape


class LinearCache(NamedTuple):
    """What linear_backward needs: A_prev (n[l−1], m), W (n[l], n[l−1]), b (n[l], 1)."""

    A_prev: np.ndarray
    W: np.ndarray
    b: np.ndarray


class LayerCache(NamedTuple):
    """A layer's cache: (linear_cache, activation_cache), the second being Z (n[l], m)."""

    linear_cache: LinearCache
    activation_cache: np.ndarray


def linear_forward(A_prev, W, b):
    """Z = W A_prev + b, the linear part of layer l (Course 1, week 4).

    A_prev: (n[l−1], m) activations of the previous layer
    W: (n[l], n[l−1]) weights;  b: (n[l], 1) biases
    Returns Z (n[l], m) and the LinearCache (A_prev, W, b).
    """
    chains = (
        isinstance(A_prev, np.ndarray)
        and isinstance(W, np.ndarray)
        and isinstance(b, np.ndarray)
        and W.ndim == 2 == A_prev.ndim
        and A_prev.shape[0] == W.shape[1]
        and b.shape == (W.shape[0], 1)
    )
    if not chains:  # the test above is the fast path of a training step; these say what is wrong
        A_prev, W, b = as_array(A_prev, "A_prev"), as_array(W, "W"), as_array(b, "b")
        check_shape(W, (None, None), "W", "(n[l], n[l−1])")
        check_shape(
            A_prev,
            (W.shape[1], None),
            "A_prev",
            f"(n[l−1], m) = ({W.shape[1]}, m)",
            note=f" to chain with W {W.shape}, examples as columns",
        )
        check_shape(b, (W.shape[0], 1), "b", "(n[l], 1)", note=f" to match W {W.shape}")
    return _linear(A_prev, W, b), LinearCache(A_prev, W, b)


def _linear(A_prev, W, b):
    """Z = W A_prev + b without linear_forward's checks, for the training loops."""
    return W @ A_prev + b


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(Z), Z = W A_prev + b, for a named g ("relu", "sigmoid", "tanh", …).

    A_prev: (n[l−1], m);  W: (n[l], n[l−1]);  b: (n[l], 1);  activation: a key of ACTIVATIONS
    Returns A (n[l], m) and the LayerCache (LinearCache, Z).
    """
    g = get_activation(activation)[0]
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), LayerCache(linear_cache, Z)


def weight_gradients(dZ, A_prev):
    """dW = (1/m) dZ A_prevᵀ and db = (1/m) Σ_columns dZ.

    dZ: (n[l], m);  A_prev: (n[l−1], m)
    Returns dW (n[l], n[l−1]) and db (n[l], 1).
    """
    if not (isinstance(dZ, np.ndarray) and isinstance(A_prev, np.ndarray) and A_prev.ndim == 2):
        A_prev = check_shape(as_array(A_prev, "A_prev"), (None, None), "A_prev", "(n[l−1], m)")
        dZ = check_shape(as_array(dZ, "dZ"), (None, A_prev.shape[1]), "dZ", "(n[l], m)")
    return _weight_gradients(dZ, A_prev)


def _weight_gradients(dZ, A_prev):
    """weight_gradients without its checks, for the training loops."""
    m = A_prev.shape[1]
    # np.add.reduce: what dZ.sum and np.sum run, without their Python wrappers
    return (dZ @ A_prev.T) / m, np.add.reduce(dZ, axis=1, keepdims=True) / m


def linear_backward(dZ, cache):
    """dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ_columns dZ, dA_prev = Wᵀ dZ.

    dZ: (n[l], m);  cache: the LinearCache (A_prev, W, b) of linear_forward
    Returns dA_prev (n[l−1], m), dW (n[l], n[l−1]), db (n[l], 1).
    """
    A_prev, W, _ = cache
    if dZ.shape != (W.shape[0], A_prev.shape[1]):  # a plain comparison on a training step's path
        check_shape(
            dZ,
            (W.shape[0], A_prev.shape[1]),
            "dZ",
            "(n[l], m)",
            note=", the shape of Z = W A_prev + b",
        )
    dW, db = weight_gradients(dZ, A_prev)
    return W.T @ dZ, dW, db


def linear_activation_backward(dA, cache, activation):
    """dZ = dA · g'(Z), then linear_backward.

    dA: (n[l], m);  cache: the LayerCache of linear_activation_forward;  activation: g's name
    Returns dA_prev (n[l−1], m), dW (n[l], n[l−1]), db (n[l], 1).
    """
    g_backward = get_activation(activation)[1]
    linear_cache, Z = cache
    return linear_backward(g_backward(dA, Z), linear_cache)
