"""course_lib.network, initializers and losses: whole-network gradient checks, torch parity, Model
(with optimizers, schedules, mini-batches and batch norm)."""

import gc
import warnings

import numpy as np
import pytest
import sklearn.datasets
import torch
import torch.nn.functional as F

from course_lib import (
    L_model_backward,
    L_model_forward,
    Model,
    TrainingDiverged,
    compute_cost,
    compute_cost_with_regularization,
    initialize_parameters,
    initialize_parameters_deep,
    predict,
    update_parameters,
)
from course_lib.batchnorm import L_model_backward_bn, L_model_forward_bn
from course_lib.datasets import load_breast_cancer_data, load_planar_dataset, one_hot
from course_lib.gradcheck import backprop_gradients, compare_gradients, gradient_check_n
from course_lib.losses import squared_error_cost
from course_lib.network import (
    L_model_backward_with_dropout,
    L_model_forward_with_dropout,
    output_cost,
    predictions,
)
from course_lib.optimizers import (
    Optimizer,
    initialize_adam,
    random_mini_batches,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)
from course_lib.regularization import l2_cost
from course_lib.schedules import Schedule
from course_lib.training_pass import CELLS, DropoutDraws, grid_counter

TORCH_HIDDEN = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
}


def random_network(rng, layer_dims, bias_scale=0.1, weight_scale=1.0):
    """Xavier-scaled weights and small non-zero biases, so no unit is dead and no output
    saturates."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (
            rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
            * weight_scale
            / np.sqrt(layer_dims[l - 1])
        )
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * bias_scale
    return parameters


def random_labels(rng, output_activation, n_y, m):
    if output_activation == "softmax":
        return one_hot(rng.integers(0, n_y, (1, m)), n_y)
    if output_activation == "linear":
        return rng.standard_normal((n_y, m))
    return (rng.random((1, m)) > 0.5) * 1.0


@pytest.fixture(scope="module")
def flower():
    return load_planar_dataset()


# ---- whole-network gradient check ----------------------------------------------------------------

ARCHITECTURES = [
    ([3, 4, 1], "relu", "sigmoid"),
    ([4, 5, 3, 1], "tanh", "sigmoid"),
    ([3, 3, 2, 1], "sigmoid", "sigmoid"),
    ([3, 5, 4, 1], "leaky_relu", "sigmoid"),
    ([5, 1], "relu", "sigmoid"),
    ([4, 5, 3], "relu", "softmax"),
    ([4, 6, 4, 3], "tanh", "softmax"),
    ([3, 4, 2], "tanh", "linear"),
]


@pytest.mark.parametrize("lambd", [0.0, 0.7])
@pytest.mark.parametrize(("layer_dims", "hidden", "output"), ARCHITECTURES)
def test_whole_network_gradient_check(layer_dims, hidden, output, lambd):
    rng = np.random.default_rng(len(layer_dims) * 100 + layer_dims[0] * 10 + layer_dims[-1])
    # sigmoid hidden units squash their input to ~0.5 ± small: larger weights and biases keep the
    # output
    # sensitive to X (with Xavier scale the cost can be nearly flat, and the check then measures
    # only noise)
    scales = {"weight_scale": 3.0, "bias_scale": 1.0} if hidden == "sigmoid" else {}
    parameters = random_network(rng, layer_dims, **scales)
    m = 6
    X = rng.standard_normal((layer_dims[0], m))
    if output == "sigmoid":
        Y = (X[:1] + 0.5 * X[-1:] > 0) * 1.0  # labels that depend on X, so the cost is not flat
    else:
        Y = random_labels(rng, output, layer_dims[-1], m)
    grads = backprop_gradients(parameters, X, Y, hidden, output, lambd)
    # a near-zero gradient would make any relative difference meaningless (pure rounding noise)
    assert np.sqrt(sum(np.sum(grads["d" + k] ** 2) for k in parameters)) > 0.05
    difference = gradient_check_n(parameters, grads, X, Y, 1e-7, hidden, output, lambd)
    assert difference < 1e-7


def test_gradient_check_catches_a_missing_l2_term():
    rng = np.random.default_rng(8)
    parameters = random_network(rng, [3, 4, 1])
    X, Y = rng.standard_normal((3, 6)), np.array([[1.0, 0, 1, 1, 0, 0]])
    grads_without_l2 = backprop_gradients(parameters, X, Y, "relu", "sigmoid", lambd=0.0)
    assert (
        gradient_check_n(parameters, grads_without_l2, X, Y, 1e-7, "relu", "sigmoid", lambd=0.7)
        > 1e-3
    )


# ---- torch parity --------------------------------------------------------------------------------


def torch_grads(parameters, X, Y, hidden, output, lambd):
    """The same network in torch float64; returns (cost, {"dW1": …, "db1": …, "dA0": …}) in the
    course's scaling."""
    L = len(parameters) // 2
    m = X.shape[1]
    tensors = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in parameters.items()
    }
    X_t = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    A = X_t
    for l in range(1, L):
        A = TORCH_HIDDEN[hidden](tensors[f"W{l}"] @ A + tensors[f"b{l}"])
    Z_L = tensors[f"W{L}"] @ A + tensors[f"b{L}"]
    Y_t = torch.tensor(Y, dtype=torch.float64)
    if output == "sigmoid":
        cost = F.binary_cross_entropy(torch.sigmoid(Z_L), Y_t)  # mean over the m examples
    else:
        cost = F.cross_entropy(Z_L.T, Y_t.argmax(dim=0))
    cost = cost + lambd / (2 * m) * sum((tensors[f"W{l}"] ** 2).sum() for l in range(1, L + 1))
    cost.backward()
    cost = cost.detach()
    grads = {"d" + k: t.grad.numpy() for k, t in tensors.items()}
    grads["dA0"] = X_t.grad.numpy() * m  # the course's dA[l] are per-example: no 1/m
    return cost.item(), grads


@pytest.mark.parametrize("lambd", [0.0, 0.3])
@pytest.mark.parametrize(
    ("layer_dims", "hidden", "output"),
    [
        ([4, 5, 1], "relu", "sigmoid"),
        ([5, 6, 4, 3, 1], "relu", "sigmoid"),
        ([3, 4, 4, 1], "tanh", "sigmoid"),
        ([3, 5, 2, 1], "leaky_relu", "sigmoid"),
        ([3, 4, 1], "sigmoid", "sigmoid"),
        ([4, 6, 3], "relu", "softmax"),
    ],
)
def test_L_model_backward_matches_torch(layer_dims, hidden, output, lambd):
    rng = np.random.default_rng(sum(layer_dims) + len(layer_dims))
    parameters = random_network(rng, layer_dims, bias_scale=0.5)
    m = 9
    X = rng.standard_normal((layer_dims[0], m))
    Y = random_labels(rng, output, layer_dims[-1], m)
    AL, caches = L_model_forward(X, parameters, hidden, output)
    assert len(caches) == len(layer_dims) - 1
    grads = L_model_backward(AL, Y, caches, hidden, lambd)
    cost_t, expected = torch_grads(parameters, X, Y, hidden, output, lambd)
    np.testing.assert_allclose(
        compute_cost_with_regularization(AL, Y, parameters, lambd), cost_t, rtol=1e-12
    )
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        np.testing.assert_allclose(
            grads[f"dW{l}"], expected[f"dW{l}"], rtol=1e-9, atol=1e-12, err_msg=f"dW{l}"
        )
        np.testing.assert_allclose(
            grads[f"db{l}"], expected[f"db{l}"], rtol=1e-9, atol=1e-12, err_msg=f"db{l}"
        )
    np.testing.assert_allclose(grads["dA0"], expected["dA0"], rtol=1e-9, atol=1e-12)
    assert set(grads) == {f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"} | {
        f"dA{l}" for l in range(L)
    }


def test_L_model_forward_course_golden_value():
    # c1w4 L_model_forward_test_case_2hidden (legacy seed 6): AL = [[0.03921668 0.70498921
    # 0.19734387 0.04728177]]
    rs = np.random.RandomState(6)
    X = rs.randn(5, 4)
    parameters = {
        "W1": rs.randn(4, 5),
        "b1": rs.randn(4, 1),
        "W2": rs.randn(3, 4),
        "b2": rs.randn(3, 1),
        "W3": rs.randn(1, 3),
        "b3": rs.randn(1, 1),
    }
    AL, caches = L_model_forward(X, parameters)
    np.testing.assert_allclose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]], rtol=1e-7)
    assert len(caches) == 3


