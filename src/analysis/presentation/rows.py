"""One row specification for every side-by-side table of a report.

A table row shows one figure of each occupation (or one gap of the pair). The
figure is named once, by its field: :class:`FigureRow` reads the value from the
profile (or the gap group) with that name, writes it, and takes the reason a
missing figure is missing from the same name. So no field is spelt twice, once
as an attribute and once as a string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analysis.comparison.contract import Gap, PlainGap
from analysis.comparison.pair import Comparison
from analysis.occupations.contract import Profile
from analysis.presentation import formatting as fmt
from analysis.presentation.html import Cell

NOT_ON_SEED_PAGE = "not on the career-site page"
"""Why a seed-dataset cell is empty when the seed page never shows that figure."""

Writer = Callable[[Any, fmt.Style], str]
"""Writes one value (the field's value, or what ``read`` returns) in a style."""


def plain(value: Any, style: fmt.Style) -> str:
    """A value in words ("Bachelor's degree"), or the style's missing marker."""
    return fmt.text(value, style=style)


@dataclass(frozen=True)
class FigureRow:
    """One table row: its label, the field behind it, and how to write its figure.

    Attributes:
        label: The row's label (saying what the figure really is).
        field: The profile (or gap group) field the row shows, and whose missing
            reason explains an empty cell. None for a row no field stands behind.
        write: Writes the value in a style.
        numeric: The figure is a number (right-aligned).
        read: Reads the value from the profile when it is more than one field
            (a range, a ratio of two fields); by default the field's value.
        difference: Writes the gap A − B (rows of gap tables only).
        seed_label: The row's label on the seed page, when it differs.
        public: False for rows no public source can ever fill: they appear in the
            seed dataset only, and once as a note with public data.
        caveat: A caveat on one profile's figure (e.g. it is a group's row), shown
            beside a published figure: "[...]" in text, a footnote in HTML.
    """

    label: str
    field: str | None
    write: Writer = plain
    numeric: bool = False
    read: Callable[[Profile], Any] | None = None
    difference: Callable[[Any], str] | None = None
    seed_label: str | None = None
    public: bool = True
    caveat: Callable[[Profile], str | None] | None = None

    def value(self, source: Any) -> Any:
        """The row's value in ``source`` (a profile, or a group of gaps)."""
        if self.read is not None:
            return self.read(source)
        return getattr(source, self.field) if self.field else None

    def shown(self, p: Profile, style: fmt.Style = fmt.READER) -> str:
        """The figure of ``p`` as the page writes it."""
        return self.write(self.value(p), style)

    def text(self, p: Profile) -> str:
        """The figure as plain text in the profile's style, with its caveat in brackets."""
        style = style_for(p)
        shown = self.shown(p, style)
        note = self.caveat(p) if self.caveat else None
        return f"{shown} [{note}]" if note and shown != style.missing else shown

    def note(
        self, p: Profile, shown: str, style: fmt.Style, unseen: str = NOT_ON_SEED_PAGE
    ) -> str | None:
        """What a footnote says about a cell: why it is missing, else its caveat.

        On the seed page, a missing figure the page never shows says ``unseen``.
        """
        if shown == style.missing:
            if self.field:
                return p.why_missing(self.field) or (unseen if p.is_seed else None)
            return None
        return self.caveat(p) if self.caveat else None

    def cell(
        self, p: Profile, style: fmt.Style = fmt.READER, unseen: str = NOT_ON_SEED_PAGE
    ) -> Cell:
        """The figure of ``p`` as a table cell, with its footnote."""
        shown = self.shown(p, style)
        return Cell(shown, numeric=self.numeric, note=self.note(p, shown, style, unseen))

    def label_for(self, dataset: str) -> str:
        """The seed page's label for the seed dataset, the honest one otherwise."""
        return self.seed_label or self.label if dataset == "seed" else self.label


def style_for(p: Profile) -> fmt.Style:
    """The seed page's own marks for the seed dataset, the reader style for public data."""
    return fmt.SEED if p.is_seed else fmt.READER


def names(comp: Comparison) -> list[str]:
    """The two column headers of a side-by-side table ("... (A)" when the titles match)."""
    a, b = comp.a.title, comp.b.title
    return [f"{a} (A)", f"{b} (B)"] if a == b else [a, b]


def side_note(p: Profile, field: str, value: Any) -> str | None:
    """Why one side's figure is missing (None when it is published)."""
    return p.why_missing(field) if fmt.is_missing(value) else None


def gap_note(gap: Gap | PlainGap) -> str | None:
    """Why a gap has no difference, and any caveat on it (read generically from the gap)."""
    notes = [
        gap.reason if gap.difference is None else None,
        gap.caveat,
        getattr(gap, "note", None),  # e.g. a published RSE of 0.0 computed as 0.05 %
    ]
    text = "; ".join(n for n in notes if n)
    return text or None
