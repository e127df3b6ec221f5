"""The seed page's four side-by-side tables, and a one-occupation profile table.

Each row is declared once as data: its label on the seed page, its label with
public data (saying what the figure really is), and how to format the value.
With ``dataset="seed"`` the tables reproduce the seed page string for string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from markupsafe import Markup

from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import PlaceWage, Profile, is_missing
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Cell

Formatter = Callable[[Profile, fmt.Style], str]


def style_for(p: Profile) -> fmt.Style:
    """The seed page's own marks for the seed dataset, the reader style for public data."""
    return fmt.SEED if p.is_seed else fmt.READER


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
    return best.name if is_missing(wage) else f"{best.name} ({fmt.money(wage, style=style)})"


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


def _experience(p: Profile, style: fmt.Style) -> str:
    value = p.years_of_experience
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
    """Why a figure needs care: it is a group's EP Table 5.3 row (public data only)."""
    row = p.source_rows.education_attainment if p.source_rows else None
    return "group row: EP Table 5.3 footnote 1" if row and row.group_row else None


def _cps_caveat(p: Profile) -> str | None:
    """Why CPS figures need care: they describe a Census occupation covering others too."""
    row = p.source_rows.cps if p.source_rows else None
    return f"group row: Census occupation {row.census_code}" if row and row.group_row else None


@dataclass(frozen=True)
class FigureRow:
    """One table row: its labels, its formatter, the field behind it, where it exists.

    Attributes:
        seed_label: The row's label on the seed page.
        public_label: Its label with public data (saying what the figure really is).
        render: Formats the figure of one profile in a style.
        field: The profile field whose missing reason explains an empty cell.
        public: False for rows no public source can ever fill: they appear in the
            seed dataset only, and once as a note with public data.
        numeric: The figure is a number (right-aligned).
        caveat: A caveat on one profile's figure (e.g. it is a group's row), shown
            beside a published figure: "[...]" in text, a footnote in HTML.
    """

    seed_label: str
    public_label: str
    render: Formatter
    field: str | None = None
    public: bool = True
    numeric: bool = False
    caveat: Callable[[Profile], str | None] | None = None

    def text(self, p: Profile) -> str:
        """The figure as plain text, with its caveat in brackets (never after "n/a")."""
        shown = self.render(p, style_for(p))
        note = self.caveat(p) if self.caveat else None
        return f"{shown} [{note}]" if note and shown != style_for(p).missing else shown

    def note(self, p: Profile, shown: str) -> str | None:
        """What a footnote says about a cell: why it is missing, else its caveat."""
        if shown == style_for(p).missing:
            if self.field:
                return p.why_missing(self.field) or (
                    "not shown on the career-site page" if p.is_seed else None
                )
            return None
        return self.caveat(p) if self.caveat else None


ROWS: dict[str, FigureRow] = {
    "yearly_salary": FigureRow(
        "Yearly salary",
        "Yearly salary (mean)",
        lambda p, st: fmt.money(p.annual_mean_wage, style=st),
        "annual_mean_wage",
        numeric=True,
    ),
    "hourly_rate": FigureRow(
        "Hourly rate",
        "Hourly rate (mean)",
        lambda p, st: fmt.money(p.hourly_mean_wage, cents=True, style=st),
        "hourly_mean_wage",
        numeric=True,
    ),
    "growth_rate": FigureRow(
        "Growth rate",
        f"Growth rate ({SOURCES['ep'].vintage} projection)",
        lambda p, st: fmt.percent(p.employment_change_pct_2024_2034, _decimals(p), style=st),
        "employment_change_pct_2024_2034",
        numeric=True,
    ),
    "number_of_jobs": FigureRow(
        "Number of jobs",
        "Number of jobs (excl. self-employed)",
        lambda p, st: fmt.count(p.employment, style=st),
        "employment",
        numeric=True,
    ),
    "job_satisfaction": FigureRow(
        "Job satisfaction",
        "Job satisfaction",
        lambda p, st: fmt.text(p.job_satisfaction, style=st),
        "job_satisfaction",
        public=False,
    ),
    "most_common_degree": FigureRow(
        "Most common degree",
        "Most common education (workers 25+)",
        _degree,
        "most_common_education",
        caveat=_ep_caveat,
    ),
    "average_age": FigureRow(
        "Average age", "Median age", _age, "median_age", numeric=True, caveat=_cps_caveat
    ),
    "years_of_experience": FigureRow(
        "Years of experience",
        "Related work experience (O*NET median)",
        _experience,
        "years_of_experience",
    ),
    "average_salary": FigureRow(
        "Average salary",
        "Average salary (mean)",
        lambda p, st: fmt.money(p.annual_mean_wage, style=st),
        "annual_mean_wage",
        numeric=True,
    ),
    "salary_range": FigureRow(
        "Salary range",
        "Salary range (10th-90th percentile)",
        _salary_range,
        "annual_wage_p10",
    ),
    "highest_paying_city": FigureRow(
        "Highest paying City",
        "Highest paying metro area",
        lambda p, st: _place(p.highest_paying_metro, st),
        "highest_paying_metro",
    ),
    "highest_paying_state": FigureRow(
        "Highest paying state",
        "Highest paying state",
        lambda p, st: _place(p.highest_paying_state, st),
        "highest_paying_state",
    ),
    "best_paying_company": FigureRow(
        "Best paying company",
        "Best paying company",
        lambda p, st: fmt.text(p.best_paying_company, style=st),
        "best_paying_company",
        public=False,
    ),
    "best_paying_industry": FigureRow(
        "Best paying industry",
        "Best paying industry (NAICS subsector or OEWS industry group)",
        lambda p, st: _place(p.best_paying_industry, st),
        "best_paying_industry",
    ),
    "most_common_major": FigureRow(
        "Most common major", "Most common major", _major, "most_common_major"
    ),
    "most_common_college": FigureRow(
        "Most common college",
        "Most common college",
        lambda p, st: fmt.text(p.most_common_college, style=st),
        "most_common_college",
        public=False,
    ),
    "gender_ratio": FigureRow(
        "Gender ratio", "Gender ratio", _gender, "women_pct", caveat=_cps_caveat
    ),
    "race_ratio": FigureRow(
        "Race ratio",
        "Race ratio (Hispanic or Latino may be of any race)",
        _race,
        "race_pct",
        caveat=_cps_caveat,
    ),
    "lgbt_percentage": FigureRow(
        "LGBT Percentage",
        "LGBT Percentage",
        lambda p, st: fmt.percent(p.lgbt_pct, 0, style=st),
        "lgbt_pct",
        public=False,
    ),
}

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


def _label(row: FigureRow, dataset: str) -> str:
    return row.seed_label if dataset == "seed" else row.public_label


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
    index = [_label(ROWS[k], dataset) for k in keys]
    values = [[ROWS[k].text(a), ROWS[k].text(b)] for k in keys]
    return pd.DataFrame(values, index=pd.Index(index, name=""), columns=_columns(a, b))


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
        cells = []
        for p in (a, b):
            shown = row.render(p, style_for(p))
            why = row.note(p, shown)
            cells.append(Cell(shown, numeric=row.numeric, note=why))
        rows.append(html.Row(_label(row, dataset), cells))
    notes = [NOT_PUBLIC_NOTE] if name == "overview" and dataset != "seed" else []
    caption = CAPTIONS[name][1 if dataset == "seed" else 0]
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
    labels = [_label(ROWS[k], dataset) for k in seen]
    values = [ROWS[k].text(p) for k in seen]
    return pd.DataFrame({p.title: values}, index=pd.Index(labels, name=""))
