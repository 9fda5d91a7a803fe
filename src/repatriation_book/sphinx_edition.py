"""A Sphinx extension that marks the edition on every page and styles the pages for print and phones.

- Every page footer carries the edition line: "<title> · edition X.Y.Z · data to <date> · CC BY 4.0 ·
  built YYYY-MM-DD" (`repatriation.edition`: the version from CITATION.cff, which tests hold equal to
  pyproject.toml's; the latest date in the record). The build date is reproducible: SOURCE_DATE_EPOCH
  if set, else the date of the last git commit of the book's folder, else today. The theme's "Last
  updated on" line (the clock of the machine that built the page) is dropped so the footer never
  shows two different dates.
- The header of every page says the edition, the data-to date and the licence, and links the PDF
  edition (`report.pdf` at the book's root, where `make pdf` writes it).
- Every printed page (from a browser, and the PDF edition) carries the edition line and the page
  number in its bottom margin: `report-edition.css`, written into the output at the end of the build.
- At the end of each chapter, the sources it cites are listed (`sphinx_cited`).
- `static/report.css` (print rules, phone-width layout) is added to every page.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
from pathlib import Path

STATIC = Path(__file__).with_name("static")
PDF = "report.pdf"  # the PDF edition, at the root of the built book (`make pdf`)
PRINT_CSS = "report-edition.css"


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


def edition_line(folder: str | os.PathLike | None = None, results=None) -> str:
    """"<title> · edition X.Y.Z · data to <date> · <licence> · built YYYY-MM-DD" for the book in `folder`
    (the data-to date from `results`, else from running the pipeline)."""
    from repatriation import pipeline
    from repatriation.edition import edition

    return f"{edition(results or pipeline.run()).line} · built {build_date(folder)}"


def header_line(results=None) -> str:
    """"Edition X.Y.Z · data to <date> · <licence>": the edition as the header of every page says it."""
    from repatriation import pipeline
    from repatriation.edition import edition

    ed = edition(results or pipeline.run())
    return f"Edition {ed.version} · data to {ed.data_to} · {ed.licence}"


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes and backslashes escaped, other than ASCII as code points."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) > 126 or ord(ch) < 32:
            out.append(f"\\{ord(ch):06X} ")  # the space ends the escape and is not shown
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def print_css(line: str) -> str:
    """The print rule that puts `line` and the page number in the bottom margin of every printed page."""
    return ("/* Written at build time by repatriation_book.sphinx_edition: the edition on every printed page. */\n"
            "@media print {\n  @page {\n"
            f"    @bottom-left {{ content: {css_string(line)}; font-size: 7.5pt; color: #555; }}\n"
            '    @bottom-right { content: counter(page) " / " counter(pages); font-size: 7.5pt; color: #555; }\n'
            "  }\n}\n")


def _edition(app) -> str:
    if not hasattr(app, "repatriation_edition"):
        app.repatriation_edition = edition_line(app.srcdir)
        app.repatriation_header = header_line()
    return app.repatriation_edition


def _config_inited(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _page_context(app, pagename, templatename, context, doctree):
    line = html.escape(_edition(app))
    footer = context.get("theme_extra_footer") or ""
    context["theme_extra_footer"] = f'{footer}<p class="report-edition">{line}</p>'
    context["last_updated"] = None
    pdf = context["pathto"](PDF, 1)
    context["theme_announcement"] = (f'<p class="report-edition-header">{html.escape(app.repatriation_header)} · '
                                     f'<a class="report-pdf" href="{html.escape(pdf)}">PDF edition</a></p>')


def edition_key(srcdir) -> str:
    """What the edition line is made of, as a digest: the data, the library's code, CITATION.cff (title,
    version, licence) and the build date. Cheap: no library module is imported."""
    from repatriation.citing import CFF
    from repatriation.digest import data_and_code, files_digest

    return files_digest([*data_and_code(), CFF])[:24] + "-" + build_date(srcdir)


def _write_print_css(app, exception) -> None:
    """Write the print rule at the end of an HTML build, unless the output holds it for this very edition
    line (a rebuild with nothing to do then imports no library module)."""
    if exception is not None or app.builder.format != "html":
        return
    from .sphinx_pipeline import stamp, stamped

    css, key = Path(app.outdir) / "_static" / PRINT_CSS, edition_key(app.srcdir)
    if css.exists() and stamped(app.outdir, "print-css", key):
        return
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text(print_css(_edition(app)), encoding="utf-8")
    stamp(app.outdir, "print-css", key)


def setup(app):
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _write_print_css)
    app.add_css_file("report.css")
    app.add_css_file(PRINT_CSS)
    app.add_js_file("filter-table.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
