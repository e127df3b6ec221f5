"""What the report notebook's cells call: one function per section, returning displayables.

Notebook cells stay one line each (``nb.pay_gap_table(comp)``); everything they show
is computed here and in the modules below it, and is deterministic (sorted
tables, fixed PNG metadata) so nbval can re-run the committed notebook.
"""

from __future__ import annotations

import io
import re
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, Markdown
from markupsafe import Markup, escape
from matplotlib.figure import Figure

from analysis.comparison import stats
from analysis.comparison.contract import Gap, PlainGap
from analysis.comparison.pair import Comparison, comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay
from analysis.occupations.contract import SEED, Profile
from analysis.presentation import formatting as fmt
from analysis.presentation import html, narrative, plots, summary, tables
from analysis.presentation.html import Cell, Row, num, txt
from analysis.presentation.labels import label

_OEWS = SOURCES["oews"].label
_ONET = SOURCES["onet"].label
_EP_PERIOD = SOURCES["ep"].vintage

pd.set_option("display.max_colwidth", 200)
R = fmt.READER
LEVEL = f"{stats.CONFIDENCE:.0%}"


def load(profession_a: str, profession_b: str, dataset: str = "public") -> Comparison:
    """Resolve the two professions and compute the comparison."""
    return comparison(profession_a, profession_b, dataset)


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

    def __init__(self, svg: str, alt: str, caption: str):
        """Keep the SVG text and its two sentences."""
        self.svg, self.alt, self.caption = svg, alt, caption

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data = {"image/svg+xml": self.svg, "text/plain": self.caption}
        return data, {"image/svg+xml": {"alt": self.alt, "caption": self.caption}}


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


def chart(comp: Comparison, name: str) -> Chart:
    """One chart of :data:`analysis.presentation.plots.CHARTS` with its sentences."""
    words = plots.describe(name, comp)
    return Chart(svg(plots.CHARTS[name](comp)), words.alt, words.caption)


def title(comp: Comparison) -> HTML:
    """The report heading, the verdict, the key-figure tiles, then the opening paragraphs."""
    a, b = comp.a, comp.b
    source = (
        "official public data (BLS, O*NET, Census)"
        if comp.dataset == "public"
        else "the career-site page (seed dataset), figures exactly as it shows them"
    )
    codes = "" if comp.dataset == SEED else f" (SOC {a.soc} vs {b.soc})"
    ranked = comp.dataset != SEED
    gap = comp.gaps.pay.annual_mean_wage
    seed = a.is_seed
    verdict = summary.verdict(
        narrative.plural_name(a.title, seed), narrative.plural_name(b.title, seed), gap,
        stats.CONFIDENCE,
    )  # fmt: skip
    notes = [
        "Ranks count from the highest figure (1st), among the occupations whose source "
        "publishes it; \u201call occupations\u201d is the source\u2019s own total row."
        if ranked
        else "The seed dataset\u2019s figures are the career-site page\u2019s, so they are "
        "not ranked against official data."
    ]
    parts = [
        f"<h1>{escape(a.title)} vs {escape(b.title)}</h1>",
        f'<p class="subtitle"><em>Compared from {escape(source)}{escape(codes)}.</em></p>',
        html.paragraph(verdict, "verdict"),
        html.paragraph(summary.convention(a.title, b.title), "convention"),
        summary.cards(
            [
                ("A", a.title, summary.tiles(_tile_values(a), a.soc, a.missing, ranked)),
                ("B", b.title, summary.tiles(_tile_values(b), b.soc, b.missing, ranked)),
            ],
            notes,
        ),
    ]
    parts += [html.paragraph(p) for p in narrative.paragraphs(comp)]
    return HTML("\n".join(str(p) for p in parts))


def _tile_values(p: Profile) -> dict[str, Any]:
    return {
        key: getattr(p, key)
        for key in (
            "annual_mean_wage",
            "annual_median_wage",
            "employment_change_pct_2024_2034",
            "typical_entry_education",
            "employment",
            "women_pct",
        )
    }


def _md(text: str) -> str:
    """Escape text for Markdown, including any HTML a title may carry."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#|$":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def seed_section(comp: Comparison, name: str) -> HTML:
    """One of the seed page's four tables, as a captioned table."""
    return HTML(str(tables.seed_table_html(name, comp.a, comp.b)))


