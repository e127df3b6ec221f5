"""BEA Regional Price Parities by state (SARPP).

The state file stacks several statistics per area, one row per ``LineCode``;
line numbers differ between BEA vintages, so the all-items price parity is
picked by its ``Description`` ("RPPs: All items"), not by line number. BEA
quotes ``GeoFIPS`` with a leading space (`` "25000"``) and appends a few
free-text footer lines, which read as rows without a numeric ``LineCode``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.sources.catalog import SOURCES, raw_path, require_columns
from analysis.errors import RawFormatError

ALL_ITEMS = "RPPs: All items"
"""``Description`` of the all-items regional price parity line (U.S. = 100)."""

YEAR: int = SOURCES["bea_rpp"].year
"""Reference year read by default: the newest year of the catalogued release."""

_STATE_FIPS = re.compile(r"^(\d{2})000$")
# Descriptions of other lines end with a footnote reference such as " 1/".
_FOOTNOTE_REF = re.compile(r"\s*\d+/\s*$")

_DEFAULT_SOURCE = "raw frame"


def _strip(value: object) -> str:
    """Cell text without surrounding spaces and the quotes BEA leaves on ``GeoFIPS``."""
    return "" if pd.isna(value) else str(value).strip().strip('"').strip()


def tidy_price_parities(
    raw: pd.DataFrame, year: int = YEAR, source: str = _DEFAULT_SOURCE
) -> pd.DataFrame:
    """Pick the all-items regional price parity of each state for one year.

    Args:
        raw: The CSV as read with every column as text.
        year: Reference year, one of the file's year columns (default :data:`YEAR`).
        source: File name used in error messages.

    Returns:
        One row per area in file order (United States ``'00'`` first, then the
        50 states and the District of Columbia): ``state_fips`` (2-digit str),
        ``state`` (BEA ``GeoName``), ``year`` (int) and ``rpp_all_items``
        (float, U.S. = 100; NaN where BEA shows ``(NA)``).

    Raises:
        RawFormatError: Columns are missing, the year is not in the file, no
            all-items line exists, or an area appears twice.
    """
    require_columns(raw, ["GeoFIPS", "GeoName", "LineCode", "Description"], source)
    column = str(year)
    if column not in raw.columns:
        years = [c for c in raw.columns if str(c).isdigit()]
        raise RawFormatError(f"{source}: no column for year {year}; the file has {years}.")
    lines = raw[pd.to_numeric(raw["LineCode"].map(_strip), errors="coerce").notna()]
    description = lines["Description"].map(_strip).str.replace(_FOOTNOTE_REF, "", regex=True)
    rows = lines[description == ALL_ITEMS]
    if rows.empty:
        raise RawFormatError(
            f"{source}: no row with Description {ALL_ITEMS!r}; the BEA line list has changed."
        )
    fips = rows["GeoFIPS"].map(_strip)
    bad = fips[~fips.str.match(_STATE_FIPS)].tolist()
    if bad:
        raise RawFormatError(f"{source}: GeoFIPS values that are not state codes: {bad}.")
    frame = pd.DataFrame(
        {
            "state_fips": fips.str[:2],
            "state": rows["GeoName"].map(_strip),
            "year": year,
            # BEA writes (NA) where a value is not available.
            "rpp_all_items": pd.to_numeric(rows[column].map(_strip), errors="coerce"),
        }
    ).reset_index(drop=True)
    dupes = frame.loc[frame["state_fips"].duplicated(), "state"].tolist()
    if dupes:
        raise RawFormatError(f"{source}: several {ALL_ITEMS!r} rows for {dupes}.")
    return frame.astype({"year": int, "rpp_all_items": float})


def read_price_parities(raw_dir: Path | None = None, year: int = YEAR) -> pd.DataFrame:
    """Read BEA all-items regional price parities by state for one year.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.
        year: Reference year, one of the file's year columns (default :data:`YEAR`).

    Returns:
        See :func:`tidy_price_parities` (52 rows).

    Raises:
        RawFileMissingError: The CSV is absent.
        RawFormatError: The CSV does not have the expected layout.
    """
    path = raw_path("bea_rpp", "sarpp", raw_dir)
    try:
        # BEA does not promise UTF-8; latin-1 decodes any byte and the names are ASCII.
        raw = pd.read_csv(path, dtype=str, encoding="latin-1")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
        raise RawFormatError(f"Raw file {path} could not be read as a BEA CSV: {err}") from err
    return tidy_price_parities(raw, year=year, source=str(path))
