"""Input checks that turn silent broadcasting mistakes into errors that teach the fix.

The one home of course_lib's argument checks. The rule for their errors: TypeError when the
argument has the wrong type (True, 2.0 or "3" for a count; "0.1" for a number), ValueError when
the type is right but the value is not (a count below its minimum, a rate outside its range, NaN,
a wrong shape).
"""

import math
import re

import numpy as np


def _plain(x):
    """A NumPy scalar as the Python number it holds, so messages read 0.5, not np.float64(0.5)."""
    return x.item() if isinstance(x, np.generic) else x


def as_count(n, what, minimum=0, maximum=None, note=""):
    """n as an int in minimum..maximum (no maximum: ≥ minimum).

    TypeError for bool, float (even 2.0) and str; ValueError out of range. what: how the message
    names n ("num_epochs"); note: a short teaching tail such as " (1: stochastic GD, m: batch GD)".
    """
    wrong_type = isinstance(n, bool) or not isinstance(n, (int, np.integer))
    if wrong_type or n < minimum or (maximum is not None and n > maximum):
        bounds = f"≥ {minimum}" if maximum is None else f"in {minimum}..{maximum}"
        message = f"{what} must be a whole number {bounds}{note}; got {_plain(n)!r}"
        raise (TypeError if wrong_type else ValueError)(message)
    return int(n)


def _range_text(low, high, low_open, high_open):
    """ "≥ 0", "> 0", "≤ 1" or "in (0, 1]": the range a number must lie in, as messages say it."""
    if low is not None and high is not None:
        return f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    if low is not None:
        return f"{'>' if low_open else '≥'} {low:g}"
    if high is not None:
        return f"{'<' if high_open else '≤'} {high:g}"
    return ""


def as_number(x, what, low=None, high=None, low_open=False, high_open=False, note=""):
    """x as a float, low ≤ x ≤ high (< with low_open / high_open); refuse bool, str, NaN and ±inf.

    TypeError for a non-number, ValueError for NaN, ±inf or a number out of range; messages name the
    range: as_number(0, "the learning rate α", low=0, low_open=True) → "… α must be > 0; got 0".
    """
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"{what} must be a number{_within(low, high, low_open, high_open)}{note}; got {x!r}"
        )
    if not math.isfinite(x):
        kind = "a number" if math.isnan(x) else "a finite number"
        within = _within(low, high, low_open, high_open)
        raise ValueError(f"{what} must be {kind}{within}{note}; got {_plain(x)!r}")
    below = low is not None and (x <= low if low_open else x < low)
    above = high is not None and (x >= high if high_open else x > high)
    if below or above:
        bounds = _range_text(low, high, low_open, high_open)
        verb = "lie" if bounds.startswith("in") else "be"
        raise ValueError(f"{what} must {verb} {bounds}{note}; got {_plain(x)!r}")
    return float(x)


def _within(low, high, low_open, high_open):
    """ " ≥ 0", " in (0, 1]" …: the range with a leading space, or "" when there is none."""
    bounds = _range_text(low, high, low_open, high_open)
    return f" {bounds}" if bounds else ""


def as_probability(p, what, allow_zero=False, allow_one=True, note=""):
    """p as a float in (0, 1] by default (keep_prob); allow_zero and allow_one close the ends."""
    return as_number(p, what, 0, 1, low_open=not allow_zero, high_open=not allow_one, note=note)


def check_choice(name, choices, what):
    """Return name if it is one of choices; else "unknown {what} {name!r}; choose one of …"."""
    if name not in choices:
        raise ValueError(f"unknown {what} {name!r}; choose one of {', '.join(map(repr, choices))}")
    return name


def _transpose_hint(name, shape, expected):
    """ " — did you mean {name}.T?" if the 2-D shape, transposed, fits expected (None fits any)."""
    transposed = tuple(shape[::-1])
    fits = all(e in (None, s) for s, e in zip(transposed, expected, strict=False))
    if len(shape) == 2 == len(expected) and fits:
        return f" — did you mean {name}.T?"
    return ""


def check_shape(array, expected, name, convention=None, note=""):
    """Refuse an array whose shape is not `expected`, naming the course's convention and the fix.

    check_shape(b, (3, 1), "b", "(n[l], 1)") refuses b (1, 3) with
    "b must be (n[l], 1) = (3, 1); got (1, 3) — did you mean b.T?". A None in expected fits any
    size; the message then shows only the convention. Returns the array unchanged.
    """
    if array is None or isinstance(array, (dict, str, bytes)):
        raise TypeError(f"{name} must be a NumPy array; got {type(array).__name__}")
    shape, expected = np.shape(array), tuple(expected)
    fits = len(shape) == len(expected) and all(
        e in (None, s) for s, e in zip(shape, expected, strict=False)
    )
    if not fits:
        if convention:
            wanted = convention if None in expected else f"{convention} = {expected}"
        else:
            wanted = f"{expected}"
        hint = _transpose_hint(name, shape, expected)
        raise ValueError(f"{name} must be {wanted}{note}; got {shape}{hint}")
    return array


