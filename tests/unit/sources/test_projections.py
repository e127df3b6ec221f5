"""Tests of the BLS Employment Projections parser (occupation, education, skills workbooks).

The unit tests feed the tidy functions a few rows copied verbatim from the
2024-34 workbooks (title row, header, data, footnotes); the real-file tests read
the official files and skip when the raw folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.sources import projections
from analysis.data.sources.catalog import SOURCE_TABLES
from analysis.data.sources.projections import (
    EDUCATION_LEVELS,
    EP_SKILLS,
    check_period,
    tidy_education_attainment,
    tidy_entry_requirements,
    tidy_ep_skills,
    tidy_projections,
    tidy_projections_total,
    tidy_skill_ranks,
)
from analysis.errors import RawFileMissingError, RawFormatError

NA = np.nan
DASH = "\u2014"
TITLE = "2024 National Employment Matrix title"
CODE = "2024 National Employment Matrix code"
REQUIREMENT_HEADERS = [
    "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
]
ACS_NOTE = (
    "This occupation is not an exact match with ACS; see "
    "https://www.bls.gov/emp/classifications-crosswalks/NEM-OccCode-ACS-Crosswalk.xlsx "
    "for details"
)
IMPUTED_NOTE = (
    "Skills information from similar O*NET-SOC occupation(s) imputed for this occupation. "
    "More information can be found in the following file: Crosswalk of O*NET-SOC "
    "occupations to National Employment Matrix occupations for skills mapping.xlsx."
)
WAGE_NOTE = (
    "[1] Data are from the Occupational Employment and Wage Statistics program, U.S. Bureau "
    "of Labor Statistics. Wage data cover non-farm wage and salary workers and do not cover "
    "the self-employed, owners and partners in unincorporated firms, or household workers."
)


def grid(rows: list[list[object]]) -> pd.DataFrame:
    """A sheet's cell grid as read_excel(header=None, keep_default_na=False) gives it."""
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


def text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame.astype({c: "str" for c in columns})


# --------------------------------------------------------------------------- Table 1.2

PROJECTION_HEADER = [
    TITLE,
    CODE,
    "Occupation type",
    "Employment, 2024",
    "Employment, 2034",
    "Employment distribution, percent, 2024",
    "Employment distribution, percent, 2034",
    "Employment change, numeric, 2024\u201334",
    "Employment change, percent, 2024\u201334",
    "Percent self employed, 2024",
    "Occupational openings, 2024\u201334 annual average",
    "Median annual wage, dollars, 2024[1]",
    *REQUIREMENT_HEADERS,
    "Related Occupational Outlook Handbook (OOH) content xlsx",
]
# Rows copied verbatim from the 2024-34 occupation.xlsx (indentation included).
# fmt: off
PROJECTION_ROWS = [
    ["Total, all occupations", "00-0000", "Summary", 169956.1, 175167.9, 100, 100, 5211.8, 3.1,
     5.8, 18863.3, 49500, DASH, DASH, DASH, DASH],
    ["      Legislators", "11-1031", "Line item", 27.7, 28.6, 0, 0, 0.9, 3.4, DASH, 2.2, 44810,
     "Bachelor's degree", "Less than 5 years", "None", DASH],
    ["      Buyers and purchasing agents", "13-1020", "Line item", 522.2, 552.3, 0.3, 0.3, 30.1,
     5.8, 4.7, 52.2, 75650, "Bachelor's degree", "None", "Moderate-term on-the-job training",
     "OOH Content"],
    ["        Actors", "27-2011", "Line item", 57, 57.1, 0, 0, 0.2, 0.3, 27.9, 6.3, DASH,
     "Some college, no degree", "None", "Long-term on-the-job training", "OOH Content"],
    ["        Orthodontists", "29-1023", "Line item", 5.9, 6.2, 0, 0, 0.3, 4.4, 12, 0.2,
     ">=$239,200", "Doctoral or professional degree", "None", "Internship/residency",
     "OOH Content"],
    ["    Information and record clerks", "43-4000", "Summary", 5511.6, 5304.2, 3.2, 3, -207.4,
     -3.8, 0.8, 653, 41600, DASH, DASH, DASH, DASH],
    ["      Customer service representatives", "43-4051", "Line item", 2814, 2660.3, 1.7, 1.5,
     -153.7, -5.5, 0.8, 341.7, 42830, "High school diploma or equivalent", "None",
     "Short-term on-the-job training", "OOH Content"],
    ["      Order clerks", "43-4151", "Line item", 89.5, 74.1, 0.1, 0, -15.4, -17.2, 5.5, 8,
     44660, "Some college, no degree", "None", "Short-term on-the-job training", "OOH Content"],
]
# fmt: on
PROJECTION_RAW = [
    [
        "Table 1.2 Occupational projections, 2024\u20132034, and worker characteristics, "
        "2024 (Employment in thousands)"
    ],
    PROJECTION_HEADER,
    *PROJECTION_ROWS,
    ["Footnotes:"],
    [WAGE_NOTE],
    ['Note: Data is unavailable for values denoted with a "\u2014".'],
    ["Source: Employment Projections program, U.S. Bureau of Labor Statistics"],
]


