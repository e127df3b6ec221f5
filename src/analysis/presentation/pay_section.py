"""The report's pay section: the pay gaps, the best paying places, the states, the cost of living.

Each function returns the section's HTML (or Markdown text); the notebook facade
(:mod:`analysis.notebook`) wraps it for display.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from analysis.comparison import stats
from analysis.comparison.contract import Gap
from analysis.comparison.pair import Comparison
from analysis.data.sources.catalog import SOURCES
from analysis.occupations import pay
from analysis.occupations.contract import PlaceWage
from analysis.presentation import formatting as fmt
from analysis.presentation import html
from analysis.presentation.html import Cell, Row, num, txt
from analysis.presentation.rows import FigureRow, gap_note, names, side_note

_OEWS = SOURCES["oews"].label
R = fmt.READER
LEVEL = f"{stats.CONFIDENCE:.0%}"


def _dollars(value: float | None, _style: fmt.Style = R) -> str:
    return fmt.money(value)


def _cents(value: float | None, _style: fmt.Style = R) -> str:
    return fmt.money(value, True)


def _dollars_signed(value: float | None) -> str:
    return fmt.money(value, signed=True)


def _tens_signed(value: float | None) -> str:
    # OEWS publishes annual wages and job counts rounded to 10: so are their intervals
    return fmt.money_rounded(value, signed=True)


def _jobs_signed(value: float | None) -> str:
    return fmt.count(None if value is None else round(value / 10) * 10, signed=True)


MEAN_ROWS = (
    FigureRow(
        "Annual mean wage", "annual_mean_wage", _dollars, numeric=True,
        difference=_dollars_signed,
    ),
    FigureRow(
        "Hourly mean wage", "hourly_mean_wage", _cents, numeric=True,
        difference=lambda v: fmt.money(v, True, signed=True),
    ),
    FigureRow("Number of jobs", "employment", lambda v, _st: fmt.count(v), numeric=True,
              difference=lambda v: fmt.count(v, signed=True)),
)  # fmt: skip
"""The gaps with a standard error (OEWS wage and employment RSEs): each with its CI and test."""

_INTERVAL = {"annual_mean_wage": _tens_signed, "employment": _jobs_signed}
"""How each interval is rounded (like its values); others as their difference."""

OTHER_ROWS = (
    FigureRow("Annual median wage", "annual_median_wage", _dollars, numeric=True,
              difference=_dollars_signed),
    FigureRow("Annual 10th percentile", "annual_wage_p10", _dollars, numeric=True,
              difference=_dollars_signed),
    FigureRow("Annual 90th percentile", "annual_wage_p90", _dollars, numeric=True,
              difference=_dollars_signed),
    FigureRow(f"Growth {SOURCES['ep'].vintage}", "employment_change_pct_2024_2034",
              lambda v, _st: fmt.percent(v, 1, signed=True), numeric=True,
              difference=fmt.points),
)  # fmt: skip
"""The gaps without a standard error: no interval, no claim."""


def _verdict(gap: Gap) -> str:
    if gap.significant is None:
        return "no claim"
    return "significant" if gap.significant else "not distinguishable"


def _gap_cells(comp: Comparison, row: FigureRow) -> tuple[Gap, list[Cell]]:
    """The row's gap, and its cells: A, B, A − B (each with its footnote)."""
    gap = row.value(comp.gaps.pay)
    assert row.difference is not None and row.field is not None
    return gap, [
        num(row.write(gap.a, R), side_note(comp.a, row.field, gap.a)),
        num(row.write(gap.b, R), side_note(comp.b, row.field, gap.b)),
        num(row.difference(gap.difference), gap_note(gap)),
    ]


