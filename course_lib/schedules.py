"""Learning-rate decay (Course 2, week 2): α as a function of the epoch number
(or of the update count t).

    inverse_time   α = α₀ / (1 + decay_rate · epoch)
    exponential    α = base^epoch · α₀                      (base 0.95)
    inverse_sqrt   α = k / √epoch · α₀                      (epoch ≥ 1; α₀ at epoch 0)
    inverse_sqrt_t α = k / √t · α₀                          (t = mini-batch updates so far, ≥ 1)
    staircase      α = α₀ / (1 + decay_rate · ⌊epoch / time_interval⌋)
    (a step down every time_interval epochs)
"""

import numpy as np

from course_lib.validation import as_count, as_number, check_choice

SCHEDULES = ("inverse_time", "exponential", "inverse_sqrt", "inverse_sqrt_t", "staircase")


def inverse_time_decay(alpha0, epoch, decay_rate=1.0):
    """α = α₀ / (1 + decay_rate · epoch)."""
    as_number(decay_rate, "decay_rate", low=0)
    as_number(epoch, "epoch", low=0)
    return alpha0 / (1 + decay_rate * epoch)


def exponential_decay(alpha0, epoch, base=0.95):
    """α = base^epoch · α₀."""
    return base**epoch * alpha0


def inverse_sqrt_decay(alpha0, epoch, k=1.0):
    """α = k / √epoch · α₀ for epoch ≥ 1 (α₀ at epoch 0)."""
    return alpha0 if epoch == 0 else k / np.sqrt(epoch) * alpha0


def inverse_sqrt_t_decay(alpha0, t, k=1.0):
    """α = k / √t · α₀, t = the number of updates so far (α₀ before the first)."""
    return alpha0 if t == 0 else k / np.sqrt(t) * alpha0


def staircase_decay(alpha0, epoch, decay_rate=1.0, time_interval=1000):
    """α = α₀ / (1 + decay_rate · ⌊epoch / time_interval⌋): constant for time_interval epochs, then
    a step down."""
    return alpha0 / (1 + decay_rate * np.floor(epoch / time_interval))


_FUNCTIONS = {
    "inverse_time": inverse_time_decay,
    "exponential": exponential_decay,
    "inverse_sqrt": inverse_sqrt_decay,
    "inverse_sqrt_t": inverse_sqrt_t_decay,
    "staircase": staircase_decay,
}


class Schedule:
    """A named schedule with its options; schedule(α₀, epoch, t) gives α for that epoch
    (t for inverse_sqrt_t)."""

    def __init__(self, name, **options):
        self.name, self.options = check_choice(name, SCHEDULES, "schedule"), options
        checks = {
            "decay_rate": lambda v, what: as_number(v, what, low=0),
            "k": lambda v, what: as_number(v, what, low=0, low_open=True),
            "base": lambda v, what: as_number(
                v, what, 0, 1, low_open=True, note=" (the factor per epoch)"
            ),
            "time_interval": lambda v, what: as_count(v, what, 1, note=" (a number of epochs)"),
        }
        for option, value in options.items():
            checks.get(option, as_number)(value, f"schedule {name!r}: {option}")
        try:
            self(1.0, 1, 1)
        except TypeError as error:
            raise TypeError(
                f"schedule {name!r}: {error} — see course_lib.schedules for its options"
            ) from None

    def __call__(self, alpha0, epoch, t=0):
        return float(
            _FUNCTIONS[self.name](
                alpha0, t if self.name == "inverse_sqrt_t" else epoch, **self.options
            )
        )

    def __repr__(self):
        options = "".join(f", {k}={v!r}" for k, v in self.options.items())
        return f"Schedule({self.name!r}{options})"


def as_schedule(schedule):
    """None (constant α), a Schedule, or a name with default options."""
    if schedule is None or isinstance(schedule, Schedule):
        return schedule
    return Schedule(schedule)
