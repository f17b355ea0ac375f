"""Course 1's checks beyond the registry: course_lib's own functions pass them, and a 1-D b gets a
hint that fits creating an array."""

from cases_c1w4 import initialize_one_dimensional_b
from registry import fails_with

from course_lib import activations, checks, initializers, logistic
from course_lib.network import L_model_backward


def test_course_lib_reference_passes_its_own_checks(capsys):
    checks.check_sigmoid(activations.sigmoid)
    checks.check_propagate(logistic.propagate)
    checks.check_initialize_parameters_deep(initializers.initialize_parameters_deep)
    checks.check_L_model_backward(L_model_backward)
    assert capsys.readouterr().out.count("✓") == 4


def test_a_one_dimensional_b_is_not_blamed_on_a_sum():
    message = fails_with(
        checks.check_initialize_parameters_deep,
        initialize_one_dimensional_b,
        "b1 has shape (4,)",
        "(4, 1)",
        "1-D",
    )
    assert (
        "sum lost its axis" not in message
    )  # no sum here: the hint must fit a creation mistake too
