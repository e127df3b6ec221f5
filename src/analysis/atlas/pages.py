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

from dataclasses import dataclass
from functools import cache
from typing import Any

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

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (what pages and ``atlas.json`` show)."""
        return {
            "a": self.a,
            "b": self.b,
            "ok": self.ok,
            "state": self.state,
            "summary": self.summary.to_json() if self.summary is not None else {},
            "error": self.error,
        }


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


def _pair_view(soc: str, status: PairStatus, titles: dict[str, str], pages: set[str]) -> dict:
    """One pair as seen from ``soc``'s page: the other side, link, headline wage gap."""
    other = status.b if status.a == soc else status.a
    summary = status.summary or Summary()
    gap = summary.annual_mean_wage_gap
    if gap is not None and status.a != soc:
        gap = -gap  # the report's gaps are A - B; the page speaks for its own occupation
    sig = summary.significant
    return {
        "soc": other,
        "title": titles[other],
        "page": f"{other}.html" if other in pages else None,
        "report": f"../{PAIRS_DIR}/{status.slug}.html" if status.ok else None,
        "ok": status.ok,
        "state": status.state,
        "error": status.error,
        "gap_text": None if gap is None else fmt.money(gap),
        "gap_sign": None if gap is None else ("more" if gap > 0 else "less"),
        "gap_abs_text": None if gap is None else fmt.money(abs(gap)),
        "significant": sig,
    }


def occupation_inputs(
    plan: AtlasPlan,
    figures: pd.DataFrame,
    ranks: pd.DataFrame,
    all_occupations: dict[str, float | None],
    pairs: dict[tuple[str, str], PairStatus],
) -> dict[str, dict[str, Any]]:
    """What each occupation's page shows about it among the others, for every page.

    Args:
        plan: The atlas's occupations and pairs.
        figures: :func:`analysis.atlas.figures.occupation_figures`.
        ranks: :func:`analysis.atlas.figures.ranks` of ``figures``.
        all_occupations: :func:`analysis.atlas.figures.headline_totals`.
        pairs: Outcome of each pair of the plan.

    Returns:
        ``{soc: context}``; JSON-ready, so it can be hashed.
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
    out: dict[str, dict[str, Any]] = {}
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
                {
                    "key": h.key,
                    "label": h.label,
                    "source": h.source,
                    "value": _value(row[h.key]),
                    "text": _format_figure(h.kind, row[h.key]),
                    "rank": None if rank is None else int(rank),
                    "ranked_of": of[h.key],
                    "all_text": _format_figure(h.kind, total),
                    "all_reason": None if total is not None else NOT_IN_DATA.get(h.key),
                }
            )
        nearest = {str(n["soc"]) for n in plan.neighbours.get(soc, [])}
        own = pairs_by_soc.get(soc, [])
        out[soc] = {
            "soc": soc,
            "title": titles[soc],
            "major_group": str(row["major_group"]),
            "major_group_title": str(row["major_group_title"]),
            "headlines": headlines,
            "minor": _place(soc, minor_groups[row["minor_group"]], pages, members=True),
            "major": _place(soc, major_groups[row["major_group"]], pages, members=False),
            "neighbours": [
                {
                    "soc": str(n["soc"]),
                    "title": str(n["title"]),
                    "similarity": n["similarity"],
                    "pair": _pair_view(soc, pairs[_key(soc, str(n["soc"]))], titles, pages)
                    if _key(soc, str(n["soc"])) in pairs
                    else None,
                }
                for n in plan.neighbours.get(soc, [])
            ],
            "other_pairs": [
                _pair_view(soc, s, titles, pages)
                for s in own
                if (s.b if s.a == soc else s.a) not in nearest
            ],
            "failed": sum(s.state == "failed" for s in own),
            "not_reached": sum(s.state == "interrupted" for s in own),
        }
    return out


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _groups(figures: pd.DataFrame, column: str) -> dict[str, dict[str, Any]]:
    """Every SOC minor or major group: members by annual mean wage, ranks, OEWS's total."""
    order = highest_first(figures, "annual_mean_wage", "title")
    out: dict[str, dict[str, Any]] = {}
    for code, members in order.groupby(column, sort=False):
        total = group_row(code if column == "minor_group" else code[:2])
        ranking = competition_ranks(members["annual_mean_wage"])
        out[code] = {
            "code": total["code"] if total else code,
            "size": len(members),
            "ranks": {str(soc): rank for soc, rank in ranking.ranks.items()},
            "ranked_of": ranking.of,
            "total_wage_text": fmt.money(total["annual_mean_wage"]) if total else "n/a",
            "total_employment_text": fmt.count(total["employment"]) if total else "n/a",
            "listed": [
                (str(soc), str(title), _format_figure("money", wage))
                for soc, title, wage in zip(
                    members.index, members["title"], members["annual_mean_wage"], strict=True
                )
            ],
        }
    return out


def _place(soc: str, group: dict[str, Any], pages: set[str], members: bool) -> dict[str, Any]:
    """The occupation's place in one of its SOC groups, by annual mean wage."""
    rank = group["ranks"].get(soc)
    return {
        "code": group["code"],
        "size": group["size"],
        "rank": rank,
        "ranked_of": group["ranked_of"],
        "total_wage_text": group["total_wage_text"],
        "total_employment_text": group["total_employment_text"],
        "members": [
            {
                "soc": s,
                "title": t,
                "wage_text": w,
                "page": f"{s}.html" if s in pages and s != soc else None,
                "self": s == soc,
            }
            for s, t, w in group["listed"]
        ]
        if members
        else [],
    }