def _names(comp: Comparison) -> list[str]:
    a, b = comp.a.title, comp.b.title
    return [f"{a} (A)", f"{b} (B)"] if a == b else [a, b]


def _gap_note(gap: Gap | PlainGap) -> str | None:
    """Why a gap has no difference, and any caveat on it (read generically from the gap)."""
    notes = [gap.reason if gap.difference is None else None, gap.caveat]
    text = "; ".join(n for n in notes if n)
    return text or None


def _side_note(p: Profile, field: str, value: Any) -> str | None:
    return p.why_missing(field) if fmt.is_missing(value) else None


def _row_note(p: Profile, field: str, value: Any) -> str | None:
    """A missing figure's reason; on the seed page, a field it never shows says so."""
    why = _side_note(p, field, value)
    if why is None and fmt.is_missing(value) and p.is_seed:
        why = "not on the career-site page"
    return why


def _verdict(gap: Gap) -> str:
    if gap.significant is None:
        return "no claim"
    return "significant" if gap.significant else "not distinguishable"


def pay_gap_table(comp: Comparison) -> HTML:
    """Pay gaps A − B: the means with their 95 % intervals, then the figures without one."""
    g = comp.gaps.pay
    a, b = comp.a, comp.b
    a_name, b_name = _names(comp)
    means = []
    for name, gap, cents, field in (
        ("Annual mean wage", g.annual_mean_wage, False, "annual_mean_wage"),
        ("Hourly mean wage", g.hourly_mean_wage, True, "hourly_mean_wage"),
    ):
        no_test = gap.reason or "no standard error published"
        ci = (
            num(R.missing, no_test)
            if gap.ci95_low is None
            else num(
                f"{fmt.money(gap.ci95_low, cents, signed=True)} to "
                f"{fmt.money(gap.ci95_high, cents, signed=True)}"
            )
        )
        means.append(
            Row(
                name,
                [
                    num(fmt.money(gap.a, cents), _side_note(a, field, gap.a)),
                    num(fmt.money(gap.b, cents), _side_note(b, field, gap.b)),
                    num(fmt.money(gap.difference, cents, signed=True), _gap_note(gap)),
                    num(fmt.percent(gap.difference_pct, 1, signed=True)),
                    ci,
                    txt(_verdict(gap), no_test if gap.significant is None else None),
                ],
            )
        )
    mean_table = html.data_table(
        f"Mean pay gap, A \u2212 B, with its confidence interval ({_OEWS})",
        ["Figure", a_name, b_name, "A \u2212 B", "A \u2212 B, % of B",
         f"{LEVEL} CI of A \u2212 B", f"Significant ({LEVEL})"],
        means,
        notes=[
            f"Significant: the {LEVEL} confidence interval of A \u2212 B excludes zero "
            f"(|z| \u2265 {stats.z_critical():.2f}), from the standard errors OEWS publishes."
        ],
    )  # fmt: skip
    others = []
    for name, gap, field, show, diff in (
        ("Annual median wage", g.annual_median_wage, "annual_median_wage", fmt.money,
         lambda v: fmt.money(v, signed=True)),
        ("Annual 10th percentile", g.annual_wage_p10, "annual_wage_p10", fmt.money,
         lambda v: fmt.money(v, signed=True)),
        ("Annual 90th percentile", g.annual_wage_p90, "annual_wage_p90", fmt.money,
         lambda v: fmt.money(v, signed=True)),
        ("Number of jobs", g.employment, "employment", fmt.count,
         lambda v: fmt.count(v, signed=True)),
        (f"Growth {_EP_PERIOD}", g.employment_change_pct_2024_2034,
         "employment_change_pct_2024_2034", lambda v: fmt.percent(v, 1, signed=True),
         fmt.points),
    ):  # fmt: skip
        others.append(
            Row(
                name,
                [
                    num(show(gap.a), _side_note(a, field, gap.a)),
                    num(show(gap.b), _side_note(b, field, gap.b)),
                    num(diff(gap.difference), _gap_note(gap)),
                ],
            )
        )
    other_table = html.data_table(
        f"Other pay and job figures, A \u2212 B ({_OEWS}; growth: {SOURCES['ep'].label})",
        ["Figure", a_name, b_name, "A \u2212 B"],
        others,
        notes=[
            "No standard errors are published for medians, percentiles, job counts or "
            "projections, so no significance is claimed. Growth differences are in "
            "percentage points (pts)."
        ],
    )
    return HTML(f"{mean_table}\n{other_table}")


