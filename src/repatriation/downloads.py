"""The tables an analyst downloads, by file stem, each in its documented types (`columns`, `typed`): the
same frames become the CSVs, the workbook's sheets and the JSON files."""

from __future__ import annotations

import pandas as pd

from . import metrics
from .dates import parse_date
from .pipeline import Results
from .typed import typed, with_date_parts

EVENT_COLUMNS = ["event_id", "kind", "counted", "part_of", "country", "country_name", "region", "date",
                 "date_precision", "origin", "facility", "held_in", "held_by", "handed_to", "operation",
                 "men", "women", "children", "orphans", "families", "total", "people", "people_basis", "qualifier",
                 "people_low", "people_high", "n_reports", "preferred_source", "preferred_authority", "sources", "grade"]
REPORT_COLUMNS = ["line", "event_id", "source", "status", "reason", "kind", "part_of", "country", "country_name",
                  "region", "date", "date_precision", "date_end", "origin", "facility", "held_in", "held_by",
                  "handed_to", "operation", "men", "women", "children", "orphans", "families", "total", "qualifier",
                  "people", "people_basis", "people_low", "people_high", "note"]
RANGE_COLUMNS = ["as_of", "as_of_precision", "value", "low", "high", "qualifier", "estimate", "estimate_basis",
                 "source", "note"]
GROUPS = ("men", "women", "children", "orphans")

DESCRIPTIONS = {
    "events": "Every repatriation event, one row each: the preferred report's figures, the band over all its reports and every source. `counted` is false for an event that is a stage or subset of a larger repatriation (its people are in the larger one).",
    "movements": "Every movement that is not a repatriation (transfers into another state's custody, relocations inside Syria, returns that were not carried out), one row per event, in the same columns as events.",
    "reports": "Every report of every event, one row per row of data/repatriations.csv, with the numbers as that report states them and whether it gives its event's figure (preferred) or not (superseded), and why.",
    "states": "Per receiving state: the counted repatriation events, the people (sum of preferred figures) and the band.",
    "stated_totals": "Every cumulative total stated by a source (governments, the UN, NGOs), as stated.",
    "stated_vs_counted": "Every stated total (except those of all states together) beside the sum of the events this record counts in the same window, scope, origin and measure, and the gap.",
    "detained": "Detained populations over time (al-Hol, Roj, prisons), one sourced number per row.",
    "contingents": "People who travelled to Syria and Iraq (and who returned or died), by country of origin, one sourced number per row.",
    "contingent_share": "People repatriated per 100 who travelled, with the range the contingent estimates allow.",
    "sources": "Every source of the record: one row per entry of data/sources.bib, with the number of data rows that cite it.",
}


def events(r: Results) -> pd.DataFrame:
    """Every repatriation event (counted or not), in the events columns with year, month and day."""
    ev = r.movements[r.movements["kind"] == "repatriation"][EVENT_COLUMNS]
    return typed(with_date_parts(ev, "date"), "events")


def movements(r: Results) -> pd.DataFrame:
    """Every movement that is not a repatriation, in the same columns as `events`."""
    mv = r.movements[r.movements["kind"] != "repatriation"][EVENT_COLUMNS]
    return typed(with_date_parts(mv, "date"), "movements")


def reports(r: Results) -> pd.DataFrame:
    """Every report row with its status and reason, the numbers as that report states them."""
    raw = r.data.repatriations[["line", "date_end"]]
    rep = r.reports.drop(columns=["date_end"]).merge(raw, on="line", how="left")
    rep = rep.merge(r.status[["line", "status", "reason"]], on="line", how="left").sort_values(["event_id", "line"])
    return typed(with_date_parts(rep[REPORT_COLUMNS], "date"), "reports")


def states(r: Results) -> pd.DataFrame:
    """Per receiving state: counted events, people and band; a group's sum is empty where no event states it."""
    t = metrics.by_country(r.events).drop(columns=["first", "last"]).rename(columns={"events": "n_events"})
    stated = r.events.groupby("country")[list(GROUPS)].count()
    for g in GROUPS:
        t[g] = t[g].where(t["country"].map(stated[g]) > 0)
    return typed(t, "states")


def stated_totals(r: Results) -> pd.DataFrame:
    """Every stated total as stated, with the country's name and the parts of `as_of`."""
    s = r.stated[["line", "country", "country_name", "region", "since", "as_of", "as_of_precision", "origin", "scope",
                  "men", "women", "children", "orphans", "families", "total", "qualifier", "source", "note"]]
    return typed(with_date_parts(s, "as_of"), "stated_totals")


def stated_vs_counted(r: Results) -> pd.DataFrame:
    """Each stated total beside the events counted on its measure, scope and window, and the gap."""
    t = metrics.stated_vs_counted(r.events, r.stated).drop(columns=["as_of_end"])
    t = t.rename(columns={"counted": "events_sum", "events": "n_events"})
    t = t[["country", "country_name", "since", "as_of", "scope", "annual", "measure", "stated", "qualifier",
           "events_sum", "n_events", "gap", "source"]]
    t.insert(t.columns.get_loc("as_of") + 1, "as_of_precision", [parse_date(d).precision for d in t["as_of"]])
    return typed(with_date_parts(t, "as_of"), "stated_vs_counted")


def detained(r: Results) -> pd.DataFrame:
    """Detained populations: one sourced number per row, with date parts and a point estimate."""
    d = r.detained[["line", "place", "nationality_group", "nationality", "sex_age", "unit", *RANGE_COLUMNS]]
    return typed(with_date_parts(d, "as_of"), "detained")


def contingents(r: Results) -> pd.DataFrame:
    """Contingents who travelled (and returned or died), one sourced number per row."""
    c = r.contingents[["line", "country", "country_name", "region", "measure", *RANGE_COLUMNS]]
    return typed(with_date_parts(c, "as_of"), "contingents")


def contingent_share(r: Results) -> pd.DataFrame:
    """People repatriated per 100 who travelled, rounded to what the estimates support."""
    t = metrics.contingent_share(r.events, r.contingents).rename(columns={"estimates": "n_estimates"})
    return typed(t, "contingent_share")


def sources(r: Results) -> pd.DataFrame:
    """Every source (key, title, publisher, date, type, language, address...) and how many rows cite it."""
    s = r.data.sources
    cited = pd.concat([r.data.table(t)["source"] for t in ("repatriations", "nationalities", "stated_totals",
                                                           "detained", "contingents")]).value_counts()
    t = pd.DataFrame({
        "key": s["key"], "title": s["title"],
        "publisher": [a or o for a, o in zip(s["author"], s["organization"])],
        "date": s["date"], "date_precision": [parse_date(d).precision if parse_date(d) else None for d in s["date"]],
        "type": s["sourcetype"], "language": s["language"], "url": s["url"], "accessed": s["urldate"],
        "jurisdiction": s["jurisdiction"], "note": s["note"],
        "n_rows": [int(cited.get(k, 0)) for k in s["key"]],
    }).sort_values("key")
    return typed(t, "sources")


TABLES = {"events": events, "movements": movements, "reports": reports, "states": states,
          "stated_totals": stated_totals, "stated_vs_counted": stated_vs_counted, "detained": detained,
          "contingents": contingents, "contingent_share": contingent_share, "sources": sources}


def tables(r: Results) -> dict[str, pd.DataFrame]:
    """Every downloaded table, by file stem, typed."""
    return {stem: make(r) for stem, make in TABLES.items()}
