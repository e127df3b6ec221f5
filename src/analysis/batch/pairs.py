"""Read a pairs file for the batch runner: ``a,b[,label][,dataset]`` per row.

Rows are numbered as an editor shows them (a quoted field may span lines; the
row is numbered by its first line). :func:`resolve_pairs` then resolves every
query to its occupation, so that differently spelled duplicates
(``order clerk`` and ``order-clerk``) are caught before anything renders.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path

from analysis.batch.fingerprint import SEED_KEY, pair_slug
from analysis.config import DATASETS
from analysis.errors import OccupationLookupError, UserInputError
from analysis.files import NotARegularFileError, read_regular
from analysis.occupations.contract import Area

HEADERS = (("a", "b"), ("profession_a", "profession_b"))
"""First two cells of a header row (any case)."""

MAX_PAIRS_FILE_BYTES = 16 * 1024 * 1024
"""Largest pairs file read (the full atlas's, at the largest ``--similar``, is ~4 MB)."""


@dataclass(frozen=True)
class Pair:
    """One pair to render, with the row it came from.

    ``key_a``/``key_b`` are what the queries resolved to (:func:`resolve_query`),
    set by :func:`resolve_pairs`; the report's file name comes from them.
    """

    a: str
    b: str
    label: str
    dataset: str
    row: int
    key_a: str | None = None
    key_b: str | None = None
    area: str = ""
    """The row's ``area`` cell as written; empty for the nation."""
    where: Area | None = None
    """The OEWS area ``area`` resolved to (:func:`resolve_pairs`)."""

    def parameters(self) -> dict[str, str]:
        """The notebook parameters of this pair (``area`` only for a pair in an area)."""
        out = {"profession_a": self.a, "profession_b": self.b, "dataset": self.dataset}
        if self.where is not None:
            out["area"] = self.where.code
        elif self.area:
            out["area"] = self.area
        return out

    @property
    def slug(self) -> str:
        """File stem of the pair's report (from the resolved occupations once resolved)."""
        where = self.where.name if self.where is not None else (self.area or None)
        return pair_slug(self.key_a or self.a, self.key_b or self.b, self.dataset, where)


@dataclass(frozen=True)
class BadRow:
    """A malformed row: its number (1-based, as an editor shows it) and what is wrong."""

    row: int
    problem: str


POSITIONAL = ("a", "b", "label", "dataset")
"""The columns of a pairs file without a header, in order."""

OPTIONAL_COLUMNS = ("label", "dataset", "area")
"""Columns a header may name after the two professions, in any order."""


def _columns(header: list[str]) -> dict[str, int]:
    """Column positions a header row names.

    A header whose cells after the two professions are all among
    :data:`OPTIONAL_COLUMNS`, each once, names its columns; any other header (the
    files written before the ``area`` column: a bare ``a,b``, or free text after
    it) is read as before: ``a,b,label,dataset`` by position.
    """
    names = [c.lower() for c in header[2:]]
    if not names or len(set(names)) != len(names) or not set(names) <= set(OPTIONAL_COLUMNS):
        return {name: i for i, name in enumerate(POSITIONAL)}
    return {"a": 0, "b": 1, **{name: i for i, name in enumerate(names, start=2)}}


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    """The row's cell of the column ``name``; empty when the file has no such column."""
    at = columns.get(name)
    return cells[at] if at is not None and at < len(cells) else ""


def read_pairs(path: Path) -> tuple[list[Pair], list[BadRow]]:
    """Parse a pairs CSV, keeping the good rows and explaining the bad ones.

    A header row (``a,b,...`` or ``profession_a,profession_b,...``) is
    optional; blank lines and lines starting with ``#`` are skipped. Without a
    header the columns are ``a,b[,label][,dataset]``; a header may name, after
    the two professions, ``label``, ``dataset`` and ``area`` in any order. A
    row's ``area`` (a state, metro area or OEWS area code) compares the pair in
    that area; a row without one is national.

    Args:
        path: The CSV file.

    Returns:
        The valid pairs and the malformed rows.

    Raises:
        UserInputError: The file cannot be read.
    """
    text = _read_text_file(path, "pairs file", MAX_PAIRS_FILE_BYTES)
    pairs: list[Pair] = []
    bad: list[BadRow] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    columns: dict[str, int] = {name: i for i, name in enumerate(POSITIONAL)}
    first_row = True
    reader = csv.reader(io.StringIO(text, newline=""))
    next_line = 1
    while True:
        number = next_line
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise UserInputError(
                f"Pairs file {path} is not valid CSV at line {reader.line_num}: {err}."
            ) from None
        next_line = reader.line_num + 1
        cells = [f.strip() for f in fields]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        is_header = first_row and tuple(c.lower() for c in cells[:2]) in HEADERS
        first_row = False
        if is_header:
            columns = _columns(cells)
            continue
        problem = _problem(cells, columns)
        if problem:
            bad.append(BadRow(number, problem))
            continue
        area = _cell(cells, columns, "area")
        where = f" in {area}" if area else ""
        label = _cell(cells, columns, "label") or f"{cells[0]} vs {cells[1]}{where}"
        ds = _cell(cells, columns, "dataset") or "public"
        key = (cells[0].lower(), cells[1].lower(), ds, area.lower())
        if key in seen:  # the same report twice would race for the same files
            bad.append(BadRow(number, f"repeats the pair of row {seen[key]}"))
            continue
        seen[key] = number
        pairs.append(Pair(cells[0], cells[1], label, ds, number, area=area))
    return pairs, bad


def _read_text_file(path: Path, what: str, limit: int) -> str:
    """Read a small UTF-8 text file given on the command line, refusing what is not one.

    A FIFO, a device (``/dev/zero``) or a folder is refused without reading
    (opened non-blocking, so a FIFO with no writer cannot hang the run), and so
    is a file larger than ``limit`` bytes.

    Raises:
        UserInputError: The file cannot be read, is not a regular file, is too
            large or is not UTF-8.
    """
    try:
        data = read_regular(path, limit)
    except OSError as err:
        raise UserInputError(f"Cannot read {what} {path}: {err.strerror or err}.") from None
    except NotARegularFileError:
        if path.is_file():
            raise UserInputError(
                f"{what.capitalize()} {path} is larger than {limit // 2**20} MB; a pairs file is "
                "a small CSV (a,b[,label][,dataset] per row). Split it or check the path."
            ) from None
        raise UserInputError(
            f"Cannot read {what} {path}: it is not a regular file (a FIFO, device or "
            "folder). Give a CSV file."
        ) from None
    try:
        return data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError as err:
        raise UserInputError(f"Cannot read {what} {path}: not UTF-8 text ({err}).") from None


def _problem(cells: list[str], columns: dict[str, int]) -> str | None:
    order = ",".join(sorted(columns, key=columns.__getitem__))
    if len(cells) < 2 or not cells[0] or not cells[1]:
        return f"needs two professions: {order}"
    if len(cells) > len(columns):
        return f"has {len(cells)} fields; expected at most {len(columns)}: {order}"
    at = columns.get("dataset")
    if at is not None and len(cells) > at and cells[at] and cells[at] not in DATASETS:
        return f"dataset '{cells[at]}' is not one of {', '.join(DATASETS)}"
    return None


def resolve_query(query: str, dataset_name: str) -> str:
    """What a query names: its SOC code (public data) or its seed title (seed data).

    Raises:
        OccupationLookupError: The query names no occupation, or several.
    """
    from analysis.occupations.lookup import clean_query, normalize_title, resolve

    if dataset_name == "seed":
        from analysis.data.dataset import seed
        from analysis.occupations.profile import seed_profile

        query = clean_query(query)
        seed_profile(query)  # raises the seed's own message for an unknown title
        key = normalize_title(query)
        titles = [p["title"] for p in seed()["professions"] if normalize_title(p["title"]) == key]
        return f"{SEED_KEY}{titles[0]}"
    return resolve(query).soc


def resolve_pair_area(key_a: str, key_b: str, area: str | None, dataset_name: str) -> Area | None:
    """The area a pair is compared in (None: the nation), checked against the pair.

    Args:
        key_a: First side's resolved key (:func:`resolve_query`).
        key_b: Second side's.
        area: What the row or command line says ("Texas", "Austin", "0012420"; empty
            or None for the nation).
        dataset_name: The pair's dataset (an area needs the public one).

    Raises:
        UserInputError: The area is unknown or ambiguous (:class:`AreaLookupError`),
            given with the seed dataset, or OEWS publishes neither occupation there.
    """
    from analysis.comparison.pair import check_pair_in_area
    from analysis.occupations.profile import check_area

    where = check_area(area, dataset_name)
    if where is not None:
        check_pair_in_area(key_a, key_b, where)
    return where


def resolve_pairs(pairs: list[Pair]) -> tuple[list[Pair], list[BadRow]]:
    """Resolve both queries of every pair; keep the first of pairs naming the same occupations.

    A query that names no occupation (or several) makes its row a bad row, with
    the lookup's message, before any kernel starts. Two rows naming the same
    two occupations would race for the same report files, so the later one is
    a bad row; so is a row whose file name another row already takes.

    Args:
        pairs: Pairs as read by :func:`read_pairs`.

    Returns:
        The pairs to render and the rows refused.
    """
    kept: list[Pair] = []
    bad: list[BadRow] = []
    seen: dict[tuple[str, ...], int] = {}
    slugs: dict[str, int] = {}
    for pair in pairs:
        try:
            key = (
                resolve_query(pair.a, pair.dataset),
                resolve_query(pair.b, pair.dataset),
                pair.dataset,
            )
        except OccupationLookupError as err:
            bad.append(BadRow(pair.row, str(err)))
            continue
        if key[0] == key[1]:
            name = key[0].removeprefix(SEED_KEY)
            problem = f"names the same occupation twice ({name}); a pair needs two different ones"
            bad.append(BadRow(pair.row, problem))
            continue
        try:
            where = resolve_pair_area(key[0], key[1], pair.area, pair.dataset)
        except UserInputError as err:  # an unknown area, or neither is published there
            bad.append(BadRow(pair.row, str(err)))
            continue
        key = (*key, where.code if where else "")
        pair = dataclasses.replace(pair, key_a=key[0], key_b=key[1], where=where)
        slug = pair.slug
        if key in seen:
            names = " vs ".join(k.removeprefix(SEED_KEY) for k in key[:2])
            where_text = f" in {where.name}" if where else ""
            bad.append(
                BadRow(
                    pair.row,
                    f"repeats the pair of row {seen[key]} ({names}{where_text}, {pair.dataset})",
                )
            )
            continue
        if slug in slugs:
            problem = f"would write the same files ({slug}.*) as row {slugs[slug]}"
            bad.append(BadRow(pair.row, problem))
            continue
        seen[key], slugs[slug] = pair.row, pair.row
        kept.append(pair)
    return kept, bad
