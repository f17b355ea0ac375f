"""course_lib.gradcheck: θ packing, the two-sided difference, and that a real bug is caught."""

import numpy as np
import pytest

from course_lib.gradcheck import (
    GradientCheckReport,
    backprop_gradients,
    compare_gradients,
    dictionary_to_vector,
    format_difference,
    gradient_check_n,
    gradient_check_report,
    numerical_gradient,
    relative_difference,
    vector_to_dictionary,
)
from course_lib.initializers import initialize_parameters_deep
from course_lib.network import L_model_backward, L_model_forward


@pytest.fixture
def network():
    rng = np.random.default_rng(21)
    parameters = initialize_parameters_deep([4, 5, 3, 1], rng, method="xavier")
    parameters = {
        k: v + (0.1 * rng.standard_normal(v.shape) if k.startswith("b") else 0)
        for k, v in parameters.items()
    }
    X = rng.standard_normal((4, 8))
    Y = (X[:1] - X[1:2] > 0) * 1.0
    return parameters, X, Y


def test_dictionary_to_vector_round_trip(network):
    parameters, _, _ = network
    theta, layout = dictionary_to_vector(parameters)
    assert theta.shape == (sum(v.size for v in parameters.values()), 1)
    assert [key for key, _ in layout] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    back = vector_to_dictionary(theta, layout)
    assert set(back) == set(parameters)
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
        assert back[key].shape == parameters[key].shape


def test_dictionary_to_vector_orders_layers_numerically():
    parameters = {f"{p}{l}": np.full((1, 1), 10 * l + (p == "b")) for l in (10, 2, 1) for p in "bW"}
    theta, layout = dictionary_to_vector(parameters)
    assert [key for key, _ in layout] == ["W1", "b1", "W2", "b2", "W10", "b10"]
    np.testing.assert_array_equal(theta.ravel(), [10, 11, 20, 21, 100, 101])


def test_dictionary_to_vector_does_not_alias_the_parameters(network):
    parameters, _, _ = network
    W1 = parameters["W1"].copy()
    theta, _ = dictionary_to_vector(parameters)
    theta[:] = 0
    np.testing.assert_array_equal(parameters["W1"], W1)


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda v: float(np.sum(v**3)), x)
    np.testing.assert_allclose(grad, 3 * x**2, rtol=1e-7)
    np.testing.assert_array_equal(x, [[1.0, -2.0], [0.5, 3.0]])  # x itself is not perturbed


