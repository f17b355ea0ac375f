"""Every nbval marker in the notebooks is one nbval honours, says why, and is on the list of ignored
cells below.

nbval (0.11) reads a comment marker only when the whole comment is the marker: `#
NBVAL_IGNORE_OUTPUT` alone on its line. `# NBVAL_IGNORE_OUTPUT (because …)` is an ordinary comment
and the cell is compared in full, which is how fourteen markers once sat in the notebooks doing
nothing. The tags nbval reads are `nbval-ignore-output`, `nbval-skip`, `nbval-check-output`,
`nbval-raises-exception` and `raises-exception`.
"""

import json
from pathlib import Path

import pytest
from nbval.plugin import comment_markers, find_comment_markers, find_metadata_tags, metadata_tags

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))

# The cells whose output nbval does not compare, with the reason each gives (the comment line under
# its marker), one
# entry per cell. An ignored cell tests only that it runs: print what is stable instead (a rounded
# number, a shape, the
# boolean of a claim), and add a cell here only when nothing is.
DEVICE = "# Not compared: which device this machine has."
FLOAT32_TRAINING = (
    "# Not compared: float32 training, whose last bits differ between CPUs and GPUs "
    "(the check below holds on each)."
)
IGNORED = sorted(
    [
        (
            "00_start_here",
            "# Not compared: the table shows the checks of your own copies in my_workbook/.",
        ),
        *[
            (
                "c3w1_ml_strategy",
                "# Not compared: running times measured on this machine (the accuracies "
                "are printed again in "
                "section 5).",
            )
        ]
        * 2,
        ("c4w1_convolutional_networks", DEVICE),
        (
            "c4w1_convolutional_networks",
            "# Not compared: a progress bar, the device and the time it took.",
        ),
        (
            "c4w1_convolutional_networks",
            "# Not compared: float32 training, whose last bits differ "
            "between CPUs and GPUs and "
            "grow over 10 epochs (checks below).",
        ),
        (
            "c4w1_convolutional_networks",
            "# Not compared: which filters end up dead depends on the "
            "float32 rounding of the "
            "device it trained on.",
        ),
        *[("c4w1_convolutional_networks", FLOAT32_TRAINING)] * 2,
        ("c4w2a_case_studies", DEVICE),
        *[("c4w2a_case_studies", FLOAT32_TRAINING)] * 2,
        ("c4w2b_practical_advice", DEVICE),
        *[("c4w2b_practical_advice", FLOAT32_TRAINING)] * 3,
        *[
            (
                "c4w2b_practical_advice",
                "# Not compared: times measured on this machine, and float32 "
                "training that differs "
                "between CPUs and GPUs (checks below).",
            )
        ]
        * 2,
    ]
)


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def looks_like_a_marker(line):
    """A comment line that mentions nbval or one of its marker words, however it is spelled."""
    text = line.strip()
    words = (
        "NBVAL",
        "IGNORE_OUTPUT",
        "IGNORE-OUTPUT",
        "CHECK_OUTPUT",
        "RAISES_EXCEPTION",
        "PYTEST_VALIDATE",
    )
    return text.startswith("#") and any(word in text.upper() for word in words)


def honoured(line):
    """What nbval itself reads from this one line (an empty list: nothing)."""
    return list(find_comment_markers(line))


