"""Resolve what people type (an SOC code or a job title) to one occupation.

Titles come from OEWS, O*NET occupation titles, O*NET Alternate Titles and
Sample of Reported Titles. Matching forgives case, spacing, punctuation and
plurals; an ambiguous title lists its candidates and an unknown one the
closest titles (rapidfuzz), both as :class:`OccupationLookupError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.data import dataset
from analysis.data.soc import normalize_soc
from analysis.errors import OccupationLookupError

# A title found among more authoritative titles beats one found among less
# authoritative ones: the official OEWS title settles "order clerk", while a
# reported title shared by several occupations stays ambiguous.
KIND_RANK = {"oews": 0, "onet": 1, "alternate": 2, "short": 2, "reported": 3}

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Occupation:
    """A resolved occupation."""

    soc: str
    title: str


def normalize_title(text: str) -> str:
    """Return a comparison key: lower case, '&' as 'and', no punctuation, no plural 's'.

    Args:
        text: A job title as typed or as published.

    Returns:
        Space-separated normalized words.
    """
    words = _WORD.findall(text.lower().replace("&", " and "))
    # Plural and singular forms should meet ("order clerks" / "order clerk").
    return " ".join(singular_word(w) for w in words)


def singular_word(word: str) -> str:
    """The singular of one English word by suffix rules, keeping its case.

    "secretaries" -> "secretary", "coaches" -> "coach", "clerks" -> "clerk";
    "analysis", "status", "glass" and words of three letters stay as they are.
    """
    lower = word.lower()
    if len(lower) <= 3:
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _index() -> tuple[pd.DataFrame, dict[str, str]]:
    titles = dataset.table("titles").copy()
    titles["key"] = titles["title"].map(normalize_title)
    titles["rank"] = titles["kind"].map(KIND_RANK).fillna(9).astype(int)
    occupations = dataset.table("occupations")
    names = dict(zip(occupations["soc"], occupations["title"], strict=True))
    return titles, names


def _candidates(socs: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [(s, names[s]) for s in socs if s in names]


def _format(candidates: list[tuple[str, str]]) -> str:
    return "; ".join(f"{soc} {title}" for soc, title in candidates)


def closest(query: str, limit: int = 5) -> list[tuple[str, str]]:
    """Return the occupations whose titles are closest to ``query``, best first."""
    titles, names = _index()
    keys = titles["key"].drop_duplicates()
    hits = process.extract(
        normalize_title(query), keys.tolist(), scorer=fuzz.token_sort_ratio, limit=limit * 8
    )
    by_key = titles.groupby("key")["soc"].first()
    socs: list[str] = []
    for key, _score, _pos in hits:
        soc = by_key[key]
        if soc not in socs:
            socs.append(soc)
    return _candidates(socs[:limit], names)


def resolve(query: str) -> Occupation:
    """Resolve an SOC code or a title to one occupation of the public dataset.

    Args:
        query: ``43-4051``, ``434051``, ``Customer Service Representatives``,
            ``customer relations representative``, ...

    Returns:
        The occupation.

    Raises:
        OccupationLookupError: Unknown or ambiguous query; carries candidates.
    """
    titles, names = _index()
    soc = normalize_soc(query)
    if soc is not None:
        if soc in names:
            return Occupation(soc, names[soc])
        near = [(s, t) for s, t in names.items() if s[:4] == soc[:4]][:5]
        raise OccupationLookupError(
            query,
            f"'{query}' is not an SOC code of an OEWS detailed occupation. "
            + (f"Codes nearby: {_format(near)}." if near else "Check the code (format 43-4051)."),
            near,
        )
    key = normalize_title(query)
    if not key:
        raise OccupationLookupError(
            query,
            "The occupation query is empty: give a job title or an SOC code such as 43-4051.",
            [],
        )
    hits = titles[titles["key"] == key]
    if hits.empty:
        near = closest(query)
        raise OccupationLookupError(
            query,
            f"No occupation is known by the title '{query}'. Closest titles: {_format(near)}. "
            "Give one of these, or an SOC code.",
            near,
        )
    best = hits[hits["rank"] == hits["rank"].min()]
    socs = sorted(best["soc"].unique())
    if len(socs) == 1:
        return Occupation(socs[0], names[socs[0]])
    options = _candidates(socs, names)
    raise OccupationLookupError(
        query,
        f"The title '{query}' is ambiguous: it is listed under {len(socs)} occupations: "
        f"{_format(options)}. Give the SOC code of the one you mean.",
        options,
    )
