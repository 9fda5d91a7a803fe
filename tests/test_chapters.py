"""The chapters as a reader and a re-user meet them: glued numbers, numbered figures, no helpers in notebooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from repatriation import metrics, pipeline

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
NOTEBOOKS = [p for p in sorted(CHAPTERS.glob("*.md")) if p.read_text(encoding="utf-8").startswith("---\njupytext")]
ROLE = re.compile(r"\{[^}]+\}`[^`]*`")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _prose_lines(path: Path):
    """(line number, text) of prose: outside code cells, front matter, directives and their options."""
    text = path.read_text(encoding="utf-8").splitlines()
    fence, in_front = None, text[:1] == ["---"]
    for n, line in enumerate(text, start=1):
        if in_front:
            in_front = not (n > 1 and line == "---")
            continue
        stripped = line.strip()
        if fence is None and (stripped.startswith("```") or stripped.startswith(":::")):
            fence = stripped[:3]
            if "{code-cell}" in stripped or "{glue:" in stripped:
                fence = fence + "code"
            continue
        if fence is not None and stripped.startswith(fence[:3]) and not stripped[3:].startswith("{"):
            fence = None
            continue
        if fence is not None and (fence.endswith("code") or stripped.startswith(":")):
            continue
        yield n, line


def _glue(built_book: Path, page: str) -> dict:
    path = built_book.parent / "jupyter_execute" / "chapters" / f"{page}.glue.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v["data"].get("text/plain") for k, v in data.items()}


def test_every_chapter_of_the_toc_exists_and_is_a_notebook_or_page():
    files = [TOC["root"]] + [c["file"] for c in TOC["chapters"]]
    for f in files:
        assert (ROOT / f"{f}.md").exists(), f


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_helper_is_defined_in_a_notebook(path):
    code = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    for cell in code:
        assert not re.search(r"^\s*(def|class|lambda)\b|=\s*lambda\b", cell, re.M), f"{path.name} defines a helper"
        assert "read_csv" not in cell and "open(" not in cell, f"{path.name} reads a file itself"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_hidden_from_readers(path):
    text = path.read_text(encoding="utf-8")
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.S)
    for cell in cells:
        assert re.search(r":tags: \[(remove-cell|hide-input|remove-input)", cell), f"{path.name}: a visible code cell"


@pytest.mark.parametrize("path", sorted(CHAPTERS.glob("*.md")), ids=lambda p: p.name)
def test_no_number_is_typed_into_prose(path):
    typed = []
    for n, line in _prose_lines(path):
        prose = ROLE.sub("", line)
        prose = re.sub(r"`[^`]*`|\]\([^)]*\)|^\s*\d+\.\s|CC BY \d\.\d|\b[A-Za-z]+-\d+\b", "", prose)  # code, links, list markers, licence, names
        prose = re.sub(r"\b(1[89]|20)\d\d\b", "", prose)
        prose = re.sub(rf"\b\d{{1,2}} ({MONTHS})\b", "", prose)
        prose = re.sub(r"\b\d+(?:st|nd|rd|th)\b|Protocol No\. \d+|Article \d+\(\d\)|\d+/\d+", "", prose)
        if re.search(r"\d", prose):
            typed.append(f"{path.name}:{n}: {line.strip()[:100]}")
    assert not typed, "numbers typed into prose instead of glued:\n" + "\n".join(typed)


def test_the_typed_number_check_catches_a_typed_number(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# T\n\nIn 2019 some 47 people came home {glue:text}`n`.\n", encoding="utf-8")
    found = [line for _, line in _prose_lines(page) if re.search(r"\d", re.sub(r"\b(1[89]|20)\d\d\b", "", ROLE.sub("", line)))]
    assert found


def test_at_least_eight_numbered_figures_with_alt_captions_and_references():
    names, referenced = [], set()
    for path in CHAPTERS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```\{glue:figure\}[^\n]*\n(.*?)```", text, re.S):
            name = re.search(r":name: (\S+)", block)
            alt = re.search(r":alt: (.+)", block)
            assert name and alt and len(alt.group(1)) > 40, f"{path.name}: figure without a name or a real alt text"
            caption = block.split("\n\n", 1)[1] if "\n\n" in block else ""
            assert "Source" in caption, f"{path.name}: caption of {name.group(1)} names no source"
            names.append(name.group(1))
        referenced |= set(re.findall(r"\{numref\}`([^`<]+)`", text))
    assert len(names) >= 8, names
    assert len(set(names)) == len(names), "figure names must be unique"
    assert not set(names) - referenced, f"figures never referenced: {set(names) - referenced}"


def test_figures_and_tables_are_numbered_in_the_built_book(built_book):
    html = "".join(p.read_text(encoding="utf-8") for p in (built_book / "chapters").glob("*.html"))
    figures = set(re.findall(r'<span class="caption-number">Fig(?:ure)?\.? (\d+)', html))
    tables = set(re.findall(r'<span class="caption-number">Table (\d+)', html))
    assert len(figures) >= 8 and len(tables) >= 4, (len(figures), len(tables))


def test_summary_findings_match_what_the_chapters_compute(built_book):
    summary, home = _glue(built_book, "index"), _glue(built_book, "who-came-home")
    for key in ("k_n_events", "k_n_countries", "k_people_low", "k_people_high", "iraq_pct"):
        assert summary[key] == home[key], key
    k = metrics.key_figures(pipeline.run())
    assert int(summary["k_people_floor"]) == metrics.round_down(k["people"]) == int(home["k_people_floor"])
    assert int(summary["k_n_events"]) == k["n_events"]


def test_glued_values_are_plain_not_numpy_reprs(built_book):
    for glue in (built_book.parent / "jupyter_execute" / "chapters").glob("*.glue.json"):
        for key, value in json.loads(glue.read_text(encoding="utf-8")).items():
            text = value["data"].get("text/plain", "")
            assert "np." not in text and "dtype" not in text, f"{glue.name}:{key} = {text}"


def test_a_known_title_keeps_its_capitals_in_the_references(built_book):
    refs = (built_book / "chapters" / "references.html").read_text(encoding="utf-8")
    assert "Kazakhstan evacuates 30 children of ISIS fighters from Syria" in refs


def test_no_private_name_from_the_seed_or_excluded_sources_reaches_the_book(built_book):
    # Private persons who appear in the sources' own addresses were excluded from the data; their
    # family names must not appear anywhere in the built book (checked case-insensitively, as fragments).
    fragments = ["brignoli", "sharrouf", "suhayra"]
    for page in built_book.rglob("*.html"):
        text = page.read_text(encoding="utf-8").lower()
        for f in fragments:
            assert f not in text, f"{page.name} contains '{f}'"
