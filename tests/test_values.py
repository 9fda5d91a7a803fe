"""Traceable numbers: each chapter glues exactly the values of its one values function, under literal
keys, and shows every one of them."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from repatriation.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {"index": "summary", "who-came-home": "who_came_home", "children": "children",
            "policy-models": "policy_models", "methods": "methods", "who-is-held": "who_is_held",
            "kazakhstan-2019": "kazakhstan_2019", "appendix-data": "appendix", "how-to-cite": "how_to_cite",
            "after-al-hol": "after_al_hol", "what-changed": "what_changed", "states": "states"}
SHOWN = re.compile(r"\{glue(?::\w+)?\}`([a-z0-9_]+)|^```\{glue(?::\w+)?\}\s+([a-z0-9_]+)", re.MULTILINE)


def shown_keys(chapter: str) -> set[str]:
    """Every glue key a chapter's Markdown shows (roles and directives)."""
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    return {a or b for a, b in SHOWN.findall(text)}


def literal_keys(module: str) -> list[str]:
    """The keys of the dict literal that the module's `values` function returns, read from its source."""
    path = ROOT / "src" / "repatriation_book" / "values" / f"{module}.py"
    func = next(n for n in ast.parse(path.read_text(encoding="utf-8")).body
                if isinstance(n, ast.FunctionDef) and n.name == "values")
    returned = [n.value for n in ast.walk(func) if isinstance(n, ast.Return)]
    assert len(returned) == 1 and isinstance(returned[0], ast.Dict), f"{module}.values must return one dict literal"
    keys = returned[0].keys
    assert all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys), \
        f"{module}.values: every key must be a literal string (no ** or computed keys)"
    return [k.value for k in keys]


@pytest.fixture(scope="module")
def results():
    return run()


_VALUES: dict[str, dict] = {}


def chapter_values(chapter: str, results) -> dict:
    """The chapter's values, computed once for this module (they draw every figure of the chapter)."""
    if chapter not in _VALUES:
        _VALUES[chapter] = importlib.import_module(f"repatriation_book.values.{CHAPTERS[chapter]}").values(results)
    return _VALUES[chapter]


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_every_key_is_a_literal_and_glued_keys_equal_shown_keys(chapter, results):
    module = CHAPTERS[chapter]
    keys = literal_keys(module)
    assert len(keys) == len(set(keys)), "a key is returned twice"
    values = chapter_values(chapter, results)
    assert list(values) == keys
    shown = shown_keys(chapter)
    assert set(keys) - shown == set(), f"glued but never shown in chapters/{chapter}.md"
    assert shown - set(keys) == set(), f"shown in chapters/{chapter}.md but not glued"


def test_every_chapter_calls_its_values_function():
    from repatriation_book.glue import values_module

    for chapter, module in CHAPTERS.items():
        text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
        assert values_module(text) == module, chapter
        assert text.count("{code-cell}") == 1, f"{chapter}: one code cell, the one that glues its values"
    with_cells = {p.stem for p in (ROOT / "chapters").glob("*.md") if "{code-cell}" in p.read_text(encoding="utf-8")}
    assert with_cells == set(CHAPTERS)


def test_the_check_finds_a_key_that_is_not_shown(tmp_path):
    assert "k_n_events" in shown_keys("index") and "no_such_key" not in shown_keys("index")


FORMATTED = re.compile(r"\{glue:text\}`([a-z0-9_]+):([^`]+)`")


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_no_year_is_glued_with_a_thousands_separator(chapter, results):
    values = chapter_values(chapter, results)
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    years = {k for k, v in values.items() if type(v) is int and "year" in k and 1900 <= v <= 2100}
    bad = [f"{key}:{fmt}" for key, fmt in FORMATTED.findall(text) if key in years and "," in fmt]
    assert not bad, f"years printed with a separator in chapters/{chapter}.md: {bad}"
