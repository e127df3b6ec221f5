"""Names and fingerprints of reports: file slugs, the inputs hash, git commit, data version.

Kept free of heavy imports (no pandas, papermill or nbconvert) so that a batch
whose pairs are all up to date finishes without loading them.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import subprocess
from functools import lru_cache
from typing import Any

from analysis import __version__, config


def slugify(text: str) -> str:
    """Lower-case ASCII slug ("Order Clerks" -> "order-clerks")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "x"


def pair_slug(a: str, b: str, dataset_name: str) -> str:
    """File stem of a pair's report."""
    suffix = "" if dataset_name == "public" else f"--{dataset_name}"
    return f"{slugify(a)}--vs--{slugify(b)}{suffix}"


@lru_cache(maxsize=1)
def git_commit() -> str:
    """The source checkout's commit, or "unknown" outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@lru_cache(maxsize=1)
def data_version() -> str:
    """Short hash of ``data/datapackage.json``: changes whenever the data are rebuilt."""
    path = config.data_dir() / config.DATAPACKAGE_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "none"


def inputs_hash(parameters: dict[str, Any], links: dict[str, str] | None = None) -> str:
    """Hash of everything a report depends on: notebook, data, package version, parameters.

    ``links`` (a site's back links, :class:`analysis.batch.tasks.SiteLinks`) count
    only when given, so reports without them keep their hash.
    """
    digest = hashlib.sha256()
    digest.update(config.PAIR_NOTEBOOK.read_bytes())
    digest.update(data_version().encode())
    digest.update(__version__.encode())
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    if links:
        digest.update(json.dumps(links, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def reproduce_command(parameters: dict[str, Any]) -> str:
    """The shell command that renders the same report."""
    args = [
        "python",
        "-m",
        "analysis",
        "report",
        parameters["profession_a"],
        parameters["profession_b"],
        "--dataset",
        parameters["dataset"],
    ]
    return shlex.join(args)
