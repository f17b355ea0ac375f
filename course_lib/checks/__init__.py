"""Checks for the notebooks' exercises: each runs the learner's function on several cases (edge
cases included), compares with course_lib's reference, and explains a failure — which case,
expected vs got, and the usual mistake when the wrong answer matches one.

A check prints "✓ …" when every case passes and raises CheckFailed (an AssertionError) otherwise.
There is one module per notebook (c1w2 … c4w2b, playground), named after it, holding the checks of
that notebook's exercises in the order they come; framework holds CheckFailed and the machinery
every check uses (call, mismatch, entry, run).
"""

from course_lib.checks import (
    c1w2,
    c1w3,
    c1w4,
    c2w1a,
    c2w1b,
    c2w2,
    c2w3,
    c3w1,
    c3w2,
    c4w1,
    c4w2a,
    c4w2b,
    playground,
)
from course_lib.checks.c1w2 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c1w3 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c1w4 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c2w1a import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c2w1b import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c2w2 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c2w3 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c3w1 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c3w2 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c4w1 import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c4w2a import *  # noqa: F403 — the names in its __all__
from course_lib.checks.c4w2b import *  # noqa: F403 — the names in its __all__
from course_lib.checks.framework import CheckFailed
from course_lib.checks.playground import *  # noqa: F403 — the names in its __all__

__all__ = [
    "CheckFailed",
    *c1w2.__all__,
    *c1w3.__all__,
    *c1w4.__all__,
    *c2w1a.__all__,
    *c2w1b.__all__,
    *c2w2.__all__,
    *c2w3.__all__,
    *c3w1.__all__,
    *c3w2.__all__,
    *c4w1.__all__,
    *c4w2a.__all__,
    *c4w2b.__all__,
    *playground.__all__,
]
