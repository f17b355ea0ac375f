"""Release an nbgrader course directory's assignments and validate both versions (issue 21).

Run with the instructors' Python (.venv-instructor, `make course-env`), on a course directory that
`make course` wrote: nbgrader's GenerateAssignment (`nbgrader generate_assignment --no-db`: the
gradebook is not touched) writes every assignment's release version, then nbgrader's own
Validator (`nbgrader validate`, whose exit status says nothing) runs each source version, which
must pass every graded cell, and each release version, which must fail every graded cell
(`nbgrader validate --invert`). The notebooks run in
--jobs processes at once. Prints one JSON line per notebook, {"notebook", "version", "seconds",
"cpu_seconds" (its own and its kernel's: the machine's load moves it less), "problems" (nbgrader's
result, empty when the notebook is as it should be)}; exits 1 if any has problems.

Usage: .venv-instructor/bin/python tools/validate_course.py COURSE [--only c1w2 c3w1 …] [--jobs 2]
"""

import argparse
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _config(course):
    """The course's nbgrader_config.py, loaded as nbgrader does."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()


def release(course, assignments):
    """Write course/release/<assignment>/ for each assignment: what `nbgrader generate_assignment
    ASSIGNMENT --no-db --force` does, in this process (one nbgrader command takes seconds to
    start)."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    config = _config(course)
    config.GenerateAssignment.no_database = True
    config.SaveCells.enabled = False
    config.BaseConverter.force = True
    for assignment in assignments:
        coursedir = CourseDirectory(config=config, root=str(course))
        coursedir.assignment_id = assignment
        GenerateAssignment(coursedir=coursedir, config=config).start()


def _cpu_seconds():
    """CPU time of this process and of its finished children (the notebook's kernel)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def validate(course, notebook, version):
    """{"notebook", "version", "seconds", "problems"}: nbgrader's Validator on course/notebook,
    inverted for the release version."""
    from nbgrader.validator import Validator

    started, cpu = time.perf_counter(), _cpu_seconds()
    problems = Validator(config=_config(course), invert=version == "release").validate(
        str(Path(course) / notebook)
    )
    for cells in problems.values():
        for cell in cells:
            cell.pop("error", None)  # the HTML copy of raw_error
    return {
        "notebook": Path(notebook).name,
        "version": version,
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(_cpu_seconds() - cpu, 1),
        "problems": problems,
    }


def main(argv=None):
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path)
    parser.add_argument("--only", nargs="*", help="these assignments (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    course = args.course.resolve()
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    assignments = args.only or sorted(p.name for p in (course / "source").iterdir() if p.is_dir())
    started = time.perf_counter()
    release(course, assignments)
    print(json.dumps({"released": assignments, "seconds": round(time.perf_counter() - started, 1)}))
    jobs = [
        (course, notebook.relative_to(course).as_posix(), version)
        for assignment in assignments
        for version in ("source", "release")
        for notebook in sorted((course / version / assignment).glob("*.ipynb"))
    ]
    failed = False
    with ProcessPoolExecutor(args.jobs) as pool:
        for result in pool.map(validate, *zip(*jobs, strict=True)):
            print(json.dumps(result, ensure_ascii=False), flush=True)
            failed = failed or bool(result["problems"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
