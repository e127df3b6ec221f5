"""The object papermill registers as its ``warm`` engine (entry point ``papermill.engine``).

papermill loads every ``papermill.engine`` entry point while it initialises,
and :mod:`analysis.batch.warm` imports papermill (its engine subclasses
papermill's). Pointing the entry point at that module would make
``import analysis.batch.warm`` before papermill a circular import. This module
imports nothing: papermill registers :data:`ENGINE`, which looks up
:class:`analysis.batch.warm.WarmEngine` the first time papermill calls it.
"""

from __future__ import annotations

from typing import Any


class _LazyWarmEngine:
    """Forwards papermill's engine calls (``execute_notebook``, ...) to the real engine."""

    def __getattr__(self, name: str) -> Any:
        from analysis.batch.warm import WarmEngine

        return getattr(WarmEngine, name)


ENGINE = _LazyWarmEngine()
"""Named in pyproject.toml: ``warm = "analysis.batch.warm_entry_point:ENGINE"``."""
