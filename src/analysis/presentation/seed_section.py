"""The report's seed-page sections: the seed page's four side-by-side tables, and a profile table.

Each row is declared once as a :class:`~analysis.presentation.rows.FigureRow`:
its label with public data (saying what the figure really is), its label on the
seed page, the field behind it and how to write the value. With
``dataset="seed"`` the tables reproduce the seed page string for string.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from analysis.comparison.gaps import SMALL_CPS_BASE_THOUSANDS
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import PlaceWage, Profile, is_missing
from analysis.presentation import formatting as fmt
from analysis.presentation import group_rows, html
from analysis.presentation.rows import FigureRow, style_for

NOT_SHOWN = "not shown on the career-site page"
"""Why a seed-dataset cell of these tables is empty when the seed page leaves it out."""


def _decimals(p: Profile) -> int:
    """The seed page writes whole numbers; public figures keep the source's one decimal."""
    return 0 if p.is_seed else 1


def _num(value: Any, decimals: int, style: fmt.Style) -> str:
    return style.missing if is_missing(value) else f"{value:.{decimals}f}"


def _degree(p: Profile, style: fmt.Style) -> str:
    top = p.most_common_education
    if top is None:
        return style.missing
    return f"{top.level}, {fmt.percent(top.share_pct, _decimals(p), style=style)}"


def _salary_range(p: Profile, style: fmt.Style) -> str:
    low, high = p.annual_wage_p10, p.annual_wage_p90
    if is_missing(low) or is_missing(high):
        return style.missing
    if p.is_seed:  # the seed page's wording, reproduced
        return f"Between {fmt.money(low, style=style)} And {fmt.money(high, style=style)}"
    return fmt.money_range(low, high, style=style)


def _place(best: PlaceWage | None, style: fmt.Style) -> str:
    if best is None:
        return style.missing
    wage = best.annual_mean_wage
    shown = best.name if is_missing(wage) else f"{best.name} ({fmt.money(wage, style=style)})"
    tied = getattr(best, "tied_with", None)
    if tied:
        # a winner within sampling error of others is not a winner: say so where it is named
        others = [f"{t.name} ({fmt.money(t.annual_mean_wage, style=style)})" for t in tied[:3]]
        more = f" and {len(tied) - 3} more" if len(tied) > 3 else ""
        shown += f"; tied within sampling error with {', '.join(others)}{more}"
    return shown


def _gender(p: Profile, style: fmt.Style) -> str:
    women, men = p.women_pct, p.men_pct
    if is_missing(women):
        return style.missing
    return f"Male, {men:.1f}% Female, {women:.1f}%"


def _race(p: Profile, style: fmt.Style) -> str:
    if p.race_pct_seed:  # the seed's own categories and order
        pairs = list(p.race_pct_seed)
    elif p.race_pct is not None:
        pairs = p.race_pct.labelled()
    else:
        return style.missing
    return " ".join(
        f"{label}, {style.missing if is_missing(v) else f'{v:.1f}%'}" for label, v in pairs
    )


def _experience(value: Any, style: fmt.Style) -> str:
    if isinstance(value, int | float):
        return _num(value, 0, style)
    return fmt.text(value, style=style)


def _major(p: Profile, style: fmt.Style) -> str:
    major = p.most_common_major
    if major is None or not major.field:
        return style.missing
    if not major.group:
        return major.field
    return (
        f"{major.field} \u2014 most common bachelor's field in {major.group.lower()} "
        f"occupations, {SOURCES['acs_field_of_degree'].label}"
    )


def _age(p: Profile, style: fmt.Style) -> str:
    if p.is_seed:
        return _num(p.average_age, 0, style)
    return _num(p.median_age, 1, style)


def _ep_caveat(p: Profile) -> str | None:
    """Why a figure needs care: it is a group's EP Table 5.3 row, in plain words."""
    return group_rows.ep_group(p)


def _cps_caveat(p: Profile) -> str | None:
    """Why CPS figures need care: they describe a Census group covering others too."""
    return group_rows.cps_group(p)


def _whole(p: Profile) -> Profile:
    """A row whose figure is built from several fields reads the whole profile."""
    return p


def _money(value: Any, style: fmt.Style) -> str:
    return fmt.money(value, style=style)


