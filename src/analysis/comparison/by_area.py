"""Where each pays more: the mean-wage gap A − B in every state and metro area.

The same statistics as the national gap (:func:`analysis.comparison.gaps.mean_wage_gap`):
SE of each mean = mean x RSE/100 (a published RSE of 0.0 computed as 0.05 %), SE of
the difference = sqrt(SE_A² + SE_B²), 95 % CI = d ± 1.96 SE, significant when
|z| ≥ 1.96. Here they are computed for every area at once, as column arithmetic
over the two occupations' OEWS cross-industry rows (one frame per kind of area),
not one call per area: a report compares up to 54 states and about 390 metro areas.

An area is *not comparable*, with a plain reason, when a side has no OEWS cell
there, when its mean is suppressed ("Estimate not released", footnote 8) or
top-coded (footnote 5: "equal to or greater than $239,200", which bounds nothing,
see :mod:`analysis.occupations.pay`), or when no wage RSE is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.data.sources.oews import is_nonmetropolitan
from analysis.occupations.areas import STATES
from analysis.occupations.pay import CROSS_INDUSTRY, TOP_CODE_FOOTNOTE
from analysis.occupations.sampling import RSE_BELOW_PUBLISHED_PCT, z_critical
from analysis.records import Record

_OEWS = SOURCES["oews"].label


@dataclass(frozen=True)
class AreaGap(Record):
    """The annual mean wage gap A − B in one area, or why it cannot be tested.

    ``reason`` is None exactly when the gap is comparable (``significant`` is
    then True or False); otherwise the difference and its interval are None.
    """

    code: str
    """OEWS area code (a state: FIPS + 00000; an MSA: 00 + CBSA code)."""
    name: str
    a: float | None
    """Annual mean wage of the first occupation in the area (OEWS cell)."""
    b: float | None
    difference: float | None
    se: float | None
    ci95_low: float | None
    ci95_high: float | None
    significant: bool | None
    reason: str | None
    note: str | None = None
    """Set when a side's published wage RSE is 0.0, computed as 0.05 % (as nationally)."""


@dataclass(frozen=True)
class AreaCounts(Record):
    """How many areas of a list fall in each verdict; the four add up to ``total``."""

    a_higher: int
    """A's mean is significantly higher."""
    b_higher: int
    no_significant_difference: int
    not_comparable: int
    total: int


@dataclass(frozen=True)
class ByArea(Record):
    """The pair in every state and in every metro area both are published in.

    ``states``: every OEWS state-type area, in
    :data:`~analysis.occupations.areas.STATES` order. ``metros``: the
    metropolitan statistical areas (not the nonmetropolitan areas) where OEWS
    has a cell for both occupations, by area code.
    """

    states: list[AreaGap]
    metros: list[AreaGap]
    counts: dict[str, AreaCounts]
    """``"states"`` and ``"metros"``: the counts of each list."""

    @classmethod
    def empty(cls) -> ByArea:
        """No areas (the seed dataset publishes none)."""
        none = AreaCounts(0, 0, 0, 0, 0)
        return cls([], [], {"states": none, "metros": none})


@lru_cache(maxsize=1)
def _footnotes() -> dict[str, str]:
    notes = dataset.table("oews_footnotes")
    return dict(zip(notes["footnote_code"].astype(str), notes["footnote_text"], strict=True))


@dataclass(frozen=True)
class _Side:
    """One occupation's cells aligned on the areas reported (NaN / None where absent)."""

    present: np.ndarray
    mean: np.ndarray
    rse: np.ndarray
    footnote: np.ndarray


@dataclass(frozen=True)
class _Cells:
    """One occupation's cross-industry cells of one kind of area, as plain arrays."""

    codes: np.ndarray
    names: np.ndarray
    mean: np.ndarray
    rse: np.ndarray
    footnote: np.ndarray

    def where(self, keep: np.ndarray) -> _Cells:
        return _Cells(*(v[keep] for v in (self.codes, self.names, self.mean, self.rse,
                                          self.footnote)))  # fmt: skip


