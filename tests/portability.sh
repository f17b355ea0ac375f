#!/usr/bin/env bash
# Portability check: run the unit tests and the notebooks (nbval) with the CPU kernels of other machines, on this one.
#
#   bash tests/portability.sh                 every configuration below (make portable)
#   bash tests/portability.sh baseline        one of them (CI runs this one after `make test`)
#   bash tests/portability.sh avx2 -- notebooks/c2w3b_batch_normalization.ipynb   (pytest arguments after --;
#                                             the default is every test of numbers: not the browser,
#                                             nbgrader (course) or tooling tests, whose results no CPU kernel moves)
#
# The committed outputs were made on one CPU. A learner's CPU picks other vector kernels and another BLAS code
# path, whose last bits differ, and nbval compares printed text: a notebook passes only if what it prints does not
# depend on those bits. Each configuration below makes this machine compute as another would.
#
# Which knobs the pinned libraries honour (verified on an x86_64 Xeon with AVX-512 and AMX, NumPy 2.4.6 with
# scipy-openblas 0.3.31, torch 2.13.0+cpu with MKL 2024.2 and oneDNN 3.12; each knob was checked to change the
# bits of a result, by hashing exp/tanh/log, sums, matmuls, conv2d and softmax):
#   NumPy     NPY_DISABLE_CPU_FEATURES   honoured, but only for the groups NumPy 2.4 dispatches on: X86_V3 (AVX2/FMA),
#                                        X86_V4 (AVX-512), AVX512_ICL, AVX512_SPR. Old names such as AVX512F are
#                                        accepted and do nothing. float64 exp and log differ between X86_V4 and
#                                        X86_V3; tanh and float32 exp between X86_V3 and the X86_V2 baseline.
#   OpenBLAS  OPENBLAS_CORETYPE          honoured (threadpoolctl reports the chosen architecture): Haswell,
#                                        SkylakeX, Sandybridge, Nehalem… give different dgemm bits (Zen runs the
#                                        Haswell kernels). NumPy,
#                                        SciPy and so scikit-learn use it.
#   PyTorch   ATEN_CPU_CAPABILITY        honoured: default / avx2 / avx512 (torch.backends.cpu.get_cpu_capability());
#                                        avx2 changes softmax, default changes nearly every op.
#             ONEDNN_MAX_CPU_ISA         honoured by the convolutions (SSE41, AVX2, AVX512_CORE, …).
#             MKL_ENABLE_INSTRUCTIONS    honoured by torch's matmul (MKL sgemm) and its exp/tanh (AVX2, SSE4_2).
#             MKL_CBWR                   honoured (COMPATIBLE changes matmul and exp bits): what MKL does on
#                                        non-Intel CPUs is close to this.
#   Threads   not a knob for the notebooks: course_lib.setup() pins BLAS and torch to one thread in every notebook
#             (and tests/conftest.py pins torch in the unit tests), so a learner's core count does not enter;
#             torch.set_num_threads(2) left conv2d, linear, exp and softmax bit-identical in the check above.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

declare -A CONFIGS=(
    # an AVX2 machine (most laptops, AMD Zen 2/3, Intel before Ice Lake)
    [avx2]="NPY_DISABLE_CPU_FEATURES='X86_V4 AVX512_ICL AVX512_SPR' OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2"
    # a machine with no AVX at all: every library on its plainest code path
    [baseline]="NPY_DISABLE_CPU_FEATURES='X86_V3 X86_V4 AVX512_ICL AVX512_SPR' OPENBLAS_CORETYPE=Nehalem ATEN_CPU_CAPABILITY=default ONEDNN_MAX_CPU_ISA=SSE41 MKL_ENABLE_INSTRUCTIONS=SSE4_2"
    # an AMD Zen 4 machine: AVX-512 in NumPy, OpenBLAS on Zen (it runs its Haswell kernels there), MKL on its
    # vendor-neutral path, AVX2 in torch
    [zen]="OPENBLAS_CORETYPE=Zen MKL_CBWR=COMPATIBLE ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2"
)
ORDER=(avx2 baseline zen)

chosen=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    [ -n "${CONFIGS[$1]:-}" ] || { echo "unknown configuration '$1'; choose from: ${ORDER[*]}" >&2; exit 2; }
    chosen+=("$1"); shift
done
[ "${1:-}" = "--" ] && shift
[ ${#chosen[@]} -gt 0 ] || chosen=("${ORDER[@]}")
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tests notebooks -m "not browser and not course and not tooling")

summary=()
status=0
for name in "${chosen[@]}"; do
    echo "=== $name: ${CONFIGS[$name]}"
    start=$SECONDS
    eval "settings=(${CONFIGS[$name]})"  # VAR=value words; quotes in a value are kept together
    env "${settings[@]}" "$PYTHON" - <<'EOF'
import numpy._core._multiarray_umath as umath, threadpoolctl, torch
dispatch = [name for name in umath.__cpu_dispatch__ if umath.__cpu_features__.get(name)]
blas = [info.get("architecture") for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas"]
print(f"    NumPy dispatches to {dispatch or 'the baseline only'}; OpenBLAS core {blas}; "
      f"torch CPU capability {torch.backends.cpu.get_cpu_capability()}")
EOF
    if env "${settings[@]}" "$PYTHON" -m pytest "${targets[@]}" -q -p no:cacheprovider; then
        summary+=("$(printf '%-9s passed  (%d s)' "$name" $((SECONDS - start)))")
    else
        summary+=("$(printf '%-9s FAILED  (%d s)' "$name" $((SECONDS - start)))")
        status=1
    fi
done
echo "=== portability: the notebooks' outputs under other CPUs' kernels"
printf '%s\n' "${summary[@]}"
exit $status
