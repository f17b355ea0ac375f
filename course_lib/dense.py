"""Dense (fully connected) layer building blocks, forward and backward (Course 1, week 4).

Shapes: A_prev (n[l−1], m), W (n[l], n[l−1]), b (n[l], 1), Z and A (n[l], m).
"""
from typing import NamedTuple

import numpy as np

from course_lib.activations import get_activation
from course_lib.validation import check_shape


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
    """Z = W A_prev + b, with W (n[l], n[l−1]), A_prev (n[l−1], m), b (n[l], 1); returns Z, cache."""
    check_shape(W, (None, None), "W", "(n[l], n[l−1])")
    check_shape(A_prev, (W.shape[1], None), "A_prev", f"(n[l−1], m) = ({W.shape[1]}, m)",
                note=f" to chain with W {W.shape}, examples as columns")
    check_shape(b, (W.shape[0], 1), "b", "(n[l], 1)", note=f" to match W {W.shape}")
    Z = W @ A_prev + b
    return Z, LinearCache(A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for a named g ("relu", "sigmoid", "tanh", ...); returns A, LayerCache."""
    g = get_activation(activation)[0]
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), LayerCache(linear_cache, Z)


def weight_gradients(dZ, A_prev):
    """dW = (1/m) dZ A_prevᵀ (n[l], n[l−1]) and db = (1/m) Σ_columns dZ (n[l], 1)."""
    m = A_prev.shape[1]
    return (dZ @ A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_backward(dZ, cache):
    """dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ_columns dZ, dA_prev = Wᵀ dZ; returns dA_prev, dW, db."""
    A_prev, W, _ = cache
    dW, db = weight_gradients(dZ, A_prev)
    return W.T @ dZ, dW, db


def linear_activation_backward(dA, cache, activation):
    """dZ = dA · g'(Z), then linear_backward; returns dA_prev (n[l−1], m), dW, db."""
    g_backward = get_activation(activation)[1]
    linear_cache, Z = cache
    return linear_backward(g_backward(dA, Z), linear_cache)
