"""The sentences of each chart, for 43-4151 vs 43-4051 (figures from the raw files)."""

from analysis.presentation import chart_text as ct

NAMES = ("Order Clerks", "Customer Service Representatives")
PERCENTILES = [  # OEWS May 2025 annual wage percentiles
    ("10th percentile", 35530.0, 31750.0),
    ("25th percentile", 39660.0, 36870.0),
    ("Median", 46170.0, 44770.0),
    ("75th percentile", 54310.0, 51780.0),
    ("90th percentile", 63530.0, 63590.0),
]


def test_wage_percentiles():
    t = ct.wage_percentiles_text(NAMES, PERCENTILES, "OEWS May 2025")
    assert t.alt == (
        "Line chart of annual wages at the 10th, 25th, 50th (median), 75th and 90th "
        "percentiles: Order Clerks $35,530, $39,660, $46,170, $54,310 and $63,530; "
        "Customer Service Representatives $31,750, $36,870, $44,770, $51,780 and $63,590."
    )
    # A is higher at 4 of 5; the widest gap is 35,530 - 31,750 = 3,780 at the 10th
    assert t.caption == (
        "Order Clerks earn more than Customer Service Representatives at 4 of 5 wage "
        "percentiles; the widest gap is $3,780 at the 10th percentile (OEWS May 2025; "
        "percentiles have no published standard error)."
    )


def test_wage_percentiles_every_and_missing():
    every = ct.wage_percentiles_text(NAMES, PERCENTILES[:4], "OEWS May 2025").caption
    assert every.startswith(
        "Order Clerks earn more than Customer Service Representatives at every wage percentile"
    )
    missing = [(p, a, None) for p, a, _ in PERCENTILES]
    t = ct.wage_percentiles_text(NAMES, missing, "OEWS May 2025")
    assert t.caption == (
        "No wage percentiles are published for Customer Service Representatives (OEWS May 2025)."
    )
    assert "Customer Service Representatives n/a, n/a, n/a, n/a and n/a" in t.alt


def test_top_states():
    t = ct.top_states_text(
        NAMES,
        ([("Massachusetts", 56920.0), ("Washington", 52810.0)], [("California", 54640.0)]),
        "states with at least 500 published jobs",
    )
    assert t.alt == (
        "Bar charts of the 2 best-paying states by annual mean wage. Order Clerks: "
        "Massachusetts $56,920 and Washington $52,810; Customer Service Representatives: "
        "California $54,640."
    )
    assert t.caption == (
        "The best-paying state is Massachusetts ($56,920) for Order Clerks and California "
        "($54,640) for Customer Service Representatives (OEWS May 2025; states with at least "
        "500 published jobs)."
    )


def test_education():
    levels = [
        ("High school diploma or equivalent", 31.3, 26.2),
        ("Some college, no degree", 26.3, 29.2),
        ("Doctoral or professional degree", 0.3, None),
    ]
    t = ct.education_text(NAMES, levels, 0.08461)
    assert t.alt == (
        "Bar chart of the highest level of education of workers aged 25 and older, percent, "
        "Order Clerks then Customer Service Representatives: High school diploma or "
        "equivalent 31.3% and 26.2%; Some college, no degree 26.3% and 29.2%; Doctoral or "
        "professional degree 0.3% and n/a."
    )
    assert t.caption == (
        "The most common level is high school diploma or equivalent (31.3%) for Order Clerks "
        "and some college, no degree (29.2%) for Customer Service Representatives; "
        "dissimilarity index D = 0.085 (BLS Employment Projections Table 5.3)."
    )


def test_demographics():
    groups = [("Women", 58.3, 65.3), ("White", 75.6, 72.0), ("Hispanic or Latino", 25.8, 19.8)]
    t = ct.demographics_text(NAMES, groups, women_all=46.9)
    assert t.alt == (
        "Bar chart of shares of employed people, percent, Order Clerks then Customer Service "
        "Representatives: Women 58.3% and 65.3%; White 75.6% and 72.0%; Hispanic or Latino "
        "25.8% and 19.8%."
    )
    assert t.caption == (
        "Women are 58.3% of Order Clerks and 65.3% of Customer Service Representatives; "
        "46.9% of all employed people (CPS 2023 annual averages)."
    )


def test_gender_earnings_with_one_side_suppressed():
    t = ct.gender_earnings_text(NAMES, [(None, None, None), (1053.0, 903.0, 85.8)], ratio_all=82.1)
    assert t.alt == (
        "Bar chart of median weekly earnings of full-time wage and salary workers by sex: "
        "Order Clerks, men n/a and women n/a; Customer Service Representatives, men $1,053 "
        "and women $903."
    )
    assert t.caption == (
        "Women earn 85.8% of what men earn among Customer Service Representatives; 82.1% "
        "across all occupations; the CPS publishes no earnings by sex for Order Clerks "
        "(CPS 2025, raw ratio of medians)."
    )


def test_cost_adjusted():
    t = ct.cost_adjusted_text(
        NAMES,
        (
            [("Massachusetts", 56920.0, 52587.8), ("Oregon", 52330.0, 49970.9)],
            [("California", 54640.0, 48571.0), ("North Dakota", 47160.0, 52767.0)],
        ),
    )
    assert "Massachusetts $56,920 ($52,588 adjusted) and Oregon $52,330 ($49,971 adjusted)" in t.alt
    assert t.caption == (
        "At national prices, the best-paying state is Massachusetts ($52,588) for Order "
        "Clerks and North Dakota ($52,767) for Customer Service Representatives (BEA regional "
        "price parities 2023: state averages, not specific to an occupation)."
    )
