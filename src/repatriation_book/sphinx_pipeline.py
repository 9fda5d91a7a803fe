"""A Sphinx extension that runs the data pipeline once per build and writes the downloads into the
build's own output.

- At `builder-inited` it points $REPATRIATION_CACHE at a folder inside this build's output
  (`<outdir>/../.pipeline`) and runs the pipeline once there; every chapter's kernel, started by this
  process, inherits the variable and reads the results back (`repatriation.pipeline.run`).
- At `build-finished`, after a successful HTML build, it writes the exports (cleaned tables, data
  dictionary, every figure as PNG and SVG) into `<outdir>/downloads`, where the appendix links to them.

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
    from repatriation import export, pipeline

    export.export(pipeline.run(), Path(app.outdir) / DOWNLOADS)


def setup(app):
    app.connect("builder-inited", _start)
    app.connect("build-finished", _write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
