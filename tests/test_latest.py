"""`make test-latest` (tools/latest.py): the unpinned names come from pyproject.toml with the
markers that hold for the Python at hand, and a real pytest + nbval JUnit report is summarized as
one line per failure with its cause."""

import importlib.metadata
import subprocess
import sys
import textwrap

import nbformat
import pytest
from tool_loader import load_tool

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

pytest.importorskip("tomllib", reason="tools/latest.py needs Python >= 3.11 (tomllib)")

PYPROJECT = """
[project]
name = "demo"
dependencies = [
    "numpy==2.4.6; python_version >= '3.11'",
    "numpy==2.2.6; python_version < '3.11'",
    "pywin32==311; sys_platform == 'win32'",
    "torch[opt-einsum]==2.13.0",
]

[project.optional-dependencies]
test = ["pytest==9.2.0", "hypothesis==6.168.5; python_version < '3.11'"]
hub = ["jupyterhub==6.1.1"]
"""


@pytest.fixture(scope="module")
def latest():
    return load_tool("latest")


@pytest.mark.parametrize(
    "environment, expected",
    [
        (
            {"python_version": "3.12", "sys_platform": "linux"},
            {"numpy": "2.4.6", "torch": "2.13.0", "pytest": "9.2.0"},
        ),
        (
            {"python_version": "3.10", "sys_platform": "linux"},
            {"numpy": "2.2.6", "torch": "2.13.0", "pytest": "9.2.0", "hypothesis": "6.168.5"},
        ),
        (
            {"python_version": "3.11", "sys_platform": "win32"},
            {"numpy": "2.4.6", "pywin32": "311", "torch": "2.13.0", "pytest": "9.2.0"},
        ),
    ],
)
def test_names_and_pins_follow_the_markers_and_skip_other_extras(
    latest, tmp_path, environment, expected
):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert latest.requirements(tmp_path / "pyproject.toml", environment) == expected


def test_the_projects_names_print_bare_once_each(latest, capsys):
    assert latest.main(["requirements"]) == 0
    names = capsys.readouterr().out.split()
    assert {"numpy", "torch", "jupyterlab", "pytest", "nbval"} <= set(names)
    assert len(names) == len(set(names))
    assert all(name.replace("-", "").isalnum() for name in names), names


NOTEBOOK_CELLS = [
    ("import numpy as np", []),
    ("print(np.arange(3))", [nbformat.v4.new_output("stream", name="stdout", text="[0 1 2]\n")]),
    ("print('tomorrow')", [nbformat.v4.new_output("stream", name="stdout", text="today\n")]),
    ("np.float(1)", []),
    ("import time\ntime.sleep(60)", []),  # the last: nbval's timeout marks the cells after it xfail
]

UNIT_TESTS = """
import pytest

def test_passes():
    assert True

def test_plain_assert():
    assert [1, 2] == [1, 3]

def test_raises():
    raise ValueError("X must be (n_x, m)\\nsecond line")

@pytest.fixture
def broken():
    raise ModuleNotFoundError("No module named 'gone'")

def test_setup_error(broken):
    pass
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A JUnit report from a real pytest + nbval run: three unit-test failures (one in a
    fixture), notebook cells whose output differs, that raises, and that runs out of time."""
    folder = tmp_path_factory.mktemp("latest")
    notebook = nbformat.v4.new_notebook()
    for number, (source, outputs) in enumerate(NOTEBOOK_CELLS, start=1):
        notebook.cells.append(
            nbformat.v4.new_code_cell(source, execution_count=number, outputs=outputs)
        )
    nbformat.write(notebook, folder / "demo.ipynb")
    (folder / "test_demo.py").write_text(textwrap.dedent(UNIT_TESTS), encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    path = folder / "junit.xml"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist"]
    command += ["--nbval", "--nbval-current-env", "--nbval-cell-timeout=2"]
    command += [f"--junitxml={path}", "-o", "junit_family=xunit1"]
    subprocess.run(command, cwd=folder, capture_output=True, timeout=300)
    return path


def test_each_failure_gets_its_type_and_first_message_line(latest, report):
    causes = dict(latest.failures(report))
    assert causes == {
        "test_demo.py::test_plain_assert": "AssertionError: assert [1, 2] == [1, 3]",
        "test_demo.py::test_raises": "ValueError: X must be (n_x, m)",
        "test_demo.py::test_setup_error": "ModuleNotFoundError: No module named 'gone'",
        "demo.ipynb::Cell 2": "output differs from the committed one: 'today' -> 'tomorrow'",
        "demo.ipynb::Cell 3": "AttributeError: module 'numpy' has no attribute 'float'.",
        "demo.ipynb::Cell 4": "Timeout of 2 seconds exceeded executing cell",
    }


def test_the_summary_counts_causes_and_names_packages_off_their_pins(latest, report):
    pins = {
        "pytest": "0.0.1",  # moved to the newest
        "nbformat": nbformat.__version__,  # at its pin, held back from a newer release
        "nbval": importlib.metadata.version("nbval"),  # at its pin, the newest: not listed
        "no-such-package-xyz": "1.0",
    }
    newest = {"pytest": pytest.__version__, "nbformat": "99.0", "nbval": pins["nbval"]}
    lines = latest.summary(report, pins, lambda name: newest.get(name, "?"))
    assert lines[0] == "9 tests: 5 failed, 1 errors, 0 skipped or xfailed"
    assert sum(line.startswith("FAIL ") for line in lines) == 6
    assert "    1 x ValueError: X must be (n_x, m)" in lines
    table = lines[[line.split()[0] for line in lines].index("package") + 1 :]
    assert [row.split() for row in table] == [
        ["pytest", "0.0.1", "->", pytest.__version__, pytest.__version__],
        ["nbformat", nbformat.__version__, "->", nbformat.__version__, "99.0", "(held", "back)"],
        ["no-such-package-xyz", "1.0", "->", "missing", "?"],
    ]


def test_nothing_moved_is_said_in_one_line(latest, report):
    pins = {"nbval": importlib.metadata.version("nbval")}
    lines = latest.summary(report, pins, lambda name: pins[name])
    assert lines[-1] == "Every package is at its pin, which is its newest release."
