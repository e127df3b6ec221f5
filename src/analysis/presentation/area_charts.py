"""The two charts of "Where each pays more": a tile-grid map of the states, a dot plot of metros.

Both draw the mean-wage gaps of :mod:`analysis.comparison.by_area` with the house
style of :mod:`analysis.presentation.plots` (5 inches wide, 11.5 pt text, the
Okabe-Ito colours of the two occupations) and carry words written from the same
data (:func:`state_map_text`, :func:`metro_gaps_text`). Significance is never
shown by colour alone: on the map a significant gap has a thick outline and a
not comparable area is hatched; on the dot plot a significant gap is a filled
marker and A's and B's gaps have different marker shapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from markupsafe import escape
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import Affine2D

from analysis.comparison.by_area import AreaGap
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.areas import POSTAL
from analysis.presentation import formatting as fmt
from analysis.presentation import plots, svg_tick_labels
from analysis.presentation.chart_text import ChartText

_OEWS = SOURCES["oews"].label

TILE_GRID: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (0, 10),
    "VT": (1, 9), "NH": (1, 10),
    "WA": (2, 0), "ID": (2, 1), "MT": (2, 2), "ND": (2, 3), "MN": (2, 4), "IL": (2, 5),
    "WI": (2, 6), "MI": (2, 7), "NY": (2, 8), "RI": (2, 9), "MA": (2, 10),
    "OR": (3, 0), "NV": (3, 1), "WY": (3, 2), "SD": (3, 3), "IA": (3, 4), "IN": (3, 5),
    "OH": (3, 6), "PA": (3, 7), "NJ": (3, 8), "CT": (3, 9),
    "CA": (4, 0), "UT": (4, 1), "CO": (4, 2), "NE": (4, 3), "MO": (4, 4), "KY": (4, 5),
    "WV": (4, 6), "VA": (4, 7), "MD": (4, 8), "DE": (4, 9),
    "AZ": (5, 1), "NM": (5, 2), "KS": (5, 3), "AR": (5, 4), "TN": (5, 5), "NC": (5, 6),
    "SC": (5, 7), "DC": (5, 8),
    "OK": (6, 3), "LA": (6, 4), "MS": (6, 5), "AL": (6, 6), "GA": (6, 7),
    "HI": (7, 0), "GU": (7, 1), "TX": (7, 3), "FL": (7, 8), "PR": (7, 9), "VI": (7, 10),
}  # fmt: skip
"""Postal code -> (row, column) of its square, row 0 at the top.

The 50 states and DC sit as in the tile grid map NPR's visuals team published
in 2015 (8 rows of 11 squares, each state beside its neighbours as far as a
grid allows; also the layout of the common "statebins" maps). That grid has no
territories: Guam is placed beside Hawaii (the Pacific), Puerto Rico and the
Virgin Islands beside Florida (the Caribbean), in its empty bottom row.
"""

ROWS, COLUMNS = 8, 11
NO_DATA = "#ffffff"
"""Fill of a not comparable square (hatched grey, so it reads without colour too)."""
HATCH_COLOR = "#8a939c"
OUTLINE = "#1a1a1a"
"""The outline of a significant gap (thick), the mark that does not rely on colour."""
GAP_COLORS = LinearSegmentedColormap.from_list("gap", [plots.COLOR_B, "#f2f2f2", plots.COLOR_A])
"""Diverging scale: B's vermillion (B pays more) through light grey (no gap) to A's blue."""
METRO_SIDE = 10
"""The dot plot shows the largest gaps each way: up to this many where A's mean is higher,
as many where B's is."""

_KDOLLARS_SIGNED = FuncFormatter(
    lambda x, _pos: "$0" if x == 0 else f"{'+' if x > 0 else fmt.MINUS}${abs(x) / 1000:,.0f}k"
)


def _comparable(gaps: Sequence[AreaGap]) -> list[AreaGap]:
    return [g for g in gaps if g.reason is None]


def _gap_scale(gaps: Sequence[AreaGap]) -> Normalize:
    """A colour scale symmetric around 0 out to the largest |A − B| (so 0 is the midpoint)."""
    widest = max((abs(g.difference or 0) for g in _comparable(gaps)), default=0.0) or 1.0
    return Normalize(-widest, widest)


