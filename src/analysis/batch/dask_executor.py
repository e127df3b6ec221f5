"""Run the batch on a Dask cluster (dask.distributed), behind the same executor interface.

Each Dask worker process keeps one :class:`analysis.batch.render.Renderer` with a
warm kernel, exactly like a local worker. Workers write the reports straight
into the output folder, so on a real cluster that folder must be shared
storage mounted at the same path on every worker, and the package with its
``data/`` installed on every worker (see the README).
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from analysis import config
from analysis.batch.render import Renderer, new_renderer, render_task
from analysis.batch.runtime import runtime_dir
from analysis.batch.tasks import ExecutorLost, Outcome, Task
from analysis.batch.warm import shutdown_all, warm_kernel
from analysis.batch.workers import DEFAULT_TIMEOUT, children_ignore_sigint
from analysis.errors import UserInputError

_RENDERERS: dict[float | None, Renderer] = {}
_ONE_AT_A_TIME = threading.Lock()
"""A worker process has one warm kernel: a worker started with more than one thread
(``--nthreads 2``, against the README's advice) renders its pairs one after another
instead of sending two notebooks to the same kernel at once."""

_ADDRESS = re.compile(r"^(tcp|tls|ws|wss|ucx|inproc)://[^\s/]+$")
"""A scheduler address dask.distributed can dial: SCHEME://HOST:PORT."""


def check_scheduler(address: str, timeout: float = 5.0) -> str:
    """Return ``address`` when it is a Dask scheduler address that accepts connections.

    Checked before anything is written, so a typo or a scheduler that is not
    running is one line, not a batch of failed pairs.

    Raises:
        UserInputError: Not of the form tcp://HOST:PORT (or tls://, ws://, ...), or
            nothing answers there.
    """
    if not _ADDRESS.match(address):
        raise UserInputError(
            f"--scheduler '{address[:80]}' is not a Dask scheduler address: expected "
            "tcp://HOST:PORT (or tls://, ws://, wss://, ucx://)."
        )
    url = urlparse(address)
    try:
        host, port = url.hostname, url.port
    except ValueError:
        host, port = None, None
    if host and port:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                pass
        except OSError as err:
            raise UserInputError(
                f"Cannot reach the Dask scheduler at {address} ({err.strerror or err}). "
                "Start it (dask scheduler) or check --scheduler."
            ) from None
        _check_is_dask(address, timeout)
    return address


def _check_is_dask(address: str, timeout: float) -> None:
    """Ask the server at ``address`` who it is, as Dask's client does, within ``timeout``.

    Something that accepts the connection but is not a Dask scheduler (a web
    server, a listener that never answers) would otherwise make the client wait
    for ever, after the batch has taken its folder.

    Raises:
        UserInputError: No Dask scheduler answered in time.
    """
    import asyncio

    try:
        from distributed.comm import connect
    except ImportError:
        return  # the executor itself says dask.distributed is missing

    async def identity() -> object:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    try:
        # distributed's own timeout does not cover a peer that never completes its handshake
        reply = asyncio.run(asyncio.wait_for(identity(), timeout))
    except Exception as err:  # noqa: BLE001 - timeouts, closed comms, garbage: all "not Dask"
        reply = err
    if not (isinstance(reply, dict) and reply.get("type") == "Scheduler"):
        why = f"{type(reply).__name__}" if isinstance(reply, Exception) else "an unknown reply"
        raise UserInputError(
            f"{address} accepts connections but no Dask scheduler answered within {timeout:g} s "
            f"({why}). Check --scheduler (the scheduler's port, usually 8786)."
        )


def render_on_worker(task: Task, timeout: float | None = DEFAULT_TIMEOUT) -> Outcome:
    """Render one task on a Dask worker, reusing that worker process's renderer."""
    with _ONE_AT_A_TIME:
        if timeout not in _RENDERERS:
            # An external worker's Jupyter runtime folder is its own (~/.local/share/
            # jupyter/runtime): the kernel's connection file (with its key) goes to the
            # batch's runtime folder instead, which the batch removes when it ends (and the
            # next one clears).
            kernel = warm_kernel(config.KERNEL_NAME)
            kernel.connection_dir = runtime_dir(task.out_dir) / "jupyter"
            _RENDERERS[timeout] = new_renderer(timeout)
        return render_task(_RENDERERS[timeout], task)


_SHUTDOWN_TIMEOUT = 30
"""Seconds the batch waits for the workers to shut their kernels down (a kernel takes ~1 s)."""


def shutdown_worker_kernels() -> None:
    """Shut down this worker's warm kernels and forget its renderers (run on every worker).

    A worker outlives the batch when the cluster is not the batch's own; its next
    batch then starts a fresh kernel, with that batch's runtime folder.
    """
    # Not under a pair still rendering (cancelling does not stop a running task): wait for
    # it, but not past the batch's own wait, since this blocks the worker's event loop.
    if not _ONE_AT_A_TIME.acquire(timeout=_SHUTDOWN_TIMEOUT - 5):
        return
    try:
        _RENDERERS.clear()
        shutdown_all()
    finally:
        _ONE_AT_A_TIME.release()


@contextmanager
def _quiet_distributed(workers: bool) -> Iterator[None]:
    """Keep dask.distributed's log off the batch's stderr for the block.

    A Ctrl-C cancels the tasks and kills busy workers, and a scheduler that goes
    away makes the client retry; dask.distributed logs each as a WARNING or an
    ERROR with a traceback, which would break the batch's one-line report (the
    batch reports those pairs itself); a worker whose heartbeat is in flight as the
    cluster closes logs an ERROR traceback too. Our logger level covers this process;
    with ``workers``, the environment variable, read by ``distributed`` at import, also
    covers the worker processes a local cluster spawns inside the block.
    """
    import distributed  # noqa: F401 - configures its loggers at import: they exist after

    # distributed's own logging configuration gives some of its loggers a level of their
    # own ("distributed.client": WARNING), so each is set, not only the parent
    names = ["distributed"] + [
        name for name in logging.root.manager.loggerDict if name.startswith("distributed.")
    ]
    levels = {name: logging.getLogger(name).level for name in names}
    saved = os.environ.get(_LOG_ENV)
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if workers:
        os.environ[_LOG_ENV] = "critical"
    try:
        yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        if workers and saved is None:
            os.environ.pop(_LOG_ENV, None)
        elif workers:
            os.environ[_LOG_ENV] = saved


_LOG_ENV = "DASK_LOGGING__DISTRIBUTED"
"""Dask's configuration, as an environment variable: the ``distributed`` log level."""


def _scheduler_lost(client: Any, err: Exception) -> bool:
    """Whether a task's error means the scheduler is gone, not that the task failed."""
    from distributed.comm.core import CommClosedError

    if isinstance(err, CommClosedError | OSError):
        return True
    # a future cancelled because the client lost the scheduler says so in its reason
    return "scheduler-connection-lost" in str(err) or client.status not in (
        "running",
        "newly-created",
    )


class DaskExecutor:
    """Submit each pair as a Dask task; a task whose worker dies is retried once."""

    def __init__(
        self, jobs: int = 2, scheduler: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ):
        """Connect to ``scheduler`` (tcp://HOST:PORT) or start a LocalCluster of ``jobs``."""
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.timeout = timeout
        self.local_directory: Path | None = None
        self.pending = self.jobs

    def _client(self):  # noqa: ANN202 - dask is an optional dependency
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UserInputError(
                "The dask executors need dask.distributed: pip install -e '.[dask]'."
            ) from None
        if self.scheduler:
            try:
                return Client(self.scheduler, timeout="20s"), None
            except (OSError, ValueError, TypeError) as err:  # e.g. an unknown address scheme
                raise UserInputError(
                    f"Cannot reach the Dask scheduler at {self.scheduler}: {err}."
                ) from None
        import dask

        # The scheduler runs in this process, whose temporary folder Python fixed at start:
        # point Dask's scratch space (and its lock files) at the batch's runtime folder.
        if self.local_directory is not None:
            dask.config.set({"temporary-directory": str(self.local_directory)})
        # The worker processes cannot be reached by SIGINT, as the local executor's: a
        # Ctrl-C is this process's to handle, by closing the cluster, not a CancelledError
        # traceback from every worker whose asyncio loop it would cancel.
        cluster = None
        try:
            with children_ignore_sigint():
                cluster = LocalCluster(
                    n_workers=min(self.jobs, self.pending),  # never a worker without a pair
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    # the batch's runtime folder: a killed run's scratch is cleared by the next
                    local_directory=str(self.local_directory) if self.local_directory else None,
                )
        except KeyboardInterrupt:  # a Ctrl-C while the cluster started: it goes with it
            if cluster is not None:
                cluster.close()
            raise
        return Client(cluster), cluster

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Render the tasks on the cluster, yielding outcomes as they complete."""
        if not tasks:
            return
        self.local_directory = runtime_dir(tasks[0].out_dir) / "dask"
        self.pending = len(tasks)
        # our process's client logs each lost connection as an ERROR traceback; an
        # external cluster's own processes keep their logging
        with _quiet_distributed(workers=not self.scheduler):
            yield from self._run_on_cluster(tasks)

    def _run_on_cluster(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Submit the tasks and yield their outcomes; the client (and cluster) closed after."""
        from dask.distributed import as_completed

        client, cluster = self._client()
        futures: dict[Any, Task] = {}
        try:
            for task in tasks:
                future = client.submit(
                    render_on_worker,
                    task,
                    self.timeout,
                    key=f"render-{task.slug}",
                    retries=1,
                    pure=False,
                )
                futures[future] = task
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield future.result()
                except Exception as err:  # noqa: BLE001 - e.g. KilledWorker after the retry
                    if _scheduler_lost(client, err):
                        raise ExecutorLost(
                            f"lost the connection to the Dask scheduler at "
                            f"{self.scheduler or 'the local cluster'}"
                        ) from None
                    yield Outcome(
                        task.pair,
                        task.slug,
                        "failed",
                        error=f"Dask task failed: {type(err).__name__}: {err}",
                    )
        finally:
            if cluster is None:
                _shutdown_external_kernels(client, list(futures))
            client.close()
            if cluster is not None:
                cluster.close()


def _shutdown_external_kernels(client: Any, futures: list[Any]) -> None:
    """Stop the warm kernels this batch started on an external cluster's workers.

    A local cluster's workers exit with it and take their kernels along; an
    external worker keeps running, and would keep its kernel (a process and ~0.5
    GB) until it exits. The batch's tasks are cancelled first, so no queued one
    starts a kernel after the shutdown. A worker that is gone is fine (nothing left
    to stop there); with the scheduler lost nothing reaches the workers, so the
    batch does not wait for it.
    """
    if client.status != "running":
        return
    try:
        client.cancel(futures)
        client.run(shutdown_worker_kernels, on_error="ignore", callback_timeout=_SHUTDOWN_TIMEOUT)
    except Exception:  # noqa: BLE001, S110 - see above: best effort, the batch's result stands
        pass
