"""Which PyTorch build `make lab` installs (tools/torch_build.py and the Makefile's stamps)."""

import functools
import http.server
import json
import os
import platform
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from tool_loader import load_tool

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "torch_build.py"
INDEX = "https://download.pytorch.org/whl/cpu"
torch_build = load_tool("torch_build")


class Machine:
    """Fakes of the GPU and the index probe that record whether they were asked."""

    def __init__(self, gpu=None, answers=True):
        self.gpu_name, self.answers, self.asked = gpu, answers, []

    def gpu(self):
        self.asked.append("gpu")
        return self.gpu_name

    def index_answers(self, url):
        self.asked.append(url)
        return self.answers

    def arguments(self, choice, system="Linux", cpu="x86_64"):
        return torch_build.pip_arguments(
            choice, "2.13.0", system, cpu, self.gpu, INDEX, self.index_answers
        )


CPU_BUILD = ["--no-deps", "--index-url", INDEX, "torch==2.13.0+cpu"]
CUDA_BUILD = ["--no-deps", "torch===2.13.0"]


def test_linux_without_a_gpu_gets_the_cpu_build_from_pytorchs_index():
    machine = Machine()
    arguments, chosen = machine.arguments("auto")
    assert arguments == CPU_BUILD
    assert machine.asked == ["gpu", f"{INDEX}/torch/"]
    assert "CPU build" in chosen and "no NVIDIA GPU" in chosen and "TORCH=cuda" in chosen


def test_aarch64_linux_gets_the_cpu_build_too():
    assert Machine().arguments("auto", cpu="aarch64")[0] == CPU_BUILD


def test_linux_with_a_gpu_gets_pypis_cuda_build_without_probing_the_cpu_index():
    machine = Machine(gpu="GPU 0: NVIDIA H100 80GB HBM3")
    arguments, chosen = machine.arguments("auto")
    assert arguments == CUDA_BUILD
    assert machine.asked == ["gpu"]
    assert "CUDA" in chosen and "NVIDIA H100" in chosen


@pytest.mark.parametrize("gpu", [None, "GPU 0: NVIDIA T4"])
def test_an_explicit_choice_wins_over_the_gpu(gpu):
    machine = Machine(gpu=gpu)
    assert machine.arguments("cpu")[0] == CPU_BUILD
    assert machine.arguments("cuda")[0] == CUDA_BUILD
    assert "gpu" not in machine.asked


def test_an_unreachable_cpu_index_falls_back_to_pips_default_with_a_warning():
    arguments, chosen = Machine(answers=False).arguments("auto")
    assert arguments == []
    assert chosen.startswith("WARNING") and INDEX in chosen and "CUDA build" in chosen


def test_a_linux_cpu_without_cpu_wheels_gets_pypis_torch_without_a_probe():
    machine = Machine()
    arguments, chosen = machine.arguments("cpu", cpu="ppc64le")
    assert arguments == [] and "ppc64le" in chosen
    assert machine.asked == []


@pytest.mark.parametrize("choice", ["auto", "cpu"])
@pytest.mark.parametrize("system", ["Darwin", "Windows"])
def test_macos_and_windows_keep_pypis_torch(system, choice):
    machine = Machine(gpu="GPU 0: NVIDIA RTX 4090")
    arguments, chosen = machine.arguments(choice, system=system, cpu="arm64")
    assert arguments == [] and "PyPI" in chosen
    assert machine.asked == []


def test_cuda_on_macos_or_windows_is_refused_with_what_to_do():
    with pytest.raises(torch_build.BuildError, match="no CUDA build of PyTorch for macOS.*MPS"):
        Machine().arguments("cuda", system="Darwin", cpu="arm64")
    with pytest.raises(torch_build.BuildError, match="CPU build; for CUDA use WSL"):
        Machine().arguments("cuda", system="Windows", cpu="AMD64")


def test_an_unknown_choice_lists_the_choices():
    with pytest.raises(torch_build.BuildError, match="one of auto, cpu, cuda; got 'gpu'"):
        Machine().arguments("gpu")


def test_the_specifiers_pick_the_builds_they_claim():
    """`+cpu` satisfies the project's pin (so `pip install -e .` keeps it); `===` excludes it."""
    pin = SpecifierSet("==" + torch_build.pinned_torch_version())
    cpu, pypi = Version("2.13.0+cpu"), Version("2.13.0")
    assert cpu in pin and pypi in pin
    assert pypi in SpecifierSet("===2.13.0") and cpu not in SpecifierSet("===2.13.0")
    assert torch_build.pinned_torch_version() == "2.13.0"


