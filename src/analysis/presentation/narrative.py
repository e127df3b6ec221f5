"""The sentences a reader sees: the seed page's opening paragraph, generated from figures.

Public occupations are named by their unambiguous short names
(:mod:`analysis.occupations.names`: never the same for both sides, never
another occupation's name); the seed page's singular titles by the helpers
below. A difference the data cannot make (both sides one published group row)
is never stated: the paragraph says the sources cannot tell them apart.
"""

from __future__ import annotations

import re

from analysis.comparison.contract import Gap
from analysis.comparison.gaps import comparability
from analysis.comparison.pair import Comparison
from analysis.comparison.stats import CONFIDENCE
from analysis.occupations.contract import Profile
from analysis.occupations.lookup import singular_word
from analysis.occupations.names import short_name

# the one article rule (inflect), shared with the entry path; re-exported for callers
from analysis.occupations.profile import with_article
from analysis.presentation import formatting as fmt

# Only a qualifier after a comma is dropped ("..., Except Legal", "..., All Other");
# commas inside a list ("Shipping, Receiving, and Inventory Clerks") stay.
_LEADING_QUALIFIER = re.compile(r",\s*(except|including|all other|and other)\b.*$", re.IGNORECASE)


def _head(title: str) -> str:
    """The noun phrase of a title, without qualifiers after a comma.

    "Cooks, Fast Food" -> "Cooks" (the part before the comma is already plural, so
    what follows qualifies it); "Shipping, Receiving, and Inventory Clerks" stays
    whole (a list); "..., Except Legal" is always dropped.
    """
    head = _LEADING_QUALIFIER.sub("", title.strip())
    if "," in head:
        first = head.split(",", 1)[0].strip()
        if first.split() and first.split()[-1].lower().endswith("s"):
            return first
    return head


def _case(word: str) -> str:
    # Keep acronyms such as "HVAC" or "EMT"; lower everything else.
    return word if word.isupper() and len(word) > 1 else word.lower()


def plural_name(title: str, singular_title: bool = False) -> str:
    """Lower-case plural name for running text ("Order Clerks" -> "order clerks").

    Args:
        title: The occupation title.
        singular_title: The title is singular (the seed page's are), so the
            last word is made plural; official titles are already plural.

    Returns:
        The name, with qualifiers such as ", Except Legal" dropped.
    """
    head = _head(title)
    words = head.split()
    if singular_title and words and not words[-1].lower().endswith("s"):
        words[-1] = words[-1] + "s"
    return " ".join(_case(w) for w in words)


def singular_name(title: str) -> str:
    """Lower-case singular name ("Customer Service Representatives" -> "...representative").

    The last word of each "and"-joined part is made singular, so
    "Secretaries and Administrative Assistants" becomes
    "secretary and administrative assistant".
    """
    head = _head(title)
    if " of " in head:  # "Supervisors of Office Workers": the noun is before "of"
        left, right = head.split(" of ", 1)
        return f"{singular_name(left)} of {' '.join(_case(w) for w in right.split())}"
    parts = head.split(" and ")
    out = []
    for part in parts:
        words = part.split()
        if words:
            words[-1] = singular_word(words[-1])
        out.append(" ".join(_case(w) for w in words))
    return " and ".join(out)


def join_list(items: list[str], oxford: bool = False) -> str:
    """Join "a, b and c" (or "a, b, and c" with ``oxford``)."""
    if len(items) <= 1:
        return "".join(items)
    sep = ", and " if oxford and len(items) > 2 else " and "
    return ", ".join(items[:-1]) + sep + items[-1]


def _plural(p: Profile) -> str:
    """The plural name of a profile's occupation for running text."""
    if p.is_seed or p.soc is None:
        return plural_name(p.title, p.is_seed)
    return short_name(p.soc).plural


def _singular(p: Profile) -> str:
    """The singular name, with its article ("a school bus driver")."""
    if p.is_seed or p.soc is None:
        return with_article(singular_name(p.title))
    return with_article(short_name(p.soc).singular)


def _time_phrase(p: Profile) -> str | None:
    value = p.time_to_become
    if fmt.is_missing(value):
        return None
    return str(value)


def _opening(a: Profile, b: Profile) -> str | None:
    # The seed page's boilerplate stays on the seed report (it must match the seed page);
    # a public report opens with substance.
    if not a.is_seed:
        return None
    return (
        f"The differences between {_plural(a)} and {_plural(b)} can be seen in a few "
        "details. Each job has different responsibilities and duties."
    )


def _time_sentence(a: Profile, b: Profile) -> str | None:
    ta, tb = _time_phrase(a), _time_phrase(b)
    if ta is None or tb is None:
        return None
    if a.is_seed:
        if ta == tb:
            return f"Both usually take {ta}."
        return (
            f"While it typically takes {ta} to become {_singular(a)}, becoming "
            f"{_singular(b)} usually requires {tb}."
        )
    source = "(BLS typical entry requirements, Employment Projections Table 5.4)."
    if ta == tb:
        return f"Both typically start with {ta} {source}"
    return (
        f"Becoming {_singular(a)} typically takes {ta}; becoming {_singular(b)} "
        f"typically takes {tb} {source}"
    )


