"""benchmarks/by_area_cost.py compares the report notebook with a copy lacking only the section."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat

from analysis import config

ROOT = Path(__file__).resolve().parents[2]


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "by_area_cost", ROOT / "benchmarks" / "by_area_cost.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_copy_without_the_section_lacks_its_two_cells_only(tmp_path: Path) -> None:
    bench = _benchmark()
    full = nbformat.read(config.PAIR_NOTEBOOK, as_version=4)
    short = nbformat.read(
        bench.without_section(config.PAIR_NOTEBOOK, tmp_path / "pair_report.ipynb"), as_version=4
    )
    gone = [c.source for c in full.cells if c not in short.cells]
    assert gone == [bench.HEADING, "nb.where_each_pays_more(comp)"]
    assert len(short.cells) == len(full.cells) - 2
    assert bench.pick_pairs(3)[0] == ("43-4151", "43-4051") and len(bench.pick_pairs(3)) == 3
