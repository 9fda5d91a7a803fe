"""The metrics that chapters glue (groups, regions, origins, coverage, peaks, children, data quality),
on the small fixture (tests/fixtures.py) and on hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fixtures import write_data
from repatriation import metrics
from repatriation.pipeline import run

NAN = math.nan
WEST = "Europe, North America and Oceania"
CASIA = "Central Asia, Russia and the Caucasus"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("metrics_more") / "data"))


def _ev(rows):
    """Events from (event_id, country, region, origin, year, men, women, children, people)."""
    return pd.DataFrame([{"event_id": e, "country": c, "country_name": c.title(), "region": r, "origin": o,
                          "year": y, "men": m, "women": w, "children": ch, "orphans": NAN, "people": p}
                         for e, c, r, o, y, m, w, ch, p in rows])


# --------------------------------------------------------------------------- event_groups
def test_event_groups_on_the_fixture_accounts_for_every_person(results):
    g = metrics.event_groups(results.events).set_index("event_id")
    parts = g[["men", "women", "children", "not_stated"]].sum(axis=1)
    assert (parts == g["people"]).all()
    # KAZ: 5 + 11 + 30 = 46 of 47; FRA: 5 children of 5; DEU and USA: no group stated
    assert g.loc["KAZ-2019-01-06", "not_stated"] == 1
    assert tuple(g.loc["FRA-2019-03", ["men", "women", "children", "not_stated"]]) == (0, 0, 5, 0)
    assert g.loc["DEU-2019-08-19", "not_stated"] == 4
    assert g.loc["USA-2020-10", "not_stated"] == 27


def test_event_groups_leaves_out_unknown_sizes_and_does_not_change_its_input():
    ev = _ev([("A", "FRA", WEST, "syria", 2019, NAN, 2.0, 3.0, 10.0),
              ("B", "FRA", WEST, "syria", 2019, 1.0, NAN, NAN, NAN)])
    before = ev.copy()
    g = metrics.event_groups(ev)
    assert list(g["event_id"]) == ["A"]
    assert (g.iloc[0]["men"], g.iloc[0]["women"], g.iloc[0]["children"], g.iloc[0]["not_stated"]) == (0, 2, 3, 5)
    pd.testing.assert_frame_equal(ev, before)


def test_event_groups_never_gives_a_negative_remainder():
    g = metrics.event_groups(_ev([("A", "FRA", WEST, "syria", 2019, 3.0, 3.0, 6.0, 10.0)]))
    assert g.iloc[0]["not_stated"] == 0


# --------------------------------------------------------------------------- by_region, region_figures
def test_by_region_on_the_fixture(results):
    t = metrics.by_region(results.events).set_index("region")
    assert list(t.index) == ["Iraq", CASIA, WEST]  # the order of REGIONS, only regions with events
    assert (t.loc[WEST, "states"], t.loc[WEST, "events"], t.loc[WEST, "people"]) == (3, 3, 36)
    assert t.loc[WEST, "median_event"] == 5  # 4, 5 and 27
    assert t.loc["Iraq", "children_pct"] == pytest.approx(40.0)
    assert t.loc[CASIA, "children_pct"] == pytest.approx(100 * 30 / 46)  # of the 46 placed in a group
    # of 36 people in the West only 5 are placed in a group: no share is given
    assert pd.isna(t.loc[WEST, "children_pct"])
    assert t["people"].sum() == 183


def test_by_region_gives_a_share_when_half_are_placed():
    ev = _ev([("A", "FRA", WEST, "syria", 2019, 0.0, 0.0, 5.0, 5.0),
              ("B", "DEU", WEST, "syria", 2019, NAN, NAN, NAN, 5.0)])
    row = metrics.by_region(ev).iloc[0]
    assert row["children_pct"] == pytest.approx(100.0)
    assert row["median_event"] == 5 and row["states"] == 2


def test_region_figures_on_the_fixture(results):
    f = metrics.region_figures(results.events)
    assert set(f) == {f"{k}_{m}" for k in ("iraq", "casia", "west")
                      for m in ("states", "events", "people", "median", "children_pct", "non_syria_pct")}
    assert (f["west_states"], f["west_events"], f["west_people"], f["west_median"]) == (3, 3, 36, 5.0)
    assert f["iraq_children_pct"] == 40.0
    assert f["casia_children_pct"] == 65.0
    assert f["west_children_pct"] == 0.0  # no share given: 0.0, never NaN
    assert f["iraq_non_syria_pct"] == 0.0
    for key, value in f.items():
        assert type(value) in (int, float), key


def test_region_figures_share_not_from_syria():
    ev = _ev([("A", "IRQ", "Iraq", "iraq", 2019, NAN, NAN, NAN, 30.0),
              ("B", "IRQ", "Iraq", "syria", 2019, NAN, NAN, NAN, 70.0)])
    f = metrics.region_figures(ev)
    assert f["iraq_non_syria_pct"] == 30.0
    assert f["iraq_people"] == 100 and f["iraq_median"] == 50.0


# --------------------------------------------------------------------------- people_in_year, yearly_peak
def test_people_in_year(results):
    assert metrics.people_in_year(results.events, "KAZ", 2019) == 47
    assert metrics.people_in_year(results.events, "KAZ", 2020) == 0
    assert metrics.people_in_year(results.events, "IRQ", 2021) == 100
    assert type(metrics.people_in_year(results.events, "ZZZ", 2019)) is int


def test_people_in_year_sums_events_and_skips_unknown_sizes():
    ev = _ev([("A", "FRA", WEST, "syria", 2019, NAN, NAN, NAN, 3.0),
              ("B", "FRA", WEST, "syria", 2019, NAN, NAN, NAN, 4.0),
              ("C", "FRA", WEST, "syria", 2019, NAN, NAN, NAN, NAN),
              ("D", "FRA", WEST, "syria", 2020, NAN, NAN, NAN, 100.0)])
    assert metrics.people_in_year(ev, "FRA", 2019) == 7


def test_yearly_peak(results):
    assert metrics.yearly_peak(results.events) == {"year": 2021, "people": 100}
    # without Iraq, 2019 (47 + 5 + 4) beats 2020 (27)
    assert metrics.yearly_peak(results.events, exclude=("IRQ",)) == {"year": 2019, "people": 56}
    peak = metrics.yearly_peak(results.events)
    assert type(peak["year"]) is int and type(peak["people"]) is int


# --------------------------------------------------------------------------- origin_shares
def test_origin_shares_on_the_fixture(results):
    assert metrics.origin_shares(results.events) == {
        "syria_people": 183, "syria_events": 5, "iraq_people": 0, "iraq_events": 0,
        "other_people": 0, "other_events": 0, "syria_pct": 100.0}


def test_origin_shares_puts_every_other_origin_together():
    ev = _ev([("A", "FRA", WEST, "syria", 2019, NAN, NAN, NAN, 60.0),
              ("B", "FRA", WEST, "iraq", 2019, NAN, NAN, NAN, 20.0),
              ("C", "FRA", WEST, "turkey", 2019, NAN, NAN, NAN, 15.0),
              ("D", "FRA", WEST, "libya", 2020, NAN, NAN, NAN, 5.0)])
    s = metrics.origin_shares(ev)
    assert s == {"syria_people": 60, "syria_events": 1, "iraq_people": 20, "iraq_events": 1,
                 "other_people": 20, "other_events": 2, "syria_pct": 60.0}
    assert all(type(v) in (int, float) for v in s.values())


# --------------------------------------------------------------------------- coverage
def test_coverage_counts_full_and_under_half():
    # ratios counted / stated: 1.0, 0.96, 0.3, 0.8 and 0.5 (exactly half is not under half; 0.95 is full)
    latest = pd.DataFrame({"stated": [10.0, 100.0, 10.0, 10.0, 10.0, 20.0],
                           "counted": [10.0, 96.0, 3.0, 8.0, 5.0, 19.0]})
    assert metrics.coverage(latest) == {"states": 6, "full_threshold_pct": 95, "full": 3, "under_half": 1,
                                        "median_pct": 88.0}


def test_coverage_on_the_fixture(results):
    latest = metrics.latest_stated_vs_counted(results.events, results.stated)
    # FRA: 5 counted of 10 stated; DEU: 0 children counted of 20
    assert metrics.coverage(latest) == {"states": 2, "full_threshold_pct": 95, "full": 0, "under_half": 1,
                                        "median_pct": 25.0}


# --------------------------------------------------------------------------- children
def test_children_figures_on_the_fixture(results):
    f = metrics.children_figures(results)
    # Iraq's own returns are left out; of the rest only FRA (5 children, nobody else) places everyone
    assert (f["events"], f["people"], f["children"], f["women"], f["men"]) == (1, 5, 5, 0, 0)
    assert (f["only_children_events"], f["only_children"], f["only_children_pct"]) == (1, 5, 100.0)
    assert f["children_pct"] == 100.0 and f["children_per_adult"] == 5.0
    assert (f["iraq_events"], f["iraq_children"], f["iraq_children_pct"]) == (0, 0, 0.0)
    assert (f["orphans"], f["orphan_events"]) == (5, 1)
    for key, value in f.items():
        assert type(value) in (int, float), key


def test_children_figures_on_hand_made_events(results):
    ev = _ev([("A", "FRA", WEST, "syria", 2019, 0.0, 2.0, 6.0, 8.0),
              ("B", "DEU", WEST, "iraq", 2019, NAN, NAN, 4.0, 4.0),
              ("C", "BEL", WEST, "iraq", 2019, 1.0, 1.0, 2.0, 4.0),
              ("D", "NLD", WEST, "syria", 2019, NAN, NAN, 3.0, 10.0),   # not everyone placed
              ("E", "IRQ", "Iraq", "syria", 2019, 50.0, 50.0, 100.0, 200.0)])
    ev["orphans"] = [NAN, 2.0, NAN, NAN, 7.0]
    r = type("R", (), {"events": ev})()
    f = metrics.children_figures(r)
    assert (f["events"], f["people"], f["children"], f["women"], f["men"]) == (3, 16, 12, 3, 1)
    assert f["children_pct"] == 75.0
    assert f["children_per_adult"] == 3.0
    assert (f["only_children_events"], f["only_children"]) == (1, 4)
    assert f["only_children_pct"] == pytest.approx(33.3)
    assert (f["iraq_events"], f["iraq_children"], f["iraq_children_pct"]) == (2, 6, 75.0)
    # orphans over every event, Iraq's too
    assert (f["orphans"], f["orphan_events"]) == (9, 2)


def test_children_by_state():
    ev = _ev([("A", "FRA", WEST, "syria", 2019, 0.0, 0.0, 5.0, 5.0),
              ("B", "FRA", WEST, "syria", 2020, 0.0, 1.0, 3.0, 4.0),
              ("C", "DEU", WEST, "syria", 2019, 0.0, 0.0, 8.0, 8.0),
              ("D", "BEL", WEST, "syria", 2019, NAN, NAN, 9.0, 20.0),   # not everyone placed
              ("E", "NLD", WEST, "iraq", 2019, 0.0, 0.0, 4.0, 4.0),     # other origin
              ("F", "IRQ", "Iraq", "syria", 2019, 0.0, 0.0, 50.0, 50.0)])
    t = metrics.children_by_state(ev, "syria")
    assert t.to_dict("records") == [{"country_name": "Deu", "children": 8.0}, {"country_name": "Fra", "children": 8.0}]
    assert metrics.children_by_state(ev, "iraq").to_dict("records") == [{"country_name": "Nld", "children": 4.0}]


def test_children_by_state_on_the_fixture(results):
    assert metrics.children_by_state(results.events, "syria").to_dict("records") == [
        {"country_name": "France", "children": 5.0}]


# --------------------------------------------------------------------------- data_quality
def test_data_quality_on_the_fixture(results):
    q = metrics.data_quality(results)
    assert q == {"reports": 6, "events": 5, "multi_report_events": 1, "disagree": 1, "qualified_reports": 2,
                 "month_or_year": 2, "day_precision_pct": 67.0, "superseded": 1, "sources": 7, "reprints": 0,
                 "non_english": 0, "unknown_size": 0}
    assert all(type(v) in (int, float) for v in q.values())


def test_data_quality_counts_reprints_and_other_languages(results):
    sources = results.data.sources.copy()
    sources["note"] = ["Reprint of an agency story", "mirror of the ministry page", "Relays UN figures",
                       "Test entry", "Carries the wire", "A reprint, later", "Test entry"]
    sources["language"] = ["en", "fr", "de-DE", "en-GB", "en", None, "ar"]
    data = type("D", (), {"repatriations": results.data.repatriations, "sources": sources})()
    r = type("R", (), {"data": data, "events": results.events, "reports": results.reports, "status": results.status})()
    q = metrics.data_quality(r)
    assert q["reprints"] == 4  # notes that start with Reprint, Mirror, Relays or Carries (any case)
    assert q["non_english"] == 3  # fr, de-DE, ar; a missing language counts as English
