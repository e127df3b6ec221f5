"""The report's six charts drawn straight to SVG text: the data and look of plots.py, fast.

Why: matplotlib spends 0.1-0.3 s laying out and writing each chart (text
extents, tight layout, the SVG backend); a report has six and the atlas renders
~1,800 reports. These functions draw the same charts from the same data
functions of :mod:`analysis.presentation.plots` (``percentile_rows``,
``state_rows``, ...), with its palette, markers, hatching, legends above the
data, axes with units and tick steps of 1, 2, 2.5 or 5 x 10^k (as matplotlib's
``MaxNLocator``), in about a millisecond each. Text stays text (DejaVu Sans,
then any sans-serif); label widths come from DejaVu Sans's own advance widths,
read once from the font matplotlib ships. The matplotlib figures stay in
plots.py for researchers who want to restyle a chart.

Coordinates are points (72 per inch), like matplotlib's SVG: a chart is
:data:`WIDTH` = 360 pt (5 inches) wide.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

WIDTH = 360.0
"""Chart width in points (plots.WIDTH = 5 inches)."""
FONT = 11.5
"""Text size in points (plots.FONT_SIZE)."""
LINE = FONT * 1.3
"""Baseline-to-baseline distance of wrapped text."""

COLOR_A, COLOR_B = "#0072b2", "#d55e00"
"""Okabe-Ito blue and vermillion (plots.COLOR_A, plots.COLOR_B)."""
GRID, SPINE, TICK, LABEL, MUTED = "#dfe3e8", "#555555", "#333333", "#222222", "#9aa3ad"
FAMILY = "'DejaVu Sans', sans-serif"
TICK_LENGTH, PAD = 3.5, 3.5


@lru_cache(maxsize=1)
def _advances() -> dict[str, float]:
    """DejaVu Sans advance width of each character, in ems (from matplotlib's copy)."""
    try:
        from matplotlib import font_manager, ft2font

        font = ft2font.FT2Font(font_manager.findfont("DejaVu Sans"))
        font.set_size(1000, 72)
        flags = getattr(getattr(ft2font, "LoadFlags", None), "NO_HINTING", 2)
        out = {}
        for code in [*range(32, 127), *range(160, 256), 0x2212, 0x2013, 0x2014, 0x2019, 0xB7]:
            try:
                glyph = font.load_char(code, flags=flags)
            except RuntimeError:
                continue
            out[chr(code)] = glyph.linearHoriAdvance / 65536 / 1000
        return out
    except (ImportError, OSError, RuntimeError):  # pragma: no cover - no font: estimate
        return {}


def text_width(text: str, size: float = FONT) -> float:
    """Width of one line of DejaVu Sans text at ``size`` points."""
    widths = _advances()
    return sum(widths.get(c, 0.6) for c in text) * size


def wrap(text: str, width: int = 22) -> list[str]:
    """Lines of at most ``width`` characters (plots._wrap)."""
    return textwrap.wrap(text, width) or [text]


def nice_ticks(low: float, high: float, bins: int = 5) -> list[float]:
    """Tick values inside [low, high], at most ``bins`` + 1, steps of 1, 2, 2.5, 5 x 10^k."""
    if not math.isfinite(low) or not math.isfinite(high) or high <= low:
        return [low] if math.isfinite(low) else []
    raw = (high - low) / bins
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first = math.ceil(low / step - 1e-9) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else round(value, 10))
        value += step
    return ticks


def dollars(value: float) -> str:
    """Tick label "$45,000" (plots._DOLLARS)."""
    return f"${value:,.0f}"


def kdollars(value: float) -> str:
    """Tick label "$45k" (plots._KDOLLARS)."""
    return f"${value / 1000:,.0f}k"


def plain(value: float) -> str:
    """Tick label "20" or "2.5"."""
    return f"{value:g}"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass
