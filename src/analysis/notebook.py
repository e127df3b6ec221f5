"""What the report notebook's cells call: one function per section, returning displayables.

Notebook cells stay one line each (``nb.pay_gap_table(comp)``); everything they show
is computed here and in the modules below it, and is deterministic (sorted
tables, fixed PNG metadata) so nbval can re-run the committed notebook.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, Markdown
from matplotlib.figure import Figure

from analysis.comparison import stats
from analysis.comparison.contract import Gap, PlainGap
from analysis.comparison.gaps import education_distributions
from analysis.comparison.pair import Comparison, comparison
from analysis.data.sources.catalog import ONET_CREDIT
from analysis.occupations import pay
from analysis.occupations.contract import SEED, Profile, SourceRelease
from analysis.presentation import formatting as fmt
from analysis.presentation import narrative, tables

pd.set_option("display.max_colwidth", 200)


def load(profession_a: str, profession_b: str, dataset: str = "public") -> Comparison:
    """Resolve the two professions and compute the comparison."""
    return comparison(profession_a, profession_b, dataset)


def figure(fig: Figure) -> Image:
    """Render a figure to an inline PNG and close it (no timestamps in the PNG)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


def title(comp: Comparison) -> Markdown:
    """The report heading and the generated opening paragraphs."""
    a, b = comp.a, comp.b
    source = (
        "official public data (BLS, O*NET, Census)"
        if comp.dataset == "public"
        else "the career-site page (seed dataset), figures exactly as it shows them"
    )
    codes = "" if comp.dataset == SEED else f" (SOC {a.soc} vs {b.soc})"
    text = [f"# {_md(a.title)} vs {_md(b.title)}", f"*Compared from {_md(source)}{codes}.*"]
    text += [_md(p) for p in narrative.paragraphs(comp)]
    return Markdown("\n\n".join(text))


def _md(text: str) -> str:
    """Escape text for Markdown, including any HTML a title may carry."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#|$":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def seed_section(comp: Comparison, name: str) -> pd.DataFrame:
    """One of the seed page's four tables."""
    return tables.seed_table(name, comp.a, comp.b)


def _verdict(gap: Gap) -> str:
    if gap.significant is None:
        return f"no claim ({gap.reason or 'no standard error published'})"
    return "statistically significant" if gap.significant else "not statistically distinguishable"


def pay_gap_table(comp: Comparison) -> pd.DataFrame:
    """Mean wage gaps with their 95 % intervals; medians and percentiles without."""
    g = comp.gaps.pay
    level = f"{stats.CONFIDENCE:.0%}"
    ci, verdict = f"{level} CI of A - B", f"verdict ({level})"
    rows = []
    mean_gaps: tuple[tuple[str, Gap, bool], ...] = (
        ("Annual mean wage", g.annual_mean_wage, False),
        ("Hourly mean wage", g.hourly_mean_wage, True),
    )
    for label, gap, cents in mean_gaps:
        rows.append(
            {
                "figure": label,
                "A": fmt.money(gap.a, cents),
                "B": fmt.money(gap.b, cents),
                "A - B": fmt.money(gap.difference, cents),
                "A - B (%)": fmt.percent(gap.difference_pct, 1, signed=True),
                ci: fmt.DASH
                if gap.ci95_low is None
                else f"{fmt.money(gap.ci95_low, cents)} to {fmt.money(gap.ci95_high, cents)}",
                verdict: _verdict(gap),
            }
        )
    plain: tuple[tuple[str, PlainGap], ...] = (
        ("Annual median wage", g.annual_median_wage),
        ("Annual 10th percentile", g.annual_wage_p10),
        ("Annual 90th percentile", g.annual_wage_p90),
    )
    for label, gap in plain:
        rows.append(
            {
                "figure": label,
                "A": fmt.money(gap.a),
                "B": fmt.money(gap.b),
                "A - B": fmt.money(gap.difference),
                "A - B (%)": fmt.DASH,
                ci: fmt.DASH,
                verdict: "no claim (OEWS publishes no SE for percentiles)",
            }
        )
    counts: tuple[tuple[str, PlainGap, Any], ...] = (
        ("Number of jobs", g.employment, fmt.count),
        ("Growth 2024-34", g.employment_change_pct_2024_2034, lambda v: fmt.percent(v, 1)),
    )
    for label, gap, render in counts:
        rows.append(
            {
                "figure": label,
                "A": render(gap.a),
                "B": render(gap.b),
                "A - B": render(gap.difference),
                "A - B (%)": fmt.DASH,
                ci: fmt.DASH,
                verdict: "no claim",
            }
        )
    return pd.DataFrame(rows).set_index("figure")


