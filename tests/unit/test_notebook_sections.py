import matplotlib

matplotlib.use("Agg")  # headless; must precede pyplot

import copy  # noqa: E402
import dataclasses  # noqa: E402
import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from IPython.display import HTML, Markdown  # noqa: E402

from analysis import notebook as nb  # noqa: E402
from analysis.comparison.pair import Comparison  # noqa: E402
from analysis.presentation import plots  # noqa: E402
from analysis.presentation.method_section import markdown_escape  # noqa: E402

SEED = ("Order Processing Specialist", "Customer Relations Specialist", "seed")
PUBLIC = ("43-4151", "43-4051", "public")
MINUS = "\u2212"


@pytest.fixture(scope="module")
def public():
    return nb.load(*PUBLIC)


@pytest.fixture(scope="module")
def seed():
    return nb.load(*SEED)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _soup(shown):
    return BeautifulSoup(shown.data, "html.parser")


def _table(shown, index=0):
    """A table of a section as {row label: [cell texts]} plus its header."""
    table = _soup(shown).find_all("table")[index]
    header = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = {
        tr.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    return header, rows


EXPECTED_TYPES = {
    "title": HTML,
    "pay_gap_table": HTML,
    "places": HTML,
    "state_winners": HTML,
    "education_detail": HTML,
    "entry_requirements": HTML,
    "indices": HTML,
    "skills": HTML,
    "similar_occupations": HTML,
    "gender_pay": HTML,
    "cost_of_living": HTML,
    "data_and_method": Markdown,
}


@pytest.mark.parametrize("which", ["public", "seed"])
@pytest.mark.parametrize("name", list(EXPECTED_TYPES))
def test_sections_return_displayable_types(request, which, name):
    comp = request.getfixturevalue(which)
    assert isinstance(comp, Comparison)
    shown = getattr(nb, name)(comp)
    assert isinstance(shown, EXPECTED_TYPES[name])
    if isinstance(shown, HTML):
        soup = BeautifulSoup(shown.data, "html.parser")
        # publication tables: a caption, every header cell named and scoped
        for table in soup.find_all("table"):
            assert table.caption and table.caption.get_text(strip=True)
            assert all(th.get_text(strip=True) and th.get("scope") for th in table("th"))
        # never a bare "-" for a missing figure
        assert "-" not in [td.get_text(strip=True) for td in soup.find_all("td")]


@pytest.mark.parametrize("which", ["public", "seed"])
def test_seed_section_and_places_note_types(request, which):
    comp = request.getfixturevalue(which)
    for name in ("overview", "pay", "education", "demographics"):
        assert isinstance(nb.seed_section(comp, name), HTML)
    assert isinstance(nb.places_note(), Markdown)


def test_pay_gap_table_public_hand_worked(public):
    header, rows = _table(nb.pay_gap_table(public))
    assert header[:3] == ["Figure", "Order Clerks", "Customer Service Representatives"]
    # 48,220 - 46,590 = 1,630; 1,630 / 46,590 = 3.4986 %;
    # SE 258.48; 1,630 -/+ 1.959964 * 258.48 = [1,123.39, 2,136.61], shown to $10 like
    # the wages; percent CI by the log ratio [2.41 %, 4.60 %] (tests/unit/test_claims.py)
    assert rows["Annual mean wage"] == [
        "$48,220", "$46,590", "+$1,630", "+3.5% (+2.4% to +4.6%)", "+$1,120 to +$2,140",
        "significant",
    ]  # fmt: skip
    assert rows["Hourly mean wage"][2] == "+$0.79"  # 23.19 - 22.40
    # jobs: 75,200 - 2,595,750; SE 10,675.44 from the RSEs 3.3 % and 0.4 %;
    # CI [-2,541,473.5, -2,499,626.5], shown to 10 like the counts
    assert rows["Number of jobs"][2] == MINUS + "2,520,550"
    assert rows["Number of jobs"][4] == f"{MINUS}2,541,470 to {MINUS}2,499,630"
    assert rows["Number of jobs"][5] == "significant"
    _, other = _table(nb.pay_gap_table(public), 1)
    assert "Number of jobs" not in other
    # -17.2 % - (-5.5 %) = -11.7 percentage points
    assert other["Growth 2024-34"] == [MINUS + "17.2%", MINUS + "5.5%", MINUS + "11.7 pts"]
    assert other["Annual 90th percentile"][2] == MINUS + "$60"  # 63,530 - 63,590


def test_pay_gap_table_seed_makes_no_claim(seed):
    shown = nb.pay_gap_table(seed)
    _, rows = _table(shown)
    assert rows["Annual mean wage"][2] == MINUS + "$287"  # 37,540 - 37,827
    assert rows["Annual mean wage"][4] == "n/aa"  # n/a with its footnote
    assert rows["Annual mean wage"][5].startswith("no claim")
    notes = _soup(shown).find("ul", class_="table-notes").get_text()
    assert "no standard error" in notes
    _, other = _table(shown, 1)
    assert other["Annual 90th percentile"][2] == "$0"  # 52,000 - 52,000


def test_seed_sections_without_data_degrade_to_na_with_reasons(seed):
    _, rows = _table(nb.places(seed))
    assert {cell for cells in rows.values() for cell in cells} == {"n/aa"}
    assert "No state publishes mean wages for both" in nb.state_winners(seed).data
    assert "Educational attainment:" in nb.education_detail(seed).data
    _, idx = _table(nb.indices(seed))
    assert idx["Race dissimilarity D (White, Black, Asian, other races)"] == ["0.084"]


def test_state_winners_public_counts_add_up(public):
    _, rows = _table(nb.state_winners(public))
    assert list(rows) == ["Order Clerks", "Customer Service Representatives"]
    sc = public.state_comparison
    counts = [int(rows[k][0].replace(",", "")) for k in rows]
    assert counts == [int((sc["higher"] == "a").sum()), int((sc["higher"] == "b").sum())]


def test_chart_is_svg_with_alt_and_caption(public):
    first = nb.chart(public, "wage_percentiles")
    second = nb.chart(public, "wage_percentiles")
    data, meta = first._repr_mimebundle_()
    assert data["image/svg+xml"].lstrip().startswith(("<?xml", "<svg"))
    assert data["image/svg+xml"] == second._repr_mimebundle_()[0]["image/svg+xml"]  # stable
    assert "<metadata>" not in data["image/svg+xml"]
    assert meta["image/svg+xml"]["alt"].startswith("Line chart of annual wages")
    assert "$35,530" in meta["image/svg+xml"]["alt"]  # Order Clerks 10th percentile
    assert meta["image/svg+xml"]["caption"] == data["text/plain"]


def test_chart_closes_its_figure(public):
    before = set(plt.get_fignums())
    nb.chart(public, "education")
    assert set(plt.get_fignums()) == before


@pytest.mark.parametrize("name", list(plots.CHARTS))
def test_every_chart_has_its_sentences(public, name):
    words = plots.describe(name, public)
    assert words.alt and words.caption and words.alt != words.caption
    # whole words: "Financial" holds "nan" (the transition chart names Management of
    # Financial Resources)
    assert not re.search(r"\b(None|nan)\b", words.alt + words.caption)


def test_title_escapes_html_in_titles(seed):
    comp = copy.copy(seed)
    comp.a = dataclasses.replace(seed.a, title="<script>alert(1)</script> Specialist")
    text = nb.title(comp).data
    assert "<script>" not in text and "</script>" not in text
    soup = BeautifulSoup(text, "html.parser")
    assert soup.h1.get_text() == (
        "<script>alert(1)</script> Specialist vs Customer Relations Specialist"
    )
    # the narrative paragraphs that repeat the title are escaped too
    assert "&lt;script&gt;alert(1)&lt;/script&gt; specialists" in text


def test_title_public_content(public):
    soup = _soup(nb.title(public))
    assert soup.h1.get_text() == "Order Clerks vs Customer Service Representatives"
    assert "(SOC 43-4151 vs 43-4051)" in soup.find("p", class_="subtitle").get_text()
    verdict = soup.find("p", class_="verdict").get_text()
    assert verdict == (
        "Order clerks earn $1,630 more than customer service representatives on average "
        "(A \u2212 B = +$1,630 a year; 95% confidence interval +$1,120 to +$2,140); the gap is "
        "statistically significant at the 95% level."
    )
    assert "A \u2212 B" in soup.find("p", class_="convention").get_text()
    cards = soup.find_all("section", class_="card")
    assert [c.h2.get_text(" ", strip=True) for c in cards] == [
        "A Order Clerks", "B Customer Service Representatives",
    ]  # fmt: skip
    first = cards[0].find("div", class_="tile")
    assert [d.get_text() for d in first.find_all("dd")] == [
        "$48,220", "645th of 825", "All occupations: $69,770",
    ]  # fmt: skip


def test_seed_title_does_not_rank(seed):
    soup = _soup(nb.title(seed))
    assert not soup.find("dd", class_="all")
    assert "not ranked" in soup.find("p", class_="tiles-note").get_text()
    assert "no claim of significance" in soup.find("p", class_="verdict").get_text()


def test_md_escapes_markdown_specials():
    assert markdown_escape("a*b_c`d[e]#f|g$h") == "a\\*b\\_c\\`d\\[e\\]\\#f\\|g\\$h"
    assert markdown_escape("R&D <x>") == "R&amp;D &lt;x&gt;"


def test_indices_public_values(public):
    _, rows = _table(nb.indices(public))
    # education D hand-worked in test_gaps: 0.0846 -> "0.085"
    [d] = rows["Education dissimilarity D"]
    assert d.startswith("0.085")  # with a footnote when a side is a group's EP row


def test_indices_missing_correlation_gives_a_reason():
    comp = nb.load("11-2032", "43-9022")  # 11-2032 has no O*NET skill ratings
    shown = nb.indices(comp)
    assert comp.gaps.skills.skill_profile_correlation is None
    _, rows = _table(shown)
    [corr] = [v for k, v in rows.items() if k.startswith("Skill profile correlation")]
    assert corr[0].startswith("n/a")
    assert comp.gaps.skills.skill_profile_correlation_reason in shown.data


def test_similar_occupations_name_their_possible_reports(public):
    soup = _soup(nb.similar_occupations(public))
    spans = soup.find_all("span", class_="maybe-report")
    assert len(spans) == len(public.a.similar) + len(public.b.similar)
    first = public.a.similar[0]
    assert spans[0]["data-reports"] == (
        f"43-4151--vs--{first.soc}.html {first.soc}--vs--43-4151.html"
    )


def test_data_and_method_uses_readers_names_only(public):
    md = nb.data_and_method(public).data
    assert "women's earnings as % of men's" in md  # not women_to_men_earnings_pct
    assert "_" not in md.replace("\\_", "")
    assert "O*NET 30.1 Database" not in md  # the credit and sources are in the footer, once


def test_figure_is_a_deterministic_png_for_other_notebooks(public):
    from IPython.display import Image

    first = nb.figure(plots.education(public))
    second = nb.figure(plots.education(public))
    assert isinstance(first, Image) and first.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert first.data == second.data


def test_show_displays_each_part_in_order(public):
    """A grouped cell shows its parts one after another, as separate outputs."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()  # display() publishes rich outputs only inside IPython
    with capture_output() as captured:
        nb.show(nb.places_note(), nb.chart(public, "education"), nb.indices(public))
    kinds = [sorted(o.data) for o in captured.outputs]
    assert len(kinds) == 3
    assert "text/markdown" in kinds[0] and "image/svg+xml" in kinds[1] and "text/html" in kinds[2]
