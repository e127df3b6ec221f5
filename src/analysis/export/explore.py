"""Questions over the research tables for ``notebooks/explore.ipynb``: tables, charts, words.

Each question is three calls: a formatted table, a seaborn figure and a
sentence that reads them. They take the tables of :mod:`analysis.export`
(``{"occupations": ..., "pairs": ...}``, from :func:`tables`), so a researcher
can call them on her own filtered copy. Seaborn, because this is exploration
(the report charts stay on matplotlib, see README).

1. How do mean-wage gaps between nearest neighbours (by skills) compare with all pairs?
2. How does the pay gap vary with skill similarity, and how often is it significant?
3. How far apart are similar occupations in women's share (CPS survey estimates)?
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import Markdown
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.data.sources.catalog import SOURCES
from analysis.export.write import read_tables, research_tables
from analysis.presentation.formatting import money, percent

SIMILARITY_BANDS = (-1.0, 0.0, 0.25, 0.5, 0.75, 1.0)
"""Edges of the skill-similarity bands (Pearson r of standardised skill profiles)."""

SAMPLE_POINTS = 4000
"""Pairs drawn (fixed seed) for the scatter chart; the tables use every pair."""

_OEWS = SOURCES["oews"].label
_CPS = f"CPS {SOURCES['cps11'].vintage}"
_DOLLARS = FuncFormatter(lambda v, _p: f"${v:,.0f}")


@lru_cache(maxsize=1)
def _computed() -> tuple[pd.DataFrame, pd.DataFrame]:
    built = research_tables()
    return built["occupations"], built["pairs"]


def tables(folder: str = "") -> dict[str, pd.DataFrame]:
    """The occupations and pairs tables: read from an export folder, or computed in memory.

    Args:
        folder: An ``analysis export`` folder; empty to compute the tables (about
            ten seconds; the same numbers).
    """
    if folder:
        return read_tables(Path(folder))
    occupations, pairs = _computed()
    return {"occupations": occupations, "pairs": pairs}


def overview(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What the tables hold: rows, and how many pairs have each headline figure."""
    pairs = t["pairs"]
    n = len(pairs)

    def share(mask: pd.Series, of: pd.Series | None = None) -> str:
        base = mask if of is None else mask[of]
        return f"{int(base.sum()):,} ({percent(100 * base.mean(), 1)})"

    has_gap = pairs["annual_mean_wage_difference"].notna()

    rows = {
        "Occupations": f"{len(t['occupations']):,}",
        "Pairs (every unordered pair)": f"{n:,}",
        "Pairs with a mean wage gap": share(has_gap),
        "... of which significant at 95 %": share(
            pairs["annual_mean_wage_significant"].fillna(False).astype(bool), has_gap
        ),
        "Pairs with a skill similarity": share(pairs["skill_similarity"].notna()),
        "Pairs with a women's-share gap": share(pairs["women_pct_difference"].notna()),
        "Pairs sharing one CPS row (no CPS gap)": share(pairs["shared_census_row"]),
        "Pairs sharing one EP Table 5.3 row (no education gap)": share(pairs["shared_ep_row"]),
    }
    return pd.DataFrame({"Pairs": list(rows.values())}, index=pd.Index(list(rows), name=""))


def _neighbours(pairs: pd.DataFrame, n: int) -> pd.Series:
    return (pairs["neighbour_rank"] <= n).fillna(False).astype(bool)


def _which(pairs: pd.DataFrame, n: int) -> pd.Series:
    labels = np.where(_neighbours(pairs, n), f"nearest neighbours (top {n})", "all other pairs")
    return pd.Series(labels, index=pairs.index)


def _wage_rows(pairs: pd.DataFrame) -> dict[str, str]:
    gap = pairs["annual_mean_wage_difference"].abs()
    known = pairs["annual_mean_wage_significant"].notna()
    sig = pairs["annual_mean_wage_significant"].fillna(False).astype(bool)
    return {
        "Pairs with a gap": f"{int(gap.notna().sum()):,}",
        "Median gap (either way)": money(gap.median()),
        "Middle half of gaps": f"{money(gap.quantile(0.25))} to {money(gap.quantile(0.75))}",
        "Significant at 95 %": percent(100 * sig[known].mean(), 1),
    }


