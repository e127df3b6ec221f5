"""State wages adjusted for the cost of living with BEA regional price parities.

Price parities are state averages over all goods and services (U.S. = 100),
not specific to an occupation; the adjusted wage is the nominal wage divided
by RPP/100, i.e. expressed in national-average prices.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import AdjustedPlace

RPP_YEAR = int(SOURCES["bea_rpp"].vintage)
"""The price-parity year the catalog names (BEA publishes one file with many years)."""


def price_parities() -> pd.DataFrame:
    """State, rpp_all_items for :data:`RPP_YEAR` (states and DC; no territories)."""
    rpp = dataset.table("price_parities")
    rpp = rpp[(rpp["year"] == RPP_YEAR) & (rpp["state_fips"] != "00")]
    return rpp[["state", "rpp_all_items"]].reset_index(drop=True)


@lru_cache(maxsize=1)
def _parity_by_state() -> dict[str, float]:
    """:func:`price_parities` as a state -> parity map, built once per process.

    A report adjusts states five or six times (the profiles, the chart and its caption);
    filtering the parity table took ~1.2 ms each time (the data do not change while a
    process runs, as :func:`analysis.data.dataset.table` assumes).
    """
    rpp = price_parities()
    return dict(zip(rpp["state"], rpp["rpp_all_items"].astype(float), strict=True))


ADJUSTED_COLUMNS = ["area_name", "annual_mean_wage", "price_parity", "annual_mean_wage_adjusted"]
"""The columns of :func:`adjust`'s result."""


def adjust(states: pd.DataFrame) -> pd.DataFrame:
    """The states BEA publishes a price parity for, ranked by wage at national prices.

    Args:
        states: Rows with ``area_name`` and ``annual_mean_wage`` (already
            filtered by minimum employment).

    Returns:
        :data:`ADJUSTED_COLUMNS`, one row per state with a parity, highest adjusted
        wage first (ties by name; an unpublished wage last). Territories such as
        Puerto Rico have no parity and drop out.
    """
    # Plain Python over the ~50 rows: a report ranks its states several times, and a
    # merge and sort of the whole state frame cost ~3 ms each time.
    parity = _parity_by_state()
    rows = [
        (name, wage, parity[name], wage / (parity[name] / 100))
        for name, wage in zip(
            states["area_name"].tolist(), states["annual_mean_wage"].astype(float), strict=True
        )
        if name in parity
    ]
    rows.sort(key=lambda r: (math.isnan(r[3]), -r[3] if not math.isnan(r[3]) else 0.0, r[0]))
    return pd.DataFrame(rows, columns=ADJUSTED_COLUMNS)


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
