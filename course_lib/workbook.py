"""The learner's workbook: copies of the notebooks without their solutions, and a view of which exercises pass.

`make workbook` (python -m course_lib.workbook make) writes my_workbook/<name>.ipynb for every notebooks/<name>.ipynb:
each code between `# BEGIN SOLUTION` and `# END SOLUTION` becomes a `raise NotImplementedError(...)` stub at the same
indentation, outputs and execution counts are cleared, everything else is kept. An existing copy is never touched;
a copy whose notebook changed upstream is reported, and `make workbook FRESH=c1w2` writes a fresh copy beside it.
`make progress` (python -m course_lib.workbook progress) runs the checks on the learner's copies in subprocesses, and
caches the results by each copy's content (my_workbook/.progress-cache.json), so only changed copies are run again.
"""
import argparse
import ast
import datetime
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import asdict, dataclass, field
from pathlib import Path

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
WORKBOOK_DIR = "my_workbook"
STUB = ('{indent}# YOUR CODE HERE: replace the next line with your solution\n'
        '{indent}raise NotImplementedError("{name}: your code goes here — replace this line, then run the check cell below")\n')


class SolutionMarkerError(ValueError):
    """A `# BEGIN SOLUTION` without its `# END SOLUTION` (or the other way round) in a notebook's code cell."""


def find_root(start=None):
    """The repository folder (holding notebooks/ and course_lib/), searched upwards from start (default: the current
    folder, which is notebooks/ or my_workbook/ inside Jupyter); course_lib's own parent folder as a fallback."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "notebooks").is_dir() and (folder / "course_lib").is_dir():
            return folder
    return Path(__file__).resolve().parents[1]


# ---- generating learner copies --------------------------------------------------------------------------------

def _enclosing_function(lines, index, indent):
    for line in reversed(lines[:index]):
        match = re.match(r"(\s*)(?:async\s+)?def\s+(\w+)\s*\(", line)
        if match and len(match.group(1)) < len(indent):
            return match.group(2)
    return "this exercise"


def strip_solutions(source, where="a code cell"):
    """source with every `# BEGIN SOLUTION` … `# END SOLUTION` block (markers included) replaced by a stub that raises
    NotImplementedError at the marker's indentation, naming the enclosing function; the other lines unchanged."""
    lines = source.splitlines(keepends=True)
    out, start = [], None
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker == BEGIN:
            if start is not None:
                raise SolutionMarkerError(f"{where}: a second `{BEGIN}` before the `{END}` of the one on line {start + 1}")
            start = index
        elif marker == END:
            if start is None:
                raise SolutionMarkerError(f"{where}: `{END}` on line {index + 1} without a `{BEGIN}` before it")
            indent = lines[start][:len(lines[start]) - len(lines[start].lstrip())]
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
    """A copy of a notebook (the dict of its JSON) with solutions stubbed out, outputs, execution counts and nbclient's
    execution timings cleared, and everything else kept; notebook metadata "workbook" records where it came from."""
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
    copy["metadata"]["workbook"] = {"source": f"notebooks/{name}", "source_hash": learner_hash(copy)}
    return copy


