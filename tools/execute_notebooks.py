"""Maintainers' tool (`make outputs`): run notebooks top to bottom in a fresh kernel and save their
outputs in place, so nbval has fresh outputs to compare against. Widget state is not saved.

Usage: python tools/execute_notebooks.py notebooks/c1w3_shallow_neural_network.ipynb [...]
It overwrites the given files, so it only takes the committed notebooks in notebooks/
(never a learner's copy).
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path):
    """Execute one notebook in its own folder and write it back; return the seconds it took."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        extra_arguments=["--log-level=ERROR"],  # as tools/bench.py: no socket warning per notebook
    ).execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    outside = [name for name in sys.argv[1:] if Path(name).resolve().parent != NOTEBOOKS]
    if outside:
        sys.exit(
            f"execute_notebooks.py rewrites notebooks in place, so it only takes files in "
            f"{NOTEBOOKS}; "
            f"refusing {', '.join(outside)} (a learner's copy in my_workbook/ is never "
            f"overwritten)"
        )
    for name in sys.argv[1:]:
        print(f"{name}: {execute(name):.1f} s", flush=True)
