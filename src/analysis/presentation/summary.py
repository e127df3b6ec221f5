"""The top of a report: the verdict sentence and the key-figure tiles of both occupations.

The verdict states the main finding (the mean wage gap), its number, its
certainty and the sign convention in one sentence. The tiles give each
occupation's key figures with its rank among all occupations and the
all-occupations figure (:mod:`analysis.occupations.ranks`), the way the BLS
Occupational Outlook Handbook's Quick Facts and Data USA's ranked numbers do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from analysis.comparison.contract import Gap
from analysis.occupations import ranks
from analysis.occupations.contract import is_missing
from analysis.presentation import formatting as fmt

R = fmt.READER


@dataclass(frozen=True)
class Tile:
    """One key figure of one occupation.

    Attributes:
        label: What the figure is ("Mean pay").
        value: The figure as shown ("$48,220", "n/a").
        rank: Its rank among all occupations ("645th of 825"), if ranked.
        context: The all-occupations figure ("All occupations: $69,770"), if any.
        note: Why the figure is missing, or what it is based on.
    """

    label: str
    value: str
    rank: str | None = None
    context: str | None = None
    note: str | None = None


def growth_words(change_pct: float | None, all_pct: float | None) -> str | None:
    """Projected growth in words, against the all-occupations rate.

    Our wording (BLS's Handbook uses its own bands): "Declining" below zero, else
    "Slower than average", "As fast as average" (equal at one decimal) or
    "Faster than average", the average being the all-occupations rate.
    """
    if fmt.is_missing(change_pct):
        return None
    if change_pct < 0:
        return "Declining"
    if fmt.is_missing(all_pct):
        return "Growing"
    if round(change_pct, 1) == round(all_pct, 1):
        return "As fast as average"
    return "Faster than average" if change_pct > all_pct else "Slower than average"


def _rank(standing: ranks.Standing) -> str | None:
    return None if standing.rank is None else f"{fmt.ordinal(standing.rank)} of {standing.of:,}"


def _context(text: str | None) -> str | None:
    return None if text is None else f"All occupations: {text}"


def tiles(
    values: Mapping[str, Any], soc: str | None, missing: Mapping[str, str], ranked: bool = True
) -> list[Tile]:
    """The six key-figure tiles of one occupation.

    Args:
        values: The occupation's figures by profile key (``annual_mean_wage``,
            ``annual_median_wage``, ``employment_change_pct_2024_2034``,
            ``typical_entry_education``, ``employment``, ``women_pct``).
        soc: Its SOC code (ranks need one).
        missing: Why a figure is missing, by the same keys.
        ranked: Show ranks and all-occupations figures (False for the seed dataset,
            whose figures are not the official ones the ranks are computed from).

    Returns:
        Mean pay, median pay, growth 2024-34, typical entry education, jobs, women's share.
    """

    def standing(key: str) -> ranks.Standing | None:
        return ranks.standing(soc, key) if ranked else None

    def rank(s: ranks.Standing | None, key: str) -> str | None:
        # a rank only beside a figure the page shows
        return _rank(s) if s and not fmt.is_missing(values.get(key)) else None

    def reason(key: str) -> str | None:
        return missing.get(key) if fmt.is_missing(values.get(key)) else None

    out = []
    for label, key, show, total in (
        ("Mean pay", "annual_mean_wage", lambda v: fmt.money(v, style=R), fmt.money),
        ("Median pay", "annual_median_wage", lambda v: fmt.money(v, style=R), fmt.money),
    ):
        s = standing(key)
        out.append(
            Tile(
                label,
                show(values.get(key)),
                rank(s, key),
                _context(total(s.all_occupations, style=R)) if s and s.all_occupations else None,
                reason(key),
            )
        )
    key = "employment_change_pct_2024_2034"
    s = standing(key)
    change = values.get(key)
    all_pct = s.all_occupations if s else None
    words = growth_words(change, all_pct)
    out.append(
        Tile(
            "Growth 2024-34",
            fmt.percent(change, 1, signed=True, style=R),
            ", ".join(x for x in (words, rank(s, key)) if x) or None,
            _context(fmt.percent(all_pct, 1, signed=True, style=R))
            if all_pct is not None
            else None,
            reason(key),
        )
    )
    level = values.get("typical_entry_education")
    peers = ranks.peers(soc) if ranked else None
    out.append(
        Tile(
            "Typical entry education",
            fmt.text(level, style=R),
            f"Same as {peers.same:,} of {peers.of:,} occupations"
            if peers and peers.value
            else None,
            None,
            reason("typical_entry_education"),
        )
    )
    s = standing("employment")
    out.append(
        Tile(
            "Jobs",
            fmt.count(values.get("employment"), style=R),
            rank(s, "employment"),
            _context(_millions(s.all_occupations)) if s and s.all_occupations else None,
            reason("employment"),
        )
    )
    s = standing("women_pct")
    out.append(
        Tile(
            "Women's share",
            fmt.percent(values.get("women_pct"), 1, style=R),
            rank(s, "women_pct"),
            _context(fmt.percent(s.all_occupations, 1, style=R))
            if s and s.all_occupations
            else None,
            reason("women_pct"),
        )
    )
    return out


def _millions(value: float) -> str:
    """A large count as "155.5 million" (a tile has little room)."""
    return f"{value / 1e6:,.1f} million" if value >= 1e6 else fmt.count(value, style=R)


def _tile_html(tile: Tile, marker: str | None) -> str:
    # a value in words (an education level) is set smaller than a figure
    kind = "value" if any(ch.isdigit() for ch in tile.value) else "value words"
    mark = f'<sup class="fn">{marker}</sup>' if marker else ""
    parts = [
        f"<dt>{escape(tile.label)}</dt>",
        f'<dd class="{kind}">{escape(tile.value)}{mark}</dd>',
    ]
    if tile.rank:
        parts.append(f'<dd class="rank">{escape(tile.rank)}</dd>')
    if tile.context:
        parts.append(f'<dd class="all">{escape(tile.context)}</dd>')
    return '<div class="tile">' + "".join(parts) + "</div>"


def cards(occupations: Sequence[tuple[str, str, list[Tile]]], notes: Sequence[str] = ()) -> Markup:
    """The tiles of both occupations as two cards, then notes on how to read them.

    A missing figure shows "n/a" with a footnote number; the reasons follow the
    cards, each once (a tile has no room for a sentence).

    Args:
        occupations: (tag such as "A", title, tiles) for each occupation.
        notes: Sentences shown under the cards (e.g. how ranks are counted).
    """
    reasons: dict[str, str] = {}
    html = ['<div class="cards">']
    for tag, title, items in occupations:
        tiles_html = []
        for tile in items:
            marker = None
            if tile.note:
                marker = reasons.setdefault(tile.note, str(len(reasons) + 1))
            tiles_html.append(_tile_html(tile, marker))
        html.append(
            '<section class="card">'
            f'<h2 class="card-title"><span class="tag">{escape(tag)}</span> {escape(title)}</h2>'
            '<dl class="tiles">' + "".join(tiles_html) + "</dl></section>"
        )
    html.append("</div>")
    sentences = [f"{m}. {r}" for r, m in reasons.items()] + list(notes)
    if sentences:
        html.append('<p class="tiles-note">' + " ".join(escape(n) for n in sentences) + "</p>")
    return Markup("".join(html))


def verdict(a_name: str, b_name: str, gap: Gap, level: float) -> str:
    """The main finding in one sentence: the mean wage gap, its number and its certainty.

    Args:
        a_name: Occupation A as running text ("Order clerks").
        b_name: Occupation B as running text.
        gap: The annual mean wage gap (A − B).
        level: The confidence level (0.95).

    Returns:
        E.g. "Order clerks earn $1,630 more than customer service representatives on
        average (A − B = +$1,630 a year; 95% CI +$1,123 to +$2,137); the gap is
        statistically significant."
    """
    lead = a_name[:1].upper() + a_name[1:]
    if is_missing(gap.a) or is_missing(gap.b):
        who = a_name if is_missing(gap.a) else b_name
        return f"Pay cannot be compared: the mean annual wage of {who} is not published."
    if gap.difference == 0:
        return f"{lead} and {b_name} earn the same on average, {fmt.money(gap.a)} a year."
    more = "more" if gap.difference > 0 else "less"
    sign = f"A \u2212 B = {fmt.money(gap.difference, signed=True)} a year"
    percent = f"{level:.0%}"
    if gap.ci95_low is not None and gap.ci95_high is not None:
        low = fmt.money(gap.ci95_low, signed=True)
        high = fmt.money(gap.ci95_high, signed=True)
        sign += f"; {percent} confidence interval {low} to {high}"
    head = f"{lead} earn {fmt.money(abs(gap.difference))} {more} than {b_name} on average ({sign})"
    if gap.significant is None:
        why = gap.reason or "no standard error is published"
        return f"{head}; no claim of significance: {why}."
    if gap.significant:
        return f"{head}; the gap is statistically significant at the {percent} level."
    return f"{head}; the gap is not statistically distinguishable from zero at the {percent} level."


def convention(a_title: str, b_title: str) -> str:
    """The sign convention of every difference on the page."""
    return (
        f"Differences on this page are A \u2212 B, {a_title} minus {b_title}: a minus sign "
        "(\u2212) means B's figure is higher."
    )
