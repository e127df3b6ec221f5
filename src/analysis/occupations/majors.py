"""Most common bachelor's field of degree, by broad occupation group (Census ACS 2019).

The Census table covers 20 broad occupation groups, not detailed occupations,
so the figure answers "the most common major among bachelor's holders in this
occupation's group"; labels say so.
"""

from __future__ import annotations

from analysis.data import dataset
from analysis.occupations.contract import PublishedMajor

PANEL = "Total"
RELEASE = "ACS 2019"


def most_common_major(soc: str) -> PublishedMajor | None:
    """The largest field of bachelor's degree in the occupation's group.

    Args:
        soc: SOC code.

    Returns:
        The major, where ``share_pct`` is the
        field's share of bachelor's holders (aged 25-64) in the group summed
        over the table's 15 fields; None when no group covers the occupation.
    """
    row = dataset.soc_rows("degree_groups", soc)
    if row.empty or row["occupation_group"].isna().iloc[0]:
        return None
    group = str(row["occupation_group"].iloc[0])
    fields = dataset.table("field_of_degree")
    cells = fields[(fields["panel"] == PANEL) & (fields["occupation_group"] == group)]
    cells = cells.dropna(subset=["number"])
    if cells.empty:
        return None
    top = cells.sort_values(["number", "field"], ascending=[False, True]).iloc[0]
    share = round(float(top["number"]) / float(cells["number"].sum()) * 100, 1)
    return PublishedMajor(field=str(top["field"]), share_pct=share, group=group, release=RELEASE)
