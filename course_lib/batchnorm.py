"""Batch normalization of the hidden layers (Course 2, week 3).

For a mini-batch Z (n[l], m):  μ = (1/m) Σ_i z⁽ⁱ⁾,  σ² = (1/m) Σ_i (z⁽ⁱ⁾ − μ)²,  z_norm = (z − μ) /
√(σ² + ε), z̃ = γ z_norm + β, with γ, β (n[l], 1) learnt like W. b[l] is dropped (β takes its role).
At test time μ and σ² are exponentially weighted averages over the training mini-batches.

As everywhere in course_lib, dZ, dZ̃ are per-example gradients (dW = (1/m) dZ A_prevᵀ), so dγ =
(1/m) Σ dZ̃ z_norm.
The BN network: [LINEAR (no b) → BN → g] × (L−1) → LINEAR → output; parameters W1, gamma1, beta1, …,
WL, bL.
"""

from typing import NamedTuple

import numpy as np

from course_lib.activations import check_activation, get_activation
from course_lib.dense import weight_gradients
from course_lib.initializers import initialize_parameters_deep
from course_lib.validation import as_array, as_number, check_finite, check_mapping, check_shape


class BatchNormCache(NamedTuple):
    """What batchnorm_backward needs: z_norm (n, m), γ (n, 1) and 1/√(σ² + ε) (n, 1)."""

    Z_norm: np.ndarray
    gamma: np.ndarray
    inv_std: np.ndarray


class BatchNormLayerCache(NamedTuple):
    """One layer's cache in the BN network.

    A_prev: (n[l−1], m);  Z_tilde: Z̃[l] (n[l], m);  batchnorm_cache: its BatchNormCache
    For the output layer Z_tilde holds Z[L] = W[L] A_prev + b[L] (no BN) and batchnorm_cache is
    None, as it is for every layer in test mode.
    """

    A_prev: np.ndarray
    Z_tilde: np.ndarray
    batchnorm_cache: BatchNormCache | None


def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    """Z̃ = γ (Z − μ) / √(σ² + ε) + β, with the mini-batch's μ and σ² (Course 2, week 3).

    Z: (n[l], m);  gamma, beta: (n[l], 1) learnt scale and shift;  epsilon: ε
    Returns Z̃ (n[l], m), the BatchNormCache, μ (n[l], 1) and σ² (n[l], 1).
    """
    if np.ndim(Z) == 2 and np.shape(gamma)[:1] == (Z.shape[1],) != (Z.shape[0],):
        raise ValueError(
            f"Z must be (n[l], m) with the units as rows; got {Z.shape} while γ has "
            f"{np.shape(gamma)[0]} units — did you mean Z.T?"
        )
    if np.ndim(Z) != 2 or Z.shape[1] < 2:
        raise ValueError(
            f"Z must be (n[l], m) with m ≥ 2 examples as columns; got {np.shape(Z)} — batch norm "
            "normalizes each unit over the mini-batch, and one example has σ² = 0 (its Z̃ would be "
            "β whatever Z is)"
        )
    for name, value in (("Z", Z), ("γ", gamma), ("β", beta)):
        check_finite(value, name)
    as_number(epsilon, "ε", low=0, low_open=True, note=" (it keeps 1/√(σ² + ε) finite)")
    return _batchnorm_forward(Z, gamma, beta, epsilon)


def _batchnorm_forward(Z, gamma, beta, epsilon):
    """batchnorm_forward for any m ≥ 1: the network's forward pass, whose one-example batch c2w3
    shows (every output the same), and whose training refuses m = 1 itself."""
    for name, value in (("γ", gamma), ("β", beta)):
        check_shape(value, (Z.shape[0], 1), name, "(n[l], 1)", note=f" for Z {Z.shape}")
    mu = Z.mean(axis=1, keepdims=True)
    var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + epsilon)
    Z_norm = (Z - mu) * inv_std
    return gamma * Z_norm + beta, BatchNormCache(Z_norm, gamma, inv_std), mu, var


def batchnorm_backward(dZ_tilde, cache):
    """dZ = γ/√(σ² + ε) · (dZ̃ − mean(dZ̃) − z_norm · mean(dZ̃ z_norm)), means over the m columns.

    dγ = (1/m) Σ dZ̃ z_norm,  dβ = (1/m) Σ dZ̃
    dZ_tilde: (n[l], m);  cache: the BatchNormCache of batchnorm_forward
    Returns dZ (n[l], m), dγ (n[l], 1), dβ (n[l], 1).
    """
    Z_norm, gamma, inv_std = cache
    m = dZ_tilde.shape[1]
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True) / m
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True) / m
    dZ = (
        gamma
        * inv_std
        * (
            dZ_tilde
            - dZ_tilde.mean(axis=1, keepdims=True)
            - Z_norm * (dZ_tilde * Z_norm).mean(axis=1, keepdims=True)
        )
    )
    return dZ, dgamma, dbeta


def batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    """Test time: Z̃ = γ (Z − μ_run) / √(σ²_run + ε) + β, with the averages kept during training.

    Z: (n[l], m);  gamma, beta, running_mean, running_var: (n[l], 1);  returns Z̃ (n[l], m).
    """
    return gamma * (Z - running_mean) / np.sqrt(running_var + epsilon) + beta


def update_running_averages(running, mu, var, momentum=0.9):
    """μ_run := momentum · μ_run + (1 − momentum) · μ, and the same for σ² (an EWA).

    running: (μ_run, σ²_run), each (n[l], 1);  mu, var: this batch's (n[l], 1)
    Returns the new (μ_run, σ²_run).
    """
    if not isinstance(running, (tuple, list)) or len(running) != 2:
        raise TypeError(f"running must be the pair (μ_run, σ²_run); got {running!r:.60}")
    return momentum * running[0] + (1 - momentum) * mu, momentum * running[1] + (1 - momentum) * var