def test_tidy_projections_keeps_line_items_and_parses_values() -> None:
    expected = text(
        pd.DataFrame(
            {
                "soc": ["11-1031", "13-1020", "27-2011", "29-1023", "43-4051", "43-4151"],
                "title": [
                    "Legislators",
                    "Buyers and purchasing agents",
                    "Actors",
                    "Orthodontists",
                    "Customer service representatives",
                    "Order clerks",
                ],
                "occupation_type": ["Line item"] * 6,
                "employment_2024": [27.7, 522.2, 57.0, 5.9, 2814.0, 89.5],
                "employment_2034": [28.6, 552.3, 57.1, 6.2, 2660.3, 74.1],
                "employment_change_2024_2034": [0.9, 30.1, 0.2, 0.3, -153.7, -15.4],
                "employment_change_pct_2024_2034": [3.4, 5.8, 0.3, 4.4, -5.5, -17.2],
                "self_employed_pct_2024": [NA, 4.7, 27.9, 12.0, 0.8, 5.5],
                "annual_openings": [2.2, 52.2, 6.3, 0.2, 341.7, 8.0],
                "median_annual_wage_2024": [44810.0, 75650.0, NA, NA, 42830.0, 44660.0],
                "wage_note": [NA, NA, NA, ">=$239,200", NA, NA],
                "typical_entry_education": [
                    "Bachelor's degree",
                    "Bachelor's degree",
                    "Some college, no degree",
                    "Doctoral or professional degree",
                    "High school diploma or equivalent",
                    "Some college, no degree",
                ],
                "work_experience": ["Less than 5 years", "None", "None", "None", "None", "None"],
                "typical_ojt": [
                    "None",
                    "Moderate-term on-the-job training",
                    "Long-term on-the-job training",
                    "Internship/residency",
                    "Short-term on-the-job training",
                    "Short-term on-the-job training",
                ],
                "footnote": [NA] * 6,
            }
        ),
        ["soc", "title", "occupation_type", "wage_note", "typical_entry_education"]
        + ["work_experience", "typical_ojt", "footnote"],
    )
    assert_frame_equal(tidy_projections(grid(PROJECTION_RAW)), expected)


def test_tidy_projections_rejects_text_in_a_numeric_column() -> None:
    rows = [list(r) for r in PROJECTION_RAW]
    rows[3][3] = "about 28"
    with pytest.raises(RawFormatError, match="Employment, 2024.*about 28"):
        tidy_projections(grid(rows), source="occupation.xlsx (sheet 'Table 1.2')")


def test_tidy_projections_header_found_below_extra_title_rows() -> None:
    rows = [["An extra banner row"], [""], *PROJECTION_RAW]
    assert len(tidy_projections(grid(rows))) == 6


def test_tidy_projections_without_header_names_the_expected_cells() -> None:
    rows = [PROJECTION_RAW[0], *PROJECTION_RAW[2:]]
    with pytest.raises(RawFormatError, match="National Employment Matrix code") as err:
        tidy_projections(grid(rows), source="occupation.xlsx (sheet 'Table 1.2')")
    assert "occupation.xlsx (sheet 'Table 1.2')" in str(err.value)
    assert "Occupation type" in str(err.value)


def test_tidy_projections_missing_column_is_named() -> None:
    rows = [[c for i, c in enumerate(r) if i != 11] for r in PROJECTION_RAW]
    with pytest.raises(RawFormatError, match="Median annual wage, dollars, 2024"):
        tidy_projections(grid(rows))


def test_tidy_projections_total_reads_the_all_occupations_row() -> None:
    total = tidy_projections_total(grid(PROJECTION_RAW))
    assert total.name == "Total, all occupations"
    assert total.to_dict() == {
        "employment_2024": 169956.1,
        "employment_2034": 175167.9,
        "employment_change_2024_2034": 5211.8,
        "employment_change_pct_2024_2034": 3.1,
        "self_employed_pct_2024": 5.8,
        "annual_openings": 18863.3,
        "median_annual_wage_2024": 49500.0,
    }


