"""Where an occupation pays best: states, metro areas and industries from OEWS.

Small areas and industries have noisy means, so every ranking applies a
minimum employment, stated in the reports. Three things keep the answers honest:

* "metro area" means a metropolitan statistical area; OEWS also publishes
  nonmetropolitan areas under the same area type, which are ranked separately
  (:func:`_top_nonmetro_areas`), never mixed in;
* OEWS does not publish a top-coded mean (footnote 5). Its "equal to or greater
  than" amount bounds nothing (the same release publishes means far above it),
  so a top-coded area is left out of the ranking with no dollar bound, never
  silently: :func:`best` names those over the employment floor and counts them;
* a winner within sampling error of others is not a clear winner: :func:`best`
  lists them as ``tied_with``;
* the national industry cells are 3-digit NAICS subsectors, except OEWS's own
  government grouping 999000, which is labelled an "OEWS industry group".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.oews import is_nonmetropolitan, is_oews_designation
from analysis.occupations.ranking import highest_first
from analysis.occupations.sampling import RSE_BELOW_PUBLISHED_PCT, z_critical

MIN_EMPLOYMENT_STATE = 500
"""A state counts only when OEWS publishes at least this many jobs there."""

MIN_EMPLOYMENT_METRO = 200
"""A metro or nonmetropolitan area counts only when OEWS publishes at least this many jobs."""

MIN_EMPLOYMENT_INDUSTRY = 1000
"""An industry counts only when OEWS publishes at least this many jobs there."""

_INDUSTRY_LEVEL = 3
"""OEWS industry display level used for 'best paying industry': 3-digit NAICS subsectors."""

CROSS_INDUSTRY = "000000"

RANKING_COLUMNS = [
    "area_type",
    "area_code",
    "area_name",
    "industry_code",
    "industry_name",
    "industry_level",
    "employment",
    "annual_mean_wage",
    "annual_mean_wage_footnote",
    "wage_rse",
]
"""The OEWS columns the rankings read (a frame of these is much faster to filter)."""

TOP_CODE_FOOTNOTE = "5"
"""OEWS footnote of a wage published only as a lower bound ("equal to or greater than")."""

STATE = "state"
MSA = "metropolitan statistical area"
NONMETRO = "nonmetropolitan area"
_NAICS_SUBSECTOR = "NAICS subsector"
_OEWS_INDUSTRY_GROUP = "OEWS industry group"


def cross_industry(wages: pd.DataFrame, area_type: str) -> pd.DataFrame:
    """Return the all-industry rows of one area type ('national', 'state', 'metro').

    'metro' is OEWS's area type, which holds both MSAs and nonmetropolitan
    areas; :func:`_msa_rows` and :func:`_nonmetro_rows` split it.
    """
    rows = wages[(wages["area_type"] == area_type) & (wages["industry_code"] == CROSS_INDUSTRY)]
    return rows.reset_index(drop=True)


def _msa_rows(wages: pd.DataFrame) -> pd.DataFrame:
    """The all-industry rows of metropolitan statistical areas only."""
    rows = cross_industry(wages, "metro")
    return rows[~is_nonmetropolitan(rows["area_code"])].reset_index(drop=True)


def _nonmetro_rows(wages: pd.DataFrame) -> pd.DataFrame:
    """The all-industry rows of OEWS nonmetropolitan areas only."""
    rows = cross_industry(wages, "metro")
    return rows[is_nonmetropolitan(rows["area_code"])].reset_index(drop=True)


def _industry_rows(wages: pd.DataFrame) -> pd.DataFrame:
    """The national rows at :data:`_INDUSTRY_LEVEL` (NAICS subsectors and OEWS groups)."""
    rows = wages[(wages["area_type"] == "national") & (wages["industry_level"] == _INDUSTRY_LEVEL)]
    return rows.reset_index(drop=True)


@lru_cache(maxsize=1)
def national_rows() -> pd.DataFrame:
    """OEWS's national all-industry rows of every SOC level (detailed, groups, total).

    Filtered from the whole OEWS table once per process; treat it as read-only.
    """
    return cross_industry(dataset.table("oews_wages"), "national")


def national(wages: pd.DataFrame) -> pd.Series | None:
    """Return the national, all-industry row of one occupation, or None."""
    rows = cross_industry(wages, "national")
    return rows.iloc[0] if len(rows) else None


def industry_kind(code: str) -> str:
    """Label an industry code: NAICS subsector, or OEWS industry group (999000)."""
    designation = bool(is_oews_designation(pd.Series([code])).iloc[0])
    return _OEWS_INDUSTRY_GROUP if designation else _NAICS_SUBSECTOR


def _name_column(rows: pd.DataFrame) -> str:
    """Industry rows are named by industry (their area is the nation), the rest by area."""
    if "industry_code" in rows and (rows["industry_code"] != CROSS_INDUSTRY).any():
        return "industry_name"
    return "area_name" if "area_name" in rows else "industry_name"


def _plain_names(rows: pd.DataFrame) -> pd.DataFrame:
    # Categorical names would carry every area/industry of the table into plots and groupbys.
    names = [c for c in ("area_name", "industry_name") if c in rows]
    return rows.assign(**{c: rows[c].astype(str) for c in names})


def _ranked(rows: pd.DataFrame, min_employment: float, n: int | None = None) -> pd.DataFrame:
    """Rank rows by annual mean wage, keeping those with enough published employment.

    In :func:`~analysis.occupations.ranking.highest_first` order (ties by name, so
    the order is the same on every run). Rows without a
    published mean (top-coded or not released) cannot be ranked; see
    :func:`top_coded` for the ones that must be disclosed.

    Args:
        rows: OEWS rows with ``annual_mean_wage`` and ``employment``.
        min_employment: Rows with less (or unpublished) employment are dropped.
        n: Keep the first ``n`` (all when None).

    Returns:
        The ranked rows.
    """
    name = _name_column(rows)
    ok = rows[(rows["employment"] >= min_employment) & rows["annual_mean_wage"].notna()]
    out = highest_first(ok, "annual_mean_wage", name).reset_index(drop=True)
    return _plain_names(out if n is None else out.head(n))


def top_coded(rows: pd.DataFrame, min_employment: float) -> pd.DataFrame:
    """Rows over the employment floor whose annual mean OEWS gives only as a lower bound.

    Args:
        rows: OEWS rows with ``annual_mean_wage``, its footnote and ``employment``.
        min_employment: The same floor as the ranking's.

    Returns:
        The top-coded rows, sorted by name.
    """
    name = _name_column(rows)
    flagged = rows["annual_mean_wage_footnote"].astype("string") == TOP_CODE_FOOTNOTE
    hit = rows[flagged & rows["annual_mean_wage"].isna() & (rows["employment"] >= min_employment)]
    return _plain_names(hit.sort_values(name, ignore_index=True))


def top_states(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """States (incl. DC and territories) ranked by annual mean wage."""
    return _ranked(cross_industry(wages, "state"), MIN_EMPLOYMENT_STATE, n)


def top_metros(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """Metropolitan statistical areas (nonmetropolitan areas excluded) by annual mean wage."""
    return _ranked(_msa_rows(wages), MIN_EMPLOYMENT_METRO, n)


def _top_nonmetro_areas(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """OEWS nonmetropolitan areas ranked by annual mean wage (a separate figure)."""
    return _ranked(_nonmetro_rows(wages), MIN_EMPLOYMENT_METRO, n)


def top_industries(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """National industries at :data:`_INDUSTRY_LEVEL` ranked by annual mean wage."""
    return _ranked(_industry_rows(wages), MIN_EMPLOYMENT_INDUSTRY, n)


@dataclass(frozen=True)
class Best:
    """The best-paying place or industry, its ties, and what the ranking left out.

    Attributes:
        name: The one with the highest published mean; None when no row has one.
        annual_mean_wage: Its mean (None with ``name``).
        employment: Its published employment.
        kind: "state", "metropolitan statistical area", "nonmetropolitan area",
            "NAICS subsector" or "OEWS industry group".
        top_coded: Names over the employment floor whose mean OEWS does not
            publish (top-coded, footnote 5); left out of the ranking.
        tied_with: ``(name, mean)`` of the places whose mean is not significantly
            below the winner's (z < 1.96 with SE = RSE/100 x mean); empty when
            the winner leads clearly.
        note: Plain-language disclosure of the top-coded ones; None without them.
    """

    name: str | None
    annual_mean_wage: float | None
    employment: float | None
    kind: str | None
    top_coded: tuple[str, ...] = ()
    tied_with: tuple[tuple[str, float], ...] = ()
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the profile's ``highest_paying_*`` value)."""
        return {
            "name": self.name,
            "annual_mean_wage": self.annual_mean_wage,
            "employment": self.employment,
            "kind": self.kind,
            "top_coded": list(self.top_coded),
            "tied_with": [{"name": n, "annual_mean_wage": w} for n, w in self.tied_with],
            "note": self.note,
        }


