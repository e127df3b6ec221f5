"""The report's charts drawn straight to SVG: ticks, text widths, and what each chart shows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from analysis.presentation import svg_charts as sc

NAMES = ("Registered Nurses", "Licensed Practical and Licensed Vocational Nurses")
SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    assert "nan" not in svg.lower() and "inf" not in svg.lower()
    return root


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _lines_text(root: ET.Element) -> list[str]:
    return [span.text or "" for span in root.iter(f"{SVG}tspan")]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        # range 100 / 5 bins = 20 -> step 20
        (0, 100, [0, 20, 40, 60, 80, 100]),
        # range 147,000 / 5 = 29,400 -> the next nice step is 50,000
        (0, 147_000, [0, 50_000, 100_000]),
        # range 8 / 5 = 1.6 -> 2; ticks inside [41, 49]
        (41, 49, [42, 44, 46, 48]),
        # range 0.9 / 5 = 0.18 -> 0.2
        (0.05, 0.95, [0.2, 0.4, 0.6, 0.8]),
        # range 62.5 / 5 = 12.5 -> 2 x 10 = 20 (the first of 1, 2, 2.5, 5 x 10 >= 12.5)
        (0, 62.5, [0, 20, 40, 60]),
        # range 11 / 5 = 2.2 -> 2.5
        (0, 11, [0, 2.5, 5, 7.5, 10]),
    ],
)
def test_nice_ticks_by_hand(low, high, expected):
    assert sc.nice_ticks(low, high) == pytest.approx(expected)


def test_nice_ticks_of_an_empty_range():
    assert sc.nice_ticks(5, 5) == [5]
    assert sc.nice_ticks(float("nan"), 1) == []


def test_text_width_uses_dejavu_sans_advances():
    # DejaVu Sans advance widths: "M" 0.863 em, "i" 0.278 em, " " 0.318 em.
    assert sc.text_width("M", 10) == pytest.approx(8.63, abs=0.01)
    assert sc.text_width("i i", 10) == pytest.approx(2.78 * 2 + 3.18, abs=0.02)


def test_tick_labels():
    assert sc.dollars(45000) == "$45,000"
    assert sc.kdollars(45000) == "$45k"
    assert sc.plain(2.5) == "2.5" and sc.plain(20.0) == "20"


def test_wage_percentiles_shows_every_value_and_breaks_the_line_at_a_gap():
    rows = [
        ("10th percentile", 69000.0, 48000.0),
        ("25th percentile", 80000.0, None),  # B's 25th not published
        ("Median", 97000.0, 64000.0),
        ("75th percentile", 112000.0, 76000.0),
        ("90th percentile", 137000.0, 83000.0),
    ]
    root = _parse(sc.wage_percentiles(rows, NAMES, "OEWS May 2025"))
    texts = _lines_text(root)
    assert {"10th", "25th", "Median", "75th", "90th"} <= set(texts)
    assert "Registered Nurses" in texts and "Wage percentile (OEWS May 2025)" in texts
    lines = list(root.iter(f"{SVG}polyline"))
    # A: one line through 5 points; B: 1 lonely point (not drawn as a line), then 3.
    assert [len(p.get("points").split()) for p in lines] == [5, 3]
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == 5 + 1  # A's five markers + A's legend marker


def test_an_empty_chart_says_why_and_has_no_legend():
    rows = [("10th percentile", None, None), ("Median", None, None)]
    root = _parse(sc.wage_percentiles(rows, NAMES, "OEWS May 2025"))
    assert "No wage percentiles published" in _lines_text(root)
    assert "Registered Nurses" not in _lines_text(root)


def test_grouped_bars_scale_to_their_values():
    rows = [("Women", 80.0, 40.0), ("White", None, 20.0)]
    root = _parse(sc.demographics(rows, NAMES))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("stroke") == "#ffffff"]
    widths = [float(r.get("width")) for r in bars if float(r.get("height")) < 100]
    # Three bars (A's White is missing, not zero): 80, 40 and 20 on one linear scale.
    assert len(widths) == 3
    # (coordinates are written to 0.01 pt)
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.03)
    assert widths[1] == pytest.approx(2 * widths[2], abs=0.03)
    fills = [r.get("fill") for r in bars]
    assert fills.count(sc.COLOR_A) == 1 and fills.count("url(#hatch-demographics)") == 2


def test_state_panels_name_every_state_and_both_occupations():
    panels = (
        [("California", 148000.0), ("Hawaii", 129000.0)],
        [("Washington", 82000.0)],
    )
    texts = _lines_text(_parse(sc.top_states(panels, NAMES)))
    for label in ("California", "Hawaii", "Washington", "Registered Nurses", "State"):
        assert label in texts
    assert "$100k" in texts


def test_cost_adjusted_draws_both_points_per_state():
    panels = ([("California", 148000.0, 131000.0)], [])
    root = _parse(sc.cost_adjusted(panels, NAMES))
    circles = list(root.iter(f"{SVG}circle"))
    # hollow (as paid) + filled (at national prices) + the two legend markers
    assert len(circles) == 4
    assert "No state wages with price parities" in _lines_text(root)


def test_long_labels_widen_the_picture_instead_of_being_cut():
    long = ("An occupation title long enough to run past the right edge of the chart", "B")
    svg = sc.gender_earnings([(1000.0, 900.0, 90.0), (None, None, None)], long)
    width = float(re.search(r'width="([\d.]+)pt"', svg).group(1))
    assert width >= sc.WIDTH
    assert "B (not published)" in _lines_text(_parse(svg))
