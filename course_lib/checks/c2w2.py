"""Checks for c2w2, optimization algorithms."""

import re

import numpy as np

from course_lib import optimizers, schedules
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run

__all__ = [
    "check_update_parameters_with_gd",
    "check_random_mini_batches",
    "check_initialize_velocity",
    "check_update_parameters_with_momentum",
    "check_initialize_adam",
    "check_update_parameters_with_adam",
    "check_update_lr",
    "check_schedule_lr_decay",
]


def _network(rng, layer_dims, backprop_keys=False):
    """Random parameters {"W1", "b1", …} and grads {"dW1", "db1", …} for layer_dims; with
    backprop_keys the grads also hold "dA0", "dA1", … as L_model_backward's do."""
    parameters, grads = {}, {}
    for l in range(1, len(layer_dims)):
        shapes = {"W": (layer_dims[l], layer_dims[l - 1]), "b": (layer_dims[l], 1)}
        for name, shape in shapes.items():
            parameters[f"{name}{l}"] = rng.standard_normal(shape)
            grads[f"d{name}{l}"] = rng.standard_normal(shape)
        if backprop_keys:
            grads[f"dA{l - 1}"] = rng.standard_normal((layer_dims[l - 1], 3))
    return parameters, grads


def _copies(*values):
    """Fresh copies of the dicts of arrays among values, so the references stay untouched."""
    return [{k: a.copy() for k, a in x.items()} if isinstance(x, dict) else x for x in values]


def _call_update(name, fn, *args):
    """call(name, fn, *args), naming the loop's usual key errors: the keys of grads include
    backprop's dA0, dA1, …, and L is len(parameters) // 2."""
    try:
        return call(name, fn, *args)
    except CheckFailed as failure:
        key = re.search(r"KeyError: '(d?A\d+|[Wb]\d+|d[Wb]\d+)'", str(failure))
        if not key:
            raise
        L = len(args[0]) // 2
        hint = (
            "grads also holds backprop's dA0, dA1, …: loop over the layers l = 1 … L "
            "(or the keys of parameters), not over the keys of grads"
            if "A" in key.group(1)
            else f"there are L = len(parameters) // 2 = {L} layers here (a W and a b each): "
            "loop l over range(1, L + 1)"
        )
        raise CheckFailed(f"{failure}\n  {hint}") from None


def _ordered(keys):
    """The weights' keys before the biases', so a skipped layer is named before the biases."""
    return sorted(keys, key=lambda k: (k.lstrip("d")[0] != "W", k))


def check_update_parameters_with_gd(update_parameters_with_gd):
    """c2w2: W[l] := W[l] − α dW[l] and b[l] := b[l] − α db[l] for l = 1 … L, in new arrays."""
    rng = np.random.default_rng(2)
    cases = []
    for layer_dims, learning_rate, backprop_keys in (
        ([3, 2, 1], 0.01, False),
        ([4, 5, 3, 1], 0.1, True),
        ([2, 1], 1.0, False),
    ):
        parameters, grads = _network(rng, layer_dims, backprop_keys)
        got = _call_update(
            "update_parameters_with_gd",
            update_parameters_with_gd,
            *_copies(parameters, grads, learning_rate),
        )
        if not isinstance(got, dict):
            raise CheckFailed(
                "✗ update_parameters_with_gd must return the parameters dict "
                f"{{'W1': …, 'b1': …}}; got {type(got).__name__}"
                + (" — did you forget a `return`?" if got is None else "")
            )
        L = len(layer_dims) - 1
        problems = []
        for key in _ordered(parameters):
            value, gradient = parameters[key], grads["d" + key]
            mistakes = [
                (
                    "the step goes uphill: W := W − α dW (minus: against the gradient)",
                    value + learning_rate * gradient,
                ),
                ("the learning rate α is missing: W := W − α dW", value - gradient),
            ]
            if key == f"W{L}":
                mistakes.append(
                    (
                        f"layer L = {L} is not updated: loop l over 1 … L, range(1, L + 1)",
                        value,
                    )
                )
            if key.startswith("b"):
                mistakes.append(("the biases are not updated: b[l] := b[l] − α db[l] too", value))
            problems.append(
                entry("parameters", got, key, value - learning_rate * gradient, mistakes)
            )
        cases.append((f"layer_dims = {layer_dims}, α = {learning_rate}", problems))
    run("update_parameters_with_gd", cases)


