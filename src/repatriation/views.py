"""Reader-facing views: the tables and phrases that chapters and the appendix show, built from the
cleaned data and the figures in `metrics`."""

from __future__ import annotations

import pandas as pd

from . import metrics
from .metrics import _int, stated_vs_counted
from .pipeline import Results


def top_list(table: pd.DataFrame, n: int = 5, label: str = "country_name", value: str = "people") -> str:
    """'A (1,234), B (567)...' for the first n rows: a phrase for prose, built in code."""
    items = [f"{row[label]} ({int(row[value]):,})" for _, row in table.head(n).iterrows()]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


QUALIFIER_WORDS = {"": "", "about": "about ", "at_least": "at least ", "more_than": "more than ", "up_to": "up to "}



def phrase(row) -> str:
    """A figure as a reader should see it: its qualifier and number, or its range ('about 10,000', '400 to 500')."""
    if pd.isna(row.get("value")) and not pd.isna(row.get("low")):
        return f"{int(row['low']):,} to {int(row['high']):,}"
    return f"{QUALIFIER_WORDS[row['qualifier']]}{int(row['estimate']):,}"



def long_date(text: str) -> str:
    """A partial ISO date in words, as precise as it is: '2026-03-12' -> '12 March 2026', '2026-03' ->
    'March 2026', '2026' -> '2026'."""
    parts = [int(x) for x in str(text).split("-")]
    month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    if len(parts) == 3:
        return f"{parts[2]} {month[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{month[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def latest_movement(r: Results, kind: str, facility: str | None = None) -> pd.Series:
    """The latest counted event of one kind (optionally out of one facility), by its last possible day."""
    ev = r.movements[(r.movements["kind"] == kind) & r.movements["counted"]]
    if facility is not None:
        ev = ev[ev["facility"].fillna("").str.contains(facility, regex=False)]
    return ev.sort_values(["date_last", "event_id"]).iloc[-1]


def series_points(series: pd.DataFrame) -> dict:
    """Peak, first and latest sourced point of a population series (plain values and phrases for glue)."""
    s = series.dropna(subset=["estimate"]).sort_values(["as_of_mid", "estimate"])
    points = {"peak": s.loc[s["estimate"].idxmax()], "first": s.iloc[0], "last": s.iloc[-1]}
    out = {"n_points": int(len(s)), "n_sources": int(s["source"].nunique())}
    for name, row in points.items():
        out[name] = int(row["estimate"])
        out[f"{name}_text"] = phrase(row)
        out[f"{name}_date"] = row["as_of_mid"].strftime("%B %Y")
        out[f"{name}_source"] = row["source"]
    return out



SOURCE_TYPES = {"government": "Government or local administration", "un": "UN body", "ngo": "NGO",
                "research": "Research institute", "media": "News media"}
CRITERIA = {"number": "The preferred report states a number", "authority": "The preferred source speaks with more authority",
            "breakdown": "The preferred report gives men, women and children", "recency": "The preferred report is later",
            "tie": "Equal rank: the first by source key"}
SCOPES = {"all": "every return", "camps": "families from the camps", "detainees": "detainees from prisons",
          "any_return": "returns by any route (not compared)"}
ORIGINS = {"syria": "Syria", "iraq": "Iraq", "turkey": "Turkey", "libya": "Libya", "afghanistan": "Afghanistan",
           "other": "elsewhere"}


def sources_by_type(r: Results) -> pd.DataFrame:
    """Sources, and the report rows citing them, by type of source (government, UN, NGO, research, media)."""
    s = r.data.sources
    rows = pd.concat([r.data.table(t)[["source"]] for t in ("repatriations", "stated_totals", "detained", "contingents")])
    cited = rows.merge(s[["key", "sourcetype"]], left_on="source", right_on="key")
    t = pd.DataFrame({"sources": s.groupby("sourcetype")["key"].count(), "rows": cited.groupby("sourcetype")["key"].count()})
    order = ["government", "un", "ngo", "research", "media"]
    t = t.reindex([o for o in order if o in t.index]).fillna(0).astype(int).reset_index(names="sourcetype")
    return t.assign(sourcetype=t["sourcetype"].map(SOURCE_TYPES))



