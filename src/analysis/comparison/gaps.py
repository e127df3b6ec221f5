"""Pure functions: the pay, education, demographic and skills gaps between two profiles.

Every difference is ``a - b``. Where the source publishes a standard error
(OEWS mean wages), the gap carries a 95 % confidence interval and a
significance verdict; elsewhere it is a plain difference with no claim.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.comparison import stats
from analysis.occupations.profile import RACE_GROUPS, Profile, clean
from analysis.occupations.skills import top_skills

WAGE_PERCENTILES = (
    ("10th percentile", "annual_wage_p10"),
    ("25th percentile", "annual_wage_p25"),
    ("Median", "annual_median_wage"),
    ("75th percentile", "annual_wage_p75"),
    ("90th percentile", "annual_wage_p90"),
)


def _plain(a: Any, b: Any) -> dict[str, Any]:
    """A difference with no uncertainty: {a, b, difference, reason}."""
    a, b = clean(a), clean(b)
    if a is None or b is None:
        side = "first" if a is None else "second"
        return {
            "a": a,
            "b": b,
            "difference": None,
            "reason": f"the figure is missing for the {side} profession",
        }
    return {"a": a, "b": b, "difference": round(a - b, 6), "reason": None}


def mean_wage_gap(a: Profile, b: Profile, key: str) -> dict[str, Any]:
    """Gap in a mean wage, with SE = RSE/100 x estimate from the OEWS wage RSE.

    Args:
        a: First profile.
        b: Second profile.
        key: ``"annual_mean_wage"`` or ``"hourly_mean_wage"`` (both use the wage RSE).

    Returns:
        The :class:`analysis.comparison.stats.Gap` fields as a dictionary.
    """
    se_a = stats.se_from_rse(a.get(key), a.get("wage_rse"))
    se_b = stats.se_from_rse(b.get(key), b.get("wage_rse"))
    return stats.gap(a.get(key), b.get(key), se_a, se_b).as_dict()


def wage_percentiles(a: Profile, b: Profile) -> pd.DataFrame:
    """Annual wage percentiles side by side (no significance: OEWS publishes no SE for them)."""
    rows = [
        {"percentile": label, "a": clean(a.get(key)), "b": clean(b.get(key))}
        for label, key in WAGE_PERCENTILES
    ]
    # float, so an all-missing side is NaN rather than an object column of None
    frame = pd.DataFrame(rows).astype({"a": float, "b": float})
    frame["difference"] = frame["a"] - frame["b"]
    return frame


def pay_gaps(a: Profile, b: Profile) -> dict[str, Any]:
    """All pay gaps: mean wages with uncertainty, medians and range without."""
    return {
        "annual_mean_wage": mean_wage_gap(a, b, "annual_mean_wage"),
        "hourly_mean_wage": mean_wage_gap(a, b, "hourly_mean_wage"),
        "annual_median_wage": _plain(a.get("annual_median_wage"), b.get("annual_median_wage")),
        "annual_wage_p10": _plain(a.get("annual_wage_p10"), b.get("annual_wage_p10")),
        "annual_wage_p90": _plain(a.get("annual_wage_p90"), b.get("annual_wage_p90")),
        "employment": _plain(a.get("employment"), b.get("employment")),
        "employment_change_pct_2024_2034": _plain(
            a.get("employment_change_pct_2024_2034"), b.get("employment_change_pct_2024_2034")
        ),
    }


def state_comparison(states_a: pd.DataFrame, states_b: pd.DataFrame) -> pd.DataFrame:
    """States where both occupations have a published mean wage, and which pays more.

    Args:
        states_a: Ranked state rows of the first occupation (``area_name``,
            ``annual_mean_wage``), already filtered by minimum employment.
        states_b: Same for the second.

    Returns:
        state, a, b, difference (a - b) and ``higher`` ("a", "b" or "equal"),
        sorted by difference, largest first.
    """
    left = states_a[["area_name", "annual_mean_wage"]].rename(columns={"annual_mean_wage": "a"})
    right = states_b[["area_name", "annual_mean_wage"]].rename(columns={"annual_mean_wage": "b"})
    both = left.merge(right, on="area_name").rename(columns={"area_name": "state"})
    both["difference"] = both["a"] - both["b"]
    both["higher"] = both["difference"].map(lambda d: "a" if d > 0 else "b" if d < 0 else "equal")
    return both.sort_values(["difference", "state"], ascending=[False, True], ignore_index=True)


def education_distributions(a: Profile, b: Profile) -> pd.DataFrame:
    """Educational attainment shares side by side (EP Table 5.3, workers 25+)."""
    dist_a = {d["level"]: d["share_pct"] for d in a.get("education_attainment") or []}
    dist_b = {d["level"]: d["share_pct"] for d in b.get("education_attainment") or []}
    labels, pa, pb = stats.aligned(dist_a, dist_b)
    return pd.DataFrame({"level": labels, "a": pa, "b": pb})


def education_gap(a: Profile, b: Profile) -> dict[str, Any]:
    """Dissimilarity of the attainment distributions and the entry requirements side by side."""
    dist = education_distributions(a, b)
    d = stats.dissimilarity(dist["a"].tolist(), dist["b"].tolist()) if len(dist) else None
    return {
        "education_dissimilarity": d,
        "education_dissimilarity_reason": None
        if d is not None
        else "the educational attainment distribution is missing for at least one profession",
        "most_common_education": {
            "a": a.get("most_common_education"),
            "b": b.get("most_common_education"),
        },
        "typical_entry_education": {
            "a": a.get("typical_entry_education"),
            "b": b.get("typical_entry_education"),
        },
        "work_experience": {"a": a.get("work_experience"), "b": b.get("work_experience")},
        "typical_ojt": {"a": a.get("typical_ojt"), "b": b.get("typical_ojt")},
    }


def race_composition(p: Profile) -> dict[str, float | None] | None:
    """White, Black, Asian and 'Other races' shares (percent) of one profile.

    CPS race categories are exclusive but do not cover everyone (American
    Indian, Pacific Islander and multiracial workers are not shown), so the
    remainder to 100 is kept as 'Other races'. Hispanic or Latino is an
    ethnicity of any race and stays out of the composition.
    """
    race = p.get("race_pct")
    if not race or any(race.get(g) is None for g in ("white", "black", "asian")):
        return None
    shown = race["white"] + race["black"] + race["asian"]
    return {
        "White": race["white"],
        "Black": race["black"],
        "Asian": race["asian"],
        "Other races": max(0.0, round(100 - shown, 1)),
    }


def demographic_gap(a: Profile, b: Profile) -> dict[str, Any]:
    """Women share, median age and race composition gaps."""
    comp_a, comp_b = race_composition(a), race_composition(b)
    d = None
    if comp_a and comp_b:
        _, pa, pb = stats.aligned(comp_a, comp_b)
        d = stats.dissimilarity(pa, pb)
    shared = [
        f"{p['title']}: figures describe the Census occupation '{p['census_title']}', which "
        f"covers {p['socs_sharing_census_code']} SOC occupations"
        for p in (a, b)
        if (p.get("socs_sharing_census_code") or 0) > 1
    ]
    return {
        "women_pct": _plain(a.get("women_pct"), b.get("women_pct")),
        "median_age": _plain(a.get("median_age"), b.get("median_age")),
        "race_pct": {
            g: _plain((a.get("race_pct") or {}).get(g), (b.get("race_pct") or {}).get(g))
            for g in RACE_GROUPS
        },
        "race_dissimilarity": d,
        "race_dissimilarity_reason": None
        if d is not None
        else "White, Black and Asian shares are not all published for both professions",
        "women_to_men_earnings_pct": _plain(
            a.get("women_to_men_earnings_pct"), b.get("women_to_men_earnings_pct")
        ),
        "shared_census_occupation": shared,
    }


def skills_gap(skills_a: pd.DataFrame, skills_b: pd.DataFrame, top_n: int = 10) -> dict[str, Any]:
    """Compare two O*NET skill profiles (importance ratings of the 35 skills).

    Args:
        skills_a: Rows with ``skill`` and ``importance`` for the first occupation.
        skills_b: Same for the second.
        top_n: Size of each occupation's list of most important skills used
            for "skills they share".

    Returns:
        top3 of each, the skills among both top-``top_n`` lists, and the Pearson
        correlation of the two importance profiles.
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
    top_a, top_b = top(skills_a, top_n), top(skills_b, top_n)
    reason = None
    if corr is None:
        reason = (
            "O*NET has no skill ratings for at least one of the two occupations"
            if len(merged) <= 2
            else "a skill profile is constant"
        )
    return {
        "skill_profile_correlation_reason": reason,
        "top3_a": top_a[:3],
        "top3_b": top_b[:3],
        "shared_top": [s for s in top_a if s in top_b],
        "top_n": top_n,
        "skill_profile_correlation": corr,
        "measure": "Pearson correlation of O*NET skill importance ratings (35 skills)",
    }
