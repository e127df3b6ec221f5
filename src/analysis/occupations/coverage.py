"""How many occupations have each kind of figure: the README's coverage table.

Beside the count, each figure says how many occupations have it from a row of
their own and how many from a group's row (an EP Table 5.3 row BLS marks "not an
exact match with ACS", a Census occupation covering several SOC codes, EP Table
6.2 skills BLS imputed from similar O*NET occupations); see
:mod:`analysis.occupations.source_rows`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import dataset
from analysis.occupations import pay, source_rows


def _ep_group_socs() -> set[str]:
    socs = dataset.table("occupations")["soc"]
    return {s for s in socs if (row := source_rows.ep_attainment_row(s)) and row.group_row}


def _census_group_socs() -> set[str]:
    demo = dataset.table("demographics")
    return set(demo.loc[demo["socs_sharing_census_code"].fillna(0) > 1, "soc"])


def coverage_table() -> pd.DataFrame:
    """Count the OEWS detailed occupations that have each group of figures.

    Returns:
        One row per figure: what it is, its source, how many of the occupations
        have it (and the share), and how many of those have it from their own
        row or from a group's row.
    """
    occ = dataset.table("occupations")
    socs = set(occ["soc"])
    wages = dataset.table("oews_wages")
    nat = pay.cross_industry(wages, "national")
    demo = dataset.table("demographics")
    earn = dataset.table("gender_earnings")
    ep_skills = dataset.table("ep_skills")
    census_group = _census_group_socs()

    def having(frame: pd.DataFrame, column: str) -> set[str]:
        return set(frame.loc[frame[column].notna(), "soc"]) & socs

    rows = [
        ("Description", "O*NET 30.1", having(occ, "description"), set()),
        ("Employment", "OEWS May 2025", having(nat, "employment"), set()),
        ("Annual mean wage (with RSE)", "OEWS May 2025", having(nat, "annual_mean_wage"), set()),
        ("Annual median wage", "OEWS May 2025", having(nat, "annual_median_wage"), set()),
        (
            "Growth 2024-34",
            "BLS EP Table 1.2",
            having(dataset.table("projections"), "employment_change_pct_2024_2034"),
            set(),
        ),
        (
            "Educational attainment",
            source_rows.EP_TABLE.label,
            having(dataset.table("education_attainment"), "share_pct"),
            _ep_group_socs(),
        ),
        (
            "Entry education",
            "BLS EP Table 5.4",
            having(dataset.table("entry_requirements"), "typical_entry_education"),
            set(),
        ),
        (
            "Education / experience distributions",
            "O*NET 30.1 (.00 occupation only)",
            having(dataset.base_onet_rows(dataset.table("onet_ete")), "pct"),
            set(),
        ),
        ("Census occupation (crosswalk)", "Census 2018", having(demo, "census_code"), census_group),
        (
            "Women share, race shares",
            "CPS Table 11 (2023)",
            having(demo, "women_pct"),
            census_group,
        ),
        ("Median age", "CPS Table 11b (2025)", having(demo, "median_age"), census_group),
        (
            "Women's pay as % of men's",
            "CPS Table 39 (2025)",
            having(earn, "women_to_men_earnings_pct"),
            census_group,
        ),
        (
            "Skills (importance, level)",
            "O*NET 30.x (.00 occupation only)",
            having(dataset.base_onet_rows(dataset.table("onet_skills")), "importance"),
            set(),
        ),
        (
            "Top 3 skills",
            "BLS EP Table 6.2",
            having(ep_skills, "skill"),
            having(ep_skills, "footnote"),  # "imputed from similar O*NET-SOC occupation(s)"
        ),
        (
            "Field-of-degree group",
            "ACS 2019",
            having(dataset.table("degree_groups"), "occupation_group"),
            having(dataset.table("degree_groups"), "occupation_group"),  # broad groups only
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
                "own row": len(found - group),
                "group row": len(found & group),
            }
            for label, source, found, group in rows
        ]
    )
