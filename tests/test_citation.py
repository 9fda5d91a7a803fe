"""Citable outputs: CITATION.cff is valid CFF 1.2.0, one version everywhere, the "How to cite" page
shows what the file says, and every page footer names the version and a reproducible build date."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

import repatriation
from repatriation_book import citation
from repatriation_book.sphinx_edition import build_date, edition_line
from htmlcheck import pages

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).with_name("schemas") / "cff-1.2.0.schema.json"
CHANGELOG_ENTRY = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)


@pytest.fixture(scope="module")
def cff() -> dict:
    return citation.load()


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_citation_cff_is_valid_against_the_official_1_2_0_schema(cff):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(cff), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_is_the_one_its_readme_names():
    import hashlib

    digest = hashlib.sha256(SCHEMA.read_bytes()).hexdigest()
    assert digest in SCHEMA.with_name("README.md").read_text(encoding="utf-8")


def test_the_schema_check_rejects_a_broken_file(cff):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    bad = {**cff, "preferred-citation": {**cff["preferred-citation"], "type": "tweet"}}
    del bad["authors"]
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(bad))) >= 2


def test_citation_cff_describes_the_report(cff):
    assert cff["cff-version"] == "1.2.0" and cff["type"] in ("dataset", "software")
    report = cff["preferred-citation"]
    assert report["type"] == "report"
    assert report["title"] == yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert report["authors"] == [{"name": "The Repatriation Record project"}]
    assert report["license"] == "CC-BY-4.0" and "creativecommons.org/licenses/by/4.0" in report["license-url"]
    assert "example" not in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_one_version_everywhere(cff):
    version = pyproject_version()
    assert repatriation.__version__ == version, "reinstall the package: its metadata is older than pyproject.toml"
    assert str(cff["version"]) == version
    assert str(cff["preferred-citation"]["version"]) == version
    latest_version, latest_date = CHANGELOG_ENTRY.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))[0]
    assert latest_version == version
    assert latest_date == str(cff["preferred-citation"]["date-released"]) == str(cff["date-released"])


def test_report_citation_texts(cff):
    text = citation.report_text(cff)
    assert text.startswith("The Repatriation Record project (2026). Coming home: repatriation from ISIS-era detention")
    assert f"version {repatriation.__version__}" in text and "CC BY 4.0" in text
    bib = citation.report_bibtex(cff)
    assert bib.startswith("@techreport{") and bib.endswith("}")
    assert "author       = {{The Repatriation Record project}}" in bib  # an organisation stays one name
    assert bib.count("{") == bib.count("}")
    assert f"Version {repatriation.__version__}" in bib


def test_figure_and_dataset_citations(cff):
    fig = citation.figure_text(3, "Population of al-Hol camp over time.", cff)
    assert "Figure 3: Population of al-Hol camp over time. In: Coming home" in fig
    bib = citation.figure_bibtex(3, "Population of al-Hol camp over time", cff)
    assert bib.startswith("@misc{repatriationrecord2026comingfig3,") and bib.count("{") == bib.count("}")
    data = citation.dataset_text(cff)
    assert cff["title"] in data and "[Data set]" in data
    assert citation.dataset_bibtex(cff).startswith("@misc{repatriationrecord2026data,")


def test_a_code_block_is_longer_than_any_backtick_run_inside():
    assert citation.code_block("a ``` b", "text").data.startswith("````text\n")


def test_citations_follow_the_file_not_the_code(tmp_path, cff):
    other = {**cff, "preferred-citation": {**cff["preferred-citation"], "version": "9.9.9", "title": "Another title"}}
    path = tmp_path / "CITATION.cff"
    path.write_text(yaml.safe_dump(other), encoding="utf-8")
    assert "Another title. Report, version 9.9.9" in citation.report_text(citation.load(path))


def test_chapter_titles_and_figures_come_from_the_toc():
    files = citation.toc_files()
    assert files[0].name == "index.md" and all(f.exists() for f in files)
    assert citation.chapter_title(ROOT / "chapters" / "how-to-cite.md") == "How to cite"
    figs = citation.figures()
    assert [f.number for f in figs] == list(range(1, len(figs) + 1))
    assert all(f.title and "{" not in f.title for f in figs)


def test_build_date_is_reproducible(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(ROOT) == "2023-11-14"
    line = edition_line(ROOT)
    assert line.startswith(f"{citation.report()['title']} · edition {repatriation.__version__} · data to 20")
    assert line.endswith(" · CC BY 4.0 · built 2023-11-14")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    git = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True, text=True)
    if git.returncode == 0:
        assert build_date(ROOT) == git.stdout.strip()
    assert build_date(tmp_path) == dt.datetime.now(tz=dt.timezone.utc).date().isoformat()  # not a git folder


# The built book.

def test_every_page_footer_shows_version_and_build_date(built_book):
    expected = edition_line(ROOT)
    missing = []
    for page in pages(built_book):
        text = page.path.read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in text:  # the root redirect to chapters/index.html
            continue
        footer = text[text.find('<footer class="bd-footer-content">'):]
        if f'<p class="report-edition">{expected}</p>' not in footer or "Last updated on" in footer:
            missing.append(str(page.path.relative_to(built_book)))
    assert pages(built_book) and not missing, f"no '{expected}' in the footer of: {missing}"


def test_every_page_links_the_report_css(built_book):
    assert (built_book / "_static" / "report.css").exists()
    missing = [str(p.path.relative_to(built_book)) for p in pages(built_book)
               if "_static/report.css" not in p.path.read_text(encoding="utf-8")
               and 'http-equiv="Refresh"' not in p.path.read_text(encoding="utf-8")]
    assert not missing, missing


def test_how_to_cite_page_shows_what_citation_cff_says(built_book, cff):
    import html as htmllib

    page = htmllib.unescape(re.sub(r"<[^>]+>", "", (built_book / "chapters" / "how-to-cite.html").read_text(encoding="utf-8")))
    first = citation.figures()[0]
    for text in (citation.report_text(cff), citation.report_bibtex(cff), citation.dataset_text(cff),
                 citation.dataset_bibtex(cff), citation.figure_text(first.number, first.title, cff),
                 citation.figure_bibtex(first.number, first.title, cff)):
        assert text in page, text


def test_figure_numbers_match_the_built_book(built_book):
    numbers = {}
    for html in (built_book / "chapters").glob("*.html"):
        text = html.read_text(encoding="utf-8")
        for fid, number in re.findall(r'<figure[^>]*id="([^"]+)"[^>]*>.*?<span class="caption-number">Figure (\d+)', text, re.DOTALL):
            numbers[(html.stem, fid)] = int(number)
    ours = {(f.page, f.name): f.number for f in citation.figures() if f.name}
    assert ours and all(numbers.get(k) == v for k, v in ours.items()), (ours, numbers)
