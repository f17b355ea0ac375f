"""`make course` (tools/export_course.py): the nbgrader course directory gets the exercises as
answer cells and the checks as graded cells, in the export only, and never overwrites a file; and,
with nbgrader itself (.venv-instructor, `make course-env`; tools/validate_course.py), the source
versions pass every graded cell and the released ones fail every graded cell."""

import copy
import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from tool_loader import load_tool

from course_lib.workbook import check_cells, exercises, is_exercise

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
INSTRUCTOR_PYTHON = ROOT / ".venv-instructor" / "bin" / "python"
# make test validates these assignments both ways (the whole course: `make course-check`, which
# sets COURSE_CHECK=all); see the README's instructor section for the times.
CI_ASSIGNMENTS = ["c1w2", "c2w3c", "c2w3d", "c3w1"]


@pytest.fixture(scope="module")
def export():
    return load_tool("export_course")


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader")


def cell(cell_type, text, tags=()):
    made = {"cell_type": cell_type, "metadata": {"tags": list(tags)}, "source": text}
    if cell_type == "code":
        made.update(outputs=[], execution_count=None)
    return made


def quoting_markdown():
    """00_start_here's markdown cell that quotes both solution markers on one line."""
    for candidate in load(ROOT / "notebooks" / "00_start_here.ipynb")["cells"]:
        text = source(candidate)
        if candidate["cell_type"] == "markdown" and "# BEGIN SOLUTION` and `# END" in text:
            return text
    raise AssertionError("00_start_here no longer quotes the markers: update this test")


