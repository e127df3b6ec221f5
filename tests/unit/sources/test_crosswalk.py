"""Tests of the Census 2018 occupation code list parser and its expansion to SOC codes.

Unit tests feed rows copied from the official workbook (sheet '2018 Census Occ
Code List'); real-file tests read it and skip when the raw folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.sources.crosswalk import (
    census_parts,
    crosswalk_issues,
    expand_to_soc,
    read_crosswalk,
    tidy_crosswalk,
)
from analysis.errors import RawFileMissingError, RawFormatError

NA = np.nan
RELPATH = "census_crosswalk/2018-occupation-code-list-and-crosswalk.xlsx"
URL = (
    "https://www2.census.gov/programs-surveys/demo/guidance/industry-occupation/"
    "2018-occupation-code-list-and-crosswalk.xlsx"
)

# Verbatim rows of the sheet (column A holds only major-group labels).
SHEET_ROWS: list[list[object]] = [
    [NA, "U.S. Census Bureau", NA, NA],
    [NA, "2018 Census Occupation Code List", NA, NA],
    [NA, NA, NA, NA],
    [NA, "last updated: September 26, 2019", NA, NA],
    [NA, "2018 Census Title", "2018 Census Code", "2018 SOC Code"],
    [NA, NA, NA, NA],
    [
        NA,
        "The 2018 census occupation classification list has 570 codes including 4 military codes.",
        NA,
        NA,
    ],
    [NA, NA, NA, NA],
    [
        "Management,  Business, Science, and Arts Occupations:",
        NA,
        "0010-3550",
        "11-0000 - 29-0000",
    ],
    [NA, "Management Occupations:", "0010-0440", "11-0000"],
    [NA, "Chief executives", "0010", "11-1011"],
    [NA, "Public relations and fundraising managers", "0060", "11-2030"],
    [NA, "Other financial specialists", "0960", "13-20XX"],
    [NA, "Environmental  science and geoscience technicians", "1935", "19-4040"],
    [NA, "Customer service representatives", "5240", "43-4051"],
    [NA, "Order clerks", "5350", "43-4151"],
    [NA, "Military, rank not Specified", "9830", "none"],
]


def sheet(rows: list[list[object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=object)


def crosswalk(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["census_code", "census_title", "soc_pattern"])


# --------------------------------------------------------------------------- tidy_crosswalk


def test_tidy_crosswalk_keeps_coded_rows_and_patterns_as_written() -> None:
    expected = crosswalk(
        [
            ("0010", "Chief executives", "11-1011"),
            ("0060", "Public relations and fundraising managers", "11-2030"),
            ("0960", "Other financial specialists", "13-20XX"),
            ("1935", "Environmental science and geoscience technicians", "19-4040"),
            ("5240", "Customer service representatives", "43-4051"),
            ("5350", "Order clerks", "43-4151"),
            ("9830", "Military, rank not Specified", "none"),
        ]
    )
    assert_frame_equal(tidy_crosswalk(sheet(SHEET_ROWS)), expected)


def test_tidy_crosswalk_pads_codes_stored_as_numbers() -> None:
    rows = [
        [NA, "2018 Census Title", "2018 Census Code", "2018 SOC Code"],
        [NA, "Chief executives", 10, "11-1011"],
    ]
    assert tidy_crosswalk(sheet(rows))["census_code"].tolist() == ["0010"]


def test_tidy_crosswalk_without_header_names_the_labels() -> None:
    rows = [[NA, "Title", "Code", "SOC"], [NA, "Chief executives", "0010", "11-1011"]]
    with pytest.raises(RawFormatError, match="2018 Census Title"):
        tidy_crosswalk(sheet(rows), source="book.xlsx")


def test_tidy_crosswalk_rejects_repeated_codes() -> None:
    rows = [*SHEET_ROWS, [NA, "Order clerks again", "5350", "43-4151"]]
    with pytest.raises(RawFormatError, match="5350"):
        tidy_crosswalk(sheet(rows))


# --------------------------------------------------------------------------- expand_to_soc

SMALL_CROSSWALK = crosswalk(
    [
        ("0510", "Buyers and purchasing agents, farm products", "13-1021"),
        ("0520", "Wholesale and retail buyers, except farm products", "13-1022"),
        ("0800", "Accountants and auditors", "13-2011"),
        ("0960", "Other financial specialists", "13-20XX"),
        ("1050", "Computer support specialists", "15-1230"),
        ("1065", "Database administrators and architects", "15-124X"),
        ("1105", "Network and computer systems administrators", "15-1244"),
        ("1106", "Computer network architects", "15-1241"),
        ("5240", "Customer service representatives", "43-4051"),
        ("5350", "Order clerks", "43-4151"),
        ("9830", "Military, rank not Specified", "none"),
    ]
)
SOCS = [
    "43-4051",
    "43-4151",
    "15-1231",
    "15-1232",
    "15-1241",
    "15-1242",
    "15-1243",
    "15-1244",
    "13-2011",
    "13-2054",
    "13-2099",
    "13-1020",
    "434051",  # same code written without the hyphen: counted once
    "not a code",
]


def test_expand_to_soc_most_specific_pattern_wins() -> None:
    names = dict(zip(SMALL_CROSSWALK["census_code"], SMALL_CROSSWALK["census_title"], strict=True))
    rows = [
        ("13-2011", "0800", "13-2011", 1),
        ("13-2054", "0960", "13-20XX", 2),
        ("13-2099", "0960", "13-20XX", 2),
        ("15-1231", "1050", "15-1230", 2),
        ("15-1232", "1050", "15-1230", 2),
        ("15-1241", "1106", "15-1241", 1),
        ("15-1242", "1065", "15-124X", 2),
        ("15-1243", "1065", "15-124X", 2),
        ("15-1244", "1105", "15-1244", 1),
        ("43-4051", "5240", "43-4051", 1),
        ("43-4151", "5350", "43-4151", 1),
    ]
    expected = pd.DataFrame(
        {
            "soc": [r[0] for r in rows],
            "census_code": [r[1] for r in rows],
            "census_title": [names[r[1]] for r in rows],
            "soc_pattern": [r[2] for r in rows],
            "socs_sharing_census_code": [r[3] for r in rows],
        }
    )
    assert_frame_equal(expand_to_soc(SMALL_CROSSWALK, SOCS), expected)


def test_crosswalk_issues_reports_aggregates_junk_and_unused_codes() -> None:
    expected = pd.DataFrame(
        {
            "soc": ["13-1020", "not a code", None],
            "census_code": [None, None, "0520"],
            "issue": [
                "no Census code covers this SOC code; it is an aggregate split over Census "
                "codes 0510 (13-1021), 0520 (13-1022)",
                "not a SOC code",
                "no given SOC code matches pattern 13-1022 "
                "(Wholesale and retail buyers, except farm products)",
            ],
        }
    )
    # 13-1021 takes 0510, so 0520 is the one Census code no given SOC code reaches.
    issues = crosswalk_issues(SMALL_CROSSWALK, [*SOCS, "13-1021"])
    assert_frame_equal(issues, expected, check_dtype=False)


def test_expand_to_soc_leaves_out_equally_specific_ties() -> None:
    tied = crosswalk([("0001", "A", "11-101X"), ("0002", "B", "11-1010")])
    assert expand_to_soc(tied, ["11-1011"]).empty
    issue = crosswalk_issues(tied, ["11-1011"]).iloc[0]
    assert issue["soc"] == "11-1011"
    assert "0001 (11-101X), 0002 (11-1010)" in issue["issue"]


# --------------------------------------------------------------------------- real file


def test_read_crosswalk_real_file(raw_dir: Path) -> None:
    frame = read_crosswalk(raw_dir)
    assert len(frame) == 570
    assert frame["census_code"].is_unique
    by_code = frame.set_index("census_code")
    assert by_code.loc["5240", "census_title"] == "Customer service representatives"
    assert by_code.loc["5240", "soc_pattern"] == "43-4051"
    assert by_code.loc["5350", "census_title"] == "Order clerks"
    assert by_code.loc["5350", "soc_pattern"] == "43-4151"
    assert by_code.loc["0960", "soc_pattern"] == "13-20XX"
    assert by_code.loc["1065", "soc_pattern"] == "15-124X"


def test_expand_to_soc_real_file(raw_dir: Path) -> None:
    frame = read_crosswalk(raw_dir)
    socs = ["43-4051", "43-4151", "15-1242", "15-1243", "25-1011", "25-1022", "21-1018"]
    out = expand_to_soc(frame, socs).set_index("soc")
    assert out.loc["43-4051", "census_code"] == "5240"
    assert out.loc["43-4151", "census_code"] == "5350"
    assert out.loc["15-1242", "census_code"] == "1065"
    assert out.loc["25-1011", "census_code"] == "2205"
    assert out.loc["25-1011", "socs_sharing_census_code"] == 2
    # 21-1018 is newer than the Census list, which splits it into 2001 and 2004.
    assert "21-1018" not in out.index
    issues = crosswalk_issues(frame, socs)
    note = issues.loc[issues["soc"] == "21-1018", "issue"].item()
    assert "2001 (21-1011)" in note and "2004 (21-1014)" in note


# --------------------------------------------------------------------------- failures


def test_read_crosswalk_missing_file_names_file_folder_and_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError) as err:
        read_crosswalk(tmp_path)
    message = str(err.value)
    assert RELPATH in message
    assert str(tmp_path) in message
    assert URL in message


def test_read_crosswalk_wrong_layout(tmp_path: Path) -> None:
    path = tmp_path / RELPATH
    path.parent.mkdir(parents=True)
    book = openpyxl.Workbook()
    book.active.title = "2018 Census Occ Code List"
    book.active.append(["Occupation", "Code", "SOC"])
    book.active.append(["Chief executives", "0010", "11-1011"])
    book.save(path)
    with pytest.raises(RawFormatError, match="2018 Census Title"):
        read_crosswalk(tmp_path)


def test_read_crosswalk_missing_sheet(tmp_path: Path) -> None:
    path = tmp_path / RELPATH
    path.parent.mkdir(parents=True)
    openpyxl.Workbook().save(path)
    with pytest.raises(RawFormatError, match="2018 Census Occ Code List"):
        read_crosswalk(tmp_path)


def test_census_parts_names_the_codes_of_a_split_soc_code() -> None:
    # Real rows: OEWS publishes 31-1120 and 21-1018, the Census list 3601/3602 and 2001/2004.
    frame = crosswalk(
        [
            ("2001", "Substance abuse and behavioral disorder counselors", "21-1011"),
            ("2002", "Educational, guidance, and career counselors and advisors", "21-1012"),
            ("2004", "Mental health counselors", "21-1014"),
            ("3601", "Home health aides", "31-1121"),
            ("3602", "Personal care aides", "31-1122"),
            ("3603", "Nursing assistants", "31-1131"),
        ]
    )
    parts = census_parts(frame, ["21-1012", "21-1018", "31-1120", "31-1131"])
    assert parts.values.tolist() == [
        ["21-1018", "2001", "Substance abuse and behavioral disorder counselors", "21-1011"],
        ["21-1018", "2004", "Mental health counselors", "21-1014"],
        ["31-1120", "3601", "Home health aides", "31-1121"],
        ["31-1120", "3602", "Personal care aides", "31-1122"],
    ]


def test_census_parts_empty_when_every_code_has_a_census_code() -> None:
    frame = crosswalk([("5240", "Customer service representatives", "43-4051")])
    assert census_parts(frame, ["43-4051"]).empty
