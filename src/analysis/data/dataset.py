"""Load the processed tables (cached) and the seed dataset.

Everything that reads ``data/`` goes through here, so each table is read once
per process; batch workers that render many pairs pay for it once.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import config
from analysis.errors import DataCorruptError, DataNotBuiltError, UserInputError

DATASETS = config.DATASETS


def check_dataset(name: str) -> str:
    """Return ``name`` when it is a known dataset, else raise a clear error."""
    if name not in DATASETS:
        raise UserInputError(
            f"Unknown dataset '{name}'. Use one of: {', '.join(DATASETS)} "
            "('public' = official BLS/O*NET/Census data, 'seed' = the career-site page)."
        )
    return name


def _tables_dir(data_dir: Path | None) -> Path:
    return (data_dir or config.data_dir()) / "tables"


_RESTORE = "Restore data/ with `git checkout -- data/` or rebuild it with `make data`."


@lru_cache(maxsize=64)
def _verify(path: Path) -> Path:
    """Check a table file against the size and SHA-256 that ``datapackage.json`` records.

    Done once per file and process, before the first read: a truncated or
    bit-flipped file would otherwise fail only the occupations stored in the
    damaged part and let the rest through.

    Args:
        path: ``<data dir>/tables/<name>.parquet``.

    Returns:
        ``path``.

    Raises:
        DataNotBuiltError: The file is missing.
        DataCorruptError: Its size or hash differs from the recorded ones.
    """
    if not path.is_file():
        raise DataNotBuiltError(
            f"Processed table {path} is missing. Run `make data` (or `python -m analysis "
            "build-data`) to build data/ from the official raw files."
        )
    data_dir = path.parent.parent
    relative = path.relative_to(data_dir).as_posix()
    recorded = next((r for r in datapackage(data_dir)["resources"] if r["path"] == relative), None)
    if recorded is None or "hash" not in recorded:
        return path  # a package written before checksums were recorded: nothing to compare
    algorithm, _, expected = str(recorded["hash"]).rpartition(":")
    if (algorithm or "md5") != "sha256":
        return path
    size = path.stat().st_size
    if recorded.get("bytes") not in (None, size):
        raise DataCorruptError(
            f"Data file {path} is damaged: {size:,} bytes, but datapackage.json records "
            f"{recorded['bytes']:,}. {_RESTORE}"
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise DataCorruptError(
            f"Data file {path} is damaged: its SHA-256 differs from the one in "
            f"datapackage.json. {_RESTORE}"
        )
    return path


@lru_cache(maxsize=64)
def _read(path: Path) -> pd.DataFrame:
    _verify(path)
    try:
        frame = pq.read_table(path).to_pandas()
    except (pa.ArrowException, OSError) as err:  # damaged although no hash was recorded
        raise DataCorruptError(f"Data file {path} cannot be read ({err}). {_RESTORE}") from None
    absent = [c for c in _declared_columns(path) if c not in frame.columns]
    if absent:  # e.g. a column dropped by hand and the checksum updated to match
        raise DataCorruptError(
            f"Data file {path} lacks the column(s) {absent} that datapackage.json declares. "
            f"{_RESTORE}"
        )
    return frame


def table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Return one processed table (cached; treat it as read-only).

    Args:
        name: Table name, e.g. ``"occupations"`` (see ``data/datapackage.json``).
        data_dir: Processed-data directory (default :func:`analysis.config.data_dir`).

    Returns:
        The table.

    Raises:
        DataNotBuiltError: ``data/`` has not been built.
    """
    return _read(_tables_dir(data_dir) / f"{name}.parquet")


@lru_cache(maxsize=64)
def _positions(name: str, data_dir: Path | None) -> dict[str, np.ndarray]:
    # Row positions per SOC: building them is one pass (~10 ms a table), where splitting
    # the table into a frame per SOC took ~0.2 s a table in every process at start-up.
    groups = table(name, data_dir).groupby("soc", sort=False, observed=True).indices
    return {str(soc): rows for soc, rows in groups.items()}


ROW_GROUP_TABLES = frozenset({"oews_wages"})
"""Tables too large to load whole for one occupation: read by parquet row group instead."""


