"""Checks for Course 2 (Improving Deep Neural Networks): c2w1a regularization (the L2 cost,
inverted dropout forward and backward), c2w1b initialization (He), c2w2 optimization
(mini-batches, Adam), c2w3 batch norm's forward pass.
"""

import numpy as np

from course_lib import activations, initializers, losses, optimizers, regularization
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run


def _three_layer_case(rng, m):
    """A [3, 2, 3, 1] network's W/b and a sigmoid output A3 (1, m) with 0/1 labels, for the c2w1
    checks."""
    parameters = {}
    for l, (n, n_prev) in enumerate(((2, 3), (3, 2), (1, 3)), start=1):
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev))
        parameters[f"b{l}"] = rng.standard_normal((n, 1))
    A3 = activations.sigmoid(rng.standard_normal((1, m)))
    Y = (rng.random((1, m)) > 0.5) * 1.0
    return A3, Y, parameters


def check_compute_cost_with_regularization(compute_cost_with_regularization):
    """c2w1a: J = cross-entropy + (λ / 2m) Σ_l ‖W[l]‖²_F for several λ and m."""
    rng = np.random.default_rng(21)
    cases = []
    for lambd, m in ((0.1, 5), (0.7, 12), (0.0, 4), (2.0, 1)):
        A3, Y, parameters = _three_layer_case(rng, m)
        got = call(
            "compute_cost_with_regularization",
            compute_cost_with_regularization,
            A3.copy(),
            Y.copy(),
            {k: v.copy() for k, v in parameters.items()},
            lambd,
        )
        cross_entropy = losses.compute_cost(A3, Y)
        squares = sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
        with_b = squares + sum(np.sum(parameters[f"b{l}"] ** 2) for l in (1, 2, 3))
        norms = sum(np.linalg.norm(parameters[f"W{l}"]) for l in (1, 2, 3))
        mistakes = [
            ("the factor is λ/m instead of λ/(2m)", cross_entropy + lambd / m * squares),
            ("the factor is λ/2 (the 1/m is missing)", cross_entropy + lambd / 2 * squares),
            (
                "the b[l] are penalized too (only the W[l] are)",
                cross_entropy + lambd / (2 * m) * with_b,
            ),
            (
                "‖W‖_F is not squared (use np.sum(np.square(W)))",
                cross_entropy + lambd / (2 * m) * norms,
            ),
            ("the penalty is left out", cross_entropy),
            (
                "only the penalty is returned (add the cross-entropy cost)",
                lambd / (2 * m) * squares,
            ),
            ("λ/2*m multiplies by m: write λ / (2 * m)", cross_entropy + lambd / 2 * m * squares),
            (
                "W3 is left out of the sum (range(1, 3) stops at 2)",
                cross_entropy + lambd / (2 * m) * (squares - np.sum(parameters["W3"] ** 2)),
            ),
        ]
        expected = losses.compute_cost_with_regularization(A3, Y, parameters, lambd)
        cases.append(
            (
                f"λ = {lambd}, m = {m}",
                [mismatch("the cost", got, expected, mistakes if lambd else [])],
            )
        )
    run("compute_cost_with_regularization", cases)


def check_dropout_forward(dropout_forward):
    """c2w1a: inverted dropout — D is a 0/1 mask drawn from rng with P(1) = keep_prob,
    A · D / keep_prob returned."""
    cases = []
    for shape, keep_prob in (((400, 250), 0.8), ((300, 200), 0.5), ((3, 4), 1.0)):
        A = np.random.default_rng(5).standard_normal(shape)
        got = call(
            "dropout_forward", dropout_forward, A.copy(), keep_prob, np.random.default_rng(3)
        )
        description = f"A of shape {shape}, keep_prob = {keep_prob}"
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailed(
                f"✗ dropout_forward on {description} must return a pair (A, D); got "
                f"{type(got).__name__}"
            )
        A_dropped, D = (np.asarray(x, dtype=float) for x in got)
        problems = []
        if np.isin(A_dropped, (0.0, 1.0)).all() and not np.isin(D, (0.0, 1.0)).all():
            problems.append(
                "the pair is in the wrong order: return A, D (the dropped-out activations first)"
            )
        elif D.shape == (shape[0], 1) and shape[1] > 1:
            problems.append(
                f"D has shape {D.shape}: one draw per unit would drop a unit for every example at "
                "once — draw a mask shaped like A: rng.random(A.shape)"
            )
        elif D.shape != shape:
            problems.append(mismatch("D", D, np.zeros(shape)))
        if not any(problems):
            kept = float(np.mean(D))
            if not np.isin(D, (0.0, 1.0)).all():
                problems.append("D must hold only 0s and 1s: D = (rng.random(A.shape) < keep_prob)")
            elif abs(kept - keep_prob) > 0.02:
                problems.append(
                    f"D keeps {kept:.1%} of the units, expected about keep_prob = {keep_prob:.0%}"
                    + (
                        " — the comparison is the wrong way round: keep a unit where "
                        "rng.random(...) < keep_prob"
                        if abs(kept - (1 - keep_prob)) < 0.02
                        else ""
                    )
                )
            else:
                problems.append(
                    mismatch(
                        "A",
                        A_dropped,
                        A * D / keep_prob,
                        [
                            (
                                "A · D is not divided by keep_prob "
                                "(inverted dropout keeps the expected value)",
                                A * D,
                            ),
                            (
                                "A · D is multiplied by keep_prob instead of divided",
                                A * D * keep_prob,
                            ),
                            ("the mask is not applied to A (multiply by D)", A / keep_prob),
                            ("A is returned unchanged (multiply by D, divide by keep_prob)", A),
                        ],
                    )
                )
                if keep_prob < 1 and not any(problems):
                    again = call(
                        "dropout_forward",
                        dropout_forward,
                        A.copy(),
                        keep_prob,
                        np.random.default_rng(3),
                    )
                    other = call(
                        "dropout_forward",
                        dropout_forward,
                        A.copy(),
                        keep_prob,
                        np.random.default_rng(4),
                    )
                    if np.array_equal(np.asarray(other[1]), np.asarray(D)):
                        problems.append(
                            "two different rng seeds gave the same mask — "
                            "draw D from the `rng` argument"
                        )
                    elif not np.array_equal(np.asarray(again[1]), np.asarray(D)):
                        problems.append(
                            "the same rng seed gave a different mask — draw D from the `rng` "
                            "argument (rng.random), not from np.random"
                        )
        cases.append((description, problems))
    run("dropout_forward", cases)


