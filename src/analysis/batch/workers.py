"""A supervised pool of worker processes, each keeping a warm kernel, for the batch runner.

Unlike a plain process pool, the parent knows which pair each worker is
rendering, so it can retry exactly the pair whose worker died (once), stop a
pair that runs past its timeout (killing the worker; its kernel exits with
it through ipykernel's parent poller) and keep the others going.

Workers die with the parent: on Linux the kernel sends them SIGKILL when it
exits (``PR_SET_PDEATHSIG``), and everywhere a thread in each worker exits it
when its parent pid changes. So a killed batch leaves no worker writing into
the folder the next batch has locked.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context, resource_tracker
from multiprocessing.connection import Connection, wait
from typing import Any

DEFAULT_TIMEOUT = 300
"""Seconds one pair may take before its worker is killed (``--timeout``)."""

_PR_SET_PDEATHSIG = 1
_PARENT_POLL_SECONDS = 0.5

GC_THRESHOLDS = (20_000, 20, 20)
"""Garbage-collector thresholds of a warm worker and its kernel (Python's are 700, 10, 10)."""


@contextmanager
def children_ignore_sigint() -> Iterator[None]:
    """Processes started inside the block cannot be reached by SIGINT until they ignore it.

    A Ctrl-C, which the terminal sends to the whole process group, is the parent's to
    handle, not a KeyboardInterrupt or CancelledError traceback from every child still
    importing. SIGINT is blocked in this thread for the block: a child inherits the mask
    of the thread that forked it (across exec too), so its SIGINT waits until it ignores
    the signal and unblocks it (``ignore_sigint``), or forever (Dask's workers, forked
    from the loop thread the cluster starts inside the block).

    This process's own Ctrl-C is held back, never lost (as it would be if the signal were
    ignored here): one that arrives meanwhile, on another thread or pending on this one,
    is raised as the block ends, through the handler in place before it, so a child is
    never left half started. Outside the main thread nothing is done.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # multiprocessing starts its resource tracker with the first process it starts and
    # unblocks SIGINT on the way out: started first, it cannot undo the block below
    resource_tracker.ensure_running()
    held: list[int] = []
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # one pending here is held too
        # None: a handler not set from Python, which this block cannot put back
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
        if held:
            signal.raise_signal(signal.SIGINT)


def ignore_sigint() -> None:
    """In a child started by ``children_ignore_sigint``: ignore SIGINT, then unblock it.

    Ignoring first discards a Ctrl-C that is already waiting; the processes this one
    starts (its kernel) then inherit the ignored signal and an ordinary mask.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def freeze_heap() -> None:
    """Keep what start-up loaded out of every later collection, and collect less often.

    For a long-lived process that renders pair after pair (a worker, its warm kernel),
    once its imports and data are loaded. The kernel then holds ~150,000 objects
    (modules, pandas, the data cache) that live as long as it does, and every full
    collection walked them again; each pair allocates tens of thousands of
    short-lived matplotlib objects, which at Python's thresholds set off about 70
    collections a pair: together ~15 % of a kernel's time a pair. Frozen, the
    start-up objects are never walked again; with the higher thresholds a pair sets
    off a few young collections. Memory: at most the garbage of ~20,000 objects
    waits for its collection.
    """
    gc.collect()  # what start-up left as garbage is freed, not frozen
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit as soon as ``parent_pid`` is no longer its parent."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the polling thread below still covers it
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(
    conn: Connection,
    parent_pid: int,
    init: Callable[[], Any],
    handle: Callable[[Any, Any], Any],
) -> None:
    """Worker loop: build state once with ``init``, then handle tasks until told to stop."""
    ignore_sigint()  # Ctrl-C is the parent's to handle
    die_with_parent(parent_pid)
    try:
        state = init()
    except Exception as err:  # noqa: BLE001 - reported to the parent, which gives up after retries
        conn.send(("init-failed", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(("done", handle(state, task)))


class _Shares:
    """The tasks, cut into one contiguous share per worker, for load-balanced hand-out.

    Neighbouring tasks share inputs (an atlas's pairs come occupation by occupation) and
    a worker's kernel keeps what it computed for one pair (an occupation's profile, ~75 ms
    to build) for the next. Handed out in turn, each of two workers got every other pair
    and built nearly every profile itself (119 builds for the 62 occupations of the
    benchmark's 123 pairs; 1,446 for the 725 of the full atlas). A share each, and a worker
    whose share is done taking from the far end of the largest one left, keeps the load
    balanced and most occupations in one worker (90 and 901 builds; counts over the
    plans, with pairs of equal cost).
    """

    def __init__(self, tasks: list[Any], parts: int):
        """Cut ``tasks`` (in order) into ``parts`` shares of nearly equal length."""
        n, parts = len(tasks), max(1, parts)
        self._parts = [deque(tasks[i * n // parts : (i + 1) * n // parts]) for i in range(parts)]

    def __len__(self) -> int:
        """Tasks not yet handed out."""
        return sum(len(part) for part in self._parts)

    def take(self, index: int) -> Any:
        """The next task for worker ``index``: its own share's first, else another's last.

        Raises:
            IndexError: No task is left.
        """
        own = self._parts[index]
        if own:
            return own.popleft()
        return max(self._parts, key=len).pop()

    def put_back(self, index: int, task: Any) -> None:
        """Return ``task`` to the front of worker ``index``'s share (its next task)."""
        self._parts[index].appendleft(task)

    def popleft(self) -> Any:
        """Any task (the first share's first); for failing the rest when no worker starts.

        Raises:
            IndexError: No task is left.
        """
        return next(part for part in self._parts if part).popleft()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: Any = None
    started: float = 0.0
    ready: bool = False


class SupervisedPool:
    """Run ``handle(state, task)`` for every task in ``jobs`` supervised processes."""

    def __init__(
        self,
        jobs: int,
        init: Callable[[], Any],
        handle: Callable[[Any, Any], Any],
        on_death: Callable[[Any, str], Any],
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 1,
    ):
        """Configure the pool.

        Args:
            jobs: Number of worker processes.
            init: Builds a worker's state once (picklable, module-level function).
            handle: Processes one task with the state and returns its result.
            on_death: Builds the result of a task whose worker died or timed out,
                from the task and a reason.
            timeout: Seconds a task may take, wall clock from the moment its worker
                receives it; then the worker (and its kernel) is killed.
            retries: How often a task whose worker died is tried again, and how
                often a worker that fails to start is replaced.
        """
        self.jobs = max(1, jobs)
        self.init, self.handle, self.on_death = init, handle, on_death
        self.timeout, self.retries = timeout, retries
        self._ctx = get_context("spawn")  # fork would copy a parent holding threads and zmq
        self._start_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child, os.getpid(), self.init, self.handle), daemon=True
        )
        try:
            # a Ctrl-C while it is still importing is the parent's alone, not a traceback
            with children_ignore_sigint():
                process.start()
        except KeyboardInterrupt:  # held back while it started: it goes with the others
            if process.pid is not None:
                process.kill()
                process.join(timeout=10)
            raise
        finally:
            child.close()
        return _Worker(process, parent)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=10)
        worker.conn.close()

    def run(self, tasks: list[Any], key: Callable[[Any], str]) -> Iterator[Any]:
        """Yield one result per task, in completion order.

        Args:
            tasks: The tasks (picklable).
            key: A task's identity, used to count its retries.
        """
        jobs = min(self.jobs, len(tasks))
        queue = _Shares(tasks, jobs)
        tries: dict[str, int] = {}
        workers: list[_Worker] = []
        finished = False
        try:
            workers.extend(self._spawn() for _ in range(jobs))
            while queue or any(w.task is not None for w in workers):
                for index, w in enumerate(workers):
                    if w.ready and w.task is None and queue:
                        w.task, w.started = queue.take(index), time.monotonic()
                        w.conn.send(w.task)
                yield from self._collect(workers, queue, tries, key)
            finished = True
        finally:
            # Interrupted (Ctrl-C, the consumer stopped): kill at once, mid-pair; the
            # unfinished pairs' files are written atomically, so nothing is half there.
            if finished:
                idle = [w for w in workers if w.ready]  # one still starting is just killed
                for w in idle:
                    try:
                        w.conn.send(None)
                    except OSError:
                        pass
                for w in idle:
                    w.process.join(timeout=30)
            for w in workers:
                self._kill(w)

    def _start_failed(self, queue: _Shares, reason: str) -> Iterator[Any]:
        """Count a worker that could not start; past ``retries``, fail every queued task."""
        self._start_failures += 1
        if self._start_failures > self.retries:
            while queue:  # no worker can start: report the rest instead of respawning forever
                yield self.on_death(queue.popleft(), f"no worker could start: {reason}")

    def _collect(
        self,
        workers: list[_Worker],
        queue: _Shares,
        tries: dict[str, int],
        key: Callable[[Any], str],
    ) -> Iterator[Any]:
        ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout=0.5)
        for index, w in enumerate(workers):
            if w.conn in ready:
                try:
                    kind, value = w.conn.recv()
                except (EOFError, OSError):
                    kind, value = "dead", None
                if kind == "ready":
                    w.ready = True
                    self._start_failures = 0
                    continue
                if kind == "init-failed":
                    self._kill(w)
                    workers[index] = self._spawn()
                    yield from self._start_failed(queue, value)
                    continue
                if kind == "done":
                    w.task = None
                    yield value
                    continue
            if not w.process.is_alive() or (w.conn in ready and kind == "dead"):
                task, w.task = w.task, None
                self._kill(w)
                workers[index] = self._spawn()
                if not w.ready:
                    yield from self._start_failed(queue, "its process died while starting")
                if task is not None:
                    tries[key(task)] = tries.get(key(task), 0) + 1
                    if tries[key(task)] <= self.retries:
                        queue.put_back(index, task)  # the worker that replaces it: next
                    else:
                        yield self.on_death(
                            task, f"its worker process died on every try ({tries[key(task)]})"
                        )
            elif w.task is not None and time.monotonic() - w.started > self.timeout:
                task, w.task = w.task, None
                self._kill(w)
                workers[index] = self._spawn()
                yield self.on_death(
                    task,
                    f"timed out after {self.timeout:.0f} s; its worker and kernel were stopped",
                )
