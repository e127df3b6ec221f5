"""Issue 19: bad input to ``batch``, ``report`` and the CLI, without a kernel.

Each case is one line on stderr, exit 2, and nothing written: no output folder, no
kernel started (its connection file would appear in ``JUPYTER_RUNTIME_DIR``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.batch.pairs import read_pairs, resolve_pairs


def cli(*args: object, env: dict[str, str] | None = None, timeout: float = 120):
    """Run ``python -m analysis ARGS`` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def one_line_errors(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr, stderr
    assert lines and all(line.startswith("error: ") for line in lines), stderr
    return lines


EVIL = "\x1b]0;pwned\x07\x1b[2J"
"""Sets the terminal's title and clears its screen when printed raw."""


def test_case4_control_characters_in_queries_and_labels_are_escaped(tmp_path):
    proc = cli("profile", f"zz{EVIL}zz")
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in line  # shown, escaped

    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"zz{EVIL},43-4051,label{EVIL}\n", encoding="utf-8")
    proc = cli("batch", pairs, "-o", tmp_path / "out", "--quiet")
    assert proc.returncode == 2
    one_line_errors(proc.stderr)
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_case9_a_pairs_file_that_is_not_a_small_regular_file_is_refused(tmp_path):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)  # no writer: reading it would block for ever
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: 17 MB without writing them
    for path, expected in (
        (Path("/dev/zero"), "is not a regular file"),
        (fifo, "is not a regular file"),
        (tmp_path, "is not a regular file"),
        (huge, "is larger than 16 MB"),
    ):
        out = tmp_path / "out"
        proc = cli("batch", path, "-o", out, "--quiet", timeout=60)
        assert proc.returncode == 2, (path, proc.stderr)
        [line] = one_line_errors(proc.stderr)
        assert expected in line and str(path) in line
        assert not out.exists()


def test_the_same_occupation_twice_is_bad_input_before_a_kernel_starts(tmp_path):
    runtime = tmp_path / "jupyter-runtime"
    env = {"JUPYTER_RUNTIME_DIR": str(runtime)}
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("43-4151,43-4151\norder clerk,43 4151\n", encoding="utf-8")
    proc = cli("batch", pairs, "-o", tmp_path / "out", "--quiet", env=env)
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert (
        "holds no valid pair (2 bad row(s); row 1: names the same occupation twice (43-4151)"
        in (line)
    )
    assert not (tmp_path / "out").exists()

    proc = cli("report", "43-4151", "order clerk", "-o", tmp_path / "r", env=env)
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert line == (
        "error: '43-4151' and 'order clerk' both name 43-4151. "
        "A report compares two different occupations."
    )
    assert not (tmp_path / "r").exists() and not runtime.exists()


def test_file_names_come_from_the_resolved_occupations(tmp_path):
    pairs = tmp_path / "pairs.csv"
    # full-width letters: each query names a different occupation, both slugify to "x"
    pairs.write_text(
        "ｃａｓｈｉｅｒｓ,office clerks general\n"
        "ｒｅｔａｉｌ ｓａｌｅｓｐｅｒｓｏｎｓ,office clerks general\n"
        "order clerk,customer service representative\n",
        encoding="utf-8",
    )
    kept, bad = resolve_pairs(read_pairs(pairs)[0])
    assert bad == []
    assert [p.slug for p in kept] == [
        "41-2011--vs--43-9061",
        "41-2031--vs--43-9061",
        "43-4151--vs--43-4051",  # as `batch` names 43-4151,43-4051 and the atlas its pair
    ]


def test_jobs_has_an_upper_bound(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("43-4151,43-4051\n", encoding="utf-8")
    for command in (("batch", pairs), ("atlas", "--occupations", "43-4051")):
        out = tmp_path / "out"
        proc = cli(*command, "-o", out, "--jobs", "100000", "--quiet")
        assert proc.returncode == 2, proc.stderr
        [line] = one_line_errors(proc.stderr)
        assert "--jobs must be between 1 and" in line and "got 100,000" in line
        assert not out.exists()


def test_case8_a_scheduler_that_is_not_dask_is_refused_before_anything_is_written(tmp_path):
    pytest.importorskip("dask.distributed")
    import http.server
    import socket
    import threading

    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("43-4151,43-4051\n", encoding="utf-8")
    try:
        for port in (web.server_port, silent.getsockname()[1]):
            address = f"tcp://127.0.0.1:{port}"
            for command in (("batch", pairs), ("atlas", "--occupations", "43-4051")):
                out = tmp_path / "out"
                proc = cli(*command, "-o", out, "--executor", "dask", "--scheduler", address,
                           "--quiet", timeout=90)  # fmt: skip
                assert proc.returncode == 2, proc.stderr
                [line] = one_line_errors(proc.stderr)
                assert f"{address} accepts connections but no Dask scheduler answered" in line
                assert not out.exists()
    finally:
        web.shutdown()
        silent.close()


class KernelDiesOnce:
    """Stands in for a Renderer whose kernel is killed under the first pair (nbclient raises
    DeadKernelError); the warm engine starts a new kernel for the next notebook."""

    engine = "nbclient"  # no warm kernel to measure

    def __init__(self, deaths: int):
        self.deaths = deaths
        self.calls = 0

    def render(self, parameters, out_dir, **kwargs):
        from nbclient.exceptions import DeadKernelError

        from analysis.batch.render import ReportResult

        self.calls += 1
        if self.calls <= self.deaths:
            raise DeadKernelError("Kernel died")
        return ReportResult(
            kwargs["slug"], parameters, out_dir / "x.html", None, out_dir / "x.json"
        )


@pytest.mark.parametrize(("deaths", "status"), [(1, "rendered"), (2, "failed")])
def test_a_pair_whose_kernel_died_is_retried_once(tmp_path, deaths, status):
    from analysis.batch.pairs import Pair
    from analysis.batch.render import render_task
    from analysis.batch.tasks import Task

    pair = Pair("43-4151", "43-4051", "x", "public", 1, "43-4151", "43-4051")
    renderer = KernelDiesOnce(deaths)
    outcome = render_task(renderer, Task(pair, tmp_path, pair.slug))  # type: ignore[arg-type]
    assert (outcome.status, renderer.calls) == (status, 2)
    if status == "failed":
        assert outcome.error == "the kernel died twice while rendering this pair"
