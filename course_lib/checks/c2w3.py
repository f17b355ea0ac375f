"""Checks for c2w3, batch norm and softmax."""

import numpy as np

from course_lib import activations, batchnorm
from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = [
    "check_batchnorm_forward",
    "check_batchnorm_backward",
    "check_softmax",
    "check_compute_cost_softmax",
    "check_softmax_cost_backward",
]


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
        ("two examples, Z of shape (3, 2)", rng.standard_normal((3, 2)), 1e-5),
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
        with np.errstate(all="ignore"):  # a mistaken axis can divide 0 by 0
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


def _mean(values, axis=1):
    """The mean over the examples (axis=1) or the units (axis=0), kept 2-D."""
    return np.mean(values, axis=axis, keepdims=True)


def check_batchnorm_backward(batchnorm_backward):
    """c2w3: dγ = (1/m) Σ dZ̃ z_norm, dβ = (1/m) Σ dZ̃ and dZ = γ/√(σ² + ε) · (dZ̃ − mean(dZ̃) −
    z_norm · mean(dZ̃ z_norm)), from the cache (z_norm, γ, 1/√(σ² + ε)) of batchnorm_forward."""
    rng = np.random.default_rng(32)
    inputs = [
        ("Z of shape (3, 8), ε = 1e-5", 2 * rng.standard_normal((3, 8)) + 1, 1e-5),
        ("Z of shape (4, 5), ε = 0.1", 0.5 * rng.standard_normal((4, 5)) - 2, 0.1),
        ("Z of shape (2, 6), 2 units and 6 examples", rng.standard_normal((2, 6)), 1e-5),
        ("two examples, Z of shape (3, 2)", rng.standard_normal((3, 2)), 1e-5),
    ]
    cases = []
    for description, Z, epsilon in inputs:
        n, m = Z.shape
        gamma, beta = rng.uniform(0.5, 2.0, (n, 1)), rng.standard_normal((n, 1))
        _, cache, _, _ = batchnorm.batchnorm_forward(Z, gamma, beta, epsilon)
        dZ_tilde = rng.standard_normal((n, m))
        given = batchnorm.BatchNormCache(*(value.copy() for value in cache))
        got = call("batchnorm_backward", batchnorm_backward, dZ_tilde.copy(), given)
        if not all(np.array_equal(a, b) for a, b in zip(given, cache, strict=True)):
            raise CheckFailed(
                "✗ batchnorm_backward changed an array of the cache in place (as `gamma *= …` "
                "does): compute new arrays instead, the cache belongs to the forward pass"
            )
        if not isinstance(got, tuple) or len(got) != 3:
            kind = f"a tuple of {len(got)}" if isinstance(got, tuple) else type(got).__name__
            raise CheckFailed(
                f"✗ batchnorm_backward on {description} returned {kind}: return the three "
                "arrays dZ, dgamma, dbeta, in that order"
            )
        dZ, dgamma, dbeta = got
        expected_dZ, expected_dgamma, expected_dbeta = batchnorm.batchnorm_backward(dZ_tilde, cache)
        Z_norm, _, inv_std = cache
        full = dZ_tilde - _mean(dZ_tilde) - Z_norm * _mean(dZ_tilde * Z_norm)
        dZ_mistakes = [
            (
                "μ and σ² are treated as constants: dZ = γ dZ̃ / √(σ² + ε) misses the two terms "
                "that come through μ and σ² (the −mean(dZ̃) and −z_norm · mean(dZ̃ z_norm))",
                gamma * inv_std * dZ_tilde,
            ),
            (
                "the term through σ², −z_norm · mean(dZ̃ z_norm), is missing",
                gamma * inv_std * (dZ_tilde - _mean(dZ_tilde)),
            ),
            (
                "the term through μ, −mean(dZ̃), is missing",
                gamma * inv_std * (dZ_tilde - Z_norm * _mean(dZ_tilde * Z_norm)),
            ),
            (
                "the two corrections are sums over the examples where they must be means (the "
                "1/m terms): dZ = γ/(m √(σ² + ε)) · (m dZ̃ − Σ dZ̃ − z_norm Σ dZ̃ z_norm)",
                gamma
                * inv_std
                * (
                    dZ_tilde
                    - np.sum(dZ_tilde, axis=1, keepdims=True)
                    - Z_norm * np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
                ),
            ),
            (
                "the means are over the units (axis=0) instead of over the examples (axis=1)",
                gamma
                * inv_std
                * (dZ_tilde - _mean(dZ_tilde, 0) - Z_norm * _mean(dZ_tilde * Z_norm, 0)),
            ),
            ("γ is left out of dZ (dz_norm = γ dZ̃)", inv_std * full),
            (
                "it divides by the cache's third entry: that is already 1/√(σ² + ε), so "
                "multiply by it",
                gamma / inv_std * full,
            ),
            (
                "dZ is divided by m: in this workbook dZ is per example (the 1/m comes in dW = "
                "(1/m) dZ A_prevᵀ)",
                gamma * inv_std * full / m,
            ),
        ]
        dgamma_mistakes = [
            (
                "dγ is a sum without the 1/m: dγ = (1/m) Σ dZ̃ z_norm (like dW, dγ carries the "
                "1/m of J)",
                np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True),
            ),
            ("dγ misses the factor z_norm: dγ = (1/m) Σ dZ̃ z_norm", _mean(dZ_tilde)),
            ("dγ is multiplied by γ: dγ = (1/m) Σ dZ̃ z_norm", gamma * _mean(dZ_tilde * Z_norm)),
            ("dγ and dβ are swapped (return dZ, dgamma, dbeta in this order)", expected_dbeta),
        ]
        dbeta_mistakes = [
            (
                "dβ is a sum without the 1/m: dβ = (1/m) Σ dZ̃ (like db, dβ carries the 1/m of J)",
                np.sum(dZ_tilde, axis=1, keepdims=True),
            ),
            (
                "dβ is multiplied by γ: β is added after the scaling, so dβ = (1/m) Σ dZ̃",
                gamma * _mean(dZ_tilde),
            ),
            ("dγ and dβ are swapped (return dZ, dgamma, dbeta in this order)", expected_dgamma),
        ]
        cases.append(
            (
                description,
                [
                    mismatch("dZ", dZ, expected_dZ, dZ_mistakes),
                    mismatch("dgamma", dgamma, expected_dgamma, dgamma_mistakes),
                    mismatch("dbeta", dbeta, expected_dbeta, dbeta_mistakes),
                ],
            )
        )
    run("batchnorm_backward", cases)


