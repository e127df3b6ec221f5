"""The landscape notebook's pieces: formatted summary, labelled pair, a note for what is missing."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.data import dataset
from analysis.presentation import landscape

PAIR = ["43-4151", "43-4051"]


@pytest.fixture(scope="module")
def group43() -> pd.DataFrame:
    return landscape.occupation_table("43")


def test_the_group_label_names_the_soc_group(group43: pd.DataFrame) -> None:
    assert landscape.group_label(group43) == (
        "SOC group 43 (Office and Administrative Support Occupations)"
    )
    assert landscape.group_label(landscape.occupation_table(None)) == "all occupations"
    assert landscape.heading(group43).data.endswith(": 54 occupations.")


def test_the_summary_is_formatted_not_a_describe_dump(group43: pd.DataFrame) -> None:
    summary = landscape.summary(group43)
    wage = summary.loc["Annual mean wage"]
    assert wage["Occupations with it"] == "54 of 54"
    # OEWS May 2025, national: the group's median of the 54 mean wages, in dollars
    assert wage["Median"] == f"${group43['annual_mean_wage'].median():,.0f}"
    assert wage["Median"].startswith("$") and "." not in wage["Median"]
    women = summary.loc["Women's share of the employed"]
    demo = dataset.table("demographics")
    published = demo[demo["soc"].str.startswith("43") & demo["women_pct"].notna()]
    assert women["Occupations with it"] == f"{len(published)} of 54" == "37 of 54"
    assert all("_" not in column for column in summary.columns)


def test_the_missing_note_counts_and_names_what_the_chart_drops(group43: pd.DataFrame) -> None:
    note = landscape.missing_note(group43, "annual_mean_wage", "women_pct").data
    assert "17 of the 54 occupations" in note and "(37 shown)" in note
    assert "no women's share" in note and "never counted as zero" in note
    full = landscape.missing_note(group43, "bachelors_or_more_pct", "annual_mean_wage").data
    assert full.startswith("All 54 occupations")


def test_the_chart_labels_the_pair_and_its_legend_names_the_group(
    group43: pd.DataFrame,
) -> None:
    fig = landscape.women_vs_pay(group43, PAIR)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["Order clerks", "Customer service representatives"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "SOC group 43 (Office and Administrative Support Occupations): 37 occupations with "
        "both figures"
    ]
    assert "all occupations" not in " ".join(legend)
    plt.close(fig)


def test_each_chart_has_a_sentence_with_the_pairs_figures(group43: pd.DataFrame) -> None:
    text = landscape.pay_vs_education_text(group43, PAIR).data
    # OEWS May 2025 national annual means: 43-4151 $48,220, 43-4051 $46,590
    assert "Order clerks:" in text and "$48,220 a year" in text and "$46,590 a year" in text
    assert "Spearman rank correlation" in text and "not a causal claim" in text
    women = landscape.women_vs_pay_text(group43, PAIR).data
    assert "survey estimates" in women
    # CPS 2023 Table 11: order clerks 58.3 % women, customer service representatives 65.3 %
    assert "58.3% women" in women and "65.3% women" in women


def test_pair_rows_rank_within_the_group(group43: pd.DataFrame) -> None:
    rows = landscape.pair_rows(group43, PAIR)
    # 43-4051 has the most jobs of group 43 (2,595,750, OEWS May 2025)
    assert rows.loc["43-4051", "Jobs"] == "2,595,750 (#1 of 54)"
