"""The OEWS areas a pair can be compared in, and what a typed area name means.

OEWS May 2025 publishes cells for 54 states and territories (50 states, DC,
Guam, Puerto Rico, the Virgin Islands), 393 metropolitan statistical areas and
135 nonmetropolitan areas. OEWS files both kinds of metro area under its area
type "metro"; its codes tell them apart (``00`` + CBSA code for an MSA,
:func:`analysis.data.sources.oews.is_nonmetropolitan`), and so do its names
("... nonmetropolitan area"). The catalogue is read from the wage table itself,
so it is always the release's own list.

:func:`resolve_area` accepts what a reader types: a state name or postal code
(``Texas``, ``TX``), an area's name or a unique part of it (``Austin``,
``Austin-Round Rock``, ``Springfield, IL``), or an OEWS area code
(``0012420``, ``4800000``). An ambiguous part lists its candidates, an unknown
one the closest names (rapidfuzz, as the title lookup does), as an
:class:`AreaLookupError`: one line, exit status 2.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.data import dataset
from analysis.data.sources.oews import is_nonmetropolitan
from analysis.errors import UserInputError
from analysis.occupations.contract import Area
from analysis.occupations.pay import MSA, NONMETRO, STATE

STATES: tuple[tuple[str, str, str], ...] = (
    ("0100000", "AL", "Alabama"), ("0200000", "AK", "Alaska"), ("0400000", "AZ", "Arizona"),
    ("0500000", "AR", "Arkansas"), ("0600000", "CA", "California"),
    ("0800000", "CO", "Colorado"), ("0900000", "CT", "Connecticut"),
    ("1000000", "DE", "Delaware"), ("1100000", "DC", "District of Columbia"),
    ("1200000", "FL", "Florida"), ("1300000", "GA", "Georgia"), ("1500000", "HI", "Hawaii"),
    ("1600000", "ID", "Idaho"), ("1700000", "IL", "Illinois"), ("1800000", "IN", "Indiana"),
    ("1900000", "IA", "Iowa"), ("2000000", "KS", "Kansas"), ("2100000", "KY", "Kentucky"),
    ("2200000", "LA", "Louisiana"), ("2300000", "ME", "Maine"), ("2400000", "MD", "Maryland"),
    ("2500000", "MA", "Massachusetts"), ("2600000", "MI", "Michigan"),
    ("2700000", "MN", "Minnesota"), ("2800000", "MS", "Mississippi"),
    ("2900000", "MO", "Missouri"), ("3000000", "MT", "Montana"),
    ("3100000", "NE", "Nebraska"), ("3200000", "NV", "Nevada"),
    ("3300000", "NH", "New Hampshire"), ("3400000", "NJ", "New Jersey"),
    ("3500000", "NM", "New Mexico"), ("3600000", "NY", "New York"),
    ("3700000", "NC", "North Carolina"), ("3800000", "ND", "North Dakota"),
    ("3900000", "OH", "Ohio"), ("4000000", "OK", "Oklahoma"), ("4100000", "OR", "Oregon"),
    ("4200000", "PA", "Pennsylvania"), ("4400000", "RI", "Rhode Island"),
    ("4500000", "SC", "South Carolina"), ("4600000", "SD", "South Dakota"),
    ("4700000", "TN", "Tennessee"), ("4800000", "TX", "Texas"), ("4900000", "UT", "Utah"),
    ("5000000", "VT", "Vermont"), ("5100000", "VA", "Virginia"),
    ("5300000", "WA", "Washington"), ("5400000", "WV", "West Virginia"),
    ("5500000", "WI", "Wisconsin"), ("5600000", "WY", "Wyoming"), ("6600000", "GU", "Guam"),
    ("7200000", "PR", "Puerto Rico"), ("7800000", "VI", "Virgin Islands"),
)  # fmt: skip
"""Every OEWS state-type area: (OEWS area code = state FIPS + 00000, postal code, OEWS name).