def test_L_model_backward_does_not_mutate_caches():
    rng = np.random.default_rng(12)
    parameters = random_network(rng, [3, 4, 1])
    X, Y = rng.standard_normal((3, 5)), np.array([[1.0, 0, 0, 1, 1]])
    AL, caches = L_model_forward(X, parameters)
    snapshot = [
        (c.linear_cache.A_prev.copy(), c.linear_cache.W.copy(), c.activation_cache.copy())
        for c in caches
    ]
    L_model_backward(AL, Y, caches, "relu", lambd=0.5)
    for cache, (A_prev, W, Z) in zip(caches, snapshot, strict=True):
        np.testing.assert_array_equal(cache.linear_cache.A_prev, A_prev)
        np.testing.assert_array_equal(cache.linear_cache.W, W)
        np.testing.assert_array_equal(cache.activation_cache, Z)


def test_L_model_backward_names_a_cache_from_another_forward():
    rng = np.random.default_rng(13)
    X, Y = rng.standard_normal((3, 5)), np.array([[1.0, 0, 0, 1, 1]])
    AL, caches = L_model_forward(X, random_network(rng, [3, 4, 1]))
    _, other = L_model_forward(X[:, :2], random_network(rng, [3, 4, 1]))
    with pytest.raises(
        ValueError, match=r"caches\[0\]'s A0 must be .*= \(3, 5\) .* pass the caches of the"
    ):
        L_model_backward(AL, Y, [other[0], caches[1]])


# ---- initialization ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["zeros", "random", "large", "xavier", "he"])
def test_initialize_parameters_deep_shapes(method):
    layer_dims = [5, 4, 3, 1]
    parameters = initialize_parameters_deep(layer_dims, np.random.default_rng(0), method=method)
    assert sorted(parameters) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for l in range(1, 4):
        assert parameters[f"W{l}"].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters[f"W{l}"].dtype == np.float64
        np.testing.assert_array_equal(parameters[f"b{l}"], np.zeros((layer_dims[l], 1)))


@pytest.mark.parametrize(
    ("method", "expected_std"),
    [
        ("random", 0.01),
        ("large", 10.0),
        ("xavier", np.sqrt(1 / 800)),
        ("he", np.sqrt(2 / 800)),
    ],
)
def test_initialize_parameters_deep_scale(method, expected_std):
    parameters = initialize_parameters_deep([800, 500], np.random.default_rng(1), method=method)
    W = parameters["W1"]
    assert abs(W.std() / expected_std - 1) < 0.01  # 400 000 draws: the estimate is good to ~0.1 %
    assert abs(W.mean()) < 0.01 * expected_std


def test_he_scale_depends_on_the_fan_in_of_each_layer():
    parameters = initialize_parameters_deep([1000, 400, 50], np.random.default_rng(2), method="he")
    assert abs(parameters["W1"].std() / np.sqrt(2 / 1000) - 1) < 0.02
    assert abs(parameters["W2"].std() / np.sqrt(2 / 400) - 1) < 0.02


def test_zeros_init_is_all_zero():
    parameters = initialize_parameters_deep([3, 4, 1], np.random.default_rng(0), method="zeros")
    assert all(np.all(v == 0) for v in parameters.values())


def test_unknown_init_method_lists_the_valid_ones():
    with pytest.raises(ValueError) as info:
        initialize_parameters_deep([2, 3, 1], np.random.default_rng(0), method="glorot")
    message = str(info.value)
    assert "'glorot'" in message
    for method in ("zeros", "random", "large", "xavier", "he"):
        assert repr(method) in message


@pytest.mark.parametrize(
    ("layer_dims", "error"),
    [
        ([3], ValueError),
        ([], ValueError),
        ([3, 0, 1], ValueError),
        ([2, -1], ValueError),
        ([2, 2.5, 1], TypeError),
        ([2, True, 1], TypeError),  # a layer size is a whole number
    ],
)
def test_bad_layer_dims_are_refused(layer_dims, error):
    with pytest.raises(error, match="layer_dims"):
        initialize_parameters_deep(layer_dims, np.random.default_rng(0))


def test_initialization_is_deterministic_under_the_same_seed():
    a = initialize_parameters_deep([4, 6, 2], np.random.default_rng(42), method="he")
    b = initialize_parameters_deep([4, 6, 2], np.random.default_rng(42), method="he")
    c = initialize_parameters_deep([4, 6, 2], np.random.default_rng(43), method="he")
    # an int seed means the same generator
    d = initialize_parameters_deep([4, 6, 2], 42, method="he")
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
        np.testing.assert_array_equal(a[key], d[key])
    assert not np.array_equal(a["W1"], c["W1"])


def test_rng_must_be_a_generator_or_seed():
    with pytest.raises(TypeError, match="rng"):
        initialize_parameters_deep([2, 1], rng="seed")


def test_initialize_parameters_two_layer():
    parameters = initialize_parameters(2, 4, 1, rng=np.random.default_rng(0))
    assert parameters["W1"].shape == (4, 2) and parameters["W2"].shape == (1, 4)
    assert parameters["b1"].shape == (4, 1) and parameters["b2"].shape == (1, 1)
    assert 0 < np.abs(parameters["W1"]).max() < 0.05


# ---- update and predict --------------------------------------------------------------------------


def test_update_parameters_returns_a_new_dict():
    rng = np.random.default_rng(3)
    parameters = random_network(rng, [3, 2, 1])
    grads = {"d" + k: np.ones_like(v) for k, v in parameters.items()}
    grads["dA0"] = np.ones((3, 4))
    before = {k: v.copy() for k, v in parameters.items()}
    updated = update_parameters(parameters, grads, 0.1)
    for key, value in parameters.items():
        np.testing.assert_array_equal(value, before[key])
        np.testing.assert_allclose(updated[key], before[key] - 0.1)
    assert set(updated) == set(parameters)


def test_predict_shapes_and_values():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((3, 7))
    binary = random_network(rng, [3, 4, 1])
    p = predict(X, binary, "relu", "sigmoid")
    AL, _ = L_model_forward(X, binary, "relu", "sigmoid")
    assert p.shape == (1, 7)
    np.testing.assert_array_equal(p, (AL > 0.5).astype(int))
    classes = random_network(rng, [3, 4, 5])
    labels = predict(X, classes, "tanh", "softmax")
    assert labels.shape == (1, 7)
    np.testing.assert_array_equal(
        labels.ravel(), np.argmax(L_model_forward(X, classes, "tanh", "softmax")[0], axis=0)
    )
    regression = random_network(rng, [3, 4, 2])
    np.testing.assert_array_equal(
        predict(X, regression, "relu", "linear"),
        L_model_forward(X, regression, "relu", "linear")[0],
    )


# ---- Model ---------------------------------------------------------------------------------------


def test_model_fit_reduces_cost_on_the_flower(flower):
    X, Y = flower
    model = Model([2, 4, 1], "tanh", init="random", learning_rate=1.2).fit(X, Y, 1000)
    costs = model.history["cost"]
    assert model.iterations == len(costs) == 1000
    assert costs[0] == pytest.approx(np.log(2), abs=1e-3)  # tiny weights: A[L] ≈ 0.5
    assert costs[-1] < 0.45 * costs[0]  # measured 0.288 / 0.693
    assert np.all(np.diff(costs) < 1e-12)  # α = 1.2 is small enough here for a monotone descent
    assert model.cost(X, Y) < costs[-1]


def test_four_hidden_units_learn_the_flower(flower):
    # the course's c1w3 result: n_h = 4, tanh, α = 1.2, 10 000 iterations → about 90 % training
    # accuracy
    X, Y = flower
    model = Model([2, 4, 1], "tanh", init="random", learning_rate=1.2).fit(X, Y, 10000)
    assert model.accuracy(X, Y) >= 0.90  # measured 0.9075 (seed 0)
    assert model.history["cost"][-1] < 0.25
    logistic = Model([2, 1], init="zeros", learning_rate=1.2).fit(X, Y, 1000)
    assert logistic.accuracy(X, Y) < 0.60  # a linear boundary cannot: the course's 47 %


