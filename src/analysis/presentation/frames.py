"""Each section of a comparison as a tidy pandas DataFrame, for a researcher to plot.

The notebook's tables are HTML for reading; these frames hold the same figures as
numbers, one row per figure (or per group), so ``sns.barplot(data=nb.frame(comp,
"pay"), ...)`` works without digging into dataclasses. A figure the source does
not publish is missing (NaN / None), never 0, and its row says why in ``reason``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from analysis.comparison.contract import Gap, PlainGap
from analysis.comparison.pair import Comparison
from analysis.presentation import plots
from analysis.presentation.labels import label
from analysis.presentation.pay_section import WINNER_FIELDS, tied_names

GAP_COLUMNS = [
    "figure",
    "label",
    "a",
    "b",
    "difference",
    "difference_pct",
    "ci95_low",
    "ci95_high",
    "significant",
    "reason",
]
"""Columns of the pay and demographics frames (a gap per row, A − B)."""


_RACE_LABELS = {
    "white_pct": "White, % of employed",
    "black_pct": "Black or African American, % of employed",
    "asian_pct": "Asian, % of employed",
    "hispanic_pct": "Hispanic or Latino (any race), % of employed",
}


def _gap_row(figure: str, gap: Gap | PlainGap) -> dict[str, Any]:
    words = _RACE_LABELS.get(figure) or label(figure)
    row = {"figure": figure, "label": words, "a": gap.a, "b": gap.b}
    row["difference"] = gap.difference
    # a plain gap (percentiles, counts, survey figures) has no standard error: no test
    for column in ("difference_pct", "ci95_low", "ci95_high", "significant"):
        row[column] = getattr(gap, column, None)
    row["reason"] = "; ".join(n for n in (gap.reason, gap.caveat) if n) or None
    return row


def _names(record: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(record)]


def _gaps(pairs: list[tuple[str, Gap | PlainGap]]) -> pd.DataFrame:
    frame = pd.DataFrame([_gap_row(f, g) for f, g in pairs], columns=GAP_COLUMNS)
    for column in ("a", "b", "difference", "difference_pct", "ci95_low", "ci95_high"):
        frame[column] = pd.to_numeric(frame[column])
    return frame


def _pay_frame(comp: Comparison) -> pd.DataFrame:
    """Pay and job figures, A − B; the means with their 95% interval and test."""
    pay = comp.gaps.pay
    return _gaps([(name, getattr(pay, name)) for name in _names(pay)])


def _demographics_frame(comp: Comparison) -> pd.DataFrame:
    """Women's share, median age, race shares and women's pay as % of men's (survey estimates)."""
    demo = comp.gaps.demographics
    pairs: list[tuple[str, Gap | PlainGap]] = [
        ("women_pct", demo.women_pct),
        ("median_age", demo.median_age),
    ]
    race = demo.race_pct
    pairs += [(f"{name}_pct", getattr(race, name)) for name in _names(race)]
    # CPS survey estimates, percent of the employed (Hispanic or Latino: of any race)
    pairs.append(("women_to_men_earnings_pct", demo.women_to_men_earnings_pct))
    return _gaps(pairs)


def _education_frame(comp: Comparison) -> pd.DataFrame:
    """Highest education of workers aged 25 and older: one row per level and occupation."""
    rows = [
        {"level": level, "occupation": side, "title": p.title, "share_pct": share}
        for level, a, b in plots.education_rows(comp)
        for side, p, share in (("A", comp.a, a), ("B", comp.b, b))
    ]
    frame = pd.DataFrame(rows, columns=["level", "occupation", "title", "share_pct"])
    frame["share_pct"] = pd.to_numeric(frame["share_pct"])
    return frame


