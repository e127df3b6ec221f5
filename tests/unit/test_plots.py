import matplotlib

matplotlib.use("Agg")  # headless; must precede pyplot (imported by analysis.presentation.plots)

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis.comparison.pair import comparison  # noqa: E402
from analysis.presentation import plots  # noqa: E402

LABELS = {
    "wage_percentile_chart": ("Wage percentile (OEWS May 2025)", "Annual wage (US dollars)"),
    "education": ("Share of workers aged 25+ (percent)", "Highest level of education"),
    "demographics": ("Share of employed people (percent)", "Group"),
    "gender_earnings": (
        "Sex (full-time wage and salary workers, CPS 2025)",
        "Median weekly earnings (US dollars)",
    ),
}
LEGEND_CHARTS = ("wage_percentile_chart", "education", "demographics", "gender_earnings")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def public():
    return comparison("43-4151", "43-4051")


@pytest.fixture(scope="module")
def seed():
    return comparison("Order Processing Specialist", "Customer Relations Specialist", "seed")


def _drawn(fig: Figure):
    """Draw a chart (a bare Figure, no pyplot canvas) with Agg; returns the renderer."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def _contrast(hex_color: str) -> float:
    """WCAG contrast ratio of a colour against white."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in mcolors.to_rgb(hex_color))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_palette_has_3_to_1_contrast_and_two_shapes():
    assert _contrast(plots.COLOR_A) >= 3 and _contrast(plots.COLOR_B) >= 3
    assert round(_contrast(plots.COLOR_A), 1) == 5.2  # Okabe-Ito blue
    assert round(_contrast(plots.COLOR_B), 1) == 3.9  # Okabe-Ito vermillion
    assert plots.MARKER_A != plots.MARKER_B  # told apart without colour too


@pytest.mark.parametrize("name", list(LABELS))
def test_public_figure_axes_carry_labels_with_units(public, name):
    fig = getattr(plots, name)(public)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    shown = (ax.get_xlabel(), ax.get_ylabel())
    assert tuple(label.replace("\n", " ") for label in shown) == LABELS[name]
    assert not ax.texts  # real data, so no "nothing published" message


def _legend_colors(ax) -> dict[str, str]:
    [legend] = ax.figure.legends  # one legend, across the top of the figure
    return {
        text.get_text(): mcolors.to_hex(handle.get_color())
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True)
    }


@pytest.mark.parametrize("name", ["wage_percentile_chart", "education", "demographics"])
def test_legend_names_both_occupations_in_their_colours(public, name):
    ax = getattr(plots, name)(public).axes[0]
    # EP Table 5.3 gives order clerks the row of a broader group (footnote 1, shared with
    # 43-4021 Correspondence Clerks): the education chart marks that side
    a = "Order Clerks (group figure)" if name == "education" else "Order Clerks"
    assert _legend_colors(ax) == {
        a: plots.COLOR_A,
        "Customer Service Representatives": plots.COLOR_B,
    }


def test_a_group_sides_caption_names_whose_figure_it_is(public):
    caption = plots.describe("education", public).caption
    assert caption.endswith(
        "Order Clerks (group figure): This education mix is BLS's figure for a broader group "
        "of occupations (Employment Projections Table 5.3 marks it 'not an exact match'), "
        "also given to Correspondence Clerks."
    )
    assert "(group figure)" not in plots.describe("wage_percentiles", public).caption


@pytest.mark.parametrize("name", ["education", "demographics", "gender_earnings"])
def test_a_chart_of_one_published_row_is_one_sentence(name):
    truck = comparison("53-3032", "53-3033")  # one EP row, one Census occupation (9130)
    sentence = plots.one_row_sentence(name, truck)
    assert sentence is not None and sentence.startswith("No chart: ")
    if name == "education":
        assert sentence.endswith(
            "the most common level for both is high school diploma or equivalent "
            "(46.8% of workers aged 25 and older)."
        )
    else:
        assert "the Census group 'Driver/sales workers and truck drivers'" in sentence
    expected = {
        "demographics": "women are 6.9% of its workers.",
        "gender_earnings": "women's median weekly earnings are 73.9% of men's in it.",
    }
    if name in expected:
        assert sentence.endswith(expected[name])


