#!/usr/bin/env bash
# GPU check: the PyTorch side of the workbook on a machine with an NVIDIA GPU (make gpu-check).
#
#   bash tests/gpu_check.sh            on a machine with CUDA; exits 2 where torch sees no GPU
#   GPU_CHECK_ALLOW_CPU=1 VENV=.venv bash tests/gpu_check.sh
#                                      a dry run of the same steps on the CPU, in the project's own .venv
#
# What it does:
#   1. Makes a virtual environment .venv-gpu that sees the system's packages, so a CUDA build of torch that is
#      already installed is used as it is. Where the installed torch has no CUDA, it installs the CUDA build of the
#      pinned torch (PyPI's torch==2.13.0 on Linux is the CUDA build). Offline machines: put wheels for the rest
#      (nbval, ipykernel, ipywidgets, ipympl, tqdm, threadpoolctl, …) in $WHEELS and they are installed from there.
#   2. Installs course_lib without its dependencies (the torch found above stays).
#   3. Runs the torch unit tests, then the notebooks with PyTorch cells under nbval, on the GPU: pick_device()
#      chooses CUDA, so every torch cell of c2w3, c4w1, c4w2a and c4w2b runs there and its output is compared
#      with the committed one (made on a CPU). Device names and float32 training results are in ignored cells;
#      everything else must print the same on the GPU.
#   4. Prints a summary: GPU, torch and CUDA versions, and each step's result and time.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv-gpu}
WHEELS=${WHEELS:-}

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
    notebooks/c2w3_tuning_batchnorm_softmax.ipynb notebooks/c4w1_convolutional_networks.ipynb \
    notebooks/c4w2a_case_studies.ipynb notebooks/c4w2b_practical_advice.ipynb

echo "=== GPU check"
printf '%s\n' "${results[@]}"
exit $status
