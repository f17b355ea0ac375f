"""Which exercises pass: the checks run on each learner copy in a child process with a timeout.

Results are cached by each copy's content and course_lib's source
(my_workbook/.progress-cache.json), so only changed copies are run again.
"""

import ast
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import asdict, dataclass
from pathlib import Path

from course_lib.workbook.copies import WORKBOOK_DIR, _source, find_root, renamed_copies

CACHE = ".progress-cache.json"
DEFINED = r"^(?:\s*def|class)\s+(\w+)"  # what an exercise cell defines: functions, classes
LIBRARY = Path(__file__).resolve().parents[1]  # course_lib/


def is_exercise(cell):
    """Whether a cell is an exercise: a code cell tagged `exercise` (its solution sits between the
    solution markers)."""
    return cell["cell_type"] == "code" and "exercise" in cell.get("metadata", {}).get("tags", [])


def check_cells(notebook):
    """[(cell index, [(check name, function name), …]), …] for each code cell with lines
    `checks.check_<name>(<name>)` whose function (or class: a PyTorch module) is defined in an
    exercise cell (a demonstration such as check_sigmoid(wrong_sigmoid) is not one)."""
    defined = {
        name
        for cell in notebook["cells"]
        if is_exercise(cell)
        for name in re.findall(DEFINED, _source(cell), flags=re.MULTILINE)
    }
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        pairs = [
            (check, function)
            for check, function in re.findall(
                r"^checks\.(check_\w+)\(\s*(\w+)\s*\)", _source(cell), flags=re.MULTILINE
            )
            if function in defined
        ]
        if pairs:
            found.append((index, pairs))
    return found


def exercises(notebook):
    """[(check name, function name), …] of a notebook's check cells, in order (see check_cells)."""
    return [pair for _, pairs in check_cells(notebook) for pair in pairs]


def _definitions(source):
    """The top-level imports, defs and classes of a cell's source (IPython magics dropped), as
    source text."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    text = "\n".join(lines)
    tree = ast.parse(text)
    kept = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return "\n".join(
        ast.get_source_segment(text, node, padded=True)
        for node in tree.body
        if isinstance(node, kept)
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    )


def _short(message):
    """'not written yet' / 'fails on <case> — <the recognised mistake>' / an error's first line,
    from a check's message."""
    first = message.strip().splitlines()[0] if message.strip() else "failed"
    if "not written yet" in first and "calls your" not in first:
        return "not written yet"
    short = re.sub(r"^✗\s*\w+\s*", "", first).rstrip(":") or first
    mistake = re.search(r"that is what you get when (.+)", message)
    return f"{short} — {mistake.group(1).strip()}" if mistake else short


def _check_in_child(notebook_path, pairs, results_path):
    """Run in the subprocess: define the notebook's imports, defs and exercise cells, then run each
    check on the learner's function, appending {"check", "function", "passed", "message"} lines to
    results_path as it goes."""
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    namespace = {"__name__": "__main__"}
    cell_errors = {}
    sink = io.StringIO()
    with (
        open(results_path, "a", encoding="utf-8") as results,
        redirect_stdout(sink),
        redirect_stderr(sink),
    ):
        for number, cell in enumerate(notebook["cells"], start=1):
            if cell["cell_type"] != "code":
                continue
            source = _source(cell)
            exercise = is_exercise(cell)
            try:
                code = source if exercise else _definitions(source)
                exec(compile(code, f"<cell {number}>", "exec"), namespace)  # noqa: S102 — the learner's own code
            except BaseException as error:  # noqa: BLE001 — a learner's broken cell must not stop the view
                if exercise:
                    for name in re.findall(DEFINED, source, flags=re.MULTILINE):
                        cell_errors[name] = (
                            f"its cell raised {type(error).__name__}: {error}".splitlines()[0]
                        )
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
                    message = (
                        _short(str(error))
                        if isinstance(error, AssertionError)
                        else f"{type(error).__name__}: {error}"
                    )
            results.write(
                json.dumps(
                    {"check": check, "function": function, "passed": passed, "message": message}
                )
                + "\n"
            )
            results.flush()


