"""Every column of the exported tables: Frictionless type, unit and description.

Columns that are the processed tables' own (``soc``, the OEWS wages and RSEs,
``women_pct``, ...) take their declaration from :mod:`analysis.data.fields`;
the rest are declared here. A pair column's unit is the unit of the figure it
differences (a difference of percent shares is in percentage points). A column
with no declaration stops the export, so a new column is described before it
ships.
"""

from __future__ import annotations

from analysis.data.fields import PERCENT, THOUSAND_JOBS, USD_WEEK, Field, field_for
from analysis.data.sources.catalog import SOURCES
from analysis.export.pairs import CPS_GAPS, PLAIN_GAPS, RSE_FLOOR, SE_GAPS
from analysis.occupations import ranks

_EP = SOURCES["ep"].label
_CPS11 = SOURCES["cps11"].label
_ONET = SOURCES["onet"].label
PERCENTAGE_POINTS = "percentage points"


def _text(description: str) -> Field:
    return Field("string", description)


OCCUPATION_FIELDS: dict[str, Field] = {
    "title": _text("Official OEWS title of the occupation."),
    "annual_mean_wage_rse": Field(
        "number",
        "Relative standard error of the annual mean wage: OEWS's wage RSE, where an annual "
        "mean is published (null for hourly-only occupations).",
        PERCENT,
    ),
    "employment_2024_thousands": Field("number", f"Employment in 2024 ({_EP}).", THOUSAND_JOBS),
    "employment_2034_thousands": Field(
        "number", f"Projected employment in 2034 ({_EP}).", THOUSAND_JOBS
    ),
    "annual_openings_thousands": Field(
        "number",
        f"Openings per year, annual average ({_EP}, growth and replacement).",
        "thousands of openings per year",
    ),
    "most_common_education": _text(
        "Education level with the largest share of workers 25+ (BLS EP Table 5.3; ties: the "
        "lower level)."
    ),
    "most_common_education_pct": Field(
        "number", "Share of workers 25+ at the most common education level.", PERCENT
    ),
    "total_median_weekly": Field(
        "number",
        "Median usual weekly earnings, full-time wage and salary workers "
        f"({SOURCES['cps39'].label}).",
        USD_WEEK,
    ),
    **{
        f"{key}_rank": Field(
            "integer",
            f"Rank of the occupation's {m.label} among the detailed occupations that have it "
            "(1 = highest; ties share the better rank); null where the figure is missing.",
        )
        for key, m in ranks.MEASURES.items()
    },
    "ep_attainment_group_row": Field(
        "boolean",
        "The education attainment shares are a group's row (EP Table 5.3 footnote 1, or "
        "identical to other occupations' shares); null: no Table 5.3 row.",
    ),
    "ep_attainment_footnote_1": Field(
        "boolean", "BLS EP Table 5.3 marks the row 'not an exact match with ACS' (footnote 1)."
    ),
    "ep_attainment_sharing_socs": _text(
        "Other SOC codes with exactly the same Table 5.3 shares, '; '-separated; null if none."
    ),
    "ep_attainment_note": _text("Plain-words note on the attainment row; null if it is its own."),
    "census_group_row": Field(
        "boolean",
        "The CPS figures describe a Census occupation that covers other SOC codes too.",
    ),
    "census_sharing_socs": _text(
        "Other SOC codes the same Census occupation covers, '; '-separated; null if none."
    ),
    "census_note": _text(
        "Plain-words note on the CPS row (a group, or no single Census occupation); null if none."
    ),
    "onet_code": _text("SOC-level O*NET-SOC code (XX-XXXX.00) of the occupation; null if none."),
    "onet_skills_code": _text(
        f"O*NET code whose skill ratings are used ({_ONET}); null: none used (see the note)."
    ),
    "onet_skills_note": _text(
        "Why no O*NET skill ratings are used (e.g. only narrower O*NET occupations are rated)."
    ),
    "onet_education_experience_code": _text(
        "O*NET code whose education and experience data are used; null: none used."
    ),
    "onet_education_experience_note": _text(
        "Why no O*NET education and experience data are used; null where they are."
    ),
}
"""Occupation columns that are not (or differ from) a processed table's column."""


def _unit(figure: str) -> str | None:
    declared = OCCUPATION_FIELDS.get(figure) or field_for("occupations", figure)
    if declared is None:
        return None
    return PERCENTAGE_POINTS if declared.unit == PERCENT else declared.unit


