"""The report's "Moving between the two" section: from A to B and from B to A.

Everything comes from ``comp.gaps.transition``
(:mod:`analysis.comparison.transition`): the skills whose O*NET level is higher
in the target by more than the ratings' combined standard error, the EP Table
5.4 steps and the pay change with its interval. No claim without its
condition: a skill is named only by the rule, which the section states; which
of the named differences also reach 95 % significance is said apart; flagged
ratings are listed as not counted.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from analysis.comparison.contract import EntryStep, Gap, SkillStep, TransitionDirection
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import Profile
from analysis.occupations.names import short_name
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Row, num, txt
from analysis.presentation.narrative import join_list, plural_name, singular_name, with_article
from analysis.presentation.rows import names

R = fmt.READER

SKILLS_NAMED = 3
"""Skills named in the sentence of each direction; its table lists every one."""

_ONET = SOURCES["onet"].label
_EP = SOURCES["ep"].label
_OEWS = SOURCES["oews"].label


def _singular(p: Profile) -> str:
    """Lower-case singular name without article ("customer service representative")."""
    if p.is_seed or p.soc is None:
        return singular_name(p.title)
    return short_name(p.soc).singular


def _plural(p: Profile) -> str:
    if p.is_seed or p.soc is None:
        return plural_name(p.title, p.is_seed)
    return short_name(p.soc).plural


def level(value: float | None) -> str:
    """An O*NET level as published (two decimals: 2.25, 0.12)."""
    return fmt.number(value, 2, style=R)


def _skill_phrase(step: SkillStep, first: bool = False) -> str:
    scale = "O*NET level " if first else ""
    tail = " on a 0-7 scale" if first else ""
    return f"{step.skill.lower()} ({scale}{level(step.level_from)} to {level(step.level_to)}{tail})"


def _skills_sentence(d: TransitionDirection, source: Profile, target: Profile) -> str:
    who = with_article(_singular(source))
    work = f"{_singular(target)} work"
    if d.skills_reason:
        return f"Skills for {who} moving to {work}: {fmt.NA} ({d.skills_reason})."
    raise_ = d.skills_to_raise
    if not raise_:
        text = (
            f"{who.capitalize()} moving to {work} would need no skill at a level higher by "
            f"more than the two ratings' combined standard error ({d.skills_compared} "
            f"skills compared)."
        )
    else:
        named = [_skill_phrase(s, i == 0) for i, s in enumerate(raise_[:SKILLS_NAMED])]
        rest = len(raise_) - SKILLS_NAMED
        if rest > 0:
            named.append(f"{rest} more skill{'s' if rest > 1 else ''} (in the table)")
        text = (
            f"{who.capitalize()} moving to {work} would mostly need more "
            f"{join_list(named)}: each higher for {_plural(target)} by more than the two "
            "ratings' combined standard error."
        )
        sure = [s.skill.lower() for s in raise_ if s.significant]
        if len(sure) == len(raise_):
            text += " Every one of these differences is significant at 95 %."
        elif sure:
            text += (
                f" Of these, {join_list(sure)} {'differs' if len(sure) == 1 else 'differ'} "
                "by a margin significant at 95 %; the others are within that margin."
            )
        else:
            text += " None of these differences is significant at 95 %."
    if d.skills_not_counted:
        flagged = [f"{s.skill.lower()} ({'; '.join(s.flags)})" for s in d.skills_not_counted]
        text += f" Not counted, the rating being flagged: {join_list(flagged)}."
    return text


_STEP_NAMES = {
    "education": "typical entry education",
    "experience": "related work experience",
    "training": "on-the-job training",
}


def _step_phrase(name: str, step: EntryStep, source: Profile, target: Profile) -> str:
    label = _STEP_NAMES[name]
    if step.change is None:
        return f"{label}: {fmt.NA} ({step.reason})"
    to, frm = str(step.value_to).lower(), str(step.value_from).lower()
    if step.change == "same":
        return f"{label}: the same ({to})"
    verb = {"higher": "more", "lower": "less", "different": "different"}[step.change]
    if name == "education":
        verb = {"higher": "higher", "lower": "lower", "different": "different"}[step.change]
    return f"{label}: {verb}, {to} for {_plural(target)} against {frm} for {_plural(source)}"


def _steps_sentence(d: TransitionDirection, source: Profile, target: Profile) -> str:
    parts = [
        _step_phrase(name, getattr(d, name), source, target)
        for name in ("education", "experience", "training")
    ]
    return f"What BLS assigns for entry ({_EP}, Table 5.4): " + "; ".join(parts) + "."


def _pay_sentence(g: Gap, source: Profile, target: Profile) -> str:
    if g.difference is None:
        return f"Pay: {fmt.NA} ({g.reason})."
    amount = fmt.money_rounded(abs(g.difference), style=R)
    if g.significant is None:
        return (
            f"Pay: the annual mean wage of {_plural(target)} is {amount} "
            f"{'higher' if g.difference > 0 else 'lower'}, not tested "
            f"({g.reason or g.note or 'no standard error'})."
        )
    more = "more" if g.difference > 0 else "less"
    if not g.significant:
        low = fmt.money_rounded(g.ci95_low, signed=True, style=R)
        high = fmt.money_rounded(g.ci95_high, signed=True, style=R)
        interval = f"95 % CI {low} to {high}"
        return (
            f"Pay: {_plural(target)} and {_plural(source)} earn about the same on average: "
            f"the {amount} difference is within sampling error ({interval})."
        )
    near, far = sorted([abs(g.ci95_low or 0.0), abs(g.ci95_high or 0.0)])
    interval = (
        f"95 % CI {fmt.money_rounded(near, style=R)} to {fmt.money_rounded(far, style=R)} {more}"
    )
    return (
        f"Pay: {_plural(target)} earn {amount} {more} on average a year than "
        f"{_plural(source)} ({interval}; {_OEWS} mean wages)."
    )


def _direction_sentences(d: TransitionDirection, source: Profile, target: Profile) -> list[str]:
    """One direction in words: the skills, the entry steps, the pay change."""
    return [
        _skills_sentence(d, source, target),
        _steps_sentence(d, source, target),
        _pay_sentence(d.pay_change, source, target),
    ]


def _direction_block(d: TransitionDirection, source: Profile, target: Profile) -> Markup:
    # A heading-like lead and three items: a paragraph of all three ran to nine lines.
    lead = f"From {_singular(source)} to {_singular(target)}"
    items = "".join(f"<li>{escape(t)}</li>" for t in _direction_sentences(d, source, target))
    return Markup(
        f'<div class="transition"><p class="direction"><strong>{escape(lead)}</strong></p>'
        f"<ul>{items}</ul></div>"
    )


def _missing_transition() -> Markup:
    return html.paragraph(
        f"{fmt.NA} (this comparison was computed before the move between the two was added)."
    )


def directions_text(comp: Comparison) -> Markup:
    """Both directions in words, then the rule the skills are listed by."""
    t = comp.gaps.transition
    if t is None:
        return _missing_transition()
    parts = [
        _direction_block(t.a_to_b, comp.a, comp.b),
        _direction_block(t.b_to_a, comp.b, comp.a),
        html.paragraph(
            f"How skills are listed ({_ONET} Skills, level scale): {t.rule}. A level is rated "
            "by O*NET's analysts; its standard error is theirs.",
            "note",
        ),
    ]
    return Markup("").join(parts)


def _flag_cell(step: SkillStep) -> str:
    # a flagged step is one not counted (transition.direction): the cell says both
    return "; ".join(step.flags) + " (not counted)" if step.flags else "none"


_TABLE_NOTE = (
    "Listed when the target's level exceeds the source's by more than the combined "
    "standard error; a flagged rating (O*NET Recommend Suppress, or fewer raters than "
    "the panel of eight) is shown but not counted."
)


def _direction_rows(d: TransitionDirection) -> list[Row]:
    """The counted skills of one direction, then the flagged ones, source level first."""
    return [
        Row(
            s.skill,
            [
                num(level(s.level_from)),
                num(level(s.level_to)),
                num(fmt.number(s.difference, 2, signed=True, style=R)),
                num(fmt.number(s.se, 3, style=R)),
                num(
                    f"{fmt.number(s.ci95_low, 2, style=R)} to {fmt.number(s.ci95_high, 2, style=R)}"
                ),
                txt(_flag_cell(s)),
            ],
        )
        for s in (*d.skills_to_raise, *d.skills_not_counted)
    ]


def _direction_table(rows: list[Row], source: str, target: str, notes: list[str]) -> Markup:
    return html.data_table(
        f"Skills to raise from {source} to {target} ({_ONET} Skills, level 0-7, standard "
        "errors of the ratings)",
        [
            "Skill",
            f"Level, {source}",
            f"Level, {target}",
            "Difference (target \u2212 source)",
            "Combined SE",
            "95 % interval",
            "Flags",
        ],
        rows,
        notes=notes,
        css_class="report-table dense",  # smaller print cells: 17 rows for 43-9022 to 43-4051
        stacked=True,
    )


def _no_skill_line(d: TransitionDirection, source: str, target: str) -> Markup:
    """The line standing for a direction's table when it lists no skill."""
    what = f"Skills to raise from {source} to {target}"
    if d.skills_reason:
        return html.paragraph(f"{what}: {fmt.NA} ({d.skills_reason}).", "note")
    return html.paragraph(
        f"{what}: none (of the {d.skills_compared} skills compared, none is higher for "
        f"{target} by more than the combined standard error).",
        "note",
    )


