"""A Sphinx extension that does the book's data work once per build, beside the build, and writes the
downloads into the build's own output.

- At `builder-inited` it points $REPATRIATION_CACHE at a folder inside this build's output
  (`<outdir>/../.pipeline`); every process the build starts inherits the variable.
- At `env-before-read-docs`, once Sphinx knows which chapters it will read, it starts one process
  (`python -m repatriation_book.prepare`) that prepares the values of those chapters, in reading order,
  into `<outdir>/../.pipeline/chapters` (named to the kernels by $REPATRIATION_PREPARED, see
  `glue.glue_chapter`), and a second that writes the downloads (typed tables as CSV and as a workbook,
  the data dictionary, each figure's data, PNG and SVG named by its number in the book, JSON per state
  and per event) into a staging folder. The first process of the build to need the pipeline's results
  computes them into the cache; the others wait for it and read them (`repatriation.pipeline.run`).
  The chapters' kernels import no library and compute nothing, and Sphinx starts reading at once: the
  build's data work runs on a second core while the chapters are read.
- At `build-finished`, after a successful HTML build, it waits for those processes and moves the downloads
  into `<outdir>/downloads`, where the appendix and the line under each figure link to them. A failed
  build stops them and keeps the downloads it had.

A rebuild whose data, library code and figures are those of the downloads already written (a no-op
rebuild) keeps them: the stamp `<outdir>/../.pipeline/downloads-<digest>` says which they are, and no
process is started when no chapter is read either.

Nothing is written into the source tree, so two builds into two output folders share nothing.

With $REPATRIATION_FLOOR set (the benchmark's floor build, see tools/bench.py) nothing of this runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .background import start

DOWNLOADS = "downloads"
FLOOR_ENV = "REPATRIATION_FLOOR"
TIMEOUT = 900  # seconds to wait at the end of the build for the downloads
PREPARED_ENV = "REPATRIATION_PREPARED"  # where this build's chapters' values are prepared (read by glue.prepared)


def cache_folder(outdir: str | os.PathLike) -> Path:
    """The pipeline cache of the build whose HTML goes into `outdir`."""
    return Path(outdir).parent / ".pipeline"


def stamped(outdir: str | os.PathLike, kind: str, key: str) -> bool:
    """Whether the last `kind` of output written for this build's output folder was made from `key`."""
    return (cache_folder(outdir) / f"{kind}-{key}").exists()


def stamp(outdir: str | os.PathLike, kind: str, key: str) -> None:
    """Record that the `kind` of output now written was made from `key` (replacing the stamp before it)."""
    folder = cache_folder(outdir)
    for stale in folder.glob(f"{kind}-*"):
        stale.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}-{key}").write_text("written\n", encoding="utf-8")


def chapters_folder(outdir: str | os.PathLike) -> Path:
    """Where the chapters' values of the build whose HTML goes into `outdir` are prepared."""
    return cache_folder(outdir) / "chapters"


def staging_folder(outdir: str | os.PathLike) -> Path:
    """Where the downloads of the build whose HTML goes into `outdir` are written before they are moved in."""
    return cache_folder(outdir) / "downloads.new"


def _start(app) -> None:
    if os.environ.get(FLOOR_ENV):
        return
    from repatriation.digest import CACHE_ENV

    os.environ[CACHE_ENV] = str(cache_folder(app.outdir))
    folder = chapters_folder(app.outdir)
    shutil.rmtree(folder, ignore_errors=True)  # never a previous build's values
    folder.mkdir(parents=True)
    os.environ[PREPARED_ENV] = str(folder)
    app.repatriation_prepare = None


def downloads_key(srcdir) -> str:
    """The digest of what the downloads are made from: the data and the library's code, and what names,
    numbers and cites the figures (the book's table of contents, chapters, tooling and CITATION.cff).
    Cheap: no library module is imported, so a rebuild with nothing to do stays quick."""
    from repatriation.digest import data_and_code, files_digest

    src, tooling = Path(srcdir), Path(__file__).parent
    book = [src / "_toc.yml", src / "CITATION.cff", *sorted((src / "chapters").glob("*.md")), *sorted(tooling.rglob("*.py"))]
    return files_digest([*data_and_code(), *(f for f in book if f.is_file())])[:24]


def downloads_current(app) -> bool:
    """Whether the output already holds the downloads of these data, this code and these figures."""
    return stamped(app.outdir, "downloads", downloads_key(app.srcdir)) and (Path(app.outdir) / DOWNLOADS / "manifest.json").exists()


def _prepare(app, env, docnames) -> None:
    """Start the process that prepares the chapters Sphinx is about to read, then the downloads."""
    if os.environ.get(FLOOR_ENV) or not hasattr(app, "repatriation_prepare"):
        return
    from .prepare import chapter_values

    names = chapter_values(app.srcdir, docnames)
    downloads = app.builder.format == "html" and not downloads_current(app)
    if not names and not downloads:
        return
    folder = chapters_folder(app.outdir)
    processes = []
    if names:
        processes.append(start("repatriation_book.prepare", str(folder), *names))
        (folder / "pid").write_text(str(processes[0].pid), encoding="utf-8")  # before any kernel asks
    if downloads:
        staging = staging_folder(app.outdir)
        shutil.rmtree(staging, ignore_errors=True)
        processes.append(start("repatriation_book.prepare", str(folder), "--downloads", str(staging),
                               "--srcdir", str(app.srcdir)))
    app.repatriation_prepare = (processes, downloads_key(app.srcdir) if downloads else None)


def _finish(app, exception) -> None:
    """Wait for the preparing processes; after a successful HTML build, move the downloads into the output."""
    started = getattr(app, "repatriation_prepare", None)
    if not started:
        return
    app.repatriation_prepare = None
    processes, downloads = started
    if exception is not None:
        for process in processes:
            process.kill()
            process.communicate()
        return
    from sphinx.errors import ExtensionError

    for process in processes:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise ExtensionError(f"the downloads took longer than {TIMEOUT} s") from None
        if process.returncode != 0:
            raise ExtensionError(f"preparing the chapters or the downloads failed ({process.returncode}):\n"
                                 f"{out[-3000:]}\n{err[-6000:]}")
    if downloads:
        move_downloads(app, downloads)


def move_downloads(app, key: str) -> None:
    """Put the staged downloads in place of the output's (one rename) and stamp them."""
    staging, out = staging_folder(app.outdir), Path(app.outdir) / DOWNLOADS
    old = cache_folder(app.outdir) / "downloads.old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    stamp(app.outdir, "downloads", key)


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
    app.connect("env-before-read-docs", _prepare)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
