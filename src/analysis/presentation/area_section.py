"""A report in one OEWS area: what the area's figures are, set beside the nation's.

A pair compared in an area (``--area``) takes its pay and jobs from the area's
OEWS cells: the mean wage with its confidence interval from the area's wage
RSE, the percentiles, employment with its interval from the employment RSE,
jobs per 1,000 and the location quotient. This module writes the sentence that
says so and the table that sets each occupation's area figure beside its
national one. Everything else on the page (projections, education,
demographics, skills) has no area source and is labelled national where it
appears.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from analysis.comparison import stats
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import NationalPay, Profile
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Cell, Row, num
from analysis.presentation.rows import names

R = fmt.READER
_OEWS = SOURCES["oews"].label
LEVEL = f"{stats.CONFIDENCE:.0%}"

NO_NATIONAL_LQ = (
    "OEWS publishes jobs per 1,000 and the location quotient for areas only: the nation "
    "is their baseline (a location quotient of 1)"
)


def location_words(lq: float | None) -> str | None:
    """The location quotient in words, or None when OEWS does not publish it.

    "2.0 times as concentrated as in the US as a whole"; a quotient that rounds to
    1.0 is "as concentrated as in the US as a whole". OEWS publishes no standard
    error for it, so the words make no claim that it differs from 1.

    Args:
        lq: The area's share of its jobs in the occupation over the US share.
    """
    if fmt.is_missing(lq):
        return None
    if round(lq, 1) == 1.0:
        return "as concentrated as in the US as a whole"
    return f"{lq:.1f} times as concentrated as in the US as a whole"


def interval(estimate: float | None, rse_pct: float | None) -> tuple[float, float] | None:
    """The 95 % confidence interval estimate ± z x SE, SE = RSE/100 x estimate (OEWS).

    Returns:
        (low, high), or None when the estimate or its RSE is not published.
    """
    se = stats.se_from_rse(estimate, rse_pct)
    if se is None or estimate is None:
        return None
    half = stats.z_critical() * se
    return estimate - half, estimate + half


def _with_interval(
    value: float | None, rse: float | None, show: Callable[[float | None], str]
) -> str:
    ci = interval(value, rse)
    if value is None or ci is None:
        return show(value)
    return f"{show(value)} ({show(ci[0])} to {show(ci[1])})"


def _dollars(value: float | None) -> str:
    return fmt.money_rounded(value, style=R)  # OEWS annual wages are rounded to $10


def _cents(value: float | None) -> str:
    return fmt.money(value, cents=True, style=R)


def _jobs(value: float | None) -> str:
    return fmt.count(None if value is None else round(value / 10) * 10, style=R)


def _figures(p: Profile | NationalPay, area: bool) -> dict[str, str]:
    """One side's figures as shown, by row key."""
    out = {
        "annual_mean_wage": _with_interval(p.annual_mean_wage, p.annual_mean_wage_rse, _dollars),
        "hourly_mean_wage": _cents(p.hourly_mean_wage),
        "annual_wage_p10": _dollars(p.annual_wage_p10),
        "annual_wage_p25": _dollars(p.annual_wage_p25),
        "annual_median_wage": _dollars(p.annual_median_wage),
        "annual_wage_p75": _dollars(p.annual_wage_p75),
        "annual_wage_p90": _dollars(p.annual_wage_p90),
        "employment": _with_interval(p.employment, p.employment_rse, _jobs),
    }
    if area and isinstance(p, Profile):
        out["employment_per_1000"] = fmt.number(p.employment_per_1000, 3, style=R)  # as published
        out["location_quotient"] = (
            f"{fmt.number(p.location_quotient, 2, style=R)}: {location_words(p.location_quotient)}"
            if not fmt.is_missing(p.location_quotient)
            else R.missing
        )
    else:
        out["employment_per_1000"] = R.missing
        out["location_quotient"] = R.missing
    return out


ROWS = (
    ("annual_mean_wage", f"Annual mean wage ({LEVEL} CI)"),
    ("hourly_mean_wage", "Hourly mean wage"),
    ("annual_wage_p10", "Annual 10th percentile"),
    ("annual_wage_p25", "Annual 25th percentile"),
    ("annual_median_wage", "Annual median wage"),
    ("annual_wage_p75", "Annual 75th percentile"),
    ("annual_wage_p90", "Annual 90th percentile"),
    ("employment", f"Number of jobs ({LEVEL} CI)"),
    ("employment_per_1000", "Jobs per 1,000 jobs (all occupations)"),
    ("location_quotient", "Location quotient"),
)
"""The area table's rows: (profile field, label)."""


def _cells(p: Profile) -> list[Cell]:
    """The area's figure, then the national one, of one occupation, each row."""
    national = p.national
    here = _figures(p, area=True)
    there = _figures(national, area=False) if national is not None else {}
    out: list[list[Cell]] = []
    for key, _label in ROWS:
        area_note = p.missing.get(key) if here[key] == R.missing else None
        nat_text = there.get(key, R.missing)
        if key in ("employment_per_1000", "location_quotient"):
            nat_note = NO_NATIONAL_LQ
        else:
            nat_note = "not published nationally" if nat_text == R.missing else None
        out.append([num(here[key], area_note), num(nat_text, nat_note)])
    return [cell for row in out for cell in row]


def area_pay_table(comp: Comparison) -> Markup | None:
    """Each occupation's pay and jobs in the area beside its national figures; None nationally.

    The area's mean and jobs carry their 95 % intervals from the area's RSEs; a
    figure the area does not publish is n/a with OEWS's reason.
    """
    if comp.area is None:
        return None
    a_name, b_name = names(comp)
    cells_a, cells_b = _cells(comp.a), _cells(comp.b)
    rows = [
        Row(label, [*cells_a[2 * i : 2 * i + 2], *cells_b[2 * i : 2 * i + 2]])
        for i, (_key, label) in enumerate(ROWS)
    ]
    where = comp.area.name
    return html.data_table(
        f"Pay and jobs in {where} beside the nation ({_OEWS})",
        ["Figure", f"{a_name}: {where}", f"{a_name}: national", f"{b_name}: {where}",
         f"{b_name}: national"],
        rows,
        notes=[
            f"Intervals are {LEVEL} confidence intervals from the relative standard errors "
            "OEWS publishes for each area (SE = RSE/100 \u00d7 estimate); percentiles, jobs "
            "per 1,000 and location quotients have none, so no claim is made on them.",
        ],
        stacked=True,
    )  # fmt: skip


def area_sentence(comp: Comparison) -> str | None:
    """What the area's figures are and what stays national; None nationally."""
    if comp.area is None:
        return None
    area = comp.area
    return (
        f"Pay and jobs on this page are the {_OEWS} estimates for {area.name} ({area.kind}, "
        f"OEWS area code {area.code}), and every pay and jobs gap is the gap there. "
        "Projections, education, demographics, skills and the rankings of places have no "
        "area source: those figures are national, and labelled so."
    )


def tile_context(national: Any, show: Callable[[Any], str]) -> str:
    """An area tile's second line: the national figure ("National: $46,590")."""
    return f"National: {show(national)}"
