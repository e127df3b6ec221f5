"""BLS Employment Projections: occupation, education and skills workbooks.

Each public ``read_*`` function opens one sheet of an official workbook and hands
the raw cell grid to a pure ``tidy_*`` function, so unit tests can feed a few
inline rows instead of the real file. The grid is the sheet exactly as
``pandas.read_excel(header=None, dtype=object, keep_default_na=False)`` returns
it: title row(s), the header row, data rows, then footnotes and source notes.

Only detailed occupations are kept (the "Line item" rows of the National
Employment Matrix). Codes are 2018 SOC ``XX-XXXX``; a few of them are BLS
aggregates of SOC detailed occupations (e.g. 13-1020), which BLS itself
publishes as line items.
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data.soc import normalize_soc
from analysis.data.sources.catalog import (
    SOURCE_TABLES,
    SOURCES,
    SourceTable,
    raw_path,
    require_columns,
)
from analysis.errors import RawFormatError

# BLS labels the first two columns "2024 National Employment Matrix title/code";
# matching on the stable part keeps the parser working for the next cycle's files.
# Table 1.12 says "occupation title/code" (it also has industry title/code columns).
_TITLE_LABEL = re.compile(r"national employment matrix (?:occupation )?title", re.IGNORECASE)
_CODE_LABEL = re.compile(r"national employment matrix (?:occupation )?code", re.IGNORECASE)
_HEADER_CELLS = [
    "<year> National Employment Matrix title",
    "<year> National Employment Matrix code",
]

_MISSING = frozenset({"\u2014", "\u2013", "-", "", "n/a", "na"})
_FOOTNOTE_MARK = re.compile(r"\[(\d+)\]")
_TRAILING_MARKS = re.compile(r"((?:\s*\[\d+\])+)\s*$")
_FOOTNOTE_NOTE = re.compile(r"^\s*\[(\d+)\]\s*(.+?)\s*$", re.DOTALL)

TOTAL_SOC = "00-0000"
"""Code of the "Total, all occupations" row of the National Employment Matrix."""

_OCCUPATION_TYPE = "Occupation type"
_LINE_ITEM = "Line item"
_EDUCATION = "Typical education needed for entry"
_EXPERIENCE = "Work experience in a related occupation"
_OJT = "Typical on-the-job training needed to attain competency in the occupation"

# Table 1.2's headers name the release's years (:data:`SOURCES` "ep"); our column
# names keep the years of the release they were made for (README, "How to add a new
# data release").
_BASE, _END, _SPAN = SOURCES["ep"].year, SOURCES["ep"].end_year, SOURCES["ep"].period
_PROJECTION_COLUMNS: dict[str, str] = {
    f"Employment, {_BASE}": "employment_2024",
    f"Employment, {_END}": "employment_2034",
    f"Employment change, numeric, {_SPAN}": "employment_change_2024_2034",
    f"Employment change, percent, {_SPAN}": "employment_change_pct_2024_2034",
    f"Percent self employed, {_BASE}": "self_employed_pct_2024",
    f"Occupational openings, {_SPAN} annual average": "annual_openings",
}
_WAGE = f"Median annual wage, dollars, {_BASE}"
_SEPARATION_COLUMNS: dict[str, str] = {
    f"Labor force exit rate, {_SPAN} annual average": "labor_force_exit_rate_pct",
    f"Occupational transfer rate, {_SPAN} annual average": "occupational_transfer_rate_pct",
    f"Total occupational separations rate, {_SPAN} annual average": "total_separations_rate_pct",
    f"Labor force exits, {_SPAN} annual average": "labor_force_exits",
    f"Occupational transfers, {_SPAN} annual average": "occupational_transfers",
    f"Total occupational separations, {_SPAN} annual average": "total_separations",
    f"Occupational openings, {_SPAN} annual average": "annual_openings",
}
_SEPARATION_RATES = (
    "labor_force_exit_rate_pct",
    "occupational_transfer_rate_pct",
    "total_separations_rate_pct",
)
_INDUSTRY_TITLE = f"{_BASE} National Employment Matrix industry title"
_INDUSTRY_CODE = f"{_BASE} National Employment Matrix industry code"
_FACTORS = "Factors affecting occupational utilization"

ALL_INDUSTRIES_CODE = "TE1000"
"""Industry code of Table 1.12's "Total, all industries" rows: BLS's headline reason."""
_REQUIREMENT_COLUMNS: dict[str, str] = {
    _EDUCATION: "typical_entry_education",
    _EXPERIENCE: "work_experience",
    _OJT: "typical_ojt",
}

EDUCATION_LEVELS: list[str] = [
    "Less than high school diploma",
    "High school diploma or equivalent",
    "Some college, no degree",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
]
"""Table 5.3 attainment levels, lowest first (``level_order`` 1..7)."""

_SKILL_RANK_COLUMNS: dict[str, int] = {
    "Top highest skill": 1,
    "Second highest skill": 2,
    "Third highest skill": 3,
}

EP_SKILLS: list[str] = [
    "Adaptability",
    "Computers and information technology",
    "Creativity and innovation",
    "Critical and analytical thinking",
    "Customer service",
    "Detail oriented",
    "Fine motor",
    "Interpersonal",
    "Leadership",
    "Mathematics",
    "Mechanical",
    "Physical strength and stamina",
    "Problem solving and decision making",
    "Project management",
    "Science",
    "Speaking and listening",
    "Writing and reading",
]
"""The 17 BLS skill categories of Tables 6.2 and 6.5."""

# Rounded ACS shares sum to 99.8..100.2 in the 2024-34 file; more than this means
# a column was misread, not rounding.
_SHARE_SUM_TOLERANCE = 1.0

_DEFAULT_SOURCE = "raw frame"


# --------------------------------------------------------------------------- reading


def _read_sheet(file_key: str, sheet: str, raw_dir: Path | None) -> tuple[pd.DataFrame, str]:
    """Return one sheet's raw cell grid and a label naming the file and sheet."""
    path = raw_path("ep", file_key, raw_dir)
    source = f"{path} (sheet '{sheet}')"
    try:
        # keep_default_na=False: BLS uses the word "None" as a category (no work
        # experience, no on-the-job training), which pandas would turn into NaN.
        raw = pd.read_excel(
            path, sheet_name=sheet, header=None, dtype=object, keep_default_na=False
        )
    except (ValueError, KeyError, zipfile.BadZipFile) as err:
        raise RawFormatError(
            f"Raw file {path} could not be read as the BLS workbook with sheet '{sheet}': {err}"
        ) from err
    return raw, source


