"""Compare two professions: load both profiles and their tables, compute every gap.

This is the stage between the data (``dataset``/``profile``) and what readers
see (``narrative``, ``tables``, ``plots``). :class:`Comparison` holds two typed
profiles and their :class:`analysis.comparison.contract.Gaps`, and the frames
the notebooks plot; its ``to_json`` is the JSON of ``analysis compare``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self

import pandas as pd

from analysis.comparison import gaps, stats
from analysis.comparison.by_area import ByArea, by_area
from analysis.comparison.contract import Gaps, SkillGaps
from analysis.data import dataset
from analysis.errors import UserInputError
from analysis.occupations import pay
from analysis.occupations.contract import SEED, Profile
from analysis.occupations.profile import profile


@dataclass
class Comparison:
    """Two profiles, their gaps, and the per-area/per-skill frames behind them."""

    a: Profile
    b: Profile
    dataset: str
    gaps: Gaps
    states_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    states_b: pd.DataFrame = field(default_factory=pd.DataFrame)
    metros_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    metros_b: pd.DataFrame = field(default_factory=pd.DataFrame)
    industries_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    industries_b: pd.DataFrame = field(default_factory=pd.DataFrame)
    state_comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    by_area: ByArea = field(default_factory=ByArea.empty)
    """The mean-wage gap in every state and metro area (empty for the seed dataset)."""

    def to_json(self) -> dict[str, Any]:
        """Return the ``analysis compare --format json`` payload."""
        return {
            "dataset": self.dataset,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "gaps": self.gaps.to_json(),
            "confidence_level": stats.CONFIDENCE,
            "by_area": self.by_area.to_json(),
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> Self:
        """Read a comparison back from its JSON (a report's ``<pair>.json``); no frames.

        Raises:
            ValueError: The payload is not a compare JSON this version writes.
        """
        try:
            return cls(
                a=Profile.from_json(payload["a"]),
                b=Profile.from_json(payload["b"]),
                dataset=payload["dataset"],
                gaps=Gaps.from_json(payload["gaps"]),
                # a report written before the by-area section has none
                by_area=ByArea.from_json(payload["by_area"])
                if "by_area" in payload
                else ByArea.empty(),
            )
        except (KeyError, TypeError) as err:
            raise ValueError(f"not a compare JSON: {type(err).__name__}: {err}") from None


def _skills(soc: str | None) -> pd.DataFrame:
    if soc is None:
        return pd.DataFrame(columns=["skill", "importance"])
    return dataset.base_onet_rows(dataset.soc_rows("onet_skills", soc))


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
    a = profile(query_a, dataset_name)
    b = profile(query_b, dataset_name)
    same = (a.soc is not None and a.soc == b.soc) or a.title == b.title
    if same:
        raise UserInputError(
            f"'{query_a}' and '{query_b}' both name {a.soc or ''} {a.title}".replace("  ", " ")
            + ". A comparison needs two different occupations."
        )

    def grouped(skills: SkillGaps) -> Gaps:
        return Gaps(
            pay=gaps.pay_gaps(a, b),
            education=gaps.education_gap(a, b),
            demographics=gaps.demographic_gap(a, b),
            skills=skills,
        )

    if dataset_name == SEED:
        return Comparison(a, b, dataset_name, grouped(gaps.seed_skills_gap(a, b)))
    wages_a = dataset.soc_rows("oews_wages", a.soc)
    wages_b = dataset.soc_rows("oews_wages", b.soc)
    states_a, states_b = pay.top_states(wages_a, None), pay.top_states(wages_b, None)
    return Comparison(
        a,
        b,
        dataset_name,
        grouped(gaps.skills_gap(_skills(a.soc), _skills(b.soc), socs=(a.soc, b.soc))),
        states_a=states_a,
        states_b=states_b,
        metros_a=pay.top_metros(wages_a, 5),
        metros_b=pay.top_metros(wages_b, 5),
        industries_a=pay.top_industries(wages_a, 5),
        industries_b=pay.top_industries(wages_b, 5),
        state_comparison=gaps.state_comparison(states_a, states_b),
        by_area=by_area(wages_a, wages_b, (a.title, b.title)),
    )


def compare(query_a: str, query_b: str, dataset_name: str = "public") -> dict[str, Any]:
    """Return the JSON contract of ``analysis compare`` for two professions."""
    return comparison(query_a, query_b, dataset_name).to_json()
