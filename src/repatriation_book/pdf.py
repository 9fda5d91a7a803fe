"""The PDF edition: the strict `singlehtml` build of the book, printed to PDF by the system Chromium.

Jupyter Book's own `pdfhtml` builder downloads a browser and fails offline; this prints the same
single page with Debian's chromium through Playwright (no download), using the print rules of
`static/report.css`. Nothing outside the book is requested while printing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from repatriation.paths import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
STRICT = ["--all", "-W", "-n", "--keep-going"]


class PdfError(RuntimeError):
    """The single-page build or the printing failed."""


def build_singlehtml(source: str | Path = ROOT, out: str | Path | None = None) -> Path:
    """Build the book in `source` with the `singlehtml` builder, strictly, into `out` (a build folder);
    return the built page (the book's root page, holding every chapter)."""
    out = Path(out) if out else Path(source) / "_build" / "pdf" / "build"
    jb = Path(sys.executable).with_name("jupyter-book")
    done = subprocess.run([str(jb), "build", str(source), "--builder", "singlehtml", *STRICT, "--path-output", str(out)],
                          capture_output=True, text=True, timeout=1800)
    root = Path(yaml.safe_load((Path(source) / "_toc.yml").read_text(encoding="utf-8"))["root"]).with_suffix("")
    built = out / "_build" / "singlehtml"
    page = built / f"{root.as_posix()}.html"
    if done.returncode != 0 or not page.exists():
        raise PdfError(f"strict singlehtml build failed ({done.returncode}):\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}")
    # Sphinx writes the single page where the root document lives (chapters/index.html; index.html is a
    # redirect) but addresses its styles, scripts and images from the top folder: print a copy placed there,
    # with links to itself made in-page.
    report = built / "report.html"
    report.write_text(page.read_text(encoding="utf-8").replace(f'href="{root.as_posix()}.html#', 'href="#'), encoding="utf-8")
    return report


def print_pdf(html: str | Path, pdf: str | Path) -> Path:
    """Print the page `html` to `pdf` (A4, print media) with the system Chromium; every page's foot carries
    the edition line and the page number, from the book's print styles (`sphinx_edition.print_css`)."""
    from playwright.sync_api import sync_playwright

    pdf = Path(pdf)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    outside = []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:", "about:")):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context()
            context.route("**/*", route)
            page = context.new_page()
            page.goto(Path(html).resolve().as_uri())
            page.wait_for_load_state("load")
            page.emulate_media(media="print")
            page.evaluate("document.fonts.ready")
            page.wait_for_function("[...document.images].every(i => i.complete)", timeout=60000)
            broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.getAttribute('src'))")
            if broken:
                raise PdfError(f"images that did not load: {broken[:5]}")
            page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True,
                     margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}, outline=True, tagged=True)
        finally:
            browser.close()
    if outside:
        raise PdfError(f"the page asked for addresses outside the book: {outside[:5]}")
    return pdf


def build_pdf(out: str | Path, source: str | Path = ROOT, workdir: str | Path | None = None) -> Path:
    """The whole PDF edition: a strict `singlehtml` build of `source` (in `workdir`, else a temporary
    folder), printed to `out`."""
    if workdir is not None:
        return print_pdf(build_singlehtml(source, workdir), out)
    with tempfile.TemporaryDirectory(prefix="repatriation-pdf-") as tmp:
        return print_pdf(build_singlehtml(source, tmp), out)
