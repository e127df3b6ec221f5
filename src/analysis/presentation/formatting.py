"""How figures are written on the page.

Two styles. :data:`READER` is what every report page uses: a true minus sign
(U+2212) so a negative figure cannot be read as a dash, and "n/a" for a figure
the source does not publish (the page gives the reason beside it). :data:`SEED`
reproduces the career-site page string for string: a hyphen for negatives and
a bare "-" for missing, as that page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.occupations.contract import is_missing

MINUS = "\u2212"
"""The minus sign (U+2212), not the hyphen-minus."""
NA = "n/a"
"""What a reader page shows for a figure the source does not publish."""
DASH = "-"
"""The seed page's marker for a missing figure (kept only to reproduce that page)."""


@dataclass(frozen=True)
class Style:
    """How a page writes a negative sign and a missing figure."""

    minus: str
    missing: str


READER = Style(minus=MINUS, missing=NA)
SEED = Style(minus="-", missing=DASH)

# Reader pages are the rule; the seed tables ask for SEED explicitly.
_DEFAULT = READER


def _with_sign(body: str, value: float, signed: bool, style: Style) -> str:
    """Put the sign before ``body`` (the absolute value as shown); a shown zero gets none."""
    if not any(digit in body for digit in "123456789"):
        return body
    if value < 0:
        return style.minus + body
    return "+" + body if signed else body


def money(value: Any, cents: bool = False, *, signed: bool = False, style: Style = _DEFAULT) -> str:
    """Format dollars as "$37,540" (or "$18.05" with ``cents``).

    Args:
        value: Dollars, or None/NaN when missing.
        cents: Keep two decimals.
        signed: Write "+" before a positive amount (for differences).
        style: :data:`READER` (U+2212, "n/a") or :data:`SEED` ("-", "-").

    Returns:
        "−$287" (reader) or "-$287" (seed) for negatives; the style's missing marker.
    """
    if is_missing(value):
        return style.missing
    body = f"${abs(value):,.2f}" if cents else f"${abs(round(value)):,}"
    return _with_sign(body, value, signed, style)


def money_rounded(
    value: Any, step: int = 10, *, signed: bool = False, style: Style = _DEFAULT
) -> str:
    """Dollars rounded to ``step`` like the figures they come from ("$2,730", not "$2,734").

    OEWS publishes annual wages rounded to $10, so a difference or an interval of
    them is shown to $10 too: more digits would claim a precision the source lacks.
    """
    if is_missing(value):
        return style.missing
    return money(round(value / step) * step, signed=signed, style=style)


def money_range(low: Any, high: Any, *, style: Style = _DEFAULT) -> str:
    """Format a range of dollars as "$35,530 to $63,530"; missing when either end is."""
    if is_missing(low) or is_missing(high):
        return style.missing
    return f"{money(low, style=style)} to {money(high, style=style)}"


def count(value: Any, *, signed: bool = False, style: Style = _DEFAULT) -> str:
    """Format a count as "46,043" ("+1,200" / "−2,520,550" with ``signed``)."""
    if is_missing(value):
        return style.missing
    return _with_sign(f"{abs(round(value)):,}", value, signed, style)


def number(value: Any, decimals: int = 1, *, signed: bool = False, style: Style = _DEFAULT) -> str:
    """Format a plain number with fixed decimals ("35.5", "0.085", "−1.5")."""
    if is_missing(value):
        return style.missing
    return _with_sign(f"{abs(value):.{decimals}f}", value, signed, style)


def percent(value: Any, decimals: int = 0, signed: bool = False, *, style: Style = _DEFAULT) -> str:
    """Format a percentage as "39%" / "−4%" / "+1.2%"."""
    if is_missing(value):
        return style.missing
    return _with_sign(f"{abs(value):.{decimals}f}%", value, signed, style)


def points(value: Any, decimals: int = 1, *, style: Style = _DEFAULT) -> str:
    """Format a difference of two percentages in percentage points: "+7.0 pts", "−11.7 pts"."""
    if is_missing(value):
        return style.missing
    return _with_sign(f"{abs(value):.{decimals}f} pts", value, True, style)


def text(value: Any, *, style: Style = _DEFAULT) -> str:
    """Return a string, or the style's missing marker when missing or empty."""
    return style.missing if is_missing(value) or value == "" else str(value)


def ordinal(n: int) -> str:
    """English ordinal of a positive integer: "1st", "2nd", "3rd", "11th", "12th", "112th"."""
    if n % 100 in (11, 12, 13):
        return f"{n:,}th"
    return f"{n:,}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
