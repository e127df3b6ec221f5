import pytest
from bs4 import BeautifulSoup

from analysis.presentation.summary import Tile, cards, growth_words, tiles

MINUS = "\u2212"

# Order Clerks (43-4151): OEWS May 2025, EP 2024-34, CPS 2023
ORDER_CLERKS = {
    "annual_mean_wage": 48220.0,
    "annual_median_wage": 46170.0,
    "employment_change_pct_2024_2034": -17.2,
    "typical_entry_education": "Some college, no degree",
    "employment": 75200.0,
    "women_pct": 58.3,
}


@pytest.mark.parametrize(
    ("change", "average", "expected"),
    [
        (-17.2, 3.1, "Projected to decline"),
        (0.0, 3.1, "Below the all-occupations rate"),
        (3.1, 3.1, "Same as all occupations"),
        (3.14, 3.1, "Same as all occupations"),  # equal at one decimal
        (3.2, 3.1, "Above the all-occupations rate"),
        (None, 3.1, None),
        (2.0, None, "Projected to grow"),
    ],
)
def test_growth_words(change, average, expected):
    assert growth_words(change, average) == expected


def test_tiles_rank_against_all_occupations():
    got = tiles(ORDER_CLERKS, "43-4151", {})
    assert got == [
        Tile("Mean pay", "$48,220", "645th of 825", "All occupations: $69,770"),
        Tile("Median pay", "$46,170", "640th of 825", "All occupations: $50,980"),
        Tile(
            "Growth 2024-34",
            f"{MINUS}17.2%",
            "Projected to decline, 814th of 830",
            "All occupations: +3.1%",
        ),
        Tile("Typical entry education", "Some college, no degree", "Same as 7 of 830 occupations"),
        Tile("Jobs", "75,200", "314th of 830", "All occupations: 155.5 million"),
        Tile("Women's share", "58.3%", "124th of 350 Census occupations", "All occupations: 46.9%"),
    ]


def test_missing_figures_say_why_and_seed_figures_are_not_ranked():
    values = dict(ORDER_CLERKS, women_pct=None)
    why = {"women_pct": "CPS Table 11 (2023): no data for this occupation"}
    women = tiles(values, "43-4151", why)[-1]
    assert (women.value, women.rank, women.note) == ("n/a", None, why["women_pct"])
    assert women.context == "All occupations: 46.9%"
    seed = tiles(dict(ORDER_CLERKS, annual_mean_wage=37540), None, {}, ranked=False)
    assert seed[0] == Tile("Mean pay", "$37,540")
    assert all(t.context is None for t in seed)
    # no "x of N"
    assert [t.rank for t in seed] == [None, None, "Projected to decline", None, None, None]


def test_cards_html():
    html = cards(
        [("A", "Order Clerks", tiles(ORDER_CLERKS, "43-4151", {})),
         ("B", "<b>B</b>", [Tile("Jobs", "n/a", note="not published")])],
        notes=["Ranks: 1st is the highest."],
    )  # fmt: skip
    soup = BeautifulSoup(str(html), "html.parser")
    titles = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert titles == ["A Order Clerks", "B <b>B</b>"]  # escaped, shown as text
    first = soup.find("div", class_="tile")
    assert first.dt.get_text() == "Mean pay"
    assert [d["class"][0] for d in first.find_all("dd")] == ["value", "rank", "all"]
    # a missing figure: "n/a" with a footnote number, the reason under the cards
    jobs = soup.find_all("div", class_="tile")[-1]
    assert jobs.find("dd").get_text() == "n/a1"
    assert soup.find("p", class_="tiles-note").get_text() == (
        "1. not published Ranks: 1st is the highest."
    )
    # an education level is words, set smaller than a figure
    assert soup.find_all("div", class_="tile")[3].find("dd")["class"] == ["value", "words"]
