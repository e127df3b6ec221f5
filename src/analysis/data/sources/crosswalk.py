"""Census 2018 occupation codes and their crosswalk to 2018 SOC.

The Census Bureau's "2018 Census Occupation Code List" gives, for each of its
570 occupation codes, the 2018 SOC code or pattern it covers. A pattern is one
of:

* a detailed SOC code (``43-4051``);
* a SOC broad group or minor group, written with trailing zeros
  (``11-2030`` = every ``11-203x``; ``25-1000`` = every ``25-1xxx``);
* a code with ``X`` wildcards (``13-20XX``, ``15-124X``), used for the residual
  "Other ..." occupations: it covers the codes of that range that no more
  specific Census code claims.

:func:`expand_to_soc` turns the patterns into one row per detailed SOC code, the
most specific matching pattern winning; :func:`crosswalk_issues` lists what did
not resolve cleanly; :func:`census_parts` names the Census codes that cover the
parts of a SOC code no single Census code covers.
"""

from __future__ import annotations

import logging
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.data.soc import normalize_soc
from analysis.data.sources.catalog import raw_path
from analysis.errors import RawFormatError

log = logging.getLogger(__name__)

SHEET = "2018 Census Occ Code List"
"""Sheet of the Census workbook that holds the code list."""

CROSSWALK_COLUMNS: list[str] = ["census_code", "census_title", "soc_pattern"]
EXPANDED_COLUMNS: list[str] = [
    "soc",
    "census_code",
    "census_title",
    "soc_pattern",
    "socs_sharing_census_code",
]
ISSUE_COLUMNS: list[str] = ["soc", "census_code", "issue"]
PART_COLUMNS: list[str] = ["soc", "census_code", "census_title", "soc_pattern"]

_HEADER_LABELS = {
    "census_title": "2018 census title",
    "census_code": "2018 census code",
    "soc_pattern": "2018 soc code",
}
_CENSUS_CODE = re.compile(r"^\d{4}$")
_PATTERN = re.compile(r"^\d{2}-[\dX]{4}$")

_DEFAULT_SOURCE = "raw frame"


def _text(value: object) -> str:
    """Cell text with runs of whitespace collapsed; empty for blank cells."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


def _census_code(value: object) -> str | None:
    """A 4-digit Census code, or None for group rows (code ranges) and blanks."""
    # Excel may hold codes as numbers, which lose their leading zeros.
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            return None
        value = f"{int(value):04d}"
    text = _text(value)
    return text if _CENSUS_CODE.match(text) else None


# --------------------------------------------------------------------------- code list


def _find_header(raw: pd.DataFrame, source: str) -> tuple[int, dict[str, int]]:
    """Locate the header row by its labels; return its index and the column of each label."""
    wanted = set(_HEADER_LABELS.values())
    for idx, row in raw.iterrows():
        labels = {_text(v).lower(): col for col, v in row.items()}
        if wanted <= labels.keys():
            return int(idx), {name: labels[label] for name, label in _HEADER_LABELS.items()}
    raise RawFormatError(
        f"{source}: no header row with the labels "
        f"{['2018 Census Title', '2018 Census Code', '2018 SOC Code']} was found; "
        "the Census code list layout has changed."
    )


def tidy_crosswalk(raw: pd.DataFrame, source: str = _DEFAULT_SOURCE) -> pd.DataFrame:
    """Turn the code-list sheet's cell grid into one row per Census occupation code.

    Rows without a 4-digit Census code (titles, blank spacers, major-group rows
    whose "code" is a range such as ``0010-3550``) are skipped. The four
    military codes and 9920 (unemployed, never worked) stay; their SOC pattern is
    whatever the file says (``none`` for two of them).

    Args:
        raw: The sheet as ``read_excel(header=None, dtype=object)`` returns it.
        source: File name used in error messages.

    Returns:
        Columns ``census_code`` (4-digit str), ``census_title`` (whitespace
        collapsed), ``soc_pattern`` (as written, e.g. ``13-20XX``), in file order.

    Raises:
        RawFormatError: The header row is missing, no codes were found, or a
            code appears twice.
    """
    header, cols = _find_header(raw, source)
    records = []
    for _, row in raw.iloc[header + 1 :].iterrows():
        code = _census_code(row[cols["census_code"]])
        if code is None:
            continue
        records.append(
            {
                "census_code": code,
                "census_title": _text(row[cols["census_title"]]),
                "soc_pattern": _text(row[cols["soc_pattern"]]),
            }
        )
    frame = pd.DataFrame(records, columns=CROSSWALK_COLUMNS).astype(str)
    if frame.empty:
        raise RawFormatError(f"{source}: the code list has a header but no 4-digit Census codes.")
    dupes = frame.loc[frame["census_code"].duplicated(), "census_code"].tolist()
    if dupes:
        raise RawFormatError(f"{source}: Census codes listed more than once: {dupes}.")
    return frame.reset_index(drop=True)


def read_crosswalk(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read the Census 2018 occupation code list with each code's SOC pattern.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        See :func:`tidy_crosswalk` (570 codes in the 2018 list).

    Raises:
        RawFileMissingError: The workbook is absent.
        RawFormatError: The workbook lacks the sheet or its header.
    """
    path = raw_path("census_crosswalk", "crosswalk", raw_dir)
    try:
        raw = pd.read_excel(path, sheet_name=SHEET, header=None, dtype=object)
    except (ValueError, KeyError, zipfile.BadZipFile) as err:
        raise RawFormatError(
            f"Raw file {path} could not be read as the Census workbook with sheet '{SHEET}': {err}"
        ) from err
    return tidy_crosswalk(raw, source=f"{path} (sheet '{SHEET}')")