def _ink(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


KEY_STEPS = COLUMNS
"""Squares in the colour key under the map, from the widest B lead to the widest A lead."""
KEY_TOP = -0.25
"""Where the key starts under the map (in squares); it takes :data:`KEY_HEIGHT`."""
KEY_HEIGHT = 3.4


def _squares(cells: Sequence[tuple[int, int]], inset: float) -> np.ndarray:
    """The corners of one square per cell, inset from the cell's edges (for a PolyCollection)."""
    corner = np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=float) * (1 - 2 * inset) + inset
    return np.asarray(cells, dtype=float).reshape(-1, 1, 2) + corner


def _tile_colors(gaps: Sequence[AreaGap], scale: Normalize) -> list[str]:
    """Each area's fill (hex): its gap on :data:`GAP_COLORS`, white where not comparable."""
    diff = np.array([np.nan if g.difference is None else g.difference for g in gaps])
    rgba = GAP_COLORS(scale(np.nan_to_num(diff)))
    hexes = [to_hex(c) for c in rgba]
    return [NO_DATA if np.isnan(d) else h for d, h in zip(diff, hexes, strict=True)]


def state_map(comp: Comparison, labels: bool = True) -> Figure:
    """Every state, DC and territory a same-size square at its approximate place.

    With ``labels=False`` the postal codes are left out, for :func:`svg_with_labels` to
    write into the SVG (54 texts are most of the map's drawing time).

    Drawn as three collections in the order of ``comp.by_area.states`` (one
    artist each, not one per square: a report draws this map every time):
    ``tiles`` (comparable areas, coloured by the gap A − B), ``not-comparable``
    (white, hatched) and ``significant`` (a thick outline on each significant
    gap). A colour key and a legend sit below the map, inside the same axes.
    """
    gaps = comp.by_area.states
    plots.mpl.rcParams.update(plots._STYLE)
    fig = Figure(figsize=(plots.WIDTH, (ROWS - KEY_TOP + KEY_HEIGHT) * _TILE_INCHES / 0.98))
    ax = _Grid(fig)
    scale = _gap_scale(gaps)
    place = {g.code: TILE_GRID[POSTAL[g.code]] for g in gaps}
    cell = {code: (col, ROWS - 1 - row) for code, (row, col) in place.items()}
    fills = _tile_colors(gaps, scale)
    shown = [i for i, g in enumerate(gaps) if g.difference is not None]
    missing = [g for g in gaps if g.difference is None]
    tiles = PolyCollection(
        _squares([cell[gaps[i].code] for i in shown], 0.04),
        facecolors=[fills[i] for i in shown], edgecolors="#ffffff", linewidths=0.6,
    )  # fmt: skip
    tiles.set_gid("tiles")
    blank = PolyCollection(
        _squares([cell[g.code] for g in missing], 0.04),
        facecolors=NO_DATA, edgecolors=HATCH_COLOR, linewidths=0.6, hatch="////",
    )  # fmt: skip
    blank.set_gid("not-comparable")
    marks = PolyCollection(
        _squares([cell[g.code] for g in gaps if g.significant], 0.1),
        facecolors="none", edgecolors=OUTLINE, linewidths=2.6,
    )  # fmt: skip
    marks.set_gid("significant")
    for collection in (tiles, blank, marks):
        ax.add_collection(collection)
    for g, fill in zip(gaps, fills, strict=True) if labels else ():
        x, y = cell[g.code]
        ax.text(x + 0.5, y + 0.5, POSTAL[g.code], ha="center", va="center",
                fontsize=LABEL_SIZE, color=_label_ink(g, fill),
                fontweight="bold" if g.significant else "normal")  # fmt: skip
    _map_key(ax, comp, scale)
    return fig


_TILE_INCHES = plots.WIDTH * 0.98 / (COLUMNS + 0.1)
"""A square's side: the grid, 0.05 of a square spare each side, spans 98 % of the width."""


def _grid_transform(fig: Figure) -> Affine2D:
    """Grid units (a square is 1; x from -0.05, y from the key's bottom) -> display pixels."""
    bottom = KEY_TOP - KEY_HEIGHT
    inches = (
        Affine2D()
        .translate(0.05, -bottom)
        .scale(_TILE_INCHES)
        .translate(0.01 * plots.WIDTH, 0.01 * fig.get_size_inches()[1])
    )
    return inches + fig.dpi_scale_trans


class _Grid:
    """Draws in grid units straight onto a figure: a map needs no axes (nor their ticks)."""

    def __init__(self, fig: Figure):
        """Draw on ``fig`` with :func:`_grid_transform`."""
        self.fig, self.transform = fig, _grid_transform(fig)

    def add_collection(self, artist: PolyCollection) -> None:
        """Add a collection whose vertices are in grid units."""
        artist.set_transform(self.transform)
        self.fig.add_artist(artist)

    def add_patch(self, artist: Rectangle) -> None:
        """Add a patch placed in grid units."""
        artist.set_transform(self.transform)
        self.fig.add_artist(artist)

    def text(self, x: float, y: float, text: str, **kwargs: Any) -> None:
        """Write ``text`` at (x, y) in grid units."""
        self.fig.text(x, y, text, transform=self.transform, **kwargs)


