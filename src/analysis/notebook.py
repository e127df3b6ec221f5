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
display; charts are drawn by :mod:`~analysis.presentation.plots` and
:mod:`~analysis.presentation.area_charts` and shown as deterministic SVG with their
alt text and caption (:mod:`~analysis.presentation.chart_output`), so nbval can
re-run the committed notebook.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, Markdown
from matplotlib.figure import Figure

from analysis.comparison.pair import Comparison, comparison
from analysis.config import PAYLOAD_MIME, PAYLOAD_TAG  # noqa: F401 - the facade's names
from analysis.presentation import (
    area_section,
    by_area_section,
    chart_output,
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


def chart(comp: Comparison, name: str) -> chart_output.Chart | HTML:
    """One chart of :data:`analysis.presentation.plots.CHARTS` with its sentences.

    A chart whose two sides are one published row (both occupations one Census group,
    or one EP Table 5.3 row) would draw identical bars: it is one sentence instead.
    """
    instead = plots.one_row_sentence(name, comp)
    if instead is not None:
        return _html(html.paragraph(instead, "note chart-sentence"))
    return chart_output.drawn(plots.CHARTS[name](comp), plots.describe(name, comp))


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
        chart_output.state_map_output(comp),
        # the parts between the charts as one output: each output costs the export a pass
        _html(
            by_area_section.state_table(comp)
            + by_area_section.subheading("Metro areas")
            + by_area_section.summary_html(comp, "metros")
        ),
        chart_output.metro_plot_output(comp),
        _html(by_area_section.metro_table(comp)),
    )


def cost_of_living_note() -> Markdown:
    """What the adjustment is, and what it is not."""
    return _markdown(pay_section.cost_of_living_method())


def frame(comp: Comparison, section: str) -> pd.DataFrame:
    """One section's figures as a tidy DataFrame to reuse or plot.

    Sections: ``"pay"``, ``"demographics"``, ``"education"``, ``"places"``, ``"transition"``,
    ``"where"`` (the gap in every state and metro area) (:mod:`analysis.presentation.frames`).
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
