"""The report's "Where each pays more" section: the counts, the states and the metro areas.

The words and tables of :mod:`analysis.comparison.by_area`'s gaps; the two charts
are :mod:`analysis.presentation.area_charts`. Every verdict follows the rule of
the national gap (docs/claims.md, "Where each pays more"): "earn significantly
more" only where the 95 % interval of A − B excludes zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from analysis.comparison.by_area import AreaCounts, AreaGap
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import Profile
from analysis.occupations.names import short_name
from analysis.presentation import area_charts, html
from analysis.presentation import formatting as fmt
from analysis.presentation.html import Row, num, txt
from analysis.presentation.narrative import plural_name
from analysis.presentation.rows import names

_OEWS = SOURCES["oews"].label

STATES_WHAT = ("state", "states")
METROS_WHAT = ("metro area", "metro areas")
STATES_OF = "of the 50 states, DC, Guam, Puerto Rico and the Virgin Islands"
"""What the state counts are out of (OEWS's state-type areas)."""


def _plural(p: Profile) -> str:
    """The occupation's plural name for running text ("order clerks")."""
    if p.is_seed or p.soc is None:
        return plural_name(p.title, p.is_seed)
    return short_name(p.soc).plural


def areas(n: int, what: tuple[str, str]) -> str:
    """A count of areas in words: "no state", "1 state", "12 states"."""
    if n == 0:
        return f"no {what[0]}"
    return f"{n:,} {what[0] if n == 1 else what[1]}"


def _counts_sentence(comp: Comparison, counts: AreaCounts, what: tuple[str, str], of: str) -> str:
    """The counts of one list in a sentence: "Order clerks earn significantly more in 12 states...".

    The statement kind of docs/claims.md ("Where each pays more"): each count is
    of areas whose 95 % interval of A − B lies above zero (A), below zero (B),
    includes zero (no significant difference), or cannot be computed (not
    comparable); the four add up to the areas listed.

    Args:
        comp: The comparison.
        counts: The counts of one list (states or metros).
        what: The kind of area, singular and plural.
        of: What the areas are ("of the 50 states, DC, ...").
    """
    a, b = _plural(comp.a), _plural(comp.b)
    if counts.total == 0:
        return f"No {what[0]} publishes a mean wage for both {a} and {b} ({_OEWS})."
    return (
        f"{a[:1].upper() + a[1:]} earn significantly more on average in "
        f"{areas(counts.a_higher, what)}, {b} in {counts.b_higher:,}; no significant "
        f"difference in {counts.no_significant_difference:,}; not comparable in "
        f"{counts.not_comparable:,} ({of}, {_OEWS} annual mean wages, 95% confidence)."
    )


def _verdict(gap: AreaGap) -> str:
    # "A"/"B" as the caption defines them: a phone's column stays narrow
    if gap.significant is None:
        return "not comparable"
    if not gap.significant:
        return "no significant difference"
    return "A higher" if (gap.difference or 0) > 0 else "B higher"


def _dollars(value: float | None, signed: bool = False) -> str:
    """Whole dollars without the unit ("46,020", "+2,800"): the caption says "US dollars".

    Differences and bounds are rounded to $10, like OEWS's annual means.
    A table of 54 rows would otherwise carry three hundred "$" elements (each "$" is an
    element of its own, :func:`analysis.presentation.html.no_math`), and every element
    costs the page export time.
    """
    if value is None:
        return fmt.NA
    return fmt.count(round(value / 10) * 10 if signed else value, signed=signed)


def _bound(value: float | None) -> str:
    """An interval's end to $10, unless that would show 0 for an end that is not 0.

    A significant interval may end at −$3: "−4,400 to 0" beside "B higher" would
    read as a contradiction, so such an end is shown to the dollar ("−3"), or as
    "−<1" when even that rounds to 0.
    """
    if value is None or round(value / 10) != 0 or value == 0:
        return _dollars(value, True)
    if round(value) != 0:
        return fmt.count(value, signed=True)
    return f"{fmt.MINUS if value < 0 else '+'}<1"


def _interval(gap: AreaGap) -> str:
    return f"{_bound(gap.ci95_low)} to {_bound(gap.ci95_high)}"


def _rows(gaps: Sequence[AreaGap], comp: Comparison, labels: Sequence[str]) -> list[Row]:
    """One row per area: A − B, its interval and the verdict (the chart's figures).

    The two means are in the JSON (``by_area``); the table holds what the map and the
    dot plot show, for a reader who cannot see them, and a row costs the page export
    time (a report lists 54 states and 20 metro areas).
    """
    return [
        Row(
            label,
            [
                num(_dollars(gap.difference, True), gap.reason or gap.note),
                num(fmt.NA if gap.ci95_low is None else _interval(gap)),
                txt(_verdict(gap)),
            ],
        )
        for label, gap in zip(labels, gaps, strict=True)
    ]


def _columns(first: str) -> list[str]:
    return [first, "A \u2212 B", "95% CI of A \u2212 B", "Verdict (95%)"]


def _ab(comp: Comparison) -> str:
    a_name, b_name = names(comp)
    return f"A = {a_name}, B = {b_name}"


def state_table(comp: Comparison) -> Markup:
    """Every state, DC and territory: both means, A − B, its interval and the verdict."""
    gaps = comp.by_area.states
    table = html.data_table(
        f"Annual mean wage by state, US dollars: A \u2212 B ({_ab(comp)}) and its 95% CI ({_OEWS})",
        _columns("State"),
        _rows(gaps, comp, [g.name for g in gaps]),
        notes=[_rule()],
    )
    return Markup(
        f"<details><summary>The {len(gaps)} states and territories as a table</summary>"
        f"{table}</details>"
    )


def metro_table(comp: Comparison) -> Markup:
    """The charted metro areas (the largest gaps each way), as a table."""
    rows = area_charts.metro_rows(comp)
    if not rows:
        return html.paragraph("No metro area publishes a comparable mean wage for both.", "note")
    total = comp.by_area.counts["metros"].total
    return html.data_table(
        f"Annual mean wage, US dollars: A \u2212 B ({_ab(comp)}) and its 95% CI in the "
        f"{len(rows)} metro areas with the largest gaps each way, of {total:,} where OEWS "
        f"publishes both ({_OEWS})",
        _columns("Metro area"),
        _rows(rows, comp, [g.name for g in rows]),
        notes=[
            _rule(),
            f"Every metro area's gap is in the report's JSON (by_area.metros, {total:,} areas).",
        ],
        css_class="report-table dense",  # smaller print cells: 20 rows kept whole
    )


def _rule() -> str:
    return (
        "SE of each mean = mean \u00d7 wage RSE / 100 (as for the national gap); significant "
        "when the 95% interval of A \u2212 B excludes zero. Not comparable: a mean is not "
        "published there (suppressed or top-coded), or no RSE is."
    )


def summary_html(comp: Comparison, kind: str) -> Markup:
    """The counts sentence of ``kind`` ("states" or "metros") as a paragraph."""
    counts = comp.by_area.counts[kind]
    if kind == "states":
        text = _counts_sentence(comp, counts, STATES_WHAT, STATES_OF)
    else:
        of = f"of the {counts.total:,} metropolitan statistical areas where OEWS publishes both"
        text = _counts_sentence(comp, counts, METROS_WHAT, of)
    return html.paragraph(text)


def no_areas_html(comp: Comparison) -> Markup:
    """What the section says when there is nothing to compare (the seed dataset)."""
    why = (
        "the seed page publishes no figures by area"
        if comp.a.is_seed
        else f"{_OEWS} publishes no state or metro mean wage for either"
    )
    return html.paragraph(f"{fmt.NA} ({why}).", "note")


def subheading(text: str) -> Markup:
    """A sub-heading of the section (level 3: the section itself is a level-2 heading)."""
    return Markup(f"<h3>{escape(text)}</h3>")