def wage_gaps_table(t: dict[str, pd.DataFrame], n: int = 3) -> pd.DataFrame:
    """Question 1 as a table: mean-wage gaps of nearest neighbours against all other pairs."""
    pairs = t["pairs"]
    which = _which(pairs, n)
    return pd.DataFrame({label: _wage_rows(pairs[which == label]) for label in sorted(set(which))})


def wage_gaps_figure(t: dict[str, pd.DataFrame], n: int = 3) -> Figure:
    """Question 1 as a chart: the distribution (ECDF) of mean-wage gaps, by kind of pair."""
    pairs = t["pairs"]
    data = pd.DataFrame(
        {"gap": pairs["annual_mean_wage_difference"].abs(), "pairs": _which(pairs, n)}
    ).dropna()
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(7.5, 4.5), dpi=90)
    order = ["all other pairs", f"nearest neighbours (top {n})"]
    sns.ecdfplot(
        data=data, x="gap", hue="pairs", hue_order=order, palette=["#9aa5b1", "#1f6fb4"], ax=ax
    )
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(_DOLLARS)
    ax.set_xlabel(f"Gap in annual mean wage, either way (US dollars, log scale; {_OEWS})")
    ax.set_ylabel("Share of pairs with a gap this small or smaller")
    ax.set_title("Mean-wage gaps: skill neighbours against all pairs")
    fig.tight_layout()
    return fig


def wage_gaps_text(t: dict[str, pd.DataFrame], n: int = 3) -> Markdown:
    """The sentence that reads question 1."""
    pairs = t["pairs"]
    near = pairs[_neighbours(pairs, n)]["annual_mean_wage_difference"].abs()
    rest = pairs[~_neighbours(pairs, n)]["annual_mean_wage_difference"].abs()
    return Markdown(
        f"Occupations that are among each other's {n} most similar by skills differ in mean "
        f"annual wage by {money(near.median())} at the median ({int(near.notna().sum()):,} "
        f"pairs), against {money(rest.median())} for all other pairs "
        f"({int(rest.notna().sum()):,}). Each gap is a difference of two {_OEWS} survey-based "
        "estimates; the table gives how many are statistically significant."
    )


def _bands(pairs: pd.DataFrame) -> pd.Series:
    labels = [
        f"{lo:+.2f} to {hi:+.2f}"
        for lo, hi in zip(SIMILARITY_BANDS[:-1], SIMILARITY_BANDS[1:], strict=True)
    ]
    return pd.cut(pairs["skill_similarity"], SIMILARITY_BANDS, labels=labels, include_lowest=True)


