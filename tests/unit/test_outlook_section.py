"""The pair report's outlook section and the two descriptions (issue 22 items 1 and 3).

Figures are the raw cells of BLS EP ``occupation.xlsx``: Table 1.10 row 700
(43-4051: 5.6, 7.4, 13, openings 341.7) and row 3 (all occupations: 4.7,
5.9, 10.6); Table 1.12 row 504 (43-4051's TE1000 factor). 11-1011 (Chief
executives) has no Table 1.12 row.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from analysis.comparison.pair import Comparison, comparison
from analysis.presentation import outlook_section


@pytest.fixture(scope="module")
def comp() -> Comparison:
    return comparison("43-4051", "11-1011", "public")


def _text(markup: object) -> str:
    return " ".join(BeautifulSoup(str(markup), "html.parser").get_text(" ").split())


def test_outlook_table_has_both_and_all_occupations(comp: Comparison) -> None:
    soup = BeautifulSoup(str(outlook_section.outlook_table(comp)), "html.parser")
    rows = {
        r.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in r.find_all("td")]
        for r in soup.tbody.find_all("tr")
    }
    assert rows["Openings a year, thousands"] == ["341.7", "22.2", "18,863.3"]
    assert rows["Labor force exits a year, % of employment"] == ["5.6%", "3.0%", "4.7%"]
    assert rows["Transfers to other occupations a year, % of employment"][::2] == ["7.4%", "5.9%"]
    assert rows["Total separations a year, % of employment"][0] == "13.0%"


def test_why_openings_splits_exits_and_transfers(comp: Comparison) -> None:
    text = _text(outlook_section.why_openings_text(comp))
    # 7.4 / 13.0 = 56.9 % of 43-4051's separations are transfers; 5.9 / 10.6 = 55.7 % overall.
    assert "5.6% of workers to leave the labor force and 7.4% to move" in text
    assert "57% of the 13.0% who leave go to another occupation" in text
    assert "(56% of separations are transfers)" in text


def test_reasons_quote_bls_and_say_why_none(comp: Comparison) -> None:
    text = _text(outlook_section.reasons(comp))
    assert (
        "All industries: Capital/labor substitution - share decreases as advances in speech "
        "and language processing" in text
    )
    assert "Table 1.12" in text
    # 43-4051 has four industry rows: three shown, one counted.
    assert "and factors for 1 more industry" in text
    # Chief executives: n/a with the reason, not an empty entry.
    assert f"{comp.b.title} n/a: " in text and "gives no factor for this occupation" in text


def test_descriptions_show_both_onet_texts(comp: Comparison) -> None:
    text = _text(outlook_section.descriptions_list(comp))
    assert comp.a.description and comp.a.description in text
    assert comp.b.description and comp.b.description in text
    assert "O*NET" in text
