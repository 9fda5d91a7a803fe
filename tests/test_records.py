"""JSON for machines: one static file per state and per event, named in an index, repeating the rows of
the downloaded tables with the edition."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from repatriation import downloads, records
from repatriation.edition import edition
from repatriation.pipeline import run


@pytest.fixture(scope="module")
def made():
    r = run()
    frames = downloads.tables(r)
    ed = edition(r)
    return frames, ed, {path: json.loads(data) for path, data in records.files(frames, ed).items()}


def test_one_file_per_event_of_every_kind_and_per_state_all_in_the_index(made):
    frames, ed, files = made
    every = pd.concat([frames["events"], frames["movements"]])
    index = files["json/index.json"]
    assert index["edition"] == dataclasses.asdict(ed)
    assert sorted(index["events"]) == sorted(every["event_id"])
    assert sorted(index["states"]) == records.state_codes(frames)
    assert {"KAZ", "IRQ", "FRA"} <= set(index["states"]) and "WLD" not in index["states"]
    listed = {f"json/{p}" for p in [*index["events"].values(), *index["states"].values()]}
    assert listed | {"json/index.json"} == set(files)


def test_an_event_file_holds_its_row_reports_and_sources(made):
    frames, _, files = made
    event = files["json/events/KAZ-2019-01-06.json"]
    row = frames["events"].set_index("event_id").loc["KAZ-2019-01-06"]
    assert event["event"]["people"] == int(row["people"]) and event["event"]["counted"] is True
    assert event["event"]["part_of"] is None  # missing values are null, not NaN or ""
    reports = frames["reports"][frames["reports"]["event_id"] == "KAZ-2019-01-06"]
    assert [r["source"] for r in event["reports"]] == list(reports["source"])
    assert {s["key"] for s in event["sources"]} == set(reports["source"])
    assert all(s["url"].startswith("http") for s in event["sources"])


def test_a_state_file_holds_its_figures_events_totals_and_sources(made):
    frames, _, files = made
    state = files["json/states/KAZ.json"]
    row = frames["states"].set_index("country").loc["KAZ"]
    assert state["state"]["people"] == int(row["people"]) and state["state"]["n_events"] == int(row["n_events"])
    ids = [e["event_id"] for e in state["events"]]
    assert ids == sorted(ids) and "KAZ-2019-01-06" in ids
    assert len(state["stated_totals"]) == (frames["stated_totals"]["country"] == "KAZ").sum()
    cited = {k for e in state["events"] for k in e["sources"].split(";")} | {s["source"] for s in state["stated_totals"]}
    assert {s["key"] for s in state["sources"]} == cited


def test_values_are_plain_json():
    assert records.plain(pd.NA) is None and records.plain(float("nan")) is None
    assert type(records.plain(pd.array([2], dtype="Int64")[0])) is int and records.plain("x") == "x"
    df = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x", None]})
    assert records.rows(df) == [{"a": 1, "b": "x"}, {"a": None, "b": None}]
