"""BLS Current Population Survey annual averages: Tables 11, 11b and 39.

The three tables list occupations by 2018 Census occupation *title* in an
indented hierarchy (major group, minor group, detailed occupation) and carry no
codes. Each detailed row is joined to its Census code through the titles of the
Census code list (:mod:`analysis.data.sources.crosswalk`): exactly after
normalising both titles, else by a fuzzy match (rapidfuzz ``token_sort_ratio``
of at least :data:`FUZZY_THRESHOLD`) against the Census titles not already
taken, reported in ``match_method``. Group and total rows are dropped; detailed
rows that match nothing are left out, logged, and listed by
:func:`unmatched_titles`.

The raw grid handed to the pure ``tidy_*`` functions is the sheet's cell values
(``None`` for empty cells) plus an ``indent`` column holding each first-column
cell's indent level, which is how the workbook encodes the hierarchy. Without
that column every non-total row is treated as a possible detailed occupation.

BLS prints a dash where an estimate does not meet publication criteria; such
cells become NaN (never 0) and the row's ``suppressed_note`` quotes the table's
own NOTE sentence about the dash.
"""

from __future__ import annotations

import logging
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException
from rapidfuzz import fuzz, process

from analysis.data.sources.catalog import raw_path
from analysis.data.sources.crosswalk import read_crosswalk
from analysis.errors import RawFormatError

log = logging.getLogger(__name__)

FUZZY_THRESHOLD = 90.0
"""Lowest rapidfuzz ``token_sort_ratio`` accepted for a fuzzy title match."""

INDENT = "indent"
"""Column of the raw grid holding the first-column cell's indent level."""

_DASHES = frozenset({"\u2013", "-", "\u2014", "\u2012", "\u2212", ""})
_DASH_SENTENCE = re.compile(r"Dash indicates.*?\.(?=\s|$)", re.DOTALL)
_KEY_COLUMNS = ["census_title", "census_code", "match_method"]

_DEFAULT_SOURCE = "raw frame"


@dataclass(frozen=True)
class _Table:
    """Where a CPS table lives and which header phrases identify its value columns."""

    source_id: str
    file_key: str
    # output column -> phrases that must all appear in that column's header text;
    # a leading "-" means the phrase must be absent
    columns: dict[str, tuple[str, ...]]


_TABLES: dict[str, _Table] = {
    "table11": _Table(
        "cps11",
        "table11",
        {
            "employed_thousands": ("total employed", "-percent"),
            "women_pct": ("women",),
            "white_pct": ("white",),
            "black_pct": ("black or african american",),
            "asian_pct": ("asian",),
            "hispanic_pct": ("hispanic or latino",),
        },
    ),
    "table11b": _Table(
        "cps11b",
        "table11b",
        {
            "employed_thousands": ("total 16 years and over",),
            "age_16_19": ("16 to 19 years",),
            "age_20_24": ("20 to 24 years",),
            "age_25_34": ("25 to 34 years",),
            "age_35_44": ("35 to 44 years",),
            "age_45_54": ("45 to 54 years",),
            "age_55_64": ("55 to 64 years",),
            "age_65_over": ("65 years and over",),
            "median_age": ("median age",),
        },
    ),
    "table39": _Table(
        "cps39",
        "table39",
        {
            "total_workers_thousands": ("total", "number of workers"),
            "total_median_weekly": ("total", "median weekly earnings"),
            "men_workers_thousands": ("men", "number of workers"),
            "men_median_weekly": ("men", "median weekly earnings"),
            "women_workers_thousands": ("women", "number of workers"),
            "women_median_weekly": ("women", "median weekly earnings"),
        },
    ),
}
TABLES: tuple[str, ...] = tuple(_TABLES)
"""Names accepted by :func:`unmatched_titles` and :func:`tidy_unmatched`."""

UNMATCHED_COLUMNS: list[str] = ["census_title", "row_kind", "best_candidate", "best_score"]


# --------------------------------------------------------------------------- text helpers