def test_tidy_projections_total_requires_exactly_one_total_row() -> None:
    rows = [r for r in PROJECTION_RAW if not (len(r) > 1 and r[1] == "00-0000")]
    with pytest.raises(RawFormatError, match="expected one 'Total, all occupations'.*found 0"):
        tidy_projections_total(grid(rows), source="occupation.xlsx (sheet 'Table 1.2')")


# --------------------------------------------------------------------------- Table 5.3

ATTAINMENT_RAW = [
    [
        "Table 5.3 Educational attainment for workers 25 years and older by detailed "
        "occupation, 2022\u201323 (Percent)"
    ],
    [TITLE, CODE, *EDUCATION_LEVELS],
    ["Total, all occupations", "00-0000", 7.4, 22.5, 18.6, 9.5, 25.2, 11.9, 4.9],
    ["Customer service representatives", "43-4051", 3.9, 26.2, 29.2, 12.4, 23.2, 4.4, 0.7],
    ["Order clerks[1]", "43-4151", 7.3, 31.3, 26.3, 12.3, 19.7, 2.9, 0.3],
    ["Footnotes:"],
    [
        "[1] This occupation is not an exact match with ACS; see "
        "https://www.bls.gov/emp/classifications-crosswalks/NEM-OccCode-ACS-Crosswalk.xlsx "
        "for details"
    ],
    [
        "Data Source: 2022 and 2023 American Community Survey Public Use Microdata, "
        "U.S. Department of Commerce, U.S. Census Bureau"
    ],
]


def test_tidy_education_attainment_is_long_and_strips_footnotes() -> None:
    expected = text(
        pd.DataFrame(
            {
                "soc": ["43-4051"] * 7 + ["43-4151"] * 7,
                "title": ["Customer service representatives"] * 7 + ["Order clerks"] * 7,
                "level": EDUCATION_LEVELS * 2,
                "level_order": list(range(1, 8)) * 2,
                "share_pct": [3.9, 26.2, 29.2, 12.4, 23.2, 4.4, 0.7]
                + [7.3, 31.3, 26.3, 12.3, 19.7, 2.9, 0.3],
                "footnote": [NA] * 7 + [ACS_NOTE] * 7,
            }
        ),
        ["soc", "title", "level", "footnote"],
    )
    assert_frame_equal(tidy_education_attainment(grid(ATTAINMENT_RAW)), expected)


def test_tidy_education_attainment_header_labels_with_breaks_and_marks() -> None:
    rows = [list(r) for r in ATTAINMENT_RAW]
    rows[1][2] = "Less than high\nschool diploma[2]"
    tidy = tidy_education_attainment(grid(rows))
    assert tidy["level"].iloc[0] == "Less than high school diploma"


def test_tidy_education_attainment_footnote_marker_kept_when_note_absent() -> None:
    tidy = tidy_education_attainment(grid(ATTAINMENT_RAW[:5]))
    assert tidy.loc[tidy["soc"] == "43-4151", "footnote"].unique().tolist() == ["[1]"]


def test_tidy_education_attainment_rejects_shares_not_summing_to_100() -> None:
    rows = [list(r) for r in ATTAINMENT_RAW]
    rows[3][2] = 13.9
    with pytest.raises(RawFormatError, match="43-4051"):
        tidy_education_attainment(grid(rows))


# --------------------------------------------------------------------------- Table 5.4

REQUIREMENTS_RAW = [
    ["Table 5.4 Education and training assignments by detailed occupation, 2024"],
    [TITLE, CODE, *REQUIREMENT_HEADERS, "Related Occupational Outlook Handbook (OOH) content"],
    ["Legislators", "11-1031", "Bachelor's degree", "Less than 5 years", "None", DASH],
    [
        "Customer service representatives",
        "43-4051",
        "High school diploma or equivalent",
        "None",
        "Short-term on-the-job training",
        "OOH Content",
    ],
    [
        "Order clerks",
        "43-4151",
        "Some college, no degree",
        "None",
        "Short-term on-the-job training",
        "OOH Content",
    ],
    ["Source: Employment Projections program, U.S. Bureau of Labor Statistics"],
]


