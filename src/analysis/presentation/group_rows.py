"""Plain words for a figure that is a group's published row, wherever the page shows it.

Two sources publish one row for several occupations, and the profile copies it
to each member (:mod:`analysis.occupations.source_rows`): CPS Tables 11, 11b and
39 publish Census occupations (9130 "Driver/sales workers and truck drivers"
covers three SOC codes), and BLS EP Table 5.3 gives many occupations the
attainment shares of a broader ACS group (footnote 1). Such a figure is not the
occupation's own, so tiles, table cells and charts mark it (:data:`MARK`) and a
footnote says whose figure it is, in words a reader can check ("This figure is
for the Census group 'Driver/sales workers and truck drivers', which also covers
Light Truck Drivers and Driver/Sales Workers.").
"""

from __future__ import annotations

from functools import lru_cache

from analysis.data import dataset
from analysis.occupations.contract import Profile

MARK = "group figure"
"""The visible marker beside a group's figure (the footnote names the group)."""

NAMED = 3
"""A note names at most this many other occupations of the group, then says how many more."""


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    occ = dataset.table("occupations")
    return dict(zip(occ["soc"].astype(str), occ["title"].astype(str), strict=True))


def _others(socs: tuple[str, ...]) -> str:
    """Name the other occupations: "Light Truck Drivers", "A, B, C and 4 more occupations"."""
    titles = _titles()
    named = [titles.get(s, s) for s in socs[:NAMED]]
    more = len(socs) - len(named)
    if more > 0:
        return ", ".join(named) + f" and {more} more occupation{'s' if more > 1 else ''}"
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def cps_group(p: Profile) -> str | None:
    """Whose CPS figure (women's share, race, median age, women's pay) ``p`` shows, if a group's.

    Returns:
        E.g. "This figure is for the Census group 'Driver/sales workers and truck
        drivers', which also covers Driver/Sales Workers and Light Truck Drivers."; None
        when the Census occupation is this occupation's alone (or for the seed dataset).
    """
    row = p.source_rows.cps if p.source_rows else None
    if row is None or not row.group_row:
        return None
    name = f"the Census group '{row.census_title}'" if row.census_title else "a Census group"
    return f"This figure is for {name}, which also covers {_others(row.sharing_socs)}."


def ep_group(p: Profile) -> str | None:
    """Whose educational attainment (EP Table 5.3) ``p`` shows, if a group's.

    Returns:
        E.g. "This education mix is BLS's figure for a broader group of occupations
        (Employment Projections Table 5.3 marks it 'not an exact match'), also given to
        Light Truck Drivers."; None when the row is the occupation's own.
    """
    row = p.source_rows.education_attainment if p.source_rows else None
    if row is None or not row.group_row:
        return None
    if row.footnote_1:
        head = (
            "This education mix is BLS's figure for a broader group of occupations "
            "(Employment Projections Table 5.3 marks it 'not an exact match')"
        )
        shared = f", also given to {_others(row.sharing_socs)}" if row.sharing_socs else ""
        return head + shared + "."
    return (
        "BLS Employment Projections Table 5.3 gives exactly the same education mix to "
        f"{_others(row.sharing_socs)}."
    )


def marked(name: str, group: str | None) -> str:
    """A chart side's name with the group marker when its figure is a group's."""
    return f"{name} ({MARK})" if group else name