def marker_problems(cells):
    """[(cell number, problem)] for marker-like lines or tags nbval ignores, and ignore/skip markers
    without a reason."""
    problems = []
    for number, cell in enumerate(cells):
        lines = source(cell).splitlines()
        for index, line in enumerate(lines):
            if not looks_like_a_marker(line):
                continue
            if not honoured(line):
                problems.append(
                    (
                        number,
                        f"{line.strip()!r} is not a marker nbval reads: the "
                        f"comment must be exactly "
                        f"one of {sorted(comment_markers)}, with the reason on "
                        f"the next line",
                    )
                )
            elif line.lstrip("#").strip() in ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP"):
                reason = lines[index + 1].strip() if index + 1 < len(lines) else ""
                if not (
                    reason.startswith("#")
                    and len(reason.lstrip("# ")) >= 15
                    and not honoured(reason)
                ):
                    problems.append(
                        (number, f"{line.strip()!r} needs the reason as a comment on the next line")
                    )
        tags = cell.get("metadata", {}).get("tags", [])
        for tag in tags:
            if "nbval" in tag.lower() and tag not in metadata_tags:
                problems.append(
                    (number, f"tag {tag!r} is not one nbval reads: {sorted(metadata_tags)}")
                )
        if {"nbval-ignore-output", "nbval-skip"} & set(tags):
            first = lines[0].strip() if lines else ""
            if not (first.startswith("#") and len(first.lstrip("# ")) >= 15):
                problems.append(
                    (
                        number,
                        "a cell tagged to be ignored or skipped needs the reason as its first line",
                    )
                )
    return problems


def ignored_cells(path):
    """[(notebook stem, reason)] for the cells whose output nbval does not compare
    (or which it skips)."""
    found = []
    for cell in code_cells(path):
        options = dict(find_metadata_tags(cell.get("metadata", {})))
        options.update(find_comment_markers(source(cell)))
        if options.get("check", True) is False or options.get("skip"):
            lines = source(cell).splitlines()
            markers = [i for i, line in enumerate(lines) if honoured(line)]
            reason = lines[markers[0] + 1] if markers and markers[0] + 1 < len(lines) else lines[0]
            found.append((path.stem, reason.strip()))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_marker_is_one_nbval_honours_and_gives_its_reason(path):
    assert marker_problems(code_cells(path)) == []


def test_the_ignored_cells_are_the_listed_ones():
    found = sorted(cell for path in NOTEBOOKS for cell in ignored_cells(path))
    assert [cell for cell in found if cell not in IGNORED] == [], (
        "a new ignored cell: print stable values instead, or add it to IGNORED with its reason"
    )
    assert found == IGNORED, (
        "IGNORED and the notebooks' ignored cells differ (one taken off, or a count changed)"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# NBVAL_IGNORE_OUTPUT (timings)\nprint(1)", "is not a marker nbval reads"),
        ("#NBVAL_IGNORE_OUTPUT: timings\nprint(1)", "is not a marker nbval reads"),
        ("# nbval_ignore_output\nprint(1)", "is not a marker nbval reads"),
        ("# NBVAL_IGNORE_OUTPUT\nprint(1)", "needs the reason"),
        ("# NBVAL_SKIP\n# short\nprint(1)", "needs the reason"),
    ],
)
def test_the_marker_rule_catches_what_nbval_would_silently_ignore(text, problem):
    problems = marker_problems([{"cell_type": "code", "source": text, "metadata": {}}])
    assert len(problems) == 1 and problem in problems[0][1]


@pytest.mark.parametrize(
    "tags", [["nbval_ignore_output"], ["nbval-ignore"], ["nbval-ignore-output"]]
)
def test_the_tag_rule_catches_unknown_tags_and_missing_reasons(tags):
    assert (
        marker_problems([{"cell_type": "code", "source": "print(1)", "metadata": {"tags": tags}}])
        != []
    )


def test_a_marker_with_its_reason_below_passes_and_is_found_as_ignored(tmp_path):
    cell = {
        "cell_type": "code",
        "source": "# NBVAL_IGNORE_OUTPUT\n# Not compared: the time this machine takes.\nx = 1",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
    }
    assert marker_problems([cell]) == []
    path = tmp_path / "demo.ipynb"
    path.write_text(
        json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        encoding="utf-8",
    )
    assert ignored_cells(path) == [("demo", "# Not compared: the time this machine takes.")]


def test_nbval_reads_markers_as_this_test_assumes():
    """If a new nbval reads markers differently, this test and the notebooks' markers must be looked
    at again."""
    assert honoured("# NBVAL_IGNORE_OUTPUT") == [("check", False)]
    assert honoured("# NBVAL_IGNORE_OUTPUT (reason)") == []
    assert dict(find_metadata_tags({"tags": ["nbval-ignore-output"]})) == {"check": False}
