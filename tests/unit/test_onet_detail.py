"""O*NET's education, training and experience distributions as detail (issue 18 item 2).

Every figure is read from the raw O*NET 30.1 file, ``Education, Training, and
Experience.txt``: order clerks (43-4151.00) are rated by 16 incumbents, and O*NET
flags three of their shares Recommend Suppress = "Y" (RW category 6, 56.57 %; PT
category 2, 31.87 %; OJ category 3, 58.73 %); emergency medicine physicians
(29-1214.00) by 29 occupational experts, with 'n/a' standard errors and flags.
"""

from __future__ import annotations

import pytest

from analysis.comparison.pair import comparison
from analysis.occupations.contract import ONET_SUPPRESS_WARNING, Profile
from analysis.occupations.profile import profile
from analysis.presentation import education_section


@pytest.fixture(scope="module")
def clerks() -> Profile:
    return profile("43-4151")


@pytest.fixture(scope="module")
def doctors() -> Profile:
    return profile("29-1214")


def _dist(p: Profile, scale: str):
    return next(d for d in p.onet_distributions if d.scale == scale)


def test_order_clerks_incumbents_and_flags(clerks: Profile) -> None:
    assert [d.scale for d in clerks.onet_distributions] == ["RL", "RW", "PT", "OJ"]
    oj = _dist(clerks, "OJ")
    assert (oj.n, oj.domain_source, oj.date) == (16, "Incumbent", "08/2023")
    assert oj.respondents == "16 incumbents (workers in the job)"
    # raw OJ rows 1-7: 17.39, 14.48, 58.73 (Y), 4.18, 4.47, 0.74, 0.00; cumulative 90.60
    # at category 3, so the median is the flagged share itself
    assert [s.pct for s in oj.shares[:7]] == [17.39, 14.48, 58.73, 4.18, 4.47, 0.74, 0.0]
    assert oj.shares[2].standard_error == 26.1326 and oj.shares[2].recommend_suppress is True
    assert oj.median == clerks.onet_on_the_job_training
    assert oj.median == "Over 1 month, up to and including 3 months"
    assert oj.suppressed is True
    assert oj.suppressed_categories == ("Over 1 month, up to and including 3 months",)
    assert oj.warning == (
        f"{ONET_SUPPRESS_WARNING}. Flagged share: "
        "'Over 1 month, up to and including 3 months' (58.73%)"
    )
    assert _dist(clerks, "RW").suppressed_categories == (
        "Over 1 year, up to and including 2 years",
    )
    assert _dist(clerks, "PT").suppressed_categories == ("Up to and including 1 month",)
    # RL: no share flagged (63.04 % high school diploma, n 16)
    rl = _dist(clerks, "RL")
    assert (rl.suppressed, rl.suppressed_categories, rl.warning) == (False, (), None)
    assert rl.shares[1].pct == 63.04 and rl.median == "High School Diploma"


def test_emergency_physicians_are_rated_by_experts_without_flags(doctors: Profile) -> None:
    oj = _dist(doctors, "OJ")
    assert (oj.n, oj.domain_source, oj.date) == (29, "Occupational Expert", "08/2025")
    assert oj.respondents == "29 occupational experts"
    # raw OJ: 10.34, 41.38 (cumulative 51.72 at category 2)
    assert [s.pct for s in oj.shares[:2]] == [10.34, 41.38]
    assert oj.median == "Anything beyond short demonstration, up to and including 1 month"
    # O*NET writes 'n/a' for experts' SE and flag: unknown, not "not flagged"
    assert all(s.standard_error is None and s.recommend_suppress is None for s in oj.shares)
    assert (oj.suppressed, oj.warning) == (None, None)
    # RL: 3.45 (10), 34.48 (11), 62.07 (12): median Post-Doctoral Training
    assert _dist(doctors, "RL").median == "Post-Doctoral Training"


def test_distributions_survive_the_json_round_trip(clerks: Profile) -> None:
    payload = clerks.to_json()
    oj = payload["onet_distributions"][3]
    assert (oj["key"], oj["n"], oj["domain_source"], oj["suppressed"]) == (
        "onet_on_the_job_training",
        16,
        "Incumbent",
        True,
    )
    assert Profile.from_json(payload).onet_distributions == clerks.onet_distributions


def test_no_o_net_data_gives_no_distribution() -> None:
    # 15-2051 Data Scientists: O*NET rates only specialties, whose ratings are not used
    p = profile("15-2051")
    assert p.onet_distributions == []
    assert p.onet_on_the_job_training is None


def test_report_shows_o_net_as_labelled_detail_with_the_flag() -> None:
    comp = comparison("43-4151", "29-1214")
    page = str(education_section.entry_requirements_table(comp))
    headline, detail = page.split("Detail: O*NET 30.1", 1)
    assert "O*NET" not in headline  # the headline is BLS EP Table 5.4 alone
    assert "Typical entry education (BLS)" in headline
    assert (
        "Over 1 month, up to and including 3 months (flagged): median of 16 incumbents "
        "(workers in the job), 08/2023"
    ) in detail
    assert "Post-Doctoral Training: median of 29 occupational experts, 08/2025" in detail
    # every flag is a footnote with O*NET's advice; the experts' cells carry none
    assert detail.count("O*NET advises against using these ratings") == 3
    assert "(58.73%)" in detail and "(56.57%)" in detail and "(31.87%)" in detail
