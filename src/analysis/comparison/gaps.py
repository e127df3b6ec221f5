"""Pure functions: the pay, education, demographic and skills gaps between two profiles.

Every difference is ``a - b``. Where the source publishes a standard error
(OEWS mean wages and employment, as RSEs), the gap carries a 95 % confidence interval and a
significance verdict; elsewhere it is a plain difference with no claim.

Where both occupations' figures are one published row (the same EP Table 5.3
attainment row, the same Census occupation in CPS), the source cannot tell them
apart: those gaps have no difference and say why. Where only one side is a
group's row, the gap stands with a ``caveat``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.comparison import stats
from analysis.comparison.contract import (
    DemographicGaps,
    EducationGaps,
    EducationSides,
    Gap,
    PayGaps,
    PlainGap,
    RaceGaps,
    SkillGaps,
    TextSides,
)
from analysis.occupations import similarity, source_rows
from analysis.occupations.contract import RACE_GROUPS, Profile, RacePct, clean
from analysis.occupations.skills import top_skills


@dataclass(frozen=True)
class Comparability:
    """Whether two profiles' EP attainment rows and CPS rows can be told apart.

    ``*_shared``: the reason no difference can be given (both sides are one
    published row); ``*_caveat``: the warning for a difference where a side is
    a group's row. At most one of the two is set per source.
    """

    education_shared: str | None = None
    education_caveat: str | None = None
    cps_shared: str | None = None
    cps_caveat: str | None = None


def _ep_caveat(p: Profile) -> str | None:
    row = p.source_rows.education_attainment if p.source_rows else None
    if row is None or not row.group_row:
        return None
    shared = f", also given to {len(row.sharing_socs)} other occupation(s)"
    return (
        f"{p.title}: the attainment row of {row.group or 'a group'} (EP Table 5.3 footnote 1)"
        + (shared if row.sharing_socs else "")
    )


def _cps_caveat(p: Profile) -> str | None:
    row = p.source_rows.cps if p.source_rows else None
    if row is None or not row.group_row:
        return None
    return (
        f"{p.title}: CPS figures of Census occupation {row.census_code} "
        f"'{row.census_title}', which also covers {len(row.sharing_socs)} other occupation(s)"
    )


def _joined(*notes: str | None) -> str | None:
    found = [n for n in notes if n]
    return "; ".join(found) if found else None


def comparability(a: Profile, b: Profile) -> Comparability:
    """Which of the two profiles' group-row figures can be compared, and with what warning.

    Args:
        a: First profile.
        b: Second profile.

    Returns:
        The reasons and caveats for the EP attainment and the CPS gaps (all None
        for the seed dataset, whose figures carry no source rows).
    """
    if a.soc is None or b.soc is None or a.source_rows is None or b.source_rows is None:
        return Comparability()
    shared = {r.source: r for r in source_rows.shared_rows(a.soc, b.soc)}
    edu, cps = shared.get("ep_attainment"), shared.get("cps")
    return Comparability(
        education_shared=source_rows.shared_reason([edu]) if edu else None,
        education_caveat=None if edu else _joined(_ep_caveat(a), _ep_caveat(b)),
        cps_shared=source_rows.shared_reason([cps]) if cps else None,
        cps_caveat=None if cps else _joined(_cps_caveat(a), _cps_caveat(b)),
    )


def comparability_notes(a: Profile, b: Profile) -> list[str]:
    """One line per group of figures the two cannot be compared on, or only with a caveat.

    Args:
        a: First profile.
        b: Second profile.

    Returns:
        E.g. "Educational attainment: no difference, both occupations are published
        as one group (EP Table 5.3 footnote 1): this source cannot tell them
        apart."; empty when every figure is each occupation's own.
    """
    rows = comparability(a, b)
    cps = "Median age, women's share, race shares, women's pay (CPS)"
    out = []
    for label, shared, caveat in (
        ("Educational attainment", rows.education_shared, rows.education_caveat),
        (cps, rows.cps_shared, rows.cps_caveat),
    ):
        if shared:
            out.append(f"{label}: no difference, {shared}.")
        elif caveat:
            out.append(f"{label}: group row ({caveat}).")
    return out


SMALL_CPS_BASE_THOUSANDS = 100.0
"""A CPS gap is marked when either side's base is under 100,000 employed.

