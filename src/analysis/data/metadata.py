"""Metadata as data: every processed table and column, with units and sources.

Modelled on PUDL's ``metadata/fields.py``. :func:`datapackage` turns it into a
Frictionless Data descriptor (``data/datapackage.json``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.data.sources.catalog import ONET_CREDIT, SOURCE_TABLES, SOURCES


@dataclass(frozen=True)
class Table:
    """One processed table."""

    title: str
    description: str
    sources: tuple[str, ...]
    primary_key: tuple[str, ...] = ()


TABLES: dict[str, Table] = {
    "occupations": Table(
        "Occupations",
        "The 830 OEWS detailed occupations (2018 SOC) with the O*NET description of the "
        "SOC-level O*NET occupation (.00 code, else the lowest O*NET code under it).",
        ("oews", "onet"),
        ("soc",),
    ),
    "titles": Table(
        "Occupation titles",
        "Every title that resolves to an occupation: the OEWS title, O*NET titles, alternate, "
        "short and reported titles.",
        ("oews", "onet"),
    ),
    "oews_wages": Table(
        "OEWS employment and wages",
        "Every OEWS May 2025 cell: nation (all industries and every national industry), states "
        "and metro areas (cross-industry), all 17 datatypes with BLS footnote codes.",
        ("oews",),
        ("area_type", "area_code", "industry_code", "soc"),
    ),
    "oews_footnotes": Table(
        "OEWS footnotes",
        "Text of the footnote codes used in oews_wages.",
        ("oews",),
        ("footnote_code",),
    ),
    "oews_release": Table("OEWS release", "Release of the OEWS data.", ("oews",)),
    "onet_ete": Table(
        "O*NET education, training and experience",
        "Distributions of required education (RL), related work experience (RW), on-site "
        "training (PT) and on-the-job training (OJ), percent of respondents by category.",
        ("onet",),
    ),
    "onet_job_zones": Table("O*NET job zones", "Job Zone (1-5) per O*NET occupation.", ("onet",)),
    "onet_skills": Table(
        "O*NET skills", "Importance (1-5) and level (0-7) of the 35 O*NET skills.", ("onet",)
    ),
    "projections": Table(
        "Employment projections 2024-34",
        "BLS Employment Projections Table 1.2: employment 2024 and 2034, change, openings, "
        "median wage and typical entry requirements.",
        ("ep",),
        ("soc",),
    ),
    "education_attainment": Table(
        "Educational attainment",
        f"{SOURCE_TABLES['ep_attainment'].label}: educational attainment of workers 25 and "
        "older, percent. footnote = BLS footnote 1 ('not an exact match with ACS'): the row "
        "is that of a broader ACS occupation and may be shared by several occupations.",
        ("ep",),
        ("soc", "level"),
    ),
    "entry_requirements": Table(
        "Typical entry requirements",
        "BLS EP Table 5.4: typical education needed for entry, related work experience and "
        "on-the-job training.",
        ("ep",),
        ("soc",),
    ),
    "ep_skills": Table(
        "EP top skills",
        "BLS EP Table 6.2: the three highest-ranked of 17 BLS skill categories.",
        ("ep",),
    ),
    "ep_skill_ranks": Table(
        "EP skill percentile ranks",
        "BLS EP Table 6.5: percentile rank on each of 17 skills.",
        ("ep",),
    ),
    "demographics": Table(
        "Demographics",
        "CPS Table 11 (2023: women, White, Black, Asian, Hispanic shares) and Table 11b (2025: "
        "age brackets, median age) joined to SOC through the Census 2018 crosswalk. "
        "socs_sharing_census_code > 1 means the figures describe a Census occupation that "
        "covers several SOC codes.",
        ("cps11", "cps11b", "census_crosswalk"),
        ("soc",),
    ),
    "census_parts": Table(
        "Census occupations covering parts of a SOC code",
        "For the SOC codes no single 2018 Census occupation covers (13-1020, 21-1018, "
        "31-1120): the Census codes of their SOC broad group that no other occupation takes. "
        "CPS publishes each part as its own row; the project does not combine them.",
        ("census_crosswalk",),
        ("soc", "census_code"),
    ),
    "gender_earnings": Table(
        "Median weekly earnings by sex",
        "CPS Table 39 (2025): median weekly earnings of full-time wage and salary workers by "
        "sex, joined to SOC through the Census 2018 crosswalk.",
        ("cps39", "census_crosswalk"),
        ("soc",),
    ),
    "field_of_degree": Table(
        "Field of bachelor's degree by occupation group",
        "Census ACS 2019 Table 1: workers 25-64 with a bachelor's degree or higher, by field of "
        "bachelor's degree and broad occupation group (number and 90% MOE).",
        ("acs_field_of_degree",),
    ),
    "degree_groups": Table(
        "SOC to field-of-degree occupation group",
        "Each SOC code's occupation group in the ACS field-of-degree table, by the rules in "
        "data/mappings/soc_to_degree_group.csv; null where no group fits.",
        ("acs_field_of_degree",),
        ("soc",),
    ),
    "price_parities": Table(
        "Regional price parities by state",
        "BEA SARPP all-items regional price parity (U.S. = 100), 2023.",
        ("bea_rpp",),
    ),
}

_UNIT_HINTS: tuple[tuple[str, str], ...] = (
    ("_rse", "percent"),
    ("_pct", "percent"),
    ("pct", "percent"),
    ("hourly_", "US dollars per hour"),
    ("annual_", "US dollars per year"),
    ("_weekly", "US dollars per week"),
    ("_thousands", "thousands of people"),
    ("employment_20", "thousands of jobs"),
    ("age_", "thousands of people"),
    ("median_age", "years"),
)


def unit_for(column: str) -> str | None:
    """Guess a column's unit from the naming conventions of the tables."""
    if column.endswith("_footnote"):
        return None
    for hint, unit in _UNIT_HINTS:
        if hint in column:
            return unit
    return None


