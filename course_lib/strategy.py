"""ML strategy (Course 3, weeks 1–2): choosing a model, decomposing the error, error analysis, label
noise.

Errors are fractions in [0, 1] (0.08 for 8%). The gaps between the levels of the course's table:
avoidable bias = train − human-level (the proxy for Bayes error), variance = train-dev − train
(dev − train when there is no train-dev set), data mismatch = dev − train-dev, degree of overfitting
to the dev set = test − dev.
"""

from typing import NamedTuple

import numpy as np

from course_lib.metrics import as_label_vector
from course_lib.plots import axes_or_new
from course_lib.validation import (
    as_probability,
    as_rng,
    check_kind,
    check_mapping,
    check_trials,
)

# ---- satisficing and optimizing metrics (week 1) -------------------------------------------------


def choose_model(candidates, optimizing, satisficing=None):
    """The candidate with the best `optimizing` value among those meeting every satisficing limit.

    candidates: list of dicts such as {"name": "A", "accuracy": 0.90, "latency_ms": 80}; optimizing:
    a key to maximize, or "-key" to minimize; satisficing: {key: limit} meaning value ≤ limit. Ties
    go to the first candidate in the list. Raises ValueError naming the closest candidate when none
    qualifies."""
    candidates, satisficing = list(candidates), dict(satisficing or {})
    if not candidates:
        raise ValueError("candidates is empty: give a list of dicts, one per model")
    if not isinstance(optimizing, str) or not optimizing.lstrip("-"):
        raise ValueError(
            f'optimizing must be a key such as "accuracy" (maximized) or '
            f'"-latency_ms" (minimized); got {optimizing!r}'
        )
    sign, key = (-1.0, optimizing[1:]) if optimizing.startswith("-") else (1.0, optimizing)
    for i, candidate in enumerate(candidates):
        if not isinstance(candidate, dict):
            raise ValueError(
                f"candidate {i} must be a dict of metric values; got {type(candidate).__name__}"
            )
        missing = [k for k in (key, *satisficing) if k not in candidate]
        if missing:
            raise ValueError(
                f"candidate {candidate.get('name', i)!r} has no {missing}; its keys "
                f"are {list(candidate)}"
            )
    meets = [all(c[k] <= limit for k, limit in satisficing.items()) for c in candidates]
    if not any(meets):

        def excess(c):  # how far over its limits, each relative to the limit
            return sum(
                max(0.0, (c[k] - limit) / (abs(limit) or 1.0)) for k, limit in satisficing.items()
            )

        closest = min(candidates, key=excess)
        over = ", ".join(
            f"{k} = {closest[k]:g} > {limit:g}"
            for k, limit in satisficing.items()
            if closest[k] > limit
        )
        raise ValueError(
            f"no candidate meets {satisficing}; the closest is "
            f"{closest.get('name', closest)!r} with {over} "
            "— relax a limit or find a faster/smaller model"
        )
    best = max(
        (c for c, ok in zip(candidates, meets, strict=True) if ok), key=lambda c: sign * c[key]
    )
    return best


# ---- human-level performance and the error decomposition (weeks 1–2) -----------------------------

LEVELS = ("human", "train", "train_dev", "dev", "test")
GAPS = ("avoidable_bias", "variance", "data_mismatch", "dev_overfitting")
ADVICE = {
    "avoidable_bias": "train a bigger model, train longer or with a better optimization algorithm "
    "(momentum, RMSprop, Adam), "
    "or search for a better architecture / hyperparameters",
    "variance": "get more training data, regularize (L2, dropout, data augmentation), "
    "or search for a better architecture / hyperparameters",
    "data_mismatch": "do error analysis to see how train and dev/test differ, then make the "
    "training data more like "
    "dev/test (artificial data synthesis) or collect more data like dev/test",
    "dev_overfitting": "you have tuned to the dev set: get a bigger dev set",
}
_LABELS = {
    "human": "human-level",
    "train": "train",
    "train_dev": "train-dev",
    "dev": "dev",
    "test": "test",
    "avoidable_bias": "avoidable bias",
    "variance": "variance",
    "data_mismatch": "data mismatch",
    "dev_overfitting": "dev overfitting",
}
GAP_COLORS = {
    "level": "#9aa9bb",
    "largest gap": "tab:red",
    "other gap": "#e6ab02",
    "negative gap": "#1b9e77",
}


