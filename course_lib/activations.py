"""Activation functions g(Z) and their backward passes dZ = dA * g'(Z) (Course 1, weeks 2-4).

Every forward takes Z of any shape (n, m) and returns A of the same shape; every backward takes
dA and the cached Z and returns dZ. Examples are columns, so softmax normalises each column.
"""
import numpy as np

from course_lib.validation import check_finite


def sigmoid(Z):
    """σ(Z) = 1 / (1 + e^−Z), elementwise; with e = e^−|Z| ≤ 1 (never overflows) it is 1/(1 + e) for
    Z ≥ 0 and e/(1 + e) for Z < 0, which keeps full precision in the tail (σ(−40) ≈ 4.2e−18, not 0)."""
    Z = np.asarray(Z, dtype=float)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0, e) / (1.0 + e)


def sigmoid_backward(dA, Z):
    """dZ = dA · σ(Z)(1 − σ(Z)); dA and Z (n, m)."""
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


def tanh(Z):
    """tanh(Z) = (e^Z − e^−Z) / (e^Z + e^−Z), elementwise."""
    return np.tanh(np.asarray(Z, dtype=float))


def tanh_backward(dA, Z):
    """dZ = dA · (1 − tanh²(Z)); dA and Z (n, m)."""
    return dA * (1.0 - np.tanh(Z) ** 2)


def relu(Z):
    """ReLU(Z) = max(0, Z), elementwise."""
    return np.maximum(0.0, np.asarray(Z, dtype=float))


def relu_backward(dA, Z):
    """dZ = dA · 1{Z > 0} (the derivative at 0 is taken as 0, a convention); dA and Z (n, m)."""
    return dA * (Z > 0)


def leaky_relu(Z, slope=0.01):
    """Leaky ReLU(Z) = max(slope·Z, Z), elementwise, slope 0.01 as in the lecture."""
    Z = np.asarray(Z, dtype=float)
    return np.where(Z >= 0, Z, slope * Z)


def leaky_relu_backward(dA, Z, slope=0.01):
    """dZ = dA · g'(Z) with g'(Z) = 1 for Z ≥ 0 and slope (0.01) below 0; dA and Z (n, m)."""
    return dA * np.where(Z >= 0, 1.0, slope)


def identity(Z):
    """g(Z) = Z, the lecture's "linear activation" (key "linear": regression outputs, the c1w3 collapse demo).

    Z: (n, m), any shape; returns a float copy.
    """
    return np.array(Z, dtype=float)


def identity_backward(dA, Z):
    """dZ = dA, since g'(Z) = 1 for the identity g(Z) = Z; dA and Z (n, m).

    Named after the function, not after its "linear" key, so that it is not mistaken for
    dense.linear_backward, the backward pass of the linear part Z = W A_prev + b.
    """
    return np.array(dA, dtype=float)


def softmax(Z):
    """Softmax over classes: t = e^(Z − max Z), A = t / Σ_rows t, so each column of A (C, m) sums to 1."""
    Z = np.asarray(Z, dtype=float)
    t = np.exp(Z - Z.max(axis=0, keepdims=True))
    return t / t.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """dZ = A ⊙ (dA − Σ_rows(dA ⊙ A)), the softmax Jacobian applied column by column; (C, m)."""
    A = softmax(Z)
    return A * (dA - np.sum(dA * A, axis=0, keepdims=True))


ACTIVATIONS = {  # name → (forward, backward); messages list the names in this order
    "relu": (relu, relu_backward),
    "tanh": (tanh, tanh_backward),
    "sigmoid": (sigmoid, sigmoid_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
    "linear": (identity, identity_backward),
    "softmax": (softmax, softmax_backward),
}
OUTPUT_USES = {"sigmoid": "binary", "softmax": "classes", "linear": "regression"}
OUTPUT_ACTIVATIONS = tuple(OUTPUT_USES)
HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "softmax")


def get_activation(name):
    """Return (forward, backward) for an activation name; an unknown name lists the valid ones."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        valid = ", ".join(repr(k) for k in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; choose one of {valid}") from None


def check_activation(name, role):
    """Return name if it may serve as the activation of a "hidden" or an "output" layer; else say which may."""
    if role == "hidden":
        if name not in HIDDEN_ACTIVATIONS:
            raise ValueError(f"unknown hidden activation {name!r}; choose one of "
                             f"{', '.join(map(repr, HIDDEN_ACTIVATIONS))} (softmax belongs to the output layer only)")
    elif role == "output":
        if name not in OUTPUT_ACTIVATIONS:
            uses = ", ".join(f"{key}: {use}" for key, use in OUTPUT_USES.items())
            raise ValueError(f"unknown output activation {name!r}; choose one of "
                             f"{', '.join(map(repr, OUTPUT_ACTIVATIONS))} ({uses})")
    else:
        raise ValueError(f'role must be "hidden" or "output"; got {role!r}')
    return name


def derivative(name, Z):
    """g'(Z) for the named activation (elementwise ones; softmax is not elementwise, so refused)."""
    if name == "softmax":
        raise ValueError("softmax has a Jacobian, not an elementwise derivative; use softmax_backward")
    Z = check_finite(np.asarray(Z, dtype=float), "Z")
    return get_activation(name)[1](np.ones_like(Z), Z)
