"""Command line of the data library: `python -m repatriation [--data DIR] validate | export DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m repatriation", description=__doc__)
    parser.add_argument("--data", help="data folder (default: the repository's data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every table and sources.bib; exit 1 with a report on bad data")
    exp = sub.add_parser("export", help="write cleaned CSVs, a data dictionary and every chart (PNG, SVG)")
    exp.add_argument("out", help="folder to write into")
    args = parser.parse_args(argv)

    from .export import export
    from .pipeline import run

    try:
        results = run(args.data)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    if args.command == "validate":
        d = results.data
        print(f"valid: {len(d.repatriations)} reports of {len(results.events)} events, {len(d.stated_totals)} stated totals, "
              f"{len(d.detained)} detained figures, {len(d.contingents)} contingent figures, {len(d.sources)} sources")
        return 0
    files = export(results, Path(args.out))
    print(f"wrote {len(files)} files into {args.out}")
    return 0
