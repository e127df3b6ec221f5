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
from pathlib import Path
from typing import Any

import analysis
from analysis import __version__, config


def slugify(text: str) -> str:
    """Lower-case ASCII slug ("Order Clerks" -> "order-clerks")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "x"


SEED_KEY = "seed:"
"""Prefix of what a seed-dataset query resolves to (``seed:<title>``); SOC codes have none."""


def pair_slug(a: str, b: str, dataset_name: str, area: str | None = None) -> str:
    """File stem of a pair's report: the one place report files are named.

    Named from what the two queries resolved to
    (:func:`analysis.batch.pairs.resolve_query`: an SOC code, or ``seed:<title>``),
    never from the spelling typed, so equal inputs give equal names and
    different occupations never share one: ``43-4151--vs--43-4051``, the seed
    dataset's ``order-processing-specialist--vs--...--seed``, and a pair within
    one area ``...--in--<area>``.

    Args:
        a: First side's resolved key.
        b: Second side's resolved key.
        dataset_name: ``public`` (no suffix) or another dataset (``--<name>``).
        area: The area the pair is compared in, if any.
    """
    suffix = "" if dataset_name == "public" else f"--{dataset_name}"
    where = f"--in--{slugify(area)}" if area else ""
    sides = (slugify(key.removeprefix(SEED_KEY)) for key in (a, b))
    return "--vs--".join(sides) + where + suffix


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


def _tree_hash(root: Path, digest: Any) -> None:
    """Feed every file under ``root`` (name and bytes, in name order) into ``digest``."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


@lru_cache(maxsize=1)
def _code_version() -> str:
    """Short hash of the package's source files and templates: any code change alters it."""
    digest = hashlib.sha256()
    _tree_hash(Path(analysis.__file__).resolve().parent, digest)
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def _seed_version() -> str:
    """Short hash of the seed dataset's files (the 'seed' reports depend on them)."""
    digest = hashlib.sha256()
    _tree_hash(config.SEED_DIR, digest)
    return digest.hexdigest()[:12]


def inputs_hash(
    parameters: dict[str, Any],
    links: dict[str, str] | None = None,
    data_key: str | None = None,
) -> str:
    """Hash of everything a report depends on.

    The notebook, the data (``datapackage.json``, which records every table's
    SHA-256, and the seed files), the package's code and templates, its
    version and the parameters; a site's back links
    (:class:`analysis.batch.tasks.SiteLinks`) only when given, so reports
    without them keep their hash.

    Args:
        parameters: The notebook parameters.
        links: A site's back links, or None.
        data_key: A hash of exactly the data this report shows, from a caller that
            knows it (the atlas: both occupations' rows and what is shown of the
            others, :func:`analysis.atlas.state.pair_data_key`); it stands in for the
            whole data version, so a data change elsewhere leaves the report up to date.
    """
    digest = hashlib.sha256()
    digest.update(config.PAIR_NOTEBOOK.read_bytes())
    if data_key is None:
        digest.update(data_version().encode())
        digest.update(_seed_version().encode())
    else:
        digest.update(b"data-key:" + data_key.encode())
    digest.update(_code_version().encode())
    digest.update(__version__.encode())
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    if links:
        digest.update(json.dumps(links, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def payload_sha256(payload: dict[str, Any]) -> str:
    """SHA-256 of a report's compare JSON, leaving out the field that stores it.

    Recorded in the JSON's ``report`` section and checked before a report is
    reused, so a hand-edited figure is never shown as the real one.
    """
    report = payload.get("report")
    body = dict(payload)
    if isinstance(report, dict):
        body["report"] = {k: v for k, v in report.items() if k != "payload_sha256"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
