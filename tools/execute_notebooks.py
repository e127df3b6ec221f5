"""Execute the committed notebooks in place with their default parameters.

Run after changing a notebook or the data: `python tools/execute_notebooks.py`.
Timing metadata is not recorded, so re-executing unchanged code gives the same
file (diff-friendly, and nbval can re-run it).
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]

for name in sys.argv[1:] or ["pair_report.ipynb", "landscape.ipynb"]:
    path = ROOT / "notebooks" / name
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        record_timing=False,
        timeout=600,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    print(f"executed {path.relative_to(ROOT)}")
