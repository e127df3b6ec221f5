"""The Dask executor renders the same reports as the local one (LocalCluster on 127.0.0.1)."""

from __future__ import annotations

import json

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