ROWS: dict[str, FigureRow] = {
    "yearly_salary": FigureRow(
        "Yearly salary (mean)", "annual_mean_wage", _money, numeric=True,
        seed_label="Yearly salary",
    ),
    "hourly_rate": FigureRow(
        "Hourly rate (mean)", "hourly_mean_wage",
        lambda v, st: fmt.money(v, cents=True, style=st), numeric=True,
        seed_label="Hourly rate",
    ),
    "growth_rate": FigureRow(
        f"Growth rate ({SOURCES['ep'].vintage} projection)", "employment_change_pct_2024_2034",
        lambda p, st: fmt.percent(p.employment_change_pct_2024_2034, _decimals(p), style=st),
        numeric=True, read=_whole, seed_label="Growth rate",
    ),
    "number_of_jobs": FigureRow(
        "Number of jobs (excl. self-employed)", "employment",
        lambda v, st: fmt.count(v, style=st), numeric=True, seed_label="Number of jobs",
    ),
    "job_satisfaction": FigureRow("Job satisfaction", "job_satisfaction", public=False),
    "most_common_degree": FigureRow(
        "Most common education (workers 25+)", "most_common_education", _degree,
        read=_whole, seed_label="Most common degree", caveat=_ep_caveat,
    ),
    "average_age": FigureRow(
        "Median age", "median_age", _age, numeric=True, read=_whole,
        seed_label="Average age", caveat=_cps_caveat,
    ),
    "years_of_experience": FigureRow(
        "Work experience in a related occupation (BLS EP Table 5.4)", "years_of_experience",
        _experience,
        seed_label="Years of experience",
    ),
    "average_salary": FigureRow(
        "Average salary (mean)", "annual_mean_wage", _money, numeric=True,
        seed_label="Average salary",
    ),
    "salary_range": FigureRow(
        "Salary range (10th-90th percentile)", "annual_wage_p10", _salary_range, read=_whole,
        seed_label="Salary range",
    ),
    "highest_paying_city": FigureRow(
        "Highest paying metro area", "highest_paying_metro", _place,
        seed_label="Highest paying City",
    ),
    "highest_paying_state": FigureRow("Highest paying state", "highest_paying_state", _place),
    "best_paying_company": FigureRow("Best paying company", "best_paying_company", public=False),
    "best_paying_industry": FigureRow(
        "Best paying industry (NAICS subsector or OEWS industry group)", "best_paying_industry",
        _place, seed_label="Best paying industry",
    ),
    "most_common_major": FigureRow("Most common major", "most_common_major", _major, read=_whole),
    "most_common_college": FigureRow("Most common college", "most_common_college", public=False),
    "gender_ratio": FigureRow(
        "Gender ratio", "women_pct", _gender, read=_whole, caveat=_cps_caveat
    ),
    "race_ratio": FigureRow(
        "Race ratio (Hispanic or Latino may be of any race)", "race_pct", _race, read=_whole,
        seed_label="Race ratio", caveat=_cps_caveat,
    ),
    "lgbt_percentage": FigureRow(
        "LGBT Percentage", "lgbt_pct", lambda v, st: fmt.percent(v, 0, style=st), public=False
    ),
}  # fmt: skip
"""Every row of the seed tables, by key (a key can appear in two tables)."""

NOT_PUBLIC_NOTE = (
    "Not available from public sources, so not shown: job satisfaction, best paying "
    "company, most common college and LGBT share."
)
"""Said once, under the first table of a public report, instead of four empty rows."""

SEED_TABLES: dict[str, tuple[str, ...]] = {
    "overview": (
        "yearly_salary",
        "hourly_rate",
        "growth_rate",
        "number_of_jobs",
        "job_satisfaction",
        "most_common_degree",
        "average_age",
        "years_of_experience",
    ),
    "pay": (
        "average_salary",
        "salary_range",
        "highest_paying_city",
        "highest_paying_state",
        "best_paying_company",
        "best_paying_industry",
    ),
    "education": ("most_common_degree", "most_common_major", "most_common_college"),
    "demographics": ("average_age", "gender_ratio", "race_ratio", "lgbt_percentage"),
}

CAPTIONS: dict[str, tuple[str, str]] = {
    "overview": (
        f"Key figures ({SOURCES['oews'].label}, {SOURCES['ep'].label}, CPS, O*NET)",
        "Overview, as the career-site page shows it",
    ),
    "pay": (f"Pay ({SOURCES['oews'].label})", "Pay, as the career-site page shows it"),
    "education": (
        f"Education (BLS Employment Projections, {SOURCES['acs_field_of_degree'].label})",
        "Education, as the career-site page shows it",
    ),
    "demographics": ("Who does the job (CPS)", "Demographics, as the career-site page shows it"),
}
"""Caption of each seed table: (public dataset, seed dataset)."""


