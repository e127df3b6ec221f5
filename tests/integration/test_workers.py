"""Faults in the supervised pool: a dying worker is retried once, a hung one is stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from analysis.batch.workers import SupervisedPool, _Shares, children_ignore_sigint


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
        Path(marker).write_text(str(os.getpid()))  # which process to look for afterwards
        time.sleep(120)
    return ("ok", kind)


def _died(task, reason):
    return ("failed", task[0], reason)


def test_dead_worker_is_retried_once_and_a_hang_is_stopped(tmp_path):
    tasks = [
        ("die-once", str(tmp_path / "m1")),
        ("fine", ""),
        ("die-always", ""),
        ("hang", str(tmp_path / "hung.pid")),
        ("fine-2", ""),
    ]
    pool = SupervisedPool(2, _init, _handle, _died, timeout=3, retries=1)
    results = list(pool.run(tasks, key=lambda t: t[0]))
    by_kind = {r[1]: r for r in results}
    assert len(results) == 5
    assert by_kind["die-once"] == ("ok", "die-once")  # second try succeeded
    assert by_kind["fine"] == ("ok", "fine") and by_kind["fine-2"] == ("ok", "fine-2")
    assert by_kind["die-always"][0] == "failed"
    assert "died on every try (2)" in by_kind["die-always"][2]
    assert by_kind["hang"][0] == "failed" and "timed out after 3 s" in by_kind["hang"][2]
    # the hung worker was killed and reaped, not left sleeping (nor a zombie)
    hung = int((tmp_path / "hung.pid").read_text())
    assert hung != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(hung, 0)


@pytest.mark.parametrize("jobs", [1, 3])
def test_every_task_gets_exactly_one_result(jobs):
    tasks = [("fine", str(i)) for i in range(7)]
    results = list(SupervisedPool(jobs, _init, _handle, _died).run(tasks, key=lambda t: t[1]))
    assert sorted(results) == [("ok", "fine")] * 7


def _handle_by_pid(_state, task):
    time.sleep(0.2 if task % 2 else 0.05)  # uneven costs: one share ends first
    return (os.getpid(), task)


def test_each_worker_renders_a_contiguous_share_and_the_first_done_helps_the_other():
    tasks = list(range(20))
    results = list(SupervisedPool(2, _init, _handle_by_pid, _died).run(tasks, key=str))
    assert sorted(task for _, task in results) == tasks  # each exactly once
    by_worker: dict[int, list[int]] = {}
    for pid, task in results:
        by_worker.setdefault(pid, []).append(task)
    assert len(by_worker) == 2
    for done in by_worker.values():
        # a worker's own share front to back, then (if it helped) the other's from the end
        own = [t for t in done if (t < 10) == (done[0] < 10)]
        helped = done[len(own) :]
        assert own == list(range(own[0], own[0] + len(own)))
        assert helped == sorted(helped, reverse=True)
        assert all((t < 10) != (done[0] < 10) for t in helped)


def test_shares_hand_out_every_task_once_and_a_retry_next():
    shares = _Shares(list(range(7)), 3)  # shares 0-1, 2-3, 4-6
    assert len(shares) == 7
    assert [shares.take(0), shares.take(0)] == [0, 1]
    assert shares.take(0) == 6  # own share done: the far end of the largest left
    shares.put_back(1, 42)
    assert [shares.take(1), shares.take(1), shares.take(1)] == [42, 2, 3]
    assert [shares.take(1), shares.take(2)] == [5, 4]
    assert not shares
    with pytest.raises(IndexError):
        shares.take(0)


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


# --- Ctrl-C while workers start: theirs is ignored, the parent's is held, never lost ---


def test_a_ctrl_c_while_children_start_is_raised_when_the_block_ends():
    # another thread, as tqdm's monitor is in a batch: a SIGINT may be delivered there
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    reached = []
    try:
        with pytest.raises(KeyboardInterrupt), children_ignore_sigint():
            os.kill(os.getpid(), signal.SIGINT)  # what the terminal sends the process
            time.sleep(0.2)  # were it not held, it would be raised here
            reached.append("end of block")
    finally:
        stop.set()
    assert reached == ["end of block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


_SIGNALS_SCRIPT = """
import signal, sys
from multiprocessing import get_context
from analysis.batch.workers import children_ignore_sigint, ignore_sigint

def report(path):
    before = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    ignore_sigint()
    after = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    open(path, "w").write(f"{before} {after} {ignored}")

if __name__ == "__main__":
    with children_ignore_sigint():  # the first process this one starts
        child = get_context("spawn").Process(target=report, args=(sys.argv[1],))
        child.start()
    child.join()
"""


def test_a_child_started_in_the_block_waits_for_sigint_until_it_ignores_it(tmp_path):
    # A fresh process: multiprocessing starts its resource tracker with the first
    # child, and unblocked SIGINT on the way out (the child then got the Ctrl-C).
    script = tmp_path / "start_one.py"
    script.write_text(textwrap.dedent(_SIGNALS_SCRIPT))
    out = tmp_path / "signals.txt"
    subprocess.run([sys.executable, str(script), str(out)], check=True, timeout=120)
    blocked_at_start, blocked_after, ignored_after = out.read_text().split()
    assert blocked_at_start == "True"  # a Ctrl-C while it imports waits
    assert (blocked_after, ignored_after) == ("False", "True")  # then is discarded
