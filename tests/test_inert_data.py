"""Markup inside the data (a source title or note with HTML, a Markdown link or a MyST role) is shown
as text in the built book, never rendered or executed."""

from __future__ import annotations

import re

from conftest import build_book
from repatriation_book.tables import escape, markdown_table

import pandas as pd
import pytest

HOSTILE = "Evil <script>alert(1)</script> [click](https://evil.example/x) {sub}`2` **bold**"


def test_escape_neutralises_html_links_and_roles():
    text = escape(HOSTILE)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\[click\\]\\(https\\://evil" in text
    assert "\\{sub\\}\\`2\\`" in text


def test_markdown_table_escapes_every_cell():
    md = markdown_table(pd.DataFrame({"a|b": [HOSTILE]})).data
    assert "<script>" not in md and "a\\|b" in md


def test_markup_in_a_source_title_and_note_is_shown_as_text(scratch_book, tmp_path_factory):
    bib = scratch_book / "data" / "sources.bib"
    text = bib.read_text(encoding="utf-8")
    text = re.sub(r"(@misc\{thedefensepost2019kazakhstan,\s*title = )\{[^\n]*\},",
                  lambda m: m.group(1) + "{" + HOSTILE.replace("{sub}", "\\{sub\\}") + "},", text, count=1)
    text = text.replace("note = {Carries AFP wire copy}", "note = {Note <img src=x onerror=alert(2)> [n](https://evil.example/n)}", 1)
    bib.write_text(text, encoding="utf-8")
    page = scratch_book / "chapters" / "page.md"
    page.write_text("# A page\n\nCited {cite:p}`thedefensepost2019kazakhstan`.\n", encoding="utf-8")
    (scratch_book / "_toc.yml").write_text("format: jb-book\nroot: chapters/page\nchapters:\n  - file: chapters/references\n",
                                           encoding="utf-8")
    out = tmp_path_factory.mktemp("inert")
    done = build_book(scratch_book, out)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    html = "".join(p.read_text(encoding="utf-8") for p in (out / "_build" / "html").rglob("*.html"))
    assert "<script>alert(1)" not in html
    assert "onerror=alert(2)" not in html.replace("&lt;img src=x onerror=alert(2)&gt;", "")
    assert 'href="https://evil.example/x"' not in html and 'href="https://evil.example/n"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_citation_column_becomes_one_checked_citation_role():
    import pandas as pd

    from repatriation_book.tables import citation

    md = markdown_table(pd.DataFrame({"Figure": ["473"], "Sources": ["rudaw2019a;memo2019b;rudaw2019a"]}),
                        citations=("Sources",)).data
    assert "| 473 | {cite:p}`rudaw2019a,memo2019b` |" in md
    for bad in ("", "Rudaw 2019", "a;b c", "x`y"):
        with pytest.raises(ValueError):
            citation(bad)
