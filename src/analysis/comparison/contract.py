"""The gap contract: each difference between two profiles, typed, and the group of them.

Every difference is ``a - b`` and every gap carries ``difference`` and
``reason``: the difference is None exactly when there is a reason it cannot be
given; two occupations published as one group row (EP Table 5.3 footnote 1, one
Census occupation) have no difference on that row's figures. ``caveat`` says
when a difference is given but one side is a group's row. :class:`Gaps` is the
``gaps`` object of ``analysis compare --format json``; its JSON also repeats
the headline gaps under flat keys (:data:`HEADLINE`), written from the one
grouped object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from analysis.occupations.contract import EducationShare
from analysis.records import Record


@dataclass(frozen=True)
class PlainGap(Record):
    """A difference a - b with no uncertainty (the source publishes no standard error)."""

    a: float | None
    b: float | None
    difference: float | None
    reason: str | None = None
    caveat: str | None = None
    """Set when a side's figure is a group's row (the difference stands, with this warning)."""
    base_a: float | None = None
    """CPS gaps: the first side's survey base (employed, thousands, same table row)."""
    base_b: float | None = None
    small_base: bool | None = None
    """CPS gaps: True when the smaller base is under ``gaps.SMALL_CPS_BASE_THOUSANDS``."""


@dataclass(frozen=True)
class Gap(Record):
    """Difference a - b of two independent estimates, with its uncertainty."""

    a: float | None
    b: float | None
    difference: float | None
    difference_pct: float | None
    se: float | None
    z: float | None
    ci95_low: float | None
    ci95_high: float | None
    significant: bool | None
    reason: str | None = None
    caveat: str | None = None
    note: str | None = None
    """How the SE was computed when the source's RSE needed reading (a published 0.0)."""
    difference_pct_ci95_low: float | None = None
    """95 % CI of ``difference_pct`` by the log ratio (back-transformed; asymmetric)."""
    difference_pct_ci95_high: float | None = None


@dataclass(frozen=True)
class TextSides(Record):
    """A categorical figure of each profession, side by side (no difference to take)."""

    a: str | None
    b: str | None


@dataclass(frozen=True)
class EducationSides(Record):
    """The most common education level of each profession, side by side."""

    a: EducationShare | None
    b: EducationShare | None


@dataclass(frozen=True)
class PayGaps(Record):
    """Mean wages and jobs with uncertainty (OEWS RSEs); medians, range and growth without."""

    annual_mean_wage: Gap
    hourly_mean_wage: Gap
    annual_median_wage: PlainGap
    annual_wage_p10: PlainGap
    annual_wage_p90: PlainGap
    employment: Gap
    employment_change_pct_2024_2034: PlainGap


@dataclass(frozen=True)
class EducationGaps(Record):
    """Dissimilarity of the attainment distributions, entry requirements side by side."""

    education_dissimilarity: float | None
    education_dissimilarity_reason: str | None
    most_common_education: EducationSides
    typical_entry_education: TextSides
    work_experience: TextSides
    typical_ojt: TextSides
    education_dissimilarity_caveat: str | None = None
    """Set when one side's attainment row is a group's row (EP Table 5.3 footnote 1)."""


@dataclass(frozen=True)
class RaceGaps(Record):
    """Differences in each CPS race share (percentage points)."""

    white: PlainGap
    black: PlainGap
    asian: PlainGap
    hispanic: PlainGap


@dataclass(frozen=True)
class DemographicGaps(Record):
    """Women's share, median age, race shares and women's pay relative to men's."""

    women_pct: PlainGap
    median_age: PlainGap
    race_pct: RaceGaps
    race_dissimilarity: float | None
    race_dissimilarity_reason: str | None
    women_to_men_earnings_pct: PlainGap
    shared_census_occupation: list[str]
    """Notes for a profession whose CPS figures describe a Census occupation shared by others."""
    race_dissimilarity_caveat: str | None = None
    """Set when one side's CPS figures are a Census occupation covering others too."""


@dataclass(frozen=True)
class SkillGaps(Record):
    """Top skills of each, the skills both rank high, and how alike the skill profiles are."""

    top3_a: list[str]
    top3_b: list[str]
    shared_top: list[str]
    top_n: int
    skill_profile_correlation: float | None
    skill_profile_correlation_reason: str | None
    measure: str