class Canvas:
    """SVG elements in drawing order, written by :meth:`svg`."""

    height: float
    parts: list[str] = field(default_factory=list)
    defs: list[str] = field(default_factory=list)
    left: float = 0.0
    right: float = WIDTH

    def text(
        self,
        x: float,
        y: float,
        lines: str | Sequence[str],
        anchor: str = "start",
        color: str = TICK,
        size: float = FONT,
        rotate: bool = False,
        middle: bool = True,
    ) -> None:
        """Text at (x, y); several lines are centred on y when ``middle``, else hang from it."""
        lines = [lines] if isinstance(lines, str) else list(lines)
        # Like matplotlib's bbox_inches="tight": the page grows to hold every label.
        longest = size if rotate else max(text_width(line, size) for line in lines)
        start = {"start": x, "middle": x - longest / 2, "end": x - longest}[anchor]
        if rotate:
            start = x - size / 2
        self.left, self.right = min(self.left, start - 4), max(self.right, start + longest + 4)
        first = y - (len(lines) - 1) * LINE / 2 if middle else y
        baseline = size * 0.36 if middle else size * 0.8
        transform = f' transform="rotate(-90 {_num(x)} {_num(y)})"' if rotate else ""
        spans = "".join(
            f'<tspan x="{_num(x)}" y="{_num(first + i * LINE + baseline)}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.parts.append(
            f'<text text-anchor="{anchor}" fill="{color}" font-size="{_num(size)}"{transform}>'
            f"{spans}</text>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float) -> None:
        """A straight line."""
        self.parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{color}" stroke-width="{_num(width)}"/>'
        )

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        """A filled rectangle with a thin white edge (plots' bars)."""
        self.parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(max(w, 0))}" '
            f'height="{_num(max(h, 0))}" fill="{fill}" stroke="#ffffff" stroke-width="0.5"/>'
        )

    def marker(
        self, x: float, y: float, shape: str, color: str, size: float, hollow: bool = False
    ) -> None:
        """A circle ("o") or square ("s") marker of ``size`` points across."""
        fill = "#ffffff" if hollow else color
        stroke = f' stroke="{color}" stroke-width="{2 if hollow else 1}"'
        if shape == "s":
            half = size * 0.44
            self.parts.append(
                f'<rect x="{_num(x - half)}" y="{_num(y - half)}" width="{_num(2 * half)}" '
                f'height="{_num(2 * half)}" fill="{fill}"{stroke}/>'
            )
        else:
            self.parts.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(size / 2)}" '
                f'fill="{fill}"{stroke}/>'
            )

    def polyline(self, points: Sequence[tuple[float, float]], color: str, width: float) -> None:
        """A line through ``points``."""
        coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        self.parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{color}" '
            f'stroke-width="{_num(width)}" stroke-linejoin="round"/>'
        )

    def hatch(self, name: str, color: str) -> str:
        """A fill of ``color`` with white diagonal lines (matplotlib's "//"); its url."""
        self.defs.append(
            f'<pattern id="{name}" patternUnits="userSpaceOnUse" width="6" height="6">'
            f'<rect width="6" height="6" fill="{color}"/>'
            '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#ffffff" stroke-width="1"/>'
            "</pattern>"
        )
        return f"url(#{name})"

    def svg(self) -> str:
        """The document."""
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        width = self.right - self.left
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}pt" '
            f'height="{_num(self.height)}pt" '
            f'viewBox="{_num(self.left)} 0 {_num(width)} {_num(self.height)}" '
            f'font-family="{FAMILY}">{defs}<rect x="{_num(self.left)}" width="100%" '
            f'height="100%" fill="#ffffff"/>{"".join(self.parts)}</svg>'
        )