def test_tidy_entry_requirements_keeps_none_as_a_category() -> None:
    expected = text(
        pd.DataFrame(
            {
                "soc": ["11-1031", "43-4051", "43-4151"],
                "title": ["Legislators", "Customer service representatives", "Order clerks"],
                "typical_entry_education": [
                    "Bachelor's degree",
                    "High school diploma or equivalent",
                    "Some college, no degree",
                ],
                "work_experience": ["Less than 5 years", "None", "None"],
                "typical_ojt": [
                    "None",
                    "Short-term on-the-job training",
                    "Short-term on-the-job training",
                ],
                "footnote": [NA] * 3,
            }
        ),
        ["soc", "title", "typical_entry_education", "work_experience", "typical_ojt"]
        + ["footnote"],
    )
    assert_frame_equal(tidy_entry_requirements(grid(REQUIREMENTS_RAW)), expected)


def test_tidy_entry_requirements_dashes_are_nan() -> None:
    rows = [list(r) for r in REQUIREMENTS_RAW]
    rows[2][3] = "\u2013"
    rows[3][3] = " n/a "
    rows[4][3] = ""
    assert tidy_entry_requirements(grid(rows))["work_experience"].isna().all()


# --------------------------------------------------------------------------- Table 6.2

# fmt: off
SKILLS_ROWS = [
    ["Total, all occupations", "00-0000", 169956.1, 175167.9, 5211.8, 3.1, 5.8, 18863.3, 49500,
     DASH, "Adaptability", "Detail oriented", "Interpersonal", DASH],
    ["  Legislators[2]", "11-1031", 27.7, 28.6, 0.9, 3.4, DASH, 2.2, 44810, "Bachelor's degree",
     "Problem solving and decision making", "Leadership", "Adaptability", DASH],
    ["  Customer service representatives", "43-4051", 2814, 2660.3, -153.7, -5.5, 0.8, 341.7,
     42830, "High school diploma or equivalent", "Adaptability", "Customer service",
     "Detail oriented", "OOH Content"],
    ["  Order clerks", "43-4151", 89.5, 74.1, -15.4, -17.2, 5.5, 8, 44660,
     "Some college, no degree", "Adaptability", "Computers and information technology",
     "Interpersonal", "OOH Content"],
]
# fmt: on
SKILLS_RAW = [
    [
        "Table 6.2 Top skills by detailed occupation and 2024\u201334 employment projections "
        "(Employment in thousands)"
    ],
    [
        TITLE,
        CODE,
        "Employment, 2024",
        "Employment, 2034",
        "Employment change, numeric, 2024\u201334",
        "Employment change, percent, 2024\u201334",
        "Percent self employed, 2024",
        "Occupational openings, 2024\u201334 annual average",
        "Median annual wage, dollars, 2024[1]",
        "Typical education needed for entry",
        "Top highest skill",
        "Second highest skill",
        "Third highest skill",
        "Related Occupational Outlook Handbook (OOH) content",
    ],
    *SKILLS_ROWS,
    ["Footnotes:"],
    [WAGE_NOTE],
    [
        "[2] Skills information from similar O*NET-SOC occupation(s) imputed for this "
        "occupation. More information can be found in the following file: Crosswalk of "
        "O*NET-SOC occupations to National Employment Matrix occupations for skills "
        "mapping.xlsx."
    ],
]


def test_tidy_ep_skills_is_long_with_ranks() -> None:
    expected = text(
        pd.DataFrame(
            {
                "soc": ["11-1031"] * 3 + ["43-4051"] * 3 + ["43-4151"] * 3,
                "title": ["Legislators"] * 3
                + ["Customer service representatives"] * 3
                + ["Order clerks"] * 3,
                "rank": [1, 2, 3] * 3,
                "skill": [
                    "Problem solving and decision making",
                    "Leadership",
                    "Adaptability",
                    "Adaptability",
                    "Customer service",
                    "Detail oriented",
                    "Adaptability",
                    "Computers and information technology",
                    "Interpersonal",
                ],
                "footnote": [IMPUTED_NOTE] * 3 + [NA] * 6,
            }
        ),
        ["soc", "title", "skill", "footnote"],
    )
    assert_frame_equal(tidy_ep_skills(grid(SKILLS_RAW)), expected)


# --------------------------------------------------------------------------- Table 6.5

# fmt: off
RANKS_RAW = [
    ["Table 6.5 Percentile rank of detailed occupations by skill, 2024"],
    [TITLE, CODE, *EP_SKILLS],
    ["Legislators[1]", "11-1031",
     89, 78, 94, 99, 94, 59, 15, 86, 100, 90, 32, 17, 100, 100, 54, 97, 95],
    ["Customer service representatives", "43-4051",
     84, 62, 31, 40, 97, 36, 42, 68, 55, 56, 21, 27, 28, 42, 11, 66, 54],
    ["Footnotes:"],
]
# fmt: on


