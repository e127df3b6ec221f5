"""Seaborn figures for a comparison. Each returns a Figure; none calls ``plt.show``.

One colour per profession throughout a report: :data:`COLOR_A` for the first,
:data:`COLOR_B` for the second. Axes always carry units.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.compare import Comparison
from analysis.gaps import WAGE_PERCENTILES, education_distributions, race_composition

COLOR_A = "#1b6ca8"
COLOR_B = "#d9822b"
_DOLLARS = FuncFormatter(lambda x, _pos: f"${x:,.0f}")


def _palette(comp: Comparison) -> dict[str, str]:
    return {comp.a["title"]: COLOR_A, comp.b["title"]: COLOR_B}


def _figure(width: float = 7.5, height: float = 4.0) -> tuple[Figure, plt.Axes]:
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(width, height), dpi=90)
    return fig, ax


def _long(frame: pd.DataFrame, comp: Comparison, label: str) -> pd.DataFrame:
    """Reshape a frame with ``a``/``b`` columns to long form keyed by profession title."""
    out = frame.melt(id_vars=[label], value_vars=["a", "b"], var_name="who", value_name="value")
    out["profession"] = out["who"].map({"a": comp.a["title"], "b": comp.b["title"]})
    return out.dropna(subset=["value"])


def _empty(ax: plt.Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def wage_percentiles(comp: Comparison) -> Figure:
    """Annual wage at the 10th, 25th, 50th, 75th and 90th percentiles (OEWS)."""
    fig, ax = _figure()
    rows = [
        {"percentile": label, "a": comp.a.get(key), "b": comp.b.get(key)}
        for label, key in WAGE_PERCENTILES
    ]
    data = _long(pd.DataFrame(rows), comp, "percentile")
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
    ax.set_xlabel(f"Wage percentile ({source})")
    ax.set_ylabel("Annual wage (US dollars)")
    ax.set_title("Wage distribution")
    fig.tight_layout()
    return fig


def top_states(comp: Comparison, n: int = 5) -> Figure:
    """The ``n`` best paying states of each profession by annual mean wage."""
    fig, ax = _figure(height=4.5)
    frames = []
    for title, states in ((comp.a["title"], comp.states_a), (comp.b["title"], comp.states_b)):
        if len(states):
            top = states.head(n)[["area_name", "annual_mean_wage"]].copy()
            top["profession"] = title
            frames.append(top)
    if not frames:
        _empty(ax, "No state wages published")
    else:
        data = pd.concat(frames, ignore_index=True)
        sns.barplot(
            data=data,
            y="area_name",
            x="annual_mean_wage",
            hue="profession",
            palette=_palette(comp),
            ax=ax,
            orient="h",
            saturation=1,
        )
        ax.xaxis.set_major_formatter(_DOLLARS)
    ax.set_xlabel("Annual mean wage (US dollars, OEWS May 2025)")
    ax.set_ylabel("State")
    ax.set_title(f"Top {n} paying states of each profession")
    fig.tight_layout()
    return fig


def education(comp: Comparison) -> Figure:
    """Educational attainment of workers 25+ (BLS EP Table 5.3), percent."""
    fig, ax = _figure(height=4.5)
    data = _long(education_distributions(comp.a, comp.b), comp, "level")
    if data.empty:
        _empty(ax, "No educational attainment distribution published")
    else:
        sns.barplot(
            data=data,
            y="level",
            x="value",
            hue="profession",
            palette=_palette(comp),
            ax=ax,
            orient="h",
            saturation=1,
        )
    ax.set_xlabel("Share of workers aged 25+ (percent)")
    ax.set_ylabel("Highest level of education")
    ax.set_title("Educational attainment")
    fig.tight_layout()
    return fig


def demographics(comp: Comparison) -> Figure:
    """Women's share and race composition (CPS Table 11), percent."""
    fig, ax = _figure(height=4.0)
    rows = []
    for who, p in (("a", comp.a), ("b", comp.b)):
        shares = {"Women": p.get("women_pct")}
        shares.update(race_composition(p) or {})
        race = p.get("race_pct") or {}
        shares["Hispanic or Latino (any race)"] = race.get("hispanic")
        rows.extend({"group": g, "who": who, "value": v} for g, v in shares.items())
    data = pd.DataFrame(rows).pivot(index="group", columns="who", values="value").reset_index()
    order = ["Women", "White", "Black", "Asian", "Other races", "Hispanic or Latino (any race)"]
    data["group"] = pd.Categorical(data["group"], categories=order, ordered=True)
    data = data.sort_values("group")
    data["group"] = data["group"].astype(str)
    long = _long(data, comp, "group")
    if long.empty:
        _empty(ax, "No demographic shares published")
    else:
        sns.barplot(
            data=long,
            y="group",
            x="value",
            hue="profession",
            palette=_palette(comp),
            ax=ax,
            orient="h",
            saturation=1,
        )
    ax.set_xlabel("Share of employed people (percent)")
    ax.set_ylabel("Group")
    ax.set_title("Demographic composition")
    fig.tight_layout()
    return fig


def gender_earnings(comp: Comparison) -> Figure:
    """Men's and women's median weekly earnings of each profession (CPS Table 39)."""
    fig, ax = _figure(height=3.8)
    rows = [
        {"sex": sex, "who": who, "value": p.get(key)}
        for who, p in (("a", comp.a), ("b", comp.b))
        for sex, key in (("Men", "men_median_weekly"), ("Women", "women_median_weekly"))
    ]
    data = pd.DataFrame(rows).pivot(index="sex", columns="who", values="value").reset_index()
    long = _long(data, comp, "sex")
    if long.empty:
        _empty(ax, "Median weekly earnings by sex not published (CPS Table 39)")
    else:
        sns.barplot(
            data=long,
            x="sex",
            y="value",
            hue="profession",
            palette=_palette(comp),
            ax=ax,
            saturation=1,
        )
        ax.yaxis.set_major_formatter(_DOLLARS)
    ax.set_xlabel("Sex (full-time wage and salary workers, CPS 2025)")
    ax.set_ylabel("Median weekly earnings (US dollars)")
    ax.set_title("Median weekly earnings by sex")
    fig.tight_layout()
    return fig


def cost_adjusted_states(comp: Comparison, n: int = 5) -> Figure:
    """Nominal against price-parity adjusted annual mean wage in each profession's top states."""
    from analysis.living_costs import adjust

    fig, ax = _figure(height=4.5)
    frames = []
    for title, states in ((comp.a["title"], comp.states_a), (comp.b["title"], comp.states_b)):
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
    ax.set_xlabel("Annual mean wage, nominal (US dollars, OEWS May 2025)")
    ax.set_ylabel("Adjusted for state prices (US dollars, BEA RPP 2023)")
    ax.set_title(f"Top {n} paying states: nominal vs cost of living adjusted")
    fig.tight_layout()
    return fig
