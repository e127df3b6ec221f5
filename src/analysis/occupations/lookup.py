"""Resolve what people type (an SOC code or a job title) to one occupation.

Titles come from OEWS, O*NET occupation titles, O*NET Alternate Titles and
Sample of Reported Titles. Matching forgives case, spacing, punctuation and
plurals; an ambiguous title lists its candidates and an unknown one the
closest titles (rapidfuzz), both as :class:`OccupationLookupError`.

O*NET writes 3,353 titles with a bracket ("Licensed Practical Nurse (LPN)",
"Pediatric LPN (Pediatric Licensed Practical Nurse)", "General Educational
Development (GED) Examiner"). Each is also known by its two halves
(:func:`bracket_variants`): "licensed practical nurse" and "LPN". These derived
titles rank behind every published one, so a query that a published title
answers resolves exactly as before; an abbreviation that several occupations
use is ambiguous and lists them.
"""

from __future__ import annotations

import re
import unicodedata
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

DERIVED_RANK = 10
"""Added to the rank of a bracketed title's halves: any published title beats them."""

# One bracket, which may hold one bracket of its own ("Registered Radiologic
# Technologist (RT (R))").
_BRACKET = re.compile(r"\s*\(((?:[^()]|\([^()]*\))*)\)")

_WORD = re.compile(r"[a-z0-9]+")

MAX_QUERY_LENGTH = 200
"""Longest query accepted: the longest published title has about 150 characters."""

_ONET_SUFFIX = re.compile(r"^\s*\d{2}[-\s.]?\d{4}\.(\d{2})\s*$", re.ASCII)


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


@lru_cache(maxsize=1 << 16)  # ~134k titles share a few thousand words; every process indexes them
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


def bracket_variants(title: str) -> list[str]:
    """The names a bracketed title is also known by, without its bracket.

    A bracket at the end holds an abbreviation or the spelled-out form, so each
    half is a name: "Licensed Practical Nurse (LPN)" -> "Licensed Practical Nurse",
    "LPN". A bracket inside abbreviates the words before it: "General Educational
    Development (GED) Examiner" -> "General Educational Development Examiner",
    "GED Examiner".

    Args:
        title: A published title.

    Returns:
        The variants (none for a title without a bracket, or an empty half).
    """
    match = _BRACKET.search(title)
    if match is None:
        return []
    before, inner = title[: match.start()].strip(), match.group(1).strip()
    after = title[match.end() :].strip()
    variants = [f"{before} {after}".strip(), f"{inner} {after}".strip()]
    return [v for v in dict.fromkeys(variants) if normalize_title(v)]


def _derived(titles: pd.DataFrame) -> pd.DataFrame:
    """The bracketed titles' variants as title rows, ranked behind every published title."""
    bracketed = titles[titles["title"].str.contains("(", regex=False)]
    rows = [
        (soc, variant, code, kind, rank + DERIVED_RANK)
        for soc, title, code, kind, rank in bracketed[
            ["soc", "title", "onet_code", "kind", "rank"]
        ].itertuples(index=False)
        for variant in bracket_variants(title)
    ]
    return pd.DataFrame(rows, columns=["soc", "title", "onet_code", "kind", "rank"])


@lru_cache(maxsize=1)
def known_titles() -> pd.DataFrame:
    """Every title the lookup knows: the published ones, then the bracketed titles' halves.

    Returns:
        Columns ``soc``, ``title``, ``onet_code``, ``kind`` (the published title's
        kind), ``rank`` (lower wins; :data:`KIND_RANK`, plus :data:`DERIVED_RANK` for
        a derived title) and ``key`` (:func:`normalize_title`).
    """
    titles = dataset.table("titles")[["soc", "title", "onet_code", "kind"]].copy()
    titles["rank"] = titles["kind"].map(KIND_RANK).fillna(9).astype(int)
    out = pd.concat([titles, _derived(titles)], ignore_index=True)
    out["key"] = out["title"].map(normalize_title)
    return out


