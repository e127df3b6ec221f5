"""Compare two professions: load both profiles and their tables, compute every gap.

This is the stage between the data (``dataset``/``profile``) and what readers
see (``narrative``, ``tables``, ``plots``). :func:`compare` returns the JSON
contract of ``analysis compare``; :class:`Comparison` also carries the frames
the notebooks plot.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.comparison import gaps, stats
from analysis.data import dataset
from analysis.errors import UserInputError
from analysis.occupations import pay
from analysis.occupations.profile import Profile, profile


@dataclass
class Comparison:
    """Two profiles, their gaps, and the per-area/per-skill frames behind them."""

    a: Profile
    b: Profile
    dataset: str
    gaps: dict[str, Any]
    states_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    states_b: pd.DataFrame = field(default_factory=pd.DataFrame)
    metros_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    metros_b: pd.DataFrame = field(default_factory=pd.DataFrame)
    industries_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    industries_b: pd.DataFrame = field(default_factory=pd.DataFrame)
    state_comparison: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_json(self) -> dict[str, Any]:
        """Return the ``analysis compare --format json`` payload."""
        return {
            "dataset": self.dataset,
            "a": self.a,
            "b": self.b,
            "gaps": self.gaps,
            "confidence_level": stats.CONFIDENCE,
        }


def _skills(soc: str | None) -> pd.DataFrame:
    if soc is None:
        return pd.DataFrame(columns=["skill", "importance"])
    return dataset.base_onet_rows(dataset.soc_rows("onet_skills", soc))


def _headline(
    pay_gaps: dict[str, Any], demo: dict[str, Any], edu: dict[str, Any], skills: dict[str, Any]
) -> dict[str, Any]:
    """The flat keys of the compare contract, next to the grouped detail."""
    return {
        "annual_mean_wage": pay_gaps["annual_mean_wage"],
        "hourly_mean_wage": pay_gaps["hourly_mean_wage"],
        "women_pct": demo["women_pct"],
        "median_age": demo["median_age"],
        "women_to_men_earnings_pct": demo["women_to_men_earnings_pct"],
        "education_dissimilarity": edu["education_dissimilarity"],
        "race_dissimilarity": demo["race_dissimilarity"],
        "skill_profile_correlation": skills["skill_profile_correlation"],
        "pay": pay_gaps,
        "education": edu,
        "demographics": demo,
        "skills": skills,
    }


def comparison(query_a: str, query_b: str, dataset_name: str = "public") -> Comparison:
    """Resolve two professions and compute every gap between them.

    Args:
        query_a: First profession (SOC code or title).
        query_b: Second profession.
        dataset_name: ``"public"`` or ``"seed"``.

    Returns:
        The comparison (differences are a - b).

    Raises:
        UserInputError: Both queries name the same occupation.
        OccupationLookupError: A query is unknown or ambiguous.
    """
    a = copy.deepcopy(profile(query_a, dataset_name))
    b = copy.deepcopy(profile(query_b, dataset_name))
    same = (a["soc"] is not None and a["soc"] == b["soc"]) or a["title"] == b["title"]
    if same:
        raise UserInputError(
            f"'{query_a}' and '{query_b}' both name {a.get('soc') or ''} {a['title']}".replace(
                "  ", " "
            )
            + ". A comparison needs two different occupations."
        )
    pay_gaps = gaps.pay_gaps(a, b)
    edu = gaps.education_gap(a, b)
    demo = gaps.demographic_gap(a, b)
    if dataset_name == "seed":
        skills = {
            "top3_a": a.get("top_skills") or [],
            "top3_b": b.get("top_skills") or [],
            "shared_top": [
                s for s in a.get("top_skills") or [] if s in (b.get("top_skills") or [])
            ],
            "top_n": 3,
            "skill_profile_correlation": None,
            "skill_profile_correlation_reason": "the seed page rates no skills",
            "measure": "the seed page lists three skills each; no ratings",
        }
        return Comparison(a, b, dataset_name, _headline(pay_gaps, demo, edu, skills))
    skills = gaps.skills_gap(_skills(a["soc"]), _skills(b["soc"]))
    wages_a = dataset.rows_for("oews_wages", a["soc"])
    wages_b = dataset.rows_for("oews_wages", b["soc"])
    states_a, states_b = pay.top_states(wages_a, None), pay.top_states(wages_b, None)
    return Comparison(
        a,
        b,
        dataset_name,
        _headline(pay_gaps, demo, edu, skills),
        states_a=states_a,
        states_b=states_b,
        metros_a=pay.top_metros(wages_a, 5),
        metros_b=pay.top_metros(wages_b, 5),
        industries_a=pay.top_industries(wages_a, 5),
        industries_b=pay.top_industries(wages_b, 5),
        state_comparison=gaps.state_comparison(states_a, states_b),
    )


def compare(query_a: str, query_b: str, dataset_name: str = "public") -> dict[str, Any]:
    """Return the JSON contract of ``analysis compare`` for two professions."""
    return comparison(query_a, query_b, dataset_name).to_json()