def test_tidy_skill_ranks_is_long_over_17_skills() -> None:
    expected = text(
        pd.DataFrame(
            {
                "soc": ["11-1031"] * 17 + ["43-4051"] * 17,
                "skill": EP_SKILLS * 2,
                "percentile_rank": [89, 78, 94, 99, 94, 59, 15, 86, 100, 90, 32, 17, 100, 100]
                + [54, 97, 95]
                + [84, 62, 31, 40, 97, 36, 42, 68, 55, 56, 21, 27, 28, 42, 11, 66, 54],
            }
        ).astype({"percentile_rank": "float64"}),
        ["soc", "skill"],
    )
    assert_frame_equal(tidy_skill_ranks(grid(RANKS_RAW)), expected)


# --------------------------------------------------------------------------- missing / wrong files


def test_missing_file_names_file_folder_and_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError) as err:
        projections.read_projections(raw_dir=tmp_path)
    message = str(err.value)
    assert "bls_ep/occupation.xlsx" in message
    assert str(tmp_path) in message
    assert "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx" in message


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_wrong_layout_names_file_and_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "bls_ep" / "occupation.xlsx"
    _workbook(
        path,
        {
            "Index": [["Occupation.xlsx contents"]],
            "Table 1.2": [["Some new title"], ["Title", "Code", "Jobs"], ["Chief executives"]],
        },
    )
    with pytest.raises(RawFormatError) as err:
        projections.read_projections(raw_dir=tmp_path)
    message = str(err.value)
    assert str(path) in message
    assert "Table 1.2" in message
    assert "National Employment Matrix code" in message
    assert "Employment, 2024" in message


def test_missing_sheet_names_file_and_sheet(tmp_path: Path) -> None:
    path = tmp_path / "bls_ep" / "skills.xlsx"
    _workbook(path, {"Index": [["Skills.xlsx contents"]]})
    with pytest.raises(RawFormatError, match="Table 6.5") as err:
        projections.read_skill_ranks(raw_dir=tmp_path)
    assert str(path) in str(err.value)


# --------------------------------------------------------------------------- real files


@pytest.fixture(scope="module")
def real_projections(raw_dir: Path) -> pd.DataFrame:
    return projections.read_projections(raw_dir).set_index("soc")


@pytest.fixture(scope="module")
def real_attainment(raw_dir: Path) -> pd.DataFrame:
    return projections.read_education_attainment(raw_dir)


@pytest.fixture(scope="module")
def real_requirements(raw_dir: Path) -> pd.DataFrame:
    return projections.read_entry_requirements(raw_dir).set_index("soc")


@pytest.fixture(scope="module")
def real_skills(raw_dir: Path) -> pd.DataFrame:
    return projections.read_ep_skills(raw_dir)


@pytest.fixture(scope="module")
def real_ranks(raw_dir: Path) -> pd.DataFrame:
    return projections.read_skill_ranks(raw_dir)


def test_real_projections_counts(real_projections: pd.DataFrame) -> None:
    assert len(real_projections) == 832
    assert real_projections.index.is_unique
    assert (real_projections["occupation_type"] == "Line item").all()
    # BLS publishes seven broad-group codes as line items; they must survive.
    assert "13-1020" in real_projections.index
    assert (real_projections["wage_note"] == ">=$239,200").sum() == 17


@pytest.mark.parametrize(
    ("soc", "title", "emp24", "emp34", "change", "pct", "wage", "education"),
    [
        (
            "43-4051",
            "Customer service representatives",
            2814.0,
            2660.3,
            -153.7,
            -5.5,
            42830.0,
            "High school diploma or equivalent",
        ),
        ("43-4151", "Order clerks", 89.5, 74.1, -15.4, -17.2, 44660.0, "Some college, no degree"),
    ],
)
def test_real_projections_figures(
    real_projections: pd.DataFrame,
    soc: str,
    title: str,
    emp24: float,
    emp34: float,
    change: float,
    pct: float,
    wage: float,
    education: str,
) -> None:
    row = real_projections.loc[soc]
    assert row["title"] == title
    assert row["employment_2024"] == emp24
    assert row["employment_2034"] == emp34
    assert row["employment_change_2024_2034"] == change
    assert row["employment_change_pct_2024_2034"] == pct
    assert row["median_annual_wage_2024"] == wage
    assert row["typical_entry_education"] == education
    assert row["work_experience"] == "None"
    assert row["typical_ojt"] == "Short-term on-the-job training"