def _cells(wages: pd.DataFrame, area_type: str) -> _Cells:
    """The cross-industry cells of ``area_type`` ("state" or "metro"), one per area.

    Read as arrays once (pandas masks and lookups on a 600-row frame cost more than
    the arithmetic they feed).
    """
    keep = (wages["area_type"].to_numpy() == area_type) & (
        wages["industry_code"].to_numpy() == CROSS_INDUSTRY
    )
    codes = wages["area_code"].to_numpy()[keep].astype(str)
    codes, first = np.unique(codes, return_index=True)  # OEWS has one cell per area
    notes = wages["annual_mean_wage_footnote"].to_numpy()[keep][first]
    return _Cells(
        codes,
        wages["area_name"].to_numpy()[keep][first].astype(str),
        wages["annual_mean_wage"].to_numpy(dtype=float)[keep][first],
        wages["wage_rse"].to_numpy(dtype=float)[keep][first],
        np.array([None if pd.isna(f) else str(f) for f in notes], dtype=object),
    )


def _align(codes: pd.Index, cells: _Cells) -> _Side:
    at = pd.Index(cells.codes).get_indexer(codes)
    present = at >= 0
    mean = np.full(len(codes), np.nan)
    rse = np.full(len(codes), np.nan)
    footnote = np.full(len(codes), None, dtype=object)
    mean[present], rse[present] = cells.mean[at[present]], cells.rse[at[present]]
    footnote[present] = cells.footnote[at[present]]
    return _Side(present, mean, rse, footnote)


def _side_reasons(side: _Side, title: str) -> np.ndarray:
    """Why one side's mean cannot be tested in each area ("" where it can)."""
    notes = _footnotes()
    by_note = {
        code: (
            f"{title}: the mean wage is top-coded, not published (OEWS footnote {code}: "
            f"\u201c{text}\u201d)"
            if code == TOP_CODE_FOOTNOTE
            else f"{title}: the mean wage is not published (OEWS: \u201c{text.rstrip('.')}\u201d)"
        )
        for code, text in notes.items()
    }
    # the footnote's words where OEWS gives one; the few distinct codes are mapped once
    suppressed = np.array(
        [
            by_note.get(f, f"{title}: the mean wage is not published ({_OEWS} does not release it)")
            for f in side.footnote
        ],
        dtype=object,
    )
    return np.select(
        [~side.present, np.isnan(side.mean), np.isnan(side.rse)],
        [
            np.array(f"{title}: {_OEWS} publishes no estimate in this area", dtype=object),
            suppressed,
            np.array(
                f"{title}: no wage RSE is published, so the mean has no standard error",
                dtype=object,
            ),
        ],
        default=np.array("", dtype=object),
    )


def _nullable(values: np.ndarray, keep: np.ndarray) -> list[Any]:
    """Python values, None where ``keep`` is False or the value is NaN (never NaN in JSON)."""
    return [
        v if k and v == v else None for v, k in zip(values.tolist(), keep.tolist(), strict=True)
    ]


