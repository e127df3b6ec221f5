"""The batch index page, from hand-written outcomes (no rendering)."""

from bs4 import BeautifulSoup

from analysis.batch.index import occupations, write_index
from analysis.batch.pairs import BadRow, Pair
from analysis.batch.tasks import Outcome, Summary

MINUS = "\u2212"

# Headline figures of two real session-batch reports (OEWS May 2025, CPS 2023).
CODES = {
    "a": "Order Clerks",
    "b": "Customer Service Representatives",
    "soc_a": "43-4151",
    "soc_b": "43-4051",
    "dataset": "public",
    "annual_mean_wage_gap": 1630.0,  # 48,220 - 46,590
    "annual_mean_wage_gap_pct": 3.4986048508263576,  # 1,630 / 46,590
    "significant": True,
    "significant_reason": None,
    "women_pct_gap": -7.0,  # 58.3 - 65.3
    "women_pct_gap_reason": None,
    "education_dissimilarity": 0.08461438561438557,
    "education_dissimilarity_reason": None,
    "race_dissimilarity": 0.083,
    "race_dissimilarity_reason": None,
}
SEED = {
    "a": "Order Processing Specialist",
    "b": "Customer Relations Specialist",
    "soc_a": None,
    "soc_b": None,
    "dataset": "seed",
    "annual_mean_wage_gap": -287,  # 37,540 - 37,827
    "annual_mean_wage_gap_pct": -0.7587173183176038,
    "significant": None,
    "significant_reason": "the source publishes no standard error for this figure",
    "women_pct_gap": 2.1,
    "women_pct_gap_reason": None,
    "education_dissimilarity": None,
    "education_dissimilarity_reason": "the educational attainment distribution is missing "
    "for at least one profession",
    "race_dissimilarity": 0.084,
    "race_dissimilarity_reason": None,
}
PUBLIC = dict(
    CODES,
    a="Word Processors and Typists",
    soc_a="43-9022",
    annual_mean_wage_gap=4530.0,
    annual_mean_wage_gap_pct=9.7,
    women_pct_gap=None,
    women_pct_gap_reason="the figure is missing for the first profession",
)


def _outcomes():
    return [
        Outcome(
            Pair("order processing specialist", "customer relations representative",
                 "order processing specialist vs customer relations representative", "public", 2),
            "opr", "rendered", summary=Summary(**PUBLIC),
        ),
        Outcome(
            Pair("order processing specialist", "customer relations specialist",
                 "seed pair", "seed", 3),
            "seed", "skipped", summary=Summary(**SEED),
        ),
        Outcome(Pair("43-4151", "43-4051", "43-4151 vs 43-4051", "public", 4), "codes",
                "rendered", summary=Summary(**CODES)),
        Outcome(Pair("zzzz", "cashier", "zzzz vs cashier", "public", 5), "zzzz", "failed",
                error="No occupation is known by the title 'zzzz'"),
    ]  # fmt: skip


def _page(tmp_path):
    path = write_index(tmp_path, _outcomes(), [BadRow(6, "needs two professions")])
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _column(soup, name):
    heads = [th.get_text(" ", strip=True) for th in soup.select("#pairs thead th")]
    col = next(i for i, h in enumerate(heads) if h.startswith(name))
    return [tr.find_all("td")[col] for tr in soup.select("#pairs tbody tr")]


def test_numeric_cells_carry_their_value_and_use_the_minus_sign(tmp_path):
    soup = _page(tmp_path)
    gap = _column(soup, "Annual mean wage gap")
    assert [td.get_text(strip=True) for td in gap] == ["+$4,530", MINUS + "$287", "+$1,630", "n/a"]
    assert [td["data-value"] for td in gap] == ["4530.0", "-287", "1630.0", ""]
    pct = _column(soup, "Gap %")
    assert [td.get_text(strip=True) for td in pct] == ["+9.7%", MINUS + "0.8%", "+3.5%", "n/a"]
    assert pct[1]["data-value"] == "-0.7587173183176038"
    women = _column(soup, "Women share gap")
    assert [td.get_text(strip=True) for td in women] == [
        "n/a",
        "+2.1 pts",
        MINUS + "7.0 pts",
        "n/a",
    ]
    edu = _column(soup, "Education difference")
    assert [td.get_text(strip=True) for td in edu] == ["0.085", "n/a", "0.085", "n/a"]


