"""How alike occupations are: correlation of standardised O*NET skill profiles.

Each occupation is described by its 35 O*NET skills, twice: how important each
skill is (1-5) and the level it is needed at (0-7), 70 numbers in all (the
SOC-level ``.00`` O*NET occupation, see :func:`skill_ratings`; an occupation
O*NET rates only through a specialty, such as 15-2051 Data Scientists, has no
profile and no similar occupations). Each of the 70 columns
is standardised across the occupations (z-score: minus the mean of all
occupations, divided by their standard deviation), and two occupations'
similarity is the Pearson correlation of their 70 z-scores.

Why not the raw ratings: every occupation rates Reading Comprehension or
Active Listening high and Repairing low, so raw profiles all share one shape
and their correlation put nearly every nearest neighbour at 0.95 or above.
After standardising, a skill counts by how much an occupation departs from the
typical occupation on it, so neighbours stand out from the crowd: the typical
pair of occupations is uncorrelated (about 0) and a nearest neighbour sits at
about 0.84 (``benchmarks/similarity_quality.py`` measures both measures).
Symmetric, 1.0 with itself, between -1 and 1.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.data import dataset
from analysis.occupations.contract import SimilarOccupation

MEASURE = (
    "Pearson correlation of O*NET skill importance and level (35 skills each), "
    "standardised per skill across occupations"
)

RATINGS = ("importance", "level")
"""The O*NET skill scales that describe an occupation, in column order."""


@lru_cache(maxsize=1)
def skill_ratings() -> pd.DataFrame:
    """The O*NET skill rows that stand for each OEWS occupation (one O*NET code per SOC).

    The one place that decides which O*NET occupation's ratings a SOC code
    uses: the SOC-level ``.00`` code only (:func:`analysis.data.dataset.base_onet_rows`).
    """
    base = dataset.base_onet_rows(dataset.table("onet_skills"))
    socs = set(dataset.table("occupations")["soc"])
    return base[base["soc"].isin(socs)]


@lru_cache(maxsize=1)
def skill_matrix() -> pd.DataFrame:
    """Occupations (rows, SOC) x (scale, skill) ratings, complete rows only, sorted by SOC."""
    wide = skill_ratings().pivot_table(index="soc", columns="element_id", values=list(RATINGS))
    return wide[list(RATINGS)].dropna().sort_index()


def standardised(matrix: pd.DataFrame) -> pd.DataFrame:
    """Each column as z-scores across the rows; a column with no spread becomes 0."""
    spread = matrix.std(ddof=0).replace(0.0, np.nan)
    return ((matrix - matrix.mean()) / spread).fillna(0.0)


def correlate(matrix: pd.DataFrame) -> pd.DataFrame:
    """Similarity of every pair of rows: Pearson correlation of their standardised columns.

    Args:
        matrix: Occupations (rows) x ratings (columns), no missing values.

    Returns:
        Rows x rows, symmetric, diagonal 1. A row equal to the column means on
        every rating has no correlation with anything: 0, not NaN.
    """
    z = standardised(matrix)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.nan_to_num(np.corrcoef(z.to_numpy()), nan=0.0)
    corr = (corr + corr.T) / 2  # floating-point sums differ in the last bit by order
    np.fill_diagonal(corr, 1.0)
    return pd.DataFrame(corr, index=matrix.index, columns=matrix.index)


@lru_cache(maxsize=1)
def similarity_matrix() -> pd.DataFrame:
    """Pairwise similarity of every occupation with skill ratings (symmetric, diagonal 1)."""
    return correlate(skill_matrix())


def similarity(soc_a: str, soc_b: str) -> float | None:
    """Similarity of two occupations, or None when either has no skill ratings."""
    sim = similarity_matrix()
    if soc_a not in sim.index or soc_b not in sim.index:
        return None
    return float(sim.at[soc_a, soc_b])


@lru_cache(maxsize=1)
def _ranked() -> np.ndarray:
    """For each row of the similarity matrix, the other columns from most to least similar.

    Exact ties keep SOC order (a stable sort over SOC-sorted columns).
    """
    values = similarity_matrix().to_numpy(copy=True)
    np.fill_diagonal(values, -np.inf)
    return np.argsort(-values, axis=1, kind="stable")[:, :-1]


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    occ = dataset.table("occupations")
    return dict(zip(occ["soc"].astype(str), occ["title"].astype(str), strict=True))


def most_similar(soc: str, n: int = 5) -> list[SimilarOccupation]:
    """The ``n`` occupations most similar to ``soc`` (itself excluded), best first.

    Ties are broken by SOC code.

    Returns:
        The occupations and their similarity; empty when ``soc`` has no ratings.
    """
    sim = similarity_matrix()
    if soc not in sim.index:
        return []
    row = sim.index.get_loc(soc)
    titles = _titles()
    values = sim.to_numpy()[row]
    return [
        SimilarOccupation(
            soc=str(sim.index[col]),
            title=titles[str(sim.index[col])],
            similarity=round(float(values[col]), 4),
        )
        for col in _ranked()[row, :n]
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