def places(comp: Comparison) -> pd.DataFrame:
    """Top paying states, metro areas and industries of each, with the minimum employment."""
    rows = []
    for kind, fa, fb, col in (
        ("State", comp.states_a.head(5), comp.states_b.head(5), "area_name"),
        ("Metro area", comp.metros_a, comp.metros_b, "area_name"),
        ("Industry", comp.industries_a, comp.industries_b, "industry_name"),
    ):
        for rank in range(5):

            def cell(frame: pd.DataFrame, rank: int = rank, col: str = col) -> str:
                if rank >= len(frame):
                    return fmt.DASH
                row = frame.iloc[rank]
                return f"{row[col]} ({fmt.money(row['annual_mean_wage'])})"

            rows.append({"kind": kind, "rank": rank + 1, "A": cell(fa), "B": cell(fb)})
    return pd.DataFrame(rows).set_index(["kind", "rank"])


def places_note() -> Markdown:
    """The minimum-employment rules behind the rankings."""
    return Markdown(
        f"Rankings use OEWS May 2025 annual mean wages. A state counts with at least "
        f"{pay.MIN_EMPLOYMENT_STATE:,} published jobs, a metropolitan statistical area "
        f"(not a city) with at least {pay.MIN_EMPLOYMENT_METRO:,}, an industry (3-digit NAICS "
        f"subsector, national data) with at least {pay.MIN_EMPLOYMENT_INDUSTRY:,}."
    )


def state_winners(comp: Comparison) -> pd.DataFrame:
    """In how many states each profession out-earns the other, and the largest gaps."""
    sc = comp.state_comparison
    if sc.empty:
        return pd.DataFrame({"note": ["no state has published wages for both"]})
    counts = sc["higher"].value_counts()
    a, b = comp.a.title, comp.b.title
    return pd.DataFrame(
        {
            "states where it pays more": [int(counts.get("a", 0)), int(counts.get("b", 0))],
            "largest state gap": [_extreme(sc, True), _extreme(sc, False)],
        },
        index=pd.Index([a, b], name="profession"),
    )


def _extreme(sc: pd.DataFrame, a_side: bool) -> str:
    row = sc.iloc[0] if a_side else sc.iloc[-1]
    diff = row["difference"] if a_side else -row["difference"]
    return fmt.DASH if diff <= 0 else f"{row['state']} ({fmt.money(diff)})"


def education_detail(comp: Comparison) -> pd.DataFrame:
    """Attainment shares side by side plus the dissimilarity index."""
    dist = education_distributions(comp.a, comp.b).rename(
        columns={"level": "education (workers 25+)", "a": comp.a.title, "b": comp.b.title}
    )
    return dist.set_index("education (workers 25+)").map(lambda v: fmt.percent(v, 1))


def entry_requirements(comp: Comparison) -> pd.DataFrame:
    """Typical entry education, experience and training (BLS EP Table 5.4 and O*NET)."""
    rows: tuple[tuple[str, Callable[[Profile], str | None]], ...] = (
        ("Typical entry education (BLS EP)", lambda p: p.typical_entry_education),
        ("Related work experience (BLS EP)", lambda p: p.work_experience),
        ("On-the-job training (BLS EP)", lambda p: p.typical_ojt),
        ("Required education (O*NET median)", lambda p: p.onet_required_education),
        ("Related work experience (O*NET median)", lambda p: p.onet_related_experience),
        ("On-the-job training (O*NET median)", lambda p: p.onet_on_the_job_training),
    )
    return pd.DataFrame(
        {p.title: [fmt.text(value(p)) for _, value in rows] for p in (comp.a, comp.b)},
        index=pd.Index([label for label, _ in rows], name=""),
    )


