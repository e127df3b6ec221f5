"""The outlook of one occupation: BLS's reasons for its projected change and why openings arise.

Both come from the EP ``occupation.xlsx`` workbook through the build: Table
1.12 (``projection_factors``: the factors affecting occupational utilization,
by industry, the all-industries row TE1000 first) and Table 1.10
(``separations``: labor force exit, occupational transfer and total separation
rates, and annual openings).
"""

from __future__ import annotations

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import ProjectionFactor, Separations, clean

FACTORS_TABLE = "Table 1.12"
SEPARATIONS_TABLE = "Table 1.10"


def factors_reason() -> str:
    """Why an occupation has no factor: BLS lists factors for a minority of occupations."""
    return (
        f"{SOURCES['ep'].label} {FACTORS_TABLE} (factors affecting occupational utilization) "
        "gives no factor for this occupation (BLS names factors for some occupations only)"
    )


def separations_reason() -> str:
    """Why an occupation has no separations row."""
    return f"not a line item of {SOURCES['ep'].label} {SEPARATIONS_TABLE}"


def projection_factors(soc: str) -> list[ProjectionFactor] | None:
    """BLS's factors for ``soc``: the all-industries one (TE1000) first, then by industry.

    Args:
        soc: A 2018 SOC code.

    Returns:
        The factors in BLS's order (the build puts TE1000 first), or None when
        Table 1.12 has no row for the occupation.
    """
    rows = dataset.soc_rows("projection_factors", soc).sort_values("order", kind="stable")
    if rows.empty:
        return None
    return [
        ProjectionFactor(industry=r.industry, industry_code=r.industry_code, text=r.text)
        for r in rows.itertuples()
    ]


def separations(soc: str) -> Separations | None:
    """Separation rates and annual openings of ``soc`` (Table 1.10), None without a row."""
    rows = dataset.soc_rows("separations", soc)
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Separations(
        labor_force_exit_rate_pct=clean(row["labor_force_exit_rate_pct"]),
        occupational_transfer_rate_pct=clean(row["occupational_transfer_rate_pct"]),
        total_separations_rate_pct=clean(row["total_separations_rate_pct"]),
        annual_openings_thousands=clean(row["annual_openings"]),
    )
