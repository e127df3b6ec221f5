import math

import pandas as pd
import pytest
from fake_profiles import blank_profile as _p

from analysis.comparison import gaps
from analysis.comparison.contract import PayGaps, PlainGap, TextSides
from analysis.comparison.pair import comparison
from analysis.errors import UserInputError

Z95 = 1.959964  # two-sided 95 % critical value of the standard normal


# --- mean_wage_gap ---------------------------------------------------------------------------


def test_mean_wage_gap_hand_worked_significant():
    # a: 30,000 with wage RSE 1.0 % -> SE = 0.010 * 30,000 = 300
    # b: 20,000 with wage RSE 2.0 % -> SE = 0.020 * 20,000 = 400
    # difference = 10,000; difference % = 10,000 / 20,000 * 100 = 50
    # SE = sqrt(300^2 + 400^2) = sqrt(90,000 + 160,000) = 500; z = 10,000 / 500 = 20
    # CI = 10,000 -/+ 1.959964 * 500 = [9,020.02, 10,979.98]
    g = gaps.mean_wage_gap(30000, 20000, 1.0, 2.0)
    assert g.a == 30000 and g.b == 20000
    assert g.difference == 10000
    assert g.difference_pct == pytest.approx(50.0)
    assert g.se == pytest.approx(500.0)
    assert g.z == pytest.approx(20.0)
    assert g.ci95_low == pytest.approx(10000 - Z95 * 500, abs=1e-3)
    assert g.ci95_low == pytest.approx(9020.02, abs=0.01)
    assert g.ci95_high == pytest.approx(10979.98, abs=0.01)
    assert g.significant is True
    assert g.reason is None


def test_mean_wage_gap_hourly_uses_the_same_wage_rse():
    # a: $15.00 at RSE 1 % -> SE 0.15; b: $10.00 at RSE 2 % -> SE 0.20
    # SE = sqrt(0.0225 + 0.04) = sqrt(0.0625) = 0.25; z = 5 / 0.25 = 20
    a = _p(hourly_mean_wage=15.0, annual_mean_wage_rse=1.0)
    b = _p(hourly_mean_wage=10.0, annual_mean_wage_rse=2.0)
    g = gaps.pay_gaps(a, b).hourly_mean_wage
    assert g.difference == pytest.approx(5.0)
    assert g.se == pytest.approx(0.25)
    assert g.z == pytest.approx(20.0)


def test_mean_wage_gap_hand_worked_not_significant():
    # a: 40,000 at RSE 1.5 % -> SE 600; b: 39,000 at RSE 2.0 % -> SE 780
    # SE = sqrt(360,000 + 608,400) = sqrt(968,400) = 984.07; z = 1,000 / 984.07 = 1.0162 < 1.96
    g = gaps.mean_wage_gap(40000, 39000, 1.5, 2.0)
    assert g.se == pytest.approx(984.07, abs=0.01)
    assert g.z == pytest.approx(1.0162, abs=1e-4)
    assert g.significant is False
    # the interval 1,000 -/+ 1.959964 * 984.07 = [-928.74, 2,928.74] straddles 0
    assert g.ci95_low == pytest.approx(-928.74, abs=0.01)
    assert g.ci95_high == pytest.approx(2928.74, abs=0.01)


def test_mean_wage_gap_without_rse_makes_no_claim():
    g = gaps.mean_wage_gap(37540, 37827, None, 0.5)
    assert g.difference == -287  # 37,540 - 37,827
    assert g.se is None and g.z is None and g.significant is None
    assert g.reason == "the source publishes no standard error for this figure"


# --- pay_gaps -------------------------------------------------------------------------------


