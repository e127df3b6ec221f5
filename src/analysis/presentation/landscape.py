"""Place a pair among the occupations of a SOC group: summaries, two seaborn charts, their notes.

What ``notebooks/landscape.ipynb`` shows, each piece one call: the table of
occupations (:func:`occupation_table`), a formatted summary of it
(:func:`summary`), each chart with the two professions labelled
(:func:`pay_vs_education`, :func:`women_vs_pay`), the sentence that reads it
(:func:`pay_vs_education_text`, :func:`women_vs_pay_text`) and what the chart
leaves out and why (:func:`missing_note`). Exploration charts, so seaborn
(the report charts stay on plain matplotlib, see README).
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import Markdown
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay
from analysis.occupations.lookup import resolve
from analysis.occupations.names import short_name
from analysis.presentation.formatting import money, number, percent
from analysis.presentation.plots import COLOR_A, COLOR_B

BACHELORS_OR_MORE = ("Bachelor's degree", "Master's degree", "Doctoral or professional degree")

_OEWS = SOURCES["oews"].label
_CPS = f"CPS {SOURCES['cps11'].vintage}"


@dataclass(frozen=True)
class Column:
    """One column of the occupation table as readers see it."""

    label: str
    source: str
    kind: str  # "money", "percent" or "count"
    phrase: str  # how a sentence gives one occupation's figure, "{}" the formatted value


FIGURES: dict[str, Column] = {
    "annual_mean_wage": Column("Annual mean wage", _OEWS, "money", "{} a year on average"),
    "employment": Column("Jobs", _OEWS, "count", "{} jobs"),
    "bachelors_or_more_pct": Column(
        "Workers 25+ with a bachelor's degree or more",
        "BLS EP Table 5.3",
        "percent",
        "{} of workers 25+ with a bachelor's degree or more",
    ),
    "women_pct": Column("Women's share of the employed", _CPS, "percent", "{} women"),
}
"""The figures of the landscape table, in the order the summary lists them."""

WHY_MISSING = {
    "annual_mean_wage": f"no annual mean wage in {_OEWS} (not released, or hourly only)",
    "bachelors_or_more_pct": "no educational attainment row in BLS EP Table 5.3",
    "women_pct": (
        f"no women's share in {_CPS} (the Census occupation's figures are not published, "
        "or no single Census occupation covers the SOC code)"
    ),
}
"""Why an occupation has no point in a chart, per missing figure."""


def occupation_table(group: str | None = None) -> pd.DataFrame:
    """One row per occupation: pay, share with a bachelor's or more, women's share.

    Args:
        group: SOC major-group prefix ("43" or "43-0000") to keep; None for all.

    Returns:
        soc, title, major_group_title, employment, annual_mean_wage,
        bachelors_or_more_pct, women_pct, sorted by SOC.
    """
    occ = dataset.table("occupations")[["soc", "title", "major_group_title"]]
    nat = pay.national_rows()
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


def group_label(table: pd.DataFrame) -> str:
    """What the table covers: "SOC group 43 (Office and Administrative Support Occupations)"."""
    groups = table["major_group_title"].dropna().unique()
    if len(groups) == 1:
        return f"SOC group {table['soc'].iloc[0][:2]} ({groups[0]})"
    return "all occupations"


def heading(table: pd.DataFrame) -> Markdown:
    """What the notebook covers, as a line above the summary."""
    return Markdown(f"**{group_label(table)}**: {len(table)} occupations.")


def highlight_socs(*queries: str) -> list[str]:
    """Resolve the professions to highlight."""
    return [resolve(q).soc for q in queries]


def _name(soc: str) -> str:
    """The occupation's short plural name, capitalised to stand first in a sentence or cell."""
    name = short_name(soc).plural
    return name[:1].upper() + name[1:]


