r"""The search index of the atlas's front page: every title people may type, compact.

Written once per site as ``assets/search-index.js`` (a ``<script src>`` that
sets ``window.ATLAS_INDEX``), so the front page works opened from ``file://``
with the network off: browsers refuse ``fetch`` of local files, not scripts.

Format (short keys keep it small)::

    {"v": 2,
     "g": [["11-0000", "Management Occupations"], ...],       # SOC major groups
     "o": [["11-1011", "Chief Executives", 0, 211230], ...],   # soc, title, group index, jobs
     "t": "Agency Owner\t0\nChief Sustainability Officer\t0o\n..."}  # other titles

``o`` gives each occupation's OEWS national employment (null when OEWS
publishes none): among equally good matches the search puts the occupation
with more workers first. ``t`` holds the O*NET titles, alternate and reported
titles that differ from the official title, one per line: the title, a tab,
and the indexes in ``o`` of the occupations it belongs to, each followed by
``o`` when the title is one of the occupation's own O*NET occupation titles
(an official title, which outranks an alternate one). Titles equal after
normalisation (:func:`analysis.occupations.lookup.normalize_title`: case,
punctuation, plurals) are stored once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd

from analysis.atlas.figures import national_by_soc
from analysis.data import dataset
from analysis.occupations.lookup import normalize_title

KIND_ORDER = {"oews": 0, "onet": 1, "short": 2, "alternate": 3, "reported": 4}
"""Which spelling of a title to show when several normalise alike: official first."""

OFFICIAL_KINDS = frozenset({"oews", "onet"})
"""Kinds of title that name the occupation itself (OEWS and O*NET occupation titles)."""

INDEX_VERSION = 2


def search_index(occupations: Sequence[str]) -> dict[str, object]:
    """The index over ``occupations`` (SOC codes) and all their titles."""
    occ = dataset.table("occupations").set_index("soc").loc[list(occupations)]
    groups = sorted(set(zip(occ["major_group"], occ["major_group_title"], strict=True)))
    group_index = {code: i for i, (code, _) in enumerate(groups)}
    position = {soc: i for i, soc in enumerate(occ.index)}
    official = {normalize_title(t): i for i, t in enumerate(occ["title"])}

    titles = dataset.table("titles")
    titles = titles[titles["soc"].isin(position)].assign(
        order=lambda f: f["kind"].map(KIND_ORDER).fillna(9)
    )
    titles = titles.sort_values(["order", "title", "soc"], kind="stable")
    shown: dict[str, str] = {}
    owners: dict[str, dict[int, bool]] = {}  # title key -> {occupation index: official?}
    for title, soc, kind in zip(titles["title"], titles["soc"], titles["kind"], strict=True):
        key = normalize_title(title)
        where = position[soc]
        if official.get(key) == where:
            continue  # the official title already finds it
        shown.setdefault(key, title)
        found = owners.setdefault(key, {})
        found[where] = found.get(where, False) or kind in OFFICIAL_KINDS
    lines = [
        f"{shown[key]}\t"
        + ",".join(f"{i}{'o' if owners[key][i] else ''}" for i in sorted(owners[key]))
        for key in sorted(shown, key=lambda k: (shown[k].lower(), k))
    ]
    jobs = national_by_soc()["employment"].reindex(occ.index)
    return {
        "v": INDEX_VERSION,
        "g": [[code, title] for code, title in groups],
        "o": [
            [soc, str(title), group_index[group], None if pd.isna(n) else int(n)]
            for soc, title, group, n in zip(
                occ.index, occ["title"], occ["major_group"], jobs, strict=True
            )
        ],
        "t": "\n".join(lines),
    }


def search_script(index: dict[str, object]) -> str:
    """The index as the JavaScript file the front page loads."""
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.ATLAS_INDEX={body};\n"
