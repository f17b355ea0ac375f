"""Export the notebooks as an nbgrader course directory (`make course`, issue 21).

For every notebook in notebooks/ with exercises, course/source/<assignment>/<notebook>.ipynb is the
notebook as committed (outputs kept), with nbgrader's cell metadata added in the export only:

- each exercise cell (course_lib.workbook.is_exercise) becomes an autograded answer cell; its
  `# BEGIN SOLUTION` / `# END SOLUTION` lines become `### BEGIN SOLUTION` / `### END SOLUTION`,
  the delimiters nbgrader_config.py gives nbgrader (it matches them anywhere in any cell, so a
  markdown line that quotes the workbook's own markers is left alone);
- each check cell (course_lib.workbook.check_cells: a `checks.check_<name>(<name>)` line whose
  function is an exercise's) becomes a locked, graded test cell worth one point per check it calls
  (a failing check raises CheckFailed, an AssertionError, so the test fails); a demonstration such
  as `checks.check_sigmoid(wrong_sigmoid)` is not one;
- every cell keeps its id (one is given where missing).

<assignment> is the notebook's name up to its first "_" (c1w2, …, playground). course/ also gets
nbgrader_config.py. Files that exist in course/ are never written (an instructor's edits and
gradebook stay as they are): they are reported, with a note where the fresh export differs; a
notebook new upstream gets its assignment beside the existing ones.

Usage: python tools/export_course.py [--out course] [--notebooks notebooks]
"""

import argparse
import copy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from course_lib.workbook import BEGIN, END, check_cells, is_exercise, strip_solutions
from course_lib.workbook.copies import SolutionMarkerError, _source

REPO = Path(__file__).resolve().parents[1]
DELIMITERS = {BEGIN: "### BEGIN SOLUTION", END: "### END SOLUTION"}
KERNEL = "course-workbook"  # the learners' .venv, installed for nbgrader by `make course-env`
TOP_LEVEL = re.compile(r"^(?:async\s+)?(?:def|class)\s+(\w+)", flags=re.MULTILINE)
CONFIG = f'''"""nbgrader's configuration for the Deep Learning Workbook course (written by
tools/export_course.py)."""

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "deep-learning-workbook"
# The exercises' solution blocks, as the export writes them: a markdown line quoting the
# workbook's own `# BEGIN SOLUTION` is not one.
c.ClearSolutions.begin_solution_delimeter = "{DELIMITERS[BEGIN]}"
c.ClearSolutions.end_solution_delimeter = "{DELIMITERS[END]}"
# Run the notebooks with the learners' environment (numpy, torch, course_lib): `make course-env`
# installs this kernel; on a hub, install it from the learners' image:
#   python -m ipykernel install --user --name {KERNEL}
c.Execute.kernel_name = "{KERNEL}"
# The workbook's longest cells train for up to about a minute on 2 cores (nbgrader's default: 30 s).
c.Execute.timeout = 120
'''


class CourseExportError(ValueError):
    """A notebook whose exercises cannot become nbgrader cells (the message says where and why)."""


def assignment_name(path):
    """The assignment a notebook becomes: its name up to the first "_" (c1w2, playground)."""
    return Path(path).stem.split("_")[0]


def _nbgrader(grade_id, solution, grade, locked, points=None):
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def _with_delimiters(source):
    """source with each workbook solution marker line written as nbgrader's delimiter (same
    indentation)."""
    lines = source.splitlines(keepends=True)
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker in DELIMITERS:
            lines[index] = line.replace(marker, DELIMITERS[marker], 1)
    return lines


def _refuse_markers(cell, source, where):
    """Raise CourseExportError when a cell that is not an exercise holds a line nbgrader would take
    for a solution delimiter, or (a code cell) a workbook solution marker."""
    markers = [*DELIMITERS.values(), *(DELIMITERS if cell["cell_type"] == "code" else ())]
    for marker in markers:
        if marker in source:
            raise CourseExportError(
                f"{where} ({cell['cell_type']}, not an exercise) contains `{marker}`: only an "
                "exercise cell (tagged `exercise`) may hold a solution block; tag the cell or "
                "reword the line"
            )


