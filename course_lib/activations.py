"""Activation functions g(Z) and their backward passes dZ = dA * g'(Z) (Course 1, weeks 2-4).

Every forward takes Z of any shape (n, m) and returns A of the same shape; every backward takes
dA and the cached Z and returns dZ. Examples are columns, so softmax normalises each column.
"""

import numpy as np

from course_lib.validation import check_finite


def sigmoid(Z):
    """A = σ(Z) = 1 / (1 + e^−Z), elementwise (Course 1, week 2).

    Z: (n, m) pre-activations; returns A (n, m).
    Computed from e = e^−|Z| ≤ 1, which never overflows: 1/(1 + e) for Z ≥ 0, e/(1 + e) for Z < 0,
    keeping full precision in the tail (σ(−40) ≈ 4.2e−18, not 0).
    """
    Z = np.asarray(Z, dtype=float)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0, e) / (1.0 + e)


def sigmoid_backward(dA, Z):
    """dZ = dA · σ(Z) (1 − σ(Z)).

    dA: (n, m) gradient of the cost with respect to A;  Z: (n, m) the cached pre-activations
    Returns dZ (n, m).
    """
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


def tanh(Z):
    """A = tanh(Z) = (e^Z − e^−Z) / (e^Z + e^−Z), elementwise (Course 1, week 3).

    Z: (n, m); returns A (n, m).
    """
    return np.tanh(np.asarray(Z, dtype=float))


def tanh_backward(dA, Z):
    """dZ = dA · (1 − tanh²(Z)).

    dA: (n, m);  Z: (n, m) the cached pre-activations
    Returns dZ (n, m).
    """
    return dA * (1.0 - np.tanh(Z) ** 2)


def relu(Z):
    """A = ReLU(Z) = max(0, Z), elementwise (Course 1, week 3).

    Z: (n, m); returns A (n, m).
    """
    return np.maximum(0.0, np.asarray(Z, dtype=float))


def relu_backward(dA, Z):
    """dZ = dA · 1{Z > 0}; the derivative at 0 is taken as 0 (a convention).

    dA: (n, m);  Z: (n, m) the cached pre-activations
    Returns dZ (n, m).
    """
    return dA * (Z > 0)


def leaky_relu(Z, slope=0.01):
    """A = max(slope · Z, Z), elementwise, slope 0.01 as in the lecture (Course 1, week 3).

    Z: (n, m); returns A (n, m).
    """
    Z = np.asarray(Z, dtype=float)
    return np.where(Z >= 0, Z, slope * Z)


def leaky_relu_backward(dA, Z, slope=0.01):
    """dZ = dA · g'(Z), g'(Z) = 1 for Z ≥ 0 and slope (0.01) below 0.

    dA: (n, m);  Z: (n, m) the cached pre-activations
    Returns dZ (n, m).
    """
    return dA * np.where(Z >= 0, 1.0, slope)


def identity(Z):
    """A = g(Z) = Z, the lecture's "linear activation" (its key in ACTIVATIONS is "linear").

    Z: (n, m); returns a float copy A (n, m). Used for regression outputs and the c1w3 demo of
    a network that collapses to one linear map.
    """
    return np.array(Z, dtype=float)


def identity_backward(dA, Z):
    """dZ = dA, since g'(Z) = 1 for the identity g(Z) = Z.

    dA: (n, m);  Z: (n, m) the cached pre-activations (unused)
    Returns a float copy dZ (n, m). Named after the function, not after its key "linear", so that
    it is not mistaken for dense.linear_backward, the backward of the linear part W A_prev + b.
    """
    return np.array(dA, dtype=float)


def softmax(Z):
    """A = e^Z / Σ_rows e^Z, column by column (Course 2, week 3).

    Z: (C, m) one row per class; returns A (C, m), each column summing to 1.
    Computed as t = e^(Z − max Z) so that no exponential overflows.
    """
    Z = np.asarray(Z, dtype=float)
    t = np.exp(Z - Z.max(axis=0, keepdims=True))
    return t / t.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """dZ = A ⊙ (dA − Σ_rows(dA ⊙ A)), the softmax Jacobian applied to each column.

    dA: (C, m);  Z: (C, m) the cached pre-activations
    Returns dZ (C, m).
    """
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
# dZ from dA and the cached output A = g(Z), for the training loops: the numbers of
# tanh_backward and sigmoid_backward without computing g(Z) a second time
BACKWARD_FROM_OUTPUT = {
    "tanh": lambda dA, A: dA * (1.0 - A**2),
    "sigmoid": lambda dA, A: dA * A * (1.0 - A),
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
    """Return name if it may serve a "hidden" or an "output" layer; else name the ones that may."""
    if role == "hidden":
        if name not in HIDDEN_ACTIVATIONS:
            raise ValueError(
                f"unknown hidden activation {name!r}; choose one of "
                f"{', '.join(map(repr, HIDDEN_ACTIVATIONS))} "
                "(softmax belongs to the output layer only)"
            )
    elif role == "output":
        if name not in OUTPUT_ACTIVATIONS:
            uses = ", ".join(f"{key}: {use}" for key, use in OUTPUT_USES.items())
            raise ValueError(
                f"unknown output activation {name!r}; choose one of "
                f"{', '.join(map(repr, OUTPUT_ACTIVATIONS))} ({uses})"
            )
    else:
        raise ValueError(f'role must be "hidden" or "output"; got {role!r}')
    return name


def derivative(name, Z):
    """g'(Z) for the named elementwise activation (softmax has a Jacobian instead: refused).

    name: a key of ACTIVATIONS;  Z: (n, m)
    Returns g'(Z) (n, m).
    """
    if name == "softmax":
        raise ValueError(
            "softmax has a Jacobian, not an elementwise derivative; use softmax_backward"
        )
    Z = check_finite(np.asarray(Z, dtype=float), "Z")
    return get_activation(name)[1](np.ones_like(Z), Z)
