"""check_predict's second form, predict(parameters, X) of c1w3's 2-layer network (the registry
holds one right solution per check: the logistic form predict(w, b, X))."""

import numpy as np
import pytest
from registry import fails_with

from course_lib import activations, checks, logistic


def _A2(parameters, X):
    A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
    return activations.sigmoid(parameters["W2"] @ A1 + parameters["b2"])


def predict_network_right(parameters, X):
    A2 = _A2(parameters, X)
    return A2 > 0.5  # the course's booleans


def predict_network_at_least_half(parameters, X):
    return (_A2(parameters, X) >= 0.5) * 1.0


def predict_network_probabilities(parameters, X):
    return _A2(parameters, X)


def predict_network_one_dimensional(parameters, X):
    return (_A2(parameters, X) > 0.5).ravel() * 1.0


def predict_network_sigmoid_hidden(parameters, X):
    A1 = activations.sigmoid(parameters["W1"] @ X + parameters["b1"])
    return activations.sigmoid(parameters["W2"] @ A1 + parameters["b2"]) > 0.5


def predict_network_in_place(parameters, X):
    parameters["W1"] *= 1.0
    parameters["b2"] += 0.0
    parameters["W1"] -= 0.0
    X -= X.mean()  # centres the caller's X in place
    return _A2(parameters, X) > 0.5


def test_the_network_form_right_solution_passes(capsys):
    checks.check_predict(predict_network_right)
    assert capsys.readouterr().out == "✓ predict passes all 4 cases\n"


@pytest.mark.parametrize(
    ("wrong", "phrases"),
    [
        (predict_network_at_least_half, ("the threshold is A ≥ 0.5", "A2 = 0.5 exactly")),
        (predict_network_probabilities, ("the probabilities A, not the 0/1 labels",)),
        (predict_network_one_dimensional, ("Y_prediction has shape (6,), expected (1, 6)", "1-D")),
        (predict_network_sigmoid_hidden, ("sigmoid instead of tanh", "forward_propagation")),
        (predict_network_in_place, ("changed its input `X` in place",)),
    ],
)
def test_a_network_form_wrong_solution_fails_with_its_phrases(wrong, phrases):
    message = fails_with(checks.check_predict, wrong, *phrases)
    assert message.startswith("✗ predict ")


def test_the_form_follows_the_number_of_arguments():
    def four_arguments(w, b, X, threshold):
        return None

    fails_with(checks.check_predict, four_arguments, "(w, b, X, threshold)", "two forms")
    # a default argument beyond the course's is tolerated: the required ones pick the form
    checks.check_predict(lambda w, b, X, threshold=0.5: logistic.predict_logistic(w, b, X))