def course_notebook(notebook, name="notebook"):
    """A copy of a notebook (the dict of its JSON) with nbgrader's metadata on its exercise cells
    (answer cells) and check cells (graded test cells, one point per check); None when no cell
    checks an exercise. Raises CourseExportError for solution markers nbgrader would misread."""
    checked = check_cells(notebook)
    if not checked:
        return None
    course = copy.deepcopy(notebook)
    course["nbformat"], course["nbformat_minor"] = 4, max(course.get("nbformat_minor", 0), 5)
    tests, grade_ids = dict(checked), set()
    for index, cell in enumerate(course["cells"]):
        where = f"{name}, cell {index + 1}"
        cell.setdefault("id", f"cell-{index + 1}")
        source = _source(cell)
        if is_exercise(cell):
            if BEGIN not in source:
                raise CourseExportError(
                    f"{where} is an exercise without a `{BEGIN}` … `{END}` block: nbgrader would "
                    "give the learner the solution; put the solution between the markers"
                )
            try:
                strip_solutions(source, where=where)
            except SolutionMarkerError as error:
                raise CourseExportError(str(error)) from None
            cell["source"] = _with_delimiters(source)
            names = TOP_LEVEL.findall(source) or [f"cell{index + 1}"]
            meta = _nbgrader(f"answer_{'_'.join(names)}", True, False, False)
        else:
            _refuse_markers(cell, source, where)
            if index not in tests:
                continue
            checks = [check for check, _ in tests[index]]
            meta = _nbgrader("test_" + "_".join(checks), False, True, True, len(checks))
        while meta["grade_id"] in grade_ids:  # nbgrader refuses a notebook with a repeated one
            meta["grade_id"] += "_again"
        grade_ids.add(meta["grade_id"])
        cell.setdefault("metadata", {})["nbgrader"] = meta
    return course


@dataclass
class CourseReport:
    """What export_course did: the files it created, and those it kept as they were (with the
    ones whose fresh export differs)."""

    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    differs: list = field(default_factory=list)

    def lines(self):
        out = [f"created {path}" for path in self.created]
        if self.created:
            out.append(
                "next: make course-env, `source .venv-instructor/bin/activate`, `cd` into the "
                "course folder, `nbgrader generate_assignment c1w2` (README: For instructors)"
            )
        if self.kept:
            out.append(f"kept {len(self.kept)} existing file(s) as they are (never overwritten)")
        out += [
            f"differs from a fresh export (yours is kept): {path} — to compare, export beside it: "
            "make course COURSE=course-fresh"
            for path in self.differs
        ]
        return out


def _write_new(path, text, report, display):
    """Create path with text unless it exists (then record it as kept, and whether it differs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        report.created.append(display)
    except FileExistsError:
        report.kept.append(display)
        if path.read_text(encoding="utf-8") != text:
            report.differs.append(display)


def export_course(out, notebooks=REPO / "notebooks"):
    """Write the course directory out/ from the notebooks in the folder notebooks (nothing in it is
    overwritten); returns a CourseReport."""
    out, report = Path(out), CourseReport()
    _write_new(out / "nbgrader_config.py", CONFIG, report, f"{out.name}/nbgrader_config.py")
    for path in sorted(Path(notebooks).glob("*.ipynb")):
        course = course_notebook(json.loads(path.read_text(encoding="utf-8")), path.name)
        if course is None:
            continue
        relative = Path("source", assignment_name(path), path.name)
        text = json.dumps(course, indent=1, ensure_ascii=False) + "\n"
        _write_new(out / relative, text, report, f"{out.name}/{relative.as_posix()}")
    return report


def main(argv=None):
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "course")
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks")
    args = parser.parse_args(argv)
    try:
        report = export_course(args.out, args.notebooks)
    except CourseExportError as error:
        print(f"make course: {error}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()) or "nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
