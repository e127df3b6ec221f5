"""The batch's ``index.html``: every pair with its headline gaps, sortable, linked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from analysis import __version__, config
from analysis.batch.tasks import Summary
from analysis.comparison.pair import Comparison
from analysis.files import write_atomic
from analysis.presentation import formatting as fmt

if TYPE_CHECKING:
    from analysis.batch.pairs import BadRow
    from analysis.batch.tasks import Outcome


def summarize(payload: dict[str, Any]) -> Summary:
    """Headline gaps of a compare payload (a report's JSON), for the index page.

    Raises:
        ValueError: The payload is not a compare JSON.
    """
    comp = Comparison.from_json(payload)
    pay, demo = comp.gaps.pay, comp.gaps.demographics
    wage = pay.annual_mean_wage
    return Summary(
        a=comp.a.title,
        b=comp.b.title,
        soc_a=comp.a.soc,
        soc_b=comp.b.soc,
        dataset=comp.dataset,
        annual_mean_wage_a=wage.a,
        annual_mean_wage_b=wage.b,
        annual_mean_wage_gap=wage.difference,
        annual_mean_wage_gap_pct=wage.difference_pct,
        significant=wage.significant,
        women_pct_gap=demo.women_pct.difference,
        median_age_gap=demo.median_age.difference,
        education_dissimilarity=comp.gaps.education.education_dissimilarity,
        race_dissimilarity=demo.race_dissimilarity,
        women_pct_gap_reason=demo.women_pct.reason,
        education_dissimilarity_reason=comp.gaps.education.education_dissimilarity_reason,
        race_dissimilarity_reason=demo.race_dissimilarity_reason,
    )


def _row(outcome: Outcome) -> dict[str, Any]:
    # A failed pair has no summary: its row shows the queries and dashes.
    s = outcome.summary or Summary()
    sig = s.significant
    return {
        "label": outcome.pair.label,
        "a": s.a or outcome.pair.a,
        "b": s.b or outcome.pair.b,
        "dataset": outcome.pair.dataset,
        "status": outcome.status,
        # only a report this run rendered or verified is linked (never a stale or missing one)
        "href": f"{outcome.slug}.html" if outcome.status in ("rendered", "skipped") else None,
        "gap": s.annual_mean_wage_gap,
        "gap_text": fmt.money(s.annual_mean_wage_gap),
        "gap_pct_text": fmt.percent(s.annual_mean_wage_gap_pct, 1, signed=True),
        "significant": fmt.DASH if sig is None else ("yes" if sig else "no"),
        "women": s.women_pct_gap,
        "women_text": fmt.DASH if s.women_pct_gap is None else f"{s.women_pct_gap:+.1f} pts",
        "women_reason": s.women_pct_gap_reason,
        "edu": s.education_dissimilarity,
        "edu_reason": s.education_dissimilarity_reason,
        "race": s.race_dissimilarity,
        "race_reason": s.race_dissimilarity_reason,
        "error": outcome.error,
        "cell": outcome.cell,
    }


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
    page = env.get_template("index.html.j2").render(
        rows=[_row(o) for o in outcomes],
        bad_rows=bad_rows,
        version=__version__,
        failed=sum(o.status == "failed" for o in outcomes),
    )
    path = out_dir / "index.html"
    write_atomic(path, page)
    return path
