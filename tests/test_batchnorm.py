"""course_lib.batchnorm: float64 gradient checks, torch parity (training and eval mode), properties,
bad inputs."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from torch_reference import TORCH_FORWARD

from course_lib.batchnorm import (
    BatchNormCache,
    L_model_backward_bn,
    L_model_forward_bn,
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
    bn_layers,
    initial_running_averages,
    initialize_parameters_bn,
    update_running_averages,
)
from course_lib.datasets import one_hot
from course_lib.gradcheck import compare_gradients, dictionary_to_vector, numerical_gradient
from course_lib.network import output_cost


def bn_layer(seed, n=4, m=7, scale=2.0):
    """Z (n, m) with rows of different means and spreads, and γ, β away from their initial 1 and
    0."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * scale * rng.uniform(0.5, 2, (n, 1)) + rng.standard_normal(
        (n, 1)
    )
    gamma = 1 + 0.5 * rng.standard_normal((n, 1))
    beta = 0.3 * rng.standard_normal((n, 1))
    return rng, Z, gamma, beta


def random_bn_network(rng, layer_dims):
    """A BN network's parameters with random γ, β (not just 1 and 0) and a non-zero output bias."""
    parameters = initialize_parameters_bn(layer_dims, rng, "he")
    L = len(layer_dims) - 1
    for l in range(1, L):
        parameters[f"gamma{l}"] = 1 + 0.3 * rng.standard_normal((layer_dims[l], 1))
        parameters[f"beta{l}"] = 0.3 * rng.standard_normal((layer_dims[l], 1))
    parameters[f"b{L}"] = 0.1 * rng.standard_normal((layer_dims[-1], 1))
    return parameters


def labels_for(rng, output, n_y, X):
    if output == "softmax":
        return one_hot(rng.integers(0, n_y, (1, X.shape[1])), n_y)
    if output == "linear":
        return rng.standard_normal((n_y, X.shape[1]))
    return (X[:1] - 0.5 * X[-1:] > 0) * 1.0


# ---- batchnorm_forward / batchnorm_backward alone (and in tests/test_ops.py) ---------------------


