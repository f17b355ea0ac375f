"""`make test-latest`: the unit tests and notebooks against the newest release of every dependency.

    python tools/latest.py requirements  pyproject.toml's dependencies and test extra by name,
                                         without pins, one per line (what pip installs)
    python tools/latest.py run           pytest (not the browser test) with a JUnit XML report,
                                         then the summary
    python tools/latest.py summary FILE  the summary of a JUnit XML report: each failure with its
                                         cause in one line, the causes by count, and the packages
                                         off their pins (pin -> installed, and the newest release
                                         on the index where pip installed an older one)

The names and pins come from pyproject.toml alone; a requirement whose environment marker does not
hold for this Python (`python_version < '3.11'`, ...) is left out. Needs Python >= 3.11 (tomllib;
the newest releases dropped 3.10 anyway).
"""

import importlib.metadata
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import tomllib
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "tests" / "artifacts" / "latest" / "junit.xml"
EXTRA = "test"
# Terminal colours, also as JUnit XML writes the escape character: "#x1B[91m".
ANSI = re.compile(r"(?:\x1b|#x1B)\[[0-9;]*m")
# The last line of a Python traceback: "ValueError: ...", "numpy.exceptions.AxisError: ...".
EXCEPTION_LINE = re.compile(
    r"^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt)\w*)(:.*)?$"
)


def requirements(pyproject=ROOT / "pyproject.toml", environment=None):
    """{name: pin} of the project's dependencies and its test extra that apply to this Python
    (or to `environment`, a dict of marker variables); pin is "" where none is pinned."""
    project = tomllib.loads(Path(pyproject).read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in project["dependencies"] + project["optional-dependencies"][EXTRA]:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(environment):
            pins[requirement.name] = str(requirement.specifier).removeprefix("==")
    return pins


def cause(message, text=""):
    """One line saying why a test failed: the exception type and the first line of its message.

    `message` is JUnit's message attribute (pytest's crash line, or the start of nbval's report
    for a notebook cell), `text` the failure's full text."""
    message, text = ANSI.sub("", message).strip(), ANSI.sub("", text)
    if message.startswith("Notebook cell execution failed"):
        return notebook_cause(text or message)
    first = message.splitlines()[0] if message else ""
    if not EXCEPTION_LINE.match(first):
        # a plain `assert` ("assert ...") or a fixture's error ('failed on setup with "..."'):
        # the first "E" line of pytest's traceback has it
        found = re.search(r"^E\s+(\S.*)$", text, re.M)
        first = found.group(1) if found else first
    return first if EXCEPTION_LINE.match(first) else f"AssertionError: {first}"


def notebook_cause(report):
    """A notebook cell's failure from nbval's report: the exception's last traceback line, the
    first line where the output differs from the committed one, or nbval's reason (a timeout)."""
    reason = re.search(r"^Cell \d+: (.*)$", report, re.M)
    reason = reason.group(1) if reason else report.splitlines()[0]
    if reason == "Cell outputs differ":
        return "output differs from the committed one: " + first_difference(report)
    exceptions = [
        line.strip() for line in report.splitlines() if EXCEPTION_LINE.match(line.strip())
    ]
    if reason.startswith("Timeout") or not exceptions:  # its traceback ends in KeyboardInterrupt
        return reason
    return exceptions[-1]


def first_difference(message):
    """'committed' -> 'new': the first line of each side of nbval's diff (pytest's diff of
    reference == test marks the committed output's lines "+ " and the new output's "- ")."""
    lines = [line.strip() for line in message.splitlines()]
    committed = next((line[2:] for line in lines if re.match(r"^\+ \S", line)), None)
    new = next((line[2:] for line in lines if re.match(r"^- \S", line)), None)
    return f"{committed!r} -> {new!r}"


def failures(report):
    """[(test id, cause)] of every failed or erroring test case in a JUnit XML report."""
    found = []
    for case in ET.parse(report).getroot().iter("testcase"):
        for problem in list(case.findall("failure")) + list(case.findall("error")):
            found.append((case_id(case), cause(problem.get("message", ""), problem.text or "")))
    return found


def case_id(case):
    """pytest's id of a JUnit test case: file, class if any, name ("Cell 3" for nbval's cells)."""
    path, classname = case.get("file", ""), case.get("classname", "")
    module = path.removesuffix(".py").replace("/", ".")
    classes = classname.removeprefix(module).strip(".").replace(".", "::")
    return "::".join(part for part in (path or classname, classes, case.get("name", "")) if part)


def newest_on_index(name):
    """The newest release of `name` on pip's index (`pip index versions`), "?" where unreachable."""
    command = [sys.executable, "-m", "pip", "index", "versions", name]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    found = re.match(r"\S+ \((\S+)\)", result.stdout)
    return found.group(1) if found else "?"


def moved_packages(pins, newest=newest_on_index):
    """[(name, pin, installed, newest)] of the packages installed at another version than their pin,
    or than the newest on the index (held back: by a constraint, or another package's bound).
    `installed` keeps a local label where the wheel has one (the CPU index's torch "+cpu")."""
    with ThreadPoolExecutor(max_workers=6) as pool:  # each look-up is a pip process, mostly waiting
        newest_versions = list(pool.map(newest, pins))
    moved = []
    for (name, pin), latest in zip(pins.items(), newest_versions, strict=True):
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "missing"
        version = installed.split("+")[0]
        if version != pin or latest not in (version, "?"):
            moved.append((name, pin, installed, latest))
    return moved


def summary(report, pins=None, newest=newest_on_index):
    """The lines `make test-latest` prints: failures, causes by count, packages off their pins."""
    root = ET.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    totals = {
        key: sum(int(suite.get(key, 0)) for suite in suites)
        for key in ("tests", "failures", "errors", "skipped")
    }
    found = failures(report)
    lines = [
        f"{totals['tests']} tests: {totals['failures']} failed, {totals['errors']} errors, "
        f"{totals['skipped']} skipped or xfailed"
    ]
    lines += [f"FAIL {test_id} -> {why}" for test_id, why in found]
    if found:
        lines.append("Causes, most frequent first:")
        by_cause = Counter(why for _, why in found)
        lines += [f"{count:5d} x {why}" for why, count in by_cause.most_common()]
    moved = moved_packages(requirements() if pins is None else pins, newest)
    if not moved:
        return [*lines, "Every package is at its pin, which is its newest release."]
    lines.append(f"{'package':24s} {'pin':>12s} -> {'installed':14s} newest on the index")
    for name, pin, installed, latest in moved:
        held = "" if latest in (installed.split("+")[0], "?") else "  (held back)"
        lines.append(f"{name:24s} {pin or '(none)':>12s} -> {installed:14s} {latest}{held}")
    return lines


def run():
    """pytest on the unit tests and notebooks (not the browser test), then the summary."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-m",
        "not browser",
        f"--junitxml={REPORT}",
        "-q",
        "-o",
        "junit_family=xunit1",
    ]
    code = subprocess.run(command, cwd=ROOT).returncode
    print("\n".join(["", f"make test-latest ({REPORT.relative_to(ROOT)}):", *summary(REPORT)]))
    return code


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["requirements"]:
        print("\n".join(requirements()))
        return 0
    if argv == ["run"]:
        return run()
    if len(argv) == 2 and argv[0] == "summary":
        print("\n".join(summary(argv[1])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