def _seed_salary_sentence(a: Profile, b: Profile) -> str | None:
    wa, wb = a.annual_mean_wage, b.annual_mean_wage
    if wa == wb:
        return (
            f"Additionally, {_singular(a)} and {_singular(b)} have the same average salary, "
            f"{fmt.money(wa)}."
        )
    high, low = (a, b) if wa > wb else (b, a)
    return (
        f"Additionally, {_singular(high)} has an average salary "
        f"of {fmt.money(high.annual_mean_wage)}, which is higher than the "
        f"{fmt.money(low.annual_mean_wage)} average annual salary of "
        f"{_singular(low)}."
    )


def _interval(gap: Gap) -> str:
    # the sign convention sits next to the interval it governs
    level = f"{CONFIDENCE:.0%}"
    return (
        f"{level} confidence interval of the difference "
        f"{fmt.money_rounded(gap.ci95_low, signed=True)} to "
        f"{fmt.money_rounded(gap.ci95_high, signed=True)}"
    )


def salary_sentence(a: Profile, b: Profile, gap: Gap) -> str | None:
    """The sentence that compares mean annual wages, as far as the data allow.

    "Higher"/"more" only when the gap is significant; "about the same ... within
    sampling error" when its interval includes zero; no comparison word when
    there is no standard error to test against.

    Args:
        a: First profile.
        b: Second profile.
        gap: The annual mean wage gap (a - b).

    Returns:
        The sentence, or None for the seed page (see :func:`_seed_salary_sentence`).
    """
    wa, wb = a.annual_mean_wage, b.annual_mean_wage
    where = f" in {a.area.name}" if a.area is not None else ""  # a pair in an OEWS area
    if fmt.is_missing(wa) or fmt.is_missing(wb):
        missing = a if fmt.is_missing(wa) else b
        return (
            f"The mean annual wage of {_plural(missing)} is not "
            f"published{where}, so the salaries cannot be compared."
        )
    if a.is_seed:
        return _seed_salary_sentence(a, b)
    figures = f"{fmt.money(wa)} for {_plural(a)}, {fmt.money(wb)} for {_plural(b)}"
    if gap.significant is None:
        why = gap.reason or "no standard error is published"
        return (
            f"The mean annual wage{where} is {figures} (OEWS survey estimates); the difference is "
            f"not tested ({why})."
        )
    diff = fmt.money_rounded(abs(gap.difference))
    if not gap.significant:
        return (
            f"{_plural(a).capitalize()} and {_plural(b)} earn about the same on average{where}: "
            f"the {diff} difference in mean annual wages ({figures}) is within sampling error "
            f"({_interval(gap)})."
        )
    high, low = (a, b) if gap.difference > 0 else (b, a)
    return (
        f"{_plural(high).capitalize()} earn more on average{where} than {_plural(low)}: a mean "
        f"annual wage of {fmt.money(high.annual_mean_wage)} against "
        f"{fmt.money(low.annual_mean_wage)}, {diff} more ({_interval(gap)})."
    )


def _skills_sentence(a: Profile, b: Profile) -> str | None:
    sa, sb = a.top_skills or [], b.top_skills or []
    if not sa or not sb:
        return None
    lower = [[s.lower() for s in sa], [s.lower() for s in sb]]
    return (
        f"The top three skills for {_singular(a)} include "
        f"{join_list(lower[0])}. The most important skills for "
        f"{_singular(b)} are {join_list(lower[1], oxford=True)}."
    )


def _shared_sentence(a: Profile, b: Profile) -> str | None:
    """Say which figures the sources publish for both occupations as one group row."""
    rows = comparability(a, b)
    parts = []
    if rows.education_shared:
        parts.append("educational attainment (BLS EP Table 5.3)")
    if rows.cps_shared:
        parts.append("age, sex, race and women's pay (CPS)")
    if not parts:
        return None
    return (
        f"The sources publish the two occupations as one group for {join_list(parts)}, "
        "so those figures cannot tell them apart."
    )


def paragraphs(comp: Comparison) -> list[str]:
    """Return the opening paragraph and the skills paragraph for a comparison.

    Args:
        comp: The comparison.

    Returns:
        Paragraphs of plain text with no "None", "nan" or double spaces.
    """
    a, b = comp.a, comp.b
    first = [
        _opening(a, b),
        _time_sentence(a, b),
        salary_sentence(a, b, comp.gaps.pay.annual_mean_wage),
        _shared_sentence(a, b),
    ]
    out = [" ".join(s for s in first if s)]
    skills = _skills_sentence(a, b)
    if skills:
        out.append(skills)
    return [re.sub(r"\s{2,}", " ", p).strip() for p in out]
