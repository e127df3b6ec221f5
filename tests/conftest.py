"""Session fixtures: one small batch of real renders, shared by every test that reads reports.

Rendering a pair starts a Jupyter kernel (5-10 s), so the four reports below are
rendered once per session and the tests only read them (or copy them elsewhere).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from analysis.batch.runner import BatchResult, run_batch

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Header on row 1, then the four pairs on rows 2-5. 43-4151 has no CPS earnings by sex;
# 53-3032 and 53-3033 share one Census occupation (the CPS figures of both are the same row).
SESSION_PAIRS_CSV = (
    "a,b,label,dataset\n"
    "order processing specialist,customer relations representative\n"
    "order processing specialist,customer relations specialist,,seed\n"
    "43-4151,43-4051\n"
    "53-3032,53-3033\n"
)


# Text a reader never sees: the document head and the bodies of style and script elements.
_HIDDEN = frozenset({"head", "style", "script"})


class HtmlTools:
    """One way to read the pages the tests check: BeautifulSoup on the stdlib parser."""

    @staticmethod
    def parse(text: str) -> BeautifulSoup:
        """The document tree of an HTML page (``html.parser``: no lxml needed)."""
        return BeautifulSoup(text, "html.parser")

    @staticmethod
    def read(path: Path) -> BeautifulSoup:
        """The document tree of an HTML file."""
        return HtmlTools.parse(path.read_text(encoding="utf-8"))

    @staticmethod
    def text(node: Tag) -> str:
        """The text of an element, whitespace collapsed and trimmed."""
        return re.sub(r"\s+", " ", node.get_text()).strip()

    @staticmethod
    def visible_text(node: Tag) -> str:
        """Text outside <head>, <style> and <script>, whitespace collapsed.

        Comments and the doctype are not text a browser shows, so only plain strings count.
        """
        shown = [
            s
            for s in node.find_all(string=True)
            if type(s) is NavigableString and not any(p.name in _HIDDEN for p in s.parents)
        ]
        return re.sub(r"\s+", " ", " ".join(shown))


@pytest.fixture(scope="session")
def html_tools() -> type[HtmlTools]:
    """Parse pages and read their visible text (see ``HtmlTools``)."""
    return HtmlTools


@dataclass(frozen=True)
class RenderedBatch:
    """The session batch: its result, where it wrote, and the expected report stems."""

    result: BatchResult
    out_dir: Path
    pairs_file: Path
    seconds: float
    slugs: dict[str, str]  # "public" (seed pair on public data), "seed", "codes", "shared"
    rows: dict[str, int]  # the pairs-file row of each

    def html(self, key: str) -> Path:
        return self.out_dir / f"{self.slugs[key]}.html"

    def json(self, key: str) -> Path:
        return self.out_dir / f"{self.slugs[key]}.json"


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The source checkout (holds pyproject.toml)."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def rendered_batch(tmp_path_factory: pytest.TempPathFactory) -> RenderedBatch:
    """Render the seed pair (public and seed data), 43-4151 vs 43-4051 and 53-3032 vs 53-3033.

    Once per session.

    Tests must treat ``out_dir`` as read-only; copy it to change anything.
    """
    work = tmp_path_factory.mktemp("session-batch")
    pairs_file = work / "pairs.csv"
    pairs_file.write_text(SESSION_PAIRS_CSV, encoding="utf-8")
    out_dir = work / "reports"
    start = time.perf_counter()
    result = run_batch(pairs_file, out_dir, jobs=2, progress=False)
    seconds = time.perf_counter() - start
    return RenderedBatch(
        result=result,
        out_dir=out_dir,
        pairs_file=pairs_file,
        seconds=seconds,
        slugs={
            # named from the resolved occupations (issue 19), whatever the spelling typed
            "public": "43-9022--vs--43-4051",
            "seed": "order-processing-specialist--vs--customer-relations-specialist--seed",
            "codes": "43-4151--vs--43-4051",
            "shared": "53-3032--vs--53-3033",
        },
        rows={"public": 2, "seed": 3, "codes": 4, "shared": 5},
    )