def render_occupation(env: jinja2.Environment, inputs: dict[str, Any], prof: Profile) -> str:
    """One occupation's page, from its :func:`occupation_inputs` and its profile."""
    missing = prof.missing
    headlines = [
        {**h, "reason": missing.get(h["key"]) if h["value"] is None else None}
        for h in inputs["headlines"]
    ]
    return env.get_template("occupation.html.j2").render(
        **{**inputs, "headlines": headlines},
        root="../",
        description=prof.description,
        description_reason=missing.get("description"),
        entry_education=prof.typical_entry_education,
        top_skills=prof.top_skills or [],
        skills_reason=missing.get("top_skills"),
        census_note=_census_note(prof),
        measure=MEASURE,
        similar=len(inputs["neighbours"]),
        version=__version__,
        credit=ONET_CREDIT,
        wages=wage_chart.wage_chart(prof),
        alternate=alternate_titles(prof.soc),
        outlook=outlook_view(prof),
    )


def alternate_titles(soc: str | None) -> dict[str, Any]:
    """Up to :data:`ALTERNATE_TITLES_SHOWN` O*NET alternate titles (alphabetical) and the count.

    The titles of the SOC-level O*NET code (``.00``), as the search index finds them.
    """
    titles = _alternate_by_soc().get(soc, []) if soc is not None else []
    return {"shown": titles[:ALTERNATE_TITLES_SHOWN], "total": len(titles)}


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


def outlook_view(prof: Profile) -> dict[str, Any]:
    """BLS's reasons (Table 1.12, all industries first) and openings (Table 1.10) for a page."""
    sep = prof.separations
    openings = prof.annual_openings_thousands
    rates = None
    if sep is not None and sep.total_separations_rate_pct is not None:
        rates = {
            "exits": fmt.percent(sep.labor_force_exit_rate_pct, 1),
            "transfers": fmt.percent(sep.occupational_transfer_rate_pct, 1),
            "total": fmt.percent(sep.total_separations_rate_pct, 1),
        }
    return {
        "reasons": factor_items(prof),
        "reasons_reason": prof.missing.get("projection_factors") or "not published",
        "openings": None if openings is None else f"{openings:,.1f}",
        "openings_reason": prof.missing.get("annual_openings_thousands") or "not published",
        "rates": rates,
        "rates_reason": prof.missing.get("separations") or "not published",
    }


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
) -> dict[str, Any]:
    """What the front page shows: groups with their occupations, failed pairs, counts."""
    groups: dict[str, dict[str, Any]] = {}
    # Plain dictionaries: figures.loc per occupation costs a quarter of a second over 830.
    by_soc = figures[["title", "major_group", "major_group_title"]].to_dict("index")
    for soc in plan.occupations:
        row = by_soc[soc]
        group = groups.setdefault(
            row["major_group"],
            {"code": row["major_group"], "title": row["major_group_title"], "occupations": []},
        )
        group["occupations"].append(
            {"soc": soc, "title": row["title"], "page": f"{OCCUPATIONS_DIR}/{soc}.html"}
        )
    titles = figures["title"].astype(str).to_dict()
    failed = [
        {
            "a": s.a,
            "b": s.b,
            "title_a": titles[s.a],
            "title_b": titles[s.b],
            "state": s.state,
            "error": s.error,
        }
        for s in pairs.values()
        if not s.ok
    ]
    page = f"{OCCUPATIONS_DIR}/{{soc}}.html"
    totals = headline_totals()
    rows = front_chart.chart_rows(figures, plan.occupations, page)
    colours = front_chart.group_colours(figures["major_group"].unique())
    chart = {
        "svg": front_chart.chart_svg(figures, plan.occupations, page, totals),
        "rows": rows,
        "drawn": sum(r["wage"] is not None and r["growth"] is not None for r in rows),
        "no_wage": sum(r["wage"] is None for r in rows),
        "no_growth": sum(r["growth"] is None for r in rows),
        "all_wage": _format_figure("money", totals.get(front_chart.WAGE)),
        "all_growth": _format_figure("change", totals.get(front_chart.GROWTH)),
        "legend": [
            {
                **{k: g[k] for k in ("code", "title")},
                "colour": colours[g["code"]],
                "size": len(g["occupations"]),
            }
            for g in (groups[k] for k in sorted(groups))
        ],  # fmt: skip
    }
    return {
        "groups": [groups[k] for k in sorted(groups)],
        "chart": chart,
        "occupations": len(plan.occupations),
        "pairs": len(plan.pairs),
        "similar": plan.similar,
        "failed": failed,
        "measure": MEASURE,
        "version": __version__,
    }


def render_index(env: jinja2.Environment, inputs: dict[str, Any]) -> str:
    """The front page."""
    return env.get_template("index.html.j2").render(**inputs, root="", credit=ONET_CREDIT)


def atlas_table(
    plan: AtlasPlan,
    occupation_pages: dict[str, dict[str, Any]],
    pairs: dict[tuple[str, str], PairStatus],
    similarities: dict[tuple[str, str], float | None],
) -> dict[str, Any]:
    """``atlas.json``: every pair's headline gaps and every occupation's headline figures."""
    rows = []
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
                "title": page["title"],
                "page": f"{OCCUPATIONS_DIR}/{soc}.html",
                "major_group": page["major_group"],
                "figures": {
                    h["key"]: {"value": h["value"], "rank": h["rank"], "ranked_of": h["ranked_of"]}
                    for h in page["headlines"]
                },
                "neighbours": [
                    {"soc": n["soc"], "similarity": n["similarity"]} for n in page["neighbours"]
                ],
            }
            for soc, page in occupation_pages.items()
        ],
    }