def test_relative_difference():
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_difference(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == 0.0
    assert relative_difference(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)
    assert relative_difference(np.array([3.0]), np.array([1.0])) == pytest.approx(0.5)


def test_correct_backprop_passes(network):
    parameters, X, Y = network
    grads = backprop_gradients(parameters, X, Y)
    assert gradient_check_n(parameters, grads, X, Y) < 1e-7


@pytest.mark.parametrize(
    ("bug", "key"),
    [
        ("scale", "dW1"),  # dW1 doubled
        ("scale", "db2"),  # db2 doubled
        ("sign", "dW3"),  # output layer with the wrong sign
        ("no_1/m", "dW2"),  # the 1/m forgotten in one layer
        ("permute", "dW2"),  # right numbers in the wrong places
    ],
)
def test_planted_bug_is_detected(network, bug, key):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    m = X.shape[1]
    if bug == "scale":
        grads[key] = grads[key] * 2
    elif bug == "sign":
        grads[key] = -grads[key]
    elif bug == "no_1/m":
        grads[key] = grads[key] * m
    else:
        grads[key] = grads[key][::-1, ::-1].copy()
    assert gradient_check_n(parameters, grads, X, Y) > 1e-3


def test_gradient_check_does_not_change_the_parameters(network):
    parameters, X, Y = network
    before = {k: v.copy() for k, v in parameters.items()}
    gradient_check_n(parameters, backprop_gradients(parameters, X, Y), X, Y)
    for key, value in before.items():
        np.testing.assert_array_equal(parameters[key], value)


# ---- gradient_check_report and compare_gradients -------------------------------------------------

KEYS = ["dW1", "db1", "dW2", "db2", "dW3", "db3"]


def test_report_of_a_correct_backprop_passes(network):
    parameters, X, Y = network
    grads = backprop_gradients(parameters, X, Y)
    report = gradient_check_report(parameters, grads, X, Y)
    assert isinstance(report, GradientCheckReport)
    assert report.passed and report.wrong == []
    assert report.difference < 1e-7
    assert report.difference == gradient_check_n(parameters, grads, X, Y)
    assert list(report.per_parameter) == KEYS  # in layer order
    assert all(d < GradientCheckReport.THRESHOLD for d in report.per_parameter.values())
    text = repr(report)
    # below the noise floor no digits are shown
    assert text == "difference < 1e-07: backward propagation works"


@pytest.mark.parametrize(
    ("difference", "shown"),
    [(3.2e-9, "< 1e-07"), (9.99e-8, "< 1e-07"), (1e-7, "1.0e-07"), (0.3567, "3.6e-01")],
)
def test_format_difference_hides_only_rounding_noise(difference, shown):
    assert format_difference(difference) == shown
    assert format_difference(difference, floor=1e-6) == (shown if difference >= 1e-6 else "< 1e-06")


@pytest.mark.parametrize("key", KEYS)
def test_report_names_exactly_the_planted_bug(network, key):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    grads[key] = grads[key] * 2
    report = gradient_check_report(parameters, grads, X, Y)
    assert not report.passed
    assert report.wrong == [key]
    assert report.per_parameter[key] == pytest.approx(1 / 3, rel=1e-5)  # ‖g − 2g‖ / (‖g‖ + ‖2g‖)
    text = repr(report)
    assert f"there is a mistake in backward propagation: look at {key}" in text
    assert [line.split()[0] for line in text.splitlines() if line.endswith("← wrong")] == [key]


def test_report_lists_several_wrong_gradients_worst_first(network):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    grads["dW1"] = grads["dW1"] * 1.01  # slightly off
    grads["db3"] = -grads["db3"]  # completely off
    report = gradient_check_report(parameters, grads, X, Y)
    assert report.wrong == ["db3", "dW1"]
    assert "look at db3, dW1" in repr(report)


def tiny_db3_network():
    """A tanh network whose db3 is ~4e−4: its own relative difference (~1e−6) is rounding noise."""
    rng = np.random.default_rng(26)
    parameters = {}
    for l, (n, n_prev) in enumerate(((5, 4), (3, 5), (1, 3)), start=1):
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        parameters[f"b{l}"] = rng.standard_normal((n, 1)) * 0.1
    X = rng.standard_normal((4, 8))
    return parameters, X, (X[:1] - X[1:2] > 0) * 1.0


def test_report_does_not_blame_a_tiny_gradient_for_rounding_noise():
    # a correct backprop whose db3 is ~4e−4: its own relative difference (~1e−6) is rounding noise,
    # and a report that
    # passes must not mark it wrong (it used to: "backward propagation works" above "db3 … ← wrong")
    parameters, X, Y = tiny_db3_network()
    report = gradient_check_report(
        parameters, backprop_gradients(parameters, X, Y, "tanh"), X, Y, 1e-7, "tanh"
    )
    assert report.per_parameter["db3"] > GradientCheckReport.THRESHOLD  # the noise is there…
    # …and is not reported
    assert report.passed and report.wrong == [] and "← wrong" not in repr(report)


@pytest.mark.parametrize(("lambd", "penalty"), [(0.8, "l2"), (0.8, "l1")])
def test_report_includes_the_penalty(network, lambd, penalty):
    parameters, X, Y = network
    AL, caches = L_model_forward(X, parameters)
    right = L_model_backward(AL, Y, caches, lambd=lambd, penalty=penalty)
    assert gradient_check_report(parameters, right, X, Y, lambd=lambd, penalty=penalty).passed
    forgotten = L_model_backward(AL, Y, caches)  # the backward pass without the penalty's term
    report = gradient_check_report(parameters, forgotten, X, Y, lambd=lambd, penalty=penalty)
    # the b[l] are not penalized
    assert not report.passed and set(report.wrong) == {"dW1", "dW2", "dW3"}


def test_compare_gradients_with_any_cost_function():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}

    def cost(p):
        return float(np.sum(p["W1"] ** 3) + 3 * p["b1"][0, 0] ** 2)

    right = {"dW1": 3 * parameters["W1"] ** 2, "db1": 6 * parameters["b1"]}
    report = compare_gradients(cost, parameters, right)
    assert report.passed and report.difference < 1e-8
    np.testing.assert_allclose(report.approx.ravel(), [3.0, 12.0, 3.0], rtol=1e-7)
    # θ ± ε is never written into the input
    np.testing.assert_array_equal(parameters["W1"], [[1.0, -2.0]])
    assert compare_gradients(cost, parameters, {**right, "db1": 2 * parameters["b1"]}).wrong == [
        "db1"
    ]
    extra = {**right, "dA0": np.zeros((2, 7))}  # other entries of grads (dA[l]) are ignored
    assert compare_gradients(cost, parameters, extra).passed


