"""The PDF edition, built once (strict singlehtml build, printed by the system chromium) and read with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pybtex.database import parse_file

from repatriation import __version__
from repatriation_book import citation
from repatriation_book.sphinx_edition import edition_line

pytestmark = [pytest.mark.book, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
GLUE_FIGURE = re.compile(r"^(`{3,}|:{3,})\{glue:figure\}", re.MULTILINE)
CITE = re.compile(r"\{cite:[pt]\}`|\{glue:md\}`[a-z0-9_]*cite[a-z0-9_]*:myst`")


def squash(text: str) -> str:
    """Text without spaces, line breaks or typographic quotes, lower case: robust to where lines wrap."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u00ad", "")
    return re.sub(r"\s+", "", text).lower()


@pytest.fixture(scope="session")
def pdf(tmp_path_factory) -> Path:
    """The PDF edition, built with the command users run (`python -m repatriation_book pdf`) into a tmp folder."""
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    done = subprocess.run([sys.executable, "-m", "repatriation_book", "pdf", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=2400)
    if done.returncode != 0:
        pytest.fail(f"make pdf failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-6000:]}")
    return out


@pytest.fixture(scope="session")
def reader(pdf):
    from pypdf import PdfReader

    return PdfReader(pdf)


@pytest.fixture(scope="session")
def text(reader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def chapter_files() -> list[Path]:
    return citation.toc_files()


def test_the_pdf_is_a_pdf_of_sane_length(pdf, reader):
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert len(chapter_files()) <= len(reader.pages) <= 600, len(reader.pages)


def test_every_chapter_title_is_in_the_pdf(text):
    body = squash(text)
    missing = [citation.chapter_title(f) for f in chapter_files() if squash(citation.chapter_title(f)) not in body]
    assert not missing, missing


def test_the_pdf_carries_the_edition(text):
    assert squash(edition_line(ROOT)) in squash(text)
    assert __version__ in text


def test_every_figure_is_in_the_pdf(reader):
    expected = sum(len(GLUE_FIGURE.findall(f.read_text(encoding="utf-8"))) for f in chapter_files())
    images = sum(len(page.images) for page in reader.pages)
    assert expected > 0 and images >= expected, (images, expected)


def test_citations_and_bibliography_are_in_the_pdf(text):
    cites = sum(len(CITE.findall(f.read_text(encoding="utf-8"))) for f in chapter_files())
    assert cites > 0
    # author-year citations in the prose: "(Organisation, 2019)" or "Organisation (2019)"
    author_year = re.findall(r"\b(?:19|20)\d\d[a-z]?\)", text)
    assert len(author_year) >= min(cites, 10), len(author_year)
    # the bibliography lists every source (`:all:`); each entry's address is printed
    body = squash(text)
    assert squash("References") in body
    entries = parse_file(str(ROOT / "data" / "sources.bib")).entries
    sample = list(entries.values())[:: max(1, len(entries) // 40)]
    absent = [e.key for e in sample if squash(e.fields["url"])[:40] not in body]
    assert len(absent) <= len(sample) // 10, absent


def test_the_pdf_has_no_navigation(text):
    for word in ("Skip to main content", "Back to top", "Ctrl+K"):
        assert word not in text, word
