"""After al-Hol: what moved in 2025 and 2026, where to and in whose custody, and who remained held.

Tables for the chapter on 2025 and 2026, usable on their own. They read the pipeline's results and
keep what the sources say side by side:

- `other_movements`: transfers, relocations and returns not carried out, with the preferred figure, the
  band over all reports, custody before and after, and whether the event is counted in the totals of
  its kind (the rule is `movements.counted`; repatriation totals never include these events);
- `movements_by_month`: people per month and kind, counted by that same rule;
- `breakdowns`: a movement's nationality breakdown as each source states it, never summed;
- `latest_points`: the latest population figure of chosen series, every source of that date kept;
- `states_that_repatriated`: the states with a counted repatriation since a given year;
- `milestones` and `chronology`: the turning points the sources report and a dated list of events
  and population figures;
- `..._table`: the same as a reader's tables (short names, dates in words, sources by publisher).

A milestone (the government's takeover of al-Hol, its closure) is a turning point that no data row
records as a number; its date is the publication date of the sources whose titles report it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import countries
from .dates import parse_date
from .movements import COUNTED, CUSTODY_LABELS, KIND_LABELS, KINDS, counted
from .pipeline import Results
from .phrases import alternatives, date_text, figure_text, joined
from .views import QUALIFIER_WORDS, phrase, source_label

PLACE_LABELS = {"al_hol": "al-Hol camp", "roj": "Roj camp", "sdf_prisons": "Prisons run by the SDF",
                "iraq_prisons": "Prisons in Iraq", "nes_camps": "al-Hol and Roj", "syria": "Syria, anywhere",
                "nes_all": "Camps and prisons of the north-east", "syria_iraq": "Syria and Iraq"}
GROUP_LABELS = {"all": "everyone", "syrian": "Syrians", "iraqi": "Iraqis", "third_country": "third-country nationals",
                "non_syrian": "non-Syrians (Iraqis included)", "foreign_unspecified": "foreigners (definition not stated)"}


@dataclass(frozen=True)
class Milestone:
    """A turning point the sources report: a name, a label and a short label in the project's words, and the
    sources whose titles report it."""

    name: str
    label: str
    short: str
    sources: tuple[str, ...]


MILESTONES = (
    Milestone("takeover", "Government forces take over al-Hol, the day after the SDF withdrew", "al-Hol taken over",
              ("okaz2026alhol", "startribune2026alhol")),
    Milestone("closure_planned", "Reports say the government intends to close al-Hol and Roj", "Closure planned",
              ("stepagency2026roj",)),
    Milestone("closure", "al-Hol declared closed", "al-Hol closed", ("shafaq2026closes", "alaraby2026hol")),
)

# The population series the chapter follows (place, nationality group, sex and age, unit, label).
POPULATIONS = [("al_hol", "all", "all", "people", "al-Hol camp"),
               ("roj", "all", "all", "people", "Roj camp"),
               ("sdf_prisons", "all", "all", "people", "Prisons run by the SDF"),
               ("iraq_prisons", "all", "all", "people", "Prisons in Iraq: people moved from Syria (running count)")]

# Where people were held at the end of the record: the series of `held_table` (as in `latest_points`).
WHERE_HELD = [("al_hol", "all", "all", "people", "al-Hol camp: everyone"),
              ("al_hol", "all", "all", "families", "al-Hol camp: families"),
              ("al_hol", "iraqi", "all", "people", "al-Hol camp: Iraqis"),
              ("al_hol", "third_country", "all", "families", "al-Hol camp: third-country families"),
              ("syria", "iraqi", "all", "people", "Syria, anywhere: Iraqis"),
              ("roj", "all", "all", "people", "Roj camp: everyone"),
              ("roj", "third_country", "all", "families", "Roj camp: third-country families"),
              ("roj", "iraqi", "all", "families", "Roj camp: Iraqi families"),
              ("roj", "syrian", "all", "families", "Roj camp: Syrian families"),
              ("sdf_prisons", "all", "all", "people", "Prisons run by the SDF: everyone"),
              ("iraq_prisons", "all", "all", "people", "Prisons in Iraq: people moved from Syria in 2026")]

# Short names for the reader's tables.
COUNTED_IN = {"transfer": "Transfers", "relocation": "Relocations"}
KIND_SHORT = {"repatriation": "Repatriation", "transfer": "Transfer", "relocation": "Relocation",
              "not_carried_out": "Not carried out"}
CUSTODY_SHORT = {"nes": "North-east (SDF)", "syrian_government": "Syrian government", "iraq": "Iraq",
                 "turkey": "Turkey", "united_states": "United States", "home_state": "Own state", "other": "Other",
                 "": "not stated"}


def milestones(sources: pd.DataFrame, marks: tuple[Milestone, ...] = MILESTONES) -> pd.DataFrame:
    """The milestones (`MILESTONES`, or `marks`) with their date: the publication date of their sources,
    which must agree. A milestone none of whose sources is in the bibliography is left out (another data
    folder, such as a test's, has other sources); one with only some of them is refused."""
    s = sources.set_index("key")
    rows = []
    for m in marks:
        found = [k in s.index for k in m.sources]
        if not any(found):
            continue
        if not all(found):
            raise ValueError(f"milestone {m.name}: sources not in the bibliography: "
                             f"{[k for k, ok in zip(m.sources, found) if not ok]}")
        dates = {str(s.loc[k, "date"]) for k in m.sources}
        if len(dates) != 1:
            raise ValueError(f"the sources of milestone {m.name} give different dates: {sorted(dates)}")
        day = dates.pop()
        rows.append({"name": m.name, "label": m.label, "short": m.short, "date": day, "date_text": date_text(day),
                     "date_mid": pd.Timestamp(parse_date(day).middle), "sources": ";".join(m.sources)})
    return pd.DataFrame(rows, columns=["name", "label", "short", "date", "date_text", "date_mid", "sources"])


def milestone(sources: pd.DataFrame, name: str) -> pd.Series:
    """One milestone by name (see `milestones`)."""
    found = milestones(sources)
    return found[found["name"] == name].iloc[0]


def custody(reports: pd.DataFrame, event_id: str, column: str) -> str:
    """Who held the people (`held_by`) or took them (`handed_to`), as the event's reports state it: one
    label, or several joined by 'or' where reports differ; 'Not stated' where no report says."""
    stated = [v for v in dict.fromkeys(reports.loc[reports["event_id"] == event_id, column]) if v]
    return " or ".join(CUSTODY_LABELS[v] for v in stated) if stated else CUSTODY_LABELS[""]


def _operation_end(r: Results, events: pd.DataFrame) -> list[str]:
    """The last day of each event's operation, as its preferred report gives it (`date_end`), or ''."""
    preferred = r.status[r.status["status"] == "preferred"].set_index("event_id")["line"]
    raw = r.data.repatriations.set_index("line")["date_end"]
    return [raw.get(preferred.get(e), "") or "" for e in events["event_id"]]


def other_movements(r: Results, since: str = "2024") -> pd.DataFrame:
    """Every movement other than a repatriation dated from `since` on (transfers, relocations, returns
    not carried out), in date order: the preferred figure and its band, custody before and after,
    whether it is counted in the totals of its kind, and its sources (preferred first)."""
    m = r.movements
    m = m[(m["kind"] != "repatriation") & (m["date_start"] >= pd.Timestamp(since))].sort_values(["date_start", "event_id"])
    ends = _operation_end(r, m)
    out = pd.DataFrame({
        "event_id": m["event_id"].to_numpy(),
        "kind": m["kind"].to_numpy(),
        "kind_label": [KIND_LABELS[k] for k in m["kind"]],
        "date": m["date"].to_numpy(),
        "date_end": ends,
        "when": [date_text(d) + (f" to {date_text(e)}" if e else "") for d, e in zip(m["date"], ends)],
        "country": m["country"].to_numpy(),
        "country_name": m["country_name"].to_numpy(),
        "facility": m["facility"].fillna("").to_numpy(),
        "held_by": [custody(r.reports, e, "held_by") for e in m["event_id"]],
        "handed_to": ["Not carried out: no change" if k == "not_carried_out" else custody(r.reports, e, "handed_to")
                      for e, k in zip(m["event_id"], m["kind"])],
        "part_of": m["part_of"].to_numpy(),
        "counted": m["counted"].to_numpy(dtype=bool),
        "people": m["people"].to_numpy(),
        "qualifier": m["qualifier"].to_numpy(),
        "people_low": m["people_low"].to_numpy(),
        "people_high": m["people_high"].to_numpy(),
        "families": m["families"].to_numpy(),
        "figure": [figure_text(p, q, lo, hi) for p, q, lo, hi in
                   zip(m["people"], m["qualifier"], m["people_low"], m["people_high"])],
        "n_reports": m["n_reports"].to_numpy(),
        "preferred_source": m["preferred_source"].to_numpy(),
        "sources": m["sources"].to_numpy(),
    })
    return out.reset_index(drop=True)


def movements_by_month(movements: pd.DataFrame, since: str = "2025") -> pd.DataFrame:
    """People and events per month and kind from `since` on, each kind counted by the one rule
    (`movements.counted`: a stage or subset of an event of the same kind is not counted again); returns
    not carried out, never counted, are summed as announced. An event is placed in the month it started;
    `no_number` counts the events whose reports state no number of people."""
    m = movements[movements["date_start"] >= pd.Timestamp(since)]
    parts = [counted(m, k) for k in COUNTED] + [m[m["kind"] == "not_carried_out"]]
    chosen = pd.concat(parts, ignore_index=True)
    months = pd.period_range(pd.Timestamp(since), movements["date_start"].max(), freq="M") if len(m) else []
    rows = []
    for kind in KINDS:
        of_kind = chosen[chosen["kind"] == kind]
        month = of_kind["date_start"].dt.to_period("M")
        for p in months:
            here = of_kind[month == p]
            rows.append({"month": p, "kind": kind, "events": int(len(here)),
                         "people": float(here["people"].sum()), "no_number": int(here["people"].isna().sum())})
    return pd.DataFrame(rows, columns=["month", "kind", "events", "people", "no_number"])


def _nationality_label(group: str, code: str) -> str:
    if group == "national":
        return countries.name(code)
    return GROUP_LABELS.get(group, group).capitalize()


def breakdowns(r: Results, event_id: str) -> pd.DataFrame:
    """The nationality breakdown of one movement as each report states it, one row per report and
    nationality (or group), with the report's publisher and publication date. Never summed: reports
    that disagree stay side by side."""
    n = r.data.nationalities
    n = n[n["event_id"] == event_id].merge(
        r.data.sources[["key", "organization", "date"]].rename(columns={"key": "source", "date": "published"}), on="source")
    out = n.assign(label=[_nationality_label(g, c) for g, c in zip(n["nationality_group"], n["nationality"])],
                   figure=[f"{QUALIFIER_WORDS[q]}{int(v):,}" for v, q in zip(n["value"], n["qualifier"])])
    return out[["event_id", "source", "organization", "published", "nationality_group", "nationality", "label",
                "value", "qualifier", "figure"]].reset_index(drop=True)


def breakdown_table(r: Results, event_id: str) -> pd.DataFrame:
    """One row per nationality (or group) and distinct figure stated for it, with the reports that
    give it: the disagreements of `breakdowns` read at a glance, largest nationalities first."""
    b = breakdowns(r, event_id)
    if b.empty:
        return pd.DataFrame(columns=["Nationality or group", "Figure stated", "Reports", "Sources"])
    order = b.groupby("label")["value"].max().sort_values(ascending=False, kind="stable")
    rows = []
    for label in order.index:
        of = b[b["label"] == label]
        for figure, same in sorted(of.groupby("figure"), key=lambda kv: -kv[1]["value"].max()):
            keys = sorted(same["source"])
            rows.append({"Nationality or group": label, "Figure stated": figure, "Reports": len(keys),
                         "Sources": "; ".join(dict.fromkeys(source_label(r.data.sources, k) for k in keys)),
                         "keys": ";".join(keys)})
    return pd.DataFrame(rows)


def latest_points(detained: pd.DataFrame, series: list[tuple[str, str, str, str, str]],
                  since: str | None = None) -> pd.DataFrame:
    """For each series (place, nationality group, sex and age, unit, label), its figures on the latest
    date it has (by the middle of the period a figure refers to), every source of that date kept; from
    `since` on when given. A series with no figure gives no row."""
    rows = []
    for place, group, sex_age, unit, label in series:
        d = detained[(detained["place"] == place) & (detained["nationality_group"] == group)
                     & (detained["sex_age"] == sex_age) & (detained["unit"] == unit)]
        if since is not None:
            d = d[d["as_of_mid"] >= pd.Timestamp(since)]
        if d.empty:
            continue
        last = d[d["as_of_mid"] == d["as_of_mid"].max()].sort_values("source")
        for _, row in last.iterrows():
            rows.append({"label": label, "place": place, "nationality_group": group, "sex_age": sex_age, "unit": unit,
                         "as_of": row["as_of"], "as_of_text": date_text(row["as_of"]), "as_of_mid": row["as_of_mid"],
                         "estimate": row["estimate"], "figure": f"{phrase(row)} {unit}", "source": row["source"]})
    return pd.DataFrame(rows, columns=["label", "place", "nationality_group", "sex_age", "unit", "as_of", "as_of_text",
                                       "as_of_mid", "estimate", "figure", "source"])


def states_that_repatriated(events: pd.DataFrame, since: int = 2025) -> pd.DataFrame:
    """The receiving states with a counted repatriation from the year `since` on: events, people (the
    preferred figure per event, summed), the band over reports, events of unknown size, first and last
    date, and the sources; most people first."""
    ev = events[(events["kind"] == "repatriation") & (events["year"] >= since)].sort_values("date_start")
    rows = []
    for code, g in ev.groupby("country"):
        rows.append({"country": code, "country_name": g["country_name"].iloc[0], "events": int(len(g)),
                     "people": float(g["people"].sum()), "people_low": float(g["people_low"].sum()),
                     "people_high": float(g["people_high"].sum()), "no_number": int(g["people"].isna().sum()),
                     "first": g["date"].iloc[0], "last": g["date"].iloc[-1],
                     "sources": ";".join(dict.fromkeys(";".join(g["sources"]).split(";")))})
    out = pd.DataFrame(rows, columns=["country", "country_name", "events", "people", "people_low", "people_high",
                                      "no_number", "first", "last", "sources"])
    return out.sort_values(["people", "country"], ascending=[False, True]).reset_index(drop=True)


def population_points(r: Results, since: str = "2024", marks: tuple[Milestone, ...] = MILESTONES) -> pd.DataFrame:
    """The points of the population series the chapter follows (`POPULATIONS`) from `since` on (kind
    `point`), and the milestones (`marks`) as dated marks (kind `mark`): what `charts.after_populations`
    draws."""
    d = r.detained
    parts = []
    for place, group, sex_age, unit, label in POPULATIONS:
        s = d[(d["place"] == place) & (d["nationality_group"] == group) & (d["sex_age"] == sex_age)
              & (d["unit"] == unit) & (d["as_of_mid"] >= pd.Timestamp(since))].sort_values(["as_of_mid", "source"])
        parts.append(pd.DataFrame({"kind": "point", "label": label, "place": place, "date": s["as_of"],
                                   "date_mid": s["as_of_mid"], "precision": s["as_of_precision"], "estimate": s["estimate"],
                                   "qualifier": s["qualifier"], "source": s["source"]}))
    dated = milestones(r.data.sources, marks)
    parts.append(pd.DataFrame({"kind": "mark", "label": dated["short"], "place": "", "date": dated["date"],
                               "date_mid": dated["date_mid"], "precision": "day", "estimate": float("nan"), "qualifier": "",
                               "source": dated["sources"]}))
    return pd.concat(parts, ignore_index=True)


def _movement_what(row: pd.Series) -> str:
    where = f" from {row['facility']}" if row["facility"] else ""
    if row["kind"] == "repatriation":
        what = f"Repatriation to {row['country_name']}{where}"
    elif row["kind"] == "transfer":
        what = f"Transfer{where} into the custody of {row['country_name']}"
    elif row["kind"] == "relocation":
        what = f"Relocation inside Syria{where}"
    else:
        what = f"Return to {row['country_name']}{where} announced or attempted, not carried out"
    return what + (f" (part of {row['part_of']})" if row["part_of"] else "") + f" [{row['event_id']}]"


def _sources_text(sources: pd.DataFrame, keys: list[str]) -> str:
    first = source_label(sources, keys[0])
    return first if len(keys) == 1 else f"{first} and {len(keys) - 1} other report{'s' if len(keys) > 2 else ''}"


def chronology(r: Results, since: str, places: tuple[str, ...] = ("al_hol", "roj")) -> pd.DataFrame:
    """A dated list from `since` on, of what is known to the day: the milestones, every movement of
    every kind, and the population figures of `places` (everyone, in people or families), each with its
    sources (the preferred or first one named). Same-day figures of one place are one row."""
    start, src = pd.Timestamp(since), r.data.sources
    rows = []
    for _, m in milestones(src).iterrows():
        if m["date_mid"] >= start:
            keys = m["sources"].split(";")
            rows.append({"date": m["date"], "what": m["label"], "figure": "", "keys": ";".join(keys),
                         "sources": _sources_text(src, keys)})
    mv = r.movements
    mv = mv[(mv["date_start"] >= start) & (mv["date_precision"] == "day")]
    for _, m in mv.sort_values(["date_start", "event_id"]).iterrows():
        keys = m["sources"].split(";")
        rows.append({"date": m["date"], "what": _movement_what(m), "keys": ";".join(keys),
                     "figure": figure_text(m["people"], m["qualifier"], m["people_low"], m["people_high"]),
                     "sources": _sources_text(src, keys)})
    d = r.detained
    d = d[d["place"].isin(places) & (d["nationality_group"] == "all") & (d["sex_age"] == "all")
          & (d["as_of_mid"] >= start) & (d["as_of_precision"] == "day")]
    for (day, place), g in d.sort_values(["unit", "source"], ascending=[False, True]).groupby(["as_of", "place"], sort=True):
        figures = list(dict.fromkeys(f"{phrase(row)} {row['unit']}" for _, row in g.iterrows()))
        keys = list(g["source"])
        rows.append({"date": day, "what": f"{PLACE_LABELS[place]}: population", "figure": "; ".join(figures),
                     "keys": ";".join(keys), "sources": _sources_text(src, keys)})
    out = pd.DataFrame(rows, columns=["date", "what", "figure", "keys", "sources"])
    out["order"] = range(len(out))
    return out.sort_values(["date", "order"], kind="stable").drop(columns="order").reset_index(drop=True)


def stated_by_reports(reports: pd.DataFrame, event_id: str, column: str) -> tuple[str, list[str]]:
    """What an event's reports state in one count column (`total`, `families`...): the alternatives
    (see `alternatives`) and the keys of the reports that state one."""
    rep = reports[(reports["event_id"] == event_id) & reports[column].notna()]
    return alternatives(rep[column], rep["qualifier"]), sorted(rep["source"])


def breakdown_figures(b: pd.DataFrame, label: str) -> tuple[str, list[str]]:
    """The figures a breakdown (`breakdowns`) gives for one nationality or group, and their sources."""
    rows = b[b["label"] == label]
    return alternatives(rows["value"], rows["qualifier"]), sorted(set(rows["source"]))


def disagreeing_days(series: pd.DataFrame) -> pd.DataFrame:
    """The dates on which a population series (`metrics.detained_series`) has two or more different
    figures, with the figures (see `alternatives`) and their sources."""
    rows = []
    for as_of, g in series.groupby("as_of", sort=True):
        if g["estimate"].nunique() > 1:
            rows.append({"as_of": as_of, "as_of_text": date_text(as_of), "figures": alternatives(g["estimate"], g["qualifier"]),
                         "sources": ";".join(sorted(g["source"]))})
    return pd.DataFrame(rows, columns=["as_of", "as_of_text", "figures", "sources"])


def stated_since(stated: pd.DataFrame, country: str, scope: str, since: str) -> pd.DataFrame:
    """A state's stated cumulative totals of people (`total`) of one scope whose date is from `since` on,
    in date order, each with its phrase and date as a reader says them; a figure repeated on one date
    by several sources is one row, with all its sources."""
    s = stated[(stated["country"] == country) & (stated["scope"] == scope) & stated["total"].notna()
               & (stated["as_of_start"] >= pd.Timestamp(since))].copy()
    s["figure"] = [f"{QUALIFIER_WORDS[q]}{int(v):,}" for v, q in zip(s["total"], s["qualifier"])]
    out = (s.sort_values(["as_of_mid", "source"]).groupby(["as_of_mid", "as_of", "figure"], sort=True)["source"]
           .agg(";".join).reset_index())
    out["as_of_text"] = [date_text(d) for d in out["as_of"]]
    return out[["as_of", "as_of_text", "figure", "source"]]


def _labels(sources: pd.DataFrame, keys: str) -> str:
    keys = keys.split(";")
    labels = list(dict.fromkeys(source_label(sources, k) for k in keys))
    return "; ".join(labels[:2]) + (f" and {len(labels) - 2} more" if len(labels) > 2 else "")


def _custody_short(reports: pd.DataFrame, event_id: str, column: str) -> str:
    stated = [v for v in dict.fromkeys(reports.loc[reports["event_id"] == event_id, column]) if v]
    return " or ".join(CUSTODY_SHORT[v] for v in stated) if stated else CUSTODY_SHORT[""]


def other_movements_table(r: Results, since: str = "2024") -> pd.DataFrame:
    """`other_movements` as a reader's table: when; the movement (kind, from where, custody before and
    after in short names, event id); the figure; where it is counted; and its sources (publishers, the
    preferred first)."""
    o = other_movements(r, since)
    counted_in = ["Never" if k == "not_carried_out" else (COUNTED_IN[k] if c else f"Not again: part of {p}")
                  for k, c, p in zip(o["kind"], o["counted"], o["part_of"])]
    movement = []
    for e, k, f in zip(o["event_id"], o["kind"], o["facility"]):
        before = _custody_short(r.reports, e, "held_by")
        if k != "not_carried_out":
            custody = f"{before} → {_custody_short(r.reports, e, 'handed_to')}"
        else:
            custody = "custody not stated" if before == CUSTODY_SHORT[""] else f"held by {before}"
        movement.append(f"{KIND_SHORT[k]}{f' from {f}' if f else ', place not stated'} — {custody} ({e})")
    return pd.DataFrame({"When": o["when"], "Movement": movement, "People": o["figure"], "Counted in": counted_in,
                         "Sources": [_labels(r.data.sources, s) for s in o["sources"]]})


def states_table(r: Results, since: int = 2025) -> pd.DataFrame:
    """`states_that_repatriated` as a reader's table: state, events, people and band, first and last date."""
    s = states_that_repatriated(r.events, since)
    band = [f"{int(lo):,}" if lo == hi else f"{int(lo):,} to {int(hi):,}" for lo, hi in zip(s["people_low"], s["people_high"])]
    return pd.DataFrame({
        "State": s["country_name"], "Events": s["events"],
        "People (preferred report)": [f"{int(p):,}" + (f" (+{n} of unknown size)" if n else "") for p, n in zip(s["people"], s["no_number"])],
        "Over all reports": band,
        "First": [date_text(d) for d in s["first"]], "Last": [date_text(d) for d in s["last"]],
    })


def held_table(r: Results, since: str = "2026") -> pd.DataFrame:
    """The latest figure of each series of `WHERE_HELD` from `since` on, as a reader's table."""
    p = latest_points(r.detained, WHERE_HELD, since)
    return pd.DataFrame({"Where, who": p["label"], "Figure": p["figure"], "As of": p["as_of_text"],
                         "Source": [source_label(r.data.sources, k) for k in p["source"]]})


def chronology_table(r: Results, since: str) -> pd.DataFrame:
    """`chronology` as a reader's table: date, what happened or was counted, the figure, the sources."""
    c = chronology(r, since)
    return pd.DataFrame({"Date": [date_text(d) for d in c["date"]], "What": c["what"], "Figure": c["figure"],
                         "Sources": c["sources"]})


def figures_on(detained: pd.DataFrame, place: str, group: str, day: str, unit: str = "people") -> tuple[str, list[str]]:
    """The figures of one place and nationality group (everyone, all ages) that refer to one date
    (see `alternatives`), and their sources; empty when there are none."""
    d = detained[(detained["place"] == place) & (detained["nationality_group"] == group) & (detained["sex_age"] == "all")
                 & (detained["unit"] == unit) & (detained["as_of"] == day)]
    return alternatives(d["estimate"], d["qualifier"]), sorted(set(d["source"]))


def report_dates(reports: pd.DataFrame, event_id: str) -> str:
    """The distinct dates an event's reports give, earliest first: 'July 2025, August 2025 or 18 September 2025'."""
    rep = reports[reports["event_id"] == event_id].sort_values(["date_start", "date"])
    words = list(dict.fromkeys(date_text(d) for d in rep["date"]))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def record_end(r: Results) -> pd.Series:
    """The latest date any movement or population figure of the record refers to (its `date`, its
    text and its sources)."""
    rows = pd.concat([
        pd.DataFrame({"date": r.movements["date"], "mid": r.movements["date_mid"], "source": r.movements["preferred_source"]}),
        pd.DataFrame({"date": r.detained["as_of"], "mid": r.detained["as_of_mid"], "source": r.detained["source"]})])
    last = rows[rows["mid"] == rows["mid"].max()]
    return pd.Series({"date": last["date"].iloc[0], "date_text": date_text(last["date"].iloc[0]),
                      "sources": ";".join(sorted(set(last["source"])))})


def sources_of(movements: pd.DataFrame, event_id: str) -> list[str]:
    """The source keys of one event's reports, the preferred first."""
    return movements.loc[movements["event_id"] == event_id, "sources"].iloc[0].split(";")
