"""The atlas's own pages: one per occupation, the front page, and ``atlas.json``.

Each page is built in two steps. :func:`occupation_inputs` gathers, cheaply
and for every occupation at once, what is shown about the occupation among
the others (ranks, SOC groups, neighbours, pair outcomes); that and the
occupation's data fingerprint decide whether the page is out of date.
Only pages that are get the occupation's full profile
(:func:`analysis.occupations.profile.profile`) and are rendered with the
jinja2 templates in ``atlas/templates/``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any, TypedDict

import jinja2
import pandas as pd

from analysis import __version__, config
from analysis.atlas import front_chart, wage_chart
from analysis.atlas.figures import HEADLINES, NOT_IN_DATA, group_row, headline_totals, ranked_of
from analysis.atlas.plan import AtlasPlan
from analysis.batch.fingerprint import pair_slug
from analysis.batch.tasks import Summary
from analysis.data import dataset
from analysis.data.sources.catalog import ONET_CREDIT, SOURCES
from analysis.occupations.contract import Profile
from analysis.occupations.ranking import competition_ranks, highest_first
from analysis.occupations.similarity import MEASURE
from analysis.presentation import formatting as fmt
from analysis.presentation.outlook_section import factor_items

ALTERNATE_TITLES_SHOWN = 10
"""Alternate titles an occupation page lists (the search index holds them all)."""

OCCUPATIONS_DIR = "occupations"
PAIRS_DIR = "pairs"
ASSETS_DIR = "assets"


_PAIR_STATES = ("ok", "failed", "interrupted")
"""How a pair of the atlas came out: report present, render failed, or not reached (Ctrl-C)."""


@dataclass(frozen=True)
class PairStatus:
    """How one pair of the atlas came out, with its report's headline figures when present."""

    a: str
    b: str
    state: str
    """One of :data:`_PAIR_STATES`."""
    summary: Summary | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        """Refuse a state that is not one of :data:`_PAIR_STATES`."""
        if self.state not in _PAIR_STATES:
            raise ValueError(f"unknown pair state {self.state!r}; expected one of {_PAIR_STATES}")

    @property
    def ok(self) -> bool:
        """True when the pair's report is present and current."""
        return self.state == "ok"

    @property
    def slug(self) -> str:
        """File stem of the pair's report."""
        return _slug(self.a, self.b)


# The page contexts. Templates read their fields as attributes (jinja reads a
# dataclass's attribute as it reads a mapping's key); each is named once here.


@dataclass(frozen=True)
class HeadlineView:
    """One headline figure of an occupation page, with its rank among all occupations.

    Attributes:
        key: The figure's column in :func:`analysis.atlas.figures.occupation_figures`.
        label: Row heading.
        source: Where the figure comes from, as the page credits it.
        value: The figure, None when missing (what ``atlas.json`` holds).
        text: The figure as the page shows it ("n/a" when missing).
        rank: Its competition rank among all occupations, None when unranked.
        ranked_of: How many the rank is among (:func:`analysis.atlas.figures.ranked_of`).
        all_text: The figure for all occupations, as shown.
        all_reason: Why the all-occupations figure is missing, None when it is not.
        reason: Why the occupation's figure is missing; set at render time from its profile.
    """

    key: str
    label: str
    source: str
    value: float | None
    text: str
    rank: int | None
    ranked_of: int
    all_text: str
    all_reason: str | None
    reason: str | None = None


@dataclass(frozen=True)
class PairView:
    """One pair as seen from an occupation's page: the other side, links, headline wage gap.

    Attributes:
        soc: The other occupation's SOC code.
        title: The other occupation's title.
        page: Link to the other occupation's page, None when the atlas has none.
        report: Link to the pair's report, None unless it is present.
        ok: True when the pair's report is present and current.
        state: The pair's :attr:`PairStatus.state`.
        error: Why the pair failed or was not reached.
        gap_text: The page's occupation's annual mean wage minus the other's, signed.
        gap_sign: "more" or "less": which way :attr:`gap_text` goes.
        gap_abs_text: The gap without its sign.
        significant: Whether the gap is statistically significant at 95 %, None when unknown.
    """

    soc: str
    title: str
    page: str | None
    report: str | None
    ok: bool
    state: str
    error: str | None
    gap_text: str | None
    gap_sign: str | None
    gap_abs_text: str | None
    significant: bool | None


