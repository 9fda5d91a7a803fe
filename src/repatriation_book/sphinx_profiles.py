"""A Sphinx extension that adds a profile page per receiving state to the HTML build, generated from the data
in one process, with nothing written into the source tree.

- At `builder-inited` (after `sphinx_pipeline` has run the pipeline and set its cache) it starts
  `python -m repatriation_book.profile_pages` in the background: while the chapters execute, that process
  draws each state's chart into `<outdir>/states/`, writes the finder's data into `<outdir>/_static/`, and
  stores every page's body in the build's private folder (`<outdir>/../.pipeline/profiles.json`).
- At `html-collect-pages` it waits for that process and adds `states/<CODE>.html` for every state, each
  rendered in the book's theme (`page.html`) with its navigation.
- At `html-page-context` it adds the finder's data and the finder (`static/states-index.js`, which also
  sorts the table) to the states index (`chapters/states`).

Only the `html` builder gets profiles (not `singlehtml`, which prints the PDF edition).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .links import INDEX, pagename
from .profile_pages import FINDER
from .sphinx_pipeline import cache_folder

TIMEOUT = 900  # seconds to wait for the profiles at the end of the build


def store_path(outdir: str | os.PathLike) -> Path:
    """Where the page bodies of the build whose HTML goes into `outdir` are kept (outside the output)."""
    return cache_folder(outdir) / "profiles.json"


def _wanted(app) -> bool:
    return app.builder.name == "html"


def _start(app) -> None:
    if not _wanted(app):
        return
    store = store_path(app.outdir)
    store.unlink(missing_ok=True)
    app.repatriation_profiles = subprocess.Popen(
        [sys.executable, "-m", "repatriation_book.profile_pages", str(app.outdir), str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def finish(process: subprocess.Popen, store: Path) -> dict:
    """Wait for the profiles process; return what it stored, or raise with its error output."""
    from sphinx.errors import ExtensionError

    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise ExtensionError(f"the state profiles took longer than {TIMEOUT} s") from None
    if process.returncode != 0 or not store.exists():
        raise ExtensionError(f"the state profiles failed ({process.returncode}):\n{out[-3000:]}\n{err[-6000:]}")
    return json.loads(store.read_text(encoding="utf-8"))


def _collect(app):
    process = getattr(app, "repatriation_profiles", None)
    if process is None or not _wanted(app):
        return []
    stored = finish(process, store_path(app.outdir))
    app.repatriation_profiles = None
    return [(pagename(code), {"title": page["title"], "body": page["body"], "toc": page["toc"], "display_toc": True},
             "page.html") for code, page in sorted(stored["pages"].items())]


def _finder(app, page, templatename, context, doctree):
    if page == INDEX and _wanted(app):
        app.add_js_file(FINDER)
        app.add_js_file("states-index.js")


def setup(app):
    app.add_css_file("profiles.css")
    app.connect("builder-inited", _start, priority=600)  # after sphinx_pipeline has set the pipeline's cache
    app.connect("html-collect-pages", _collect)
    app.connect("html-page-context", _finder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
