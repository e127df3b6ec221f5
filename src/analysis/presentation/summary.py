"""The report's headline section: its heading, the verdict and both occupations' key-figure tiles.

The verdict states the main finding (the mean wage gap), its number, its
certainty and the sign convention in one sentence. The tiles give each
occupation's key figures with its rank among all occupations and the
all-occupations figure (:mod:`analysis.occupations.ranks`), the way the BLS
Occupational Outlook Handbook's Quick Facts and Data USA's ranked numbers do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from analysis.comparison import stats
from analysis.comparison.contract import Gap
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import ranks
from analysis.occupations.contract import SEED, Profile, is_missing
from analysis.presentation import area_section, group_rows, html, narrative
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
        group: Whose figure it is when it is a group's published row (a Census group
            covering other occupations too), in plain words; the tile marks it.
    """

    label: str
    value: str
    rank: str | None = None
    context: str | None = None
    note: str | None = None
    group: str | None = None


def growth_words(change_pct: float | None, all_pct: float | None) -> str | None:
    """Projected growth in words, against the all-occupations projection.

    BLS's Occupational Outlook Handbook words ("much faster than average", ...) follow
    bands BLS sets for each projection cycle; no bands for the 2024-34 cycle were found
    (docs/claims.md, "Growth words"), so the tile uses none of the Handbook's phrases.
    It says only how the two published projections compare: "Projected to decline"
    below zero, else "Above" or "Below the all-occupations rate", or "Same as all
    occupations" (equal at one decimal, the precision BLS publishes). Projections carry
    no standard error, so this is a comparison of two published figures, not a test.
    """
    if fmt.is_missing(change_pct):
        return None
    if change_pct < 0:
        return "Projected to decline"
    if fmt.is_missing(all_pct):
        return "Projected to grow"
    if round(change_pct, 1) == round(all_pct, 1):
        return "Same as all occupations"
    side = "Above" if change_pct > all_pct else "Below"
    return f"{side} the all-occupations rate"


def _rank(standing: ranks.Standing) -> str | None:
    if standing.rank is None:
        return None
    # CPS figures are ranked among distinct Census rows, each once: say which
    among = " Census occupations" if standing.distinct_rows else ""
    return f"{fmt.ordinal(standing.rank)} of {standing.of:,}{among}"


def _context(text: str | None) -> str | None:
    return None if text is None else f"All occupations: {text}"


def _money(value: Any) -> str:
    return fmt.money(value, style=R)


def _signed_percent(value: Any) -> str:
    return fmt.percent(value, 1, signed=True, style=R)


def _percent(value: Any) -> str:
    return fmt.percent(value, 1, style=R)


@dataclass(frozen=True)
class _TileFigure:
    """One tile's figure: its label, profile key, and how to write it and the total.

    Attributes:
        label: What the figure is ("Mean pay").
        key: The profile key of the figure.
        show: Writes the figure.
        total: Writes the all-occupations figure; None for a tile that instead
            says how many occupations share its value (entry education).
        words: The figure in words against the all-occupations figure (growth).
    """

    label: str
    key: str
    show: Callable[[Any], str]
    total: Callable[[Any], str] | None
    words: Callable[[Any, Any], str | None] | None = None


TILES = (
    _TileFigure("Mean pay", "annual_mean_wage", _money, _money),
    _TileFigure("Median pay", "annual_median_wage", _money, _money),
    _TileFigure(f"Growth {SOURCES['ep'].vintage}", "employment_change_pct_2024_2034",
                _signed_percent, _signed_percent, words=growth_words),
    _TileFigure("Typical entry education", "typical_entry_education",
                lambda v: fmt.text(v, style=R), None),
    _TileFigure("Jobs", "employment", lambda v: fmt.count(v, style=R), lambda v: _millions(v)),
    _TileFigure("Women's share", "women_pct", _percent, _percent),
)  # fmt: skip
"""The six key figures of an occupation, in the order the cards show them."""