def synthetic_notebook(markdown=None):
    """An exercise, its check, 00_start_here's demonstration of a failing check inside try/except,
    and a markdown cell (default: 00_start_here's line quoting the markers)."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "cells": [
            cell("markdown", quoting_markdown() if markdown is None else markdown),
            cell("code", "import numpy as np\n\nfrom course_lib import checks"),
            cell(
                "code",
                "def sigmoid(z):\n    # BEGIN SOLUTION\n    return 1 / (1 + np.exp(-z))\n"
                "    # END SOLUTION",
                tags=["exercise"],
            ),
            cell("code", "checks.check_sigmoid(sigmoid)\nprint(sigmoid(0.0))"),
            cell(
                "code",
                "def wrong_sigmoid(z):\n    return 1 / (1 + np.exp(z))\n\n\ntry:\n"
                "    checks.check_sigmoid(wrong_sigmoid)\nexcept checks.CheckFailed as failure:\n"
                "    print(failure)",
            ),
        ],
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_exercises_become_answer_cells_and_checks_graded_cells(export, path):
    notebook = load(path)
    course = export.course_notebook(notebook, path.name)
    if not exercises(notebook):
        assert course is None, "a notebook without exercises is not an assignment"
        return
    tests = dict(check_cells(notebook))
    grade_ids = []
    for index, (before, after) in enumerate(zip(notebook["cells"], course["cells"], strict=True)):
        meta = nbgrader(after)
        assert after.get("id"), f"cell {index + 1} has no id"
        if is_exercise(before):
            assert meta["solution"] and not meta["grade"] and not meta["locked"]
            text = source(after)
            assert "### BEGIN SOLUTION" in text and "### END SOLUTION" in text
            assert text.replace("### ", "# ") == source(before)
        elif index in tests:
            assert meta["grade"] and meta["locked"] and not meta["solution"]
            assert meta["points"] == len(tests[index])
            assert source(after) == source(before)
        else:
            assert meta is None
            assert after == before
        if meta:
            assert meta["schema_version"] == 3
            grade_ids.append(meta["grade_id"])
    assert len(grade_ids) == len(set(grade_ids)), f"grade ids repeat: {grade_ids}"
    points = sum(nbgrader(c)["points"] for c in course["cells"] if (nbgrader(c) or {}).get("grade"))
    assert points == len(exercises(notebook)), "one point per exercise's check"


def test_a_cell_with_two_checks_is_worth_two_points(export):
    notebook = load(ROOT / "notebooks" / "c2w1a_practical_aspects.ipynb")
    graded = [
        nbgrader(c)
        for c in export.course_notebook(notebook)["cells"]
        if "check_dropout_forward" in source(c)
    ]
    assert graded == [
        {
            "grade": True,
            "grade_id": "test_check_dropout_forward_check_dropout_backward",
            "locked": True,
            "schema_version": 3,
            "solution": False,
            "task": False,
            "points": 2,
        }
    ]


def test_markdown_quoting_the_markers_and_a_demonstration_are_left_alone(export):
    notebook = synthetic_notebook()
    course = export.course_notebook(notebook, "synthetic.ipynb")
    markdown, _, answer, test, demonstration = course["cells"]
    assert source(markdown) == quoting_markdown() and nbgrader(markdown) is None
    assert nbgrader(answer)["grade_id"] == "answer_sigmoid"
    assert nbgrader(test)["points"] == 1
    assert nbgrader(demonstration) is None, "a check on a wrong answer in try/except is not graded"
    assert notebook == synthetic_notebook(), "the notebook given is not modified"


def test_grade_ids_stay_unique_when_an_exercise_is_defined_twice(export):
    notebook = synthetic_notebook()
    notebook["cells"][4:4] = copy.deepcopy(notebook["cells"][2:4])
    graded = [nbgrader(c) for c in export.course_notebook(notebook)["cells"] if nbgrader(c)]
    assert [meta["grade_id"] for meta in graded] == [
        "answer_sigmoid",
        "test_check_sigmoid",
        "answer_sigmoid_again",
        "test_check_sigmoid_again",
    ]


@pytest.mark.parametrize(
    "index, cell_type, text, tags, phrase",
    [
        (0, "markdown", "Write it after ### BEGIN SOLUTION.", [], "cell 1 (markdown"),
        (1, "code", "x = 1\n# BEGIN SOLUTION\n# END SOLUTION", [], "cell 2 (code"),
        (2, "code", "def sigmoid(z):\n    return z", ["exercise"], "without a"),
        (2, "code", "def sigmoid(z):\n    # BEGIN SOLUTION", ["exercise"], "has no"),
    ],
    ids=["markdown-with-nbgrader-delimiter", "marker-outside-exercise", "no-block", "unclosed"],
)
def test_markers_nbgrader_would_misread_are_refused_with_the_cell_named(
    export, index, cell_type, text, tags, phrase
):
    notebook = synthetic_notebook()
    notebook["cells"][index] = cell(cell_type, text, tags)
    with pytest.raises(export.CourseExportError, match=r"synthetic\.ipynb, cell \d") as info:
        export.course_notebook(notebook, "synthetic.ipynb")
    assert phrase in str(info.value)


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.ipynb")}


def test_export_writes_the_course_and_leaves_the_notebooks_as_committed(export, tmp_path):
    before = digests(ROOT / "notebooks")
    report = export.export_course(tmp_path / "course")
    assert digests(ROOT / "notebooks") == before
    expected = {
        f"course/source/{export.assignment_name(p)}/{p.name}"
        for p in NOTEBOOKS
        if exercises(load(p))
    }
    assert set(report.created) == expected | {"course/nbgrader_config.py"}
    assert "source/c1w2/c1w2_logistic_regression.ipynb" in {
        p.relative_to(tmp_path / "course").as_posix() for p in (tmp_path / "course").rglob("*")
    }
    config = (tmp_path / "course" / "nbgrader_config.py").read_text(encoding="utf-8")
    assert 'begin_solution_delimeter = "### BEGIN SOLUTION"' in config


def test_an_instructors_files_are_never_overwritten(export, tmp_path, capsys):
    out = tmp_path / "course"
    export.export_course(out, ROOT / "notebooks")
    edited = out / "source" / "c1w2" / "c1w2_logistic_regression.ipynb"
    edited.write_text("an instructor's edit", encoding="utf-8")
    gradebook = out / "gradebook.db"
    gradebook.write_bytes(b"grades")
    (out / "source" / "c3w1" / "c3w1_ml_strategy.ipynb").unlink()
    assert export.main(["--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert edited.read_text(encoding="utf-8") == "an instructor's edit"
    assert gradebook.read_bytes() == b"grades"
    assert "created course/source/c3w1/c3w1_ml_strategy.ipynb" in printed
    assert "differs from a fresh export (yours is kept): course/source/c1w2/" in printed
    assert printed.count("differs") == 1


def test_a_bad_notebook_stops_the_export_with_its_message(export, tmp_path, capsys):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    broken = synthetic_notebook(markdown="Write your code after ### BEGIN SOLUTION.")
    (folder / "c9w9_bad.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    assert export.main(["--out", str(tmp_path / "course"), "--notebooks", str(folder)]) == 2
    assert "c9w9_bad.ipynb, cell 1 (markdown, not an exercise)" in capsys.readouterr().err


def run_validation(course, only=None):
    """tools/validate_course.py in the instructors' environment: [one dict per notebook]."""
    if not INSTRUCTOR_PYTHON.exists():
        pytest.skip("nbgrader is not installed: run `make course-env` (make test does)")
    command = [str(INSTRUCTOR_PYTHON), str(ROOT / "tools" / "validate_course.py"), str(course)]
    result = subprocess.run(
        command + (["--only", *only] if only else []),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=1800,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"validate_course.py printed nothing:\n{result.stderr[-3000:]}"
    return result.returncode, lines[0], lines[1:]


@pytest.mark.course
def test_nbgrader_releases_assignments_whose_graded_cells_all_fail(export, tmp_path):
    everything = os.environ.get("COURSE_CHECK") == "all"
    export.export_course(tmp_path / "course")
    code, released, results = run_validation(
        tmp_path / "course", None if everything else CI_ASSIGNMENTS
    )
    for result in results:
        print(result["version"], result["notebook"], f"{result['seconds']} s")
    problems = [r for r in results if r["problems"]]
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)[:5000]
    assert code == 0
    assert len(results) == 2 * len(released["released"])
    release = tmp_path / "course" / "release"
    for notebook in release.rglob("*.ipynb"):
        text = notebook.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text


@pytest.mark.course
def test_nbgrader_flags_a_solution_that_fails_and_a_release_that_passes(export, tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    wrong = synthetic_notebook()
    wrong["cells"][2]["source"] = wrong["cells"][2]["source"].replace("-z", "z")
    (folder / "c9w1_wrong.ipynb").write_text(json.dumps(wrong), encoding="utf-8")
    given = synthetic_notebook()  # the answer outside the solution block: the release passes
    given["cells"][2]["source"] = (
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n\n\n"
        "def unused():\n    # BEGIN SOLUTION\n    pass\n    # END SOLUTION"
    )
    (folder / "c9w2_given.ipynb").write_text(json.dumps(given), encoding="utf-8")
    export.export_course(tmp_path / "course", folder)
    code, _, results = run_validation(tmp_path / "course")
    assert code == 1
    found = {(r["notebook"], r["version"]): r["problems"] for r in results}
    assert list(found[("c9w1_wrong.ipynb", "source")]) == ["failed"]
    assert "check_sigmoid" in found[("c9w1_wrong.ipynb", "source")]["failed"][0]["source"]
    assert not found[("c9w1_wrong.ipynb", "release")]
    assert not found[("c9w2_given.ipynb", "source")]
    assert list(found[("c9w2_given.ipynb", "release")]) == ["passed"]
