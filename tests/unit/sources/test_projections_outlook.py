"""Tests of the EP outlook parsers: Table 1.10 (separations and openings), Table 1.12 (factors).

The grids are rows copied verbatim from the 2024-34 ``occupation.xlsx`` (title
row, header, a few data rows, the source note); the real-file tests read the
official workbook and skip when the raw folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.data.sources import projections
from analysis.data.sources.projections import (
    ALL_INDUSTRIES_CODE,
    tidy_projection_factors,
    tidy_separations,
    tidy_separations_total,
)
from analysis.errors import RawFormatError

SOURCE_NOTE = "Source: Employment Projections program, U.S. Bureau of Labor Statistics"


def grid(rows: list[list[object]]) -> pd.DataFrame:
    """A sheet's cell grid as read_excel(header=None, keep_default_na=False) gives it."""
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


# --------------------------------------------------------------------------- Table 1.10

SEPARATIONS_HEADER = [
    "2024 National Employment Matrix title",
    "2024 National Employment Matrix code",
    "Occupation type",
    "Employment, 2024",
    "Employment, 2034",
    "Employment change, numeric, 2024\u201334",
    "Employment change, percent, 2024\u201334",
    "Labor force exit rate, 2024\u201334 annual average",
    "Occupational transfer rate, 2024\u201334 annual average",
    "Total occupational separations rate, 2024\u201334 annual average",
    "Labor force exits, 2024\u201334 annual average",
    "Occupational transfers, 2024\u201334 annual average",
    "Total occupational separations, 2024\u201334 annual average",
    "Occupational openings, 2024\u201334 annual average",
]
# occupation.xlsx, sheet "Table 1.10": rows 3 (total), 700 (43-4051), 708 (43-4151).
SEPARATIONS_RAW = [
    [
        "Table 1.10 Occupational separations and openings, projected 2024\u201334 "
        "(Employment in thousands)"
    ],
    SEPARATIONS_HEADER,
    ["Total, all occupations", "00-0000", "Summary", 169956.1, 175167.9, 5211.8, 3.1,
     4.7, 5.9, 10.6, 8155, 10187.1, 18342.1, 18863.3],
    ["Customer service representatives", "43-4051", "Line item", 2814, 2660.3, -153.7, -5.5,
     5.6, 7.4, 13, 154.2, 202.9, 357.1, 341.7],
    ["Order clerks", "43-4151", "Line item", 89.5, 74.1, -15.4, -17.2,
     5.1, 6.5, 11.6, 4.2, 5.4, 9.5, 8],
    [SOURCE_NOTE],
]  # fmt: skip


def test_tidy_separations_keeps_line_items_with_rates_and_openings() -> None:
    tidy = tidy_separations(grid(SEPARATIONS_RAW)).set_index("soc")
    assert list(tidy.index) == ["43-4051", "43-4151"]
    csr = tidy.loc["43-4051"]
    assert csr["title"] == "Customer service representatives"
    assert csr["labor_force_exit_rate_pct"] == 5.6
    assert csr["occupational_transfer_rate_pct"] == 7.4
    assert csr["total_separations_rate_pct"] == 13.0
    assert csr["labor_force_exits"] == 154.2
    assert csr["occupational_transfers"] == 202.9
    assert csr["total_separations"] == 357.1
    assert csr["annual_openings"] == 341.7
    assert tidy.loc["43-4151", "annual_openings"] == 8.0


def test_tidy_separations_total_gives_the_all_occupations_rates() -> None:
    total = tidy_separations_total(grid(SEPARATIONS_RAW))
    assert total.name == "Total, all occupations"
    assert total.to_dict() == {
        "labor_force_exit_rate_pct": 4.7,
        "occupational_transfer_rate_pct": 5.9,
        "total_separations_rate_pct": 10.6,
    }


def test_tidy_separations_missing_column_is_named() -> None:
    rows = [[c for i, c in enumerate(r) if i != 8] for r in SEPARATIONS_RAW]
    with pytest.raises(RawFormatError, match="Occupational transfer rate"):
        tidy_separations(grid(rows), source="occupation.xlsx (sheet 'Table 1.10')")


def test_tidy_separations_rejects_text_in_a_rate() -> None:
    rows = [list(r) for r in SEPARATIONS_RAW]
    rows[3][7] = "about 5"
    with pytest.raises(RawFormatError, match="non-numeric"):
        tidy_separations(grid(rows))


def test_tidy_separations_dash_is_missing_not_zero() -> None:
    rows = [list(r) for r in SEPARATIONS_RAW]
    rows[4][8] = "\u2014"
    tidy = tidy_separations(grid(rows)).set_index("soc")
    assert pd.isna(tidy.loc["43-4151", "occupational_transfer_rate_pct"])


# --------------------------------------------------------------------------- Table 1.12

