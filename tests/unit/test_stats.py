import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.comparison import stats


def test_se_from_rse_is_rse_percent_of_estimate():
    # OEWS 43-4051 annual mean $46,590 with wage RSE 0.2 % -> SE = 0.002 * 46,590 = 93.18
    assert stats.se_from_rse(46590, 0.2) == pytest.approx(93.18)
    assert stats.se_from_rse(None, 0.2) is None
    assert stats.se_from_rse(46590, float("nan")) is None


def test_gap_hand_worked_order_clerks_vs_customer_service():
    # Order clerks 48,220 (RSE 0.5 % -> SE 241.10); CSR 46,590 (RSE 0.2 % -> SE 93.18).
    # difference = 1,630; SE = sqrt(241.10^2 + 93.18^2) = sqrt(58,129.21 + 8,682.5124)
    #            = sqrt(66,811.7224) = 258.4797...
    # z = 1,630 / 258.4797 = 6.3061; 95 % CI = 1,630 +/- 1.959964 * 258.4797 = [1123.39, 2136.61]
    g = stats.gap(48220, 46590, 241.10, 93.18)
    assert g.difference == 1630
    assert g.difference_pct == pytest.approx(1630 / 46590 * 100)
    assert g.se == pytest.approx(258.4797, abs=1e-3)
    assert g.z == pytest.approx(6.3061, abs=1e-3)
    assert g.ci95_low == pytest.approx(1123.39, abs=0.01)
    assert g.ci95_high == pytest.approx(2136.61, abs=0.01)
    assert g.significant is True


def test_gap_not_distinguishable_when_z_small():
    # a = 50,000, b = 49,800, SE 200 each: SE = sqrt(80,000) = 282.84; z = 200/282.84 = 0.707
    g = stats.gap(50000, 49800, 200, 200)
    assert g.z == pytest.approx(0.7071, abs=1e-4)
    assert g.significant is False


def test_gap_missing_side_is_null_with_reason():
    g = stats.gap(None, 100.0, None, 1.0)
    assert g.difference is None and g.significant is None
    assert "first" in g.reason


def test_gap_without_se_makes_no_claim():
    g = stats.gap(10.0, 8.0)
    assert g.difference == 2.0 and g.significant is None and g.ci95_low is None
    assert "standard error" in g.reason


def test_z_critical_95():
    assert stats.z_critical() == pytest.approx(1.959964, abs=1e-6)


def test_dissimilarity_hand_worked():
    # p = (50, 30, 20), q = (20, 30, 50): |0.3| + 0 + |0.3| = 0.6, halved = 0.3
    assert stats.dissimilarity([50, 30, 20], [20, 30, 50]) == pytest.approx(0.3)
    # disjoint compositions -> 1
    assert stats.dissimilarity([100, 0], [0, 100]) == pytest.approx(1.0)


def test_dissimilarity_rescales_rounded_shares():
    # EP 5.3 shares for 43-4051 sum to 100.0 and for 43-4151 to 100.1 (rounding)
    csr = [3.9, 26.2, 29.2, 12.4, 23.2, 4.4, 0.7]
    oc = [7.3, 31.3, 26.3, 12.3, 19.7, 2.9, 0.3]
    # By hand, each share over its own total (100.0 and 100.1):
    # |.039 - .072927| + |.262 - .312687| + |.292 - .262737| + |.124 - .122877|
    # + |.232 - .196803| + |.044 - .028971| + |.007 - .002997|
    # = .033927 + .050687 + .029263 + .001123 + .035197 + .015029 + .004003 = .169229;
    # halved: 0.084614. Without rescaling (dividing both by 100) it would be 0.0845.
    assert stats.dissimilarity(csr, oc) == pytest.approx(0.084614, abs=5e-7)
    assert stats.dissimilarity(csr, [None] * 7) is None


shares = st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=8)


@given(st.data())
def test_dissimilarity_properties(data):
    p = data.draw(shares.filter(lambda xs: sum(xs) > 1e-6))
    q = data.draw(
        st.lists(st.floats(min_value=0, max_value=100), min_size=len(p), max_size=len(p)).filter(
            lambda xs: sum(xs) > 1e-6
        )
    )
    d = stats.dissimilarity(p, q)
    assert 0 <= d <= 1 + 1e-9
    assert stats.dissimilarity(p, p) == pytest.approx(0, abs=1e-12)
    assert d == pytest.approx(stats.dissimilarity(q, p))


def test_dissimilarity_length_mismatch():
    with pytest.raises(ValueError):
        stats.dissimilarity([1, 2], [1, 2, 3])


def test_profile_correlation():
    assert stats.profile_correlation([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert stats.profile_correlation([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert stats.profile_correlation([1, 1, 1], [1, 2, 3]) is None
    assert not math.isnan(stats.profile_correlation([1, 2, 4], [1, 3, 2]))
