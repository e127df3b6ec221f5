"""The Dask executor renders the same reports as the local one (LocalCluster on 127.0.0.1)."""

from __future__ import annotations

import json
import os

import pytest

from analysis.batch.runner import LocalExecutor, run_batch

PAIRS = "a,b\n43-4151,43-4051\norder processing specialist,customer relations specialist,,seed\n"


def test_dask_local_cluster_matches_local_executor(render_tmp_path):
    pytest.importorskip("dask.distributed")
    from analysis.batch.dask_executor import DaskExecutor

    pairs = render_tmp_path / "pairs.csv"
    pairs.write_text(PAIRS)
    local = run_batch(pairs, render_tmp_path / "local", executor=LocalExecutor(1), progress=False)
    dask = run_batch(pairs, render_tmp_path / "dask", executor=DaskExecutor(2), progress=False)
    assert local.ok and dask.ok
    assert [o.status for o in dask.outcomes] == ["rendered", "rendered"]
    for outcome in dask.outcomes:
        a = (render_tmp_path / "local" / f"{outcome.slug}.html").read_text()
        b = (render_tmp_path / "dask" / f"{outcome.slug}.html").read_text()
        assert a == b  # same notebook, same data, deterministic figures: identical pages
        ja = json.loads((render_tmp_path / "local" / f"{outcome.slug}.json").read_text())
        jb = json.loads((render_tmp_path / "dask" / f"{outcome.slug}.json").read_text())
        # the .ipynb records papermill's run times, so its checksum (and the JSON's own) differ
        for payload in (ja, jb):
            payload["report"].pop("payload_sha256")
            assert payload["report"]["files"].pop("ipynb")
        assert ja == jb
    # the same incremental skipping applies on Dask
    again = run_batch(pairs, render_tmp_path / "dask", executor=DaskExecutor(2), progress=False)
    assert [o.status for o in again.outcomes] == ["skipped", "skipped"]
    assert (render_tmp_path / "dask" / "index.html").is_file()


def test_external_workers_shut_their_kernels_down_after_the_batch(render_tmp_path, monkeypatch):
    """Issue 19: a cluster the batch did not start keeps running after it; its workers must
    not keep the warm kernels (processes, connection files with their keys) of the batch."""
    pytest.importorskip("dask.distributed")
    psutil = pytest.importorskip("psutil")
    from dask.distributed import Client, LocalCluster

    from analysis.batch.dask_executor import DaskExecutor
    from analysis.batch.runtime import RUNTIME_NAME

    # the workers' own Jupyter runtime folder, where their kernels' connection files went
    workers_runtime = render_tmp_path / "worker-jupyter-runtime"
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(workers_runtime))
    pairs = render_tmp_path / "pairs.csv"
    pairs.write_text("a,b\n43-4151,43-4051\n")
    out = render_tmp_path / "reports"
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        [worker_pid] = client.run(os.getpid).values()
        result = run_batch(
            pairs, out, executor=DaskExecutor(1, cluster.scheduler_address), progress=False
        )
        assert result.ok and [o.status for o in result.outcomes] == ["rendered"]
        # the batch is over, the worker still runs: none of its kernels does
        kernels = [
            p for p in psutil.Process(worker_pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())
        ]  # fmt: skip
        assert kernels == []
        assert list(workers_runtime.rglob("kernel-*.json")) == []
        assert not (out / RUNTIME_NAME).exists()


def test_a_worker_with_two_threads_renders_its_pairs_one_at_a_time(render_tmp_path):
    """A worker process has one warm kernel: two threads must not send it two notebooks at
    once (the README asks for --nthreads 1; a worker started without it still works)."""
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    from analysis.batch.dask_executor import DaskExecutor

    pairs = render_tmp_path / "pairs.csv"
    pairs.write_text("a,b\n43-4151,43-4051\n29-1141,29-2061\n")
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        result = run_batch(
            pairs,
            render_tmp_path / "out",
            executor=DaskExecutor(1, cluster.scheduler_address),
            progress=False,
        )
    assert [o.status for o in result.outcomes] == ["rendered", "rendered"], [
        o.error for o in result.outcomes
    ]
    for outcome in result.outcomes:  # each page is its own pair's, not a mix of the two
        page = (render_tmp_path / "out" / f"{outcome.slug}.html").read_text()
        assert outcome.summary.a in page and outcome.summary.b in page
    nurses = next(o for o in result.outcomes if o.pair.a == "29-1141")
    assert nurses.summary.annual_mean_wage_a == 101_420.0  # registered nurses, OEWS May 2025
