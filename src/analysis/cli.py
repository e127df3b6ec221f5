"""Command line: ``python -m analysis ...`` or ``profession-gaps ...``.

User errors (:class:`analysis.errors.AnalysisError`) print one paragraph to
stderr and exit non-zero without a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from analysis import __version__
from analysis.errors import AnalysisError

Handler = Callable[[argparse.Namespace], int]


def _dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset", choices=["public", "seed"], default="public",
        help="'public' = official BLS/O*NET/Census data (default); 'seed' = the career-site page",
    )


def _print_json(payload: Any) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def cmd_build_data(args: argparse.Namespace) -> int:
    """Rebuild data/ from the raw files."""
    from pathlib import Path

    from analysis.build import build

    counts = build(
        raw_dir=Path(args.raw_dir) if args.raw_dir else None,
        target=Path(args.output) if args.output else None,
        progress=lambda label: print(f"reading {label} ...", file=sys.stderr),
    )
    for name, rows in counts.items():
        print(f"{name:24s} {rows:>9,d} rows")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    """Print one occupation's profile."""
    from analysis.profile import profile
    from analysis.tables import profile_table

    prof = profile(args.query, args.dataset)
    if args.format == "json":
        _print_json(prof)
    else:
        print(profile_table(prof).to_string())
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print how many occupations have each kind of figure."""
    from analysis.coverage import coverage_table

    table = coverage_table()
    print(table.to_markdown(index=False) if args.format == "markdown" else table.to_string(
        index=False))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="analysis",
        description="Compare two US professions on pay, education and demographics.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build-data", help="rebuild data/ from the official raw files")
    p.add_argument("--raw-dir", help="raw-data folder (default: $ANALYSIS_RAW_DIR or "
                   "../shared/data/raw)")
    p.add_argument("--output", help="data folder to write (default: data/)")
    p.set_defaults(handler=cmd_build_data)

    p = sub.add_parser("profile", help="one occupation's profile")
    p.add_argument("query", help="SOC code (43-4051) or job title")
    p.add_argument("--format", choices=["json", "table"], default="table")
    _dataset_option(p)
    p.set_defaults(handler=cmd_profile)

    p = sub.add_parser("coverage", help="how many occupations have pay, education, ...")
    p.add_argument("--format", choices=["table", "markdown"], default="table")
    p.set_defaults(handler=cmd_coverage)

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
        return args.handler(args)
    except AnalysisError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
