"""A batch's private runtime folder, and what a killed batch may have left behind.

Kernel connection files (with their HMAC keys) and Dask's scratch space live in
``<output>/.batch-runtime/`` while a batch runs instead of in ``/tmp`` or the
user's Jupyter runtime folder. The next batch takes the lock, then deletes
that folder and any half-written ``.*.tmp`` file a killed writer left, so
nothing outlives a crash by more than one run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RUNTIME_NAME = ".batch-runtime"
BATCH_ENV = "ANALYSIS_BATCH_OUTPUT"
"""Set in every process a batch starts (workers, kernels, Dask): names its output folder."""

_ENV = ("JUPYTER_RUNTIME_DIR", "TMPDIR", BATCH_ENV)
_LEFTOVER_PATTERNS = (".*.tmp", ".write-check-*")
"""Names of files only :func:`analysis.files.write_atomic` and the writability probe create."""


def runtime_dir(out_dir: Path) -> Path:
    """The runtime folder of batches writing to ``out_dir``."""
    return out_dir / RUNTIME_NAME


def clear_leftovers(out_dir: Path) -> list[Path]:
    """Delete a previous batch's runtime folder and temporary files (call with the lock held).

    Returns:
        What was removed.
    """
    removed: list[Path] = []
    runtime = runtime_dir(out_dir)
    if runtime.is_symlink() or (runtime.exists() and not runtime.is_dir()):
        runtime.unlink()  # a link (never followed) or a file in the way: not ours to keep
        removed.append(runtime)
    elif runtime.exists():
        shutil.rmtree(runtime, ignore_errors=True)
        removed.append(runtime)
    for pattern in _LEFTOVER_PATTERNS:
        for path in out_dir.glob(pattern):
            if path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


@contextmanager
def batch_runtime(out_dir: Path) -> Iterator[Path]:
    """Clear leftovers, create the runtime folder and point child processes at it.

    Processes started inside the block inherit ``JUPYTER_RUNTIME_DIR`` (their
    kernels' connection files go there), ``TMPDIR`` (``<runtime>/tmp``: their
    temporary files) and ``ANALYSIS_BATCH_OUTPUT``. The
    folder is removed and the environment restored on the way out.

    Yields:
        The runtime folder.
    """
    clear_leftovers(out_dir)
    runtime = runtime_dir(out_dir)
    runtime.mkdir(mode=0o700)
    saved = {name: os.environ.get(name) for name in _ENV}
    os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime / "jupyter")
    # Temporary files of every process the batch starts (Dask's scratch space and its
    # locks, a kernel's) go here too, and so go with the folder.
    (runtime / "tmp").mkdir()
    os.environ["TMPDIR"] = str(runtime / "tmp")
    os.environ[BATCH_ENV] = str(out_dir.resolve())
    try:
        yield runtime
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(runtime, ignore_errors=True)
