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
