"""Batch throughput against the naive papermill loop and against the floor.

    python benchmarks/batch_throughput.py --pairs 20        # the full measurement
    python benchmarks/batch_throughput.py --smoke           # 2 pairs, for `make test`

Measures, on the same pairs and machine, in one run:
  (a) naive: a loop calling the `papermill` command line, then
      `jupyter nbconvert --to html --no-input`, pair after pair;
  (b) batch: `python -m analysis batch --force --jobs <cores>`;
  (c) floor: the notebook's own cell execution times with the data already
      loaded (warm kernel, after one warm-up pair), summed, divided by cores;
plus a no-op rerun of unchanged pairs, peak memory per worker and kernel, and
one `analysis report` cold start. Prints a JSON document (and a table).
Numbers are ratios measured in this run; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import config
from analysis.occupations.similarity import similar_pairs

BIN = Path(sys.executable).parent


def pick_pairs(n: int) -> list[tuple[str, str]]:
    """Deterministic pairs of SOC codes: occupations with their most similar one."""
    return similar_pairs(3)[:n]


def write_pairs(path: Path, pairs: list[tuple[str, str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", "label", "dataset"])
        for a, b in pairs:
            writer.writerow([a, b, f"{a} vs {b}", "public"])
    return path


def run(
    cmd: list[str],
    quiet: bool = True,
    cwd: Path = config.PROJECT_ROOT,
    env: dict[str, str] | None = None,
) -> float:
    """Seconds one command takes (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(
        cmd,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.DEVNULL if quiet else None,
        cwd=cwd,
        env=env,
    )
    return time.perf_counter() - start


def report(result: dict, path: Path | None) -> None:
    """Print the results as JSON, and write them to ``path`` too when given."""
    text = json.dumps(result, indent=2)
    print(text)
    if path:
        path.write_text(text + "\n")


def naive_loop(pairs: list[tuple[str, str]], out: Path) -> float:
    """(a) The shell-loop way: papermill CLI then nbconvert CLI, pair after pair."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, (a, b) in enumerate(pairs):
        nb = out / f"pair{i}.ipynb"
        run(
            [
                str(BIN / "papermill"),
                str(config.PAIR_NOTEBOOK),
                str(nb),
                "-p",
                "profession_a",
                a,
                "-p",
                "profession_b",
                b,
                "-p",
                "dataset",
                "public",
                "--no-progress-bar",
            ]
        )
        run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)])
    return time.perf_counter() - start


def batch(pairs_file: Path, out: Path, jobs: int, force: bool = True) -> float:
    """(b) Our batch runner, as a user runs it (process start included)."""
    cmd = [
        sys.executable,
        "-m",
        "analysis",
        "batch",
        str(pairs_file),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    return run(cmd + (["--force"] if force else []))


def floor(pairs: list[tuple[str, str]], jobs: int) -> tuple[float, dict[str, float]]:
    """(c) Sum of in-kernel cell times with data loaded, divided by cores; per-cell profile."""
    from analysis.batch.render import Renderer

    renderer = Renderer(engine="warm")
    renderer.execute(
        {"profession_a": pairs[0][0], "profession_b": pairs[0][1], "dataset": "public"}
    )  # warm-up: imports and data loading
    total, cells = 0.0, {}
    for a, b in pairs:
        nb = renderer.execute({"profession_a": a, "profession_b": b, "dataset": "public"})
        for cell in nb.cells:
            duration = cell.metadata.get("papermill", {}).get("duration") or 0.0
            total += duration
            label = cell.source.strip().splitlines()[-1][:50] if cell.source.strip() else ""
            cells[label] = cells.get(label, 0.0) + duration
    return total / jobs, {k: round(v / len(pairs), 3) for k, v in cells.items() if v > 0}


def memory(out: Path) -> dict[str, float | None]:
    log = json.loads((out / "batch-run.json").read_text())
    worker = [o["memory_mb"].get("worker") for o in log["outcomes"] if o.get("memory_mb")]
    kernel = [o["memory_mb"].get("kernel") for o in log["outcomes"] if o.get("memory_mb")]
    return {
        "worker_peak_mb": max(filter(None, worker), default=None),
        "kernel_peak_mb": max(filter(None, kernel), default=None),
    }


def per_minute(n: int, seconds: float) -> float:
    return round(n / seconds * 60, 2) if seconds > 0 else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--noop-pairs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--smoke", action="store_true", help="2 pairs, no-op over the same 2")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    n = 2 if args.smoke else args.pairs
    noop_n = 2 if args.smoke else args.noop_pairs
    pairs = pick_pairs(max(n, noop_n))
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_path = Path(tmp)
        pairs_file = write_pairs(tmp_path / "pairs.csv", pairs[:n])
        t_naive = naive_loop(pairs[:n], tmp_path / "naive")
        t_batch = batch(pairs_file, tmp_path / "batch", args.jobs)
        mem = memory(tmp_path / "batch")
        t_floor, cells = floor(pairs[:n], args.jobs)
        noop_file = write_pairs(tmp_path / "noop.csv", pairs[:noop_n])
        batch(noop_file, tmp_path / "noop", args.jobs, force=False)  # render once
        t_noop = batch(noop_file, tmp_path / "noop", args.jobs, force=False)
        t_cold = run(
            [
                sys.executable,
                "-m",
                "analysis",
                "report",
                pairs[0][0],
                pairs[0][1],
                "-o",
                str(tmp_path / "cold"),
            ]
        )
    result = {
        "machine": {
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": sys.platform,
        },
        "pairs": n,
        "jobs": args.jobs,
        "seconds": {
            "naive": round(t_naive, 2),
            "batch": round(t_batch, 2),
            "floor": round(t_floor, 2),
            "noop_rerun": round(t_noop, 3),
            "report_cold_start": round(t_cold, 2),
        },
        "pairs_per_minute": {
            "naive": per_minute(n, t_naive),
            "batch": per_minute(n, t_batch),
            "floor": per_minute(n, t_floor),
        },
        "ratios": {
            "batch_over_naive_throughput": round(t_naive / t_batch, 2),
            "batch_time_over_floor": round(t_batch / t_floor, 2),
        },
        "noop_pairs": noop_n,
        "memory": mem,
        "mean_cell_seconds": cells,
    }
    report(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
