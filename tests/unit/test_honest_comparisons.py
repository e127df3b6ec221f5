"""Issue 10: comparisons say what the sources can and cannot tell apart.

Hand-worked from the raw files (see tests/unit/test_source_rows.py for the EP
Table 5.3 and Census rows): 53-3032 and 53-3033 are one EP row and one Census
occupation (9130); 15-2051 and 15-2041 are one EP row; 41-4011 and 41-4012 are
one EP row and one Census occupation (4750, "Sales representatives,
wholesale and manufacturing") and must not both be "a sales representative".
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.batch.index import summarize
from analysis.comparison import gaps
from analysis.comparison.pair import comparison
from analysis.data import dataset
from analysis.occupations import similarity
from analysis.occupations.profile import profile
from analysis.presentation import narrative

EP_REASON = (
    "both occupations are published as one group (EP Table 5.3 footnote 1): this source "
    "cannot tell them apart"
)
CPS_9130 = (
    "both occupations are published as one group (Census occupation 9130): this source "
    "cannot tell them apart"
)


def _cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_truck_drivers_get_no_numeric_education_or_demographic_gap() -> None:
    comp = comparison("53-3032", "53-3033")
    edu, demo = comp.gaps.education, comp.gaps.demographics
    assert edu.education_dissimilarity is None
    assert edu.education_dissimilarity_reason == EP_REASON
    assert demo.race_dissimilarity is None
    assert demo.race_dissimilarity_reason == CPS_9130
    # CPS Table 11 (2023), Census 9130: women 6.9 %, White 72.4, Black 20.5, Asian 3.5,
    # Hispanic 24.1; Table 11b (2025) median age 46.4: the same row on both sides.
    assert (demo.women_pct.a, demo.women_pct.b) == (6.9, 6.9)
    assert (demo.median_age.a, demo.median_age.b) == (46.4, 46.4)
    plain = [demo.women_pct, demo.median_age, demo.women_to_men_earnings_pct]
    plain += [demo.race_pct.white, demo.race_pct.black, demo.race_pct.asian]
    plain += [demo.race_pct.hispanic]
    for gap in plain:
        assert gap.difference is None
        assert gap.reason == CPS_9130
    payload = comp.to_json()["gaps"]
    assert payload["education_dissimilarity"] is None
    assert payload["race_dissimilarity"] is None
    assert payload["women_pct"]["difference"] is None
    # Pay is OEWS, published per occupation: still a measured difference.
    assert comp.gaps.pay.annual_mean_wage.difference == 59710 - 48770


def test_truck_drivers_markdown_and_narrative_state_no_difference() -> None:
    text = _cli("compare", "53-3032", "53-3033", "--format", "markdown")
    assert f"- Educational attainment: no difference, {EP_REASON}." in text
    assert (
        f"- Median age, women's share, race shares, women's pay (CPS): no difference, "
        f"{CPS_9130}." in text
    )
    # the group is named in plain words beside each figure, not by its code
    assert (
        "6.9% [This figure is for the Census group 'Driver/sales workers and truck drivers', "
        "which also covers Driver/Sales Workers and Light Truck Drivers.]" in text
    )
    assert "group row: Census occupation" not in text
    paragraph = narrative.paragraphs(comparison("53-3032", "53-3033"))[0]
    assert (
        "The sources publish the two occupations as one group for educational attainment "
        "(BLS EP Table 5.3) and age, sex, race and women's pay (CPS), so those figures "
        "cannot tell them apart." in paragraph
    )


def test_data_scientists_and_statisticians_share_only_the_attainment_row() -> None:
    comp = comparison("15-2051", "15-2041")
    assert comp.gaps.education.education_dissimilarity is None
    assert comp.gaps.education.education_dissimilarity_reason == EP_REASON
    # CPS: 15-2051 is Census 1240 (with 15-2099), 15-2041 is 1230 on its own; 1230's
    # women's share is not published, so that gap is missing for that reason instead.
    assert comp.gaps.demographics.women_pct.reason == (
        "the figure is missing for the second profession"
    )
    notes = gaps.comparability_notes(comp.a, comp.b)
    assert notes == [
        f"Educational attainment: no difference, {EP_REASON}.",
        "Median age, women's share, race shares, women's pay (CPS): group row (Data "
        "Scientists: CPS figures of Census occupation 1240 'Other mathematical science "
        "occupations', which also covers 1 other occupation(s)).",
    ]


def test_a_one_sided_group_row_keeps_the_gap_with_a_caveat() -> None:
    # 15-2051 (Census 1240, shared with 15-2099) vs 43-4051 (Census 5240, its own):
    # women 50.7 % vs 65.3 % (CPS Table 11, 2023), a difference of -14.6 points.
    comp = comparison("15-2051", "43-4051")
    women = comp.gaps.demographics.women_pct
    assert women.difference == pytest.approx(50.7 - 65.3)
    assert women.reason is None
    assert women.caveat == (
        "Data Scientists: CPS figures of Census occupation 1240 'Other mathematical science "
        "occupations', which also covers 1 other occupation(s)"
    )
    assert comp.gaps.demographics.race_dissimilarity is not None
    assert comp.gaps.demographics.race_dissimilarity_caveat == women.caveat
    edu = comp.gaps.education
    assert edu.education_dissimilarity is not None
    assert edu.education_dissimilarity_caveat.startswith(
        "Data Scientists: the attainment row of a broader ACS occupation group (EP Table 5.3 "
        "footnote 1), also given to 3 other occupation(s)"
    )


def test_the_two_sales_representatives_have_different_names_in_the_narrative() -> None:
    text = _cli("compare", "41-4011", "41-4012", "--format", "markdown")
    assert "a sales representative has" not in text
    assert "of a sales representative." not in text
    # OEWS national means $119,730 and $82,530; the gap is significant, so "earn more".
    assert (
        "Sales representatives (wholesale and manufacturing, technical and scientific "
        "products) earn more on average than sales representatives (wholesale and "
        "manufacturing, except technical and scientific products): a mean annual wage of "
        "$119,730 against $82,530, $37,200 more" in text
    )
    comp = comparison("41-4011", "41-4012")
    assert comp.gaps.education.education_dissimilarity is None
    assert comp.gaps.demographics.women_pct.difference is None


def test_profile_of_food_service_managers_names_an_msa_and_the_nonmetro_area_apart() -> None:
    p = profile("11-9051")
    assert p.highest_paying_metro.name == "Seattle-Tacoma-Bellevue, WA"
    assert p.highest_paying_metro.kind == "metropolitan statistical area"
    assert (p.highest_paying_metro.annual_mean_wage, p.highest_paying_metro.employment) == (
        104480,
        760,
    )
    assert p.highest_paying_nonmetro_area.name == "Northwest Colorado nonmetropolitan area"
    assert p.highest_paying_nonmetro_area.annual_mean_wage == 105830


def test_profile_of_emergency_physicians_discloses_top_coded_states() -> None:
    p = profile("29-1214")
    state = p.highest_paying_state
    assert (state.name, state.annual_mean_wage) == ("Maryland", 387020)
    assert state.top_coded == [
        "Colorado",
        "Illinois",
        "Oregon",
        "Pennsylvania",
        "Virginia",
        "Wisconsin",
    ]
    assert "6 states with at least 500 jobs left out of the ranking" in state.note
    # Maryland vs Michigan: z = 9,360 / sqrt(SE_MD^2 + SE_MI^2) well under 1.96 (issue 18)
    assert state.tied_with[0].name == "Michigan"
    assert p.to_json()["highest_paying_state"]["tied_with"][0]["name"] == "Michigan"


def test_data_scientists_profile_borrows_no_o_net_data() -> None:
    p = profile("15-2051")
    onet = p.source_rows.onet_skills
    assert (onet.onet_code, onet.onet_source_code) == ("15-2051.00", None)
    assert [o.onet_code for o in onet.rated_specialties] == ["15-2051.01", "15-2051.02"]
    assert p.top_skills is None
    assert p.missing["top_skills"] == onet.note
    assert "15-2051.01 Business Intelligence Analysts" in p.missing["top_skills"]
    assert p.onet_on_the_job_training is None
    # time to become one is BLS's EP Table 5.4 assignment (Bachelor's degree, none, none)
    assert p.time_to_become == "a bachelor's degree"
    assert "15-2051.01" in p.missing["onet_on_the_job_training"]
    assert p.similar == []
    payload = p.to_json()
    assert payload["source_rows"]["onet_skills"]["onet_source_code"] is None
    assert payload["source_rows"]["education_attainment"]["footnote_1"] is True


def test_actors_have_no_annual_rse_without_an_annual_mean() -> None:
    # 27-2011 Actors: OEWS publishes the hourly mean only (footnote 4); wage RSE 8.4 %.
    p = profile("27-2011")
    assert p.annual_mean_wage is None and p.wage_rse == 8.4
    assert p.annual_mean_wage_rse is None
    assert p.missing["annual_mean_wage_rse"].startswith("no annual mean wage is published")


def test_an_exact_half_is_the_median_category() -> None:
    # O*NET 30.1 PT (on-site training) of 11-9161.00: 9.09 + 18.18 + 9.09 + 13.64 = 50.00
    # of 100.00 at category 4, "Over 3 months, up to and including 6 months".
    rows = dataset.base_onet_rows(dataset.soc_rows("onet_ete", "11-9161"))
    pt = rows[rows["scale"] == "PT"].sort_values("category")
    assert pt["pct"].head(4).tolist() == [9.09, 18.18, 9.09, 13.64]
    assert profile("11-9161").onet_on_site_training == (
        "Over 3 months, up to and including 6 months"
    )


def test_no_similar_pair_gets_a_numeric_gap_from_a_shared_row(profile_cache) -> None:
    """Every pair of `analysis pairs --similar 3`, the shared rows found from the tables."""
    education = dataset.table("education_attainment")
    shares = {
        soc: (tuple(rows.sort_values("level_order")["share_pct"]), rows["footnote"].notna().any())
        for soc, rows in education.groupby("soc")
    }
    demo_table = dataset.table("demographics").dropna(subset=["census_code"])
    census = dict(zip(demo_table["soc"], demo_table["census_code"], strict=True))
    shared_ep = shared_cps = 0
    for soc_a, soc_b in similarity.similar_pairs(3):
        pa, pb = profile_cache(soc_a), profile_cache(soc_b)
        if shares[soc_a] == shares[soc_b] and shares[soc_a][1]:
            shared_ep += 1
            assert gaps.education_gap(pa, pb).education_dissimilarity is None
        if soc_a in census and census[soc_a] == census.get(soc_b):
            shared_cps += 1
            demo = gaps.demographic_gap(pa, pb)
            assert demo.race_dissimilarity is None
            numbers = [demo.women_pct, demo.median_age, demo.women_to_men_earnings_pct]
            numbers += [getattr(demo.race_pct, g) for g in ("white", "black", "asian", "hispanic")]
            assert all(g.difference is None for g in numbers), (soc_a, soc_b)
    # 1,781 pairs: the standardised skill similarity over .00 O*NET ratings only.
    assert (shared_ep, shared_cps) == (158, 143)


def test_index_summary_carries_why_a_gap_is_absent() -> None:
    summary = summarize(comparison("53-3032", "53-3033").to_json())
    assert summary.education_dissimilarity is None
    assert summary.education_dissimilarity_reason == EP_REASON
    assert summary.race_dissimilarity_reason == CPS_9130
    assert summary.women_pct_gap is None and summary.women_pct_gap_reason == CPS_9130
