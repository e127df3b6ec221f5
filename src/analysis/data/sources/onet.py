"""O*NET database (release: see the catalog): occupations, titles, ETE, job zones, skills.

The text edition is tab-delimited UTF-8 with a header row. Skills comes from the
Excel edition (``Skills.xlsx``, sheet ``Skills``) because no copy of the text
file was available (see SOURCES.md section 1b).

Each public ``read_*`` function locates and checks its files, then hands the raw
frames to a pure ``tidy_*`` function that tests can feed a few inline rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis.data.soc import normalize_soc
from analysis.data.sources.catalog import raw_path, require_columns
from analysis.errors import RawFormatError

SOURCE_ID = "onet"
CODE = "O*NET-SOC Code"
SKILLS_SHEET = "Skills"

OCCUPATION_COLUMNS = [CODE, "Title", "Description"]
ALTERNATE_COLUMNS = [CODE, "Alternate Title", "Short Title"]
REPORTED_COLUMNS = [CODE, "Reported Job Title"]
ETE_COLUMNS = [
    CODE,
    "Element ID",
    "Scale ID",
    "Category",
    "Data Value",
    "N",
    "Standard Error",
    "Recommend Suppress",
    "Date",
    "Domain Source",
]
ETE_CATEGORY_COLUMNS = ["Element ID", "Scale ID", "Category", "Category Description"]
JOB_ZONE_COLUMNS = [CODE, "Job Zone"]
SKILL_COLUMNS = [
    CODE,
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "N",
    "Standard Error",
    "Recommend Suppress",
    "Not Relevant",
]

LEVEL_PRECISION = ["level_se", "level_n", "level_recommend_suppress"]
"""Columns of :func:`tidy_skills` that describe the precision of the level (LV) rating."""

TITLE_KINDS = ["onet", "alternate", "short", "reported"]
"""Values of ``kind`` in :func:`read_titles`, in the order rows are sorted."""

# O*NET writes 'n/a' where a field does not apply (no short title, no category, no SE).
_NOT_APPLICABLE = "n/a"


def read_occupations(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read ``Occupation Data.txt``.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        Columns ``onet_code``, ``soc``, ``title``, ``description``; one row per
        O*NET-SOC occupation.

    Raises:
        RawFileMissingError: The file is absent.
        RawFormatError: The file lacks expected columns or holds a malformed code.
    """
    return tidy_onet_occupations(_read_text("occupation_data", OCCUPATION_COLUMNS, raw_dir))


def tidy_onet_occupations(raw: pd.DataFrame) -> pd.DataFrame:
    """Tidy the raw ``Occupation Data`` frame (see :func:`read_occupations`).

    Args:
        raw: The file as read, all columns text.

    Returns:
        Columns ``onet_code``, ``soc``, ``title``, ``description``, sorted by code.
    """
    raw = raw.reset_index(drop=True)
    return (
        _unique_codes(_codes(raw), "Occupation Data")
        .assign(title=raw["Title"].str.strip(), description=raw["Description"].str.strip())
        .sort_values("onet_code")
        .reset_index(drop=True)
    )