def test_missing_gradient_is_named(network):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    del grads["dW2"], grads["db3"]
    with pytest.raises(
        KeyError,
        match=r"gradients lacks dW2, db3: it needs a 'd' \+ key entry for " r"every parameter",
    ):
        gradient_check_report(parameters, grads, X, Y)
    with pytest.raises(KeyError, match="dW2"):
        gradient_check_n(parameters, grads, X, Y)


@pytest.mark.parametrize(
    ("key", "make", "phrase"),
    [
        (
            "dW1",
            lambda g: g.T,
            r"dW1 must be \(5, 4\), the shape of W1; got \(4, 5\) — did you mean " r"dW1\.T\?",
        ),
        ("db2", lambda g: g.ravel(), r"db2 must be \(3, 1\), the shape of b2; got \(3,\)$"),
        ("dW3", lambda g: g[:, :2], r"dW3 must be \(1, 3\), the shape of W3; got \(1, 2\)$"),
    ],
)
def test_gradient_of_the_wrong_shape_is_refused(network, key, make, phrase):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    grads[key] = make(grads[key])
    with pytest.raises(ValueError, match=phrase):
        gradient_check_report(parameters, grads, X, Y)


def test_shares_add_up_and_a_tiny_noisy_block_is_not_blamed_beside_a_real_bug():
    # the network whose db3 (~4e−4) has a rounding-noise own difference above THRESHOLD, now with a
    # real bug in dW2
    parameters, X, Y = tiny_db3_network()
    grads = dict(backprop_gradients(parameters, X, Y, "tanh"))
    grads["dW2"] = grads["dW2"] * 2
    report = gradient_check_report(parameters, grads, X, Y, 1e-7, "tanh")
    assert report.per_parameter["db3"] > GradientCheckReport.THRESHOLD
    assert report.wrong == ["dW2"]
    assert sum(report.share.values()) == pytest.approx(1.0)
    assert report.share["dW2"] > 0.999
    assert [line.split()[0] for line in repr(report).splitlines() if line.endswith("← wrong")] == [
        "dW2"
    ]


def test_report_refuses_bad_epsilon_nan_gradients_negative_lambda_and_odd_keys(network):
    parameters, X, Y = network
    grads = dict(backprop_gradients(parameters, X, Y))
    with pytest.raises(
        ValueError,
        match=r"ε must (lie|be a number) in \(0, 0\.01\) \(a small "
        r"step such as 1e-7, the course's\)",
    ):
        gradient_check_report(parameters, grads, X, Y, epsilon=0)
    with pytest.raises(ValueError, match="the gradients contains 1 NaN"):
        gradient_check_report(
            parameters,
            {**grads, "dW1": np.where(grads["dW1"] == grads["dW1"][0, 0], np.nan, grads["dW1"])},
            X,
            Y,
        )
    with pytest.raises(ValueError, match=r"λ \(lambd\) must be ≥ 0"):
        gradient_check_report(parameters, grads, X, Y, lambd=-1.0)
    with pytest.raises(ValueError, match="parameters must be named W1, b1, W2, … .*'alpha1'"):
        dictionary_to_vector({**parameters, "alpha1": np.ones((1, 1))})