def superseded_reasons(r: Results) -> pd.DataFrame:
    """How many report rows were superseded, by the criterion that decided."""
    s = r.status[r.status["status"] == "superseded"]
    kind = s["reason"].str.split(":").str[0].map(CRITERIA)
    return kind.value_counts().rename_axis("criterion").reset_index(name="reports")



def event_reports(r: Results, event_id: str) -> pd.DataFrame:
    """Every report of one event with its source's publisher, date and type, and its status."""
    rep = r.reports[r.reports["event_id"] == event_id].merge(
        r.data.sources[["key", "organization", "date", "sourcetype"]].rename(columns={"date": "published"}),
        left_on="source", right_on="key")
    rep = rep.merge(r.status[["source", "event_id", "status", "reason"]], on=["event_id", "source"])
    return rep.sort_values(["published", "source"]).reset_index(drop=True)



def repeated_figures(r: Results, source: str) -> pd.DataFrame:
    """The detained-population figures a source gives, each with the other sources that give a figure for
    the same place, group, date and unit (`first_sources`): for a repeated figure, where it came from."""
    d = r.detained
    rows = []
    for _, row in d[d["source"] == source].iterrows():
        same = d[(d["place"] == row["place"]) & (d["nationality_group"] == row["nationality_group"])
                 & (d["nationality"] == row["nationality"]) & (d["sex_age"] == row["sex_age"])
                 & (d["unit"] == row["unit"]) & (d["as_of"] == row["as_of"]) & (d["source"] != source)]
        rows.append({**row.to_dict(), "first_sources": ";".join(sorted(same["source"]))})
    return pd.DataFrame(rows)



def country_events(r: Results, country: str) -> pd.DataFrame:
    """One state's events in date order: date, operation, origin, groups, people and the number of reports."""
    ev = r.events[r.events["country"] == country]
    return ev.sort_values("date_start")[["event_id", "date", "operation", "origin", "facility", "held_in", "men", "women",
                                         "children", "people", "people_low", "people_high", "n_reports",
                                         "preferred_source", "sources"]].reset_index(drop=True)



def stated_for(r: Results, country: str) -> pd.DataFrame:
    """One state's stated totals beside the events counted for each (see stated_vs_counted)."""
    t = stated_vs_counted(r.events, r.stated)
    return t[t["country"] == country].sort_values(["as_of_end", "source"]).reset_index(drop=True)



HELD_LABELS = {
    ("nes_camps", "non_syrian"): "Non-Syrians (Iraqis included), al-Hol and Roj",
    ("nes_all", "non_syrian"): "Non-Syrians (Iraqis included), camps and prisons",
    ("nes_camps", "third_country"): "Third-country nationals, al-Hol and Roj",
    ("nes_all", "foreign_unspecified"): "Foreigners (definition not stated), camps and prisons",
    ("nes_camps", "foreign_unspecified"): "Foreigners (definition not stated), al-Hol and Roj",
}



