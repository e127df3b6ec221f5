"""Where an occupation stands among all occupations: its rank and the all-occupations figure.

Ranks are among the 830 OEWS detailed occupations (the ``occupations`` table),
counting only those whose source publishes the figure, highest first; ties
share the better rank ("competition" ranking: 1, 2, 2, 4). The all-occupations
figure is each source's own total row (``all_occupations`` table: OEWS
00-0000, BLS EP "Total, all occupations", the CPS total rows), never an
average we compute.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay
from analysis.occupations.ranking import competition_ranks


@dataclass(frozen=True)
class Measure:
    """A figure that can be ranked: where it comes from and its all-occupations row."""

    table: str  # "oews" (national, all industries) or a SOC-keyed processed table
    column: str
    total_source: str  # source id of its row in the all_occupations table
    label: str  # what the figure is, for the reader
    row_key: str | None = None
    """Column naming the published row when several SOCs share one (CPS: census_code);
    such a measure is ranked among distinct rows, each counted once."""


MEASURES: dict[str, Measure] = {
    "annual_mean_wage": Measure("oews", "annual_mean_wage", "oews", "mean annual wage"),
    "annual_median_wage": Measure("oews", "annual_median_wage", "oews", "median annual wage"),
    "employment": Measure("oews", "employment", "oews", "jobs"),
    "employment_change_pct_2024_2034": Measure(
        "projections",
        "employment_change_pct_2024_2034",
        "ep",
        f"projected growth {SOURCES['ep'].vintage}",
    ),
    "women_pct": Measure(
        "demographics", "women_pct", "cps11", "share of women", row_key="census_code"
    ),
    "median_age": Measure(
        "demographics", "median_age", "cps11b", "median age", row_key="census_code"
    ),
}


@dataclass(frozen=True)
class Standing:
    """One occupation's figure among all occupations.

    Attributes:
        measure: Key of :data:`MEASURES`.
        value: The occupation's figure (None when its source does not publish it).
        rank: 1 for the highest figure; None when ``value`` is None.
        of: How many occupations have the figure (the rank's denominator); for a
            measure with ``distinct_rows``, how many distinct published rows.
        occupations: All occupations ranked over (830), published figure or not.
        all_occupations: The source's figure for all occupations together, or None.
    """

    measure: str
    value: float | None
    rank: int | None
    of: int
    occupations: int
    all_occupations: float | None
    distinct_rows: bool = False
    """True when ranked among distinct source rows (CPS Census occupations), each once."""


@lru_cache(maxsize=1)
def _socs() -> frozenset[str]:
    return frozenset(dataset.table("occupations")["soc"].astype(str))


def _values(measure: Measure) -> pd.Series:
    """The measure for every detailed occupation that has it, indexed by SOC."""
    if measure.table == "oews":
        frame = pay.national_rows()
    else:
        frame = dataset.table(measure.table)
    values = pd.Series(
        frame[measure.column].to_numpy(dtype=float), index=frame["soc"].astype(str).to_numpy()
    )
    values = values[values.index.isin(_socs())].dropna()
    if not values.index.is_unique:
        raise ValueError(f"{measure.table}.{measure.column} has several rows for one SOC code")
    return values


@lru_cache(maxsize=64)
def all_occupations(source: str, figure: str) -> float | None:
    """One source's figure for all occupations together (its total row), or None.

    Args:
        source: Source id ("oews", "ep", "cps11", "cps11b", "cps39").
        figure: Column name the figure compares with (e.g. "women_to_men_earnings_pct").
    """
    table = dataset.table("all_occupations")
    row = table[(table["source"] == source) & (table["figure"] == figure)]
    return float(row["value"].iloc[0]) if len(row) == 1 else None


def _row_keys(measure: Measure) -> pd.Series:
    frame = dataset.table(measure.table)
    keys = frame.set_index(frame["soc"].astype(str))[measure.row_key].astype("string")
    return keys[keys.index.isin(_socs())]


@dataclass(frozen=True)
class MeasureRanks:
    """One measure ranked among all occupations (:func:`ranked`).

    Attributes:
        values: SOC -> the occupation's figure, for the occupations that have it.
        ranks: SOC -> its rank, 1 = highest, for the same occupations.
        of: How many were ranked: the rank's denominator; for a measure with a
            ``row_key``, the distinct published rows, each once (not the SOCs).
        all_occupations: The source's figure for all occupations together, or None.
    """

    values: dict[str, float]
    ranks: dict[str, int]
    of: int
    all_occupations: float | None


@lru_cache(maxsize=len(MEASURES))
def ranked(key: str) -> MeasureRanks:
    """Every occupation's figure and rank on one measure, and how many are ranked.

    A measure whose SOCs share published rows is ranked among its distinct rows
    (a Census occupation given to 12 SOCs counts once); each SOC then takes its
    row's rank. The one source of the ranks the reports, the atlas and the
    exported tables show.

    Args:
        key: One of :data:`MEASURES`.

    Returns:
        The values, ranks, denominator and all-occupations figure.
    """
    measure = MEASURES[key]
    values = _values(measure)
    total = all_occupations(measure.total_source, measure.column)
    figures = dict(zip(values.index, values.to_numpy(dtype=float).tolist(), strict=True))
    if measure.row_key is None:
        ranking = competition_ranks(values)
        return MeasureRanks(figures, ranking.ranks.to_dict(), ranking.of, total)
    keys = _row_keys(measure).reindex(values.index)
    rows = pd.Series(values.to_numpy(), index=keys.to_numpy())
    ranking = competition_ranks(rows[~rows.index.duplicated()])
    row_rank = ranking.ranks.to_dict()
    socs_ranks = {
        soc: int(row_rank[k]) for soc, k in zip(values.index, keys.to_numpy(), strict=True)
    }
    return MeasureRanks(figures, socs_ranks, ranking.of, total)


def standing(soc: str | None, key: str) -> Standing:
    """Where one occupation stands on one measure.

    Args:
        soc: SOC code (None, e.g. for the seed dataset, gives no rank).
        key: One of :data:`MEASURES`.

    Returns:
        The occupation's value and rank, the number ranked and the all-occupations figure.

    Raises:
        KeyError: ``key`` is not a known measure.
    """
    if key not in MEASURES:
        raise KeyError(f"unknown measure {key!r}; known: {sorted(MEASURES)}")
    measure = ranked(key)
    value, rank = measure.values.get(soc or ""), measure.ranks.get(soc or "")
    return Standing(
        key,
        value,
        rank,
        measure.of,
        len(_socs()),
        measure.all_occupations,
        MEASURES[key].row_key is not None,
    )


@dataclass(frozen=True)
class Peers:
    """How many occupations share a category (e.g. the typical entry education)."""

    value: str | None
    same: int  # occupations with this category, including this one
    of: int  # occupations with any category


@lru_cache(maxsize=4)
def _categories(table: str, column: str) -> pd.Series:
    frame = dataset.table(table)
    values = frame.set_index(frame["soc"].astype(str))[column]
    values = values[values.index.isin(_socs())]
    return values[values.map(lambda v: isinstance(v, str) and v != "" and v != "nan")]


def peers(
    soc: str | None, table: str = "entry_requirements", column: str = "typical_entry_education"
) -> Peers:
    """How many of the detailed occupations share this occupation's category.

    Args:
        soc: SOC code (None gives no category).
        table: SOC-keyed processed table.
        column: Its categorical column.

    Returns:
        The category, how many occupations have it, and how many have any.
    """
    values = _categories(table, column)
    value = values.get(soc or "")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Peers(None, 0, len(values))
    return Peers(str(value), int((values == value).sum()), len(values))
