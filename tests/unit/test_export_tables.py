"""The exported tables hold the numbers `analysis compare` and `analysis profile` give.

The pairs table is computed over arrays; here at least 200 random pairs (and a
few chosen for their edge cases) are compared field by field with
:func:`analysis.comparison.pair.comparison`, the code behind ``analysis compare``.

Three statistics follow the shared rules (DECISIONS.md) that the comparison
stage is adopting: an OEWS RSE of 0.0 is computed as 0.05 %, job counts get an
SE (RSE/100 x estimate), and the percent gap gets a log-ratio interval; skill
similarity is the standardised measure of ``occupations/similarity.py``. Where
``compare``'s JSON already carries such a figure, the export must equal it;
where it does not yet, the export must equal the rule computed here from the
compare JSON's own inputs. So the test stays green while the rules land, and
fails on any drift after.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest

from analysis.comparison import gaps, stats
from analysis.comparison.pair import comparison
from analysis.data import dataset
from analysis.export.occupations import occupations_frame
from analysis.export.pairs import RSE_FLOOR, pair_table
from analysis.occupations import ranks, similarity
from analysis.occupations.profile import OEWS_FIELDS, profile

SEED = 23
RANDOM_OCCUPATIONS = 45
RANDOM_PAIRS = 200
EDGE_PAIRS = [
    ("43-4051", "43-4151"),  # the seed page's pair, in (a < b) order
    ("53-3032", "53-3033"),  # one Census occupation (9130): no CPS gaps
    ("11-2032", "11-2033"),  # one EP Table 5.3 row: no education D
    ("43-5051", "43-5052"),  # both publish an RSE of 0.0
    ("43-4051", "43-5051"),  # b publishes an RSE of 0.0
    ("27-2011", "43-4051"),  # Actors: hourly mean only (no annual mean)
    ("15-2051", "43-4051"),  # Data Scientists: no SOC-level O*NET skill profile
]


@pytest.fixture(scope="module")
def occupations() -> pd.DataFrame:
    return occupations_frame()


@pytest.fixture(scope="module")
def pairs(occupations: pd.DataFrame) -> pd.DataFrame:
    return pair_table(occupations).set_index(["soc_a", "soc_b"])


def _sample() -> list[tuple[str, str]]:
    """200 random pairs among 45 random occupations (profiles are per occupation), + edges."""
    socs = sorted(dataset.table("occupations")["soc"])
    rng = random.Random(SEED)
    chosen = sorted(rng.sample(socs, RANDOM_OCCUPATIONS))
    every = [(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :]]
    return sorted(rng.sample(every, RANDOM_PAIRS)) + EDGE_PAIRS


SAMPLE = _sample()


def _value(x: object) -> object:
    """NaN/NA -> None, numpy scalars -> Python, so a cell compares with a JSON value."""
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    return x.item() if hasattr(x, "item") else x


def _same(got: object, want: object, what: str) -> None:
    got, want = _value(got), _value(want)
    if isinstance(want, float) and not isinstance(want, bool) and got is not None:
        assert got == pytest.approx(want, rel=1e-12, abs=1e-9), what
    else:
        assert got == want, what


def _floor(rse: float | None) -> float | None:
    return RSE_FLOOR if rse == 0 else rse


def _rule_gap(a: float | None, b: float | None, rse_a: float | None, rse_b: float | None):
    """The DECISIONS.md gap: SE = RSE/100 x estimate, an RSE of 0.0 computed as 0.05."""
    return stats.gap(a, b, stats.se_from_rse(a, _floor(rse_a)), stats.se_from_rse(b, _floor(rse_b)))


def _rule_pct_ci(a, b, rse_a, rse_b) -> tuple[float | None, float | None]:
    """ln(A/B) +- 1.96 sqrt((SE_A/A)^2 + (SE_B/B)^2), back-transformed, in percent."""
    if None in (a, b, rse_a, rse_b) or a <= 0 or b <= 0:
        return None, None
    spread = stats.z_critical() * math.hypot(_floor(rse_a) / 100, _floor(rse_b) / 100)
    ratio = math.log(a / b)
    return math.expm1(ratio - spread) * 100, math.expm1(ratio + spread) * 100


def _check_se_gap(row: pd.Series, prefix: str, gap: dict, sides: tuple, pct_ci) -> None:
    """Every column of one gap with an SE against compare's JSON, or the rule where pending."""
    for key in ("difference", "difference_pct"):
        _same(row[f"{prefix}_{key}"], gap[key], key)
    source = gap
    if 0 in sides[2:]:
        # An RSE of 0.0: compare gives either the rule's SE (0.05 %) or, until it adopts the
        # rule, the SE of an exact 0; nothing else. The export gives the rule's.
        a, b, rse_a, rse_b = sides
        rule = _rule_gap(*sides)
        old = stats.gap(a, b, stats.se_from_rse(a, rse_a), stats.se_from_rse(b, rse_b))
        assert gap["se"] in (pytest.approx(rule.se), pytest.approx(old.se))
        assert gap["reason"] in (rule.reason, old.reason)
        source = rule.to_json()
    _same(row[f"{prefix}_reason"], source["reason"], f"{prefix}_reason")
    for key in ("se", "z", "ci95_low", "ci95_high", "significant"):
        _same(row[f"{prefix}_{key}"], source[key], f"{prefix}_{key}")
    low, high = (
        (gap["difference_pct_ci95_low"], gap["difference_pct_ci95_high"])
        if "difference_pct_ci95_low" in gap
        else pct_ci
    )
    _same(row[f"{prefix}_difference_pct_ci95_low"], low, "pct low")
    _same(row[f"{prefix}_difference_pct_ci95_high"], high, "pct high")


