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

from analysis.occupations.contract import PlaceWage, Profile, is_missing
from analysis.presentation import formatting as fmt

Formatter = Callable[[Profile], str]


def _decimals(p: Profile) -> int:
    """The seed page writes whole numbers; public figures keep the source's one decimal."""
    return 0 if p.is_seed else 1


def _pct(value: Any, decimals: int) -> str:
    return fmt.DASH if is_missing(value) else fmt.percent(value, decimals)


def _num(value: Any, decimals: int) -> str:
    return fmt.DASH if is_missing(value) else f"{value:.{decimals}f}"


def _degree(p: Profile) -> str:
    top = p.most_common_education
    if top is None:
        return fmt.DASH
    return f"{top.level}, {_pct(top.share_pct, _decimals(p))}"


def _salary_range(p: Profile) -> str:
    low, high = p.annual_wage_p10, p.annual_wage_p90
    if is_missing(low) or is_missing(high):
        return fmt.DASH
    return f"Between {fmt.money(low)} And {fmt.money(high)}"


def _place(best: PlaceWage | None) -> str:
    if best is None:
        return fmt.DASH
    wage = best.annual_mean_wage
    return best.name if is_missing(wage) else f"{best.name} ({fmt.money(wage)})"


def _gender(p: Profile) -> str:
    women, men = p.women_pct, p.men_pct
    if is_missing(women):
        return fmt.DASH
    return f"Male, {men:.1f}% Female, {women:.1f}%"


def _race(p: Profile) -> str:
    if p.race_pct_seed:  # the seed's own categories and order
        pairs = list(p.race_pct_seed)
    elif p.race_pct is not None:
        pairs = p.race_pct.labelled()
    else:
        return fmt.DASH
    return " ".join(f"{label}, {fmt.DASH if is_missing(v) else f'{v:.1f}%'}" for label, v in pairs)


def _experience(p: Profile) -> str:
    value = p.years_of_experience
    return _num(value, 0) if isinstance(value, int | float) else fmt.text(value)


def _major(p: Profile) -> str:
    major = p.most_common_major
    if major is None or not major.field:
        return fmt.DASH
    if not major.group:
        return major.field
    return (
        f"{major.field} \u2014 most common bachelor's field in {major.group.lower()} "
        "occupations, ACS 2019"
    )


def _age(p: Profile) -> str:
    if p.is_seed:
        return _num(p.average_age, 0)
    return _num(p.median_age, 1)


def _ep_mark(p: Profile) -> str:
    """A mark for a figure that is a group's EP Table 5.3 row (public data only)."""
    row = p.source_rows.education_attainment if p.source_rows else None
    return " [group row: EP Table 5.3 footnote 1]" if row and row.group_row else ""


def _cps_mark(p: Profile) -> str:
    """A mark for CPS figures that describe a Census occupation covering others too."""
    row = p.source_rows.cps if p.source_rows else None
    return f" [group row: Census occupation {row.census_code}]" if row and row.group_row else ""


def _marked(render: Formatter, mark: Callable[[Profile], str]) -> Formatter:
    """Append the group-row mark to a published figure (never to "-")."""

    def cell(p: Profile) -> str:
        text = render(p)
        return text if text == fmt.DASH else text + mark(p)

    return cell


@dataclass(frozen=True)
class Row:
    """One table row: its label on the seed page, its public label, its formatter."""

    seed_label: str
    public_label: str
    render: Formatter


