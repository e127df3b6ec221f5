"""How well each similarity measure separates an occupation's neighbours: old vs new.

    python benchmarks/similarity_quality.py [--n 3] [--json]

For every occupation with O*NET skill ratings, take its N nearest neighbours
under each measure and report:
  - the share of those neighbours in the same SOC minor group ("xx-x", e.g.
    29-1 Healthcare Diagnosing or Treating Practitioners) and major group ("xx");
  - the spread of the neighbours' similarities (median, 5th and 95th
    percentiles, share at or above 0.95) against the spread of all pairs, and
    how many all-pairs standard deviations the neighbours sit above the
    all-pairs mean ("separation").

Old: Pearson correlation of the 35 raw importance ratings (the measure before
issue 13). New: :mod:`analysis.occupations.similarity` (importance and level,
z-scored per skill across occupations, then Pearson correlation).
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import pandas as pd

from analysis.occupations import similarity


def old_measure() -> pd.DataFrame:
    """Pearson correlation of the raw importance ratings (the measure before issue 13)."""
    importance = similarity.skill_matrix()["importance"]
    corr = np.corrcoef(importance.to_numpy())
    return pd.DataFrame(corr, index=importance.index, columns=importance.index)


def quality(sim: pd.DataFrame, n: int) -> dict[str, float]:
    """Neighbour statistics of one similarity matrix (rows and columns in the same order)."""
    values = sim.to_numpy(copy=True)
    np.fill_diagonal(values, -np.inf)
    socs = sim.index.to_numpy()
    minor = np.array([s[:4] for s in socs])
    major = np.array([s[:2] for s in socs])
    # Ties broken by SOC code like most_similar: a stable sort over SOC-sorted columns.
    nearest = np.argsort(-values, axis=1, kind="stable")[:, :n]
    near = np.take_along_axis(values, nearest, axis=1)
    pairs = values[np.triu_indices_from(values, k=1)]
    return {
        "occupations": len(socs),
        "same_minor_group_share": float((minor[nearest] == minor[:, None]).mean()),
        "same_major_group_share": float((major[nearest] == major[:, None]).mean()),
        "neighbour_median": float(np.median(near)),
        "neighbour_p5": float(np.percentile(near, 5)),
        "neighbour_p95": float(np.percentile(near, 95)),
        "neighbour_share_ge_095": float((near >= 0.95).mean()),
        "all_pairs_median": float(np.median(pairs)),
        "all_pairs_sd": float(pairs.std()),
        "separation_sd": float((near.mean() - pairs.mean()) / pairs.std()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3, help="neighbours per occupation (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    results = {
        "old: Pearson, raw importance": quality(old_measure(), args.n),
        "new: " + similarity.MEASURE: quality(similarity.similarity_matrix(), args.n),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    frame = pd.DataFrame(results).T
    frame.insert(0, "measure", ["old", "new"])
    print(f"Nearest {args.n} neighbours of each of {int(frame['occupations'].iloc[0])} occupations")
    print(frame.drop(columns="occupations").round(3).to_markdown(index=False))


if __name__ == "__main__":
    main()