FACTORS_HEADER = [
    "2024 National Employment Matrix occupation title",
    "2024 National Employment Matrix occupation code",
    "2024 National Employment Matrix industry title",
    "2024 National Employment Matrix industry code",
    "Factors affecting occupational utilization",
]
CSR_TOTAL = (
    "Capital/labor substitution - share decreases as advances in speech and language "
    "processing allow computers to handle customer service interactions with greater frequency."
)
CSR_HOSPITALS = (
    "Demand change - share increases as federal payment models emphasize patient satisfaction "
    "as a requirement for reimbursement. This will result in increased demand for customer "
    "service representatives employed in hospitals that continue to try to achieve high "
    "levels of patient satisfaction."
)
ELECTRICIANS = (
    "Demand change - share increases as demand for wind and solar installations will increase "
    "the need for electricians to connect the electrical generation sources to the electrical "
    "grid."
)
# occupation.xlsx, sheet "Table 1.12": rows of 43-4051 (TE1000 and 62210L) and 47-2111.
FACTORS_RAW = [
    ["Table 1.12 Factors affecting occupational utilization, projected 2024\u201334"],
    FACTORS_HEADER,
    ["Customer service representatives", "43-4051", "Total, all industries", "TE1000",
     CSR_TOTAL],
    ["Customer service representatives", "43-4051",
     "General medical and surgical hospitals; local", "62210L", CSR_HOSPITALS],
    ["Electricians", "47-2111", "Residential building construction", "236100", ELECTRICIANS],
    ["Electricians", "47-2111", "Nonresidential building construction", "236200", ELECTRICIANS],
    [SOURCE_NOTE],
]  # fmt: skip


def test_tidy_projection_factors_one_row_per_factor() -> None:
    tidy = tidy_projection_factors(grid(FACTORS_RAW))
    assert list(tidy.columns) == ["soc", "title", "industry", "industry_code", "text", "order"]
    assert list(tidy["soc"]) == ["43-4051", "43-4051", "47-2111", "47-2111"]
    assert list(tidy["industry_code"]) == ["TE1000", "62210L", "236100", "236200"]
    assert list(tidy["order"]) == [0, 1, 0, 1]
    assert tidy["text"].iloc[0] == CSR_TOTAL
    assert tidy["industry"].iloc[1] == "General medical and surgical hospitals; local"


def test_tidy_projection_factors_puts_all_industries_first() -> None:
    rows = [FACTORS_RAW[0], FACTORS_RAW[1], FACTORS_RAW[3], FACTORS_RAW[2], *FACTORS_RAW[4:]]
    tidy = tidy_projection_factors(grid(rows))
    csr = tidy[tidy["soc"] == "43-4051"]
    assert list(csr["industry_code"]) == [ALL_INDUSTRIES_CODE, "62210L"]
    assert list(csr["order"]) == [0, 1]


def test_tidy_projection_factors_collapses_line_breaks_in_text() -> None:
    rows = [list(r) for r in FACTORS_RAW]
    rows[2][4] = CSR_TOTAL.replace(" as advances", "\nas  advances")
    assert tidy_projection_factors(grid(rows))["text"].iloc[0] == CSR_TOTAL


def test_tidy_projection_factors_rejects_a_row_without_text() -> None:
    rows = [list(r) for r in FACTORS_RAW]
    rows[3][4] = ""
    with pytest.raises(RawFormatError, match="43-4051"):
        tidy_projection_factors(grid(rows), source="occupation.xlsx (sheet 'Table 1.12')")


def test_tidy_projection_factors_missing_column_is_named() -> None:
    rows = [r[:4] for r in FACTORS_RAW]
    with pytest.raises(RawFormatError, match="Factors affecting occupational utilization"):
        tidy_projection_factors(grid(rows))


# --------------------------------------------------------------------------- real file


def _raw_dir() -> Path:
    raw = config.raw_dir()
    if not raw.is_dir():
        pytest.skip(f"raw-data folder {raw} does not exist (set ANALYSIS_RAW_DIR)")
    return raw


def test_real_separations_of_customer_service_representatives() -> None:
    # occupation.xlsx "Table 1.10" row 700: 5.6, 7.4, 13, ..., 341.7.
    tidy = projections.read_separations(_raw_dir()).set_index("soc")
    assert len(tidy) == 832
    csr = tidy.loc["43-4051"]
    assert (
        csr["labor_force_exit_rate_pct"],
        csr["occupational_transfer_rate_pct"],
        csr["total_separations_rate_pct"],
        csr["annual_openings"],
    ) == (5.6, 7.4, 13.0, 341.7)


def test_real_separations_total_rates() -> None:
    # occupation.xlsx "Table 1.10" row 3 (Total, all occupations): 4.7, 5.9, 10.6.
    total = projections.read_separations_total(_raw_dir())
    assert total.to_dict() == {
        "labor_force_exit_rate_pct": 4.7,
        "occupational_transfer_rate_pct": 5.9,
        "total_separations_rate_pct": 10.6,
    }


def test_real_projection_factors() -> None:
    tidy = projections.read_projection_factors(_raw_dir())
    # 998 data rows over 435 occupations, 183 of them with a TE1000 row.
    assert len(tidy) == 998
    assert tidy["soc"].nunique() == 435
    assert (tidy["industry_code"] == ALL_INDUSTRIES_CODE).sum() == 183
    csr = tidy[tidy["soc"] == "43-4051"]
    # Sheet row 504: 43-4051, Total, all industries, TE1000.
    assert csr.iloc[0]["industry_code"] == "TE1000"
    assert csr.iloc[0]["text"] == CSR_TOTAL
    assert len(csr) == 5
    # Electricians (47-2111) have industry factors only, no TE1000 row.
    electricians = tidy[tidy["soc"] == "47-2111"]
    assert len(electricians) == 6
    assert ALL_INDUSTRIES_CODE not in set(electricians["industry_code"])
    # Order clerks' TE1000 text (row of 43-4151).
    order_clerks = tidy[tidy["soc"] == "43-4151"]
    assert order_clerks.iloc[0]["text"] == (
        "Capital/labor substitution - share decreases as establishments continue to adopt "
        "automated order-taking systems."
    )
