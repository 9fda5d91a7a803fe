"""Nothing read from data/ is silently dropped on its way to the outputs."""

from __future__ import annotations


import pandas as pd

from repatriation import export, metrics, pipeline, views


def test_every_report_row_is_in_the_status_table_once():
    r = pipeline.run()
    assert sorted(r.status["line"]) == sorted(r.data.repatriations["line"])
    assert len(r.status) == len(r.data.repatriations)


def test_every_event_of_the_data_is_an_event_of_the_outputs():
    r = pipeline.run()
    assert set(r.movements["event_id"]) == set(r.data.repatriations["event_id"])
    counted = r.movements[r.movements["counted"] & (r.movements["kind"] == "repatriation")]
    assert set(r.events["event_id"]) == set(counted["event_id"])
    assert len(views.events_table(r)) == len(r.events)


def test_every_stated_total_of_a_state_is_compared():
    r = pipeline.run()
    t = metrics.stated_vs_counted(r.events, r.stated)
    assert len(t) == (r.data.stated_totals["country"] != "WLD").sum()


def test_exports_keep_every_row(tmp_path):
    r = pipeline.run()
    for name, frame in export.tables(r).items():  # the tables as export writes them (figures: test_reproducible)
        (tmp_path / name).write_bytes(frame.to_csv(index=False).encode("utf-8"))
    assert len(pd.read_csv(tmp_path / "reports.csv")) == len(r.data.repatriations)
    every_kind = len(pd.read_csv(tmp_path / "events.csv")) + len(pd.read_csv(tmp_path / "movements.csv"))
    assert every_kind == r.data.repatriations["event_id"].nunique()
    assert len(pd.read_csv(tmp_path / "detained.csv")) == len(r.data.detained)
    assert len(pd.read_csv(tmp_path / "stated_totals.csv")) == len(r.data.stated_totals)
    assert len(pd.read_csv(tmp_path / "contingents.csv")) == len(r.data.contingents)
    assert len(pd.read_csv(tmp_path / "sources.csv")) == len(r.data.sources)
    assert len(pd.read_csv(tmp_path / "stated_vs_counted.csv")) == (r.data.stated_totals["country"] != "WLD").sum()


def test_people_are_conserved_between_reports_and_events():
    r = pipeline.run()
    preferred = r.status[r.status["status"] == "preferred"].merge(r.reports, on=["event_id", "source", "line"])
    assert preferred["people"].sum() == r.movements["people"].sum()
    ev = r.movements
    assert ((ev["people_low"] <= ev["people"]) & (ev["people"] <= ev["people_high"]))[ev["people"].notna()].all()