def test_model_step_continues_training(flower):
    X, Y = flower
    model = Model([2, 3, 1], "relu", learning_rate=0.1, rng=5)
    first = model.step(X, Y, 5)
    second = model.step(X, Y, 5)
    assert model.iterations == 10
    assert second < first
    assert first == model.history["cost"][4]


def test_model_is_deterministic_for_a_seed(flower):
    X, Y = flower
    a = Model([2, 5, 1], "tanh", rng=3).fit(X, Y, 20)
    b = Model([2, 5, 1], "tanh", rng=3).fit(X, Y, 20)
    c = Model([2, 5, 1], "tanh", rng=4).fit(X, Y, 20)
    assert a.history["cost"] == b.history["cost"]
    assert a.history["cost"] != c.history["cost"]


def test_model_fit_prints_when_asked(flower, capsys):
    X, Y = flower
    Model([2, 3, 1], "tanh", learning_rate=0.5).fit(X, Y, 20, print_every=10)
    out = capsys.readouterr().out
    assert "Cost after iteration 0:" in out and "Cost after iteration 10:" in out
    assert "Cost after iteration 20:" in out


def test_model_softmax_on_three_blobs():
    X, y = sklearn.datasets.make_blobs(n_samples=150, centers=3, cluster_std=1.0, random_state=0)
    X, Y = X.T, one_hot(y.reshape(1, -1), 3)
    model = Model([2, 8, 3], "relu", "softmax", learning_rate=0.1, rng=0).fit(X, Y, 300)
    assert model.history["cost"][-1] < 0.5 * model.history["cost"][0]
    assert model.accuracy(X, Y) > 0.9
    assert model.predict(X).shape == (1, 150)
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=0), 1.0)


def test_model_fits_the_flower_with_l2(flower):
    X, Y = flower
    plain = Model([2, 10, 1], "tanh", learning_rate=0.5, rng=1).fit(X, Y, 300)
    ridge = Model([2, 10, 1], "tanh", learning_rate=0.5, lambd=5.0, rng=1).fit(X, Y, 300)
    norm = lambda p: sum(np.sum(p[k] ** 2) for k in p if k.startswith("W"))  # noqa: E731
    assert norm(ridge.parameters) < norm(plain.parameters)
    assert ridge.cost(X, Y) == pytest.approx(
        compute_cost(ridge.predict_proba(X), Y) + l2_cost(ridge.parameters, 5.0, 400), rel=1e-12
    )


def test_too_large_learning_rate_raises_training_diverged(flower):
    X, Y = flower
    model = Model([2, 20, 1], "relu", learning_rate=50, rng=0)
    with pytest.raises(TrainingDiverged) as info:
        model.fit(X, Y, 1000)
    message = str(info.value)
    assert "learning rate" in message and "α = 50" in message
    assert isinstance(info.value, FloatingPointError)
    assert model.iterations < 1000  # it stopped early instead of training on garbage


def test_unscaled_data_diverges_with_a_hint():
    data = load_breast_cancer_data()
    with pytest.raises(TrainingDiverged, match="learning rate"):
        Model([30, 1], init="zeros", learning_rate=0.1).fit(data.X_train, data.Y_train, 100)


def test_exploding_regression_raises_instead_of_warning(flower):
    X, _ = flower
    Y = X[:1] * 100
    model = Model([2, 10, 1], "relu", "linear", learning_rate=5.0, rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TrainingDiverged, match="too large"):
            model.fit(X, Y, 500)


def test_a_sensible_learning_rate_does_not_diverge(flower):
    X, Y = flower
    cost = Model([2, 20, 1], "relu", learning_rate=0.5, rng=0).fit(X, Y, 300).history["cost"]
    assert len(cost) == 300 and np.all(np.isfinite(cost))
    # 1.52 → 0.50: it trained instead of blowing up or standing still
    assert cost[-1] < 0.5 * cost[0]


# ---- bad inputs ----------------------------------------------------------------------------------


def test_transposed_X_gets_the_X_T_hint(flower):
    X, Y = flower
    model = Model([2, 4, 1], "tanh")
    with pytest.raises(ValueError) as info:
        model.fit(X.T, Y, 10)
    message = str(info.value)
    assert "X.T" in message and "(400, 2)" in message
    with pytest.raises(ValueError, match=r"X\.T"):
        model.predict(X.T)
    with pytest.raises(ValueError, match=r"X\.T"):
        L_model_forward(X.T, model.parameters)


def test_wrong_number_of_features(flower):
    X, Y = flower
    with pytest.raises(ValueError, match=r"\(3, m\)"):
        Model([3, 4, 1]).fit(X, Y, 1)


@pytest.mark.parametrize(
    ("make_Y", "phrase"),
    [
        (lambda Y: Y.ravel(), "1-D"),
        (lambda Y: Y.T, "Y.T"),
        (lambda Y: Y[:, :300], "400 examples"),
        (lambda Y: np.vstack([Y, Y]), r"\(1, 400\)"),
    ],
)
def test_bad_Y_shapes(flower, make_Y, phrase):
    X, Y = flower
    with pytest.raises(ValueError, match=phrase):
        Model([2, 4, 1], "tanh").fit(X, make_Y(Y), 1)


def test_nan_in_X_is_refused(flower):
    X, Y = flower
    X = X.copy()
    X[1, 17] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        Model([2, 4, 1], "tanh").fit(X, Y, 1)
    with pytest.raises(ValueError, match="NaN"):
        L_model_forward(X, initialize_parameters_deep([2, 3, 1], np.random.default_rng(0)))


def test_nan_in_Y_is_refused(flower):
    X, Y = flower
    Y = Y.copy()
    Y[0, 3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        Model([2, 4, 1], "tanh").fit(X, Y, 1)


def test_unknown_hidden_activation():
    with pytest.raises(ValueError) as info:
        Model([2, 4, 1], "ReLu")
    assert "'relu'" in str(info.value) and "'tanh'" in str(info.value)
    with pytest.raises(ValueError, match="'relu'"):
        L_model_forward(np.zeros((2, 3)), initialize_parameters_deep([2, 3, 1], 0), "elu")


def test_unknown_output_activation():
    with pytest.raises(ValueError) as info:
        Model([2, 4, 1], "relu", "relu")
    message = str(info.value)
    for name in ("'sigmoid'", "'softmax'", "'linear'"):
        assert name in message
    with pytest.raises(ValueError, match="'softmax'"):
        L_model_forward(np.zeros((2, 3)), initialize_parameters_deep([2, 3, 1], 0), "relu", "tanh")


# ---- costs ---------------------------------------------------------------------------------------


def test_compute_cost_course_golden_value():
    # c1w4 compute_cost_test_case: Y = [[1, 1, 0]], AL = [[.8, .9, .4]] → 0.2797765635793422
    Y, AL = np.array([[1, 1, 0]]), np.array([[0.8, 0.9, 0.4]])
    assert compute_cost(AL, Y) == pytest.approx(0.2797765635793422, rel=1e-12)


def test_compute_cost_uses_log_one_minus_a_for_y_zero():
    assert compute_cost(np.array([[0.3]]), np.array([[0]])) == pytest.approx(
        -np.log(0.7), rel=1e-14
    )
    assert compute_cost(np.array([[0.3]]), np.array([[1]])) == pytest.approx(
        -np.log(0.3), rel=1e-14
    )
    # averaged over m, not summed
    assert compute_cost(np.array([[0.3, 0.3]]), np.array([[0, 0]])) == pytest.approx(
        -np.log(0.7), rel=1e-14
    )


def test_compute_cost_categorical():
    AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = np.array([[1, 0], [0, 0], [0, 1]])
    assert compute_cost(AL, Y) == pytest.approx(-(np.log(0.7) + np.log(0.3)) / 2, rel=1e-14)


def test_compute_cost_is_finite_when_AL_is_exactly_zero_or_one():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            right = compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]]))
            wrong = compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]]))
    assert 0 <= right < 1e-12
    assert np.isfinite(wrong) and wrong > 30  # −log(1e−15) ≈ 34.5: large, not inf or nan


def test_compute_cost_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match=r"\(1, 3\).*\(3, 1\)"):
        compute_cost(np.full((1, 3), 0.5), np.ones((3, 1)))


