"""State profiles: what the record holds on one receiving state, as plain numbers, sentences and tidy
tables, for every state at once (the book turns them into one page per state).

Every number comes from the cleaned, reconciled and graded results; nothing here knows about HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from . import metrics
from .countries import name as country_name
from .grades import GRADES
from .pipeline import Results
from .views import QUALIFIER_WORDS, own_government, phrase
from .views import long_date as date_words  # one home: a partial date in words

PLACE_LABELS = {
    "al_hol": "al-Hol camp", "roj": "Roj camp", "sdf_prisons": "SDF prisons", "nes_camps": "al-Hol and Roj camps",
    "nes_all": "camps and prisons of north-east Syria", "iraq_prisons": "prisons in Iraq", "syria": "Syria",
    "syria_iraq": "Syria or Iraq",
}
SEX_AGE_LABELS = {"all": "people", "children": "children", "women": "women", "men": "men",
                  "women_children": "women and children"}
ORIGIN_LABELS = {"syria": "Syria", "iraq": "Iraq", "turkey": "Turkey", "afghanistan": "Afghanistan",
                 "libya": "Libya", "other": "elsewhere"}
SOURCE_TYPES = {"government": "government", "un": "UN", "ngo": "NGO", "research": "research", "media": "media"}
MEASURE_WORDS = {"people": "people", "children": "children", "families": "families", "women": "women",
                 "men": "men", "orphans": "orphans"}


@dataclass
class Sentence:
    """One sentence of a profile's headline, with the sources it rests on (source keys)."""

    text: str
    sources: list[str] = field(default_factory=list)


@dataclass
class Profile:
    """What the record holds on one state."""

    code: str
    name: str
    region: str
    facts: dict                      # plain numbers and strings (see `facts`)
    headline: list[Sentence]         # the facts in plain sentences
    events: pd.DataFrame             # its counted repatriation events, in date order
    movements: pd.DataFrame          # every event of every kind of this state, in date order
    reports: dict[str, pd.DataFrame]  # event id -> its reports (`event_reports`), preferred first
    stated: pd.DataFrame             # its stated totals, each beside the events counted for it
    contingents: pd.DataFrame        # estimates of its nationals who travelled, returned or died
    held: pd.DataFrame               # its nationals held, as sourced figures
    transfers: pd.DataFrame          # its nationals among transfers into another state's custody


def _n(x) -> int:
    return 0 if x is None or pd.isna(x) else int(x)


def _stated(values: pd.Series) -> int | None:
    """The sum of the numbers stated, or None when none is stated (never 0 for "not stated")."""
    total = values.sum(min_count=1)
    return None if pd.isna(total) else int(total)


def states(r: Results) -> list[str]:
    """Every state with a record: a movement of any kind received, or a stated total (sorted codes)."""
    codes = set(r.movements["country"]) | set(r.stated["country"])
    return sorted(codes - {"WLD"})


def event_reports(r: Results) -> pd.DataFrame:
    """Every report row with its source (publisher, title, address, date, type) and its status, the
    preferred report of each event first, then by publication date and source key."""
    src = r.data.sources[["key", "organization", "title", "url", "date", "sourcetype"]].rename(
        columns={"key": "source", "date": "published"})
    rep = r.reports.merge(src, on="source", how="left", validate="many_to_one")
    rep = rep.merge(r.status[["event_id", "source", "line", "status", "reason"]], on=["event_id", "source", "line"],
                    how="left", validate="one_to_one")
    rep = rep.assign(_order=(rep["status"] != "preferred").astype(int))
    return rep.sort_values(["event_id", "_order", "published", "source"]).drop(columns="_order").reset_index(drop=True)


def who_stated(sources: pd.DataFrame, key: str, country: str) -> str:
    """Who stated a figure, in words: "the government of X (publisher)" for a government source of that very
    state, else the publisher and the kind of source."""
    row = sources.set_index("key").loc[key]
    if own_government(row, country):
        return f"the government of {country_name(country)} ({row['organization']})"
    return f"{row['organization']} ({SOURCE_TYPES.get(row['sourcetype'], row['sourcetype'])} source)"


