"""Seaborn figures for a comparison. Each returns a Figure; none calls ``plt.show``.

One colour per profession throughout a report: :data:`COLOR_A` for the first,
:data:`COLOR_B` for the second. Axes always carry units.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.comparison.gaps import education_distributions, race_composition, wage_percentiles
from analysis.comparison.pair import Comparison
from analysis.occupations.contract import Profile

COLOR_A = "#1b6ca8"
COLOR_B = "#d9822b"
_DOLLARS = FuncFormatter(lambda x, _pos: f"${x:,.0f}")


def _palette(comp: Comparison) -> dict[str, str]:
    return {comp.a.title: COLOR_A, comp.b.title: COLOR_B}


def _figure(width: float = 7.5, height: float = 4.0) -> tuple[Figure, plt.Axes]:
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(width, height), dpi=90)
    return fig, ax


def _long(frame: pd.DataFrame, comp: Comparison, label: str) -> pd.DataFrame:
    """Reshape a frame with ``a``/``b`` columns to long form keyed by profession title."""
    out = frame.melt(id_vars=[label], value_vars=["a", "b"], var_name="who", value_name="value")
    out["profession"] = out["who"].map({"a": comp.a.title, "b": comp.b.title})
    return out.dropna(subset=["value"])


def _empty(ax: plt.Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def _bars(
    ax: plt.Axes,
    comp: Comparison,
    data: pd.DataFrame,
    category: str,
    value: str,
    empty: str,
    horizontal: bool = True,
) -> bool:
    """Grouped bars, one colour per profession; the ``empty`` message when there is no data.

    Returns:
        True when bars were drawn.
    """
    if data.empty:
        _empty(ax, empty)
        return False
    x, y = (value, category) if horizontal else (category, value)
    sns.barplot(
        data=data,
        x=x,
        y=y,
        hue="profession",
        palette=_palette(comp),
        ax=ax,
        orient="h" if horizontal else "v",
        saturation=1,
    )
    return True


def _finish(fig: Figure, ax: plt.Axes, xlabel: str, ylabel: str, title: str) -> Figure:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def _pivot_long(rows: list[dict[str, Any]], comp: Comparison, label: str) -> pd.DataFrame:
    """Rows of {label, who, value} to the long, titled form the bar helper draws."""
    data = pd.DataFrame(rows).pivot(index=label, columns="who", values="value").reset_index()
    order = list(dict.fromkeys(r[label] for r in rows))  # keep the order rows were given in
    data[label] = pd.Categorical(data[label], categories=order, ordered=True)
    data = data.sort_values(label)
    data[label] = data[label].astype(str)
    return _long(data, comp, label)


def wage_percentile_chart(comp: Comparison) -> Figure:
    """Annual wage at the 10th, 25th, 50th, 75th and 90th percentiles (OEWS)."""
    fig, ax = _figure()
    percentiles = wage_percentiles(comp.a, comp.b)
    data = _long(percentiles[["percentile", "a", "b"]], comp, "percentile")
    if data.empty:
        _empty(ax, "No wage percentiles published")
    else:
        sns.pointplot(
            data=data,
            x="percentile",
            y="value",
            hue="profession",
            palette=_palette(comp),
            ax=ax,
            markers="o",
            dodge=0.2,
        )
        ax.yaxis.set_major_formatter(_DOLLARS)
    source = "OEWS May 2025" if comp.dataset == "public" else "as the seed page shows them"
    return _finish(
        fig, ax, f"Wage percentile ({source})", "Annual wage (US dollars)", "Wage distribution"
    )


def top_states_chart(comp: Comparison, n: int = 5) -> Figure:
    """The ``n`` best paying states of each profession by annual mean wage."""
    fig, ax = _figure(height=4.5)
    frames = [
        states.head(n)[["area_name", "annual_mean_wage"]].assign(profession=title)
        for title, states in ((comp.a.title, comp.states_a), (comp.b.title, comp.states_b))
        if len(states)
    ]
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if _bars(ax, comp, data, "area_name", "annual_mean_wage", "No state wages published"):
        ax.xaxis.set_major_formatter(_DOLLARS)
    return _finish(
        fig,
        ax,
        "Annual mean wage (US dollars, OEWS May 2025)",
        "State",
        f"Top {n} paying states of each profession",
    )


def education(comp: Comparison) -> Figure:
    """Educational attainment of workers 25+ (BLS EP Table 5.3), percent."""
    fig, ax = _figure(height=4.5)
    data = _long(education_distributions(comp.a, comp.b), comp, "level")
    _bars(ax, comp, data, "level", "value", "No educational attainment distribution published")
    return _finish(
        fig,
        ax,
        "Share of workers aged 25+ (percent)",
        "Highest level of education",
        "Educational attainment",
    )


def demographics(comp: Comparison) -> Figure:
    """Women's share and race composition (CPS Table 11), percent."""
    fig, ax = _figure(height=4.0)
    rows = []
    for who, p in (("a", comp.a), ("b", comp.b)):
        shares = {"Women": p.women_pct}
        shares.update(
            race_composition(p)
            or {"White": None, "Black": None, "Asian": None, "Other races": None}
        )
        shares["Hispanic or Latino (any race)"] = p.race_pct.hispanic if p.race_pct else None
        rows.extend({"group": g, "who": who, "value": v} for g, v in shares.items())
    _bars(
        ax,
        comp,
        _pivot_long(rows, comp, "group"),
        "group",
        "value",
        "No demographic shares published",
    )
    return _finish(
        fig, ax, "Share of employed people (percent)", "Group", "Demographic composition"
    )


