"""Standard errors from published RSEs, confidence intervals, distribution distances.

Pure functions on numbers; no data loading. Missing inputs give ``None``
results (with a reason where the caller shows one), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from statistics import StatisticsError, correlation

from analysis.comparison.contract import Gap
from analysis.occupations.contract import is_missing
from analysis.occupations.sampling import (
    CONFIDENCE,
    effective_rse,
    z_critical,
)


def zero_rse_note(what: str, rse_a: float | None, rse_b: float | None) -> str | None:
    """The note a gap carries when a side's published RSE is 0.0 (None otherwise).

    Args:
        what: The figure, e.g. "wage" or "employment".
        rse_a: The first side's published RSE (percent).
        rse_b: The second side's.
    """
    sides = [s for s, r in (("first", rse_a), ("second", rse_b)) if r == 0]
    if not sides:
        return None
    who = "both professions" if len(sides) == 2 else f"the {sides[0]} profession"
    return (
        f"OEWS publishes a {what} RSE of 0.0% for {who} (rounded: below 0.05%); "
        f"the interval is computed with 0.05%, the largest value that rounds to 0.0"
    )


def se_from_rse(estimate: float | None, rse_pct: float | None) -> float | None:
    """Standard error from a relative standard error given in percent.

    OEWS publishes RSEs: SE = RSE / 100 x estimate. A published 0.0 is computed
    as 0.05 % (:func:`effective_rse`).

    Args:
        estimate: The published estimate.
        rse_pct: Its relative standard error, in percent.

    Returns:
        The standard error, or None when either input is missing.
    """
    rse = effective_rse(rse_pct)
    if is_missing(estimate) or rse is None:
        return None
    return rse / 100 * estimate


def _pct_interval(
    a: float, b: float, se_a: float, se_b: float, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """Confidence interval of the percent gap (a - b) / b x 100 by the log ratio.

    ln(a/b) +- z * sqrt((se_a/a)^2 + (se_b/b)^2), back-transformed to percent
    (exp(.) - 1) x 100: the delta-method SE of a log ratio of independent
    estimates. The interval is asymmetric around the percent gap, as a ratio's is.

    Returns:
        (low, high) in percent, or None when a side is not positive.
    """
    if a <= 0 or b <= 0:
        return None
    half = z_critical(confidence) * math.sqrt((se_a / a) ** 2 + (se_b / b) ** 2)
    log_ratio = math.log(a / b)
    return (math.exp(log_ratio - half) - 1) * 100, (math.exp(log_ratio + half) - 1) * 100


def gap(
    a: float | None,
    b: float | None,
    se_a: float | None = None,
    se_b: float | None = None,
    confidence: float = CONFIDENCE,
    note: str | None = None,
) -> Gap:
    """Difference of two estimates; with both SEs, its CI and a significance verdict.

    z = (a - b) / sqrt(se_a^2 + se_b^2); the gap is significant when
    |z| >= the two-sided critical value (1.96 at 95 %).

    Independence is an assumption, not a property of the data: OEWS estimates of
    two occupations come from the same sample of establishments, so they may
    covary. Establishments that pay one occupation well tend to pay others well,
    a positive covariance; Var(a - b) = Var(a) + Var(b) - 2 Cov(a, b) is then
    smaller than the sum we use, so our interval is wider and the test
    conservative. OEWS publishes no covariances.

    Args:
        a: Estimate for the first profession.
        b: Estimate for the second profession.
        se_a: Standard error of ``a`` (None when the source publishes none).
        se_b: Standard error of ``b``.
        confidence: Confidence level of the interval.
        note: A note the gap carries (e.g. a published RSE of 0.0 computed as 0.05 %).

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
        # Only two zero estimates have SE 0 (RSEs of 0.0 are computed as 0.05 %):
        # no sampling error to test against, so no verdict either way.
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
            "both estimates are zero, so there is no standard error to test against",
            note=note,
        )
    z = diff / se
    interval = _pct_interval(a, b, se_a, se_b, confidence)
    return Gap(
        a,
        b,
        diff,
        pct,
        se,
        z,
        diff - crit * se,
        diff + crit * se,
        abs(z) >= crit,
        note=note,
        difference_pct_ci95_low=None if interval is None else interval[0],
        difference_pct_ci95_high=None if interval is None else interval[1],
    )


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
