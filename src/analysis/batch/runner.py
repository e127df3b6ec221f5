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
import signal
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from analysis import config
from analysis.batch.fingerprint import inputs_hash
from analysis.batch.index import write_index
from analysis.batch.lock import LOCK_NAME, BatchLock
from analysis.batch.pairs import BadRow, read_pairs, resolve_pairs
from analysis.batch.report_file import file_matches, read_report
from analysis.batch.runtime import batch_runtime
from analysis.batch.tasks import Executor, ExecutorLost, Outcome, SiteLinks, Summary, Task
from analysis.batch.workers import DEFAULT_TIMEOUT, SupervisedPool
from analysis.errors import UserInputError
from analysis.files import ensure_writable_dir, write_atomic

__all__ = ["LOCK_NAME", "BatchLock", "BatchResult", "Task", "run_batch", "up_to_date"]

RUN_LOG = "batch-run.json"
REPORT_FILES = ("html", "ipynb")
"""The files whose SHA-256 a report's JSON records (the JSON checks itself)."""
INTERRUPTED = "interrupted"
"""Status of a pair the batch did not reach because it was interrupted."""


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
        pool = SupervisedPool(self.jobs, _start_worker, _render_in_worker, _died, self.timeout)
        yield from pool.run(tasks, key=lambda t: t.slug)


# papermill and nbconvert load in the workers only: this process never renders, and
# importing them here (nbformat's schema validator alone takes a second) would delay
# the workers' start. The pool pickles these two by name, so they must live here.
def _start_worker() -> Any:
    """A worker's state: its renderer and warm kernel."""
    # nbformat validates with jsonschema, whose format checkers import rfc3987_syntax
    # when it is installed (JupyterLab's dependencies install it); that import compiles
    # ~35 Lark grammars, a second of every worker's start, for the "iri" formats no
    # notebook schema uses (python-jsonschema/jsonschema#1428). jsonschema then goes
    # without them, as it does wherever the package is absent.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from analysis.batch.render import new_renderer

    # No per-cell timeout: the pool stops a pair at ``timeout`` seconds of wall clock.
    return new_renderer(None)


def _render_in_worker(renderer: Any, task: Task) -> Outcome:
    """Render one task in a worker."""
    from analysis.batch.render import render_task

    return render_task(renderer, task)


MAX_JOBS = 4 * (os.cpu_count() or 1)
"""Most workers a batch starts: each holds a kernel and the data (~0.5 GB), so more than a
few per core only thrashes."""


def make_executor(
    name: str,
    jobs: int,
    scheduler: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Executor:
    """Build the executor named on the command line.

    Args:
        name: ``local``, ``dask`` or ``dask-local``.
        jobs: Most workers to start (each executor starts no more than it has pairs).
        scheduler: The Dask scheduler's address (``dask`` only).
        timeout: Seconds one pair may take.

    Raises:
        UserInputError: Unknown executor, ``jobs`` out of bounds, or a scheduler
            address that is missing, malformed, not a Dask scheduler or given to an
            executor that does not use one.
    """
    if not 1 <= jobs <= MAX_JOBS:
        raise UserInputError(
            f"--jobs must be between 1 and {MAX_JOBS} (4 per core on this machine), got {jobs:,}."
        )
    if scheduler is not None and name != "dask":
        raise UserInputError(
            f"--scheduler applies only to --executor dask (the executor is '{name}')."
        )
    if name == "local":
        return LocalExecutor(jobs, timeout)
    if name in ("dask", "dask-local"):
        from analysis.batch.dask_executor import (  # loads papermill: only when asked
            DaskExecutor,
            check_scheduler,
        )

        if name == "dask" and not scheduler:
            raise UserInputError(
                "--executor dask needs --scheduler tcp://HOST:PORT "
                "(or use --executor dask-local for a local cluster)."
            )
        if name == "dask":
            check_scheduler(scheduler)
        return DaskExecutor(jobs, scheduler if name == "dask" else None, timeout)
    raise UserInputError(f"Unknown executor '{name}'. Use local, dask or dask-local.")


def up_to_date(task: Task) -> Summary | None:
    """Return the summary of a pair's existing report when it can be reused as it is.

    Reusable means: the JSON is a complete report of this manifest version
    (:func:`analysis.batch.report_file.read_report`; any other file, however
    broken, only means "render again"), its inputs hash matches (notebook,
    data, code, parameters), its own checksum matches (no hand edits), and the
    ``.html`` and ``.ipynb`` are regular files with the SHA-256 the JSON
    recorded when they were written.
    """
    report = read_report(task.out_dir / f"{task.slug}.json")
    if report is None:
        return None
    links = task.links.as_dict() if task.links else None
    manifest = report.manifest
    if manifest.inputs_hash != inputs_hash(task.pair.parameters(), links, task.data_key):
        return None
    for ext in REPORT_FILES if task.keep_notebook else REPORT_FILES[:1]:
        if not file_matches(task.out_dir / f"{task.slug}.{ext}", manifest.files.get(ext)):
            return None
    try:
        return report.summary()
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, RecursionError):
        return None