def test_real_attainment_shares(real_attainment: pd.DataFrame) -> None:
    # 833 coded rows in the sheet: 832 occupations plus "Total, all occupations".
    assert real_attainment["soc"].nunique() == 832
    assert len(real_attainment) == 832 * 7
    shares = real_attainment.pivot(index="soc", columns="level_order", values="share_pct")
    assert shares.loc["43-4051"].tolist() == [3.9, 26.2, 29.2, 12.4, 23.2, 4.4, 0.7]
    assert shares.loc["43-4151"].tolist() == [7.3, 31.3, 26.3, 12.3, 19.7, 2.9, 0.3]
    assert ((shares.sum(axis=1) - 100).abs() <= 0.25).all()
    clerks = real_attainment[real_attainment["soc"] == "43-4151"].iloc[0]
    assert clerks["title"] == "Order clerks"
    assert clerks["footnote"].startswith("This occupation is not an exact match with ACS")
    assert real_attainment["level"].unique().tolist() == EDUCATION_LEVELS


def test_real_entry_requirements(
    real_requirements: pd.DataFrame, real_projections: pd.DataFrame
) -> None:
    assert len(real_requirements) == 832
    assert real_requirements.loc["43-4051", "typical_entry_education"] == (
        "High school diploma or equivalent"
    )
    assert real_requirements.loc["43-4151", "typical_entry_education"] == (
        "Some college, no degree"
    )
    columns = ["typical_entry_education", "work_experience", "typical_ojt"]
    assert_frame_equal(
        real_requirements[columns], real_projections.loc[real_requirements.index, columns]
    )


def test_real_ep_skills(real_skills: pd.DataFrame) -> None:
    assert len(real_skills) == 832 * 3
    top = real_skills.pivot(index="soc", columns="rank", values="skill")
    assert top.loc["43-4051"].tolist() == ["Adaptability", "Customer service", "Detail oriented"]
    assert top.loc["43-4151"].tolist() == [
        "Adaptability",
        "Computers and information technology",
        "Interpersonal",
    ]
    assert set(real_skills["skill"]) <= set(EP_SKILLS)


def test_real_skill_ranks(real_ranks: pd.DataFrame) -> None:
    assert len(real_ranks) == 832 * 17
    assert real_ranks["percentile_rank"].between(0, 100).all()
    csr = real_ranks[real_ranks["soc"] == "43-4051"].set_index("skill")["percentile_rank"]
    assert csr["Customer service"] == 97.0
    assert csr["Adaptability"] == 84.0


def test_real_tables_cover_the_same_occupations(
    real_projections: pd.DataFrame,
    real_attainment: pd.DataFrame,
    real_skills: pd.DataFrame,
    real_ranks: pd.DataFrame,
) -> None:
    socs = set(real_projections.index)
    assert set(real_attainment["soc"]) == socs
    assert set(real_skills["soc"]) == socs
    assert set(real_ranks["soc"]) == socs


# --------------------------------------------------------------------------- reference period


def test_check_period_accepts_the_catalog_period() -> None:
    table = SOURCE_TABLES["ep_attainment"]
    assert table.period == "2022-23" and "2022\u201323" in ATTAINMENT_RAW[0][0]
    assert check_period(grid(ATTAINMENT_RAW), table, "education.xlsx") is None


def test_check_period_rejects_other_acs_years() -> None:
    rows = [list(r) for r in ATTAINMENT_RAW]
    rows[0][0] = rows[0][0].replace("2022\u201323", "2023\u201324")
    with pytest.raises(RawFormatError, match="2022-23"):
        check_period(grid(rows), SOURCE_TABLES["ep_attainment"], "education.xlsx")


def test_check_period_rejects_another_data_source() -> None:
    rows = [r for r in ATTAINMENT_RAW if not str(r[0]).startswith("Data Source")]
    with pytest.raises(RawFormatError, match="American Community Survey"):
        check_period(grid(rows), SOURCE_TABLES["ep_attainment"], "education.xlsx")


def test_real_table_5_3_is_acs_2022_23(real_attainment: pd.DataFrame) -> None:
    # The title of the official sheet reads "..., 2022–23 (Percent)"; the parser checks it.
    assert len(real_attainment) == 832 * 7
    assert SOURCE_TABLES["ep_attainment"].label == "BLS EP Table 5.3 (ACS 2022-23)"