def check_softmax(softmax):
    """c2w3: A = e^Z / Σ_j e^Z column by column, for Z (C, m), computed without overflow."""
    rng = np.random.default_rng(33)
    inputs = [
        (
            "the lecture's z = [5, 2, −1, 3] of shape (4, 1)",
            np.array([[5.0], [2.0], [-1.0], [3.0]]),
        ),
        ("Z of shape (3, 5): 3 classes, 5 examples", 2 * rng.standard_normal((3, 5))),
        ("Z of shape (4, 4)", rng.standard_normal((4, 4)) + np.arange(4.0)),
        (
            "large logits, Z of shape (3, 4) near 1000 (e^1000 overflows to inf)",
            1000 + 3 * rng.standard_normal((3, 4)),
        ),
        (
            "columns far apart, Z of shape (3, 3) near 800, 0 and −800",
            3 * rng.standard_normal((3, 3)) + np.array([[800.0, 0.0, -800.0]]),
        ),
    ]
    cases = []
    for description, Z in inputs:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            got = call("softmax", softmax, Z.copy())
        expected = activations.softmax(Z)
        if isinstance(got, np.ndarray) and got.shape == Z.shape and not np.all(np.isfinite(got)):
            if Z.max() - Z.min() > 1000:
                problem = (
                    "A holds NaN or inf: subtract each column's own max (np.max(Z, axis=0, "
                    "keepdims=True)), not one max of the whole array — a column far below it "
                    "underflows to e^z = 0 and gives 0/0"
                )
            else:
                problem = (
                    "A holds NaN or inf: e^z overflows for z near 1000. Subtract each column's "
                    "max first (softmax(z − c) = softmax(z)), so the largest exponent is e^0 = 1"
                )
            cases.append((description, [problem]))
            continue
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            t = np.exp(Z - Z.max(axis=0, keepdims=True))
            t_rows = np.exp(Z - Z.max(axis=1, keepdims=True))
            mistakes = [
                (
                    "it normalizes over the examples (axis=1, each row sums to 1) instead of "
                    "over the C classes (axis=0, each column sums to 1)",
                    t_rows / t_rows.sum(axis=1, keepdims=True),
                ),
                (
                    "it divides by the sums over the examples (axis=1) instead of over the C "
                    "classes (axis=0, each column sums to 1)",
                    t / t.sum(axis=1, keepdims=True),
                ),
                (
                    "it subtracts each row's max (axis=1): subtract each column's max "
                    "(axis=0), a constant per example, which softmax ignores",
                    t_rows / t_rows.sum(axis=0, keepdims=True),
                ),
                ("e^(z − max) is not divided by its column's sum Σ_j e^(z_j − max)", t),
                ("e^z is not divided by its column's sum Σ_j e^(z_j)", np.exp(Z)),
            ]
        cases.append((description, [mismatch("A", got, expected, mistakes)]))
    run("softmax", cases)


