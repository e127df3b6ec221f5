"""Atlas throughput against `batch` at commit f064324 on the same pairs, in one run.

    python benchmarks/atlas_throughput.py --pairs 40            # the measurement
    python benchmarks/atlas_throughput.py --pairs 40 --naive 4  # + the naive loop on 4 pairs
    python benchmarks/atlas_throughput.py --pairs 120 --rounds 3  # the ratio, three times over

Measures, on the same machine in one run:
  (a) naive: the papermill CLI then `jupyter nbconvert`, pair after pair (this checkout's
      notebook), on --naive pairs (0 = skip; it is slow);
  (b) baseline: `python -m analysis batch --force` of commit f064324 (exported with
      `git archive` into a folder under /tmp, run with PYTHONPATH pointing at it) on the
      atlas's pairs file;
  (c) atlas: `python -m analysis atlas --force --occupations ...` of this checkout: the
      same pairs, plus the occupation pages, front page, search index and atlas.json;
  (d) floor: the notebook's own cell time with the data loaded, / jobs;
plus the atlas's no-op re-run, its size on disk per pair and per page, and the
extrapolation to the full atlas (830 pages, every pair of `pairs --similar 3`).
With ``--rounds N`` the atlas and the baseline run N times, in turn and in alternating
order (atlas first, then baseline first, ...), so that a machine whose speed drifts during
the run (a shared VM's does, by a tenth) weighs on both; the ratio reported is the median
of the rounds', each round's is listed. Numbers are times and ratios of this run; nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from analysis import config
from analysis.atlas.plan import make_plan


def _sibling(name: str):  # noqa: ANN202 - a module
    """A script of this folder, loaded by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_batch = _sibling("batch_throughput")
floor, naive_loop, per_minute = _batch.floor, _batch.naive_loop, _batch.per_minute
timed, report = _batch.run, _batch.report

BASELINE_COMMIT = "f064324"
BASELINE_DIR = Path(tempfile.gettempdir()) / f"profession-gaps-{BASELINE_COMMIT}"


def baseline_checkout() -> Path:
    """The source tree of the baseline commit (exported once, reused)."""
    if not (BASELINE_DIR / "src" / "analysis").is_dir():
        archive = subprocess.run(
            ["git", "-C", str(config.PROJECT_ROOT), "archive", BASELINE_COMMIT],
            check=True,
            capture_output=True,
        ).stdout
        BASELINE_DIR.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(BASELINE_DIR, filter="data")
    return BASELINE_DIR


_SHIM = """\
# The shared environment registers this checkout's papermill engine
# (analysis.batch.warm_entry_point), which the baseline's flat `analysis` package
# cannot import; papermill loads every registered engine when imported. Skip it.
import entrypoints

_all = entrypoints.get_group_all


def _without_ours(group, path=None):
    found = _all(group, path)
    if group == "papermill.engine":
        found = [e for e in found if not e.module_name.startswith("analysis.")]
    return found


entrypoints.get_group_all = _without_ours
"""


def baseline_pythonpath(old: Path) -> str:
    """PYTHONPATH of the baseline: a sitecustomize shim (see _SHIM), then its source."""
    shim = old / "bench-shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(_SHIM)
    return f"{shim}{os.pathsep}{old / 'src'}"


def pick_occupations(n_pairs: int, similar: int) -> tuple[list[str], int]:
    """The first occupations (SOC order, with skill ratings) whose atlas has >= n_pairs pairs."""
    full = make_plan(similar)
    rated = [soc for soc in full.occupations if full.neighbours[soc]]
    chosen: list[str] = []
    for soc in rated:
        chosen.append(soc)
        pairs = len(make_plan(similar, chosen).pairs)
        if pairs >= n_pairs:
            return chosen, pairs
    return chosen, len(full.pairs)


