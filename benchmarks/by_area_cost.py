"""What the "Where each pays more" section adds to a pair's render time, as a ratio.

    python benchmarks/by_area_cost.py                 # 6 pairs x 3 rounds
    python benchmarks/by_area_cost.py --pairs 2 --rounds 1   # a quick look

In one process, on one warm kernel (as a batch worker renders), each pair is
rendered with the report notebook as committed and with a copy of it without
the section (its "## Where each pays more" heading and the code cell after it),
the two interleaved so a change of machine load hits both alike. A render is
what a batch does per pair: papermill execution, the HTML export and writing
the three files. Prints JSON: the median seconds of each, their ratio (the
issue's budget: at most 1.15), the in-kernel seconds of the section's cell, and
the page and JSON size each way, the CPU seconds of this process and the kernel
each way (steadier than wall time on a shared machine), and the machine's load
average before and after.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from analysis import config
from analysis.occupations.similarity import similar_pairs

HEADING = "## Where each pays more"


def cpu_seconds(pid: int | None) -> float:
    """CPU seconds (user + system) of this process and of process ``pid`` (the kernel).

    Wall time on a shared machine moves with everyone else's load; the CPU time of
    the two processes a render uses moves much less, so both are reported.
    """
    mine = os.times()
    total = mine.user + mine.system
    if pid is not None:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def without_section(source: Path, target: Path) -> Path:
    """A copy of the report notebook without the section's heading and its code cell."""
    nb = nbformat.read(source, as_version=4)
    at = next(
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown" and c.source.startswith(HEADING)
    )
    assert nb.cells[at + 1].cell_type == "code", "the section's code cell follows its heading"
    del nb.cells[at : at + 2]
    nbformat.write(nb, target)
    return target


def pick_pairs(n: int) -> list[tuple[str, str]]:
    """The default pair, then occupations with their most similar one (deterministic)."""
    return [("43-4151", "43-4051"), *similar_pairs(3)[: max(n - 1, 0)]]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    from analysis.batch import render

    pairs = pick_pairs(args.pairs)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="by-area-cost-") as tmp:
        tmp_path = Path(tmp)
        notebooks = {
            "with": config.PAIR_NOTEBOOK,
            "without": without_section(config.PAIR_NOTEBOOK, tmp_path / "pair_report.ipynb"),
        }
        renderer = render.new_renderer(timeout=None)
        times: dict[str, list[float]] = {"with": [], "without": []}
        sizes: dict[str, dict[str, list[int]]] = {k: {"html": [], "json": []} for k in times}
        section_cell: list[float] = []
        original = render.config.PAIR_NOTEBOOK

        cpu: dict[str, list[float]] = {"with": [], "without": []}

        def kernel_pid() -> int | None:
            km = render.warm_kernel(config.KERNEL_NAME).km
            process = getattr(getattr(km, "provisioner", None), "process", None)
            return None if process is None else process.pid

        def one(kind: str, a: str, b: str, keep: bool) -> None:
            render.config.PAIR_NOTEBOOK = notebooks[kind]
            out = tmp_path / kind
            out.mkdir(exist_ok=True)
            params = {"profession_a": a, "profession_b": b, "dataset": "public"}
            pid = kernel_pid()
            start, start_cpu = time.perf_counter(), cpu_seconds(pid)
            result = renderer.render(params, out)
            took, took_cpu = time.perf_counter() - start, cpu_seconds(pid) - start_cpu
            if not keep:
                return
            times[kind].append(took)
            cpu[kind].append(took_cpu)
            sizes[kind]["html"].append(result.html.stat().st_size)
            sizes[kind]["json"].append(result.json.stat().st_size)
            if kind == "with":
                nb = nbformat.read(result.notebook, as_version=4)
                section_cell.extend(
                    c.metadata.get("papermill", {}).get("duration") or 0.0
                    for c in nb.cells
                    if c.cell_type == "code" and "where_each_pays_more" in c.source
                )

        try:
            for kind in ("with", "without"):  # warm-up: imports, data, fonts in the kernel
                one(kind, *pairs[0], keep=False)
            for round_ in range(args.rounds):
                for i, (a, b) in enumerate(pairs):
                    # alternate which goes first, so neither always meets a cooler cache
                    order = ("with", "without") if (i + round_) % 2 == 0 else ("without", "with")
                    for kind in order:
                        one(kind, a, b, keep=True)
        finally:
            render.config.PAIR_NOTEBOOK = original
    median = {k: statistics.median(v) for k, v in times.items()}
    result = {
        "pairs": [f"{a} vs {b}" for a, b in pairs],
        "rounds": args.rounds,
        "renders_each": len(times["with"]),
        "median_seconds_with": round(median["with"], 3),
        "median_seconds_without": round(median["without"], 3),
        "ratio_with_to_without": round(median["with"] / median["without"], 3),
        "median_cpu_seconds_with": round(statistics.median(cpu["with"]), 3),
        "median_cpu_seconds_without": round(statistics.median(cpu["without"]), 3),
        "cpu_ratio_with_to_without": round(
            statistics.median(cpu["with"]) / statistics.median(cpu["without"]), 3
        ),
        "budget_ratio": 1.15,
        "section_cell_median_seconds": round(statistics.median(section_cell), 3),
        "median_html_bytes": {k: int(statistics.median(v["html"])) for k, v in sizes.items()},
        "median_json_bytes": {k: int(statistics.median(v["json"])) for k, v in sizes.items()},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