def test_charts_of_two_rows_stay_charts(public):
    assert all(plots.one_row_sentence(name, public) is None for name in plots.CHARTS)


@pytest.mark.parametrize("name", LEGEND_CHARTS)
def test_legend_sits_above_the_data(public, name):
    fig = getattr(plots, name)(public)
    _drawn(fig)
    ax = fig.axes[0]
    [legend] = fig.legends
    box = legend.get_window_extent()
    assert box.y0 >= ax.get_window_extent().y1 - 1  # above the plotting area
    assert box.x1 <= fig.bbox.x1  # and inside the figure's width


def _shown_ticks(axis):
    """The tick labels matplotlib draws: those whose tick lies within the axis's view."""
    low, high = sorted(axis.get_view_interval())
    return [
        tick.label1
        for tick in axis.get_major_ticks()
        if tick.label1.get_visible()
        and tick.label1.get_text()
        and low - 1e-9 <= tick.get_loc() <= high + 1e-9
    ]


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", list(plots.CHARTS))
def test_text_is_large_enough_for_a_phone(public, name):
    fig = plots.CHARTS[name](public)
    assert fig.get_size_inches()[0] == plots.WIDTH
    sizes = {t.get_fontsize() for t in _texts(fig)}
    assert min(sizes) >= plots.FONT_SIZE
    # drawn 5 in wide (480 px) and shrunk to a 366 px column: still at least 11 px
    assert plots.FONT_SIZE * 96 / 72 * 366 / (plots.WIDTH * 96) >= 11


@pytest.mark.parametrize("pair", [("43-4151", "43-4051"), ("53-3032", "53-3033")])
@pytest.mark.parametrize("name", list(plots.CHARTS))
def test_nothing_sticks_out_so_the_svg_stays_5_inches_wide(name, pair):
    import re

    from analysis.presentation.chart_output import svg

    text = svg(plots.CHARTS[name](comparison(*pair)))
    width_pt = float(re.search(r'viewBox="0 0 ([\d.]+)', text).group(1))
    assert width_pt <= plots.WIDTH * 72 + 2 * 0.03 * 72  # the figure plus the saved margin
    # so in a 366 px phone column the 11.5 pt text is drawn at least 11 px high
    assert plots.FONT_SIZE * 366 / max(width_pt, 366) >= 11


@pytest.mark.parametrize("name", list(plots.CHARTS))
def test_tick_labels_do_not_overlap(public, name):
    fig = plots.CHARTS[name](public)
    renderer = _drawn(fig)
    for ax in fig.axes:
        for labels in (ax.get_xticklabels(), ax.get_yticklabels()):
            boxes = [t.get_window_extent(renderer) for t in labels if t.get_text()]
            for first, second in zip(boxes, boxes[1:], strict=False):
                assert not first.overlaps(second), (name, first, second)


def test_wage_percentiles_dollar_ticks(public):
    ax = plots.wage_percentile_chart(public).axes[0]
    assert ax.yaxis.get_major_formatter()(40000, 0) == "$40,000"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "10th",
        "25th",
        "Median",
        "75th",
        "90th",
    ]


def _top_label(ax) -> str:
    """The y tick label drawn highest on the axes."""
    labels = {t.get_position()[1]: t.get_text() for t in ax.get_yticklabels()}
    return labels[max(labels)]


def test_top_states_one_panel_per_occupation(public):
    fig = plots.top_states_chart(public)
    assert [ax.get_title(loc="left").replace("\n", " ") for ax in fig.axes] == [
        "Order Clerks",
        "Customer Service Representatives",
    ]
    top = fig.axes[0]
    assert _top_label(top) == "Massachusetts"  # the best paying state is drawn on top
    assert max(p.get_width() for p in top.patches) == 56920  # OEWS: Massachusetts $56,920
    assert mcolors.to_hex(top.patches[0].get_facecolor()) == plots.COLOR_A
    assert fig.axes[1].xaxis.get_major_formatter()(45000, 0) == "$45k"