@dataclass(frozen=True)
class Neighbour:
    """One of an occupation's most similar occupations, with their pair when the atlas has it.

    Attributes:
        soc: The neighbour's SOC code.
        title: The neighbour's title.
        similarity: Their O*NET skill similarity (:data:`analysis.occupations.similarity.MEASURE`).
        pair: The pair of the two, None when the atlas has no such pair.
    """

    soc: str
    title: str
    similarity: float
    pair: PairView | None


@dataclass(frozen=True)
class GroupMember:
    """One occupation of a SOC minor group, as the group's table lists it.

    Attributes:
        soc: Its SOC code.
        title: Its title.
        wage_text: Its annual mean wage, as shown.
        page: Link to its page; None for the page's own occupation or one without a page.
        is_self: True for the page's own occupation.
    """

    soc: str
    title: str
    wage_text: str
    page: str | None
    is_self: bool


@dataclass(frozen=True)
class GroupPlace:
    """An occupation's place in one of its SOC groups, by annual mean wage.

    Attributes:
        code: OEWS's code of the group (e.g. 29-1000, 15-1200, 29-0000).
        size: Occupations in the group.
        rank: The occupation's rank in the group, None without a published mean wage.
        ranked_of: How many in the group have a published mean wage.
        total_wage_text: OEWS's mean wage of the group, as shown.
        total_employment_text: OEWS's employment of the group, as shown.
        members: The group's occupations by wage, highest first (empty for a major group).
    """

    code: str
    size: int
    rank: int | None
    ranked_of: int
    total_wage_text: str
    total_employment_text: str
    members: tuple[GroupMember, ...]


@dataclass(frozen=True)
class OccupationInputs:
    """What an occupation's page shows about it among the others (:func:`occupation_inputs`).

    Hashed to decide whether the page is out of date, so it holds only plain values.

    Attributes:
        soc: The occupation's SOC code.
        title: Its title.
        major_group: Its SOC major group's code.
        major_group_title: Its SOC major group's title.
        headlines: Its headline figures, in :data:`analysis.atlas.figures.HEADLINES` order.
        minor: Its place in its SOC minor group.
        major: Its place in its SOC major group.
        neighbours: Its most similar occupations, most similar first.
        other_pairs: Its pairs with occupations that count it among their nearest.
        failed: How many of its pairs failed.
        not_reached: How many of its pairs were not reached (the atlas was interrupted).
    """

    soc: str
    title: str
    major_group: str
    major_group_title: str
    headlines: tuple[HeadlineView, ...]
    minor: GroupPlace
    major: GroupPlace
    neighbours: tuple[Neighbour, ...]
    other_pairs: tuple[PairView, ...]
    failed: int
    not_reached: int


@dataclass(frozen=True)
class AlternateTitles:
    """O*NET alternate titles an occupation page lists (:func:`alternate_titles`).

    Attributes:
        shown: Up to :data:`ALTERNATE_TITLES_SHOWN` titles, alphabetical.
        total: How many the occupation has.
    """

    shown: tuple[str, ...]
    total: int


@dataclass(frozen=True)
class SeparationRates:
    """BLS EP Table 1.10's yearly separation rates, as shown.

    Attributes:
        exits: Share leaving the labor force.
        transfers: Share moving to another occupation.
        total: Both together.
    """

    exits: str
    transfers: str
    total: str