def _formatted(value: float, kind: str) -> str:
    if kind == "money":
        return money(value)
    if kind == "percent":
        return percent(value, 1)
    return f"{value:,.0f}"


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """The table's figures summarised for reading: how many have each, median, range.

    Returns:
        One row per figure: its label and source, how many occupations publish it,
        the median, the 10th and 90th percentiles and the lowest and highest
        occupations (by short name), as formatted text.
    """
    rows = []
    for column, fig in FIGURES.items():
        values = table.dropna(subset=[column])
        if values.empty:
            continue
        series = values[column]
        low = values.loc[series.idxmin()]
        high = values.loc[series.idxmax()]
        rows.append(
            {
                "Figure": fig.label,
                "Source": fig.source,
                "Occupations with it": f"{len(values)} of {len(table)}",
                "Median": _formatted(series.median(), fig.kind),
                "10th-90th percentile": (
                    f"{_formatted(series.quantile(0.1), fig.kind)} to "
                    f"{_formatted(series.quantile(0.9), fig.kind)}"
                ),
                "Lowest": f"{_name(low['soc'])} ({_formatted(low[column], fig.kind)})",
                "Highest": f"{_name(high['soc'])} ({_formatted(high[column], fig.kind)})",
            }
        )
    return pd.DataFrame(rows).set_index("Figure")


def pair_rows(table: pd.DataFrame, highlight: list[str]) -> pd.DataFrame:
    """The two professions' rows of the table, formatted, with their rank in the group."""
    rows = []
    for soc in highlight:
        found = table[table["soc"] == soc]
        if found.empty:
            rows.append({"SOC": soc, "Occupation": _name(soc), "Note": "not in this group"})
            continue
        row = found.iloc[0]
        out = {"SOC": soc, "Occupation": _name(soc)}
        for column, fig in FIGURES.items():
            value = row[column]
            if pd.isna(value):
                out[fig.label] = "n/a"
                continue
            rank = int((table[column] > value).sum()) + 1
            of = int(table[column].notna().sum())
            out[fig.label] = f"{_formatted(value, fig.kind)} (#{rank} of {of})"
        rows.append(out)
    return pd.DataFrame(rows).set_index("SOC")


def _dropped(table: pd.DataFrame, x: str, y: str) -> dict[str, list[str]]:
    """Occupations without a point, by the figure they lack (the first missing of x, y)."""
    out: dict[str, list[str]] = {}
    for column in (x, y):
        lacking = table[table[column].isna()]
        for soc in lacking["soc"]:
            if not any(soc in socs for socs in out.values()):
                out.setdefault(column, []).append(soc)
    return out


def missing_note(table: pd.DataFrame, x: str, y: str) -> Markdown:
    """What a chart leaves out: how many occupations, which, and why."""
    dropped = _dropped(table, x, y)
    total = sum(len(s) for s in dropped.values())
    shown = len(table) - total
    if not total:
        return Markdown(f"All {len(table)} occupations of {group_label(table)} are in the chart.")
    parts = []
    for column, socs in dropped.items():
        names = ", ".join(short_name(s).plural for s in socs[:5])  # mid-sentence: as written
        more = f" and {len(socs) - 5} more" if len(socs) > 5 else ""
        parts.append(f"{len(socs)} with {WHY_MISSING[column]} ({names}{more})")
    return Markdown(
        f"**Not in the chart:** {total} of the {len(table)} occupations of {group_label(table)}"
        f" ({shown} shown): " + "; ".join(parts) + ". Missing figures are left out, never "
        "counted as zero."
    )


def _axis_label(column: str) -> str:
    fig = FIGURES[column]
    unit = {"money": "US dollars, ", "percent": "percent, "}.get(fig.kind, "")
    return f"{fig.label} ({unit}{fig.source})"