def _gaps(
    codes: list[str],
    names: list[str],
    rows_a: pd.DataFrame,
    rows_b: pd.DataFrame,
    titles: tuple[str, str],
) -> tuple[list[AreaGap], AreaCounts]:
    """The gap in each area (``codes``, ``names``), all areas in one array operation.

    Args:
        codes: The OEWS area codes to report, in order.
        names: Their names.
        rows_a: The first occupation's cross-industry rows of that kind of area.
        rows_b: The second's.
        titles: The two occupations' titles, for the reasons.

    Returns:
        One record per area, and how many fall in each verdict.
    """
    index = pd.Index(codes)
    a, b = _align(index, rows_a), _align(index, rows_b)
    # a published RSE of 0.0 means "below 0.05 %": computed as 0.05 %, as the national gap is
    se_a = a.mean * np.where(a.rse == 0, RSE_BELOW_PUBLISHED_PCT, a.rse) / 100
    se_b = b.mean * np.where(b.rse == 0, RSE_BELOW_PUBLISHED_PCT, b.rse) / 100
    diff = a.mean - b.mean
    se = np.sqrt(se_a**2 + se_b**2)
    reason_a, reason_b = _side_reasons(a, titles[0]), _side_reasons(b, titles[1])
    both = (reason_a != "") & (reason_b != "")
    reason = np.where(both, reason_a + "; " + reason_b, reason_a + reason_b)
    with np.errstate(invalid="ignore", divide="ignore"):
        zero = (reason == "") & (se == 0)
        reason = np.where(
            zero, "both means are zero, so there is no standard error to test", reason
        )
        ok = reason == ""
        crit = z_critical()
        significant = np.abs(diff / se) >= crit
    zero_rse = ok & ((a.rse == 0) | (b.rse == 0))
    sig = ok & significant
    tally = AreaCounts(
        a_higher=int(np.count_nonzero(sig & (diff > 0))),
        b_higher=int(np.count_nonzero(sig & (diff < 0))),
        no_significant_difference=int(np.count_nonzero(ok & ~significant)),
        not_comparable=int(np.count_nonzero(~ok)),
        total=len(codes),
    )
    columns = zip(
        codes,
        names,
        _nullable(a.mean, a.present),
        _nullable(b.mean, b.present),
        _nullable(diff, ok),
        _nullable(se, ok),
        _nullable(diff - crit * se, ok),
        _nullable(diff + crit * se, ok),
        [bool(s) if k else None for s, k in zip(significant.tolist(), ok.tolist(), strict=True)],
        [r or None for r in reason.tolist()],
        [_ZERO_RSE if z else None for z in zero_rse.tolist()],
        strict=True,
    )
    return [AreaGap(*row) for row in columns], tally


_ZERO_RSE = (
    "OEWS publishes a wage RSE of 0.0% here (rounded: below 0.05%); the interval is "
    "computed with 0.05%, the largest value that rounds to 0.0"
)


def _state_gaps(
    wages_a: pd.DataFrame, wages_b: pd.DataFrame, titles: tuple[str, str]
) -> tuple[list[AreaGap], AreaCounts]:
    """The gap in every OEWS state-type area, in :data:`~analysis.occupations.areas.STATES` order.

    Args:
        wages_a: The first occupation's OEWS rows (``dataset.soc_rows("oews_wages", soc)``).
        wages_b: The second's.
        titles: Their titles, for the reasons.
    """
    return _gaps(
        [c for c, _, _ in STATES],
        [n for _, _, n in STATES],
        _cells(wages_a, "state"),
        _cells(wages_b, "state"),
        titles,
    )


def _metro_gaps(
    wages_a: pd.DataFrame, wages_b: pd.DataFrame, titles: tuple[str, str]
) -> tuple[list[AreaGap], AreaCounts]:
    """The gap in every metropolitan statistical area where OEWS has a cell for both.

    Nonmetropolitan areas share OEWS's "metro" area type but are not metro areas:
    they are left out (as in the rankings of :mod:`analysis.occupations.pay`).
    Areas are in area-code order.
    """
    rows_a, rows_b = (
        cells.where(~is_nonmetropolitan(pd.Series(cells.codes)).to_numpy())
        for cells in (_cells(wages_a, "metro"), _cells(wages_b, "metro"))
    )
    both = np.isin(rows_a.codes, rows_b.codes)  # codes are sorted (np.unique)
    return _gaps(list(rows_a.codes[both]), list(rows_a.names[both]), rows_a, rows_b, titles)


def by_area(wages_a: pd.DataFrame, wages_b: pd.DataFrame, titles: tuple[str, str]) -> ByArea:
    """The pair in every state and every metro area both are published in.

    Args:
        wages_a: The first occupation's OEWS rows.
        wages_b: The second's.
        titles: Their titles (A, B), named in the reasons.

    Returns:
        Both lists and their counts.
    """
    states, state_counts = _state_gaps(wages_a, wages_b, titles)
    metros, metro_counts = _metro_gaps(wages_a, wages_b, titles)
    return ByArea(states, metros, {"states": state_counts, "metros": metro_counts})