def _place(row: pd.Series, column: str) -> str:
    return f"{row[column]} ({fmt.money(row['annual_mean_wage'])})"


def places(comp: Comparison) -> HTML:
    """Top paying states, metro areas and industries of each, best first."""
    a_name, b_name = _names(comp)
    rows = []
    for kind, fa, fb, col in (
        ("State", comp.states_a.head(5), comp.states_b.head(5), "area_name"),
        ("Metro area", comp.metros_a, comp.metros_b, "area_name"),
        ("Industry", comp.industries_a, comp.industries_b, "industry_name"),
    ):
        for rank in range(5):
            cells = []
            for frame, p in ((fa, comp.a), (fb, comp.b)):
                if rank < len(frame):
                    cells.append(txt(_place(frame.iloc[rank], col)))
                else:
                    why = "fewer places meet the minimum employment" if rank else "none published"
                    cells.append(txt(R.missing, why if not p.is_seed else "not on the seed page"))
            rows.append(Row(f"{kind} {fmt.ordinal(rank + 1)}", cells))
    table = html.data_table(
        f"Best paying places by annual mean wage ({_OEWS})",
        ["Rank", a_name, b_name],
        rows,
    )
    return HTML(str(table))


def places_note() -> Markdown:
    """The minimum-employment rules behind the rankings."""
    return Markdown(
        f"Rankings use {_OEWS} annual mean wages. A state counts with at least "
        f"{pay.MIN_EMPLOYMENT_STATE:,} published jobs, a metropolitan statistical area "
        f"(not a city) with at least {pay.MIN_EMPLOYMENT_METRO:,}, an industry (3-digit NAICS "
        f"subsector, national data) with at least {pay.MIN_EMPLOYMENT_INDUSTRY:,}."
    )


def state_winners(comp: Comparison) -> HTML:
    """In how many states each occupation out-earns the other, and the largest gaps."""
    sc = comp.state_comparison
    if sc.empty:
        return HTML(str(html.paragraph("No state publishes mean wages for both.", "note")))
    counts = sc["higher"].value_counts()
    rows = [
        Row(name, [num(f"{int(counts.get(side, 0)):,}"), _extreme(sc, side == "a")])
        for name, side in zip(_names(comp), ("a", "b"), strict=True)
    ]
    table = html.data_table(
        f"States where each pays more (of {len(sc):,} with mean wages for both, {_OEWS})",
        ["Occupation", "States where it pays more", "Largest state gap"],
        rows,
    )
    return HTML(str(table))


def _extreme(sc: pd.DataFrame, a_side: bool) -> Cell:
    row = sc.iloc[0] if a_side else sc.iloc[-1]
    diff = row["difference"] if a_side else -row["difference"]
    if diff <= 0:
        return txt(R.missing, "it pays more in no state")
    return txt(f"{row['state']} ({fmt.money(diff)})")


def education_detail(comp: Comparison) -> HTML:
    """Attainment shares side by side."""
    rows = plots.education_rows(comp)
    if not rows or all(x is None and y is None for _, x, y in rows):
        why = comp.gaps.education.education_dissimilarity_reason or "not published"
        return HTML(str(html.paragraph(f"Educational attainment: {why}.", "note")))
    table = html.data_table(
        "Highest education of workers aged 25 and older, percent (BLS EP Table 5.3)",
        ["Education", *_names(comp)],
        [Row(level, [num(fmt.percent(x, 1)), num(fmt.percent(y, 1))]) for level, x, y in rows],
    )
    return HTML(str(table))


def entry_requirements(comp: Comparison) -> HTML:
    """Typical entry education, experience and training (BLS EP Table 5.4 and O*NET)."""
    fields = (
        ("Typical entry education (BLS)", "typical_entry_education"),
        ("Related work experience (BLS)", "work_experience"),
        ("On-the-job training (BLS)", "typical_ojt"),
        ("Required education (O*NET median)", "onet_required_education"),
        ("Related work experience (O*NET median)", "onet_related_experience"),
        ("On-the-job training (O*NET median)", "onet_on_the_job_training"),
    )
    rows = []
    for name, field in fields:
        cells = []
        for p in (comp.a, comp.b):
            value = getattr(p, field)
            why = _row_note(p, field, value)
            cells.append(txt(fmt.text(value), why))
        rows.append(Row(name, cells))
    table = html.data_table(
        f"What it takes to start (BLS Employment Projections Table 5.4; {_ONET})",
        ["Requirement", *_names(comp)],
        rows,
    )
    return HTML(str(table))


