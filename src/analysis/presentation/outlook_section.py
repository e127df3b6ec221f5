"""The report's outlook section, and what each job does.

Three parts, each from the profile's EP figures (no per-pair computation):
the growth and openings table with the all-occupations column (EP Tables 1.2
and 1.10), why openings arise (exits vs transfers, as shares of separations),
and BLS's own reasons for the projected change (EP Table 1.12, the
all-industries factor first). Projections carry no standard error, so the
section states BLS's figures and compares no two of them in words.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.data.sources.projections import ALL_INDUSTRIES_CODE
from analysis.occupations import outlook, ranks
from analysis.occupations.contract import Profile, Separations
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Cell, Row, num
from analysis.presentation.rows import NOT_ON_SEED_PAGE, names

INDUSTRY_FACTORS_SHOWN = 3
"""Industry factors listed after the all-industries one; the rest are counted."""

_EP = SOURCES["ep"]

# (label, Separations attribute, all-occupations figure in the all_occupations table)
_SEPARATION_ROWS = (
    ("Labor force exits a year, % of employment", "labor_force_exit_rate_pct"),
    ("Transfers to other occupations a year, % of employment", "occupational_transfer_rate_pct"),
    ("Total separations a year, % of employment", "total_separations_rate_pct"),
)


def _missing_note(p: Profile, field: str) -> str:
    if p.is_seed:
        return NOT_ON_SEED_PAGE
    return p.why_missing(field) or "not published"


def _separations_cell(p: Profile, attribute: str) -> Cell:
    sep: Separations | None = p.separations
    value = getattr(sep, attribute) if sep is not None else None
    if value is None:
        return num(fmt.NA, _missing_note(p, "separations"))
    return num(fmt.percent(value, 1))


def _thousands(value: float | None) -> str:
    """Thousands with one decimal and a separator (341.7, 18,863.3)."""
    return fmt.NA if value is None else f"{value:,.1f}"


def _all(figure: str) -> Cell:
    """The all-occupations figure of the EP total row: a rate in percent, or thousands."""
    value = ranks.all_occupations("ep", figure)
    return num(_thousands(value) if figure == "annual_openings" else fmt.percent(value, 1))


def outlook_table(comp: Comparison) -> Markup:
    """Projected growth, annual openings and separation rates, with all occupations beside."""
    a, b = comp.a, comp.b

    def growth(p: Profile) -> Cell:
        value = p.employment_change_pct_2024_2034
        if value is None:
            return num(fmt.NA, _missing_note(p, "employment_change_pct_2024_2034"))
        return num(fmt.percent(value, 1, signed=True))

    def openings(p: Profile) -> Cell:
        value = p.annual_openings_thousands
        if value is None:
            return num(fmt.NA, _missing_note(p, "annual_openings_thousands"))
        return num(_thousands(value))

    total_growth = ranks.all_occupations("ep", "employment_change_pct_2024_2034")
    rows = [
        Row(
            f"Projected employment change {_EP.vintage}",
            [
                growth(a),
                growth(b),
                num(
                    fmt.percent(total_growth, 1, signed=True)
                    if total_growth is not None
                    else fmt.NA
                ),
            ],
        ),
        Row(
            "Openings a year, thousands",
            [openings(a), openings(b), _all("annual_openings")],
        ),
    ]
    rows += [
        Row(label, [_separations_cell(a, attr), _separations_cell(b, attr), _all(attr)])
        for label, attr in _SEPARATION_ROWS
    ]
    return html.data_table(
        f"Outlook {_EP.vintage}: growth, openings and why workers leave "
        f"({_EP.label}, Tables 1.2 and 1.10; annual averages)",
        ["Figure", *names(comp), "All occupations"],
        rows,
        notes=[
            "Openings = growth plus separations (workers who leave the labor force, e.g. "
            "retire, and workers who move to another occupation). BLS projections carry no "
            "standard error, so no difference here is tested."
        ],
    )


def _why_openings_sentence(p: Profile) -> str:
    """Exits vs transfers for one occupation, as shares of its separations."""
    sep = p.separations
    if sep is None:
        return f"{p.title}: {fmt.NA} ({_missing_note(p, 'separations')})."
    exits, transfers, total = (
        sep.labor_force_exit_rate_pct,
        sep.occupational_transfer_rate_pct,
        sep.total_separations_rate_pct,
    )
    if exits is None or transfers is None or not total:
        return f"{p.title}: {fmt.NA} (BLS publishes no split of separations for this occupation)."
    return (
        f"{p.title}: each year BLS projects {fmt.percent(exits, 1)} of workers to leave the "
        f"labor force and {fmt.percent(transfers, 1)} to move to another occupation, "
        f"so {fmt.percent(100 * transfers / total, 0)} of the {fmt.percent(total, 1)} who "
        "leave go to another occupation."
    )


def why_openings_text(comp: Comparison) -> Markup:
    """Why openings arise, one sentence per occupation, against all occupations."""
    exits = ranks.all_occupations("ep", "labor_force_exit_rate_pct")
    transfers = ranks.all_occupations("ep", "occupational_transfer_rate_pct")
    total = ranks.all_occupations("ep", "total_separations_rate_pct")
    parts = [_why_openings_sentence(comp.a), _why_openings_sentence(comp.b)]
    if exits is not None and transfers is not None and total:
        parts.append(
            f"All occupations: {fmt.percent(exits, 1)} leave the labor force and "
            f"{fmt.percent(transfers, 1)} move to another occupation "
            f"({fmt.percent(100 * transfers / total, 0)} of separations are transfers)."
        )
    items = "".join(f"<li>{escape(t)}</li>" for t in parts)
    return Markup(
        f'<p>Why openings arise ({escape(_EP.label)} Table 1.10):</p><ul class="outlook">'
        f"{items}</ul>"
    )


def factor_items(p: Profile) -> list[str]:
    """BLS's reasons as list items: the all-industries factor first, then a few industries.

    The report's section and the atlas's occupation pages both list them so.
    """
    factors = p.projection_factors or []
    headline = [f for f in factors if f.industry_code == ALL_INDUSTRIES_CODE]
    industries = [f for f in factors if f.industry_code != ALL_INDUSTRIES_CODE]
    items = [f"All industries: {f.text}" for f in headline]
    items += [f"In {f.industry.lower()}: {f.text}" for f in industries[:INDUSTRY_FACTORS_SHOWN]]
    rest = len(industries) - INDUSTRY_FACTORS_SHOWN
    if rest > 0:
        items.append(
            f"... and factors for {rest} more {'industry' if rest == 1 else 'industries'}."
        )
    return items


def reasons(comp: Comparison) -> Markup:
    """BLS's reasons for each occupation's projected change (Table 1.12), side by side."""
    parts = []
    for p in (comp.a, comp.b):
        # A definition list, not headings: an occupation without a factor still has
        # its entry (n/a and the reason), never an empty heading.
        parts.append(f"<dt>{escape(p.title)}</dt>")
        items = factor_items(p)
        if items:
            lis = "".join(f"<li>{escape(t)}</li>" for t in items)
            parts.append(f"<dd><ul>{lis}</ul></dd>")
        else:
            reason = _missing_note(p, "projection_factors")
            parts.append(f"<dd>{escape(f'{fmt.NA}: {reason}.')}</dd>")
    caption = (
        f"Why BLS expects the change: factors affecting occupational utilization "
        f"({_EP.label}, {outlook.FACTORS_TABLE}), as BLS writes them"
    )
    return Markup(
        f'<div class="outlook-reasons"><p>{escape(caption)}:</p><dl>'
        + "".join(parts)
        + "</dl></div>"
    )


def descriptions_list(comp: Comparison) -> Markup:
    """What each job does: both O*NET descriptions (the seed page's own for the seed)."""
    source = "the career-site page" if comp.a.is_seed else SOURCES["onet"].label
    parts = []
    for p in (comp.a, comp.b):
        text = p.description
        body = text if text else f"{fmt.NA}: {_missing_note(p, 'description')}."
        parts.append(f"<dt>{escape(p.title)}</dt><dd>{escape(body)}</dd>")
    return Markup(
        f'<dl class="descriptions">{"".join(parts)}</dl>'
        f'<p class="note">Descriptions: {escape(source)}.</p>'
    )
