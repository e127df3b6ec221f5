"""Issue 18: every sentence, interval and "winner" is one the data supports.

Figures are the OEWS May 2025 national cells (``/work/shared/data/raw`` OEWS
national file, all-industry rows) and BLS EP Table 5.4 (raw
``bls_ep/education.xlsx``, sheet "Table 5.4"), read by hand.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from analysis.comparison import stats
from analysis.comparison.pair import comparison
from analysis.data import dataset
from analysis.occupations.contract import Profile
from analysis.occupations.profile import entry_path, profile
from analysis.presentation import narrative


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, check=False
    )


def test_a_published_zero_rse_is_computed_as_005_percent() -> None:
    # 43-5052 mean $62,540, 43-5053 $59,430, both with wage RSE 0.0 (OEWS national cells).
    # SE = 0.0005 x 62,540 = 31.27 and 0.0005 x 59,430 = 29.715; SE of the gap
    # sqrt(31.27^2 + 29.715^2) = 43.137; z = 3,110 / 43.137 = 72.10.
    g = comparison("43-5052", "43-5053").gaps.pay.annual_mean_wage
    assert g.difference == 3110
    assert g.se == pytest.approx(43.137, abs=1e-3)
    assert g.z == pytest.approx(72.10, abs=0.01)
    assert g.significant is True
    assert "RSE of 0.0% for both professions (rounded: below 0.05%)" in g.note


def test_the_postal_pair_renders_in_markdown() -> None:
    done = _cli("compare", "43-5052", "43-5053", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (
        "Postal service mail carriers earn more on average than postal service mail sorters, "
        "processors, and processing machine operators: a mean annual wage of $62,540 against "
        "$59,430, $3,110 more (95% confidence interval of the difference +$3,030 to +$3,190)."
    ) in done.stdout


def test_employment_gap_of_order_clerks_and_customer_service_has_a_ci() -> None:
    # 43-4151 employment 75,200 (RSE 3.3 %), 43-4051 2,595,750 (RSE 0.4 %).
    # SE = 0.033 x 75,200 = 2,481.6 and 0.004 x 2,595,750 = 10,383.0;
    # SE of the gap = sqrt(2,481.6^2 + 10,383^2) = 10,675.44; difference -2,520,550;
    # 95 % CI = -2,520,550 -/+ 1.959964 x 10,675.44 = [-2,541,473.5, -2,499,626.5].
    g = comparison("43-4151", "43-4051").gaps.pay.employment
    assert g.difference == -2520550
    assert g.se == pytest.approx(10675.44, abs=0.01)
    assert g.ci95_low == pytest.approx(-2541473.5, abs=0.1)
    assert g.ci95_high == pytest.approx(-2499626.5, abs=0.1)
    assert g.significant is True
    assert g.z == pytest.approx(-2520550 / 10675.44, rel=1e-6)


def test_percent_gap_interval_by_the_log_ratio() -> None:
    # 48,220 (SE 241.10) vs 46,590 (SE 93.18): ln(48,220/46,590) = 0.0343870;
    # half-width 1.959964 x sqrt(0.005^2 + 0.002^2) = 0.0105548;
    # (exp(0.0238322) - 1) x 100 = 2.4119 %, (exp(0.0449418) - 1) x 100 = 4.5968 %.
    g = stats.gap(48220, 46590, 241.10, 93.18)
    assert g.difference_pct_ci95_low == pytest.approx(2.4119, abs=1e-3)
    assert g.difference_pct_ci95_high == pytest.approx(4.5968, abs=1e-3)
    assert g.difference_pct_ci95_low < g.difference_pct < g.difference_pct_ci95_high


def test_two_zero_estimates_get_no_verdict() -> None:
    g = stats.gap(0.0, 0.0, 0.0, 0.0)
    assert g.significant is None and g.z is None and g.reason


def test_time_to_become_is_the_ep_table_5_4_assignment() -> None:
    # EP Table 5.4: 29-1214 "Doctoral or professional degree", work experience "None",
    # typical OJT "Internship/residency"; 23-1011 "Doctoral or professional degree",
    # "None", "None".
    er = profile("29-1214")
    lawyers = profile("23-1011")
    assert er.time_to_become == "a doctoral or professional degree and an internship/residency"
    assert lawyers.time_to_become == "a doctoral or professional degree"
    assert er.years_of_experience == "none"
    text = " ".join(narrative.paragraphs(comparison("29-1214", "23-1011")))
    assert (
        "Becoming an emergency medicine physician typically takes a doctoral or professional "
        "degree and an internship/residency; becoming a lawyer typically takes a doctoral or "
        "professional degree (BLS typical entry requirements, Employment Projections Table "
        "5.4)."
    ) in text
    assert "on-the-job training" not in text.split("(BLS")[0].split("physician")[0]
    assert "month" not in text


@pytest.mark.parametrize(
    ("education", "experience", "ojt", "phrase"),
    [
        ("High school diploma or equivalent", "None", "Short-term on-the-job training",
         "a high school diploma or equivalent and short-term on-the-job training"),
        ("Bachelor's degree", "5 years or more", "None",
         "a bachelor's degree and 5 years or more of work experience in a related occupation"),
        ("Associate's degree", "Less than 5 years", "Apprenticeship",
         "an associate's degree, less than 5 years of work experience in a related occupation "
         "and an apprenticeship"),
        ("No formal educational credential", "None", "None", "no formal educational credential"),
        ("Some college, no degree", "None", "Moderate-term on-the-job training",
         "some college but no degree and moderate-term on-the-job training"),
        ("Doctoral or professional degree", "None", "Internship/residency",
         "a doctoral or professional degree and an internship/residency"),
        ("Postsecondary nondegree award", "None", "Short-term on-the-job training",
         "a postsecondary nondegree award and short-term on-the-job training"),
        (None, "None", "None", None),
    ],
)  # fmt: skip
def test_entry_path_phrases(education, experience, ojt, phrase) -> None:
    assert entry_path(education, experience, ojt) == phrase


def test_no_z_and_no_boilerplate_in_a_public_opening() -> None:
    text = " ".join(narrative.paragraphs(comparison("43-4151", "43-4051")))
    assert "z =" not in text
    assert "can be seen in a few details" not in text


_COMPARATIVE = re.compile(r"\b(higher|lower|more|less|earn more|earns? less)\b", re.IGNORECASE)


@pytest.mark.slow
def test_every_similar_pair_claims_only_what_the_data_support() -> None:
    """Property over every pair of `analysis pairs --similar 3` (1,781 pairs)."""
    from analysis.comparison import gaps
    from analysis.occupations import ranks, similarity
    from analysis.presentation.seed_section import ROWS

    profiles: dict[str, Profile] = {}

    def one(soc: str) -> Profile:
        if soc not in profiles:
            profiles[soc] = profile(soc)
        return profiles[soc]

    checked = 0
    for soc_a, soc_b in similarity.similar_pairs(3):
        pa, pb = one(soc_a), one(soc_b)
        wage = gaps.pay_gaps(pa, pb).annual_mean_wage
        sentence = narrative.salary_sentence(pa, pb, wage) or ""
        # the figures' own words ("mean annual wage") are not comparisons; strip names
        words = sentence.replace(narrative._plural(pa), "A").replace(narrative._plural(pb), "B")
        if wage.significant is not True:
            assert not _COMPARATIVE.search(words), (soc_a, soc_b, sentence)
        else:
            assert wage.ci95_low > 0 or wage.ci95_high < 0
            assert "earn more on average" in sentence
        demo = gaps.demographic_gap(pa, pb)
        if gaps.comparability(pa, pb).cps_shared:
            assert demo.women_pct.difference is None and demo.median_age.difference is None
        checked += 1
    assert checked == 1781
    for p in profiles.values():
        for key in ("highest_paying_state", "highest_paying_metro", "best_paying_industry"):
            place = getattr(p, key)
            if place is None:
                continue
            assert isinstance(place.tied_with, list)  # no winner without its tied_with
            row = {"highest_paying_state": "highest_paying_state",
                   "highest_paying_metro": "highest_paying_city",
                   "best_paying_industry": "best_paying_industry"}[key]  # fmt: skip
            text = ROWS[row].text(p)
            assert ("tied within sampling error" in text) == bool(place.tied_with), (p.soc, key)
    # no rank counts a copied row: the CPS denominator is the number of distinct rows
    demo = dataset.table("demographics")
    socs = set(dataset.table("occupations")["soc"].astype(str))
    distinct = demo[demo["soc"].isin(socs)].dropna(subset=["women_pct"])["census_code"].nunique()
    assert ranks.standing("43-4151", "women_pct").of == distinct == 350


def test_one_similarity_measure_everywhere() -> None:
    # RN (29-1141) vs emergency physicians (29-1214): the raw Pearson of 35 importance
    # ratings was 0.953; the standardised measure of the neighbour list is 0.797 (issue 18).
    comp = comparison("29-1141", "29-1214")
    listed = {s.soc: s.similarity for s in comp.a.similar}
    assert listed["29-1214"] == pytest.approx(0.7973, abs=1e-4)
    assert comp.gaps.skills.skill_profile_correlation == pytest.approx(listed["29-1214"], abs=1e-4)
    assert "standardised" in comp.gaps.skills.measure


# --- counts of places, group figures, growth words, plain footnotes (issue 18 items 5, 7,
# 9, 13; issue 21 item 4) ------------------------------------------------------------------


def test_state_counts_say_how_many_differences_are_significant() -> None:
    # The figures: of the 30 states with both means, customer service
    # representatives (43-4051) pay more in 10 (5 significantly), order clerks (43-4151)
    # in 20 (7 significantly); the other 18 differences are within sampling error.
    from analysis.presentation import pay_section

    comp = comparison("43-4051", "43-4151")
    sc = comp.state_comparison
    sure = sc[sc["significant"].fillna(False).astype(bool)]
    assert sc["higher"].value_counts().to_dict() == {"b": 20, "a": 10}
    assert sure["higher"].value_counts().to_dict() == {"b": 7, "a": 5}
    assert pay_section.state_significance_sentence(sc) == (
        "Of 30 states with mean wages for both, 12 differ significantly (95%, from each "
        "state cell's wage RSE); in 18 the difference is within sampling error."
    )
    table = str(pay_section.state_winners_table(comp))
    assert "Of them, significantly (95%)" in table


def test_a_group_figure_is_marked_on_its_tile_with_the_group_named() -> None:
    from analysis.presentation import summary

    text = str(summary.headline(comparison("53-3032", "53-3033")))
    assert text.count('<dd class="group"') == 2  # both women's-share tiles (Census 9130)
    assert (
        "This figure is for the Census group &#39;Driver/sales workers and truck drivers&#39;, "
        "which also covers Driver/Sales Workers and Light Truck Drivers." in text
    )
    # an occupation's own Census row is not marked
    assert '<dd class="group"' not in str(summary.headline(comparison("43-4151", "43-4051")))


def test_a_chart_of_one_published_row_is_a_sentence_in_the_notebook() -> None:
    from analysis import notebook as nb

    out = nb.chart(comparison("53-3032", "53-3033"), "demographics")
    assert "No chart: the CPS publishes" in out.data and "<svg" not in out.data


@pytest.mark.parametrize(
    ("change", "average", "words"),
    [(3.2, 3.1, "Above the all-occupations rate"), (-0.1, 3.1, "Projected to decline")],
)
def test_growth_words_use_no_handbook_phrase(change, average, words) -> None:
    from analysis.presentation.summary import growth_words

    assert growth_words(change, average) == words
    assert "average" not in words  # no "faster than average": no 2024-34 bands to earn it


def test_cps_dash_note_and_oews_footnotes_in_plain_words() -> None:
    from analysis.occupations.profile import _OEWS_PLAIN, plain_cps_note

    raw = (
        "Dash indicates no data or data that do not meet publication criteria (values not "
        "shown where base is less than 50,000)."
    )  # CPS Table 11 (2023) NOTE, as published
    assert plain_cps_note(raw) == (
        "BLS publishes none where fewer than 50,000 people are employed in it, or where the "
        "estimate does not meet its publication criteria"
    )
    # 43-9022 Word processors and typists: no women's share in CPS Table 11
    reason = profile("43-9022").missing["women_pct"]
    assert "Dash indicates" not in reason and "fewer than 50,000 people" in reason
    assert "$" not in _OEWS_PLAIN["5"]  # a top-code has no dollar bound


def test_method_keeps_formulas_in_how_it_is_computed() -> None:
    from analysis.presentation.method_section import data_and_method_markdown

    text = data_and_method_markdown(comparison("43-4151", "43-4051"))
    prose, formulas = text.split('<details class="formulas">')
    assert "<summary>How it is computed</summary>" in formulas
    for formula in ("RSE / 100", "z = ", "ln(A/B)", "\u221a("):
        assert formula in formulas and formula not in prose


def test_the_verdict_of_a_gap_within_sampling_error_says_so_first() -> None:
    # 47-2111 electricians $71,490 vs 47-2152 plumbers $72,170 (OEWS national means): the
    # -$680 gap's interval includes zero, so no "earn $680 less"; the interval is rounded
    # to $10 like the wages
    from analysis.presentation import summary

    g = comparison("47-2111", "47-2152").gaps.pay.annual_mean_wage
    text = summary.verdict("electricians", "plumbers", g, stats.CONFIDENCE)
    assert text.startswith(
        "Electricians and plumbers earn about the same on average: the $680 difference"
    )
    assert text.endswith("−$1,700 to +$340) is within sampling error at the 95% level.")
    assert " less " not in text and " more " not in text
