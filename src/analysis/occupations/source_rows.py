"""Which row of its source each figure of an occupation really is.

Several sources publish one row for a group of occupations, and the project
copies that row to every member:

* BLS EP Table 5.3 marks rows "not an exact match with ACS" (footnote 1):
  their attainment shares are those of a broader ACS occupation, and many
  occupations carry exactly the same shares. Table 5.3 does not name the ACS
  occupation (its crosswalk, NEM-OccCode-ACS-Crosswalk.xlsx, is not among the
  raw files), so the group is described by the occupations sharing the row.
* CPS Tables 11, 11b and 39 publish Census occupations; the Census crosswalk
  maps one Census occupation to several SOC codes (9130 "Driver/sales workers
  and truck drivers" covers 53-3031, 53-3032 and 53-3033), and splits three
  OEWS codes over several Census occupations (13-1020, 21-1018, 31-1120).
* O*NET rates some SOC codes only through specialties (15-2051 Data
  Scientists: 15-2051.01 Business Intelligence Analysts, 15-2051.02 Clinical
  Data Managers). The rule here: only the SOC-level ``.00`` occupation's
  ratings are used (:func:`analysis.data.dataset.base_onet_rows`); a
  specialty's ratings describe another occupation, so the figure stays missing
  and the note names the specialties O*NET does rate. Skills, education and
  experience, and similarity follow the same rule.

Two occupations whose figures come from the same source row cannot be told
apart by that source: :func:`shared_rows` says so, for the comparison layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.data import dataset
from analysis.data.dataset import ONET_SOC_LEVEL_SUFFIX
from analysis.data.sources.catalog import SOURCE_TABLES, SOURCES
from analysis.occupations.contract import (
    CensusPart,
    CensusRow,
    EpAttainmentRow,
    OnetCode,
    OnetRow,
    SourceRows,
)

EP_TABLE = SOURCE_TABLES["ep_attainment"]
EP_GROUP = "a broader ACS occupation group"
"""What Table 5.3 copies a footnoted row from: the table does not name it."""

MAX_NAMED = 5
"""Notes name at most this many sharing occupations, then say how many more."""

ONET_TABLES = {"skills": "onet_skills", "education_experience": "onet_ete"}
"""O*NET figure families and the processed table each comes from."""

_ONET_WHAT = {"skills": "skill ratings", "education_experience": "education and experience data"}


@dataclass(frozen=True)
class SharedRow:
    """Two occupations whose figures from one source are the same published row.

    Attributes:
        source: ``"ep_attainment"`` (EP Table 5.3) or ``"cps"`` (CPS Tables 11, 11b, 39).
        citation: The row, e.g. "EP Table 5.3 footnote 1" or "Census occupation 9130".
    """

    source: str
    citation: str

    @property
    def reason(self) -> str:
        """Why this source cannot tell the two apart, for the reader."""
        return shared_reason([self])


def shared_reason(rows: list[SharedRow]) -> str:
    """One sentence for the sources two occupations share a row in.

    Args:
        rows: From :func:`shared_rows` (not empty).

    Returns:
        E.g. "both occupations are published as one group (EP Table 5.3
        footnote 1; Census occupation 9130): this source cannot tell them apart".
    """
    cited = "; ".join(r.citation for r in rows)
    these = "this source cannot" if len(rows) == 1 else "these sources cannot"
    return f"both occupations are published as one group ({cited}): {these} tell them apart"


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    occ = dataset.table("occupations")
    return dict(zip(occ["soc"], occ["title"], strict=True))


def _named(socs: tuple[str, ...]) -> str:
    """Name SOC codes with their titles, at most MAX_NAMED, then how many more."""
    titles = _titles()
    named = [f"{s} {titles.get(s, '')}".strip() for s in socs[:MAX_NAMED]]
    more = len(socs) - MAX_NAMED
    text = "; ".join(named)
    return f"{text}; and {more} more" if more > 0 else text


# --------------------------------------------------------------------------- EP Table 5.3


@lru_cache(maxsize=1)
def _ep_rows() -> tuple[dict[str, bool], dict[str, tuple[str, ...]]]:
    """Footnote flag per SOC and, per SOC, every SOC with an identical share row."""
    table = dataset.table("education_attainment")
    occ = set(_titles())
    table = table[table["soc"].isin(occ)]
    wide = table.pivot_table(
        index="soc", columns="level_order", values="share_pct", aggfunc="first", dropna=False
    ).sort_index()
    footnoted = table.groupby("soc")["footnote"].first().notna()
    keys = wide.apply(lambda row: tuple(row.round(1).tolist()), axis=1)
    groups: dict[tuple[float, ...], list[str]] = {}
    for soc, key in keys.items():
        groups.setdefault(key, []).append(str(soc))
    members = {soc: tuple(groups[key]) for soc, key in keys.items()}
    return {str(k): bool(v) for k, v in footnoted.items()}, members


def ep_attainment_row(soc: str) -> EpAttainmentRow | None:
    """Where ``soc``'s EP Table 5.3 attainment row comes from; None if it has no row.

    Args:
        soc: SOC code.

    Returns:
        The row's identity.
    """
    footnoted, members = _ep_rows()
    if soc not in members:
        return None
    sharing = tuple(s for s in members[soc] if s != soc)
    flag = footnoted.get(soc, False)
    note = None
    if flag and sharing:
        note = (
            f"{EP_TABLE.label} marks this occupation 'not an exact match with ACS' "
            f"(footnote 1): its attainment shares are those of {EP_GROUP}, which the table "
            f"does not name, and {len(sharing)} other occupation"
            f"{'s have' if len(sharing) > 1 else ' has'} exactly the same shares "
            f"({_named(sharing)})."
        )
    elif flag:
        note = (
            f"{EP_TABLE.label} marks this occupation 'not an exact match with ACS' "
            f"(footnote 1): its attainment shares are those of the ACS occupation(s) BLS "
            "matched to it, which the table does not name."
        )
    elif sharing:  # not in the 2024-34 file, but a coincidence would still deserve a word
        note = f"{EP_TABLE.label} gives exactly the same attainment shares to {_named(sharing)}."
    return EpAttainmentRow(
        footnote_1=flag, group=EP_GROUP if flag else None, sharing_socs=sharing, note=note
    )


# --------------------------------------------------------------------------- CPS / Census


@lru_cache(maxsize=1)
def _census_members() -> dict[str, tuple[str, ...]]:
    demo = dataset.table("demographics").dropna(subset=["census_code"])
    out: dict[str, list[str]] = {}
    for soc, code in zip(demo["soc"], demo["census_code"], strict=True):
        out.setdefault(str(code), []).append(str(soc))
    return {code: tuple(sorted(socs)) for code, socs in out.items()}


def census_row(soc: str) -> CensusRow | None:
    """Where ``soc``'s CPS figures come from; None for an unknown SOC code.

    Args:
        soc: SOC code.

    Returns:
        The row's identity: its Census occupation, the occupations sharing it,
        or the Census occupations covering its parts.
    """
    demo = dataset.soc_rows("demographics", soc)
    if demo.empty:
        return None
    code = demo["census_code"].iloc[0]
    if pd.isna(code):
        parts_frame = dataset.soc_rows("census_parts", soc)
        parts = tuple(
            CensusPart(census_code=str(c), census_title=str(t))
            for c, t in zip(parts_frame["census_code"], parts_frame["census_title"], strict=True)
        )
        if parts:
            listed = "; ".join(f"{p.census_code} {p.census_title}" for p in parts)
            note = (
                "No single 2018 Census occupation covers this SOC code; CPS publishes its "
                f"parts as separate Census occupations ({listed}). A combined figure would be "
                "an estimate of ours, not a published one, so the CPS figures are left missing."
            )
        else:
            note = "No 2018 Census occupation maps to this SOC code in the Census crosswalk."
        return CensusRow(
            census_code=None, census_title=None, sharing_socs=(), parts=parts, note=note
        )
    code = str(code)
    title = str(demo["census_title"].iloc[0])
    sharing = tuple(s for s in _census_members().get(code, ()) if s != soc)
    note = None
    if sharing:
        note = (
            f"CPS publishes the Census occupation {code} '{title}', which also covers "
            f"{_named(sharing)}: the figures describe that whole group."
        )
    return CensusRow(
        census_code=code, census_title=title, sharing_socs=sharing, parts=(), note=note
    )


# --------------------------------------------------------------------------- O*NET


@lru_cache(maxsize=1)
def _onet_titles() -> dict[str, str]:
    titles = dataset.table("titles")
    onet = titles[titles["kind"] == "onet"]
    return dict(zip(onet["onet_code"], onet["title"], strict=False))


@lru_cache(maxsize=4)
def _rated_codes(table: str) -> dict[str, tuple[str, ...]]:
    frame = dataset.table(table)
    codes = frame[["soc", "onet_code"]].drop_duplicates()
    out: dict[str, list[str]] = {}
    for soc, code in zip(codes["soc"], codes["onet_code"], strict=True):
        out.setdefault(str(soc), []).append(str(code))
    return {soc: tuple(sorted(c)) for soc, c in out.items()}


def onet_row(soc: str, figure: str) -> OnetRow:
    """Which O*NET occupation ``soc``'s skills or education/experience figures come from.

    Args:
        soc: SOC code.
        figure: ``"skills"`` (skills and the similarity vector) or
            ``"education_experience"`` (required education, related experience,
            on-site and on-the-job training).

    Returns:
        The identity: ``onet_source_code`` is the SOC-level code when O*NET rates
        it, else None with the rated specialties named in the note.

    Raises:
        KeyError: ``figure`` is not one of :data:`ONET_TABLES`.
    """
    rated = _rated_codes(ONET_TABLES[figure]).get(soc, ())
    occ = dataset.soc_rows("occupations", soc)
    code = None if occ.empty or pd.isna(occ["onet_code"].iloc[0]) else str(occ["onet_code"].iloc[0])
    if code is not None and not code.endswith(ONET_SOC_LEVEL_SUFFIX):
        code = None  # the build only takes .00 codes, but say nothing false if it changes
    what = _ONET_WHAT[figure]
    if code is not None and code in rated:
        return OnetRow(onet_code=code, onet_source_code=code, rated_specialties=(), note=None)
    titles = _onet_titles()
    specialties = tuple(
        OnetCode(onet_code=c, title=titles.get(c, ""))
        for c in rated
        if not c.endswith(ONET_SOC_LEVEL_SUFFIX)
    )
    base = (
        f"{SOURCES['onet'].label} has no {what} for {code} {titles.get(code, '')}".rstrip()
        if code is not None
        else f"{SOURCES['onet'].label} has no occupation at the level of SOC {soc}, so no {what}"
    )
    if specialties:
        listed = "; ".join(f"{o.onet_code} {o.title}" for o in specialties)
        note = (
            f"{base}. It rates only narrower O*NET occupations under this SOC code ({listed}); "
            "they are different occupations, so their ratings are not used."
        )
    else:
        note = f"{base}."
    return OnetRow(onet_code=code, onet_source_code=None, rated_specialties=specialties, note=note)


def source_rows_of(soc: str) -> SourceRows:
    """Every source identity of one occupation, for its profile.

    Args:
        soc: SOC code of an OEWS detailed occupation.

    Returns:
        The EP Table 5.3 row, the Census occupation and the O*NET codes.
    """
    return SourceRows(
        education_attainment=ep_attainment_row(soc),
        cps=census_row(soc),
        onet_skills=onet_row(soc, "skills"),
        onet_education_experience=onet_row(soc, "education_experience"),
    )


# --------------------------------------------------------------------------- pairs


def shared_rows(soc_a: str, soc_b: str) -> list[SharedRow]:
    """The sources whose figures for both occupations are one and the same published row.

    Args:
        soc_a: First SOC code.
        soc_b: Second SOC code.

    Returns:
        One :class:`SharedRow` per source (EP Table 5.3 attainment, CPS) whose
        row the two share, in that order; empty when every source tells them
        apart (or for the same code twice).
    """
    if soc_a == soc_b:
        return []
    out = []
    ep = ep_attainment_row(soc_a)
    if ep is not None and soc_b in ep.sharing_socs:
        cited = "footnote 1" if ep.footnote_1 else "identical attainment rows"
        out.append(SharedRow("ep_attainment", f"EP {EP_TABLE.table} {cited}"))
    cps = census_row(soc_a)
    if cps is not None and soc_b in cps.sharing_socs:
        out.append(SharedRow("cps", f"Census occupation {cps.census_code}"))
    return out
