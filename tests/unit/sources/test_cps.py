"""Tests of the CPS annual-average parsers (Tables 11, 11b and 39) and their title matching.

Unit tests feed the tidy functions rows copied from the official workbooks
(header rows, a few occupations with their indent levels, the NOTE row) and a
small Census code list; real-file tests read the official files and skip when
the raw folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.sources import cps
from analysis.data.sources.cps import (
    INDENT,
    census_title_key,
    match_census_titles,
    tidy_table11,
    tidy_table11b,
    tidy_table39,
    tidy_total,
    tidy_unmatched,
)
from analysis.data.sources.crosswalk import read_crosswalk
from analysis.errors import RawFileMissingError, RawFormatError

NA = np.nan
DASH = "\u2013"
DASH_NOTE = (
    "Dash indicates no data or data that do not meet publication criteria (values not shown "
    "where base is less than 50,000)."
)
NOTE_11 = (
    "NOTE: Estimates for the above race groups (White, Black or African American, and Asian) "
    "do not sum to totals because data are not presented for all races. Persons whose "
    "ethnicity is identified as Hispanic or Latino may be of any race. Updated population "
    "controls are introduced annually with the release of January data. " + DASH_NOTE
)
NOTE_39 = (
    "NOTE: Updated population controls are introduced annually with the release of January "
    "data. " + DASH_NOTE + " Annual estimates for 2025 are 11-month averages that exclude "
    "October. (Data for October 2025 were not collected due to the federal government "
    "shutdown.) As a result, 2025 annual estimates are not strictly comparable with annual "
    "averages for other years."
)

CROSSWALK = pd.DataFrame(
    [
        ("0010", "Chief executives", "11-1011"),
        ("0030", "Legislators", "11-1031"),
        ("3550", "Other healthcare practitioners and technical occupations", "29-9000"),
        ("5240", "Customer service representatives", "43-4051"),
        ("5350", "Order clerks", "43-4151"),
    ],
    columns=["census_code", "census_title", "soc_pattern"],
)


def grid(rows: list[tuple[float, list[object]]]) -> pd.DataFrame:
    """A sheet grid as cps.read_table_grid gives it: cell values plus each row's indent."""
    width = max(len(r) for _, r in rows)
    frame = pd.DataFrame([r + [None] * (width - len(r)) for _, r in rows], dtype=object)
    frame[INDENT] = [float(i) for i, _ in rows]
    return frame


@pytest.fixture(scope="module")
def real(raw_dir: Path) -> tuple[Path, pd.DataFrame]:
    return raw_dir, read_crosswalk(raw_dir)


# --------------------------------------------------------------------------- Table 11

TABLE11 = grid(
    [
        (
            0,
            [
                "HOUSEHOLD DATA\nANNUAL AVERAGES\n11. Employed persons by detailed occupation, "
                "sex, race, and Hispanic or Latino ethnicity"
            ],
        ),
        (0, ["[Numbers in thousands]"]),
        (0, [""]),
        (0, ["Occupation", 2023]),
        (0, [None, "Total\nemployed", "Percent of total employed"]),
        (
            0,
            [
                None,
                None,
                "Women",
                "White",
                "Black or\nAfrican\nAmerican",
                "Asian",
                "Hispanic\nor Latino",
            ],
        ),
        (0, [""]),
        (0, ["Total, 16 years and over", 161037, 46.9, 76.5, 12.8, 6.9, 18.8]),
        (0, [None]),
        (2, ["Management occupations", 20906, 41.9, 80.9, 9.2, 7, 12.1]),
        (3, ["Chief executives", 1780, 30.6, 85.8, 5.2, 7.3, 6.3]),
        (3, ["Legislators", 12, DASH, DASH, DASH, DASH, DASH]),
        (
            2,
            ["Healthcare practitioners and technical occupations", 10099, 75.9, 74, 13.5, 9.5, 9.5],
        ),
        (
            3,
            [
                "Other healthcare practitioners and technical occupations",
                130,
                66.7,
                74.5,
                13.8,
                9,
                10.6,
            ],
        ),
        (1, ["Office and administrative support occupations", 15954, 71.2, 75.9, 15.1, 5, 18.5]),
        (2, ["Customer service representatives", 2822, 65.3, 72, 18.2, 5.3, 19.8]),
        (2, ["Order clerks", 106, 58.3, 75.6, 12.3, 10, 25.8]),
        (2, ["Information and record clerks, all other", 92, 77.1, 68.2, 17.5, 4.6, 18.4]),
        (0, [""]),
        (0, [NOTE_11]),
    ]
)