def learner_hash(copy):
    """sha256 (first 16 hex digits) of a learner copy's cell types and sources: it changes when the notebook's text or
    its exercises change upstream, not when its outputs are refreshed."""
    text = json.dumps([[cell["cell_type"], _source(cell)] for cell in copy["cells"]], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _write_new(path, notebook):
    """Write a notebook to a path that must not exist yet (mode "x": an existing file is never overwritten)."""
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")


@dataclass
class WorkbookReport:
    """What make_workbook did: names of the copies created, kept as they were, kept though changed upstream, fresh."""
    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    changed_upstream: list = field(default_factory=list)
    fresh: list = field(default_factory=list)

    def lines(self, folder):
        out = [f"created {folder}/{name}" for name in self.created]
        out += [f"fresh copy {folder}/{name} (your copy is untouched)" for name in self.fresh]
        if self.kept:
            out.append(f"kept your {len(self.kept)} existing cop{'y' if len(self.kept) == 1 else 'ies'} as they are")
        for name in self.changed_upstream:
            short = name.split("_")[0]
            out.append(f"changed upstream since your copy was made: {name} — yours is kept; "
                       f"for a fresh copy beside it run: make workbook FRESH={short}")
        return out


def make_workbook(root=None, folder=WORKBOOK_DIR, fresh=None, today=None):
    """Create root/folder/<name>.ipynb for each root/notebooks/<name>.ipynb that has no copy yet; with fresh="c1w2" (a
    name's start) write <name>_fresh-YYYYMMDD.ipynb beside the learner's copy instead. Existing files are never written."""
    root = Path(root) if root else find_root()
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    target = root / folder
    target.mkdir(exist_ok=True)
    report = WorkbookReport()
    if fresh:
        matches = [path for path in notebooks if path.stem.startswith(fresh)]
        if len(matches) != 1:
            names = ", ".join(path.stem for path in matches) or "no notebook"
            raise ValueError(f"FRESH={fresh} matches {names}; give the start of one notebook's name, e.g. FRESH=c1w2")
        day = (today or datetime.date.today()).strftime("%Y%m%d")
        path, suffix = target / f"{matches[0].stem}_fresh-{day}.ipynb", 2
        while path.exists():
            path, suffix = target / f"{matches[0].stem}_fresh-{day}-{suffix}.ipynb", suffix + 1
        _write_new(path, learner_copy(json.loads(matches[0].read_text(encoding="utf-8")), matches[0].name))
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
            made_from = json.loads(path.read_text(encoding="utf-8"))["metadata"]["workbook"]["source_hash"]
        except (ValueError, KeyError, TypeError):
            made_from = None  # not a copy we made, or its metadata was removed: nothing to compare with
        if made_from is not None and made_from != copy["metadata"]["workbook"]["source_hash"]:
            report.changed_upstream.append(source.name)
    return report


# ---- progress: the checks run on the learner's copies ------------------------------------------------------------

def exercises(notebook):
    """[(check name, function name), …] from the `checks.check_<name>(<name>)` calls in a notebook's code cells whose
    function is defined in a cell tagged `exercise` (a demonstration such as check_sigmoid(wrong_sigmoid) is not one)."""
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    defined = {name for cell in code if "exercise" in cell.get("metadata", {}).get("tags", [])
               for name in re.findall(r"^\s*def\s+(\w+)", _source(cell), flags=re.MULTILINE)}
    found = []
    for cell in code:
        found += [(check, function) for check, function in
                  re.findall(r"^checks\.(check_\w+)\(\s*(\w+)\s*\)", _source(cell), flags=re.MULTILINE)
                  if function in defined]
    return found


def _definitions(source):
    """The top-level imports, defs and classes of a cell's source (IPython magics dropped), as source text."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    text = "\n".join(lines)
    tree = ast.parse(text)
    kept = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return "\n".join(ast.get_source_segment(text, node, padded=True) for node in tree.body
                     if isinstance(node, kept) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)))


def _short(message):
    """'not written yet' / 'fails on <case>' / an error's first line, from a check's message."""
    first = message.strip().splitlines()[0] if message.strip() else "failed"
    if "not written yet" in first:
        return "not written yet"
    return re.sub(r"^✗\s*\w+\s*", "", first).rstrip(":") or first


def _check_in_child(notebook_path, pairs, results_path):
    """Run in the subprocess: define the notebook's imports, defs and exercise cells, then run each check on the
    learner's function, appending {"check", "function", "passed", "message"} lines to results_path as it goes."""
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    namespace = {"__name__": "__main__"}
    cell_errors = {}
    sink = io.StringIO()
    with open(results_path, "a", encoding="utf-8") as results, redirect_stdout(sink), redirect_stderr(sink):
        for number, cell in enumerate(notebook["cells"], start=1):
            if cell["cell_type"] != "code":
                continue
            source = _source(cell)
            is_exercise = "exercise" in cell.get("metadata", {}).get("tags", [])
            try:
                code = source if is_exercise else _definitions(source)
                exec(compile(code, f"<cell {number}>", "exec"), namespace)  # noqa: S102 — the learner's own code
            except BaseException as error:  # noqa: BLE001 — a learner's broken cell must not stop the view
                if is_exercise:
                    for name in re.findall(r"^\s*def\s+(\w+)", source, flags=re.MULTILINE):
                        cell_errors[name] = f"its cell raised {type(error).__name__}: {error}".splitlines()[0]
        from course_lib import checks
        for check, function in pairs:
            if function in cell_errors:
                passed, message = False, cell_errors[function]
            elif function not in namespace:
                passed, message = False, f"no `def {function}` found in your copy"
            elif not hasattr(checks, check):
                passed, message = False, f"course_lib.checks has no {check}"
            else:
                try:
                    getattr(checks, check)(namespace[function])
                    passed, message = True, ""
                except BaseException as error:  # noqa: BLE001
                    passed = False
                    message = _short(str(error)) if isinstance(error, AssertionError) else f"{type(error).__name__}: {error}"
            results.write(json.dumps({"check": check, "function": function, "passed": passed, "message": message}) + "\n")
            results.flush()


@dataclass
class ExerciseResult:
    """One exercise of one notebook: its function, whether the learner's version passes its check, and why not."""
    notebook: str
    function: str
    check: str
    passed: bool
    message: str = ""


class _CheckRun:
    """The subprocess that runs one learner copy's checks; results() waits for it until a deadline (and sets complete:
    whether every check reported, rather than some being filled in as timed out or stopped)."""

    def __init__(self, copy_path, pairs):
        self.copy_path, self.pairs = Path(copy_path).resolve(), pairs
        self.scratch = tempfile.TemporaryDirectory()
        self.results_path = Path(self.scratch.name) / "results.jsonl"
        self.results_path.touch()
        env = {**os.environ, "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        command = [sys.executable, "-c", "import json, sys; from course_lib.workbook import _check_in_child; "
                   "_check_in_child(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3])",
                   str(self.copy_path), json.dumps(pairs), str(self.results_path)]
        self.process = subprocess.Popen(command, cwd=self.copy_path.parent, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def results(self, deadline, timeout):
        try:
            _, stderr = self.process.communicate(timeout=max(deadline - time.monotonic(), 0.1))
            last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            trouble = f"the check run stopped: {last}" if self.process.returncode and last else "the check run stopped before it"
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            trouble = f"timed out after {timeout:g} s (an endless loop?)"
        done = [json.loads(line) for line in self.results_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        self.scratch.cleanup()
        self.complete = len(done) == len(self.pairs)
        name = self.copy_path.name
        results = [ExerciseResult(name, d["function"], d["check"], d["passed"], d["message"]) for d in done]
        return results + [ExerciseResult(name, function, check, False, trouble) for check, function in self.pairs[len(done):]]


def _week(name):
    match = re.match(r"c(\d+)w(\d+)", name)
    return f"C{match.group(1)} W{match.group(2)}" if match else "—"


CACHE = ".progress-cache.json"


def _library_fingerprint():
    """sha256 of course_lib's source files: a cached result is stale once the library (and so a check) changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.name.encode("utf-8") + path.read_bytes())
    return digest.hexdigest()


def _cache_key(copy_path, pairs, fingerprint):
    """What a copy's results depend on: its bytes, the exercises upstream names, and the library."""
    digest = hashlib.sha256(Path(copy_path).read_bytes())
    digest.update(json.dumps(pairs).encode("utf-8") + fingerprint.encode("utf-8"))
    return digest.hexdigest()


def _read_cache(path):
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
        return cache if isinstance(cache, dict) else {}
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: everything is checked again


def _write_cache(path, cache):
    scratch = path.with_name(path.name + ".tmp")
    try:
        scratch.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
        os.replace(scratch, path)
    except OSError:
        pass  # a read-only workbook folder: the view still works, only slower next time


def progress(root=None, folder=WORKBOOK_DIR, timeout=60, workers=None):
    """{notebook name: [ExerciseResult]} for every notebook with exercises, its checks run on the learner's copy
    (None where there is no copy yet); None when the workbook folder does not exist.

    Each copy is checked in its own subprocess, `workers` (default: the CPU count) at a time, and stopped after
    timeout seconds. Results are cached in <folder>/.progress-cache.json by the copy's content and course_lib's source,
    so an unchanged copy is not checked again; a run that timed out or stopped is not cached."""
    root = Path(root) if root else find_root()
    target = root / folder
    if not target.is_dir():
        return None
    jobs = {}
    for source in sorted((root / "notebooks").glob("*.ipynb")):
        pairs = exercises(json.loads(source.read_text(encoding="utf-8")))
        if pairs:
            jobs[source.name] = (target / source.name, pairs)
    cache_path, fingerprint = target / CACHE, _library_fingerprint()
    cache, results, keys = _read_cache(cache_path), {}, {}
    for name, (path, pairs) in jobs.items():
        if not path.exists():
            results[name] = None
            continue
        keys[name] = _cache_key(path, pairs, fingerprint)
        hit = cache.get(name)
        if isinstance(hit, dict) and hit.get("key") == keys[name]:
            try:
                results[name] = [ExerciseResult(**item) for item in hit["results"]]
            except (KeyError, TypeError):
                pass  # a damaged entry: checked again

    def check(name):
        run = _CheckRun(*jobs[name])
        return run.results(time.monotonic() + timeout, timeout), run.complete

    todo = [name for name in keys if name not in results]
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        done = dict(zip(todo, pool.map(check, todo), strict=True))
    for name, (items, complete) in done.items():
        results[name] = items
        if complete:
            cache[name] = {"key": keys[name], "results": [asdict(item) for item in items]}
    if done:
        _write_cache(cache_path, {name: entry for name, entry in cache.items() if name in keys})
    return {name: results[name] for name in jobs}


NO_WORKBOOK = ("You have no workbook yet ({folder}/ does not exist). Create it with `make workbook` in a terminal at the "
               "repository root,\nwork in the copies in {folder}/, then run this again to see which exercises pass.")


def progress_rows(results):
    """[(week, notebook, "passed / total", "✓ f · ✗ g (why)")] from progress()'s result."""
    rows = []
    for name, items in results.items():
        stem = name.removesuffix(".ipynb")
        if items is None:
            rows.append((_week(stem), stem, "—", "no copy yet: run `make workbook`"))
            continue
        passed = sum(item.passed for item in items)
        status = " · ".join(f"✓ {item.function}" if item.passed else f"✗ {item.function} ({item.message})" for item in items)
        rows.append((_week(stem), stem, f"{passed} / {len(items)}", status))
    return rows


def progress_text(results, folder=WORKBOOK_DIR):
    """A plain-text table of progress() (or the how-to when there is no workbook yet)."""
    if results is None:
        return NO_WORKBOOK.format(folder=folder)
    rows = progress_rows(results)
    header = ("Week", "Notebook", "Passing", "Exercises")
    widths = [max(len(str(row[column])) for row in [header, *rows]) for column in range(3)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
             for row in [header, *rows]]
    total = [item for items in results.values() if items for item in items]
    lines.append(f"{sum(item.passed for item in total)} of {len(total)} exercises in {folder}/ pass their checks")
    return "\n".join(lines)


def progress_markdown(results, link_to=""):
    """A Markdown table of progress(): one row per notebook with exercises, linked to link_to/<name>.ipynb (the learner's
    copy, as a path relative to the notebook that shows the table)."""
    prefix = f"{Path(link_to).as_posix()}/" if link_to not in ("", ".") else ""
    table = ["| Week | Notebook | Passing | Exercises |", "|---|---|---|---|"]
    table += [f"| {week} | [{stem}]({prefix}{stem}.ipynb) | {count} | {status.replace('|', '∣')} |"
              for week, stem, count, status in progress_rows(results)]
    return "\n".join(table)


def show_progress(root=None, folder=WORKBOOK_DIR, timeout=60):
    """The notebook cell's view: progress_markdown's table and a total (a how-to when there is no workbook yet)."""
    from IPython.display import Markdown, display
    started = time.perf_counter()
    results = progress(root, folder, timeout)
    if results is None:
        print(NO_WORKBOOK.format(folder=folder))
        return
    root = Path(root) if root else find_root()
    display(Markdown(progress_markdown(results, link_to=os.path.relpath(root / folder, Path.cwd()))))
    total = [item for items in results.values() if items for item in items]
    print(f"{sum(item.passed for item in total)} of {len(total)} exercises in {folder}/ pass their checks "
          f"(checked in {time.perf_counter() - started:.1f} s)")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_lib.workbook", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("make", help="create the learner copies that do not exist yet (never overwrites)")
    make.add_argument("--fresh", metavar="NAME", help="write a fresh copy of notebook NAME… beside yours, dated")
    check = commands.add_parser("progress", help="run the checks on your copies and show which exercises pass")
    check.add_argument("--timeout", type=float, default=60, help="seconds for the checks of each copy (default 60)")
    for sub in (make, check):
        sub.add_argument("--root", type=Path, default=None, help="the repository folder (default: found from here)")
        sub.add_argument("--folder", default=WORKBOOK_DIR, help=f"the workbook folder in the root (default {WORKBOOK_DIR})")
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


if __name__ == "__main__":
    sys.exit(main())
