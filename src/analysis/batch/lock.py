"""The batch lock: one batch per output folder, released by the OS when its holder dies.

The lock is ``fcntl.flock`` on an open ``.batch.lock``, not the file's existence:
a batch killed with SIGKILL, or one that could not even write its pid (disk
full), leaves at most a file that nobody holds, and the next batch simply
takes it. The pid inside only names the holder in the refusal message.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from analysis.errors import UserInputError

LOCK_NAME = ".batch.lock"

_MAX_PID_TEXT = 32
"""Bytes of the lock file read to name the holder; a huge or garbage file is not parsed."""


class BatchLock:
    """An exclusive lock on the output folder, so two batches never interleave writes."""

    def __init__(self, out_dir: Path):
        """Prepare the lock for ``out_dir``."""
        self.path = out_dir / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> BatchLock:
        """Take the lock, or refuse with a clear message when another live batch holds it.

        Raises:
            UserInputError: Another process holds the lock, or the file cannot be opened.
        """
        for _ in range(5):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                raise UserInputError(
                    f"Another batch (pid {holder}) is writing to {self.path.parent} (lock file "
                    f"{self.path}). Wait for it to finish, or use another output folder."
                ) from None
            except OSError as err:
                os.close(fd)
                raise UserInputError(
                    f"Cannot lock {self.path} ({err.strerror or err}): the output folder's file "
                    "system does not support locks. Use a local folder with -o/--output."
                ) from None
            if _same_file(fd, self.path):
                self._fd = fd
                self._record_pid()
                return self
            os.close(fd)  # the previous holder removed the file between our open and lock
        raise UserInputError(f"Could not take the batch lock {self.path}; try again.")

    def __exit__(self, *exc: object) -> None:
        """Remove the lock file, then release the lock."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # an unheld file left behind does not block the next batch
        os.close(self._fd)
        self._fd = None

    def _open(self) -> int:
        try:
            # O_CLOEXEC: kernels and other programs started by the batch must not hold the lock.
            # O_NOFOLLOW: a symbolic link planted here must not make us write elsewhere.
            flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
            fd = os.open(self.path, flags, 0o644)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise UserInputError(
                    f"The batch lock {self.path} is a symbolic link; the batch writes only real "
                    "files in its folder. Remove the link and run again."
                ) from None
            raise UserInputError(
                f"Cannot open the batch lock {self.path} ({err.strerror or err}). Check the "
                "output folder's permissions or choose another with -o/--output."
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or device: not a lock file
            os.close(fd)
            raise UserInputError(
                f"The batch lock {self.path} is not a regular file. Remove it and run again."
            )
        return fd

    def _record_pid(self) -> None:
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, str(os.getpid()).encode("ascii"), 0)
        except OSError:
            pass  # e.g. disk full: the lock holds all the same, only its holder goes unnamed


def _holder(fd: int) -> str:
    """The pid written in a held lock, or "unknown" when the text is not a plausible pid."""
    try:
        text = os.pread(fd, _MAX_PID_TEXT, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "unknown"
    return text if text.isdigit() and 0 < int(text) < 2**22 else "unknown"


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False
