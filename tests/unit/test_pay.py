"""Rankings of states, metro areas and industries (analysis.occupations.pay).

Expected figures were read by hand from data/tables/oews_wages.parquet (OEWS May
2025) and are checked against the table here too, so a rebuild cannot move them
silently.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data import dataset
from analysis.data.sources import oews
from analysis.errors import RawFormatError
from analysis.occupations import pay

TOP_CODED_STATES_29_1214 = [
    "Colorado",
    "Illinois",
    "Oregon",
    "Pennsylvania",
    "Virginia",
    "Wisconsin",
]


def _cell(soc: str, area: str, industry: str = pay.CROSS_INDUSTRY) -> pd.Series:
    wages = dataset.soc_rows("oews_wages", soc)
    hit = wages[(wages["area_name"] == area) & (wages["industry_code"] == industry)]
    assert len(hit) == 1, (soc, area)
    return hit.iloc[0]


def test_highest_paying_metro_is_an_msa_not_a_nonmetropolitan_area() -> None:
    # 11-9051 Food Service Managers: Northwest Colorado nonmetropolitan area (0800003)
    # has the highest mean over the floor, $105,830 with 260 jobs; the best MSA is
    # Seattle-Tacoma-Bellevue, WA (0042660), $104,480 with 760 jobs.
    wages = dataset.soc_rows("oews_wages", "11-9051")
    nonmetro = _cell("11-9051", "Northwest Colorado nonmetropolitan area")
    seattle = _cell("11-9051", "Seattle-Tacoma-Bellevue, WA")
    assert (nonmetro["annual_mean_wage"], nonmetro["employment"]) == (105830, 260)
    assert (seattle["annual_mean_wage"], seattle["employment"]) == (104480, 760)

    metro = pay.best_metro(wages)
    assert (metro.name, metro.annual_mean_wage, metro.employment) == (
        "Seattle-Tacoma-Bellevue, WA",
        104480,
        760,
    )
    assert metro.kind == "metropolitan statistical area"
    assert metro.top_coded == () and metro.note is None

    separate = pay.best_nonmetro(wages)
    assert (separate.name, separate.annual_mean_wage, separate.kind) == (
        "Northwest Colorado nonmetropolitan area",
        105830,
        "nonmetropolitan area",
    )
    assert not pay.top_metros(wages, None)["area_name"].str.contains("nonmetropolitan").any()


def test_nonmetropolitan_areas_are_told_by_code_and_name_alike() -> None:
    metro = pay.cross_industry(dataset.table("oews_wages"), "metro")
    areas = metro[["area_code", "area_name"]].drop_duplicates().astype(str)
    by_code = oews.is_nonmetropolitan(areas["area_code"])
    by_name = areas["area_name"].str.contains("nonmetropolitan area")
    assert (by_code == by_name).all()
    assert by_code.sum() > 100  # OEWS May 2025 has 135 nonmetropolitan areas


def test_check_area_kinds_rejects_a_misfiled_area() -> None:
    areas = pd.DataFrame(
        {
            "area_code": ["0042660", "0800003"],
            "areatype_code": ["M", "M"],
            "state_code": ["53", "08"],
            "area_name": ["Seattle-Tacoma-Bellevue, WA", "Northwest Colorado"],
        }
    )
    with pytest.raises(RawFormatError, match="Northwest Colorado"):
        oews.check_area_kinds(areas)


def test_top_coded_states_are_disclosed_beside_the_winner() -> None:
    # 29-1214 Emergency Medicine Physicians: the highest published state mean over
    # 500 jobs is Maryland, $387,020 with 550 jobs; six states over 500 jobs have
    # their mean published only as ">= $239,200" (footnote 5).
    wages = dataset.soc_rows("oews_wages", "29-1214")
    maryland = _cell("29-1214", "Maryland")
    assert (maryland["annual_mean_wage"], maryland["employment"]) == (387020, 550)
    for state in TOP_CODED_STATES_29_1214:
        row = _cell("29-1214", state)
        assert pd.isna(row["annual_mean_wage"]) and row["annual_mean_wage_footnote"] == "5"
        assert row["employment"] >= pay.MIN_EMPLOYMENT_STATE

    best = pay.best_state(wages)
    assert (best.name, best.annual_mean_wage) == ("Maryland", 387020)
    assert list(best.top_coded) == TOP_CODED_STATES_29_1214
    # footnote 5's "$239,200" bounds nothing (this release publishes means far above it):
    # no dollar bound, and the count left out is said.
    assert best.note == (
        "6 states with at least 500 jobs left out of the ranking: the mean wage is not "
        "published (top-coded, OEWS footnote 5) for Colorado, Illinois, Oregon, "
        "Pennsylvania, Virginia, Wisconsin."
    )
    assert "$" not in best.note
    assert best.as_dict()["top_coded"] == TOP_CODED_STATES_29_1214


def test_a_top_coded_area_is_left_out_with_no_bound() -> None:
    rows = pd.DataFrame(
        {
            "area_name": ["A", "B", "C"],
            "industry_code": [pay.CROSS_INDUSTRY] * 3,
            "annual_mean_wage": [200000.0, None, None],
            "annual_mean_wage_footnote": [None, "5", "5"],
            "employment": [900.0, 800.0, 100.0],  # C is under the floor
        }
    )
    best = pay.best(rows, 500, pay.STATE, ("state", "states"))
    assert (best.name, best.annual_mean_wage) == ("A", 200000.0)
    assert best.top_coded == ("B",)
    assert best.note == (
        "1 state with at least 500 jobs left out of the ranking: the mean wage is not "
        "published (top-coded, OEWS footnote 5) for B."
    )


def test_california_and_washington_tie_for_customer_service_representatives() -> None:
    # 43-4051 state cells: California $54,640 (RSE 0.5 %), Washington $54,140 (0.7 %),
    # District of Columbia $53,850 (2.2 %), New Jersey $51,030 (0.7 %).
    # CA vs WA: SE 273.20 and 378.98, z = 500 / sqrt(273.20^2 + 378.98^2) = 500 / 467.19
    # = 1.07 < 1.96: tied. CA vs DC: SE 1,184.70, z = 790 / 1,215.8 = 0.65: tied.
    # CA vs NJ: SE 357.21, z = 3,610 / 449.6 = 8.03: California pays more.
    best = pay.best_state(dataset.soc_rows("oews_wages", "43-4051"))
    assert (best.name, best.annual_mean_wage) == ("California", 54640)
    assert best.tied_with == (("Washington", 54140.0), ("District of Columbia", 53850.0))
    assert best.as_dict()["tied_with"][0] == {"name": "Washington", "annual_mean_wage": 54140.0}


def test_a_zero_rse_place_is_tested_with_005_percent() -> None:
    rows = pd.DataFrame(
        {
            "area_name": ["A", "B"],
            "industry_code": [pay.CROSS_INDUSTRY] * 2,
            "annual_mean_wage": [100000.0, 99900.0],
            "annual_mean_wage_footnote": [None, None],
            "employment": [900.0, 800.0],
            "wage_rse": [0.0, 0.0],
        }
    )
    # SE 50 and 49.95: z = 100 / 70.68 = 1.41 < 1.96, a tie (an exact 0 would say 'winner').
    assert pay.best(rows, 500, pay.STATE, ("state", "states")).tied_with == (("B", 99900.0),)


def test_government_industry_is_an_oews_group_not_a_naics_subsector() -> None:
    # 33-3051 Police and Sheriff's Patrol Officers: 999000 (Federal, State, and Local
    # Government, excluding state and local schools and hospitals and USPS) pays
    # $79,690 with 642,460 jobs, the best industry over 1,000 jobs.
    wages = dataset.soc_rows("oews_wages", "33-3051")
    best = pay.best_industry(wages)
    row = wages[(wages["area_type"] == "national") & (wages["industry_code"] == "999000")].iloc[0]
    assert (row["annual_mean_wage"], row["employment"]) == (79690, 642460)
    assert best.name == str(row["industry_name"])
    assert best.kind == "OEWS industry group"
    assert pay.industry_kind("541000") == "NAICS subsector"