# --------------------------------------------------------------------------- cell helpers


def _clean_text(value: object) -> str:
    """Collapse line breaks and runs of spaces; non-strings become their text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


def _clean_label(value: object) -> str:
    """Header label without footnote marks (``'... 2024[1]'``) or line breaks."""
    return _clean_text(_FOOTNOTE_MARK.sub(" ", _clean_text(value)))


def _is_unavailable(value: object) -> bool:
    """True for BLS's unavailable markers ('—', '–', '-', blank, 'n/a') and NaN."""
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is None or _clean_text(value).lower() in _MISSING


def _parse_number(value: object) -> float:
    """The cell as a float, NaN when missing.

    Raises:
        ValueError: The cell is text that is not a number (e.g. '>=$239,200').
    """
    if _is_unavailable(value):
        return np.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return float(_clean_text(value).replace(",", ""))


def _split_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column; return the floats and a mask of cells that were not numbers."""
    numbers, is_text = [], []
    for value in values:
        try:
            numbers.append(_parse_number(value))
            is_text.append(False)
        except ValueError:
            numbers.append(np.nan)
            is_text.append(True)
    return (
        pd.Series(numbers, index=values.index, dtype="float64"),
        pd.Series(is_text, index=values.index, dtype="bool"),
    )


def _to_float(values: pd.Series, column: str, source: str) -> pd.Series:
    """Convert a numeric column; unexpected text fails loudly rather than becoming NaN."""
    numbers, is_text = _split_numbers(values)
    if is_text.any():
        raise RawFormatError(
            f"Raw file {source}: column '{column}' has non-numeric values "
            f"{sorted(set(map(str, values[is_text])))[:5]}."
        )
    return numbers


def _to_text(values: pd.Series) -> pd.Series:
    """Trimmed text with the unavailable markers as NaN."""
    return values.map(lambda v: np.nan if _is_unavailable(v) else _clean_text(v)).astype("str")


# --------------------------------------------------------------------------- sheet layout


def _find_header_row(raw: pd.DataFrame, expected: list[str], source: str) -> int:
    """Position of the row holding both the matrix title and matrix code labels."""
    for position, row in enumerate(raw.itertuples(index=False)):
        labels = [_clean_label(cell) for cell in row]
        if any(_TITLE_LABEL.search(x) for x in labels) and any(
            _CODE_LABEL.search(x) for x in labels
        ):
            return position
    raise RawFormatError(
        f"Raw file {source} has no recognisable header row: no row has the cells "
        f"{_HEADER_CELLS}. Expected columns: {_HEADER_CELLS + expected}."
    )


def _header_names(cells: pd.Series) -> list[str]:
    """Cleaned header labels, with the title/code columns renamed ``title``/``code``."""
    names = []
    for position, cell in enumerate(cells):
        label = _clean_label(cell)
        if _TITLE_LABEL.search(label):
            label = "title"
        elif _CODE_LABEL.search(label):
            label = "code"
        names.append(label or f"column_{position}")
    return names


def _footnotes(first_column: pd.Series) -> dict[str, str]:
    """Map ``'[1]'`` to its text from the notes under the table."""
    notes = {}
    for cell in first_column:
        match = _FOOTNOTE_NOTE.match(_clean_text(cell))
        if match:
            notes[f"[{match.group(1)}]"] = match.group(2)
    return notes


def _table(raw: pd.DataFrame, expected: list[str], source: str) -> pd.DataFrame:
    """Coded detailed-occupation rows with ``soc``, clean ``title`` and ``footnote``.

    Args:
        raw: The sheet's cell grid.
        expected: Header labels (cleaned) the caller needs besides title and code.
        source: File and sheet, named in errors.

    Returns:
        One row per detailed occupation, columns named by the cleaned header labels.
    """
    header = _find_header_row(raw, expected, source)
    below = raw.iloc[header + 1 :]
    body = below.set_axis(_header_names(raw.iloc[header]), axis=1)
    require_columns(body, ["title", "code", *expected], source)
    body = body.assign(soc=body["code"].map(lambda c: normalize_soc(_clean_text(c))))
    body = _detailed(body[body["soc"].notna()])
    notes = _footnotes(below.iloc[:, 0])
    split = body["title"].map(lambda t: _split_title(t, notes))
    return body.assign(title=[t for t, _ in split], footnote=[f for _, f in split]).reset_index(
        drop=True
    )


def _detailed(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep detailed occupations only."""
    if _OCCUPATION_TYPE in rows.columns:
        return rows[rows[_OCCUPATION_TYPE].map(_clean_text) == _LINE_ITEM]
    # Without an occupation-type column, aggregates are recognised by code: the
    # total (00-0000), major (XX-0000) and minor (XX-X000) groups. Broad-group
    # codes (XX-XXX0) stay because BLS publishes some as line items (13-1020).
    return rows[~rows["soc"].str.endswith("000")]