def check_mapping(d, name, example):
    """Refuse anything but a dict, naming what the dict holds: check_mapping(space, "space",
    "{'learning_rate': LogUniform(1e-4, 1)}")."""
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be a dict such as {example}; got {type(d).__name__}")
    return d


def check_kind(x, kind, name, what):
    """Refuse x that is not an instance of kind (a class or a tuple of them), saying what it should
    be: check_kind(result, Sweep, "result", "the Sweep that sweep() returns")."""
    if not isinstance(x, kind):
        raise TypeError(f"{name} must be {what}; got {type(x).__name__}")
    return x


def check_trials(trials, kind, name, what):
    """Refuse anything but a list (or tuple) of kind, naming what its items should be."""
    if not isinstance(trials, (list, tuple)) or not all(isinstance(t, kind) for t in trials):
        raise TypeError(f"{name} must be a list of {what}; got {trials!r:.60}")
    return trials


def as_array(x, name):
    """x as a float array; refuse None, a dict, a string and anything that is not numbers."""
    if x is None or isinstance(x, (dict, str, bytes)):
        raise TypeError(f"{name} must be a NumPy array of numbers; got {type(x).__name__}")
    try:
        return np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a NumPy array of numbers; got {x!r:.60}") from None


def check_finite(array, name):
    """Raise if `array` holds NaN or ±inf, saying where to look."""
    if not np.isfinite(array).all():  # the fast test; the count below says how many are not
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); check the data loading or scaling "
            "before training (np.isnan(...).any() finds them)"
        )
    return array


def as_examples_matrix(X, name="X", n_x=None):
    """Return X as a float (n_x, m) array; refuse (m, n_x), 1-D arrays and NaNs with a hint."""
    X = as_array(X, name)
    if X.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array (n_x, m) with examples as columns; got shape {X.shape}"
            + (f" — for one example use {name}.reshape(-1, 1)" if X.ndim == 1 else "")
        )
    if X.shape[1] == 0:
        raise ValueError(f"{name} {X.shape} holds no examples (m = 0): pass at least one column")
    if n_x is not None and X.shape[0] != n_x:
        hint = (
            _transpose_hint(name, X.shape, (n_x, None))
            or f" — {name} has {X.shape[0]} features but the parameters expect {n_x}; if {name} "
            f"is right, "
            f"the first layer size (layer_dims[0]) should be {X.shape[0]}"
        )
        raise ValueError(
            f"{name} must be (n_x, m) = ({n_x}, m) with examples as columns; got {X.shape}{hint}"
        )
    return check_finite(X, name)


def as_labels(Y, m, n_y=1, name="Y"):
    """Return Y as a float (n_y, m) array matching m examples; refuse (m, 1), (m,) and
    mismatches."""
    Y = as_array(Y, name)
    if Y.ndim == 1 and Y.shape[0] == m:
        raise ValueError(
            f"{name} must be ({n_y}, m) = ({n_y}, {m}); got a 1-D array {Y.shape} — "
            f"use {name}.reshape({n_y}, -1)"
        )
    if Y.shape != (n_y, m):
        raise ValueError(
            f"{name} must be (n_y, m) = ({n_y}, {m}) to match {m} examples in X; got {Y.shape}"
            + _transpose_hint(name, Y.shape, (n_y, m))
        )
    return check_finite(Y, name)


def check_binary_labels(Y, name="Y"):
    """Refuse labels other than 0 and 1 for a sigmoid output (e.g. {1, 2} or {−1, 1})."""
    if ((Y == 0) | (Y == 1)).all():  # the fast test; np.unique only to say what is wrong
        return Y
    values = np.unique(Y)
    if not np.isin(values, (0.0, 1.0)).all():
        shown = ", ".join(f"{v:g}" for v in values[:5]) + (", …" if values.size > 5 else "")
        raise ValueError(
            f"{name} must hold 0/1 labels for a sigmoid output; got the values "
            f"{shown} — "
            f"map them to 0 and 1 first (e.g. {name} = ({name} == positive_label) * "
            f"1.0)"
        )
    return Y