def _number(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _kind_of(row: pd.Series, kind: str) -> str:
    return industry_kind(str(row["industry_code"])) if kind == "industry" else kind


def _tied_with_winner(ranked_rows: pd.DataFrame, name_col: str) -> list[tuple[str, float]]:
    """Places whose mean is not significantly below the first row's (the winner's).

    P is tied with the winner W when (W - P) / sqrt(SE_W^2 + SE_P^2) < 1.96, SE =
    RSE/100 x mean (a published RSE of 0.0 computed as 0.05 %). A place without a
    published RSE cannot be shown to be lower, so it counts as tied.

    Args:
        ranked_rows: Rows from :func:`_ranked`, winner first, with ``wage_rse``.
        name_col: The column naming a row.

    Returns:
        ``(name, mean)`` of each tied place, in ranking order.
    """
    if len(ranked_rows) < 2 or "wage_rse" not in ranked_rows:
        return []
    means = ranked_rows["annual_mean_wage"].astype(float).to_numpy()
    rse = ranked_rows["wage_rse"].astype(float)
    rse = rse.where(rse != 0, RSE_BELOW_PUBLISHED_PCT).to_numpy()
    se = rse / 100 * means
    diff = means[0] - means[1:]
    spread = (se[0] ** 2 + se[1:] ** 2) ** 0.5
    z = diff / spread
    tied = ~(z >= z_critical())  # NaN (no RSE) counts as tied: it cannot be shown lower
    names = ranked_rows[name_col].astype(str).to_numpy()[1:]
    return [(str(n), float(m)) for n, m, t in zip(names, means[1:], tied, strict=True) if t]


def best(
    rows: pd.DataFrame, min_employment: float, kind: str, what: tuple[str, str]
) -> Best | None:
    """The highest published mean over the employment floor, its ties and the top-coded rows.

    OEWS footnote 5 calls a top-coded mean "equal to or greater than" an amount,
    but the same release publishes means far above it, so the amount bounds
    nothing: a top-coded row is "not published", left out of the ranking, and
    the note says how many were left out.

    Args:
        rows: Candidate OEWS rows (one area type, or the industries).
        min_employment: The ranking's employment floor.
        kind: Label of what a row is ("state", ...), or "industry" to label each
            industry by its code (:func:`industry_kind`).
        what: What a row is, singular and plural, for the note ("state", "states").

    Returns:
        The answer, or None when no row passes the floor with a published or
        top-coded mean.
    """
    name_col = _name_column(rows)
    # Only these columns are read; filtering all 45 columns of an OEWS frame is the slow part.
    keep = ["industry_code", name_col, "annual_mean_wage", "annual_mean_wage_footnote"]
    keep += ["wage_rse"] if "wage_rse" in rows else []
    rows = rows[[*keep, "employment"]]
    order = _ranked(rows, min_employment)
    capped = top_coded(rows, min_employment)
    top = order.iloc[0] if len(order) else None
    if top is None and capped.empty:
        return None
    note = None
    names = tuple(capped[name_col])
    if names:
        count = f"{len(names)} {what[1] if len(names) > 1 else what[0]}"
        note = (
            f"{count} with at least {min_employment:,.0f} jobs left out of the ranking: the "
            f"mean wage is not published (top-coded, OEWS footnote {TOP_CODE_FOOTNOTE}) for "
            f"{', '.join(names)}."
        )
    if top is None:
        kinds = {_kind_of(r, kind) for _, r in capped.iterrows()}
        return Best(None, None, None, kinds.pop() if len(kinds) == 1 else None, names, (), note)
    return Best(
        str(top[name_col]),
        _number(top["annual_mean_wage"]),
        _number(top["employment"]),
        _kind_of(top, kind),
        names,
        tuple(_tied_with_winner(order, name_col)),
        note,
    )


def best_state(wages: pd.DataFrame) -> Best | None:
    """The highest-paying state over :data:`MIN_EMPLOYMENT_STATE` jobs."""
    return best(cross_industry(wages, "state"), MIN_EMPLOYMENT_STATE, STATE, ("state", "states"))


def best_metro(wages: pd.DataFrame) -> Best | None:
    """The highest-paying metropolitan statistical area over :data:`MIN_EMPLOYMENT_METRO` jobs."""
    return best(_msa_rows(wages), MIN_EMPLOYMENT_METRO, MSA, (MSA, MSA + "s"))


def best_nonmetro(wages: pd.DataFrame) -> Best | None:
    """The highest-paying nonmetropolitan area over :data:`MIN_EMPLOYMENT_METRO` jobs."""
    return best(_nonmetro_rows(wages), MIN_EMPLOYMENT_METRO, NONMETRO, (NONMETRO, NONMETRO + "s"))


def best_industry(wages: pd.DataFrame) -> Best | None:
    """The highest-paying industry over :data:`MIN_EMPLOYMENT_INDUSTRY` jobs, labelled by kind."""
    return best(
        _industry_rows(wages), MIN_EMPLOYMENT_INDUSTRY, "industry", ("industry", "industries")
    )
