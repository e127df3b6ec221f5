"""The committed notebooks as files: re-execute them in place, deterministically.

``notebooks/*.ipynb`` are committed executed, so nbval can compare the key
tables (cells marked ``# NBVAL_CHECK_OUTPUT``) and a reader sees outputs on
GitHub. The notebook files themselves are the only source of the cells; after
editing one, or after new data, ``analysis notebooks --execute`` refreshes the
outputs. No timing metadata is recorded, so re-running unchanged code on
unchanged data gives the same bytes. It runs on the kernel the batch renders
with (:data:`analysis.config.KERNEL_NAME`), so the committed outputs are what a
report shows. Used by :mod:`analysis.cli` only; it sits beside :mod:`analysis.notebook`,
below the batch stage.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis import config
from analysis.errors import UserInputError
from analysis.files import write_atomic

EXECUTION_TIMEOUT = 600
"""Seconds one cell may take; the landscape notebook reads every occupation."""


def notebook_paths(names: list[str]) -> list[Path]:
    """Return the committed notebooks to execute: all of them, or the ones named.

    Args:
        names: File names in ``notebooks/`` (``pair_report.ipynb``); empty for all.

    Returns:
        Paths of existing notebooks.

    Raises:
        UserInputError: A name is not one of the committed notebooks.
    """
    known = {path.name: path for path in config.NOTEBOOKS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UserInputError(
            f"Unknown notebook(s) {unknown}: use one of {sorted(known)} "
            f"(the committed notebooks in {config.NOTEBOOKS_DIR})."
        )
    paths = [known[name] for name in names] if names else list(config.NOTEBOOKS)
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise UserInputError(f"Notebook file(s) {missing} not found.")
    return paths


def execute_in_place(path: Path) -> None:
    """Run every cell of a committed notebook and write it back with its new outputs.

    Runs with the notebook's folder as working directory and its committed
    parameter values. The file is replaced atomically only once every cell has
    run, so a failing cell leaves the committed notebook as it was.

    Args:
        path: The notebook (``notebooks/pair_report.ipynb``).
    """
    nb = nbformat.read(path, as_version=4)
    # the charts carry a PNG too, which JupyterLab shows in an untrusted notebook (the
    # kernel inherits this process's environment when it starts)
    before = os.environ.get(config.CHART_PNG_ENV)
    os.environ[config.CHART_PNG_ENV] = "1"
    try:
        NotebookClient(
            nb,
            kernel_name=config.KERNEL_NAME,
            extra_arguments=config.KERNEL_ARGUMENTS,
            record_timing=False,
            timeout=EXECUTION_TIMEOUT,
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    finally:
        if before is None:
            os.environ.pop(config.CHART_PNG_ENV, None)
        else:
            os.environ[config.CHART_PNG_ENV] = before
    for cell in nb.cells:
        # Drop timestamps an earlier run or an editor left, so a re-run is no diff.
        cell.metadata.pop("execution", None)
    text = nbformat.writes(nb)
    write_atomic(path, text if text.endswith("\n") else text + "\n")
