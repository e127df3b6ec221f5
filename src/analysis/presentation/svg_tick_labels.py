"""Tick labels written into a chart's SVG as text, where matplotlib would have drawn them.

matplotlib lays out every tick label several times while it draws a figure (to
draw it, to find its bounding box for the offset text, and again to place the
axis label beside the labels): about a third of a report chart's drawing time.
Here each label's lines are placed once, by the same rules matplotlib's
``Text._get_layout`` follows (the renderer's glyph metrics, the font's ascent
and descent as the smallest line height, the axis's tick padding and alignment),
matplotlib draws the figure without them and with its axis labels pinned where
they would have gone, and the lines are written into the SVG as one group.
``tests/unit/test_svg_tick_labels.py`` holds the positions to matplotlib's own
drawing of the same charts.

Only for SVG: a PNG preview (the committed notebooks) is drawn by matplotlib whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags

_ANCHOR = {"left": "start", "right": "end", "center": "middle"}
"""matplotlib's horizontal alignment -> SVG's text-anchor (as its SVG backend writes it)."""
_SVG_DPI = 72
"""matplotlib draws an SVG at 72 dots an inch: its display units are then points."""


@dataclass(frozen=True)
class TickLine:
    """One line of a tick label, as the SVG writes it.

    Attributes:
        text: The line's words.
        x: Points from the figure's left edge to the line's anchor.
        y: Points from the figure's top edge to the line's baseline.
        anchor: SVG text-anchor (``start``, ``middle`` or ``end``).
        size: Font size in points.
        color: Text colour.
    """

    text: str
    x: float
    y: float
    anchor: str
    size: float
    color: str


@dataclass(frozen=True)
class _Font:
    """The tick labels' font at one size: what the line layout needs of it."""

    family: str
    size: float

    @property
    def properties(self) -> FontProperties:
        return FontProperties(family=self.family, size=self.size)


@lru_cache(maxsize=8)
def _height_metrics(font: _Font) -> tuple[float, float, float]:
    """The font's ascent, descent and line gap in points, as matplotlib reads them.

    From the OS/2 table, else hhea; a font with neither gives the "lp" measure, no gap.
    """
    face = get_font(findfont(font.properties))
    scale = font.size / face.get_sfnt_table("head")["unitsPerEm"]
    for table_name, gap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = face.get_sfnt_table(table_name)
        if table is not None:
            return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    _, height, descent = _metrics(font, "lp")
    return height - descent, descent, 0.0


@lru_cache(maxsize=4096)
def _metrics(font: _Font, line: str) -> tuple[float, float, float]:
    """Width, height and descent of one line in points: the SVG renderer's own measure.

    As ``RendererBase.get_text_width_height_descent`` measures for a vector backend:
    the font at the text's size and 72 dpi, without hinting.
    """
    face = get_font(findfont(font.properties))
    face.set_size(font.size, _SVG_DPI)
    face.set_text(line, 0.0, flags=LoadFlags.NO_HINTING)
    width, height = face.get_width_height()
    return width / 64, height / 64, face.get_descent() / 64


def _layout(
    font: _Font, text: str, valign: str
) -> tuple[list[tuple[str, float, float]], float, float]:
    """Each line's (text, width, baseline offset from the anchor, up); the block's size.

    matplotlib's rules for an unrotated text: every line at least as tall as the
    font's ascent and descent (and, in a text of several lines, half the font's line
    gap above and below), stacked, the block aligned on its anchor by ``valign``.
    """
    min_ascent, min_descent, line_gap = _height_metrics(font)
    lines = text.split("\n")
    half_gap = line_gap / 2 if len(lines) > 1 else 0.0
    laid: list[tuple[str, float, float]] = []
    top = 0.0  # running baseline, downwards from the block's top
    baseline = descent = 0.0
    for line in lines:
        width, height, line_descent = _metrics(font, line) if line else (0.0, 0.0, 0.0)
        ascent = max(height - line_descent, min_ascent) + half_gap
        descent = max(line_descent, min_descent) + half_gap
        baseline = ascent - top  # for the last line: the block's top to its baseline
        top -= ascent
        laid.append((line, width, top))
        top -= descent
    bottom = laid[-1][2] - descent
    offset = {
        "bottom": bottom,
        "top": 0.0,
        "center": bottom / 2,
        "baseline": bottom + descent,
        "center_baseline": -baseline / 2,
    }[valign]
    lines_out = [(line, width, y - offset) for line, width, y in laid]
    return lines_out, max(w for _, w, _ in laid), -bottom


def _labels(axis: Axis) -> list[tuple[float, str]]:
    """(location, label) of the major ticks the axis draws, as ``Axis._update_ticks`` picks them."""
    locations = list(axis.get_majorticklocs())
    labels = axis.get_major_formatter().format_ticks(locations)
    low, high = sorted(axis.get_view_interval())
    # matplotlib's own tolerance: a tick a hair outside the view still draws
    slack = 1e-10 * max(abs(high - low), 1e-300)
    return [
        (loc, label)
        for loc, label in zip(locations, labels, strict=True)
        if label and low - slack <= loc <= high + slack
    ]