@dataclass(frozen=True)
class Outlook:
    """An occupation page's outlook section (:func:`outlook_view`).

    Attributes:
        reasons: BLS's reasons (Table 1.12), all industries first.
        reasons_reason: Why there are none.
        openings: Openings a year in thousands (Table 1.10), as shown; None when missing.
        openings_reason: Why they are missing.
        rates: The separation rates (Table 1.10), None when missing.
        rates_reason: Why they are missing.
    """

    reasons: tuple[str, ...]
    reasons_reason: str
    openings: str | None
    openings_reason: str
    rates: SeparationRates | None
    rates_reason: str


@dataclass(frozen=True)
class _SocGroup:
    """A SOC minor or major group, shared by its members' pages (:func:`_groups`).

    Attributes:
        code: OEWS's code of the group.
        size: Occupations in the group.
        ranks: Each member's rank by annual mean wage (members with a wage only).
        ranked_of: How many members have a wage.
        total_wage_text: OEWS's mean wage of the group, as shown.
        total_employment_text: OEWS's employment of the group, as shown.
        listed: ``(soc, title, wage text)`` of the members, highest wage first.
    """

    code: str
    size: int
    ranks: dict[str, int]
    ranked_of: int
    total_wage_text: str
    total_employment_text: str
    listed: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class IndexOccupation:
    """One occupation in the front page's list of its major group.

    Attributes:
        soc: Its SOC code.
        title: Its title.
        page: Link to its page.
    """

    soc: str
    title: str
    page: str


@dataclass(frozen=True)
class MajorGroup:
    """One SOC major group on the front page.

    Attributes:
        code: The group's code.
        title: The group's title.
        occupations: Its occupations of the atlas, in plan order.
    """

    code: str
    title: str
    occupations: tuple[IndexOccupation, ...]


@dataclass(frozen=True)
class FailedPair:
    """A pair the front page lists as failed or not reached.

    Attributes:
        a: SOC code of side A.
        b: SOC code of side B.
        title_a: Title of side A.
        title_b: Title of side B.
        state: The pair's :attr:`PairStatus.state`.
        error: Why it failed or was not reached.
    """

    a: str
    b: str
    title_a: str
    title_b: str
    state: str
    error: str | None


@dataclass(frozen=True)
class LegendEntry:
    """One major group in the front chart's legend.

    Attributes:
        code: The group's code.
        title: The group's title.
        colour: Its dots' colour.
        size: Its occupations in the atlas.
    """

    code: str
    title: str
    colour: str
    size: int


@dataclass(frozen=True)
class FrontChart:
    """The front page's chart of pay against projected growth, and its table.

    Attributes:
        svg: The chart (:func:`analysis.atlas.front_chart.chart_svg`).
        rows: The chart's figures as table rows (:func:`analysis.atlas.front_chart.chart_rows`).
        drawn: Occupations drawn (with both a wage and a projection).
        no_wage: Occupations not drawn for want of a wage.
        no_growth: Occupations not drawn for want of a projection.
        all_wage: All occupations' annual mean wage, as shown.
        all_growth: All occupations' projected change, as shown.
        legend: The major groups, by code.
    """

    svg: str | None
    rows: list[dict[str, Any]]
    drawn: int
    no_wage: int
    no_growth: int
    all_wage: str
    all_growth: str
    legend: tuple[LegendEntry, ...]


@dataclass(frozen=True)
class IndexInputs:
    """What the front page shows (:func:`index_inputs`); hashed like :class:`OccupationInputs`.

    Attributes:
        groups: The SOC major groups with their occupations, by code.
        chart: The chart of pay against projected growth.
        occupations: Occupations in the atlas.
        pairs: Pairs in the atlas.
        similar: Neighbours per occupation (``--similar``).
        failed: Pairs that failed or were not reached.
        measure: The similarity measure's description.
        version: The package's version.
    """

    groups: tuple[MajorGroup, ...]
    chart: FrontChart
    occupations: int
    pairs: int
    similar: int
    failed: tuple[FailedPair, ...]
    measure: str
    version: str


