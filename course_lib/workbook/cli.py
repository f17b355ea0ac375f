"""The command line: `python -m course_lib.workbook make|progress` (`make workbook`,
`make progress`)."""

import argparse
import sys
from pathlib import Path

from course_lib.workbook.checking import progress
from course_lib.workbook.copies import WORKBOOK_DIR, SolutionMarkerError, make_workbook
from course_lib.workbook.view import progress_text

DESCRIPTION = (
    "The learner's workbook: copies of the notebooks without their solutions, "
    "and a view of which exercises pass."
)


def main(argv=None):
    """Run the `make` or `progress` command of argv (default: sys.argv[1:]); returns the exit
    status."""
    parser = argparse.ArgumentParser(prog="python -m course_lib.workbook", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser(
        "make", help="create the learner copies that do not exist yet (never overwrites)"
    )
    make.add_argument(
        "--fresh", metavar="NAME", help="write a fresh copy of notebook NAME… beside yours, dated"
    )
    check = commands.add_parser(
        "progress", help="run the checks on your copies and show which exercises pass"
    )
    check.add_argument(
        "--timeout", type=float, default=60, help="seconds for the checks of each copy (default 60)"
    )
    for sub in (make, check):
        sub.add_argument(
            "--root",
            type=Path,
            default=None,
            help="the repository folder (default: found from here)",
        )
        sub.add_argument(
            "--folder",
            default=WORKBOOK_DIR,
            help=f"the workbook folder in the root (default {WORKBOOK_DIR})",
        )
    args = parser.parse_args(argv)
    if args.command == "make":
        try:
            report = make_workbook(args.root, args.folder, fresh=args.fresh)
        except (ValueError, SolutionMarkerError) as error:
            print(error, file=sys.stderr)
            return 2
        print("\n".join(report.lines(args.folder)) or "nothing to do")
        return 0
    print(progress_text(progress(args.root, args.folder, args.timeout), args.folder))
    return 0