def read_titles(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read every title O*NET gives an occupation, one row per title.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        Columns ``soc``, ``onet_code``, ``title``, ``kind`` (see :func:`tidy_titles`).

    Raises:
        RawFileMissingError: A file is absent.
        RawFormatError: A file lacks expected columns or holds a malformed code.
    """
    return tidy_titles(
        _read_text("occupation_data", OCCUPATION_COLUMNS, raw_dir),
        _read_text("alternate_titles", ALTERNATE_COLUMNS, raw_dir),
        _read_text("reported_titles", REPORTED_COLUMNS, raw_dir),
    )


def tidy_titles(
    occupations: pd.DataFrame, alternate: pd.DataFrame, reported: pd.DataFrame
) -> pd.DataFrame:
    """Stack occupation, alternate, short and reported titles.

    ``kind`` is ``onet`` (the occupation's own title), ``alternate``,
    ``short`` (the Short Title of an alternate title, when not 'n/a') or
    ``reported`` (Sample of Reported Titles). Several O*NET codes share one SOC
    code and short titles repeat, so exact duplicates of (soc, title, kind) are
    dropped, keeping the lowest O*NET code.

    Args:
        occupations: Raw ``Occupation Data`` frame.
        alternate: Raw ``Alternate Titles`` frame.
        reported: Raw ``Sample of Reported Titles`` frame.

    Returns:
        Columns ``soc``, ``onet_code``, ``title``, ``kind``, sorted by SOC,
        O*NET code, kind (in :data:`TITLE_KINDS` order) and title.
    """
    parts = [
        _titles(occupations, "Title", "onet"),
        _titles(alternate, "Alternate Title", "alternate"),
        _titles(alternate, "Short Title", "short"),
        _titles(reported, "Reported Job Title", "reported"),
    ]
    titles = pd.concat(parts, ignore_index=True)
    rank = titles["kind"].map({kind: i for i, kind in enumerate(TITLE_KINDS)})
    return (
        titles.assign(_rank=rank)
        .sort_values(["soc", "onet_code", "_rank", "title"])
        .drop_duplicates(["soc", "title", "kind"])
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def read_ete(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read Education, Training, and Experience with its category labels.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        Columns ``soc``, ``onet_code``, ``scale``, ``category``,
        ``category_label``, ``pct``, ``n``, ``standard_error``,
        ``recommend_suppress``, ``date``, ``domain_source`` (see :func:`tidy_ete`).

    Raises:
        RawFileMissingError: A file is absent.
        RawFormatError: A file lacks expected columns, or a rating has no category label.
    """
    return tidy_ete(
        _read_text("ete", ETE_COLUMNS, raw_dir),
        _read_text("ete_categories", ETE_CATEGORY_COLUMNS, raw_dir),
    )


def tidy_ete(ete: pd.DataFrame, categories: pd.DataFrame) -> pd.DataFrame:
    """Keep the categorical ratings (scales RL, RW, PT, OJ) and label their categories.

    Ratings without a category (the IM-scale certification and apprenticeship
    items) are dropped. ``recommend_suppress`` is a nullable boolean: ratings
    from occupational experts carry 'n/a' there, which stays NA.
    ``domain_source`` says who answered ("Incumbent": workers in the job;
    "Occupational Expert"): the report names it beside every O*NET distribution,
    since an expert panel's shares are not a survey of the workforce.

    Args:
        ete: Raw ``Education, Training, and Experience`` frame, all text.
        categories: Raw ``Education, Training, and Experience Categories`` frame.

    Returns:
        Columns ``soc``, ``onet_code``, ``scale``, ``category`` (int),
        ``category_label``, ``pct`` (% of respondents), ``n`` (Int64),
        ``standard_error`` (NaN when 'n/a'), ``recommend_suppress``
        (nullable boolean), ``date``, ``domain_source``; in file order.
    """
    rated = ete[ete["Category"].astype(str).str.strip() != _NOT_APPLICABLE].reset_index(drop=True)
    labels = _category_labels(categories)
    keys = pd.DataFrame(
        {
            "Element ID": rated["Element ID"].str.strip(),
            "Scale ID": rated["Scale ID"].str.strip(),
            "category": _integers(rated["Category"]),
        }
    )
    label = keys.merge(
        labels, how="left", on=["Element ID", "Scale ID", "category"], validate="many_to_one"
    )
    if label["category_label"].isna().any():
        missing = keys[label["category_label"].isna()].drop_duplicates().head(5)
        raise RawFormatError(
            "Education, Training, and Experience ratings have no label in the categories "
            f"file, e.g. {missing.to_dict('records')}."
        )
    return _codes(rated).assign(
        scale=keys["Scale ID"],
        category=keys["category"],
        category_label=label["category_label"].astype(str),
        pct=_floats(rated["Data Value"]),
        n=_integers(rated["N"], nullable=True),
        standard_error=_floats(rated["Standard Error"]),
        recommend_suppress=_flags(rated["Recommend Suppress"]),
        date=rated["Date"].astype(str).str.strip(),
        domain_source=rated["Domain Source"].astype(str).str.strip(),
    )


def read_job_zones(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read ``Job Zones.txt``.

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        Columns ``soc``, ``onet_code``, ``job_zone`` (int 1-5).

    Raises:
        RawFileMissingError: The file is absent.
        RawFormatError: The file lacks expected columns or holds a malformed code.
    """
    return tidy_job_zones(_read_text("job_zones", JOB_ZONE_COLUMNS, raw_dir))


def tidy_job_zones(raw: pd.DataFrame) -> pd.DataFrame:
    """Tidy the raw ``Job Zones`` frame (see :func:`read_job_zones`).

    Args:
        raw: The file as read, all columns text.

    Returns:
        Columns ``soc``, ``onet_code``, ``job_zone``, sorted by O*NET code.
    """
    raw = raw.reset_index(drop=True)
    return (
        _unique_codes(_codes(raw), "Job Zones")
        .assign(job_zone=_integers(raw["Job Zone"]))
        .sort_values("onet_code")
        .reset_index(drop=True)
    )


def read_skills(raw_dir: Path | None = None) -> pd.DataFrame:
    """Read the 35 O*NET skills from ``Skills.xlsx`` (about 10 seconds).

    Args:
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        Columns ``soc``, ``onet_code``, ``element_id``, ``skill``,
        ``importance``, ``level``, ``importance_se``, ``recommend_suppress``,
        ``not_relevant``, ``level_se``, ``level_n``, ``level_recommend_suppress``
        (see :func:`tidy_skills`).

    Raises:
        RawFileMissingError: The file is absent.
        RawFormatError: The sheet lacks expected columns, or an importance
            rating has no matching level rating.
    """
    path = raw_path(SOURCE_ID, "skills", raw_dir)
    try:
        raw = pd.read_excel(path, sheet_name=SKILLS_SHEET, engine="openpyxl", dtype=object)
    except ValueError as exc:
        # openpyxl reports a missing sheet as ValueError; name the file and sheet.
        raise RawFormatError(
            f"Raw file {path} has no readable sheet '{SKILLS_SHEET}': {exc}"
        ) from exc
    require_columns(raw, SKILL_COLUMNS, path)
    return tidy_skills(raw)


def tidy_skills(raw: pd.DataFrame) -> pd.DataFrame:
    """Put each skill's importance (IM) and level (LV) ratings on one row.

    ``recommend_suppress`` is the importance row's flag and ``not_relevant``
    the level row's (importance rows have no Not Relevant flag). The level's
    own standard error, number of raters and Recommend Suppress flag are kept
    as ``level_se``, ``level_n`` and ``level_recommend_suppress``: comparing
    two occupations' levels (the move from one to the other) needs them.

    Args:
        raw: Raw Skills frame, one row per occupation, skill and scale.

    Returns:
        Columns ``soc``, ``onet_code``, ``element_id``, ``skill``,
        ``importance``, ``level``, ``importance_se``, ``recommend_suppress``
        and ``not_relevant`` (nullable booleans, NA only where the file says
        'n/a'), ``level_se`` (NaN where 'n/a'), ``level_n`` (Int64) and
        ``level_recommend_suppress`` (nullable boolean); one row per
        (onet_code, element_id), sorted by those two.

    Raises:
        RawFormatError: The importance and level rows do not pair up one to one.
    """
    scale = raw["Scale ID"].astype(str).str.strip()
    importance = (
        _scale_rows(raw[scale == "IM"])
        .drop(columns=["not_relevant", "n"])
        .rename(
            columns={"value": "importance", "se": "importance_se", "suppress": "recommend_suppress"}
        )
    )
    level = _scale_rows(raw[scale == "LV"]).rename(
        columns={
            "value": "level",
            "se": "level_se",
            "n": "level_n",
            "suppress": "level_recommend_suppress",
        }
    )
    keys = ["onet_code", "element_id"]
    if len(importance) != len(level) or importance.duplicated(keys).any():
        raise RawFormatError(
            f"Skills has {len(importance)} importance (IM) rows and {len(level)} level (LV) "
            "rows, which do not pair up one per occupation and skill."
        )
    merged = importance.merge(
        level[[*keys, "level", "not_relevant", *LEVEL_PRECISION]],
        on=keys,
        how="inner",
        validate="one_to_one",
    )
    if len(merged) != len(importance):
        raise RawFormatError("Skills importance (IM) and level (LV) rows name different skills.")
    columns = ["soc", "onet_code", "element_id", "skill", "importance", "level", "importance_se"]
    return (
        merged[[*columns, "recommend_suppress", "not_relevant", *LEVEL_PRECISION]]
        .sort_values(keys)
        .reset_index(drop=True)
    )


def _read_text(file_key: str, expected: list[str], raw_dir: Path | None) -> pd.DataFrame:
    """Read one tab-delimited O*NET file as text and check its columns."""
    path = raw_path(SOURCE_ID, file_key, raw_dir)
    # O*NET text files never quote fields, and titles may contain '"'; 'n/a' and 'NA'
    # must stay text so the tidy step decides what is missing.
    frame = pd.read_csv(
        path,
        sep="\t",
        dtype=str,
        keep_default_na=False,
        quoting=csv.QUOTE_NONE,
        encoding="utf-8",
    )
    require_columns(frame, expected, path)
    return frame


def _codes(raw: pd.DataFrame) -> pd.DataFrame:
    """Return ``soc`` and ``onet_code`` columns for a raw O*NET frame."""
    onet_code = raw[CODE].astype(str).str.strip().reset_index(drop=True)
    soc = onet_code.map(normalize_soc)
    if soc.isna().any():
        raise RawFormatError(
            f"O*NET-SOC codes not of the form XX-XXXX.XX: {onet_code[soc.isna()].head(5).tolist()}."
        )
    return pd.DataFrame({"soc": soc.astype(str), "onet_code": onet_code})


def _unique_codes(codes: pd.DataFrame, file_title: str) -> pd.DataFrame:
    """Refuse a file that should list each O*NET-SOC code once but repeats one.

    A repeated code would silently double an occupation's rows in every table
    built from it; the message names the code and both data lines (line 1 is
    the header).
    """
    repeated = codes["onet_code"].duplicated(keep=False)
    if repeated.any():
        code = codes.loc[repeated, "onet_code"].iloc[0]
        lines = [int(i) + 2 for i in codes.index[codes["onet_code"] == code]]
        raise RawFormatError(
            f"O*NET {file_title} lists the O*NET-SOC code {code} more than once "
            f"(lines {', '.join(map(str, lines))}); each code must appear once."
        )
    return codes


def _titles(raw: pd.DataFrame, column: str, kind: str) -> pd.DataFrame:
    """One title column as (soc, onet_code, title, kind), without blanks and 'n/a'."""
    raw = raw.reset_index(drop=True)
    titles = _codes(raw).assign(title=raw[column].astype(str).str.strip(), kind=kind)
    return titles[~titles["title"].isin(["", _NOT_APPLICABLE])]


def _category_labels(categories: pd.DataFrame) -> pd.DataFrame:
    """Category labels keyed by element, scale and category number.

    Education (RL) descriptions run on after ' - ' with a definition
    ("Post-Secondary Certificate - awarded for ..."); only the name is kept.
    """
    scale = categories["Scale ID"].str.strip()
    text = categories["Category Description"].str.strip()
    short = text.str.split(" - ", n=1).str[0].str.strip()
    labels = pd.DataFrame(
        {
            "Element ID": categories["Element ID"].str.strip(),
            "Scale ID": scale,
            "category": _integers(categories["Category"]),
            "category_label": short.where(scale == "RL", text),
        }
    )
    repeated = labels[labels.duplicated(["Element ID", "Scale ID", "category"], keep=False)]
    if not repeated.empty:
        raise RawFormatError(
            "Education, Training, and Experience Categories lists a category twice: "
            f"{repeated.head(4).to_dict('records')}."
        )
    return labels


def _scale_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The fields of one Skills scale, keyed by O*NET code and element ID."""
    rows = rows.reset_index(drop=True)
    return _codes(rows).assign(
        element_id=rows["Element ID"].astype(str).str.strip(),
        skill=rows["Element Name"].astype(str).str.strip(),
        value=_floats(rows["Data Value"]),
        n=_integers(rows["N"], nullable=True),
        se=_floats(rows["Standard Error"]),
        suppress=_flags(rows["Recommend Suppress"]),
        not_relevant=_flags(rows["Not Relevant"]),
    )


def _floats(values: pd.Series) -> pd.Series:
    """Numbers as float64; 'n/a' and blanks become NaN."""
    return pd.to_numeric(values, errors="coerce").astype("float64").reset_index(drop=True)


def _integers(values: pd.Series, nullable: bool = False) -> pd.Series:
    """Whole numbers as int64 (or Int64 with NA for 'n/a' when ``nullable``)."""
    numbers = pd.to_numeric(values, errors="coerce").reset_index(drop=True)
    if nullable:
        return numbers.astype("Int64")
    if numbers.isna().any():
        raise RawFormatError(
            f"Expected whole numbers, found {values[numbers.isna().to_numpy()].head(5).tolist()}."
        )
    return numbers.astype("int64")


def _flags(values: pd.Series) -> pd.Series:
    """O*NET 'Y'/'N' flags as nullable booleans; 'n/a' and blanks become NA."""
    text = values.astype("string").str.strip().str.upper()
    return text.map({"Y": True, "N": False}).astype("boolean").reset_index(drop=True)