def test_pay_gaps_missing_side_gives_none_and_reason():
    a = _p(
        annual_median_wage=45000.0,
        annual_wage_p10=30000.0,
        employment=1000,
        annual_mean_wage_rse=1.0,
        hourly_mean_wage=20.0,
    )
    b = _p(
        annual_mean_wage=50000.0,
        annual_median_wage=float("nan"),
        annual_wage_p10=28000.0,
        employment=400,
        annual_mean_wage_rse=1.0,
        hourly_mean_wage=21.5,
    )
    g = gaps.pay_gaps(a, b)
    assert set(g.to_json()) == {
        "annual_mean_wage",
        "hourly_mean_wage",
        "annual_median_wage",
        "annual_wage_p10",
        "annual_wage_p90",
        "employment",
        "employment_change_pct_2024_2034",
    }
    assert isinstance(g, PayGaps)
    # a has no annual mean wage -> no difference, no CI, reason names the first side
    mean = g.annual_mean_wage
    assert mean.a is None and mean.b == 50000.0
    assert mean.difference is None and mean.significant is None
    assert mean.reason == "the figure is missing for the first profession"
    # b's median is NaN -> treated as missing, reason names the second side (no 0, no NaN)
    median = g.annual_median_wage
    assert median.b is None and median.difference is None
    assert median.reason == "the figure is missing for the second profession"
    # both present: plain difference 30,000 - 28,000 = 2,000; 1,000 - 400 = 600
    assert g.annual_wage_p10 == PlainGap(a=30000.0, b=28000.0, difference=2000.0, reason=None)
    assert g.employment.difference == 600
    # hourly: 20.00 - 21.50 = -1.50, SE = sqrt(0.2^2 + 0.215^2) = sqrt(0.086225) = 0.29364
    assert g.hourly_mean_wage.difference == pytest.approx(-1.5)
    assert g.hourly_mean_wage.se == pytest.approx(0.29364, abs=1e-5)
    # both missing -> the first side is named
    assert g.annual_wage_p90.reason == "the figure is missing for the first profession"


# --- education_gap --------------------------------------------------------------------------


def _attainment(*shares):
    levels = ("High school", "Bachelor's", "Master's")
    return [{"level": lv, "share_pct": s} for lv, s in zip(levels, shares, strict=True)]


def test_education_gap_dissimilarity_hand_worked_three_levels():
    # a = (40, 40, 20) % -> proportions (0.4, 0.4, 0.2)
    # b = (10, 30, 10) (sums to 50, rescaled) -> (0.2, 0.6, 0.2)
    # D = 1/2 (|0.4-0.2| + |0.4-0.6| + |0.2-0.2|) = 1/2 (0.2 + 0.2 + 0) = 0.2
    a = _p(education_attainment=_attainment(40, 40, 20), typical_entry_education="HS")
    b = _p(education_attainment=_attainment(10, 30, 10), typical_entry_education="BA")
    g = gaps.education_gap(a, b)
    assert g.education_dissimilarity == pytest.approx(0.2)
    assert g.education_dissimilarity_reason is None
    assert g.typical_entry_education == TextSides(a="HS", b="BA")


def test_education_gap_identical_is_zero_and_missing_is_none_with_reason():
    same = _p(education_attainment=_attainment(50, 30, 20))
    assert gaps.education_gap(same, same).education_dissimilarity == pytest.approx(0.0)
    g = gaps.education_gap(same, _p(education_attainment=[]))
    assert g.education_dissimilarity is None
    assert "missing for at least one profession" in g.education_dissimilarity_reason
    suppressed = _p(education_attainment=_attainment(50, None, 20))
    assert gaps.education_gap(same, suppressed).education_dissimilarity is None


# --- race_composition / demographic_gap -----------------------------------------------------


def test_race_composition_other_is_remainder_and_hispanic_excluded():
    # Other races = 100 - 60.0 - 20.0 - 5.5 = 14.5; Hispanic (30 %, any race) stays out
    p = _p(race_pct={"white": 60.0, "black": 20.0, "asian": 5.5, "hispanic": 30.0})
    comp = gaps.race_composition(p)
    assert comp == {"White": 60.0, "Black": 20.0, "Asian": 5.5, "Other races": 14.5}
    assert "Hispanic or Latino" not in comp and "hispanic" not in comp


def test_race_composition_missing_or_over_100():
    assert gaps.race_composition(_p(race_pct=None)) is None
    assert gaps.race_composition(_p()) is None
    assert (
        gaps.race_composition(
            _p(race_pct={"white": 80.0, "black": None, "asian": 3.0, "hispanic": 5.0})
        )
        is None
    )
    # rounded shares may exceed 100: 70 + 20 + 15 = 105 -> remainder clipped at 0, never negative
    over = gaps.race_composition(
        _p(race_pct={"white": 70.0, "black": 20.0, "asian": 15.0, "hispanic": 1.0})
    )
    assert over["Other races"] == 0.0


def _person(title, **kw):
    base = {"title": title, "census_title": title.lower(), "socs_sharing_census_code": 1}
    base.update(kw)
    return _p(**base)