def test_batchnorm_backward_with_a_linear_loss_and_the_dgamma_convention():
    # J = (1/m) Σ w ⊙ Z̃, so dZ̃ = w (per example), dγ = (1/m) Σ_i w z_norm and dβ = (1/m) Σ_i w
    rng, Z, gamma, beta = bn_layer(11, n=3, m=6)
    w = rng.standard_normal(Z.shape)
    _, cache, mu, var = batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = batchnorm_backward(w, cache)
    Z_norm = (Z - Z.mean(axis=1, keepdims=True)) / np.sqrt(Z.var(axis=1, keepdims=True) + 1e-5)
    np.testing.assert_allclose(dgamma, (w * Z_norm).mean(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(dbeta, w.mean(axis=1, keepdims=True), rtol=1e-12)
    J = lambda z: float(np.sum(w * batchnorm_forward(z, gamma, beta)[0]) / 6)  # noqa: E731
    np.testing.assert_allclose(dZ, 6 * numerical_gradient(J, Z), rtol=1e-6, atol=1e-8)
    # BN's output does not change when a row of Z is shifted, so each row of dZ sums to 0
    np.testing.assert_allclose(dZ.sum(axis=1), 0, atol=1e-12)


# ---- the whole BN network ------------------------------------------------------------------------

BN_ARCHITECTURES = [
    ([4, 5, 1], "relu", "sigmoid"),
    ([4, 6, 5, 1], "relu", "sigmoid"),
    ([3, 5, 4, 1], "tanh", "sigmoid"),
    ([4, 5, 3], "relu", "softmax"),
    ([3, 6, 4, 3], "tanh", "softmax"),
    ([4, 6, 5, 4], "relu", "softmax"),
    ([3, 5, 2], "leaky_relu", "linear"),
]


def bn_cost(X, Y, hidden, output):
    def cost(parameters):
        AL, _, _ = L_model_forward_bn(X, parameters, hidden, output)
        return output_cost(AL, Y, output)

    return cost


@pytest.mark.parametrize(("layer_dims", "hidden", "output"), BN_ARCHITECTURES)
def test_bn_network_passes_the_gradient_check(layer_dims, hidden, output):
    rng = np.random.default_rng(sum(layer_dims) * 7 + len(layer_dims))
    parameters = random_bn_network(rng, layer_dims)
    X = rng.standard_normal((layer_dims[0], 10))
    Y = labels_for(rng, output, layer_dims[-1], X)
    AL, caches, stats = L_model_forward_bn(X, parameters, hidden, output)
    grads = L_model_backward_bn(AL, Y, caches, parameters, hidden)
    L = len(layer_dims) - 1
    assert set(grads) == (
        {f"dW{l}" for l in range(1, L + 1)}
        | {f"dgamma{l}" for l in range(1, L)}
        | {f"dbeta{l}" for l in range(1, L)}
        | {f"db{L}"}
    )
    assert sorted(stats) == list(range(1, L))
    # not a flat cost (the check would be noise)
    assert np.sqrt(sum(np.sum(g**2) for g in grads.values())) > 0.05
    report = compare_gradients(bn_cost(X, Y, hidden, output), parameters, grads)
    assert report.passed and report.difference < 1e-7, report


def test_gradient_check_catches_a_bn_backward_that_forgets_the_batch_mean():
    # dropping the − mean(dZ̃) terms (treating μ, σ² as constants) is the classic mistake; the check
    # must see it
    rng = np.random.default_rng(5)
    parameters = random_bn_network(rng, [3, 5, 1])
    X = rng.standard_normal((3, 8))
    Y = labels_for(rng, "sigmoid", 1, X)
    AL, caches, _ = L_model_forward_bn(X, parameters, "tanh", "sigmoid")
    grads = L_model_backward_bn(AL, Y, caches, parameters, "tanh")
    A_prev, Z_tilde, cache = caches[0]
    dZ_tilde = (parameters["W2"].T @ (AL - Y)) * (1 - Z_tilde**2)
    wrong = dict(grads, dW1=(cache.gamma * cache.inv_std * dZ_tilde) @ A_prev.T / 8)
    report = compare_gradients(bn_cost(X, Y, "tanh", "sigmoid"), parameters, wrong)
    assert not report.passed and report.wrong == ["dW1"]


def test_dictionary_to_vector_orders_bn_parameters_layer_by_layer():
    parameters = initialize_parameters_bn([2, 3, 2, 1], 0)
    theta, layout = dictionary_to_vector(parameters)
    assert [key for key, _ in layout] == [
        "W1",
        "gamma1",
        "beta1",
        "W2",
        "gamma2",
        "beta2",
        "W3",
        "b3",
    ]
    assert theta.shape == (sum(v.size for v in parameters.values()), 1)


# ---- torch parity --------------------------------------------------------------------------------


def t64(array, grad=False):
    return torch.tensor(array, dtype=torch.float64, requires_grad=grad)


# batchnorm_forward and batchnorm_backward against torch (and their gradient check):
# tests/test_ops.py


@pytest.mark.parametrize("seed", range(3))
def test_running_averages_match_torch(seed):
    _, Z, gamma, beta = bn_layer(seed + 20, n=5, m=9)
    m = Z.shape[1]
    running_mean, running_var = (
        torch.zeros(5, dtype=torch.float64),
        torch.ones(5, dtype=torch.float64),
    )
    # torch wants (batch, features): examples are rows there, so Zᵀ in
    F.batch_norm(
        t64(Z).T,
        running_mean,
        running_var,
        t64(gamma.ravel()),
        t64(beta.ravel()),
        training=True,
        momentum=0.1,
    )
    _, _, mu, var = batchnorm_forward(Z, gamma, beta)
    # running averages: torch's momentum 0.1 is the weight of the new batch (ours 0.9 is the weight
    # of the past);
    # torch normalizes with the biased σ² (as we do) but keeps the unbiased m/(m − 1) σ² in its
    # running variance
    running = update_running_averages(
        (np.zeros((5, 1)), np.ones((5, 1))), mu, var * m / (m - 1), momentum=0.9
    )
    np.testing.assert_allclose(running[0].ravel(), running_mean.numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(running[1].ravel(), running_var.numpy(), rtol=1e-12)


@pytest.mark.parametrize("epsilon", [1e-5, 1e-2])
def test_batchnorm_eval_mode_matches_torch(epsilon):
    rng, Z, gamma, beta = bn_layer(3, n=4, m=6)
    running_mean, running_var = rng.standard_normal((4, 1)), rng.uniform(0.2, 3, (4, 1))
    expected = F.batch_norm(
        t64(Z).T,
        t64(running_mean.ravel()),
        t64(running_var.ravel()),
        t64(gamma.ravel()),
        t64(beta.ravel()),
        training=False,
        eps=epsilon,
    ).T.numpy()
    got = batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-13)


def torch_bn_network_grads(parameters, X, Y, hidden, output, epsilon=1e-5):
    L = bn_layers(parameters)
    tensors = {k: t64(v, True) for k, v in parameters.items()}
    A = t64(X)
    for l in range(1, L):
        Z = tensors[f"W{l}"] @ A
        Z_tilde = F.batch_norm(
            Z.T,
            None,
            None,
            tensors[f"gamma{l}"].ravel(),
            tensors[f"beta{l}"].ravel(),
            training=True,
            eps=epsilon,
        ).T
        A = TORCH_FORWARD[hidden](Z_tilde)
    Z_L = tensors[f"W{L}"] @ A + tensors[f"b{L}"]
    if output == "sigmoid":
        cost = F.binary_cross_entropy_with_logits(Z_L, t64(Y))
    else:
        cost = F.cross_entropy(Z_L.T, t64(Y).argmax(dim=0))
    cost.backward()
    return cost.item(), {"d" + k: t.grad.numpy() for k, t in tensors.items()}


@pytest.mark.parametrize(
    ("layer_dims", "hidden", "output"),
    [
        ([4, 6, 1], "relu", "sigmoid"),
        ([3, 5, 4, 1], "tanh", "sigmoid"),
        ([4, 6, 5, 3], "relu", "softmax"),
    ],
)
def test_bn_network_matches_torch(layer_dims, hidden, output):
    rng = np.random.default_rng(len(layer_dims) + sum(layer_dims))
    parameters = random_bn_network(rng, layer_dims)
    X = rng.standard_normal((layer_dims[0], 12))
    Y = labels_for(rng, output, layer_dims[-1], X)
    AL, caches, _ = L_model_forward_bn(X, parameters, hidden, output)
    grads = L_model_backward_bn(AL, Y, caches, parameters, hidden)
    cost_t, expected = torch_bn_network_grads(parameters, X, Y, hidden, output)
    assert output_cost(AL, Y, output) == pytest.approx(cost_t, rel=1e-12)
    assert set(grads) == set(expected)
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-9, atol=1e-13, err_msg=key)


# ---- forward, inference, running averages, initialization ----------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    arrays(
        np.float64, st.tuples(st.integers(1, 5), st.integers(2, 12)), elements=st.floats(-100, 100)
    ),
    st.integers(0, 2**32 - 1),
)
def test_batchnorm_forward_gives_mean_beta_and_spread_gamma(Z, seed):
    rng = np.random.default_rng(seed)
    n = Z.shape[0]
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.standard_normal((n, 1))
    Z_before = Z.copy()
    Z_tilde, cache, mu, var = batchnorm_forward(Z, gamma, beta)
    np.testing.assert_array_equal(Z, Z_before)
    assert (
        isinstance(cache, BatchNormCache)
        and Z_tilde.shape == Z.shape
        and mu.shape == var.shape == (n, 1)
    )
    np.testing.assert_allclose(mu, Z.mean(axis=1, keepdims=True), rtol=1e-12, atol=1e-12)
    # the biased (1/m) σ²
    np.testing.assert_allclose(var, Z.var(axis=1, keepdims=True), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(Z_tilde.mean(axis=1, keepdims=True), beta, atol=1e-9)
    # std of z̃ is γ·σ/√(σ² + ε): γ when σ² ≫ ε, less when the row is (nearly) constant
    shrink = np.sqrt(var / (var + 1e-5))
    np.testing.assert_allclose(
        Z_tilde.std(axis=1, keepdims=True), gamma * shrink, rtol=1e-6, atol=1e-9
    )
    # shifting a row by a constant changes nothing: b[l] would be cancelled, which is why the BN
    # layers drop it
    shifted = batchnorm_forward(Z + rng.standard_normal((n, 1)) * 10, gamma, beta)[0]
    np.testing.assert_allclose(shifted, Z_tilde, rtol=1e-6, atol=1e-6 * (1 + np.abs(Z).max()))


def test_inference_with_the_batch_statistics_is_the_training_forward():
    _, Z, gamma, beta = bn_layer(8)
    Z_tilde, _, mu, var = batchnorm_forward(Z, gamma, beta, 1e-3)
    np.testing.assert_allclose(
        batchnorm_inference(Z, gamma, beta, mu, var, 1e-3), Z_tilde, rtol=1e-13, atol=1e-14
    )


def test_inference_treats_each_example_on_its_own():
    _, Z, gamma, beta = bn_layer(9)
    mu, var = np.array([[0.5], [-1.0], [0.0], [2.0]]), np.array([[1.0], [4.0], [0.25], [9.0]])
    whole = batchnorm_inference(Z, gamma, beta, mu, var)
    for i in range(Z.shape[1]):
        np.testing.assert_array_equal(
            batchnorm_inference(Z[:, [i]], gamma, beta, mu, var), whole[:, [i]]
        )
    np.testing.assert_allclose(whole, gamma * (Z - mu) / np.sqrt(var + 1e-5) + beta, rtol=1e-15)


def test_update_running_averages_is_an_exponentially_weighted_average():
    running = (np.array([[1.0], [2.0]]), np.array([[3.0], [4.0]]))
    mu, var = np.array([[11.0], [-8.0]]), np.array([[13.0], [24.0]])
    new_mean, new_var = update_running_averages(running, mu, var)
    np.testing.assert_allclose(new_mean, [[2.0], [1.0]], rtol=1e-15)  # 0.9 · running + 0.1 · batch
    np.testing.assert_allclose(new_var, [[4.0], [6.0]], rtol=1e-15)
    new_mean, new_var = update_running_averages(running, mu, var, momentum=0.5)
    np.testing.assert_allclose(new_mean, [[6.0], [-3.0]], rtol=1e-15)
    np.testing.assert_array_equal(running[0], [[1.0], [2.0]])  # the old averages are untouched


def test_initialize_parameters_bn_drops_the_hidden_biases():
    parameters = initialize_parameters_bn([3, 5, 4, 2], np.random.default_rng(0))
    assert set(parameters) == {"W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"}
    assert parameters["gamma1"].shape == parameters["beta1"].shape == (5, 1)
    assert parameters["gamma2"].shape == (4, 1) and parameters["b3"].shape == (2, 1)
    np.testing.assert_array_equal(parameters["gamma2"], 1.0)
    np.testing.assert_array_equal(parameters["beta2"], 0.0)
    assert bn_layers(parameters) == 3
    # the weights are the plain initialization's, from the same rng
    from course_lib.initializers import initialize_parameters_deep

    plain = initialize_parameters_deep([3, 5, 4, 2], np.random.default_rng(0), "he")
    for key in ("W1", "W2", "W3", "b3"):
        np.testing.assert_array_equal(parameters[key], plain[key])
    running = initial_running_averages(parameters)
    assert sorted(running) == [1, 2]
    np.testing.assert_array_equal(running[1][0], np.zeros((5, 1)))
    np.testing.assert_array_equal(running[2][1], np.ones((4, 1)))


def test_bn_network_forward_in_test_mode_uses_the_running_averages():
    rng = np.random.default_rng(4)
    parameters = random_bn_network(rng, [3, 5, 4, 1])
    X = rng.standard_normal((3, 9))
    before = {k: v.copy() for k, v in parameters.items()}
    AL_train, caches, stats = L_model_forward_bn(X, parameters)
    # with the batch's own μ, σ² as "running" averages, test mode reproduces training mode
    AL_test, test_caches, test_stats = L_model_forward_bn(X, parameters, running=stats)
    np.testing.assert_allclose(AL_test, AL_train, rtol=1e-12)
    assert test_stats == {} and all(cache[2] is None for cache in test_caches)
    # and each example's output no longer depends on the rest of the batch
    running = initial_running_averages(parameters)
    whole = L_model_forward_bn(X, parameters, running=running)[0]
    for i in range(9):
        np.testing.assert_allclose(
            L_model_forward_bn(X[:, [i]], parameters, running=running)[0], whole[:, [i]], rtol=1e-14
        )
    # training mode does depend
    assert not np.allclose(L_model_forward_bn(X[:, :4], parameters)[0], AL_train[:, :4])
    for key, value in before.items():
        np.testing.assert_array_equal(parameters[key], value)


def test_bn_backward_does_not_mutate_its_inputs():
    rng = np.random.default_rng(6)
    parameters = random_bn_network(rng, [3, 5, 4, 3])
    X = rng.standard_normal((3, 8))
    Y = labels_for(rng, "softmax", 3, X)
    AL, caches, _ = L_model_forward_bn(X, parameters, "tanh", "softmax")
    snapshot = (
        {k: v.copy() for k, v in parameters.items()},
        AL.copy(),
        Y.copy(),
        [
            (A.copy(), Zt.copy(), None if c is None else [a.copy() for a in c])
            for A, Zt, c in caches
        ],
    )
    L_model_backward_bn(AL, Y, caches, parameters, "tanh")
    for key, value in snapshot[0].items():
        np.testing.assert_array_equal(parameters[key], value)
    np.testing.assert_array_equal(AL, snapshot[1])
    np.testing.assert_array_equal(Y, snapshot[2])
    for (A, Zt, c), (A0, Zt0, c0) in zip(caches, snapshot[3], strict=True):
        np.testing.assert_array_equal(A, A0)
        np.testing.assert_array_equal(Zt, Zt0)
        if c is not None:
            for a, a0 in zip(c, c0, strict=True):
                np.testing.assert_array_equal(a, a0)


def test_batchnorm_forward_refuses_gamma_and_beta_of_the_wrong_shape():
    Z = np.zeros((4, 6))
    with pytest.raises(
        ValueError,
        match=r"γ must be \(n\[l\], 1\) = \(4, 1\) for Z \(4, 6\); "
        r"got \(4,\)$",
    ):
        batchnorm_forward(Z, np.ones(4), np.zeros((4, 1)))
    with pytest.raises(
        ValueError,
        match=r"β must be \(n\[l\], 1\) = \(4, 1\) for Z \(4, 6\); "
        r"got \(1, 4\) — did you mean β\.T\?",
    ):
        batchnorm_forward(Z, np.ones((4, 1)), np.zeros((1, 4)))
    with pytest.raises(ValueError, match=r"got \(6, 4\) while γ has 4 units — did you mean Z\.T\?"):
        batchnorm_forward(Z.T, np.ones((4, 1)), np.zeros((4, 1)))  # Z with examples as rows
