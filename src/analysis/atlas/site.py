"""Build the atlas: check the inputs, render the pairs with the batch runner, write the pages.

Layout of a site folder::

    index.html              search box and browsing by SOC major group
    atlas.json              every pair's headline gaps, every occupation's figures
    assets/                 atlas.css, search.js, search-index.js (written once per site)
    occupations/<SOC>.html  one page per occupation
    pairs.csv               the pairs, as a batch pairs file
    pairs/<A>--vs--<B>.*    the pair reports, rendered by the batch runner (+ its index.html)
    .atlas-state.json       what each page was built from (analysis.atlas.state)

Everything is written atomically. A run checks every argument before it writes
anything; pairs whose report is up to date are skipped by the batch runner,
pages whose inputs did not change are not rewritten.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.atlas import figures as figs
from analysis.atlas import pages
from analysis.atlas.plan import AtlasPlan, make_plan, pairs_csv, resolve_occupations
from analysis.atlas.search import search_index, search_script
from analysis.atlas.state import (
    SIMILAR_SHOWN,
    SiteState,
    code_fingerprint,
    data_fingerprints,
    digest,
    pair_data_key,
)
from analysis.batch.fingerprint import pair_slug
from analysis.batch.lock import BatchLock
from analysis.batch.report_file import read_report
from analysis.batch.runner import INTERRUPTED, make_executor, no_interrupts, run_batch
from analysis.batch.tasks import Outcome, SiteLinks
from analysis.data import dataset
from analysis.errors import UserInputError
from analysis.files import check_output_dir, ensure_writable_dir, write_atomic
from analysis.occupations.contract import Profile
from analysis.occupations.profile import profile
from analysis.occupations.similarity import most_similar, similarity

PAIRS_FILE = "pairs.csv"
ATLAS_JSON = "atlas.json"
ASSETS = ("atlas.css", "search.js")
SEARCH_INDEX = "search-index.js"

REPORT_CSS = "report.css"
"""The pair reports' stylesheet, written once to ``assets/`` and linked by every report."""


def _site_links(plan: AtlasPlan) -> SiteLinks:
    """What the atlas's pair reports show beyond a batch report.

    Back links to the front page and both occupation pages, the shared
    stylesheet, and the planned reports (similar occupations link to theirs).
    """
    return SiteLinks(
        home="../index.html",
        occupation=f"../{pages.OCCUPATIONS_DIR}/{{soc}}.html",
        stylesheet=f"../{pages.ASSETS_DIR}/{REPORT_CSS}",
        reports=frozenset(f"{pair_slug(a, b, 'public')}.html" for a, b in plan.pairs),
    )


MAX_SIMILAR = 50
"""Largest ``--similar``: 830 occupations with 50 neighbours each is ~25,000 pairs already."""

_SAVE_EVERY = 50
"""Pages between saves of the state, so a killed run keeps most of its work."""


@dataclass
class AtlasResult:
    """What one atlas run did."""

    out_dir: Path
    plan: AtlasPlan
    pairs: dict[tuple[str, str], pages.PairStatus]
    pair_counts: dict[str, int]
    interrupted: bool = False
    """Ctrl-C stopped the batch: the pages mark the pairs it did not reach."""
    write_error: str | None = None
    """Why the pair index or a page could not be written, if so."""
    pages_written: int = 0
    pages_skipped: int = 0
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[pages.PairStatus]:
        """The pairs whose report failed."""
        return [s for s in self.pairs.values() if s.state == "failed"]

    @property
    def not_reached(self) -> list[pages.PairStatus]:
        """The pairs an interrupted run did not reach."""
        return [s for s in self.pairs.values() if s.state == "interrupted"]

    @property
    def index(self) -> Path:
        """The front page."""
        return self.out_dir / "index.html"


def _statuses(outcomes: list[Outcome]) -> dict[tuple[str, str], pages.PairStatus]:
    out = {}
    for o in outcomes:
        if o.status in ("rendered", "skipped") and o.summary is not None:
            status = pages.PairStatus(o.pair.a, o.pair.b, "ok", o.summary, o.error)
        elif o.status == INTERRUPTED:
            reason = "not reached: the atlas was interrupted; run the same command again"
            status = pages.PairStatus(o.pair.a, o.pair.b, "interrupted", None, reason)
        else:
            status = pages.PairStatus(o.pair.a, o.pair.b, "failed", None, o.error)
        out[(o.pair.a, o.pair.b)] = status
    return out