def gender_earnings(comp: Comparison) -> Figure:
    """Men's and women's median weekly earnings of each profession (CPS Table 39)."""
    fig, ax = _figure(height=3.8)

    def by_sex(p: Profile) -> tuple[tuple[str, float | None], ...]:
        return ("Men", p.men_median_weekly), ("Women", p.women_median_weekly)

    rows = [
        {"sex": sex, "who": who, "value": value}
        for who, p in (("a", comp.a), ("b", comp.b))
        for sex, value in by_sex(p)
    ]
    if _bars(
        ax,
        comp,
        _pivot_long(rows, comp, "sex"),
        "sex",
        "value",
        "Median weekly earnings by sex not published (CPS Table 39)",
        horizontal=False,
    ):
        ax.yaxis.set_major_formatter(_DOLLARS)
    return _finish(
        fig,
        ax,
        "Sex (full-time wage and salary workers, CPS 2025)",
        "Median weekly earnings (US dollars)",
        "Median weekly earnings by sex",
    )


def cost_adjusted_states(comp: Comparison, n: int = 5) -> Figure:
    """Nominal against price-parity adjusted annual mean wage in each profession's top states."""
    from analysis.occupations.living_costs import adjust

    fig, ax = _figure(height=4.5)
    frames = []
    for title, states in ((comp.a.title, comp.states_a), (comp.b.title, comp.states_b)):
        adjusted = adjust(states.head(n)) if len(states) else states
        if len(adjusted):
            frames.append(adjusted.assign(profession=title))
    if not frames:
        _empty(ax, "No state wages with price parities")
    else:
        data = pd.concat(frames, ignore_index=True)
        sns.scatterplot(
            data=data,
            x="annual_mean_wage",
            y="annual_mean_wage_adjusted",
            hue="profession",
            palette=_palette(comp),
            s=70,
            ax=ax,
        )
        for row in data.itertuples():
            ax.annotate(
                row.area_name,
                (row.annual_mean_wage, row.annual_mean_wage_adjusted),
                fontsize=7,
                xytext=(3, 3),
                textcoords="offset points",
            )
        low = min(data["annual_mean_wage"].min(), data["annual_mean_wage_adjusted"].min())
        high = max(data["annual_mean_wage"].max(), data["annual_mean_wage_adjusted"].max())
        ax.plot([low, high], [low, high], color="#888", linewidth=1, linestyle="--")
        ax.xaxis.set_major_formatter(_DOLLARS)
        ax.yaxis.set_major_formatter(_DOLLARS)
    return _finish(
        fig,
        ax,
        "Annual mean wage, nominal (US dollars, OEWS May 2025)",
        "Adjusted for state prices (US dollars, BEA RPP 2023)",
        f"Top {n} paying states: nominal vs cost of living adjusted",
    )
