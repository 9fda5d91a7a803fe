"""State profiles (the data library's side): facts, sentences and tables per state, on the fixture and on
the real record."""

from __future__ import annotations

import pandas as pd
import pytest

from fixtures import with_movements, write_data
from repatriation import metrics, pipeline, profiles
from repatriation.pipeline import run


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("profiles") / "data", with_movements()))


@pytest.fixture(scope="module")
def record(results):
    return profiles.profiles(results)


def texts(p) -> str:
    return " ".join(s.text for s in p.headline)


def test_every_state_with_a_movement_or_a_stated_total_has_a_profile(results, record):
    assert set(record) == (set(results.movements["country"]) | set(results.stated["country"])) - {"WLD"}
    assert "AUS" in record and "WLD" not in record  # AUS: a return not carried out, and nothing else


def test_facts_agree_with_the_metrics(results, record):
    table = metrics.by_country(results.events).set_index("country")
    for code, p in record.items():
        f = p.facts
        if code in table.index:
            assert f["people"] == int(table.loc[code, "people"]) and f["events"] == int(table.loc[code, "events"])
        else:
            assert f["events"] == 0 and f["people"] == 0


def test_kazakhstan_in_plain_sentences(record):
    kaz = record["KAZ"]
    assert kaz.facts == {**kaz.facts, "people": 47, "events": 1, "children": 30, "women": 11, "men": 5,
                         "first_date": "2019-01-06", "latest_date": "2019-01-06"}
    text = texts(kaz)
    assert "at least 47 people repatriated to Kazakhstan in 1 event, on 6 January 2019" in text
    assert "Where the preferred reports say who came home (its one event), they name 30 children, 11 women and 5 men." in text
    assert "No cumulative total stated by a source for Kazakhstan is in the record." in text
    assert "Of its 1 event, 0 graded A, 0 graded B, 1 graded C, 0 graded D." in text


def test_a_stated_total_is_given_with_who_stated_it_when_and_how_much_is_documented(results, record):
    fra = record["FRA"]
    f = fra.facts
    latest = metrics.latest_stated_vs_counted(results.events, results.stated).set_index("country").loc["FRA"]
    assert (f["stated"], f["stated_as_of"], f["stated_source"]) == (int(latest["stated"]), latest["as_of"], latest["source"])
    stated = next(s for s in fra.headline if s.sources)
    assert stated.sources == ["govfra"]
    assert "more than 10 people as of January 2020, from the government of France" in stated.text
    assert f"account for {f['stated_counted']} of them ({f['coverage_pct']} per cent)" in texts(fra)


def test_groups_no_report_counts_are_said_to_be_unstated_never_zero(record):
    fra = record["FRA"]  # one event: five children, and nothing said of women or men
    assert (fra.facts["children"], fra.facts["women"], fra.facts["men"]) == (5, None, None)
    assert "they name 5 children; none of them gives a number of women or men." in texts(fra)


def test_the_band_is_said_only_where_reports_differ(record):
    assert "the count runs from 4 to 5 people" in texts(record["DEU"])
    assert "the count runs" not in texts(record["KAZ"])


def test_a_state_with_no_repatriation_says_so_and_names_its_other_movements(record):
    aus = record["AUS"]
    assert aus.facts["events"] == 0 and len(aus.events) == 0 and list(aus.movements["event_id"]) == ["AUS-2022-10"]
    text = texts(aus)
    assert "The record documents no repatriation to Australia." in text
    assert "1 return announced or attempted but not carried out" in text
    iraq = texts(record["IRQ"])
    assert "2 transfers into another state's custody" in iraq


def test_other_movements_counts_each_kind_in_the_order_of_the_rule():
    others = pd.DataFrame({"kind": ["relocation", "transfer", "transfer", "repatriation"]})
    assert profiles.other_movements(others) == ("2 transfers into another state's custody, 1 relocation inside Syria, "
                                                "1 stage of a repatriation counted once as a whole")


def test_every_event_of_a_state_has_its_reports_preferred_first(results, record):
    deu = record["DEU"].reports["DEU-2019-08-19"]
    assert list(deu["source"]) == ["govdeu", "mediadeu"] and list(deu["status"]) == ["preferred", "superseded"]
    assert deu["url"].str.startswith("http").all() and deu["organization"].notna().all()
    for p in record.values():
        assert set(p.reports) == set(p.movements["event_id"])


def test_held_contingents_and_transfers_of_a_states_nationals(record):
    fra = record["FRA"]
    assert fra.held.to_dict("records") == [{"as_of": "2021-01", "who": "children", "where": "Roj camp",
                                            "figure": "more than 200", "source": "ngosrc"}]
    assert fra.contingents.to_dict("records") == [{"as_of": "2018", "measure": "travelled", "figure": "about 1,900",
                                                   "source": "research"}]
    assert fra.transfers[["event_id", "to", "figure"]].to_dict("records") == [
        {"event_id": "IRQ-2022-06", "to": "Iraq", "figure": "12"}]
    assert record["KAZ"].transfers.empty


def test_the_states_table_has_one_row_per_state_by_people(record):
    t = profiles.states_table(record)
    assert list(t["code"]) == ["IRQ", "KAZ", "USA", "FRA", "DEU", "AUS"]
    row = t.set_index("code").loc["FRA"]
    assert (row["people"], row["stated"], row["stated_qualifier"], row["latest"]) == (5, 10, "more_than", "2019-03")


@pytest.mark.parametrize("text,words", [("2021-07-17", "17 July 2021"), ("2021-07", "July 2021"), ("2021", "2021")])
def test_date_words(text, words):
    assert profiles.date_words(text) == words


def test_number_words():
    assert profiles.number_words(1200.0, "about") == "about 1,200"
    assert profiles.number_words(float("nan")) == profiles.number_words(None) == "–"


def test_the_real_record_belgium_and_kazakh_children():
    r = pipeline.run()
    record = profiles.profiles(r)
    assert len(record) >= 45 and all(p.headline for p in record.values())
    kaz = record["KAZ"]
    children = int(r.events.loc[r.events["country"] == "KAZ", "children"].sum())
    assert kaz.facts["children"] == children > 100 and f"{children:,} children" in texts(kaz)
    assert "people repatriated to Belgium" in texts(record["BEL"])
    for p in record.values():  # an event's anchor lives on its own state's page
        assert all(e[:3] == p.code for e in p.movements["event_id"])