def similarity_table(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Question 2 as a table: pay gaps and their significance, by band of skill similarity."""
    pairs = t["pairs"]
    bands = _bands(pairs)
    rows = {}
    for band in bands.cat.categories:
        rows[band] = _wage_rows(pairs[bands == band])
    frame = pd.DataFrame(rows).T
    frame.index.name = "Skill similarity"
    return frame


def similarity_figure(t: dict[str, pd.DataFrame]) -> Figure:
    """Question 2 as a chart: pay gap against skill similarity, significant or not (a sample)."""
    pairs = t["pairs"]
    data = pd.DataFrame(
        {
            "similarity": pairs["skill_similarity"],
            "gap": pairs["annual_mean_wage_difference"].abs(),
            "significant": pairs["annual_mean_wage_significant"].map(
                {True: "significant at 95 %", False: "not significant"}
            ),
        }
    ).dropna()
    data = data[data["gap"] > 0].sample(n=min(SAMPLE_POINTS, len(data)), random_state=0)
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=90)
    sns.scatterplot(
        data=data,
        x="similarity",
        y="gap",
        hue="significant",
        hue_order=["significant at 95 %", "not significant"],
        palette=["#1f6fb4", "#e07b00"],
        s=10,
        alpha=0.5,
        linewidth=0,
        ax=ax,
    )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(_DOLLARS)
    ax.set_xlabel("Skill similarity (correlation of standardised O*NET skill profiles)")
    ax.set_ylabel(f"Mean-wage gap, either way (log scale; {_OEWS})")
    ax.set_title(f"Pay gap against skill similarity ({len(data):,} random pairs)")
    ax.legend(title=None, loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig


def similarity_text(t: dict[str, pd.DataFrame]) -> Markdown:
    """The sentence that reads question 2."""
    pairs = t["pairs"]
    top = pairs[pairs["skill_similarity"] > SIMILARITY_BANDS[-2]]
    sig = top["annual_mean_wage_significant"]
    return Markdown(
        f"Among the {len(top):,} pairs with a skill similarity above "
        f"{SIMILARITY_BANDS[-2]:.2f}, {percent(100 * sig.dropna().astype(bool).mean(), 1)} of "
        f"the mean-wage gaps are statistically significant at 95 % and the median gap is "
        f"{money(top['annual_mean_wage_difference'].abs().median())}, against "
        f"{money(pairs['annual_mean_wage_difference'].abs().median())} over all pairs. The "
        "chart's orange points are the pairs whose gap the survey cannot tell from zero."
    )


def women_table(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Question 3 as a table: women's-share gaps by skill similarity, and what is missing."""
    pairs = t["pairs"]
    bands = _bands(pairs)
    gap = pairs["women_pct_difference"].abs()
    shared = pairs["shared_census_row"]
    rows = {}
    for band in bands.cat.categories:
        inside = bands == band
        g = gap[inside]
        rows[band] = {
            "Pairs": f"{int(inside.sum()):,}",
            "With a women's-share gap": f"{int(g.notna().sum()):,}",
            "No gap: one Census occupation": f"{int((shared & inside).sum()):,}",
            "Median gap (points)": f"{g.median():.1f}",
            "Gaps of 20 points or more": percent(100 * (g.dropna() >= 20).mean(), 1),
        }
    frame = pd.DataFrame(rows).T
    frame.index.name = "Skill similarity"
    return frame


def women_figure(t: dict[str, pd.DataFrame]) -> Figure:
    """Question 3 as a chart: the women's-share gap in each band of skill similarity."""
    pairs = t["pairs"]
    data = pd.DataFrame(
        {"band": _bands(pairs), "gap": pairs["women_pct_difference"].abs()}
    ).dropna()
    sns.set_theme(style="whitegrid", context="notebook")
    fig, ax = plt.subplots(figsize=(7.5, 4.5), dpi=90)
    sns.boxplot(data=data, x="band", y="gap", color="#9ecae1", fliersize=1, ax=ax)
    ax.set_xlabel("Skill similarity (correlation of standardised O*NET skill profiles)")
    ax.set_ylabel(f"Gap in women's share, either way (points; {_CPS})")
    ax.set_title("Women's-share gaps by skill similarity")
    fig.tight_layout()
    return fig


def women_text(t: dict[str, pd.DataFrame]) -> Markdown:
    """The sentence that reads question 3, with what the table leaves out."""
    pairs = t["pairs"]
    top = pairs[pairs["skill_similarity"] > SIMILARITY_BANDS[-2]]
    rest = pairs[pairs["skill_similarity"] <= SIMILARITY_BANDS[1]]
    missing = pairs["women_pct_difference"].isna()
    return Markdown(
        f"Pairs above {SIMILARITY_BANDS[-2]:.2f} in skill similarity differ in women's share by "
        f"{top['women_pct_difference'].abs().median():.1f} points at the median, pairs at or "
        f"below {SIMILARITY_BANDS[1]:.2f} by "
        f"{rest['women_pct_difference'].abs().median():.1f}. These are survey estimates "
        f"({_CPS}) with no published standard error, so no gap is called significant. "
        f"{int(missing.sum()):,} of {len(pairs):,} pairs have no women's-share gap: a side's "
        f"share is not published, or both are one Census occupation "
        f"({int(pairs['shared_census_row'].sum()):,} pairs); `women_pct_reason` says which."
    )
