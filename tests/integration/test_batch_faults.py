"""Fault injection for ``analysis batch`` with real processes (issue 12): no mocks.

Each test runs ``python -m analysis batch`` as a subprocess, kills or interrupts it
(SIGKILL, SIGINT to its process group as Ctrl-C does) or breaks its inputs, runs it
again, and checks what a batch promises (README, "What a batch promises"):

- every pair rendered exactly once: the rerun renders only what the killed run did not
  finish, and reuses the rest untouched;
- the index lists every report present, and links only verified ones;
- no process started by the batch outlives it (workers, kernels, Dask);
- no lock, temporary file, kernel connection file or scratch folder is left;
- every failure is one line on stderr with exit 1 or 2 (130 after Ctrl-C), no traceback.

The reports of the session batch (``rendered_batch`` in conftest) are copied and
reused so that only the pairs a test breaks are rendered again.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.batch.lock import LOCK_NAME
from analysis.batch.runner import RUN_LOG, up_to_date
from analysis.batch.runtime import RUNTIME_NAME
from analysis.batch.tasks import Task

KEYS = ("public", "seed", "codes")  # the session batch's first three pairs, in row order


# --- helpers ------------------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


def cli(*args: object, env: dict[str, str] | None = None, timeout: float = 300, **kw):
    """Run ``python -m analysis ARGS`` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or _env(),
        **kw,
    )


