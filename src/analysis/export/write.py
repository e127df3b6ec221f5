"""Write the research tables: ``occupations``, ``pairs`` and their ``datapackage.json``.

All or nothing: every file is written under a temporary name in the output
folder first and renamed only once all of them are complete, the descriptor
last, so a reader (or a killed run) never sees a half-written table. The
descriptor records a hash of the inputs (the processed data's
``datapackage.json``, the package code that computes the tables, the format);
a re-run whose inputs and files are unchanged writes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from analysis import __version__, config
from analysis.data.fields import Field
from analysis.data.sources.catalog import ONET_CREDIT, SOURCES
from analysis.errors import UserInputError
from analysis.export import fields
from analysis.export.occupations import occupations_frame
from analysis.export.pairs import pair_table
from analysis.files import check_output_dir, file_sha256

FORMATS = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv"}
"""Output formats and their media types."""

DESCRIPTOR = "datapackage.json"

_CODE_PACKAGES = ("data", "occupations", "comparison", "export")
"""The package code the tables depend on (its source is part of the inputs hash)."""

_SOURCES = ("oews", "ep", "onet", "cps11", "cps11b", "cps39", "census_crosswalk")


@dataclass(frozen=True)
class Resource:
    """One exported table and how it is described."""

    name: str
    title: str
    description: str
    sources: tuple[str, ...]
    primary_key: tuple[str, ...]
    field: Callable[[str], Field | None]


RESOURCES = {
    "occupations": Resource(
        "occupations",
        "Occupations: headline figures",
        "One row per OEWS detailed occupation: the figures of its profile (analysis profile) "
        "and where each group of figures comes from (own row or a group's row).",
        _SOURCES,
        ("soc",),
        fields.occupation_field,
    ),
    "pairs": Resource(
        "pairs",
        "Every pair of occupations: the gaps a - b",
        "Every unordered pair (soc_a < soc_b) with the differences analysis compare gives, "
        "their standard errors, 95 % intervals and significance where the source publishes an "
        "RSE, and the reason for every null.",
        _SOURCES,
        ("soc_a", "soc_b"),
        fields.pair_field,
    ),
}


def _check_format(fmt: str) -> str:
    """Return ``fmt`` when it is a known format, else raise a one-line error."""
    if fmt not in FORMATS:
        raise UserInputError(
            f"Unknown --format '{fmt}': use one of {', '.join(FORMATS)} (default parquet)."
        )
    return fmt


def inputs_sha256(fmt: str) -> str:
    """Hash of what the tables are computed from: data, package code, format, version."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\n{fmt}\n".encode())
    digest.update((config.data_dir() / config.DATAPACKAGE_FILE).read_bytes())
    root = Path(__file__).resolve().parents[1]
    for package in _CODE_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _frictionless_type(dtype: object) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    return "string"


def schema(resource: Resource, frame: pd.DataFrame) -> dict[str, object]:
    """The table's Frictionless schema, every column declared in :mod:`analysis.export.fields`.

    Raises:
        ValueError: A column has no declaration, or data of another type than declared.
    """
    out = []
    for column, dtype in frame.dtypes.items():
        declared = resource.field(str(column))
        if declared is None:
            raise ValueError(f"{resource.name}.{column} has no declaration in export/fields.py")
        if declared.type != _frictionless_type(dtype):
            raise ValueError(
                f"{resource.name}.{column} is declared {declared.type} but holds {dtype} data"
            )
        out.append(declared.as_record(str(column)))
    return {"fields": out, "primaryKey": list(resource.primary_key)}


def _arrow(frame: pd.DataFrame, fmt: str) -> pa.Table:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if fmt == "csv":  # the CSV writer takes plain strings, not dictionary-encoded ones
        table = table.cast(
            pa.schema(
                [
                    pa.field(f.name, pa.string()) if pa.types.is_dictionary(f.type) else f
                    for f in table.schema
                ]
            )
        )
    return table


def _serialise(frame: pd.DataFrame, fmt: str) -> bytes:
    """The table as parquet or CSV bytes (deterministic for the same frame)."""
    sink = io.BytesIO()
    table = _arrow(frame, fmt)
    if fmt == "parquet":
        pq.write_table(table, sink, compression="zstd")
    else:
        pacsv.write_csv(table, sink)
    return sink.getvalue()


