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
class Task:
    """One pair to render into ``out_dir``."""

    pair: Pair
    out_dir: Path
    slug: str


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
