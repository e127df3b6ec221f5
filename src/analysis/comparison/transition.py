"""Pure functions: what a worker in one occupation would need for the other, both ways.

Three parts per direction: the O*NET skills whose level (LV scale, 0-7) is
higher in the target by more than the combined standard error of the two
ratings; the steps of BLS's entry assignment (EP Table 5.4: typical entry
education, related work experience, on-the-job training); and the change in
the annual mean wage with its confidence interval (the OEWS RSEs, the same
computation as the pay gap, signed target minus source).

A rating O*NET recommends suppressing (Recommend Suppress = "Y": its standard
error is large for its value) or one from fewer than :data:`MIN_RATERS` raters
is flagged and its difference is not counted as earned: it is listed apart, in
``skills_not_counted``, never silently used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.comparison import gaps
from analysis.comparison.contract import (
    EntryStep,
    Gap,
    SkillStep,
    Transition,
    TransitionDirection,
)
from analysis.occupations.contract import Profile, clean, is_missing
from analysis.occupations.sampling import z_critical

MIN_RATERS = 8
"""Fewer raters than this make a rating "low N".

O*NET's skill levels are rated by panels of eight occupational analysts; every
LV row of Skills.xlsx (O*NET 30.x) has N = 8, so the flag marks a rating from
a smaller panel than the database's own standard, should a release carry one.
"""

RULE = (
    "a skill is to raise when the target occupation's O*NET level exceeds the source's by "
    "more than the combined standard error of the two ratings (the square root of the sum of "
    "their squared standard errors); "
    "a rating O*NET recommends suppressing, or one from fewer than "
    f"{MIN_RATERS} raters, is flagged and not counted; a skill O*NET marks not relevant "
    "to the target is not listed"
)
"""The list's rule in words (``gaps.transition.rule`` of the compare JSON)."""

ENTRY_EDUCATION_ORDER = (
    "No formal educational credential",
    "High school diploma or equivalent",
    "Some college, no degree",
    "Postsecondary nondegree award",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
)
"""EP Table 5.4's education categories, lowest first (BLS's own order)."""

EXPERIENCE_ORDER = ("None", "Less than 5 years", "5 years or more")
"""EP Table 5.4's work-experience categories, least first."""

TRAINING_ORDER = (
    "None",
    "Short-term on-the-job training",
    "Moderate-term on-the-job training",
    "Long-term on-the-job training",
)
"""EP Table 5.4's on-the-job training by length, shortest first.

Apprenticeship and Internship/residency are not on this scale (BLS does not
order them against each other), so a move between them or to them from a
term of training is "different", not higher or lower.
"""


def _order_change(value_from: str | None, value_to: str | None, order: tuple[str, ...]) -> str:
    if value_from == value_to:
        return "same"
    if value_from in order and value_to in order:
        return "higher" if order.index(value_to) > order.index(value_from) else "lower"
    return "different"


SEED_NO_ENTRY = "the seed page gives no EP Table 5.4 assignment"


def entry_step(
    value_from: Any, value_to: Any, order: tuple[str, ...], missing: str | None = None
) -> EntryStep:
    """One EP Table 5.4 assignment, from one occupation to the other.

    Args:
        value_from: The source occupation's category (BLS's words).
        value_to: The target's.
        order: The categories that are ordered, lowest first.
        missing: The reason when a side is missing (default: BLS assigns none).

    Returns:
        The step; ``change`` None with a reason when a side is missing.
    """
    a, b = clean(value_from), clean(value_to)
    if a is None or b is None:
        side = "occupation left" if a is None else "occupation joined"
        reason = missing or f"EP Table 5.4 assigns no category to the {side}"
        return EntryStep(a, b, None, reason)
    return EntryStep(a, b, _order_change(a, b, order))


