"""Command line: ``python -m analysis ...`` or ``profession-gaps ...``.

User errors (:class:`analysis.errors.AnalysisError`) print one paragraph to
stderr and exit non-zero without a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from analysis import __version__, config
from analysis.errors import AnalysisError, UserInputError

# What each command reads from the installation, checked before it starts so that a
# missing data folder or notebook is one line naming the path, not an error deep inside.
_NEEDS_DATA = {"profile", "compare", "report", "batch", "coverage", "similar", "pairs", "export"}
_NEEDS_NOTEBOOK = {"report", "batch"}

INTERRUPTED_EXIT = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def _dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset",
        choices=["public", "seed"],
        default="public",
        help="'public' = official BLS/O*NET/Census data (default); 'seed' = the career-site page",
    )


def _area_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--area",
        default=None,
        help="the pay and jobs of one OEWS area: a state or postal code (Texas, TX), a metro "
        "or nonmetropolitan area name or a unique part of it (Austin), or an OEWS area code "
        "(0012420); other figures stay national",
    )


def _print_json(payload: Any) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _check_queries(*queries: str) -> None:
    """Refuse an over-long query for every dataset (the seed lookup would echo it whole)."""
    from analysis.occupations.lookup import clean_query

    for query in queries:
        clean_query(query)


def cmd_build_data(args: argparse.Namespace) -> int:
    """Rebuild data/ from the raw files."""
    from pathlib import Path

    from analysis.data.build import build, write_datapackage

    if not (config.IN_CHECKOUT or args.output or os.environ.get("ANALYSIS_DATA_DIR")):
        raise UserInputError(
            "build-data would write into the installed package's own data. Pass --output DIR "
            "(or set ANALYSIS_DATA_DIR), or run it in a source checkout."
        )
    if args.metadata_only:
        print(write_datapackage(Path(args.output) if args.output else None))
        return 0
    if args.raw_dir and not Path(args.raw_dir).is_dir():
        raise UserInputError(
            f"--raw-dir {args.raw_dir} is not a folder. Give the folder holding the official raw "
            "files (laid out as SOURCES.md says), or leave it out for $ANALYSIS_RAW_DIR."
        )
    if not args.raw_dir and not config.raw_dir().is_dir():
        # the default folder missing is the same bad input as a wrong --raw-dir: say where
        # the build looked and both ways to point it elsewhere
        where = "$ANALYSIS_RAW_DIR" if os.environ.get("ANALYSIS_RAW_DIR") else "the default"
        raise UserInputError(
            f"The raw-data folder {config.raw_dir()} ({where}) is not a folder. Pass --raw-dir "
            "DIR or set ANALYSIS_RAW_DIR to the folder holding the official raw files (laid "
            "out as SOURCES.md says)."
        )
    counts = build(
        raw_dir=Path(args.raw_dir) if args.raw_dir else None,
        target=Path(args.output) if args.output else None,
        progress=lambda label: print(f"reading {label} ...", file=sys.stderr),
    )
    for name, rows in counts.items():
        print(f"{name:24s} {rows:>9,d} rows")
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    """Re-execute the committed notebooks in place."""
    from analysis.notebook_files import execute_in_place, notebook_paths

    paths = notebook_paths(args.names)
    if not args.execute:
        for path in paths:
            print(path)
        return 0
    for path in paths:
        print(f"executing {path} ...", file=sys.stderr)
        execute_in_place(path)
        print(f"executed {path}")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    """Print one occupation's profile."""
    from analysis.occupations.profile import profile
    from analysis.presentation.seed_section import profile_table

    _check_queries(args.query)
    prof = profile(args.query, args.dataset, args.area)
    if args.format == "json":
        _print_json(prof.to_json())
    else:
        if prof.area is not None:
            print(f"In {prof.area.name} ({prof.area.kind}): pay and jobs from OEWS's cells there.")
        print(profile_table(prof).to_string())
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print how many occupations have each kind of figure."""
    from analysis.occupations.coverage import coverage_table

    table = coverage_table()
    print(
        table.to_markdown(index=False)
        if args.format == "markdown"
        else table.to_string(index=False)
    )
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two occupations."""
    from analysis.comparison.gaps import comparability_notes
    from analysis.comparison.pair import comparison
    from analysis.presentation.narrative import paragraphs
    from analysis.presentation.seed_section import seed_tables

    _check_queries(args.a, args.b)
    comp = comparison(args.a, args.b, args.dataset, args.area)
    if args.format == "json":
        _print_json(comp.to_json())
        return 0
    for name, frame in seed_tables(comp.a, comp.b).items():
        if args.format == "markdown":
            print(f"### {name.capitalize()}\n")
            print(frame.to_markdown())
        else:
            print(f"== {name} ==")
            print(frame.to_string())
        print()
    notes = comparability_notes(comp.a, comp.b)
    if notes and args.format == "markdown":
        print("### Comparability\n")
        print("\n".join(f"- {note}" for note in notes) + "\n")
    elif notes:
        print("== comparability ==")
        print("\n".join(notes) + "\n")
    if args.format == "markdown":
        print("\n\n".join(paragraphs(comp)))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Render one pair's report."""
    from pathlib import Path

    from analysis.batch.render import render_report
    from analysis.batch.runner import no_interrupts

    result = render_report(
        args.a, args.b, args.dataset, Path(args.output) if args.output else None, area=args.area
    )
    # The report is on disk: a Ctrl-C now must not cut its success line or turn it into 130.
    with no_interrupts():
        print(result.html)
        return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """Render many pairs."""
    from pathlib import Path

    from analysis.batch.runner import make_executor, run_batch

    result = run_batch(
        Path(args.pairs) if args.pairs else None,
        Path(args.output) if args.output else None,
        jobs=args.jobs,
        force=args.force,
        executor=make_executor(args.executor, args.jobs, args.scheduler, args.timeout),
        progress=not args.quiet,
    )
    counts = {
        s: sum(o.status == s for o in result.outcomes)
        for s in ("rendered", "skipped", "failed", "interrupted")
    }
    print(
        f"{counts['rendered']} rendered, {counts['skipped']} up to date, "
        f"{counts['failed']} failed"
        + (f", {counts['interrupted']} not reached" if result.interrupted else "")
        + (f"; index: {result.index}" if result.write_error is None else "")
    )
    for bad in result.bad_rows:
        print(f"error: pairs file row {bad.row}: {_one_line(bad.problem)}", file=sys.stderr)
    for o in result.failed:
        where = f" (cell {o.cell})" if o.cell is not None else ""
        print(
            f"error: pair on row {o.pair.row} '{_one_line(o.pair.label)}' failed{where}: "
            f"{_one_line(o.error or '')}",
            file=sys.stderr,
        )
    # Per-pair errors first: they matter even when the index could not be written.
    if result.write_error:
        print(f"error: {result.write_error}", file=sys.stderr)
    if result.interrupted:
        why = result.stopped or "interrupted"
        print(
            f"error: {why}; {counts['rendered'] + counts['skipped']} of "
            f"{len(result.outcomes)} pairs are done and listed in "
            f"{result.index if result.write_error is None else 'no index'}; run the same "
            "command again to render the rest.",
            file=sys.stderr,
        )
        return 1 if result.stopped else INTERRUPTED_EXIT
    return 0 if result.ok else 1


