"""Checks for c2w3, batch norm and softmax."""

import numpy as np

from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = ["check_batchnorm_forward"]


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
