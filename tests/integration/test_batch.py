import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from analysis.batch.index import summarize
from analysis.batch.pairs import Pair
from analysis.batch.runner import LOCK_NAME, RUN_LOG, BatchLock, Task, run_batch, up_to_date
from analysis.batch.tasks import Outcome
from analysis.comparison.pair import compare
from analysis.errors import UserInputError


class IndexLinks(NamedTuple):
    """What the batch index links and lists."""

    hrefs: list[str]  # the pairs table's links to reports
    rows: list[str]  # the class of each <tr> that has one (the status of each pair)


def index_links(index: Path) -> IndexLinks:
    page = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    return IndexLinks(
        hrefs=[a["href"] for a in page.find_all("a", class_="pair-link", href=True)],
        rows=[" ".join(tr["class"]) for tr in page.find_all("tr", class_=True)],
    )


def copy_pair(src_dir: Path, slug: str, dst_dir: Path) -> None:
    dst_dir.mkdir(parents=True, exist_ok=True)
    for ext in ("html", "ipynb", "json"):
        shutil.copy2(src_dir / f"{slug}.{ext}", dst_dir / f"{slug}.{ext}")


# --- the session batch --------------------------------------------------------------------


def test_session_batch_rendered_every_pair(rendered_batch):
    result = rendered_batch.result
    assert result.ok
    assert result.bad_rows == []
    assert [(o.pair.row, o.slug, o.status) for o in result.outcomes] == [
        (rendered_batch.rows[k], rendered_batch.slugs[k], "rendered") for k in rendered_batch.slugs
    ]
    for outcome in result.outcomes:
        assert outcome.error is None
        assert outcome.summary.annual_mean_wage_a is not None
        assert outcome.seconds > 0
    by_slug = {o.slug: o.summary for o in result.outcomes}
    codes = by_slug[rendered_batch.slugs["codes"]]
    assert (codes.soc_a, codes.soc_b) == ("43-4151", "43-4051")
    # read back from the report's JSON: OEWS annual means 48,220 - 46,590 = 1,630;
    # CPS Table 11 women 58.3 - 65.3 = -7.0 points
    assert (codes.annual_mean_wage_a, codes.annual_mean_wage_gap) == (48220, 1630)
    assert codes.significant is True
    assert codes.women_pct_gap == pytest.approx(-7.0)
    assert by_slug[rendered_batch.slugs["seed"]].dataset == "seed"
    # the batch summary JSON keeps the summary's keys
    assert set(result.outcomes[0].as_dict()["summary"]) >= {"annual_mean_wage_gap", "soc_a"}


def test_index_lists_every_pair_with_working_links(rendered_batch):
    index = rendered_batch.result.index
    assert index == rendered_batch.out_dir / "index.html"
    links = index_links(index)
    expected = sorted(f"{slug}.html" for slug in rendered_batch.slugs.values())
    assert sorted(links.hrefs) == expected
    for href in links.hrefs:
        assert (index.parent / href).is_file(), href
    assert links.rows == ["rendered"] * len(rendered_batch.slugs)
    page = index.read_text(encoding="utf-8")
    assert f"{len(rendered_batch.slugs)} pairs" in page
    failures = BeautifulSoup(page, "html.parser").find_all(class_=["status-failed", "error"])
    assert failures == []


# Runs a batch in a fresh interpreter and reports which rendering modules it loaded: the
# test process itself has loaded them (it rendered the session batch).
SECOND_RUN = """
import json, sys
from pathlib import Path
from analysis.batch.runner import run_batch
result = run_batch(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2, progress=False)
rendering = ("analysis.batch.render", "papermill", "nbclient", "jupyter_client")
print(json.dumps({"ok": result.ok, "loaded": [m for m in rendering if m in sys.modules]}))
"""


def test_second_run_skips_everything_without_a_kernel(rendered_batch, tmp_path, project_root):
    out = tmp_path / "reports"
    shutil.copytree(rendered_batch.out_dir, out)
    html = out / f"{rendered_batch.slugs['public']}.html"
    before = html.stat()
    proc = subprocess.run(
        [sys.executable, "-c", SECOND_RUN, str(rendered_batch.pairs_file), str(out)],
        capture_output=True, text=True, timeout=120, cwd=project_root,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout)
    assert run["ok"]
    # no renderer was built, so no worker process and no kernel was started
    assert run["loaded"] == []
    pairs = len(rendered_batch.slugs)
    log = json.loads((out / RUN_LOG).read_text(encoding="utf-8"))["outcomes"]
    assert [o["status"] for o in log] == ["skipped"] * pairs
    # a worker measures what it renders; a skipped pair has no time or memory figures
    assert [(o["seconds"], o["memory_mb"]) for o in log] == [(0.0, {})] * pairs
    after = html.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # skipped pairs keep their headline figures and their links in the new index
    original = {o.slug: o.as_dict()["summary"] for o in rendered_batch.result.outcomes}
    assert {o["slug"]: o["summary"] for o in log} == original
    links = index_links(out / "index.html")
    assert len(links.hrefs) == pairs
    assert links.rows == ["skipped"] * pairs