def _flag(title: str, row: Mapping[str, Any]) -> list[str]:
    flags = []
    # a pandas boolean (or NA where the file says 'n/a'), never the object True
    suppress = clean(row.get("level_recommend_suppress"))
    if suppress is not None and bool(suppress):
        flags.append(f"the {title} rating: O*NET recommends suppressing it")
    n = clean(row.get("level_n"))
    if n is not None and n < MIN_RATERS:
        flags.append(f"the {title} rating: {int(n)} raters (fewer than {MIN_RATERS})")
    return flags


def _int(value: Any) -> int | None:
    value = clean(value)
    return None if value is None else int(value)


def _skill_step(
    row_from: pd.Series, row_to: pd.Series, title_from: str, title_to: str
) -> SkillStep:
    """One skill's level in the occupation left and the one joined, with its interval.

    Args:
        row_from: The source's ``onet_skills`` row (``level``, ``level_se``,
            ``level_n``, ``level_recommend_suppress``).
        row_to: The target's row for the same skill.
        title_from: The source's name, for the flags' words.
        title_to: The target's name.

    Returns:
        The step (difference = target - source).
    """
    lf, lt = clean(row_from["level"]), clean(row_to["level"])
    sf, st = clean(row_from.get("level_se")), clean(row_to.get("level_se"))
    diff = se = low = high = significant = None
    if lf is not None and lt is not None:
        diff = round(lt - lf, 6)
        if sf is not None and st is not None:
            se = math.sqrt(sf**2 + st**2)
            half = z_critical() * se
            low, high = diff - half, diff + half
            # Two unanimous panels (se 0) have no sampling error to test against.
            significant = None if se == 0 else abs(diff) >= half
    flags = _flag(title_from, row_from) + _flag(title_to, row_to)
    return SkillStep(
        skill=str(row_to["skill"]),
        element_id=str(row_to["element_id"]),
        level_from=lf,
        level_to=lt,
        difference=diff,
        se=se,
        ci95_low=low,
        ci95_high=high,
        significant=significant,
        n_from=_int(row_from.get("level_n")),
        n_to=_int(row_to.get("level_n")),
        suppressed=any("suppressing" in f for f in flags),
        low_n=any("raters" in f for f in flags),
        flags=flags,
    )


Ratings = dict[str, dict[str, Any]]
"""One occupation's skill ratings by element ID, in the table's order."""

_RATING_COLUMNS = [
    "element_id",
    "skill",
    "level",
    "level_se",
    "level_n",
    "level_recommend_suppress",
    "not_relevant",
]


def ratings(skills: pd.DataFrame) -> Ratings:
    """An occupation's ``onet_skills`` rows as plain dictionaries by element ID.

    Plain dictionaries, built once per occupation: pairing two frames with a pandas
    merge and reading rows back cost ~30 ms a comparison, this ~2 ms.
    """
    if skills.empty or "level" not in skills:
        return {}
    present = [c for c in _RATING_COLUMNS if c in skills]
    return {str(r["element_id"]): r for r in skills[present].to_dict("records")}


def _skill_steps(
    ratings_from: Ratings, ratings_to: Ratings, title_from: str, title_to: str
) -> list[SkillStep]:
    """Every skill both occupations rate, as steps from one to the other (source order)."""
    return [
        _skill_step(row, ratings_to[key], title_from, title_to)
        for key, row in ratings_from.items()
        if key in ratings_to
    ]


def _exceeds(step: SkillStep) -> bool:
    return step.difference is not None and step.se is not None and step.difference > step.se


def direction(
    source: Profile,
    target: Profile,
    skills_source: pd.DataFrame,
    skills_target: pd.DataFrame,
) -> TransitionDirection:
    """What a worker in ``source`` would need for ``target``.

    Args:
        source: The occupation left.
        target: The occupation joined.
        skills_source: The source's ``onet_skills`` rows (one O*NET code).
        skills_target: The target's.

    Returns:
        The skills to raise (largest difference first), the flagged ones not
        counted, the EP Table 5.4 steps and the pay change (target - source).
    """
    return _direction(source, target, ratings(skills_source), ratings(skills_target))