def indices(comp: Comparison) -> Markdown:
    """The dissimilarity indices and the skill-profile correlation, with their reasons."""
    edu, demo, skill = comp.gaps.education, comp.gaps.demographics, comp.gaps.skills

    def show(value: float | None, reason: str | None, caveat: str | None = None) -> str:
        if value is None:
            return f"- ({reason})"
        return f"{value:.3f}" + (f" (caveat: {_md(caveat)})" if caveat else "")

    lines = [
        "- Education dissimilarity index D = "
        + show(
            edu.education_dissimilarity,
            edu.education_dissimilarity_reason,
            edu.education_dissimilarity_caveat,
        ),
        "- Race dissimilarity index D (White, Black, Asian, other races) = "
        + show(
            demo.race_dissimilarity, demo.race_dissimilarity_reason, demo.race_dissimilarity_caveat
        ),
        f"- Skill profile correlation ({skill.measure}) = "
        + show(skill.skill_profile_correlation, skill.skill_profile_correlation_reason),
    ]
    lines += [f"- Note: {_md(s)}" for s in demo.shared_census_occupation]
    lines.append(
        "\nD = \u00bd \u03a3 |p\u1d62 - q\u1d62| is the share of either group that "
        "would have to change category for the two compositions to match (0 = same, "
        "1 = no overlap)."
    )
    return Markdown("\n".join(lines))


def skills(comp: Comparison) -> pd.DataFrame:
    """Top three skills of each and the skills both rank among their most important."""
    s = comp.gaps.skills
    shared = ", ".join(s.shared_top) or fmt.DASH
    return pd.DataFrame(
        {
            "top three skills": [
                ", ".join(s.top3_a) or fmt.DASH,
                ", ".join(s.top3_b) or fmt.DASH,
            ],
            f"shared among both top {s.top_n}": [shared, shared],
        },
        index=pd.Index([comp.a.title, comp.b.title], name="profession"),
    )


def data_and_method(comp: Comparison) -> Markdown:
    """Sources and releases, footnotes for missing figures, the O*NET credit, the method."""
    lines = ["## Data and method", "", "**Sources**", ""]
    seen: list[SourceRelease] = []
    for p in (comp.a, comp.b):
        for src in p.sources:
            if src not in seen:
                seen.append(src)
    lines += [f"- {_md(s.source)} \u2014 release {_md(s.release)}" for s in seen]
    lines += ["", "**Figures not published** (shown as \u201c-\u201d)", ""]
    for p in (comp.a, comp.b):
        by_reason: dict[str, list[str]] = {}
        for key, reason in p.missing.items():
            by_reason.setdefault(reason, []).append(f"`{key}`")
        for reason, keys in by_reason.items():
            lines.append(f"- {_md(p.title)}: {', '.join(keys)} \u2014 {_md(reason)}")
    level = f"{stats.CONFIDENCE:.0%}"
    lines += [
        "",
        "**Method**",
        "",
        f"- Mean wage gaps: SE = RSE/100 \u00d7 estimate from the OEWS wage relative standard "
        f"error; z = (A \u2212 B)/\u221a(SE_A\u00b2 + SE_B\u00b2); a gap is called "
        f"statistically significant at the {level} level when |z| \u2265 "
        f"{stats.z_critical():.2f}. OEWS publishes no standard errors for percentiles or "
        "medians, so no significance claims are made on them.",
        "- Employment excludes self-employed workers (OEWS footnote 1). Race shares come "
        "from CPS Table 11 (2023); Hispanic or Latino people may be of any race. Ages come "
        "from CPS Table 11b (2025, 11-month average). CPS figures describe Census "
        "occupations, joined to SOC codes through the Census 2018 crosswalk.",
        "",
        f"*{_md(ONET_CREDIT)}*",
    ]
    return Markdown("\n".join(lines))


