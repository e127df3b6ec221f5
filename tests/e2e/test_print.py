"""Print the session's reports to PDF in Chromium (its print CSS) and read the pages back.

A page other than the last must not be a third blank (the next block pushed over
by a forced break or by one that could not fit), and no chart or table may start on
one page and end on the next. Where each one starts and ends is found by two tiny
markers put into the page before printing (a test-only change of one character of
1 px type at each end, which does not move the layout).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]  # slow from its fixtures (tests/conftest.py)

CHROMIUM = Path("/usr/bin/chromium")
FOOTER_PT = 18 / 25.4 * 72  # @page bottom margin (18 mm), where the page footer sits
TOP_PT = 16 / 25.4 * 72  # @page top margin

MARK = """() => {
  const put = (el, text, atEnd) => {
    const s = document.createElement('span');
    s.textContent = text;
    s.style.cssText = 'font-size:1px;line-height:0;color:#fff';
    atEnd ? el.append(s) : el.prepend(s);
  };
  // a closed <details> is not printed (report.css): its tables are not looked for
  const blocks = [...document.querySelectorAll('main table, main figure')]
    .filter(el => !el.closest('details:not([open])'));
  blocks.forEach((el, i) => {
    const first = el.tagName === 'TABLE' ? el.querySelector('tbody tr td, tbody tr th') : el;
    const rows = el.tagName === 'TABLE' ? el.querySelectorAll('tbody tr') : null;
    const last = el.tagName === 'TABLE' ? rows[rows.length - 1].lastElementChild
                                        : (el.querySelector('figcaption') || el);
    put(first, `QS${i}Q`, false);
    put(last, `QE${i}Q`, true);
  });
  return blocks.length;
}"""


@pytest.fixture(scope="module")
def pdf_of(tmp_path_factory):
    pdfplumber = pytest.importorskip("pdfplumber")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path_factory.mktemp("print")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )

        def render(html: Path) -> tuple[int, list]:
            page = browser.new_page()
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                ),
            )
            page.goto(html.as_uri(), wait_until="load")
            blocks = page.evaluate(MARK)
            target = out / f"{html.stem}.pdf"
            page.pdf(path=str(target), format="Letter", prefer_css_page_size=True)
            page.close()
            return blocks, pdfplumber.open(target).pages

        try:
            yield render
        finally:
            browser.close()


def _fill(page) -> float:
    """Share of the page's writing area (inside the margins) down to its last mark."""
    body = [
        o for o in page.chars + page.images + page.rects if o["bottom"] < page.height - FOOTER_PT
    ]
    bottom = max((o["bottom"] for o in body), default=TOP_PT)
    return (bottom - TOP_PT) / (page.height - FOOTER_PT - TOP_PT)


@pytest.mark.parametrize("key", ["public", "codes", "seed"])
def test_printed_report_has_no_blank_thirds_and_no_split_chart_or_table(
    rendered_batch, pdf_of, key
):
    blocks, pages = pdf_of(rendered_batch.html(key))
    assert blocks >= 10 and len(pages) >= 3
    text = [page.extract_text() or "" for page in pages]
    # the two collapsed blocks that print open: the formulas and the report's provenance
    printed = " ".join(text)
    assert "How it is computed" in printed
    assert "Reproduce this report" in printed and "Command:" in printed
    fills = [_fill(page) for page in pages]
    # every page but the last is at least two thirds full
    assert all(f >= 2 / 3 for f in fills[:-1]), [f"{f:.0%}" for f in fills]
    starts: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for number, page_text in enumerate(text, 1):
        squashed = re.sub(r"\s+", "", page_text)
        for i in re.findall(r"QS(\d+)Q", squashed):
            starts.setdefault(i, []).append(number)
        for i in re.findall(r"QE(\d+)Q", squashed):
            ends.setdefault(i, []).append(number)
    assert len(starts) == len(ends) == blocks  # every marker was printed
    split = {i: (starts[i], ends[i]) for i in starts if starts[i] != ends[i] or len(starts[i]) != 1}
    assert split == {}, split  # block -> (pages of its start, pages of its end)