def size(path: Path, pattern: str) -> int:
    return sum(p.stat().st_size for p in path.glob(pattern) if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=40, help="at least this many pairs")
    parser.add_argument("--similar", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--naive", type=int, default=0, help="pairs for the naive loop")
    parser.add_argument("--rounds", type=int, default=1, help="atlas and baseline runs, each")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    socs, n = pick_occupations(args.pairs, args.similar)
    full = make_plan(args.similar)
    old = baseline_checkout()
    here = config.PROJECT_ROOT
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        tmp_path = Path(tmp)
        site = tmp_path / "atlas"
        atlas_cmd = [
            sys.executable,
            "-m",
            "analysis",
            "atlas",
            "-o",
            str(site),
            "--similar",
            str(args.similar),
            "--jobs",
            str(args.jobs),
            "--quiet",
            "--occupations",
            *socs,
        ]
        atlas_times = [timed([*atlas_cmd, "--force"], cwd=here)]
        t_noop = timed(atlas_cmd, cwd=here)
        pairs_file = site / "pairs.csv"
        old_env = {**os.environ, "PYTHONPATH": baseline_pythonpath(old)}
        old_cmd = [
            sys.executable,
            "-m",
            "analysis",
            "batch",
            str(pairs_file),
            "-o",
            str(tmp_path / "old"),
            "--jobs",
            str(args.jobs),
            "--force",
            "--quiet",
        ]
        old_times = [timed(old_cmd, cwd=old, env=old_env)]
        for round_ in range(1, max(args.rounds, 1)):
            runs = [
                ("old", lambda: timed(old_cmd, cwd=old, env=old_env)),
                ("atlas", lambda: timed([*atlas_cmd, "--force"], cwd=here)),
            ]
            for name, run in runs if round_ % 2 else runs[::-1]:
                (old_times if name == "old" else atlas_times).append(run())
        t_atlas, t_old = statistics.median(atlas_times), statistics.median(old_times)
        round_ratios = [round(o / a, 2) for o, a in zip(old_times, atlas_times, strict=True)]
        pair_list = [tuple(line.split(",")[:2]) for line in pairs_file.read_text().splitlines()[1:]]
        t_naive = naive_loop(pair_list[: args.naive], tmp_path / "naive") if args.naive else None
        t_floor, cells = floor(pair_list, args.jobs)
        pages = len(list((site / "occupations").glob("*.html")))
        pair_bytes = size(site / "pairs", "*--vs--*")
        page_bytes = size(site / "occupations", "*.html")
        old_pair_bytes = size(tmp_path / "old", "*--vs--*")
        fixed_bytes = size(site / "assets", "*") - size(site / "assets", "search-index.js")

    full_pairs, full_pages = len(full.pairs), len(full.occupations)
    atlas_rate = per_minute(n, t_atlas)
    result = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "jobs": args.jobs,
        "pairs": n,
        "occupation_pages": pages,
        "seconds": {
            "atlas": round(t_atlas, 2),
            "baseline_batch_f064324": round(t_old, 2),
            "floor": round(t_floor, 2),
            "naive": None if t_naive is None else round(t_naive, 2),
            "atlas_noop_rerun": round(t_noop, 2),
        },
        "pairs_per_minute": {
            "atlas": atlas_rate,
            "baseline_batch_f064324": per_minute(n, t_old),
            "floor": per_minute(n, t_floor),
            "naive": None if t_naive is None else per_minute(args.naive, t_naive),
        },
        "rounds": {
            "atlas_seconds": [round(t, 2) for t in atlas_times],
            "baseline_seconds": [round(t, 2) for t in old_times],
            "atlas_over_baseline": round_ratios,
        },
        "ratios": {
            "atlas_over_baseline_throughput": statistics.median(round_ratios),
            "atlas_time_over_floor": round(t_atlas / t_floor, 2),
        },
        "bytes": {
            "per_pair": round(pair_bytes / n),
            "per_pair_baseline": round(old_pair_bytes / n),
            "per_page": round(page_bytes / max(pages, 1)),
        },
        "full_atlas_estimate": {
            "pairs": full_pairs,
            "pages": full_pages,
            "minutes": round(full_pairs / atlas_rate, 1),
            "megabytes": round(
                (pair_bytes / n * full_pairs + page_bytes / max(pages, 1) * full_pages) / 1e6
                + fixed_bytes / 1e6
                + 1.5,  # the search index of all 830 occupations
                1,
            ),
        },
        "mean_cell_seconds": cells,
    }
    report(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
