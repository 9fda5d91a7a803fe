"""Static JSON for machines: one file per state (`json/states/<code>.json`) and per event
(`json/events/<event_id>.json`), and `json/index.json` naming them all. Each file repeats the rows of
the downloaded tables (same column names and types, documented in the data dictionary) and carries
the edition it belongs to."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd

from .edition import Edition

FOLDER = "json"


def plain(value: object) -> object:
    """A frame's value as JSON: None for missing, plain int, float, bool and str."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def rows(df: pd.DataFrame) -> list[dict]:
    """The rows of a typed frame as JSON objects (column: value), in column order."""
    return [{c: plain(v) for c, v in zip(df.columns, row)} for row in df.itertuples(index=False)]


def _dump(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _cited(keys, sources: pd.DataFrame) -> list[dict]:
    wanted = set()
    for k in keys:
        if isinstance(k, str):
            wanted |= set(k.split(";"))
    return rows(sources[sources["key"].isin(wanted)])


def state_codes(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every state with an event of any kind or a stated total (not WLD), sorted."""
    codes = set(tables["events"]["country"]) | set(tables["movements"]["country"]) | set(tables["stated_totals"]["country"])
    return sorted(codes - {"WLD"})


def files(tables: dict[str, pd.DataFrame], edition: Edition) -> dict[str, bytes]:
    """{path: bytes} of every JSON file, from the typed download tables (`downloads.tables`)."""
    meta = dataclasses.asdict(edition)
    every = pd.concat([tables["events"], tables["movements"]], ignore_index=True).sort_values(["event_id"])
    reports, sources, stated = tables["reports"], tables["sources"], tables["stated_totals"]
    out: dict[str, bytes] = {}
    index = {"edition": meta, "states": {}, "events": {}}
    for event in rows(every):
        path = f"{FOLDER}/events/{event['event_id']}.json"
        rep = reports[reports["event_id"] == event["event_id"]]
        out[path] = _dump({"edition": meta, "event": event, "reports": rows(rep),
                           "sources": _cited(rep["source"], sources)})
        index["events"][event["event_id"]] = path.removeprefix(f"{FOLDER}/")
    names = every.drop_duplicates("country").set_index("country")[["country_name", "region"]]
    names = pd.concat([names, stated.drop_duplicates("country").set_index("country")[["country_name", "region"]]])
    names = names[~names.index.duplicated()]
    state_rows = tables["states"].set_index("country", drop=False)
    for code in state_codes(tables):
        state = (rows(state_rows.loc[[code]])[0] if code in state_rows.index
                 else {"country": code, "country_name": names.loc[code, "country_name"], "region": names.loc[code, "region"]})
        ev, st = every[every["country"] == code], stated[stated["country"] == code]
        path = f"{FOLDER}/states/{code}.json"
        out[path] = _dump({"edition": meta, "state": state, "events": rows(ev), "stated_totals": rows(st),
                           "sources": _cited([*ev["sources"], *st["source"]], sources)})
        index["states"][code] = path.removeprefix(f"{FOLDER}/")
    out[f"{FOLDER}/index.json"] = _dump(index)
    return out