def _write_if_changed(path: Path, content: str) -> bool:
    """Write ``content`` atomically unless the file already holds exactly it."""
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def build_atlas(
    out_dir: Path | None = None,
    similar: int = 3,
    jobs: int = 2,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    keep_notebooks: bool = False,
    occupations: Sequence[str] | None = None,
    progress: bool = True,
) -> AtlasResult:
    """Build (or bring up to date) the atlas in ``out_dir``.

    Args:
        out_dir: Site folder (default ``reports/atlas``).
        similar: Pair each occupation with its ``similar`` most similar.
        jobs: Parallel workers rendering pairs.
        executor: ``local``, ``dask`` or ``dask-local``.
        scheduler: Dask scheduler address (``--executor dask``).
        force: Re-render every pair and page.
        keep_notebooks: Keep each pair's executed notebook (``.ipynb``).
        occupations: Limit the atlas to these occupations (SOC codes or titles) and
            their neighbours.
        progress: Show the batch's progress bar.

    Returns:
        What was rendered, skipped and failed.

    Raises:
        UserInputError: A bad argument; raised before anything is written.
    """
    start = time.perf_counter()
    runner = make_executor(executor, jobs, scheduler)  # checks --jobs and the scheduler
    target = check_output_dir(Path(out_dir) if out_dir else config.ATLAS_DIR)
    if not 1 <= similar <= MAX_SIMILAR:
        raise UserInputError(
            f"--similar must be between 1 and {MAX_SIMILAR}, got {similar:,} (each occupation "
            "is paired with its N most similar; the full atlas at 3 is ~1,800 pairs)."
        )
    only = resolve_occupations(occupations) if occupations else None
    plan = make_plan(similar, only)

    ensure_writable_dir(target)
    with BatchLock(target):
        _clear_site_leftovers(target)
        state = SiteState(target)
        written: list[str] = []
        sources = {name: config.ATLAS_ASSETS_DIR / name for name in ASSETS}
        sources[REPORT_CSS] = config.TEMPLATES_DIR / "report" / REPORT_CSS
        for name, source in sources.items():
            if _write_if_changed(target / pages.ASSETS_DIR / name, source.read_text("utf-8")):
                written.append(f"{pages.ASSETS_DIR}/{name}")
        pairs_path = target / PAIRS_FILE
        _write_if_changed(pairs_path, pairs_csv(plan))
        figures = figs.occupation_figures()
        batch = run_batch(
            pairs_path,
            target / pages.PAIRS_DIR,
            jobs=jobs,
            force=force,
            executor=runner,
            progress=progress,
            links=_site_links(plan),
            keep_notebooks=keep_notebooks,
            data_keys=_pair_data_keys(plan, figs.ranks(figures)),
        )
        if not keep_notebooks:  # notebooks kept by an earlier --keep-notebooks run
            for outcome in batch.outcomes:
                (target / pages.PAIRS_DIR / f"{outcome.slug}.ipynb").unlink(missing_ok=True)
        statuses = _statuses(batch.outcomes)
        counts = {
            s: sum(o.status == s for o in batch.outcomes)
            for s in ("rendered", "skipped", "failed", INTERRUPTED)
        }
        result = AtlasResult(
            target, plan, statuses, counts, interrupted=batch.interrupted, written=written
        )
        result.write_error = batch.write_error
        try:
            _write_pages(result, state, force)
        except KeyboardInterrupt:
            result.interrupted = True  # the pages written so far are recorded; a rerun ends it
        except OSError as err:  # disk full, ...: the pairs' own outcomes are still reported
            where = err.filename or target
            result.write_error = (
                f"could not write the site's pages ({where}: {err.strerror or err})"
            )
        finally:
            with no_interrupts(), contextlib.suppress(OSError):
                state.save()  # what was written is recorded (a full disk may refuse even this)
        result.seconds = time.perf_counter() - start
    return result


