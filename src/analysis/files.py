"""Writing files so that nobody ever sees half of one: temporary name, then rename."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from analysis.errors import UserInputError


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and a rename.

    A reader sees either the old file or the complete new one; an interrupted
    write leaves only a hidden temporary file, which is removed on error.

    Args:
        path: Destination.
        content: Text (written as UTF-8) or bytes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise _naming(err, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; readers expect the usual mode
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise _naming(err, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _naming(err: OSError, path: Path) -> OSError:
    """``err`` with the file being written as its file name (a full disk names no file)."""
    if err.filename is None or str(err.filename).endswith(".tmp"):
        return type(err)(err.errno, err.strerror, str(path))
    return err


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _prove_writable(folder: Path) -> None:
    """Write a file in ``folder`` and remove it at once (raises OSError if that fails).

    A real write: ``os.access`` says yes to root on a read-only mount.
    """
    fd, probe = tempfile.mkstemp(prefix=".write-check-", dir=folder)
    os.close(fd)
    os.unlink(probe)


def check_output_dir(path: Path) -> Path:
    """Refuse an output folder that is a file or cannot be written, without creating anything.

    Raises:
        UserInputError: ``path`` is a file, or neither it nor its nearest existing
            parent folder is writable.
    """
    if path.exists() and not path.is_dir():
        raise UserInputError(
            f"Output folder {path} is a file, not a folder. Choose a folder with -o/--output."
        )
    probe = path.absolute()
    while not probe.exists():
        probe = probe.parent
    try:
        if not probe.is_dir():
            raise NotADirectoryError(f"{probe} is not a folder")
        _prove_writable(probe)
    except OSError as err:
        raise UserInputError(
            f"Output folder {path} is not writable ({probe}: {err.strerror or err}). "
            "Choose another folder with -o/--output or fix its permissions."
        ) from None
    return path


def ensure_writable_dir(path: Path) -> Path:
    """Create ``path`` if needed and prove it is writable, before any work starts.

    Raises:
        UserInputError: The folder cannot be created or written.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
        _prove_writable(path)
    except OSError as err:
        raise UserInputError(
            f"Output folder {path} is not writable ({err.strerror or err}). Choose another "
            "folder with -o/--output or fix its permissions."
        ) from None
    return path


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class NotARegularFileError(ValueError):
    """A path names a FIFO, device, folder or symbolic link, or a file over the size limit."""


def open_regular(path: Path, follow_symlinks: bool = True) -> int:
    """Open ``path`` for reading only if it is a regular file; return the descriptor.

    Opened non-blocking, so a FIFO with no writer cannot hang the caller, and
    checked with ``fstat`` before a byte is read (``/dev/zero`` never ends).

    Raises:
        OSError: It cannot be opened (``ELOOP`` for a link when not following them).
        NotARegularFileError: It is not a regular file.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(path, flags if follow_symlinks else flags | os.O_NOFOLLOW)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotARegularFileError(f"{path} is not a regular file (a FIFO, device or folder)")
    return fd


def read_regular(path: Path, limit: int, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`open_regular`).

    Raises:
        OSError: It cannot be opened or read.
        NotARegularFileError: It is not a regular file, or it is larger than ``limit``.
    """
    with os.fdopen(open_regular(path, follow_symlinks), "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotARegularFileError(f"{path} is larger than {limit:,} bytes")
    return data
