"""The report's demographics section: men's and women's pay (CPS Table 39).

Each function returns the section's HTML (or Markdown text); the notebook facade
(:mod:`analysis.notebook`) wraps it for display.
"""

from __future__ import annotations

from markupsafe import Markup

from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Row
from analysis.presentation.rows import FigureRow, names

_CPS39 = SOURCES["cps39"]


def _weekly(value: float | None, _style: fmt.Style) -> str:
    return fmt.money(value)


GENDER_PAY_ROWS = (
    FigureRow("Men's median weekly earnings", "men_median_weekly", _weekly, numeric=True),
    FigureRow("Women's median weekly earnings", "women_median_weekly", _weekly, numeric=True),
    FigureRow("Women's earnings as % of men's", "women_to_men_earnings_pct",
              lambda v, _st: fmt.percent(v, 1), numeric=True),
)  # fmt: skip
"""Men's and women's median weekly earnings and women's as a percentage of men's."""


def gender_pay_table(comp: Comparison) -> Markup:
    """Men's and women's median weekly earnings and women's as a percentage of men's."""
    return html.data_table(
        "Median weekly earnings of full-time wage and salary workers by sex "
        f"(CPS {_CPS39.vintage})",
        ["Figure", *names(comp)],
        [Row(row.label, [row.cell(comp.a), row.cell(comp.b)]) for row in GENDER_PAY_ROWS],
    )


def gender_pay_definition() -> str:
    """The exact definition of the gender pay figures (Markdown)."""
    months = (
        f" ({_CPS39.months} months: {_CPS39.not_collected} was not collected)"
        if _CPS39.months
        else ""
    )
    return (
        "Raw (uncontrolled) ratio of women's to men's median usual weekly earnings of "
        f"full-time wage and salary workers in the occupation, CPS Table 39, {_CPS39.vintage} "
        f"annual averages{months}. It does not adjust for hours, experience or job mix within "
        "the occupation."
    )
