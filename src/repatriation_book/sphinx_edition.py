"""A Sphinx extension that marks the edition on every page and styles the pages for print and phones.

- Every page footer reads "Version X.Y.Z · built YYYY-MM-DD". The version is the package's (one place:
  pyproject.toml). The date is reproducible: SOURCE_DATE_EPOCH if set, else the date of the last git
  commit of the book's folder, else today. The theme's "Last updated on" line (the clock of the
  machine that built the page) is dropped so the footer never shows two different dates.
- `static/report.css` (print rules, phone-width layout) is added to every page.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
from pathlib import Path

STATIC = Path(__file__).with_name("static")


def build_date(folder: str | os.PathLike | None = None) -> str:
    """The build date as YYYY-MM-DD: SOURCE_DATE_EPOCH (UTC) if set, else the last git commit's date in
    `folder`, else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    try:
        done = subprocess.run(["git", "-C", str(folder or Path.cwd()), "log", "-1", "--format=%cs"],
                              capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and len(done.stdout.strip()) == 10:
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return dt.datetime.now(tz=dt.timezone.utc).date().isoformat()


def edition_line(folder: str | os.PathLike | None = None) -> str:
    """"Version X.Y.Z · built YYYY-MM-DD" for the book in `folder`."""
    from repatriation import __version__

    return f"Version {__version__} · built {build_date(folder)}"


def _config_inited(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    app.repatriation_edition = edition_line(app.srcdir)


def _page_context(app, pagename, templatename, context, doctree):
    line = html.escape(app.repatriation_edition)
    footer = context.get("theme_extra_footer") or ""
    context["theme_extra_footer"] = f'{footer}<p class="report-edition">{line}</p>'
    context["last_updated"] = None


def setup(app):
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.add_css_file("report.css")
    app.add_js_file("filter-table.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