def check_dropout_backward(dropout_backward):
    """c2w1a: dA[l] := dA[l] · D[l] / keep_prob, with the mask of the forward pass."""
    rng = np.random.default_rng(8)
    cases = []
    for shape, keep_prob in (((4, 5), 0.8), ((3, 1), 0.5), ((2, 6), 1.0)):
        dA = rng.standard_normal(shape)
        D = rng.random(shape) < keep_prob
        got = call("dropout_backward", dropout_backward, dA.copy(), D.copy(), keep_prob)
        expected = regularization.dropout_backward(dA, D, keep_prob)
        mistakes = [
            ("dA · D is not divided by keep_prob", dA * D),
            ("dA · D is multiplied by keep_prob instead of divided", dA * D * keep_prob),
            (
                "the dropped units are kept and the kept ones dropped (use D, not 1 − D)",
                dA * (1 - D) / keep_prob,
            ),
            ("dA is divided by keep_prob but the mask D is not applied", dA / keep_prob),
        ]
        cases.append(
            (
                f"dA of shape {shape}, keep_prob = {keep_prob}",
                [mismatch("dA", got, expected, mistakes if keep_prob < 1 else [])],
            )
        )
    run("dropout_backward", cases)


def check_initialize_parameters_he(initialize_parameters_he):
    """c2w1b: W[l] = rng.standard_normal((n[l], n[l−1])) · √(2 / n[l−1]), b[l] = 0, from the
    given rng."""
    cases = []
    for layer_dims in ([300, 200, 100, 1], [50, 400, 2], [2, 1]):
        description = f"layer_dims = {layer_dims}"
        params = call(
            "initialize_parameters_he",
            initialize_parameters_he,
            list(layer_dims),
            np.random.default_rng(1),
        )
        L = len(layer_dims) - 1
        if not isinstance(params, dict) or sorted(params) != sorted(
            f"{p}{l}" for l in range(1, L + 1) for p in "Wb"
        ):
            raise CheckFailed(
                f"✗ initialize_parameters_he on {description} must return the keys W1, b1, …, "
                f"W{L}, b{L}"
            )
        problems = []
        for l in range(1, L + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            W = np.asarray(params[f"W{l}"], dtype=float)
            problems.append(mismatch(f"b{l}", params[f"b{l}"], np.zeros((n, 1))))
            if W.shape != (n, n_prev):
                problems.append(
                    f"W{l} has shape {W.shape}, expected (n[{l}], n[{l - 1}]) = {(n, n_prev)}"
                )
                continue
            if W.size < 1000:
                # too few weights to judge their spread (with 100 the sample std alone varies
                # by ±7%)
                continue
            target = np.sqrt(2.0 / n_prev)
            if abs(W.mean()) > 0.2 * target:
                problems.append(
                    f"W{l} has mean {W.mean():.3g}; the draw must be centred: rng.standard_normal, "
                    "not rng.random (uniform on [0, 1))"
                )
            elif abs(W.std() / target - 1) > 0.06:
                guesses = [
                    ("√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])", np.sqrt(1.0 / n_prev)),
                    ("2/n[l−1] without the square root", 2.0 / n_prev),
                    ("n[l] instead of n[l−1] in √(2/n)", np.sqrt(2.0 / n)),
                    ("0.01 (the small-random scale)", 0.01),
                ]
                why = next(
                    (
                        f" — that is the scale {text}"
                        for text, scale in guesses
                        if abs(W.std() / scale - 1) < 0.06
                    ),
                    "",
                )
                problems.append(
                    f"W{l} has standard deviation {W.std():.3g}, expected √(2/n[{l - 1}]) = "
                    f"{target:.3g}{why}"
                )
        if not any(problems):
            expected = initializers.initialize_parameters_deep(
                layer_dims, np.random.default_rng(1), "he"
            )
            if not np.allclose(params["W1"], expected["W1"]):
                problems.append(
                    "the scale is right but W1 differs from rng.standard_normal((n[1], n[0])) · "
                    "√(2/n[0]): draw from the `rng` argument, layer by layer, one standard_normal "
                    "call per W[l]"
                )
        cases.append((description, problems))
    run("initialize_parameters_he", cases)


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


def check_batchnorm_forward(batchnorm_forward):
    """c2w3: Z̃ = γ (Z − μ) / √(σ² + ε) + β with μ, σ² (n, 1) over the m examples of Z (n, m), for
    several ε and m."""
    rng = np.random.default_rng(31)
    inputs = [
        ("Z of shape (3, 8), ε = 1e-5", 2 * rng.standard_normal((3, 8)) + 1, 1e-5),
        (
            "Z of shape (4, 6) with a tiny spread (σ² ≈ 1e-5, as small as ε)",
            0.003 * rng.standard_normal((4, 6)),
            1e-5,
        ),
        (
            "Z of shape (2, 5), ε = 0.01 (use the epsilon argument)",
            0.1 * rng.standard_normal((2, 5)) - 3,
            1e-2,
        ),
        ("a single example, Z of shape (3, 1)", rng.standard_normal((3, 1)), 1e-5),
    ]
    cases = []
    for description, Z, epsilon in inputs:
        n = Z.shape[0]
        gamma, beta = rng.uniform(0.5, 2.0, (n, 1)), rng.standard_normal((n, 1))
        got = call(
            "batchnorm_forward", batchnorm_forward, Z.copy(), gamma.copy(), beta.copy(), epsilon
        )
        if isinstance(got, tuple):
            raise CheckFailed(
                f"✗ batchnorm_forward on {description} returned a tuple of {len(got)}: return Z̃ "
                "alone (course_lib's batchnorm.batchnorm_forward also returns its cache, μ and "
                "σ²; yours need not)"
            )
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        expected = gamma * (Z - mu) / np.sqrt(var + epsilon) + beta
        with np.errstate(all="ignore"):  # some mistakes divide 0 by 0 when m = 1
            mu0, var0 = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
            mistakes = [
                (
                    "μ and σ² are taken over the units (axis=0) "
                    "instead of over the examples (axis=1)",
                    gamma * (Z - mu0) / np.sqrt(var0 + epsilon) + beta,
                ),
                (
                    "it divides by σ² + ε instead of √(σ² + ε)",
                    gamma * (Z - mu) / (var + epsilon) + beta,
                ),
                (
                    "ε is left out: divide by √(σ² + ε), not by σ",
                    gamma * (Z - mu) / np.sqrt(var) + beta,
                ),
                (
                    "ε is added outside the square root: divide by √(σ² + ε), not by σ + ε",
                    gamma * (Z - mu) / (np.sqrt(var) + epsilon) + beta,
                ),
                (
                    "ε is fixed at 1e-5 instead of the epsilon argument",
                    gamma * (Z - mu) / np.sqrt(var + 1e-5) + beta,
                ),
                (
                    "γ and β are swapped: Z̃ = γ z_norm + β",
                    beta * (Z - mu) / np.sqrt(var + epsilon) + gamma,
                ),
                (
                    "γ and β are not applied: that is z_norm; Z̃ = γ z_norm + β",
                    (Z - mu) / np.sqrt(var + epsilon),
                ),
                (
                    "σ² is the mean of Z² without subtracting μ first",
                    gamma * (Z - mu) / np.sqrt(np.mean(Z**2, axis=1, keepdims=True) + epsilon)
                    + beta,
                ),
            ]
            if Z.shape[1] > 1:
                mistakes.append(
                    (
                        "σ² divides by m − 1 (ddof=1); batch norm's σ² is (1/m) Σ (z − μ)²",
                        gamma * (Z - mu) / np.sqrt(Z.var(axis=1, ddof=1, keepdims=True) + epsilon)
                        + beta,
                    )
                )
        if epsilon == 1e-5:
            mistakes = [mistake for mistake in mistakes if "fixed at 1e-5" not in mistake[0]]
        cases.append((description, [mismatch("Z̃", got, expected, mistakes)]))
    run("batchnorm_forward", cases)
