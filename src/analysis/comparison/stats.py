"""Standard errors from published RSEs, confidence intervals, distribution distances.

Pure functions on numbers; no data loading. Missing inputs give ``None``
results (with a reason where the caller shows one), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from statistics import NormalDist, StatisticsError, correlation

from analysis.comparison.contract import Gap
from analysis.occupations.contract import is_missing

CONFIDENCE = 0.95
"""Confidence level of every interval and significance verdict in the reports."""


def z_critical(confidence: float = CONFIDENCE) -> float:
    """Two-sided critical value of the standard normal (1.96 for 95 %)."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def se_from_rse(estimate: float | None, rse_pct: float | None) -> float | None:
    """Standard error from a relative standard error given in percent.

    OEWS publishes RSEs: SE = RSE / 100 x estimate.

    Args:
        estimate: The published estimate.
        rse_pct: Its relative standard error, in percent.

    Returns:
        The standard error, or None when either input is missing.
    """
    if is_missing(estimate) or is_missing(rse_pct):
        return None
    return rse_pct / 100 * estimate


def gap(
    a: float | None,
    b: float | None,
    se_a: float | None = None,
    se_b: float | None = None,
    confidence: float = CONFIDENCE,
) -> Gap:
    """Difference of two estimates; with both SEs, its CI and a significance verdict.

    z = (a - b) / sqrt(se_a^2 + se_b^2); the gap is significant when
    |z| >= the two-sided critical value (1.96 at 95 %). The estimates are
    treated as independent, as OEWS samples of different occupations are
    nearly so.

    Args:
        a: Estimate for the first profession.
        b: Estimate for the second profession.
        se_a: Standard error of ``a`` (None when the source publishes none).
        se_b: Standard error of ``b``.
        confidence: Confidence level of the interval.

    Returns:
        The gap; fields that cannot be computed are None, with ``reason``.
    """
    if is_missing(a) or is_missing(b):
        side = "first" if is_missing(a) else "second"
        return Gap(
            None if is_missing(a) else a,
            None if is_missing(b) else b,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            f"the figure is missing for the {side} profession",
        )
    diff = a - b
    pct = None if b == 0 else diff / b * 100
    if is_missing(se_a) or is_missing(se_b):
        return Gap(
            a,
            b,
            diff,
            pct,
            None,
            None,
            None,
            None,
            None,
            "the source publishes no standard error for this figure",
        )
    se = math.sqrt(se_a**2 + se_b**2)
    crit = z_critical(confidence)
    if se == 0:
        return Gap(
            a, b, diff, pct, 0.0, None, diff, diff, diff != 0, "both standard errors are zero"
        )
    z = diff / se
    return Gap(a, b, diff, pct, se, z, diff - crit * se, diff + crit * se, abs(z) >= crit)


def proportions(shares: Sequence[float | None]) -> list[float] | None:
    """Turn published shares (percent) into proportions summing to 1.

    Published shares are rounded, so they rarely sum to exactly 100; the
    rescaling removes that rounding before distances are computed.

    Args:
        shares: Shares in percent; a missing one makes the whole result None.

    Returns:
        Proportions, or None when any share is missing or all are zero.
    """
    if any(is_missing(s) for s in shares):
        return None
    total = float(sum(shares))  # type: ignore[arg-type]
    if total <= 0:
        return None
    return [float(s) / total for s in shares]  # type: ignore[arg-type]


def dissimilarity(p: Sequence[float | None], q: Sequence[float | None]) -> float | None:
    """Duncan dissimilarity index D = 1/2 sum |p_i - q_i| of two compositions.

    0 means identical compositions; 1 means no overlap. D is the share of
    either group that would have to change category for the two to match.

    Args:
        p: Shares of each category (percent or proportions), same order as ``q``.
        q: Shares of the other composition.

    Returns:
        D in [0, 1], or None when a share is missing.

    Raises:
        ValueError: The compositions have different lengths.
    """
    if len(p) != len(q):
        raise ValueError(f"compositions differ in length: {len(p)} vs {len(q)}")
    pp, qq = proportions(p), proportions(q)
    if pp is None or qq is None:
        return None
    return 0.5 * sum(abs(x - y) for x, y in zip(pp, qq, strict=True))


def aligned(
    a: Mapping[str, float | None], b: Mapping[str, float | None]
) -> tuple[list[str], list[float | None], list[float | None]]:
    """Align two labelled compositions on the union of their categories (order of ``a``)."""
    labels = list(a) + [k for k in b if k not in a]
    return labels, [a.get(k) for k in labels], [b.get(k) for k in labels]


def profile_correlation(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson correlation of two rating profiles (1 = same shape, 0 = unrelated).

    Used for skill profiles: O*NET importance ratings are all positive, so a
    plain cosine is close to 1 for any two occupations; centring each profile
    on its own mean (Pearson) compares which skills matter more or less.

    Args:
        x: Ratings of one occupation.
        y: Ratings of the other, same order.

    Returns:
        The correlation, or None when a profile is constant or too short.
    """
    if len(x) != len(y):
        raise ValueError(f"profiles differ in length: {len(x)} vs {len(y)}")
    try:
        return correlation(list(x), list(y))
    except StatisticsError:
        return None
