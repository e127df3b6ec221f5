"""The batch's ``index.html``: every pair with its headline gaps, sortable, linked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from analysis import __version__, config
from analysis.batch.fingerprint import slugify
from analysis.batch.tasks import Side, Summary
from analysis.comparison.contract import Gaps
from analysis.data.sources.catalog import SOURCES
from analysis.files import write_atomic
from analysis.presentation import formatting as fmt

LINKED = ("rendered", "skipped")
"""Statuses whose report exists and is current: the index links only these."""

INDEX_NAME = "index.html"
"""File name of a batch's index page, beside its reports (each report links back to it)."""

if TYPE_CHECKING:
    from analysis.batch.pairs import BadRow
    from analysis.batch.tasks import Outcome


def summarize(payload: dict[str, Any]) -> Summary:
    """Headline gaps of a compare payload (a report's JSON), for the index page.

    Only the gaps (and each side's title and code) are read back as their typed
    records: rebuilding both profiles too took most of a no-op atlas run (1,781
    reports).

    Raises:
        ValueError: The payload is not a compare JSON, or a headline figure is not
            of its type (a hand-edited file).
    """
    try:
        gaps = Gaps.from_json(payload["gaps"])
        a, b = (Side.from_json_checked(payload[s], ignore_unknown=True) for s in ("a", "b"))
        dataset = payload["dataset"]
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a compare JSON: {type(err).__name__}: {err}") from None
    pay, demo, edu = gaps.pay, gaps.demographics, gaps.education
    wage = pay.annual_mean_wage
    return Summary(
        a=a.title,
        b=b.title,
        soc_a=a.soc,
        soc_b=b.soc,
        dataset=dataset,
        annual_mean_wage_a=wage.a,
        annual_mean_wage_b=wage.b,
        annual_mean_wage_gap=wage.difference,
        annual_mean_wage_gap_pct=wage.difference_pct,
        significant=wage.significant,
        women_pct_gap=demo.women_pct.difference,
        median_age_gap=demo.median_age.difference,
        education_dissimilarity=edu.education_dissimilarity,
        race_dissimilarity=demo.race_dissimilarity,
        significant_reason=wage.reason,
        women_pct_gap_reason=demo.women_pct.reason,
        education_dissimilarity_reason=edu.education_dissimilarity_reason,
        race_dissimilarity_reason=demo.race_dissimilarity_reason,
    ).checked()


def _cell(value: Any, shown: str, reason: str | None = None) -> dict[str, Any]:
    """One numeric cell: the value to sort on, the text shown, and why it is missing."""
    missing = fmt.is_missing(value)
    return {
        "value": None if missing else value,
        "text": shown,
        "reason": (reason or "not published for this pair") if missing else None,
    }


def _occupation_key(summary: Summary, side: str) -> tuple[str, str]:
    """What identifies one side's occupation: its dataset and SOC code (or title)."""
    soc = summary.soc_a if side == "a" else summary.soc_b
    title = summary.a if side == "a" else summary.b
    return str(summary.dataset), str(soc or title)


def _row(outcome: Outcome, anchors: dict[tuple[str, str], str]) -> dict[str, Any]:
    # A failed pair has no summary: its row shows the queries and "n/a".
    s = outcome.summary or Summary()
    sig = s.significant
    R = fmt.READER
    reported = outcome.status in LINKED and outcome.summary is not None
    return {
        "label": outcome.pair.label,
        "a": s.a or outcome.pair.a,
        "b": s.b or outcome.pair.b,
        "a_anchor": anchors.get(_occupation_key(s, "a")) if reported else None,
        "b_anchor": anchors.get(_occupation_key(s, "b")) if reported else None,
        "dataset": outcome.pair.dataset,
        "status": outcome.status,
        # only a report this run rendered or verified is linked (never a stale or missing one)
        "href": f"{outcome.slug}.html" if outcome.status in LINKED else None,
        "gap": _cell(
            s.annual_mean_wage_gap,
            fmt.money(s.annual_mean_wage_gap, signed=True, style=R),
        ),
        "gap_pct": _cell(
            s.annual_mean_wage_gap_pct,
            fmt.percent(s.annual_mean_wage_gap_pct, 1, signed=True, style=R),
        ),
        "significant": {
            "text": R.missing if sig is None else ("yes" if sig else "no"),
            "reason": (s.significant_reason or "no standard error published")
            if sig is None and reported
            else None,
        },
        "women": _cell(
            s.women_pct_gap, fmt.points(s.women_pct_gap, style=R), s.women_pct_gap_reason
        ),
        "edu": _cell(
            s.education_dissimilarity,
            fmt.number(s.education_dissimilarity, 3, style=R),
            s.education_dissimilarity_reason,
        ),
        "race": _cell(
            s.race_dissimilarity,
            fmt.number(s.race_dissimilarity, 3, style=R),
            s.race_dissimilarity_reason,
        ),
        "error": outcome.error,
        "cell": outcome.cell,
    }


def occupations(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    """Every occupation of the batch's reports, with the reports it appears in.

    Returns:
        One entry per occupation (by dataset and SOC code, or title when it has none),
        sorted by title: ``key``, ``anchor`` (a unique id), ``title``, ``soc``,
        ``dataset`` and ``reports`` (``label``, ``href``) in pairs-file order.
    """
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for outcome in outcomes:
        s = outcome.summary
        if outcome.status not in LINKED or s is None:
            continue
        for side in ("a", "b"):
            key = _occupation_key(s, side)
            entry = found.setdefault(
                key,
                {
                    "key": key,
                    "title": s.a if side == "a" else s.b,
                    "soc": s.soc_a if side == "a" else s.soc_b,
                    "reports": [],
                },
            )
            entry["dataset"] = key[0]
            report = {"label": outcome.pair.label, "href": f"{outcome.slug}.html"}
            if report not in entry["reports"]:
                entry["reports"].append(report)
    entries = sorted(found.values(), key=lambda e: (e["title"].lower(), e["key"]))
    used: set[str] = set()
    for entry in entries:
        anchor = base = "occ-" + slugify(" ".join(entry["key"]))
        n = 1
        while anchor in used:  # slugs are cut at 60 characters; keep ids unique
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        entry["anchor"] = anchor
    return entries


def write_index(out_dir: Path, outcomes: list[Outcome], bad_rows: list[BadRow]) -> Path:
    """Write ``index.html`` listing every pair of the batch (failures marked).

    Args:
        out_dir: The reports folder.
        outcomes: One per pair, in pairs-file order.
        bad_rows: Malformed rows of the pairs file.

    Returns:
        The path written.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.TEMPLATES_DIR)), autoescape=True
    )
    env.globals["sources"] = SOURCES  # releases and labels come from the catalog
    listed = occupations(outcomes)
    anchors = {entry["key"]: entry["anchor"] for entry in listed}
    page = env.get_template("index.html.j2").render(
        rows=[_row(o, anchors) for o in outcomes],
        occupations=listed,
        bad_rows=bad_rows,
        version=__version__,
        failed=sum(o.status == "failed" for o in outcomes),
    )
    path = out_dir / INDEX_NAME
    write_atomic(path, page)
    return path