# --------------------------------------------------------------------------- SOC patterns


@dataclass(frozen=True)
class _Pattern:
    """A compiled SOC pattern of one Census code."""

    census_code: str
    census_title: str
    soc_pattern: str
    regex: re.Pattern[str]
    wildcards: int

    @property
    def prefix(self) -> str:
        """The fixed leading part of the pattern (``13-20`` for ``13-20XX``)."""
        return _fixed_prefix(self.regex)


def _fixed_prefix(regex: re.Pattern[str]) -> str:
    """The digits before the first wildcard of a compiled pattern."""
    return regex.pattern.split("\\d", 1)[0]


def _compile(pattern: str) -> tuple[re.Pattern[str], int] | None:
    """Regex and wildcard count of a SOC pattern; None when it names no SOC code."""
    text = pattern.strip().upper()
    if not _PATTERN.match(text):
        return None
    if "X" not in text and text.endswith("0"):
        # Detailed SOC codes never end in 0, so trailing zeros mark a broad or
        # minor group: 11-2030 stands for every 11-203x.
        digits = text[3:].rstrip("0")
        text = text[:3] + digits + "X" * (4 - len(digits))
    return re.compile(text.replace("X", r"\d")), text.count("X")


def _patterns(crosswalk: pd.DataFrame) -> list[_Pattern]:
    """Compile every Census code's SOC pattern, skipping ``none`` and the like."""
    out = []
    for row in crosswalk[CROSSWALK_COLUMNS].itertuples(index=False):
        compiled = _compile(row.soc_pattern)
        if compiled is not None:
            out.append(_Pattern(row.census_code, row.census_title, row.soc_pattern, *compiled))
    return out