def tiles(
    values: Mapping[str, Any],
    soc: str | None,
    missing: Mapping[str, str],
    ranked: bool = True,
    groups: Mapping[str, str | None] | None = None,
) -> list[Tile]:
    """The six key-figure tiles of one occupation (:data:`TILES`).

    Args:
        values: The occupation's figures by profile key (the ``key`` of each of
            :data:`TILES`).
        soc: Its SOC code (ranks need one).
        missing: Why a figure is missing, by the same keys.
        ranked: Show ranks and all-occupations figures (False for the seed dataset,
            whose figures are not the official ones the ranks are computed from).
        groups: By the same keys, whose figure it is when it is a group's row
            (:func:`analysis.presentation.group_rows.cps_group`); the tile marks it.

    Returns:
        Mean pay, median pay, growth, typical entry education, jobs, women's share.
    """
    tiles_ = [_tile(figure, values, soc, missing, ranked) for figure in TILES]
    groups = groups or {}
    # a group's figure is marked only where a figure is shown (n/a has its own reason)
    return [
        dataclasses.replace(t, group=groups.get(f.key))
        if groups.get(f.key) and not fmt.is_missing(values.get(f.key))
        else t
        for f, t in zip(TILES, tiles_, strict=True)
    ]


def _tile(
    figure: _TileFigure,
    values: Mapping[str, Any],
    soc: str | None,
    missing: Mapping[str, str],
    ranked: bool,
) -> Tile:
    value = values.get(figure.key)
    reason = missing.get(figure.key) if fmt.is_missing(value) else None
    if figure.total is None:  # no rank for a level: how many occupations share it
        peers = ranks.peers(soc) if ranked else None
        same = (
            f"Same as {peers.same:,} of {peers.of:,} occupations" if peers and peers.value else None
        )
        return Tile(figure.label, figure.show(value), same, None, reason)
    s = ranks.standing(soc, figure.key) if ranked else None
    total = s.all_occupations if s else None
    # a rank only beside a figure the page shows
    rank = _rank(s) if s and not fmt.is_missing(value) else None
    if figure.words is not None:
        rank = ", ".join(x for x in (figure.words(value, total), rank) if x) or None
    context = _context(figure.total(total)) if total is not None else None
    return Tile(figure.label, figure.show(value), rank, context, reason)


def _millions(value: float) -> str:
    """A large count as "155.5 million" (a tile has little room)."""
    return f"{value / 1e6:,.1f} million" if value >= 1e6 else fmt.count(value, style=R)


# The layout the tiles need, carried by the HTML itself: JupyterLab does not load
# report.css and drops <style> from an untrusted output, but keeps style attributes.
# Each value is report.css's, or (the tile grid) one that gives its 3 columns on a
# wide page and 2 on a phone, so the report looks as before.
_CARDS_STYLE = (
    "display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr));"
    "gap:0.8rem;margin:0.8rem 0 0.4rem"
)
_CARD_STYLE = "padding:0.55rem 0.8rem 0.65rem"  # the borders stay report.css's (A/B colours)
_TILES_STYLE = (
    "display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,7.5rem),1fr));"
    "gap:0.5rem 0.8rem;margin:0"
)
_DD_STYLE = ' style="margin:0"'
# JupyterLab floats a <dt> beside its <dd>; in a tile the label sits above the value
_DT_STYLE = ' style="float:none;width:auto;margin:0"'