def headline_held(detained: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The headline 'foreigners held' figures (people, all ages), each with the group and places it covers and
    its source's key (`Source`, for a citation)."""
    d = detained[(detained["sex_age"] == "all") & (detained["unit"] == "people")]
    keys = list(zip(d["place"], d["nationality_group"]))
    d = d[[k in HELD_LABELS for k in keys]].sort_values(["as_of_mid", "source"])
    return pd.DataFrame({
        "Date": d["as_of"], "Who and where": [HELD_LABELS[(p, g)] for p, g in zip(d["place"], d["nationality_group"])],
        "Figure": [phrase(row) for _, row in d.iterrows()],
        "Source": list(d["source"]),
    }).reset_index(drop=True)



STATED_BY = {"government": "another government or a local authority", "un": "UN", "ngo": "NGO",
             "research": "research", "media": "news report"}


def own_government(row: pd.Series, country: str) -> bool:
    """Whether a source (a row of the sources table) is a government source of `country` itself: the one
    rule behind calling a figure "official" or "stated by the government of ..."."""
    return row["sourcetype"] == "government" and row["jurisdiction"] == country


def stated_by(sources: pd.DataFrame, key: str, country: str) -> str:
    """Who stated a total: its publisher and what kind of source it is; "official" only when the source
    is a government source of that very state ("Ministry of Foreign Affairs of Kazakhstan, official")."""
    row = sources.set_index("key").loc[key]
    kind = "official" if own_government(row, country) else STATED_BY[row["sourcetype"]]
    return f"{row['organization']}, {kind}"


def with_stated_totals(r: Results, countries: pd.DataFrame) -> pd.DataFrame:
    """States (rows of metrics.by_country) with their latest stated repatriation total in words: the
    figure, who stated it and the date it refers to ("about 700 (the government of Kazakhstan, 2025-09)"),
    or "none in the record"."""
    latest = metrics.latest_stated_vs_counted(r.events, r.stated).set_index("country")
    words = []
    for c in countries["country"]:
        if c not in latest.index:
            words.append("none in the record")
            continue
        s = latest.loc[c]
        figure = phrase({"value": s["stated"], "qualifier": s["qualifier"], "estimate": s["stated"]})
        measure = "" if s["measure"] == "people" else f" {s['measure']}"
        words.append(f"{figure}{measure} ({stated_by(r.data.sources, s['source'], c)}, {s['as_of']})")
    return countries.assign(stated_total=words)


def source_label(sources: pd.DataFrame, key: str) -> str:
    """'Publisher, year' for a source key, as the author-year citations show it."""
    row = sources.loc[sources["key"] == key].iloc[0]
    return f"{row['author'] or row['organization']}, {row['year']}"



def contingent_sources(contingents: pd.DataFrame, countries: list[str]) -> list[str]:
    """The sources of the 'travelled' estimates of the given states."""
    c = contingents[(contingents["measure"] == "travelled") & contingents["country"].isin(countries)]
    return sorted(set(c["source"]))



ORIGIN_WORDS = {"syria": "Syria", "iraq": "Iraq", "syria_iraq": "Syria and Iraq", "all": "anywhere"}


def global_children_totals(r: Results) -> pd.DataFrame:
    """Stated totals of children repatriated to all receiving states (country WLD) from Syria, Iraq, both or
    anywhere, covering everyone there (scope `all`): each distinct figure once, with every source that gives
    it. Figures for one group of camps or for Libya alone are left out: they are not totals across all states."""
    s = r.stated[(r.stated["country"] == "WLD") & r.stated["children"].notna() & (r.stated["scope"] == "all")
                 & r.stated["origin"].isin(list(ORIGIN_WORDS))].sort_values(["as_of_end", "source"])
    rows = []
    for (since, as_of, origin, children, qualifier), g in s.groupby(
            ["since", "as_of", "origin", "children", "qualifier"], sort=False, dropna=False):
        rows.append({
            "Period": (since if since == as_of else f"{since} to {as_of}") if since else f"up to {as_of}",
            "From": ORIGIN_WORDS[origin],
            "Children": phrase({"value": children, "low": None, "qualifier": qualifier, "estimate": children}),
            "Sources": ";".join(g["source"]),
        })
    return pd.DataFrame(rows, columns=["Period", "From", "Children", "Sources"])


def events_table(r: Results) -> pd.DataFrame:
    """Every event for the appendix: id (with its date), state and origin, groups, preferred figure, band, and
    the keys of its sources, preferred first (the book cites them)."""
    ev = r.events
    num = lambda v: "–" if pd.isna(v) else f"{int(v):,}"
    return pd.DataFrame({
        "Event": ev["event_id"],
        "State": ev["country_name"],
        "From": ev["origin"].map(ORIGINS),
        "Operation": ev["operation"].fillna(""),
        "Children / women / men": [f"{num(c)} / {num(w)} / {num(m)}" for c, w, m in zip(ev["children"], ev["women"], ev["men"])],
        "People": [num(v) for v in ev["people"]],
        "Band": [("" if pd.isna(lo) else (f"{int(lo):,}" if lo == hi else f"{int(lo):,}–{int(hi):,}"))
                 for lo, hi in zip(ev["people_low"], ev["people_high"])],
        "Sources (preferred first)": list(ev["sources"]),
    })



def one_per_publisher(sources: pd.DataFrame, keys) -> list[str]:
    """The latest source of each publisher among `keys`: enough to cite in prose when a table names them all."""
    s = sources[sources["key"].isin(set(keys))].sort_values(["organization", "date", "key"])
    return list(s.groupby("organization")["key"].last())
