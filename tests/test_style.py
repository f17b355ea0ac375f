"""The code follows the project's ruff settings (pyproject.toml), so every file reads the same
way."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MISSING = (
    "ruff is not installed, so the style check cannot run. `make test` installs it with the "
    "test "
    'dependencies; or run: pip install -e ".[test]"'
)


def ruff_executable():
    """The ruff beside this Python (the virtualenv's), else the one on PATH; fails
    (never skips: CI runs this) if none."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail(MISSING, pytrace=False)
    return ruff


def test_ruff_is_clean():
    result = subprocess.run(
        [ruff_executable(), "check", "course_lib", "tests", "tools", "notebooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_ruff_fails_and_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(pytest.fail.Exception, match=r"make test.*pip install -e \"\.\[test\]\""):
        ruff_executable()
