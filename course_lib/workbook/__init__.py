"""The learner's workbook: copies of the notebooks without their solutions, and a view of which
exercises pass.

`make workbook` (python -m course_lib.workbook make) writes my_workbook/<name>.ipynb for every
notebooks/<name>.ipynb, with each solution replaced by a stub. An existing copy is never touched; a
copy whose notebook changed upstream is reported, and `make workbook FRESH=c1w2` writes a fresh copy
beside it; a copy of a notebook renamed or split upstream (RENAMED) is kept and reported.
`make progress` (python -m course_lib.workbook progress) runs the checks on the learner's copies in
subprocesses (an old name's copy against its successors' exercises), and caches the results by each
copy's content (my_workbook/.progress-cache.json), so only changed copies are run again.

Where each part lives:
    copies    strip_solutions, learner_copy, learner_hash, make_workbook and its WorkbookReport,
              find_root, RENAMED and renamed_copies
    checking  is_exercise, check_cells, exercises, the checks run on a copy in a child process
              with a timeout, the cache, progress
    view      progress_rows, progress_text, progress_markdown, show_progress (00_start_here)
    cli       main: the `make` and `progress` commands (`__main__` runs it)
"""

from course_lib.workbook.checking import (
    CACHE,
    ExerciseResult,
    check_cells,
    exercises,
    is_exercise,
    progress,
)
from course_lib.workbook.cli import main
from course_lib.workbook.copies import (
    BEGIN,
    END,
    RENAMED,
    STUB,
    WORKBOOK_DIR,
    SolutionMarkerError,
    WorkbookReport,
    find_root,
    learner_copy,
    learner_hash,
    make_workbook,
    renamed_copies,
    strip_solutions,
    unwritten_function,
)
from course_lib.workbook.view import (
    NO_WORKBOOK,
    UNWRITTEN,
    explain_unwritten_exercises,
    progress_markdown,
    progress_rows,
    progress_text,
    show_progress,
)

__all__ = [
    # copies
    "BEGIN",
    "END",
    "STUB",
    "RENAMED",
    "WORKBOOK_DIR",
    "SolutionMarkerError",
    "WorkbookReport",
    "find_root",
    "strip_solutions",
    "learner_copy",
    "learner_hash",
    "make_workbook",
    "renamed_copies",
    "unwritten_function",
    # checking
    "CACHE",
    "ExerciseResult",
    "check_cells",
    "exercises",
    "is_exercise",
    "progress",
    # view
    "NO_WORKBOOK",
    "UNWRITTEN",
    "explain_unwritten_exercises",
    "progress_rows",
    "progress_text",
    "progress_markdown",
    "show_progress",
    # cli
    "main",
]
