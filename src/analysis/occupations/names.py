"""Short, unambiguous names of occupations for running text.

SOC titles are built for tables: "Bus Drivers, School", "Managers, All Other",
"Arbitrators, Mediators, and Conciliators". Cutting them at the first comma
gives names that belong to other occupations ("managers") or to two at once
("bus drivers"). The rule here, applied to all 830 occupations at once:

1. A title without commas is its own name ("Order Clerks" -> "order clerks").
2. A list of occupations stays whole ("arbitrators, mediators, and conciliators").
3. "Except ..." and "Including ..." clauses are dropped, and a trailing
   qualifier is moved before the noun ("Bus Drivers, School" -> "school bus
   drivers"), provided the result is unique, is not the title of another
   occupation (any O*NET alternate or reported title included), does not
   appear inside another occupation's title, and does not describe the part of
   a sibling title an "Except" clause excluded.
4. Otherwise the full title, its qualifiers in brackets ("managers (all
   other)"), which is unique because SOC titles are.

:func:`short_name` gives the plural and singular forms the narrative needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.data import dataset
from analysis.occupations.lookup import known_titles, normalize_title, singular_word

_CONJUNCTION = re.compile(r"^(and|or|&)\s+", re.IGNORECASE)
_CLAUSE = re.compile(r"^(except|including)\b", re.IGNORECASE)
_ALL_OTHER = re.compile(r"\ball other\b", re.IGNORECASE)


@dataclass(frozen=True)
class ShortName:
    """An occupation's name for running text.

    Attributes:
        soc: SOC code.
        title: The official title.
        plural: Lower-case plural ("school bus drivers"), acronyms kept.
        singular: Lower-case singular, without article ("school bus driver").
        shortened: The name drops words of the title (an "Except" clause).
    """

    soc: str
    title: str
    plural: str
    singular: str
    shortened: bool


@dataclass(frozen=True)
class _Parts:
    head: list[str]  # the noun phrase's comma segments ("Welders", "Cutters", "and Brazers")
    noun_from: int  # first head segment that ends in a noun (before it: modifiers)
    modifiers: list[str]  # qualifier segments before any clause ("School")
    clause: list[str]  # "Except ..." / "Including ..." segments
    all_other: list[str]  # the "All Other" segment(s)


# Plural words SOC titles use as modifiers, never as the people named:
# "Insurance Claims and Policy Processing Clerks", "Securities, Commodities, and
# Financial Services Sales Agents".
_MODIFIER_PLURALS = frozenset(
    {
        "benefits",
        "claims",
        "commodities",
        "communications",
        "goods",
        "materials",
        "news",
        "operations",
        "products",
        "sales",
        "sciences",
        "securities",
        "services",
        "sports",
        "studies",
        "surfaces",
        "systems",
        "trades",
        "utilities",
    }
)


def _plural_word(word: str) -> bool:
    return word.lower() not in _MODIFIER_PLURALS and singular_word(word) != word


def _last_word(segment: str) -> str:
    words = segment.split()
    return words[-1] if words else ""


def _qualifier(segment: str) -> bool:
    return bool(_CLAUSE.match(segment) or _ALL_OTHER.search(segment))


def _parse(title: str) -> _Parts:
    """Split a title into head noun phrase, qualifiers, excluded clause and "All Other"."""
    segments = [s.strip() for s in title.split(",")]
    end, noun_from = 1, 0
    if not _plural_word(_last_word(segments[0])):
        # "Meeting, Convention, and Event Planners": a list of modifiers up to the
        # conjunction item, which carries the noun.
        for i in range(1, len(segments)):
            if _qualifier(segments[i]):
                break
            if _CONJUNCTION.match(segments[i]):
                end = noun_from = i
                end += 1
                break
    # "Welders, Cutters, Solderers, and Brazers": a run of plural nouns ending in a
    # conjunction item; "Physicians, Pathologists" and "Pressers, Textile, Garment,
    # and Related Materials" are a noun and its qualifier.
    for i in range(end, len(segments)):
        if _qualifier(segments[i]) or not _plural_word(_last_word(segments[i])):
            break
        if _CONJUNCTION.match(segments[i]):
            end = i + 1
            break
    head, rest = segments[:end], segments[end:]
    modifiers: list[str] = []
    clause: list[str] = []
    all_other: list[str] = []
    for segment in rest:
        if _ALL_OTHER.search(segment):
            all_other.append(segment)
        elif clause or _CLAUSE.match(segment):
            clause.append(segment)
        else:
            modifiers.append(segment)
    return _Parts(head, noun_from, modifiers, clause, all_other)


def _case(word: str) -> str:
    # Keep acronyms such as "HVAC" or "EMT"; lower everything else.
    return word if word.isupper() and len(word) > 1 else word.lower()


def _lower(text: str) -> str:
    return " ".join(_case(w) for w in text.split())


def _modifier_phrase(modifiers: list[str]) -> str | None:
    """The qualifiers as one phrase to put before the noun, when they form one.

    "School", "Metal and Plastic", "Television, Video, and Film" do; two separate
    qualifiers ("Wholesale and Manufacturing, Technical and Scientific Products")
    and nouns ("Pathologists", "Synthetic and Glass Fibers") do not.
    """
    if not modifiers:
        return ""
    if len(modifiers) > 1 and not _CONJUNCTION.match(modifiers[-1]):
        return None
    if _plural_word(_last_word(modifiers[-1])):
        return None
    return ", ".join(modifiers)


def _singular_head(parts: _Parts) -> str:
    """Singular of the head noun phrase: the last word of each noun item."""
    head = parts.head
    first = head[0]
    if first.lower().startswith("helpers--"):  # "helper--brickmasons, ...": the helper is one
        return ", ".join(["Helper--" + first[len("Helpers--") :], *head[1:]])
    if " of " in first:  # "Supervisors of Mechanics, Installers, and Repairers"
        left, right = ", ".join(head).split(" of ", 1)
        return f"{_singular_pair(left)} of {right}"
    items = [*head[: parts.noun_from], *(_singular_pair(i) for i in head[parts.noun_from :])]
    return ", ".join(items)


def _singular_pair(item: str) -> str:
    """Singular of one item: "Secretaries and Assistants" -> "Secretary and Assistant"."""
    if " of " in item:
        left, right = item.split(" of ", 1)
        return f"{_singular_pair(left)} of {right}"
    pieces = re.split(r"(\s+(?:and|&)\s+)", item)
    out = []
    for piece in pieces:
        words = piece.split(" ")
        if piece.strip() and piece.strip().lower() not in ("and", "&"):
            if _plural_word(words[-1]):
                words[-1] = singular_word(words[-1])
        out.append(" ".join(words))
    return "".join(out)


def _candidates(title: str) -> list[tuple[str, str, bool]]:
    """Possible (plural, singular, drops words) names, shortest first."""
    if "," not in title:
        parts = _Parts([title], 0, [], [], [])
        return [(_lower(title), _lower(_singular_head(parts)), False)]
    parts = _parse(title)
    head = ", ".join(parts.head)
    singular = _singular_head(parts)
    out: list[tuple[str, str, bool]] = []
    phrase = _modifier_phrase(parts.modifiers)
    if not parts.all_other and phrase is not None:
        out.append(
            (
                _lower(f"{phrase} {head}".strip()),
                _lower(f"{phrase} {singular}".strip()),
                bool(parts.clause),
            )
        )
    rest = ", ".join([*parts.modifiers, *parts.clause, *parts.all_other])
    if rest:
        out.append((_lower(f"{head} ({rest})"), _lower(f"{singular} ({rest})"), False))
    else:
        out.append((_lower(head), _lower(singular), False))
    return out


def _words(text: str) -> str:
    return f" {normalize_title(text)} "


@lru_cache(maxsize=1)
def _all_names() -> dict[str, ShortName]:
    occupations = dataset.table("occupations")
    titles = dict(zip(occupations["soc"], occupations["title"], strict=True))
    # every title the lookup answers, a bracketed title's halves included ("licensed
    # practical nurse"), so no name reads as another occupation's title
    known = known_titles()
    owners: dict[str, set[str]] = {}
    for soc, key in zip(known["soc"], known["key"], strict=True):
        owners.setdefault(str(key), set()).add(str(soc))
    normalized = {soc: _words(t) for soc, t in titles.items()}
    lowered = {soc: t.lower() for soc, t in titles.items()}
    options = {soc: _candidates(t) for soc, t in titles.items()}

    def acceptable(soc: str, name: str, shortened: bool) -> bool:
        """A shortened or reordered name must not belong to another occupation."""
        if name == _lower(titles[soc]):
            return True
        key = _words(name)
        if owners.get(key.strip(), set()) - {soc}:
            return False  # another occupation is known by exactly this title
        if any(key in normalized[other] for other in titles if other != soc):
            return False  # "architects" is inside "Landscape Architects"
        if shortened:
            # "Sales Representatives, Wholesale and Manufacturing, Except ...": the
            # dropped clause excluded a sibling whose title starts the same way.
            stem = ", ".join(_parse(titles[soc]).head + _parse(titles[soc]).modifiers).lower()
            if any(lowered[o].startswith(stem + ",") for o in titles if o != soc):
                return False
        return True

    level = {
        soc: next(
            i
            for i, (name, _, cut) in enumerate(opts)
            if acceptable(soc, name, cut) or i == len(opts) - 1
        )
        for soc, opts in options.items()
    }
    while True:  # two occupations on the same name both move to their next candidate
        by_name: dict[str, list[str]] = {}
        for soc, i in level.items():
            by_name.setdefault(options[soc][i][0], []).append(soc)
        clashes = [s for socs in by_name.values() if len(socs) > 1 for s in socs]
        movable = [s for s in clashes if level[s] < len(options[s]) - 1]
        if not movable:
            break
        for soc in movable:
            level[soc] += 1
    out = {}
    for soc, i in level.items():
        plural, singular, shortened = options[soc][i]
        out[soc] = ShortName(soc, titles[soc], plural, singular, shortened)
    return out


def short_name(soc: str) -> ShortName:
    """The unambiguous short name of one occupation.

    Args:
        soc: SOC code of an OEWS detailed occupation.

    Returns:
        Its names for running text.

    Raises:
        KeyError: ``soc`` is not one of the occupations.
    """
    return _all_names()[soc]


def all_short_names() -> dict[str, ShortName]:
    """Every occupation's short name, by SOC code (unique across all of them)."""
    return dict(_all_names())
