"""Learner copies: each notebook with its solutions replaced by stubs, never written over a copy.

Each code between `# BEGIN SOLUTION` and `# END SOLUTION` becomes a `raise NotImplementedError(...)`
stub at the same indentation, outputs and execution counts are cleared, everything else is kept.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
WORKBOOK_DIR = "my_workbook"
STUB = (
    "{indent}# YOUR CODE HERE: replace the next line with your solution\n"
    '{indent}raise NotImplementedError("{name}: your code goes here — replace this line, '
    'then run the check cell below")\n'
)

# Notebooks renamed or split upstream: {old name: (its successors, in order)}. A learner's copy
# under an old name is never touched: `make workbook` reports it (and creates the successors'
# copies beside it), `make progress` still checks it against the successors' exercises.
RENAMED = {
    "c2w3_tuning_batchnorm_softmax.ipynb": (
        "c2w3a_hyperparameter_tuning.ipynb",
        "c2w3b_batch_normalization.ipynb",
        "c2w3c_softmax_regression.ipynb",
        "c2w3d_frameworks.ipynb",
    ),
}

STUB_MESSAGE = re.compile(r"^(\w+): your code goes here")


def unwritten_function(error):
    """The name of the exercise whose stub raised error (a NotImplementedError from a learner
    copy's `raise NotImplementedError("<name>: your code goes here …")`), else None."""
    if not isinstance(error, NotImplementedError):
        return None
    match = STUB_MESSAGE.match(str(error))
    return match.group(1) if match else None


class SolutionMarkerError(ValueError):
    """A `# BEGIN SOLUTION` without its `# END SOLUTION` (or the other way round) in a notebook's
    code cell."""


def find_root(start=None):
    """The repository folder (holding notebooks/ and course_lib/), searched upwards from start
    (default: the current folder, which is notebooks/ or my_workbook/ inside Jupyter); course_lib's
    own parent folder as a fallback."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "notebooks").is_dir() and (folder / "course_lib").is_dir():
            return folder
    return Path(__file__).resolve().parents[2]


def _enclosing_function(lines, index, indent):
    """The exercise a solution block at lines[index] belongs to: its enclosing function, or the
    class when that function is a method (a block in `__init__` or `forward` of an exercise class
    belongs to the class)."""
    name = None
    for line in reversed(lines[:index]):
        match = re.match(r"(\s*)(?:(?:async\s+)?def|(class))\s+(\w+)\s*[(:]", line)
        if match and len(match.group(1)) < len(indent):
            if match.group(2) or name is None:
                name = match.group(3)
            indent = match.group(1)
    return name or "this exercise"


def strip_solutions(source, where="a code cell"):
    """source with every `# BEGIN SOLUTION` … `# END SOLUTION` block (markers included) replaced by
    a stub that raises NotImplementedError at the marker's indentation, naming the enclosing
    function; the other lines unchanged."""
    lines = source.splitlines(keepends=True)
    out, start = [], None
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker == BEGIN:
            if start is not None:
                raise SolutionMarkerError(
                    f"{where}: a second `{BEGIN}` before the `{END}` of the one on line {start + 1}"
                )
            start = index
        elif marker == END:
            if start is None:
                raise SolutionMarkerError(
                    f"{where}: `{END}` on line {index + 1} without a `{BEGIN}` before it"
                )
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            stub = STUB.format(indent=indent, name=_enclosing_function(lines, start, indent))
            out.append(stub if line.endswith("\n") else stub.rstrip("\n"))
            start = None
        elif start is None:
            out.append(line)
    if start is not None:
        raise SolutionMarkerError(f"{where}: `{BEGIN}` on line {start + 1} has no `{END}`")
    return "".join(out)


def _source(cell):
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _as_lines(text):
    return text.splitlines(keepends=True)


def learner_copy(notebook, name="notebook"):
    """A copy of a notebook (the dict of its JSON) with solutions stubbed out, outputs, execution
    counts and nbclient's execution timings cleared, and everything else kept; notebook metadata
    "workbook" records where it came from."""
    copy = json.loads(json.dumps(notebook))
    for number, cell in enumerate(copy["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        source = _source(cell)
        if BEGIN in source or END in source:
            cell["source"] = _as_lines(strip_solutions(source, where=f"{name}, code cell {number}"))
        cell["outputs"], cell["execution_count"] = [], None
        cell.get("metadata", {}).pop("execution", None)
    copy["metadata"].pop("widgets", None)
    copy["metadata"]["workbook"] = {
        "source": f"notebooks/{name}",
        "source_hash": learner_hash(copy),
    }
    return copy


def learner_hash(copy):
    """sha256 (first 16 hex digits) of a learner copy's cell types and sources: it changes when the
    notebook's text or its exercises change upstream, not when its outputs are refreshed."""
    text = json.dumps(
        [[cell["cell_type"], _source(cell)] for cell in copy["cells"]], ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _write_new(path, notebook):
    """Write a notebook to a path that must not exist yet (mode "x": an existing file is never
    overwritten)."""
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")


@dataclass
class WorkbookReport:
    """What make_workbook did: names of the copies created, kept as they were, kept though changed
    upstream, kept though renamed or split upstream (old name, its successors), fresh."""

    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    changed_upstream: list = field(default_factory=list)
    fresh: list = field(default_factory=list)
    renamed: list = field(default_factory=list)

    def lines(self, folder):
        out = [f"created {folder}/{name}" for name in self.created]
        out += [f"fresh copy {folder}/{name} (your copy is untouched)" for name in self.fresh]
        if self.kept:
            out.append(
                f"kept your {len(self.kept)} existing "
                f"cop{'y' if len(self.kept) == 1 else 'ies'} as they are"
            )
        for name in self.changed_upstream:
            short = name.split("_")[0]
            out.append(
                f"changed upstream since your copy was made: {name} — yours is kept; "
                f"for a fresh copy beside it run: make workbook FRESH={short}"
            )
        for old, successors in self.renamed:
            into = (
                f"split into {', '.join(successors)}"
                if len(successors) > 1
                else f"renamed to {successors[0]}"
            )
            out.append(
                f"renamed upstream: {old} was {into} — your {folder}/{old} is kept as it is "
                "(make progress still checks it); the new notebooks get copies of their own"
            )
        return out


def renamed_copies(root, folder=WORKBOOK_DIR, renamed=None):
    """[(old name, successors)] for each learner copy root/folder/<old name> of a notebook that was
    renamed or split upstream (RENAMED) and is no longer in root/notebooks/."""
    root = Path(root)
    return [
        (old, successors)
        for old, successors in (RENAMED if renamed is None else renamed).items()
        if (root / folder / old).exists() and not (root / "notebooks" / old).exists()
    ]


def make_workbook(root=None, folder=WORKBOOK_DIR, fresh=None, today=None):
    """Create root/folder/<name>.ipynb for each root/notebooks/<name>.ipynb that has no copy yet;
    with fresh="c1w2" (a name's start) write <name>_fresh-YYYYMMDD.ipynb beside the learner's copy
    instead. Existing files are never written; a copy of a notebook renamed or split upstream is
    reported in report.renamed."""
    root = Path(root) if root else find_root()
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    target = root / folder
    target.mkdir(exist_ok=True)
    report = WorkbookReport()
    if fresh:
        matches = [path for path in notebooks if path.stem.startswith(fresh)]
        if len(matches) != 1:
            names = ", ".join(path.stem for path in matches) or "no notebook"
            raise ValueError(
                f"FRESH={fresh} matches {names}; "
                "give the start of one notebook's name, e.g. FRESH=c1w2"
            )
        day = (today or datetime.date.today()).strftime("%Y%m%d")
        path, suffix = target / f"{matches[0].stem}_fresh-{day}.ipynb", 2
        while path.exists():
            path, suffix = target / f"{matches[0].stem}_fresh-{day}-{suffix}.ipynb", suffix + 1
        _write_new(
            path, learner_copy(json.loads(matches[0].read_text(encoding="utf-8")), matches[0].name)
        )
        report.fresh.append(path.name)
        return report
    for source in notebooks:
        copy = learner_copy(json.loads(source.read_text(encoding="utf-8")), source.name)
        path = target / source.name
        if not path.exists():
            _write_new(path, copy)
            report.created.append(source.name)
            continue
        report.kept.append(source.name)
        try:
            made_from = json.loads(path.read_text(encoding="utf-8"))["metadata"]["workbook"][
                "source_hash"
            ]
        except (ValueError, KeyError, TypeError):
            made_from = (
                None  # not a copy we made, or its metadata was removed: nothing to compare with
            )
        if made_from is not None and made_from != copy["metadata"]["workbook"]["source_hash"]:
            report.changed_upstream.append(source.name)
    report.renamed = renamed_copies(root, folder)
    return report