def _split_title(title: object, notes: dict[str, str]) -> tuple[str, object]:
    """Strip trailing ``[n]`` marks from a title; return it with the footnote text."""
    text = _clean_text(title)
    match = _TRAILING_MARKS.search(text)
    if not match:
        return text, np.nan
    marks = [f"[{n}]" for n in _FOOTNOTE_MARK.findall(match.group(1))]
    footnote = " ".join(notes.get(mark, mark) for mark in marks)
    return text[: match.start()].rstrip(), footnote


def _finish(frame: pd.DataFrame, text_columns: list[str]) -> pd.DataFrame:
    """Give text columns one dtype (``str``, NaN for missing)."""
    return frame.astype({c: "str" for c in text_columns}).reset_index(drop=True)


# --------------------------------------------------------------------------- Table 1.2


def _wage(values: pd.Series, source: str) -> tuple[pd.Series, pd.Series]:
    """Median wage as float, and the original text where BLS gave a bound instead."""
    wage, is_note = _split_numbers(values)
    unexpected = values[is_note & ~values.map(lambda v: "$" in _clean_text(v))]
    if not unexpected.empty:
        raise RawFormatError(
            f"Raw file {source}: column '{_WAGE}' has unexpected values "
            f"{sorted(set(map(str, unexpected)))[:5]}."
        )
    # Top-coded wages such as '>=$239,200' are a bound, not a value: NaN + note.
    note = values.map(_clean_text).where(is_note, np.nan)
    return wage, note


