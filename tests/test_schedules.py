"""course_lib.schedules: learning-rate decay formulas, the Schedule object, bad names and
options."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.schedules import (
    SCHEDULES,
    Schedule,
    as_schedule,
    exponential_decay,
    inverse_sqrt_decay,
    inverse_sqrt_t_decay,
    inverse_time_decay,
    staircase_decay,
)


@pytest.mark.parametrize(("epoch", "expected"), [(0, 0.2), (1, 0.1), (3, 0.05), (9, 0.02)])
def test_inverse_time_decay(epoch, expected):
    # α₀ / (1 + 1 · epoch)
    assert inverse_time_decay(0.2, epoch) == pytest.approx(expected, rel=1e-15)
    assert inverse_time_decay(0.2, epoch, decay_rate=0.5) == pytest.approx(
        0.2 / (1 + 0.5 * epoch), rel=1e-15
    )


@pytest.mark.parametrize(
    ("epoch", "expected"), [(0, 0.1), (1, 0.095), (2, 0.09025), (10, 0.1 * 0.95**10)]
)
def test_exponential_decay(epoch, expected):
    assert exponential_decay(0.1, epoch) == pytest.approx(expected, rel=1e-14)
    assert exponential_decay(0.1, epoch, base=0.5) == pytest.approx(0.1 / 2**epoch, rel=1e-15)


@pytest.mark.parametrize(("epoch", "expected"), [(0, 0.3), (1, 0.3), (4, 0.15), (100, 0.03)])
def test_inverse_sqrt_decay_starts_at_alpha0(epoch, expected):
    assert inverse_sqrt_decay(0.3, epoch) == pytest.approx(expected, rel=1e-15)
    # the same formula in t
    assert inverse_sqrt_t_decay(0.3, epoch) == pytest.approx(expected, rel=1e-15)
    assert inverse_sqrt_decay(0.3, max(epoch, 1), k=2.0) == pytest.approx(
        2 * 0.3 / np.sqrt(max(epoch, 1)), rel=1e-15
    )


@pytest.mark.parametrize(
    ("epoch", "expected"), [(0, 0.1), (9, 0.1), (10, 0.05), (19, 0.05), (20, 0.1 / 3), (35, 0.025)]
)
def test_staircase_decay_steps_down_every_interval(epoch, expected):
    assert staircase_decay(0.1, epoch, decay_rate=1.0, time_interval=10) == pytest.approx(
        expected, rel=1e-15
    )


@settings(max_examples=60, deadline=None)
@given(st.floats(1e-5, 10.0), st.floats(0.01, 5.0), st.integers(1, 50), st.integers(0, 40))
def test_staircase_is_constant_within_an_interval_and_drops_between(
    alpha0, decay_rate, interval, k
):
    values = [
        staircase_decay(alpha0, epoch, decay_rate, interval)
        for epoch in range(k * interval, (k + 1) * interval)
    ]
    assert len(set(values)) == 1
    assert values[0] == pytest.approx(alpha0 / (1 + decay_rate * k), rel=1e-15)
    assert staircase_decay(alpha0, (k + 1) * interval, decay_rate, interval) < values[0]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SCHEDULES), st.floats(1e-5, 10.0), st.integers(0, 500))
def test_every_schedule_starts_at_alpha0_and_never_grows(name, alpha0, epoch):
    schedule = Schedule(name)
    assert schedule(alpha0, 0, 0) == alpha0
    now, later = schedule(alpha0, epoch, epoch), schedule(alpha0, epoch + 1, epoch + 1)
    assert 0 < later <= now <= alpha0


def test_schedule_object_passes_its_options_and_returns_floats():
    assert Schedule("inverse_time", decay_rate=0.25)(0.1, 4) == pytest.approx(0.05, rel=1e-15)
    assert Schedule("exponential", base=0.5)(1.0, 3) == 0.125
    assert Schedule("inverse_sqrt", k=0.5)(0.2, 4) == pytest.approx(0.05, rel=1e-15)
    assert Schedule("staircase", time_interval=3)(0.6, 5) == pytest.approx(0.3, rel=1e-15)
    value = Schedule("staircase")(0.6, np.int64(5))
    assert type(value) is float and value == 0.6  # the default interval is 1000 epochs
    # inverse_sqrt_t decays with t (the updates so far), not with the epoch
    t_schedule = Schedule("inverse_sqrt_t")
    assert t_schedule(0.4, epoch=0, t=16) == pytest.approx(0.1, rel=1e-15)
    assert t_schedule(0.4, epoch=16, t=1) == 0.4
    assert Schedule("inverse_sqrt")(0.4, epoch=16, t=1) == pytest.approx(0.1, rel=1e-15)


def test_schedule_repr_and_as_schedule():
    assert repr(Schedule("exponential", base=0.9)) == "Schedule('exponential', base=0.9)"
    assert repr(Schedule("inverse_time")) == "Schedule('inverse_time')"
    assert as_schedule(None) is None
    schedule = Schedule("staircase", time_interval=5)
    assert as_schedule(schedule) is schedule
    named = as_schedule("exponential")
    assert isinstance(named, Schedule) and named.name == "exponential" and named.options == {}


@pytest.mark.parametrize("name", ["cosine", "Exponential", "step", ""])
def test_unknown_schedule_lists_the_valid_ones(name):
    valid = "'inverse_time', 'exponential', 'inverse_sqrt', 'inverse_sqrt_t', 'staircase'"
    with pytest.raises(ValueError, match=f"unknown schedule {name!r}; choose one of {valid}"):
        Schedule(name)
    with pytest.raises(ValueError, match=f"choose one of {valid}"):
        as_schedule(name)


@pytest.mark.parametrize(
    ("name", "options", "phrase"),
    [
        ("exponential", {"decay_rate": 0.5}, "unexpected keyword argument 'decay_rate'"),
        ("inverse_time", {"base": 0.9}, "unexpected keyword argument 'base'"),
        ("staircase", {"interval": 10}, "unexpected keyword argument 'interval'"),
        ("inverse_sqrt", {"alpha0": 0.1}, "multiple values for argument 'alpha0'"),
    ],
)
def test_a_wrong_schedule_option_is_named(name, options, phrase):
    with pytest.raises(
        TypeError,
        match=rf"schedule '{name}': .*{phrase} — see " rf"course_lib\.schedules for its options",
    ):
        Schedule(name, **options)


@pytest.mark.parametrize(
    ("name", "options", "error", "phrase"),
    [
        (
            "staircase",
            {"time_interval": 0},
            ValueError,
            r"time_interval must be a whole number ≥ 1 \(a " r"number of epochs\)",
        ),
        (
            "staircase",
            {"time_interval": 2.5},
            TypeError,
            r"time_interval must be a whole number ≥ 1 " r"\(a number of epochs\)",
        ),
        ("inverse_time", {"decay_rate": -2}, ValueError, "decay_rate must be ≥ 0"),
        (
            "exponential",
            {"base": 1.5},
            ValueError,
            r"base must lie in \(0, 1\] \(the factor per " r"epoch\)",
        ),
        ("inverse_sqrt", {"k": 0}, ValueError, "k must be > 0"),
        ("inverse_time", {"decay_rate": "0.5"}, TypeError, "decay_rate must be a number ≥ 0"),
    ],
)
def test_schedule_option_values_are_checked(name, options, error, phrase):
    with pytest.raises(error, match=phrase):
        Schedule(name, **options)


def test_a_schedule_name_must_be_a_string():
    with pytest.raises(ValueError, match="unknown schedule"):
        Schedule(["staircase"])