def indices(comp: Comparison) -> HTML:
    """The dissimilarity indices and the skill-profile correlation, with their reasons."""
    edu, demo, skill = comp.gaps.education, comp.gaps.demographics, comp.gaps.skills

    def show(value: float | None, reason: str | None, caveat: str | None = None) -> Cell:
        # a footnote says why a D is missing, or the caveat on one that is shown
        return num(fmt.number(value, 3), reason if value is None else caveat)

    rows = [
        Row("Education dissimilarity D", [show(edu.education_dissimilarity,
            edu.education_dissimilarity_reason, edu.education_dissimilarity_caveat)]),
        Row("Race dissimilarity D (White, Black, Asian, other races)",
            [show(demo.race_dissimilarity, demo.race_dissimilarity_reason,
                  demo.race_dissimilarity_caveat)]),
        Row(f"Skill profile correlation ({skill.measure})",
            [show(skill.skill_profile_correlation, skill.skill_profile_correlation_reason)]),
    ]  # fmt: skip
    notes = list(demo.shared_census_occupation)
    notes.append(
        "D = \u00bd \u03a3 |p\u1d62 \u2212 q\u1d62| is the share of either group that would "
        "have to change category for the two compositions to match (0 = the same, 1 = no "
        "overlap)."
    )
    table = html.data_table("How alike the two are", ["Measure", "Value"], rows, notes=notes)
    return HTML(str(table))


def skills(comp: Comparison) -> HTML:
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
        for name, top in zip(_names(comp), (s.top3_a, s.top3_b), strict=True)
    ]
    table = html.data_table(
        f"Most important skills ({_ONET} importance ratings)",
        ["Occupation", "Top three skills", f"Shared among both top {s.top_n}"],
        rows,
    )
    return HTML(str(table))


def _report_candidates(comp: Comparison, p: Profile, soc: str) -> list[str]:
    """File names the report of ``p`` vs ``soc`` has when a batch is run on SOC codes."""
    suffix = "" if comp.dataset == "public" else f"--{comp.dataset}"
    return [f"{p.soc}--vs--{soc}{suffix}.html", f"{soc}--vs--{p.soc}{suffix}.html"]


def similar_occupations(comp: Comparison) -> HTML:
    """The five occupations closest to each by skill profile, linked to their reports.

    Each name carries the file names its pair report would have in the same folder
    (``<soc>--vs--<soc>.html``, either order); the report renderer turns it into a
    link when such a report exists there (:mod:`analysis.presentation.page`).
    """
    rows = []
    for name, p in zip(_names(comp), (comp.a, comp.b), strict=True):
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
        return HTML(str(html.paragraph("No skill ratings to compare.", "note")))
    table = html.data_table(
        "Most similar occupations by skill profile (correlation of O*NET skill importance)",
        ["Occupation and rank", "Similar occupation", "Similarity"],
        rows,
    )
    return HTML(str(table))


def data_and_method(comp: Comparison) -> Markdown:
    """Figures not published (with the source's reason) and the method.

    The sources, their releases and licences, and the O*NET credit are in the
    report's provenance footer, once.
    """
    lines = ["## Data and method", ""]
    missing = []
    for p in (comp.a, comp.b):
        by_reason: dict[str, list[str]] = {}
        for field, reason in p.missing.items():
            by_reason.setdefault(reason, []).append(label(field))
        for reason, names in by_reason.items():
            missing.append(f"- {_md(p.title)}: {_md(', '.join(names))} \u2014 {_md(reason)}")
    if missing:
        lines += ["**Figures not published** (shown as \u201cn/a\u201d)", "", *missing, ""]
    lines += [
        "**Method**",
        "",
        f"- Mean wage gaps: SE = RSE/100 \u00d7 estimate from the OEWS wage relative standard "
        f"error; z = (A \u2212 B)/\u221a(SE(A)\u00b2 + SE(B)\u00b2); a gap is called "
        f"statistically significant at the {LEVEL} level when |z| \u2265 "
        f"{stats.z_critical():.2f}. OEWS publishes no standard errors for percentiles or "
        "medians, so no significance claims are made on them.",
        "- Employment excludes self-employed workers (OEWS footnote 1). Race shares come "
        "from CPS Table 11 (2023); Hispanic or Latino people may be of any race. Ages come "
        "from CPS Table 11b (2025, 11-month average). CPS figures describe Census "
        "occupations, joined to SOC codes through the Census 2018 crosswalk.",
        "- Ranks are among the 830 OEWS detailed occupations that have the figure, highest "
        "first; the all-occupations figures are each source\u2019s total row.",
        "- Sources, releases and licences: see the provenance at the end of the page.",
    ]
    return Markdown("\n".join(lines))


