"""How figures are written on the page: the seed page's formats, and "-" for missing."""

from __future__ import annotations

from typing import Any

from analysis.occupations.contract import is_missing

DASH = "-"


def money(value: Any, cents: bool = False) -> str:
    """Format dollars as "$37,540" (or "$18.05" with ``cents``); "-" when missing."""
    if is_missing(value):
        return DASH
    rounded = round(value, 2) if cents else round(value)
    sign = "-" if rounded < 0 else ""
    body = f"{abs(rounded):,.2f}" if cents else f"{abs(rounded):,}"
    return f"{sign}${body}"


def count(value: Any) -> str:
    """Format a count as "46,043"; "-" when missing."""
    return DASH if is_missing(value) else f"{round(value):,}"


def percent(value: Any, decimals: int = 0, signed: bool = False) -> str:
    """Format a percentage as "39%" / "-4%" / "+1.2%"; "-" when missing."""
    if is_missing(value):
        return DASH
    text = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
    return f"{text}%"


def text(value: Any) -> str:
    """Return a string, or "-" when missing or empty."""
    return DASH if is_missing(value) or value == "" else str(value)
