"""Place a pair among all occupations: pay against education, women's share against pay."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay
from analysis.occupations.lookup import resolve
from analysis.presentation.plots import COLOR_A, COLOR_B

BACHELORS_OR_MORE = ("Bachelor's degree", "Master's degree", "Doctoral or professional degree")


def occupation_table(group: str | None = None) -> pd.DataFrame:
    """One row per occupation: pay, share with a bachelor's or more, women's share.

    Args:
        group: SOC major-group prefix ("43" or "43-0000") to keep; None for all.

    Returns:
        soc, title, major_group_title, employment, annual_mean_wage,
        bachelors_or_more_pct, women_pct, sorted by SOC.
    """
    occ = dataset.table("occupations")[["soc", "title", "major_group_title"]]
    nat = pay.cross_industry(dataset.table("oews_wages"), "national")
    edu = dataset.table("education_attainment")
    degree = (
        edu[edu["level"].isin(BACHELORS_OR_MORE)]
        .groupby("soc", as_index=False)["share_pct"]
        .sum(min_count=1)
        .rename(columns={"share_pct": "bachelors_or_more_pct"})
    )
    demo = dataset.table("demographics")[["soc", "women_pct"]]
    out = (
        occ.merge(nat[["soc", "employment", "annual_mean_wage"]], on="soc", how="left")
        .merge(degree, on="soc", how="left")
        .merge(demo, on="soc", how="left")
    )
    if group:
        out = out[out["soc"].str.startswith(group[:2])]
    return out.sort_values("soc", ignore_index=True)


def _scatter(
    table: pd.DataFrame, x: str, y: str, highlight: list[str], xlabel: str, ylabel: str, title: str
) -> Figure:
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=90)
    data = table.dropna(subset=[x, y])
    ax.scatter(data[x], data[y], s=14, color="#9aa5b1", alpha=0.6, label="all occupations")
    for soc, color in zip(highlight, (COLOR_A, COLOR_B), strict=False):
        row = data[data["soc"] == soc]
        if len(row):
            ax.scatter(
                row[x],
                row[y],
                s=90,
                color=color,
                edgecolor="black",
                zorder=3,
                label=row["title"].iloc[0],
            )
    dollars = FuncFormatter(lambda v, _p: f"${v:,.0f}")
    for axis, column in ((ax.xaxis, x), (ax.yaxis, y)):
        if column == "annual_mean_wage":
            axis.set_major_formatter(dollars)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    return fig


def pay_vs_education(table: pd.DataFrame, highlight: list[str]) -> Figure:
    """Annual mean wage against the share of workers with a bachelor's degree or more."""
    return _scatter(
        table,
        "bachelors_or_more_pct",
        "annual_mean_wage",
        highlight,
        "Workers 25+ with a bachelor's degree or more (percent, BLS EP 5.3)",
        f"Annual mean wage (US dollars, {SOURCES['oews'].label})",
        "Pay against education",
    )


def women_vs_pay(table: pd.DataFrame, highlight: list[str]) -> Figure:
    """Women's share of employment against annual mean wage."""
    return _scatter(
        table,
        "annual_mean_wage",
        "women_pct",
        highlight,
        f"Annual mean wage (US dollars, {SOURCES['oews'].label})",
        f"Women's share of employed (percent, CPS {SOURCES['cps11'].vintage})",
        "Women's share against pay",
    )


def highlight_socs(*queries: str) -> list[str]:
    """Resolve the professions to highlight."""
    return [resolve(q).soc for q in queries]