def places_frame(comp: Comparison) -> pd.DataFrame:
    """The best paying states, metro areas and industries of each, best first.

    ``rank`` is the position in the ranking; ``tied_with_first`` marks a place whose
    mean is not significantly below the first's (the first's ``tied_with``), so the
    order between them is not established.
    """
    parts = []
    for side, p, kinds in (
        ("A", comp.a, ((comp.states_a, "state"), (comp.metros_a, "metro area"),
                       (comp.industries_a, "industry"))),
        ("B", comp.b, ((comp.states_b, "state"), (comp.metros_b, "metro area"),
                       (comp.industries_b, "industry"))),
    ):  # fmt: skip
        for table, kind in kinds:
            column = "industry_name" if kind == "industry" else "area_name"
            if table.empty or column not in table:
                continue
            part = table[[column, "annual_mean_wage"]].rename(columns={column: "place"})
            part.insert(0, "kind", kind)
            part.insert(0, "title", p.title)
            part.insert(0, "occupation", side)
            part.insert(3, "rank", range(1, len(part) + 1))
            tied = tied_names(getattr(p, WINNER_FIELDS[kind]))
            part["tied_with_first"] = part["place"].isin(tied)
            parts.append(part)
    columns = [
        "occupation",
        "title",
        "kind",
        "rank",
        "place",
        "annual_mean_wage",
        "tied_with_first",
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


TRANSITION_COLUMNS = [
    "direction",
    "from_title",
    "to_title",
    "skill",
    "level_from",
    "level_to",
    "difference",
    "se",
    "ci95_low",
    "ci95_high",
    "significant",
    "counted",
    "flags",
]
"""Columns of the transition frame (one skill to raise per row, target − source)."""


def _transition_frame(comp: Comparison) -> pd.DataFrame:
    """The skills to raise each way, with levels, difference, SE and 95% interval.

    ``counted`` is False for a skill listed apart because a rating is flagged
    (suppressed or low-N); ``flags`` says which, in words.
    """
    t = comp.gaps.transition
    rows = []
    for key in ("a_to_b", "b_to_a"):
        d = getattr(t, key) if t is not None else None
        if d is None:
            continue
        for counted, steps in ((True, d.skills_to_raise), (False, d.skills_not_counted)):
            rows += [
                {
                    "direction": key,
                    "from_title": d.from_title,
                    "to_title": d.to_title,
                    "skill": s.skill,
                    "level_from": s.level_from,
                    "level_to": s.level_to,
                    "difference": s.difference,
                    "se": s.se,
                    "ci95_low": s.ci95_low,
                    "ci95_high": s.ci95_high,
                    "significant": s.significant,
                    "counted": counted,
                    "flags": "; ".join(s.flags) or None,
                }
                for s in steps
            ]
    return pd.DataFrame(rows, columns=TRANSITION_COLUMNS)


WHERE_COLUMNS = [
    "kind",
    "code",
    "name",
    "a",
    "b",
    "difference",
    "se",
    "ci95_low",
    "ci95_high",
    "significant",
    "reason",
]
"""Columns of the by-area frame (one state or metro area per row, A − B annual means)."""


def _where_frame(comp: Comparison) -> pd.DataFrame:
    """The mean-wage gap A − B in every state and metro area (``comp.by_area``), one row each.

    ``kind`` is "state" or "metro"; ``a`` and ``b`` are the area's OEWS annual means;
    ``reason`` says why an area is not comparable (its figures are then missing, not 0).
    The same rows as the compare JSON's ``by_area``, in its order.
    """
    rows = [
        {"kind": kind, **{c: getattr(g, c) for c in WHERE_COLUMNS[1:]}}
        for kind, gaps in (("state", comp.by_area.states), ("metro", comp.by_area.metros))
        for g in gaps
    ]
    return pd.DataFrame(rows, columns=WHERE_COLUMNS)


FRAMES = {
    "pay": _pay_frame,
    "demographics": _demographics_frame,
    "education": _education_frame,
    "places": places_frame,
    "transition": _transition_frame,
    "where": _where_frame,
}
"""The sections :func:`section_frame` knows, by name."""


def section_frame(comp: Comparison, section: str) -> pd.DataFrame:
    """One section as a tidy DataFrame.

    Args:
        comp: The comparison (``nb.load(...)``).
        section: One of :data:`FRAMES` (``"pay"``, ``"demographics"``, ``"education"``,
            ``"places"``, ``"transition"``, ``"where"``).

    Raises:
        KeyError: An unknown section, naming the known ones.
    """
    try:
        build = FRAMES[section]
    except KeyError:
        raise KeyError(f"no frame '{section}': use one of {sorted(FRAMES)}") from None
    return build(comp)
