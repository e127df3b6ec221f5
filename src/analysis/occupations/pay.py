"""Where an occupation pays best: states, metro areas and industries from OEWS.

Small areas and industries have noisy means, so every ranking applies a
minimum employment, stated in the reports. Three things keep the answers honest:

* "metro area" means a metropolitan statistical area; OEWS also publishes
  nonmetropolitan areas under the same area type, which are ranked separately
  (:func:`top_nonmetro_areas`), never mixed in;
* OEWS publishes a mean of $239,200 or more only as "at least $239,200"
  (footnote 5). Such a top-coded area is not a number to rank, but it is never
  dropped silently: :func:`best` lists the top-coded areas that pass the
  employment floor and says when they may, or must, outrank the winner;
* the national industry cells are 3-digit NAICS subsectors, except OEWS's own
  government grouping 999000, which is labelled an "OEWS industry group".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.oews import is_nonmetropolitan, is_oews_designation

MIN_EMPLOYMENT_STATE = 500
"""A state counts only when OEWS publishes at least this many jobs there."""

MIN_EMPLOYMENT_METRO = 200
"""A metro or nonmetropolitan area counts only when OEWS publishes at least this many jobs."""

MIN_EMPLOYMENT_INDUSTRY = 1000
"""An industry counts only when OEWS publishes at least this many jobs there."""

INDUSTRY_LEVEL = 3
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
]
"""The OEWS columns the rankings read (a frame of these is much faster to filter)."""

TOP_CODE_FOOTNOTE = "5"
"""OEWS footnote of a wage published only as a lower bound ("equal to or greater than")."""

STATE = "state"
MSA = "metropolitan statistical area"
NONMETRO = "nonmetropolitan area"
NAICS_SUBSECTOR = "NAICS subsector"
OEWS_INDUSTRY_GROUP = "OEWS industry group"


def cross_industry(wages: pd.DataFrame, area_type: str) -> pd.DataFrame:
    """Return the all-industry rows of one area type ('national', 'state', 'metro').

    'metro' is OEWS's area type, which holds both MSAs and nonmetropolitan
    areas; :func:`msa_rows` and :func:`nonmetro_rows` split it.
    """
    rows = wages[(wages["area_type"] == area_type) & (wages["industry_code"] == CROSS_INDUSTRY)]
    return rows.reset_index(drop=True)


def msa_rows(wages: pd.DataFrame) -> pd.DataFrame:
    """The all-industry rows of metropolitan statistical areas only."""
    rows = cross_industry(wages, "metro")
    return rows[~is_nonmetropolitan(rows["area_code"])].reset_index(drop=True)


def nonmetro_rows(wages: pd.DataFrame) -> pd.DataFrame:
    """The all-industry rows of OEWS nonmetropolitan areas only."""
    rows = cross_industry(wages, "metro")
    return rows[is_nonmetropolitan(rows["area_code"])].reset_index(drop=True)


def industry_rows(wages: pd.DataFrame) -> pd.DataFrame:
    """The national rows at :data:`INDUSTRY_LEVEL` (NAICS subsectors and OEWS groups)."""
    rows = wages[(wages["area_type"] == "national") & (wages["industry_level"] == INDUSTRY_LEVEL)]
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
    return OEWS_INDUSTRY_GROUP if designation else NAICS_SUBSECTOR


def _name_column(rows: pd.DataFrame) -> str:
    """Industry rows are named by industry (their area is the nation), the rest by area."""
    if "industry_code" in rows and (rows["industry_code"] != CROSS_INDUSTRY).any():
        return "industry_name"
    return "area_name" if "area_name" in rows else "industry_name"


def _plain_names(rows: pd.DataFrame) -> pd.DataFrame:
    # Categorical names would carry every area/industry of the table into plots and groupbys.
    names = [c for c in ("area_name", "industry_name") if c in rows]
    return rows.assign(**{c: rows[c].astype(str) for c in names})


def ranked(rows: pd.DataFrame, min_employment: float, n: int | None = None) -> pd.DataFrame:
    """Rank rows by annual mean wage, keeping those with enough published employment.

    Ties are broken by name so the order is deterministic. Rows without a
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
    out = ok.sort_values(["annual_mean_wage", name], ascending=[False, True], ignore_index=True)
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


@lru_cache(maxsize=1)
def top_code_threshold() -> float:
    """The annual wage OEWS top-codes at, read from its footnote 5 ($239,200 in May 2025).

    Raises:
        ValueError: The footnote no longer states an annual amount.
    """
    notes = dataset.table("oews_footnotes")
    text = notes.loc[notes["footnote_code"].astype(str) == TOP_CODE_FOOTNOTE, "footnote_text"]
    found = re.search(r"\$([\d,]+) per year", " ".join(text.astype(str)))
    if found is None:
        raise ValueError(
            f"OEWS footnote {TOP_CODE_FOOTNOTE} no longer gives a top-code amount per year: "
            f"{text.tolist()}"
        )
    return float(found.group(1).replace(",", ""))


