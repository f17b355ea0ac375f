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


def batchnorm_backward_right(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    m = dZ_tilde.shape[1]
    dZ_norm = gamma * dZ_tilde
    dZ = (
        inv_std
        / m
        * (
            m * dZ_norm
            - np.sum(dZ_norm, axis=1, keepdims=True)
            - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
        )
    )
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True) / m
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True) / m
    return dZ, dgamma, dbeta


def batchnorm_backward_constant_statistics(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    dZ = gamma * inv_std * dZ_tilde
    return dZ, *batchnorm_backward_right(dZ_tilde, cache)[1:]


def batchnorm_backward_sums_over_units(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    m = dZ_tilde.shape[1]
    dgamma = np.sum(dZ_tilde * Z_norm, axis=0, keepdims=True) / m
    dbeta = np.sum(dZ_tilde, axis=0, keepdims=True) / m
    return batchnorm_backward_right(dZ_tilde, cache)[0], dgamma, dbeta


def batchnorm_backward_without_one_over_m(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    dZ = (
        gamma
        * inv_std
        * (
            dZ_tilde
            - np.sum(dZ_tilde, axis=1, keepdims=True)
            - Z_norm * np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
        )
    )
    return dZ, *batchnorm_backward_right(dZ_tilde, cache)[1:]


def batchnorm_backward_dbeta_times_gamma(dZ_tilde, cache):
    dZ, dgamma, dbeta = batchnorm_backward_right(dZ_tilde, cache)
    return dZ, dgamma, cache[1] * dbeta


def batchnorm_backward_gamma_sums(dZ_tilde, cache):
    dZ, dgamma, dbeta = batchnorm_backward_right(dZ_tilde, cache)
    m = dZ_tilde.shape[1]
    return dZ, m * dgamma, m * dbeta


def batchnorm_backward_divides_by_inverse(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    return batchnorm_backward_right(dZ_tilde, (Z_norm, gamma, 1 / inv_std))


def batchnorm_backward_in_place(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache
    dgamma = np.mean(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dbeta = np.mean(dZ_tilde, axis=1, keepdims=True)
    gamma *= inv_std  # γ/√(σ² + ε), written into the cache's γ
    dZ = gamma * (dZ_tilde - dbeta - Z_norm * dgamma)
    return dZ, dgamma, dbeta


def batchnorm_backward_returns_list(dZ_tilde, cache):
    return list(batchnorm_backward_right(dZ_tilde, cache))


def softmax_right(Z):
    t = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_over_rows(Z):
    t = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return t / np.sum(t, axis=1, keepdims=True)


def softmax_without_max(Z):
    t = np.exp(Z)
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_global_max(Z):
    t = np.exp(Z - np.max(Z))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_row_max(Z):
    t = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_not_normalized(Z):
    return np.exp(Z - np.max(Z, axis=0, keepdims=True))


def softmax_in_place(Z):
    Z -= np.max(Z, axis=0, keepdims=True)
    t = np.exp(Z)
    return t / np.sum(t, axis=0, keepdims=True)


def compute_cost_softmax_right(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL)) / m)


def compute_cost_softmax_without_m(AL, Y):
    return float(-np.sum(Y * np.log(AL)))


def compute_cost_softmax_mean_of_all(AL, Y):
    return float(-np.mean(Y * np.log(AL)))


def compute_cost_softmax_binary(AL, Y):
    return float(-np.mean(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0)))


def compute_cost_softmax_dot(AL, Y):
    return float(-np.sum(np.dot(Y, np.log(AL).T)) / Y.shape[1])


def compute_cost_softmax_losses(AL, Y):
    return -np.sum(Y * np.log(AL), axis=0)


def compute_cost_softmax_positive_sign(AL, Y):
    return float(np.sum(Y * np.log(AL)) / Y.shape[1])


def softmax_cost_backward_right(AL, Y):
    return AL - Y


def softmax_cost_backward_flipped(AL, Y):
    return Y - AL


def softmax_cost_backward_over_m(AL, Y):
    return (AL - Y) / Y.shape[1]


def softmax_cost_backward_dA(AL, Y):
    return -Y / AL


def softmax_cost_backward_labels(AL, Y):
    labels = np.argmax(Y, axis=0)
    return AL - labels


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
    checks.check_batchnorm_backward: (
        batchnorm_backward_right,
        [
            (
                batchnorm_backward_constant_statistics,
                ("μ and σ² are treated as constants", "Z of shape (3, 8)"),
            ),
            (batchnorm_backward_sums_over_units, "sum over the examples, not the units"),
            (batchnorm_backward_without_one_over_m, "sums over the examples where they must be"),
            (batchnorm_backward_dbeta_times_gamma, "dβ is multiplied by γ"),
            (batchnorm_backward_gamma_sums, "dγ is a sum without the 1/m"),
            (batchnorm_backward_divides_by_inverse, "already 1/√(σ² + ε), so multiply"),
            (batchnorm_backward_in_place, "changed an array of the cache in place"),
            (batchnorm_backward_returns_list, "returned list: return the three arrays"),
        ],
    ),
    checks.check_softmax: (
        softmax_right,
        [
            (softmax_over_rows, ("normalizes over the examples (axis=1", "shape (4, 1)")),
            (softmax_without_max, ("e^z overflows for z near 1000", "large logits")),
            (softmax_global_max, ("each column's own max", "columns far apart")),
            (softmax_row_max, "subtracts each row's max (axis=1)"),
            (softmax_not_normalized, "not divided by its column's sum"),
            (softmax_in_place, "changed its input `Z` in place"),
        ],
    ),
    checks.check_compute_cost_softmax: (
        compute_cost_softmax_right,
        [
            (compute_cost_softmax_without_m, "the 1/m is missing"),
            (compute_cost_softmax_mean_of_all, "divides by C·m"),
            (compute_cost_softmax_binary, "belongs to the binary (sigmoid) cost"),
            (compute_cost_softmax_dot, "use the elementwise product Y * np.log(AL)"),
            (compute_cost_softmax_losses, "those are the 5 losses"),
            (compute_cost_softmax_positive_sign, "the minus sign is missing"),
        ],
    ),
    checks.check_softmax_cost_backward: (
        softmax_cost_backward_right,
        [
            (softmax_cost_backward_flipped, "the sign is flipped"),
            (softmax_cost_backward_over_m, ("divided by m", "dZ is per example")),
            (softmax_cost_backward_dA, "gradient before the softmax"),
            (softmax_cost_backward_labels, "subtracts the class indices"),
        ],
    ),
}
