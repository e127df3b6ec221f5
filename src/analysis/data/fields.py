"""Every column of the processed tables, declared: Frictionless type, unit and meaning.

Modelled on PUDL's ``metadata/fields.py``: one :class:`Field` per column name
where the name means the same in every table (``soc``, ``women_pct``), and a
``"table.column"`` entry where one name means different things in different
tables (``title``, ``level``, ``skill``). :func:`field_for` looks up the
table-specific entry first. The build fails on a column with no declaration
(:func:`analysis.data.metadata.datapackage`), so a new column is described
before it ships.

Units are spelled out ("US dollars per year", "thousands of jobs"); a field
without a unit is a code, a label, a count with its unit in the description,
or text. Vintages in descriptions come from the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.data.sources.catalog import SOURCES


@dataclass(frozen=True)
class Field:
    """One column: its Frictionless type, unit (if it has one) and description."""

    type: str
    """Frictionless Table Schema type: ``string``, ``integer``, ``number`` or ``boolean``."""
    description: str
    unit: str | None = None

    def as_record(self, name: str) -> dict[str, object]:
        """Return the field as a Frictionless ``schema.fields`` entry."""
        record: dict[str, object] = {"name": name, "type": self.type}
        if self.unit:
            record["unit"] = self.unit
        record["description"] = self.description
        return record


USD_HOUR = "US dollars per hour"
USD_YEAR = "US dollars per year"
USD_WEEK = "US dollars per week"
PERCENT = "percent"
THOUSAND_PEOPLE = "thousands of people"
THOUSAND_JOBS = "thousands of jobs"

_OEWS = SOURCES["oews"].label
_EP = SOURCES["ep"]
_EP_END = _EP.year + 10  # BLS projects ten years ahead of the base year
_CPS11 = SOURCES["cps11"]
_CPS11B = SOURCES["cps11b"]
_CPS39 = SOURCES["cps39"].label
_ONET = SOURCES["onet"].label


def _text(description: str) -> Field:
    return Field("string", description)


def _oews_wage(kind: str, unit: str) -> Field:
    return Field("number", f"{kind} ({_OEWS}); null where BLS does not release it.", unit)


def _footnote(column: str) -> Field:
    return _text(
        f"BLS footnote code explaining a blank or top-coded {column} (see oews_footnotes)."
    )


_PERCENTILES = {"p10": "10th", "p25": "25th", "p75": "75th", "p90": "90th"}

_OEWS_VALUES: dict[str, Field] = {
    "employment": Field(
        "number",
        f"Wage and salary jobs ({_OEWS}; excludes the self-employed); null where not released.",
        "jobs",
    ),
    "employment_rse": Field(
        "number", "Relative standard error of the employment estimate.", PERCENT
    ),
    "hourly_mean_wage": _oews_wage("Mean hourly wage", USD_HOUR),
    "annual_mean_wage": _oews_wage("Mean annual wage", USD_YEAR),
    "wage_rse": Field("number", "Relative standard error of the mean wage estimate.", PERCENT),
    "hourly_median_wage": _oews_wage("Median hourly wage", USD_HOUR),
    "annual_median_wage": _oews_wage("Median annual wage", USD_YEAR),
    **{
        f"hourly_wage_{p}": _oews_wage(f"{nth} percentile hourly wage", USD_HOUR)
        for p, nth in _PERCENTILES.items()
    },
    **{
        f"annual_wage_{p}": _oews_wage(f"{nth} percentile annual wage", USD_YEAR)
        for p, nth in _PERCENTILES.items()
    },
    "employment_per_1000": Field(
        "number", "Jobs in the occupation per 1,000 jobs in the area (all occupations)."
    ),
    "location_quotient": Field(
        "number",
        "The occupation's share of the area's jobs divided by its national share (1 = as "
        "concentrated as nationally); null for the nation.",
    ),
}

FIELDS: dict[str, Field] = {
    # Codes and names shared by many tables.
    "soc": _text("2018 Standard Occupational Classification code, XX-XXXX."),
    "onet_code": _text("O*NET-SOC occupation code, XX-XXXX.XX."),
    "census_code": _text("Census occupation code (4 digits) the SOC code maps to."),
    "census_title": _text("Census occupation title, as the CPS tables print it."),
    "soc_pattern": _text(
        "SOC code or pattern (e.g. 13-20XX) the Census occupation covers, per the crosswalk."
    ),
    "socs_sharing_census_code": Field(
        "integer",
        "Number of SOC codes mapped to the same Census occupation; above 1, the CPS figures "
        "describe that wider Census occupation.",
    ),
    "occupation_group": _text(
        "Broad occupation group of the Census field-of-degree table (e.g. Computer workers)."
    ),
    "recommend_suppress": Field(
        "boolean", "O*NET recommends suppressing the value (low precision or few respondents)."
    ),
    "footnote": _text("BLS Employment Projections footnote text for the row; null if none."),
    # occupations
    "major_group": _text("SOC major group code, XX-0000."),
    "major_group_title": _text("OEWS title of the SOC major group."),
    "onet_title": _text("O*NET title of the O*NET occupation whose description is used."),
    "description": _text("O*NET description of the occupation; null where O*NET has none."),
    # titles
    "kind": _text(
        "Where the title comes from: oews (official title), onet, alternate, short or reported "
        "(O*NET title lists)."
    ),
    # oews_wages
    "area_type": _text("Geography of the estimate: national, state or metro (MSA)."),
    "area_code": _text("OEWS area code, 7 digits (0000000 = the nation)."),
    "area_name": _text("Name of the area."),
    "state_code": _text("State FIPS code, 2 digits (00 for the nation)."),
    "industry_code": _text(
        "OEWS industry code (NAICS-based, 6 characters); 000000 = all industries."
    ),
    "industry_name": _text("Name of the industry."),
    "industry_level": Field(
        "integer", "OEWS display level of the industry: 0 = all industries; higher = finer."
    ),
    "occupation_level": Field(
        "integer",
        "OEWS display level of the SOC code: 0 major group, 1 minor group, 2 broad "
        "occupation, 3 detailed occupation.",
    ),
    **_OEWS_VALUES,
    **{f"{name}_footnote": _footnote(name) for name in _OEWS_VALUES},
    # oews_footnotes, oews_release
    "footnote_code": _text("BLS footnote code used in the *_footnote columns of oews_wages."),
    "footnote_text": _text("Text of the footnote, as BLS publishes it."),
    "release": _text("OEWS release, as the database names it."),
    "release_code": _text("BLS code of the release (year, A = annual, panel)."),
    "data_year": Field("integer", "Reference year of the OEWS estimates."),
    "package": _text("PyPI package and version that shipped the OEWS database."),
    "database_sha256": _text("SHA-256 of the OEWS database file that was read."),
    # onet_ete
    "scale": _text(
        "O*NET scale: RL required education, RW related work experience, PT on-site or "
        "in-plant training, OJ on-the-job training."
    ),
    "category": Field("integer", "Category number within the scale (O*NET ETE categories)."),
    "category_label": _text("O*NET description of the category (e.g. Bachelor's Degree)."),
    "pct": Field("number", "Share of respondents in the category.", PERCENT),
    "n": Field("integer", "Number of respondents behind the distribution."),
    "standard_error": Field("number", "Standard error of the category share (percentage points)."),
    "date": _text("Month the O*NET data were collected or updated, MM/YYYY."),
    "domain_source": _text(
        "Who gave O*NET the ratings: Incumbent (workers in the job) or Occupational Expert."
    ),
    # onet_job_zones
    "job_zone": Field(
        "integer", "O*NET Job Zone, 1 (little preparation) to 5 (extensive preparation)."
    ),
    # onet_skills
    "element_id": _text("O*NET content model element ID of the skill."),
    "importance": Field("number", "Importance of the skill, on O*NET's 1-5 scale."),
    "importance_se": Field(
        "number", "Standard error of the importance rating (points on the 1-5 scale)."
    ),
    "not_relevant": Field(
        "boolean", "O*NET marks the skill not relevant to the occupation (level not shown)."
    ),
    "level_se": Field(
        "number", "Standard error of the level rating (points on the 0-7 scale; 0 when all agree)."
    ),
    "level_n": Field("integer", "Number of raters (O*NET analysts) behind the level rating."),
    "level_recommend_suppress": Field(
        "boolean",
        "O*NET recommends suppressing the level rating (low precision or few raters).",
    ),
    # projections, entry_requirements
    "occupation_type": _text("BLS National Employment Matrix row type (Line item = detailed)."),
    f"employment_{_EP.year}": Field(
        "number", f"Employment in {_EP.year} ({_EP.label}, all workers).", THOUSAND_JOBS
    ),
    f"employment_{_EP_END}": Field(
        "number", f"Projected employment in {_EP_END} ({_EP.label}).", THOUSAND_JOBS
    ),
    f"employment_change_{_EP.year}_{_EP_END}": Field(
        "number", f"Projected change in employment, {_EP.vintage}.", THOUSAND_JOBS
    ),
    f"employment_change_pct_{_EP.year}_{_EP_END}": Field(
        "number", f"Projected change in employment, {_EP.vintage}.", PERCENT
    ),
    f"self_employed_pct_{_EP.year}": Field(
        "number", f"Share of {_EP.year} employment that is self-employed.", PERCENT
    ),
    "annual_openings": Field(
        "number",
        f"Occupational openings per year, {_EP.vintage} annual average (growth and replacement).",
        "thousands of openings per year",
    ),
    f"median_annual_wage_{_EP.year}": Field(
        "number",
        f"Median annual wage in {_EP.year} as BLS EP publishes it; null where BLS gives "
        "only a note (wage_note).",
        USD_YEAR,
    ),
    "wage_note": _text(
        "BLS text in place of a median wage (e.g. a top-coded wage); null where a wage is given."
    ),
    "typical_entry_education": _text("Typical education needed for entry (BLS EP Table 5.4)."),
    "work_experience": _text(
        "Work experience in a related occupation needed for entry; null for none."
    ),
    "typical_ojt": _text("Typical on-the-job training needed to attain competency; null for none."),
    # separations (EP Table 1.10)
    "labor_force_exit_rate_pct": Field(
        "number",
        f"Workers leaving the labor force (retiring, other exits) per year, {_EP.vintage} "
        "annual average, as a share of the occupation's employment.",
        PERCENT,
    ),
    "occupational_transfer_rate_pct": Field(
        "number",
        f"Workers leaving for another occupation per year, {_EP.vintage} annual average, as a "
        "share of the occupation's employment.",
        PERCENT,
    ),
    "total_separations_rate_pct": Field(
        "number",
        f"Labor force exits plus occupational transfers per year, {_EP.vintage} annual "
        "average, as a share of the occupation's employment.",
        PERCENT,
    ),
    "labor_force_exits": Field(
        "number", f"Labor force exits per year, {_EP.vintage} annual average.", THOUSAND_PEOPLE
    ),
    "occupational_transfers": Field(
        "number",
        f"Occupational transfers per year, {_EP.vintage} annual average.",
        THOUSAND_PEOPLE,
    ),
    "total_separations": Field(
        "number",
        f"Total occupational separations per year, {_EP.vintage} annual average.",
        THOUSAND_PEOPLE,
    ),
    # projection_factors (EP Table 1.12)
    "industry": _text(
        "National Employment Matrix industry the factor applies to ('Total, all industries' "
        "for the headline reason)."
    ),
    "text": _text(
        "BLS's factor affecting occupational utilization, as published (type of factor - "
        "direction of the occupation's share - reason)."
    ),
    "order": Field(
        "integer",
        "Position of the factor for the occupation: 0 = the all-industries (TE1000) factor "
        "where BLS gives one, then the industry factors in BLS's order.",
    ),
    # education_attainment
    "level_order": Field("integer", "Rank of the education level, 1 (lowest) to 7 (highest)."),
    "share_pct": Field(
        "number", "Share of workers 25 and older whose highest level is this one.", PERCENT
    ),
    # ep_skills, ep_skill_ranks
    "rank": Field("integer", "Rank of the skill for the occupation, 1 (highest) to 3."),
    "percentile_rank": Field(
        "number",
        "Percentile rank of the occupation's importance score for the skill among all "
        "occupations (0-100).",
    ),
    # demographics (CPS Tables 11 and 11b)
    f"employed_thousands_{_CPS11.year}": Field(
        "number", f"Employed people, {_CPS11.label} annual average.", THOUSAND_PEOPLE
    ),
    "women_pct": Field("number", f"Women's share of the employed ({_CPS11.label}).", PERCENT),
    "white_pct": Field("number", f"White share of the employed ({_CPS11.label}).", PERCENT),
    "black_pct": Field(
        "number", f"Black or African American share of the employed ({_CPS11.label}).", PERCENT
    ),
    "asian_pct": Field("number", f"Asian share of the employed ({_CPS11.label}).", PERCENT),
    "hispanic_pct": Field(
        "number",
        f"Hispanic or Latino share of the employed, of any race ({_CPS11.label}).",
        PERCENT,
    ),
    "table11_note": _text(
        f"Why {_CPS11.label} figures are blank (e.g. base below 50,000); null if shown."
    ),
    f"employed_thousands_{_CPS11B.year}": Field(
        "number", f"Employed people, {_CPS11B.label} annual average.", THOUSAND_PEOPLE
    ),
    **{
        f"age_{bracket}": Field(
            "number", f"Employed people aged {label} ({_CPS11B.label}).", THOUSAND_PEOPLE
        )
        for bracket, label in {
            "16_19": "16 to 19",
            "20_24": "20 to 24",
            "25_34": "25 to 34",
            "35_44": "35 to 44",
            "45_54": "45 to 54",
            "55_64": "55 to 64",
            "65_over": "65 and over",
        }.items()
    },
    "median_age": Field("number", f"Median age of the employed ({_CPS11B.label}).", "years"),
    "table11b_note": _text(
        f"Why {_CPS11B.label} figures are blank (e.g. base below 50,000); null if shown."
    ),
    # gender_earnings (CPS Table 39)
    **{
        f"{who}_workers_thousands": Field(
            "number",
            f"{label} full-time wage and salary workers ({_CPS39}).",
            THOUSAND_PEOPLE,
        )
        for who, label in {"total": "All", "men": "Men", "women": "Women"}.items()
    },
    **{
        f"{who}_median_weekly": Field(
            "number",
            f"Median usual weekly earnings of {label} full-time wage and salary workers "
            f"({_CPS39}).",
            USD_WEEK,
        )
        for who, label in {"total": "all", "men": "men", "women": "women"}.items()
    },
    "women_to_men_earnings_pct": Field(
        "number", "Women's median weekly earnings as a share of men's.", PERCENT
    ),
    "table39_note": _text(f"Why {_CPS39} figures are blank; null if shown."),
    # field_of_degree
    "panel": _text("Worker group of the table panel (Total, Men, Women, race, nativity)."),
    "field": _text("Field of bachelor's degree."),
    "number": Field(
        "number", "Workers 25-64 with a bachelor's degree or higher in the field.", "people"
    ),
    "moe": Field("number", "90 percent margin of error of number.", "people"),
    "group_note": _text("Census note on the occupation group's composition; null if none."),
    # price_parities
    "state_fips": _text("State FIPS code, 2 digits (00 = United States)."),
    "state": _text("State name, as BEA writes it."),
    "year": Field("integer", "Reference year of the price parity."),
    "rpp_all_items": Field(
        "number", "All-items regional price parity.", "index, United States = 100"
    ),
}
"""Columns that mean the same in every table that has them."""

TABLE_FIELDS: dict[str, Field] = {
    "occupations.title": _text("Official OEWS title of the occupation."),
    "titles.title": _text("A title that resolves to the occupation."),
    "projections.title": _text("BLS Employment Projections title of the occupation."),
    "education_attainment.title": _text("BLS Employment Projections title of the occupation."),
    "entry_requirements.title": _text("BLS Employment Projections title of the occupation."),
    "separations.title": _text("BLS Employment Projections title of the occupation."),
    "projection_factors.title": _text("BLS Employment Projections title of the occupation."),
    "projection_factors.industry_code": _text(
        "National Employment Matrix industry code (NAICS-based; TE1000 = Total, all industries)."
    ),
    "ep_skills.title": _text("BLS Employment Projections title of the occupation."),
    "education_attainment.level": _text(
        "Highest level of education attained (BLS EP Table 5.3 category)."
    ),
    "onet_skills.level": Field("number", "Level of the skill needed, on O*NET's 0-7 scale."),
    "onet_skills.skill": _text(f"O*NET skill name ({_ONET})."),
    "ep_skills.skill": _text("BLS skill category (one of 17)."),
    "ep_skill_ranks.skill": _text("BLS skill category (one of 17)."),
    "all_occupations.figure": _text(
        "Which figure: named as the per-occupation column it compares with "
        "(annual_mean_wage, women_pct, ...)."
    ),
    "all_occupations.value": Field(
        "number", "The figure for all occupations together; its unit is the column's it names."
    ),
    "all_occupations.source": _text("Source id of the total row (catalog: oews, ep, cps11, ...)."),
    "all_occupations.source_row": _text(
        "The source's row the figure comes from (e.g. 'Total, all occupations')."
    ),
}
"""Columns whose meaning depends on the table, keyed ``"table.column"``."""


def field_for(table: str, column: str) -> Field | None:
    """Return the declaration of ``table.column``, or None when there is none."""
    return TABLE_FIELDS.get(f"{table}.{column}") or FIELDS.get(column)