AREA_ROW_FIELDS = frozenset(
    {"annual_mean_wage", "hourly_mean_wage", "employment", "annual_wage_p10"}
)
"""Row fields an area profile takes from its area's OEWS cells (the rest are national)."""


def _label(key: str, p: Profile) -> str:
    """A row's label; in an area, "in <area>" on the area's figures, "(national)" on the rest."""
    label = ROWS[key].label_for(p.dataset)
    if p.area is None:
        return label
    if ROWS[key].field in AREA_ROW_FIELDS:
        return f"{label} in {p.area.name}"
    return f"{label} (national)"


def _keys(name: str, dataset: str) -> tuple[str, ...]:
    """The rows of one seed table: all of them for the seed dataset, public ones otherwise."""
    return tuple(k for k in SEED_TABLES[name] if dataset == "seed" or ROWS[k].public)


def _columns(a: Profile, b: Profile) -> list[str]:
    columns = [a.title, b.title]
    if columns[0] == columns[1]:
        columns = [f"{columns[0]} (A)", f"{columns[1]} (B)"]
    return columns


def seed_table(name: str, a: Profile, b: Profile) -> pd.DataFrame:
    """Return one of the seed page's tables for two profiles.

    Args:
        name: ``"overview"``, ``"pay"``, ``"education"`` or ``"demographics"``.
        a: Profile of the first profession.
        b: Profile of the second profession.

    Returns:
        Rows labelled as on the seed page (or with honest public labels), one
        column per profession, every cell a formatted string. The seed dataset
        reproduces the page ("-" when missing); public data drops the rows no
        public source fills and writes "n/a" and the minus sign (U+2212).
    """
    dataset = a.dataset
    keys = _keys(name, dataset)
    index = [_label(k, a) for k in keys]
    values = [[ROWS[k].text(a), ROWS[k].text(b)] for k in keys]
    return pd.DataFrame(values, index=pd.Index(index, name=""), columns=_columns(a, b))


def _cps_survey_note(a: Profile, b: Profile) -> str:
    """The plain-words note under CPS figures: survey estimates, untested, and their bases."""

    def base(p: Profile) -> str:
        value = p.cps_base_thousands
        if value is None:
            return f"{p.title}: base not published"
        small = " (small base)" if value < SMALL_CPS_BASE_THOUSANDS else ""
        return f"{p.title}: {value:,.0f} thousand employed{small}"

    return (
        "CPS figures are survey estimates with sampling error that BLS does not publish "
        "for these tables; differences between them are not tested. Bases (CPS Table 11): "
        f"{base(a)}; {base(b)}."
    )


def seed_table_html(name: str, a: Profile, b: Profile) -> Markup:
    """One seed table as a captioned HTML table, each missing figure with its reason.

    Args:
        name: ``"overview"``, ``"pay"``, ``"education"`` or ``"demographics"``.
        a: Profile of the first profession.
        b: Profile of the second profession.
    """
    dataset = a.dataset
    rows = []
    for key in _keys(name, dataset):
        row = ROWS[key]
        cells = [row.cell(p, style_for(p), NOT_SHOWN) for p in (a, b)]
        rows.append(html.Row(_label(key, a), cells))
    notes = [NOT_PUBLIC_NOTE] if name == "overview" and dataset != "seed" else []
    if name == "demographics" and dataset != "seed":
        notes.append(_cps_survey_note(a, b))
    caption = CAPTIONS[name][1 if dataset == "seed" else 0]
    if a.area is not None:
        caption += f"; pay and jobs in {a.area.name}, the rest national"
    return html.data_table(caption, ["Figure", *_columns(a, b)], rows, notes=notes)


def seed_tables(a: Profile, b: Profile) -> dict[str, pd.DataFrame]:
    """Return all four seed tables, keyed by name."""
    return {name: seed_table(name, a, b) for name in SEED_TABLES}


def profile_table(p: Profile) -> pd.DataFrame:
    """Return one profile as a two-column table (label, value) using the seed rows."""
    dataset = p.dataset
    seen: list[str] = []
    for name in SEED_TABLES:
        seen.extend(k for k in _keys(name, dataset) if k not in seen)
    labels = [_label(k, p) for k in seen]
    values = [ROWS[k].text(p) for k in seen]
    return pd.DataFrame({p.title: values}, index=pd.Index(labels, name=""))
