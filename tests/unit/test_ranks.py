"""Ranks among all occupations, checked against the raw OEWS database and by hand."""

import pytest

from analysis.occupations import ranking as ranking_rule
from analysis.occupations import ranks


def _higher(db, column: str, value: float) -> int:
    """Detailed occupations whose national all-industry cell is above ``value``."""
    (count,) = db.execute(
        f"SELECT count(*) FROM cell c JOIN occupation o "
        f"ON c.key = 'OEUN0000000000000' || o.occupation_code "
        f"WHERE o.display_level = 3 AND c.{column} NOT IN ('-', '#', '*', '**', '') "
        f"AND CAST(c.{column} AS REAL) > ?",
        (value,),
    ).fetchone()
    return count


def test_jobs_rank_counts_the_occupations_with_more_jobs(oews_db):
    s = ranks.standing("43-4051", "employment")  # customer service representatives
    assert s.value == 2_595_750
    assert s.rank == _higher(oews_db, "v01", 2_595_750) + 1 == 9
    assert (s.of, s.occupations) == (830, 830)
    assert s.all_occupations == 155_495_730  # OEWS 00-0000, national, all industries


def test_wage_rank_is_among_occupations_with_a_published_mean(oews_db):
    s = ranks.standing("29-1211", "annual_mean_wage")  # anesthesiologists
    assert s.value == 360_570
    assert s.rank == _higher(oews_db, "v04", 360_570) + 1
    assert s.rank == 6
    # 5 detailed occupations publish hourly wages only (e.g. actors): 825 ranked
    assert s.of == 825 and s.occupations == 830
    assert s.all_occupations == 69_770
    assert ranks.standing("27-2011", "annual_mean_wage").rank is None  # actors


def test_growth_rank_and_the_all_occupations_total():
    s = ranks.standing("43-4151", "employment_change_pct_2024_2034")  # order clerks
    assert s.value == -17.2
    assert s.all_occupations == 3.1  # EP Table 1.2 "Total, all occupations"
    assert s.of == 830
    assert s.rank == 814  # 813 of the 830 line items grow faster than -17.2 %


def test_ties_share_the_better_rank():
    # heavy truck drivers (53-3032) and lawyers (23-1011): median age 46.4 in CPS 11b
    truckers = ranks.standing("53-3032", "median_age")
    lawyers = ranks.standing("23-1011", "median_age")
    assert truckers.value == lawyers.value == 46.4
    # ranked among the 360 distinct Census rows with a median age: 52 rows are older
    assert truckers.rank == lawyers.rank == 53 and truckers.of == 360
    assert truckers.all_occupations == 42.1  # CPS 11b "Total employed"


def test_women_share_ranks_only_published_shares():
    s = ranks.standing("43-4151", "women_pct")
    assert s.value == 58.3 and s.all_occupations == 46.9
    # CPS suppresses the share where the base is under 50,000; the 554 SOCs with a share
    # are 350 distinct Census occupations (issue 18: a shared row counts once), 123 of
    # which have a share above 58.3 %.
    assert s.of == 350 and s.distinct_rows
    assert s.rank == 124


def test_a_shared_census_row_counts_once() -> None:
    # 53-3032 heavy truck drivers and 53-3033 light truck drivers are one Census row
    # (9130, women 6.9 %): one rank, and the denominator counts the row once.
    heavy, light = ranks.standing("53-3032", "women_pct"), ranks.standing("53-3033", "women_pct")
    assert heavy.value == light.value == 6.9
    assert heavy.rank == light.rank == 311
    assert heavy.of == 350
    assert ranks.standing("43-4151", "annual_mean_wage").distinct_rows is False


def test_competition_ranks_share_the_better_rank() -> None:
    import pandas as pd

    ranking = ranking_rule.competition_ranks(pd.Series([5.0, 3.0, None, 3.0, 1.0]))
    # the missing value is not ranked, and not counted in the denominator
    assert ranking.ranks.to_dict() == {0: 1, 1: 2, 3: 2, 4: 4}
    assert ranking.of == 4


def test_highest_first_orders_ties_by_name_and_missing_last() -> None:
    import pandas as pd

    rows = pd.DataFrame(
        {"wage": [200.0, None, 300.0, 200.0, None], "name": ["b", "z", "c", "a", "y"]}
    )
    assert ranking_rule.highest_first(rows, "wage", "name")["name"].tolist() == [
        "c",
        "a",
        "b",
        "y",
        "z",
    ]


def test_no_soc_no_rank():
    s = ranks.standing(None, "annual_mean_wage")
    assert (s.value, s.rank) == (None, None)
    assert s.of == 825
    with pytest.raises(KeyError, match="unknown measure 'salary'"):
        ranks.standing("43-4151", "salary")


def test_peers_share_an_entry_education():
    p = ranks.peers("43-4051")
    assert p == ranks.Peers("High school diploma or equivalent", 326, 830)
    assert ranks.peers("43-4151") == ranks.Peers("Some college, no degree", 7, 830)
    assert ranks.peers(None) == ranks.Peers(None, 0, 830)
