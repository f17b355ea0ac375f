"""Every course_lib import a committed notebook or a learner's copy makes keeps working.

The names are collected with ast from the code cells of notebooks/*.ipynb and of the copies
`make workbook` writes (generated here into a temporary folder): `import course_lib…`,
`from course_lib… import …`, and attributes read from a module bound to a name
(`from course_lib import checks` + `checks.check_sigmoid(...)`).
"""

import ast
import importlib
import json
import tempfile
from pathlib import Path

import pytest

from course_lib import workbook

ROOT = Path(__file__).resolve().parents[1]


def code_cells(notebook):
    """The source of each code cell, IPython magics and shell lines (`%…`, `!…`) dropped."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            lines = source.splitlines()
            yield "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def is_ours(module):
    return module.split(".")[0] == "course_lib"


def is_module(dotted):
    """Whether dotted names a module (course_lib.checks) rather than a function or class."""
    try:
        return importlib.util.find_spec(dotted) is not None
    except ImportError:  # the parent is a plain module: course_lib.widgets.ShallowNetworkPanel
        return False


def imports_of(notebook):
    """{(module, name), …} for the course_lib imports of a notebook (the dict of its JSON); name is
    None for a plain `import course_lib.x`. Attributes read from a course_lib module bound to a name
    count as (module, attribute)."""
    found, modules = set(), {}
    trees = [ast.parse(source) for source in code_cells(notebook)]
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "course_lib":
                        found.add((alias.name, None))
                        bound = alias.name if alias.asname else "course_lib"
                        modules[alias.asname or "course_lib"] = bound
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and is_ours(node.module):
                for alias in node.names:
                    found.add((node.module, alias.name))
                    if is_module(f"{node.module}.{alias.name}"):
                        modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for tree in trees:
        for node in ast.walk(tree):
            is_name = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            if is_name and node.value.id in modules:
                found.add((modules[node.value.id], node.attr))
    return found


def collect(paths, label):
    """{(module, name): [where it is used, …]} over notebook files; label(path) names one in a
    failure message."""
    uses = {}
    for path in paths:
        for key in imports_of(json.loads(Path(path).read_text(encoding="utf-8"))):
            uses.setdefault(key, []).append(label(path))
    return uses


def import_problem(module, name):
    """None if `from module import name` (or `import module` when name is None) works, else what
    went wrong."""
    try:
        imported = importlib.import_module(module)
    except ImportError as error:
        return f"import {module} fails: {error}"
    if name is None or hasattr(imported, name):
        return None
    try:
        importlib.import_module(f"{module}.{name}")
    except ImportError:
        return f"{module} has no {name}"
    return None


def all_uses():
    """The uses in the committed notebooks and in a fresh `make workbook` set of learner copies."""
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    uses = collect(notebooks, lambda path: f"notebooks/{path.name}")
    with tempfile.TemporaryDirectory() as folder:
        workbook.make_workbook(ROOT, folder=Path(folder))
        copies = sorted(Path(folder).glob("*.ipynb"))
        copies = collect(copies, lambda path: f"my_workbook/{path.name} (a copy)")
    for key, where in copies.items():
        uses.setdefault(key, []).extend(where)
    return uses


USES = all_uses()


@pytest.mark.parametrize(("module", "name"), sorted(USES, key=str), ids=lambda x: str(x))
def test_every_notebook_import_still_works(module, name):
    problem = import_problem(module, name)
    assert problem is None, f"{problem}; used by {', '.join(sorted(set(USES[module, name])))}"


def test_the_collection_holds_the_learner_facing_paths():
    assert ("course_lib", "checks") in USES and ("course_lib.network", "Model") in USES
    assert ("course_lib.checks", "check_sigmoid") in USES  # from `checks.check_sigmoid(sigmoid)`
    assert any(where.endswith("(a copy)") for where in USES["course_lib", "checks"])
    # `import course_lib` + `course_lib.setup()`
    assert ("course_lib", None) in USES and ("course_lib", "setup") in USES


SYNTHETIC = {
    "cells": [
        {"cell_type": "markdown", "source": "from course_lib import not_code"},
        {
            "cell_type": "code",
            "source": [
                "%matplotlib inline\n",
                "import course_lib\n",
                "from course_lib import checks\n",
                "from course_lib.activations import (\n",
                "    sigmoid, no_such_activation)\n",
            ],
        },
        {
            "cell_type": "code",
            "source": "import course_lib.conv as cv\nchecks.check_no_such_check(f)\n"
            "cv.zero_pad\ncourse_lib.setup()\nsigmoid.__name__\n"
            "import numpy as np\nnp.zeros\n",
        },
    ]
}


def test_the_collector_finds_every_form_and_a_missing_name_fails():
    assert imports_of(SYNTHETIC) == {
        ("course_lib", None),
        ("course_lib", "checks"),
        ("course_lib.activations", "sigmoid"),
        ("course_lib.activations", "no_such_activation"),
        ("course_lib.conv", None),
        ("course_lib.checks", "check_no_such_check"),
        ("course_lib.conv", "zero_pad"),
        ("course_lib", "setup"),
    }
    assert import_problem("course_lib.activations", "sigmoid") is None
    assert import_problem("course_lib", "checks") is None
    missing = import_problem("course_lib.activations", "no_such_activation")
    assert missing == "course_lib.activations has no no_such_activation"
    missing = import_problem("course_lib.checks", "check_no_such_check")
    assert missing == "course_lib.checks has no check_no_such_check"
    missing = import_problem("course_lib.no_such_module", None)
    assert missing.startswith("import course_lib.no_such_module fails")


def test_a_name_that_disappears_fails(monkeypatch):
    from course_lib import activations

    monkeypatch.delattr(activations, "sigmoid")
    missing = import_problem("course_lib.activations", "sigmoid")
    assert missing == "course_lib.activations has no sigmoid"
