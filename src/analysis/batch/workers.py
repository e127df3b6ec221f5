"""A supervised pool of worker processes, each keeping a warm kernel, for the batch runner.

Unlike a plain process pool, the parent knows which pair each worker is
rendering, so it can retry exactly the pair whose worker died (once), stop a
pair that runs past its timeout (killing the worker; its kernel exits with
it through ipykernel's parent poller) and keep the others going.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any

DEFAULT_TIMEOUT = 300
"""Seconds one pair may take before its worker is killed (``--timeout``)."""

_GRACE = 15
"""Extra seconds the parent waits beyond a cell timeout before killing a worker."""


def _worker_main(
    conn: Connection, init: Callable[[], Any], handle: Callable[[Any, Any], Any]
) -> None:
    """Worker loop: build state once with ``init``, then handle tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    state = init()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(("done", handle(state, task)))


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
            timeout: Seconds a task may run before its worker is killed.
            retries: How often a task whose worker died is tried again.
        """
        self.jobs = max(1, jobs)
        self.init, self.handle, self.on_death = init, handle, on_death
        self.timeout, self.retries = timeout, retries
        self._ctx = get_context("spawn")  # fork would copy a parent holding threads and zmq
        self.peak_rss_kb: dict[int, int] = {}

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child, self.init, self.handle), daemon=True
        )
        process.start()
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
        queue = deque(tasks)
        tries: dict[str, int] = {}
        workers = [self._spawn() for _ in range(min(self.jobs, len(tasks)))]
        try:
            while queue or any(w.task is not None for w in workers):
                for w in workers:
                    if w.ready and w.task is None and queue:
                        w.task, w.started = queue.popleft(), time.monotonic()
                        w.conn.send(w.task)
                yield from self._collect(workers, queue, tries, key)
        finally:
            for w in workers:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            for w in workers:
                w.process.join(timeout=30)
                self._kill(w)

    def _collect(
        self,
        workers: list[_Worker],
        queue: deque[Any],
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
                    continue
                if kind == "done":
                    w.task = None
                    yield value
                    continue
            if not w.process.is_alive() or (w.conn in ready and kind == "dead"):
                task, w.task = w.task, None
                self._kill(w)
                workers[index] = self._spawn()
                if task is not None:
                    tries[key(task)] = tries.get(key(task), 0) + 1
                    if tries[key(task)] <= self.retries:
                        queue.appendleft(task)
                    else:
                        yield self.on_death(
                            task, f"its worker process died on every try ({tries[key(task)]})"
                        )
            elif w.task is not None and time.monotonic() - w.started > self.timeout + _GRACE:
                task, w.task = w.task, None
                self._kill(w)
                workers[index] = self._spawn()
                yield self.on_death(
                    task,
                    f"timed out after {self.timeout:.0f} s; its worker and kernel were stopped",
                )
