"""The package's one ranking rule, for occupations, places and SOC groups alike.

Highest first. A rank is "competition" ranking, pandas' ``rank(method="min")``:
ties share the better rank (1, 2, 2, 4), and the count a rank is "of" is how
many values were ranked, each counted once. A list in ranked order puts ties
by name, so the order is the same on every run.

Kept free of the data tables, so every module that ranks (``pay``, ``ranks``,
the atlas) can use it without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Ranking:
    """Competition ranks of a set of values and how many were ranked.

    Attributes:
        ranks: Rank of each value, 1 = highest, indexed like the values given
            (missing values dropped: they are not ranked).
        of: How many values were ranked: the rank's denominator ("124 of 350").
    """

    ranks: pd.Series
    of: int


def competition_ranks(values: pd.Series) -> Ranking:
    """Rank highest first, ties sharing the better rank (1, 2, 2, 4); missing values not ranked.

    Args:
        values: The figures to rank, each counted once (when several keys share one
            published row, pass that row's value once: see
            :func:`analysis.occupations.ranks.standing`).

    Returns:
        The ranks of the values present, and how many they are.
    """
    present = values.dropna()
    return Ranking(present.rank(method="min", ascending=False).astype(int), len(present))


def highest_first(rows: pd.DataFrame, value: str, name: str) -> pd.DataFrame:
    """Rows in ranked order: ``value`` highest first, ties by ``name``, missing values last.

    Args:
        rows: The rows to order.
        value: The column ranked on.
        name: The column that orders ties (and rows without a value, among themselves).

    Returns:
        The rows reordered, index kept.
    """
    # lexsort: equal values (and the missing ones, kept last) are ordered by name
    return rows.sort_values([value, name], ascending=[False, True], na_position="last")
