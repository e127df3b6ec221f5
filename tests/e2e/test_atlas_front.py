"""The atlas's front page for all 830 occupations, in Chromium over file:// with the network off.

The page is the real one (``pages.render_index`` of a plan of every occupation, the real
``search.js`` and ``search-index.js``), written without any pair report, so a reader's
search is measured against the full index in seconds. Links to occupation pages are
checked on a real small atlas in test_atlas_site.py.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from analysis import config
from analysis.atlas import figures, pages, site
from analysis.atlas.plan import AtlasPlan
from analysis.atlas.search import search_index, search_script
from analysis.data import dataset

pytestmark = [pytest.mark.e2e]

CHROMIUM = Path("/usr/bin/chromium")
LAY_QUERIES = Path(__file__).with_name("lay_queries.csv")
"""What people type and the occupation they mean (``why`` says how we chose it)."""


@pytest.fixture(scope="module")
def front_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("front")
    assets = out / pages.ASSETS_DIR
    assets.mkdir()
    for name in site.ASSETS:
        shutil.copy(config.ATLAS_ASSETS_DIR / name, assets / name)
    everyone = tuple(sorted(dataset.table("occupations")["soc"].astype(str)))
    (assets / site.SEARCH_INDEX).write_text(search_script(search_index(everyone)), "utf-8")
    plan = AtlasPlan(1, everyone, ())
    inputs = pages.index_inputs(plan, figures.occupation_figures(), {})
    (out / "index.html").write_text(pages.render_index(pages.environment(), inputs), "utf-8")
    return out / "index.html"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        blocked: list[str] = []

        def offline(route):
            if route.request.url.startswith(("file://", "data:")):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", offline)
        context.blocked = blocked
        try:
            yield context
        finally:
            chromium.close()


@pytest.fixture
def front(front_page, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(front_page.as_uri())
    page.wait_for_selector("body[data-search-ready]")
    page.errors = errors
    yield page
    assert errors == [] and browser.blocked == []
    page.close()


def _results(page, query: str) -> list[str]:
    page.fill("#q", query)
    return page.eval_on_selector_all(
        "#results [role=option]", "as => as.map(a => a.getAttribute('href'))"
    )


def _soc(href: str) -> str:
    return href.removeprefix("occupations/").removesuffix(".html")


def test_lay_queries_open_the_occupation_people_mean(front, capsys):
    rows = list(csv.DictReader(LAY_QUERIES.open(encoding="utf-8")))
    assert len(rows) >= 40
    top1 = top3 = 0
    misses = []
    for row in rows:
        found = [_soc(h) for h in _results(front, row["query"])[:3]]
        top1 += found[:1] == [row["soc"]]
        top3 += row["soc"] in found
        if found[:1] != [row["soc"]]:
            misses.append(f"{row['query']!r}: wanted {row['soc']}, got {found}")
    with capsys.disabled():
        print(
            f"\nsearch accuracy on {len(rows)} lay queries: top-1 {top1} "
            f"({top1 / len(rows):.1%}), top-3 {top3} ({top3 / len(rows):.1%}); " + "; ".join(misses)
        )
    assert top1 / len(rows) >= 0.9, misses
    assert top3 / len(rows) >= 0.95, misses


def test_a_word_found_as_it_is_is_not_read_as_a_typo(front):
    # "lawyer" is a title, so no edit is tried: not Sawyers (51-7041) nor layers.
    assert [_soc(h) for h in _results(front, "lawyer")] == ["23-1011"]
    # "cook" matches cooks, not "coordinator" (one edit from "coor..."): few results.
    cooks = [_soc(h) for h in _results(front, "cook")]
    assert cooks[0] == "35-2014" and len(cooks) <= 25
    assert "no occupation" not in front.inner_text("#search-status").lower()
    status = front.inner_text("#search-status")
    assert "first: Cooks, Restaurant (35-2014)" in status
    # A typo still finds its word when no title has it as typed.
    assert _soc(_results(front, "electrican")[0]) == "47-2111"


def _active(page) -> tuple[str | None, str | None]:
    """The input's aria-activedescendant and the id of the option marked selected."""
    return tuple(
        page.evaluate(
            """() => [document.getElementById('q').getAttribute('aria-activedescendant'),
                      document.querySelector('#results [aria-selected=true]')?.id ?? null]"""
        )
    )


def _opens(page) -> str:
    """Press Enter and return the page it opens, relative to the front page.

    This site has no occupation pages (test_atlas_site.py follows the links of a real one),
    so the navigation's request is what is checked.
    """
    with page.expect_request(lambda r: r.is_navigation_request()) as request:
        page.keyboard.press("Enter")
    base = page.url.rsplit("/", 1)[0] + "/"
    return request.value.url.removeprefix(base)


def test_search_is_a_combobox_driven_by_the_keyboard(front):
    q = front.locator("#q")
    assert q.get_attribute("role") == "combobox"
    assert q.get_attribute("aria-controls") == "results"
    assert q.get_attribute("aria-expanded") == "false"
    assert front.locator("#results").get_attribute("role") == "listbox"
    q.focus()
    front.keyboard.type("registered nurse")
    assert q.get_attribute("aria-expanded") == "true"
    # the live region says how many match and which comes first
    status = front.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    count = front.locator("#results [role=option]").count()
    assert count >= 2
    text = status.inner_text()
    assert text.startswith(f"{count} occupations match")
    assert "first: Registered Nurses (29-1141)" in text
    assert _active(front) == (None, None)
    front.keyboard.press("ArrowDown")
    assert _active(front) == ("result-0", "result-0")
    front.keyboard.press("ArrowDown")
    assert _active(front) == ("result-1", "result-1")
    front.keyboard.press("ArrowUp")
    assert _active(front) == ("result-0", "result-0")
    front.keyboard.press("ArrowUp")  # wraps to the last
    assert _active(front) == (f"result-{count - 1}",) * 2
    # focus never leaves the box while moving
    assert front.evaluate("document.activeElement.id") == "q"
    front.keyboard.press("ArrowDown")  # back to the first
    second_href = front.locator("#result-1").get_attribute("href")
    front.keyboard.press("ArrowDown")
    assert _opens(front) == second_href


