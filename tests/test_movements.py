"""Kinds of movement: transfers, relocations and returns not carried out are recorded, validated and
kept out of repatriation totals by one rule (`repatriation.movements`)."""

from __future__ import annotations

import pandas as pd
import pytest

from fixtures import line_of, with_movements, write_data
from repatriation import movements
from repatriation.errors import DataError
from repatriation.load import load
from repatriation.pipeline import compute


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return compute(write_data(tmp_path_factory.mktemp("plain") / "data"))


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    return compute(write_data(tmp_path_factory.mktemp("moved") / "data", with_movements()))


def test_movements_of_other_kinds_change_no_repatriation_figure(plain, moved):
    pd.testing.assert_frame_equal(plain.events, moved.events)
    assert set(moved.movements["kind"]) == {"repatriation", "transfer", "not_carried_out"}
    assert len(moved.movements) == len(plain.events) + 3


def test_only_repatriations_are_counted_and_a_stage_is_not_counted_twice(moved):
    ev = moved.movements
    assert set(movements.counted(ev, "repatriation")["kind"]) == {"repatriation"}
    transfers = movements.counted(ev, "transfer")
    assert list(transfers["event_id"]) == ["IRQ-2022-06"]
    assert transfers["people"].sum() == 50


def test_a_return_not_carried_out_is_never_counted(moved):
    with pytest.raises(ValueError, match="never counted"):
        movements.counted(moved.movements, "not_carried_out")


def test_a_nationality_breakdown_is_kept_as_stated(moved):
    n = moved.data.nationalities
    assert list(n["value"]) == [12, 50] and list(n["nationality"]) == ["FRA", ""]


def rejects(overrides: dict, file: str, needle: str, column: str, rule: str, tmp_path) -> None:
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", overrides))
    text = overrides[file]
    line = line_of(text, needle)
    hits = [p for p in caught.value.problems if p.file == file and p.line == line and column in p.column and rule in p.rule]
    assert hits, caught.value.report()


def _edit(name: str, old: str, new: str) -> dict:
    base = with_movements()
    assert base[name].count(old) == 1, old
    return {**base, name: base[name].replace(old, new)}


@pytest.mark.parametrize("old, new, needle, column, rule", [
    ("prison,transfer,nes,iraq,,50", "prison,transfer,nes,home_state,,50", "IRQ-2022-06,IRQ,2022-06,",
     "handed_to", "cannot be home_state"),
    ("transfer,nes,iraq,IRQ-2022-06,", "transfer,nes,iraq,IRQ-2099-01,", "IRQ-2022-06-10", "part_of", "another event_id"),
    ("not_carried_out", "turned_back", "AUS-2022-10", "kind", "allowed values"),
    ("transfer,nes,iraq,IRQ-2022-06,", "transfer,rebels,iraq,IRQ-2022-06,", "IRQ-2022-06-10", "held_by", "allowed values"),
])
def test_bad_movement_values_are_rejected_with_file_line_column_and_rule(old, new, needle, column, rule, tmp_path):
    overrides = _edit("repatriations.csv", old, new)
    rejects(overrides, "repatriations.csv", needle, column, rule, tmp_path)


def test_a_repatriation_handed_to_another_state_is_rejected(tmp_path):
    overrides = _edit("repatriations.csv", "USA-2020-10,USA,2020-10,,syria,,,repatriation,,,",
                      "USA-2020-10,USA,2020-10,,syria,,,repatriation,,iraq,")
    rejects(overrides, "repatriations.csv", "USA-2020-10", "handed_to", "home_state or empty", tmp_path)


def test_reports_of_one_event_must_agree_on_its_kind(tmp_path):
    base = with_movements()
    row = next(line for line in base["repatriations.csv"].splitlines() if line.startswith("AUS-2022-10"))
    second = row.replace("ngosrc", "unsrc").replace("not_carried_out", "repatriation")
    overrides = {**base, "repatriations.csv": base["repatriations.csv"] + second + "\n"}
    rejects(overrides, "repatriations.csv", "AUS-2022-10,AUS,2022-10,,syria,Roj,camp,repatriation", "kind",
            "different kinds", tmp_path)


def test_a_relocation_must_be_inside_syria(tmp_path):
    overrides = _edit("repatriations.csv", "camp,not_carried_out", "camp,relocation")
    rejects(overrides, "repatriations.csv", "AUS-2022-10", "country", "inside Syria", tmp_path)


def test_a_breakdown_must_belong_to_a_report_row(tmp_path):
    overrides = _edit("nationalities.csv", "IRQ-2022-06,unsrc,national", "IRQ-2022-06,ngosrc,national")
    rejects(overrides, "nationalities.csv", "IRQ-2022-06,ngosrc", "source", "no report row", tmp_path)


def test_a_national_breakdown_needs_its_nationality(tmp_path):
    overrides = _edit("nationalities.csv", "national,FRA,12", "national,,12")
    rejects(overrides, "nationalities.csv", "national,,12", "nationality", "exactly when", tmp_path)


def test_people_on_one_flight_are_counted_under_one_state_only():
    """The Kazakh woman and three children on the Chechen-organised flight of 1 September 2017 are part of
    that flight's event, counted once, under Russia (review of 0.1.0, item 3)."""
    from repatriation.pipeline import run

    r = run()
    assert "KAZ-2017-09-01" not in set(r.events["event_id"]) and "RUS-2017-09-01" in set(r.events["event_id"])
    counted = r.movements[r.movements["counted"]]
    parents = counted[counted["part_of"] != ""]
    same_kind = parents.merge(counted, left_on="part_of", right_on="event_id", suffixes=("", "_parent"))
    assert (same_kind["kind"] != same_kind["kind_parent"]).all(), "a counted event inside a counted event of its kind"
