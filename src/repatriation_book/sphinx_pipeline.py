"""A Sphinx extension that runs the data pipeline once per build and writes the downloads into the
build's own output.

- At `builder-inited` it points $REPATRIATION_CACHE at a folder inside this build's output
  (`<outdir>/../.pipeline`) and runs the pipeline once there; every chapter's kernel, started by this
  process, inherits the variable and reads the results back (`repatriation.pipeline.run`).
- At `build-finished`, after a successful HTML build, it writes the exports (typed tables as CSV and
  as a workbook, the data dictionary, each figure's data, PNG and SVG named by its number in the book,
  JSON per state and per event) into `<outdir>/downloads`, where the appendix and the line under each
  figure link to them.

  A rebuild whose data, library code and figures are those of the downloads already written (a
  no-op rebuild) keeps them: the stamp `<outdir>/../.pipeline/downloads-<digest>` says which they are.

Nothing is written into the source tree, so two builds into two output folders share nothing.

With $REPATRIATION_FLOOR set (the benchmark's floor build, see tools/bench.py) both steps are skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

DOWNLOADS = "downloads"
FLOOR_ENV = "REPATRIATION_FLOOR"


def cache_folder(outdir: str | os.PathLike) -> Path:
    """The pipeline cache of the build whose HTML goes into `outdir`."""
    return Path(outdir).parent / ".pipeline"


def _start(app) -> None:
    if os.environ.get(FLOOR_ENV):
        return
    from repatriation import pipeline

    os.environ[pipeline.CACHE_ENV] = str(cache_folder(app.outdir))
    pipeline.run()


def _write_downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or os.environ.get(FLOOR_ENV):
        return
    import hashlib

    from repatriation import export, pipeline

    files = figure_files(app.srcdir)
    key = hashlib.sha256(f"{pipeline.digest()}|{files!r}".encode()).hexdigest()[:24]
    stamp, out = cache_folder(app.outdir) / f"downloads-{key}", Path(app.outdir) / DOWNLOADS
    if stamp.exists() and (out / "manifest.json").exists():
        return  # the same downloads are already there
    export.export(pipeline.run(), out, files)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key + "\n", encoding="utf-8")


def figure_files(srcdir: str | os.PathLike) -> list:
    """The files of every chart: the book's figures named by their number, then any chart of the
    registry that the book does not show, by its own name."""
    from repatriation import export
    from repatriation.figures import RECIPES

    from .figure_files import book_figures

    shown = list(book_figures(str(srcdir)))
    rest = [f for f in export.plain_figure_files() if f.recipe not in {s.recipe for s in shown}]
    return shown + [f for f in rest if f.recipe in RECIPES]


def setup(app):
    app.connect("builder-inited", _start)
    app.connect("build-finished", _write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
