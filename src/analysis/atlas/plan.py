"""Which occupations get a page and which pairs get a report.

The full atlas is every OEWS detailed occupation (830 pages) and every
occupation paired with its N most similar (each unordered pair once,
:func:`analysis.occupations.similarity.similar_pairs`). ``--occupations``
keeps the named occupations and their N nearest neighbours, and the pairs of
the full atlas whose two ends are both kept: the same site, cut down.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.data import dataset
from analysis.occupations.lookup import resolve
from analysis.occupations.similarity import most_similar, similar_pairs


@dataclass(frozen=True)
class AtlasPlan:
    """The occupations and pairs of one atlas."""

    similar: int
    occupations: tuple[str, ...]
    """SOC codes with a page, sorted."""
    pairs: tuple[tuple[str, str], ...]
    """Pairs of SOC codes (first < second), in the order of ``similar_pairs``."""
    neighbours: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    """Each occupation's N nearest (``soc``, ``title``, ``similarity``); [] without ratings."""


def resolve_occupations(queries: Sequence[str]) -> list[str]:
    """SOC codes of the ``--occupations`` arguments (codes or titles), in order, once each.

    Raises:
        OccupationLookupError: A query matches no occupation, or several equally well.
    """
    out: list[str] = []
    for query in queries:
        soc = resolve(query).soc  # the lookup every command uses (profile, compare, batch)
        if soc not in out:
            out.append(soc)
    return out


def make_plan(similar: int, only: Sequence[str] | None = None) -> AtlasPlan:
    """Plan the atlas: pages and pairs.

    Args:
        similar: Pair each occupation with its ``similar`` most similar.
        only: SOC codes to limit the atlas to (with their neighbours); all when None.

    Returns:
        The plan.
    """
    everyone = dataset.table("occupations")["soc"].astype(str).tolist()
    nearest = {soc: [n.to_json() for n in most_similar(soc, similar)] for soc in everyone}
    if only:
        keep = set(only)
        for soc in only:
            keep.update(str(n["soc"]) for n in nearest[soc])
    else:
        keep = set(everyone)
    pairs = tuple(p for p in similar_pairs(similar) if p[0] in keep and p[1] in keep)
    occupations = tuple(sorted(keep))
    return AtlasPlan(similar, occupations, pairs, {soc: nearest[soc] for soc in occupations})


def pairs_csv(plan: AtlasPlan) -> str:
    """The plan's pairs as a batch pairs file (``a,b,label,dataset``)."""
    titles = dataset.table("occupations").set_index("soc")["title"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["a", "b", "label", "dataset"])
    for a, b in plan.pairs:
        writer.writerow([a, b, f"{titles[a]} vs {titles[b]}", "public"])
    return buffer.getvalue()