def _resolve(
    crosswalk: pd.DataFrame, soc_codes: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Match SOC codes to Census codes; return (matches, issues)."""
    patterns = _patterns(crosswalk)
    matches: list[dict[str, object]] = []
    issues: list[dict[str, object]] = []
    seen: set[str] = set()
    for given in soc_codes:
        soc = normalize_soc(given)
        if soc is None:
            issues.append({"soc": given, "census_code": None, "issue": "not a SOC code"})
            continue
        if soc in seen:
            continue
        seen.add(soc)
        hits = [p for p in patterns if p.regex.fullmatch(soc)]
        if not hits:
            issues.append(_no_match_issue(soc, patterns))
            continue
        # "Other ..." codes (13-20XX) overlap the specific codes of their range;
        # the most specific pattern is the one Census meant.
        fewest = min(p.wildcards for p in hits)
        best = [p for p in hits if p.wildcards == fewest]
        if len(best) > 1:
            codes = ", ".join(f"{p.census_code} ({p.soc_pattern})" for p in best)
            issues.append(
                {
                    "soc": soc,
                    "census_code": None,
                    "issue": f"equally specific patterns of several Census codes: {codes}",
                }
            )
            continue
        hit = best[0]
        matches.append(
            {
                "soc": soc,
                "census_code": hit.census_code,
                "census_title": hit.census_title,
                "soc_pattern": hit.soc_pattern,
            }
        )
    frame = pd.DataFrame(matches, columns=EXPANDED_COLUMNS[:-1])
    frame["socs_sharing_census_code"] = (
        frame.groupby("census_code")["soc"].transform("size").astype(int)
    )
    used = set(frame["census_code"])
    for p in patterns:
        if p.census_code not in used:
            issues.append(
                {
                    "soc": None,
                    "census_code": p.census_code,
                    "issue": f"no given SOC code matches pattern {p.soc_pattern} "
                    f"({p.census_title})",
                }
            )
    frame = frame.sort_values("soc", ignore_index=True)
    return frame, pd.DataFrame(issues, columns=ISSUE_COLUMNS)


def _no_match_issue(soc: str, patterns: list[_Pattern]) -> dict[str, object]:
    """Describe a SOC code no pattern covers, naming the Census codes near it."""
    compiled = _compile(soc)
    aggregate = compiled is not None and compiled[1] > 0
    # An aggregate (13-1020) may be split over several Census codes; a detailed
    # code newer than the Census list (21-1018) usually has its pieces in the
    # same SOC broad group.
    scope = _fixed_prefix(compiled[0]) if aggregate else soc[:6]
    near = ", ".join(
        f"{p.census_code} ({p.soc_pattern})" for p in patterns if p.prefix.startswith(scope)
    )
    issue = "no Census code covers this SOC code"
    if near and aggregate:
        issue += f"; it is an aggregate split over Census codes {near}"
    elif near:
        issue += f"; Census codes in the same SOC broad group: {near}"
    return {"soc": soc, "census_code": None, "issue": issue}


def expand_to_soc(crosswalk: pd.DataFrame, soc_codes: Iterable[str]) -> pd.DataFrame:
    """Give each SOC code the one Census occupation code that covers it.

    An ``X`` in a pattern is a wildcard digit and trailing zeros mark a SOC
    group; when several patterns cover a code, the one with the fewest wildcard
    digits wins (``15-1242`` -> ``15-124X`` rather than nothing, ``15-1241`` ->
    its own code rather than ``15-124X``). Codes that resolve to no Census code,
    or to two equally specific ones, are left out and logged; call
    :func:`crosswalk_issues` for the full list.

    Args:
        crosswalk: Output of :func:`read_crosswalk`.
        soc_codes: Detailed SOC codes (e.g. the 830 OEWS detailed codes);
            duplicates are ignored.

    Returns:
        One row per resolved SOC code, sorted by ``soc``: ``soc``,
        ``census_code``, ``census_title``, ``soc_pattern`` and
        ``socs_sharing_census_code`` (int: how many of the given codes map to
        the same Census code).
    """
    frame, issues = _resolve(crosswalk, soc_codes)
    unresolved = issues["soc"].notna().sum()
    if unresolved:
        log.warning(
            "Census crosswalk: %d SOC codes left without a Census code (%s); "
            "see crosswalk_issues().",
            unresolved,
            ", ".join(map(str, issues["soc"].dropna())),
        )
    return frame


def crosswalk_issues(crosswalk: pd.DataFrame, soc_codes: Iterable[str]) -> pd.DataFrame:
    """List what :func:`expand_to_soc` could not resolve cleanly.

    Args:
        crosswalk: Output of :func:`read_crosswalk`.
        soc_codes: The same codes given to :func:`expand_to_soc`.

    Returns:
        Columns ``soc``, ``census_code``, ``issue``: SOC codes with no Census
        code (aggregates name the Census codes they span), codes with two
        equally specific patterns, strings that are not SOC codes, and Census
        codes with a SOC pattern that none of the given codes falls under.
    """
    return _resolve(crosswalk, soc_codes)[1]


def census_parts(crosswalk: pd.DataFrame, soc_codes: Iterable[str]) -> pd.DataFrame:
    """The Census codes covering the parts of each SOC code that no single Census code covers.

    OEWS publishes some SOC broad groups (13-1020, 31-1120) and merged SOC codes
    (21-1018) that the Census list splits: the Census codes of that SOC broad
    group (same first five digits) that no given SOC code takes are its parts.
    CPS publishes each part as its own row.

    Args:
        crosswalk: Output of :func:`read_crosswalk`.
        soc_codes: The codes given to :func:`expand_to_soc` (all of them: a part
            counts only when none of them takes it).

    Returns:
        Columns ``soc``, ``census_code``, ``census_title``, ``soc_pattern``, one
        row per part, sorted by SOC and Census code; SOC codes with a Census code
        of their own have no rows.
    """
    matched, issues = _resolve(crosswalk, soc_codes)
    used = set(matched["census_code"])
    unused = [p for p in _patterns(crosswalk) if p.census_code not in used]
    records = [
        {
            "soc": soc,
            "census_code": p.census_code,
            "census_title": p.census_title,
            "soc_pattern": p.soc_pattern,
        }
        for soc in sorted(issues["soc"].dropna())
        for p in unused
        if p.prefix.startswith(str(soc)[:6])
    ]
    return pd.DataFrame(records, columns=PART_COLUMNS).sort_values(
        ["soc", "census_code"], ignore_index=True
    )
