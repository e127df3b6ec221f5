"""`analysis export` against one cold `analysis compare`: time ratio and peak memory.

Each command runs as its own process (a cold start: imports, data loading), the
way a researcher runs it. The export runs with --force into a temporary folder,
so it computes and writes both tables every time; the no-op rerun is timed too.
Peak memory is the child's maximum resident set size (os.wait4's rusage).

    python benchmarks/export.py [--repeat 3] [--format parquet]

Targets (issue 23): export <= 20x one cold compare; peak memory <= 2 GB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAIR = ("43-4151", "43-4051")


def run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one `python -m analysis ...` process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"analysis {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="parquet", choices=["parquet", "csv"])
    args = parser.parse_args()
    load_before = os.getloadavg()
    compares = [run(["compare", *PAIR, "--format", "json"]) for _ in range(args.repeat)]
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "tables")
        exports = [
            run(["export", "-o", out, "--format", args.format, "--force"])
            for _ in range(args.repeat)
        ]
        noop = run(["export", "-o", out, "--format", args.format])
        sizes = {p.name: p.stat().st_size for p in Path(out).iterdir()}
    load_after = os.getloadavg()
    compare_s = statistics.median(s for s, _ in compares)
    export_s = statistics.median(s for s, _ in exports)
    peak = max(mb for _, mb in exports)
    cores, load = os.cpu_count(), f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    print(f"cores: {cores}, load average (1 min): {load}")
    each = [round(s, 2) for s, _ in compares]
    print(f"cold compare {' '.join(PAIR)}: median {compare_s:.2f} s of {each}")
    each = [round(s, 2) for s, _ in exports]
    print(f"export --format {args.format}: median {export_s:.2f} s of {each}")
    print(f"ratio export / compare: {export_s / compare_s:.1f}x (target <= 20x)")
    print(f"peak memory of the export: {peak:.0f} MB (target <= 2048 MB)")
    print(f"no-op rerun: {noop[0]:.2f} s")
    for name, size in sorted(sizes.items()):
        print(f"  {name}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