def facts(events: pd.DataFrame, latest: pd.Series | None) -> dict:
    """The headline numbers of one state's counted events and its latest stated total, as plain values."""
    known = events.dropna(subset=["people"])
    out = {
        "events": int(len(events)), "unknown_size": int(events["people"].isna().sum()),
        "people": _n(known["people"].sum()), "people_low": _n(events["people_low"].sum()),
        "people_high": _n(events["people_high"].sum()),
        **{g: _stated(events[g]) for g in ("children", "women", "men")},
        "events_with_groups": int(events[["men", "women", "children"]].notna().any(axis=1).sum()),
        "first_date": events["date"].iloc[0] if len(events) else "",
        "first_event": events["event_id"].iloc[0] if len(events) else "",
        "latest_date": events["date"].iloc[-1] if len(events) else "",
        "latest_event": events["event_id"].iloc[-1] if len(events) else "",
        **{f"grade_{g}": int((events["grade"] == g).sum()) for g in GRADES},
        "stated": None, "stated_measure": "", "stated_qualifier": "", "stated_as_of": "", "stated_source": "",
        "stated_counted": None, "coverage_pct": None,
    }
    if latest is not None:
        out.update({"stated": int(latest["stated"]), "stated_measure": latest["measure"],
                    "stated_qualifier": latest["qualifier"] or "", "stated_as_of": latest["as_of"],
                    "stated_source": latest["source"], "stated_counted": int(latest["counted"]),
                    "coverage_pct": int(round(100 * latest["counted"] / latest["stated"])) if latest["stated"] else None})
    return out


OTHER_KINDS = {  # (one, several): how the headline names movements other than counted repatriations
    "transfer": ("transfer into another state's custody", "transfers into another state's custody"),
    "relocation": ("relocation inside Syria", "relocations inside Syria"),
    "not_carried_out": ("return announced or attempted but not carried out",
                        "returns announced or attempted but not carried out"),
    "repatriation": ("stage of a repatriation counted once as a whole", "stages of repatriations counted once as a whole"),
}


def other_movements(others: pd.DataFrame) -> str:
    """'4 transfers into another state's custody, 1 relocation inside Syria': the movements of a state that
    are not among its counted repatriations, by kind, in the order of OTHER_KINDS."""
    counts = others["kind"].value_counts()
    return ", ".join(f"{counts[k]} {OTHER_KINDS[k][int(counts[k] != 1)]}" for k in OTHER_KINDS if k in counts)


def headline(name: str, code: str, f: dict, others: pd.DataFrame, sources: pd.DataFrame) -> list[Sentence]:
    """The facts of one state in plain sentences (numbers from `facts`), each with its sources."""
    out = []
    if f["events"]:
        unknown = f" ({f['unknown_size']} of them of unknown size)" if f["unknown_size"] else ""
        span = (f"on {date_words(f['first_date'])}" if f["first_date"] == f["latest_date"]
                else f"between {date_words(f['first_date'])} and {date_words(f['latest_date'])}")
        plural = "event" if f["events"] == 1 else "events"
        out.append(Sentence(f"The record documents at least {f['people']:,} people repatriated to {name} in "
                            f"{f['events']} {plural}{unknown}, {span}."))
        if f["people_low"] != f["people_high"]:
            out.append(Sentence(f"Over all the reports of these events, the count runs from {f['people_low']:,} "
                                f"to {f['people_high']:,} people."))
        if f["events_with_groups"]:
            named = [f"{f[g]:,} {g}" for g in ("children", "women", "men") if f[g] is not None]
            unstated = [g for g in ("children", "women", "men") if f[g] is None]
            listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
            none = f"; none of them gives a number of {' or '.join(unstated)}" if unstated else ""
            which = f"{f['events_with_groups']} of the {f['events']} {plural}" if f["events"] > 1 else "its one event"
            out.append(Sentence(f"Where the preferred reports say who came home ({which}), they name {listed}{none}."))
        else:
            out.append(Sentence("No preferred report says how many of them were children, women or men."))
    else:
        out.append(Sentence(f"The record documents no repatriation to {name}."))
    if len(others):
        out.append(Sentence(f"It also holds other movements of {name} ({other_movements(others)}), listed below and "
                            "not counted among its repatriations."))
    if f["stated"] is not None:
        who = who_stated(sources, f["stated_source"], code)
        words = QUALIFIER_WORDS.get(f["stated_qualifier"], "")
        measure = MEASURE_WORDS.get(f["stated_measure"], f["stated_measure"])
        out.append(Sentence(f"The latest cumulative total stated for {name} is {words}{f['stated']:,} {measure} as of "
                            f"{date_words(f['stated_as_of'])}, from {who}.", [f["stated_source"]]))
        share = f" ({f['coverage_pct']} per cent)" if f["coverage_pct"] is not None else ""
        out.append(Sentence(f"The events in this record up to that date account for {f['stated_counted']:,} of "
                            f"them{share}."))
    else:
        out.append(Sentence(f"No cumulative total stated by a source for {name} is in the record."))
    if f["events"]:
        grades = ", ".join(f"{f[f'grade_{g}']} graded {g}" for g in GRADES)
        out.append(Sentence(f"Of its {f['events']} {'event' if f['events'] == 1 else 'events'}, {grades}."))
    return out


