"""A small real atlas (3 occupations, their nearest neighbour, 3 pair reports), end to end.

Built once per module with the real command (papermill, nbconvert, worker
processes); then read, re-run, searched in Debian's Chromium over file:// with
every other request aborted, and killed half-way in a second folder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
SMALL = ["--similar", "1", "--occupations", "29-1141", "43-4051", "15-1252"]
OCCUPATIONS = ["15-1243", "15-1252", "29-1141", "29-1161", "43-4051", "43-4181"]
PAIRS = ["15-1243--vs--15-1252", "29-1141--vs--29-1161", "43-4051--vs--43-4181"]


def atlas(out: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "atlas", "-o", str(out), *args],
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


@pytest.fixture(scope="module")
def small_atlas(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("atlas") / "site"
    result = atlas(out, *SMALL, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "6 occupations, 3 pairs: 3 rendered, 0 up to date, 0 failed" in result.stdout
    return out


def _files(root: Path) -> dict[str, int]:
    files = [p for p in sorted(root.rglob("*")) if p.is_file()]
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in files}


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """The files written (or created) between two :func:`_files` snapshots."""
    return {k for k in after if before.get(k) != after[k]}


def test_pages_exist_and_no_notebooks_are_kept(small_atlas):
    for name in ("index.html", "atlas.json", "pairs.csv", "assets/atlas.css", "assets/search.js"):
        assert (small_atlas / name).is_file(), name
    assert sorted(p.stem for p in (small_atlas / "occupations").glob("*.html")) == OCCUPATIONS
    assert sorted(p.stem for p in (small_atlas / "pairs").glob("*--vs--*.html")) == PAIRS
    assert list(small_atlas.rglob("*.ipynb")) == []
    assert [p for p in small_atlas.rglob(".*.tmp")] == []


def test_every_relative_link_resolves(small_atlas):
    checked: set[tuple[str, str]] = set()
    for page in small_atlas.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr)
                if not url or urlparse(url).scheme in ("http", "https", "mailto", "data"):
                    continue
                parsed = urlparse(url)
                target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
                assert target.is_file(), f"{page.relative_to(small_atlas)}: {url}"
                if parsed.fragment and target.suffix == ".html":
                    ids = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                    assert ids.find(id=parsed.fragment), f"{page}: {url}"
                checked.add((str(page.relative_to(small_atlas)), url))
    # Every kind of page was read: the front page, occupation pages, pair reports.
    assert {
        ("index.html", "assets/search-index.js"),
        ("index.html", "occupations/43-4181.html"),
        ("occupations/29-1141.html", "../pairs/29-1141--vs--29-1161.html"),
        ("occupations/29-1141.html", "../index.html#group-29-0000"),
        ("pairs/15-1243--vs--15-1252.html", "../occupations/15-1252.html"),
        ("pairs/index.html", "43-4051--vs--43-4181.html"),
    } <= checked


def test_pair_reports_link_back_to_both_occupation_pages(small_atlas):
    soup = BeautifulSoup(
        (small_atlas / "pairs" / "29-1141--vs--29-1161.html").read_text(), "html.parser"
    )
    links = [(a["href"], a.get_text()) for a in soup.select("nav.site-nav a")]
    assert links == [
        ("../index.html", "Atlas"),
        ("../occupations/29-1141.html", "Registered Nurses (29-1141)"),
        ("../occupations/29-1161.html", "Nurse Midwives (29-1161)"),
    ]


def test_occupation_page_figures_ranks_and_neighbour(small_atlas):
    soup = BeautifulSoup((small_atlas / "occupations" / "29-1141.html").read_text(), "html.parser")
    wage = [td.get_text(strip=True) for td in soup.select("#fig-annual_mean_wage td")]
    # OEWS May 2025: registered nurses $101,420; all occupations (00-0000) $69,770.
    assert wage[0] == "$101,420" and wage[2] == "$69,770"
    assert wage[1].endswith("of 825")
    table = json.loads((small_atlas / "atlas.json").read_text())
    rn = next(o for o in table["occupations"] if o["soc"] == "29-1141")
    assert wage[1] == f"{rn['figures']['annual_mean_wage']['rank']} of 825"
    report = soup.select_one("ol.pairs a.report")
    assert report["href"] == "../pairs/29-1141--vs--29-1161.html"
    # Nurse midwives $136,980: nurses earn $35,560 less, and OEWS's RSEs make it significant.
    assert "earns $35,560 less a year (statistically significant" in soup.select_one(
        "ol.pairs li"
    ).get_text(" ", strip=True)


def test_atlas_json_has_every_pairs_headline_gaps(small_atlas):
    table = json.loads((small_atlas / "atlas.json").read_text())
    assert [(p["a"], p["b"], p["status"]) for p in table["pairs"]] == [
        ("15-1243", "15-1252", "ok"),
        ("29-1141", "29-1161", "ok"),
        ("43-4051", "43-4181", "ok"),
    ]
    nurses = table["pairs"][1]["gaps"]
    assert nurses["annual_mean_wage_a"] == 101420 and nurses["annual_mean_wage_b"] == 136980
    assert nurses["annual_mean_wage_gap"] == 101420 - 136980
    assert [o["soc"] for o in table["occupations"]] == OCCUPATIONS


def test_rerun_with_nothing_changed_rewrites_nothing(small_atlas):
    before = _files(small_atlas)
    result = atlas(small_atlas, *SMALL)
    assert result.returncode == 0, result.stderr
    assert "3 pairs: 0 rendered, 3 up to date, 0 failed; 0 pages written, 9 up to date" in (
        result.stdout
    )
    changed = sorted(_changed(before, _files(small_atlas)))
    # The batch rewrites its own index and run log; nothing of the site changes.
    assert changed == ["pairs/batch-run.json", "pairs/index.html"]


def test_a_changed_occupation_page_input_rewrites_only_that_page(small_atlas, tmp_path):
    copy = tmp_path / "site"
    subprocess.run(["cp", "-a", str(small_atlas), str(copy)], check=True)
    state = json.loads((copy / ".atlas-state.json").read_text())
    state["occupations/29-1161.html"] = "stale"
    (copy / ".atlas-state.json").write_text(json.dumps(state))
    before = _files(copy)
    result = atlas(copy, *SMALL)
    assert "0 rendered, 3 up to date" in result.stdout and "1 pages written" in result.stdout
    changed = _changed(before, _files(copy))
    assert changed == {
        "occupations/29-1161.html",
        ".atlas-state.json",
        "pairs/batch-run.json",
        "pairs/index.html",
    }


def test_killed_run_resumes_without_rerendering_finished_pairs(tmp_path):
    out = tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "atlas", "-o", str(out), *SMALL, "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its workers and kernels share its process group
    )
    pairs = out / "pairs"
    try:
        deadline = time.monotonic() + 300
        while not list(pairs.glob("*--vs--*.json")):
            assert proc.poll() is None, "the atlas finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # The orphaned worker finishes the pair it holds (atomically) and exits with its kernel.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.5)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    finished = {p.stem: p.stat().st_mtime_ns for p in pairs.glob("*--vs--*.json")}
    assert 1 <= len(finished) < 3
    assert [p for p in out.rglob(".*.tmp")] == []

    result = atlas(out, *SMALL)
    assert result.returncode == 0, result.stderr
    log = json.loads((pairs / "batch-run.json").read_text())
    status = {o["slug"]: o["status"] for o in log["outcomes"]}
    assert {s for s in finished} == {s for s, v in status.items() if v == "skipped"}
    assert sorted(status) == PAIRS and set(status.values()) <= {"skipped", "rendered"}
    for stem, mtime in finished.items():
        assert (pairs / f"{stem}.json").stat().st_mtime_ns == mtime
    assert sorted(p.stem for p in (out / "occupations").glob("*.html")) == OCCUPATIONS
    assert list(out.rglob("*.ipynb")) == []


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("query", "soc", "matched"),
    [
        # O*NET alternate title of 43-4051 Customer Service Representatives.
        ("Call Center Representative", "43-4051", "matched title: Call Center Representative"),
        # Typos: a dropped letter in each word, as you type.
        ("registred nurse", "29-1141", None),
        ("custmer servce represent", "43-4051", None),
        ("15-125", "15-1252", None),
    ],
)
def test_search_offline_in_chromium(small_atlas, chromium, query, soc, matched):
    page = chromium.new_page()
    blocked: list[str] = []
    errors: list[str] = []

    def offline(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((small_atlas / "index.html").as_uri())
        page.wait_for_selector("body[data-search-ready]")
        page.fill("#q", query)
        first = page.locator("#results li").first
        assert first.locator("a").get_attribute("href") == f"occupations/{soc}.html"
        if matched:
            assert matched in first.inner_text()
        first.locator("a").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/occupations/{soc}.html")
        assert errors == [] and blocked == []
    finally:
        page.close()


def _offline_page(chromium, width: int = 1280):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.problems = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file://", "data:"))
            else (page.problems.append(route.request.url), route.abort())
        ),
    )
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


@pytest.mark.e2e
def test_front_page_chart_marks_open_their_occupation_pages(small_atlas, chromium):
    page = _offline_page(chromium)
    try:
        page.goto((small_atlas / "index.html").as_uri())
        hrefs = page.eval_on_selector_all(
            "svg.overview .marks a", "as => as.map(a => a.getAttribute('href'))"
        )
        # every occupation of this atlas has a wage and a projection: six marks, six pages
        assert sorted(hrefs) == [f"occupations/{soc}.html" for soc in OCCUPATIONS]
        for href in hrefs:
            assert (small_atlas / href).is_file(), href
        page.locator("svg.overview a[href='occupations/29-1141.html'] circle").click(force=True)
        page.wait_for_load_state("load")
        assert page.url.endswith("/occupations/29-1141.html")
        # and the occupation page leads back to the search, which takes the focus
        page.get_by_role("link", name="Search all occupations").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/index.html#search")
        page.wait_for_function("document.activeElement.id === 'q'", timeout=5000)
        assert page.problems == []
    finally:
        page.close()


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{x['id']} ({len(x['nodes'])}): {x['nodes'][0]['target']}" for x in found]


@pytest.mark.e2e
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path", ["index.html", "occupations/29-1141.html", "pairs/29-1141--vs--29-1161.html"]
)
def test_every_atlas_page_type_fits_has_a_skip_link_and_is_axe_clean(
    small_atlas, chromium, project_root, path, width
):
    pytest.importorskip("axe_playwright_python")
    page = _offline_page(chromium, width)
    try:
        page.goto((small_atlas / path).as_uri())
        page.evaluate("() => Promise.all([...document.images].map(i => i.decode()))")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{path} at {width} px is {scroll} px wide"
        page.keyboard.press("Tab")
        skip = page.evaluate("[document.activeElement.className, document.activeElement.hash]")
        assert skip[0] == "skip-link", skip
        target = page.locator(skip[1])
        assert target.count() == 1 and target.evaluate("e => e.tagName") == "MAIN"
        assert _axe_violations(page) == []
        name = path.replace("/", "-").removesuffix(".html")
        shots = project_root / "test-artifacts"
        shots.mkdir(exist_ok=True)
        page.screenshot(path=str(shots / f"atlas-{name}-{width}.png"), full_page=True)
        assert page.problems == []
    finally:
        page.close()


def test_dask_local_gives_byte_identical_pages(small_atlas, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "site"
    result = atlas(out, *SMALL, "--executor", "dask-local", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "3 rendered, 0 up to date, 0 failed" in result.stdout
    local, dask = _files(small_atlas), _files(out)
    assert sorted(dask) == sorted(local)
    # Only the batch's bookkeeping differs: its run log (seconds and memory of each pair)
    # and, when the local atlas was re-run meanwhile, "skipped" for "rendered" in its index.
    differ = [n for n in local if (small_atlas / n).read_bytes() != (out / n).read_bytes()]
    assert set(differ) <= {"pairs/batch-run.json", "pairs/index.html"}
    # The batch index lists the same reports (its status column says what each run did).
    links = [
        sorted(a["href"] for a in BeautifulSoup(p.read_text(), "html.parser").find_all("a"))
        for p in (small_atlas / "pairs" / "index.html", out / "pairs" / "index.html")
    ]
    assert links[0] == links[1]


def _change_entry_education(data: Path, soc: str, value: str) -> None:
    """Change one occupation's typical entry education in a copy of data/, checksums included."""
    import hashlib

    import pandas as pd

    path = data / "tables" / "entry_requirements.parquet"
    table = pd.read_parquet(path)
    assert (table["soc"] == soc).sum() == 1
    table.loc[table["soc"] == soc, "typical_entry_education"] = value
    table.to_parquet(path, index=False)
    package = json.loads((data / "datapackage.json").read_text())
    for resource in package["resources"]:
        if resource["name"] == "entry_requirements":
            resource["bytes"] = path.stat().st_size
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    (data / "datapackage.json").write_text(json.dumps(package, indent=2))


def test_a_data_change_to_one_occupation_rerenders_only_its_page_and_pair(tmp_path, project_root):
    data = tmp_path / "data"
    subprocess.run(["cp", "-a", str(project_root / "data"), str(data)], check=True)
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(data)}
    out = tmp_path / "site"
    first = atlas(out, *SMALL, env=env)
    assert first.returncode == 0, first.stderr
    before = _files(out)
    # BLS EP Table 5.4 says "Bachelor's degree" for 15-1243 Database Architects.
    _change_entry_education(data, "15-1243", "Master's degree")
    second = atlas(out, *SMALL, env=env)
    assert second.returncode == 0, second.stderr
    assert "1 rendered, 2 up to date, 0 failed; 1 pages written, 8 up to date" in second.stdout
    changed = _changed(before, _files(out))
    assert changed == {
        "occupations/15-1243.html",
        "pairs/15-1243--vs--15-1252.html",
        "pairs/15-1243--vs--15-1252.json",
        ".atlas-state.json",
        "pairs/batch-run.json",
        "pairs/index.html",
    }
    page = (out / "occupations" / "15-1243.html").read_text()
    assert "Typical education needed for entry (BLS EP Table 5.4): Master&#39;s degree" in page
