"""Hyperparameter search (Course 2, week 3): grid and random search, log-scale sampling, coarse to
fine.

A search space maps each hyperparameter's name to a range: LogUniform(1e-4, 1) samples α = 10^r with
r uniform in [−4, 0]; OneMinusLogUniform(0.9, 0.999) samples β = 1 − 10^r with r uniform in
[−3, −1]; Uniform and Choice are the plain cases. `evaluate(**hyperparameters)` returns the dev
score (higher is better).
"""

import itertools
from typing import NamedTuple

import numpy as np

from course_lib.validation import as_count, as_rng, check_mapping, check_trials


class Uniform(NamedTuple):
    """x uniform in [low, high]."""

    low: float
    high: float

    def sample(self, rng, n):
        return rng.uniform(self.low, self.high, n)

    def around(self, values):
        """The smallest range holding `values` (for coarse to fine)."""
        return Uniform(float(np.min(values)), float(np.max(values)))


class LogUniform(NamedTuple):
    """x = 10^r with r uniform in [log10 low, log10 high]: as many samples in [0.0001, 0.001] as in
    [0.1, 1]."""

    low: float
    high: float

    def sample(self, rng, n):
        if not 0 < self.low <= self.high:
            raise ValueError(f"a log scale needs 0 < low ≤ high; got [{self.low}, {self.high}]")
        return 10.0 ** rng.uniform(np.log10(self.low), np.log10(self.high), n)

    def around(self, values):
        return LogUniform(float(np.min(values)), float(np.max(values)))


class OneMinusLogUniform(NamedTuple):
    """β = 1 − 10^r, with 1 − β log-uniform: β in [0.9, 0.999] spends as many samples on 0.99…0.999
    as on 0.9…0.99."""

    low: float
    high: float

    def sample(self, rng, n):
        if not 0 <= self.low <= self.high < 1:
            raise ValueError(f"β must satisfy 0 ≤ low ≤ high < 1; got [{self.low}, {self.high}]")
        return 1 - LogUniform(1 - self.high, 1 - self.low).sample(rng, n)

    def around(self, values):
        return OneMinusLogUniform(float(np.min(values)), float(np.max(values)))


class Choice(NamedTuple):
    """One of a few options, equally likely."""

    options: tuple

    def sample(self, rng, n):
        return [self.options[i] for i in rng.integers(0, len(self.options), n)]

    def around(self, values):
        return Choice(tuple(option for option in self.options if option in list(values)))


def _check_space(space):
    check_mapping(space, "space", "{'learning_rate': LogUniform(1e-4, 1)}")
    for name, distribution in space.items():
        if not hasattr(distribution, "sample"):
            raise TypeError(
                f"{name}: give a range such as LogUniform(1e-4, 1), Uniform(0, 1) or "
                f"Choice((…)); "
                f"got {distribution!r}"
            )


def sample_space(space, n, rng=None):
    """n random settings [{name: value}, …], each hyperparameter drawn independently from its
    range."""
    _check_space(space)
    n = as_count(n, "n")
    rng = as_rng(rng)
    columns = {name: distribution.sample(rng, n) for name, distribution in space.items()}
    return [{name: _plain(columns[name][i]) for name in space} for i in range(n)]


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def grid(values):
    """Every combination of the given values {name: [v1, v2, …]}, as [{name: value}, …]."""
    check_mapping(values, "values", "{'learning_rate': [0.1, 0.01]}")
    for name, options in values.items():
        if isinstance(options, (str, bytes)) or not hasattr(options, "__iter__"):
            raise TypeError(
                f"grid: give a list of values for each hyperparameter, e.g. "
                f"{{{name!r}: [0.1, 0.01]}}; "
                f"got {options!r}"
            )
    names = list(values)
    return [
        dict(zip(names, combination, strict=True))
        for combination in itertools.product(*values.values())
    ]


class Trial(NamedTuple):
    """One evaluated setting and its dev score."""

    settings: dict
    score: float


def run_search(evaluate, settings):
    """evaluate(**s) for each setting; returns the Trials sorted best first
    (highest score; NaN last)."""
    trials = [Trial(dict(s), float(evaluate(**s))) for s in settings]
    return sorted(
        trials, key=lambda trial: -np.inf if np.isnan(trial.score) else trial.score, reverse=True
    )


def grid_search(evaluate, values):
    """run_search over every combination of `values` {name: [v1, …]}."""
    return run_search(evaluate, grid(values))


def random_search(evaluate, space, n_trials, rng=None):
    """run_search over n_trials settings sampled from `space` {name: range}."""
    return run_search(evaluate, sample_space(space, n_trials, rng))


def zoom(space, trials, top=5):
    """Coarse to fine: a narrower space that just holds the `top` best trials' values of each
    hyperparameter."""
    _check_space(space)
    check_trials(trials, Trial, "trials", "Trial (what run_search returns)")
    best = trials[:top]
    return {
        name: distribution.around([trial.settings[name] for trial in best])
        for name, distribution in space.items()
    }


def results_table(trials, top=10, score_name="dev accuracy"):
    """The `top` trials as a text table, best first."""
    check_trials(trials, Trial, "trials", "Trial (what run_search returns)")
    if not trials:
        return "(no trials)"
    names = list(trials[0].settings)
    header = f"{'rank':>4}  " + "  ".join(f"{name:>12}" for name in names) + f"  {score_name:>13}"
    rows = [
        f"{rank:>4}  "
        + "  ".join(f"{_format(trial.settings[name]):>12}" for name in names)
        + f"  {trial.score:>13.4f}"
        for rank, trial in enumerate(trials[:top], start=1)
    ]
    return "\n".join([header, *rows])


def _format(value):
    return f"{value:.4g}" if isinstance(value, float) else str(value)
