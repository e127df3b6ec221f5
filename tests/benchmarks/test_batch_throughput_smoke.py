"""`make test` runs the benchmark only in smoke mode: it must produce its numbers (no timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_smoke_produces_every_number(render_tmp_path):
    out = render_tmp_path / "bench.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "batch_throughput.py"),
            "--smoke",
            "--json",
            str(out),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=900,
    )
    result = json.loads(out.read_text())
    assert result["pairs"] == 2
    for key in ("naive", "batch", "floor", "noop_rerun", "report_cold_start"):
        assert result["seconds"][key] > 0
    for key in ("batch_over_naive_throughput", "batch_time_over_floor"):
        assert result["ratios"][key] > 0
    assert result["memory"]["worker_peak_mb"] > 0
    assert result["memory"]["kernel_peak_mb"] > 0
    assert "nb.title(comp)" in result["mean_cell_seconds"]
