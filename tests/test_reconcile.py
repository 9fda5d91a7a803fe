"""Reconciliation: the written rule picks one report per event; every report row is accounted for."""

from __future__ import annotations

import pandas as pd
import pytest

from repatriation.clean import clean_repatriations
from repatriation.reconcile import RULE, reconcile

COUNTS = ("men", "women", "children", "orphans", "families", "total")


def reports(*rows: dict) -> pd.DataFrame:
    """Cleaned report rows from short dicts (event_id, source and the numbers that matter)."""
    full = []
    for i, r in enumerate(rows, start=2):
        event_id = r["event_id"]
        full.append({"line": r.get("line", i), "event_id": event_id, "country": event_id[:3],
                     "date": r.get("date", event_id[4:14]), "date_end": "", "origin": "syria", "facility": "",
                     "held_in": "", "kind": r.get("kind", "repatriation"), "held_by": "", "handed_to": "",
                     "part_of": r.get("part_of", ""),
                     **{c: r.get(c, pd.NA) for c in COUNTS}, "qualifier": r.get("qualifier", ""),
                     "operation": "", "source": r["source"], "note": ""})
    df = pd.DataFrame(full)
    for c in COUNTS:
        df[c] = pd.array(df[c], dtype="Int64")
    return clean_repatriations(df)


def sources(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """(key, sourcetype, jurisdiction, date) rows."""
    return pd.DataFrame(rows, columns=["key", "sourcetype", "jurisdiction", "date"])


SRC = sources(
    ("govdeu", "government", "DEU", "2019-08-20"),
    ("govfra", "government", "FRA", "2019-08-25"),
    ("aanes", "government", "AANES", "2019-08-19"),
    ("unsrc", "un", "", "2019-09-01"),
    ("ngosrc", "ngo", "", "2019-09-02"),
    ("research", "research", "", "2019-09-03"),
    ("mediaa", "media", "", "2019-08-21"),
    ("mediab", "media", "", "2019-08-21"),
    ("mediac", "media", "", "2019-09-30"),
    ("mediayear", "media", "", "2020"),
)


def status_of(status: pd.DataFrame, source: str) -> pd.Series:
    return status.set_index("source").loc[source]


def test_receiving_government_beats_media_even_when_media_has_a_breakdown():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "govdeu", "total": 4},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "men": 0, "women": 1, "children": 4, "total": 5})
    events, status = reconcile(rep, SRC)
    assert len(events) == 1
    ev = events.iloc[0]
    assert ev["preferred_source"] == "govdeu"
    assert ev["people"] == 4.0
    assert ev["preferred_authority"] == "an official statement of the receiving state"
    assert status_of(status, "govdeu")["status"] == "preferred"
    assert status_of(status, "mediaa")["status"] == "superseded"
    assert status_of(status, "mediaa")["reason"].startswith("authority")


def test_government_of_another_state_is_not_the_receiving_state():
    # A French government statement about a German event ranks below Germany's own statement.
    rep = reports({"event_id": "DEU-2019-08-19", "source": "govfra", "total": 6},
                  {"event_id": "DEU-2019-08-19", "source": "govdeu", "total": 4})
    events, status = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == "govdeu"
    assert "authority" in status_of(status, "govfra")["reason"]


@pytest.mark.parametrize("higher,lower", [
    ("govdeu", "aanes"), ("aanes", "unsrc"), ("unsrc", "ngosrc"), ("ngosrc", "research"), ("research", "mediaa"),
    ("govdeu", "mediac"), ("aanes", "mediac"), ("unsrc", "mediac"),
])
def test_authority_order(higher, lower):
    # The lower one has a breakdown and the later date where it can; authority still decides.
    rep = reports({"event_id": "DEU-2019-08-19", "source": lower, "men": 1, "women": 2, "children": 3, "total": 6},
                  {"event_id": "DEU-2019-08-19", "source": higher, "total": 9})
    events, status = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == higher
    assert status_of(status, lower)["reason"].startswith("authority")


def test_local_administration_ranks_as_another_official_statement():
    rep = reports({"event_id": "FRA-2019-08-19", "source": "aanes", "total": 12},
                  {"event_id": "FRA-2019-08-19", "source": "unsrc", "total": 11})
    events, _ = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_authority"] == "an official statement of another state or the local administration"


def test_breakdown_beats_no_breakdown_at_equal_authority():
    # mediac is later, but mediaa gives a breakdown: the breakdown wins.
    rep = reports({"event_id": "DEU-2019-08-19", "source": "mediac", "total": 7},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "women": 2, "children": 4, "total": 6})
    events, status = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == "mediaa"
    assert status_of(status, "mediac")["reason"].startswith("breakdown")


