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
    assert fmt.money(value, cents=cents) == expected


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
    assert fmt.count(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (39, 0, False, "39%"),
        (-4, 0, False, "-4%"),
        (-5.5, 1, False, "-5.5%"),
        (58.3, 1, False, "58.3%"),
        (3.4986, 1, True, "+3.5%"),  # 1,630 / 46,590 = 3.4986 %
        (-0.7587, 1, True, "-0.8%"),  # -287 / 37,827 = -0.7587 %
        (0, 1, True, "+0.0%"),
        (12.25, 2, False, "12.25%"),
        (None, 1, False, "-"),
        (float("nan"), 0, True, "-"),
    ],
)
def test_percent(value, decimals, signed, expected):
    assert fmt.percent(value, decimals, signed=signed) == expected


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
    assert fmt.text(value) == expected


def test_dash_is_the_seed_pages_missing_marker():
    # The seed page shows "| Growth rate | - | -4% |".
    assert fmt.DASH == "-"