class AtlasFigure(TypedDict):
    """One headline figure of an occupation in ``atlas.json``."""

    value: float | None
    rank: int | None
    ranked_of: int


class AtlasNeighbour(TypedDict):
    """One similar occupation in ``atlas.json``."""

    soc: str
    similarity: float


class AtlasOccupation(TypedDict):
    """One occupation in ``atlas.json``: its page, group, headline figures and neighbours."""

    soc: str
    title: str
    page: str
    major_group: str
    figures: dict[str, AtlasFigure]
    neighbours: list[AtlasNeighbour]


class AtlasPair(TypedDict):
    """One pair in ``atlas.json``: its outcome, report and headline gaps."""

    a: str
    b: str
    similarity: float | None
    status: str
    error: str | None
    report: str | None
    gaps: dict[str, Any] | None


class AtlasTable(TypedDict):
    """``atlas.json`` (:func:`atlas_table`); a mapping because it is written as JSON."""

    measure: str
    similar: int
    package_version: str
    pairs: list[AtlasPair]
    occupations: list[AtlasOccupation]


def _context(inputs: OccupationInputs | IndexInputs) -> dict[str, Any]:
    """A page's fields as template variables (one level: nested fields stay objects)."""
    return {f.name: getattr(inputs, f.name) for f in fields(inputs)}


@cache
def _slug(a: str, b: str) -> str:
    return pair_slug(a, b, "public")


def environment() -> jinja2.Environment:
    """The jinja2 environment of the atlas templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.ATLAS_TEMPLATES_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = fmt.money
    env.filters["count"] = fmt.count
    env.globals["sources"] = SOURCES  # releases and labels come from the catalog
    return env


def _format_figure(kind: str, value: Any) -> str:
    """A headline figure as the page shows it; "n/a" when missing."""
    if fmt.is_missing(value):
        return "n/a"
    if kind == "money":
        return fmt.money(value)
    if kind == "count":
        return fmt.count(value)
    if kind == "change":
        return fmt.percent(value, 1, signed=True)
    if kind == "percent":
        return fmt.percent(value, 1)
    if kind == "years":
        return f"{value:.1f} years"
    raise ValueError(f"unknown figure kind {kind!r}")


def _value(value: Any) -> float | None:
    return None if fmt.is_missing(value) or value is pd.NA else float(value)


def _pair_view(soc: str, status: PairStatus, titles: dict[str, str], pages: set[str]) -> PairView:
    """One pair as seen from ``soc``'s page: the other side, link, headline wage gap."""
    other = status.b if status.a == soc else status.a
    summary = status.summary or Summary()
    gap = summary.annual_mean_wage_gap
    if gap is not None and status.a != soc:
        gap = -gap  # the report's gaps are A - B; the page speaks for its own occupation
    return PairView(
        soc=other,
        title=titles[other],
        page=f"{other}.html" if other in pages else None,
        report=f"../{PAIRS_DIR}/{status.slug}.html" if status.ok else None,
        ok=status.ok,
        state=status.state,
        error=status.error,
        gap_text=None if gap is None else fmt.money(gap),
        gap_sign=None if gap is None else ("more" if gap > 0 else "less"),
        gap_abs_text=None if gap is None else fmt.money(abs(gap)),
        significant=summary.significant,
    )


