"""Hand-made profiles for the tests of the pure gap, table and narrative functions."""

from __future__ import annotations

import dataclasses
from typing import Any

from analysis.occupations.contract import Profile


def blank_profile(**fields: Any) -> Profile:
    """A public profile with every figure missing except ``fields`` (nested values typed).

    Args:
        **fields: Field values in their JSON form (dicts for records), e.g.
            ``race_pct={"white": 60.0, ...}``; ``title`` defaults to "Test Workers".
    """
    required = {
        f.name: None
        for f in dataclasses.fields(Profile)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    base = {**required, "dataset": "public", "title": "Test Workers"}
    base.update(similar=[], sources=[], missing={})
    return Profile.from_json({**base, **fields})
