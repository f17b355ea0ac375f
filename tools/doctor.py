"""`make doctor`: what a learner or a helper needs to diagnose a set-up problem, on one screen.

Each line is "ok" or "!!" with what was found; each problem ends with the one command that fixes
it. Exits 1 when there is a problem, 0 otherwise. Reads only: it installs and changes nothing.
"""

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import torch_build

ROOT = Path(__file__).resolve().parents[1]
LAB_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "ipywidgets' sliders",
    "jupyter-matplotlib": "ipympl's interactive figures",
}


def pinned_requirements():
    """{name: version} pinned by pyproject.toml for this Python (the project's dependencies)."""
    from packaging.requirements import Requirement

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M).group(1)
    pins = {}
    for line in re.findall(r'"([^"]+)"', block):
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate():
            pins[requirement.name] = str(requirement.specifier).removeprefix("==")
    return pins


def check_python():
    version = sys.version_info
    line = f"Python {sys.version.split()[0]} at {sys.executable}"
    if version < (3, 10):
        return False, line, "make lab PYTHON=python3.11 (Python ≥ 3.10 is needed)"
    return True, line, None


def check_pins():
    """Each pinned package installed at its pinned version (the local label of torch ignored)."""
    wrong = []
    for name, version in pinned_requirements().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{name} missing")
            continue
        if installed.split("+")[0] != version:
            wrong.append(f"{name} {installed} (pinned {version})")
    if wrong:
        return False, "pinned packages: " + ", ".join(wrong), "make lab (or: pip install -e .)"
    return True, f"pinned packages: all {len(pinned_requirements())} at their pins", None


def check_pip():
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120
    )
    if result.returncode:
        first = (result.stdout.strip() or result.stderr.strip()).splitlines()[0]
        return False, f"pip check: {first}", 'pip install -e ".[test]"'
    return True, "pip check: no broken requirements", None


def cuda_libraries_gb():
    """GB taken by the installed nvidia-* packages (a CUDA build's libraries), as RECORDed."""
    return sum(
        (file.size or 0) / 1e9
        for dist in importlib.metadata.distributions()
        if (dist.metadata["Name"] or "").lower().startswith("nvidia-")
        for file in dist.files or ()
    )


def check_torch():
    """The torch build (CPU, CUDA) and device; a CUDA build without a GPU, a CPU build beside one,
    or a CUDA build's libraries left beside a CPU build is a problem."""
    try:
        import torch
    except ImportError:
        return False, "torch: not importable", "make lab (or: pip install -e .)"
    build = f"CUDA {torch.version.cuda}" if torch.version.cuda else "CPU"
    if torch.cuda.is_available():
        device = "CUDA " + torch.cuda.get_device_name(0)
    elif torch.backends.mps.is_available():
        device = "Apple GPU (MPS)"
    else:
        device = "CPU"
    line = f"torch {torch.__version__}: the {build} build; device: {device}"
    gpu = torch_build.nvidia_gpu()
    if gpu and not torch.version.cuda:
        return False, f"{line}; {gpu} is here", "make lab TORCH=cuda"
    unused = 0 if gpu else cuda_libraries_gb()
    if unused:
        return (
            False,
            f"{line}; no NVIDIA GPU here, so {unused:.1f} GB of CUDA libraries are unused",
            "rm -rf .venv && make lab TORCH=cpu (the CPU build comes from download.pytorch.org)",
        )
    return True, line, None


def check_blas():
    import numpy as np
    from threadpoolctl import threadpool_info

    libraries = [
        f"{info['internal_api']} {info.get('version') or ''} ({info['num_threads']} threads)"
        for info in threadpool_info()
        if info["user_api"] == "blas"
    ]
    blas = ", ".join(libraries) or "none found"
    return True, f"NumPy {np.__version__}, BLAS: {blas}; {os.cpu_count()} cores", None


def check_chromium():
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        return (
            False,
            "Chromium: not found (the browser test is skipped without it)",
            "sudo apt install chromium (or set CHROMIUM=/path/to/chromium)",
        )
    return True, f"Chromium: {found}", None


def check_lab_extensions():
    jupyter = Path(sys.executable).with_name("jupyter")
    if not jupyter.exists():
        return False, "JupyterLab: not installed in this environment", "make lab"
    result = subprocess.run(
        [str(jupyter), "labextension", "list"], capture_output=True, text=True, timeout=120
    )
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    missing = [
        f"{name} ({what})"
        for name, what in LAB_EXTENSIONS.items()
        if not re.search(rf"{re.escape(name)} \S+ enabled OK", listing)
    ]
    if missing:
        return False, "JupyterLab extensions missing or disabled: " + ", ".join(missing), "make lab"
    return True, "JupyterLab extensions: ipywidgets and ipympl enabled", None


def check_disk():
    venv = Path(sys.prefix)
    size = sum(f.stat().st_size for f in venv.rglob("*") if f.is_file() and not f.is_symlink())
    free = shutil.disk_usage(ROOT).free
    line = f"disk: {venv} holds {size / 1e9:.1f} GB; {free / 1e9:.1f} GB free here"
    if free < 1e9:
        return False, line, "free some disk space (the tests and notebooks need about 1 GB)"
    return True, line, None


CHECKS = (
    check_python,
    check_pins,
    check_pip,
    check_torch,
    check_blas,
    check_chromium,
    check_lab_extensions,
    check_disk,
)


def main(names=()):
    """Runs the checks named (`torch` runs check_torch; all of them without names)."""
    known = {check.__name__.removeprefix("check_"): check for check in CHECKS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown check(s) {', '.join(unknown)}; the checks: {', '.join(known)}")
    checks = [known[name] for name in names] or CHECKS
    problems = 0
    for check in checks:
        try:
            ok, line, fix = check()
        except Exception as error:  # noqa: BLE001 - a doctor reports, it does not crash
            ok, line, fix = False, f"{check.__name__}: {type(error).__name__}: {error}", "make lab"
        print(f"{'ok' if ok else '!!'}  {line}")
        if not ok:
            problems += 1
            print(f"      fix: {fix}")
    if not names:
        print(f"{problems} problem(s)" if problems else "no problems found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
