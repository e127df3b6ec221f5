import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from analysis.presentation.html import Row, data_table, no_math, num, paragraph, txt

MINUS = "\u2212"


def _soup(html):
    return BeautifulSoup(str(html), "html.parser")


def _pay_table():
    reason = "CPS Table 39 (2025): not published where the base is under 50,000"
    return data_table(
        "Median weekly earnings by sex (CPS 2025)",
        ["Figure", "Order Clerks", "Customer Service Representatives"],
        [
            Row("Men's median weekly earnings", [num("n/a", reason), num("$1,053")]),
            Row("Women's median weekly earnings", [num("n/a", reason), num("$903")]),
            Row("Women's earnings as % of men's", [num("n/a", reason), num("85.8%")]),
            Row("Difference", [num(MINUS + "$150", "women minus men"), txt("see note")]),
        ],
        notes=["Full-time wage and salary workers."],
    )


def test_table_has_caption_scopes_and_no_empty_headers():
    soup = _soup(_pay_table())
    t = soup.find("table")
    assert t.caption.get_text() == "Median weekly earnings by sex (CPS 2025)"
    heads = t.thead.find_all("th")
    assert [h.get_text() for h in heads] == [
        "Figure", "Order Clerks", "Customer Service Representatives",
    ]  # fmt: skip
    assert all(h["scope"] == "col" for h in heads)
    rows = t.tbody.find_all("tr")
    assert [r.th["scope"] for r in rows] == ["row"] * 4
    assert all(th.get_text().strip() for th in t.find_all("th"))


def test_numbers_right_text_left():
    t = _soup(_pay_table()).find("table")
    heads = t.thead.find_all("th")
    # the first data column is all numbers; the second has one text cell
    assert [h.get("class") for h in heads] == [None, ["num"], None]
    last = t.tbody.find_all("tr")[-1].find_all("td")
    assert [c.get("class") for c in last] == [["num"], None]


def test_each_reason_is_one_footnote():
    soup = _soup(_pay_table())
    marks = [s.get_text() for s in soup.find("table").find_all("sup")]
    assert marks == ["a", "a", "a", "b"]
    notes = [li.get_text(" ", strip=True) for li in soup.find("ul", class_="table-notes")("li")]
    assert notes == [
        "a CPS Table 39 (2025): not published where the base is under 50,000",
        "b women minus men",
        "Full-time wage and salary workers.",
    ]
    cells = [td.get_text() for td in soup.find("table").tbody("td")]
    assert cells[0] == "n/aa" and cells[-2] == MINUS + "$150b"  # text then its marker


def test_text_is_escaped_and_markup_kept():
    html = data_table("<script>", ["A & B", "x"], [Row("<b>", [txt("1 < 2")])])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<td>1 &lt; 2</td>" in html
    assert isinstance(html, Markup)
    assert str(paragraph("a < b", "verdict")) == '<p class="verdict">a &lt; b</p>'


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="every column needs a header"):
        data_table("c", ["", "A"], [])
    with pytest.raises(ValueError, match="row 'x' has 2 cells, expected 1"):
        data_table("c", ["Figure", "A"], [Row("x", [txt("1"), txt("2")])])


def test_many_notes_get_double_letters():
    rows = [Row(f"r{i}", [txt("n/a", f"reason {i}")]) for i in range(28)]
    marks = [s.get_text() for s in _soup(data_table("c", ["Figure", "A"], rows)).table("sup")]
    assert marks[25:] == ["z", "aa", "ab"]


def test_table_sits_in_its_own_named_scroll_box():
    box = _soup(_pay_table()).find("div", class_="table-scroll")
    assert box["role"] == "region" and box["tabindex"] == "0"
    assert box["aria-label"] == "Median weekly earnings by sex (CPS 2025)"
    assert box.find("table") and box.find("ul", class_="table-notes")


def test_stacked_table_names_each_cell_by_its_column():
    rows = [Row("Annual mean wage", [num("$59,710"), num("$48,770")])]
    table = _soup(data_table("c", ["Figure", "A", "B"], rows, stacked=True)).table
    assert table["class"] == ["report-table", "stacked"]
    assert [td["data-label"] for td in table("td")] == ["A", "B"]
    # each cell's content is one flex item, the "$" set apart by no_math included, so on a
    # phone it reads "$59,710" beside its label, not "$" and "59,710" at either end
    shown = no_math(data_table("c", ["Figure", "A", "B"], rows, stacked=True))
    tds = _soup(shown).table("td")
    assert [[c.name for c in td.children] for td in tds] == [["span"], ["span"]]
    assert [td.span.get_text() for td in tds] == ["$59,710", "$48,770"]
    plain = _soup(data_table("c", ["Figure", "A", "B"], rows)).table
    assert plain["class"] == ["report-table"] and not plain.td.has_attr("data-label")