def skills_to_raise_tables(comp: Comparison) -> Markup:
    """Every skill to raise, one table each way, with the levels, difference and interval.

    One table per direction rather than one for both: each is short enough to move whole
    to the next printed page (report.css), and its caption names where it leads, so no
    column has to say for whom each skill is higher. The notes follow the last table.

    Args:
        comp: The comparison; its ``gaps.transition`` holds both directions.

    Returns:
        The tables (a direction with no skill to raise is said in a line instead), or one
        paragraph when neither direction lists a skill or the transition is missing.
    """
    t = comp.gaps.transition
    if t is None:
        return _missing_transition()
    a_name, b_name = names(comp)
    ways = [
        (_direction_rows(d), d, source, target)
        for d, source, target in ((t.a_to_b, a_name, b_name), (t.b_to_a, b_name, a_name))
    ]
    if not any(rows for rows, *_ in ways):
        reason = t.a_to_b.skills_reason or "no skill is higher on either side by the rule"
        return html.paragraph(f"Skills to raise: {fmt.NA} ({reason}).")
    last = max(i for i, (rows, *_) in enumerate(ways) if rows)
    parts = [
        _direction_table(rows, source, target, notes=[_TABLE_NOTE] if i == last else [])
        if rows
        else _no_skill_line(d, source, target)
        for i, (rows, d, source, target) in enumerate(ways)
    ]
    return Markup("").join(parts)
