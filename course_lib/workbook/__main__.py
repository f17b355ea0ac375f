"""`python -m course_lib.workbook make|progress`: runs the command line (cli.main)."""

import sys

from course_lib.workbook.cli import main

if __name__ == "__main__":  # importing the module (as the packaging test does) runs nothing
    sys.exit(main())
