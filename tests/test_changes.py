"""What changed between editions, by event id, tested on the 0.1.0 edition as it was published
(editions/0.1.0) and on small made-up editions."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from repatriation import changes, downloads, export
from repatriation.pipeline import run

V010 = changes.EDITIONS / "0.1.0"


@pytest.fixture(scope="module")
def current():
    r = run()
    return r, downloads.tables(r)


def events(rows):
    df = pd.DataFrame(rows, columns=["event_id", "kind", "counted", "country", "date", "people", "people_low", "people_high"])
    return df.astype({c: float for c in changes.NUMBERS})


def test_the_stored_editions_and_the_previous_one():
    assert "0.1.0" in changes.stored()
    assert changes.previous("0.2.0") == "0.1.0" and changes.previous("0.1.0") is None
    assert changes.version_key("0.10.1") > changes.version_key("0.9.9")


def test_the_first_edition_is_read_as_published():
    old = changes.read_events(V010)
    assert len(old) == 276 and set(old["kind"]) == {"repatriation"} and old["counted"].all()
    kaz = old.set_index("event_id").loc["KAZ-2019-01-06"]
    assert kaz["people"] == 47 and kaz["people_low"] == 46 and kaz["people_high"] == 47
    sources = changes.read_sources(V010)
    assert len(sources) == 757 and sources["key"].is_unique


def test_what_changed_since_0_1_0(current):
    _, tables = current
    diff = changes.compare(changes.read_events(V010), changes.current_events(tables))
    by_id = diff.set_index("event_id")
    counts = changes.summary(diff)
    assert counts["added"] > 0 and counts["changed"] > 0 and counts["removed"] > 0
    # an event added by the 2026 sweep, a transfer (another kind than repatriation)
    assert by_id.loc["IRQ-2026-01-21", "change"] == "added" and by_id.loc["IRQ-2026-01-21", "kind_new"] == "transfer"
    # a Dutch return dropped as out of scope
    assert by_id.loc["NLD-2019-07", "change"] == "removed"
    # a preferred figure that changed: old and new figures, same band
    fra = by_id.loc["FRA-2017-12-18"]
    assert fra["change"] == "changed" and fra["what"] == "preferred figure"
    assert (fra["people_old"], fra["people_new"]) == (4, 3) and fra["people_high_old"] == fra["people_high_new"] == 4
    # every event of either edition is accounted for
    old_ids, new_ids = set(changes.read_events(V010)["event_id"]), set(changes.current_events(tables)["event_id"])
    assert set(diff.loc[diff["change"] == "added", "event_id"]) == new_ids - old_ids
    assert set(diff.loc[diff["change"] == "removed", "event_id"]) == old_ids - new_ids
    assert list(diff["change"].map(changes.CHANGE_ORDER)) == sorted(diff["change"].map(changes.CHANGE_ORDER))


def test_sources_added_and_removed_since_0_1_0(current):
    _, tables = current
    old = changes.read_sources(V010)
    added, removed = changes.sources_added(old, tables["sources"]), changes.sources_removed(old, tables["sources"])
    assert set(added["key"]) == set(tables["sources"]["key"]) - set(old["key"]) and len(added) > 100
    assert set(removed["key"]) == set(old["key"]) - set(tables["sources"]["key"])


def test_compare_on_made_up_editions():
    old = events([["A-1", "repatriation", True, "AAA", "2019", 10, 10, 10],
                  ["B-1", "repatriation", True, "BBB", "2019", float("nan"), float("nan"), float("nan")],
                  ["C-1", "repatriation", True, "CCC", "2019", 5, 5, 8],
                  ["D-1", "repatriation", True, "DDD", "2020", 3, 3, 3]])
    new = events([["A-1", "repatriation", True, "AAA", "2019", 10, 10, 10],  # the same
                  ["B-1", "repatriation", True, "BBB", "2019", float("nan"), float("nan"), float("nan")],  # NaN = NaN
                  ["C-1", "transfer", True, "CCC", "2019-05", 5, 5, 9],  # kind, date and band
                  ["E-1", "repatriation", True, "EEE", "2021", 7, 7, float("nan")]])
    diff = changes.compare(old, new)
    assert list(zip(diff["event_id"], diff["change"])) == [("E-1", "added"), ("C-1", "changed"), ("D-1", "removed")]
    assert diff.set_index("event_id").loc["C-1", "what"] == "kind, date, band"
    readable = changes.readable(diff, "changed")
    assert readable.iloc[0]["Date"] == "2019 → 2019-05"
    assert readable.iloc[0]["People (band) before"] == "5 (5–8)"
    assert readable.iloc[0]["People (band) now"] == "5 (5–9), transfer"
    assert changes.readable(diff, "added").iloc[0]["People (band)"] == "7 (7 or more)"


def test_band_words():
    nan = float("nan")
    assert changes.band(5, 5) == "5" and changes.band(1000, 1200) == "1,000–1,200"
    assert changes.band(5, nan) == "5 or more" and changes.band(nan, 5) == "up to 5" and changes.band(nan, nan) == "–"


def test_a_snapshot_of_this_edition_reads_back_as_its_events(current, tmp_path):
    r, tables = current
    for name, data in export.edition_snapshot(r).items():
        (tmp_path / name).write_bytes(data)
    back = changes.read_events(tmp_path)
    now = changes.current_events(tables)
    pd.testing.assert_frame_equal(back, now, check_dtype=False)
    assert changes.compare(back, now).empty
    assert len(changes.read_sources(tmp_path)) == len(tables["sources"])
