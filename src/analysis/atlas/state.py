"""What each atlas page was built from, so a re-run rewrites only pages whose inputs changed.

Every generated file has an inputs hash, recorded in ``.atlas-state.json`` in
the site folder after the file is written. A page whose recorded hash equals
the hash of its current inputs, and whose file exists, is up to date. The
state is written after the pages, atomically, so a run killed in between
only makes the next run rewrite a few pages: never a page marked up to date
that was not written.

An occupation page's inputs are its own rows in every table its profile reads
(:func:`data_fingerprints`: a data change touching one occupation changes only
its fingerprint), the cross-occupation figures shown on it (ranks, group,
neighbours, pair outcomes), and the code that renders it (:func:`code_fingerprint`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import __version__
from analysis.data import dataset
from analysis.errors import UserInputError
from analysis.files import read_regular, write_atomic

STATE_FILE = ".atlas-state.json"

SIMILAR_SHOWN = 5
"""How many similar occupations a profile (and so a pair report) lists."""


def _data_tables() -> list[str]:
    """Every table of the data package (``datapackage.json``)."""
    return [r["name"] for r in dataset.datapackage()["resources"]]


def digest(*parts: Any) -> str:
    """Short SHA-256 of JSON-serialisable parts (dataclasses, as the pages' inputs, by field)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=_jsonable, ensure_ascii=False).encode())
        h.update(b"\0")
    return h.hexdigest()[:20]


def _jsonable(value: Any) -> Any:
    """A dataclass instance as its fields, anything else JSON cannot write as its ``str``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's source, templates and assets: any change re-renders the pages."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".js", ".json"}:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


@lru_cache(maxsize=1)
def data_fingerprints() -> tuple[dict[str, str], str]:
    """Per-SOC hash of each SOC code's rows in every table, and one of the other tables.

    SOC codes include OEWS's group rows (29-1000, 29-0000) and all occupations
    (00-0000), so a change to a group total changes only that group's hash.

    Returns:
        ``({soc: hash}, hash of the tables without a SOC column)``.
    """
    per_soc: dict[str, int] = {}
    shared = hashlib.sha256()
    for name in _data_tables():
        frame = dataset.table(name)
        rows = pd.util.hash_pandas_object(frame, index=False)
        if "soc" not in frame.columns:
            shared.update(name.encode())
            shared.update(rows.to_numpy().tobytes())
            continue
        # Row hashes summed per SOC (mod 2**64): independent of row order, changed by any cell.
        sums = rows.groupby(frame["soc"].astype(str).to_numpy()).sum()
        for soc, value in sums.items():
            per_soc[soc] = (per_soc.get(soc, 0) * 1_000_003 + int(value)) % 2**64
    return {soc: f"{value:016x}" for soc, value in per_soc.items()}, shared.hexdigest()[:20]


def pair_data_key(a: str, b: str, shown: dict[str, Any]) -> str:
    """A hash of the data one pair report shows, so a data change elsewhere leaves it alone.

    The report shows the two occupations' own rows (every table, by SOC code),
    the tables without SOC codes (footnotes, price parities, fields of degree),
    OEWS's rows for their SOC groups and for all occupations, and what it says of
    the others: each side's similar occupations and ranks, given in ``shown``
    per SOC code by the caller (:func:`analysis.atlas.site.build_atlas`).

    Args:
        a: First SOC code.
        b: Second SOC code.
        shown: ``{soc: what the report shows of that occupation among the others}``.
    """
    per_soc, shared = data_fingerprints()
    candidates = _group_codes()
    groups = {"00-0000"} | {g for soc in (a, b) for g in _soc_groups(soc, candidates)}
    return digest(
        per_soc.get(a),
        per_soc.get(b),
        shared,
        sorted((g, per_soc[g]) for g in groups if g in per_soc),
        shown.get(a),
        shown.get(b),
    )


@lru_cache(maxsize=1)
def _group_codes() -> tuple[str, ...]:
    """The SOC group codes among the data's codes (they end in 0), found once."""
    return tuple(code for code in data_fingerprints()[0] if code.endswith("0"))


def _soc_groups(soc: str, codes: Iterable[str]) -> list[str]:
    """The SOC group codes among ``codes`` that contain ``soc``: major, minor, broad.

    SOC 2018 group codes end in 0 (detailed codes never do): 29-0000 major,
    29-1000 or 15-1200 minor (same first four characters), 29-1140 broad.
    """
    major, broad = f"{soc[:2]}-0000", soc[:6] + "0"
    return [
        c
        for c in codes
        if c != soc
        and c.endswith("0")
        and (c in (major, broad) or (c[:4] == soc[:4] and c.endswith("00")))
    ]


class SiteState:
    """The inputs hash of every file of one site folder."""

    def __init__(self, site: Path):
        """Load ``site``'s state (empty when absent, unreadable or of another shape).

        Raises:
            UserInputError: The state file is a symbolic link (it is never followed).
        """
        self.path = site / STATE_FILE
        if self.path.is_symlink():
            raise UserInputError(
                f"{self.path} is a symbolic link; the atlas writes only real files in its "
                "folder. Remove the link and run again."
            )
        self.hashes: dict[str, str] = _read_state(self.path)
        self._saved = dict(self.hashes)

    def fresh(self, relative: str, inputs: str) -> bool:
        """True when ``relative`` exists and was written from ``inputs``."""
        return self.hashes.get(relative) == inputs and (self.path.parent / relative).is_file()

    def record(self, relative: str, inputs: str) -> None:
        """Note that ``relative`` was written from ``inputs`` (saved by :meth:`save`)."""
        self.hashes[relative] = inputs

    def save(self) -> None:
        """Write the state atomically, when it changed."""
        if self.hashes != self._saved:
            write_atomic(self.path, json.dumps(self.hashes, indent=0, sort_keys=True) + "\n")
            self._saved = dict(self.hashes)


_MAX_STATE_BYTES = 64 * 1024 * 1024


def _read_state(path: Path) -> dict[str, str]:
    """The recorded hashes, or none (every page rebuilt) when the file is not ours.

    Only a JSON object of strings counts: ``[]``, ``null``, a FIFO or a huge file
    is the same as no state.
    """
    try:
        data = json.loads(read_regular(path, _MAX_STATE_BYTES, follow_symlinks=False))
    except (OSError, ValueError, RecursionError):  # NotARegularFileError is a ValueError
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