def test_tidy_table11_keeps_matched_detailed_rows() -> None:
    expected = pd.DataFrame(
        {
            "census_title": [
                "Chief executives",
                "Legislators",
                "Other healthcare practitioners and technical occupations",
                "Customer service representatives",
                "Order clerks",
            ],
            "census_code": ["0010", "0030", "3550", "5240", "5350"],
            "match_method": ["exact"] * 5,
            "employed_thousands": [1780.0, 12.0, 130.0, 2822.0, 106.0],
            "women_pct": [30.6, NA, 66.7, 65.3, 58.3],
            "white_pct": [85.8, NA, 74.5, 72.0, 75.6],
            "black_pct": [5.2, NA, 13.8, 18.2, 12.3],
            "asian_pct": [7.3, NA, 9.0, 5.3, 10.0],
            "hispanic_pct": [6.3, NA, 10.6, 19.8, 25.8],
            "suppressed_note": [NA, DASH_NOTE, NA, NA, NA],
        }
    )
    assert_frame_equal(tidy_table11(TABLE11, CROSSWALK), expected)


def test_tidy_unmatched_lists_dropped_rows_with_their_kind() -> None:
    expected = pd.DataFrame(
        {
            "census_title": [
                "Total, 16 years and over",
                "Management occupations",
                "Healthcare practitioners and technical occupations",
                "Office and administrative support occupations",
                "Information and record clerks, all other",
            ],
            "row_kind": ["total", "group", "group", "group", "detailed"],
            "best_candidate": [
                NA,
                NA,
                NA,
                NA,
                "Other healthcare practitioners and technical occupations",
            ],
            "best_score": [NA, NA, NA, NA, 50.526316],
        }
    )
    assert_frame_equal(
        tidy_unmatched(TABLE11, "table11", CROSSWALK), expected, check_exact=False, rtol=1e-6
    )


def test_group_row_does_not_fuzzy_match_without_indents() -> None:
    # Without indent levels the group row "Healthcare practitioners and technical
    # occupations" scores 94 against "Other healthcare practitioners ...", but that
    # Census code is already taken exactly by the detailed row.
    out = tidy_table11(TABLE11.drop(columns=INDENT), CROSSWALK)
    assert out["census_code"].is_unique
    assert out.loc[out["census_code"] == "3550", "employed_thousands"].item() == 130.0


def test_tidy_table11_wrong_header_names_the_missing_column() -> None:
    broken = TABLE11.copy()
    broken.iat[5, 2] = "Female"
    with pytest.raises(RawFormatError, match="women"):
        tidy_table11(broken, CROSSWALK, source="cpsaat11.xlsx")


def test_tidy_table11_without_occupation_header() -> None:
    broken = TABLE11.copy()
    broken.iat[3, 0] = "Job"
    with pytest.raises(RawFormatError, match="Occupation"):
        tidy_table11(broken, CROSSWALK)


# --------------------------------------------------------------------------- Table 11b

