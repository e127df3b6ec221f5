"""Figures for a comparison, drawn with matplotlib. Each returns a Figure; none calls ``plt.show``.

Made to be read on a phone as on a desk: figures are 5 inches wide with 11.5 pt
text, so in a 390 px screen (the figure shrunk to the column) text stays at
least 11 px; legends sit above the plot, never over data; long labels wrap.
One colour per occupation throughout a report, from the Okabe-Ito palette (safe
for colour-blind readers, both at least 3:1 against white): :data:`COLOR_A` for
the first, :data:`COLOR_B` for the second; A is drawn with circles, B with
squares, so the two differ without colour too. Axes always carry units.

Each chart has a data function (the numbers it draws) that :func:`describe`
also uses to write the chart's alt text and caption (:mod:`chart_text`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from functools import lru_cache

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.comparison.contract import SkillStep
from analysis.comparison.gaps import (
    comparability,
    education_distributions,
    race_composition,
    wage_percentiles,
)
from analysis.comparison.pair import Comparison
from analysis.comparison.transition import largest_differences
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay, ranks
from analysis.occupations.contract import Profile
from analysis.presentation import chart_text, group_rows, reused_figures
from analysis.presentation import formatting as fmt
from analysis.presentation.chart_text import ChartText

_OEWS = SOURCES["oews"].label

COLOR_A = "#0072b2"  # Okabe-Ito blue: 5.2:1 against white
COLOR_B = "#d55e00"  # Okabe-Ito vermillion: 3.9:1 against white
MARKER_A, MARKER_B = "o", "s"
WIDTH = 5.0
"""Figure width in inches; with :data:`FONT_SIZE` it sets the text size on a phone."""
FONT_SIZE = 11.5
"""Points; at a 366 px column a 5-inch figure is drawn at 0.76 x, so text is 11.2 px."""
TOP_N = 5

_DOLLARS = FuncFormatter(lambda x, _pos: f"${x:,.0f}")
# A short form for crowded horizontal axes: $45k (the axis label says US dollars).
_KDOLLARS = FuncFormatter(lambda x, _pos: "$0" if x == 0 else f"${x / 1000:,.0f}k")
_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dfe3e8",
    "grid.linewidth": 0.8,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.labelcolor": "#222222",
    "svg.fonttype": "none",  # text stays text: small, sharp and selectable
    "svg.hashsalt": "profession-gaps",  # the same ids on every run
    "figure.dpi": 100,
}


def _figure(
    name: str, height: float, nrows: int = 1, sharex: bool = False
) -> tuple[Figure, list[Axes]]:
    """Chart ``name``'s figure: ``nrows`` panels in one column, ``height`` inches tall.

    The last one drawn, reset, when there is one (:mod:`reused_figures`: making axes
    and their ticks anew was a fifth of a report's drawing time).
    """
    mpl.rcParams.update(_STYLE)

    def make() -> Figure:
        # A bare Figure, not pyplot's: nothing to register, nothing left open.
        fig = Figure(figsize=(WIDTH, height))
        fig.subplots(nrows, 1, sharex=sharex, squeeze=False)
        return fig

    fig = reused_figures.take(name, height, make)
    return fig, list(fig.axes)


# --------------------------------------------------------------------------- the layout
# The charts place their axes from measured label sizes instead of calling
# tight_layout, which measures every text in a drawing pass of its own: that
# pass was a quarter of a chart's time, and a report draws six charts.

_POINT = 1 / 72
_PAD = 1.08 * FONT_SIZE * _POINT
"""Inches of white space around and between the panels (tight_layout's default pad)."""
_LINE = 1.2 * FONT_SIZE * _POINT
"""Inches per line of text (matplotlib's line spacing), generous for one line."""
_TEXT_PATH = TextToPath()


@lru_cache(maxsize=4096)
def _text_width(text: str) -> float:
    """Width in inches of ``text`` (lines stacked) at :data:`FONT_SIZE` in the chart font.

    Measured with the glyph metrics the SVG backend uses, cached: the same state
    names, levels and tick labels recur in every report.
    """
    font = FontProperties(family=_STYLE["font.family"], size=FONT_SIZE)
    return (
        max(
            _TEXT_PATH.get_text_width_height_descent(line, font, ismath=False)[0]
            for line in text.split("\n")
        )
        * _POINT
    )


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _tick_labels(axis: Axis, shown: bool) -> list[str]:
    """The tick labels ``axis`` will draw (none when its labels are switched off)."""
    if not shown:
        return []
    low, high = sorted(axis.get_view_interval())
    locations = [v for v in axis.get_majorticklocs() if low - 1e-9 <= v <= high + 1e-9]
    return [t for t in axis.get_major_formatter().format_ticks(locations) if t]


def _margins(ax: Axes) -> tuple[float, float, float, float]:
    """Inches the axes' tick labels, axis labels and title take outside its plot area.

    Returns:
        (left, bottom, right, top).
    """
    tick = (mpl.rcParams["xtick.major.size"] + mpl.rcParams["xtick.major.pad"]) * _POINT
    label_pad = mpl.rcParams["axes.labelpad"] * _POINT
    params = ax.xaxis.get_tick_params(which="major")
    x_labels = _tick_labels(ax.xaxis, params.get("labelbottom", True))
    y_labels = _tick_labels(ax.yaxis, True)
    left = (tick + max(map(_text_width, y_labels))) if y_labels else 0.0
    bottom = (tick + _LINE * max(map(_lines, x_labels))) if x_labels else 0.0
    # the last x tick label is centred on the axes' right end and may reach past it
    right = max(map(_text_width, x_labels)) / 2 if x_labels else 0.0
    if ax.get_ylabel():
        left += label_pad + _LINE * _lines(ax.get_ylabel())
    if ax.get_xlabel():
        bottom += label_pad + _LINE * _lines(ax.get_xlabel())
    title = ax.get_title(loc="left")
    top = mpl.rcParams["axes.titlepad"] * _POINT + _LINE * _lines(title) if title else 0.0
    return left, bottom, right, top


def _place(fig: Figure, top: float = 1.0) -> Figure:
    """Place the panels, stacked, so their labels fit in the figure below ``top``.

    Args:
        fig: A figure of one or more panels in one column, labels set.
        top: Fraction of the figure's height the panels may use (a legend sits above).
    """
    width, height = fig.get_size_inches()
    margins = [_margins(ax) for ax in fig.axes]
    left = max(m[0] for m in margins) + _PAD
    right = max(m[2] for m in margins) + _PAD
    bottom = margins[-1][1] + _PAD
    above = (1.0 - top) * height + margins[0][3] + _PAD
    gaps = [upper[1] + lower[3] + _PAD for upper, lower in zip(margins, margins[1:], strict=False)]
    gap = max(gaps, default=0.0)
    panel = (height - bottom - above - gap * len(gaps)) / len(margins)
    fig.subplots_adjust(
        left=left / width,
        right=1.0 - right / width,
        bottom=bottom / height,
        top=1.0 - above / height,
        hspace=gap / panel if gaps else 0.0,
    )
    return fig


def _wrap(text: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _names(comp: Comparison) -> tuple[str, str]:
    return comp.a.title, comp.b.title


_GROUP_OF: dict[str, Callable[[Profile], str | None]] = {
    "education": group_rows.ep_group,
    "demographics": group_rows.cps_group,
    "gender_earnings": group_rows.cps_group,
}
"""The charts drawn from a source that publishes group rows, and whose row each side is."""


def _marked_names(comp: Comparison, chart: str) -> tuple[str, str]:
    """The legend's names, each marked "(group figure)" when its side is a group's row."""
    group = _GROUP_OF.get(chart)
    if group is None:
        return _names(comp)
    a, b = (group_rows.marked(p.title, group(p)) for p in (comp.a, comp.b))
    return a, b


def _group_caption(comp: Comparison, chart: str) -> str:
    """The caption's last sentence(s): whose figures the marked sides are."""
    group = _GROUP_OF.get(chart)
    if group is None:
        return ""
    notes = [f"{p.title} ({group_rows.MARK}): {n}" for p in (comp.a, comp.b) if (n := group(p))]
    return "".join(f" {n}" for n in notes)


def one_row_sentence(chart: str, comp: Comparison) -> str | None:
    """The sentence that replaces a chart whose two sides are one published row.

    Two occupations published as one group (the same EP Table 5.3 row, the same Census
    occupation) would draw identical bars: the page says so in a sentence instead.

    Args:
        chart: A name of :data:`CHARTS`.
        comp: The comparison.

    Returns:
        The sentence, or None when the chart has two sources' rows to compare.
    """
    if chart not in _GROUP_OF or comp.a.soc is None or comp.b.soc is None:
        return None
    rows = comparability(comp.a, comp.b)
    shared = rows.education_shared if chart == "education" else rows.cps_shared
    if not shared:
        return None
    a, b = comp.a, comp.b
    if chart == "education":
        top = a.most_common_education
        fact = (
            f"the most common level for both is {top.level.lower()} "
            f"({_share(top.share_pct)} of workers aged 25 and older)"
            if top is not None
            else "no level is published"
        )
        return (
            f"No chart: {a.title} and {b.title} have one and the same published education mix "
            f"(BLS Employment Projections Table 5.3), so its bars would be identical; {fact}."
        )
    census = a.source_rows.cps if a.source_rows else None
    group = f"the Census group '{census.census_title}'" if census else "one Census group"
    if chart == "demographics":
        fact = (
            f"women are {_share(a.women_pct)} of its workers"
            if a.women_pct is not None
            else "the CPS publishes no women's share for it"
        )
    else:
        ratio = a.women_to_men_earnings_pct
        fact = (
            f"women's median weekly earnings are {_share(ratio)} of men's in it"
            if ratio is not None
            else "the CPS publishes no earnings by sex for it"
        )
    return (
        f"No chart: the CPS publishes {a.title} and {b.title} as one row, {group}, so the "
        f"bars would be identical; {fact}."
    )


def _share(value: float | None) -> str:
    return fmt.percent(value, 1, style=fmt.READER)


def _empty(ax: Axes, message: str) -> None:
    reused_figures.spoil(ax.figure)  # its ticks and grid are off: not reset for reuse
    ax.text(0.5, 0.5, _wrap(message, 40), ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)


_MIN_BELOW_LEGEND = 2.2
"""Inches a figure keeps below its legend: the smallest panel with its axis labels."""


def _legend_above(fig: Figure, handles: Sequence[Line2D], labels: Sequence[str]) -> float:
    """A legend across the top of the figure, above the plots (never over the data).

    It starts at the figure's left edge, so long names do not push the figure
    wider than :data:`WIDTH`.

    Returns:
        The fraction of the figure height the plots may use below it.
    """
    wrapped = [_wrap(label, 40) for label in labels]
    fig.legend(
        handles,
        wrapped,
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=1,
        frameon=False,
        borderaxespad=0.2,
        handletextpad=0.5,
    )
    lines = sum(label.count("\n") + 1 for label in wrapped)
    legend = 0.12 + 0.26 * lines
    width, height = fig.get_size_inches()
    if height - legend < _MIN_BELOW_LEGEND:
        # names that wrap over many lines would leave the panels no room (matplotlib
        # then refuses the layout): the figure grows instead
        height = legend + _MIN_BELOW_LEGEND
        fig.set_size_inches(width, height)
    return 1.0 - legend / height


def _patch(color: str, marker: str) -> Line2D:
    return Line2D([], [], color=color, marker=marker, linestyle="", markersize=9)


def _finish(fig: Figure, xlabel: str, ylabel: str, top: float = 1.0) -> Figure:
    ax = fig.axes[0]
    # wrapped: a label wider than the axes would stick out and widen the figure
    ax.set_xlabel(_wrap(xlabel, 34))
    ax.set_ylabel(_wrap(ylabel, 34))
    return _place(fig, top)


def _grouped_barh(
    ax: Axes,
    labels: Sequence[str],
    a: Sequence[float | None],
    b: Sequence[float | None],
    names: tuple[str, str],
) -> float:
    """Two bars per category, A above B, categories top to bottom in the given order."""
    y = np.arange(len(labels))[::-1]
    height = 0.38
    for offset, values, color, hatch in (
        (height / 2, a, COLOR_A, None),
        (-height / 2, b, COLOR_B, "//"),
    ):
        widths = [np.nan if v is None else v for v in values]
        ax.barh(y + offset, widths, height=height, color=color, hatch=hatch, edgecolor="white",
                linewidth=0.5)  # fmt: skip
    ax.set_yticks(y, [_wrap(label) for label in labels])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    handles = [_patch(COLOR_A, "s"), _patch(COLOR_B, "s")]
    return _legend_above(ax.figure, handles, list(names))


# --------------------------------------------------------------------------- the data


def _percentile_rows(comp: Comparison) -> list[tuple[str, float | None, float | None]]:
    """(percentile label, A's annual wage, B's) at the 10th to 90th percentiles."""
    frame = wage_percentiles(comp.a, comp.b)
    return [
        (str(label), _number(a), _number(b))
        for label, a, b in zip(frame["percentile"], frame["a"], frame["b"], strict=True)
    ]


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _top_rows(frame: pd.DataFrame, columns: tuple[str, ...], n: int) -> list[tuple]:
    """The first ``n`` rows of ``frame``'s ``columns``: the first as text, the rest as floats.

    A few columns, not ``itertuples``: a state frame has 43 columns, and a report asks
    for its rows four times. A frame without rows gives none (the seed dataset's place
    frames have no columns either).
    """
    if not len(frame):
        return []
    head = frame.head(n)
    label, *numbers = columns
    return list(zip(map(str, head[label]), *(map(float, head[c]) for c in numbers), strict=True))


def _state_rows(comp: Comparison, n: int = TOP_N) -> tuple[list[tuple[str, float]], ...]:
    """Each occupation's ``n`` best-paying states: (state, annual mean wage), best first."""
    return tuple(
        _top_rows(states, ("area_name", "annual_mean_wage"), n)
        for states in (comp.states_a, comp.states_b)
    )


def education_rows(comp: Comparison) -> list[tuple[str, float | None, float | None]]:
    """(education level, A's share, B's share) in percent, lowest level first."""
    frame = education_distributions(comp.a, comp.b)
    return [
        (str(level), _number(a), _number(b))
        for level, a, b in zip(frame["level"], frame["a"], frame["b"], strict=True)
    ]


def _demographic_rows(comp: Comparison) -> list[tuple[str, float | None, float | None]]:
    """(group, A's share, B's share) in percent: women, races, Hispanic or Latino."""

    def shares(p: Profile) -> dict[str, float | None]:
        out: dict[str, float | None] = {"Women": p.women_pct}
        out.update(
            race_composition(p)
            or {"White": None, "Black": None, "Asian": None, "Other races": None}
        )
        out["Hispanic or Latino (any race)"] = p.race_pct.hispanic if p.race_pct else None
        return out

    a, b = shares(comp.a), shares(comp.b)
    return [(group, a[group], b[group]) for group in a]


def _earnings_rows(comp: Comparison) -> list[tuple[float | None, float | None, float | None]]:
    """For each occupation: men's and women's median weekly earnings, women's as % of men's."""
    return [
        (p.men_median_weekly, p.women_median_weekly, p.women_to_men_earnings_pct)
        for p in (comp.a, comp.b)
    ]


def _adjusted_rows(comp: Comparison, n: int = TOP_N) -> tuple[list[tuple[str, float, float]], ...]:
    """Each occupation's ``n`` best states at national prices: (state, as paid, adjusted).

    One ranking, over every state that qualifies (:func:`living_costs.adjust` of all
    of them, the one behind ``highest_paying_state_cost_adjusted``), so the chart, its
    caption and the table name the same best state.
    """
    from analysis.occupations.living_costs import adjust

    columns = ("area_name", "annual_mean_wage", "annual_mean_wage_adjusted")
    return tuple(
        _top_rows(adjust(states) if len(states) else states, columns, n)
        for states in (comp.states_a, comp.states_b)
    )


# --------------------------------------------------------------------------- the charts


def wage_percentile_chart(comp: Comparison) -> Figure:
    """Annual wage at the 10th, 25th, 50th, 75th and 90th percentiles (OEWS)."""
    fig, (ax,) = _figure("wage_percentiles", 3.9)
    rows = _percentile_rows(comp)
    source = _OEWS if comp.dataset == "public" else "as the seed page shows them"
    top = 1.0
    if all(a is None and b is None for _, a, b in rows):
        _empty(ax, "No wage percentiles published")
    else:
        x = np.arange(len(rows))
        for i, (color, marker) in enumerate(((COLOR_A, MARKER_A), (COLOR_B, MARKER_B))):
            values = [np.nan if r[i + 1] is None else r[i + 1] for r in rows]
            ax.plot(x, values, color=color, marker=marker, markersize=7, linewidth=2)
        ax.set_xticks(x, [label.replace(" percentile", "") for label, _, _ in rows])
        ax.yaxis.set_major_formatter(_DOLLARS)
        ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        ax.margins(x=0.06)
        handles = [_patch(COLOR_A, MARKER_A), _patch(COLOR_B, MARKER_B)]
        top = _legend_above(fig, handles, list(_names(comp)))
    return _finish(fig, f"Wage percentile ({source})", "Annual wage (US dollars)", top)


def top_states_chart(comp: Comparison, n: int = TOP_N) -> Figure:
    """The ``n`` best paying states of each occupation, one panel each (no shared legend)."""
    rows = _state_rows(comp, n)
    fig, axes = _figure(
        "top_states", 1.1 + 0.34 * sum(max(len(r), 2) for r in rows) + 0.6, nrows=2, sharex=True
    )
    for ax, name, states, color in zip(axes, _names(comp), rows, (COLOR_A, COLOR_B), strict=True):
        # a short line: a title wider than the axes would widen the figure; y given,
        # so matplotlib does not measure the panel's top to place it (nothing is there)
        ax.set_title(_wrap(name, 26), loc="left", color="#222222", y=1.0)
        if not states:
            _empty(ax, "No state wages published")
            continue
        y = np.arange(len(states))[::-1]
        ax.barh(y, [w for _, w in states], color=color, height=0.62)
        ax.set_yticks(y, [s for s, _ in states])
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(_KDOLLARS)
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    axes[-1].set_xlabel(_wrap(f"Annual mean wage (US dollars, {_OEWS})", 34))
    return _place(fig)


def education(comp: Comparison) -> Figure:
    """Educational attainment of workers 25+ (BLS EP Table 5.3), percent."""
    fig, (ax,) = _figure("education", 5.2)
    rows = education_rows(comp)
    top = 1.0
    if not rows or all(a is None and b is None for _, a, b in rows):
        _empty(ax, "No educational attainment distribution published")
    else:
        top = _grouped_barh(ax, [r[0] for r in rows], [r[1] for r in rows],
                            [r[2] for r in rows], _marked_names(comp, "education"))  # fmt: skip
    return _finish(fig, "Share of workers aged 25+ (percent)", "Highest level of education", top)


def demographics(comp: Comparison) -> Figure:
    """Women's share and race composition (CPS Table 11), percent."""
    fig, (ax,) = _figure("demographics", 4.8)
    rows = _demographic_rows(comp)
    top = 1.0
    if all(a is None and b is None for _, a, b in rows):
        _empty(ax, "No demographic shares published")
    else:
        top = _grouped_barh(ax, [r[0] for r in rows], [r[1] for r in rows],
                            [r[2] for r in rows], _marked_names(comp, "demographics"))  # fmt: skip
    return _finish(fig, "Share of employed people (percent)", "Group", top)


def gender_earnings(comp: Comparison) -> Figure:
    """Men's and women's median weekly earnings of each occupation (CPS Table 39)."""
    fig, (ax,) = _figure("gender_earnings", 3.9)
    rows = _earnings_rows(comp)
    top = 1.0
    if all(m is None and w is None for m, w, _ in rows):
        _empty(ax, "Median weekly earnings by sex not published (CPS Table 39)")
    else:
        x = np.arange(2)
        width = 0.38
        for i, ((men, women, _), color, hatch) in enumerate(
            zip(rows, (COLOR_A, COLOR_B), (None, "//"), strict=True)
        ):
            values = [np.nan if v is None else v for v in (men, women)]
            ax.bar(x + (i - 0.5) * width, values, width=width, color=color, hatch=hatch,
                   edgecolor="white", linewidth=0.5)  # fmt: skip
        ax.set_xticks(x, ["Men", "Women"])
        ax.grid(axis="x", visible=False)
        ax.yaxis.set_major_formatter(_DOLLARS)
        ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        labels = [
            name if (m is not None or w is not None) else f"{name} (not published)"
            for name, (m, w, _) in zip(_marked_names(comp, "gender_earnings"), rows, strict=True)
        ]
        top = _legend_above(fig, [_patch(COLOR_A, "s"), _patch(COLOR_B, "s")], labels)
    return _finish(
        fig,
        f"Sex (full-time wage and salary workers, CPS {SOURCES['cps39'].vintage})",
        "Median weekly earnings (US dollars)",
        top,
    )


def cost_adjusted_states(comp: Comparison, n: int = TOP_N) -> Figure:
    """Each occupation's best states at national prices, with their pay as paid (a dot chart)."""
    rows = _adjusted_rows(comp, n)
    fig, axes = _figure(
        "cost_adjusted", 1.5 + 0.34 * sum(max(len(r), 2) for r in rows) + 0.6, nrows=2, sharex=True
    )
    for ax, name, states, color in zip(axes, _names(comp), rows, (COLOR_A, COLOR_B), strict=True):
        # a short line: a title wider than the axes would widen the figure; y given,
        # so matplotlib does not measure the panel's top to place it (nothing is there)
        ax.set_title(_wrap(name, 26), loc="left", color="#222222", y=1.0)
        if not states:
            _empty(ax, "No state wages with price parities")
            continue
        y = np.arange(len(states))[::-1]
        paid = [p for _, p, _ in states]
        real = [r for _, _, r in states]
        ax.hlines(y, paid, real, color="#9aa3ad", linewidth=1.5)
        ax.scatter(paid, y, s=55, facecolors="white", edgecolors=color, linewidths=2, zorder=3)
        ax.scatter(real, y, s=55, color=color, zorder=3)
        ax.set_yticks(y, [s for s, _, _ in states])
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(_KDOLLARS)
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        ax.margins(x=0.08, y=0.15)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="white",
               markeredgecolor="#444444", markeredgewidth=2),
        Line2D([], [], marker="o", linestyle="", markersize=8, color="#444444"),
    ]  # fmt: skip
    fig.legend(handles, ["As paid", "At national prices"], loc="upper left",
               bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False)  # fmt: skip
    axes[-1].set_xlabel(_wrap(f"Annual mean wage (US dollars, {_OEWS})", 34))
    return _place(fig, 1.0 - 0.4 / fig.get_size_inches()[1])


TRANSITION_SKILLS = 8
"""Skills on the transition chart: the largest level differences either way."""


def transition_rows(comp: Comparison) -> list[SkillStep]:
    """The skills to raise either way with the largest level differences, as B - A steps."""
    t = comp.gaps.transition
    return [] if t is None else largest_differences(t, TRANSITION_SKILLS)


def transition_chart(comp: Comparison) -> Figure:
    """Level differences (B - A, O*NET 0-7) of the skills to raise, with 95 % intervals.

    Right of zero: B's level is higher (what A's workers would raise); left: A's.
    A flagged rating (suppressed or low-N) is drawn hollow: shown, not counted.
    """
    rows = transition_rows(comp)
    fig, (ax,) = _figure("transition", 1.8 + 0.5 * max(len(rows), 3))
    top = 1.0
    reason = comp.gaps.transition.a_to_b.skills_reason if comp.gaps.transition else None
    if reason:
        _empty(ax, f"Skill levels n/a: {reason}")
    elif not rows:
        _empty(ax, "No skill level is higher on either side by more than the standard error")
    else:
        y = np.arange(len(rows))[::-1]
        b_higher = np.array([(s.difference or 0) > 0 for s in rows])
        colors = np.where(b_higher, COLOR_B, COLOR_A)
        faces = np.where([bool(s.flags) for s in rows], "white", colors)
        difference = np.array([s.difference for s in rows], dtype=float)
        # one collection of intervals and one scatter a side, not two artists a skill
        ax.hlines(y, [s.ci95_low for s in rows], [s.ci95_high for s in rows],
                  colors=list(colors), linewidth=2)  # fmt: skip
        for side, marker in ((b_higher, MARKER_B), (~b_higher, MARKER_A)):
            if side.any():
                ax.scatter(difference[side], y[side], s=60, marker=marker,
                           facecolors=list(faces[side]), edgecolors=list(colors[side]),
                           linewidths=2, zorder=3)  # fmt: skip
        ax.axvline(0, color="#555555", linewidth=1)
        ax.set_yticks(y, [_wrap(s.skill) for s in rows])
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        a_name, b_name = _names(comp)
        top = _legend_above(
            fig,
            [_patch(COLOR_B, MARKER_B), _patch(COLOR_A, MARKER_A)],
            [f"Higher for {b_name}", f"Higher for {a_name}"],
        )
    return _finish(
        fig,
        "Level difference, second minus first (O*NET 0-7 scale), 95 % interval",
        "",
        top,
    )


# --------------------------------------------------------------------------- the words


def describe(name: str, comp: Comparison) -> ChartText:
    """The alt text and caption of one chart (see :data:`CHARTS`), from the chart's data."""
    words = _describe(name, comp)
    return ChartText(words.alt, words.caption + _group_caption(comp, name))


def _describe(name: str, comp: Comparison) -> ChartText:
    names = _names(comp)
    if name == "wage_percentiles":
        source = _OEWS if comp.dataset == "public" else "as the career-site page shows them"
        if comp.area is not None:  # a pair in an area: the area's percentiles
            source = f"{_OEWS}, {comp.area.name}"
        return chart_text.wage_percentiles_text(names, _percentile_rows(comp), source)
    if name == "top_states":
        rule = f"states with at least {pay.MIN_EMPLOYMENT_STATE:,} published jobs"
        return chart_text.top_states_text(names, _state_rows(comp), rule)
    if name == "education":
        return chart_text.education_text(
            names, education_rows(comp), comp.gaps.education.education_dissimilarity
        )
    if name == "demographics":
        women_all = ranks.all_occupations("cps11", "women_pct")
        return chart_text.demographics_text(names, _demographic_rows(comp), women_all)
    if name == "gender_earnings":
        ratio_all = ranks.all_occupations("cps39", "women_to_men_earnings_pct")
        return chart_text.gender_earnings_text(names, _earnings_rows(comp), ratio_all)
    if name == "cost_adjusted":
        return chart_text.cost_adjusted_text(names, _adjusted_rows(comp))
    if name == "transition":
        t = comp.gaps.transition
        return chart_text.transition_chart_text(
            names,
            transition_rows(comp),
            t.a_to_b.skills_compared if t else 0,
            t.a_to_b.skills_reason if t else "not computed for this comparison",
        )
    raise KeyError(f"unknown chart {name!r}; known: {sorted(CHARTS)}")


CHARTS: dict[str, Callable[[Comparison], Figure]] = {
    "wage_percentiles": wage_percentile_chart,
    "top_states": top_states_chart,
    "education": education,
    "demographics": demographics,
    "gender_earnings": gender_earnings,
    "cost_adjusted": cost_adjusted_states,
    "transition": transition_chart,
}
"""Every chart of a report by name, for :func:`describe` and the notebook."""
