"""The report's skills section: top skills, how alike the two are, the most similar occupations.

Each function returns the section's HTML; the notebook facade
(:mod:`analysis.notebook`) wraps it for display.
"""

from __future__ import annotations

from markupsafe import Markup

from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import Profile
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Cell, Row, num, txt
from analysis.presentation.rows import names

R = fmt.READER


def skills_table(comp: Comparison) -> Markup:
    """Top three skills of each and the skills both rank among their most important."""
    s = comp.gaps.skills
    shared = ", ".join(s.shared_top)
    no_skills = "O*NET rates no skills for this occupation"
    rows = [
        Row(
            name,
            [
                txt(", ".join(top) or R.missing, None if top else no_skills),
                txt(shared or "none", None),
            ],
        )
        for name, top in zip(names(comp), (s.top3_a, s.top3_b), strict=True)
    ]
    return html.data_table(
        f"Most important skills ({SOURCES['onet'].label} importance ratings)",
        ["Occupation", "Top three skills", f"Shared among both top {s.top_n}"],
        rows,
    )


def _measure(value: float | None, reason: str | None, caveat: str | None = None) -> Cell:
    # a footnote says why a D is missing, or the caveat on one that is shown
    return num(fmt.number(value, 3), reason if value is None else caveat)


def indices_table(comp: Comparison) -> Markup:
    """The dissimilarity indices and the skill-profile correlation, with their reasons."""
    edu, demo, skill = comp.gaps.education, comp.gaps.demographics, comp.gaps.skills
    rows = [
        Row("Education dissimilarity D", [_measure(edu.education_dissimilarity,
            edu.education_dissimilarity_reason, edu.education_dissimilarity_caveat)]),
        Row("Race dissimilarity D (White, Black, Asian, other races)",
            [_measure(demo.race_dissimilarity, demo.race_dissimilarity_reason,
                      demo.race_dissimilarity_caveat)]),
        Row(f"Skill profile correlation ({skill.measure})",
            [_measure(skill.skill_profile_correlation, skill.skill_profile_correlation_reason)]),
    ]  # fmt: skip
    notes = list(demo.shared_census_occupation)
    notes.append(
        "D = \u00bd \u03a3 |p\u1d62 \u2212 q\u1d62| is the share of either group that would "
        "have to change category for the two compositions to match (0 = the same, 1 = no "
        "overlap)."
    )
    notes.append(
        "Skill profile correlation: the same measure as the most similar occupations "
        "list: each skill's importance and level standardised across all occupations, "
        "then correlated, so it shows which skills matter more or less than usual."
    )
    return html.data_table("How alike the two are", ["Measure", "Value"], rows, notes=notes)


def _report_candidates(comp: Comparison, p: Profile, soc: str) -> list[str]:
    """File names the report of ``p`` vs ``soc`` has when a batch is run on SOC codes."""
    suffix = "" if comp.dataset == "public" else f"--{comp.dataset}"
    return [f"{p.soc}--vs--{soc}{suffix}.html", f"{soc}--vs--{p.soc}{suffix}.html"]


def similar_occupations_table(comp: Comparison) -> Markup:
    """The five occupations closest to each by skill profile, linked to their reports.

    Each name carries the file names its pair report would have in the same folder
    (``<soc>--vs--<soc>.html``, either order); the report renderer turns it into a
    link when such a report exists there (:mod:`analysis.presentation.report_page`).
    """
    rows = []
    for name, p in zip(names(comp), (comp.a, comp.b), strict=True):
        for rank, other in enumerate(p.similar, start=1):
            # the pair of this very report is not linked (the reader is on it)
            this_pair = {p.soc, other.soc} == {comp.a.soc, comp.b.soc}
            candidates = (
                " ".join(_report_candidates(comp, p, other.soc)) if p.soc and not this_pair else ""
            )
            label_html = Markup(
                '<span class="maybe-report" data-reports="{}">{} ({})</span>'
            ).format(candidates, other.title, other.soc)
            rows.append(
                Row(
                    f"{name}: {fmt.ordinal(rank)}",
                    [Cell(label_html), num(fmt.number(other.similarity, 3))],
                )
            )
    if not rows:
        return html.paragraph("No skill ratings to compare.", "note")
    return html.data_table(
        "Most similar occupations by skill profile (correlation of standardised O*NET skill "
        "importance and level)",
        ["Occupation and rank", "Similar occupation", "Similarity"],
        rows,
    )
