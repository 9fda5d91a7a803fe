"""After al-Hol (`repatriation.after`, `repatriation.phrases`): the tables of 2025 and 2026, checked on
the real data and on the fixture with movements of every kind. Transfers, relocations and returns not
carried out are shown, and kept out of repatriation totals by the one rule (`movements.counted`)."""

from __future__ import annotations

import pandas as pd
import pytest

from fixtures import with_movements, write_data
from repatriation import after, metrics, phrases
from repatriation.clean import clean_ranges
from repatriation.movements import counted
from repatriation.pipeline import compute, run

TRANSFER = "IRQ-2026-01-21"


@pytest.fixture(scope="module")
def real():
    return run()


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    return compute(write_data(tmp_path_factory.mktemp("after") / "data", with_movements()))


# --- phrases -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [("2026-02-05", "5 February 2026"), ("2026-02", "February 2026"),
                                         ("2026", "2026")])
def test_a_date_reads_as_precisely_as_it_is_known(text, words):
    assert phrases.date_text(text) == words


def test_a_bad_date_is_refused():
    with pytest.raises(ValueError, match="not a date"):
        phrases.date_text("2026-02-30")


def test_a_figure_keeps_its_qualifier_and_shows_the_band_only_where_reports_differ():
    assert phrases.figure_text(5700.0, "more_than", 5700.0, 5704.0) == "more than 5,700 (reports: 5,700 to 5,704)"
    assert phrases.figure_text(191.0, "", 191.0, 191.0) == "191"
    assert phrases.figure_text(float("nan"), "") == "no number stated"


def test_alternatives_list_each_distinct_figure_once_smallest_first():
    assert phrases.alternatives([467, 460, 467], ["", "", ""]) == "460 or 467"
    assert phrases.alternatives([5704, 5700, 5703, 5700], ["", "more_than", "", ""]) == "5,700, more than 5,700, 5,703 or 5,704"
    assert phrases.alternatives([150], ["about"]) == "about 150"
    assert phrases.alternatives([float("nan")], [""]) == ""


def test_lists_counts_and_groups_read_as_prose():
    assert phrases.joined(["a"]) == "a" and phrases.joined(["a", "b", "c"]) == "a, b and c" and phrases.joined([]) == ""
    assert [phrases.count_words(n, "return") for n in (0, 1, 3)] == ["no return", "one return", "3 returns"]
    assert phrases.people_phrase(32, 10, 0) == "32 children and 10 women"
    assert phrases.people_phrase(1, 0, 1) == "1 child and 1 man"


def test_a_span_runs_from_the_lowest_to_the_highest_figure(real):
    s = metrics.detained_series(real.detained, "al_hol")
    jan = s[s["as_of"].str.startswith("2026-01")]
    low, high = jan["estimate"].min(), jan["estimate"].max()
    text = phrases.span(jan)
    assert text.startswith(phrases.alternatives([low], [jan.loc[jan["estimate"].idxmin(), "qualifier"]]))
    assert text.endswith(f"{int(high):,}") and " to " in text


def test_stated_totals_read_in_date_order_with_their_dates(real):
    s = after.stated_since(real.stated, "IRQ", "camps", "2026-01")
    assert list(s["as_of"]) == sorted(s["as_of"]) and len(s) == s[["as_of", "figure"]].drop_duplicates().shape[0]
    text = phrases.stated_phrase(s)
    assert all(f"{f} ({d})" in text for f, d in zip(s["figure"], s["as_of_text"]))


# --- milestones ----------------------------------------------------------------------------------------

def test_each_milestone_is_dated_by_its_sources(real):
    m = after.milestones(real.data.sources)
    dates = real.data.sources.set_index("key")["date"]
    assert list(m["name"]) == ["takeover", "closure_planned", "closure"]
    for _, row in m.iterrows():
        assert {dates[k] for k in row["sources"].split(";")} == {row["date"]}
    assert list(m["date"]) == sorted(m["date"]), "the takeover, the plan and the closure in that order"
    assert after.milestone(real.data.sources, "closure")["date_text"] == phrases.date_text(m["date"].iloc[-1])


def test_a_milestone_whose_sources_disagree_on_the_date_is_refused(real):
    sources = real.data.sources.copy()
    sources.loc[sources["key"] == "startribune2026alhol", "date"] = "2026-01-25"
    with pytest.raises(ValueError, match="different dates"):
        after.milestones(sources)


# --- movements other than repatriation ------------------------------------------------------------------

def test_other_movements_hold_every_other_kind_and_no_repatriation(real):
    o = after.other_movements(real, "2025")
    m = real.movements
    expected = m[(m["kind"] != "repatriation") & (m["date_start"] >= pd.Timestamp("2025"))]
    assert set(o["event_id"]) == set(expected["event_id"]) and "repatriation" not in set(o["kind"])
    assert set(o["event_id"]).isdisjoint(real.events["event_id"]), "a non-repatriation is in the repatriation events"
    row = o.set_index("event_id").loc[TRANSFER]
    assert row["when"] == "21 January 2026 to 12 February 2026", "the operation's last day comes from date_end"
    assert row["handed_to"] == "Iraq" and row["counted"]
    assert row["figure"].startswith("more than 5,700")


