#!/usr/bin/env bash
# Every supported Python: run the unit tests and the notebooks (nbval) under Python 3.10, 3.11, 3.12 and 3.13,
# each in its own venv, and print one line per version.
#
#   bash tests/pythons.sh                    all four (make pythons)
#   bash tests/pythons.sh 3.12 3.13          some of them
#   bash tests/pythons.sh 3.13 -- tests/test_augmentation.py    (pytest arguments after --; the default is
#                                            every test but the browser test)
#
# Each version gets .venv-3.X, set up by the Makefile's own rule (make VENV=.venv-3.X PYTHON=python3.X), so it
# holds what `make test` would install with that Python, the torch build included, and is set up again only when
# pyproject.toml is newer than its stamp. pytest's log for each version goes to tests/artifacts/pythons-3.X.log.
set -euo pipefail
cd "$(dirname "$0")/.."
ALL=(3.10 3.11 3.12 3.13)

chosen=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    [[ " ${ALL[*]} " == *" $1 "* ]] || { echo "unknown Python version '$1'; choose from: ${ALL[*]}" >&2; exit 2; }
    chosen+=("$1"); shift
done
[ "${1:-}" = "--" ] && shift
[ ${#chosen[@]} -gt 0 ] || chosen=("${ALL[@]}")
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tests notebooks -m "not browser")

# python3.X on PATH, else pyenv's newest 3.X.* (pyenv's shims answer only for the versions it has activated).
find_python() {
    local version=$1 found
    if "python$version" -c '' 2>/dev/null; then command -v "python$version"; return; fi
    command -v pyenv >/dev/null 2>&1 || return 1
    found=$(pyenv versions --bare | grep -E "^${version//./\\.}\.[0-9]+$" | sort -V | tail -n 1)
    [ -n "$found" ] && [ -x "$(pyenv root)/versions/$found/bin/python$version" ] || return 1
    echo "$(pyenv root)/versions/$found/bin/python$version"
}

mkdir -p tests/artifacts
rows=()
status=0
for version in "${chosen[@]}"; do
    venv=.venv-$version
    log=tests/artifacts/pythons-$version.log
    echo "=== Python $version ($venv)"
    if ! interpreter=$(find_python "$version"); then
        rows+=("$(printf '| %-7s | %-14s | %-6s | %-32s | %-7s | %-6s |' "$version" "-" "-" \
            "python$version not found: install it (pyenv install $version)" "-" "-")")
        status=1
        continue
    fi
    stamp=$(stat -c %Y "$venv/.test-installed" 2>/dev/null || true)
    start=$SECONDS
    if ! make --no-print-directory VENV="$venv" PYTHON="$interpreter" "$venv/.test-installed"; then
        rows+=("$(printf '| %-7s | %-14s | %-6s | %-32s | %-7s | %-6s |' "$version" "-" "-" \
            "install FAILED (see above)" "$((SECONDS - start)) s" "-")")
        status=1
        continue
    fi
    installed="$((SECONDS - start)) s"
    [ "$stamp" != "$(stat -c %Y "$venv/.test-installed")" ] || installed="reused"
    read -r python torch < <("$venv/bin/python" -c \
        'import platform, torch; print(platform.python_version(), torch.__version__)')
    start=$SECONDS
    if "$venv/bin/python" -m pytest "${targets[@]}" -q 2>&1 | tee "$log"; then
        verdict="passed"
    else
        verdict="FAILED"
        status=1
    fi
    # pytest's last line, e.g. "=== 812 passed, 3 skipped in 401.2s ===" -> "812 passed, 3 skipped"
    counts=$(tail -n 1 "$log" | sed -E 's/=+//g; s/ in [0-9.]+s.*//; s/^ +//')
    rows+=("$(printf '| %-7s | %-14s | %-6s | %-32s | %-7s | %-6s |' "$python" "$torch" "$verdict" "$counts" \
        "$installed" "$((SECONDS - start)) s")")
done
echo "=== pythons: the unit tests and the notebooks on each Python (install: seconds to set up its venv, or reused)"
printf '| %-7s | %-14s | %-6s | %-32s | %-7s | %-6s |\n' Python torch result tests install tests
printf '|%s|\n' "---------|----------------|--------|----------------------------------|---------|--------"
printf '%s\n' "${rows[@]}"
exit $status
