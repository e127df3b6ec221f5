"""From A to B and back (issue 22 item 2): comparison.transition and the report section."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from fake_profiles import blank_profile

from analysis.comparison import transition
from analysis.comparison.pair import Comparison, comparison
from analysis.presentation import frames, plots, transition_section


@pytest.fixture(scope="module")
def comp() -> Comparison:
    return comparison("43-4151", "43-4051")


def _rows(*rows: tuple) -> pd.DataFrame:
    columns = [
        "element_id",
        "skill",
        "level",
        "level_se",
        "level_n",
        "level_recommend_suppress",
        "not_relevant",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {"level_n": "Int64", "level_recommend_suppress": "boolean", "not_relevant": "boolean"}
    )


def test_customer_service_to_order_clerk_list_computed_by_hand(comp: Comparison) -> None:
    """Skills.xlsx LV rows of 43-4051.00 (from) and 43-4151.00 (to), by hand.

    Listed when to - from > sqrt(se_from^2 + se_to^2) and 43-4151 does not mark the
    skill Not Relevant: e.g. Mathematics 2.25 (SE 0.1637) -> 2.75 (SE 0.1637), 0.5 >
    0.2315; Active Learning 2.88 (0.125) -> 3.00 (0.189) is not, 0.12 < 0.2266;
    Operations Analysis 0.62 (0.183) -> 0.75 (0.3134) is not, 0.13 < 0.3629.
    """
    d = comp.gaps.transition.b_to_a
    assert (d.from_title, d.to_title) == ("Customer Service Representatives", "Order Clerks")
    got = [(s.skill, s.level_from, s.level_to, s.difference) for s in d.skills_to_raise]
    assert got == [
        ("Quality Control Analysis", 0.12, 2.25, 2.13),
        ("Management of Material Resources", 0.5, 1.25, 0.75),
        ("Operation and Control", 0.0, 0.75, 0.75),
        ("Management of Financial Resources", 0.5, 1.12, 0.62),
        ("Mathematics", 2.25, 2.75, 0.5),
        ("Troubleshooting", 0.0, 0.5, 0.5),
        ("Reading Comprehension", 3.12, 3.5, 0.38),
    ]
    maths = d.skills_to_raise[4]
    assert maths.se == pytest.approx(math.sqrt(0.1637**2 + 0.1637**2))
    assert maths.ci95_low == pytest.approx(0.5 - 1.959964 * maths.se, abs=1e-5)
    assert maths.significant  # z = 2.16
    financial = d.skills_to_raise[3]
    assert financial.se == pytest.approx(math.sqrt(0.2673**2 + 0.3504**2))
    assert financial.significant is False  # 0.62 > 0.4407 but < 1.96 x 0.4407
    assert (maths.n_from, maths.n_to, maths.flags) == (8, 8, [])
    assert d.skills_not_counted == []
    assert d.skills_compared == 35


def test_entry_steps_and_pay_change_are_signed_per_direction(comp: Comparison) -> None:
    """EP Table 5.4: 43-4151 some college, no degree; 43-4051 high school diploma."""
    there, back = comp.gaps.transition.a_to_b, comp.gaps.transition.b_to_a
    assert (there.education.value_from, there.education.value_to) == (
        "Some college, no degree",
        "High school diploma or equivalent",
    )
    assert (there.education.change, back.education.change) == ("lower", "higher")
    assert (there.experience.change, there.training.change) == ("same", "same")
    pay = comp.gaps.pay.annual_mean_wage  # a - b, order clerks minus CSRs
    assert back.pay_change.difference == pay.difference
    assert there.pay_change.difference == -pay.difference
    assert there.pay_change.se == pytest.approx(pay.se)
    assert (back.pay_change.ci95_low, back.pay_change.ci95_high) == pytest.approx(
        (pay.ci95_low, pay.ci95_high)
    )


def test_suppressed_low_n_and_not_relevant_ratings_are_not_counted() -> None:
    source = _rows(
        ("1", "Alpha", 1.0, 0.1, 8, False, False),
        ("2", "Beta", 1.0, 0.1, 8, False, False),
        ("3", "Gamma", 1.0, 0.1, 8, False, False),
        ("4", "Delta", 1.0, 0.0, 8, False, False),
        ("5", "Epsilon", 1.0, 0.1, 8, False, False),
    )
    target = _rows(
        ("1", "Alpha", 3.0, 0.6, 8, True, False),  # suppressed: flagged, not counted
        ("2", "Beta", 3.0, 0.1, 5, False, False),  # 5 raters: low N
        ("3", "Gamma", 0.5, 0.1, 8, False, True),  # lower, and not relevant to the target
        ("4", "Delta", 2.0, 0.0, 8, False, False),  # unanimous panels: se 0, no verdict
        ("5", "Epsilon", 1.1, 0.1, 8, False, False),  # 0.1 < 0.141: within the SE
    )
    a, b = blank_profile(title="Source"), blank_profile(title="Target")
    d = transition.direction(a, b, source, target)
    assert [s.skill for s in d.skills_to_raise] == ["Delta"]
    delta = d.skills_to_raise[0]
    assert (delta.se, delta.significant) == (0.0, None)
    flagged = {s.skill: s for s in d.skills_not_counted}
    assert set(flagged) == {"Alpha", "Beta"}
    assert flagged["Alpha"].suppressed and not flagged["Alpha"].low_n
    assert flagged["Beta"].low_n and flagged["Beta"].flags == [
        "the Target rating: 5 raters (fewer than 8)"
    ]


def test_entry_step_orders_bls_categories() -> None:
    order = transition.ENTRY_EDUCATION_ORDER
    assert transition.entry_step("Bachelor's degree", "Master's degree", order).change == "higher"
    ojt = transition.TRAINING_ORDER
    assert transition.entry_step("Apprenticeship", "Internship/residency", ojt).change == (
        "different"
    )
    missing = transition.entry_step(None, "None", order)
    assert (missing.change, missing.reason) == (
        None,
        "EP Table 5.4 assigns no category to the occupation left",
    )


def test_transition_round_trips_through_the_json(comp: Comparison) -> None:
    payload = comp.to_json()
    t = payload["gaps"]["transition"]
    assert set(t) == {"a_to_b", "b_to_a", "rule"}
    first = t["b_to_a"]["skills_to_raise"][0]
    assert {"skill", "level_from", "level_to", "difference", "se", "suppressed", "low_n"} <= set(
        first
    )
    assert Comparison.from_json(payload).gaps.transition == comp.gaps.transition


def test_section_words_name_both_directions(comp: Comparison) -> None:
    text = str(transition_section.directions_text(comp))
    assert (
        "A customer service representative moving to order clerk work would mostly need more "
        "quality control analysis (O*NET level 0.12 to 2.25 on a 0-7 scale)"
    ) in text
    assert "An order clerk moving to customer service representative work" in text
    assert "customer service representatives earn $1,630 less on average a year" in text
    assert "95 % CI $1,120 to $2,140 less" in text


def _tables(html: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(caption, column headers, body rows with their label first) of each table."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        (
            t.caption.get_text(),
            [th.get_text() for th in t.thead.find_all("th")],
            [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in t.tbody.find_all("tr")],
        )
        for t in soup.find_all("table")
    ]


def test_skill_tables_one_per_direction_source_level_first(comp: Comparison) -> None:
    """Order Clerks (A, 43-4151) to CSRs (B, 43-4051) and back: the levels of Skills.xlsx."""
    html = str(transition_section.skills_to_raise_tables(comp))
    (there_caption, there_head, there), (back_caption, back_head, back) = _tables(html)
    onet = "(O*NET 30.1 Skills, level 0-7, standard errors of the ratings)"
    assert there_caption == (
        f"Skills to raise from Order Clerks to Customer Service Representatives {onet}"
    )
    assert back_caption == (
        f"Skills to raise from Customer Service Representatives to Order Clerks {onet}"
    )
    # no "Higher" column: the caption says for whom; the source's level comes first
    assert there_head == [
        "Skill",
        "Level, Order Clerks",
        "Level, Customer Service Representatives",
        "Difference (target \u2212 source)",
        "Combined SE",
        "95 % interval",
        "Flags",
    ]
    assert back_head[1:3] == ["Level, Customer Service Representatives", "Level, Order Clerks"]
    # Skills.xlsx LV: instructing 2.00 (SE 0, a unanimous panel) -> 2.88 (SE 0.125), so
    # 0.88 +- 1.96 x 0.125; quality control analysis 0.12 (SE 0.125) -> 2.25 (SE 0.1637)
    assert there[0] == ["Instructing", "2.00", "2.88", "+0.88", "0.125", "0.64 to 1.12", "none"]
    assert back[0] == [
        "Quality Control Analysis",
        "0.12",
        "2.25",
        "+2.13",
        "0.206",
        "1.73 to 2.53",
        "none",
    ]
    assert len(there) == 8 and len(back) == 7  # every skill to raise, none flagged
    assert html.count("is shown but not counted") == 1  # the notes once, after the last
    assert html.rindex("is shown but not counted") > html.rindex("<table")


def test_skill_table_marks_flagged_rows_and_says_an_empty_direction(comp: Comparison) -> None:
    levels = _rows(
        ("1", "Alpha", 1.0, 0.1, 8, False, False),
        ("2", "Beta", 1.0, 0.1, 8, False, False),
    )
    raised = _rows(
        ("1", "Alpha", 3.0, 0.1, 8, False, False),
        ("2", "Beta", 3.0, 0.1, 5, False, False),  # 5 raters: flagged, not counted
    )
    a, b = blank_profile(title="Order Clerks"), blank_profile(title="Customer Service Rep")
    t = replace(
        comp.gaps.transition,
        a_to_b=transition.direction(a, b, levels, raised),
        b_to_a=transition.direction(b, a, raised, raised),  # same levels: nothing to raise
    )
    html = str(
        transition_section.skills_to_raise_tables(
            replace(comp, gaps=replace(comp.gaps, transition=t))
        )
    )
    ((_, _, rows),) = _tables(html)
    assert rows[0] == ["Alpha", "1.00", "3.00", "+2.00", "0.141", "1.72 to 2.28", "none"]
    assert rows[1][0] == "Beta" and rows[1][-1] == (
        "the Customer Service Rep rating: 5 raters (fewer than 8) (not counted)"
    )
    assert (
        "Skills to raise from Customer Service Representatives to Order Clerks: none (of the "
        "2 skills compared, none is higher for Order Clerks by more than the combined "
        "standard error)."
    ) in BeautifulSoup(html, "html.parser").get_text()


def test_chart_text_comes_from_the_chart_rows(comp: Comparison) -> None:
    rows = plots.transition_rows(comp)
    assert rows[0].skill == "Quality Control Analysis"
    assert rows[0].difference == pytest.approx(-2.13)  # B - A: higher for order clerks (A)
    words = plots.describe("transition", comp)
    assert "Quality Control Analysis 2.13 higher for Order Clerks" in words.alt
    assert words.caption.startswith("The largest skill-level gap is quality control analysis")
    plots.transition_chart(comp)


def test_seed_transition_says_why_skills_are_missing() -> None:
    seed = comparison("Order Processing Specialist", "Customer Relations Specialist", "seed")
    d = seed.gaps.transition.a_to_b
    assert d.skills_reason == "the seed page rates no skills"
    assert d.education.reason == transition.SEED_NO_ENTRY
    assert "n/a (the seed page rates no skills)" in str(transition_section.directions_text(seed))


def test_transition_frame_has_one_row_per_skill_to_raise(comp: Comparison) -> None:
    frame = frames.section_frame(comp, "transition")
    assert list(frame.columns) == frames.TRANSITION_COLUMNS
    back = frame[frame["direction"] == "b_to_a"]
    first_two = back["skill"].tolist()[:2]
    assert first_two == ["Quality Control Analysis", "Management of Material Resources"]
    assert len(back) == 7 and back["counted"].all() and back["flags"].isna().all()
    assert len(frame) == len(comp.gaps.transition.a_to_b.skills_to_raise) + 7