TABLE11B = grid(
    [
        (
            0,
            [
                "HOUSEHOLD DATA\n ANNUAL AVERAGES\n 11b. Employed people by detailed occupation "
                "and age"
            ],
        ),
        (0, ["[Numbers in thousands]"]),
        (0, [""]),
        (0, ["Occupation", "2025"]),
        (
            0,
            [
                None,
                "Total, 16 years and over",
                "16 to 19 years",
                "20 to 24 years",
                "25 to 34 years",
                "35 to 44 years",
                "45 to 54 years",
                "55 to 64 years",
                "65 years and over",
                "Median age",
            ],
        ),
        (0, [""]),
        (0, ["Total employed", 163493, 5551, 14347, 36276, 37036, 32304, 26605, 11374, 42.1]),
        (2, ["Management occupations", 20876, 103, 606, 3660, 5400, 5299, 4043, 1766, 46.1]),
        (3, ["Legislators", 18, 0, 1, 2, 3, 0, 5, 7, DASH]),
        (
            1,
            [
                "Office and administrative support occupations",
                16444,
                500,
                1528,
                3757,
                3472,
                3038,
                2905,
                1245,
                42.4,
            ],
        ),
        (2, ["Customer service representatives", 2600, 219, 356, 649, 513, 402, 329, 132, 37]),
        (2, ["Order clerks", 87, 2, 16, 26, 16, 10, 12, 4, 35.5]),
        (0, [""]),
        (0, ["NOTE: Median age represents the midpoint in the age distribution. " + DASH_NOTE]),
    ]
)


def test_tidy_table11b() -> None:
    expected = pd.DataFrame(
        {
            "census_title": ["Legislators", "Customer service representatives", "Order clerks"],
            "census_code": ["0030", "5240", "5350"],
            "match_method": ["exact"] * 3,
            "employed_thousands": [18.0, 2600.0, 87.0],
            "age_16_19": [0.0, 219.0, 2.0],
            "age_20_24": [1.0, 356.0, 16.0],
            "age_25_34": [2.0, 649.0, 26.0],
            "age_35_44": [3.0, 513.0, 16.0],
            "age_45_54": [0.0, 402.0, 10.0],
            "age_55_64": [5.0, 329.0, 12.0],
            "age_65_over": [7.0, 132.0, 4.0],
            "median_age": [NA, 37.0, 35.5],
            "suppressed_note": [DASH_NOTE, NA, NA],
        }
    )
    assert_frame_equal(tidy_table11b(TABLE11B, CROSSWALK), expected)


# --------------------------------------------------------------------------- Table 39

TABLE39 = grid(
    [
        (
            0,
            [
                "HOUSEHOLD DATA\n ANNUAL AVERAGES\n 39. Median weekly earnings of full-time wage "
                "and salary workers by detailed occupation and sex"
            ],
        ),
        (0, ["[Numbers in thousands]"]),
        (0, [""]),
        (0, ["Occupation", "2025"]),
        (0, [None, "Total", None, "Men", None, "Women", None]),
        (
            0,
            [
                None,
                "Number of workers",
                "Median weekly earnings",
                "Number of workers",
                "Median weekly earnings",
                "Number of workers",
                "Median weekly earnings",
            ],
        ),
        (0, [""]),
        (0, ["Total, full-time wage and salary workers", 121470, 1204, 66979, 1326, 54491, 1089]),
        (2, ["Management occupations", 15585, 1847, 8732, 2000, 6853, 1602]),
        (3, ["Chief executives", 1245, 2908, 791, 3098, 453, 2325]),
        (3, ["Legislators", 11, DASH, 8, DASH, 4, DASH]),
        (1, ["Office and administrative support occupations", 12812, 981, 3858, 1113, 8954, 945]),
        (2, ["Customer service representatives", 1928, 934, 683, 1053, 1244, 903]),
        (2, ["Order clerks", 64, 800, 23, DASH, 41, DASH]),
        (0, [""]),
        (0, [NOTE_39]),
    ]
)


def test_tidy_table39_computes_women_to_men_ratio_only_when_both_published() -> None:
    expected = pd.DataFrame(
        {
            "census_title": [
                "Chief executives",
                "Legislators",
                "Customer service representatives",
                "Order clerks",
            ],
            "census_code": ["0010", "0030", "5240", "5350"],
            "match_method": ["exact"] * 4,
            "total_workers_thousands": [1245.0, 11.0, 1928.0, 64.0],
            "total_median_weekly": [2908.0, NA, 934.0, 800.0],
            "men_workers_thousands": [791.0, 8.0, 683.0, 23.0],
            "men_median_weekly": [3098.0, NA, 1053.0, NA],
            "women_workers_thousands": [453.0, 4.0, 1244.0, 41.0],
            "women_median_weekly": [2325.0, NA, 903.0, NA],
            "women_to_men_earnings_pct": [75.0, NA, 85.8, NA],
            "suppressed_note": [NA, DASH_NOTE, NA, DASH_NOTE],
        }
    )
    assert_frame_equal(tidy_table39(TABLE39, CROSSWALK), expected)


