"""Maintainers' tool (`make outputs`): run notebooks top to bottom in a fresh kernel and save their
outputs in place, so nbval has fresh outputs to compare against. Widget state is not saved.

Usage: python tests/execute_notebooks.py notebooks/c1w3_shallow_neural_network.ipynb [...]
It overwrites the given files: do not point it at a learner's own copy.
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
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=False).execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name in sys.argv[1:]:
        print(f"{name}: {execute(name):.1f} s", flush=True)
