"""What every check does the same way (course_lib.checks.framework): an unwritten exercise, a
forgotten return, an input changed in place, an exception inside the learner's code, a value that
matches no known mistake."""

import math

import numpy as np
import pytest
from cases_c1w2 import propagate_right
from cases_c2w1a import cost_with
from cases_c2w3 import batchnorm_forward_right
from cases_c3w1 import f1_score_right
from cases_c3w2 import multilabel_cost_right
from registry import CASES, fails_with, not_written

from course_lib import checks


@pytest.mark.parametrize("check", list(CASES), ids=lambda check: check.__name__)
def test_an_unwritten_exercise_is_told_so(check):
    fails_with(
        check,
        not_written,
        f"{check.__name__.removeprefix('check_')} is not written yet",
        "replace the `raise NotImplementedError`",
    )


@pytest.mark.parametrize(
    ("check", "phrases"),
    [
        (checks.check_sigmoid, ["None", "forget a `return`"]),
        (checks.check_compute_cost_with_regularization, ["did you forget a `return`"]),
        (checks.check_dropout_backward, ["dA is None"]),
        (checks.check_batchnorm_forward, ["None", "forget a `return`"]),
        (checks.check_f1_score, ["did you forget a `return`"]),
        (checks.check_multilabel_cost, ["forget a `return`"]),
        (checks.check_conv_multiplications, ["forget a `return`"]),
        (checks.check_feature_map, ["forget a `return`"]),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_a_forgotten_return_is_told_so(check, phrases):
    fails_with(check, lambda *args: None, *phrases)


def propagate_zeroing_X_and_Y(w, b, X, Y):
    result = propagate_right(w, b, X, Y)
    X[:] = 0
    Y[:] = 0
    return result


def dropout_backward_in_place(dA, D, keep_prob):
    dA *= D / keep_prob  # in place: the caller's dA is gone
    return dA


def batchnorm_centring_Z_in_place(Z, gamma, beta, epsilon=1e-5):
    Z_tilde = batchnorm_forward_right(Z, gamma, beta, epsilon)
    Z -= Z.mean(axis=1, keepdims=True)  # would corrupt the learner's Z in the notebook
    return Z_tilde


def f1_score_sorting_y_pred(y_true, y_pred):
    y_pred.sort()
    return f1_score_right(y_true, y_pred)


def multilabel_cost_filling_Y(AL, Y):
    Y[np.isnan(Y)] = 0
    return multilabel_cost_right(AL, np.where(Y == 0, np.nan, Y))


def pca_color_in_place(image, alphas, pca):
    image += pca.eigenvectors @ (alphas * pca.eigenvalues)
    np.clip(image, 0, 1, out=image)
    return image


def feature_map_squaring_in_place(X):
    X[0] = X[0] ** 2
    return np.stack([X[0], X[1], X[0], X[1] ** 2, X[0] * X[1]])


@pytest.mark.parametrize(
    ("check", "fn", "phrases"),
    [
        (
            checks.check_propagate,
            propagate_zeroing_X_and_Y,
            ["propagate changed its input `X` in place", "compute new arrays"],
        ),
        (
            checks.check_dropout_backward,
            dropout_backward_in_place,
            ["dropout_backward changed its input `dA` in place"],
        ),
        (
            checks.check_batchnorm_forward,
            batchnorm_centring_Z_in_place,
            ["batchnorm_forward changed its input `Z` in place"],
        ),
        (
            checks.check_f1_score,
            f1_score_sorting_y_pred,
            ["f1_score changed its input `y_pred` in place"],
        ),
        (
            checks.check_multilabel_cost,
            multilabel_cost_filling_Y,
            ["multilabel_cost changed its input `Y` in place"],
        ),
        (
            checks.check_pca_color,
            pca_color_in_place,
            ["pca_color changed its input `image` in place"],
        ),
        (
            checks.check_feature_map,
            feature_map_squaring_in_place,
            ["feature_map changed its input `X` in place"],
        ),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_a_function_that_changes_its_input_is_told_so(check, fn, phrases):
    # scribbling on X would corrupt the learner's data in the notebook; the check works on copies
    # and says so
    fails_with(check, fn, *phrases)


def test_math_exp_on_arrays_is_told_to_use_np_exp():
    fails_with(
        checks.check_sigmoid, lambda z: 1 / (1 + math.exp(-z)), "raised TypeError", "use np.exp"
    )


def test_a_shape_error_inside_the_learners_code_shows_the_input_shapes():
    def propagate(w, b, X, Y):
        A = 1 / (1 + np.exp(-(np.dot(w, X) + b)))  # w is (n_x, 1): needs w.T
        return {"dw": A, "db": 0.0}, 0.0

    fails_with(checks.check_propagate, propagate, "raised ValueError", "inputs had shapes (2, 1)")


def test_a_wrong_number_is_shown_as_a_number():
    with pytest.raises(checks.CheckFailed, match=r"expected 0\.\d+, got 0\.\d+"):
        checks.check_compute_cost_with_regularization(lambda A3, Y, parameters, lambd: 0.5)


def test_an_unrecognised_mistake_shows_expected_and_got():
    message = fails_with(checks.check_sigmoid, lambda z: 1 / (2 + np.exp(-z)), "expected", "got")
    assert "0.5" in message and "0.333333" in message

    penalty_on_W1_only = cost_with(
        lambda Ws, lambd, m, p: lambd / (2 * m) * np.sum(np.square(Ws[0]))
    )
    message = fails_with(
        checks.check_compute_cost_with_regularization,
        penalty_on_W1_only,
        "the cost is wrong: expected",
        "got",
    )
    assert "that is what you get" not in message  # an unrecognised mistake: expected vs got only

    message = fails_with(
        checks.check_batchnorm_forward,
        lambda Z, g, b, e=1e-5: batchnorm_forward_right(Z, g, b, e) + 1,
        "Z̃ is wrong: expected",
        "got",
    )
    assert "that is what you get" not in message


def test_a_call_with_other_arguments_than_the_def_line_is_told_to_keep_the_def_line():
    def initialize_parameters(n_x, n_h, n_y):  # the course's form, without the rng
        return {}

    def helper(a):
        return a

    def sigmoid(z):
        return helper(z, 2)  # a wrong call inside the learner's own code: no def-line hint

    with pytest.raises(checks.CheckFailed, match="keep that line as given") as info:
        checks.check_initialize_parameters(initialize_parameters)
    assert "rng" in str(info.value)
    with pytest.raises(checks.CheckFailed) as info:
        checks.check_sigmoid(sigmoid)
    assert "keep that line" not in str(info.value) and "takes 1 positional argument" in str(
        info.value
    )
