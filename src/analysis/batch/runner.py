"""Render many profession pairs: skip unchanged ones, run the rest in parallel, write an index.

The executor is one small interface (:class:`Executor`): it takes tasks and
yields outcomes. :class:`LocalExecutor` runs a process pool on this machine;
another engine only needs the same ``run`` method. Each worker process keeps
one :class:`analysis.batch.render.Renderer`, so the exporter and the data are built
once per worker, not once per pair.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from tqdm import tqdm

from analysis import config
from analysis.batch.fingerprint import inputs_hash, pair_slug
from analysis.batch.index import summarize, write_index
from analysis.batch.pairs import BadRow, read_pairs
from analysis.batch.tasks import Executor, Outcome, SiteLinks, Summary, Task
from analysis.batch.workers import DEFAULT_TIMEOUT, SupervisedPool
from analysis.errors import UserInputError
from analysis.files import ensure_writable_dir, write_atomic

LOCK_NAME = ".batch.lock"
RUN_LOG = "batch-run.json"


def _died(task: Task, reason: str) -> Outcome:
    return Outcome(task.pair, task.slug, "failed", error=reason)


class LocalExecutor:
    """Supervised worker processes on this machine, each with a warm kernel.

    A pair whose worker dies is retried once; a pair past ``timeout`` seconds
    is stopped and reported; the other pairs carry on.
    """

    def __init__(self, jobs: int = 2, timeout: float = DEFAULT_TIMEOUT):
        """Use ``jobs`` worker processes and a per-pair ``timeout`` in seconds."""
        self.jobs = max(1, jobs)
        self.timeout = timeout

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Render the tasks in parallel, yielding outcomes as they complete."""
        if not tasks:
            return
        # papermill and nbconvert load only when something is rendered, so a batch of
        # up-to-date pairs stays fast (nbformat's schema validator alone takes seconds).
        from analysis.batch.render import new_renderer, render_task

        pool = SupervisedPool(
            self.jobs, partial(new_renderer, self.timeout), render_task, _died, timeout=self.timeout
        )
        yield from pool.run(tasks, key=lambda t: t.slug)


def make_executor(
    name: str, jobs: int, scheduler: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Executor:
    """Build the executor named on the command line."""
    if name == "local":
        return LocalExecutor(jobs, timeout)
    if name in ("dask", "dask-local"):
        from analysis.batch.dask_executor import DaskExecutor  # loads papermill: only when asked

        if name == "dask" and not scheduler:
            raise UserInputError(
                "--executor dask needs --scheduler tcp://HOST:PORT "
                "(or use --executor dask-local for a local cluster)."
            )
        return DaskExecutor(jobs, scheduler if name == "dask" else None, timeout)
    raise UserInputError(f"Unknown executor '{name}'. Use local, dask or dask-local.")


class BatchLock:
    """An exclusive lock file in the output folder, so two batches never interleave writes."""

    def __init__(self, out_dir: Path):
        """Prepare the lock for ``out_dir``."""
        self.path = out_dir / LOCK_NAME

    def __enter__(self) -> BatchLock:
        """Take the lock, or refuse with a clear message when another live batch holds it."""
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if self._stale():
                    self.path.unlink(missing_ok=True)
                    continue
                raise UserInputError(
                    f"Another batch is writing to {self.path.parent} (lock file {self.path}, "
                    f"pid {self._owner()}). Wait for it to finish, or use another output folder."
                ) from None
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise UserInputError(f"Could not take the batch lock {self.path}.")

    def __exit__(self, *exc: object) -> None:
        """Release the lock."""
        self.path.unlink(missing_ok=True)

    def _owner(self) -> int | None:
        try:
            return int(self.path.read_text().strip() or 0) or None
        except (OSError, ValueError):
            return None

    def _stale(self) -> bool:
        pid = self._owner()
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def up_to_date(task: Task) -> Summary | None:
    """Return the summary of a pair's existing report when its inputs are unchanged."""
    json_path = task.out_dir / f"{task.slug}.json"
    html_path = task.out_dir / f"{task.slug}.html"
    if not (json_path.is_file() and html_path.is_file()):
        return None
    try:
        payload = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    links = task.links.as_dict() if task.links else None
    if payload.get("report", {}).get("inputs_hash") != inputs_hash(task.pair.parameters(), links):
        return None
    return summarize(payload)


@dataclass
class BatchResult:
    """Outcomes of a batch, and the rows of the pairs file that could not be read."""

    outcomes: list[Outcome]
    bad_rows: list[BadRow]
    index: Path

    @property
    def failed(self) -> list[Outcome]:
        """The pairs that failed."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        """True when every row was valid and every pair rendered or was up to date."""
        return not self.failed and not self.bad_rows


def run_batch(
    pairs_file: Path | None = None,
    out_dir: Path | None = None,
    jobs: int = 2,
    force: bool = False,
    executor: Executor | None = None,
    progress: bool = True,
    links: SiteLinks | None = None,
) -> BatchResult:
    """Render every pair of a pairs file and write ``index.html``.

    Args:
        pairs_file: CSV of pairs (default ``data/pairs/default.csv``).
        out_dir: Output folder (default ``reports/``); checked writable first.
        jobs: Parallel workers for the default executor.
        force: Re-render pairs whose inputs did not change.
        executor: Where to run (default :class:`LocalExecutor`).
        progress: Show a progress bar on stderr.
        links: Back links every report shows (a site such as the atlas); none by default.

    Returns:
        The outcomes; ``ok`` is False when a row was malformed or a pair failed.
    """
    target = ensure_writable_dir(out_dir or config.REPORTS_DIR)
    pairs, bad_rows = read_pairs(pairs_file or config.DEFAULT_PAIRS_FILE)
    with BatchLock(target):
        tasks = [Task(p, target, pair_slug(p.a, p.b, p.dataset), links) for p in pairs]
        outcomes: list[Outcome] = []
        todo: list[Task] = []
        for task in tasks:
            summary = None if force else up_to_date(task)
            if summary is None:
                todo.append(task)
            else:
                outcomes.append(Outcome(task.pair, task.slug, "skipped", summary=summary))
        runner = executor or LocalExecutor(jobs)
        bar = tqdm(total=len(todo), desc="rendering", unit="pair", disable=not progress or not todo)
        for outcome in runner.run(todo):
            outcomes.append(outcome)
            bar.update(1)
        bar.close()
        outcomes.sort(key=lambda o: o.pair.row)
        index = write_index(target, outcomes, bad_rows)
        # What this run did, per pair (status, seconds, peak memory): for benchmarks and audits.
        write_atomic(
            target / RUN_LOG,
            json.dumps(
                {
                    "outcomes": [o.as_dict() for o in outcomes],
                    "bad_rows": [asdict(b) for b in bad_rows],
                },
                indent=1,
                default=str,
            )
            + "\n",
        )
    return BatchResult(outcomes, bad_rows, index)