@dataclass
class ExerciseResult:
    """One exercise of one notebook: its function, whether the learner's version passes its check,
    and why not."""

    notebook: str
    function: str
    check: str
    passed: bool
    message: str = ""


class _CheckRun:
    """The subprocess that runs one learner copy's checks; results() waits for it until a deadline
    (and sets complete: whether every check reported, rather than some being filled in as timed out
    or stopped)."""

    def __init__(self, copy_path, pairs):
        self.copy_path, self.pairs = Path(copy_path).resolve(), pairs
        self.scratch = tempfile.TemporaryDirectory()
        self.results_path = Path(self.scratch.name) / "results.jsonl"
        self.results_path.touch()
        self.stderr = open(Path(self.scratch.name) / "stderr.txt", "w+", encoding="utf-8")  # noqa: SIM115 — closed in results()
        env = {
            **os.environ,
            "MPLBACKEND": "Agg",
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        command = [
            sys.executable,
            "-c",
            "import json, sys; from course_lib.workbook.checking import _check_in_child; "
            "_check_in_child(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3])",
            str(self.copy_path),
            json.dumps(pairs),
            str(self.results_path),
        ]
        self.process = subprocess.Popen(
            command,
            cwd=self.copy_path.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            # a file, not a pipe, which a process the learner's code leaves behind would hold open;
            # a session of its own, so that a timeout stops the processes it started too
            stderr=self.stderr,
            start_new_session=True,
        )

    def _stop(self):
        """Kill the check run and every process the learner's code started from it."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (AttributeError, ProcessLookupError, PermissionError):
            self.process.kill()  # no process groups (Windows), or the group is gone already

    def results(self, deadline, timeout):
        try:
            self.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            self.stderr.seek(0)
            stderr = self.stderr.read()
            last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            trouble = (
                f"the check run stopped: {last}"
                if self.process.returncode and last
                else "the check run stopped before it"
            )
        except subprocess.TimeoutExpired:
            self._stop()
            self.process.wait()
            trouble = f"timed out after {timeout:g} s (an endless loop?)"
        self._stop()  # a process the learner's code left running
        self.stderr.close()
        done = [
            json.loads(line)
            for line in self.results_path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        self.scratch.cleanup()
        self.complete = len(done) == len(self.pairs)
        name = self.copy_path.name
        results = [
            ExerciseResult(name, d["function"], d["check"], d["passed"], d["message"]) for d in done
        ]
        return results + [
            ExerciseResult(name, function, check, False, trouble)
            for check, function in self.pairs[len(done) :]
        ]


def _library_fingerprint(library=LIBRARY):
    """sha256 of the path and content of every .py file under library (course_lib/, subpackages
    included): a cached result is stale once the library (and so a check) changes."""
    digest = hashlib.sha256()
    for path in sorted(library.rglob("*.py")):
        digest.update(path.relative_to(library).as_posix().encode("utf-8") + path.read_bytes())
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
    """{notebook name: [ExerciseResult]} for every notebook with exercises, its checks run on the
    learner's copy (None where there is no copy yet); None when the workbook folder does not exist.
    A learner's copy of a notebook renamed or split upstream (copies.RENAMED) is checked too, for
    its successors' exercises, under its old name.

    Each copy is checked in its own subprocess, `workers` (default: the CPU count) at a time, and
    stopped after timeout seconds. Results are cached in <folder>/.progress-cache.json by the copy's
    content and course_lib's source, so an unchanged copy is not checked again; a run that timed out
    or stopped is not cached."""
    root = Path(root) if root else find_root()
    target = root / folder
    if not target.is_dir():
        return None
    jobs, upstream = {}, {}
    for source in sorted((root / "notebooks").glob("*.ipynb")):
        pairs = upstream[source.name] = exercises(json.loads(source.read_text(encoding="utf-8")))
        if pairs:
            jobs[source.name] = (target / source.name, pairs)
    for old, successors in renamed_copies(root, folder):
        pairs = [pair for name in successors if name in upstream for pair in upstream[name]]
        if pairs:  # the learner's copy of a notebook split upstream: its successors' exercises
            jobs[old] = (target / old, pairs)
    jobs = dict(sorted(jobs.items()))
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
