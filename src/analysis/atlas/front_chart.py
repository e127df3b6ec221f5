"""The atlas front page's picture: every occupation by pay and projected growth, as inline SVG.

Hand-written SVG (no plotting library, no script): one circle per occupation,
at its projected employment change 2024-34 (BLS Employment Projections) across
and its annual mean wage (OEWS May 2025, log scale) up, coloured by SOC major
group, each circle a link to the occupation's page. Drawn once per atlas run,
in milliseconds, only when the front page is out of date.

The picture is for the eye and the mouse: its circles are not Tab stops and are
hidden from screen readers, who get the same figures and links in the table
behind it (:func:`chart_rows`). Text is at least :data:`FONT` user units on a
:data:`WIDTH`-unit-wide drawing, so at least 11 CSS px when the drawing is 350 px
wide (a 390 px phone).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

import pandas as pd

from analysis.data.sources.catalog import SOURCES
from analysis.presentation import formatting as fmt

WIDTH, HEIGHT = 600, 430
FONT = 19
"""Smallest text, in user units: 19 x 350 / 600 = 11.1 px on a 390 px phone."""

LEFT, RIGHT, TOP, BOTTOM = 78, 588, 44, 362
"""The plotting area inside the drawing."""

PALETTE = (
    "#0067a5", "#f38400", "#008856", "#be0032", "#875692", "#882d17", "#e68fac",
    "#2b3d26", "#f6a600", "#604e97", "#8db600", "#654522", "#e25822", "#a1caf1",
    "#b3446c", "#c2b280", "#17becf", "#848482", "#dcd300", "#f99379", "#1f3f8f",
    "#5f9e6e",
)  # fmt: skip
"""Kelly's colours of maximum contrast (white, black dropped) and two more: 22 SOC major groups."""

WAGE = "annual_mean_wage"
GROWTH = "employment_change_pct_2024_2034"