def _tile_html(tile: Tile, marker: str | None, group_marker: str | None = None) -> str:
    # a value in words (an education level) is set smaller than a figure
    kind = "value" if any(ch.isdigit() for ch in tile.value) else "value words"
    mark = f'<sup class="fn">{marker}</sup>' if marker else ""
    parts = [
        f"<dt{_DT_STYLE}>{escape(tile.label)}</dt>",
        f'<dd class="{kind}"{_DD_STYLE}>{escape(tile.value)}{mark}</dd>',
    ]
    if group_marker:
        # visible on the tile itself: this is a group's figure, the note names the group
        parts.append(
            f'<dd class="group"{_DD_STYLE}>{escape(group_rows.MARK.capitalize())}'
            f'<sup class="fn">{group_marker}</sup></dd>'
        )
    if tile.rank:
        parts.append(f'<dd class="rank"{_DD_STYLE}>{escape(tile.rank)}</dd>')
    if tile.context:
        parts.append(f'<dd class="all"{_DD_STYLE}>{escape(tile.context)}</dd>')
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
    out = [f'<div class="cards" style="{_CARDS_STYLE}">']
    for tag, title, items in occupations:
        tiles_html = []
        for tile in items:
            marker = group = None
            if tile.note:
                marker = reasons.setdefault(tile.note, str(len(reasons) + 1))
            if tile.group:
                group = reasons.setdefault(tile.group, str(len(reasons) + 1))
            tiles_html.append(_tile_html(tile, marker, group))
        out.append(
            f'<section class="card" style="{_CARD_STYLE}">'
            f'<h2 class="card-title"><span class="tag">{escape(tag)}</span> {escape(title)}</h2>'
            f'<dl class="tiles" style="{_TILES_STYLE}">' + "".join(tiles_html) + "</dl></section>"
        )
    out.append("</div>")
    sentences = [f"{m}. {r}" for r, m in reasons.items()] + list(notes)
    if sentences:
        out.append('<p class="tiles-note">' + " ".join(escape(n) for n in sentences) + "</p>")
    return Markup("".join(out))


def verdict(a_name: str, b_name: str, gap: Gap, level: float, where: str | None = None) -> str:
    """The main finding in one sentence: the mean wage gap, its number and its certainty.

    Args:
        a_name: Occupation A as running text ("Order clerks").
        b_name: Occupation B as running text.
        gap: The annual mean wage gap (A − B).
        level: The confidence level (0.95).
        where: The OEWS area the gap is computed in ("Texas"); None for the nation.

    Returns:
        E.g. "Order clerks earn $1,630 more than customer service representatives on
        average (A − B = +$1,630 a year; 95% CI +$1,123 to +$2,137); the gap is
        statistically significant."
    """
    lead = a_name[:1].upper() + a_name[1:]
    in_area = f" in {where}" if where else ""
    if is_missing(gap.a) or is_missing(gap.b):
        who = a_name if is_missing(gap.a) else b_name
        return f"Pay cannot be compared: the mean annual wage of {who} is not published{in_area}."
    if gap.difference == 0:
        return f"{lead} and {b_name} earn the same on average{in_area}, {fmt.money(gap.a)} a year."
    more = "more" if gap.difference > 0 else "less"
    sign = f"A \u2212 B = {fmt.money(gap.difference, signed=True)} a year"
    percent = f"{level:.0%}"
    if gap.ci95_low is not None and gap.ci95_high is not None:
        # rounded like the annual wages they come from ($10)
        low = fmt.money_rounded(gap.ci95_low, signed=True)
        high = fmt.money_rounded(gap.ci95_high, signed=True)
        sign += f"; {percent} confidence interval {low} to {high}"
    if gap.significant is False:
        # within sampling error: the sentence says so first, never "earn $680 less"
        return (
            f"{lead} and {b_name} earn about the same on average{in_area}: the "
            f"{fmt.money_rounded(abs(gap.difference))} difference ({sign}) is within "
            f"sampling error at the {percent} level."
        )
    head = (
        f"{lead} earn {fmt.money(abs(gap.difference))} {more} than {b_name} on average"
        f"{in_area} ({sign})"
    )
    if gap.significant is None:
        why = gap.reason or "no standard error is published"
        return f"{head}; no claim of significance: {why}."
    return f"{head}; the gap is statistically significant at the {percent} level."


def convention(a_title: str, b_title: str) -> str:
    """The sign convention of every difference on the page."""
    return (
        f"Differences on this page are A \u2212 B, {a_title} minus {b_title}: a minus sign "
        "(\u2212) means B's figure is higher."
    )