def descriptor(
    tables: dict[str, pd.DataFrame], payloads: dict[str, bytes], fmt: str, inputs: str
) -> dict[str, object]:
    """The ``datapackage.json`` of the exported tables."""
    resources = []
    for name, frame in tables.items():
        meta = RESOURCES[name]
        data = payloads[name]
        resources.append(
            {
                "name": name,
                "title": meta.title,
                "description": meta.description,
                "path": f"{name}.{fmt}",
                "format": fmt,
                "mediatype": FORMATS[fmt],
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                "rows": len(frame),
                "sources": [SOURCES[s].as_record() for s in meta.sources],
                "licenses": [
                    {"name": lic} for lic in sorted({SOURCES[s].licence for s in meta.sources})
                ],
                "schema": schema(meta, frame),
            }
        )
    return {
        "name": "profession-gaps-tables",
        "title": "Profession gaps: every occupation and every pair of occupations",
        "version": __version__,
        "description": "Written by `python -m analysis export` from the processed data. "
        + ONET_CREDIT,
        "sources": [SOURCES[s].as_record() for s in _SOURCES],
        "licenses": [
            {"name": "CC-BY-4.0", "title": "O*NET content, with the credit line in description"},
            {"name": "public-domain", "title": "U.S. Government works (BLS, Census, BEA)"},
        ],
        "inputs_sha256": inputs,
        "resources": resources,
    }


def is_current(output: Path, fmt: str, inputs: str) -> bool:
    """True when ``output`` holds this export of these inputs, every file intact."""
    try:
        package = json.loads((output / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(package, dict) or package.get("inputs_sha256") != inputs:
        return False
    resources = package.get("resources") or []
    if sorted(r.get("name") for r in resources) != sorted(RESOURCES):
        return False
    for resource in resources:
        path = output / str(resource.get("path"))
        if resource.get("format") != fmt or not path.is_file():
            return False
        if resource.get("hash") != f"sha256:{file_sha256(path)}":
            return False
    return True


def _write_all(output: Path, files: dict[str, bytes]) -> None:
    """Write every file under a temporary name, then rename them all (in the given order)."""
    output.mkdir(parents=True, exist_ok=True)
    temps: dict[str, str] = {}
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=output)
            temps[name] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
        for name in files:
            os.replace(temps.pop(name), output / name)
    finally:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)


@dataclass(frozen=True)
class ExportResult:
    """What an export did."""

    output: Path
    written: bool
    rows: dict[str, int]


def research_tables() -> dict[str, pd.DataFrame]:
    """The two tables, in memory (the notebooks explore them without writing files)."""
    occupations = occupations_frame()
    return {"occupations": occupations, "pairs": pair_table(occupations)}


def export(output: Path | None = None, fmt: str = "parquet", force: bool = False) -> ExportResult:
    """Write the occupations and pairs tables and their descriptor into ``output``.

    Args:
        output: Folder (default :data:`analysis.config.EXPORT_DIR`).
        fmt: ``parquet`` or ``csv``.
        force: Write even when the folder already holds this export.

    Returns:
        Where, whether anything was written, and the row counts.

    Raises:
        UserInputError: Unknown format, or the folder is a file or not writable
            (checked before anything is computed or created).
    """
    fmt = _check_format(fmt)
    output = check_output_dir(output or config.EXPORT_DIR)
    inputs = inputs_sha256(fmt)
    if not force and is_current(output, fmt, inputs):
        package = json.loads((output / DESCRIPTOR).read_text(encoding="utf-8"))
        return ExportResult(output, False, {r["name"]: r["rows"] for r in package["resources"]})
    tables = research_tables()
    payloads = {name: _serialise(frame, fmt) for name, frame in tables.items()}
    package = descriptor(tables, payloads, fmt, inputs)
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    files = {f"{name}.{fmt}": data for name, data in payloads.items()}
    files[DESCRIPTOR] = text.encode("utf-8")  # last: it names the tables only once they exist
    _write_all(output, files)
    return ExportResult(output, True, {name: len(frame) for name, frame in tables.items()})


_PANDAS_TYPES = {"string": "string", "number": "float64", "integer": "Int64", "boolean": "boolean"}


def _csv_dtypes(table_schema: dict) -> dict[str, str]:
    """The pandas dtypes of a CSV table from its Frictionless schema (codes stay text)."""
    return {f["name"]: _PANDAS_TYPES[f["type"]] for f in table_schema["fields"]}


def read_tables(folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read an export back with pandas, by its ``datapackage.json``.

    Args:
        folder: The export folder (default :data:`analysis.config.EXPORT_DIR`).

    Returns:
        ``{"occupations": ..., "pairs": ...}``.

    Raises:
        UserInputError: The folder holds no export.
    """
    folder = folder or config.EXPORT_DIR
    try:
        package = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UserInputError(
            f"No export in {folder}: {DESCRIPTOR} is missing or unreadable. Run "
            f"`python -m analysis export -o {folder}`."
        ) from None
    out = {}
    for resource in package["resources"]:
        path = folder / resource["path"]
        if resource["format"] == "parquet":
            out[resource["name"]] = pd.read_parquet(path)
        else:
            out[resource["name"]] = pd.read_csv(path, dtype=_csv_dtypes(resource["schema"]))
    return out
