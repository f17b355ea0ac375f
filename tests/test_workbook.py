"""course_lib.workbook: learner copies lose their solutions and nothing else, are never overwritten,
and the progress view runs the checks on them safely. Every notebook's exercises each have a hint
cell and a check cell."""

import ast
import json
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbclient
import nbformat
import pytest

from course_lib import checks, workbook
from course_lib.workbook import checking

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SMALL = "c1w2_logistic_regression.ipynb"


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def is_exercise(cell):
    return cell["cell_type"] == "code" and "exercise" in cell.get("metadata", {}).get("tags", [])


def without_blocks(text):
    """The lines of a solution notebook's cell outside its BEGIN/END SOLUTION blocks."""
    return re.sub(
        r"^[ \t]*# BEGIN SOLUTION\n.*?^[ \t]*# END SOLUTION\n?",
        "",
        text,
        flags=re.MULTILINE | re.DOTALL,
    )


def without_stubs(text):
    """The lines of a learner copy's cell outside its stubs."""
    return re.sub(
        r"^[ \t]*# YOUR CODE HERE.*\n[ \t]*raise NotImplementedError\(.*\)\n?",
        "",
        text,
        flags=re.MULTILINE,
    )


def synthetic_notebook():
    """A two-exercise notebook: a solution inside a function and one inside a loop, with no newline
    at the end."""
    cell = lambda cell_type, text, tags=(): {  # noqa: E731
        "cell_type": cell_type,
        "id": f"c{abs(hash(text)) % 10**8}",
        "metadata": {"tags": list(tags)} if tags else {},
        "source": text.splitlines(keepends=True),
        **(
            {
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["x\n"]}],
                "execution_count": 3,
            }
            if cell_type == "code"
            else {}
        ),
    }
    cells = [
        cell("markdown", "# A synthetic lesson\n\nWith `# BEGIN SOLUTION` in prose, which stays."),
        cell("code", "import numpy as np\n\nfrom course_lib import checks\n\nprint('set up')"),
        cell(
            "code",
            'def sigmoid(z):\n    """σ(z)."""\n    # BEGIN SOLUTION\n    s = 1 / (1 + np.exp(-z))\n'
            "    # END SOLUTION\n    return s",
            tags=["exercise"],
        ),
        cell(
            "markdown",
            "<details><summary>Hint 1</summary>\n\nUse `np.exp`.\n\n</details>",
            tags=["hint"],
        ),
        cell("code", "checks.check_sigmoid(sigmoid)"),
        cell(
            "code",
            "def initialize_parameters_deep(layer_dims, rng):\n    parameters = {}\n"
            "    for l in range(1, len(layer_dims)):\n        # BEGIN SOLUTION\n"
            '        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) '
            "* 0.01\n"
            '        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))\n        # END SOLUTION\n'
            "    return parameters",
            tags=["exercise"],
        ),
        cell(
            "markdown", "<details><summary>Hint 1</summary>\n\nShapes.\n\n</details>", tags=["hint"]
        ),
        cell("code", "checks.check_initialize_parameters_deep(initialize_parameters_deep)"),
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.fixture
def repo(tmp_path):
    """A scratch repository root with notebooks/ (c1w2 and the synthetic lesson) and course_lib/."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "course_lib").mkdir()
    shutil.copy(ROOT / "notebooks" / SMALL, tmp_path / "notebooks" / SMALL)
    (tmp_path / "notebooks" / "c9w9_synthetic.ipynb").write_text(
        json.dumps(synthetic_notebook(), indent=1), encoding="utf-8"
    )
    return tmp_path


# ---- generation strips every solution and nothing else -------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_learner_copy_differs_only_by_its_solutions_and_outputs(path):
    original = load(path)
    copy = workbook.learner_copy(original, path.name)
    assert len(copy["cells"]) == len(original["cells"])
    for before, after in zip(original["cells"], copy["cells"], strict=True):
        assert (after["cell_type"], after.get("id")) == (before["cell_type"], before.get("id"))
        assert after["metadata"] == {
            k: v for k, v in before["metadata"].items() if k != "execution"
        }
        if before["cell_type"] != "code":
            assert after == before
            continue
        assert after["outputs"] == [] and after["execution_count"] is None
        text, stubbed = source(before), source(after)
        if "# BEGIN SOLUTION" not in text:
            assert stubbed == text
            continue
        assert "# BEGIN SOLUTION" not in stubbed and "# END SOLUTION" not in stubbed
        assert stubbed.count("raise NotImplementedError(") == text.count("# BEGIN SOLUTION")
        assert without_stubs(stubbed) == without_blocks(
            text
        )  # every line outside the solutions kept, in order
        ast.parse(stubbed)  # still valid Python: signatures and indentation kept
    assert copy["metadata"]["workbook"]["source"] == f"notebooks/{path.name}"
    assert {k: v for k, v in copy["metadata"].items() if k != "workbook"} == {
        k: v for k, v in original["metadata"].items() if k != "widgets"
    }


def test_the_stub_keeps_the_indentation_and_names_the_function():
    text = source(synthetic_notebook()["cells"][5])
    stubbed = workbook.strip_solutions(text)
    assert stubbed == (
        "def initialize_parameters_deep(layer_dims, rng):\n    parameters = {}\n"
        "    for l in range(1, len(layer_dims)):\n"
        "        # YOUR CODE HERE: replace the next line with your solution\n"
        '        raise NotImplementedError("initialize_parameters_deep: your code goes here — '
        "replace this line, "
        'then run the check cell below")\n    return parameters'
    )
    namespace = {}
    exec(workbook.strip_solutions(source(synthetic_notebook()["cells"][2])), namespace)
    with pytest.raises(NotImplementedError, match="sigmoid: your code goes here"):
        namespace["sigmoid"](0.0)


def test_a_block_in_a_method_is_the_classs_exercise_and_a_nested_function_its_own():
    # a PyTorch exercise is a class: its __init__ and forward stub under the class's name, which
    # the check and the "not written yet" line then name
    text = (
        "class Block(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n"
        "        # BEGIN SOLUTION\n        self.n = n\n        # END SOLUTION\n\n"
        "    def forward(self, x):\n        # BEGIN SOLUTION\n        return x\n"
        "        # END SOLUTION\n\n\ndef outer(a):\n    def inner():\n        # BEGIN SOLUTION\n"
        "        return a\n        # END SOLUTION\n\n    return inner\n"
    )
    names = re.findall(r'NotImplementedError\("(\w+):', workbook.strip_solutions(text))
    assert names == ["Block", "Block", "inner"]
    assert workbook.exercises(
        {
            "cells": [
                {"cell_type": "code", "metadata": {"tags": ["exercise"]}, "source": text},
                {"cell_type": "code", "metadata": {}, "source": "checks.check_Block(Block)"},
            ]
        }
    ) == [("check_Block", "Block")]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("def f():\n    # BEGIN SOLUTION\n    return 1\n", "has no `# END SOLUTION`"),
        ("def f():\n    return 1\n    # END SOLUTION\n", "without a `# BEGIN SOLUTION`"),
        (
            "def f():\n    # BEGIN SOLUTION\n    # BEGIN SOLUTION\n    # END SOLUTION\n",
            "a second `# BEGIN SOLUTION`",
        ),
    ],
)
def test_unbalanced_markers_are_refused_with_the_place(text, phrase):
    with pytest.raises(workbook.SolutionMarkerError, match=re.escape(phrase)) as info:
        workbook.learner_copy(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "source": text,
                        "metadata": {},
                        "outputs": [],
                        "execution_count": 1,
                    }
                ],
                "metadata": {},
            },
            "x.ipynb",
        )
    assert "x.ipynb, code cell 1" in str(info.value)


# ---- every exercise has a hint and a check -------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_has_a_hint_cell_then_a_check_cell(path):
    cells = load(path)["cells"]
    for index, cell in enumerate(cells):
        if not is_exercise(cell):
            continue
        text = source(cell)
        functions = re.findall(r"^(?:def|class)\s+(\w+)", text, flags=re.MULTILINE)
        where = f"{path.name}, exercise cell {index + 1} ({', '.join(functions)})"
        assert functions, f"{where}: an exercise cell defines a function"
        for function, body in zip(
            functions, re.split(r"^(?:def|class)\s+\w+", text, flags=re.MULTILINE)[1:], strict=True
        ):
            assert "# BEGIN SOLUTION" in body, f"{where}: {function} has no # BEGIN SOLUTION block"
        hint = cells[index + 1] if index + 1 < len(cells) else {}
        assert hint.get("cell_type") == "markdown" and "hint" in hint.get("metadata", {}).get(
            "tags", []
        ), f"{where}: the next cell must be a markdown cell tagged `hint`"
        hint_text = source(hint)
        count = hint_text.count("<details><summary>Hint")
        assert 1 <= count <= 2 and hint_text.count("</details>") == count, (
            f"{where}: one or two <details> hints"
        )
        solution_lines = {
            line.strip()
            for block in re.findall(r"# BEGIN SOLUTION\n(.*?)# END SOLUTION", text, flags=re.DOTALL)
            for line in block.splitlines()
            if len(line.strip()) > 15
        }
        given = [line for line in solution_lines if line in hint_text]
        assert not given or 2 * len(given) < len(solution_lines), (
            f"{where}: the hints give the solution away: {given}"
        )
        check_cell = cells[index + 2] if index + 2 < len(cells) else {}
        for function in functions:
            assert f"checks.check_{function}({function})" in source(check_cell), (
                f"{where}: the cell after the hint must call checks.check_{function}({function})"
            )
            assert hasattr(checks, f"check_{function}"), (
                f"{where}: course_lib.checks has no check_{function}"
            )


def test_the_exercises_found_by_the_progress_view_are_the_tagged_ones():
    for path in NOTEBOOKS:
        cells = load(path)["cells"]
        tagged = [
            f
            for cell in cells
            if is_exercise(cell)
            for f in re.findall(r"^(?:def|class)\s+(\w+)", source(cell), flags=re.MULTILINE)
        ]
        assert [function for _, function in workbook.exercises(load(path))] == tagged, path.name
    assert (
        workbook.exercises(load(ROOT / "notebooks" / "00_start_here.ipynb")) == []
    )  # its wrong_sigmoid is a demo


def test_every_check_has_a_tagged_exercise_and_only_a_shared_name_has_two():
    # so the loops over tagged exercises above look at every exercise, and never at none. A function
    # the course has the learner write in two weeks with the same contract (compute_cost in c1w3 and
    # c1w4) is one check, used by both notebooks; within a notebook a name is an exercise once.
    exercises = {}
    for path in NOTEBOOKS:
        for cell in load(path)["cells"]:
            if is_exercise(cell):
                for f in re.findall(r"^(?:def|class)\s+(\w+)", source(cell), flags=re.MULTILINE):
                    exercises.setdefault(f"check_{f}", []).append(path.stem)
    public = [name for name in checks.__all__ if name.startswith("check_")]
    assert sorted(exercises) == sorted(public)
    assert all(len(set(where)) == len(where) for where in exercises.values()), exercises


# ---- never overwrite; report upstream changes; fresh copies beside -------------------------------


def test_a_second_run_leaves_the_learners_files_byte_identical(repo):
    first = workbook.make_workbook(repo)
    assert first.created == [SMALL, "c9w9_synthetic.ipynb"]
    mine = repo / "my_workbook" / SMALL
    notebook = load(mine)
    notebook["cells"][5]["source"] = ["def sigmoid(z):\n", "    return 0.5  # my attempt\n"]
    mine.write_text(json.dumps(notebook), encoding="utf-8")
    (repo / "my_workbook" / "c9w9_synthetic.ipynb").write_bytes(b"not even JSON any more")
    before = {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in (repo / "my_workbook").iterdir()
    }
    second = workbook.make_workbook(repo)
    assert (
        second.created == []
        and second.kept == [SMALL, "c9w9_synthetic.ipynb"]
        and second.changed_upstream == []
    )
    assert {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in (repo / "my_workbook").iterdir()
    } == before
    mine.unlink()
    assert workbook.make_workbook(repo).created == [SMALL]  # a deleted copy comes back


def test_new_notebooks_are_added_and_upstream_changes_reported(repo, capsys):
    workbook.make_workbook(repo)
    mine = (repo / "my_workbook" / SMALL).read_bytes()
    shutil.copy(ROOT / "notebooks" / "c1w1_introduction.ipynb", repo / "notebooks")
    upstream = load(repo / "notebooks" / SMALL)
    upstream["cells"][0]["source"].append("\nA new sentence upstream.")
    (repo / "notebooks" / SMALL).write_text(json.dumps(upstream), encoding="utf-8")
    report = workbook.make_workbook(repo)
    assert report.created == ["c1w1_introduction.ipynb"] and report.changed_upstream == [SMALL]
    assert (repo / "my_workbook" / SMALL).read_bytes() == mine
    assert (
        "changed upstream since your copy was made: c1w2_logistic_regression.ipynb — yours is "
        "kept; "
        "for a fresh copy beside it run: make workbook FRESH=c1w2" in report.lines("my_workbook")
    )
    # refreshed outputs alone are not a change
    upstream = load(repo / "notebooks" / "c1w1_introduction.ipynb")
    upstream["cells"][1]["outputs"] = []
    (repo / "notebooks" / "c1w1_introduction.ipynb").write_text(
        json.dumps(upstream), encoding="utf-8"
    )
    assert workbook.make_workbook(repo).changed_upstream == [SMALL]


def test_a_fresh_copy_goes_beside_the_learners_never_in_place(repo):
    import datetime

    workbook.make_workbook(repo)
    mine = (repo / "my_workbook" / SMALL).read_bytes()
    day = datetime.date(2026, 11, 22)
    assert workbook.make_workbook(repo, fresh="c1w2", today=day).fresh == [
        "c1w2_logistic_regression_fresh-20261122.ipynb"
    ]
    assert workbook.make_workbook(repo, fresh="c1w2", today=day).fresh == [
        "c1w2_logistic_regression_fresh-20261122-2.ipynb"
    ]
    assert (repo / "my_workbook" / SMALL).read_bytes() == mine
    fresh = load(repo / "my_workbook" / "c1w2_logistic_regression_fresh-20261122.ipynb")
    assert fresh == json.loads(
        json.dumps(workbook.learner_copy(load(repo / "notebooks" / SMALL), SMALL))
    )
    with pytest.raises(
        ValueError, match="FRESH=c matches c1w2_logistic_regression, c9w9_synthetic"
    ):
        workbook.make_workbook(repo, fresh="c")
    with pytest.raises(ValueError, match="FRESH=c7 matches no notebook"):
        workbook.make_workbook(repo, fresh="c7")


def test_generation_writes_only_inside_the_git_ignored_workbook_folder(repo):
    before = {path for path in repo.rglob("*") if "my_workbook" not in path.parts}
    workbook.make_workbook(repo)
    workbook.make_workbook(repo, fresh="c1w2")
    assert {path for path in repo.rglob("*") if "my_workbook" not in path.parts} == before
    written = [f"my_workbook/{path.name}" for path in (repo / "my_workbook").iterdir()]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *written], cwd=ROOT, capture_output=True, text=True
    )
    assert sorted(ignored.stdout.split()) == sorted(
        written
    )  # so `git status` stays clean after `make workbook`


def test_make_workbook_and_progress_are_make_targets():
    dry = subprocess.run(
        ["make", "-n", "workbook", "progress", "FRESH=c1w2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "-m course_lib.workbook make --fresh c1w2" in dry.stdout
    assert "-m course_lib.workbook progress" in dry.stdout


def test_make_lab_opens_the_learners_own_start_page_once_it_exists(tmp_path):
    """The committed notebooks hold the solutions, and edits there block `git pull`: once `make
    workbook` has made my_workbook/, `make lab` opens my_workbook/00_start_here.ipynb."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    venv = tmp_path / ".venv"
    venv.mkdir()
    (venv / ".lab-installed").touch()  # newer than pyproject.toml: nothing to install

    def opened():
        dry = subprocess.run(
            ["make", "-n", "lab", f"VENV={venv}"], cwd=tmp_path, capture_output=True, text=True
        )
        return re.findall(r"default_url=/lab/tree/(\S+)", dry.stdout)

    assert opened() == ["notebooks/00_start_here.ipynb"]
    (tmp_path / "my_workbook").mkdir()
    (tmp_path / "my_workbook" / "00_start_here.ipynb").write_text("{}", encoding="utf-8")
    assert opened() == ["my_workbook/00_start_here.ipynb"]


# ---- progress: checks of the learner's copies, run safely ----------------------------------------


def restore_solutions(repo, name):
    """The learner copy with the upstream exercise cells put back
    (as a learner who solved them all)."""
    upstream, mine = load(repo / "notebooks" / name), load(repo / "my_workbook" / name)
    for theirs, ours in zip(upstream["cells"], mine["cells"], strict=True):
        if is_exercise(theirs):
            ours["source"] = theirs["source"]
    (repo / "my_workbook" / name).write_text(json.dumps(mine), encoding="utf-8")


def test_a_fresh_copy_fails_its_checks_with_the_friendly_message_and_passes_once_solved(repo):
    assert workbook.progress(repo) is None
    assert "make workbook" in workbook.progress_text(None)
    workbook.make_workbook(repo)
    results = workbook.progress(repo)
    assert [(r.function, r.passed, r.message) for r in results[SMALL]] == [
        (name, False, "not written yet")
        for name in (
            "sigmoid",
            "propagate",
            "initialize_with_zeros",
            "optimize",
            "predict",
            "model",
        )
    ]
    text = workbook.progress_text(results)
    assert (
        "C1 W2  c1w2_logistic_regression  0 / 6    ✗ sigmoid (not written yet) · ✗ propagate (not "
        "written yet)" in text
    )
    assert text.endswith("0 of 8 exercises in my_workbook/ pass their checks")
    assert (
        "| C1 W2 | [c1w2_logistic_regression](c1w2_logistic_regression.ipynb) | 0 / 6 | ✗ sigmoid "
        "(not written yet)" in workbook.progress_markdown(results)
    )
    assert (
        "[c1w2_logistic_regression](../my_workbook/c1w2_logistic_regression.ipynb)"
        in workbook.progress_markdown(results, link_to=Path("..") / "my_workbook")
    )
    restore_solutions(repo, SMALL)
    restore_solutions(repo, "c9w9_synthetic.ipynb")
    results = workbook.progress(repo)
    assert all(r.passed for items in results.values() for r in items) and len(results) == 2
    assert workbook.progress_text(results).endswith(
        "8 of 8 exercises in my_workbook/ pass their checks"
    )


def test_the_generated_notebook_run_as_is_shows_the_friendly_message(repo):
    workbook.make_workbook(repo)

    def run(path):
        notebook = nbformat.read(path, as_version=4)
        nbclient.NotebookClient(
            notebook,
            timeout=60,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        return [
            "".join(out.get("text", "")) + out.get("evalue", "")
            for cell in notebook.cells
            if cell.cell_type == "code"
            for out in cell.outputs
        ]

    outputs = run(repo / "my_workbook" / "c9w9_synthetic.ipynb")
    assert any(
        "✗ sigmoid is not written yet: replace the `raise NotImplementedError` with your code"
        in out
        for out in outputs
    )
    assert any("initialize_parameters_deep is not written yet" in out for out in outputs)
    restore_solutions(repo, "c9w9_synthetic.ipynb")
    outputs = run(repo / "my_workbook" / "c9w9_synthetic.ipynb")
    assert "✓ sigmoid passes all 4 cases\n" in outputs and "✗" not in "".join(outputs)


def test_a_hanging_or_broken_learner_cell_does_not_break_the_view(repo):
    (
        repo / "notebooks" / SMALL
    ).unlink()  # two quick synthetic notebooks: one hangs, one has a syntax error
    shutil.copy(
        repo / "notebooks" / "c9w9_synthetic.ipynb", repo / "notebooks" / "c9w8_synthetic.ipynb"
    )
    workbook.make_workbook(repo)
    mine = load(repo / "my_workbook" / "c9w9_synthetic.ipynb")
    mine["cells"][2]["source"] = ["def sigmoid(z):\n", "    return 1 / (1 + np.exp(-z))\n"]
    mine["cells"][5]["source"] = [
        "def initialize_parameters_deep(layer_dims, rng):\n",
        "    while True:\n",
        "        pass\n",
    ]
    (repo / "my_workbook" / "c9w9_synthetic.ipynb").write_text(json.dumps(mine), encoding="utf-8")
    broken = load(repo / "my_workbook" / "c9w8_synthetic.ipynb")
    broken["cells"][2]["source"] = ["def sigmoid(z)\n", "    return z\n"]
    broken["cells"][0]["source"] = ["not python at all ("]  # markdown: ignored
    (repo / "my_workbook" / "c9w8_synthetic.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    results = workbook.progress(repo, timeout=6)
    synthetic = {r.function: (r.passed, r.message) for r in results["c9w9_synthetic.ipynb"]}
    assert synthetic == {
        "sigmoid": (True, ""),
        "initialize_parameters_deep": (False, "timed out after 6 s (an endless loop?)"),
    }
    other = {r.function: (r.passed, r.message) for r in results["c9w8_synthetic.ipynb"]}
    assert other["sigmoid"][0] is False and other["sigmoid"][1].startswith(
        "its cell raised SyntaxError"
    )
    assert other["initialize_parameters_deep"] == (False, "not written yet")


HOSTILE = {
    "a child process that outlives the timeout": (
        [
            "    import subprocess, sys\n",
            "    subprocess.run([sys.executable, '-c', 'while True: pass  # TOKEN'])\n",
        ],
        "timed out after 3 s (an endless loop?)",
    ),
    "a child process left running": (
        [
            "    import subprocess, sys\n",
            "    command = 'import time; time.sleep(600)  # TOKEN'\n",
            "    subprocess.Popen([sys.executable, '-c', command])\n",
            "    return 1 / (1 + np.exp(-z))\n",
        ],
        "",
    ),
    "a sleep": (["    import time\n", "    time.sleep(600)\n"], "timed out after 3 s"),
    "a flood of output": (
        [
            "    for _ in range(20000):\n",
            "        print('x' * 500)\n",
            "    return 1 / (1 + np.exp(-z))\n",
        ],
        "",
    ),
    "reading stdin": (["    return input('z? ')\n"], "EOFError"),
    "sys.exit": (["    import sys\n", "    sys.exit(0)\n"], "SystemExit"),
    "os._exit": (["    import os\n", "    os._exit(3)\n"], "the check run stopped before it"),
}


@pytest.mark.parametrize("body", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_learner_function_fails_its_exercise_and_the_rest_is_still_checked(repo, body):
    """Whatever the learner's code does (start processes, sleep, flood the output, read stdin, exit
    the interpreter), the run ends within its timeout, that exercise fails with a reason, and the
    processes it started are gone."""
    lines, message = HOSTILE[body]
    (repo / "notebooks" / SMALL).unlink()
    workbook.make_workbook(repo)
    mine = load(repo / "my_workbook" / "c9w9_synthetic.ipynb")
    token = uuid.uuid4().hex  # marks this test's processes only
    lines = [line.replace("TOKEN", token) for line in lines]
    mine["cells"][2]["source"] = ["import numpy as np\n", "def sigmoid(z):\n", *lines]
    (repo / "my_workbook" / "c9w9_synthetic.ipynb").write_text(json.dumps(mine), encoding="utf-8")
    start = time.monotonic()
    results = {r.function: r for r in workbook.progress(repo, timeout=3)["c9w9_synthetic.ipynb"]}
    assert time.monotonic() - start < 30
    assert results["sigmoid"].passed is (message == "")
    assert message in results["sigmoid"].message
    if results["sigmoid"].passed:  # the rest was checked after it
        assert results["initialize_parameters_deep"].message == "not written yet"
    for _ in range(50):  # killed when the run ended; give the kernel a moment to remove it
        leftover = subprocess.run(["pgrep", "-f", f"# {token}"], capture_output=True, text=True)
        if leftover.stdout == "":
            break
        time.sleep(0.1)
    assert leftover.stdout == "", "a process the learner's code started is still running"


def test_a_missing_copy_or_function_is_reported(repo):
    workbook.make_workbook(repo)
    (repo / "my_workbook" / "c9w9_synthetic.ipynb").unlink()
    mine = load(repo / "my_workbook" / SMALL)
    mine["cells"][5]["source"] = ["# I deleted my sigmoid\n"]
    (repo / "my_workbook" / SMALL).write_text(json.dumps(mine), encoding="utf-8")
    results = workbook.progress(repo)
    assert results["c9w9_synthetic.ipynb"] is None
    assert [(r.function, r.message) for r in results[SMALL]][0] == (
        "sigmoid",
        "no `def sigmoid` found in your copy",
    )
    assert "C9 W9  c9w9_synthetic" in workbook.progress_text(
        results
    ) and "no copy yet: run `make workbook`" in workbook.progress_text(results)


def test_the_command_line(repo, capsys):
    assert workbook.main(["make", "--root", str(repo)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "created my_workbook/c1w2_logistic_regression.ipynb",
        "created my_workbook/c9w9_synthetic.ipynb",
    ]
    assert workbook.main(["make", "--root", str(repo)]) == 0
    assert capsys.readouterr().out.strip() == "kept your 2 existing copies as they are"
    assert workbook.main(["make", "--root", str(repo), "--fresh", "nothing"]) == 2
    assert "matches no notebook" in capsys.readouterr().err
    assert workbook.main(["progress", "--root", str(repo), "--folder", "elsewhere"]) == 0
    assert "You have no workbook yet (elsewhere/ does not exist)" in capsys.readouterr().out


def test_the_notebook_view_without_a_workbook_says_how_to_make_one(repo, capsys):
    workbook.show_progress(repo)
    assert capsys.readouterr().out.startswith(
        "You have no workbook yet (my_workbook/ does not exist). Create it with `make workbook`"
    )


def test_find_root_from_the_workbook_folder(repo):
    (repo / "my_workbook").mkdir()
    assert workbook.find_root(repo / "my_workbook") == repo
    assert workbook.find_root(ROOT / "notebooks") == ROOT


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_files_the_notebooks_open_are_found_from_my_workbook_too(path):
    # my_workbook/ sits beside notebooks/: a path into the repository ("../data/…") works from both,
    # a file that
    # lives in notebooks/ itself would not be found from a learner's copy
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "code":
            continue
        code = "\n".join(
            line for line in source(cell).splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(code)):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and 0 < len(node.value) < 200
                and "\n" not in node.value
                and (path.parent / node.value).is_file()
                and not node.value.startswith("..")
            ):
                assert (ROOT / "my_workbook" / node.value).resolve() == (
                    path.parent / node.value
                ).resolve(), (
                    f"{path.name} opens {node.value!r}, which lives in notebooks/ and is not found "
                    f"from my_workbook/"
                )


def test_make_outputs_refuses_a_learner_copy(tmp_path):
    # `make outputs NB=…` rewrites notebooks in place: it must refuse anything outside notebooks/
    copy = tmp_path / "my_workbook" / "c1w2_logistic_regression.ipynb"
    copy.parent.mkdir()
    shutil.copy(ROOT / "notebooks" / "c1w2_logistic_regression.ipynb", copy)
    before = copy.read_bytes()
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "execute_notebooks.py"), str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "never overwritten" in result.stderr
    assert copy.read_bytes() == before


# ---- progress is cached by content, and make test holds with any learner copies ------------------


def test_unchanged_copies_are_not_checked_again_and_edited_ones_are(repo, monkeypatch):
    workbook.make_workbook(repo)
    restore_solutions(repo, SMALL)
    first = workbook.progress(repo)
    assert (repo / "my_workbook" / workbook.CACHE).is_file()
    started = []
    real = checking._CheckRun
    monkeypatch.setattr(
        checking,
        "_CheckRun",
        lambda path, pairs: started.append(Path(path).name) or real(path, pairs),
    )
    assert workbook.progress(repo) == first and started == []
    mine = load(repo / "my_workbook" / SMALL)
    mine["cells"][5]["source"] = ["def sigmoid(z):\n", "    return z\n"]
    (repo / "my_workbook" / SMALL).write_text(json.dumps(mine), encoding="utf-8")
    again = workbook.progress(repo)
    assert (
        started == [SMALL]
        and again[SMALL][0].passed is False
        and again["c9w9_synthetic.ipynb"] == first["c9w9_synthetic.ipynb"]
    )
    monkeypatch.setattr(checking, "_library_fingerprint", lambda: "a changed course_lib")
    workbook.progress(repo)
    assert sorted(started) == sorted([SMALL, SMALL, "c9w9_synthetic.ipynb"])


def test_the_library_fingerprint_covers_every_python_file_of_course_lib_subpackages_included(
    tmp_path,
):
    assert checking.LIBRARY == (ROOT / "course_lib").resolve()
    library = tmp_path / "course_lib"
    (library / "checks").mkdir(parents=True)
    (library / "__init__.py").write_text("", encoding="utf-8")
    (library / "checks" / "c1w2.py").write_text("A = 1\n", encoding="utf-8")
    first = checking._library_fingerprint(library)
    assert checking._library_fingerprint(library) == first
    (library / "checks" / "c1w2.py").write_text("A = 2\n", encoding="utf-8")
    edited = checking._library_fingerprint(library)
    assert edited != first
    (library / "checks" / "c1w2.py").rename(library / "c1w2.py")  # the same file in another folder
    assert checking._library_fingerprint(library) != edited


def test_a_timed_out_run_is_not_cached_and_a_damaged_cache_is_ignored(repo):
    # the run that must finish gets a generous timeout; the one that must time out can never finish
    workbook.make_workbook(repo)
    hanging = repo / "my_workbook" / "c9w9_synthetic.ipynb"
    mine = load(hanging)
    mine["cells"][5]["source"] = [
        "def initialize_parameters_deep(layer_dims, rng):\n",
        "    while True:\n",
        "        pass\n",
    ]
    hanging.unlink()
    workbook.progress(repo, timeout=120)
    cache = load(repo / "my_workbook" / workbook.CACHE)
    assert set(cache) == {SMALL}
    hanging.write_text(json.dumps(mine), encoding="utf-8")
    results = workbook.progress(
        repo, timeout=2
    )  # SMALL comes from the cache, the endless loop is stopped
    assert results[SMALL] == [workbook.ExerciseResult(**item) for item in cache[SMALL]["results"]]
    assert results["c9w9_synthetic.ipynb"][-1].message == "timed out after 2 s (an endless loop?)"
    assert load(repo / "my_workbook" / workbook.CACHE) == cache
    hanging.unlink()
    for damaged in (
        "{not json",
        "[]",
        json.dumps({SMALL: "x"}),
        json.dumps({SMALL: {"key": cache[SMALL]["key"], "results": [1]}}),
    ):
        (repo / "my_workbook" / workbook.CACHE).write_text(damaged, encoding="utf-8")
        assert [r.message for r in workbook.progress(repo)[SMALL]] == ["not written yet"] * 6


def test_make_test_passes_with_edited_half_done_and_broken_copies(tmp_path):
    """`make workbook`, then work in the copies: 00_start_here (which shows their progress) still
    passes nbval."""
    for folder in ("notebooks", "tests"):
        (tmp_path / folder).mkdir()
    for name in (
        "00_start_here",
        SMALL.removesuffix(".ipynb"),
        "c1w3_shallow_neural_network",
        "c1w4_deep_neural_network",
        "c2w2_optimization_algorithms",
        "c3w1_ml_strategy",
    ):
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", tmp_path / "notebooks")
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", tmp_path / "tests")
    (tmp_path / "course_lib").symlink_to(ROOT / "course_lib")
    workbook.make_workbook(tmp_path)
    restore_solutions(tmp_path, SMALL)  # done
    half = load(
        tmp_path / "my_workbook" / "c1w3_shallow_neural_network.ipynb"
    )  # half done: one exercise, badly
    cell = next(cell for cell in half["cells"] if is_exercise(cell))
    cell["source"] = [
        line.replace("raise NotImplementedError", "return None  #") for line in cell["source"]
    ]
    (tmp_path / "my_workbook" / "c1w3_shallow_neural_network.ipynb").write_text(
        json.dumps(half), encoding="utf-8"
    )
    (tmp_path / "my_workbook" / "c1w4_deep_neural_network.ipynb").write_text(
        "{broken", encoding="utf-8"
    )  # not JSON
    broken = load(tmp_path / "my_workbook" / "c2w2_optimization_algorithms.ipynb")  # a syntax error
    next(cell for cell in broken["cells"] if is_exercise(cell))["source"] = [
        "def random_mini_batches(X, Y\n"
    ]
    (tmp_path / "my_workbook" / "c2w2_optimization_algorithms.ipynb").write_text(
        json.dumps(broken), encoding="utf-8"
    )
    (tmp_path / "my_workbook" / "c3w1_ml_strategy.ipynb").unlink()  # deleted
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--nbval",
        "--nbval-current-env",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "--nbval-sanitize-with",
        "tests/nbval_sanitize.cfg",
        "notebooks/00_start_here.ipynb",
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    shown = workbook.progress_text(workbook.progress(tmp_path))
    assert (
        re.search(r"c1w2_logistic_regression +6 / 6", shown) and "c1w4_deep_neural_network" in shown
    )


def test_a_cell_calling_an_unwritten_exercise_says_which_one_in_one_line(tmp_path):
    stub = workbook.STUB.format(indent="    ", name="linear_forward")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import course_lib\n_ = course_lib.setup()"),
        nbformat.v4.new_code_cell(f"def linear_forward(A, W, b):\n{stub}"),
        nbformat.v4.new_code_cell("def L_model_forward(X):\n    return linear_forward(X, 1, 0)"),
        nbformat.v4.new_code_cell("L_model_forward(3)"),
        nbformat.v4.new_code_cell("raise NotImplementedError('not a stub')"),
        nbformat.v4.new_code_cell(
            "class Block:\n    def __init__(self):\n"
            + workbook.STUB.format(indent="        ", name="Block")
        ),
        nbformat.v4.new_code_cell("Block()"),
    ]
    nbclient.NotebookClient(
        notebook, timeout=60, kernel_name="python3", allow_errors=True
    ).execute()
    stub_error, other_error = notebook.cells[3].outputs, notebook.cells[4].outputs
    assert [output["output_type"] for output in stub_error] == ["error"]  # "Run all" stops here
    assert stub_error[0]["traceback"] == [
        workbook.UNWRITTEN.format(kind="def", name="linear_forward")
    ]
    assert "finish the exercise `def linear_forward` above" in stub_error[0]["traceback"][0]
    assert len(other_error[0]["traceback"]) > 1  # any other NotImplementedError: the traceback
    # an exercise class (a PyTorch module) is named as one
    class_error = notebook.cells[6].outputs[0]["traceback"]
    assert class_error == [workbook.UNWRITTEN.format(kind="class", name="Block")]
    assert "finish the exercise `class Block` above" in class_error[0]


def test_a_check_names_the_unwritten_function_its_exercise_calls():
    def sigmoid(z):
        raise NotImplementedError(
            "helper: your code goes here — replace this line, then run the check cell below"
        )

    with pytest.raises(checks.CheckFailed, match=r"sigmoid calls your helper, which is not"):
        checks.check_sigmoid(sigmoid)
    assert workbook.unwritten_function(NotImplementedError("plain")) is None


def test_every_exercise_of_a_fresh_workbook_fails_until_solved_then_passes(tmp_path):
    """The whole course as a learner meets it: a fresh `make workbook` fails every check with "not
    written yet" (or names the unwritten function it calls), and with every solution filled in
    passes every check; Courses 1–2 hold at least 45 exercises."""
    (tmp_path / "notebooks").mkdir()
    for path in NOTEBOOKS:
        shutil.copy(path, tmp_path / "notebooks")
    (tmp_path / "course_lib").symlink_to(ROOT / "course_lib")
    workbook.make_workbook(tmp_path)
    fresh = workbook.progress(tmp_path, timeout=240)
    messages = [(r.function, r.message) for items in fresh.values() for r in items]
    assert all(
        message == "not written yet" or message.startswith("calls your ") for _, message in messages
    ), [m for m in messages if m[1] != "not written yet"]
    for path in NOTEBOOKS:
        restore_solutions(tmp_path, path.name)
    solved = workbook.progress(tmp_path, timeout=240)
    failing = [(name, r.function, r.message) for name, items in solved.items() for r in items]
    assert all(r.passed for items in solved.values() for r in items), [f for f in failing if f[2]]
    courses_1_2 = [r for name, items in solved.items() if re.match(r"c[12]w", name) for r in items]
    assert len(courses_1_2) >= 45, f"{len(courses_1_2)} exercises in Courses 1–2"


def test_the_cnn_weeks_and_the_framework_side_are_exercises():
    """Issue 18's floor: c4w1 has ≥ 8 NumPy exercises and ≥ 1 in PyTorch, c4w2 ≥ 3, and c2w3 ≥ 1
    in PyTorch (an exercise cell that uses torch; c2w3d, its framework side, since the split)."""

    def counted(stem):
        notebook = load(ROOT / "notebooks" / f"{stem}.ipynb")
        cells = [source(cell) for cell in notebook["cells"] if is_exercise(cell)]
        names = {function for _, function in checking.exercises(notebook)}
        torch_cells = [cell for cell in cells if re.search(r"\b(?:torch|nn|F)\.", cell)]
        torch_names = {n for cell in torch_cells for n in re.findall(checking.DEFINED, cell, re.M)}
        return len(names - torch_names), len(names & torch_names)

    c4w1_numpy, c4w1_torch = counted("c4w1_convolutional_networks")
    assert c4w1_numpy >= 8 and c4w1_torch >= 1, (c4w1_numpy, c4w1_torch)
    assert sum(sum(counted(stem)) for stem in ("c4w2a_case_studies", "c4w2b_practical_advice")) >= 3
    assert counted("c2w3d_frameworks")[1] >= 1


def test_the_progress_line_keeps_the_named_mistake():
    message = (
        "✗ propagate fails on m = 3:\n  dw is wrong (expected 1, got 3) — that is what you get "
        "when the 1/m is missing"
    )
    assert checking._short(message) == "fails on m = 3 — the 1/m is missing"
    assert checking._short("✗ sigmoid is not written yet: replace …") == "not written yet"
    assert checking._short("✗ f calls your g, which is not written yet").startswith("calls your g")


# ---- notebooks renamed or split upstream ---------------------------------------------------------

OLD_C2W3 = "c2w3_tuning_batchnorm_softmax.ipynb"
C2W3_PARTS = workbook.RENAMED[OLD_C2W3]


def test_every_renamed_notebook_is_gone_and_its_successors_exist():
    for old, successors in workbook.RENAMED.items():
        assert not (ROOT / "notebooks" / old).exists(), old
        assert successors and all((ROOT / "notebooks" / new).exists() for new in successors), old


def old_combined_c2w3(solved):
    """A learner's copy of c2w3 as `make workbook` made it before the split (the cells of its four
    parts, in order, stubbed), with the exercises named in solved written."""
    cells = []
    for name in C2W3_PARTS:
        upstream = load(ROOT / "notebooks" / name)
        copy = workbook.learner_copy(upstream, name)
        for theirs, ours in zip(upstream["cells"], copy["cells"], strict=True):
            defined = re.findall(checking.DEFINED, source(theirs), flags=re.MULTILINE)
            if is_exercise(theirs) and set(defined) & set(solved):
                ours["source"] = theirs["source"]
        cells += copy["cells"]
    copy["cells"] = cells
    copy["metadata"]["workbook"] = {"source": f"notebooks/{OLD_C2W3}", "source_hash": "0" * 16}
    return copy


def test_a_copy_of_a_notebook_split_upstream_is_kept_reported_and_still_checked(tmp_path, capsys):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "my_workbook").mkdir()
    for name in C2W3_PARTS:
        shutil.copy(ROOT / "notebooks" / name, tmp_path / "notebooks")
    (tmp_path / "course_lib").symlink_to(ROOT / "course_lib")
    old = tmp_path / "my_workbook" / OLD_C2W3
    old.write_text(json.dumps(old_combined_c2w3({"batchnorm_forward", "softmax"})), "utf-8")
    before = (old.read_bytes(), old.stat().st_mtime_ns)

    assert workbook.main(["make", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        *(f"created my_workbook/{name}" for name in C2W3_PARTS),
        f"renamed upstream: {OLD_C2W3} was split into {', '.join(C2W3_PARTS)} — your "
        f"my_workbook/{OLD_C2W3} is kept as it is (make progress still checks it); the new "
        "notebooks get copies of their own",
    ]
    again = workbook.make_workbook(tmp_path)
    assert again.created == [] and again.renamed == [(OLD_C2W3, C2W3_PARTS)]
    assert (old.read_bytes(), old.stat().st_mtime_ns) == before

    results = workbook.progress(tmp_path, timeout=240)
    assert list(results) == [OLD_C2W3, *C2W3_PARTS[1:]]  # c2w3a has no exercise
    mine = results[OLD_C2W3]
    assert [r.function for r in mine] == [
        function
        for name in C2W3_PARTS
        for _, function in workbook.exercises(load(ROOT / "notebooks" / name))
    ]
    assert len(mine) == 9 and [r.function for r in mine if r.passed] == [
        "batchnorm_forward",
        "softmax",
    ]
    assert all(
        r.message == "not written yet" or r.message.startswith("calls your ")
        for r in mine
        if not r.passed
    ), [r.message for r in mine]
    shown = workbook.progress_text(results)
    assert re.search(
        r"C2 W3 +c2w3_tuning_batchnorm_softmax +2 / 9 +\(your copy of the old notebook, split "
        r"upstream into c2w3a_hyperparameter_tuning, c2w3b_batch_normalization, "
        r"c2w3c_softmax_regression, c2w3d_frameworks\) ✓ batchnorm_forward",
        shown,
    ), shown
    assert re.search(r"c2w3b_batch_normalization +0 / 2 ", shown)  # the new copies, beside it
    assert shown.endswith(
        "0 of 9 exercises in my_workbook/ pass their checks (not counted: your old copies of "
        "notebooks split upstream, where 2 of 9 pass)"
    )
    assert (old.read_bytes(), old.stat().st_mtime_ns) == before  # progress only reads it

    # a name still upstream is not "renamed", and without an old copy nothing is reported
    assert workbook.renamed_copies(tmp_path, renamed={C2W3_PARTS[0]: ("x.ipynb",)}) == []
    old.unlink()
    assert workbook.make_workbook(tmp_path).renamed == []
    assert OLD_C2W3 not in workbook.progress(tmp_path)