ROWS: dict[str, Row] = {
    "yearly_salary": Row(
        "Yearly salary", "Yearly salary (mean)", lambda p: fmt.money(p.annual_mean_wage)
    ),
    "hourly_rate": Row(
        "Hourly rate",
        "Hourly rate (mean)",
        lambda p: fmt.money(p.hourly_mean_wage, cents=True),
    ),
    "growth_rate": Row(
        "Growth rate",
        "Growth rate (2024-34 projection)",
        lambda p: _pct(p.employment_change_pct_2024_2034, _decimals(p)),
    ),
    "number_of_jobs": Row(
        "Number of jobs",
        "Number of jobs (excl. self-employed)",
        lambda p: fmt.count(p.employment),
    ),
    "job_satisfaction": Row(
        "Job satisfaction", "Job satisfaction", lambda p: fmt.text(p.job_satisfaction)
    ),
    "most_common_degree": Row(
        "Most common degree",
        "Most common education (workers 25+)",
        _marked(_degree, _ep_mark),
    ),
    "average_age": Row("Average age", "Median age", _marked(_age, _cps_mark)),
    "years_of_experience": Row(
        "Years of experience", "Related work experience (O*NET median)", _experience
    ),
    "average_salary": Row(
        "Average salary", "Average salary (mean)", lambda p: fmt.money(p.annual_mean_wage)
    ),
    "salary_range": Row("Salary range", "Salary range (10th-90th percentile)", _salary_range),
    "highest_paying_city": Row(
        "Highest paying City", "Highest paying metro area", lambda p: _place(p.highest_paying_metro)
    ),
    "highest_paying_state": Row(
        "Highest paying state", "Highest paying state", lambda p: _place(p.highest_paying_state)
    ),
    "best_paying_company": Row(
        "Best paying company",
        "Best paying company",
        lambda p: fmt.text(p.best_paying_company),
    ),
    "best_paying_industry": Row(
        "Best paying industry",
        "Best paying industry (NAICS subsector or OEWS industry group)",
        lambda p: _place(p.best_paying_industry),
    ),
    "most_common_major": Row("Most common major", "Most common major", _major),
    "most_common_college": Row(
        "Most common college",
        "Most common college",
        lambda p: fmt.text(p.most_common_college),
    ),
    "gender_ratio": Row("Gender ratio", "Gender ratio", _marked(_gender, _cps_mark)),
    "race_ratio": Row(
        "Race ratio",
        "Race ratio (Hispanic or Latino may be of any race)",
        _marked(_race, _cps_mark),
    ),
    "lgbt_percentage": Row("LGBT Percentage", "LGBT Percentage", lambda p: _pct(p.lgbt_pct, 0)),
}

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


def _label(row: Row, dataset: str) -> str:
    return row.seed_label if dataset == "seed" else row.public_label


def seed_table(name: str, a: Profile, b: Profile) -> pd.DataFrame:
    """Return one of the seed page's tables for two profiles.

    Args:
        name: ``"overview"``, ``"pay"``, ``"education"`` or ``"demographics"``.
        a: Profile of the first profession.
        b: Profile of the second profession.

    Returns:
        Rows labelled as on the seed page (or with honest public labels), one
        column per profession, every cell a formatted string ("-" when missing).
    """
    dataset = a.dataset
    keys = SEED_TABLES[name]
    index = [_label(ROWS[k], dataset) for k in keys]
    columns = [a.title, b.title]
    if columns[0] == columns[1]:
        columns = [f"{columns[0]} (A)", f"{columns[1]} (B)"]
    values = [[ROWS[k].render(a), ROWS[k].render(b)] for k in keys]
    return pd.DataFrame(values, index=pd.Index(index, name=""), columns=columns)


def seed_tables(a: Profile, b: Profile) -> dict[str, pd.DataFrame]:
    """Return all four seed tables, keyed by name."""
    return {name: seed_table(name, a, b) for name in SEED_TABLES}


def profile_table(p: Profile) -> pd.DataFrame:
    """Return one profile as a two-column table (label, value) using the seed rows."""
    dataset = p.dataset
    seen: list[str] = []
    for keys in SEED_TABLES.values():
        seen.extend(k for k in keys if k not in seen)
    labels = [_label(ROWS[k], dataset) for k in seen]
    values = [ROWS[k].render(p) for k in seen]
    return pd.DataFrame({p.title: values}, index=pd.Index(labels, name=""))
