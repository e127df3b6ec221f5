import matplotlib

matplotlib.use("Agg")  # headless; must precede pyplot

import copy  # noqa: E402
import dataclasses  # noqa: E402
import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from IPython.display import HTML, Image, Markdown  # noqa: E402

from analysis import notebook as nb  # noqa: E402
from analysis.comparison.pair import Comparison  # noqa: E402
from analysis.presentation import plots  # noqa: E402

SEED = ("Order Processing Specialist", "Customer Relations Specialist", "seed")
PUBLIC = ("43-4151", "43-4051", "public")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


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


EXPECTED_TYPES = {
    "title": Markdown,
    "pay_gap_table": pd.DataFrame,
    "places": pd.DataFrame,
    "state_winners": pd.DataFrame,
    "education_detail": pd.DataFrame,
    "entry_requirements": pd.DataFrame,
    "indices": Markdown,
    "skills": pd.DataFrame,
    "data_and_method": Markdown,
}


@pytest.mark.parametrize("which", ["public", "seed"])
@pytest.mark.parametrize("name", list(EXPECTED_TYPES))
def test_sections_return_displayable_types(request, which, name):
    comp = request.getfixturevalue(which)
    assert isinstance(comp, Comparison)
    assert isinstance(getattr(nb, name)(comp), EXPECTED_TYPES[name])


@pytest.mark.parametrize("which", ["public", "seed"])
def test_seed_section_and_places_note_types(request, which):
    comp = request.getfixturevalue(which)
    for name in ("overview", "pay", "education", "demographics"):
        assert isinstance(nb.seed_section(comp, name), pd.DataFrame)
    assert isinstance(nb.places_note(), Markdown)
    assert isinstance(nb.escape("x"), HTML)


def test_pay_gap_table_public_hand_worked(public):
    t = nb.pay_gap_table(public)
    row = t.loc["Annual mean wage"]
    assert row["A"] == "$48,220" and row["B"] == "$46,590"
    assert row["A - B"] == "$1,630"  # 48,220 - 46,590
    assert row["A - B (%)"] == "+3.5%"  # 1,630 / 46,590 = 3.4986 %
    # SE 258.48; 1,630 -/+ 1.959964 * 258.48 = [1,123.39, 2,136.61]
    assert row["95% CI of A - B"] == "$1,123 to $2,137"
    assert row["verdict (95%)"] == "statistically significant"
    assert t.loc["Hourly mean wage", "A - B"] == "$0.79"  # 23.19 - 22.40
    assert t.loc["Number of jobs", "A - B"] == "-2,520,550"  # 75,200 - 2,595,750
    assert t.loc["Growth 2024-34", "A - B"] == "-11.7%"  # -17.2 - (-5.5)


def test_pay_gap_table_seed_makes_no_claim(seed):
    t = nb.pay_gap_table(seed)
    assert t.loc["Annual mean wage", "A - B"] == "-$287"  # 37,540 - 37,827
    assert t.loc["Annual mean wage", "95% CI of A - B"] == "-"
    assert t.loc["Annual mean wage", "verdict (95%)"].startswith("no claim")
    assert t.loc["Annual 90th percentile", "A - B"] == "$0"  # 52,000 - 52,000


def test_seed_sections_without_data_degrade_to_dashes_and_notes(seed):
    assert set(nb.places(seed).to_numpy().ravel()) == {"-"}
    assert nb.state_winners(seed)["note"].tolist() == ["no state has published wages for both"]
    assert nb.education_detail(seed).empty
    md = nb.indices(seed).data
    assert "Race dissimilarity index D (White, Black, Asian, other races) = 0.084" in md


def test_state_winners_public_counts_add_up(public):
    t = nb.state_winners(public)
    assert list(t.index) == ["Order Clerks", "Customer Service Representatives"]
    counts = t["states where it pays more"].tolist()
    sc = public.state_comparison
    assert counts == [int((sc["higher"] == "a").sum()), int((sc["higher"] == "b").sum())]
    assert sum(counts) <= len(sc)


def test_figure_is_deterministic_png(public):
    first = nb.figure(plots.wage_percentile_chart(public))
    second = nb.figure(plots.wage_percentile_chart(public))
    assert isinstance(first, Image)
    assert first.data.startswith(PNG_MAGIC)
    assert first.data == second.data


def test_figure_closes_the_figure(public):
    fig = plots.education(public)
    number = fig.number
    nb.figure(fig)
    assert not plt.fignum_exists(number)


def test_title_escapes_html_in_titles(seed):
    comp = copy.copy(seed)
    comp.a = dataclasses.replace(seed.a, title="<script>alert(1)</script> Specialist")
    md = nb.title(comp).data
    assert "<script>" not in md and "</script>" not in md
    assert md.startswith(
        "# &lt;script&gt;alert(1)&lt;/script&gt; Specialist vs Customer Relations Specialist"
    )
    # the narrative paragraphs that repeat the title are escaped too
    assert "&lt;script&gt;alert(1)&lt;/script&gt; specialists" in md


def test_escape_html():
    assert nb.escape("<b>A & B</b>").data == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert nb.escape(None).data == "-"


@pytest.mark.parametrize("which", ["public", "seed"])
def test_title_escapes_dollars_for_markdown(request, which):
    md = nb.title(request.getfixturevalue(which)).data
    assert "\\$" in md  # e.g. \$48,220 / \$37,827
    assert not UNESCAPED_DOLLAR.search(md)


def test_title_public_content(public):
    md = nb.title(public).data
    assert md.startswith("# Order Clerks vs Customer Service Representatives\n\n")
    assert "(SOC 43-4151 vs 43-4051)" in md
    assert "\\$48,220" in md and "statistically significant at the 95% level" in md


def test_md_escapes_markdown_specials():
    assert nb._md("a*b_c`d[e]#f|g$h") == "a\\*b\\_c\\`d\\[e\\]\\#f\\|g\\$h"
    assert nb._md("R&D <x>") == "R&amp;D &lt;x&gt;"


def test_indices_public_values(public):
    md = nb.indices(public).data
    # education D hand-worked in test_gaps: 0.0846 -> "0.085"
    assert "- Education dissimilarity index D = 0.085" in md


def test_title_subtitle_renders_as_one_italic_line(public):
    mistune = pytest.importorskip("mistune")
    subtitle = nb.title(public).data.split("\n\n")[1]
    assert mistune.html(subtitle).strip() == (
        "<p><em>Compared from official public data (BLS, O*NET, Census) "
        "(SOC 43-4151 vs 43-4051).</em></p>"
    )


def test_indices_missing_correlation_gives_a_reason():
    comp = nb.load("11-2032", "43-9022")  # 11-2032 has no O*NET skill ratings
    md = nb.indices(comp).data
    assert comp.gaps.skills.skill_profile_correlation is None
    assert "Skill profile correlation = - (Pearson correlation" not in md