def test_stages_are_shown_but_not_counted_again_and_returns_not_carried_out_never(real):
    o = after.other_movements(real, "2025").set_index("event_id")
    stages = o[o["part_of"] == TRANSFER]
    assert len(stages) >= 2 and not stages["counted"].any()
    assert not o.loc[o["kind"] == "not_carried_out", "counted"].any()
    assert (o.loc[o["kind"] == "not_carried_out", "handed_to"] == "Not carried out: no change").all()


def test_the_fixture_transfer_is_counted_once_with_its_custody(moved):
    o = after.other_movements(moved, "2019").set_index("event_id")
    assert set(o.index) == {"IRQ-2022-06", "IRQ-2022-06-10", "AUS-2022-10"}
    assert o.loc["IRQ-2022-06", "counted"] and not o.loc["IRQ-2022-06-10", "counted"]
    assert o.loc["IRQ-2022-06", "held_by"] == "North-east Syria's administration and the SDF"
    assert o.loc["IRQ-2022-06", "handed_to"] == "Iraq"
    table = after.other_movements_table(moved, "2019")
    assert list(table["Counted in"]) == ["Transfers", "Not again: part of IRQ-2022-06", "Never"]
    assert table["Movement"].iloc[0] == "Transfer from SDF prisons — North-east (SDF) → Iraq (IRQ-2022-06)"


def test_custody_lists_what_the_reports_state(real):
    assert after.custody(real.reports, TRANSFER, "handed_to") == "Iraq"
    assert after.custody(real.reports, "AUS-2026-02-16", "handed_to") == "Their own state or Other"
    assert after.custody(real.reports, "RUS-2025-02-27", "held_by") == "Not stated"


# --- the one rule, month by month -----------------------------------------------------------------------

def test_movements_by_month_count_each_kind_by_the_one_rule(real):
    t = after.movements_by_month(real.movements, since="2025")
    m = real.movements[real.movements["date_start"] >= pd.Timestamp("2025")]
    for kind in ("repatriation", "transfer", "relocation"):
        assert t.loc[t["kind"] == kind, "people"].sum() == pytest.approx(counted(m, kind)["people"].sum()), kind
    nco = m[m["kind"] == "not_carried_out"]
    assert t.loc[t["kind"] == "not_carried_out", "people"].sum() == pytest.approx(nco["people"].sum())
    assert t.loc[t["kind"] == "not_carried_out", "no_number"].sum() == nco["people"].isna().sum()


def test_repatriations_per_month_add_up_to_the_repatriation_totals_and_no_more(real):
    t = after.movements_by_month(real.movements, since="2025")
    ev = real.events[real.events["date_start"] >= pd.Timestamp("2025")]
    assert t.loc[t["kind"] == "repatriation", "people"].sum() == pytest.approx(ev["people"].sum())
    jan = t[(t["month"] == pd.Period("2026-01", "M")) & (t["kind"] == "transfer")].iloc[0]
    assert jan["people"] == 5700 and jan["events"] == 1, "the transfer's stages were counted again"


def test_movements_by_month_on_the_fixture(moved):
    t = after.movements_by_month(moved.movements, since="2022")
    assert t.loc[t["kind"] == "transfer", "people"].sum() == 50
    assert t.loc[t["kind"] == "not_carried_out", "people"].sum() == 16
    assert t.loc[t["kind"] == "repatriation", "people"].sum() == 0


# --- nationality breakdowns -----------------------------------------------------------------------------

def test_breakdowns_are_the_rows_as_stated_never_summed(real):
    b = after.breakdowns(real, TRANSFER)
    n = real.data.nationalities
    n = n[n["event_id"] == TRANSFER]
    assert len(b) == len(n)
    assert sorted(zip(b["source"], b["value"])) == sorted(zip(n["source"], n["value"]))
    table = after.breakdown_table(real, TRANSFER)
    assert len(table) == b[["label", "figure"]].drop_duplicates().shape[0]
    assert table["Reports"].sum() == len(b)
    syrians = table[table["Nationality or group"] == "Syrians"]
    assert set(syrians["Figure stated"]) == {"3,543", "3,544"}
    assert after.breakdown_figures(b, "Iraqis")[0] == "460 or 467"


def test_a_movement_without_a_breakdown_gives_an_empty_table(real):
    assert after.breakdown_table(real, "SYR-2026-02-18").empty


def test_the_fixture_breakdown(moved):
    b = after.breakdowns(moved, "IRQ-2022-06")
    assert list(b["label"]) == ["France", "Third-country nationals"]
    assert list(b["figure"]) == ["12", "about 50"]


# --- populations ----------------------------------------------------------------------------------------

