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


def test_the_events_table_can_be_filtered(built_book, chromium):
    page, errors, outside = open_page(chromium, (built_book / "chapters" / "appendix-data.html").as_uri())
    rows = page.locator("table#tbl-events tbody tr")
    total = rows.count()
    assert total > 100
    page.fill("input.table-filter", "Kosovo")
    visible = [t for t in rows.evaluate_all("rs => rs.filter(r => r.style.display !== 'none').map(r => r.textContent)")]
    assert 0 < len(visible) < total and all("Kosovo" in t for t in visible)
    assert f"{len(visible)} of {total} events" in page.locator("span.table-filter-count").inner_text()
    page.fill("input.table-filter", "")
    assert rows.evaluate_all("rs => rs.filter(r => r.style.display !== 'none').length") == total
    assert not errors and not outside