def pay_gap_tables(comp: Comparison) -> Markup:
    """Pay gaps A − B: the means with their 95 % intervals, then the figures without one."""
    a_name, b_name = names(comp)
    means = []
    for row in MEAN_ROWS:
        gap, cells = _gap_cells(comp, row)
        no_test = gap.reason or "no standard error published"
        assert row.difference is not None
        bound = _INTERVAL.get(row.field or "", row.difference)
        ci = (
            num(R.missing, no_test)
            if gap.ci95_low is None
            else num(f"{bound(gap.ci95_low)} to {bound(gap.ci95_high)}")
        )
        pct = fmt.percent(gap.difference_pct, 1, signed=True)
        if gap.difference_pct_ci95_low is not None:
            # the percent gap's own interval, by the log ratio (asymmetric)
            pct += (
                f" ({fmt.percent(gap.difference_pct_ci95_low, 1, signed=True)} to "
                f"{fmt.percent(gap.difference_pct_ci95_high, 1, signed=True)})"
            )
        cells += [
            num(pct),
            ci,
            txt(_verdict(gap), no_test if gap.significant is None else None),
        ]
        means.append(Row(row.label, cells))
    # a pair in an area: its gaps are the area's; growth (EP) has no area source
    where = f" in {comp.area.name}" if comp.area else ""
    growth = f"{SOURCES['ep'].label}, national" if comp.area else SOURCES["ep"].label
    mean_table = html.data_table(
        f"Mean pay and jobs gap{where}, A \u2212 B, with its confidence interval ({_OEWS})",
        ["Figure", a_name, b_name, "A \u2212 B", f"A \u2212 B, % of B ({LEVEL} CI)",
         f"{LEVEL} CI of A \u2212 B", f"Significant ({LEVEL})"],
        means,
        notes=[
            f"Significant: the {LEVEL} confidence interval of A \u2212 B excludes zero "
            f"(|z| \u2265 {stats.z_critical():.2f}), from the standard errors OEWS publishes."
        ],
        stacked=True,  # the figures a reader needs first: no sideways scrolling on a phone
    )  # fmt: skip
    other_table = html.data_table(
        f"Other pay and job figures{where}, A \u2212 B ({_OEWS}; growth: {growth})",
        ["Figure", a_name, b_name, "A \u2212 B"],
        [Row(row.label, _gap_cells(comp, row)[1]) for row in OTHER_ROWS],
        notes=[
            "No standard errors are published for medians, percentiles or projections, so "
            "no significance is claimed. Growth differences are in percentage points (pts)."
        ],
    )
    return Markup(f"{mean_table}\n{other_table}")


def _place(row: pd.Series, column: str, tie: str = "") -> str:
    shown = f"{row[column]} ({fmt.money(row['annual_mean_wage'])}"
    return shown + (f"; {tie})" if tie else ")")


WINNER_FIELDS = {
    "state": "highest_paying_state",
    "metro area": "highest_paying_metro",
    "industry": "best_paying_industry",
}
"""The profile field holding each kind of place's winner, with its ``tied_with``."""


def tied_names(best: PlaceWage | None) -> set[str]:
    """Names of the places whose mean is not significantly below the winner ``best``'s."""
    return {t.name for t in getattr(best, "tied_with", None) or []}


def _tie_words(rank: int, name: str, tied: set[str], shown: list[str]) -> str:
    """What a ranked cell says of a tie: numbering tied places would claim an order.

    Args:
        rank: The cell's position (0 for the first).
        name: The place in the cell.
        tied: The places tied with the first (:func:`tied_names` of the winner).
        shown: The places the table lists for this occupation and kind.
    """
    if rank == 0 and tied:
        words = f"tied with {len(tied)} other{'s' if len(tied) > 1 else ''}"
        below = len(tied - set(shown))
        return words + (f", {below} below the {fmt.ordinal(len(shown))}" if below else "")
    return "tied with the 1st" if name in tied else ""


def places_table(comp: Comparison) -> Markup:
    """Top paying states, metro areas and industries of each, best first; ties said in the cell."""
    a_name, b_name = names(comp)
    rows = []
    for kind, fa, fb, col in (
        ("State", comp.states_a.head(5), comp.states_b.head(5), "area_name"),
        ("Metro area", comp.metros_a, comp.metros_b, "area_name"),
        ("Industry", comp.industries_a, comp.industries_b, "industry_name"),
    ):
        sides = [
            (frame, p, [str(x) for x in frame[col]] if len(frame) else [],
             tied_names(getattr(p, WINNER_FIELDS[kind.lower()])))
            for frame, p in ((fa, comp.a), (fb, comp.b))
        ]  # fmt: skip
        for rank in range(5):
            cells = []
            for frame, p, shown, tied in sides:
                if rank < len(frame):
                    row = frame.iloc[rank]
                    tie = _tie_words(rank, shown[rank], tied, shown)
                    cells.append(txt(_place(row, col, tie)))
                else:
                    why = "fewer places meet the minimum employment" if rank else "none published"
                    cells.append(txt(R.missing, why if not p.is_seed else "not on the seed page"))
            rows.append(Row(f"{kind} {fmt.ordinal(rank + 1)}", cells))
    return html.data_table(
        f"Best paying places by annual mean wage ({_OEWS})",
        ["Rank", a_name, b_name],
        rows,
        notes=[
            "Tied: a mean not significantly below the 1st's (95 %, from the two cells' wage "
            "RSEs); the order among tied places is not established."
        ],
        css_class="report-table dense",  # smaller print cells: 15 rows of wrapped names
    )