def tidy_projections(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 1.2 (occupational projections, 2024-34) into one row per occupation.

    Args:
        raw: The sheet's cell grid (title rows, header, data, notes).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, title, occupation_type, employment_2024, employment_2034,
        employment_change_2024_2034 (thousands), employment_change_pct_2024_2034,
        self_employed_pct_2024, annual_openings (thousands), median_annual_wage_2024,
        wage_note, typical_entry_education, work_experience, typical_ojt, footnote.

    Raises:
        RawFormatError: No header row, a missing column or unexpected text in a number.
    """
    expected = [_OCCUPATION_TYPE, *_PROJECTION_COLUMNS, _WAGE, *_REQUIREMENT_COLUMNS]
    table = _table(raw, expected, source)
    out = pd.DataFrame({"soc": table["soc"], "title": table["title"]})
    out["occupation_type"] = _to_text(table[_OCCUPATION_TYPE])
    for label, name in _PROJECTION_COLUMNS.items():
        out[name] = _to_float(table[label], label, source)
    out["median_annual_wage_2024"], out["wage_note"] = _wage(table[_WAGE], source)
    for label, name in _REQUIREMENT_COLUMNS.items():
        out[name] = _to_text(table[label])
    out["footnote"] = table["footnote"]
    text = ["soc", "title", "occupation_type", "wage_note", *_REQUIREMENT_COLUMNS.values()]
    return _finish(out, [*text, "footnote"])


def tidy_projections_total(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.Series:
    """The "Total, all occupations" row (00-0000) of Table 1.2: the all-occupations figures.

    Args:
        raw: The sheet's cell grid (title rows, header, data, notes).
        source: File and sheet, named in errors.

    Returns:
        employment_2024, employment_2034, employment_change_2024_2034 (thousands),
        employment_change_pct_2024_2034, self_employed_pct_2024, annual_openings
        (thousands) and median_annual_wage_2024, named by the row's title.

    Raises:
        RawFormatError: No header row, a missing column, or not exactly one total row.
    """
    expected = [*_PROJECTION_COLUMNS, _WAGE]
    header = _find_header_row(raw, expected, source)
    body = raw.iloc[header + 1 :].set_axis(_header_names(raw.iloc[header]), axis=1)
    require_columns(body, ["title", "code", *expected], source)
    total = body[body["code"].map(lambda c: normalize_soc(_clean_text(c))) == TOTAL_SOC]
    if len(total) != 1:
        raise RawFormatError(
            f"Raw file {source}: expected one 'Total, all occupations' row (code {TOTAL_SOC}), "
            f"found {len(total)}."
        )
    values = {
        name: _to_float(total[label], label, source) for label, name in _PROJECTION_COLUMNS.items()
    }
    values["median_annual_wage_2024"] = _wage(total[_WAGE], source)[0]
    return pd.Series(
        {name: float(column.iloc[0]) for name, column in values.items()},
        name=_clean_text(total["title"].iloc[0]),
    )


def read_projections(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 1.2 of ``occupation.xlsx``: projections and worker characteristics.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The frame described in :func:`tidy_projections` (832 line items in 2024-34).
    """
    raw, source = _read_sheet("occupation", "Table 1.2", raw_dir)
    return tidy_projections(raw, source=source)


def read_projections_total(raw_dir: Path | None = None) -> pd.Series:
    """Read the all-occupations row of Table 1.2 (see :func:`tidy_projections_total`)."""
    raw, source = _read_sheet("occupation", "Table 1.2", raw_dir)
    return tidy_projections_total(raw, source=source)


# --------------------------------------------------------------------------- Table 1.10


def tidy_separations(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 1.10 (occupational separations and openings, 2024-34), one row per occupation.

    Args:
        raw: The sheet's cell grid (title row, header, data, source note).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, title, labor_force_exit_rate_pct, occupational_transfer_rate_pct,
        total_separations_rate_pct (annual averages, percent of employment),
        labor_force_exits, occupational_transfers, total_separations, annual_openings
        (annual averages, thousands), footnote; line items only.

    Raises:
        RawFormatError: No header row, a missing column or unexpected text in a number.
    """
    table = _table(raw, [_OCCUPATION_TYPE, *_SEPARATION_COLUMNS], source)
    out = pd.DataFrame({"soc": table["soc"], "title": table["title"]})
    for label, name in _SEPARATION_COLUMNS.items():
        out[name] = _to_float(table[label], label, source)
    out["footnote"] = table["footnote"]
    return _finish(out, ["soc", "title", "footnote"])


def tidy_separations_total(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.Series:
    """The separation rates of Table 1.10's "Total, all occupations" row (00-0000).

    Args:
        raw: The sheet's cell grid.
        source: File and sheet, named in errors.

    Returns:
        labor_force_exit_rate_pct, occupational_transfer_rate_pct and
        total_separations_rate_pct, named by the row's title. (Openings of all
        occupations come from Table 1.2, :func:`tidy_projections_total`.)

    Raises:
        RawFormatError: No header row, a missing column, or not exactly one total row.
    """
    expected = list(_SEPARATION_COLUMNS)
    header = _find_header_row(raw, expected, source)
    body = raw.iloc[header + 1 :].set_axis(_header_names(raw.iloc[header]), axis=1)
    require_columns(body, ["title", "code", *expected], source)
    total = body[body["code"].map(lambda c: normalize_soc(_clean_text(c))) == TOTAL_SOC]
    if len(total) != 1:
        raise RawFormatError(
            f"Raw file {source}: expected one 'Total, all occupations' row (code {TOTAL_SOC}), "
            f"found {len(total)}."
        )
    labels = {name: label for label, name in _SEPARATION_COLUMNS.items()}
    return pd.Series(
        {
            name: float(_to_float(total[labels[name]], labels[name], source).iloc[0])
            for name in _SEPARATION_RATES
        },
        name=_clean_text(total["title"].iloc[0]),
    )


def read_separations(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 1.10 of ``occupation.xlsx`` (see :func:`tidy_separations`; 832 line items)."""
    raw, source = _read_sheet("occupation", "Table 1.10", raw_dir)
    return tidy_separations(raw, source=source)


def read_separations_total(raw_dir: Path | None = None) -> pd.Series:
    """Read the all-occupations rates of Table 1.10 (see :func:`tidy_separations_total`)."""
    raw, source = _read_sheet("occupation", "Table 1.10", raw_dir)
    return tidy_separations_total(raw, source=source)


# --------------------------------------------------------------------------- Table 1.12


def tidy_projection_factors(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 1.12 (factors affecting occupational utilization), one row per factor.

    Args:
        raw: The sheet's cell grid (title row, header, data, source note).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, title, industry, industry_code, text, order (0 for the
        "Total, all industries" row, code :data:`ALL_INDUSTRIES_CODE`; then
        1, 2, ... in sheet order). BLS gives a factor for about 435
        occupations only; the others have no row.

    Raises:
        RawFormatError: No header row, a missing column, or a row without text.
    """
    table = _table(raw, [_INDUSTRY_TITLE, _INDUSTRY_CODE, _FACTORS], source)
    out = pd.DataFrame(
        {
            "soc": table["soc"],
            "title": table["title"],
            "industry": table[_INDUSTRY_TITLE].map(_clean_text),
            "industry_code": table[_INDUSTRY_CODE].map(_clean_text),
            "text": table[_FACTORS].map(_clean_text),
        }
    )
    empty = out[(out["text"] == "") | (out["industry_code"] == "")]
    if not empty.empty:
        raise RawFormatError(
            f"Raw file {source}: rows without an industry code or factor text for "
            f"{sorted(set(empty['soc']))[:5]}."
        )
    # The all-industries factor is BLS's headline reason: first, whatever the sheet order.
    is_total = out["industry_code"] == ALL_INDUSTRIES_CODE
    out["order"] = out.groupby("soc", sort=False).cumcount() + 1
    out.loc[is_total, "order"] = 0
    out = out.sort_values(["soc", "order"], kind="stable")
    out["order"] = out.groupby("soc", sort=False).cumcount().astype("int64")
    return _finish(out, ["soc", "title", "industry", "industry_code", "text"])


def read_projection_factors(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 1.12 of ``occupation.xlsx`` (see :func:`tidy_projection_factors`)."""
    raw, source = _read_sheet("occupation", "Table 1.12", raw_dir)
    return tidy_projection_factors(raw, source=source)


# --------------------------------------------------------------------------- Table 5.3


def _check_share_sums(long: pd.DataFrame, source: str) -> None:
    """Fail when an occupation's attainment shares do not add up to about 100."""
    totals = long.groupby("soc", sort=False)["share_pct"].sum(min_count=1).dropna()
    off = totals[(totals - 100).abs() > _SHARE_SUM_TOLERANCE]
    if not off.empty:
        raise RawFormatError(
            f"Raw file {source}: attainment shares do not sum to 100 for "
            f"{dict(list(off.round(1).items())[:10])}; check the attainment-level columns."
        )


def tidy_education_attainment(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 5.3 (attainment of workers 25+, ACS) into long form.

    Args:
        raw: The sheet's cell grid (title rows, header, data, notes).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, title, level, level_order (1 = less than high school ..
        7 = doctoral or professional), share_pct, footnote; one row per
        occupation and level, in sheet order.

    Raises:
        RawFormatError: No header row, a missing level column, non-numeric
            shares, or shares of an occupation that do not sum to about 100.
    """
    table = _table(raw, EDUCATION_LEVELS, source)
    frames = []
    for order, level in enumerate(EDUCATION_LEVELS, start=1):
        frames.append(
            pd.DataFrame(
                {
                    "soc": table["soc"],
                    "title": table["title"],
                    "level": level,
                    "level_order": order,
                    "share_pct": _to_float(table[level], level, source),
                    "footnote": table["footnote"],
                    "_row": table.index,
                }
            )
        )
    long = pd.concat(frames).sort_values(["_row", "level_order"], kind="stable")
    long = long.drop(columns="_row").astype({"level_order": "int64"})
    _check_share_sums(long, source)
    return _finish(long, ["soc", "title", "level", "footnote"])


def read_education_attainment(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 5.3 of ``education.xlsx``: educational attainment by occupation.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The long frame described in :func:`tidy_education_attainment`.
    """
    raw, source = _read_sheet("education", "Table 5.3", raw_dir)
    check_period(raw, SOURCE_TABLES["ep_attainment"], source)
    return tidy_education_attainment(raw, source=source)


def check_period(raw: pd.DataFrame, table: SourceTable, source: str) -> None:
    """Fail when a sheet's title or data-source note disagrees with the catalog's period.

    The labels print :attr:`SourceTable.period`; a new release with other ACS
    years must update the catalog rather than be silently misdated.

    Args:
        raw: The sheet's cell grid.
        table: The catalog entry of the table.
        source: File and sheet, named in errors.

    Raises:
        RawFormatError: The title row lacks the period, or no note names the data source.
    """
    cells = [_clean_text(v).replace("\u2013", "-") for v in raw.iloc[:, 0]]
    title = cells[0] if cells else ""
    if table.period not in title:
        raise RawFormatError(
            f"Raw file {source}: the title {title!r} does not give the period {table.period} "
            "that analysis.data.sources.catalog.SOURCE_TABLES records; update the catalog "
            "for the new release."
        )
    if not any(table.data_source in cell for cell in cells):
        raise RawFormatError(
            f"Raw file {source}: no note reads 'Data Source: {table.data_source}'; update "
            "analysis.data.sources.catalog.SOURCE_TABLES for the new release."
        )


# --------------------------------------------------------------------------- Table 5.4


def tidy_entry_requirements(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 5.4 (education and training assignments) into one row per occupation.

    Args:
        raw: The sheet's cell grid (title rows, header, data, notes).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, title, typical_entry_education, work_experience, typical_ojt,
        footnote. "None" is a BLS category here, not a missing value.

    Raises:
        RawFormatError: No header row or a missing column.
    """
    table = _table(raw, list(_REQUIREMENT_COLUMNS), source)
    out = pd.DataFrame({"soc": table["soc"], "title": table["title"]})
    for label, name in _REQUIREMENT_COLUMNS.items():
        out[name] = _to_text(table[label])
    out["footnote"] = table["footnote"]
    return _finish(out, list(out.columns))


def read_entry_requirements(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 5.4 of ``education.xlsx``: typical entry education and training.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The frame described in :func:`tidy_entry_requirements`.
    """
    raw, source = _read_sheet("education", "Table 5.4", raw_dir)
    return tidy_entry_requirements(raw, source=source)


# --------------------------------------------------------------------------- Table 6.2


def tidy_ep_skills(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 6.2 (top skills by occupation) into long form, three rows per occupation.

    Args:
        raw: The sheet's cell grid (title rows, header, data, notes).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, title, rank (1 = top highest .. 3 = third highest), skill,
        footnote (e.g. BLS's note that skills were imputed from similar O*NET
        occupations). Ranks without a skill are dropped.

    Raises:
        RawFormatError: No header row or a missing column.
    """
    table = _table(raw, list(_SKILL_RANK_COLUMNS), source)
    frames = [
        pd.DataFrame(
            {
                "soc": table["soc"],
                "title": table["title"],
                "rank": rank,
                "skill": _to_text(table[label]),
                "footnote": table["footnote"],
                "_row": table.index,
            }
        )
        for label, rank in _SKILL_RANK_COLUMNS.items()
    ]
    long = pd.concat(frames).sort_values(["_row", "rank"], kind="stable")
    long = long[long["skill"].notna()].drop(columns="_row").astype({"rank": "int64"})
    return _finish(long, ["soc", "title", "skill", "footnote"])


def read_ep_skills(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 6.2 of ``skills.xlsx``: the three highest skills of each occupation.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The long frame described in :func:`tidy_ep_skills`.
    """
    raw, source = _read_sheet("skills", "Table 6.2", raw_dir)
    return tidy_ep_skills(raw, source=source)


# --------------------------------------------------------------------------- Table 6.5


def tidy_skill_ranks(raw: pd.DataFrame, *, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Tidy Table 6.5 (percentile rank of each occupation on each skill) into long form.

    Args:
        raw: The sheet's cell grid (title rows, header, data, notes).
        source: File and sheet, named in errors.

    Returns:
        Columns soc, skill, percentile_rank (0-100, float); 17 rows per
        occupation in the order of :data:`EP_SKILLS`.

    Raises:
        RawFormatError: No header row, a missing skill column or non-numeric ranks.
    """
    table = _table(raw, EP_SKILLS, source)
    frames = [
        pd.DataFrame(
            {
                "soc": table["soc"],
                "skill": skill,
                "percentile_rank": _to_float(table[skill], skill, source),
                "_row": table.index,
                "_skill": order,
            }
        )
        for order, skill in enumerate(EP_SKILLS)
    ]
    long = pd.concat(frames).sort_values(["_row", "_skill"], kind="stable")
    return _finish(long.drop(columns=["_row", "_skill"]), ["soc", "skill"])


def read_skill_ranks(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Table 6.5 of ``skills.xlsx``: percentile ranks on the 17 BLS skills.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The long frame described in :func:`tidy_skill_ranks`.
    """
    raw, source = _read_sheet("skills", "Table 6.5", raw_dir)
    return tidy_skill_ranks(raw, source=source)
