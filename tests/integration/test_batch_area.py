"""A batch pairs file mixing national rows and rows in an area (the ``area`` column)."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.batch.pairs import read_pairs, resolve_pairs
from analysis.batch.runner import run_batch

PAIRS = """a,b,area,label
43-4151,43-4051,,
order clerk,customer service representative,TX,
43-4151,43-4051,Austin,Clerks in Austin
43-4151,43-4051,Texas,
43-4151,43-4051,Springfield,
43-4151,15-2011,Guam,
"""
"""Rows 2-4 render (national, Texas, Austin); row 5 repeats row 3 (TX is Texas); row 6 names
an ambiguous area; row 7 a pair OEWS publishes in neither side in Guam."""


def test_the_area_column_is_read_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("a,b\n43-4151,43-4051\n", encoding="utf-8")
    pairs, bad = read_pairs(path)
    assert bad == [] and pairs[0].area == "" and "area" not in pairs[0].parameters()
    path.write_text(PAIRS, encoding="utf-8")
    pairs, bad = read_pairs(path)
    assert bad == []
    assert [p.area for p in pairs] == ["", "TX", "Austin", "Texas", "Springfield", "Guam"]
    assert [p.label for p in pairs[:3]] == [
        "43-4151 vs 43-4051",
        "order clerk vs customer service representative in TX",
        "Clerks in Austin",
    ]
    kept, refused = resolve_pairs(pairs)
    assert [p.slug for p in kept] == [
        "43-4151--vs--43-4051",
        "43-4151--vs--43-4051--in--texas",
        "43-4151--vs--43-4051--in--austin-round-rock-san-marcos-tx",
    ]
    assert kept[1].parameters() == {
        "profession_a": "order clerk",
        "profession_b": "customer service representative",
        "dataset": "public",
        "area": "4800000",
    }
    problems = {b.row: b.problem for b in refused}
    assert problems[5].startswith("repeats the pair of row 3 (43-4151 vs 43-4051 in Texas")
    assert "is ambiguous" in problems[6]
    assert problems[7].startswith("OEWS publishes neither 43-4151 Order Clerks nor 15-2011")


def test_a_batch_renders_national_and_area_rows(render_tmp_path: Path) -> None:
    path = render_tmp_path / "pairs.csv"
    path.write_text("\n".join(PAIRS.splitlines()[:3]) + "\n", encoding="utf-8")
    out = render_tmp_path / "reports"
    result = run_batch(path, out, jobs=1, progress=False)
    assert result.ok, [o.error for o in result.outcomes]
    national = json.loads((out / "43-4151--vs--43-4051.json").read_text("utf-8"))
    texas = json.loads((out / "43-4151--vs--43-4051--in--texas.json").read_text("utf-8"))
    assert "area" not in national
    assert texas["area"] == {"code": "4800000", "name": "Texas", "kind": "state"}
    # OEWS Texas cells: order clerks $46,020, customer service representatives $43,220
    gap = texas["gaps"]["pay"]["annual_mean_wage"]
    assert (gap["a"], gap["b"], gap["difference"]) == (46_020, 43_220, 2_800)
    assert national["gaps"]["pay"]["annual_mean_wage"]["difference"] == 1_630
    page = (out / "43-4151--vs--43-4051--in--texas.html").read_text("utf-8")
    assert "Order Clerks vs Customer Service Representatives in Texas" in page
    index = (out / "index.html").read_text("utf-8")
    assert "43-4151--vs--43-4051--in--texas.html" in index


def test_a_header_with_other_text_is_read_by_position_as_before(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("a,b,my notes\n43-4151,43-4051,Clerks\n", encoding="utf-8")
    (pair,), bad = read_pairs(path)
    assert bad == [] and (pair.label, pair.area) == ("Clerks", "")
    path.write_text("a,b,dataset,label\n43-4151,43-4051,public,Clerks\n", encoding="utf-8")
    (pair,), bad = read_pairs(path)
    assert (pair.label, pair.dataset) == ("Clerks", "public")  # named columns, any order
