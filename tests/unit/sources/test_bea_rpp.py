"""Tests of the BEA state Regional Price Parities parser.

Unit tests parse lines copied verbatim from SARPP_STATE_2008_2023.csv (BEA's
quoting, leading-space GeoFIPS, trailing-space descriptions, footer lines);
real-file tests read the official file and skip when the raw folder is absent.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.sources.bea_rpp import read_price_parities, tidy_price_parities
from analysis.errors import RawFileMissingError, RawFormatError

RELPATH = "bea_rpp/SARPP_STATE_2008_2023.csv"
URL = "https://apps.bea.gov/regional/zip/SARPP.zip"

HEADER = (
    "GeoFIPS,GeoName,Region,TableName,LineCode,IndustryClassification,Description,Unit,"
    "2008,2009,2010,2011,2012,2013,2014,2015,2016,2017,2018,2019,2020,2021,2022,2023"
)
LINES = [
    ' "00000","United States", ,SARPP,1,"..."," Real personal income (millions of constant '
    '(2017) dollars) 1/","Millions of constant 2017 dollars",13932319.4,13560629.2,13862567.5,'
    "14331132.5,14709774.5,14682820.3,15216230.2,15896447.7,16162029.4,16658962.0,17163074.0,"
    "17727562.0,18731605.3,19641720.3,19013960.0,19404131.7",
    ' "00000","United States", ,SARPP,5,"...","RPPs: All items ","Index",100.000,100.000,'
    "100.000,100.000,100.000,100.000,100.000,100.000,100.000,100.000,100.000,100.000,100.000,"
    "100.000,100.000,100.000",
    ' "06000","California",8,SARPP,5,"...","RPPs: All items ","Index",111.187,110.629,'
    "109.665,109.472,109.649,109.638,109.887,110.644,109.866,110.925,111.972,111.132,111.941,"
    "111.868,112.566,112.581",
    ' "11000","District of Columbia",2,SARPP,5,"...","RPPs: All items ","Index",112.385,'
    "113.041,114.189,114.103,111.696,113.585,114.291,113.386,112.475,110.087,111.510,109.225,"
    "110.894,111.586,112.656,110.804",
    ' "25000","Massachusetts",1,SARPP,5,"...","RPPs: All items ","Index",106.230,105.482,'
    "104.709,104.744,104.444,103.316,104.535,104.948,108.185,107.258,107.264,107.165,109.097,"
    "106.731,109.435,108.238",
    ' "25000","Massachusetts",1,SARPP,6,"..."," RPPs: Goods ","Index",98.493,97.810,99.779,'
    "101.491,101.309,100.920,104.097,102.208,103.838,103.926,102.326,103.580,105.315,105.619,"
    "107.104,102.413",
    ' "00000","United States", ,SARPP,10,"...","Implicit regional price deflator ","Index",'
    "(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA),(NA)",
    '"Note: See the included footnote file."',
    '"SARPP: Real personal income, real PCE, and regional price parities by state "',
    '"Last updated: February 20, 2025-- revised statistics for 2010-2019."',
    '"U.S. Bureau of Economic Analysis"',
]


def raw(lines: list[str] = LINES, header: str = HEADER) -> pd.DataFrame:
    return pd.read_csv(io.StringIO("\n".join([header, *lines]) + "\n"), dtype=str)


# --------------------------------------------------------------------------- tidy


def test_tidy_price_parities_picks_all_items_by_description() -> None:
    expected = pd.DataFrame(
        {
            "state_fips": ["00", "06", "11", "25"],
            "state": ["United States", "California", "District of Columbia", "Massachusetts"],
            "year": [2023] * 4,
            "rpp_all_items": [100.0, 112.581, 110.804, 108.238],
        }
    )
    assert_frame_equal(tidy_price_parities(raw(), 2023), expected)


def test_tidy_price_parities_other_year() -> None:
    out = tidy_price_parities(raw(), 2008)
    assert out["year"].unique().tolist() == [2008]
    assert out["rpp_all_items"].tolist() == [100.0, 111.187, 112.385, 106.230]


def test_line_numbers_do_not_matter() -> None:
    # Older vintages number the all-items line 1, not 5.
    lines = [line.replace(",SARPP,5,", ",SARPP,1,") for line in LINES[1:5]]
    assert len(tidy_price_parities(raw(lines), 2023)) == 4


def test_na_values_stay_missing() -> None:
    lines = [LINES[2].replace("112.566,112.581", "112.566,(NA)")]
    assert tidy_price_parities(raw(lines), 2023)["rpp_all_items"].isna().all()


def test_unknown_year_lists_the_years_in_the_file() -> None:
    with pytest.raises(RawFormatError, match="2024.*2023"):
        tidy_price_parities(raw(), 2024, source="SARPP.csv")


def test_missing_all_items_line() -> None:
    lines = [line for line in LINES if "All items" not in line]
    with pytest.raises(RawFormatError, match="RPPs: All items"):
        tidy_price_parities(raw(lines), 2023)


def test_repeated_state_is_an_error() -> None:
    with pytest.raises(RawFormatError, match="California"):
        tidy_price_parities(raw([*LINES, LINES[2]]), 2023)


# --------------------------------------------------------------------------- real file


def test_read_price_parities_real_file(raw_dir: Path) -> None:
    frame = read_price_parities(raw_dir, 2023)
    assert len(frame) == 52
    assert frame["state_fips"].is_unique
    by_state = frame.set_index("state")["rpp_all_items"]
    assert by_state["United States"] == 100.0
    assert frame.iloc[0].tolist() == ["00", "United States", 2023, 100.0]
    assert by_state["California"] == 112.581
    assert by_state["District of Columbia"] == 110.804
    assert by_state["Massachusetts"] == 108.238
    assert by_state["Texas"] == 97.175
    assert by_state["Arkansas"] == 86.508
    assert by_state.idxmax() == "California"
    assert by_state.idxmin() == "Arkansas"
    assert frame.set_index("state").loc["Massachusetts", "state_fips"] == "25"


# --------------------------------------------------------------------------- failures


def test_read_price_parities_missing_file_names_file_folder_and_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError) as err:
        read_price_parities(tmp_path)
    message = str(err.value)
    assert RELPATH in message
    assert str(tmp_path) in message
    assert URL in message


def test_read_price_parities_wrong_layout(tmp_path: Path) -> None:
    path = tmp_path / RELPATH
    path.parent.mkdir(parents=True)
    path.write_text("FIPS,Name,Line,2023\n06000,California,5,112.581\n")
    with pytest.raises(RawFormatError, match="GeoFIPS"):
        read_price_parities(tmp_path)
