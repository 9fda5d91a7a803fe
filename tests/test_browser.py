"""The built book in a real headless browser: every page loads offline, cleanly, and search works."""

from __future__ import annotations

import pytest

from browser import CHROMIUM, browser, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def test_chromium_is_the_system_one():
    assert CHROMIUM.startswith("/usr/"), CHROMIUM


def test_every_page_loads_from_file_without_errors_or_outside_requests(built_book, chromium):
    problems = []
    for html in sorted(built_book.rglob("*.html")):
        if html.name in ("genindex.html",) or "_static" in html.parts:
            continue
        page, errors, outside = open_page(chromium, html.as_uri())
        page.wait_for_timeout(150)
        if errors:
            problems.append(f"{html.relative_to(built_book)}: console errors {errors}")
        if outside:
            problems.append(f"{html.relative_to(built_book)}: requests outside the book {outside}")
        page.context.close()
    assert not problems, "\n".join(problems)


def test_search_finds_a_word_from_a_chapter(built_book, chromium):
    page, errors, outside = open_page(chromium, (built_book / "search.html").as_uri() + "?q=Kazakhstan")
    page.wait_for_selector("ul.search li", timeout=20000)
    results = page.locator("ul.search li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any("kazakhstan-2019" in (r or "") for r in results), results
    assert not outside
