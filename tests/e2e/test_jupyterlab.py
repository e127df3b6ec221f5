"""The report notebook in a real JupyterLab, driven in Debian's Chromium (issue 24).

A JupyterLab server is started by ``make lab`` (so the target itself is tested, as
root too) on 127.0.0.1, a free port and a token, over a temporary copy of the
committed notebooks, with fresh Jupyter settings and no notebook signatures (so the
committed notebook opens untrusted, as it does for anyone who clones the project).
The test looks at the committed outputs, runs all cells, looks again, then runs a
lookup of a bracketed O*NET title.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("ANALYSIS_SHOTS_DIR", "/work/helpers/shots"))
RUN_TIMEOUT_MS = 600_000  # a shared 2-core machine runs the report in ~1-3 min

# Every output the notebook shows, with what the checks below need from it.
OUTPUTS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output')].map(o => ({
  text: o.innerText,
  math: o.querySelectorAll('mjx-container, .MathJax, mjx-math').length,
  images: [...o.querySelectorAll('img')].filter(i => i.naturalWidth > 0 && i.width > 100).length,
  json: o.querySelectorAll('.jp-RenderedJSON').length,
}))"""

TILES_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output dl.tiles')].map(dl =>
  [...dl.querySelectorAll(':scope > div.tile')].map(t => {
    const r = t.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; }))"""

CARDS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output section.card')].map(c => {
  const r = c.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; })"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``make lab`` on a copy of notebooks/, answering on 127.0.0.1; yields (url, token, dir)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package")
    home = tmp_path_factory.mktemp("jupyter-home")
    work = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", work)
    settings = home / "settings" / "@jupyterlab"
    # every cell in the DOM (no windowing), so the test sees all outputs; no news pop-up
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"})
    )
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),  # no signature database: untrusted
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        IPYTHONDIR=str(home / "ipython"),
    )
    args = (
        f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} "
        "--LabApp.expose_app_in_browser=True"
    )
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_DIR={work}", f"LAB_ARGS={args}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # one process group: make, the server and its kernels
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"make lab exited {proc.returncode}: {(home / 'lab.log').read_text()}")
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not answer within 120 s")
                time.sleep(0.5)
        yield url, token, work
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def _kernel_ready(page) -> None:
    """Until the open notebook's kernel has started and is idle.

    Run-all before that is either lost (no notebook is current yet) or waits on a
    kernel that is still starting; ``page.evaluate`` has no timeout of its own, so
    the test waits here, with one. (Pages after the first open in a workspace of
    their own, reset: JupyterLab would otherwise restore the earlier test's tabs.)
    """
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const k = w && w.sessionContext && w.sessionContext.session
                             && w.sessionContext.session.kernel;
                   return !!k && k.status === 'idle'; }""",
        timeout=RUN_TIMEOUT_MS,
    )


def _run_all_cells(page) -> None:
    """Run all cells of the current notebook; returns once JupyterLab's command resolves.

    The command's promise resolves when every cell has run, or at the first error; it
    races a timer, since ``page.evaluate`` itself would wait forever.
    """
    _kernel_ready(page)
    try:
        _race_run_all(page)
    except Exception:
        page.screenshot(path=str(SHOTS / "notebook-lab-run-all-stuck.png"))  # for the reader
        raise


def _race_run_all(page) -> None:
    page.evaluate(
        """(ms) => Promise.race([
             window.jupyterapp.commands.execute('notebook:run-all-cells'),
             new Promise((_, reject) => setTimeout(
               () => reject(new Error('run-all did not finish in ' + ms + ' ms')), ms))])""",
        RUN_TIMEOUT_MS,
    )


def _run_all(page) -> None:
    """Run all cells and wait until every one shows its execution count."""
    page.set_default_timeout(RUN_TIMEOUT_MS)
    _run_all_cells(page)
    _wait_idle(page)


