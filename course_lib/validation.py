"""Input checks that turn silent broadcasting mistakes into errors that teach the fix."""
import numpy as np


def check_finite(array, name):
    """Raise if `array` holds NaN or ±inf, saying where to look."""
    if not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); check the data loading or scaling "
            "before training (np.isnan(...).any() finds them)"
        )
    return array


def as_examples_matrix(X, name="X", n_x=None):
    """Return X as a float (n_x, m) array; refuse (m, n_x), 1-D arrays and NaNs with a hint."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array (n_x, m) with examples as columns; got shape {X.shape}"
            + (f" — for one example use {name}.reshape(-1, 1)" if X.ndim == 1 else "")
        )
    if n_x is not None and X.shape[0] != n_x:
        hint = (f" — did you mean {name}.T?" if X.shape[1] == n_x else
                f" — {name} has {X.shape[0]} features but the parameters expect {n_x}; if {name} is right, "
                f"the first layer size (layer_dims[0]) should be {X.shape[0]}")
        raise ValueError(
            f"{name} must be (n_x, m) = ({n_x}, m) with examples as columns; got {X.shape}{hint}"
        )
    return check_finite(X, name)


def as_labels(Y, m, n_y=1, name="Y"):
    """Return Y as a float (n_y, m) array matching m examples; refuse (m, 1), (m,) and mismatches."""
    Y = np.asarray(Y, dtype=float)
    if Y.ndim == 1 and Y.shape[0] == m:
        raise ValueError(f"{name} must be ({n_y}, m) = ({n_y}, {m}); got a 1-D array {Y.shape} — "
                         f"use {name}.reshape({n_y}, -1)")
    if Y.shape != (n_y, m):
        hint = f" — did you mean {name}.T?" if Y.shape == (m, n_y) else ""
        raise ValueError(
            f"{name} must be (n_y, m) = ({n_y}, {m}) to match {m} examples in X; got {Y.shape}{hint}"
        )
    return check_finite(Y, name)


def check_binary_labels(Y, name="Y"):
    """Refuse labels other than 0 and 1 for a sigmoid output (e.g. {1, 2} or {−1, 1})."""
    values = np.unique(Y)
    if not np.isin(values, (0.0, 1.0)).all():
        shown = ", ".join(f"{v:g}" for v in values[:5]) + (", …" if values.size > 5 else "")
        raise ValueError(f"{name} must hold 0/1 labels for a sigmoid output; got the values {shown} — "
                         f"map them to 0 and 1 first (e.g. {name} = ({name} == positive_label) * 1.0)")
    return Y


def as_rng(rng):
    """Accept a np.random.Generator, an int seed or None (fresh entropy); return a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be a np.random.Generator or an int seed; got {type(rng).__name__}")
