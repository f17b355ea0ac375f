"""The registry of the checks' tests: for every check in course_lib.checks, a right solution and the
wrong ones a learner plausibly writes, each with the phrase(s) its CheckFailed message must contain.

    CASES = {check: (right_solution, [(wrong_solution, phrases), …]), …}

The entries live beside their solutions in one module per notebook (cases_c1w2.py, …,
cases_playground.py, the names of course_lib.checks' modules); CASES here merges them in the
notebooks' order.

phrases is a string or a tuple of strings. test_registry.py turns every entry into tests; a new
check needs an entry here (with at least two wrong solutions) or test_registry fails.
`python tests/checks/registry.py` prints the coverage tables as markdown: per notebook (exercises,
registry entries, wrong solutions) and per check (module, wrong solutions, phrases).
"""

import json
from pathlib import Path

import cases_c1w2
import cases_c1w3
import cases_c1w4
import cases_c2w1a
import cases_c2w1b
import cases_c2w2
import cases_c2w3
import cases_c3w1
import cases_c3w2
import cases_c4w1
import cases_c4w2a
import cases_c4w2b
import cases_playground
import pytest

from course_lib.checks import CheckFailed

MIN_WRONG = 2


def fails_with(check, fn, *phrases):
    """Run check(fn), require CheckFailed, assert each phrase is in its message; return it."""
    with pytest.raises(CheckFailed) as info:
        check(fn)
    message = str(info.value)
    assert message.startswith("✗")
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in:\n{message}"
    assert isinstance(info.value, AssertionError)
    return message


def not_written(*args):
    raise NotImplementedError


CASES = {
    **cases_c1w2.CASES,
    **cases_c1w3.CASES,
    **cases_c1w4.CASES,
    **cases_c2w1a.CASES,
    **cases_c2w1b.CASES,
    **cases_c2w2.CASES,
    **cases_c2w3.CASES,
    **cases_c3w1.CASES,
    **cases_c3w2.CASES,
    **cases_c4w1.CASES,
    **cases_c4w2a.CASES,
    **cases_c4w2b.CASES,
    **cases_playground.CASES,
}


def phrases_of(phrases):
    """A registry entry's phrases as a tuple (one phrase may be given as a plain string)."""
    return (phrases,) if isinstance(phrases, str) else tuple(phrases)


def coverage_table():
    """The registry as a markdown table: check · module · wrong solutions · their phrases."""
    rows = ["| check | module | wrong solutions | phrases |", "|---|---|---|---|"]
    for check, (_, wrong) in CASES.items():
        phrases = "; ".join(
            " + ".join(f"`{p}`" for p in phrases_of(phrases)) for _, phrases in wrong
        )
        module = check.__module__.removeprefix("course_lib.checks.")
        phrases = phrases.replace("|", "¦")  # a | inside a cell would end it
        rows.append(f"| {check.__name__} | {module} | {len(wrong)} | {phrases} |")
    return "\n".join(rows)


def notebook_table(notebooks=None):
    """Per notebook, as a markdown table: its exercises (the functions of its cells tagged
    `exercise`), how many of them have a check in the registry, and the wrong solutions those checks
    are tested against; a last row with the totals."""
    from course_lib.workbook import exercises

    folder = Path(__file__).resolve().parents[2] / "notebooks"
    paths = notebooks or sorted(folder.glob("*.ipynb"))
    wrong_of = {check.__name__: len(wrong) for check, (_, wrong) in CASES.items()}
    rows = [
        "| notebook | exercises | with a registry entry | wrong solutions |",
        "|---|---|---|---|",
    ]
    totals = [0, 0, 0]
    for path in paths:
        pairs = exercises(json.loads(Path(path).read_text(encoding="utf-8")))
        if not pairs:
            continue
        counts = [
            len(pairs),
            sum(check in wrong_of for check, _ in pairs),
            sum(wrong_of.get(check, 0) for check, _ in pairs),
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(f"| {Path(path).stem} | " + " | ".join(map(str, counts)) + " |")
    rows.append("| **all** | " + " | ".join(f"**{n}**" for n in totals) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(notebook_table(), coverage_table(), sep="\n\n")