def test_one_group_is_not_a_breakdown():
    # Only children stated: no breakdown, so the later report wins on recency.
    rep = reports({"event_id": "DEU-2019-08-19", "source": "mediaa", "children": 4, "total": 6},
                  {"event_id": "DEU-2019-08-19", "source": "mediac", "total": 7})
    events, status = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == "mediac"
    assert status_of(status, "mediaa")["reason"].startswith("recency")


def test_later_publication_beats_earlier():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "mediac", "total": 7},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "total": 6})
    events, status = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == "mediac"
    reason = status_of(status, "mediaa")["reason"]
    assert reason.startswith("recency") and "2019-09-30" in reason and "2019-08-21" in reason


def test_later_year_beats_a_day_of_the_previous_year():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "mediac", "total": 7},
                  {"event_id": "DEU-2019-08-19", "source": "mediayear", "total": 8})
    events, _ = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == "mediayear"


@pytest.mark.parametrize("order", [("mediaa", "mediab"), ("mediab", "mediaa")])
def test_deterministic_tie_by_source_key(order):
    rep = reports(*[{"event_id": "DEU-2019-08-19", "source": s, "total": n} for s, n in zip(order, (5, 6))])
    events, status = reconcile(rep, SRC)
    assert events.iloc[0]["preferred_source"] == "mediaa"
    assert status_of(status, "mediab")["reason"].startswith("tie")


def test_band_is_min_and_max_over_all_reports():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "govdeu", "total": 4},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "total": 9},
                  {"event_id": "DEU-2019-08-19", "source": "unsrc", "women": 1, "children": 1},
                  {"event_id": "DEU-2019-08-19", "source": "ngosrc", "families": 2})
    ev = reconcile(rep, SRC)[0].iloc[0]
    assert (ev["people"], ev["people_low"], ev["people_high"]) == (4.0, 2.0, 9.0)
    assert ev["n_reports"] == 4
    assert bool(ev["disagree"]) is True
    # ngosrc states no number of people, so it comes last despite its authority.
    assert ev["sources"].split(";") == ["govdeu", "unsrc", "mediaa", "ngosrc"]


def test_a_report_with_a_number_beats_one_without_whatever_its_authority():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "govdeu", "families": 2},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "total": 9})
    events, status = reconcile(rep, SRC)
    ev = events.iloc[0]
    assert ev["preferred_source"] == "mediaa"
    assert (ev["people"], ev["people_low"], ev["people_high"]) == (9.0, 9.0, 9.0)
    assert bool(ev["disagree"]) is False
    assert status_of(status, "govdeu")["reason"].startswith("number")


def test_single_report_event_agrees_with_itself():
    ev = reconcile(reports({"event_id": "FRA-2019-03", "date": "2019-03", "source": "govfra", "total": 5}), SRC)[0]
    row = ev.iloc[0]
    assert (row["people"], row["people_low"], row["people_high"], row["n_reports"]) == (5.0, 5.0, 5.0, 1)
    assert bool(row["disagree"]) is False
    assert row["date_precision"] == "month"


def test_every_report_row_is_accounted_for():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "govdeu", "total": 4},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "total": 5},
                  {"event_id": "DEU-2019-08-19", "source": "mediac", "total": 6},
                  {"event_id": "FRA-2019-03", "date": "2019-03", "source": "govfra", "total": 5},
                  {"event_id": "FRA-2019-03", "date": "2019-03", "source": "unsrc", "total": 5},
                  {"event_id": "KAZ-2019-01-06", "source": "mediab", "total": 47})
    events, status = reconcile(rep, SRC)
    assert len(status) == len(rep)
    assert sorted(zip(status["event_id"], status["source"], status["line"])) == \
        sorted(zip(rep["event_id"], rep["source"], rep["line"]))
    assert set(status["status"]) == {"preferred", "superseded"}
    per_event = status.groupby("event_id")["status"].apply(lambda s: (s == "preferred").sum())
    assert (per_event == 1).all() and len(per_event) == len(events) == 3
    preferred = status[status["status"] == "preferred"]
    assert (preferred["reason"] == RULE).all()
    superseded = status[status["status"] == "superseded"]
    assert len(superseded) == 3
    assert all(r.split(":")[0] in ("number", "authority", "breakdown", "recency", "tie") for r in superseded["reason"])
    assert dict(zip(events["event_id"], events["preferred_source"])) == \
        dict(zip(preferred["event_id"], preferred["source"]))


