"""Where an occupation pays best: states, metro areas and industries from OEWS.

Small areas and industries have noisy means, so every ranking applies a
minimum employment, stated in the reports.
"""

from __future__ import annotations

import pandas as pd

MIN_EMPLOYMENT_STATE = 500
"""A state counts only when OEWS publishes at least this many jobs there."""

MIN_EMPLOYMENT_METRO = 200
"""A metro area counts only when OEWS publishes at least this many jobs there."""

MIN_EMPLOYMENT_INDUSTRY = 1000
"""An industry counts only when OEWS publishes at least this many jobs there."""

INDUSTRY_LEVEL = 3
"""OEWS industry display level used for 'best paying industry': 3-digit NAICS subsectors."""

CROSS_INDUSTRY = "000000"


def cross_industry(wages: pd.DataFrame, area_type: str) -> pd.DataFrame:
    """Return the all-industry rows of one area type ('national', 'state', 'metro')."""
    rows = wages[(wages["area_type"] == area_type) & (wages["industry_code"] == CROSS_INDUSTRY)]
    return rows.reset_index(drop=True)


def national(wages: pd.DataFrame) -> pd.Series | None:
    """Return the national, all-industry row of one occupation, or None."""
    rows = cross_industry(wages, "national")
    return rows.iloc[0] if len(rows) else None


def ranked(rows: pd.DataFrame, min_employment: float, n: int | None = None) -> pd.DataFrame:
    """Rank rows by annual mean wage, keeping those with enough published employment.

    Ties are broken by name so the order is deterministic.

    Args:
        rows: OEWS rows with ``annual_mean_wage`` and ``employment``.
        min_employment: Rows with less (or unpublished) employment are dropped.
        n: Keep the first ``n`` (all when None).

    Returns:
        The ranked rows.
    """
    name = "area_name" if "area_name" in rows else "industry_name"
    ok = rows[(rows["employment"] >= min_employment) & rows["annual_mean_wage"].notna()]
    out = ok.sort_values(["annual_mean_wage", name], ascending=[False, True], ignore_index=True)
    out = out if n is None else out.head(n)
    # Categorical names would carry every area/industry of the table into plots and groupbys.
    return out.assign(**{name: out[name].astype(str)})


def top_states(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """States (incl. DC and territories) ranked by annual mean wage."""
    return ranked(cross_industry(wages, "state"), MIN_EMPLOYMENT_STATE, n)


def top_metros(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """Metropolitan statistical areas ranked by annual mean wage."""
    return ranked(cross_industry(wages, "metro"), MIN_EMPLOYMENT_METRO, n)


def top_industries(wages: pd.DataFrame, n: int | None = 5) -> pd.DataFrame:
    """National industries at :data:`INDUSTRY_LEVEL` ranked by annual mean wage."""
    rows = wages[(wages["area_type"] == "national") & (wages["industry_level"] == INDUSTRY_LEVEL)]
    return ranked(rows, MIN_EMPLOYMENT_INDUSTRY, n)
