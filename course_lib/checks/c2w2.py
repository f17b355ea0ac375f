"""Checks for c2w2, optimization algorithms."""

import numpy as np

from course_lib import optimizers
from course_lib.checks.framework import CheckFailed, call, entry, run

__all__ = ["check_random_mini_batches", "check_update_parameters_with_adam"]


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


def check_update_parameters_with_adam(update_parameters_with_adam):
    """c2w2: one Adam step at t = 1, 2, 10 and 3 (the last with β1, β2, ε other than the
    defaults), against course_lib's, with the usual slips named."""
    rng = np.random.default_rng(4)
    cases = []
    for t, learning_rate, beta1, beta2, epsilon in (
        (1, 0.01, 0.9, 0.999, 1e-8),
        (2, 0.1, 0.9, 0.999, 1e-8),
        (10, 0.01, 0.9, 0.999, 1e-8),
        (3, 0.05, 0.8, 0.99, 1e-2),
    ):
        parameters = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((3, 1))}
        grads = {"dW1": rng.standard_normal((3, 2)), "db1": rng.standard_normal((3, 1))}
        v = {k: 0.1 * rng.standard_normal(g.shape) for k, g in grads.items()}
        s = {k: 0.1 * rng.random(g.shape) for k, g in grads.items()}
        args = (parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        got = call(
            "update_parameters_with_adam",
            update_parameters_with_adam,
            *[{k: a.copy() for k, a in x.items()} if isinstance(x, dict) else x for x in args],
        )
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailed("✗ update_parameters_with_adam must return (parameters, v, s)")
        expected = optimizers.update_parameters_with_adam(*args)
        v_new, s_new = expected[1], expected[2]

        def step(v_hat, s_hat, parameters=parameters, learning_rate=learning_rate, epsilon=epsilon):
            return {
                k: parameters[k]
                - learning_rate * v_hat["d" + k] / (np.sqrt(s_hat["d" + k]) + epsilon)
                for k in parameters
            }

        corrected_s = {k: s_new[k] / (1 - beta2**t) for k in s_new}
        variants = {
            "there is no bias correction (divide v by 1 − β1^t and s by 1 − β2^t)": step(
                v_new, s_new
            ),
            "only v is bias-corrected (divide s by 1 − β2^t too)": step(
                {k: v_new[k] / (1 - beta1**t) for k in v_new}, s_new
            ),
            "the step goes uphill: W := W − α v̂ / (√ŝ + ε)": {
                k: 2 * parameters[k]
                - step({q: v_new[q] / (1 - beta1**t) for q in v_new}, corrected_s)[k]
                for k in parameters
            },
            "the square root of ŝ is missing": {
                k: parameters[k]
                - learning_rate * v_new["d" + k] / (1 - beta1**t) / (corrected_s["d" + k] + epsilon)
                for k in parameters
            },
            "β1 and β2 are swapped in the bias correction": step(
                {k: v_new[k] / (1 - beta2**t) for k in v_new},
                {k: s_new[k] / (1 - beta1**t) for k in s_new},
            ),
            "the update uses the raw gradient instead of v̂ (the momentum part is missing)": step(
                grads, corrected_s
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
        problems = []
        for key in v_new:
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
        for key in expected[0]:
            if (
                t == 1
                and key in got[0]
                and not np.all(np.isfinite(np.asarray(got[0][key], dtype=float)))
            ):
                problems.append(
                    f'parameters["{key}"] holds NaN or inf at t = 1 — with t − 1 the correction '
                    "divides by 1 − β^0 = 0: t already counts the updates from 1"
                )
                continue
            problems.append(
                entry(
                    "parameters",
                    got[0],
                    key,
                    expected[0][key],
                    [(text, variant[key]) for text, variant in variants.items()],
                )
            )
        other = f", β1 = {beta1}, β2 = {beta2}, ε = {epsilon}" if beta1 != 0.9 else ""
        cases.append((f"t = {t}, α = {learning_rate}{other}", problems))
    run("update_parameters_with_adam", cases)