@dataclass(frozen=True)
class Box:
    """A plotting area: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float


def _scale(low: float, high: float, start: float, end: float) -> Callable[[float], float]:
    span = (high - low) or 1.0
    return lambda v: start + (v - low) / span * (end - start)


def _legend(canvas: Canvas, top: float, left: float, entries: Sequence[tuple[str, str, str]]):
    """Legend rows above the data: (marker shape, colour, label); returns the bottom y."""
    y = top
    for shape, color, label in entries:
        lines = wrap(label, 44)
        canvas.marker(left + 6, y + LINE / 2, shape, color, 9 * 0.85)
        canvas.text(left + 16, y + LINE / 2 + (len(lines) - 1) * LINE / 2, lines, color=LABEL)
        y += LINE * len(lines) + 2
    return y


def _value_axis_x(canvas: Canvas, box: Box, ticks: list[float], fmt, to_x) -> None:  # noqa: ANN001
    for t in ticks:
        x = to_x(t)
        canvas.line(x, box.y, x, box.y + box.h, GRID, 0.8)
        canvas.line(x, box.y + box.h, x, box.y + box.h + TICK_LENGTH, TICK, 0.8)
        canvas.text(x, box.y + box.h + TICK_LENGTH + PAD, fmt(t), anchor="middle", middle=False)


def _value_axis_y(canvas: Canvas, box: Box, ticks: list[float], fmt, to_y) -> None:  # noqa: ANN001
    for t in ticks:
        y = to_y(t)
        canvas.line(box.x, y, box.x + box.w, y, GRID, 0.8)
        canvas.line(box.x - TICK_LENGTH, y, box.x, y, TICK, 0.8)
        canvas.text(box.x - TICK_LENGTH - PAD, y, fmt(t), anchor="end")


def _spines(canvas: Canvas, box: Box) -> None:
    canvas.line(box.x, box.y, box.x, box.y + box.h, SPINE, 0.8)
    canvas.line(box.x, box.y + box.h, box.x + box.w, box.y + box.h, SPINE, 0.8)


def _empty(canvas: Canvas, box: Box, message: str) -> None:
    canvas.text(box.x + box.w / 2, box.y + box.h / 2, wrap(message, 40), anchor="middle")
    _spines(canvas, box)


def _labels_width(labels: Sequence[str], width: int = 22) -> float:
    return max((text_width(line) for label in labels for line in wrap(label, width)), default=0.0)


def _present(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


def _ylabel(canvas: Canvas, x: float, box_top: float, box_bottom: float, label: str) -> None:
    canvas.text(x, (box_top + box_bottom) / 2, label, anchor="middle", color=LABEL, rotate=True)


# --------------------------------------------------------------------------- the charts


def wage_percentiles(
    rows: Sequence[tuple[str, float | None, float | None]], names: tuple[str, str], source: str
) -> str:
    """Annual wage at the 10th-90th percentiles of each occupation: two lines of markers."""
    canvas = Canvas(3.9 * 72)
    values = _present([v for _, a, b in rows for v in (a, b)])
    if not values:
        box = Box(60, 14, WIDTH - 70, canvas.height - 14 - (2 * LINE + 14))
        _empty(canvas, box, "No wage percentiles published")
        _ylabel(canvas, 8 + FONT * 0.6, box.y, box.y + box.h, "Annual wage (US dollars)")
    else:
        span = (max(values) - min(values)) or max(values) or 1.0
        low, high = min(values) - 0.05 * span, max(values) + 0.05 * span
        ticks = nice_ticks(low, high)
        left = 8 + FONT * 1.4 + max(text_width(dollars(t)) for t in ticks) + TICK_LENGTH + PAD
        legend = [("o", COLOR_A, names[0]), ("s", COLOR_B, names[1])]
        legend_bottom = _legend(canvas, 8, left, legend)
        box = Box(left, legend_bottom + 8, WIDTH - left - 10, 0)
        box = Box(box.x, box.y, box.w, canvas.height - box.y - (2 * LINE + 14))
        to_y = _scale(low, high, box.y + box.h, box.y)
        n = len(rows)
        margin = 0.06 * max(n - 1, 1)
        to_x = _scale(-margin, n - 1 + margin, box.x, box.x + box.w)
        _value_axis_y(canvas, box, ticks, dollars, to_y)
        for i, (label, _, _) in enumerate(rows):
            x = to_x(i)
            canvas.line(x, box.y, x, box.y + box.h, GRID, 0.8)
            canvas.line(x, box.y + box.h, x, box.y + box.h + TICK_LENGTH, TICK, 0.8)
            canvas.text(
                x,
                box.y + box.h + TICK_LENGTH + PAD,
                label.replace(" percentile", ""),
                anchor="middle",
                middle=False,
            )
        _spines(canvas, box)
        for side, color, shape in ((1, COLOR_A, "o"), (2, COLOR_B, "s")):
            # A missing percentile breaks the line, as matplotlib draws NaN: no line across it.
            runs: list[list[tuple[float, float]]] = [[]]
            for i, r in enumerate(rows):
                if r[side] is None:
                    runs.append([])
                else:
                    runs[-1].append((to_x(i), to_y(r[side])))
            for run in runs:
                if len(run) > 1:
                    canvas.polyline(run, color, 2)
            for x, y in (point for run in runs for point in run):
                canvas.marker(x, y, shape, color, 7)
        _ylabel(canvas, 8 + FONT * 0.6, box.y, box.y + box.h, "Annual wage (US dollars)")
    canvas.text(
        box.x + box.w / 2,
        canvas.height - 8 - FONT * 0.8,
        f"Wage percentile ({source})",
        anchor="middle",
        color=LABEL,
        middle=False,
    )
    return canvas.svg()


def _grouped_barh(
    rows: Sequence[tuple[str, float | None, float | None]],
    names: tuple[str, str],
    height_in: float,
    xlabel: str,
    ylabel: str,
    empty: str,
    hatch_id: str,
) -> str:
    """Two horizontal bars per category (A solid above B hatched), legend above."""
    canvas = Canvas(height_in * 72)
    labels = [r[0] for r in rows]
    values = _present([v for _, a, b in rows for v in (a, b)])
    left = 8 + FONT * 1.4 + (_labels_width(labels) if values else 0) + TICK_LENGTH + PAD
    legend_bottom = 6.0
    if values:
        legend = [("s", COLOR_A, names[0]), ("s", COLOR_B, names[1])]
        legend_bottom = _legend(canvas, 8, left, legend)
    box = Box(left, legend_bottom + 8, WIDTH - left - 12, 0)
    box = Box(box.x, box.y, box.w, canvas.height - box.y - (2 * LINE + 14))
    if not rows or not values:
        _empty(canvas, box, empty)
    else:
        high = max(values) * 1.05 or 1.0
        ticks = nice_ticks(0.0, high)
        to_x = _scale(0.0, high, box.x, box.x + box.w)
        _value_axis_x(canvas, box, ticks, plain, to_x)
        n = len(rows)
        band = box.h / n
        bar = band * 0.38 / 1.0
        fill_b = canvas.hatch(hatch_id, COLOR_B)
        for i, (label, a, b) in enumerate(rows):
            centre = box.y + band * (i + 0.5)
            for value, top, fill in ((a, centre - bar, COLOR_A), (b, centre, fill_b)):
                if value is not None and math.isfinite(value):
                    canvas.rect(box.x, top, to_x(value) - box.x, bar, fill)
            canvas.line(box.x - TICK_LENGTH, centre, box.x, centre, TICK, 0.8)
            canvas.text(box.x - TICK_LENGTH - PAD, centre, wrap(label), anchor="end")
        _spines(canvas, box)
    _ylabel(canvas, 8 + FONT * 0.6, box.y, box.y + box.h, ylabel)
    canvas.text(
        box.x + box.w / 2,
        canvas.height - 8 - FONT * 0.8,
        xlabel,
        anchor="middle",
        color=LABEL,
        middle=False,
    )
    return canvas.svg()


def education(
    rows: Sequence[tuple[str, float | None, float | None]], names: tuple[str, str]
) -> str:
    """Educational attainment of workers 25+, percent (BLS EP Table 5.3)."""
    return _grouped_barh(
        rows,
        names,
        5.2,
        "Share of workers aged 25+ (percent)",
        "Highest level of education",
        "No educational attainment distribution published",
        "hatch-education",
    )


def demographics(
    rows: Sequence[tuple[str, float | None, float | None]], names: tuple[str, str]
) -> str:
    """Women's share and race composition, percent (CPS Table 11)."""
    return _grouped_barh(
        rows,
        names,
        4.8,
        "Share of employed people (percent)",
        "Group",
        "No demographic shares published",
        "hatch-demographics",
    )


