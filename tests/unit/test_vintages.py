"""No code or template outside the catalog names a data release (issue 17, item 5).

A new release is then a change of ``data/sources/catalog.py`` plus the raw files
(README, "How to add a new data release"): every label, caption, header name and
template takes the release from :data:`analysis.data.sources.catalog.SOURCES`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from analysis.data.sources.catalog import SOURCES

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "analysis"
CATALOG = PACKAGE / "data" / "sources" / "catalog.py"

# "May 2025", "CPS 2025", "2024-34" / "2024–34" / "2024&ndash;34", "(2023)", "O*NET 30.1"
VINTAGE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) 20\d\d|\bCPS 20\d\d|\b20\d\d(-|\u2013|&ndash;)\d\d\b|\(20\d\d\)|O\*NET \d\d\.\d"
)


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (they describe the code; pages never show them)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        if isinstance(node, ast.Module | ast.ClassDef):  # attribute docstrings
            for before, after in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(before, ast.Assign | ast.AnnAssign)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                ):
                    found.add(id(after.value))
    return found


def _literals(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module (f-string parts too), docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_the_pattern_finds_every_vintage_the_catalog_writes():
    # the check is only as good as its pattern: each written form of today's releases
    for text in ("OEWS May 2025", "CPS 2025", "2024-34", "2024\u201334", "2024&ndash;34",
                 "CPS Table 11 (2023)", "O*NET 30.1"):  # fmt: skip
        assert VINTAGE.search(text), text
    assert VINTAGE.search(SOURCES["oews"].label) and VINTAGE.search(SOURCES["ep"].label)
    assert not VINTAGE.search("employment_change_pct_2024_2034")  # a field name, not a label


def test_no_string_literal_outside_the_catalog_names_a_release():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != CATALOG and "bundle" not in path.parts
        for line, text in _literals(path)
        if VINTAGE.search(text)
    ]
    assert found == []


def test_no_template_names_a_release():
    templates = [p for p in PACKAGE.rglob("*.j2")]
    assert len(templates) >= 5
    found = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in templates
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if VINTAGE.search(line)
    ]
    assert found == []