def _one_line(text: str) -> str:
    """``text`` on one line, safe for a terminal.

    A label or error may hold newlines from a quoted CSV field, and a query or
    label control characters (``ESC ]0;...BEL`` sets the terminal's title,
    ``ESC [2J`` clears it): whitespace runs become one space and every other
    control character is shown escaped (ESC as backslash-x-1-b), never sent raw.
    """
    return _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), " ".join(text.split())
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls and the invisible direction marks (what a terminal would act on)."""


def cmd_atlas(args: argparse.Namespace) -> int:
    """Build the atlas site."""
    from pathlib import Path

    from analysis.atlas.site import build_atlas

    result = build_atlas(
        Path(args.output) if args.output else None,
        similar=args.similar,
        jobs=args.jobs,
        executor=args.executor,
        scheduler=args.scheduler,
        force=args.force,
        keep_notebooks=args.keep_notebooks,
        occupations=args.occupations,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    c = result.pair_counts
    # "open index.html" only when there is one to open (a full disk may have refused it)
    where = f"; open {result.index}" if result.index.is_file() else ""
    print(
        f"{len(result.plan.occupations)} occupations, {len(result.plan.pairs)} pairs: "
        f"{c['rendered']} rendered, {c['skipped']} up to date, {c['failed']} failed; "
        f"{result.pages_written} pages written, {result.pages_skipped} up to date "
        f"({result.seconds:.1f} s){where}"
    )
    for status in result.failed:
        print(
            f"error: pair {status.a} vs {status.b} failed: {_one_line(status.error or '')}",
            file=sys.stderr,
        )
    if result.failed:
        print(f"error: {len(result.failed)} pair(s) failed; the site marks them.", file=sys.stderr)
    if result.write_error:
        print(f"error: {_one_line(result.write_error)}", file=sys.stderr)
    if result.interrupted:
        print(
            f"error: interrupted; {len(result.not_reached)} of {len(result.plan.pairs)} pairs were "
            "not reached and the site marks them; run the same command again to finish it.",
            file=sys.stderr,
        )
        return INTERRUPTED_EXIT
    return 1 if result.failed or result.write_error else 0


def cmd_similar(args: argparse.Namespace) -> int:
    """List the occupations most similar to one."""
    from analysis.occupations.lookup import resolve
    from analysis.occupations.similarity import MEASURE, most_similar

    occ = resolve(args.query)
    found = most_similar(occ.soc, args.n)
    if args.format == "json":
        similar = [s.to_json() for s in found]
        _print_json({"soc": occ.soc, "title": occ.title, "measure": MEASURE, "similar": similar})
        return 0
    if not found:
        print(f"{occ.soc} {occ.title} has no O*NET skill ratings to compare.")
        return 0
    print(f"Most similar to {occ.soc} {occ.title} ({MEASURE}):")
    for item in found:
        print(f"  {item.similarity:.3f}  {item.soc}  {item.title}")
    return 0


def cmd_pairs(args: argparse.Namespace) -> int:
    """Write a pairs CSV for the batch runner."""
    import csv

    from analysis.data import dataset
    from analysis.occupations.similarity import similar_pairs

    titles = dataset.table("occupations").set_index("soc")["title"]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["a", "b", "label", "dataset"])
    for a, b in similar_pairs(args.similar):
        writer.writerow([a, b, f"{titles[a]} vs {titles[b]}", "public"])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the occupations and pairs tables (analysis.export)."""
    from pathlib import Path

    from analysis.export.write import export

    result = export(Path(args.output) if args.output else None, args.format, args.force)
    rows = ", ".join(f"{name} {count:,} rows" for name, count in result.rows.items())
    state = "wrote" if result.written else "up to date, nothing written:"
    print(f"{state} {rows} in {result.output}")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="analysis",
        description="Compare two US professions on pay, education and demographics.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build-data", help="rebuild data/ from the official raw files")
    p.add_argument(
        "--raw-dir", help="raw-data folder (default: $ANALYSIS_RAW_DIR or ../shared/data/raw)"
    )
    p.add_argument("--output", help="data folder to write (default: data/)")
    p.add_argument(
        "--metadata-only",
        action="store_true",
        help="rewrite datapackage.json from the tables already there (no raw files read)",
    )
    p.set_defaults(handler=cmd_build_data)

    p = sub.add_parser(
        "notebooks", help="list the committed notebooks, or re-execute them in place (--execute)"
    )
    p.add_argument(
        "names", nargs="*", help="notebook file names (default: all, e.g. pair_report.ipynb)"
    )
    p.add_argument(
        "--execute",
        action="store_true",
        help="run every cell and write the outputs back (no timing metadata)",
    )
    p.set_defaults(handler=cmd_notebooks)

    p = sub.add_parser("profile", help="one occupation's profile")
    p.add_argument("query", help="SOC code (43-4051) or job title")
    p.add_argument("--format", choices=["json", "table"], default="table")
    _dataset_option(p)
    _area_option(p)
    p.set_defaults(handler=cmd_profile)

    p = sub.add_parser("coverage", help="how many occupations have pay, education, ...")
    p.add_argument("--format", choices=["table", "markdown"], default="table")
    p.set_defaults(handler=cmd_coverage)

    p = sub.add_parser("compare", help="compare two occupations")
    p.add_argument("a", help="first profession (SOC code or title)")
    p.add_argument("b", help="second profession (SOC code or title)")
    p.add_argument("--format", choices=["json", "table", "markdown"], default="table")
    _dataset_option(p)
    _area_option(p)
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("report", help="render one pair's HTML report with papermill")
    p.add_argument("a", help="first profession (SOC code or title)")
    p.add_argument("b", help="second profession (SOC code or title)")
    p.add_argument("-o", "--output", help="output folder (default: reports/)")
    _dataset_option(p)
    _area_option(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("batch", help="render many pairs in parallel and write index.html")
    p.add_argument(
        "pairs", nargs="?", help="CSV a,b[,label][,dataset] (default: data/pairs/default.csv)"
    )
    p.add_argument("--jobs", "-j", type=_positive, default=2, help="parallel workers (default 2)")
    p.add_argument("--force", action="store_true", help="re-render unchanged pairs too")
    p.add_argument("-o", "--output", help="output folder (default: reports/)")
    p.add_argument("--executor", choices=["local", "dask", "dask-local"], default="local")
    p.add_argument(
        "--scheduler", help="dask scheduler address tcp://HOST:PORT (with --executor dask)"
    )
    p.add_argument(
        "--timeout",
        type=_positive,
        default=300,
        help="seconds one pair may take before it is stopped (default 300)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_batch)

    p = sub.add_parser(
        "atlas", help="every occupation and its nearest neighbours as one offline site"
    )
    p.add_argument("-o", "--output", help="site folder (default: reports/atlas)")
    p.add_argument(
        "--similar",
        type=_positive,
        default=3,
        metavar="N",
        help="pair each occupation with its N most similar (default 3)",
    )
    p.add_argument("--jobs", "-j", type=_positive, default=2, help="parallel workers (default 2)")
    # Checked by the atlas itself (not argparse choices) so a bad name is one line, exit 2.
    p.add_argument("--executor", default="local", help="local (default), dask or dask-local")
    p.add_argument(
        "--scheduler", help="dask scheduler address tcp://HOST:PORT (with --executor dask)"
    )
    p.add_argument("--force", action="store_true", help="re-render unchanged pairs and pages")
    p.add_argument(
        "--keep-notebooks",
        action="store_true",
        help="keep each pair's executed notebook (.ipynb) beside its report",
    )
    p.add_argument(
        "--occupations",
        nargs="+",
        metavar="SOC",
        help="only these occupations (SOC codes or titles) and their neighbours",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_atlas)

    p = sub.add_parser("similar", help="occupations with the most similar skill profiles")
    p.add_argument("query", help="SOC code or job title")
    p.add_argument("-n", type=_positive, default=5, help="how many (default 5)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=cmd_similar)

    p = sub.add_parser(
        "pairs", help="write a pairs CSV (every occupation with its N most similar) to stdout"
    )
    p.add_argument(
        "--similar",
        type=_positive,
        required=True,
        metavar="N",
        help="pair each occupation with its N most similar, duplicates removed",
    )
    p.set_defaults(handler=cmd_pairs)

    p = sub.add_parser("export", help="every occupation and every pair as tables (parquet/csv)")
    p.add_argument("-o", "--output", help="output folder (default: reports/tables)")
    # Checked by the export itself (not argparse choices) so a bad format is one line, exit 2.
    p.add_argument("--format", default="parquet", help="parquet (default) or csv")
    p.add_argument("--force", action="store_true", help="write even if the tables are up to date")
    p.set_defaults(handler=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status: 0 success, 1 a failed step, 2 bad input.
    """
    args = _parser().parse_args(argv)
    try:
        if args.command in _NEEDS_DATA | {"atlas"}:
            from analysis.data.swap import recover_if_needed

            recover_if_needed(config.data_dir())  # a build killed mid swap-in
            config.require_data()
        if args.command in _NEEDS_NOTEBOOK:
            config.require_notebook()
        return args.handler(args)
    except AnalysisError as err:
        print(f"error: {_one_line(str(err))}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        return 0
    except KeyboardInterrupt:
        # what reaches here came before the batch took its folder: the atlas may have
        # written its assets and pairs file (each whole), no pair yet
        done = (
            "before any pair was rendered; run the same command again"
            if args.command in ("atlas", "batch")
            else "before anything was written"
        )
        print(f"error: interrupted {done}.", file=sys.stderr)
        return INTERRUPTED_EXIT
    except OSError as err:  # disk full, permissions, ...: the file and the reason, no traceback
        where = f" {err.filename}:" if err.filename else ""
        print(f"error:{where} {err.strerror or err}.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
