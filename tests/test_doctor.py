"""`make doctor` (tools/doctor.py): one line per check, and each problem with the command that
fixes it."""

import re

import pytest
from tool_loader import load_tool

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling


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


def fake_torch(monkeypatch, doctor, cuda, gpu, cuda_libraries_gb=0.0):
    """torch as a build with CUDA version `cuda` (None: the CPU build) beside `gpu` (nvidia-smi),
    with nvidia-* packages of that many GB installed."""
    import torch

    monkeypatch.setattr(torch.version, "cuda", cuda)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(doctor.torch_build, "nvidia_gpu", lambda: gpu)
    monkeypatch.setattr(doctor, "cuda_libraries_gb", lambda: cuda_libraries_gb)


@pytest.mark.parametrize("cuda", ["13.0", None])  # a CUDA build, or a CPU build installed over one
def test_cuda_libraries_without_a_gpu_are_a_problem_fixed_by_the_cpu_build(monkeypatch, cuda):
    doctor = load_doctor()
    fake_torch(monkeypatch, doctor, cuda=cuda, gpu=None, cuda_libraries_gb=3.86)
    ok, line, fix = doctor.check_torch()
    assert not ok
    assert f"the {'CUDA 13.0' if cuda else 'CPU'} build" in line
    assert "no NVIDIA GPU here, so 3.9 GB of CUDA libraries are unused" in line
    assert fix.startswith("rm -rf .venv && make lab TORCH=cpu")


def test_the_cuda_libraries_are_measured_from_the_installed_packages(monkeypatch, tmp_path):
    doctor = load_doctor()
    before = doctor.cuda_libraries_gb()
    info = tmp_path / "nvidia_fake-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: nvidia-fake\nVersion: 1.0\n")
    (info / "RECORD").write_text(
        "nvidia/fake/lib.so,,1500000000\nnvidia_fake-1.0.dist-info/RECORD,,\n"
    )
    # Python 3.12+ lists only the RECORDed files that exist; the size is RECORD's
    (tmp_path / "nvidia" / "fake").mkdir(parents=True)
    (tmp_path / "nvidia" / "fake" / "lib.so").write_bytes(b"")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert doctor.cuda_libraries_gb() - before == pytest.approx(1.5)


def test_a_cpu_build_beside_an_nvidia_gpu_is_a_problem_fixed_by_the_cuda_build(monkeypatch):
    doctor = load_doctor()
    fake_torch(monkeypatch, doctor, cuda=None, gpu="GPU 0: NVIDIA T4")
    ok, line, fix = doctor.check_torch()
    assert not ok
    assert "the CPU build" in line and "GPU 0: NVIDIA T4 is here" in line
    assert fix == "make lab TORCH=cuda"


def test_the_build_that_fits_the_machine_is_ok(monkeypatch):
    doctor = load_doctor()
    fake_torch(monkeypatch, doctor, cuda=None, gpu=None)
    ok, line, fix = doctor.check_torch()
    assert ok and fix is None
    assert re.fullmatch(r"torch \d+\.\d+\.\d+\S*: the CPU build; device: CPU", line)


def test_named_checks_run_alone_without_the_summary(capsys):
    """`make lab` runs `doctor.py torch disk` to say which build it installed and the disk."""
    doctor = load_doctor()
    doctor.main(["torch", "disk"])
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert [line[4:9] for line in lines] == ["torch", "disk:"]
    with pytest.raises(SystemExit, match="unknown check\\(s\\) gpu; the checks: python, pins"):
        doctor.main(["gpu"])
