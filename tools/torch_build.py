"""Which PyTorch build `make lab` installs: `python tools/torch_build.py auto|cpu|cuda`.

Prints the arguments of the `pip install` that puts the pinned torch of that build into the
environment, or nothing where `pip install -e .` alone installs it; says on stderr what it chose
and why. The Makefile runs that install before `pip install -e .`, which keeps the torch it finds
(`2.13.0+cpu` satisfies `torch==2.13.0`) and adds torch's own dependencies.

- auto: the CUDA build where `nvidia-smi` lists an NVIDIA GPU, else the CPU build.
- Linux: PyPI's torch is the CUDA build (with its nvidia libraries, 4 GB more); the CPU build
  comes from PyTorch's own index (TORCH_CPU_INDEX names a mirror). Where that index does not
  answer within 3 s, PyPI's build is installed instead, at once and with one line of warning.
- macOS: PyPI's torch is the only build (CPU, and the Apple GPU through MPS); there is no CUDA.
- Windows: PyPI's torch is the CPU build.

Standard library only: it runs in a new .venv before anything is installed.
"""

import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PROBE_SECONDS = 3
CHOICES = ("auto", "cpu", "cuda")
# Linux CPUs with `+cpu` wheels on PyTorch's CPU index (aarch64 since torch 2.6); elsewhere PyPI's.
CPU_INDEX_MACHINES = ("x86_64", "aarch64")


class BuildError(Exception):
    """A build this machine cannot have, or a choice that is not one."""


def pinned_torch_version():
    """The version pyproject.toml pins torch to (`torch==X`)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'"torch==([^";\s]+)"', text).group(1)


def nvidia_gpu():
    """The first GPU `nvidia-smi -L` lists ("GPU 0: NVIDIA H100 ..."), or None."""
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return None
    try:
        result = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    gpus = [line for line in result.stdout.splitlines() if line.startswith("GPU ")]
    return gpus[0] if result.returncode == 0 and gpus else None


def index_answers(url, seconds=PROBE_SECONDS):
    """True if `url` answers a HEAD request with success within `seconds`, name lookup included."""
    answered = []

    def probe():
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, method="HEAD"), timeout=seconds
            ):
                answered.append(True)
        except (OSError, ValueError):
            pass

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(seconds)
    return bool(answered)


def pip_arguments(choice, version, system, machine, gpu, cpu_index, index_answers):
    """(arguments of `pip install`, or [] to leave torch to `pip install -e .`; what was chosen).

    choice: auto, cpu or cuda; system, machine: platform.system() and platform.machine();
    gpu: a callable returning the NVIDIA GPU's name or None; index_answers: a callable taking a
    URL (both are called only when the choice needs them).
    """
    if choice not in CHOICES:
        raise BuildError(f"TORCH must be one of {', '.join(CHOICES)}; got {choice!r}")
    if system == "Darwin":
        if choice == "cuda":
            raise BuildError(
                "there is no CUDA build of PyTorch for macOS: run make lab (PyPI's torch uses the "
                "Apple GPU through MPS where there is one)"
            )
        return [], "PyPI's torch, the only build for macOS (CPU, and MPS on Apple GPUs)"
    if system == "Windows":
        if choice == "cuda":
            raise BuildError(
                "PyPI's torch for Windows is the CPU build; for CUDA use WSL (Linux), or PyTorch's "
                "CUDA index as https://pytorch.org/get-started/locally/ shows"
            )
        return [], "PyPI's torch, the CPU build on Windows"
    if choice == "auto":
        found = gpu()
        choice, reason = ("cuda", f"{found} found") if found else ("cpu", "no NVIDIA GPU found")
    else:
        reason = f"TORCH={choice}"
    if choice == "cuda":
        # `===` matches the version without a local label: PyPI's CUDA build, never a +cpu wheel
        return ["--no-deps", f"torch==={version}"], f"PyPI's CUDA build ({reason})"
    if machine not in CPU_INDEX_MACHINES:
        return [], f"PyPI's torch ({reason}; PyTorch's CPU index has no +cpu build for {machine})"
    if not index_answers(f"{cpu_index}/torch/"):
        return [], (
            f"WARNING: PyTorch's CPU index {cpu_index} did not answer ({PROBE_SECONDS} s at most), "
            f"so pip installs its default torch ({reason}): from PyPI the CUDA build, about 4 GB "
            "more; make doctor tells which build it is"
        )
    return (
        ["--no-deps", "--index-url", cpu_index, f"torch=={version}+cpu"],
        f"the CPU build from {cpu_index} ({reason}; make lab TORCH=cuda for the CUDA build)",
    )


def main(argv):
    choice = argv[1] if len(argv) > 1 else "auto"
    try:
        arguments, chosen = pip_arguments(
            choice,
            pinned_torch_version(),
            platform.system(),
            platform.machine(),
            nvidia_gpu,
            os.environ.get("TORCH_CPU_INDEX", CPU_INDEX).rstrip("/"),
            index_answers,
        )
    except BuildError as error:
        print(f"make lab TORCH={choice}: {error}", file=sys.stderr)
        return 2
    print(f"torch: {chosen}", file=sys.stderr)
    print(" ".join(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
