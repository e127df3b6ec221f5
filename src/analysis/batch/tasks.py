"""What the batch hands to an executor and gets back: light types shared by every executor.

Kept apart from the runner and the renderer (no pandas, papermill or
nbconvert) so that executors, the index page and the runner can all import
them without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from analysis.batch.pairs import Pair
from analysis.records import Record


class ExecutorLost(Exception):
    """The executor can run no more tasks (a Dask scheduler that went away).

    The batch stops as a Ctrl-C stops it: what finished is kept and listed, the rest
    is "not reached", and the message (the exception's text) says why.
    """


@dataclass(frozen=True)
class SiteLinks:
    """What a report shows when it is part of a site (the atlas), beyond a batch's report.

    ``home`` and ``occupation`` are URLs relative to the report's folder:
    ``occupation`` is a format string with ``{soc}``, filled with each side's SOC
    code (a side without one, the seed dataset, gets no link). ``stylesheet``,
    when given, is linked instead of inlining ``report.css``. ``reports``, when
    given, are the report file names the site will hold: similar occupations
    link to theirs whatever the order the reports are rendered in (without it a
    report links to those already on disk).
    """

    home: str
    occupation: str
    home_label: str = "Atlas"
    stylesheet: str | None = None
    reports: frozenset[str] | None = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, str | None]:
        """JSON-ready form of the links (what the inputs hash covers; not ``reports``)."""
        return {
            "home": self.home,
            "occupation": self.occupation,
            "home_label": self.home_label,
            "stylesheet": self.stylesheet,
        }


@dataclass(frozen=True)
class Task:
    """One pair to render into ``out_dir``, with optional site back links.

    ``keep_notebook`` False writes only the HTML and the JSON: a site that does
    not need the executed notebook saves its size (~40 % of a report's bytes).
    ``data_key`` replaces the data version in the inputs hash
    (:func:`analysis.batch.fingerprint.inputs_hash`).
    """

    pair: Pair
    out_dir: Path
    slug: str
    links: SiteLinks | None = None
    keep_notebook: bool = True
    data_key: str | None = None


@dataclass(frozen=True)
class Summary(Record):
    """A rendered pair's headline figures, as the index page lists them (None when absent).

    Written in the batch's run log and ``atlas.json`` (its JSON keys are these
    field names), read back typed by the atlas's pages.
    """

    a: str | None = None
    b: str | None = None
    soc_a: str | None = None
    soc_b: str | None = None
    dataset: str | None = None
    annual_mean_wage_a: float | None = None
    annual_mean_wage_b: float | None = None
    annual_mean_wage_gap: float | None = None
    annual_mean_wage_gap_pct: float | None = None
    significant: bool | None = None
    women_pct_gap: float | None = None
    median_age_gap: float | None = None
    education_dissimilarity: float | None = None
    race_dissimilarity: float | None = None
    # why a headline figure is missing (the index shows it beside "n/a")
    significant_reason: str | None = None
    women_pct_gap_reason: str | None = None
    """Why the women's-share gap is absent (e.g. both occupations are one Census row)."""
    education_dissimilarity_reason: str | None = None
    race_dissimilarity_reason: str | None = None


@dataclass(frozen=True)
class Side(Record):
    """What the index needs of one side of a compare JSON: its title and code (no profile)."""

    title: str
    soc: str | None = None


@dataclass
class Outcome:
    """What happened to one pair."""

    pair: Pair
    slug: str
    status: str  # "rendered", "skipped", "failed" or "interrupted"
    summary: Summary | None = None
    error: str | None = None
    cell: int | None = None
    seconds: float = 0.0
    memory_mb: dict[str, float | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out = asdict(self)
        out["pair"] = asdict(self.pair)
        # A failed pair's summary has always been written as an empty object.
        out["summary"] = self.summary.to_json() if self.summary is not None else {}
        return out


class Executor(Protocol):
    """Runs tasks somewhere and yields their outcomes as they finish."""

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Render every task; never raise for one task's failure."""
        ...