LABEL_SIZE = plots.FONT_SIZE
"""Points: the postal codes inside the squares (the house size: 11 px or more on a phone)."""


def _label_ink(gap: AreaGap, fill: str) -> str:
    return "#333333" if gap.difference is None else _ink(fill)


@dataclass(frozen=True)
class SvgText:
    """A text an SVG of this module gets written in after drawing (see :func:`svg_with_texts`).

    Attributes:
        text: The words.
        x: Points from the figure's left edge (to the text's anchor).
        y: Points from the figure's top edge to the text's vertical centre.
        bold: Bold type.
        ink: Text colour.
    """

    text: str
    x: float
    y: float
    bold: bool = False
    ink: str = "#000000"


def tile_labels(fig: Figure, comp: Comparison) -> list[SvgText]:
    """Where each postal code goes in ``fig`` (a :func:`state_map` drawn without labels)."""
    gaps = comp.by_area.states
    fills = _tile_colors(gaps, _gap_scale(gaps))
    centres = np.array(
        [(TILE_GRID[POSTAL[g.code]][1] + 0.5, ROWS - TILE_GRID[POSTAL[g.code]][0] - 0.5)
         for g in gaps]
    )  # fmt: skip
    points = svg_tick_labels.svg_points(fig, _grid_transform(fig).transform(centres))
    return [
        SvgText(POSTAL[g.code], float(x), float(y), bool(g.significant), _label_ink(g, fill))
        for g, fill, (x, y) in zip(gaps, fills, points, strict=True)
    ]


def svg_with_texts(
    svg: str, texts: Sequence[SvgText], gid: str, size: float, anchor: str = "middle"
) -> str:
    """An SVG with ``texts`` written in as one group sharing one style.

    For the many short texts of these charts (54 postal codes, 20 metro names):
    matplotlib writes the font on each text and measures every one while drawing,
    most of a chart's time. The baseline sits 0.36 em below the centre, which
    centres capitals and lower case alike closely enough (DejaVu Sans capitals are
    0.73 em tall).
    """
    below = 0.36 * size
    body = "".join(
        f'<text x="{t.x:.2f}" y="{t.y + below:.2f}"'
        + (' font-weight="bold"' if t.bold else "")
        + (f' fill="{t.ink}"' if t.ink != "#000000" else "")
        + f">{escape(t.text)}</text>"
        for t in texts
    )
    return svg_tick_labels.append_text_group(svg, gid, body, size, "#000000", anchor)


def _map_key(ax: _Grid, comp: Comparison, scale: Normalize) -> None:
    """The colour key (A − B from B's widest lead to A's) and the marks, under the map."""
    widest = scale.vmax
    values = np.linspace(-widest, widest, KEY_STEPS)
    top = KEY_TOP
    key = PolyCollection(
        [[(i, top - 1.6), (i + 1, top - 1.6), (i + 1, top - 1.15), (i, top - 1.15)]
         for i in range(KEY_STEPS)],
        facecolors=GAP_COLORS(scale(values)), edgecolors="#ffffff", linewidths=0.6,
    )  # fmt: skip
    key.set_gid("key")
    ax.add_collection(key)
    ax.text(0, top, plots._wrap(f"\u2190 {comp.b.title} earn more", 26), ha="left", va="top")
    ax.text(KEY_STEPS, top, plots._wrap(f"{comp.a.title} earn more \u2192", 26), ha="right",
            va="top")  # fmt: skip
    for x, value, align in ((0, -widest, "left"), (KEY_STEPS / 2, 0.0, "center"),
                            (KEY_STEPS, widest, "right")):  # fmt: skip
        ax.text(x, top - 1.7, fmt.money_rounded(value, 100, signed=True), ha=align, va="top")
    outline = Rectangle((0.0, top - 3.3), 0.8, 0.6, facecolor="#f2f2f2", edgecolor=OUTLINE,
                        linewidth=2.6)  # fmt: skip
    hatched = Rectangle((5.6, top - 3.3), 0.8, 0.6, facecolor=NO_DATA, edgecolor=HATCH_COLOR,
                        hatch="////", linewidth=0.6)  # fmt: skip
    for patch in (outline, hatched):
        ax.add_patch(patch)
    ax.text(0.95, top - 3.0, "Significant", va="center")
    ax.text(6.55, top - 3.0, "Not comparable", va="center")


