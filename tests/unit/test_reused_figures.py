"""A chart drawn on a reused figure is byte for byte the chart drawn on a new one.

:mod:`analysis.presentation.reused_figures` puts a chart's figure back once it is
saved and resets it for the next drawing of that chart. Here every chart of a
report (the seven of ``plots.CHARTS`` and the metro dot plot) is drawn for a set of
pairs on new figures, then again in a shuffled order on reused ones: the SVG must
not differ by a byte. The pairs include panels with nothing published (a figure
that is then not reused), pairs in an area, and long titles whose legend wraps.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import matplotlib as mpl
import pytest

from analysis.comparison.pair import Comparison, comparison
from analysis.presentation import chart_output, plots, reused_figures

PAIRS = [
    ("43-4151", "43-4051", None),
    ("29-1214", "23-1011", None),  # physicians and lawyers: no CPS earnings by sex for one
    ("53-3032", "53-3033", None),  # one Census row: the education chart is a sentence
    ("51-6063", "29-1029", None),  # long names: the metro plot's legend wraps over 7 lines
    ("53-7041", "47-1011", None),
    # after the pair above, a scatter's data limits rounded differently by where the
    # axes had sat (until the reset put them back)
    ("43-5011", "29-2033", None),
    ("11-9179", "11-2032", None),  # two states for one; no skill levels: empty panels
    ("43-4051", "41-2031", "Texas"),
    ("43-4051", "43-4171", "Austin"),
    ("13-2011", "15-1252", "Guam"),  # few cells published in Guam
]
SEED_PAIRS = [
    # the seed page's two: no states (frames without columns), no skills, its own percentiles
    ("order processing specialist", "customer relations specialist"),
]


def _charts(comp: Comparison) -> dict[str, tuple[str, list]]:
    """Each chart's SVG, and its panels' limits and places to the last bit (drawn)."""
    out = {}
    for name, draw in plots.CHARTS.items():
        fig = draw(comp)
        svg = chart_output.drawn(fig, plots.describe(name, comp)).svg
        # stricter than the SVG, which rounds to 1e-6: a limit one float step off
        # shows in the SVG only near a rounding boundary
        exact = [(ax.get_xlim(), ax.get_ylim(), ax.get_position().bounds) for ax in fig.axes]
        out[name] = (svg, exact)
    if comp.dataset == "public":  # the seed page has no areas
        out["metro_gaps"] = (chart_output.metro_plot_output(comp).svg, [])
    return out


@pytest.fixture
def pool() -> Iterator[None]:
    """Reuse on, with nothing kept from earlier tests; as it was afterwards."""
    reused_figures.enable(True)
    yield
    reused_figures.enable(True)


@pytest.fixture(scope="module")
def comps() -> list[Comparison]:
    return [comparison(a, b, "public", area) for a, b, area in PAIRS] + [
        comparison(a, b, "seed") for a, b in SEED_PAIRS
    ]


def test_every_chart_drawn_on_a_reused_figure_is_the_same_svg(pool, comps):
    reused_figures.enable(False)
    new = [_charts(c) for c in comps]
    reused_figures.enable(True)
    shuffled = list(range(len(comps)))
    random.Random(7).shuffle(shuffled)
    order = [*range(len(comps)), *shuffled]  # each pair after others, twice
    for i in order:
        again = _charts(comps[i])
        for name, drawn in new[i].items():
            assert again[name] == drawn, (PAIRS[i], name)


def test_a_saved_figure_is_reused_by_the_same_chart_only(pool, comps):
    first = plots.education(comps[0])
    chart_output.svg(first)
    assert plots.demographics(comps[0]) is not first  # another chart makes its own
    second = plots.education(comps[1])
    assert second is first  # taken back, reset
    assert plots.education(comps[1]) is not first  # not put back yet: still in use


def test_a_figure_with_an_empty_panel_is_not_reused(pool, comps):
    # a panel with nothing published carries a message and no ticks or grid
    fig = plots.education(comps[0])
    plots._empty(fig.axes[0], "No educational attainment distribution published")
    chart_output.svg(fig)
    assert plots.education(comps[0]) is not fig


def test_changed_rcparams_make_a_new_figure(pool, comps):
    fig = plots.education(comps[0])
    chart_output.svg(fig)
    with mpl.rc_context({"xtick.major.size": mpl.rcParams["xtick.major.size"] + 1.5}):
        other = plots.education(comps[0])
    assert other is not fig