def test_tidy_table39_tells_men_from_women() -> None:
    # "women" contains "men": a substring test would find two Men columns.
    out = tidy_table39(TABLE39, CROSSWALK).set_index("census_code")
    assert out.loc["5240", "men_median_weekly"] == 1053.0
    assert out.loc["5240", "women_median_weekly"] == 903.0


# --------------------------------------------------------------------------- matching


def test_normalize_title() -> None:
    assert census_title_key(" Driver/sales workers & truck  drivers ") == (
        "driver sales workers and truck drivers"
    )


def test_match_census_titles_exact_then_fuzzy_one_code_each() -> None:
    titles = [
        "Customer service representatives",
        "ORDER CLERKS.",
        "Customer-service representative",  # close to 5240, which is already taken
        "Chief executive",
        "Chief executivess",  # wants 0010 too, with a higher score
        "Management occupations",
    ]
    expected = pd.DataFrame(
        {
            "title": titles,
            "census_code": ["5240", "5350", NA, NA, "0010", NA],
            "match_method": ["exact", "exact", NA, NA, "fuzzy", NA],
            "score": [100.0, 100.0, 98.412698, 96.774194, 96.969697, 41.025641],
            "candidate": [
                "Customer service representatives",
                "Order clerks",
                "Customer service representatives",
                "Chief executives",
                "Chief executives",
                "Other healthcare practitioners and technical occupations",
            ],
        }
    )
    assert_frame_equal(
        match_census_titles(titles, CROSSWALK), expected, check_exact=False, rtol=1e-6
    )


def test_fuzzy_match_is_reported_in_match_method() -> None:
    table = TABLE11.copy()
    table.iat[16, 0] = "Order clerk"
    out = tidy_table11(table, CROSSWALK).set_index("census_code")
    assert out.loc["5350", "match_method"] == "fuzzy"
    assert out.loc["5350", "census_title"] == "Order clerk"


def test_tidy_total_reads_the_all_occupations_row() -> None:
    t11 = tidy_total(TABLE11, "table11")
    assert t11.name == "Total, 16 years and over"
    assert t11.to_dict() == {
        "employed_thousands": 161037.0,
        "women_pct": 46.9,
        "white_pct": 76.5,
        "black_pct": 12.8,
        "asian_pct": 6.9,
        "hispanic_pct": 18.8,
    }
    t39 = tidy_total(TABLE39, "table39")
    assert t39.name == "Total, full-time wage and salary workers"
    assert t39["women_median_weekly"] == 1089.0 and t39["men_median_weekly"] == 1326.0
    assert t39["women_to_men_earnings_pct"] == 82.1  # 1,089 / 1,326 = 82.13 %


def test_tidy_total_without_a_total_row_fails_clearly() -> None:
    rows = TABLE11[TABLE11.iloc[:, 0] != "Total, 16 years and over"].reset_index(drop=True)
    with pytest.raises(RawFormatError, match="cpsaat11.xlsx: no total row"):
        tidy_total(rows, "table11", "cpsaat11.xlsx")


# --------------------------------------------------------------------------- real files


