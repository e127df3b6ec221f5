"""One sentence per chart, generated from the chart's own data.

Every chart gets an ``alt`` (what it shows, with its numbers, for a reader who
cannot see it) and a ``caption`` (the finding, with its source), in the
one-sentence-per-chart style of Data USA. The functions take the same plain
data the chart is drawn from, so the words cannot drift from the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.comparison.contract import SkillStep
from analysis.data.sources.catalog import SOURCES
from analysis.presentation import formatting as fmt

_CPS39 = f"CPS {SOURCES['cps39'].vintage}"

R = fmt.READER


@dataclass(frozen=True)
class ChartText:
    """The two sentences of a chart."""

    alt: str
    caption: str


def _money(value: float | None) -> str:
    return fmt.money(value, style=R)


def _pct(value: float | None) -> str:
    return fmt.percent(value, 1, style=R)


def _series(values: Sequence[str]) -> str:
    """Join items as "a, b, c and d"."""
    items = list(values)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def wage_percentiles_text(
    names: tuple[str, str],
    percentiles: Sequence[tuple[str, float | None, float | None]],
    source: str,
) -> ChartText:
    """The wage-percentile chart.

    Args:
        names: The two occupations' titles (A, B).
        percentiles: (label such as "10th percentile", A's wage, B's wage), low to high.
        source: Where the wages come from ("OEWS May 2025").
    """
    labels = [p[0].replace(" percentile", "") for p in percentiles]
    alt = (
        "Line chart of annual wages at the "
        + _series([label if label != "Median" else "50th (median)" for label in labels])
        + " percentiles: "
        + "; ".join(
            f"{name} {_series([_money(p[i + 1]) for p in percentiles])}"
            for i, name in enumerate(names)
        )
        + "."
    )
    both = [(p[0], p[1], p[2]) for p in percentiles if p[1] is not None and p[2] is not None]
    if not both:
        missing = [n for i, n in enumerate(names) if all(p[i + 1] is None for p in percentiles)]
        caption = (
            f"No wage percentiles are published for {_series(missing or list(names))} ({source})."
        )
        return ChartText(alt, caption)
    a_higher = sum(1 for _, a, b in both if a > b)
    b_higher = sum(1 for _, a, b in both if b > a)
    label, a, b = max(both, key=lambda p: abs(p[1] - p[2]))
    if a_higher == len(both) or b_higher == len(both):
        lead = names[0] if a_higher else names[1]
        other = names[1] if a_higher else names[0]
        where = "every" if len(both) == len(percentiles) else "every published"
        head = f"{lead} earn more than {other} at {where} wage percentile"
    elif a_higher == b_higher == 0:
        head = f"{names[0]} and {names[1]} earn the same at every published wage percentile"
    else:
        lead, count = (names[0], a_higher) if a_higher >= b_higher else (names[1], b_higher)
        other = names[1] if lead == names[0] else names[0]
        head = f"{lead} earn more than {other} at {count} of {len(both)} wage percentiles"
    gap = "" if a == b else f"; the widest gap is {_money(abs(a - b))} at the {_lower_first(label)}"
    caption = f"{head}{gap} ({source}; percentiles have no published standard error)."
    return ChartText(alt, caption)


def top_states_text(
    names: tuple[str, str],
    states: tuple[Sequence[tuple[str, float]], Sequence[tuple[str, float]]],
    rule: str,
) -> ChartText:
    """The top-paying-states chart.

    Args:
        names: The two occupations' titles.
        states: For each occupation, its best-paying (state, annual mean wage), best first.
        rule: Which states count ("states with at least 500 published jobs").
    """
    parts = []
    for name, rows in zip(names, states, strict=True):
        listed = _series([f"{s} {_money(w)}" for s, w in rows]) if rows else "not published"
        parts.append(f"{name}: {listed}")
    count = max(len(rows) for rows in states)
    alt = (
        f"Bar charts of the {count} best-paying states by annual mean wage. "
        + "; ".join(parts)
        + "."
    )
    firsts = [
        f"{rows[0][0]} ({_money(rows[0][1])}) for {name}"
        for name, rows in zip(names, states, strict=True)
        if rows
    ]
    if not firsts:
        return ChartText(alt, f"No state wages are published for either occupation ({rule}).")
    caption = f"The best-paying state is {_series(firsts)} ({SOURCES['oews'].label}; {rule})."
    return ChartText(alt, caption)


def education_text(
    names: tuple[str, str],
    levels: Sequence[tuple[str, float | None, float | None]],
    dissimilarity: float | None,
) -> ChartText:
    """The educational-attainment chart.

    Args:
        names: The two occupations' titles.
        levels: (level, A's share, B's share) in percent, lowest level first.
        dissimilarity: The dissimilarity index D of the two distributions, if computed.
    """
    alt = (
        f"Bar chart of the highest level of education of workers aged 25 and older, percent, "
        f"{names[0]} then {names[1]}: "
        + "; ".join(f"{level} {_pct(a)} and {_pct(b)}" for level, a, b in levels)
        + "."
    )
    tops = []
    for i, name in enumerate(names):
        shares = [(lv[0], lv[i + 1]) for lv in levels if lv[i + 1] is not None]
        if shares:
            level, share = max(shares, key=lambda s: s[1])
            tops.append(f"{_lower_first(level)} ({_pct(share)}) for {name}")
    if not tops:
        return ChartText(alt, "No educational attainment is published for either occupation.")
    d = "" if dissimilarity is None else f"; dissimilarity index D = {dissimilarity:.3f}"
    caption = f"The most common level is {_series(tops)}{d} (BLS Employment Projections Table 5.3)."
    return ChartText(alt, caption)


def demographics_text(
    names: tuple[str, str],
    groups: Sequence[tuple[str, float | None, float | None]],
    women_all: float | None = None,
) -> ChartText:
    """The demographic-composition chart.

    Args:
        names: The two occupations' titles.
        groups: (group, A's share, B's share) in percent; "Women" first.
        women_all: Women's share of all employed people, if known.
    """
    alt = (
        f"Bar chart of shares of employed people, percent, {names[0]} then {names[1]}: "
        + "; ".join(f"{g} {_pct(a)} and {_pct(b)}" for g, a, b in groups)
        + "."
    )
    women = next((g for g in groups if g[0] == "Women"), None)
    if women is None or (women[1] is None and women[2] is None):
        return ChartText(alt, "The CPS publishes no shares for either occupation.")
    shares = [f"{_pct(v)} of {n}" for n, v in zip(names, women[1:], strict=True) if v is not None]
    total = "" if women_all is None else f"; {_pct(women_all)} of all employed people"
    caption = (
        f"Women are {_series(shares)}{total} (CPS {SOURCES['cps11'].vintage} annual averages)."
    )
    return ChartText(alt, caption)


def gender_earnings_text(
    names: tuple[str, str],
    earnings: Sequence[tuple[float | None, float | None, float | None]],
    ratio_all: float | None = None,
) -> ChartText:
    """The median-weekly-earnings-by-sex chart.

    Args:
        names: The two occupations' titles.
        earnings: For each occupation, (men's, women's median weekly earnings, women's
            as a percentage of men's).
        ratio_all: Women's earnings as a percentage of men's for all workers, if known.
    """
    alt = (
        "Bar chart of median weekly earnings of full-time wage and salary workers by sex: "
        + "; ".join(
            f"{name}, men {_money(m)} and women {_money(w)}"
            for name, (m, w, _) in zip(names, earnings, strict=True)
        )
        + "."
    )
    parts = [
        f"{_pct(r)} of what men earn among {name}"
        for name, (_, _, r) in zip(names, earnings, strict=True)
        if r is not None
    ]
    none = [name for name, (_, _, r) in zip(names, earnings, strict=True) if r is None]
    total = "" if ratio_all is None else f"; {_pct(ratio_all)} across all occupations"
    if not parts:
        caption = f"The CPS publishes no earnings by sex for {_series(none)} ({_CPS39})."
    else:
        caption = f"Women earn {_series(parts)}{total}"
        if none:
            caption += f"; the CPS publishes no earnings by sex for {_series(none)}"
        caption += f" ({_CPS39}, raw ratio of medians)."
    return ChartText(alt, caption)


def cost_adjusted_text(
    names: tuple[str, str],
    states: tuple[Sequence[tuple[str, float, float]], Sequence[tuple[str, float, float]]],
) -> ChartText:
    """The nominal-versus-price-adjusted wages chart.

    Args:
        names: The two occupations' titles.
        states: For each occupation, (state, nominal, price-adjusted annual mean wage)
            for its best states at national prices, best first: the top of the one
            ranking over all states (the table's).
    """
    parts = []
    for name, rows in zip(names, states, strict=True):
        listed = (
            _series([f"{s} {_money(n)} ({_money(a)} adjusted)" for s, n, a in rows])
            if rows
            else "not published"
        )
        parts.append(f"{name}: {listed}")
    alt = (
        "Dot chart of annual mean wages in each occupation's best-paying states at national "
        "prices, as paid and adjusted for state price levels. " + "; ".join(parts) + "."
    )
    bests = []
    for name, rows in zip(names, states, strict=True):
        if rows:
            state, _, adjusted = max(rows, key=lambda r: r[2])
            bests.append(f"{state} ({_money(adjusted)}) for {name}")
    if not bests:
        return ChartText(alt, "No state wages with price parities are published.")
    caption = (
        f"At national prices, the best-paying state is {_series(bests)} (BEA regional "
        f"price parities {SOURCES['bea_rpp'].vintage}: state averages, not specific to an "
        "occupation)."
    )
    return ChartText(alt, caption)


def transition_chart_text(
    names: tuple[str, str],
    rows: Sequence[SkillStep],
    compared: int = 0,
    reason: str | None = None,
) -> ChartText:
    """The chart of the largest skill-level differences (B - A steps, largest first).

    Args:
        names: The two occupations' titles (A, B).
        rows: The skills drawn, each with its B - A difference and 95 % interval.
        compared: How many skills both rate.
        reason: Why no skill is compared (no levels for a side), if so.
    """
    source = f"{SOURCES['onet'].label} Skills, level scale"
    if reason:
        return ChartText(
            alt=f"No chart: skill levels n/a ({reason}).",
            caption=f"Skill levels: n/a ({reason}).",
        )
    if not rows:
        return ChartText(
            alt=f"None of the {compared} O*NET skills both rate has a level higher for "
            f"{names[0]} or {names[1]} by more than the ratings' combined standard error.",
            caption=f"No skill to raise either way ({source}).",
        )

    def item(s: SkillStep) -> str:
        diff = s.difference or 0.0
        who = names[1] if diff > 0 else names[0]
        flagged = ", flagged, not counted" if s.flags else ""
        return (
            f"{s.skill} {abs(diff):.2f} higher for {who} "
            f"(95 % interval {s.ci95_low:+.2f} to {s.ci95_high:+.2f}{flagged})"
        )

    b_side = sum(1 for s in rows if (s.difference or 0) > 0)
    first = rows[0]
    return ChartText(
        alt=f"Dot chart of the {len(rows)} largest skill-level differences, {names[1]} minus "
        f"{names[0]}, on O*NET's 0-7 scale, with 95 % intervals: "
        + "; ".join(item(s) for s in rows)
        + ".",
        caption=f"The largest skill-level gap is {first.skill.lower()} "
        f"({abs(first.difference or 0):.2f} points); {b_side} of the {len(rows)} skills shown "
        f"are higher for {names[1]}, {len(rows) - b_side} for {names[0]}. Each is higher by "
        f"more than the ratings' combined standard error ({source}).",
    )
