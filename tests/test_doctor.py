"""`make doctor` (tools/doctor.py): one line per check, and each problem with the command that
fixes it."""

import re

from tool_loader import load_tool


def load_doctor():
    return load_tool("doctor")


def test_every_check_reports_one_line_and_a_fix_for_a_problem(capsys):
    doctor = load_doctor()
    code = doctor.main()
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"(no problems found|\d+ problem\(s\))", lines[-1])
    reports = [line for line in lines[:-1] if not line.startswith("      fix: ")]
    assert len(reports) == len(doctor.CHECKS)
    assert all(line[:4] in ("ok  ", "!!  ") for line in reports)
    problems = sum(line.startswith("!!") for line in reports)
    assert sum(line.startswith("      fix: ") for line in lines) == problems
    assert code == (1 if problems else 0)


def test_a_package_off_its_pin_is_named_with_its_fix(monkeypatch):
    doctor = load_doctor()
    pins = {**doctor.pinned_requirements(), "numpy": "0.0.1", "no-such-package-xyz": "1.0"}
    monkeypatch.setattr(doctor, "pinned_requirements", lambda: pins)
    ok, line, fix = doctor.check_pins()
    assert not ok
    assert "numpy" in line and "(pinned 0.0.1)" in line and "no-such-package-xyz missing" in line
    assert fix.startswith("make lab")


def test_the_pins_are_pyproject_toml_s_for_this_python():
    pins = load_doctor().pinned_requirements()
    assert {"numpy", "torch", "jupyterlab", "ipywidgets", "threadpoolctl"} <= set(pins)
    assert all(re.fullmatch(r"\d+(\.\d+)+", version) for version in pins.values())
