"""Tables as a publication sets them, written as HTML by small functions.

A table has a caption, a header row with a ``scope`` on every cell (no empty
header cells: the row-label column is named too), one ``<th scope="row">`` per
row, text left and numbers right (``class="num"``), and footnotes: a cell whose
figure is missing or needs a caveat carries a letter, and the notes under the
table say why, each reason once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from string import ascii_lowercase

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Cell:
    """One table cell: the text shown, whether it is a number, and an optional note.

    Attributes:
        text: What the cell shows (escaped when written; wrap in ``Markup`` for HTML).
        numeric: Right-aligned with tabular figures.
        note: Why the figure is missing, or a caveat; becomes a footnote letter.
    """

    text: str
    numeric: bool = False
    note: str | None = None


def num(text: str, note: str | None = None) -> Cell:
    """A number cell (right-aligned)."""
    return Cell(text, numeric=True, note=note)


def txt(text: str, note: str | None = None) -> Cell:
    """A text cell (left-aligned)."""
    return Cell(text, numeric=False, note=note)


@dataclass(frozen=True)
class Row:
    """One body row: its label (a row header) and its cells."""

    label: str
    cells: Sequence[Cell]


_NUM = ' class="num"'


def _marker(index: int) -> str:
    """Footnote letters a, b, ..., z, aa, ab, ..."""
    letters = ascii_lowercase
    return (
        letters[index] if index < len(letters) else _marker(index // 26 - 1) + letters[index % 26]
    )


def data_table(
    caption: str,
    columns: Sequence[str],
    rows: Sequence[Row],
    *,
    numeric_columns: Sequence[bool] | None = None,
    notes: Sequence[str] = (),
    css_class: str = "report-table",
    stacked: bool = False,
) -> Markup:
    """Write one table with its caption, headers, footnote letters and notes.

    Args:
        caption: What the table shows (and its source).
        columns: Header of every column, the row-label column first (never empty).
        rows: Body rows; each has ``len(columns) - 1`` cells.
        numeric_columns: Which data columns hold numbers (their headers align right);
            default: a column is numeric when all its cells are.
        notes: Notes for the whole table, printed after the footnotes.
        css_class: Class of the ``<table>``.
        stacked: On a narrow screen, show each row as a block, one cell a line with its
            column's header (class ``stacked``, each cell's header in ``data-label``),
            instead of a table that scrolls sideways.

    Returns:
        The HTML: a scrolling box (``div.table-scroll``) holding the ``<table>`` and its
        notes, if any.

    Raises:
        ValueError: An empty header, or a row with the wrong number of cells.
    """
    if any(not str(c).strip() for c in columns):
        raise ValueError(f"every column needs a header, got {list(columns)}")
    width = len(columns) - 1
    for row in rows:
        if len(row.cells) != width:
            raise ValueError(f"row {row.label!r} has {len(row.cells)} cells, expected {width}")
    if numeric_columns is None:
        numeric_columns = [
            bool(rows) and all(r.cells[i].numeric for r in rows) for i in range(width)
        ]
    reasons: dict[str, str] = {}
    for row in rows:
        for cell in row.cells:
            if cell.note and cell.note not in reasons:
                reasons[cell.note] = _marker(len(reasons))

    head = [f'<th scope="col">{escape(columns[0])}</th>']
    head += [
        f'<th scope="col"{_NUM if numeric_columns[i] else ""}>{escape(c)}</th>'
        for i, c in enumerate(columns[1:])
    ]
    body = []
    for row in rows:
        cells = [f'<th scope="row">{escape(row.label)}</th>']
        for i, cell in enumerate(row.cells):
            mark = f'<sup class="fn">{reasons[cell.note]}</sup>' if cell.note else ""
            label = f' data-label="{escape(columns[i + 1])}"' if stacked else ""
            content = f"{escape(cell.text)}{mark}"
            if stacked:
                # one flex item beside its label: the "$" that no_math sets in a span of its
                # own (and the footnote mark) must not spread across the line on a phone
                content = f"<span>{content}</span>"
            cells.append(f"<td{_NUM if cell.numeric else ''}{label}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts = [
        # a box of its own that scrolls sideways on a narrow screen, named by the caption
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">',
        f'<table class="{escape(css_class + (" stacked" if stacked else ""))}">',
        f"<caption>{escape(caption)}</caption>",
        "<thead><tr>" + "".join(head) + "</tr></thead>",
        "<tbody>",
        *body,
        "</tbody></table>",
    ]
    items = [f"<li><sup>{m}</sup> {escape(r)}</li>" for r, m in reasons.items()]
    items += [f"<li>{escape(n)}</li>" for n in notes]
    if items:
        parts.append('<ul class="table-notes">' + "".join(items) + "</ul>")
    parts.append("</div>")
    return Markup("\n".join(parts))


def paragraph(text: str, css_class: str | None = None) -> Markup:
    """One escaped paragraph."""
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return Markup(f"<p{cls}>{escape(text)}</p>")


# A "$" written as its own element: MathJax (JupyterLab 4, nbconvert's classic HTML)
# looks for $...$ pairs within one run of text, and an element boundary ends the run,
# so "$34,370 more than ... +$2,000" is no longer read as mathematics. The entity keeps
# Markdown's math finder (which reads the source text) from seeing a "$" either.
# The page reads and copies the same. tex2jax_ignore classes are not relied on: what
# MathJax ignores is configurable per front end.
DOLLAR = "<span>&#36;</span>"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def no_math(markup: str) -> Markup:
    """HTML with every "$" of its text set apart, so no front end typesets it as TeX.

    Args:
        markup: HTML whose text is escaped (as every writer here produces: a ``>``
            in text is ``&gt;``), so a tag is ``<`` to the next ``>``.

    Returns:
        The same HTML; "$" inside tags (attribute values) is left as it is.
    """
    parts = _TAG_OR_TEXT.split(str(markup))
    return Markup("".join(p if p.startswith("<") else p.replace("$", DOLLAR) for p in parts))


def no_math_markdown(text: str) -> str:
    """Markdown with every "$", backslash-escaped or not, written as :data:`DOLLAR`.

    JupyterLab typesets even a backslash-escaped pair of dollars in a Markdown output.
    """
    return text.replace("\\$", "$").replace("$", DOLLAR)