def gender_pay(comp: Comparison) -> HTML:
    """Men's and women's median weekly earnings and women's as a percentage of men's."""
    rows = []
    for name, field, show in (
        ("Men's median weekly earnings", "men_median_weekly", lambda v: fmt.money(v)),
        ("Women's median weekly earnings", "women_median_weekly", lambda v: fmt.money(v)),
        ("Women's earnings as % of men's", "women_to_men_earnings_pct",
         lambda v: fmt.percent(v, 1)),
    ):  # fmt: skip
        cells = []
        for p in (comp.a, comp.b):
            value = getattr(p, field)
            why = _row_note(p, field, value)
            cells.append(num(show(value), why))
        rows.append(Row(name, cells))
    table = html.data_table(
        "Median weekly earnings of full-time wage and salary workers by sex (CPS 2025)",
        ["Figure", *_names(comp)],
        rows,
    )
    return HTML(str(table))


def gender_pay_note(comp: Comparison) -> Markdown:
    """The exact definition of the gender pay figures."""
    return Markdown(
        "Raw (uncontrolled) ratio of women's to men's median usual weekly earnings of "
        "full-time wage and salary workers in the occupation, CPS Table 39, 2025 annual "
        "averages (11 months: October 2025 was not collected). It does not adjust for hours, "
        "experience or job mix within the occupation."
    )


def cost_of_living(comp: Comparison) -> HTML:
    """Highest paying state before and after adjusting for state price levels."""
    rows = []
    for name, p in zip(_names(comp), (comp.a, comp.b), strict=True):
        nominal, adjusted = p.highest_paying_state, p.highest_paying_state_cost_adjusted
        rows.append(
            Row(
                name,
                [
                    txt(R.missing, _side_note(p, "highest_paying_state", None))
                    if nominal is None
                    else txt(f"{nominal.name} ({fmt.money(nominal.annual_mean_wage)})"),
                    txt(R.missing, _side_note(p, "highest_paying_state_cost_adjusted", None))
                    if adjusted is None
                    else txt(
                        f"{adjusted.name} ({fmt.money(adjusted.annual_mean_wage_adjusted)} at "
                        f"national prices; price parity {adjusted.price_parity:.1f})"
                    ),
                ],
            )
        )
    table = html.data_table(
        "Highest paying state, as paid and after the cost of living "
        f"({_OEWS}, BEA {SOURCES['bea_rpp'].vintage})",
        ["Occupation", "As paid", "At national prices"],
        rows,
    )
    return HTML(str(table))


def cost_of_living_note() -> Markdown:
    """What the adjustment is, and what it is not."""
    return Markdown(
        "Adjusted wage = state annual mean wage / (BEA all-items regional price parity / 100), "
        "2023 parities (U.S. = 100). Price parities are state averages over all goods and "
        "services, not specific to an occupation; territories have no parity and drop out."
    )


def show(*parts: Any) -> None:
    """Display several parts of one section from a single cell, in order.

    The report groups the parts of a section that need no separate output check
    into one cell: every cell is a round trip to the kernel, and a report ran
    twenty-six of them, about a tenth of its rendering time.
    """
    from IPython.display import display

    display(*parts)


PAYLOAD_TAG = "compare-json"
"""Tag of the cell whose output is the compare JSON; the renderer writes it to <slug>.json."""


def emit_payload(comp: Comparison) -> None:
    """Publish the compare JSON as this cell's output (hidden from the HTML report)."""
    from IPython.display import display

    display({"application/json": comp.to_json()}, raw=True)