def _without_outputs(notebook: dict, parameters: list[str]) -> str:
    """The notebook with new parameters and no outputs (so what shows is from this run)."""
    for cell in notebook["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = parameters
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return json.dumps(notebook)


def _wait_idle(page) -> None:
    """Until every code cell shows an execution count (none queued or running)."""
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                   return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.innerText)); }""",
        timeout=RUN_TIMEOUT_MS,
    )
    page.wait_for_timeout(3000)  # MathJax typesets after rendering, asynchronously


def _outputs(page) -> list[dict]:
    return page.evaluate(OUTPUTS_JS)


def _check_outputs(page, when: str) -> None:
    outputs = _outputs(page)
    assert outputs, when
    errors = page.evaluate(
        """() => [...document.querySelectorAll('.jp-OutputArea-output')]
          .filter(o => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr'
                       || o.querySelector('.jp-RenderedText[data-mime-type='
                                          + '"application/vnd.jupyter.stderr"]'))
          .map(o => o.innerText)"""
    )
    assert errors == [], (when, errors)
    typeset = [o["text"][:120] for o in outputs if o["math"]]
    assert typeset == [], (when, typeset)  # no dollar amount became mathematics
    assert not any(o["json"] for o in outputs), when  # no raw JSON tree
    # the six report charts (wage percentiles, top states, education, demographics,
    # women's pay, cost-adjusted) are drawn, not left as alt text
    assert sum(o["images"] for o in outputs) >= 6, (when, [o["text"][:60] for o in outputs])
    # the verdict keeps its dollars as text: OEWS May 2025 annual means of the committed
    # pair (43-9022 Word Processors and Typists, 43-4051 Customer Service Representatives)
    verdict = page.locator(".jp-OutputArea-output p.verdict").inner_text()
    assert re.search(r"earn \$[\d,]+ (more|less) than", verdict), verdict
    # the tiles are tiles: within a card, three side by side on a wide screen
    for lefts_tops in page.evaluate(TILES_JS):
        assert len(lefts_tops) == 6
        first_row = [left for left, top in lefts_tops if top == lefts_tops[0][1]]
        assert len(first_row) >= 2, lefts_tops
    cards = page.evaluate(CARDS_JS)
    assert len(cards) == 2 and cards[0][1] == cards[1][1] and cards[0][0] < cards[1][0], cards


def test_pair_report_reads_right_in_jupyterlab_before_and_after_run_all(lab, browser) -> None:
    url, token, work = lab
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.goto(f"{url}/lab/tree/pair_report.ipynb?token={token}")
    page.wait_for_selector(".jp-OutputArea-output p.verdict", timeout=120_000)
    page.wait_for_timeout(3000)
    _check_outputs(page, "committed, untrusted")
    _run_all(page)
    _check_outputs(page, "after run all")
    page.screenshot(path=str(SHOTS / "notebook-lab-1280.png"), full_page=False)
    page.locator(".jp-OutputArea-output section.card").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "notebook-lab-tiles-1280.png"))
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(1500)
    page.locator(".jp-OutputArea-output p.verdict").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "notebook-lab-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.close()


def test_a_bracketed_title_and_a_bad_one_in_jupyterlab(lab, browser) -> None:
    """A bracketed O*NET title as parameter ("licensed practical nurse", published as
    "Licensed Practical Nurse (LPN)"); then an unknown title: one message, no traceback."""
    url, token, work = lab
    source = json.loads((work / "pair_report.ipynb").read_text())
    parameters = [
        'profession_a: str = "registered nurse"\n',
        'profession_b: str = "licensed practical nurse"\n',
        'dataset: str = "public"\n',
        'area: str = ""',
    ]
    (work / "lookup.ipynb").write_text(_without_outputs(source, parameters))
    page = browser.new_page()
    page.goto(f"{url}/lab/workspaces/lookup/tree/lookup.ipynb?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=120_000)
    page.wait_for_timeout(2000)
    _run_all(page)
    title = page.locator(".jp-OutputArea-output h1").first.inner_text()
    assert title == "Registered Nurses vs Licensed Practical and Licensed Vocational Nurses"
    verdict = page.locator(".jp-OutputArea-output p.verdict").inner_text()
    # OEWS May 2025: 29-1141 $101,420 - 29-2061 $67,050 = $34,370
    assert "earn $34,370 more than" in verdict, verdict
    assert not [o for o in _outputs(page) if o["math"]]
    page.close()

    # an unknown title: the load cell shows one line with the closest titles
    parameters = [
        'profession_a: str = "zzzz not a job"\n',
        'profession_b: str = "LPN"\n',
        'dataset: str = "public"\n',
        'area: str = ""',
    ]
    (work / "unknown.ipynb").write_text(_without_outputs(source, parameters))
    page = browser.new_page()
    page.goto(f"{url}/lab/workspaces/unknown/tree/unknown.ipynb?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=120_000)
    page.wait_for_timeout(2000)
    _run_all_cells(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-OutputArea-output')]
                 .some(o => o.innerText.includes('OccupationLookupError'))""",
        timeout=RUN_TIMEOUT_MS,
    )
    page.wait_for_timeout(3000)
    texts = [o["text"] for o in _outputs(page) if "Error" in o["text"]]
    # one error, and it is the message: no stack, no pile of NameErrors after it
    assert len(texts) == 1, texts
    assert texts[0].startswith("OccupationLookupError: No occupation is known by the title")
    assert "Closest titles:" in texts[0] and "Traceback" not in texts[0]
    assert len(texts[0].strip().splitlines()) == 1
    page.screenshot(path=str(SHOTS / "notebook-lab-lookup-error-1280.png"))
    page.close()
