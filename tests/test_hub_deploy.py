"""The hub's deployment recipes, checked as far as CI can: The Littlest JupyterHub's settings
(hub/tljh), Zero to JupyterHub's values (hub/z2jh), the single-user image (hub/Dockerfile) and the
Binder environment (binder/).

yamllint lints the YAML; check-jsonschema validates each against our schema of the keys we use
(neither TLJH nor the chart's schema is reachable from CI), and a misspelt key must fail it;
hadolint lints the Dockerfile. The tools come with the test extra; without them the tests are
skipped, except under CI, where they fail. The JupyterHub config itself is checked by starting
JupyterHub with it (tests/test_hub.py).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "hub"
# the project's line length; TLJH and the chart read YAML without a document-start marker
YAMLLINT_CONFIG = "{extends: default, rules: {line-length: {max: 100}, document-start: disable}}"
RECIPES = [
    (HUB / "tljh" / "config.yaml", HUB / "tljh" / "config.schema.json", "limits", "memory"),
    (HUB / "z2jh" / "values.yaml", HUB / "z2jh" / "values.schema.json", "singleuser", "memory"),
]


def tool(name):
    """The CLI installed beside this Python (the test extra), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    path = str(beside) if beside.exists() else shutil.which(name)
    if path is None:
        message = f"{name} is missing: `make test` installs it (the test extra of pyproject.toml)."
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message + "\n(CI is set, so this fails instead of being skipped.)")
        pytest.skip(message)
    return path


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_yaml_files_pass_yamllint():
    files = [str(config) for config, *_ in RECIPES] + [str(ROOT / "binder" / "environment.yml")]
    result = run(tool("yamllint"), "--strict", "-d", YAMLLINT_CONFIG, *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("config, schema, section, key", RECIPES, ids=["tljh", "z2jh"])
def test_recipe_matches_its_schema_and_a_typo_does_not(tmp_path, config, schema, section, key):
    check = tool("check-jsonschema")
    result = run(check, "--check-metaschema", str(schema))
    assert result.returncode == 0, f"{schema.name} is not a valid JSON schema:\n{result.stdout}"
    result = run(check, "--schemafile", str(schema), str(config))
    assert result.returncode == 0, result.stdout + result.stderr

    values = yaml.safe_load(config.read_text())
    values[section][key + "_limit"] = values[section].pop(key)  # a misspelt key
    typo = tmp_path / config.name
    typo.write_text(yaml.safe_dump(values))
    result = run(check, "--schemafile", str(schema), str(typo))
    assert result.returncode != 0 and f"{key}_limit" in result.stdout, result.stdout


def test_dockerfile_passes_hadolint():
    result = run(tool("hadolint"), str(HUB / "Dockerfile"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_binder_environment_pins_what_environment_yml_pins():
    """binder/environment.yml = ../environment.yml, but for torch: the CPU build of the same pin."""
    binder = yaml.safe_load((ROOT / "binder" / "environment.yml").read_text())
    root = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [entry for entry in binder["dependencies"] if isinstance(entry, str)]
    assert conda == [entry for entry in root["dependencies"] if isinstance(entry, str)]
    (pip,) = [entry["pip"] for entry in binder["dependencies"] if isinstance(entry, dict)]
    (torch,) = re.findall(r'"(torch==[^";]+)"', (ROOT / "pyproject.toml").read_text())
    assert f"{torch}+cpu" in pip, f"binder/environment.yml must pin {torch}+cpu: {pip}"
    assert os.access(ROOT / "binder" / "postBuild", os.X_OK), "binder/postBuild is not executable"