@pytest.mark.parametrize(("soc_a", "soc_b"), SAMPLE, ids=[f"{a}-{b}" for a, b in SAMPLE])
def test_each_sampled_pair_equals_compare_field_by_field(
    pairs: pd.DataFrame, soc_a: str, soc_b: str
) -> None:
    comp = comparison(soc_a, soc_b)
    payload = comp.to_json()
    a, b, g = payload["a"], payload["b"], payload["gaps"]
    row = pairs.loc[(soc_a, soc_b)]
    assert (row["title_a"], row["title_b"]) == (a["title"], b["title"])
    for prefix, rse in (("annual_mean_wage", "annual_mean_wage_rse"), ("hourly_mean_wage", None)):
        # as gaps.pay_gaps: the hourly mean's RSE is the wage RSE, else the annual mean's
        rse_a, rse_b = (a[rse], b[rse]) if rse else (None, None)
        if not rse:
            rse_a = a["wage_rse"] if a["wage_rse"] is not None else a["annual_mean_wage_rse"]
            rse_b = b["wage_rse"] if b["wage_rse"] is not None else b["annual_mean_wage_rse"]
        sides = (a[prefix], b[prefix], rse_a, rse_b)
        _check_se_gap(row, prefix, g["pay"][prefix], sides, _rule_pct_ci(*sides))
    jobs = g["pay"]["employment"]
    _same(row["employment_difference"], jobs["difference"], "employment difference")
    _same(row["employment_reason"], jobs["reason"], "employment reason")
    rule = _rule_gap(a["employment"], b["employment"], a["employment_rse"], b["employment_rse"])
    source = jobs if "se" in jobs else rule.to_json()
    for key in ("se", "ci95_low", "ci95_high", "significant"):
        _same(row[f"employment_{key}"], source[key], f"employment {key}")
    for name in ("annual_median_wage", "annual_wage_p10", "annual_wage_p90"):
        _same(row[f"{name}_difference"], g["pay"][name]["difference"], name)
        _same(row[f"{name}_reason"], g["pay"][name]["reason"], name)
    growth = g["pay"]["employment_change_pct_2024_2034"]
    _same(row["employment_change_pct_2024_2034_difference"], growth["difference"], "growth")
    _same(row["employment_change_pct_2024_2034_reason"], growth["reason"], "growth")
    for name in ("women_pct", "median_age", "women_to_men_earnings_pct"):
        _same(row[f"{name}_difference"], g["demographics"][name]["difference"], name)
        _same(row[f"{name}_reason"], g["demographics"][name]["reason"], name)
    for name, group in (
        ("education_dissimilarity", "education"),
        ("race_dissimilarity", "demographics"),
    ):
        _same(row[name], g[group][name], name)
        _same(row[f"{name}_reason"], g[group][f"{name}_reason"], name)
    skills = g["skills"]
    want = (
        skills["skill_profile_correlation"]
        if skills["measure"] == similarity.MEASURE
        else similarity.similarity(soc_a, soc_b)
    )
    _same(row["skill_similarity"], want, "skill similarity")
    assert pd.isna(row["skill_similarity_reason"]) == (want is not None)
    rows = gaps.comparability(comp.a, comp.b)
    assert bool(row["shared_ep_row"]) == (rows.education_shared is not None)
    assert bool(row["shared_census_row"]) == (rows.cps_shared is not None)


def test_the_sample_is_at_least_200_distinct_pairs() -> None:
    assert len(set(SAMPLE)) >= 200 and all(a < b for a, b in SAMPLE)


def test_the_edge_pairs_show_what_they_are_chosen_for(pairs: pd.DataFrame) -> None:
    cps = pairs.loc[("53-3032", "53-3033")]
    assert cps["shared_census_row"] and pd.isna(cps["women_pct_difference"])
    assert "Census occupation 9130" in cps["women_pct_reason"]
    ep = pairs.loc[("11-2032", "11-2033")]
    assert ep["shared_ep_row"] and pd.isna(ep["education_dissimilarity"])
    # OEWS May 2025, national, 43-5051 and 43-5052: wage RSE published as 0.0
    both = pairs.loc[("43-5051", "43-5052")]
    assert "both occupations" in both["annual_mean_wage_note"]
    assert both["annual_mean_wage_se"] > 0
    assert pd.isna(pairs.loc[("27-2011", "43-4051")]["annual_mean_wage_difference"])
    assert pd.isna(pairs.loc[("15-2051", "43-4051")]["skill_similarity"])


