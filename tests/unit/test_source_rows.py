"""Which source row each figure comes from (analysis.occupations.source_rows).

Hand-worked from the raw files: BLS EP education.xlsx Table 5.3 gives
"Heavy and tractor-trailer truck drivers[1]" (53-3032) and "Light truck
drivers[1]" (53-3033) the same shares 15.2 / 46.8 / 22.8 / 7 / 6.6 / 1.2 / 0.4,
and "Statisticians[1]" (15-2041) and "Data scientists[1]" (15-2051) the same
0.4 / 2.6 / 6.3 / 4.1 / 40 / 35.4 / 11.2. The Census 2018 code list maps 9130
"Driver/sales workers and truck drivers" to 53-3030 (53-3031, 53-3032, 53-3033).
O*NET 30.1 rates 15-2051.01 and 15-2051.02, not 15-2051.00 Data Scientists.
"""

from __future__ import annotations

from analysis.data import dataset
from analysis.occupations import similarity, source_rows
from analysis.occupations.contract import CensusPart, OnetCode
from analysis.occupations.coverage import coverage_table

TRUCK_SHARES = [15.2, 46.8, 22.8, 7.0, 6.6, 1.2, 0.4]
MATH_SHARES = [0.4, 2.6, 6.3, 4.1, 40.0, 35.4, 11.2]


def _shares(soc: str) -> list[float]:
    rows = dataset.soc_rows("education_attainment", soc).sort_values("level_order")
    return rows["share_pct"].tolist()


def test_truck_drivers_share_the_ep_row_and_the_census_row() -> None:
    assert _shares("53-3032") == _shares("53-3033") == TRUCK_SHARES
    ep = source_rows.ep_attainment_row("53-3032")
    assert ep.footnote_1 and ep.group_row
    assert ep.group == "a broader ACS occupation group"
    assert ep.sharing_socs == ("53-3031", "53-3033")
    assert "not an exact match with ACS" in ep.note

    cps = source_rows.census_row("53-3032")
    assert (cps.census_code, cps.census_title) == ("9130", "Driver/sales workers and truck drivers")
    assert cps.sharing_socs == ("53-3031", "53-3033") and cps.group_row

    shared = source_rows.shared_rows("53-3032", "53-3033")
    assert [r.source for r in shared] == ["ep_attainment", "cps"]
    assert source_rows.shared_reason(shared) == (
        "both occupations are published as one group (EP Table 5.3 footnote 1; Census "
        "occupation 9130): these sources cannot tell them apart"
    )


def test_data_scientists_and_statisticians_share_only_the_ep_row() -> None:
    assert _shares("15-2051") == _shares("15-2041") == MATH_SHARES
    shared = source_rows.shared_rows("15-2051", "15-2041")
    assert [r.reason for r in shared] == [
        "both occupations are published as one group (EP Table 5.3 footnote 1): this source "
        "cannot tell them apart"
    ]
    # CPS: 15-2041 is Census 1230 Statisticians, 15-2051 is 1240 with 15-2099.
    assert source_rows.census_row("15-2041").census_code == "1230"
    assert source_rows.census_row("15-2051").sharing_socs == ("15-2099",)


def test_data_scientists_o_net_ratings_are_not_borrowed_from_a_specialty() -> None:
    for figure in ("skills", "education_experience"):
        row = source_rows.onet_row("15-2051", figure)
        assert row.onet_code == "15-2051.00"
        assert row.onet_source_code is None
        assert row.rated_specialties == (
            OnetCode("15-2051.01", "Business Intelligence Analysts"),
            OnetCode("15-2051.02", "Clinical Data Managers"),
        )
        assert "15-2051.01 Business Intelligence Analysts" in row.note
        assert "not used" in row.note
    for table in ("onet_skills", "onet_ete"):
        assert dataset.base_onet_rows(dataset.soc_rows(table, "15-2051")).empty
    assert similarity.most_similar("15-2051") == []
    assert "15-2051" not in similarity.similarity_matrix().index


def test_an_occupation_rated_at_its_own_code_names_that_code() -> None:
    row = source_rows.onet_row("43-4051", "skills")
    assert (row.onet_code, row.onet_source_code, row.note) == ("43-4051.00", "43-4051.00", None)
    # 43-4051.03 Patient Representatives is rated too, and stays out.
    rows = dataset.base_onet_rows(dataset.soc_rows("onet_skills", "43-4051"))
    assert set(rows["onet_code"]) == {"43-4051.00"}


def test_own_exact_rows_carry_no_note() -> None:
    # 11-1021 General and operations managers: no footnote, Census 0020 alone.
    assert source_rows.ep_attainment_row("11-1021").note is None
    assert not source_rows.ep_attainment_row("11-1021").group_row
    assert source_rows.census_row("11-1021").note is None
    assert source_rows.shared_rows("11-1021", "11-1011") == []


def test_a_footnoted_row_of_its_own_is_still_a_group_row() -> None:
    # "Chief executives[1]" 11-1011: footnoted, shares with no other occupation.
    ep = source_rows.ep_attainment_row("11-1011")
    assert ep.footnote_1 and ep.sharing_socs == () and ep.group_row


def test_split_soc_codes_list_the_census_occupations_of_their_parts() -> None:
    cps = source_rows.census_row("31-1120")
    assert cps.census_code is None
    assert cps.parts == (
        CensusPart("3601", "Home health aides"),
        CensusPart("3602", "Personal care aides"),
    )
    assert "3601 Home health aides; 3602 Personal care aides" in cps.note
    assert [p.census_code for p in source_rows.census_row("13-1020").parts] == [
        "0510",
        "0520",
        "0530",
    ]
    assert [p.census_code for p in source_rows.census_row("21-1018").parts] == ["2001", "2004"]


def test_coverage_table_splits_own_and_group_rows() -> None:
    table = coverage_table().set_index("figure")
    # 458 of 830 occupations carry EP footnote 1; 401 share a Census code (issue 10).
    assert table.loc["Educational attainment", ["own row", "group row"]].tolist() == [372, 458]
    assert table.loc["Census occupation (crosswalk)", ["own row", "group row"]].tolist() == [
        426,
        401,
    ]
    # O*NET: only the .00 occupation's ratings count (25 and 31 SOC codes lose borrowed data).
    assert table.loc["Skills (importance, level)", "occupations"] == 750 - 25
    assert table.loc["Education / experience distributions", "occupations"] == 741 - 31
    for _, row in table.iterrows():
        assert row["own row"] + row["group row"] == row["occupations"]
