"""course_lib.search: sampling scales, grid and random search, coarse to fine, the results table,
bad spaces."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.search import (
    Choice,
    LogUniform,
    OneMinusLogUniform,
    Trial,
    Uniform,
    grid,
    grid_search,
    random_search,
    results_table,
    run_search,
    sample_space,
    zoom,
)

# A count of n = 4000 draws with probability p = 1/4 has standard deviation √(n p (1 − p)) ≈ 27;
# ±150 is 5.5 of
# them (a miss has probability < 1e−7 per decade), so the bounds hold for any seed, and for these
# seeds they are
# deterministic (largest deviation measured: 41).
N, SLACK = 4000, 150


@pytest.mark.parametrize("seed", range(3))
def test_log_uniform_puts_a_quarter_of_the_samples_in_each_decade(seed):
    alphas = LogUniform(1e-4, 1).sample(np.random.default_rng(seed), N)
    assert alphas.shape == (N,) and alphas.min() >= 1e-4 and alphas.max() <= 1
    counts, _ = np.histogram(np.log10(alphas), bins=[-4, -3, -2, -1, 0])
    assert np.all(np.abs(counts - N / 4) < SLACK), counts
    # a plain uniform on [1e-4, 1] instead spends ~90% of its samples in the last decade
    plain = Uniform(1e-4, 1).sample(np.random.default_rng(seed), N)
    assert np.mean(plain >= 0.1) > 0.85 and np.mean(plain < 1e-3) < 0.01


@pytest.mark.parametrize("seed", range(3))
def test_one_minus_log_uniform_spends_half_on_the_last_decade_of_beta(seed):
    betas = OneMinusLogUniform(0.9, 0.999).sample(np.random.default_rng(seed), N)
    assert betas.min() >= 0.9 and betas.max() <= 0.999
    # sd √(N/4) ≈ 32; ±173
    assert abs(np.sum((betas >= 0.99) & (betas <= 0.999)) - N / 2) < 2 * SLACK / np.sqrt(3)
    counts, _ = np.histogram(np.log10(1 - betas), bins=[-3, -2.5, -2, -1.5, -1])
    assert np.all(np.abs(counts - N / 4) < SLACK), counts


@settings(max_examples=40, deadline=None)
@given(st.floats(-8, 2), st.floats(0.1, 6), st.integers(0, 2**32 - 1))
def test_samples_stay_in_their_range(log_low, decades, seed):
    low, high = 10.0**log_low, 10.0 ** (log_low + decades)
    rng = np.random.default_rng(seed)
    x = LogUniform(low, high).sample(rng, 50)
    assert np.all((x >= low * (1 - 1e-12)) & (x <= high * (1 + 1e-12)))
    u = Uniform(-low, high).sample(rng, 50)
    assert np.all((u >= -low) & (u <= high))
    b_low = 1 - 10.0 ** -min(decades, 5)
    betas = OneMinusLogUniform(0.0, b_low).sample(rng, 50)
    assert np.all((betas >= -1e-12) & (betas <= b_low + 1e-12))


def test_choice_samples_every_option_and_nothing_else():
    picks = Choice(("relu", "tanh", "sigmoid")).sample(np.random.default_rng(0), 300)
    assert set(picks) == {"relu", "tanh", "sigmoid"}
    assert all(picks.count(o) > 60 for o in ("relu", "tanh", "sigmoid"))


def test_sample_space_gives_plain_python_values_and_is_seeded():
    space = {
        "learning_rate": LogUniform(1e-4, 1),
        "beta": OneMinusLogUniform(0.9, 0.999),
        "hidden": Choice(("relu", "tanh")),
        "layers": Choice((1, 2, 3)),
        "keep_prob": Uniform(0.5, 1.0),
    }
    settings_ = sample_space(space, 6, rng=0)
    assert len(settings_) == 6 and all(list(s) == list(space) for s in settings_)
    for s in settings_:
        assert type(s["learning_rate"]) is float and 1e-4 <= s["learning_rate"] <= 1
        assert type(s["beta"]) is float and 0.9 <= s["beta"] <= 0.999
        assert s["hidden"] in ("relu", "tanh") and type(s["layers"]) is int
        assert 0.5 <= s["keep_prob"] <= 1.0
    assert sample_space(space, 6, np.random.default_rng(0)) == settings_
    assert sample_space(space, 6, rng=1) != settings_
    assert sample_space(space, 0, rng=0) == []


# ---- grid, run_search, grid_search, random_search ------------------------------------------------


def test_grid_has_every_combination():
    values = {
        "learning_rate": [0.1, 0.01, 0.001],
        "hidden": ["relu", "tanh"],
        "lambd": [0.0, 0.1, 1.0, 10.0],
    }
    settings_ = grid(values)
    assert len(settings_) == 3 * 2 * 4
    assert len({tuple(s.values()) for s in settings_}) == 24
    assert settings_[0] == {"learning_rate": 0.1, "hidden": "relu", "lambd": 0.0}
    assert settings_[-1] == {"learning_rate": 0.001, "hidden": "tanh", "lambd": 10.0}
    assert grid({"a": [1, 2]}) == [{"a": 1}, {"a": 2}]
    assert grid({"a": [1, 2], "b": []}) == []


def dev_score(learning_rate, beta=0.9, hidden="relu"):
    """A made-up dev accuracy, best at α = 10^−2.5 and β = 0.99, a little better with tanh."""
    return (
        0.9
        - 0.05 * (np.log10(learning_rate) + 2.5) ** 2
        - 2 * (beta - 0.99) ** 2
        + 0.01 * (hidden == "tanh")
    )


def test_run_search_sorts_best_first_and_keeps_the_settings():
    settings_ = [{"learning_rate": a} for a in (1.0, 1e-3, 3e-3, 1e-4, 0.3)]
    trials = run_search(dev_score, settings_)
    assert [t.settings["learning_rate"] for t in trials] == [3e-3, 1e-3, 1e-4, 0.3, 1.0]
    scores = [t.score for t in trials]
    assert scores == sorted(scores, reverse=True) and all(type(s) is float for s in scores)
    assert all(isinstance(t, Trial) for t in trials)
    assert trials[0].score == pytest.approx(dev_score(3e-3))
    assert settings_[0] == {"learning_rate": 1.0}  # the given settings are not changed
    trials[0].settings["learning_rate"] = 5.0
    assert settings_[2] == {"learning_rate": 3e-3}  # and each Trial holds its own copy


def test_grid_search_and_random_search():
    calls = []

    def evaluate(**kwargs):
        calls.append(kwargs)
        return dev_score(**kwargs)

    trials = grid_search(
        evaluate, {"learning_rate": [1e-4, 3e-3, 1e-2, 0.3], "hidden": ["relu", "tanh"]}
    )
    assert len(trials) == len(calls) == 8
    assert trials[0].settings == {"learning_rate": 3e-3, "hidden": "tanh"}
    assert trials[1].settings == {"learning_rate": 3e-3, "hidden": "relu"}
    assert trials[-1].settings == {"learning_rate": 0.3, "hidden": "relu"}
    calls.clear()
    space = {"learning_rate": LogUniform(1e-4, 1), "beta": OneMinusLogUniform(0.9, 0.999)}
    trials = random_search(evaluate, space, 25, rng=3)
    assert len(trials) == len(calls) == 25
    assert [t.score for t in trials] == sorted((t.score for t in trials), reverse=True)
    assert random_search(dev_score, space, 25, rng=3) == trials  # seeded
    # random search tries 25 distinct values of each hyperparameter where a 5 × 5 grid tries only 5
    assert len({t.settings["learning_rate"] for t in trials}) == 25


def test_zoom_narrows_to_the_best_trials():
    space = {
        "learning_rate": LogUniform(1e-4, 1),
        "beta": OneMinusLogUniform(0.9, 0.999),
        "keep_prob": Uniform(0.5, 1.0),
        "hidden": Choice(("relu", "tanh", "sigmoid")),
    }
    trials = random_search(
        lambda **s: dev_score(s["learning_rate"], s["beta"], s["hidden"]), space, 60, rng=0
    )
    fine = zoom(space, trials, top=5)
    assert isinstance(fine["learning_rate"], LogUniform) and isinstance(
        fine["beta"], OneMinusLogUniform
    )
    assert isinstance(fine["keep_prob"], Uniform) and isinstance(fine["hidden"], Choice)
    best = trials[:5]
    for name in ("learning_rate", "beta", "keep_prob"):
        values = [t.settings[name] for t in best]
        assert (fine[name].low, fine[name].high) == (min(values), max(values))
        assert space[name].low <= fine[name].low <= fine[name].high <= space[name].high
    assert set(fine["hidden"].options) == {t.settings["hidden"] for t in best}
    assert list(fine["hidden"].options) == [
        o for o in space["hidden"].options if o in fine["hidden"].options
    ]  # order kept
    # the best α lie near 10^−2.5: the fine range spans far fewer decades than the coarse four
    assert np.log10(fine["learning_rate"].high / fine["learning_rate"].low) < 2
    assert fine["learning_rate"].low < 10**-2.5 < fine["learning_rate"].high
    # and sampling the fine space stays inside it
    for s in sample_space(fine, 50, rng=1):
        assert fine["learning_rate"].low <= s["learning_rate"] <= fine["learning_rate"].high
        assert s["hidden"] in fine["hidden"].options
    assert zoom(space, trials, top=1)["learning_rate"].low == trials[0].settings["learning_rate"]


def test_results_table_prints_ranks_best_first():
    trials = run_search(
        dev_score,
        [{"learning_rate": a, "hidden": h} for a in (1e-4, 3e-3, 0.5) for h in ("relu", "tanh")],
    )
    table = results_table(trials, top=4)
    lines = table.splitlines()
    assert len(lines) == 5
    assert lines[0].split() == ["rank", "learning_rate", "hidden", "dev", "accuracy"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2", "3", "4"]
    assert lines[1].split() == ["1", "0.003", "tanh", f"{trials[0].score:.4f}"]
    assert lines[2].split()[1:3] == ["0.003", "relu"]
    # top=10 > 6 trials
    assert "0.0001" in results_table(trials) and len(results_table(trials).splitlines()) == 7
    assert results_table(trials, score_name="F1").splitlines()[0].split()[-1] == "F1"
    assert results_table([]) == "(no trials)"


# ---- bad spaces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("low", "high"), [(0, 1), (-1e-3, 1), (1, 1e-4)])
def test_log_uniform_needs_positive_increasing_bounds(low, high):
    with pytest.raises(
        ValueError, match=rf"a log scale needs 0 < low ≤ high; got \[{low}, " rf"{high}\]"
    ):
        LogUniform(low, high).sample(np.random.default_rng(0), 3)
    with pytest.raises(ValueError, match="a log scale needs 0 < low ≤ high"):
        sample_space({"learning_rate": LogUniform(low, high)}, 3, rng=0)


@pytest.mark.parametrize(("low", "high"), [(0.9, 1.0), (-0.1, 0.9), (0.99, 0.9)])
def test_one_minus_log_uniform_needs_betas_below_one(low, high):
    with pytest.raises(
        ValueError, match=rf"β must satisfy 0 ≤ low ≤ high < 1; got \[{low}, " rf"{high}\]"
    ):
        OneMinusLogUniform(low, high).sample(np.random.default_rng(0), 3)


@pytest.mark.parametrize("entry", [[0.1, 0.01, 0.001], (1e-4, 1), 0.01, "log", None])
def test_a_space_entry_that_is_not_a_range_is_refused(entry):
    phrase = (
        r"learning_rate: give a range such as LogUniform\(1e-4, 1\), Uniform\(0, 1\) or "
        r"Choice\(\(…\)\); got"
    )
    with pytest.raises(TypeError, match=phrase):
        sample_space({"beta": Uniform(0.8, 0.9), "learning_rate": entry}, 5, rng=0)
    with pytest.raises(TypeError, match=phrase):
        random_search(dev_score, {"learning_rate": entry}, 5, rng=0)


def test_a_zoom_onto_one_trial_still_samples():
    space = {
        "learning_rate": LogUniform(1e-4, 1),
        "beta": OneMinusLogUniform(0.9, 0.999),
        "x": Uniform(0, 1),
    }
    trials = random_search(
        lambda learning_rate, beta, x: -abs(learning_rate - 0.01), space, 10, rng=0
    )
    narrow = zoom(space, trials, top=1)
    samples = sample_space(narrow, 3, rng=1)
    assert all(s == {name: trials[0].settings[name] for name in space} for s in samples)


def test_a_nan_score_ranks_last():
    trials = run_search(lambda x: np.nan if x == 2 else x, [{"x": 1}, {"x": 2}, {"x": 3}])
    assert [trial.settings["x"] for trial in trials] == [3, 1, 2]


def test_grid_needs_a_list_per_hyperparameter():
    with pytest.raises(
        TypeError,
        match=r"grid: give a list of values for each hyperparameter, "
        r"e.g. \{'a': \[0.1, 0.01\]\}",
    ):
        grid({"a": 0.1})
