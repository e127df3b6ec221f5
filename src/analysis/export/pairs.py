"""The ``pairs`` table: every unordered pair of occupations, ``a - b``, computed over arrays.

Each of the 830 x 829 / 2 = 343,935 rows is one pair with ``soc_a < soc_b``,
and each figure follows the rule :mod:`analysis.comparison.gaps` applies to
one pair, written for whole columns with numpy (no per-pair profile or loop):

* mean wages and jobs: SE = RSE/100 x estimate (OEWS), SE of the gap
  sqrt(SE_a^2 + SE_b^2), z, the 95 % interval and significance at |z| >= 1.96;
  a published RSE of 0.0 means "below 0.05 %" and is computed as 0.05 (noted
  in ``<figure>_note``); the percent gap's interval by the log ratio,
  ln(a/b) +- 1.96 sqrt((SE_a/a)^2 + (SE_b/b)^2), back-transformed;
* medians, percentiles, growth and the CPS figures: plain differences (no
  published SE, no claim);
* the dissimilarity indexes of the education and race compositions;
* the skill similarity of :mod:`analysis.occupations.similarity`.

Where a figure is null, ``<figure>_reason`` says why, in the words ``analysis
compare`` uses; where both occupations are one published row (EP Table 5.3,
one Census occupation) the difference is null with that reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.comparison import stats
from analysis.data import dataset
from analysis.occupations import similarity, source_rows

MISSING_FIRST = "the figure is missing for the first profession"
MISSING_SECOND = "the figure is missing for the second profession"
NO_SE = "the source publishes no standard error for this figure"
ZERO_SE = "both standard errors are zero"
NO_EDUCATION = "the educational attainment distribution is missing for at least one profession"
NO_RACE = "White, Black and Asian shares are not all published for both professions"
NO_SKILLS = (
    "no complete O*NET skill profile (importance and level of the 35 skills, SOC-level "
    "O*NET occupation) for the {side} occupation"
)
ZERO_B = "the second figure is zero: no percent difference"
NO_PCT_CI = "the percent gap needs both estimates above zero and both standard errors"

RSE_FLOOR = 0.05
"""A published RSE of 0.0 is rounded: below 0.05 %; computed with 0.05 (the conservative end)."""

SE_GAPS = {
    "annual_mean_wage": ("annual_mean_wage", "annual_mean_wage_rse"),
    "hourly_mean_wage": ("hourly_mean_wage", "wage_rse"),
    "employment": ("employment", "employment_rse"),
}
"""Gaps with a standard error: column prefix -> (estimate, its RSE) in the occupations table."""

PLAIN_GAPS = (
    "annual_median_wage",
    "annual_wage_p10",
    "annual_wage_p90",
    "employment_change_pct_2024_2034",
)
"""Differences with no published SE (OEWS percentiles, EP projections)."""

CPS_GAPS = ("women_pct", "median_age", "women_to_men_earnings_pct")
"""CPS differences: none where both occupations are one Census occupation."""


@dataclass(frozen=True)
class Index:
    """The two sides of every pair: positions ``ia < ib`` into the SOC-sorted occupations."""

    ia: np.ndarray
    ib: np.ndarray

    @classmethod
    def all_pairs(cls, n: int) -> Index:
        """Every unordered pair of ``n`` occupations, in (a, b) order."""
        ia, ib = np.triu_indices(n, k=1)
        return cls(ia.astype(np.int32), ib.astype(np.int32))

    def sides(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A per-occupation array taken for the a and the b side of every pair."""
        return values[self.ia], values[self.ib]


def _reasons(choices: list[tuple[np.ndarray, str]], n: int) -> pd.Categorical:
    """The first reason whose condition holds, per pair; null where none does."""
    codes = np.full(n, -1, dtype=np.int16)
    labels: list[str] = []
    for condition, text in reversed(choices):  # earlier conditions win: written last
        if text not in labels:
            labels.append(text)
        codes[condition] = labels.index(text)
    return pd.Categorical.from_codes(codes, categories=labels) if labels else _no_reasons(n)


def _no_reasons(n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.full(n, -1, dtype=np.int8), categories=[])