def gender_earnings(
    rows: Sequence[tuple[float | None, float | None, float | None]], names: tuple[str, str]
) -> str:
    """Men's and women's median weekly earnings of each occupation (CPS Table 39)."""
    canvas = Canvas(3.9 * 72)
    labels = [
        name if (m is not None or w is not None) else f"{name} (not published)"
        for name, (m, w, _) in zip(names, rows, strict=True)
    ]
    values = _present([v for m, w, _ in rows for v in (m, w)])
    high = max(values) * 1.05 if values else 1.0
    ticks = nice_ticks(0.0, high) if values else []
    left = 8 + FONT * 1.4 + max((text_width(dollars(t)) for t in ticks), default=20)
    left += TICK_LENGTH + PAD
    legend_bottom = 6.0
    if values:
        legend = [("s", COLOR_A, labels[0]), ("s", COLOR_B, labels[1])]
        legend_bottom = _legend(canvas, 8, left, legend)
    box = Box(left, legend_bottom + 8, WIDTH - left - 10, 0)
    box = Box(box.x, box.y, box.w, canvas.height - box.y - (2 * LINE + 14))
    if not values:
        _empty(canvas, box, "Median weekly earnings by sex not published (CPS Table 39)")
    else:
        to_y = _scale(0.0, high, box.y + box.h, box.y)
        _value_axis_y(canvas, box, ticks, dollars, to_y)
        band = box.w / 2
        bar = band * 0.38
        fill_b = canvas.hatch("hatch-earnings", COLOR_B)
        for j, group in enumerate(("Men", "Women")):
            centre = box.x + band * (j + 0.5)
            for i, fill in enumerate((COLOR_A, fill_b)):
                value = rows[i][j]
                if value is not None:
                    x = centre + (i - 1) * bar
                    canvas.rect(x, to_y(value), bar, box.y + box.h - to_y(value), fill)
            canvas.line(centre, box.y + box.h, centre, box.y + box.h + TICK_LENGTH, TICK, 0.8)
            canvas.text(
                centre, box.y + box.h + TICK_LENGTH + PAD, group, anchor="middle", middle=False
            )
        _spines(canvas, box)
    _ylabel(canvas, 8 + FONT * 0.6, box.y, box.y + box.h, "Median weekly earnings (US dollars)")
    canvas.text(
        box.x + box.w / 2,
        canvas.height - 8 - FONT * 0.8,
        "Sex (full-time wage and salary workers, CPS 2025)",
        anchor="middle",
        color=LABEL,
        middle=False,
    )
    return canvas.svg()