def test_education_bars_have_the_published_shares(public):
    ax = plots.education(public).axes[0]
    widths = sorted(round(p.get_width(), 1) for p in ax.patches if p.get_width() > 0)
    assert len(widths) == 14  # 7 EP Table 5.3 levels for each of the two occupations
    assert 31.3 in widths and 29.2 in widths  # each one's most common level


def test_cost_chart_is_a_dot_chart_without_overlapping_labels(public):
    fig = plots.cost_adjusted_states(public)
    ax = fig.axes[0]
    assert not ax.texts  # no point labels to collide: the states are the y ticks
    # one ranking over all states, the table's: Wisconsin first at national prices
    # (50,830 / 0.93097 = 54,599); Massachusetts, first as paid, is second
    assert _top_label(ax) == "Wisconsin" == public.a.highest_paying_state_cost_adjusted.name
    paid, real = ax.collections[1].get_offsets(), ax.collections[2].get_offsets()
    assert max(paid[:, 0]) == 56920  # as paid: Massachusetts, also in the top five
    assert (
        round(max(real[:, 0]))
        == 54599
        == public.a.highest_paying_state_cost_adjusted.annual_mean_wage_adjusted
    )
    caption = plots.describe("cost_adjusted", public).caption
    assert caption.startswith("At national prices, the best-paying state is Wisconsin ($54,599)")


def test_seed_dataset_does_not_crash_and_says_what_is_missing(seed):
    fig = plots.top_states_chart(seed)
    assert [t.get_text() for ax in fig.axes for t in ax.texts] == [
        "No state wages published",
        "No state wages published",
    ]
    ax = plots.education(seed).axes[0]
    assert [t.get_text() for t in ax.texts] == ["No educational attainment distribution\npublished"]
    ax = plots.wage_percentile_chart(seed).axes[0]
    assert "OEWS" not in ax.get_xlabel()
    assert list(_legend_colors(ax)) == [
        "Order Processing Specialist",
        "Customer Relations Specialist",
    ]


def test_demographics_without_any_cps_shares_shows_message():
    # 11-3111 and 11-9121: CPS publishes neither women's nor race shares for either
    ax = plots.demographics(comparison("11-3111", "11-9121")).axes[0]
    assert [t.get_text() for t in ax.texts] == ["No demographic shares published"]


def test_describe_refuses_an_unknown_chart(public):
    with pytest.raises(KeyError, match="unknown chart 'pie'"):
        plots.describe("pie", public)


@pytest.mark.parametrize(
    "pair", [("43-4151", "43-4051"), ("53-3032", "53-3033"), ("11-1011", "29-1215")]
)
@pytest.mark.parametrize("name", list(plots.CHARTS))
def test_the_layout_keeps_every_text_inside_the_figure_and_apart(name, pair):
    """The measured layout (no tight_layout) leaves room for every label, title and tick."""
    fig = plots.CHARTS[name](comparison(*pair))
    renderer = _drawn(fig)
    ticks = {id(t) for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()}
    shown = [t for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in _shown_ticks(axis)]
    texts = [t for t in _texts(fig) if id(t) not in ticks] + shown
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for text, box in boxes:
        assert box.x0 >= fig.bbox.x0 - 0.5 and box.x1 <= fig.bbox.x1 + 0.5, (name, text, box)
        assert box.y0 >= fig.bbox.y0 - 0.5 and box.y1 <= fig.bbox.y1 + 0.5, (name, text, box)
    for ax in fig.axes:
        plot = ax.get_window_extent(renderer)
        # axis labels and tick labels sit outside the plot area, titles above it
        outside = _shown_ticks(ax.xaxis) + _shown_ticks(ax.yaxis) + [ax.xaxis.label, ax.yaxis.label]
        for label in outside:
            if label.get_visible() and label.get_text():
                assert not label.get_window_extent(renderer).overlaps(plot), (name, label)
        title = ax.title if ax.get_title() else ax._left_title
        if title.get_text():
            assert title.get_window_extent(renderer).y0 >= plot.y1, (name, title.get_text())
    # the lower panel's title clears the upper panel and its labels
    for upper, lower in zip(fig.axes, fig.axes[1:], strict=False):
        top_of_lower = lower._left_title.get_window_extent(renderer)
        assert top_of_lower.y1 <= upper.get_window_extent(renderer).y0, name
