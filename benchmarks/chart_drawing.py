"""Time to draw each report chart and write it as the page embeds it (SVG text).

Usage: python benchmarks/chart_drawing.py [--repeat 5]

Prints, per chart, the median seconds over ``--repeat`` runs for three pairs
(first run of each chart discarded: font cache and imports), and the SVG size.
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from analysis import notebook as nb  # noqa: E402
from analysis.presentation import plots  # noqa: E402

PAIRS = [("43-4151", "43-4051"), ("53-3032", "53-3033"), ("29-1211", "23-1011")]


def main() -> None:
    """Time every chart of :data:`analysis.presentation.plots.CHARTS`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    comps = [nb.load(*pair) for pair in PAIRS]
    for comp in comps:  # warm up fonts, locators and the chart data
        for name in plots.CHARTS:
            nb.chart(comp, name)
    print(f"{'chart':<18}{'median s':>10}{'max s':>8}{'SVG KB':>8}")
    total = []
    for name in plots.CHARTS:
        times, sizes = [], []
        for comp in comps:
            for _ in range(args.repeat):
                start = time.perf_counter()
                chart = nb.chart(comp, name)
                times.append(time.perf_counter() - start)
                sizes.append(len(chart.svg))
        total.append(statistics.median(times))
        print(
            f"{name:<18}{statistics.median(times):>10.3f}{max(times):>8.3f}"
            f"{statistics.median(sizes) / 1000:>8.1f}"
        )
    print(f"{'all six (sum)':<18}{sum(total):>10.3f}")


if __name__ == "__main__":
    main()
