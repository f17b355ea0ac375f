"""course_lib.validation: the one home of argument checks and its error rule (TypeError: wrong type,
ValueError: right type, wrong value)."""

import numpy as np
import pytest

from course_lib.validation import as_count, as_number, as_probability, check_shape


@pytest.mark.parametrize("n", [0, 3, np.int64(3), np.int32(7)])
def test_as_count_accepts_whole_numbers(n):
    assert as_count(n, "n") == int(n) and type(as_count(n, "n")) is int


@pytest.mark.parametrize("n", [True, False, 2.0, 1.5, "3", None, np.float64(2.0)])
def test_as_count_refuses_other_types(n):
    with pytest.raises(TypeError, match=r"num_epochs must be a whole number ≥ 0; got "):
        as_count(n, "num_epochs")


def test_as_count_range_and_note():
    with pytest.raises(ValueError, match=r"^m must be a whole number ≥ 1 \(examples\); got 0$"):
        as_count(0, "m", minimum=1, note=" (examples)")
    with pytest.raises(ValueError, match=r"^size must be a whole number in 1\.\.6; got 7$"):
        as_count(np.int64(7), "size", 1, 6)


def test_as_number():
    assert as_number(np.float32(0.5), "x") == 0.5 and as_number(2, "x") == 2.0
    with pytest.raises(ValueError, match=r"^the learning rate α must be > 0; got 0$"):
        as_number(0, "the learning rate α", low=0, low_open=True)
    with pytest.raises(ValueError, match=r"^β must lie in \[0, 1\); got 1\.0$"):
        as_number(np.float64(1.0), "β", 0, 1, high_open=True)
    with pytest.raises(ValueError, match=r"must be a number ≥ 0; got nan"):
        as_number(float("nan"), "λ", low=0)
    for bad in (True, "0.1", None, [1.0]):
        with pytest.raises(TypeError, match=r"^λ must be a number ≥ 0; got "):
            as_number(bad, "λ", low=0)


def test_as_probability():
    assert as_probability(1, "keep_prob") == 1.0
    with pytest.raises(ValueError, match=r"keep_prob must lie in \(0, 1\]; got 0"):
        as_probability(0, "keep_prob")
    assert as_probability(0, "p", allow_zero=True) == 0.0
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\); got 1"):
        as_probability(1, "p", allow_zero=True, allow_one=False)


def test_check_shape_hints_the_transpose():
    b = np.zeros((1, 3))
    with pytest.raises(
        ValueError,
        match=r"^b must be \(n\[l\], 1\) = \(3, 1\); got \(1, 3\) — "
        r"did you mean b\.T\?$",
    ):
        check_shape(b, (3, 1), "b", "(n[l], 1)")
    with pytest.raises(ValueError, match=r"^W must be \(2, 3\); got \(2, 2\)$"):
        check_shape(np.zeros((2, 2)), (2, 3), "W")
    assert check_shape(b, (1, 3), "b") is b
