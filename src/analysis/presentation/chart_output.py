"""Charts as notebook outputs: deterministic SVG with its alt text and caption.

A :class:`Chart` is what a report cell displays for a figure: JupyterLab shows the SVG
(or, untrusted, the PNG beside it), and the report template reads the alt text and
caption from the output's metadata. The SVG is written without dates or random ids
and compacted, so nbval can re-run the committed notebook and a site of ten thousand
charts stays light.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from analysis import config
from analysis.comparison.pair import Comparison
from analysis.presentation import area_charts, plots, reused_figures, svg_tick_labels


class Chart:
    """A figure as SVG with its alt text and caption (the report template shows both).

    JupyterLab shows the SVG; nbconvert's template reads ``alt`` and ``caption``
    from the output's metadata and writes a ``<figure>`` with a ``<figcaption>``.
    """

    def __init__(self, svg: str, alt: str, caption: str, png: bytes | None = None):
        """Keep the SVG text, its two sentences and, if drawn, a PNG of it."""
        self.svg, self.alt, self.caption, self.png = svg, alt, caption, png

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data: dict[str, Any] = {"image/svg+xml": self.svg, "text/plain": self.caption}
        meta: dict[str, Any] = {"image/svg+xml": {"alt": self.alt, "caption": self.caption}}
        if self.png is not None:
            # JupyterLab prefers the SVG once it trusts the output, the PNG before
            data["image/png"] = self.png
            meta["image/png"] = {"alt": self.alt}
        return data, meta


_SVG_NOISE = re.compile(r"<metadata>.*?</metadata>\s*|<!--.*?-->\s*", re.S)
_BETWEEN_TAGS = re.compile(r">\s+<")
_PATH_DATA = re.compile(r' d="([^"]*)"')


def svg(fig: Figure) -> str:
    """A figure as compact, deterministic SVG text (closed afterwards)."""
    buffer = io.StringIO()
    # The charts lay themselves out inside their 5-inch figure (tight_layout, legends
    # within), so no "tight" bounding box: that would cost a second drawing pass.
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    reused_figures.put_back(fig)  # for the next drawing of its chart
    text = _SVG_NOISE.sub("", buffer.getvalue())
    # matplotlib indents every element and breaks path data over lines: a fifth of the
    # bytes, and a site has ten thousand charts. Text elements keep their own spacing.
    text = _BETWEEN_TAGS.sub("><", text)
    text = _PATH_DATA.sub(lambda m: ' d="' + " ".join(m.group(1).split()) + '"', text)
    # text is kept as text: name a generic family too, in case DejaVu Sans is not installed
    return text.replace("'DejaVu Sans'", "'DejaVu Sans', sans-serif")


_LONG_DECIMALS = re.compile(r"(\d\.\d{2})\d+")
_NO_ROTATION = re.compile(r' transform="rotate\(-0 [^"]*\)"')


def compact_svg(text: str) -> str:
    """SVG text with coordinates to 1/100 pt and identity rotations dropped (a third smaller).

    For the charts of many marks (the state map's 54 squares and labels): matplotlib
    writes six decimals and a ``rotate(-0 ...)`` on every text, and a report must stay
    light. 1/100 pt is far below a pixel.
    """
    return _NO_ROTATION.sub("", _LONG_DECIMALS.sub(r"\1", text))


def drawn(fig: Figure, words: Any, compact: bool = False) -> Chart:
    """A drawn figure and its :class:`~analysis.presentation.chart_text.ChartText` as a Chart.

    Args:
        fig: The figure (closed here).
        words: Its alt text and caption.
        compact: Write the SVG with :func:`compact_svg`.
    """
    png = None
    if os.environ.get(config.CHART_PNG_ENV):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None}, dpi=80)
        png = buffer.getvalue()
        text = svg(fig)  # drawn whole, as the PNG beside it
    else:
        # the tick labels written in by us: a third of the drawing time otherwise
        lines = svg_tick_labels.lift(fig)
        text = svg_tick_labels.into_svg(svg(fig), lines)
    return Chart(compact_svg(text) if compact else text, words.alt, words.caption, png)


def state_map_output(comp: Comparison) -> Chart:
    """The tile map, its postal codes written into the SVG (a PNG preview draws them)."""
    return _with_svg_texts(
        comp,
        area_charts.state_map_text(comp),
        area_charts.state_map,
        area_charts.tile_labels,
        ("codes", area_charts.LABEL_SIZE, "middle"),
    )


def metro_plot_output(comp: Comparison) -> Chart:
    """The metro dot plot, its names written into the SVG (a PNG preview draws them)."""
    return _with_svg_texts(
        comp,
        area_charts.metro_gaps_text(comp),
        area_charts.metro_chart,
        area_charts.metro_names,
        ("names", plots.FONT_SIZE, "end"),
    )


def _with_svg_texts(
    comp: Comparison,
    words: Any,
    draw: Callable[[Comparison, bool], Figure],
    place: Callable[[Figure, Comparison], Any],
    group: tuple[str, float, str],
) -> Chart:
    """A chart of many labels, drawn without them and the labels written into its SVG.

    matplotlib measures every text while drawing; writing the labels afterwards, as
    one group at the positions ``place`` computes, is what keeps these charts cheap.
    With PNG previews on (the committed notebooks) matplotlib draws the labels, so
    the PNG has them.

    Args:
        comp: The pair.
        words: The chart's alt text and caption.
        draw: Draws the figure, with its labels (True) or without (False).
        place: The labels and their positions in the drawn figure.
        group: The SVG group's id, font size and text anchor.
    """
    if os.environ.get(config.CHART_PNG_ENV):
        return drawn(draw(comp, True), words, compact=True)
    fig = draw(comp, False)
    texts = place(fig, comp)
    chart = drawn(fig, words, compact=True)
    gid, size, anchor = group
    chart.svg = area_charts.svg_with_texts(chart.svg, texts, gid, size, anchor)
    return chart