def occupation_inputs(
    plan: AtlasPlan,
    figures: pd.DataFrame,
    ranks: pd.DataFrame,
    all_occupations: dict[str, float | None],
    pairs: dict[tuple[str, str], PairStatus],
) -> dict[str, OccupationInputs]:
    """What each occupation's page shows about it among the others, for every page.

    Args:
        plan: The atlas's occupations and pairs.
        figures: :func:`analysis.atlas.figures.occupation_figures`.
        ranks: :func:`analysis.atlas.figures.ranks` of ``figures``.
        all_occupations: :func:`analysis.atlas.figures.headline_totals`.
        pairs: Outcome of each pair of the plan.

    Returns:
        ``{soc: inputs}``; plain values only, so they can be hashed.
    """
    titles = figures["title"].astype(str).to_dict()
    pages = set(plan.occupations)
    # The count each rank was taken among (distinct CPS rows), not the SOCs with a figure.
    of = ranked_of()
    minor_groups = _groups(figures, "minor_group")
    major_groups = _groups(figures, "major_group")
    pairs_by_soc: dict[str, list[PairStatus]] = {}
    for key in plan.pairs:
        if key in pairs:
            for soc in key:
                pairs_by_soc.setdefault(soc, []).append(pairs[key])
    out: dict[str, OccupationInputs] = {}
    # Plain dictionaries: pandas' per-cell access would cost seconds over 830 pages.
    rows = figures.to_dict("index")
    rank_rows = ranks.astype(object).where(ranks.notna(), None).to_dict("index")
    for soc in plan.occupations:
        row = rows[soc]
        headlines = []
        for h in HEADLINES:
            rank = rank_rows[soc][h.key]
            total = all_occupations.get(h.key)
            headlines.append(
                HeadlineView(
                    key=h.key,
                    label=h.label,
                    source=h.source,
                    value=_value(row[h.key]),
                    text=_format_figure(h.kind, row[h.key]),
                    rank=None if rank is None else int(rank),
                    ranked_of=of[h.key],
                    all_text=_format_figure(h.kind, total),
                    all_reason=None if total is not None else NOT_IN_DATA.get(h.key),
                )
            )
        nearest = {str(n["soc"]) for n in plan.neighbours.get(soc, [])}
        own = pairs_by_soc.get(soc, [])
        out[soc] = OccupationInputs(
            soc=soc,
            title=titles[soc],
            major_group=str(row["major_group"]),
            major_group_title=str(row["major_group_title"]),
            headlines=tuple(headlines),
            minor=_place(soc, minor_groups[row["minor_group"]], pages, members=True),
            major=_place(soc, major_groups[row["major_group"]], pages, members=False),
            neighbours=tuple(
                Neighbour(
                    soc=str(n["soc"]),
                    title=str(n["title"]),
                    similarity=n["similarity"],
                    pair=_pair_view(soc, pairs[_key(soc, str(n["soc"]))], titles, pages)
                    if _key(soc, str(n["soc"])) in pairs
                    else None,
                )
                for n in plan.neighbours.get(soc, [])
            ),
            other_pairs=tuple(
                _pair_view(soc, s, titles, pages)
                for s in own
                if (s.b if s.a == soc else s.a) not in nearest
            ),
            failed=sum(s.state == "failed" for s in own),
            not_reached=sum(s.state == "interrupted" for s in own),
        )
    return out


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _groups(figures: pd.DataFrame, column: str) -> dict[str, _SocGroup]:
    """Every SOC minor or major group: members by annual mean wage, ranks, OEWS's total."""
    order = highest_first(figures, "annual_mean_wage", "title")
    out: dict[str, _SocGroup] = {}
    for code, members in order.groupby(column, sort=False):
        total = group_row(code if column == "minor_group" else code[:2])
        ranking = competition_ranks(members["annual_mean_wage"])
        out[code] = _SocGroup(
            code=total["code"] if total else code,
            size=len(members),
            ranks={str(soc): rank for soc, rank in ranking.ranks.items()},
            ranked_of=ranking.of,
            total_wage_text=fmt.money(total["annual_mean_wage"]) if total else "n/a",
            total_employment_text=fmt.count(total["employment"]) if total else "n/a",
            listed=tuple(
                (str(soc), str(title), _format_figure("money", wage))
                for soc, title, wage in zip(
                    members.index, members["title"], members["annual_mean_wage"], strict=True
                )
            ),
        )
    return out


