"""Command line of the data library: `python -m repatriation [--data DIR] [--debug] validate | export DIR`.

Exit codes: 0 done; 1 the input is refused (bad data, with a report that names file, line and
column, or an export destination that is not safe to write); 2 an internal error (a bug, a failure
to write, or a wrong command line). No traceback is shown unless asked for with --debug or
REPATRIATION_DEBUG=1.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .errors import DataError

DEBUG_ENV = "REPATRIATION_DEBUG"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m repatriation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="data folder (default: the repository's data/)")
    parser.add_argument("--debug", action="store_true", help=f"show the traceback of an internal error (or set {DEBUG_ENV}=1)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every table and sources.bib; exit 1 with a report on bad data")
    exp = sub.add_parser("export", help="write cleaned CSVs, a data dictionary and every chart (PNG, SVG)")
    exp.add_argument("out", help="folder to write into: new, empty, or a previous export (it is replaced whole)")
    exp.add_argument("--no-images", action="store_true", help="write every table and each figure's data, but no PNG or SVG (faster)")
    return parser


def _run(args: argparse.Namespace) -> int:
    from .export import export
    from .pipeline import run
    from .safe_write import ExportRefused, check_destination

    try:
        if args.command == "export":
            check_destination(Path(args.out), data=args.data)
        results = run(args.data)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except ExportRefused as err:
        print(err, file=sys.stderr)
        return 1
    if args.command == "validate":
        d = results.data
        print(f"valid: {len(d.repatriations)} reports of {len(results.events)} events, {len(d.stated_totals)} stated totals, "
              f"{len(d.detained)} detained figures, {len(d.contingents)} contingent figures, {len(d.sources)} sources")
        return 0
    try:
        files = export(results, Path(args.out), images=not args.no_images)
    except ExportRefused as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"export failed: {err}; nothing was written and {args.out} is as it was", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} files into {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    debug = args.debug or os.environ.get(DEBUG_ENV, "") not in ("", "0")
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into exit code 2
        if debug:
            traceback.print_exc()
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              f"This is a bug in the program, not a problem found in the data. "
              f"Run again with --debug (or {DEBUG_ENV}=1) to see the traceback, and report it.", file=sys.stderr)
        return 2
