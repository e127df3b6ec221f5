"""What the report notebook's cells call: one function per section, returning displayables.

Notebook cells stay one line each (``nb.pay_gap_table(comp)``). This module is a
facade: each section's tables are built by its presentation module (one per
section kind: :mod:`~analysis.presentation.summary` for the headline,
:mod:`~analysis.presentation.seed_section`, :mod:`~analysis.presentation.pay_section`,
:mod:`~analysis.presentation.education_section`,
:mod:`~analysis.presentation.demographics_section`,
:mod:`~analysis.presentation.skills_section`,
:mod:`~analysis.presentation.outlook_section`,
:mod:`~analysis.presentation.method_section`), and here wrapped for IPython's
display; charts are drawn here as deterministic SVG (no dates, fixed metadata) so
nbval can re-run the committed notebook.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, Markdown
from matplotlib.figure import Figure

from analysis import config
from analysis.comparison.pair import Comparison, comparison
from analysis.presentation import (
    area_charts,
    area_section,
    by_area_section,
    demographics_section,
    education_section,
    frames,
    html,
    method_section,
    outlook_section,
    pay_section,
    plots,
    skills_section,
    summary,
    transition_section,
)
from analysis.presentation import seed_section as _seed

pd.set_option("display.max_colwidth", 200)


def _html(markup: str) -> HTML:
    """An HTML output that reads the same in JupyterLab, nbconvert and the report.

    Every "$" is set apart (:func:`analysis.presentation.html.no_math`), so no
    front end's MathJax turns dollar amounts into mathematics.
    """
    return HTML(str(html.no_math(markup)))


def _markdown(text: str) -> Markdown:
    """A Markdown output with its "$" set apart likewise."""
    return Markdown(html.no_math_markdown(text))


def load(
    profession_a: str, profession_b: str, dataset: str = "public", area: str = ""
) -> Comparison:
    """Resolve the two professions (and the area, if any) and compute the comparison.

    ``area`` is a state, metro area or OEWS area code ("Texas", "Austin",
    "0012420"): the pay and jobs are then that area's; empty for the nation.
    """
    return comparison(profession_a, profession_b, dataset, area or None)


def area_pay(comp: Comparison) -> HTML | None:
    """Each occupation's pay and jobs in the area beside its national ones (None nationally)."""
    table = area_section.area_pay_table(comp)
    return None if table is None else _html(table)


def figure(fig: Figure) -> Image:
    """Render any figure to an inline PNG and close it (no timestamps in the PNG).

    The pair report's charts go through :func:`chart` (SVG with alt text and caption);
    this is for other notebooks' figures (the landscape notebook).
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


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


def chart(comp: Comparison, name: str) -> Chart | HTML:
    """One chart of :data:`analysis.presentation.plots.CHARTS` with its sentences.

    A chart whose two sides are one published row (both occupations one Census group,
    or one EP Table 5.3 row) would draw identical bars: it is one sentence instead.
    """
    instead = plots.one_row_sentence(name, comp)
    if instead is not None:
        return _html(html.paragraph(instead, "note chart-sentence"))
    return _chart(plots.CHARTS[name](comp), plots.describe(name, comp))


def _chart(fig: Figure, words: Any, compact: bool = False) -> Chart:
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
    text = svg(fig)
    return Chart(compact_svg(text) if compact else text, words.alt, words.caption, png)


def title(comp: Comparison) -> HTML:
    """The report heading, the verdict, the key-figure tiles, then the opening paragraphs."""
    return _html(summary.headline(comp))


def seed_section(comp: Comparison, name: str) -> HTML:
    """One of the seed page's four tables, as a captioned table."""
    return _html(_seed.seed_table_html(name, comp.a, comp.b))


def pay_gap_table(comp: Comparison) -> HTML:
    """Pay gaps A − B: the means with their 95 % intervals, then the figures without one."""
    return _html(pay_section.pay_gap_tables(comp))


def places(comp: Comparison) -> HTML:
    """Top paying states, metro areas and industries of each, best first."""
    return _html(pay_section.places_table(comp))


def places_note() -> Markdown:
    """The minimum-employment rules behind the rankings."""
    return _markdown(pay_section.places_rules())


def state_winners(comp: Comparison) -> HTML:
    """In how many states each occupation out-earns the other, and the largest gaps."""
    return _html(pay_section.state_winners_table(comp))


def education_detail(comp: Comparison) -> HTML:
    """Attainment shares side by side."""
    return _html(education_section.attainment_table(comp))


def entry_requirements(comp: Comparison) -> HTML:
    """Typical entry education, experience and training (BLS EP Table 5.4 and O*NET)."""
    return _html(education_section.entry_requirements_table(comp))


def indices(comp: Comparison) -> HTML:
    """The dissimilarity indices and the skill-profile correlation, with their reasons."""
    return _html(skills_section.indices_table(comp))


def skills(comp: Comparison) -> HTML:
    """Top three skills of each and the skills both rank among their most important."""
    return _html(skills_section.skills_table(comp))