def test_compute_cost_with_regularization_course_golden_value():
    # c1w4/c2w1 compute_cost_with_regularization_test_case (legacy seed 1), λ = 0.1 → 1.78648594516
    rs = np.random.RandomState(1)
    Y = np.array([[1, 1, 0, 1, 0]])
    parameters = {
        "W1": rs.randn(2, 3),
        "b1": rs.randn(2, 1),
        "W2": rs.randn(3, 2),
        "b2": rs.randn(3, 1),
        "W3": rs.randn(1, 3),
        "b3": rs.randn(1, 1),
    }
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    assert compute_cost_with_regularization(A3, Y, parameters, 0.1) == pytest.approx(
        1.78648594516, rel=1e-10
    )


def test_compute_cost_with_regularization_formula():
    rng = np.random.default_rng(6)
    parameters = random_network(rng, [4, 3, 2, 1])
    AL, Y = rng.random((1, 8)) * 0.9 + 0.05, (rng.random((1, 8)) > 0.5) * 1.0
    lambd = 0.7
    penalty = lambd / (2 * 8) * sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
    assert compute_cost_with_regularization(AL, Y, parameters, lambd) == pytest.approx(
        compute_cost(AL, Y) + penalty, rel=1e-14
    )
    assert compute_cost_with_regularization(AL, Y, parameters, 0.0) == compute_cost(AL, Y)


@pytest.mark.parametrize("layer_dims", [[3, 1], [3, 4, 1], [3, 4, 2, 1]])
def test_model_step_is_one_gradient_descent_update(layer_dims):
    # Model.step skips dA0 for speed; its update must equal the course's L_model_backward +
    # update_parameters.
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 9)), (rng.random((1, 9)) > 0.5) * 1.0
    model = Model(layer_dims, learning_rate=0.3, lambd=0.2, rng=1)
    start = {k: v.copy() for k, v in model.parameters.items()}
    model.step(X, Y)
    AL, caches = L_model_forward(X, start)
    expected = update_parameters(start, L_model_backward(AL, Y, caches, lambd=0.2), 0.3)
    for key in expected:
        np.testing.assert_allclose(model.parameters[key], expected[key], rtol=0, atol=1e-15)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lambd": 0.3},
        {"lambd": 0.3, "penalty": "l1"},
        {"keep_prob": 0.7},
        {"keep_prob": (0.8, 0.6), "lambd": 0.1},
        {"output_activation": "softmax"},
        {"output_activation": "linear", "hidden_activation": "tanh"},
    ],
)
def test_model_gradients_are_L_model_backward_bit_for_bit(options):
    # The Model's training pass (no input checks, reused buffers) must give exactly the parameter
    # gradients of L_model_backward with the same forward pass, and only those.
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 11))
    output = options.get("output_activation", "sigmoid")
    n_y = 3 if output == "softmax" else 1
    if output == "softmax":
        Y = one_hot(rng.integers(0, 3, 11), 3)
    elif output == "linear":
        Y = rng.standard_normal((1, 11))
    else:
        Y = (rng.random((1, 11)) > 0.5) * 1.0
    model = Model([3, 4, 3, n_y], rng=5, **options)
    state = model.rng.bit_generator.state
    _, grads = model.loss_and_gradients(X, Y)
    keep_prob = model.keep_probs
    masks = None
    if any(p < 1 for p in keep_prob):
        model.rng.bit_generator.state = state  # the same dropout masks
        AL, caches, masks = L_model_forward_with_dropout(
            X, model.parameters, keep_prob, model.rng, model.hidden_activation, output
        )
    else:
        AL, caches = L_model_forward(X, model.parameters, model.hidden_activation, output)
    expected = L_model_backward(
        AL,
        Y,
        caches,
        model.hidden_activation,
        model.lambd,
        model.penalty,
        masks=masks,
        keep_prob=keep_prob,
        dA0=False,
    )
    assert grads.keys() == {"d" + key for key in model.parameters}
    for key, value in grads.items():
        np.testing.assert_array_equal(value, expected[key], err_msg=key)


# ---- refusals added after a newcomer's review ----------------------------------------------------


@pytest.mark.parametrize("make_Y", [lambda Y: Y.T, lambda Y: Y.ravel()])
def test_accuracy_refuses_labels_of_the_wrong_shape_instead_of_returning_zero(flower, make_Y):
    X, Y = flower
    model = Model([2, 4, 1], "tanh", rng=0).fit(X, Y, 10)
    with pytest.raises(ValueError, match="Y must be"):
        model.accuracy(X, make_Y(Y))


@pytest.mark.parametrize("labels", [(1.0, 2.0), (-1.0, 1.0)])
def test_sigmoid_output_refuses_labels_other_than_0_and_1(flower, labels):
    X, Y = flower
    with pytest.raises(ValueError, match="0/1 labels"):
        Model([2, 4, 1], "tanh").fit(X, np.where(Y == 1, labels[1], labels[0]), 1)


def test_model_refusals_with_teaching_messages(flower):
    X, Y = flower
    with pytest.raises(ValueError, match="one per class"):
        Model([2, 4, 1], output_activation="softmax")
    with pytest.raises(ValueError, match=r"the learning rate α must be > 0; got -1"):
        Model([2, 4, 1], learning_rate=-1)
    with pytest.raises(ValueError, match="softmax belongs to the output layer"):
        Model([2, 4, 1], hidden_activation="softmax")
    with pytest.raises(TypeError, match="whole number"):
        Model([2, 4, 1]).fit(X, Y, 100.0)
    with pytest.raises(ValueError, match=r"layer_dims\[0\]\) should be 2"):
        Model([3, 4, 1]).fit(X, Y, 1)


def test_a_diverging_run_keeps_the_cost_that_blew_up(flower):
    X, Y = flower
    model = Model([2, 4, 1], "relu", learning_rate=50, rng=0)
    with pytest.raises(TrainingDiverged):
        model.fit(X, Y, 100)
    costs = model.history["cost"]
    assert costs[-1] > 10 * costs[0] or not np.isfinite(costs[-1])


# ---- softmax + categorical cross-entropy: dZ[L] = Ŷ − Y ------------------------------------------


@pytest.mark.parametrize(
    ("layer_dims", "hidden"), [([4, 5, 3], "relu"), ([3, 6, 4, 5], "tanh"), ([5, 4], "relu")]
)
def test_softmax_cross_entropy_gradient_check_with_a_hand_written_cost(layer_dims, hidden):
    # J = −(1/m) Σ_i Σ_j y_j log ŷ_j written out here (not with compute_cost), ŷ = softmax(z[L])
    # over the rows
    rng = np.random.default_rng(sum(layer_dims) + 1)
    parameters = random_network(rng, layer_dims, bias_scale=0.5)
    m, C = 8, layer_dims[-1]
    X = rng.standard_normal((layer_dims[0], m))
    Y = one_hot(rng.integers(0, C, (1, m)), C)

    def cost(params):
        AL, _ = L_model_forward(X, params, hidden, "softmax")
        return float(-np.sum(Y * np.log(AL)) / m)

    AL, caches = L_model_forward(X, parameters, hidden, "softmax")
    np.testing.assert_allclose(AL.sum(axis=0), 1.0, rtol=1e-14)
    grads = L_model_backward(AL, Y, caches, hidden)
    L = len(layer_dims) - 1
    # dZ[L] = Ŷ − Y, so db[L] = (1/m) Σ (Ŷ − Y) and dW[L] = (1/m)(Ŷ − Y) A[L−1]ᵀ
    A_prev = caches[-1].linear_cache.A_prev
    np.testing.assert_allclose(
        grads[f"db{L}"], (AL - Y).mean(axis=1, keepdims=True), rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(grads[f"dW{L}"], (AL - Y) @ A_prev.T / m, rtol=1e-12, atol=1e-15)
    report = compare_gradients(
        cost, parameters, {k: v for k, v in grads.items() if not k.startswith("dA")}
    )
    assert report.passed and report.difference < 1e-7, report


def test_predictions_from_the_outputs():
    AL = np.array([[0.2, 0.7, 0.5], [0.5, 0.2, 0.1], [0.3, 0.1, 0.4]])
    # A > 0.5, so 0.5 itself is 0
    np.testing.assert_array_equal(predictions(AL[:1], "sigmoid"), [[0, 1, 0]])
    np.testing.assert_array_equal(predictions(AL, "softmax"), [[1, 0, 0]])
    np.testing.assert_array_equal(predictions(AL, "linear"), AL)
    assert predictions(AL, "softmax").shape == (1, 3)


# ---- Model with optimizers, schedules, mini-batches and batch norm -------------------------------


@pytest.fixture(scope="module")
def moons():
    """The c2w2 optimization recipe: make_moons(n_samples=300, noise=0.2) under seed 3."""
    X, y = sklearn.datasets.make_moons(n_samples=300, noise=0.2, random_state=3)
    return X.T, y.reshape(1, -1).astype(float)


def manual_gd(X, Y, layer_dims, hidden, alphas, seed):
    """The c1w4 loop: L_model_forward → compute_cost → L_model_backward → update_parameters, one α
    per iteration."""
    parameters = initialize_parameters_deep(layer_dims, np.random.default_rng(seed), method="he")
    costs = []
    for alpha in alphas:
        AL, caches = L_model_forward(X, parameters, hidden)
        costs.append(compute_cost(AL, Y))
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches, hidden), alpha)
    return costs, parameters


