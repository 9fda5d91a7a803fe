"""Layout in a real browser: a chapter at desktop and phone widths, and the print media used for the PDF."""

from __future__ import annotations

import pytest

from browser import browser, open_page

pytestmark = pytest.mark.browser

CHAPTER = "chapters/kazakhstan-2019.html"
PAGES = ("chapters/kazakhstan-2019.html", "chapters/how-to-cite.html", "chapters/references.html")


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where the screenshots go (kept with pytest's temporary folders, for a person to look at)."""
    return tmp_path_factory.mktemp("screenshots")


def overflow(page) -> dict:
    return page.evaluate("""() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth,
        wide: [...document.querySelectorAll('.bd-article *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
              && !e.closest('.pst-scrollable-table-container, .highlight, .table-wrapper')).slice(0, 5)
              .map(e => e.tagName + '.' + e.className)})""")


@pytest.mark.parametrize("width", [1280, 390])
def test_chapter_screenshot_without_horizontal_overflow(built_book, chromium, shots, width):
    page, errors, outside = open_page(chromium, (built_book / CHAPTER).as_uri(), width=width, height=900)
    page.screenshot(path=str(shots / f"chapter-{width}.png"), full_page=False)
    page.screenshot(path=str(shots / f"chapter-{width}-full.png"), full_page=True)
    o = overflow(page)
    assert o["scroll"] <= o["inner"] + 1, o
    assert not errors and not outside
    page.context.close()


@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_a_phone(built_book, chromium, shots, name):
    page, errors, outside = open_page(chromium, (built_book / name).as_uri(), width=390, height=844)
    o = overflow(page)
    page.screenshot(path=str(shots / f"{name.replace('/', '-')}-390.png"))
    assert o["scroll"] <= o["inner"] + 1 and not o["wide"], o
    page.context.close()


def test_the_report_css_is_applied(built_book, chromium):
    page, errors, outside = open_page(chromium, (built_book / CHAPTER).as_uri())
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert any(s.endswith("report.css") or "report.css?" in s for s in sheets), sheets
    page.context.close()


def test_print_hides_navigation_and_widens_the_content(built_book, chromium, shots):
    page, errors, outside = open_page(chromium, (built_book / CHAPTER).as_uri(), width=1280)
    shown = page.evaluate("getComputedStyle(document.querySelector('.bd-sidebar-primary')).display")
    assert shown != "none"
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => Object.fromEntries(['.bd-sidebar-primary', '.bd-sidebar-secondary', '.bd-header-article',
        '.prev-next-footer', '#pst-back-to-top'].map(s => [s, document.querySelector(s)
        ? getComputedStyle(document.querySelector(s)).display : 'none']))""")
    assert all(v == "none" for v in hidden.values()), hidden
    widths = page.evaluate("""() => ({article: document.querySelector('.bd-article').getBoundingClientRect().width,
        page: document.documentElement.clientWidth})""")
    assert widths["article"] >= 0.9 * widths["page"], widths
    page.screenshot(path=str(shots / "chapter-print.png"), full_page=False)
    page.context.close()


def test_print_shows_external_link_targets_only(built_book, chromium):
    page, errors, outside = open_page(chromium, (built_book / "chapters" / "how-to-cite.html").as_uri())
    page.emulate_media(media="print")
    after = page.evaluate("""() => [...document.querySelectorAll('.bd-article a')].map(a => [a.classList.contains('external'),
        a.closest('div.citation') !== null, getComputedStyle(a, '::after').content])""")
    assert after, "no links on the page"
    for external, in_bibliography, content in after:
        if external:  # the bibliography's links too: on screen they read as the host name only
            assert content.startswith('" <http'), content
        else:
            assert content in ("none", "normal", ""), content
    page.context.close()
