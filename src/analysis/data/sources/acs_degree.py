"""Census "Occupation by Field of Bachelor's Degree", ACS (Table 1; release in the catalog).

The table gives, for civilian employed people aged 25 to 64 with a bachelor's
degree or higher, the number in each of 20 broad occupation groups by the field
of their (first-listed) bachelor's major, with 90 % margins of error. It is
stacked in panels (Total, Men, Women, race and Hispanic groups, nativity); each
panel repeats the 20 groups. Labels carry leading dots for hierarchy and
trailing footnote digits (``"..Health care3"``).

The table names no detailed occupations, so a SOC code reaches a group through
a hand-written rule table (``data/mappings/soc_to_degree_group.csv``): the
longest SOC prefix that matches wins, and a rule with an empty group keeps a SOC
code out on purpose.
"""

from __future__ import annotations

import logging
import math
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data.sources.catalog import raw_path, require_columns
from analysis.errors import RawFormatError

log = logging.getLogger(__name__)

DEGREE_COLUMNS: list[str] = ["panel", "occupation_group", "field", "number", "moe", "group_note"]
MAPPING_COLUMNS: list[str] = ["soc_prefix", "occupation_group", "rule_note"]

_FIELD_HEADER = "field of degree"
_OCCUPATION_HEADER = "occupation"
_FOOTNOTE = re.compile(r"^(\d+)\s*(\D.*)$", re.DOTALL)
_TRAILING_DIGITS = re.compile(r"(?<=\D)(\d+)$")
_MISSING = frozenset({"", "-", "\u2013", "\u2014", "n", "x", "(x)", "na", "n/a"})
# Excel stores the published whole numbers with binary noise (114399.99999999999).
_DECIMALS = 6

_DEFAULT_SOURCE = "raw frame"


def _text(value: object) -> str:
    """Cell text with runs of whitespace collapsed; empty for blanks."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


def _split_label(value: object) -> tuple[int, str, int | None]:
    """Split ``'..Health care3'`` into (dots 2, label 'Health care', footnote 3)."""
    text = _text(value)
    dots = len(text) - len(text.lstrip("."))
    label = text[dots:].strip()
    mark = _TRAILING_DIGITS.search(label)
    if mark is None:
        return dots, label, None
    return dots, label[: mark.start()].rstrip(), int(mark.group(1))


def _number(value: object, source: str, where: str) -> float:
    """Parse a numeric cell; blanks and dashes give NaN, anything else odd is an error."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), _DECIMALS)
    text = _text(value)
    if text.lower() in _MISSING:
        return np.nan
    try:
        return round(float(text.replace(",", "")), _DECIMALS)
    except ValueError:
        raise RawFormatError(f"{source}: unexpected value {text!r} in {where}.") from None


# --------------------------------------------------------------------------- layout


def _field_columns(raw: pd.DataFrame, source: str) -> tuple[int, dict[int, str]]:
    """Find the 'Field of Degree' header row; return it and the Number column of each field."""
    for idx in range(len(raw)):
        _, label, _ = _split_label(raw.iat[idx, 0])
        if label.lower() == _FIELD_HEADER:
            fields = {
                col: _text(raw.iat[idx, col])
                for col in range(1, raw.shape[1])
                if _text(raw.iat[idx, col])
            }
            if not fields:
                break
            return idx, fields
    raise RawFormatError(
        f"{source}: no 'Field of Degree' header row with field names was found; the "
        "Census table layout has changed."
    )


def _check_subheader(raw: pd.DataFrame, row: int, fields: dict[int, str], source: str) -> None:
    """Each field must span a 'Number' then an 'MOE' column."""
    for col, field in fields.items():
        number = _text(raw.iat[row, col]).lower()
        moe = _text(raw.iat[row, col + 1]).lower() if col + 1 < raw.shape[1] else ""
        if number != "number" or not moe.startswith("moe"):
            raise RawFormatError(
                f"{source}: row {row + 1}: expected 'Number' and 'MOE' under field "
                f"{field!r}, found {number!r} and {moe!r}."
            )


def _footnotes(raw: pd.DataFrame, start: int) -> dict[int, str]:
    """Numbered footnotes under the table ('3Includes ...' -> {3: 'Includes ...'})."""
    notes = {}
    for value in raw.iloc[start:, 0]:
        match = _FOOTNOTE.match(_text(value))
        if match:
            notes[int(match.group(1))] = match.group(2).strip()
    return notes