def _missing(a: np.ndarray, b: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """The first/second-missing reasons of ``stats.gap`` and ``gaps.plain_gap``."""
    return [(np.isnan(a), MISSING_FIRST), (~np.isnan(a) & np.isnan(b), MISSING_SECOND)]


def _se_gap_columns(
    prefix: str, a: np.ndarray, b: np.ndarray, rse_a: np.ndarray, rse_b: np.ndarray
) -> dict[str, object]:
    """Columns of a gap with its uncertainty, as :func:`analysis.comparison.stats.gap`.

    Args:
        prefix: Column prefix (``annual_mean_wage``).
        a: Estimates of the a side of every pair (NaN = missing).
        b: Estimates of the b side.
        rse_a: Their published RSEs, percent.
        rse_b: Same for b.

    Returns:
        Column name -> array: ``_difference``, ``_difference_pct`` with its
        interval, ``_se``, ``_z``, ``_ci95_low``/``_high``, ``_significant``,
        ``_reason`` (why a figure is null) and ``_note`` (an RSE of 0.0 was
        computed as 0.05).
    """
    n = len(a)
    crit = stats.z_critical()
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = a - b
        pct = np.where(b == 0, np.nan, diff / b * 100)
        se_a = np.where(rse_a == 0, RSE_FLOOR, rse_a) / 100 * a
        se_b = np.where(rse_b == 0, RSE_FLOOR, rse_b) / 100 * b
        se = np.sqrt(se_a**2 + se_b**2)
        zero = se == 0
        z = np.where(zero, np.nan, diff / se)
        low = np.where(zero, diff, diff - crit * se)
        high = np.where(zero, diff, diff + crit * se)
        significant = np.where(zero, diff != 0, np.abs(z) >= crit)
        positive = (a > 0) & (b > 0) & ~np.isnan(se)
        log_ratio = np.log(a / b)
        log_se = np.sqrt((se_a / a) ** 2 + (se_b / b) ** 2)
        pct_low = np.where(positive, np.expm1(log_ratio - crit * log_se) * 100, np.nan)
        pct_high = np.where(positive, np.expm1(log_ratio + crit * log_se) * 100, np.nan)
    missing = _missing(a, b)
    has_both = ~np.isnan(diff)
    no_se = has_both & np.isnan(se)
    significant_col = pd.array(significant, dtype="boolean")
    significant_col[np.isnan(se)] = pd.NA
    floor_a, floor_b = has_both & (rse_a == 0), has_both & (rse_b == 0)
    note = "OEWS publishes an RSE of 0.0 (below 0.05 %) for {}: computed with 0.05 % (conservative)"
    return {
        f"{prefix}_difference": diff,
        f"{prefix}_difference_pct": np.where(has_both, pct, np.nan),
        f"{prefix}_difference_pct_ci95_low": pct_low,
        f"{prefix}_difference_pct_ci95_high": pct_high,
        f"{prefix}_se": se,
        f"{prefix}_z": z,
        f"{prefix}_ci95_low": low,
        f"{prefix}_ci95_high": high,
        f"{prefix}_significant": significant_col,
        f"{prefix}_reason": _reasons([*missing, (no_se, NO_SE), (has_both & zero, ZERO_SE)], n),
        f"{prefix}_difference_pct_reason": _reasons(
            [*missing, (has_both & (b == 0), ZERO_B), (has_both & ~positive, NO_PCT_CI)], n
        ),
        f"{prefix}_note": _reasons(
            [
                (floor_a & floor_b, note.format("both occupations")),
                (floor_a, note.format("the first occupation")),
                (floor_b, note.format("the second occupation")),
            ],
            n,
        ),
    }


def _plain_gap_columns(
    prefix: str, a: np.ndarray, b: np.ndarray, shared: pd.Categorical | None = None
) -> dict[str, object]:
    """Columns of a difference with no uncertainty, as :func:`analysis.comparison.gaps.plain_gap`.

    Args:
        prefix: Column prefix.
        a: The a side's figures (NaN = missing).
        b: The b side's.
        shared: Per pair, why both are one published row (null where they are not);
            such a pair has no difference.

    Returns:
        ``<prefix>_difference`` (rounded to 6 decimals, as the comparison does) and
        ``<prefix>_reason``.
    """
    diff = np.round(a - b, 6)
    choices = _missing(a, b)
    if shared is not None:
        is_shared = ~np.isnan(diff) & np.asarray(pd.notna(shared))
        diff = np.where(is_shared, np.nan, diff)
        return {
            f"{prefix}_difference": diff,
            f"{prefix}_reason": _combine(_reasons(choices, len(a)), shared),
        }
    return {f"{prefix}_difference": diff, f"{prefix}_reason": _reasons(choices, len(a))}


def _combine(first: pd.Categorical, then: pd.Categorical) -> pd.Categorical:
    """``first`` where it is set, else ``then`` (both categorical)."""
    labels = list(first.categories) + [c for c in then.categories if c not in first.categories]
    a = pd.Categorical(first, categories=labels).codes
    b = pd.Categorical(then, categories=labels).codes
    return pd.Categorical.from_codes(np.where(a >= 0, a, b), categories=labels)


def _dissimilarity_columns(
    prefix: str, shares: np.ndarray, pairs: Index, reason: str, shared: pd.Categorical
) -> dict[str, object]:
    """Dissimilarity index D = 1/2 sum |p - q| of every pair's compositions.

    Args:
        prefix: Column name (``education_dissimilarity``).
        shares: Occupations x categories, percent; a row with a NaN has no composition.
        pairs: The pairs.
        reason: Why D is null where a composition is missing.
        shared: Why both are one published row (then D is null too, by that reason).

    Returns:
        ``<prefix>`` and ``<prefix>_reason``.
    """
    total = shares.sum(axis=1)
    complete = ~np.isnan(shares).any(axis=1) & (total > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        props = shares / total[:, None]
    pa, pb = pairs.sides(props)
    d = 0.5 * np.abs(pa - pb).sum(axis=1)
    ok = complete[pairs.ia] & complete[pairs.ib]
    d = np.where(ok, d, np.nan)
    is_shared = ok & np.asarray(pd.notna(shared))
    missing = _reasons([(~ok, reason)], len(d))
    return {
        prefix: np.where(is_shared, np.nan, d),
        f"{prefix}_reason": _combine(missing, shared),
    }


def _ep_shared(socs: pd.Index, pairs: Index) -> pd.Categorical:
    """Why a pair has no EP Table 5.3 gap: both are one published attainment row."""
    footnoted, members = source_rows._ep_rows()
    group = np.array([members[s][0] if s in members else f"none:{s}" for s in socs])
    ga, gb = pairs.sides(group)
    shared = ga == gb
    foot = np.array([footnoted.get(s, False) for s in socs])[pairs.ia]
    table = source_rows.EP_TABLE.table
    texts = {
        True: source_rows.SharedRow("ep_attainment", f"EP {table} footnote 1").reason,
        False: source_rows.SharedRow(
            "ep_attainment", f"EP {table} identical attainment rows"
        ).reason,
    }
    return _reasons([(shared & foot, texts[True]), (shared & ~foot, texts[False])], len(ga))


def _cps_shared(census_codes: pd.Series, pairs: Index) -> pd.Categorical:
    """Why a pair has no CPS gap: both are one Census occupation."""
    codes = census_codes.astype(object).where(census_codes.notna(), None).to_numpy()
    ca, cb = pairs.sides(codes)
    shared = (ca == cb) & pd.notna(ca)
    reasons = [
        (shared & (ca == code), source_rows.SharedRow("cps", f"Census occupation {code}").reason)
        for code in sorted({c for c in ca[shared]})
    ]
    return _reasons(reasons, len(ca))


def _education_shares(socs: pd.Index) -> np.ndarray:
    edu = dataset.table("education_attainment")
    wide = edu.pivot_table(
        index="soc", columns="level_order", values="share_pct", aggfunc="first", dropna=False
    )
    return wide.reindex(socs).to_numpy(dtype=float)


def _race_shares(occupations: pd.DataFrame) -> np.ndarray:
    """White, Black, Asian and 'Other races' (the remainder), as ``gaps.race_composition``."""
    shown = occupations[["white_pct", "black_pct", "asian_pct"]].to_numpy(dtype=float)
    other = np.maximum(0.0, np.round(100 - shown.sum(axis=1), 1))
    return np.column_stack([shown, other])


def _skills(socs: pd.Index, pairs: Index) -> dict[str, object]:
    """Skill similarity of every pair, and how near a neighbour each is of the other."""
    sim = similarity.similarity_matrix()
    where = pd.Series(np.arange(len(sim.index)), index=sim.index).reindex(socs)
    has = where.notna().to_numpy()
    pos = where.fillna(0).to_numpy(dtype=np.int64)
    pa, pb = pairs.sides(pos)
    ok = has[pairs.ia] & has[pairs.ib]
    values = np.where(ok, sim.to_numpy()[pa, pb], np.nan)
    order = similarity._ranked()
    rank = np.zeros_like(sim.to_numpy(), dtype=np.int32)
    rank[np.arange(len(order))[:, None], order] = np.arange(1, order.shape[1] + 1)
    nearest = np.minimum(rank[pa, pb], rank[pb, pa])
    neighbour = pd.array(np.where(ok, nearest, 0), dtype="Int32")
    neighbour[~ok] = pd.NA
    missing = [
        (~has[pairs.ia], NO_SKILLS.format(side="first")),
        (has[pairs.ia] & ~has[pairs.ib], NO_SKILLS.format(side="second")),
    ]
    return {
        "skill_similarity": values,
        "skill_similarity_reason": _reasons(missing, len(values)),
        "neighbour_rank": neighbour,
    }


def pair_table(occupations: pd.DataFrame) -> pd.DataFrame:
    """Every unordered pair of the occupations table, with every gap and why one is null.

    Args:
        occupations: :func:`analysis.export.occupations.occupations_frame` (sorted by SOC).

    Returns:
        One row per pair (``soc_a < soc_b``), differences ``a - b``.
    """
    socs = pd.Index(occupations["soc"].astype(str))
    pairs = Index.all_pairs(len(socs))

    def col(name: str) -> np.ndarray:
        return occupations[name].to_numpy(dtype=float, na_value=np.nan)

    titles = pd.Categorical(occupations["title"].astype(str))
    columns: dict[str, object] = {
        "soc_a": pd.Categorical.from_codes(pairs.ia, categories=socs),
        "soc_b": pd.Categorical.from_codes(pairs.ib, categories=socs),
        "title_a": titles[pairs.ia],
        "title_b": titles[pairs.ib],
    }
    for prefix, (estimate, rse) in SE_GAPS.items():
        a, b = pairs.sides(col(estimate))
        ra, rb = pairs.sides(col(rse))
        columns.update(_se_gap_columns(prefix, a, b, ra, rb))
    for prefix in PLAIN_GAPS:
        columns.update(_plain_gap_columns(prefix, *pairs.sides(col(prefix))))
    cps = _cps_shared(occupations["census_code"], pairs)
    for prefix in CPS_GAPS:
        columns.update(_plain_gap_columns(prefix, *pairs.sides(col(prefix)), shared=cps))
    columns.update(
        _dissimilarity_columns(
            "education_dissimilarity",
            _education_shares(socs),
            pairs,
            NO_EDUCATION,
            _ep_shared(socs, pairs),
        )
    )
    columns.update(
        _dissimilarity_columns("race_dissimilarity", _race_shares(occupations), pairs, NO_RACE, cps)
    )
    columns.update(_skills(socs, pairs))
    columns["shared_ep_row"] = np.asarray(pd.notna(_ep_shared(socs, pairs)))
    columns["shared_census_row"] = np.asarray(pd.notna(cps))
    group = occupations["major_group"].astype(str).to_numpy()
    columns["same_major_group"] = group[pairs.ia] == group[pairs.ib]
    frame = pd.DataFrame(columns)
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            # categories no pair uses (e.g. a shared row whose figures are missing anyway)
            frame[name] = frame[name].cat.remove_unused_categories()
    return frame
