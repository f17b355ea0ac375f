#!/usr/bin/env bash
# GPU check: the PyTorch side of the workbook on a machine with an NVIDIA GPU (make gpu-check).
#
#   bash tests/gpu_check.sh            on a machine with CUDA; exits 2 where torch sees no GPU
#   GPU_CHECK_ALLOW_CPU=1 VENV=.venv bash tests/gpu_check.sh
#                                      a dry run of the same steps on the CPU, in the project's own .venv
#   bash tests/gpu_check.sh download-wheels DIR
#                                      on a machine with PyPI: the cp312 wheels an offline GPU machine with Python 3.12,
#                                      torch, NumPy, matplotlib, scikit-learn/-image and pytest lacks (43 files, 19 MiB;
#                                      installed offline into a stand-in for that image, pip check clean, nbval ran a
#                                      notebook there); then run the check there with WHEELS=DIR
#
# What it does:
#   1. Makes a virtual environment .venv-gpu that sees the system's packages, so a CUDA build of torch that is
#      already installed is used as it is. Where the installed torch has no CUDA, it installs the CUDA build of the
#      pinned torch (PyPI's torch==2.13.0 on Linux is the CUDA build). Offline machines: put wheels for the rest
#      (nbval, ipykernel, ipywidgets, ipympl, tqdm, threadpoolctl, …) in $WHEELS and they are installed from there.
#   2. Installs course_lib without its dependencies (the torch found above stays).
#   3. Runs the torch unit tests, then the notebooks with PyTorch cells under nbval, on the GPU: pick_device()
#      chooses CUDA, so every torch cell of c2w3d, c4w1, c4w2a and c4w2b runs there and its output is compared
#      with the committed one (made on a CPU). Device names and float32 training results are in ignored cells;
#      everything else must print the same on the GPU.
#   4. Prints a summary: GPU, torch and CUDA versions, and each step's result and time.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv-gpu}
WHEELS=${WHEELS:-}

if [ "${1:-}" = "download-wheels" ]; then
    [ -n "${2:-}" ] || { echo "usage: bash tests/gpu_check.sh download-wheels DIR" >&2; exit 2; }
    exec "$PYTHON" -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
        --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64 -d "$2" \
        nbval==0.11.0 ipykernel==7.4.0 jupyter_client==8.10.0 jupyter_core==5.9.1 nbformat==5.11.1 ipywidgets==8.1.9 \
        ipympl==0.10.0 tqdm==4.70.1 threadpoolctl==3.8.0 pytest-xdist==3.8.0 execnet==2.1.2 coverage==7.18.0 \
        ipython==9.18.1 ipython_pygments_lexers==1.1.1 comm==0.2.3 debugpy==1.8.22 matplotlib-inline==0.2.2 \
        nest-asyncio2==1.7.4 psutil==7.2.2 pyzmq==27.3.0 tornado==6.6.1 traitlets==5.16.1 platformdirs==4.14.9 \
        jupyterlab_widgets==3.0.17 widgetsnbextension==4.0.16 prompt_toolkit==3.0.53 wcwidth==0.9.4 jedi==0.20.1 \
        parso==0.8.7 pexpect==4.9.0 ptyprocess==0.7.0 stack-data==0.6.3 asttokens==3.0.2 executing==2.3.0 \
        pure_eval==0.2.4 fastjsonschema==2.22.3 jsonschema==4.26.0 attrs==26.1.0 jsonschema-specifications==2025.9.1 \
        referencing==0.37.0 rpds-py==2026.9.1 typing_extensions==4.16.0 setuptools==84.2.1
fi

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv --system-site-packages "$VENV" || exit 1
fi
PY="$VENV/bin/python"
pip_install() {
    if [ -n "$WHEELS" ]; then "$PY" -m pip install --quiet --no-index --find-links "$WHEELS" "$@"
    else "$PY" -m pip install --quiet "$@"; fi
}
if ! "$PY" -c 'import torch, sys; sys.exit(0 if torch.version.cuda else 1)' 2>/dev/null; then
    if [ -n "${GPU_CHECK_ALLOW_CPU:-}" ]; then
        echo "dry run: keeping the torch found here, a build without CUDA"
    else
        echo "installing the CUDA build of torch==2.13.0 (PyPI's Linux build; several GB)"
        pip_install --force-reinstall --no-deps "torch==2.13.0" && pip_install "torch==2.13.0" || exit 1
    fi
fi
if ! "$PY" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)'; then
    if [ -z "${GPU_CHECK_ALLOW_CPU:-}" ]; then
        echo "torch sees no CUDA GPU here: the GPU check needs a machine with an NVIDIA GPU and its driver." >&2
        exit 2
    fi
    echo "DRY RUN on the CPU (GPU_CHECK_ALLOW_CPU is set): the steps are checked, not the GPU"
fi
for module in nbval ipykernel ipywidgets ipympl tqdm threadpoolctl sklearn skimage matplotlib hypothesis xdist; do
    "$PY" -c "import $module" 2>/dev/null && continue
    case $module in
        sklearn) package=scikit-learn ;; skimage) package=scikit-image ;; xdist) package=pytest-xdist ;; *) package=$module ;;
    esac
    pip_install "$package" || { echo "could not install $package (offline? set WHEELS=folder of wheels)" >&2; exit 1; }
done
pip_install --no-deps --no-build-isolation -e . 2>/dev/null || pip_install --no-deps -e . || exit 1

"$PY" - <<'EOF'
import torch
gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
print(f"GPU: {gpu} · torch {torch.__version__} · CUDA {torch.version.cuda} · cuDNN {torch.backends.cudnn.version()}")
from course_lib.torch_models import device_summary, pick_device
print("course_lib picks:", device_summary(pick_device()))
EOF

results=()
status=0
step() {
    local name=$1; shift
    local start=$SECONDS
    if "$@"; then results+=("$(printf '%-34s passed (%d s)' "$name" $((SECONDS - start)))")
    else results+=("$(printf '%-34s FAILED (%d s)' "$name" $((SECONDS - start)))"); status=1; fi
}
PYTEST=("$PY" -m pytest -p no:cacheprovider -o addopts= -q)
step "torch unit tests" "${PYTEST[@]}" tests/test_torch_models.py tests/test_architectures.py tests/test_transfer.py \
    tests/test_augmentation.py tests/test_batchnorm.py tests/test_optimizers.py
step "notebooks with PyTorch, on the GPU" "${PYTEST[@]}" --nbval --nbval-current-env \
    --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=300 \
    notebooks/c2w3d_frameworks.ipynb notebooks/c4w1_convolutional_networks.ipynb \
    notebooks/c4w2a_case_studies.ipynb notebooks/c4w2b_practical_advice.ipynb

echo "=== GPU check"
printf '%s\n' "${results[@]}"
exit $status
