"""Metrics on the small fixture (tests/fixtures.py) and on hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fixtures import write_data
from repatriation import metrics, views
from repatriation.pipeline import run


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("metrics") / "data"))


# Preferred figure per event in the fixture: KAZ 47 (5/11/30), FRA 5 (5 children), DEU 4 (the German
# government's figure, no breakdown; the media report said 5), IRQ 100 (30/30/40, "about"), USA 27 ("more than").
PEOPLE = {"KAZ": 47, "FRA": 5, "DEU": 4, "IRQ": 100, "USA": 27}


# --------------------------------------------------------------------------- by_country
def test_by_country_sums_events_per_state(results):
    t = metrics.by_country(results.events)
    assert dict(zip(t["country"], t["people"])) == PEOPLE
    assert t["people"].sum() == results.events["people"].sum() == sum(PEOPLE.values())
    assert t["events"].sum() == len(results.events) == 5
    assert list(t["country"]) == ["IRQ", "KAZ", "USA", "FRA", "DEU"]  # most people first


def test_by_country_keeps_the_band_over_reports(results):
    deu = metrics.by_country(results.events).set_index("country").loc["DEU"]
    assert (deu["people"], deu["people_low"], deu["people_high"]) == (4, 4, 5)
    assert deu["country_name"] == "Germany"
    assert deu["region"] == "Europe, North America and Oceania"


def test_by_country_sums_several_events_of_one_state():
    ev = pd.DataFrame({
        "event_id": ["FRA-2019-03", "FRA-2020-01", "DEU-2019"], "country": ["FRA", "FRA", "DEU"],
        "country_name": ["France", "France", "Germany"], "region": ["E", "E", "E"],
        "people": [5.0, 7.0, 1.0], "people_low": [5.0, 6.0, 1.0], "people_high": [5.0, 9.0, 1.0],
        "men": [math.nan, 1.0, math.nan], "women": [math.nan, 2.0, math.nan], "children": [5.0, 4.0, math.nan],
        "orphans": [math.nan] * 3,
        "date_start": pd.to_datetime(["2019-03-01", "2020-01-01", "2019-01-01"]),
    })
    fra = metrics.by_country(ev).set_index("country").loc["FRA"]
    assert (fra["events"], fra["people"], fra["people_low"], fra["people_high"]) == (2, 12.0, 11.0, 14.0)
    assert fra["children"] == 9.0
    assert fra["first"] == pd.Timestamp("2019-03-01") and fra["last"] == pd.Timestamp("2020-01-01")


# --------------------------------------------------------------------------- by_year, cumulative, origin
def test_by_year_by_region(results):
    t = metrics.by_year(results.events)
    assert list(t.index) == [2019, 2020, 2021]
    assert list(t.columns) == ["Iraq", "Central Asia, Russia and the Caucasus", "Europe, North America and Oceania"]
    assert t.loc[2019, "Europe, North America and Oceania"] == 9
    assert t.loc[2019, "Central Asia, Russia and the Caucasus"] == 47
    assert t.loc[2021, "Iraq"] == 100
    assert t.to_numpy().sum() == 183


def test_cumulative_ends_at_the_totals_and_never_falls(results):
    t = metrics.cumulative(results.events)
    assert str(t.index[0]) == "2019Q1" and str(t.index[-1]) == "2021Q2"
    assert len(t) == 10  # every quarter, also those without an event
    assert t.iloc[-1].to_dict() == {"Iraq": 100, "Central Asia, Russia and the Caucasus": 47,
                                    "Europe, North America and Oceania": 36}
    assert (t.diff().dropna() >= 0).all().all()


def test_by_origin(results):
    t = metrics.by_origin(results.events)
    assert t.to_dict("records") == [{"origin": "syria", "events": 5, "people": 183.0}]


# --------------------------------------------------------------------------- composition
def test_composition_shares_sum_to_one(results):
    t = metrics.composition(results.events)
    shares = t[[c for c in t.columns if c.startswith("share_")]]
    assert {"share_men", "share_women", "share_children"} <= set(shares.columns)
    assert len(t) == 5
    for total in shares.sum(axis=1):
        assert total == pytest.approx(1.0)


def test_composition_of_a_full_breakdown(results):
    irq = metrics.composition(results.events).set_index("country").loc["IRQ"]
    assert (irq["share_men"], irq["share_women"], irq["share_children"]) == pytest.approx((0.3, 0.3, 0.4))
    assert irq["people"] == 100


def test_composition_min_people(results):
    t = metrics.composition(results.events, min_people=20)
    assert set(t["country"]) == {"IRQ", "KAZ", "USA"}


# --------------------------------------------------------------------------- stated vs counted
def test_stated_vs_counted_on_the_fixture(results):
    t = metrics.stated_vs_counted(results.events, results.stated)
    assert "WLD" not in set(t["country"])
    fra = t.set_index("country").loc["FRA"]
    assert (fra["measure"], fra["stated"], fra["counted"], fra["events"], fra["gap"]) == ("people", 10, 5, 1, 5)
    deu = t.set_index("country").loc["DEU"]
    assert (deu["measure"], deu["stated"]) == ("children", 20)
    assert deu["gap"] == deu["stated"] - deu["counted"]


def _events(rows):
    """Day-dated events (their last day is their day); a facility with 'prison' in it is held_in prison."""
    return pd.DataFrame([{"country": c, "date_start": pd.Timestamp(d), "date_last": pd.Timestamp(d), "origin": o,
                          "people": float(p), "children": float("nan"), "families": float("nan"), "facility": f,
                          "held_in": "prison" if "prison" in f else ("camp" if f else "")}
                         for c, d, o, p, f in rows])


def _stated(since, as_of, as_of_end, origin="syria", total=10, scope="all", country="FRA"):
    return pd.DataFrame([{"country": country, "country_name": "France", "since": since, "as_of": as_of,
                          "as_of_end": pd.Timestamp(as_of_end), "origin": origin, "scope": scope, "total": total,
                          "children": pd.NA, "families": pd.NA, "qualifier": "", "source": "govfra"}])


EVENTS = _events([("FRA", "2018-12-20", "syria", 1, ""), ("FRA", "2019-03-10", "syria", 3, "al-Hol"),
                  ("FRA", "2019-09-01", "syria", 4, "Roj"), ("FRA", "2019-10-01", "iraq", 2, ""),
                  ("FRA", "2020-03-01", "syria", 6, ""), ("DEU", "2019-09-01", "syria", 50, ""),
                  ("FRA", "2019-11-05", "syria", 8, "Ghwayran prison")])


def test_stated_vs_counted_gap_within_the_window_and_origin():
    row = metrics.stated_vs_counted(EVENTS, _stated("2019", "2020-01", "2020-01-31")).iloc[0]
    # 2019-03-10, 2019-09-01 and 2019-11-05 from Syria; not 2018 (before since), Iraq, 2020-03 (after as_of)
    # or Germany.
    assert (row["counted"], row["events"], row["gap"]) == (15.0, 3, -5.0)
    assert row["measure"] == "people" and row["stated"] == 10


def test_stated_vs_counted_syria_iraq_counts_both_origins():
    row = metrics.stated_vs_counted(EVENTS, _stated("", "2020-01", "2020-01-31", origin="syria_iraq")).iloc[0]
    assert (row["counted"], row["events"], row["gap"]) == (18.0, 5, -8.0)


def test_stated_vs_counted_honours_a_since_of_month_precision():
    # "since June 2019": the event of March 2019 is outside the window.
    row = metrics.stated_vs_counted(EVENTS, _stated("2019-06", "2020-01", "2020-01-31")).iloc[0]
    assert (row["counted"], row["events"], row["gap"]) == (12.0, 2, -2.0)


def test_stated_vs_counted_scope_separates_camps_and_prisons():
    camps = metrics.stated_vs_counted(EVENTS, _stated("2019", "2020-01", "2020-01-31", scope="camps")).iloc[0]
    prisons = metrics.stated_vs_counted(EVENTS, _stated("2019", "2020-01", "2020-01-31", scope="detainees")).iloc[0]
    assert (camps["counted"], prisons["counted"]) == (7.0, 8.0)


def test_stated_vs_counted_leaves_out_all_receiving_states():
    t = metrics.stated_vs_counted(EVENTS, pd.concat([_stated("", "2020-01", "2020-01-31"),
                                                     _stated("", "2020-01", "2020-01-31", country="WLD", origin="all")]))
    assert list(t["country"]) == ["FRA"]


def test_latest_stated_vs_counted_keeps_the_latest_total_per_state(results):
    t = metrics.latest_stated_vs_counted(results.events, results.stated)
    assert sorted(t["country"]) == ["DEU", "FRA"]
    assert t["country"].is_unique
    assert list(t["stated"]) == sorted(t["stated"], reverse=True)
    later = pd.concat([_stated("", "2019-12", "2019-12-31", total=12), _stated("", "2020-01", "2020-01-31", total=9)])
    row = metrics.latest_stated_vs_counted(EVENTS, later)
    assert list(zip(row["as_of"], row["stated"])) == [("2020-01", 9.0)]


# --------------------------------------------------------------------------- contingents
def test_contingent_share_per_100_range(results):
    t = metrics.contingent_share(results.events, results.contingents).set_index("country")
    assert set(t.index) == {"FRA", "DEU", "KAZ"}  # states with both a contingent and events
    deu = t.loc["DEU"]
    assert (deu["travelled_low"], deu["travelled_high"], deu["repatriated"]) == (900, 1100, 4)
    assert deu["per100_low"] == pytest.approx(400 / 1100)
    assert deu["per100_high"] == pytest.approx(400 / 900)
    assert deu["per100_mid"] == pytest.approx(400 / 1000)
    assert t.loc["KAZ", "per100_low"] == t.loc["KAZ", "per100_high"] == pytest.approx(100 * 47 / 800)
    assert (t["per100_low"] <= t["per100_mid"]).all() and (t["per100_mid"] <= t["per100_high"]).all()
    assert list(t.index) == ["KAZ", "DEU", "FRA"]  # highest share first


# --------------------------------------------------------------------------- detained
def test_detained_series_selects_one_series_in_date_order(results):
    s = metrics.detained_series(results.detained)
    assert list(s["as_of"]) == ["2019-04", "2020-06", "2021-01-15"]
    assert list(s["estimate"]) == [73000.0, 62500.0, 62000.0]
    assert metrics.detained_series(results.detained, place="roj").empty
    roj = metrics.detained_series(results.detained, place="roj", nationality_group="national", sex_age="children")
    assert list(roj["value"]) == [200]


# --------------------------------------------------------------------------- key figures
def test_key_figures_are_plain_numbers(results):
    figures = metrics.key_figures(results)
    assert figures
    for key, value in figures.items():
        assert type(value) in (int, float, str), (key, type(value))


def test_key_figures_values(results):
    f = metrics.key_figures(results)
    expected = {"n_reports": 6, "n_events": 5, "n_countries": 5, "n_sources": 7, "n_events_disagree": 1,
                "people": 183, "people_low": 183, "people_high": 184, "people_iraq": 100, "people_non_iraq": 83,
                "children_stated": 75, "orphans_stated": 5, "first_year": 2019, "last_year": 2021}
    assert {k: f[k] for k in expected} == expected
    assert 0 <= f["share_children_pct"] <= 100


# --------------------------------------------------------------------------- small helpers for prose
def test_top_list():
    t = pd.DataFrame({"country_name": ["Iraq", "Kazakhstan", "France"], "people": [1234.0, 567.0, 8.0]})
    assert views.top_list(t) == "Iraq (1,234), Kazakhstan (567) and France (8)"
    assert views.top_list(t, n=1) == "Iraq (1,234)"


def test_superseded_reasons(results):
    t = views.superseded_reasons(results)
    assert t.to_dict("records") == [{"criterion": "The preferred source speaks with more authority", "reports": 1}]


def test_sources_by_type(results):
    t = views.sources_by_type(results).set_index("sourcetype")
    assert list(t.index) == ["Government or local administration", "UN body", "NGO", "Research institute", "News media"]
    assert list(t["sources"]) == [2, 1, 1, 1, 2]
    assert t["rows"].sum() == 6 + 3 + 6 + 3


def test_an_event_that_may_come_after_a_total_is_not_counted_against_it():
    ev = pd.DataFrame([{"country": "FRA", "date_start": pd.Timestamp("2019-12-01"), "date_last": pd.Timestamp("2019-12-31"),
                        "origin": "syria", "people": 5.0, "children": float("nan"), "families": float("nan"),
                        "facility": "", "held_in": ""},
                       {"country": "FRA", "date_start": pd.Timestamp("2019-12-10"), "date_last": pd.Timestamp("2019-12-10"),
                        "origin": "syria", "people": 3.0, "children": float("nan"), "families": float("nan"),
                        "facility": "", "held_in": ""}])
    day = metrics.stated_vs_counted(ev, _stated("", "2019-12-28", "2019-12-28"))
    month = metrics.stated_vs_counted(ev, _stated("", "2019-12", "2019-12-31"))
    assert day.iloc[0]["counted"] == 3 and month.iloc[0]["counted"] == 8


def test_a_group_no_report_states_is_not_stated_never_zero():
    ev = pd.DataFrame([{"event_id": "IRQ-2020", "country": "IRQ", "country_name": "Iraq", "region": "Iraq",
                        "people": 100.0, "people_low": 100.0, "people_high": 100.0, "men": float("nan"),
                        "women": float("nan"), "children": float("nan"), "orphans": float("nan"),
                        "date_start": pd.Timestamp("2020-01-01")},
                       {"event_id": "FRA-2020", "country": "FRA", "country_name": "France", "region": "Western Europe",
                        "people": 5.0, "people_low": 5.0, "people_high": 5.0, "men": 0.0, "women": 1.0,
                        "children": 4.0, "orphans": float("nan"), "date_start": pd.Timestamp("2020-01-01")}])
    t = metrics.by_country(ev).set_index("country")
    assert pd.isna(t.loc["IRQ", "children"]) and t.loc["FRA", "children"] == 4 and t.loc["FRA", "men"] == 0
