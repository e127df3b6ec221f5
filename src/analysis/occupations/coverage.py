"""How many occupations have each kind of figure: the README's coverage table."""

from __future__ import annotations

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay


def coverage_table() -> pd.DataFrame:
    """Count the OEWS detailed occupations that have each group of figures.

    Returns:
        One row per figure: what it is, its source, and how many of the
        occupations have it (and the share).
    """
    occ = dataset.table("occupations")
    socs = set(occ["soc"])
    wages = dataset.table("oews_wages")
    nat = pay.cross_industry(wages, "national")
    demo = dataset.table("demographics")
    earn = dataset.table("gender_earnings")

    def having(frame: pd.DataFrame, column: str) -> set[str]:
        return set(frame.loc[frame[column].notna(), "soc"]) & socs

    onet, oews, ep = SOURCES["onet"].label, SOURCES["oews"].label, SOURCES["ep"]

    rows = [
        ("Description", onet, having(occ, "description")),
        ("Employment", oews, having(nat, "employment")),
        ("Annual mean wage (with RSE)", oews, having(nat, "annual_mean_wage")),
        ("Annual median wage", oews, having(nat, "annual_median_wage")),
        (
            f"Growth {ep.vintage}",
            "BLS EP Table 1.2",
            having(dataset.table("projections"), "employment_change_pct_2024_2034"),
        ),
        (
            "Educational attainment",
            "BLS EP Table 5.3",
            having(dataset.table("education_attainment"), "share_pct"),
        ),
        (
            "Entry education",
            "BLS EP Table 5.4",
            having(dataset.table("entry_requirements"), "typical_entry_education"),
        ),
        (
            "Education / experience distributions",
            onet,
            having(dataset.table("onet_ete"), "pct"),
        ),
        (
            "Census occupation (crosswalk)",
            SOURCES["census_crosswalk"].label,
            having(demo, "census_code"),
        ),
        ("Women share, race shares", SOURCES["cps11"].label, having(demo, "women_pct")),
        ("Median age", SOURCES["cps11b"].label, having(demo, "median_age")),
        (
            "Women's pay as % of men's",
            SOURCES["cps39"].label,
            having(earn, "women_to_men_earnings_pct"),
        ),
        (
            "Skills (importance, level)",
            SOURCES["onet"].file_label("skills"),
            having(dataset.table("onet_skills"), "importance"),
        ),
        ("Top 3 skills", "BLS EP Table 6.2", having(dataset.table("ep_skills"), "skill")),
        (
            "Field-of-degree group",
            SOURCES["acs_field_of_degree"].label,
            having(dataset.table("degree_groups"), "occupation_group"),
        ),
    ]
    total = len(socs)
    return pd.DataFrame(
        [
            {
                "figure": label,
                "source": source,
                "occupations": len(found),
                "share": f"{100 * len(found) / total:.0f}%",
            }
            for label, source, found in rows
        ]
    )
