"""Tick labels written into the SVG sit where matplotlib itself draws them.

Each chart is drawn twice: whole by matplotlib, and with its tick labels lifted
(:func:`svg_tick_labels.lift`) and written in by us. Every text of the first must be
in the second, same words, at the same place to 0.1 pt (a pixel is 0.75 pt): the
tick labels and, beside them, the axis labels matplotlib places from their size.
"""

from __future__ import annotations

import html
import re

import pytest
from matplotlib.figure import Figure

from analysis.comparison.pair import comparison
from analysis.presentation import chart_output, plots, svg_tick_labels

CHARTS = {
    "education": plots.education,  # wrapped labels of two lines
    "demographics": plots.demographics,
    "wage_percentiles": plots.wage_percentile_chart,
    "top_states": plots.top_states_chart,  # two panels sharing x: labels on the lower only
    "cost_adjusted": plots.cost_adjusted_states,
    "transition": plots.transition_chart,
    "gender_earnings": plots.gender_earnings,
}
PAIRS = [("43-4151", "43-4051"), ("11-1011", "11-1021"), ("29-1141", "29-1161")]
_TEXT = re.compile(r"<text([^>]*)>([^<]*)</text>")
_FONT = svg_tick_labels._Font("DejaVu Sans", plots.FONT_SIZE)


def _texts(svg: str) -> list[tuple[str, float, float, bool]]:
    """(words, x, baseline y, x is the left edge) of every text in an SVG, in points.

    matplotlib writes a one-line text at its anchor, with its text-anchor; each line
    of a multi-line text at its left edge, by a transform.
    """
    out = []
    for attrs, body in _TEXT.findall(svg):
        words = html.unescape(body)
        x = re.search(r' x="([-\d.]+)"', attrs)
        y = re.search(r' y="([-\d.]+)"', attrs)
        if x and y:
            out.append((words, float(x.group(1)), float(y.group(1)), False))
        else:
            place = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", attrs)
            out.append((words, float(place.group(1)), float(place.group(2)), True))
    return out


@pytest.mark.parametrize("pair", PAIRS, ids="--".join)
@pytest.mark.parametrize("name", CHARTS)
def test_lifted_tick_labels_and_axis_labels_sit_where_matplotlib_draws_them(pair, name):
    comp = comparison(*pair)
    whole = _texts(chart_output.svg(CHARTS[name](comp)))
    fig = CHARTS[name](comp)
    lines = svg_tick_labels.lift(fig)
    assert lines, "every chart here has tick labels"
    ours = _texts(svg_tick_labels.into_svg(chart_output.svg(fig), lines))
    assert sorted(t[0] for t in whole) == sorted(t[0] for t in ours)
    for words, x, y, left_edge in whole:
        _, our_x, our_y, _ = min((o for o in ours if o[0] == words), key=lambda o: abs(o[2] - y))
        if left_edge:  # ours is anchored: at the line's right end (y ticks) or middle (x)
            ticks = [t for t in lines if t.text == words]
            anchor = min(ticks, key=lambda t: abs(t.y - our_y)).anchor if ticks else "start"
            width = svg_tick_labels._metrics(_FONT, words)[0]
            x += {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        assert (our_x, our_y) == (pytest.approx(x, abs=0.1), pytest.approx(y, abs=0.1)), words


def test_lifting_takes_the_labels_out_of_matplotlibs_drawing():
    fig = plots.education(comparison(*PAIRS[0]))
    lines = svg_tick_labels.lift(fig)
    drawn = chart_output.svg(fig)
    for line in lines:
        assert f">{html.escape(line.text, quote=False)}<" not in drawn  # drawn once, by us
    svg = svg_tick_labels.into_svg(drawn, lines)
    assert svg.count('<g id="tick-labels"') == 1 and svg.rstrip().endswith("</svg>")
    # "Bachelor's degree" is written as it reads; the group styles every line alike
    assert ">Bachelor's degree<" in svg and "fill: #333333" in svg


def test_a_panel_without_data_has_no_tick_labels_to_lift():
    # a chart with nothing published draws a message in place of its axes' labels
    fig = Figure()
    ax = fig.add_subplot()
    plots._empty(ax, "No wage percentiles published")
    assert svg_tick_labels.lift(fig) == []
