"""Key figures as tidy DataFrames and plain Python numbers (ready for glue)."""

from __future__ import annotations

import math

import pandas as pd

from .countries import REGIONS
from .dates import parse_date
from .grades import relayed_from
from .pipeline import Results

GROUPS = ("men", "women", "children")


def _int(x) -> int:
    return 0 if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else int(x)


def _stated_sum(values: pd.Series) -> float:
    """The sum of the stated values, or NaN when none is stated (never 0 for "not stated")."""
    return values.sum(min_count=1)


def by_country(events: pd.DataFrame) -> pd.DataFrame:
    """Events and people repatriated per receiving state, with the band over all reports."""
    g = events.groupby(["country", "country_name", "region"], as_index=False).agg(
        events=("event_id", "count"),
        people=("people", "sum"),
        people_low=("people_low", "sum"),
        people_high=("people_high", "sum"),
        men=("men", _stated_sum), women=("women", _stated_sum), children=("children", _stated_sum),
        orphans=("orphans", _stated_sum), first=("date_start", "min"), last=("date_start", "max"),
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


def event_groups(events: pd.DataFrame) -> pd.DataFrame:
    """Per event: men, women, children and `not_stated`, accounting for every person of the preferred figure.

    A group the report leaves out counts as zero only when the stated groups already make up the
    event's people (a flight of "30 children" and nothing else); otherwise the people the report does
    not place in a group are `not_stated`. Events of unknown size are left out.
    """
    ev = events.dropna(subset=["people"]).copy()
    stated = ev[list(GROUPS)].fillna(0)
    ev[list(GROUPS)] = stated
    ev["not_stated"] = (ev["people"] - stated.sum(axis=1)).clip(lower=0)
    return ev


def composition(events: pd.DataFrame, min_people: int = 0) -> pd.DataFrame:
    """Men, women, children and people not placed in a group, per country, with shares of the people."""
    parts = list(GROUPS) + ["not_stated"]
    g = event_groups(events).groupby(["country", "country_name", "region"], as_index=False)[parts].sum()
    g["people"] = g[parts].sum(axis=1)
    for c in parts:
        g[f"share_{c}"] = g[c] / g["people"]
    g = g[g["people"] >= min_people]
    return g.sort_values(["people", "country"], ascending=[False, True]).reset_index(drop=True)


MEASURES = (("total", "people"), ("children", "children"), ("families", "families"), ("women", "women"),
            ("men", "men"), ("orphans", "orphans"))


def _in_scope(events: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Events of a stated total's scope: `detainees` are events out of prisons (`held_in`), `camps` all others."""
    prison = events["held_in"] == "prison"
    if scope == "detainees":
        return events[prison]
    if scope == "camps":
        return events[~prison]
    return events


def is_annual(stated: pd.DataFrame) -> pd.Series:
    """Stated totals of one year only (a `since` in the same year as `as_of`), not cumulative ones."""
    return (stated["since"].fillna("") != "") & (stated["since"].fillna("").str[:4] == stated["as_of"].str[:4])


def stated_vs_counted(events: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Each stated cumulative total beside the sum of the events counted in the same window and scope.

    The measure compared is the total of people when the source states one, else its children, else
    its families, and the events are summed on the same measure. Annual figures (a `since` in the same
    year as `as_of`) are compared with the events of that window like any other.

    Window: an event counts toward a total when it certainly took place by the date the total refers
    to, that is when the last day its date may stand for (`date_last`: the day itself, or the end of
    its month or year) is on or before the last day of the total's `as_of`. A convoy dated only
    "December 2025" is therefore not counted against a total stated on 28 December 2025, and one of
    29 December never is. With a `since`, the event must also start on or after its first day.
    """
    rows = []
    stated = stated.assign(annual=is_annual(stated))
    for _, s in stated[stated["country"] != "WLD"].iterrows():
        ev = _in_scope(events[events["country"] == s["country"]], s["scope"])
        ev = ev[ev["date_last"] <= s["as_of_end"]]
        if s["since"]:
            ev = ev[ev["date_start"] >= pd.Timestamp(parse_date(s["since"]).start)]
        if s["origin"] in ("syria", "iraq"):
            ev = ev[ev["origin"] == s["origin"]]
        elif s["origin"] == "syria_iraq":
            ev = ev[ev["origin"].isin(["syria", "iraq"])]
        column, measure = next((c, m) for c, m in MEASURES if not pd.isna(s[c]))  # validation: at least one
        counted_col = "people" if measure == "people" else measure
        rows.append({"country": s["country"], "country_name": s["country_name"], "as_of": s["as_of"],
                     "as_of_end": s["as_of_end"], "since": s["since"], "scope": s["scope"], "annual": bool(s["annual"]),
                     "measure": measure, "stated": float(s[column]), "qualifier": s["qualifier"],
                     "counted": float(ev[counted_col].sum()), "events": len(ev), "source": s["source"]})
    t = pd.DataFrame(rows)
    t["gap"] = t["stated"] - t["counted"]
    return t


def latest_stated_vs_counted(events: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """For each country, its latest cumulative repatriation total (not of detainees, not a count of returns by
    any route, not of one year only) against the events counted."""
    t = stated_vs_counted(events, stated)
    t = t[~t["scope"].isin(["detainees", "any_return"]) & ~t["annual"] & t["measure"].isin(["people", "children"])]
    t = t.sort_values(["country", "as_of_end", "stated"])
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


def country_series(events: pd.DataFrame, stated: pd.DataFrame, country: str) -> pd.DataFrame:
    """One state's events (kind `event`: people per event in date order, and their running sum) and its
    stated cumulative totals (kind `stated`), in one tidy frame: what `charts.country_events` draws.

    Events are ordered by their middle date, the date they are drawn at, so the running sum never
    steps backwards; events of unknown size are left out; so are stated totals of one year only
    (`is_annual`), which are not cumulative."""
    ev = events[(events["country"] == country) & events["people"].notna()].sort_values(["date_mid", "event_id"])
    rows = pd.DataFrame({"kind": "event", "id": ev["event_id"], "date": ev["date"], "date_mid": ev["date_mid"],
                         "people": ev["people"], "running_sum": ev["people"].cumsum()})
    st = stated[(stated["country"] == country) & stated["total"].notna() & ~is_annual(stated)].sort_values("as_of_mid")
    marks = pd.DataFrame({"kind": "stated", "id": st["source"], "date": st["as_of"], "date_mid": st["as_of_mid"],
                          "people": st["total"].astype(float), "running_sum": float("nan")})
    return pd.concat([rows, marks], ignore_index=True)


def population_groups(detained: pd.DataFrame, series: list[tuple[str, str, str]]) -> pd.DataFrame:
    """The sourced points of several population series, each (place, nationality group, label), all
    people of every sex and age, in date order: what `charts.population_groups` draws."""
    parts = [detained_series(detained, place, group).assign(label=label) for place, group, label in series]
    return pd.concat(parts, ignore_index=True)[["label", "place", "nationality_group", "as_of", "as_of_mid", "estimate", "source"]]


def held_in(events: pd.DataFrame, place: str) -> pd.DataFrame:
    """The events out of one kind of place (`camp`, `prison`, `other`, or `""` for not stated)."""
    return events[events["held_in"] == place]


def data_to(r: Results) -> str:
    """The date of the latest record, as precise as it is known (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`): the
    latest date any row refers to, over every table (an event's date, a total's or a figure's as_of)."""
    dates = [*r.data.repatriations["date"], *r.data.stated_totals["as_of"], *r.data.detained["as_of"],
             *r.data.contingents["as_of"]]
    return max(dates, key=lambda d: (parse_date(d).end, parse_date(d).start))


def round_down(n: float, to: int = 100) -> int:
    """`n` rounded down to a multiple of `to`: a floor stays a floor when it is rounded."""
    return int(n // to * to)


def key_figures(r: Results) -> dict:
    """Headline numbers of the report as plain Python numbers and strings."""
    ev = r.events
    groups = event_groups(ev)
    non_iraq = ev[ev["country"] != "IRQ"]
    placed = groups[groups["not_stated"] == 0]
    placed_non_iraq = placed[placed["country"] != "IRQ"]
    figures = {
        "n_reports": int(len(r.reports)),
        "n_events": int(len(ev)),
        "n_countries": int(ev["country"].nunique()),
        "n_sources": int(len(r.data.sources)),
        "n_events_disagree": int(ev["disagree"].sum()),
        "people": _int(ev["people"].sum()),
        "people_low": _int(ev["people_low"].sum()),
        "people_floor": round_down(_int(ev["people"].sum())),
        "people_high": _int(ev["people_high"].sum()),
        "people_non_iraq": _int(non_iraq["people"].sum()),
        "people_iraq": _int(ev.loc[ev["country"] == "IRQ", "people"].sum()),
        "iraq_pct": round(100 * ev.loc[ev["country"] == "IRQ", "people"].sum() / max(1.0, ev["people"].sum())),
        "children_stated": _int(ev["children"].sum()),
        "orphans_stated": _int(ev["orphans"].sum()),
        "first_year": int(ev["year"].min()),
        "last_year": int(ev["year"].max()),
        "n_events_unknown_size": int(ev["people"].isna().sum()),
        "breakdown_events": int(len(placed)),
        "breakdown_people": _int(placed["people"].sum()),
        "share_children_pct": float(round(100 * placed["children"].sum() / max(1, placed["people"].sum()), 1)),
        "share_children_non_iraq_pct": float(round(100 * placed_non_iraq["children"].sum() / max(1, placed_non_iraq["people"].sum()), 1)),
    }
    return figures


def by_region(events: pd.DataFrame) -> pd.DataFrame:
    """Per report region: states, events, people, median event size and the share of children."""
    groups = event_groups(events)
    t = groups.groupby("region").agg(
        states=("country", "nunique"), events=("event_id", "count"), people=("people", "sum"),
        median_event=("people", "median"), children=("children", "sum"), not_stated=("not_stated", "sum"))
    placed = t["people"] - t["not_stated"]
    # a share of children only where the reports place at least half of the people in a group
    t["children_pct"] = (100 * t["children"] / placed).where(placed >= 0.5 * t["people"])
    t = t.reindex([r for r in REGIONS if r in t.index])
    return t.reset_index()


def people_in_year(events: pd.DataFrame, country: str, year: int) -> int:
    """People in one state's events of one year (preferred figure per event)."""
    ev = events[(events["country"] == country) & (events["year"] == year)]
    return _int(ev["people"].sum())


def origin_shares(events: pd.DataFrame) -> dict:
    """People and events by origin as plain numbers: Syria, Iraq, and everywhere else together."""
    t = by_origin(events).set_index("origin")
    total = float(t["people"].sum())
    get = lambda o, c: float(t[c].get(o, 0.0))
    other = [o for o in t.index if o not in ("syria", "iraq")]
    return {
        "syria_people": _int(get("syria", "people")), "syria_events": _int(get("syria", "events")),
        "iraq_people": _int(get("iraq", "people")), "iraq_events": _int(get("iraq", "events")),
        "other_people": _int(t.loc[other, "people"].sum()), "other_events": _int(t.loc[other, "events"].sum()),
        "syria_pct": round(100 * get("syria", "people") / total, 1) if total else 0.0,
    }


FULL_COVERAGE = 0.95


def coverage(latest: pd.DataFrame) -> dict:
    """How much of the latest stated totals the counted events cover (plain numbers)."""
    ratio = latest["counted"] / latest["stated"]
    return {
        "states": int(len(latest)),
        "full_threshold_pct": int(round(100 * FULL_COVERAGE)),
        "full": int((ratio >= FULL_COVERAGE).sum()),
        "under_half": int((ratio < 0.5).sum()),
        "median_pct": float(round(100 * ratio.median(), 0)),
    }


def yearly_peak(events: pd.DataFrame, exclude: tuple[str, ...] = ()) -> dict:
    """The year with most people repatriated (optionally leaving some states out), and that number."""
    ev = events[~events["country"].isin(exclude)]
    per_year = ev.groupby("year")["people"].sum()
    return {"year": int(per_year.idxmax()), "people": _int(per_year.max())}


def _placed_outside_iraq(events: pd.DataFrame) -> pd.DataFrame:
    """Events of states other than Iraq whose preferred report places everyone in a group."""
    groups = event_groups(events[events["country"] != "IRQ"])
    return groups[groups["not_stated"] == 0]


def children_figures(r: Results) -> dict:
    """Children in the record as plain numbers: shares, children-only events, orphans, returns from Iraq."""
    placed = _placed_outside_iraq(r.events)
    only_children = placed[(placed["children"] > 0) & (placed["men"] == 0) & (placed["women"] == 0)]
    from_iraq = placed[placed["origin"] == "iraq"]
    adults = placed["men"].sum() + placed["women"].sum()
    return {
        "events": int(len(placed)), "people": _int(placed["people"].sum()),
        "children": _int(placed["children"].sum()), "women": _int(placed["women"].sum()), "men": _int(placed["men"].sum()),
        "children_pct": float(round(100 * placed["children"].sum() / max(1, placed["people"].sum()), 1)),
        "children_per_adult": float(round(placed["children"].sum() / max(1, adults), 1)),
        "only_children_events": int(len(only_children)), "only_children": _int(only_children["children"].sum()),
        "only_children_pct": float(round(100 * len(only_children) / max(1, len(placed)), 1)),
        "iraq_events": int(len(from_iraq)), "iraq_children": _int(from_iraq["children"].sum()),
        "iraq_children_pct": float(round(100 * from_iraq["children"].sum() / max(1, from_iraq["people"].sum()), 1)),
        "orphans": _int(r.events["orphans"].sum()), "orphan_events": int(r.events["orphans"].gt(0).sum()),
    }


def children_by_state(events: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Children repatriated per receiving state from one origin, over events that place everyone in a group."""
    placed = _placed_outside_iraq(events)
    placed = placed[placed["origin"] == origin]
    t = placed.groupby("country_name", as_index=False)["children"].sum()
    return t.sort_values(["children", "country_name"], ascending=[False, True]).reset_index(drop=True)


REGION_KEYS = {
    "Iraq": "iraq", "Central Asia, Russia and the Caucasus": "casia", "Western Balkans": "balkans",
    "Europe, North America and Oceania": "west", "Middle East and North Africa": "mena",
    "Sub-Saharan Africa": "africa", "South and South-East Asia": "asia", "Latin America and the Caribbean": "latam",
}


def region_figures(events: pd.DataFrame) -> dict:
    """Per region, as plain numbers keyed `<region>_<measure>`: states, events, people, median event, children %."""
    out = {}
    t = by_region(events)
    non_syria = events[events["origin"] != "syria"].groupby("region")["people"].sum()
    for _, row in t.iterrows():
        key = REGION_KEYS[row["region"]]
        out[f"{key}_states"] = int(row["states"])
        out[f"{key}_events"] = int(row["events"])
        out[f"{key}_people"] = _int(row["people"])
        out[f"{key}_median"] = float(row["median_event"])
        out[f"{key}_children_pct"] = float(round(row["children_pct"], 0)) if not pd.isna(row["children_pct"]) else 0.0
        out[f"{key}_non_syria_pct"] = float(round(100 * non_syria.get(row["region"], 0.0) / max(1.0, row["people"]), 0))
    return out


def data_quality(r: Results) -> dict:
    """Counts that describe the record's uncertainty (plain numbers for glue)."""
    rep = r.data.repatriations
    s = r.data.sources
    reprints = s["note"].map(lambda note: relayed_from(note) is not None)  # the grades' rule: one home
    return {
        "reports": int(len(rep)),
        "events": int(len(r.events)),
        "multi_report_events": int((r.events["n_reports"] > 1).sum()),
        "disagree": int(r.events["disagree"].sum()),
        "qualified_reports": int((rep["qualifier"] != "").sum()),
        "month_or_year": int((r.reports["date_precision"] != "day").sum()),
        "day_precision_pct": float(round(100 * (r.reports["date_precision"] == "day").mean(), 0)),
        "superseded": int((r.status["status"] == "superseded").sum()),
        "sources": int(len(s)), "reprints": int(reprints.sum()),
        "non_english": int((s["language"].fillna("en").str[:2] != "en").sum()),
        "unknown_size": int(r.events["people"].isna().sum()),
    }