def _text(value: object) -> str:
    """Cell text with line breaks and runs of spaces collapsed; empty for blanks."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


def census_title_key(title: str) -> str:
    """Reduce an occupation title to a comparison key.

    Lowercases, turns ``&`` into ``and``, replaces punctuation by spaces and
    collapses whitespace, so ``"Driver/sales workers"`` and
    ``"Driver / sales workers"`` compare equal.

    Args:
        title: A CPS or Census occupation title.

    Returns:
        The normalised key.
    """
    text = title.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _contains(haystack: list[str], phrase: str) -> bool:
    """True when the words of ``phrase`` appear consecutively in ``haystack``."""
    needle = _tokens(phrase)
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _heads(words: list[str], phrases: tuple[str, ...]) -> bool:
    """True when a header holds every phrase and none of the "-"-prefixed ones."""
    return all(
        not _contains(words, p[1:]) if p.startswith("-") else _contains(words, p) for p in phrases
    )


def _number(value: object, source: str, where: str) -> tuple[float, bool]:
    """Parse a numeric cell; return (value, suppressed). Dashes and blanks give NaN."""
    if value is None or isinstance(value, bool):
        return np.nan, False
    if isinstance(value, int | float):
        return float(value), False
    text = _text(value)
    if text in _DASHES:
        return np.nan, text != ""
    try:
        return float(text.replace(",", "")), False
    except ValueError:
        raise RawFormatError(f"{source}: unexpected value {text!r} in {where}.") from None


# --------------------------------------------------------------------------- layout


def _header_rows(raw: pd.DataFrame, source: str) -> tuple[int, int]:
    """Return (row of the 'Occupation' label, first data row)."""
    first = raw.iloc[:, 0].map(_text)
    hits = first.index[first.str.lower() == "occupation"]
    if hits.empty:
        raise RawFormatError(
            f"{source}: no header cell 'Occupation' in the first column; the CPS table "
            "layout has changed."
        )
    start = int(hits[0])
    for idx in range(start + 1, len(raw)):
        if first.iloc[idx]:
            return start, idx
    raise RawFormatError(f"{source}: the table has a header but no occupation rows.")


def _column_labels(raw: pd.DataFrame, start: int, stop: int) -> dict[int, list[str]]:
    """Header words of each value column, spanning the header rows.

    A merged heading ("Percent of total employed", "Men") is stored in its first
    cell only, so each header row is filled rightwards before the rows are joined.
    """
    value_cols = [c for c in raw.columns[1:] if c != INDENT]
    block = raw.iloc[start:stop][value_cols].map(lambda v: _text(v) or None)
    block = block.ffill(axis=1)
    return {
        col: _tokens(" ".join(t for t in block[col] if isinstance(t, str))) for col in value_cols
    }


def _locate_columns(labels: dict[int, list[str]], table: _Table, source: str) -> dict[str, object]:
    """Map each output column to the one raw column whose header holds its phrases."""
    found: dict[str, object] = {}
    problems = []
    for name, phrases in table.columns.items():
        cols = [c for c, words in labels.items() if _heads(words, phrases)]
        if len(cols) == 1:
            found[name] = cols[0]
        else:
            problems.append(f"{' + '.join(phrases)!r} ({len(cols)} found)")
    if problems:
        seen = {c: " ".join(w) for c, w in labels.items()}
        raise RawFormatError(
            f"{source}: expected exactly one column headed {', '.join(problems)}. "
            f"Header text by column: {seen}."
        )
    return found


def _note(raw: pd.DataFrame, start: int) -> str | None:
    """The table's NOTE sentence about dashes (or the whole NOTE if it has none)."""
    for value in raw.iloc[start:, 0]:
        text = _text(value)
        if text.upper().startswith("NOTE"):
            sentence = _DASH_SENTENCE.search(text)
            return sentence.group(0) if sentence else text
    return None


def _row_kinds(titles: list[str], indents: list[float] | None) -> list[str]:
    """Label rows 'total', 'group' (followed by a deeper row) or 'detailed'."""
    kinds = []
    for i, title in enumerate(titles):
        if census_title_key(title).startswith("total"):
            kinds.append("total")
        elif indents is not None and i + 1 < len(titles) and indents[i + 1] > indents[i]:
            kinds.append("group")
        else:
            kinds.append("detailed")
    return kinds


def _parse(raw: pd.DataFrame, table: _Table, source: str) -> pd.DataFrame:
    """Every occupation row of a CPS grid with its values, row kind and dash note."""
    start, data = _header_rows(raw, source)
    columns = _locate_columns(_column_labels(raw, start, data), table, source)
    note = _note(raw, data)
    has_indent = INDENT in raw.columns
    records = []
    for idx in range(data, len(raw)):
        row = raw.iloc[idx]
        title = _text(row.iloc[0])
        if not title:
            continue
        if title.upper().startswith("NOTE"):
            break
        record: dict[str, object] = {"census_title": title}
        suppressed = False
        for name, col in columns.items():
            value, dash = _number(row[col], source, f"row {idx + 1} ({title}), {name}")
            record[name] = value
            suppressed |= dash
        record["suppressed_note"] = note if suppressed else None
        record[INDENT] = float(row[INDENT]) if has_indent and pd.notna(row[INDENT]) else 0.0
        records.append(record)
    if not records:
        raise RawFormatError(f"{source}: the table has a header but no occupation rows.")
    frame = pd.DataFrame(records)
    indents = frame[INDENT].tolist() if has_indent else None
    frame["row_kind"] = _row_kinds(frame["census_title"].tolist(), indents)
    return frame.drop(columns=INDENT)


