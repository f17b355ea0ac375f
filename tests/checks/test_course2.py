"""Course 2's checks beyond the registry: course_lib's own functions and other right answers pass
them with the exact ✓ line, dropout hints stay short, an rng other than the argument is always
named."""

import numpy as np
import pytest
from cases_c2w1a import dropout_forward_one_draw_per_unit, dropout_forward_pair_swapped
from cases_c2w1b import he_with
from registry import fails_with

from course_lib import batchnorm, checks, initializers, losses, optimizers, regularization


def test_course_lib_c2w1_references_pass_their_checks(capsys):
    checks.check_compute_cost_with_regularization(losses.compute_cost_with_regularization)
    checks.check_dropout_forward(regularization.dropout_forward)
    checks.check_dropout_backward(regularization.dropout_backward)
    checks.check_initialize_parameters_he(
        lambda layer_dims, rng: initializers.initialize_parameters_deep(layer_dims, rng, "he")
    )
    assert capsys.readouterr().out.count("✓") == 4


@pytest.mark.parametrize(
    "dropout_forward",
    [
        dropout_forward_pair_swapped,
        dropout_forward_one_draw_per_unit,
        lambda A, keep_prob, rng: (A, rng.random(A.shape) < keep_prob),
        lambda A, keep_prob, rng: (A / keep_prob, rng.random(A.shape) < keep_prob),
    ],
)
def test_dropout_forward_hints_are_short(dropout_forward):
    message = fails_with(checks.check_dropout_forward, dropout_forward)
    assert len(message.splitlines()) <= 3  # the hint, not pages of numbers


def test_initialize_parameters_he_from_np_random_always_gets_the_rng_hint():
    # the right scale drawn from another generator: the hint must be about the rng every time, never
    # about the spread (W3 of [300, 200, 100, 1] has only 100 weights, whose sample std varies by
    # ±7%: it is not judged)
    for _ in range(20):
        fails_with(
            checks.check_initialize_parameters_he,
            he_with(source=lambda: np.random),
            "the scale is right but W1 differs",
        )


def test_random_mini_batches_may_return_lists(capsys):
    checks.check_random_mini_batches(
        lambda X, Y, size, rng: [list(b) for b in optimizers.random_mini_batches(X, Y, size, rng)]
    )
    assert capsys.readouterr().out.startswith("✓")


def test_adam_right_answer_passes_all_four_cases(capsys):
    checks.check_update_parameters_with_adam(
        lambda *args: optimizers.update_parameters_with_adam(*args, corrected=True)
    )
    assert capsys.readouterr().out == "✓ update_parameters_with_adam passes all 4 cases\n"


def test_course_lib_batchnorm_and_an_np_var_version_pass_all_four_cases(capsys):
    checks.check_batchnorm_forward(
        lambda Z, gamma, beta, epsilon=1e-5: batchnorm.batchnorm_forward(Z, gamma, beta, epsilon)[0]
    )
    checks.check_batchnorm_forward(
        lambda Z, gamma, beta, epsilon=1e-5: (
            gamma
            * (Z - Z.mean(axis=1, keepdims=True))
            / np.sqrt(Z.var(axis=1, keepdims=True) + epsilon)
            + beta
        )
    )
    assert capsys.readouterr().out == "✓ batchnorm_forward passes all 4 cases\n" * 2
