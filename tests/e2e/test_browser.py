"""Open the rendered reports and the index in Debian's Chromium, offline, as a reader would."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PUBLIC_LABELS = [
    "Yearly salary (mean)",
    "Highest paying state",
    "Most common major",
    "Gender ratio",
]
SEED_LABELS = ["Yearly salary", "Highest paying City", "Most common major", "LGBT Percentage"]
REPORTS = [("public", PUBLIC_LABELS), ("seed", SEED_LABELS)]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@dataclass
class Browser:
    context: object
    blocked: list[str] = field(default_factory=list)  # requests that tried to leave the machine


@dataclass
class Visit:
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")  # fresh user data dir
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        state = Browser(context)

        def offline(route):
            url = route.request.url
            if url.startswith(("file://", "data:")):
                route.continue_()
            else:
                state.blocked.append(url)
                route.abort()

        context.route("**/*", offline)
        try:
            yield state
        finally:
            context.close()


@pytest.fixture(scope="module")
def artifacts(project_root) -> Path:
    path = project_root / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_(path: Path) -> Visit:
        page = browser.context.new_page()
        v = Visit(page)
        page.on("console", lambda m: m.type == "error" and v.console_errors.append(m.text))
        page.on("pageerror", lambda e: v.page_errors.append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.page.close()


def _assert_clean(v: Visit, browser: Browser) -> None:
    assert v.console_errors == []
    assert v.page_errors == []
    assert browser.blocked == []


def _visible(locator) -> list[int]:
    return [i for i in range(locator.count()) if locator.nth(i).is_visible()]


@pytest.mark.parametrize(("key", "labels"), REPORTS)
def test_report_renders_offline(rendered_batch, browser, visit, artifacts, key, labels):
    v = visit(rendered_batch.html(key))
    page = v.page

    for label in labels:
        header = page.locator("table th").filter(
            has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
        )
        assert header.count() >= 1, label
        assert header.first.is_visible(), label

    images = page.locator("img")
    assert images.count() >= 4
    page.evaluate("() => Promise.all([...document.images].map(i => i.decode()))")
    sizes = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete, i.naturalWidth])")
    assert all(complete and width > 0 for complete, width in sizes), sizes
    assert _visible(images) == list(range(images.count()))

    assert page.locator(".jp-CodeCell").count() >= 10
    assert _visible(page.locator(".jp-CodeCell .jp-InputArea")) == []
    assert _visible(page.locator(".jp-InputPrompt, .jp-OutputPrompt")) == []
    body = page.inner_text("body")
    assert "injected-parameters" not in body
    assert "from analysis import" not in body
    assert page.locator("#provenance").is_visible()
    assert "O*NET 30.1 Database" in page.inner_text("#provenance")

    page.screenshot(path=str(artifacts / f"report-{key}.png"), full_page=True)
    _assert_clean(v, browser)


@pytest.mark.parametrize("key", ["public", "seed"])
def test_report_shows_no_papermill_instructions(rendered_batch, visit, key):
    body = visit(rendered_batch.html(key)).page.inner_text("body")
    assert "papermill" not in body


def _column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#pairs tbody tr", f"rows => rows.map(r => r.children[{index}].textContent.trim())"
    )


def test_index_links_resolve_and_columns_sort(rendered_batch, browser, visit, artifacts):
    v = visit(rendered_batch.result.index)
    page = v.page

    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert len(hrefs) == 3
    for href in hrefs:
        url = urlparse(href)
        assert url.scheme == "file", href
        assert Path(unquote(url.path)).is_file(), href

    headers = page.locator("#pairs thead th")
    names = [h.strip() for h in headers.all_inner_texts()]
    pair_col, gap_col = names.index("Pair"), names.index("Annual mean wage gap")

    before = _column(page, pair_col)
    assert len(before) == 3
    headers.nth(pair_col).click()
    ascending = _column(page, pair_col)
    assert ascending == sorted(before, key=str.lower)
    assert ascending != before  # the pairs-file order is not alphabetical
    assert headers.nth(pair_col).get_attribute("aria-sort") == "ascending"
    headers.nth(pair_col).click()
    assert _column(page, pair_col) == ascending[::-1]
    assert headers.nth(pair_col).get_attribute("aria-sort") == "descending"

    headers.nth(gap_col).click()
    values = page.eval_on_selector_all(
        "#pairs tbody tr",
        f"rows => rows.map(r => parseFloat(r.children[{gap_col}].dataset.value))",
    )
    assert len(values) == 3 and values == sorted(values)

    page.screenshot(path=str(artifacts / "index.png"), full_page=True)
    _assert_clean(v, browser)


def test_index_link_opens_the_report(rendered_batch, browser, visit):
    v = visit(rendered_batch.result.index)
    page = v.page
    link = page.locator("a[href]", has_text="43-4151 vs 43-4051")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/{rendered_batch.slugs['codes']}.html")
    assert page.locator("#provenance").is_visible()
    assert "Order Clerks" in page.title()
    _assert_clean(v, browser)