def start(*args: object, tmp: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``python -m analysis ARGS`` in its own process group (as a shell job is)."""
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *map(str, args)],
        stdout=(tmp / "stdout.txt").open("w"),
        stderr=(tmp / "stderr.txt").open("w"),
        text=True,
        start_new_session=True,
        env=env,
    )


def wait_for(condition: Callable[[], object], what: str, timeout: float = 180) -> object:
    """Poll ``condition`` until it is truthy (a deadline only, never a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


def _read(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:  # gone meanwhile, or a zombie
        return ""


def processes_of(out: Path) -> dict[int, str]:
    """Live processes whose command line or environment names the output folder."""
    mark = str(out.resolve())
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        cmdline = _read(f"/proc/{entry.name}/cmdline")
        if mark in cmdline or mark in _read(f"/proc/{entry.name}/environ"):
            if " Z" not in _read(f"/proc/{entry.name}/stat").split(")")[-1][:3]:
                found[int(entry.name)] = cmdline.strip()
    return found


def children(pid: int) -> list[int]:
    """Direct children of ``pid``."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _read(f"/proc/{entry.name}/stat")
            if stat and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def kernels_of(out: Path) -> dict[int, str]:
    """The batch's kernel processes (their connection file lies in the output folder)."""
    return {p: c for p, c in processes_of(out).items() if "ipykernel" in c}


def json_files(out: Path) -> set[str]:
    return {p.stem for p in out.glob("*.json") if p.name != RUN_LOG}


def statuses(out: Path) -> dict[str, str]:
    """slug -> status, from the last run's batch-run.json."""
    log = json.loads((out / RUN_LOG).read_text(encoding="utf-8"))
    return {o["slug"]: o["status"] for o in log["outcomes"]}


def index_hrefs(out: Path) -> list[str]:
    """The index's links to reports, sorted (it also links occupations and anchors)."""
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    return sorted(a["href"] for a in page.find_all("a", class_="pair-link", href=True))


def assert_settled(out: Path, slugs: list[str]) -> None:
    """The invariants after a completed run: see the module docstring."""
    wait_for(lambda: not processes_of(out), f"the processes of {out} to exit", timeout=30)
    assert not (out / LOCK_NAME).exists()
    assert not (out / RUNTIME_NAME).exists()
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".write-check-*"))
    assert not list(out.rglob("kernel-*.json"))
    assert index_hrefs(out) == sorted(f"{s}.html" for s in slugs)
    for slug in slugs:
        for ext in ("html", "ipynb", "json"):
            assert (out / f"{slug}.{ext}").stat().st_size > 0, (slug, ext)
    assert set(statuses(out)) == set(slugs)


def one_line_errors(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr, stderr
    assert all(line.startswith("error: ") for line in lines), stderr
    return lines


@pytest.fixture
def batch(rendered_batch, tmp_path):
    """A copy of the session batch's first three pairs: (output folder, pairs file, slugs).

    The session batch has more pairs (for the browser tests); these cases are written
    for three, so the copy keeps rows 1-4 of its pairs file and an index of those.
    """
    from analysis.batch.runner import run_batch

    out = tmp_path / "reports"
    shutil.copytree(rendered_batch.out_dir, out)
    slugs = [rendered_batch.slugs[k] for k in KEYS]
    for key, slug in rendered_batch.slugs.items():
        if key not in KEYS:
            forget(out, slug)
    pairs = tmp_path / "pairs.csv"
    rows = rendered_batch.pairs_file.read_text(encoding="utf-8").splitlines(keepends=True)
    pairs.write_text("".join(rows[: len(KEYS) + 1]), encoding="utf-8")
    run_batch(pairs, out, progress=False)  # all up to date: rewrites the index, renders nothing
    return out, pairs, slugs


def forget(out: Path, *slugs: str) -> None:
    """Delete pairs' reports, so the next run has to render them."""
    for slug in slugs:
        for ext in ("html", "ipynb", "json"):
            (out / f"{slug}.{ext}").unlink()


def tasks_of(out: Path, pairs_file: Path, slugs: list[str]) -> dict[str, Task]:
    from analysis.batch.pairs import read_pairs

    pairs, _ = read_pairs(pairs_file)
    return {s: Task(p, out, s) for s, p in zip(slugs, pairs, strict=True)}


# --- 1. a killed parent takes its workers and kernels with it -----------------------------


def test_case1_killed_parent_leaves_no_worker_writing(batch, tmp_path):
    out, pairs, slugs = batch
    forget(out, slugs[0], slugs[2])
    before = json_files(out)
    proc = start("batch", pairs, "-o", out, "-j", "2", "--quiet", tmp=tmp_path)
    # the workers' kernels keep their connection files in the output folder, not in /tmp
    kernels = wait_for(lambda: kernels_of(out), "the kernels")
    assert all(f"{out.resolve()}/{RUNTIME_NAME}/" in cmd for cmd in kernels.values())
    wait_for(lambda: json_files(out) - before, "the first new report")
    proc.kill()
    proc.wait()
    # workers die with the parent (PR_SET_PDEATHSIG), kernels with their worker
    wait_for(lambda: not processes_of(out), "the orphans to exit", timeout=20)
    done = json_files(out)
    snapshot = {p: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}

    again = cli("batch", pairs, "-o", out, "-j", "2", "--quiet")
    assert again.returncode == 0, again.stderr
    rendered = {s for s, st in statuses(out).items() if st == "rendered"}
    assert rendered == set(slugs) - done  # each pair rendered exactly once over both runs
    assert {s for s, st in statuses(out).items() if st == "skipped"} == done
    for path, mtime in snapshot.items():  # what the killed run finished was reused as is
        if path.stem in done and path.suffix in (".html", ".ipynb", ".json"):
            assert path.stat().st_mtime_ns == mtime, path
    assert_settled(out, slugs)


# --- 2. a lock nobody holds never locks anyone out ----------------------------------------


@pytest.mark.parametrize("content", [b"", b"garbage", b"1", b"9" * 4000])
def test_case2_unheld_lock_of_any_content_is_taken_over(batch, content):
    out, pairs, slugs = batch
    (out / LOCK_NAME).write_bytes(content)
    proc = cli("batch", pairs, "-o", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert f"0 rendered, {len(KEYS)} up to date, 0 failed" in proc.stdout
    assert_settled(out, slugs)


def test_case2_parent_killed_during_startup_and_disk_full_lock(batch, tmp_path):
    out, pairs, slugs = batch
    forget(out, slugs[1])  # one pair to render: the batch starts a worker
    proc = start("batch", pairs, "-o", out, "--quiet", tmp=tmp_path)
    wait_for(lambda: (out / LOCK_NAME).exists(), "the lock", timeout=120)
    proc.kill()  # during start-up: lock file written, worker starting
    proc.wait()
    assert (out / LOCK_NAME).exists()  # the file stays, but nobody holds the lock
    again = cli("batch", pairs, "-o", out, "--quiet")
    assert again.returncode == 0, again.stderr
    assert statuses(out) == {slugs[0]: "skipped", slugs[1]: "rendered", slugs[2]: "skipped"}
    assert_settled(out, slugs)

    # no space for the pid (every write fails, as on a full disk): the lock still works
    # and the failure to write the index is one line after the pairs' own errors
    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    full = cli("batch", pairs, "-o", out, "--quiet", preexec_fn=full_disk)
    assert full.returncode == 1, full.stderr
    [line] = one_line_errors(full.stderr)
    assert line.startswith("error: could not write the index or run log")
    assert "File too large" in line
    assert_settled(out, slugs)  # the index of the previous run is intact


# --- 3. a report JSON of any shape means "render again", never a crash --------------------


def test_case3_wrong_shaped_json_is_rendered_again(batch):
    out, pairs, slugs = batch
    tasks = tasks_of(out, pairs, slugs)
    json_path = out / f"{slugs[2]}.json"
    good = json_path.read_text(encoding="utf-8")
    payload = json.loads(good)
    # an older renderer's complete-looking JSON: its own checksum is right, the gaps are gone
    from analysis.batch.fingerprint import payload_sha256

    del payload["gaps"]
    payload["report"]["payload_sha256"] = payload_sha256(payload)
    shapes = ["null", "[]", '{"report": null}', '{"report": []}', '"text"', json.dumps(payload)]
    for shape in shapes:
        json_path.write_text(shape, encoding="utf-8")
        assert up_to_date(tasks[slugs[2]]) is None, shape
    json_path.write_text(good, encoding="utf-8")
    assert up_to_date(tasks[slugs[2]]) is not None

    (out / f"{slugs[2]}.json").write_text('{"report": null}', encoding="utf-8")
    proc = cli("batch", pairs, "-o", out, "-j", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert statuses(out) == {slugs[0]: "skipped", slugs[1]: "skipped", slugs[2]: "rendered"}
    assert_settled(out, slugs)


# --- 4. the up-to-date check covers the outputs and the code ------------------------------


def test_case4_tampered_or_missing_outputs_are_rendered_again(batch, project_root, tmp_path):
    out, pairs, slugs = batch
    tasks = tasks_of(out, pairs, slugs)
    assert all(up_to_date(t) is not None for t in tasks.values())

    # a changed package file (e.g. plots.py) invalidates every report
    copy = tmp_path / "checkout"
    src = copy / "src"
    shutil.copytree(project_root / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "notebooks").symlink_to(project_root / "notebooks")
    (copy / "data").symlink_to(project_root / "data")
    # config recognises a source checkout by its pyproject.toml beside src/
    (copy / "pyproject.toml").symlink_to(project_root / "pyproject.toml")
    with (src / "analysis" / "presentation" / "plots.py").open("a") as handle:
        handle.write("\n# a change to the figures\n")
    probe = (
        "import sys; from pathlib import Path; from analysis.batch.runner import up_to_date;"
        "from analysis.batch.tasks import Task; from analysis.batch.pairs import read_pairs;"
        "pairs, _ = read_pairs(Path(sys.argv[1]));"
        "print([up_to_date(Task(p, Path(sys.argv[2]), s)) is not None"
        " for p, s in zip(pairs, sys.argv[3:])])"
    )
    n = len(KEYS)
    for path, expected in ((project_root / "src", f"[True] * {n}"), (src, f"[False] * {n}")):
        run = subprocess.run(
            [sys.executable, "-c", probe, str(pairs), str(out), *slugs],
            capture_output=True, text=True, timeout=120, env=_env(PYTHONPATH=str(path)),
        )  # fmt: skip
        assert run.stdout.strip() == str(eval(expected)), run.stderr

    html = out / f"{slugs[0]}.html"
    html.write_bytes(html.read_bytes()[:1000])  # truncated page
    ipynb = out / f"{slugs[1]}.ipynb"
    kept = ipynb.read_bytes()
    ipynb.unlink()  # missing notebook
    assert up_to_date(tasks[slugs[1]]) is None
    ipynb.write_bytes(kept)
    json_path = out / f"{slugs[2]}.json"
    payload = json.loads(json_path.read_text(encoding="utf-8"))
    payload["gaps"]["annual_mean_wage"]["difference"] = 123456789  # hand-edited figure
    json_path.write_text(json.dumps(payload), encoding="utf-8")
    assert [up_to_date(tasks[s]) is None for s in slugs] == [True, False, True]

    proc = cli("batch", pairs, "-o", out, "-j", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert statuses(out) == {slugs[0]: "rendered", slugs[1]: "skipped", slugs[2]: "rendered"}
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "123,456,789" not in page
    assert_settled(out, slugs)


# --- 5. an empty pairs file is bad input and touches nothing ------------------------------


@pytest.mark.parametrize("text", ["", "a,b,label,dataset\n", "# only a comment\n\n"])
def test_case5_empty_pairs_file_leaves_the_index_alone(batch, tmp_path, text):
    out, _, slugs = batch
    empty = tmp_path / "empty.csv"
    empty.write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = cli("batch", empty, "-o", out, "--quiet")
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert f"Pairs file {empty} holds no pair" in line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert_settled(out, slugs)


# --- 6. duplicates are judged on the resolved occupations ---------------------------------


def test_case6_differently_spelled_duplicates_settle(batch, tmp_path):
    out, pairs, slugs = batch
    dup = tmp_path / "dup.csv"
    dup.write_text(
        pairs.read_text(encoding="utf-8")
        + "order clerk,customer service representative\n"  # row 5: 43-4151 vs 43-4051 again
        + "43 4151,43-4051.00\n",  # row 6: the same, as codes
        encoding="utf-8",
    )
    for _ in range(2):  # settles: the same answer on every rerun, nothing rendered
        proc = cli("batch", dup, "-o", out, "--quiet")
        assert proc.returncode == 1
        assert f"0 rendered, {len(KEYS)} up to date, 0 failed" in proc.stdout
        assert one_line_errors(proc.stderr) == [
            "error: pairs file row 5: repeats the pair of row 4 (43-4151 vs 43-4051, public)",
            "error: pairs file row 6: repeats the pair of row 4 (43-4151 vs 43-4051, public)",
        ]
        assert_settled(out, slugs)


# --- 7. --timeout is wall clock over the whole pair, enforced by the parent ---------------


def test_case7_timeout_stops_the_pair_and_its_kernel(batch, tmp_path):
    out, pairs, slugs = batch
    forget(out, slugs[2])
    proc = cli("batch", pairs, "-o", out, "-j", "1", "--timeout", "1", "--quiet")
    assert proc.returncode == 1
    [line] = one_line_errors(proc.stderr)
    assert line == (
        "error: pair on row 4 '43-4151 vs 43-4051' failed: timed out after 1 s; "
        "its worker and kernel were stopped"
    )
    assert statuses(out) == {slugs[0]: "skipped", slugs[1]: "skipped", slugs[2]: "failed"}
    assert not (out / f"{slugs[2]}.json").exists()
    wait_for(lambda: not processes_of(out), "the stopped kernel to exit", timeout=30)
    assert not (out / LOCK_NAME).exists() and not (out / RUNTIME_NAME).exists()
    assert index_hrefs(out) == sorted(f"{s}.html" for s in slugs[:2])


# --- 8. one-line errors: Ctrl-C, damaged data, unknown scheduler --------------------------


@pytest.mark.parametrize("executor", ["local", "dask-local"])
def test_case8_ctrl_c_writes_the_index_for_what_finished(batch, tmp_path, executor):
    # dask-local: no warning from the cancelled tasks and killed workers (issue 19 case 8)
    out, pairs, slugs = batch
    forget(out, *slugs[1:])
    proc = start(
        "batch", pairs, "-o", out, "-j", "1", "--quiet", "--executor", executor, tmp=tmp_path
    )
    wait_for(lambda: json_files(out) - {slugs[0]}, "the first new report")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    assert proc.wait(timeout=60) == 130
    [line] = one_line_errors((tmp_path / "stderr.txt").read_text())
    done = json_files(out)
    assert line.startswith(f"error: interrupted; {len(done)} of 3 pairs are done")
    assert index_hrefs(out) == sorted(f"{s}.html" for s in done)
    assert {s for s, st in statuses(out).items() if st == "interrupted"} == set(slugs) - done
    wait_for(lambda: not processes_of(out), "the workers to stop", timeout=30)

    again = cli("batch", pairs, "-o", out, "--quiet")
    assert again.returncode == 0, again.stderr
    assert {s for s, st in statuses(out).items() if st == "rendered"} == set(slugs) - done
    assert_settled(out, slugs)


def test_case8_damaged_data_and_bad_scheduler_are_one_line(project_root, tmp_path, batch):
    data = tmp_path / "data"
    shutil.copytree(project_root / "data", data)
    wages = data / "tables" / "oews_wages.parquet"
    raw = bytearray(wages.read_bytes())
    raw[len(raw) // 2] ^= 0x01  # one flipped bit in the middle of one row group
    wages.write_bytes(bytes(raw))
    titles = data / "tables" / "titles.parquet"
    titles.write_bytes(titles.read_bytes()[:1000])  # truncated
    env = _env(ANALYSIS_DATA_DIR=str(data))
    for args, damaged in (
        (("profile", "43-4051"), titles),  # the lookup reads titles first
        (("compare", "43-4151", "43-4051", "--format", "json"), titles),
    ):
        proc = cli(*args, env=env)
        assert proc.returncode == 1
        [line] = one_line_errors(proc.stderr)
        assert line.startswith(f"error: Data file {damaged} is damaged")
    shutil.copy2(project_root / "data" / "tables" / "titles.parquet", titles)
    proc = cli("profile", "43-4051", "--format", "json", env=env)
    assert proc.returncode == 1 and proc.stdout == ""
    [line] = one_line_errors(proc.stderr)
    assert line == (
        f"error: Data file {wages} is damaged: its SHA-256 differs from the one in "
        "datapackage.json. Restore data/ with `git checkout -- data/` or rebuild it with "
        "`make data`."
    )

    out, pairs, _ = batch
    proc = cli("batch", pairs, "-o", tmp_path / "new", "--executor", "dask",
               "--scheduler", "garbage://x")  # fmt: skip
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert "'garbage://x' is not a Dask scheduler address" in line
    assert not (tmp_path / "new").exists()


def test_issue19_case8_a_scheduler_killed_mid_batch_is_one_line_and_counts_what_is_done(
    batch, tmp_path
):
    """An external Dask scheduler on 127.0.0.1, killed after the first new report: the batch
    stops with one line (no client traceback), exit 1, and counts every report written."""
    pytest.importorskip("dask.distributed")
    out, pairs, slugs = batch
    forget(out, *slugs)
    with socket.socket() as probe:  # a free loopback port for the scheduler
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = Path(sys.executable).with_name("dask")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        start_new_session=True,
        **quiet,
    )
    worker = None
    try:
        wait_for(lambda: _accepts(port), "the scheduler to listen", timeout=60)
        worker = subprocess.Popen(
            [dask, "worker", address, "--nthreads", "1", "--no-dashboard"],
            start_new_session=True,
            **quiet,
        )
        proc = start("batch", pairs, "-o", out, "--executor", "dask", "--scheduler", address,
                     "--quiet", tmp=tmp_path)  # fmt: skip
        wait_for(lambda: json_files(out), "the first report", timeout=240)
        os.killpg(scheduler.pid, signal.SIGKILL)
        assert proc.wait(timeout=120) == 1
        [line] = one_line_errors((tmp_path / "stderr.txt").read_text())
        done = {s for s, st in statuses(out).items() if st == "rendered"}
        assert line.startswith(
            f"error: lost the connection to the Dask scheduler at {address}; "
            f"{len(done)} of 3 pairs are done"
        )
        assert done and done <= json_files(out)
        not_reached = {s for s, st in statuses(out).items() if st == "interrupted"}
        assert not_reached == set(slugs) - done
    finally:
        if scheduler.poll() is None:
            os.killpg(scheduler.pid, signal.SIGKILL)
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)  # it shuts its warm kernel down on exit
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)


def _accepts(port: int) -> bool:
    """Whether something listens on the loopback port."""
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


# --- 9. leftovers: connection files, scratch space --------------------------------------


def test_case9_killed_worker_and_killed_dask_parent_leave_nothing(batch, tmp_path):
    pytest.importorskip("dask.distributed")
    out, pairs, slugs = batch
    forget(out, slugs[2])
    # a worker SIGKILLed mid-pair: the pair is retried, its kernel and files go away
    proc = start("batch", pairs, "-o", out, "-j", "1", "--quiet", tmp=tmp_path)
    wait_for(lambda: kernels_of(out), "the worker's kernel")
    [worker] = [p for p in children(proc.pid) if "spawn_main" in _read(f"/proc/{p}/cmdline")]
    os.kill(worker, signal.SIGKILL)
    assert proc.wait(timeout=240) == 0, (tmp_path / "stderr.txt").read_text()
    assert statuses(out)[slugs[2]] == "rendered"
    assert_settled(out, slugs)

    # a Dask parent SIGKILLed while its cluster runs: nannies, workers, kernels exit; the
    # next batch clears the scratch space. Issue 19: -j 4 for one pair starts one worker,
    # and nothing of Dask's lands in $TMPDIR.
    forget(out, slugs[2])
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    proc = start("batch", pairs, "-o", out, "--executor", "dask-local", "-j", "4", "--quiet",
                 tmp=tmp_path, env=_env(TMPDIR=str(tmpdir)))  # fmt: skip
    scratch = out / RUNTIME_NAME / "dask"
    wait_for(lambda: scratch.is_dir() and any(scratch.rglob("*")), "Dask's scratch space")
    wait_for(lambda: kernels_of(out), "the Dask worker's kernel")
    workers = [p for p in children(proc.pid) if "spawn_main" in _read(f"/proc/{p}/cmdline")]
    assert len(workers) == 1, workers
    assert list(tmpdir.iterdir()) == []
    proc.kill()
    proc.wait()
    wait_for(lambda: not processes_of(out), "the Dask processes to exit", timeout=60)
    assert scratch.is_dir()  # left by the killed run ...
    again = cli("batch", pairs, "-o", out, "--quiet")
    assert again.returncode == 0, again.stderr
    assert_settled(out, slugs)  # ... and gone after the next


# --- 10. smaller: report, CSV rows, output folder, queries --------------------------------


def test_case10_report_pairs_file_and_query_checks(render_tmp_path):
    runtime = render_tmp_path / "jupyter-runtime"
    env = _env(JUPYTER_RUNTIME_DIR=str(runtime))
    proc = cli("report", "zzzz not a job", "43-4051", "-o", render_tmp_path / "r", env=env)
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert line.startswith("error: No occupation is known by the title 'zzzz not a job'")
    assert not runtime.exists()  # no kernel was started (it would write its connection file)
    assert not (render_tmp_path / "r").exists()

    # quoted newlines keep row numbers; a profession_a,profession_b header is a header; a
    # pairs file that cannot be read creates no output folder
    pairs = render_tmp_path / "pairs.csv"
    pairs.write_text(
        'profession_a,profession_b,label\n"order\nclerk",zzzz,x\nonly-one\n', encoding="utf-8"
    )
    proc = cli("batch", pairs, "-o", render_tmp_path / "o1", "--quiet")
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert "holds no valid pair (2 bad row(s); row 2: No occupation is known" in line
    assert not (render_tmp_path / "o1").exists()
    proc = cli("batch", render_tmp_path / "missing.csv", "-o", render_tmp_path / "o2", "--quiet")
    assert proc.returncode == 2
    assert one_line_errors(proc.stderr)[0].startswith("error: Cannot read pairs file")
    assert not (render_tmp_path / "o2").exists()

    assert (
        json.loads(cli("profile", "４３-４０５１", "--format", "json").stdout)["soc"] == "43-4051"
    )
    huge = "x" * 100_000
    for args, expected in (
        (("profile", "43-4051.99"), "is not an O*NET-SOC code"),
        (("profile", huge), "is 100,000 characters long"),
        (("compare", huge, "cashier"), "is 100,000 characters long"),
        (("compare", huge, "cashier", "--dataset", "seed"), "is 100,000 characters long"),
    ):
        proc = cli(*args)
        assert proc.returncode == 2
        [line] = one_line_errors(proc.stderr)
        assert expected in line and len(line) < 300


# --- issue 19: hostile files in the output folder, hand-edited reports --------------------


def test_issue19_case3_a_lock_symlink_is_refused_and_nothing_outside_is_written(batch, tmp_path):
    out, pairs, slugs = batch
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (out / LOCK_NAME).symlink_to(victim)
    proc = cli("batch", pairs, "-o", out, "--quiet")
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert "is a symbolic link" in line and str(out / LOCK_NAME) in line
    assert victim.read_text(encoding="utf-8") == "keep me"  # not truncated, no pid written
    (out / LOCK_NAME).unlink()


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_issue19_a_file_or_symlink_named_batch_runtime_is_cleared(batch, tmp_path, kind):
    out, pairs, slugs = batch
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious").write_text("x", encoding="utf-8")
    if kind == "file":
        (out / RUNTIME_NAME).write_text("in the way", encoding="utf-8")
    else:
        (out / RUNTIME_NAME).symlink_to(elsewhere)
    for _ in range(2):  # not just once: every later batch works
        proc = cli("batch", pairs, "-o", out, "--quiet")
        assert proc.returncode == 0, proc.stderr
        assert f"0 rendered, {len(KEYS)} up to date, 0 failed" in proc.stdout
    assert (elsewhere / "precious").read_text(encoding="utf-8") == "x"  # the link not followed
    assert_settled(out, slugs)


def test_issue19_case5_case9_case10_unreadable_report_json_means_render_again(batch):
    out, pairs, slugs = batch
    tasks = tasks_of(out, pairs, slugs)
    json_path = out / f"{slugs[2]}.json"
    good = json_path.read_bytes()
    assert up_to_date(tasks[slugs[2]]) is not None

    # 5: nested 100,000 deep (json.loads raises RecursionError)
    json_path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert up_to_date(tasks[slugs[2]]) is None
    json_path.write_text('{"report": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert up_to_date(tasks[slugs[2]]) is None

    # 10: a string where the wage gap belongs, with the checksum recomputed to match
    from analysis.batch.fingerprint import payload_sha256

    payload = json.loads(good)
    payload["gaps"]["annual_mean_wage"]["difference"] = "lots"
    payload["gaps"]["pay"]["annual_mean_wage"]["difference"] = "lots"
    payload["report"]["payload_sha256"] = payload_sha256(payload)
    json_path.write_text(json.dumps(payload), encoding="utf-8")
    assert up_to_date(tasks[slugs[2]]) is None

    # a manifest of another version (or none: written before version 2) is not trusted
    payload = json.loads(good)
    payload["report"]["version"] = 1
    payload["report"]["payload_sha256"] = payload_sha256(payload)
    json_path.write_text(json.dumps(payload), encoding="utf-8")
    assert up_to_date(tasks[slugs[2]]) is None

    # 9: a FIFO where the JSON (or the HTML) should be must not block the batch
    json_path.unlink()
    os.mkfifo(json_path)
    assert _returns_within(lambda: up_to_date(tasks[slugs[2]]), 30) is None
    json_path.unlink()
    json_path.write_bytes(good)
    html = out / f"{slugs[2]}.html"
    kept = html.read_bytes()
    html.unlink()
    os.mkfifo(html)
    assert _returns_within(lambda: up_to_date(tasks[slugs[2]]), 30) is None
    html.unlink()
    html.write_bytes(kept)
    assert up_to_date(tasks[slugs[2]]) is not None


def _returns_within(call: Callable[[], object], seconds: float) -> object:
    """``call()``'s value, failing the test (not hanging it) if it blocks."""
    import threading

    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"blocked for more than {seconds} s")
    return box[0]


def test_issue19_case7_ctrl_c_while_workers_spawn_is_one_line(batch, tmp_path):
    out, pairs, slugs = batch
    forget(out, slugs[2])
    proc = start("batch", pairs, "-o", out, "-j", "1", "--quiet", tmp=tmp_path)

    def spawning() -> list[int]:
        return [p for p in children(proc.pid) if "spawn_main" in _read(f"/proc/{p}/cmdline")]

    wait_for(spawning, "a worker to be spawned", timeout=120)
    os.killpg(proc.pid, signal.SIGINT)  # the worker is still importing: Ctrl-C hits it too
    assert proc.wait(timeout=60) == 130
    [line] = one_line_errors((tmp_path / "stderr.txt").read_text())
    assert line.startswith("error: interrupted; 2 of 3 pairs are done")
    wait_for(lambda: not processes_of(out), "the worker to exit", timeout=30)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 once it is gone)."""
    fields = _read(f"/proc/{pid}/stat").rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if fields else 0.0


def test_issue19_case7_ctrl_c_while_the_report_kernel_runs_is_one_line(tmp_path):
    out = tmp_path / "r"
    proc = start("report", "43-4151", "43-4051", "-o", out, tmp=tmp_path)
    [kernel] = wait_for(lambda: list(kernels_of(out)), "the kernel")
    # well into the notebook's cells (its imports alone take more), not still starting
    wait_for(lambda: _cpu_seconds(kernel) > 3, "the kernel to run cells")
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    # the kernel, shut down mid-cell, may write to the shared stderr after we exit
    wait_for(lambda: not kernels_of(out), "the kernel to exit", timeout=30)
    # one line: no ZMQError traceback from the kernel that was shut down mid-cell
    [line] = one_line_errors((tmp_path / "stderr.txt").read_text())
    assert line == "error: interrupted before anything was written."
    assert (tmp_path / "stdout.txt").read_text() == ""
    assert not list(out.glob("*.html")) and not list(out.glob("*.json"))


def test_issue19_report_killed_leaves_its_connection_file_only_in_its_own_folder(tmp_path):
    from analysis.batch.runtime import clear_leftovers

    out = tmp_path / "r"
    # where a kernel's connection file (with its key) would go otherwise: nbclient writes it
    # to $TMPDIR as tmp*.json, a warm kernel to the Jupyter runtime folder
    tmpdir, shared_runtime = tmp_path / "tmpdir", tmp_path / "jupyter-runtime"
    tmpdir.mkdir()
    env = _env(TMPDIR=str(tmpdir), JUPYTER_RUNTIME_DIR=str(shared_runtime))
    proc = start("report", "43-4151", "43-4051", "-o", out, tmp=tmp_path, env=env)
    wait_for(lambda: kernels_of(out), "the kernel")
    found = list((out / RUNTIME_NAME).rglob("*.json"))
    proc.kill()
    proc.wait()
    wait_for(lambda: not kernels_of(out), "the kernel to exit with its parent", timeout=30)
    assert found  # the connection file, in the folder's private runtime folder ...
    assert list(tmpdir.rglob("*.json")) == [] and not shared_runtime.exists()  # ... only
    clear_leftovers(out)  # what the next report or batch in the folder does first
    assert not (out / RUNTIME_NAME).exists()


# --- issue 19: a disk that fills mid-batch ----------------------------------------------

FILLING_PAIRS = "a,b\n43-4151,43-4051\n53-3032,53-3033\n29-1141,29-1161\n"
"""Three pairs of 0.59-0.77 MB each (~200 KB HTML, 60-140 KB JSON, 310-430 KB notebook).

On a 1 MB disk the first (~0.71 MB) fits and neither of the others does, which leaves
room for the ~25 KB index and run log. The margins: the first may grow ~40% and the
pairs shrink ~30% before the test stops filling the disk at the second report (a 2 MB
disk stopped filling once the transition charts shrank, and then only the index failed).
"""


@pytest.mark.parametrize("small_disk", ["1m"], indirect=True)
def test_issue19_disk_full_leaves_no_report_in_parts_and_names_the_file(small_disk, tmp_path):
    out = small_disk
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(FILLING_PAIRS, encoding="utf-8")
    proc = cli("batch", pairs, "-o", out, "-j", "1", "--quiet")
    assert proc.returncode == 1, proc.stderr
    lines = one_line_errors(proc.stderr)
    failed = {}
    for line in lines:
        found = re.fullmatch(
            r"error: pair on row \d '[^']+' failed: could not write "
            + re.escape(str(out))
            + r"/(?P<slug>[^/]+)\.(html|ipynb|json) \(No space left on device\); "
            r"none of the report's files was kept",
            line,
        )
        assert found, line
        failed[found["slug"]] = line
    slugs = [f"{a}--vs--{b}" for a, b in (row.split(",") for row in FILLING_PAIRS.split()[1:])]
    assert failed and set(failed) < set(slugs)  # the disk filled, but not at the first report
    assert {s for s, st in statuses(out).items() if st == "failed"} == set(failed)
    for slug in slugs:  # a report is its three files or nothing, never a notebook alone
        present = [(out / f"{slug}.{ext}").exists() for ext in ("html", "ipynb", "json")]
        assert present == [slug not in failed] * 3, (slug, present)
    assert not list(out.glob(".*.tmp"))
    wait_for(lambda: not processes_of(out), "the batch's processes to exit", timeout=30)
