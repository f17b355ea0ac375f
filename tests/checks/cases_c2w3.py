"""The registry's entries for the checks of c2w3: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import batchnorm, checks


def batchnorm_forward_right(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta


def batchnorm_over_units(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


def batchnorm_without_square_root(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / (var + epsilon) + beta


def batchnorm_without_epsilon(Z, gamma, beta, epsilon=1e-5):
    return gamma * (Z - Z.mean(axis=1, keepdims=True)) / Z.std(axis=1, keepdims=True) + beta


def batchnorm_epsilon_outside(Z, gamma, beta, epsilon=1e-5):
    return (
        gamma * (Z - Z.mean(axis=1, keepdims=True)) / (Z.std(axis=1, keepdims=True) + epsilon)
        + beta
    )


def batchnorm_gamma_beta_swapped(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, beta, gamma, epsilon)


def batchnorm_without_gamma_beta(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, np.ones_like(gamma), np.zeros_like(beta), epsilon)


def batchnorm_fixed_epsilon(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, gamma, beta)


def batchnorm_unbiased_variance(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (Z.shape[1] - 1)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


CASES = {
    checks.check_batchnorm_forward: (
        batchnorm_forward_right,
        [
            (batchnorm_over_units, ("over the units (axis=0)", "Z of shape (3, 8)")),
            (batchnorm_without_square_root, "divides by σ² + ε instead of √(σ² + ε)"),
            (batchnorm_without_epsilon, "ε is left out"),
            (batchnorm_epsilon_outside, "ε is added outside the square root"),
            (batchnorm_gamma_beta_swapped, "γ and β are swapped"),
            (batchnorm_without_gamma_beta, "γ and β are not applied"),
            (
                batchnorm_fixed_epsilon,
                ("fixed at 1e-5 instead of the epsilon argument", "ε = 0.01"),
            ),
            (batchnorm_unbiased_variance, "divides by m − 1 (ddof=1)"),
            (batchnorm.batchnorm_forward, ("returned a tuple of 4", "return Z̃ alone")),
        ],
    ),
}