def metro_names(fig: Figure, comp: Comparison) -> list[SvgText]:
    """Where each metro name goes in ``fig`` (a :func:`metro_chart` drawn without names)."""
    rows = metro_rows(comp)
    if not rows:
        return []
    ax = fig.axes[0]
    y = np.arange(len(rows))[::-1]
    anchors = ax.get_yaxis_transform().transform(np.column_stack([np.full(len(y), -0.02), y]))
    points = svg_tick_labels.svg_points(fig, anchors)
    return [
        SvgText(name, float(px), float(py))
        for name, (px, py) in zip(metro_labels(rows), points, strict=True)
    ]


def _short_metro(name: str) -> str:
    """The first city and the state(s): "Austin-Round Rock-San Marcos, TX" -> "Austin, TX"."""
    cities, _, states = name.rpartition(", ")
    return f"{cities.split('-')[0]}, {states}" if cities else name


def metro_rows(comp: Comparison, side: int = METRO_SIDE) -> list[AreaGap]:
    """The comparable metros with the largest gaps each way, largest A − B first.

    Up to ``side`` where A's mean is higher and as many where B's is, whether or
    not the gap is significant (the markers say which are).
    """
    ok = sorted(_comparable(comp.by_area.metros), key=lambda g: (-(g.difference or 0), g.name))
    a_more = [g for g in ok if (g.difference or 0) > 0][:side]
    b_more = [g for g in ok if (g.difference or 0) < 0][-side:] if side else []
    return a_more + b_more


def metro_labels(rows: Sequence[AreaGap]) -> list[str]:
    """Short names of the charted metros, the full name where two would read alike."""
    short = [_short_metro(g.name) for g in rows]
    return [s if short.count(s) == 1 else g.name for s, g in zip(short, rows, strict=True)]


def metro_chart(comp: Comparison, names: bool = True) -> Figure:
    """A dot plot of the largest metro-area gaps each way, each with its 95 % CI.

    With ``names=False`` the metro names are left out (room is kept for them), for
    :func:`metro_names` and :func:`svg_with_texts` to write into the SVG.
    """
    rows = metro_rows(comp)
    fig, (ax,) = plots._figure("metro_gaps", 1.9 + 0.3 * max(len(rows), 3))
    if not rows:
        plots._empty(ax, "No metro area publishes a comparable mean wage for both")
        return plots._place(fig)
    y = np.arange(len(rows))[::-1]
    a_side = np.array([(g.difference or 0) > 0 for g in rows])
    colors = np.where(a_side, plots.COLOR_A, plots.COLOR_B)
    # one collection of intervals and one scatter per side: a report draws this every time
    ax.add_collection(
        LineCollection(
            [[(g.ci95_low, yi), (g.ci95_high, yi)] for g, yi in zip(rows, y, strict=True)],
            colors=list(colors), linewidths=1.6,
        )
    )  # fmt: skip
    diff = np.array([g.difference for g in rows], dtype=float)
    faces = np.where([bool(g.significant) for g in rows], colors, "#ffffff")
    for side, marker in ((a_side, plots.MARKER_A), (~a_side, plots.MARKER_B)):
        if side.any():
            ax.scatter(diff[side], y[side], s=49, marker=marker, facecolors=list(faces[side]),
                       edgecolors=list(colors[side]), linewidths=1.6, zorder=3)  # fmt: skip
    low = min(g.ci95_low or 0 for g in rows)
    high = max(g.ci95_high or 0 for g in rows)
    pad = (high - low) * 0.04
    ax.set_xlim(min(low, 0) - pad, max(high, 0) + pad)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.axvline(0, color="#555555", linewidth=1)
    # the names as plain texts beside the axes, not as tick labels: 20 ticks are 80 artists
    row_names = metro_labels(rows)
    ax.set_yticks([])
    for yi, name in zip(y, row_names, strict=True) if names else ():
        ax.text(-0.02, yi, name, transform=ax.get_yaxis_transform(), ha="right", va="center")
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(_KDOLLARS_SIGNED)
    ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    handles = [
        plots._patch(plots.COLOR_A, plots.MARKER_A),
        plots._patch(plots.COLOR_B, plots.MARKER_B),
        Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="#ffffff",
               markeredgecolor="#444444", markeredgewidth=1.6),
    ]  # fmt: skip
    labels = [
        f"{comp.a.title} earn more",
        f"{comp.b.title} earn more",
        "Hollow: not significant (the 95% CI crosses 0)",
    ]
    top = plots._legend_above(fig, handles, labels)
    plots._finish(fig, f"A \u2212 B, annual mean wage, with 95% CI (US dollars, {_OEWS})", "", top)
    # room on the left for the longest name (the layout measured tick labels, and there are none)
    width = fig.get_size_inches()[0]
    left = (max(map(plots._text_width, row_names)) + 0.02 * 3.5 + plots._PAD) / width
    fig.subplots_adjust(left=min(left, 0.6))
    return fig


