"""Kinds of movement, and the one rule of what is counted.

The record holds four kinds of movement out of detention (column `kind` of repatriations.csv):

- `repatriation`: people brought to their own state (a flight, a convoy, a hand-over of a state's own
  nationals);
- `transfer`: people moved into another state's custody, not brought home;
- `relocation`: people moved inside Syria;
- `not_carried_out`: a return announced, agreed or attempted that did not take place.

Counting rule: repatriation totals count events of kind `repatriation` only; transfers and relocations
are counted in their own tables; returns not carried out are listed and never counted. An event that is
`part_of` a larger operation of the same kind is a stage or a subset of it and is not counted again.
"""

from __future__ import annotations

import pandas as pd

from .errors import ACROSS, Problem

KINDS = ("repatriation", "transfer", "relocation", "not_carried_out")
COUNTED = ("repatriation", "transfer", "relocation")
KIND_LABELS = {"repatriation": "Repatriation", "transfer": "Transfer into another state's custody",
               "relocation": "Relocation inside Syria", "not_carried_out": "Announced or attempted, not carried out"}
CUSTODY_LABELS = {"nes": "North-east Syria's administration and the SDF", "syrian_government": "Syrian government",
                  "iraq": "Iraq", "turkey": "Turkey", "united_states": "United States", "home_state": "Their own state",
                  "other": "Other", "": "Not stated"}
MOVEMENT_FIX = "correct the row: see the meaning of kind, held_by, handed_to and part_of in data/README.md"


def _col(schema: dict, column: str, table: str = "repatriations") -> str:
    names = [f["name"] for f in schema[table]["fields"]]
    return f"{names.index(column) + 1} ({column})" if column in names else column


def problems(reports: pd.DataFrame, nationalities: pd.DataFrame | None, schema: dict) -> list[Problem]:
    """Rules of the movement columns that span rows or files: one kind per event, `part_of` naming another
    recorded event, and each nationality breakdown belonging to a report row of its event. (Custody
    consistent with the kind is a rule of one row: `checklist`.)"""
    label, found = "repatriations.csv", []
    for event_id, group in reports.groupby("event_id"):
        if group["kind"].nunique() > 1:
            found += [Problem(label, line, _col(schema, "kind"), kind, f"the reports of event {event_id} give different kinds", MOVEMENT_FIX, ACROSS)
                      for line, kind in zip(group["line"], group["kind"])]
    ids = set(reports["event_id"])
    for row in reports.itertuples():
        if row.part_of and (row.part_of == row.event_id or row.part_of not in ids):
            found.append(Problem(label, row.line, _col(schema, "part_of"), row.part_of,
                                 "part_of must name another event_id of repatriations.csv", MOVEMENT_FIX, ACROSS))
    if nationalities is not None and len(nationalities):
        report_keys = set(zip(reports["event_id"], reports["source"]))
        for row in nationalities.itertuples():
            if (row.event_id, row.source) not in report_keys:
                found.append(Problem("nationalities.csv", row.line, _col(schema, "source", "nationalities"),
                                     f"{row.event_id} / {row.source}",
                                     "no report row of repatriations.csv has this event_id and source",
                                     "add the report to repatriations.csv, or correct event_id or source", ACROSS))
    return found


def mark_counted(events: pd.DataFrame) -> pd.DataFrame:
    """Every event with a column `counted`: whether it enters the totals of its kind (`counted`)."""
    keep = set()
    for kind in COUNTED:
        keep |= set(counted(events, kind)["event_id"])
    return events.assign(counted=events["event_id"].isin(keep))


def counted(events: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The events counted in totals of `kind`: that kind, less the stages and subsets of an event of the
    same kind (`part_of`). Returns not carried out are never counted."""
    if kind not in COUNTED:
        raise ValueError(f"{kind!r} is never counted; counted kinds: {COUNTED}")
    of_kind = events[events["kind"] == kind]
    same_kind_parent = of_kind["part_of"].isin(set(of_kind["event_id"]))
    return of_kind[~same_kind_parent]