# --------------------------------------------------------------------------- matching


def match_census_titles(
    titles: Sequence[str], crosswalk: pd.DataFrame, threshold: float = FUZZY_THRESHOLD
) -> pd.DataFrame:
    """Find the Census occupation code of each title.

    Titles are first matched exactly after :func:`census_title_key`. Each
    leftover is then compared (``token_sort_ratio``) with the Census titles no
    exact match has taken; a score of at least ``threshold`` is accepted, and a
    Census title wanted by two leftovers goes to the higher score. Each Census
    code is used at most once.

    Args:
        titles: Occupation titles as printed in a CPS table.
        crosswalk: Output of :func:`analysis.data.sources.crosswalk.read_crosswalk`.
        threshold: Lowest fuzzy score accepted (0-100).

    Returns:
        One row per title, in order: ``title``, ``census_code`` (None when
        unmatched), ``match_method`` (``'exact'``, ``'fuzzy'`` or None),
        ``score`` and ``candidate`` (100 and the Census title for exact
        matches, the accepted title's score for fuzzy ones, and the closest
        Census title overall for unmatched titles, even one already taken).
    """
    census = {
        census_title_key(t): (c, t)
        for c, t in zip(crosswalk["census_code"], crosswalk["census_title"], strict=True)
    }
    keys = [census_title_key(t) for t in titles]
    out: list[dict[str, object]] = [
        {"title": t, "census_code": None, "match_method": None, "score": np.nan, "candidate": None}
        for t in titles
    ]
    taken: set[str] = set()
    for row, key in zip(out, keys, strict=True):
        if key in census and census[key][0] not in taken:
            code, title = census[key]
            row.update(census_code=code, match_method="exact", score=100.0, candidate=title)
            taken.add(code)
    free = [k for k, v in census.items() if v[0] not in taken]
    wanted: dict[str, tuple[float, int]] = {}
    for i, (row, key) in enumerate(zip(out, keys, strict=True)):
        if row["match_method"] is not None or not census:
            continue
        # The closest title overall is what a reviewer of a miss wants to see, even
        # when an exact match has already taken it.
        near = process.extractOne(key, list(census), scorer=fuzz.token_sort_ratio, processor=None)
        row.update(score=float(near[1]), candidate=census[near[0]][1])
        best = process.extractOne(key, free, scorer=fuzz.token_sort_ratio, processor=None)
        if best is None or best[1] < threshold:  # None: every Census title is taken
            continue
        if best[0] not in wanted or best[1] > wanted[best[0]][0]:
            wanted[best[0]] = (float(best[1]), i)
    for key, (score, i) in wanted.items():
        out[i].update(
            census_code=census[key][0], match_method="fuzzy", score=score, candidate=census[key][1]
        )
    return pd.DataFrame(out, columns=["title", "census_code", "match_method", "score", "candidate"])


