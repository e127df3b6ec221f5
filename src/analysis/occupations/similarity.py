"""How alike occupations are: Pearson correlation of O*NET skill importance profiles.

Each occupation is the vector of its 35 O*NET skill importance ratings of the
SOC-level O*NET occupation (``.00``); an occupation O*NET rates only through a
specialty (15-2051 Data Scientists: only 15-2051.01 and .02 are rated) has no
vector and no similar occupations, by the same rule as its skills (see
:func:`analysis.data.dataset.base_onet_rows`). Importance ratings are all
positive, so a plain cosine is near 1 for any pair; correlating the centred
profiles compares which skills matter more or less. 1.0 = same shape,
symmetric by construction.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.data import dataset
from analysis.occupations.contract import SimilarOccupation

MEASURE = "Pearson correlation of O*NET skill importance ratings (35 skills)"


@lru_cache(maxsize=1)
def skill_matrix() -> pd.DataFrame:
    """Occupations (rows, SOC) x skills (columns) of importance ratings, OEWS occupations only."""
    base = dataset.base_onet_rows(dataset.table("onet_skills"))
    matrix = base.pivot_table(index="soc", columns="element_id", values="importance")
    socs = set(dataset.table("occupations")["soc"])
    return matrix[matrix.index.isin(socs)].dropna().sort_index()


@lru_cache(maxsize=1)
def similarity_matrix() -> pd.DataFrame:
    """Pairwise similarity of every occupation with skill ratings (symmetric, diagonal 1)."""
    matrix = skill_matrix()
    corr = np.corrcoef(matrix.to_numpy())
    np.fill_diagonal(corr, 1.0)
    return pd.DataFrame(corr, index=matrix.index, columns=matrix.index)


def similarity(soc_a: str, soc_b: str) -> float | None:
    """Similarity of two occupations, or None when either has no skill ratings."""
    sim = similarity_matrix()
    if soc_a not in sim.index or soc_b not in sim.index:
        return None
    return float(sim.at[soc_a, soc_b])


def most_similar(soc: str, n: int = 5) -> list[SimilarOccupation]:
    """The ``n`` occupations most similar to ``soc`` (itself excluded), best first.

    Returns:
        The occupations and their similarity; empty when ``soc`` has no ratings.
    """
    sim = similarity_matrix()
    if soc not in sim.index:
        return []
    titles = dataset.table("occupations").set_index("soc")["title"]
    row = sim.loc[soc].drop(soc)
    ranked = sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [
        SimilarOccupation(soc=s, title=str(titles[s]), similarity=round(float(v), 4))
        for s, v in ranked
    ]


def similar_pairs(n: int) -> list[tuple[str, str]]:
    """Every occupation paired with its ``n`` most similar, each unordered pair once."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for soc in similarity_matrix().index:
        for other in most_similar(soc, n):
            key = tuple(sorted((soc, other.soc)))
            if key not in seen:
                seen.add(key)
                out.append((key[0], key[1]))
    return out