def test_up_to_date_needs_matching_inputs_hash(rendered_batch, tmp_path):
    slug = rendered_batch.slugs["codes"]
    out = tmp_path / "reports"
    copy_pair(rendered_batch.out_dir, slug, out)
    [outcome] = [o for o in rendered_batch.result.outcomes if o.slug == slug]
    task = Task(outcome.pair, out, slug)
    assert up_to_date(task) == outcome.summary

    # other parameters under the same file name (e.g. the seed dataset) -> not up to date
    other = Task(replace(outcome.pair, dataset="seed"), out, slug)
    assert up_to_date(other) is None

    json_path = out / f"{slug}.json"
    payload = json.loads(json_path.read_text(encoding="utf-8"))
    payload["report"]["inputs_hash"] = "0" * 16  # e.g. rendered by an older notebook
    json_path.write_text(json.dumps(payload), encoding="utf-8")
    assert up_to_date(task) is None

    json_path.write_text("{ truncated", encoding="utf-8")
    assert up_to_date(task) is None
    json_path.unlink()
    assert up_to_date(task) is None


def test_force_rerenders(rendered_batch, tmp_path):
    slug = rendered_batch.slugs["codes"]
    out = tmp_path / "reports"
    copy_pair(rendered_batch.out_dir, slug, out)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("43-4151,43-4051\n", encoding="utf-8")
    html = out / f"{slug}.html"
    before = html.stat().st_ino

    skipped = run_batch(pairs, out, jobs=1, progress=False)
    assert [o.status for o in skipped.outcomes] == ["skipped"]
    assert html.stat().st_ino == before

    forced = run_batch(pairs, out, jobs=1, force=True, progress=False)
    assert [o.status for o in forced.outcomes] == ["rendered"]
    assert forced.ok
    assert html.stat().st_ino != before  # replaced by a rename, not rewritten in place
    assert "Order Clerks" in html.read_text(encoding="utf-8")
    assert not list(out.glob(".*.tmp"))


# --- bad rows and failing pairs -----------------------------------------------------------

MIXED_CSV = (
    "a,b,label,dataset\n"  # 1
    "43-4151,43-4051,Clerks\n"  # 2: valid
    "cashier\n"  # 3: malformed (one field)
    "zzzz not a job,cashier,Nonsense\n"  # 4: unknown title -> refused before rendering
)


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory):
    work = tmp_path_factory.mktemp("mixed")
    pairs = work / "pairs.csv"
    pairs.write_text(MIXED_CSV, encoding="utf-8")
    out = work / "reports"
    return run_batch(pairs, out, jobs=2, progress=False), out


def test_malformed_row_does_not_stop_the_valid_pair(mixed_batch):
    result, out = mixed_batch
    assert not result.ok
    assert [b.row for b in result.bad_rows] == [3, 4]
    assert "two professions" in result.bad_rows[0].problem
    rendered = [o for o in result.outcomes if o.status == "rendered"]
    assert [(o.pair.row, o.slug) for o in rendered] == [(2, "43-4151--vs--43-4051")]
    assert (out / "43-4151--vs--43-4051.html").is_file()


def test_unknown_title_is_a_bad_row_listed_with_the_lookup_message(mixed_batch):
    # issue 12: queries are resolved before rendering, so no kernel runs for an unknown title
    result, out = mixed_batch
    unknown = result.bad_rows[1]
    assert unknown.row == 4
    assert "'zzzz not a job'" in unknown.problem and "No occupation is known" in unknown.problem
    assert result.failed == []
    assert [o.pair.row for o in result.outcomes] == [2]
    assert not list(out.glob("zzzz*"))
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "row 3: needs two professions" in page
    assert "row 4: No occupation is known by the title" in page
    links = index_links(out / "index.html")
    assert links.hrefs == ["43-4151--vs--43-4051.html"]  # no link to a report that does not exist
    assert links.rows == ["rendered"]


def test_cli_batch_exits_1_when_a_pair_fails(rendered_batch, tmp_path, project_root):
    out = tmp_path / "reports"
    # The valid pair is already up to date, so the CLI run starts no kernel.
    copy_pair(rendered_batch.out_dir, rendered_batch.slugs["codes"], out)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(MIXED_CSV, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "batch", str(pairs), "-o", str(out), "--quiet",
         "-j", "1"],
        capture_output=True, text=True, timeout=120, cwd=project_root,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "0 rendered, 1 up to date, 0 failed" in proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 2, proc.stderr  # one line per bad row, no traceback
    # the columns as this file's header names them (issue 20: a header may name an area too)
    assert lines[0] == "error: pairs file row 3: needs two professions: a,b,label,dataset"
    assert lines[1].startswith("error: pairs file row 4: No occupation is known by the title")
    assert (out / "index.html").is_file()
    assert not (out / LOCK_NAME).exists()


