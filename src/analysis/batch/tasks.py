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


@dataclass(frozen=True)
class SiteLinks:
    """Back links a report shows above its content when it is part of a site (the atlas).

    Both are URLs relative to the report's folder. ``occupation`` is a format
    string with ``{soc}``, filled with each side's SOC code; a side without a
    SOC code (the seed dataset) gets no link.
    """

    home: str
    occupation: str
    home_label: str = "Atlas"

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form (also what the inputs hash covers)."""
        return asdict(self)


@dataclass(frozen=True)
class Task:
    """One pair to render into ``out_dir``, with optional site back links."""

    pair: Pair
    out_dir: Path
    slug: str
    links: SiteLinks | None = None


@dataclass
class Outcome:
    """What happened to one pair."""

    pair: Pair
    slug: str
    status: str  # "rendered", "skipped" or "failed"
    summary: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    cell: int | None = None
    seconds: float = 0.0
    memory_mb: dict[str, float | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out = asdict(self)
        out["pair"] = asdict(self.pair)
        return out


class Executor(Protocol):
    """Runs tasks somewhere and yields their outcomes as they finish."""

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Render every task; never raise for one task's failure."""
        ...