def _not_relevant(row: Mapping[str, Any]) -> bool:
    flag = clean(row.get("not_relevant"))
    return flag is not None and bool(flag)


def _direction(
    source: Profile, target: Profile, ratings_source: Ratings, ratings_target: Ratings
) -> TransitionDirection:
    steps = _skill_steps(ratings_source, ratings_target, source.title, target.title)
    candidates = [
        s for s in steps if _exceeds(s) and not _not_relevant(ratings_target[s.element_id])
    ]
    candidates.sort(key=lambda s: (-(s.difference or 0.0), s.skill))
    missing = SEED_NO_ENTRY if source.is_seed else None
    reason = None
    if not steps:
        reason = (
            "the seed page rates no skills"
            if source.is_seed
            else "O*NET publishes no skill levels for at least one of the two occupations"
        )
    return TransitionDirection(
        from_title=source.title,
        to_title=target.title,
        skills_to_raise=[s for s in candidates if not s.flags],
        skills_not_counted=[s for s in candidates if s.flags],
        skills_compared=len(steps),
        skills_reason=reason,
        education=entry_step(
            source.typical_entry_education,
            target.typical_entry_education,
            ENTRY_EDUCATION_ORDER,
            missing,
        ),
        experience=entry_step(
            source.work_experience, target.work_experience, EXPERIENCE_ORDER, missing
        ),
        training=entry_step(source.typical_ojt, target.typical_ojt, TRAINING_ORDER, missing),
        pay_change=pay_change(source, target),
    )


def pay_change(source: Profile, target: Profile) -> Gap:
    """The annual mean wage of the target minus the source's, with its 95 % CI.

    The pay gap's own computation (:func:`analysis.comparison.gaps.mean_wage_gap`),
    with the sides in the direction's order.
    """
    return gaps.mean_wage_gap(
        target.annual_mean_wage,
        source.annual_mean_wage,
        target.annual_mean_wage_rse,
        source.annual_mean_wage_rse,
    )


def transition_between(
    a: Profile, b: Profile, skills_a: pd.DataFrame, skills_b: pd.DataFrame
) -> Transition:
    """From A to B and from B to A.

    Args:
        a: First profile.
        b: Second profile.
        skills_a: A's ``onet_skills`` rows (empty for the seed dataset).
        skills_b: B's.

    Returns:
        Both directions and the rule in words.
    """
    ratings_a, ratings_b = ratings(skills_a), ratings(skills_b)
    return Transition(
        a_to_b=_direction(a, b, ratings_a, ratings_b),
        b_to_a=_direction(b, a, ratings_b, ratings_a),
        rule=RULE,
    )


def largest_differences(t: Transition, n: int = 8) -> list[SkillStep]:
    """The ``n`` skills with the largest level differences either way, as B - A steps.

    Skills to raise and flagged ones of both directions; a B-to-A step is
    turned round (difference B - A) so one axis shows both directions.
    """
    steps = [*t.a_to_b.skills_to_raise, *t.a_to_b.skills_not_counted]
    steps += [_reversed(s) for s in (*t.b_to_a.skills_to_raise, *t.b_to_a.skills_not_counted)]
    steps.sort(key=lambda s: (-abs(s.difference or 0.0), s.skill))
    return steps[:n]


def _reversed(step: SkillStep) -> SkillStep:
    def neg(x: float | None) -> float | None:
        return None if is_missing(x) else -x  # type: ignore[operator]

    return SkillStep(
        skill=step.skill,
        element_id=step.element_id,
        level_from=step.level_to,
        level_to=step.level_from,
        difference=neg(step.difference),
        se=step.se,
        ci95_low=neg(step.ci95_high),
        ci95_high=neg(step.ci95_low),
        significant=step.significant,
        n_from=step.n_to,
        n_to=step.n_from,
        suppressed=step.suppressed,
        low_n=step.low_n,
        flags=step.flags,
    )