@dataclass
class BatchResult:
    """Outcomes of a batch, and the rows of the pairs file that could not be read."""

    outcomes: list[Outcome]
    bad_rows: list[BadRow]
    index: Path
    interrupted: bool = False
    write_error: str | None = None
    """Why ``index.html`` or ``batch-run.json`` could not be written, if so."""
    stopped: str | None = None
    """Why the run stopped early when it was not Ctrl-C (``interrupted`` is then True)."""

    @property
    def failed(self) -> list[Outcome]:
        """The pairs that failed."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        """True when every row was valid and every pair rendered or was up to date."""
        return not (self.failed or self.bad_rows or self.interrupted or self.write_error)


def run_batch(
    pairs_file: Path | None = None,
    out_dir: Path | None = None,
    jobs: int = 2,
    force: bool = False,
    executor: Executor | None = None,
    progress: bool = True,
    links: SiteLinks | None = None,
    keep_notebooks: bool = True,
    data_keys: Mapping[str, str] | None = None,
) -> BatchResult:
    """Render every pair of a pairs file and write ``index.html``.

    The pairs file is read and every query resolved before the output folder
    is created or touched. Ctrl-C stops the workers at once; the index and the
    run log are still written for what finished (``interrupted`` is then True).

    Args:
        pairs_file: CSV of pairs (default ``data/pairs/default.csv``).
        out_dir: Output folder (default ``reports/``); checked writable first.
        jobs: Parallel workers for the default executor.
        force: Re-render pairs whose inputs did not change.
        executor: Where to run (default :class:`LocalExecutor`).
        progress: Show a progress bar on stderr.
        links: Back links every report shows (a site such as the atlas); none by default.
        keep_notebooks: Write each pair's executed notebook (``.ipynb``) beside its report.
        data_keys: By report slug, a hash of the data that report shows, instead of
            the whole data version (:func:`analysis.batch.fingerprint.inputs_hash`).

    Returns:
        The outcomes; ``ok`` is False when a row was malformed or a pair failed.

    Raises:
        UserInputError: The pairs file cannot be read or holds no valid pair, the
            output folder is not writable, or another batch holds its lock.
    """
    source = pairs_file or config.DEFAULT_PAIRS_FILE
    pairs, bad_rows = read_pairs(source)
    if not pairs and not bad_rows:
        raise UserInputError(
            f"Pairs file {source} holds no pair: expected rows a,b[,label][,dataset] "
            "after the optional header. Nothing was rendered and no file was changed."
        )
    pairs, unresolved = resolve_pairs(pairs)
    bad_rows = sorted(bad_rows + unresolved, key=lambda b: b.row)
    if not pairs:
        first = bad_rows[0]
        raise UserInputError(
            f"Pairs file {source} holds no valid pair ({len(bad_rows)} bad row(s); row "
            f"{first.row}: {first.problem}). Nothing was rendered and no file was changed."
        )
    target = ensure_writable_dir(out_dir or config.REPORTS_DIR)
    with BatchLock(target), batch_runtime(target):
        tasks = [
            Task(p, target, p.slug, links, keep_notebooks, (data_keys or {}).get(p.slug))
            for p in pairs
        ]
        outcomes: list[Outcome] = []
        started = time.time()
        try:
            todo: list[Task] = []
            for task in tasks:
                summary = None if force else up_to_date(task)
                if summary is None:
                    todo.append(task)
                else:
                    outcomes.append(Outcome(task.pair, task.slug, "skipped", summary=summary))
            interrupted, stopped = _render(
                executor or LocalExecutor(jobs), todo, outcomes, progress
            )
        except KeyboardInterrupt:  # while checking what is up to date: the index says so too
            interrupted, stopped = True, None
        with no_interrupts():  # a second Ctrl-C must not cut the index in half
            done = {o.slug for o in outcomes}
            reason = f"not rendered: {stopped or 'the batch was interrupted'}"
            for task in (t for t in tasks if t.slug not in done):
                # a worker may have finished a report whose result never reached us (the
                # scheduler went away first): what is complete on disk counts as rendered
                summary = _written_since(task, started)
                outcomes.append(
                    Outcome(task.pair, task.slug, "rendered", summary=summary)
                    if summary is not None
                    else Outcome(task.pair, task.slug, INTERRUPTED, error=reason)
                )
            outcomes.sort(key=lambda o: o.pair.row)
            index, write_error = _write_results(target, outcomes, bad_rows)
    return BatchResult(outcomes, bad_rows, index, interrupted, write_error, stopped)


def _render(
    runner: Executor, todo: list[Task], outcomes: list[Outcome], progress: bool
) -> tuple[bool, str | None]:
    """Run the tasks, appending outcomes as they come.

    Returns:
        Whether the run stopped before every task was done (Ctrl-C, or the executor
        lost), and why when it was not Ctrl-C (the :class:`ExecutorLost` message).
    """
    bar = tqdm(total=len(todo), desc="rendering", unit="pair", disable=not progress or not todo)
    stream = runner.run(todo)
    try:
        for outcome in stream:
            outcomes.append(outcome)
            bar.update(1)
    except KeyboardInterrupt:
        return True, None
    except ExecutorLost as err:
        return True, str(err)
    finally:
        with no_interrupts():
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # stops the executor's workers now, not when garbage collected
            bar.close()
    return False, None


def _written_since(task: Task, since: float) -> Summary | None:
    """The summary of a task's report when this run wrote it complete, though unreported."""
    try:
        written = (task.out_dir / f"{task.slug}.json").stat().st_mtime
    except OSError:
        return None
    return up_to_date(task) if written >= since else None


def _write_results(
    target: Path, outcomes: list[Outcome], bad_rows: list[BadRow]
) -> tuple[Path, str | None]:
    """Write ``index.html`` and ``batch-run.json``; an OS error is returned, not raised."""
    index = target / "index.html"
    try:
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
    except OSError as err:
        where = err.filename or target
        return index, f"could not write the index or run log ({where}: {err.strerror or err})"
    return index, None


@contextmanager
def no_interrupts() -> Iterator[None]:
    """Ignore Ctrl-C for the block (only the main thread can; elsewhere it is a no-op)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
