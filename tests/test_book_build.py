"""The strict build is a test, and so is its strictness: broken input must fail it."""

from __future__ import annotations

from pathlib import Path

from conftest import build_book

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _one_page_book(folder: Path, body: str) -> None:
    (folder / "chapters" / "page.md").write_text(HEADER + "\n# A page\n\n" + body, encoding="utf-8")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: chapters/page\nchapters:\n  - file: chapters/references\n",
                                     encoding="utf-8")


def test_strict_build_succeeds(built_book):
    assert (built_book / "index.html").exists()
    assert (built_book / "chapters" / "index.html").exists()


def test_scratch_book_builds_when_nothing_is_broken(scratch_book, tmp_path_factory):
    _one_page_book(scratch_book, "```{code-cell} ipython3\nx = 1 + 1\n```\n\nCited {cite:p}`thedefensepost2019kazakhstan`.\n")
    done = build_book(scratch_book, tmp_path_factory.mktemp("ok"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_a_failing_cell_fails_the_build(scratch_book, tmp_path_factory):
    _one_page_book(scratch_book, "```{code-cell} ipython3\nraise RuntimeError('deliberately broken cell')\n```\n")
    done = build_book(scratch_book, tmp_path_factory.mktemp("broken"))
    assert done.returncode != 0
    assert "deliberately broken cell" in done.stdout + done.stderr


def test_an_unknown_citation_key_fails_the_build(scratch_book, tmp_path_factory):
    _one_page_book(scratch_book, "Cited {cite:p}`nosuchsource2099`.\n")
    done = build_book(scratch_book, tmp_path_factory.mktemp("cite"))
    assert done.returncode != 0
    assert "nosuchsource2099" in done.stdout + done.stderr