def _state_panels(
    panels: Sequence[Sequence[tuple]],
    names: tuple[str, str],
    height_in: float,
    top: float,
    empty: str,
    draw: Callable[[Canvas, Box, Sequence[tuple], Callable[[float], float], str], None],
    values: list[float],
    margin: float,
) -> Canvas:
    """Two panels (one per occupation) of state rows sharing a dollar x axis."""
    canvas = Canvas(height_in * 72)
    labels = [row[0] for rows in panels for row in rows]
    left = 8 + FONT * 1.4 + _labels_width(labels, 60) + TICK_LENGTH + PAD
    if values:
        span = max(values) - min(values) if margin else max(values)
        low = min(values) - margin * span if margin else 0.0
        high = max(values) + (margin or 0.05) * (span or max(values) or 1.0)
    else:
        low, high = 0.0, 1.0
    ticks = nice_ticks(low, high) if values else []
    to_x = _scale(low, high, left, WIDTH - 12)
    slots = [max(len(rows), 2) for rows in panels]
    usable = canvas.height - top - 2 * (LINE * 2 + 6) - (2 * LINE + 14)
    y = top
    boxes = []
    for rows, name, color, slot in zip(panels, names, (COLOR_A, COLOR_B), slots, strict=True):
        title = wrap(name, 44)
        canvas.text(left, y, title, color=LABEL, middle=False)
        y += LINE * len(title) + 6
        box = Box(left, y, WIDTH - 12 - left, usable * slot / sum(slots))
        boxes.append(box)
        if not rows:
            _empty(canvas, box, empty)
        else:
            for t in ticks:
                canvas.line(to_x(t), box.y, to_x(t), box.y + box.h, GRID, 0.8)
            draw(canvas, box, rows, to_x, color)
            _spines(canvas, box)
        y = box.y + box.h + 10
    last = boxes[-1]
    for t in ticks:
        x = to_x(t)
        canvas.line(x, last.y + last.h, x, last.y + last.h + TICK_LENGTH, TICK, 0.8)
        canvas.text(
            x, last.y + last.h + TICK_LENGTH + PAD, kdollars(t), anchor="middle", middle=False
        )
    canvas.text(
        left + (WIDTH - 12 - left) / 2,
        canvas.height - 8 - FONT * 0.8,
        "Annual mean wage (US dollars, OEWS May 2025)",
        anchor="middle",
        color=LABEL,
        middle=False,
    )
    _ylabel(canvas, 8 + FONT * 0.6, boxes[0].y, last.y + last.h, "State")
    return canvas