def initialize_parameters_bn(layer_dims, rng=None, method="he"):
    """W[l] as initialize_parameters_deep; γ[l] = 1 and β[l] = 0 for the hidden layers.

    layer_dims: [n[0], …, n[L]];  hidden layers get no b[l] (β takes its role), the output has bL
    Returns {"W1": (n[1], n[0]), "gamma1": (n[1], 1), "beta1": (n[1], 1), …, "WL", "bL"}.
    """
    parameters = initialize_parameters_deep(layer_dims, rng, method)
    L = len(layer_dims) - 1
    for l in range(1, L):
        del parameters[f"b{l}"]
        parameters[f"gamma{l}"] = np.ones((layer_dims[l], 1))
        parameters[f"beta{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def initial_running_averages(parameters):
    """μ_run = 0 and σ²_run = 1 for each BN layer, before any training: {l: (μ_run, σ²_run)}."""
    check_mapping(parameters, "parameters", "{'W1': …, 'gamma1': …, 'beta1': …, …}")
    return {
        int(key[5:]): (np.zeros_like(g), np.ones_like(g))
        for key, g in parameters.items()
        if key.startswith("gamma")
    }


def bn_layers(parameters):
    """L, the number of layers of a BN network's parameter dict: W1…WL, γ and β for the hidden
    layers, bL; refuse a dict without them."""
    check_mapping(parameters, "parameters", "{'W1': …, 'gamma1': …, 'beta1': …, …}")
    L = sum(str(key).startswith("W") for key in parameters)
    expected = [f"W{l}" for l in range(1, L + 1)] + [f"b{L}"]
    expected += [f"{kind}{l}" for l in range(1, L) for kind in ("gamma", "beta")]
    missing = [key for key in expected if key not in parameters]
    if L == 0 or missing:
        raise ValueError(
            "parameters must hold W1…WL, gamma and beta for each hidden layer and bL, as "
            f"initialize_parameters_bn returns them; missing {', '.join(missing) or 'W1'}"
        )
    return L


def L_model_forward_bn(
    X, parameters, hidden_activation="relu", output_activation="sigmoid", running=None, epsilon=1e-5
):
    """The BN network's forward pass: [W[l] A → BN → g] × (L−1), then g_out(W[L] A + b[L]).

    X: (n_x, m);  parameters: from initialize_parameters_bn
    running=None: training mode (each layer normalized with this batch's μ, σ²);
    running={l: (μ_run, σ²_run)}: test mode (the averages are used, batch_stats is empty)
    Returns AL (n[L], m), caches (one BatchNormLayerCache per layer), batch_stats {l: (μ, σ²)}.
    """
    check_activation(hidden_activation, "hidden")
    check_activation(output_activation, "output")
    L = bn_layers(parameters)
    A, caches, stats = X, [], {}
    for l in range(1, L):
        Z = parameters[f"W{l}"] @ A
        if running is None:
            Z_tilde, bn_cache, mu, var = _batchnorm_forward(
                Z, parameters[f"gamma{l}"], parameters[f"beta{l}"], epsilon
            )
            stats[l] = (mu, var)
        else:
            Z_tilde = batchnorm_inference(
                Z, parameters[f"gamma{l}"], parameters[f"beta{l}"], *running[l], epsilon
            )
            bn_cache = None
        caches.append(BatchNormLayerCache(A, Z_tilde, bn_cache))
        A = get_activation(hidden_activation)[0](Z_tilde)
    Z = parameters[f"W{L}"] @ A + parameters[f"b{L}"]
    caches.append(BatchNormLayerCache(A, Z, None))
    return get_activation(output_activation)[0](Z), caches, stats


def L_model_backward_bn(AL, Y, caches, parameters, hidden_activation="relu"):
    """Backprop through the BN network, from dZ[L] = A[L] − Y.

    AL, Y: (n[L], m);  caches: of L_model_forward_bn in training mode;  parameters: its dict
    Returns grads {"dW{l}", "dgamma{l}", "dbeta{l}" for hidden l, "dWL", "dbL"}.
    """
    check_activation(hidden_activation, "hidden")
    L = bn_layers(parameters)
    if not isinstance(caches, (list, tuple)) or len(caches) != L:
        raise TypeError(
            f"caches must be the list of {L} caches L_model_forward_bn returned in training mode; "
            f"got {caches!r:.60}"
        )
    AL = check_shape(as_array(AL, "AL"), (None, None), "AL", "(n[L], m)")
    Y = check_shape(as_array(Y, "Y"), AL.shape, "Y", "(n[L], m)", note=", the shape of AL")
    grads = {}
    dZ = AL - Y
    A_prev = caches[L - 1].A_prev
    grads[f"dW{L}"], grads[f"db{L}"] = weight_gradients(dZ, A_prev)
    dA = parameters[f"W{L}"].T @ dZ
    for l in reversed(range(1, L)):
        A_prev, Z_tilde, bn_cache = caches[l - 1]
        dZ_tilde = get_activation(hidden_activation)[1](dA, Z_tilde)
        dZ, grads[f"dgamma{l}"], grads[f"dbeta{l}"] = batchnorm_backward(dZ_tilde, bn_cache)
        grads[f"dW{l}"] = weight_gradients(dZ, A_prev)[0]
        if l > 1:
            dA = parameters[f"W{l}"].T @ dZ
    return grads
