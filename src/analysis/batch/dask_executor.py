"""Run the batch on a Dask cluster (dask.distributed), behind the same executor interface.

Each Dask worker process keeps one :class:`analysis.batch.render.Renderer` with a
warm kernel, exactly like a local worker. Workers write the reports straight
into the output folder, so on a real cluster that folder must be shared
storage mounted at the same path on every worker, and the package with its
``data/`` installed on every worker (see the README).
"""

from __future__ import annotations

from collections.abc import Iterator

from analysis.batch.render import Renderer, new_renderer, render_task
from analysis.batch.tasks import Outcome, Task
from analysis.batch.workers import DEFAULT_TIMEOUT
from analysis.errors import UserInputError

_RENDERERS: dict[float | None, Renderer] = {}


def render_on_worker(task: Task, timeout: float | None = DEFAULT_TIMEOUT) -> Outcome:
    """Render one task on a Dask worker, reusing that worker process's renderer."""
    if timeout not in _RENDERERS:
        _RENDERERS[timeout] = new_renderer(timeout)
    return render_task(_RENDERERS[timeout], task)


class DaskExecutor:
    """Submit each pair as a Dask task; a task whose worker dies is retried once."""

    def __init__(
        self, jobs: int = 2, scheduler: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ):
        """Connect to ``scheduler`` (tcp://HOST:PORT) or start a LocalCluster of ``jobs``."""
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.timeout = timeout

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
            except OSError as err:
                raise UserInputError(
                    f"Cannot reach the Dask scheduler at {self.scheduler}: {err}."
                ) from None
        cluster = LocalCluster(
            n_workers=self.jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        return Client(cluster), cluster

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Render the tasks on the cluster, yielding outcomes as they complete."""
        if not tasks:
            return
        from dask.distributed import as_completed

        client, cluster = self._client()
        try:
            futures = {
                client.submit(
                    render_on_worker,
                    task,
                    self.timeout,
                    key=f"render-{task.slug}",
                    retries=1,
                    pure=False,
                ): task
                for task in tasks
            }
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield future.result()
                except Exception as err:  # noqa: BLE001 - e.g. KilledWorker after the retry
                    yield Outcome(
                        task.pair,
                        task.slug,
                        "failed",
                        error=f"Dask task failed: {type(err).__name__}: {err}",
                    )
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