def _place(soc: str, group: _SocGroup, pages: set[str], members: bool) -> GroupPlace:
    """The occupation's place in one of its SOC groups, by annual mean wage."""
    return GroupPlace(
        code=group.code,
        size=group.size,
        rank=group.ranks.get(soc),
        ranked_of=group.ranked_of,
        total_wage_text=group.total_wage_text,
        total_employment_text=group.total_employment_text,
        members=tuple(
            GroupMember(
                soc=s,
                title=t,
                wage_text=w,
                page=f"{s}.html" if s in pages and s != soc else None,
                is_self=s == soc,
            )
            for s, t, w in group.listed
        )
        if members
        else (),
    )


def render_occupation(env: jinja2.Environment, inputs: OccupationInputs, prof: Profile) -> str:
    """One occupation's page, from its :func:`occupation_inputs` and its profile."""
    missing = prof.missing
    headlines = tuple(
        replace(h, reason=missing.get(h.key) if h.value is None else None) for h in inputs.headlines
    )
    return env.get_template("occupation.html.j2").render(
        **_context(replace(inputs, headlines=headlines)),
        root="../",
        description=prof.description,
        description_reason=missing.get("description"),
        entry_education=prof.typical_entry_education,
        top_skills=prof.top_skills or [],
        skills_reason=missing.get("top_skills"),
        census_note=_census_note(prof),
        measure=MEASURE,
        similar=len(inputs.neighbours),
        version=__version__,
        credit=ONET_CREDIT,
        wages=wage_chart.wage_chart(prof),
        alternate=alternate_titles(prof.soc),
        outlook=outlook_view(prof),
    )


def alternate_titles(soc: str | None) -> AlternateTitles:
    """Up to :data:`ALTERNATE_TITLES_SHOWN` O*NET alternate titles (alphabetical) and the count.

    The titles of the SOC-level O*NET code (``.00``), as the search index finds them.
    """
    titles = _alternate_by_soc().get(soc, []) if soc is not None else []
    return AlternateTitles(shown=tuple(titles[:ALTERNATE_TITLES_SHOWN]), total=len(titles))


@cache
def _alternate_by_soc() -> dict[str, list[str]]:
    # Once per process over the whole table: a per-page lookup and filter of the
    # titles table costs 7 ms, a tenth of a page's budget over 830 pages.
    rows = dataset.base_onet_rows(dataset.table("titles"))
    rows = rows[rows["kind"] == "alternate"]
    out: dict[str, list[str]] = {}
    for soc, title in zip(rows["soc"].astype(str), rows["title"].astype(str), strict=True):
        out.setdefault(soc, []).append(title)
    return {s: sorted(dict.fromkeys(t), key=str.casefold) for s, t in out.items()}


def outlook_view(prof: Profile) -> Outlook:
    """BLS's reasons (Table 1.12, all industries first) and openings (Table 1.10) for a page."""
    sep = prof.separations
    openings = prof.annual_openings_thousands
    rates = None
    if sep is not None and sep.total_separations_rate_pct is not None:
        rates = SeparationRates(
            exits=fmt.percent(sep.labor_force_exit_rate_pct, 1),
            transfers=fmt.percent(sep.occupational_transfer_rate_pct, 1),
            total=fmt.percent(sep.total_separations_rate_pct, 1),
        )
    return Outlook(
        reasons=tuple(factor_items(prof)),
        reasons_reason=prof.missing.get("projection_factors") or "not published",
        openings=None if openings is None else f"{openings:,.1f}",
        openings_reason=prof.missing.get("annual_openings_thousands") or "not published",
        rates=rates,
        rates_reason=prof.missing.get("separations") or "not published",
    )


def _census_note(prof: Profile) -> str | None:
    shared = prof.socs_sharing_census_code
    if shared is not None and shared > 1:
        return (
            f"The CPS figures describe the Census occupation '{prof.census_title}', "
            f"which covers {shared} SOC codes: they are shared, not specific to this one."
        )
    return None


