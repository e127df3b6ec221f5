"""The ``occupations`` table: one row per OEWS detailed occupation, its headline figures.

Each column is the profile's figure of the same name (``analysis profile``),
read from the processed tables for all occupations at once: OEWS national
pay, percentiles, RSEs and jobs; the EP growth, openings and entry
requirements; the most common education (EP Table 5.3); the CPS
demographics and women's pay relative to men's; the ranks among the 830
(``occupations/ranks.py``); and where each group of figures comes from (own
row or a group's, which Census occupation, which O*NET code).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data import dataset
from analysis.occupations import pay, ranks, source_rows
from analysis.occupations.profile import OEWS_FIELDS

EP_COLUMNS = {
    "employment_change_pct_2024_2034": "employment_change_pct_2024_2034",
    "employment_2024_thousands": "employment_2024",
    "employment_2034_thousands": "employment_2034",
    "annual_openings_thousands": "annual_openings",
    "self_employed_pct_2024": "self_employed_pct_2024",
}
"""Profile field -> column of the EP ``projections`` table (as ``profile._add_projections``)."""

ENTRY_COLUMNS = ("typical_entry_education", "work_experience", "typical_ojt")
CPS_COLUMNS = ("median_age", "women_pct", "white_pct", "black_pct", "asian_pct", "hispanic_pct")
EARNINGS_COLUMNS = (
    "total_median_weekly",
    "men_median_weekly",
    "women_median_weekly",
    "women_to_men_earnings_pct",
)
RACE_COLUMNS = ("white_pct", "black_pct", "asian_pct", "hispanic_pct")
"""The CPS race shares of the profile's ``race_pct`` (white, black, asian, hispanic)."""

RANKED = tuple(ranks.MEASURES)
"""Figures ranked among all occupations; each gets a ``<figure>_rank`` column."""


def _by_soc(frame: pd.DataFrame, socs: pd.Index, columns: list[str]) -> pd.DataFrame:
    """The first row per SOC code of ``frame`` (as the profile's ``_one``), in ``socs`` order."""
    first = frame.drop_duplicates("soc").set_index("soc")
    return first.reindex(socs)[columns]


def _most_common_education(socs: pd.Index) -> pd.DataFrame:
    """The level with the largest share (ties: the lower level), as the profile picks it."""
    edu = dataset.table("education_attainment").dropna(subset=["share_pct"])
    edu = edu.sort_values(["soc", "share_pct", "level_order"], ascending=[True, False, True])
    top = edu.drop_duplicates("soc").set_index("soc").reindex(socs)
    return pd.DataFrame(
        {"most_common_education": top["level"], "most_common_education_pct": top["share_pct"]},
        index=socs,
    )


def _joined(socs: tuple[str, ...]) -> str | None:
    return "; ".join(socs) if socs else None


def _source_identity(socs: pd.Index) -> pd.DataFrame:
    """Where each occupation's EP attainment, CPS and O*NET figures come from.

    Built with :func:`analysis.occupations.source_rows.source_rows_of`, the
    function the profile uses (once per occupation, not per pair).
    """
    rows = []
    for soc in socs:
        src = source_rows.source_rows_of(soc)
        ep, cps = src.education_attainment, src.cps
        rows.append(
            {
                "ep_attainment_group_row": None if ep is None else ep.group_row,
                "ep_attainment_footnote_1": None if ep is None else ep.footnote_1,
                "ep_attainment_sharing_socs": None if ep is None else _joined(ep.sharing_socs),
                "ep_attainment_note": None if ep is None else ep.note,
                "census_code": None if cps is None else cps.census_code,
                "census_title": None if cps is None else cps.census_title,
                "census_group_row": None if cps is None else cps.group_row,
                "census_sharing_socs": None if cps is None else _joined(cps.sharing_socs),
                "census_note": None if cps is None else cps.note,
                "onet_code": src.onet_skills.onet_code,
                "onet_skills_code": src.onet_skills.onet_source_code,
                "onet_skills_note": src.onet_skills.note,
                "onet_education_experience_code": src.onet_education_experience.onet_source_code,
                "onet_education_experience_note": src.onet_education_experience.note,
            }
        )
    frame = pd.DataFrame(rows, index=socs)
    for column in ("ep_attainment_group_row", "ep_attainment_footnote_1", "census_group_row"):
        frame[column] = frame[column].astype("boolean")
    return frame


def _ranks(socs: pd.Index) -> pd.DataFrame:
    """Rank among all occupations (1 = highest; ties share the better rank) of each figure."""
    out = {}
    for key in RANKED:
        # the same ranking as ranks.standing(), read for every occupation at once
        ranked = ranks.ranked(key).ranks
        out[f"{key}_rank"] = pd.array([ranked.get(s) for s in socs], dtype="Int64")
    return pd.DataFrame(out, index=socs)


def _ranked_counts() -> dict[str, int]:
    """How many occupations have each ranked figure (each rank's denominator)."""
    return {key: ranks.ranked(key).of for key in RANKED}


def occupations_frame() -> pd.DataFrame:
    """Every OEWS detailed occupation with its headline figures and their source identity.

    Returns:
        One row per SOC code (830), sorted by SOC; missing figures are null.
    """
    occ = dataset.table("occupations").sort_values("soc")
    socs = pd.Index(occ["soc"].astype(str), name="soc")
    base = occ.set_index("soc")[["title", "major_group", "major_group_title"]]
    oews = _by_soc(pay.national_rows(), socs, list(OEWS_FIELDS))
    # OEWS has one wage RSE per cell: it belongs to the annual mean only where one is published.
    oews.insert(
        oews.columns.get_loc("wage_rse") + 1,
        "annual_mean_wage_rse",
        oews["wage_rse"].where(oews["annual_mean_wage"].notna()),
    )
    ep = _by_soc(dataset.table("projections"), socs, list(EP_COLUMNS.values()))
    ep.columns = list(EP_COLUMNS)
    entry = _by_soc(dataset.table("entry_requirements"), socs, list(ENTRY_COLUMNS))
    demo = _by_soc(dataset.table("demographics"), socs, list(CPS_COLUMNS))
    earnings = _by_soc(dataset.table("gender_earnings"), socs, list(EARNINGS_COLUMNS))
    out = pd.concat(
        [
            base.reindex(socs),
            oews,
            ep,
            entry,
            _most_common_education(socs),
            demo,
            earnings,
            _ranks(socs),
            _source_identity(socs),
        ],
        axis=1,
    )
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].astype("string")
        elif out[column].dtype.kind == "f":
            out[column] = out[column].astype(np.float64)
    return out.reset_index()
