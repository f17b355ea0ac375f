"""A non-editable install ships every module of course_lib, subpackages included.

The wheel is built offline from a copy of the source tree (so no build/ or *.egg-info lands in the
repository), installed with pip into a scratch folder, and every module is imported from there in a
fresh interpreter that cannot see the repository.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

ROOT = Path(__file__).resolve().parents[1]

IMPORT_EVERY_MODULE = """
import importlib, json, pkgutil, sys
import course_lib

names = ["course_lib"] + [m.name for m in pkgutil.walk_packages(course_lib.__path__, "course_lib.")]
print(json.dumps({name: importlib.import_module(name).__file__ for name in names}))
"""


def pip(*args, cwd):
    command = [sys.executable, "-m", "pip", *args, "--no-deps", "--no-index", "--quiet"]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"pip {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


def test_wheel_installs_every_module(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "course_lib", source / "course_lib", ignore=shutil.ignore_patterns("__pycache__")
    )
    pip("wheel", "--no-build-isolation", "--wheel-dir", str(tmp_path / "wheels"), ".", cwd=source)
    (wheel,) = (tmp_path / "wheels").glob("course_lib-*.whl")
    target = tmp_path / "installed"
    pip("install", "--target", str(target), str(wheel), cwd=tmp_path)

    # -I (isolated mode) ignores PYTHONPATH and leaves the working directory off sys.path, so the
    # repository is not on it; the installed copy comes first
    code = f"import sys; sys.path.insert(0, {str(target)!r})\n" + IMPORT_EVERY_MODULE
    result = subprocess.run(
        [sys.executable, "-I", "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"importing the installed course_lib failed:\n{result.stderr}"
    files = json.loads(result.stdout.strip().splitlines()[-1])
    subpackages = [path.parent.name for path in (ROOT / "course_lib").glob("*/__init__.py")]
    missing = [name for name in subpackages if f"course_lib.{name}" not in files]
    assert not missing, f"the wheel lacks the subpackage(s) {missing}: pyproject must find packages"
    outside = {name: path for name, path in files.items() if not Path(path).is_relative_to(target)}
    assert not outside, f"these modules were imported from outside the installed wheel: {outside}"


def test_environment_yml_pins_what_pyproject_pins():
    # conda users get environment.yml; pyproject.toml is the source of truth (for Python 3.11,
    # the version environment.yml names)
    import yaml
    from packaging.requirements import Requirement

    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11's")

    conda_names = {"matplotlib-base": "matplotlib"}  # the same library without Qt
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pinned = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):  # the pip: section
            for line in entry["pip"]:
                if not line.startswith("-e"):
                    name, version = line.split("==")
                    pinned[name] = version
        elif "=" in entry:
            name, version = entry.split("#")[0].strip().split("=")
            pinned[conda_names.get(name, name)] = version
    assert pinned.pop("python") == "3.11"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"python_version": "3.11"}):
            wanted[requirement.name] = str(requirement.specifier).removeprefix("==")
    assert pinned == wanted
