"""Compare two professions: load both profiles and their tables, compute every gap.

This is the stage between the data (``dataset``/``profile``) and what readers
see (``narrative``, ``tables``, ``plots``). :class:`Comparison` holds two typed
profiles and their :class:`analysis.comparison.contract.Gaps`, and the frames
the notebooks plot; its ``to_json`` is the JSON of ``analysis compare``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Self

import pandas as pd

from analysis.comparison import gaps, stats, transition
from analysis.comparison.by_area import ByArea, by_area
from analysis.comparison.contract import Gaps, SkillGaps
from analysis.data import dataset
from analysis.errors import UserInputError
from analysis.occupations import pay
from analysis.occupations.contract import SEED, Area, Profile
from analysis.occupations.profile import area_row, check_area, profile


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
    area: Area | None = None
    """The OEWS area the pay and jobs gaps are computed in; None for the nation."""
    by_area: ByArea = field(default_factory=ByArea.empty)
    """The mean-wage gap in every state and metro area (empty for the seed dataset)."""

    def to_json(self) -> dict[str, Any]:
        """Return the ``analysis compare --format json`` payload.

        A comparison in an area carries a top-level ``area`` object (``code``,
        ``name``, ``kind``); a national one has no such key.
        """
        where = {} if self.area is None else {"area": self.area.to_json()}
        return {
            "dataset": self.dataset,
            **where,
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
                area=Area.from_json(payload["area"]) if payload.get("area") else None,
                # a report written before the by-area section has none
                by_area=ByArea.from_json(payload["by_area"])
                if "by_area" in payload
                else ByArea.empty(),
            )
        except (KeyError, TypeError) as err:
            raise ValueError(f"not a compare JSON: {type(err).__name__}: {err}") from None


@lru_cache(maxsize=512)
def _ranked_places(soc: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One occupation's states (all), top metros and top industries by mean wage.

    Kept per occupation, as its profile is: a kernel of a batch compares one
    occupation with several in a row, and the three rankings cost ~9 ms.
    """
    wages = dataset.soc_rows("oews_wages", soc)
    return pay.top_states(wages, None), pay.top_metros(wages, 5), pay.top_industries(wages, 5)


def _places(soc: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`_ranked_places` as copies: a caller may change the frames a comparison holds."""
    states, metros, industries = _ranked_places(soc)
    return states.copy(), metros.copy(), industries.copy()


def _skills(soc: str | None) -> pd.DataFrame:
    if soc is None:
        return pd.DataFrame(columns=["skill", "importance"])
    return dataset.base_onet_rows(dataset.soc_rows("onet_skills", soc))


AREA_HEADLINE = ("employment", "annual_mean_wage", "hourly_mean_wage")
"""An occupation counts as published in an area when OEWS releases one of these there."""


def _published_in_area(p: Profile) -> bool:
    """True when the area profile ``p`` has any of :data:`AREA_HEADLINE` published."""
    return any(getattr(p, key) is not None for key in AREA_HEADLINE)


def _neither(a: tuple[str, str], b: tuple[str, str], area: Area) -> UserInputError:
    state = "; try its state, or the nation (no --area)" if area.kind != "state" else ""
    return UserInputError(
        f"OEWS publishes neither {a[0]} {a[1]} nor {b[0]} {b[1]} in {area.name} "
        f"({area.kind}, area code {area.code}): no jobs or mean wage of either is released "
        f"there, so there is nothing to compare{state}."
    )


def _check_published(a: Profile, b: Profile, area: Area) -> None:
    """Refuse a pair of which OEWS publishes neither occupation in the area.

    Raises:
        UserInputError: Neither has jobs or a mean wage published in ``area``.
    """
    if not (_published_in_area(a) or _published_in_area(b)):
        raise _neither((a.soc or "", a.title), (b.soc or "", b.title), area)


def check_pair_in_area(soc_a: str, soc_b: str, area: Area) -> None:
    """:func:`_check_published` from the two occupations' area cells, without their profiles.

    For the command line and the batch, which refuse such a pair before a kernel starts.

    Raises:
        UserInputError: Neither has jobs or a mean wage published in ``area``.
    """

    def published(soc: str) -> bool:
        row = area_row(soc, area.code)
        return row is not None and bool(row[list(AREA_HEADLINE)].notna().any())

    if not (published(soc_a) or published(soc_b)):
        titles = dataset.table("occupations").set_index("soc")["title"]
        raise _neither((soc_a, str(titles[soc_a])), (soc_b, str(titles[soc_b])), area)


def comparison(
    query_a: str, query_b: str, dataset_name: str = "public", area: str | Area | None = None
) -> Comparison:
    """Resolve two professions and compute every gap between them.

    Args:
        query_a: First profession (SOC code or title).
        query_b: Second profession.
        dataset_name: ``"public"`` or ``"seed"``.
        area: An OEWS area (or what a reader typed for one); the pay and jobs
            gaps are then the area's. None or "" for the nation.

    Returns:
        The comparison (differences are a - b).

    Raises:
        UserInputError: Both queries name the same occupation; OEWS publishes
            neither in the area; an area with the seed dataset.
        OccupationLookupError: A query is unknown or ambiguous.
        AreaLookupError: The area is unknown or ambiguous.
    """
    where = check_area(area, dataset_name)
    a = profile(query_a, dataset_name, where)
    b = profile(query_b, dataset_name, where)
    same = (a.soc is not None and a.soc == b.soc) or a.title == b.title
    if same:
        raise UserInputError(
            f"'{query_a}' and '{query_b}' both name {a.soc or ''} {a.title}".replace("  ", " ")
            + ". A comparison needs two different occupations."
        )
    if where is not None:
        _check_published(a, b, where)

    def grouped(skills: SkillGaps, skills_a: pd.DataFrame, skills_b: pd.DataFrame) -> Gaps:
        return Gaps(
            pay=gaps.pay_gaps(a, b),
            education=gaps.education_gap(a, b),
            demographics=gaps.demographic_gap(a, b),
            skills=skills,
            transition=transition.transition_between(a, b, skills_a, skills_b),
        )

    if dataset_name == SEED:
        none = pd.DataFrame()
        return Comparison(a, b, dataset_name, grouped(gaps.seed_skills_gap(a, b), none, none))
    wages_a = dataset.soc_rows("oews_wages", a.soc)
    wages_b = dataset.soc_rows("oews_wages", b.soc)
    states_a, metros_a, industries_a = _places(a.soc)
    states_b, metros_b, industries_b = _places(b.soc)
    skills_a, skills_b = _skills(a.soc), _skills(b.soc)
    return Comparison(
        a,
        b,
        dataset_name,
        grouped(gaps.skills_gap(skills_a, skills_b, socs=(a.soc, b.soc)), skills_a, skills_b),
        states_a=states_a,
        states_b=states_b,
        metros_a=metros_a,
        metros_b=metros_b,
        industries_a=industries_a,
        industries_b=industries_b,
        state_comparison=gaps.state_comparison(states_a, states_b),
        area=where,
        by_area=by_area(wages_a, wages_b, (a.title, b.title)),
    )


def compare(
    query_a: str, query_b: str, dataset_name: str = "public", area: str | Area | None = None
) -> dict[str, Any]:
    """Return the JSON contract of ``analysis compare`` for two professions."""
    return comparison(query_a, query_b, dataset_name, area).to_json()