def test_escape_clears_the_search(front):
    front.locator("#q").focus()
    front.keyboard.type("cashier")
    assert front.locator("#results [role=option]").count() >= 1
    front.keyboard.press("Escape")
    assert front.input_value("#q") == ""
    assert front.locator("#results [role=option]").count() == 0
    assert front.locator("#q").get_attribute("aria-expanded") == "false"
    assert front.inner_text("#search-status") == ""


def test_enter_opens_the_first_result(front):
    front.locator("#q").focus()
    front.keyboard.type("lawyer")
    assert _opens(front) == "occupations/23-1011.html"


def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(front):
    front.keyboard.press("Tab")
    focused = front.evaluate("[document.activeElement.className, document.activeElement.href]")
    assert focused[0] == "skip-link" and focused[1].endswith("#main")
    assert front.locator(".skip-link").is_visible()  # shown once focused
    front.keyboard.press("Enter")
    assert front.evaluate("document.activeElement.id") == "main"


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    before = len(page.errors)
    found = Axe().run(page).response["violations"]
    # axe-core reads linked stylesheets with XMLHttpRequest, which Chromium refuses from
    # file:// (a console error of axe's own, not of the page)
    del page.errors[before:]
    return [f"{x['id']} ({len(x['nodes'])}): {x['nodes'][0]['target']}" for x in found]


@pytest.mark.parametrize("width", [1280, 390])
def test_front_page_fits_and_is_axe_clean_with_results_open(front, width):
    pytest.importorskip("axe_playwright_python")
    front.set_viewport_size({"width": width, "height": 900})
    front.fill("#q", "nurse")
    front.keyboard.press("ArrowDown")
    scroll, inner = front.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"front page at {width} px is {scroll} px wide"
    assert _axe_violations(front) == []


def test_chart_draws_every_occupation_with_both_figures_as_a_link(front):
    marks = front.eval_on_selector_all(
        "svg.overview .marks a",
        "as => as.map(a => [a.getAttribute('href'), a.tabIndex, a.textContent])",
    )
    rows = front.eval_on_selector_all(
        "details.chart-table tbody tr",
        """trs => trs.map(tr => [tr.querySelector('a').getAttribute('href'),
                                 ...[...tr.cells].slice(2).map(td => td.textContent.trim())])""",
    )
    assert len(rows) == 830  # the table behind the chart has every occupation
    drawn = {href: (wage, growth) for href, wage, growth in rows if "n/a" not in (wage, growth)}
    assert len(marks) == len(drawn) >= 800
    assert {href for href, _, _ in marks} == set(drawn)
    assert all(tab == -1 for _, tab, _ in marks)  # the table's links are the Tab stops
    # each circle's tooltip says the figures its row says
    for href, _, tooltip in marks:
        wage, growth = drawn[href]
        assert f"{wage} a year, {growth} projected" in tooltip, (href, tooltip)
    caption = front.inner_text(".overview figcaption")
    assert f"{830 - len(drawn)} occupations are not drawn" in caption
    # OEWS's all-occupations mean (national 00-0000, test_build: $69,770) and BLS EP's
    # projected change for all occupations (+3.1%, test_build) are the dashed lines
    assert "($69,770 a year, +3.1%)" in caption


def test_chart_marks_sit_where_their_figures_say(front):
    # Higher wage is higher up, higher growth further right: compare two known occupations.
    # OEWS May 2025: 29-1229 Physicians, All Other earn more than 35-2014 Cooks, Restaurant.
    def centre(soc: str) -> tuple[float, float]:
        box = front.locator(f"svg.overview a[href='occupations/{soc}.html'] circle").bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    shown = front.eval_on_selector_all(
        "details.chart-table tbody tr",
        """trs => trs.map(tr => [tr.querySelector('.soc').textContent,
                                 ...[...tr.cells].slice(2).map(td => td.textContent.trim())])""",
    )

    def number(text: str) -> float:  # "$262,930", "+4.6%", "\u22123.0%"
        return float(text.replace("\u2212", "-").strip("$%+").replace(",", ""))

    table = {soc: (number(w), number(g)) for soc, w, g in shown if "n/a" not in (w, g)}
    (xa, ya), (xb, yb) = centre("29-1229"), centre("35-2014")
    (wage_a, growth_a), (wage_b, growth_b) = table["29-1229"], table["35-2014"]
    assert wage_a > wage_b and ya < yb
    assert (growth_a > growth_b) == (xa > xb)


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_text_is_at_least_11_px(front, width):
    front.set_viewport_size({"width": width, "height": 900})
    sizes = front.evaluate(
        """() => { const svg = document.querySelector('svg.overview');
            const k = svg.getScreenCTM().a;  // CSS px per user unit
            return [...svg.querySelectorAll('text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize) * k); }"""
    )
    assert len(sizes) >= 8 and min(sizes) >= 11, sizes
    scroll, inner = front.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