def _one_hot_case(rng, C, m):
    """AL (C, m), softmax of random logits, and a one-hot Y (C, m) of random classes."""
    AL = activations.softmax(2 * rng.standard_normal((C, m)))
    Y = np.eye(C)[:, rng.integers(0, C, m)]
    return AL, Y


def check_compute_cost_softmax(compute_cost_softmax):
    """c2w3: J = −(1/m) Σ_i Σ_j y_j log ŷ_j for AL and a one-hot Y, both (C, m); J a number."""
    rng = np.random.default_rng(34)
    inputs = [
        ("AL and Y of shape (3, 5): 3 classes, 5 examples", 3, 5),
        ("a single example, AL and Y of shape (4, 1)", 4, 1),
        ("AL and Y of shape (10, 6)", 10, 6),
        ("2 classes, AL and Y of shape (2, 7)", 2, 7),
    ]
    cases = []
    for description, C, m in inputs:
        AL, Y = _one_hot_case(rng, C, m)
        got = call("compute_cost_softmax", compute_cost_softmax, AL.copy(), Y.copy())
        if np.ndim(got) and np.size(got) == m and m > 1:
            cases.append(
                (
                    description,
                    [
                        f"J has shape {np.shape(got)}: those are the {m} losses, one per "
                        "example; J is their mean, one number"
                    ],
                )
            )
            continue
        log_AL = np.log(AL)
        expected = -np.sum(Y * log_AL) / m
        mistakes = [
            ("the 1/m is missing: J averages the losses over the m examples", m * expected),
            (
                "np.mean over all C × m entries divides by C·m: J = −(1/m) Σ_i Σ_j y_j log ŷ_j",
                expected / C,
            ),
            ("the minus sign is missing: J = −(1/m) Σ Σ y log ŷ is positive", -expected),
            (
                "it adds (1 − y) log(1 − ŷ): that term belongs to the binary (sigmoid) cost; "
                "softmax's loss is −Σ_j y_j log ŷ_j only",
                -np.sum(Y * log_AL + (1 - Y) * np.log(1 - AL)) / m,
            ),
            (
                "np.dot(Y, np.log(AL).T) pairs every class's y with every class's log ŷ (a "
                "C × C matrix): use the elementwise product Y * np.log(AL)",
                -np.sum(Y @ log_AL.T) / m,
            ),
        ]
        cases.append((description, [mismatch("J", got, expected, mistakes)]))
    run("compute_cost_softmax", cases)


def check_softmax_cost_backward(softmax_cost_backward):
    """c2w3: dZ[L] = A[L] − Y (C, m) for softmax with the cross-entropy cost, per example."""
    rng = np.random.default_rng(35)
    inputs = [
        ("AL and Y of shape (3, 5): 3 classes, 5 examples", 3, 5),
        ("AL and Y of shape (10, 4)", 10, 4),
        ("2 classes, AL and Y of shape (2, 6)", 2, 6),
        ("a single example, AL and Y of shape (4, 1)", 4, 1),
    ]
    cases = []
    for description, C, m in inputs:
        AL, Y = _one_hot_case(rng, C, m)
        got = call("softmax_cost_backward", softmax_cost_backward, AL.copy(), Y.copy())
        expected = AL - Y
        labels = np.argmax(Y, axis=0).reshape(1, m)
        mistakes = [
            ("the sign is flipped: dZ[L] = Ŷ − Y, not Y − Ŷ", Y - AL),
            (
                "it is divided by m: in this workbook dZ is per example; the 1/m comes in "
                "dW[L] = (1/m) dZ[L] A[L−1]ᵀ and db[L]",
                (AL - Y) / m,
            ),
            (
                "it returns dA[L] = −Y/Ŷ, the gradient before the softmax; through the softmax "
                "it becomes dZ[L] = Ŷ − Y",
                -Y / AL,
            ),
            (
                "it subtracts the class indices (0 … C−1) from every row: Y is already one-hot "
                "(C, m), subtract it as it is",
                AL - labels,
            ),
        ]
        cases.append((description, [mismatch("dZ", got, expected, mistakes)]))
    run("softmax_cost_backward", cases)