@lru_cache(maxsize=1)
def _index() -> tuple[pd.DataFrame, dict[str, str]]:
    titles = known_titles()
    occupations = dataset.table("occupations")
    names = dict(zip(occupations["soc"], occupations["title"], strict=True))
    return titles, names


@lru_cache(maxsize=1)
def _best_by_key() -> dict[str, tuple[str, ...]]:
    """Each title key's occupations among its best-ranked titles, sorted.

    One dictionary look-up per query instead of a scan of ~70,000 rows: a batch
    resolves every query of its pairs file before it renders.
    """
    best: dict[str, tuple[int, set[str]]] = {}
    titles = known_titles()
    for key, rank, soc in zip(titles["key"], titles["rank"], titles["soc"], strict=True):
        held = best.get(key)
        if held is None or rank < held[0]:
            best[key] = (rank, {soc})
        elif rank == held[0]:
            held[1].add(soc)
    return {key: tuple(sorted(socs)) for key, (_, socs) in best.items()}


def _candidates(socs: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [(s, names[s]) for s in socs if s in names]


def _format(candidates: list[tuple[str, str]]) -> str:
    return "; ".join(f"{soc} {title}" for soc, title in candidates)


def shown(query: str, limit: int = 60) -> str:
    """``query`` shortened for an error message, so a huge query is not echoed whole."""
    return query if len(query) <= limit else f"{query[: limit - 3]}..."


def clean_query(query: str) -> str:
    """Return the query in the form the lookup matches, or raise a clear error.

    Compatibility forms (fullwidth digits and letters, ligatures) become their
    plain equivalents (Unicode NFKC), so ``４３-４０５１`` is ``43-4051``.

    Raises:
        OccupationLookupError: The query is not text, or longer than any title.
    """
    if not isinstance(query, str):
        raise OccupationLookupError(
            str(query), f"The occupation query must be text, got {type(query).__name__}.", []
        )
    if len(query) > MAX_QUERY_LENGTH:
        raise OccupationLookupError(
            shown(query),
            f"The occupation query '{shown(query)}' is {len(query):,} characters long; a job "
            f"title or SOC code has at most {MAX_QUERY_LENGTH}.",
            [],
        )
    return unicodedata.normalize("NFKC", query)


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
    query = clean_query(query)
    titles, names = _index()
    soc = normalize_soc(query) if query.isascii() else None
    if soc is not None:
        if soc in names:
            _check_onet_suffix(query, soc, titles)
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
    socs = _best_by_key().get(key)
    if socs is None:
        near = closest(query)
        raise OccupationLookupError(
            query,
            f"No occupation is known by the title '{shown(query)}'. "
            f"Closest titles: {_format(near)}. Give one of these, or an SOC code.",
            near,
        )
    if len(socs) == 1:
        return Occupation(socs[0], names[socs[0]])
    options = _candidates(list(socs), names)
    raise OccupationLookupError(
        query,
        f"The title '{shown(query)}' is ambiguous: it is listed under {len(socs)} occupations: "
        f"{_format(options)}. Give the SOC code of the one you mean.",
        options,
    )


def _check_onet_suffix(query: str, soc: str, titles: pd.DataFrame) -> None:
    """Refuse an O*NET-SOC code (``43-4051.03``) that O*NET does not define.

    A real O*NET code resolves to its SOC occupation; an invented suffix such as
    ``.99`` would otherwise pass silently as the SOC code.
    """
    match = _ONET_SUFFIX.match(query)
    if match is None:
        return
    codes = sorted(titles.loc[titles["soc"] == soc, "onet_code"].dropna().unique())
    if f"{soc}.{match.group(1)}" in codes:
        return
    known = ", ".join(codes) if codes else "none"
    raise OccupationLookupError(
        query,
        f"'{query}' is not an O*NET-SOC code: O*NET codes under {soc} are {known}. "
        f"Give the SOC code {soc} or one of those.",
        [],
    )