def _shown(axis: Axis, key: str) -> bool:
    return bool(axis.get_tick_params(which="major").get(key, True))


def _pad(axis_name: str) -> float:
    """Points between the axis and its labels: the tick's length (pointing out) and pad."""
    return mpl.rcParams[f"{axis_name}tick.major.size"] + mpl.rcParams[f"{axis_name}tick.major.pad"]


def svg_points(fig: Figure, pixels: Any) -> np.ndarray:
    """Display pixels (origin bottom left, at the figure's dpi) -> SVG points from the top left."""
    points = np.asarray(pixels, dtype=float) * _SVG_DPI / fig.dpi
    points[:, 1] = fig.get_size_inches()[1] * _SVG_DPI - points[:, 1]
    return points


def lift(fig: Figure) -> list[TickLine]:
    """The lines of every bottom and left tick label of ``fig``, which stops drawing them.

    Call after the figure is laid out (its axes placed) and before it is saved. The
    axis labels are pinned where matplotlib would put them beside the labels.

    Returns:
        The lines, in SVG points (from the top left), for :func:`into_svg`.
    """
    width, height = (v * _SVG_DPI for v in fig.get_size_inches())
    lines: list[TickLine] = []
    for ax in fig.axes:
        if not ax.axison:
            continue
        box = ax.get_position()
        ax_width, ax_height = box.width * width, box.height * height
        if _shown(ax.yaxis, "labelleft"):
            widest = _lift_axis(fig, ax, "y", lines)
            if widest is not None and ax.yaxis.get_label_text():
                gap = _pad("y") + widest + ax.yaxis.labelpad
                ax.yaxis.set_label_coords(-gap / ax_width, 0.5)
        if _shown(ax.xaxis, "labelbottom"):
            tallest = _lift_axis(fig, ax, "x", lines)
            if tallest is not None and ax.xaxis.get_label_text():
                gap = _pad("x") + tallest + ax.xaxis.labelpad
                ax.xaxis.set_label_coords(0.5, -gap / ax_height)
        ax.tick_params(labelleft=False, labelbottom=False)
    return lines


def _lift_axis(fig: Figure, ax: Axes, name: str, out: list[TickLine]) -> float | None:
    """Append the lines of one axis's tick labels; return their widest (y) or tallest (x) extent."""
    axis = ax.yaxis if name == "y" else ax.xaxis
    labels = _labels(axis) if axis.get_visible() else []
    if not labels:
        return None
    tick = axis.get_major_ticks()[0].label1
    font = _Font(str(tick.get_fontfamily()[0]), float(tick.get_fontsize()))
    color = mpl.colors.to_hex(tick.get_color())
    if name == "y":
        transform, valign, halign = ax.get_yaxis_text1_transform(_pad("y"))
        anchors = transform.transform([(0.0, loc) for loc, _ in labels])
    else:
        transform, valign, halign = ax.get_xaxis_text1_transform(_pad("x"))
        anchors = transform.transform([(loc, 0.0) for loc, _ in labels])
    extent = 0.0
    for (_, label), (x, y) in zip(labels, svg_points(fig, anchors), strict=True):
        laid, block_width, block_height = _layout(font, label, valign)
        for line, _, rise in laid:  # rise is upwards; SVG's y runs down
            out.append(TickLine(line, x, y - rise, _ANCHOR[halign], font.size, color))
        extent = max(extent, block_width if name == "y" else block_height)
    return extent


def into_svg(svg: str, lines: list[TickLine]) -> str:
    """``svg`` with the tick label ``lines`` written in, as one group sharing one style."""
    if not lines:
        return svg
    size, color = lines[0].size, lines[0].color
    body = "".join(
        f'<text x="{t.x:.2f}" y="{t.y:.2f}"'
        + ("" if t.anchor == "start" else f' text-anchor="{t.anchor}"')
        + ("" if t.size == size else f' font-size="{t.size:g}px"')
        + ("" if t.color == color else f' fill="{t.color}"')
        + f">{escape(t.text, quote=False)}</text>"
        for t in lines
    )
    return append_text_group(svg, "tick-labels", body, size, color)


def append_text_group(
    svg: str, gid: str, body: str, size: float, fill: str, anchor: str | None = None
) -> str:
    """``svg`` with the ``<text>`` elements of ``body`` added last, as one group.

    The group carries the style its texts share: the charts' font at ``size``, ``fill``
    and, when given, the text-anchor.
    """
    style = (
        f"font-size: {size:g}px; font-family: 'DejaVu Sans', sans-serif; "
        + (f"text-anchor: {anchor}; " if anchor else "")
        + f"fill: {fill}"
    )
    head, tail = svg.rsplit("</svg>", 1)
    return f'{head}<g id="{gid}" style="{style}">{body}</g></svg>{tail}'