@pytest.mark.parametrize("optimizer", ["gd", Optimizer("gd"), Optimizer("gd", beta=0.5)])
@pytest.mark.parametrize(
    ("layer_dims", "hidden"), [([2, 1], "relu"), ([2, 5, 1], "tanh"), ([2, 6, 3, 1], "relu")]
)
def test_default_optimizer_without_schedule_has_exactly_the_old_history(
    moons, optimizer, layer_dims, hidden
):
    X, Y = moons
    model = Model(
        layer_dims, hidden, learning_rate=0.3, rng=2, optimizer=optimizer, schedule=None
    ).fit(X, Y, 20)
    default = Model(layer_dims, hidden, learning_rate=0.3, rng=2).fit(X, Y, 20)
    costs, parameters = manual_gd(X, Y, layer_dims, hidden, [0.3] * 20, seed=2)
    assert model.history["cost"] == default.history["cost"] == costs
    for key, value in parameters.items():
        np.testing.assert_array_equal(model.parameters[key], value)
    assert model.history["epoch_cost"] == [] and model.epoch == 20 and model.iterations == 20
    assert model.current_learning_rate == 0.3
    assert update_parameters is update_parameters_with_gd


def test_fit_epochs_with_one_full_batch_is_step(moons):
    # each epoch shuffles the columns; with one batch of all m the shuffle only reorders the sums
    # (rounding)
    X, Y = moons
    m = X.shape[1]
    batch = Model([2, 5, 2, 1], learning_rate=0.5, rng=4).fit_epochs(X, Y, 15, mini_batch_size=m)
    full = Model([2, 5, 2, 1], learning_rate=0.5, rng=4).fit(X, Y, 15)
    np.testing.assert_allclose(batch.history["cost"], full.history["cost"], rtol=1e-12)
    np.testing.assert_allclose(batch.history["epoch_cost"], full.history["cost"], rtol=1e-12)
    for key in full.parameters:
        np.testing.assert_allclose(
            batch.parameters[key], full.parameters[key], rtol=1e-10, atol=1e-13, err_msg=key
        )
    assert batch.epoch == full.epoch == batch.iterations == 15


@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
def test_fit_epochs_is_the_course_loop_with_the_models_rng(moons, name):
    # "rng seeds the initialization, then the mini-batch shuffles": random_mini_batches + the pure
    # update functions
    X, Y = moons
    model = Model([2, 5, 2, 1], learning_rate=0.01, optimizer=name, rng=7).fit_epochs(
        X, Y, 3, mini_batch_size=64
    )
    rng = np.random.default_rng(7)
    parameters = initialize_parameters_deep([2, 5, 2, 1], rng, method="he")
    v, s = initialize_adam(parameters)
    costs, epoch_costs, t = [], [], 0
    for _ in range(3):
        total = 0.0
        for X_t, Y_t in random_mini_batches(X, Y, 64, rng):
            AL, caches = L_model_forward(X_t, parameters)
            costs.append(compute_cost(AL, Y_t))
            total += costs[-1] * X_t.shape[1]
            grads = L_model_backward(AL, Y_t, caches)
            t += 1
            if name == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, 0.9, 0.01)
            elif name == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s, 0.999, 0.01)
            else:
                parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, 0.01)
        epoch_costs.append(total / 300)
    # ⌈300 / 64⌉ = 5 updates per epoch
    assert model.iterations == t == 15 and model.optimizer.t == 15
    np.testing.assert_allclose(model.history["cost"], costs, rtol=1e-12)
    np.testing.assert_allclose(model.history["epoch_cost"], epoch_costs, rtol=1e-12)
    for key, value in parameters.items():
        np.testing.assert_allclose(
            model.parameters[key], value, rtol=1e-10, atol=1e-14, err_msg=key
        )


def test_epoch_cost_is_the_size_weighted_mean_of_the_batch_costs(moons):
    X, Y = moons
    # 128 + 128 + 44
    model = Model([2, 4, 1], learning_rate=0.05, rng=1).fit_epochs(X, Y, 2, mini_batch_size=128)
    costs = model.history["cost"]
    assert len(costs) == 6 and model.epoch == 2
    for e in range(2):
        c = costs[3 * e : 3 * e + 3]
        assert model.history["epoch_cost"][e] == pytest.approx(
            (128 * c[0] + 128 * c[1] + 44 * c[2]) / 300, rel=1e-14
        )


def test_adam_beats_gd_on_the_moons_in_fewer_epochs(moons):
    # the course's c2w2 experiment, cut short: [2, 5, 2, 1], α = 0.0007, mini-batches of 64. Adam's
    # cost after
    # 100 epochs is below what GD and momentum reach after 300 (measured 0.52 vs 0.68 and 0.68,
    # seeds 0–3 alike)
    X, Y = moons
    adam = Model([2, 5, 2, 1], learning_rate=0.0007, optimizer="adam", rng=0).fit_epochs(
        X, Y, 100, 64
    )
    gd = Model([2, 5, 2, 1], learning_rate=0.0007, optimizer="gd", rng=0).fit_epochs(X, Y, 300, 64)
    momentum = Model([2, 5, 2, 1], learning_rate=0.0007, optimizer="momentum", rng=0).fit_epochs(
        X, Y, 300, 64
    )
    assert adam.history["epoch_cost"][-1] < gd.history["epoch_cost"][-1] - 0.1
    assert adam.history["epoch_cost"][-1] < momentum.history["epoch_cost"][-1] - 0.1
    assert adam.accuracy(X, Y) > gd.accuracy(X, Y) + 0.1
    assert adam.history["epoch_cost"][-1] < 0.8 * adam.history["epoch_cost"][0]


def test_a_schedule_changes_the_learning_rate_as_epochs_pass(moons):
    X, Y = moons
    model = Model([2, 4, 1], learning_rate=0.2, schedule="inverse_time", rng=0)
    assert model.current_learning_rate == 0.2
    rates = []
    for _ in range(4):
        model.fit_epochs(X, Y, 1, mini_batch_size=100)
        rates.append(model.current_learning_rate)
    np.testing.assert_allclose(rates, [0.1, 0.2 / 3, 0.05, 0.04], rtol=1e-15)  # α₀ / (1 + epoch)
    stairs = Model(
        [2, 4, 1], learning_rate=0.2, schedule=Schedule("staircase", time_interval=2), rng=0
    )
    seen = [stairs.current_learning_rate]
    for _ in range(5):
        stairs.fit_epochs(X, Y, 1, mini_batch_size=300)
        seen.append(stairs.current_learning_rate)
    np.testing.assert_allclose(seen, [0.2, 0.2, 0.1, 0.1, 0.2 / 3, 0.2 / 3], rtol=1e-15)
    per_update = Model([2, 4, 1], learning_rate=0.2, schedule="inverse_sqrt_t", rng=0).fit_epochs(
        X, Y, 1, 75
    )
    # 4 updates: α₀ / √4
    assert per_update.current_learning_rate == pytest.approx(0.2 / 2, rel=1e-15)
    constant = Model([2, 4, 1], learning_rate=0.2, rng=0).fit_epochs(X, Y, 3, 100)
    assert constant.current_learning_rate == 0.2


