"""The downloads as a reader meets them in the built book: under every figure its data, PNG and SVG and
its citation; the workbook, sources.csv and the JSON files in the book's downloads; the What changed
page and the changelog; the edition in the header, the footer and on every printed page; each
chapter's sources at its end."""

from __future__ import annotations

import json
import re

from openpyxl import load_workbook

from repatriation_book import citation, figure_files
from repatriation_book.sphinx_edition import PRINT_CSS

LINE = re.compile(r'<div class="figure-downloads"><p><strong>Figure (\d+)</strong>: (.*?)</p></div>', re.S)


def test_every_figure_but_the_summary_s_has_its_downloads_and_citation_under_it(built_book):
    found = {}
    for page in (built_book / "chapters").glob("*.html"):
        for number, body in LINE.findall(page.read_text(encoding="utf-8")):
            found[int(number)] = (page, body)
    for f in figure_files.book_figures():
        page, body = found[f.number]
        for ext in ("csv", "png", "svg"):
            assert f'href="../downloads/figures/{f.stem}.{ext}"' in body
            assert (built_book / "downloads" / "figures" / f"{f.stem}.{ext}").is_file()
        assert f"Figure {f.number}: " in body and "Licensed CC BY 4.0" in body
        html = page.read_text(encoding="utf-8")
        assert html.index(f'id="{citation.figures()[f.number - 1].name}"') < html.index(f"<strong>Figure {f.number}</strong>")


def test_the_downloads_hold_the_workbook_sources_and_json(built_book):
    d = built_book / "downloads"
    wb = load_workbook(d / "repatriation-record.xlsx", read_only=True)
    assert wb.sheetnames[0] == "README" and "sources" in wb.sheetnames
    assert (d / "sources.csv").read_bytes().startswith(b"\xef\xbb\xbfkey,title,publisher,")
    index = json.loads((d / "json" / "index.json").read_text(encoding="utf-8"))
    assert (d / "json" / index["events"]["KAZ-2019-01-06"]).is_file()
    appendix = (built_book / "chapters" / "appendix-data.html").read_text(encoding="utf-8")
    assert 'href="../downloads/repatriation-record.xlsx"' in appendix and 'href="../downloads/sources.csv"' in appendix


def test_what_changed_and_the_changelog_are_pages(built_book):
    page = (built_book / "chapters" / "what-changed.html").read_text(encoding="utf-8")
    assert "tbl-wc-added" in page and "NLD-2019-07" in page and "FRA-2017-12-18" in page
    log = (built_book / "chapters" / "changelog.html").read_text(encoding="utf-8")
    assert "<h1>Changelog" in log and "[0.1.0] - 2026-11-26" in log


def test_every_page_says_the_edition_in_its_header_and_prints_it(built_book):
    css = (built_book / "_static" / PRINT_CSS).read_text(encoding="utf-8")
    assert "@bottom-left" in css and "data to" in css
    for page in (built_book / "chapters").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="report-edition-header">Edition ' in html and 'href="../report.pdf"' in html, page.name
        assert PRINT_CSS in html, page.name


def test_chapters_list_the_sources_they_cite(built_book):
    page = (built_book / "chapters" / "who-is-held.html").read_text(encoding="utf-8")
    box = page[page.index('class="chapter-sources'):]
    cited = set(re.findall(r'href="references\.html#(id\d+)"', page[:page.index('class="chapter-sources')]))
    listed = set(re.findall(r'href="references\.html#(id\d+)"', box))
    assert cited and cited == listed
