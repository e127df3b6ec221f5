"""The profile's outlook fields (issue 22): ``projection_factors`` and ``separations``.

Expected figures are the raw cells of BLS EP ``occupation.xlsx`` (2024-34):
sheet "Table 1.10" row 700 (43-4051) and sheet "Table 1.12" rows 504-508
(43-4051; TE1000 first). Chief executives (11-1011) have no Table 1.12 row.
"""

from __future__ import annotations

import json

from analysis.occupations.contract import Profile, ProjectionFactor, Separations
from analysis.occupations.profile import profile

CSR_TE1000 = (
    "Capital/labor substitution - share decreases as advances in speech and language "
    "processing allow computers to handle customer service interactions with greater frequency."
)


def test_separations_of_customer_service_representatives() -> None:
    # Table 1.10, 43-4051: exit rate 5.6, transfer rate 7.4, total 13, openings 341.7.
    assert profile("43-4051").separations == Separations(
        labor_force_exit_rate_pct=5.6,
        occupational_transfer_rate_pct=7.4,
        total_separations_rate_pct=13.0,
        annual_openings_thousands=341.7,
    )


def test_projection_factors_start_with_all_industries() -> None:
    factors = profile("43-4051").projection_factors
    assert factors is not None
    assert factors[0] == ProjectionFactor(
        industry="Total, all industries", industry_code="TE1000", text=CSR_TE1000
    )
    # Then the four industry rows, in the sheet's order.
    assert [f.industry_code for f in factors] == ["TE1000", "423400", "424300", "425000", "62210L"]


def test_occupation_without_a_factor_row_is_null_with_a_reason() -> None:
    p = profile("11-1011")  # Chief executives: no row in Table 1.12
    assert p.projection_factors is None
    reason = p.why_missing("projection_factors")
    assert reason is not None and "Table 1.12" in reason
    # Its Table 1.10 row exists: 3, 3.6, 6.6, 22.2.
    assert p.separations == Separations(3.0, 3.6, 6.6, 22.2)


def test_outlook_fields_in_the_json_and_back() -> None:
    p = profile("43-4051")
    data = json.loads(json.dumps(p.to_json(), allow_nan=False))
    assert data["separations"]["annual_openings_thousands"] == 341.7
    assert data["projection_factors"][0]["industry_code"] == "TE1000"
    assert set(data["projection_factors"][0]) == {"industry", "industry_code", "text"}
    assert Profile.from_json(data) == p
    none = profile("11-1011").to_json()
    assert none["projection_factors"] is None and "projection_factors" in none["missing"]
