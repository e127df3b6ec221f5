"""Headline figures of every occupation at once, with ranks and the all-occupations figure.

One vectorised table per run instead of 830 profiles, so the atlas can decide
which pages are out of date in about a second. The figures are the profile's
(same tables, same rows): OEWS national cross-industry estimates, BLS
Employment Projections, CPS. A figure the source does not publish stays
missing and is not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay
from analysis.occupations.ranks import ranked


@dataclass(frozen=True)
class Headline:
    """One headline figure of an occupation page."""

    key: str
    label: str
    kind: str  # how to format it: "money", "count", "percent", "change", "years"
    source: str


HEADLINES: tuple[Headline, ...] = (
    Headline("annual_mean_wage", "Annual mean wage", "money", SOURCES["oews"].label),
    Headline("annual_median_wage", "Annual median wage", "money", SOURCES["oews"].label),
    Headline("employment", "Employment", "count", SOURCES["oews"].label),
    Headline(
        "employment_change_pct_2024_2034",
        f"Projected employment change {SOURCES['ep'].vintage}",
        "change",
        SOURCES["ep"].label,
    ),
    Headline("women_pct", "Women", "percent", SOURCES["cps11"].label),
    Headline("median_age", "Median age", "years", SOURCES["cps11b"].label),
)
"""The figures ranked among all occupations, in page order."""

OEWS_KEYS = ("annual_mean_wage", "annual_median_wage", "employment")
ALL_OCCUPATIONS_SOC = "00-0000"
"""OEWS's row for all occupations together."""

NOT_IN_DATA = {
    h.key: f"{h.source} publishes no total row for all occupations in our data" for h in HEADLINES
}
"""Why an all-occupations figure is not shown, when its source has no total row."""


@lru_cache(maxsize=1)
def national_by_soc() -> pd.DataFrame:
    """:func:`analysis.occupations.pay.national_rows`, indexed by SOC code."""
    rows = pay.national_rows()
    return rows.assign(soc=rows["soc"].astype(str)).set_index("soc")


@lru_cache(maxsize=1)
def occupation_figures() -> pd.DataFrame:
    """Every OEWS detailed occupation (index: SOC) with its headline figures and groups."""
    occ = dataset.table("occupations").set_index("soc")
    frame = occ[["title", "major_group", "major_group_title"]].copy()
    frame["minor_group"] = [_minor_group_code(s) for s in frame.index]
    nat = national_by_soc()
    for key in OEWS_KEYS:
        frame[key] = nat[key].reindex(frame.index)
    proj = dataset.table("projections").set_index("soc")
    frame["employment_change_pct_2024_2034"] = proj["employment_change_pct_2024_2034"].reindex(
        frame.index
    )
    demo = dataset.table("demographics").set_index("soc")
    for key in ("women_pct", "median_age"):
        frame[key] = demo[key].reindex(frame.index)
    return frame


def _minor_group_code(soc: str) -> str:
    """The SOC minor group of a detailed code: its first four characters ("29-1")."""
    return soc[:4]


def ranks(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank of each occupation of ``frame`` on each headline figure: 1 = highest, ties share.

    From :func:`analysis.occupations.ranks.ranked` (the reports' tiles use the same
    ranks); missing figures get no rank (NA).
    """
    return pd.DataFrame(
        {
            h.key: pd.array([ranked(h.key).ranks.get(soc) for soc in frame.index], dtype="Int64")
            for h in HEADLINES
        },
        index=frame.index,
    )


def ranked_of() -> dict[str, int]:
    """How many each headline's rank is among: its "of N", as on the reports' tiles.

    Not the occupations with the figure: a CPS row shared by several SOCs is ranked,
    and counted, once (:func:`analysis.occupations.ranks.ranked`).
    """
    return {h.key: ranked(h.key).of for h in HEADLINES}


def headline_totals() -> dict[str, float | None]:
    """Each headline's figure for all occupations: the source's own total row, or None."""
    return {h.key: ranked(h.key).all_occupations for h in HEADLINES}


def group_row(group_prefix: str) -> dict[str, float | str | None] | None:
    """OEWS's published total for a SOC group ("29-1" minor, "29" major), or None.

    OEWS codes a minor group as its first detailed digit followed by zeros
    (29-1000, 15-1200) at occupation level 1, and a major group as XX-0000.
    """
    return _group_rows().get(group_prefix)


@lru_cache(maxsize=1)
def _group_rows() -> dict[str, dict[str, float | str | None]]:
    nat = national_by_soc()
    groups = nat[nat["occupation_level"].isin([0, 1]) & (nat.index != ALL_OCCUPATIONS_SOC)]
    out: dict[str, dict[str, float | str | None]] = {}
    for code, level, wage, jobs in zip(
        groups.index,
        groups["occupation_level"],
        groups["annual_mean_wage"],
        groups["employment"],
        strict=True,
    ):
        prefix = code[:4] if level == 1 else code[:2]
        out.setdefault(
            prefix, {"code": code, "annual_mean_wage": _float(wage), "employment": _float(jobs)}
        )
    return out


def _float(value: object) -> float | None:
    return None if pd.isna(value) else float(value)