def test_missing_figures_say_why(tmp_path):
    soup = _page(tmp_path)
    [women_na] = _column(soup, "Women share gap")[0].find_all("abbr")
    assert women_na.get_text() == "n/a"
    assert women_na["title"] == "the figure is missing for the first profession"
    [sig_na] = _column(soup, "Significant")[1].find_all("abbr")
    assert sig_na["title"] == "the source publishes no standard error for this figure"
    [edu_na] = _column(soup, "Education difference")[1].find_all("abbr")
    assert edu_na["title"].startswith("the educational attainment distribution is missing")
    # no bare "-" anywhere in the table body
    cells = [td.get_text(strip=True) for td in soup.select("#pairs tbody td")]
    assert "-" not in cells


def test_headers_are_buttons_with_types(tmp_path):
    soup = _page(tmp_path)
    heads = soup.select("#pairs thead th")
    assert len(heads) == 11
    assert all(th.get("scope") == "col" and th.find("button") for th in heads)
    numeric = [th.get_text(" ", strip=True) for th in heads if th["data-type"] == "num"]
    assert numeric == ["Annual mean wage gap", "Gap %", "Women share gap pts",
                       "Education difference 0\u20131", "Race difference 0\u20131"]  # fmt: skip
    assert soup.find("main") is not None and soup.find("html")["lang"] == "en"


def test_legend_explains_d_significance_and_statuses(tmp_path):
    legend = _page(tmp_path).find("dl", class_="legend")
    terms = [dt.get_text(strip=True) for dt in legend.find_all("dt")]
    for term in ("Significant", "Education difference, Race difference", "Status", "Gap %", "n/a"):
        assert term in terms
    text = legend.get_text(" ", strip=True)
    assert "1.96" in text and "percentage points" in text and "skipped" in text


def test_occupations_list_every_report_they_appear_in(tmp_path):
    listed = occupations(_outcomes())
    by_title = {o["title"]: o for o in listed}
    # Customer Service Representatives is B of two public pairs; the failed pair adds nothing
    csr = by_title["Customer Service Representatives"]
    assert [r["href"] for r in csr["reports"]] == ["opr.html", "codes.html"]
    assert csr["anchor"] == "occ-public-43-4051"
    # the seed dataset's occupations have no SOC code and stay apart from public ones
    assert (
        by_title["Order Processing Specialist"]["anchor"] == "occ-seed-order-processing-specialist"
    )
    assert [o["title"] for o in listed] == sorted((o["title"] for o in listed), key=str.lower)
    assert len(listed) == 5

    soup = _page(tmp_path)
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    a_links = [td.find("a") for td in _column(soup, "A")]
    assert [a["href"] if a else None for a in a_links] == [
        "#occ-public-43-9022", "#occ-seed-order-processing-specialist", "#occ-public-43-4151", None,
    ]  # fmt: skip
    item = soup.find(id="occ-public-43-4051")
    assert [a["href"] for a in item.find_all("a")] == ["opr.html", "codes.html"]


def test_failed_row_and_bad_rows_are_shown(tmp_path):
    soup = _page(tmp_path)
    failed = soup.select("#pairs tbody tr.failed")
    assert len(failed) == 1
    assert "No occupation is known" in failed[0].get_text()
    assert failed[0].find("a", class_="pair-link") is None
    assert "row 6: needs two professions" in soup.get_text()


def test_the_count_line_says_pair_for_one_and_pairs_for_more(tmp_path):
    one = write_index(tmp_path / "one", _outcomes()[:1], [])
    many = write_index(tmp_path / "many", _outcomes(), [])
    assert "1 pair." in one.read_text(encoding="utf-8")
    assert "4 pairs, " in many.read_text(encoding="utf-8")  # then "1 failed"