def places_rules() -> str:
    """The minimum-employment rules behind the rankings (Markdown)."""
    return (
        f"Rankings use {_OEWS} annual mean wages. A state counts with at least "
        f"{pay.MIN_EMPLOYMENT_STATE:,} published jobs, a metropolitan statistical area "
        f"(not a city) with at least {pay.MIN_EMPLOYMENT_METRO:,}, an industry (3-digit NAICS "
        f"subsector, national data) with at least {pay.MIN_EMPLOYMENT_INDUSTRY:,}."
    )


def state_winners_table(comp: Comparison) -> Markup:
    """In how many states each occupation out-earns the other, how many surely, the largest gaps.

    A state counts as "significantly" higher only when its difference is significant at
    95 % from the two cells' wage RSEs; the rest are within sampling error.
    """
    sc = comp.state_comparison
    if sc.empty:
        return html.paragraph("No state publishes mean wages for both.", "note")
    counts = sc["higher"].value_counts()
    sure = sc[sc["significant"].fillna(False).astype(bool)]["higher"].value_counts()
    rows = [
        Row(
            name,
            [
                num(f"{int(counts.get(side, 0)):,}"),
                num(f"{int(sure.get(side, 0)):,}"),
                _extreme(sc, side == "a"),
            ],
        )
        for name, side in zip(names(comp), ("a", "b"), strict=True)
    ]
    return html.data_table(
        f"States where each pays more (of {len(sc):,} with mean wages for both, {_OEWS})",
        ["Occupation", "States where it pays more", f"Of them, significantly ({LEVEL})",
         "Largest state gap"],
        rows,
        notes=[state_significance_sentence(sc)],
    )  # fmt: skip


def state_significance_sentence(sc: pd.DataFrame) -> str:
    """How many of the states' differences are significant, and how many are not tested.

    Args:
        sc: :func:`analysis.comparison.gaps.state_comparison` rows.

    Returns:
        E.g. "Of 30 states with mean wages for both, 12 differ significantly (95%, from
        each state cell's wage RSE); in the other 18 the difference is within sampling
        error."
    """
    total = len(sc)
    tested = sc["significant"].notna()
    sure = int(sc["significant"].fillna(False).astype(bool).sum())
    within = int(tested.sum()) - sure
    untested = total - int(tested.sum())
    text = (
        f"Of {total:,} states with mean wages for both, {sure:,} differ significantly "
        f"({LEVEL}, from each state cell's wage RSE); in {within:,} the difference is "
        "within sampling error"
    )
    if untested:
        text += f"; {untested:,} cannot be tested (a wage RSE is not published)"
    return text + "."


def _extreme(sc: pd.DataFrame, a_side: bool) -> Cell:
    row = sc.iloc[0] if a_side else sc.iloc[-1]
    diff = row["difference"] if a_side else -row["difference"]
    if diff <= 0:
        return txt(R.missing, "it pays more in no state")
    return txt(f"{row['state']} ({fmt.money(diff)})")


def cost_of_living_table(comp: Comparison) -> Markup:
    """Highest paying state before and after adjusting for state price levels."""
    rows = []
    for name, p in zip(names(comp), (comp.a, comp.b), strict=True):
        nominal, adjusted = p.highest_paying_state, p.highest_paying_state_cost_adjusted
        rows.append(
            Row(
                name,
                [
                    txt(R.missing, side_note(p, "highest_paying_state", None))
                    if nominal is None
                    else txt(f"{nominal.name} ({fmt.money(nominal.annual_mean_wage)})"),
                    txt(R.missing, side_note(p, "highest_paying_state_cost_adjusted", None))
                    if adjusted is None
                    else txt(
                        f"{adjusted.name} ({fmt.money(adjusted.annual_mean_wage_adjusted)} at "
                        f"national prices; price parity {adjusted.price_parity:.1f})"
                    ),
                ],
            )
        )
    return html.data_table(
        "Highest paying state, as paid and after the cost of living "
        f"({_OEWS}, BEA {SOURCES['bea_rpp'].vintage})",
        ["Occupation", "As paid", "At national prices"],
        rows,
    )


def cost_of_living_method() -> str:
    """What the adjustment is, the one ranking it gives, and what it is not (Markdown)."""
    return (
        "Each state's annual mean wage is divided by its BEA all-items regional price parity "
        f"({SOURCES['bea_rpp'].vintage}, U.S. = 100), which expresses it in national-average "
        "prices. One ranking: every state with at least "
        f"{pay.MIN_EMPLOYMENT_STATE:,} published jobs and a published (not top-coded) mean, "
        "ranked by that adjusted wage; the table names its first state and the chart its "
        "first five. Price parities are state averages over all goods and services, not "
        "specific to an occupation; territories have no parity and drop out."
    )
