"""course_lib.checks for c2w3 (batch norm's forward pass): the right answer passes, typical wrong ones fail with a hint.

CORRECT below is read by tests/test_checks.py's meta-test, which requires every check_* to have a right answer.
"""
import numpy as np
import pytest
from test_checks import fails_with  # one helper for every checks test (tests/ is on sys.path)

from course_lib import batchnorm, checks


def batchnorm_forward_right(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta


CORRECT = {
    "check_batchnorm_forward": batchnorm_forward_right,
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_right_answer_passes(name, capsys):
    getattr(checks, name)(CORRECT[name])
    out = capsys.readouterr().out
    assert out.startswith("✓") and "passes all 4 cases" in out


def test_course_lib_batchnorm_forward_passes(capsys):
    checks.check_batchnorm_forward(lambda Z, gamma, beta, epsilon=1e-5: batchnorm.batchnorm_forward(Z, gamma, beta, epsilon)[0])
    assert capsys.readouterr().out.startswith("✓")


def test_np_var_and_np_std_versions_pass(capsys):
    checks.check_batchnorm_forward(
        lambda Z, gamma, beta, epsilon=1e-5: gamma * (Z - Z.mean(axis=1, keepdims=True))
        / np.sqrt(Z.var(axis=1, keepdims=True) + epsilon) + beta)
    assert capsys.readouterr().out.startswith("✓")


def over_units(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


def no_square_root(Z, gamma, beta, epsilon=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / (var + epsilon) + beta


def no_epsilon(Z, gamma, beta, epsilon=1e-5):
    return gamma * (Z - Z.mean(axis=1, keepdims=True)) / Z.std(axis=1, keepdims=True) + beta


def epsilon_outside(Z, gamma, beta, epsilon=1e-5):
    return gamma * (Z - Z.mean(axis=1, keepdims=True)) / (Z.std(axis=1, keepdims=True) + epsilon) + beta


def swapped(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, beta, gamma, epsilon)


def no_gamma_beta(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, np.ones_like(gamma), np.zeros_like(beta), epsilon)


def fixed_epsilon(Z, gamma, beta, epsilon=1e-5):
    return batchnorm_forward_right(Z, gamma, beta)


def unbiased_variance(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (Z.shape[1] - 1)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta


@pytest.mark.parametrize(("fn", "phrases"), [
    (over_units, ["over the units (axis=0)", "Z of shape (3, 8)"]),
    (no_square_root, ["divides by σ² + ε instead of √(σ² + ε)"]),
    (no_epsilon, ["ε is left out"]),
    (epsilon_outside, ["ε is added outside the square root"]),
    (swapped, ["γ and β are swapped"]),
    (no_gamma_beta, ["γ and β are not applied"]),
    (fixed_epsilon, ["fixed at 1e-5 instead of the epsilon argument", "ε = 0.01"]),
    (unbiased_variance, ["divides by m − 1 (ddof=1)"]),
])
def test_typical_mistakes_are_named(fn, phrases):
    with np.errstate(all="ignore"):
        fails_with(checks.check_batchnorm_forward, fn, *phrases)


def test_returning_the_library_tuple_is_explained():
    fails_with(checks.check_batchnorm_forward, batchnorm.batchnorm_forward, "returned a tuple of 4", "return Z̃ alone")


def test_not_written_and_forgotten_return():
    def not_written(Z, gamma, beta, epsilon=1e-5):
        raise NotImplementedError

    def no_return(Z, gamma, beta, epsilon=1e-5):
        batchnorm_forward_right(Z, gamma, beta, epsilon)

    fails_with(checks.check_batchnorm_forward, not_written, "not written yet")
    fails_with(checks.check_batchnorm_forward, no_return, "None", "forget a `return`")


def test_an_unrecognised_mistake_shows_expected_and_got():
    message = fails_with(checks.check_batchnorm_forward, lambda Z, g, b, e=1e-5: batchnorm_forward_right(Z, g, b, e) + 1,
                         "Z̃ is wrong: expected", "got")
    assert "that is what you get" not in message


def test_a_forward_pass_that_changes_Z_in_place_is_told_so():
    def mutating(Z, gamma, beta, epsilon=1e-5):
        Z_tilde = batchnorm_forward_right(Z, gamma, beta, epsilon)
        Z -= Z.mean(axis=1, keepdims=True)  # would corrupt the learner's Z in the notebook
        return Z_tilde

    with pytest.raises(checks.CheckFailed, match="batchnorm_forward changed its input `Z` in place"):
        checks.check_batchnorm_forward(mutating)
