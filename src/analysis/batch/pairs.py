"""Read a pairs file for the batch runner: ``a,b[,label][,dataset]`` per row."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from analysis.config import DATASETS
from analysis.errors import UserInputError


@dataclass(frozen=True)
class Pair:
    """One pair to render, with the row it came from."""

    a: str
    b: str
    label: str
    dataset: str
    row: int

    def parameters(self) -> dict[str, str]:
        """The notebook parameters of this pair."""
        return {"profession_a": self.a, "profession_b": self.b, "dataset": self.dataset}


@dataclass(frozen=True)
class BadRow:
    """A malformed row: its number (1-based, as an editor shows it) and what is wrong."""

    row: int
    problem: str


def read_pairs(path: Path) -> tuple[list[Pair], list[BadRow]]:
    """Parse a pairs CSV, keeping the good rows and explaining the bad ones.

    A header row (``a,b,...``) is optional; blank lines and lines starting
    with ``#`` are skipped.

    Args:
        path: The CSV file.

    Returns:
        The valid pairs and the malformed rows.

    Raises:
        UserInputError: The file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")  # Excel writes a byte-order mark
    except (OSError, UnicodeDecodeError) as err:
        raise UserInputError(f"Cannot read pairs file {path}: {err}.") from None
    pairs: list[Pair] = []
    bad: list[BadRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    first_row = True
    for number, fields in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [f.strip() for f in fields]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        is_header = first_row and [c.lower() for c in cells[:2]] == ["a", "b"]
        first_row = False
        if is_header:
            continue
        problem = _problem(cells)
        if problem:
            bad.append(BadRow(number, problem))
            continue
        label = cells[2] if len(cells) > 2 and cells[2] else f"{cells[0]} vs {cells[1]}"
        ds = cells[3] if len(cells) > 3 and cells[3] else "public"
        key = (cells[0].lower(), cells[1].lower(), ds)
        if key in seen:  # the same report twice would race for the same files
            bad.append(BadRow(number, f"repeats the pair of row {seen[key]}"))
            continue
        seen[key] = number
        pairs.append(Pair(cells[0], cells[1], label, ds, number))
    return pairs, bad


def _problem(cells: list[str]) -> str | None:
    if len(cells) < 2 or not cells[0] or not cells[1]:
        return "needs two professions: a,b[,label][,dataset]"
    if len(cells) > 4:
        return f"has {len(cells)} fields; expected at most 4: a,b,label,dataset"
    if len(cells) > 3 and cells[3] and cells[3] not in DATASETS:
        return f"dataset '{cells[3]}' is not one of {', '.join(DATASETS)}"
    return None