def _scatter(table: pd.DataFrame, x: str, y: str, highlight: list[str], title: str) -> Figure:
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=90)
    data = table.dropna(subset=[x, y])
    data = data.assign(where=f"{group_label(table)}: {len(data)} occupations with both figures")
    sns.scatterplot(data=data, x=x, y=y, hue="where", palette=["#9aa5b1"], s=22, alpha=0.7, ax=ax)
    for soc, color in zip(highlight, (COLOR_A, COLOR_B), strict=False):
        row = data[data["soc"] == soc]
        if row.empty:
            continue
        px, py = float(row[x].iloc[0]), float(row[y].iloc[0])
        ax.scatter([px], [py], s=110, color=color, edgecolor="black", zorder=3)
        ax.annotate(
            _name(soc),
            (px, py),
            xytext=(8, 8),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            color=color,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": color, "alpha": 0.9},
        )
    dollars = FuncFormatter(lambda v, _p: f"${v:,.0f}")
    for axis, column in ((ax.xaxis, x), (ax.yaxis, y)):
        if column == "annual_mean_wage":
            axis.set_major_formatter(dollars)
    ax.set_xlabel(_axis_label(x))
    ax.set_ylabel(_axis_label(y))
    ax.set_title(title)
    ax.legend(title=None, loc="best", fontsize=8)
    fig.tight_layout()
    return fig


def pay_vs_education(table: pd.DataFrame, highlight: list[str]) -> Figure:
    """Annual mean wage against the share of workers with a bachelor's degree or more."""
    return _scatter(
        table, "bachelors_or_more_pct", "annual_mean_wage", highlight, "Pay against education"
    )


def women_vs_pay(table: pd.DataFrame, highlight: list[str]) -> Figure:
    """Women's share of employment against annual mean wage."""
    return _scatter(table, "annual_mean_wage", "women_pct", highlight, "Women's share against pay")


def _rank_correlation(table: pd.DataFrame, x: str, y: str) -> tuple[float, int]:
    data = table.dropna(subset=[x, y])
    # Spearman's rho is Pearson's r of the ranks (pandas' own method would need scipy)
    return float(data[x].rank().corr(data[y].rank())), len(data)


def _placed(table: pd.DataFrame, soc: str, x: str, y: str) -> str:
    row = table[table["soc"] == soc]
    name = _name(soc)
    if row.empty or row[[x, y]].isna().any(axis=None):
        return f"{name} have no point (a figure is missing)"
    fx, fy = FIGURES[x], FIGURES[y]
    return (
        f"{name}: {fx.phrase.format(_formatted(row[x].iloc[0], fx.kind))}, "
        f"{fy.phrase.format(_formatted(row[y].iloc[0], fy.kind))}"
    )


def _reading(table: pd.DataFrame, x: str, y: str, highlight: list[str]) -> Markdown:
    rho, n = _rank_correlation(table, x, y)
    strength = (
        "a strong" if abs(rho) >= 0.6 else "a moderate" if abs(rho) >= 0.3 else "little or no"
    )
    direction = "" if abs(rho) < 0.3 else (" positive" if rho > 0 else " negative")
    placed = "; ".join(_placed(table, s, x, y) for s in highlight)
    return Markdown(
        f"Across the {n} occupations of {group_label(table)} with both figures, the two show "
        f"{strength}{direction} association (Spearman rank correlation "
        f"{number(rho, 2, signed=True)}; a description of these occupations, not a causal "
        f"claim). {placed}."
    )


def pay_vs_education_text(table: pd.DataFrame, highlight: list[str]) -> Markdown:
    """The sentence that reads the pay-against-education chart."""
    return _reading(table, "bachelors_or_more_pct", "annual_mean_wage", highlight)


def women_vs_pay_text(table: pd.DataFrame, highlight: list[str]) -> Markdown:
    """The sentence that reads the women's-share-against-pay chart (CPS: survey estimates)."""
    text = _reading(table, "annual_mean_wage", "women_pct", highlight).data
    return Markdown(
        text + f" Women's shares are survey estimates ({_CPS}), with no published standard error."
    )