class ErrorDecomposition(NamedTuple):
    """The gaps between error levels (None when not computable), where to focus, and the levels
    given."""

    avoidable_bias: float | None
    variance: float | None
    data_mismatch: float | None
    dev_overfitting: float | None
    focus: str
    levels: dict

    def largest_gap(self):
        """The name of the largest positive gap, None when none is positive or train is below
        human-level."""
        gaps = self.gaps()
        if (
            not gaps
            or max(gaps.values()) <= 0
            or (self.avoidable_bias is not None and self.avoidable_bias < 0)
        ):
            return None
        return max(gaps, key=gaps.get)

    def gaps(self):
        """{gap name: value} for the gaps that could be computed."""
        return {name: getattr(self, name) for name in GAPS if getattr(self, name) is not None}

    def __str__(self):
        lines = [f"{_LABELS[name]:>16}: {value:6.1%}" for name, value in self.levels.items()]
        lines += [f"{_LABELS[name]:>16}: {value:+6.1%}" for name, value in self.gaps().items()]
        return "\n".join(lines + [f"focus: {self.focus}"])


def human_level_proxy(levels):
    """(name, error) of the best human-level error in {name: error}: the course's proxy for Bayes
    error."""
    check_mapping(levels, "levels", "{'typical doctor': 0.03, 'team of doctors': 0.005}")
    if not levels:
        raise ValueError("give at least one human-level error, e.g. {'typical doctor': 0.03}")
    for name, value in levels.items():
        _check_level(name, value)
    name = min(levels, key=levels.get)
    return name, levels[name]


def _check_level(name, value):
    try:
        as_probability(value, f"{name} error", allow_zero=True, note=" (a fraction)")
    except ValueError as error:
        if 1 < value <= 100:
            raise ValueError(f"{error} — write {value / 100:g} for {value:g}%") from None
        raise


def decompose_errors(human=None, train=None, train_dev=None, dev=None, test=None, noise=0.02):
    """avoidable bias = train − human, variance = train_dev − train
    (dev − train without a train-dev set), data mismatch = dev − train_dev, dev overfitting = test −
    dev; each None when a level is missing.

    `focus` names the largest gap and the course's remedy. Train below human-level is reported as
    surpassing human-level (avoidable bias < 0). A held-out error of the training distribution
    (train-dev, or dev without one) more than `noise` below the train error is refused: it means the
    levels are swapped or mismeasured. Dev below train-dev is allowed (dev data may be easier)."""
    given = {
        name: value
        for name, value in zip(LEVELS, (human, train, train_dev, dev, test), strict=True)
        if value is not None
    }
    for name, value in given.items():
        _check_level(name, value)
    held_out = "train_dev" if train_dev is not None else "dev"
    if train is not None and held_out in given and given[held_out] < train - noise:
        raise ValueError(
            f"the {_LABELS[held_out]} error {given[held_out]:.1%} is below the train "
            f"error {train:.1%} by more "
            f"than noise = {noise:.0%}: examples held out from the training "
            f"distribution cannot be much "
            f"easier than the ones trained on — are train and {held_out} swapped?"
        )

    def gap(high, low):
        return None if high is None or low is None else round(float(high) - float(low), 12)

    values = {
        "avoidable_bias": gap(train, human),
        "variance": gap(train_dev, train) if train_dev is not None else gap(dev, train),
        "data_mismatch": gap(dev, train_dev),
        "dev_overfitting": gap(test, dev),
    }
    computed = {name: value for name, value in values.items() if value is not None}
    if not computed:
        raise ValueError(
            f"no gap can be computed from {given or 'nothing'}: give two neighbouring "
            f"levels of "
            "human, train, train_dev, dev, test (e.g. human and train for the "
            "avoidable bias)"
        )
    name = max(computed, key=computed.get)  # the first of equal gaps, in the table's order
    if values["avoidable_bias"] is not None and values["avoidable_bias"] < 0:
        rest = ", ".join(
            f"{_LABELS[n]} {v:+.1%}" for n, v in computed.items() if n != "avoidable_bias"
        )
        focus = (
            f"surpassing human-level: train error {train:.1%} is below human-level "
            f"{human:.1%}, so human-level no longer "
            "estimates Bayes error, the avoidable bias is unknown, and these numbers cannot "
            "tell whether to reduce "
            "bias or variance" + (f" ({rest})" if rest else "")
        )
    elif computed[name] <= 0:
        focus = "no gap is positive: nothing to reduce"
    else:
        focus = f"{_LABELS[name]} ({computed[name]:.1%}) is the largest gap: {ADVICE[name]}"
    return ErrorDecomposition(**values, focus=focus, levels=given)


