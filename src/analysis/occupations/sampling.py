"""Sampling-error rules shared by the rankings (here) and the gaps (``comparison.stats``).

They sit in this layer because the place rankings need them and may not import
upward from ``comparison``.
"""

from __future__ import annotations

from statistics import NormalDist

from analysis.occupations.contract import is_missing

CONFIDENCE = 0.95
"""Confidence level of every interval and significance verdict in the reports."""

RSE_BELOW_PUBLISHED_PCT = 0.05
"""OEWS rounds RSEs to one decimal: a published 0.0 means below 0.05 %, computed as 0.05."""


def z_critical(confidence: float = CONFIDENCE) -> float:
    """Two-sided critical value of the standard normal (1.96 for 95 %)."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def effective_rse(rse_pct: float | None) -> float | None:
    """The RSE (percent) to compute with: a published 0.0 ("below 0.05 %") becomes 0.05.

    0.05 is the largest value that rounds to 0.0, so the interval is conservative;
    an exact zero would claim a figure with no sampling error at all.
    """
    if is_missing(rse_pct):
        return None
    return RSE_BELOW_PUBLISHED_PCT if rse_pct == 0 else float(rse_pct)