def test_every_unordered_pair_once(pairs: pd.DataFrame, occupations: pd.DataFrame) -> None:
    n = len(occupations)
    assert n == 830
    # 830 x 829 / 2 = 344,035 (the "343,935" is a slip in the arithmetic)
    assert len(pairs) == n * (n - 1) // 2 == 344_035
    a = pairs.index.get_level_values("soc_a").astype(str)
    b = pairs.index.get_level_values("soc_b").astype(str)
    assert (a < b).all()
    assert pairs.index.is_unique


REASONED = {
    "annual_mean_wage_difference": "annual_mean_wage_reason",
    "annual_mean_wage_se": "annual_mean_wage_reason",
    "hourly_mean_wage_difference": "hourly_mean_wage_reason",
    "employment_se": "employment_reason",
    "annual_median_wage_difference": "annual_median_wage_reason",
    "annual_wage_p10_difference": "annual_wage_p10_reason",
    "annual_wage_p90_difference": "annual_wage_p90_reason",
    "employment_change_pct_2024_2034_difference": "employment_change_pct_2024_2034_reason",
    "women_pct_difference": "women_pct_reason",
    "median_age_difference": "median_age_reason",
    "women_to_men_earnings_pct_difference": "women_to_men_earnings_pct_reason",
    "annual_mean_wage_difference_pct_ci95_low": "annual_mean_wage_difference_pct_reason",
    "employment_difference_pct_ci95_high": "employment_difference_pct_reason",
    "education_dissimilarity": "education_dissimilarity_reason",
    "race_dissimilarity": "race_dissimilarity_reason",
    "skill_similarity": "skill_similarity_reason",
    "neighbour_rank": "skill_similarity_reason",
}


@pytest.mark.parametrize(("column", "reason"), REASONED.items())
def test_a_figure_is_null_exactly_where_a_reason_says_why(
    pairs: pd.DataFrame, column: str, reason: str
) -> None:
    null = pairs[column].isna().to_numpy()
    assert (null == pairs[reason].notna().to_numpy()).all()


def test_nulls_are_never_zeros(pairs: pd.DataFrame) -> None:
    """A missing side gives a null, with the reason naming the side; never a 0."""
    first_missing = pairs["women_pct_reason"] == "the figure is missing for the first profession"
    assert first_missing.any()
    assert pairs.loc[first_missing, "women_pct_difference"].isna().all()


def test_neighbour_rank_1_are_the_nearest_neighbours(pairs: pd.DataFrame) -> None:
    nearest = pairs[pairs["neighbour_rank"] == 1].index
    expected = {tuple(sorted(p)) for p in similarity.similar_pairs(1)}
    assert {(str(a), str(b)) for a, b in nearest} == expected


OCCUPATION_SAMPLE = sorted(random.Random(SEED).sample(range(830), 30))


def test_occupations_equal_their_profiles(occupations: pd.DataFrame) -> None:
    for position in OCCUPATION_SAMPLE:
        row = occupations.iloc[position]
        p = profile(row["soc"])
        fields = [
            *OEWS_FIELDS,
            "annual_mean_wage_rse",
            "employment_change_pct_2024_2034",
            "employment_2024_thousands",
            "employment_2034_thousands",
            "annual_openings_thousands",
            "self_employed_pct_2024",
            "typical_entry_education",
            "work_experience",
            "typical_ojt",
            "median_age",
            "women_pct",
            "total_median_weekly",
            "men_median_weekly",
            "women_median_weekly",
            "women_to_men_earnings_pct",
            "census_code",
            "census_title",
            "onet_code",
        ]
        for name in fields:
            _same(row[name], getattr(p, name), f"{p.soc} {name}")
        race = p.race_pct
        for group in ("white", "black", "asian", "hispanic"):
            _same(row[f"{group}_pct"], None if race is None else getattr(race, group), group)
        top = p.most_common_education
        _same(row["most_common_education"], None if top is None else top.level, "education")
        _same(row["most_common_education_pct"], None if top is None else top.share_pct, "pct")
        for key in ranks.MEASURES:
            _same(row[f"{key}_rank"], ranks.standing(p.soc, key).rank, f"{p.soc} {key} rank")
        src = p.source_rows
        ep = src.education_attainment
        _same(row["ep_attainment_group_row"], None if ep is None else ep.group_row, "ep group")
        _same(row["census_group_row"], None if src.cps is None else src.cps.group_row, "cps")
        _same(row["onet_skills_code"], src.onet_skills.onet_source_code, "onet skills")


def test_the_occupations_table_is_sorted_and_complete(occupations: pd.DataFrame) -> None:
    socs = occupations["soc"].tolist()
    assert socs == sorted(set(dataset.table("occupations")["soc"]))
    # 43-4051 Customer Service Representatives, OEWS May 2025 national: $46,590 mean
    row = occupations.set_index("soc").loc["43-4051"]
    assert row["annual_mean_wage"] == 46590.0
    assert np.isnan(occupations.set_index("soc").loc["27-2011", "annual_mean_wage"])