def _field_type(dtype: object) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    return "string"


def _fields(frame: pd.DataFrame) -> list[dict[str, object]]:
    fields = []
    for column, dtype in frame.dtypes.items():
        field: dict[str, object] = {"name": str(column), "type": _field_type(dtype)}
        unit = unit_for(str(column))
        if unit:
            field["unit"] = unit
        fields.append(field)
    return fields


def datapackage_descriptor(
    tables: dict[str, pd.DataFrame], path_prefix: str, package_version: str
) -> dict[str, object]:
    """Return the Frictionless descriptor for the processed tables.

    Args:
        tables: Table name -> frame (as written).
        path_prefix: Folder of the parquet files, relative to the descriptor.
        package_version: Version of this package that built them.

    Returns:
        A JSON-serialisable ``datapackage.json`` dictionary.
    """
    used = sorted({s for t in TABLES.values() for s in t.sources})
    resources = []
    for name, frame in tables.items():
        meta = TABLES[name]
        schema: dict[str, object] = {"fields": _fields(frame)}
        if meta.primary_key:
            schema["primaryKey"] = list(meta.primary_key)
        resources.append(
            {
                "name": name,
                "title": meta.title,
                "description": meta.description,
                "path": f"{path_prefix}{name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "rows": len(frame),
                "sources": [SOURCES[s].as_record() for s in meta.sources],
                "licenses": [
                    {"name": lic} for lic in sorted({SOURCES[s].licence for s in meta.sources})
                ],
                "schema": schema,
            }
        )
    return {
        "name": "profession-gaps",
        "title": "Profession gaps: US occupations' pay, education and demographics",
        "version": package_version,
        "description": "Processed from official public files by `python -m analysis build-data`. "
        + ONET_CREDIT,
        "sources": [SOURCES[s].as_record() for s in used],
        "licenses": [
            {"name": "CC-BY-4.0", "title": "O*NET content, with the credit line in description"},
            {"name": "public-domain", "title": "U.S. Government works (BLS, Census, BEA)"},
        ],
        "resources": resources,
    }