def index_inputs(
    plan: AtlasPlan, figures: pd.DataFrame, pairs: dict[tuple[str, str], PairStatus]
) -> IndexInputs:
    """What the front page shows: groups with their occupations, failed pairs, counts."""
    group_titles: dict[str, str] = {}
    members: dict[str, list[IndexOccupation]] = {}
    # Plain dictionaries: figures.loc per occupation costs a quarter of a second over 830.
    by_soc = figures[["title", "major_group", "major_group_title"]].to_dict("index")
    for soc in plan.occupations:
        row = by_soc[soc]
        group_titles.setdefault(row["major_group"], row["major_group_title"])
        members.setdefault(row["major_group"], []).append(
            IndexOccupation(soc=soc, title=row["title"], page=f"{OCCUPATIONS_DIR}/{soc}.html")
        )
    groups = tuple(
        MajorGroup(code=code, title=group_titles[code], occupations=tuple(members[code]))
        for code in sorted(members)
    )
    titles = figures["title"].astype(str).to_dict()
    failed = tuple(
        FailedPair(
            a=s.a,
            b=s.b,
            title_a=titles[s.a],
            title_b=titles[s.b],
            state=s.state,
            error=s.error,
        )
        for s in pairs.values()
        if not s.ok
    )
    page = f"{OCCUPATIONS_DIR}/{{soc}}.html"
    totals = headline_totals()
    rows = front_chart.chart_rows(figures, plan.occupations, page)
    colours = front_chart.group_colours(figures["major_group"].unique())
    chart = FrontChart(
        svg=front_chart.chart_svg(figures, plan.occupations, page, totals),
        rows=rows,
        drawn=sum(r["wage"] is not None and r["growth"] is not None for r in rows),
        no_wage=sum(r["wage"] is None for r in rows),
        no_growth=sum(r["growth"] is None for r in rows),
        all_wage=_format_figure("money", totals.get(front_chart.WAGE)),
        all_growth=_format_figure("change", totals.get(front_chart.GROWTH)),
        legend=tuple(
            LegendEntry(code=g.code, title=g.title, colour=colours[g.code], size=len(g.occupations))
            for g in groups
        ),
    )
    return IndexInputs(
        groups=groups,
        chart=chart,
        occupations=len(plan.occupations),
        pairs=len(plan.pairs),
        similar=plan.similar,
        failed=failed,
        measure=MEASURE,
        version=__version__,
    )


def render_index(env: jinja2.Environment, inputs: IndexInputs) -> str:
    """The front page."""
    return env.get_template("index.html.j2").render(**_context(inputs), root="", credit=ONET_CREDIT)


def atlas_table(
    plan: AtlasPlan,
    occupation_pages: dict[str, OccupationInputs],
    pairs: dict[tuple[str, str], PairStatus],
    similarities: dict[tuple[str, str], float | None],
) -> AtlasTable:
    """``atlas.json``: every pair's headline gaps and every occupation's headline figures."""
    rows: list[AtlasPair] = []
    for a, b in plan.pairs:
        status = pairs.get((a, b))
        rows.append(
            {
                "a": a,
                "b": b,
                "similarity": similarities.get((a, b)),
                "status": "missing" if status is None else status.state,
                "error": None if status is None else status.error,
                "report": f"{PAIRS_DIR}/{pair_slug(a, b, 'public')}.html"
                if status is not None and status.ok
                else None,
                "gaps": None
                if status is None or not status.ok or status.summary is None
                else status.summary.to_json(),
            }
        )
    return {
        "measure": MEASURE,
        "similar": plan.similar,
        "package_version": __version__,
        "pairs": rows,
        "occupations": [
            {
                "soc": soc,
                "title": page.title,
                "page": f"{OCCUPATIONS_DIR}/{soc}.html",
                "major_group": page.major_group,
                "figures": {
                    h.key: {"value": h.value, "rank": h.rank, "ranked_of": h.ranked_of}
                    for h in page.headlines
                },
                "neighbours": [{"soc": n.soc, "similarity": n.similarity} for n in page.neighbours],
            }
            for soc, page in occupation_pages.items()
        ],
    }