def _clear_site_leftovers(site: Path) -> list[Path]:
    """Delete the temporary files a killed run left anywhere in the site (call with the lock).

    Every file is written under a hidden ``.*.tmp`` name and renamed
    (:func:`analysis.files.write_atomic`); a run killed mid-write leaves one,
    in ``occupations/`` or ``assets/`` as well as at the top.
    """
    removed = []
    for path in site.rglob(".*.tmp"):
        if path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _pair_data_keys(plan: AtlasPlan, ranks: pd.DataFrame) -> dict[str, str]:
    """Each pair report's data key: what it shows, so only pairs whose data changed re-render.

    What a report shows of the other occupations: each side's similar occupations
    (with their similarity) and its ranks among all occupations.
    """
    rank_rows = ranks.astype(object).where(ranks.notna(), None).to_dict("index")
    planned = set(plan.pairs)

    def linked(soc: str, similar: list[str]) -> list[str]:
        # The report links a similar occupation to its pair report when the atlas has one.
        return [s for s in similar if (min(soc, s), max(soc, s)) in planned]

    shown = {}
    for soc in {soc for pair in plan.pairs for soc in pair}:
        similar = most_similar(soc, SIMILAR_SHOWN)
        shown[soc] = {
            "similar": [s.to_json() for s in similar],
            "linked": linked(soc, [s.soc for s in similar]),
            "ranks": rank_rows.get(soc),
        }
    return {pair_slug(a, b, "public"): pair_data_key(a, b, shown) for a, b in plan.pairs}


def _write_pages(result: AtlasResult, state: SiteState, force: bool) -> None:
    """Occupation pages, the front page, the search index and ``atlas.json``."""
    plan, target = result.plan, result.out_dir
    figures = figs.occupation_figures()
    inputs = pages.occupation_inputs(
        plan, figures, figs.ranks(figures), figs.headline_totals(), result.pairs
    )
    per_soc, shared = data_fingerprints()
    code = code_fingerprint()
    env = pages.environment()

    def put(relative: str, inputs_hash: str, render) -> None:  # noqa: ANN001 - a thunk
        if not force and state.fresh(relative, inputs_hash):
            result.pages_skipped += 1
            return
        write_atomic(target / relative, render())
        state.record(relative, inputs_hash)
        result.pages_written += 1
        result.written.append(relative)
        if result.pages_written % _SAVE_EVERY == 0:
            state.save()

    profile_of = _profiles_from_reports(target / pages.PAIRS_DIR, result.pairs)
    for soc in plan.occupations:
        put(
            f"{pages.OCCUPATIONS_DIR}/{soc}.html",
            digest(code, shared, per_soc.get(soc), inputs[soc]),
            lambda soc=soc: pages.render_occupation(env, inputs[soc], profile_of(soc)),
        )
    front = pages.index_inputs(plan, figures, result.pairs)
    put("index.html", digest(code, front), lambda: pages.render_index(env, front))
    put(
        f"{pages.ASSETS_DIR}/{SEARCH_INDEX}",
        digest(code, _table_hashes("occupations", "titles", "oews_wages"), plan.occupations),
        lambda: search_script(search_index(plan.occupations)),
    )
    similarities = {p: _rounded(similarity(*p)) for p in plan.pairs}
    table = pages.atlas_table(plan, inputs, result.pairs, similarities)
    put(
        ATLAS_JSON,
        digest(code, table),
        lambda: json.dumps(table, indent=1, ensure_ascii=False) + "\n",
    )
    state.save()


def _profiles_from_reports(
    pairs_dir: Path, pairs: dict[tuple[str, str], pages.PairStatus]
) -> Callable[[str], Profile]:
    """Each occupation's profile, read from a finished pair report's JSON when there is one.

    Every pair's JSON holds both profiles exactly as :func:`profile` builds them
    (the workers just computed them), so the pages need not build 830 profiles
    again in this process (~75 ms each); an occupation without a readable report
    (no pair, or all its pairs failed) gets its profile computed here.
    """
    reports: dict[str, list[str]] = {}
    for status in pairs.values():
        if status.ok:
            for side in ("a", "b"):
                reports.setdefault(getattr(status, side), []).append(status.slug)

    def profile_of(soc: str) -> Profile:
        for slug in reports.get(soc, []):
            report = read_report(pairs_dir / f"{slug}.json")
            try:
                found = report.profile(soc) if report is not None else None
            except (ValueError, KeyError, TypeError, RecursionError):
                found = None  # unexpected: compute it instead
            if found is not None and found.soc == soc:
                return found
        return profile(soc)

    return profile_of


def _table_hashes(*names: str) -> list[str | None]:
    """The SHA-256 the data package records for these tables (what the search index reads)."""
    recorded = {r["name"]: r.get("hash") for r in dataset.datapackage()["resources"]}
    return [recorded.get(name) for name in names]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
