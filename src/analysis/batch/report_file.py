"""A report's ``<slug>.json``: the compare JSON plus the manifest the batch trusts.

Read and written here only. The batch reuses a report, the atlas takes an
occupation's profile from it, only through :func:`read_report`; anything it
cannot read back as a complete report of this version (a missing, truncated,
hand-edited, foreign, huge, deeply nested or non-regular file) is None, which
means "render again", never a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from analysis.batch.fingerprint import payload_sha256
from analysis.batch.tasks import Summary
from analysis.files import NotARegularFileError, open_regular, read_regular, write_atomic
from analysis.occupations.contract import Profile
from analysis.records import Record

MANIFEST_VERSION = 2
"""Version of the manifest layout; a report written with another (or none, before 2) is
rendered again."""

MAX_REPORT_BYTES = 64 * 1024 * 1024
"""A report's JSON is ~0.1-0.5 MB; anything far larger is not one of ours."""

MANIFEST_KEY = "report"
"""Key of the manifest in the report's JSON (beside the compare JSON's own keys)."""


@dataclass(frozen=True)
class ReportManifest(Record):
    """What a report was rendered from and which bytes it wrote (its JSON's ``report``)."""

    version: int
    inputs_hash: str
    """:func:`analysis.batch.fingerprint.inputs_hash` of the notebook, data, code, parameters."""
    parameters: dict[str, str]
    package_version: str
    data_version: str
    files: dict[str, str]
    """SHA-256 of each other file written (``html``, and ``ipynb`` when kept), by extension."""
    payload_sha256: str = ""
    """SHA-256 of the whole JSON without this field: a hand edit shows."""


@dataclass(frozen=True)
class ReportFile:
    """A report's JSON read back: the compare JSON (as written) and its manifest."""

    payload: dict[str, Any]
    manifest: ReportManifest

    def summary(self) -> Summary:
        """The headline figures (see :func:`analysis.batch.index.summarize`)."""
        from analysis.batch.index import summarize

        return summarize(self.payload)

    def profile(self, soc: str) -> Profile | None:
        """The profile of the side whose SOC code is ``soc`` (None when neither is)."""
        for side in ("a", "b"):
            raw = self.payload.get(side)
            if isinstance(raw, dict) and raw.get("soc") == soc:
                return Profile.from_json(raw)
        return None


def write_report(
    path: Path,
    payload: dict[str, Any],
    inputs_hash: str,
    parameters: dict[str, str],
    package_version: str,
    data_version: str,
    files: dict[str, bytes],
) -> ReportManifest:
    """Write ``payload`` with its manifest to ``path`` (atomically; the report's last file).

    Args:
        path: ``<slug>.json``.
        payload: The compare JSON.
        inputs_hash: What the report was rendered from.
        parameters: The notebook parameters.
        package_version: This package's version.
        data_version: The data's version.
        files: The bytes of the report's other files, by extension (their SHA-256 is
            recorded so the next batch checks them).

    Returns:
        The manifest written.
    """
    manifest = ReportManifest(
        version=MANIFEST_VERSION,
        inputs_hash=inputs_hash,
        parameters=dict(parameters),
        package_version=package_version,
        data_version=data_version,
        files={ext: hashlib.sha256(data).hexdigest() for ext, data in files.items()},
    )
    body = {**payload, MANIFEST_KEY: manifest.to_json()}
    manifest = replace(manifest, payload_sha256=payload_sha256(body))
    body[MANIFEST_KEY] = manifest.to_json()
    # Compact: a report's JSON is read by programs (``jq`` or ``python -m json.tool``
    # indent it for a person), and indentation was a third of its 155 KB.
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, text + "\n")
    return manifest


def read_report(path: Path) -> ReportFile | None:
    """A report's JSON, or None when it is not a complete, unedited report of this version.

    Checked: a regular file (a FIFO would block, a device never end) of
    plausible size, valid JSON of bounded depth, a manifest of this version
    with fields of the right types, and the JSON's own SHA-256.
    """
    try:
        payload = json.loads(read_regular(path, MAX_REPORT_BYTES, follow_symlinks=False))
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, nested past the stack
        return None
    if not isinstance(payload, dict):
        return None
    raw = payload.get(MANIFEST_KEY)
    if not isinstance(raw, dict) or raw.get("version") != MANIFEST_VERSION:
        return None
    try:
        manifest = ReportManifest.from_json_checked(raw)
        if manifest.payload_sha256 != payload_sha256(payload):
            return None
    except (ValueError, TypeError, RecursionError):
        return None
    return ReportFile({k: v for k, v in payload.items() if k != MANIFEST_KEY}, manifest)


def file_matches(path: Path, sha256: str | None) -> bool:
    """True when ``path`` is a regular file (no FIFO, no link) whose SHA-256 is ``sha256``."""
    if sha256 is None:
        return False
    digest = hashlib.sha256()
    try:
        with os.fdopen(open_regular(path, follow_symlinks=False), "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except (OSError, NotARegularFileError):
        return False
    return digest.hexdigest() == sha256