def top_states(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """States (incl. DC and territories) ranked by annual mean wage."""
    return ranked(cross_industry(wages, "state"), MIN_EMPLOYMENT_STATE, n)


def top_metros(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """Metropolitan statistical areas (nonmetropolitan areas excluded) by annual mean wage."""
    return ranked(msa_rows(wages), MIN_EMPLOYMENT_METRO, n)


def top_nonmetro_areas(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """OEWS nonmetropolitan areas ranked by annual mean wage (a separate figure)."""
    return ranked(nonmetro_rows(wages), MIN_EMPLOYMENT_METRO, n)


def top_industries(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """National industries at :data:`INDUSTRY_LEVEL` ranked by annual mean wage."""
    return ranked(industry_rows(wages), MIN_EMPLOYMENT_INDUSTRY, n)


@dataclass(frozen=True)
class Best:
    """The best-paying place or industry, with what the ranking could not include.

    Attributes:
        name: The best-paying one; None when top-coded ones certainly pay more
            than every published mean (then the best is one of them, unknown which).
        annual_mean_wage: Its mean (None with ``name``).
        employment: Its published employment.
        kind: "state", "metropolitan statistical area", "nonmetropolitan area",
            "NAICS subsector" or "OEWS industry group".
        top_coded: Names over the employment floor whose mean OEWS publishes only
            as at least ``top_coded_at_least``.
        top_coded_at_least: The top-code amount when ``top_coded`` is not empty.
        highest_published: ``(name, mean)`` of the highest published mean when it
            is not the answer (``name`` is None).
        note: Plain-language disclosure of the top-coded ones; None without them.
    """

    name: str | None
    annual_mean_wage: float | None
    employment: float | None
    kind: str | None
    top_coded: tuple[str, ...] = ()
    top_coded_at_least: float | None = None
    highest_published: tuple[str, float] | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the profile's ``highest_paying_*`` value)."""
        return {
            "name": self.name,
            "annual_mean_wage": self.annual_mean_wage,
            "employment": self.employment,
            "kind": self.kind,
            "top_coded": list(self.top_coded),
            "top_coded_at_least": self.top_coded_at_least,
            "highest_published": (
                None
                if self.highest_published is None
                else {
                    "name": self.highest_published[0],
                    "annual_mean_wage": self.highest_published[1],
                }
            ),
            "note": self.note,
        }


def _number(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _kind_of(row: pd.Series, kind: str) -> str:
    return industry_kind(str(row["industry_code"])) if kind == "industry" else kind


def best(
    rows: pd.DataFrame, min_employment: float, kind: str, what: tuple[str, str]
) -> Best | None:
    """The best-paying row over the employment floor, disclosing top-coded rows.

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
    rows = rows[[*keep, "employment"]]
    winner = ranked(rows, min_employment, 1)
    capped = top_coded(rows, min_employment)
    top = winner.iloc[0] if len(winner) else None
    if capped.empty:
        if top is None:
            return None
        return Best(
            str(top[name_col]),
            _number(top["annual_mean_wage"]),
            _number(top["employment"]),
            _kind_of(top, kind),
        )
    at_least = top_code_threshold()
    names = tuple(capped[name_col])
    listed = ", ".join(names)
    count = f"{len(names)} {what[1] if len(names) > 1 else what[0]}"
    floor = f"{min_employment:,.0f}"
    if top is not None and float(top["annual_mean_wage"]) >= at_least:
        note = (
            f"OEWS publishes the mean wage only as 'at least ${at_least:,.0f}' (footnote "
            f"{TOP_CODE_FOOTNOTE}) for {count} with at least {floor} jobs: {listed}; "
            f"{'it' if len(names) == 1 else 'any of them'} may pay more than "
            f"{top[name_col]} (${float(top['annual_mean_wage']):,.0f})."
        )
        return Best(
            str(top[name_col]),
            _number(top["annual_mean_wage"]),
            _number(top["employment"]),
            _kind_of(top, kind),
            names,
            at_least,
            None,
            note,
        )
    published = None if top is None else (str(top[name_col]), float(top["annual_mean_wage"]))
    beaten = (
        f"; each pays more than the highest published mean ({published[0]}, ${published[1]:,.0f})"
        if published
        else ""
    )
    note = (
        f"The mean wage is at least ${at_least:,.0f} in {listed} (OEWS footnote "
        f"{TOP_CODE_FOOTNOTE}: published only as a lower bound){beaten}. Which of "
        f"{'them' if len(names) > 1 else 'the ' + what[1]} pays most is not published."
    )
    kinds = {_kind_of(r, kind) for _, r in capped.iterrows()}
    return Best(
        None,
        None,
        None,
        kinds.pop() if len(kinds) == 1 else None,
        names,
        at_least,
        published,
        note,
    )


def best_state(wages: pd.DataFrame) -> Best | None:
    """The highest-paying state over :data:`MIN_EMPLOYMENT_STATE` jobs."""
    return best(cross_industry(wages, "state"), MIN_EMPLOYMENT_STATE, STATE, ("state", "states"))


def best_metro(wages: pd.DataFrame) -> Best | None:
    """The highest-paying metropolitan statistical area over :data:`MIN_EMPLOYMENT_METRO` jobs."""
    return best(msa_rows(wages), MIN_EMPLOYMENT_METRO, MSA, (MSA, MSA + "s"))


def best_nonmetro(wages: pd.DataFrame) -> Best | None:
    """The highest-paying nonmetropolitan area over :data:`MIN_EMPLOYMENT_METRO` jobs."""
    return best(nonmetro_rows(wages), MIN_EMPLOYMENT_METRO, NONMETRO, (NONMETRO, NONMETRO + "s"))


def best_industry(wages: pd.DataFrame) -> Best | None:
    """The highest-paying industry over :data:`MIN_EMPLOYMENT_INDUSTRY` jobs, labelled by kind."""
    return best(
        industry_rows(wages), MIN_EMPLOYMENT_INDUSTRY, "industry", ("industry", "industries")
    )