# --------------------------------------------------------------------------- the words


def _gap_money(value: float | None) -> str:
    return fmt.money_rounded(value, signed=True)


def _bound_money(value: float | None) -> str:
    """An interval's end to $10, or to the dollar where $10 would show a nonzero end as $0."""
    if value is not None and value != 0 and round(value / 10) == 0:
        return fmt.money(value, signed=True)
    return _gap_money(value)


def _series(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def state_map_text(comp: Comparison) -> ChartText:
    """The map's alt text (every area by verdict) and caption (the counts and the widest gaps)."""
    gaps = comp.by_area.states
    a_name, b_name = comp.a.title, comp.b.title
    a_more = [g for g in gaps if g.significant and (g.difference or 0) > 0]
    b_more = [g for g in gaps if g.significant and (g.difference or 0) < 0]
    level = [g for g in gaps if g.significant is False]
    none = [g for g in gaps if g.reason is not None]

    def listed(items: Sequence[AreaGap], amounts: bool) -> str:
        return _series(
            [f"{g.name} ({_gap_money(g.difference)})" if amounts else g.name for g in items]
        )

    alt = (
        f"Tile map of the {len(gaps)} states, DC and territories, one square each at its "
        f"approximate place, coloured by the annual mean wage gap {a_name} \u2212 {b_name} "
        f"(blue where {a_name} earn more, vermillion where {b_name} do). "
        f"{a_name} earn significantly more in {len(a_more)}: {listed(a_more, True)}. "
        f"{b_name} earn significantly more in {len(b_more)}: {listed(b_more, True)}. "
        f"No significant difference in {len(level)}: {listed(level, False)}. "
        f"Not comparable in {len(none)}: {listed(none, False)}."
    )
    widest = []
    for name, group in ((a_name, a_more), (b_name, b_more)):
        if group:
            top = max(group, key=lambda g: abs(g.difference or 0))
            widest.append(
                f"{name} lead most in {top.name} ({fmt.money_rounded(abs(top.difference or 0))})"
            )
    lead = "; ".join(widest) if widest else "no state shows a significant difference"
    caption = (
        f"{a_name} earn significantly more than {b_name} in {len(a_more)} of {len(gaps)} states "
        f"and territories, {b_name} in {len(b_more)}; {lead} ({_OEWS} annual mean wages, "
        "95% confidence; outlined squares are significant, hatched ones not comparable)."
    )
    return ChartText(_tidy(alt), _tidy(caption))


def metro_gaps_text(comp: Comparison) -> ChartText:
    """The dot plot's alt text (each metro's gap and interval) and caption."""
    rows = metro_rows(comp)
    a_name, b_name = comp.a.title, comp.b.title
    labels = metro_labels(rows)
    if not rows:
        text = f"No metro area publishes a comparable mean wage for both ({_OEWS})."
        return ChartText(text, text)

    def one(label: str, g: AreaGap) -> str:
        verdict = "significant" if g.significant else "not significant"
        return (
            f"{label} {_gap_money(g.difference)} ({_bound_money(g.ci95_low)} to "
            f"{_bound_money(g.ci95_high)}, {verdict})"
        )

    alt = (
        f"Dot plot of the annual mean wage gap {a_name} \u2212 {b_name} with 95% confidence "
        f"intervals in the {len(rows)} metro areas with the largest gaps each way, largest "
        "first: " + "; ".join(one(label, g) for label, g in zip(labels, rows, strict=True)) + "."
    )
    counts = comp.by_area.counts["metros"]
    caption = (
        f"Of {counts.total} metro areas where OEWS publishes both, {a_name} earn significantly "
        f"more in {counts.a_higher} and {b_name} in {counts.b_higher}; the chart shows the "
        f"largest gaps each way ({_OEWS}; filled markers are significant at 95%)."
    )
    return ChartText(_tidy(alt), _tidy(caption))


def _tidy(text: str) -> str:
    return re.sub(r"\s{2,}", " ", text).strip()