def plot_error_decomposition(decomposition, ax=None, title=None):
    """Bars for the error levels and, between neighbouring bars, the gap as a floating bar: the
    largest positive gap in red (where to focus), other positive gaps in orange, gaps ≤ 0 in green;
    a legend says so."""
    check_kind(decomposition, ErrorDecomposition, "decomposition", "an ErrorDecomposition")
    from matplotlib.patches import Patch

    ax = axes_or_new(ax, figsize=(5.6, 3.2))
    levels, gaps = decomposition.levels, decomposition.gaps()
    largest = max(gaps, key=gaps.get) if gaps and max(gaps.values()) > 0 else None
    between = {
        "avoidable_bias": ("human", "train"),
        "variance": ("train", "train_dev" if "train_dev" in levels else "dev"),
        "data_mismatch": ("train_dev", "dev"),
        "dev_overfitting": ("dev", "test"),
    }
    positions, x = {}, 0.0
    for name in LEVELS:
        if name in levels:
            positions[name] = x
            x += 2.6
    top = max(max(levels.values()), 0.01)  # all-zero levels still get a visible scale
    for name, value in levels.items():
        ax.bar(positions[name], value, width=0.9, color=GAP_COLORS["level"])
        ax.text(
            positions[name],
            value + top * 0.02,
            f"{value:.1%}",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    used = {"level"}
    for name, value in gaps.items():
        low, high = between[name]
        xg = (positions[low] + positions[high]) / 2
        start, end = levels[low], levels[high]
        kind = "largest gap" if name == largest else "other gap" if value > 0 else "negative gap"
        used.add(kind)
        ax.bar(xg, end - start, bottom=start, width=0.45, color=GAP_COLORS[kind])
        ax.text(
            xg,
            max(start, end) + top * 0.02,
            f"{_LABELS[name]}\n{value:+.1%}",
            ha="center",
            va="bottom",
            fontsize=8,
            color=GAP_COLORS[kind],
        )
    ax.set_xticks(list(positions.values()), [_LABELS[name] for name in positions], fontsize=8)
    ax.set_ylim(0, top * 1.6)
    ax.yaxis.set_major_formatter(lambda value, _: f"{100 * value:.3g}%")  # 2.5%, not a rounded 2%
    ax.set_xlabel("error level (gaps between neighbouring bars)")
    ax.set_ylabel("error")
    legend = {
        "level": "error level",
        "largest gap": "largest gap (focus here)",
        "other gap": "other gap",
        "negative gap": "gap ≤ 0",
    }
    ax.legend(
        handles=[
            Patch(color=GAP_COLORS[kind], label=label)
            for kind, label in legend.items()
            if kind in used
        ],
        fontsize=8,
        loc="upper left",
        ncols=2,
        frameon=False,
    )
    if title:
        ax.set_title(title, fontsize=9)
    return ax


# ---- error analysis (week 2) ---------------------------------------------------------------------


class ErrorCategory(NamedTuple):
    """One row of the error-analysis spreadsheet: percent of the misclassified examples (0–100); the
    lecture's ceiling, the most the error can drop by fixing this category, error · share; and
    error_if_fixed, the error left if every example of this category were fixed, error ·
    (1 − share). Both None without an error."""

    category: str
    count: int
    percent: float
    ceiling: float | None
    error_if_fixed: float | None


class ErrorAnalysisTable(list):
    """A list of ErrorCategory rows (most frequent first) that also knows the number of examples and
    the error."""

    def __init__(self, rows, total, error):
        super().__init__(rows)
        self.total, self.error = total, error


class _Text(str):
    """A string that shows as itself (not its repr) as the last value of a notebook cell."""

    def __repr__(self):
        return str(self)


def error_analysis_table(tags, error=None):
    """The spreadsheet: one row per category with its count, % of the misclassified examples,
    ceiling and error if fixed.

    tags: one entry per misclassified (or mislabeled) dev example, a set/list of category names (an
    example may have several, so the percents may add up to more than 100). With share =
    count/total: ceiling = error · share (the most fixing the category can gain), error_if_fixed =
    error · (1 − share)."""
    tags = [[entry] if isinstance(entry, str) else list(entry) for entry in tags]
    if not tags:
        raise ValueError("tags is empty: give one set of categories per misclassified example")
    if error is not None:
        _check_level("error", error)
    total = len(tags)
    counts = {}
    for entry in tags:
        for category in dict.fromkeys(entry):  # an example counts once per category
            counts[category] = counts.get(category, 0) + 1
    order = sorted(counts, key=lambda c: -counts[c])  # stable: ties keep their first appearance
    rows = []
    for category in order:
        share = counts[category] / total
        rows.append(
            ErrorCategory(
                category,
                counts[category],
                100 * share,
                None if error is None else error * share,
                None if error is None else error * (1 - share),
            )
        )
    return ErrorAnalysisTable(rows, total, error)


def format_error_analysis(rows):
    """The table as text: category, count, % of the examined examples, when the error is known the
    ceiling (the most the error can drop, error · share) and the error if fixed
    (error · (1 − share)), and the totals."""
    check_trials(rows, ErrorCategory, "rows", "ErrorCategory (what error_analysis returns)")
    width = max([len("category"), *(len(str(row.category)) for row in rows)])
    with_ceiling = any(row.ceiling is not None for row in rows)
    head = f"{'category':<{width}}  {'count':>5}  {'% of errors':>11}" + (
        "  ceiling (gain)  error if fixed" if with_ceiling else ""
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        line = f"{row.category!s:<{width}}  {row.count:>5}  {row.percent:>10.1f}%"
        if with_ceiling and row.ceiling is not None:
            line += f"  {row.ceiling:>14.2%}  {row.error_if_fixed:>14.2%}"
        lines.append(line)
    if isinstance(rows, ErrorAnalysisTable):
        lines.append(
            f"{rows.total} examples looked at"
            + ("" if rows.error is None else f"; overall error {rows.error:.2%}")
        )
    return _Text("\n".join(lines))


# ---- label noise (week 2) ------------------------------------------------------------------------


def corrupt_labels(y, fraction, rng, mapping=None, classes=None, return_changed=False):
    """A copy of the labels y (m,) or (1, m) with noise; y itself is not changed.

    Random noise (mapping None): exactly round(fraction · m) examples, chosen at random, get a
    random *other* class from `classes` (default: the labels in y). Systematic noise
    (mapping {from: to}): exactly round(fraction · m_from) of the examples of class `from` become
    `to`. Exact counts, not a binomial draw, so the noise level is the one asked for. With
    return_changed, also the boolean mask."""
    as_probability(fraction, "fraction", allow_zero=True, note=" (0.1 for 10% of the labels)")
    rng = as_rng(rng)
    shape = np.shape(y)
    labels = as_label_vector(y, "y")
    # "bird" must not become "bir"
    noisy = labels.astype(object) if labels.dtype.kind in "US" else labels.copy()
    changed = np.zeros(labels.size, dtype=bool)
    if mapping is None:
        classes = np.unique(labels) if classes is None else np.asarray(classes)
        if classes.size < 2:
            raise ValueError(
                f"random label noise needs at least two classes; got {classes.tolist()}"
            )
        chosen = rng.choice(labels.size, size=int(round(fraction * labels.size)), replace=False)
        for i in chosen:
            others = classes[classes != labels[i]]
            noisy[i] = others[rng.integers(others.size)]
        changed[chosen] = True
    else:
        if not mapping:
            raise ValueError("mapping is empty: give {from_class: to_class, …}")
        for source, target in mapping.items():
            if source == target:
                raise ValueError(f"mapping {source!r} → {target!r} changes nothing")
            members = np.flatnonzero(labels == source)
            if members.size == 0:
                raise ValueError(
                    f"no label equals {source!r}; the labels are {np.unique(labels).tolist()}"
                )
            chosen = rng.choice(members, size=int(round(fraction * members.size)), replace=False)
            noisy[chosen] = target
            changed[chosen] = True
    noisy = (
        np.array(noisy.tolist()).reshape(shape) if noisy.dtype == object else noisy.reshape(shape)
    )
    return (noisy, changed.reshape(shape)) if return_changed else noisy
