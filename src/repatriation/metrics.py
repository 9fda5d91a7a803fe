"""Key figures as tidy DataFrames and plain Python numbers (ready for glue)."""

from __future__ import annotations

import math

import pandas as pd

from .countries import REGIONS
from .pipeline import Results

GROUPS = ("men", "women", "children")


def _int(x) -> int:
    return 0 if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else int(x)


def by_country(events: pd.DataFrame) -> pd.DataFrame:
    """Events and people repatriated per receiving state, with the band over all reports."""
    g = events.groupby(["country", "country_name", "region"], as_index=False).agg(
        events=("event_id", "count"),
        people=("people", "sum"),
        people_low=("people_low", "sum"),
        people_high=("people_high", "sum"),
        men=("men", "sum"), women=("women", "sum"), children=("children", "sum"), orphans=("orphans", "sum"),
        first=("date_start", "min"), last=("date_start", "max"),
    )
    return g.sort_values(["people", "country"], ascending=[False, True]).reset_index(drop=True)


def by_year(events: pd.DataFrame, column: str = "region") -> pd.DataFrame:
    """People repatriated per year and `column` (region or origin), wide, years as rows."""
    t = events.pivot_table(index="year", columns=column, values="people", aggfunc="sum", fill_value=0)
    return t.reindex(columns=[c for c in (REGIONS if column == "region" else sorted(t.columns)) if c in t.columns])


def by_origin(events: pd.DataFrame) -> pd.DataFrame:
    """Events and people by where they came from (Syria, Iraq, elsewhere)."""
    return events.groupby("origin", as_index=False).agg(events=("event_id", "count"), people=("people", "sum")) \
        .sort_values("people", ascending=False).reset_index(drop=True)


def cumulative(events: pd.DataFrame) -> pd.DataFrame:
    """Cumulative people repatriated by quarter and region (quarters as rows)."""
    q = events.assign(quarter=events["date_mid"].dt.to_period("Q"))
    t = q.pivot_table(index="quarter", columns="region", values="people", aggfunc="sum", fill_value=0)
    full = pd.period_range(t.index.min(), t.index.max(), freq="Q")
    t = t.reindex(full, fill_value=0)
    return t.cumsum()[[c for c in REGIONS if c in t.columns]]


def composition(events: pd.DataFrame, min_people: int = 0) -> pd.DataFrame:
    """Men, women and children per country over the events whose preferred report gives all three."""
    full = events.dropna(subset=list(GROUPS))
    g = full.groupby(["country", "country_name", "region"], as_index=False)[list(GROUPS)].sum()
    g["people"] = g[list(GROUPS)].sum(axis=1)
    for c in GROUPS:
        g[f"share_{c}"] = g[c] / g["people"]
    g = g[g["people"] >= min_people]
    return g.sort_values("people", ascending=False).reset_index(drop=True)


def stated_vs_counted(events: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Each stated cumulative total beside the sum of the events counted in the same window."""
    rows = []
    for _, s in stated[stated["country"] != "WLD"].iterrows():
        ev = events[(events["country"] == s["country"]) & (events["date_start"] <= s["as_of_end"])]
        if s["since"]:
            ev = ev[ev["date_start"].dt.year >= int(s["since"][:4])]
        if s["origin"] in ("syria", "iraq"):
            ev = ev[ev["origin"] == s["origin"]]
        elif s["origin"] == "syria_iraq":
            ev = ev[ev["origin"].isin(["syria", "iraq"])]
        stated_n = s["total"] if not pd.isna(s["total"]) else s["children"]
        measure = "people" if not pd.isna(s["total"]) else "children"
        counted = ev["people"].sum() if measure == "people" else ev["children"].sum()
        rows.append({"country": s["country"], "country_name": s["country_name"], "as_of": s["as_of"],
                     "as_of_end": s["as_of_end"], "measure": measure, "stated": stated_n, "qualifier": s["qualifier"],
                     "counted": counted, "events": len(ev), "gap": stated_n - counted, "source": s["source"]})
    return pd.DataFrame(rows)


def latest_stated_vs_counted(events: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """For each country, its latest stated total of people against the events counted up to that date."""
    t = stated_vs_counted(events, stated)
    t = t[t["measure"] == "people"].sort_values(["country", "as_of_end", "stated"])
    return t.groupby("country").tail(1).sort_values("stated", ascending=False).reset_index(drop=True)


def contingent_share(events: pd.DataFrame, contingents: pd.DataFrame) -> pd.DataFrame:
    """People repatriated per 100 who travelled, with the range the contingent estimates allow."""
    tr = contingents[contingents["measure"] == "travelled"]
    lo = tr["low_f"].fillna(tr["value_f"])
    hi = tr["high_f"].fillna(tr["value_f"])
    band = tr.assign(lo=lo, hi=hi).groupby(["country", "country_name", "region"], as_index=False).agg(
        travelled_low=("lo", "min"), travelled_high=("hi", "max"), estimates=("source", "count"))
    rep = events.groupby("country", as_index=False)["people"].sum().rename(columns={"people": "repatriated"})
    t = band.merge(rep, on="country", how="inner")
    t["per100_low"] = 100 * t["repatriated"] / t["travelled_high"]
    t["per100_high"] = 100 * t["repatriated"] / t["travelled_low"]
    t["per100_mid"] = 100 * t["repatriated"] / ((t["travelled_low"] + t["travelled_high"]) / 2)
    return t.sort_values("per100_mid", ascending=False).reset_index(drop=True)


def detained_series(detained: pd.DataFrame, place: str = "al_hol", nationality_group: str = "all",
                    sex_age: str = "all", unit: str = "people") -> pd.DataFrame:
    """One population series: every sourced point, and per month the low and high over sources."""
    d = detained[(detained["place"] == place) & (detained["nationality_group"] == nationality_group)
                 & (detained["sex_age"] == sex_age) & (detained["unit"] == unit)].copy()
    return d.sort_values(["as_of_mid", "source"]).reset_index(drop=True)


def key_figures(r: Results) -> dict:
    """Headline numbers of the report as plain Python numbers and strings."""
    ev = r.events
    full = ev.dropna(subset=list(GROUPS))
    non_iraq = ev[ev["country"] != "IRQ"]
    nf = non_iraq.dropna(subset=list(GROUPS))
    figures = {
        "n_reports": int(len(r.reports)),
        "n_events": int(len(ev)),
        "n_countries": int(ev["country"].nunique()),
        "n_sources": int(len(r.data.sources)),
        "n_events_disagree": int(ev["disagree"].sum()),
        "people": _int(ev["people"].sum()),
        "people_low": _int(ev["people_low"].sum()),
        "people_high": _int(ev["people_high"].sum()),
        "people_non_iraq": _int(non_iraq["people"].sum()),
        "people_iraq": _int(ev.loc[ev["country"] == "IRQ", "people"].sum()),
        "children_stated": _int(ev["children"].sum()),
        "orphans_stated": _int(ev["orphans"].sum()),
        "first_year": int(ev["year"].min()),
        "last_year": int(ev["year"].max()),
        "breakdown_events": int(len(full)),
        "breakdown_people": _int(full[list(GROUPS)].sum().sum()),
        "share_children_pct": float(round(100 * full["children"].sum() / max(1, full[list(GROUPS)].sum().sum()), 1)),
        "share_children_non_iraq_pct": float(round(100 * nf["children"].sum() / max(1, nf[list(GROUPS)].sum().sum()), 1)),
    }
    return figures