def _row_positions(box: Box, n: int, pad: float = 0.0) -> list[float]:
    band = box.h / max(n + 2 * pad, 1)
    return [box.y + band * (pad + i + 0.5) for i in range(n)]


def top_states(panels: Sequence[Sequence[tuple[str, float]]], names: tuple[str, str]) -> str:
    """Each occupation's best paying states: a panel of horizontal bars each."""

    def draw(canvas: Canvas, box: Box, rows, to_x, color: str) -> None:  # noqa: ANN001
        band = box.h / len(rows)
        for (state, wage), centre in zip(rows, _row_positions(box, len(rows)), strict=True):
            canvas.rect(box.x, centre - band * 0.31, to_x(wage) - box.x, band * 0.62, color)
            canvas.line(box.x - TICK_LENGTH, centre, box.x, centre, TICK, 0.8)
            canvas.text(box.x - TICK_LENGTH - PAD, centre, state, anchor="end")

    values = [w for rows in panels for _, w in rows]
    height = 1.1 + 0.34 * sum(max(len(r), 2) for r in panels) + 0.6
    canvas = _state_panels(
        panels, names, height, 8, "No state wages published", draw, values, margin=0.0
    )
    return canvas.svg()


def cost_adjusted(
    panels: Sequence[Sequence[tuple[str, float, float]]], names: tuple[str, str]
) -> str:
    """Each occupation's best paying states, as paid (hollow) and at national prices (filled)."""

    def draw(canvas: Canvas, box: Box, rows, to_x, color: str) -> None:  # noqa: ANN001
        for (state, paid, real), centre in zip(
            rows, _row_positions(box, len(rows), pad=0.15 * len(rows)), strict=True
        ):
            canvas.line(to_x(paid), centre, to_x(real), centre, MUTED, 1.5)
            canvas.marker(to_x(paid), centre, "o", color, 7.4, hollow=True)
            canvas.marker(to_x(real), centre, "o", color, 7.4)
            canvas.line(box.x - TICK_LENGTH, centre, box.x, centre, TICK, 0.8)
            canvas.text(box.x - TICK_LENGTH - PAD, centre, state, anchor="end")

    values = [v for rows in panels for _, p, r in rows for v in (p, r)]
    height = 1.5 + 0.34 * sum(max(len(r), 2) for r in panels) + 0.6
    canvas = _state_panels(
        panels,
        names,
        height,
        8 + LINE + 10,
        "No state wages with price parities",
        draw,
        values,
        margin=0.08,
    )
    # The legend, in one row at the top: hollow = as paid, filled = at national prices.
    x = 12.0
    for hollow, label in ((True, "As paid"), (False, "At national prices (BEA RPP 2023)")):
        canvas.marker(x, 8 + LINE / 2, "o", "#444444", 7.4, hollow=hollow)
        canvas.text(x + 9, 8 + LINE / 2, label, color=LABEL)
        x += 9 + text_width(label) + 18
    return canvas.svg()


def render(name: str, comp: object) -> str:
    """Chart ``name`` of :data:`analysis.presentation.plots.CHARTS` for a comparison, as SVG.

    Args:
        name: One of the chart names of plots.CHARTS.
        comp: The :class:`analysis.comparison.pair.Comparison`.

    Raises:
        KeyError: Unknown chart name.
    """
    from analysis.presentation import plots  # the data functions; matplotlib stays unused

    names = (comp.a.title, comp.b.title)
    if name == "wage_percentiles":
        source = "OEWS May 2025" if comp.dataset == "public" else "as the seed page shows them"
        return wage_percentiles(plots.percentile_rows(comp), names, source)
    if name == "top_states":
        return top_states(plots.state_rows(comp), names)
    if name == "education":
        return education(plots.education_rows(comp), names)
    if name == "demographics":
        return demographics(plots.demographic_rows(comp), names)
    if name == "gender_earnings":
        return gender_earnings(plots.earnings_rows(comp), names)
    if name == "cost_adjusted":
        return cost_adjusted(plots.adjusted_rows(comp), names)
    raise KeyError(f"unknown chart {name!r}")