The 50 states, DC, Guam, Puerto Rico and the Virgin Islands, as the May 2025
release names them (a test holds this list to the release's area table). The
release carries no postal codes, hence this table (USPS Publication 28). Every
report lists all of them, so an area neither occupation is published in is
shown "not comparable" rather than silently missing.
"""

POSTAL: dict[str, str] = {code: postal for code, postal, _ in STATES}
"""OEWS state area code -> postal code, of every :data:`STATES` area."""


ALL_OCCUPATIONS = "00-0000"
"""OEWS's all-occupations total row, published in every area."""

MAX_AREA_QUERY_LENGTH = 120
"""Longest area query read (the longest OEWS area name has about 70 characters)."""

_WORD = re.compile(r"[a-z0-9]+")
_STATES_SUFFIX = re.compile(r"^(?P<name>.+?),\s*(?P<states>[A-Za-z]{2}(?:\s*-\s*[A-Za-z]{2})*)$")


class AreaLookupError(UserInputError):
    """An area query matched no OEWS area, or several equally well."""

    def __init__(self, query: str, message: str, candidates: list[Area]):
        """Build the error.

        Args:
            query: What the user typed.
            message: One-line explanation naming the query.
            candidates: Areas worth suggesting, best first.
        """
        super().__init__(message)
        self.query = query
        self.candidates = candidates


def _normalize_area(text: str) -> str:
    """A comparison key: lower case, words only ("Austin-Round Rock" -> "austin round rock")."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))


@lru_cache(maxsize=1)
def catalogue() -> pd.DataFrame:
    """Every OEWS state, MSA and nonmetropolitan area, one row each.

    Returns:
        Columns ``code``, ``name``, ``kind``, ``postal`` (states only, else
        None), ``key`` (:func:`_normalize_area` of the name) and ``states`` (the
        postal codes after an MSA name's comma, "TX-OK" -> ("TX", "OK"); for a
        state its own code; for a nonmetropolitan area its state's), sorted by
        kind (states first) and name. Treat it as read-only.
    """
    # OEWS publishes the all-occupations total (00-0000) in every area it covers: its rows
    # list every area, read from a few parquet row groups instead of the whole table.
    wages = dataset.soc_rows("oews_wages", ALL_OCCUPATIONS)
    rows = wages.loc[wages["area_type"] != "national", ["area_type", "area_code", "area_name"]]
    rows = rows.drop_duplicates("area_code").astype(str)
    postal_of = {name: postal for _, postal, name in STATES}
    kinds = pd.Series(STATE, index=rows.index)
    metro = rows["area_type"] == "metro"
    kinds[metro] = is_nonmetropolitan(rows.loc[metro, "area_code"]).map(
        {True: NONMETRO, False: MSA}
    )
    state_of_code = dict(
        zip(rows.loc[~metro, "area_code"].str[:2], rows.loc[~metro, "area_name"], strict=True)
    )

    def states(code: str, name: str, kind: str) -> tuple[str, ...]:
        if kind == MSA:
            found = _STATES_SUFFIX.match(name)
            return tuple(s.strip().upper() for s in found["states"].split("-")) if found else ()
        state = name if kind == STATE else state_of_code.get(code[:2], "")
        return (postal_of[state],) if state in postal_of else ()

    out = pd.DataFrame(
        {
            "code": rows["area_code"].to_numpy(),
            "name": rows["area_name"].to_numpy(),
            "kind": kinds.to_numpy(),
        }
    )
    out["postal"] = [
        postal_of.get(n) if k == STATE else None
        for n, k in zip(out["name"], out["kind"], strict=True)
    ]
    out["key"] = out["name"].map(_normalize_area)
    out["states"] = [
        states(c, n, k) for c, n, k in zip(out["code"], out["name"], out["kind"], strict=True)
    ]
    order = out["kind"].map({STATE: 0, MSA: 1, NONMETRO: 2})
    return (
        out.assign(_order=order)
        .sort_values(["_order", "name"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _area(row: pd.Series) -> Area:
    return Area(code=str(row["code"]), name=str(row["name"]), kind=str(row["kind"]))


def _listed(areas: pd.DataFrame) -> str:
    return "; ".join(f"{n} ({c})" for n, c in zip(areas["name"], areas["code"], strict=True))


def area_by_code(code: str) -> Area:
    """The area of an OEWS area code (as :func:`catalogue` lists it).

    Raises:
        AreaLookupError: No OEWS area has this code.
    """
    rows = catalogue()
    hit = rows[rows["code"] == code]
    if hit.empty:
        raise AreaLookupError(code, f"'{code}' is not an OEWS area code.", [])
    return _area(hit.iloc[0])


def _closest_areas(query: str, limit: int = 5) -> list[Area]:
    """The areas whose names are closest to ``query``, best first."""
    areas = catalogue()
    hits = process.extract(
        _normalize_area(query), areas["key"].tolist(), scorer=fuzz.WRatio, limit=limit
    )
    return [_area(areas.iloc[pos]) for _key, _score, pos in hits]


def _clean(query: str) -> str:
    if not isinstance(query, str):
        raise AreaLookupError(str(query), f"The area must be text, got {type(query).__name__}.", [])
    if len(query) > MAX_AREA_QUERY_LENGTH:
        raise AreaLookupError(
            query[:57] + "...",
            f"The area '{query[:57]}...' is {len(query):,} characters long; an OEWS area name "
            f"has at most about 70.",
            [],
        )
    return unicodedata.normalize("NFKC", query).strip()


def _by_code(text: str, areas: pd.DataFrame) -> pd.DataFrame | None:
    """Areas an all-digit query names: a 7-digit OEWS code, a 5-digit CBSA or 2-digit FIPS code."""
    digits = text.replace(" ", "")
    if not digits.isdigit():
        return None
    codes = {digits.zfill(7)}
    if len(digits) <= 2:
        codes.add(digits.zfill(2) + "00000")  # a state's FIPS code: 48 -> 4800000 (Texas)
    return areas[areas["code"].isin(codes)]


def resolve_area(query: str) -> Area:
    """The one OEWS area a query names.

    Tried in order: an OEWS area code (or a state FIPS / MSA CBSA code); a state
    postal code; an area's exact name (case and punctuation forgiven); a part of
    one area's name, whole words (``Austin``), optionally followed by the
    states after a comma (``Springfield, IL``).

    Args:
        query: What the reader typed.

    Returns:
        The area.

    Raises:
        AreaLookupError: Unknown or ambiguous; the message lists the candidates
            (an ambiguous part) or the closest names (an unknown one).
    """
    text = _clean(query)
    areas = catalogue()
    if not _normalize_area(text):
        raise AreaLookupError(
            query, "The area is empty: give a state, a metro area name or an OEWS area code.", []
        )
    coded = _by_code(text, areas)
    if coded is not None:
        if len(coded) == 1:
            return _area(coded.iloc[0])
        raise AreaLookupError(
            query,
            f"'{text}' is not an OEWS area code (7 digits, e.g. 4800000 Texas or 0012420 "
            "Austin-Round Rock-San Marcos, TX).",
            [],
        )
    if len(text) == 2 and text.isalpha():
        postal = areas[areas["postal"] == text.upper()]
        if len(postal) == 1:
            return _area(postal.iloc[0])
    key = _normalize_area(text)
    exact = areas[areas["key"] == key]
    if len(exact) == 1:
        return _area(exact.iloc[0])
    name_part, wanted = key, ()
    suffix = _STATES_SUFFIX.match(text)
    if suffix:
        name_part = _normalize_area(suffix["name"])
        wanted = tuple(s.strip().upper() for s in suffix["states"].split("-"))
    padded = " " + areas["key"] + " "
    hits = areas[padded.str.contains(" " + name_part + " ", regex=False)]
    if wanted:
        hits = hits[hits["states"].map(lambda s: set(wanted) <= set(s))]
    if len(hits) == 1:
        return _area(hits.iloc[0])
    if len(hits) > 1:
        shown = hits.head(12)
        more = f" and {len(hits) - len(shown)} more" if len(hits) > len(shown) else ""
        raise AreaLookupError(
            query,
            f"The area '{text}' is ambiguous: it is part of {len(hits)} OEWS area names: "
            f"{_listed(shown)}{more}. Give more of the name, or the area code.",
            [_area(r) for _, r in shown.iterrows()],
        )
    near = _closest_areas(text)
    raise AreaLookupError(
        query,
        f"No OEWS area is named '{text}'. Closest names: "
        f"{'; '.join(f'{a.name} ({a.code})' for a in near)}. Give one of these, a state "
        "postal code or an OEWS area code.",
        near,
    )
