"""An occupation page's wage-percentile chart, as a small inline SVG.

Hand-written SVG like the front page's (:mod:`analysis.atlas.front_chart`): no
plotting library, so each of the ~830 pages costs well under a millisecond. One
horizontal axis of annual wage; a thin bar from the 10th to the 90th
percentile, a thick one from the 25th to the 75th, a mark at the median, and
each published percentile labelled with its dollars. A percentile OEWS does
not publish is left out of the drawing and named, with its reason, in the
caption (never drawn at 0). Screen readers get the alt text (every figure in
words) as the drawing's title.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import Profile
from analysis.presentation import formatting as fmt

WIDTH, HEIGHT = 600, 150
FONT = 19
"""Smallest text, in user units: 19 x 350 / 600 = 11.1 px on a 390 px phone."""
LEFT, RIGHT = 60, 540
AXIS_Y = 112
BAR_Y = 62

_FIELDS = ("annual_wage_p10", "annual_wage_p25", "annual_median_wage", "annual_wage_p75",
           "annual_wage_p90")  # fmt: skip
_SHORT = ("10th", "25th", "median", "75th", "90th")


@dataclass(frozen=True)
class WageChart:
    """The chart's SVG (None when no percentile is published) and its sentences."""

    svg: str | None
    alt: str
    caption: str


def _x(value: float, low: float, high: float) -> float:
    span = high - low or 1.0
    return LEFT + (value - low) / span * (RIGHT - LEFT)


def _k(value: float) -> str:
    """Dollars in thousands for the labels ("$45k"); the caption has full dollars."""
    return f"${value / 1000:,.0f}k"


def wage_chart(prof: Profile) -> WageChart:
    """The annual wage percentiles of one occupation (OEWS), drawn and in words.

    Args:
        prof: The occupation's profile.

    Returns:
        The SVG and its alt text and caption.
    """
    source = SOURCES["oews"].label
    values = [getattr(prof, f) for f in _FIELDS]
    shown = [(s, v) for s, v in zip(_SHORT, values, strict=True) if not fmt.is_missing(v)]
    missing = [
        f"{s} ({prof.missing.get(f) or 'not published'})"
        for s, f, v in zip(_SHORT, _FIELDS, values, strict=True)
        if fmt.is_missing(v)
    ]
    words = "; ".join(f"{s} {fmt.money(v)}" for s, v in shown)
    caption = f"Annual wage percentiles ({source})"
    if missing:
        caption += ". Not published: " + "; ".join(missing)
    if not shown:
        return WageChart(None, f"No annual wage percentile is published ({source}).", caption + ".")
    alt = f"Annual wage at each percentile published: {words}."
    low, high = shown[0][1], shown[-1][1]
    pad = (high - low) * 0.04 or max(high * 0.05, 1.0)
    low, high = low - pad, high + pad
    at = dict(shown)
    parts = [
        f'<svg class="wage-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f"<title>{escape(alt)}</title>",
        f'<line x1="{LEFT}" y1="{AXIS_Y}" x2="{RIGHT}" y2="{AXIS_Y}" stroke="#555" />',
    ]
    if "10th" in at and "90th" in at:
        x1, x2 = _x(at["10th"], low, high), _x(at["90th"], low, high)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{BAR_Y}" x2="{x2:.1f}" y2="{BAR_Y}" stroke="#0072b2" '
            'stroke-width="4" />'
        )
    if "25th" in at and "75th" in at:
        x1, x2 = _x(at["25th"], low, high), _x(at["75th"], low, high)
        parts.append(
            f'<rect x="{x1:.1f}" y="{BAR_Y - 14}" width="{x2 - x1:.1f}" height="28" '
            'fill="#0072b2" fill-opacity="0.35" stroke="#0072b2" />'
        )
    for i, (label, value) in enumerate(shown):
        x = _x(value, low, high)
        median = label == "median"
        parts.append(
            f'<line x1="{x:.1f}" y1="{BAR_Y - (20 if median else 10)}" x2="{x:.1f}" '
            f'y2="{BAR_Y + (20 if median else 10)}" stroke="#1b1f24" '
            f'stroke-width="{4 if median else 2}" />'
        )
        # labels alternate above and below the bar so neighbours do not collide
        y = BAR_Y - 26 if i % 2 == 0 else AXIS_Y + 26
        weight = ' font-weight="700"' if median else ""
        parts.append(
            f'<text x="{x:.1f}" y="{y}" text-anchor="middle"{weight}>'
            f"{escape(label)} {escape(_k(value))}</text>"
        )
    parts.append("</svg>")
    return WageChart("".join(parts), alt, caption + ".")
