"""How many occupations have each kind of figure: the README's coverage table."""

from __future__ import annotations

import pandas as pd

from analysis.data import dataset
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

    rows = [
        ("Description", "O*NET 30.1", having(occ, "description")),
        ("Employment", "OEWS May 2025", having(nat, "employment")),
        ("Annual mean wage (with RSE)", "OEWS May 2025", having(nat, "annual_mean_wage")),
        ("Annual median wage", "OEWS May 2025", having(nat, "annual_median_wage")),
        (
            "Growth 2024-34",
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
            "O*NET 30.1",
            having(dataset.table("onet_ete"), "pct"),
        ),
        ("Census occupation (crosswalk)", "Census 2018", having(demo, "census_code")),
        ("Women share, race shares", "CPS Table 11 (2023)", having(demo, "women_pct")),
        ("Median age", "CPS Table 11b (2025)", having(demo, "median_age")),
        (
            "Women's pay as % of men's",
            "CPS Table 39 (2025)",
            having(earn, "women_to_men_earnings_pct"),
        ),
        (
            "Skills (importance, level)",
            "O*NET 30.x",
            having(dataset.table("onet_skills"), "importance"),
        ),
        ("Top 3 skills", "BLS EP Table 6.2", having(dataset.table("ep_skills"), "skill")),
        (
            "Field-of-degree group",
            "ACS 2019",
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
