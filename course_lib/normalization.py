"""Normalizing inputs (Course 2, week 1): learn μ and σ on the training set, apply them everywhere.

μ = (1/m) Σ x⁽ⁱ⁾, σ² = (1/m) Σ (x⁽ⁱ⁾ − μ)² per feature (computed after centering), x := (x − μ) / σ.
Dividing by σ (not σ²) gives every feature variance 1.
"""

import numpy as np

from course_lib.validation import as_examples_matrix, check_shape


def normalization_stats(X_train):
    """μ = (1/m) Σ x⁽ⁱ⁾ and σ = √((1/m) Σ (x⁽ⁱ⁾ − μ)²), per feature (Course 2, week 1).

    X_train: (n_x, m) training inputs
    Returns μ (n_x, 1) and σ (n_x, 1); a constant feature gets σ = 1.
    """
    X_train = as_examples_matrix(X_train, "X_train")
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = np.sqrt(np.mean((X_train - mu) ** 2, axis=1, keepdims=True))
    sigma[sigma == 0] = 1.0
    return mu, sigma


def normalize(X, mu, sigma):
    """x := (x − μ) / σ with the training set's μ and σ.

    X: (n_x, m) train, dev or test inputs;  mu, sigma: (n_x, 1) from normalization_stats
    Returns (n_x, m).
    """
    for name, value in (("μ", mu), ("σ", sigma)):
        check_shape(
            value,
            (None, 1),
            name,
            "a column (n_x, 1)",
            note=", as normalization_stats returns it (axis=1, keepdims=True)",
        )
    if not np.all(np.asarray(sigma, dtype=float) > 0):
        zero = np.flatnonzero(~(np.asarray(sigma, dtype=float).ravel() > 0))
        raise ValueError(
            f"σ must be > 0 for every feature; it is not for feature(s) {zero[:5].tolist()} — a "
            "constant feature has σ = 0 and dividing by it gives inf (normalization_stats sets its "
            "σ to 1)"
        )
    X = as_examples_matrix(X, "X", n_x=np.shape(mu)[0])
    return (X - mu) / sigma


def standardize(X_train, *others):
    """normalize X_train and each of `others` with μ, σ learnt on X_train (n_x, m) only.

    X_train: (n_x, m);  others: (n_x, m_dev), (n_x, m_test), …  Returns the scaled arrays in order.
    """
    mu, sigma = normalization_stats(X_train)
    n_x = mu.shape[0]
    for k, X in enumerate(others, start=1):
        shape = np.shape(X)
        if len(shape) == 2 and shape[0] != n_x and shape[1] == np.shape(X_train)[1]:
            raise ValueError(
                f"argument {k + 1} has shape {shape} but X_train has {n_x} rows: both hold the "
                f"same {shape[1]} columns, so the examples are probably rows — the course "
                f"stacks examples as columns (n_x, m): pass X_train.T and the others transposed"
            )
    scaled = [normalize(X, mu, sigma) for X in (X_train, *others)]
    return scaled[0] if not others else tuple(scaled)