def test_the_scheduled_learning_rate_is_the_one_used(moons):
    X, Y = moons
    model = Model(
        [2, 5, 1], "tanh", learning_rate=0.5, schedule=Schedule("exponential", base=0.5), rng=3
    ).fit(X, Y, 4)
    # step(): 1 epoch each
    costs, parameters = manual_gd(X, Y, [2, 5, 1], "tanh", [0.5, 0.25, 0.125, 0.0625], seed=3)
    assert model.history["cost"] == costs
    for key, value in parameters.items():
        np.testing.assert_array_equal(model.parameters[key], value)


def test_model_repr_shows_optimizer_schedule_and_batch_norm():
    text = repr(
        Model(
            [2, 4, 1], optimizer="adam", schedule=Schedule("exponential", base=0.9), batch_norm=True
        )
    )
    assert (
        "Optimizer('adam', β1=0.9, β2=0.999)" in text
        and "Schedule('exponential', base=0.9)" in text
    )
    assert text.endswith(", batch_norm)")
    assert "Optimizer" not in repr(Model([2, 4, 1])) and "batch_norm" not in repr(Model([2, 4, 1]))


def test_model_takes_a_fresh_copy_of_an_optimizer():
    shared = Optimizer("momentum", beta=0.8)
    a, b = Model([2, 3, 1], optimizer=shared), Model([2, 3, 1], optimizer=shared)
    assert a.optimizer is not shared and a.optimizer is not b.optimizer and a.optimizer.beta == 0.8


def test_fit_epochs_prints_every_few_epochs(moons, capsys):
    X, Y = moons
    model = Model([2, 3, 1], learning_rate=0.1, rng=0).fit_epochs(X, Y, 4, 100, print_every=2)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"Cost after epoch 2: {model.history['epoch_cost'][1]:.4f}",
        f"Cost after epoch 4: {model.history['epoch_cost'][3]:.4f}",
    ]
    Model([2, 3, 1], rng=0).fit_epochs(X, Y, 2, 100)
    assert capsys.readouterr().out == ""


def test_batch_norm_model_trains_and_predicts_with_the_running_averages(moons):
    X, Y = moons
    model = Model([2, 8, 6, 1], learning_rate=0.01, optimizer="adam", batch_norm=True, rng=0)
    assert set(model.parameters) == {"W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"}
    model.fit_epochs(X, Y, 20, mini_batch_size=64)
    epoch_costs = model.history["epoch_cost"]
    # measured 1.18 → 0.25 (seeds 0–3: 0.22–0.26), accuracy 0.93
    assert epoch_costs[-1] < 0.6 * epoch_costs[0]
    assert model.accuracy(X, Y) > 0.85
    # forward/predict: test mode with the running averages, deterministic and per example
    AL = model.forward(X)
    np.testing.assert_array_equal(model.forward(X), AL)
    np.testing.assert_array_equal(
        AL, L_model_forward_bn(X, model.parameters, running=model.running)[0]
    )
    for i in (0, 17, 299):
        np.testing.assert_allclose(model.forward(X[:, [i]]), AL[:, [i]], rtol=1e-13)
        np.testing.assert_array_equal(model.predict(X[:, [i]]), model.predict(X)[:, [i]])
    # order of the batch: no matter
    np.testing.assert_allclose(model.forward(X[:, ::-1]), AL[:, ::-1], rtol=1e-13)
    np.testing.assert_array_equal(model.predict(X), (AL > 0.5).astype(int))
    assert model.cost(X, Y) == pytest.approx(compute_cost(AL, Y), rel=1e-14)
    # the running averages moved away from their start (μ = 0, σ² = 1)
    assert not np.allclose(model.running[1][0], 0.0) and not np.allclose(model.running[1][1], 1.0)


def test_batch_norm_model_step_is_the_bn_functions(moons):
    X, Y = moons
    model = Model([2, 5, 4, 1], "tanh", learning_rate=0.1, batch_norm=True, rng=5)
    start = {k: v.copy() for k, v in model.parameters.items()}
    model.step(X, Y, 1)
    AL, caches, stats = L_model_forward_bn(X, start, "tanh")
    grads = L_model_backward_bn(AL, Y, caches, start, "tanh")
    assert model.history["cost"] == [compute_cost(AL, Y)]
    for key, value in update_parameters(start, grads, 0.1).items():
        np.testing.assert_allclose(model.parameters[key], value, rtol=0, atol=1e-15, err_msg=key)
    for l in (1, 2):
        # 0.9 · 0 + 0.1 · μ
        np.testing.assert_allclose(model.running[l][0], 0.1 * stats[l][0], rtol=1e-15)
        # 0.9 · 1 + 0.1 · σ²
        np.testing.assert_allclose(model.running[l][1], 0.9 + 0.1 * stats[l][1], rtol=1e-15)


def test_batch_norm_model_with_l2_adds_the_weight_decay(moons):
    X, Y = moons
    model = Model([2, 5, 1], learning_rate=0.1, batch_norm=True, lambd=0.7, rng=1)
    start = {k: v.copy() for k, v in model.parameters.items()}
    model.step(X, Y, 1)
    AL, caches, _ = L_model_forward_bn(X, start)
    grads = L_model_backward_bn(AL, Y, caches, start)
    for key in ("W1", "W2"):
        grads["d" + key] = grads["d" + key] + 0.7 / 300 * start[key]
    assert model.history["cost"] == [
        pytest.approx(compute_cost(AL, Y) + l2_cost(start, 0.7, 300), rel=1e-14)
    ]
    for key, value in update_parameters(start, grads, 0.1).items():
        np.testing.assert_allclose(model.parameters[key], value, rtol=0, atol=1e-15, err_msg=key)


def test_batch_norm_refuses_dropout_and_networks_without_hidden_layers():
    with pytest.raises(
        ValueError, match="batch_norm is not combined with dropout here: use keep_prob = 1"
    ):
        Model([2, 4, 1], batch_norm=True, keep_prob=0.8)
    with pytest.raises(ValueError, match="batch_norm is not combined with dropout"):
        Model([2, 4, 3, 1], batch_norm=True, keep_prob=[1.0, 0.5])
    with pytest.raises(
        ValueError, match="batch_norm normalizes hidden layers, and this network has none"
    ):
        Model([2, 1], batch_norm=True)
    assert Model([2, 4, 1], batch_norm=True, keep_prob=1.0).batch_norm


@pytest.mark.parametrize(
    ("kwargs", "error", "phrase"),
    [
        (
            {"optimizer": "sgd"},
            ValueError,
            "unknown optimizer 'sgd'; choose one of 'gd', 'momentum', 'rmsprop', 'adam'",
        ),
        ({"optimizer": "Adam"}, ValueError, "unknown optimizer 'Adam'"),
        (
            {"schedule": "cosine"},
            ValueError,
            "unknown schedule 'cosine'; choose one of 'inverse_time', 'exponential'",
        ),
        (
            {"optimizer": Optimizer("momentum", beta=0.5), "schedule": "step"},
            ValueError,
            "unknown schedule 'step'",
        ),
    ],
)
def test_model_refuses_unknown_optimizers_and_schedules(kwargs, error, phrase):
    with pytest.raises(error, match=phrase):
        Model([2, 4, 1], **kwargs)


@pytest.mark.parametrize("size", [0, -5, 2.5, True, "64"])
def test_fit_epochs_refuses_a_bad_mini_batch_size(moons, size):
    X, Y = moons
    error = ValueError if isinstance(size, int) and not isinstance(size, bool) else TypeError
    with pytest.raises(error, match=r"mini_batch_size must be a whole number ≥ 1"):
        Model([2, 4, 1]).fit_epochs(X, Y, 1, mini_batch_size=size)


def test_fit_epochs_checks_the_data_like_fit(moons):
    X, Y = moons
    with pytest.raises(ValueError, match=r"X\.T"):
        Model([2, 4, 1]).fit_epochs(X.T, Y, 1)
    with pytest.raises(ValueError, match="0/1 labels"):
        Model([2, 4, 1]).fit_epochs(X, 2 * Y, 1)
    with pytest.raises(ValueError, match=r"X\.T"):
        Model([2, 4, 1], batch_norm=True).predict(X.T)


