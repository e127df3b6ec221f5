"""An occupation's most important skills, ordered one way everywhere."""

from __future__ import annotations

import pandas as pd


def top_skills(frame: pd.DataFrame, n: int = 3) -> list[str]:
    """The ``n`` most important skills: by importance, then level, then name.

    The one ordering used everywhere (profile, tables, narrative), so ties
    never name different skills in different places.
    """
    if frame.empty:
        return []
    keys = [c for c in ("importance", "level", "skill") if c in frame.columns]
    ordered = frame.sort_values(keys, ascending=[c == "skill" for c in keys])
    return ordered["skill"].head(n).tolist()