def _gap_fields(prefix: str) -> dict[str, Field]:
    unit = _unit(prefix)
    what = prefix.replace("_", " ")
    return {
        f"{prefix}_difference": Field("number", f"Difference a - b in {what}.", unit),
        f"{prefix}_difference_pct": Field(
            "number", f"Difference a - b in {what} as a percent of b.", PERCENT
        ),
        f"{prefix}_difference_pct_ci95_low": Field(
            "number",
            "Lower end of the 95 % interval of the percent difference, by the log ratio: "
            "exp(ln(a/b) - 1.96 sqrt((SE_a/a)^2 + (SE_b/b)^2)) - 1.",
            PERCENT,
        ),
        f"{prefix}_difference_pct_ci95_high": Field(
            "number", "Upper end of the 95 % interval of the percent difference.", PERCENT
        ),
        f"{prefix}_se": Field(
            "number",
            "Standard error of the difference, sqrt(SE_a^2 + SE_b^2), with SE = RSE/100 x "
            "estimate (OEWS); the two estimates are taken as independent.",
            unit,
        ),
        f"{prefix}_z": Field("number", "z = difference / SE.", None),
        f"{prefix}_ci95_low": Field(
            "number", "Lower end of the 95 % interval: difference - 1.96 SE.", unit
        ),
        f"{prefix}_ci95_high": Field(
            "number", "Upper end of the 95 % interval: difference + 1.96 SE.", unit
        ),
        f"{prefix}_significant": Field(
            "boolean", "The difference is statistically significant at 95 % (|z| >= 1.96)."
        ),
        f"{prefix}_reason": _text(
            f"Why the {what} difference (or its SE) is null; null where it is given."
        ),
        f"{prefix}_difference_pct_reason": _text(
            "Why the percent difference's interval is null; null where it is given."
        ),
        f"{prefix}_note": _text(
            f"Set where OEWS publishes an RSE of 0.0 (below 0.05 %) for a side: the SE is "
            f"computed with {RSE_FLOOR} %, the conservative end."
        ),
    }


def _plain_fields(prefix: str, survey: bool) -> dict[str, Field]:
    what = prefix.replace("_", " ")
    kind = (
        f" Survey estimates ({_CPS11} and related CPS tables), no published SE: no significance."
        if survey
        else " No published SE: no significance claim."
    )
    return {
        f"{prefix}_difference": Field(
            "number", f"Difference a - b in {what}.{kind}", _unit(prefix)
        ),
        f"{prefix}_reason": _text(f"Why the {what} difference is null; null where it is given."),
    }


PAIR_FIELDS: dict[str, Field] = {
    "soc_a": _text("SOC code of occupation a (soc_a < soc_b)."),
    "soc_b": _text("SOC code of occupation b."),
    "title_a": _text("OEWS title of occupation a."),
    "title_b": _text("OEWS title of occupation b."),
    **{k: v for p in SE_GAPS for k, v in _gap_fields(p).items()},
    **{k: v for p in PLAIN_GAPS for k, v in _plain_fields(p, survey=False).items()},
    **{k: v for p in CPS_GAPS for k, v in _plain_fields(p, survey=True).items()},
    "education_dissimilarity": Field(
        "number",
        "Dissimilarity index D = 1/2 sum |p_i - q_i| of the two education attainment "
        "distributions (BLS EP Table 5.3, 7 levels): 0 identical, 1 no overlap.",
    ),
    "education_dissimilarity_reason": _text("Why education_dissimilarity is null."),
    "race_dissimilarity": Field(
        "number",
        f"Dissimilarity index D of the race compositions (White, Black, Asian, other races; "
        f"{_CPS11}, survey estimates): 0 identical, 1 no overlap.",
    ),
    "race_dissimilarity_reason": _text("Why race_dissimilarity is null."),
    "skill_similarity": Field(
        "number",
        "Pearson correlation of the two occupations' O*NET skill importance and level "
        "(35 skills each), standardised per skill across occupations: 1 identical, about 0 "
        "for a typical pair (analysis.occupations.similarity).",
    ),
    "skill_similarity_reason": _text("Why skill_similarity is null."),
    "neighbour_rank": Field(
        "integer",
        "How near by skills: 1 = one of the two is the other's most similar occupation, "
        "2 = second most similar, ...; null where skill_similarity is.",
    ),
    "shared_ep_row": Field(
        "boolean",
        "Both occupations' attainment shares are one published EP Table 5.3 row: no "
        "education difference can be given.",
    ),
    "shared_census_row": Field(
        "boolean",
        "Both occupations' CPS figures are one Census occupation: no CPS difference can be given.",
    ),
    "same_major_group": Field("boolean", "Both occupations are in the same SOC major group."),
}
"""Every column of the pairs table."""


def occupation_field(column: str) -> Field | None:
    """The declaration of an occupations column (this module's first, then the data's)."""
    return OCCUPATION_FIELDS.get(column) or field_for("occupations", column)


def pair_field(column: str) -> Field | None:
    """The declaration of a pairs column."""
    return PAIR_FIELDS.get(column)