@pytest.mark.parametrize(
    "num_epochs, error", [(-1, ValueError), (2.0, TypeError), ("3", TypeError), (True, TypeError)]
)
def test_fit_epochs_refuses_a_count_that_is_not_a_whole_number(num_epochs, error):
    X, Y = np.zeros((2, 4)), np.zeros((1, 4))
    with pytest.raises(error, match="num_epochs must be a whole number ≥ 0"):
        Model([2, 1]).fit_epochs(X, Y, num_epochs, 2)


def test_batch_norm_refuses_a_mini_batch_of_one_and_drop_last_avoids_it():
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((2, 9)), (rng.random((1, 9)) > 0.5) * 1.0
    with pytest.raises(ValueError, match="batch norm needs at least 2 examples.*drop_last=True"):
        Model([2, 3, 1], batch_norm=True).fit_epochs(X, Y, 1, 4)
    model = Model([2, 3, 1], batch_norm=True).fit_epochs(X, Y, 3, 4, drop_last=True)
    assert model.iterations == 6 and len(model.history["epoch_cost"]) == 3


def test_fit_prints_the_costs_of_this_run_and_checks_its_counts(flower, capsys):
    X, Y = flower
    model = Model([2, 4, 1], rng=1, history_limit=2).fit(X, Y, 20)
    model.fit(X, Y, 4, print_every=2)
    lines = capsys.readouterr().out.splitlines()
    twin = Model([2, 4, 1], rng=1).fit(X, Y, 20)
    costs = [twin.step(X, Y, 1), twin.step(X, Y, 1), twin.step(X, Y, 1), twin.step(X, Y, 1)]
    assert lines[:2] == [
        f"Cost after iteration 0: {costs[0]:.4f}",
        f"Cost after iteration 2: {costs[2]:.4f}",
    ]
    for bad, error in ((2.5, TypeError), (-1, ValueError)):
        with pytest.raises(error, match="print_every must be a whole number ≥ 0"):
            model.fit(X, Y, 4, print_every=bad)


# ---- the Model's training steps: bit for bit the lecture's functions ----------------------------


def lecture_training(model, X, Y, steps):
    """`steps` iterations of batch gradient descent written with the lecture's functions
    (L_model_forward[_with_dropout], compute_cost[_with_regularization], L_model_backward[_with
    _dropout], update_parameters[_with_momentum/_rmsprop/_adam]) from the model's initial
    parameters and random state; returns the costs and the final parameters."""
    parameters = {key: value.copy() for key, value in model.parameters.items()}
    rng = np.random.Generator(type(model.rng.bit_generator)())
    rng.bit_generator.state = model.rng.bit_generator.state  # the same dropout masks
    hidden, output = model.hidden_activation, model.output_activation
    keep_prob, lambd, optimizer = model.keep_probs, model.lambd, model.optimizer
    dropout = any(p < 1 for p in keep_prob)
    v, s = initialize_adam(parameters)
    costs = []
    for t in range(1, steps + 1):
        if dropout:
            AL, caches, masks = L_model_forward_with_dropout(
                X, parameters, keep_prob, rng, hidden, output
            )
        else:
            AL, caches = L_model_forward(X, parameters, hidden, output)
        if output == "linear":
            cost = squared_error_cost(AL, Y) + l2_cost(parameters, lambd, X.shape[1])
        elif Y.shape[0] > 1 and output == "sigmoid":  # several labels: compute_cost wants one-hot
            cost = output_cost(AL, Y) + l2_cost(parameters, lambd, X.shape[1])
        else:
            cost = compute_cost_with_regularization(AL, Y, parameters, lambd)
        costs.append(cost)
        if dropout:
            grads = L_model_backward_with_dropout(AL, Y, caches, masks, keep_prob, hidden, lambd)
        else:
            grads = L_model_backward(AL, Y, caches, hidden, lambd)
        alpha = model.learning_rate
        if optimizer.name == "gd":
            parameters = update_parameters(parameters, grads, alpha)
        elif optimizer.name == "momentum":
            parameters, v = update_parameters_with_momentum(parameters, grads, v, 0.9, alpha)
        elif optimizer.name == "rmsprop":
            parameters, s = update_parameters_with_rmsprop(parameters, grads, s, 0.999, alpha)
        else:
            parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, alpha)
    return costs, parameters


def assert_trains_like_the_lecture(model, X, Y, steps):
    """model.fit for `steps` iterations gives lecture_training's costs and parameters, bit for
    bit."""
    costs, parameters = lecture_training(model, X, Y, steps)
    model.fit(X, Y, steps)
    assert np.array_equal(model.history["cost"], costs)
    assert list(model.parameters) == list(parameters)
    for key, value in parameters.items():
        assert np.array_equal(model.parameters[key], value), key


def regularization_size_data():
    """X (2, 200) and XOR-like labels: the widths and m of c2w1a's panel, arrays long enough for
    the vector kernels' main loops, not only their tails."""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((2, 200))
    return X, (X[:1] * X[1:] > 0) * 1.0


REGULARIZATIONS = {
    "none": {},
    "L2": {"lambd": 0.7},
    "dropout": {"keep_prob": 0.8},
    "L2 and dropout per layer": {"lambd": 0.3, "keep_prob": (0.9, 0.7)},
}


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "rmsprop", "adam"])
@pytest.mark.parametrize("regularization", list(REGULARIZATIONS))
@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
def test_model_training_is_bit_identical_to_the_lecture_functions(
    flower, hidden, regularization, optimizer
):
    X, Y = flower
    alpha = 0.3 if optimizer == "gd" else 0.01
    options = REGULARIZATIONS[regularization]
    model = Model([2, 6, 3, 1], hidden, learning_rate=alpha, optimizer=optimizer, rng=4, **options)
    assert_trains_like_the_lecture(model, X, Y, 30)


@pytest.mark.parametrize("keep_prob", [1.0, 0.86, 0.5])
def test_model_training_at_the_regularization_panels_size_is_bit_identical(keep_prob):
    model = Model([2, 30, 10, 1], learning_rate=1.0, keep_prob=keep_prob, rng=1)
    assert_trains_like_the_lecture(model, *regularization_size_data(), 40)


def test_the_gradients_a_model_returns_are_not_overwritten_by_its_next_step(flower):
    # the training pass reuses its (n[l], m) buffers between steps; the gradients it hands out
    # must be arrays of their own
    X, Y = flower
    model = Model([2, 6, 3, 1], rng=0, keep_prob=0.8)
    _, first = model.loss_and_gradients(X, Y)
    kept = {key: value.copy() for key, value in first.items()}
    model.loss_and_gradients(X, Y)
    for key, value in kept.items():
        assert np.array_equal(first[key], value), key


@pytest.mark.parametrize(
    "options",
    [
        {"output_activation": "softmax", "hidden_activation": "tanh", "keep_prob": 0.85},
        {"output_activation": "linear", "lambd": 0.2, "optimizer": "adam"},
        {"hidden_activation": "leaky_relu", "keep_prob": 0.9, "optimizer": "momentum"},
        {"hidden_activation": "tanh", "lambd": 0.1},  # two sigmoid outputs (multi-label)
    ],
)
def test_model_training_of_other_outputs_is_bit_identical_to_the_lecture_functions(options):
    rng = np.random.default_rng(7)
    X = rng.standard_normal((4, 150))
    output = options.get("output_activation", "sigmoid")
    if output == "softmax":
        Y = one_hot(rng.integers(0, 3, 150), 3)
    elif output == "linear":
        Y = rng.standard_normal((1, 150))
    elif options.get("lambd"):
        Y = (X[:2] * X[1:3] > 0) * 1.0
    else:
        Y = (X[:1] * X[1:2] > 0) * 1.0
    model = Model([4, 8, 5, Y.shape[0]], learning_rate=0.05, rng=1, **options)
    assert_trains_like_the_lecture(model, X, Y, 30)


# ---- FlatParameters and DropoutDraws: the same numbers, fewer NumPy calls ----------------------


