"""What the report template needs from an executed notebook: its outline and labelled parts.

:class:`ReportOutline` is an nbconvert preprocessor run after the hidden cells are
removed. It collects the section headings (level 2, from markdown cells and from
Markdown outputs) into ``resources["toc"]`` with the ids nbconvert's Markdown
renderer gives them, marks the cell before which the contents list goes, and
names every table output (by its caption, else after its section) so each
scrolling table box has a unique accessible name, and links similar occupations
to their reports when those exist in the same folder (``existing_reports``). The template
(``templates/report/index.html.j2``) reads these; nothing here touches the
notebook written to disk (nbconvert works on a copy).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode

META = "report"
"""Key of the cell and output metadata this preprocessor writes for the template."""

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ID = re.compile(r'<h\d[^>]*\bid="([^"]+)"')
_TAGS = re.compile(r"<[^>]+>")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


@dataclass(frozen=True)
class Heading:
    """One heading of the page: its level, its anchor id and its text as shown."""

    level: int
    id: str
    text: str


def headings(markdown: str) -> list[Heading]:
    """The ATX headings (``## Pay``) of a Markdown text, with nbconvert's anchor ids.

    The id is taken from nbconvert's own Markdown renderer, so the contents list
    links to exactly the id the page's heading gets.
    """
    found = []
    for match in _ATX.finditer(_FENCE.sub("", markdown)):
        rendered = markdown2html_mistune(f"{match.group(1)} {match.group(2)}")
        anchor = _ID.search(rendered)
        if anchor is None:
            continue
        inner = rendered[rendered.index(">") + 1 : rendered.rindex("</h")]
        inner = re.sub(r'<a class="anchor-link".*?</a>', "", inner)
        text = html.unescape(_TAGS.sub("", inner)).strip()
        found.append(Heading(len(match.group(1)), html.unescape(anchor.group(1)), text))
    return found


def css_string(text: str) -> str:
    """Quote ``text`` as a CSS string that is also safe inside an HTML ``<style>`` element."""
    escaped = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            escaped.append(f"\\{ord(ch):x} ")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


_MAYBE_REPORT = re.compile(r'<span class="maybe-report" data-reports="([^"]*)">(.*?)</span>', re.S)


def link_reports(text: str, existing: frozenset[str]) -> str:
    """Turn each ``maybe-report`` span into a link to the first of its reports that exists.

    The notebook names, for a similar occupation, the file names its pair report
    would have (``data-reports``); only a report present in the same folder is
    linked, so a page never links to a file that is not there.
    """

    def resolve(match: re.Match[str]) -> str:
        for name in match.group(1).split():
            if name in existing:
                return f'<a href="{html.escape(name)}">{match.group(2)}</a>'
        return match.group(2)

    return _MAYBE_REPORT.sub(resolve, text)


def _cell_markdown(cell: NotebookNode) -> list[str]:
    """The Markdown a cell shows: its source (markdown cell) or its Markdown outputs."""
    if cell.cell_type == "markdown":
        return [cell.source]
    texts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/markdown" in data:
            texts.append(data["text/markdown"])
    return texts


_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S | re.I)


_BOX_LABEL = re.compile(r'(<div class="table-scroll"[^>]*?aria-label=")([^"]*)(")')


def _is_table(output: NotebookNode) -> bool:
    """An HTML table the template must put in a scrolling box (not already in one)."""
    text = output.get("data", {}).get("text/html", "")
    return "<table" in text and 'class="table-scroll"' not in text


def _caption(output: NotebookNode) -> str | None:
    """The text of the first table caption of an HTML output, if it has one."""
    match = _CAPTION.search(output.get("data", {}).get("text/html", ""))
    if match is None:
        return None
    return " ".join(html.unescape(_TAGS.sub("", match.group(1))).split()) or None


def _unique(label: str, used: set[str]) -> str:
    """``label``, or ``label (2)``, ``(3)``...: each scrolling box needs its own name.

    Returns the name HTML-escaped for an attribute (the template escapes its own).
    """
    base, n = label, 1
    while label in used:
        n += 1
        label = f"{base} ({n})"
    used.add(label)
    return html.escape(label)


class ReportOutline(Preprocessor):
    """Collect the page's sections for the contents list and label its tables."""

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Fill ``resources["toc"]`` and the ``report`` metadata the template reads."""
        toc: list[Heading] = []
        section = resources.get("metadata", {}).get("name") or "Report"
        tables_in_section = 0
        used: set[str] = set()
        existing = frozenset(resources.get("existing_reports") or ())
        for cell in nb.cells:
            cell_meta: dict[str, Any] = {}
            for markdown in _cell_markdown(cell):
                for heading in headings(markdown):
                    if heading.level != 2:
                        continue
                    if not toc:
                        cell_meta["toc_before"] = True
                    toc.append(heading)
                    section, tables_in_section = heading.text, 0
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data and "maybe-report" in data["text/html"]:
                    data["text/html"] = link_reports(data["text/html"], existing)
                if "text/html" in data and 'class="table-scroll"' in data["text/html"]:
                    data["text/html"] = _BOX_LABEL.sub(
                        lambda m: (
                            m.group(1) + _unique(html.unescape(m.group(2)), used) + m.group(3)
                        ),
                        data["text/html"],
                    )
                if _is_table(output):
                    tables_in_section += 1
                    label = _caption(output) or f"{section}: table {tables_in_section}"
                    label = html.unescape(_unique(label, used))
                    output.setdefault("metadata", {})[META] = {"label": label}
            if cell_meta:
                cell.metadata[META] = cell_meta
        resources["toc"] = toc
        resources["print_title_css"] = css_string(resources.get("metadata", {}).get("name") or "")
        return nb, resources
