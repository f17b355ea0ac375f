"""The progress view: progress()'s results as a text table, a Markdown table, and a notebook cell's
output."""

import inspect
import os
import re
import time
from pathlib import Path

from course_lib.workbook.checking import progress
from course_lib.workbook.copies import RENAMED, WORKBOOK_DIR, find_root, unwritten_function

NO_WORKBOOK = (
    "You have no workbook yet ({folder}/ does not exist). "
    "Create it with `make workbook` in a terminal at the repository root,\n"
    "work in the copies in {folder}/, then run this again to see which exercises pass."
)

UNWRITTEN = (
    "✗ {name} is not written yet, and this cell needs it: finish the exercise `{kind} {name}` "
    "above (run its cell and its check), then run this cell again."
)


def _explain_unwritten(shell, etype, evalue, tb, tb_offset=None):
    """IPython's handler for a NotImplementedError (it must show the error itself): one line naming
    the unwritten exercise (`def name`, or `class Name` for a PyTorch module) when the error comes
    from a learner copy's stub, else the usual traceback."""
    name = unwritten_function(evalue)
    if name is None:
        lines = shell.InteractiveTB.structured_traceback(etype, evalue, tb, tb_offset=tb_offset)
    else:
        kind = "class" if inspect.isclass(shell.user_ns.get(name)) else "def"
        lines = [UNWRITTEN.format(kind=kind, name=name)]
    shell._showtraceback(etype, evalue, lines)


def explain_unwritten_exercises():
    """In IPython (a notebook), show a stub's NotImplementedError as one line that names the
    exercise to finish first, instead of a traceback through every function that called it. The
    cell still fails, so "Run all" stops there. Outside IPython, nothing to do."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((NotImplementedError,), _explain_unwritten)


def _week(name):
    match = re.match(r"c(\d+)w(\d+)", name)
    return f"C{match.group(1)} W{match.group(2)}" if match else "—"


def progress_rows(results):
    """[(week, notebook, "passed / total", "✓ f · ✗ g (why)")] from progress()'s result."""
    rows = []
    for name, items in results.items():
        stem = name.removesuffix(".ipynb")
        if items is None:
            rows.append((_week(stem), stem, "—", "no copy yet: run `make workbook`"))
            continue
        passed = sum(item.passed for item in items)
        status = " · ".join(
            f"✓ {item.function}" if item.passed else f"✗ {item.function} ({item.message})"
            for item in items
        )
        if name in RENAMED:
            successors = ", ".join(new.removesuffix(".ipynb") for new in RENAMED[name])
            status = f"(your copy of the old notebook, split upstream into {successors}) {status}"
        rows.append((_week(stem), stem, f"{passed} / {len(items)}", status))
    return rows


def progress_text(results, folder=WORKBOOK_DIR):
    """A plain-text table of progress() (or the how-to when there is no workbook yet)."""
    if results is None:
        return NO_WORKBOOK.format(folder=folder)
    rows = progress_rows(results)
    header = ("Week", "Notebook", "Passing", "Exercises")
    widths = [max(len(str(row[column])) for row in [header, *rows]) for column in range(3)]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in [header, *rows]
    ]
    lines.append(_total_line(results, folder))
    return "\n".join(lines)


def _total_line(results, folder=WORKBOOK_DIR):
    """ "k of n exercises in <folder>/ pass their checks", over the copies of the current notebooks;
    an old copy of a notebook renamed or split upstream is counted apart (its successors' copies
    hold the same exercises again)."""
    old = {name for name in results if name in RENAMED}
    current = [i for name, items in results.items() if items and name not in old for i in items]
    before = [i for name, items in results.items() if items and name in old for i in items]
    line = f"{sum(i.passed for i in current)} of {len(current)} exercises in {folder}/ pass"
    line += " their checks"
    if before:
        line += (
            f" (not counted: your old copies of notebooks split upstream, where "
            f"{sum(i.passed for i in before)} of {len(before)} pass)"
        )
    return line


def progress_markdown(results, link_to=""):
    """A Markdown table of progress(): one row per notebook with exercises, linked to
    link_to/<name>.ipynb (the learner's copy, as a path relative to the notebook that shows the
    table)."""
    prefix = f"{Path(link_to).as_posix()}/" if link_to not in ("", ".") else ""
    table = ["| Week | Notebook | Passing | Exercises |", "|---|---|---|---|"]
    table += [
        f"| {week} | [{stem}]({prefix}{stem}.ipynb) | {count} | {status.replace('|', '∣')} |"
        for week, stem, count, status in progress_rows(results)
    ]
    return "\n".join(table)


def show_progress(root=None, folder=WORKBOOK_DIR, timeout=60):
    """The notebook cell's view: progress_markdown's table and a total (a how-to when there is no
    workbook yet)."""
    from IPython.display import Markdown, display

    started = time.perf_counter()
    results = progress(root, folder, timeout)
    if results is None:
        print(NO_WORKBOOK.format(folder=folder))
        return
    root = Path(root) if root else find_root()
    display(
        Markdown(progress_markdown(results, link_to=os.path.relpath(root / folder, Path.cwd())))
    )
    print(f"{_total_line(results, folder)} (checked in {time.perf_counter() - started:.1f} s)")
