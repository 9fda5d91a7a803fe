"""What changed between editions, by event id, from the data: the events added, changed (old and new
preferred figure and band, kind, date) and removed, and the sources added and removed.

Each released edition is kept in `editions/<version>/` as the downloads it published: `events.csv`
(and, from 0.2.0 on, `movements.csv`) and `sources.csv`, in that edition's own columns. `snapshot`
makes those files for the edition being built, to be committed when it is released; the reader below
accepts every layout so far (0.1.0's events were all repatriations and had no `kind` column).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import ROOT

EDITIONS = ROOT / "editions"
COMPARED = {"kind": "kind", "counted": "counted", "date": "date", "people": "preferred figure",
            "people_low": "band", "people_high": "band"}
NUMBERS = ("people", "people_low", "people_high")
CHANGE_ORDER = {"added": 0, "changed": 1, "removed": 2}


def version_key(version: str) -> tuple[int, ...]:
    """'0.10.1' -> (0, 10, 1), so that versions sort as numbers."""
    return tuple(int(p) for p in version.split("."))


def stored(folder: Path = EDITIONS) -> list[str]:
    """The versions kept in `folder` (sub-folders named like 0.1.0), oldest first."""
    if not folder.is_dir():
        return []
    found = [p.name for p in folder.iterdir() if p.is_dir() and all(x.isdigit() for x in p.name.split("."))]
    return sorted(found, key=version_key)


def previous(version: str, folder: Path = EDITIONS) -> str | None:
    """The latest stored edition older than `version`, or None."""
    older = [v for v in stored(folder) if version_key(v) < version_key(version)]
    return older[-1] if older else None


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def read_events(folder: Path) -> pd.DataFrame:
    """The events an edition published (every kind), with event_id, kind, counted, country, date and the
    preferred figure and band as numbers (NaN where not stated)."""
    parts = [_read(folder / name) for name in ("events.csv", "movements.csv") if (folder / name).exists()]
    ev = pd.concat(parts, ignore_index=True)
    if "kind" not in ev.columns:  # 0.1.0: every event a counted repatriation
        ev["kind"] = "repatriation"
    if "counted" not in ev.columns:
        ev["counted"] = "true"
    ev["counted"] = ev["counted"].str.lower().map({"true": True, "false": False})
    for column in NUMBERS:
        ev[column] = pd.to_numeric(ev[column].replace("", None), errors="raise").astype(float)
    return ev[["event_id", "kind", "counted", "country", "date", *NUMBERS]].sort_values("event_id").reset_index(drop=True)


def read_sources(folder: Path) -> pd.DataFrame:
    """The sources an edition listed: key, title, publisher and date."""
    return _read(folder / "sources.csv")[["key", "title", "publisher", "date"]]


def current_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """This edition's events of every kind (from the typed download tables), in `read_events`' columns."""
    ev = pd.concat([tables["events"], tables["movements"]], ignore_index=True)
    out = ev[["event_id", "kind", "counted", "country", "date", *NUMBERS]].copy()
    out["counted"] = out["counted"].astype(bool)
    for column in NUMBERS:
        out[column] = out[column].astype("Float64").astype(float)
    return out.sort_values("event_id").reset_index(drop=True)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return a == b


def compare(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per event added, changed or removed between two editions' events: `change`, the old and
    new kind, preferred figure (`people`) and band (`people_low`, `people_high`), and `what` changed."""
    both = old.merge(new, on="event_id", how="outer", suffixes=("_old", "_new"), indicator=True)
    rows = []
    for row in both.to_dict("records"):
        if row["_merge"] == "right_only":
            change, what = "added", ""
        elif row["_merge"] == "left_only":
            change, what = "removed", ""
        else:
            differ = [label for column, label in COMPARED.items() if not _same(row[f"{column}_old"], row[f"{column}_new"])]
            if not differ:
                continue
            change, what = "changed", ", ".join(dict.fromkeys(differ))
        rows.append({"event_id": row["event_id"], "change": change, "what": what,
                     **{f"{c}_{side}": row[f"{c}_{side}"] for side in ("old", "new") for c in ("kind", "date", *NUMBERS)}})
    out = pd.DataFrame(rows, columns=["event_id", "change", "what",
                                      *[f"{c}_{s}" for s in ("old", "new") for c in ("kind", "date", *NUMBERS)]])
    return out.sort_values(["change", "event_id"], key=lambda s: s.map(CHANGE_ORDER) if s.name == "change" else s).reset_index(drop=True)


def sources_added(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The sources of `new` whose key `old` does not have, in key order."""
    return new[~new["key"].isin(set(old["key"]))].sort_values("key").reset_index(drop=True)


def sources_removed(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The sources of `old` whose key `new` no longer has, in key order."""
    return old[~old["key"].isin(set(new["key"]))].sort_values("key").reset_index(drop=True)


def snapshot(csvs: dict[str, bytes]) -> dict[str, bytes]:
    """The files to keep in `editions/<version>/` for this edition, from the export's CSV bytes
    ({file name: bytes}): its events, movements and sources, exactly as downloaded."""
    return {name: csvs[name] for name in ("events.csv", "movements.csv", "sources.csv")}


def summary(changes: pd.DataFrame) -> dict[str, int]:
    """How many events were added, changed and removed."""
    counts = changes["change"].value_counts()
    return {c: int(counts.get(c, 0)) for c in CHANGE_ORDER}


def _n(x) -> str:
    return "" if x is None or x != x else f"{int(x):,}"


def band(low, high) -> str:
    """A band for readers: '40', '38–47', '40 or more', 'up to 40', or '–' when nothing is known."""
    lo, hi = _n(low), _n(high)
    if lo and hi:
        return lo if lo == hi else f"{lo}–{hi}"
    if lo:
        return f"{lo} or more"
    return f"up to {hi}" if hi else "–"


def figure(people, low, high, kind: str | None = None) -> str:
    """An event's preferred figure and band for readers: '47 (46–47)', with its kind when not a repatriation."""
    text = f"{_n(people) or 'not stated'} ({band(low, high)})"
    return text if kind in (None, "repatriation") or kind != kind else f"{text}, {kind.replace('_', ' ')}"


def readable(changes: pd.DataFrame, change: str) -> pd.DataFrame:
    """The events of one kind of change (`added`, `changed`, `removed`) as a table for readers."""
    c = changes[changes["change"] == change]
    before = [figure(p, lo, hi, k) for p, lo, hi, k in zip(c["people_old"], c["people_low_old"], c["people_high_old"], c["kind_old"])]
    after = [figure(p, lo, hi, k) for p, lo, hi, k in zip(c["people_new"], c["people_low_new"], c["people_high_new"], c["kind_new"])]
    if change == "added":
        return pd.DataFrame({"Event": c["event_id"], "Date": c["date_new"], "People (band)": after})
    if change == "removed":
        return pd.DataFrame({"Event": c["event_id"], "Date": c["date_old"], "People (band) before": before})
    dates = [o if o == n else f"{o} → {n}" for o, n in zip(c["date_old"], c["date_new"])]
    return pd.DataFrame({"Event": c["event_id"], "What changed": c["what"], "Date": dates,
                         "People (band) before": before, "People (band) now": after})
