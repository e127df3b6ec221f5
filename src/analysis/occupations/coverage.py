"""How many occupations have each kind of figure: the README's coverage table.

Beside the count, each figure says how many occupations have it from a row of
their own and how many from a group's row (an EP Table 5.3 row BLS marks "not an
exact match with ACS", a Census occupation covering several SOC codes, EP Table
6.2 skills BLS imputed from similar O*NET occupations, the broad field-of-degree
groups); see :mod:`analysis.occupations.source_rows`.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import dataset
from analysis.data.sources.catalog import SOURCES
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

    onet, oews, ep = SOURCES["onet"].label, SOURCES["oews"].label, SOURCES["ep"]

    rows = [
        ("Description", onet, having(occ, "description"), set()),
        ("Employment", oews, having(nat, "employment"), set()),
        ("Annual mean wage (with RSE)", oews, having(nat, "annual_mean_wage"), set()),
        ("Annual median wage", oews, having(nat, "annual_median_wage"), set()),
        (
            f"Growth {ep.vintage}",
            "BLS EP Table 1.2",
            having(dataset.table("projections"), "employment_change_pct_2024_2034"),
            set(),
        ),
        (
            "Educational attainment",
            ep.file_label("education"),
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
            f"{onet} (.00 occupation only)",
            having(dataset.base_onet_rows(dataset.table("onet_ete")), "pct"),
            set(),
        ),
        (
            "Census occupation (crosswalk)",
            SOURCES["census_crosswalk"].label,
            having(demo, "census_code"),
            census_group,
        ),
        (
            "Women share, race shares",
            SOURCES["cps11"].label,
            having(demo, "women_pct"),
            census_group,
        ),
        ("Median age", SOURCES["cps11b"].label, having(demo, "median_age"), census_group),
        (
            "Women's pay as % of men's",
            SOURCES["cps39"].label,
            having(earn, "women_to_men_earnings_pct"),
            census_group,
        ),
        (
            "Skills (importance, level)",
            f"{SOURCES['onet'].file_label('skills')} (.00 occupation only)",
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
            SOURCES["acs_field_of_degree"].label,
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