def group_colours(groups: Sequence[str]) -> dict[str, str]:
    """A colour for each SOC major group code, in code order."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(sorted(groups))}


def _ticks_log(low: float, high: float) -> list[float]:
    ticks = []
    decade = 10 ** math.floor(math.log10(low))
    while decade <= high:
        for step in (1, 2, 5):
            tick = step * decade
            if low <= tick <= high:
                ticks.append(tick)
        decade *= 10
    return ticks


def _money_short(value: float) -> str:
    return f"${value / 1000:,.0f}k"


def _pct(value: float) -> str:
    return "0%" if value == 0 else fmt.percent(value, 0, signed=True)


def chart_svg(
    figures: pd.DataFrame,
    occupations: Sequence[str],
    page: str,
    totals: dict[str, float | None],
) -> str:
    """The chart as an ``<svg>`` element.

    Args:
        figures: :func:`analysis.atlas.figures.occupation_figures`.
        occupations: SOC codes drawn (those with a page); without a wage or a projection
            they are left out (the table behind the chart says so).
        page: Link of an occupation's page, ``{soc}`` for its code.
        totals: :func:`analysis.atlas.figures.headline_totals` (dashed reference lines).

    Returns:
        SVG markup, ready to inline in the page.
    """
    rows = figures.loc[list(occupations)]
    drawn = rows[rows[WAGE].notna() & rows[GROWTH].notna()]
    colours = group_colours(figures["major_group"].unique())
    if drawn.empty:
        return ""
    g_low = math.floor(min(drawn[GROWTH].min(), 0) / 10) * 10
    g_high = math.ceil(max(drawn[GROWTH].max(), 0) / 10) * 10
    w_low = min(drawn[WAGE].min() * 0.92, 25_000)
    w_high = max(drawn[WAGE].max() * 1.08, 100_000)

    def x(growth: float) -> float:
        return LEFT + (growth - g_low) / (g_high - g_low) * (RIGHT - LEFT)

    def y(wage: float) -> float:
        span = math.log(w_high) - math.log(w_low)
        return BOTTOM - (math.log(wage) - math.log(w_low)) / span * (BOTTOM - TOP)

    out = [
        f'<svg class="overview" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-labelledby="chart-title" font-family="system-ui, sans-serif" font-size="{FONT}">',
        '<g class="axes" aria-hidden="true">',
    ]
    step = 20 if g_high - g_low > 60 else 10
    for tick in range(int(g_low), int(g_high) + 1, step):
        tx = x(tick)
        stroke = "#57606a" if tick == 0 else "#d0d7de"
        out.append(
            f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{BOTTOM}" stroke="{stroke}"/>'
        )
        out.append(
            f'<text x="{tx:.1f}" y="{BOTTOM + 24}" text-anchor="middle">{escape(_pct(tick))}</text>'
        )
    for tick in _ticks_log(w_low, w_high):
        ty = y(tick)
        out.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{RIGHT}" y2="{ty:.1f}" stroke="#d0d7de"/>')
        out.append(
            f'<text x="{LEFT - 6}" y="{ty + 6:.1f}" text-anchor="end">{_money_short(tick)}</text>'
        )
    all_wage, all_growth = totals.get(WAGE), totals.get(GROWTH)
    if all_growth is not None:
        ax = x(all_growth)
        out.append(
            f'<line x1="{ax:.1f}" y1="{TOP}" x2="{ax:.1f}" y2="{BOTTOM}" stroke="#1f2328" '
            'stroke-dasharray="5 4"/>'
        )
    if all_wage is not None:
        ay = y(all_wage)
        out.append(
            f'<line x1="{LEFT}" y1="{ay:.1f}" x2="{RIGHT}" y2="{ay:.1f}" stroke="#1f2328" '
            'stroke-dasharray="5 4"/>'
        )
    out.append(f'<text x="{LEFT - 70}" y="{TOP - 16}">Annual mean wage (log scale)</text>')
    out.append(
        f'<text x="{(LEFT + RIGHT) / 2:.0f}" y="{HEIGHT - 14}" text-anchor="middle">'
        f"Projected employment change, {SOURCES['ep'].period}</text>"
    )
    out.append("</g>")
    # Marks: links for the mouse, not Tab stops, hidden from screen readers (the table
    # behind the chart has the same links and figures). Big occupations first, so small
    # ones stay on top and clickable.
    out.append('<g class="marks" aria-hidden="true">')
    order = drawn.sort_values("employment", ascending=False, na_position="first")
    for soc, title, group, wage, growth in zip(
        order.index, order["title"], order["major_group"], order[WAGE], order[GROWTH], strict=True
    ):
        label = (
            f"{title} ({soc}): {fmt.money(wage)} a year, "
            f"{fmt.percent(growth, 1, signed=True)} projected"
        )
        out.append(
            f'<a href="{escape(page.format(soc=soc))}" tabindex="-1">'
            f'<circle cx="{x(growth):.1f}" cy="{y(wage):.1f}" r="5.5" '
            f'fill="{colours[group]}"><title>{escape(label)}</title></circle></a>'
        )
    out.append("</g></svg>")
    return "\n".join(out)


def chart_rows(
    figures: pd.DataFrame, occupations: Sequence[str], page: str
) -> list[dict[str, Any]]:
    """The table behind the chart: every occupation, its group, wage and projection."""
    colours = group_colours(figures["major_group"].unique())
    rows = figures.loc[list(occupations)].sort_values(
        WAGE, ascending=False, na_position="last", kind="stable"
    )
    return [
        {
            "soc": soc,
            "title": str(title),
            "page": page.format(soc=soc),
            "group": str(group_title),
            "colour": colours[group],
            "wage": None if pd.isna(wage) else fmt.money(wage),
            "growth": None if pd.isna(growth) else fmt.percent(growth, 1, signed=True),
        }
        for soc, title, group, group_title, wage, growth in zip(
            rows.index,
            rows["title"],
            rows["major_group"],
            rows["major_group_title"],
            rows[WAGE],
            rows[GROWTH],
            strict=True,
        )
    ]
