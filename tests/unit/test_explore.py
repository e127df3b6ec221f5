"""The explore notebook's questions, on a small pairs table written out here."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.export import explore

# Six pairs; three nearest neighbours (rank <= 3); one pair without a wage gap, one without
# a significance verdict, one pair of one Census occupation (no women's-share gap).
PAIRS = """\
annual_mean_wage_difference,annual_mean_wage_significant,skill_similarity,neighbour_rank,women_pct_difference,shared_census_row,shared_ep_row
1000,True,0.9,1,5.0,False,False
-3000,False,0.8,2,,True,False
5000,True,0.6,3,-10.0,False,False
-20000,True,-0.2,40,30.0,False,False
40000,,0.1,100,-25.0,False,False
,,0.3,200,,False,False
"""


@pytest.fixture()
def t() -> dict[str, pd.DataFrame]:
    pairs = pd.read_csv(
        io.StringIO(PAIRS),
        dtype={
            "annual_mean_wage_significant": "boolean",
            "neighbour_rank": "Int32",
            "shared_census_row": bool,
            "shared_ep_row": bool,
        },
    )
    return {"occupations": pd.DataFrame({"soc": ["a", "b", "c", "d"]}), "pairs": pairs}


def test_wage_gaps_of_neighbours_against_all_other_pairs(t: dict[str, pd.DataFrame]) -> None:
    table = explore.wage_gaps_table(t, 3)
    near = table["nearest neighbours (top 3)"]
    assert near["Pairs with a gap"] == "3"
    assert near["Median gap (either way)"] == "$3,000"  # |1000|, |-3000|, |5000|
    assert near["Significant at 95 %"] == "66.7%"  # 2 of 3
    rest = table["all other pairs"]
    assert rest["Pairs with a gap"] == "2"
    assert rest["Median gap (either way)"] == "$30,000"  # |-20000|, |40000|
    assert rest["Significant at 95 %"] == "100.0%"  # 1 of the 1 with a verdict
    text = explore.wage_gaps_text(t, 3).data
    assert "$3,000 at the median (3 pairs)" in text and "$30,000 for all other pairs (2)" in text


def test_the_overview_counts_pairs_and_what_they_have(t: dict[str, pd.DataFrame]) -> None:
    rows = explore.overview(t)["Pairs"]
    assert rows["Pairs (every unordered pair)"] == "6"
    assert rows["Pairs with a mean wage gap"] == "5 (83.3%)"
    assert rows["... of which significant at 95 %"] == "3 (60.0%)"
    assert rows["Pairs sharing one CPS row (no CPS gap)"] == "1 (16.7%)"


def test_women_gaps_by_similarity_band_say_what_is_missing(t: dict[str, pd.DataFrame]) -> None:
    table = explore.women_table(t)
    top = table.loc["+0.75 to +1.00"]
    assert top["Pairs"] == "2" and top["With a women's-share gap"] == "1"
    assert top["No gap: one Census occupation"] == "1"
    text = explore.women_text(t).data
    assert "2 of 6 pairs have no women's-share gap" in text
    assert "survey estimates" in text and "no gap is called significant" in text


def test_the_figures_draw(t: dict[str, pd.DataFrame]) -> None:
    for fig in (explore.wage_gaps_figure(t), explore.similarity_figure(t), explore.women_figure(t)):
        assert fig.axes[0].get_title()
        plt.close(fig)