def test_demographic_gap_hand_worked():
    a = _person(
        "Alpha Workers",
        women_pct=58.3,
        median_age=35.5,
        race_pct={"white": 60.0, "black": 20.0, "asian": 5.5, "hispanic": 30.0},
    )
    b = _person(
        "Beta Workers",
        women_pct=65.3,
        median_age=37.0,
        race_pct={"white": 70.0, "black": 10.0, "asian": 10.0, "hispanic": 12.0},
    )
    g = gaps.demographic_gap(a, b)
    assert g.women_pct.difference == pytest.approx(-7.0)  # 58.3 - 65.3
    assert g.median_age.difference == pytest.approx(-1.5)  # 35.5 - 37.0
    assert g.race_pct.hispanic.difference == pytest.approx(18.0)  # 30 - 12
    assert g.race_pct.white.difference == pytest.approx(-10.0)  # 60 - 70
    # compositions: a (60, 20, 5.5, 14.5), b (70, 10, 10, 10)
    # D = 1/2 (10 + 10 + 4.5 + 4.5) / 100 = 0.145
    assert g.race_dissimilarity == pytest.approx(0.145)
    assert g.race_dissimilarity_reason is None
    assert g.shared_census_occupation == []


def test_demographic_gap_shared_census_occupation_note():
    a = _person(
        "Public Relations Managers",
        census_title="Public relations and fundraising managers",
        socs_sharing_census_code=2,
    )
    b = _person("Beta Workers")
    g = gaps.demographic_gap(a, b)
    assert g.shared_census_occupation == [
        "Public Relations Managers: figures describe the Census occupation 'Public relations "
        "and fundraising managers', which covers 2 SOC occupations"
    ]
    # with no race data the index is None with its reason
    assert g.race_dissimilarity is None
    assert "not all published" in g.race_dissimilarity_reason
    assert g.women_pct.reason == "the figure is missing for the first profession"


def test_shared_census_note_on_real_data_says_whole_number():
    # 11-2032 Public Relations Managers shares Census code 0060 with 11-2033 (2 SOCs); the
    # count must read as a whole number ("2", not "2.0") whatever dtype the table stores.
    comp = comparison("11-2032", "43-4051")
    notes = comp.gaps.demographics.shared_census_occupation
    assert len(notes) == 1
    assert notes[0].endswith("which covers 2 SOC occupations")


# --- skills_gap -----------------------------------------------------------------------------


def _skills(**ratings):
    return pd.DataFrame({"skill": list(ratings), "importance": list(ratings.values())})


def test_skills_gap_identical_profiles():
    s = _skills(Speaking=4.0, Writing=3.5, Listening=3.0, Math=2.0, Science=1.0)
    g = gaps.skills_gap(s, s.copy(), top_n=3)
    assert g.top3_a == ["Speaking", "Writing", "Listening"]
    assert g.top3_b == ["Speaking", "Writing", "Listening"]
    assert g.shared_top == ["Speaking", "Writing", "Listening"]
    assert g.skill_profile_correlation == pytest.approx(1.0)
    assert g.top_n == 3


def test_skills_gap_reversed_profiles():
    a = _skills(Speaking=4.0, Writing=3.5, Listening=3.0, Math=2.0, Science=1.0)
    # b = 5 - a for every skill, an exact linear reversal -> Pearson r = -1
    b = _skills(Speaking=1.0, Writing=1.5, Listening=2.0, Math=3.0, Science=4.0)
    g = gaps.skills_gap(a, b, top_n=3)
    assert g.top3_b == ["Science", "Math", "Listening"]
    assert g.shared_top == ["Listening"]  # the only skill in both top-3 lists
    assert g.skill_profile_correlation == pytest.approx(-1.0)


def test_skills_gap_ties_broken_by_name_and_short_profiles_have_no_correlation():
    a = _skills(Zeta=3.0, Alpha=3.0)
    b = _skills(Alpha=1.0, Zeta=2.0)
    g = gaps.skills_gap(a, b)
    assert g.top3_a == ["Alpha", "Zeta"]  # equal importance -> alphabetical
    assert g.skill_profile_correlation is None  # only 2 shared skills
    assert "no skill ratings" in g.skill_profile_correlation_reason


def test_skills_gap_top3_agrees_with_profile_top_skills():
    # 11-2021 Marketing Managers: six skills tie at importance 3.88; by level (4.25, 4.25,
    # 4.12...) the profile lists Critical Thinking, Reading Comprehension, Active Learning,
    # while alphabetical order gives Active Learning, Active Listening, Critical Thinking.
    comp = comparison("11-2021", "43-4051")
    assert comp.gaps.skills.top3_a == comp.a.top_skills