@dataclass(frozen=True)
class SkillStep(Record):
    """One O*NET skill's level (LV, 0-7) in the occupation left and the one joined.

    ``difference`` is ``level_to - level_from``; ``se`` is the combined
    standard error sqrt(se_from^2 + se_to^2) of the two analysts' ratings;
    ``ci95_low``/``ci95_high`` is difference +- 1.96 se and ``significant``
    |difference| >= 1.96 se (None when both ratings are unanimous, se 0).
    """

    skill: str
    element_id: str
    level_from: float | None
    level_to: float | None
    difference: float | None
    se: float | None
    ci95_low: float | None
    ci95_high: float | None
    significant: bool | None
    n_from: int | None
    n_to: int | None
    suppressed: bool
    """O*NET recommends suppressing either rating (Recommend Suppress = Y)."""
    low_n: bool
    """Either rating has fewer raters than ``transition.MIN_RATERS``."""
    flags: list[str]
    """Each flag in words ("the order clerks rating: O*NET recommends suppressing it")."""


@dataclass(frozen=True)
class EntryStep(Record):
    """One EP Table 5.4 assignment in the occupation left and the one joined.

    ``change`` is "higher", "lower" or "same" on BLS's ordered categories,
    "different" where the two are not ordered (apprenticeship vs
    internship/residency), None with ``reason`` where a side is missing.
    """

    value_from: str | None
    value_to: str | None
    change: str | None
    reason: str | None = None


@dataclass(frozen=True)
class TransitionDirection(Record):
    """What a worker in one occupation would need for the other (one direction)."""

    from_title: str
    to_title: str
    skills_to_raise: list[SkillStep]
    """Level higher in the target by more than ``se``, both ratings usable; largest first."""
    skills_not_counted: list[SkillStep]
    """Higher by more than ``se`` but a rating is suppressed or low-N: flagged, not counted."""
    skills_compared: int
    skills_reason: str | None
    """Why no skill is compared (no O*NET levels for a side); None when compared."""
    education: EntryStep
    """Typical entry education (EP Table 5.4)."""
    experience: EntryStep
    """Work experience in a related occupation (EP Table 5.4)."""
    training: EntryStep
    """Typical on-the-job training (EP Table 5.4)."""
    pay_change: Gap
    """Annual mean wage of the target minus the source's, with its CI (OEWS RSEs)."""


@dataclass(frozen=True)
class Transition(Record):
    """From A to B and from B to A: skills to raise, entry steps, pay change."""

    a_to_b: TransitionDirection
    b_to_a: TransitionDirection
    rule: str
    """The rule a skill is listed by, in words."""


HEADLINE: dict[str, tuple[str, str]] = {
    "annual_mean_wage": ("pay", "annual_mean_wage"),
    "hourly_mean_wage": ("pay", "hourly_mean_wage"),
    "women_pct": ("demographics", "women_pct"),
    "median_age": ("demographics", "median_age"),
    "women_to_men_earnings_pct": ("demographics", "women_to_men_earnings_pct"),
    "education_dissimilarity": ("education", "education_dissimilarity"),
    "race_dissimilarity": ("demographics", "race_dissimilarity"),
    "skill_profile_correlation": ("skills", "skill_profile_correlation"),
}
"""Flat JSON key -> (group, field): the headline gaps the JSON repeats at the top level."""


@dataclass(frozen=True)
class Gaps(Record):
    """Every gap between two profiles, grouped by topic; each is held once."""

    pay: PayGaps
    education: EducationGaps
    demographics: DemographicGaps
    skills: SkillGaps
    transition: Transition | None = None
    """From A to B and back (None only in a compare JSON written before it existed)."""

    def to_json(self) -> dict[str, Any]:
        """The grouped gaps plus the flat headline keys, both written from the groups."""
        out = super().to_json()
        for key, (group, name) in HEADLINE.items():
            out[key] = out[group][name]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        """Rebuild the gaps from their JSON (the flat headline copies are skipped)."""
        return super().from_json({k: v for k, v in data.items() if k not in HEADLINE})
