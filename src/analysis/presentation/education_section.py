"""The report's education section: attainment shares and what it takes to start.

Each function returns the section's HTML; the notebook facade
(:mod:`analysis.notebook`) wraps it for display.
"""

from __future__ import annotations

from markupsafe import Markup

from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import ONET_SCALES, OnetDistribution, Profile
from analysis.presentation import formatting as fmt
from analysis.presentation import html, plots
from analysis.presentation.html import Cell, Row, num, txt
from analysis.presentation.rows import FigureRow, names

ENTRY_ROWS = (
    FigureRow("Typical entry education (BLS)", "typical_entry_education"),
    FigureRow("Related work experience (BLS)", "work_experience"),
    FigureRow("On-the-job training (BLS)", "typical_ojt"),
)
"""Typical entry education, experience and training: BLS EP Table 5.4 (the headline)."""

ONET_DETAIL_NOTE = (
    "Detail, not the headline: O*NET asks a small sample of workers in the job "
    "(incumbents) or, for some occupations, occupational experts; each cell is the "
    "category where the cumulative share of their answers reaches 50%, with how many "
    "answered. O*NET publishes no standard error or suppression flag for experts' ratings."
)
"""The note under the O*NET detail table: who answers, and what the median is."""


def attainment_table(comp: Comparison) -> Markup:
    """Attainment shares side by side."""
    rows = plots.education_rows(comp)
    if not rows or all(x is None and y is None for _, x, y in rows):
        why = comp.gaps.education.education_dissimilarity_reason or "not published"
        return html.paragraph(f"Educational attainment: {why}.", "note")
    return html.data_table(
        "Highest education of workers aged 25 and older, percent (BLS EP Table 5.3)",
        ["Education", *names(comp)],
        [Row(level, [num(fmt.percent(x, 1)), num(fmt.percent(y, 1))]) for level, x, y in rows],
    )


def entry_requirements_table(comp: Comparison) -> Markup:
    """Typical entry education, experience and training (BLS EP Table 5.4), then O*NET's detail."""
    rows = [Row(row.label, [row.cell(comp.a), row.cell(comp.b)]) for row in ENTRY_ROWS]
    headline = html.data_table(
        "What it takes to start (BLS Employment Projections Table 5.4)",
        ["Requirement", *names(comp)],
        rows,
    )
    if comp.a.is_seed and comp.b.is_seed:
        return headline  # the seed page has no O*NET survey figures
    return Markup(headline + "\n" + onet_detail_table(comp))


def _onet_cell(p: Profile, key: str) -> Cell:
    """One O*NET median as a detail cell: who answered and how many, and any flag.

    A distribution O*NET marks Recommend Suppress reads "(flagged)" and its
    footnote says O*NET advises against using it; a missing one says why.
    """
    dist = _distribution(p, key)
    median = getattr(p, key)
    if dist is None or median is None:
        return txt(fmt.text(None), p.why_missing(key))
    who = dist.respondents or "respondents not stated"
    when = f", {dist.date}" if dist.date else ""
    flag = " (flagged)" if dist.suppressed else ""
    return txt(f"{median}{flag}: median of {who}{when}", dist.warning)


def _distribution(p: Profile, key: str) -> OnetDistribution | None:
    return next((d for d in p.onet_distributions if d.key == key), None)


def onet_detail_table(comp: Comparison) -> Markup:
    """O*NET's education, training and experience medians, labelled as survey detail."""
    rows = [
        Row(
            f"{measure[0].upper()}{measure[1:]} (O*NET median)",
            [_onet_cell(comp.a, key), _onet_cell(comp.b, key)],
        )
        for key, _, measure in ONET_SCALES
    ]
    return html.data_table(
        f"Detail: {SOURCES['onet'].label} education, training and experience ratings, "
        "who answered and how many",
        ["Rating", *names(comp)],
        rows,
        notes=[ONET_DETAIL_NOTE],
    )
