"""Tests of the ACS 2019 field-of-degree table parser and the SOC -> occupation-group rules.

Unit tests feed rows copied from the official workbook (three of its fifteen
fields, values as Excel stores them); real-file tests read the official file and
skip when the raw folder is absent. The rule table is project data, so it is
always tested.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import config
from analysis.data.sources.acs_degree import (
    map_soc_to_group,
    read_degree_group_mapping,
    read_field_of_degree,
    tidy_degree_group_mapping,
    tidy_field_of_degree,
)
from analysis.errors import RawFileMissingError, RawFormatError

NA = np.nan
RELPATH = "census_acs/field_of_degree_2019/table1.xlsx"
URL = "https://www2.census.gov/programs-surveys/demo/tables/industry-occupation/2019/table1.xlsx"
MAPPING_FILE = config.MAPPINGS_DIR / "soc_to_degree_group.csv"
FIELDS = ["Computers, mathematics, and statistics", "Engineering", "Business"]
HEALTH_NOTE = "Includes Occupational health and safety specialists and technicians."
MANAGER_NOTE = "Includes healthcare managers."

SHEET_ROWS: list[list[object]] = [
    [
        "Table with row headers in column A, and column headers in rows 7  through 203. "
        "Leading dots indicate subparts. "
    ],
    ["Table 1 - Occupation by Field of Bachelor's Degree -- All Education Levels: 2019"],
    ["Civilian employed aged 25 to 64 with a bachelor's degree or higher level of education"],
    ["Field of Degree2", FIELDS[0], NA, FIELDS[1], NA, FIELDS[2], NA],
    ["Total"],
    [".Occupation", "Number", "MOE1", "Number", "MOE", "Number", "MOE"],
    ["..Health care3", 54450, 4880, 87560, 4946, 253300, 8657],
    ["..Managers (non-STEM)4", 296900, 8822, 665400, 15149.999999999998, 2632000, 30790],
    ["..Office support", 114399.99999999999, 5922, 101000, 5943, 1046000, 18820],
    ["Men"],
    [".Occupation", "Number", "MOE", "Number", "MOE", "Number", "MOE"],
    ["..Office support", 53130, 4289, 64589.99999999999, 4884, 334400, 11620],
    [
        "2Field of Degree corresponds to the bachelor\u2019s degree major, or first-listed major "
        "among double-majors, for respondents aged 25 to 64 who have completed a bachelor\u2019s "
        "or higher degree"
    ],
    ["3" + HEALTH_NOTE],
    ["4" + MANAGER_NOTE],
    ["Source: U.S. Census Bureau, 2019 1-year American Community Survey."],
]


def sheet(rows: list[list[object]]) -> pd.DataFrame:
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [NA] * (width - len(r)) for r in rows], dtype=object)


@pytest.fixture(scope="module")
def real_table(raw_dir: Path) -> pd.DataFrame:
    return read_field_of_degree(raw_dir)


# --------------------------------------------------------------------------- table


def test_tidy_field_of_degree_long_form_with_cleaned_labels() -> None:
    groups = [
        ("Total", "Health care", [54450, 4880, 87560, 4946, 253300, 8657], HEALTH_NOTE),
        (
            "Total",
            "Managers (non-STEM)",
            [296900, 8822, 665400, 15150, 2632000, 30790],
            MANAGER_NOTE,
        ),
        ("Total", "Office support", [114400, 5922, 101000, 5943, 1046000, 18820], NA),
        ("Men", "Office support", [53130, 4289, 64590, 4884, 334400, 11620], NA),
    ]
    rows = [
        (panel, group, field, float(values[2 * i]), float(values[2 * i + 1]), note)
        for panel, group, values, note in groups
        for i, field in enumerate(FIELDS)
    ]
    expected = pd.DataFrame(
        rows, columns=["panel", "occupation_group", "field", "number", "moe", "group_note"]
    )
    assert_frame_equal(tidy_field_of_degree(sheet(SHEET_ROWS)), expected)


def test_tidy_field_of_degree_checks_number_and_moe_subheaders() -> None:
    rows = [list(r) for r in SHEET_ROWS]
    rows[5] = [".Occupation", "Number", "Percent", "Number", "MOE", "Number", "MOE"]
    with pytest.raises(RawFormatError, match="MOE"):
        tidy_field_of_degree(sheet(rows), source="table1.xlsx")


def test_tidy_field_of_degree_without_field_header() -> None:
    rows = [list(r) for r in SHEET_ROWS]
    rows[3][0] = "Major"
    with pytest.raises(RawFormatError, match="Field of Degree"):
        tidy_field_of_degree(sheet(rows))


def test_blank_and_dash_cells_stay_missing() -> None:
    rows = [list(r) for r in SHEET_ROWS]
    rows[8] = ["..Office support", "-", NA, 101000, 5943, 1046000, 18820]
    out = tidy_field_of_degree(sheet(rows))
    office = out[(out["panel"] == "Total") & (out["occupation_group"] == "Office support")]
    assert office[["number", "moe"]].iloc[0].isna().all()


# --------------------------------------------------------------------------- SOC rules

RULES = pd.DataFrame(
    {
        "soc_prefix": ["11-", "11-3021", "11-9111", "43-", "15-1"],
        "occupation_group": [
            "Managers (non-STEM)",
            "",
            "Managers (non-STEM)",
            "Office support",
            "Computer workers",
        ],
        "rule_note": ["SOC 11", "STEM manager", "footnote 4", "SOC 43", "SOC 15-1200"],
    }
)


def test_tidy_degree_group_mapping_orders_by_specificity() -> None:
    expected = pd.DataFrame(
        {
            "soc_prefix": ["11-3021", "11-9111", "15-1", "11-", "43-"],
            "occupation_group": [
                NA,
                "Managers (non-STEM)",
                "Computer workers",
                "Managers (non-STEM)",
                "Office support",
            ],
            "rule_note": ["STEM manager", "footnote 4", "SOC 15-1200", "SOC 11", "SOC 43"],
        }
    )
    assert_frame_equal(tidy_degree_group_mapping(RULES), expected)


@pytest.mark.parametrize(
    ("soc", "group"),
    [
        ("43-4051", "Office support"),
        ("15-1252", "Computer workers"),
        ("11-1021", "Managers (non-STEM)"),
        ("11-9111", "Managers (non-STEM)"),
        ("11-3021", None),  # a rule with no group keeps the code out
        ("53-3032", None),  # no rule at all
    ],
)
def test_map_soc_to_group_most_specific_prefix_wins(soc: str, group: str | None) -> None:
    assert map_soc_to_group(soc, tidy_degree_group_mapping(RULES)) == group


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (RULES.drop(columns="rule_note"), "rule_note"),
        (RULES.assign(soc_prefix=["11", "11-3021", "11-9111", "43-", "15-1"]), "malformed"),
        (RULES.assign(soc_prefix=["11-", "11-", "11-9111", "43-", "15-1"]), "more than once"),
    ],
)
def test_tidy_degree_group_mapping_rejects_bad_rules(rules: pd.DataFrame, message: str) -> None:
    with pytest.raises(RawFormatError, match=message):
        tidy_degree_group_mapping(rules, source="rules.csv")


@pytest.mark.parametrize(
    ("soc", "group"),
    [
        ("43-4051", "Office support"),  # Customer service representatives
        ("43-4151", "Office support"),  # Order clerks
        ("15-1252", "Computer workers"),  # Software developers
        ("15-2051", "Mathematicians and statisticians"),  # Data scientists
        ("29-1141", "Health care"),  # Registered nurses
        ("19-5011", "Health care"),  # Occupational health and safety specialists (footnote 3)
        ("11-9111", "Managers (non-STEM)"),  # Medical and health services managers (footnote 4)
        ("11-1021", "Managers (non-STEM)"),
        ("11-3021", None),  # Computer and information systems managers: STEM manager
        ("17-2051", "Engineers"),
        ("17-3011", None),  # Drafters: not engineers
        ("17-1011", "Architects"),
        ("19-1042", "Life scientists"),
        ("19-2031", "Physical scientists"),
        ("19-3032", "Social scientists"),
        ("13-2011", "Business and financial"),
        ("21-1021", "Social services"),
        ("23-1011", "Legal"),
        ("25-2021", "Education"),
        ("27-1024", "Arts and entertainment"),
        ("31-1131", "Service"),
        ("35-2014", "Service"),
        ("41-2031", "Sales"),
        ("41-9031", None),  # Sales engineers: STEM
        ("45-2092", "Agriculture"),
        ("47-2061", "Construction"),
        ("49-3023", None),  # Installation, maintenance, repair: no group named
        ("51-4121", "Production"),
        ("53-3032", None),  # Heavy truck drivers: no group named
    ],
)
def test_project_mapping_file(soc: str, group: str | None) -> None:
    assert map_soc_to_group(soc, read_degree_group_mapping(MAPPING_FILE)) == group


def test_project_mapping_groups_are_table_groups(real_table: pd.DataFrame) -> None:
    groups = set(read_degree_group_mapping(MAPPING_FILE)["occupation_group"].dropna())
    assert groups <= set(real_table["occupation_group"])
    assert len(set(real_table["occupation_group"]) - groups) == 0


# --------------------------------------------------------------------------- real file


def test_read_field_of_degree_real_file(real_table: pd.DataFrame) -> None:
    assert real_table.shape == (3000, 6)
    assert real_table["panel"].nunique() == 10
    assert real_table["occupation_group"].nunique() == 20
    assert real_table["field"].nunique() == 15
    assert real_table[["number", "moe"]].notna().all().all()
    assert {"Health care", "Managers (non-STEM)", "Office support"} <= set(
        real_table["occupation_group"]
    )
    assert "White, not Hispanic" in set(real_table["panel"])
    office = real_table[
        (real_table["panel"] == "Total") & (real_table["occupation_group"] == "Office support")
    ].set_index("field")
    assert office["number"].idxmax() == "Business"
    assert office.loc["Business", "number"] == 1_046_000
    assert office.loc["Business", "moe"] == 18_820
    assert office.loc["Social sciences", "number"] == 282_800
    assert office.loc["Other (e.g., criminal justice, social work)", "number"] == 277_700
    assert office["number"].sum() == pytest.approx(3_415_070)


# --------------------------------------------------------------------------- failures


def test_read_field_of_degree_missing_file_names_file_folder_and_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError) as err:
        read_field_of_degree(tmp_path)
    message = str(err.value)
    assert RELPATH in message
    assert str(tmp_path) in message
    assert URL in message


def test_read_field_of_degree_wrong_layout(tmp_path: Path) -> None:
    path = tmp_path / RELPATH
    path.parent.mkdir(parents=True)
    book = openpyxl.Workbook()
    book.active.append(["Occupation", "Business", "Engineering"])
    book.active.append(["Office support", 1046000, 101000])
    book.save(path)
    with pytest.raises(RawFormatError, match="Field of Degree"):
        read_field_of_degree(tmp_path)