def similar_occupations(comp: Comparison) -> HTML:
    """The five occupations closest to each by skill profile, linked to their reports."""
    return _html(skills_section.similar_occupations_table(comp))


def descriptions(comp: Comparison) -> HTML:
    """What each job does: both O*NET descriptions."""
    return HTML(str(outlook_section.descriptions_list(comp)))


def outlook(comp: Comparison) -> HTML:
    """Growth, openings and separation rates side by side, all occupations beside."""
    return HTML(str(outlook_section.outlook_table(comp)))


def why_openings(comp: Comparison) -> HTML:
    """Why openings arise: labor force exits vs transfers, against all occupations."""
    return HTML(str(outlook_section.why_openings_text(comp)))


def outlook_reasons(comp: Comparison) -> HTML:
    """BLS's reasons for each occupation's projected change (EP Table 1.12)."""
    return HTML(str(outlook_section.reasons(comp)))


def transition(comp: Comparison) -> HTML:
    """From A to B and from B to A in words: skills to raise, entry steps, pay change."""
    return _html(transition_section.directions_text(comp))


def transition_table(comp: Comparison) -> HTML:
    """Every skill to raise, one table each way, with levels, difference and interval."""
    return _html(transition_section.skills_to_raise_tables(comp))


def data_and_method(comp: Comparison) -> Markdown:
    """Figures not published (with the source's reason) and the method."""
    return _markdown(method_section.data_and_method_markdown(comp))


def gender_pay(comp: Comparison) -> HTML:
    """Men's and women's median weekly earnings and women's as a percentage of men's."""
    return _html(demographics_section.gender_pay_table(comp))


def gender_pay_note(comp: Comparison) -> Markdown:
    """The exact definition of the gender pay figures."""
    return _markdown(demographics_section.gender_pay_definition())


def cost_of_living(comp: Comparison) -> HTML:
    """Highest paying state before and after adjusting for state price levels."""
    return _html(pay_section.cost_of_living_table(comp))


def _state_map(comp: Comparison) -> Chart:
    """The tile map, its postal codes written into the SVG (a PNG preview draws them)."""
    return _with_svg_texts(
        comp,
        area_charts.state_map_text(comp),
        area_charts.state_map,
        area_charts.tile_labels,
        ("codes", area_charts.LABEL_SIZE, "middle"),
    )


def _metro_chart(comp: Comparison) -> Chart:
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
        return _chart(draw(comp, True), words, compact=True)
    fig = draw(comp, False)
    texts = place(fig, comp)
    chart = _chart(fig, words, compact=True)
    gid, size, anchor = group
    chart.svg = area_charts.svg_with_texts(chart.svg, texts, gid, size, anchor)
    return chart


def where_each_pays_more(comp: Comparison) -> None:
    """The pair in every state (counts, tile map, table) and metro area (counts, dot plot, table).

    One cell shows the whole section (every cell is a round trip to the kernel).
    """
    from IPython.display import display

    if not comp.by_area.states:
        display(_html(by_area_section.no_areas_html(comp)))
        return
    display(
        _html(by_area_section.summary_html(comp, "states")),
        _state_map(comp),
        # the parts between the charts as one output: each output costs the export a pass
        _html(
            by_area_section.state_table(comp)
            + by_area_section.subheading("Metro areas")
            + by_area_section.summary_html(comp, "metros")
        ),
        _metro_chart(comp),
        _html(by_area_section.metro_table(comp)),
    )


def cost_of_living_note() -> Markdown:
    """What the adjustment is, and what it is not."""
    return _markdown(pay_section.cost_of_living_method())


def frame(comp: Comparison, section: str) -> pd.DataFrame:
    """One section's figures as a tidy DataFrame to reuse or plot.

    Sections: ``"pay"``, ``"demographics"``, ``"education"``, ``"places"``, ``"transition"``
    (:mod:`analysis.presentation.frames`).
    """
    return frames.section_frame(comp, section)


def show(*parts: Any) -> None:
    """Display several parts of one section from a single cell, in order.

    The report groups the parts of a section that need no separate output check
    into one cell: every cell is a round trip to the kernel, and a report ran
    twenty-six of them, about a tenth of its rendering time. None parts are skipped.
    """
    from IPython.display import display

    # a part with nothing to show for this pair (the area table of a national report) is None
    display(*(part for part in parts if part is not None))


PAYLOAD_MIME = "application/vnd.profession-gaps.compare+json"
"""Its MIME type: one JupyterLab has no viewer for, so it shows the one-line text instead
of a JSON tree."""

PAYLOAD_TAG = "compare-json"
"""Tag of the cell whose output is the compare JSON; the renderer writes it to <slug>.json."""


def emit_payload(comp: Comparison) -> None:
    """Publish the compare JSON as this cell's output (hidden from the HTML report)."""
    from IPython.display import display

    display(
        {
            PAYLOAD_MIME: comp.to_json(),
            "text/plain": "The compare JSON (comp.to_json()), written beside a batch report "
            "as <pair>.json.",
        },
        raw=True,
    )
