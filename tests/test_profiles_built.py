"""The generated pages in the built book: a profile with its chart and events table for every state with a
record, an anchor for every event, the map on the states index, links that resolve, the theme's navigation,
and every page within the size budget."""

from __future__ import annotations

import re

import pytest

from bench import PAGE_LIMIT, page_sizes
from htmlcheck import is_external, read_page, resolve
from repatriation import pipeline
from repatriation.profiles import profiles
from repatriation_book.profile_pages import chart_data


@pytest.fixture(scope="module")
def results():
    return pipeline.run()


@pytest.fixture(scope="module")
def record(results):
    return profiles(results)


def test_every_state_with_a_record_has_a_profile_with_its_chart_and_events_table(built_book, results, record):
    assert len(record) >= 45
    missing = []
    for code, p in record.items():
        page = built_book / "states" / f"{code}.html"
        html = page.read_text(encoding="utf-8") if page.exists() else ""
        if f'<section id="state-{code}" class="state-profile">' not in html:
            missing.append(f"{code}: no profile")
            continue
        points = len(chart_data(results, p))
        if points > 1:
            img = re.search(r'<figure class="state-chart"><img src="([A-Z]{3}\.png)" alt="([^"]+)"', html)
            if not img or not (page.parent / img.group(1)).stat().st_size > 10_000:
                missing.append(f"{code}: no chart")
        elif "No chart:" not in html or (page.parent / f"{code}.png").exists():
            missing.append(f"{code}: a chart of {points} point(s), or no word of why there is none")
        if len(p.movements) and html.count('<table class="table state-events">') != 1:
            missing.append(f"{code}: no events table")
    assert not missing, missing
    assert len(list((built_book / "states").glob("*.html"))) == len(record)


def test_every_event_id_has_an_anchor_on_its_states_profile(built_book, results):
    ids = {}
    for code in sorted(set(results.movements["country"])):
        ids[code] = read_page(built_book / "states" / f"{code}.html").ids
    missing = [e for e, c in zip(results.movements["event_id"], results.movements["country"]) if f"event-{e}" not in ids[c]]
    assert not missing and len(results.movements) > 250


def test_the_map_is_on_the_states_index_and_the_index_is_in_the_navigation(built_book):
    page = read_page(built_book / "chapters" / "states.html")
    assert any(img.get("alt", "").startswith("World map") for img in page.images)
    home = (built_book / "chapters" / "index.html").read_text(encoding="utf-8")
    assert 'href="states.html">Every state</a>' in home


def test_profiles_render_in_the_theme_with_its_navigation_and_search(built_book):
    html = (built_book / "states" / "BEL.html").read_text(encoding="utf-8")
    assert 'href="../chapters/states.html">Every state</a>' in html  # the book's navigation
    assert "search.html" in html and "_static/profiles.css" in html
    assert "<title>Belgium" in html


def test_links_from_and_to_the_profiles_resolve(built_book):
    pages = sorted((built_book / "states").glob("*.html")) + [built_book / "chapters" / n for n in
                                                              ("states.html", "appendix-data.html", "who-came-home.html")]
    broken, cache = [], {}
    for path in pages:
        page = read_page(path)
        for tag, attr, url in page.links:
            if is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            target, fragment = resolve(page.path, url)
            if target is None:
                continue
            if not target.exists() and target != (built_book / "report.pdf").resolve():  # `make pdf` writes it later
                broken.append(f"{path.name}: {url}")
            elif fragment and target.suffix == ".html" and fragment not in cache.setdefault(target, read_page(target).ids):
                broken.append(f"{path.name}: {url} (no anchor)")
    assert not broken, broken[:20]


def test_tables_of_the_chapters_link_states_to_their_profiles(built_book):
    appendix = (built_book / "chapters" / "appendix-data.html").read_text(encoding="utf-8")
    assert 'href="../states/KAZ.html#event-KAZ-2019-01-06">KAZ-2019-01-06</a>' in appendix
    assert re.search(r'href="\.\./states/BEL\.html">Belgium</a>', appendix)
    who = (built_book / "chapters" / "who-came-home.html").read_text(encoding="utf-8")
    assert 'href="../states/IRQ.html">Iraq</a>' in who


def test_every_page_with_its_images_stays_within_the_budget(built_book):
    sizes = page_sizes(built_book)
    too_big = [(name, total) for name, _, _, total in sizes if total > PAGE_LIMIT]
    assert not too_big, too_big
    profile_sizes = [total for name, _, _, total in sizes if name.startswith("states/")]
    assert profile_sizes and max(profile_sizes) < PAGE_LIMIT


def test_the_finder_data_lists_every_state_and_event(built_book, results, record):
    text = (built_book / "_static" / "finder-data.js").read_text(encoding="utf-8")
    assert text.startswith("window.REPATRIATION_FINDER = [")
    assert text.count('"kind":"state"') == len(record) and text.count('"kind":"event"') == len(results.movements)
    assert "finder-data.js" in (built_book / "chapters" / "states.html").read_text(encoding="utf-8")