def test_cli_batch_exits_0_when_everything_is_up_to_date(rendered_batch, tmp_path, project_root):
    out = tmp_path / "reports"
    shutil.copytree(rendered_batch.out_dir, out)
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "batch", str(rendered_batch.pairs_file), "-o",
         str(out), "--quiet"],
        capture_output=True, text=True, timeout=120, cwd=project_root,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert f"0 rendered, {len(rendered_batch.slugs)} up to date, 0 failed" in proc.stdout


def test_warm_kernel_is_restarted_after_a_failed_notebook(render_tmp_path):
    from analysis.batch.render import Renderer, ReportError
    from analysis.batch.warm import warm_kernel
    from analysis.config import KERNEL_NAME

    renderer = Renderer(engine="warm")
    params = {"profession_a": "zzzz not a job", "profession_b": "cashier", "dataset": "public"}
    kernel = warm_kernel(KERNEL_NAME)
    try:
        with pytest.raises(ReportError, match="No occupation is known"):
            renderer.render(params, render_tmp_path)
        assert kernel.km is None or not kernel.km.has_kernel
    finally:
        kernel.shutdown()


# --- the lock -----------------------------------------------------------------------------


def test_second_batch_refuses_while_the_lock_is_held(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("43-4151,43-4051\n", encoding="utf-8")
    out = tmp_path / "reports"
    out.mkdir()
    with BatchLock(out):
        with pytest.raises(UserInputError) as info:
            run_batch(pairs, out, jobs=1, progress=False)
        message = str(info.value)
        assert "lock" in message and LOCK_NAME in message
        assert str(os.getpid()) in message  # names the holder
        assert (out / LOCK_NAME).read_text() == str(os.getpid())  # not stolen
    assert not (out / LOCK_NAME).exists()
    assert not (out / "index.html").exists()


def test_lock_is_released_after_a_batch(rendered_batch, tmp_path):
    out = tmp_path / "reports"
    copy_pair(rendered_batch.out_dir, rendered_batch.slugs["codes"], out)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("43-4151,43-4051\n", encoding="utf-8")
    result = run_batch(pairs, out, jobs=1, progress=False)
    assert [o.status for o in result.outcomes] == ["skipped"]
    assert not (out / LOCK_NAME).exists()
    with BatchLock(out):  # can be taken again
        assert (out / LOCK_NAME).is_file()


def _dead_pid() -> int:
    for pid in (999999, 999998, 999997, 4194000):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            continue
    pytest.skip("no free pid found for a stale lock")


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"1", b"9" * 40, b"\xff\xfe" * 1000, "dead"],
    ids=["empty", "garbage", "pid-1", "huge-number", "binary", "dead-pid"],
)
def test_unheld_lock_file_is_taken_over_whatever_it_holds(tmp_path, content):
    # issue 12 case 2: the lock is the flock, not the file; a killed batch's file is free
    out = tmp_path / "reports"
    out.mkdir()
    (out / LOCK_NAME).write_bytes(str(_dead_pid()).encode() if content == "dead" else content)
    with BatchLock(out) as lock:
        assert lock.path.read_text() == str(os.getpid())
    assert not (out / LOCK_NAME).exists()


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from analysis.batch.lock import BatchLock
with BatchLock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_lock_of_a_live_process_is_respected(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(UserInputError, match=f"pid {proc.pid}"):
            BatchLock(out).__enter__()
        assert (out / LOCK_NAME).read_text() == str(proc.pid)
        proc.kill()  # SIGKILL: no clean-up runs, yet the OS releases the lock
        proc.wait()
        with BatchLock(out) as lock:
            assert lock.path.read_text() == str(os.getpid())
    finally:
        proc.kill()
        proc.wait()


# --- the summary read back from a report's JSON --------------------------------------------


def test_summarize_reads_the_compare_json():
    payload = json.loads(json.dumps(compare("43-4151", "43-4051")))  # as written to disk
    s = summarize(payload)
    assert (s.a, s.b) == ("Order Clerks", "Customer Service Representatives")
    # OEWS annual means 48,220 - 46,590 = 1,630; 1,630 / 46,590 = 3.4986 %
    assert s.annual_mean_wage_gap == 1630
    assert s.annual_mean_wage_gap_pct == pytest.approx(3.4986, abs=1e-4)
    assert s.median_age_gap == pytest.approx(-1.5)  # CPS Table 11b: 35.5 - 37.0


def test_summarize_refuses_a_payload_that_is_not_a_compare_json():
    with pytest.raises(ValueError, match="not a compare JSON"):
        summarize({"dataset": "public", "a": {"title": "x"}})


def test_failed_outcome_keeps_an_empty_summary_object():
    pair = Pair("a", "b", "a vs b", "public", 2)
    assert Outcome(pair, "a-vs-b", "failed", error="boom").as_dict()["summary"] == {}