def tidy_field_of_degree(raw: pd.DataFrame, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Turn the Table 1 cell grid into long form: one row per panel, group and field.

    Args:
        raw: The sheet as ``read_excel(header=None, dtype=object)`` returns it.
        source: File name used in error messages.

    Returns:
        Columns ``panel`` (e.g. ``'Total'``, ``'Men'``, ``'White, not
        Hispanic'``), ``occupation_group`` (leading dots and footnote digits
        removed, e.g. ``'Health care'``), ``field`` (15 fields of degree),
        ``number`` and ``moe`` (floats, 90 % margin of error) and
        ``group_note`` (the table's footnote on that group, e.g. "Includes
        healthcare managers.", else None). Rows follow the file's order.

    Raises:
        RawFormatError: The field header, the Number/MOE subheaders or the
            panels cannot be found.
    """
    header, fields = _field_columns(raw, source)
    notes = _footnotes(raw, header + 1)
    records: list[dict[str, object]] = []
    panel: str | None = None
    for idx in range(header + 1, len(raw)):
        dots, label, mark = _split_label(raw.iat[idx, 0])
        if not label:
            continue
        if dots == 1 and label.lower() == _OCCUPATION_HEADER:
            _check_subheader(raw, idx, fields, source)
            continue
        if dots >= 2:
            if panel is None:
                raise RawFormatError(f"{source}: row {idx + 1} ({label!r}) comes before any panel.")
            for col, field in fields.items():
                where = f"row {idx + 1} ({panel} / {label}), {field}"
                records.append(
                    {
                        "panel": panel,
                        "occupation_group": label,
                        "field": field,
                        "number": _number(raw.iat[idx, col], source, where),
                        "moe": _number(raw.iat[idx, col + 1], source, where + " MOE"),
                        "group_note": notes.get(mark) if mark is not None else None,
                    }
                )
        elif dots == 0 and _is_panel(raw, idx):
            panel = label
    if not records:
        raise RawFormatError(f"{source}: no occupation-group rows ('..Label') were found.")
    frame = pd.DataFrame(records, columns=DEGREE_COLUMNS)
    return frame.astype({"number": float, "moe": float})


def _is_panel(raw: pd.DataFrame, idx: int) -> bool:
    """A panel title is an undotted label directly above a '.Occupation' row."""
    if idx + 1 >= len(raw):
        return False
    dots, label, _ = _split_label(raw.iat[idx + 1, 0])
    return dots == 1 and label.lower() == _OCCUPATION_HEADER


def read_field_of_degree(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read ACS Table 1: field of bachelor's degree by occupation group.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        See :func:`tidy_field_of_degree` (10 panels x 20 groups x 15 fields).

    Raises:
        RawFileMissingError: The workbook is absent.
        RawFormatError: The workbook does not have the expected layout.
    """
    path = raw_path("acs_field_of_degree", "table1", raw_dir)
    try:
        raw = pd.read_excel(path, sheet_name=0, header=None, dtype=object)
    except (ValueError, KeyError, zipfile.BadZipFile) as err:
        raise RawFormatError(
            f"Raw file {path} could not be read as the Census workbook: {err}"
        ) from err
    return tidy_field_of_degree(raw, source=str(path))


# --------------------------------------------------------------------------- SOC mapping


def tidy_degree_group_mapping(raw: pd.DataFrame, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Check and clean the SOC-prefix -> occupation-group rule table.

    Args:
        raw: The CSV as read with every column as text and blanks kept as ``''``.
        source: File name used in error messages.

    Returns:
        ``soc_prefix``, ``occupation_group`` (missing where the rule keeps SOC
        codes out on purpose) and ``rule_note``, longest prefix first.

    Raises:
        RawFormatError: A column is missing, a prefix is malformed or repeated.
    """
    require_columns(raw, MAPPING_COLUMNS, source)
    frame = raw[MAPPING_COLUMNS].apply(lambda col: col.map(_text))
    bad = frame.loc[~frame["soc_prefix"].str.match(r"^\d{2}-\d{0,4}$"), "soc_prefix"].tolist()
    if bad:
        raise RawFormatError(f"{source}: malformed soc_prefix values {bad} (want e.g. '43-').")
    dupes = frame.loc[frame["soc_prefix"].duplicated(), "soc_prefix"].tolist()
    if dupes:
        raise RawFormatError(f"{source}: soc_prefix listed more than once: {dupes}.")
    frame["occupation_group"] = frame["occupation_group"].where(frame["occupation_group"] != "")
    order = frame["soc_prefix"].str.len().sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def read_degree_group_mapping(path: Path) -> pd.DataFrame:
    """Read the SOC-prefix -> field-of-degree occupation-group rules.

    Args:
        path: The CSV (normally ``config.MAPPINGS_DIR / 'soc_to_degree_group.csv'``).

    Returns:
        See :func:`tidy_degree_group_mapping`.

    Raises:
        RawFormatError: The file is missing columns or has malformed rules.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tidy_degree_group_mapping(raw, source=str(path))


def map_soc_to_group(soc: str, mapping: pd.DataFrame) -> str | None:
    """Return the field-of-degree occupation group of a SOC code, or None.

    The most specific (longest) matching ``soc_prefix`` wins, so ``'11-3021'``
    overrides ``'11-'``; a winning rule with no group, or no matching rule at
    all, gives None.

    Args:
        soc: A ``XX-XXXX`` SOC code.
        mapping: Output of :func:`read_degree_group_mapping`.

    Returns:
        The Table 1 occupation group (e.g. ``'Office support'``), or None.
    """
    hits = mapping[[soc.startswith(p) for p in mapping["soc_prefix"]]]
    if hits.empty:
        return None
    best = hits.loc[hits["soc_prefix"].str.len().idxmax(), "occupation_group"]
    return best if isinstance(best, str) and best else None