def escape(text: str) -> HTML:
    """Show arbitrary text safely as HTML."""
    return HTML(fmt.text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def gender_pay(comp: Comparison) -> pd.DataFrame:
    """Men's and women's median weekly earnings and women's as a percentage of men's."""
    rows: tuple[tuple[str, Callable[[Profile], str]], ...] = (
        ("Men's median weekly earnings", lambda p: fmt.money(p.men_median_weekly)),
        ("Women's median weekly earnings", lambda p: fmt.money(p.women_median_weekly)),
        (
            "Women's earnings as % of men's",
            lambda p: fmt.percent(p.women_to_men_earnings_pct, 1),
        ),
    )
    return pd.DataFrame(
        {p.title: [render(p) for _, render in rows] for p in (comp.a, comp.b)},
        index=pd.Index([label for label, _ in rows], name=""),
    )


def gender_pay_note(comp: Comparison) -> Markdown:
    """The exact definition of the gender pay figures, and why any is missing."""
    lines = [
        "Raw (uncontrolled) ratio of women's to men's median usual weekly earnings of "
        "full-time wage and salary workers in the occupation, CPS Table 39, 2025 annual "
        "averages (11 months: October 2025 was not collected). It does not adjust for hours, "
        "experience or job mix within the occupation."
    ]
    for p in (comp.a, comp.b):
        reason = p.why_missing("women_to_men_earnings_pct")
        if reason and not p.is_seed:
            lines.append(f"\n- {_md(p.title)}: \u201c-\u201d \u2014 {_md(reason)}")
    return Markdown("\n".join(lines))


def cost_of_living(comp: Comparison) -> pd.DataFrame:
    """Highest paying state before and after adjusting for state price levels."""
    rows = []
    for p in (comp.a, comp.b):
        nominal, adjusted = p.highest_paying_state, p.highest_paying_state_cost_adjusted
        rows.append(
            {
                "profession": p.title,
                "highest paying state (nominal)": fmt.DASH
                if nominal is None
                else f"{nominal.name} ({fmt.money(nominal.annual_mean_wage)})",
                "highest paying state (cost of living adjusted)": fmt.DASH
                if adjusted is None
                else f"{adjusted.name} ({fmt.money(adjusted.annual_mean_wage_adjusted)} at "
                f"national prices; RPP {adjusted.price_parity:.1f})",
            }
        )
    return pd.DataFrame(rows).set_index("profession")


def cost_of_living_note() -> Markdown:
    """What the adjustment is, and what it is not."""
    return Markdown(
        "Adjusted wage = state annual mean wage / (BEA all-items regional price parity / 100), "
        "2023 parities (U.S. = 100). Price parities are state averages over all goods and "
        "services, not specific to an occupation; territories have no parity and drop out."
    )


def similar_occupations(comp: Comparison) -> pd.DataFrame:
    """The five occupations closest to each profession by skill profile."""
    rows = []
    for p in (comp.a, comp.b):
        for rank, other in enumerate(p.similar, start=1):
            rows.append(
                {
                    "profession": p.title,
                    "rank": rank,
                    "similar occupation": f"{other.title} ({other.soc})",
                    "similarity": f"{other.similarity:.3f}",
                }
            )
    if not rows:
        return pd.DataFrame({"note": ["no skill ratings to compare"]})
    return pd.DataFrame(rows).set_index(["profession", "rank"])


PAYLOAD_TAG = "compare-json"
"""Tag of the cell whose output is the compare JSON; the renderer writes it to <slug>.json."""


def emit_payload(comp: Comparison) -> None:
    """Publish the compare JSON as this cell's output (hidden from the HTML report)."""
    from IPython.display import display

    display({"application/json": comp.to_json()}, raw=True)