def soc_rows(name: str, soc: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Rows of a SOC-keyed table for one occupation.

    A table of :data:`ROW_GROUP_TABLES` (OEWS's 1.6 million cells) is not loaded:
    only the parquet row groups that hold ``soc`` are read (the build sorts by it).
    Any other table is loaded and cached once, and its row positions per SOC found
    once per process, so every later lookup is a dictionary lookup and a take; both
    keep a profile well under 100 ms.

    Args:
        name: Table name, e.g. ``"education_attainment"`` or ``"oews_wages"``.
        soc: SOC code ``XX-XXXX``.
        data_dir: Processed-data directory.

    Returns:
        The occupation's rows (an empty frame with the table's columns if none).
    """
    if name in ROW_GROUP_TABLES:
        return _rows_for(_tables_dir(data_dir) / f"{name}.parquet", soc)
    frame = table(name, data_dir)
    found = _positions(name, data_dir).get(soc)
    return frame.iloc[found].reset_index(drop=True) if found is not None else frame.iloc[0:0]


@lru_cache(maxsize=16)
def _soc_index(path: Path) -> tuple[pq.ParquetFile, list[tuple[str, str]]]:
    """The file and each row group's (min, max) SOC, from the parquet statistics."""
    _verify(path)
    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        raise DataCorruptError(f"Data file {path} cannot be read ({err}). {_RESTORE}") from None
    column = handle.schema_arrow.get_field_index("soc")
    bounds = []
    for group in range(handle.metadata.num_row_groups):
        stats = handle.metadata.row_group(group).column(column).statistics
        bounds.append(
            (stats.min, stats.max) if stats is not None and stats.has_min_max else ("", "\uffff")
        )
    return handle, bounds


@lru_cache(maxsize=4096)
def _rows_for(path: Path, soc: str) -> pd.DataFrame:
    # Pruning row groups by their min/max SOC ourselves reads one group of ~20k
    # rows (about 15 ms); pyarrow's filters= path scans the whole file (~300 ms).
    handle, bounds = _soc_index(path)
    groups = [i for i, (low, high) in enumerate(bounds) if low <= soc <= high]
    if not groups:
        return handle.schema_arrow.empty_table().to_pandas()
    try:
        frame = handle.read_row_groups(groups).to_pandas()
    except (pa.ArrowException, OSError) as err:
        raise DataCorruptError(f"Data file {path} cannot be read ({err}). {_RESTORE}") from None
    return frame[frame["soc"] == soc].reset_index(drop=True)


@lru_cache(maxsize=4)
def datapackage(data_dir: Path | None = None) -> dict[str, Any]:
    """Return ``data/datapackage.json`` as a dictionary."""
    path = (data_dir or config.data_dir()) / config.DATAPACKAGE_FILE
    if not path.is_file():
        raise DataNotBuiltError(f"{path} is missing. Run `make data` to build data/.")
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataCorruptError(f"{path} cannot be read ({err}). {_RESTORE}") from None
    if not isinstance(package, dict):
        raise DataCorruptError(f"{path} is not a data package (a JSON object). {_RESTORE}")
    problem = _package_problem(package)
    if problem:
        raise DataCorruptError(f"{path} is not a valid data package: {problem}. {_RESTORE}")
    return package


def _package_problem(package: dict[str, Any]) -> str | None:
    """What is wrong with the shape of a data package's resources (None when nothing)."""
    resources = package.get("resources")
    if not isinstance(resources, list):
        return f'"resources" is {type(resources).__name__}, not a list'
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            return f"resource {i} is not an object with a name"
        if not isinstance(resource.get("path"), str):
            return f"resource {resource['name']!r} has no path"
        fields = (
            resource.get("schema", {}).get("fields", [])
            if isinstance(resource.get("schema"), dict)
            else None
        )
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            return f"resource {resource['name']!r} has a schema whose fields are not named"
    return None


def _declared_columns(path: Path) -> list[str]:
    """The columns ``datapackage.json`` declares for the table at ``path`` (none if unknown)."""
    data_dir = path.parent.parent
    relative = path.relative_to(data_dir).as_posix()
    for resource in datapackage(data_dir)["resources"]:
        if resource["path"] == relative:
            return [f["name"] for f in resource.get("schema", {}).get("fields", [])]
    return []


@lru_cache(maxsize=2)
def seed(seed_dir: Path | None = None) -> dict[str, Any]:
    """Return the seed dataset: the career-site page's two professions as it shows them."""
    path = (seed_dir or config.SEED_DIR) / "professions.json"
    return json.loads(path.read_text(encoding="utf-8"))


PROFILE_TABLES = (
    "occupations",
    "titles",
    "oews_footnotes",
    "projections",
    "entry_requirements",
    "separations",
    "projection_factors",
    "education_attainment",
    "onet_ete",
    "onet_skills",
    "ep_skills",
    "demographics",
    "census_parts",
    "gender_earnings",
    "degree_groups",
    "field_of_degree",
    "price_parities",
)


def preload() -> None:
    """Read every table a profile needs into the cache (warm kernels call this at start)."""
    for name in PROFILE_TABLES:
        table(name)


ONET_SOC_LEVEL_SUFFIX = ".00"
"""O*NET-SOC suffix of the occupation that matches the SOC code as a whole."""


def base_onet_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of the SOC-level O*NET occupation (``XX-XXXX.00``) only.

    O*NET splits some SOC codes into specialties (43-4051.00, 43-4051.03). The
    ``.00`` code is the occupation the SOC code names; when O*NET rates only
    specialties (15-2051.01 Business Intelligence Analysts under 15-2051 Data
    Scientists), those ratings describe another occupation and are not used:
    the result is empty and the figure stays missing
    (:mod:`analysis.occupations.source_rows` says which codes O*NET does rate).
    """
    return rows[rows["onet_code"].str.endswith(ONET_SOC_LEVEL_SUFFIX)]
