"""The data work of one book build, done once, in one process beside the build (started by `sphinx_pipeline`).

1. Each chapter's values (`repatriation_book.values.<name>`), in the order the build reads the chapters,
   made ready to glue (`glue.glueable`: figures drawn as the book shows them) and kept as
   `<folder>/<name>.pickle`; the chapter's kernel reads them back (`glue.glue_chapter`) instead of
   importing the library and computing them itself. A chapter whose values fail gets `<name>.failed`,
   and its kernel computes them itself, so the build reports the error as the chapter's own.
2. When asked, the downloads (`export.export`) into a staging folder, which the build moves into its
   output once the HTML is written. A build runs this in a second process, beside the first.

Command line: `python -m repatriation_book.prepare FOLDER [--downloads STAGING --srcdir SRC] [NAME...]`.
A process that prepares chapters writes its pid into `FOLDER/pid` first (the build does it as it starts
the process), so that a waiting chapter knows whether it still works.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import traceback
from pathlib import Path

from repatriation.safe_write import write_file

from .glue import values_module


def chapter_values(srcdir: str | os.PathLike, docnames) -> list[str]:
    """The values modules of the chapters `docnames` (Sphinx names such as `chapters/index`), in the
    order Sphinx reads them (sorted), as each chapter names its own in its `glue_chapter("...")` cell."""
    names = []
    for doc in sorted(docnames):
        path = Path(srcdir) / f"{doc}.md"
        name = values_module(path.read_text(encoding="utf-8")) if path.is_file() else None
        if name:
            names.append(name)
    return names


def prepare(folder: Path, names: list[str], downloads: Path | None = None, figure_files=None) -> int:
    """Prepare every chapter of `names` into `folder`, then the downloads into `downloads`; return the
    number of chapters that failed."""
    from repatriation import export, pipeline

    from .glue import compute, glueable

    folder.mkdir(parents=True, exist_ok=True)
    if names:
        write_file(folder / "pid", str(os.getpid()).encode())
    failed = 0
    for name in names:
        try:
            ready = glueable(compute(name))
        except Exception:  # the chapter's kernel computes the values again and fails the build with this error
            failed += 1
            write_file(folder / f"{name}.failed", traceback.format_exc().encode())
            continue
        write_file(folder / f"{name}.pickle", pickle.dumps(ready, protocol=pickle.HIGHEST_PROTOCOL))
    if downloads is not None:
        export.export(pipeline.run(), downloads, figure_files)
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m repatriation_book.prepare")
    parser.add_argument("folder", type=Path)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--downloads", type=Path, default=None, help="write the downloads into this new folder")
    parser.add_argument("--srcdir", type=Path, default=None, help="the book's source folder (numbers the figures)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    files = None
    if args.downloads is not None and args.srcdir is not None:
        from .sphinx_pipeline import figure_files

        files = figure_files(args.srcdir)
    prepare(args.folder, args.names, args.downloads, files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
