"""Faults in the supervised pool: a dying worker is retried once, a hung one is stopped."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from analysis.batch.workers import SupervisedPool


def _init():
    return None


def _handle(_state, task):
    kind, marker = task
    if kind == "die-once" and not Path(marker).exists():
        Path(marker).write_text("died")
        os._exit(1)  # the worker process dies mid-task, once
    if kind == "die-always":
        os._exit(1)
    if kind == "hang":
        time.sleep(120)
    return ("ok", kind)


def _died(task, reason):
    return ("failed", task[0], reason)


def test_dead_worker_is_retried_once_and_a_hang_is_stopped(tmp_path):
    tasks = [
        ("die-once", str(tmp_path / "m1")),
        ("fine", ""),
        ("die-always", ""),
        ("hang", ""),
        ("fine-2", ""),
    ]
    pool = SupervisedPool(2, _init, _handle, _died, timeout=3, retries=1)
    start = time.monotonic()
    results = list(pool.run(tasks, key=lambda t: t[0]))
    elapsed = time.monotonic() - start
    by_kind = {r[1]: r for r in results}
    assert len(results) == 5
    assert by_kind["die-once"] == ("ok", "die-once")  # second try succeeded
    assert by_kind["fine"] == ("ok", "fine") and by_kind["fine-2"] == ("ok", "fine-2")
    assert by_kind["die-always"][0] == "failed"
    assert "died on every try (2)" in by_kind["die-always"][2]
    assert by_kind["hang"][0] == "failed" and "timed out after 3 s" in by_kind["hang"][2]
    assert elapsed < 60  # the hung task did not hold the batch for its 120 s sleep


@pytest.mark.parametrize("jobs", [1, 3])
def test_every_task_gets_exactly_one_result(jobs):
    tasks = [("fine", str(i)) for i in range(7)]
    results = list(SupervisedPool(jobs, _init, _handle, _died).run(tasks, key=lambda t: t[1]))
    assert sorted(results) == [("ok", "fine")] * 7


def _init_fails():
    raise RuntimeError("no kernel for you")


def test_a_worker_that_cannot_start_fails_the_tasks_instead_of_respawning_forever():
    tasks = [("fine", str(i)) for i in range(3)]
    pool = SupervisedPool(2, _init_fails, _handle, _died, retries=1)
    results = list(pool.run(tasks, key=lambda t: t[1]))
    assert len(results) == 3
    for result in results:
        assert result[0] == "failed"
        assert result[2] == "no worker could start: RuntimeError: no kernel for you"