def _matched(parsed: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Detailed rows of a parsed table with their match result (matched or not)."""
    detailed = parsed[parsed["row_kind"] == "detailed"].reset_index(drop=True)
    matches = match_census_titles(detailed["census_title"].tolist(), crosswalk)
    return pd.concat([detailed, matches.drop(columns="title")], axis=1)


def _tidy(raw: pd.DataFrame, table: _Table, crosswalk: pd.DataFrame, source: str) -> pd.DataFrame:
    """Matched detailed rows of a CPS grid: key columns, then values, then the dash note."""
    matched = _matched(_parse(raw, table, source), crosswalk)
    matched = matched[matched["match_method"].notna()]
    columns = [*_KEY_COLUMNS, *table.columns, "suppressed_note"]
    frame = matched[columns].reset_index(drop=True)
    return frame.astype({c: float for c in table.columns})


# --------------------------------------------------------------------------- tidy


def tidy_table11(
    raw: pd.DataFrame, crosswalk: pd.DataFrame, source: str = _DEFAULT_SOURCE
) -> pd.DataFrame:
    """Tidy CPS Table 11 (employed by detailed occupation, sex, race, Hispanic ethnicity).

    Args:
        raw: Cell grid of the sheet (see the module docstring).
        crosswalk: Output of :func:`analysis.data.sources.crosswalk.read_crosswalk`.
        source: File name used in error messages.

    Returns:
        One row per matched detailed occupation: ``census_title`` (as in the
        file), ``census_code``, ``match_method``, ``employed_thousands``,
        ``women_pct``, ``white_pct``, ``black_pct``, ``asian_pct``,
        ``hispanic_pct`` (floats, NaN where BLS prints a dash) and
        ``suppressed_note``.

    Raises:
        RawFormatError: The header or a value column cannot be found.
    """
    return _tidy(raw, _TABLES["table11"], crosswalk, source)


def tidy_table11b(
    raw: pd.DataFrame, crosswalk: pd.DataFrame, source: str = _DEFAULT_SOURCE
) -> pd.DataFrame:
    """Tidy CPS Table 11b (employed by detailed occupation and age).

    Args:
        raw: Cell grid of the sheet (see the module docstring).
        crosswalk: Output of :func:`analysis.data.sources.crosswalk.read_crosswalk`.
        source: File name used in error messages.

    Returns:
        ``census_title``, ``census_code``, ``match_method``,
        ``employed_thousands``, ``age_16_19``, ``age_20_24``, ``age_25_34``,
        ``age_35_44``, ``age_45_54``, ``age_55_64``, ``age_65_over`` (thousands),
        ``median_age`` and ``suppressed_note``.

    Raises:
        RawFormatError: The header or a value column cannot be found.
    """
    return _tidy(raw, _TABLES["table11b"], crosswalk, source)


def tidy_table39(
    raw: pd.DataFrame, crosswalk: pd.DataFrame, source: str = _DEFAULT_SOURCE
) -> pd.DataFrame:
    """Tidy CPS Table 39 (median weekly earnings of full-time workers by occupation and sex).

    Args:
        raw: Cell grid of the sheet (see the module docstring).
        crosswalk: Output of :func:`analysis.data.sources.crosswalk.read_crosswalk`.
        source: File name used in error messages.

    Returns:
        ``census_title``, ``census_code``, ``match_method``,
        ``total_workers_thousands``, ``total_median_weekly``,
        ``men_workers_thousands``, ``men_median_weekly``,
        ``women_workers_thousands``, ``women_median_weekly``,
        ``women_to_men_earnings_pct`` (women's median as a percentage of men's,
        one decimal; NaN unless both are published) and ``suppressed_note``.

    Raises:
        RawFormatError: The header or a value column cannot be found.
    """
    frame = _tidy(raw, _TABLES["table39"], crosswalk, source)
    ratio = (frame["women_median_weekly"] / frame["men_median_weekly"] * 100).round(1)
    frame.insert(frame.columns.get_loc("suppressed_note"), "women_to_men_earnings_pct", ratio)
    return frame


def tidy_total(raw: pd.DataFrame, table: str, source: str = _DEFAULT_SOURCE) -> pd.Series:
    """The all-occupations row of a CPS grid ("Total, 16 years and over", "Total employed").

    Args:
        raw: Cell grid of the sheet (see the module docstring).
        table: One of :data:`TABLES`.
        source: File name used in error messages.

    Returns:
        The row's value columns as floats (the same names as the ``tidy_*`` output;
        Table 39 adds ``women_to_men_earnings_pct``), named by the row's title.

    Raises:
        RawFormatError: The header cannot be found or the table has no total row.
    """
    spec = _TABLES[table]
    parsed = _parse(raw, spec, source)
    totals = parsed[parsed["row_kind"] == "total"]
    if totals.empty:
        raise RawFormatError(f"{source}: no total row ('Total, ...') above the occupations.")
    row = totals.iloc[0]
    values = row[list(spec.columns)].astype(float).rename(row["census_title"])
    if table == "table39":
        values["women_to_men_earnings_pct"] = round(
            values["women_median_weekly"] / values["men_median_weekly"] * 100, 1
        )
    return values


def tidy_unmatched(
    raw: pd.DataFrame, table: str, crosswalk: pd.DataFrame, source: str = _DEFAULT_SOURCE
) -> pd.DataFrame:
    """List the rows of a CPS grid that the ``tidy_*`` function leaves out.

    Args:
        raw: Cell grid of the sheet (see the module docstring).
        table: One of :data:`TABLES` (``'table11'``, ``'table11b'``, ``'table39'``).
        crosswalk: Output of :func:`analysis.data.sources.crosswalk.read_crosswalk`.
        source: File name used in error messages.

    Returns:
        ``census_title``, ``row_kind`` (``'total'`` and ``'group'`` rows are
        dropped by design; ``'detailed'`` rows here found no Census title),
        ``best_candidate`` and ``best_score`` (the closest Census title, for
        detailed rows).
    """
    parsed = _parse(raw, _TABLES[table], source)
    dropped = parsed.loc[parsed["row_kind"] != "detailed", ["census_title", "row_kind"]]
    matched = _matched(parsed, crosswalk)
    missing = matched.loc[
        matched["match_method"].isna(), ["census_title", "row_kind", "candidate", "score"]
    ].rename(columns={"candidate": "best_candidate", "score": "best_score"})
    frame = pd.concat([dropped, missing], ignore_index=True)
    return frame.reindex(columns=UNMATCHED_COLUMNS)


# --------------------------------------------------------------------------- reading


def read_table_grid(table: str, raw_dir: Path | None = None) -> tuple[pd.DataFrame, str]:
    """Read a CPS workbook's first sheet as a cell grid with an ``indent`` column.

    Args:
        table: One of :data:`TABLES`.
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The grid (columns 0..n-1 hold cell values, ``None`` when empty) and a
        label naming the file, for error messages.

    Raises:
        RawFileMissingError: The workbook is absent.
        RawFormatError: The file is not a readable workbook.
    """
    spec = _TABLES[table]
    path = raw_path(spec.source_id, spec.file_key, raw_dir)
    try:
        sheet = openpyxl.load_workbook(path).worksheets[0]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as err:
        raise RawFormatError(f"Raw file {path} could not be read as a BLS workbook: {err}") from err
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    indents = [row[0].alignment.indent if row else 0.0 for row in sheet.iter_rows()]
    grid = pd.DataFrame(rows, dtype=object)
    grid[INDENT] = indents
    return grid, f"{path} (sheet '{sheet.title}')"


def _read(table: str, raw_dir: Path | None, crosswalk: pd.DataFrame | None) -> pd.DataFrame:
    """Read, tidy and log the match statistics of one CPS table."""
    grid, source = read_table_grid(table, raw_dir)
    cw = crosswalk if crosswalk is not None else read_crosswalk(raw_dir)
    tidy = {"table11": tidy_table11, "table11b": tidy_table11b, "table39": tidy_table39}[table]
    frame = tidy(grid, cw, source)
    left = tidy_unmatched(grid, table, cw, source)
    lost = left[left["row_kind"] == "detailed"]
    counts = frame["match_method"].value_counts()
    log.info(
        "CPS %s: %d titles matched exactly, %d fuzzily; %d group/total rows dropped; "
        "%d detailed rows unmatched.",
        table,
        counts.get("exact", 0),
        counts.get("fuzzy", 0),
        len(left) - len(lost),
        len(lost),
    )
    if not lost.empty:
        log.warning(
            "CPS %s: detailed rows with no Census title, left out: %s",
            table,
            "; ".join(lost["census_title"]),
        )
    return frame


def read_table11(
    raw_dir: Path | None = None, crosswalk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read CPS Table 11: employed by detailed occupation, sex, race, ethnicity.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.
        crosswalk: Census code list; read from ``raw_dir`` when omitted.

    Returns:
        See :func:`tidy_table11`.
    """
    return _read("table11", raw_dir, crosswalk)