def test_latest_points_keep_every_source_of_the_latest_date():
    rows = pd.DataFrame({"place": "roj", "nationality_group": "all", "nationality": "", "sex_age": "all",
                         "as_of": ["2026-02-05", "2026-02-16", "2026-02-16"], "value": [2100, 2328, 2201],
                         "low": pd.NA, "high": pd.NA, "qualifier": ["about", "about", ""], "unit": "people",
                         "source": ["a", "b", "c"], "note": ""})
    d = clean_ranges(rows)
    p = after.latest_points(d, [("roj", "all", "all", "people", "Roj"), ("al_hol", "all", "all", "people", "none")])
    assert list(p["source"]) == ["b", "c"] and list(p["figure"]) == ["about 2,328 people", "2,201 people"]
    assert after.latest_points(d, [("roj", "all", "all", "people", "Roj")], since="2026-03").empty


def test_the_held_table_gives_the_latest_figure_of_each_series(real):
    p = after.latest_points(real.detained, after.WHERE_HELD, "2026")
    for (place, group, sex_age, unit, label), g in zip(after.WHERE_HELD, [p[p["label"] == w[4]] for w in after.WHERE_HELD]):
        s = metrics.detained_series(real.detained, place, group, sex_age, unit)
        assert len(g) and (g["as_of_mid"] == s["as_of_mid"].max()).all(), label
    assert len(after.held_table(real, "2026")) == len(p)


def test_figures_on_one_date(real):
    text, keys = after.figures_on(real.detained, "al_hol", "all", "2026-01-21")
    assert text == "about 24,000" and keys == ["okaz2026alhol", "startribune2026alhol"]
    assert after.figures_on(real.detained, "al_hol", "all", "1990-01-01") == ("", [])


def test_days_with_two_figures_are_found(real):
    days = after.disagreeing_days(metrics.detained_series(real.detained, "iraq_prisons"))
    row = days.set_index("as_of").loc["2026-02-13"]
    assert row["figures"] == "about 3,000 or 5,064" and len(row["sources"].split(";")) == 2


def test_population_points_and_marks(real):
    p = after.population_points(real, since="2024")
    points, marks = p[p["kind"] == "point"], p[p["kind"] == "mark"]
    assert set(points["label"]) == {label for *_, label in after.POPULATIONS}
    assert (points["date_mid"] >= pd.Timestamp("2024")).all()
    assert list(marks["date"]) == list(after.milestones(real.data.sources)["date"])


# --- states and the chronology --------------------------------------------------------------------------

def test_states_that_repatriated_hold_only_counted_repatriations(real):
    s = after.states_that_repatriated(real.events, 2025)
    ev = real.events[real.events["year"] >= 2025]
    assert set(s["country"]) == set(ev["country"]) and s["people"].sum() == pytest.approx(ev["people"].sum())
    assert s["country"].iloc[0] == "IRQ" and list(s["people"]) == sorted(s["people"], reverse=True)
    assert "SYR" not in set(s["country"]) and "AUS" not in set(s["country"]), "a relocation or a failed return"
    assert len(after.states_table(real, 2025)) == len(s)


def test_the_chronology_is_dated_to_the_day_in_order_and_cited(real):
    c = after.chronology(real, "2026-01")
    assert list(c["date"]) == sorted(c["date"]) and all(len(d) == 10 for d in c["date"])
    assert (c["keys"] != "").all() and (c["sources"] != "").all()
    day_moves = real.movements[(real.movements["date_start"] >= pd.Timestamp("2026-01"))
                               & (real.movements["date_precision"] == "day")]
    assert all(any(f"[{e}]" in w for w in c["what"]) for e in day_moves["event_id"])
    assert set(after.milestones(real.data.sources)["label"]) <= set(c["what"])
    assert len(after.chronology_table(real, "2026-01")) == len(c)


def test_report_dates_record_end_and_sources_of(real):
    assert after.report_dates(real.reports, "IRQ-2025-08") == "July 2025, August 2025 or 18 September 2025"
    end = after.record_end(real)
    assert pd.Timestamp(end["date"]) >= real.movements["date_start"].max()
    assert after.sources_of(real.movements, TRANSFER)[0] == real.movements.set_index("event_id").loc[TRANSFER, "preferred_source"]
    assert after.stated_by_reports(real.reports, "IRQ-2026-01-21-b", "total")[0] == "144 or 150"


def test_milestones_of_another_bibliography_are_left_out_and_half_found_ones_refused(moved, real):
    assert after.milestones(moved.data.sources).empty
    half = real.data.sources[real.data.sources["key"] != "okaz2026alhol"]
    with pytest.raises(ValueError, match="okaz2026alhol"):
        after.milestones(half)


def test_the_two_charts_draw_on_a_data_folder_without_2025_or_2026(moved):
    from repatriation import figures

    for name in ("after_populations", "movements_by_kind"):
        assert figures.figure(name, moved).axes, name
    assert after.movements_by_month(moved.movements, since="2025").empty