def check_one_hot(Y, name="Y"):
    """Refuse (C, m) labels that are not one-hot: each column one 1 and zeros (softmax's labels)."""
    if not (np.isin(Y, (0.0, 1.0)).all() and np.all(np.sum(Y, axis=0) == 1)):
        bad = int(np.sum(~(np.isin(Y, (0.0, 1.0)).all(axis=0) & (np.sum(Y, axis=0) == 1))))
        raise ValueError(
            f"{name} must be one-hot for {np.shape(Y)[0]} classes (one 1 per column, zeros "
            f"elsewhere); {bad} column(s) are not — convert labels with one_hot(y, C)"
        )
    return Y


def as_learning_rate(learning_rate):
    """α as a float > 0; refuse 0, negatives, NaN and non-numbers."""
    return as_number(learning_rate, "the learning rate α", low=0, low_open=True)


def check_gradients(parameters, grads, what="grads"):
    """Refuse a gradient dict that does not hold d<key> of each parameter's shape.

    parameters: {"W1": …, "b1": …};  grads (or v, s of an optimizer): {"dW1": …, "db1": …}
    A db1 of shape (n,) for b1 (n, 1) would broadcast b1 into (n, n): it is refused here.
    """
    if not isinstance(grads, dict):
        raise TypeError(f"{what} must be a dict {{'dW1': …, 'db1': …}}; got {type(grads).__name__}")
    try:  # the fast test of a training loop's every step; the loop below says what is wrong
        if all(grads["d" + key].shape == value.shape for key, value in parameters.items()):
            return grads
    except (KeyError, AttributeError):
        pass
    for key, value in parameters.items():
        name = "d" + key
        if name not in grads:
            keys = ", ".join(sorted(grads)) or "nothing"
            raise ValueError(
                f"{what} has no {name!r} for the parameter {key!r} (it holds {keys}) — "
                f"every parameter needs its gradient, named 'd' + its key"
            )
        check_shape(grads[name], np.shape(value), f'{what}["{name}"]', note=f", the shape of {key}")
    return grads


def check_parameters(parameters):
    """The number of layers L of {"W1", "b1", …, "WL", "bL"}; refuse a gap, a missing b, an extra
    key, and W[l] (n[l], n[l−1]) / b[l] (n[l], 1) shapes that do not chain."""
    if not isinstance(parameters, dict):
        swapped = (
            " — are the arguments swapped? It is (X, parameters)" if np.ndim(parameters) else ""
        )
        raise TypeError(
            f"parameters must be a dict {{'W1': …, 'b1': …}}; got {type(parameters).__name__}"
            + swapped
        )
    L = len(parameters) // 2
    try:  # the fast test of a training loop's every step; the checks below say what is wrong
        n = [parameters[f"W{l}"].shape for l in range(1, L + 1)]
        b = [parameters[f"b{l}"].shape for l in range(1, L + 1)]
        if (
            L
            and len(parameters) == 2 * L
            and all(len(w) == 2 for w in n)
            and all(n[l][1] == n[l - 1][0] for l in range(1, L))
            and all(b[l] == (n[l][0], 1) for l in range(L))
        ):
            return L
    except (KeyError, AttributeError):
        pass
    L = sum(1 for key in parameters if re.fullmatch(r"W\d+", str(key)))
    expected = {f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"}
    if L == 0 or set(parameters) != expected:
        missing = sorted(expected - set(parameters), key=lambda k: (int(k[1:]), k))
        extra = sorted(set(map(str, parameters)) - expected)
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unexpected {', '.join(extra)}"] if extra else []
        raise ValueError(
            f"parameters must hold W1, b1, …, WL, bL for layers 1…L; {'; '.join(problems)} — "
            "a network's layers are counted from its keys, so every layer needs both W and b"
        )
    n_prev = None
    for l in range(1, L + 1):
        W = parameters[f"W{l}"]
        if np.ndim(W) != 2:
            raise ValueError(f"W{l} must be a 2-D array (n[{l}], n[{l - 1}]); got {np.shape(W)}")
        if n_prev is not None and W.shape[1] != n_prev:
            raise ValueError(
                f"W{l} must be (n[{l}], n[{l - 1}]) with n[{l - 1}] = {n_prev} (the rows of "
                f"W{l - 1}); got {W.shape}" + _transpose_hint(f"W{l}", W.shape, (None, n_prev))
            )
        check_shape(parameters[f"b{l}"], (W.shape[0], 1), f"b{l}", f"(n[{l}], 1)")
        n_prev = W.shape[0]
    return L


def as_rng(rng):
    """Accept a np.random.Generator, an int seed or None (fresh entropy); return a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be a np.random.Generator or an int seed; got {type(rng).__name__}")
