"""Command line of the book's tooling: `python -m repatriation_book pdf [--out FILE]`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Run one command of the book's tooling; 0 on success, 1 when the PDF could not be made."""
    parser = argparse.ArgumentParser(prog="python -m repatriation_book", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    pdf = sub.add_parser("pdf", help="build the book strictly as one page and print it to PDF with the system chromium")
    pdf.add_argument("--out", default="_build/html/report.pdf", help="the PDF file to write (default: beside the HTML book, where every page header links it)")
    args = parser.parse_args(argv)

    from .pdf import PdfError, build_pdf

    try:
        print(f"wrote {build_pdf(args.out)}")
    except PdfError as err:
        print(err, file=sys.stderr)
        return 1
    return 0