def read_table11b(
    raw_dir: Path | None = None, crosswalk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read CPS Table 11b: employed by detailed occupation and age.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.
        crosswalk: Census code list; read from ``raw_dir`` when omitted.

    Returns:
        See :func:`tidy_table11b`.
    """
    return _read("table11b", raw_dir, crosswalk)


def read_table39(
    raw_dir: Path | None = None, crosswalk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read CPS Table 39: median weekly earnings by detailed occupation and sex.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.
        crosswalk: Census code list; read from ``raw_dir`` when omitted.

    Returns:
        See :func:`tidy_table39`.
    """
    return _read("table39", raw_dir, crosswalk)


def read_total(table: str, raw_dir: Path | None = None) -> pd.Series:
    """Read the all-occupations row of a CPS table (see :func:`tidy_total`).

    Args:
        table: One of :data:`TABLES`.
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.
    """
    grid, source = read_table_grid(table, raw_dir)
    return tidy_total(grid, table, source)


def unmatched_titles(
    table: str, raw_dir: Path | None = None, crosswalk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """List the rows of a CPS table that its ``read_*`` function leaves out.

    Args:
        table: One of :data:`TABLES` (``'table11'``, ``'table11b'``, ``'table39'``).
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.
        crosswalk: Census code list; read from ``raw_dir`` when omitted.

    Returns:
        See :func:`tidy_unmatched`.
    """
    grid, source = read_table_grid(table, raw_dir)
    cw = crosswalk if crosswalk is not None else read_crosswalk(raw_dir)
    return tidy_unmatched(grid, table, cw, source)
