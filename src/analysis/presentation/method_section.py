"""The report's closing section: the figures not published and the method (Markdown).

The sources, their releases and licences, and the O*NET credit are in the
report's provenance footer, once (:mod:`analysis.presentation.report_page`).
"""

from __future__ import annotations

from analysis.comparison import stats
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.presentation.labels import label

LEVEL = f"{stats.CONFIDENCE:.0%}"


def _ages() -> str:
    """Where ages come from: "CPS Table 11b (2025, 11-month average)"."""
    ages = SOURCES["cps11b"]
    months = f", {ages.months}-month average" if ages.months else ""
    return f"CPS Table 11b ({ages.vintage}{months})"


def markdown_escape(text: str) -> str:
    """Escape text for Markdown, including any HTML a title may carry."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#|$":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def data_and_method_markdown(comp: Comparison) -> str:
    """Figures not published (with the source's reason) and the method, as Markdown."""
    lines = ["## Data and method", ""]
    missing = []
    for p in (comp.a, comp.b):
        by_reason: dict[str, list[str]] = {}
        for field, reason in p.missing.items():
            by_reason.setdefault(reason, []).append(label(field))
        for reason, fields in by_reason.items():
            missing.append(
                f"- {markdown_escape(p.title)}: {markdown_escape(', '.join(fields))} "
                f"\u2014 {markdown_escape(reason)}"
            )
    if missing:
        lines += ["**Figures not published** (shown as \u201cn/a\u201d)", "", *missing, ""]
    lines += [
        "**Method**",
        "",
        "- Mean wage and job-count gaps: each estimate's standard error comes from the "
        "relative standard error OEWS publishes for it (a published 0.0 means below 0.05% "
        "and is computed as 0.05%, the cautious choice). A gap is called statistically "
        f"significant when its {LEVEL} confidence interval excludes zero, and otherwise "
        "\u201cabout the same \u2026 within sampling error\u201d; the gap in percent has "
        "its own interval. OEWS publishes no standard errors for percentiles or medians, so "
        "no significance claims are made on them. The formulas are under "
        "\u201cHow it is computed\u201d below.",
        "- The two estimates are treated as independent. They come from the same OEWS "
        "sample of establishments, so they may covary; a positive covariance (employers "
        "that pay one occupation well pay others well too) would make the true interval "
        "narrower than ours, so our test is conservative. OEWS publishes no covariances.",
        "- Highest paying state, metro area and industry: the highest published mean "
        "over the employment floor; places whose mean is not significantly below it "
        "are named as tied within sampling error. Top-coded means (OEWS "
        "footnote 5) are not published, carry no dollar bound and are left out of the "
        "ranking, with how many were left out.",
        "- Women\u2019s share, race shares, median age and women\u2019s pay are CPS survey "
        "estimates with sampling error that BLS does not publish for these tables; the "
        "report does not test their differences. Each gap shows both sides\u2019 bases "
        "(employed, thousands); a base under 100 thousand (twice the 50,000 below which "
        "CPS Table 11 shows no percentages) is marked as small.",
        "- Employment excludes self-employed workers (OEWS footnote 1). Race shares come "
        f"from {SOURCES['cps11'].label}; Hispanic or Latino people may be of any race. Ages "
        f"come from {_ages()}. CPS figures describe Census occupations, joined to SOC codes "
        f"through the {SOURCES['census_crosswalk'].label} crosswalk.",
        "- Ranks are among the 830 OEWS detailed occupations that have the figure, highest "
        "first, ties sharing the better rank; CPS figures are ranked among distinct Census "
        "occupations, each counted once however many SOC codes share it. The "
        "all-occupations figures are each source\u2019s total row.",
        "- Sources, releases and licences: in the HTML report, its provenance footer; in "
        "the notebook, `data/datapackage.json` (every table\u2019s source, release and licence).",
        "",
        _formulas_html(),
    ]
    return "\n".join(lines)


def _formulas_html() -> str:
    """The formulas behind the method's words, in a collapsed "How it is computed" element.

    The reader's text says what is done in words; whoever wants the arithmetic opens this.
    """
    z = f"{stats.z_critical():.2f}"
    items = [
        "Standard error from a relative standard error: SE = RSE / 100 \u00d7 estimate.",
        "Gap A \u2212 B: SE = \u221a(SE(A)\u00b2 + SE(B)\u00b2), z = (A \u2212 B) / SE, "
        f"{LEVEL} confidence interval (A \u2212 B) \u00b1 {z} SE; significant when "
        f"|z| \u2265 {z}.",
        "Gap in percent of B: ln(A/B) \u00b1 "
        f"{z}\u221a((SE(A)/A)\u00b2 + (SE(B)/B)\u00b2), back-transformed as "
        "(e<sup>x</sup> \u2212 1) \u00d7 100.",
        "Tied with the highest paying place P<sub>1</sub>: a place P whose "
        f"z = (P<sub>1</sub> \u2212 P) / \u221a(SE(P<sub>1</sub>)\u00b2 + SE(P)\u00b2) "
        f"is below {z}.",
        "Pay at national prices: state annual mean wage / (BEA regional price parity / 100).",
        "Dissimilarity index D = \u00bd \u03a3 |p<sub>i</sub> \u2212 q<sub>i</sub>| over "
        "the categories of the two distributions (shares as proportions).",
    ]
    body = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<details class="formulas"><summary>How it is computed</summary><ul>{body}</ul></details>'
    )
