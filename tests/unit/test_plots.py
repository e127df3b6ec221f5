import matplotlib

matplotlib.use("Agg")  # headless; must precede pyplot (imported by analysis.presentation.plots)

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.comparison.pair import comparison  # noqa: E402
from analysis.presentation import plots  # noqa: E402

LABELS = {
    "wage_percentile_chart": ("Wage percentile (OEWS May 2025)", "Annual wage (US dollars)"),
    "top_states_chart": ("Annual mean wage (US dollars, OEWS May 2025)", "State"),
    "education": ("Share of workers aged 25+ (percent)", "Highest level of education"),
    "demographics": ("Share of employed people (percent)", "Group"),
}
BAR_CHARTS = ("top_states_chart", "education", "demographics")


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


def _legend_colors(ax) -> dict[str, str]:
    """Legend label -> hex colour of its handle (line colour or bar face colour)."""
    legend = ax.get_legend()
    assert legend is not None
    out = {}
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        color = handle.get_color() if hasattr(handle, "get_xdata") else handle.get_facecolor()
        out[text.get_text()] = mcolors.to_hex(color)
    return out


@pytest.mark.parametrize("name", list(LABELS))
def test_public_figure_axes_carry_labels_with_units(public, name):
    fig = getattr(plots, name)(public)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == LABELS[name]
    assert not ax.texts  # real data, so no "nothing published" message


def test_wage_percentiles_dollar_ticks_and_profession_colours(public):
    fig = plots.wage_percentile_chart(public)
    ax = fig.axes[0]
    assert _legend_colors(ax) == {
        "Order Clerks": plots.COLOR_A,
        "Customer Service Representatives": plots.COLOR_B,
    }
    # y ticks are written as dollars, e.g. 40000 -> "$40,000"
    assert ax.yaxis.get_major_formatter()(40000, 0) == "$40,000"
    # five percentiles on the x axis, in order
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "10th percentile",
        "25th percentile",
        "Median",
        "75th percentile",
        "90th percentile",
    ]


@pytest.mark.parametrize("name", BAR_CHARTS)
def test_bar_charts_have_one_legend_entry_per_profession(public, name):
    ax = getattr(plots, name)(public).axes[0]
    assert list(_legend_colors(ax)) == ["Order Clerks", "Customer Service Representatives"]
    # the two professions are drawn in different colours
    assert len(set(_legend_colors(ax).values())) == 2


@pytest.mark.parametrize("name", BAR_CHARTS)
def test_bar_charts_use_exact_profession_colours(public, name):
    ax = getattr(plots, name)(public).axes[0]
    assert _legend_colors(ax) == {
        "Order Clerks": plots.COLOR_A,
        "Customer Service Representatives": plots.COLOR_B,
    }


def test_education_bars_have_the_published_shares(public):
    ax = plots.education(public).axes[0]
    widths = sorted(round(p.get_width(), 1) for p in ax.patches if p.get_width() > 0)
    # 7 EP Table 5.3 levels for each of the two occupations
    assert len(widths) == 14
    assert 31.3 in widths and 29.2 in widths  # each one's most common level


def test_seed_dataset_does_not_crash_and_says_what_is_missing(seed):
    # The seed page has no state wages and no attainment distribution: a message, no bars.
    for name, message in (
        ("top_states_chart", "No state wages published"),
        ("education", "No educational attainment distribution published"),
    ):
        fig = getattr(plots, name)(seed)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.texts] == [message]
        assert not ax.patches
        assert (ax.get_xlabel(), ax.get_ylabel()) == LABELS[name]
    # it does show its 10th/90th percentile salaries and its gender and race shares
    ax = plots.wage_percentile_chart(seed).axes[0]
    assert _legend_colors(ax) == {
        "Order Processing Specialist": plots.COLOR_A,
        "Customer Relations Specialist": plots.COLOR_B,
    }
    ax = plots.demographics(seed).axes[0]
    assert not ax.texts
    assert list(_legend_colors(ax)) == [
        "Order Processing Specialist",
        "Customer Relations Specialist",
    ]


def test_demographics_without_any_cps_shares_shows_message():
    # 11-3111 and 11-9121: CPS publishes neither women's nor race shares for either
    comp = comparison("11-3111", "11-9121")
    ax = plots.demographics(comp).axes[0]
    assert [t.get_text() for t in ax.texts] == ["No demographic shares published"]


def test_seed_wage_chart_does_not_claim_oews(seed):
    ax = plots.wage_percentile_chart(seed).axes[0]
    assert "OEWS" not in ax.get_xlabel()
