"""Figures beyond the career sites: women's pay as % of men's, most common major, cost of living."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.comparison.pair import compare
from analysis.occupations import living_costs, majors
from analysis.occupations.profile import profile


def test_women_to_men_earnings_from_cps_table_39():
    # CPS Table 39 (2025): CSR women $903, men $1,053 -> 903 / 1053 = 85.75...% -> 85.8
    csr = profile("43-4051")
    assert csr.women_median_weekly == 903 and csr.men_median_weekly == 1053
    assert csr.women_to_men_earnings_pct == pytest.approx(85.8)
    # Order clerks: both sex medians are dashes in the table -> null, with the BLS note
    oc = profile("43-4151")
    assert oc.women_to_men_earnings_pct is None
    # the table's "Dash indicates ... base is less than 50,000" note, in plain words
    assert "fewer than 50,000 people are employed in it" in oc.why_missing(
        "women_to_men_earnings_pct"
    )
    gap = compare("43-4051", "43-4151")["gaps"]["women_to_men_earnings_pct"]
    assert gap["difference"] is None and gap["reason"]


def test_price_parity_adjustment_worked_by_hand():
    states = pd.DataFrame(
        {
            "area_name": ["California", "Texas", "Puerto Rico"],
            "annual_mean_wage": [54640.0, 45000.0, 30000.0],
        }
    )
    out = living_costs.adjust(states).set_index("area_name")
    # BEA 2023 all-items RPP: California 112.581 -> 54,640 / 1.12581 = 48,533.9
    assert out.loc["California", "annual_mean_wage_adjusted"] == pytest.approx(48533.9, abs=0.1)
    # Texas 97.175 -> 45,000 / 0.97175 = 46,308.2
    assert out.loc["Texas", "annual_mean_wage_adjusted"] == pytest.approx(46308.2, abs=0.1)
    assert "Puerto Rico" not in out.index  # BEA publishes no parity for territories
    assert list(out.index) == ["California", "Texas"]  # ranked by adjusted wage


def test_cost_adjusted_best_state_in_profile():
    adjusted = profile("43-4051").highest_paying_state_cost_adjusted
    expected = adjusted.annual_mean_wage / (adjusted.price_parity / 100)
    assert adjusted.annual_mean_wage_adjusted == pytest.approx(expected, abs=0.5)
    # 43-4051 before adjustment (CLI output): North Dakota 47,640 at RPP 88.572 -> 53,787
    assert (adjusted.name, adjusted.annual_mean_wage_adjusted) == ("North Dakota", 53787)


@pytest.mark.parametrize(
    ("soc", "group"),
    [
        ("43-4051", "Office support"),
        ("15-1252", "Computer workers"),
        ("29-1141", "Health care"),
        ("23-1011", "Legal"),
        ("41-2031", "Sales"),
    ],
)
def test_most_common_major_by_group(soc, group):
    major = majors.most_common_major(soc)
    assert major.group == group
    assert 0 < major.share_pct <= 100


def test_most_common_major_office_support_share_by_hand():
    # ACS 2019 Table 1, Total panel, Office support: Business 1,046,000 of 3,415,070 = 30.6 %
    major = majors.most_common_major("43-4051")
    assert major.field == "Business" and major.share_pct == pytest.approx(30.6)
