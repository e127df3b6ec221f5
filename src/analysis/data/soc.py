"""Standard Occupational Classification (SOC 2018) codes: parsing and formatting."""

from __future__ import annotations

import re

_SOC = re.compile(r"^\s*(\d{2})[-\s.]?(\d{4})(?:\.\d{2})?\s*$")


def normalize_soc(text: object) -> str | None:
    """Return ``text`` as a ``XX-XXXX`` SOC code, or None when it is not one.

    Accepts ``43-4051``, ``434051``, ``43 4051`` and O*NET-SOC codes such as
    ``43-4051.00`` (the O*NET suffix is dropped).

    Args:
        text: Anything; non-strings give None.

    Returns:
        The normalized code, or None.
    """
    if not isinstance(text, str):
        return None
    match = _SOC.match(text)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def major_group(soc: str) -> str:
    """Return the SOC major group of a detailed code (``43-4051`` -> ``43-0000``)."""
    return f"{soc[:2]}-0000"