BLS publishes no standard errors for these CPS tables and we model none; this
is a plain-words warning, not a test. 100,000 is twice the publication floor
CPS Table 11 states in its own note ("values not shown where base is less than
50,000"), so a marked figure is within a factor of two of the base BLS judges
too small to publish (documented in docs/claims.md).
"""


def _base_note(base_a: float | None, base_b: float | None) -> bool | None:
    if base_a is None or base_b is None:
        return None
    return min(base_a, base_b) < SMALL_CPS_BASE_THOUSANDS


def plain_gap(a: Any, b: Any, *, shared: str | None = None, caveat: str | None = None) -> PlainGap:
    """A difference with no uncertainty; None with a reason when it cannot be given.

    Args:
        a: First side's figure.
        b: Second side's figure.
        shared: Why the source cannot tell the two apart (both are one published
            row); then there is no difference.
        caveat: A warning for a difference where a side is a group's row.

    Returns:
        The gap.
    """
    a, b = clean(a), clean(b)
    if a is None or b is None:
        side = "first" if a is None else "second"
        return PlainGap(a, b, None, f"the figure is missing for the {side} profession")
    if shared:
        return PlainGap(a, b, None, shared)
    return PlainGap(a, b, round(a - b, 6), None, caveat)


def mean_wage_gap(
    a: float | None, b: float | None, rse_a: float | None, rse_b: float | None
) -> Gap:
    """Gap in a mean wage, with SE = RSE/100 x estimate from the OEWS wage RSE.

    Args:
        a: Mean wage (annual or hourly) of the first profession.
        b: The same wage of the second.
        rse_a: The OEWS wage RSE (percent) of the first; it applies to annual and
            hourly means alike.
        rse_b: The same for the second.

    Returns:
        The gap with its confidence interval and significance where both SEs exist.
    """
    return stats.gap(
        a,
        b,
        stats.se_from_rse(a, rse_a),
        stats.se_from_rse(b, rse_b),
        note=stats.zero_rse_note("wage", rse_a, rse_b),
    )


def _employment_gap(a: Profile, b: Profile) -> Gap:
    """Gap in national employment, with SE = RSE/100 x jobs from the OEWS employment RSE."""
    ea, eb = a.employment, b.employment
    ra, rb = a.employment_rse, b.employment_rse
    return stats.gap(
        ea,
        eb,
        stats.se_from_rse(ea, ra),
        stats.se_from_rse(eb, rb),
        note=stats.zero_rse_note("employment", ra, rb),
    )


def wage_percentiles(a: Profile, b: Profile) -> pd.DataFrame:
    """Annual wage percentiles side by side (no significance: OEWS publishes no SE for them)."""
    rows = [
        {"percentile": label, "a": clean(wa), "b": clean(wb)}
        for (label, wa), (_, wb) in zip(
            a.annual_wage_percentiles(), b.annual_wage_percentiles(), strict=True
        )
    ]
    # float, so an all-missing side is NaN rather than an object column of None
    frame = pd.DataFrame(rows).astype({"a": float, "b": float})
    frame["difference"] = frame["a"] - frame["b"]
    return frame


def pay_gaps(a: Profile, b: Profile) -> PayGaps:
    """All pay gaps: mean wages with uncertainty, medians and range without."""
    rse_a, rse_b = a.annual_mean_wage_rse, b.annual_mean_wage_rse
    # The OEWS wage RSE belongs to the hourly mean even where no annual mean is published.
    hourly_a = a.wage_rse if a.wage_rse is not None else rse_a
    hourly_b = b.wage_rse if b.wage_rse is not None else rse_b
    return PayGaps(
        annual_mean_wage=mean_wage_gap(a.annual_mean_wage, b.annual_mean_wage, rse_a, rse_b),
        hourly_mean_wage=mean_wage_gap(a.hourly_mean_wage, b.hourly_mean_wage, hourly_a, hourly_b),
        annual_median_wage=plain_gap(a.annual_median_wage, b.annual_median_wage),
        annual_wage_p10=plain_gap(a.annual_wage_p10, b.annual_wage_p10),
        annual_wage_p90=plain_gap(a.annual_wage_p90, b.annual_wage_p90),
        employment=_employment_gap(a, b),
        employment_change_pct_2024_2034=plain_gap(
            a.employment_change_pct_2024_2034, b.employment_change_pct_2024_2034
        ),
    )


def state_comparison(states_a: pd.DataFrame, states_b: pd.DataFrame) -> pd.DataFrame:
    """States where both occupations have a published mean wage, which pays more, and if surely.

    Args:
        states_a: Ranked state rows of the first occupation (``area_name``,
            ``annual_mean_wage`` and, where published, ``wage_rse``), already
            filtered by minimum employment.
        states_b: Same for the second.

    Returns:
        state, a, b, difference (a - b), ``higher`` ("a", "b" or "equal") and
        ``significant``: whether the state's difference is significant at 95 %
        (:func:`stats.gap` from the two cells' wage RSEs; None without both RSEs),
        sorted by difference, largest first.
    """
    keep = ["area_name", "annual_mean_wage"]

    def side(states: pd.DataFrame, name: str) -> pd.DataFrame:
        cols = keep + (["wage_rse"] if "wage_rse" in states.columns else [])
        out = states[cols].rename(columns={"annual_mean_wage": name, "wage_rse": f"rse_{name}"})
        if f"rse_{name}" not in out.columns:
            out[f"rse_{name}"] = None
        return out

    both = side(states_a, "a").merge(side(states_b, "b"), on="area_name")
    both = both.rename(columns={"area_name": "state"})
    both["difference"] = both["a"] - both["b"]
    both["higher"] = both["difference"].map(lambda d: "a" if d > 0 else "b" if d < 0 else "equal")
    verdicts = [
        stats.gap(
            a, b, stats.se_from_rse(a, clean(ra)), stats.se_from_rse(b, clean(rb))
        ).significant
        for a, b, ra, rb in zip(both["a"], both["b"], both["rse_a"], both["rse_b"], strict=True)
    ]
    both["significant"] = pd.array(verdicts, dtype="boolean")
    both = both.drop(columns=["rse_a", "rse_b"])
    return both.sort_values(["difference", "state"], ascending=[False, True], ignore_index=True)


def education_distributions(a: Profile, b: Profile) -> pd.DataFrame:
    """Educational attainment shares side by side (EP Table 5.3, workers 25+)."""
    dist_a = {d.level: d.share_pct for d in a.education_attainment}
    dist_b = {d.level: d.share_pct for d in b.education_attainment}
    labels, pa, pb = stats.aligned(dist_a, dist_b)
    return pd.DataFrame({"level": labels, "a": pa, "b": pb})


def education_gap(a: Profile, b: Profile) -> EducationGaps:
    """Dissimilarity of the attainment distributions and the entry requirements side by side.

    When both attainment rows are the one EP Table 5.3 row of a group, D is None
    with that reason (it would be 0 by construction, not by measurement).
    """
    dist = education_distributions(a, b)
    d = stats.dissimilarity(dist["a"].tolist(), dist["b"].tolist()) if len(dist) else None
    rows = comparability(a, b)
    reason = (
        None
        if d is not None
        else "the educational attainment distribution is missing for at least one profession"
    )
    if d is not None and rows.education_shared:
        d, reason = None, rows.education_shared
    return EducationGaps(
        education_dissimilarity=d,
        education_dissimilarity_reason=reason,
        most_common_education=EducationSides(a.most_common_education, b.most_common_education),
        typical_entry_education=TextSides(a.typical_entry_education, b.typical_entry_education),
        work_experience=TextSides(a.work_experience, b.work_experience),
        typical_ojt=TextSides(a.typical_ojt, b.typical_ojt),
        education_dissimilarity_caveat=rows.education_caveat if d is not None else None,
    )


def race_composition(p: Profile) -> dict[str, float | None] | None:
    """White, Black, Asian and 'Other races' shares (percent) of one profile.

    CPS race categories are exclusive but do not cover everyone (American
    Indian, Pacific Islander and multiracial workers are not shown), so the
    remainder to 100 is kept as 'Other races'. Hispanic or Latino is an
    ethnicity of any race and stays out of the composition.
    """
    race = p.race_pct
    if race is None or race.white is None or race.black is None or race.asian is None:
        return None
    shown = race.white + race.black + race.asian
    return {
        "White": race.white,
        "Black": race.black,
        "Asian": race.asian,
        "Other races": max(0.0, round(100 - shown, 1)),
    }


def demographic_gap(a: Profile, b: Profile) -> DemographicGaps:
    """Women share, median age and race composition gaps.

    When both sides are one Census occupation, CPS cannot tell them apart: every
    difference here is None with that reason.
    """
    comp_a, comp_b = race_composition(a), race_composition(b)
    rows = comparability(a, b)
    d = None
    d_reason = "White, Black and Asian shares are not all published for both professions"
    if comp_a and comp_b:
        _, pa, pb = stats.aligned(comp_a, comp_b)
        d = stats.dissimilarity(pa, pb)
        if rows.cps_shared:
            d, d_reason = None, rows.cps_shared
    cps = {"shared": rows.cps_shared, "caveat": rows.cps_caveat}

    def based(gap: PlainGap, base_a: float | None, base_b: float | None) -> PlainGap:
        return dataclasses.replace(
            gap, base_a=base_a, base_b=base_b, small_base=_base_note(base_a, base_b)
        )

    b11 = (a.cps_base_thousands, b.cps_base_thousands)
    shared = [
        f"{p.title}: figures describe the Census occupation '{p.census_title}', which "
        f"covers {p.socs_sharing_census_code} SOC occupations"
        for p in (a, b)
        if (p.socs_sharing_census_code or 0) > 1
    ]
    race_a, race_b = a.race_pct or RacePct(), b.race_pct or RacePct()
    return DemographicGaps(
        women_pct=based(plain_gap(a.women_pct, b.women_pct, **cps), *b11),
        median_age=based(
            plain_gap(a.median_age, b.median_age, **cps),
            a.cps_age_base_thousands,
            b.cps_age_base_thousands,
        ),
        race_pct=RaceGaps(
            **{
                g: based(plain_gap(getattr(race_a, g), getattr(race_b, g), **cps), *b11)
                for g in RACE_GROUPS
            }
        ),
        race_dissimilarity=d,
        race_dissimilarity_reason=None if d is not None else d_reason,
        women_to_men_earnings_pct=based(
            plain_gap(a.women_to_men_earnings_pct, b.women_to_men_earnings_pct, **cps),
            a.cps_earnings_base_thousands,
            b.cps_earnings_base_thousands,
        ),
        shared_census_occupation=shared,
        race_dissimilarity_caveat=rows.cps_caveat if d is not None else None,
    )


def skills_gap(
    skills_a: pd.DataFrame,
    skills_b: pd.DataFrame,
    top_n: int = 10,
    socs: tuple[str | None, str | None] = (None, None),
) -> SkillGaps:
    """Compare two O*NET skill profiles (importance ratings of the 35 skills).

    Args:
        skills_a: Rows with ``skill`` and ``importance`` for the first occupation.
        skills_b: Same for the second.
        top_n: Size of each occupation's list of most important skills used
            for "skills they share".
        socs: The two SOC codes; with both, the similarity is the one measure of
            :mod:`analysis.occupations.similarity` (the neighbour lists' value).

    Returns:
        top3 of each, the skills among both top-``top_n`` lists, and how alike the
        two skill profiles are (the standardised measure when ``socs`` are given).
    """

    def top(frame: pd.DataFrame, n: int) -> list[str]:
        return top_skills(frame, n)

    merged = skills_a[["skill", "importance"]].merge(
        skills_b[["skill", "importance"]], on="skill", suffixes=("_a", "_b")
    )
    corr = (
        stats.profile_correlation(merged["importance_a"].tolist(), merged["importance_b"].tolist())
        if len(merged) > 2
        else None
    )
    measure = "Pearson correlation of O*NET skill importance ratings (35 skills)"
    if socs[0] is not None and socs[1] is not None:
        # One similarity everywhere: the neighbour lists' standardised measure
        corr = similarity.similarity(socs[0], socs[1])
        measure = similarity.MEASURE
    top_a, top_b = top(skills_a, top_n), top(skills_b, top_n)
    reason = None
    if corr is None:
        reason = (
            "O*NET has no skill ratings for at least one of the two occupations"
            if len(merged) <= 2
            else "a skill profile is constant"
        )
    return SkillGaps(
        top3_a=top_a[:3],
        top3_b=top_b[:3],
        shared_top=[s for s in top_a if s in top_b],
        top_n=top_n,
        skill_profile_correlation=corr,
        skill_profile_correlation_reason=reason,
        measure=measure,
    )


def seed_skills_gap(a: Profile, b: Profile) -> SkillGaps:
    """The seed page's three skills of each, and those both list (it rates none)."""
    top_a, top_b = a.top_skills or [], b.top_skills or []
    return SkillGaps(
        top3_a=top_a,
        top3_b=top_b,
        shared_top=[s for s in top_a if s in top_b],
        top_n=3,
        skill_profile_correlation=None,
        skill_profile_correlation_reason="the seed page rates no skills",
        measure="the seed page lists three skills each; no ratings",
    )