# --- state_comparison -----------------------------------------------------------------------


def test_state_comparison_order_and_higher():
    states_a = pd.DataFrame(
        {
            "area_name": ["Delta", "Alpha", "Beta", "Gamma"],
            "annual_mean_wage": [60000, 50000, 40000, 30000],
        }
    )
    states_b = pd.DataFrame(
        {
            "area_name": ["Epsilon", "Alpha", "Beta", "Gamma"],
            "annual_mean_wage": [70000, 45000, 42000, 30000],
        }
    )
    sc = gaps.state_comparison(states_a, states_b)
    # only states in both: Alpha 50,000-45,000 = 5,000; Gamma 0; Beta 40,000-42,000 = -2,000
    assert sc["state"].tolist() == ["Alpha", "Gamma", "Beta"]
    assert sc["difference"].tolist() == [5000, 0, -2000]
    assert sc["higher"].tolist() == ["a", "equal", "b"]
    assert list(sc.columns) == ["state", "a", "b", "difference", "higher", "significant"]
    # no wage RSEs in these rows: no verdict, never a guess
    assert sc["significant"].isna().all()


# --- real data: order clerks vs customer service representatives ---------------------------


@pytest.fixture(scope="module")
def clerks():
    return comparison("43-4151", "43-4051")


def test_real_annual_mean_wage_gap(clerks):
    g = clerks.gaps.pay.annual_mean_wage
    assert g.a == 48220 and g.b == 46590
    assert g.difference == 1630  # 48,220 - 46,590
    # RSE 0.5 % and 0.2 %: SE = sqrt((0.005*48,220)^2 + (0.002*46,590)^2)
    #                         = sqrt(241.10^2 + 93.18^2) = 258.48
    se = math.sqrt((0.005 * 48220) ** 2 + (0.002 * 46590) ** 2)
    assert g.se == pytest.approx(se)
    assert g.se == pytest.approx(258.48, abs=0.01)
    assert g.z == pytest.approx(1630 / se)  # = 6.31
    assert g.significant is True


def test_headline_gaps_are_written_twice_from_one_object(clerks):
    payload = clerks.to_json()["gaps"]
    # the flat keys repeat the grouped gaps, as the JSON always has
    assert payload["annual_mean_wage"] == payload["pay"]["annual_mean_wage"]
    assert payload["annual_mean_wage"]["difference"] == 1630
    assert payload["women_pct"] == payload["demographics"]["women_pct"]
    assert payload["race_dissimilarity"] == payload["demographics"]["race_dissimilarity"]
    assert payload["education_dissimilarity"] == payload["education"]["education_dissimilarity"]
    assert payload["skill_profile_correlation"] == payload["skills"]["skill_profile_correlation"]
    # read back, the flat copies are dropped and the groups rebuilt as they were
    assert type(clerks.gaps).from_json(payload) == clerks.gaps


def test_real_demographic_differences(clerks):
    demo = clerks.gaps.demographics
    assert demo.women_pct.difference == pytest.approx(-7.0)  # 58.3 - 65.3
    assert demo.median_age.difference == pytest.approx(-1.5)  # 35.5 - 37.0


def test_real_education_dissimilarity_from_ep_table_5_3(clerks):
    # EP Table 5.3 shares (less than HS ... doctoral), rescaled to sum 1
    a = [7.3, 31.3, 26.3, 12.3, 19.7, 2.9, 0.3]  # sums to 100.1
    b = [3.9, 26.2, 29.2, 12.4, 23.2, 4.4, 0.7]  # sums to 100.0
    pa = [x / sum(a) for x in a]
    pb = [x / sum(b) for x in b]
    # per-level differences 0.03393, 0.05069, -0.02926, -0.00112, -0.03520, -0.01503, -0.00400
    # D = 1/2 * 0.16923 = 0.08462
    d = 0.5 * sum(abs(x - y) for x, y in zip(pa, pb, strict=True))
    assert d == pytest.approx(0.08462, abs=1e-5)
    assert clerks.gaps.education.education_dissimilarity == pytest.approx(d)


def test_same_occupation_twice_is_a_user_error():
    with pytest.raises(UserInputError, match="two different occupations"):
        comparison("43-4051", "customer service representatives")
