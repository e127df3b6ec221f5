"""Issue 19: the atlas keeps the batch's promises (README, "What a batch promises").

Ctrl-C is the real signal to a real ``analysis atlas`` (slow: it renders one pair);
the other cases need no kernel: their pairs fail in a stand-in executor, or the run
is refused before anything is written.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import cli
from analysis.atlas import site
from analysis.batch.tasks import Outcome

ONE_PAIR = ["--similar", "1", "--occupations", "29-1141"]
"""29-1141 Registered Nurses and its nearest, 29-1161: one pair, two pages."""
PAIR = "29-1141--vs--29-1161"


def run(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_line_errors(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr, stderr
    assert lines and all(line.startswith("error: ") for line in lines), stderr
    return lines


def pair_rows(out: Path) -> list[dict]:
    return json.loads((out / "atlas.json").read_text(encoding="utf-8"))["pairs"]


class FailingExecutor:
    """Fails every pair as a notebook cell would, without starting a kernel."""

    def run(self, tasks):
        for task in tasks:
            yield Outcome(task.pair, task.slug, "failed", error="cell 7 failed: ValueError: boom")


class InterruptedExecutor:
    """Ctrl-C arrives before any pair is done (what the batch sees of a real one)."""

    def run(self, tasks):
        raise KeyboardInterrupt
        yield  # a generator, like every executor


@pytest.fixture
def failing(monkeypatch):
    monkeypatch.setattr(site, "make_executor", lambda *a, **k: FailingExecutor())


# --- 1. Ctrl-C: exit 130, the site says which pairs were not reached, a rerun completes ---


def test_case1_ctrl_c_during_atlas_exits_130_and_marks_the_pairs_not_reached(render_tmp_path):
    out = render_tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "atlas", "-o", str(out), *ONE_PAIR, "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    runtime = out / "pairs" / ".batch-runtime"
    deadline = time.monotonic() + 180
    while not runtime.is_dir() and time.monotonic() < deadline:  # the batch has started
        time.sleep(0.05)
    assert runtime.is_dir(), "the batch never started"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    lines = one_line_errors(stderr)
    assert lines[-1] == (
        "error: interrupted; 1 of 1 pairs were not reached and the site marks them; run the "
        "same command again to finish it."
    )
    assert not (out / "pairs" / f"{PAIR}.html").exists()
    [row] = pair_rows(out)
    assert row["status"] == "interrupted" and row["report"] is None
    front = (out / "index.html").read_text(encoding="utf-8")
    assert "not reached" in front and f"pairs/{PAIR}.html" not in front
    page = (out / "occupations" / "29-1141.html").read_text(encoding="utf-8")
    assert "pair report not reached" in page

    again = run("atlas", "-o", out, *ONE_PAIR, "--jobs", "1", "--quiet")
    assert again.returncode == 0, again.stderr
    assert "1 rendered, 0 up to date, 0 failed" in again.stdout
    [row] = pair_rows(out)
    assert row["status"] == "ok" and (out / row["report"]).is_file()
    assert "not reached" not in (out / "index.html").read_text(encoding="utf-8")


def test_case1_interrupted_batch_is_not_reported_as_success(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(site, "make_executor", lambda *a, **k: InterruptedExecutor())
    out = tmp_path / "site"
    status = cli.main(["atlas", "-o", str(out), *ONE_PAIR, "--quiet"])
    assert status == 130
    assert "error: interrupted; 1 of 1 pairs were not reached" in capsys.readouterr().err
    [row] = pair_rows(out)
    assert row["status"] == "interrupted" and row["report"] is None and row["gaps"] is None


# --- 6. a state file of another shape is no state ----------------------------------------


@pytest.mark.parametrize("text", ["[]", "null", '"x"', '{"index.html": 5}', "[" * 100_000])
def test_case6_a_state_file_of_any_shape_is_rebuilt_not_a_crash(tmp_path, failing, text):
    out = tmp_path / "site"
    out.mkdir()
    (out / ".atlas-state.json").write_text(text, encoding="utf-8")
    assert cli.main(["atlas", "-o", str(out), *ONE_PAIR, "--quiet"]) == 1  # the pair failed
    state = json.loads((out / ".atlas-state.json").read_text(encoding="utf-8"))
    assert state["index.html"] and (out / "index.html").is_file()


def test_case3_a_state_file_symlink_is_refused(tmp_path, failing, capsys):
    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim.json"
    victim.write_text("{}", encoding="utf-8")
    (out / ".atlas-state.json").symlink_to(victim)
    assert cli.main(["atlas", "-o", str(out), *ONE_PAIR, "--quiet"]) == 2
    [line] = one_line_errors(capsys.readouterr().err)
    assert "is a symbolic link" in line
    assert victim.read_text(encoding="utf-8") == "{}"


# --- leftovers of a run killed mid page write --------------------------------------------


def test_temporary_files_left_in_any_folder_of_the_site_are_cleared(tmp_path, failing):
    out = tmp_path / "site"
    for folder in ("occupations", "assets", "."):
        (out / folder).mkdir(parents=True, exist_ok=True)
        (out / folder / ".29-1141.html.abc123.tmp").write_text("half a page", encoding="utf-8")
    assert cli.main(["atlas", "-o", str(out), *ONE_PAIR, "--quiet"]) == 1
    assert list(out.rglob("*.tmp")) == []


# --- one lookup rule; bounds ---------------------------------------------------------------


def test_occupations_are_looked_up_as_every_command_does(tmp_path):
    refused = run("profile", "43-4051.01")
    assert refused.returncode == 2
    out = tmp_path / "site"
    proc = run("atlas", "-o", out, "--occupations", "43-4051.01", "--quiet")
    assert proc.returncode == 2
    assert one_line_errors(proc.stderr) == one_line_errors(refused.stderr)
    assert not out.exists()


def test_similar_has_an_upper_bound(tmp_path):
    out = tmp_path / "site"
    proc = run("atlas", "-o", out, "--similar", "100000", "--quiet")
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert line.startswith("error: --similar must be between 1 and 50, got 100,000")
    assert not out.exists()


# --- disk full: the file is named and the failed pairs still reported ----------------------


def test_disk_full_names_the_file_and_still_reports_the_failed_pairs(tmp_path, failing, capsys):
    import resource

    out = tmp_path / "site"
    assert cli.main(["atlas", "-o", str(out), *ONE_PAIR, "--quiet"]) == 1
    capsys.readouterr()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    # every write of a byte fails (Python ignores SIGXFSZ), as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    try:
        status = cli.main(["atlas", "-o", str(out), *ONE_PAIR, "--force", "--quiet"])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert status == 1
    lines = one_line_errors(capsys.readouterr().err)
    assert lines[0] == "error: pair 29-1141 vs 29-1161 failed: cell 7 failed: ValueError: boom"
    assert lines[1] == "error: 1 pair(s) failed; the site marks them."
    # the first file the pages could not write, named
    assert lines[2].startswith(f"error: could not write the site's pages ({out}/")
    assert lines[2].endswith(": File too large)")
    assert list(out.rglob("*.tmp")) == []


@pytest.mark.parametrize("small_disk", ["520k"], indirect=True)
def test_disk_full_mid_batch_names_the_file_and_counts_the_failed_pair(small_disk):
    """A real disk that fills: one pair's report (~0.29 MB) and the site's pages (~0.13 MB)
    fit in 520 KB, two reports (~0.58 MB) do not; the pages say which pair failed and why.

    The size is tied to the reports': the test passed from 440 to 600 KB when it was set
    (reports of December 2026); re-centre it when a report's size changes much."""
    out = small_disk
    proc = run("atlas", "-o", out, "--occupations", "43-4151", "43-4051", "--similar", "1",
               "--quiet")  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "2 pairs: 1 rendered, 0 up to date, 1 failed" in proc.stdout
    first, summary = one_line_errors(proc.stderr)
    assert re.fullmatch(
        r"error: pair \S+ vs \S+ failed: could not write "
        + re.escape(str(out / "pairs"))
        + r"/\S+\.(html|json) \(No space left on device\); none of the report's files was kept",
        first,
    ), first
    assert summary == "error: 1 pair(s) failed; the site marks them."
    [failed] = [row for row in pair_rows(out) if row["status"] == "failed"]
    assert failed["report"] is None and first.endswith(failed["error"])
    for row in pair_rows(out):  # a report is its page and its JSON, or nothing
        slug = f"{row['a']}--vs--{row['b']}"
        present = [(out / "pairs" / f"{slug}.{ext}").exists() for ext in ("html", "json")]
        assert present == [row["status"] == "ok"] * 2, (slug, present)
