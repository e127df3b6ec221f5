"""Metadata as data: every processed table and column, with units and sources.

Modelled on PUDL's ``metadata/resources.py``: :data:`TABLES` describes each
table, :mod:`analysis.data.fields` each column. :func:`datapackage` turns them
into a Frictionless Data descriptor (``data/datapackage.json``) and refuses a
column that has no declaration or whose declared type does not match the data.
Release vintages in the descriptions come from the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.data.fields import field_for
from analysis.data.sources.catalog import ONET_CREDIT, SOURCES
from analysis.errors import AnalysisError


class MetadataError(AnalysisError):
    """A processed table has a column that :mod:`analysis.data.fields` does not describe."""


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
        f"Every {SOURCES['oews'].label} cell: nation (all industries and every national "
        "industry), states and metro areas (cross-industry), all 17 datatypes with BLS "
        "footnote codes.",
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
        f"Employment projections {SOURCES['ep'].vintage}",
        f"{SOURCES['ep'].label}, Table 1.2: employment {SOURCES['ep'].year} and "
        f"{SOURCES['ep'].year + 10}, change, openings, median wage and typical entry requirements.",
        ("ep",),
        ("soc",),
    ),
    "separations": Table(
        "Occupational separations and openings",
        f"{SOURCES['ep'].label}, Table 1.10: labor force exits, occupational transfers and "
        "total separations (annual averages, rates in percent of employment and thousands), "
        "and annual openings.",
        ("ep",),
        ("soc",),
    ),
    "projection_factors": Table(
        "Factors affecting occupational utilization",
        f"{SOURCES['ep'].label}, Table 1.12: BLS's reasons an occupation's share of employment "
        "rises or falls, for all industries (TE1000) and by industry; about 435 occupations.",
        ("ep",),
        ("soc", "industry_code"),
    ),
    "education_attainment": Table(
        "Educational attainment",
        f"{SOURCES['ep'].file_label('education')}: educational attainment of workers 25 and "
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
        f"{SOURCES['cps11'].label}: women, White, Black, Asian, Hispanic shares; "
        f"{SOURCES['cps11b'].label}: age brackets, median age; joined to SOC through the "
        f"{SOURCES['census_crosswalk'].label} crosswalk. "
        "socs_sharing_census_code > 1 means the figures describe a Census occupation that "
        "covers several SOC codes.",
        ("cps11", "cps11b", "census_crosswalk"),
        ("soc",),
    ),
    "all_occupations": Table(
        "All occupations",
        "The all-occupations row of each source, for comparing one occupation with the whole "
        "workforce: the OEWS 00-0000 row (national, all industries), the BLS Employment "
        "Projections 'Total, all occupations' row, and the total rows of CPS Tables 11, 11b "
        "and 39. 'figure' is named as the per-occupation column it compares with.",
        ("oews", "ep", "cps11", "cps11b", "cps39"),
        ("figure", "source"),
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
        f"{SOURCES['cps39'].label}: median weekly earnings of full-time wage and salary workers by "
        f"sex, joined to SOC through the {SOURCES['census_crosswalk'].label} crosswalk.",
        ("cps39", "census_crosswalk"),
        ("soc",),
    ),
    "field_of_degree": Table(
        "Field of bachelor's degree by occupation group",
        f"Census {SOURCES['acs_field_of_degree'].label} Table 1: workers 25-64 with a bachelor's "
        "degree or higher, by field of "
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
        f"BEA SARPP all-items regional price parity (U.S. = 100), {SOURCES['bea_rpp'].year}.",
        ("bea_rpp",),
    ),
}


def _field_type(dtype: object) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    return "string"


def schema_fields(name: str, frame: pd.DataFrame) -> list[dict[str, object]]:
    """Return the declared fields of one table, in column order.

    Args:
        name: Table name (key of :data:`TABLES`).
        frame: The table as written.

    Returns:
        Frictionless ``schema.fields`` entries.

    Raises:
        MetadataError: A column has no declaration in :mod:`analysis.data.fields`, or
            its declared type is not the type of the data.
    """
    fields = []
    for column, dtype in frame.dtypes.items():
        declared = field_for(name, str(column))
        if declared is None:
            raise MetadataError(
                f"Column {name}.{column} has no declaration in analysis/data/fields.py. Add "
                f"its type, unit and description to FIELDS (or TABLE_FIELDS['{name}.{column}'])."
            )
        actual = _field_type(dtype)
        if declared.type != actual:
            raise MetadataError(
                f"Column {name}.{column} is declared {declared.type!r} in "
                f"analysis/data/fields.py but holds {actual!r} data ({dtype})."
            )
        fields.append(declared.as_record(str(column)))
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
        schema: dict[str, object] = {"fields": schema_fields(name, frame)}
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
