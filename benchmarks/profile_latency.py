"""How long loading a pair of profiles takes after import (target: well under 100 ms).

    python benchmarks/profile_latency.py

Measures in one process: (1) the first pair after import, which reads the
tables from data/ into the cache; (2) later pairs of occupations not seen
before, with the tables cached; and, as a baseline, (3) the naive way of
getting one occupation's wage rows, reading the whole OEWS parquet with pandas
and filtering it. Prints milliseconds and the ratio of (2) to (3).
"""

from __future__ import annotations

import json
import statistics
import time

import pandas as pd

T0 = time.perf_counter()
from analysis import config  # noqa: E402
from analysis.occupations import profile  # noqa: E402

IMPORT_MS = (time.perf_counter() - T0) * 1000

PAIRS = [
    ("43-4151", "43-4051"),
    ("29-1141", "29-2061"),
    ("15-1252", "15-1254"),
    ("47-2111", "47-2152"),
    ("41-2011", "41-2031"),
    ("23-2011", "23-1011"),
    ("13-2011", "13-2051"),
    ("53-3032", "53-3033"),
]


def ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    first = ms(lambda: [profile.profile(s) for s in PAIRS[0]])
    later = [ms(lambda p=p: [profile.profile(s) for s in p]) for p in PAIRS[1:]]
    path = config.data_dir() / "tables" / "oews_wages.parquet"
    baseline = [ms(lambda s=s: pd.read_parquet(path).query("soc == @s")) for s, _ in PAIRS[1:4]]
    result = {
        "import_ms": round(IMPORT_MS, 1),
        "first_pair_ms": round(first, 1),
        "later_pair_median_ms": round(statistics.median(later), 1),
        "later_pair_max_ms": round(max(later), 1),
        "baseline_full_read_one_occupation_ms": round(statistics.median(baseline), 1),
        "ratio_later_pair_over_baseline": round(
            statistics.median(later) / statistics.median(baseline), 3
        ),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
