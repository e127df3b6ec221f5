import math

import numpy as np
import pandas as pd
import pytest

from analysis.occupations.contract import is_missing
from analysis.presentation import formatting as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        (float("nan"), True),
        (math.nan, True),
        (np.float64("nan"), True),  # numpy float64 is a float subclass
        (pd.NA, True),
        (0, False),
        (0.0, False),
        ("", False),  # empty text is not "missing" for is_missing; text() handles it
        ("x", False),
        (-1, False),
    ],
)
def test_is_missing(value, expected):
    assert is_missing(value) is expected


@pytest.mark.parametrize(
    ("value", "cents", "expected"),
    [
        (37540, False, "$37,540"),  # seed yearly salary
        (37540.4, False, "$37,540"),  # 37,540.4 rounds down
        (46590.0, False, "$46,590"),
        (2595750, False, "$2,595,750"),
        (999.6, False, "$1,000"),  # 999.6 rounds up, gaining a thousands separator
        (0, False, "$0"),
        (-287, False, "-$287"),  # seed: 37,540 - 37,827 = -287; sign before the dollar
        (-1630.4, False, "-$1,630"),
        (18.05, True, "$18.05"),
        (22.4, True, "$22.40"),  # trailing zero kept with cents
        (1234.5, True, "$1,234.50"),
        (-0.14, True, "-$0.14"),  # 18.05 - 18.19 = -0.14
        (None, False, "-"),
        (float("nan"), True, "-"),
    ],
)
def test_money(value, cents, expected):
    # the seed page's marks: hyphen for negatives, "-" for missing
    assert fmt.money(value, cents=cents, style=fmt.SEED) == expected


def test_money_negative_that_rounds_to_zero_has_no_sign():
    # round(0.4) = 0, so the figure shown is zero dollars and should carry no minus sign.
    assert fmt.money(-0.4) == "$0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (46043, "46,043"),
        (215862, "215,862"),
        (2595750.0, "2,595,750"),
        (75200.4, "75,200"),
        (0, "0"),
        (None, "-"),
        (float("nan"), "-"),
    ],
)
def test_count(value, expected):
    assert fmt.count(value, style=fmt.SEED) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (39, 0, False, "39%"),
        (-4, 0, False, "-4%"),
        (-5.5, 1, False, "-5.5%"),
        (58.3, 1, False, "58.3%"),
        (3.4986, 1, True, "+3.5%"),  # 1,630 / 46,590 = 3.4986 %
        (-0.7587, 1, True, "-0.8%"),  # -287 / 37,827 = -0.7587 %
        (0, 1, True, "0.0%"),  # a zero carries no sign
        (-0.04, 1, True, "0.0%"),  # nor does a negative that shows as zero
        (12.25, 2, False, "12.25%"),
        (None, 1, False, "-"),
        (float("nan"), 0, True, "-"),
    ],
)
def test_percent(value, decimals, signed, expected):
    assert fmt.percent(value, decimals, signed=signed, style=fmt.SEED) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Deloitte", "Deloitte"),
        ("1-2 years", "1-2 years"),
        (12, "12"),
        ("", "-"),
        (None, "-"),
        (float("nan"), "-"),
    ],
)
def test_text(value, expected):
    assert fmt.text(value, style=fmt.SEED) == expected


def test_dash_is_the_seed_pages_missing_marker():
    # The seed page shows "| Growth rate | - | -4% |".
    assert fmt.DASH == "-"


# --- the reader style: U+2212 for negatives, "n/a" for missing ------------------------------

R = fmt.READER
MINUS = "\u2212"


def test_the_reader_style_is_the_default():
    assert fmt.money(-287) == MINUS + "$287"
    assert fmt.percent(None) == "n/a"


def test_reader_style_markers():
    assert fmt.MINUS == "\u2212" and fmt.MINUS != "-"
    assert (R.minus, R.missing) == (MINUS, "n/a")
    assert (fmt.SEED.minus, fmt.SEED.missing) == ("-", "-")


@pytest.mark.parametrize(
    ("value", "cents", "signed", "expected"),
    [
        (1630, False, True, "+$1,630"),  # 48,220 - 46,590 (OEWS 43-4151 vs 43-4051)
        (-60, False, True, MINUS + "$60"),  # p90: 63,530 - 63,590
        (-287, False, False, MINUS + "$287"),
        (0.79, True, True, "+$0.79"),  # 23.19 - 22.40
        (-0.14, True, False, MINUS + "$0.14"),
        (-0.004, True, True, "$0.00"),  # shows as zero: no sign
        (48220, False, False, "$48,220"),
        (None, False, True, "n/a"),
        (float("nan"), True, False, "n/a"),
    ],
)
def test_reader_money(value, cents, signed, expected):
    assert fmt.money(value, cents, signed=signed, style=R) == expected


def test_reader_money_range():
    # OEWS May 2025, Order Clerks: 10th percentile $35,530, 90th $63,530
    assert fmt.money_range(35530, 63530, style=R) == "$35,530 to $63,530"
    assert fmt.money_range(35530, None, style=R) == "n/a"
    assert fmt.money_range(float("nan"), 63530, style=fmt.SEED) == "-"


@pytest.mark.parametrize(
    ("value", "signed", "expected"),
    [
        (-2520550, True, MINUS + "2,520,550"),  # jobs: 75,200 - 2,595,750
        (1200, True, "+1,200"),
        (75200, False, "75,200"),
        (0, True, "0"),
        (None, False, "n/a"),
    ],
)
def test_reader_count(value, signed, expected):
    assert fmt.count(value, signed=signed, style=R) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (-17.2, 1, False, MINUS + "17.2%"),  # EP growth 2024-34, Order Clerks
        (3.4986, 1, True, "+3.5%"),  # 1,630 / 46,590
        (-0.7587, 1, True, MINUS + "0.8%"),
        (-0.04, 1, True, "0.0%"),
        (None, 1, True, "n/a"),
    ],
)
def test_reader_percent(value, decimals, signed, expected):
    assert fmt.percent(value, decimals, signed, style=R) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-11.7, MINUS + "11.7 pts"),  # growth: -17.2 % - (-5.5 %) is 11.7 points, not 11.7 %
        (-7.0, MINUS + "7.0 pts"),  # women's share: 58.3 % - 65.3 %
        (4.25, "+4.2 pts"),  # round half to even at one decimal
        (0.0, "0.0 pts"),
        (-0.01, "0.0 pts"),
        (None, "n/a"),
    ],
)
def test_points(value, expected):
    assert fmt.points(value, style=R) == expected


def test_points_seed_style_uses_the_hyphen():
    assert fmt.points(-11.7, style=fmt.SEED) == "-11.7 pts"


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (0.08461, 3, False, "0.085"),  # education D, 43-4151 vs 43-4051
        (-1.5, 1, True, MINUS + "1.5"),  # median age 35.5 - 37.0
        (1.5, 1, True, "+1.5"),
        (35.5, 1, False, "35.5"),
        (None, 3, False, "n/a"),
    ],
)
def test_reader_number(value, decimals, signed, expected):
    assert fmt.number(value, decimals, signed=signed, style=R) == expected


def test_reader_text():
    assert fmt.text(None, style=R) == "n/a"
    assert fmt.text("", style=R) == "n/a"
    assert fmt.text("1-2 years", style=R) == "1-2 years"  # a hyphen inside text stays


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (112, "112th"), (645, "645th"),
     (1001, "1,001st")],
)  # fmt: skip
def test_ordinal(n, expected):
    assert fmt.ordinal(n) == expected
