"""State wages adjusted for the cost of living with BEA regional price parities.

Price parities are state averages over all goods and services (U.S. = 100),
not specific to an occupation; the adjusted wage is the nominal wage divided
by RPP/100, i.e. expressed in national-average prices.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import dataset
from analysis.occupations.contract import AdjustedPlace

RPP_YEAR = 2023


def price_parities() -> pd.DataFrame:
    """State, rpp_all_items for :data:`RPP_YEAR` (states and DC; no territories)."""
    rpp = dataset.table("price_parities")
    rpp = rpp[(rpp["year"] == RPP_YEAR) & (rpp["state_fips"] != "00")]
    return rpp[["state", "rpp_all_items"]].reset_index(drop=True)


def adjust(states: pd.DataFrame) -> pd.DataFrame:
    """Add ``price_parity`` and ``annual_mean_wage_adjusted`` to ranked state rows.

    Args:
        states: Rows with ``area_name`` and ``annual_mean_wage`` (already
            filtered by minimum employment).

    Returns:
        The states BEA publishes a parity for, ranked by adjusted wage
        (territories such as Puerto Rico have none and drop out).
    """
    merged = states.merge(price_parities(), left_on="area_name", right_on="state", how="inner")
    merged["price_parity"] = merged["rpp_all_items"]
    merged["annual_mean_wage_adjusted"] = merged["annual_mean_wage"] / (
        merged["price_parity"] / 100
    )
    return merged.sort_values(
        ["annual_mean_wage_adjusted", "area_name"], ascending=[False, True], ignore_index=True
    )


def best_adjusted(states: pd.DataFrame) -> AdjustedPlace | None:
    """The highest paying state after adjustment, or None when no state qualifies."""
    ranked = adjust(states)
    if ranked.empty:
        return None
    top = ranked.iloc[0]
    return AdjustedPlace(
        name=str(top["area_name"]),
        annual_mean_wage=float(top["annual_mean_wage"]),
        annual_mean_wage_adjusted=round(float(top["annual_mean_wage_adjusted"]), 0),
        price_parity=float(top["price_parity"]),
        price_parity_year=RPP_YEAR,
    )