def _tile_values(p: Profile) -> dict[str, Any]:
    return {figure.key: getattr(p, figure.key) for figure in TILES}


def _groups(p: Profile) -> dict[str, str | None]:
    """The tiles whose figure is a group's row: women's share is a Census occupation's."""
    return {"women_pct": group_rows.cps_group(p)}


AREA_TILES = frozenset({"annual_mean_wage", "annual_median_wage", "employment"})
"""Tiles an area report fills from the area's OEWS cells; the others are national."""


def area_tiles(p: Profile) -> list[Tile]:
    """The key-figure tiles of an occupation in an area (:attr:`Profile.area`).

    Pay and jobs are the area's, each with the national figure beneath (national ranks
    do not apply to them); jobs carry the location quotient in words. The other tiles
    are the national ones, labelled so.
    """
    assert p.area is not None and p.national is not None
    out = []
    national = tiles(_tile_values(p), p.soc, p.missing, groups=_groups(p))
    for figure, tile in zip(TILES, national, strict=True):
        if figure.key not in AREA_TILES:
            out.append(dataclasses.replace(tile, label=f"{tile.label} (national)"))
            continue
        value = getattr(p, figure.key)
        assert figure.total is not None
        rank = (
            area_section.location_words(p.location_quotient) if figure.key == "employment" else None
        )
        out.append(
            Tile(
                f"{figure.label} in {p.area.name}",
                figure.show(value),
                rank,
                area_section.tile_context(getattr(p.national, figure.key), figure.total),
                p.missing.get(figure.key) if fmt.is_missing(value) else None,
            )
        )
    return out


def _cards_of(p: Profile, ranked: bool) -> list[Tile]:
    if p.area is not None:
        return area_tiles(p)
    return tiles(_tile_values(p), p.soc, p.missing, ranked, _groups(p))


def headline(comp: Comparison) -> Markup:
    """The report heading, the verdict, the key-figure tiles, then the opening paragraphs."""
    a, b = comp.a, comp.b
    source = (
        "official public data (BLS, O*NET, Census)"
        if comp.dataset == "public"
        else "the career-site page (seed dataset), figures exactly as it shows them"
    )
    codes = "" if comp.dataset == SEED else f" (SOC {a.soc} vs {b.soc})"
    ranked = comp.dataset != SEED
    seed = a.is_seed
    where = comp.area.name if comp.area else None
    main = verdict(
        narrative.plural_name(a.title, seed), narrative.plural_name(b.title, seed),
        comp.gaps.pay.annual_mean_wage, stats.CONFIDENCE, where,
    )  # fmt: skip
    notes = [
        "Ranks count from the highest figure (1st), among the occupations whose source "
        "publishes it; \u201call occupations\u201d is the source\u2019s own total row."
        if ranked
        else "The seed dataset\u2019s figures are the career-site page\u2019s, so they are "
        "not ranked against official data."
    ]
    in_area = f" in {where}" if where else ""
    if where:
        notes.append(
            "Pay and jobs tiles are the area’s, each with the national figure beneath; "
            "tiles marked (national) have no area source."
        )
    parts = [
        f"<h1>{escape(a.title)} vs {escape(b.title)}{escape(in_area)}</h1>",
        f'<p class="subtitle"><em>Compared from {escape(source)}{escape(codes)}.</em></p>',
        html.paragraph(main, "verdict"),
        html.paragraph(convention(a.title, b.title), "convention"),
        cards([("A", a.title, _cards_of(a, ranked)), ("B", b.title, _cards_of(b, ranked))], notes),
    ]
    sentence = area_section.area_sentence(comp)
    if sentence:  # after the tiles, so the verdict and tiles stay in the first screen
        parts.append(html.paragraph(sentence, "area"))
    parts += [html.paragraph(p) for p in narrative.paragraphs(comp)]
    return Markup("\n".join(str(p) for p in parts))