def test_events_are_sorted_by_date_and_the_input_is_not_changed():
    rep = reports({"event_id": "FRA-2020-01-01", "source": "govfra", "total": 1},
                  {"event_id": "DEU-2019-08-19", "source": "govdeu", "total": 4})
    before = rep.copy()
    events, _ = reconcile(rep, SRC)
    assert list(events["event_id"]) == ["DEU-2019-08-19", "FRA-2020-01-01"]
    pd.testing.assert_frame_equal(rep, before)
    assert events["people"].dtype == float


# ---------------------------------------------------------------------------- the partial-date rule
PARTIAL = sources(("monthly", "media", "", "2019-09"), ("yearly", "media", "", "2019"),
                  ("daily", "media", "", "2019-09-15"), ("nextyear", "media", "", "2020"))


@pytest.mark.parametrize("partial", ["monthly", "yearly"])
def test_a_partial_date_never_outranks_a_full_date_it_may_precede(partial):
    rep = reports({"event_id": "DEU-2019-08-19", "source": partial, "total": 9},
                  {"event_id": "DEU-2019-08-19", "source": "daily", "total": 7})
    events, status = reconcile(rep, PARTIAL)
    assert events.iloc[0]["preferred_source"] == "daily"
    assert status_of(status, partial)["reason"].startswith("recency")


def test_a_partial_date_wholly_after_a_full_date_still_wins():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "nextyear", "total": 9},
                  {"event_id": "DEU-2019-08-19", "source": "daily", "total": 7})
    events, _ = reconcile(rep, PARTIAL)
    assert events.iloc[0]["preferred_source"] == "nextyear"


# ---------------------------------------------------------------------------- properties
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KEYS = ["govdeu", "govfra", "aanes", "unsrc", "ngosrc", "research", "mediaa", "mediab", "mediac", "mediayear"]
report_rows = st.lists(
    st.fixed_dictionaries({
        "event_id": st.sampled_from(["DEU-2019-08-19", "FRA-2019-08-25", "IRQ-2019-09-01"]),
        "source": st.sampled_from(KEYS),
        "total": st.one_of(st.none(), st.integers(0, 500)),
        "men": st.one_of(st.none(), st.integers(0, 50)),
        "children": st.one_of(st.none(), st.integers(0, 50)),
        "qualifier": st.sampled_from(["", "about", "at_least", "up_to"]),
    }), min_size=1, max_size=12,
).map(lambda rows: list({(r["event_id"], r["source"]): r for r in rows}.values()))  # (event, source) is a key


def _clean(rows):
    return [{k: v for k, v in r.items() if v is not None} for r in rows]


@settings(max_examples=60, deadline=None)
@given(report_rows, st.randoms(use_true_random=False))
def test_the_order_of_input_rows_never_changes_the_result(rows, rnd):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    a, sa = reconcile(reports(*_clean(rows)), SRC)
    b, sb = reconcile(reports(*_clean(shuffled)), SRC)
    cols = ["event_id", "preferred_source", "people", "people_low", "people_high", "n_reports"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    key = ["event_id", "source", "status", "reason"]
    pd.testing.assert_frame_equal(sa[key].sort_values(key).reset_index(drop=True),
                                  sb[key].sort_values(key).reset_index(drop=True))


@settings(max_examples=60, deadline=None)
@given(report_rows)
def test_one_preferred_report_per_event_and_the_preferred_figure_inside_the_band(rows):
    events, status = reconcile(reports(*_clean(rows)), SRC)
    preferred = status[status["status"] == "preferred"]
    assert sorted(preferred["event_id"]) == sorted(events["event_id"])
    assert len(status) == len(rows)
    sized = events.dropna(subset=["people"])
    assert (sized["people_low"] <= sized["people"]).all() and (sized["people"] <= sized["people_high"]).all()


def test_an_event_takes_the_most_precise_date_its_reports_give():
    rep = reports({"event_id": "DEU-2019-08-19", "source": "govdeu", "total": 4, "date": "2019"},
                  {"event_id": "DEU-2019-08-19", "source": "mediaa", "total": 5, "date": "2019-08-19"},
                  {"event_id": "DEU-2019-08-19", "source": "mediab", "total": 5, "date": "2019-08-20"})
    events, _ = reconcile(rep, SRC)
    ev = events.iloc[0]
    assert ev["preferred_source"] == "govdeu" and ev["people"] == 4  # the figure still follows the rule
    assert ev["date"] == "2019-08-19" and ev["date_precision"] == "day" and ev["year"] == 2019  # the date the best day
