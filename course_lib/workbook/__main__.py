"""`python -m course_lib.workbook make|progress`: runs the command line (cli.main)."""

import sys

from course_lib.workbook.cli import main

sys.exit(main())