def test_training_leaves_the_parameters_it_started_from_untouched_and_a_plain_dict(flower):
    # gradient descent updates the training call's own vector in place: arrays a learner kept
    # from before the call must not move, and the model ends with a dict of its own
    X, Y = flower
    model = Model([2, 4, 1], "tanh", learning_rate=0.5, rng=0)
    before = model.parameters
    kept = {key: value.copy() for key, value in before.items()}
    model.fit(X, Y, 20)
    assert type(model.parameters) is dict and list(model.parameters) == ["W1", "b1", "W2", "b2"]
    for key, value in kept.items():
        assert np.array_equal(before[key], value), key
        assert not np.array_equal(model.parameters[key], value), key
    after = {key: value.copy() for key, value in model.parameters.items()}
    model.fit(X, Y, 5)
    for key, value in after.items():
        assert not np.array_equal(model.parameters[key], value), key


def test_gradient_descent_on_a_plain_dict_makes_new_arrays():
    # the in-place update is for a training call's FlatParameters only
    parameters = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.ones((2, 2)), "db1": np.ones((2, 1))}
    new = Optimizer("gd").update(parameters, grads, 0.5)
    assert np.array_equal(parameters["W1"], np.ones((2, 2)))
    assert np.array_equal(new["W1"], np.full((2, 2), 0.5))
    assert np.array_equal(new["b1"], np.full((2, 1), -0.5))


@pytest.mark.parametrize(
    "options",
    [
        {"hidden_activation": "relu"},
        {"hidden_activation": "tanh"},
        {"hidden_activation": "leaky_relu", "output_activation": "softmax"},
    ],
)
def test_model_forward_is_L_model_forward_bit_for_bit(options):
    rng = np.random.default_rng(2)
    X = rng.standard_normal((3, 500))
    n_y = 3 if options.get("output_activation") == "softmax" else 1
    model = Model([3, 7, 5, n_y], rng=3, **options)
    expected, _ = L_model_forward(
        X, model.parameters, model.hidden_activation, model.output_activation
    )
    assert np.array_equal(model.forward(X), expected)


def test_model_forward_keeps_numpys_dtype_rules_for_parameters_of_another_dtype():
    model = Model([2, 3, 1], rng=0)
    model.parameters = {
        k: v.astype(np.float32) if k.startswith("W") else v for k, v in model.parameters.items()
    }
    X = np.ones((2, 4), dtype=np.float32)
    expected, _ = L_model_forward(X, model.parameters)
    out = model.forward(X)
    assert out.dtype == expected.dtype and np.array_equal(out, expected)


GRID = [round(0.2 + 0.02 * k, 10) for k in range(40)]


@pytest.mark.parametrize(
    "options",
    [
        {"keep_prob": 0.86},
        {"keep_prob": 0.5, "lambd": 0.7},
        {"keep_prob": (1.0, 0.6)},  # dropout on the second hidden layer only
        {"keep_prob": 0.8, "hidden_activation": "tanh"},
    ],
)
def test_replayed_dropout_draws_train_bit_for_bit_as_drawing_them(options):
    X, Y = regularization_size_data()
    dims = [2, 30, 10, 1]
    keep_probs = Model(dims, **options).keep_probs
    sizes = [n for n, p in zip(dims[1:-1], keep_probs, strict=True) if p < 1]
    drawn = Model(dims, learning_rate=1.0, rng=1, **options)
    replayed = Model(dims, learning_rate=1.0, rng=1, **options)
    replayed.dropout_draws = DropoutDraws(replayed.rng, sizes, 200, 60, GRID)
    assert (
        replayed.dropout_draws.replay(replayed.rng, dims, replayed.keep_probs, 200, 50) is not None
    )  # the record serves this run: the test below compares a replay
    drawn.fit(X, Y, 50)
    replayed.fit(X, Y, 50)
    assert drawn.history["cost"] == replayed.history["cost"]
    for key, value in drawn.parameters.items():
        assert np.array_equal(replayed.parameters[key], value), key
    # the random state is as if the masks had been drawn: later draws agree too
    assert replayed.rng.bit_generator.state == drawn.rng.bit_generator.state
    drawn.fit(X, Y, 3)
    replayed.fit(X, Y, 3)  # no longer at the record's start: draws its own
    assert drawn.history["cost"] == replayed.history["cost"]


@pytest.mark.parametrize(
    "change, why",
    [
        ({"keep_prob": 0.87}, "a keep_prob off the grid"),
        ({"layer_dims": [2, 30, 12, 1]}, "other layer sizes"),
        ({"m": 100}, "another batch size"),
        ({"iterations": 61}, "more steps than recorded"),
        ({"seed": 2}, "another random state"),
    ],
)
def test_dropout_draws_serve_only_the_run_they_were_recorded_for(change, why):
    rng = np.random.default_rng(1)
    draws = DropoutDraws(rng, [30, 10], 200, 60, GRID)
    settings = {
        "layer_dims": [2, 30, 10, 1],
        "keep_prob": 0.8,
        "m": 200,
        "iterations": 60,
        "seed": 1,
    }
    assert draws.replay(np.random.default_rng(1), [2, 30, 10, 1], (0.8, 0.8), 200, 60)
    settings.update(change)
    keep_probs = (settings["keep_prob"],) * 2
    replay = draws.replay(
        np.random.default_rng(settings["seed"]),
        settings["layer_dims"],
        keep_probs,
        settings["m"],
        settings["iterations"],
    )
    assert replay is None, why


def test_a_model_whose_run_the_draws_do_not_serve_draws_its_own():
    X, Y = regularization_size_data()
    dims = [2, 30, 10, 1]
    drawn = Model(dims, learning_rate=1.0, keep_prob=0.87, rng=1)
    other = Model(dims, learning_rate=1.0, keep_prob=0.87, rng=1)
    other.dropout_draws = DropoutDraws(other.rng, [30, 10], 200, 60, GRID)  # 0.87: off the grid
    drawn.fit(X, Y, 20)
    other.fit(X, Y, 20)
    assert drawn.history["cost"] == other.history["cost"]
    assert other.rng.bit_generator.state == drawn.rng.bit_generator.state


@pytest.mark.parametrize(
    "rng, grid, message",
    [
        (np.random.Generator(np.random.MT19937(0)), GRID, "bit generator that can advance"),
        (np.random.default_rng(0), [0.5, 1.0], r"in \(0, 1\)"),
        (np.random.default_rng(0), [], "1 to 255"),
        (np.random.default_rng(0), np.linspace(0.001, 0.999, 300), "1 to 255"),
    ],
)
def test_dropout_draws_refuse_what_they_cannot_record(rng, grid, message):
    with pytest.raises(ValueError, match=message):
        DropoutDraws(rng, [3], 4, 2, grid)


def test_training_call_after_call_leaves_no_reference_cycles(flower):
    # the playground trains one epoch per call, thousands of times: each call's FlatParameters
    # must be freed when the call ends, not left for the cycle collector (memory grew 4× in
    # 10 000 epochs when the parameters' dict referred back to its owner)
    X, Y = flower
    model = Model([2, 4, 1], "tanh", rng=0, keep_prob=0.9, lambd=0.1)
    model.fit_epochs(X, Y, 1, 100)
    gc.collect()
    for _ in range(5):
        model.fit_epochs(X, Y, 1, 100)
        model.step(X, Y, 2)
        model.loss_and_gradients(X, Y)
    assert gc.collect() == 0


@pytest.mark.parametrize(
    "grid",
    [
        [round(0.2 + 0.02 * k, 10) for k in range(40)],  # the panel's slider: cells
        [0.5, 0.5 + 1e-5, 0.9],  # two values in one cell: the binary search
        [0.3],
    ],
)
def test_the_grid_counter_counts_the_grid_values_at_or_below_each_draw(grid):
    # the masks depend on these counts being exact at every edge: the grid values themselves,
    # their floating-point neighbours and the cells' own edges
    grid = np.array(grid)
    cells = np.arange(CELLS) / CELLS
    u = np.concatenate(
        [
            np.random.default_rng(0).random(100_000),
            grid,
            np.nextafter(grid, 0),
            np.nextafter(grid, 1),
            cells,
            np.nextafter(cells[1:], 0),
            [np.nextafter(1.0, 0)],
        ]
    )
    counts = grid_counter(grid)(u)
    assert counts.dtype == np.uint8
    assert np.array_equal(counts, np.searchsorted(grid, u, side="right"))