def test_read_table11_real_file(real: tuple[Path, pd.DataFrame]) -> None:
    raw_dir, crosswalk = real
    frame = cps.read_table11(raw_dir, crosswalk)
    assert len(frame) == 565
    assert frame["census_code"].is_unique
    assert set(frame["match_method"]) == {"exact"}
    by_code = frame.set_index("census_code")
    csr = by_code.loc["5240"]
    assert csr["census_title"] == "Customer service representatives"
    assert csr[
        ["employed_thousands", "women_pct", "white_pct", "black_pct", "asian_pct", "hispanic_pct"]
    ].tolist() == [2822.0, 65.3, 72.0, 18.2, 5.3, 19.8]
    clerks = by_code.loc["5350"]
    assert clerks[
        ["employed_thousands", "women_pct", "white_pct", "black_pct", "asian_pct", "hispanic_pct"]
    ].tolist() == [106.0, 58.3, 75.6, 12.3, 10.0, 25.8]
    assert np.isnan(by_code.loc["0030", "women_pct"])  # Legislators: base below 50,000
    assert by_code.loc["0030", "suppressed_note"] == DASH_NOTE


def test_read_table11b_real_file(real: tuple[Path, pd.DataFrame]) -> None:
    raw_dir, crosswalk = real
    frame = cps.read_table11b(raw_dir, crosswalk)
    assert len(frame) == 565
    by_code = frame.set_index("census_code")
    assert by_code.loc["5240", ["employed_thousands", "median_age"]].tolist() == [2600.0, 37.0]
    assert by_code.loc["5350", ["employed_thousands", "median_age"]].tolist() == [87.0, 35.5]


def test_read_table39_real_file(real: tuple[Path, pd.DataFrame]) -> None:
    raw_dir, crosswalk = real
    frame = cps.read_table39(raw_dir, crosswalk)
    assert len(frame) == 565
    by_code = frame.set_index("census_code")
    values = [
        "total_workers_thousands",
        "total_median_weekly",
        "men_workers_thousands",
        "men_median_weekly",
        "women_workers_thousands",
        "women_median_weekly",
        "women_to_men_earnings_pct",
    ]
    assert by_code.loc["5240", values].tolist() == [
        1928.0,
        934.0,
        683.0,
        1053.0,
        1244.0,
        903.0,
        85.8,
    ]
    clerks = by_code.loc["5350", values]
    assert clerks.iloc[:3].tolist() == [64.0, 800.0, 23.0]
    assert clerks["women_workers_thousands"] == 41.0
    assert (
        clerks[["men_median_weekly", "women_median_weekly", "women_to_men_earnings_pct"]]
        .isna()
        .all()
    )
    assert by_code.loc["5350", "suppressed_note"] == DASH_NOTE


@pytest.mark.parametrize("table", cps.TABLES)
def test_unmatched_titles_real_file_are_only_groups(
    real: tuple[Path, pd.DataFrame], table: str
) -> None:
    raw_dir, crosswalk = real
    left = cps.unmatched_titles(table, raw_dir, crosswalk)
    assert left["row_kind"].value_counts().to_dict() == {"group": 29, "total": 1}


# --------------------------------------------------------------------------- failures


def test_read_table11_missing_file_names_file_folder_and_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError) as err:
        cps.read_table11(tmp_path, CROSSWALK)
    message = str(err.value)
    assert "bls_cps/2023/cpsaat11.xlsx" in message
    assert str(tmp_path) in message
    assert "https://www.bls.gov/cps/aa2023/cpsaat11.xlsx" in message


def test_read_table39_wrong_layout(tmp_path: Path) -> None:
    path = tmp_path / "bls_cps" / "2025" / "cpsaat39.xlsx"
    path.parent.mkdir(parents=True)
    book = openpyxl.Workbook()
    book.active.append(["Occupation", "2025"])
    book.active.append([None, "Total", "Men", "Women"])  # no earnings columns
    book.active.append(["Order clerks", 64, 23, 41])
    book.save(path)
    with pytest.raises(RawFormatError, match="median weekly earnings"):
        cps.read_table39(tmp_path, CROSSWALK)


def test_read_table11_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bls_cps" / "2023" / "cpsaat11.xlsx"
    path.parent.mkdir(parents=True)
    path.write_text("Occupation,Total\n")
    with pytest.raises(RawFormatError, match="cpsaat11.xlsx"):
        cps.read_table11(tmp_path, CROSSWALK)
