"""The report's education section: attainment shares and what it takes to start.

Each function returns the section's HTML; the notebook facade
(:mod:`analysis.notebook`) wraps it for display.
"""

from __future__ import annotations

from markupsafe import Markup

from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.presentation import formatting as fmt
from analysis.presentation import html, plots
from analysis.presentation.html import Row, num
from analysis.presentation.rows import FigureRow, names

ENTRY_ROWS = (
    FigureRow("Typical entry education (BLS)", "typical_entry_education"),
    FigureRow("Related work experience (BLS)", "work_experience"),
    FigureRow("On-the-job training (BLS)", "typical_ojt"),
    FigureRow("Required education (O*NET median)", "onet_required_education"),
    FigureRow("Related work experience (O*NET median)", "onet_related_experience"),
    FigureRow("On-the-job training (O*NET median)", "onet_on_the_job_training"),
)
"""Typical entry education, experience and training: BLS EP Table 5.4, then O*NET."""


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
    """Typical entry education, experience and training (BLS EP Table 5.4 and O*NET)."""
    rows = [Row(row.label, [row.cell(comp.a), row.cell(comp.b)]) for row in ENTRY_ROWS]
    return html.data_table(
        f"What it takes to start (BLS Employment Projections Table 5.4; {SOURCES['onet'].label})",
        ["Requirement", *names(comp)],
        rows,
    )
