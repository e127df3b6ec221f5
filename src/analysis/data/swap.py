"""Swapping a freshly built ``tables/`` into ``data/``, and repairing a swap a kill cut short.

Kept apart from the build (no pandas, no parsers) so that every command can
check, cheaply, that a killed ``build-data`` has not left ``data/`` without
its tables (:func:`recover_if_needed`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis import config
from analysis.errors import UserInputError

TABLES_SUBDIR = "tables"
STAGING_PREFIX = ".build-"
"""Name prefix of a build's staging folder inside ``data/``."""
_OLD_PREFIX = ".old-"
STAGED_PACKAGE = config.DATAPACKAGE_FILE
"""The staged ``datapackage.json``, inside the staging folder."""


@contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an ``flock`` on the data folder itself: one build (or repair) at a time.

    The folder, not a lock file in it: nothing is added to the committed ``data/``,
    and the OS releases the lock when a killed build dies.

    Raises:
        UserInputError: Another build holds it.
    """
    fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserInputError(
                f"Another build-data is writing {target} (it holds a lock on the folder). "
                "Wait for it to finish."
            ) from None
        yield
    finally:
        os.close(fd)


def recover(target: Path) -> list[Path]:
    """Finish or undo a swap-in that a killed build left half done, and clear its leftovers.

    :func:`swap_in` (1) renames ``tables/`` to ``.old-PID``, (2) renames the
    staged ``tables/`` into place, (3) moves the staged ``datapackage.json``
    over the live one, (4) deletes ``.old-PID``. Killed after (1): ``tables/``
    is missing, so the old one comes back (the old ``datapackage.json`` is still
    in place). Killed after (2): the new tables are in place and the staging
    folder still holds the new ``datapackage.json`` (no ``tables/`` beside it),
    so (3) is done now. Then every ``.old-*`` and ``.build-*`` folder goes (a
    build killed while parsing leaves a staging folder of ~15 MB).

    Call with the build lock held, or when no build can be running.

    Returns:
        The leftovers removed.
    """
    live = target / TABLES_SUBDIR
    olds = sorted(target.glob(f"{_OLD_PREFIX}*"))
    if not live.exists() and olds:
        olds[-1].rename(live)  # killed between (1) and (2): the old data come back
        olds = olds[:-1]
    elif olds:
        for staging in target.glob(f"{STAGING_PREFIX}*"):
            package = staging / STAGED_PACKAGE
            if package.is_file() and not (staging / TABLES_SUBDIR).exists():
                os.replace(package, target / config.DATAPACKAGE_FILE)  # killed after (2)
    removed = []
    for leftover in [*olds, *target.glob(f"{STAGING_PREFIX}*")]:
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    return removed


def recover_if_needed(target: Path) -> None:
    """Repair a data folder a build killed mid swap-in left (one glob when it is fine).

    Called before data are read: a build killed between two renames must leave
    the old data or the new, not a folder without ``tables/`` (every command
    failing) or new tables under the old ``datapackage.json``. Does nothing
    while a build holds the lock, or when the folder cannot be written.
    """
    if not any(target.glob(f"{_OLD_PREFIX}*")):  # only a swap in progress leaves one
        return
    try:
        with build_lock(target):
            recover(target)
    except (UserInputError, OSError):
        pass  # a build is running (it repairs first), or a read-only install


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target/tables`` and ``target/datapackage.json`` by the staged ones."""
    old = target / f"{_OLD_PREFIX}{os.getpid()}"
    live_tables = target / TABLES_SUBDIR
    if live_tables.exists():
        live_tables.rename(old)  # (1); killed from here to (3), recover() repairs it
    (staging / TABLES_SUBDIR).rename(live_tables)  # (2)
    os.replace(staging / STAGED_PACKAGE, target / config.DATAPACKAGE_FILE)  # (3)
    shutil.rmtree(old, ignore_errors=True)  # (4)
