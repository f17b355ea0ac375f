"""Every check in course_lib.checks, from the registry: its right solution passes, each wrong one
fails with its phrases, and no check is left without an entry."""

import inspect
import pkgutil
from pathlib import Path

import numpy as np
import pytest
from registry import CASES, MIN_WRONG, coverage_table, fails_with, notebook_table, phrases_of

from course_lib import checks


def learner_name(check):
    """check_sigmoid → sigmoid: the name the check's messages use."""
    return check.__name__.removeprefix("check_")


RIGHT = [pytest.param(check, right, id=check.__name__) for check, (right, _) in CASES.items()]
WRONG = [
    pytest.param(check, wrong, phrases_of(phrases), id=f"{check.__name__}-{index}")
    for check, (_, wrongs) in CASES.items()
    for index, (wrong, phrases) in enumerate(wrongs)
]


@pytest.mark.parametrize(("check", "right"), RIGHT)
def test_the_right_solution_passes(check, right, capsys):
    check(right)
    out = capsys.readouterr().out
    assert out.startswith(f"✓ {learner_name(check)} passes all ") and out.endswith(" cases\n")


@pytest.mark.parametrize(("check", "wrong", "phrases"), WRONG)
def test_a_wrong_solution_fails_with_its_phrases(check, wrong, phrases):
    with np.errstate(
        all="ignore"
    ):  # a wrong solution may divide by zero: its message is what counts
        message = fails_with(check, wrong, *phrases)
    assert message.startswith(f"✗ {learner_name(check)} ")


def package_checks():
    """{name: function} for every check_* defined in a module of course_lib.checks."""
    found = {}
    for module_info in pkgutil.iter_modules(checks.__path__, f"{checks.__name__}."):
        module = __import__(module_info.name, fromlist=["_"])
        found |= {
            name: fn
            for name, fn in inspect.getmembers(module, inspect.isfunction)
            if name.startswith("check_") and fn.__module__ == module.__name__
        }
    return found


def test_every_check_is_exported_and_has_a_registry_entry():
    defined = package_checks()
    public = [name for name in checks.__all__ if name.startswith("check_")]
    assert sorted(public) == sorted(defined), (
        "course_lib.checks.__all__ must list every check_* of the package"
    )
    assert all(getattr(checks, name) is fn for name, fn in defined.items())
    missing = sorted(set(defined) - {check.__name__ for check in CASES})
    assert not missing, f"no entry in tests/checks/registry.py for {missing}"
    few = sorted(check.__name__ for check, (_, wrong) in CASES.items() if len(wrong) < MIN_WRONG)
    assert not few, f"fewer than {MIN_WRONG} wrong solutions in the registry for {few}"


def test_the_coverage_table_has_a_row_per_check():
    table = coverage_table().splitlines()
    assert table[0] == "| check | module | wrong solutions | phrases |"
    assert len(table) == 2 + len(CASES)
    assert "| check_sigmoid | c1w2 | 2 | `sign of z is flipped` + `z = [-1, 0, 2]`; " in table[2]


def test_the_notebook_table_counts_every_exercise_and_its_registry_entry():
    rows = notebook_table().splitlines()
    assert rows[0] == "| notebook | exercises | with a registry entry | wrong solutions |"
    cells = [row.strip("|").split(" | ") for row in rows[2:-1]]
    assert all(exercises == entries for _, exercises, entries, _ in cells)  # none without an entry
    total = sum(int(exercises) for _, exercises, _, _ in cells)
    assert rows[-1].startswith(f"| **all** | **{total}** | **{total}** | ")
    assert "| c1w2_logistic_regression | " in rows[2]


def test_the_readme_shows_the_current_notebook_table():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert notebook_table() in readme, "paste tests/checks/registry.py's first table in README.md"