def check_random_mini_batches(random_mini_batches):
    """c2w2: shuffle X, Y together (from the rng) and cut into batches of mini_batch_size, the
    last one smaller."""
    cases = []
    for (n_x, m), size in (((3, 148), 64), ((2, 128), 64), ((4, 10), 3), ((1, 5), 8)):
        X = np.arange(n_x * m, dtype=float).reshape(n_x, m)
        Y = (np.arange(m).reshape(1, m) % 2).astype(float)
        got = call(
            "random_mini_batches",
            random_mini_batches,
            X.copy(),
            Y.copy(),
            size,
            np.random.default_rng(0),
        )
        description = f"X {X.shape}, mini_batch_size = {size}"
        if got is None:
            raise CheckFailed("✗ random_mini_batches returned None — did you forget a `return`?")
        if not isinstance(got, list) or not all(
            isinstance(b, (tuple, list)) and len(b) == 2 for b in got
        ):
            raise CheckFailed(
                f"✗ random_mini_batches on {description} must return a list of (X_t, Y_t) pairs"
            )
        expected_sizes = [size] * (m // size) + ([m % size] if m % size else [])
        sizes = [np.shape(b[0])[1] if np.ndim(b[0]) == 2 else None for b in got]
        problems = []
        if sizes != expected_sizes:
            rows = [np.shape(b[0])[0] for b in got if np.ndim(b[0]) == 2]
            hint = (
                " — the last, smaller batch is missing (it holds the m mod mini_batch_size "
                "examples left over)"
                if sizes == expected_sizes[:-1]
                else " — examples are the columns: slice X[:, k·size:(k+1)·size], and "
                "m = X.shape[1]"
                if None in sizes or (rows and sum(rows) == m)
                else ""
            )
            problems.append(f"the batch sizes are {sizes}, expected {expected_sizes}{hint}")
        else:
            X_all = np.hstack([b[0] for b in got])
            Y_all = np.hstack([b[1] for b in got])
            columns = X_all[0] / 1.0  # row 0 of X is 0, 1, …, m−1: which example each column is
            order = columns.astype(int)
            if sorted(order) != list(range(m)):
                problems.append("the batches do not hold every example exactly once")
            elif list(order) == list(range(m)) and m > 2:
                problems.append(
                    "the examples are not shuffled: "
                    "permute the columns with rng.permutation(m) first"
                )
            elif not np.array_equal(Y_all, Y[:, order]):
                problems.append(
                    "X and Y are shuffled differently: use the same permutation for both"
                )
            elif not np.array_equal(X_all, X[:, order]):
                problems.append("the columns of X are not kept whole")
            else:
                again = call(
                    "random_mini_batches",
                    random_mini_batches,
                    X.copy(),
                    Y.copy(),
                    size,
                    np.random.default_rng(0),
                )
                if not np.array_equal(np.hstack([b[0] for b in again]), X_all):
                    problems.append(
                        "the same rng seed gave a different shuffle: draw from the `rng` "
                        "argument, not np.random"
                    )
        cases.append((description, problems))
    run("random_mini_batches", cases)


def _zeros_problems(fn, name, got, parameters, description):
    """The problems of a state dict `got` that must hold zeros shaped like each parameter under
    the gradients' keys ("dW1", "db1", …); raises CheckFailed for a wrong type or wrong keys."""
    if not isinstance(got, dict):
        raise CheckFailed(
            f"✗ {fn} on {description} must return {name} as a dict {{'dW1': …, 'db1': …}}; got "
            f"{type(got).__name__}" + (" — did you forget a `return`?" if got is None else "")
        )
    expected_keys = ["d" + key for key in parameters]
    if not set(expected_keys) & set(got) and set(parameters) & set(got):
        raise CheckFailed(
            f"✗ {fn} fails on {description}:\n  {name} has the keys {sorted(got)}: they must be "
            'the gradients\' names, with a "d": "dW1", "db1", … (like grads)'
        )
    problems = []
    for key in _ordered(expected_keys):
        value = got.get(key)
        if value is not None and np.shape(value) != parameters[key[1:]].shape:
            problems.append(
                f'{name}["{key}"] has shape {np.shape(value)}, expected '
                f'{parameters[key[1:]].shape}, the shape of parameters["{key[1:]}"]: '
                f'np.zeros(parameters["{key[1:]}"].shape)'
            )
            continue
        problems.append(
            entry(
                name,
                got,
                key,
                np.zeros_like(parameters[key[1:]]),
                [
                    (
                        f"{name} is a copy of the parameters instead of zeros (of the same shape)",
                        parameters[key[1:]],
                    )
                ],
            )
        )
    extra = sorted(set(got) - set(expected_keys))
    if extra:
        problems.append(
            f'{name} holds keys no parameter has: {extra} — one "dW{{l}}" and one "db{{l}}" '
            f"for each layer l = 1 … L = len(parameters) // 2"
        )
    return problems


def check_initialize_velocity(initialize_velocity):
    """c2w2: v["dW1"], v["db1"], … = zeros shaped like W1, b1, …, for every layer."""
    rng = np.random.default_rng(3)
    cases = []
    for layer_dims in ([3, 2, 1], [4, 5, 3, 1], [2, 1]):
        parameters, _ = _network(rng, layer_dims)
        description = f"layer_dims = {layer_dims}"
        got = _call_update("initialize_velocity", initialize_velocity, *_copies(parameters))
        cases.append(
            (description, _zeros_problems("initialize_velocity", "v", got, parameters, description))
        )
    run("initialize_velocity", cases)


def check_update_parameters_with_momentum(update_parameters_with_momentum):
    """c2w2: v_dW = β v_dW + (1 − β) dW, W := W − α v_dW (and likewise for b), for every layer;
    returns (parameters, v)."""
    rng = np.random.default_rng(5)
    cases = []
    for layer_dims, beta, learning_rate, first, backprop_keys in (
        ([3, 2, 1], 0.9, 0.01, False, False),
        ([4, 5, 3, 1], 0.8, 0.1, False, True),
        ([3, 2, 1], 0.9, 0.05, True, False),
        ([2, 1], 0.0, 0.5, False, False),
    ):
        parameters, grads = _network(rng, layer_dims, backprop_keys)
        v = {
            "d" + k: np.zeros_like(p) if first else 0.5 * rng.standard_normal(p.shape)
            for k, p in parameters.items()
        }
        got = _call_update(
            "update_parameters_with_momentum",
            update_parameters_with_momentum,
            *_copies(parameters, grads, v, beta, learning_rate),
        )
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailed(
                "✗ update_parameters_with_momentum must return (parameters, v)"
                + (" — did you forget a `return`?" if got is None else "")
            )
        for name, value in zip(("parameters", "v"), got, strict=True):
            if not isinstance(value, dict):
                raise CheckFailed(
                    f"✗ update_parameters_with_momentum must return (parameters, v), two dicts; "
                    f"{name} is {type(value).__name__}"
                )
        expected, v_new = optimizers.update_parameters_with_momentum(
            parameters, grads, v, beta, learning_rate
        )
        wrong_v = {
            "the (1 − β) factor is missing: v = β·v + (1 − β)·dW": {
                k: beta * v[k] + grads[k] for k in v
            },
            "β and 1 − β are swapped: v = β·v + (1 − β)·dW (β, near 1, weighs the past)": {
                k: (1 - beta) * v[k] + beta * grads[k] for k in v
            },
        }
        problems = []
        for key in _ordered(v):
            problems.append(
                entry(
                    "v",
                    got[1],
                    key,
                    v_new[key],
                    [(text, wrong[key]) for text, wrong in wrong_v.items()]
                    + [("v is not updated (it is returned as given)", v[key])],
                )
            )
        for key in _ordered(parameters):
            value = parameters[key]
            mistakes = [
                (
                    "the step uses the gradient instead of the velocity: W := W − α·v_dW",
                    value - learning_rate * grads["d" + key],
                ),
                (
                    "the step uses the old velocity: update v first, then W := W − α·v_dW",
                    value - learning_rate * v["d" + key],
                ),
                (
                    "the step goes uphill: W := W − α·v_dW (minus)",
                    value + learning_rate * v_new["d" + key],
                ),
            ] + [
                (text, value - learning_rate * wrong["d" + key]) for text, wrong in wrong_v.items()
            ]
            if key.startswith("b"):
                mistakes.append(("the biases are not updated: b := b − α·v_db too", value))
            problems.append(entry("parameters", got[0], key, expected[key], mistakes))
        start = ", v = 0 (the first step)" if first else ""
        cases.append(
            (f"layer_dims = {layer_dims}, β = {beta}, α = {learning_rate}{start}", problems)
        )
    run("update_parameters_with_momentum", cases)


def check_initialize_adam(initialize_adam):
    """c2w2: (v, s), two separate dicts of zeros shaped like W1, b1, … under "dW1", "db1", …."""
    rng = np.random.default_rng(6)
    cases = []
    for layer_dims in ([3, 2, 1], [4, 5, 3, 1], [2, 1]):
        parameters, _ = _network(rng, layer_dims)
        description = f"layer_dims = {layer_dims}"
        got = _call_update("initialize_adam", initialize_adam, *_copies(parameters))
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailed(
                "✗ initialize_adam must return the pair (v, s)"
                + (" — did you forget a `return`?" if got is None else "")
            )
        problems = _zeros_problems(
            "initialize_adam", "v", got[0], parameters, description
        ) + _zeros_problems("initialize_adam", "s", got[1], parameters, description)
        if got[0] is got[1] or any(got[0].get(k) is got[1].get(k) for k in got[0]):
            problems.append(
                "v and s are the same dict (or share arrays): give each its own zeros, "
                "or an update of one changes the other"
            )
        cases.append((description, problems))
    run("initialize_adam", cases)


def check_update_parameters_with_adam(update_parameters_with_adam):
    """c2w2: one Adam step at t = 1, 2, 10 and 3 (the last with β1, β2, ε other than the
    defaults), against course_lib's, with the usual slips named; returns the course's five values
    (parameters, v, s, v_corrected, s_corrected)."""
    rng = np.random.default_rng(4)
    cases = []
    for layer_dims, t, learning_rate, beta1, beta2, epsilon in (
        ([2, 3], 1, 0.01, 0.9, 0.999, 1e-8),
        ([2, 3, 1], 2, 0.1, 0.9, 0.999, 1e-8),
        ([2, 3], 10, 0.01, 0.9, 0.999, 1e-8),
        ([2, 3], 3, 0.05, 0.8, 0.99, 1e-2),
    ):
        parameters, grads = _network(rng, layer_dims, backprop_keys=t == 2)
        state = {"d" + k: p for k, p in parameters.items()}
        v = {k: 0.1 * rng.standard_normal(p.shape) for k, p in state.items()}
        s = {k: 0.1 * rng.random(p.shape) for k, p in state.items()}
        args = (parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        got = _call_update(
            "update_parameters_with_adam", update_parameters_with_adam, *_copies(*args)
        )
        if not isinstance(got, tuple) or len(got) != 5:
            count = f" (it returned {len(got)} values)" if isinstance(got, tuple) else ""
            raise CheckFailed(
                "✗ update_parameters_with_adam must return the five values (parameters, v, s, "
                f"v_corrected, s_corrected){count}"
            )
        for name, value in zip(
            ("parameters", "v", "s", "v_corrected", "s_corrected"), got, strict=True
        ):
            if not isinstance(value, dict):
                raise CheckFailed(
                    "✗ update_parameters_with_adam must return five dicts (parameters, v, s, "
                    f"v_corrected, s_corrected); {name} is {type(value).__name__}"
                )
        expected, v_new, s_new, v_hat, s_hat = optimizers.update_parameters_with_adam(
            *args, corrected=True
        )

        def step(v_hat, s_hat, parameters=parameters, learning_rate=learning_rate, epsilon=epsilon):
            return {
                k: parameters[k]
                - learning_rate * v_hat["d" + k] / (np.sqrt(s_hat["d" + k]) + epsilon)
                for k in parameters
            }

        swapped = (
            {k: v_new[k] / (1 - beta2**t) for k in v_new},
            {k: s_new[k] / (1 - beta1**t) for k in s_new},
        )
        variants = {
            "there is no bias correction (divide v by 1 − β1^t and s by 1 − β2^t)": step(
                v_new, s_new
            ),
            "only v is bias-corrected (divide s by 1 − β2^t too)": step(v_hat, s_new),
            "the step goes uphill: W := W − α v̂ / (√ŝ + ε)": {
                k: 2 * parameters[k] - expected[k] for k in parameters
            },
            "the square root of ŝ is missing": {
                k: parameters[k] - learning_rate * v_hat["d" + k] / (s_hat["d" + k] + epsilon)
                for k in parameters
            },
            "β1 and β2 are swapped in the bias correction": step(*swapped),
            "the update uses the raw gradient instead of v̂ (the momentum part is missing)": step(
                grads, s_hat
            ),
        }
        if (beta1, beta2, epsilon) != (0.9, 0.999, 1e-8):
            default = optimizers.update_parameters_with_adam(
                parameters, grads, v, s, t, learning_rate, 0.9, 0.999, 1e-8
            )[0]
            variants[
                "β1, β2 and ε are fixed at 0.9, 0.999, 1e-8 instead of the arguments beta1, "
                "beta2, epsilon"
            ] = default
        if t == 1 and any(
            not np.all(np.isfinite(np.asarray(d[k], dtype=float)))
            for d in (got[0], got[3], got[4])
            for k in d
            if np.asarray(d[k]).dtype.kind in "fiu"
        ):
            raise CheckFailed(
                f"✗ update_parameters_with_adam fails on t = {t}, α = {learning_rate}:\n  "
                "it returns NaN or inf at t = 1 — with t − 1 the correction divides by "
                "1 − β^0 = 0: t already counts the updates from 1"
            )
        problems = []
        for key in _ordered(v_new):
            problems.append(
                entry(
                    "v",
                    got[1],
                    key,
                    v_new[key],
                    [
                        (
                            "the (1 − β1) factor is missing: v = β1·v + (1 − β1)·dW",
                            beta1 * v[key] + grads[key],
                        )
                    ],
                )
            )
            problems.append(
                entry(
                    "s",
                    got[2],
                    key,
                    s_new[key],
                    [
                        (
                            "the (1 − β2) factor is missing: s = β2·s + (1 − β2)·dW²",
                            beta2 * s[key] + grads[key] ** 2,
                        ),
                        ("dW is not squared in s", beta2 * s[key] + (1 - beta2) * grads[key]),
                    ],
                )
            )
        for key in _ordered(expected):
            problems.append(
                entry(
                    "parameters",
                    got[0],
                    key,
                    expected[key],
                    [(text, variant[key]) for text, variant in variants.items()],
                )
            )
        for name, index, corrected, plain, wrong in (
            ("v_corrected", 3, v_hat, v_new, swapped[0]),
            ("s_corrected", 4, s_hat, s_new, swapped[1]),
        ):
            for key in _ordered(corrected):
                problems.append(
                    entry(
                        name,
                        got[index],
                        key,
                        corrected[key],
                        [
                            (
                                f"{name} is not bias-corrected: divide by 1 − β^t",
                                plain[key],
                            ),
                            ("β1 and β2 are swapped in the bias correction", wrong[key]),
                        ],
                    )
                )
        other = f", β1 = {beta1}, β2 = {beta2}, ε = {epsilon}" if beta1 != 0.9 else ""
        cases.append((f"t = {t}, α = {learning_rate}{other}", problems))
    run("update_parameters_with_adam", cases)


def check_update_lr(update_lr):
    """c2w2: α = α₀ / (1 + decay_rate · epoch_num)."""
    cases = []
    for learning_rate0, epoch_num, decay_rate in (
        (0.5, 2, 1.0),
        (0.1, 10, 0.5),
        (0.2, 3, 2.0),
        (0.01, 0, 0.3),
    ):
        got = call("update_lr", update_lr, learning_rate0, epoch_num, decay_rate)
        a0, epoch, rate = np.float64(learning_rate0), np.float64(epoch_num), decay_rate
        with np.errstate(divide="ignore"):
            mistakes = [
                (
                    "the parentheses are missing: α₀ / (1 + decay_rate · epoch_num), not "
                    "α₀ / (1 + decay_rate) · epoch_num",
                    a0 / (1 + rate) * epoch,
                ),
                (
                    "α₀ is multiplied by (1 + decay_rate · epoch_num) instead of divided by it",
                    a0 * (1 + rate * epoch),
                ),
                (
                    "learning_rate0 is missing: α = α₀ / (1 + …), a fraction of α₀",
                    1 / (1 + rate * epoch),
                ),
                (
                    "the 1 + is missing from the denominator 1 + decay_rate · epoch_num",
                    a0 / (rate * epoch),
                ),
                (
                    "the epochs are counted from 1: use epoch_num as given",
                    a0 / (1 + rate * (epoch + 1)),
                ),
            ]
        description = (
            f"learning_rate0 = {learning_rate0}, epoch_num = {epoch_num}, decay_rate = {decay_rate}"
        )
        expected = schedules.inverse_time_decay(learning_rate0, epoch_num, decay_rate)
        cases.append((description, [mismatch("learning_rate", got, expected, mistakes)]))
        if cases[-1][1][0]:
            break  # the first wrong case is the one reported: the later ones need not run
    run("update_lr", cases)


def check_schedule_lr_decay(schedule_lr_decay):
    """c2w2: α = α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋), time_interval = 1000 by
    default."""
    cases = []
    for learning_rate0, epoch_num, decay_rate, time_interval in (
        (0.5, 1600, 0.3, None),
        (0.5, 100, 0.3, None),
        (0.1, 25, 1.0, 10),
        (0.2, 30, 2.0, 10),
        (0.3, 9, 1.0, 10),
    ):
        given = () if time_interval is None else (time_interval,)
        got = call(
            "schedule_lr_decay", schedule_lr_decay, learning_rate0, epoch_num, decay_rate, *given
        )
        interval = 1000 if time_interval is None else time_interval
        a0, rate = np.float64(learning_rate0), decay_rate
        mistakes = [
            (
                "the floor is missing: ⌊epoch_num / time_interval⌋ (epoch_num // time_interval) "
                "counts the whole intervals passed",
                a0 / (1 + rate * epoch_num / interval),
            ),
            (
                "time_interval multiplies epoch_num instead of dividing it",
                a0 / (1 + rate * epoch_num * interval),
            ),
            (
                "you use update_lr's formula α₀ / (1 + decay_rate · epoch_num): here α steps "
                "down only once per time_interval epochs",
                a0 / (1 + rate * epoch_num),
            ),
            (
                "the number of intervals is rounded: take the floor (//), not round",
                a0 / (1 + rate * np.round(epoch_num / interval)),
            ),
            (
                "% (the remainder) is used instead of // (the whole intervals passed)",
                a0 / (1 + rate * (epoch_num % interval)),
            ),
        ]
        if interval != 1000:
            mistakes.append(
                (
                    "time_interval is fixed at 1000 instead of the argument",
                    a0 / (1 + rate * np.floor(epoch_num / 1000)),
                )
            )
        shown = "" if time_interval is None else f", time_interval = {time_interval}"
        description = (
            f"learning_rate0 = {learning_rate0}, epoch_num = {epoch_num}, "
            f"decay_rate = {decay_rate}{shown or ' (time_interval by default)'}"
        )
        expected = schedules.staircase_decay(learning_rate0, epoch_num, decay_rate, interval)
        cases.append((description, [mismatch("learning_rate", got, expected, mistakes)]))
        if cases[-1][1][0]:
            break  # the first wrong case is the one reported: the later ones need not run
    run("schedule_lr_decay", cases)
