"""A reader's questions answered in two clicks from the home page, in a real headless browser: "what has
Belgium done?" and "how many Kazakh children came home?"; the finder and the sortable table of the states
index; an event's record reached from the appendix."""

from __future__ import annotations

import re

import pytest

from browser import browser, open_page
from repatriation import pipeline
from repatriation.profiles import profiles

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def record():
    return profiles(pipeline.run())


def from_home_to_state(built_book, chromium, name: str):
    """Open the home page, click the states index in the navigation, then the state's name: two clicks."""
    page, errors, outside = open_page(chromium, (built_book / "index.html").as_uri())
    page.wait_for_url(re.compile(r"chapters/index\.html"))
    page.locator("nav a", has_text="Every state").first.click()  # click 1
    page.wait_for_url(re.compile(r"chapters/states\.html"))
    page.locator("table#tbl-states a", has_text=re.compile(rf"^{re.escape(name)}$")).click()  # click 2
    page.wait_for_load_state("load")
    return page, errors, outside


def test_what_has_belgium_done(built_book, chromium, record):
    bel = record["BEL"]
    page, errors, outside = from_home_to_state(built_book, chromium, "Belgium")
    assert page.url.endswith("states/BEL.html")
    assert page.locator("section.state-profile h1").inner_text().startswith("Belgium")
    headline = page.locator("ul.state-headline").inner_text()
    assert f"at least {bel.facts['people']:,} people repatriated to Belgium in {bel.facts['events']} events" in headline
    rows = page.locator("table.state-events tbody tr")
    assert rows.count() == len(bel.movements) > 0
    assert page.locator("figure.state-chart img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert not errors and not outside
    page.context.close()


def test_how_many_kazakh_children_came_home(built_book, chromium, record):
    kaz = record["KAZ"]
    page, errors, outside = from_home_to_state(built_book, chromium, "Kazakhstan")
    assert page.url.endswith("states/KAZ.html")
    assert kaz.facts["children"] > 100
    assert f"they name {kaz.facts['children']:,} children" in page.locator("ul.state-headline").inner_text()
    assert not errors and not outside
    page.context.close()


def test_the_finder_lists_states_and_events_and_filters_the_table(built_book, chromium, record):
    page, errors, outside = open_page(chromium, (built_book / "chapters" / "states.html").as_uri())
    rows = page.locator("table#tbl-states tbody tr")
    total = rows.count()
    assert total == len(record)
    page.fill("input.state-finder", "Belgium")
    found = page.locator("ul.state-finder-results li a")
    labels = found.all_inner_texts()
    assert labels[0] == "Belgium" and sum(t.startswith("BEL-") for t in labels) == len(record["BEL"].movements)
    visible = rows.evaluate_all("rs => rs.filter(r => r.style.display !== 'none').map(r => r.cells[0].textContent)")
    assert visible == ["Belgium"]
    page.fill("input.state-finder", "zhusan")
    assert all("KAZ-" in t or t == "Kazakhstan" for t in found.all_inner_texts()) and found.count() > 1
    found.filter(has_text="KAZ-").first.click()
    page.wait_for_load_state("load")
    anchor = page.url.split("#", 1)[1]
    assert page.url.split("#")[0].endswith("states/KAZ.html") and anchor.startswith("event-KAZ-")
    assert page.locator(f"section#{anchor} table.event-reports tbody tr").count() >= 1
    assert not errors and not outside
    page.context.close()


def test_the_states_table_sorts_by_a_column(built_book, chromium, record):
    page, errors, outside = open_page(chromium, (built_book / "chapters" / "states.html").as_uri())
    heading = page.locator("table#tbl-states thead th", has_text="Children named")
    heading.click()
    first = page.locator("table#tbl-states tbody tr").first.locator("td").first.inner_text()
    most = max(record.values(), key=lambda p: p.facts["children"] or 0)
    assert first == most.name and heading.get_attribute("aria-sort") == "descending"
    heading.click()
    assert heading.get_attribute("aria-sort") == "ascending"
    last = page.locator("table#tbl-states tbody tr").last.locator("td").nth(5).inner_text()
    assert last == "–", "a state with no number stated sorts last either way"
    assert not errors and not outside
    page.context.close()


def test_an_event_of_the_appendix_opens_its_record(built_book, chromium, record):
    page, errors, outside = open_page(chromium, (built_book / "chapters" / "appendix-data.html").as_uri())
    link = page.locator("table#tbl-events tbody tr a", has_text=re.compile(r"^KAZ-2019-01-06$"))
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("states/KAZ.html#event-KAZ-2019-01-06")
    record_rows = page.locator("section#event-KAZ-2019-01-06 table.event-reports tbody tr")
    assert record_rows.count() == len(record["KAZ"].reports["KAZ-2019-01-06"])
    assert page.locator("section#event-KAZ-2019-01-06").is_visible()
    assert not errors and not outside
    page.context.close()