# ---- the probe and the script, for real ----------------------------------------------------------


@pytest.fixture(autouse=True)
def loopback_without_proxy(monkeypatch):
    """The local index is reached directly, also where an HTTP proxy is configured."""
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture
def local_index(tmp_path):
    """An HTTP server on loopback serving tmp_path/torch/ (its listing serves as a simple index)."""
    (tmp_path / "torch").mkdir()
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_the_probe_sees_an_index_that_answers(local_index):
    assert torch_build.index_answers(f"{local_index}/torch/")
    assert not torch_build.index_answers(f"{local_index}/no-such-package/")  # 404


def test_the_probe_gives_up_within_its_time_limit():
    start = time.monotonic()
    assert not torch_build.index_answers(f"{closed_port_url()}/torch/", seconds=1)
    # TEST-NET-1 is never routed: the connection fails at once or hangs until the limit
    assert not torch_build.index_answers("http://192.0.2.1/torch/", seconds=1)
    assert time.monotonic() - start < 3


def run_script(choice, index):
    environment = {**os.environ, "TORCH_CPU_INDEX": index}
    return subprocess.run(
        [sys.executable, str(SCRIPT), choice],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )


linux_with_cpu_wheels = pytest.mark.skipif(
    platform.system() != "Linux" or platform.machine() not in ("x86_64", "aarch64"),
    reason="the CPU index is used on Linux x86_64 and aarch64",
)


@linux_with_cpu_wheels
def test_the_script_prints_the_cpu_index_where_it_answers(local_index):
    result = run_script("cpu", local_index + "/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["--no-deps", "--index-url", local_index, "torch==2.13.0+cpu"]
    assert "the CPU build from" in result.stderr


@linux_with_cpu_wheels
def test_the_script_falls_back_at_once_where_the_index_does_not_answer():
    start = time.monotonic()
    result = run_script("cpu", closed_port_url())
    assert time.monotonic() - start < 10  # the probe's 3 s and the interpreter's start
    assert result.returncode == 0 and result.stdout.strip() == ""
    assert "WARNING" in result.stderr


def test_the_script_refuses_a_bad_choice_with_exit_code_2():
    result = run_script("gpu", INDEX)
    assert result.returncode == 2 and result.stdout == ""
    assert "make lab TORCH=gpu: TORCH must be one of auto, cpu, cuda" in result.stderr


# ---- the Makefile: the choice is kept, torch is installed first ---------------------------------


def make(tmp_path, *arguments):
    result = subprocess.run(
        ["make", f"VENV={tmp_path / '.venv'}", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_torch_choice_is_kept_until_another_is_given(tmp_path):
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch(mode=0o755)  # only its presence matters here
    choice = tmp_path / ".venv" / ".torch-choice"
    make(tmp_path, str(choice))
    assert choice.read_text() == "auto\n"
    make(tmp_path, str(choice), "TORCH=cuda")
    assert choice.read_text() == "cuda\n"
    written = choice.stat().st_mtime_ns
    time.sleep(0.01)
    make(tmp_path, str(choice))
    assert choice.read_text() == "cuda\n" and choice.stat().st_mtime_ns == written
    make(tmp_path, str(choice), "TORCH=cpu")
    assert choice.read_text() == "cpu\n"


def test_torch_is_installed_before_the_workbook_then_reported(tmp_path):
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch(mode=0o755)
    dry_run = make(tmp_path, "-n", str(tmp_path / ".venv" / ".lab-installed"), "TORCH=cpu")
    steps = [
        "tools/torch_build.py $(cat",
        "-m pip install --quiet $torch",
        "-m pip install --quiet -e .",
        "tools/doctor.py torch disk",
    ]
    positions = [dry_run.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), dry_run


# ---- committed outputs -------------------------------------------------------------------------


def test_no_committed_output_names_a_torch_build():
    """torch.__version__ has a local label that differs by build (2.13.0+cpu, +cu130, none on
    macOS): a committed output printing it would fail nbval on every other build."""
    label = re.compile(r"\b\d+\.\d+\.\d+\+(cpu|cu\d+|rocm[\d.]+)\b")
    found = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for output in cell.get("outputs", []):
                text = "".join(output.get("text", "")) + json.dumps(output.get("data", {}))
                found += [f"{path.name} cell {index}: {m.group(0)}" for m in label.finditer(text)]
    assert not found