def held_table(detained: pd.DataFrame, code: str) -> pd.DataFrame:
    """The sourced figures of one state's nationals held, in date order: date, who and where, figure, source."""
    d = detained[(detained["nationality_group"] == "national") & (detained["nationality"] == code)]
    d = d.sort_values(["as_of_mid", "place", "sex_age", "source"])
    return pd.DataFrame({
        "as_of": d["as_of"],
        "who": [f"{SEX_AGE_LABELS.get(s, s)} ({u})" if u != "people" else SEX_AGE_LABELS.get(s, s)
                for s, u in zip(d["sex_age"], d["unit"])],
        "where": [PLACE_LABELS.get(p, p) for p in d["place"]],
        "figure": [phrase(row) for _, row in d.iterrows()],
        "source": d["source"],
    }).reset_index(drop=True)


def contingent_table(contingents: pd.DataFrame, code: str) -> pd.DataFrame:
    """One state's contingent estimates in date order: date, measure, figure, source."""
    c = contingents[contingents["country"] == code].sort_values(["as_of_mid", "measure", "source"])
    return pd.DataFrame({"as_of": c["as_of"], "measure": c["measure"],
                         "figure": [phrase(row) for _, row in c.iterrows()], "source": c["source"]}).reset_index(drop=True)


def transfer_table(r: Results) -> pd.DataFrame:
    """Nationals of each state (`nationality`) among transfers into another state's custody, as each
    report states them, in date order."""
    n = r.data.nationalities
    n = n[n["nationality_group"] == "national"]
    n = n.join(r.movements.set_index("event_id")[["kind", "country", "date"]], on="event_id")
    n = n[n["kind"] == "transfer"].sort_values(["date", "event_id", "source"])
    return pd.DataFrame({
        "nationality": n["nationality"], "event_id": n["event_id"], "date": n["date"],
        "to": [country_name(c) for c in n["country"]],
        "figure": [f"{QUALIFIER_WORDS.get(q, '')}{int(v):,}" for v, q in zip(n["value"], n["qualifier"].fillna(""))],
        "source": n["source"],
    }).reset_index(drop=True)


def chart_series(r: Results, code: str) -> pd.DataFrame:
    """What a state's chart draws: its events and its stated cumulative totals (not of detainees), as
    `metrics.country_series` gives them."""
    return metrics.country_series(r.events, r.stated[r.stated["scope"] != "detainees"], code)


def profiles(r: Results) -> dict[str, Profile]:
    """A profile of every state with a record (`states`), by code; the tables shared by all are computed once."""
    reports = event_reports(r)
    by_event = {eid: g.reset_index(drop=True) for eid, g in reports.groupby("event_id", sort=False)}
    stated_all = metrics.stated_vs_counted(r.events, r.stated)
    latest_all = metrics.latest_stated_vs_counted(r.events, r.stated).set_index("country")
    transfers = transfer_table(r)
    movements = r.movements.sort_values(["date_start", "event_id"])
    events_all = r.events.sort_values(["date_start", "event_id"])
    regions = dict(zip(r.stated["country"], r.stated["region"])) | dict(zip(movements["country"], movements["region"]))
    out = {}
    for code in states(r):
        events = events_all[events_all["country"] == code].reset_index(drop=True)
        moves = movements[movements["country"] == code].reset_index(drop=True)
        f = facts(events, latest_all.loc[code] if code in latest_all.index else None)
        name = country_name(code)
        others = moves[~moves["event_id"].isin(events["event_id"])]
        out[code] = Profile(
            code=code, name=name, region=regions[code], facts=f, headline=headline(name, code, f, others, r.data.sources),
            events=events, movements=moves, reports={e: by_event[e] for e in moves["event_id"]},
            stated=stated_all[stated_all["country"] == code].sort_values(["as_of_end", "source"]).reset_index(drop=True),
            contingents=contingent_table(r.contingents, code), held=held_table(r.detained, code),
            transfers=transfers[transfers["nationality"] == code].reset_index(drop=True),
        )
    return out


def states_table(profiles_: dict[str, Profile]) -> pd.DataFrame:
    """One row per state for the states index: code, name, region, events, people documented, the latest
    stated total (with its measure and date), coverage in per cent, children named, latest return."""
    rows = []
    for code, p in profiles_.items():
        f = p.facts
        rows.append({"code": code, "name": p.name, "region": p.region, "events": f["events"], "people": f["people"],
                     "stated": f["stated"], "stated_qualifier": f["stated_qualifier"],
                     "stated_measure": f["stated_measure"], "stated_as_of": f["stated_as_of"],
                     "coverage_pct": f["coverage_pct"], "children": f["children"], "latest": f["latest_date"]})
    t = pd.DataFrame(rows)
    return t.sort_values(["people", "name"], ascending=[False, True]).reset_index(drop=True)


def number_words(value, qualifier: str = "") -> str:
    """A number as a reader should see it, with its qualifier ('about 1,200'); '–' when not stated."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "–"
    return f"{QUALIFIER_WORDS.get(qualifier or '', '')}{int(value):,}"
